// Tasks: createSnapshot answers at once with a Task; the work runs in the background on
// a runner (a worker pool, or the calling thread). Every rule (legal state changes,
// forward-only progress, one task per cache key, queue order, deadlines) is the Rust
// TaskTable's; this class runs the work and keeps Task objects in step with it.
// Pending tasks are persisted with their snapshot through the cache's store (it owns the
// store and its degraded mode) and taken up again by resume().
import { toJson, toUtf8 } from '../engine.js';
import { FontSets } from '../font-sets.js';
import { Notices } from './notices.js';

let counter = 0;

/** A fresh task id: time-ordered and unique within this page or process. */
function newId() {
  counter += 1;
  return `t${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * One request for a PDF. Fires `progress`, then `completed`, `failed` or `cancelled`.
 * `done` resolves to the result or rejects with the cause.
 */
export class Task extends EventTarget {
  /** @param {string} id @param {string} key */
  constructor(id, key) {
    super();
    /** The task id. */
    this.id = id;
    /** The cache key of what it renders ("" if the snapshot was invalid). */
    this.key = key;
    /** @type {import('../../pkg/snapdf.js').TaskStatus} */
    this.status = 'pending';
    /** @type {import('../../pkg/snapdf.js').TaskStage} */
    this.stage = 'queued';
    /** Progress in percent, 0 to 100; only moves forward. */
    this.progress = 0;
    /** @type {Error | undefined} why it failed or was cancelled */
    this.error = undefined;
    /** @type {(value: import('../index.js').EngineResult) => void} */
    this.resolve = () => {};
    /** @type {(error: Error) => void} */
    this.reject = () => {};
    /** @type {Promise<import('../index.js').EngineResult>} */
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A task nobody awaits must not crash Node with an unhandled rejection.
    this.done.catch(() => {});
  }
}

export class TaskManager extends EventTarget {
  #wasm;
  #table;
  #runner;
  #cache;
  #metrics;
  #now;
  /** @type {Map<string, Task>} */
  #tasks = new Map();
  /** @type {Map<string, { json: string, options: any, fonts?: import('../index.js').FontSource[], read: boolean, write: boolean, retry: boolean, start: number }>} */
  #jobs = new Map();
  /** @type {import('../index.js').FontSource[] | undefined} */
  #fonts;
  /** @type {FontSets} the module's copy of each list of fonts, for keys */
  #fontSets;
  #running = 0;
  #created = 0;
  /** @type {import('../index.js').TaskOwner | undefined} */
  #owner;
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */
  #timers = new Map();
  /** @type {Notices | undefined} */
  #notices;

  /**
   * @param {object} o
   * @param {typeof import('../../pkg/snapdf.js')} o.wasm
   * @param {{ run: Function, abort: Function, close: Function, size: number }} o.runner
   * @param {import('../cache/cache.js').SnapshotCache} o.cache
   * @param {import('../metrics.js').EngineMetrics} o.metrics
   * @param {import('../../pkg/snapdf.js').TaskSettings} [o.settings]
   * @param {() => number} o.now
   * @param {import('../index.js').TaskOwner} [o.owner] who this engine is, and whether
   *   another owner is still alive (its persisted tasks are then not taken up)
   * @param {import('../index.js').FontSource[]} [o.fonts] fonts every snapshot may name
   * @param {ConstructorParameters<typeof Notices>[0]} [o.channel] a BroadcastChannel shared
   *   with the other engines on the same store: renders and failures are announced on it,
   *   and theirs arrive as `remotecompleted` and `remotefailed` events
   */
  constructor({ wasm, runner, cache, metrics, settings, now, owner, fonts, channel }) {
    super();
    if (channel) {
      this.#notices = new Notices(channel, async (n) => {
        if (n.type === 'completed' && n.record) await this.#cache.adopt(n.record);
        this.dispatchEvent(new CustomEvent(`remote${n.type}`, { detail: n }));
      });
    }
    this.#fonts = fonts;
    this.#owner = owner;
    this.#wasm = wasm;
    this.#fontSets = FontSets.of(wasm);
    this.#table = new wasm.TaskTable(settings);
    this.#runner = runner;
    this.#cache = cache;
    this.#metrics = metrics;
    this.#now = now;
  }

  /**
   * Starts a snapshot and returns its task at once. A snapshot in memory (L1) gives a
   * completed task; one already pending or running for the same cache key gives that
   * task (single flight); otherwise a new task joins the queue.
   * @param {import('../index.js').SnapshotInput} snapshot
   * @param {import('../index.js').SnapshotOptions} [options]
   * @returns {Task}
   */
  create(snapshot, options = {}) {
    const start = performance.now();
    const { cache: read = true, store: write = true, priority = 0, signal, retry = false, fonts = this.#fonts, ...renderOptions } = options;
    const id = newId();
    if (++this.#created % 64 === 0) this.cleanup(); // finished records past their keep time
    let json;
    let key;
    try {
      // The text is kept for the worker and for persistence; the key is computed from
      // the caller's bytes when it passed bytes, so they are not encoded back.
      json = toJson(snapshot);
      const bytes = toUtf8(snapshot instanceof Uint8Array ? snapshot : json);
      key = this.#fontSets.get(fonts).cacheKey(bytes, renderOptions);
    } catch (e) {
      return this.#rejected(id, /** @type {Error} */ (e));
    }
    if (read) {
      const hit = this.#cache.peek(key);
      if (hit) {
        this.#table.recordCompleted(id, key, this.#now());
        const task = this.#remember(new Task(id, key));
        this.#sync(task);
        this.#finish(task, { pdf: hit.pdf, key, pages: hit.pages, source: 'l1', ms: performance.now() - start });
        return task;
      }
    }
    const created = this.#table.create(id, key, priority, this.#now());
    if (created.kind === 'joined') {
      const existing = this.#tasks.get(created.id);
      if (existing) {
        this.#metrics.increment('tasks.joined');
        return existing;
      }
    }
    const task = this.#remember(new Task(id, key));
    this.#jobs.set(id, { json, options: renderOptions, fonts, read, write, retry, start });
    this.#persist({ id, key, json, options: renderOptions, priority, read, write, retry, createdMs: this.#now(), owner: this.#owner?.id });
    if (signal) {
      if (signal.aborted) this.cancel(id);
      else signal.addEventListener('abort', () => this.cancel(id), { once: true });
    }
    this.#metrics.record('task.create_ms', performance.now() - start);
    queueMicrotask(() => this.#pump());
    return task;
  }

  /**
   * Writes a pending task to the store, so it survives a reload or a restart. A store
   * that fails only costs that (the task runs regardless).
   * @param {import('../index.js').PersistedTask} entry
   */
  #persist(entry) {
    this.#write(entry.id, () => this.#cache.saveTask(entry));
  }

  /** @param {string} id */
  #forget(id) {
    this.#write(id, () => this.#cache.removeTask(id));
  }

  /** @type {Map<string, Promise<void>>} the last store write of each task, in order */
  #writes = new Map();

  /**
   * Runs a store write for task `id` after the previous one for it, so a quick task's
   * removal never overtakes its save.
   * @param {string} id
   * @param {() => Promise<void>} op
   */
  #write(id, op) {
    const next = (this.#writes.get(id) ?? Promise.resolve()).then(op, op);
    this.#writes.set(id, next);
    void next.finally(() => {
      if (this.#writes.get(id) === next) this.#writes.delete(id);
    });
  }

  /** Resolves when every task write to the store so far has finished. */
  async settled() {
    await Promise.allSettled([...this.#writes.values()]);
  }

  /**
   * Takes up the tasks that were pending or running when the last page or process
   * ended (they were persisted with their snapshots) and runs them again with their
   * ids. Tasks whose key is already active here join that task instead.
   * @returns {Promise<Task[]>} the resumed tasks
   */
  async resume() {
    const entries = await this.#cache.loadTasks();
    const resumed = [];
    for (const e of entries) {
      if (this.#tasks.has(e.id)) continue;
      // Another engine that is still alive (a tab, a process) runs its own tasks.
      if (e.owner && e.owner !== this.#owner?.id && (await this.#owner?.isAlive(e.owner))) continue;
      const created = this.#table.create(e.id, e.key, e.priority ?? 0, this.#now());
      if (created.kind === 'joined') {
        this.#forget(e.id);
        continue;
      }
      const task = this.#remember(new Task(e.id, e.key));
      this.#jobs.set(e.id, { json: e.json, options: e.options, fonts: this.#fonts, read: e.read ?? true, write: e.write ?? true, retry: e.retry ?? false, start: performance.now() });
      this.#persist({ ...e, owner: this.#owner?.id }); // ours now
      resumed.push(task);
    }
    if (resumed.length) queueMicrotask(() => this.#pump());
    this.#metrics.increment('tasks.resumed', resumed.length);
    return resumed;
  }

  /** @param {Task} task */
  #remember(task) {
    this.#tasks.set(task.id, task);
    return task;
  }

  /** A task for input that has no cache key (it failed validation). @param {string} id @param {Error} error */
  #rejected(id, error) {
    const key = `invalid:${id}`;
    this.#table.create(id, key, 0, this.#now());
    const task = this.#remember(new Task(id, ''));
    this.#failTask(task, /** @type {any} */ (error).code ?? 'ERROR', error);
    return task;
  }

  /** Copies the Rust record's status, stage and progress onto the task. @param {Task} task */
  #sync(task) {
    const r = this.#table.get(task.id);
    if (!r) return;
    const moved = r.progress !== task.progress || r.stage !== task.stage || r.status !== task.status;
    task.status = r.status;
    task.stage = r.stage;
    task.progress = r.progress;
    if (moved) task.dispatchEvent(new CustomEvent('progress', { detail: { progress: r.progress, stage: r.stage, status: r.status } }));
  }

  #pump() {
    while (this.#running < this.#runner.size) {
      const id = this.#table.startNext(this.#now());
      if (id === undefined) return;
      this.#running += 1;
      this.#run(id).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }

  /** @param {string} id */
  async #run(id) {
    const task = /** @type {Task} */ (this.#tasks.get(id));
    const job = /** @type {{ json: string, options: object, fonts?: import('../index.js').FontSource[], read: boolean, write: boolean, retry: boolean, start: number }} */ (this.#jobs.get(id));
    this.#sync(task);
    const record = this.#table.get(id);
    if (record?.startedMs) this.#metrics.record('task.queue_ms', Math.max(0, record.startedMs - record.createdMs));
    this.#armDeadline(task);
    try {
      if (job.read) {
        const hit = await this.#cache.getPersistent(task.key);
        if (hit && this.#isRunning(id)) {
          this.#complete(task, { pdf: hit.pdf, key: task.key, pages: hit.pages, source: 'l2', ms: performance.now() - job.start });
          return;
        }
      }
      if (!this.#isRunning(id)) return;
      // A shared store's single flight: another process may be rendering this key.
      const lease = job.read && job.write && this.#cache.singleFlight ? await this.#cache.claim(task.key) : undefined;
      try {
        if (lease?.entry) {
          const hit = lease.entry;
          if (this.#isRunning(id)) this.#complete(task, { pdf: hit.pdf, key: task.key, pages: hit.pages, source: 'l2', ms: performance.now() - job.start });
          return;
        }
        if (!this.#isRunning(id)) return;
        const result = await this.#runner.run({ id, key: task.key, json: job.json, options: job.options, fonts: job.fonts }, (/** @type {import('../../pkg/snapdf.js').TaskStage} */ stage) => {
          if (!this.#isRunning(id)) return;
          this.#table.advance(id, stage);
          this.#sync(task);
        });
        this.#recordRender(result);
        const stored = job.write ? await this.#cache.put(task.key, { pdf: result.pdf, pages: result.pages, namespace: /** @type {any} */ (job.options).namespace ?? '' }) : undefined;
        if (this.#isRunning(id)) this.#complete(task, { pdf: result.pdf, key: task.key, pages: result.pages, source: 'render', ms: performance.now() - job.start }, stored);
      } finally {
        await lease?.release();
      }
    } catch (e) {
      if (!this.#isRunning(id)) return; // cancelled or timed out meanwhile: already settled
      const err = /** @type {Error & { code?: string }} */ (e);
      const record = this.#table.get(id);
      if (job.retry && (err.code === 'WORKER_CRASHED' || err.code === 'WASM_TRAP') && (record?.attempts ?? 0) < 2) {
        this.#clearDeadline(id);
        this.#table.requeue(id);
        this.#sync(task);
        return;
      }
      this.#failTask(task, err.code ?? 'ERROR', err);
    }
  }

  /** @param {string} id */
  #isRunning(id) {
    return this.#table.get(id)?.status === 'running';
  }

  /** @param {Task} task */
  #armDeadline(task) {
    const deadline = this.#table.get(task.id)?.deadlineMs;
    if (deadline == null) return;
    const timer = setTimeout(() => this.#timeout(task), Math.max(0, deadline - this.#now()));
    /** @type {any} */ (timer).unref?.();
    this.#timers.set(task.id, timer);
  }

  /** @param {string} id */
  #clearDeadline(id) {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  /** @param {Task} task */
  #timeout(task) {
    if (!this.#isRunning(task.id)) return;
    const limit = this.#table.get(task.id);
    const err = Object.assign(new Error(`task ${task.id} passed its deadline of ${(limit?.deadlineMs ?? 0) - (limit?.startedMs ?? 0)} ms`), { name: 'SnapdfError', code: 'TIMEOUT' });
    this.#failTask(task, 'TIMEOUT', err);
    this.#runner.abort(task.id, err);
  }

  /**
   * @param {Task} task @param {import('../index.js').EngineResult} result
   * @param {import('../index.js').CacheRecord} [stored] the persistent entry a render wrote
   */
  #complete(task, result, stored) {
    this.#table.complete(task.id, this.#now());
    this.#finish(task, result, stored);
  }

  /**
   * Settles a completed task; a fresh render is announced to the other engines on the
   * store, with the entry it wrote there.
   * @param {Task} task @param {import('../index.js').EngineResult} result
   * @param {import('../index.js').CacheRecord} [stored]
   */
  #finish(task, result, stored) {
    this.#clearDeadline(task.id);
    this.#jobs.delete(task.id);
    this.#forget(task.id);
    this.#sync(task);
    this.#metrics.record('snapshot.ms', result.ms);
    this.#metrics.increment('outcome.completed');
    if (result.source === 'render') {
      this.#notices?.announce({ type: 'completed', id: task.id, key: task.key, pages: result.pages, bytes: result.pdf.length, ms: result.ms, record: stored });
    }
    task.resolve(result);
    task.dispatchEvent(new CustomEvent('completed', { detail: result }));
    this.dispatchEvent(new CustomEvent('completed', { detail: { task, result } }));
  }

  /** @param {Task} task @param {string} code @param {Error} error */
  #failTask(task, code, error) {
    this.#table.fail(task.id, code, error.message, this.#now());
    this.#clearDeadline(task.id);
    this.#jobs.delete(task.id);
    this.#forget(task.id);
    task.error = error;
    this.#sync(task);
    this.#metrics.increment(code === 'TIMEOUT' ? 'outcome.timed_out' : `outcome.failed.${code.toLowerCase()}`);
    // A snapshot refused before it became a task (no key) concerns only its caller.
    if (task.key) this.#notices?.announce({ type: 'failed', id: task.id, key: task.key, code, message: error.message });
    task.reject(error);
    task.dispatchEvent(new CustomEvent('failed', { detail: error }));
    this.dispatchEvent(new CustomEvent('failed', { detail: { task, error } }));
  }

  /**
   * Cancels a pending or running task; its promise rejects with an `AbortError`.
   * @param {string} id
   * @returns {boolean} whether it was cancelled (false if unknown or already ended)
   */
  cancel(id) {
    const task = this.#tasks.get(id);
    const r = this.#table.get(id);
    if (!task || !r || r.status === 'completed' || r.status === 'failed' || r.status === 'cancelled') return false;
    const wasRunning = r.status === 'running';
    this.#table.cancel(id, this.#now());
    const err = Object.assign(new Error(`task ${id} was cancelled`), { name: 'AbortError', code: 'CANCELLED' });
    this.#clearDeadline(id);
    this.#jobs.delete(id);
    this.#forget(id);
    task.error = err;
    this.#sync(task);
    if (wasRunning) this.#runner.abort(id, err);
    this.#metrics.increment('outcome.cancelled');
    task.reject(err);
    task.dispatchEvent(new CustomEvent('cancelled', { detail: err }));
    this.dispatchEvent(new CustomEvent('cancelled', { detail: { task } }));
    return true;
  }

  /** @param {import('../workers/protocol.js').RenderJobResult} r */
  #recordRender(r) {
    const m = this.#metrics;
    const s = r.stages;
    m.record('render.ms', s.validateMs + s.keyMs + s.layoutMs + s.pdfMs);
    m.record('render.stage.validate_ms', s.validateMs);
    m.record('render.stage.key_ms', s.keyMs);
    m.record('render.stage.layout_ms', s.layoutMs);
    m.record('render.stage.pdf_ms', s.pdfMs);
    m.record('pdf.bytes', r.pdf.length);
    m.record('pdf.pages', r.pages);
  }

  /** @param {string} id @returns {Task | undefined} */
  get(id) {
    return this.#tasks.get(id);
  }

  /**
   * Task records (id, key, status, stage, progress, times, failure), oldest first.
   * @param {{ status?: import('../../pkg/snapdf.js').TaskStatus }} [filter]
   */
  list({ status } = {}) {
    return this.#table.list(status);
  }

  /** Forgets finished tasks past their keep time. */
  cleanup() {
    for (const id of this.#table.cleanup(this.#now())) this.#tasks.delete(id);
  }

  /** Stops the runner (pending and running tasks fail) and leaves the channel. */
  close() {
    this.#notices?.close();
    this.#runner.close();
  }
}
