// Drives a small app built by a bundler (tests/js/esbuild-app, tests/js/rollup-app) in
// Chromium as a user's page runs it. The app imports 'snapdf' by name and exposes it as
// window.snapdf, with window.where: the options that say where the build put snapdf's
// modules (`init`) and its render worker (`engine`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfPageTexts, qpdfCheck, root, tempDir } from './helpers.mjs';

/**
 * Writes the app's page into its build's output: it loads the bundle `app.js`.
 * @param {string} outDir
 * @param {string} bundler named in the title
 */
export function writePage(outDir, bundler) {
  writeFileSync(join(outDir, 'index.html'), `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>snapdf in an app bundled by ${bundler}</title>
<script type="module" src="./app.js"></script></head><body></body></html>
`);
}

const everyBlock = JSON.parse(readFileSync(join(root, 'examples/gallery/every-block.json'), 'utf8'));
const table = { title: 'Bundled', blocks: [{ type: 'table', columns: ['city', 'population'], rows: [['Oslo', 709037], ['Bergen', 291940]] }] };

/**
 * Opens the app in a new page of `context`, collecting console errors and warnings and
 * page errors into `problems`, and the .wasm files it fetches into `wasm`.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('node:http').Server} server
 * @param {{ problems: string[], wasm: string[] }} seen
 */
export async function openApp(context, server, seen) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') seen.problems.push(m.text()); });
  page.on('pageerror', (e) => seen.problems.push(String(e)));
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) seen.wasm.push(new URL(r.url()).pathname); });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  await page.goto(`http://127.0.0.1:${address.port}/`);
  await page.waitForFunction(() => window.loaded === true);
  return page;
}

/**
 * The app's whole round, with the options of window.where: `init({ render: true })`
 * (the base module, which keeps the engine's books too) and `render` of a CSV on the page; an engine renders a table on a worker (source
 * "render"), then serves it from memory ("l1"), and renders an image snapshot on a
 * media-module worker; after a reload, a new engine serves the table from IndexedDB
 * ("l2"). Asserts the PDFs read back, the sources, the modules fetched (base, then
 * media, once each per page load) and a page without errors.
 * @param {import('playwright-core').Browser} browser
 * @param {import('node:http').Server} server
 * @param {string} name the bundler, for the files written
 */
export async function checkBundledApp(browser, server, name) {
  const context = await browser.newContext();
  const seen = { problems: [], wasm: [] };
  try {
    const page = await openApp(context, server, seen);
    const first = await page.evaluate(async ({ snapshot, table }) => {
      const { init, render, createEngine, csvToSnapshot } = window.snapdf;
      await init({ ...window.where.init, render: true });
      const csv = render(csvToSnapshot('city,population\nOslo,709037\n', { title: 'Cities' }));
      const engine = createEngine({ ...window.where.engine, workers: 1, database: 'bundled' });
      const rendered = await engine.render(table);
      const again = await engine.render(table);
      const image = await engine.render(snapshot);
      await engine.flush();
      await engine.close();
      return { csv: Array.from(csv.pdf), table: Array.from(rendered.pdf), sources: [rendered.source, again.source, image.source], image: Array.from(image.pdf) };
    }, { snapshot: everyBlock, table });
    assert.deepEqual(first.sources, ['render', 'l1', 'render']);
    assert.equal(seen.wasm.length, 2, `the base module, then the media module, once each: ${seen.wasm.join(', ')}`);
    assert.notEqual(seen.wasm[0], seen.wasm[1]);

    await page.reload();
    await page.waitForFunction(() => window.loaded === true);
    const second = await page.evaluate(async (table) => {
      const { init, createEngine } = window.snapdf;
      await init(window.where.init);
      const engine = createEngine({ ...window.where.engine, workers: 1, database: 'bundled' });
      const cached = await engine.render(table);
      await engine.close();
      return { source: cached.source, pdf: Array.from(cached.pdf) };
    }, table);
    assert.equal(second.source, 'l2');
    assert.deepEqual(second.pdf, first.table);
    assert.deepEqual(seen.problems, []);

    const dir = tempDir();
    const csv = join(dir, `${name}-csv.pdf`);
    writeFileSync(csv, Uint8Array.from(first.csv));
    assert.ok(qpdfCheck(csv));
    assert.match(pdfPageTexts(csv)[0], /Oslo\s+709037/);
    const tablePdf = join(dir, `${name}-table.pdf`);
    writeFileSync(tablePdf, Uint8Array.from(first.table));
    assert.ok(qpdfCheck(tablePdf));
    assert.match(pdfPageTexts(tablePdf)[0], /Bergen\s+291940/);
    const image = join(dir, `${name}-image.pdf`);
    writeFileSync(image, Uint8Array.from(first.image));
    assert.ok(qpdfCheck(image));
    assert.match(execFileSync('pdfimages', ['-list', image], { encoding: 'utf8' }), /image/);
  } finally {
    await context.close();
  }
}
