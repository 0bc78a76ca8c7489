// The example gallery (examples/gallery/*.json, plus a 5,000-row table from
// vega-datasets), rendered and checked by real tools: qpdf finds nothing wrong;
// pdftotext and pdf.js both give back the text, non-Latin included; pdffonts lists the
// supplied fonts as embedded subsets with ToUnicode; pdfimages lists the image;
// pdfdetach lists the attachment and extracts it byte for byte. The first page of each
// is rendered with pdftoppm to examples/gallery/out/ for review.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as snapdf from 'snapdf';
import { flightsReport } from '../../examples/snapshots.mjs';
import { pdfPageTexts, qpdfCheck, root, tempDir } from './helpers.mjs';

const out = join(root, 'examples/gallery/out');
mkdirSync(out, { recursive: true });
const font = (name, file) => ({ name, data: new Uint8Array(readFileSync(file)) });
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const dejavu = [
  font('DejaVu Sans', join(DEJAVU, 'DejaVuSans.ttf')),
  font('DejaVu Sans Bold', join(DEJAVU, 'DejaVuSans-Bold.ttf')),
  font('DejaVu Sans Italic', join(DEJAVU, 'DejaVuSans-Oblique.ttf')),
];
const ipa = font('IPAGothic', '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf');
const CANTARELL = '/usr/share/fonts/opentype/cantarell';
const cantarell = [font('Cantarell', join(CANTARELL, 'Cantarell-Regular.otf')), font('Cantarell Bold', join(CANTARELL, 'Cantarell-Bold.otf'))];
const NOTO = '/usr/share/fonts/truetype/noto';
const noto = ['', ' Arabic', ' Hebrew', ' Devanagari', ' Thai'].flatMap((script) => [
  font(`Noto Sans${script}`, join(NOTO, `NotoSans${script.trim()}-Regular.ttf`)),
  font(`Noto Sans${script} Bold`, join(NOTO, `NotoSans${script.trim()}-Bold.ttf`)),
]);
const gallery = (name) => JSON.parse(readFileSync(join(root, 'examples/gallery', name), 'utf8'));

/** Each example: its snapshot, fonts, text a reader must find, and its fonts' names. */
const examples = [
  { name: 'every-block', snapshot: gallery('every-block.json'), text: ['Deal room: Harbour Street', 'Every block snapdf knows', 'four-storey', 'HS-42-A', 'Unit 2', 'break clause 2027', 'Total', '7zip.png from vega-datasets', 'revenue.csv', '“quotes”, € and ©'] },
  { name: 'cyrillic', snapshot: gallery('cyrillic.json'), fonts: dejavu, text: ['Квартальный отчёт', 'Съешь же ещё этих мягких французских булок, да выпей чаю.', 'Выручка выросла', 'Санкт-Петербург', 'Выручка, млн ₽'], embedded: ['DejaVuSans', 'DejaVuSans-Bold'] },
  { name: 'greek', snapshot: gallery('greek.json'), fonts: dejavu, text: ['Τριμηνιαία αναφορά', 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.', 'Τα έσοδα αυξήθηκαν', 'Θεσσαλονίκη', 'Υπεύθυνος'], embedded: ['DejaVuSans', 'DejaVuSans-Oblique'] },
  { name: 'cantarell', snapshot: gallery('cantarell.json'), fonts: cantarell, text: ['Raport roczny — Výroční zpráva', 'Zażółć gęślą jaźń.', 'Příliš žluťoučký kůň úpěl ďábelské ódy.', 'Árvíztűrő tükörfúrógép.', 'Łódź', 'Győr'], embedded: ['Cantarell-Regular', 'Cantarell-Bold'], fontType: 'CID Type 0C' },
  { name: 'japanese', snapshot: gallery('japanese.json'), fonts: [ipa, ...dejavu], text: ['四半期報告書', '売上はすべての地域で増加しました。', '売上（百万円）', '名古屋', '吾輩は猫である。名前はまだ無い。', 'いわゆる人間というものの見始であろう」。'], embedded: ['IPAGothic'], kinsoku: true },
  // pdf.js reads no /ActualText, and gives Devanagari and Thai in the order their glyphs
  // are drawn: it is asked for the right-to-left words only.
  { name: 'world-scripts', snapshot: gallery('world-scripts.json'), fonts: noto, text: ['World scripts', 'ارتفعت المبيعات', 'המכירות עלו', 'ירושלים', 'सभी क्षेत्रों में बिक्री बढ़ी।', 'ยอดขายเพิ่มขึ้นในทุกภูมิภาค', 'responsibilities'], viewerText: ['ارتفعت', 'المبيعات', 'המכירות', 'ירושלים', 'responsibilities'], embedded: ['NotoSansArabic-Regular', 'NotoSansHebrew-Regular', 'NotoSansDevanagari-Regular', 'NotoSansThai-Regular'] },
  { name: 'svg', snapshot: gallery('svg.json'), text: ['Drawings', 'half-transparent group', 'circular clip path'] },
  { name: 'charts', snapshot: gallery('charts.json'), text: ['Charts from data', 'Seattle, 2012 to 2015', 'Mean daily precipitation by month', 'drizzle', 'Days by weather, 2012 to 2015', 'Highest', 'Jan', 'Dec', '90+', 'Age group', 'AAPL', 'MSFT', 'Monthly prices, stacked', 'Stock prices, 2000 to 2010', '2006', 'Horsepower', 'Miles per gallon', 'Europe', 'Japan'] },
  { name: 'invoice', snapshot: gallery('invoice.json'), text: ['Invoice 2026-0142', 'Work done', 'Charged', 'Unit price', 'Scaffolding, per week', '€1,260.00', 'VAT at 20 %', 'Total due', '€9,060.00'] },
  { name: 'row-spans', snapshot: gallery('row-spans.json'), text: ['Seattle weather by month', 'seattle-weather.csv from vega-datasets', '2012', '2015', 'Highest temperature (°C)'] },
  { name: 'branded', snapshot: gallery('branded.json'), text: ['Harbour Street: quarterly review', 'Northwind Property Partners', 'Decision needed: unit 4', 'the board decides by 15 December', 'Rental income by tenant and quarter'] },
  { name: 'qr', snapshot: gallery('qr.json'), text: ['Deal room: Harbour Street', 'The live room', 'Room code (level H)', 'HS-42-A'] },
  { name: 'flights-5000', snapshot: flightsReport(5000), text: ['Flight delays: 5,000 departures', 'Mean delay', 'Longest delay', 'Destination'] },
];

const squash = (s) => s.replace(/\s+/g, '');

/** pdf.js's own copies of the standard 14 fonts (it warns when it has none). */
const standardFontDataUrl = join(root, 'node_modules/pdfjs-dist/standard_fonts/');

/**
 * Text of every page as pdf.js extracts it, and the warnings pdf.js printed while it
 * read the file, extracted the text and built the first page's drawing operations
 * (which parses its fonts and content stream).
 */
async function pdfjsText(pdf) {
  const warnings = [];
  const { log, warn } = console;
  console.log = console.warn = (...args) => warnings.push(args.join(' '));
  try {
    const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 1, isEvalSupported: false, standardFontDataUrl }).promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
      if (n === 1) await page.getOperatorList();
    }
    await doc.destroy();
    return { pages, warnings };
  } finally {
    Object.assign(console, { log, warn });
  }
}

describe('the example gallery', () => {
  for (const ex of examples) {
    test(`${ex.name}: qpdf, pdftotext, pdf.js, pdffonts and a first-page image agree`, async () => {
      const { pdf, pages } = snapdf.render(ex.snapshot, ex.fonts ? { fonts: ex.fonts } : {});
      const file = join(out, `${ex.name}.pdf`);
      writeFileSync(file, pdf);
      assert.ok(qpdfCheck(file), `qpdf --check ${file}`);
      const poppler = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
      const { pages: viewer, warnings } = await pdfjsText(pdf);
      assert.equal(viewer.length, pages, 'pdf.js opens every page');
      assert.deepEqual(warnings, [], 'pdf.js reads the file without a warning');
      const pdfjsAll = squash(viewer.join(''));
      for (const t of ex.text) assert.ok(poppler.includes(squash(t)), `pdftotext: ${t}`);
      for (const t of ex.viewerText ?? ex.text) assert.ok(pdfjsAll.includes(squash(t)), `pdf.js: ${t}`);
      if (ex.kinsoku) {
        // Japanese flows without spaces and breaks between characters, but no line
        // starts with closing punctuation or a prolonged sound mark, and none ends with
        // an opening bracket (UAX #14).
        const lines = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
        const quote = lines.filter((l) => /吾輩|書生|掌|人間|ニャー/.test(l));
        assert.ok(quote.length >= 4, `the quotation wraps: ${quote.join(' | ')}`);
        for (const l of lines) {
          assert.ok(!/^[。、」』）ー]/.test(l) && !/[「『（]$/.test(l), `line: ${l}`);
        }
      }
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      for (const name of ex.embedded ?? []) {
        assert.match(fonts, new RegExp(`[A-Z]{6}\\+${name}\\s+${ex.fontType ?? 'CID TrueType'}\\s+Identity-H\\s+yes yes yes`), fonts);
      }
      // Poppler draws the page without a warning (it has warned of a font program
      // that did not match its font type).
      const drawn = spawnSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', '-singlefile', file, join(out, ex.name)], { encoding: 'utf8' });
      assert.deepEqual({ status: drawn.status, stderr: drawn.stderr }, { status: 0, stderr: '' });
      assert.ok(readFileSync(join(out, `${ex.name}.png`)).length > 1000, 'a first-page image');
    });
  }

  test('row-spans: a year that does not fit moves to the next page whole, under the repeated header', () => {
    const pages = pdfPageTexts(join(out, 'row-spans.pdf'));
    assert.equal(pages.length, 2);
    const years = (page) => [...page.matchAll(/\b(201[2-5])\b/g)].map((m) => m[1]);
    assert.deepEqual([years(pages[0]), years(pages[1])], [['2012', '2013', '2014'], ['2015']]);
    assert.equal(pages[1].match(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g).length, 12, 'all of 2015 on page 2');
    assert.match(pages[1], /Days of rain/, 'the header is repeated');
  });

  test('branded: the logo is in the header of every page, one image object for all', () => {
    const file = join(out, 'branded.pdf');
    writeFileSync(file, snapdf.render(gallery('branded.json')).pdf);
    const pages = pdfPageTexts(file).length;
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.ok(pages >= 2);
    assert.deepEqual(images.map((l) => Number(l.trim().split(/\s+/)[0])), Array.from({ length: pages }, (_, i) => i + 1), 'one image a page');
    assert.ok(images.every((l) => /\bimage\s+144\s+48\s+rgb\b/.test(l)), images.join('\n'));
    assert.equal(new Set(images.map((l) => l.trim().split(/\s+/)[10])).size, 1, 'the same object on every page');
  });

  test('every-block: the image is listed and the attachment comes back byte for byte', () => {
    const file = join(out, 'every-block.pdf');
    writeFileSync(file, snapdf.render(gallery('every-block.json')).pdf);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.equal(images.length, 2, 'the PNG and its alpha mask');
    assert.match(images[0], /\bimage\s+\d+\s+\d+\s+rgb\b/);
    const list = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' });
    assert.match(list, /1 embedded files\s+1: revenue\.csv/);
    const saved = join(tempDir(), 'revenue.csv');
    execFileSync('pdfdetach', ['-save', '1', '-o', saved, file]);
    const csv = Buffer.from(gallery('every-block.json').blocks.find((b) => b.type === 'documents').items[0].data, 'base64');
    assert.deepEqual(readFileSync(saved), csv);
  });
});
