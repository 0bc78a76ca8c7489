// The two-layer cache in Node: memory (L1) and a directory (L2), driven through
// createEngine with an injected clock.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DiskStore, SnapshotEngine, createEngine } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { tempDir } from './helpers.mjs';

const DAY = 86_400_000;
const doc = (n) => ({ title: `Doc ${n}`, blocks: [{ type: 'paragraph', text: 'x '.repeat(50 * n) }] });

describe('cache layers', () => {
  test('lookup order is L1, then L2 (promoted), then render; both layers are filled', async () => {
    const dir = tempDir();
    const a = createEngine({ cacheDir: dir });
    assert.equal((await a.render(doc(1))).source, 'render');
    assert.equal((await a.render(doc(1))).source, 'l1');
    await a.flush();
    const b = createEngine({ cacheDir: dir }); // a restart
    const first = await b.render(doc(1));
    assert.equal(first.source, 'l2');
    assert.equal((await b.render(doc(1))).source, 'l1', 'an L2 hit is promoted to L1');
    assert.deepEqual(first.pdf, (await a.render(doc(1))).pdf);
    const s = b.cache.stats();
    assert.equal(s.l1.hits, 1);
    assert.equal(s.l2.hits, 1);
    assert.equal(s.overall.hitRate, 1);
    assert.equal(s.persistent, 'ok');
  });

  test('cache: false skips reading but still writes; store: false skips writing', async () => {
    const engine = createEngine({ cacheDir: tempDir() });
    assert.equal((await engine.render(doc(2), { store: false })).source, 'render');
    assert.equal((await engine.render(doc(2), { cache: false })).source, 'render');
    assert.equal((await engine.render(doc(2))).source, 'l1');
  });

  test('a corrupted L2 entry is never served: removed, counted, re-rendered', async () => {
    const dir = tempDir();
    const a = createEngine({ cacheDir: dir });
    const { key, pdf } = await a.render(doc(3));
    const file = join(dir, 'entries', `${key}.pdf`);
    const bad = Buffer.from(readFileSync(file));
    bad[bad.length >> 1] ^= 0xff; // one flipped byte, same size
    writeFileSync(file, bad);
    const b = createEngine({ cacheDir: dir });
    const r = await b.render(doc(3));
    assert.equal(r.source, 'render');
    assert.deepEqual(r.pdf, pdf);
    assert.equal(b.cache.stats().l2.corruptions, 1);
    assert.deepEqual(readFileSync(file), Buffer.from(pdf), 'the re-render replaced the bad entry');
  });

  test('a lost or corrupt index is rebuilt from the entry files', async () => {
    const dir = tempDir();
    const a = createEngine({ cacheDir: dir });
    await a.render(doc(4));
    await a.render(doc(5));
    await a.flush();
    for (const damage of ['lost', 'corrupt']) {
      if (damage === 'lost') rmSync(join(dir, 'index.json'));
      else writeFileSync(join(dir, 'index.json'), '[{"key": tru');
      const b = createEngine({ cacheDir: dir });
      assert.equal((await b.render(doc(4))).source, 'l2', damage);
      assert.equal((await b.render(doc(5))).source, 'l2', damage);
      await b.flush();
    }
  });

  test('a full L2 budget evicts the least recently used entry, files included', async () => {
    const dir = tempDir();
    const sizes = [];
    const probe = createEngine();
    for (const n of [1, 2, 3]) sizes.push((await probe.render(doc(n))).pdf.length);
    const budgetBytes = sizes[0] + sizes[1] + sizes[2] - 1; // room for two of the three
    const engine = createEngine({ cacheDir: dir, persistent: { budgetBytes } });
    const keys = [];
    for (const n of [1, 2, 3]) keys.push((await engine.render(doc(n))).key);
    const s = engine.cache.stats().l2;
    assert.equal(s.entries, 2);
    assert.equal(s.evictions, 1);
    assert.ok(s.bytes <= budgetBytes);
    assert.equal(existsSync(join(dir, 'entries', `${keys[0]}.pdf`)), false, 'evicted bytes are deleted');
    assert.equal(existsSync(join(dir, 'entries', `${keys[2]}.pdf`)), true);
  });

  test('TTL: an entry expires after its time to live; cleanup frees it', async () => {
    let now = 1_700_000_000_000;
    const dir = tempDir();
    const engine = createEngine({ cacheDir: dir, persistent: { ttlMs: DAY }, memory: { ttlMs: DAY }, now: () => now });
    await engine.render(doc(6));
    now += DAY - 1;
    assert.equal((await engine.render(doc(6))).source, 'l1');
    now += 1;
    const freed = await engine.cache.cleanup();
    assert.equal(freed.entries, 2, 'one entry in each layer');
    assert.ok(freed.bytes > 0);
    assert.equal((await engine.render(doc(6))).source, 'render');
  });

  test('namespaces: different keys, and clear({ namespace }) removes only that one', async () => {
    const engine = createEngine({ cacheDir: tempDir() });
    const alice = await engine.render(doc(7), { namespace: 'alice' });
    const bob = await engine.render(doc(7), { namespace: 'bob' });
    assert.notEqual(alice.key, bob.key);
    const removed = await engine.cache.clear({ namespace: 'alice' });
    assert.deepEqual(removed, [alice.key]);
    assert.equal((await engine.render(doc(7), { namespace: 'bob' })).source, 'l1');
    assert.equal((await engine.render(doc(7), { namespace: 'alice' })).source, 'render');
    const byPrefix = await engine.cache.invalidate({ prefix: bob.key.slice(0, 6) });
    assert.deepEqual(byPrefix, [bob.key]);
  });

  test('an entry larger than a budget is refused, and the PDF still comes back', async () => {
    const engine = createEngine({ cacheDir: tempDir(), memory: { budgetBytes: 100 }, persistent: { budgetBytes: 100 } });
    const r = await engine.render(doc(1));
    assert.equal(r.source, 'render');
    assert.equal(engine.cache.stats().l1.refusals, 1);
    assert.equal(engine.cache.stats().l2.refusals, 1);
    assert.equal((await engine.render(doc(1))).source, 'render');
  });

  test('shared bytes a caller transferred away are never served empty from memory', async () => {
    // With copies (the default) a transfer leaves L1 whole (result-bytes.test.mjs); with
    // shareResults it detaches L1's own bytes, which are then dropped.
    const engine = createEngine({ cacheDir: tempDir(), workers: 0, memory: { shareResults: true } });
    const first = await engine.render(doc(8));
    const size = first.pdf.length;
    structuredClone(first.pdf, { transfer: [first.pdf.buffer] }); // as postMessage(pdf, [pdf.buffer]) would
    assert.equal(first.pdf.length, 0, 'detached');
    const again = await engine.render(doc(8));
    assert.equal(again.source, 'l2', 'the emptied memory entry was dropped; the disk copy serves');
    assert.equal(again.pdf.length, size);
    const memory = createEngine({ workers: 0, memory: { shareResults: true } });
    const m = await memory.render(doc(8));
    structuredClone(m.pdf, { transfer: [m.pdf.buffer] });
    const rerendered = await memory.render(doc(8));
    assert.equal(rerendered.source, 'render');
    assert.equal(rerendered.pdf.length, size);
  });

  test('prefetch renders what is missing', async () => {
    const engine = createEngine();
    await engine.render(doc(1));
    assert.deepEqual(await engine.prefetch([doc(1), doc(2), doc(3)]), { rendered: 2, cached: 1 });
  });
});

describe('storage faults', () => {
  /** A DiskStore whose writes fail with `code` the first `times` times. */
  function failingStore(dir, code, times) {
    const store = new DiskStore(dir);
    const write = store.write.bind(store);
    let left = times;
    store.write = async (record, pdf) => {
      if (left-- > 0) throw Object.assign(new Error(`${code}: simulated`), { code });
      return write(record, pdf);
    };
    return store;
  }

  test('ENOSPC once: evict and retry, the entry is stored', async () => {
    const dir = tempDir();
    const engine = new SnapshotEngine({ wasm, store: failingStore(dir, 'ENOSPC', 0) });
    await engine.render(doc(1));
    await engine.render(doc(2));
    const flaky = new SnapshotEngine({ wasm, store: failingStore(dir, 'ENOSPC', 1) });
    const r = await flaky.render(doc(3));
    assert.equal(r.source, 'render');
    const s = flaky.cache.stats();
    assert.equal(s.persistent, 'ok');
    assert.ok(s.l2.evictions >= 1, 'room was made');
    assert.ok(existsSync(join(dir, 'entries', `${r.key}.pdf`)));
  });

  test('a store that keeps failing: PDFs still render, memory serves, stats say degraded', async () => {
    const warnings = [];
    const warn = console.warn;
    console.warn = (m) => warnings.push(m);
    try {
      const engine = new SnapshotEngine({ wasm, store: failingStore(tempDir(), 'EIO', Infinity) });
      assert.equal((await engine.render(doc(1))).source, 'render');
      assert.equal((await engine.render(doc(1))).source, 'l1');
      const s = engine.cache.stats();
      assert.equal(s.persistent, 'degraded');
      assert.match(s.degradedReason, /EIO: simulated/);
      assert.equal(warnings.length, 1);
    } finally {
      console.warn = warn;
    }
  });

  test('an unopenable store (a file where the directory should be) runs memory-only', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'entries'), 'not a directory');
    const warn = console.warn;
    console.warn = () => {};
    try {
      const engine = createEngine({ cacheDir: dir });
      assert.equal((await engine.render(doc(1))).source, 'render');
      assert.equal((await engine.render(doc(1))).source, 'l1');
      assert.equal(engine.cache.stats().persistent, 'degraded');
      assert.deepEqual(readdirSync(dir), ['entries']);
    } finally {
      console.warn = warn;
    }
  });
});
