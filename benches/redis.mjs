#!/usr/bin/env node
// The shared Redis cache and the BullMQ fleet on loopback, each part on its own
// redis-server (free port, temporary directory, no persistence):
//   1. L2 hit latency through RedisStore (digest check included), 100 KB and 1 MB
//   2. what one render costs Redis: commands and bytes, cache only and through the queue
//   3. throughput of 500 distinct 8-page reports with 1 and 2 `snapdf worker` processes
//   4. what one Redis can take (redis-benchmark), for the estimate in BENCHMARKS.md
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { RedisStore, createEngine } from '../js/node.js';
import * as wasm from '../pkg/snapdf.js';
import { openQueue, renderJob } from '../js/fleet/queue.js';
import { flightsReport } from '../examples/snapshots.mjs';
import { startRedis } from '../tests/js/redis-helpers.mjs';
import { measure } from './cache-cases.js';

const cli = new URL('../js/cli.js', import.meta.url).pathname;
const ms = (/** @type {number} */ v) => `${v.toFixed(3)} ms`;

/** Redis's own counters: commands processed, bytes in and out, CPU seconds. @param {Redis} redis */
async function counters(redis) {
  const info = await redis.info();
  const field = (/** @type {string} */ name) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return {
    commands: field('total_commands_processed'),
    in: field('total_net_input_bytes'),
    out: field('total_net_output_bytes'),
    cpu: field('used_cpu_user') + field('used_cpu_sys'),
  };
}

/** @param {Awaited<ReturnType<typeof counters>>} a @param {Awaited<ReturnType<typeof counters>>} b @param {number} n */
function perRender(a, b, n) {
  return { commands: (b.commands - a.commands) / n, inBytes: (b.in - a.in) / n, outBytes: (b.out - a.out) / n, cpuMs: ((b.cpu - a.cpu) * 1000) / n };
}

/** @param {ReturnType<typeof perRender>} r */
function costText(r) {
  return `${r.commands.toFixed(1)} commands, ${Math.round(r.inBytes)} B in, ${Math.round(r.outBytes)} B out, ${r.cpuMs.toFixed(3)} ms of Redis CPU`;
}

// --- 1. L2 hit latency -------------------------------------------------------------
{
  const server = await startRedis();
  const store = new RedisStore({ url: server.url });
  await store.ready();
  // An L1 too small for any entry: every get goes to Redis and checks the digest.
  const engine = createEngine({ store, workers: 0, memory: { budgetBytes: 1 } });
  console.log('L2 hit through RedisStore on loopback (HMGET, SHA-256 check, policy mirror)');
  for (const size of [100 * 1024, 1024 * 1024]) {
    const pdf = new Uint8Array(size);
    for (let i = 0; i < size; i++) pdf[i] = (i * 2654435761) >>> 24;
    const key = wasm.sha256(pdf);
    await store.write({ key, namespace: '', size, pages: 1, digest: wasm.sha256(pdf), createdMs: Date.now(), lastAccessMs: Date.now(), expiresMs: Date.now() + 3_600_000 }, pdf);
    const hit = await measure(async () => {
      const e = await engine.cache.get(key);
      if (e?.layer !== 'l2') throw new Error('expected an L2 hit');
    }, 500);
    const read = await measure(() => store.readEntry(key), 500);
    const digest = await measure(() => wasm.sha256(pdf), 500);
    console.log(`  ${size / 1024} KB: hit median ${ms(hit.median)}, p99 ${ms(hit.p99)}; of which HMGET median ${ms(read.median)}, SHA-256 median ${ms(digest.median)}`);
  }
  engine.close();
  await store.close();
  await server.stop();
}

// --- 2. Redis commands and bytes per render ---------------------------------------------
const report = (/** @type {number} */ n) => ({ ...flightsReport(200), title: `Fleet report ${n}` });
{
  const server = await startRedis();
  const redis = new Redis(server.url);
  const store = new RedisStore({ url: server.url });
  await store.ready();
  const engine = createEngine({ store, workers: 1 });
  const docs = Array.from({ length: 200 }, (_, n) => report(n));
  let before = await counters(redis);
  for (const d of docs) await engine.render(d);
  let after = await counters(redis);
  const miss = perRender(before, after, docs.length);
  // A hit in another engine (L1 empty): the shared store serves it.
  const other = createEngine({ store, workers: 0 });
  before = await counters(redis);
  for (const d of docs) await other.render(d);
  after = await counters(redis);
  const hit = perRender(before, after, docs.length);
  console.log('Redis per request, cache only (engine.render with RedisStore, 8-page report)');
  console.log(`  miss + render + store: ${costText(miss)}`);
  console.log(`  hit in another process: ${costText(hit)}`);
  engine.close();
  other.close();
  await store.close();
  redis.disconnect();
  await server.stop();
}

// --- 3. Fleet throughput -------------------------------------------------------------------
/**
 * Starts `processes` workers, enqueues `count` distinct reports at once, and times them
 * from the enqueue to the last completion.
 * @param {number} processes
 * @param {number} concurrency per process
 * @param {number} count
 */
async function fleetRun(processes, concurrency, count) {
  const server = await startRedis({ policy: 'noeviction' });
  const redis = new Redis(server.url);
  const workers = [];
  for (let i = 0; i < processes; i++) {
    const p = spawn(process.execPath, [cli, 'worker', '--redis', server.url, '--concurrency', String(concurrency), '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => createInterface({ input: p.stdout }).on('line', (l) => l.includes(': ready') && resolve(undefined)));
    workers.push(p);
  }
  const events = new QueueEvents('render', { prefix: 'snapdf', connection: { url: server.url } });
  await events.waitUntilReady();
  const queue = openQueue({ url: server.url });
  const texts = Array.from({ length: count }, (_, n) => JSON.stringify({ ...report(n), title: `Throughput ${processes}x${concurrency} ${n}` }));
  let done = 0;
  const finished = new Promise((resolve) => events.on('completed', () => ++done === count && resolve(undefined)));
  const before = await counters(redis);
  const t0 = performance.now();
  await queue.addBulk(texts.map((t) => renderJob(t, {})));
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  const after = await counters(redis);
  for (const w of workers) w.kill('SIGTERM');
  await queue.close();
  await events.close();
  redis.disconnect();
  await server.stop();
  return { seconds, perSecond: count / seconds, redis: perRender(before, after, count) };
}

console.log('Fleet throughput: 500 distinct 8-page reports, enqueued at once, to the last completion');
for (const [processes, concurrency] of [[1, 1], [1, 2], [2, 1], [2, 2]]) {
  const r = await fleetRun(processes, concurrency, 500);
  console.log(`  ${processes} worker process(es) x concurrency ${concurrency}: ${r.seconds.toFixed(2)} s, ${r.perSecond.toFixed(0)} reports/s; Redis per job: ${costText(r.redis)}`);
}

// --- 4. What one Redis takes ----------------------------------------------------------------
{
  const server = await startRedis();
  const run = (/** @type {string[]} */ args) => {
    const out = execFileSync('redis-benchmark', ['-p', String(server.port), '-q', ...args], { encoding: 'utf8' });
    return [...out.matchAll(/([A-Z]+): ([\d.]+) requests per second/g)].map((m) => `${m[1]} ${Math.round(Number(m[2]))}/s`).join(', ');
  };
  console.log('redis-benchmark on this machine (50 clients)');
  console.log(`  small GET/SET: ${run(['-n', '100000', '-t', 'get,set'])}`);
  console.log(`  11 KB values (an 8-page report): ${run(['-n', '20000', '-d', '11264', '-t', 'get,set'])}`);
  await server.stop();
}
