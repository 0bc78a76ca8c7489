// Browser entry point: the WebAssembly module is fetched by `init()` (bundlers such as
// webpack and Vite emit the .wasm as an asset and rewrite its URL).
import initWasm from '../pkg/snapdf.js';
import * as wasm from '../pkg/snapdf.js';
import { engineApi, snapdfError } from './engine.js';
import { IdbStore } from './cache/idb-store.js';
import { checkEngineOptions } from './options.js';
import { SnapshotEngine } from './snapshot-engine.js';
import { MediaRouter } from './workers/media-router.js';
import { WorkerPool } from './workers/pool.js';

/**
 * The two builds of the engine: the base module (text, tables, lists, attachments in
 * the standard 14 fonts) and the media module (the same, and images and supplied
 * fonts). They share one wasm-bindgen glue (scripts/build.sh checks that it is the
 * same), so either can be instantiated through it. Bundlers (webpack 5, Vite) see the
 * `new URL(…, import.meta.url)` pattern and emit both as assets; a page fetches only
 * the one it asks for.
 */
const MODULES = {
  base: new URL('../pkg/snapdf_base_bg.wasm', import.meta.url),
  media: new URL('../pkg/snapdf_bg.wasm', import.meta.url),
};

/** @type {Promise<void> | undefined} */
let loading;
/** @type {string | undefined} which module `loading` loads: "base", "media" or "given" */
let loadingWhich;
let ready = false;
/** @type {WebAssembly.Module | undefined} the compiled module, which workers instantiate too */
let compiled;

/**
 * Fetches, compiles and instantiates the WebAssembly module; call (and await) once
 * before the other functions. Later calls return the same promise, except that asking
 * for the media module after the base one rejects (a page's module is chosen once).
 *
 * By default this is the base module, which renders text, tables, lists and
 * attachments in the standard 14 fonts. `render` and `validate` then refuse a snapshot
 * with an image, or supplied fonts, with `MEDIA_UNAVAILABLE`; an engine renders it on
 * workers that fetch the media module (see `createEngine`). `media: true` loads the
 * module that also reads PNG and JPEG images and TrueType/OpenType fonts. (What each
 * weighs: README, "Browsers".)
 * @param {{ media?: boolean, module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module }} [options]
 *   `module_or_path` loads the .wasm from elsewhere (a URL, its bytes or a compiled
 *   module) instead of the one next to this package
 * @returns {Promise<void>}
 */
export function init({ media = false, module_or_path } = {}) {
  const which = module_or_path === undefined ? (media ? 'media' : 'base') : 'given';
  // The media module does all the base module does; only the converse cannot be granted.
  if (loading && loadingWhich === 'base' && which === 'media') {
    return Promise.reject(snapdfError('ALREADY_INITIALIZED', 'snapdf already loads the base module, and a page loads one: make init({ media: true }) the first call'));
  }
  loadingWhich ??= which;
  loading ??= compile(module_or_path ?? MODULES[media ? 'media' : 'base'])
    .then(async (module) => {
      compiled = module;
      await initWasm({ module_or_path: module });
      ready = true;
    })
    .catch((e) => {
      // A failed load (offline, say) can be tried again.
      loading = loadingWhich = undefined;
      throw e;
    });
  return loading;
}

/**
 * Compiles a module from a URL (streaming where the server sends `application/wasm`),
 * a Response, bytes, or takes an already compiled one.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module | Promise<Response>} source
 * @returns {Promise<WebAssembly.Module>}
 */
async function compile(source) {
  const given = await source;
  if (given instanceof WebAssembly.Module) return given;
  if (given instanceof ArrayBuffer || ArrayBuffer.isView(given)) return WebAssembly.compile(given);
  const response = given instanceof Response ? given : await fetch(given);
  if (!response.ok) throw snapdfError('NOT_INITIALIZED', `the WebAssembly module could not be fetched from ${response.url}: HTTP ${response.status}`);
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

const api = engineApi(() => {
  if (!ready) throw snapdfError('NOT_INITIALIZED', 'call `await init()` before using snapdf in a browser');
  return wasm;
});

export const { render, cacheKey, validate, formatVersion } = api;

/** What createEngine takes in browsers. */
const ENGINE_OPTIONS = ['memory', 'persistent', 'store', 'database', 'workers', 'tasks', 'metrics', 'now', 'fonts', 'closeStore'];

/**
 * An engine: renders in the background on module Web Workers (or, with `workers: 0`,
 * on the calling thread), with a memory cache (L1) and, unless `persistent: false`, a
 * persistent one in IndexedDB (L2). Where IndexedDB is unavailable (some private modes,
 * blocked by policy), it runs memory-only with a warning. Call after `await init()`.
 * After `init()` (the base module), the engine keys every snapshot on this thread and
 * renders snapshots with images or supplied fonts on workers that fetch the media
 * module the first time one needs it; with `workers: 0` those fail with
 * `MEDIA_UNAVAILABLE` (load the media module with `init({ media: true })`).
 * @param {{ memory?: import('../pkg/snapdf.js').CacheSettings,
 *   persistent?: import('../pkg/snapdf.js').CacheSettings | false,
 *   store?: import('./index.js').PersistentStore, database?: string, workers?: number,
 *   tasks?: import('../pkg/snapdf.js').TaskSettings, metrics?: import('../pkg/snapdf.js').MetricsSettings,
 *   now?: () => number, fonts?: import('./index.js').FontSource[], closeStore?: boolean }} [options]
 *   `store` replaces the IndexedDB store; `database` names the IndexedDB database;
 *   `fonts` are TrueType/OpenType files snapshots may name in `font`; `workers` is 0 to 64;
 *   `closeStore: false` keeps `store` open when the engine closes (default: `close()` closes it)
 * @returns {SnapshotEngine}
 * @throws {Error} SnapdfError INVALID_OPTIONS naming an option of the wrong type or out
 *   of range, or one createEngine does not take
 */
export function createEngine(options = {}) {
  api.formatVersion(); // throws NOT_INITIALIZED before init()
  checkEngineOptions(options, ENGINE_OPTIONS);
  const { memory, persistent, store, database, workers = defaultWorkers(), tasks, metrics, now, fonts, closeStore } = options;
  const l2 = persistent === false ? undefined : (store ?? (globalThis.indexedDB ? new IdbStore({ name: database }) : undefined));
  if (persistent !== false && !l2) console.warn('snapdf: IndexedDB is unavailable; the cache runs memory-only');
  const runner = workers > 0 ? renderWorkers(workers) : undefined;
  const resume = resumeUnderLock(`snapdf-resume:${database ?? 'snapdf-cache'}`);
  // The tabs on one database hear of each other's renders and failures.
  const channel = l2 && typeof BroadcastChannel === 'function' ? new BroadcastChannel(`snapdf:${database ?? 'snapdf-cache'}`) : undefined;
  return new SnapshotEngine({ wasm, memory, persistent: persistent || undefined, store: l2, runner, tasks, metrics, now, resume, owner: tabOwner(), fonts, channel, closeStore });
}

/**
 * This page as the owner of its persisted tasks. It holds the Web Lock
 * `snapdf-owner:<id>` for as long as it lives; another tab takes up only tasks whose
 * owner's lock is free (its page was closed or reloaded).
 * @returns {import('./index.js').TaskOwner}
 */
function tabOwner() {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const locks = globalThis.navigator?.locks;
  locks?.request(`snapdf-owner:${id}`, () => new Promise(() => {})).catch(() => {});
  return {
    id,
    async isAlive(owner) {
      if (!locks) return false;
      const { held = [] } = await locks.query();
      return held.some((l) => l.name === `snapdf-owner:${owner}`);
    },
  };
}

/**
 * With several tabs open, one takes up the persisted tasks: the one that gets the Web
 * Lock `name`, held until those tasks end; the others resume none (they see the results
 * through the shared cache). Without Web Locks, every engine resumes.
 * @param {string} name
 * @returns {(take: () => Promise<import('./tasks/task-manager.js').Task[]>) => Promise<import('./tasks/task-manager.js').Task[]>}
 */
function resumeUnderLock(name) {
  return (take) => {
    const locks = globalThis.navigator?.locks;
    if (!locks) return take();
    return new Promise((resolve) => {
      locks
        .request(name, { ifAvailable: true }, async (lock) => {
          if (!lock) return resolve([]);
          const tasks = await take();
          resolve(tasks);
          await Promise.allSettled(tasks.map((t) => t.done));
        })
        .catch(() => resolve([]));
    });
  };
}

/** Workers by default: the logical cores (at most 4), or none where Web Workers are unavailable. */
function defaultWorkers() {
  return typeof Worker === 'function' ? Math.min(4, globalThis.navigator?.hardwareConcurrency || 2) : 0;
}

/**
 * The render workers of an engine. A page that loaded the base module gets a
 * MediaRouter: base-module workers, and media-module workers started when a snapshot
 * first needs them (an image, or text in supplied fonts). Otherwise, workers that
 * instantiate the page's own module.
 * @param {number} size
 */
function renderWorkers(size) {
  const pool = new WorkerPool({ size, spawn: spawnWebWorker });
  if (loadingWhich !== 'base') return pool;
  return new MediaRouter({ base: pool, media: () => new WorkerPool({ size, spawn: spawnMediaWorker }) });
}

/** @type {Promise<WebAssembly.Module> | undefined} the media module, compiled once for the media workers */
let mediaModule;

/**
 * Starts one module Web Worker for a WorkerPool, instantiating the page's compiled
 * module (the media module next to the package if `init()` has not compiled one).
 * Bundlers (webpack 5, Vite) see the `new Worker(new URL(…, import.meta.url))` pattern
 * and emit the worker as a chunk.
 * @param {{ message: (msg: any) => void, crash: (error: Error) => void }} events
 */
function spawnWebWorker(events) {
  return startWorker(events, (post) => post(compiled));
}

/**
 * Starts one module Web Worker with the media module, which the page fetches and
 * compiles once, on the first such worker.
 * @param {{ message: (msg: any) => void, crash: (error: Error) => void }} events
 */
function spawnMediaWorker(events) {
  mediaModule ??= compile(MODULES.media).catch((e) => {
    mediaModule = undefined; // fetch it again for the next worker
    throw e;
  });
  return startWorker(events, (post) => mediaModule?.then(post, (e) => events.crash(e)));
}

/**
 * Starts a module Web Worker wired to a pool's events; `load` posts it the module to
 * instantiate (its first message, which it waits for before any job).
 * @param {{ message: (msg: any) => void, crash: (error: Error) => void }} events
 * @param {(post: (module: WebAssembly.Module | undefined) => void) => void} load
 */
function startWorker(events, load) {
  const worker = new Worker(new URL('./workers/web-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => events.message(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    events.crash(new Error(e.message || 'the worker failed'));
  };
  worker.onmessageerror = () => events.crash(new Error('a message from the worker could not be read'));
  load((module) => worker.postMessage({ type: 'load', module }));
  return { announcesReady: true, post: (/** @type {object} */ msg) => worker.postMessage(msg), terminate: () => worker.terminate() };
}
export { snapdfError, ERROR_CODES } from './engine.js';
export { csvToSnapshot } from './csv.js';
export { IdbStore, requestPersistentStorage } from './cache/idb-store.js';
export { SnapshotEngine } from './snapshot-engine.js';
export { WorkerPool, InlineRunner } from './workers/pool.js';
export { spawnWebWorker };
