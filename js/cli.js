#!/usr/bin/env node
// snapdf: the command line. Renders snapshot JSON or CSV files to PDF through the
// WebAssembly engine, with an on-disk cache keyed by the cache key. Every failure is
// one line (or one JSON object with --json) and exit code 1 (js/cli/errors.js).
import { fstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { reportError } from './cli/errors.js';
import { inputError, warningMessage } from './cli/input-errors.js';
import { fallbackFonts, fileFace, snapshotChars, systemFonts } from './cli/system-fonts.js';
import { MAX_TIMER_MS, PAGE_SIZES, delimiterOption, fontOption, integerIn, notBlank, oneOf, pageSizeOption, positiveUpTo } from './cli/options.js';
import { fileError, writeOutput, writeStdout } from './fs-atomic.js';
import { FEW_VALUES, metricsTable } from './cli/metrics-table.js';
import { importOptional } from './optional.js';
import { readInput } from './render-file.js';
import { cacheKey, createEngine, snapdfError } from './node.js';

/** The default cache directory: $SNAPDF_CACHE_DIR, else $XDG_CACHE_HOME/snapdf, else ~/.cache/snapdf. */
function defaultCacheDir() {
  return process.env.SNAPDF_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'snapdf');
}

const compressionLevel = integerIn(0, 10);
const PAGE_SIZES_HELP = PAGE_SIZES.join(', ');
const milliseconds = integerIn(1, MAX_TIMER_MS, 'ms');
const title = notBlank('the title', 'a title with a visible character (a snapshot\'s title is not blank)');

/**
 * The render options of a command, with the `--font` files read; a `--font NAME` without
 * a file is the installed family of that name, with its bold and italic faces.
 * @param {{ compression?: number, namespace?: string, font?: { name: string, file?: string }[] }} opts
 * @param {{ name: string, file: string }[]} [files] the `--font` files, if found already
 */
function renderOptions(opts, files = fontFiles(opts)) {
  const fonts = files.map(({ name, file }) => ({ name, data: readFont(file) }));
  return { compression: opts.compression, namespace: opts.namespace, ...(fonts.length ? { fonts } : {}) };
}

/**
 * The `--font` options as names and files: `NAME=FILE` as given, `NAME` alone as the
 * installed family's faces; `arg` is how an error names the one given.
 * @param {{ font?: { name: string, file?: string }[] }} opts
 * @returns {{ name: string, file: string, arg: string }[]}
 */
function fontFiles(opts) {
  return (opts.font ?? []).flatMap(({ name, file }) => (file === undefined
    ? systemFonts(name).map((f) => ({ ...f, arg: `--font ${name} (${f.file})` }))
    : [{ name, file, arg: `--font ${name}=${file}` }]));
}

/**
 * The bytes of a `--font` file; an error names the option.
 * @param {string} file
 */
function readFont(file) {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw fileError(`--font: cannot read ${file}`, /** @type {NodeJS.ErrnoException} */ (e));
  }
}

/**
 * INPUT read (see readInput), its errors in the CLI's words.
 * @param {string} input a path, or "-" for standard input
 * @param {{ title?: string, csv?: boolean, delimiter?: string }} opts
 */
async function loadInput(input, opts) {
  try {
    return await readInput(input, { title: opts.title, csv: opts.csv, delimiter: opts.delimiter });
  } catch (e) {
    throw inputError(e, { name: input === '-' ? 'standard input' : input });
  }
}

/**
 * The snapshot of an input and the render options of a command: a CSV table's page as
 * `--size`, `--landscape` and `--portrait` ask; with `--font`, a snapshot that names no font is set in
 * the first one given (so a CSV file comes out in it); with `--system-fonts`, one that
 * names no font and holds characters the standard fonts cannot print is set in installed
 * fonts that have them (a line on standard error names them); with both, the installed
 * fonts follow the first `--font` for the characters it lacks.
 * @param {import('./render-file.js').Input} input
 * @param {{ font?: { name: string, file?: string }[], title?: string, size?: string, landscape?: boolean, portrait?: boolean, systemFonts?: boolean, compression?: number, namespace?: string }} opts
 * @throws {Error} SnapdfError `USAGE` for `--title`, `--size`, `--landscape` or `--portrait` with snapshot JSON
 *   (its `page` says how it is printed)
 */
function prepare(input, opts) {
  const files = fontFiles(opts);
  const options = renderOptions(opts, files); // before the input's errors: a --font problem is not the file's
  let snapshot;
  try {
    snapshot = withPage(input, opts);
  } catch (e) {
    throw inputError(e, input); // --title, --size, --landscape or --portrait on this file
  }
  const set = inFonts(snapshot, input.name, opts, files);
  const picked = set.picked.map((f) => ({ ...f, arg: `--system-fonts: ${f.name} (${f.file})` }));
  const fonts = [...(options.fonts ?? []), ...picked.map(({ name, file }) => ({ name, data: readFont(file) }))];
  // How errors at `options.fonts[i]` name the font: by the option that gave it.
  const named = { ...input, fonts: [...files, ...picked].map((f) => f.arg) };
  return { snapshot: set.snapshot, options: fonts.length ? { ...options, fonts } : options, input: named };
}

/**
 * The snapshot set in the `--font` and `--system-fonts` fonts (see {@link prepare}),
 * and the installed fonts picked for it.
 * @param {string | import('./index.js').Snapshot} snapshot
 * @param {string} name the input's name
 * @param {{ font?: { name: string, file?: string }[], systemFonts?: boolean }} opts
 * @param {{ name: string, file: string }[]} files the `--font` files
 * @returns {{ snapshot: string | import('./index.js').Snapshot, picked: { name: string, file: string }[] }}
 */
function inFonts(snapshot, name, opts, files) {
  const first = opts.font?.[0]?.name;
  if (!first && !opts.systemFonts) return { snapshot, picked: [] };
  let object = snapshot;
  if (typeof snapshot === 'string') {
    try {
      object = JSON.parse(snapshot);
    } catch {
      return { snapshot, picked: [] }; // the engine reports malformed JSON with its position
    }
  }
  if (object === null || typeof object !== 'object' || Array.isArray(object) || 'font' in object) return { snapshot: object, picked: [] };
  if (!opts.systemFonts) return { snapshot: { ...object, font: first }, picked: [] };
  const given = first ? { name: first, face: fileFace(files[0].file) } : undefined;
  const picked = fallbackFonts(snapshotChars(object), undefined, given);
  if (!picked?.fonts.length) return { snapshot: first ? { ...object, font: first } : object, picked: [] };
  const faces = picked.fonts.map((f) => `${f.name} (${f.file})`).join(', ');
  const missing = picked.missing.length ? `; no installed font has ${picked.missing.slice(0, 5).map(codePoint).join(', ')}${picked.missing.length > 5 ? ` and ${picked.missing.length - 5} more` : ''}` : '';
  console.error(`${name}: --system-fonts: set in ${picked.chain.join(', then ')}: ${faces}${missing}`);
  return { snapshot: { ...object, font: picked.chain }, picked: picked.fonts };
}

/** A character as error messages write it: 'Ж' (U+0416). @param {number} cp */
function codePoint(cp) {
  return `'${String.fromCodePoint(cp)}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * A CSV input's snapshot with `page` set from `--size`, `--landscape` and `--portrait`.
 * Without `--landscape` or `--portrait` the orientation is `"auto"`: the engine turns
 * the page to landscape when the table's numbers and header words do not fit portrait,
 * shrinks the type when they do not fit either, and says so in the result's warnings
 * (printed on standard error).
 * @param {import('./render-file.js').Input} input
 * @param {{ title?: string, size?: string, landscape?: boolean, portrait?: boolean }} opts
 * @throws {Error} SnapdfError `USAGE` for any of them (or `--title`) with snapshot JSON, or both orientations
 */
function withPage({ snapshot, csv }, { title, size, landscape, portrait }) {
  if (landscape && portrait) throw snapdfError('USAGE', '--landscape and --portrait: give one of them');
  if (!csv || typeof snapshot === 'string') {
    if (title !== undefined) throw snapdfError('USAGE', '--title applies to CSV input; a snapshot JSON file sets its "title" itself (see --help)');
    if (size === undefined && !landscape && !portrait) return snapshot;
    throw snapdfError('USAGE', '--size, --landscape and --portrait apply to CSV input; a snapshot JSON file sets "page": { "size", "orientation" } itself (see --help)');
  }
  /** @type {import('./index.js').Page} */
  const page = {
    ...(size === undefined ? {} : { size: /** @type {typeof PAGE_SIZES[number]} */ (size) }),
    orientation: landscape ? 'landscape' : portrait ? 'portrait' : 'auto',
  };
  return { ...snapshot, page };
}

/**
 * Whether `a` and `b` are one regular file (the same device and inode: a path, a
 * symbolic link to it or a hard link), so that writing `b` would replace `a`.
 * @param {string} a
 * @param {string} b
 */
function sameFile(a, b) {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.isFile() && y.isFile() && x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false; // either is missing or unreadable: reading or writing it says why
  }
}

/** Whether `path` is the file standard output writes to (e.g. /dev/stdout). @param {string} path */
function isStdout(path) {
  try {
    const [a, b] = [fstatSync(1), statSync(path)];
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

const program = new Command()
  .name('snapdf')
  .description('PDF snapshots of reports: render snapshot JSON or CSV files to PDF.')
  .version('0.1.0')
  .exitOverride() // commander throws; the catch at the end reports in one line
  .configureOutput({ outputError: () => {} });

program
  .command('render')
  .description('render INPUT (snapshot .json, or .csv/.tsv as one table; "-" reads JSON, or CSV with --csv, from standard input) to a PDF')
  .argument('<input>', 'a snapshot JSON file, a CSV file, or "-" for standard input')
  .option('-o, --output <file>', 'the PDF to write, "-" for standard output (default: INPUT with .pdf in the current directory; standard output for "-"); '
    + 'never INPUT itself, and its folder must exist', notBlank('the output path', 'a file name, or - for standard output'))
  .option('--csv', 'read INPUT as CSV whatever its name (for CSV on standard input)')
  .option('--delimiter <char>', 'the CSV\'s field separator, one character or "tab" (default: a tab for .tsv files, else a comma); implies --csv', delimiterOption)
  .option('--title <title>', 'title of a CSV snapshot (default: from the file name; "Table" on standard input)', title)
  .option('--size <size>', `paper size of a CSV snapshot: ${PAGE_SIZES_HELP} (default A4)`, pageSizeOption)
  .option('--landscape', 'print a CSV snapshot in landscape (default: portrait, or landscape when the table is too wide for portrait; said on standard error)')
  .option('--portrait', 'print a CSV snapshot in portrait, however wide its table (the type shrinks to fit, down to 6 pt)')
  .option('--compression <level>', 'Flate level 0-10 (default 1)', compressionLevel)
  .option('--namespace <ns>', 'cache key namespace (a user or tenant id)')
  .option('--font <name[=file]>', 'a TrueType/OpenType font the snapshot may name; the first is the default font (repeatable). '
    + 'NAME alone is the installed family of that name (fontconfig\'s fc-match), with its bold and italic faces', fontOption, [])
  .option('--system-fonts', 'when INPUT (a CSV, or a snapshot that names no font) has characters the standard fonts cannot print, '
    + 'set it in installed fonts that have them (fontconfig\'s fc-list; DejaVu Sans and Noto first), named on standard error')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--no-cache', 'neither read nor write the cache')
  .option('--json', 'print the result (and an error) as JSON')
  .action(async (inputArg, opts) => {
    const named = opts.output ?? (inputArg === '-' ? '-' : `${basename(inputArg, extname(inputArg))}.pdf`);
    const output = named === '-' ? '-' : resolve(named);
    if (inputArg !== '-' && output !== '-' && sameFile(inputArg, output)) {
      throw snapdfError('USAGE', `-o ${named} is the input file ${inputArg} (the same file on disk): the PDF would replace it; name another output file`);
    }
    const input = await loadInput(inputArg, opts);
    // One render: the calling thread is faster than starting a worker.
    const engine = createEngine({ cacheDir: opts.cache ? opts.cacheDir : undefined, workers: 0, resumeTasks: false });
    const { snapshot, options, input: source } = prepare(input, opts);
    let result;
    try {
      result = await engine.render(snapshot, { ...options, cache: opts.cache, store: opts.cache });
    } catch (e) {
      throw inputError(e, source);
    }
    await engine.flush();
    // `-o /dev/stdout` is `-o -`: the PDF alone on standard output, the summary on stderr.
    const toStdout = output === '-' || isStdout(output);
    if (toStdout) await writeStdout(result.pdf);
    else writeOutput(output, result.pdf);
    const cache = result.source === 'render' ? 'miss' : 'hit';
    const ms = Math.round(result.ms * 1000) / 1000;
    const landscape = Boolean(opts.landscape) || result.warnings.some((w) => w.path === 'page.orientation');
    const warnings = result.warnings.map((w) => ({ ...w, message: warningMessage(w, input, landscape) }));
    const summary = { output, pages: result.pages, bytes: result.pdf.length, ms, cache, key: result.key, warnings };
    const print = toStdout ? console.error : console.log;
    if (!opts.json) for (const w of warnings) console.error(`${input.name}: warning: ${w.path}: ${w.message}`);
    if (opts.json) print(JSON.stringify(summary));
    else print(`${output === '-' ? 'standard output' : output}: ${summary.pages} ${summary.pages === 1 ? 'page' : 'pages'}, ${summary.bytes} bytes, ${summary.ms.toFixed(1)} ms (cache ${cache})`);
  });

program
  .command('key')
  .description('print the cache key of INPUT')
  .argument('<input>', 'a snapshot JSON file, a CSV file, or "-" for standard input')
  .option('--csv', 'read INPUT as CSV whatever its name')
  .option('--delimiter <char>', 'the CSV\'s field separator, as for render', delimiterOption)
  .option('--title <title>', 'title of a CSV snapshot (default: from the file name)', title)
  .option('--size <size>', 'paper size of a CSV snapshot, as for render', pageSizeOption)
  .option('--landscape', 'landscape, as for render')
  .option('--portrait', 'portrait, as for render')
  .option('--compression <level>', 'Flate level 0-10 (default 1)', compressionLevel)
  .option('--namespace <ns>', 'cache key namespace')
  .option('--font <name[=file]>', 'a font, as for render (repeatable)', fontOption, [])
  .option('--system-fonts', 'installed fonts for characters the standard fonts cannot print, as for render')
  .option('--json', 'print {"key": KEY} (and an error) as JSON')
  .action(async (inputArg, opts) => {
    const input = await loadInput(inputArg, opts);
    const { snapshot, options, input: source } = prepare(input, opts);
    let key;
    try {
      key = cacheKey(snapshot, options);
    } catch (e) {
      throw inputError(e, source);
    }
    console.log(opts.json ? JSON.stringify({ key }) : key);
  });

program
  .command('schema')
  .description("print the JSON Schema (2020-12) of a snapshot, for editors and validators")
  .action(() => writeStdout(readFileSync(new URL('../schema.json', import.meta.url))));

/**
 * `dir` when something is there, else undefined: the commands that read or empty a
 * cache (`cache`, `metrics`) report an empty one rather than make its directory.
 * @param {string} dir
 */
function existing(dir) {
  if (dir.trim() === '') return dir; // the engine refuses it, naming options.cacheDir
  try {
    return statSync(dir, { throwIfNoEntry: false }) ? dir : undefined;
  } catch {
    return dir; // not a folder on the way (ENOTDIR): the store says so
  }
}

const cache = program.command('cache').description('inspect or empty the persistent cache');

cache
  .command('stats')
  .description('entries, bytes and budget of the cache directory')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--json', 'print the result (and an error) as JSON')
  .action(async (opts) => {
    const engine = createEngine({ cacheDir: existing(opts.cacheDir), workers: 0, resumeTasks: false });
    await engine.cache.open();
    const { l2, persistent, degradedReason } = engine.cache.stats();
    const stats = { dir: opts.cacheDir, state: persistent, ...(degradedReason ? { reason: degradedReason } : {}), entries: l2?.entries ?? 0, bytes: l2?.bytes ?? 0, budgetBytes: l2?.budgetBytes ?? 0 };
    if (opts.json) console.log(JSON.stringify(stats));
    else if (stats.state === 'none') console.log(`${stats.dir}: no cache directory, nothing cached`);
    else console.log(`${stats.dir}: ${stats.entries} entries, ${stats.bytes} of ${stats.budgetBytes} bytes (${stats.state}${degradedReason ? `: ${degradedReason}` : ''})`);
  });

cache
  .command('clear')
  .description('remove every entry, or one namespace\'s')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--namespace <ns>', 'only this namespace')
  .option('--json', 'print {"removed": N} (and an error) as JSON')
  .action(async (opts) => {
    const engine = createEngine({ cacheDir: existing(opts.cacheDir), workers: 0, resumeTasks: false });
    const removed = await (opts.namespace === undefined ? engine.cache.clear() : engine.cache.clear({ namespace: opts.namespace }));
    await engine.flush();
    console.log(opts.json ? JSON.stringify({ removed: removed.length }) : `removed ${removed.length} entries`);
  });

cache
  .command('cleanup')
  .description('remove expired entries')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--json', 'print {"entries": N, "bytes": N} (and an error) as JSON')
  .action(async (opts) => {
    const engine = createEngine({ cacheDir: existing(opts.cacheDir), workers: 0, resumeTasks: false });
    const freed = await engine.cache.cleanup();
    await engine.flush();
    console.log(opts.json ? JSON.stringify({ entries: freed.entries, bytes: freed.bytes }) : `removed ${freed.entries} expired entries, ${freed.bytes} bytes`);
  });

program
  .command('metrics')
  .description('latency percentiles, cache hit rates and outcomes of earlier runs with this cache directory, or of a fleet (--redis); '
    + `in the table, percentiles from fewer than ${FEW_VALUES} values are marked * (from so few, p95 and p99 say little)`)
  .option('--hours <n>', 'the window, in hours, at most 168 (the metrics are kept a week)', positiveUpTo(168, 'hours'), 24)
  .option('--format <format>', 'table, json or prom (Prometheus text format)', oneOf(['table', 'json', 'prom']), 'table')
  .option('--json', 'the same as --format json')
  .option('--cache-dir <dir>', 'cache directory', defaultCacheDir())
  .option('--redis <url>', 'merge the metrics every fleet worker published to this Redis')
  .option('--pdf <file>', 'write the report as a PDF instead: latency over time, hit rates and outcomes as charts, every metric in a table')
  .action(async (opts) => {
    const format = opts.json ? 'json' : opts.format;
    const engine = createEngine({ cacheDir: opts.redis ? undefined : existing(opts.cacheDir), workers: 0, resumeTasks: false });
    await engine.cache.open();
    if (opts.redis) {
      const { fleetMetrics } = await importOptional(() => import('./fleet/cli.js'));
      const workers = await fleetMetrics(opts.redis, engine.metrics);
      if (format === 'table') console.log(`fleet: ${workers.length} workers published metrics`);
    }
    if (opts.pdf !== undefined) {
      const { pdf, pages } = await engine.render(engine.metrics.report({ hours: opts.hours }), { cache: false, store: false });
      writeOutput(resolve(opts.pdf), pdf);
      console.log(`${resolve(opts.pdf)}: the metrics report, ${pages} ${pages === 1 ? 'page' : 'pages'}, ${pdf.length} bytes`);
    } else if (format === 'prom') process.stdout.write(engine.metrics.toPrometheus({ hours: opts.hours }));
    else if (format === 'json') console.log(JSON.stringify(engine.metrics.summary({ hours: opts.hours })));
    else console.log(metricsTable(engine.metrics.summary({ hours: opts.hours })));
  });

program
  .command('worker')
  .description('render jobs from the fleet queue (snapdf:render) into the shared Redis cache, until SIGTERM or SIGINT')
  .requiredOption('--redis <url>', 'Redis URL of the queue (redis://host:port)')
  .option('--cache-redis <url>', 'Redis URL of the shared cache (default: --redis)')
  .option('--concurrency <n>', 'jobs at once (and render threads), 1 to 64', integerIn(1, 64), 2)
  .option('--stalled-ms <ms>', 'job lock: a dead worker\'s jobs go back to the queue after about twice this', milliseconds, 30_000)
  .option('--lock-ttl-ms <ms>', 'single-flight lock lifetime: a dead holder\'s lock frees after this', milliseconds, 30_000)
  .option('--metrics-ms <ms>', 'how often to publish metrics to Redis', milliseconds, 5000)
  .option('--deadline-ms <ms>', 'a render running longer fails with TIMEOUT, and the job is retried', milliseconds, 300_000)
  .option('--stop-ms <ms>', 'on SIGTERM/SIGINT, how long active jobs may take to finish before the worker exits anyway (status 1)', milliseconds, 5000)
  .option('--font <name[=file]>', 'a TrueType/OpenType font the queued snapshots may name, as for render (repeatable)', fontOption, [])
  .option('--quiet', 'print nothing per job')
  .option('--json', 'print each event (ready, a job\'s end, stopped) and an error as one JSON object per line')
  .action(async (opts) => {
    const { runWorker } = await importOptional(() => import('./fleet/cli.js'));
    await runWorker({ ...opts, fonts: renderOptions(opts).fonts });
  });

program
  .command('enqueue')
  .description('add a render job per FILE (snapshot .json, .csv or .tsv; a directory adds its files) to the fleet queue; prints the job ids')
  .argument('<files...>', 'snapshot JSON or CSV files, or directories of them')
  .requiredOption('--redis <url>', 'Redis URL (redis://host:port)')
  .option('--namespace <ns>', 'cache key namespace (a user or tenant id)')
  .option('--compression <level>', 'Flate level 0-10 (default 1)', compressionLevel)
  .option('--wait', 'show a progress bar until every job has ended; exit non-zero if any failed')
  .option('--json', 'print the result (and an error) as JSON')
  .action(async (files, opts) => {
    const { runEnqueue } = await importOptional(() => import('./fleet/cli.js'));
    process.exitCode = await runEnqueue(await readAll(files), opts);
  });

/**
 * Every input of FILES (a directory: its .json, .csv and .tsv files, sorted), each read, or
 * the error that kept it from being read, in the CLI's words.
 * @param {string[]} files
 * @returns {Promise<import('./fleet/cli.js').EnqueueInput[]>}
 */
async function readAll(files) {
  const inputs = [];
  for (const path of files) {
    let expanded;
    try {
      expanded = statSync(path).isDirectory() ? readdirSync(path).filter((n) => /\.(json|csv|tsv)$/i.test(n)).sort().map((n) => join(path, n)) : [path];
    } catch (e) {
      inputs.push({ file: path, error: e });
      continue;
    }
    for (const file of expanded) {
      try {
        inputs.push({ file, snapshot: (await loadInput(file, {})).snapshot });
      } catch (e) {
        inputs.push({ file, error: e });
      }
    }
  }
  return inputs;
}

/** Whether the command line asks for JSON output (`--json`, or `--format json`). */
function wantsJson(argv = process.argv) {
  return argv.some((a, i) => a === '--json' || a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

// A reader that goes away (`snapdf schema | head -1`, `snapdf render big.json -o - |
// head -c 100`) makes writes to standard output fail with EPIPE: the command ends quietly
// with status 0, as it would had it finished writing into the pipe first (so that
// `set -o pipefail` does not depend on which process was faster). Any other failure to
// write there is one line, exit 1, never an unhandled 'error' event with its stack trace.
process.stdout.on('error', (e) => {
  const err = /** @type {NodeJS.ErrnoException} */ (e);
  if (err.code !== 'EPIPE') reportError(fileError('cannot write standard output', err), { json: wantsJson() });
  process.exit(err.code === 'EPIPE' ? 0 : 1);
});

try {
  await program.parseAsync();
} catch (e) {
  // Help (asked for: exit code 0; for a command group without its command: 1) and the
  // version are printed already; anything else is reported here.
  const shown = ['commander.helpDisplayed', 'commander.help', 'commander.version'];
  const err = /** @type {{ code?: unknown, exitCode?: number }} */ (e);
  if (!shown.includes(/** @type {string} */ (err?.code))) reportError(e, { json: wantsJson() });
  process.exitCode = err?.exitCode === 0 ? 0 : 1;
}
