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

// `--system-fonts`: when a snapshot that names no font holds characters the standard
// fonts cannot print, the installed fonts that have them (fontconfig's fc-list), as the
// snapshot's `font` chain.

/** The characters WinAnsiEncoding (the standard fonts) prints at 0x80-0x9F (src/layout/winansi.rs). */
const WINANSI_HIGH = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c) => /** @type {number} */ (c.codePointAt(0))));

/**
 * Whether the standard fonts print code point `cp` (WinAnsiEncoding), as the engine
 * decides: printable ASCII, U+00A0-U+00FF, and 27 characters such as € and curly quotes.
 * @param {number} cp
 */
export function standardPrints(cp) {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WINANSI_HIGH.has(cp);
}

/**
 * Every character (code point) of the text in a snapshot's string values, sorted; tabs,
 * line breaks and other control characters left out (the layout turns them into space).
 * @param {unknown} value
 * @returns {number[]}
 */
export function snapshotChars(value) {
  const seen = new Set();
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      for (const c of v) {
        const cp = /** @type {number} */ (c.codePointAt(0));
        if (cp >= 0x20 && !(cp >= 0x7f && cp <= 0x9f)) seen.add(cp);
      }
    } else if (v !== null && typeof v === 'object') {
      stack.push(...Object.values(v));
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * @typedef {{ family: string, weight: number, slant: number, width: number, spacing: number, file: string, ranges: number[][] }} InstalledFace
 *   one face fc-list lists: fontconfig's weight (80 regular, 200 bold), slant (0
 *   upright), width (100 normal), spacing (100 monospace), and the code point ranges
 *   `[first, last]` it has glyphs for
 */

/** The faces of fc-list's answer the engine can read (TrueType or CFF OpenType, the first face of a file). */
const FC_FORMAT = '%{family[0]}\\t%{weight}\\t%{slant}\\t%{width}\\t%{spacing}\\t%{index}\\t%{fontformat}\\t%{file}\\t%{charset}\\n';

/**
 * The installed faces, from fc-list.
 * @returns {string} fc-list's lines in {@link FC_FORMAT}
 * @throws {Error} SnapdfError `INVALID_OPTIONS` when fc-list cannot be run
 */
function fcList() {
  return fontconfig('fc-list', ['--format', FC_FORMAT.replaceAll('\\t', '\t').replaceAll('\\n', '\n')]);
}

/**
 * What a fontconfig tool prints.
 * @param {string} tool fc-list or fc-query
 * @param {string[]} args
 * @throws {Error} SnapdfError `INVALID_OPTIONS` when it cannot be run
 */
function fontconfig(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    const why = /** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT' ? `fontconfig's ${tool} is not installed` : `${tool} failed: ${/** @type {Error} */ (e).message}`;
    throw snapdfError('INVALID_OPTIONS', `--system-fonts: ${why}; give fonts with --font "NAME=FILE"`);
  }
}

/**
 * The face in a font file and the characters it has, as fontconfig's fc-query reads it.
 * @param {string} file
 * @param {(file: string) => string} [query] fc-query's answer in {@link FC_FORMAT} (tests replace it)
 * @returns {InstalledFace}
 * @throws {Error} SnapdfError `INVALID_OPTIONS` when fc-query cannot be run or reads no
 *   TrueType or OpenType face in the file
 */
export function fileFace(file, query = fcQuery) {
  const [face] = parseFcList(query(file));
  if (!face) throw snapdfError('INVALID_OPTIONS', `--system-fonts: fontconfig's fc-query reads no TrueType or OpenType font in ${file}`);
  return face;
}

/** fc-query's answer for `file`, in {@link FC_FORMAT}. @param {string} file */
function fcQuery(file) {
  return fontconfig('fc-query', ['--format', FC_FORMAT.replaceAll('\\t', '\t').replaceAll('\\n', '\n'), file]);
}

/**
 * fc-list's lines as faces; lines of other formats (bitmap, Type 1) and later faces of a
 * collection are left out.
 * @param {string} text
 * @returns {InstalledFace[]}
 */
export function parseFcList(text) {
  const faces = [];
  for (const line of text.split('\n')) {
    const [family, weight, slant, width, spacing, index, format, file, charset] = line.split('\t');
    if (!file || !family || !['TrueType', 'CFF'].includes(format) || Number(index || 0) !== 0) continue;
    const ranges = (charset ?? '').trim().split(/\s+/).filter(Boolean).map((r) => r.split('-').map((h) => parseInt(h, 16)))
      .map(([lo, hi]) => [lo, hi ?? lo]);
    faces.push({ family, weight: Number(weight), slant: Number(slant), width: Number(width || 100), spacing: Number(spacing || 0), file, ranges });
  }
  return faces;
}

/** Whether `face` has a glyph for code point `cp` (binary search of its sorted ranges). @param {InstalledFace} face @param {number} cp */
function has(face, cp) {
  let [lo, hi] = [0, face.ranges.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = face.ranges[mid];
    if (cp < first) hi = mid - 1;
    else if (cp > last) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * How much a family is preferred (lower first): DejaVu Sans, Noto Sans, the other Noto
 * Sans families, other proportional families, then monospaced ones.
 * @param {InstalledFace} face
 */
function tier(face) {
  if (face.family === 'DejaVu Sans') return 0;
  if (face.family === 'Noto Sans') return 1;
  if (face.family.startsWith('Noto Sans ')) return 2;
  if (face.family.startsWith('Noto ')) return 3;
  return face.spacing >= 100 ? 5 : 4;
}

/** The face closest to the regular weight, normal width, of `faces` with this slant kind; ties by file. */
function closest(/** @type {InstalledFace[]} */ faces, /** @type {number} */ weight, /** @type {boolean} */ italic) {
  return faces.filter((f) => f.width === 100 && (f.slant > 0) === italic && (weight === 80 ? f.weight < 150 : f.weight >= 180 && f.weight <= 210))
    .sort((a, b) => Math.abs(a.weight - weight) - Math.abs(b.weight - weight) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))[0];
}

/**
 * The installed fonts a snapshot's text needs when the standard fonts cannot print it:
 * a fallback chain of families chosen so that together they have every character, each
 * pick the most preferred family ({@link tier}: DejaVu Sans, then Noto) that has any
 * character still uncovered, the one with most of them within a tier, then by name. Each
 * family comes with its Bold, Italic and Bold Italic faces where installed (named as
 * styled runs and table headers use them). Deterministic for the same installed fonts.
 * @param {number[]} chars the text's code points (see {@link snapshotChars})
 * @param {() => string} [list] fc-list's answer in {@link FC_FORMAT} (tests replace it)
 * @param {{ name: string, face: InstalledFace }} [first] a font given with `--font`: the
 *   chain starts with its name, and the installed fonts are for the characters it lacks
 * @returns {{ chain: string[], fonts: { name: string, file: string }[], missing: number[] } | undefined}
 *   undefined when the standard fonts print every character (and no `first` is given);
 *   `fonts`: the installed ones picked; `missing`: characters no font has
 * @throws {Error} SnapdfError `INVALID_OPTIONS` when fc-list cannot be run
 */
export function fallbackFonts(chars, list = fcList, first = undefined) {
  if (!first && chars.every(standardPrints)) return undefined;
  /** @type {Map<string, InstalledFace[]>} */
  const families = new Map();
  for (const face of parseFcList(list())) families.set(face.family, [...(families.get(face.family) ?? []), face]);
  const regulars = [...families.values()].map((faces) => closest(faces, 80, false)).filter((f) => f !== undefined);
  let remaining = first ? chars.filter((cp) => !has(first.face, cp)) : chars;
  /** @type {string[]} */
  const chain = first ? [first.name] : [];
  const used = new Set(first ? [first.face.family] : []);
  const fonts = [];
  while (remaining.length) {
    const scored = regulars.filter((f) => !used.has(f.family))
      .map((face) => ({ face, covers: remaining.filter((cp) => has(face, cp)).length }))
      .filter((s) => s.covers > 0)
      .sort((a, b) => tier(a.face) - tier(b.face) || b.covers - a.covers || (a.face.family < b.face.family ? -1 : 1));
    if (!scored.length) break;
    const { face } = scored[0];
    chain.push(face.family);
    used.add(face.family);
    fonts.push({ name: face.family, file: face.file });
    const faces = /** @type {InstalledFace[]} */ (families.get(face.family));
    for (const [weight, italic, suffix] of /** @type {const} */ ([[200, false, ' Bold'], [80, true, ' Italic'], [200, true, ' Bold Italic']])) {
      const styled = closest(faces, weight, italic);
      if (styled) fonts.push({ name: `${face.family}${suffix}`, file: styled.file });
    }
    remaining = remaining.filter((cp) => !has(face, cp));
  }
  return { chain, fonts, missing: remaining };
}
