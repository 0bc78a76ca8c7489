// CSV to snapshot: a titled snapshot holding one data table, the CSV's first row as
// its header. Parsing is csv-parse's (RFC 4180: quoted fields, embedded commas,
// quotes and newlines).
// `#csv-parse` (package.json "imports") is csv-parse's Node build under Node and its
// self-contained browser build elsewhere.
import { parse } from '#csv-parse';
import { snapdfError } from './engine.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Turns CSV text into a snapshot with one data table. Cells stay text, exactly as
 * written; a column whose non-empty cells are all numbers is aligned right.
 *
 * @param {string} text CSV text; the first record is the header row
 * @param {{ title: string, subtitle?: string, delimiter?: string }} options
 * @returns {import('./index.js').Snapshot}
 * @throws {Error} SnapdfError with code `INVALID_CSV` and `line` (1-based) for a
 *   malformed CSV, or an empty one
 * @example
 * csvToSnapshot('city,pop\nOslo,709000\n', { title: 'Cities' })
 */
export function csvToSnapshot(text, { title, subtitle, delimiter = ',' }) {
  /** @type {string[][]} */
  let records;
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true });
  } catch (e) {
    const err = /** @type {Error & { lines?: number, code?: string }} */ (e);
    const line = err.lines ?? 0;
    const error = snapdfError('INVALID_CSV', `line ${line}: ${err.message.replace(/ (on|at) line \d+$/, '')}`);
    Object.assign(error, { line });
    throw error;
  }
  if (records.length === 0) {
    throw Object.assign(snapdfError('INVALID_CSV', 'line 1: the CSV is empty; its first row must name the columns'), { line: 1 });
  }
  const [header, ...rows] = records;
  const columns = header.map((name, c) => {
    const values = rows.map((r) => r[c]).filter((v) => v !== '');
    const numeric = values.length > 0 && values.every((v) => NUMBER.test(v));
    return numeric ? { header: name, align: /** @type {const} */ ('right') } : name;
  });
  return {
    title,
    subtitle: subtitle ?? `${rows.length.toLocaleString('en-US')} rows`,
    blocks: [{ type: 'table', columns, rows }],
  };
}
