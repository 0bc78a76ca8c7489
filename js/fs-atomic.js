// Atomic file writes for Node: a reader sees the old content or all of the new, never a part.
//
// A temporary file is named `<target>.<pid>.<n>.tmp`: the writer's process id says
// whose it is, so a sweep (removeStaleTemps) removes only the temporaries of processes
// that are gone, or that are older than an hour, never another live process's write
// in flight.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

let counter = 0;

/** A temporary file older than this (ms) is stale even if its writer's pid is alive (the pid was reused). */
export const STALE_TEMP_MS = 3_600_000;

const TEMP = /\.(\d+)\.\d+\.tmp$/;

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
 * The asynchronous form of {@link writeAtomic}. If the temporary file or its directory
 * vanished under the write (ENOENT: another process removed it), the directory is made
 * again and the write is tried once more.
 * @param {string} path
 * @param {Uint8Array | string} bytes
 * @throws {NodeJS.ErrnoException} the second failure, or any other (ENOSPC, EACCES, …)
 */
export async function writeAtomicAsync(path, bytes) {
  try {
    await writeThroughTemp(path, bytes);
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ENOENT') throw e;
    await mkdir(dirname(path), { recursive: true });
    await writeThroughTemp(path, bytes);
  }
}

/** @param {string} path @param {Uint8Array | string} bytes */
async function writeThroughTemp(path, bytes) {
  const tmp = tempName(path);
  try {
    await writeFile(tmp, bytes, { flush: true });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Whether a temporary file is left over: its writer (the pid in its name) is not
 * running on this machine, or it is older than {@link STALE_TEMP_MS}.
 * @param {string} name the file name
 * @param {number} ageMs how long since it was last modified
 */
export function isStaleTemp(name, ageMs) {
  if (ageMs > STALE_TEMP_MS) return true;
  const pid = Number(TEMP.exec(name)?.[1]);
  return Number.isSafeInteger(pid) && pid > 0 && !isRunning(pid);
}

/** @param {number} pid */
function isRunning(pid) {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM'; // another user's process
  }
}

/**
 * Removes the stale temporary files (see {@link isStaleTemp}) in `dir`, best effort:
 * a file another process removed meanwhile, or one that cannot be removed, is skipped.
 * @param {string} dir
 * @returns {Promise<number>} how many were removed
 */
export async function removeStaleTemps(dir) {
  let names;
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith('.tmp'))) {
    const path = join(dir, name);
    try {
      const s = await stat(path);
      if (!s.isFile() || !isStaleTemp(name, Date.now() - s.mtimeMs)) continue;
      await rm(path, { force: true });
      removed += 1;
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}
