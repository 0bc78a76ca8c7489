// The body of a render worker, whatever the platform: answers render requests.
import { isTrap, lastPanic, runRenderJob, serializeError } from './protocol.js';

/** Stages of a job are posted only after it has run this long (milliseconds). */
const STAGE_AFTER_MS = 4;

/**
 * Handles one message from the main thread.
 * @param {typeof import('../../pkg/snapdf.js')} wasm the initialized engine module
 * @param {import('./protocol.js').RenderRequest} msg
 * @param {(reply: object, transfer?: ArrayBuffer[]) => void} post
 */
export function handleMessage(wasm, msg, post) {
  if (msg?.type !== 'render') return;
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
  try {
    const result = runRenderJob(wasm, msg, onStage);
    post({ type: 'done', id, ok: true, result }, [/** @type {ArrayBuffer} */ (result.pdf.buffer)]);
  } catch (e) {
    const poisoned = isTrap(e);
    const error = serializeError(e);
    const panic = lastPanic();
    if (poisoned && panic) error.message = panic;
    post({ type: 'done', id, ok: false, error, poisoned });
  }
}
