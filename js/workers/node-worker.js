// A render worker for Node (worker_threads): loads the WebAssembly once, renders many jobs.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import * as wasm from '../../pkg/snapdf.js';
import { messageHandler } from './handler.js';

// The compiled module from the main thread, or the file if started some other way.
wasm.initSync({ module: workerData?.module ?? readFileSync(new URL('../../pkg/snapdf_bg.wasm', import.meta.url)) });
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const handle = messageHandler(wasm);
port.on('message', (msg) => handle(msg, (reply, transfer) => port.postMessage(reply, transfer)));
// Jobs posted before now waited for the module: their deadlines start from here.
port.postMessage({ type: 'ready' });
