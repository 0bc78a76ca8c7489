// The persistent cache layer (L2) for Node: a directory.
//
//   DIR/entries/KEY.pdf    the PDF
//   DIR/entries/KEY.json   its record (key, namespace, size, pages, digest, times);
//                          written after the PDF, so it marks a complete entry
//   DIR/index.json         every record, for fast start-up and last-access times
//   DIR/metrics.json       the engine's metrics (export format), merged on open
//   DIR/tasks/ID.json      a pending or running task with its snapshot, until it ends
//
// Every file is written to a temporary name and renamed. On open the index is
// reconciled with the directory: records whose files are gone are dropped, entries
// missing from the index (another process wrote them, or the index is lost or corrupt)
// are read back from their record files, and stale temporary files are removed (only
// those of processes that are gone, or over an hour old: another process sharing the
// directory may be writing the others right now; see fs-atomic.js).
//
// No file's content can disable the store: a corrupt index is rebuilt, a record or a
// task that fails its shape check is skipped, and metrics that cannot be merged are set
// aside (DIR/metrics.json.bad) by the cache.
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStaleTemps, writeAtomicAsync } from '../fs-atomic.js';
import { TASK_ID, isCacheRecord, isPersistedTask } from './record.js';

const KEY = /^[0-9a-f]{64}$/;

/**
 * The persistent layer in a directory.
 * @typedef {import('../index.js').PersistentStore} PersistentStore
 * @implements {PersistentStore}
 */
export class DiskStore {
  /** @param {string} dir the cache directory; created on open */
  constructor(dir) {
    this.dir = dir;
    this.entriesDir = join(dir, 'entries');
    this.indexPath = join(dir, 'index.json');
    this.metricsPath = join(dir, 'metrics.json');
    this.tasksDir = join(dir, 'tasks');
  }

  /** @returns {Promise<import('../index.js').CacheRecord[]>} */
  async open() {
    await mkdir(this.entriesDir, { recursive: true });
    /** @type {Map<string, import('../index.js').CacheRecord>} */
    const indexed = new Map();
    try {
      const list = JSON.parse(await readFile(this.indexPath, 'utf8'));
      if (Array.isArray(list)) for (const r of list) if (isCacheRecord(r)) indexed.set(r.key, r);
    } catch {
      // No index or a corrupt one: the record files below rebuild it.
    }
    for (const dir of [this.entriesDir, this.tasksDir, this.dir]) await removeStaleTemps(dir);
    const names = await readdir(this.entriesDir);
    const pdfs = new Set(names.filter((n) => n.endsWith('.pdf')).map((n) => n.slice(0, -4)));
    const records = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const key = name.slice(0, -5);
      if (!KEY.test(key) || !pdfs.has(key)) continue;
      const record = indexed.get(key) ?? (await this.#readRecord(key));
      if (record) records.push(record);
    }
    return records;
  }

  /** @param {string} key */
  async #readRecord(key) {
    try {
      const r = JSON.parse(await readFile(join(this.entriesDir, `${key}.json`), 'utf8'));
      return isCacheRecord(r) && r.key === key ? r : undefined;
    } catch {
      return undefined;
    }
  }

  /** @param {string} key @returns {Promise<Uint8Array | undefined>} */
  async read(key) {
    try {
      const b = await readFile(join(this.entriesDir, `${check(key)}.pdf`));
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** @param {import('../index.js').CacheRecord} record @param {Uint8Array} pdf */
  async write(record, pdf) {
    const key = check(record.key);
    const path = join(this.entriesDir, `${key}.pdf`);
    await writeAtomicAsync(path, pdf);
    try {
      await writeAtomicAsync(join(this.entriesDir, `${key}.json`), JSON.stringify(record));
    } catch (e) {
      await rm(path, { force: true }); // a PDF without its record would only take room
      throw e;
    }
  }

  /** @param {string[]} keys */
  async delete(keys) {
    for (const key of keys) {
      await rm(join(this.entriesDir, `${check(key)}.json`), { force: true });
      await rm(join(this.entriesDir, `${key}.pdf`), { force: true });
    }
  }

  /**
   * Removes every entry: the files named like one (`KEY.pdf`, `KEY.json`, `KEY.*.tmp`,
   * KEY a cache key), never anything else a user keeps in the folder.
   */
  async clear() {
    await mkdir(this.entriesDir, { recursive: true });
    const ours = /^[0-9a-f]{64}(\.pdf|\.json)(\.\d+\.\d+\.tmp)?$/;
    for (const name of (await readdir(this.entriesDir)).filter((n) => ours.test(n))) {
      await rm(join(this.entriesDir, name), { force: true });
    }
    await rm(this.indexPath, { force: true });
  }

  /** @param {import('../index.js').CacheRecord[]} records */
  async flush(records) {
    await writeAtomicAsync(this.indexPath, JSON.stringify(records));
  }

  /**
   * Persists a pending task with its snapshot (durably: it is not rebuildable).
   * @param {import('../index.js').PersistedTask} task
   */
  async saveTask(task) {
    await mkdir(this.tasksDir, { recursive: true });
    await writeAtomicAsync(join(this.tasksDir, `${checkId(task.id)}.json`), JSON.stringify(task));
  }

  /** Forgets a task that ended. @param {string} id */
  async removeTask(id) {
    await rm(join(this.tasksDir, `${checkId(id)}.json`), { force: true });
  }

  /**
   * The tasks that were pending or running when the last process ended, oldest first.
   * Unreadable or malformed files (a torn write cannot happen, but a hand edit can) are
   * skipped.
   * @returns {Promise<import('../index.js').PersistedTask[]>}
   */
  async loadTasks() {
    let names;
    try {
      names = await readdir(this.tasksDir);
    } catch {
      return [];
    }
    const tasks = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const t = JSON.parse(await readFile(join(this.tasksDir, name), 'utf8'));
        if (isPersistedTask(t) && name === `${t.id}.json`) tasks.push(t);
      } catch {
        // skipped
      }
    }
    return tasks.sort((a, b) => a.createdMs - b.createdMs);
  }

  /**
   * The metrics saved by the last flush (as found: the cache checks them by merging), or
   * undefined if there are none.
   * @returns {Promise<import('../../pkg/snapdf.js').MetricsExport | undefined>}
   * @throws {Error} if the file cannot be read or is not JSON (the cache sets it aside)
   */
  async readMetrics() {
    let text;
    try {
      text = await readFile(this.metricsPath, 'utf8');
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT') return undefined;
      throw e;
    }
    return JSON.parse(text);
  }

  /**
   * Moves saved metrics that cannot be used (not JSON, not an export, kept with other
   * settings) out of the way, to DIR/metrics.json.bad (replacing an older one), so
   * the next flush starts a new file.
   * @returns {Promise<string>} where they went
   */
  async setAsideMetrics() {
    const to = `${this.metricsPath}.bad`;
    await rename(this.metricsPath, to);
    return to;
  }

  /** Saves exported metrics. @param {unknown} exported */
  async writeMetrics(exported) {
    await writeAtomicAsync(this.metricsPath, JSON.stringify(exported));
  }
}

/** @param {string} id */
function checkId(id) {
  if (!TASK_ID.test(id)) throw new TypeError(`not a task id: ${id}`);
  return id;
}

/** @param {string} key */
function check(key) {
  if (!KEY.test(key)) throw new TypeError(`not a cache key: ${key}`);
  return key;
}
