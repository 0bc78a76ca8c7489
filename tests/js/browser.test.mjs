// The package's browser entry point in real headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core): init() fetches the front module over HTTP, init({ render:
// true }) the render module too, render() makes a PDF that qpdf and pdftotext accept,
// errors arrive as SnapdfError objects; an engine's workers key and render.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openPage, serve } from './browser-helpers.mjs';
import { pdfPageTexts, qpdfCheck, root, tempDir } from './helpers.mjs';

let server;
let browser;
let page;
const problems = [];
/** The WebAssembly files the test page fetched. */
const fetched = [];

before(async () => {
  server = await serve();
  browser = await launch();
  const context = await browser.newContext();
  context.on('request', (r) => { if (r.url().endsWith('.wasm')) fetched.push(new URL(r.url()).pathname); });
  page = await openPage(context, server, problems);
});

/** The gallery snapshot with every block kind, an image among them. */
const everyBlock = JSON.parse(readFileSync(join(root, 'examples/gallery/every-block.json'), 'utf8'));

after(async () => {
  await browser?.close();
  server?.close();
});

test('init({ render: true }) fetches the wasm and render() makes a valid PDF in Chromium', async () => {
  const result = await page.evaluate(async () => {
    const { init, render, csvToSnapshot } = window.snapdf;
    await init({ render: true });
    const snapshot = csvToSnapshot('city,population\n"Zürich, CH",421878\nOslo,709037\n', { title: 'Cities — 2024' });
    const out = render(snapshot);
    return { bytes: Array.from(out.pdf), pages: out.pages, key: out.key, ua: navigator.userAgent };
  });
  assert.match(result.ua, /HeadlessChrome|Chrome/);
  assert.equal(result.pages, 1);
  assert.match(result.key, /^[0-9a-f]{64}$/);
  const file = join(tempDir(), 'browser.pdf');
  await writeFile(file, Uint8Array.from(result.bytes));
  assert.ok(qpdfCheck(file));
  const [text] = pdfPageTexts(file);
  assert.match(text, /Cities — 2024/);
  assert.match(text, /Zürich, CH\s+421878/);
  assert.match(text, /Page 1 of 1/);
});

test('errors in the browser are SnapdfError objects with code and path', async () => {
  const err = await page.evaluate(async () => {
    const { init, render } = window.snapdf;
    await init({ render: true });
    try {
      render({ title: 'T', blocks: [{ type: 'heading', level: 7, text: 'x' }] });
      return null;
    } catch (e) {
      return { isError: e instanceof Error, name: e.name, code: e.code, path: e.path, message: e.message };
    }
  });
  assert.deepEqual({ ...err, message: undefined }, { isError: true, name: 'SnapdfError', code: 'INVALID_SNAPSHOT', path: 'blocks[0].level', message: undefined });
  assert.match(err.message, /7 is not a heading level/);
});

test('init({ render: true }) loads only the base module, which refuses images with MEDIA_UNAVAILABLE', async () => {
  const out = await page.evaluate(async (snapshot) => {
    const { init, render } = window.snapdf;
    await init({ render: true });
    const asked = await init({ media: true }).then(() => 'loaded', (e) => e.code);
    try {
      render(snapshot);
      return { asked };
    } catch (e) {
      return { asked, code: e.code, path: e.path, message: e.message };
    }
  }, everyBlock);
  const at = everyBlock.blocks.findIndex((b) => b.type === 'image');
  assert.deepEqual(fetched, ['/pkg/snapdf_base_bg.wasm'], 'a render module keeps the books too: no front module');
  assert.equal(out.asked, 'ALREADY_INITIALIZED', 'a page loads one module');
  assert.deepEqual({ code: out.code, path: out.path }, { code: 'MEDIA_UNAVAILABLE', path: `blocks[${at}].data` });
  assert.match(out.message, /init\(\{ media: true \}\)/);
});

test('init({ media: true }) loads the media module, which renders images, also in Web Workers', async () => {
  const context = await browser.newContext();
  const urls = [];
  context.on('request', (r) => urls.push(new URL(r.url()).pathname));
  const p = await openPage(context, server, problems);
  const out = await p.evaluate(async (snapshot) => {
    const { init, render, createEngine } = window.snapdf;
    await init({ media: true });
    const inline = render(snapshot);
    const engine = createEngine({ workers: 1, persistent: false });
    const done = await engine.render({ ...snapshot, title: `${snapshot.title} (worker)` });
    engine.close();
    return { pages: inline.pages, bytes: Array.from(done.pdf), source: done.source };
  }, everyBlock);
  await context.close();
  assert.ok(out.pages > 0);
  assert.equal(out.source, 'render');
  const wasm = urls.filter((u) => u.endsWith('.wasm'));
  assert.deepEqual(wasm, ['/pkg/snapdf_bg.wasm'], 'the worker instantiated the page\'s compiled module, fetching nothing');
  assert.ok(urls.includes('/js/workers/web-worker.js'), 'a Web Worker rendered');
  const file = join(tempDir(), 'worker-image.pdf');
  await writeFile(file, Uint8Array.from(out.bytes));
  assert.ok(qpdfCheck(file));
  assert.match(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }), /image/);
});

test('init() fetches only the front module; an engine\'s workers fetch the base module, and the media module on first need', async () => {
  const context = await browser.newContext();
  const wasm = [];
  context.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  const p = await openPage(context, server, problems);
  const plain = await p.evaluate(async () => {
    const { init, createEngine, csvToSnapshot, render } = window.snapdf;
    await init();
    window.engine = createEngine({ workers: 1, persistent: false });
    const before = [...window.performance.getEntriesByType('resource')].map((e) => new URL(e.name).pathname).filter((u) => u.endsWith('.wasm'));
    const refused = (() => {
      try {
        render({ title: 'T', blocks: [] });
      } catch (e) {
        return e.code;
      }
    })();
    const done = await window.engine.render(csvToSnapshot('a,b\n1,2\n', { title: 'Plain' }));
    return { source: done.source, before, refused };
  });
  assert.equal(plain.source, 'render');
  assert.deepEqual(plain.before, ['/pkg/snapdf_front_bg.wasm'], 'init() and createEngine() fetch only the front module');
  assert.equal(plain.refused, 'NOT_INITIALIZED', 'render() on the page needs init({ render: true })');
  assert.deepEqual(wasm, ['/pkg/snapdf_front_bg.wasm', '/pkg/snapdf_base_bg.wasm'], 'a snapshot in the standard fonts needs only the base module, in the worker');
  const out = await p.evaluate(async (snapshot) => {
    const task = window.engine.createSnapshot(snapshot);
    const early = task.key;
    const key = await task.keyed;
    const done = await task.done;
    const bad = await window.engine.render({ title: 'T', blocks: [{ type: 'heading', level: 7, text: 'x' }] }).catch((e) => ({ code: e.code, path: e.path, message: e.message }));
    const again = await window.engine.render(snapshot);
    window.engine.close();
    return { early, key, bad, bytes: Array.from(done.pdf), source: done.source, again: again.source };
  }, everyBlock);
  assert.equal(out.early, '', 'the worker keys the snapshot: the task learns its key a moment later');
  assert.deepEqual({ code: out.bad.code, path: out.bad.path }, { code: 'INVALID_SNAPSHOT', path: 'blocks[0].level' }, 'a worker\'s refusal names the path');
  assert.match(out.bad.message, /7 is not a heading level/);
  await context.close();
  assert.deepEqual(wasm, ['/pkg/snapdf_front_bg.wasm', '/pkg/snapdf_base_bg.wasm', '/pkg/snapdf_bg.wasm'], 'the media module, fetched once');
  assert.equal(out.key, (await import('snapdf')).cacheKey(everyBlock), 'the base module keyed it as the media module does');
  assert.deepEqual([out.source, out.again], ['render', 'l1']);
  const file = join(tempDir(), 'routed-image.pdf');
  await writeFile(file, Uint8Array.from(out.bytes));
  assert.ok(qpdfCheck(file));
  assert.match(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }), /image/);
});

test('the page logged no errors or warnings', () => {
  assert.deepEqual(problems, []);
});
