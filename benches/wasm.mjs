#!/usr/bin/env node
// WebAssembly benchmarks in Node: the same inputs as benches/render.rs, through the
// package API as a user calls it (`render(jsonText)` and `render(object)`).
// Run: `npm run bench` (builds first), or `node benches/wasm.mjs` after a build.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cacheKey, render } from '../js/node.js';

const WARMUP = 100;
const SAMPLES = 100;

/** Median and 95th percentile of `fn`'s duration in milliseconds over SAMPLES runs. */
function measure(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(SAMPLES / 2)], p95: times[Math.floor(SAMPLES * 0.95)] };
}

console.log(`snapdf WebAssembly in Node ${process.version}: median / p95 of ${SAMPLES} runs after ${WARMUP} warm-up runs\n`);
console.log('input          call                         median ms   p95 ms   output');
for (const name of ['one-page', 'report', 'flights-5000']) {
  const text = readFileSync(new URL(`../examples/snapshots/${name}.json`, import.meta.url), 'utf8');
  const object = JSON.parse(text);
  const out = render(text);
  const cases = [
    ['render(json text)', () => render(text)],
    ['render(object)', () => render(object)],
    ['render(json, compression 3)', () => render(text, { compression: 3 })],
    ['cacheKey(json text)', () => cacheKey(text)],
  ];
  for (const [call, fn] of cases) {
    const { median, p95 } = measure(fn);
    console.log(`${name.padEnd(14)} ${call.padEnd(28)} ${median.toFixed(2).padStart(9)} ${p95.toFixed(2).padStart(8)}   ${out.pages} pages, ${out.pdf.length} bytes`);
  }
}
