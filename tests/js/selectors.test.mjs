// What empties a cache is said explicitly: a misspelt or missing selector never empties
// every tenant's entries, and an empty cache directory is not the current directory
// (found by the probe: `clear({ names: 'a' })`, `clear({ namespace: undefined })` and
// `invalidate()` emptied every namespace; `cacheDir: ''` wrote into the current folder
// and `cache clear` deleted a user's file there).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEngine } from 'snapdf';
import { runCli, tempDir } from './helpers.mjs';

const doc = (title) => ({ title, blocks: [{ type: 'paragraph', text: title }] });

test('a selector that is not one empties nothing', async () => {
  const dir = tempDir();
  const engine = createEngine({ cacheDir: dir, workers: 0 });
  for (const namespace of ['a', 'b', '']) await engine.render(doc(`for ${namespace}`), { namespace });
  for (const bad of [{ names: 'a' }, 'a', { namespace: undefined }, {}, null, { namespace: 'a', key: 'x' }]) {
    await assert.rejects(engine.cache.clear(/** @type {any} */ (bad)), { code: 'INVALID_OPTIONS' }, JSON.stringify(bad));
  }
  for (const bad of [undefined, null, {}, { names: 'a' }, 'everything']) {
    await assert.rejects(engine.cache.invalidate(/** @type {any} */ (bad)), { code: 'INVALID_OPTIONS' }, String(bad));
  }
  assert.equal(engine.cache.stats().l1.entries, 3, 'every tenant still cached');
  assert.equal((await engine.cache.clear({ namespace: 'a' })).length, 1);
  assert.equal((await engine.cache.invalidate('all')).length, 2);
  await engine.close();
});

test('an empty cache directory is refused, and clearing a cache removes only its own files', async () => {
  assert.throws(() => createEngine({ cacheDir: '' }), { code: 'INVALID_OPTIONS', path: 'options.cacheDir' });
  const dir = tempDir();
  mkdirSync(join(dir, 'entries'), { recursive: true });
  writeFileSync(join(dir, 'entries', 'notes.txt'), 'precious');
  const engine = createEngine({ cacheDir: dir, workers: 0 });
  await engine.render(doc('cached'));
  await engine.cache.clear();
  await engine.close();
  assert.ok(existsSync(join(dir, 'entries', 'notes.txt')), 'the user file is still there');
  // The CLI, run in a folder of the user's: `--cache-dir ''` is refused, nothing there is touched.
  for (const args of [['cache', 'clear', '--cache-dir', ''], ['cache', 'stats', '--cache-dir', '']]) {
    const r = runCli(args, { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^snapdf: .*cacheDir.*\[INVALID_OPTIONS\]\n$/);
  }
  assert.ok(existsSync(join(dir, 'entries', 'notes.txt')));
});

test('option values the probe found taken in silence are refused', async () => {
  const { render, cacheKey } = await import('snapdf');
  const s = { title: 'T' };
  for (const compression of [NaN, Infinity, -Infinity]) {
    assert.throws(() => render(s, { compression }), { code: 'INVALID_OPTIONS', path: 'options.compression' }, String(compression));
  }
  assert.throws(() => render(s, /** @type {any} */ (5)), { code: 'INVALID_OPTIONS', path: 'options' });
  assert.throws(() => cacheKey(s, /** @type {any} */ ('fast')), { code: 'INVALID_OPTIONS', path: 'options' });
  assert.throws(() => createEngine({ store: /** @type {any} */ ({}) }), { code: 'INVALID_OPTIONS', path: 'options.store' });
  const store = { open: async () => [], read: async () => undefined, write: async () => {}, delete: async () => {}, clear: async () => {} };
  assert.throws(() => createEngine({ store, cacheDir: tempDir() }), { code: 'INVALID_OPTIONS', path: 'options.store' });
  const engine = createEngine({ workers: 0 });
  assert.throws(() => engine.createSnapshots(/** @type {any} */ ('abc')), { code: 'INVALID_SNAPSHOT' });
  assert.throws(() => engine.metrics.clearOld(), { code: 'INVALID_OPTIONS', path: 'options.hours' });
  await engine.close();
});
