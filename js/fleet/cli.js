// The fleet's command line: `snapdf worker`, `snapdf enqueue`, `snapdf metrics --redis`.
// Loaded by js/cli.js only for these commands, so `snapdf render` never loads BullMQ.
import cliProgress from 'cli-progress';
import { Redis } from 'ioredis';
import { mergeFleetMetrics } from './metrics.js';
import { openQueue, openQueueEvents, renderJob } from './queue.js';
import { startWorker } from './worker.js';

/**
 * Runs a worker until SIGTERM or SIGINT, then finishes its active jobs and exits.
 * Prints one line when ready and, unless `quiet`, one per job:
 * `completed JOB KEY SOURCE` or `failed JOB REASON`.
 * @param {{ redis: string, cacheRedis?: string, concurrency: number, stalledMs: number, lockTtlMs: number, metricsMs: number, deadlineMs: number,
 *   fonts?: import('../index.js').FontSource[], quiet?: boolean }} opts
 */
export async function runWorker(opts) {
  const w = await startWorker({
    url: opts.redis,
    cacheUrl: opts.cacheRedis,
    concurrency: opts.concurrency,
    stalledMs: opts.stalledMs,
    lockTtlMs: opts.lockTtlMs,
    metricsEveryMs: opts.metricsMs,
    deadlineMs: opts.deadlineMs,
    fonts: opts.fonts,
    onJob: opts.quiet ? undefined : (e) => console.log(e.type === 'completed' ? `completed ${e.jobId} ${e.key} ${e.source}` : `failed ${e.jobId} ${e.error}`),
  });
  console.log(`snapdf worker ${w.id}: ready (concurrency ${opts.concurrency}, queue snapdf:render)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await w.close();
    console.log(`snapdf worker ${w.id}: stopped`);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * Adds one job per snapshot; with `wait`, shows a progress bar (on a terminal) until
 * every job has ended and prints each outcome.
 * @param {string[]} files the input names, for the report
 * @param {import('../index.js').SnapshotInput[]} snapshots
 * @param {{ redis: string, namespace?: string, compression?: number, wait?: boolean, json?: boolean }} opts
 * @returns {Promise<number>} the exit code: 1 if any job failed
 */
export async function runEnqueue(files, snapshots, opts) {
  const queue = openQueue({ url: opts.redis });
  const events = opts.wait ? openQueueEvents({ url: opts.redis }) : undefined;
  try {
    if (events) await events.waitUntilReady(); // subscribed before the first job can end
    const jobs = await queue.addBulk(snapshots.map((s) => renderJob(s, { namespace: opts.namespace, compression: opts.compression })));
    /** @type {{ id: string, file: string, status: string, key?: string, error?: string }[]} */
    const report = jobs.map((j, i) => ({ id: String(j.id), file: files[i], status: 'queued' }));
    if (events) {
      const bar = new cliProgress.SingleBar({
        format: 'rendering [{bar}] {percentage}% | {ended}/{total} jobs | {failed} failed',
        stream: process.stderr,
        hideCursor: true,
      }, cliProgress.Presets.shades_classic);
      const progress = new Map(report.map((r) => [r.id, 0]));
      let ended = 0;
      let failed = 0;
      const total = jobs.length;
      const update = () => bar.update([...progress.values()].reduce((a, b) => a + b, 0) / total, { ended, failed });
      bar.start(100, 0, { ended, failed, total });
      events.on('progress', ({ jobId, data }) => {
        if (progress.has(jobId) && typeof data === 'number') {
          progress.set(jobId, Math.max(/** @type {number} */ (progress.get(jobId)), data));
          update();
        }
      });
      await Promise.all(jobs.map(async (job, i) => {
        try {
          report[i].key = await job.waitUntilFinished(events);
          report[i].status = 'completed';
        } catch (e) {
          report[i].status = 'failed';
          report[i].error = /** @type {Error} */ (e).message;
          failed += 1;
        }
        ended += 1;
        progress.set(report[i].id, 100);
        update();
      }));
      bar.stop();
    }
    if (opts.json) console.log(JSON.stringify(report));
    else for (const r of report) console.log([r.id, r.file, r.status, r.key ?? r.error ?? ''].join(' ').trimEnd());
    return report.some((r) => r.status === 'failed') ? 1 : 0;
  } finally {
    await events?.close();
    await queue.close();
  }
}

/**
 * Merges every worker's published metrics into `into`.
 * @param {string} url the fleet's Redis
 * @param {import('../metrics.js').EngineMetrics} into
 * @returns {Promise<string[]>} the worker ids
 */
export async function fleetMetrics(url, into) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return (await mergeFleetMetrics(redis, into)).workers;
  } finally {
    redis.disconnect();
  }
}
