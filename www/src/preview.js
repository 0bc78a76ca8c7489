// The PDF preview: pages drawn with pdf.js into a canvas, with pdf.js's text layer on
// top (selectable, and readable by screen readers and tests), paged with Previous/Next
// and the arrow keys. pdf.js is loaded on the first preview (its own chunk), its worker
// and the standard font data are copied next to the app by webpack.config.js.

/** @type {Promise<typeof import('pdfjs-dist')> | undefined} */
let loading;

/** pdf.js, loaded once, with its worker and standard fonts next to the app. */
function pdfjs() {
  loading ??= import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = new URL('pdfjs/pdf.worker.min.mjs', document.baseURI).href;
    return lib;
  });
  return loading;
}

/**
 * Wires the preview panel: `show(pdf)` opens a PDF and draws page 1.
 * @param {{ page: HTMLElement, canvas: HTMLCanvasElement, text: HTMLElement,
 *   prev: HTMLButtonElement, next: HTMLButtonElement, label: HTMLElement }} els
 *   the page box, its canvas and text layer, the paging buttons and the "page n of m" label
 * @returns {{ show(pdf: Uint8Array): Promise<void> }}
 */
export function createPreview(els) {
  /** @type {import('pdfjs-dist').PDFDocumentProxy | undefined} */
  let doc;
  let current = 1;
  /** @type {Promise<void>} */
  let drawing = Promise.resolve();

  /** Draws page `n` of the open document, fitted to the panel's width. @param {number} n */
  async function draw(n) {
    if (!doc) return;
    const lib = await pdfjs();
    const page = await doc.getPage(n);
    const width = Math.max(240, els.page.parentElement?.clientWidth ?? 600);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: width / unscaled.width });
    const ratio = window.devicePixelRatio || 1;
    els.canvas.width = Math.floor(viewport.width * ratio);
    els.canvas.height = Math.floor(viewport.height * ratio);
    els.page.style.setProperty('--scale-factor', String(viewport.scale));
    els.page.style.width = `${viewport.width}px`;
    els.page.style.height = `${viewport.height}px`;
    const context = /** @type {CanvasRenderingContext2D} */ (els.canvas.getContext('2d'));
    await page.render({ canvasContext: context, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
    els.text.replaceChildren();
    await new lib.TextLayer({ textContentSource: page.streamTextContent(), container: els.text, viewport }).render();
    current = n;
    els.label.textContent = `Page ${n} of ${doc.numPages}`;
    els.prev.disabled = n <= 1;
    els.next.disabled = n >= doc.numPages;
    els.page.dataset.page = String(n);
  }

  /** Queues a draw so that quick clicks never draw two pages at once. @param {number} n */
  const go = (n) => {
    drawing = drawing.then(() => draw(n)).catch((e) => { els.label.textContent = `The preview failed: ${e.message}`; });
    return drawing;
  };

  els.prev.addEventListener('click', () => go(current - 1));
  els.next.addEventListener('click', () => go(current + 1));
  els.page.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft' && current > 1) go(current - 1);
    if (e.key === 'ArrowRight' && doc && current < doc.numPages) go(current + 1);
  });

  return {
    async show(pdf) {
      const lib = await pdfjs();
      await drawing;
      await doc?.destroy();
      // pdf.js transfers its input to its worker: give it a copy, the cache keeps the original.
      doc = await lib.getDocument({ data: pdf.slice(), standardFontDataUrl: new URL('pdfjs/standard_fonts/', document.baseURI).href, verbosity: 0 }).promise;
      els.page.hidden = false;
      await go(1);
    },
  };
}
