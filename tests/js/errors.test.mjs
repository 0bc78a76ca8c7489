// One list of error codes: every code snapdf throws (JS or Rust) is in ERROR_CODES and
// in ErrorCode of index.d.ts, and values JSON cannot hold are INVALID_SNAPSHOT errors
// that name their place.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ERROR_CODES, cacheKey, createEngine, render } from 'snapdf';
import { root } from './helpers.mjs';

/** Every file under `dir` whose name ends with `ext`. */
function files(dir, ext) {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(ext))
    .map((f) => join(root, dir, f));
}

test('ERROR_CODES is frozen and is exactly the ErrorCode type of index.d.ts', () => {
  assert.ok(Object.isFrozen(ERROR_CODES));
  const dts = readFileSync(join(root, 'js/index.d.ts'), 'utf8');
  const union = /export type ErrorCode =([\s\S]*?)\n\n/.exec(dts)[1];
  const declared = [...union.matchAll(/\| '([A-Z_]+)'/g)].map((m) => m[1]);
  assert.deepEqual([...declared].sort(), [...ERROR_CODES].sort());
});

test('every error code used in js/ and src/ is in ERROR_CODES', () => {
  const used = new Map();
  const patterns = [
    /snapdfError\(\s*'([A-Z_]+)'/g, // JS: snapdfError('CODE', …)
    /code: '([A-Z_]+)'/g, // JS: { code: 'CODE' }
    /code = '([A-Z_]+)'/g,
    /=> "([A-Z][A-Z_]+)"/g, // Rust: Error::code() arms
    /"code".into\(\), &"([A-Z_]+)"/g, // Rust bindings setting a code by hand
  ];
  for (const file of [...files('js', '.js'), ...files('src', '.rs')]) {
    const text = readFileSync(file, 'utf8');
    for (const p of patterns) for (const m of text.matchAll(p)) used.set(m[1], file);
  }
  // A file the CLI cannot read or write keeps Node's own code (ENOENT, EISDIR, ...), as
  // Node's errors do; those are not snapdf's.
  for (const code of used.keys()) if (code in constants.errno) used.delete(code);
  assert.ok(used.size >= 15, `found only ${[...used.keys()]}`);
  for (const [code, file] of used) assert.ok(ERROR_CODES.includes(code), `${code} (${file}) is not in ERROR_CODES`);
});

test('a BigInt cell is INVALID_SNAPSHOT at its path, not a TypeError', async () => {
  const doc = { title: 'T', blocks: [{ type: 'table', columns: ['a', 'b'], rows: [['x', 10n]] }] };
  for (const call of [() => render(doc), () => cacheKey(doc)]) {
    assert.throws(call, (e) => {
      assert.equal(e.name, 'SnapdfError');
      assert.equal(e.code, 'INVALID_SNAPSHOT');
      assert.equal(e.path, 'blocks[0].rows[0][1]');
      assert.match(e.message, /^blocks\[0\]\.rows\[0\]\[1\]: a BigInt \(10n\) is not JSON/);
      return true;
    });
  }
  const engine = createEngine({ workers: 0 });
  await assert.rejects(engine.createSnapshot(doc).done, { code: 'INVALID_SNAPSHOT', path: 'blocks[0].rows[0][1]' });
});

test('Infinity and NaN are INVALID_SNAPSHOT at their path, not silently null', async () => {
  const cases = [
    [{ title: 'T', blocks: [{ type: 'table', columns: ['a'], rows: [[Infinity]] }] }, 'blocks[0].rows[0][0]', 'Infinity'],
    [{ title: 'T', page: { margins: Infinity } }, 'page.margins', 'Infinity'],
    [{ title: 'T', blocks: [{ type: 'paragraph', text: 'x', lineHeight: NaN }] }, 'blocks[0].lineHeight', 'NaN'],
    [{ title: 'T', blocks: [{ type: 'table', columns: [{ header: 'a', width: -Infinity }], rows: [] }] }, 'blocks[0].columns[0].width', '-Infinity'],
    [{ title: 'T', blocks: [{ type: 'spacer', height: Infinity }] }, 'blocks[0].height', 'Infinity'],
  ];
  for (const [doc, path, shown] of cases) {
    for (const call of [() => render(doc), () => cacheKey(doc)]) {
      assert.throws(call, (e) => {
        assert.equal(e.code, 'INVALID_SNAPSHOT');
        assert.equal(e.path, path);
        assert.equal(e.message, `${path}: ${shown} is not a JSON number (JSON.stringify would write null): give a finite number`);
        return true;
      });
    }
  }
  // A null written as null is still a null.
  assert.equal(render({ title: 'T', subtitle: null, blocks: [{ type: 'table', columns: ['a'], rows: [[null]] }] }).pages, 1);
  const engine = createEngine({ workers: 0 });
  await assert.rejects(engine.createSnapshot(cases[0][0]).done, { code: 'INVALID_SNAPSHOT', path: 'blocks[0].rows[0][0]' });
});

test('a circular reference is INVALID_SNAPSHOT naming where it loops back', () => {
  const block = { type: 'paragraph', text: 'x' };
  block.self = { again: block };
  const doc = { title: 'T', blocks: [block] };
  assert.throws(() => render(doc), (e) => {
    assert.equal(e.code, 'INVALID_SNAPSHOT');
    assert.equal(e.path, 'blocks[0].self.again');
    assert.match(e.message, /a circular reference: this is the same object as blocks\[0\]/);
    return true;
  });
  const top = { title: 'T', blocks: [] };
  top.blocks.push({ type: 'paragraph', text: 'x', "odd key": top });
  assert.throws(() => render(top), { code: 'INVALID_SNAPSHOT', path: 'blocks[0]["odd key"]' });
});

test('a function, a symbol or undefined where a field is required is named at its path (JSON.stringify leaves them out; the probe: "missing field")', async () => {
  const engine = createEngine({ workers: 0 });
  const cases = [
    [{ title: 'T', blocks: [{ type: 'paragraph', text: () => 'x' }] }, 'blocks[0].text', 'a function, where a value is required; JSON.stringify leaves functions out, so the field went missing: give the value itself (call the function first)'],
    [{ title: 'T', blocks: [{ type: 'paragraph', text: Symbol('x') }] }, 'blocks[0].text', 'a symbol, where a value is required; JSON.stringify leaves symbols out, so the field went missing: give its value'],
    [{ title: 'T', blocks: [{ type: 'paragraph', text: undefined }] }, 'blocks[0].text', 'undefined, where a value is required; JSON.stringify leaves undefined out, so the field went missing: give its value'],
    [{ title: () => 'T', blocks: [] }, 'title', 'a function, where a value is required; JSON.stringify leaves functions out, so the field went missing: give the value itself (call the function first)'],
  ];
  for (const [doc, path, says] of cases) {
    for (const call of [() => render(doc), () => cacheKey(doc), () => engine.render(doc)]) {
      await assert.rejects(async () => call(), { name: 'SnapdfError', code: 'INVALID_SNAPSHOT', path, message: `${path}: ${says}` });
    }
    await assert.rejects(engine.createSnapshot(doc).done, { code: 'INVALID_SNAPSHOT', path });
  }
  // Where the field may be left out, undefined still means "not given".
  assert.equal(render({ title: 'T', subtitle: undefined, blocks: [{ type: 'paragraph', text: 'x' }] }).pages, 1);
});

test('a function or a symbol in an array, a Map and a Set are named at their path, not written as null or {}', () => {
  const cases = [
    [{ title: 'T', blocks: [() => 1] }, 'blocks[0]', 'a function is not JSON (JSON.stringify would write null in its place): give the value itself'],
    [{ title: 'T', blocks: [{ type: 'table', columns: ['a'], rows: [[Symbol('s')]] }] }, 'blocks[0].rows[0][0]', 'a symbol is not JSON (JSON.stringify would write null in its place): give the value itself'],
    [{ title: 'T', blocks: [{ type: 'paragraph', text: new Map([['a', 1]]) }] }, 'blocks[0].text', 'a Map is not JSON (JSON.stringify would write {} in its place, whatever it holds): give an object (Object.fromEntries(map))'],
    [{ title: 'T', blocks: [new Set(['x'])] }, 'blocks[0]', 'a Set is not JSON (JSON.stringify would write {} in its place, whatever it holds): give an array ([...set])'],
  ];
  for (const [doc, path, says] of cases) {
    for (const call of [() => render(doc), () => cacheKey(doc)]) {
      assert.throws(call, { name: 'SnapdfError', code: 'INVALID_SNAPSHOT', path, message: `${path}: ${says}` });
    }
  }
  // A Date is written by its toJSON as text (an ISO date), which a paragraph takes.
  assert.equal(render({ title: 'T', blocks: [{ type: 'paragraph', text: new Date(0) }] }).pages, 1);
});

test('a cancelled task rejects with a SnapdfError CANCELLED', async () => {
  const engine = createEngine({ workers: 0 });
  const task = engine.createSnapshot({ title: 'Cancel me', blocks: [] });
  task.cancel();
  await assert.rejects(task.done, (e) => {
    assert.equal(e.name, 'SnapdfError');
    assert.ok(ERROR_CODES.includes(e.code));
    assert.equal(e.code, 'CANCELLED');
    return true;
  });
});

test('an object nested past the stack, or a lone surrogate in an object, is an error at its place (the probe: a raw RangeError, a message about a hex escape)', () => {
  let deep = [];
  for (let i = 0; i < 20_000; i++) deep = [deep];
  assert.throws(() => cacheKey({ title: 'x', extra: deep }), { name: 'SnapdfError', code: 'INVALID_SNAPSHOT', path: 'extra', message: /nested more than 1,000 levels deep/ });
  assert.throws(() => render({ title: 'T', blocks: [{ type: 'paragraph', text: 'a\ud800b' }] }), { code: 'INVALID_JSON', path: 'blocks[0].text', message: /lone surrogate/ });
  // The text "\ud800" itself (a backslash and five letters) is not a surrogate.
  assert.equal(render({ title: 'a\\ud800' }).pages, 1);
});
