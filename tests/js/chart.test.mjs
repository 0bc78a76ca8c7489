// Chart blocks, read back from the PDF: the bars' rectangles and the lines' points from
// pdf.js's operator list (their sizes proportional to the data within 0.5 pt, from the
// zero line), the tick labels from its text (nice numbers: 1, 2 or 5 times a power of
// ten apart, from a multiple of the step, enclosing the data, each on its gridline),
// the words from pdftotext, and the same bytes every time. Scatter dots (round caps of
// strokes 0.01 pt long) at their data's places, x axes by number and by time (ticks at calendar steps,
// points placed by time), and rows with named columns drawn as the same series.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render, validate } from 'snapdf';

const { OPS } = pdfjs;
const ORANGE = [230, 159, 0]; // Okabe-Ito, the first series' default colour
const SKY = [86, 180, 233]; // the second's

/** Page 1's filled rectangles and polygons, stroked polylines, dots (round caps) with their colours, and its text items. */
async function readBack(pdf) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const list = await page.getOperatorList();
  const text = (await page.getTextContent()).items.map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], w: i.width }));
  await doc.destroy();
  const rects = [];
  const lines = [];
  const polygons = [];
  const dots = [];
  let fill;
  let stroke;
  let path;
  let state = { width: 1, cap: 0 };
  const saved = [];
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i];
    if (fn === OPS.setFillRGBColor) fill = [args[0], args[1], args[2]];
    if (fn === OPS.setStrokeRGBColor) stroke = [args[0], args[1], args[2]];
    if (fn === OPS.save) saved.push({ ...state, stroke });
    if (fn === OPS.restore) ({ stroke, ...state } = saved.pop());
    if (fn === OPS.setLineWidth) state.width = args[0];
    if (fn === OPS.setLineCap) state.cap = args[0];
    if (fn === OPS.constructPath) path = args;
    if (fn === OPS.fill && path) {
      const [ops, coords] = path;
      ops.forEach((op, k) => { if (op === OPS.rectangle) rects.push({ color: fill, rect: coords.slice(4 * k, 4 * k + 4) }); });
      if (ops.every((op) => op === OPS.moveTo || op === OPS.lineTo)) {
        const points = [];
        for (let k = 0; k < coords.length; k += 2) points.push([coords[k], coords[k + 1]]);
        polygons.push({ color: fill, points });
      }
    }
    if (fn === OPS.stroke && path && state.cap === 1) {
      // Dots: segments of 0.01 pt, each drawn as a circle by its round caps.
      const coords = path[1];
      for (let k = 0; k < coords.length; k += 4) {
        assert.ok(Math.abs(coords[k + 2] - coords[k] - 0.01) < 1e-4 && coords[k + 3] === coords[k + 1], 'a dot is a 0.01 pt segment');
        dots.push({ color: stroke, center: [(coords[k] + coords[k + 2]) / 2, coords[k + 1]], r: state.width / 2 });
      }
    } else if (fn === OPS.stroke && path) {
      const coords = path[1];
      const points = [];
      for (let k = 0; k < coords.length; k += 2) points.push([coords[k], coords[k + 1]]);
      lines.push({ color: stroke, points });
    }
  });
  return { rects, lines, polygons, dots, text };
}

const GRAY_GRID = [219, 219, 219];
const isVertical = (l) => l.points.length === 2 && l.points[0][0] === l.points[1][0];

/** The area of a polygon (the shoelace formula). */
const area = (points) => Math.abs(points.reduce((sum, [x, y], i) => {
  const [nx, ny] = points[(i + 1) % points.length];
  return sum + x * ny - nx * y;
}, 0)) / 2;

const same = (a, b) => a.every((v, i) => v === b[i]);

/** The value axis's tick labels (numbers in the text, left of the plot) and their y. */
function ticks(text, plotLeft) {
  return text.filter((t) => t.x < plotLeft && /^-?[\d,.]+$/.test(t.str)).map((t) => ({ value: Number(t.str.replace(/,/g, '')), y: t.y }));
}

/** Asserts the ticks are nice numbers enclosing [lo, hi], on gridlines at `gridYs`. */
function assertNiceTicks(found, [lo, hi], gridYs, fontSize) {
  assertNiceNumbers(found.map((t) => t.value), [lo, hi]);
  // Each label sits on its gridline (its baseline a third of the type size below).
  for (const t of found) assert.ok(gridYs.some((y) => Math.abs(t.y + fontSize / 3 - y) < 0.05), `tick ${t.value} at y ${t.y} has a gridline`);
}

/** Asserts `found` are 1, 2 or 5 times a power of ten apart, from a multiple of the step, enclosing [lo, hi] tightly. */
function assertNiceNumbers(found, [lo, hi]) {
  const values = [...found].sort((a, b) => a - b);
  assert.ok(values.length >= 2, `ticks: ${values}`);
  const step = values[1] - values[0];
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9), `step ${step} is not 1, 2 or 5 times a power of ten`);
  values.forEach((v, i) => assert.ok(Math.abs(v - (values[0] + i * step)) < 1e-9, `evenly spaced: ${values}`));
  assert.ok(Math.abs(values[0] / step - Math.round(values[0] / step)) < 1e-9, 'the first tick is a multiple of the step');
  assert.ok(values[0] <= lo && values.at(-1) >= hi && values.at(-1) - step < hi && values[0] + step > lo, `ticks ${values} enclose ${lo}..${hi} tightly`);
}

test('bars are as tall as their values from the zero line, under nice ticks', async () => {
  const values = [3, 7.5, 12, 0.5, 9.25];
  const snapshot = { title: 'Bars', blocks: [{ type: 'chart', categories: ['a', 'b', 'c', 'd', 'e'], series: [{ name: 'Sales', values }], valueTitle: 'units' }] };
  const { pdf } = render(snapshot);
  const { rects, lines, text } = await readBack(pdf);
  const bars = rects.filter((r) => same(r.color, ORANGE)).map((r) => r.rect);
  assert.equal(bars.length, values.length, 'one bar per value, no legend for one series');
  const grid = lines.filter((l) => same(l.color, [219, 219, 219]));
  const zero = Math.min(...grid.map((l) => l.points[0][1]));
  for (const [, y] of bars) assert.ok(Math.abs(y - zero) < 0.01, `bars stand on the zero line: ${y} vs ${zero}`);
  const scale = bars[2][3] / 12;
  bars.forEach(([, , , h], i) => assert.ok(Math.abs(h - values[i] * scale) <= 0.5, `bar ${i}: ${h} pt for ${values[i]}`));
  const plotLeft = grid[0].points[0][0];
  assertNiceTicks(ticks(text, plotLeft), [0, 12], grid.map((l) => l.points[0][1]), 7.5);
  const words = text.map((t) => t.str);
  for (const w of ['a', 'e', 'units']) assert.ok(words.includes(w), `${w} in ${words}`);
  assert.deepEqual(render(snapshot).pdf, pdf, 'the same data, the same bytes');
});

test('stacked bars meet, negative values go down, and horizontal bars run from the left', async () => {
  const men = [4, 6, -2];
  const women = [3, 1, -1];
  const series = [{ name: 'Men', values: men }, { name: 'Women', values: women }];
  const { rects } = await readBack(render({ title: 'Stacked', blocks: [{ type: 'chart', categories: ['x', 'y', 'z'], series, stacked: true }] }).pdf);
  const own = (color) => rects.filter((r) => same(r.color, color) && r.rect[2] > 7.5).map((r) => r.rect);
  const [a, b] = [own(ORANGE), own(SKY)];
  assert.equal(a.length, 3);
  const scale = a[0][3] / 4;
  for (let i = 0; i < 2; i++) {
    assert.ok(Math.abs(b[i][1] - (a[i][1] + a[i][3])) < 0.01, `category ${i}: the second bar starts where the first ends`);
    assert.ok(Math.abs(b[i][3] - women[i] * scale) <= 0.5);
  }
  assert.ok(Math.abs(b[2][1] + b[2][3] - a[2][1]) < 0.01, 'a negative stack grows down from the first');

  const wide = await readBack(render({ title: 'Across', blocks: [{ type: 'chart', horizontal: true, categories: ['x', 'y', 'z'], series: [{ name: 'n', values: [10, 25, 5] }] }] }).pdf);
  const across = wide.rects.filter((r) => same(r.color, ORANGE)).map((r) => r.rect);
  assert.ok(across.every(([x]) => Math.abs(x - across[0][0]) < 0.01), 'bars start at one x');
  const k = across[1][2] / 25;
  assert.ok(Math.abs(across[0][2] - 10 * k) <= 0.5 && Math.abs(across[2][2] - 5 * k) <= 0.5);
  assert.ok(across[0][1] > across[1][1] && across[1][1] > across[2][1], 'categories top to bottom');
});

test('a line goes through its values, one point per category, evenly spaced', async () => {
  const values = [2, 8, 5, 11, 0];
  const { lines } = await readBack(render({ title: 'Line', blocks: [{ type: 'chart', kind: 'line', categories: ['1', '2', '3', '4', '5'], series: [{ name: 's', values }] }] }).pdf);
  const [line] = lines.filter((l) => same(l.color, ORANGE));
  assert.equal(line.points.length, values.length);
  const zero = line.points[4][1];
  const k = (line.points[3][1] - zero) / 11;
  line.points.forEach(([, y], i) => assert.ok(Math.abs(y - zero - values[i] * k) <= 0.5, `point ${i}`));
  const dx = line.points[1][0] - line.points[0][0];
  line.points.forEach(([x], i) => assert.ok(Math.abs(x - line.points[0][0] - i * dx) < 0.02));
});

test('bad chart data is refused at its path', () => {
  const chart = (c) => ({ title: 'T', blocks: [{ type: 'chart', categories: ['a', 'b'], series: [{ name: 's', values: [1, 2] }], ...c }] });
  const cases = [
    [{ series: [{ name: 's', values: [1] }] }, 'blocks[0].series[0].values', /has 1 values for 2 categories/],
    [{ series: [{ name: 's', values: [1, 'x'] }] }, 'blocks[0].series[0].values[1]', /number/],
    [{ series: [{ name: 's', values: [1, null] }] }, 'blocks[0].series[0].values[1]', /number/],
    [{ series: [{ name: 's', values: [1, 2e15] }] }, 'blocks[0].series[0].values[1]', /from -10\^15 to 10\^15/],
    [{ categories: [] }, 'blocks[0].categories', /at least one category/],
    [{ series: [] }, 'blocks[0].series', /at least one series/],
    [{ kind: 'radar' }, 'blocks[0].kind', /bar/],
  ];
  for (const [change, path, message] of cases) {
    assert.throws(() => validate(chart(change)), (e) => {
      assert.equal(e.code, 'INVALID_SNAPSHOT', JSON.stringify(change));
      assert.equal(e.path, path, JSON.stringify(change));
      assert.match(e.message, message);
      return true;
    });
  }
});

test('a narrow page keeps the chart inside its frame, in order, with short tick labels; labels that would overlap are left out', async () => {
  const page = { size: { width: 172, height: 400 }, margins: 50 }; // 72 pt of content
  const snapshot = { title: 'N', page, blocks: [{ type: 'chart', categories: ['a', 'b'], series: [{ name: 's', values: [1e15, -1e15] }], labels: true }] };
  const { text, rects } = await readBack(render(snapshot).pdf);
  const at = (s) => text.find((t) => t.str === s);
  assert.ok(at('a').x < at('b').x, 'categories left to right');
  for (const t of text.filter((t) => t.y < 340)) assert.ok(t.x >= 49.9 && t.x <= 122, `${t.str} at x ${t.x} inside the content`);
  assert.ok(at('1000T') && at('-1000T') && at('0'), `compact ticks: ${text.map((t) => t.str)}`);
  assert.ok(!text.some((t) => /1,000,000/.test(t.str)), 'value labels wider than their bars are left out');
  assert.equal(rects.filter((r) => same(r.color, ORANGE)).length, 2);
  // A label with a line break is one line.
  const wide = await readBack(render({ title: 'W', blocks: [{ type: 'chart', categories: ['line one\nline two', 'x'], series: [{ name: 's', values: [1, 2] }] }] }).pdf);
  assert.ok(wide.text.some((t) => t.str === 'line one line two'), wide.text.map((t) => t.str).join('|'));
});

test('stacked bars carry their labels inside each segment, grouped by thousands', async () => {
  const snapshot = { title: 'S', blocks: [{ type: 'chart', categories: ['x'], series: [{ name: 'a', values: [12000] }, { name: 'b', values: [8000] }], stacked: true, labels: true }] };
  const { text, rects } = await readBack(render(snapshot).pdf);
  const [a] = rects.filter((r) => same(r.color, ORANGE) && r.rect[2] > 7.5).map((r) => r.rect);
  const label = text.find((t) => t.str === '12,000');
  assert.ok(label, text.map((t) => t.str).join('|'));
  assert.ok(label.y > a[1] && label.y < a[1] + a[3], 'inside its segment');
  assert.ok(text.some((t) => t.str === '8000'));
});

test('pie and donut slices are their shares of the circle, clockwise from 12 o\'clock, with the categories in the legend', async () => {
  const values = [50, 31, 15, 4];
  const categories = ['rain', 'sun', 'fog', 'snow'];
  for (const kind of ['pie', 'donut']) {
    const { polygons, text } = await readBack(render({ title: kind, blocks: [{ type: 'chart', kind, categories, series: [{ name: 'days', values }], labels: true }] }).pdf);
    const slices = polygons.filter((p) => !same(p.color, [255, 255, 255]));
    assert.equal(slices.length, 4, kind);
    const areas = slices.map((p) => area(p.points));
    const total = areas.reduce((a, b) => a + b);
    areas.forEach((a, i) => assert.ok(Math.abs(a / total - values[i] / 100) < 0.002, `${kind} slice ${i}: ${(a / total).toFixed(4)}`));
    const [first] = slices[0].points;
    const xs = slices.flatMap((p) => p.points.map(([x]) => x));
    const centerX = (Math.min(...xs) + Math.max(...xs)) / 2;
    assert.ok(Math.abs(first[0] - centerX) < 0.05, 'the first slice starts at 12 o\'clock');
    assert.ok(slices[0].points[1][0] > first[0], 'and runs clockwise');
    const words = text.map((t) => t.str);
    for (const w of [...categories, '50%', '31%']) assert.ok(words.includes(w), `${w} in ${words}`);
    assert.ok(!words.includes('4%'), 'a slice too narrow for its label has none');
  }
  assert.throws(() => validate({ title: 'T', blocks: [{ type: 'chart', kind: 'pie', categories: ['a', 'b'], series: [{ name: 's', values: [1, -1] }] }] }),
    { code: 'INVALID_SNAPSHOT', path: 'blocks[0].series[0].values[1]' });
  assert.throws(() => validate({ title: 'T', blocks: [{ type: 'chart', kind: 'donut', categories: ['a'], series: [{ name: 's', values: [1] }, { name: 't', values: [2] }] }] }),
    { code: 'INVALID_SNAPSHOT', path: 'blocks[0].series' });
});

/** The x axis of a chart by value: vertical gridlines and the labels centred on them under the plot. */
function xAxis({ lines, text }) {
  const vertical = lines.filter((l) => same(l.color, GRAY_GRID) && isVertical(l));
  const bottom = Math.min(...vertical.map((l) => l.points[0][1]));
  const labels = text.filter((t) => t.y < bottom - 6 && t.y > bottom - 12 && t.str.trim()).map((t) => ({ str: t.str, x: t.x + t.w / 2 }));
  for (const l of labels) assert.ok(vertical.some((g) => Math.abs(g.points[0][0] - l.x) < 0.05), `label ${l.str} at ${l.x} is centred on a gridline`);
  return { gridXs: vertical.map((l) => l.points[0][0]).sort((a, b) => a - b), labels, bottom };
}

test('scatter dots sit where their data says, within 0.5 pt, under nice ticks on both axes', async () => {
  const horsepower = [46, 88, 130, 165, 193, 230];
  const mpg = [26, 31, 18, 15, 12.5, 9];
  const snapshot = { title: 'Cars', blocks: [{ type: 'chart', kind: 'scatter', x: horsepower, series: [{ name: 'Cars', values: mpg }], categoryTitle: 'Horsepower', valueTitle: 'Miles per gallon' }] };
  const page = await readBack(render(snapshot).pdf);
  const dots = page.dots.filter((d) => same(d.color, ORANGE));
  assert.equal(dots.length, 6, 'a dot per value');
  for (const d of dots) assert.ok(Math.abs(d.r - 2.25) < 0.01, `radius ${d.r}`);
  // x: the labels are nice numbers enclosing the data, the axis from the first to the last.
  const { gridXs, labels, bottom } = xAxis(page);
  const xs = labels.map((l) => Number(l.str));
  assertNiceNumbers(xs, [46, 230]);
  const xAt = (v) => gridXs[0] + (v - xs[0]) / (xs.at(-1) - xs[0]) * (gridXs.at(-1) - gridXs[0]);
  // y: fits the data (not from zero), nice numbers on horizontal gridlines.
  const horizontal = page.lines.filter((l) => same(l.color, GRAY_GRID) && !isVertical(l));
  const found = ticks(page.text.filter((t) => t.y > bottom - 6), gridXs[0]);
  assertNiceTicks(found, [9, 31], horizontal.map((l) => l.points[0][1]), 7.5);
  const [low, high] = [found[0], found.at(-1)];
  const yAt = (v) => low.y + 2.5 + (v - low.value) / (high.value - low.value) * (high.y - low.y);
  dots.forEach(({ center: [x, y] }, i) => {
    assert.ok(Math.abs(x - xAt(horsepower[i])) <= 0.5, `dot ${i}: x ${x} for ${horsepower[i]} (${xAt(horsepower[i])})`);
    assert.ok(Math.abs(y - yAt(mpg[i])) <= 0.5, `dot ${i}: y ${y} for ${mpg[i]} (${yAt(mpg[i])})`);
  });
  for (const w of ['Horsepower', 'Miles per gallon']) assert.ok(page.text.some((t) => t.str === w), w);
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The instant a time tick's label names (`2009`, `Mar 2009`, `Mar 5` in `year`), in ms. */
function labelTime(label, year) {
  let m;
  if ((m = /^(\d{4})$/.exec(label))) return Date.UTC(Number(m[1]), 0, 1);
  if ((m = /^([A-Z][a-z]{2}) (\d{4})$/.exec(label))) return Date.UTC(Number(m[2]), MONTHS.indexOf(m[1]), 1);
  if ((m = /^([A-Z][a-z]{2}) (\d{1,2})$/.exec(label))) return Date.UTC(year, MONTHS.indexOf(m[1]), Number(m[2]));
  assert.fail(`${label} is not a date label`);
}

test('a time axis places each point by its time, with ticks at calendar steps labelled as dates', async () => {
  const dates = ['2009-01-01', '2009-01-15', '2009-03-01', '2009-06-01', '2009-09-20', '2009-12-31'];
  const values = [3, 4, 2, 6, 5, 7];
  const page = await readBack(render({ title: 'Time', blocks: [{ type: 'chart', kind: 'line', x: dates, series: [{ name: 'v', values }] }] }).pdf);
  const [line] = page.lines.filter((l) => same(l.color, ORANGE));
  const t = dates.map((d) => Date.parse(`${d}T00:00:00Z`));
  const [x0, x1] = [line.points[0][0], line.points.at(-1)[0]];
  const xAt = (ms) => x0 + (ms - t[0]) / (t.at(-1) - t[0]) * (x1 - x0);
  line.points.forEach(([x], i) => assert.ok(Math.abs(x - xAt(t[i])) <= 0.5, `${dates[i]} at ${x}, expected ${xAt(t[i])}`));
  // 2009-03-01 is 59 of the 364 days along the axis.
  assert.ok(Math.abs((line.points[2][0] - x0) / (x1 - x0) - 59 / 364) < 0.001);
  const { labels } = xAxis(page);
  assert.ok(labels.length >= 3, labels.map((l) => l.str).join('|'));
  const times = labels.map((l) => labelTime(l.str, 2009));
  for (const [i, l] of labels.entries()) assert.ok(Math.abs(l.x - xAt(times[i])) <= 0.5, `${l.str} at ${l.x}, expected ${xAt(times[i])}`);
  const months = times.map((ms) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth());
  const step = months[1] - months[0];
  assert.ok([1, 3].includes(step) && months.every((m, i) => m === months[0] + i * step && m % step === 0), `a month or a quarter apart: ${labels.map((l) => l.str)}`);
});

test('rows with named columns draw what the same series draw; numbers as text read as numbers; null is a gap', async () => {
  const columns = ['date', 'MSFT', 'AAPL'];
  const rows = [['2009-01-01', 19.44, 85.35], ['2009-02-01', 16.15, 89.31], ['2009-03-01', 18.1, 105.12], ['2009-04-01', 20.26, 125.83], ['2009-05-01', 20.89, 135.81]];
  const fromRows = await readBack(render({ title: 'S', blocks: [{ type: 'chart', kind: 'line', columns, rows, x: 'date', y: ['MSFT', 'AAPL'] }] }).pdf);
  const series = [1, 2].map((c) => ({ name: columns[c], values: rows.map((r) => r[c]) }));
  const fromSeries = await readBack(render({ title: 'S', blocks: [{ type: 'chart', kind: 'line', x: rows.map((r) => r[0]), series }] }).pdf);
  assert.deepEqual(fromRows, fromSeries);
  assert.ok(fromRows.text.some((t) => t.str === 'AAPL'), 'series named after their columns, in the legend');
  const csv = rows.map((r) => r.map(String)); // as csvToSnapshot gives cells: text
  const fromCsv = await readBack(render({ title: 'S', blocks: [{ type: 'chart', kind: 'line', columns, rows: csv, x: 'date' }] }).pdf);
  assert.deepEqual(fromCsv, fromSeries, 'y defaults to every column but x');
  const gap = rows.map((r, i) => (i === 2 ? [r[0], null, r[2]] : r));
  const broken = await readBack(render({ title: 'S', blocks: [{ type: 'chart', kind: 'line', columns, rows: gap, x: 'date' }] }).pdf);
  const pieces = broken.lines.filter((l) => same(l.color, ORANGE));
  assert.deepEqual(pieces.map((l) => l.points.length), [2, 2], 'the line breaks at the missing value');
});

test('bad rows are refused at the cell, with the column named', () => {
  const rows = Array.from({ length: 20 }, (_, i) => [`2009-01-${String(i + 1).padStart(2, '0')}`, i, i * 2]);
  rows[17][1] = 'n/a';
  const chart = (c) => ({ title: 'T', blocks: [{ type: 'chart', kind: 'line', columns: ['date', 'MSFT', 'AAPL'], rows, x: 'date', ...c }] });
  assert.throws(() => validate(chart({})), (e) => e.code === 'INVALID_SNAPSHOT' && e.path === 'blocks[0].rows[17][1]' && /"n\/a" is not a number \(column `MSFT`/.test(e.message));
  rows[17][1] = 3;
  assert.throws(() => validate(chart({ y: ['MSFT', 'APPL'] })), (e) => e.path === 'blocks[0].y[1]' && /did you mean `AAPL`\?/.test(e.message));
});
