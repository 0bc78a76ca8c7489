// Keys computed where the render happens (issue 25): an engine whose runner keys the
// snapshots (a browser page that loaded only the front module) hands each one to a
// worker, which parses, checks and keys it; the task learns its key a moment later
// (`task.keyed`, the `key` event), and the cache and single flight work on it as when the
// calling thread keys. Run here with Node's worker_threads, as a page runs Web Workers.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { SnapshotEngine, WorkerPool, spawnNodeWorker } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';

const doc = (n) => ({ title: `Keyed in a worker ${n}`, blocks: [{ type: 'table', columns: ['a', 'b'], rows: [['x', n]] }] });

/** An engine that keys in its workers, as a page with only the front module does. */
const workerKeyed = () => new SnapshotEngine({ wasm, render: null, keyInRunner: true, runner: new WorkerPool({ size: 2, spawn: spawnNodeWorker }) });

describe('keys computed by the workers', () => {
  const engine = workerKeyed();
  after(() => engine.close());

  test('a task has no key when createSnapshot returns, then the key the page would compute, and the same bytes', async () => {
    const task = engine.createSnapshot(doc(1));
    assert.equal(task.key, '', 'not known yet: the worker computes it');
    assert.equal(task.status, 'pending');
    const heard = new Promise((resolve) => task.addEventListener('key', (e) => resolve(/** @type {CustomEvent} */ (e).detail.key), { once: true }));
    const expected = wasm.cacheKey(new TextEncoder().encode(JSON.stringify(doc(1))), {}, undefined);
    assert.equal(await task.keyed, expected);
    assert.equal(await heard, expected);
    assert.equal(task.key, expected);
    const result = await task.done;
    assert.equal(result.source, 'render');
    assert.equal(result.key, expected);
    assert.deepEqual(result.pdf, wasm.render(new TextEncoder().encode(JSON.stringify(doc(1))), {}, undefined).pdf, 'the same bytes as a render on this thread');
  });

  test('a PDF in memory comes back without a render; the same snapshot twice at once is rendered once', async () => {
    const again = await engine.createSnapshot(doc(1)).done;
    assert.equal(again.source, 'l1');
    const first = engine.createSnapshot(doc(2));
    const second = engine.createSnapshot(doc(2));
    const [a, b] = await Promise.all([first.done, second.done]);
    assert.equal(a.source, 'render');
    // The second key arrives while the first run is pending or running (it joins), or
    // after it completed (a PDF in memory): never a second render.
    assert.ok(second.runId === first.id || b.source === 'l1', `joined or served from memory, not ${b.source}`);
    assert.deepEqual(b.pdf, a.pdf);
  });

  test('an invalid snapshot fails with the code, path and message the page would give', async () => {
    const bad = { title: 'Bad', blocks: [{ type: 'paragraph', text: 'ok' }, { type: 'table', columns: ['a'], rows: [[[1]]] }] };
    let expected;
    try {
      wasm.cacheKey(new TextEncoder().encode(JSON.stringify(bad)), {}, undefined);
    } catch (e) {
      expected = e;
    }
    const task = engine.createSnapshot(bad);
    await assert.rejects(task.done, { name: 'SnapdfError', code: expected.code, path: expected.path, message: expected.message });
    assert.equal(await task.keyed, '');
    assert.equal(task.status, 'failed');
  });

  test('a task cancelled before its key arrives ends cancelled, and nothing renders for it', async () => {
    const task = engine.createSnapshot(doc(3));
    assert.equal(task.cancel(), true);
    await assert.rejects(task.done, { code: 'CANCELLED' });
    assert.equal(task.status, 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(engine.listTasks().filter((r) => r.status === 'running' || r.status === 'pending').length, 0);
  });

  test('bytes go to the worker as they are: the same key, and the caller may reuse its array at once', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(doc(4)));
    const expected = wasm.cacheKey(bytes, {}, undefined);
    const task = engine.createSnapshot(bytes);
    bytes.fill(0x20); // the caller's buffer, reused before the worker has read it
    assert.equal(await task.keyed, expected);
    assert.equal((await task.done).key, expected);
    const invalid = engine.createSnapshot(Uint8Array.of(0x7b, 0xff, 0x7d));
    await assert.rejects(invalid.done, { code: 'INVALID_JSON' });
  });

  test('an engine that keys on this thread needs its render module', () => {
    assert.throws(() => new SnapshotEngine({ wasm, render: null }), { code: 'NOT_INITIALIZED' });
  });
});
