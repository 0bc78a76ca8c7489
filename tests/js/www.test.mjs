// The demo app in www/, as built by webpack (production), in real headless Chromium:
// generate, preview (pdf.js), download, cache across a reload, errors, cancel. Screenshots go to
// test-results/ for a look.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, serve } from './browser-helpers.mjs';
import { pdfPageTexts, qpdfCheck, root, tempDir } from './helpers.mjs';

const dist = join(root, 'www/dist');
const shots = join(root, 'test-results');
let server;
let browser;
let context;
let page;
const problems = [];

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'build the app first: npx webpack --mode production');
  mkdirSync(shots, { recursive: true });
  server = await serve(dist);
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(url());
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The app's address. */
const url = () => `http://127.0.0.1:${server.address().port}/`;

/** Picks a sample, generates it, and waits for the outcome text. */
async function generate(sample) {
  await page.selectOption('#sample', sample);
  await page.click('#generate');
  await page.waitForFunction(() => /^(Done|Failed)/.test(document.getElementById('status').textContent));
  return page.textContent('#status');
}

test('generate the sample report: progress reaches 100, the PDF downloads and checks out', async () => {
  const status = await generate('Quarterly report');
  assert.match(status, /^Done: \d+ pages/);
  const progress = await page.getAttribute('#tasks li progress', 'value');
  assert.equal(progress, '100');
  const file = await download();
  assert.ok(qpdfCheck(file));
  const texts = pdfPageTexts(file);
  assert.match(texts[0], /Quarterly report/);
  assert.match(texts.at(-1), new RegExp(`Page ${texts.length} of ${texts.length}`));
  assert.match(await page.textContent('#metrics'), /render\.ms/);
  // The pdf.js preview: page 1 drawn (ink on the canvas) with its text layer; Next turns the page.
  await page.waitForSelector('#pdf-page[data-page="1"]');
  assert.match(await page.textContent('#pdf-text'), /Quarterly report/);
  assert.ok(await inkOnCanvas() > 1000, 'the canvas shows the page');
  assert.equal(await page.textContent('#page-label'), `Page 1 of ${texts.length}`);
  await page.screenshot({ path: join(shots, 'www-generated.png'), fullPage: true });
  await page.click('#next');
  await page.waitForSelector('#pdf-page[data-page="2"]');
  assert.match(await page.textContent('#pdf-text'), /Page 2 of/);
  await page.click('#prev');
  await page.waitForSelector('#pdf-page[data-page="1"]');
});

/** Saves the PDF behind the Download button to a file; returns its path. */
async function download() {
  const bytes = await page.evaluate(async () => {
    const href = /** @type {HTMLAnchorElement} */ (document.getElementById('download')).href;
    return Array.from(new Uint8Array(await (await fetch(href)).arrayBuffer()));
  });
  const file = join(tempDir(), 'download.pdf');
  writeFileSync(file, Uint8Array.from(bytes));
  return file;
}

/** How many pixels of the preview canvas are not white. */
function inkOnCanvas() {
  return page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('pdf-canvas'));
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
    return ink;
  });
}

test('after a reload the same snapshot comes from IndexedDB (L2), and the metrics show the hit', async () => {
  await page.evaluate(() => window.snapdfEngine.flush());
  await page.reload();
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
  const status = await generate('Quarterly report');
  assert.match(status, /from the cache \(L2\)/);
  // Metrics persist across the reload: one L2 miss (the first render), one L2 hit (now).
  assert.match(await page.textContent('#metrics'), /L2 50 %/);
  // The dashboard: the tile and the hit-rate chart's legend (its last sample) show it too.
  await page.waitForFunction(() => document.getElementById('dash-l2').textContent === '50 %');
  assert.equal(await page.locator('#dashboard canvas').count(), 3);
  const legend = await page.locator('#dashboard figure:nth-child(2) .u-legend').textContent();
  assert.match(legend, /L2/);
  await page.waitForSelector('#pdf-page[data-page="1"]');
  await page.screenshot({ path: join(shots, 'www-dashboard.png'), fullPage: true });
});

test('the Unicode sample is set in DejaVu Sans, embedded as a subset, and previews', async () => {
  const status = await generate('Unicode: Cyrillic and Greek (DejaVu Sans)');
  assert.match(status, /^Done: 2 pages/);
  const file = await download();
  assert.ok(qpdfCheck(file));
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  assert.match(fonts, /[A-Z]{6}\+DejaVuSans\s/);
  assert.match(fonts, /[A-Z]{6}\+DejaVuSans-Bold\s/);
  const texts = pdfPageTexts(file);
  assert.match(texts[0], /Квартальный отчёт/);
  assert.match(texts[1], /Τριμηνιαία αναφορά/);
  await page.waitForFunction(() => /Квартальный/.test(document.getElementById('pdf-text').textContent));
  assert.ok(await inkOnCanvas() > 1000);
  await page.screenshot({ path: join(shots, 'www-unicode.png'), fullPage: false });
});

test('the real data sets and the deal room render', async () => {
  for (const [sample, title] of [['Seattle weather (vega-datasets, CSV)', /Seattle weather/], ['Cars (vega-datasets)', /Cars/], ['Deal room (every block kind)', /Deal room: Harbour Street/]]) {
    assert.match(await generate(sample), /^Done: \d+ pages/, sample);
    const file = await download();
    assert.ok(qpdfCheck(file), sample);
    assert.match(pdfPageTexts(file)[0], title);
  }
  await page.waitForFunction(() => /Deal room/.test(document.getElementById('pdf-text').textContent));
  await page.screenshot({ path: join(shots, 'www-deal-room.png'), fullPage: false });
});

test('the cache panel lists entries with their layers, size and age; Invalidate removes one', async () => {
  // The newest entry is the deal room of the previous test, in both layers.
  const first = page.locator('#entries tr:nth-child(2)');
  assert.match(await first.textContent(), /L1 \+ L2.*KiB.*\d+ s/);
  const key = await first.locator('button').getAttribute('data-key');
  const before = await page.locator('#entries tr').count();
  await first.locator('button').click();
  await page.waitForFunction((n) => document.querySelectorAll('#entries tr').length === n - 1, before);
  assert.equal(await page.locator(`#entries button[data-key="${key}"]`).count(), 0);
  assert.match(await generate('Deal room (every block kind)'), /from a render/);
  await page.screenshot({ path: join(shots, 'www-cache.png'), fullPage: true });
});

test('a snapshot with an error shows the error at its place and leaves no task stuck', async () => {
  const status = await generate('With an error');
  assert.match(status, /^Failed: INVALID_SNAPSHOT/);
  const error = await page.textContent('#error');
  const [, line] = /^Line (\d+): blocks\[0\]\.rows\[1\]\[1\]: /.exec(error) ?? [];
  assert.ok(line, error);
  // The editor marks that line: the list in the second row, after "bad".
  assert.equal(await page.getAttribute('#error-line', 'data-line'), line);
  assert.equal(await page.isVisible('#error-line'), true);
  const lines = (await page.inputValue('#json')).split('\n');
  assert.match(lines[Number(line) - 1], /^\s*\["not", "a", "cell"\]$/);
  assert.match(lines[Number(line) - 2], /"bad",$/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'json');
  const stuck = await page.evaluate(() => window.snapdfEngine.listTasks().filter((t) => t.status === 'pending' || t.status === 'running').length);
  assert.equal(stuck, 0);
  await page.screenshot({ path: join(shots, 'www-error.png'), fullPage: true });
});

test('a JSON syntax error is marked at its line', async () => {
  await page.fill('#json', '{\n  "title": "Broken",\n  "blocks": [,]\n}');
  await page.click('#generate');
  await page.waitForFunction(() => /^Failed/.test(document.getElementById('status').textContent));
  assert.match(await page.textContent('#error'), /^Line 3: the JSON is not valid/);
  assert.equal(await page.getAttribute('#error-line', 'data-line'), '3');
  await page.screenshot({ path: join(shots, 'www-syntax-error.png'), fullPage: false });
});

test('a large snapshot can be cancelled', async () => {
  await page.selectOption('#sample', 'Large table (5,000 rows)');
  // Generate, then press Cancel at once (in one turn of the page's event loop, so the
  // task is surely still pending, however fast this machine renders).
  await page.evaluate(() => {
    document.getElementById('generate').click();
    document.querySelector('#tasks li:first-child button').click();
  });
  await page.waitForFunction(() => /^Failed/.test(document.getElementById('status').textContent));
  assert.match(await page.textContent('#tasks li:first-child'), /cancelled/);
});

test('a reload mid-way: the unfinished tasks of a batch resume after the reload and complete', async () => {
  await page.selectOption('#sample', 'Batch: 6 large tables (for a reload mid-way)');
  // Generate, wait until the tasks are persisted, and reload at once (from the page, so
  // no round trip to the test lets the renders run on). Workers render about two tables
  // at a time, so some of the six are still queued whatever this machine's speed.
  const navigated = page.waitForEvent('framenavigated');
  const unfinished = await page.evaluate(async () => {
    document.getElementById('generate').click();
    const engine = window.snapdfEngine;
    await engine.tasks.settled();
    setTimeout(() => location.reload());
    return engine.listTasks().filter((t) => t.status === 'pending' || t.status === 'running').map((t) => ({ id: t.id, key: t.key }));
  });
  assert.ok(unfinished.length > 0, 'some tasks were unfinished at the reload');
  await navigated;
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
  // Every resumed task ends; the app lists them and counts them.
  const after = await page.evaluate(async () => {
    const engine = window.snapdfEngine;
    const resumed = await engine.resumed;
    await Promise.allSettled(resumed.map((t) => t.done));
    return { ids: resumed.map((t) => t.id), l2: engine.cache.entries().l2.map((e) => e.key) };
  });
  assert.ok(after.ids.length > 0, 'some tasks were resumed');
  await page.waitForFunction(() => /: \d+ completed\.$/.test(document.getElementById('resumed').textContent));
  assert.match(await page.textContent('#resumed'), new RegExp(`Resumed ${after.ids.length} unfinished tasks? from before the reload: ${after.ids.length} completed\\.`));
  const listed = await page.$$eval('#tasks li', (items) => items.map((li) => ({
    id: li.dataset.taskId, status: li.dataset.status, title: li.querySelector('.title').textContent, progress: li.querySelector('progress').value,
  })));
  // No task is lost: each unfinished one was resumed (listed, completed, under its title),
  // or finished in the old page in the moment before it unloaded (its PDF is in L2).
  for (const { id, key } of unfinished) {
    if (!after.ids.includes(id)) {
      assert.ok(after.l2.includes(key), `task ${id} was neither resumed nor finished`);
      continue;
    }
    const item = listed.find((r) => r.id === id);
    assert.ok(item, `task ${id} is listed after the reload`);
    assert.equal(item.status, 'completed');
    assert.equal(item.progress, 100);
    assert.match(item.title, /^Batch table \d\s*resumed$/);
  }
  await page.screenshot({ path: join(shots, 'www-resumed.png'), fullPage: false });
});

test("the dashboard's Download PDF button saves the metrics report: charts and tables of this session", async () => {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#dash-pdf')]);
  assert.equal(saved.suggestedFilename(), 'snapdf-metrics.pdf');
  const file = join(tempDir(), 'metrics.pdf');
  await saved.saveAs(file);
  assert.ok(qpdfCheck(file));
  const text = pdfPageTexts(file).join('\n');
  // The counters of this page's session: `cache.l2.hits` only if a task resumed after the
  // reload found its PDF in L2 (one the old page finished as it unloaded), so either.
  for (const words of ['snapdf metrics', 'Latency', 'p99', 'L2 (persistent)', 'Histograms', 'render.ms', 'cache.l2.']) {
    assert.ok(text.includes(words), `${words} in the report:\n${text}`);
  }
});

test('keyboard only: Tab to the sample list and the button, Enter generates', async () => {
  await page.focus('#sample');
  await page.keyboard.press('Tab'); // the editor
  await page.keyboard.press('Tab'); // the Generate button
  assert.equal(await page.evaluate(() => document.activeElement.id), 'generate');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^(Done|Failed)/.test(document.getElementById('status').textContent));
});

test('on a narrow screen nothing overflows sideways', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  // The dashboard's charts follow their container through a ResizeObserver, whose
  // callbacks run in the next frame: measure after two, once the page has reacted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide`);
  await page.screenshot({ path: join(shots, 'www-narrow.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('offline: after the first load the app loads and renders without a network', async () => {
  const offline = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await offline.newPage();
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  p.on('pageerror', (e) => problems.push(String(e)));
  await p.goto(url());
  // The service worker precached everything and controls the page.
  await p.waitForFunction(() => document.body.dataset.offline === 'ready');
  await offline.setOffline(true);
  await p.reload();
  await p.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
  assert.equal(await p.textContent('#network'), 'Offline');
  await p.selectOption('#sample', 'Unicode: Cyrillic and Greek (DejaVu Sans)');
  await p.click('#generate');
  await p.waitForFunction(() => /^(Done|Failed)/.test(document.getElementById('status').textContent));
  assert.match(await p.textContent('#status'), /^Done: 2 pages/);
  await p.waitForFunction(() => /Квартальный/.test(document.getElementById('pdf-text').textContent));
  await p.screenshot({ path: join(shots, 'www-offline.png'), fullPage: false });
  await offline.close();
});

test('without IndexedDB and Web Workers the app says so, and still renders', async () => {
  const bare = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await bare.addInitScript(() => {
    indexedDB.open = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
    delete window.Worker;
  });
  const p = await bare.newPage();
  const logged = [];
  p.on('pageerror', (e) => logged.push(String(e)));
  await p.goto(url());
  await p.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
  const notice = await p.textContent('#notice');
  assert.match(notice, /IndexedDB is unavailable/);
  assert.match(notice, /Web Workers are unavailable/);
  assert.equal(await p.isVisible('#notice'), true);
  await p.selectOption('#sample', 'Quarterly report');
  await p.click('#generate');
  await p.waitForFunction(() => /^(Done|Failed)/.test(document.getElementById('status').textContent));
  assert.match(await p.textContent('#status'), /^Done: \d+ pages/);
  await p.waitForSelector('#pdf-page[data-page="1"]'); // pdf.js too runs without a worker
  await p.screenshot({ path: join(shots, 'www-no-idb.png'), fullPage: false });
  assert.deepEqual(logged, []);
  await bare.close();
});

test('the app logged no errors or warnings', () => {
  assert.deepEqual(problems, []);
});
