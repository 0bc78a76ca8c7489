// Bundles the demo app in www/ the way a user's app bundles snapdf: it imports 'snapdf'
// (resolved through this package's own "exports", browser condition), and webpack emits
// the WebAssembly and the render worker as assets of their own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  entry: './www/src/app.js',
  output: { path: path.resolve(here, 'www/dist'), filename: '[name].[contenthash].js', clean: true },
  plugins: [new HtmlWebpackPlugin({ template: './www/src/index.html' })],
  performance: { hints: false },
  devServer: { static: false, host: '127.0.0.1', port: 8080 },
};
