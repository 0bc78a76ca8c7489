#!/usr/bin/env node
// snapdf: the command line. Renders snapshot JSON or CSV files to PDF through the
// WebAssembly engine, with an on-disk cache keyed by the cache key.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { DiskCache, writeAtomic } from './disk-cache.js';
import { readSnapshot, renderCached } from './render-file.js';
import { cacheKey } from './node.js';

/** The default cache directory: $SNAPDF_CACHE_DIR, else $XDG_CACHE_HOME/snapdf, else ~/.cache/snapdf. */
function defaultCacheDir() {
  return process.env.SNAPDF_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'snapdf');
}

/** @param {string} value */
function compressionLevel(value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new InvalidArgumentError('expected a level from 0 to 10');
  return n;
}

/** @param {{ compression?: number, namespace?: string }} opts */
function renderOptions(opts) {
  return { compression: opts.compression, namespace: opts.namespace };
}

const program = new Command()
  .name('snapdf')
  .description('PDF snapshots of reports: render snapshot JSON or CSV files to PDF.')
  .version('0.1.0')
  .showHelpAfterError();

program
  .command('render')
  .description('render INPUT (snapshot .json, or .csv as one table) to a PDF')
  .argument('<input>', 'a snapshot JSON file or a CSV file')
  .option('-o, --output <file>', 'the PDF to write (default: INPUT with .pdf, in the current directory)')
  .option('--title <title>', 'title of a CSV snapshot (default: from the file name)')
  .option('--compression <level>', 'Flate level 0-10 (default 3)', compressionLevel)
  .option('--namespace <ns>', 'cache key namespace (a user or tenant id)')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--no-cache', 'neither read nor write the cache')
  .option('--json', 'print the result as JSON')
  .action((input, opts) => {
    const output = resolve(opts.output ?? `${basename(input, extname(input))}.pdf`);
    const snapshot = readSnapshot(input, { title: opts.title });
    const cache = opts.cache ? new DiskCache(opts.cacheDir) : undefined;
    const result = renderCached(snapshot, renderOptions(opts), cache);
    mkdirSync(dirname(output), { recursive: true });
    writeAtomic(output, result.pdf);
    const summary = { output, pages: result.pages, bytes: result.pdf.length, ms: result.ms, cache: result.hit ? 'hit' : 'miss', key: result.key };
    if (opts.json) console.log(JSON.stringify(summary));
    else console.log(`${output}: ${summary.pages} pages, ${summary.bytes} bytes, ${summary.ms.toFixed(1)} ms (cache ${summary.cache})`);
  });

program
  .command('key')
  .description('print the cache key of INPUT')
  .argument('<input>', 'a snapshot JSON file or a CSV file')
  .option('--title <title>', 'title of a CSV snapshot (default: from the file name)')
  .option('--compression <level>', 'Flate level 0-10 (default 3)', compressionLevel)
  .option('--namespace <ns>', 'cache key namespace')
  .action((input, opts) => {
    console.log(cacheKey(readSnapshot(input, { title: opts.title }), renderOptions(opts)));
  });

try {
  program.parse();
} catch (e) {
  const err = /** @type {Error & { code?: string, path?: string }} */ (e);
  const input = program.args[1] ?? '';
  if (err.name === 'SnapdfError') console.error(`snapdf: ${input}: ${err.message} [${err.code}]`);
  else if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') console.error(`snapdf: ${err.message}`);
  else console.error(`snapdf: ${err.stack ?? err}`);
  process.exitCode = 1;
}
