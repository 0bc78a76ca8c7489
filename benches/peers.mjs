#!/usr/bin/env node
// snapdf beside its JavaScript peers on the same documents, in the same run: the
// one-page snapshot, the 8-page benchmark report of DESIGN.md and the same report with
// 5,000 rows (examples/snapshots.mjs). Each peer gets the same snapshot through a
// straightforward translation to its own model: pdfmake (declarative, with its own
// layout) and pdf-lib (drawing only; the translation wraps text and paginates itself,
// as pdf-lib users do). Reported: median time of a render, output bytes, and each
// library's peak resident memory for the 5,000-row render in a fresh process.
//
// Run: `node examples/make-snapshots.mjs && node benches/peers.mjs` (after a build).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { initSync, render } from '../pkg/snapdf.js';

const require = createRequire(import.meta.url);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const wasm = initSync({ module: readFileSync(here('../pkg/snapdf_bg.wasm')) });
const encoder = new TextEncoder();
const snapshot = (name) => JSON.parse(readFileSync(here(`../examples/snapshots/${name}.json`), 'utf8'));

// --- pdfmake -------------------------------------------------------------------------
const pdfmake = require('pdfmake');
pdfmake.setLocalAccessPolicy(() => true); // its standard font metrics are local files
// No downloads.
pdfmake.setUrlAccessPolicy?.(() => false);
pdfmake.setFonts({ Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } });

/** A cell or value as text. */
const text = (v) => (v === null || v === undefined ? '' : String(v));

/** The snapshot as a pdfmake document definition. */
function pdfmakeDoc(s) {
  const content = [{ text: s.title, fontSize: 20, bold: true }];
  if (s.subtitle) content.push({ text: s.subtitle, fontSize: 12, color: '#666666', margin: [0, 0, 0, 14] });
  for (const b of s.blocks) {
    if (b.type === 'heading') content.push({ text: b.text, bold: true, fontSize: [15, 12.5, 10.5][(b.level ?? 1) - 1], margin: [0, 8, 0, 4] });
    else if (b.type === 'paragraph') content.push({ text: b.text, margin: [0, 0, 0, 8] });
    else if (b.type === 'bulletList') content.push({ ul: b.items, margin: [0, 0, 0, 8] });
    else if (b.type === 'keyValue') content.push({ table: { widths: ['auto', '*'], body: b.items.map((i) => [{ text: i.key, bold: true }, text(i.value)]) }, layout: 'lightHorizontalLines', fontSize: 8.5 });
    else if (b.type === 'table') {
      const header = b.columns.map((c) => ({ text: typeof c === 'string' ? c : c.header, bold: true }));
      content.push({ table: { headerRows: 1, body: [header, ...b.rows.map((r) => r.map(text))] }, layout: 'lightHorizontalLines', fontSize: 8.5 });
    } else if (b.type === 'documents') {
      const body = [['Document', 'Type', 'Size', 'SHA-256'].map((h) => ({ text: h, bold: true })), ...b.items.map((d) => [d.name, d.mediaType ?? '', text(d.size), { text: d.sha256 ?? '', font: 'Helvetica', fontSize: 6.5 }])];
      content.push({ table: { headerRows: 1, widths: ['auto', 'auto', 'auto', '*'], body }, layout: 'lightHorizontalLines', fontSize: 8.5 });
    }
  }
  return {
    pageSize: 'A4',
    pageMargins: 50,
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    info: { title: s.title, author: s.metadata?.author },
    footer: (page, pages) => ({ text: `Page ${page} of ${pages}`, alignment: 'center', fontSize: 8 }),
    content,
  };
}

/** @returns {Promise<Uint8Array>} */
async function renderPdfmake(s) {
  return new Uint8Array(await pdfmake.createPdf(pdfmakeDoc(s)).getBuffer());
}

// --- pdf-lib -------------------------------------------------------------------------
const A4 = [595.28, 841.89];
const MARGIN = 50;

/** The snapshot drawn with pdf-lib: greedy wrapping, page breaks, repeated table headers, "Page X of Y". */
async function renderPdfLib(s) {
  const doc = await PDFDocument.create();
  doc.setTitle(s.title);
  const [regular, bold] = [await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold)];
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const ensure = (h) => {
    if (y - h < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
      return true;
    }
    return false;
  };
  const wrap = (str, font, size, max) => {
    const lines = [];
    let line = '';
    for (const word of str.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > max) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
    return lines;
  };
  const para = (str, font, size, x = MARGIN, max = width) => {
    for (const line of wrap(str, font, size, max)) {
      ensure(size * 1.4);
      page.drawText(line, { x, y: y - size, size, font });
      y -= size * 1.4;
    }
  };
  const table = (header, rows) => {
    const n = header.length;
    const widths = header.map((_, c) => Math.max(...[header, ...rows.slice(0, 50)].map((r) => (c === 0 || r === header ? bold : regular).widthOfTextAtSize(text(r[c]), 8.5))) + 8);
    const scale = Math.min(1, width / widths.reduce((a, b) => a + b, 0));
    const cols = widths.map((w) => w * scale);
    const row = (cells, font) => {
      const wrapped = cells.map((c, i) => wrap(text(c), font, 8.5, cols[i] - 8));
      const h = Math.max(...wrapped.map((l) => l.length)) * 11 + 6;
      if (ensure(h) && header && cells !== header) row(header, bold);
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        lines.forEach((l, k) => page.drawText(l, { x: x + 4, y: y - 11 - k * 11, size: 8.5, font }));
        x += cols[i];
      });
      y -= h;
      page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.5 });
    };
    row(header, bold);
    for (const r of rows) row(r.slice(0, n), regular);
  };
  para(s.title, bold, 20);
  if (s.subtitle) para(s.subtitle, regular, 12);
  for (const b of s.blocks) {
    if (b.type === 'heading') para(b.text, bold, [15, 12.5, 10.5][(b.level ?? 1) - 1]);
    else if (b.type === 'paragraph') para(b.text, regular, 10);
    else if (b.type === 'bulletList') for (const item of b.items) para(`• ${item}`, regular, 10, MARGIN + 3, width - 3);
    else if (b.type === 'keyValue') table(['Key', 'Value'], b.items.map((i) => [i.key, i.value]));
    else if (b.type === 'table') table(b.columns.map((c) => (typeof c === 'string' ? c : c.header)), b.rows);
    else if (b.type === 'documents') table(['Document', 'Type', 'Size', 'SHA-256'], b.items.map((d) => [d.name, d.mediaType, d.size, d.sha256]));
    y -= 8;
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = `Page ${i + 1} of ${pages.length}`;
    p.drawText(label, { x: A4[0] / 2 - regular.widthOfTextAtSize(label, 8) / 2, y: MARGIN / 2, size: 8, font: regular });
  });
  return doc.save();
}

// --- measurement ---------------------------------------------------------------------
const renderers = {
  // As the package entry does: the module takes the JSON as UTF-8 bytes.
  snapdf: async (s) => render(encoder.encode(JSON.stringify(s))).pdf,
  pdfmake: renderPdfmake,
  'pdf-lib': renderPdfLib,
};

/** Median milliseconds of `runs` renders after `warmup`, and the output size. */
async function measure(fn, s, runs, warmup) {
  for (let i = 0; i < warmup; i++) await fn(s);
  const times = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    bytes = (await fn(s)).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], bytes };
}

if (process.argv[2] === '--peak') {
  // A fresh process: render the 5,000-row report once with one library and print its peak RSS.
  const [, , , name] = process.argv;
  const before = process.resourceUsage().maxRSS;
  await renderers[name](snapshot('flights-5000'));
  const linear = name === 'snapdf' ? wasm.memory.buffer.byteLength : 0;
  console.log(JSON.stringify({ peakRssKiB: process.resourceUsage().maxRSS, baselineKiB: before, linearBytes: linear }));
} else {
  console.log(`snapdf and peers in Node ${process.version}: median ms of a render, output bytes\n`);
  console.log('document       library       median ms      bytes');
  for (const [name, runs, warmup] of [['one-page', 50, 10], ['report', 30, 5], ['flights-5000', 7, 2]]) {
    const s = snapshot(name);
    for (const [lib, fn] of Object.entries(renderers)) {
      const { median, bytes } = await measure(fn, s, runs, warmup);
      console.log(`${name.padEnd(14)} ${lib.padEnd(12)} ${median.toFixed(2).padStart(10)} ${String(bytes).padStart(10)}`);
    }
  }
  console.log('\npeak resident memory of a fresh Node process rendering flights-5000 once:');
  for (const lib of Object.keys(renderers)) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--peak', lib], { encoding: 'utf8' });
    const { peakRssKiB, baselineKiB, linearBytes } = JSON.parse(out);
    const linear = linearBytes ? `, WebAssembly linear memory ${(linearBytes / 1048576).toFixed(1)} MiB` : '';
    console.log(`${lib.padEnd(12)} ${(peakRssKiB / 1024).toFixed(0)} MiB peak (${(baselineKiB / 1024).toFixed(0)} MiB after start-up)${linear}`);
  }
}
