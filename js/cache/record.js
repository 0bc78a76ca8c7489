// The shapes of what a persistent store gives back, checked wherever one comes from
// outside this process's memory (an index file, a record file, IndexedDB, Redis,
// another tab's notice): a cache record (the metadata of an entry) and a persisted
// task. Whatever fails the check is skipped, so bad content never reaches the Rust
// policy or the task table (which would refuse it and fail the whole store).

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Whether `r` is a well-formed cache record: a 64-hex-digit key and digest, a namespace,
 * a positive size in bytes, a page count, and times in ms since the epoch (`expiresMs`
 * may be null).
 * @param {any} r
 * @returns {r is import('../index.js').CacheRecord}
 */
export function isCacheRecord(r) {
  return (
    HEX64.test(r?.key) && typeof r.namespace === 'string' && Number.isSafeInteger(r.size) && r.size > 0 &&
    Number.isSafeInteger(r.pages) && HEX64.test(r.digest) && time(r.createdMs) && time(r.lastAccessMs) &&
    (r.expiresMs === null || time(r.expiresMs)) && (r.warnings === undefined || isWarnings(r.warnings))
  );
}

/** Whether `w` is a render's warnings: an array of `{ path, message }` strings. @param {unknown} w */
function isWarnings(w) {
  return Array.isArray(w) && w.every((x) => typeof x?.path === 'string' && typeof x.message === 'string');
}

/** A time in ms since the epoch as the Rust side takes it: a whole number, not negative. @param {unknown} t */
const time = (t) => Number.isSafeInteger(t) && /** @type {number} */ (t) >= 0;

/** A task id as the task manager makes them. */
export const TASK_ID = /^[a-z0-9-]{1,64}$/;

/**
 * Whether `t` is a well-formed persisted task: a task id, a 64-hex-digit key, the
 * snapshot as JSON text, options (an object, if any), a priority (a number, if any) and
 * a creation time in ms.
 * @param {any} t
 * @returns {t is import('../index.js').PersistedTask}
 */
export function isPersistedTask(t) {
  return (
    TASK_ID.test(t?.id) && (t.key === '' || HEX64.test(t.key)) && typeof t.json === 'string' && Number.isFinite(t.createdMs) &&
    (t.options === undefined || (typeof t.options === 'object' && t.options !== null && !Array.isArray(t.options))) &&
    (t.priority === undefined || Number.isFinite(t.priority))
  );
}
