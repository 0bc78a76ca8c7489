// WebAssembly traps on the calling thread. A Rust panic ends in a trap (a RuntimeError)
// that unwinds through the module without running Rust's cleanup: the object that was
// in use stays borrowed (wasm-bindgen then answers "recursive use of an object" to
// every later call on it) and the instance's memory may be half-updated. So after a
// trap an instance is never used again: this module remembers which instances trapped,
// and every later call through `guardWasm` fails with the same WASM_TRAP error instead
// of touching it. Workers are separate instances; a trap there replaces the worker.
import { snapdfError } from './errors.js';

/**
 * Whether an error is a WebAssembly trap (a Rust panic, an unreachable): the instance
 * must not be used again.
 * @param {unknown} e
 */
export function isTrap(e) {
  return e instanceof Error && (e.name === 'RuntimeError' || e.constructor?.name === 'RuntimeError');
}

/**
 * The message of the last Rust panic (the panic hook leaves it on the global object).
 * @returns {string | undefined}
 */
export function lastPanic() {
  return /** @type {any} */ (globalThis).__snapdfLastPanic;
}

/** @type {WeakMap<object, Error>} the error each trapped module instance failed with */
const trapped = new WeakMap();

/**
 * Whether an error means the instance can no longer be trusted: a trap, or
 * wasm-bindgen's refusal to re-enter an object that a trap left borrowed.
 * @param {unknown} e
 */
export function isPoisoning(e) {
  if (!(e instanceof Error) || e.name === 'SnapdfError') return false;
  return isTrap(e) || /recursive use of an object/.test(e.message);
}

/**
 * The WASM_TRAP error of a module instance that trapped, or undefined.
 * @param {object} wasm the module (its namespace object)
 * @returns {Error | undefined}
 */
export function trapOf(wasm) {
  return trapped.get(wasm);
}

/**
 * Marks the instance as trapped (once: the first trap's error is kept) and returns the
 * WASM_TRAP error every later call gets.
 * @param {object} wasm
 * @param {unknown} cause the trap
 * @returns {Error}
 */
export function markTrapped(wasm, cause) {
  let err = trapped.get(wasm);
  if (!err) {
    const why = lastPanic() ?? (cause instanceof Error ? cause.message : String(cause));
    err = snapdfError('WASM_TRAP', `the WebAssembly engine on this thread trapped (${why}) and cannot be used again: restart the process or reload the page`);
    trapped.set(wasm, err);
  }
  return err;
}

/**
 * Runs `fn`, which calls into `wasm`. If the instance trapped before, throws its
 * WASM_TRAP error without calling; if `fn` traps, marks the instance and throws
 * WASM_TRAP. Other errors pass through.
 * @template T
 * @param {object} wasm
 * @param {() => T} fn
 * @returns {T}
 */
export function guardWasm(wasm, fn) {
  const before = trapped.get(wasm);
  if (before) throw before;
  try {
    return fn();
  } catch (e) {
    if (isPoisoning(e)) throw markTrapped(wasm, e);
    throw e;
  }
}
