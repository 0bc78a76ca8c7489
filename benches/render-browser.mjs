#!/usr/bin/env node
// Render time of the WebAssembly build in headless Chromium, through the browser entry
// as an app calls it: the one-page snapshot, the 8-page report and the 5,000-row report
// (examples/snapshots/, written by `node examples/make-snapshots.mjs`). Median and p95
// of `render(jsonText)` on the page's main thread.
import { withTestPage } from '../tests/js/browser-helpers.mjs';

await withTestPage(async (page, browser) => {
  const rows = await page.evaluate(async () => {
    const snapdf = /** @type {any} */ (window).snapdf;
    await snapdf.init();
    const out = [];
    for (const [name, runs, warmup] of [['one-page', 400, 200], ['report', 200, 200], ['flights-5000', 30, 10]]) {
      const text = await (await fetch(`/examples/snapshots/${name}.json`)).text();
      for (let i = 0; i < warmup; i++) snapdf.render(text);
      const times = [];
      let result;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        result = snapdf.render(text);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out.push({ name, median: times[Math.floor(runs / 2)], p95: times[Math.floor(runs * 0.95)], pages: result.pages, bytes: result.pdf.length });
    }
    return out;
  });
  console.log(`snapdf render(jsonText) in ${await browser.version()} (headless), main thread\n`);
  console.log('input          median ms   p95 ms   output');
  for (const r of rows) console.log(`${r.name.padEnd(14)} ${r.median.toFixed(2).padStart(9)} ${r.p95.toFixed(2).padStart(8)}   ${r.pages} pages, ${r.bytes} bytes`);
});
