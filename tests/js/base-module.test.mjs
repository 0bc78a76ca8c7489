// The base module (pkg/snapdf_base_bg.wasm, built without the `media` feature), which
// browsers load by default: run in the package's own Node render worker, it makes the
// same PDF bytes as the media module for snapshots in the standard fonts, and refuses
// images and supplied fonts with MEDIA_UNAVAILABLE naming where they are.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import * as snapdf from 'snapdf';
import { root } from './helpers.mjs';

/** @type {Worker} */
let worker;
let next = 0;

before(() => {
  const module = new WebAssembly.Module(readFileSync(join(root, 'pkg/snapdf_base_bg.wasm')));
  worker = new Worker(join(root, 'js/workers/node-worker.js'), { workerData: { module } });
});
after(() => worker.terminate());

/**
 * Renders on the base module through the worker protocol.
 * @returns {Promise<{ ok: true, result: { pdf: Uint8Array, key: string } } | { ok: false, error: { code: string, path?: string, message: string } }>}
 */
function renderOnBase(snapshot, fonts) {
  const id = String(next++);
  return new Promise((resolve) => {
    const listen = (msg) => {
      if (msg.id !== id || msg.type !== 'done') return;
      worker.off('message', listen);
      resolve(msg);
    };
    worker.on('message', listen);
    worker.postMessage({ type: 'render', id, json: JSON.stringify(snapshot), options: {}, fonts });
  });
}

const snapshotFile = (name) => JSON.parse(readFileSync(join(root, 'examples/snapshots', `${name}.json`), 'utf8'));

for (const name of ['one-page', 'report', 'seattle-weather']) {
  test(`the base module renders ${name} to the same bytes and key as the media module`, async () => {
    const snapshot = snapshotFile(name);
    const reply = await renderOnBase(snapshot);
    assert.ok(reply.ok, JSON.stringify(reply));
    const media = snapdf.render(snapshot);
    assert.equal(reply.result.key, media.key);
    assert.ok(Buffer.from(reply.result.pdf).equals(Buffer.from(media.pdf)), 'the same PDF bytes');
  });
}

test('the base module refuses images and supplied fonts with MEDIA_UNAVAILABLE', async () => {
  const gallery = JSON.parse(readFileSync(join(root, 'examples/gallery/every-block.json'), 'utf8'));
  const at = gallery.blocks.findIndex((b) => b.type === 'image');
  assert.ok(at >= 0, 'the gallery has an image');
  const image = await renderOnBase(gallery);
  assert.equal(image.ok, false);
  assert.equal(image.error.code, 'MEDIA_UNAVAILABLE');
  assert.equal(image.error.path, `blocks[${at}].data`);
  assert.match(image.error.message, /images need snapdf's media module.*init\(\{ media: true \}\)/);
  // The media module renders it.
  assert.ok(snapdf.render(gallery).pages > 0);

  const font = { name: 'DejaVu Sans', data: new Uint8Array(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')) };
  const fonts = await renderOnBase({ title: 'Т', font: 'DejaVu Sans', blocks: [] }, [font]);
  assert.equal(fonts.ok, false);
  assert.deepEqual({ code: fonts.error.code, path: fonts.error.path }, { code: 'MEDIA_UNAVAILABLE', path: 'options.fonts' });
  assert.match(fonts.error.message, /supplied fonts need snapdf's media module/);
});
