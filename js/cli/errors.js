// How the command line reports a failure: one line on stderr,
// `snapdf: [FILE: ]MESSAGE [CODE]`, or with `--json` one JSON object on stderr,
// `{"error":{"code","message","file"?,"path"?,"line"?,"column"?}}`. Never a stack trace,
// except for a bug in snapdf itself with SNAPDF_DEBUG=1.
import { getSystemErrorMap } from 'node:util';
import { CommanderError } from 'commander';

/**
 * A failure as the CLI reports it.
 * @typedef {{ code: string, message: string, file?: string, path?: string, line?: number, column?: string }} CliError
 */

/**
 * What to report for `e`: its code and message, and where (input file, JSON path, CSV
 * line and column) when it says so.
 * @param {unknown} e
 * @returns {CliError}
 */
export function describeError(e) {
  const err = /** @type {Error & { code?: unknown, errno?: number, syscall?: string, file?: string, path?: string, line?: number, column?: string }} */ (e);
  if (err instanceof CommanderError) return { code: 'USAGE', message: `${err.message.replace(/^error: /, '')} (see --help)` };
  if (err?.name === 'SnapdfError' && typeof err.code === 'string') {
    return { code: err.code, message: err.message, ...pick(err, ['file', 'path', 'line', 'column']) };
  }
  if (typeof err?.code === 'string' && /^E[A-Z0-9_]+$/.test(err.code)) return { code: err.code, message: systemMessage(err) };
  const message = err instanceof Error ? err.message : String(e);
  return { code: 'INTERNAL_ERROR', message: `${message} (a bug in snapdf; SNAPDF_DEBUG=1 prints where)` };
}

/**
 * Prints `e` as one line (or one JSON object with `json`) on stderr.
 * @param {unknown} e
 * @param {{ json?: boolean }} [options]
 */
export function reportError(e, { json = false } = {}) {
  const d = describeError(e);
  if (json) console.error(JSON.stringify({ error: d }));
  else console.error(`snapdf: ${d.file ? `${d.file}: ` : ''}${d.message.replace(/\s*\n\s*/g, ' ')} [${d.code}]`);
  if (d.code === 'INTERNAL_ERROR' && process.env.SNAPDF_DEBUG) console.error(/** @type {Error} */ (e)?.stack);
}

/**
 * A Node system error's message without its code prefix: "no space left on device,
 * write" (Node's own message when the error carries none of its own).
 * @param {Error & { errno?: number, code?: unknown }} err
 */
function systemMessage(err) {
  const own = err.message.replace(/^E[A-Z0-9_]+: /, '');
  if (own) return own;
  const known = err.errno === undefined ? undefined : getSystemErrorMap().get(err.errno);
  return known ? known[1] : String(err.code);
}

/**
 * The fields of `from` among `keys` that are set.
 * @param {Record<string, any>} from
 * @param {string[]} keys
 */
function pick(from, keys) {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}
