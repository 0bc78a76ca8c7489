// EngineMetrics: the engine's metrics registry (Rust, in WebAssembly) with a clock.
// What snapdf records by itself:
//   histograms  snapshot.ms (engine.render, hit or miss), render.ms and
//               render.stage.{validate,key,layout,pdf}_ms (misses), pdf.bytes, pdf.pages,
//               cache.l1.lookup_ms, cache.l2.lookup_ms
//               task.create_ms, task.queue_ms
//   counters    cache.l1.hits|misses, cache.l2.hits|misses, cache.evictions,
//               cache.corruptions, cache.l2.failures (a shared store's failed
//               operations; a local store's degraded periods), cache.metrics_set_aside
//               (saved metrics that could not be merged), outcome.completed,
//               outcome.failed.<error code>, outcome.cancelled, outcome.timed_out (per
//               run), tasks.joined, tasks.withdrawn (a request cancelled while others
//               keep its run), tasks.resumed, tasks.resume_refused (a persisted run whose
//               key this engine computes differently: not resumed)
import { metricsReport } from './metrics-report.js';
import { guardWasm } from './trap.js';

// Every call goes through guardWasm: a trap in the registry becomes WASM_TRAP (and the
// module is not called again), never a raw RuntimeError.
export class EngineMetrics {
  #registry;
  #now;
  #wasm;

  /**
   * @param {typeof import('../pkg/snapdf.js')} wasm the initialized engine module
   * @param {{ settings?: import('../pkg/snapdf.js').MetricsSettings, now?: () => number }} [options]
   *   histogram settings, and the clock in ms since the epoch (tests inject one)
   */
  constructor(wasm, { settings, now = Date.now } = {}) {
    this.#wasm = wasm;
    this.#registry = guardWasm(wasm, () => new wasm.Metrics(settings));
    this.#now = now;
  }

  /**
   * Records a value (milliseconds, bytes, …) into histogram `name` (a-z, 0-9, '_', '.').
   * @param {string} name
   * @param {number} value
   * @throws {Error} SnapdfError `INVALID_METRIC` for a bad name or value
   */
  record(name, value) {
    guardWasm(this.#wasm, () => this.#registry.record(name, value, this.#now()));
  }

  /**
   * Adds `by` (default 1) to counter `name`.
   * @param {string} name
   * @param {number} [by]
   */
  increment(name, by = 1) {
    guardWasm(this.#wasm, () => this.#registry.increment(name, by, this.#now()));
  }

  /**
   * Per metric over the last `hours` (default 24): count, min, max, mean, p50, p95,
   * p99, rate per second; cache hit rates per layer and overall; outcome counts.
   * @param {{ hours?: number }} [options]
   * @returns {import('../pkg/snapdf.js').MetricsSummary}
   */
  summary({ hours = 24 } = {}) {
    return guardWasm(this.#wasm, () => this.#registry.summary(hours, this.#now()));
  }

  /**
   * The dashboard of the last `hours` (default 24) as a snapshot, to render like any
   * other: latency percentiles over time (per minute for an hour or less, else per
   * hour, UTC) as a line chart, cache hit rates per layer and outcomes as bar charts,
   * and every histogram and counter in a table. Its creation date is now.
   * @param {{ hours?: number }} [options]
   * @returns {import('./index.js').Snapshot}
   * @throws {Error} SnapdfError `INVALID_OPTIONS` at `options.hours` for hours that are not a finite number above 0
   */
  report({ hours = 24 } = {}) {
    return guardWasm(this.#wasm, () => {
      const now = this.#now();
      const summary = this.#registry.summary(hours, now);
      return metricsReport(summary, (name) => this.#registry.timeline(name, hours, now));
    });
  }

  /**
   * The summary in the Prometheus text exposition format.
   * @param {{ hours?: number }} [options]
   * @returns {string}
   */
  toPrometheus({ hours = 24 } = {}) {
    return guardWasm(this.#wasm, () => this.#registry.toPrometheus(hours, this.#now()));
  }

  /**
   * The full state as plain data (JSON round-trippable); `merge` it into another
   * engine's metrics.
   * @returns {import('../pkg/snapdf.js').MetricsExport}
   */
  export() {
    return guardWasm(this.#wasm, () => this.#registry.exportState(this.#now()));
  }

  /**
   * Adds an exported state (from a worker, a tab, an earlier run).
   * @param {import('../pkg/snapdf.js').MetricsExport} exported
   * @throws {Error} SnapdfError `INVALID_METRIC` if it is not an export or was kept with other settings
   */
  merge(exported) {
    guardWasm(this.#wasm, () => this.#registry.mergeState(exported));
  }

  /**
   * Drops buckets older than `hours`.
   * @param {{ hours: number }} options
   */
  clearOld({ hours } = /** @type {{ hours: number }} */ ({ hours: NaN })) {
    guardWasm(this.#wasm, () => this.#registry.clearOld(hours, this.#now()));
  }

  /** Forgets everything. */
  reset() {
    guardWasm(this.#wasm, () => this.#registry.reset());
  }

  /** Metrics, buckets and sketch bins held (8 bytes a bin). */
  footprint() {
    return guardWasm(this.#wasm, () => this.#registry.footprint());
  }
}
