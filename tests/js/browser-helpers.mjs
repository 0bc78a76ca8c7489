// Real headless Chromium for the browser tests: a static server for the repository
// (the package as a browser loads it, bare imports mapped as a bundler would) and
// Debian's /usr/bin/chromium driven by playwright-core.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './helpers.mjs';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The test page loads the package and exposes it as window.snapdf. Before that, an
// optional script (`?setup=NAME`, from SETUPS) can sabotage the platform.
const page = (setup) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">{"imports": {
  "#csv-parse": "/node_modules/csv-parse/dist/esm/sync.js",
  "idb": "/node_modules/idb/build/index.js"}}</script>
<script>${SETUPS[setup] ?? ''}</script>
<script type="module">import * as snapdf from '/js/browser.js'; window.snapdf = snapdf; window.loaded = true;</script>
</head><body></body></html>`;

/** Scripts that run before the package loads. */
const SETUPS = {
  // IndexedDB refuses to open, as in some private modes.
  noIdb: `indexedDB.open = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };`,
};

/**
 * Serves a directory read-only on a free loopback port: by default the repository, with
 * the test page at `/?setup=NAME`; given `dir`, that directory with its index.html at `/`.
 * @param {string} [dir]
 */
export function serve(dir) {
  const base = dir ?? root;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = decodeURIComponent(url.pathname);
    if (path === '/' && !dir) return res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.searchParams.get('setup') ?? ''));
    if (path === '/') path = '/index.html';
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Launches Chromium. */
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens the test page in `context`, waits for the package, and collects console errors
 * and warnings into `problems`.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('node:http').Server} server
 * @param {string[]} problems
 * @param {string} [setup]
 */
export async function openPage(context, server, problems, setup = '') {
  const p = await context.newPage();
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  p.on('pageerror', (e) => problems.push(String(e)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  await p.goto(`http://127.0.0.1:${address.port}/?setup=${setup}`);
  await p.waitForFunction(() => window.loaded === true);
  return p;
}

/**
 * Serves the repository, launches Chromium, opens the test page and runs `body` with it
 * and the browser; closes both afterwards, whatever happens. For the browser benchmarks.
 * @template T
 * @param {(page: import('playwright-core').Page, browser: import('playwright-core').Browser) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withTestPage(body) {
  const server = await serve();
  const browser = await launch();
  try {
    return await body(await openPage(await browser.newContext(), server, []), browser);
  } finally {
    await browser.close();
    server.close();
  }
}
