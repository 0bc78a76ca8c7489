// The package as a user installs it: `npm pack`, the tarball installed into a new app
// (from the registry, with the npm cache in the system's temporary directory), then
// what that app gets: dependencies whose `engines` admit the lowest Node snapdf
// declares.
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
