// A user's app as Vite bundles it (tests/js/vite.test.mjs): it imports the package by
// name and hands it to the test.
import * as snapdf from 'snapdf';

window.snapdf = snapdf;
window.loaded = true;
