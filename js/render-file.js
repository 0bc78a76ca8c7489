// Reading the CLI's and the demo's inputs: snapshot JSON or CSV, from a file or from
// standard input ("-"), at most MAX_INPUT_BYTES, checked before the input is read whole.
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseCsv } from './csv.js';
import { decodeUtf8 } from './engine.js';
import { snapdfError } from './errors.js';
import { fileError } from './fs-atomic.js';

/**
 * Most bytes of one input, JSON or CSV: the engine's own limit for snapshot JSON
 * (64 MiB, `Limits::max_input_bytes` in src/document/validate.rs), so that a CSV file is
 * refused before it is parsed rather than after it has grown into objects.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Most table cells of a CSV input: the engine's limit of cells in all (2,000,000,
 * `Limits::max_cells`), applied while the CSV is parsed.
 */
export const MAX_CELLS = 2_000_000;

/**
 * An input read: the snapshot (JSON text, or the object a CSV became) and, for CSV, what
 * maps the snapshot's paths back to CSV lines and columns.
 * @typedef {{ name: string, snapshot: string | import('./index.js').Snapshot, csv?: import('./csv.js').CsvSource }} Input
 */

/**
 * Reads INPUT: a `.csv` or `.tsv` file (or any input with `csv` or `delimiter`) becomes
 * a one-table snapshot titled after the file (or `title`); anything else is snapshot
 * JSON, parsed later by the engine. "-" is standard input, read as JSON unless `csv` or
 * `delimiter`. The delimiter is `delimiter`, else a tab for a `.tsv` file, else a comma.
 * @param {string} input a file path, or "-"
 * @param {{ title?: string, csv?: boolean, delimiter?: string }} [options]
 * @returns {Promise<Input>}
 * @throws {Error} SnapdfError `LIMIT_EXCEEDED` for more than {@link MAX_INPUT_BYTES}
 *   (`file` names the input), `INVALID_JSON` for JSON bytes that are not UTF-8,
 *   `INVALID_CSV` for a malformed CSV or one that is not UTF-8 (with the `line` and
 *   column of the first byte that is not); Node's errors (`ENOENT`, `EISDIR`, ...) as "cannot
 *   read NAME: REASON" with their code
 */
export async function readInput(input, { title, csv, delimiter } = {}) {
  const stdin = input === '-';
  const name = stdin ? 'standard input' : input;
  const bytes = await readBounded(stdin ? undefined : input, name);
  const ext = stdin ? '' : extname(input).toLowerCase();
  if (!(csv || delimiter !== undefined || ext === '.csv' || ext === '.tsv')) return { name, snapshot: decodeUtf8(bytes) };
  const parsed = parseCsv(csvText(bytes), { title: title ?? (stdin ? 'Table' : titleFromFile(input)), delimiter: delimiter ?? (ext === '.tsv' ? '\t' : ','), maxCells: MAX_CELLS });
  return { name, ...parsed };
}

/**
 * The snapshot of INPUT (see {@link readInput}).
 * @param {string} input
 * @param {{ title?: string, csv?: boolean, delimiter?: string }} [options]
 * @returns {Promise<string | import('./index.js').Snapshot>}
 */
export async function readSnapshot(input, options) {
  return (await readInput(input, options)).snapshot;
}

/**
 * The bytes of the file `path` (standard input when undefined), refused with
 * `LIMIT_EXCEEDED` past {@link MAX_INPUT_BYTES}: a regular file from its size before
 * any read, anything else (standard input, a FIFO, a device) by counting while reading.
 * @param {string | undefined} path
 * @param {string} name how errors name the input
 * @returns {Promise<Buffer>}
 */
async function readBounded(path, name) {
  const handle = path === undefined ? undefined : await open(path, 'r').catch((e) => {
    throw fileError(`cannot read ${name}`, e);
  });
  try {
    if (handle) {
      const st = await handle.stat();
      if (st.isDirectory()) throw Object.assign(new Error(`cannot read ${name}: is a directory`), { code: 'EISDIR' });
      if (st.isFile() && st.size > MAX_INPUT_BYTES) throw tooLarge(name, st.size);
    }
    const stream = handle ? handle.createReadStream({ autoClose: false }) : process.stdin;
    /** @type {Buffer[]} */
    const chunks = [];
    let total = 0;
    for await (const chunk of stream) {
      total += chunk.length;
      if (total > MAX_INPUT_BYTES) {
        stream.destroy();
        throw tooLarge(name);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle?.close();
  }
}

/**
 * A CSV file's text. A byte order mark is dropped (csv-parse would too).
 * @param {Uint8Array} bytes
 * @returns {string}
 * @throws {Error} SnapdfError `INVALID_CSV` with `line` when the bytes are not UTF-8,
 *   naming the line and column of the first byte that is not (a Latin-1 "é" is one)
 */
function csvText(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstNonUtf8(bytes);
    const start = bytes.lastIndexOf(0x0a, at - 1) + 1;
    const line = 1 + bytes.subarray(0, start).filter((b) => b === 0x0a).length;
    const column = 1 + [...new TextDecoder().decode(bytes.subarray(start, at))].length; // the decoder drops a BOM
    const byte = bytes[at].toString(16).toUpperCase().padStart(2, '0');
    throw Object.assign(snapdfError('INVALID_CSV', `line ${line}, column ${column}: byte 0x${byte} is not UTF-8; a CSV file must be UTF-8 text `
      + '(convert it first, e.g. from Latin-1 with `iconv -f latin1 -t utf-8`)'), { line });
  }
}

/**
 * The offset of the first byte of `bytes` that does not belong to well-formed UTF-8
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or -1.
 * @param {Uint8Array} bytes
 */
function firstNonUtf8(bytes) {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const more = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    // The second byte's range is narrower after E0 (overlong), ED (surrogates), F0 (overlong), F4 (past U+10FFFF).
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= more; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
}

/**
 * The error for an input over {@link MAX_INPUT_BYTES}.
 * @param {string} name
 * @param {number} [size] the file's size, when known before reading (a stream is counted
 *   until it passes the limit)
 */
function tooLarge(name, size) {
  const limit = `${MAX_INPUT_BYTES.toLocaleString('en-US')} bytes (64 MiB)`;
  const message = size === undefined
    ? `more than ${limit} of input, the limit (reading stopped there); split it into several inputs`
    : `${size.toLocaleString('en-US')} bytes of input, more than the limit of ${limit}; split it into several files`;
  return Object.assign(snapdfError('LIMIT_EXCEEDED', message), { file: name });
}

/**
 * "seattle-weather.csv" -> "Seattle weather"; "Table" for a name of dashes and
 * underscores ("_.csv"), since a title is not blank.
 * @param {string} path
 */
function titleFromFile(path) {
  const name = basename(path, extname(path)).replace(/[-_]+/g, ' ').trim();
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Table';
}
