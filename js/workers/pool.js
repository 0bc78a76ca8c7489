// Runners: where a render job runs. WorkerPool spreads jobs over workers (Web Workers or
// worker_threads) and replaces a worker that crashes, traps or is stopped; InlineRunner
// runs them on the calling thread (where workers are unavailable, or by choice).
import { deserializeError, isTrap, runRenderJob, serializeError } from './protocol.js';

/**
 * A worker as the pool sees it.
 * @typedef {object} WorkerHandle
 * @property {(msg: object) => void} post
 * @property {() => void} terminate
 * @property {() => void} [idle] called when the worker has no job (Node: unref it)
 */

/**
 * @typedef {object} Job
 * @property {string} id
 * @property {string} json
 * @property {object} options
 * @property {(stage: string) => void} onStage
 * @property {(result: import('./protocol.js').RenderJobResult) => void} resolve
 * @property {(error: Error) => void} reject
 */

export class WorkerPool {
  /** @type {{ handle: WorkerHandle, job?: Job }[]} */
  #workers = [];
  /** @type {Job[]} */
  #waiting = [];
  #spawn;
  #size;
  #closed = false;

  /**
   * @param {object} options
   * @param {number} options.size how many workers at most (spawned on demand)
   * @param {(events: { message: (msg: any) => void, crash: (error: Error) => void }) => WorkerHandle} options.spawn
   *   starts a worker wired to these callbacks
   */
  constructor({ size, spawn }) {
    this.#size = Math.max(1, size);
    this.#spawn = spawn;
  }

  /** Workers that may run at once. */
  get size() {
    return this.#size;
  }

  /**
   * Runs a job on a free worker (or when one frees up).
   * @param {{ id: string, json: string, options: object }} job
   * @param {(stage: string) => void} onStage
   * @returns {Promise<import('./protocol.js').RenderJobResult>}
   */
  run(job, onStage) {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(Object.assign(new Error('the worker pool is closed'), { code: 'CLOSED' }));
      this.#waiting.push({ ...job, onStage, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * Stops the job `id` (a deadline passed, or it was cancelled): its worker is
   * terminated and replaced, and the job fails with `error`.
   * @param {string} id
   * @param {Error} error
   */
  abort(id, error) {
    const waiting = this.#waiting.findIndex((j) => j.id === id);
    if (waiting >= 0) {
      this.#waiting.splice(waiting, 1)[0].reject(error);
      return;
    }
    const slot = this.#workers.find((w) => w.job?.id === id);
    if (slot) this.#replace(slot, error);
  }

  /** Terminates every worker; pending jobs fail. */
  close() {
    this.#closed = true;
    for (const w of this.#workers) w.handle.terminate();
    this.#workers = [];
    for (const j of this.#waiting.splice(0)) j.reject(Object.assign(new Error('the worker pool is closed'), { code: 'CLOSED' }));
  }

  #dispatch() {
    while (this.#waiting.length > 0) {
      let slot = this.#workers.find((w) => !w.job);
      if (!slot && this.#workers.length < this.#size) slot = this.#start();
      if (!slot) return;
      const job = /** @type {Job} */ (this.#waiting.shift());
      slot.job = job;
      slot.handle.post({ type: 'render', id: job.id, json: job.json, options: job.options });
    }
  }

  #start() {
    /** @type {{ handle: WorkerHandle, job?: Job }} */
    const slot = /** @type {any} */ ({});
    slot.handle = this.#spawn({
      message: (msg) => this.#onMessage(slot, msg),
      crash: (error) => this.#replace(slot, Object.assign(new Error(`the render worker crashed: ${error.message}`), { name: 'SnapdfError', code: 'WORKER_CRASHED' })),
    });
    this.#workers.push(slot);
    return slot;
  }

  /** @param {{ handle: WorkerHandle, job?: Job }} slot @param {any} msg */
  #onMessage(slot, msg) {
    const job = slot.job;
    if (!job || msg?.id !== job.id) return;
    if (msg.type === 'stage') {
      job.onStage(msg.stage);
      return;
    }
    if (msg.type !== 'done') return;
    slot.handle.idle?.();
    if (msg.ok) {
      slot.job = undefined;
      job.resolve(msg.result);
      this.#dispatch();
    } else if (msg.poisoned) {
      const err = deserializeError(msg.error);
      this.#replace(slot, Object.assign(new Error(`WebAssembly trap: ${err.message}`), { name: 'SnapdfError', code: 'WASM_TRAP' }));
    } else {
      slot.job = undefined;
      job.reject(deserializeError(msg.error));
      this.#dispatch();
    }
  }

  /** Terminates a worker, fails its job, and lets a new one start on demand. */
  #replace(/** @type {{ handle: WorkerHandle, job?: Job }} */ slot, /** @type {Error} */ error) {
    slot.handle.terminate();
    this.#workers = this.#workers.filter((w) => w !== slot);
    slot.job?.reject(error);
    slot.job = undefined;
    if (!this.#closed) this.#dispatch();
  }
}

/** Runs jobs on the calling thread, one at a time, after the current task. */
export class InlineRunner {
  #wasm;

  /** @param {typeof import('../../pkg/snapdf.js')} wasm */
  constructor(wasm) {
    this.#wasm = wasm;
  }

  get size() {
    return 1;
  }

  /**
   * @param {{ id: string, json: string, options: object }} job
   * @param {(stage: string) => void} onStage
   */
  async run(job, onStage) {
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the caller's thread breathe first
    try {
      return runRenderJob(this.#wasm, job, onStage);
    } catch (e) {
      if (isTrap(e)) throw Object.assign(new Error(`WebAssembly trap: ${serializeError(e).message}`), { name: 'SnapdfError', code: 'WASM_TRAP' });
      throw e;
    }
  }

  /** A job on the calling thread cannot be interrupted; it ends by itself. */
  abort() {}

  close() {}
}
