// Reading the CLI's and the demo's inputs: snapshot JSON or CSV files.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { csvToSnapshot } from './node.js';
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
