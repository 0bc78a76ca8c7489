#!/usr/bin/env node
// Cache hit latency in Node: L1 (memory) and L2 (a directory, digest checked).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as snapdf from '../js/node.js';
import * as wasm from '../pkg/snapdf.js';
import { cacheCases, print } from './cache-cases.js';

const rows = await cacheCases(snapdf, wasm, () => new snapdf.DiskStore(mkdtempSync(join(tmpdir(), 'snapdf-bench-'))));
print(`snapdf cache in Node ${process.version}`, rows);
