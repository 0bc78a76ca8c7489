// The size a browser downloads: the WebAssembly module and the package's browser
// JavaScript, minified (terser, as an app's production bundle would) and gzipped at
// level 9, as issue 10 measures peers. The budget guards against growth; the goal is
// smaller still (BENCHMARKS.md, "Shipped size").
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { root } from './helpers.mjs';

/** Bytes after gzip -9, in KiB. */
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length / 1024;

/** The JavaScript files a browser loads: the wasm-bindgen glue and the package's browser modules. */
function browserFiles() {
  const dirs = ['js', 'js/cache', 'js/tasks', 'js/workers'];
  const skip = new Set(['node.js', 'cli.js', 'disk-store.js', 'node-worker.js', 'fs-atomic.js', 'render-file.js', 'redis-store.js']);
  const files = dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.js') && !skip.has(f)).map((f) => join(root, d, f)));
  return [join(root, 'pkg/snapdf.js'), ...files];
}

/** The budget in KiB (gzip -9) of the .wasm plus the minified JavaScript. */
const BUDGET_KIB = 440;

test(`the .wasm and the minified browser JavaScript stay within ${BUDGET_KIB} KiB gzipped`, async () => {
  const wasm = gz(readFileSync(join(root, 'pkg/snapdf_bg.wasm')));
  const sources = browserFiles().map((f) => readFileSync(f, 'utf8'));
  const minified = await Promise.all(sources.map(async (code) => (await minify(code, { module: true })).code ?? ''));
  const js = gz(Buffer.from(minified.join('\n')));
  const unminified = gz(Buffer.from(sources.join('\n')));
  const total = wasm + js;
  console.log(`shipped size: ${wasm.toFixed(1)} KiB wasm + ${js.toFixed(1)} KiB JS = ${total.toFixed(1)} KiB gzipped (JS unminified: ${unminified.toFixed(1)} KiB)`);
  assert.ok(total <= BUDGET_KIB, `${total.toFixed(1)} KiB > budget ${BUDGET_KIB} KiB`);
  assert.ok(wasm > 50, 'the module is really there');
  assert.ok(js > 5 && js < unminified, 'the JavaScript is there and minifying shrank it');
});
