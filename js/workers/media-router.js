// MediaRouter: a runner for a browser page that loaded the base module. Jobs run on a
// pool of base-module workers; a job the base module refuses with MEDIA_UNAVAILABLE
// (an image, or text set in supplied fonts) runs again on a pool of media-module
// workers, started on that first need. From then on every job goes to the media pool,
// which renders everything, and the base pool is closed once its jobs are done. So a
// page fetches the media module only when a snapshot needs it, and in the background.

import { snapdfError } from '../errors.js';

/**
 * @typedef {{ run: (job: any, onStage: (stage: string) => void, onStart?: () => void) => Promise<any>,
 *   key: (job: any) => Promise<string>, abort: (id: string, error: Error) => void, close: () => void, size: number }} Runner
 */

export class MediaRouter {
  /** It calls a job's onStart when a worker starts it (the task manager's deadlines rely on it). */
  reportsStart = true;

  /** @type {Runner | undefined} */
  #base;
  /** @type {Runner | undefined} */
  #media;
  #startMedia;
  #size;
  /** Jobs still on the base pool. */
  #onBase = 0;
  #closed = false;

  /**
   * @param {{ base: Runner, media: () => Runner }} runners the base pool, and how to
   *   start the media pool
   */
  constructor({ base, media }) {
    this.#base = base;
    this.#startMedia = media;
    this.#size = base.size;
  }

  /** Jobs that may be in flight at once (as the base pool's). */
  get size() {
    return this.#size;
  }

  /** Whether the media pool has started. */
  get media() {
    return this.#media !== undefined;
  }

  /**
   * Runs a job on the base pool, or on the media pool once it exists or the base module
   * refuses the job with MEDIA_UNAVAILABLE.
   * @param {any} job
   * @param {(stage: string) => void} onStage
   * @param {() => void} [onStart] called when a worker starts the job (again if the media pool takes it over)
   */
  async run(job, onStage, onStart) {
    if (this.#closed) throw snapdfError('CLOSED', 'the worker pool is closed');
    if (this.#media || !this.#base) return this.#mediaPool().run(job, onStage, onStart);
    this.#onBase += 1;
    try {
      return await this.#base.run(job, onStage, onStart);
    } catch (e) {
      if (/** @type {{ code?: string }} */ (e)?.code !== 'MEDIA_UNAVAILABLE') throw e;
      return await this.#mediaPool().run(job, onStage, onStart);
    } finally {
      this.#onBase -= 1;
      this.#retireBase();
    }
  }

  /**
   * Keys a snapshot on the pool that renders now: the base module keys a snapshot with
   * images or supplied fonts as the media module does.
   * @param {{ id: string, json: string, options: object, fonts?: object[] }} job
   * @returns {Promise<string>}
   */
  async key(job) {
    if (this.#closed) throw snapdfError('CLOSED', 'the worker pool is closed');
    if (this.#media || !this.#base) return this.#mediaPool().key(job);
    this.#onBase += 1; // the base pool stays open until this answer is in
    try {
      return await this.#base.key(job);
    } finally {
      this.#onBase -= 1;
      this.#retireBase();
    }
  }

  /** @param {string} id @param {Error} error */
  abort(id, error) {
    this.#base?.abort(id, error);
    this.#media?.abort(id, error);
  }

  close() {
    this.#closed = true;
    this.#base?.close();
    this.#media?.close();
    this.#base = undefined;
  }

  #mediaPool() {
    this.#media ??= this.#startMedia();
    this.#retireBase();
    return this.#media;
  }

  /** Closes the base pool once the media pool has taken over and no job is left on it. */
  #retireBase() {
    if (!this.#media || this.#onBase > 0 || !this.#base) return;
    this.#base.close();
    this.#base = undefined;
  }
}
