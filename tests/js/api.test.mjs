// The package API as a user imports it: the Node entry ('snapdf' resolves to
// js/node.js under Node) and the browser entry, loaded here with the .wasm bytes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as snapdf from 'snapdf';
import * as browser from '../../js/browser.js';

const snapshot = {
  title: 'Straße',
  blocks: [{ type: 'table', columns: ['a', 'b'], rows: [['x', 1], ['y', null]] }],
};

test('the node entry renders objects, JSON text and UTF-8 bytes alike', () => {
  const a = snapdf.render(snapshot);
  const b = snapdf.render(JSON.stringify(snapshot, null, 2));
  const c = snapdf.render(new TextEncoder().encode(JSON.stringify(snapshot)));
  assert.ok(a.pdf instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(a.pdf.subarray(0, 5)), '%PDF-');
  assert.deepEqual(a.pdf, b.pdf);
  assert.deepEqual(a.pdf, c.pdf);
  assert.equal(a.pages, 1);
  assert.equal(a.key, snapdf.cacheKey(snapshot));
  assert.equal(snapdf.formatVersion(), 11);
});

test('errors are SnapdfErrors with a code and the JSON path', () => {
  const bad = { title: 'T', blocks: [{ type: 'table', columns: ['a'], rows: [[[1]]]}] };
  assert.throws(() => snapdf.render(bad), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'SnapdfError');
    assert.equal(e.code, 'INVALID_SNAPSHOT');
    assert.equal(e.path, 'blocks[0].rows[0][0]');
    return true;
  });
  assert.throws(() => snapdf.validate({ title: 'Ω' }), { code: 'UNSUPPORTED_CHARACTER', path: 'title' });
  assert.throws(() => snapdf.render(snapshot, { compression: 'max' }), { code: 'INVALID_OPTIONS', path: 'options.compression' });
  assert.throws(() => snapdf.render(null), { code: 'INVALID_SNAPSHOT' });
  // A lone surrogate (invalid UTF-16 from JS) is rejected, not replaced.
  assert.throws(() => snapdf.render({ title: 'a\uD800b' }), { code: 'INVALID_JSON' });
  // Bytes go to the engine as they are; Latin-1 is not UTF-8, and the error says where.
  const latin1 = Uint8Array.from([...'{\n "title": "caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x22, 0x7d]));
  assert.throws(() => snapdf.render(latin1), { code: 'INVALID_JSON', message: /line 2 column 15: the input is not valid UTF-8 text/ });
  assert.throws(() => snapdf.cacheKey(latin1), { code: 'INVALID_JSON' });
});

test('csvToSnapshot builds one right-aligned numeric table and names bad lines', () => {
  const s = snapdf.csvToSnapshot('city,pop\nOslo,709000\nBergen,\n', { title: 'Cities' });
  assert.deepEqual(s.blocks[0].columns, ['city', { header: 'pop', align: 'right' }]);
  assert.deepEqual(s.blocks[0].rows, [['Oslo', '709000'], ['Bergen', '']]);
  assert.throws(() => snapdf.csvToSnapshot('a,b\n1\n', { title: 'x' }), { code: 'INVALID_CSV', line: 2 });
  assert.throws(() => snapdf.csvToSnapshot('', { title: 'x' }), { code: 'INVALID_CSV', line: 1 });
});

test('the browser entry needs init() and then gives the same bytes', async () => {
  assert.throws(() => browser.render(snapshot), { code: 'NOT_INITIALIZED' });
  const wasm = readFileSync(new URL('../../pkg/snapdf_bg.wasm', import.meta.url));
  const frontModule = readFileSync(new URL('../../pkg/snapdf_front_bg.wasm', import.meta.url));
  await browser.init({ frontModule });
  assert.throws(() => browser.render(snapshot), { code: 'NOT_INITIALIZED', message: /init\(\) loaded only the front module/ });
  await browser.init({ module_or_path: wasm });
  assert.deepEqual(browser.render(snapshot).pdf, snapdf.render(snapshot).pdf);
});
