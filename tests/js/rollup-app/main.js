// A user's app as Rollup bundles it (tests/js/rollup.test.mjs): it imports the package by
// name. @web/rollup-plugin-import-meta-assets emits snapdf's WebAssembly modules (its
// `new URL(…, import.meta.url)` assets); the render worker is the package's
// `snapdf/worker` entry, a second input of the build, and the app says where it is.
import * as snapdf from 'snapdf';

/** Where the build put snapdf's worker; a relative URL resolves against the page. */
const where = {
  init: {},
  engine: { workerUrl: './snapdf-worker.js' },
};

window.snapdf = snapdf;
window.where = where;
window.loaded = true;
