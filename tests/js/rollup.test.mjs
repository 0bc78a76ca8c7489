// The package in an app bundled by Rollup, with @rollup/plugin-node-resolve and
// @web/rollup-plugin-import-meta-assets, which emits the WebAssembly modules (snapdf's
// `new URL(…, import.meta.url)` assets) but no worker: the `snapdf/worker` entry is a
// second input of the build, and the app passes its URL to createEngine({ workerUrl }).
// In Chromium: render, an engine's render then an L1 hit, an L2 hit after a reload.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';
import { rollup } from 'rollup';
import { launch, serve } from './browser-helpers.mjs';
import { checkBundledApp, writePage } from './bundled-app.mjs';
import { root, tempDir } from './helpers.mjs';

const app = join(root, 'tests/js/rollup-app');
const outDir = join(tempDir(), 'rollup-dist');
/** @type {string[]} */
const warnings = [];
let server;
let browser;

before(async () => {
  // Entries resolve from rootDir's node_modules, as in a user's app (the app's own
  // `import 'snapdf'` finds the package by its name from inside it).
  const project = tempDir();
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules/snapdf'), 'dir');
  const bundle = await rollup({
    input: { app: join(app, 'main.js'), 'snapdf-worker': 'snapdf/worker' },
    plugins: [
      nodeResolve({ browser: true, rootDir: project }),
      // The worker's `new URL` is left alone: the worker is an input of its own.
      importMetaAssets({ transform: (bytes, path) => (path.endsWith('.js') ? null : bytes) }),
    ],
    // Every warning counts, an import cycle (CIRCULAR_DEPENDENCY) among them.
    onwarn: (w) => { warnings.push(`${w.code}: ${w.message}`); },
  });
  await bundle.write({ dir: outDir, format: 'es', entryFileNames: '[name].js' });
  await bundle.close();
  writePage(outDir, 'Rollup');
  server = await serve(outDir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('Rollup builds the app without a warning (no import cycle), emits the three modules as assets, and the worker entry beside the app', () => {
  assert.deepEqual(warnings, []);
  const files = readdirSync(outDir);
  assert.ok(files.includes('app.js') && files.includes('snapdf-worker.js'), files.join(', '));
  const wasm = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(join(outDir, 'assets', f)).length).sort((a, b) => a - b);
  assert.deepEqual(wasm, ['snapdf_front_bg.wasm', 'snapdf_base_bg.wasm', 'snapdf_bg.wasm'].map((f) => readFileSync(join(root, 'pkg', f)).length));
});

test('the Rollup app renders, then an engine renders on its worker, hits L1, and L2 after a reload', async () => {
  await checkBundledApp(browser, server, 'rollup');
});
