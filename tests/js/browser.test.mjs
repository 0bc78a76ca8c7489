// The package's browser entry point in real headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core): init() fetches the .wasm over HTTP, render() makes a PDF
// that qpdf and pdftotext accept, errors arrive as SnapdfError objects.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { pdfPageTexts, qpdfCheck, root, tempDir } from './helpers.mjs';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };

// The page maps the package's one bare import as a bundler would (package.json "imports").
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">{"imports": {"#csv-parse": "/node_modules/csv-parse/dist/esm/sync.js"}}</script>
<script type="module">import * as snapdf from '/js/browser.js'; window.snapdf = snapdf; window.loaded = true;</script>
</head><body></body></html>`;

/** Serves the repository read-only on a free loopback port (and the test page at /). */
function serve() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await serve();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.loaded === true);
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
