// Where a value cannot be written as JSON: JSON.stringify only says "Do not know how
// to serialize a BigInt" or "Converting circular structure to JSON", not where. This
// walks the value the way JSON.stringify does and names the first culprit by its JSON
// path (`blocks[0].rows[0][1]`), so the error points at it like the engine's do.

/**
 * The first place in `value` that JSON.stringify refuses, or undefined.
 * @param {unknown} value
 * @returns {{ path: string, message: string } | undefined}
 */
export function jsonFault(value) {
  return walk(value, '', new Map());
}

/**
 * @param {unknown} value
 * @param {string} path
 * @param {Map<object, string>} open the objects being walked (the current branch) and their paths
 * @returns {{ path: string, message: string } | undefined}
 */
function walk(value, path, open) {
  if (typeof value === 'bigint') return { path, message: `a BigInt (${value}n) is not JSON: give it as a number or a string` };
  if (value === null || typeof value !== 'object') return undefined;
  const toJSON = /** @type {any} */ (value).toJSON;
  if (typeof toJSON === 'function') {
    try {
      return walk(toJSON.call(value, ''), path, open);
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
      const fault = walk(v, at, open);
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
