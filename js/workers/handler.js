// The body of a render worker, whatever the platform: keeps the font sets the main
// thread sends and answers render requests.
import { toUtf8 } from '../engine.js';
import { FontSets } from '../font-sets.js';
import { isTrap, lastPanic } from '../trap.js';
import { runRenderJob, serializeError } from './protocol.js';

/** Stages of a job are posted only after it has run this long (milliseconds). */
const STAGE_AFTER_MS = 4;

/**
 * The message handler of one worker.
 * @param {typeof import('../../pkg/snapdf.js')} wasm the initialized engine module
 * @returns {(msg: import('./protocol.js').RenderRequest | import('./protocol.js').FontsRequest,
 *   post: (reply: object, transfer?: ArrayBuffer[]) => void) => void}
 */
export function messageHandler(wasm) {
  /** @type {Map<number, import('../../pkg/snapdf.js').FontSet | Error>} font sets by number; a list that is no font set, as its error */
  const sets = new Map();
  return (msg, post) => {
    if (msg?.type === 'fonts') {
      if (msg.drop !== undefined) release(sets, msg.drop);
      try {
        sets.set(msg.set, new wasm.FontSet(msg.fonts));
      } catch (e) {
        sets.set(msg.set, /** @type {Error} */ (e));
      }
    } else if (msg?.type === 'render') {
      render(wasm, msg, sets, post);
    } else if (msg?.type === 'key') {
      key(wasm, msg, sets, post);
    }
  };
}

/** @param {Map<number, { free(): void } | Error>} sets @param {number} n */
function release(sets, n) {
  const set = sets.get(n);
  if (set && !(set instanceof Error)) set.free();
  sets.delete(n);
}

/**
 * Renders one job and posts its stages and its result.
 * @param {typeof import('../../pkg/snapdf.js')} wasm
 * @param {import('./protocol.js').RenderRequest} msg
 * @param {Map<number, import('../../pkg/snapdf.js').FontSet | Error>} sets the font sets sent so far
 * @param {(reply: object, transfer?: ArrayBuffer[]) => void} post
 */
function render(wasm, msg, sets, post) {
  const { id } = msg;
  // Each stage once ("started" is known to the main thread already), and only once the
  // job has run for STAGE_AFTER_MS: a message costs tens of microseconds, as much as a
  // small render's stages, and no one can watch a 1 ms render's progress anyway.
  const start = performance.now();
  let last = 'started';
  const onStage = (/** @type {string} */ stage) => {
    if (stage === last || performance.now() - start < STAGE_AFTER_MS) return;
    last = stage;
    post({ type: 'stage', id, stage });
  };
  answer(id, post, () => {
    const result = runRenderJob(wasm, msg, fontSet(wasm, msg, sets), onStage);
    post({ type: 'done', id, ok: true, result }, [/** @type {ArrayBuffer} */ (result.pdf.buffer)]);
  });
}

/**
 * Keys one job: parses, checks and keys the snapshot in one call into the module, and
 * posts `{ key }` as its result (or the snapshot's error).
 * @param {typeof import('../../pkg/snapdf.js')} wasm
 * @param {import('./protocol.js').RenderRequest} msg
 * @param {Map<number, import('../../pkg/snapdf.js').FontSet | Error>} sets
 * @param {(reply: object, transfer?: ArrayBuffer[]) => void} post
 */
function key(wasm, msg, sets, post) {
  answer(msg.id, post, () => {
    const result = { key: fontSet(wasm, msg, sets).cacheKey(toUtf8(msg.json), msg.options) };
    post({ type: 'done', id: msg.id, ok: true, result });
  });
}

/**
 * The font set a job names (none: the empty one).
 * @param {typeof import('../../pkg/snapdf.js')} wasm
 * @param {import('./protocol.js').RenderRequest} msg
 * @param {Map<number, import('../../pkg/snapdf.js').FontSet | Error>} sets
 */
function fontSet(wasm, msg, sets) {
  const fonts = msg.fontSet === undefined ? FontSets.of(wasm).get(undefined) : sets.get(msg.fontSet);
  if (fonts instanceof Error) throw fonts;
  if (!fonts) throw new Error(`font set ${msg.fontSet} was never sent to this worker`);
  return fonts;
}

/**
 * Runs `work`, which posts the job's result; an error it throws is posted as the job's
 * failure (poisoned: a WebAssembly trap, after which the worker must be replaced).
 * @param {string} id
 * @param {(reply: object, transfer?: ArrayBuffer[]) => void} post
 * @param {() => void} work
 */
function answer(id, post, work) {
  try {
    work();
  } catch (e) {
    const poisoned = isTrap(e);
    const error = serializeError(e);
    const panic = lastPanic();
    if (poisoned && panic) error.message = panic;
    post({ type: 'done', id, ok: false, error, poisoned });
  }
}
