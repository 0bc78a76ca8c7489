// The command line in a pipe and on a desk: TSV files and other delimiters, the paper of
// a CSV table (--size, --landscape), csvToSnapshot with no options, and `snapdf metrics`
// as an aligned table with whole counts and percentiles from few values marked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { csvToSnapshot } from 'snapdf';
import { FEW_VALUES, metricsTable } from '../../js/cli/metrics-table.js';
import { cli, pdfInfo, pdfPageTexts, qpdfCheck, root, runCli, tempDir } from './helpers.mjs';

const ROWS = [['city', 'note', 'population'], ['Oslo', 'north, cold', '709000'], ['Lima', 'coast', '10092000']];

/**
 * Renders `input` with --json; returns the summary, the PDF's text and its pdfinfo.
 * @param {string} input
 * @param {string[]} extra
 */
function renderJson(input, ...extra) {
  const out = join(tempDir(), 'out.pdf');
  const r = runCli(['render', input, '-o', out, '--no-cache', '--json', ...extra]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(qpdfCheck(out));
  return { summary: JSON.parse(r.stdout), text: pdfPageTexts(out).join('\f'), info: pdfInfo(out) };
}

describe('delimiters', () => {
  test('a .tsv file is read with tabs, and keys the same as the same table as .csv', () => {
    const dir = tempDir();
    const tsv = join(dir, 'cities.tsv');
    const csv = join(dir, 'cities.csv');
    writeFileSync(tsv, ROWS.map((r) => r.join('\t')).join('\n'));
    writeFileSync(csv, ROWS.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n'));
    const { summary, text } = renderJson(tsv);
    assert.equal(summary.pages, 1);
    assert.match(text, /Oslo\s+north, cold\s+709000/);
    assert.match(text, /2 rows/);
    const key = (/** @type {string} */ f) => runCli(['key', f]).stdout.trim();
    assert.match(key(tsv), /^[0-9a-f]{64}$/);
    assert.equal(key(tsv), key(csv));
  });

  test('--delimiter takes one character or "tab", and implies CSV on standard input', () => {
    const dir = tempDir();
    const semi = join(dir, 'semi.csv');
    writeFileSync(semi, ROWS.map((r) => r.join(';')).join('\n'));
    assert.match(renderJson(semi, '--delimiter', ';').text, /Lima\s+coast\s+10092000/);
    const piped = spawnSync(process.execPath, [cli, 'render', '-', '-o', join(dir, 'p.pdf'), '--delimiter', 'tab', '--no-cache', '--json'], {
      cwd: root, input: ROWS.map((r) => r.join('\t')).join('\n'), encoding: 'utf8',
    });
    assert.equal(piped.status, 0, piped.stderr);
    assert.match(pdfPageTexts(join(dir, 'p.pdf'))[0], /^\s*Table/);
    assert.match(pdfPageTexts(join(dir, 'p.pdf'))[0], /Oslo\s+north, cold/);
    const bad = runCli(['render', semi, '--delimiter', ';;', '--json']);
    assert.equal(bad.status, 1);
    const { error } = JSON.parse(bad.stderr);
    assert.equal(error.code, 'USAGE');
    assert.match(error.message, /--delimiter.*one character/);
  });
});

describe('csvToSnapshot', () => {
  test('works with no options: titled "Table", subtitled with the row count', () => {
    const s = csvToSnapshot('a,b\n1,2\n');
    assert.equal(s.title, 'Table');
    assert.equal(s.subtitle, '1 row');
    assert.deepEqual(s.blocks, [{ type: 'table', columns: [{ header: 'a', align: 'right' }, { header: 'b', align: 'right' }], rows: [['1', '2']] }]);
    assert.equal(csvToSnapshot('a\n1\n2\n').subtitle, '2 rows');
    assert.equal(csvToSnapshot('a\tb\nx\ty\n', { delimiter: '\t' }).blocks?.[0].type, 'table');
  });

  test('wrong options are named, not a raw TypeError', () => {
    assert.throws(() => csvToSnapshot('a\n1\n', /** @type {any} */ ('Cities')), { name: 'SnapdfError', code: 'INVALID_OPTIONS', path: 'options' });
    assert.throws(() => csvToSnapshot('a\n1\n', /** @type {any} */ ({ title: 5 })), { code: 'INVALID_OPTIONS', path: 'options.title', message: /options\.title must be a string/ });
    assert.throws(() => csvToSnapshot('a\n1\n', { delimiter: ';;' }), { code: 'INVALID_OPTIONS', path: 'options.delimiter' });
    assert.throws(() => csvToSnapshot(/** @type {any} */ (undefined)), { code: 'INVALID_CSV', message: 'csvToSnapshot(text): text must be the CSV as a string, not undefined' });
  });

  test('text that is not a string is named as the argument, with what it is', () => {
    // The code is the input's own, as render(42) is INVALID_SNAPSHOT; the message names the argument.
    assert.throws(() => csvToSnapshot(/** @type {any} */ (42)), { code: 'INVALID_CSV', message: 'csvToSnapshot(text): text must be the CSV as a string, not a number (42)' });
    assert.throws(() => csvToSnapshot(/** @type {any} */ (new TextEncoder().encode('a\n1\n'))), { code: 'INVALID_CSV', message: /not bytes \(a Uint8Array: decode them first, e\.g\. with TextDecoder\)$/ });
    assert.throws(() => csvToSnapshot(/** @type {any} */ ({ text: 'a' })), { code: 'INVALID_CSV', message: /not an object$/ });
  });

  test('an option it does not take is refused, with the one meant when close', () => {
    assert.throws(() => csvToSnapshot('a;b\n1;2\n', /** @type {any} */ ({ delimeter: ';' })), {
      code: 'INVALID_OPTIONS', path: 'options.delimeter',
      message: 'options.delimeter is not an option here; the options are title, subtitle, delimiter; did you mean `delimiter`?',
    });
    assert.throws(() => csvToSnapshot('a\n1\n', /** @type {any} */ ({ Title: 'T' })), { path: 'options.Title', message: /did you mean `title`\?$/ });
    assert.throws(() => csvToSnapshot('a\n1\n', /** @type {any} */ ({ maxCells: 5 })), { path: 'options.maxCells', message: /the options are title, subtitle, delimiter$/ });
  });

  test('a blank title is refused as a snapshot\'s is; a null subtitle is the row count, as in a snapshot', () => {
    for (const title of ['', ' \t']) {
      assert.throws(() => csvToSnapshot('a\n1\n', { title }), {
        code: 'INVALID_OPTIONS', path: 'options.title',
        message: `options.title must be a string with a visible character (a snapshot's title is not blank), got ${JSON.stringify(title)}`,
      });
    }
    assert.equal(csvToSnapshot('a\n1\n', { subtitle: null }).subtitle, '1 row');
    assert.equal(csvToSnapshot('a\n1\n', { subtitle: '' }).subtitle, '', 'an empty subtitle is a snapshot\'s to have');
  });
});

describe('--title', () => {
  test('with snapshot JSON: a usage error, as --size is (render and key); "" or blank with CSV: a usage error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.json'), JSON.stringify({ title: 'T', blocks: [] }));
    writeFileSync(join(dir, 'in.csv'), 'a,b\n1,2\n');
    for (const args of [['render', 'in.json', '--no-cache'], ['key', 'in.json']]) {
      const r = runCli([...args, '--title', 'X'], { cwd: dir });
      assert.equal(r.status, 1);
      assert.equal(r.stderr, 'snapdf: in.json: --title applies to CSV input; a snapshot JSON file sets its "title" itself (see --help) [USAGE]\n');
    }
    const blank = runCli(['render', 'in.csv', '--title', '', '--no-cache'], { cwd: dir });
    assert.equal(blank.status, 1);
    assert.match(blank.stderr, /--title.* the title is empty: expected a title with a visible character .*\[USAGE\]\n$/);
    assert.deepEqual(readdirSync(dir).sort(), ['in.csv', 'in.json'], 'nothing written');
  });

  test('a CSV named only by dashes and underscores ("_.csv") is titled "Table"', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '_.csv'), 'a,b\n1,2\n');
    const r = runCli(['render', '_.csv', '--no-cache', '-o', 'out.pdf'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(pdfPageTexts(join(dir, 'out.pdf'))[0], /^\s*Table\n/);
  });
});

describe('the paper of a CSV table', () => {
  const dir = tempDir();
  const csv = join(dir, 'wide.csv');
  writeFileSync(csv, ROWS.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'));

  test('--landscape and --size set the page, and are part of the key', () => {
    assert.match(renderJson(csv).info, /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    assert.match(renderJson(csv, '--landscape').info, /Page size:\s+841\.\d* x 595\.\d* pts \(A4\)/);
    assert.match(renderJson(csv, '--size', 'letter', '--landscape').info, /Page size:\s+792 x 612 pts \(letter\)/);
    assert.match(renderJson(csv, '--size', 'A3').info, /Page size:\s+841\.\d* x 1190\.\d* pts \(A3\)/);
    const keys = new Set([[], ['--landscape'], ['--size', 'A3']].map((extra) => runCli(['key', csv, ...extra]).stdout));
    assert.equal(keys.size, 3);
  });

  test('a size that is not one, and --landscape on snapshot JSON, are refused in one line', () => {
    const size = runCli(['render', csv, '--size', 'B5']);
    assert.equal(size.status, 1);
    assert.match(size.stderr, /^snapdf: .*--size.*expected A3, A4, A5, Letter, Legal, not "B5".*\[USAGE\]\n$/);
    const json = join(dir, 's.json');
    writeFileSync(json, JSON.stringify({ title: 'S' }));
    const r = runCli(['render', json, '--landscape', '--no-cache', '-o', join(dir, 's.pdf')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^snapdf: .*s\.json: --size, --landscape and --portrait apply to CSV input; a snapshot JSON file sets "page".*\[USAGE\]\n$/);
  });
});

describe('snapdf metrics', () => {
  /** A summary whose values are wider than the old fixed columns. */
  const summary = /** @type {any} */ ({
    hours: 24,
    histograms: {
      'render.ms': { count: 5, min: 1.25, max: 28862.324226, mean: 6226.5, p50: 468.473, p95: 12345.678, p99: 13000.5, ratePerSec: 0 },
      'pdf.pages': { count: 5, min: 1, max: 122, mean: 40.2, p50: 35.87, p95: 100.4, p99: 110.9, ratePerSec: 0 },
      'snapshot.ms': { count: 120000, min: 0.5, max: 90, mean: 2, p50: 1.5, p95: 20, p99: 60, ratePerSec: 0 },
    },
    counters: { 'cache.l1.hits': { total: 1234567, ratePerSec: 0 } },
    cache: { l1: 0.5, l2: 0.25, overall: 0.625 },
    outcomes: {},
  });
  const lines = metricsTable(summary).split('\n');

  test('columns are aligned and never run together', () => {
    const table = lines.slice(2, 6);
    assert.equal(new Set(table.map((l) => l.length)).size, 1, table.join('\n'));
    const cells = table.map((l) => l.split(/\s{2,}/));
    for (const row of cells) assert.equal(row.length, 8, `8 cells in ${row.join(' | ')}`);
    assert.deepEqual(cells[1].slice(0, 2), ['render.ms', '5']);
    assert.equal(cells[1][6], '28862.324');
  });

  test('counts, pages and bytes are whole numbers; percentiles from few values are marked', () => {
    const pages = lines.find((l) => l.startsWith('pdf.pages'))?.split(/\s{2,}/);
    assert.deepEqual(pages, ['pdf.pages', '5', '1', '36*', '100*', '111*', '122', '40']);
    const many = lines.find((l) => l.startsWith('snapshot.ms'))?.split(/\s{2,}/);
    assert.deepEqual(many, ['snapshot.ms', '120,000', '0.500', '1.500', '20.000', '60.000', '90.000', '2.000']);
    assert.ok(lines.includes(`* from fewer than ${FEW_VALUES} values: rough, and p95 and p99 may sit below the max`));
    assert.match(lines.find((l) => l.startsWith('cache.l1.hits')) ?? '', /^cache\.l1\.hits\s{2,}1,234,567$/);
  });

  test('the command prints the table after a render, and its help says how few values are marked', () => {
    const dir = tempDir();
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    assert.equal(runCli(['render', csv, '-o', join(dir, 'a.pdf'), '--cache-dir', join(dir, 'cache')]).status, 0);
    const r = runCli(['metrics', '--cache-dir', join(dir, 'cache')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^pdf\.pages\s{2,}1\s{2,}1\s{2,}1\*\s{2,}1\*\s{2,}1\*\s{2,}1\s{2,}1$/m);
    assert.match(r.stdout, /^\* from fewer than 20 values/m);
    assert.match(runCli(['metrics', '--help']).stdout, /fewer\s+than 20 values are marked \*/);
  });
});

describe('what the summary and errors say', () => {
  test('one page is "1 page", and --json gives milliseconds without float noise', () => {
    const dir = tempDir();
    const input = join(dir, 'one.json');
    writeFileSync(input, JSON.stringify({ title: 'One' }));
    const out = join(dir, 'one.pdf');
    const r = runCli(['render', input, '-o', out, '--no-cache']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /: 1 page, \d+ bytes/);
    const { summary } = renderJson(input);
    assert.ok(Number.isInteger(summary.ms * 1000), String(summary.ms));
  });

  test('a CSV file not named .csv, read as JSON, is told to say --csv', () => {
    const input = join(tempDir(), 'cities.txt');
    writeFileSync(input, 'city;population\nOslo;709000\n');
    const r = runCli(['render', input, '--no-cache']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /INVALID_JSON/);
    assert.match(r.stderr, /with --csv \(and --delimiter\)/);
  });
});
