// Reading the files a store keeps for itself (Node): a cache entry, its record, an index,
// saved metrics, a task. The store writes each of them as a regular file (a temporary
// file and a rename, fs-atomic.js), so anything else in one's place was put there by
// someone else: a FIFO (whose open would wait for a writer, for ever), a directory, a
// device, a file of another size than its record says, a huge sparse file. Such a file
// is refused from its fstat, before any byte is read: never waited on, never read whole.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Opening for reading never blocks: a FIFO opens at once (and is then refused). */
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A store's file that is not one it wrote: not a regular file, or not of the size allowed. */
export class UnusableFileError extends Error {
  name = 'UnusableFileError';
}

/**
 * The bytes of the regular file `path`, or undefined if nothing is there. The file is
 * opened without blocking and checked on the open handle (fstat), then exactly its size
 * is read, into bytes of their own (not a shared pool).
 * @param {string} path
 * @param {{ size: number } | { max: number }} limit `size`: exactly that many bytes (what
 *   the file's record says); `max`: at most that many
 * @returns {Promise<Uint8Array | undefined>}
 * @throws {UnusableFileError} for a FIFO, a directory, a device or a socket; a size other
 *   than `size` or over `max`; a file that ends before its size (cut short meanwhile)
 * @throws {NodeJS.ErrnoException} a failure to open or read it (EACCES, EIO, ...)
 */
export async function readRegularFile(path, limit) {
  let handle;
  try {
    handle = await open(path, FLAGS);
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new UnusableFileError(`${path} is a directory, not a regular file`);
    throw e;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new UnusableFileError(`${path} is ${fileKind(st)}, not a regular file`);
    const bytes = (/** @type {number} */ n) => `${n.toLocaleString('en-US')} bytes`;
    if ('size' in limit && st.size !== limit.size) {
      throw new UnusableFileError(`${path} is ${bytes(st.size)}, its record says ${bytes(limit.size)}`);
    }
    if ('max' in limit && st.size > limit.max) {
      throw new UnusableFileError(`${path} is ${bytes(st.size)}, more than the limit of ${bytes(limit.max)}`);
    }
    const out = new Uint8Array(st.size);
    for (let at = 0; at < out.length;) {
      const { bytesRead } = await handle.read(out, at, out.length - at, at);
      if (bytesRead === 0) throw new UnusableFileError(`${path} ended after ${bytes(at)} of its ${bytes(st.size)}`);
      at += bytesRead;
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** What a file is, in words ("a FIFO"). @param {import('node:fs').Stats} st */
export function fileKind(st) {
  if (st.isFile()) return 'a file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'something else';
}
