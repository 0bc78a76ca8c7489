// Rendering a file (snapshot JSON or CSV) through the cache: what the CLI and the demo
// share.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cacheKey, csvToSnapshot, render } from './node.js';
import { decodeUtf8 } from './engine.js';

/**
 * Reads INPUT as a snapshot: `.csv` files become a one-table snapshot titled after
 * the file (or `title`), anything else is parsed by the engine as snapshot JSON.
 * @param {string} input path of a .json or .csv file
 * @param {{ title?: string }} [options]
 * @returns {string | import('./index.js').Snapshot} JSON text or a snapshot object
 */
export function readSnapshot(input, { title } = {}) {
  const text = decodeUtf8(readFileSync(input));
  if (extname(input).toLowerCase() !== '.csv') return text;
  return csvToSnapshot(text, { title: title ?? titleFromFile(input) });
}

/**
 * "seattle-weather.csv" -> "Seattle weather"
 * @param {string} path
 */
function titleFromFile(path) {
  const name = basename(path, extname(path)).replace(/[-_]+/g, ' ').trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Renders a snapshot, or takes it from `cache` when it has the key.
 * @param {string | import('./index.js').Snapshot} snapshot
 * @param {import('./index.js').RenderOptions} options
 * @param {import('./disk-cache.js').DiskCache | undefined} cache
 * @returns {{ pdf: Uint8Array, key: string, pages: number, hit: boolean, ms: number }}
 *   `ms` is the time from the start of the lookup to the bytes, in milliseconds
 */
export function renderCached(snapshot, options, cache) {
  const start = performance.now();
  if (cache) {
    const key = cacheKey(snapshot, options);
    const entry = cache.get(key);
    if (entry) return { ...entry, key, hit: true, ms: performance.now() - start };
  }
  const { pdf, key, pages } = render(snapshot, options);
  const ms = performance.now() - start;
  cache?.put(key, { pdf, pages });
  return { pdf, key, pages, hit: false, ms };
}
