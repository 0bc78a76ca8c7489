// The two-layer cache: L1 in memory (a Map), L2 persistent (a store: IndexedDB in
// browsers, a directory in Node). Each layer's index and every decision (hit, expiry,
// eviction, invalidation, counters) belong to a Rust CachePolicy; this class only moves
// bytes where the policies say.
//
// A shared store (`store.shared`, RedisStore) is written by other processes too, so it
// is its own index: a lookup asks the store, expiry is the store's (set from the
// policy's TTL) and its byte budget is the store's (Redis maxmemory). The L2 policy then
// mirrors what this process has seen, and counts; what it evicts leaves the mirror, not
// the store. A shared store's failures are transient: the lookup misses, the render goes
// on, and the next operation tries the store again (its client reconnects).
//
// A local store (a directory, IndexedDB) that fails puts the cache in degraded mode:
// memory-only for writes, one warning. It is not for good: after a back-off (1 s,
// doubling on each failed retry up to 60 s, by the cache's clock) the next writes, or
// the next open if opening failed, try the store again, and an entry written (or the
// store opened) ends the degraded period. Reads, deletes and task removals go on while degraded where the
// store is open (a full disk still reads, and removing files makes room).
//
// L1 keeps bytes of its own: an entry is copied when it is stored, and each hit is a
// copy, so a caller's writes into its `pdf` never reach the cache or another caller.
// `memory: { shareResults: true }` turns both copies off: every hit hands out the bytes
// L1 keeps.

import { snapdfError } from '../errors.js';
import { isCacheRecord, isPersistedTask } from './record.js';

/** The first retry of a degraded store comes this long (ms) after its failure. */
export const RETRY_FIRST_MS = 1000;
/** Each failed retry doubles the wait, up to this (ms). */
export const RETRY_MAX_MS = 60_000;

/**
 * @typedef {import('../index.js').CacheEntry} CacheEntry
 * @typedef {import('../index.js').CacheRecord} CacheRecord
 * @typedef {import('../index.js').PersistentStore} PersistentStore
 */

/**
 * Is this error a storage quota error (QuotaExceededError, ENOSPC, or an AbortError caused by one)?
 * @param {any} e
 * @returns {boolean}
 */
export function isQuotaError(e) {
  if (!e) return false;
  if (e.name === 'QuotaExceededError' || e.code === 'ENOSPC' || e.code === 'EDQUOT') return true;
  return e.name === 'AbortError' && isQuotaError(e.cause ?? e.inner ?? e.target?.error);
}

export class SnapshotCache {
  /** @type {Map<string, CacheEntry>} */
  #l1 = new Map();
  #policy1;
  #policy2;
  /** @type {PersistentStore | undefined} */
  #store;
  /** @type {Map<string, CacheRecord>} L2 records by key (digest, pages, …) */
  #records = new Map();
  #now;
  #wasm;
  /** @type {Promise<void> | undefined} */
  #opening;
  /** @type {Promise<boolean> | undefined} a retry of a failed open, under way */
  #reopening;
  /** Whether the store's records are in the L2 policy (open succeeded). */
  #opened = false;
  /** @type {{ reason: string, sinceMs: number, retryAtMs: number, delayMs: number } | null} */
  #degraded = null;
  #metrics;
  /** Whether L1 hands out the bytes it keeps (`memory.shareResults`) instead of copies. */
  #share;

  /**
   * @param {object} options
   * @param {typeof import('../../pkg/snapdf.js')} options.wasm the initialized engine module
   * @param {import('../index.js').MemorySettings} [options.memory] L1 limits (default 64 MiB)
   *   and `shareResults` (default false: L1 stores and serves copies)
   * @param {import('../../pkg/snapdf.js').CacheSettings} [options.persistent] L2 limits (default 512 MiB, TTL 7 days)
   * @param {PersistentStore} [options.store] the L2 store; none means memory only
   * @param {() => number} [options.now] the clock, in ms since the epoch (tests inject one)
   * @param {import('../metrics.js').EngineMetrics} [options.metrics] where lookups, hits and evictions are counted
   */
  constructor({ wasm, memory, persistent, store, now = Date.now, metrics }) {
    this.#metrics = metrics;
    this.#wasm = wasm;
    const { shareResults = false, ...limits } = memory ?? {};
    this.#share = shareResults;
    this.#policy1 = new wasm.CachePolicy(memory ? limits : undefined);
    this.#policy2 = store ? new wasm.CachePolicy({ budgetBytes: 512 * 2 ** 20, maxEntries: 100_000, ttlMs: 7 * 86_400_000, ...persistent }) : undefined;
    this.#store = store;
    this.#now = now;
  }

  /** Opens the persistent store and restores its index, once; a store that fails to open leaves the cache memory-only. */
  open() {
    this.#opening ??= this.#openStore();
    return this.#opening;
  }

  async #openStore() {
    await this.#restoreIndex();
  }

  /**
   * Opens the store and puts its records into the L2 policy (records that fail their
   * shape check are skipped), then merges its saved metrics. A failure degrades the cache.
   * @returns {Promise<boolean>} whether it succeeded
   */
  async #restoreIndex() {
    const store = this.#store;
    const policy = this.#policy2;
    if (!store || !policy) return false;
    let records;
    try {
      records = (await store.open()).filter(isCacheRecord);
    } catch (e) {
      this.#degrade(`persistent cache unavailable, running memory-only: ${errorText(e)}`);
      // A shared store is its own index, and its failures are transient: it stays in use.
      this.#opened = Boolean(store.shared);
      return false;
    }
    for (const r of records) this.#records.set(r.key, r);
    const evicted = policy.restore(records.map(toEntryInfo));
    this.#opened = true;
    this.#recovered();
    await this.#deleteL2(evicted);
    await this.#restoreMetrics(store);
    return true;
  }

  /**
   * Merges the metrics the store saved. Saved metrics that cannot be read or merged (not
   * an export, kept with other settings) never disable the store: they are set aside
   * (the store moves them out of the way, where it can), with one warning, and the next
   * flush saves this engine's.
   * @param {PersistentStore} store
   */
  async #restoreMetrics(store) {
    if (!this.#metrics || !store.readMetrics) return;
    try {
      const saved = await store.readMetrics();
      if (saved !== undefined) this.#metrics.merge(/** @type {any} */ (saved));
    } catch (e) {
      let where = 'ignored';
      try {
        const to = await store.setAsideMetrics?.();
        if (to) where = `moved to ${to}`;
      } catch {
        // cannot move it: the next flush replaces it
      }
      this.#metrics.increment('cache.metrics_set_aside');
      console.warn(`snapdf: saved metrics could not be merged (${errorText(e)}); ${where}, the persistent cache is unaffected`);
    }
  }

  /**
   * Whether a write may go to the store now: it is open and not degraded, or degraded
   * and due for a retry (then a store whose open failed is opened again first).
   */
  async #writable() {
    await this.open();
    if (!this.#store || !this.#policy2) return false;
    if (!this.#degraded) return this.#opened;
    if (this.#now() < this.#degraded.retryAtMs) return false;
    if (this.#opened) return true;
    // One open again at a time, however many writes are due.
    this.#reopening ??= this.#restoreIndex().finally(() => {
      this.#reopening = undefined;
    });
    return this.#reopening;
  }

  /** Whether reads, deletes and task removals may go to the store: it is open. */
  async #readable() {
    await this.open();
    return Boolean(this.#store && this.#policy2 && this.#opened);
  }

  /**
   * The cached PDF for `key`: L1 first, then L2 (a hit there is checked against its
   * SHA-256 and promoted to L1). A corrupted L2 entry is removed, counted, and missed.
   * @param {string} key
   * @returns {Promise<(CacheEntry & { layer: 'l1' | 'l2' }) | undefined>}
   */
  async get(key) {
    const l1 = this.peek(key);
    if (l1) return { ...l1, layer: 'l1' };
    const l2 = await this.getPersistent(key);
    return l2 && { ...l2, layer: 'l2' };
  }

  /**
   * The memory layer only, synchronously (so a task for a PDF in memory completes at once).
   * The entry's `pdf` is a copy of the bytes L1 keeps (the bytes themselves with
   * `memory.shareResults`).
   * @param {string} key
   * @returns {CacheEntry | undefined}
   */
  peek(key) {
    const t1 = performance.now();
    const l1 = this.#lookupL1(key);
    const entry = l1 && { pdf: this.own(l1.pdf), pages: l1.pages, namespace: l1.namespace, warnings: l1.warnings };
    this.#count('l1', entry !== undefined, t1);
    return entry;
  }

  /** Whether L1 hands out the bytes it keeps (`memory.shareResults: true`) rather than copies. */
  get sharesResults() {
    return this.#share;
  }

  /**
   * Bytes a caller may own: a copy of `pdf`, or `pdf` itself with `memory.shareResults`.
   * @param {Uint8Array} pdf
   * @returns {import('../index.js').PdfBytes}
   */
  own(pdf) {
    // Not pdf.slice(): a Node Buffer's slice is a view on the same memory.
    return this.#share ? /** @type {import('../index.js').PdfBytes} */ (pdf) : new Uint8Array(pdf);
  }

  /**
   * The persistent layer only (digest checked; a hit is promoted to L1).
   * @param {string} key
   * @returns {Promise<CacheEntry | undefined>}
   */
  async getPersistent(key) {
    if (!(await this.#readable())) return undefined;
    const t2 = performance.now();
    const l2 = await this.#lookupL2(key);
    this.#count('l2', l2 !== undefined, t2);
    if (!l2) return undefined;
    this.#putL1(key, l2, this.#now());
    return l2;
  }

  /** @param {string} key @returns {CacheEntry | undefined} */
  #lookupL1(key) {
    const state = this.#policy1.lookup(key, this.#now());
    if (state === 'expired') this.#l1.delete(key);
    if (state !== 'hit') return undefined;
    const entry = this.#l1.get(key);
    // With shareResults the bytes are shared with callers, without a copy. One may have
    // transferred them (postMessage with the buffer in the transfer list), which leaves
    // them empty: a PDF never is, so an empty entry is dropped and missed, never served.
    if (!entry || entry.pdf.byteLength === 0) {
      this.#l1.delete(key);
      this.#policy1.forget(key);
      return undefined;
    }
    return entry;
  }

  /** @param {string} key @returns {Promise<CacheEntry | undefined>} */
  async #lookupL2(key) {
    if (this.#store?.shared) return this.#lookupShared(key);
    const policy = /** @type {import('../../pkg/snapdf.js').CachePolicy} */ (this.#policy2);
    const now = this.#now();
    if (!policy.contains(key, now)) {
      // Counts the miss; an expired entry leaves the index and its bytes go.
      if (policy.lookup(key, now) === 'expired') await this.#deleteL2([key]);
      return undefined;
    }
    const record = this.#records.get(key);
    let pdf;
    try {
      pdf = await /** @type {PersistentStore} */ (this.#store).read(key, record?.size);
    } catch (e) {
      this.#degrade(`persistent cache read failed: ${errorText(e)}`);
      policy.forget(key);
      policy.lookup(key, now); // a miss
      return undefined;
    }
    // The hit is counted only once the bytes are checked: a corrupt read is a miss.
    if (!record || !pdf || this.#wasm.sha256(pdf) !== record.digest) return this.#corrupted(key, now);
    if (policy.lookup(key, now) !== 'hit') return undefined; // invalidated during the read
    record.lastAccessMs = now;
    return { pdf, pages: record.pages, namespace: record.namespace, warnings: record.warnings ?? [] };
  }

  /**
   * An L2 entry whose bytes or record failed their check: removed, counted as a
   * corruption and as a miss.
   * @param {string} key
   * @param {number} now
   * @returns {Promise<undefined>}
   */
  async #corrupted(key, now) {
    const policy = /** @type {import('../../pkg/snapdf.js').CachePolicy} */ (this.#policy2);
    policy.recordCorruption(key); // leaves the index, so the lookup below is a miss
    policy.lookup(key, now);
    this.#metrics?.increment('cache.corruptions');
    await this.#deleteL2([key]);
    return undefined;
  }

  /**
   * A lookup in a shared store: the store says whether the entry exists; the policy
   * mirrors it (restore), says whether it is live, and counts.
   * @param {string} key
   * @returns {Promise<CacheEntry | undefined>}
   */
  async #lookupShared(key) {
    const policy = /** @type {import('../../pkg/snapdf.js').CachePolicy} */ (this.#policy2);
    const store = /** @type {PersistentStore} */ (this.#store);
    const now = this.#now();
    let found;
    try {
      found = await store.readEntry?.(key);
    } catch (e) {
      this.#degrade(`persistent cache read failed: ${errorText(e)}`);
    }
    if (!found) {
      this.#forgetShared([key]); // expired, evicted or invalidated in the store
      policy.lookup(key, now); // counts the miss
      return undefined;
    }
    const { record, pdf } = found;
    if (!isCacheRecord(record) || record.key !== key || this.#wasm.sha256(pdf) !== record.digest) return this.#corrupted(key, now);
    this.#forgetShared(policy.restore([toEntryInfo(record)]));
    if (policy.lookup(key, now) !== 'hit') return undefined; // past its expiry by this clock
    this.#records.set(key, record);
    return { pdf, pages: record.pages, namespace: record.namespace, warnings: record.warnings ?? [] };
  }

  /**
   * Drops keys from the mirror of a shared store only (the store keeps its entries).
   * @param {string[]} keys
   */
  #forgetShared(keys) {
    for (const k of keys) {
      this.#records.delete(k);
      this.#policy2?.forget(k);
    }
  }

  /** Whether the store offers fleet-wide single flight (`claim`): RedisStore does. */
  get singleFlight() {
    return typeof this.#store?.claim === 'function';
  }

  /**
   * Fleet-wide single flight for a key about to be rendered, where the store offers it
   * (RedisStore: a lock per key). Resolves to `{ entry }` when another process stored
   * the result meanwhile (digest checked, promoted to L1), else to `{ release }`: render,
   * store, then call it. Never rejects; without a lock (no such store, Redis down) the
   * caller renders.
   * @param {string} key
   * @returns {Promise<{ entry?: CacheEntry, release: () => Promise<void> }>}
   */
  async claim(key) {
    const store = this.#store;
    if (!store?.claim || !(await this.#writable())) return { release: noop };
    let claim;
    try {
      claim = await store.claim(key);
    } catch (e) {
      this.#degrade(`persistent cache lock failed: ${errorText(e)}`);
      return { release: noop };
    }
    if (!claim.stored) return { release: claim.release };
    const entry = await this.getPersistent(key);
    return entry ? { entry, release: noop } : { release: noop };
  }

  /**
   * Counts a lookup of `layer` and its latency.
   * @param {'l1' | 'l2'} layer
   * @param {boolean} hit
   * @param {number} start performance.now() at its start
   */
  #count(layer, hit, start) {
    if (!this.#metrics) return;
    this.#metrics.record(`cache.${layer}.lookup_ms`, performance.now() - start);
    this.#metrics.increment(`cache.${layer}.${hit ? 'hits' : 'misses'}`);
  }

  /**
   * Stores a rendered PDF in both layers. Never throws: a layer that refuses or fails
   * is skipped (and a failing store puts the cache in degraded, memory-only mode).
   * @param {string} key
   * @param {CacheEntry} entry
   * @returns {Promise<CacheRecord | undefined>} the record of the persistent entry, if written
   */
  async put(key, entry) {
    const now = this.#now();
    this.#putL1(key, entry, now);
    if (!this.#policy2 || !this.#store || !(await this.#writable())) return undefined;
    /** @type {CacheRecord} */
    const record = {
      key,
      namespace: entry.namespace ?? '',
      size: entry.pdf.length,
      pages: entry.pages,
      digest: this.#wasm.sha256(entry.pdf),
      createdMs: now,
      lastAccessMs: now,
      expiresMs: null,
      // Kept with the entry, so that a hit says what the render said.
      ...(entry.warnings?.length ? { warnings: entry.warnings } : {}),
    };
    let evicted;
    try {
      evicted = this.#policy2.admit(key, record.namespace, record.size, now);
    } catch {
      return undefined; // larger than the whole L2 budget: memory only (counted as a refusal)
    }
    record.expiresMs = this.#policy2.get(key)?.expiresMs ?? null;
    if (this.#store.shared) {
      this.#forgetShared(evicted); // the store's own budget (Redis maxmemory) evicts
    } else {
      if (evicted.length) this.#metrics?.increment('cache.evictions', evicted.length);
      await this.#deleteL2(evicted);
    }
    return (await this.#writeL2(record, entry.pdf)) ? record : undefined;
  }

  /**
   * Takes into the persistent index an entry another engine wrote to the same store
   * (another tab on the same IndexedDB database, announced over their channel), so it
   * is served from the store instead of rendered again. Its digest is checked when it
   * is read, as for every entry.
   * @param {CacheRecord} record
   */
  async adopt(record) {
    if (!(await this.#readable()) || !this.#policy2 || this.#store?.shared || !isCacheRecord(record)) return;
    const evicted = this.#policy2.restore([toEntryInfo(record)]);
    this.#records.set(record.key, record);
    await this.#deleteL2(evicted);
  }

  /** @param {CacheRecord} record @param {Uint8Array} pdf @returns {Promise<boolean>} whether it was written */
  async #writeL2(record, pdf) {
    const store = /** @type {PersistentStore} */ (this.#store);
    try {
      await this.#withRoom(record.key, () => store.write(record, pdf));
      this.#records.set(record.key, record);
      this.#recovered();
      return true;
    } catch (e) {
      this.#policy2?.forget(record.key);
      this.#degrade(`persistent cache write failed: ${errorText(e)}`);
      return false;
    }
  }

  /**
   * Runs a store write; on a quota error (a full disk, an exhausted origin quota) makes
   * room as the policy says (expired entries, then the older half of the rest, never
   * `keep`) and tries once more. A second failure is thrown.
   * @param {string} keep the key being written ('' for none)
   * @param {() => Promise<void> | undefined} write
   */
  async #withRoom(keep, write) {
    try {
      await write();
    } catch (e) {
      const policy = this.#policy2;
      if (!policy || !isQuotaError(e)) throw e;
      await this.#deleteL2(policy.cleanup(this.#now()).keys);
      await this.#deleteL2(policy.makeRoom(keep));
      await write();
    }
  }

  /** @param {string} key @param {CacheEntry} entry @param {number} now */
  #putL1(key, entry, now) {
    let evicted;
    try {
      evicted = this.#policy1.admit(key, entry.namespace ?? '', entry.pdf.length, now);
    } catch {
      return; // larger than the whole L1 budget: not kept in memory
    }
    for (const k of evicted) this.#l1.delete(k);
    if (evicted.length) this.#metrics?.increment('cache.evictions', evicted.length);
    // A copy (unless shareResults): the caller keeps the bytes it passed, and may write into them.
    this.#l1.set(key, { pdf: this.own(entry.pdf), pages: entry.pages, namespace: entry.namespace ?? '', warnings: entry.warnings ?? [] });
  }

  /** @param {string[]} keys */
  async #deleteL2(keys) {
    for (const k of keys) this.#records.delete(k);
    if (keys.length === 0 || !this.#store || !this.#opened) return;
    try {
      await this.#store.delete(keys);
    } catch (e) {
      this.#degrade(`persistent cache delete failed: ${errorText(e)}`);
    }
  }

  /**
   * A store operation failed: the cache is degraded (one warning) until a retry
   * succeeds; a failed retry doubles the wait before the next (see RETRY_FIRST_MS).
   * @param {string} reason
   */
  #degrade(reason) {
    if (this.#store?.shared) {
      // Transient: the store reports its own state (stats().store), and reconnects.
      this.#metrics?.increment('cache.l2.failures');
      return;
    }
    const now = this.#now();
    const d = this.#degraded;
    if (!d) {
      this.#degraded = { reason, sinceMs: now, retryAtMs: now + RETRY_FIRST_MS, delayMs: RETRY_FIRST_MS };
      this.#metrics?.increment('cache.l2.failures');
      console.warn(`snapdf: ${reason} (memory-only; the store is tried again in ${RETRY_FIRST_MS / 1000} s, then less often)`);
      return;
    }
    if (now < d.retryAtMs) return; // another failure of the same period
    const delayMs = Math.min(d.delayMs * 2, RETRY_MAX_MS);
    this.#degraded = { reason, sinceMs: d.sinceMs, retryAtMs: now + delayMs, delayMs };
  }

  /** An entry write (or an open) succeeded: a degraded period ends. */
  #recovered() {
    this.#degraded = null;
  }

  /**
   * Removes entries from both layers.
   * @param {import('../../pkg/snapdf.js').CacheSelector} selector `{ key }`, `{ prefix }`, `{ namespace }` or "all"
   * @returns {Promise<string[]>} the keys removed (from either layer)
   */
  async invalidate(selector) {
    await this.open();
    const removed = new Set(this.#policy1.invalidate(selector));
    for (const k of removed) this.#l1.delete(k);
    if (this.#policy2 && this.#store?.shared) {
      // The store is the index: it removes what the selector names, whoever wrote it.
      this.#forgetShared(this.#policy2.invalidate(selector));
      const l2 = await this.#guarded('cache invalidation', 'read', async (store) => store.invalidate?.(selector), []);
      for (const k of l2 ?? []) removed.add(k);
    } else if (this.#policy2) {
      const l2 = this.#policy2.invalidate(selector);
      await this.#deleteL2(l2);
      for (const k of l2) removed.add(k);
    }
    return [...removed];
  }

  /**
   * Empties both layers, or only one namespace's entries (for a user's logout).
   * @param {{ namespace: string }} [selector] nothing to empty everything
   * @throws {Error} SnapdfError `INVALID_OPTIONS` for any other argument
   */
  async clear(selector) {
    if (selector !== undefined) return this.invalidate({ namespace: namespaceOf(selector) });
    const keys = await this.invalidate('all');
    await this.#guarded('cache clear', 'write', (store) => store.clear(), undefined);
    return keys;
  }

  /**
   * Drops expired entries from both layers.
   * @returns {Promise<{ entries: number, bytes: number }>} what was freed
   */
  async cleanup() {
    await this.open();
    const now = this.#now();
    const l1 = this.#policy1.cleanup(now);
    for (const k of l1.keys) this.#l1.delete(k);
    let entries = l1.keys.length;
    let bytes = l1.bytes;
    if (this.#policy2) {
      const l2 = this.#policy2.cleanup(now);
      if (this.#store?.shared) this.#forgetShared(l2.keys); // the store expires its own
      else await this.#deleteL2(l2.keys);
      entries += l2.keys.length;
      bytes += l2.bytes;
    }
    return { entries, bytes };
  }

  /**
   * Persists a pending task in the store (if it keeps tasks and works). A quota error
   * evicts cached PDFs to make room and retries once; a failure puts the cache in
   * degraded mode like any other store failure; it never fails the task.
   * @param {import('../index.js').PersistedTask} task
   */
  saveTask(task) {
    // A pending task cannot be rebuilt and a cached PDF can: on a full disk, PDFs make room.
    return this.#guarded('task store write', 'write', (store) => this.#withRoom('', () => store.saveTask?.(task)), undefined);
  }

  /** Forgets a task that ended (while degraded too: a finished task must not be resumed). @param {string} id */
  removeTask(id) {
    return this.#guarded('task store delete', 'read', (store) => store.removeTask?.(id), undefined);
  }

  /** The persisted tasks (those that fail their shape check skipped), or none if the store keeps none or fails. */
  async loadTasks() {
    const tasks = await this.#guarded('task store read', 'read', (store) => store.loadTasks?.(), []);
    return (tasks ?? []).filter(isPersistedTask);
  }

  /**
   * Runs `op` on the store if it may be used for `kind` now (a write: not degraded, or
   * due for a retry; a read or removal: open); a failure degrades the cache (one
   * warning) and gives `fallback`. (Only an entry write or an open ends a degraded
   * period: a small task file may fit where a PDF does not.)
   * @template T
   * @param {string} what
   * @param {'read' | 'write'} kind
   * @param {(store: PersistentStore) => Promise<T> | undefined} op
   * @param {T} fallback
   * @returns {Promise<T | undefined>}
   */
  async #guarded(what, kind, op, fallback) {
    const usable = kind === 'write' ? await this.#writable() : await this.#readable();
    if (!usable || !this.#store) return fallback;
    try {
      return await op(this.#store);
    } catch (e) {
      this.#degrade(`persistent ${what} failed: ${errorText(e)}`);
      return fallback;
    }
  }

  /** Writes the persistent index (last-access times) and the metrics to the store, where it keeps them. */
  async flush() {
    await this.#guarded('cache index write', 'write', async (store) => {
      await store.flush?.([...this.#records.values()]);
      if (this.#metrics) await store.writeMetrics?.(this.#metrics.export());
    }, undefined);
  }

  /** Closes the store (a RedisStore's connection, an IndexedDB database), where it has a close; never rejects. */
  async close() {
    try {
      await this.#store?.close?.();
    } catch {
      // already closed, or closing anyway
    }
  }

  /**
   * Counters and sizes per layer and overall.
   * @returns {import('../index.js').CacheStats}
   */
  stats() {
    const l1 = this.#policy1.stats();
    const l2 = this.#policy2?.stats();
    return {
      l1,
      l2,
      overall: {
        hitRate: this.#wasm.overallHitRate(l1, l2),
        entries: l1.entries + (l2?.entries ?? 0),
        bytes: l1.bytes + (l2?.bytes ?? 0),
        evictions: l1.evictions + (l2?.evictions ?? 0),
        corruptions: l1.corruptions + (l2?.corruptions ?? 0),
      },
      persistent: this.#store ? (this.#degraded || this.#store.degradedReason?.() ? 'degraded' : 'ok') : 'none',
      degradedReason: this.#degraded?.reason ?? this.#store?.degradedReason?.(),
      ...(this.#degraded ? { degradedSince: this.#degraded.sinceMs, retryAt: this.#degraded.retryAtMs } : {}),
      ...(this.#store?.stats ? { store: this.#store.stats() } : {}),
    };
  }

  /** The entries of each layer (key, namespace, size, times), least recently used first. */
  entries() {
    return { l1: this.#policy1.entries(), l2: this.#policy2?.entries() ?? [] };
  }
}

const noop = async () => {};

/** @param {CacheRecord} r */
function toEntryInfo(r) {
  return { key: r.key, namespace: r.namespace, size: r.size, createdMs: r.createdMs, lastAccessMs: r.lastAccessMs, expiresMs: r.expiresMs };
}

/** @param {unknown} e */
function errorText(e) {
  if (!(e instanceof Error)) return String(e);
  return e.name === 'Error' ? e.message : `${e.name}: ${e.message}`; // a plain Error's name says nothing
}

/**
 * The namespace of `clear(selector)`: `selector` must be `{ namespace: string }`. Anything
 * else (a misspelt field, a bare string, `{ namespace: undefined }` from a tenant id that
 * was never set) would otherwise empty every tenant's cache.
 * @param {unknown} selector
 * @returns {string}
 * @throws {Error} SnapdfError `INVALID_OPTIONS`
 */
function namespaceOf(selector) {
  const fields = selector !== null && typeof selector === 'object' ? Object.keys(selector) : [];
  const namespace = /** @type {{ namespace?: unknown }} */ (selector)?.namespace;
  if (fields.length === 1 && fields[0] === 'namespace' && typeof namespace === 'string') return namespace;
  throw snapdfError('INVALID_OPTIONS', 'clear() takes nothing (to empty the cache) or { namespace: string }', 'options');
}
