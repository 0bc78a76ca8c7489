// The running header and footer, read back from the PDF with pdf.js: page numbers in
// Roman numerals, a first page with bands of its own (none, as on a cover), and rules
// under the header and over the footer across the content width in the accent colour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render, validate } from 'snapdf';

const { OPS } = pdfjs;
const [W, H] = [595.276, 841.89]; // A4 in points

/** Each page's words (with their baselines) and its horizontal stroked lines with their colours. */
async function pages(pdf) {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const out = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const texts = (await page.getTextContent()).items.filter((i) => i.str.trim()).map((i) => ({ str: i.str, y: i.transform[5] }));
    const list = await page.getOperatorList();
    const lines = [];
    let [stroke, path] = [[0, 0, 0], null];
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i];
      if (fn === OPS.setStrokeRGBColor) stroke = [args[0], args[1], args[2]];
      if (fn === OPS.constructPath) path = args;
      if (fn === OPS.stroke && path) {
        const c = path[1];
        if (c.length === 4 && c[1] === c[3]) lines.push({ x1: c[0], x2: c[2], y: c[1], color: stroke });
      }
    });
    out.push({ texts, lines });
  }
  await doc.destroy();
  return out;
}

const blocks = [{ type: 'paragraph', text: 'One.' }, { type: 'pageBreak' }, { type: 'paragraph', text: 'Two.' }, { type: 'pageBreak' }, { type: 'paragraph', text: 'Three.' }];

test('page numbers in Roman numerals, upper and lower case', async () => {
  for (const [numbering, numbers] of [['upperRoman', ['I', 'II', 'III']], ['lowerRoman', ['i', 'ii', 'iii']], ['decimal', ['1', '2', '3']]]) {
    const found = await pages(render({ title: 'Roman', page: { numbering, footer: 'Page {page} of {pages}' }, blocks }).pdf);
    const footers = found.map((p) => p.texts.find((t) => t.str.startsWith('Page '))?.str);
    assert.deepEqual(footers, numbers.map((n) => `Page ${n} of ${numbers[2]}`), numbering);
  }
});

test('the first page has bands of its own, and the others the usual ones', async () => {
  const page = { header: { left: 'Harbour Street', right: '{page}' }, firstHeader: {}, firstFooter: 'Cover' };
  const found = await pages(render({ title: 'Bands', page, blocks }).pdf);
  const words = found.map((p) => p.texts.map((t) => t.str));
  assert.ok(!words[0].includes('Harbour Street') && words[0].includes('Cover'), `page 1: ${words[0]}`);
  assert.ok(!words[0].some((w) => w.startsWith('Page ')), 'the first footer replaces the default one');
  for (const n of [1, 2]) {
    assert.ok(words[n].includes('Harbour Street') && words[n].includes(String(n + 1)), `page ${n + 1}: ${words[n]}`);
    assert.ok(words[n].includes(`Page ${n + 1} of 3`));
  }
});

test('a rule under the header and over the footer, across the content width, in the accent colour', async () => {
  const page = { header: { left: 'Harbour Street', rule: true }, footer: { center: 'Page {page}', rule: true } };
  const found = await pages(render({ title: 'Rules', theme: { accent: '#2e8b57' }, page, blocks }).pdf);
  for (const { texts, lines } of found) {
    const header = texts.find((t) => t.str === 'Harbour Street');
    const footer = texts.find((t) => t.str.startsWith('Page '));
    const accent = lines.filter((l) => l.color.join() === '46,139,87' && Math.abs(l.x1 - 50) < 0.01 && Math.abs(l.x2 - (W - 50)) < 0.01);
    const under = accent.find((l) => l.y < header.y && header.y - l.y < 8);
    const over = accent.find((l) => l.y > footer.y && l.y - footer.y < 12);
    assert.ok(under, `a rule under the header at ${header.y}: ${JSON.stringify(lines)}`);
    assert.ok(over, `a rule over the footer at ${footer.y}: ${JSON.stringify(lines)}`);
    assert.ok(under.y > H - 50 && over.y < 50, 'both in the margins');
  }
});

test('bad numbering or first bands are refused at their path', () => {
  assert.throws(() => validate({ title: 'T', page: { numbering: 'roman' } }), (e) => e.path === 'page.numbering' && /decimal/.test(e.message));
  assert.throws(() => validate({ title: 'T', page: { firstHeader: { left: '{pgae}' } } }), (e) => e.path === 'page.firstHeader.left' && /unknown placeholder/.test(e.message));
});
