// Where a value cannot be written as JSON: JSON.stringify only says "Do not know how
// to serialize a BigInt" or "Converting circular structure to JSON", not where. This
// walks the value the way JSON.stringify does and names the first culprit by its JSON
// path (`blocks[0].rows[0][1]`), so the error points at it like the engine's do.
//
// Some values JSON.stringify writes without a word as another value: a function or a
// symbol in an array as null, a Map or a Set as {}, and as an object's field it leaves
// out a function, a symbol or undefined. The first two are looked for when the text has
// a null or a {} (lossy); a field left out is named when the engine then finds it
// missing (leftOut), so a snapshot that has none of these is never walked.
import { snapdfError } from './errors.js';

/** Deepest nesting the walk follows; JSON.stringify runs out of stack a few thousand levels down. */
const MAX_DEPTH = 1000;

/**
 * The first place in `value` that JSON.stringify refuses (a BigInt, a circular
 * reference, a throwing toJSON, nesting past its stack); with `surrogates`, the first
 * string with a lone surrogate (which JSON.stringify writes as an escape that no JSON
 * reader takes); with `lossy`, the first value it writes as another, silently another
 * snapshot: Infinity or NaN (as `null`), a function or a symbol in an array (as `null`),
 * a Map or a Set (as `{}`); or undefined.
 * @param {unknown} value
 * @param {{ surrogates?: boolean, lossy?: boolean }} [options]
 * @returns {{ path: string, message: string } | undefined}
 */
export function jsonFault(value, { surrogates = false, lossy = false } = {}) {
  return walk(value, '', new Map(), { surrogates, lossy });
}

/**
 * The engine's error for a missing field ("blocks[0]: missing field `text`") when the
 * caller's object has that field as a function, a symbol or undefined, which
 * JSON.stringify left out: said so, at the field's path. Any other error is returned as
 * it is. Only the error's path is followed in `snapshot` (as many steps as it has).
 * @param {unknown} e
 * @param {unknown} snapshot what the caller passed
 * @returns {unknown}
 */
export function leftOut(e, snapshot) {
  const err = /** @type {{ code?: unknown, path?: unknown, message?: unknown }} */ (e);
  const missing = typeof err?.message === 'string' ? /missing field `([^`]*)`$/.exec(err.message) : null;
  if (err?.code !== 'INVALID_SNAPSHOT' || !missing || typeof snapshot !== 'object' || snapshot === null) return e;
  const where = typeof err.path === 'string' && err.path !== '(root)' ? err.path : '';
  /** @type {any} */
  let parent = snapshot;
  for (const [, name, index, quoted] of where.matchAll(STEP)) {
    if (parent === null || typeof parent !== 'object') return e;
    parent = parent[name ?? index ?? JSON.parse(quoted)];
  }
  const field = missing[1];
  if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, field)) return e;
  const v = parent[field];
  const what = typeof v === 'function' ? ['a function', 'functions'] : typeof v === 'symbol' ? ['a symbol', 'symbols'] : v === undefined ? ['undefined', 'undefined'] : undefined;
  if (!what) return e;
  const path = join(where, field);
  const advice = typeof v === 'function' ? 'give the value itself (call the function first)' : 'give its value';
  return snapdfError('INVALID_SNAPSHOT', `${path}: ${what[0]}, where a value is required; JSON.stringify leaves ${what[1]} out, so the field went missing: ${advice}`, path);
}

/** One step of a JSON path as errors write it: `.name` (or a first `name`), `[3]`, `["odd key"]`. */
const STEP = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;

/**
 * @param {unknown} value
 * @param {string} path
 * @param {Map<object, string>} open the objects being walked (the current branch) and their paths
 * @param {{ surrogates: boolean, lossy: boolean }} look whether to look for lone
 *   surrogates in strings, and for values written as others (see {@link jsonFault})
 * @returns {{ path: string, message: string } | undefined}
 */
function walk(value, path, open, look) {
  const { surrogates } = look;
  if (typeof value === 'bigint') return { path, message: `a BigInt (${value}n) is not JSON: give it as a number or a string` };
  if (typeof value === 'number' && look.lossy && !Number.isFinite(value)) {
    return { path, message: `${value} is not a JSON number (JSON.stringify would write null): give a finite number` };
  }
  if (look.lossy && /\[\d+\]$/.test(path) && (typeof value === 'function' || typeof value === 'symbol')) {
    return { path, message: `a ${typeof value} is not JSON (JSON.stringify would write null in its place): give the value itself` };
  }
  if (look.lossy && (value instanceof Map || value instanceof Set)) {
    const [kind, instead] = value instanceof Map ? ['a Map', 'an object (Object.fromEntries(map))'] : ['a Set', 'an array ([...set])'];
    return { path, message: `${kind} is not JSON (JSON.stringify would write {} in its place, whatever it holds): give ${instead}` };
  }
  if (typeof value === 'string' && surrogates && !value.isWellFormed()) {
    return { path, message: 'the text has a lone surrogate (half of a UTF-16 pair), which is not a character' };
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (open.size >= MAX_DEPTH) {
    // Named by where the nesting starts (its path would be a thousand `[0]`s long).
    const start = [...open.values()][1] ?? path;
    return { path: start, message: `nested more than ${MAX_DEPTH.toLocaleString('en-US')} levels deep` };
  }
  const toJSON = /** @type {any} */ (value).toJSON;
  if (typeof toJSON === 'function') {
    try {
      return walk(toJSON.call(value, ''), path, open, look);
    } catch (e) {
      return { path, message: `its toJSON() threw: ${/** @type {Error} */ (e)?.message ?? e}` };
    }
  }
  if (open.has(value)) {
    const at = open.get(value);
    return { path, message: `a circular reference: this is the same object as ${at || 'the snapshot itself'}, which contains it` };
  }
  open.set(value, path);
  try {
    const entries = Array.isArray(value) ? value.map((v, i) => /** @type {const} */ ([`${path}[${i}]`, v])) : Object.entries(value).map(([k, v]) => /** @type {const} */ ([join(path, k), v]));
    for (const [at, v] of entries) {
      if (surrogates && !at.isWellFormed()) return { path: at, message: 'the field name has a lone surrogate (half of a UTF-16 pair)' };
      const fault = walk(v, at, open, look);
      if (fault) return fault;
    }
    return undefined;
  } finally {
    open.delete(value);
  }
}

/** `path.key`, or `path["odd key"]` for a key that is not an identifier. @param {string} path @param {string} key */
function join(path, key) {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}
