// Content and faults that must never switch the persistent cache off for good: saved
// metrics it cannot merge, malformed records and task files, another process's
// temporary files, what stands in a file's place (a FIFO, a directory, a huge sparse
// file), corrupt entries (counted as misses), and a failing store, which
// degrades and then recovers by itself after a back-off (driven by an injected clock).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, mock, test } from 'node:test';
import { DiskStore, SnapshotEngine, createEngine } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { runCli, tempDir } from './helpers.mjs';

const doc = (n) => ({ title: `Doc ${n}`, blocks: [{ type: 'paragraph', text: 'x '.repeat(50 * n) }] });

/** Runs `fn` with console.warn captured; returns the warnings. */
async function quietly(fn) {
  const warn = console.warn;
  const warnings = [];
  console.warn = (m) => warnings.push(String(m));
  try {
    await fn();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

/** A cache directory holding one rendered entry (flushed); returns its key. */
async function seeded(dir, options = {}) {
  const engine = createEngine({ cacheDir: dir, workers: 0, ...options });
  const { key } = await engine.render(doc(1));
  await engine.flush();
  await engine.close();
  return key;
}

describe('saved content that cannot be used never disables the store', () => {
  for (const [what, write] of [
    ['{}', (dir) => writeFileSync(join(dir, 'metrics.json'), '{}')],
    ['not JSON', (dir) => writeFileSync(join(dir, 'metrics.json'), '{"series": ')],
    ['another relativeError', async (dir) => {
      const other = createEngine({ cacheDir: tempDir(), workers: 0, metrics: { relativeError: 0.05 } });
      await other.render(doc(9));
      writeFileSync(join(dir, 'metrics.json'), JSON.stringify(other.metrics.export()));
    }],
  ]) {
    test(`metrics.json with ${what}: set aside once, the cache keeps working`, async () => {
      const dir = tempDir();
      await seeded(dir);
      await write(dir);
      const warnings = await quietly(async () => {
        const engine = createEngine({ cacheDir: dir, workers: 0 });
        assert.equal((await engine.render(doc(1))).source, 'l2', 'the entry on disk is served');
        const s = engine.cache.stats();
        assert.equal(s.persistent, 'ok');
        assert.equal(s.l2.entries, 1);
        assert.equal((await engine.render(doc(2))).source, 'render');
        await engine.flush();
        await engine.close();
      });
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /saved metrics could not be merged.*metrics\.json\.bad/);
      assert.ok(existsSync(join(dir, 'metrics.json.bad')), 'the bad file is kept aside');
      // The flush wrote this engine's metrics: the next start merges them, silently.
      const next = await quietly(async () => {
        const engine = createEngine({ cacheDir: dir, workers: 0 });
        await engine.cache.open();
        assert.ok(engine.metrics.summary().counters['cache.l2.hits']?.total >= 1, 'earlier runs are merged');
        assert.equal(engine.cache.stats().l2.entries, 2);
      });
      assert.deepEqual(next, []);
    });
  }

  test('the CLI on such a directory: stats counts the entries, clear removes them', async () => {
    const dir = tempDir();
    await seeded(dir);
    writeFileSync(join(dir, 'metrics.json'), '{}');
    const stats = runCli(['cache', 'stats', '--cache-dir', dir, '--json']);
    assert.equal(JSON.parse(stats.stdout).entries, 1, stats.stderr);
    assert.equal(JSON.parse(stats.stdout).state, 'ok');
    assert.match(runCli(['cache', 'clear', '--cache-dir', dir]).stdout, /removed 1 entries/);
    assert.deepEqual(readdirSync(join(dir, 'entries')), []);
  });

  /** Opens an engine on `dir`: nothing is resumed, the seeded entry is an L2 hit, no warning. */
  async function stillWorks(dir, entries) {
    const warnings = await quietly(async () => {
      const engine = createEngine({ cacheDir: dir, workers: 0 });
      assert.deepEqual(await engine.resumed, []);
      assert.equal((await engine.render(doc(1))).source, 'l2');
      assert.equal(engine.cache.stats().persistent, 'ok');
      assert.equal(engine.cache.stats().l2.entries, entries);
      await engine.close();
    });
    assert.deepEqual(warnings, []);
  }

  test('a record file with a fractional time is skipped, not fatal', async () => {
    const dir = tempDir();
    const key = await seeded(dir);
    const otherKey = 'f'.repeat(64);
    const record = JSON.parse(readFileSync(join(dir, 'entries', `${key}.json`), 'utf8'));
    writeFileSync(join(dir, 'entries', `${otherKey}.pdf`), 'x');
    writeFileSync(join(dir, 'entries', `${otherKey}.json`), JSON.stringify({ ...record, key: otherKey, lastAccessMs: 1.5 }));
    rmSync(join(dir, 'index.json')); // so the record files are read
    await stillWorks(dir, 1);
  });

  test('task files with a bad id or key are skipped, not fatal', async () => {
    const dir = tempDir();
    const key = await seeded(dir);
    mkdirSync(join(dir, 'tasks'), { recursive: true });
    writeFileSync(join(dir, 'tasks', 'Bad Id.json'), JSON.stringify({ id: 'Bad Id', key, json: '{}', createdMs: 1 }));
    writeFileSync(join(dir, 'tasks', 'abc.json'), JSON.stringify({ id: 'abc', key: 'not a key', json: '{}', createdMs: 1 }));
    await stillWorks(dir, 1);
  });
});

describe('what stands in a file\'s place is refused, never waited on or read whole', () => {
  /**
   * FIFOs made by these tests. After each, they are removed (a later open finds nothing)
   * and a reader still blocked on one is let go (an open for writing, closed at once), so
   * a hang fails its test and the process still ends.
   */
  const fifos = [];
  afterEach(() => {
    for (const fifo of fifos.splice(0)) {
      let writer;
      try {
        writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch {
        // ENXIO: nobody is reading it, as it should be
      }
      rmSync(fifo, { force: true });
      if (writer !== undefined) closeSync(writer);
    }
  });
  const fifo = (path) => {
    execFileSync('mkfifo', [path]);
    fifos.push(path);
  };
  const sparse = (path) => {
    writeFileSync(path, '');
    truncateSync(path, 1500 * 2 ** 20); // 1.5 GiB of holes: no disk used
  };

  for (const [what, ext, make] of [
    ['a FIFO', 'pdf', fifo],
    ['a FIFO', 'json', fifo],
    ['a directory', 'pdf', mkdirSync],
    ['a directory', 'json', mkdirSync],
    ['a sparse file of 1.5 GiB', 'pdf', sparse],
  ]) {
    test(`${what} in place of an entry's .${ext}: rendered afresh, replaced, nothing degrades`, { timeout: 60_000 }, async () => {
      const dir = tempDir();
      const key = await seeded(dir);
      const file = join(dir, 'entries', `${key}.${ext}`);
      const pdf = readFileSync(join(dir, 'entries', `${key}.pdf`));
      rmSync(file);
      make(file);
      if (ext === 'json') rmSync(join(dir, 'index.json')); // a record file is read where the index lacks it
      rmSync(join(dir, 'metrics.json')); // this engine's counters only
      const peak = process.resourceUsage().maxRSS;
      const warnings = await quietly(async () => {
        const engine = createEngine({ cacheDir: dir, workers: 0 });
        const r = await engine.render(doc(1));
        assert.equal(r.source, 'render');
        assert.equal(r.key, key);
        assert.equal(Buffer.from(r.pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
        assert.deepEqual(Buffer.from(r.pdf), pdf, 'the same PDF as the entry held');
        const { persistent, l2 } = engine.cache.stats();
        assert.equal(persistent, 'ok');
        // A .pdf is looked up and found wrong (a corruption); an unusable record file leaves the entry out of the index.
        assert.deepEqual({ misses: l2.misses, hits: l2.hits, corruptions: l2.corruptions }, { misses: 1, hits: 0, corruptions: ext === 'pdf' ? 1 : 0 });
        await engine.close();
      });
      assert.deepEqual(warnings, []);
      // 1 KiB units on Linux: the 1.5 GiB file was never held in memory.
      assert.ok(process.resourceUsage().maxRSS - peak < 2 ** 20, 'peak memory grew by less than 1 GiB');
      assert.ok(statSync(file).isFile(), `the .${ext} is a file again`);
      const next = createEngine({ cacheDir: dir, workers: 0 });
      assert.equal((await next.render(doc(1))).source, 'l2', 'the replaced entry is served');
      await next.close();
    });
  }

  test('a directory with a file in it is left as it is: rendered, that write fails with one warning', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const key = await seeded(dir);
    const file = join(dir, 'entries', `${key}.pdf`);
    rmSync(file);
    mkdirSync(file);
    writeFileSync(join(file, 'notes.txt'), 'mine');
    const warnings = await quietly(async () => {
      const engine = createEngine({ cacheDir: dir, workers: 0 });
      assert.equal((await engine.render(doc(1))).source, 'render');
      await engine.close();
    });
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], new RegExp(`persistent cache write failed: .*EISDIR.*${key}\\.pdf`));
    assert.equal(readFileSync(join(file, 'notes.txt'), 'utf8'), 'mine');
  });

  test('FIFOs in place of index.json, metrics.json and a task file: the store opens, the entry is served', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    await seeded(dir);
    mkdirSync(join(dir, 'tasks'), { recursive: true });
    for (const name of ['index.json', 'metrics.json', 'tasks/abc.json']) {
      rmSync(join(dir, name), { force: true });
      fifo(join(dir, name));
    }
    const warnings = await quietly(async () => {
      const engine = createEngine({ cacheDir: dir, workers: 0 });
      assert.deepEqual(await engine.resumed, []);
      assert.equal((await engine.render(doc(1))).source, 'l2', 'the index is rebuilt from the record files');
      assert.equal(engine.cache.stats().persistent, 'ok');
      await engine.flush();
      await engine.close();
    });
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /saved metrics could not be merged \(UnusableFileError: .*metrics\.json is a FIFO, not a regular file\); moved to .*metrics\.json\.bad/);
    for (const name of ['index.json', 'metrics.json']) assert.ok(statSync(join(dir, name)).isFile(), `${name} is written again`);
  });

  test('the CLI with a FIFO in place of an entry exits 0 and writes the PDF', () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    const input = join(dir, 'doc.json');
    writeFileSync(input, JSON.stringify(doc(1)));
    const render = (out) => {
      const r = runCli(['render', input, '-o', join(dir, out), '--cache-dir', cache, '--json'], { timeoutMs: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    const { key } = render('a.pdf');
    const file = join(cache, 'entries', `${key}.pdf`);
    rmSync(file);
    fifo(file);
    const b = render('b.pdf');
    assert.equal(b.cache, 'miss');
    assert.deepEqual(readFileSync(join(dir, 'b.pdf')), readFileSync(join(dir, 'a.pdf')));
    assert.ok(statSync(file).isFile(), 'the entry is a file again');
    assert.equal(render('c.pdf').cache, 'hit');
  });
});

describe('temporary files', () => {
  /** A node process that stays alive until killed; resolves to it once it runs. */
  async function liveProcess() {
    const p = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => p.once('spawn', resolve));
    return p;
  }

  test('open removes only stale temporaries: a live writer keeps its own', async () => {
    const dir = tempDir();
    const key = await seeded(dir);
    const live = await liveProcess();
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => gone.once('exit', resolve));
    try {
      const entries = join(dir, 'entries');
      const inFlight = `${key}.pdf.${live.pid}.1.tmp`;
      const crashed = `${key}.pdf.${gone.pid}.1.tmp`;
      const old = `${key}.json.${live.pid}.2.tmp`;
      for (const n of [inFlight, crashed, old]) writeFileSync(join(entries, n), 'partial');
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      utimesSync(join(entries, old), twoHoursAgo, twoHoursAgo);
      writeFileSync(join(dir, `index.json.${gone.pid}.3.tmp`), 'partial');
      await new DiskStore(dir).open();
      const left = readdirSync(entries).filter((n) => n.endsWith('.tmp'));
      assert.deepEqual(left, [inFlight], 'the write in flight of a live process is left alone');
      assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'stale ones in the directory itself go too');
    } finally {
      live.kill('SIGKILL');
    }
  });

  afterEach(() => {
    mock.restoreAll();
    syncBuiltinESMExports();
  });

  /** Makes the next rename of a temporary file run `before` first (another process acting meanwhile). */
  function beforeNextRename(before) {
    const rename = fsp.rename;
    let armed = true;
    mock.method(fsp, 'rename', async (from, to) => {
      if (armed && String(from).endsWith('.tmp')) {
        armed = false;
        await before(String(from));
      }
      return rename(from, to);
    });
    syncBuiltinESMExports();
  }

  test('another engine opening the directory mid-write does not break the write', async () => {
    const dir = tempDir();
    const engine = createEngine({ cacheDir: dir, workers: 0 });
    await engine.cache.open();
    beforeNextRename(() => new DiskStore(dir).open()); // e.g. `snapdf cache stats` during a batch
    const warnings = await quietly(async () => {
      const r = await engine.render(doc(3));
      assert.ok(existsSync(join(dir, 'entries', `${r.key}.pdf`)), 'written');
    });
    assert.equal(engine.cache.stats().persistent, 'ok');
    assert.deepEqual(warnings, []);
  });

  test('a temporary file that vanishes before its rename is written again, nothing degrades', async () => {
    const dir = tempDir();
    const engine = createEngine({ cacheDir: dir, workers: 0 });
    await engine.cache.open();
    beforeNextRename((tmp) => fsp.rm(tmp));
    const warnings = await quietly(async () => {
      const r = await engine.render(doc(4));
      assert.ok(existsSync(join(dir, 'entries', `${r.key}.pdf`)), 'written');
    });
    assert.equal(engine.cache.stats().persistent, 'ok');
    assert.deepEqual(warnings, []);
  });

  test('the entries directory removed by another process (cache clear) is made again', async () => {
    const dir = tempDir();
    const engine = createEngine({ cacheDir: dir, workers: 0 });
    await engine.cache.open();
    rmSync(join(dir, 'entries'), { recursive: true });
    const r = await engine.render(doc(5));
    assert.equal(engine.cache.stats().persistent, 'ok');
    assert.ok(existsSync(join(dir, 'entries', `${r.key}.pdf`)));
  });
});

describe('corrupt entries are misses', () => {
  test('4 corrupted entries: 0 hits, 4 misses, 4 corruptions, hit rate 0', async () => {
    const dir = tempDir();
    const a = createEngine({ cacheDir: dir, workers: 0 });
    const keys = [];
    for (const n of [1, 2, 3, 4]) keys.push((await a.render(doc(n))).key);
    await a.flush();
    for (const key of keys) {
      const file = join(dir, 'entries', `${key}.pdf`);
      const bad = readFileSync(file);
      bad[bad.length >> 1] ^= 0xff;
      writeFileSync(file, bad);
    }
    rmSync(join(dir, 'metrics.json')); // this engine's counters only
    const b = createEngine({ cacheDir: dir, workers: 0 });
    for (const n of [1, 2, 3, 4]) assert.equal((await b.render(doc(n))).source, 'render');
    const { l2, overall } = b.cache.stats();
    assert.deepEqual({ hits: l2.hits, misses: l2.misses, corruptions: l2.corruptions, hitRate: l2.hitRate }, { hits: 0, misses: 4, corruptions: 4, hitRate: 0 });
    assert.equal(overall.hitRate, 0);
    const counters = b.metrics.summary().counters;
    assert.equal(counters['cache.l2.misses'].total, 4);
    assert.equal(counters['cache.l2.hits'], undefined);
  });
});

describe('a degraded store recovers by itself', () => {
  /** A DiskStore whose writes fail with EIO while `failing.on` is true. */
  function flakyStore(dir) {
    const store = new DiskStore(dir);
    const failing = { on: true, attempts: 0 };
    const write = store.write.bind(store);
    store.write = async (record, pdf) => {
      failing.attempts += 1;
      if (failing.on) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
      return write(record, pdf);
    };
    return { store, failing };
  }

  test('writes are retried after 1 s, then 2 s, 4 s … (by the engine clock); a success ends it', async () => {
    let now = 1_700_000_000_000;
    const dir = tempDir();
    const { store, failing } = flakyStore(dir);
    const engine = new SnapshotEngine({ wasm, store, now: () => now });
    const warnings = await quietly(async () => {
      await engine.render(doc(1));
      let s = engine.cache.stats();
      assert.equal(s.persistent, 'degraded');
      assert.equal(s.degradedSince, now);
      assert.equal(s.retryAt, now + 1000);
      const start = now;

      now += 999;
      await engine.render(doc(2));
      assert.equal(failing.attempts, 1, 'no write before the retry time');

      now = start + 1000;
      await engine.render(doc(3)); // the retry fails: the wait doubles
      assert.equal(failing.attempts, 2);
      s = engine.cache.stats();
      assert.equal(s.persistent, 'degraded');
      assert.equal(s.degradedSince, start);
      assert.equal(s.retryAt, now + 2000);

      failing.on = false; // room was freed, the disk came back…
      now += 2000;
      const r = await engine.render(doc(4));
      s = engine.cache.stats();
      assert.equal(s.persistent, 'ok');
      assert.equal(s.degradedReason, undefined);
      assert.equal(s.retryAt, undefined);
      assert.ok(existsSync(join(dir, 'entries', `${r.key}.pdf`)), 'written once the store works');
      assert.equal((await createEngine({ cacheDir: dir, workers: 0, now: () => now }).render(doc(4))).source, 'l2');
    });
    assert.equal(warnings.length, 1, 'one warning for the whole degraded period');
  });

  test('the wait doubles up to 60 s', async () => {
    let now = 1_700_000_000_000;
    const { store } = flakyStore(tempDir());
    const engine = new SnapshotEngine({ wasm, store, now: () => now });
    const waits = [];
    await quietly(async () => {
      for (let n = 0; n < 9; n++) {
        await engine.render(doc(n + 1));
        const { retryAt } = engine.cache.stats();
        waits.push(retryAt - now);
        now = retryAt;
      }
    });
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  test('a store that could not be opened is opened again after the wait', async () => {
    let now = 1_700_000_000_000;
    const dir = tempDir();
    writeFileSync(join(dir, 'entries'), 'not a directory');
    const engine = createEngine({ cacheDir: dir, workers: 0, now: () => now });
    await quietly(async () => {
      await engine.render(doc(1));
      assert.equal(engine.cache.stats().persistent, 'degraded');
      rmSync(join(dir, 'entries'));
      now += 1000;
      const r = await engine.render(doc(2));
      assert.equal(engine.cache.stats().persistent, 'ok');
      assert.ok(existsSync(join(dir, 'entries', `${r.key}.pdf`)));
    });
  });

  test('a finished task is removed from the store while degraded (never resumed later)', async () => {
    const dir = tempDir();
    const { store, failing } = flakyStore(dir);
    const engine = new SnapshotEngine({ wasm, store });
    await quietly(async () => {
      await engine.render(doc(1)); // the task record is written, the PDF write fails
      await engine.tasks.settled();
    });
    assert.equal(engine.cache.stats().persistent, 'degraded');
    assert.equal(failing.attempts, 1);
    assert.deepEqual(readdirSync(join(dir, 'tasks')), [], 'the task record is gone');
  });
});
