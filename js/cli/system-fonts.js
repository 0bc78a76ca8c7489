// `--font NAME` without a file: the installed font of that family, found with
// fontconfig's `fc-match`, and its bold, italic and bold italic faces where the family
// has them (as "NAME Bold", "NAME Italic", "NAME Bold Italic", the names a snapshot's
// styled runs use).
import { execFileSync } from 'node:child_process';
import { snapdfError } from '../errors.js';

/** The styles looked for besides the regular face: fontconfig's pattern, and the name suffix. */
const STYLES = [
  ['bold', ' Bold'],
  ['italic', ' Italic'],
  ['bold:italic', ' Bold Italic'],
];

/**
 * The files of the installed family `name`: the regular face first, then the styled
 * faces the family has (a style fontconfig fills in from another family, or with the
 * regular file, is left out).
 * @param {string} name a family name, e.g. "DejaVu Sans"
 * @param {(pattern: string) => string} [match] runs `fc-match -f '%{family}|%{file}'`
 *   for a pattern (tests replace it)
 * @returns {{ name: string, file: string }[]}
 * @throws {Error} SnapdfError `INVALID_OPTIONS` when fontconfig is not installed or has
 *   no family of that name (it would offer another), naming `--font NAME=FILE` instead
 */
export function systemFonts(name, match = fcMatch) {
  const answer = match(name);
  const regular = family(name, answer);
  if (!regular) {
    throw snapdfError('INVALID_OPTIONS', `--font: no installed font family is named "${name}" (fontconfig's fc-match offers "${answer.split('|')[0]}"); `
      + 'give the name fc-list shows, or a file: --font "NAME=FILE"');
  }
  const fonts = [{ name, file: regular }];
  for (const [style, suffix] of STYLES) {
    const file = family(name, match(`${name}:${style}`));
    if (file && !fonts.some((f) => f.file === file)) fonts.push({ name: `${name}${suffix}`, file });
  }
  return fonts;
}

/**
 * The file of an `fc-match` answer (`FAMILY[,FAMILY…]|FILE`) when one of its families is
 * `name` (in any case), else undefined.
 * @param {string} name
 * @param {string} answer
 */
function family(name, answer) {
  const at = answer.lastIndexOf('|');
  const families = answer.slice(0, at).split(',').map((f) => f.trim().toLowerCase());
  return at > 0 && families.includes(name.trim().toLowerCase()) ? answer.slice(at + 1).trim() : undefined;
}

/**
 * fontconfig's best match for a pattern, as `FAMILY|FILE`.
 * @param {string} pattern
 * @returns {string}
 * @throws {Error} SnapdfError `INVALID_OPTIONS` when fc-match cannot be run
 */
function fcMatch(pattern) {
  try {
    return execFileSync('fc-match', ['-f', '%{family}|%{file}', pattern], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    const why = /** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT' ? 'fontconfig\'s fc-match is not installed' : `fc-match failed: ${/** @type {Error} */ (e).message}`;
    throw snapdfError('INVALID_OPTIONS', `--font "${pattern}": ${why}; give a file: --font "NAME=FILE"`);
  }
}
