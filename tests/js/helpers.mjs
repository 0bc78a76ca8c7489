// Shared helpers for the node:test suites: running the CLI and the PDF tools.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const cli = join(root, 'js/cli.js');
export const datasets = join(root, 'node_modules/vega-datasets/data');

/** A fresh temporary directory. */
export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'snapdf-test-'));
}

/**
 * Runs the CLI; returns its exit status, stdout and stderr.
 * @param {string[]} args
 * @param {{ cwd?: string, timeoutMs?: number }} [options] `timeoutMs` (default 180,000):
 *   after it, the CLI is killed and the call returns with status null
 */
export function runCli(args, { cwd = root, timeoutMs = 180_000 } = {}) {
  // A CLI that never ends fails its test instead of holding the whole run.
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  const timedOut = r.error && /** @type {NodeJS.ErrnoException} */ (r.error).code === 'ETIMEDOUT';
  return { status: r.status, stdout: r.stdout, stderr: timedOut ? `${r.stderr}\nsnapdf ${args.join(' ')}: no exit after ${timeoutMs} ms` : r.stderr };
}

/** `qpdf --check FILE` succeeds and reports no errors. @param {string} file */
export function qpdfCheck(file) {
  const out = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return out.includes('No syntax or stream encoding errors');
}

/** The page count pdfinfo reports. @param {string} file */
export function pdfPages(file) {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)$/m.exec(out);
  if (!m) throw new Error(`pdfinfo printed no page count:\n${out}`);
  return Number(m[1]);
}

/** pdfinfo's whole output. @param {string} file */
export function pdfInfo(file) {
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
}

/** The text of each page, as pdftotext -layout extracts it. @param {string} file */
export function pdfPageTexts(file) {
  const out = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = out.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/**
 * What `read(page, operatorList)` returns for each page of `pdf` (bytes), in order, as
 * pdf.js reads them.
 */
export async function readPages(pdf, read) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    pages.push(await read(page, await page.getOperatorList()));
  }
  await doc.destroy();
  return pages;
}
