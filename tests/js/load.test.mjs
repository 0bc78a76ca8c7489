// Load: 1,000 tasks over 100 distinct snapshots through the worker pool. Every task
// ends, exactly 100 renders happen, and memory returns to its baseline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEngine } from 'snapdf';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const doc = (n) => ({ title: `Load ${n}`, blocks: [{ type: 'table', columns: ['a', 'b', 'c'], rows: Array.from({ length: 300 }, (_, i) => [`row ${i}`, i * n, 'x'.repeat(i % 20)]) }] });

async function heapAfterGc() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

test('1,000 tasks, 100 distinct snapshots: every task ends, 100 renders, memory back to baseline', async () => {
  const docs = Array.from({ length: 100 }, (_, n) => doc(n));
  const baseline = await heapAfterGc();
  let engine = createEngine({ workers: 2, persistent: false, memory: { budgetBytes: 1 } }); // keep no PDFs
  const tasks = [];
  for (let i = 0; i < 1000; i++) tasks.push(engine.createSnapshot(docs[(i * 37) % 100]));
  const settled = await Promise.allSettled(tasks.map((t) => t.done));
  assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 1000, 'every task completed');
  const s = engine.metrics.summary();
  // All 1,000 requests arrive before any render ends: each key's requests share one task.
  assert.equal(s.histograms['render.ms'].count, 100);
  assert.equal(s.outcomes.completed, 100, 'one outcome per task');
  assert.equal(s.counters['tasks.joined'].total, 900, 'the other requests joined a task');
  engine.close();
  engine = undefined;
  tasks.length = 0;
  settled.length = 0;
  const after = await heapAfterGc();
  assert.ok(after - baseline < 8 * 2 ** 20, `heap grew by ${((after - baseline) / 2 ** 20).toFixed(1)} MiB`);
});

test('with a memory cache, the same load renders each distinct snapshot exactly once', async () => {
  const engine = createEngine({ workers: 2, persistent: false });
  const docs = Array.from({ length: 100 }, (_, n) => doc(n));
  const tasks = Array.from({ length: 1000 }, (_, i) => engine.createSnapshot(docs[(i * 37) % 100]));
  await Promise.all(tasks.map((t) => t.done));
  assert.equal(engine.metrics.summary().histograms['render.ms'].count, 100);
  engine.close();
});
