// The worker protocol: three request kinds and three reply kinds; jobs carry their id.
//
//   main -> worker  { type: 'fonts', set, fonts, drop }               a list of fonts [{ name, data }],
//                                                                    copied into the module once as
//                                                                    font set number `set`; `drop`: the
//                                                                    number of a set to release, or undefined
//                   { type: 'render', id, key, json, options, fontSet }  fontSet: the number of a set
//                                                                    sent before, or undefined; key: the
//                                                                    cache key the calling thread computed
//                   { type: 'key', id, json, options, fontSet }      parse, check and key only: answered
//                                                                    with done, result { key }
//   worker -> main  { type: 'ready' }                                 once, when its module is loaded
//                   { type: 'stage', id, stage }                      progress
//                   { type: 'done', id, ok: true, result }            result.pdf is transferred
//                   { type: 'done', id, ok: false, error, poisoned }  poisoned: a WebAssembly
//                                                                    trap; the worker must be replaced
// Errors cross as plain { name, message, code, path } and are rebuilt as Error objects.

import { toUtf8 } from '../engine.js';

/**
 * @typedef {{ type: 'render' | 'key', id: string, key?: string, json: string, options: object, fontSet?: number }} RenderRequest
 * @typedef {{ type: 'fonts', set: number, fonts: import('../index.js').FontSource[], drop?: number }} FontsRequest
 * @typedef {{ pdf: Uint8Array, key: string, pages: number, warnings: import('../index.js').RenderWarning[], stages: { validateMs: number, keyMs: number, layoutMs: number, pdfMs: number } }} RenderJobResult
 */

/**
 * An error as plain data for postMessage.
 * @param {unknown} e
 */
export function serializeError(e) {
  const err = /** @type {Error & { code?: string, path?: string }} */ (e instanceof Error ? e : new Error(String(e)));
  return { name: err.name, message: err.message, code: err.code, path: err.path };
}

/**
 * Rebuilds an Error from its plain form.
 * @param {{ name?: string, message?: string, code?: string, path?: string }} data
 */
export function deserializeError(data) {
  const err = /** @type {Error & { code?: string, path?: string }} */ (new Error(data.message ?? 'unknown error'));
  err.name = data.name ?? 'Error';
  if (data.code !== undefined) err.code = data.code;
  if (data.path !== undefined) err.path = data.path;
  return err;
}

/**
 * Runs one render job with the engine module, reporting stages. Shared by the workers
 * and the in-thread runner.
 * @param {typeof import('../../pkg/snapdf.js')} wasm
 * @param {{ key?: string, json: string, options: object }} job
 * @param {import('../../pkg/snapdf.js').FontSet} fonts the fonts the snapshot may name
 * @param {(stage: string) => void} onStage
 * @returns {RenderJobResult}
 */
export function runRenderJob(wasm, job, fonts, onStage) {
  // A test hook (tests/js/tasks.test.mjs): `options.__panicForTests` makes the engine panic
  // on purpose. The engine API never gets there: it rejects unknown options first.
  if (/** @type {any} */ (job.options)?.__panicForTests) wasm.__panicForTests(String(/** @type {any} */ (job.options).__panicForTests));
  return fonts.renderTimed(toUtf8(job.json), job.options, onStage, job.key);
}
