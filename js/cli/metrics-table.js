// `snapdf metrics` as a table a person reads: aligned columns, whole counts, and
// percentiles from few values marked.

/** Histograms with fewer values than this have their percentiles marked in the table. */
export const FEW_VALUES = 20;

/**
 * A summary as a readable table: columns aligned to their widest cell, counts and the
 * values of `*.bytes` and `*.pages` histograms as whole numbers, other values with 3
 * decimals, and the percentiles of a histogram with fewer than {@link FEW_VALUES}
 * values marked `*` (from so few, p95 and p99 say little: they may sit below the max).
 * @param {import('../../pkg/snapdf.js').MetricsSummary} s
 * @returns {string}
 */
export function metricsTable(s) {
  const lines = [`snapdf metrics, last ${s.hours} h`, ''];
  /** @type {string[][]} */
  const histograms = [['histogram', 'count', 'min', 'p50', 'p95', 'p99', 'max', 'mean']];
  let marked = false;
  for (const [name, h] of Object.entries(s.histograms)) {
    const whole = /\.(bytes|pages)$/.test(name);
    const num = (/** @type {number} */ v) => (whole ? Math.round(v).toLocaleString('en-US') : v.toFixed(3));
    const few = h.count < FEW_VALUES;
    marked ||= few;
    const pct = (/** @type {number} */ v) => `${num(v)}${few ? '*' : ''}`;
    histograms.push([name, h.count.toLocaleString('en-US'), num(h.min), pct(h.p50), pct(h.p95), pct(h.p99), num(h.max), num(h.mean)]);
  }
  lines.push(...aligned(histograms));
  if (marked) lines.push(`* from fewer than ${FEW_VALUES} values: rough, and p95 and p99 may sit below the max`);
  lines.push('', ...aligned([['counter', 'total'], ...Object.entries(s.counters).map(([name, c]) => [name, Math.round(c.total).toLocaleString('en-US')])]));
  const pct = (/** @type {number} */ r) => `${(r * 100).toFixed(1)} %`;
  lines.push('', `cache hit rate: L1 ${pct(s.cache.l1)}, L2 ${pct(s.cache.l2)}, overall ${pct(s.cache.overall)}`);
  return lines.join('\n');
}

/**
 * Rows as lines of aligned columns: the first column left-aligned, the others right,
 * each as wide as its widest cell, two spaces apart.
 * @param {string[][]} rows
 * @returns {string[]}
 */
function aligned(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
}
