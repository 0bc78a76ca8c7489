// The types both entry points share: the snapshot, the engine, its cache, tasks and
// metrics. What only one of them has is in types/node.d.ts (init, createEngine with
// `cacheDir`, DiskStore, RedisStore, enqueueSnapshot) and types/browser.d.ts (init with
// the module's location, createEngine with `database`, IdbStore). Nothing here names a
// type of the DOM or of Node, so both a browser project and a Node-only one (`lib:
// ["ES2022"]`, `types: ["node"]`) compile it.

/** A cache key: 64 lowercase hexadecimal digits of SHA-256. */
export type CacheKey = string;

// The snapshot's types are written from the model's declaration (js/snapshot.d.ts).
import type { Snapshot, Page, Theme } from './snapshot.js';
export * from './snapshot.js';
/** @deprecated The `page` field's type is named `Page` now. */
export type PageSetup = Page;

/** Rendering options; every field is part of the cache key. */
export interface RenderOptions {
  /** Flate level of content streams, 0 (none) to 10; default 1. */
  compression?: number;
  /** Scopes the cache key (a user or tenant id), so one user's PDF is never served to another. */
  namespace?: string;
  /**
   * A theme under the snapshot's own: each of the snapshot's role styles applies over
   * this one's field by field, and its `background`, `accent` and `palette` replace
   * these where it gives them. The result is the snapshot's theme, so the key covers it.
   */
  theme?: Theme;
  /**
   * TrueType/OpenType files the snapshot may name in `font`; those it uses are embedded
   * as subsets, and their SHA-256 is part of the cache key. A list is copied into the
   * module the first time it is passed and kept while the list is alive: pass the same
   * list again (unchanged) and nothing is copied or hashed again.
   */
  fonts?: FontSource[];
}

/** A font file supplied by the caller. */
export interface FontSource {
  /** The name snapshots use in `font`, e.g. "DejaVu Sans"; "DejaVu Sans Bold", "… Italic" and "… Bold Italic" are its styles. */
  name: string;
  /** The bytes of the .ttf or .otf file. */
  data: Uint8Array;
  /**
   * The file's SHA-256 as 64 hex digits, if kept from an earlier call: the cache key uses
   * it instead of hashing the file again (about 2 ms for a 750 KB face). A wrong digest
   * gives a wrong key. Without it, each list of fonts hashes a file once, when a key
   * first needs it.
   */
  digest?: string;
}

/**
 * Bytes on an ArrayBuffer of their own (never a SharedArrayBuffer), so `new Blob([pdf])`
 * type-checks: `Uint8Array<ArrayBuffer>` from TypeScript 5.7 on, `Uint8Array` before.
 */
export type PdfBytes = ReturnType<Uint8Array['slice']>;

/** A rendered PDF. */
export interface RenderResult {
  /** The PDF file. */
  pdf: PdfBytes;
  key: CacheKey;
  pages: number;
  /**
   * What the PDF does not show as the snapshot asked, such as italic text set upright
   * because no italic face was supplied; empty when nothing. Kept with the cached entry,
   * so a hit says what the render said.
   */
  warnings: RenderWarning[];
}

/** A note about a snapshot that rendered, but not quite as it asked. */
export interface RenderWarning {
  /** The JSON path of the field to change, e.g. `font`. */
  path: string;
  /** What differs and what to do, e.g. "italic text is set in `DejaVu Sans`: no font named `DejaVu Sans Italic` was supplied; …". */
  message: string;
}

/** Error codes of {@link SnapdfError}. */
export type ErrorCode =
  /** the input is not well-formed JSON (or not UTF-8) */
  | 'INVALID_JSON'
  /** a value has the wrong type or breaks a rule (`path` names it), or is not JSON at all (a BigInt, a circular reference) */
  | 'INVALID_SNAPSHOT'
  /** text the fonts cannot print */
  | 'UNSUPPORTED_CHARACTER'
  /** the snapshot is larger than a limit */
  | 'LIMIT_EXCEEDED'
  /** an option is wrong: `path` names it (`options.metrics.relativeError`) */
  | 'INVALID_OPTIONS'
  /** images or supplied fonts, on the base module */
  | 'MEDIA_UNAVAILABLE'
  /** a PDF larger than a cache layer's whole budget */
  | 'CACHE_ENTRY_TOO_LARGE'
  /** a bad metric name or value, or metrics that cannot merge */
  | 'INVALID_METRIC'
  /** a task state change the task table refuses (a bug in the caller of TaskTable) */
  | 'ILLEGAL_TASK_TRANSITION'
  /** a malformed CSV file (`line` names the line) */
  | 'INVALID_CSV'
  /** Redis (a fleet's queue or shared cache) did not answer in time */
  | 'REDIS_UNAVAILABLE'
  /** a command line the CLI cannot take (the CLI's errors only) */
  | 'USAGE'
  /** a package a feature needs is not installed (the fleet's bullmq or ioredis, optional peer dependencies): the message names it */
  | 'MISSING_PACKAGE'
  /** a browser function called before `await init()` */
  | 'NOT_INITIALIZED'
  /** `init({ media: true })` after the base module was loaded */
  | 'ALREADY_INITIALIZED'
  /** a task ran past its deadline (running time, `tasks.deadlineMs`) */
  | 'TIMEOUT'
  /** the render worker died (killed, out of memory) */
  | 'WORKER_CRASHED'
  /** a WebAssembly trap (a Rust panic): in a worker, the worker is replaced; on the calling thread, the engine refuses all later calls */
  | 'WASM_TRAP'
  /** the task was cancelled (`task.cancel()`, `engine.cancel(id)`, its AbortSignal) */
  | 'CANCELLED'
  /** the engine or its worker pool was closed */
  | 'CLOSED'
  /** anything else (a custom runner's or store's own error): the message says what */
  | 'INTERNAL_ERROR';

/** Every {@link ErrorCode}, frozen: `ERROR_CODES.includes(e.code)`. */
export const ERROR_CODES: readonly ErrorCode[];

/** What every snapdf function throws: an `Error` named "SnapdfError". */
export interface SnapdfError extends Error {
  name: 'SnapdfError';
  code: ErrorCode;
  /** JSON path of the offending value, e.g. `blocks[3].rows[17][2]`, where there is one. */
  path?: string;
  /** 1-based CSV line, for `INVALID_CSV`. */
  line?: number;
}


/** What a snapshot can be given as: an object, JSON text, or UTF-8 JSON bytes. */
export type SnapshotInput = Snapshot | string | Uint8Array;


/**
 * Validates and renders a snapshot to PDF.
 * @throws {SnapdfError} naming the JSON path of the problem
 * @example
 * const { pdf, pages, key } = render({ title: 'Q3', blocks: [{ type: 'paragraph', text: 'Hi' }] });
 */
export function render(snapshot: SnapshotInput, options?: RenderOptions): RenderResult;

/** The cache key of a snapshot with these options, without rendering. @throws {SnapdfError} */
export function cacheKey(snapshot: SnapshotInput, options?: RenderOptions): CacheKey;

/** Checks a snapshot (against the fonts given, if it names fonts). @throws {SnapdfError} naming the first problem */
export function validate(snapshot: SnapshotInput, options?: { fonts?: FontSource[] }): void;

/** The engine's format version, part of every cache key. */
export function formatVersion(): number;

/** Builds an error shaped like the engine's. */
export function snapdfError(code: ErrorCode, message: string, path?: string): SnapdfError;

/**
 * Turns CSV text (first row = header) into a snapshot with one data table; cells stay
 * text as written, and a column whose cells are all numbers aligns right.
 * @throws {SnapdfError} `INVALID_CSV` with `line` for a malformed or empty CSV;
 *   `INVALID_OPTIONS` naming a wrong option (`options.delimiter`: one character; a
 *   blank `options.title`) or one it does not take (`options.delimeter`, with "did you
 *   mean `delimiter`?")
 * @example
 * const snapshot = csvToSnapshot('city,population\nOslo,709000\n', { title: 'Cities' });
 */
export function csvToSnapshot(text: string, options?: CsvOptions): Snapshot;

/** Options of {@link csvToSnapshot}. */
export interface CsvOptions {
  /** The snapshot's title, not blank (as a snapshot's); default "Table". */
  title?: string;
  /** Default (and when null) the row count ("1,234 rows"). */
  subtitle?: string | null;
  /** The field separator, one character; default ",". `"\t"` reads TSV. */
  delimiter?: string;
}



// What the WebAssembly module's own declarations (pkg/snapdf.d.ts, generated) also
// declare; copied here because that file names DOM types (`RequestInfo`,
// `WebAssembly.Module`) a Node-only project does not have. tests/js/types.test-d.ts
// checks that each copy is the same type as the generated one.

/** Limits of one cache layer. */
export interface CacheSettings {
  /** Most bytes the layer may hold; default 64 MiB (memory), 512 MiB (persistent). */
  budgetBytes?: number;
  /** Most entries; default 10,000. */
  maxEntries?: number;
  /** Time to live in milliseconds; default none (null) in memory, 7 days persistent. */
  ttlMs?: number | null;
}
/**
 * The memory cache (L1): its limits, and whether its results share their bytes.
 * @example
 * createEngine({ memory: { budgetBytes: 256 * 2 ** 20, shareResults: true } });
 */
export interface MemorySettings extends CacheSettings {
  /**
   * Whether every L1 hit hands out the bytes the cache keeps, without a copy; default
   * false. By default each result's `pdf` is bytes of its own (L1 copies an entry when it
   * stores it and on each hit, and requests that share a render get a copy each), so
   * writing into it changes nothing another caller or the next hit gets. With true, an
   * L1 hit and every request sharing a render get the same bytes: do not write into them
   * (transferring them to a worker is fine: the cache notices and drops its entry).
   * What a copy costs per hit is measured in the repository's BENCHMARKS.md ("Cache hits").
   */
  shareResults?: boolean;
}
/** What the index knows of an entry. */
export interface EntryInfo {
  key: string;
  namespace: string;
  size: number;
  createdMs: number;
  lastAccessMs: number;
  expiresMs?: number | null;
}
/**
 * Which entries an invalidation removes: one key, every key with a prefix, one
 * namespace's entries, or `"all"`. One at a time: `{ prefix, namespace }` is refused.
 */
export type CacheSelector =
  | { key: string; prefix?: never; namespace?: never }
  | { prefix: string; key?: never; namespace?: never }
  | { namespace: string; key?: never; prefix?: never }
  | 'all';
/** Counters and sizes of one layer. */
export interface LayerStats {
  entries: number; bytes: number; budgetBytes: number;
  hits: number; misses: number; insertions: number; bytesInserted: number;
  evictions: number; expirations: number; corruptions: number; refusals: number;
  invalidations: number; hitRate: number;
}
/** How histograms are kept. */
export interface MetricsSettings {
  /** Relative error of every percentile, 0.0001 to below 1; default 0.01. */
  relativeError?: number;
  /** Most bins per sketch, 128 to 65,536; default 2048. */
  maxBins?: number;
  /** Hours of hour buckets kept, 1 to 87,600; default 168. */
  retentionHours?: number;
}
/** One histogram over a window: count, min, max and sum are exact; percentiles within the relative error. */
export interface HistogramSummary {
  count: number; min: number; max: number; sum: number; mean: number;
  p50: number; p95: number; p99: number; ratePerSec: number;
}
/** Everything over a window. */
export interface MetricsSummary {
  hours: number;
  nowMs: number;
  histograms: Record<string, HistogramSummary>;
  counters: Record<string, { total: number; ratePerSec: number }>;
  cache: { l1: number; l2: number; overall: number };
  outcomes: Record<string, number>;
}
/** A registry's full state: JSON round-trippable, mergeable into another registry. */
export type MetricsExport = { settings: MetricsSettings; series: Record<string, unknown> };
/** Where a task is in its life. */
export type TaskStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
/** A stage of the work: progress 0, 5, 20, 50, 90, 100. */
export type TaskStage = 'queued' | 'started' | 'validated' | 'laidOut' | 'assembled' | 'stored';
/** One run's record. */
export interface TaskRecord {
  id: string; key: string; status: TaskStatus; stage: TaskStage; progress: number; priority: number;
  createdMs: number; startedMs?: number | null; finishedMs?: number | null; deadlineMs?: number | null;
  attempts: number; failure?: { code: string; message: string } | null;
}
/** Task table settings. */
export interface TaskSettings {
  /** Time a run may take, in ms, 1 to 2,147,483,647; default 300,000. */
  deadlineMs?: number;
  /** How long finished records are kept, in ms; default 3,600,000. */
  keepFinishedMs?: number;
}

/**
 * An engine's metrics: DDSketch histograms (1 % relative error on percentiles; count,
 * min, max exact) and counters, in minute buckets rolled up to hours, kept 168 hours.
 * snapdf records `snapshot.ms`, `render.ms`, `render.stage.*_ms`, `pdf.bytes`,
 * `pdf.pages`, `task.create_ms`, `task.queue_ms`, `cache.l1|l2.lookup_ms`,
 * `cache.l1|l2.hits|misses`, `cache.evictions`, `cache.corruptions`, `tasks.joined`,
 * `tasks.resumed`, and the outcomes `outcome.completed`, `outcome.failed.<code>`,
 * `outcome.cancelled` and `outcome.timed_out`.
 */
export interface EngineMetrics {
  /** Records a value (ms, bytes, …) into a histogram. Names: a-z, 0-9, '_', '.'. */
  record(name: string, value: number): void;
  /** Adds to a counter (default 1). */
  increment(name: string, by?: number): void;
  /** Per metric over the last `hours` (default 24). */
  summary(options?: { hours?: number }): MetricsSummary;
  /**
   * The dashboard of the last `hours` (default 24) as a snapshot to render: latency
   * percentiles over time, hit rates and outcomes as charts, every metric in a table.
   */
  report(options?: { hours?: number }): Snapshot;
  /** The summary in the Prometheus text exposition format. */
  toPrometheus(options?: { hours?: number }): string;
  /** The full state as plain data (JSON round-trippable). */
  export(): MetricsExport;
  /** Adds another engine's exported state. */
  merge(exported: MetricsExport): void;
  /** Drops buckets older than `hours`. */
  clearOld(options: { hours: number }): void;
  reset(): void;
  footprint(): { metrics: number; buckets: number; bins: number };
}

/** Options of {@link SnapshotEngine.render}: rendering options plus cache control. */
export interface EngineRenderOptions extends RenderOptions {
  /** Read the cache; `false` always renders (the result is still stored). Default true. */
  cache?: boolean;
  /** Store the result in the cache. Default true. */
  store?: boolean;
}

/** Options of {@link SnapshotEngine.createSnapshot}. */
export interface SnapshotOptions extends EngineRenderOptions {
  /** Queue priority: higher runs first, FIFO within a priority. Default 0. */
  priority?: number;
  /** Cancels the task when aborted. */
  signal?: AbortSignal;
  /** Retry once when the worker crashes or traps. Default false. */
  retry?: boolean;
}


/** An event with a payload: a `CustomEvent`'s `detail`. */
export interface SnapdfEvent<D> extends Event {
  readonly detail: D;
}

/**
 * An EventTarget whose events are named in `M`: a listener gets the event's own type
 * (`e.detail.error` type-checks), and a misspelt event name does not compile.
 */
export interface TypedEventTarget<M, This> {
  addEventListener<K extends keyof M & string>(
    type: K,
    listener: ((this: This, event: M[K]) => void) | { handleEvent(event: M[K]): void } | null,
    options?: boolean | { capture?: boolean; once?: boolean; passive?: boolean; signal?: AbortSignal },
  ): void;
  removeEventListener<K extends keyof M & string>(
    type: K,
    listener: ((this: This, event: M[K]) => void) | { handleEvent(event: M[K]): void } | null,
    options?: boolean | { capture?: boolean },
  ): void;
  dispatchEvent(event: Event): boolean;
}

/** A task's events: its progress, then one of `completed`, `failed` and `cancelled`. */
export interface TaskEventMap {
  /** The task's cache key is known (at once where the calling thread keys; in a browser, when a worker has keyed the snapshot). */
  key: SnapdfEvent<{ key: CacheKey }>;
  /** The run moved on: progress 0-100 (forward only), its stage and status. */
  progress: SnapdfEvent<{ progress: number; stage: TaskStage; status: TaskStatus }>;
  /** The PDF, as `done` resolves to it. */
  completed: SnapdfEvent<EngineResult>;
  /** The error `done` rejects with. */
  failed: SnapdfEvent<SnapdfError>;
  /** The CANCELLED error `done` rejects with. */
  cancelled: SnapdfEvent<SnapdfError>;
}

/** A batch's event: its aggregate progress moved forward. */
export interface BatchEventMap {
  progress: SnapdfEvent<{ progress: number }>;
}

/** The events of `engine.tasks`: every task's end, and (browsers) other tabs' renders. */
export interface TaskManagerEventMap {
  completed: SnapdfEvent<{ task: Task; result: EngineResult }>;
  failed: SnapdfEvent<{ task: Task; error: SnapdfError }>;
  cancelled: SnapdfEvent<{ task: Task }>;
  /** Another tab on the same database rendered a PDF (now in the shared store). */
  remotecompleted: SnapdfEvent<Extract<TaskNotice, { type: 'completed' }>>;
  /** Another tab's render failed. */
  remotefailed: SnapdfEvent<Extract<TaskNotice, { type: 'failed' }>>;
}

/**
 * One request for a PDF: `id`, `key`, `status`, `stage`, `progress` (0-100, forward only)
 * and `done`. Fires `progress`, then `completed`, `failed` or `cancelled`. Each
 * createSnapshot call gets its own task, even when it shares a run (one render of a
 * cache key) with other requests: cancelling it (`cancel()`, `engine.cancel(id)`, its
 * signal) withdraws only this request; the render stops when no request wants it.
 * Events fire after createSnapshot returns, and a listener for the terminal event added
 * after it fired is called with it once (on a microtask).
 */
export interface Task extends TypedEventTarget<TaskEventMap, Task> {
  /** This request's id. */
  readonly id: string;
  /** The id of the run (render) it shares; its own id when it started the run. `listTasks()` lists runs. */
  readonly runId: string;
  /**
   * The cache key: "" until known. An engine whose workers key the snapshots (a browser
   * page that loaded only the front module) learns it a moment after createSnapshot
   * returns, with the `key` event; "" for a refused snapshot.
   */
  readonly key: CacheKey | '';
  /** Resolves to the key once known, or to "" for a refused snapshot (then `done` rejects). */
  readonly keyed: Promise<CacheKey | ''>;
  readonly status: TaskStatus;
  readonly stage: TaskStage;
  readonly progress: number;
  /** Why it failed or was cancelled: a {@link SnapdfError} (TIMEOUT, WORKER_CRASHED, WASM_TRAP, CANCELLED, an engine code…). */
  readonly error?: SnapdfError;
  readonly done: Promise<EngineResult>;
  /** Withdraws this request: `done` rejects with CANCELLED; false if it had ended. */
  cancel(): boolean;
}

/** Many tasks with one aggregate progress (the mean, never moving back; an ended task counts 100); `done` settles at 100. */
export interface Batch extends TypedEventTarget<BatchEventMap, Batch> {
  readonly tasks: Task[];
  readonly progress: number;
  readonly done: Promise<PromiseSettledResult<EngineResult>[]>;
}

/**
 * What an engine announces to the others on its store (another tab on the same
 * IndexedDB database), arriving as a `remotecompleted` or `remotefailed` event's
 * `detail`: the task's id and cache key, and pages, PDF size in bytes, time in ms and
 * the record of the entry it wrote to the shared store (which the receiving engine
 * takes into its index, so it serves that PDF from the store instead of rendering it),
 * or the failure's code and message.
 */
export type TaskNotice =
  | { type: 'completed'; id: string; key: CacheKey; pages: number; bytes: number; ms: number; record?: CacheRecord }
  | { type: 'failed'; id: string; key: CacheKey; code: string; message: string };

/** A BroadcastChannel, or anything shaped like one, shared by the engines on one store. */
export interface NoticeChannel {
  postMessage(message: unknown): void;
  close(): void;
  /** Set by the engine; called with each message's event (a `MessageEvent`: only its `data` is read). */
  onmessage: ((event: any) => void) | null;
}

/**
 * The tasks of an engine; fires `completed` (`{ task, result }`), `failed` (`{ task,
 * error }`) and `cancelled` (`{ task }`), and (with a channel: browsers, one per
 * database) `remotecompleted` and `remotefailed` with a {@link TaskNotice} for what
 * other tabs rendered or failed.
 * @example
 * engine.tasks.addEventListener('failed', (e) => console.error(e.detail.error.code));
 */
export interface TaskManager extends TypedEventTarget<TaskManagerEventMap, TaskManager> {
  get(id: string): Task | undefined;
  list(filter?: { status?: TaskStatus }): TaskRecord[];
  cancel(id: string): boolean;
  cleanup(): void;
}

/** Where renders run. */
export interface Runner {
  readonly size: number;
  /**
   * Runs a job. `onStart`, if the runner calls it, says when the job really started
   * (it may wait for a worker first): the task's deadline counts from then.
   */
  run(job: { id: string; json: string; options: object }, onStage: (stage: string) => void, onStart?: () => void): Promise<unknown>;
  abort(id: string, error: Error): void;
  close(): void;
}

/** A pool of render workers (Web Workers or worker_threads), replaced when they crash or trap. */
export class WorkerPool implements Runner {
  constructor(options: { size: number; spawn: (events: { message: (msg: any) => void; crash: (error: Error) => void }) => { post(msg: object): void; terminate(): void; idle?(): void } });
  readonly size: number;
  run(job: { id: string; json: string; options: object }, onStage: (stage: string) => void, onStart?: () => void): Promise<unknown>;
  abort(id: string, error: Error): void;
  close(): void;
}

/** Runs renders on the calling thread. */
export class InlineRunner implements Runner {
  constructor(wasm: unknown);
  readonly size: number;
  run(job: { id: string; json: string; options: object }, onStage: (stage: string) => void, onStart?: () => void): Promise<unknown>;
  abort(): void;
  close(): void;
}

/**
 * What {@link SnapshotEngine.render} resolves to. `pdf` is bytes of its own: writing into
 * it changes neither the cache nor another caller's result (unless the engine was made
 * with `memory: { shareResults: true }`, see {@link MemorySettings}). The task's `done`,
 * its `completed` event and the engine's `completed` event for it carry the same object.
 */
export interface EngineResult extends RenderResult {
  /** Where the bytes came from: the memory layer, the persistent layer, or a render. */
  source: 'l1' | 'l2' | 'render';
  /** Milliseconds from the call to the bytes. */
  ms: number;
}

/** A cached PDF. */
export interface CacheEntry {
  pdf: Uint8Array;
  pages: number;
  namespace?: string;
  /** The warnings of the render that made the PDF. */
  warnings?: RenderWarning[];
}

/** What a persistent store keeps about an entry besides its bytes. */
export interface CacheRecord extends EntryInfo {
  pages: number;
  /** SHA-256 of the bytes, 64 hex digits; a read that does not match is never served. */
  digest: string;
  /** The warnings of the render that made the PDF, where it had some. */
  warnings?: RenderWarning[];
}

/** A persistent cache layer (L2): IndexedDB in browsers, a directory in Node. */
export interface PersistentStore extends TaskStore {
  /** Opens the store and lists its records. */
  open(): Promise<CacheRecord[]>;
  /**
   * The bytes of an entry, or undefined if gone. `size` is the entry's size as its record
   * says; a store that sees a file's size before reading it (DiskStore) gives undefined
   * for a file of another size, without reading it.
   */
  read(key: CacheKey, size?: number): Promise<Uint8Array | undefined>;
  /** Stores an entry (a quota error is QuotaExceededError or ENOSPC). */
  write(record: CacheRecord, pdf: Uint8Array): Promise<void>;
  delete(keys: CacheKey[]): Promise<void>;
  clear(): Promise<void>;
  /** Persists the records (last-access times), if the store keeps an index. */
  flush?(records: CacheRecord[]): Promise<void>;
  /** The metrics saved last, merged into the engine's on open (rejects if unreadable). */
  readMetrics?(): Promise<MetricsExport | undefined>;
  /** Saves the engine's metrics (on flush). */
  writeMetrics?(exported: MetricsExport): Promise<void>;
  /** Moves saved metrics that cannot be merged out of the way; resolves to where they went. */
  setAsideMetrics?(): Promise<string>;
  /** Releases what the store holds open (a connection); `engine.close()` calls it. */
  close?(): Promise<void>;
  /**
   * A store other processes write too (RedisStore): it is its own index, expiry and
   * budget; the cache asks it for every key (`readEntry`) and invalidates through it.
   */
  readonly shared?: boolean;
  /** A shared store's entry (record and bytes) in one read, or undefined. */
  readEntry?(key: CacheKey): Promise<{ record: CacheRecord; pdf: Uint8Array } | undefined>;
  /** A shared store removes what the selector names, whoever wrote it; resolves to the keys. */
  invalidate?(selector: CacheSelector): Promise<CacheKey[]>;
  /** Fleet-wide single flight: wait for another process's render of `key`, or take the lock. */
  claim?(key: CacheKey): Promise<{ stored?: boolean; waited: boolean; release: () => Promise<void> }>;
  /** Why the store is unusable right now (a transient outage), or undefined. */
  degradedReason?(): string | undefined;
  /** The store's own state, shown as `CacheStats.store`. */
  stats?(): RedisStoreStats;
}

/** A pending task as persisted, with its snapshot, until it ends. */
export interface PersistedTask {
  id: string;
  key: CacheKey;
  /** The snapshot as JSON text. */
  json: string;
  options: RenderOptions;
  priority: number;
  read?: boolean;
  write?: boolean;
  retry?: boolean;
  createdMs: number;
  /** The engine that created it (see {@link TaskOwner}). */
  owner?: string;
}

/** Who owns persisted tasks, and whether another owner still runs (then its tasks are left alone). */
export interface TaskOwner {
  id: string;
  isAlive(owner: string): boolean | Promise<boolean>;
}

/** Where pending tasks are persisted (the persistent stores implement it). */
export interface TaskStore {
  saveTask?(task: PersistedTask): Promise<void>;
  removeTask?(id: string): Promise<void>;
  loadTasks?(): Promise<PersistedTask[]>;
}

/** Cache counters per layer and overall. */
export interface CacheStats {
  l1: LayerStats;
  l2?: LayerStats;
  overall: { hitRate: number; entries: number; bytes: number; evictions: number; corruptions: number };
  /**
   * "none" without a persistent store; "degraded" after it failed (memory-only until a
   * retry succeeds: the first 1 s after the failure, each failed one doubling the wait
   * up to 60 s), or while a shared store (Redis) is unreachable.
   */
  persistent: 'ok' | 'degraded' | 'none';
  degradedReason?: string;
  /** While degraded (a local store): when it started, ms since the epoch (the engine's clock). */
  degradedSince?: number;
  /** While degraded (a local store): when the store is tried next, ms since the epoch. */
  retryAt?: number;
  /** A store's own state, where it reports one (RedisStore). */
  store?: RedisStoreStats;
}

/** Counters of a process's fleet-wide single-flight claims. */
export interface LockStats {
  /** Locks taken. */
  acquired: number;
  /** Claims that found the lock held by another process. */
  waits: number;
  /** Waits that ended with the holder's result in the store. */
  stored: number;
  /** Waits that ended by taking the lock (the holder failed, or died and its lock expired). */
  takeovers: number;
  /** Waits that passed their deadline (then it renders anyway). */
  timeouts: number;
  /** Claims that could not reach Redis (then it renders anyway). */
  unavailable: number;
}

/** The state of a {@link RedisStore}. */
export interface RedisStoreStats {
  /** "degraded" while Redis is unreachable (renders go on with L1). */
  state: 'ok' | 'degraded';
  /** Degraded periods so far. */
  outages: number;
  /** Their total length in ms, the current one included. */
  degradedMs: number;
  lastError?: string;
  /** Redis `used_memory` in bytes, as of the last `refreshStats()` (0 before). */
  usedMemoryBytes: number;
  /** Redis `maxmemory` in bytes; 0 means no limit (set one: README, "Fleet"). */
  maxMemoryBytes: number;
  /** Redis `maxmemory-policy`; "allkeys-lru" is the one to use. */
  evictionPolicy: string;
  lock: LockStats;
  /** With a `local` store: entries served from it, written to it during outages, and copied from it to Redis. */
  local?: { reads: number; writes: number; promoted: number };
}

/** The two-layer cache of an engine. */
export interface SnapshotCache {
  open(): Promise<void>;
  get(key: CacheKey): Promise<(CacheEntry & { layer: 'l1' | 'l2' }) | undefined>;
  put(key: CacheKey, entry: CacheEntry): Promise<void>;
  /** Removes entries from both layers; resolves to the keys removed. */
  invalidate(selector: CacheSelector): Promise<CacheKey[]>;
  /** Empties both layers, or one namespace (for a logout). */
  clear(options?: { namespace?: string }): Promise<CacheKey[]>;
  /** Drops expired entries. */
  cleanup(): Promise<{ entries: number; bytes: number }>;
  flush(): Promise<void>;
  /** Closes the persistent store (never rejects). */
  close(): Promise<void>;
  stats(): CacheStats;
  entries(): { l1: EntryInfo[]; l2: EntryInfo[] };
}

/** Renders through the two-layer cache: the same snapshot is rendered once. */
export class SnapshotEngine {
  constructor(options: {
    wasm: unknown; memory?: MemorySettings; persistent?: CacheSettings; store?: PersistentStore;
    metrics?: MetricsSettings; tasks?: TaskSettings; runner?: Runner; now?: () => number;
    fonts?: FontSource[]; owner?: TaskOwner; channel?: NoticeChannel;
    /** Whether `close()` closes `store` too; default true. */
    closeStore?: boolean;
  });
  readonly cache: SnapshotCache;
  readonly tasks: TaskManager;
  /** The tasks taken up from the store at start (pending or running when the last page or process ended). */
  readonly resumed: Promise<Task[]>;
  /**
   * Starts a snapshot and returns its task at once (well under 1 ms): completed if the
   * PDF is in memory, the existing task if one is pending or running for the same key.
   * @example
   * const task = engine.createSnapshot(snapshot, { priority: 1 });
   * task.addEventListener('progress', () => console.log(task.progress));
   * const { pdf } = await task.done;
   */
  createSnapshot(snapshot: SnapshotInput, options?: SnapshotOptions): Task;
  /** Starts many snapshots with one aggregate progress. */
  createSnapshots(snapshots: SnapshotInput[], options?: SnapshotOptions): Batch;
  getTask(id: string): Task | undefined;
  /** Run records: one per render, under the id of the request that started it (`task.runId`). */
  listTasks(filter?: { status?: TaskStatus }): TaskRecord[];
  /**
   * Cancels the request `id` (a task's id, like `task.cancel()`): its `done` rejects with
   * CANCELLED; other requests sharing its run keep it going. False if it already ended.
   */
  cancel(id: string): boolean;
  /**
   * Stops the workers (pending and running tasks fail), waits for task writes, writes
   * what `flush()` writes (the index, the metrics) and closes the persistent store
   * (unless made with `closeStore: false`). Call it before a process exits: an open
   * RedisStore keeps Node running. Never rejects.
   */
  close(): Promise<void>;
  /** Latency percentiles, hit rates and outcomes. */
  readonly metrics: EngineMetrics;
  /**
   * Renders a snapshot or serves it from the cache.
   * @example
   * const engine = createEngine({ cacheDir: '.cache/snapdf' });
   * const { pdf, source } = await engine.render(snapshot, { namespace: 'user-1' });
   */
  render(snapshot: SnapshotInput, options?: SnapshotOptions): Promise<EngineResult>;
  /** Renders what is not cached yet. */
  prefetch(snapshots: SnapshotInput[], options?: SnapshotOptions): Promise<{ rendered: number; cached: number }>;
  /** Writes what the persistent store keeps lazily; call before a process exits. */
  flush(): Promise<void>;
}

/** A persistent store with every optional part: the index, metrics and tasks. */
export type CompleteStore = Required<PersistentStore>;

/** The options of `createEngine` that Node and browsers share. */
export interface EngineOptions {
  /** Render workers, 0 to 64: default the available cores (at most 4); 0 renders on the calling thread. */
  workers?: number;
  tasks?: TaskSettings;
  metrics?: MetricsSettings;
  /** The memory cache (L1); default 64 MiB, no TTL, results copied (`shareResults: false`). */
  memory?: MemorySettings;
  /** The persistent cache (L2), or `false` for none; default 512 MiB, TTL 7 days. */
  persistent?: CacheSettings | false;
  /** Another persistent store. */
  store?: PersistentStore;
  /** The clock, in ms since the epoch (tests inject one); default `Date.now`. */
  now?: () => number;
  /**
   * Fonts every snapshot of this engine may name in `font` (a `fonts` option of a call
   * replaces them). The engine hashes each file once, so its bytes must not change.
   */
  fonts?: FontSource[];
  /**
   * The engine's default look: a theme under every snapshot's own (a `theme` option of
   * a call replaces it). Checked when the engine is made; part of each key through the
   * snapshot it changes.
   */
  theme?: Theme;
  /**
   * Whether `engine.close()` closes `store` (default true). Set false when several
   * engines share one store, and close it yourself after the last.
   */
  closeStore?: boolean;
}

/** What starts one render worker for a {@link WorkerPool}. */
export type SpawnWorker = (events: { message: (msg: any) => void; crash: (error: Error) => void }) => {
  post(msg: object): void; terminate(): void; idle?(): void;
};
