// RedisStore: the shared persistent layer, against real redis-server processes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskStore, RedisStore, createEngine } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { startRedis, waitFor } from './redis-helpers.mjs';

const doc = (n, rows = 20) => ({ title: `Shared ${n}`, blocks: [{ type: 'table', columns: ['a', 'b'], rows: Array.from({ length: rows }, (_, i) => [`row ${i}`, i * n]) }] });

/** Entries under the store's prefix, counted with SCAN. @param {Redis} redis @param {string} pattern */
async function scanCount(redis, pattern) {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
}

describe('RedisStore', () => {
  /** @type {Awaited<ReturnType<typeof startRedis>>} */
  let server;
  /** @type {Redis} */
  let redis;
  const stores = [];
  const store = async (options = {}) => {
    const s = new RedisStore({ url: server.url, ...options });
    stores.push(s);
    await s.ready();
    return s;
  };

  before(async () => {
    server = await startRedis({ maxmemory: '64mb' });
    redis = new Redis(server.url);
  });
  after(async () => {
    for (const s of stores) await s.close();
    redis.disconnect();
    await server.stop();
  });

  test('bytes are binary-safe and kept with their record; TTL is Redis expiry', async () => {
    const s = await store({ prefix: 't1:' });
    const pdf = Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256); // every byte value, NULs included
    const key = 'ab'.repeat(32);
    const expiresMs = Date.now() + 60_000;
    const record = { key, namespace: 'n', size: pdf.length, pages: 1, digest: wasm.sha256(pdf), createdMs: 1, lastAccessMs: 1, expiresMs };
    await s.write(record, pdf);
    const got = await s.readEntry(key);
    assert.deepEqual(got.pdf, pdf);
    assert.deepEqual(got.record, record);
    const ttl = await redis.pttl(`t1:e:${key}`);
    assert.ok(ttl > 0 && ttl <= 60_000, `PTTL ${ttl}`);
    assert.equal(await s.readEntry('cd'.repeat(32)), undefined);
  });

  test('engines share it: a render in one is an L2 hit in another, digest checked', async () => {
    const s1 = await store({ prefix: 't2:' });
    const s2 = await store({ prefix: 't2:' });
    const a = createEngine({ store: s1, workers: 0 });
    const b = createEngine({ store: s2, workers: 0 });
    const first = await a.render(doc(1));
    assert.equal(first.source, 'render');
    const second = await b.render(doc(1));
    assert.equal(second.source, 'l2');
    assert.deepEqual(second.pdf, first.pdf);
    assert.equal((await b.render(doc(1))).source, 'l1', 'promoted to L1');
    const stats = b.cache.stats();
    assert.equal(stats.persistent, 'ok');
    assert.equal(stats.l2.hits, 1);
    assert.equal(stats.store.state, 'ok');
  });

  test('a corrupted entry is a miss: removed, counted, re-rendered and replaced', async () => {
    const s1 = await store({ prefix: 't3:' });
    const { key, pdf } = await createEngine({ store: s1, workers: 0 }).render(doc(2));
    const bad = Buffer.from(pdf);
    bad[bad.length >> 1] ^= 0xff;
    await redis.hset(`t3:e:${key}`, 'pdf', bad);
    const b = createEngine({ store: await store({ prefix: 't3:' }), workers: 0 });
    const r = await b.render(doc(2));
    assert.equal(r.source, 'render');
    assert.equal(b.cache.stats().l2.corruptions, 1);
    assert.equal(b.cache.stats().l2.hits, 0, 'a corrupt read is not a hit');
    assert.equal(b.cache.stats().l2.misses, 1, 'it is a miss');
    assert.equal(b.metrics.summary().counters['cache.corruptions'].total, 1);
    assert.deepEqual(new Uint8Array(await redis.hgetBuffer(`t3:e:${key}`, 'pdf')), pdf, 'the re-render replaced it');
  });

  test("a new store's first lookup waits for the connection: an L2 hit, not a second render", async () => {
    const a = createEngine({ store: await store({ prefix: 't7:' }), workers: 0, closeStore: false });
    assert.equal((await a.render(doc(7))).source, 'render');
    const fresh = new RedisStore({ url: server.url, prefix: 't7:' }); // connecting now
    stores.push(fresh);
    const b = createEngine({ store: fresh, workers: 0, closeStore: false });
    assert.equal((await b.render(doc(7))).source, 'l2');
    assert.equal(b.cache.stats().l2.hits, 1);
  });

  test('the policy TTL becomes Redis expiry: an expired entry is a miss everywhere', async () => {
    const s1 = await store({ prefix: 't4:' });
    const a = createEngine({ store: s1, workers: 0, persistent: { ttlMs: 300 } });
    const { key } = await a.render(doc(3));
    await waitFor(async () => (await redis.exists(`t4:e:${key}`)) === 0, 'Redis to expire the entry');
    const b = createEngine({ store: await store({ prefix: 't4:' }), workers: 0 });
    assert.equal((await b.render(doc(3))).source, 'render');
  });

  test('namespace invalidation in 10,000 entries removes exactly that namespace, without KEYS', async () => {
    // The server has KEYS, FLUSHALL and FLUSHDB renamed away: using one would fail here.
    // 500 writes at a time: a generous command timeout, so a loaded machine cannot fail them.
    const s = await store({ prefix: 't5:', commandTimeoutMs: 30_000 });
    const pdf = new Uint8Array(64).fill(7);
    const digest = wasm.sha256(pdf);
    const namespaces = ['alice', 'bob', 'carol', 'dave'];
    const byNs = new Map(namespaces.map((n) => [n, new Set()]));
    for (let i = 0; i < 10_000; i += 500) {
      await Promise.all(Array.from({ length: 500 }, (_, j) => {
        const n = i + j;
        const key = wasm.sha256(new TextEncoder().encode(`entry ${n}`));
        const namespace = namespaces[n % 4];
        byNs.get(namespace).add(key);
        return s.write({ key, namespace, size: pdf.length, pages: 1, digest, createdMs: n, lastAccessMs: n, expiresMs: null }, pdf);
      }));
    }
    assert.equal(await scanCount(redis, 't5:e:*'), 10_000);
    const engine = createEngine({ store: s, workers: 0 });
    const removed = await engine.cache.clear({ namespace: 'bob' });
    assert.equal(removed.length, 2500);
    assert.deepEqual(new Set(removed), byNs.get('bob'));
    assert.equal(await scanCount(redis, 't5:e:*'), 7500);
    for (const key of byNs.get('bob')) assert.equal(await redis.exists(`t5:e:${key}`), 0);
    const alice = [...byNs.get('alice')].slice(0, 50);
    assert.deepEqual((await redis.mget(...alice.map((k) => `t5:e:${k}`))).length, 50);
    for (const key of alice) assert.equal(await redis.exists(`t5:e:${key}`), 1, 'other namespaces untouched');
    // A prefix: SCAN with MATCH.
    const prefix = [...byNs.get('carol')][0].slice(0, 3);
    const expected = [...byNs.get('alice'), ...byNs.get('carol'), ...byNs.get('dave')].filter((k) => k.startsWith(prefix));
    const byPrefix = await engine.cache.invalidate({ prefix });
    assert.deepEqual(new Set(byPrefix), new Set(expected));
    assert.equal(await scanCount(redis, 't5:e:*'), 7500 - expected.length);
  });

  test('stats report Redis memory and the recommended policy', async () => {
    const s = await store({ prefix: 't6:' });
    const stats = await s.refreshStats();
    assert.ok(stats.usedMemoryBytes > 0);
    assert.equal(stats.maxMemoryBytes, 64 * 2 ** 20);
    assert.equal(stats.evictionPolicy, 'allkeys-lru');
    const engine = createEngine({ store: s, workers: 0 });
    assert.equal(engine.cache.stats().store.maxMemoryBytes, 64 * 2 ** 20);
  });
});

describe('RedisStore when Redis is down', () => {
  test('stopped mid-run and started again: no render fails, stats show the outage, the store is used again', async () => {
    const server = await startRedis();
    const warn = console.warn;
    console.warn = () => {};
    const store = new RedisStore({ url: server.url, prefix: 'down:' });
    const probe = new RedisStore({ url: server.url, prefix: 'down:' });
    try {
      await store.ready();
      const engine = createEngine({ store, workers: 1 });
      for (let n = 0; n < 5; n++) assert.equal((await engine.render(doc(100 + n))).source, 'render');
      await server.stop();
      await waitFor(() => store.stats().state === 'degraded', 'the store to notice');
      const during = await Promise.all(Array.from({ length: 10 }, (_, n) => engine.render(doc(200 + n))));
      assert.ok(during.every((r) => r.source === 'render' && r.pdf.length > 0), 'every render completed');
      const degraded = engine.cache.stats();
      assert.equal(degraded.persistent, 'degraded');
      assert.match(degraded.degradedReason, /Redis unreachable/);
      assert.equal((await engine.render(doc(200))).source, 'l1', 'memory still serves');

      await server.start();
      await store.ready(20_000);
      const back = engine.cache.stats();
      assert.equal(back.persistent, 'ok');
      assert.equal(back.store.outages, 1);
      assert.ok(back.store.degradedMs > 0, 'the degraded period is counted');
      const { key } = await engine.render(doc(300));
      await probe.ready(20_000);
      assert.ok(await probe.readEntry(key), 'written to Redis again');
      const other = createEngine({ store: probe, workers: 0 });
      assert.equal((await other.render(doc(300))).source, 'l2');
      engine.close();
    } finally {
      console.warn = warn;
      await store.close();
      await probe.close();
      await server.stop();
    }
  });

  test('with a local store: an outage writes there and serves from there; Redis gets those entries when back', async () => {
    const server = await startRedis();
    const warn = console.warn;
    console.warn = () => {};
    const dir = mkdtempSync(join(tmpdir(), 'snapdf-local-'));
    const store = new RedisStore({ url: server.url, prefix: 'local:', local: new DiskStore(dir) });
    const probe = new RedisStore({ url: server.url, prefix: 'local:' });
    try {
      await store.ready();
      const first = createEngine({ store, workers: 0 });
      await server.stop();
      await waitFor(() => store.stats().state === 'degraded', 'the store to notice');
      const during = await first.render(doc(400));
      assert.equal(during.source, 'render');
      assert.equal(store.stats().local?.writes, 1, 'written to the local store');
      // A second engine on this machine (empty memory) gets it from the local store.
      const second = createEngine({ store, workers: 0 });
      const again = await second.render(doc(400));
      assert.equal(again.source, 'l2');
      assert.deepEqual(again.pdf, during.pdf);
      assert.equal(second.cache.stats().persistent, 'degraded');

      await server.start();
      await store.ready(20_000);
      await probe.ready(20_000);
      assert.equal(await probe.readEntry(during.key), undefined, 'not in Redis yet');
      const third = createEngine({ store, workers: 0 });
      assert.equal((await third.render(doc(400))).source, 'l2');
      assert.equal(store.stats().local?.promoted, 1);
      const shared = await probe.readEntry(during.key);
      assert.ok(shared, 'copied to Redis for the fleet');
      assert.equal(wasm.sha256(shared.pdf), shared.record.digest);
      // Invalidation reaches the local copy too: no stale entry comes back.
      await third.cache.invalidate({ key: during.key });
      assert.equal((await createEngine({ store, workers: 0 }).render(doc(400))).source, 'render');
    } finally {
      console.warn = warn;
      await store.close();
      await probe.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('not started at all: renders go on, memory-only, degraded', async () => {
    const server = await startRedis();
    await server.stop(); // a port where nothing listens
    const store = new RedisStore({ url: server.url });
    try {
      const engine = createEngine({ store, workers: 0 });
      await waitFor(() => store.stats().state === 'degraded', 'the failed connection');
      assert.equal((await engine.render(doc(1))).source, 'render');
      assert.equal((await engine.render(doc(1))).source, 'l1');
      assert.equal(engine.cache.stats().persistent, 'degraded');
    } finally {
      await store.close();
    }
  });
});

describe('RedisStore in a program of its own (the README snippet)', () => {
  const child = new URL('./redis-readme-child.mjs', import.meta.url).pathname;

  /** Runs the snippet; resolves to its exit and output, or a kill after `boundMs`. */
  function runSnippet(url, prefix, boundMs = 30_000) {
    const p = spawn(process.execPath, [child, url, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), boundMs);
    return new Promise((resolve) => {
      p.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, out, err });
      });
    });
  }

  test('exits by itself after await engine.close(); a second process reads Redis on its first render', async () => {
    const server = await startRedis();
    try {
      const first = await runSnippet(server.url, 'readme:');
      assert.equal(first.signal, null, `the process did not exit by itself within 30 s: ${first.err}`);
      assert.equal(first.code, 0, first.err);
      assert.deepEqual(JSON.parse(first.out), { source: 'render' });
      const second = await runSnippet(server.url, 'readme:');
      assert.equal(second.signal, null, `the process did not exit by itself within 30 s: ${second.err}`);
      assert.deepEqual(JSON.parse(second.out), { source: 'l2' }, 'the first lookup waited for the connection');
    } finally {
      await server.stop();
    }
  });

  test('with Redis down, the first lookup waits at most connectWaitMs, then renders', async () => {
    const server = await startRedis();
    await server.stop(); // nothing listens there now
    const warn = console.warn;
    console.warn = () => {};
    const store = new RedisStore({ url: server.url, connectWaitMs: 200 });
    try {
      const engine = createEngine({ store, workers: 0 });
      assert.equal((await engine.render(doc(7))).source, 'render');
      assert.equal(engine.cache.stats().persistent, 'degraded');
      await engine.close();
    } finally {
      console.warn = warn;
      await store.close();
    }
  });
});
