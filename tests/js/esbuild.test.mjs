// The package in an app bundled by esbuild, which emits neither the WebAssembly modules
// nor the render worker: the build copies the three .wasm files into the output and
// bundles the `snapdf/worker` entry beside the app, which passes their URLs to
// init({ frontModule, baseModule, mediaModule }) and createEngine({ workerUrl }). In Chromium: render,
// an engine's render then an L1 hit, an L2 hit after a reload; and when a file is
// missing, errors that name its URL.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { launch, serve } from './browser-helpers.mjs';
import { checkBundledApp, openApp, writePage } from './bundled-app.mjs';
import { root, tempDir } from './helpers.mjs';

const app = join(root, 'tests/js/esbuild-app');
const everyBlock = JSON.parse(readFileSync(join(root, 'examples/gallery/every-block.json'), 'utf8'));
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
  writePage(outDir, 'esbuild');
  for (const wasm of ['snapdf_front_bg.wasm', 'snapdf_base_bg.wasm', 'snapdf_bg.wasm']) copyFileSync(join(root, 'pkg', wasm), join(outDir, wasm));
  server = await serve(outDir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('esbuild bundles the app and the worker entry; the build step copies the modules', () => {
  assert.deepEqual(readdirSync(outDir).sort(), ['app.js', 'index.html', 'snapdf-worker.js', 'snapdf_base_bg.wasm', 'snapdf_bg.wasm', 'snapdf_front_bg.wasm']);
});

test('the esbuild app renders, then an engine renders on its worker, hits L1, and L2 after a reload', async () => {
  await checkBundledApp(browser, server, 'esbuild');
});

test('a module or a worker that is not where the app says fails with an error naming its URL', async () => {
  const context = await browser.newContext();
  const seen = { problems: [], wasm: [] };
  const page = await openApp(context, server, seen);
  const origin = new URL(page.url()).origin;
  const r = await page.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    const failure = (p) => p.then(() => null, (e) => ({ code: e.code, message: e.message }));
    const module = await failure(init({ ...window.where.init, render: true, baseModule: './missing/snapdf_base_bg.wasm' }));
    const option = await failure(init({ baseModul: './snapdf_base_bg.wasm' }));
    await init(window.where.init);
    const snapshot = { title: 'Nowhere' };
    // The worker the app names is not there.
    const named = createEngine({ workerUrl: './missing/snapdf-worker.js', workers: 1, persistent: false });
    const worker = await failure(named.render(snapshot));
    await named.close();
    // No workerUrl: the worker esbuild did not emit, next to the bundle.
    const unnamed = createEngine({ workers: 1, persistent: false });
    const bundled = await failure(unnamed.render(snapshot));
    await unnamed.close();
    return { module, option, worker, bundled };
  });
  // The media module, which an engine's workers fetch for an image, is not there.
  const fresh = await openApp(context, server, seen);
  const media = await fresh.evaluate(async (snapshot) => {
    const { init, createEngine } = window.snapdf;
    await init({ ...window.where.init, mediaModule: './missing/snapdf_bg.wasm' });
    const engine = createEngine({ ...window.where.engine, workers: 1, persistent: false });
    const failed = await engine.render(snapshot).then(() => null, (e) => ({ code: e.code, message: e.message }));
    await engine.close();
    return failed;
  }, everyBlock);
  await context.close();
  assert.equal(media.code, 'WORKER_CRASHED');
  assert.match(media.message, new RegExp(`could not be loaded from ${origin}/missing/snapdf_bg\\.wasm: HTTP 404; .*init\\(\\{ mediaModule \\}\\)`));
  assert.equal(r.module.code, 'NOT_INITIALIZED');
  assert.match(r.module.message, new RegExp(`could not be loaded from ${origin}/missing/snapdf_base_bg\\.wasm: HTTP 404; .*init\\(\\{ baseModule \\}\\)`));
  assert.equal(r.option.code, 'INVALID_OPTIONS');
  assert.match(r.option.message, /options\.baseModul is not an option here; the options are render, media, frontModule, baseModule, mediaModule, module_or_path/);
  assert.equal(r.worker.code, 'WORKER_CRASHED');
  assert.match(r.worker.message, new RegExp(`its script could not be loaded from ${origin}/missing/snapdf-worker\\.js: HTTP 404; .*createEngine\\(\\{ workerUrl \\}\\)`));
  assert.equal(r.bundled.code, 'WORKER_CRASHED');
  assert.match(r.bundled.message, new RegExp(`it is ${origin}/workers/web-worker\\.js: HTTP 404\\).*createEngine\\(\\{ workerUrl \\}\\)`));
});
