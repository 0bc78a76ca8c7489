// World scripts checked against HarfBuzz: Arabic, Hebrew with numbers, Devanagari and
// Thai lines set in supplied fonts (Debian's fonts-noto-core and fonts-dejavu-core) are
// shaped with hb-shape (libharfbuzz-bin) itself, run by run in the visual order UAX #9
// gives, and the PDF must show the same glyphs (identified by their outlines: the
// embedded subset's glyph against the font file's, read with fontkit) at the same
// positions (pdf.js's operator list: moves, TJ adjustments and text rise). pdftotext
// gives back the text as written, and no glyph shown is the missing glyph.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as fontkit from 'fontkit';
import { PDFDict, PDFDocument, PDFName, decodePDFRawStream } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render } from 'snapdf';
import { pdfPageTexts, qpdfCheck, tempDir } from './helpers.mjs';

const { OPS } = pdfjs;
const NOTO = '/usr/share/fonts/truetype/noto';
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const SIZE = 10; // the body's size in points

/** A supplied font: its name in the snapshot, its file and bytes. */
const font = (name, file) => ({ name, file, data: new Uint8Array(readFileSync(file)) });
const dejavu = font('DejaVu Sans', DEJAVU);

/**
 * The samples: a line, the font it is set in, and its runs in visual order (left to
 * right on the page) with their directions, as UAX #9 orders them.
 */
const SAMPLES = [
  {
    name: 'Arabic (joining, lam-alef ligature)',
    font: font('Noto Sans Arabic', join(NOTO, 'NotoSansArabic-Regular.ttf')),
    text: 'السلام عليكم',
    runs: [['السلام عليكم', 'rtl']],
  },
  {
    // poppler splits Arabic marks from their letters whatever the order they are drawn
    // in (it joins only spacing accents to a letter): the glyphs and positions are
    // checked, the extracted text is not.
    name: 'Arabic with marks in DejaVu Sans',
    font: dejavu,
    text: 'بِسْمِ اللَّهِ',
    runs: [['بِسْمِ اللَّهِ', 'rtl']],
    extracted: false,
  },
  {
    name: 'Hebrew with points in DejaVu Sans',
    font: dejavu,
    text: 'שָׁלוֹם עוֹלָם',
    runs: [['שָׁלוֹם עוֹלָם', 'rtl']],
  },
  {
    // Rules W7, N1 and I2: each number is a left-to-right run inside the right-to-left
    // paragraph, and the spaces between take the paragraph's direction.
    name: 'Hebrew with numbers',
    font: dejavu,
    text: 'שלום עולם 2024 מספר 123',
    runs: [['123', 'ltr'], [' מספר ', 'rtl'], ['2024', 'ltr'], ['שלום עולם ', 'rtl']],
  },
  {
    name: 'Devanagari (conjuncts, a vowel sign before its consonant)',
    font: font('Noto Sans Devanagari', join(NOTO, 'NotoSansDevanagari-Regular.ttf')),
    text: 'नमस्ते दुनिया हिन्दी',
    runs: [['नमस्ते दुनिया हिन्दी', 'ltr']],
  },
  {
    name: 'Thai (marks stacked above and below)',
    font: font('Noto Sans Thai', join(NOTO, 'NotoSansThai-Regular.ttf')),
    text: 'สวัสดีชาวโลก น้ำ',
    runs: [['สวัสดีชาวโลก น้ำ', 'ltr']],
  },
];

/** HarfBuzz's glyphs for `text` in `file`, in visual order (font units). */
function hbShape(file, text, direction) {
  const out = execFileSync('hb-shape', ['--output-format=json', '--no-glyph-names', `--direction=${direction}`, file, text], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** The embedded font programs of `pdf` (FontFile2), by PostScript name without the subset tag. */
async function embeddedFonts(pdf) {
  const doc = await PDFDocument.load(pdf);
  const found = {};
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor') continue;
    const file = obj.get(PDFName.of('FontFile2'));
    if (!file) continue;
    const data = decodePDFRawStream(doc.context.lookup(file)).decode();
    found[obj.get(PDFName.of('FontName')).toString().split('+')[1]] = fontkit.create(Buffer.from(data));
  }
  return found;
}

/**
 * Every glyph pdf.js's operator list shows on page 1: its font's PostScript name, its
 * CID, and its origin (x from the text moves and adjustments, baseline y, rise).
 */
async function shownGlyphs(pdf) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const list = await page.getOperatorList();
  const glyphs = [];
  let name;
  let size;
  let x = 0;
  let y = 0;
  let rise = 0;
  let pen = 0; // the text matrix's x: from the line's start (Td), moved by what is shown
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i];
    if (fn === OPS.setFont) [name, size] = [page.commonObjs.get(args[0]).name.split('+')[1], args[1]];
    if (fn === OPS.moveText) [x, y, pen] = [x + args[0], y + args[1], x + args[0]];
    if (fn === OPS.setTextRise) rise = args[0];
    if (fn !== OPS.showText) return;
    for (const g of args[0]) {
      if (typeof g === 'number') {
        pen -= (g * size) / 1000;
        continue;
      }
      glyphs.push({ font: name, cid: g.originalCharCode, x: pen, y, rise, width: (g.width * size) / 1000 });
      pen += (g.width * size) / 1000;
    }
  });
  await doc.destroy();
  return glyphs;
}

/** A glyph's outline as SVG path data: the same glyph in a subset has the same one. */
const outline = (face, id) => face.getGlyph(id).path.toSVG();

for (const sample of SAMPLES) {
  test(`${sample.name}: the glyphs and positions HarfBuzz gives`, async () => {
    const fonts = sample.font === dejavu ? [dejavu] : [sample.font, dejavu];
    const snapshot = {
      title: 'Test',
      font: fonts.map((f) => f.name),
      blocks: [{ type: 'paragraph', text: sample.text }],
    };
    const { pdf } = render(snapshot, { fonts: fonts.map(({ name, data }) => ({ name, data })) });
    const original = fontkit.create(Buffer.from(sample.font.data));
    const subsets = await embeddedFonts(pdf);
    const subset = subsets[original.postscriptName];
    assert.ok(subset, `${original.postscriptName} embedded (${Object.keys(subsets)})`);

    // The reference: each run shaped by HarfBuzz in its direction, placed one after another.
    const scale = SIZE / original.unitsPerEm;
    const expected = [];
    let pen = 0;
    for (const [text, direction] of sample.runs) {
      for (const g of hbShape(sample.font.file, text, direction)) {
        expected.push({ outline: outline(original, g.g), x: (pen + g.dx) * scale, rise: g.dy * scale, gid: g.g });
        pen += g.ax;
      }
    }
    assert.ok(expected.every((g) => g.gid !== 0), 'HarfBuzz finds every character in the font');

    // The PDF: the glyphs on the paragraph's baseline (the line below the title's).
    const shown = await shownGlyphs(pdf);
    const baselines = [...new Set(shown.map((g) => g.y))].sort((a, b) => b - a);
    const line = shown.filter((g) => g.y === baselines[1] && g.font === original.postscriptName);
    const start = Math.min(...line.map((g) => g.x)) - Math.min(...expected.map((g) => g.x));
    const actual = line.map((g) => ({ outline: outline(subset, g.cid), x: g.x - start, rise: g.rise, cid: g.cid }));

    assert.equal(actual.length, expected.length, 'as many glyphs as HarfBuzz gives');
    assert.ok(actual.every((g) => g.cid !== 0), 'no missing glyph is shown');
    // Each of HarfBuzz's glyphs is drawn once, where HarfBuzz puts it (a mark may be
    // drawn after its base, so the order of drawing is not compared).
    const unused = new Set(actual.keys());
    expected.forEach((e, i) => {
      const found = [...unused].find((k) => actual[k].outline === e.outline && Math.abs(actual[k].x - e.x) < 0.02 && Math.abs(actual[k].rise - e.rise) < 0.02);
      assert.ok(found !== undefined, `HarfBuzz's glyph ${i} (${e.gid}) at x ${e.x.toFixed(3)}, raised ${e.rise.toFixed(3)}: not in the PDF (${JSON.stringify(actual.map((a) => [a.x.toFixed(3), a.rise.toFixed(3)]))})`);
      unused.delete(found);
    });

    // The text as written comes back from pdftotext.
    const file = join(tempDir(), 'out.pdf');
    writeFileSync(file, pdf);
    assert.ok(qpdfCheck(file), 'qpdf --check');
    // Canonically equivalent text is the same text (marks of different classes may come
    // back in another order).
    const text = pdfPageTexts(file)[0].replace(/[\u202a-\u202e]/g, '').normalize('NFD');
    if (sample.extracted === false) return;
    for (const [run] of sample.runs.filter(([, d]) => d === 'rtl')) {
      for (const word of run.trim().split(' ')) assert.ok(text.includes(word.normalize('NFD')), `${word} in ${JSON.stringify(text)}`);
    }
    if (sample.runs.length === 1) assert.ok(text.includes(sample.text.normalize('NFD')), `${sample.text} in ${JSON.stringify(text)}`);
  });
}

test('a right-to-left paragraph is set flush right, a left-to-right one flush left', async () => {
  const snapshot = {
    title: 'Test',
    font: 'DejaVu Sans',
    blocks: [
      { type: 'paragraph', text: 'שלום עולם' },
      { type: 'paragraph', text: 'Hello world' },
      { type: 'paragraph', text: 'שלום עולם', align: 'left' },
    ],
  };
  const { pdf } = render(snapshot, { fonts: [{ name: dejavu.name, data: dejavu.data }] });
  const shown = await shownGlyphs(pdf);
  const lines = [...new Set(shown.map((g) => g.y))].sort((a, b) => b - a).slice(1, 4);
  const [hebrew, latin, left] = lines.map((y) => shown.filter((g) => g.y === y));
  // A4 with 50 pt margins: the content runs from x 50 to 545.28.
  const right = Math.max(...hebrew.map((g) => g.x + g.width));
  assert.ok(Math.abs(right - 545.28) < 0.05, `the Hebrew line ends at ${right}, the right margin`);
  assert.equal(latin[0].x, 50);
  assert.equal(left[0].x, 50, 'align "left" keeps a right-to-left line flush left');
});

/** The text pieces of page 1 with pdf.js's positions: string, left x, baseline y. */
async function pieces(pdf) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  await doc.destroy();
  return content.items.filter((i) => i.str.trim() !== '').map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], width: i.width }));
}

test('a right-to-left document mirrors tables and lists: first column and markers on the right', async () => {
  const table = { type: 'table', columns: [{ header: 'First' }, { header: 'Second' }, { header: 'Amount' }], rows: [['alpha', 'beta', 12], ['gamma', 'delta', 7]] };
  const list = { type: 'bulletList', items: ['one item', 'another item'] };
  const numbered = { type: 'numberedList', items: ['first', 'second'] };
  const at = (found, str) => found.find((p) => p.str === str) ?? assert.fail(`no "${str}" in ${JSON.stringify(found.map((p) => p.str))}`);
  const rtl = await pieces(render({ title: 'Mirrored', dir: 'rtl', blocks: [table, list, numbered] }).pdf);
  const ltr = await pieces(render({ title: 'Mirrored', blocks: [table, list, numbered] }).pdf);
  const right = 545.28; // A4's width less the 50 pt margin
  // Left to right: First, Second, Amount from the left margin; mirrored: from the right.
  assert.ok(at(ltr, 'First').x < at(ltr, 'Second').x && at(ltr, 'Second').x < at(ltr, 'Amount').x);
  assert.ok(at(rtl, 'First').x > at(rtl, 'Second').x && at(rtl, 'Second').x > at(rtl, 'Amount').x);
  // Text cells are flush right (where their lines start), numbers flush left.
  const first = at(rtl, 'alpha');
  assert.ok(first.x + first.width > right - 6 && first.x + first.width <= right, `alpha ends at ${first.x + first.width}`);
  assert.ok(at(rtl, '12').x < at(rtl, 'Amount').x + 1, 'the number is set flush left in its column');
  // Bullets and numbers sit right of their items; the title is flush right.
  const bullet = rtl.find((p) => p.str === '•');
  assert.ok(bullet && bullet.x > at(rtl, 'one item').x + at(rtl, 'one item').width, 'the bullet is right of its item');
  const number = at(rtl, '1.');
  assert.ok(number.x > at(rtl, 'first').x + at(rtl, 'first').width, 'the number is right of its item');
  const title = at(rtl, 'Mirrored');
  assert.ok(Math.abs(title.x + title.width - right) < 0.5, `the title ends at ${title.x + title.width}`);
  assert.equal(at(ltr, 'Mirrored').x, 50);
});

test('dir on a key/value block, or on a box for the blocks in it, mirrors them alone', async () => {
  const kv = { type: 'keyValue', items: [{ key: 'Owner', value: 'Ann' }] };
  const found = await pieces(render({
    title: 'Parts',
    blocks: [
      { ...kv, dir: 'rtl' },
      { type: 'box', dir: 'rtl', blocks: [{ type: 'bulletList', items: ['boxed item'] }] },
      { type: 'keyValue', items: [{ key: 'Plain', value: 'left' }] },
    ],
  }).pdf);
  const at = (str) => found.find((p) => p.str === str) ?? assert.fail(`no "${str}" in ${JSON.stringify(found.map((p) => p.str))}`);
  assert.ok(at('Owner').x > at('Ann').x, 'the key is right of its value');
  assert.ok(at('Plain').x < at('left').x, 'a block without dir keeps its key on the left');
  const bullet = found.filter((p) => p.str === '•').at(0);
  assert.ok(bullet && bullet.x > at('boxed item').x, 'the list in the box has its bullet on the right');
});

test('justified text in the document\'s language is hyphenated; the language is the PDF\'s /Lang', async () => {
  const text = 'Hyphenation lets justified text keep its spaces even: long words such as internationalization, responsibilities and characteristically are broken between their syllables where a line would otherwise stretch.';
  const snapshot = (lang) => ({ title: 'Hyphens', ...(lang && { lang }), page: { margins: 200 }, blocks: [{ type: 'paragraph', text, align: 'justify' }] });
  const lines = (pdf) => {
    const file = join(tempDir(), 'out.pdf');
    writeFileSync(file, pdf);
    return pdfPageTexts(file)[0].split('\n').filter((l) => l.trim() !== '');
  };
  const english = render(snapshot('en-GB')).pdf;
  const broken = lines(english).filter((l) => /\w-$/.test(l));
  assert.ok(broken.length >= 2, `lines end in hyphens: ${JSON.stringify(lines(english))}`);
  // Rejoined, the words are the text's own.
  assert.equal(lines(english).slice(1, -1).join(' ').replace(/- /g, '').replace(/\s+/g, ' ').includes('internationalization'), true);
  assert.ok(!lines(render(snapshot()).pdf).some((l) => /\w-$/.test(l)), 'no language, no hyphens');
  assert.ok(!lines(render(snapshot('de')).pdf).some((l) => /\w-$/.test(l)), 'German is not hyphenated (no patterns)');
  const catalog = (await PDFDocument.load(english)).catalog;
  assert.equal(catalog.get(PDFName.of('Lang'))?.decodeText(), 'en-GB', 'the catalog names the language');
});
