// The package in an app bundled by Vite (production build, as a user's app ships): the
// app imports 'snapdf' by name, Vite emits the base and media modules and the render
// worker as assets, and in Chromium the app renders a CSV with the base module and an
// image snapshot on a worker that fetches the media module.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'vite';
import { launch, serve } from './browser-helpers.mjs';
import { pdfPageTexts, qpdfCheck, root, tempDir } from './helpers.mjs';

const outDir = join(tempDir(), 'vite-dist');
let server;
let browser;

before(async () => {
  await build({ root: join(root, 'tests/js/vite-app'), configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await serve(outDir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('Vite emits the three modules and the render worker as assets', () => {
  const assets = readdirSync(join(outDir, 'assets'));
  const wasm = assets.filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(join(outDir, 'assets', f)).length).sort((a, b) => a - b);
  assert.deepEqual(wasm, ['snapdf_front_bg.wasm', 'snapdf_base_bg.wasm', 'snapdf_bg.wasm'].map((f) => readFileSync(join(root, 'pkg', f)).length));
  assert.ok(assets.some((f) => /web-worker.*\.js$/.test(f)), `a worker chunk among ${assets.join(', ')}`);
});

test('the Vite app renders with the base module, and images on a media-module worker', async () => {
  const context = await browser.newContext();
  const wasm = [];
  const problems = [];
  context.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  await page.goto(`http://127.0.0.1:${address.port}/`);
  await page.waitForFunction(() => window.loaded === true);
  const everyBlock = JSON.parse(readFileSync(join(root, 'examples/gallery/every-block.json'), 'utf8'));
  const out = await page.evaluate(async (snapshot) => {
    const { init, render, createEngine, csvToSnapshot } = window.snapdf;
    await init({ render: true });
    const csv = render(csvToSnapshot('city,population\nOslo,709037\n', { title: 'Cities' }));
    const engine = createEngine({ workers: 1, persistent: false });
    const image = await engine.render(snapshot);
    engine.close();
    return { csv: Array.from(csv.pdf), image: Array.from(image.pdf) };
  }, everyBlock);
  await context.close();
  assert.deepEqual(problems, []);
  assert.equal(new Set(wasm).size, 2, `the base module, then the media module, once each: ${wasm.join(', ')}`);
  assert.equal(wasm.length, 2);
  const csv = join(tempDir(), 'vite-csv.pdf');
  writeFileSync(csv, Uint8Array.from(out.csv));
  assert.ok(qpdfCheck(csv));
  assert.match(pdfPageTexts(csv)[0], /Oslo\s+709037/);
  const image = join(tempDir(), 'vite-image.pdf');
  writeFileSync(image, Uint8Array.from(out.image));
  assert.ok(qpdfCheck(image));
  assert.match(execFileSync('pdfimages', ['-list', image], { encoding: 'utf8' }), /image/);
});
