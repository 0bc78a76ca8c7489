// Node.js entry point: loads the WebAssembly module from disk, synchronously, on import.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { initSync } from '../pkg/snapdf.js';
import * as wasm from '../pkg/snapdf.js';
import { engineApi } from './engine.js';
import { DiskStore } from './cache/disk-store.js';
import { importOptional } from './optional.js';
import { checkEngineOptions } from './options.js';
import { SnapshotEngine } from './snapshot-engine.js';
import { WorkerPool } from './workers/pool.js';

// Compiled once; the workers get the compiled module, so they share its optimized code
// instead of each compiling (and tiering up) their own.
const compiled = new WebAssembly.Module(readFileSync(new URL('../pkg/snapdf_bg.wasm', import.meta.url)));
initSync({ module: compiled });

const api = engineApi(() => wasm);

/** Resolves at once: under Node the module is ready when this file is imported. */
export async function init() {}
export const { render, cacheKey, validate, formatVersion } = api;
export { snapdfError, ERROR_CODES } from './errors.js';
export { csvToSnapshot } from './csv.js';
export { DiskStore } from './cache/disk-store.js';
export { RedisStore } from './cache/redis-store.js';
export { SnapshotEngine } from './snapshot-engine.js';
export { WorkerPool, InlineRunner } from './workers/pool.js';

/**
 * Adds a render job for `snapshot` to the fleet's queue (BullMQ, keys `snapdf:render:*`),
 * loading BullMQ (an optional peer dependency: `npm install bullmq ioredis`) on first use. See js/fleet/queue.js for the options.
 * @param {import('./index.js').SnapshotInput} snapshot
 * @param {Parameters<typeof import('./fleet/queue.js').enqueueSnapshot>[1]} [options]
 *   `url` (default `$SNAPDF_REDIS_URL`), `queue`, `namespace`, `compression`,
 *   `attempts` (3), `backoffMs` (1,000 ms, doubling), `priority`
 * @returns {Promise<string>} the job id
 * @throws {Error} SnapdfError `REDIS_UNAVAILABLE` when Redis cannot be reached,
 *   `MISSING_PACKAGE` when bullmq (an optional peer dependency) is not installed
 */
export async function enqueueSnapshot(snapshot, options) {
  return (await importOptional(() => import('./fleet/queue.js'))).enqueueSnapshot(snapshot, options);
}

/**
 * Starts one render worker (worker_threads) wired to the pool's callbacks. The worker
 * gets resource limits, so one runaway render cannot take the process down, and it
 * keeps the process alive only while it has a job.
 * @param {{ message: (msg: any) => void, crash: (error: Error) => void }} events
 * @returns {import('./workers/pool.js').WorkerHandle & { worker: Worker }}
 */
export function spawnNodeWorker(events) {
  const worker = new Worker(new URL('./workers/node-worker.js', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
    workerData: { module: compiled },
  });
  let stopping = false;
  worker.on('message', events.message);
  worker.on('error', (e) => events.crash(e));
  worker.on('exit', (code) => {
    if (!stopping) events.crash(new Error(`the worker exited with code ${code}`));
  });
  worker.unref();
  return {
    worker,
    announcesReady: true,
    post(msg) {
      worker.ref(); // a job in flight keeps the process alive until it answers
      worker.postMessage(msg);
    },
    idle() {
      worker.unref();
    },
    terminate() {
      stopping = true;
      void worker.terminate();
    },
  };
}

/**
 * This process as the owner of its persisted tasks: another engine on the same cache
 * directory takes up only tasks whose process has ended.
 * @returns {import('./index.js').TaskOwner}
 */
function processOwner() {
  return {
    id: `${process.pid}-${Math.random().toString(36).slice(2, 10)}`,
    isAlive(owner) {
      const pid = Number(owner.split('-')[0]);
      if (!Number.isInteger(pid) || pid <= 0) return false;
      try {
        process.kill(pid, 0); // signal 0: only checks that the process exists
        return true;
      } catch (e) {
        return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
      }
    },
  };
}

/** Workers by default: the available cores, at most 4. */
function defaultWorkers() {
  return Math.min(4, availableParallelism());
}

/** What createEngine takes under Node. */
const ENGINE_OPTIONS = ['cacheDir', 'memory', 'persistent', 'store', 'workers', 'tasks', 'metrics', 'now', 'resumeTasks', 'fonts', 'theme', 'closeStore'];

/**
 * An engine: renders in the background on a pool of worker threads (or, with
 * `workers: 0`, on the calling thread), through a memory cache (L1) and, with
 * `cacheDir` (or `store`), a persistent cache in that directory (L2); `persistent:
 * false` turns L2 off.
 * @param {{ cacheDir?: string, memory?: import('./index.js').MemorySettings,
 *   persistent?: import('../pkg/snapdf.js').CacheSettings | false,
 *   store?: import('./index.js').PersistentStore, workers?: number,
 *   tasks?: import('../pkg/snapdf.js').TaskSettings,
 *   metrics?: import('../pkg/snapdf.js').MetricsSettings, now?: () => number,
 *   resumeTasks?: boolean, fonts?: import('./index.js').FontSource[], theme?: import('./snapshot.js').Theme,
 *   closeStore?: boolean }} [options]
 *   `resumeTasks: false` leaves tasks persisted by ended processes alone (the CLI
 *   renders one file and exits); `fonts` are TrueType/OpenType files snapshots may
 *   name in `font` (sent to the workers with each job); `workers` is 0 to 64 (default
 *   the available cores, at most 4); `theme` is the engine's default look, under each
 *   snapshot's own `theme` (part of the key); `closeStore: false` keeps `store` open when the
 *   engine closes (another engine still uses it; default true: `await engine.close()`
 *   closes it, so a RedisStore lets the process exit)
 * @returns {SnapshotEngine}
 * @throws {Error} SnapdfError INVALID_OPTIONS naming an option of the wrong type or out
 *   of range (`options.metrics.relativeError`), or one createEngine does not take
 */
export function createEngine(options = {}) {
  checkEngineOptions(options, ENGINE_OPTIONS);
  const { cacheDir, memory, persistent, store, workers = defaultWorkers(), tasks, metrics, now, resumeTasks = true, fonts, theme, closeStore } = options;
  const l2 = persistent === false ? undefined : (store ?? (cacheDir === undefined ? undefined : new DiskStore(cacheDir)));
  const runner = workers > 0 ? new WorkerPool({ size: workers, spawn: spawnNodeWorker }) : undefined;
  const resume = resumeTasks ? undefined : async () => [];
  return new SnapshotEngine({ wasm, memory, persistent: persistent || undefined, store: l2, runner, tasks, metrics, now, owner: processOwner(), resume, fonts, theme, closeStore });
}
