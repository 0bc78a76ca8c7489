// The demo app in www/, as built by webpack (production), in real headless Chromium:
// generate, preview, download, cache across a reload, errors, cancel. Screenshots go to
// test-results/ for a look.
import assert from 'node:assert/strict';
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
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
});

after(async () => {
  await browser?.close();
  server?.close();
});

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
  const bytes = await page.evaluate(async () => {
    const href = document.getElementById('download').href;
    return Array.from(new Uint8Array(await (await fetch(href)).arrayBuffer()));
  });
  const file = join(tempDir(), 'download.pdf');
  writeFileSync(file, Uint8Array.from(bytes));
  assert.ok(qpdfCheck(file));
  const texts = pdfPageTexts(file);
  assert.match(texts[0], /Quarterly report/);
  assert.match(texts.at(-1), new RegExp(`Page ${texts.length} of ${texts.length}`));
  assert.match(await page.textContent('#metrics'), /render\.ms/);
  await page.screenshot({ path: join(shots, 'www-generated.png'), fullPage: true });
});

test('after a reload the same snapshot comes from IndexedDB (L2), and the metrics show the hit', async () => {
  await page.evaluate(() => window.snapdfEngine.flush());
  await page.reload();
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
  const status = await generate('Quarterly report');
  assert.match(status, /from the cache \(L2\)/);
  // Metrics persist across the reload: one L2 miss (the first render), one L2 hit (now).
  assert.match(await page.textContent('#metrics'), /L2 50 %/);
});

test('a snapshot with an error shows the error at its place and leaves no task stuck', async () => {
  const status = await generate('With an error');
  assert.match(status, /^Failed: INVALID_SNAPSHOT/);
  assert.match(await page.textContent('#error'), /blocks\[0\]\.rows\[1\]\[1\]/);
  const stuck = await page.evaluate(() => window.snapdfEngine.listTasks().filter((t) => t.status === 'pending' || t.status === 'running').length);
  assert.equal(stuck, 0);
  await page.screenshot({ path: join(shots, 'www-error.png'), fullPage: true });
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
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide`);
  await page.screenshot({ path: join(shots, 'www-narrow.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the app logged no errors or warnings', () => {
  assert.deepEqual(problems, []);
});
