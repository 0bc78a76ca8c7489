// A directory of rendered PDFs named by cache key: the CLI's cache until the two-layer
// cache lands. Writes go to a temporary file that is renamed into place, so a reader
// never sees half a file.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY = /^[0-9a-f]{64}$/;

export class DiskCache {
  /**
   * @param {string} dir the cache directory; created on first write
   */
  constructor(dir) {
    this.dir = dir;
  }

  /**
   * The cached entry for `key`, or `undefined` on a miss. Each entry is two files:
   * `KEY.pdf` and `KEY.json` (`{ pages, bytes }`), the second written last as the
   * commit marker. An entry whose PDF is missing, of the wrong size, or not a
   * complete PDF (`%PDF-` header, `%%EOF` trailer) is a miss and is removed.
   * @param {string} key a cache key (64 hex digits)
   * @returns {{ pdf: Uint8Array, pages: number } | undefined}
   */
  get(key) {
    const { pdfPath, metaPath } = this.#paths(key);
    let meta;
    let bytes;
    try {
      meta = JSON.parse(readFileSync(metaPath, 'utf8'));
      bytes = readFileSync(pdfPath);
    } catch {
      return undefined;
    }
    const head = bytes.subarray(0, 5).toString('latin1');
    const tail = bytes.subarray(Math.max(0, bytes.length - 16)).toString('latin1');
    if (meta?.bytes !== bytes.length || head !== '%PDF-' || !tail.includes('%%EOF')) {
      rmSync(metaPath, { force: true });
      rmSync(pdfPath, { force: true });
      return undefined;
    }
    return { pdf: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages: meta.pages };
  }

  /**
   * Stores a rendered PDF under `key`, atomically (temporary file, then rename).
   * @param {string} key a cache key (64 hex digits)
   * @param {{ pdf: Uint8Array, pages: number }} entry
   */
  put(key, { pdf, pages }) {
    const { pdfPath, metaPath } = this.#paths(key);
    mkdirSync(this.dir, { recursive: true });
    writeAtomic(pdfPath, pdf);
    writeAtomic(metaPath, JSON.stringify({ pages, bytes: pdf.length }));
  }

  /** @param {string} key */
  #paths(key) {
    if (!KEY.test(key)) throw new TypeError(`not a cache key: ${key}`);
    return { pdfPath: join(this.dir, `${key}.pdf`), metaPath: join(this.dir, `${key}.json`) };
  }
}
/**
 * Writes `bytes` to `path` through a temporary file in the same directory and a
 * rename, so `path` holds either its old content or all of the new, never a part.
 * @param {string} path
 * @param {Uint8Array | string} bytes
 */
export function writeAtomic(path, bytes) {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, bytes, { flush: true });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
