// A render worker for Node (worker_threads): loads the WebAssembly once, renders many jobs.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import * as wasm from '../../pkg/snapdf.js';
import { handleMessage } from './handler.js';

wasm.initSync({ module: readFileSync(new URL('../../pkg/snapdf_bg.wasm', import.meta.url)) });
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
port.on('message', (msg) => handleMessage(wasm, msg, (reply, transfer) => port.postMessage(reply, transfer)));
