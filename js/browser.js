// Browser entry point: the WebAssembly module is fetched by `init()` (bundlers such as
// webpack and Vite emit the .wasm as an asset and rewrite its URL).
import initWasm from '../pkg/snapdf.js';
import * as wasm from '../pkg/snapdf.js';
import { engineApi, snapdfError } from './engine.js';

/** @type {Promise<void> | undefined} */
let loading;
let ready = false;

/**
 * Fetches and instantiates the WebAssembly module; call (and await) once before the
 * other functions. Later calls return the same promise.
 * @param {{ module_or_path?: RequestInfo | URL | BufferSource | WebAssembly.Module }} [source]
 *   where to load the .wasm from; by default next to this package's glue code
 * @returns {Promise<void>}
 */
export function init(source) {
  loading ??= initWasm(source).then(() => {
    ready = true;
  });
  return loading;
}

const api = engineApi(() => {
  if (!ready) throw snapdfError('NOT_INITIALIZED', 'call `await init()` before using snapdf in a browser');
  return wasm;
});

export const { render, cacheKey, validate, formatVersion } = api;
export { snapdfError } from './engine.js';
export { csvToSnapshot } from './csv.js';
