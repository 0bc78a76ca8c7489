// The render queue of a fleet: BullMQ, queue "render" under the prefix "snapdf", so its
// Redis keys are snapdf:render:*. A job carries a snapshot as JSON text and its render
// options; its result is the cache key (the bytes are in the shared store), its
// progress the render stages (0-100).
import { Queue, QueueEvents } from 'bullmq';
import { toJson } from '../engine.js';

/** BullMQ's key prefix: with the queue name, keys are `snapdf:render:*`. */
export const QUEUE_PREFIX = 'snapdf';
/** The queue's name (BullMQ forbids ':' in names; the prefix supplies "snapdf:"). */
export const QUEUE_NAME = 'render';

/**
 * The Redis URL to use: the given one, else `$SNAPDF_REDIS_URL`, else the local default.
 * @param {string} [url]
 */
export function redisUrl(url) {
  return url ?? process.env.SNAPDF_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/**
 * The render queue.
 * @param {{ url?: string }} [options] the Redis URL (default `$SNAPDF_REDIS_URL`, else local)
 * @returns {Queue} close it with `await queue.close()`
 */
export function openQueue({ url } = {}) {
  return new Queue(QUEUE_NAME, { prefix: QUEUE_PREFIX, connection: { url: redisUrl(url) } });
}

/**
 * The queue's event stream (completed, failed, progress), for waiting on jobs.
 * @param {{ url?: string }} [options]
 * @returns {QueueEvents} close it with `await events.close()`
 */
export function openQueueEvents({ url } = {}) {
  return new QueueEvents(QUEUE_NAME, { prefix: QUEUE_PREFIX, connection: { url: redisUrl(url) } });
}

/**
 * Adds a render job for `snapshot` to the fleet's queue. Nothing is validated here: a
 * worker fails an invalid snapshot at once, without retrying (UnrecoverableError); a
 * transient failure (a crashed render worker, a timeout) is retried with exponential
 * backoff; a job whose worker process dies is taken up by another (BullMQ's stalled-job
 * check).
 * @param {import('../index.js').SnapshotInput} snapshot an object, JSON text or UTF-8 bytes
 * @param {{ url?: string, queue?: Queue, namespace?: string, compression?: number,
 *   attempts?: number, backoffMs?: number, priority?: number }} [options]
 *   `queue` reuses an open queue (else one is opened and closed for this call);
 *   `namespace` and `compression` are render options; `attempts` (default 3) and
 *   `backoffMs` (default 1,000 ms, doubling) the retries; `priority` BullMQ's (1 is highest)
 * @returns {Promise<string>} the job id
 * @throws {Error} when Redis cannot be reached; SnapdfError `INVALID_SNAPSHOT` when the
 *   snapshot is neither an object, JSON text nor UTF-8 bytes
 * @example
 * const id = await enqueueSnapshot({ title: 'Q3' }, { url: 'redis://127.0.0.1:6379', namespace: 'acme' });
 */
export async function enqueueSnapshot(snapshot, options = {}) {
  const queue = options.queue ?? openQueue(options);
  try {
    const [job] = await queue.addBulk([renderJob(snapshot, options)]);
    return /** @type {string} */ (job.id);
  } finally {
    if (!options.queue) await queue.close();
  }
}

/**
 * A job for `queue.add`/`addBulk`: name "render", data `{ json, options }`, retries.
 * @param {import('../index.js').SnapshotInput} snapshot
 * @param {{ namespace?: string, compression?: number, attempts?: number, backoffMs?: number, priority?: number }} options
 */
export function renderJob(snapshot, { namespace, compression, attempts = 3, backoffMs = 1000, priority } = {}) {
  /** @type {{ namespace?: string, compression?: number }} */
  const renderOptions = {};
  if (namespace !== undefined) renderOptions.namespace = namespace;
  if (compression !== undefined) renderOptions.compression = compression;
  return {
    name: 'render',
    data: { json: toJson(snapshot), options: renderOptions },
    opts: {
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      priority,
      removeOnComplete: { age: 86_400, count: 100_000 },
      removeOnFail: { age: 7 * 86_400 },
    },
  };
}
