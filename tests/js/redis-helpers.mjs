// Real redis-server processes for the Redis and fleet tests: each on a free loopback
// port with a temporary directory, stopped afterwards. KEYS, FLUSHALL and FLUSHDB are
// renamed away, so any use of them by snapdf fails the test.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tempDir } from './helpers.mjs';

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** Fails with a clear message when redis-server is not installed. */
export function requireRedisServer() {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error('redis-server is not installed: the Redis and fleet tests need it. Run scripts/setup.sh as root, or apt-get install redis-server.');
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a redis-server on a free loopback port in a temporary directory, without
 * persistence, with `maxmemory` and `policy` (default allkeys-lru, as the README
 * recommends for a cache; a BullMQ queue needs noeviction).
 * @param {{ maxmemory?: string, policy?: string }} [options]
 * @returns {Promise<{ port: number, url: string, dir: string, stop(): Promise<void>, start(): Promise<void> }>}
 *   `stop` ends it (SIGTERM) and waits for the exit; `start` starts it again on the same port
 */
export async function startRedis({ maxmemory = '256mb', policy = 'allkeys-lru' } = {}) {
  requireRedisServer();
  const port = await freePort();
  const dir = tempDir();
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let proc;
  const server = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
        '--maxmemory', maxmemory, '--maxmemory-policy', policy, '--loglevel', 'notice',
        '--rename-command', 'KEYS', '', '--rename-command', 'FLUSHALL', '', '--rename-command', 'FLUSHDB', ''];
      const p = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      proc = p;
      running.add(p);
      await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${out}`)), 10_000);
        p.stdout?.on('data', (d) => {
          out += d;
          if (out.includes('Ready to accept connections')) {
            clearTimeout(timer);
            resolve(undefined);
          }
        });
        p.stderr?.on('data', (d) => (out += d));
        p.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`redis-server exited with code ${code}:\n${out}`));
        });
      });
      p.stdout?.resume();
    },
    async stop() {
      const p = proc;
      if (!p || p.exitCode !== null || p.signalCode !== null) return;
      const exited = new Promise((resolve) => p.once('exit', resolve));
      p.kill('SIGTERM');
      await exited;
      running.delete(p);
    },
  };
  await server.start();
  return server;
}

/**
 * Polls `check` every `everyMs` until it returns a truthy value, or fails after
 * `timeoutMs` with `what` (a wait with a generous deadline, not a timed assertion).
 * @template T
 * @param {() => Promise<T> | T} check
 * @param {string} what
 * @param {{ timeoutMs?: number, everyMs?: number }} [options]
 * @returns {Promise<T>}
 */
export async function waitFor(check, what, { timeoutMs = 30_000, everyMs = 25 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
