// QR code blocks, read back as a phone would: the page drawn by poppler (pdftoppm) and
// the codes decoded by ZBar (zbarimg); drawn as vector shapes (pdfimages lists no
// image), a link on a code that holds a URL (pdf.js's annotations), the caption in the
// text (pdftotext), and the same bytes every time.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { render } from 'snapdf';
import { qpdfCheck, tempDir } from './helpers.mjs';

const LONG = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(17); // 969 bytes
const codes = [
  { data: 'https://example.com/rooms/42?from=pdf', caption: 'The live room' },
  { data: '0123456789012345678901234567890123456789', level: 'H', size: 72, align: 'left' },
  { data: 'Grüße aus Zürich: 5 €, ½ price', level: 'Q', size: 120, align: 'right' },
  { data: LONG, level: 'L', size: 300 },
];
const snapshot = { title: 'QR codes', blocks: [{ type: 'paragraph', text: 'Scan to open the live room.' }, ...codes.map((c) => ({ type: 'qr', ...c }))] };

/** The texts zbarimg decodes from page `page` of `file` drawn at 150 dpi, sorted. */
function decoded(file, page) {
  const png = join(tempDir(), 'page');
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, png]);
  // zbarimg prints each code's text and a newline; ZBar's D-Bus chatter goes to stderr.
  const r = spawnSync('zbarimg', ['--raw', '-q', `${png}.png`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort();
}

test('every code decodes to its data, at every level, drawn without a single image', async () => {
  const { pdf, pages } = render(snapshot);
  const file = join(tempDir(), 'qr.pdf');
  writeFileSync(file, pdf);
  assert.ok(qpdfCheck(file));
  const seen = [];
  for (let p = 1; p <= pages; p++) seen.push(...decoded(file, p));
  assert.deepEqual(seen.sort(), codes.map((c) => c.data).sort());
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(images.length, 2, `only pdfimages' two header lines:\n${images.join('\n')}`);
  assert.match(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), /The live room/);
  // The same snapshot, the same bytes.
  assert.deepEqual(render(snapshot).pdf, pdf);
});

test('a code that holds a URL links to it; one that does not has no link', async () => {
  const { pdf } = render(snapshot);
  const doc = await pdfjs.getDocument({ data: pdf, verbosity: 0, isEvalSupported: false }).promise;
  const links = [];
  for (let p = 1; p <= doc.numPages; p++) links.push(...(await (await doc.getPage(p)).getAnnotations()).filter((a) => a.subtype === 'Link'));
  await doc.destroy();
  assert.deepEqual(links.map((l) => l.url), ['https://example.com/rooms/42?from=pdf']);
  // The link covers the code's square: 96 pt by default.
  const [x0, y0, x1, y1] = links[0].rect;
  assert.deepEqual([Math.round(x1 - x0), Math.round(y1 - y0)], [96, 96]);
});

test('data too long for its level is refused at its path, with what the level holds', () => {
  assert.throws(() => render({ title: 'T', blocks: [{ type: 'qr', data: 'x'.repeat(1300), level: 'H' }] }), (e) => {
    assert.equal(e.code, 'INVALID_SNAPSHOT');
    assert.equal(e.path, 'blocks[0].data');
    assert.match(e.message, /more than a QR code holds at level H \(1273 bytes/);
    return true;
  });
});
