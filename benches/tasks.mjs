#!/usr/bin/env node
// Background tasks in Node: how fast createSnapshot answers, and batch throughput of 200
// distinct 8-page reports with 1 and with 2 worker threads.
import { createEngine } from '../js/node.js';
import { flightsReport } from '../examples/snapshots.mjs';

const base = flightsReport(200);
/** 200 distinct reports: the same data, a different title each. */
const reports = Array.from({ length: 200 }, (_, i) => ({ ...base, title: `${base.title} #${i}` }));

// createSnapshot return latency: queueing work, not doing it (workers render meanwhile).
{
  const engine = createEngine({ workers: 2 });
  const times = [];
  const tasks = [];
  for (const r of reports) {
    const t = performance.now();
    tasks.push(engine.createSnapshot(r));
    times.push(performance.now() - t);
  }
  await Promise.all(tasks.map((t) => t.done));
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.floor(p * (times.length - 1))].toFixed(3);
  console.log(`createSnapshot return latency (8-page report object, 200 calls): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
  engine.close();
}

// Five rounds of each, alternating, so that a busy moment of the machine hits both
// alike; the median and the range are reported.
const ROUNDS = 5;
const engines = new Map();
for (const workers of [1, 2]) {
  const engine = createEngine({ workers, persistent: false, memory: { budgetBytes: 1 } });
  await engine.render({ title: 'warm-up' }); // start the workers
  await Promise.all(Array.from({ length: workers * 4 }, (_, i) => engine.render({ ...base, title: `warm ${i}` })));
  engines.set(workers, { engine, times: [] });
}
for (let round = 0; round < ROUNDS; round++) {
  for (const [workers, { engine, times }] of engines) {
    const t = performance.now();
    // Distinct per round too: nothing is served from memory (and L1 keeps nothing).
    const batch = engine.createSnapshots(reports.map((r) => ({ ...r, subtitle: `round ${round}` })));
    await batch.done;
    times.push(performance.now() - t);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [workers, { engine, times }] of engines) {
  const ms = median(times);
  const range = `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`;
  console.log(`batch of 200 distinct 8-page reports, ${workers} worker${workers > 1 ? 's' : ''}: median ${ms.toFixed(0)} ms (${range}; ${(200000 / ms).toFixed(0)} reports/s)`);
  engine.close();
}
console.log(`2 workers / 1 worker: ${(median(engines.get(1).times) / median(engines.get(2).times)).toFixed(2)}x (medians)`);
