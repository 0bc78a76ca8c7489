// The local store a shared store falls back on while its server is unreachable: entries
// written during an outage go there, reads that cannot reach the server look there, and
// an entry found there after the server is back is copied to it (so the fleet sees it).
// Any persistent store with `open`, `read`, `write` and `delete` will do: a DiskStore in
// Node.

/**
 * @typedef {import('../index.js').CacheRecord} CacheRecord
 * @typedef {import('../index.js').PersistentStore} PersistentStore
 */

export class LocalFallback {
  #store;
  /** @type {Map<string, CacheRecord>} the local store's records, by key */
  #records = new Map();
  /** @type {Promise<void> | undefined} */
  #opened;

  /** @param {PersistentStore} store */
  constructor(store) {
    this.#store = store;
  }

  /** Opens the store once and learns its records. */
  open() {
    this.#opened ??= this.#store.open().then((records) => {
      for (const r of records) this.#records.set(r.key, r);
    });
    return this.#opened;
  }

  /**
   * The entry for `key` in the local store, or undefined.
   * @param {string} key
   * @returns {Promise<{ record: CacheRecord, pdf: Uint8Array } | undefined>}
   */
  async readEntry(key) {
    await this.open();
    const record = this.#records.get(key);
    if (!record) return undefined;
    const pdf = await this.#store.read(key, record.size);
    if (!pdf) {
      this.#records.delete(key);
      return undefined;
    }
    return { record, pdf };
  }

  /** @param {CacheRecord} record @param {Uint8Array} pdf */
  async write(record, pdf) {
    await this.open();
    await this.#store.write(record, pdf);
    this.#records.set(record.key, record);
  }

  /** @param {string[]} keys */
  async delete(keys) {
    await this.open();
    const here = keys.filter((k) => this.#records.has(k));
    if (here.length === 0) return;
    await this.#store.delete(here);
    for (const k of here) this.#records.delete(k);
  }

  /**
   * Removes what a selector names, as the shared store does: `{ key }`, `{ prefix }`,
   * `{ namespace }` or "all".
   * @param {import('../../pkg/snapdf.js').CacheSelector} selector
   * @returns {Promise<string[]>} the keys removed
   */
  async invalidate(selector) {
    await this.open();
    const match = (/** @type {CacheRecord} */ r) =>
      selector === 'all' ||
      ('key' in selector && r.key === selector.key) ||
      ('prefix' in selector && r.key.startsWith(selector.prefix)) ||
      ('namespace' in selector && (r.namespace ?? '') === selector.namespace);
    const keys = [...this.#records.values()].filter(match).map((r) => r.key);
    await this.delete(keys);
    return keys;
  }

  /** Writes the local store's index, where it keeps one. */
  async flush() {
    await this.#store.flush?.([...this.#records.values()]);
  }
}
