#!/usr/bin/env node
// The cost of recording one metric value through WebAssembly in Node (Metrics.record,
// the call EngineMetrics makes), against the native figure of benches/metrics.rs.
import { Metrics } from '../pkg/snapdf.js';
import '../js/node.js'; // initializes the module

const m = new Metrics();
const now = Date.UTC(2026, 0, 1);
const N = 1_000_000;
for (let i = 0; i < 100_000; i++) m.record('render.ms', (i % 1000) / 10, now);
let best = Infinity;
for (let round = 0; round < 5; round++) {
  const t = performance.now();
  for (let i = 0; i < N; i++) m.record('render.ms', (i % 1000) / 10, now);
  best = Math.min(best, ((performance.now() - t) * 1e6) / N);
}
console.log(`Metrics.record in WebAssembly (Node ${process.version}): ${best.toFixed(0)} ns per value (best of 5 rounds of ${N.toLocaleString('en-US')})`);
