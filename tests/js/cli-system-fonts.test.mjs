// `--font NAME` without a file: the installed family, found with fontconfig's fc-match,
// with its bold and italic faces; a name fontconfig does not have is refused (fc-match
// would offer another family). The CLI tests skip only where fc-match is absent.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { systemFonts } from '../../js/cli/system-fonts.js';
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
