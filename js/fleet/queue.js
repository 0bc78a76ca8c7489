// The render queue of a fleet: BullMQ, queue "render" under the prefix "snapdf", so its
// Redis keys are snapdf:render:*. A job carries a snapshot as JSON text and its render
// options; its result is the cache key (the bytes are in the shared store), its
// progress the render stages (0-100).
import { Queue, QueueEvents } from 'bullmq';
import { exactText, toJson } from '../engine.js';
import { snapdfError } from '../errors.js';

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
 * How long enqueueing (and `snapdf enqueue`, `snapdf metrics --redis`) waits for Redis
 * before failing with `REDIS_UNAVAILABLE`: 5,000 ms.
 */
export const REDIS_TIMEOUT_MS = 5000;

/** The last connection error each client reported (BullMQ and ioredis retry on their own). */
const lastErrors = new WeakMap();

/**
 * Records `emitter`'s connection errors instead of letting them print (BullMQ prints an
 * unhandled `error` event's stack, ioredis an "Unhandled error event"), for the message
 * of {@link withinTime}.
 * @template {import('node:events').EventEmitter} T
 * @param {T} emitter
 * @returns {T}
 */
export function quiet(emitter) {
  emitter.on('error', (/** @type {Error} */ e) => lastErrors.set(emitter, e));
  return emitter;
}

/**
 * The render queue. Its connection errors are kept quiet: use {@link withinTime} to
 * bound what waits on it.
 * @param {{ url?: string }} [options] the Redis URL (default `$SNAPDF_REDIS_URL`, else local)
 * @returns {Queue} close it with `await queue.close()` (or {@link closeQuietly})
 */
export function openQueue({ url } = {}) {
  const state = { connected: false };
  return connected(quiet(new Queue(QUEUE_NAME, { prefix: QUEUE_PREFIX, connection: connection(url, state) })), state);
}

/**
 * The queue's event stream (completed, failed, progress), for waiting on jobs.
 * @param {{ url?: string }} [options]
 * @returns {QueueEvents} close it with `await events.close()` (or {@link closeQuietly})
 */
export function openQueueEvents({ url } = {}) {
  const state = { connected: false };
  return connected(quiet(new QueueEvents(QUEUE_NAME, { prefix: QUEUE_PREFIX, connection: connection(url, state) })), state);
}

/**
 * Sets `state.connected` once `client` has connected.
 * @template {Queue | QueueEvents} T
 * @param {T} client
 * @param {{ connected: boolean }} state
 * @returns {T}
 */
function connected(client, state) {
  client.waitUntilReady().then(() => { state.connected = true; }, () => {});
  return client;
}

/**
 * The connection options of a queue or its events: reconnect with backoff (100 ms growing
 * to 1 s); until the first connection, give up after {@link REDIS_TIMEOUT_MS} of failed
 * attempts, so that a client of an unreachable Redis ends instead of retrying for ever.
 * Once connected, it reconnects for as long as it takes (an outage mid-run).
 * @param {string | undefined} url
 * @param {{ connected: boolean }} state
 * @returns {import('bullmq').ConnectionOptions}
 */
function connection(url, state) {
  const since = Date.now();
  return {
    url: redisUrl(url),
    retryStrategy: (/** @type {number} */ times) => {
      if (!state.connected && Date.now() - since > REDIS_TIMEOUT_MS) return null;
      return Math.min(times * 100, 1000);
    },
  };
}

/**
 * What `promise` (a Redis operation of `client`) resolves to, or SnapdfError
 * `REDIS_UNAVAILABLE` when it has not settled within `timeoutMs` or failed to connect.
 * @template T
 * @param {import('node:events').EventEmitter} client a Queue, QueueEvents or ioredis client
 * @param {Promise<T>} promise
 * @param {{ url?: string, timeoutMs?: number }} [options] `timeoutMs` default {@link REDIS_TIMEOUT_MS}
 * @returns {Promise<T>}
 * @throws {Error} SnapdfError `REDIS_UNAVAILABLE` naming the Redis (without its password)
 *   and the last connection error
 */
export async function withinTime(client, promise, { url, timeoutMs = REDIS_TIMEOUT_MS } = {}) {
  const where = redisUrl(url).replace(/\/\/[^@/]*@/, '//');
  const unavailable = (/** @type {Error | undefined} */ cause, /** @type {string} */ how) => snapdfError('REDIS_UNAVAILABLE',
    `Redis at ${where} ${how}${cause ? ` (${cause.message})` : ''}; is it running, and is the URL right?`);
  /** @type {T | typeof LATE} */
  let result;
  try {
    result = await within(promise, timeoutMs, LATE);
  } catch (e) {
    if (isConnectionError(e)) throw unavailable(lastErrors.get(client) ?? /** @type {Error} */ (e), 'cannot be reached');
    throw e;
  }
  if (result === LATE) throw unavailable(lastErrors.get(client), `did not answer within ${timeoutMs} ms`);
  return result;
}

const LATE = Symbol('late');

/**
 * What `promise` settles to, or `late` if it has not settled within `ms` (Infinity: no
 * limit). The promise is not cancelled.
 * @template T, L
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {L} late
 * @returns {Promise<T | L>}
 */
export async function within(promise, ms, late) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    return await Promise.race([promise, new Promise((resolve) => {
      if (Number.isFinite(ms)) timer = setTimeout(resolve, ms, late);
    })]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure to reach Redis (not an error of the command). @param {unknown} e */
function isConnectionError(e) {
  const err = /** @type {{ code?: unknown, message?: string }} */ (e);
  return (typeof err?.code === 'string' && /^E[A-Z]+$/.test(err.code)) || /Connection is closed|enableOfflineQueue|max retries/i.test(err?.message ?? '');
}

/**
 * Closes a Queue or QueueEvents, at once when its Redis is not connected (a graceful close
 * would wait for a connection that may never come).
 * @param {Queue | QueueEvents} client
 * @param {number} [timeoutMs] the most a graceful close may take; default 1,000 ms
 * @returns {Promise<void>}
 */
export async function closeQuietly(client, timeoutMs = 1000) {
  if ((await within(client.close().catch(() => {}), timeoutMs, LATE)) === LATE) {
    await within(client.disconnect().catch(() => {}), timeoutMs, undefined);
  }
}

/**
 * Adds a render job for `snapshot` to the fleet's queue. Nothing is validated here: a
 * worker fails an invalid snapshot at once, without retrying (UnrecoverableError); a
 * transient failure (a crashed render worker, a timeout) is retried with exponential
 * backoff; a job whose worker process dies is taken up by another (BullMQ's stalled-job
 * check).
 * @param {import('../index.js').SnapshotInput} snapshot an object, JSON text or UTF-8 bytes
 * @param {{ url?: string, queue?: Queue, namespace?: string, compression?: number,
 *   attempts?: number, backoffMs?: number, priority?: number, timeoutMs?: number }} [options]
 *   `queue` reuses an open queue (else one is opened and closed for this call);
 *   `namespace` and `compression` are render options; `attempts` (default 3) and
 *   `backoffMs` (default 1,000 ms, doubling) the retries; `priority` BullMQ's (1 is highest);
 *   `timeoutMs` how long to wait for Redis (default {@link REDIS_TIMEOUT_MS}, 5,000 ms)
 * @returns {Promise<string>} the job id
 * @throws {Error} SnapdfError `REDIS_UNAVAILABLE` when Redis has not taken the job within
 *   `timeoutMs`; `INVALID_SNAPSHOT` when the snapshot is neither an object, JSON text nor
 *   UTF-8 bytes
 * @example
 * const id = await enqueueSnapshot({ title: 'Q3' }, { url: 'redis://127.0.0.1:6379', namespace: 'acme' });
 */
export async function enqueueSnapshot(snapshot, options = {}) {
  const job = renderJob(snapshot, options); // INVALID_SNAPSHOT before any connection
  const queue = options.queue ?? openQueue(options);
  try {
    const [added] = await withinTime(queue, queue.addBulk([job]), options);
    return /** @type {string} */ (added.id);
  } finally {
    if (!options.queue) await closeQuietly(queue);
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
  if (namespace !== undefined) renderOptions.namespace = exactText(namespace, 'options.namespace');
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
