// The two-layer cache in real headless Chromium with real IndexedDB: persistence across
// reloads, corrupted entries, quota errors, two tabs at once (and their notices to each
// other), IndexedDB unavailable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openPage, serve } from './browser-helpers.mjs';

let server;
let browser;
let context;
const problems = [];

before(async () => {
  server = await serve();
  browser = await launch();
  context = await browser.newContext();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Renders snapshot `n` in `page` with a fresh engine on database `db`; returns what the test needs. */
function renderIn(page, db, n, extra = {}) {
  return page.evaluate(async ({ db, n, extra }) => {
    const { init, createEngine } = window.snapdf;
    await init();
    window.engines ??= {};
    const engine = (window.engines[db] ??= createEngine({ database: db, ...extra }));
    const r = await engine.render({ title: `Doc ${n}`, blocks: [{ type: 'paragraph', text: 'lorem '.repeat(200 * n) }] });
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', r.pdf)), (b) => b.toString(16).padStart(2, '0')).join('');
    return { source: r.source, key: r.key, size: r.pdf.length, digest, stats: engine.cache.stats() };
  }, { db, n, extra });
}

test('a hit survives a page reload: served from IndexedDB, then memory', async () => {
  const page = await openPage(context, server, problems);
  const first = await renderIn(page, 'reload', 1);
  assert.equal(first.source, 'render');
  assert.equal(first.stats.persistent, 'ok');
  await page.reload();
  await page.waitForFunction(() => window.loaded === true);
  const second = await renderIn(page, 'reload', 1);
  assert.equal(second.source, 'l2');
  assert.equal(second.digest, first.digest);
  assert.equal(second.stats.l2.hits, 1);
  assert.equal((await renderIn(page, 'reload', 1)).source, 'l1');
  await page.close();
});

test('metrics persist in IndexedDB across a reload', async () => {
  const page = await openPage(context, server, problems);
  const summary = () => page.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    const engine = createEngine({ database: 'metrics' });
    await engine.render({ title: 'Counted' });
    await engine.flush();
    return engine.metrics.summary();
  });
  const first = await summary();
  assert.equal(first.outcomes.completed, 1);
  await page.reload();
  await page.waitForFunction(() => window.loaded === true);
  const second = await summary();
  assert.equal(second.outcomes.completed, 2, 'the first page\'s metrics were saved and merged');
  assert.equal(second.histograms['render.ms'].count, 1);
  assert.equal(second.counters['cache.l2.hits'].total, 1);
  await page.close();
});

test('a corrupted entry in IndexedDB is not served', async () => {
  const page = await openPage(context, server, problems);
  const first = await renderIn(page, 'corrupt', 2);
  await page.evaluate(async (key) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('corrupt');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const store = db.transaction('bytes', 'readwrite').objectStore('bytes');
      const get = store.get(key);
      get.onsuccess = () => {
        const bytes = new Uint8Array(get.result);
        bytes[bytes.length >> 1] ^= 0xff;
        const put = store.put(bytes, key);
        put.onsuccess = resolve;
        put.onerror = () => reject(put.error);
      };
    });
    db.close();
  }, first.key);
  await page.reload();
  await page.waitForFunction(() => window.loaded === true);
  const again = await renderIn(page, 'corrupt', 2);
  assert.equal(again.source, 'render');
  assert.equal(again.digest, first.digest);
  assert.equal(again.stats.l2.corruptions, 1);
  assert.equal(again.stats.l2.hits, 0, 'a corrupt read is not a hit');
  assert.equal(again.stats.l2.misses, 1, 'it is a miss');
  await page.close();
});

test('quota errors: make room and retry once; if it keeps failing, memory-only and degraded', async () => {
  const page = await openPage(context, server, problems);
  const result = await page.evaluate(async () => {
    const { init, IdbStore, SnapshotEngine, createEngine } = window.snapdf;
    await init();
    /** An IdbStore whose writes fail with a quota error the first `times` times. */
    const failing = (name, times, asAbort) => {
      const store = new IdbStore({ name });
      const write = store.write.bind(store);
      store.write = async (record, pdf) => {
        if (times-- > 0) {
          const quota = new DOMException('Quota exceeded', 'QuotaExceededError');
          throw asAbort ? Object.assign(new DOMException('Transaction aborted', 'AbortError'), { cause: quota }) : quota;
        }
        return write(record, pdf);
      };
      return store;
    };
    const doc = (n) => ({ title: `Quota ${n}` });
    const once = createEngine({ store: failing('quota-once', 0, false) });
    await once.render(doc(1));
    await once.render(doc(2));
    const retried = createEngine({ store: failing('quota-once', 1, true) });
    const r = await retried.render(doc(3));
    const always = createEngine({ store: failing('quota-always', Infinity, false) });
    const a1 = await always.render(doc(4));
    const a2 = await always.render(doc(4));
    return {
      retried: { source: r.source, stats: retried.cache.stats() },
      always: { sources: [a1.source, a2.source], stats: always.cache.stats() },
      isEngine: always instanceof SnapshotEngine,
    };
  });
  assert.equal(result.retried.source, 'render');
  assert.equal(result.retried.stats.persistent, 'ok');
  assert.ok(result.retried.stats.l2.evictions >= 1);
  assert.equal(result.retried.stats.l2.entries, 2, 'the older half went, the new entry is stored');
  assert.deepEqual(result.always.sources, ['render', 'l1']);
  assert.equal(result.always.stats.persistent, 'degraded');
  assert.match(result.always.stats.degradedReason, /QuotaExceededError/);
  assert.ok(result.isEngine);
  // The degraded engine warned once; nothing else went wrong.
  const warnings = problems.splice(0);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /persistent cache write failed/);
  await page.close();
});

test('IndexedDB: saved metrics that do not merge are set aside; a degraded store recovers after the back-off', async () => {
  const page = await openPage(context, server, problems);
  const result = await page.evaluate(async () => {
    const { init, IdbStore, createEngine } = window.snapdf;
    await init({ render: true }); // an engine with workers: 0 renders on the page
    const doc = (n) => ({ title: `Recover ${n}` });
    const first = createEngine({ database: 'set-aside' });
    await first.render(doc(1));
    await first.flush();
    await first.close();
    const store = new IdbStore({ name: 'set-aside' });
    await store.writeMetrics({}); // not an export
    await store.close();
    const second = createEngine({ database: 'set-aside' });
    const served = await second.render(doc(1));
    const db = await new IdbStore({ name: 'set-aside' }).connect();
    const aside = await db.get('meta', 'metrics.bad');
    db.close();

    // Writes that fail with a quota error while `failing` is set.
    let failing = true;
    let now = 1_800_000_000_000;
    const flaky = new IdbStore({ name: 'recover' });
    const write = flaky.write.bind(flaky);
    flaky.write = async (record, pdf) => {
      if (failing) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return write(record, pdf);
    };
    const engine = createEngine({ store: flaky, now: () => now, workers: 0 });
    await engine.render(doc(2));
    const degraded = engine.cache.stats();
    failing = false;
    now = degraded.retryAt;
    await engine.render(doc(3));
    const recovered = engine.cache.stats();
    await engine.close();
    return { source: served.source, persistent: second.cache.stats().persistent, aside, degraded, recovered };
  });
  assert.equal(result.source, 'l2');
  assert.equal(result.persistent, 'ok');
  assert.deepEqual(result.aside, {}, 'kept aside under "metrics.bad"');
  assert.equal(result.degraded.persistent, 'degraded');
  assert.equal(result.degraded.retryAt, result.degraded.degradedSince + 1000);
  assert.equal(result.recovered.persistent, 'ok');
  assert.equal(result.recovered.l2.entries, 1);
  const warnings = problems.splice(0);
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0], /saved metrics could not be merged/);
  assert.match(warnings[1], /persistent cache write failed/);
  await page.close();
});

test('two tabs use one database at once without corrupting it', async () => {
  const [a, b] = await Promise.all([openPage(context, server, problems), openPage(context, server, problems)]);
  const docs = [3, 4, 5, 6];
  const results = await Promise.all([...docs.map((n) => renderIn(a, 'tabs', n)), ...docs.map((n) => renderIn(b, 'tabs', n))]);
  for (const r of results) assert.ok(['render', 'l1', 'l2'].includes(r.source));
  const third = await openPage(context, server, problems);
  for (const n of docs) {
    const r = await renderIn(third, 'tabs', n);
    assert.equal(r.source, 'l2', `doc ${n} served from the shared database`);
    assert.equal(r.digest, results[docs.indexOf(n)].digest);
  }
  assert.equal((await renderIn(third, 'tabs', 3)).stats.l2.corruptions, 0);
  await Promise.all([a.close(), b.close(), third.close()]);
});

test('a damaged database (UnknownError on open) is retried, then deleted and recreated', async () => {
  const page = await openPage(context, server, problems);
  const result = await page.evaluate(async () => {
    const { init, IdbStore, createEngine } = window.snapdf;
    await init();
    const seed = createEngine({ database: 'damaged' });
    const first = await seed.render({ title: 'Damaged' });
    class Damaged extends IdbStore {
      failures = 2;
      connect() {
        if (this.failures-- > 0) return Promise.reject(new DOMException('Internal error opening backing store', 'UnknownError'));
        return super.connect();
      }
    }
    const store = new Damaged({ name: 'damaged' });
    const engine = createEngine({ store });
    const r = await engine.render({ title: 'Damaged' });
    const again = await createEngine({ database: 'damaged' }).render({ title: 'Damaged' });
    return { first: first.source, after: r.source, again: again.source, stats: engine.cache.stats() };
  });
  // Two failures: the retry failed too, so the database was deleted and recreated empty.
  assert.deepEqual([result.first, result.after, result.again], ['render', 'render', 'l2']);
  assert.equal(result.stats.persistent, 'ok');
  await page.close();
});

test('a newer schema in another tab is not blocked by an open connection', async () => {
  const [a, b] = await Promise.all([openPage(context, server, problems), openPage(context, server, problems)]);
  assert.equal((await renderIn(a, 'upgrade', 1)).source, 'render');
  const upgraded = await b.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('upgrade', 99);
    req.onupgradeneeded = () => req.result.createObjectStore('v2');
    req.onblocked = () => resolve('blocked');
    req.onsuccess = () => { req.result.close(); resolve('upgraded'); };
    req.onerror = () => resolve(`error ${req.error?.name}`);
  }));
  assert.equal(upgraded, 'upgraded');
  // The old tab still renders; its cache serves from memory and, unable to reopen the
  // newer database, reports itself degraded.
  const after = await renderIn(a, 'upgrade', 2);
  assert.equal(after.source, 'render');
  assert.equal((await renderIn(a, 'upgrade', 1)).source, 'l1');
  const warnings = problems.splice(0);
  assert.ok(warnings.length === 1 && /snapdf: persistent (cache|task store)/.test(warnings[0]), warnings.join('\n'));
  await Promise.all([a.close(), b.close()]);
});

test('where IndexedDB cannot be opened, the cache runs memory-only with one warning', async () => {
  const own = [];
  const page = await openPage(context, server, own, 'noIdb');
  const first = await renderIn(page, 'unavailable', 1);
  const second = await renderIn(page, 'unavailable', 1);
  assert.equal(first.source, 'render');
  assert.equal(second.source, 'l1');
  assert.equal(second.stats.persistent, 'degraded');
  assert.match(second.stats.degradedReason, /SecurityError/);
  assert.equal(own.length, 1, own.join('\n'));
  await page.close();
});

test('Web Workers: a deadline stops the worker, a Rust panic is contained, the pool goes on', async () => {
  const page = await openPage(context, server, problems);
  const r = await page.evaluate(async () => {
    const { init, createEngine, WorkerPool, spawnWebWorker } = window.snapdf;
    await init();
    const big = { title: 'Slow', blocks: [{ type: 'table', columns: ['a', 'b'], rows: Array.from({ length: 20000 }, (_, i) => [`r${i}`, i]) }] };
    const engine = createEngine({ database: 'faults', workers: 1, tasks: { deadlineMs: 10 } });
    const slow = engine.createSnapshot(big);
    const timeout = await slow.done.then(() => 'completed', (e) => e.code);
    const pool = new WorkerPool({ size: 1, spawn: spawnWebWorker });
    const json = JSON.stringify({ title: 'Panics' });
    const trap = await pool.run({ id: 'x', json, options: { __panicForTests: 'a bug in the layout' } }, () => {}).then(() => null, (e) => ({ code: e.code, message: e.message }));
    const after = await pool.run({ id: 'y', json, options: {} }, () => {});
    pool.close();
    const relaxed = createEngine({ database: 'faults', workers: 1 });
    const fine = await relaxed.render({ title: 'Fine' });
    return { timeout, status: slow.status, trap, afterPages: after.pages, fine: fine.source };
  });
  assert.equal(r.timeout, 'TIMEOUT');
  assert.equal(r.status, 'failed');
  assert.equal(r.trap.code, 'WASM_TRAP');
  assert.match(r.trap.message, /a bug in the layout/);
  assert.equal(r.afterPages, 1);
  assert.equal(r.fine, 'render');
  // The panic hook logged the panic to the console: expected here, and only that.
  const logged = problems.splice(0);
  assert.ok(logged.every((m) => /a bug in the layout/.test(m)), logged.join('\n'));
  await page.close();
});

test('a reload with tasks unfinished: the next page resumes them and completes them', async () => {
  const page = await openPage(context, server, problems);
  // The worker's script never arrives, so no task can finish before the reload, however
  // fast the machine (waiting for progress instead raced the render).
  const worker = '**/workers/web-worker.js';
  await page.route(worker, () => {});
  const started = await page.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    const engine = createEngine({ database: 'resume', workers: 1 });
    const doc = (n) => ({ title: `Resume ${n}`, blocks: [{ type: 'table', columns: ['a', 'b', 'c'], rows: Array.from({ length: 6000 }, (_, i) => [`r${i}`, i, 'text '.repeat(i % 9)]) }] });
    const tasks = [1, 2, 3].map((n) => engine.createSnapshot(doc(n)));
    await engine.tasks.settled(); // the tasks are persisted
    return tasks.map((t) => ({ id: t.id, status: t.status }));
  });
  assert.equal(started.length, 3);
  assert.ok(started.every((t) => t.status !== 'completed'), JSON.stringify(started));
  await page.unroute(worker);
  await page.reload();
  await page.waitForFunction(() => window.loaded === true);
  const after = await page.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    const engine = createEngine({ database: 'resume', workers: 1 });
    const resumed = await engine.resumed;
    const results = await Promise.all(resumed.map((t) => t.done));
    return { ids: resumed.map((t) => t.id), pages: results.map((r) => r.pages), statuses: resumed.map((t) => t.status) };
  });
  assert.deepEqual([...after.ids].sort(), started.map((t) => t.id).sort());
  assert.deepEqual(after.statuses, ['completed', 'completed', 'completed']);
  assert.ok(after.pages.every((p) => p > 50));
  await page.close();
});

test('a second tab leaves the first tab\'s running tasks alone', async () => {
  const [a, b] = await Promise.all([openPage(context, server, problems), openPage(context, server, problems)]);
  const ids = await a.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    window.engine = createEngine({ database: 'owners', workers: 1 });
    const doc = (n) => ({ title: `Owned ${n}`, blocks: [{ type: 'table', columns: ['a'], rows: Array.from({ length: 8000 }, (_, i) => [`r${i}`]) }] });
    window.owned = [1, 2, 3].map((n) => window.engine.createSnapshot(doc(n)));
    await window.engine.tasks.settled();
    return window.owned.map((t) => t.id);
  });
  const taken = await b.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    return (await createEngine({ database: 'owners', workers: 1 }).resumed).map((t) => t.id);
  });
  assert.deepEqual(taken, [], 'tab A is alive and runs its own tasks');
  const statuses = await a.evaluate(async () => {
    await Promise.all(window.owned.map((t) => t.done));
    return window.owned.map((t) => t.status);
  });
  assert.deepEqual(statuses, ['completed', 'completed', 'completed']);
  assert.equal(ids.length, 3);
  await Promise.all([a.close(), b.close()]);
});

test('tabs on one database hear of each other\'s renders and failures (BroadcastChannel)', async () => {
  const [a, b] = await Promise.all([openPage(context, server, problems), openPage(context, server, problems)]);
  await b.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    window.engine = createEngine({ database: 'notices', workers: 1 });
    window.heard = [];
    for (const type of ['remotecompleted', 'remotefailed']) window.engine.tasks.addEventListener(type, (e) => window.heard.push({ event: type, ...e.detail }));
  });
  const sent = await a.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    // Two engines in this tab: one whose deadline a big table passes, one without.
    const hasty = createEngine({ database: 'notices', workers: 1, tasks: { deadlineMs: 5 } });
    const patient = createEngine({ database: 'notices', workers: 1 });
    const heardBy = { hasty: [], patient: [] };
    for (const [name, engine] of [['hasty', hasty], ['patient', patient]]) {
      for (const type of ['remotecompleted', 'remotefailed']) engine.tasks.addEventListener(type, (e) => heardBy[name].push(e.detail.id));
    }
    const big = hasty.createSnapshot({ title: 'Too slow', blocks: [{ type: 'table', columns: ['a'], rows: Array.from({ length: 20000 }, (_, i) => [`r${i}`]) }] });
    const failure = await big.done.catch((e) => e.code);
    const small = patient.createSnapshot({ title: 'Heard elsewhere', blocks: [{ type: 'paragraph', text: 'x' }] });
    const done = await small.done;
    await Promise.all([hasty.tasks.settled(), patient.tasks.settled()]);
    await new Promise((r) => setTimeout(r, 100)); // notices are delivered as tasks of the event loop
    return {
      small: { id: small.id, key: small.key, pages: done.pages, bytes: done.pdf.length },
      big: { id: big.id, key: big.key, failure },
      heardBy,
    };
  });
  assert.deepEqual(sent.heardBy, { hasty: [sent.small.id], patient: [sent.big.id] }, 'an engine hears the others, never itself');
  assert.equal(sent.big.failure, 'TIMEOUT');
  await b.waitForFunction(() => window.heard.length >= 2);
  const { heard, again } = await b.evaluate(async () => {
    const r = await window.engine.render({ title: 'Heard elsewhere', blocks: [{ type: 'paragraph', text: 'x' }] });
    return { heard: window.heard, again: { source: r.source, key: r.key } };
  });
  const completed = heard.find((n) => n.event === 'remotecompleted');
  const failed = heard.find((n) => n.event === 'remotefailed');
  assert.deepEqual(
    { id: completed.id, key: completed.key, pages: completed.pages, bytes: completed.bytes },
    { id: sent.small.id, key: sent.small.key, pages: sent.small.pages, bytes: sent.small.bytes },
  );
  assert.ok(completed.ms >= 0);
  assert.deepEqual({ id: failed.id, key: failed.key, code: failed.code }, { id: sent.big.id, key: sent.big.key, code: 'TIMEOUT' });
  assert.deepEqual(again, { source: 'l2', key: sent.small.key }, 'the PDF it heard of is in the shared store');
  await Promise.all([a.close(), b.close()]);
});

test('no page logged an unexpected error or warning', () => {
  assert.deepEqual(problems, []);
});

test('tasks run on module Web Workers: progress, single flight, cancel', async () => {
  const page = await openPage(context, server, problems);
  const r = await page.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    const engine = createEngine({ database: 'workers', workers: 2 });
    const doc = (n, rows) => ({ title: `Worker ${n}`, blocks: [{ type: 'table', columns: ['a', 'b'], rows: Array.from({ length: rows }, (_, i) => [`r${i}`, i]) }] });
    const progress = [];
    const t1 = engine.createSnapshot(doc(1, 3000));
    t1.addEventListener('progress', () => progress.push(t1.progress));
    const joined = engine.createSnapshot(doc(1, 3000));
    const t2 = engine.createSnapshot(doc(2, 3000));
    const t3 = engine.createSnapshot(doc(3, 10));
    engine.cancel(t3.id);
    const results = await Promise.allSettled([t1.done, t2.done, t3.done]);
    return {
      sameRun: joined !== t1 && joined.runId === t1.runId,
      statuses: [t1.status, t2.status, t3.status],
      sources: results.map((x) => x.value?.source ?? x.reason?.code),
      progress,
      renders: engine.metrics.summary().histograms['render.ms'].count,
      isWorker: typeof Worker === 'function',
    };
  });
  assert.equal(r.sameRun, true, 'a second request for the key is its own task on the same run');
  assert.deepEqual(r.statuses, ['completed', 'completed', 'cancelled']);
  assert.deepEqual(r.sources, ['render', 'render', 'CANCELLED']);
  assert.deepEqual(r.progress, [...r.progress].sort((a, b) => a - b));
  assert.ok(r.progress.includes(50) && r.progress.at(-1) === 100, `progress ${r.progress}`);
  assert.equal(r.renders, 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a result is the caller\'s own bytes: writing into it changes no later hit and no other caller (shareResults opts out)', async () => {
  const page = await openPage(context, server, problems);
  const seen = await page.evaluate(async () => {
    const { init, createEngine } = window.snapdf;
    await init();
    const doc = { title: 'Copies', blocks: [{ type: 'paragraph', text: 'bytes of my own '.repeat(300) }] };
    const run = async (/** @type {object} */ options) => {
      const engine = createEngine(options);
      // Two callers of one render (single flight), then hits from memory.
      const [a, b] = await Promise.all([engine.render(doc), engine.render(doc)]);
      const original = a.pdf.slice();
      const same = (/** @type {Uint8Array} */ x) => x.length === original.length && x.every((v, i) => v === original[i]);
      a.pdf.fill(0x58);
      const hit = await engine.render(doc);
      const hitWhole = same(hit.pdf);
      hit.pdf.fill(0x58);
      const again = await engine.render(doc);
      await engine.close();
      return { sources: [a.source, b.source, hit.source, again.source], other: same(b.pdf), hitWhole, againWhole: same(again.pdf), header: new TextDecoder().decode(again.pdf.subarray(0, 5)) };
    };
    return { copies: await run({ database: 'copies' }), shared: await run({ database: 'copies-shared', memory: { shareResults: true } }) };
  });
  assert.deepEqual(seen.copies.sources, ['render', 'render', 'l1', 'l1']);
  assert.deepEqual([seen.copies.other, seen.copies.hitWhole, seen.copies.againWhole, seen.copies.header], [true, true, true, '%PDF-']);
  // The opt-in hands every L1 hit the bytes L1 keeps: a write into one shows in the next.
  assert.deepEqual(seen.shared.sources, ['render', 'render', 'l1', 'l1']);
  assert.equal(seen.shared.againWhole, false);
  assert.equal(seen.shared.header, 'XXXXX');
  await page.close();
});
