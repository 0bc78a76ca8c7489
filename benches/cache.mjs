#!/usr/bin/env node
// Cache hit latency in Node: L1 (memory) and L2 (a directory, digest checked), and L1
// hits of the example snapshots with results copied and shared (shareResults).
// `node benches/cache.mjs copies` runs only the latter.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as snapdf from '../js/node.js';
import * as wasm from '../pkg/snapdf.js';
import { cacheCases, copyCases, print } from './cache-cases.js';

if (process.argv[2] !== 'copies') {
  const rows = await cacheCases(snapdf, wasm, () => new snapdf.DiskStore(mkdtempSync(join(tmpdir(), 'snapdf-bench-'))));
  print(`snapdf cache in Node ${process.version}`, rows);
}
// examples/make-snapshots.mjs writes these.
/** @type {[string, string][]} */
const inputs = ['one-page', 'report', 'flights-5000'].map((name) => [name, readFileSync(new URL(`../examples/snapshots/${name}.json`, import.meta.url), 'utf8')]);
print(`L1 hits, copied and shared, in Node ${process.version} (1,000 samples each, alternating)`, await copyCases(snapdf, wasm, inputs, 1000));
