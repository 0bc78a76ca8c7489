// Metrics through the package: what the engine records by itself, merging, persistence,
// Prometheus output, the CLI, and the demo's exact counts.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEngine } from 'snapdf';
import { root, runCli, tempDir } from './helpers.mjs';

const doc = (n) => ({ title: `Metrics ${n}`, blocks: [{ type: 'paragraph', text: 'x '.repeat(n) }] });

test('the engine counts renders, hits, misses, stages and outcomes exactly', async () => {
  const engine = createEngine({ cacheDir: tempDir() });
  for (const n of [1, 2, 3]) await engine.render(doc(n)); // 3 renders
  for (const n of [1, 2, 3, 1]) await engine.render(doc(n)); // 4 L1 hits
  await assert.rejects(engine.render({ title: '' }), { code: 'INVALID_SNAPSHOT' });
  const s = engine.metrics.summary();
  assert.equal(s.histograms['snapshot.ms'].count, 7);
  assert.equal(s.histograms['render.ms'].count, 3);
  for (const stage of ['validate', 'key', 'layout', 'pdf']) assert.equal(s.histograms[`render.stage.${stage}_ms`].count, 3);
  assert.equal(s.histograms['pdf.pages'].count, 3);
  assert.equal(s.counters['cache.l1.hits'].total, 4);
  assert.equal(s.counters['cache.l1.misses'].total, 3);
  assert.equal(s.counters['cache.l2.misses'].total, 3);
  assert.equal(s.outcomes.completed, 7);
  assert.equal(s.outcomes['failed.invalid_snapshot'], 1);
  assert.equal(s.cache.l1, 4 / 7);
  const h = s.histograms['snapshot.ms'];
  assert.ok(h.min <= h.p50 && h.p50 <= h.p95 && h.p95 <= h.p99 && h.p99 <= h.max);
});

test('an app records its own metrics; bad names are refused', () => {
  const engine = createEngine();
  engine.metrics.record('app.export_ms', 12.5);
  engine.metrics.increment('app.exports');
  const s = engine.metrics.summary({ hours: 1 });
  assert.equal(s.histograms['app.export_ms'].count, 1);
  assert.equal(s.counters['app.exports'].total, 1);
  assert.throws(() => engine.metrics.record('Bad Name', 1), { code: 'INVALID_METRIC' });
  assert.throws(() => engine.metrics.record('app.export_ms', -1), { code: 'INVALID_METRIC' });
  engine.metrics.reset();
  assert.deepEqual(engine.metrics.summary().histograms, {});
});

test('exports merge: two engines (workers, tabs) add up exactly', async () => {
  const a = createEngine();
  const b = createEngine();
  for (const n of [1, 2]) await a.render(doc(n));
  for (const n of [3, 4, 5]) await b.render(doc(n));
  const exported = JSON.parse(JSON.stringify(b.metrics.export())); // through JSON, as a message would
  a.metrics.merge(exported);
  const s = a.metrics.summary();
  assert.equal(s.histograms['render.ms'].count, 5);
  assert.equal(s.outcomes.completed, 5);
  assert.throws(() => a.metrics.merge({ nonsense: true }), { code: 'INVALID_METRIC' });
});

test('metrics persist with the cache directory and reload', async () => {
  const dir = tempDir();
  const a = createEngine({ cacheDir: dir });
  await a.render(doc(1));
  await a.flush();
  const b = createEngine({ cacheDir: dir });
  await b.render(doc(1)); // an L2 hit; opening the store merged a's metrics
  await b.flush();
  const s = b.metrics.summary();
  assert.equal(s.histograms['snapshot.ms'].count, 2);
  assert.equal(s.counters['cache.l2.hits'].total, 1);
});

test('close() writes what flush() writes: the README\'s quick start, which only closes, leaves its metrics and index', async () => {
  const dir = tempDir();
  const a = createEngine({ cacheDir: dir, workers: 0 });
  await a.render(doc(1));
  await a.close();
  const b = createEngine({ cacheDir: dir, workers: 0 });
  assert.equal((await b.render(doc(1))).source, 'l2');
  assert.equal(b.metrics.summary().histograms['snapshot.ms'].count, 2, "a's render was kept");
  await b.close();
});

test('old buckets drop with clearOld and past the retention (injected clock)', async () => {
  let now = Date.UTC(2026, 0, 1);
  const engine = createEngine({ now: () => now });
  await engine.render(doc(1));
  now += 3 * 3_600_000;
  await engine.render(doc(2));
  assert.equal(engine.metrics.summary({ hours: 24 }).histograms['render.ms'].count, 2);
  engine.metrics.clearOld({ hours: 1 });
  assert.equal(engine.metrics.summary({ hours: 24 }).histograms['render.ms'].count, 1);
  now += 200 * 3_600_000; // past the 168-hour retention
  assert.deepEqual(engine.metrics.summary({ hours: 1000 }).histograms, {});
});

test('Prometheus text exposition format', async () => {
  const engine = createEngine();
  await engine.render(doc(1));
  await engine.render(doc(1));
  const text = engine.metrics.toPrometheus({ hours: 1 });
  assert.match(text, /^# TYPE snapdf_render_ms summary$/m);
  assert.match(text, /^snapdf_render_ms_count 1$/m);
  assert.match(text, /^snapdf_cache_l1_hits 1$/m);
  assert.match(text, /^snapdf_cache_hit_rate_overall 0\.5$/m);
  for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
    assert.match(line, /^snapdf_[a-z0-9_]+(\{quantile="0\.\d+"\})? -?[0-9.e+-]+$/, line);
  }
});

test('after a demo run, snapdf metrics reports exactly what happened', () => {
  const out = tempDir();
  const demo = spawnSync(process.execPath, [join(root, 'examples/demo.mjs')], { env: { ...process.env, SNAPDF_DEMO_OUT: out }, encoding: 'utf8' });
  assert.equal(demo.status, 0, demo.stderr);
  // n inputs (the rows of pass 1 in the demo's table): pass 1 renders each (n misses),
  // pass 2 hits L1, pass 3 (a new engine) hits L2.
  const n = demo.stdout.split('\n').filter((line) => /^\s+1\s{2}\S/.test(line)).length;
  assert.ok(n >= 5, `the demo renders its inputs (${n})\n${demo.stdout}`);
  const r = runCli(['metrics', '--cache-dir', join(out, 'cache'), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.histograms['render.ms'].count, n);
  assert.equal(s.histograms['snapshot.ms'].count, 3 * n);
  assert.equal(s.counters['cache.l1.hits'].total, n);
  assert.equal(s.counters['cache.l1.misses'].total, 2 * n);
  assert.equal(s.counters['cache.l2.hits'].total, n);
  assert.equal(s.counters['cache.l2.misses'].total, n);
  assert.equal(s.outcomes.completed, 3 * n);
  const table = runCli(['metrics', '--cache-dir', join(out, 'cache')]).stdout;
  assert.match(table, new RegExp(`render\\.ms\\s+${n}\\s`));
  assert.match(table, /overall 66\.7 %/);
});

test('a window that is not a number of hours is refused, not read as 24 (or, for clearOld, as everything)', () => {
  const engine = createEngine({ workers: 0 });
  engine.metrics.record('app.window_ms', 5);
  for (const hours of [Infinity, NaN, 0, -1]) {
    assert.throws(() => engine.metrics.summary({ hours }), { name: 'SnapdfError', code: 'INVALID_OPTIONS', path: 'options.hours' });
    assert.throws(() => engine.metrics.toPrometheus({ hours }), { code: 'INVALID_OPTIONS', path: 'options.hours' });
  }
  assert.throws(() => engine.metrics.clearOld({ hours: NaN }), { code: 'INVALID_OPTIONS', path: 'options.hours' });
  assert.equal(engine.metrics.summary({ hours: 1 }).histograms['app.window_ms'].count, 1, 'nothing was cleared');
  engine.close();
});

test('the metrics report is a snapshot that renders: charts of latency, hit rates and outcomes, and the tables', async () => {
  const at = Date.UTC(2026, 11, 3, 12, 0);
  let now = at;
  const engine = createEngine({ workers: 0, persistent: false, now: () => now });
  for (const n of [1, 2, 3, 1]) {
    await engine.render(doc(n));
    now += 60_000;
  }
  const report = engine.metrics.report({ hours: 1 });
  assert.equal(report.title, 'snapdf metrics');
  assert.equal(report.subtitle, 'The last 1 hour to 2026-12-03 12:04 UTC');
  const latency = report.blocks.find((b) => b.type === 'chart' && b.kind === 'line');
  assert.deepEqual(latency.categories, ['12:00', '12:01', '12:02', '12:03']);
  const { pdf } = await engine.render(report);
  const file = join(tempDir(), 'report.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const words of ['snapdf metrics', 'Latency', 'p95', '12:03', 'hit rate, %', 'L1 (memory)', 'completed', 'Histograms', 'snapshot.ms', 'cache.l1.hits']) {
    assert.ok(text.includes(words), `${words} in the report:\n${text}`);
  }
  assert.throws(() => engine.metrics.report({ hours: 0 }), { code: 'INVALID_OPTIONS' });
  engine.close();
});

test('snapdf metrics --pdf writes the report of earlier runs', () => {
  const dir = tempDir();
  const input = join(dir, 'in.json');
  writeFileSync(input, JSON.stringify(doc(4)));
  for (let i = 0; i < 2; i++) assert.equal(runCli(['render', input, '-o', join(dir, 'out.pdf'), '--cache-dir', join(dir, 'cache')]).status, 0);
  const out = join(dir, 'metrics.pdf');
  const r = runCli(['metrics', '--pdf', out, '--cache-dir', join(dir, 'cache')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /metrics\.pdf: the metrics report, \d+ pages?, \d+ bytes\n$/);
  const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
  assert.match(text, /snapdf metrics/);
  assert.match(text, /Counters/);
  assert.match(execFileSync('qpdf', ['--check', out], { encoding: 'utf8' }), /No syntax or stream encoding errors/);
});
