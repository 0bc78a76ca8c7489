// An input's errors and warnings in the words of the command line: the input file
// named, a CSV input's snapshot paths turned back into its lines and columns, `--font`
// named where a font is missing, and advice in flags for a CSV, in fields for JSON.

/** A snapshot path where an error message names one: at its start, or after "at ". */
const PATH = /(?<=^|at )(?:blocks\[0\](?:\.\w+|\[\d+\])*|title|subtitle|\(root\))(?=[:;])/g;

/**
 * The error `e` of reading or rendering `input`, as the CLI reports it: a SnapdfError
 * gets `file` (the input's name); for a CSV input every path in its message becomes a
 * CSV place ("line 318, column Title") and `line`/`column` are set from its `path`; an
 * `UNSUPPORTED_CHARACTER` error's advice names `--font`. Any other error is returned as
 * it is.
 * @param {unknown} e
 * @param {{ name: string, csv?: import('../csv.js').CsvSource, fonts?: string[] }} input `fonts`:
 *   how the options that gave each font (`options.fonts[i]`) are named, e.g.
 *   "--font X=x.ttf"; an error at one of them names it instead of the input
 * @returns {unknown}
 */
export function inputError(e, input) {
  const err = /** @type {Error & { code?: string, path?: string, file?: string, line?: number, column?: string }} */ (e);
  if (err?.name !== 'SnapdfError') return e;
  const font = /^options\.fonts\[(\d+)\]/.exec(err.path ?? '');
  const given = font ? input.fonts?.[Number(font[1])] : undefined;
  if (given) {
    err.message = `${given}: ${err.message.replace(/^options\.fonts\[\d+\][.\w]*: /, '')}`;
    delete err.path; // the option's path in the API; the CLI names the option
    return err;
  }
  err.file ??= input.name;
  const { csv } = input;
  if (csv) {
    err.message = err.message.replace(PATH, (path) => csvPlace(path, csv).text);
    if (err.path && err.code !== 'INVALID_CSV') Object.assign(err, csvPlace(err.path, csv).place);
  }
  if (err.code === 'UNSUPPORTED_CHARACTER') err.message = withFontAdvice(err.message, Boolean(csv));
  // A file read as JSON for want of a .csv or .tsv name that is not JSON at all.
  if (err.code === 'INVALID_JSON' && !csv && !/\.json$/i.test(input.name) && input.name !== 'standard input') {
    err.message += '; if it is a CSV or TSV file, say so with --csv (and --delimiter)';
  }
  return err;
}

/**
 * A CSV snapshot's path as the place in the CSV: `blocks[0].rows[316][0]` is
 * "line 318, column Title" (that row's line, the column's header, or its number when the
 * header is empty); the header row, the table, the title and the subtitle likewise.
 * @param {string} path
 * @param {import('../csv.js').CsvSource} csv
 * @returns {{ text: string, place: { line?: number, column?: string } }}
 */
export function csvPlace(path, { header, line }) {
  const column = (/** @type {string | undefined} */ c) => (c === undefined ? undefined : header[Number(c)] || String(Number(c) + 1));
  const cell = /^blocks\[0\]\.(rows|columns)\[(\d+)\](?:\[(\d+)\])?/.exec(path);
  if (cell) {
    const [, kind, i, j] = cell;
    const place = kind === 'rows' ? { line: line(Number(i) + 1), column: column(j) } : { line: line(0), column: column(i) };
    return { text: `line ${place.line}${place.column === undefined ? '' : `, column ${place.column}`}`, place };
  }
  const whole = {
    'blocks[0].columns': `the header row (line ${line(0)})`,
    'blocks[0].rows': 'the data rows',
    'blocks[0]': 'the table',
    title: 'the title (--title, or from the file name)',
    subtitle: 'the subtitle (the row count)',
    '(root)': 'the CSV',
  };
  return { text: whole[/** @type {keyof typeof whole} */ (path)] ?? path, place: {} };
}

/** The engine's advice for a table too wide for its page, in the snapshot's words (it
 * leaves out landscape on a landscape page). */
const WIDE_ADVICE = /try (?:"page": \{ "orientation": "landscape" \}, )?a larger "page": \{ "size" \}/;

/**
 * A render warning's message in the words of the command line: the advice for a table
 * too wide for its page names the snapshot's `"page"` fields for a JSON input, and the
 * flags for a CSV input (without `--landscape` where the page is landscape already).
 * @param {import('../index.js').RenderWarning} warning
 * @param {{ csv?: unknown }} input
 * @param {boolean} landscape whether a CSV input's page is landscape
 * @returns {string}
 */
export function warningMessage({ message }, { csv }, landscape) {
  if (!csv) return message; // the engine's own words are the snapshot's
  return message.replace(WIDE_ADVICE, landscape ? 'try a larger --size' : 'try --landscape, a larger --size');
}

/**
 * The engine's advice for characters no font has, for the command line: `--font`, and
 * where the standard fonts were in use (no font supplied), `--system-fonts`.
 * @param {string} message
 * @param {boolean} csv
 */
function withFontAdvice(message, csv) {
  const advice = '--font "NAME=FILE" gives a TrueType or OpenType font file that has them';
  const system = /^characters outside WinAnsiEncoding/.test(message) ? ', or --system-fonts picks installed fonts that have them' : '';
  if (!csv) return `${message} (${advice}; name it in \`font\`${system})`;
  return `${message.replace(/;[^;]*$/, ';')} replace them, or ${advice} (the first --font is the CSV's font)${system}`;
}
