// Node.js entry point: loads the WebAssembly module from disk, synchronously, on import.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/snapdf.js';
import * as wasm from '../pkg/snapdf.js';
import { engineApi } from './engine.js';
import { DiskStore } from './cache/disk-store.js';
import { SnapshotEngine } from './snapshot-engine.js';

initSync({ module: readFileSync(new URL('../pkg/snapdf_bg.wasm', import.meta.url)) });

const api = engineApi(() => wasm);

/** Resolves at once: under Node the module is ready when this file is imported. */
export async function init() {}
export const { render, cacheKey, validate, formatVersion } = api;
export { snapdfError } from './engine.js';
export { csvToSnapshot } from './csv.js';
export { DiskStore } from './cache/disk-store.js';
export { SnapshotEngine } from './snapshot-engine.js';

/**
 * An engine that renders through a memory cache (L1) and, with `cacheDir` (or `store`),
 * a persistent cache in that directory (L2); `persistent: false` turns L2 off.
 * @param {{ cacheDir?: string, memory?: import('../pkg/snapdf.js').CacheSettings,
 *   persistent?: import('../pkg/snapdf.js').CacheSettings | false,
 *   store?: import('./index.js').PersistentStore, now?: () => number }} [options]
 * @returns {SnapshotEngine}
 */
export function createEngine({ cacheDir, memory, persistent, store, now } = {}) {
  const l2 = persistent === false ? undefined : (store ?? (cacheDir === undefined ? undefined : new DiskStore(cacheDir)));
  return new SnapshotEngine({ wasm, memory, persistent: persistent || undefined, store: l2, now });
}
