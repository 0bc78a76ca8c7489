// The live dashboard: uPlot charts of render latency (p50/p95/p99), cache hit rate per
// layer and task outcomes, with the latest numbers as tiles above them, and a button
// that downloads the engine's metrics report as a PDF.
//
// Why polling: the engine's metrics live in Rust (DDSketch histograms in minute
// buckets), and Rust computes every percentile and rate. The dashboard asks for a
// summary once a second (two cheap calls into the WebAssembly module, only while the
// page is visible, and at once when a task ends) and keeps the last five minutes of
// samples in plain arrays for the charts. It never computes a percentile itself. The
// latency chart uses a rolling 5-minute window, so its lines move as renders come and
// go; hit rates and outcomes use the same 24-hour window as the metrics table (and
// survive a reload, since the engine persists its metrics in IndexedDB).
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css';

const POINTS = 300; // five minutes at one sample a second
const LATENCY_HOURS = 5 / 60;

const COLORS = { p50: '#3451d1', p95: '#e8590c', p99: '#c2255c', l1: '#2b8a3e', l2: '#3451d1', overall: '#868e96', completed: '#2b8a3e', failed: '#c92a2a', cancelled: '#e8a200' };

/**
 * Starts the dashboard in `root` (charts and tiles) for `engine`; samples every second.
 * @param {HTMLElement} root the element to fill
 * @param {import('snapdf').SnapshotEngine} engine
 * @returns {{ sample(): void }} `sample()` takes a sample now (after a task ends)
 */
export function createDashboard(root, engine) {
  document.head.append(Object.assign(document.createElement('style'), { textContent: uplotCss }));
  /** @type {number[][]} */
  const data = Array.from({ length: 10 }, () => []);
  const [t, p50, p95, p99, l1, l2, overall, completed, failed, cancelled] = data;

  const tiles = root.appendChild(el('div', 'tiles'));
  const tile = (/** @type {string} */ id, /** @type {string} */ label) => {
    const box = tiles.appendChild(el('div', 'tile'));
    box.append(el('span', 'tile-label', label));
    return box.appendChild(Object.assign(el('span', 'tile-value', '–'), { id }));
  };
  const tRenders = tile('dash-renders', 'renders');
  const tP95 = tile('dash-p95', 'render p95');
  const tL1 = tile('dash-l1', 'L1 hit rate');
  const tL2 = tile('dash-l2', 'L2 hit rate');
  const tOutcomes = tile('dash-outcomes', 'completed · failed · cancelled');

  // The same figures as a PDF: the engine's metrics report, rendered like any snapshot.
  const pdfButton = root.appendChild(Object.assign(el('button', 'dash-pdf', 'Download PDF'), { id: 'dash-pdf', type: 'button' }));
  pdfButton.addEventListener('click', async () => {
    const { pdf } = await engine.render(engine.metrics.report(), { cache: false, store: false });
    const url = URL.createObjectURL(new Blob([pdf], { type: 'application/pdf' }));
    Object.assign(document.createElement('a'), { href: url, download: 'snapdf-metrics.pdf' }).click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });

  const charts = root.appendChild(el('div', 'charts'));
  const pct = (/** @type {uPlot} */ _u, /** @type {number[]} */ ticks) => ticks.map((v) => `${v} %`);
  const plots = [
    chart(charts, 'Render latency, ms (5 min window)', [t, p50, p95, p99], ['p50', 'p95', 'p99'], { y: { min: 0 } }),
    chart(charts, 'Cache hit rate (24 h)', [t, l1, l2, overall], ['L1', 'L2', 'overall'], { y: { range: [0, 100] }, values: pct }),
    chart(charts, 'Task outcomes (24 h)', [t, completed, failed, cancelled], ['completed', 'failed', 'cancelled'], { y: { min: 0 }, stepped: true }),
  ];
  new ResizeObserver(() => {
    for (const p of plots) p.setSize({ width: Math.max(200, (p.root.parentElement?.clientWidth ?? 300) - 2), height: 180 });
  }).observe(charts);

  function sample() {
    const day = engine.metrics.summary();
    const recent = engine.metrics.summary({ hours: LATENCY_HOURS }).histograms['render.ms'];
    const outcomes = Object.entries(day.outcomes);
    const count = (/** @type {RegExp} */ re) => outcomes.filter(([o]) => re.test(o)).reduce((a, [, n]) => a + n, 0);
    const row = [Date.now() / 1000, recent?.p50 ?? null, recent?.p95 ?? null, recent?.p99 ?? null,
      day.cache.l1 * 100, day.cache.l2 * 100, day.cache.overall * 100,
      count(/^completed/), count(/^(failed|timed_out)/), count(/^cancelled/)];
    for (const [i, v] of row.entries()) {
      data[i].push(/** @type {number} */ (v));
      if (data[i].length > POINTS) data[i].shift();
    }
    for (const p of plots) p.setData(p.data);
    const rendered = day.histograms['render.ms'];
    tRenders.textContent = String(rendered?.count ?? 0);
    tP95.textContent = rendered ? `${rendered.p95.toFixed(1)} ms` : '–';
    tL1.textContent = `${(day.cache.l1 * 100).toFixed(0)} %`;
    tL2.textContent = `${(day.cache.l2 * 100).toFixed(0)} %`;
    tOutcomes.textContent = `${row[7]} · ${row[8]} · ${row[9]}`;
  }

  sample();
  setInterval(() => { if (document.visibilityState === 'visible') sample(); }, 1000);
  return { sample };
}

/**
 * One uPlot line chart over the shared sample arrays.
 * @param {HTMLElement} parent
 * @param {string} title
 * @param {number[][]} columns time, then one array per series
 * @param {string[]} names series names (keys of COLORS after lower-casing)
 * @param {{ y: uPlot.Scale, values?: uPlot.Axis['values'], stepped?: boolean }} options
 */
function chart(parent, title, columns, names, { y, values, stepped }) {
  const figure = parent.appendChild(el('figure', 'chart'));
  figure.append(el('figcaption', '', title));
  figure.setAttribute('aria-label', `${title}: ${names.join(', ')}`);
  const paths = stepped ? uPlot.paths.stepped?.({ align: 1 }) : undefined;
  return new uPlot({
    width: 320, height: 180,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    // The last five minutes, scrolling: the newest sample at the right edge.
    scales: { x: { time: true, range: (_u, _min, max) => [max - POINTS, max] }, y },
    axes: [{ stroke: '#5c6878', grid: { stroke: '#eef1f6' } }, { stroke: '#5c6878', grid: { stroke: '#eef1f6' }, size: 56, ...(values ? { values } : {}) }],
    series: [{}, ...names.map((label) => ({ label, stroke: COLORS[/** @type {keyof typeof COLORS} */ (label.toLowerCase())], width: 2, spanGaps: true, paths }))],
  }, /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (columns)), figure);
}

/**
 * A new element with a class and text.
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function el(tag, className = '', text = '') {
  return Object.assign(document.createElement(tag), { className, textContent: text });
}
