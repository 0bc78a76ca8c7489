// The engine API shared by the Node and browser entry points: it turns what a caller
// passes into what the WebAssembly module takes, and nothing more. Every decision
// (validation, cache key, layout, PDF) is made in Rust.
import { snapdfError } from './errors.js';
import { FontSets } from './font-sets.js';
import { jsonFault, leftOut } from './json-fault.js';
import { withEveryOption } from './options.js';
import { guardWasm } from './trap.js';

/**
 * Snapshot JSON text for the engine: a string is taken as JSON text, bytes as UTF-8
 * JSON, and any other value is serialized with `JSON.stringify`.
 * @param {import('./index.js').Snapshot | string | Uint8Array} snapshot
 * @returns {string}
 */
export function toJson(snapshot) {
  if (typeof snapshot === 'string') return wellFormed(snapshot);
  if (snapshot instanceof Uint8Array) return decodeUtf8(snapshot);
  if (snapshot === null || typeof snapshot !== 'object') {
    throw snapdfError('INVALID_SNAPSHOT', `a snapshot must be an object, JSON text or UTF-8 bytes, not ${snapshot === null ? 'null' : typeof snapshot}`);
  }
  let json;
  try {
    json = JSON.stringify(snapshot);
  } catch (e) {
    // A BigInt, a circular reference, a throwing toJSON or nesting past the stack: say
    // where, in the snapshot's words.
    const fault = jsonFault(snapshot);
    throw snapdfError('INVALID_SNAPSHOT', fault ? `${fault.path || 'the snapshot'}: ${fault.message}` : `the snapshot cannot be written as JSON: ${/** @type {Error} */ (e).message}`, fault?.path || undefined);
  }
  // JSON.stringify writes Infinity, NaN, and a function or a symbol in an array as null,
  // and a Map or a Set as {}: a snapshot that says something else. Looked for only when
  // the text has a null or a {}, which most snapshots do not.
  if (json.includes('null') || json.includes('{}')) {
    const fault = jsonFault(snapshot, { lossy: true });
    if (fault) throw snapdfError('INVALID_SNAPSHOT', `${fault.path || 'the snapshot'}: ${fault.message}`, fault.path || undefined);
  }
  // JSON.stringify writes a lone surrogate as an escape (\ud800) that the engine refuses
  // as malformed JSON; name the string it is in instead (checked only when the text has
  // such an escape, which a snapshot without lone surrogates rarely does).
  if (LONE_ESCAPE.test(json)) {
    const fault = jsonFault(snapshot, { surrogates: true });
    if (fault) throw snapdfError('INVALID_JSON', `${fault.path || 'the snapshot'}: ${fault.message}`, fault.path || undefined);
  }
  return json;
}

const encoder = new TextEncoder();

/**
 * Snapshot JSON as the engine takes it: UTF-8 bytes. Bytes pass through as they are
 * (the engine checks that they are UTF-8); text is encoded with `TextEncoder`, which is
 * faster than wasm-bindgen's own string copy.
 * @param {import('./index.js').Snapshot | string | Uint8Array} snapshot
 * @returns {Uint8Array}
 */
export function toUtf8(snapshot) {
  return snapshot instanceof Uint8Array ? snapshot : encoder.encode(toJson(snapshot));
}

/** An escaped surrogate in JSON text, as JSON.stringify writes a lone one. */
const LONE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * JSON text as given, if it is well-formed UTF-16: a lone surrogate (half of a pair)
 * would become U+FFFD when encoded, silently changing the snapshot (objects are safe:
 * `JSON.stringify` escapes lone surrogates, and the engine refuses the escape).
 * @param {string} text
 * @returns {string}
 * @throws {Error} SnapdfError `INVALID_JSON`
 */
function wellFormed(text) {
  if (text.isWellFormed()) return text;
  throw snapdfError('INVALID_JSON', 'the input text has a lone surrogate (half of a UTF-16 pair), which is not a character');
}

/**
 * A string option that reaches a key or a store, checked where it leaves for one the
 * engine does not check first (a fleet's queue in Redis, which would store a lone
 * surrogate as U+FFFD and so merge two namespaces).
 * @param {unknown} value
 * @param {string} path the option's path, e.g. `options.namespace`
 * @returns {string | undefined} the value
 * @throws {Error} SnapdfError `INVALID_OPTIONS` for a value that is not a string, or has a lone surrogate
 */
export function exactText(value, path) {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.isWellFormed()) return value;
  throw snapdfError('INVALID_OPTIONS', 'expected text without lone surrogates (UTF-16 halves of a character that are not paired)', path);
}

/**
 * Decodes UTF-8 bytes, rejecting invalid sequences instead of replacing them.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function decodeUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw snapdfError('INVALID_JSON', 'the input is not valid UTF-8 text');
  }
}

/**
 * The options argument of render, cacheKey and validate: nothing or an object.
 * @param {unknown} options
 * @returns {Record<string, any>}
 * @throws {Error} SnapdfError `INVALID_OPTIONS` for anything else (`render(s, 5)` was taken as no options)
 */
function optionsObject(options) {
  if (options == null) return {};
  if (typeof options === 'object' && !Array.isArray(options)) return /** @type {Record<string, any>} */ (options);
  throw snapdfError('INVALID_OPTIONS', `expected an options object, not ${Array.isArray(options) ? 'an array' : typeof options}`, 'options');
}

/**
 * `fn()`, its error in the caller's words: a field JSON.stringify left out of `snapshot`
 * (see leftOut) is named, and an unknown option's error lists `fonts` among the options
 * (taken out before the engine sees them).
 * @template T
 * @param {unknown} snapshot
 * @param {() => T} fn
 * @returns {T}
 */
function inCallerWords(snapshot, fn) {
  try {
    return fn();
  } catch (e) {
    throw withEveryOption(leftOut(e, snapshot), ['fonts']);
  }
}

/**
 * Builds the public functions over an initialized wasm-bindgen module.
 * @param {() => typeof import('../pkg/snapdf.js')} module returns the initialized module
 */
export function engineApi(module) {
  /** The font set for `fonts` (none: an empty one) in the initialized module. */
  const fontSet = (/** @type {import('./index.js').FontSource[] | undefined} */ fonts) => FontSets.of(module()).get(fonts);
  /** Runs `fn` on the module; a WebAssembly trap becomes WASM_TRAP (and every later call's error). */
  const guarded = (/** @type {() => any} */ fn) => guardWasm(module(), fn);
  return {
    /**
     * Renders a snapshot to PDF.
     * @param {import('./index.js').Snapshot | string | Uint8Array} snapshot
     * @param {import('./index.js').RenderOptions} [options]
     * @returns {import('./index.js').RenderResult}
     */
    render(snapshot, options) {
      const { fonts, ...rest } = optionsObject(options);
      const bytes = toUtf8(snapshot);
      return inCallerWords(snapshot, () => guarded(() => fontSet(fonts).render(bytes, rest)));
    },
    /**
     * The cache key of a snapshot with these options.
     * @param {import('./index.js').Snapshot | string | Uint8Array} snapshot
     * @param {import('./index.js').RenderOptions} [options]
     * @returns {string}
     */
    cacheKey(snapshot, options) {
      const { fonts, ...rest } = optionsObject(options);
      const bytes = toUtf8(snapshot);
      return inCallerWords(snapshot, () => guarded(() => fontSet(fonts).cacheKey(bytes, rest)));
    },
    /**
     * Checks a snapshot; throws a SnapdfError naming the first problem.
     * @param {import('./index.js').Snapshot | string | Uint8Array} snapshot
     * @param {{ fonts?: import('./index.js').FontSource[] }} [options] fonts it may name
     */
    validate(snapshot, options) {
      const bytes = toUtf8(snapshot);
      inCallerWords(snapshot, () => guarded(() => fontSet(optionsObject(options).fonts).validate(bytes)));
    },
    /** @returns {number} the engine's format version (part of every cache key) */
    formatVersion() {
      return guarded(() => module().formatVersion());
    },
  };
}
