// SnapshotEngine: rendering through the two-layer cache. The same snapshot (same cache
// key) is rendered once; later requests are served from memory (L1) or the
// persistent store (L2).
import { SnapshotCache } from './cache/cache.js';
import { toJson } from './engine.js';

export class SnapshotEngine {
  #wasm;

  /**
   * @param {object} options
   * @param {typeof import('../pkg/snapdf.js')} options.wasm the initialized engine module
   * @param {import('../pkg/snapdf.js').CacheSettings} [options.memory] L1 limits (default 64 MiB, no TTL)
   * @param {import('../pkg/snapdf.js').CacheSettings} [options.persistent] L2 limits (default 512 MiB, TTL 7 days)
   * @param {import('./index.js').PersistentStore} [options.store] the L2 store; none means memory only
   * @param {() => number} [options.now] clock in ms since the epoch (for tests)
   */
  constructor({ wasm, memory, persistent, store, now }) {
    this.#wasm = wasm;
    /** The two-layer cache: `stats()`, `invalidate()`, `clear()`, `cleanup()`, `entries()`. */
    this.cache = new SnapshotCache({ wasm, memory, persistent, store, now });
  }

  /**
   * Renders a snapshot, or serves it from the cache.
   * @param {import('./index.js').SnapshotInput} snapshot
   * @param {import('./index.js').EngineRenderOptions} [options]
   * @returns {Promise<import('./index.js').EngineResult>}
   */
  async render(snapshot, options = {}) {
    const start = performance.now();
    const { cache: read = true, store: write = true, ...renderOptions } = options;
    const json = toJson(snapshot);
    const key = this.#wasm.cacheKey(json, renderOptions);
    if (read) {
      const hit = await this.cache.get(key);
      if (hit) return { pdf: hit.pdf, key, pages: hit.pages, source: hit.layer, ms: performance.now() - start };
    }
    const { pdf, pages } = this.#wasm.render(json, renderOptions);
    if (write) await this.cache.put(key, { pdf, pages, namespace: renderOptions.namespace ?? '' });
    return { pdf, key, pages, source: 'render', ms: performance.now() - start };
  }

  /**
   * Renders what is not cached yet, to warm the cache.
   * @param {import('./index.js').SnapshotInput[]} snapshots
   * @param {import('./index.js').EngineRenderOptions} [options]
   * @returns {Promise<{ rendered: number, cached: number }>}
   */
  async prefetch(snapshots, options = {}) {
    let rendered = 0;
    for (const s of snapshots) {
      const r = await this.render(s, options);
      if (r.source === 'render') rendered += 1;
    }
    return { rendered, cached: snapshots.length - rendered };
  }

  /** Writes what the persistent store keeps lazily (its index); call before a process exits. */
  flush() {
    return this.cache.flush();
  }
}
