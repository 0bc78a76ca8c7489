// The shared persistent cache layer (L2) for Node: Redis. Several processes or machines
// use one store, so the same snapshot is rendered once fleet-wide.
//
//   PREFIX e:KEY          hash { pdf: the bytes, record: the CacheRecord as JSON }, with
//                         Redis's own expiry at record.expiresMs (PEXPIREAT)
//   PREFIX ns:NAMESPACE   set of the keys written in a namespace (for clear({ namespace })
//                         without KEYS); expires with the newest entry in it
//   PREFIX lock:KEY       the single-flight lock of a key (js/fleet/lock.js)
//
// PREFIX is "snapdf:cache:" by default. The byte budget of a shared store is Redis's
// maxmemory with an LRU eviction policy (README: "Fleet"); this store never evicts by
// itself. Every write is one MULTI, so an entry's bytes and record come and go together.
//
// The connection is made in the background; open() (which the cache awaits before its
// first lookup) waits for it, for at most `connectWaitMs` (default 2 s), so a new
// process's first render reads Redis instead of rendering again. Past that wait the
// store is used as degraded until the connection is up.
//
// Redis unreachable (not started, restarted, network cut): commands fail at once (no
// offline queue) or after `commandTimeoutMs`, the cache counts a miss and renders, and
// the client reconnects with backoff in the background. `stats()` tells the state and
// every degraded period. With a `local` store (a DiskStore), entries written during an
// outage go there and are served from there, and are copied to Redis once it is back
// (js/cache/local-fallback.js).
import { KeyLock } from '../fleet/lock.js';
import { requireOptional } from '../optional.js';
import { LocalFallback } from './local-fallback.js';

const KEY = /^[0-9a-f]{64}$/;
const PREFIX_SELECTOR = /^[0-9a-f]{0,64}$/;
/** Keys deleted per command when a SCAN walks the store. */
const BATCH = 500;

/**
 * @typedef {import('../index.js').CacheRecord} CacheRecord
 * @typedef {import('../index.js').RedisStoreStats} RedisStoreStats
 */

/**
 * The persistent layer in Redis, shared by every engine that uses the same Redis and
 * prefix. Same interface as {@link import('./disk-store.js').DiskStore}, plus
 * `shared: true` (the cache asks the store, not its own index, whether a key is there),
 * `readEntry`, `invalidate`, `claim` (fleet-wide single flight) and `stats`.
 */
export class RedisStore {
  /** The cache asks this store (not only its own index) whether an entry exists. */
  shared = true;
  #redis;
  #ownsClient;
  #prefix;
  #lock;
  /** @type {{ since: number, reason: string } | null} */
  #down = null;
  #outages = 0;
  #degradedMs = 0;
  #lastError = '';
  #closing = false;
  /** @type {Promise<void> | undefined} */
  #closed;
  #connectWaitMs;
  #memory = { usedMemoryBytes: 0, maxMemoryBytes: 0, evictionPolicy: '' };
  /** @type {LocalFallback | undefined} */
  #local;
  #localReads = 0;
  #localWrites = 0;
  #promoted = 0;

  /**
   * @param {object} [options]
   * @param {string} [options.url] a Redis URL (`redis://127.0.0.1:6379/0`); default
   *   `$SNAPDF_REDIS_URL`, else `redis://127.0.0.1:6379`
   * @param {import('ioredis').Redis} [options.client] an ioredis client the app already
   *   has (then `url` is ignored, and `close()` leaves the client open). It should have
   *   `enableOfflineQueue: false`, or a Redis outage holds renders until it returns.
   * @param {string} [options.prefix] prefix of every key, default "snapdf:cache:"
   * @param {number} [options.commandTimeoutMs] a command unanswered this long fails
   *   (a network cut), default 1,000 ms
   * @param {number} [options.lockTtlMs] lifetime of a single-flight lock, renewed by its
   *   holder every third of it; a crashed holder's lock frees after this, default 30,000 ms
   * @param {number} [options.lockWaitMs] longest wait for another process's render before
   *   rendering anyway, default 60,000 ms
   * @param {number} [options.pollMs] how often a waiter looks for the result, default 50 ms
   * @param {number} [options.connectWaitMs] how long `open()` (the cache's first lookup)
   *   waits for the connection before going on without it, default 2,000 ms
   * @param {import('../index.js').PersistentStore} [options.local] a store on this
   *   machine (`new DiskStore(dir)`) used while Redis is unreachable: writes go there,
   *   reads look there, and its entries are copied to Redis when it is back
   */
  constructor({ url, client, prefix = 'snapdf:cache:', commandTimeoutMs = 1000, lockTtlMs = 30_000, lockWaitMs = 60_000, pollMs = 50, connectWaitMs = 2000, local } = {}) {
    this.#prefix = prefix;
    this.#connectWaitMs = connectWaitMs;
    this.#local = local ? new LocalFallback(local) : undefined;
    this.#ownsClient = !client;
    // ioredis (an optional peer dependency) is loaded when the first store without a
    // `client` is made, so importing snapdf stays quick and works without it.
    this.#redis = client ?? newRedis(url ?? process.env.SNAPDF_REDIS_URL ?? 'redis://127.0.0.1:6379', redisOptions(commandTimeoutMs));
    this.#redis.on('ready', () => this.#up());
    this.#redis.on('error', (/** @type {Error} */ e) => this.#fail(e));
    this.#redis.on('close', () => this.#down || this.#fail(new Error('connection closed')));
    if (this.#redis.status === 'ready') this.#up();
    this.#lock = new KeyLock(this.#redis, { prefix: `${prefix}lock:`, entryPrefix: `${prefix}e:`, ttlMs: lockTtlMs, waitMs: lockWaitMs, pollMs });
  }

  /** The ioredis client (shared with the lock; BullMQ makes its own connections). */
  get client() {
    return this.#redis;
  }

  /**
   * Waits for the connection, for at most `connectWaitMs` (then goes on: lookups miss
   * until it is up, and the client keeps reconnecting). Nothing to load: the index of a
   * shared store lives in Redis, and the cache asks for each key.
   * @returns {Promise<CacheRecord[]>}
   * @throws {Error} only if the `local` store cannot be opened
   */
  async open() {
    await this.ready(this.#connectWaitMs).catch(() => {});
    await this.#local?.open();
    return [];
  }

  /**
   * An entry's record and bytes in one round trip, or undefined if Redis has none
   * (never written, expired, evicted by maxmemory, invalidated).
   * @param {string} key a cache key (64 hex digits)
   * @returns {Promise<{ record: CacheRecord, pdf: Uint8Array } | undefined>}
   * @throws {Error} when Redis does not answer (the cache counts a miss and renders)
   */
  async readEntry(key) {
    if (!this.#local) return this.#readRedis(key);
    let found;
    try {
      found = this.#down ? undefined : await this.#readRedis(key);
      if (found || this.#down) return found ?? this.#readLocal(key);
    } catch {
      return this.#readLocal(key);
    }
    // Not in Redis: written here during an outage? Then Redis gets it now.
    const local = await this.#readLocal(key);
    if (local) {
      try {
        await this.#writeRedis(local.record, local.pdf);
        this.#promoted += 1;
      } catch {
        // still unreachable: it stays local for now
      }
    }
    return local;
  }

  /** @param {string} key */
  async #readLocal(key) {
    const entry = await this.#local?.readEntry(key);
    if (entry) this.#localReads += 1;
    return entry;
  }

  /**
   * @param {string} key
   * @returns {Promise<{ record: CacheRecord, pdf: Uint8Array } | undefined>}
   */
  async #readRedis(key) {
    const [pdf, record] = await this.#redis.hmgetBuffer(this.#entry(key), 'pdf', 'record');
    if (!pdf || !record) return undefined;
    let parsed;
    try {
      parsed = JSON.parse(record.toString('utf8'));
    } catch {
      parsed = { key, digest: '' }; // unreadable record: the digest check fails, the entry goes
    }
    return { record: parsed, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
  }

  /**
   * The bytes of an entry, or undefined.
   * @param {string} key
   * @returns {Promise<Uint8Array | undefined>}
   */
  async read(key) {
    return (await this.readEntry(key))?.pdf;
  }

  /**
   * Stores an entry: bytes and record in one MULTI, expiring at `record.expiresMs`
   * (ms since the epoch; null keeps it until maxmemory evicts it), and adds the key to
   * its namespace's set.
   * @param {CacheRecord} record
   * @param {Uint8Array} pdf
   */
  async write(record, pdf) {
    if (!this.#local) return this.#writeRedis(record, pdf);
    try {
      if (!this.#down) return await this.#writeRedis(record, pdf);
    } catch {
      // unreachable: the local store keeps it
    }
    await this.#local.write(record, pdf);
    this.#localWrites += 1;
  }

  /** @param {CacheRecord} record @param {Uint8Array} pdf */
  async #writeRedis(record, pdf) {
    const entry = this.#entry(record.key);
    const ns = this.#ns(record.namespace);
    const m = this.#redis.multi().hset(entry, 'pdf', Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), 'record', JSON.stringify(record));
    m.sadd(ns, record.key);
    if (record.expiresMs != null) m.pexpireat(entry, record.expiresMs).pexpireat(ns, record.expiresMs);
    else m.persist(ns);
    await m.exec();
  }

  /** Deletes entries (their namespace sets keep the key until the set is cleared or expires). @param {string[]} keys */
  async delete(keys) {
    await this.#local?.delete(keys);
    for (let i = 0; i < keys.length; i += BATCH) await this.#redis.unlink(...keys.slice(i, i + BATCH).map((k) => this.#entry(k)));
  }

  /**
   * Removes what a selector names, from Redis itself (not only what this process
   * wrote): `{ key }`, `{ prefix }` (SCAN over the entries), `{ namespace }` (the
   * namespace's set), or "all". Never KEYS or FLUSHALL.
   * @param {import('../../pkg/snapdf.js').CacheSelector} selector
   * @returns {Promise<string[]>} the keys removed
   */
  async invalidate(selector) {
    const local = (await this.#local?.invalidate(selector)) ?? [];
    const shared = await this.#invalidateRedis(selector);
    return [...new Set([...shared, ...local])];
  }

  /** @param {import('../../pkg/snapdf.js').CacheSelector} selector @returns {Promise<string[]>} */
  async #invalidateRedis(selector) {
    if (selector === 'all') return this.#scanDelete(`${this.#prefix}e:*`);
    if ('key' in selector) return (await this.#redis.unlink(this.#entry(selector.key))) ? [selector.key] : [];
    if ('prefix' in selector) {
      if (!PREFIX_SELECTOR.test(selector.prefix)) return [];
      return this.#scanDelete(`${this.#prefix}e:${selector.prefix}*`);
    }
    const ns = this.#ns(selector.namespace);
    /** @type {string[]} */
    const removed = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.sscan(ns, cursor, 'COUNT', BATCH);
      cursor = next;
      if (keys.length === 0) continue;
      const gone = await this.#redis.multi(keys.map((k) => ['unlink', this.#entry(k)])).exec();
      keys.forEach((k, i) => gone?.[i]?.[1] && removed.push(k));
    } while (cursor !== '0');
    await this.#redis.unlink(ns);
    return removed;
  }

  /**
   * Unlinks every key matching `pattern` (SCAN, in batches); returns the cache keys.
   * @param {string} pattern
   */
  async #scanDelete(pattern) {
    /** @type {string[]} */
    const removed = [];
    const skip = this.#prefix.length + 2; // "e:"
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', pattern, 'COUNT', BATCH);
      cursor = next;
      if (keys.length) {
        await this.#redis.unlink(...keys);
        for (const k of keys) removed.push(k.slice(skip));
      }
    } while (cursor !== '0');
    return removed;
  }

  /** Removes every key under the prefix (entries, namespace sets, locks); SCAN, never FLUSHALL. */
  async clear() {
    await this.#local?.invalidate('all');
    await this.#scanDelete(`${this.#prefix}*`);
  }

  /** Writes the local store's index (the cache calls this on flush). */
  async flush() {
    await this.#local?.flush();
  }

  /**
   * Fleet-wide single flight for `key` (see {@link KeyLock.claim}): resolves once this
   * process may render (`{ release }`, call it after storing the result), or another
   * process's result is in the store (`{ stored: true }`). If the lock cannot be taken
   * (Redis down) it resolves to `{ release }` with a no-op: render anyway.
   * @param {string} key
   * @returns {Promise<import('../fleet/lock.js').Claim>}
   */
  claim(key) {
    return this.#lock.claim(check(key));
  }

  /**
   * Asks Redis for its memory use and policy (INFO memory) and keeps them for `stats()`.
   * @returns {Promise<RedisStoreStats>}
   * @throws {Error} when Redis does not answer
   */
  async refreshStats() {
    const info = await this.#redis.info('memory');
    const field = (/** @type {string} */ name) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
    this.#memory = {
      usedMemoryBytes: Number(field('used_memory')) || 0,
      maxMemoryBytes: Number(field('maxmemory')) || 0,
      evictionPolicy: field('maxmemory_policy'),
    };
    return this.stats();
  }

  /**
   * The connection state and memory, synchronously (memory as of the last
   * `refreshStats()`): `state` "ok" or "degraded" (Redis unreachable now), `outages`
   * (degraded periods so far), `degradedMs` (their total length, the current one
   * included), `lastError`, `usedMemoryBytes`, `maxMemoryBytes` (0: no limit: set one),
   * `evictionPolicy` (want "allkeys-lru"), the single-flight counters, and with a
   * `local` store, `local: { reads, writes, promoted }` (served from it, written to it
   * during outages, copied from it to Redis).
   * @returns {RedisStoreStats}
   */
  stats() {
    const current = this.#down ? Date.now() - this.#down.since : 0;
    return {
      state: this.#down ? 'degraded' : 'ok',
      outages: this.#outages,
      degradedMs: this.#degradedMs + current,
      lastError: this.#lastError || undefined,
      ...this.#memory,
      lock: this.#lock.stats(),
      ...(this.#local ? { local: { reads: this.#localReads, writes: this.#localWrites, promoted: this.#promoted } } : {}),
    };
  }

  /** Why the store is degraded now, or undefined. */
  degradedReason() {
    return this.#down ? `Redis unreachable: ${this.#down.reason}` : undefined;
  }

  /**
   * Resolves when the client is connected (ready), or rejects after `timeoutMs`.
   * @param {number} [timeoutMs] default 10,000 ms
   */
  async ready(timeoutMs = 10_000) {
    if (this.#redis.status === 'ready') return;
    if (this.#redis.status === 'end') throw new Error('Redis connection closed');
    await new Promise((resolve, reject) => {
      const settle = (/** @type {Error | undefined} */ error) => {
        clearTimeout(timer);
        this.#redis.off('ready', done);
        this.#redis.off('end', ended);
        if (error) reject(error);
        else resolve(undefined);
      };
      const done = () => settle(undefined);
      const ended = () => settle(new Error('Redis connection closed'));
      const timer = setTimeout(() => settle(new Error(`Redis not ready after ${timeoutMs} ms: ${this.#lastError}`)), timeoutMs);
      this.#redis.once('ready', done);
      this.#redis.once('end', ended);
    });
  }

  /**
   * Closes the connection (unless the client was given), and stops renewing locks.
   * Closing again does nothing. `engine.close()` calls it (unless the engine was made
   * with `closeStore: false`).
   */
  close() {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close() {
    this.#lock.close();
    if (!this.#ownsClient) return;
    this.#closing = true;
    try {
      await this.#redis.quit();
    } catch {
      this.#redis.disconnect();
    }
  }

  #up() {
    if (!this.#down) return;
    this.#degradedMs += Date.now() - this.#down.since;
    this.#down = null;
  }

  /** @param {Error} e */
  #fail(e) {
    if (this.#closing) return;
    this.#lastError = e.message || String(e);
    if (this.#down) return;
    this.#down = { since: Date.now(), reason: this.#lastError };
    this.#outages += 1;
    console.warn(`snapdf: Redis unreachable (${this.#lastError}): rendering without the shared cache until it is back`);
  }

  /** @param {string} key */
  #entry(key) {
    return `${this.#prefix}e:${check(key)}`;
  }

  /** @param {string} namespace */
  #ns(namespace) {
    return `${this.#prefix}ns:${namespace ?? ''}`;
  }
}

/**
 * A new ioredis client.
 * @param {string} url
 * @param {import('ioredis').RedisOptions} options
 * @returns {import('ioredis').Redis}
 * @throws {Error} SnapdfError `MISSING_PACKAGE` when ioredis is not installed
 */
function newRedis(url, options) {
  const { Redis } = /** @type {typeof import('ioredis')} */ (requireOptional('ioredis'));
  return new Redis(url, options);
}

/**
 * ioredis options for a cache: fail fast while disconnected (no offline queue, one
 * retry), give up on an unanswered command after `commandTimeoutMs`, and reconnect
 * forever with exponential backoff from 50 ms up to 2 s.
 * @param {number} commandTimeoutMs
 * @returns {import('ioredis').RedisOptions}
 */
export function redisOptions(commandTimeoutMs) {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    lazyConnect: false,
  };
}

/** @param {string} key */
function check(key) {
  if (!KEY.test(key)) throw new TypeError(`not a cache key: ${key}`);
  return key;
}
