// Atomic file writes for Node: a reader sees the old content or all of the new, never a part.
import { rmSync, writeFileSync, renameSync } from 'node:fs';
import { rm, writeFile, rename } from 'node:fs/promises';

let counter = 0;

/** A temporary name next to `path`, unique within this machine's processes. @param {string} path */
function tempName(path) {
  counter += 1;
  return `${path}.${process.pid}.${counter}.tmp`;
}

/**
 * Writes `bytes` to `path` through a temporary file in the same directory and a rename.
 * @param {string} path
 * @param {Uint8Array | string} bytes
 */
export function writeAtomic(path, bytes) {
  const tmp = tempName(path);
  try {
    writeFileSync(tmp, bytes, { flush: true });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The asynchronous form of {@link writeAtomic}.
 * @param {string} path
 * @param {Uint8Array | string} bytes
 */
export async function writeAtomicAsync(path, bytes) {
  const tmp = tempName(path);
  try {
    await writeFile(tmp, bytes, { flush: true });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
