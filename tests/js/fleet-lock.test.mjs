// Fleet-wide single flight through RedisStore's per-key lock, with real processes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { RedisStore, cacheKey, createEngine } from 'snapdf';
import { flightsReport } from '../../examples/snapshots.mjs';
import { root } from './helpers.mjs';
import { startRedis } from './redis-helpers.mjs';

const child = new URL('./fleet-child.mjs', import.meta.url).pathname;

/**
 * Starts tests/js/fleet-child.mjs; `line(match)` resolves with the first stdout line
 * that matches.
 * @param {string[]} args
 */
function spawnChild(args) {
  const p = spawn(process.execPath, [child, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = [];
  const waiters = [];
  createInterface({ input: p.stdout }).on('line', (l) => {
    lines.push(l);
    for (const w of [...waiters]) if (w.match(l)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(l); }
  });
  const exited = new Promise((resolve) => p.once('exit', resolve));
  return {
    proc: p,
    exited,
    /** @param {(l: string) => boolean} match */
    line(match) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        exited.then((code) => reject(new Error(`child exited (${code}) before printing the line; it printed:\n${lines.join('\n')}`)));
      });
    },
  };
}

describe('fleet-wide single flight', () => {
  /** @type {Awaited<ReturnType<typeof startRedis>>} */
  let server;
  before(async () => {
    server = await startRedis();
  });
  after(async () => {
    await server.stop();
  });

  test('two engines ask for the same key at once: one renders, the other waits and gets it from the store', async () => {
    const s1 = new RedisStore({ url: server.url, prefix: 'lock:' });
    const s2 = new RedisStore({ url: server.url, prefix: 'lock:' });
    await Promise.all([s1.ready(), s2.ready()]);
    const a = createEngine({ store: s1, workers: 1 });
    const b = createEngine({ store: s2, workers: 1 });
    const doc = { ...flightsReport(2000), title: 'Same key, two engines' };
    const [ra, rb] = await Promise.all([a.render(doc), b.render(doc)]);
    assert.deepEqual([ra.source, rb.source].sort(), ['l2', 'render']);
    assert.deepEqual(ra.pdf, rb.pdf);
    const renders = [a, b].map((e) => e.metrics.summary().histograms['render.ms']?.count ?? 0);
    assert.equal(renders[0] + renders[1], 1, 'one render in all');
    const locks = [s1, s2].map((s) => s.stats().lock);
    assert.equal(locks[0].acquired + locks[1].acquired, 1);
    assert.equal(locks[0].waits + locks[1].waits, 1, 'the other found the lock held');
    assert.equal(locks[0].stored + locks[1].stored, 1, 'and then the result stored');
    a.close();
    b.close();
    await s1.close();
    await s2.close();
  });

  test('two processes render the same key at once: one render', async () => {
    const title = 'Same key, two processes';
    const children = [spawnChild(['render', server.url, title, '5000']), spawnChild(['render', server.url, title, '5000'])];
    await Promise.all(children.map((c) => c.line((l) => l === 'ready')));
    for (const c of children) c.proc.stdin.write('go\n');
    const results = await Promise.all(children.map(async (c) => JSON.parse(await c.line((l) => l.startsWith('{')))));
    await Promise.all(children.map((c) => c.exited));
    assert.deepEqual(results.map((r) => r.source).sort(), ['l2', 'render']);
    assert.equal(results[0].key, results[1].key);
    assert.equal(results[0].renders + results[1].renders, 1);
  });

  test('the lock holder is killed: the waiter takes over after the lock expires, and renders', async () => {
    const doc = { ...flightsReport(200), title: 'Holder killed' };
    const key = cacheKey(doc);
    const holder = spawnChild(['hold', server.url, key, '1500']);
    await holder.line((l) => l === 'holding');
    const store = new RedisStore({ url: server.url, prefix: 'lock:', pollMs: 20 });
    await store.ready();
    const engine = createEngine({ store, workers: 0 });
    const pending = engine.render(doc);
    // The waiter is waiting (the holder renews its lock while it lives).
    await new Promise((resolve) => setTimeout(resolve, 100));
    holder.proc.kill('SIGKILL');
    await holder.exited;
    const r = await pending;
    assert.equal(r.source, 'render');
    const lock = store.stats().lock;
    assert.equal(lock.waits, 1, 'it found the lock held');
    assert.equal(lock.takeovers, 1, 'and took it over');
    assert.equal(lock.timeouts, 0);
    await store.close();
  });

  test('no lock to be had (Redis down): the render goes on', async () => {
    const other = await startRedis();
    await other.stop();
    const warn = console.warn;
    console.warn = () => {};
    const store = new RedisStore({ url: other.url });
    try {
      const engine = createEngine({ store, workers: 0 });
      const r = await engine.render({ title: 'No lock' });
      assert.equal(r.source, 'render');
    } finally {
      console.warn = warn;
      await store.close();
    }
  });
});
