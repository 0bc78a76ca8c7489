// Engine options, checked in one place before any of them is used: every field's type
// and range, with an INVALID_OPTIONS error that names the option (`options.memory.
// budgetBytes`) and says what it takes in the caller's words. The ranges are those the
// engine can honour: a timer cannot wait past 2^31 - 1 ms, the metrics sketch needs a
// relative error of at least 0.0001 (below it its bin index overflows on large values
// and it panics), and each worker is a thread with its own heap.
import { snapdfError } from './errors.js';

/** Most workers an engine may have; each is a thread with up to 512 MiB of heap. */
export const MAX_WORKERS = 64;
/** Longest timer a platform honours (setTimeout fires at once past it): about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A rule: what a value must be, in words, and whether it is.
 * @typedef {{ expect: string, ok: (v: any) => boolean }} Rule
 */

/** @param {number} min @param {number} [max] @param {string} [unit] @returns {Rule} */
function whole(min, max = Number.MAX_SAFE_INTEGER, unit = '') {
  const of = unit ? ` of ${unit}` : '';
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max.toLocaleString('en-US')}`;
  return { expect: `a whole number${of} ${range}`, ok: (v) => Number.isSafeInteger(v) && v >= min && v <= max };
}

/** @param {Rule} rule @param {string} alternative @returns {Rule} */
function orNull(rule, alternative) {
  return { expect: `${rule.expect}, or ${alternative}`, ok: (v) => v === null || v === undefined || rule.ok(v) };
}

/** @type {Rule} */
const bool = { expect: 'true or false', ok: (v) => typeof v === 'boolean' };
/** @type {Rule} */
const text = { expect: 'a string', ok: (v) => typeof v === 'string' };
/** @type {Rule} */
const path = { expect: 'a path (a string that is not empty)', ok: (v) => typeof v === 'string' && v.trim() !== '' };
/** @type {Rule} */
const fn = { expect: 'a function', ok: (v) => typeof v === 'function' };
/** @type {Rule} */
const object = { expect: 'an object', ok: (v) => v !== null && typeof v === 'object' };
/** @type {Rule} */
const list = { expect: 'an array', ok: (v) => Array.isArray(v) };

/** @type {Record<string, Rule>} */
const CACHE = {
  budgetBytes: whole(0, undefined, 'bytes'),
  maxEntries: whole(0),
  ttlMs: orNull(whole(1, undefined, 'ms'), 'null for no expiry'),
};

/** The settings objects an engine takes, field by field. @type {Record<string, Record<string, Rule>>} */
const SETTINGS = {
  memory: { ...CACHE, shareResults: bool },
  persistent: CACHE,
  tasks: {
    deadlineMs: whole(1, MAX_TIMER_MS, 'ms'),
    keepFinishedMs: whole(0, undefined, 'ms'),
  },
  metrics: {
    relativeError: { expect: 'a number from 0.0001 to below 1 (0.01 is 1 %)', ok: (v) => typeof v === 'number' && v >= 1e-4 && v < 1 },
    maxBins: whole(128, 65_536),
    retentionHours: whole(1, 87_600),
  },
};

/** @type {Rule} */
const url = { expect: 'a URL (a string that is not empty, or a URL object)', ok: (v) => (typeof v === 'string' && v.trim() !== '') || v instanceof URL };

/** Plain options of createEngine (Node and browsers). @type {Record<string, Rule>} */
const ENGINE = {
  cacheDir: path,
  workerUrl: url,
  database: text,
  store: { expect: 'a store: an object with open, read, write, delete and clear methods', ok: (v) => v !== null && typeof v === 'object' && ['open', 'read', 'write', 'delete', 'clear'].every((m) => typeof v[m] === 'function') },
  workers: whole(0, MAX_WORKERS),
  now: fn,
  resumeTasks: bool,
  fonts: list,
  closeStore: bool,
};

/** @param {unknown} v */
function shown(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

/** @param {string} path @param {Rule} rule @param {unknown} v */
function refuse(path, rule, v) {
  return snapdfError('INVALID_OPTIONS', `${path} must be ${rule.expect}, got ${shown(v)}`, path);
}

/** @param {string} path @param {string} name @param {string[]} known */
function unknown(path, name, known) {
  return snapdfError('INVALID_OPTIONS', `${path}.${name} is not an option here; the options are ${known.join(', ')}${suggestion(name, known)}`, `${path}.${name}`);
}

/**
 * "; did you mean `delimiter`?" when `given` is one of `known` in another letter case,
 * within two edits of one (a letter added, dropped, changed or two swapped) and closer
 * than any other, or the one it abbreviates; else nothing. The engine's own suggestion
 * for snapshot fields (`suggestion` in src/document/read.rs), for options.
 * @param {string} given
 * @param {string[]} known
 */
function suggestion(given, known) {
  const meant = (/** @type {string} */ k) => `; did you mean \`${k}\`?`;
  const lower = given.toLowerCase();
  const cased = known.find((k) => k.toLowerCase() === lower);
  if (cased) return meant(cased);
  const near = known.map((k) => ({ k, d: editDistance(given, k) })).filter(({ d }) => d <= 2).sort((a, b) => a.d - b.d);
  const close = near.length && (near.length === 1 || near[1].d > near[0].d) && near[0].d < [...given].length ? near[0] : undefined;
  // `given`'s letters in order in `k`, the first letter the same (`delim` for `delimiter`).
  const abbreviates = (/** @type {string} */ k) => {
    const name = k.toLowerCase();
    let at = 0;
    for (const c of lower) {
      at = name.indexOf(c, at) + 1;
      if (at === 0) return false;
    }
    return k.length > given.length && name[0] === lower[0];
  };
  const abbreviated = [...given].length >= 3 ? known.filter(abbreviates) : [];
  const abbreviation = abbreviated.length === 1 ? abbreviated[0] : undefined;
  if (close?.d === 1) return meant(close.k);
  const pick = abbreviation ?? close?.k;
  return pick ? meant(pick) : '';
}

/**
 * The optimal string alignment distance of `a` and `b`: how many letters added, dropped,
 * changed or two neighbours swapped turn one into the other.
 * @param {string} a
 * @param {string} b
 */
function editDistance(a, b) {
  const [x, y] = [[...a], [...b]];
  /** @type {number[][]} */
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/**
 * Checks an object's fields against rules; unknown fields are refused too (a misspelt
 * option would otherwise be ignored).
 * @param {Record<string, unknown>} given
 * @param {Record<string, Rule>} rules
 * @param {string} path
 */
function checkFields(given, rules, path) {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw refuse(path, object, given);
  for (const [name, v] of Object.entries(given)) {
    const rule = rules[name];
    if (!rule) throw unknown(path, name, Object.keys(rules));
    if (v !== undefined && !rule.ok(v)) throw refuse(`${path}.${name}`, rule, v);
  }
}

/**
 * Checks the settings an engine passes to its cache, tasks and metrics (`memory`,
 * `persistent`, `tasks`, `metrics`; undefined means the defaults, and `persistent`
 * may be false).
 * @param {{ memory?: unknown, persistent?: unknown, tasks?: unknown, metrics?: unknown }} settings
 * @throws {Error} SnapdfError INVALID_OPTIONS naming the option
 */
export function checkSettings(settings) {
  for (const [name, rules] of Object.entries(SETTINGS)) {
    const v = /** @type {Record<string, unknown>} */ (settings)[name];
    if (v === undefined || (name === 'persistent' && v === false)) continue;
    checkFields(/** @type {Record<string, unknown>} */ (v), rules, `options.${name}`);
  }
}

/**
 * Checks the options of createEngine: every field's type and range, no unknown field.
 * @param {Record<string, unknown>} options
 * @param {string[]} names the options this platform's createEngine takes
 * @throws {Error} SnapdfError INVALID_OPTIONS naming the option
 */
export function checkEngineOptions(options, names) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw refuse('options', object, options);
  for (const [name, v] of Object.entries(options)) {
    if (!names.includes(name)) throw unknown('options', name, names);
    const rule = ENGINE[name];
    if (rule && v !== undefined && !rule.ok(v)) throw refuse(`options.${name}`, rule, v);
  }
  if (options.store !== undefined && options.cacheDir !== undefined) {
    throw snapdfError('INVALID_OPTIONS', 'give cacheDir (a directory store) or store, not both', 'options.store');
  }
  checkSettings(options);
}

/** Where a WebAssembly module is: a URL, a Response, its bytes or a compiled module. @type {Rule} */
const moduleSource = {
  expect: 'a URL (a string or a URL object), a Response, the bytes of the .wasm or a WebAssembly.Module',
  ok: (v) => (typeof v === 'string' && v.trim() !== '') || (v !== null && typeof v === 'object'),
};

/** Options of the browser's init(). @type {Record<string, Rule>} */
const INIT = { render: bool, media: bool, frontModule: moduleSource, baseModule: moduleSource, mediaModule: moduleSource, module_or_path: moduleSource };

/**
 * Checks the options of the browser's init(): every field's type, no unknown field (a
 * misspelt `mediaModule` would otherwise load the module from where it is not).
 * @param {Record<string, unknown>} options
 * @throws {Error} SnapdfError INVALID_OPTIONS naming the option
 */
export function checkInitOptions(options) {
  checkFields(options, INIT, 'options');
}

/** Options of csvToSnapshot. @type {Record<string, Rule>} */
const CSV = {
  title: { expect: 'a string with a visible character (a snapshot\'s title is not blank)', ok: (v) => typeof v === 'string' && v.trim() !== '' },
  subtitle: orNull(text, 'null for the row count'),
  delimiter: {
    expect: 'one character other than a quote or a line break (",", ";", "\\t")',
    ok: (v) => typeof v === 'string' && [...v].length === 1 && !/[\r\n"]/.test(v),
  },
};

/**
 * Checks the options of csvToSnapshot: every field's type, no unknown field (a misspelt
 * `delimeter` would otherwise read the file with commas).
 * @param {Record<string, unknown>} options
 * @param {boolean} [limited] whether `maxCells` (a number of cells, for the CLI) is taken too
 * @throws {Error} SnapdfError INVALID_OPTIONS naming the option
 */
export function checkCsvOptions(options, limited = false) {
  const maxCells = { expect: 'a number of cells >= 1', ok: (/** @type {unknown} */ v) => typeof v === 'number' && v >= 1 };
  checkFields(options, limited ? { ...CSV, maxCells } : CSV, 'options');
}

/** Options of one createSnapshot call that the task manager reads (the rest are render options, checked by the engine). @type {Record<string, Rule>} */
const TASK = {
  priority: whole(-(2 ** 31), 2 ** 31 - 1),
  retry: bool,
  cache: bool,
  store: bool,
  signal: { expect: 'an AbortSignal', ok: (v) => v !== null && typeof v === 'object' && typeof v.aborted === 'boolean' && typeof v.addEventListener === 'function' },
};

/** The options a createSnapshot call (and an engine's render) takes besides the render options. */
export const TASK_OPTIONS = Object.freeze(Object.keys(TASK));

/**
 * The engine's error for a render option it does not know, in full: the engine (serde,
 * `RenderOptions` in src/lib.rs) lists only its own options ("unknown field `fnots`,
 * expected `compression` or `namespace`"), not those the JavaScript side takes first
 * (`fonts`, and an engine's task options). Its list is read from its message, so each
 * option is declared once; any other error is returned as it is.
 * @param {unknown} e
 * @param {readonly string[]} taken the options the caller took out before the engine saw them
 * @returns {unknown}
 */
export function withEveryOption(e, taken) {
  const err = /** @type {{ code?: unknown, path?: unknown, message?: unknown }} */ (e);
  const found = typeof err?.message === 'string' ? /unknown field `([^`]*)`, expected (.*)$/.exec(err.message) : null;
  if (err?.code !== 'INVALID_OPTIONS' || !found || err.path !== `options.${found[1]}`) return e;
  const engine = [...found[2].matchAll(/`([^`]*)`/g)].map((m) => m[1]);
  return unknown('options', found[1], [...engine, ...taken]);
}

/**
 * Checks the task options of a createSnapshot call.
 * @param {Record<string, unknown>} options
 * @throws {Error} SnapdfError INVALID_OPTIONS naming the option
 */
export function checkTaskOptions(options) {
  for (const [name, rule] of Object.entries(TASK)) {
    const v = options[name];
    if (v !== undefined && !rule.ok(v)) throw refuse(`options.${name}`, rule, v);
  }
}
