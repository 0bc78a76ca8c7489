// Fleet metrics: every worker process publishes its mergeable metrics export to Redis
// (PREFIX + worker id, JSON, expiring after the metrics retention), and anyone merges
// them into one summary. The merge is the Rust registry's (EngineMetrics.merge).

/** Where worker exports live: `snapdf:metrics:<worker id>`. */
export const METRICS_PREFIX = 'snapdf:metrics:';
/** How long a worker's last export is kept: the metrics retention, 168 hours. */
const KEEP_MS = 168 * 3_600_000;

/**
 * Publishes one worker's metrics export (replacing its previous one).
 * @param {import('ioredis').Redis} redis
 * @param {string} workerId unique per worker process
 * @param {import('../../pkg/snapdf.js').MetricsExport} exported `engine.metrics.export()`
 * @returns {Promise<void>}
 * @throws {Error} when Redis does not answer
 */
export async function publishMetrics(redis, workerId, exported) {
  await redis.set(METRICS_PREFIX + workerId, JSON.stringify(exported), 'PX', KEEP_MS);
}

/**
 * Every published export (SCAN, never KEYS), merged into `into`.
 * @param {import('ioredis').Redis} redis
 * @param {import('../metrics.js').EngineMetrics} into an empty EngineMetrics (same settings as the workers')
 * @returns {Promise<{ workers: string[] }>} the worker ids merged
 * @throws {Error} when Redis does not answer; SnapdfError `INVALID_METRIC` for an export
 *   kept with other settings
 */
export async function mergeFleetMetrics(redis, into) {
  /** @type {string[]} */
  const workers = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${METRICS_PREFIX}*`, 'COUNT', 200);
    cursor = next;
    const values = keys.length ? await redis.mget(...keys) : [];
    keys.forEach((k, i) => {
      const text = values[i];
      if (text === null) return; // expired between SCAN and MGET
      into.merge(JSON.parse(text));
      workers.push(k.slice(METRICS_PREFIX.length));
    });
  } while (cursor !== '0');
  return { workers };
}
