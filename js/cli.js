#!/usr/bin/env node
// snapdf: the command line. Renders snapshot JSON or CSV files to PDF through the
// WebAssembly engine, with an on-disk cache keyed by the cache key.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { writeAtomic } from './fs-atomic.js';
import { readSnapshot } from './render-file.js';
import { cacheKey, createEngine } from './node.js';

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

/**
 * Collects repeated `--font NAME=FILE` options.
 * @param {string} value
 * @param {{ name: string, file: string }[]} list
 */
function fontOption(value, list) {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected NAME=FILE, e.g. "DejaVu Sans=DejaVuSans.ttf"');
  return [...list, { name: value.slice(0, at), file: value.slice(at + 1) }];
}

/**
 * The render options of a command, with the `--font` files read.
 * @param {{ compression?: number, namespace?: string, font?: { name: string, file: string }[] }} opts
 */
function renderOptions(opts) {
  const fonts = (opts.font ?? []).map(({ name, file }) => ({ name, data: new Uint8Array(readFileSync(file)) }));
  return { compression: opts.compression, namespace: opts.namespace, ...(fonts.length ? { fonts } : {}) };
}

/**
 * The snapshot of INPUT; with `--font`, a snapshot that names no font is set in the
 * first one given (so a CSV file comes out in it).
 * @param {string} input
 * @param {{ title?: string, font?: { name: string }[] }} opts
 */
function snapshotOf(input, opts) {
  const snapshot = readSnapshot(input, { title: opts.title });
  const first = opts.font?.[0]?.name;
  if (!first) return snapshot;
  let object = snapshot;
  if (typeof snapshot === 'string') {
    try {
      object = JSON.parse(snapshot);
    } catch {
      return snapshot; // the engine reports malformed JSON with its position
    }
  }
  if (object === null || typeof object !== 'object' || Array.isArray(object) || 'font' in object) return object;
  return { ...object, font: first };
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
  .option('--compression <level>', 'Flate level 0-10 (default 1)', compressionLevel)
  .option('--namespace <ns>', 'cache key namespace (a user or tenant id)')
  .option('--font <name=file>', 'a TrueType/OpenType font the snapshot may name; the first is the default font (repeatable)', fontOption, [])
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--no-cache', 'neither read nor write the cache')
  .option('--json', 'print the result as JSON')
  .action(async (input, opts) => {
    const output = resolve(opts.output ?? `${basename(input, extname(input))}.pdf`);
    const snapshot = snapshotOf(input, opts);
    // One render: the calling thread is faster than starting a worker.
    const engine = createEngine({ cacheDir: opts.cache ? opts.cacheDir : undefined, workers: 0, resumeTasks: false });
    const result = await engine.render(snapshot, { ...renderOptions(opts), cache: opts.cache, store: opts.cache });
    await engine.flush();
    mkdirSync(dirname(output), { recursive: true });
    writeAtomic(output, result.pdf);
    const cache = result.source === 'render' ? 'miss' : 'hit';
    const summary = { output, pages: result.pages, bytes: result.pdf.length, ms: result.ms, cache, key: result.key };
    if (opts.json) console.log(JSON.stringify(summary));
    else console.log(`${output}: ${summary.pages} pages, ${summary.bytes} bytes, ${summary.ms.toFixed(1)} ms (cache ${cache})`);
  });

program
  .command('key')
  .description('print the cache key of INPUT')
  .argument('<input>', 'a snapshot JSON file or a CSV file')
  .option('--title <title>', 'title of a CSV snapshot (default: from the file name)')
  .option('--compression <level>', 'Flate level 0-10 (default 1)', compressionLevel)
  .option('--namespace <ns>', 'cache key namespace')
  .option('--font <name=file>', 'a font, as for render (repeatable)', fontOption, [])
  .action((input, opts) => {
    console.log(cacheKey(snapshotOf(input, opts), renderOptions(opts)));
  });

const cache = program.command('cache').description('inspect or empty the persistent cache');

cache
  .command('stats')
  .description('entries, bytes and budget of the cache directory')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--json', 'print the result as JSON')
  .action(async (opts) => {
    const engine = createEngine({ cacheDir: opts.cacheDir, workers: 0, resumeTasks: false });
    await engine.cache.open();
    const { l2, persistent } = engine.cache.stats();
    const stats = { dir: opts.cacheDir, state: persistent, entries: l2?.entries ?? 0, bytes: l2?.bytes ?? 0, budgetBytes: l2?.budgetBytes ?? 0 };
    if (opts.json) console.log(JSON.stringify(stats));
    else console.log(`${stats.dir}: ${stats.entries} entries, ${stats.bytes} of ${stats.budgetBytes} bytes (${stats.state})`);
  });

cache
  .command('clear')
  .description('remove every entry, or one namespace\'s')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--namespace <ns>', 'only this namespace')
  .action(async (opts) => {
    const engine = createEngine({ cacheDir: opts.cacheDir, workers: 0, resumeTasks: false });
    const removed = await engine.cache.clear({ namespace: opts.namespace });
    await engine.flush();
    console.log(`removed ${removed.length} entries`);
  });

cache
  .command('cleanup')
  .description('remove expired entries')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .action(async (opts) => {
    const engine = createEngine({ cacheDir: opts.cacheDir, workers: 0, resumeTasks: false });
    const freed = await engine.cache.cleanup();
    await engine.flush();
    console.log(`removed ${freed.entries} expired entries, ${freed.bytes} bytes`);
  });

program
  .command('metrics')
  .description('latency percentiles, cache hit rates and outcomes of earlier runs with this cache directory, or of a fleet (--redis)')
  .option('--hours <n>', 'the window, in hours', positiveNumber, 24)
  .option('--format <format>', 'table, json or prom (Prometheus text format)', 'table')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--redis <url>', 'merge the metrics every fleet worker published to this Redis')
  .action(async (opts) => {
    const engine = createEngine({ cacheDir: opts.redis ? undefined : opts.cacheDir, workers: 0, resumeTasks: false });
    await engine.cache.open();
    if (opts.redis) {
      const { fleetMetrics } = await import('./fleet/cli.js');
      const workers = await fleetMetrics(opts.redis, engine.metrics);
      if (opts.format === 'table') console.log(`fleet: ${workers.length} workers published metrics`);
    }
    if (opts.format === 'prom') process.stdout.write(engine.metrics.toPrometheus({ hours: opts.hours }));
    else if (opts.format === 'json') console.log(JSON.stringify(engine.metrics.summary({ hours: opts.hours })));
    else if (opts.format === 'table') console.log(metricsTable(engine.metrics.summary({ hours: opts.hours })));
    else throw new InvalidArgumentError(`--format: expected table, json or prom, not ${opts.format}`);
  });

program
  .command('worker')
  .description('render jobs from the fleet queue (snapdf:render) into the shared Redis cache, until SIGTERM or SIGINT')
  .requiredOption('--redis <url>', 'Redis URL of the queue (redis://host:port)')
  .option('--cache-redis <url>', 'Redis URL of the shared cache (default: --redis)')
  .option('--concurrency <n>', 'jobs at once (and render threads)', positiveInteger, 2)
  .option('--stalled-ms <ms>', 'job lock: a dead worker\'s jobs go back to the queue after about twice this', positiveInteger, 30_000)
  .option('--lock-ttl-ms <ms>', 'single-flight lock lifetime: a dead holder\'s lock frees after this', positiveInteger, 30_000)
  .option('--metrics-ms <ms>', 'how often to publish metrics to Redis', positiveInteger, 5000)
  .option('--deadline-ms <ms>', 'a render running longer fails with TIMEOUT, and the job is retried', positiveInteger, 300_000)
  .option('--font <name=file>', 'a TrueType/OpenType font the queued snapshots may name (repeatable)', fontOption, [])
  .option('--quiet', 'print nothing per job')
  .action(async (opts) => {
    const { runWorker } = await import('./fleet/cli.js');
    await runWorker({ ...opts, fonts: renderOptions(opts).fonts });
  });

program
  .command('enqueue')
  .description('add a render job per FILE (snapshot .json or .csv; a directory adds its files) to the fleet queue; prints the job ids')
  .argument('<files...>', 'snapshot JSON or CSV files, or directories of them')
  .requiredOption('--redis <url>', 'Redis URL (redis://host:port)')
  .option('--namespace <ns>', 'cache key namespace (a user or tenant id)')
  .option('--compression <level>', 'Flate level 0-10 (default 1)', compressionLevel)
  .option('--wait', 'show a progress bar until every job has ended; exit non-zero if any failed')
  .option('--json', 'print the result as JSON')
  .action(async (files, opts) => {
    const { runEnqueue } = await import('./fleet/cli.js');
    const inputs = files.flatMap(expandInput);
    const snapshots = inputs.map((/** @type {string} */ file) => readSnapshot(file));
    process.exitCode = await runEnqueue(inputs, snapshots, opts);
  });

/**
 * A file, or a directory's .json and .csv files (sorted).
 * @param {string} path
 * @returns {string[]}
 */
function expandInput(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((n) => /\.(json|csv)$/i.test(n)).sort().map((n) => join(path, n));
}

/** @param {string} value */
function positiveInteger(value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}

/** @param {string} value */
function positiveNumber(value) {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number of hours above 0');
  return n;
}

/**
 * A summary as a readable table.
 * @param {import('../pkg/snapdf.js').MetricsSummary} s
 */
function metricsTable(s) {
  const num = (/** @type {number} */ v) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
  const lines = [`snapdf metrics, last ${s.hours} h`, ''];
  lines.push(['histogram', 'count', 'min', 'p50', 'p95', 'p99', 'max', 'mean'].map((h, i) => (i ? h.padStart(10) : h.padEnd(28))).join(''));
  for (const [name, h] of Object.entries(s.histograms)) {
    lines.push(name.padEnd(28) + [h.count, h.min, h.p50, h.p95, h.p99, h.max, h.mean].map((v) => num(v).padStart(10)).join(''));
  }
  lines.push('', `${'counter'.padEnd(28)}${'total'.padStart(10)}`);
  for (const [name, c] of Object.entries(s.counters)) lines.push(name.padEnd(28) + num(c.total).padStart(10));
  const pct = (/** @type {number} */ r) => `${(r * 100).toFixed(1)} %`;
  lines.push('', `cache hit rate: L1 ${pct(s.cache.l1)}, L2 ${pct(s.cache.l2)}, overall ${pct(s.cache.overall)}`);
  return lines.join('\n');
}

try {
  await program.parseAsync();
} catch (e) {
  const err = /** @type {Error & { code?: string, path?: string }} */ (e);
  const input = program.args[1] ?? '';
  if (err.name === 'SnapdfError') console.error(`snapdf: ${input}: ${err.message} [${err.code}]`);
  else if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') console.error(`snapdf: ${err.message}`);
  else console.error(`snapdf: ${err.stack ?? err}`);
  process.exitCode = 1;
}
