// The types of snapdf under Node (package.json "exports", condition "node"): the
// shared ones (../index.d.ts) and what only Node has. No DOM type is named, so a
// Node-only project (`lib: ["ES2022"]`, `types: ["node"]`) compiles them.
import type { CacheKey, CacheRecord, CacheSelector, CompleteStore, EngineOptions, PersistentStore, RedisStoreStats, SnapshotEngine, SnapshotInput } from '../index.js';
export * from '../index.js';

// The fleet's clients are optional peer dependencies: without them installed, these
// are `any` instead of an error in the user's build.
// @ts-ignore
type RedisClient = import('ioredis').Redis;
// @ts-ignore
type BullQueue = import('bullmq').Queue;

/** Resolves at once: under Node the module (the media one) loads when snapdf is imported. */
export function init(options?: { media?: boolean }): Promise<void>;

/**
 * An engine with a memory cache (L1) and, with `cacheDir` (or `store`), a persistent one
 * in that directory (L2); renders on worker threads (or, with `workers: 0`, on the
 * calling thread).
 *
 * Every option is checked before use; a wrong type, a value out of range or an option
 * createEngine does not take throws a SnapdfError `INVALID_OPTIONS` whose `path`
 * names it (`options.metrics.relativeError`). Ranges: `workers` 0 to 64;
 * `memory`/`persistent`: `budgetBytes` and `maxEntries` whole numbers >= 0, `ttlMs` >= 1
 * or null; `memory.shareResults` true or false; `tasks`: `deadlineMs` 1 to 2,147,483,647 (a timer's limit), `keepFinishedMs`
 * >= 0; `metrics`: `relativeError` 0.0001 to below 1, `maxBins` 128 to 65,536,
 * `retentionHours` 1 to 87,600.
 * @example
 * const engine = createEngine({ cacheDir: '.cache/snapdf' });
 */
export function createEngine(options?: NodeEngineOptions): SnapshotEngine;

/** The options of {@link createEngine} under Node. */
export interface NodeEngineOptions extends EngineOptions {
  /** The persistent cache's directory (a {@link DiskStore}); not with `store`. */
  cacheDir?: string;
  /** Take up tasks persisted by processes that ended (default true). */
  resumeTasks?: boolean;
}

/** Starts one worker_threads render worker for a WorkerPool. */
export function spawnNodeWorker(events: { message: (msg: any) => void; crash: (error: Error) => void }): {
  worker: import('node:worker_threads').Worker; post(msg: object): void; terminate(): void; idle(): void;
};

/**
 * the shared persistent layer in Redis, for several processes or machines.
 * Entries are hashes (bytes + record with SHA-256) with Redis expiry; the budget is
 * Redis's maxmemory with allkeys-lru. Redis down: renders go on, `stats().state` is
 * "degraded", the client reconnects with backoff. Needs the optional peer dependency
 * ioredis (`npm install ioredis`); without it (and without `client`) the constructor
 * throws `MISSING_PACKAGE`.
 * @example
 * const engine = createEngine({ store: new RedisStore({ url: 'redis://127.0.0.1:6379' }) });
 */
export class RedisStore {
  constructor(options?: {
    /** Default `$SNAPDF_REDIS_URL`, else redis://127.0.0.1:6379. */
    url?: string;
    /** An ioredis client the app already has (`enableOfflineQueue: false` recommended). */
    client?: RedisClient;
    /** Prefix of every key; default "snapdf:cache:". */
    prefix?: string;
    /** A command unanswered this long fails; default 1,000 ms. */
    commandTimeoutMs?: number;
    /** Single-flight lock lifetime, renewed by its holder; default 30,000 ms. */
    lockTtlMs?: number;
    /** Longest wait for another process's render; default 60,000 ms. */
    lockWaitMs?: number;
    /** How often a waiter looks; default 50 ms. */
    pollMs?: number;
    /** How long `open()` (the engine's first lookup) waits for the connection; default 2,000 ms. */
    connectWaitMs?: number;
    /** A store on this machine (`new DiskStore(dir)`) used while Redis is unreachable; its entries go to Redis when it is back. */
    local?: PersistentStore;
  });
  readonly shared: true;
  readonly client: RedisClient;
  open(): Promise<CacheRecord[]>;
  read(key: CacheKey): Promise<Uint8Array | undefined>;
  readEntry(key: CacheKey): Promise<{ record: CacheRecord; pdf: Uint8Array } | undefined>;
  write(record: CacheRecord, pdf: Uint8Array): Promise<void>;
  delete(keys: CacheKey[]): Promise<void>;
  clear(): Promise<void>;
  invalidate(selector: CacheSelector): Promise<CacheKey[]>;
  claim(key: CacheKey): Promise<{ stored?: boolean; waited: boolean; release: () => Promise<void> }>;
  /** Asks Redis for its memory (INFO memory). */
  refreshStats(): Promise<RedisStoreStats>;
  stats(): RedisStoreStats;
  degradedReason(): string | undefined;
  /** Resolves once connected; rejects after `timeoutMs` (default 10,000), or once closed. */
  ready(timeoutMs?: number): Promise<void>;
  /** Closes the connection (not a `client` you gave); closing again does nothing. `engine.close()` calls it. */
  close(): Promise<void>;
}

/**
 * adds a render job to the fleet queue (BullMQ, keys `snapdf:render:*`);
 * resolves to the job id. A job's result is the cache key; its progress the render stages.
 * Rejects with `REDIS_UNAVAILABLE` when Redis has not taken the job within `timeoutMs`,
 * `MISSING_PACKAGE` when bullmq is not installed (`npm install bullmq ioredis`).
 * @example
 * const id = await enqueueSnapshot(snapshot, { url: 'redis://127.0.0.1:6379', namespace: 'acme' });
 */
export function enqueueSnapshot(snapshot: SnapshotInput, options?: {
  url?: string; queue?: BullQueue; namespace?: string; compression?: number;
  /** Default 3. */
  attempts?: number;
  /** First retry delay, doubling; default 1,000 ms. */
  backoffMs?: number;
  priority?: number;
  /** How long to wait for Redis; default 5,000 ms. */
  timeoutMs?: number;
}): Promise<string>;

/** the persistent layer in a directory (one file per entry, atomic writes, a rebuildable index). */
export class DiskStore {
  constructor(dir: string);
  readonly dir: string;
}
export interface DiskStore extends CompleteStore {}

