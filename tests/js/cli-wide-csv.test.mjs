// A CSV table too wide for A4 portrait: the CLI asks for "auto" orientation, and the
// engine sets it in landscape, or shrinks the type where landscape is not enough or
// --portrait was asked, and says so on standard error; every number and header comes
// out whole (pdftotext -layout) at the size the warning names (pdf.js).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
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
  return { stderr: r.stderr, width: Number(m[1]), height: Number(m[2]), text: pdfPageTexts(out).join('\f'), file: out };
}

/** The whitespace-separated tokens of pdftotext's text. @param {string} text */
const tokens = (text) => new Set(text.split(/\s+/));

/**
 * The size in points of each text item pdf.js reads from page 1 of `file` (the scale
 * of its text matrix), keyed by the item's text.
 * @param {string} file
 */
async function textSizes(file) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  const items = (await (await doc.getPage(1)).getTextContent()).items;
  await doc.destroy();
  return new Map(items.filter((i) => 'str' in i && i.str.trim()).map((i) => [i.str, Math.hypot(i.transform[0], i.transform[1])]));
}

/** Each number and header of WIDE (or `rows`) is one token of `text`: none broken across lines. */
function assertWhole(text, rows = WIDE) {
  const seen = tokens(text);
  const numbers = rows.slice(1).flat().filter((c) => NUMBER.test(c));
  assert.ok(numbers.length >= 6 * 7);
  // A number broken mid-digit would come out as two tokens on two lines.
  for (const n of numbers) assert.ok(seen.has(n), `${n} whole in:\n${text}`);
  for (const h of rows[0]) assert.ok(seen.has(h), `header ${h} whole in:\n${text}`);
}

const TURNED = /^wide\.csv: warning: page\.orientation: set in landscape: the columns of blocks\[0\] need ([\d.]+) pt and portrait gives 495\.3 pt\n$/;

describe('a CSV too wide for A4 portrait', () => {
  test('11 columns: set in landscape at the usual size, said on stderr in one line, every number and header whole', async () => {
    const dir = csvFile('wide.csv', WIDE);
    const { stderr, width, height, text, file } = render(dir, 'wide.csv');
    const needed = Number(TURNED.exec(stderr)?.[1]);
    assert.ok(needed > 495.3 && needed < 741.9, stderr);
    assert.equal(width.toFixed(2), '841.89', 'A4 landscape: 297 mm wide');
    assert.equal(height.toFixed(2), '595.28');
    assertWhole(text);
    assert.equal((await textSizes(file)).get('-118.243683'), 8.5);
  });

  test('--portrait: the type shrinks until every number and header fits, and stderr says so', async () => {
    const dir = csvFile('wide.csv', WIDE);
    const { stderr, width, height, text, file } = render(dir, 'wide.csv', '--portrait');
    const m = /^wide\.csv: warning: blocks\[0\]: its columns need ([\d.]+) pt with numbers and header words whole, the page gives 495\.3 pt: set at ([\d.]+) pt instead of 8\.5 pt to fit\n$/.exec(stderr);
    assert.ok(m, stderr);
    const size = Number(m[2]);
    // At most the plain ratio: a word wider than its column's share does not shrink with the type.
    assert.ok(size >= 6 && size <= (8.5 * 495.3) / Number(m[1]), stderr);
    assert.ok(width < height);
    assertWhole(text);
    const sizes = await textSizes(file);
    assert.equal(sizes.get('-118.243683')?.toFixed(1), size.toFixed(1), 'the cells are set at the size the warning names');
  });

  test('the key command takes the same page as render: "auto" orientation, its own key', () => {
    const dir = csvFile('wide.csv', WIDE);
    const key = (/** @type {string[]} */ ...extra) => {
      const r = runCli(['key', 'wide.csv', ...extra], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      return r.stdout.trim();
    };
    const rendered = runCli(['render', 'wide.csv', '--json', '--no-cache', '-o', join(dir, 'w.pdf')], { cwd: dir });
    assert.equal(JSON.parse(rendered.stdout).key, key());
    assert.equal(new Set([key(), key('--landscape'), key('--portrait')]).size, 3);
  });

  test('--size alone keeps "auto"; --landscape or --portrait with it is the page asked for', () => {
    const dir = csvFile('wide.csv', WIDE);
    const a3 = render(dir, 'wide.csv', '--size', 'A3');
    assert.equal(a3.stderr, '', 'A3 portrait is wide enough');
    assert.ok(a3.width < a3.height);
    const letter = render(dir, 'wide.csv', '--size', 'letter', '--portrait');
    assert.deepEqual([letter.width, letter.height], [612, 792]);
    const turned = render(dir, 'wide.csv', '--landscape');
    assert.equal(turned.stderr, '');
    assert.ok(turned.width > turned.height);
    const both = runCli(['render', 'wide.csv', '--landscape', '--portrait'], { cwd: dir });
    assert.equal(both.status, 1);
    assert.match(both.stderr, /--landscape and --portrait: give one of them \[USAGE\]/);
  });

  test('a table that fits portrait stays portrait, without a word', () => {
    const dir = csvFile('narrow.csv', WIDE.map((r) => r.slice(0, 6)));
    const { stderr, width, height } = render(dir, 'narrow.csv');
    assert.equal(stderr, '');
    assert.ok(width < height);
  });

  test('a table too wide for landscape even at 6 pt: landscape, 6 pt, and stderr says what breaks and what to try', async () => {
    const rows = WIDE.map((r) => [...r, ...r, ...r]); // 33 columns
    const dir = csvFile('wider.csv', rows);
    const { stderr, width, height, file } = render(dir, 'wider.csv');
    const lines = stderr.split('\n');
    assert.match(lines[0], /^wider\.csv: warning: page\.orientation: set in landscape/);
    // Landscape already: the advice is the flags that are left.
    assert.match(lines[1], /^wider\.csv: warning: blocks\[0\]: its columns need [\d.]+ pt with numbers and header words whole, the page gives 741\.9 pt: at 6 pt some numbers or header words break across lines; try a larger --size or fewer columns$/);
    assert.ok(width > height);
    assert.ok([...(await textSizes(file)).values()].includes(6));
  });

  test('what to try is in flags for a CSV in portrait, in "page" fields for snapshot JSON (also with --json)', () => {
    const rows = WIDE.map((r) => [...r, ...r, ...r]);
    const dir = csvFile('wider.csv', rows);
    const portrait = render(dir, 'wider.csv', '--portrait').stderr;
    assert.match(portrait, /^wider\.csv: warning: blocks\[0\]: .* break across lines; try --landscape, a larger --size or fewer columns\n$/);
    writeFileSync(join(dir, 'wider.json'), JSON.stringify({ title: 'Wider', blocks: [{ type: 'table', columns: rows[0], rows: rows.slice(1) }] }));
    const json = render(dir, 'wider.json').stderr;
    const advice = 'try "page": { "orientation": "landscape" }, a larger "page": { "size" } or fewer columns';
    assert.ok(json.startsWith('wider.json: warning: blocks[0]: ') && json.endsWith(`; ${advice}\n`), json);
    const r = runCli(['render', 'wider.json', '--json', '--no-cache', '-o', join(dir, 'j.pdf')], { cwd: dir });
    assert.ok(JSON.parse(r.stdout).warnings[0].message.endsWith(`; ${advice}`));
  });
});
