// The errors snapdf throws: one shape (`name` "SnapdfError", a stable `code`, the JSON
// `path` when there is one) and the list of codes. Every other module imports these from
// here; this module imports nothing of snapdf's, so no import cycle runs through it.

/**
 * Every `code` a SnapdfError can have, whichever part of snapdf throws it (the engine in
 * Rust, the task manager, the workers, the cache, the CLI). `ErrorCode` in index.d.ts
 * is the same list.
 */
export const ERROR_CODES = Object.freeze(/** @type {const} */ ([
  // the snapshot and the options (Rust: src/error.rs)
  'INVALID_JSON',
  'INVALID_SNAPSHOT',
  'UNSUPPORTED_CHARACTER',
  'LIMIT_EXCEEDED',
  'INVALID_OPTIONS',
  'MEDIA_UNAVAILABLE',
  'CACHE_ENTRY_TOO_LARGE',
  'INVALID_METRIC',
  'ILLEGAL_TASK_TRANSITION',
  // CSV input, loading the module
  'INVALID_CSV',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  // tasks and workers
  'TIMEOUT',
  'WORKER_CRASHED',
  'WASM_TRAP',
  'CANCELLED',
  'CLOSED',
  // the fleet (Redis) and the command line
  'REDIS_UNAVAILABLE',
  'USAGE',
  // an optional peer dependency (bullmq, ioredis) that a feature needs is not installed
  'MISSING_PACKAGE',
  // anything else that went wrong (a custom runner's or store's own error): the message says what
  'INTERNAL_ERROR',
]));

/**
 * An `Error` shaped like the ones the engine throws: `name` "SnapdfError", a stable
 * `code`, and the JSON `path` when there is one.
 * @param {import('./index.js').ErrorCode} code one of ERROR_CODES
 * @param {string} message
 * @param {string} [path]
 * @returns {Error & { code: string, path?: string }}
 */
export function snapdfError(code, message, path) {
  // A code outside ERROR_CODES is a bug in snapdf: tests/js/errors.test.mjs checks every call.
  const err = /** @type {Error & { code: string, path?: string }} */ (new Error(message));
  err.name = 'SnapdfError';
  err.code = code;
  if (path !== undefined) err.path = path;
  return err;
}
