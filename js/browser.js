// Browser entry point: `init()` fetches the front module (tasks, cache policy, metrics:
// what the page's own thread keeps); the render module, which parses, keys and renders
// snapshots, is fetched by the render workers, and by the page itself only with
// init({ render: true }) or init({ media: true }). Bundlers such as webpack and Vite
// emit the .wasm files as assets and rewrite their URLs; with others, the app says where
// the modules and the render worker are: init({ frontModule, baseModule, mediaModule }),
// createEngine({ workerUrl }).
import initFront, * as front from '../pkg/snapdf_front.js';
import { engineApi } from './engine.js';
import { snapdfError } from './errors.js';
import { IdbStore } from './cache/idb-store.js';
import { checkEngineOptions, checkInitOptions } from './options.js';
import { SnapshotEngine } from './snapshot-engine.js';
import { MediaRouter } from './workers/media-router.js';
import { WorkerPool } from './workers/pool.js';

/**
 * The builds of the engine: the front module (the page's bookkeeping, no snapshot
 * reading), the base module (text, tables, lists, attachments in the standard 14
 * fonts) and the media module (the same, and images and supplied fonts). The two render
 * modules share one wasm-bindgen glue (scripts/build.sh checks that it is the same),
 * pkg/snapdf.js, which a page imports only when it loads one of them. Bundlers (webpack
 * 5, Vite) see the `new URL(…, import.meta.url)` pattern and emit every module as an
 * asset; a page fetches only those it needs.
 */
const MODULES = {
  front: new URL('../pkg/snapdf_front_bg.wasm', import.meta.url),
  base: new URL('../pkg/snapdf_base_bg.wasm', import.meta.url),
  media: new URL('../pkg/snapdf_bg.wasm', import.meta.url),
};

/** @type {Promise<void> | undefined} the front module, loading or loaded (or not needed: a render module was asked for first) */
let loadingFront;
/** @type {object | undefined} the module an engine keeps its books in: the front module, or the render module if the page loaded only that */
let bookkeeping;
/** @type {Promise<void> | undefined} the render module on this page, loading or loaded */
let loadingRender;
/** @type {string | undefined} which render module `loadingRender` loads: "base", "media" or "given" */
let loadingWhich;
/** @type {typeof import('../pkg/snapdf.js') | undefined} the render module's glue, once instantiated on this page */
let renderWasm;
/** @type {WebAssembly.Module | undefined} the page's compiled render module, which workers instantiate too */
let compiled;
/**
 * Where the render modules are, for the workers that fetch them: `init({ baseModule,
 * mediaModule })`, else the files next to this package.
 * @type {{ base: ModuleSource, media: ModuleSource }}
 */
const sources = { base: MODULES.base, media: MODULES.media };

/**
 * What a module can be given as: its URL, a Response, its bytes or a compiled module.
 * @typedef {string | URL | Request | Response | BufferSource | WebAssembly.Module} ModuleSource
 */

/**
 * Fetches, compiles and instantiates the front module, and the render module when asked;
 * call (and await) before the other functions. Later calls return the same promise, or
 * load the render module if an earlier call did not; asking for the media module after
 * the base one rejects (a page's render module is chosen once).
 *
 * By default only the front module is loaded (what an engine's page keeps: tasks, the
 * cache policy, metrics); an engine's workers fetch the render module and parse, key
 * and render every snapshot. `render: true` loads the base render module on the page,
 * for the synchronous `render`, `cacheKey` and `validate` and for engines with
 * `workers: 0` (a render module keeps an engine's books too, so a page whose first call
 * asks for one fetches no front module); it renders text, tables, lists and attachments in the standard 14 fonts,
 * and refuses a snapshot with an image, or supplied fonts, with `MEDIA_UNAVAILABLE` (an
 * engine renders it on workers that fetch the media module). `media: true` loads the
 * media module instead, which also reads PNG and JPEG images and TrueType/OpenType
 * fonts. (What each weighs: README, "Browsers".)
 *
 * Bundlers that emit `new URL(…, import.meta.url)` assets (webpack 5, Vite, Rollup with
 * an assets plugin) need no option. With others (esbuild), copy the package's
 * `pkg/snapdf_front_bg.wasm`, `pkg/snapdf_base_bg.wasm` and `pkg/snapdf_bg.wasm` into the
 * app and say where they are: `frontModule`, `baseModule` (which `render: true` loads and
 * the engine's workers fetch), `mediaModule` (which `media: true` loads and an engine's
 * media workers fetch). Relative URLs resolve against the page.
 * @param {{ render?: boolean, media?: boolean, frontModule?: ModuleSource, baseModule?: ModuleSource, mediaModule?: ModuleSource, module_or_path?: ModuleSource }} [options]
 *   `module_or_path` loads this render module, whichever it is, instead of the base or
 *   media one (the engine's workers then instantiate it too)
 * @returns {Promise<void>} rejects with a SnapdfError: NOT_INITIALIZED naming the URL that
 *   could not be fetched or compiled, ALREADY_INITIALIZED, or INVALID_OPTIONS naming an option
 *   of the wrong type or one init does not take
 */
export function init(options = {}) {
  try {
    checkInitOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  const { render = false, media = false, frontModule, baseModule, mediaModule, module_or_path } = options;
  const which = module_or_path !== undefined ? 'given' : media ? 'media' : render ? 'base' : undefined;
  // The media module does all the base module does; only the converse cannot be granted.
  if (loadingRender && loadingWhich === 'base' && which === 'media') {
    return Promise.reject(snapdfError('ALREADY_INITIALIZED', 'snapdf already loads the base render module, and a page loads one: make init({ media: true }) the first call that loads one'));
  }
  if (baseModule !== undefined) sources.base = baseModule;
  if (mediaModule !== undefined) sources.media = mediaModule;
  // A render module keeps the books as well as the front module does: a page that asks
  // for one in its first call loads only that.
  if (which && !loadingRender && !loadingFront) loadingFront = Promise.resolve();
  loadingFront ??= compile(frontModule ?? MODULES.front, 'frontModule')
    .then(async (module) => {
      await initFront({ module_or_path: module });
      bookkeeping = front;
    })
    .catch((e) => {
      loadingFront = undefined; // a failed load (offline, say) can be tried again
      throw e;
    });
  if (which && !loadingRender) {
    loadingWhich = which;
    const option = which === 'given' ? 'module_or_path' : which === 'media' ? 'mediaModule' : 'baseModule';
    const source = module_or_path ?? (which === 'media' ? sources.media : sources.base);
    loadingRender = Promise.all([import('../pkg/snapdf.js'), compile(source, option)])
      .then(async ([glue, module]) => {
        await glue.default({ module_or_path: module });
        compiled = module;
        renderWasm = glue;
        bookkeeping ??= glue;
      })
      .catch((e) => {
        loadingRender = loadingWhich = undefined;
        if (!bookkeeping) loadingFront = undefined; // the next init() loads what it needs
        throw e;
      });
  }
  return Promise.all([loadingFront, loadingRender]).then(() => {});
}

/**
 * Compiles a module from a URL (streaming where the server sends `application/wasm`),
 * a Response, bytes, or takes an already compiled one. A failure names the URL.
 * @param {ModuleSource | Promise<Response>} source
 * @param {string} option the init() option that says where this module is, for the error
 * @returns {Promise<WebAssembly.Module>}
 */
async function compile(source, option) {
  const given = await source;
  if (given instanceof WebAssembly.Module) return given;
  if (given instanceof ArrayBuffer || ArrayBuffer.isView(given)) return WebAssembly.compile(given);
  const url = given instanceof Request || given instanceof Response ? given.url : absolute(String(given));
  const where = `the WebAssembly module could not be loaded from ${url || 'the Response given'}`;
  const hint = `; copy it into your app and pass its URL as init({ ${option} })`;
  /** @type {Response} */
  let response;
  try {
    response = given instanceof Response ? given : await fetch(given);
  } catch (e) {
    throw snapdfError('NOT_INITIALIZED', `${where}: ${/** @type {Error} */ (e).message}${hint}`);
  }
  if (!response.ok) throw snapdfError('NOT_INITIALIZED', `${where}: HTTP ${response.status}${hint}`);
  const type = response.headers.get('content-type') ?? '';
  try {
    if (type.startsWith('application/wasm')) return await WebAssembly.compileStreaming(response);
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (e) {
    // A server that answers unknown paths with its index.html sends text, not a module.
    throw snapdfError('NOT_INITIALIZED', `${where}: it is not a WebAssembly module (content-type ${type || 'none'}): ${/** @type {Error} */ (e).message}${hint}`);
  }
}

/**
 * A URL as the browser resolves it against the page, for messages.
 * @param {string} url
 */
function absolute(url) {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return url;
  }
}

const api = engineApi(() => {
  if (!renderWasm) {
    const how = bookkeeping ? 'init() loaded only the front module: call `await init({ render: true })`' : 'call `await init({ render: true })`';
    throw snapdfError('NOT_INITIALIZED', `render, cacheKey and validate on the page need the render module: ${how}`);
  }
  return renderWasm;
});

export const { render, cacheKey, validate, formatVersion } = api;

/** What createEngine takes in browsers. */
const ENGINE_OPTIONS = ['memory', 'persistent', 'store', 'database', 'workers', 'workerUrl', 'tasks', 'metrics', 'now', 'fonts', 'theme', 'closeStore'];

/**
 * An engine: renders in the background on module Web Workers (or, with `workers: 0`,
 * on the calling thread), with a memory cache (L1) and, unless `persistent: false`, a
 * persistent one in IndexedDB (L2). Where IndexedDB is unavailable (some private modes,
 * blocked by policy), it runs memory-only with a warning. Call after `await init()`.
 * With workers, the engine keys every snapshot in a worker, where it renders it (a
 * task's `key` is "" until `task.keyed` resolves; the page needs only the front
 * module), and renders snapshots with images or supplied fonts on workers that fetch
 * the media module the first time one needs it. `workers: 0` renders and keys on this
 * thread, which needs `init({ render: true })` (there, images and supplied fonts fail
 * with `MEDIA_UNAVAILABLE` unless the page loaded `init({ media: true })`).
 * @param {{ memory?: import('./index.js').MemorySettings,
 *   persistent?: import('../pkg/snapdf.js').CacheSettings | false,
 *   store?: import('./index.js').PersistentStore, database?: string, workers?: number, workerUrl?: string | URL,
 *   tasks?: import('../pkg/snapdf.js').TaskSettings, metrics?: import('../pkg/snapdf.js').MetricsSettings,
 *   now?: () => number, fonts?: import('./index.js').FontSource[], theme?: import('./snapshot.js').Theme,
 *   closeStore?: boolean }} [options]
 *   `store` replaces the IndexedDB store; `database` names the IndexedDB database;
 *   `fonts` are TrueType/OpenType files snapshots may name in `font`; `theme` is the
 *   engine's default look, under each snapshot's own `theme` (part of the key); `workers` is 0 to 64;
 *   `workerUrl` is where the render worker script is, if the bundler did not emit it (the
 *   package's `snapdf/worker` entry, bundled by the app; a relative URL resolves against the page);
 *   `closeStore: false` keeps `store` open when the engine closes (default: `close()` closes it)
 * @returns {SnapshotEngine}
 * @throws {Error} SnapdfError INVALID_OPTIONS naming an option of the wrong type or out
 *   of range, or one createEngine does not take
 */
export function createEngine(options = {}) {
  if (!bookkeeping) throw snapdfError('NOT_INITIALIZED', 'call `await init()` before createEngine()');
  checkEngineOptions(options, ENGINE_OPTIONS);
  const { memory, persistent, store, database, workers = defaultWorkers(), workerUrl, tasks, metrics, now, fonts, theme, closeStore } = options;
  const l2 = persistent === false ? undefined : (store ?? (globalThis.indexedDB ? new IdbStore({ name: database }) : undefined));
  if (persistent !== false && !l2) console.warn('snapdf: IndexedDB is unavailable; the cache runs memory-only');
  const runner = workers > 0 ? renderWorkers(workers, workerUrl) : undefined;
  const resume = resumeUnderLock(`snapdf-resume:${database ?? 'snapdf-cache'}`);
  // The tabs on one database hear of each other's renders and failures.
  const channel = l2 && typeof BroadcastChannel === 'function' ? new BroadcastChannel(`snapdf:${database ?? 'snapdf-cache'}`) : undefined;
  if (!runner && !renderWasm) throw snapdfError('NOT_INITIALIZED', 'createEngine({ workers: 0 }) renders on this page, which needs the render module: call `await init({ render: true })` first');
  const wasm = /** @type {typeof import('../pkg/snapdf.js')} */ (bookkeeping);
  return new SnapshotEngine({ wasm, render: renderWasm ?? null, keyInRunner: runner !== undefined, memory, persistent: persistent || undefined, store: l2, runner, tasks, metrics, now, resume, owner: tabOwner(), fonts, theme, channel, closeStore });
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
 * The render workers of an engine. A page that loaded the media module (or a module of
 * its own) gets workers that instantiate it. Otherwise a MediaRouter: base-module
 * workers (the page's own base module, or the one next to the package, compiled once on
 * the first worker), and media-module workers started when a snapshot first needs them
 * (an image, or text in supplied fonts).
 * @param {number} size
 * @param {string | URL | undefined} workerUrl the worker script, if not the bundled one
 */
function renderWorkers(size, workerUrl) {
  if (loadingWhich === 'media' || loadingWhich === 'given') return new WorkerPool({ size, spawn: (events) => spawnWebWorker(events, workerUrl) });
  const base = new WorkerPool({ size, spawn: (events) => (compiled ? spawnWebWorker(events, workerUrl) : spawnCompiled(events, workerUrl, 'base')) });
  return new MediaRouter({ base, media: () => new WorkerPool({ size, spawn: (events) => spawnCompiled(events, workerUrl, 'media') }) });
}

/** @type {{ base?: Promise<WebAssembly.Module>, media?: Promise<WebAssembly.Module> }} render modules compiled once for the workers */
const workerModules = {};

/**
 * Starts one module Web Worker for a WorkerPool, instantiating the page's compiled
 * render module (the media module next to the package if `init()` has not compiled one).
 * Bundlers (webpack 5, Vite) see the `new Worker(new URL(…, import.meta.url))` pattern
 * and emit the worker as a chunk; `workerUrl` starts the script there instead (the
 * package's `snapdf/worker` entry, bundled by the app).
 * @param {{ message: (msg: any) => void, crash: (error: Error) => void }} events
 * @param {string | URL} [workerUrl]
 */
function spawnWebWorker(events, workerUrl) {
  return startWorker(events, workerUrl, (post) => post(compiled));
}

/**
 * Starts one module Web Worker with the base or media render module, which the page
 * fetches and compiles once, on the first such worker (and again for the next worker
 * if that failed).
 * @param {{ message: (msg: any) => void, crash: (error: Error) => void }} events
 * @param {string | URL | undefined} workerUrl
 * @param {'base' | 'media'} kind
 */
function spawnCompiled(events, workerUrl, kind) {
  const module = (workerModules[kind] ??= compile(sources[kind], `${kind}Module`).catch((e) => {
    workerModules[kind] = undefined;
    throw e;
  }));
  return startWorker(events, workerUrl, (post) => module.then(post, (e) => events.crash(e)));
}

/**
 * Starts a module Web Worker wired to a pool's events; `load` posts it the module to
 * instantiate (its first message, which it waits for before any job). A worker that
 * fails before it says it is ready crashes with an error naming its script's URL.
 * @param {{ message: (msg: any) => void, crash: (error: Error) => void }} events
 * @param {string | URL | undefined} workerUrl
 * @param {(post: (module: WebAssembly.Module | undefined) => void) => void} load
 */
function startWorker(events, workerUrl, load) {
  // Spelt out for the default: bundlers recognize only this literal form.
  const worker = workerUrl === undefined
    ? new Worker(new URL('./workers/web-worker.js', import.meta.url), { type: 'module' })
    : new Worker(workerUrl, { type: 'module' });
  let ended = false;
  worker.onmessage = (e) => events.message(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    // An exception in a running worker comes with its message; a script that did not
    // load (not found, not JavaScript, an import missing) with none: then say where it
    // was looked for, and why if fetching it again tells.
    if (e.message) return events.crash(new Error(e.message));
    workerFailure(workerUrl).then((error) => {
      if (!ended) events.crash(error);
    });
  };
  worker.onmessageerror = () => events.crash(new Error('a message from the worker could not be read'));
  load((module) => worker.postMessage({ type: 'load', module }));
  return {
    announcesReady: true,
    post: (/** @type {object} */ msg) => worker.postMessage(msg),
    terminate: () => {
      ended = true;
      worker.terminate();
    },
  };
}

/**
 * Why a worker's script did not start, naming its URL: fetched again, the answer says
 * whether it is missing (HTTP 404), not JavaScript (a server's index.html), or there but
 * failing as it runs (a copied script whose imports are missing).
 * @param {string | URL | undefined} workerUrl the script, or undefined for the bundled one
 * @returns {Promise<Error>}
 */
async function workerFailure(workerUrl) {
  const fix = 'bundle the entry `snapdf/worker` into your app and pass its URL as createEngine({ workerUrl })';
  const url = workerUrl === undefined ? bundledWorkerUrl() : absolute(String(workerUrl));
  let why = 'it did not load';
  if (url) {
    try {
      const response = await fetch(url);
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok) why = `HTTP ${response.status}`;
      else if (!/javascript|ecmascript/.test(type)) why = `it is served as ${type || 'no content-type'}, not JavaScript`;
      else why = 'it is there, but a module it imports did not load (bundle the worker with its imports)';
    } catch (e) {
      why = /** @type {Error} */ (e).message;
    }
  }
  if (workerUrl !== undefined) return new Error(`its script could not be loaded from ${url}: ${why}; ${fix}`);
  // The default script: webpack and Vite emit it and rewrite its URL, which this code
  // cannot see; a bundler that does neither leaves it where `url` says.
  const where = url ? ` (unless a bundler moved it, it is ${url}: ${why})` : '';
  return new Error(`its script did not load${where}: snapdf's \`new Worker(new URL('./workers/web-worker.js', import.meta.url))\` needs a bundler that emits the worker (webpack, Vite); with others, ${fix}`);
}

/**
 * Where the default worker script is when no bundler moved it: next to the script that
 * runs this code (this file, or the bundle holding it), read from a stack trace, since
 * webpack turns `import.meta.url` into the path the app was built in.
 * @returns {string | undefined}
 */
function bundledWorkerUrl() {
  const script = /(?:https?|blob):[^\s()]+?(?=:\d+:\d+)/.exec(new Error().stack ?? '')?.[0];
  return script ? new URL('./workers/web-worker.js', script).href : undefined;
}

export { snapdfError, ERROR_CODES } from './errors.js';
export { csvToSnapshot } from './csv.js';
export { IdbStore, requestPersistentStorage } from './cache/idb-store.js';
export { SnapshotEngine } from './snapshot-engine.js';
export { WorkerPool, InlineRunner } from './workers/pool.js';
export { spawnWebWorker };
