// Cache benchmark cases shared by Node (benches/cache.mjs) and Chromium
// (benches/cache-browser.mjs): they run wherever `snapdf` and a store are given.

/** Calls per timed sample: browsers coarsen performance.now() to 0.1 ms (no cross-origin isolation). */
const BATCH = typeof window === 'undefined' ? 1 : 20;

/**
 * Median and p99 of an async function's duration, in milliseconds (in browsers, of the
 * mean over batches of BATCH calls, so that sub-0.1 ms times can be seen).
 * @param {() => Promise<unknown> | unknown} fn
 * @param {number} samples
 */
export async function measure(fn, samples = 300) {
  for (let i = 0; i < 20; i++) await fn();
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    for (let j = 0; j < BATCH; j++) await fn();
    times.push((performance.now() - t) / BATCH);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(samples / 2)], p99: times[Math.floor(samples * 0.99)] };
}

/**
 * Runs the cache cases. `makeStore()` returns a fresh persistent store.
 * @param {any} snapdf the package's entry point (Node or browser), initialized
 * @param {any} wasm the engine module (for sha256 and SnapshotEngine)
 * @param {() => any} makeStore
 */
export async function cacheCases(snapdf, wasm, makeStore) {
  const rows = [];
  const payload = (size) => {
    const b = new Uint8Array(size);
    for (let i = 0; i < size; i++) b[i] = (i * 2654435761) >>> 24;
    return b;
  };
  const mb = payload(1 << 20);
  const sha = await measure(() => wasm.sha256(mb), 20);
  rows.push({ case: 'SHA-256 of 1 MiB in WebAssembly', median: sha.median, p99: sha.p99, note: `${(1 / (sha.median / 1000)).toFixed(0)} MiB/s` });
  for (const [label, size] of [['100 KB', 100_000], ['1 MB', 1_000_000]]) {
    const pdf = payload(size);
    const key = 'ab'.repeat(32);
    const l1 = new snapdf.SnapshotEngine({ wasm, persistent: undefined });
    await l1.cache.put(key, { pdf, pages: 1 });
    const h1 = await measure(() => l1.cache.get(key));
    rows.push({ case: `L1 hit, ${label}`, ...h1 });
    // An L1 too small to keep the entry: every get is an L2 read with its digest check.
    const l2 = new snapdf.SnapshotEngine({ wasm, memory: { budgetBytes: 1 }, store: makeStore() });
    await l2.cache.put(key, { pdf, pages: 1 });
    const check = await l2.cache.get(key);
    if (check?.layer !== 'l2') throw new Error('expected an L2 hit');
    const h2 = await measure(() => l2.cache.get(key), 50);
    rows.push({ case: `L2 hit with digest check, ${label}`, ...h2 });
  }
  const engine = new snapdf.SnapshotEngine({ wasm });
  const report = { title: 'Hit path', blocks: [{ type: 'table', columns: ['a', 'b'], rows: Array.from({ length: 200 }, (_, i) => [`row ${i}`, i]) }] };
  await engine.render(report);
  const hit = await measure(() => engine.createSnapshot(report).done);
  rows.push({ case: 'createSnapshot(…).done, L1 hit (200-row object: stringify, key, L1)', ...hit });
  // The L2 hit path end to end: an L1 too small to keep the PDF, so each request is a
  // task that finds it in the store.
  const viaStore = new snapdf.SnapshotEngine({ wasm, memory: { budgetBytes: 1 }, store: makeStore() });
  await viaStore.render(report);
  const l2hit = await measure(async () => {
    const r = await viaStore.createSnapshot(report).done;
    if (r.source !== 'l2') throw new Error(`expected an L2 hit, got ${r.source}`);
  }, 100);
  rows.push({ case: 'createSnapshot(…).done, L2 hit (key, task, L2 read, digest)', ...l2hit });
  return rows;
}

/**
 * Medians of two functions sampled alternately (a, b, a, b, …), so that a background
 * load that comes and goes weighs on both alike; each sample is one call (BATCH calls
 * in browsers).
 * @param {() => Promise<unknown> | unknown} a
 * @param {() => Promise<unknown> | unknown} b
 * @param {number} samples per function
 */
export async function measurePair(a, b, samples) {
  for (let i = 0; i < 50; i++) {
    await a();
    await b();
  }
  /** @type {[number[], number[]]} */
  const times = [[], []];
  for (let i = 0; i < samples; i++) {
    for (const [j, fn] of /** @type {const} */ ([[0, a], [1, b]])) {
      const t = performance.now();
      for (let k = 0; k < BATCH; k++) await fn();
      times[j].push((performance.now() - t) / BATCH);
    }
  }
  const stat = (/** @type {number[]} */ t) => {
    t.sort((x, y) => x - y);
    return { median: t[Math.floor(t.length / 2)], p99: t[Math.floor(t.length * 0.99)] };
  };
  return [stat(times[0]), stat(times[1])];
}

/**
 * L1 hits of real snapshots with results copied (the default) and shared (`memory: {
 * shareResults: true }`), in the same run: `cache.get(key)` (the lookup and the copy)
 * and `render(text)` (key of the snapshot's text, task, lookup, copy).
 * @param {any} snapdf the package's entry point (Node or browser), initialized
 * @param {any} wasm the engine module
 * @param {[string, string][]} inputs name and JSON text of each snapshot
 * @param {number} samples per case and mode
 */
export async function copyCases(snapdf, wasm, inputs, samples) {
  const rows = [];
  for (const [name, text] of inputs) {
    const copied = new snapdf.SnapshotEngine({ wasm });
    const shared = new snapdf.SnapshotEngine({ wasm, memory: { shareResults: true } });
    const { key, pdf } = await copied.render(text);
    await shared.render(text);
    for (const engine of [copied, shared]) {
      const r = await engine.render(text);
      if (r.source !== 'l1') throw new Error(`expected an L1 hit, got ${r.source}`);
    }
    const size = `${pdf.length.toLocaleString('en-US')} B`;
    const [getCopy, getShare] = await measurePair(() => copied.cache.get(key), () => shared.cache.get(key), samples);
    rows.push({ case: `L1 hit ${name}, cache.get: copied`, ...getCopy, note: size });
    rows.push({ case: `L1 hit ${name}, cache.get: shareResults`, ...getShare, note: `copy +${(getCopy.median - getShare.median).toFixed(4)} ms` });
    const [renderCopy, renderShare] = await measurePair(() => copied.render(text), () => shared.render(text), samples);
    rows.push({ case: `L1 hit ${name}, render(text): copied`, ...renderCopy });
    rows.push({ case: `L1 hit ${name}, render(text): shareResults`, ...renderShare, note: `copy +${(renderCopy.median - renderShare.median).toFixed(4)} ms` });
  }
  return rows;
}

/** Prints rows as a table. */
export function print(title, rows) {
  console.log(`\n${title}\n`);
  console.log('case'.padEnd(66) + 'median ms'.padStart(10) + 'p99 ms'.padStart(10));
  for (const r of rows) console.log(r.case.padEnd(66) + r.median.toFixed(4).padStart(10) + r.p99.toFixed(4).padStart(10) + (r.note ? `   ${r.note}` : ''));
}
