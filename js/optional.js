// The fleet's Redis clients (bullmq, ioredis) are optional peer dependencies: a browser
// app or a single-process Node app never installs them. The fleet code loads them on
// demand, and a missing one is a MISSING_PACKAGE error that names the package to install.
import { createRequire } from 'node:module';
import { snapdfError } from './errors.js';

/** The optional peer dependencies, and what needs each. */
export const OPTIONAL_PACKAGES = Object.freeze({
  bullmq: 'the fleet queue (snapdf worker, snapdf enqueue, enqueueSnapshot)',
  ioredis: 'the shared Redis cache (RedisStore, snapdf metrics --redis)',
});

const require = createRequire(import.meta.url);

/**
 * The MISSING_PACKAGE error for `name`, or undefined when `e` is not "cannot find
 * package `name`" (Node's ERR_MODULE_NOT_FOUND from `import`, MODULE_NOT_FOUND from
 * `require`).
 * @param {unknown} e
 * @returns {Error | undefined}
 */
export function missingPackage(e) {
  const err = /** @type {NodeJS.ErrnoException} */ (e);
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'MODULE_NOT_FOUND') return undefined;
  const name = Object.keys(OPTIONAL_PACKAGES).find((n) => new RegExp(`(package|module) '${n}'`).test(err.message));
  if (!name) return undefined;
  const needs = OPTIONAL_PACKAGES[/** @type {keyof typeof OPTIONAL_PACKAGES} */ (name)];
  return snapdfError('MISSING_PACKAGE', `${needs} needs the package "${name}", which is not installed: run \`npm install ${name}\``);
}

/**
 * Imports a module of snapdf's own that needs an optional package (js/fleet/*.js).
 * @template T
 * @param {() => Promise<T>} load e.g. `() => import('./fleet/queue.js')`
 * @returns {Promise<T>}
 * @throws {Error} SnapdfError `MISSING_PACKAGE` naming the package when it is not installed
 */
export async function importOptional(load) {
  try {
    return await load();
  } catch (e) {
    throw missingPackage(e) ?? e;
  }
}

/**
 * An optional package, loaded synchronously (a constructor cannot await).
 * @param {keyof typeof OPTIONAL_PACKAGES} name
 * @returns {any}
 * @throws {Error} SnapdfError `MISSING_PACKAGE` naming the package when it is not installed
 */
export function requireOptional(name) {
  try {
    return require(name);
  } catch (e) {
    throw missingPackage(e) ?? e;
  }
}
