// The command line's inputs, outputs and failures, as a user meets them: output paths
// that are devices, FIFOs, links or standard output; input from standard input; sizes
// over the limit; CSV errors named by line and column; every failure one line (or one
// JSON object with --json), exit code 1, no stack trace. Devices and links are made in a
// temporary directory, never the machine's own /dev entries: a CLI without the fix
// replaces what it writes to.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, root, runCli, tempDir } from './helpers.mjs';

const snapshot = JSON.stringify({ title: 'IO', blocks: [{ type: 'paragraph', text: 'hello' }] });
const isRoot = process.getuid?.() === 0;

/** A temporary directory with `in.json` holding a small snapshot. */
function withInput() {
  const dir = tempDir();
  const input = join(dir, 'in.json');
  writeFileSync(input, snapshot);
  return { dir, input };
}

/** Runs the CLI with `input` on its standard input; stdout as bytes. */
function runWithStdin(args, input) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, timeout: 120_000, killSignal: 'SIGKILL' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** A failure as a user sees it: exit code 1, one line on stderr naming `code`, nothing else. */
function assertOneLine(r, code) {
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, not:\n${r.stderr}`);
  assert.match(lines[0], /^snapdf: /);
  assert.ok(lines[0].endsWith(`[${code}]`), lines[0]);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('snapdf render: where the PDF goes', () => {
  test('a character device (a copy of /dev/full): written in place, never replaced; ENOSPC is one line', { skip: !isRoot && 'mknod needs root' }, () => {
    const { dir, input } = withInput();
    const full = join(dir, 'full');
    execFileSync('mknod', [full, 'c', '1', '7']); // the numbers of /dev/full
    const r = runCli(['render', input, '-o', full, '--no-cache']);
    assertOneLine(r, 'ENOSPC');
    assert.match(r.stderr, /cannot write .*full: no space left on device/);
    assert.ok(lstatSync(full).isCharacterDevice(), 'still the device');
  });

  test('a copy of /dev/null: written in place, stays the device', { skip: !isRoot && 'mknod needs root' }, () => {
    // Never the real /dev/null: a CLI without the fix, run as root, would replace it.
    const { dir, input } = withInput();
    const nul = join(dir, 'null');
    execFileSync('mknod', ['-m', '666', nul, 'c', '1', '3']); // the numbers of /dev/null
    const r = runCli(['render', input, '-o', nul, '--no-cache', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).output, nul);
    assert.ok(lstatSync(nul).isCharacterDevice());
  });

  test('a link to standard output: the PDF alone on stdout, the summary on stderr, the link kept', () => {
    const { dir, input } = withInput();
    const link = join(dir, 'stdout.pdf');
    symlinkSync('/proc/self/fd/1', link);
    const r = spawnSync(process.execPath, [cli, 'render', input, '-o', link, '--no-cache', '--json'], { cwd: root, timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr.toString());
    assert.equal(r.stdout.subarray(0, 5).toString(), '%PDF-');
    assert.equal(r.stdout.length, JSON.parse(r.stderr.toString()).bytes, 'nothing but the PDF on stdout');
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is kept');
  });

  test('a link to a regular file: the file is written, the link kept', () => {
    const { dir, input } = withInput();
    const target = join(dir, 'target.pdf');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.pdf');
    symlinkSync(target, link);
    const r = runCli(['render', input, '-o', link, '--no-cache']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(target).subarray(0, 5).toString(), '%PDF-');
  });

  test('a FIFO: a reader gets the whole PDF, the FIFO stays', async () => {
    const { dir, input } = withInput();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const chunks = [];
      reader.stdout.on('data', (d) => chunks.push(d));
      const read = new Promise((resolve) => reader.once('exit', resolve));
      const r = await new Promise((resolve) => {
        const p = spawn(process.execPath, [cli, 'render', input, '-o', fifo, '--no-cache', '--json'], { cwd: root });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => { out += d; });
        p.stderr.on('data', (d) => { err += d; });
        p.once('close', (status) => resolve({ status, stdout: out, stderr: err }));
      });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(lstatSync(fifo).isFIFO(), 'still a FIFO');
      const bytes = JSON.parse(r.stdout).bytes;
      await read;
      const pdf = Buffer.concat(chunks);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.equal(pdf.length, bytes);
    } finally {
      reader.kill('SIGKILL');
    }
  });

  test('-o - writes the PDF to stdout; render - reads the snapshot from stdin', () => {
    const { input } = withInput();
    const toStdout = runWithStdin(['render', input, '-o', '-', '--no-cache', '--json'], '');
    assert.equal(toStdout.status, 0, toStdout.stderr);
    assert.equal(toStdout.stdout.subarray(0, 5).toString(), '%PDF-');
    assert.equal(toStdout.stdout.length, JSON.parse(toStdout.stderr).bytes);
    const piped = runWithStdin(['render', '-', '--no-cache'], snapshot);
    assert.equal(piped.status, 0, piped.stderr);
    assert.deepEqual(piped.stdout, toStdout.stdout, 'the same PDF from stdin to stdout');
    const csv = runWithStdin(['render', '-', '--csv', '--title', 'Piped', '--no-cache'], 'a,b\n1,2\n');
    assert.equal(csv.status, 0, csv.stderr);
    assert.equal(csv.stdout.subarray(0, 5).toString(), '%PDF-');
    const key = runWithStdin(['key', '-'], snapshot);
    assert.equal(key.stdout.toString().trim(), runCli(['key', input]).stdout.trim());
  });

  test('-o under a regular file: one line naming the path, no file made', () => {
    const { dir, input } = withInput();
    const r = runCli(['render', input, '-o', join(dir, 'in.json', 'out.pdf'), '--no-cache']);
    assertOneLine(r, 'ENOTDIR');
    assert.match(r.stderr, /cannot write .*in\.json\/out\.pdf: not a directory/);
    assert.equal(readFileSync(input, 'utf8'), snapshot);
    const json = runCli(['render', input, '-o', join(dir, 'in.json', 'out.pdf'), '--no-cache', '--json']);
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stderr).error.code, 'ENOTDIR');
  });

  test('-o a directory: one line', () => {
    const { dir, input } = withInput();
    assertOneLine(runCli(['render', input, '-o', dir, '--no-cache']), 'EISDIR');
  });

  test('-o the input itself, a link to it or a hard link: refused before anything is read or written, the input intact', () => {
    const dir = tempDir();
    const input = join(dir, 'same.csv');
    writeFileSync(input, 'a,b\n1,2\n');
    symlinkSync(input, join(dir, 'link.pdf'));
    linkSync(input, join(dir, 'hard.pdf'));
    for (const output of ['same.csv', './same.csv', 'link.pdf', 'hard.pdf']) {
      const r = runCli(['render', 'same.csv', '-o', output, '--no-cache'], { cwd: dir });
      assertOneLine(r, 'USAGE');
      assert.equal(r.stderr, `snapdf: -o ${output} is the input file same.csv (the same file on disk): the PDF would replace it; name another output file [USAGE]\n`);
      assert.equal(readFileSync(input, 'utf8'), 'a,b\n1,2\n', output);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['hard.pdf', 'link.pdf', 'same.csv'], 'no temporary file');
  });

  test('-o in a folder that does not exist: refused naming the folder, no folder made (as cp)', () => {
    const { dir, input } = withInput();
    const output = join(dir, 'no', 'such', 'x.pdf');
    const r = runCli(['render', input, '-o', output, '--no-cache']);
    assertOneLine(r, 'ENOENT');
    assert.equal(r.stderr, `snapdf: cannot write ${output}: the folder ${join(dir, 'no', 'such')} does not exist [ENOENT]\n`);
    assert.deepEqual(readdirSync(dir), ['in.json']);
  });

  test('-o a file in a folder that takes no new files (/proc/version, /proc/x.pdf): said so, not "no such file"', { skip: !existsSync('/proc/version') }, () => {
    const { input } = withInput();
    for (const output of ['/proc/version', '/proc/snapdf-test.pdf']) {
      const r = runCli(['render', input, '-o', output, '--no-cache']);
      assertOneLine(r, 'ENOENT');
      assert.equal(r.stderr, `snapdf: cannot write ${output}: no file can be made in the folder /proc (the PDF is written to a new file there, then renamed) [ENOENT]\n`);
    }
  });

  test('-o "" and -o " ": the output path is empty, a usage error', () => {
    const { dir, input } = withInput();
    for (const [output, what] of [['', 'empty'], [' ', 'blank']]) {
      const r = runCli(['render', input, '-o', output, '--no-cache']);
      assertOneLine(r, 'USAGE');
      assert.match(r.stderr, new RegExp(`the output path is ${what}: expected a file name, or - for standard output`));
    }
    assert.deepEqual(readdirSync(dir), ['in.json']);
  });
});

describe('a --cache-dir that is not a cache directory is said to be one, never waited on or written', () => {
  // Before: /proc and /proc/self hung for good (Node's recursive mkdir never returns
  // there), /dev/null said "degraded" without why, and a folder of other files (as root,
  // /dev itself) had entries/ made in it. Each run is bounded: a hang fails the test.
  const bounded = { timeoutMs: 30_000 };
  const proc = !existsSync('/proc/self/status');
  for (const dir of ['/proc', '/proc/self', '/sys']) {
    test(`cache stats --cache-dir ${dir}: degraded, with the reason, at once`, { skip: proc || !existsSync(dir), timeout: 60_000 }, () => {
      const r = runCli(['cache', 'stats', '--cache-dir', dir], bounded);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^${dir}: 0 entries, 0 of 536870912 bytes \\(degraded: persistent cache unavailable, running memory-only: ${dir} is not a snapdf cache directory: it holds other files \\(.+\\) and none of a cache's \\(entries/, index\\.json\\); name a new or empty directory\\)\\n$`));
    });
  }

  test('render --cache-dir /proc, /proc/self, or a new folder under /proc: the PDF is written, the reason on stderr', { skip: proc, timeout: 120_000 }, () => {
    const { dir, input } = withInput();
    for (const [cacheDir, reason] of [
      ['/proc', '/proc is not a snapdf cache directory'],
      ['/proc/self', '/proc/self is not a snapdf cache directory'],
      ['/proc/snapdf-cache', 'no folder can be made in /proc (it takes no new entries)'],
    ]) {
      const output = join(dir, 'out.pdf');
      const r = runCli(['render', input, '-o', output, '--cache-dir', cacheDir], bounded);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(readFileSync(output).subarray(0, 5).equals(Buffer.from('%PDF-')), cacheDir);
      assert.ok(r.stderr.startsWith(`snapdf: persistent cache unavailable, running memory-only: ${reason}`), r.stderr);
    }
  });

  test('cache stats --cache-dir /dev/null: degraded because it is a device, not a directory', () => {
    const r = runCli(['cache', 'stats', '--cache-dir', '/dev/null'], bounded);
    assert.equal(r.stdout, '/dev/null: 0 entries, 0 of 536870912 bytes (degraded: persistent cache unavailable, running memory-only: /dev/null is a device, not a directory)\n');
    const json = JSON.parse(runCli(['cache', 'stats', '--cache-dir', '/dev/null', '--json'], bounded).stdout);
    assert.equal(json.reason, 'persistent cache unavailable, running memory-only: /dev/null is a device, not a directory');
  });

  test('a folder of other files (as /dev is) is left as it is: render, stats, clear and cleanup write nothing there', () => {
    const { dir, input } = withInput();
    const folder = join(dir, 'project');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const r = runCli(['render', input, '-o', join(dir, 'out.pdf'), '--cache-dir', folder], bounded);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`memory-only: ${folder} is not a snapdf cache directory: it holds other files \\(notes\\.txt\\) and none of a cache's`));
    for (const args of [['cache', 'stats'], ['cache', 'clear'], ['cache', 'cleanup'], ['metrics']]) {
      assert.equal(runCli([...args, '--cache-dir', folder], bounded).status, 0, args.join(' '));
    }
    assert.deepEqual(readdirSync(folder), ['notes.txt']);
  });

  test('a folder with only hidden files and lost+found (a mounted volume) is a new cache', () => {
    const { dir, input } = withInput();
    const folder = join(dir, 'volume');
    mkdirSync(join(folder, 'lost+found'), { recursive: true });
    writeFileSync(join(folder, '.DS_Store'), '');
    const r = runCli(['render', input, '-o', join(dir, 'out.pdf'), '--cache-dir', folder, '--json'], bounded);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(runCli(['render', input, '-o', join(dir, 'out.pdf'), '--cache-dir', folder, '--json'], bounded).stdout.includes('"cache":"hit"'), true);
  });
});

describe('snapdf cache and metrics read a cache directory that is not there without making it', () => {
  const cases = [
    [['cache', 'stats'], 'no cache directory, nothing cached'],
    [['cache', 'stats', '--json'], '{"dir":"DIR","state":"none","entries":0,"bytes":0,"budgetBytes":0}'],
    [['cache', 'clear'], 'removed 0 entries'],
    [['cache', 'cleanup'], 'removed 0 expired entries, 0 bytes'],
    [['metrics', '--format', 'json'], '"histograms":{},"counters":{}'],
    [['metrics'], 'snapdf metrics, last 24 h'],
  ];
  for (const [args, says] of cases) {
    test(args.join(' '), () => {
      const parent = tempDir();
      const dir = join(parent, 'cache');
      const r = runCli([...args, '--cache-dir', dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.includes(says.replace('DIR', dir)), r.stdout);
      assert.deepEqual(readdirSync(parent), [], 'nothing written');
    });
  }
});

describe('snapdf: a user\'s mistakes are one line, exit code 1', () => {
  const cases = [
    ['metrics --format yaml', ['metrics', '--format', 'yaml'], /--format.*expected table, json, prom, not "yaml"/],
    ['metrics --format bogus --json', ['metrics', '--format', 'bogus'], /not "bogus"/],
    ['metrics --hours Infinity', ['metrics', '--hours', 'Infinity'], /--hours.*above 0 and at most 168/],
    ['metrics --hours 0', ['metrics', '--hours', '0'], /--hours/],
    ['metrics --hours 1e400', ['metrics', '--hours', '1e400'], /--hours/],
    ['render --compression 1.5', ['render', 'x.json', '--compression', '1.5'], /--compression.*from 0 to 10/],
    ['render --compression ""', ['render', 'x.json', '--compression', ''], /--compression/],
    ['worker --concurrency 1e9', ['worker', '--redis', 'redis://127.0.0.1:1', '--concurrency', '1e9'], /--concurrency.*from 1 to 64/],
    ['worker --stalled-ms Infinity', ['worker', '--redis', 'redis://127.0.0.1:1', '--stalled-ms', 'Infinity'], /--stalled-ms/],
    ['worker --deadline-ms 99999999999', ['worker', '--redis', 'redis://127.0.0.1:1', '--deadline-ms', '99999999999'], /--deadline-ms.*2,147,483,647 ms/],
    ['an unknown command', ['frobnicate'], /unknown command/],
    ['an unknown option', ['render', 'x.json', '--colour'], /unknown option/],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const r = runCli(args, { timeoutMs: 60_000 });
      assertOneLine(r, 'USAGE');
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      const json = runCli([...args, '--json'], { timeoutMs: 60_000 });
      assert.equal(json.status, 1);
      assert.equal(JSON.parse(json.stderr).error.code, 'USAGE');
    });
  }

  test('a missing input: one line; with --json, a JSON error', () => {
    assertOneLine(runCli(['render', 'no-such-file.json']), 'ENOENT');
    const r = runCli(['key', 'no-such-file.json', '--json']);
    assert.equal(r.status, 1);
    assert.deepEqual(Object.keys(JSON.parse(r.stderr).error).sort(), ['code', 'message']);
  });

  test('an engine error with --json: code, message, file and path as JSON', () => {
    const dir = tempDir();
    const input = join(dir, 'bad.json');
    writeFileSync(input, JSON.stringify({ title: 5 }));
    const r = runCli(['render', input, '--json', '--no-cache', '-o', join(dir, 'x.pdf')]);
    assert.equal(r.status, 1);
    const { error } = JSON.parse(r.stderr);
    assert.equal(error.code, 'INVALID_SNAPSHOT');
    assert.equal(error.path, 'title');
    assert.equal(error.file, input);
  });

  test('--help and --version exit with 0', () => {
    assert.equal(runCli(['--help']).status, 0);
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+/);
    const help = runCli(['render', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /standard input/);
  });
});

describe('snapdf render: input size', () => {
  test('a CSV file over 64 MiB is refused before it is read', () => {
    const dir = tempDir();
    const big = join(dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 270 * 1024 * 1024); // sparse: no disk used
    const r = runCli(['render', big, '--no-cache', '-o', join(dir, 'x.pdf')]);
    assertOneLine(r, 'LIMIT_EXCEEDED');
    assert.match(r.stderr, /big\.csv: 283,115,520 bytes of input, more than the limit of 67,108,864 bytes \(64 MiB\)/);
  });

  test('a JSON file over 64 MiB likewise', () => {
    const dir = tempDir();
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024);
    assertOneLine(runCli(['key', big]), 'LIMIT_EXCEEDED');
  });

  test('a CSV of more cells than the engine takes is refused while it is parsed', () => {
    const dir = tempDir();
    const input = join(dir, 'cells.csv');
    writeFileSync(input, `a,b,c,d\n${'1,2,3,4\n'.repeat(500_001)}`);
    const r = runCli(['render', input, '--no-cache', '-o', join(dir, 'x.pdf')]);
    assertOneLine(r, 'LIMIT_EXCEEDED');
    assert.match(r.stderr, /cells\.csv: over 500,000 rows of 4 columns: more than the limit of 2,000,000 cells/);
  });

  test('standard input over 64 MiB is refused while it is read', () => {
    const r = runWithStdin(['render', '-', '--csv', '--no-cache'], Buffer.alloc(64 * 1024 * 1024 + 1, 'a'));
    assertOneLine(r, 'LIMIT_EXCEEDED');
    assert.match(r.stderr, /^snapdf: standard input: more than 67,108,864 bytes \(64 MiB\) of input, the limit \(reading stopped there\); split it into several inputs \[LIMIT_EXCEEDED\]\n$/);
    assert.equal(r.stdout.length, 0);
  });
});

describe('snapdf render: CSV errors name the CSV line and column', () => {
  test('an unsupported character: line and column header, and --font', () => {
    const dir = tempDir();
    const input = join(dir, 'cities.csv');
    // Row 1 spans lines 2-3 (a quoted line break) and line 5 is empty: the Cyrillic cell is on line 6.
    writeFileSync(input, 'Id,Note,City\n1,"two\nlines",Oslo\n2,x,Bergen\n\n3,y,Москва\n');
    const r = runCli(['render', input, '--no-cache', '-o', join(dir, 'x.pdf')]);
    assertOneLine(r, 'UNSUPPORTED_CHARACTER');
    assert.match(r.stderr, /'М' \(U\+041C\) at line 6, column City;/);
    assert.doesNotMatch(r.stderr, /blocks\[/);
    assert.match(r.stderr, /--font "NAME=FILE"/);
    const json = JSON.parse(runCli(['render', input, '--no-cache', '--json', '-o', join(dir, 'x.pdf')]).stderr).error;
    assert.deepEqual({ line: json.line, column: json.column, path: json.path }, { line: 6, column: 'City', path: 'blocks[0].rows[2][2]' });
  });

  test('a cell over the 1 MiB string limit: its line and column', () => {
    const dir = tempDir();
    const input = join(dir, 'long.csv');
    writeFileSync(input, `a,Text\n1,x\n2,${'w'.repeat((1 << 20) + 1)}\n`);
    const r = runCli(['render', input, '--no-cache', '-o', join(dir, 'x.pdf')]);
    assertOneLine(r, 'LIMIT_EXCEEDED');
    assert.match(r.stderr, /long\.csv: line 3, column Text: /);
  });
});

test('a reader that goes away mid-PDF (| head -c 100): the CLI ends quietly with status 0, as cat does in a pipe', () => {
  const dir = tempDir();
  const input = join(dir, 'big.json');
  const rows = Array.from({ length: 20_000 }, (_, i) => [`r${i}`, i]);
  writeFileSync(input, JSON.stringify({ title: 'Big', blocks: [{ type: 'table', columns: ['a', 'b'], rows }] }));
  const errors = join(dir, 'stderr.txt');
  const quote = (/** @type {string} */ s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `${quote(process.execPath)} ${quote(cli)} render ${quote(input)} -o - --no-cache 2>${quote(errors)} | head -c 100 | wc -c; echo "\${PIPESTATUS[0]}"`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
  assert.deepEqual(r.stdout.trim().split(/\s+/), ['100', '0']);
  assert.equal(readFileSync(errors, 'utf8'), '');
});

describe('a reader that closes standard output before the command writes: status 0, nothing on stderr', () => {
  const { input } = withInput();
  for (const args of [['schema'], ['key', input], ['metrics', '--format', 'json', '--cache-dir', join(tempDir(), 'none')]]) {
    test(`snapdf ${args[0]}`, async () => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // closed before node has started, so the command's first write meets EPIPE
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      const status = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(stderr, '');
      assert.equal(status, 0);
    });
  }
});
