// `--font NAME` without a file: the installed family, found with fontconfig's fc-match,
// with its bold and italic faces; a name fontconfig does not have is refused (fc-match
// would offer another family). The CLI tests skip only where fc-match is absent.
// `--system-fonts`: installed fonts (fc-list) for the characters the standard fonts
// cannot print, as the snapshot's font chain. Its CLI test needs DejaVu Sans and a
// Japanese font (fonts-dejavu, fonts-ipafont) and fails, not skips, without them.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fallbackFonts, snapshotChars, standardPrints, systemFonts } from '../../js/cli/system-fonts.js';
import { pdfPageTexts, qpdfCheck, runCli, tempDir } from './helpers.mjs';

const hasFcMatch = spawnSync('fc-match', ['--version']).status === 0;
const dejavu = hasFcMatch && /^DejaVu Sans\|/.test(execFileSync('fc-match', ['-f', '%{family}|%{file}', 'DejaVu Sans'], { encoding: 'utf8' }));

describe('systemFonts (fontconfig answers given)', () => {
  /** @param {Record<string, string>} answers */
  const fake = (answers) => (/** @type {string} */ pattern) => answers[pattern] ?? 'Fallback Sans|/fonts/fallback.ttf';

  test('the regular face, then the styled faces the family has, named as styled runs use them', () => {
    const fonts = systemFonts('Cute Sans', fake({
      'Cute Sans': 'Cute Sans|/f/cute.ttf',
      'Cute Sans:bold': 'Cute Sans,Cute Sans Heavy|/f/cute-bold.ttf',
      'Cute Sans:italic': 'Cute Sans|/f/cute.ttf', // no italic: fontconfig answers with the regular file
      'Cute Sans:bold:italic': 'Other Serif|/f/other-bi.ttf', // from another family
    }));
    assert.deepEqual(fonts, [{ name: 'Cute Sans', file: '/f/cute.ttf' }, { name: 'Cute Sans Bold', file: '/f/cute-bold.ttf' }]);
  });

  test('a family fontconfig does not have is refused, naming what it offered and NAME=FILE', () => {
    assert.throws(() => systemFonts('Nope Sans', fake({})), {
      name: 'SnapdfError', code: 'INVALID_OPTIONS', message: /no installed font family is named "Nope Sans" \(fontconfig's fc-match offers "Fallback Sans"\).*--font "NAME=FILE"/,
    });
  });
});

describe('snapdf render --font NAME', { skip: !dejavu && 'fc-match, or DejaVu Sans, is not installed' }, () => {
  test('sets a Cyrillic CSV in the installed DejaVu Sans, its header in DejaVu Sans Bold', () => {
    const dir = tempDir();
    const csv = join(dir, 'cities.csv');
    writeFileSync(csv, 'Город,Население\nМосква,13010112\nКазань,1308660\n');
    const out = join(dir, 'cities.pdf');
    const r = runCli(['render', csv, '-o', out, '--font', 'DejaVu Sans', '--no-cache', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(qpdfCheck(out));
    const text = pdfPageTexts(out).join('\n');
    assert.match(text, /Москва\s+13010112/);
    assert.match(text, /Город\s+Население/);
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' });
    assert.match(fonts, /DejaVuSans\s/);
    assert.match(fonts, /DejaVuSans-Bold\s/);
  });

  test('a name no installed family has is one line, INVALID_OPTIONS, exit 1', () => {
    const dir = tempDir();
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'a\n1\n');
    const r = runCli(['render', csv, '--font', 'No Such Family Zq', '--no-cache', '-o', join(dir, 'a.pdf')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^snapdf: --font: no installed font family is named "No Such Family Zq" .*\[INVALID_OPTIONS\]\n$/);
  });
});

describe('fallbackFonts (fc-list answers given)', () => {
  /** One fc-list line: family, weight, slant, width, spacing, index, format, file, charset. */
  const line = (/** @type {(string | number)[]} */ fields) => fields.join('\t');
  const LATIN = '20-7e a0-17f';
  const CYRILLIC = '400-4ff';
  const KANA = '3041-3096 30a1-30fa';
  const listing = [
    line(['Zeta Sans', 80, 0, 100, '', 0, 'TrueType', '/f/zeta.ttf', `${LATIN} ${CYRILLIC} ${KANA}`]),
    line(['DejaVu Sans', 80, 0, 100, '', 0, 'TrueType', '/f/dv.ttf', `${LATIN} ${CYRILLIC}`]),
    line(['DejaVu Sans', 200, 0, 100, '', 0, 'TrueType', '/f/dv-bold.ttf', `${LATIN} ${CYRILLIC}`]),
    line(['DejaVu Sans', 80, 0, 87, '', 0, 'TrueType', '/f/dv-condensed.ttf', `${LATIN} ${CYRILLIC}`]),
    line(['DejaVu Sans', 40, 0, 100, '', 0, 'TrueType', '/f/dv-light.ttf', `${LATIN} ${CYRILLIC}`]),
    line(['Kana Mono', 80, 0, 100, 100, 0, 'TrueType', '/f/kana-mono.ttf', `${LATIN} ${KANA}`]),
    line(['Kana Gothic', 80, 0, 100, '', 0, 'CFF', '/f/kana.otf', `${LATIN} ${KANA}`]),
    line(['Kana Bitmap', 80, 0, 100, '', 0, 'PCF', '/f/kana.pcf', `${LATIN} ${KANA}`]),
    line(['Kana Second', 80, 0, 100, '', 1, 'TrueType', '/f/kana.ttc', `${LATIN} ${KANA}`]),
  ].join('\n');

  test('text the standard fonts print needs no font', () => {
    const chars = snapshotChars({ title: 'Café – “Ünïcode” €5', rows: [['a\tb\nc']] });
    assert.ok(chars.every(standardPrints));
    assert.equal(fallbackFonts(chars, () => { throw new Error('fc-list must not run'); }), undefined);
  });

  test('DejaVu Sans first (its Bold, not its condensed or light faces), then the proportional family for the rest', () => {
    const picked = fallbackFonts(snapshotChars({ title: 'Город', note: 'カタカナ' }), () => listing);
    assert.deepEqual(picked, {
      chain: ['DejaVu Sans', 'Kana Gothic'],
      fonts: [{ name: 'DejaVu Sans', file: '/f/dv.ttf' }, { name: 'DejaVu Sans Bold', file: '/f/dv-bold.ttf' }, { name: 'Kana Gothic', file: '/f/kana.otf' }],
      missing: [],
    });
  });

  test('characters no installed font has are named as missing', () => {
    const picked = fallbackFonts(snapshotChars({ title: 'Ж 한' }), () => listing);
    assert.deepEqual(picked?.chain, ['DejaVu Sans']);
    assert.deepEqual(picked?.missing, [0xd55c]);
  });
});

/**
 * The file of an installed font family, or a failure naming the package to install.
 * @param {string} pattern a fontconfig pattern, e.g. ":lang=ja"
 * @param {string} what
 */
function installed(pattern, what) {
  const files = execFileSync('fc-list', [pattern, 'file'], { encoding: 'utf8' }).trim();
  assert.ok(files, `this test needs ${what} installed (fc-list "${pattern}" lists nothing)`);
}

describe('snapdf render --system-fonts', () => {
  const csvText = 'Фильм,Ταινία,題名,year\nБрат,Ζορμπάς,七人の侍,1954\nСталкер,Ηλέκτρα,東京物語,1953\n';

  test('without it, a CSV with Cyrillic, Greek and Japanese is UNSUPPORTED_CHARACTER, and the message names --system-fonts', () => {
    const dir = tempDir();
    const csv = join(dir, 'movies.csv');
    writeFileSync(csv, csvText);
    const r = runCli(['render', csv, '-o', join(dir, 'movies.pdf'), '--no-cache']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[UNSUPPORTED_CHARACTER\]\n$/);
    assert.match(r.stderr, /or --system-fonts picks installed fonts that have them/);
  });

  test('with it, the text is set in DejaVu Sans (headers in its Bold) and a Japanese font, named on stderr', () => {
    installed(':family=DejaVu Sans:style=Book', 'DejaVu Sans (fonts-dejavu)');
    installed(':family=DejaVu Sans:style=Bold', 'DejaVu Sans Bold (fonts-dejavu)');
    installed(':lang=ja', 'a Japanese font (fonts-ipafont)');
    const dir = tempDir();
    const csv = join(dir, 'movies.csv');
    writeFileSync(csv, csvText);
    const out = join(dir, 'movies.pdf');
    const r = runCli(['render', csv, '-o', out, '--system-fonts', '--no-cache', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(qpdfCheck(out));
    const line = /movies\.csv: --system-fonts: set in DejaVu Sans, then ([^:]+): (.*)$/m.exec(r.stderr);
    assert.ok(line, r.stderr);
    assert.match(line[2], /^DejaVu Sans \(.+\), DejaVu Sans Bold \(.+\)/);
    const text = pdfPageTexts(out).join('\n');
    for (const word of ['Фильм', 'Ταινία', '題名', 'Брат', 'Ζορμπάς', '七人の侍', 'Сталкер', 'Ηλέκτρα', '東京物語', '1954']) assert.ok(text.includes(word), `${word} not in:\n${text}`);
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' });
    assert.match(fonts, /\+DejaVuSans\s+CID TrueType.*\byes\s+yes\s+yes/);
    assert.match(fonts, /\+DejaVuSans-Bold\s/);
    const japanese = line[1].replace(/\s+/g, '');
    assert.ok(fonts.includes(`+${japanese}`), `${japanese} not embedded:\n${fonts}`);
    // The same choice again: `key` with the flag gives the render's key.
    const key = runCli(['key', csv, '--system-fonts']);
    assert.equal(key.status, 0, key.stderr);
    assert.equal(key.stdout.trim(), JSON.parse(r.stdout).key);
  });

  test('a CSV the standard fonts print stays in Helvetica, nothing embedded', () => {
    const dir = tempDir();
    const csv = join(dir, 'plain.csv');
    writeFileSync(csv, 'name,city\nAnaïs,Zürich\n');
    const out = join(dir, 'plain.pdf');
    const r = runCli(['render', csv, '-o', out, '--system-fonts', '--no-cache']);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /--system-fonts/);
    assert.doesNotMatch(execFileSync('pdffonts', [out], { encoding: 'utf8' }), /TrueType/);
  });

  test('with --font too: the given font first, installed fonts for what it lacks', () => {
    const dir = tempDir();
    const csv = join(dir, 'films.csv');
    writeFileSync(csv, 'Title,Director\nZażółć,Wajda\n七人の侍,黒澤明\n');
    const out = join(dir, 'films.pdf');
    const r = runCli(['render', csv, '-o', out, '--font', 'Cantarell', '--system-fonts', '--no-cache', '--json']);
    assert.equal(r.status, 0, r.stderr);
    // Cantarell has the Polish letters but no kanji: the chain goes on to a font that has them.
    const line = /films\.csv: --system-fonts: set in Cantarell, then ([^:,]+): (.*)$/m.exec(r.stderr);
    assert.ok(line, r.stderr);
    assert.doesNotMatch(line[2], /^Cantarell/, 'the given font is not picked again');
    const text = pdfPageTexts(out).join('\n');
    for (const word of ['Zażółć', 'Wajda', '七人の侍', '黒澤明']) assert.ok(text.includes(word), `${word} not in:\n${text}`);
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' });
    assert.match(fonts, /\+Cantarell-Regular\s/);
    assert.ok(fonts.includes(`+${line[1].replace(/\s+/g, '')}`), `${line[1]} not embedded:\n${fonts}`);
    const key = runCli(['key', csv, '--font', 'Cantarell', '--system-fonts']);
    assert.equal(key.stdout.trim(), JSON.parse(r.stdout).key);
    // Given a font that has every character, nothing is added and nothing said.
    const polish = join(dir, 'polish.csv');
    writeFileSync(polish, 'Title\nZażółć\n');
    const alone = runCli(['render', polish, '-o', out, '--font', 'Cantarell', '--system-fonts', '--no-cache']);
    assert.equal(alone.status, 0, alone.stderr);
    assert.equal(alone.stderr, '');
  });
});
