// Notices between engines on one store, over a real BroadcastChannel (Node's, which
// behaves like the browsers' within a process): a render in one engine is heard by the
// other, which then serves that PDF from the shared store; malformed notices are ignored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiskStore, SnapshotEngine } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { tempDir } from './helpers.mjs';

const doc = { title: 'Announced', blocks: [{ type: 'paragraph', text: 'heard elsewhere' }] };

/** Two engines on one cache directory, each with its own end of one channel. */
function pair(name) {
  const dir = tempDir();
  const make = () => new SnapshotEngine({ wasm, store: new DiskStore(dir), channel: new BroadcastChannel(name) });
  return [make(), make()];
}

/** Resolves with the next `type` event's detail on `target`. */
const next = (target, type) => new Promise((resolve) => target.addEventListener(type, (e) => resolve(/** @type {CustomEvent} */ (e).detail), { once: true }));

test('a render in one engine is heard by the other, which serves it from the store', async () => {
  const [a, b] = pair('snapdf-test-notices');
  await b.cache.open(); // B's index is read before A writes: without the notice B would miss
  const heard = next(b.tasks, 'remotecompleted');
  const rendered = await a.render(doc);
  const notice = await heard;
  assert.equal(notice.key, rendered.key);
  assert.equal(notice.bytes, rendered.pdf.length);
  assert.equal(notice.record.digest, wasm.sha256(rendered.pdf));
  const served = await b.render(doc);
  assert.equal(served.source, 'l2');
  assert.deepEqual(served.pdf, rendered.pdf);
  a.close();
  b.close();
});

test('notices that are not well formed change nothing', async () => {
  const [a, b] = pair('snapdf-test-bad-notices');
  const rendered = await a.render(doc);
  const [c, d] = pair('snapdf-test-bad-notices'); // two more engines, on another directory
  await c.cache.open();
  const stranger = new BroadcastChannel('snapdf-test-bad-notices');
  const heard = [];
  c.tasks.addEventListener('remotecompleted', (e) => heard.push(/** @type {CustomEvent} */ (e).detail));
  const good = { type: 'completed', id: 't1', key: rendered.key, pages: 1, bytes: 1, ms: 1 };
  for (const bad of [null, 'completed', { type: 'started', id: 'x', key: 'y' }, { type: 'completed', id: 1, key: rendered.key }]) stranger.postMessage(bad);
  // A record with a wrong shape is not taken into the index; the notice is still told.
  stranger.postMessage({ ...good, record: { key: rendered.key, size: -1 } });
  // A well-shaped record of an entry this store does not have: the read finds nothing
  // and C renders; nothing wrong is served.
  stranger.postMessage({ ...good, record: { key: rendered.key, namespace: '', size: 10, pages: 1, digest: 'ab'.repeat(32), createdMs: 1, lastAccessMs: 1, expiresMs: null } });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(heard.length, 2);
  const r = await c.render(doc);
  assert.equal(r.source, 'render');
  assert.deepEqual(r.pdf, rendered.pdf);
  stranger.close();
  for (const e of [a, b, c, d]) e.close();
});
