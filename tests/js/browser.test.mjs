// The package's browser entry point in real headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core): init() fetches the .wasm over HTTP, render() makes a PDF
// that qpdf and pdftotext accept, errors arrive as SnapdfError objects.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openPage, serve } from './browser-helpers.mjs';
import { pdfPageTexts, qpdfCheck, tempDir } from './helpers.mjs';

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await serve();
  browser = await launch();
  page = await openPage(await browser.newContext(), server, problems);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('init() fetches the wasm and render() makes a valid PDF in Chromium', async () => {
  const result = await page.evaluate(async () => {
    const { init, render, csvToSnapshot } = window.snapdf;
    await init();
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
    await init();
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

test('the page logged no errors or warnings', () => {
  assert.deepEqual(problems, []);
});
