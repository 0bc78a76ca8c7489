// The types of snapdf in browsers (package.json "exports", conditions "browser" and
// "default"): the shared ones (../index.d.ts) and what only browsers have. DiskStore,
// RedisStore and enqueueSnapshot are Node's, and do not exist here.
import type { CompleteStore, EngineOptions, SnapshotEngine } from '../index.js';
export * from '../index.js';

/**
 * Fetches, compiles and instantiates the WebAssembly modules: call (and await) before
 * anything else. By default only the front module: what an engine keeps on the page
 * (tasks, the cache policy, metrics); its workers fetch the render module and parse,
 * key and render each snapshot. `render: true` also loads the base render module on the
 * page, for `render`, `cacheKey` and `validate` and for engines with `workers: 0`: text,
 * tables, lists and attachments in the standard 14 fonts; it refuses a snapshot with an
 * image, or supplied fonts, with `MEDIA_UNAVAILABLE`, which an engine renders on
 * workers that fetch the media module. `media: true` loads the render module that also
 * reads PNG and JPEG images and TrueType/OpenType fonts (the sizes: README, "Browsers").
 * A page loads one render module: asking for the media module after the base one
 * rejects with `ALREADY_INITIALIZED`.
 *
 * Where the modules are: bundlers that emit `new URL(…, import.meta.url)` assets
 * (webpack 5, Vite, Rollup with an assets plugin) need no option. With others (esbuild),
 * copy the package's `pkg/snapdf_front_bg.wasm`, `pkg/snapdf_base_bg.wasm` and `pkg/snapdf_bg.wasm` into the app
 * and pass their URLs (relative ones resolve against the page). A module that cannot be
 * fetched or compiled rejects with `NOT_INITIALIZED` naming its URL (`HTTP 404`, or
 * "not a WebAssembly module" when a server answers with a page; a failed load can be
 * tried again); an option init does not take rejects with `INVALID_OPTIONS`.
 * @example
 * await init({ render: true });
 * const { pdf } = render({ title: 'Hello' });
 * @example
 * await init({ frontModule: '/snapdf/snapdf_front_bg.wasm', baseModule: '/snapdf/snapdf_base_bg.wasm', mediaModule: '/snapdf/snapdf_bg.wasm' });
 */
export function init(options?: {
  /** Also load the base render module on the page: `render`, `cacheKey`, `validate` and engines with `workers: 0` need it. */
  render?: boolean;
  /** Load the media render module (images, supplied fonts) on the page, instead of the base one. */
  media?: boolean;
  /** Where the front module (`pkg/snapdf_front_bg.wasm`) is, which `init()` loads: its URL, a Response, its bytes or a compiled module. */
  frontModule?: ModuleSource;
  /** Where the base module (`pkg/snapdf_base_bg.wasm`) is, which `init({ render: true })` loads and an engine's workers fetch. */
  baseModule?: ModuleSource;
  /**
   * Where the media module (`pkg/snapdf_bg.wasm`) is: `init({ media: true })` loads it,
   * and after `init()` an engine's workers fetch it for a snapshot with images or
   * supplied fonts (a URL is fetched again after a failure).
   */
  mediaModule?: ModuleSource;
  /** A module to load instead of the base or media one, whichever it is; an engine's workers instantiate it too. */
  module_or_path?: ModuleSource;
}): Promise<void>;

/** Where a WebAssembly module is: its URL, a Response, the bytes of the .wasm, or a compiled module. */
export type ModuleSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * An engine with a memory cache (L1) and, unless `persistent: false`, a persistent one
 * in IndexedDB (L2; database `database`, default "snapdf-cache"); renders on module Web
 * Workers (or, with `workers: 0`, on the calling thread, which needs `init({ render:
 * true })`). Call after `await init()`. The workers fetch the base module (or
 * instantiate the page's render module), key each snapshot where they render it (a
 * task's `key` is "" until `task.keyed` resolves), and render snapshots with images or
 * supplied fonts on workers that fetch the media module when one first needs it.
 *
 * Every option is checked before use: a wrong one throws a SnapdfError
 * `INVALID_OPTIONS` whose `path` names it (the ranges: README, "In the background: tasks").
 * @example
 * const engine = createEngine();
 * const { source } = await engine.render({ title: 'Hello' });   // 'render', then 'l1'
 */
export function createEngine(options?: BrowserEngineOptions): SnapshotEngine;

/** The options of {@link createEngine} in browsers. */
export interface BrowserEngineOptions extends EngineOptions {
  /** The IndexedDB database of the persistent cache; default "snapdf-cache". */
  database?: string;
  /**
   * The URL of the render worker script, where the bundler does not emit it (webpack 5
   * and Vite do; esbuild and Rollup do not): bundle the package's entry `snapdf/worker`
   * as a script of its own and give its URL (a relative one resolves against the page).
   * A worker whose script does not load fails its renders with `WORKER_CRASHED` naming
   * the URL and why (`HTTP 404`, not JavaScript, an import missing).
   * @example
   * createEngine({ workerUrl: '/snapdf-worker.js' })
   */
  workerUrl?: string | URL;
}

/**
 * Starts one module Web Worker for a WorkerPool; it instantiates the module `init()`
 * compiled (base or media). `workerUrl`: the worker script, where the bundler does not
 * emit it (see {@link BrowserEngineOptions.workerUrl}).
 */
export function spawnWebWorker(events: { message: (msg: any) => void; crash: (error: Error) => void }, workerUrl?: string | URL): {
  post(msg: object): void; terminate(): void;
};

/** the persistent layer in IndexedDB (schema v3: stores "bytes", "records", "meta", "tasks"). */
export class IdbStore {
  constructor(options?: { name?: string; openTimeoutMs?: number });
  readonly name: string;
  /** Opens one connection (open() retries it once after an UnknownError, then deletes and recreates the database). */
  connect(): Promise<unknown>;
}
export interface IdbStore extends CompleteStore {}

/**
 * asks the browser to keep this origin's storage from eviction
 * (`navigator.storage.persist()`). snapdf never calls it itself; call it from a user
 * gesture. Resolves to whether storage is persistent.
 */
export function requestPersistentStorage(): Promise<boolean>;
