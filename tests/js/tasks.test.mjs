// Background tasks in Node: createSnapshot, single flight, deadlines, crashed workers,
// cancellation, batches, on worker_threads and on the calling thread.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SnapshotEngine, WorkerPool, createEngine, spawnNodeWorker } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { flightsReport } from '../../examples/snapshots.mjs';

const doc = (n, rows = 10) => ({
  title: `Task ${n}`,
  blocks: [{ type: 'table', columns: ['a', 'b'], rows: Array.from({ length: rows }, (_, i) => [`row ${i}`, i]) }],
});
const big = flightsReport(5000); // about 20 ms of rendering: long enough to interrupt

/** An engine on a pool whose workers the test can reach (to kill one). */
function engineWithWorkers(size, options = {}) {
  const workers = [];
  const runner = new WorkerPool({ size, spawn: (events) => { const h = spawnNodeWorker(events); workers.push(h.worker); return h; } });
  return { engine: new SnapshotEngine({ wasm, runner, ...options }), workers };
}

describe('createSnapshot', () => {
  test('answers at once with a task, then completes through real stages', async () => {
    const engine = createEngine({ workers: 1 });
    // Long enough (about 20 ms) for the worker to post its stages; a render under 4 ms
    // only reports started and done.
    const task = engine.createSnapshot(big);
    assert.match(task.id, /^t/);
    assert.match(task.key, /^[0-9a-f]{64}$/);
    assert.equal(task.status, 'pending');
    assert.equal(task.progress, 0);
    const seen = [];
    task.addEventListener('progress', (e) => seen.push(e.detail.progress));
    const result = await task.done;
    assert.equal(result.source, 'render');
    assert.equal(task.status, 'completed');
    assert.equal(task.progress, 100);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'progress only moves forward');
    assert.ok(seen.includes(20) && seen.includes(50) && seen.includes(90) && seen.at(-1) === 100, `stages: ${seen}`);
    // A PDF in memory: a completed task at once.
    const again = engine.createSnapshot(big);
    assert.equal(again.status, 'completed');
    assert.equal((await again.done).source, 'l1');
    assert.equal(engine.listTasks({ status: 'completed' }).length, 2);
    assert.equal(engine.getTask(task.id), task);
    // The same snapshot as UTF-8 bytes has the same key.
    assert.equal(engine.createSnapshot(new TextEncoder().encode(JSON.stringify(big))).key, task.key);
    engine.close();
  });

  test('50 concurrent tasks with 20 distinct keys render exactly 20 times', async () => {
    const engine = createEngine({ workers: 2 });
    const tasks = Array.from({ length: 50 }, (_, i) => engine.createSnapshot(doc(i % 20, 200)));
    assert.equal(new Set(tasks.map((t) => t.runId)).size, 20, 'requests for one key share its run');
    assert.equal(new Set(tasks.map((t) => t.id)).size, 50, 'each request is its own task');
    const results = await Promise.all(tasks.map((t) => t.done));
    assert.equal(results.length, 50);
    assert.equal(engine.metrics.summary().histograms['render.ms'].count, 20);
    engine.close();
  });

  test('an invalid snapshot gives a failed task, not a throw', async () => {
    const engine = createEngine({ workers: 0 });
    const task = engine.createSnapshot({ title: 'T', blocks: [{ type: 'heading', level: 9, text: 'x' }] });
    assert.equal(task.status, 'failed');
    await assert.rejects(task.done, { code: 'INVALID_SNAPSHOT', path: 'blocks[0].level' });
  });

  test('priority runs first; FIFO otherwise', async () => {
    const engine = createEngine({ workers: 0 });
    const order = [];
    engine.tasks.addEventListener('completed', (e) => order.push(e.detail.task.key));
    const a = engine.createSnapshot(doc('a'));
    const b = engine.createSnapshot(doc('b'));
    const c = engine.createSnapshot(doc('c'), { priority: 10 });
    await Promise.all([a.done, b.done, c.done]);
    assert.deepEqual(order, [c.key, a.key, b.key]);
  });
});

describe('deadlines, crashes and cancellation', () => {
  test('a task past its deadline fails with TIMEOUT; the pool keeps working', async () => {
    const { engine } = engineWithWorkers(1, { tasks: { deadlineMs: 5 } });
    const slow = engine.createSnapshot(big);
    await assert.rejects(slow.done, { code: 'TIMEOUT' });
    assert.equal(slow.status, 'failed');
    const fine = new SnapshotEngine({ wasm, runner: new WorkerPool({ size: 1, spawn: spawnNodeWorker }) });
    assert.equal((await fine.render(doc(2))).source, 'render');
    // The same pool, after the timeout, with a generous deadline for the next task.
    const { engine: again } = engineWithWorkers(1, { tasks: { deadlineMs: 60_000 } });
    assert.equal((await again.render(doc(3))).source, 'render');
    assert.equal(engine.metrics.summary().outcomes.timed_out, 1);
    engine.close();
    fine.close();
    again.close();
  });

  test('a killed worker is replaced: its task fails with the cause, the next succeeds', async () => {
    const { engine, workers } = engineWithWorkers(1);
    const task = engine.createSnapshot(big);
    // Kill the worker once it reports a stage (it is busy with this task then).
    const kill = (e) => {
      if (e.detail.progress < 20) return;
      task.removeEventListener('progress', kill);
      void workers[0].terminate();
    };
    task.addEventListener('progress', kill);
    await assert.rejects(task.done, { code: 'WORKER_CRASHED' });
    assert.equal((await engine.render(doc(4))).source, 'render');
    assert.equal(workers.length, 2, 'a new worker was started');
    engine.close();
  });

  test('with retry, a crashed run is retried once and completes', async () => {
    const { engine, workers } = engineWithWorkers(1);
    const task = engine.createSnapshot(big, { retry: true });
    const kill = (e) => {
      if (e.detail.progress < 20) return;
      task.removeEventListener('progress', kill);
      void workers[0].terminate();
    };
    task.addEventListener('progress', kill);
    const result = await task.done;
    assert.equal(result.source, 'render');
    assert.equal(engine.listTasks().find((r) => r.id === task.id).attempts, 2);
    engine.close();
  });

  test('cancel before and during running; an AbortSignal cancels too', async () => {
    const engine = createEngine({ workers: 1 });
    const running = engine.createSnapshot(big);
    const pending = engine.createSnapshot(doc(5));
    await new Promise((resolve) => running.addEventListener('progress', resolve, { once: true }));
    assert.equal(engine.cancel(pending.id), true);
    assert.equal(engine.cancel(running.id), true);
    assert.equal(engine.cancel(running.id), false, 'already cancelled');
    await assert.rejects(pending.done, { name: 'SnapdfError', code: 'CANCELLED' });
    await assert.rejects(running.done, { code: 'CANCELLED' });
    assert.equal(running.status, 'cancelled');
    const controller = new AbortController();
    const signalled = engine.createSnapshot(doc(6), { signal: controller.signal });
    controller.abort();
    await assert.rejects(signalled.done, { code: 'CANCELLED' });
    assert.equal((await engine.render(doc(7))).source, 'render', 'the pool still works');
    assert.equal(engine.metrics.summary().outcomes.cancelled, 3);
    engine.close();
  });
});

test('a batch of 200 reports monotonic aggregate progress and settles', async () => {
  const engine = createEngine({ workers: 2 });
  const batch = engine.createSnapshots(Array.from({ length: 200 }, (_, i) => doc(`batch ${i}`, 20)));
  const seen = [];
  batch.addEventListener('progress', (e) => seen.push(e.detail.progress));
  const settled = await batch.done;
  assert.equal(settled.filter((r) => r.status === 'fulfilled').length, 200);
  assert.ok(seen.length > 10);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1], 'strictly increasing');
  assert.equal(seen.at(-1), 100);
  engine.close();
});

test('a Rust panic in a worker is contained: the job fails with the panic message, the worker is replaced', async () => {
  const workers = [];
  const pool = new WorkerPool({ size: 1, spawn: (events) => { const h = spawnNodeWorker(events); workers.push(h.worker); return h; } });
  const json = JSON.stringify(doc(1));
  await assert.rejects(pool.run({ id: 'p1', json, options: { __panicForTests: 'the layout lost its place' } }, () => {}), (e) => {
    assert.equal(e.code, 'WASM_TRAP');
    assert.match(e.message, /the layout lost its place/);
    return true;
  });
  const ok = await pool.run({ id: 'p2', json, options: {} }, () => {});
  assert.equal(new TextDecoder().decode(ok.pdf.subarray(0, 5)), '%PDF-');
  assert.equal(workers.length, 2, 'the trapped worker was replaced');
  pool.close();
});

test('a process killed mid-batch: the next engine on its cache directory resumes every unfinished task', async () => {
  const { spawn } = await import('node:child_process');
  const { tempDir } = await import('./helpers.mjs');
  const dir = tempDir();
  const child = spawn(process.execPath, [new URL('./resume-child.mjs', import.meta.url).pathname, dir, '8', '2']);
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  const signal = await new Promise((resolve) => child.on('exit', (_, sig) => resolve(sig)));
  assert.equal(signal, 'SIGKILL');
  const created = [...out.matchAll(/^created (\S+)$/gm)].map((m) => m[1]);
  const done = new Set([...out.matchAll(/^done (\S+)$/gm)].map((m) => m[1]));
  assert.equal(created.length, 8);
  assert.ok(done.size < 8, `the kill came too late to test anything (${done.size} of 8 done)`);
  const engine = createEngine({ cacheDir: dir, workers: 2 });
  const resumed = await engine.resumed;
  const resumedIds = resumed.map((t) => t.id).sort();
  // Tasks that finished before the kill may still be persisted if the kill came between
  // their completion and the removal of their record: those resume and hit the cache.
  for (const id of created.filter((id) => !done.has(id))) assert.ok(resumedIds.includes(id), `task ${id} was lost`);
  const results = await Promise.all(resumed.map((t) => t.done));
  assert.ok(results.every((r) => r.pdf.length > 100_000));
  // Every snapshot of the batch is now in the cache.
  for (let i = 0; i < 8; i++) {
    const r = await engine.render({ ...flightsReport(5000), title: `Resumable ${i}` });
    assert.notEqual(r.source, 'render', `snapshot ${i} was not finished`);
  }
  await engine.flush();
  assert.deepEqual(await createEngine({ cacheDir: dir }).resumed, [], 'nothing left to resume');
  engine.close();
});

test('a live engine keeps its persisted tasks: another engine on the same directory does not take them', async () => {
  const { tempDir } = await import('./helpers.mjs');
  const dir = tempDir();
  const a = createEngine({ cacheDir: dir, workers: 1 });
  const tasks = [1, 2, 3].map((i) => a.createSnapshot({ ...big, title: `Owned ${i}` }));
  await a.flush(); // persisted
  const b = createEngine({ cacheDir: dir, workers: 1 });
  assert.deepEqual(await b.resumed, [], 'the owner (this process) is alive');
  await Promise.all(tasks.map((t) => t.done));
  a.close();
  b.close();
});

test('killed again and again mid-batch (SIGKILL at random moments): no entry corrupt, no task lost', async () => {
  const { spawn } = await import('node:child_process');
  const { createHash } = await import('node:crypto');
  const { readFileSync, readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tempDir } = await import('./helpers.mjs');
  const dir = tempDir();
  const child = new URL('./resume-child.mjs', import.meta.url).pathname;
  // Processes in turn on one cache directory, each resuming what the last left: four
  // killed 150 to 650 ms in (worker start, renders, atomic writes, task records), the
  // last once its first task is done (so all of its tasks were persisted).
  for (const when of ['ms:150', 'ms:400', 'ms:250', 'ms:650', '1']) {
    const signal = await new Promise((resolve) => spawn(process.execPath, [child, dir, '8', when]).on('exit', (_, sig) => resolve(sig)));
    assert.ok(signal === 'SIGKILL', `round ${when}: ${signal}`);
  }
  const engine = createEngine({ cacheDir: dir, workers: 2 });
  await Promise.all((await engine.resumed).map((t) => t.done));
  // Each snapshot was either stored before a kill or persisted as a task and resumed:
  // none has to be rendered again.
  for (let i = 0; i < 8; i++) {
    const r = await engine.render({ ...flightsReport(5000), title: `Resumable ${i}` });
    assert.notEqual(r.source, 'render', `snapshot ${i} was lost`);
  }
  await engine.flush();
  engine.close();
  // Every entry on disk is whole: its bytes hash to the digest its record gives.
  const entries = join(dir, 'entries');
  const records = readdirSync(entries).filter((n) => n.endsWith('.json'));
  assert.equal(records.length, 8, readdirSync(entries).join(' '));
  for (const name of records) {
    const record = JSON.parse(readFileSync(join(entries, name), 'utf8'));
    const pdf = readFileSync(join(entries, name.replace(/\.json$/, '.pdf')));
    assert.equal(createHash('sha256').update(pdf).digest('hex'), record.digest, `entry ${name} is corrupt`);
  }
  assert.deepEqual(await createEngine({ cacheDir: dir }).resumed, [], 'no task left behind');
});

test('a persisted task is not resumed under its old key when the font under its name changed', async () => {
  const { spawn } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const { tempDir } = await import('./helpers.mjs');
  const dir = tempDir();
  const dejavu = '/usr/share/fonts/truetype/dejavu';
  const child = new URL('./resume-font-child.mjs', import.meta.url).pathname;
  const signal = await new Promise((resolve) => spawn(process.execPath, [child, dir, `${dejavu}/DejaVuSans.ttf`]).on('exit', (_, sig) => resolve(sig)));
  assert.equal(signal, 'SIGKILL');
  // Another file under the same name: the key the task was persisted with is not this
  // engine's key for it, so rendering it would store a Serif PDF under the Sans key.
  const serif = [{ name: 'S', data: new Uint8Array(readFileSync(`${dejavu}/DejaVuSerif.ttf`)) }];
  const engine = createEngine({ cacheDir: dir, workers: 1, fonts: serif });
  assert.deepEqual(await engine.resumed, [], 'not resumed');
  assert.equal(engine.metrics.summary().counters['tasks.resume_refused']?.total, 1);
  await engine.close();
  assert.deepEqual(await createEngine({ cacheDir: dir, workers: 0 }).resumed, [], 'and its record is gone');
});
