// The shape of a cache record (the metadata of a persistent entry), checked wherever
// one comes from outside this process's memory: an index file, a record file, another
// tab's notice.

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Whether `r` is a well-formed cache record: a 64-hex-digit key and digest, a namespace,
 * a positive size in bytes, a page count, and times in ms since the epoch (`expiresMs`
 * may be null).
 * @param {any} r
 * @returns {r is import('../index.js').CacheRecord}
 */
export function isCacheRecord(r) {
  const time = (/** @type {unknown} */ t) => typeof t === 'number' && Number.isFinite(t) && t >= 0;
  return (
    HEX64.test(r?.key) && typeof r.namespace === 'string' && Number.isSafeInteger(r.size) && r.size > 0 &&
    Number.isSafeInteger(r.pages) && HEX64.test(r.digest) && time(r.createdMs) && time(r.lastAccessMs) &&
    (r.expiresMs === null || time(r.expiresMs))
  );
}
