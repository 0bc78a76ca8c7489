// Results a caller can trust: each result's `pdf` is bytes of its own, so writing into
// it changes neither the memory cache (the next L1 hit) nor another caller's result;
// `memory: { shareResults: true }` is the zero-copy opt-in where they are shared.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEngine } from 'snapdf';
import { tempDir } from './helpers.mjs';

const doc = (n) => ({ title: `Bytes ${n}`, blocks: [{ type: 'paragraph', text: `paragraph ${n} `.repeat(40) }] });

/** Overwrites every byte of a result's pdf, as a careless caller might. @param {Uint8Array} pdf */
const scribble = (pdf) => pdf.fill(0x58);

describe('results are copies (default)', () => {
  test('writing into a rendered pdf leaves the next L1 hit unchanged', async () => {
    const engine = createEngine({ workers: 0 });
    const first = await engine.render(doc(1));
    assert.equal(first.source, 'render');
    const original = first.pdf.slice();
    scribble(first.pdf);
    const hit = await engine.render(doc(1));
    assert.equal(hit.source, 'l1');
    assert.deepEqual(hit.pdf, original);
    assert.equal(new TextDecoder().decode(hit.pdf.subarray(0, 5)), '%PDF-');
    scribble(hit.pdf); // a hit's bytes are the caller's too
    const again = await engine.render(doc(1));
    assert.equal(again.source, 'l1');
    assert.deepEqual(again.pdf, original);
    assert.notEqual(again.pdf.buffer, hit.pdf.buffer);
  });

  test('from worker threads too (the bytes a worker transferred)', async () => {
    const engine = createEngine({ workers: 1 });
    try {
      const first = await engine.render(doc(2));
      const original = first.pdf.slice();
      scribble(first.pdf);
      const hit = await engine.render(doc(2));
      assert.equal(hit.source, 'l1');
      assert.deepEqual(hit.pdf, original);
    } finally {
      await engine.close();
    }
  });

  test('requests that share one render each get their own bytes; engine events carry the task\'s result', async () => {
    const engine = createEngine({ workers: 0 });
    /** @type {any[]} */
    const events = [];
    engine.tasks.addEventListener('completed', (e) => events.push(/** @type {CustomEvent} */ (e).detail));
    const a = engine.createSnapshot(doc(3));
    const b = engine.createSnapshot(doc(3)); // joins a's run
    assert.equal(b.runId, a.id);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    assert.deepEqual(ra.pdf, rb.pdf);
    assert.notEqual(ra.pdf.buffer, rb.pdf.buffer);
    const original = rb.pdf.slice();
    scribble(ra.pdf);
    assert.deepEqual(rb.pdf, original, 'the other request is untouched');
    assert.deepEqual((await engine.render(doc(3))).pdf, original, 'and so is the cache');
    assert.equal(events.find((d) => d.task === a).result, ra, 'the engine event of a task has that task\'s result');
  });

  test('a batch with the same snapshot twice: two results, two buffers', async () => {
    const engine = createEngine({ workers: 0 });
    const batch = engine.createSnapshots([doc(4), doc(4), doc(5)]);
    const settled = await batch.done;
    const [r0, r1, r2] = settled.map((s) => (s.status === 'fulfilled' ? s.value : assert.fail(String(s.reason))));
    const original = r1.pdf.slice();
    scribble(r0.pdf);
    scribble(r2.pdf);
    assert.deepEqual(r1.pdf, original);
    assert.equal((await engine.render(doc(4))).source, 'l1');
    assert.deepEqual((await engine.render(doc(4))).pdf, original);
  });

  test('an L2 hit is promoted to L1 as a copy: writing into it leaves memory and disk unchanged', async () => {
    const dir = tempDir();
    const a = createEngine({ cacheDir: dir, workers: 0 });
    const original = (await a.render(doc(6))).pdf.slice();
    await a.flush();
    const b = createEngine({ cacheDir: dir, workers: 0 }); // a restart
    const fromDisk = await b.render(doc(6));
    assert.equal(fromDisk.source, 'l2');
    scribble(fromDisk.pdf);
    const hit = await b.render(doc(6));
    assert.equal(hit.source, 'l1');
    assert.deepEqual(hit.pdf, original);
    const c = createEngine({ cacheDir: dir, workers: 0 });
    assert.deepEqual((await c.render(doc(6))).pdf, original);
  });

  test('bytes passed to cache.put stay the caller\'s; cache.get hands out copies', async () => {
    const engine = createEngine({ workers: 0 });
    const key = 'cd'.repeat(32);
    const bytes = new TextEncoder().encode('%PDF-1.7 not really a PDF, but bytes');
    const original = bytes.slice();
    await engine.cache.put(key, { pdf: bytes, pages: 1 });
    scribble(bytes);
    const got = await engine.cache.get(key);
    assert.equal(got?.layer, 'l1');
    assert.deepEqual(got?.pdf, original);
    scribble(/** @type {Uint8Array} */ (got?.pdf));
    assert.deepEqual((await engine.cache.get(key))?.pdf, original);
  });

  test('transferring a result away leaves the cache whole', async () => {
    const engine = createEngine({ workers: 0 });
    const first = await engine.render(doc(7));
    const size = first.pdf.length;
    structuredClone(first.pdf, { transfer: [first.pdf.buffer] }); // as postMessage(pdf, [pdf.buffer]) would
    assert.equal(first.pdf.length, 0, 'detached');
    const again = await engine.render(doc(7));
    assert.equal(again.source, 'l1');
    assert.equal(again.pdf.length, size);
  });
});

describe('memory: { shareResults: true }', () => {
  test('every L1 hit and every request of a shared render get the same bytes', async () => {
    const engine = createEngine({ workers: 0, memory: { shareResults: true } });
    const a = engine.createSnapshot(doc(8));
    const b = engine.createSnapshot(doc(8));
    const [ra, rb] = await Promise.all([a.done, b.done]);
    assert.equal(ra.pdf, rb.pdf, 'one Uint8Array for both requests');
    const hit = await engine.render(doc(8));
    assert.equal(hit.source, 'l1');
    assert.equal(hit.pdf, ra.pdf, 'the hit is the bytes L1 keeps');
    scribble(ra.pdf);
    assert.equal((await engine.render(doc(8))).pdf[0], 0x58, 'a write reaches the next hit: the documented cost of sharing');
  });

  test('with its limits: budgetBytes still applies', async () => {
    const engine = createEngine({ workers: 0, memory: { shareResults: true, budgetBytes: 100 } });
    await engine.render(doc(9));
    assert.equal(engine.cache.stats().l1.refusals, 1);
    assert.equal(engine.cache.stats().l1.budgetBytes, 100);
  });

  test('a transferred shared result is dropped from memory, never served empty', async () => {
    const engine = createEngine({ workers: 0, memory: { shareResults: true } });
    const first = await engine.render(doc(10));
    const size = first.pdf.length;
    structuredClone(first.pdf, { transfer: [first.pdf.buffer] });
    const again = await engine.render(doc(10));
    assert.equal(again.source, 'render');
    assert.equal(again.pdf.length, size);
  });

  test('shareResults must be true or false', () => {
    assert.throws(() => createEngine({ workers: 0, memory: { shareResults: /** @type {any} */ ('yes') } }), {
      code: 'INVALID_OPTIONS',
      path: 'options.memory.shareResults',
      message: /options\.memory\.shareResults must be true or false, got "yes"/,
    });
    assert.throws(() => createEngine({ workers: 0, persistent: /** @type {any} */ ({ shareResults: true }) }), {
      code: 'INVALID_OPTIONS',
      path: 'options.persistent.shareResults',
    });
  });
});
