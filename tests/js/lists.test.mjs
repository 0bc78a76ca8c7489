// List markers, read back from the PDF with pdf.js: numbers as letters and Roman
// numerals right-aligned in the indent, bullets as glyphs (disc, dash) or drawn shapes
// (a hollow circle stroked, a square filled) where the bullet glyph would be, in the
// marker colour while the items keep theirs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render, validate } from 'snapdf';

const { OPS } = pdfjs;

/**
 * Page 1's text runs (string, colour, x, right end, baseline y: from the text-positioning
 * operators, as snapdf writes only relative moves inside one text object), filled
 * rectangles and stroked paths.
 */
async function readBack(pdf) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const list = await page.getOperatorList();
  const [runs, rects, strokes] = [[], [], []];
  let [fill, stroke, path, size, x, y] = [[0, 0, 0], [0, 0, 0], null, 0, 0, 0];
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i];
    if (fn === OPS.setFillRGBColor) fill = [args[0], args[1], args[2]];
    if (fn === OPS.setStrokeRGBColor) stroke = [args[0], args[1], args[2]];
    if (fn === OPS.constructPath) path = args;
    if (fn === OPS.fill && path) path[0].forEach((op, k) => { if (op === OPS.rectangle) rects.push({ color: fill, rect: path[1].slice(4 * k, 4 * k + 4) }); });
    if (fn === OPS.stroke && path) strokes.push({ color: stroke, points: path[1].length / 2 });
    if (fn === OPS.beginText) [x, y] = [0, 0];
    if (fn === OPS.moveText) [x, y] = [x + args[0], y + args[1]];
    if (fn === OPS.setFont) size = args[1];
    if (fn === OPS.showText) {
      const glyphs = args[0].filter((g) => typeof g === 'object');
      const width = glyphs.reduce((w, g) => w + g.width, 0) * size / 1000;
      runs.push({ str: glyphs.map((g) => g.unicode).join(''), color: fill, x, right: x + width, y });
    }
  });
  await doc.destroy();
  return { runs, rects, strokes };
}

const items = (n) => Array.from({ length: n }, (_, i) => `Item ${i + 1}`);

test('numbers as letters and Roman numerals, from the start asked, right-aligned in the indent', async () => {
  const cases = [
    ['lowerAlpha', 3, ['c.', 'd.', 'e.']],
    ['upperAlpha', 25, ['Y.', 'Z.', 'AA.']],
    ['upperRoman', 7, ['VII.', 'VIII.', 'IX.']],
    ['lowerRoman', 1, ['i.', 'ii.', 'iii.']],
  ];
  for (const [marker, start, labels] of cases) {
    const found = await readBack(render({ title: 'Lists', blocks: [{ type: 'numberedList', marker, start, items: items(3) }] }).pdf);
    const shown = found.runs.filter((r) => labels.includes(r.str));
    assert.deepEqual(shown.map((r) => r.str), labels, marker);
    const rights = shown.map((r) => r.right);
    assert.ok(rights.every((r) => Math.abs(r - rights[0]) < 0.01), `${marker}: right-aligned: ${rights}`);
    const texts = found.runs.filter((r) => r.str.startsWith('Item '));
    assert.ok(texts.every((t) => t.x > rights[0] && Math.abs(t.x - texts[0].x) < 0.01), `${marker}: the items after the numbers, in one column`);
  }
});

test('bullets: glyphs for disc and dash, drawn circles and squares, in the marker colour', async () => {
  const block = (marker) => ({ type: 'bulletList', marker, markerColor: '#c0392b', items: items(2) });
  const red = [192, 57, 43];
  const disc = await readBack(render({ title: 'Lists', blocks: [block('disc')] }).pdf);
  assert.deepEqual(disc.runs.filter((r) => r.str === '•').map((r) => r.color), [red, red]);
  assert.ok(disc.runs.filter((r) => r.str.startsWith('Item ')).every((r) => r.color.join() !== red.join()), 'the items keep their colour');
  const dash = await readBack(render({ title: 'Lists', blocks: [block('dash')] }).pdf);
  assert.equal(dash.runs.filter((r) => r.str === '–').length, 2);
  const square = await readBack(render({ title: 'Lists', blocks: [block('square')] }).pdf);
  const squares = square.rects.filter((r) => r.color.join() === red.join());
  assert.equal(squares.length, 2);
  for (const { rect: [, , w, h] } of squares) assert.ok(Math.abs(w - h) < 1e-6 && Math.abs(w - 2.6) < 0.01, `a 2.6 pt square at 10 pt: ${w} x ${h}`);
  const circle = await readBack(render({ title: 'Lists', blocks: [block('circle')] }).pdf);
  const circles = circle.strokes.filter((s) => s.color.join() === red.join());
  assert.equal(circles.length, 2);
  assert.ok(circles.every((c) => c.points === 25), 'closed 24-sided outlines');
  // The square sits where the bullet glyph does: its centre 1.755 pt after the bullet's x.
  const glyph = disc.runs.find((r) => r.str === '•');
  const [x, y] = squares[0].rect;
  assert.ok(Math.abs(x + 1.3 - (glyph.x + 1.755)) < 0.01 && Math.abs(y + 1.3 - (glyph.y + 3.61)) < 0.01, `centred on the glyph: ${squares[0].rect} vs ${glyph.x},${glyph.y}`);
});

test('the indent and the gap after the marks grow with the items’ size', async () => {
  const at = async (size) => {
    const found = await readBack(render({ title: 'Lists', theme: { list: { size } }, blocks: [{ type: 'bulletList', marker: 'dash', items: ['dash'] }] }).pdf);
    const [dash, text] = [found.runs.find((r) => r.str === '–'), found.runs.find((r) => r.str === 'dash')];
    return { gap: text.x - dash.right, indent: text.x - 50 };
  };
  const [small, large] = [await at(10), await at(30)];
  assert.ok(small.gap > 0 && Math.abs(large.gap - 3 * small.gap) < 0.01, `the gap triples: ${small.gap} -> ${large.gap}`);
  assert.ok(Math.abs(large.indent - 3 * small.indent) < 0.01, `the indent triples: ${small.indent} -> ${large.indent}`);
});

test('a bad marker is refused at its path', () => {
  assert.throws(() => validate({ title: 'T', blocks: [{ type: 'bulletList', marker: 'star', items: ['a'] }] }), (e) => e.path === 'blocks[0].marker' && /disc/.test(e.message));
  assert.throws(() => validate({ title: 'T', blocks: [{ type: 'numberedList', marker: 'disc', items: ['a'] }] }), (e) => e.path === 'blocks[0].marker' && /decimal/.test(e.message));
});
