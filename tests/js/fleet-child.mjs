// A child process for the fleet lock tests. Modes:
//   render URL TITLE ROWS   waits for "go" on stdin, renders, prints {"source", "renders", "lock"}
//   hold URL KEY TTL_MS     takes KEY's single-flight lock, prints "holding", and never lets go
import { createInterface } from 'node:readline';
import { RedisStore, createEngine } from '../../js/node.js';
import { flightsReport } from '../../examples/snapshots.mjs';

const [mode, url, arg, num] = process.argv.slice(2);
if (mode === 'render') {
  const store = new RedisStore({ url, prefix: 'lock:' });
  await store.ready();
  const engine = createEngine({ store, workers: 1 });
  const doc = { ...flightsReport(Number(num)), title: arg };
  console.log('ready');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line !== 'go') continue;
    const r = await engine.render(doc);
    const renders = engine.metrics.summary().histograms['render.ms']?.count ?? 0;
    console.log(JSON.stringify({ source: r.source, key: r.key, renders, lock: store.stats().lock }));
    engine.close();
    await store.close();
    process.exit(0);
  }
} else if (mode === 'hold') {
  const store = new RedisStore({ url, prefix: 'lock:', lockTtlMs: Number(num) });
  await store.ready();
  await store.claim(arg);
  console.log('holding');
  setInterval(() => {}, 1000); // alive (and renewing the lock) until killed
}
