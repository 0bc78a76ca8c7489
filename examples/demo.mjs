#!/usr/bin/env node
// The demo: renders snapshots made from real data sets (vega-datasets) to PDF through
// the WebAssembly engine: the first pass renders (cache miss), the second is served from
// memory (L1), the third by a fresh engine from the cache directory (L2).
// PDFs land in examples/out/.
import { mkdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../js/fs-atomic.js';
import { createEngine, render } from '../js/node.js';
import { readSnapshot } from '../js/render-file.js';
import { written } from './make-snapshots.mjs';
import { dataDir } from './snapshots.mjs';

// SNAPDF_DEMO_OUT moves the output (the tests run the demo in a temporary directory).
const out = process.env.SNAPDF_DEMO_OUT ?? fileURLToPath(new URL('./out/', import.meta.url));
const cacheDir = join(out, 'cache');
rmSync(cacheDir, { recursive: true, force: true }); // start cold, so pass 1 really renders
mkdirSync(out, { recursive: true });

const inputs = [
  ...written.map((url) => fileURLToPath(url)),
  join(dataDir, 'seattle-weather.csv'),
  join(dataDir, 'github.csv'),
];
render({ title: 'warm-up' }); // the first call pays for compiling the WebAssembly

console.log('snapdf demo: real data sets from vega-datasets, rendered, then served from memory, then from disk\n');
const head = ['pass', 'input', 'pages', 'bytes', 'ms', 'cache'];
const widths = [4, 22, 5, 9, 8, 8];
const row = (/** @type {string[]} */ cells) =>
  console.log(cells.map((c, i) => (i === 1 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
row(head);
// Pass 1 renders; pass 2 is served from memory (L1); pass 3 uses a new engine, as after
// a restart, and is served from the cache directory (L2).
let engine = createEngine({ cacheDir });
for (const pass of [1, 2, 3]) {
  if (pass === 3) {
    await engine.flush();
    engine = createEngine({ cacheDir });
  }
  for (const input of inputs) {
    const name = basename(input);
    const result = await engine.render(await readSnapshot(input));
    writeAtomic(join(out, `${basename(input, extname(input))}${extname(input) === '.csv' ? '-csv' : ''}.pdf`), result.pdf);
    row([String(pass), name, String(result.pages), result.pdf.length.toLocaleString('en-US'), result.ms.toFixed(2), result.source === 'render' ? 'miss' : `hit (${result.source.toUpperCase()})`]);
  }
}
await engine.flush();
// The last engine's metrics include the first engine's (saved in the cache directory).
const m = engine.metrics.summary({ hours: 1 });
const fmt = (/** @type {number} */ v) => v.toFixed(2);
const req = m.histograms['snapshot.ms'];
const ren = m.histograms['render.ms'];
console.log(`\nmetrics over all 3 passes: ${req.count} requests, p50 ${fmt(req.p50)} ms, p95 ${fmt(req.p95)} ms, p99 ${fmt(req.p99)} ms;`);
console.log(`${ren.count} renders, p50 ${fmt(ren.p50)} ms, max ${fmt(ren.max)} ms; hit rate L1 ${(m.cache.l1 * 100).toFixed(0)} %, L2 ${(m.cache.l2 * 100).toFixed(0)} %, overall ${(m.cache.overall * 100).toFixed(0)} %`);
console.log(`PDFs written to ${process.env.SNAPDF_DEMO_OUT ? out : 'examples/out/'}; \`snapdf metrics --cache-dir ${process.env.SNAPDF_DEMO_OUT ? cacheDir : 'examples/out/cache'}\` shows more`);
