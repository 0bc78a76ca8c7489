// The package in an app bundled by esbuild, which emits neither the WebAssembly modules
// nor the render worker: the build copies the two .wasm files into the output and
// bundles the `snapdf/worker` entry beside the app, which passes their URLs to
// init({ baseModule, mediaModule }) and createEngine({ workerUrl }). In Chromium: render,
// an engine's render then an L1 hit, an L2 hit after a reload.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { launch, serve } from './browser-helpers.mjs';
import { checkBundledApp } from './bundled-app.mjs';
import { root, tempDir } from './helpers.mjs';

const app = join(root, 'tests/js/esbuild-app');
const outDir = join(tempDir(), 'esbuild-dist');
let server;
let browser;

before(async () => {
  await build({
    absWorkingDir: app,
    entryPoints: { app: 'main.js', 'snapdf-worker': 'snapdf/worker' },
    bundle: true,
    format: 'esm',
    minify: true,
    outdir: outDir,
    logLevel: 'warning',
  });
  copyFileSync(join(app, 'index.html'), join(outDir, 'index.html'));
  for (const wasm of ['snapdf_base_bg.wasm', 'snapdf_bg.wasm']) copyFileSync(join(root, 'pkg', wasm), join(outDir, wasm));
  server = await serve(outDir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('esbuild bundles the app and the worker entry; the build step copies the modules', () => {
  assert.deepEqual(readdirSync(outDir).sort(), ['app.js', 'index.html', 'snapdf-worker.js', 'snapdf_base_bg.wasm', 'snapdf_bg.wasm']);
});

test('the esbuild app renders, then an engine renders on its worker, hits L1, and L2 after a reload', async () => {
  await checkBundledApp(browser, server, 'esbuild');
});
