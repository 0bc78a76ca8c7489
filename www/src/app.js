// The snapdf demo app: edit a snapshot, generate it in the background, watch its
// progress, preview and download the PDF, and see the cache and the metrics.
import { createEngine, init } from 'snapdf';
import { createCachePanel } from './cache-panel.js';
import { createDashboard } from './dashboard.js';
import { createEditor } from './editor.js';
import { loadFonts } from './fonts.js';
import { missingPlatform, registerServiceWorker } from './offline.js';
import { createPreview } from './preview.js';
import { rememberTitle, showResumed } from './resume.js';
import { samples } from './samples.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const sample = /** @type {HTMLSelectElement} */ ($('sample'));
const editor = createEditor({ textarea: /** @type {HTMLTextAreaElement} */ ($('json')), gutter: $('gutter'), marker: $('error-line') });

for (const name of Object.keys(samples)) sample.add(new Option(name, name));
// Pretty-printed, but an array of plain values (a table row, the columns) on one line.
const pretty = (/** @type {unknown} */ value) => JSON.stringify(value, null, 2)
  .replace(/\[\n\s*((?:[^[\]{}\n]+,\n\s*)*[^[\]{}\n]+)\n\s*\]/g, (_, items) => `[${items.replace(/,\n\s*/g, ', ')}]`);
const show = () => { editor.value = pretty(samples[sample.value]); };
sample.addEventListener('change', show);
show();

const status = (/** @type {string} */ text) => { $('status').textContent = text; };

const network = () => {
  $('network').textContent = navigator.onLine ? 'Online' : 'Offline';
  $('network').className = `pill ${navigator.onLine ? 'ok' : 'warn'}`;
};
addEventListener('online', network);
addEventListener('offline', network);
network();
registerServiceWorker((state, detail) => {
  const pill = $('offline-state');
  pill.hidden = false;
  pill.className = `pill ${state === 'ready' ? 'ok' : 'warn'}`;
  pill.textContent = { unsupported: 'No offline use in this browser', installing: 'Caching for offline use…', ready: 'Works offline', failed: `Offline use failed: ${detail}` }[state];
  document.body.dataset.offline = state;
});
/** Shows a message above the app (what does not work here, and what still does). @param {string} text */
function notice(text) {
  const box = $('notice');
  box.textContent = box.hidden ? text : `${box.textContent} ${text}`;
  box.hidden = false;
}

let engine;
try {
  const [fonts] = await Promise.all([
    loadFonts().catch((e) => { notice(`The Unicode sample's fonts could not be loaded (${e.message}); the other samples work.`); return []; }),
    // The base module; the render workers fetch the media module when a sample needs it
    // (images, the Unicode sample's DejaVu Sans). Without workers the page renders, so
    // it loads the media module itself.
    init({ media: typeof Worker !== 'function' }),
  ]);
  engine = createEngine({ fonts });
  window.snapdfEngine = engine; // for the end-to-end tests
  await engine.cache.open();
  for (const text of missingPlatform(engine)) notice(text);
  status('Ready.');
} catch (e) {
  status(`snapdf could not start: ${e.message}`);
  throw e;
}

const viewer = createPreview({
  page: $('pdf-page'), canvas: /** @type {HTMLCanvasElement} */ ($('pdf-canvas')), text: $('pdf-text'),
  prev: /** @type {HTMLButtonElement} */ ($('prev')), next: /** @type {HTMLButtonElement} */ ($('next')), label: $('page-label'),
});
/** @type {string | undefined} */
let pdfUrl;

/** Shows a PDF in the preview and offers it for download. */
async function preview(result, title) {
  if (pdfUrl) URL.revokeObjectURL(pdfUrl);
  pdfUrl = URL.createObjectURL(new Blob([result.pdf], { type: 'application/pdf' }));
  const link = /** @type {HTMLAnchorElement} */ ($('download'));
  link.href = pdfUrl;
  link.download = `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'snapshot'}.pdf`;
  link.hidden = false;
  $('key').textContent = `cache key ${result.key}`;
  $('preview-empty').hidden = true;
  await viewer.show(result.pdf);
}

/** Lists a task with a live progress bar and a cancel button. */
function listTask(task, title, badge = '') {
  $('tasks-empty').hidden = true;
  const li = document.createElement('li');
  const name = Object.assign(document.createElement('span'), { className: 'title', textContent: title });
  if (badge) name.append(Object.assign(document.createElement('span'), { className: 'badge', textContent: badge }));
  const bar = Object.assign(document.createElement('progress'), { max: 100, value: task.progress });
  bar.setAttribute('aria-label', `progress of ${title}`);
  const text = Object.assign(document.createElement('span'), { className: 'state' });
  const cancel = Object.assign(document.createElement('button'), { textContent: 'Cancel' });
  cancel.setAttribute('aria-label', `Cancel ${title}`);
  cancel.addEventListener('click', () => engine.cancel(task.id));
  const update = () => {
    bar.value = task.progress;
    text.textContent = task.error ? `${task.status} · ${task.error.code ?? task.error.name}` : `${task.status} · ${task.stage} · ${task.progress} %`;
    li.dataset.status = task.status;
    cancel.hidden = task.status !== 'pending' && task.status !== 'running';
  };
  for (const ev of ['progress', 'completed', 'failed', 'cancelled']) task.addEventListener(ev, update);
  update();
  li.dataset.taskId = task.id;
  li.append(name, cancel, text, bar);
  $('tasks').prepend(li);
}

const titleOf = (/** @type {any} */ doc) => (typeof doc?.title === 'string' && doc.title) || 'snapshot';

/**
 * Starts a task, listed at once; a snapshot the engine refuses before queueing gives a
 * failed promise like a task's.
 * @param {object} doc
 */
function start(doc) {
  try {
    const task = engine.createSnapshot(doc);
    listTask(task, titleOf(doc));
    rememberTitle(task, titleOf(doc));
    return task.done;
  } catch (e) {
    return Promise.reject(e);
  }
}

// Generate: one snapshot, or a batch when the JSON is an array of snapshots.
$('generate').addEventListener('click', async () => {
  $('error').textContent = '';
  status('Generating…');
  let input;
  try {
    input = JSON.parse(editor.value);
  } catch (e) {
    const at = editor.syntaxError();
    $('error').textContent = at ? `Line ${at.line}: the JSON is not valid (${at.message}).` : `The JSON is not valid: ${e.message}`;
    status('Failed: INVALID_JSON');
    return;
  }
  const docs = Array.isArray(input) ? input : [input];
  const settled = await Promise.allSettled(docs.map(start));
  const done = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [{ result: s.value, doc: docs[i] }] : []));
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ e: s.reason, i }] : []));
  if (failed.length) {
    const { e, i } = failed[0];
    // The error at its place: the line its JSON path points to is marked in the editor.
    const line = typeof e.path === 'string' ? editor.markPath(e.path, Array.isArray(input) ? i : undefined) : undefined;
    const where = e.path && !String(e.message).startsWith(e.path) ? e.path : '';
    $('error').textContent = [line && `Line ${line}`, where, e.message].filter(Boolean).join(': ');
    status(`Failed: ${e.code ?? e.name}${docs.length > 1 ? ` (${failed.length} of ${docs.length})` : ''}`);
  } else if (docs.length > 1) {
    status(`Done: ${docs.length} PDFs, ${done.reduce((n, d) => n + d.result.pages, 0)} pages.`);
  } else {
    const { result } = done[0];
    status(`Done: ${result.pages} pages, ${result.pdf.length.toLocaleString()} bytes, ${result.ms.toFixed(1)} ms, from ${result.source === 'render' ? 'a render' : `the cache (${result.source.toUpperCase()})`}.`);
    document.body.dataset.lastSource = result.source;
  }
  if (done.length) showPdf(done[0].result, titleOf(done[0].doc));
  refresh();
});

/** Previews a result; a preview that fails says so in its panel. */
function showPdf(result, title) {
  preview(result, title).catch((e) => { $('page-label').textContent = `The preview failed: ${e.message}`; });
}

/** Redraws the cache and metrics tables. */
function refresh() {
  cachePanel.render();
  const pct = (/** @type {number} */ r) => `${(r * 100).toFixed(0)} %`;
  const m = engine.metrics.summary();
  const rows = Object.entries(m.histograms).filter(([n]) => n.endsWith('ms'))
    .map(([n, h]) => `<tr><td>${n}</td><td class="num">${h.count}</td><td class="num">${h.p50.toFixed(2)}</td><td class="num">${h.p95.toFixed(2)}</td><td class="num">${h.p99.toFixed(2)}</td></tr>`);
  $('metrics').innerHTML = `<tr><th>metric</th><th>count</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th></tr>${rows.join('')}` +
    `<tr><td>cache hit rate</td><td colspan="4">L1 ${pct(m.cache.l1)}, L2 ${pct(m.cache.l2)}, overall ${pct(m.cache.overall)}</td></tr>` +
    Object.entries(m.outcomes).map(([o, n]) => `<tr><td>${o}</td><td class="num">${n}</td><td colspan="3"></td></tr>`).join('');
}
const cachePanel = createCachePanel({
  layers: /** @type {HTMLTableElement} */ ($('cache')), entries: /** @type {HTMLTableElement} */ ($('entries')),
  cleanup: /** @type {HTMLButtonElement} */ ($('cleanup')), clear: /** @type {HTMLButtonElement} */ ($('clear')),
}, engine, () => refresh());
const dashboard = createDashboard($('dashboard'), engine);
for (const ev of ['completed', 'failed', 'cancelled']) engine.tasks.addEventListener(ev, () => { refresh(); dashboard.sample(); });
showResumed(engine, (task, title) => listTask(task, title, 'resumed'), (text) => {
  $('resumed').textContent = text;
  $('resumed').hidden = false;
}).then(([first]) => first?.done.then((result) => { if (!pdfUrl) showPdf(result, 'snapshot'); }, () => {}));
addEventListener('pagehide', () => { void engine.flush(); });
refresh();
