// The fleet's command line: `snapdf worker`, `snapdf enqueue`, `snapdf metrics --redis`.
// Loaded by js/cli.js only for these commands, so `snapdf render` never loads BullMQ.
import { Job } from 'bullmq';
import cliProgress from 'cli-progress';
import { Redis } from 'ioredis';
import { mergeFleetMetrics } from './metrics.js';
import { describeError } from '../cli/errors.js';
import { REDIS_TIMEOUT_MS, closeQuietly, openQueue, openQueueEvents, quiet, renderJob, withinTime } from './queue.js';
import { startWorker } from './worker.js';

/**
 * Runs a worker until SIGTERM or SIGINT, then finishes its active jobs (for at most
 * `stopMs`) and exits: with status 0, or 1 when it had to stop without finishing (its
 * jobs go back to the queue through BullMQ's stalled-job check). A second signal stops
 * it at once. Prints one line when ready and, unless `quiet`, one per job:
 * `completed JOB KEY SOURCE` or `failed JOB REASON` (with `json`, one JSON object each).
 * @param {{ redis: string, cacheRedis?: string, concurrency: number, stalledMs: number, lockTtlMs: number, metricsMs: number, deadlineMs: number,
 *   stopMs: number, fonts?: import('../index.js').FontSource[], quiet?: boolean, json?: boolean }} opts
 */
export async function runWorker(opts) {
  const say = (/** @type {Record<string, unknown>} */ event, /** @type {string} */ text) => console.log(opts.json ? JSON.stringify(event) : text);
  const w = await startWorker({
    url: opts.redis,
    cacheUrl: opts.cacheRedis,
    concurrency: opts.concurrency,
    stalledMs: opts.stalledMs,
    lockTtlMs: opts.lockTtlMs,
    metricsEveryMs: opts.metricsMs,
    deadlineMs: opts.deadlineMs,
    fonts: opts.fonts,
    onJob: opts.quiet ? undefined : (e) => say(e, e.type === 'completed' ? `completed ${e.jobId} ${e.key} ${e.source}` : `failed ${e.jobId} ${e.error}`),
  });
  say({ type: 'ready', id: w.id, concurrency: opts.concurrency }, `snapdf worker ${w.id}: ready (concurrency ${opts.concurrency}, queue snapdf:render)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1); // a second signal: at once
    stopping = true;
    const finished = await w.close({ timeoutMs: opts.stopMs });
    if (finished) say({ type: 'stopped', id: w.id }, `snapdf worker ${w.id}: stopped`);
    else say({ type: 'stopped', id: w.id, forced: true }, `snapdf worker ${w.id}: stopped without finishing after ${opts.stopMs} ms (is Redis reachable?)`);
    process.exit(finished ? 0 : 1);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * One input of `snapdf enqueue`: its snapshot, or the error that kept it from being read.
 * @typedef {{ file: string, snapshot?: import('../index.js').SnapshotInput, error?: unknown }} EnqueueInput
 */

/**
 * Adds one job per readable input and names each unreadable one with its error; with
 * `wait`, shows a progress bar (on a terminal) until every job has ended and prints each
 * outcome.
 * @param {EnqueueInput[]} inputs
 * @param {{ redis: string, namespace?: string, compression?: number, wait?: boolean, json?: boolean }} opts
 * @returns {Promise<number>} the exit code: 1 if any input could not be read or any job failed
 * @throws {Error} SnapdfError `REDIS_UNAVAILABLE` when Redis does not answer within
 *   {@link REDIS_TIMEOUT_MS}
 */
export async function runEnqueue(inputs, opts) {
  /** @type {{ id: string | null, file: string, status: string, key?: string, error?: string }[]} */
  const report = inputs.map(({ file, error }) => ({ id: null, file, status: error ? 'failed' : 'queued', ...(error ? { error: errorText(error) } : {}) }));
  const good = inputs.flatMap((input, i) => (input.error ? [] : [{ input, row: report[i] }]));
  if (good.length > 0) {
    const queue = openQueue({ url: opts.redis });
    const events = opts.wait ? openQueueEvents({ url: opts.redis }) : undefined;
    try {
      const redis = { url: opts.redis };
      if (events) await withinTime(events, events.waitUntilReady(), redis); // subscribed before the first job can end
      const jobs = await withinTime(queue, queue.addBulk(good.map(({ input }) => renderJob(/** @type {import('../index.js').SnapshotInput} */ (input.snapshot), opts))), redis);
      jobs.forEach((j, i) => { good[i].row.id = String(j.id); });
      if (events) await waitForJobs(jobs, good.map((g) => g.row), events, queue);
    } finally {
      await Promise.all([events && closeQuietly(events), closeQuietly(queue)]);
    }
  }
  if (opts.json) console.log(JSON.stringify(report));
  else for (const r of report) console.log([r.id ?? '-', r.file, r.status, r.key ?? r.error ?? ''].join(' ').trimEnd());
  return report.some((r) => r.status === 'failed') ? 1 : 0;
}

/** "CODE: message" of an input's error. @param {unknown} e */
function errorText(e) {
  const { code, message } = describeError(e);
  return `${code}: ${message}`;
}

/**
 * Waits for every job to end, with a progress bar of their render stages on stderr, and
 * sets each report row's outcome.
 * @param {import('bullmq').Job[]} jobs
 * @param {{ id: string | null, status: string, key?: string, error?: string }[]} rows
 * @param {import('bullmq').QueueEvents} events
 * @param {import('bullmq').Queue} queue
 */
async function waitForJobs(jobs, rows, events, queue) {
  const bar = new cliProgress.SingleBar({
    // {jobs}, not {total}: the bar's own {total} is its 100 %.
    format: 'rendering [{bar}] {percentage}% | {ended}/{jobs} jobs | {failed} failed',
    stream: process.stderr,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  const progress = new Map(jobs.map((j) => [String(j.id), 0]));
  let ended = 0;
  let failed = 0;
  const update = () => bar.update([...progress.values()].reduce((a, b) => a + b, 0) / jobs.length, { ended, failed });
  bar.start(100, 0, { ended, failed, jobs: jobs.length });
  events.on('progress', ({ jobId, data }) => {
    if (progress.has(jobId) && typeof data === 'number') {
      progress.set(jobId, Math.max(/** @type {number} */ (progress.get(jobId)), data));
      update();
    }
  });
  await Promise.all(jobs.map(async (job, i) => {
    try {
      rows[i].key = await finished(job, events, queue);
      rows[i].status = 'completed';
    } catch (e) {
      rows[i].status = 'failed';
      rows[i].error = /** @type {Error} */ (e).message;
      failed += 1;
    }
    ended += 1;
    progress.set(String(job.id), 100);
    update();
  }));
  bar.stop();
}

/**
 * Merges every worker's published metrics into `into`.
 * @param {string} url the fleet's Redis
 * @param {import('../metrics.js').EngineMetrics} into
 * @returns {Promise<string[]>} the worker ids
 * @throws {Error} SnapdfError `REDIS_UNAVAILABLE` when Redis does not answer within
 *   {@link REDIS_TIMEOUT_MS}
 */
export async function fleetMetrics(url, into) {
  // One try, no offline queue: an unreachable Redis fails the command instead of retrying.
  const redis = quiet(new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null }));
  try {
    return await withinTime(redis, (async () => {
      await redis.connect();
      return (await mergeFleetMetrics(redis, into)).workers;
    })(), { url });
  } finally {
    redis.disconnect();
  }
}

/** How often (ms) a job that has not been heard of is looked up in Redis. */
const LOOKUP_MS = 1000;

/**
 * A job's return value once it completes (rejects with its reason once it fails): from
 * the event stream, or, should the stream have passed its end before this process read
 * it (a quick job, an L1 hit in the worker: about 1 wait in 7 hung), from the job itself,
 * looked up every second.
 * @param {import('bullmq').Job} job
 * @param {import('bullmq').QueueEvents} events
 * @param {import('bullmq').Queue} queue
 * @returns {Promise<any>}
 */
function finished(job, events, queue) {
  return new Promise((resolve, reject) => {
    const timer = setInterval(async () => {
      try {
        const now = await Job.fromId(queue, /** @type {string} */ (job.id));
        if (!now) return;
        if (await now.isCompleted()) settle(() => resolve(now.returnvalue));
        else if (await now.isFailed()) settle(() => reject(new Error(now.failedReason)));
      } catch {
        // Redis away for a moment: the next look, or the event, settles it
      }
    }, LOOKUP_MS);
    const settle = (/** @type {() => void} */ f) => {
      clearInterval(timer);
      f();
    };
    job.waitUntilFinished(events).then((v) => settle(() => resolve(v)), (e) => settle(() => reject(e)));
  });
}
