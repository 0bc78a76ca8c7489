// The base module (pkg/snapdf_base_bg.wasm, built without the `media` feature), which
// browsers load by default: run in the package's own Node render worker, it makes the
// same PDF bytes as the media module for snapshots in the standard fonts, and refuses
// to render images and supplied fonts with MEDIA_UNAVAILABLE naming where they are.
// It still keys such snapshots, with the media module's key, so a page can look them
// up in the cache and hand them to media-module workers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import * as snapdf from 'snapdf';
import { flightsReport, onePage, weatherReport } from '../../examples/snapshots.mjs';
import { root } from './helpers.mjs';

/** @type {Worker} the package's render worker, given the base module */
let worker;
/** @type {Worker} a worker that calls the base module's functions (base-child.mjs) */
let child;
let next = 0;

before(() => {
  const module = new WebAssembly.Module(readFileSync(join(root, 'pkg/snapdf_base_bg.wasm')));
  worker = new Worker(join(root, 'js/workers/node-worker.js'), { workerData: { module } });
  child = new Worker(join(root, 'tests/js/base-child.mjs'));
});
after(() => Promise.all([worker.terminate(), child.terminate()]));

/** Answers to messages with `id` from `from`. */
function reply(from, id) {
  return new Promise((resolve) => {
    const listen = (msg) => {
      if (msg.id !== id || msg.type === 'stage') return;
      from.off('message', listen);
      resolve(msg);
    };
    from.on('message', listen);
  });
}

/**
 * Calls a function of the base module, such as `cacheKey` or `validate`.
 * @returns {Promise<{ ok: true, value: any } | { ok: false, error: { code: string, path?: string, message: string } }>}
 */
function callBase(fn, ...args) {
  const id = String(next++);
  const answer = reply(child, id);
  child.postMessage({ id, fn, args });
  return answer;
}

/**
 * Renders on the base module through the worker protocol.
 * @returns {Promise<{ ok: true, result: { pdf: Uint8Array, key: string } } | { ok: false, error: { code: string, path?: string, message: string } }>}
 */
function renderOnBase(snapshot, fonts) {
  const id = String(next++);
  const answer = reply(worker, id);
  // The fonts go first, as a numbered set the render names (js/workers/protocol.js).
  if (fonts) worker.postMessage({ type: 'fonts', set: next, fonts });
  worker.postMessage({ type: 'render', id, json: JSON.stringify(snapshot), options: {}, fontSet: fonts ? next : undefined });
  return answer;
}

/** The demo's snapshots, built from vega-datasets (examples/snapshots/ holds them only after the demo has run). */
const examples = { 'one-page': onePage, report: () => flightsReport(200), 'seattle-weather': weatherReport };

for (const name of ['one-page', 'report', 'seattle-weather']) {
  test(`the base module renders ${name} to the same bytes and key as the media module`, async () => {
    const snapshot = examples[name]();
    const base = await renderOnBase(snapshot);
    assert.ok(base.ok, JSON.stringify(base));
    const media = snapdf.render(snapshot);
    assert.equal(base.result.key, media.key);
    assert.ok(Buffer.from(base.result.pdf).equals(Buffer.from(media.pdf)), 'the same PDF bytes');
  });
}

const gallery = JSON.parse(readFileSync(join(root, 'examples/gallery/every-block.json'), 'utf8'));
const imageAt = gallery.blocks.findIndex((b) => b.type === 'image');
const dejavu = { name: 'DejaVu Sans', data: new Uint8Array(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')) };
const cyrillic = { title: 'Отчёт', font: 'DejaVu Sans', blocks: [{ type: 'paragraph', text: 'Съешь же ещё этих мягких французских булок' }] };

test('the base module refuses to render images (in boxes and bands too), QR codes and supplied fonts with MEDIA_UNAVAILABLE', async () => {
  assert.ok(imageAt >= 0, 'the gallery has an image');
  const image = await renderOnBase(gallery);
  assert.equal(image.ok, false);
  assert.deepEqual({ code: image.error.code, path: image.error.path }, { code: 'MEDIA_UNAVAILABLE', path: `blocks[${imageAt}].data` });
  assert.match(image.error.message, /images need snapdf's media module.*init\(\{ media: true \}\)/);
  // The media module renders it.
  assert.ok(snapdf.render(gallery).pages > 0);

  const qr = await renderOnBase({ title: 'QR', blocks: [{ type: 'paragraph', text: 'Scan it' }, { type: 'qr', data: 'https://example.com' }] });
  assert.deepEqual({ code: qr.error.code, path: qr.error.path }, { code: 'MEDIA_UNAVAILABLE', path: 'blocks[1].data' });
  assert.match(qr.error.message, /QR codes need snapdf's media module/);

  const svg = await renderOnBase({ title: 'SVG', blocks: [{ type: 'svg', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>' }] });
  assert.deepEqual({ code: svg.error.code, path: svg.error.path }, { code: 'MEDIA_UNAVAILABLE', path: 'blocks[0].svg' });
  assert.match(svg.error.message, /SVG drawings need snapdf's media module/);

  // In a box, and in a header's slot, each at its path.
  const png = gallery.blocks[imageAt].data;
  const boxed = await renderOnBase({ title: 'Box', blocks: [{ type: 'paragraph', text: 'x' }, { type: 'box', blocks: [{ type: 'image', data: png }] }] });
  assert.deepEqual({ code: boxed.error.code, path: boxed.error.path }, { code: 'MEDIA_UNAVAILABLE', path: 'blocks[1].blocks[0].data' });
  const logo = await renderOnBase({ title: 'Logo', page: { footer: { right: { image: png } } } });
  assert.deepEqual({ code: logo.error.code, path: logo.error.path }, { code: 'MEDIA_UNAVAILABLE', path: 'page.footer.right.image' });
  assert.match(logo.error.message, /images need snapdf's media module/);

  const fonts = await renderOnBase(cyrillic, [dejavu]);
  assert.equal(fonts.ok, false);
  assert.deepEqual({ code: fonts.error.code, path: fonts.error.path }, { code: 'MEDIA_UNAVAILABLE', path: 'font' });
  assert.match(fonts.error.message, /supplied fonts need snapdf's media module/);
  const validated = await callBase('validate', new TextEncoder().encode(JSON.stringify(cyrillic)), [dejavu]);
  assert.equal(validated.ok === false && validated.error.code, 'MEDIA_UNAVAILABLE');

  // Hyphenation lives in the media module: a justified paragraph in English is refused
  // at `lang`; the same text left-aligned (nothing to hyphenate) renders, byte for byte
  // as the media module renders it.
  const english = (align) => ({ title: 'Hyphens', lang: 'en', blocks: [{ type: 'paragraph', align, text: 'Hyphenation of justified paragraphs' }] });
  const justified = await renderOnBase(english('justify'));
  assert.deepEqual({ code: justified.error?.code, path: justified.error?.path }, { code: 'MEDIA_UNAVAILABLE', path: 'lang' });
  assert.match(justified.error.message, /hyphenated justified paragraphs need snapdf's media module/);
  // A justified heading, and one in a box, are refused too (found by an outside probe:
  // the base module set them without hyphens, under the media module's key).
  const heading = { title: 'Hyphens', lang: 'en', blocks: [{ type: 'box', blocks: [{ type: 'heading', align: 'justify', text: 'Hyphenation' }] }] };
  const justifiedHeading = await renderOnBase(heading);
  assert.deepEqual({ code: justifiedHeading.error?.code, path: justifiedHeading.error?.path }, { code: 'MEDIA_UNAVAILABLE', path: 'lang' });
  const left = await renderOnBase(english('left'));
  assert.ok(left.ok, JSON.stringify(left));
  assert.ok(Buffer.from(left.result.pdf).equals(Buffer.from(snapdf.render(english('left')).pdf)), 'the same PDF bytes');
});

test('the base module keys snapshots with images and supplied fonts as the media module does', async () => {
  const utf8 = (s) => new TextEncoder().encode(JSON.stringify(s));
  const image = await callBase('cacheKey', utf8(gallery), {}, undefined);
  assert.deepEqual({ ok: image.ok, value: image.value }, { ok: true, value: snapdf.cacheKey(gallery) });
  const fonts = await callBase('cacheKey', utf8(cyrillic), {}, [dejavu]);
  assert.deepEqual({ ok: fonts.ok, value: fonts.value }, { ok: true, value: snapdf.cacheKey(cyrillic, { fonts: [dejavu] }) });
  // Supplied fonts the snapshot does not use are no obstacle.
  const report = examples.report();
  const unused = await renderOnBase(report, [dejavu]);
  assert.ok(unused.ok, JSON.stringify(unused));
});

test('the base module reports what it can check before the need for the media module', async () => {
  // A broken rule after the image: the base module names it, as the media module does.
  const broken = { ...gallery, blocks: [...gallery.blocks, { type: 'heading', level: 7, text: 'x' }] };
  const at = `blocks[${broken.blocks.length - 1}].level`;
  const base = await callBase('cacheKey', new TextEncoder().encode(JSON.stringify(broken)), {}, undefined);
  assert.deepEqual({ code: base.error?.code, path: base.error?.path }, { code: 'INVALID_SNAPSHOT', path: at });
  assert.throws(() => snapdf.cacheKey(broken), { code: 'INVALID_SNAPSHOT', path: at });
  // A name that was not supplied, as well.
  const unknown = await callBase('cacheKey', new TextEncoder().encode(JSON.stringify({ ...cyrillic, font: 'Nope Sans' })), {}, [dejavu]);
  assert.deepEqual({ code: unknown.error?.code, path: unknown.error?.path }, { code: 'INVALID_SNAPSHOT', path: 'font' });
});
