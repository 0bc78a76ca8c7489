// A worker thread with the base module (pkg/snapdf_base_bg.wasm) instantiated, for
// tests/js/base-module.test.mjs: it calls the module function a message names, with
// its arguments, and answers `{ ok: true, value }` or `{ ok: false, error }`.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import * as wasm from '../../pkg/snapdf.js';

wasm.initSync({ module: readFileSync(new URL('../../pkg/snapdf_base_bg.wasm', import.meta.url)) });
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
port.on('message', ({ id, fn, args }) => {
  try {
    const value = wasm[fn](...args);
    port.postMessage({ id, ok: true, value: fn === 'render' ? { key: value.key, pages: value.pages } : value });
  } catch (e) {
    port.postMessage({ id, ok: false, error: { code: e.code, path: e.path, message: e.message } });
  }
});
