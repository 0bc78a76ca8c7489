// A real disk that fills up: the cache directory on a 384 KiB tmpfs. Writes fail with
// ENOSPC part-way through a file, as they do on a full disk; nothing half-written may
// stay, nothing wrong may be served, and the engine goes on (degraded when it must).
//
// Mounting a tmpfs needs root (CAP_SYS_ADMIN), which the CI machine and scripts/setup.sh
// have. Without it this suite is skipped with the reason; tests/js/cache.test.mjs covers
// the same policy through a store whose writes fail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEngine } from 'snapdf';
import { tempDir } from './helpers.mjs';

const SIZE = 384 * 1024;

/** Mounts a tmpfs of `SIZE` bytes; returns its path, or the reason it cannot. */
function mountTmpfs() {
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `cannot mount a tmpfs here (${String(e.stderr ?? e.message).trim()})` };
  }
}

/**
 * A snapshot whose PDF is about `kb` KB: text from a seeded generator, which Flate
 * cannot shrink much.
 */
function noisy(n, kb) {
  let x = n * 7919 + 1;
  const word = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x.toString(36);
  };
  const text = Array.from({ length: kb * 110 }, word).join(' ');
  return { title: `Full disk ${n}`, blocks: [{ type: 'paragraph', text }] };
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Every file in the cache directory, checked: no temporary files, every entry whole. */
function checkDirectory(dir) {
  const names = readdirSync(join(dir, 'entries'));
  assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), [], 'no temporary file is left');
  const pdfs = names.filter((n) => n.endsWith('.pdf')).map((n) => n.slice(0, -4)).sort();
  const records = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
  assert.deepEqual(pdfs, records, 'every PDF has its record and every record its PDF');
  for (const key of records) {
    const record = JSON.parse(readFileSync(join(dir, 'entries', `${key}.json`), 'utf8'));
    const pdf = readFileSync(join(dir, 'entries', `${key}.pdf`));
    assert.equal(pdf.length, record.size, `${key}: size`);
    assert.equal(sha256(pdf), record.digest, `${key}: digest`);
  }
  return records;
}

const disk = mountTmpfs();

describe('a full disk (the cache directory on a real tmpfs)', { skip: disk.reason }, () => {
  const dir = /** @type {string} */ (disk.dir);
  after(() => {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('filling the disk mid-write: room is made, every entry stays whole, every render is right', async () => {
    const engine = createEngine({ cacheDir: dir, workers: 0 });
    const rendered = new Map(); // key -> { n, digest }
    for (let n = 0; n < 24; n++) {
      const r = await engine.render(noisy(n, 40));
      assert.equal(r.source, 'render');
      rendered.set(r.key, { n, digest: sha256(r.pdf) });
      await engine.tasks.settled(); // task records are written (and make room) in the background
      checkDirectory(dir);
    }
    const s = engine.cache.stats();
    assert.equal(s.persistent, 'ok', 'evicting made room each time');
    assert.ok(s.l2.evictions > 0, 'the disk filled up and entries were evicted');
    await engine.flush();
    engine.close();

    // A restart serves what survived, byte for byte.
    const kept = checkDirectory(dir);
    assert.ok(kept.length >= 3, `${kept.length} entries on disk`);
    const again = createEngine({ cacheDir: dir, workers: 0 });
    const sources = [];
    for (const key of kept) {
      const { n, digest } = rendered.get(key);
      const r = await again.render(noisy(n, 40));
      assert.equal(sha256(r.pdf), digest, `snapshot ${n} (${r.source})`);
      sources.push(r.source);
    }
    // Persisting each new task may evict entries not read yet (a pending task outranks
    // a cached PDF), so only the first read is sure to find its entry.
    assert.equal(sources[0], 'l2', `sources: ${sources}`);
    again.close();
  });

  test('a PDF larger than the whole disk: served from memory, degraded, nothing half-written', async () => {
    rmSync(join(dir, 'entries'), { recursive: true, force: true });
    const engine = createEngine({ cacheDir: dir, workers: 0 });
    const warn = console.warn;
    const warnings = [];
    console.warn = (m) => warnings.push(m);
    try {
      await engine.render(noisy(100, 40));
      const big = await engine.render(noisy(101, 800));
      assert.ok(big.pdf.length > SIZE, `${big.pdf.length} bytes`);
      assert.equal(big.source, 'render');
      const s = engine.cache.stats();
      assert.equal(s.persistent, 'degraded');
      assert.match(s.degradedReason, /ENOSPC/);
      assert.equal(warnings.length, 1);
      assert.equal((await engine.render(noisy(101, 800))).source, 'l1', 'memory still serves it');
      await engine.tasks.settled();
      checkDirectory(dir);
    } finally {
      console.warn = warn;
      engine.close();
    }
  });

  test('a disk with no room at all: tasks still complete, the next start finds nothing broken', async () => {
    rmSync(join(dir, 'entries'), { recursive: true, force: true });
    const filler = join(dir, 'filler');
    const warn = console.warn;
    console.warn = () => {};
    try {
      writeFileSync(filler, Buffer.alloc(SIZE)); // fails part-way: the disk is full
    } catch (e) {
      assert.equal(e.code, 'ENOSPC');
    }
    try {
      const engine = createEngine({ cacheDir: dir, workers: 1 });
      const tasks = Array.from({ length: 5 }, (_, n) => engine.createSnapshot(noisy(200 + n, 10)));
      const results = await Promise.all(tasks.map((t) => t.done));
      assert.deepEqual(tasks.map((t) => t.status), Array(5).fill('completed'));
      for (const r of results) assert.equal(new TextDecoder().decode(r.pdf.subarray(0, 5)), '%PDF-');
      assert.equal(engine.cache.stats().persistent, 'degraded');
      engine.close();
    } finally {
      console.warn = warn;
    }
    rmSync(filler);
    checkDirectory(dir);
    const tasksDir = readdirSync(dir).includes('tasks') ? readdirSync(join(dir, 'tasks')) : [];
    assert.deepEqual(tasksDir.filter((n) => n.endsWith('.tmp')), [], 'no half-written task file');
  });

  test('a batch of 151 KB PDFs fills the disk: degraded, then room is freed and the cache recovers by itself', async () => {
    rmSync(join(dir, 'entries'), { recursive: true, force: true });
    rmSync(join(dir, 'tasks'), { recursive: true, force: true });
    let now = 1_800_000_000_000; // the engine's clock: the back-off is driven by it, not by waiting
    const warn = console.warn;
    const warnings = [];
    console.warn = (m) => warnings.push(m);
    try {
      const engine = createEngine({ cacheDir: dir, workers: 2, now: () => now });
      // Each task record (the snapshot, about 200 KB) and each PDF (about 143 KB) compete
      // for 384 KiB: two tasks persisted at once leave no room for anything.
      const batch = engine.createSnapshots(Array.from({ length: 6 }, (_, n) => noisy(300 + n, 256)));
      const results = await batch.done;
      assert.deepEqual(results.map((r) => r.status), Array(6).fill('fulfilled'));
      assert.ok(results.every((r) => r.value.pdf.length > 140_000), 'PDFs of about 143 KB');
      await engine.tasks.settled();
      let s = engine.cache.stats();
      assert.equal(s.persistent, 'degraded');
      assert.match(s.degradedReason, /ENOSPC/);
      assert.equal(s.retryAt, s.degradedSince + 1000);
      const tasksLeft = readdirSync(join(dir, 'tasks')).filter((n) => n.endsWith('.json'));
      assert.deepEqual(tasksLeft, [], 'the finished tasks are removed while degraded: their room is freed');

      now = s.retryAt; // the back-off has passed
      const after = await engine.render(noisy(310, 256));
      await engine.tasks.settled();
      s = engine.cache.stats();
      assert.equal(s.persistent, 'ok', 'recovered by itself');
      assert.equal(s.degradedSince, undefined);
      assert.ok(checkDirectory(dir).includes(after.key), 'the new PDF is on disk');
      assert.equal(warnings.length, 1, 'one warning for the degraded period');
      await engine.close();
    } finally {
      console.warn = warn;
    }
  });
});

before(() => {
  if (disk.reason) console.log(`# full-disk suite skipped: ${disk.reason}`);
});
