// Supplied fonts through the package and the CLI: Cyrillic and Greek set in DejaVu Sans
// (fonts-dejavu-core), rendered on the calling thread and on worker threads, come back
// exactly from pdftotext, and pdffonts lists embedded subsets with ToUnicode maps.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as snapdf from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';
import { pdfPageTexts, qpdfCheck, runCli, tempDir } from './helpers.mjs';

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const sans = { name: 'DejaVu Sans', data: new Uint8Array(readFileSync(join(DEJAVU, 'DejaVuSans.ttf'))) };
const bold = { name: 'DejaVu Sans Bold', data: new Uint8Array(readFileSync(join(DEJAVU, 'DejaVuSans-Bold.ttf'))) };

const CYRILLIC = 'Съешь же ещё этих мягких французских булок, да выпей чаю.';
const GREEK = 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.';
const snapshot = {
  title: 'Отчёт',
  font: 'DejaVu Sans',
  blocks: [
    { type: 'paragraph', text: CYRILLIC },
    { type: 'paragraph', text: [GREEK, ' ', { text: 'Жирный', bold: true }] },
  ],
};

/** Writes a PDF, checks it with qpdf and returns its text and pdffonts' listing. */
function inspect(pdf) {
  const file = join(tempDir(), 'out.pdf');
  writeFileSync(file, pdf);
  assert.ok(qpdfCheck(file), 'qpdf --check');
  return { text: pdfPageTexts(file).join('\n').replace(/\s+/g, ' '), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }) };
}

test('render() embeds the fonts a snapshot names, as searchable subsets', () => {
  const { pdf, key } = snapdf.render(snapshot, { fonts: [sans, bold] });
  const { text, fonts } = inspect(pdf);
  for (const needle of ['Отчёт', CYRILLIC, GREEK, 'Жирный']) assert.ok(text.includes(needle), `${needle} in ${text}`);
  const rows = fonts.trim().split('\n').slice(2);
  assert.equal(rows.length, 2, fonts);
  for (const row of rows) assert.match(row, /^[A-Z]{6}\+DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  assert.equal(key, snapdf.cacheKey(snapshot, { fonts: [sans, bold] }));
  assert.notEqual(key, snapdf.cacheKey(snapshot, { fonts: [{ ...sans, data: bold.data }, bold] }), 'other bytes, other key');
});

test('without the font, or with text it lacks, the error names the place', () => {
  assert.throws(() => snapdf.render(snapshot), { code: 'INVALID_SNAPSHOT', path: 'font' });
  const cjk = { ...snapshot, blocks: [{ type: 'paragraph', text: '漢字' }] };
  assert.throws(() => snapdf.render(cjk, { fonts: [sans] }), { code: 'UNSUPPORTED_CHARACTER', path: 'blocks[0].text' });
  assert.throws(() => snapdf.render(snapshot, { fonts: [{ name: 'DejaVu Sans', data: new Uint8Array(8) }] }), {
    code: 'INVALID_OPTIONS',
    path: 'options.fonts[0]',
  });
  assert.throws(() => snapdf.validate(cjk, { fonts: [sans] }), { code: 'UNSUPPORTED_CHARACTER' });
});

test('an engine with fonts renders on worker threads and caches by the font too', async () => {
  const engine = snapdf.createEngine({ workers: 1, fonts: [sans, bold], persistent: false });
  try {
    const first = await engine.render(snapshot);
    assert.equal(first.source, 'render');
    assert.ok(inspect(first.pdf).text.includes(CYRILLIC));
    const again = await engine.render(snapshot);
    assert.equal(again.source, 'l1');
    assert.equal(again.key, snapdf.cacheKey(snapshot, { fonts: [sans, bold] }));
  } finally {
    await engine.close();
  }
});

test('a font given with its SHA-256 keys as without it; a malformed digest is an option error', async () => {
  const digest = createHash('sha256').update(sans.data).digest('hex');
  const plain = snapdf.cacheKey(snapshot, { fonts: [sans, bold] });
  assert.equal(snapdf.cacheKey(snapshot, { fonts: [{ ...sans, digest }, bold] }), plain);
  assert.equal(snapdf.cacheKey(snapshot, { fonts: [{ ...sans, digest: digest.toUpperCase() }, bold] }), plain);
  // The digest stands in for the file's hash: a wrong one gives another key.
  assert.notEqual(snapdf.cacheKey(snapshot, { fonts: [{ ...sans, digest: '0'.repeat(64) }, bold] }), plain);
  for (const bad of ['abc', 42]) {
    assert.throws(() => snapdf.cacheKey(snapshot, { fonts: [{ ...sans, digest: bad }] }), { code: 'INVALID_OPTIONS', path: 'options.fonts[0].digest' });
  }
  // An engine keeps the digests itself: its keys are the same.
  const engine = snapdf.createEngine({ workers: 0, fonts: [sans, bold], persistent: false });
  try {
    const tasks = [engine.createSnapshot(snapshot), engine.createSnapshot({ ...snapshot, title: 'Другой' })];
    assert.equal(tasks[0].key, plain);
    assert.equal(tasks[1].key, snapdf.cacheKey({ ...snapshot, title: 'Другой' }, { fonts: [sans, bold] }));
    for (const t of tasks) assert.ok(inspect((await t.done).pdf).text.includes(CYRILLIC));
  } finally {
    engine.close();
  }
});

/** An engine on one worker thread whose messages the test sees, and the worker itself. */
function watchedEngine(fonts) {
  /** @type {any[]} */
  const posted = [];
  const workers = [];
  const runner = new snapdf.WorkerPool({
    size: 1,
    spawn: (events) => {
      const handle = snapdf.spawnNodeWorker(events);
      workers.push(handle.worker);
      return { ...handle, post: (msg) => (posted.push(msg), handle.post(msg)) };
    },
  });
  return { engine: new snapdf.SnapshotEngine({ wasm, runner, fonts }), posted, workers };
}

test('an engine sends its fonts to a worker once, not with every job, and again to a new worker', async () => {
  const fonts = [sans, bold];
  const { engine, posted, workers } = watchedEngine(fonts);
  try {
    for (let i = 0; i < 5; i++) {
      const { pdf } = await engine.render({ ...snapshot, title: `Отчёт ${i}` }, { cache: false });
      assert.ok(inspect(pdf).text.includes(`Отчёт ${i}`));
    }
    const kinds = (/** @type {any[]} */ list) => list.map((m) => m.type).join(' ');
    assert.equal(kinds(posted), 'fonts render render render render render');
    const set = posted[0].set;
    assert.deepEqual(posted[0].fonts, fonts);
    for (const m of posted.slice(1)) assert.deepEqual({ fonts: m.fonts, fontSet: m.fontSet }, { fonts: undefined, fontSet: set });
    // A list changed in place is another set: sent, and rendered with.
    posted.length = 0;
    fonts[1] = { name: 'DejaVu Sans Bold', data: sans.data };
    const changed = await engine.render(snapshot, { cache: false });
    assert.equal(kinds(posted), 'fonts render');
    assert.notEqual(posted[0].set, set);
    assert.equal(changed.key, snapdf.cacheKey(snapshot, { fonts }));
    assert.doesNotMatch(inspect(changed.pdf).fonts, /DejaVuSans-Bold/, 'bold text set in the regular face now');
    // A replaced worker has no sets: it is sent the fonts before its first job.
    posted.length = 0;
    await workers[0].terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await engine.render({ ...snapshot, title: 'после' }, { cache: false });
    assert.equal(kinds(posted), 'fonts render');
  } finally {
    engine.close();
  }
});

test('a worker keeps four font sets and is told which to release', async () => {
  const lists = Array.from({ length: 5 }, () => [sans]);
  const { engine, posted } = watchedEngine(undefined);
  try {
    for (const fonts of [...lists, lists[4], lists[0]]) await engine.render(snapshot, { cache: false, fonts });
    const sent = posted.filter((m) => m.type === 'fonts').map((m) => ({ set: m.set, drop: m.drop }));
    const [a, b, , , e] = sent.map((m) => m.set);
    // The fifth list drops the first; list 5 again is kept; the first comes back, dropping the second.
    assert.deepEqual(sent.map((m) => m.drop), [undefined, undefined, undefined, undefined, a, b]);
    assert.equal(sent.length, 6);
    assert.equal(posted.at(-3).fontSet, e);
  } finally {
    engine.close();
  }
});

test('a worker answers a render with fonts it could not take with the fonts\' error', async () => {
  /** @type {any[]} */
  const replies = [];
  // Its answers to renders (it also says { type: 'ready' } once its module is loaded).
  const worker = snapdf.spawnNodeWorker({ message: (m) => m.type === 'done' && replies.push(m), crash: () => {} });
  try {
    worker.post({ type: 'fonts', set: 1, fonts: [{ name: 'DejaVu Sans', data: new Uint8Array(8) }] });
    worker.post({ type: 'render', id: 'a', json: JSON.stringify(snapshot), options: {}, fontSet: 1 });
    worker.post({ type: 'render', id: 'b', json: JSON.stringify(snapshot), options: {}, fontSet: 2 });
    while (replies.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(replies.map((r) => [r.id, r.ok, r.error.code, r.error.path]), [['a', false, 'INVALID_OPTIONS', 'options.fonts[0]'], ['b', false, undefined, undefined]]);
    assert.match(replies[1].error.message, /font set 2 was never sent/);
  } finally {
    worker.terminate();
  }
});

test('snapdf render --font sets a CSV file in that font', () => {
  const dir = tempDir();
  const csv = join(dir, 'cities.csv');
  writeFileSync(csv, 'city,population\nМосква,13010112\nΑθήνα,664046\n');
  const out = join(dir, 'cities.pdf');
  const r = runCli(['render', csv, '-o', out, '--no-cache', '--font', `DejaVu Sans=${join(DEJAVU, 'DejaVuSans.ttf')}`]);
  assert.equal(r.status, 0, r.stderr);
  const { text, fonts } = inspect(readFileSync(out));
  assert.ok(text.includes('Москва') && text.includes('Αθήνα'), text);
  assert.match(fonts, /DejaVuSans\s+CID TrueType/);
  const without = runCli(['render', csv, '-o', join(dir, 'x.pdf'), '--no-cache']);
  assert.equal(without.status, 1);
  assert.match(without.stderr, /UNSUPPORTED_CHARACTER/);
});

test('truncated and damaged font files: the error names the font, in WebAssembly and in the CLI', () => {
  const dir = tempDir();
  const truncated = sans.data.slice(0, 1000);
  const offsets = sans.data.slice(); // every table directory offset far past the end
  const tables = (offsets[4] << 8) | offsets[5];
  for (let t = 0; t < tables; t++) offsets.set([0xff, 0xff, 0xff, 0x00], 12 + 16 * t + 8);
  for (const [what, data] of [['truncated', truncated], ['offsets past the end', offsets]]) {
    assert.throws(() => snapdf.render(snapshot, { fonts: [{ name: 'DejaVu Sans', data }] }), { code: 'INVALID_OPTIONS', path: 'options.fonts[0]' }, what);
    const file = join(dir, `${what}.ttf`);
    writeFileSync(file, data);
    const input = join(dir, 'in.json');
    writeFileSync(input, JSON.stringify(snapshot));
    const out = join(dir, 'out.pdf');
    const r = runCli(['render', input, '-o', out, '--no-cache', '--font', `DejaVu Sans=${file}`]);
    assert.equal(r.status, 1, `${what}: ${r.stderr}`);
    // In the CLI's words: the --font argument with its file, not the input file or options.fonts[0].
    assert.match(r.stderr, new RegExp(`^snapdf: --font DejaVu Sans=${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \`DejaVu Sans\` is not a TrueType or OpenType font.*\\[INVALID_OPTIONS\\]\n$`), what);
    assert.throws(() => readFileSync(out), { code: 'ENOENT' }, 'no file is written');
  }
});

test('a --font file that is not a font (and a second one, for a CSV, with --json): the error names the --font argument, not the input', () => {
  const dir = tempDir();
  const notFont = join(dir, 'hostname');
  writeFileSync(notFont, 'example\n');
  const input = join(dir, 'in.csv');
  writeFileSync(input, 'a,b\n1,2\n');
  const r = runCli(['render', input, '-o', join(dir, 'out.pdf'), '--no-cache', '--font', `X=${notFont}`]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `snapdf: --font X=${notFont}: \`X\` is not a TrueType or OpenType font: unknown magic [INVALID_OPTIONS]\n`);
  const json = runCli(['key', input, '--json', '--font', `DejaVu Sans=${join(DEJAVU, 'DejaVuSans.ttf')}`, '--font', `X=${notFont}`]);
  assert.equal(json.status, 1);
  assert.deepEqual(JSON.parse(json.stderr), { error: { code: 'INVALID_OPTIONS', message: `--font X=${notFont}: \`X\` is not a TrueType or OpenType font: unknown magic` } });
});

test('italic text without an italic face is set upright and the result says so: render(), an engine and its hits, the CLI', async () => {
  const slanted = { title: 'T', font: 'DejaVu Sans', blocks: [{ type: 'paragraph', text: ['upright ', { text: 'slanted', italic: true }] }] };
  const said = [{ path: 'font', message: 'italic text is set in `DejaVu Sans`: no font named `DejaVu Sans Italic` was supplied; supply it to set italic text as asked' }];
  assert.deepEqual(snapdf.render(slanted, { fonts: [sans, bold] }).warnings, said);
  assert.deepEqual(snapdf.render(snapshot, { fonts: [sans, bold] }).warnings, [], 'bold has its face');

  const dir = tempDir();
  const cacheDir = join(dir, 'cache');
  const engine = snapdf.createEngine({ fonts: [sans, bold], cacheDir, workers: 1 });
  const first = await engine.render(slanted);
  assert.equal(first.source, 'render');
  assert.deepEqual(first.warnings, said);
  const again = await engine.render(slanted);
  assert.equal(again.source, 'l1');
  assert.deepEqual(again.warnings, said, 'kept with the entry');
  await engine.close();
  const later = snapdf.createEngine({ fonts: [sans, bold], cacheDir, workers: 0 });
  const fromDisk = await later.render(slanted);
  assert.equal(fromDisk.source, 'l2');
  assert.deepEqual(fromDisk.warnings, said, 'kept in the record');
  await later.close();

  const input = join(dir, 'slanted.json');
  writeFileSync(input, JSON.stringify(slanted));
  const r = runCli(['render', input, '-o', join(dir, 'slanted.pdf'), '--no-cache', '--font', `DejaVu Sans=${join(DEJAVU, 'DejaVuSans.ttf')}`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /slanted\.json: warning: font: italic text is set in `DejaVu Sans`: no font named `DejaVu Sans Italic` was supplied/);
});
