// Table spans, header rows, cell styles and borders, read back from the PDF: each
// cell's background and the text over it from pdf.js's operator list (a spanning
// cell's fill covers exactly its columns or rows, as the single cells beside it mark
// them), colours as given, rows a span joins moving to the next page as one under the
// repeated header, and errors that name the span at fault.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render, validate } from 'snapdf';

const { OPS } = pdfjs;

/** Each page's filled rectangles, stroked lines and shown strings, with their colours and positions. */
async function readBack(pdf) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const list = await page.getOperatorList();
    const rects = [];
    const strokes = [];
    const texts = [];
    let fill;
    let stroke;
    let path;
    let at = [0, 0];
    let font;
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i];
      if (fn === OPS.setFillRGBColor) fill = [...args].slice(0, 3);
      if (fn === OPS.setFont) font = page.commonObjs.get(args[0]).name;
      if (fn === OPS.setStrokeRGBColor) stroke = [...args].slice(0, 3);
      if (fn === OPS.constructPath) path = args;
      if (fn === OPS.fill && path) {
        const [ops, coords] = path;
        ops.forEach((op, k) => {
          if (op !== OPS.rectangle) return;
          const [x, y, w, h] = coords.slice(4 * k, 4 * k + 4);
          rects.push({ color: fill, x0: x, x1: x + w, y0: y, y1: y + h });
        });
      }
      if (fn === OPS.stroke && path) strokes.push({ color: stroke, coords: [...path[1]] });
      if (fn === OPS.moveText) at = [at[0] + args[0], at[1] + args[1]];
      if (fn === OPS.beginText) at = [0, 0];
      if (fn === OPS.showText) {
        const str = args[0].map((g) => g.unicode ?? '').join('');
        texts.push({ str, color: fill, font, x: at[0], y: at[1] });
      }
    });
    pages.push({ rects, strokes, texts, words: (await page.getTextContent()).items.map((t) => t.str).join(' ') });
  }
  await doc.destroy();
  return pages;
}

const hex = (rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 0.01, `${what}: ${a} is not ${b}`);
/** The one filled rectangle of colour `color` on `page`. */
function rectOf(page, color) {
  const found = page.rects.filter((r) => hex(r.color) === color);
  assert.equal(found.length, 1, `one ${color} rectangle, found ${found.length}`);
  return found[0];
}
const textOf = (page, str) => {
  const found = page.texts.find((t) => t.str === str);
  assert.ok(found, `"${str}" is shown`);
  return found;
};

test('a colSpan cell covers exactly its columns, fill and text', async () => {
  const fills = ['#ff0000', '#00ff00', '#0000ff', '#ffff00'];
  const snapshot = {
    title: 'Spans',
    blocks: [{
      type: 'table',
      columns: ['A', 'B', 'C', 'D'],
      rows: [
        fills.map((fill, i) => ({ text: `cell ${i}`, fill })),
        ['left', { text: 'SPANNING', colSpan: 2, fill: '#ff00ff', align: 'center' }, 'right'],
      ],
    }],
  };
  const [page] = await readBack(render(snapshot).pdf);
  const span = rectOf(page, '#ff00ff');
  const [b, c] = [rectOf(page, fills[1]), rectOf(page, fills[2])];
  near(span.x0, b.x0, 'the span starts where column B does');
  near(span.x1, c.x1, 'and ends where column C does');
  near(b.x1, c.x0, 'B and C touch');
  const text = textOf(page, 'SPANNING');
  assert.ok(text.x > span.x0 && text.x < (span.x0 + span.x1) / 2, 'centred in the span: it starts in its left half');
  assert.ok(text.x > b.x1 - 40, 'centred over both columns, not in B alone');
  assert.ok(text.y < span.y1 && text.y > span.y0, 'on its row');
});

test('a rowSpan cell covers exactly its rows, and the rows under it leave its column out', async () => {
  const rowFills = ['#110000', '#220000', '#330000', '#440000'];
  const snapshot = {
    title: 'Spans',
    blocks: [{
      type: 'table',
      columns: ['Group', 'Value'],
      rows: [
        [{ text: 'GROUP', rowSpan: 3, fill: '#00ffff', verticalAlign: 'middle' }, { text: 'one', fill: rowFills[0] }],
        [{ text: 'two', fill: rowFills[1] }],
        [{ text: 'three', fill: rowFills[2] }],
        ['after', { text: 'four', fill: rowFills[3] }],
      ],
    }],
  };
  const [page] = await readBack(render(snapshot).pdf);
  const span = rectOf(page, '#00ffff');
  const rows = rowFills.map((f) => rectOf(page, f));
  near(span.y1, rows[0].y1, 'the span starts at the top of its first row');
  near(span.y0, rows[2].y0, 'and ends at the bottom of its third');
  near(span.x1, rows[0].x0, 'beside the rows it joins');
  const text = textOf(page, 'GROUP');
  assert.ok(text.y < rows[1].y1 && text.y > rows[1].y0, 'middle-aligned: in the middle row');
  assert.ok(textOf(page, 'after').y < span.y0, 'the next row is below the span');
});

test('rows a span joins move to the next page as one, under the repeated header', async () => {
  const rows = [];
  for (let i = 0; i < 38; i++) rows.push([`Row ${i}`, i]);
  rows.push([{ text: 'Joined group', rowSpan: 6, fill: '#e6f0ff' }, 100]);
  for (let k = 1; k < 6; k++) rows.push([100 + k]);
  rows.push(['Last', 0]);
  const snapshot = { title: 'Break', blocks: [{ type: 'table', columns: ['Name', 'Amount'], rows }] };
  const pages = await readBack(render(snapshot).pdf);
  assert.equal(pages.length, 2);
  assert.doesNotMatch(pages[0].words, /Joined group|\b10[0-5]\b/, 'nothing of the group on page 1');
  assert.match(pages[0].words, /Row 37/, 'page 1 is full up to the group');
  for (const word of ['Name', 'Amount', 'Joined group', '100', '105', 'Last']) {
    assert.ok(pages[1].texts.some((t) => t.str === word), `page 2 shows ${word}`);
  }
  const span = rectOf(pages[1], '#e6f0ff');
  const header = textOf(pages[1], 'Name');
  assert.ok(header.y > span.y1, 'the header is repeated above the group');
  const members = ['100', '101', '102', '103', '104', '105'].map((s) => textOf(pages[1], s).y);
  assert.ok(members.every((y) => y < span.y1 && y > span.y0), 'the group fill covers all six rows');
});

test('rows joined by a span and taller than a page split between rows, the header repeated', async () => {
  const rows = [[{ text: 'Tall', rowSpan: 70 }, 0]];
  for (let i = 1; i < 70; i++) rows.push([i]);
  const snapshot = { title: 'Tall', blocks: [{ type: 'table', columns: ['Name', 'Amount'], rows }] };
  const pages = await readBack(render(snapshot).pdf);
  assert.equal(pages.length, 2);
  assert.ok(pages[0].texts.some((t) => t.str === 'Tall'), 'it starts on the first page');
  assert.ok(pages[1].texts.some((t) => t.str === 'Name'), 'the header is repeated');
  assert.ok(pages[1].texts.some((t) => t.str === '69'), 'the last row is on the second page');
});

test('cell colours, bold and italic read back as given; borders in their colour', async () => {
  const snapshot = {
    title: 'Styles',
    blocks: [{
      type: 'table',
      columns: ['Item', 'Amount'],
      header: [[{ text: 'Invoice 42', colSpan: 2, color: '#123456' }]],
      rows: [
        [{ text: 'Red', color: '#cc0000', bold: true }, { text: 'Italic', italic: true, fill: '#fafad2' }],
      ],
      borders: { kind: 'grid', width: 1, color: '#336699' },
    }],
  };
  const pdf = render(snapshot).pdf;
  const [page] = await readBack(pdf);
  assert.equal(hex(textOf(page, 'Red').color), '#cc0000');
  assert.equal(hex(textOf(page, 'Invoice 42').color), '#123456');
  assert.equal(hex(rectOf(page, '#fafad2').color), '#fafad2');
  assert.equal(textOf(page, 'Red').font, 'Helvetica-Bold');
  assert.equal(textOf(page, 'Italic').font, 'Helvetica-Oblique');
  assert.equal(textOf(page, 'Item').font, 'Helvetica-Bold', 'the columns\' headers stay bold');
  const lines = page.strokes.filter((s) => hex(s.color) === '#336699');
  // The grid: the outline's two sides, the line between the columns in each of the
  // three rows, and rules under the rows and over the top.
  assert.ok(lines.length >= 6, `grid lines in the borders' colour: ${lines.length}`);
  const header = textOf(page, 'Invoice 42');
  const [item, amount] = [textOf(page, 'Item'), textOf(page, 'Amount')];
  assert.ok(header.y > item.y, 'the group header is above the columns\' headers');
  // Centred over both columns: "Invoice 42" (about 41 pt wide at 8.5 pt) starts about
  // 20 pt left of the middle of the grid's outline.
  const xs = lines.flatMap((l) => (l.coords[0] === l.coords[2] ? [l.coords[0]] : []));
  const middle = (Math.min(...xs) + Math.max(...xs)) / 2;
  assert.ok(middle - header.x > 15 && middle - header.x < 25, `header at ${header.x}, the table's middle at ${middle}`);
  assert.ok(amount.x > item.x);
});

test('spans that overlap, leave the table or leave a row short are refused at their path', () => {
  const table = (rows, more = {}) => ({ title: 'T', blocks: [{ type: 'table', columns: ['a', 'b', 'c'], rows, ...more }] });
  const cases = [
    [table([['x', { text: 'y', colSpan: 3 }]]), 'blocks[0].rows[0][1].colSpan', /3 columns from column 2 leave the table of 3 columns/],
    [table([['x', 'y', { text: 'z', rowSpan: 3 }], ['x', 'y']]), 'blocks[0].rows[0][2].rowSpan', /3 rows from row 1 leave the 2 rows here/],
    [table([['x', { text: 'y', rowSpan: 2 }, 'z'], [{ text: 'w', colSpan: 2 }, 'v']]), 'blocks[0].rows[1][0].colSpan', /overlap rows\[0\]\[1\]/],
    [table([[{ text: 'x', rowSpan: 2 }, 'y', 'z'], ['y']]), 'blocks[0].rows[1]', /covering 2 of 3 columns/],
    [table([['x', 'y', 'z'], ['x', 'y']]), 'blocks[0].rows[1]', /has 2 cells, expected 3 \(one per column\)/],
    [table([['x', 'y', 'z']], { totals: [{ text: 'T', colSpan: 2 }, 1, 2] }), 'blocks[0].totals[2]', /past the last column/],
    [table([['x', 'y', 'z']], { header: [[{ text: 'G', colSpan: 4 }]] }), 'blocks[0].header[0][0].colSpan', /leave the table/],
    [table([['x', { text: 'y', colSpan: 0 }, 'z']]), 'blocks[0].rows[0][1].colSpan', /1 to 1000|column span/],
    [table([['x', 'y', { text: 'z', fill: 'red' }]]), 'blocks[0].rows[0][2].fill', /#rrggbb/],
  ];
  for (const [snapshot, path, message] of cases) {
    assert.throws(() => validate(snapshot), (e) => {
      assert.equal(e.code, 'INVALID_SNAPSHOT', path);
      assert.equal(e.path, path, e.message);
      assert.match(e.message, message);
      return true;
    });
  }
});

test('a span of a thousand rows or a hundred columns is refused by what the table holds, and more by the span’s range', () => {
  const one = (cell) => ({ title: 'T', blocks: [{ type: 'table', columns: ['a'], rows: [[cell]] }] });
  assert.throws(() => validate(one({ text: 'x', rowSpan: 1000 })), { path: 'blocks[0].rows[0][0].rowSpan' });
  assert.throws(() => validate(one({ text: 'x', colSpan: 100 })), { path: 'blocks[0].rows[0][0].colSpan' });
  assert.throws(() => validate(one({ text: 'x', rowSpan: 1001 })), { path: 'blocks[0].rows[0][0].rowSpan', message: /1001 is not a row span \(1 to 1000 rows\)/ });
  assert.throws(() => validate(one({ text: 'x', colSpan: 101 })), { path: 'blocks[0].rows[0][0].colSpan', message: /101 is not a column span \(1 to 100 columns\)/ });
});

test('borders: "none" draws no line, "outer" the outline alone, in its colour', async () => {
  const table = (borders) => ({ title: 'T', blocks: [{ type: 'table', columns: ['a', 'b'], rows: [['1', '2'], ['3', '4'], ['5', '6']], borders }] });
  const [plain] = await readBack(render(table(undefined)).pdf);
  const [none] = await readBack(render(table('none')).pdf);
  const [outer] = await readBack(render(table({ kind: 'outer', color: '#aa0000', width: 2 })).pdf);
  // The title's rule is the one line the page has besides the table's.
  assert.equal(plain.strokes.length, 1 + 3, 'by default a rule under each of the three rows');
  assert.equal(none.strokes.length, 1);
  const red = outer.strokes.filter((s) => hex(s.color) === '#aa0000');
  assert.equal(outer.strokes.length - red.length, 1, 'nothing but the outline in the table');
  const xs = red.flatMap((l) => (l.coords[0] === l.coords[2] ? [l.coords[0]] : []));
  const ys = red.flatMap((l) => (l.coords[1] === l.coords[3] ? [l.coords[1]] : []));
  assert.deepEqual([xs.length, ys.length], [2, 2], 'two sides, top and bottom');
  const header = textOf(outer, 'a');
  assert.ok(Math.max(...ys) > header.y && Math.min(...ys) < textOf(outer, '5').y, 'around the header and the rows');
});
