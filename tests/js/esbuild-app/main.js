// A user's app as esbuild bundles it (tests/js/esbuild.test.mjs): it imports the package
// by name. esbuild emits neither snapdf's WebAssembly modules nor its render worker, so
// the build copies the three .wasm files next to the bundle and bundles the package's
// `snapdf/worker` entry beside it, and the app says where they are.
import * as snapdf from 'snapdf';

/** Where the build put snapdf's files; relative URLs resolve against the page. */
const where = {
  init: { frontModule: './snapdf_front_bg.wasm', baseModule: './snapdf_base_bg.wasm', mediaModule: './snapdf_bg.wasm' },
  engine: { workerUrl: './snapdf-worker.js' },
};

window.snapdf = snapdf;
window.where = where;
window.loaded = true;
