// A render worker for browsers (a module Web Worker). Its first message says which
// WebAssembly module to instantiate: `{ type: 'load', module }`, the page's compiled
// module (base or media), or without `module` the media module next to the package.
// It then renders many jobs. Only relative imports: import maps do not reach workers.
import init, * as wasm from '../../pkg/snapdf.js';
import { messageHandler } from './handler.js';

/** @type {(loading: Promise<unknown>) => void} */
let load = () => {};
const handle = messageHandler(wasm);
/** Settles once the module named by the load message is instantiated. */
const ready = new Promise((resolve) => {
  load = resolve;
});
// A module that cannot be fetched or instantiated is a crash of this worker (an error
// event), which the pool answers by failing the job and replacing the worker.
ready.then(
  // Jobs posted before now waited for the module: their deadlines start from here.
  () => self.postMessage({ type: 'ready' }),
  (e) => setTimeout(() => {
    throw e;
  }),
);

self.onmessage = async (ev) => {
  if (ev.data?.type === 'load') {
    load(init({ module_or_path: ev.data.module }));
    return;
  }
  try {
    await ready;
  } catch {
    return; // the crash above ends this worker
  }
  handle(ev.data, (reply, transfer) => self.postMessage(reply, { transfer: transfer ?? [] }));
};
