// File writes for Node. Atomic writes: a reader sees the old content or all of the new,
// never a part. Output writes: what a user names with `-o`, which may also be a device,
// a FIFO or a symbolic link, never replaced by a regular file.
//
// A temporary file is named `<target>.<pid>.<n>.tmp`: the writer's process id says
// whose it is, so a sweep (removeStaleTemps) removes only the temporaries of processes
// that are gone, or that are older than an hour, never another live process's write
// in flight.
import { lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { getSystemErrorMap } from 'node:util';

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
    await makeDirectory(dirname(path));
    await writeThroughTemp(path, bytes);
  }
}

/**
 * Makes the directory `dir` and the folders on its way that are missing, as `mkdir -p`.
 * Not Node's `mkdir(dir, { recursive: true })`: on a file system that answers ENOENT
 * for a new name in a folder that exists (procfs: `/proc/x`), that steps back to the
 * folder (EEXIST) and forward again for ever, and its promise never settles. Here each
 * folder is tried once after its parent is made, and its ENOENT then is final.
 * @param {string} dir
 * @throws {NodeJS.ErrnoException} `ENOENT` "no folder can be made in PARENT" (the parent
 *   exists and takes no new entries), `ENOTDIR`, `EACCES`, `EROFS`, ...; `EEXIST` when
 *   `dir` is something other than a directory
 */
export async function makeDirectory(dir) {
  try {
    await mkdir(dir);
    return;
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code;
    if (code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw e;
    await makeDirectory(parent); // one call per folder of the path: it ends at the root
  }
  try {
    await mkdir(dir);
  } catch (e) {
    const err = /** @type {NodeJS.ErrnoException} */ (e);
    if (err.code === 'EEXIST' && (await stat(dir)).isDirectory()) return; // made meanwhile by another process
    if (err.code !== 'ENOENT') throw e;
    throw Object.assign(new Error(`no folder can be made in ${dirname(dir)} (it takes no new entries)`), { code: 'ENOENT', path: dir });
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

/**
 * Writes `bytes` to the output file `path` as a user named it. A regular file, or a path
 * that does not exist yet in a folder that does, is written atomically with
 * {@link writeAtomic}; a symbolic link to a regular file has its target written so, the
 * link kept. Anything else (a device such as /dev/null or /dev/full, a FIFO,
 * /dev/stdout, a link to none of these that does not resolve) is written in place,
 * never replaced.
 * @param {string} path
 * @param {Uint8Array} bytes
 * @throws {Error} with Node's `code` (`ENOSPC`, `ENOTDIR`, `EISDIR`, `EACCES`, ...) and a
 *   message "cannot write PATH: REASON"; `ENOENT` "the folder DIR does not exist"
 */
export function writeOutput(path, bytes) {
  try {
    const kind = outputKind(path);
    if (kind === 'directory') throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (kind === 'file') writeBeside(realpathSync(path), bytes);
    else if (kind === 'missing') {
      // As cp: a folder that does not exist is a mistyped path more often than a wish.
      if (!statSync(dirname(path), { throwIfNoEntry: false })) {
        throw Object.assign(new Error(`the folder ${dirname(path)} does not exist`), { code: 'ENOENT' });
      }
      writeBeside(path, bytes);
    } else writeFileSync(path, bytes);
  } catch (e) {
    throw outputError(path, /** @type {NodeJS.ErrnoException} */ (e));
  }
}

/**
 * {@link writeAtomic} for an output file: its temporary file is made in the same folder.
 * A folder that exists and still answers ENOENT takes no new files (/proc, /sys): that
 * is said, not "no such file or directory" of a file the user can see.
 * @param {string} path
 * @param {Uint8Array} bytes
 */
function writeBeside(path, bytes) {
  try {
    writeAtomic(path, bytes);
  } catch (e) {
    const folder = dirname(path);
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ENOENT' || !statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw e;
    throw Object.assign(new Error(`no file can be made in the folder ${folder} (the PDF is written to a new file there, then renamed)`), { code: 'ENOENT' });
  }
}

/**
 * What `path` is, following symbolic links: `missing` (neither it nor a link of that
 * name exists), `file` (regular), `directory`, or `other` (a device, FIFO, socket, or a
 * link that does not resolve).
 * @param {string} path
 * @returns {'missing' | 'file' | 'directory' | 'other'}
 */
function outputKind(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st) return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
  return lstatSync(path, { throwIfNoEntry: false }) ? 'other' : 'missing';
}

/**
 * `e` as "cannot write PATH: REASON", keeping its `code`.
 * @param {string} path
 * @param {NodeJS.ErrnoException} e
 */
function outputError(path, e) {
  return fileError(`cannot write ${path}`, e);
}

/**
 * A Node file error `e` as "WHAT: REASON" (e.g. "cannot read x.ttf: no such file or
 * directory"), keeping its `code`; an error without a code is returned as it is.
 * @param {string} what
 * @param {NodeJS.ErrnoException} e
 * @returns {Error}
 */
export function fileError(what, e) {
  if (typeof e.code !== 'string') return e;
  const known = e.errno === undefined ? undefined : getSystemErrorMap().get(e.errno);
  const reason = known ? known[1] : e.message.replace(/^E[A-Z0-9_]+: /, '').replace(/, \w+ '.*'$/, '');
  return Object.assign(new Error(`${what}: ${reason}`), { code: e.code });
}

/**
 * Writes `bytes` to standard output and resolves once they are handed to the system.
 * @param {Uint8Array} bytes
 * @returns {Promise<void>}
 * @throws {Error} with Node's `code` (e.g. `EPIPE` when the reader has gone) and a
 *   message "cannot write standard output: REASON"
 */
export function writeStdout(bytes) {
  return new Promise((resolve, reject) => {
    const fail = (/** @type {NodeJS.ErrnoException} */ e) => reject(outputError('standard output', e));
    process.stdout.once('error', fail);
    process.stdout.write(bytes, (e) => {
      process.stdout.off('error', fail);
      if (e) fail(e);
      else resolve();
    });
  });
}
