// Bundles the demo app in www/ the way a user's app bundles snapdf: it imports 'snapdf'
// (resolved through this package's own "exports", browser condition), and webpack emits
// the WebAssembly and the render worker as assets of their own. pdf.js's worker and its
// standard font data (for the non-embedded Helvetica and Courier of snapdf's PDFs) are
// copied next to the app as they are. The production build adds a service worker
// (workbox GenerateSW) that precaches all of it, so the app works offline after its
// first load.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { GenerateSW } from 'workbox-webpack-plugin';

const here = path.dirname(fileURLToPath(import.meta.url));
const pdfjsDir = path.resolve(here, 'node_modules/pdfjs-dist');
/** DejaVu Sans for the Unicode sample: Debian's fonts-dejavu-core, which scripts/setup.sh installs. */
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

/** @param {unknown} _env @param {{ mode?: string }} argv */
export default (_env, argv) => ({
  entry: './www/src/app.js',
  output: { path: path.resolve(here, 'www/dist'), filename: '[name].[contenthash].js', clean: true },
  plugins: [
    new HtmlWebpackPlugin({ template: './www/src/index.html' }),
    new CopyPlugin({
      patterns: [
        // Already minified: terser would only spend a minute on it.
        { from: path.join(pdfjsDir, 'build/pdf.worker.min.mjs'), to: 'pdfjs/', info: { minimized: true } },
        { from: path.join(pdfjsDir, 'standard_fonts'), to: 'pdfjs/standard_fonts/' },
        { from: path.join(DEJAVU_DIR, 'DejaVuSans.ttf'), to: 'fonts/' },
        { from: path.join(DEJAVU_DIR, 'DejaVuSans-Bold.ttf'), to: 'fonts/' },
      ],
    }),
    // Not in watch mode (the dev server), where GenerateSW would run on every rebuild.
    ...(argv.mode === 'production' ? [new GenerateSW({
      swDest: 'sw.js',
      clientsClaim: true,
      skipWaiting: true,
      cleanupOutdatedCaches: true,
      // The .wasm is about 1 MiB, each DejaVu face 0.7 MiB.
      maximumFileSizeToCacheInBytes: 8 * 2 ** 20,
      exclude: [/\.LICENSE\.txt$/, /LICENSE_/],
    })] : []),
  ],
  // uPlot's stylesheet and the CSV sample, as text.
  module: { rules: [{ test: /\.(css|csv)$/, type: 'asset/source' }] },
  // vega-datasets' "exports" hides its data files; the samples import them from here.
  resolve: { alias: { 'vega-datasets-data': path.resolve(here, 'node_modules/vega-datasets/data') } },
  performance: { hints: false },
  devServer: { static: false, host: '127.0.0.1', port: 8080 },
});
