// Fleet-wide single flight: one lock per cache key in Redis, so that two processes (or
// machines) asked for the same snapshot at the same moment render it once.
//
// A claim is one Lua script, atomic in Redis: if the entry is stored, say so; else
// SET lock token NX PX ttl. The holder renews its lock every third of the TTL while it
// renders and deletes it after storing the result, only if the lock still holds its own
// token (compare-and-delete). A waiter polls with the same script until the entry is
// stored (a hit), the lock is free (it takes it: the holder failed or died and its lock
// expired), or its deadline passes (it renders anyway). Redis unreachable: no lock, the
// caller renders. A lock is a way to save work, never a condition for it.
import { randomUUID } from 'node:crypto';

/** 2: the entry is stored; 1: the lock is ours; 0: another process holds it. */
const CLAIM = `if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * What a claim resolves to: `stored: true` when another process's result is in the
 * store; else `release`, to call once the result is stored (or the render failed).
 * `waited` says whether another process held the lock at first.
 * @typedef {{ stored?: boolean, waited: boolean, release: () => Promise<void> }} Claim
 */

/**
 * Counters of a process's claims: `acquired` (locks taken), `waits` (claims that found
 * the lock held), `stored` (waits that ended with the result stored by the holder),
 * `takeovers` (waits that ended by taking the lock: the holder failed or died),
 * `timeouts` (waits that passed their deadline), `unavailable` (claims that could not
 * reach Redis).
 * @typedef {{ acquired: number, waits: number, stored: number, takeovers: number, timeouts: number, unavailable: number }} LockStats
 */

const noop = async () => {};

/** Per-key locks in Redis with a unique token per holder. */
export class KeyLock {
  #redis;
  #prefix;
  #entryPrefix;
  #ttlMs;
  #waitMs;
  #pollMs;
  /** @type {Set<NodeJS.Timeout>} */
  #renewals = new Set();
  /** @type {LockStats} */
  #stats = { acquired: 0, waits: 0, stored: 0, takeovers: 0, timeouts: 0, unavailable: 0 };

  /**
   * @param {import('ioredis').Redis} redis
   * @param {{ prefix: string, entryPrefix: string, ttlMs: number, waitMs: number, pollMs: number }} options
   *   `prefix + key` is the lock, `entryPrefix + key` the stored entry; `ttlMs` the
   *   lock's lifetime (renewed by its holder), `waitMs` a waiter's deadline, `pollMs`
   *   how often it looks (all in milliseconds)
   */
  constructor(redis, { prefix, entryPrefix, ttlMs, waitMs, pollMs }) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#entryPrefix = entryPrefix;
    this.#ttlMs = Math.max(30, Math.round(ttlMs));
    this.#waitMs = waitMs;
    this.#pollMs = Math.max(1, pollMs);
  }

  /**
   * Takes the lock of `key`, or waits for its holder's result.
   * @param {string} key a cache key
   * @returns {Promise<Claim>} never rejects: Redis unreachable gives `{ release }` with a no-op
   */
  async claim(key) {
    const lock = this.#prefix + key;
    const token = randomUUID();
    const deadline = Date.now() + this.#waitMs;
    let waited = false;
    for (;;) {
      let state;
      try {
        state = await this.#redis.eval(CLAIM, 2, lock, this.#entryPrefix + key, token, this.#ttlMs);
      } catch {
        this.#stats.unavailable += 1;
        return { waited, release: noop };
      }
      if (state === 2) {
        if (waited) this.#stats.stored += 1;
        return { stored: true, waited, release: noop };
      }
      if (state === 1) {
        this.#stats.acquired += 1;
        if (waited) this.#stats.takeovers += 1;
        return { waited, release: this.#hold(lock, token) };
      }
      if (!waited) this.#stats.waits += 1;
      waited = true;
      if (Date.now() >= deadline) {
        this.#stats.timeouts += 1;
        return { waited, release: noop };
      }
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
    }
  }

  /**
   * Renews a held lock until released; returns the release function.
   * @param {string} lock
   * @param {string} token
   */
  #hold(lock, token) {
    const timer = setInterval(() => {
      this.#redis.eval(RENEW, 1, lock, token, this.#ttlMs).catch(() => {});
    }, Math.max(10, Math.floor(this.#ttlMs / 3)));
    timer.unref();
    this.#renewals.add(timer);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      this.#renewals.delete(timer);
      try {
        await this.#redis.eval(RELEASE, 1, lock, token);
      } catch {
        // Redis unreachable: the lock expires by itself.
      }
    };
  }

  /** @returns {LockStats} a copy of the counters */
  stats() {
    return { ...this.#stats };
  }

  /** Stops renewing every held lock (they expire by themselves). */
  close() {
    for (const t of this.#renewals) clearInterval(t);
    this.#renewals.clear();
  }
}
