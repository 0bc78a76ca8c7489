// The size a browser downloads: the WebAssembly module and the package's browser
// JavaScript, each gzipped at level 9. The budget guards against growth; the goal is
// smaller still (BENCHMARKS.md, "Shipped size").
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { root } from './helpers.mjs';

/** Bytes after gzip -9, in KiB. */
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length / 1024;
/** The JavaScript a browser loads: the wasm-bindgen glue and the package's browser modules. */
function browserJs() {
  const dirs = ['js', 'js/cache', 'js/tasks', 'js/workers'];
  const skip = new Set(['node.js', 'cli.js', 'disk-store.js', 'node-worker.js', 'fs-atomic.js', 'render-file.js', 'redis-store.js']);
  const files = dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.js') && !skip.has(f)).map((f) => join(root, d, f)));
  return Buffer.concat([readFileSync(join(root, 'pkg/snapdf.js')), ...files.map((f) => readFileSync(f))]);
}

/** The budget in KiB (gzip -9) of the .wasm plus the JavaScript. */
const BUDGET_KIB = 460;

test(`the .wasm and the browser JavaScript stay within ${BUDGET_KIB} KiB gzipped`, () => {
  const wasm = gz(readFileSync(join(root, 'pkg/snapdf_bg.wasm')));
  const js = gz(browserJs());
  const total = wasm + js;
  console.log(`shipped size: ${wasm.toFixed(1)} KiB wasm + ${js.toFixed(1)} KiB JS = ${total.toFixed(1)} KiB gzipped`);
  assert.ok(total <= BUDGET_KIB, `${total.toFixed(1)} KiB > budget ${BUDGET_KIB} KiB`);
  assert.ok(wasm > 50, 'the module is really there');
});
