// Node.js entry point: loads the WebAssembly module from disk, synchronously, on import.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/snapdf.js';
import * as wasm from '../pkg/snapdf.js';
import { engineApi } from './engine.js';

initSync({ module: readFileSync(new URL('../pkg/snapdf_bg.wasm', import.meta.url)) });

const api = engineApi(() => wasm);

/** Resolves at once: under Node the module is ready when this file is imported. */
export async function init() {}
export const { render, cacheKey, validate, formatVersion } = api;
export { snapdfError } from './engine.js';
export { csvToSnapshot } from './csv.js';
export { DiskCache } from './disk-cache.js';
