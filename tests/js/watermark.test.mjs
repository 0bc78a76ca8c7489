// Watermarks, read back from the PDF with pdf.js: the text on every page (or the first)
// at the angle and size asked, centred on the page, in its colour at its opacity (the
// graphics state in force), marked as an artifact, behind or over the content (its place
// in the page's operators); and through a supplied font, its glyphs embedded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render, validate } from 'snapdf';

const { OPS } = pdfjs;
const [W, H] = [595.276, 841.89]; // A4 in points
const DEJAVU = '/usr/share/fonts/truetype/dejavu';

/** Each page's watermark runs: text, matrix, size, colour, opacity, whether inside an Artifact, and the index of its operator among the page's text shows. */
async function watermarks(pdf) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const list = await page.getOperatorList();
    const shows = [];
    let [matrix, size, fill, alpha, artifact] = [null, 0, null, 1, false];
    const stack = [];
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i];
      if (fn === OPS.save) stack.push(alpha);
      if (fn === OPS.restore) alpha = stack.pop() ?? 1;
      if (fn === OPS.setGState) for (const [k, v] of args[0]) if (k === 'ca') alpha = v;
      if (fn === OPS.setTextMatrix) matrix = args.length >= 6 ? args : args[0];
      if (fn === OPS.setFont) size = args[1];
      if (fn === OPS.setFillRGBColor) fill = [args[0], args[1], args[2]];
      if (fn === OPS.beginMarkedContentProps && args[0] === 'Artifact') artifact = true;
      if (fn === OPS.endMarkedContent) artifact = false;
      if (fn === OPS.showText) {
        const str = args[0].map((g) => (typeof g === 'object' ? g.unicode : '')).join('');
        shows.push({ str, matrix: matrix && Array.from(matrix), size, fill, alpha, artifact });
      }
    });
    pages.push(shows);
  }
  await doc.destroy();
  return pages;
}

const blocks = [{ type: 'paragraph', text: 'Terms of the lease.' }, { type: 'pageBreak' }, { type: 'paragraph', text: 'Signatures.' }];

test('a watermark lies along the diagonal of every page, centred, faint, behind the text, as an artifact', async () => {
  const pages = await watermarks(render({ title: 'Lease', page: { watermark: 'CONFIDENTIAL' }, blocks }).pdf);
  assert.equal(pages.length, 2);
  for (const shows of pages) {
    const marks = shows.filter((s) => s.str === 'CONFIDENTIAL');
    assert.equal(marks.length, 1, JSON.stringify(shows.map((s) => s.str)));
    const [mark] = marks;
    assert.ok(mark.artifact, 'inside /Artifact BDC … EMC');
    assert.equal(mark.alpha, 0.15);
    assert.deepEqual(mark.fill, [128, 128, 128]);
    const [a, b, c, d, x, y] = mark.matrix;
    const angle = Math.atan2(H, W);
    assert.ok(Math.abs(Math.atan2(b, a) - angle) < 1e-3 && Math.abs(c + b) < 1e-4 && Math.abs(d - a) < 1e-4, `turned along the diagonal: ${mark.matrix}`);
    // Helvetica-Bold.afm: C 722 O 778 N 722 F 611 I 278 D 722 E 667 N 722 T 611 I 278 A 722 L 611.
    const perPoint = 7.444;
    assert.ok(Math.abs(mark.size * perPoint - 0.7 * Math.hypot(W, H)) < 0.05, `spans 70 % of the diagonal: ${mark.size}`);
    // The middle of the line of capitals (cap height 718/1000) at the page's centre.
    const [w, rise] = [mark.size * perPoint / 2, 0.718 * mark.size / 2];
    const centre = [x + a * w - b * rise, y + b * w + a * rise];
    assert.ok(Math.abs(centre[0] - W / 2) < 0.05 && Math.abs(centre[1] - H / 2) < 0.05, `centred: ${centre}`);
    // Behind: shown before the page's own text.
    assert.equal(shows.indexOf(mark), 0);
  }
});

test('angle, size, colour, opacity, over the content, and the first page only, as asked', async () => {
  const watermark = { text: 'DRAFT', angle: 30, size: 60, color: '#c0392b', opacity: 0.3, over: true, firstPageOnly: true };
  const pages = await watermarks(render({ title: 'Lease', page: { watermark }, blocks }).pdf);
  const [first, second] = pages;
  const mark = first.find((s) => s.str === 'DRAFT');
  assert.ok(mark);
  assert.equal(mark.size, 60);
  assert.equal(mark.alpha, 0.3);
  assert.deepEqual(mark.fill, [192, 57, 43]);
  assert.ok(Math.abs(Math.atan2(mark.matrix[1], mark.matrix[0]) - Math.PI / 6) < 1e-3);
  assert.equal(first.at(-1), mark, 'over: shown after the page’s text');
  assert.ok(!second.some((s) => s.str === 'DRAFT'), 'not on the second page');
  // The text after the watermark is opaque again.
  assert.ok(first.filter((s) => s !== mark).every((s) => s.alpha === 1));
});

test('a watermark takes the theme’s accent, and the fonts of the document', async () => {
  const themed = await watermarks(render({ title: 'Lease', theme: { accent: '#2e8b57' }, page: { watermark: 'COPY' }, blocks }).pdf);
  assert.deepEqual(themed[0].find((s) => s.str === 'COPY').fill, [46, 139, 87]);
  const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f, i) => ({ name: i ? 'DejaVu Sans Bold' : 'DejaVu Sans', data: new Uint8Array(readFileSync(join(DEJAVU, f))) }));
  const cyrillic = render({ title: 'Договор', font: 'DejaVu Sans', page: { watermark: 'ЧЕРНОВИК' }, blocks: [{ type: 'paragraph', text: 'Текст.' }] }, { fonts });
  const [shows] = await watermarks(cyrillic.pdf);
  assert.ok(shows.some((s) => s.str === 'ЧЕРНОВИК' && s.artifact), JSON.stringify(shows.map((s) => s.str)));
  assert.deepEqual(cyrillic.warnings, []);
});

test('a long watermark is set no smaller than half a point', async () => {
  const [shows] = await watermarks(render({ title: 'Long', page: { watermark: 'W'.repeat(3000) }, blocks: [] }).pdf);
  const mark = shows.find((s) => s.str.startsWith('WWW'));
  assert.equal(mark.size, 0.5);
});

test('a bad watermark is refused at its path', () => {
  const cases = [
    [{ text: 'X', opacity: 2 }, 'page.watermark.opacity', '2 is not an opacity (0 to 1)'],
    [{ text: '  ', opacity: 0.2 }, 'page.watermark.text', 'must not be empty'],
    ['  ', 'page.watermark', 'must not be empty'],
    [{ text: 'X', angel: 3 }, 'page.watermark.angel', 'did you mean `angle`?'],
  ];
  for (const [watermark, path, words] of cases) {
    assert.throws(() => validate({ title: 'T', page: { watermark } }), (e) => {
      assert.equal(e.code, 'INVALID_SNAPSHOT');
      assert.equal(e.path, path);
      assert.ok(e.message.includes(words), e.message);
      return true;
    });
  }
});
