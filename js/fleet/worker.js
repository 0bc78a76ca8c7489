// A fleet worker process: takes render jobs from the BullMQ queue, renders them with
// the engine's worker pool through the shared Redis store (so each snapshot is rendered
// once fleet-wide), reports the render stages as job progress, returns the cache key,
// and publishes its metrics to Redis.
import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { RedisStore } from '../cache/redis-store.js';
import { createEngine } from '../node.js';
import { publishMetrics } from './metrics.js';
import { snapdfError } from '../errors.js';
import { QUEUE_NAME, QUEUE_PREFIX, quiet, redisUrl, within, withinTime } from './queue.js';

/** Engine error codes of the input itself: retrying cannot help, so the job fails at once. */
const INPUT_ERRORS = new Set(['INVALID_JSON', 'INVALID_SNAPSHOT', 'UNSUPPORTED_CHARACTER', 'LIMIT_EXCEEDED', 'INVALID_OPTIONS', 'INVALID_CSV']);

/** How long a worker waits for its Redis instances when it starts, in ms. */
const READY_MS = 10_000;
/** How long a forced close waits for each connection to drop, in ms. */
const FORCE_MS = 1000;

/**
 * Starts a worker: a BullMQ Worker on the render queue and an engine with `concurrency`
 * render threads and the shared RedisStore as L2.
 * @param {object} [options]
 * @param {string} [options.url] Redis URL of the queue (default `$SNAPDF_REDIS_URL`, else local)
 * @param {string} [options.cacheUrl] Redis URL of the shared cache, default `url`. A
 *   queue's Redis must never evict (noeviction); a cache's should (allkeys-lru): in
 *   production, two instances
 * @param {number} [options.concurrency] jobs at once, and render threads; default 2
 * @param {number} [options.stalledMs] BullMQ's job lock and stalled-job check: a job of a
 *   dead worker goes back to the queue within about twice this; default 30,000 ms
 * @param {number} [options.lockTtlMs] the single-flight lock's lifetime; default 30,000 ms
 * @param {number} [options.metricsEveryMs] how often metrics are published; default 5,000 ms
 * @param {number} [options.deadlineMs] a render running longer fails with TIMEOUT (and the
 *   job is retried); default 300,000 ms
 * @param {import('../index.js').FontSource[]} [options.fonts] TrueType/OpenType files the
 *   queued snapshots may name in `font` (every worker of a fleet needs the same ones: they
 *   are part of the cache key)
 * @param {(event: { type: 'completed' | 'failed', jobId: string, key?: string, source?: string, error?: string }) => void} [options.onJob]
 *   told of every job's end
 * @returns {Promise<{ id: string, worker: Worker, engine: import('../snapshot-engine.js').SnapshotEngine,
 *   store: RedisStore, publish: () => Promise<void>, close: (options?: { timeoutMs?: number }) => Promise<boolean> }>}
 *   resolves once the worker is connected; `close` finishes the active jobs, publishes
 *   the metrics a last time and disconnects. Given `timeoutMs`, it stops waiting after
 *   that long (active jobs unfinished, or a Redis that does not answer), drops the
 *   connections and resolves to false (true when everything finished in time); the
 *   unfinished jobs go back to the queue through BullMQ's stalled-job check
 * @throws {Error} SnapdfError `REDIS_UNAVAILABLE` when the cache's or the queue's Redis
 *   is not reachable within 10 s (READY_MS)
 */
export async function startWorker({ url, cacheUrl, concurrency = 2, stalledMs = 30_000, lockTtlMs = 30_000, metricsEveryMs = 5000, deadlineMs, fonts, onJob } = {}) {
  const id = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const store = new RedisStore({ url: redisUrl(cacheUrl ?? url), lockTtlMs });
  // Connected before the first job, so that no job renders without the shared cache and
  // its lock only because the connection was still being made.
  try {
    await store.ready(READY_MS);
  } catch (e) {
    await store.close();
    throw snapdfError('REDIS_UNAVAILABLE', `the shared cache's ${/** @type {Error} */ (e).message}`);
  }
  const engine = createEngine({ store, workers: concurrency, resumeTasks: false, tasks: deadlineMs ? { deadlineMs } : undefined, fonts });
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const task = engine.createSnapshot(job.data.json, job.data.options ?? {});
      task.addEventListener('progress', () => {
        job.updateProgress(task.progress).catch(() => {});
      });
      try {
        const result = await task.done;
        onJob?.({ type: 'completed', jobId: String(job.id), key: result.key, source: result.source });
        return result.key;
      } catch (e) {
        const err = /** @type {Error & { code?: string }} */ (e);
        onJob?.({ type: 'failed', jobId: String(job.id), error: `${err.code ?? err.name}: ${err.message}` });
        if (err.code && INPUT_ERRORS.has(err.code)) throw new UnrecoverableError(`${err.code}: ${err.message}`);
        throw err;
      }
    },
    {
      prefix: QUEUE_PREFIX,
      connection: { url: redisUrl(url), maxRetriesPerRequest: null },
      concurrency,
      lockDuration: stalledMs,
      stalledInterval: stalledMs,
      maxStalledCount: 2,
    },
  );
  quiet(worker); // connection errors: BullMQ reconnects by itself
  try {
    await withinTime(worker, worker.waitUntilReady(), { url, timeoutMs: READY_MS });
  } catch (e) {
    await within(worker.close(true).catch(() => {}), FORCE_MS, undefined);
    engine.close();
    await store.close();
    throw e;
  }
  const publish = async () => {
    try {
      await publishMetrics(store.client, id, engine.metrics.export());
    } catch {
      // Redis unreachable: the next publish carries everything.
    }
  };
  const timer = setInterval(publish, metricsEveryMs);
  timer.unref();
  return {
    id,
    worker,
    engine,
    store,
    publish,
    async close({ timeoutMs = Infinity } = {}) {
      clearInterval(timer);
      const graceful = (async () => {
        await worker.close();
        await publish();
        return true;
      })();
      const finished = await within(graceful.catch(() => false), timeoutMs, false);
      if (!finished) await within(worker.close(true).catch(() => {}), FORCE_MS, undefined);
      await within(engine.close().catch(() => {}), FORCE_MS, undefined);
      await within(store.close(), FORCE_MS, undefined);
      return finished;
    },
  };
}
