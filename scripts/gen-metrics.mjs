#!/usr/bin/env node
// Generates src/layout/afm_widths.rs from the Adobe Core14 AFM files in data/afm/.
//
// Each table maps a WinAnsiEncoding code (PDF 32000-1:2008, Annex D.2) to the glyph's
// advance width (WX) in 1/1000 em. Run `node scripts/gen-metrics.mjs` after changing
// the AFM files or the glyph-name table below; the output is committed.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);

// WinAnsiEncoding code -> glyph name, PDF 32000-1:2008 Annex D.2. Codes 0x81, 0x8D,
// 0x8F, 0x90 and 0x9D are undefined; 0xA0 (no-break space) is "space" and 0xAD (soft
// hyphen) is "hyphen", as the footnotes of Annex D.2 state.
const ascii = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';
const asciiNames = ['space', 'exclam', 'quotedbl', 'numbersign', 'dollar', 'percent', 'ampersand',
  'quotesingle', 'parenleft', 'parenright', 'asterisk', 'plus', 'comma', 'hyphen', 'period', 'slash',
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'colon', 'semicolon',
  'less', 'equal', 'greater', 'question', 'at', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'bracketleft',
  'backslash', 'bracketright', 'asciicircum', 'underscore', 'grave', ...'abcdefghijklmnopqrstuvwxyz',
  'braceleft', 'bar', 'braceright', 'asciitilde'];
if (asciiNames.length !== ascii.length) throw new Error('ASCII glyph table is out of step');
const high = {
  0x80: 'Euro', 0x82: 'quotesinglbase', 0x83: 'florin', 0x84: 'quotedblbase', 0x85: 'ellipsis',
  0x86: 'dagger', 0x87: 'daggerdbl', 0x88: 'circumflex', 0x89: 'perthousand', 0x8a: 'Scaron',
  0x8b: 'guilsinglleft', 0x8c: 'OE', 0x8e: 'Zcaron', 0x91: 'quoteleft', 0x92: 'quoteright',
  0x93: 'quotedblleft', 0x94: 'quotedblright', 0x95: 'bullet', 0x96: 'endash', 0x97: 'emdash',
  0x98: 'tilde', 0x99: 'trademark', 0x9a: 'scaron', 0x9b: 'guilsinglright', 0x9c: 'oe',
  0x9e: 'zcaron', 0x9f: 'Ydieresis',
};
const latin1 = ['space', 'exclamdown', 'cent', 'sterling', 'currency', 'yen', 'brokenbar', 'section',
  'dieresis', 'copyright', 'ordfeminine', 'guillemotleft', 'logicalnot', 'hyphen', 'registered',
  'macron', 'degree', 'plusminus', 'twosuperior', 'threesuperior', 'acute', 'mu', 'paragraph',
  'periodcentered', 'cedilla', 'onesuperior', 'ordmasculine', 'guillemotright', 'onequarter',
  'onehalf', 'threequarters', 'questiondown', 'Agrave', 'Aacute', 'Acircumflex', 'Atilde',
  'Adieresis', 'Aring', 'AE', 'Ccedilla', 'Egrave', 'Eacute', 'Ecircumflex', 'Edieresis', 'Igrave',
  'Iacute', 'Icircumflex', 'Idieresis', 'Eth', 'Ntilde', 'Ograve', 'Oacute', 'Ocircumflex', 'Otilde',
  'Odieresis', 'multiply', 'Oslash', 'Ugrave', 'Uacute', 'Ucircumflex', 'Udieresis', 'Yacute', 'Thorn',
  'germandbls', 'agrave', 'aacute', 'acircumflex', 'atilde', 'adieresis', 'aring', 'ae', 'ccedilla',
  'egrave', 'eacute', 'ecircumflex', 'edieresis', 'igrave', 'iacute', 'icircumflex', 'idieresis', 'eth',
  'ntilde', 'ograve', 'oacute', 'ocircumflex', 'otilde', 'odieresis', 'divide', 'oslash', 'ugrave',
  'uacute', 'ucircumflex', 'udieresis', 'yacute', 'thorn', 'ydieresis'];

const names = new Array(256).fill(null);
asciiNames.forEach((n, i) => { names[0x20 + i] = n; });
for (const [code, n] of Object.entries(high)) names[Number(code)] = n;
latin1.forEach((n, i) => { names[0xa0 + i] = n; });

// The 1997 Core14 AFM files predate the euro sign. Its width is taken from the
// metric-compatible substitutes viewers use: 556 in URW Nimbus Sans and Liberation Sans
// (Helvetica), 500 in Liberation Serif, all four styles (Times).
const fallbacks = { Helvetica: { Euro: 556 }, Times: { Euro: 500 } };

function widths(file) {
  const fallback = fallbacks[file.split('-')[0]];
  const text = readFileSync(new URL(`data/afm/${file}`, root), 'latin1');
  const byName = new Map();
  for (const line of text.split(/\r?\n/)) {
    const m = /^C\s+-?\d+\s*;\s*WX\s+(\d+)\s*;\s*N\s+(\S+)/.exec(line);
    if (m) byName.set(m[2], Number(m[1]));
  }
  return names.map((n) => {
    if (n === null) return 0;
    const w = byName.get(n) ?? fallback[n];
    if (w === undefined) throw new Error(`${file}: no width for glyph ${n}`);
    return w;
  });
}

function table(name, file) {
  const rows = [];
  const w = widths(file);
  for (let i = 0; i < 256; i += 16) rows.push(`    ${w.slice(i, i + 16).join(', ')},`);
  return `/// Advance widths of ${file.replace('.afm', '')} in 1/1000 em, indexed by WinAnsiEncoding code.\n` +
    `///\n/// Source: Adobe Core14 AFM \`${file}\` (version 002.000), glyph names per PDF 32000-1:2008 Annex D.2.\n` +
    `/// Undefined codes have width 0; the layout never produces them.\n` +
    `pub static ${name}: [u16; 256] = [\n${rows.join('\n')}\n];\n`;
}

const tables = [
  ['HELVETICA', 'Helvetica.afm'],
  ['HELVETICA_BOLD', 'Helvetica-Bold.afm'],
  ['TIMES_ROMAN', 'Times-Roman.afm'],
  ['TIMES_BOLD', 'Times-Bold.afm'],
  ['TIMES_ITALIC', 'Times-Italic.afm'],
  ['TIMES_BOLD_ITALIC', 'Times-BoldItalic.afm'],
];
const out = `// @generated by scripts/gen-metrics.mjs from data/afm/*.afm. Do not edit by hand.\n\n` +
  tables.map(([name, file]) => table(name, file)).join('\n');
writeFileSync(new URL('src/layout/afm_widths.rs', root), out);
console.log('wrote src/layout/afm_widths.rs');
