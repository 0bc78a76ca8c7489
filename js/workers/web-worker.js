// A render worker for browsers (a module Web Worker): fetches the WebAssembly once,
// renders many jobs. Only relative imports: import maps do not reach workers.
import init, * as wasm from '../../pkg/snapdf.js';
import { handleMessage } from './handler.js';

const ready = init();
self.onmessage = async (ev) => {
  await ready;
  handleMessage(wasm, ev.data, (reply, transfer) => self.postMessage(reply, { transfer: transfer ?? [] }));
};
