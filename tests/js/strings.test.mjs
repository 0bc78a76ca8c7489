// Strings that reach a cache key or a store are kept exactly or refused: a JS string
// with a lone surrogate (half of a UTF-16 pair) would become U+FFFD when copied into
// the WebAssembly module, so `'t\ud800'`, `'t\udfff'` and `'t\ufffd'` were one
// namespace, and the second tenant was served the first one's PDF.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cacheKey, createEngine, render } from 'snapdf';

const snapshot = { title: 'Tenant report', blocks: [{ type: 'paragraph', text: 'Confidential figures.' }] };
const lone = ['t\ud800', 't\udfff', '\udc00t', 'a\ud800\ud800b'];

test('a namespace with a lone surrogate is refused, not merged with another tenant', () => {
  for (const namespace of lone) {
    assert.throws(() => render(snapshot, { namespace }), { name: 'SnapdfError', code: 'INVALID_OPTIONS', path: 'options.namespace' });
    assert.throws(() => cacheKey(snapshot, { namespace }), { code: 'INVALID_OPTIONS', path: 'options.namespace' });
  }
  // Well-formed text, U+FFFD and a paired surrogate (an emoji) included, is keyed as given.
  const keys = ['t', 't\ufffd', 't\ud83d\ude00', 'T'].map((namespace) => cacheKey(snapshot, { namespace }));
  assert.equal(new Set(keys).size, 4);
});

test('an engine never serves one tenant the PDF of a namespace that differs only in a lone surrogate', async () => {
  const engine = createEngine({ workers: 0 });
  try {
    const first = await engine.render(snapshot, { namespace: 't\ufffd' });
    assert.equal(first.source, 'render');
    for (const namespace of lone) {
      await assert.rejects(engine.render(snapshot, { namespace }), { code: 'INVALID_OPTIONS', path: 'options.namespace' });
      const task = engine.createSnapshot(snapshot, { namespace });
      await assert.rejects(task.done, { code: 'INVALID_OPTIONS' });
    }
    assert.equal((await engine.render(snapshot, { namespace: 't\ufffd' })).source, 'l1');
    // Selectors are checked the same way: 't\ud800' must not clear the 't\ufffd' tenant.
    await assert.rejects(engine.cache.clear({ namespace: 't\ud800' }), { code: 'INVALID_OPTIONS', path: 'options.namespace' });
    await assert.rejects(engine.cache.invalidate({ prefix: '\ud800' }), { code: 'INVALID_OPTIONS', path: 'options.prefix' });
    await assert.rejects(engine.cache.invalidate({ key: '\udfff' }), { code: 'INVALID_OPTIONS' });
    assert.equal((await engine.render(snapshot, { namespace: 't\ufffd' })).source, 'l1', 'still cached');
  } finally {
    await engine.close();
  }
});

test('a font name with a lone surrogate is refused at its place', () => {
  const data = new Uint8Array(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'));
  const fonts = [{ name: 'Sans\ud800', data }];
  assert.throws(() => render({ ...snapshot, font: 'Sans\ufffd' }, { fonts }), { code: 'INVALID_OPTIONS', path: 'options.fonts[0].name' });
});

test('JSON text with a lone surrogate is refused, not rendered with U+FFFD', () => {
  assert.throws(() => render('{"title": "a\ud800b"}'), { code: 'INVALID_JSON' });
  assert.throws(() => cacheKey('{"title": "t", "blocks": []}\udfff'), { code: 'INVALID_JSON' });
  // U+FFFD itself is a character: it reaches the engine (which cannot print it in WinAnsi).
  assert.throws(() => render('{"title": "a\ufffdb"}'), { code: 'UNSUPPORTED_CHARACTER', path: 'title' });
});

test('a fleet job with a lone surrogate in its namespace is refused before it reaches Redis', async () => {
  const { renderJob } = await import('../../js/fleet/queue.js');
  assert.throws(() => renderJob(snapshot, { namespace: 't\ud800' }), { code: 'INVALID_OPTIONS', path: 'options.namespace' });
  assert.throws(() => renderJob('{"title": "a\ud800"}', {}), { code: 'INVALID_JSON' });
  assert.equal(renderJob(snapshot, { namespace: 't\ufffd' }).data.options.namespace, 't\ufffd');
});
