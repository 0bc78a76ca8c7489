// SnapshotEngine: the public engine. createSnapshot answers at once with a task and
// renders in the background (a worker pool, or the calling thread); results go through
// the two-layer cache, so the same snapshot (same cache key) is rendered once; metrics
// record every step.
import { SnapshotCache } from './cache/cache.js';
import { snapdfError } from './errors.js';
import { EngineMetrics } from './metrics.js';
import { checkSettings } from './options.js';
import { TaskManager } from './tasks/task-manager.js';
import { InlineRunner } from './workers/pool.js';

export class SnapshotEngine {
  #wasm;
  #closeStore;

  /**
   * @param {object} options
   * @param {typeof import('../pkg/snapdf.js')} options.wasm the initialized engine module
   * @param {import('./index.js').MemorySettings} [options.memory] L1 limits (default 64 MiB, no TTL) and
   *   `shareResults` (default false: each result's pdf is bytes of its own)
   * @param {import('../pkg/snapdf.js').CacheSettings} [options.persistent] L2 limits (default 512 MiB, TTL 7 days)
   * @param {import('./index.js').PersistentStore} [options.store] the L2 store; none means memory only
   * @param {import('../pkg/snapdf.js').MetricsSettings} [options.metrics] histogram settings
   * @param {import('../pkg/snapdf.js').TaskSettings} [options.tasks] deadline and record keeping
   * @param {{ run: Function, abort: Function, close: Function, size: number, reportsStart?: boolean, key?: Function }} [options.runner]
   *   where renders run (a WorkerPool); default the calling thread
   * @param {() => number} [options.now] clock in ms since the epoch (for tests)
   * @param {(take: () => Promise<import('./tasks/task-manager.js').Task[]>) => Promise<import('./tasks/task-manager.js').Task[]>} [options.resume]
   *   wraps taking up persisted tasks (browsers: under a Web Lock, so one tab does it)
   * @param {import('./index.js').TaskOwner} [options.owner] this engine's identity for
   *   persisted tasks, and how to tell whether another owner is alive
   * @param {import('./index.js').FontSource[]} [options.fonts] TrueType/OpenType files
   *   snapshots may name in `font`; part of the cache key of the snapshots that use them
   * @param {import('./index.js').NoticeChannel} [options.channel] a BroadcastChannel shared
   *   with the other engines on the same store (browsers: one per database); see `tasks`
   * @param {object} [options.theme] the engine's default look: a snapshot's `theme`,
   *   under every snapshot's own (role styles field by field; colours and palette where
   *   the snapshot gives none), part of the key through the snapshot it changes
   * @param {boolean} [options.closeStore] whether `close()` closes `store` too (default
   *   true; false for a store that other engines still use)
   * @param {typeof import('../pkg/snapdf.js') | null} [options.render] the module that
   *   renders on this thread when there is no runner (default `wasm`); null where this
   *   thread has none (a browser page that loaded only the front module)
   * @param {boolean} [options.keyInRunner] whether the runner keys each snapshot where it
   *   renders it (`runner.key`), instead of this thread: a task then learns its key a
   *   moment after createSnapshot returns (`task.keyed`, the `key` event)
   */
  constructor({ wasm, memory, persistent, store, metrics, tasks, runner, now = Date.now, resume, owner, fonts, theme, channel, closeStore = true, render = wasm, keyInRunner = false }) {
    checkSettings({ memory, persistent, metrics, tasks }); // before any of them reaches the engine
    // Checked once here, as the engine reads a snapshot's theme: `options.theme.body.size: …`
    // (without a render module on this thread, by the runner with each snapshot).
    if (theme !== undefined) render?.cacheKey(new TextEncoder().encode('{"title":"theme"}'), { theme }, undefined);
    this.#wasm = wasm;
    this.#closeStore = closeStore;
    /** Latency percentiles, hit rates and outcomes: `summary()`, `export()`, `toPrometheus()`, `record()`, `reset()`. */
    this.metrics = new EngineMetrics(wasm, { settings: metrics, now });
    /** The two-layer cache: `stats()`, `invalidate()`, `clear()`, `cleanup()`, `entries()`. */
    this.cache = new SnapshotCache({ wasm, memory, persistent, store, now, metrics: this.metrics });
    /**
     * The tasks: `get(id)`, `list({ status })`, `cancel(id)`; fires `completed`, `failed`,
     * `cancelled`, and with a channel `remotecompleted` and `remotefailed` for the tasks
     * other engines (tabs) on the same store rendered or failed.
     */
    const keys = keyInRunner && runner?.key ? null : render;
    if (!(keys ?? runner?.key) || !(runner ?? render)) throw snapdfError('NOT_INITIALIZED', 'an engine without workers renders and keys on this thread: load the render module first (in a browser, `await init({ render: true })`)');
    this.tasks = new TaskManager({ wasm, runner: runner ?? new InlineRunner(/** @type {typeof import('../pkg/snapdf.js')} */ (render)), cache: this.cache, metrics: this.metrics, settings: tasks, now, owner, fonts, theme, channel, keys });
    /**
     * Resolves to the tasks taken up from the store: those pending or running when the
     * last page or process ended. Started at once.
     * @type {Promise<import('./tasks/task-manager.js').Task[]>}
     */
    this.resumed = resume ? resume(() => this.tasks.resume()) : this.tasks.resume();
  }

  /**
   * Starts a snapshot; returns its task at once (a PDF in memory gives a completed task).
   * @param {import('./index.js').SnapshotInput} snapshot
   * @param {import('./index.js').SnapshotOptions} [options]
   * @returns {import('./tasks/task-manager.js').Task}
   */
  createSnapshot(snapshot, options) {
    return this.tasks.create(snapshot, options);
  }

  /**
   * Starts many snapshots; the batch reports one aggregate progress (the mean of its
   * tasks', never moving back, where a task that ended in any way counts as 100) and
   * settles when every task has, at progress 100.
   * @param {import('./index.js').SnapshotInput[]} snapshots
   * @param {import('./index.js').SnapshotOptions} [options]
   */
  createSnapshots(snapshots, options) {
    if (!Array.isArray(snapshots)) throw snapdfError('INVALID_SNAPSHOT', `createSnapshots takes an array of snapshots, not ${snapshots === null ? 'null' : typeof snapshots}`);
    const tasks = snapshots.map((s) => this.createSnapshot(s, options));
    const update = () => {
      const ended = (/** @type {import('./tasks/task-manager.js').Task} */ t) => t.status === 'completed' || t.status === 'failed' || t.status === 'cancelled';
      const progress = this.#wasm.batchProgress(Uint8Array.from(tasks.map((t) => (ended(t) ? 100 : t.progress))));
      if (progress > batch.progress) {
        batch.progress = progress;
        batch.dispatchEvent(new CustomEvent('progress', { detail: { progress } }));
      }
    };
    const batch = Object.assign(new EventTarget(), {
      tasks,
      progress: 0,
      /** @type {Promise<PromiseSettledResult<import('./index.js').EngineResult>[]>} */
      done: Promise.allSettled(tasks.map((t) => t.done)).then((settled) => {
        update(); // every task has ended: 100, before done settles
        return settled;
      }),
    });
    for (const t of tasks) for (const type of ['progress', 'completed', 'failed', 'cancelled']) t.addEventListener(type, update);
    update();
    return batch;
  }

  /**
   * Renders a snapshot, or serves it from the cache: `createSnapshot(…).done`.
   * @param {import('./index.js').SnapshotInput} snapshot
   * @param {import('./index.js').SnapshotOptions} [options]
   * @returns {Promise<import('./index.js').EngineResult>}
   */
  render(snapshot, options) {
    return this.createSnapshot(snapshot, options).done;
  }

  /** @param {string} id */
  getTask(id) {
    return this.tasks.get(id);
  }

  /**
   * Run records, oldest first: one per render, under the id of the request that started
   * it (`task.runId`; a request that joined a run is listed under that run).
   * @param {{ status?: import('../pkg/snapdf.js').TaskStatus }} [filter]
   */
  listTasks(filter) {
    return this.tasks.list(filter);
  }

  /**
   * Cancels the request `id` (a task's id): its `done` rejects with CANCELLED. A run
   * shared with other requests for the same cache key goes on for them; it stops when
   * no request wants it any more. Same as `task.cancel()`.
   * @param {string} id
   * @returns {boolean} false if unknown or already ended
   */
  cancel(id) {
    return this.tasks.cancel(id);
  }

  /**
   * Renders what is not cached yet, to warm the cache.
   * @param {import('./index.js').SnapshotInput[]} snapshots
   * @param {import('./index.js').SnapshotOptions} [options]
   * @returns {Promise<{ rendered: number, cached: number }>}
   */
  async prefetch(snapshots, options = {}) {
    const results = await Promise.all(snapshots.map((s) => this.render(s, options)));
    const rendered = results.filter((r) => r.source === 'render').length;
    return { rendered, cached: snapshots.length - rendered };
  }

  /** Finishes task writes and writes what the persistent store keeps lazily (index, metrics); call before a process exits. */
  async flush() {
    await this.tasks.settled();
    await this.cache.flush();
  }

  /**
   * Stops the workers (pending and running tasks fail), waits for the task writes,
   * writes what `flush()` writes (the index, the metrics), and closes the persistent
   * store (a RedisStore's connection, an IndexedDB database), unless the engine was made
   * with `closeStore: false`. Call it when done: an open RedisStore keeps a Node process
   * running. Never rejects (a store that fails to write is reported as `flush()`
   * reports it: the cache's `degraded` state and counters).
   * @returns {Promise<void>}
   */
  async close() {
    this.tasks.close();
    await this.tasks.settled();
    await this.cache.flush();
    if (this.#closeStore) await this.cache.close();
  }
}
