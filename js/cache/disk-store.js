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
// aside (DIR/metrics.json.bad) by the cache. Nor can what stands in a file's place: every
// file is read with readRegularFile (fs-read.js), so a FIFO, a directory, a device, an
// entry of another size than its record says or a file over its bound below is refused
// before a byte is read (a PDF is then a miss and a corruption, the rest as corrupt
// content). A write removes what stands in its way where that is safe (a FIFO, a link,
// an empty directory); a directory with something in it is left, and that write fails.
//
// Nor is a directory that is not a cache taken for one: the store opens (and clears) only
// a directory that does not exist yet, is empty, or holds a cache's own names; anything
// else (a device such as /dev/null, /dev, /proc, a project's folder) is refused with what
// it is, before a folder is made or a file read there. Folders are made without Node's
// recursive mkdir, which never returns under /proc (makeDirectory in fs-atomic.js).
import { readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory, removeStaleTemps, writeAtomicAsync } from '../fs-atomic.js';
import { UnusableFileError, fileKind, readRegularFile } from '../fs-read.js';
import { MAX_INPUT_BYTES } from '../render-file.js';
import { TASK_ID, isCacheRecord, isPersistedTask } from './record.js';

const KEY = /^[0-9a-f]{64}$/;

const MiB = 2 ** 20;
/** Most bytes of each file the store reads; a file over its bound is refused unread. */
const MAX_BYTES = {
  /**
   * A PDF read without its size. The cache passes the size its record says (records are
   * kept within the cache's budget), and then the file must be exactly that.
   */
  pdf: 1024 * MiB,
  /** A record: its key, times, namespace and the render's warnings. */
  record: 16 * MiB,
  /** Every record; a larger index is rebuilt from the record files. */
  index: 256 * MiB,
  metrics: 16 * MiB,
  /**
   * A task holds its snapshot's JSON (at most 64 MiB, the engine's limit) as a JSON
   * string, which escaping at most doubles; a larger task could not render anyway.
   */
  task: 2 * MAX_INPUT_BYTES + MiB,
};

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
    await checkDirectory(this.dir);
    await makeDirectory(this.entriesDir);
    /** @type {Map<string, import('../index.js').CacheRecord>} */
    const indexed = new Map();
    try {
      const list = await readJson(this.indexPath, MAX_BYTES.index);
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
      const r = await readJson(join(this.entriesDir, `${key}.json`), MAX_BYTES.record);
      return isCacheRecord(r) && r.key === key ? r : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The bytes of an entry, or undefined if it is gone or what is there is not it (a FIFO,
   * a directory, a file of another size than `size`).
   * @param {string} key
   * @param {number} [size] the size its record says; without it, at most 1 GiB is read
   * @returns {Promise<Uint8Array | undefined>}
   * @throws {NodeJS.ErrnoException} a failure to read (EACCES, EIO, ...)
   */
  async read(key, size) {
    try {
      return await readRegularFile(join(this.entriesDir, `${check(key)}.pdf`), size === undefined ? { max: MAX_BYTES.pdf } : { size });
    } catch (e) {
      if (e instanceof UnusableFileError) return undefined;
      throw e;
    }
  }

  /** @param {import('../index.js').CacheRecord} record @param {Uint8Array} pdf */
  async write(record, pdf) {
    const key = check(record.key);
    const path = join(this.entriesDir, `${key}.pdf`);
    await writeStoreFile(path, pdf);
    try {
      await writeStoreFile(join(this.entriesDir, `${key}.json`), JSON.stringify(record));
    } catch (e) {
      await removeStoreFile(path); // a PDF without its record would only take room
      throw e;
    }
  }

  /** @param {string[]} keys */
  async delete(keys) {
    for (const key of keys) {
      await removeStoreFile(join(this.entriesDir, `${check(key)}.json`));
      await removeStoreFile(join(this.entriesDir, `${key}.pdf`));
    }
  }

  /**
   * Removes every entry: the files named like one (`KEY.pdf`, `KEY.json`, `KEY.*.tmp`,
   * KEY a cache key), never anything else a user keeps in the folder.
   */
  async clear() {
    await checkDirectory(this.dir);
    await makeDirectory(this.entriesDir);
    const ours = /^[0-9a-f]{64}(\.pdf|\.json)(\.\d+\.\d+\.tmp)?$/;
    for (const name of (await readdir(this.entriesDir)).filter((n) => ours.test(n))) {
      await removeStoreFile(join(this.entriesDir, name));
    }
    await removeStoreFile(this.indexPath);
  }

  /** @param {import('../index.js').CacheRecord[]} records */
  async flush(records) {
    await writeStoreFile(this.indexPath, JSON.stringify(records));
  }

  /**
   * Persists a pending task with its snapshot (durably: it is not rebuildable).
   * @param {import('../index.js').PersistedTask} task
   */
  async saveTask(task) {
    await makeDirectory(this.tasksDir);
    await writeStoreFile(join(this.tasksDir, `${checkId(task.id)}.json`), JSON.stringify(task));
  }

  /** Forgets a task that ended. @param {string} id */
  async removeTask(id) {
    await removeStoreFile(join(this.tasksDir, `${checkId(id)}.json`));
  }

  /**
   * The tasks that were pending or running when the last process ended, oldest first.
   * Unreadable or malformed files (a torn write cannot happen, but a hand edit can), and
   * what is not a regular file, are skipped.
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
        const t = await readJson(join(this.tasksDir, name), MAX_BYTES.task);
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
   * @throws {Error} if the file cannot be read, is not a regular file of at most 16 MiB,
   *   or is not JSON (the cache sets it aside)
   */
  async readMetrics() {
    return readJson(this.metricsPath, MAX_BYTES.metrics);
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
    await writeStoreFile(this.metricsPath, JSON.stringify(exported));
  }
}

/** What a cache directory holds (see the top of this file), and their temporary files. */
const OURS = /^(entries|tasks|index\.json|metrics\.json(\.bad)?)(\.\d+\.\d+\.tmp)?$/;

/**
 * Refuses a cache directory that is not one: something other than a directory, or a
 * directory that holds files and none of a cache's (see {@link OURS}; hidden files and
 * lost+found aside). One that does not exist yet is made by the caller.
 * @param {string} dir
 * @throws {Error} `ENOTDIR` "DIR is a device, not a directory"; "DIR is not a snapdf
 *   cache directory ..." naming a few of what it holds; a failure to look (EACCES, ...)
 */
async function checkDirectory(dir) {
  const st = await stat(dir).catch((e) => {
    if (/** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT') return undefined;
    throw e;
  });
  if (!st) return;
  if (!st.isDirectory()) throw Object.assign(new Error(`${dir} is ${fileKind(st)}, not a directory`), { code: 'ENOTDIR' });
  // Hidden files (.DS_Store) and a volume's lost+found do not make a folder someone else's.
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.') && n !== 'lost+found');
  if (names.length === 0 || names.some((n) => OURS.test(n))) return;
  const some = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  throw new Error(`${dir} is not a snapdf cache directory: it holds other files (${some}) and none of a cache's (entries/, index.json); name a new or empty directory`);
}

/**
 * The JSON in one of the store's files, or undefined if there is none.
 * @param {string} path
 * @param {number} max most bytes it may have
 * @throws {Error} UnusableFileError (see readRegularFile), a SyntaxError, a read error
 */
async function readJson(path, max) {
  const bytes = await readRegularFile(path, { max });
  return bytes && JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

/**
 * Writes one of the store's files (atomically); an empty directory in its place (which a
 * rename cannot replace with a file) is removed and the write tried once more.
 * @param {string} path
 * @param {Uint8Array | string} bytes
 */
async function writeStoreFile(path, bytes) {
  try {
    await writeAtomicAsync(path, bytes);
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EISDIR' || !(await removeStoreFile(path))) throw e;
    await writeAtomicAsync(path, bytes);
  }
}

/**
 * Removes one of the store's files, whatever stands in its place: a file, a FIFO, a link,
 * or an empty directory. A directory with something in it is left: what it holds is not
 * the store's.
 * @param {string} path
 * @returns {Promise<boolean>} whether nothing is left there
 */
async function removeStoreFile(path) {
  try {
    await rm(path, { force: true });
    return true;
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ERR_FS_EISDIR') throw e;
  }
  try {
    await rmdir(path);
    return true;
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw e;
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
