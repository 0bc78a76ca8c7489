// Where a value cannot be written as JSON: JSON.stringify only says "Do not know how
// to serialize a BigInt" or "Converting circular structure to JSON", not where. This
// walks the value the way JSON.stringify does and names the first culprit by its JSON
// path (`blocks[0].rows[0][1]`), so the error points at it like the engine's do.

/** Deepest nesting the walk follows; JSON.stringify runs out of stack a few thousand levels down. */
const MAX_DEPTH = 1000;

/**
 * The first place in `value` that JSON.stringify refuses (a BigInt, a circular
 * reference, a throwing toJSON, nesting past its stack); with `surrogates`, the first
 * string with a lone surrogate (which JSON.stringify writes as an escape that no JSON
 * reader takes); with `numbers`, the first Infinity or NaN (which it writes as `null`,
 * silently another snapshot); or undefined.
 * @param {unknown} value
 * @param {{ surrogates?: boolean, numbers?: boolean }} [options]
 * @returns {{ path: string, message: string } | undefined}
 */
export function jsonFault(value, { surrogates = false, numbers = false } = {}) {
  return walk(value, '', new Map(), { surrogates, numbers });
}

/**
 * @param {unknown} value
 * @param {string} path
 * @param {Map<object, string>} open the objects being walked (the current branch) and their paths
 * @param {{ surrogates: boolean, numbers: boolean }} look whether to look for lone
 *   surrogates in strings, and for numbers that are not finite
 * @returns {{ path: string, message: string } | undefined}
 */
function walk(value, path, open, look) {
  const { surrogates } = look;
  if (typeof value === 'bigint') return { path, message: `a BigInt (${value}n) is not JSON: give it as a number or a string` };
  if (typeof value === 'number' && look.numbers && !Number.isFinite(value)) {
    return { path, message: `${value} is not a JSON number (JSON.stringify would write null): give a finite number` };
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
