// SnapshotEngine: rendering through the two-layer cache. The same snapshot (same cache
// key) is rendered once; later requests are served from memory (L1) or the
// persistent store (L2).
import { SnapshotCache } from './cache/cache.js';
import { toJson } from './engine.js';
import { EngineMetrics } from './metrics.js';

export class SnapshotEngine {
  #wasm;

  /**
   * @param {object} options
   * @param {typeof import('../pkg/snapdf.js')} options.wasm the initialized engine module
   * @param {import('../pkg/snapdf.js').CacheSettings} [options.memory] L1 limits (default 64 MiB, no TTL)
   * @param {import('../pkg/snapdf.js').CacheSettings} [options.persistent] L2 limits (default 512 MiB, TTL 7 days)
   * @param {import('./index.js').PersistentStore} [options.store] the L2 store; none means memory only
   * @param {import('../pkg/snapdf.js').MetricsSettings} [options.metrics] histogram settings
   * @param {() => number} [options.now] clock in ms since the epoch (for tests)
   */
  constructor({ wasm, memory, persistent, store, metrics, now }) {
    this.#wasm = wasm;
    /** Latency percentiles, hit rates and outcomes: `summary()`, `export()`, `toPrometheus()`, `record()`, `reset()`. */
    this.metrics = new EngineMetrics(wasm, { settings: metrics, now });
    /** The two-layer cache: `stats()`, `invalidate()`, `clear()`, `cleanup()`, `entries()`. */
    this.cache = new SnapshotCache({ wasm, memory, persistent, store, now, metrics: this.metrics });
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
    try {
      const json = toJson(snapshot);
      const key = this.#wasm.cacheKey(json, renderOptions);
      if (read) {
        const hit = await this.cache.get(key);
        if (hit) return this.#done({ pdf: hit.pdf, key, pages: hit.pages, source: hit.layer }, start);
      }
      const { pdf, pages, stages } = this.#wasm.renderTimed(json, renderOptions);
      this.#recordRender(stages, pdf.length, pages);
      if (write) await this.cache.put(key, { pdf, pages, namespace: renderOptions.namespace ?? '' });
      return this.#done({ pdf, key, pages, source: 'render' }, start);
    } catch (e) {
      const code = /** @type {{ code?: string }} */ (e).code ?? 'error';
      this.metrics.increment(`outcome.failed.${code.toLowerCase()}`);
      throw e;
    }
  }

  /**
   * @param {Omit<import('./index.js').EngineResult, 'ms'>} result
   * @param {number} start
   * @returns {import('./index.js').EngineResult}
   */
  #done(result, start) {
    const ms = performance.now() - start;
    this.metrics.record('snapshot.ms', ms);
    this.metrics.increment('outcome.completed');
    return { ...result, ms };
  }

  /**
   * @param {{ validateMs: number, keyMs: number, layoutMs: number, pdfMs: number }} stages
   * @param {number} bytes
   * @param {number} pages
   */
  #recordRender(stages, bytes, pages) {
    const m = this.metrics;
    m.record('render.ms', stages.validateMs + stages.keyMs + stages.layoutMs + stages.pdfMs);
    m.record('render.stage.validate_ms', stages.validateMs);
    m.record('render.stage.key_ms', stages.keyMs);
    m.record('render.stage.layout_ms', stages.layoutMs);
    m.record('render.stage.pdf_ms', stages.pdfMs);
    m.record('pdf.bytes', bytes);
    m.record('pdf.pages', pages);
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
