// The task contract as a caller sees it: each createSnapshot call is its own request
// (its own id, done, signal and cancel) even when it shares a run; deadlines count
// running time, not the wait for a worker; events reach listeners added after the call;
// a batch ends at 100 however its tasks ended.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SnapshotEngine, WorkerPool, createEngine } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { flightsReport } from '../../examples/snapshots.mjs';

const doc = (n, rows = 10) => ({
  title: `Request ${n}`,
  blocks: [{ type: 'table', columns: ['a', 'b'], rows: Array.from({ length: rows }, (_, i) => [`row ${i}`, i]) }],
});
const big = flightsReport(5000); // about 20 ms of rendering

/** Resolves on the task's first event of `type`. */
const once = (target, type) => new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));

describe('requests that share a run', () => {
  test('a request joining a run with an aborted signal is cancelled; the first request still completes', async () => {
    const engine = createEngine({ workers: 1 });
    const first = engine.createSnapshot(big);
    const second = engine.createSnapshot(big, { signal: AbortSignal.abort() });
    assert.equal(second.runId, first.id, 'it joined the run');
    assert.notEqual(second.id, first.id, 'but is its own request');
    await assert.rejects(second.done, { name: 'SnapdfError', code: 'CANCELLED' });
    assert.equal(second.status, 'cancelled');
    assert.equal((await first.done).source, 'render');
    assert.equal(first.status, 'completed');
    engine.close();
  });

  test("engine.cancel(id) of the second request leaves the first one's render alone", async () => {
    const engine = createEngine({ workers: 1 });
    const first = engine.createSnapshot(big);
    const second = engine.createSnapshot(big);
    await once(first, 'progress'); // running
    assert.equal(engine.cancel(second.id), true);
    assert.equal(engine.cancel(second.id), false, 'already cancelled');
    await assert.rejects(second.done, { code: 'CANCELLED' });
    const result = await first.done;
    assert.equal(result.source, 'render');
    assert.equal(engine.listTasks().find((r) => r.id === first.id).status, 'completed');
    engine.close();
  });

  test('a signal of the first request withdraws only it; the joined request gets the PDF', async () => {
    const engine = createEngine({ workers: 1 });
    const controller = new AbortController();
    const first = engine.createSnapshot(big, { signal: controller.signal });
    const second = engine.createSnapshot(big);
    controller.abort();
    await assert.rejects(first.done, { code: 'CANCELLED' });
    assert.equal((await second.done).source, 'render');
    assert.equal(engine.metrics.summary().outcomes.cancelled ?? 0, 0, 'the run was not cancelled');
    engine.close();
  });

  test('the run stops when every request has withdrawn (task.cancel())', async () => {
    const engine = createEngine({ workers: 1 });
    const first = engine.createSnapshot(big);
    const second = engine.createSnapshot(big);
    await once(first, 'progress');
    assert.equal(first.cancel(), true);
    assert.equal(engine.listTasks().find((r) => r.id === first.runId).status, 'running', 'still wanted by the second');
    assert.equal(second.cancel(), true);
    await assert.rejects(first.done, { code: 'CANCELLED' });
    await assert.rejects(second.done, { code: 'CANCELLED' });
    assert.equal(engine.listTasks().find((r) => r.id === first.runId).status, 'cancelled');
    assert.equal(engine.metrics.summary().outcomes.cancelled, 1);
    assert.equal((await engine.render(doc(1))).source, 'render', 'the pool still works');
    engine.close();
  });
});

describe('deadlines count running time', () => {
  /**
   * A pool of one stand-in worker that takes each job in turn and answers after the
   * milliseconds named in its snapshot's title ("sleep 400"). Timers fire in the order
   * they fall due, so the outcome does not depend on the machine's load.
   */
  function sleepyPool() {
    return new WorkerPool({
      size: 1,
      spawn: (events) => {
        const queue = [];
        const next = () => {
          const msg = queue[0];
          if (!msg) return;
          const ms = Number(/sleep (\d+)/.exec(msg.json)[1]);
          setTimeout(() => {
            queue.shift();
            const pdf = new TextEncoder().encode('%PDF-1.7 stand-in');
            events.message({ type: 'done', id: msg.id, ok: true, result: { pdf, key: msg.key, pages: 1, stages: { validateMs: 0, keyMs: 0, layoutMs: 0, pdfMs: ms } } });
            next();
          }, ms);
        };
        return {
          post(msg) {
            if (msg.type !== 'render') return;
            queue.push(msg);
            if (queue.length === 1) next();
          },
          terminate() {},
        };
      },
    });
  }

  test('a quick task queued behind a slow one on the only worker is not timed out by the wait', async () => {
    const engine = new SnapshotEngine({ wasm, runner: sleepyPool(), tasks: { deadlineMs: 600 } });
    const slow = engine.createSnapshot({ title: 'sleep 400', blocks: [] });
    const quick = engine.createSnapshot({ title: 'sleep 400 (the second)', blocks: [] });
    // The slow one runs 400 of its 600 ms; the second waits 400 ms for the worker, then
    // runs 400 ms: 800 ms after it was handed over, but only 400 ms of running time.
    assert.equal((await slow.done).source, 'render');
    assert.equal((await quick.done).source, 'render');
    engine.close();
  });

  test('a worker that takes longer to boot than the deadline does not time out its first job (the probe: every job after a replacement did)', async () => {
    // A stand-in worker that says it is ready 500 ms after it starts, then answers each
    // job after 50 ms; the deadline is 200 ms of running time.
    const pool = new WorkerPool({
      size: 1,
      spawn: (events) => {
        const queue = [];
        let ready = false;
        const answer = () => {
          const msg = queue.shift();
          if (!msg) return;
          setTimeout(() => {
            const pdf = new TextEncoder().encode('%PDF-1.7 stand-in');
            events.message({ type: 'done', id: msg.id, ok: true, result: { pdf, key: msg.key, pages: 1, stages: { validateMs: 0, keyMs: 0, layoutMs: 0, pdfMs: 50 } } });
            answer();
          }, 50);
        };
        setTimeout(() => {
          ready = true;
          events.message({ type: 'ready' });
          answer();
        }, 500);
        return {
          announcesReady: true,
          post(msg) {
            if (msg.type !== 'render') return;
            queue.push(msg);
            if (ready && queue.length === 1) answer();
          },
          terminate() {},
        };
      },
    });
    const engine = new SnapshotEngine({ wasm, runner: pool, tasks: { deadlineMs: 200 } });
    const task = engine.createSnapshot({ title: 'booting', blocks: [] });
    assert.equal((await task.done).source, 'render');
    engine.close();
  });

  test('running time past the deadline still fails with TIMEOUT', async () => {
    const engine = new SnapshotEngine({ wasm, runner: sleepyPool(), tasks: { deadlineMs: 200 } });
    const task = engine.createSnapshot({ title: 'sleep 600', blocks: [] });
    await assert.rejects(task.done, (e) => {
      assert.equal(e.code, 'TIMEOUT');
      assert.match(e.message, /deadline of 200 ms of running time/);
      return true;
    });
    engine.close();
  });
});

describe('events reach listeners added after createSnapshot', () => {
  test('an L1 hit: completed and progress fire after the call returns', async () => {
    const engine = createEngine({ workers: 0 });
    await engine.render(doc(2));
    const task = engine.createSnapshot(doc(2));
    assert.equal(task.status, 'completed', 'completed at once');
    const seen = [];
    task.addEventListener('progress', (e) => seen.push(`progress ${e.detail.progress}`));
    task.addEventListener('completed', (e) => seen.push(`completed ${e.detail.source}`));
    engine.tasks.addEventListener('completed', (e) => e.detail.task === task && seen.push('engine completed'));
    await task.done;
    await Promise.resolve();
    assert.deepEqual(seen, ['progress 100', 'completed l1', 'engine completed']);
  });

  test('an invalid snapshot: failed fires after the call returns, on the task and the engine', async () => {
    const engine = createEngine({ workers: 0 });
    const task = engine.createSnapshot({ title: 'T', blocks: [{ type: 'heading', level: 9, text: 'x' }] });
    const [own, engines] = await Promise.all([once(task, 'failed'), once(engine.tasks, 'failed')]);
    assert.equal(own.detail.code, 'INVALID_SNAPSHOT');
    assert.equal(engines.detail.task, task);
  });

  test('a listener added after the task ended is called once with the outcome', async () => {
    const engine = createEngine({ workers: 0 });
    const task = engine.createSnapshot(doc(3));
    await task.done;
    await new Promise((resolve) => setTimeout(resolve, 10));
    const calls = [];
    task.addEventListener('completed', (e) => calls.push(e.detail.source));
    task.addEventListener('failed', () => calls.push('failed'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(calls, ['render']);
  });
});

test('a batch with an invalid snapshot reaches 100 when all its tasks have ended', async () => {
  const engine = createEngine({ workers: 1 });
  const batch = engine.createSnapshots([doc('b1'), doc('b2'), { title: '', blocks: [] }, doc('b3')]);
  const seen = [];
  batch.addEventListener('progress', (e) => seen.push(e.detail.progress));
  const settled = await batch.done;
  assert.deepEqual(settled.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  assert.equal(batch.progress, 100);
  assert.equal(seen.at(-1), 100);
  engine.close();
});
