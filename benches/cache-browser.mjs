#!/usr/bin/env node
// Cache hit latency in headless Chromium: L1 (memory) and L2 (IndexedDB, digest checked).
import { withTestPage } from '../tests/js/browser-helpers.mjs';

await withTestPage(async (page, browser) => {
  const rows = await page.evaluate(async () => {
    const snapdf = window.snapdf;
    await snapdf.init();
    const wasm = await import('/pkg/snapdf.js');
    const { cacheCases } = await import('/benches/cache-cases.js');
    let n = 0;
    return cacheCases(snapdf, wasm, () => new snapdf.IdbStore({ name: `bench-${n++}` }));
  });
  const { print } = await import('./cache-cases.js');
  print(`snapdf cache in ${await browser.version()} (headless)`, rows);
});
