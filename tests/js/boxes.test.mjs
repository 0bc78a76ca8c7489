// Boxes, read back from the PDF with pdf.js's operator list: the fill and the border
// where and in the colours asked (a square border as a rectangle per side, a rounded
// one as curves filled even-odd), the blocks inside within the padding, a box cut by a
// page break drawn on both pages with the cut edges open, a box kept together moved
// whole to the next page, an image inside a box, and errors that name a nested path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render, validate } from 'snapdf';
import { readPages } from './helpers.mjs';

const { OPS } = pdfjs;

/** The numbers each path operator of pdf.js's `constructPath` takes. */
const ARITY = new Map([[OPS.moveTo, 2], [OPS.lineTo, 2], [OPS.curveTo, 6], [OPS.curveTo2, 4], [OPS.curveTo3, 4], [OPS.rectangle, 4], [OPS.closePath, 0]]);

/** The bounding box [x0, y0, x1, y1] of a path's points (a rectangle's corners). */
function bounds(ops, coords) {
  const xs = [];
  const ys = [];
  let k = 0;
  for (const op of ops) {
    const n = ARITY.get(op) ?? 0;
    const args = coords.slice(k, k + n);
    k += n;
    if (op === OPS.rectangle) {
      xs.push(args[0], args[0] + args[2]);
      ys.push(args[1], args[1] + args[3]);
    } else {
      for (let i = 0; i < n; i += 2) [xs[xs.length], ys[ys.length]] = [args[i], args[i + 1]];
    }
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Each page's filled paths (colour, rule, rectangles, bounds, curves), text runs and placed images. */
function readBack(pdf) {
  return readPages(pdf, (page, list) => {
    const [fills, runs, images] = [[], [], []];
    let [fill, path, x, y, matrix] = [[0, 0, 0], null, 0, 0, null];
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i];
      if (fn === OPS.setFillRGBColor) fill = [args[0], args[1], args[2]];
      if (fn === OPS.setFillGray) fill = [args[0], args[0], args[0]].map((g) => Math.round(g * 255));
      if (fn === OPS.constructPath) path = args;
      if ((fn === OPS.fill || fn === OPS.eoFill) && path) fills.push(filled(path, hex(fill), fn === OPS.eoFill));
      if (fn === OPS.transform) matrix = args;
      if (fn === OPS.paintImageXObject) images.push(matrix);
      if (fn === OPS.beginText) [x, y] = [0, 0];
      if (fn === OPS.moveText) [x, y] = [x + args[0], y + args[1]];
      if (fn === OPS.showText) {
        const str = args[0].map((g) => (typeof g === 'object' ? g.unicode : '')).join('');
        runs.push({ str, x, y });
      }
    });
    return { fills, runs, images };
  });
}

/** A filled path: its colour, rule, rectangles, bounds and number of curves. */
function filled([ops, coords], color, evenOdd) {
  const rects = [];
  let k = 0;
  for (const op of ops) {
    if (op === OPS.rectangle) {
      const [rx, ry, w, h] = coords.slice(k, k + 4);
      rects.push([rx, ry, rx + w, ry + h]);
    }
    k += ARITY.get(op) ?? 0;
  }
  const curves = ops.filter((op) => op === OPS.curveTo).length;
  return { color, evenOdd, rects, bounds: bounds(ops, coords), curves };
}

const hex = (rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 0.02, `${what}: ${a} is not ${b}`);
const nearAll = (a, b, what) => a.forEach((v, i) => near(v, b[i], `${what}[${i}]`));

/** The fills of colour `color` on `page`. */
const fillsOf = (page, color) => page.fills.filter((f) => f.color === color);

/** The run that shows `str`. */
function runOf(page, str) {
  const found = page.runs.find((r) => r.str.includes(str));
  assert.ok(found, `"${str}" is shown`);
  return found;
}

// A4 with 50 pt margins: the content box runs from x 50 to 545.28, y 50 to 791.89.
const [LEFT, RIGHT, BOTTOM, TOP] = [50, 545.28, 50, 791.89];
const FILL = '#eeeeff';
const BORDER = '#884444';
const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.';
const paragraphs = (n, word = 'Para') => Array.from({ length: n }, (_, i) => ({ type: 'paragraph', text: `${word} ${i + 1}. ${LOREM}` }));

test('a box is filled and bordered where and in the colours asked, its blocks inside its padding', async () => {
  const { pdf } = render({
    title: 'Box',
    blocks: [
      { type: 'box', fill: FILL, border: { width: 2, color: BORDER }, padding: 10, blocks: [{ type: 'paragraph', text: 'Inside the box' }] },
      { type: 'paragraph', text: 'After the box' },
    ],
  });
  const [page] = await readBack(pdf);
  const [fill] = fillsOf(page, FILL);
  assert.ok(fill, 'the box is filled');
  assert.equal(fill.rects.length, 1, 'a rectangle: the corners are square');
  near(fill.bounds[0], LEFT, 'the fill starts at the left margin');
  near(fill.bounds[2], RIGHT, 'and ends at the right one');
  // The border: a rectangle per side, 2 pt wide, around the fill exactly.
  const [border] = fillsOf(page, BORDER);
  assert.equal(border.rects.length, 4, 'four sides');
  nearAll(border.bounds, fill.bounds, 'the border is around the fill');
  const widths = border.rects.map(([x0, y0, x1, y1]) => Math.min(x1 - x0, y1 - y0));
  widths.forEach((w) => near(w, 2, 'each side is 2 pt'));
  // The text: 2 pt of border and 10 of padding in from the left edge, below the top.
  const inside = runOf(page, 'Inside the box');
  near(inside.x, LEFT + 12, 'the text starts inside the padding');
  assert.ok(inside.y < fill.bounds[3] - 12 && inside.y > fill.bounds[1] + 12, 'the line is between the paddings');
  assert.ok(runOf(page, 'After the box').y < fill.bounds[1], 'what follows is under the box');
});

test('rounded corners are curves, the border the ring between two outlines filled even-odd', async () => {
  const { pdf } = render({
    title: 'Rounded',
    blocks: [{ type: 'box', fill: FILL, border: { width: 1, color: BORDER }, radius: 6, blocks: [{ type: 'paragraph', text: 'Rounded' }] }],
  });
  const [page] = await readBack(pdf);
  const [fill] = fillsOf(page, FILL);
  const [ring] = fillsOf(page, BORDER);
  assert.equal(fill.curves, 4, 'four rounded corners');
  assert.ok(!fill.evenOdd);
  assert.ok(ring.evenOdd, 'the ring is filled with the even-odd rule');
  assert.equal(ring.curves, 8, 'the outer and inner outlines are rounded');
  nearAll(ring.bounds, fill.bounds, 'the ring is around the fill');
  near(fill.bounds[0], LEFT, 'the box starts at the left margin');
});

test('a box taller than the room left goes on over the page break, each piece open at the cut', async () => {
  const { pdf } = render({
    title: 'Split',
    blocks: [
      ...paragraphs(8, 'Before'),
      { type: 'box', fill: FILL, border: { width: 2, color: BORDER }, blocks: paragraphs(30, 'Inside') },
      { type: 'paragraph', text: 'After the box' },
    ],
  });
  const pages = await readBack(pdf);
  assert.ok(pages.length >= 2);
  const [first, second] = pages.map((p) => fillsOf(p, FILL)[0]);
  near(first.bounds[1], BOTTOM, 'page 1: the piece runs down to the bottom margin');
  near(second.bounds[3], TOP, 'page 2: the piece starts at the top margin');
  const [top1] = fillsOf(pages[0], BORDER);
  const [top2] = fillsOf(pages[1], BORDER);
  assert.equal(top1.rects.length, 3, 'page 1: top, left and right sides; the cut bottom is open');
  assert.ok(top1.rects.every(([, y0, , y1]) => y1 - y0 > 2 || y0 > BOTTOM + 1), 'no side along the bottom');
  assert.equal(top2.rects.length, 3, 'page 2: left, right and bottom sides; the cut top is open');
  assert.ok(top2.rects.every(([, y0, , y1]) => y1 - y0 > 2 || y1 < TOP - 1), 'no side along the top');
  // The text inside on both pages: 2 pt of border and the default 8 of padding in.
  for (const page of pages.slice(0, 2)) {
    const inside = page.runs.filter((r) => r.str.startsWith('Inside'));
    assert.ok(inside.length > 0);
    inside.forEach((r) => near(r.x, LEFT + 10, `"${r.str.slice(0, 9)}" x`));
  }
  const last = pages.at(-1);
  assert.ok(runOf(last, 'After the box').y < fillsOf(last, FILL)[0].bounds[1], 'what follows is under the box');
});

test('a box kept together moves whole to the next page when it fits on one', async () => {
  const box = (keepTogether) => ({
    title: 'Together',
    blocks: [...paragraphs(14, 'Before'), { type: 'box', fill: FILL, keepTogether, blocks: paragraphs(8, 'Kept') }],
  });
  const kept = await readBack(render(box(true)).pdf);
  assert.equal(kept.length, 2);
  assert.equal(fillsOf(kept[0], FILL).length, 0, 'nothing of the box on page 1');
  assert.ok(!kept[0].runs.some((r) => r.str.startsWith('Kept')));
  near(fillsOf(kept[1], FILL)[0].bounds[3], TOP, 'the box starts page 2');
  const split = await readBack(render(box(false)).pdf);
  assert.equal(fillsOf(split[0], FILL).length, 1, 'not kept: it starts on page 1');
  // Taller than a page: kept or not, it starts where it is and goes on over the break.
  const tall = await readBack(render({ title: 'Tall', blocks: [...paragraphs(14, 'Before'), { type: 'box', fill: FILL, keepTogether: true, blocks: paragraphs(40, 'Kept') }] }).pdf);
  assert.equal(fillsOf(tall[0], FILL).length, 1, 'a box taller than a page is not moved');
});

test('an image inside a box is drawn inside its padding', async () => {
  const png = readFileSync(new URL('../fixtures/images/gray8.png', import.meta.url)).toString('base64');
  const { pdf } = render({
    title: 'Image',
    blocks: [{ type: 'box', fill: FILL, padding: 20, blocks: [{ type: 'image', data: png, width: 100, align: 'left' }] }],
  });
  const [page] = await readBack(pdf);
  assert.equal(page.images.length, 1, 'the image is painted');
  const [w, , , h, x, y] = page.images[0];
  near(w, 100, 'width');
  near(x, LEFT + 20, 'x inside the padding');
  const [fill] = fillsOf(page, FILL);
  near(y + h, fill.bounds[3] - 20, 'top inside the padding');
});

test('errors inside a box name the nested path; boxes nest at most 8 deep and keep room for their blocks', () => {
  const one = (box) => ({ title: 'T', blocks: [{ type: 'paragraph', text: 'x' }, box] });
  assert.throws(() => validate(one({ type: 'box', blocks: [{ type: 'paragraph', text: 'ok' }, { type: 'pargraph', text: 'x' }] })), { path: 'blocks[1].blocks[1].type', message: /paragraph/ });
  assert.throws(() => validate(one({ type: 'box', blocks: [{ type: 'box', radius: -1, blocks: [] }] })), { path: 'blocks[1].blocks[0].radius', message: /-1 is not a corner radius \(0 to 100 points\)/ });
  assert.throws(() => validate(one({ type: 'box', padding: [1, 2, 3], blocks: [] })), { path: 'blocks[1].padding', message: /has 3 numbers/ });
  assert.throws(() => validate(one({ type: 'box', padding: [10, 250, 10, 250], blocks: [] })), { path: 'blocks[1].padding', message: /leave 0 pt of the 495.3 pt/ });
  let deep = { type: 'paragraph', text: 'deepest' };
  for (let i = 0; i < 8; i++) deep = { type: 'box', blocks: [deep] };
  validate({ title: 'T', blocks: [deep] });
  assert.throws(() => validate({ title: 'T', blocks: [{ type: 'box', blocks: [deep] }] }), {
    path: `blocks[0]${'.blocks[0]'.repeat(8)}`,
    message: /a box inside 8 boxes; boxes nest at most 8 deep/,
  });
});
