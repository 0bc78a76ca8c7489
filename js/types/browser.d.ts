// The types of snapdf in browsers (package.json "exports", conditions "browser" and
// "default"): the shared ones (../index.d.ts) and what only browsers have. DiskStore,
// RedisStore and enqueueSnapshot are Node's, and do not exist here.
import type { CompleteStore, EngineOptions, SnapshotEngine } from '../index.js';
export * from '../index.js';

/**
 * Fetches, compiles and instantiates the WebAssembly module: call (and await) once,
 * before anything else. By default the base module: text, tables, lists and
 * attachments in the standard 14 fonts; `render` and `validate` then refuse a snapshot
 * with an image, or supplied fonts, with `MEDIA_UNAVAILABLE`, and an engine renders it
 * on workers that fetch the media module. `media: true` loads the module that also reads
 * PNG and JPEG images and TrueType/OpenType fonts (the sizes of both: README,
 * "Browsers"). A page loads one: asking for the media module after the base one rejects
 * with `ALREADY_INITIALIZED`. A module that cannot be fetched rejects with
 * `NOT_INITIALIZED` naming its URL (a failed load can be tried again).
 * @param options.module_or_path the .wasm from elsewhere: a URL, a Response, its bytes or a compiled module
 * @example
 * await init();
 * const { pdf } = render({ title: 'Hello' });
 */
export function init(options?: {
  media?: boolean;
  module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
}): Promise<void>;

/**
 * An engine with a memory cache (L1) and, unless `persistent: false`, a persistent one
 * in IndexedDB (L2; database `database`, default "snapdf-cache"); renders on module Web
 * Workers (or, with `workers: 0`, on the calling thread). Call after `await init()`.
 * After `init()` (the base module), snapshots with images or supplied fonts render on
 * workers that fetch the media module when one first needs it.
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
}

/** Starts one module Web Worker for a WorkerPool; it instantiates the module `init()` compiled (base or media). */
export function spawnWebWorker(events: { message: (msg: any) => void; crash: (error: Error) => void }): {
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
