// The metrics dashboard as a snapshot (engine.metrics.report, `snapdf metrics --pdf`):
// latency percentiles over time as a line chart, cache hit rates and outcomes as bar
// charts, every histogram and counter in a table. The figures come from the engine's
// registry (summary and timeline, in WebAssembly); this module only lays them out as
// blocks, so it is JavaScript: a few hundred bytes here, where building the same JSON in
// Rust added 10 KiB to the module every page loads.

/** The histograms whose timeline is drawn: the first one recorded. */
const LATENCY = ['snapshot.ms', 'render.ms'];

/** `v` to three decimals. @param {number} v */
const round = (v) => Math.round(v * 1000) / 1000;

/** `2026-12-03 12:05` in UTC. @param {number} ms */
const timestamp = (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * A bucket's label: `HH:MM` in a minute view, `HH:00` within a day, else `MM-DD HH:00`.
 * @param {number} ms
 * @param {number} hours
 */
function bucketLabel(ms, hours) {
  const iso = new Date(ms).toISOString();
  if (hours <= 1) return iso.slice(11, 16);
  return hours <= 24 ? `${iso.slice(11, 13)}:00` : `${iso.slice(5, 10)} ${iso.slice(11, 13)}:00`;
}

/** "24 hours", "1 hour", "30 minutes". @param {number} hours */
function duration(hours) {
  if (hours < 1) {
    const minutes = Math.max(1, Math.round(hours * 60));
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${round(hours)} hour${hours === 1 ? '' : 's'}`;
}

/**
 * The line chart of a histogram's p50, p95 and p99 per bucket (or a sentence when the
 * window has none).
 * @param {string} name
 * @param {{ startMs: number, summary: import('../pkg/snapdf.js').HistogramSummary }[]} timeline
 * @param {number} hours
 * @returns {import('./index.js').Block}
 */
function latencyChart(name, timeline, hours) {
  const caption = `${name}: percentiles per ${hours <= 1 ? 'minute' : 'hour'}, UTC (DDSketch, within 1 %)`;
  if (timeline.length === 0) return { type: 'paragraph', text: `${caption}: no values in this window.` };
  /** @param {'p50' | 'p95' | 'p99'} p */
  const series = (p) => ({ name: p, values: timeline.map((b) => round(b.summary[p])) });
  return {
    type: 'chart', kind: 'line', categories: timeline.map((b) => bucketLabel(b.startMs, hours)),
    series: [series('p50'), series('p95'), series('p99')], valueTitle: 'ms', height: 200, caption,
  };
}

/**
 * The report as a snapshot.
 * @param {import('../pkg/snapdf.js').MetricsSummary} summary the registry's summary over the window
 * @param {(name: string) => { startMs: number, summary: import('../pkg/snapdf.js').HistogramSummary }[]} timeline
 *   a histogram's buckets over the same window
 * @returns {import('./index.js').Snapshot}
 */
export function metricsReport(summary, timeline) {
  const { hours, nowMs, histograms, counters, cache, outcomes } = summary;
  /** @type {import('./index.js').Block[]} */
  const blocks = [];
  const names = Object.keys(histograms);
  if (names.length === 0 && Object.keys(counters).length === 0) blocks.push({ type: 'paragraph', text: 'No metrics were recorded in this window.' });
  const latency = LATENCY.find((n) => n in histograms);
  if (latency) blocks.push({ type: 'heading', text: 'Latency' }, latencyChart(latency, timeline(latency), hours));
  if (Object.keys(counters).some((k) => k.startsWith('cache.'))) {
    blocks.push({ type: 'heading', text: 'Cache' }, {
      type: 'chart', categories: ['L1 (memory)', 'L2 (persistent)', 'Overall'],
      series: [{ name: 'Hit rate', values: [cache.l1, cache.l2, cache.overall].map((r) => round(r * 100)) }],
      valueTitle: 'hit rate, %', labels: true, height: 150, caption: 'Share of lookups each layer served',
    });
  }
  const ended = Object.entries(outcomes);
  if (ended.length) {
    blocks.push({ type: 'heading', text: 'Outcomes' }, {
      type: 'chart', horizontal: true, categories: ended.map(([k]) => k), series: [{ name: 'Tasks', values: ended.map(([, v]) => v) }],
      labels: true, height: Math.min(400, 60 + 16 * ended.length), caption: 'Tasks by how they ended',
    });
  }
  if (names.length) {
    const rows = Object.entries(histograms).map(([n, h]) => [n, h.count, round(h.p50), round(h.p95), round(h.p99), round(h.max)]);
    blocks.push({ type: 'heading', text: 'Histograms' }, { type: 'table', columns: ['Metric', 'Count', 'p50', 'p95', 'p99', 'Max'], rows, zebra: true });
  }
  const counted = Object.entries(counters);
  if (counted.length) {
    const rows = counted.map(([n, c]) => [n, round(c.total), round(c.ratePerSec)]);
    blocks.push({ type: 'heading', text: 'Counters' }, { type: 'table', columns: ['Counter', 'Total', 'Per second'], rows, zebra: true });
  }
  return {
    title: 'snapdf metrics',
    subtitle: `The last ${duration(hours)} to ${timestamp(nowMs)} UTC`,
    metadata: { subject: 'Metrics report', creationDate: `${new Date(nowMs).toISOString().slice(0, 19)}Z` },
    blocks,
  };
}
