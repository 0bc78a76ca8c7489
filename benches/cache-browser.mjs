#!/usr/bin/env node
// Cache hit latency in headless Chromium: L1 (memory) and L2 (IndexedDB, digest checked).
import { withTestPage } from '../tests/js/browser-helpers.mjs';

await withTestPage(async (page, browser) => {
  const rows = await page.evaluate(async () => {
    const snapdf = window.snapdf;
    await snapdf.init();
    const wasm = await import('/pkg/snapdf.js');
    const { cacheCases, copyCases } = await import('/benches/cache-cases.js');
    let n = 0;
    const cases = await cacheCases(snapdf, wasm, () => new snapdf.IdbStore({ name: `bench-${n++}` }));
    // examples/make-snapshots.mjs writes these.
    const names = ['one-page', 'report', 'flights-5000'];
    const inputs = await Promise.all(names.map(async (name) => [name, await (await fetch(`/examples/snapshots/${name}.json`)).text()]));
    return { cases, copies: await copyCases(snapdf, wasm, inputs, 100) };
  });
  const { print } = await import('./cache-cases.js');
  const version = await browser.version();
  print(`snapdf cache in ${version} (headless)`, rows.cases);
  print(`L1 hits, copied and shared, in ${version} (100 samples of 20 calls each, alternating)`, rows.copies);
});
