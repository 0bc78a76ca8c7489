// Images in the header and footer (a logo), read back from the PDF with pdf.js's
// operator list: each page paints the image XObject in its band, as tall as asked, as
// wide as the image's aspect ratio makes it, centred vertically in the margin and
// placed at the left, centre or right of the content width; the first page takes
// `firstHeader`'s; text slots beside it still print; bad image data and heights are
// refused at their path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cacheKey, render, validate } from 'snapdf';
import { readPages } from './helpers.mjs';

const { OPS } = pdfjs;

/** Each page's painted images ([width, height, x, y] from the matrix in force) and its text. */
function readBack(pdf) {
  return readPages(pdf, async (page, list) => {
    const images = [];
    let matrix;
    list.fnArray.forEach((fn, i) => {
      if (fn === OPS.transform) matrix = list.argsArray[i];
      if (fn === OPS.paintImageXObject) images.push({ width: matrix[0], height: matrix[3], x: matrix[4], y: matrix[5] });
    });
    const text = (await page.getTextContent()).items.map((t) => t.str).join(' ');
    return { images, text };
  });
}

const near = (a, b, what) => assert.ok(Math.abs(a - b) < 0.02, `${what}: ${a} is not ${b}`);
// The fixture is 64 x 40 pixels. A4 with 50 pt margins: content from x 50 to 545.28;
// the top margin's middle is at y 816.89, the bottom one's at 25.
const PNG = readFileSync(new URL('../fixtures/images/gray8.png', import.meta.url)).toString('base64');
const [LEFT, RIGHT, HEADER_MIDDLE, FOOTER_MIDDLE] = [50, 545.28, 841.89 - 25, 25];

const snapshot = (page) => ({
  title: 'Logos',
  page,
  blocks: [{ type: 'paragraph', text: 'One' }, { type: 'pageBreak' }, { type: 'paragraph', text: 'Two' }, { type: 'pageBreak' }, { type: 'paragraph', text: 'Three' }],
});

test('a logo in the header is drawn on every page, centred in the margin; the first page takes firstHeader', async () => {
  const { pdf } = render(snapshot({
    header: { left: { image: PNG, height: 24 }, right: 'Acme {page}' },
    firstHeader: { center: { image: PNG, height: 30 } },
    footer: { right: { image: PNG, height: 16 }, center: 'Page {page} of {pages}' },
  }));
  const pages = await readBack(pdf);
  assert.equal(pages.length, 3);
  pages.forEach((page, i) => {
    assert.equal(page.images.length, 2, `page ${i + 1}: a header and a footer image`);
    const [header, footer] = [...page.images].sort((a, b) => b.y - a.y);
    const height = i === 0 ? 30 : 24;
    near(header.height, height, `page ${i + 1}: header height`);
    near(header.width, (height * 64) / 40, `page ${i + 1}: header width from the aspect ratio`);
    near(header.y + header.height / 2, HEADER_MIDDLE, `page ${i + 1}: header centred in the margin`);
    near(header.x, i === 0 ? (LEFT + RIGHT) / 2 - header.width / 2 : LEFT, `page ${i + 1}: header x`);
    near(footer.height, 16, 'footer height');
    near(footer.x + footer.width, RIGHT, 'footer image flush right');
    near(footer.y + footer.height / 2, FOOTER_MIDDLE, 'footer centred in the margin');
    assert.match(page.text, new RegExp(`Page ${i + 1} of 3`));
    if (i > 0) assert.match(page.text, new RegExp(`Acme ${i + 1}`), 'the text slot beside the logo');
  });
});

test('a logo taller than the margin is set as tall as the margin', async () => {
  const { pdf } = render({ ...snapshot({ header: { center: { image: PNG, height: 200 } } }), blocks: [{ type: 'paragraph', text: 'x' }] });
  const [page] = await readBack(pdf);
  near(page.images[0].height, 50, 'the margin is 50 pt');
  near(page.images[0].y, 841.89 - 50, 'it fills the margin');
});

test('bad logos are refused at their path; a text band keeps its key', () => {
  assert.throws(() => validate(snapshot({ header: { left: { image: PNG, height: 0 } } })), { path: 'page.header.left.height', message: /0 is not a logo height/ });
  assert.throws(() => validate(snapshot({ footer: { right: { image: 'aGVsbG8=' } } })), { path: 'page.footer.right.image', message: /neither a PNG nor a JPEG/ });
  assert.throws(() => validate(snapshot({ firstHeader: { center: { height: 10 } } })), { path: 'page.firstHeader.center', message: /image/ });
  assert.throws(() => validate(snapshot({ header: { left: 12 } })), { path: 'page.header.left', message: /a string\) or an image/ });
  const text = snapshot({ header: { left: 'Acme' } });
  const logo = snapshot({ header: { left: { image: PNG } } });
  assert.notEqual(cacheKey(text), cacheKey(logo));
});
