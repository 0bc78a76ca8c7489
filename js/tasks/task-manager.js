// Tasks: createSnapshot answers at once with a Task; the work runs in the background on
// a runner (a worker pool, or the calling thread). Every rule (legal state changes,
// forward-only progress, one run per cache key, queue order, deadlines) is the Rust
// TaskTable's; this class runs the work and keeps Task objects in step with it.
//
// A run is one render of a cache key: one record in the TaskTable. A Task is one
// caller's request: the first request for a key starts a run (and shares its id), later
// ones join it. Each request has its own id, `done`, signal and cancel; the run stops
// when no request wants it any more.
//
// Pending runs are persisted with their snapshot through the cache's store (it owns the
// store and its degraded mode) and taken up again by resume().
//
// Nothing in here may throw out of a callback (a timer, a worker's message, a signal):
// that would end the Node process. A WebAssembly trap in the bookkeeping on this thread
// (the task table, metrics, the cache policy) fails every task with WASM_TRAP, and the
// engine then refuses new work with the same error (js/trap.js).
import { decodeUtf8, toJson, toUtf8 } from '../engine.js';
import { snapdfError } from '../errors.js';
import { FontSets } from '../font-sets.js';
import { leftOut } from '../json-fault.js';
import { TASK_OPTIONS, checkTaskOptions, withEveryOption } from '../options.js';
import { isPoisoning, markTrapped, trapOf } from '../trap.js';
import { Notices } from './notices.js';

let counter = 0;

/** A fresh task id: time-ordered and unique within this page or process. */
function newId() {
  counter += 1;
  return `t${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

const EMIT = Symbol('emit');
const RELEASE = Symbol('release');
const SETTLE = Symbol('settle');
const KEY = Symbol('key');

/** The statuses after which nothing happens to a task. */
const FINAL = new Set(['completed', 'failed', 'cancelled']);

/**
 * One request for a PDF: each createSnapshot call gets its own, even when it shares a
 * run (one render per cache key) with other requests. Fires `progress`, then
 * `completed`, `failed` or `cancelled`; `done` resolves to the result or rejects with
 * the cause (a SnapdfError).
 *
 * Events never fire before createSnapshot has returned: what happened inside it (a PDF
 * in memory, an invalid snapshot) is dispatched on a microtask after it returns, so a
 * listener added right after the call hears it. A listener for `completed`, `failed` or
 * `cancelled` added after that event fired is called once with it, on a microtask: a
 * late listener still learns the outcome.
 */
export class Task extends EventTarget {
  /** @type {(() => void)[] | undefined} events held until createSnapshot returns */
  #held;
  /** @type {CustomEvent | undefined} the terminal event, once dispatched */
  #ended;
  /** @type {(value: import('../index.js').EngineResult) => void} */
  #resolve = () => {};
  /** @type {(error: Error) => void} */
  #reject = () => {};
  /** @type {(key: string) => void} */
  #keyed = () => {};
  #withdraw;

  /**
   * @param {string} id this request's id
   * @param {string} runId the id of the run it shares (its own id when it started one)
   * @param {string} key
   * @param {{ held: boolean, withdraw: (task: Task) => boolean }} o `held`: hold events
   *   until released; `withdraw`: cancels this request
   */
  constructor(id, runId, key, { held, withdraw }) {
    super();
    /** This request's id: `engine.cancel(id)` and `engine.getTask(id)` take it. */
    this.id = id;
    /** The id of the run (one render) this request shares; `listTasks()` lists runs. */
    this.runId = runId;
    /**
     * The cache key of what it renders: "" until it is known (an engine whose workers
     * key the snapshots learns it a moment after createSnapshot returns, with the `key`
     * event), and "" for a snapshot that was refused.
     */
    this.key = key;
    /**
     * Resolves to the cache key once it is known (at once where the calling thread keys
     * the snapshot), or to "" if the snapshot was refused (then `done` rejects).
     * @type {Promise<string>}
     */
    this.keyed = new Promise((resolve) => {
      this.#keyed = resolve;
    });
    /** @type {import('../../pkg/snapdf.js').TaskStatus} */
    this.status = 'pending';
    /** @type {import('../../pkg/snapdf.js').TaskStage} */
    this.stage = 'queued';
    /** Progress in percent, 0 to 100; only moves forward. */
    this.progress = 0;
    /** @type {Error | undefined} why it failed or was cancelled */
    this.error = undefined;
    this.#held = held ? [] : undefined;
    this.#withdraw = withdraw;
    /** @type {Promise<import('../index.js').EngineResult>} */
    this.done = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A task nobody awaits must not crash Node with an unhandled rejection.
    this.done.catch(() => {});
  }

  /**
   * Withdraws this request: its `done` rejects with CANCELLED. The render goes on for
   * the other requests that share it, and stops when none is left.
   * @returns {boolean} false if this request had already ended
   */
  cancel() {
    return this.#withdraw(this);
  }

  /**
   * Adds a listener; one for `completed`, `failed` or `cancelled` added after that event
   * fired is called with it once, on a microtask.
   * @param {string} type
   * @param {EventListenerOrEventListenerObject | null} listener
   * @param {boolean | AddEventListenerOptions} [options]
   */
  addEventListener(type, listener, options) {
    super.addEventListener(type, listener, options);
    const ended = this.#ended;
    if (!ended || ended.type !== type || !listener) return;
    queueMicrotask(() => {
      if (typeof options === 'object' && options.once) super.removeEventListener(type, listener, options);
      if (typeof listener === 'function') listener.call(this, ended);
      else listener.handleEvent(ended);
    });
  }

  /**
   * Dispatches an event now, or once released if events are held; `echo` fires the
   * engine-level event at the same moment.
   * @param {string} type @param {unknown} detail @param {() => void} [echo]
   */
  [EMIT](type, detail, echo) {
    const fire = () => {
      const event = new CustomEvent(type, { detail });
      if (FINAL.has(type)) this.#ended = event;
      this.dispatchEvent(event);
      echo?.();
    };
    if (this.#held) this.#held.push(fire);
    else fire();
  }

  /**
   * Sets the key, resolves `keyed` and fires `key` (with `{ key }`); "" settles `keyed`
   * for a refused snapshot without an event.
   * @param {string} key
   */
  [KEY](key) {
    this.key = key;
    this.#keyed(key);
    if (key) this[EMIT]('key', { key });
  }

  /** Dispatches the held events (createSnapshot has returned) and stops holding. */
  [RELEASE]() {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const fire of held) fire();
  }

  /**
   * Ends this request: sets its status and settles `done`.
   * @param {'completed' | 'failed' | 'cancelled'} status
   * @param {{ result?: import('../index.js').EngineResult, error?: Error }} outcome
   */
  [SETTLE](status, { result, error }) {
    this.status = status;
    this.#keyed(this.key);
    if (error) {
      this.error = error;
      this.#reject(error);
    } else {
      this.#resolve(/** @type {import('../index.js').EngineResult} */ (result));
    }
  }
}

/**
 * One render of a cache key, shared by the requests (tasks) that want it.
 * @typedef {object} Run
 * @property {string} id the TaskTable record's id
 * @property {string} key
 * @property {Set<Task>} wanting the requests that have not ended
 * @property {string[]} members the ids of every request it had (forgotten with it)
 */

/**
 * What a run is allowed, and how much of it is used (see #armDeadline).
 * @typedef {{ leftMs: number, since: number, handedAt?: number, timer?: ReturnType<typeof setTimeout> }} Budget
 */

/**
 * A run's job: the snapshot as JSON text, or as UTF-8 bytes where the caller gave bytes
 * and a worker keys them.
 * @typedef {{ json: string | Uint8Array, options: any, fonts?: import('../index.js').FontSource[], read: boolean, write: boolean, retry: boolean, start: number }} Job
 */

/**
 * A request as createSnapshot read it, until it is placed.
 * @typedef {Job & { id: string, priority: number, signal?: AbortSignal }} Request
 */

export class TaskManager extends EventTarget {
  #wasm;
  #table;
  #runner;
  #cache;
  #metrics;
  #now;
  /** @type {Map<string, Task>} every request by its id */
  #tasks = new Map();
  /** @type {Map<string, Run>} every run by its id, until its record is cleaned up */
  #runs = new Map();
  /** @type {Map<string, Job>} */
  #jobs = new Map();
  /** @type {import('../index.js').FontSource[] | undefined} */
  #fonts;
  /** @type {object | undefined} the engine's theme, under each snapshot's own */
  #theme;
  /** @type {FontSets | undefined} the keying module's copy of each list of fonts; none: the runner keys */
  #fontSets;
  /** @type {Map<string, Task>} requests whose key the runner is computing */
  #keying = new Map();
  /** @type {Map<string, Promise<string>>} the runner's keys on their way, by options and JSON text */
  #keysOnTheWay = new Map();
  #running = 0;
  #created = 0;
  /** @type {import('../index.js').TaskOwner | undefined} */
  #owner;
  /** @type {Map<string, Budget>} the deadline budget of each running run */
  #budgets = new Map();
  /** @type {Notices | undefined} */
  #notices;
  /** @type {Error | undefined} set once the module trapped: every call fails with it */
  #trapped;

  /**
   * @param {object} o
   * @param {typeof import('../../pkg/snapdf.js')} o.wasm
   * @param {{ run: Function, abort: Function, close: Function, size: number, reportsStart?: boolean, key?: Function }} o.runner
   * @param {import('../cache/cache.js').SnapshotCache} o.cache
   * @param {import('../metrics.js').EngineMetrics} o.metrics
   * @param {import('../../pkg/snapdf.js').TaskSettings} [o.settings]
   * @param {() => number} o.now
   * @param {import('../index.js').TaskOwner} [o.owner] who this engine is, and whether
   *   another owner is still alive (its persisted tasks are then not taken up)
   * @param {import('../index.js').FontSource[]} [o.fonts] fonts every snapshot may name
   * @param {object} [o.theme] the theme every snapshot's own goes over (a render option
   *   of every task that gives none)
   * @param {ConstructorParameters<typeof Notices>[0]} [o.channel] a BroadcastChannel shared
   *   with the other engines on the same store: renders and failures are announced on it,
   *   and theirs arrive as `remotecompleted` and `remotefailed` events
   * @param {typeof import('../../pkg/snapdf.js') | null} [o.keys] the module that keys
   *   snapshots on this thread (default `wasm`); null: the runner keys them where it
   *   renders (`runner.key(job)`), and each task learns its key a moment later
   */
  constructor({ wasm, runner, cache, metrics, settings, now, owner, fonts, theme, channel, keys = wasm }) {
    super();
    if (channel) {
      this.#notices = new Notices(channel, async (n) => {
        if (n.type === 'completed' && n.record) await this.#cache.adopt(n.record);
        this.dispatchEvent(new CustomEvent(`remote${n.type}`, { detail: n }));
      });
    }
    this.#fonts = fonts;
    this.#theme = theme;
    this.#owner = owner;
    this.#wasm = wasm;
    this.#fontSets = keys ? FontSets.of(keys) : undefined;
    this.#table = new wasm.TaskTable(settings);
    this.#runner = runner;
    this.#cache = cache;
    this.#metrics = metrics;
    this.#now = now;
  }

  /**
   * Starts a snapshot and returns this request's task at once. A snapshot in memory (L1)
   * gives a completed task; one already pending or running for the same cache key gives
   * a task that joins that run (single flight); otherwise a new run joins the queue.
   * Its events fire after this returns (see Task).
   * @param {import('../index.js').SnapshotInput} snapshot
   * @param {import('../index.js').SnapshotOptions} [options]
   * @returns {Task}
   */
  create(snapshot, options = {}) {
    const id = newId();
    let task;
    try {
      this.#checkTrap();
      task = this.#create(id, snapshot, options ?? {});
    } catch (e) {
      task = this.#refused(id, this.#internal(e));
    }
    queueMicrotask(() => task[RELEASE]());
    return task;
  }

  /**
   * @param {string} id
   * @param {import('../index.js').SnapshotInput} snapshot
   * @param {import('../index.js').SnapshotOptions} options
   */
  #create(id, snapshot, options) {
    const start = performance.now();
    const { cache: read = true, store: write = true, priority = 0, signal, retry = false, fonts = this.#fonts, ...given } = options;
    const renderOptions = this.#theme === undefined || given.theme !== undefined ? given : { ...given, theme: this.#theme };
    if (++this.#created % 64 === 0) this.cleanup(); // finished records past their keep time
    /** @type {Request} */
    let request;
    /** @param {unknown} e */
    const refuse = (e) => asSnapdfError(withEveryOption(leftOut(e, snapshot), ['fonts', ...TASK_OPTIONS]));
    try {
      checkTaskOptions(/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (options)));
      if (!this.#fontSets) {
        // The worker reads it: bytes go as they are (a copy, since the caller keeps
        // theirs), decoded for persistence only when the task is written.
        const json = snapshot instanceof Uint8Array ? snapshot.slice() : toJson(snapshot);
        return this.#keyLater({ id, json, options: renderOptions, fonts, read, write, retry, priority, signal, start }, refuse);
      }
      // The text is kept for the worker and for persistence.
      const json = toJson(snapshot);
      request = { id, json, options: renderOptions, fonts, read, write, retry, priority, signal, start };
      // The key is computed from the caller's bytes when it passed bytes, so they are
      // not encoded back.
      const bytes = toUtf8(snapshot instanceof Uint8Array ? snapshot : json);
      return this.#place(request, this.#fontSets.get(fonts).cacheKey(bytes, renderOptions));
    } catch (e) {
      if (isPoisoning(e) || trapOf(this.#wasm)) throw e; // create() poisons the engine
      return this.#rejected(id, refuse(e));
    }
  }

  /**
   * A request whose key the runner computes where it renders: its task comes back at
   * once (key "", pending, queued) and is placed when the key arrives (#place). Until
   * then cancelling it only ends it; a refused snapshot fails it as on this thread.
   * @param {Request} request
   * @param {(e: unknown) => Error & { code: string }} refuse the error in the caller's words
   */
  #keyLater(request, refuse) {
    const { id } = request;
    const task = new Task(id, id, '', { held: true, withdraw: (t) => this.#withdraw(t) });
    this.#tasks.set(id, task);
    this.#keying.set(id, task);
    // Persisted at once, its key to be computed again when it is taken up: a page closed
    // before the worker answered still has the request resumed.
    const entry = { id, key: '', options: request.options, priority: request.priority, read: request.read, write: request.write, retry: request.retry, createdMs: this.#now(), owner: this.#owner?.id };
    this.#write(id, async () => {
      const { json } = request;
      if (typeof json === 'string') return this.#cache.saveTask({ ...entry, json });
      // Bytes that are not UTF-8 fail the task when the worker reads them: nothing to keep.
      const text = await Promise.resolve().then(() => decodeUtf8(json)).catch(() => undefined);
      if (text !== undefined) await this.#cache.saveTask({ ...entry, json: text });
    });
    this.#keyOfText(request).then(
      (/** @type {string} */ key) => this.#callback(() => {
        if (!this.#keying.delete(id)) return; // cancelled meanwhile, or the engine trapped
        try {
          this.#place(request, key, task);
        } catch (e) {
          if (isPoisoning(e) || trapOf(this.#wasm)) throw e; // #internal poisons the engine
          this.#forget(id);
          this.#end(task, 'failed', { error: asSnapdfError(e) });
        }
      }),
      (/** @type {unknown} */ e) => this.#callback(() => {
        if (!this.#keying.delete(id)) return;
        if (isPoisoning(e) || trapOf(this.#wasm)) throw e;
        this.#rejected(id, refuse(e), task);
      }),
    );
    this.#metrics.record('task.create_ms', performance.now() - request.start);
    return this.#watch(task, request.signal);
  }

  /**
   * The key of a request's snapshot, from the runner; a request with the same JSON text,
   * options and fonts as one whose key is on its way shares that answer (the same text
   * has the same key). So two requests for the same snapshot made together are placed
   * in order, the second joining the first's run, as when this thread keys them.
   * @param {Request} request
   * @returns {Promise<string>}
   */
  #keyOfText(request) {
    const { id, json, options, fonts } = request;
    const text = fonts === this.#fonts && typeof json === 'string' ? `${JSON.stringify(options)}\u0000${json}` : undefined;
    const known = text === undefined ? undefined : this.#keysOnTheWay.get(text);
    if (known) return known;
    const key = /** @type {Promise<string>} */ (/** @type {Function} */ (this.#runner.key)({ id, json, options, fonts }));
    if (text !== undefined) {
      this.#keysOnTheWay.set(text, key);
      const done = () => this.#keysOnTheWay.delete(text);
      key.then(done, done);
    }
    return key;
  }

  /**
   * Places a keyed request: a PDF in memory (L1) completes it; a pending or running run
   * of the same key takes it in (single flight); otherwise a new run joins the queue.
   * @param {Request} request
   * @param {string} key
   * @param {Task} [task] its task, if it was handed out before the key was known
   * @returns {Task}
   */
  #place(request, key, task) {
    const { id, json, options, fonts, read, write, retry, priority, signal, start } = request;
    task?.[KEY](key);
    if (read) {
      const hit = this.#cache.peek(key);
      if (hit) {
        this.#table.recordCompleted(id, key, this.#now());
        const run = this.#startRun(id, key, true, task);
        this.#finish(run, { pdf: /** @type {import('../index.js').PdfBytes} */ (hit.pdf), key, pages: hit.pages, warnings: hit.warnings ?? [], source: 'l1', ms: performance.now() - start });
        return /** @type {Task} */ (this.#tasks.get(id));
      }
    }
    const created = this.#table.create(id, key, priority, this.#now());
    const joined = created.kind === 'joined' ? this.#runs.get(created.id) : undefined;
    if (joined) {
      this.#metrics.increment('tasks.joined');
      if (task) this.#forget(id); // persisted before its key: the run it joined is
      const member = this.#join(joined, id, true, task);
      return task ? member : this.#watch(member, signal);
    }
    const run = this.#startRun(id, key, true, task);
    this.#jobs.set(id, { json, options, fonts, read, write, retry, start });
    // A request keyed by the runner was persisted when it was made (its key is computed
    // again when it is taken up): one write, not two.
    if (!task) this.#persist({ id, key, json: /** @type {string} */ (json), options, priority, read, write, retry, createdMs: this.#now(), owner: this.#owner?.id });
    if (!task) this.#metrics.record('task.create_ms', performance.now() - start);
    queueMicrotask(() => this.#pump());
    const first = /** @type {Task} */ (this.#tasks.get(run.id));
    return task ? first : this.#watch(first, signal);
  }

  /**
   * A new run with its first request (which shares its id).
   * @param {string} id @param {string} key @param {boolean} held hold the request's events until createSnapshot returns
   * @param {Task} [task] the request's task, if it was handed out already
   * @returns {Run}
   */
  #startRun(id, key, held, task) {
    /** @type {Run} */
    const run = { id, key, wanting: new Set(), members: [] };
    this.#runs.set(id, run);
    this.#join(run, id, held, task);
    return run;
  }

  /**
   * A request `id` for the run: its task, in step with the run's record.
   * @param {Run} run @param {string} id @param {boolean} held
   * @param {Task} [given] the request's task, if it was handed out already
   */
  #join(run, id, held, given) {
    const key = run.key.startsWith('invalid:') ? '' : run.key;
    const task = given ?? new Task(id, run.id, key, { held, withdraw: (t) => this.#withdraw(t) });
    task.runId = run.id;
    if (!given) task[KEY](key);
    this.#tasks.set(id, task);
    run.wanting.add(task);
    run.members.push(id);
    this.#copy(task, this.#table.get(run.id));
    return task;
  }

  /**
   * Withdraws `task` when `signal` aborts (at once if it already has).
   * @param {Task} task @param {AbortSignal | undefined} signal
   */
  #watch(task, signal) {
    if (!signal) return task;
    if (signal.aborted) {
      this.#withdraw(task);
      return task;
    }
    const onAbort = () => this.#callback(() => this.#withdraw(task));
    signal.addEventListener('abort', onAbort, { once: true });
    const off = () => signal.removeEventListener('abort', onAbort);
    task.done.then(off, off);
    return task;
  }

  /**
   * Writes a pending run to the store, so it survives a reload or a restart. A store
   * that fails only costs that (the run goes on regardless).
   * @param {import('../index.js').PersistedTask} entry
   */
  #persist(entry) {
    this.#write(entry.id, () => this.#cache.saveTask(entry));
  }

  /** @param {string} id */
  #forget(id) {
    this.#write(id, () => this.#cache.removeTask(id));
  }

  /** @type {Map<string, Promise<void>>} the last store write of each run, in order */
  #writes = new Map();

  /**
   * Runs a store write for run `id` after the previous one for it, so a quick run's
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
   * The cache key of a persisted run as this engine computes it now, or undefined if it
   * cannot be computed (the snapshot or its options no longer check out).
   * @param {{ id: string, json: string, options?: object }} e
   * @returns {Promise<string | undefined>}
   */
  async #keyOf(e) {
    try {
      if (!this.#fontSets) return await /** @type {Function} */ (this.#runner.key)({ id: e.id, json: e.json, options: e.options ?? {}, fonts: this.#fonts });
      return this.#fontSets.get(this.#fonts).cacheKey(toUtf8(e.json), e.options ?? {});
    } catch (err) {
      if (isPoisoning(err) || trapOf(this.#wasm)) throw err;
      return undefined;
    }
  }

  /**
   * Takes up the runs that were pending or running when the last page or process
   * ended (they were persisted with their snapshots) and runs them again with their
   * ids. Runs whose key is already active here are dropped (that run renders it), and
   * so are runs whose key this engine computes differently (another font file under
   * the same name, an edited task file): counted as `tasks.resume_refused`.
   * @returns {Promise<Task[]>} the resumed tasks
   */
  async resume() {
    const entries = await this.#cache.loadTasks();
    const resumed = [];
    try {
      this.#checkTrap();
      for (const e of entries) {
        if (this.#tasks.has(e.id)) continue;
        // Another engine that is still alive (a tab, a process) runs its own tasks.
        if (e.owner && e.owner !== this.#owner?.id && (await this.#owner?.isAlive(e.owner))) continue;
        this.#checkTrap();
        // The key is computed again from what the run will render, with this engine's
        // fonts: a font file changed under its name since, or a task file edited, would
        // otherwise store one PDF under another snapshot's (or tenant's) key.
        // A run persisted before its key was known ("") takes the key computed now.
        const key = await this.#keyOf(e);
        if (key === undefined || (e.key !== '' && key !== e.key)) {
          this.#forget(e.id);
          this.#metrics.increment('tasks.resume_refused', 1);
          continue;
        }
        if (this.#tasks.has(e.id)) continue;
        const created = this.#table.create(e.id, key, e.priority ?? 0, this.#now());
        if (created.kind === 'joined') {
          this.#forget(e.id);
          continue;
        }
        this.#startRun(e.id, key, false);
        this.#jobs.set(e.id, { json: e.json, options: e.options, fonts: this.#fonts, read: e.read ?? true, write: e.write ?? true, retry: e.retry ?? false, start: performance.now() });
        this.#persist({ ...e, key, owner: this.#owner?.id }); // ours now
        resumed.push(/** @type {Task} */ (this.#tasks.get(e.id)));
      }
      if (resumed.length) queueMicrotask(() => this.#pump());
      this.#metrics.increment('tasks.resumed', resumed.length);
    } catch (e) {
      this.#internal(e);
    }
    return resumed;
  }

  /**
   * A request refused before it became a run (no key): the snapshot or an option is
   * wrong. Recorded as a failed run of its own, so it is listed like any other.
   * @param {string} id @param {Error & { code: string }} error
   * @param {Task} [task] its task, if it was handed out before its key was known
   */
  #rejected(id, error, task) {
    const key = `invalid:${id}`;
    this.#table.create(id, key, 0, this.#now());
    const run = this.#startRun(id, key, true, task);
    this.#failRun(run, error);
    return /** @type {Task} */ (this.#tasks.get(id));
  }

  /**
   * A request failed with `error` without the module (it trapped): no record, nothing
   * but the task.
   * @param {string} id @param {Error} error
   */
  #refused(id, error) {
    const task = new Task(id, id, '', { held: true, withdraw: () => false });
    this.#tasks.set(id, task);
    this.#end(task, 'failed', { error });
    return task;
  }

  /**
   * Copies a run's record (status, stage, progress) onto one of its tasks; fires
   * `progress` if it moved.
   * @param {Task} task @param {import('../../pkg/snapdf.js').TaskRecord | undefined} r
   */
  #copy(task, r) {
    if (!r) return;
    const moved = r.progress !== task.progress || r.stage !== task.stage || r.status !== task.status;
    task.status = r.status;
    task.stage = r.stage;
    task.progress = r.progress;
    if (moved) task[EMIT]('progress', { progress: r.progress, stage: r.stage, status: r.status });
  }

  /** Copies the run's record onto every task that still wants it. @param {Run} run */
  #sync(run) {
    const r = this.#table.get(run.id);
    for (const task of run.wanting) this.#copy(task, r);
  }

  #pump() {
    if (this.#trapped) return;
    this.#callback(() => {
      this.#checkTrap();
      while (this.#running < this.#runner.size) {
        const id = this.#table.startNext(this.#now());
        if (id === undefined) return;
        this.#running += 1;
        this.#run(id)
          .catch((e) => this.#internal(e, id))
          .finally(() => {
            this.#running -= 1;
            this.#pump();
          });
      }
    });
  }

  /** @param {string} id */
  async #run(id) {
    const run = /** @type {Run} */ (this.#runs.get(id));
    const job = /** @type {Job} */ (this.#jobs.get(id));
    this.#sync(run);
    const record = this.#table.get(id);
    if (record?.startedMs) this.#metrics.record('task.queue_ms', Math.max(0, record.startedMs - record.createdMs));
    this.#armDeadline(run);
    try {
      if (job.read) {
        const hit = await this.#cache.getPersistent(run.key);
        if (hit && this.#isRunning(id)) {
          this.#complete(run, { pdf: /** @type {import('../index.js').PdfBytes} */ (hit.pdf), key: run.key, pages: hit.pages, warnings: hit.warnings ?? [], source: 'l2', ms: performance.now() - job.start });
          return;
        }
      }
      if (!this.#isRunning(id)) return;
      // A shared store's single flight: another process may be rendering this key.
      const lease = job.read && job.write && this.#cache.singleFlight ? await this.#cache.claim(run.key) : undefined;
      try {
        if (lease?.entry) {
          const hit = lease.entry;
          if (this.#isRunning(id)) this.#complete(run, { pdf: /** @type {import('../index.js').PdfBytes} */ (hit.pdf), key: run.key, pages: hit.pages, warnings: hit.warnings ?? [], source: 'l2', ms: performance.now() - job.start });
          return;
        }
        if (!this.#isRunning(id)) return;
        // The deadline counts running time: the wait for a worker is given back when
        // the runner reports that the job started.
        this.#handOver(id);
        const result = await this.#runner.run(
          { id, key: run.key, json: job.json, options: job.options, fonts: job.fonts },
          (/** @type {import('../../pkg/snapdf.js').TaskStage} */ stage) =>
            this.#callback(() => {
              if (!this.#isRunning(id)) return;
              this.#table.advance(id, stage);
              this.#sync(run);
            }, id),
          () => this.#callback(() => this.#started(run), id),
        );
        this.#recordRender(result);
        const stored = job.write ? await this.#cache.put(run.key, { pdf: result.pdf, pages: result.pages, namespace: /** @type {any} */ (job.options).namespace ?? '', warnings: result.warnings }) : undefined;
        if (this.#isRunning(id)) this.#complete(run, { pdf: result.pdf, key: run.key, pages: result.pages, warnings: result.warnings ?? [], source: 'render', ms: performance.now() - job.start }, stored);
      } finally {
        await lease?.release();
      }
    } catch (e) {
      if (isPoisoning(e) || trapOf(this.#wasm)) throw e; // #internal poisons the engine
      if (!this.#isRunning(id)) return; // cancelled or timed out meanwhile: already settled
      const err = asSnapdfError(e);
      const record = this.#table.get(id);
      if (job.retry && (err.code === 'WORKER_CRASHED' || err.code === 'WASM_TRAP') && (record?.attempts ?? 0) < 2) {
        this.#clearDeadline(id);
        this.#table.requeue(id);
        this.#sync(run);
        return;
      }
      this.#failRun(run, err);
    }
  }

  /** @param {string} id */
  #isRunning(id) {
    return this.#table.get(id)?.status === 'running';
  }

  /**
   * Starts a run's deadline clock with the budget the table gave it (its deadline less
   * its start). The clock runs while the run works (the persistent cache lookup, the
   * render, storing the PDF); the time a job waits for a worker, from its handing over
   * to the runner (#handOver) to the runner's report that it started (#started), is
   * given back. So a quick render queued behind a slow one is not timed out by the wait.
   * A runner that never reports starts has its jobs timed from the handing over.
   * @param {Run} run
   */
  #armDeadline(run) {
    const r = this.#table.get(run.id);
    if (r?.deadlineMs == null || r.startedMs == null) return;
    this.#budgets.set(run.id, { leftMs: r.deadlineMs - r.startedMs, since: performance.now() });
    this.#setTimer(run);
  }

  /** @param {Run} run */
  #setTimer(run) {
    const budget = this.#budgets.get(run.id);
    if (!budget) return;
    clearTimeout(budget.timer);
    budget.timer = setTimeout(() => this.#callback(() => this.#timeout(run), run.id), Math.max(0, budget.leftMs));
    /** @type {any} */ (budget.timer).unref?.();
  }

  /**
   * The job goes to the runner: from now on it may wait for a worker. With a runner that
   * reports starts, the clock stops until the start (a wait longer than the deadline,
   * such as a replaced worker's boot, is no timeout); with one that does not, it runs on.
   * @param {string} id
   */
  #handOver(id) {
    const budget = this.#budgets.get(id);
    if (!budget) return;
    budget.handedAt = performance.now();
    if (this.#runner.reportsStart) clearTimeout(budget.timer);
  }

  /** A worker started the job: the clock restarts with what was left at the handing over. @param {Run} run */
  #started(run) {
    const budget = this.#budgets.get(run.id);
    if (budget?.handedAt === undefined) return;
    budget.leftMs -= budget.handedAt - budget.since;
    budget.since = performance.now();
    budget.handedAt = undefined;
    this.#setTimer(run);
  }

  /** @param {string} id */
  #clearDeadline(id) {
    clearTimeout(this.#budgets.get(id)?.timer);
    this.#budgets.delete(id);
  }

  /** @param {Run} run */
  #timeout(run) {
    if (!this.#isRunning(run.id)) return;
    const limit = this.#table.get(run.id);
    const ms = (limit?.deadlineMs ?? 0) - (limit?.startedMs ?? 0);
    const err = snapdfError('TIMEOUT', `task ${run.id} passed its deadline of ${ms} ms of running time`);
    this.#failRun(run, err);
    this.#runner.abort(run.id, err);
  }

  /**
   * @param {Run} run @param {import('../index.js').EngineResult} result
   * @param {import('../index.js').CacheRecord} [stored] the persistent entry a render wrote
   */
  #complete(run, result, stored) {
    this.#table.complete(run.id, this.#now());
    this.#finish(run, result, stored);
  }

  /**
   * Settles a completed run's tasks; a fresh render is announced to the other engines
   * on the store, with the entry it wrote there. `result.pdf` must be bytes no one else
   * holds (a render's, a store read's, or an L1 copy): the cache keeps its own copy.
   * @param {Run} run @param {import('../index.js').EngineResult} result
   * @param {import('../index.js').CacheRecord} [stored]
   */
  #finish(run, result, stored) {
    this.#release(run.id);
    this.#sync(run);
    this.#metrics.record('snapshot.ms', result.ms);
    this.#metrics.increment('outcome.completed');
    if (result.source === 'render') {
      this.#notices?.announce({ type: 'completed', id: run.id, key: run.key, pages: result.pages, bytes: result.pdf.length, ms: result.ms, record: stored });
    }
    // Each request gets bytes of its own (the first the run's, the others copies), so
    // one caller's writes never reach another; with memory.shareResults they share them.
    this.#drain(run).forEach((task, i) => this.#end(task, 'completed', { result: i === 0 ? result : { ...result, pdf: this.#cache.own(result.pdf) } }));
  }

  /** @param {Run} run @param {Error & { code: string }} error */
  #failRun(run, error) {
    const code = error.code;
    this.#table.fail(run.id, code, error.message, this.#now());
    this.#release(run.id);
    this.#sync(run);
    this.#metrics.increment(code === 'TIMEOUT' ? 'outcome.timed_out' : `outcome.failed.${code.toLowerCase()}`);
    // A snapshot refused before it became a run (no key) concerns only its caller.
    if (!run.key.startsWith('invalid:')) this.#notices?.announce({ type: 'failed', id: run.id, key: run.key, code, message: error.message });
    for (const task of this.#drain(run)) this.#end(task, 'failed', { error });
  }

  /** Drops what a run held while it was active: its deadline, its job, its persisted record. @param {string} id */
  #release(id) {
    this.#clearDeadline(id);
    this.#jobs.delete(id);
    this.#forget(id);
  }

  /** The tasks that still want the run; it has none afterwards. @param {Run} run */
  #drain(run) {
    const tasks = [...run.wanting];
    run.wanting.clear();
    return tasks;
  }

  /**
   * Ends one task and fires its terminal event (and the engine's).
   * @param {Task} task @param {'completed' | 'failed' | 'cancelled'} status
   * @param {{ result?: import('../index.js').EngineResult, error?: Error }} outcome
   */
  #end(task, status, outcome) {
    task[SETTLE](status, outcome);
    const detail = status === 'completed' ? outcome.result : outcome.error;
    const engineDetail = status === 'completed' ? { task, result: outcome.result } : status === 'failed' ? { task, error: outcome.error } : { task };
    task[EMIT](status, detail, () => this.dispatchEvent(new CustomEvent(status, { detail: engineDetail })));
  }

  /**
   * Withdraws one request (its own `cancel()`, `engine.cancel(id)` or its signal): its
   * `done` rejects with CANCELLED. The run goes on while other requests want it;
   * withdrawing the last one cancels the run (a running worker is stopped).
   * @param {Task} task
   * @returns {boolean} false if it had already ended
   */
  #withdraw(task) {
    if (this.#keying.delete(task.id)) {
      this.#forget(task.id);
      this.#end(task, 'cancelled', { error: snapdfError('CANCELLED', `task ${task.id} was cancelled`) });
      this.#metrics.increment('outcome.cancelled');
      return true;
    }
    const run = this.#runs.get(task.runId);
    if (!run || !run.wanting.has(task)) return false;
    run.wanting.delete(task);
    const err = snapdfError('CANCELLED', `task ${task.id} was cancelled`);
    this.#end(task, 'cancelled', { error: err });
    if (run.wanting.size > 0) {
      this.#metrics.increment('tasks.withdrawn');
      return true;
    }
    const r = this.#table.get(run.id);
    if (!r || FINAL.has(r.status)) return true;
    const wasRunning = r.status === 'running';
    this.#table.cancel(run.id, this.#now());
    this.#release(run.id);
    if (wasRunning) this.#runner.abort(run.id, err);
    this.#metrics.increment('outcome.cancelled');
    return true;
  }

  /**
   * Cancels the request `id`: see Task.cancel. Other requests that joined the same run
   * keep it going.
   * @param {string} id a task id
   * @returns {boolean} whether it was cancelled (false if unknown or already ended)
   */
  cancel(id) {
    const task = this.#tasks.get(id);
    if (!task) return false;
    try {
      this.#checkTrap();
      return this.#withdraw(task);
    } catch (e) {
      this.#internal(e);
      return false;
    }
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

  /** @param {string} id a task id @returns {Task | undefined} */
  get(id) {
    return this.#tasks.get(id);
  }

  /**
   * Run records (id, key, status, stage, progress, times, failure), oldest first: one
   * per render, under the id of the request that started it (`task.runId`).
   * @param {{ status?: import('../../pkg/snapdf.js').TaskStatus }} [filter]
   * @throws {Error} SnapdfError WASM_TRAP once the module trapped
   */
  list({ status } = {}) {
    this.#checkTrap();
    try {
      return this.#table.list(status);
    } catch (e) {
      throw this.#internal(e);
    }
  }

  /** Forgets finished runs past their keep time, and their tasks. */
  cleanup() {
    if (this.#trapped) return;
    for (const id of this.#table.cleanup(this.#now())) {
      for (const member of this.#runs.get(id)?.members ?? [id]) this.#tasks.delete(member);
      this.#runs.delete(id);
    }
  }

  /** Stops the runner (pending and running tasks fail) and leaves the channel. */
  close() {
    this.#notices?.close();
    this.#runner.close();
  }

  /** Throws the trap error if the module trapped (here or in another engine on it). */
  #checkTrap() {
    const trap = this.#trapped ?? trapOf(this.#wasm);
    if (trap) throw this.#poison(trap);
  }

  /**
   * Runs a callback of a timer, a worker's message or a signal: whatever it throws is
   * handled here, never left to end the process.
   * @param {() => void} fn @param {string} [runId] the run it concerns
   */
  #callback(fn, runId) {
    try {
      fn();
    } catch (e) {
      this.#internal(e, runId);
    }
  }

  /**
   * Handles an error no caller can receive. A trap poisons the engine (#poison);
   * anything else fails the run it concerns with it.
   * @param {unknown} e @param {string} [runId]
   * @returns {Error & { code: string }} the error, as a SnapdfError
   */
  #internal(e, runId) {
    if (isPoisoning(e) || trapOf(this.#wasm)) return this.#poison(e);
    const err = asSnapdfError(e);
    const run = runId === undefined ? undefined : this.#runs.get(runId);
    if (run) {
      try {
        this.#failRun(run, err);
      } catch {
        for (const task of this.#drain(run)) this.#end(task, 'failed', { error: err });
      }
    }
    return err;
  }

  /**
   * The module trapped: its memory may be half-updated, so it is not called again.
   * Every task that has not ended fails with WASM_TRAP, the runner stops, and every
   * later call fails with the same error.
   * @param {unknown} cause
   * @returns {Error & { code: string }}
   */
  #poison(cause) {
    const err = /** @type {Error & { code: string }} */ (markTrapped(this.#wasm, cause));
    if (this.#trapped) return err;
    this.#trapped = err;
    for (const run of this.#runs.values()) {
      clearTimeout(this.#budgets.get(run.id)?.timer);
      for (const task of this.#drain(run)) this.#end(task, 'failed', { error: err });
    }
    for (const task of this.#keying.values()) this.#end(task, 'failed', { error: err });
    this.#keying.clear();
    this.#budgets.clear();
    this.#jobs.clear();
    try {
      this.#runner.close();
    } catch {
      // The runner is gone either way.
    }
    return err;
  }
}

/**
 * An error as a SnapdfError: snapdf's own pass as they are; anything else (a custom
 * runner's or store's error) becomes INTERNAL_ERROR with its message.
 * @param {unknown} e
 * @returns {Error & { code: string }}
 */
function asSnapdfError(e) {
  const err = /** @type {Error & { code?: string }} */ (e);
  if (err instanceof Error && err.name === 'SnapdfError' && typeof err.code === 'string') return /** @type {Error & { code: string }} */ (err);
  const wrapped = snapdfError('INTERNAL_ERROR', err instanceof Error ? err.message : String(e));
  /** @type {any} */ (wrapped).cause = e;
  return wrapped;
}
