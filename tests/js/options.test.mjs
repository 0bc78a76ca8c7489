// Engine options are checked in one place before use: a wrong type or a value out of
// range is an INVALID_OPTIONS SnapdfError naming the option, never a panic later. And a
// WebAssembly trap in the calling thread's bookkeeping fails tasks with WASM_TRAP
// instead of ending the process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { SnapshotEngine, cacheKey, createEngine, render } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';

/** Asserts that `fn` throws INVALID_OPTIONS at `path` with a message matching `message`. */
function refuses(fn, path, message) {
  assert.throws(fn, (e) => {
    assert.equal(e.name, 'SnapdfError');
    assert.equal(e.code, 'INVALID_OPTIONS');
    assert.equal(e.path, path);
    assert.match(e.message, message);
    return true;
  });
}

describe('createEngine checks every option before use', () => {
  test('a relative error the sketch cannot keep is refused, naming the option', () => {
    refuses(() => createEngine({ workers: 0, metrics: { relativeError: 1e-10 } }), 'options.metrics.relativeError', /options\.metrics\.relativeError must be a number from 0\.0001 to below 1 .*got 1e-10/);
    refuses(() => createEngine({ workers: 0, metrics: { relativeError: 1 } }), 'options.metrics.relativeError', /got 1$/);
    refuses(() => createEngine({ workers: 0, metrics: { relativeError: '1%' } }), 'options.metrics.relativeError', /got "1%"/);
    refuses(() => createEngine({ workers: 0, metrics: { maxBins: 100 } }), 'options.metrics.maxBins', /from 128 to 65,536, got 100/);
  });

  test('byte budgets, counts and times say what they take in words', () => {
    refuses(() => createEngine({ workers: 0, memory: { budgetBytes: -1 } }), 'options.memory.budgetBytes', /^options\.memory\.budgetBytes must be a whole number of bytes >= 0, got -1$/);
    refuses(() => createEngine({ workers: 0, persistent: { maxEntries: 1.5 } }), 'options.persistent.maxEntries', /whole number >= 0, got 1\.5/);
    refuses(() => createEngine({ workers: 0, memory: { ttlMs: 0 } }), 'options.memory.ttlMs', /whole number of ms >= 1, or null for no expiry, got 0/);
    refuses(() => createEngine({ workers: 0, tasks: { deadlineMs: 3e9 } }), 'options.tasks.deadlineMs', /from 1 to 2,147,483,647, got 3000000000/);
    refuses(() => createEngine({ workers: 0, tasks: { deadlineMs: NaN } }), 'options.tasks.deadlineMs', /got NaN/);
  });

  test('workers: 1e9 is refused instead of starting a thread per task', () => {
    refuses(() => createEngine({ workers: 1e9 }), 'options.workers', /from 0 to 64, got 1000000000/);
    refuses(() => createEngine({ workers: -1 }), 'options.workers', /got -1/);
    refuses(() => createEngine({ workers: 2.5 }), 'options.workers', /got 2\.5/);
  });

  test('a misspelt option is refused, not ignored', () => {
    refuses(() => createEngine({ worker: 2 }), 'options.worker', /options\.worker is not an option here; the options are cacheDir, .*; did you mean `workers`\?$/);
    refuses(() => createEngine({ workers: 0, memory: { budget: 1 } }), 'options.memory.budget', /budgetBytes, maxEntries, ttlMs, shareResults; did you mean `budgetBytes`\?$/);
    refuses(() => createEngine({ cachedir: 'x' }), 'options.cachedir', /did you mean `cacheDir`\?$/);
    refuses(() => createEngine({ workers: 0, memory: { x: 1 } }), 'options.memory.x', /ttlMs, shareResults$/);
    refuses(() => createEngine({ workers: 0, tasks: 'fast' }), 'options.tasks', /must be an object, got "fast"/);
  });

  test('a misspelt render option lists every option the call takes, fonts among them (the engine\'s list had only its own)', async () => {
    const doc = { title: 'T' };
    const only = /the options are compression, namespace, theme, fonts; did you mean `fonts`\?$/;
    refuses(() => render(doc, { fnots: [] }), 'options.fnots', only);
    refuses(() => cacheKey(doc, { fnots: [] }), 'options.fnots', only);
    const engine = createEngine({ workers: 0 });
    const all = 'options.fnots is not an option here; the options are compression, namespace, theme, fonts, priority, retry, cache, store, signal; did you mean `fonts`?';
    await assert.rejects(engine.render(doc, { fnots: [] }), { code: 'INVALID_OPTIONS', path: 'options.fnots', message: all });
    await assert.rejects(engine.createSnapshot(doc, { cahce: false }).done, { code: 'INVALID_OPTIONS', path: 'options.cahce', message: /the options are compression, namespace, theme, fonts, priority, retry, cache, store, signal; did you mean `cache`\?$/ });
  });

  test('SnapshotEngine checks the same settings', () => {
    refuses(() => new SnapshotEngine({ wasm, metrics: { relativeError: 0 } }), 'options.metrics.relativeError', /got 0/);
  });

  test('valid settings at the edges of their ranges are taken', () => {
    const engine = createEngine({ workers: 0, metrics: { relativeError: 1.1e-4, maxBins: 65_536 }, memory: { budgetBytes: 0, ttlMs: null }, tasks: { deadlineMs: 2 ** 31 - 1 } });
    engine.metrics.record('app.edge_ms', 1e15);
    engine.metrics.record('app.edge_ms', 1e-300);
    assert.equal(engine.metrics.summary().histograms['app.edge_ms'].count, 2);
    engine.close();
  });

  test('task options of createSnapshot: a wrong one fails the task with INVALID_OPTIONS', async () => {
    const engine = createEngine({ workers: 0 });
    const task = engine.createSnapshot({ title: 'T', blocks: [] }, { priority: 1e12 });
    await assert.rejects(task.done, { code: 'INVALID_OPTIONS', path: 'options.priority' });
    const retry = engine.createSnapshot({ title: 'T', blocks: [] }, { retry: 'yes' });
    await assert.rejects(retry.done, { code: 'INVALID_OPTIONS', path: 'options.retry' });
    const signal = engine.createSnapshot({ title: 'T', blocks: [] }, { signal: {} });
    await assert.rejects(signal.done, { code: 'INVALID_OPTIONS', path: 'options.signal' });
  });
});

test('a WebAssembly trap in the task bookkeeping fails the task with WASM_TRAP; the process lives on', () => {
  // The child gives an engine a metrics registry with a setting the checks refuse (as a
  // bug in the bookkeeping would), so the calling thread's module really panics.
  const r = spawnSync(process.execPath, [new URL('./trap-child.mjs', import.meta.url).pathname], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `the process died:\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines, [
    'first WASM_TRAP SnapdfError',
    'second WASM_TRAP SnapdfError',
    'listTasks WASM_TRAP',
    'cancel false',
    'alive',
  ], r.stderr);
});
