#!/usr/bin/env node
// The page's side (issue 25), in headless Chromium, in one run:
// 1. First load: what a fresh page fetches when it calls only init() and createEngine()
//    (its network log), each JavaScript file minified with terser and the JavaScript
//    gzipped at level 9 as one (as tests/js/size.test.mjs counts), the .wasm gzipped
//    at level 9.
// 2. 200 distinct 8-page reports (examples/snapshots/report.json, titles numbered)
//    through createEngine({ workers: 2 }) against render() called 200 times on the
//    page's thread; five alternating rounds, medians.
// 3. createSnapshot's time on the page (the call's own, until it returns): the report
//    as an object; 5,000 rows (flights-5000.json) as UTF-8 bytes and as an object, with
//    structuredClone of that object for comparison.
// Needs the package built (scripts/build.sh) and the snapshots (examples/make-snapshots.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { launch, openPage, serve } from '../tests/js/browser-helpers.mjs';
import { root } from '../tests/js/helpers.mjs';

const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
const server = await serve();
const browser = await launch();
try {
  const context = await browser.newContext();
  /** @type {string[]} */
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const page = await openPage(context, server, []);
  await page.evaluate(async () => {
    const { init, createEngine } = /** @type {any} */ (window).snapdf;
    await init();
    /** @type {any} */ (window).engine = createEngine({ workers: 2, persistent: false });
  });
  const files = [...new Set(fetched)].filter((p) => p !== '/');
  const scripts = files.filter((p) => p.endsWith('.js'));
  const modules = files.filter((p) => p.endsWith('.wasm'));
  const minified = await Promise.all(scripts.map(async (p) => (await minify(readFileSync(join(root, p), 'utf8'), { module: true })).code ?? ''));
  const js = gzipSync(Buffer.from(minified.join('\n')), { level: 9 }).length;
  const wasm = modules.reduce((sum, p) => sum + gzipSync(readFileSync(join(root, p)), { level: 9 }).length, 0);
  console.log(`snapdf's page side in ${await browser.version()} (headless)\n`);
  console.log(`first load (init() and createEngine() only): ${kib(wasm + js)} = ${modules.join(', ')} ${kib(wasm)} + ${scripts.length} JavaScript files ${kib(js)} (minified, gzip -9)`);
  console.log(`  the JavaScript: ${scripts.join(' ')}`);

  const out = await page.evaluate(async () => {
    const { init, render } = /** @type {any} */ (window).snapdf;
    const engine = /** @type {any} */ (window).engine;
    await init({ render: true }).catch(() => init()); // render() on the page, for the comparison (init() before issue 25 loaded the base module)
    const report = await (await fetch('/examples/snapshots/report.json')).json();
    const flights = await (await fetch('/examples/snapshots/flights-5000.json')).json();
    const doc = (/** @type {string} */ tag, /** @type {number} */ i) => ({ ...report, title: `${report.title} ${tag} ${i}` });
    const now = () => performance.now();
    // Warm-up: both paths, so V8 has optimized the module in the page and the workers.
    for (let i = 0; i < 50; i++) render(doc('warm', i));
    await Promise.all(Array.from({ length: 50 }, (_, i) => engine.createSnapshot(doc('warm-w', i)).done));
    /** @type {{ thread: number[], workers: number[], create: number[] }} */
    const t = { thread: [], workers: [], create: [] };
    for (let round = 0; round < 5; round++) {
      let start = now();
      for (let i = 0; i < 200; i++) render(doc(`t${round}`, i));
      t.thread.push(now() - start);
      start = now();
      const tasks = [];
      for (let i = 0; i < 200; i++) {
        const s = doc(`w${round}`, i);
        const c = now();
        tasks.push(engine.createSnapshot(s));
        t.create.push(now() - c);
      }
      await Promise.all(tasks.map((task) => task.done));
      t.workers.push(now() - start);
    }
    /** @type {{ bytes: number[], object: number[], clone: number[] }} */
    const big = { bytes: [], object: [], clone: [] };
    for (let i = 0; i < 20; i++) {
      const s = { ...flights, title: `${flights.title} ${i}` };
      const bytes = new TextEncoder().encode(JSON.stringify({ ...flights, title: `${flights.title} bytes ${i}` }));
      let c = now();
      structuredClone(s);
      big.clone.push(now() - c);
      c = now();
      const a = engine.createSnapshot(bytes);
      big.bytes.push(now() - c);
      c = now();
      const b = engine.createSnapshot(s);
      big.object.push(now() - c);
      await Promise.all([a.done, b.done]);
    }
    return { t, big };
  });
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pct = (/** @type {number[]} */ xs, /** @type {number} */ p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const ms = (/** @type {number} */ x) => `${x.toFixed(2)} ms`;
  const thread = median(out.t.thread);
  const workers = median(out.t.workers);
  console.log(`\n200 distinct reports, five rounds (median; range):`);
  console.log(`  render() on the page's thread: ${ms(thread)} (${ms(Math.min(...out.t.thread))}–${ms(Math.max(...out.t.thread))})`);
  console.log(`  createEngine({ workers: 2 }):   ${ms(workers)} (${ms(Math.min(...out.t.workers))}–${ms(Math.max(...out.t.workers))})`);
  console.log(`  throughput ratio: ${(thread / workers).toFixed(2)}x`);
  console.log(`\ncreateSnapshot on the page, until it returns:`);
  console.log(`  report (object), ${out.t.create.length} calls: p50 ${ms(pct(out.t.create, 0.5))}, p99 ${ms(pct(out.t.create, 0.99))}`);
  console.log(`  5,000 rows as bytes, 20 calls: p50 ${ms(pct(out.big.bytes, 0.5))}, max ${ms(Math.max(...out.big.bytes))}`);
  console.log(`  5,000 rows as an object, 20 calls: p50 ${ms(pct(out.big.object, 0.5))}, max ${ms(Math.max(...out.big.object))}; structuredClone of it: p50 ${ms(pct(out.big.clone, 0.5))}`);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
