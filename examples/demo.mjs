#!/usr/bin/env node
// The demo: renders snapshots made from real data sets (vega-datasets) to PDF through
// the WebAssembly engine, twice: the first pass renders (cache miss), the second is
// served from the on-disk cache (hit). PDFs land in examples/out/.
import { mkdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiskCache, writeAtomic } from '../js/disk-cache.js';
import { render } from '../js/node.js';
import { readSnapshot, renderCached } from '../js/render-file.js';
import { written } from './make-snapshots.mjs';
import { dataDir } from './snapshots.mjs';

const out = fileURLToPath(new URL('./out/', import.meta.url));
const cacheDir = join(out, 'cache');
rmSync(cacheDir, { recursive: true, force: true }); // start cold, so pass 1 really renders
mkdirSync(out, { recursive: true });

const inputs = [
  ...written.map((url) => fileURLToPath(url)),
  join(dataDir, 'seattle-weather.csv'),
  join(dataDir, 'github.csv'),
];
const cache = new DiskCache(cacheDir);
render({ title: 'warm-up' }); // the first call pays for compiling the WebAssembly

console.log('snapdf demo: real data sets from vega-datasets, rendered twice\n');
const head = ['pass', 'input', 'pages', 'bytes', 'ms', 'cache'];
const widths = [4, 22, 5, 9, 8, 5];
const row = (/** @type {string[]} */ cells) =>
  console.log(cells.map((c, i) => (i === 1 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
row(head);
for (const pass of [1, 2]) {
  for (const input of inputs) {
    const name = basename(input);
    const result = renderCached(readSnapshot(input), {}, cache);
    writeAtomic(join(out, `${basename(input, extname(input))}${extname(input) === '.csv' ? '-csv' : ''}.pdf`), result.pdf);
    row([String(pass), name, String(result.pages), result.pdf.length.toLocaleString('en-US'), result.ms.toFixed(2), result.hit ? 'hit' : 'miss']);
  }
}
console.log('\nPDFs written to examples/out/');
