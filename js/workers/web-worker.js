// A render worker for browsers (a module Web Worker): instantiates the page's compiled
// WebAssembly module (the base or the media one; posted first as `{ type: 'load',
// module }`) once and renders many jobs. Only relative imports: import maps do not
// reach workers.
import init, * as wasm from '../../pkg/snapdf.js';
import { handleMessage } from './handler.js';

/** @type {Promise<unknown> | undefined} */
let ready;
self.onmessage = async (ev) => {
  if (ev.data?.type === 'load') {
    ready ??= init({ module_or_path: ev.data.module });
    return;
  }
  // Without a module from the page, the media module next to the package.
  await (ready ??= init());
  handleMessage(wasm, ev.data, (reply, transfer) => self.postMessage(reply, { transfer: transfer ?? [] }));
};
