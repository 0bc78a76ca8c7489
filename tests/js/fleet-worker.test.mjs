// The BullMQ render fleet: real `snapdf worker` processes, a real redis-server each test.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { Job, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { cacheKey, enqueueSnapshot } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { openQueue, renderJob } from '../../js/fleet/queue.js';
import { flightsReport } from '../../examples/snapshots.mjs';
import { cli, root, runCli, tempDir } from './helpers.mjs';
import { freePort, startRedis, waitFor } from './redis-helpers.mjs';

/** Whether script(1) (util-linux) is installed, to run a command on a terminal. */
function hasScript() {
  return !spawnSync('script', ['--version']).error;
}

/** 100 distinct snapshots of a few ms of rendering each. */
const docs = Array.from({ length: 100 }, (_, n) => ({ ...flightsReport(600), title: `Fleet ${n}` }));
/** 100 distinct snapshots of about 10 ms each: a worker is always mid-job. */
const bigDocs = Array.from({ length: 100 }, (_, n) => ({ ...flightsReport(2500), title: `Fleet ${n}` }));

/**
 * Starts `snapdf worker` and resolves once it is ready.
 * @param {string} url
 * @param {string[]} [extra]
 */
async function startWorker(url, extra = []) {
  const p = spawn(process.execPath, [cli, 'worker', '--redis', url, '--concurrency', '2', '--metrics-ms', '200', ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => p.once('exit', resolve));
  const worker = { proc: p, exited, completed: 0, lines: [] };
  await new Promise((resolve, reject) => {
    createInterface({ input: p.stdout }).on('line', (l) => {
      worker.lines.push(l);
      if (l.includes(': ready') || l.startsWith('{"type":"ready"')) resolve(undefined);
      if (l.startsWith('completed ')) worker.completed += 1;
    });
    exited.then((code) => reject(new Error(`snapdf worker exited with ${code} before it was ready`)));
  });
  return worker;
}

/** Every stored entry (SCAN), checked against its digest. @param {Redis} redis */
async function verifyStore(redis) {
  let cursor = '0';
  let entries = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'snapdf:cache:e:*', 'COUNT', 200);
    cursor = next;
    for (const k of keys) {
      const [pdf, record] = await redis.hmgetBuffer(k, 'pdf', 'record');
      const r = JSON.parse(record.toString());
      assert.equal(wasm.sha256(pdf), r.digest, `digest of ${k}`);
      assert.equal(`snapdf:cache:e:${r.key}`, k);
      entries += 1;
    }
  } while (cursor !== '0');
  return entries;
}

/**
 * Enqueues `count` jobs cycling over `set`, all at once (so every worker is busy);
 * resolves to the queue, the job ids and their expected keys.
 * @param {string} url
 * @param {number} count
 */
async function enqueueMany(url, count, set = docs) {
  const queue = openQueue({ url });
  queue.setMaxListeners(0); // one waiter per job
  // JSON text and keys computed once per snapshot, before the workers get busy.
  const texts = set.map((doc) => JSON.stringify(doc));
  const keys = texts.map((text) => cacheKey(text));
  const pick = Array.from({ length: count }, (_, i) => (i * 37) % 100);
  const jobs = await queue.addBulk(pick.map((n) => renderJob(texts[n], {})));
  return { queue, ids: jobs.map((j) => j.id), expected: pick.map((n) => keys[n]) };
}

/**
 * Runs `body` with a fresh Redis, `count` workers started with `args`, a Redis client,
 * the queue's events and a queue of `jobs` jobs over `set`; stops them all afterwards,
 * whatever happens.
 * @param {{ count: number, args?: string[], jobs: number, set?: object[] }} options
 * @param {(fleet: { server: any, workers: any[], redis: Redis, events: QueueEvents, queue: import('bullmq').Queue,
 *   ids: string[], expected: string[], finished: () => Promise<string[]> }) => Promise<void>} body
 */
async function withFleet({ count, args = [], jobs, set = docs }, body) {
  const server = await startRedis({ policy: 'noeviction' }); // BullMQ's queue must never be evicted
  const workers = [];
  const redis = new Redis(server.url);
  const events = new QueueEvents('render', { prefix: 'snapdf', connection: { url: server.url } });
  events.setMaxListeners(0); // one waiter per job
  let queue;
  try {
    for (let i = 0; i < count; i++) workers.push(await startWorker(server.url, args));
    await events.waitUntilReady();
    const added = await enqueueMany(server.url, jobs, set);
    queue = added.queue;
    const finished = () => Promise.all(added.ids.map(async (id) => (await Job.fromId(added.queue, id)).waitUntilFinished(events)));
    await body({ server, workers, redis, events, queue, ids: added.ids, expected: added.expected, finished });
  } finally {
    for (const w of workers) w.proc.kill('SIGKILL');
    await queue?.close();
    await events.close();
    redis.disconnect();
    await server.stop();
  }
}

describe('render fleet (BullMQ)', () => {
  test('3 workers, 300 jobs over 100 snapshots: all complete, 100 renders fleet-wide, every entry verifies', async () => {
    await withFleet({ count: 3, jobs: 300 }, async ({ server, workers, redis, events, queue, expected, finished }) => {
      assert.deepEqual(await finished(), expected, 'each job\'s result is its cache key');
      // An invalid snapshot fails at once, without retries.
      const bad = await enqueueSnapshot({ title: 5 }, { queue });
      await assert.rejects((await Job.fromId(queue, bad)).waitUntilFinished(events), /INVALID_SNAPSHOT/);
      assert.equal((await Job.fromId(queue, bad)).attemptsMade, 1);
      // Stopped gracefully, each worker publishes its metrics a last time.
      for (const w of workers) w.proc.kill('SIGTERM');
      assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0, 0]);
      const merged = runCli(['metrics', '--redis', server.url, '--format', 'json']);
      assert.equal(merged.status, 0, merged.stderr);
      const summary = JSON.parse(merged.stdout);
      assert.equal(summary.histograms['render.ms'].count, 100, 'exactly 100 renders fleet-wide');
      assert.equal(summary.outcomes.completed + (summary.counters['tasks.joined']?.total ?? 0), 300);
      assert.equal(await verifyStore(redis), 100);
      const table = runCli(['metrics', '--redis', server.url]);
      assert.match(table.stdout, /fleet: 3 workers published metrics/);
    });
  });

  test('a worker killed (SIGKILL) mid-batch: every job still completes elsewhere, no entry corrupt', async () => {
    // Short job locks and single-flight locks, so the dead worker's work is taken up quickly.
    const args = ['--stalled-ms', '1000', '--lock-ttl-ms', '1000'];
    await withFleet({ count: 3, args, jobs: 300, set: bigDocs }, async ({ workers, redis, events, expected, finished }) => {
      let stalled = 0;
      events.on('stalled', () => (stalled += 1));
      const progress = new Set();
      events.on('progress', ({ data }) => progress.add(data));
      await waitFor(() => workers[0].completed >= 3, 'the first worker to complete 3 jobs');
      workers[0].proc.kill('SIGKILL'); // mid-batch: it has jobs in hand
      assert.deepEqual(await finished(), expected, 'every job completed with its key');
      assert.ok(stalled >= 1, 'the killed worker\'s active jobs were recovered as stalled');
      // Job progress is the render's stages (started 5, validated 20, laid out 50, assembled 90, stored 100).
      assert.ok([...progress].every((p) => [5, 20, 50, 90, 100].includes(p)), `progress values: ${[...progress]}`);
      assert.ok(progress.has(50) && progress.has(100), `progress values: ${[...progress]}`);
      assert.equal(await verifyStore(redis), 100);
    });
  });

  test('a transient failure (a render past its deadline) is retried with backoff, then fails', async () => {
    const server = await startRedis({ policy: 'noeviction' });
    const worker = await startWorker(server.url, ['--deadline-ms', '1']);
    const queue = openQueue({ url: server.url });
    const events = new QueueEvents('render', { prefix: 'snapdf', connection: { url: server.url } });
    try {
      await events.waitUntilReady();
      const id = await enqueueSnapshot({ ...flightsReport(5000), title: 'Too slow' }, { queue, attempts: 3, backoffMs: 50 });
      await assert.rejects((await Job.fromId(queue, id)).waitUntilFinished(events), /deadline/);
      assert.equal((await Job.fromId(queue, id)).attemptsMade, 3, 'retried, unlike an input error');
    } finally {
      worker.proc.kill('SIGKILL');
      await queue.close();
      await events.close();
      await server.stop();
    }
  });

  test('snapdf worker --font: queued snapshots set in a supplied font render, keyed by it', async () => {
    const server = await startRedis({ policy: 'noeviction' });
    const dir = tempDir();
    const fontFile = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    const doc = { title: 'Отчёт', font: 'DejaVu Sans', blocks: [{ type: 'paragraph', text: 'Съешь же ещё этих мягких французских булок.' }] };
    writeFileSync(join(dir, 'cyrillic.json'), JSON.stringify(doc));
    const without = await startWorker(server.url);
    try {
      // A worker without the font: the job fails at once, naming the font.
      const refused = runCli(['enqueue', join(dir, 'cyrillic.json'), '--redis', server.url, '--wait', '--json']);
      assert.equal(refused.status, 1);
      assert.match(JSON.parse(refused.stdout)[0].error, /INVALID_SNAPSHOT.*DejaVu Sans/);
    } finally {
      without.proc.kill('SIGKILL');
    }
    const worker = await startWorker(server.url, ['--font', `DejaVu Sans=${fontFile}`]);
    try {
      const r = runCli(['enqueue', join(dir, 'cyrillic.json'), '--redis', server.url, '--wait', '--json']);
      assert.equal(r.status, 0, r.stderr);
      const [job] = JSON.parse(r.stdout);
      assert.equal(job.status, 'completed');
      const fonts = [{ name: 'DejaVu Sans', data: new Uint8Array(readFileSync(fontFile)) }];
      assert.equal(job.key, cacheKey(doc, { fonts }), 'the key covers the font file');
      const redis = new Redis(server.url);
      try {
        assert.equal(await verifyStore(redis), 1, 'the PDF is in the shared cache, digest intact');
      } finally {
        redis.disconnect();
      }
    } finally {
      worker.proc.kill('SIGKILL');
      await server.stop();
    }
  });

  test('snapdf enqueue a folder --wait: job ids and outcomes, non-zero when one failed', async () => {
    const server = await startRedis({ policy: 'noeviction' }); // BullMQ's queue must never be evicted
    const dir = tempDir();
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `ok-${i}.json`), JSON.stringify(docs[i]));
    writeFileSync(join(dir, 'bad.json'), '{"title": ');
    writeFileSync(join(dir, 'broken.csv'), 'a,b\n1,2\n3,4,5\n'); // unreadable: never queued
    const worker = await startWorker(server.url);
    try {
      const ok = runCli(['enqueue', join(dir, 'ok-0.json'), join(dir, 'ok-1.json'), '--redis', server.url, '--wait', '--json']);
      assert.equal(ok.status, 0, ok.stderr);
      const report = JSON.parse(ok.stdout);
      assert.deepEqual(report.map((r) => r.status), ['completed', 'completed']);
      assert.equal(report[0].key, cacheKey(docs[0]));
      const all = runCli(['enqueue', dir, '--redis', server.url, '--wait']);
      assert.equal(all.status, 1, 'a failed job makes the exit status non-zero');
      const lines = all.stdout.trim().split('\n');
      assert.equal(lines.length, 5);
      assert.match(lines.find((l) => l.includes('bad.json')), /failed INVALID_JSON/);
      // A file that cannot be read is named with its error; the others are queued all the same.
      assert.equal(lines.find((l) => l.includes('broken.csv')), `- ${join(dir, 'broken.csv')} failed INVALID_CSV: line 3: Invalid Record Length: expect 2, got 3`);
      assert.equal(lines.filter((l) => / completed [0-9a-f]{64}$/.test(l)).length, 3);
      assert.equal(all.stderr, '', 'no error printed for the folder');
      const queued = runCli(['enqueue', join(dir, 'ok-2.json'), '--redis', server.url]);
      assert.equal(queued.status, 0);
      assert.match(queued.stdout, /^\d+ .*ok-2\.json queued$/m);
    } finally {
      worker.proc.kill('SIGKILL');
      await server.stop();
    }
  });

  test('snapdf enqueue --wait on a terminal counts the jobs given (3/3, not 3/100)', { skip: !hasScript() && 'needs script(1)' }, async () => {
    const server = await startRedis({ policy: 'noeviction' });
    const dir = tempDir();
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `ok-${i}.json`), JSON.stringify(docs[i]));
    const worker = await startWorker(server.url);
    try {
      // script(1) gives the CLI a terminal, where the progress bar is drawn.
      const command = [process.execPath, cli, 'enqueue', dir, '--redis', server.url, '--wait'].map((a) => `'${a}'`).join(' ');
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /3\/3 jobs \| 0 failed/);
      assert.doesNotMatch(r.stdout, /\/100 jobs/);
    } finally {
      worker.proc.kill('SIGKILL');
      await server.stop();
    }
  });

  test('snapdf worker exits within 10 s of SIGTERM while its Redis is down', async () => {
    const server = await startRedis({ policy: 'noeviction' });
    const worker = await startWorker(server.url, ['--stop-ms', '2000', '--json']);
    try {
      await server.stop();
      worker.proc.kill('SIGTERM');
      const code = await Promise.race([worker.exited, new Promise((resolve) => setTimeout(resolve, 10_000, 'still running'))]);
      assert.equal(code, 1, 'stopped without finishing: exit code 1');
      // With --json, every line the worker printed is a JSON event.
      assert.deepEqual(worker.lines.map((l) => JSON.parse(l).type), ['ready', 'stopped']);
      assert.equal(JSON.parse(worker.lines[1]).forced, true);
    } finally {
      worker.proc.kill('SIGKILL');
    }
  });
});

describe('fleet commands without a reachable Redis', () => {
  test('a queue that has connected reconnects after an outage longer than the 5 s it waits for a first connection', async () => {
    const server = await startRedis({ policy: 'noeviction' });
    const queue = openQueue({ url: server.url });
    try {
      await queue.waitUntilReady();
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 6000));
      await server.start();
      const id = await enqueueSnapshot({ title: 'after the outage' }, { queue, timeoutMs: 30_000 });
      assert.match(id, /^\d+$/);
    } finally {
      await queue.close();
      await server.stop();
    }
  });

  test('snapdf enqueue and metrics --redis fail in one line within seconds; enqueueSnapshot rejects', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`; // nothing listens there
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(docs[0]));
    for (const args of [['enqueue', join(dir, 'a.json'), '--redis', url], ['enqueue', dir, '--redis', url, '--wait'], ['metrics', '--redis', url]]) {
      const r = runCli(args, { timeoutMs: 60_000 });
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^snapdf: Redis at redis:\/\/127\.0\.0\.1:\d+ (did not answer within 5000 ms|cannot be reached).*\[REDIS_UNAVAILABLE\]$/m);
      assert.equal(r.stdout, '');
    }
    const json = runCli(['enqueue', dir, '--redis', url, '--json'], { timeoutMs: 60_000 });
    assert.equal(JSON.parse(json.stderr).error.code, 'REDIS_UNAVAILABLE');
    await assert.rejects(enqueueSnapshot({ title: 'x' }, { url, timeoutMs: 1000 }), { name: 'SnapdfError', code: 'REDIS_UNAVAILABLE' });
  });
});
