// A CSV table too wide for A4 portrait: given neither --size nor --landscape, the CLI
// sets it in landscape when it fits there, and says so in one line on standard error;
// every number and header then comes out whole (pdftotext -layout).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pdfInfo, pdfPageTexts, qpdfCheck, runCli, tempDir } from './helpers.mjs';

// 11 columns: long numbers (coordinates to 6 places, epoch seconds) and long header
// words, as in the report of the issue (portrait A4 broke "-118.243683" and "first_name").
const WIDE = [
  ['customer_id', 'first_name', 'last_name', 'email', 'city', 'postal_code', 'latitude', 'longitude', 'annual_income', 'account_balance', 'last_login_epoch'],
  ['100001', 'Maria', 'Garcia', 'maria.garcia@example.com', 'Los Angeles', '90012', '34.052235', '-118.243683', '84250.75', '-1523.40', '1701388800'],
  ['100002', 'James', 'Smith', 'james.smith@example.com', 'Chicago', '60601', '41.878113', '-87.629799', '120500.00', '23890.12', '1701475200'],
  ['100003', 'Linda', 'Johnson', 'linda.johnson@example.com', 'Houston', '77002', '29.760427', '-95.369804', '56780.30', '-310.05', '1701561600'],
  ['100004', 'Robert', 'Williams', 'robert.williams@example.com', 'Phoenix', '85004', '33.448376', '-112.074036', '99120.45', '7745.60', '1701648000'],
  ['100005', 'Patricia', 'Brown', 'patricia.brown@example.com', 'Philadelphia', '19107', '39.952583', '-75.165222', '73410.00', '102.99', '1701734400'],
  ['100006', 'Michael', 'Jones', 'michael.jones@example.com', 'San Antonio', '78205', '29.424122', '-98.493629', '64890.10', '-9876.54', '1701820800'],
];
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Writes `rows` as NAME in a fresh directory; returns the directory. @param {string} name @param {string[][]} rows */
function csvFile(name, rows) {
  const dir = tempDir();
  writeFileSync(join(dir, name), `${rows.map((r) => r.join(',')).join('\n')}\n`);
  return dir;
}

/**
 * Renders NAME in `dir` (so that messages name it as the user typed it); returns the
 * CLI's stderr, pdfinfo's page size (width and height in points) and the text.
 * @param {string} dir @param {string} name @param {string[]} extra
 */
function render(dir, name, ...extra) {
  const out = join(dir, 'out.pdf');
  const r = runCli(['render', name, '-o', out, '--no-cache', ...extra], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(qpdfCheck(out));
  const m = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(pdfInfo(out));
  assert.ok(m, 'pdfinfo gives a page size');
  return { stderr: r.stderr, width: Number(m[1]), height: Number(m[2]), text: pdfPageTexts(out).join('\f') };
}

/** The whitespace-separated tokens of pdftotext's text. @param {string} text */
const tokens = (text) => new Set(text.split(/\s+/));

describe('a CSV too wide for A4 portrait', () => {
  test('11 columns: set in landscape, said on stderr in one line, every number and header whole', () => {
    const dir = csvFile('wide.csv', WIDE);
    const { stderr, width, height, text } = render(dir, 'wide.csv');
    assert.equal(stderr, 'wide.csv: 11 columns do not fit A4 portrait; set in landscape (--size/--landscape to choose)\n');
    assert.equal(width.toFixed(2), '841.89', 'A4 landscape: 297 mm wide');
    assert.equal(height.toFixed(2), '595.28');
    const seen = tokens(text);
    // Not split across lines: each number and each header is one token of the text
    // (a number broken mid-digit would come out as two tokens on two lines).
    const numbers = WIDE.slice(1).flat().filter((c) => NUMBER.test(c));
    assert.equal(numbers.length, 6 * 7);
    for (const n of numbers) assert.ok(seen.has(n), `${n} whole in:\n${text}`);
    for (const h of WIDE[0]) assert.ok(seen.has(h), `header ${h} whole in:\n${text}`);
  });

  test('the key command takes the same page: its key is that of --landscape', () => {
    const dir = csvFile('wide.csv', WIDE);
    const auto = runCli(['key', 'wide.csv'], { cwd: dir });
    const landscape = runCli(['key', 'wide.csv', '--landscape'], { cwd: dir });
    assert.equal(auto.status, 0, auto.stderr);
    assert.equal(auto.stdout, landscape.stdout);
    assert.match(auto.stderr, /^wide\.csv: 11 columns do not fit A4 portrait; set in landscape/);
    assert.equal(landscape.stderr, '');
  });

  test('--size or --landscape given: the page is the one asked for, without a word', () => {
    const dir = csvFile('wide.csv', WIDE);
    const a4 = render(dir, 'wide.csv', '--size', 'A4');
    assert.equal(a4.stderr, '');
    assert.ok(a4.width < a4.height, 'portrait, as asked');
    const letter = render(dir, 'wide.csv', '--size', 'letter');
    assert.equal(letter.stderr, '');
    assert.deepEqual([letter.width, letter.height], [612, 792]);
    const turned = render(dir, 'wide.csv', '--landscape');
    assert.equal(turned.stderr, '');
    assert.ok(turned.width > turned.height);
  });

  test('a table that fits portrait stays portrait, without a word', () => {
    const dir = csvFile('narrow.csv', WIDE.map((r) => r.slice(0, 6)));
    const { stderr, width, height } = render(dir, 'narrow.csv');
    assert.equal(stderr, '');
    assert.ok(width < height);
  });

  test('a table too wide for landscape too stays portrait, and stderr says what to try', () => {
    const rows = WIDE.map((r) => [...r, ...r, ...r]); // 33 columns
    const dir = csvFile('wider.csv', rows);
    const { stderr, width, height } = render(dir, 'wider.csv');
    assert.equal(stderr, 'wider.csv: 33 columns do not fit A4 portrait or landscape; set in portrait, long numbers and header words may break (try --size A3 --landscape)\n');
    assert.ok(width < height);
  });
});
