// CSV to snapshot: a titled snapshot holding one data table, the CSV's first row as
// its header. Parsing is csv-parse's (RFC 4180: quoted fields, embedded commas,
// quotes and newlines).
// `#csv-parse` (package.json "imports") is csv-parse's Node build under Node and its
// self-contained browser build elsewhere.
import { parse } from '#csv-parse';
import { snapdfError } from './errors.js';
import { checkCsvOptions } from './options.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Where a CSV snapshot came from: the header row, and `line(i)`, the 1-based CSV line
 * record i starts on (record 0 is the header, record i + 1 the table's row i; quoted
 * fields may span lines, empty lines are skipped). `line` parses the CSV again up to
 * that record: it is for error messages, not for every row.
 * @typedef {{ header: string[], line: (record: number) => number }} CsvSource
 */

/**
 * Turns CSV text into a snapshot with one data table. Cells stay text, exactly as
 * written; a column whose non-empty cells are all numbers is aligned right.
 *
 * @param {string} text CSV text; the first record is the header row
 * @param {{ title?: string, subtitle?: string | null, delimiter?: string }} [options]
 *   `title` (default "Table"; not blank, as a snapshot's), `subtitle` (default, and
 *   when null, the row count, "1,234 rows"), `delimiter`: one character (default ",";
 *   "\t" for TSV)
 * @returns {import('./index.js').Snapshot}
 * @throws {Error} SnapdfError with code `INVALID_CSV` and `line` (1-based) for a
 *   malformed CSV, or an empty one; `INVALID_OPTIONS` for options that are not an
 *   object, an option it does not take (`delimeter`: with a suggestion), a blank
 *   `title`, a `subtitle` that is not a string or null, or a `delimiter` that is not
 *   one character
 * @example
 * csvToSnapshot('city,pop\nOslo,709000\n', { title: 'Cities' })
 */
export function csvToSnapshot(text, options) {
  csvOptions(text, options);
  return parseCsv(text, options).snapshot;
}

/**
 * {@link csvToSnapshot}, with the {@link CsvSource} that maps the snapshot's paths
 * (`blocks[0].rows[i][j]`) back to CSV lines and columns.
 * @param {string} text
 * @param {{ title?: string, subtitle?: string | null, delimiter?: string, maxCells?: number }} [options]
 *   as {@link csvToSnapshot}; `maxCells`: parsing stops past this many cells (rows x
 *   header columns), so that a CSV too large for the engine is refused before it has
 *   grown into arrays
 * @returns {{ snapshot: import('./index.js').Snapshot, csv: CsvSource }}
 * @throws {Error} as {@link csvToSnapshot}; SnapdfError `LIMIT_EXCEEDED` past `maxCells`
 */
export function parseCsv(text, options) {
  const { title = 'Table', subtitle, delimiter = ',', maxCells = Infinity } = csvOptions(text, options, true);
  /** @type {string[][]} */
  let records;
  try {
    const width = Number.isFinite(maxCells) ? Math.max(1, parse(text, { delimiter, bom: true, skip_empty_lines: true, to: 1 })[0]?.length ?? 1) : 1;
    const maxRows = Math.floor(maxCells / width);
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, ...(Number.isFinite(maxRows) ? { to: maxRows + 2 } : {}) });
    if (records.length > maxRows + 1) {
      throw snapdfError('LIMIT_EXCEEDED', `over ${maxRows.toLocaleString('en-US')} rows of ${width} columns: `
        + `more than the limit of ${maxCells.toLocaleString('en-US')} cells; split the CSV into several files`);
    }
  } catch (e) {
    if (/** @type {Error} */ (e).name === 'SnapdfError') throw e;
    recordLines(text, delimiter, Infinity); // again, counting lines: throws with the right one
    throw snapdfError('INVALID_CSV', 'malformed CSV');
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
  /** @type {number[]} */
  let lines = [];
  const line = (/** @type {number} */ record) => {
    if (record >= lines.length) lines = recordLines(text, delimiter, record + 1);
    return lines[record];
  };
  return {
    snapshot: {
      title,
      subtitle: subtitle ?? `${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'row' : 'rows'}`,
      blocks: [{ type: 'table', columns, rows }],
    },
    csv: { header, line },
  };
}

/**
 * The options of {@link parseCsv}, checked: a wrong one is named in the caller's words.
 * @param {unknown} text
 * @param {unknown} options
 * @param {boolean} [limited] whether `maxCells` is taken (parseCsv, not csvToSnapshot)
 * @returns {{ title?: string, subtitle?: string | null, delimiter?: string, maxCells?: number }}
 * @throws {Error} SnapdfError `INVALID_OPTIONS` (or `INVALID_CSV` for text that is not a string)
 */
function csvOptions(text, options, limited = false) {
  if (typeof text !== 'string') throw snapdfError('INVALID_CSV', `csvToSnapshot(text): text must be the CSV as a string, not ${argument(text)}`);
  if (options == null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw snapdfError('INVALID_OPTIONS', `expected an options object ({ title, subtitle, delimiter }), not ${Array.isArray(options) ? 'an array' : typeof options}`, 'options');
  }
  checkCsvOptions(/** @type {Record<string, unknown>} */ (options), limited);
  return /** @type {{ title?: string, subtitle?: string | null, delimiter?: string, maxCells?: number }} */ (options);
}

/**
 * A value given where the CSV's text was expected, in words: "a number (42)", "bytes (a
 * Uint8Array: decode them first, e.g. with TextDecoder)".
 * @param {unknown} v
 */
function argument(v) {
  if (v === null || v === undefined) return String(v);
  if (v instanceof Uint8Array) return 'bytes (a Uint8Array: decode them first, e.g. with TextDecoder)';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `a ${typeof v} (${String(v)}${typeof v === 'bigint' ? 'n' : ''})`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * The 1-based line each of the first `count` records starts on. csv-parse's own count
 * (`context.lines`, where a record ends) takes the CR and the LF of a CRLF inside quotes
 * for two lines; this corrects it.
 * @param {string} text
 * @param {string} delimiter
 * @param {number} count
 * @returns {number[]}
 * @throws {Error} SnapdfError `INVALID_CSV` with the line, for a malformed CSV
 */
function recordLines(text, delimiter, count) {
  /** @type {number[]} */
  const lines = [];
  let extra = 0;
  try {
    parse(text, { delimiter, bom: true, skip_empty_lines: true, ...(Number.isFinite(count) ? { to: count } : {}), on_record: (record, context) => {
      const { breaks, pairs } = lineBreaks(record);
      extra += pairs;
      lines.push(context.lines - extra - breaks);
      return null; // not kept
    } });
  } catch (e) {
    const err = /** @type {Error & { lines?: number }} */ (e);
    const line = Math.max(0, (err.lines ?? 0) - extra);
    throw Object.assign(snapdfError('INVALID_CSV', `line ${line}: ${err.message.replace(/ (on|at) line \d+$/, '')}`), { line });
  }
  return lines;
}

/**
 * The line breaks inside a record's quoted fields (CRLF, CR or LF: one each), and how
 * many of them are CRLF.
 * @param {string[]} record
 */
function lineBreaks(record) {
  let breaks = 0;
  let pairs = 0;
  for (const field of record) {
    if (!/[\r\n]/.test(field)) continue;
    for (const m of field.matchAll(/\r\n|\r|\n/g)) {
      breaks += 1;
      if (m[0].length === 2) pairs += 1;
    }
  }
  return { breaks, pairs };
}
