// The persistent cache layer (L2) for browsers: IndexedDB, through the `idb` library.
//
// One database (default name "snapdf-cache"), schema version 2:
//   "bytes"    out-of-line keys: cache key -> Uint8Array (the PDF)             (since 1)
//   "records"  keyPath "key": { key, namespace, size, pages, digest, createdMs, lastAccessMs, expiresMs }   (since 1)
//   "meta"     out-of-line keys: "metrics" -> the engine's exported metrics   (since 2)
//   "tasks"    keyPath "id": pending and running tasks with their snapshot   (since 3)
// Both are written in one transaction with `relaxed` durability: a cache entry can
// always be rendered again, so it need not wait for the disk. Nothing else (no hashing,
// no WebAssembly) runs while a transaction is open.
import { deleteDB, openDB } from 'idb';

/** The schema version; `upgrade` below moves any older database up to it. */
export const SCHEMA_VERSION = 3;

/**
 * @typedef {import('../index.js').CacheRecord} CacheRecord
 * @typedef {import('../index.js').PersistentStore} PersistentStore
 */

/** @implements {PersistentStore} */
export class IdbStore {
  /** @type {Promise<import('idb').IDBPDatabase> | undefined} */
  #db;

  /**
   * @param {{ name?: string, openTimeoutMs?: number }} [options] the database name
   *   (default "snapdf-cache") and how long opening may take before the cache gives up
   *   and runs memory-only (default 5,000 ms; an open can hang while another tab blocks
   *   an upgrade)
   */
  constructor({ name = 'snapdf-cache', openTimeoutMs = 5000 } = {}) {
    this.name = name;
    this.openTimeoutMs = openTimeoutMs;
  }

  /** Opens the database (lazily, once) and lists every record. */
  async open() {
    const db = await this.#database();
    return db.getAll('records');
  }

  /** @returns {Promise<import('idb').IDBPDatabase>} */
  #database() {
    this.#db ??= this.#openWithRetry().catch((e) => {
      this.#db = undefined;
      throw e;
    });
    return this.#db;
  }

  async #openWithRetry() {
    try {
      return await this.connect();
    } catch (e) {
      // UnknownError on open means a damaged database: retry once, then delete it and
      // start empty (it is only a cache).
      if (/** @type {Error} */ (e).name !== 'UnknownError') throw e;
      try {
        return await this.connect();
      } catch {
        await deleteDB(this.name);
        return this.connect();
      }
    }
  }

  /**
   * Opens one connection, creating or upgrading the schema, within the time limit.
   * `open()` calls it (and retries it after an UnknownError).
   * @returns {Promise<import('idb').IDBPDatabase>}
   */
  connect() {
    const opening = openDB(this.name, SCHEMA_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('bytes');
          db.createObjectStore('records', { keyPath: 'key' });
        }
        if (oldVersion < 2) db.createObjectStore('meta');
        if (oldVersion < 3) db.createObjectStore('tasks', { keyPath: 'id' });
      },
      terminated: () => {
        this.#db = undefined; // closed abnormally (storage cleared): reopen next time
      },
    }).then((db) => {
      // Another tab wants a newer schema: step aside so it can upgrade.
      db.addEventListener('versionchange', () => {
        db.close();
        this.#db = undefined;
      });
      return db;
    });
    return withTimeout(opening, this.openTimeoutMs, `opening IndexedDB "${this.name}" took over ${this.openTimeoutMs} ms`);
  }

  /** @param {string} key @returns {Promise<Uint8Array | undefined>} */
  async read(key) {
    const db = await this.#database();
    return db.get('bytes', key);
  }

  /** @param {CacheRecord} record @param {Uint8Array} pdf */
  async write(record, pdf) {
    const db = await this.#database();
    const tx = db.transaction(['bytes', 'records'], 'readwrite', { durability: 'relaxed' });
    await Promise.all([tx.objectStore('bytes').put(pdf, record.key), tx.objectStore('records').put(record), tx.done]);
  }

  /** @param {string[]} keys */
  async delete(keys) {
    const db = await this.#database();
    const tx = db.transaction(['bytes', 'records'], 'readwrite', { durability: 'relaxed' });
    const bytes = tx.objectStore('bytes');
    const records = tx.objectStore('records');
    await Promise.all([...keys.flatMap((k) => [records.delete(k), bytes.delete(k)]), tx.done]);
  }

  async clear() {
    const db = await this.#database();
    const tx = db.transaction(['bytes', 'records'], 'readwrite', { durability: 'relaxed' });
    await Promise.all([tx.objectStore('bytes').clear(), tx.objectStore('records').clear(), tx.done]);
  }

  /**
   * Persists a pending task with its snapshot, with the default (strict) durability:
   * unlike a cache entry, it cannot be rebuilt.
   * @param {import('../index.js').PersistedTask} task
   */
  async saveTask(task) {
    const db = await this.#database();
    await db.put('tasks', task);
  }

  /** Forgets a task that ended. @param {string} id */
  async removeTask(id) {
    const db = await this.#database();
    await db.delete('tasks', id);
  }

  /** The tasks pending or running when the page was last closed, oldest first. */
  async loadTasks() {
    const db = await this.#database();
    const tasks = await db.getAll('tasks');
    return tasks.sort((a, b) => a.createdMs - b.createdMs);
  }

  /** The metrics saved by the last flush, or undefined. */
  async readMetrics() {
    const db = await this.#database();
    return db.get('meta', 'metrics');
  }

  /** Saves exported metrics. @param {unknown} exported */
  async writeMetrics(exported) {
    const db = await this.#database();
    await db.put('meta', exported, 'metrics');
  }

  /**
   * Moves saved metrics that cannot be used (not an export, kept with other settings)
   * out of the way, to "meta" key "metrics.bad" (replacing an older one), so the next
   * flush starts anew.
   * @returns {Promise<string>} where they went
   */
  async setAsideMetrics() {
    const db = await this.#database();
    const tx = db.transaction('meta', 'readwrite');
    const meta = tx.objectStore('meta');
    await meta.put(await meta.get('metrics'), 'metrics.bad');
    await Promise.all([meta.delete('metrics'), tx.done]);
    return `IndexedDB "${this.name}", store "meta", key "metrics.bad"`;
  }

  /** Closes the connection (`engine.close()` calls it); the next use opens it again. */
  async close() {
    const db = this.#db;
    this.#db = undefined;
    (await db?.catch(() => undefined))?.close();
  }

  /** Saves last-access times. @param {CacheRecord[]} records */
  async flush(records) {
    const db = await this.#database();
    const tx = db.transaction('records', 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('records');
    // Only records still present: another tab may have removed some.
    const present = new Set(await store.getAllKeys());
    await Promise.all([...records.filter((r) => present.has(r.key)).map((r) => store.put(r)), tx.done]);
  }
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} message
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, message) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Asks the browser to keep this origin's storage (the cache) from being evicted under
 * storage pressure. snapdf never calls it by itself: call it from a user gesture if
 * your app wants it. Resolves to whether storage is persistent.
 * @returns {Promise<boolean>}
 */
export async function requestPersistentStorage() {
  return (await globalThis.navigator?.storage?.persist?.()) ?? false;
}
