// Runners: where a render job runs. WorkerPool spreads jobs over workers (Web Workers or
// worker_threads) and replaces a worker that crashes, traps or is stopped; InlineRunner
// runs them on the calling thread (where workers are unavailable, or by choice).
import { snapdfError } from '../errors.js';
import { FontSets, PerFontList } from '../font-sets.js';
import { guardWasm } from '../trap.js';
import { deserializeError, runRenderJob } from './protocol.js';

/** The error of a job that meets a closed pool. */
const closed = () => snapdfError('CLOSED', 'the worker pool is closed');

/** Font sets a worker keeps at most; the one used least recently is released first. */
const FONT_SETS_PER_WORKER = 4;

/**
 * A worker as the pool sees it.
 * @typedef {object} WorkerHandle
 * @property {(msg: object) => void} post
 * @property {() => void} terminate
 * @property {() => void} [idle] called when the worker has no job (Node: unref it)
 * @property {boolean} [announcesReady] the worker posts `{ type: 'ready' }` once its module is
 *   loaded; until then no job counts as started
 */

/**
 * @typedef {object} Job
 * @property {string} id
 * @property {string} [key] the cache key the calling thread computed (the render skips computing it)
 * @property {string} json
 * @property {object} options
 * @property {import('../index.js').FontSource[]} [fonts]
 * @property {(stage: string) => void} onStage
 * @property {() => void} [onStart] called when a worker starts the job (it may wait in the worker's queue before)
 * @property {'render' | 'key'} [kind] what the worker does with it (default render)
 * @property {boolean} [started]
 * @property {(result: import('./protocol.js').RenderJobResult) => void} resolve
 * @property {(error: Error) => void} reject
 */

export class WorkerPool {
  /** It calls a job's onStart when a worker starts it (the task manager's deadlines rely on it). */
  reportsStart = true;

  /** @type {Slot[]} */
  #workers = [];
  /** @type {Job[]} */
  #waiting = [];
  #spawn;
  #size;
  #depth;
  #closed = false;
  #lastFontSet = 0;
  /** Each list of fonts a job brings gets a number, under which workers keep it. */
  #fontSets = new PerFontList(() => ++this.#lastFontSet);

  /**
   * @param {object} options
   * @param {number} options.size how many workers at most (spawned on demand)
   * @param {(events: { message: (msg: any) => void, crash: (error: Error) => void }) => WorkerHandle} options.spawn
   *   starts a worker wired to these callbacks
   * @param {number} [options.depth] jobs handed to a worker at once (default 2): the next
   *   job waits in the worker's queue, so no round trip is lost between two renders
   */
  constructor({ size, spawn, depth = 2 }) {
    this.#size = Math.max(1, size);
    this.#spawn = spawn;
    this.#depth = Math.max(1, depth);
  }

  /** Jobs that may be in flight at once. */
  get size() {
    return this.#size * this.#depth;
  }

  /**
   * Runs a job on a worker (or when one has room).
   * @param {{ id: string, json: string, options: object, fonts?: import('../index.js').FontSource[], kind?: 'render' | 'key' }} job
   * @param {(stage: string) => void} onStage
   * @param {() => void} [onStart] called when a worker starts the job: a job handed to a
   *   busy worker waits in its queue until the job before it is done
   * @returns {Promise<import('./protocol.js').RenderJobResult>}
   */
  run(job, onStage, onStart) {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(closed());
      this.#waiting.push({ ...job, onStage, onStart, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * The cache key of a snapshot, computed by a worker (it parses, checks and keys it in
   * one call into its module), so the calling thread does none of that work. A job of
   * its own, queued with the renders; the render that may follow is another job.
   * @param {{ id: string, json: string, options: object, fonts?: import('../index.js').FontSource[] }} job
   * @returns {Promise<string>} rejects with the snapshot's error (INVALID_SNAPSHOT naming the path, …)
   */
  async key(job) {
    const result = await this.run({ ...job, id: `key:${job.id}`, kind: 'key' }, () => {});
    return /** @type {{ key: string }} */ (/** @type {unknown} */ (result)).key;
  }

  /**
   * Stops the job `id` (a deadline passed, or it was cancelled) and fails it with
   * `error`. A job still waiting, here or in a worker's queue, is dropped; a running
   * one has its worker terminated and replaced (the worker's other job runs elsewhere).
   * @param {string} id
   * @param {Error} error
   */
  abort(id, error) {
    const waiting = this.#waiting.findIndex((j) => j.id === id);
    if (waiting >= 0) {
      this.#waiting.splice(waiting, 1)[0].reject(error);
      return;
    }
    const slot = this.#workers.find((w) => w.jobs.some((j) => j.id === id));
    if (!slot) return;
    if (slot.jobs[0].id === id) {
      this.#replace(slot, error);
    } else {
      // Queued in the worker, not started: its answer will be ignored.
      const job = /** @type {Job} */ (slot.jobs.find((j) => j.id === id));
      slot.jobs = slot.jobs.filter((j) => j !== job);
      slot.dropped.add(id);
      job.reject(error);
    }
  }

  /** Terminates every worker; pending jobs fail. */
  close() {
    this.#closed = true;
    for (const w of this.#workers) {
      w.handle.terminate();
      for (const j of w.jobs) j.reject(closed());
    }
    this.#workers = [];
    for (const j of this.#waiting.splice(0)) j.reject(closed());
  }

  #dispatch() {
    while (this.#waiting.length > 0) {
      // The least busy worker with room, else a new one.
      let slot = this.#workers.filter((w) => w.jobs.length < this.#depth).sort((a, b) => a.jobs.length - b.jobs.length)[0];
      if ((!slot || slot.jobs.length > 0) && this.#workers.length < this.#size) slot = this.#start();
      if (!slot) return;
      const job = /** @type {Job} */ (this.#waiting.shift());
      slot.jobs.push(job);
      const fontSet = job.fonts == null ? undefined : this.#sendFonts(slot, job.fonts);
      slot.handle.post({ type: job.kind ?? 'render', id: job.id, key: job.key, json: job.json, options: job.options, fontSet });
      started(slot);
    }
  }

  /**
   * The number of a list of fonts, which the worker has or is sent now (once per
   * worker, not per job: a 6 MB face costs milliseconds to copy).
   * @param {Slot} slot
   * @param {import('../index.js').FontSource[]} fonts
   */
  #sendFonts(slot, fonts) {
    const set = this.#fontSets.get(fonts);
    const at = slot.fontSets.indexOf(set);
    if (at >= 0) {
      slot.fontSets.push(...slot.fontSets.splice(at, 1)); // used most recently
      return set;
    }
    const drop = slot.fontSets.length >= FONT_SETS_PER_WORKER ? slot.fontSets.shift() : undefined;
    slot.fontSets.push(set);
    slot.handle.post({ type: 'fonts', set, fonts, drop });
    return set;
  }

  #start() {
    /** @type {Slot} */
    const slot = { handle: /** @type {any} */ (undefined), jobs: [], dropped: new Set(), fontSets: [], ready: true };
    slot.handle = this.#spawn({
      message: (msg) => this.#onMessage(slot, msg),
      crash: (error) => this.#replace(slot, snapdfError('WORKER_CRASHED', `the render worker crashed: ${error.message}`)),
    });
    // A worker that says when its module is loaded ({ type: 'ready' }) starts no job
    // before: the seconds a new worker takes to boot are not charged to a deadline.
    slot.ready = !slot.handle.announcesReady;
    this.#workers.push(slot);
    return slot;
  }

  /** @param {Slot} slot @param {any} msg */
  #onMessage(slot, msg) {
    if (msg?.type === 'ready') {
      slot.ready = true;
      started(slot);
      return;
    }
    if (slot.dropped.has(msg?.id)) {
      if (msg.type === 'done') slot.dropped.delete(msg.id);
      return;
    }
    const job = slot.jobs[0];
    if (!job || msg?.id !== job.id) return;
    if (msg.type === 'stage') {
      job.onStage(msg.stage);
      return;
    }
    if (msg.type !== 'done') return;
    if (msg.ok || !msg.poisoned) {
      slot.jobs.shift();
      started(slot);
      if (slot.jobs.length === 0) slot.handle.idle?.();
      if (msg.ok) job.resolve(msg.result);
      else job.reject(deserializeError(msg.error));
      this.#dispatch();
    } else {
      const err = deserializeError(msg.error);
      this.#replace(slot, snapdfError('WASM_TRAP', `WebAssembly trap: ${err.message}`));
    }
  }

  /**
   * Terminates a worker and fails its running job with `error`; the jobs queued behind
   * it never started and go back to the front of the line.
   * @param {Slot} slot
   * @param {Error} error
   */
  #replace(slot, error) {
    slot.handle.terminate();
    this.#workers = this.#workers.filter((w) => w !== slot);
    const [running, ...queued] = slot.jobs;
    slot.jobs = [];
    running?.reject(error);
    for (const job of queued) job.started = false;
    this.#waiting.unshift(...queued);
    if (!this.#closed) this.#dispatch();
  }
}

/**
 * Tells the job at the head of a worker's queue, once, that the worker has started it.
 * @param {Slot} slot
 */
function started(slot) {
  if (!slot.ready) return;
  const job = slot.jobs[0];
  if (!job || job.started) return;
  job.started = true;
  job.onStart?.();
}

/**
 * A worker and the jobs handed to it, the running one first.
 * @typedef {{ handle: WorkerHandle, jobs: Job[], dropped: Set<string>, fontSets: number[], ready: boolean }} Slot
 * (`fontSets`: the numbers of the font lists the worker keeps, the one used last at the end)
 */

/** Runs jobs on the calling thread, one at a time, after the current task. */
export class InlineRunner {
  /** It calls a job's onStart when a worker starts it (the task manager's deadlines rely on it). */
  reportsStart = true;

  #wasm;
  #fontSets;

  /** @param {typeof import('../../pkg/snapdf.js')} wasm */
  constructor(wasm) {
    this.#wasm = wasm;
    this.#fontSets = FontSets.of(wasm);
  }

  get size() {
    return 1;
  }

  /**
   * Renders on this thread's module. A trap there poisons the module (js/trap.js): the
   * job fails with WASM_TRAP, and so does every later call on it.
   * @param {{ id: string, json: string, options: object, fonts?: import('../index.js').FontSource[] }} job
   * @param {(stage: string) => void} onStage
   * @param {() => void} [onStart] called when the job starts (after the current task)
   */
  async run(job, onStage, onStart) {
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the caller's thread breathe first
    onStart?.();
    return guardWasm(this.#wasm, () => runRenderJob(this.#wasm, job, this.#fontSets.get(job.fonts), onStage));
  }

  /** A job on the calling thread cannot be interrupted; it ends by itself. */
  abort() {}

  close() {}
}
