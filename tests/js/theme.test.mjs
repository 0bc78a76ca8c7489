// Themes and named styles, read back from the PDF with pdf.js: each piece of text's
// face, size and colour from the operator list (the fill colour and font in force when
// it is shown), positions from the text content, the page colour and rule colours from
// the paths; and an unthemed snapshot keeps snapdf's own look.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cacheKey, createEngine, render, validate } from 'snapdf';

const { OPS } = pdfjs;

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
const near = (a, b, tolerance = 1) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

/**
 * Page `n`'s text runs (string, base font, size, fill colour, x and baseline y), its
 * filled rectangles and its stroked lines with their colours.
 */
async function readBack(pdf, n = 1) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const page = await doc.getPage(n);
  const list = await page.getOperatorList();
  const content = await page.getTextContent();
  const runs = [];
  const rects = [];
  const strokes = [];
  let fill = [0, 0, 0];
  let stroke = [0, 0, 0];
  let font;
  let size;
  let path;
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i];
    if (fn === OPS.setFillRGBColor) fill = [args[0], args[1], args[2]];
    if (fn === OPS.setStrokeRGBColor) stroke = [args[0], args[1], args[2]];
    if (fn === OPS.setFont) [font, size] = [page.commonObjs.get(args[0]).name, args[1]];
    if (fn === OPS.constructPath) path = args;
    if (fn === OPS.fill && path) {
      const [ops, coords] = path;
      ops.forEach((op, k) => { if (op === OPS.rectangle) rects.push({ color: fill, rect: coords.slice(4 * k, 4 * k + 4) }); });
    }
    if (fn === OPS.stroke && path) strokes.push({ color: stroke, coords: path[1] });
    if (fn === OPS.showText) {
      const str = args[0].map((g) => (typeof g === 'object' ? g.unicode : '')).join('');
      runs.push({ str, font, size, color: fill });
    }
  });
  // Positions from the text content, in the same order as the operator list shows them.
  const placed = content.items.filter((item) => item.str !== '');
  runs.forEach((run, i) => Object.assign(run, { x: placed[i]?.transform[4], y: placed[i]?.transform[5] }));
  const pages = doc.numPages;
  await doc.destroy();
  return { runs, rects, strokes, pages };
}

/** The run showing `text` (the first whose string includes it). */
function run(found, text) {
  const r = found.runs.find((x) => x.str.includes(text));
  assert.ok(r, `no text "${text}" in ${JSON.stringify(found.runs.map((x) => x.str))}`);
  return r;
}

const BLOCKS = [
  { type: 'heading', text: 'Results' },
  { type: 'paragraph', text: 'Revenue grew in every region this quarter.' },
  { type: 'paragraph', style: 'note', text: 'Figures are unaudited.' },
  { type: 'paragraph', text: ['Action: ', { text: 'renew the contract', style: 'alert' }, ' by Friday.'] },
  { type: 'bulletList', items: ['First item', 'Second item'] },
  { type: 'rule' },
  { type: 'chart', kind: 'bar', categories: ['A', 'B'], series: [{ name: 'One', values: [1, 2] }, { name: 'Two', values: [2, 1] }] },
];

const THEME = {
  title: { size: 28, color: '#0b3d91' },
  subtitle: { italic: true },
  heading1: { size: 18, color: '#c0392b', spaceBefore: 30 },
  body: { size: 11, color: '#333333' },
  list: { color: '#006400' },
  footer: { size: 9, bold: true, color: '#0b3d91' },
  background: '#fdf6e3',
  accent: '#2e8b57',
  palette: ['#112233', '#445566'],
};
const STYLES = { note: { italic: true, size: 9, color: '#555555' }, alert: { bold: true, color: '#ff0000' } };

const themed = { title: 'Quarterly report', subtitle: 'Acme', theme: THEME, styles: STYLES, blocks: BLOCKS };
const plain = { title: 'Quarterly report', subtitle: 'Acme', styles: STYLES, blocks: BLOCKS };

test('each role is set in its theme style, and named styles apply over it', async () => {
  const found = await readBack((await render(themed)).pdf);
  const title = run(found, 'Quarterly report');
  assert.deepEqual([title.font, title.size], ['Helvetica-Bold', 28]);
  assert.ok(near(title.color, hex('#0b3d91')), `title colour ${title.color}`);
  assert.equal(run(found, 'Acme').font, 'Helvetica-Oblique', 'the subtitle is italic');
  const heading = run(found, 'Results');
  assert.deepEqual([heading.font, heading.size], ['Helvetica-Bold', 18]);
  assert.ok(near(heading.color, hex('#c0392b')), `heading colour ${heading.color}`);
  const body = run(found, 'Revenue grew');
  assert.deepEqual([body.font, body.size], ['Helvetica', 11]);
  assert.ok(near(body.color, hex('#333333')), `body colour ${body.color}`);
  // The named style over the body: italic, 9 pt, its own grey.
  const note = run(found, 'unaudited');
  assert.deepEqual([note.font, note.size], ['Helvetica-Oblique', 9]);
  assert.ok(near(note.color, hex('#555555')), `note colour ${note.color}`);
  // A run's named style: bold and red inside body text; the rest of the line stays body.
  const alert = run(found, 'renew the contract');
  assert.deepEqual([alert.font, alert.size], ['Helvetica-Bold', 11]);
  assert.ok(near(alert.color, hex('#ff0000')), `run colour ${alert.color}`);
  assert.ok(near(run(found, 'by Friday').color, hex('#333333')));
  // Lists take the list role's colour and the body's size.
  const item = run(found, 'First item');
  assert.equal(item.size, 11);
  assert.ok(near(item.color, hex('#006400')), `list colour ${item.color}`);
  const footer = run(found, 'Page 1 of 1');
  assert.deepEqual([footer.font, footer.size], ['Helvetica-Bold', 9]);
  assert.ok(near(footer.color, hex('#0b3d91')), `footer colour ${footer.color}`);
});

test('table cells take the table roles; totals and keys are the body made bold', async () => {
  const theme = { tableHeader: { color: '#0b3d91', size: 9 }, tableBody: { size: 10, color: '#333333' } };
  const blocks = [
    { type: 'table', columns: ['Item', 'Amount'], rows: [['Rent', 1200]], totals: ['Total', 1200] },
    { type: 'keyValue', items: [{ key: 'Owner', value: 'Ann' }] },
  ];
  const found = await readBack((await render({ title: 'Tables', theme, blocks })).pdf);
  const header = run(found, 'Amount');
  assert.deepEqual([header.font, header.size], ['Helvetica-Bold', 9]);
  assert.ok(near(header.color, hex('#0b3d91')));
  const rent = run(found, 'Rent');
  assert.deepEqual([rent.font, rent.size], ['Helvetica', 10]);
  assert.ok(near(rent.color, hex('#333333')));
  for (const bold of ['Total', 'Owner']) {
    const r = run(found, bold);
    assert.deepEqual([r.font, r.size], ['Helvetica-Bold', 10], bold);
  }
  const plain = await readBack((await render({ title: 'Tables', blocks })).pdf);
  assert.deepEqual([run(plain, 'Amount').size, run(plain, 'Rent').size], [8.5, 8.5], 'snapdf’s own cells without a theme');
});

test('the page colour is behind everything, rules take the accent, charts the palette', async () => {
  const found = await readBack((await render(themed)).pdf);
  const [first] = found.rects;
  assert.ok(near(first.color, hex('#fdf6e3')), `first fill ${first.color}`);
  assert.ok(near(first.rect, [0, 0, 595.276, 841.89], 0.01), `page-sized: ${first.rect}`);
  const accent = found.strokes.filter((s) => near(s.color, hex('#2e8b57')));
  assert.equal(accent.length, 2, 'the rule under the title and the rule block');
  for (const color of ['#112233', '#445566']) {
    assert.equal(found.rects.filter((r) => near(r.color, hex(color))).length, 3, `two bars and a legend swatch in ${color}`);
  }
});

test('space before a heading is the theme’s, and none at the top of a page', async () => {
  const spaced = await readBack((await render(themed)).pdf);
  const unspaced = await readBack((await render({ ...themed, theme: { ...THEME, heading1: { ...THEME.heading1, spaceBefore: 10 } } })).pdf);
  const gap = (found) => run(found, 'Acme').y - run(found, 'Results').y;
  assert.ok(Math.abs(gap(spaced) - gap(unspaced) - 20) < 0.01, `30 pt above the heading is 20 pt more than 10: ${gap(spaced)} vs ${gap(unspaced)}`);
  // A heading that opens a page has no space above it.
  const broken = { ...themed, blocks: [{ type: 'pageBreak' }, { type: 'heading', text: 'Top' }] };
  const pdf = (await render(broken)).pdf;
  const top = run(await readBack(pdf, 2), 'Top');
  const ascent = 18 * 0.718 + (18 * 1.2666 - 18) / 2; // the heading's leading scales with its size
  assert.ok(Math.abs(841.89 - 50 - ascent - top.y) < 0.05, `the heading's line box starts at the top margin: ${top.y}`);
});

test('a snapshot without a theme keeps snapdf’s own look', async () => {
  const found = await readBack((await render(plain)).pdf);
  assert.deepEqual([run(found, 'Quarterly report').size, run(found, 'Results').size, run(found, 'Revenue').size], [20, 15, 10]);
  assert.ok(!found.rects.some((r) => near(r.color, hex('#fdf6e3'))), 'no page colour');
  assert.ok(near(run(found, 'Page 1 of 1').color, [115, 115, 115]), 'the footer in grey');
});

test('the same themed snapshot gives the same bytes, and a theme changes the key', async () => {
  const [a, b, c] = await Promise.all([render(themed), render(themed), render(plain)]);
  assert.deepEqual(a.pdf, b.pdf);
  assert.equal(a.key, b.key);
  assert.notEqual(a.key, c.key);
});

test('bad styles are refused at their path, in words', () => {
  const cases = [
    [{ theme: { heading2: { size: -3 } } }, 'theme.heading2.size', '-3 is not a size in points (0.5 to 400)'],
    [{ theme: { body: { colour: '#000' } } }, 'theme.body.colour', 'did you mean `color`?'],
    [{ blocks: [{ type: 'paragraph', text: 'x', style: 'nte' }], styles: { note: {} } }, 'blocks[0].style', 'did you mean `note`?'],
  ];
  for (const [extra, path, words] of cases) {
    assert.throws(() => validate({ title: 'T', ...extra }), (e) => {
      assert.equal(e.code, 'INVALID_SNAPSHOT');
      assert.equal(e.path, path);
      assert.ok(e.message.includes(words), e.message);
      return true;
    }, JSON.stringify(extra));
  }
});

test('an engine’s theme goes under each snapshot’s own, and its key is the merged snapshot’s', async () => {
  const house = { body: { color: '#333333', size: 11 }, title: { color: '#0b3d91' }, accent: '#2e8b57' };
  const own = { title: { size: 30 }, accent: '#ff0000' };
  const snapshot = { title: 'Quarterly report', theme: own, blocks: [{ type: 'paragraph', text: 'Revenue grew.' }] };
  // The contract: the same as the snapshot with the merged theme written in it.
  const merged = { ...snapshot, theme: { body: house.body, title: { color: '#0b3d91', size: 30 }, accent: '#ff0000' } };
  for (const workers of [0, 1]) {
    const engine = createEngine({ workers, theme: house, persistent: false });
    try {
      const result = await engine.render(snapshot);
      assert.equal(result.key, cacheKey(merged), `workers: ${workers}`);
      assert.deepEqual(result.pdf, render(merged).pdf);
      const found = await readBack(result.pdf);
      const title = run(found, 'Quarterly report');
      assert.equal(title.size, 30, 'the snapshot’s size over the engine’s role');
      assert.ok(near(title.color, hex('#0b3d91')), 'the engine’s colour where the snapshot gives none');
      assert.ok(near(run(found, 'Revenue').color, hex('#333333')));
      // A call's theme replaces the engine's.
      const plainKey = (await engine.render(snapshot, { theme: {} })).key;
      assert.equal(plainKey, cacheKey(snapshot));
    } finally {
      await engine.close();
    }
  }
  assert.equal(render(snapshot, { theme: house }).key, cacheKey(merged));
});

test('an engine’s bad theme is refused when the engine is made, at its path', () => {
  assert.throws(() => createEngine({ workers: 0, persistent: false, theme: { body: { size: -3 } } }), (e) => {
    assert.equal(e.code, 'INVALID_OPTIONS');
    assert.match(e.message, /options\.theme\.body\.size: -3 is not a size in points \(0\.5 to 400\)/);
    return true;
  });
  assert.throws(() => render({ title: 'T' }, { theme: { heading4: {} } }), (e) => {
    assert.equal(e.code, 'INVALID_OPTIONS');
    assert.match(e.message, /options\.theme\.heading4: unknown field `heading4`/);
    return true;
  });
});
