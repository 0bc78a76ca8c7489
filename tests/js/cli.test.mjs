// The snapdf command line, run as a user runs it, its PDFs checked with qpdf, pdfinfo
// and pdftotext.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { datasets, pdfInfo, pdfPages, pdfPageTexts, qpdfCheck, runCli, tempDir } from './helpers.mjs';

/** Renders with --json, checks the PDF with qpdf (every PDF the CLI makes), returns the summary. */
function render(input, output, ...extra) {
  const r = runCli(['render', input, '-o', output, '--json', ...extra]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(qpdfCheck(output), `qpdf --check ${output}`);
  return JSON.parse(r.stdout);
}

/** The last non-empty line of CSV text, split on commas (these data sets quote nothing). */
function lastRow(csv) {
  return csv.trim().split('\n').at(-1).split(',');
}

describe('snapdf render', () => {
  for (const name of ['seattle-weather.csv', 'github.csv']) {
    test(`${name} renders to a valid PDF a reader can read`, () => {
      const dir = tempDir();
      const out = join(dir, 'out.pdf');
      const input = join(datasets, name);
      const summary = render(input, out, '--cache-dir', join(dir, 'cache'));
      const pages = pdfPages(out);
      assert.equal(pages, summary.pages);
      assert.ok(pages > 10, `${name}: ${pages} pages`);
      const texts = pdfPageTexts(out);
      assert.equal(texts.length, pages);
      const csv = readFileSync(input, 'utf8');
      const [header, first] = csv.split('\n');
      const title = name === 'github.csv' ? 'Github' : 'Seattle weather';
      assert.match(texts[0], new RegExp(`^\\s*${title}`));
      const firstLine = texts[0].split('\n').find((l) => l.includes(first.split(',')[0]));
      assert.ok(firstLine, 'first data row on page 1');
      for (const field of first.split(',')) assert.ok(firstLine.includes(field), `${field} in ${firstLine}`);
      for (const h of header.split(',')) assert.ok(texts[0].includes(h), `header ${h}`);
      const last = lastRow(csv);
      const lastLine = texts[pages - 1].split('\n').find((l) => l.includes(last[0]));
      assert.ok(lastLine, 'last data row on the last page');
      for (const field of last) assert.ok(lastLine.includes(field), `${field} in ${lastLine}`);
      assert.match(texts[pages - 1], new RegExp(`Page ${pages} of ${pages}`));
      // The header row repeats on every page.
      for (const text of texts) assert.ok(text.includes(header.split(',').at(-1)));
    });
  }

  test('a snapshot JSON file renders with its metadata', () => {
    const dir = tempDir();
    const input = join(dir, 'report.json');
    writeFileSync(input, JSON.stringify({
      title: 'Déjà vu — “quoted” report',
      metadata: { author: 'Zoë', subject: 'Tests', keywords: ['csv', 'pdf'], creationDate: '2024-05-01T09:30:00Z' },
      page: { size: 'Letter', orientation: 'landscape' },
      blocks: [
        { type: 'heading', text: 'Facts' },
        { type: 'keyValue', items: [{ key: 'Price', value: '€12' }, { key: 'Count', value: 3 }] },
        { type: 'bulletList', items: ['one', 'two'] },
      ],
    }));
    const out = join(dir, 'report.pdf');
    render(input, out, '--no-cache');
    const info = pdfInfo(out);
    assert.match(info, /Title:\s+Déjà vu — “quoted” report/);
    assert.match(info, /Author:\s+Zoë/);
    assert.match(info, /Page size:\s+792 x 612 pts/);
    const [text] = pdfPageTexts(out);
    assert.match(text, /Price\s+€12/);
    assert.match(text, /• +one/);
    assert.match(text, /Page 1 of 1/);
  });

  test('quoted CSV fields with commas, quotes and newlines survive', () => {
    const dir = tempDir();
    const input = join(dir, 'tricky.csv');
    writeFileSync(input, 'name,note,amount\n"Smith, Ann","said ""hi""\nand left",12.5\nBob,plain,7\n');
    const out = join(dir, 'tricky.pdf');
    const summary = render(input, out, '--no-cache', '--title', 'Tricky');
    assert.equal(summary.pages, 1);
    const [text] = pdfPageTexts(out);
    assert.match(text, /Smith, Ann/);
    assert.match(text, /said "hi"/);
    assert.match(text, /and left/);
    assert.match(text, /^\s*Tricky/);
  });

  test('the second render of the same input is a cache hit with the same bytes', () => {
    const dir = tempDir();
    const input = join(datasets, 'github.csv');
    const cache = join(dir, 'cache');
    const a = render(input, join(dir, 'a.pdf'), '--cache-dir', cache);
    const b = render(input, join(dir, 'b.pdf'), '--cache-dir', cache);
    assert.equal(a.cache, 'miss');
    assert.equal(b.cache, 'hit');
    assert.equal(a.key, b.key);
    assert.equal(b.pages, a.pages);
    assert.deepEqual(readFileSync(join(dir, 'a.pdf')), readFileSync(join(dir, 'b.pdf')));
    // Another namespace is another key: no hit.
    const c = render(input, join(dir, 'c.pdf'), '--cache-dir', cache, '--namespace', 'other');
    assert.equal(c.cache, 'miss');
    assert.notEqual(c.key, a.key);
  });

  test('a damaged cache entry is a miss, never served', () => {
    const dir = tempDir();
    const input = join(datasets, 'github.csv');
    const cache = join(dir, 'cache');
    const a = render(input, join(dir, 'a.pdf'), '--cache-dir', cache);
    writeFileSync(join(cache, 'entries', `${a.key}.pdf`), '%PDF-1.7 truncated');
    const b = render(input, join(dir, 'b.pdf'), '--cache-dir', cache);
    assert.equal(b.cache, 'miss');
  });
});

describe('snapdf cache', () => {
  test('stats, clear by namespace, clear, cleanup', () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    const input = join(datasets, 'github.csv');
    render(input, join(dir, 'a.pdf'), '--cache-dir', cache, '--namespace', 'alice');
    render(input, join(dir, 'b.pdf'), '--cache-dir', cache, '--namespace', 'bob');
    const stats = () => JSON.parse(runCli(['cache', 'stats', '--cache-dir', cache, '--json']).stdout);
    assert.equal(stats().entries, 2);
    assert.ok(stats().bytes > 10_000);
    assert.match(runCli(['cache', 'clear', '--cache-dir', cache, '--namespace', 'alice']).stdout, /removed 1 entries/);
    assert.equal(stats().entries, 1);
    assert.equal(render(input, join(dir, 'c.pdf'), '--cache-dir', cache, '--namespace', 'bob').cache, 'hit');
    assert.match(runCli(['cache', 'cleanup', '--cache-dir', cache]).stdout, /removed 0 expired entries/);
    assert.match(runCli(['cache', 'clear', '--cache-dir', cache]).stdout, /removed 1 entries/);
    assert.equal(stats().entries, 0);
  });

  test('two processes rendering the same key at once leave one valid entry', async () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    const input = join(datasets, 'seattle-weather.csv');
    const { spawn } = await import('node:child_process');
    const { cli } = await import('./helpers.mjs');
    const run = (out) => new Promise((resolve) => {
      const p = spawn(process.execPath, [cli, 'render', input, '-o', join(dir, out), '--cache-dir', cache, '--json']);
      let stdout = '';
      p.stdout.on('data', (d) => { stdout += d; });
      p.on('close', (status) => resolve({ status, stdout }));
    });
    const results = await Promise.all([run('a.pdf'), run('b.pdf'), run('c.pdf')]);
    for (const r of results) assert.equal(r.status, 0);
    assert.deepEqual(readFileSync(join(dir, 'a.pdf')), readFileSync(join(dir, 'b.pdf')));
    assert.equal(JSON.parse(runCli(['cache', 'stats', '--cache-dir', cache, '--json']).stdout).entries, 1);
    assert.equal(render(input, join(dir, 'd.pdf'), '--cache-dir', cache).cache, 'hit');
    assert.deepEqual(readdirSync(join(cache, 'entries')).filter((n) => n.endsWith('.tmp')), []);
  });
});

describe('snapdf key', () => {
  test('prints the cache key; key order and whitespace do not change it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), '{"title":"T","blocks":[{"type":"paragraph","text":"x"}]}');
    writeFileSync(join(dir, 'b.json'), '{\n  "blocks": [ { "text": "x", "type": "paragraph" } ],\n  "title": "T"\n}\n');
    writeFileSync(join(dir, 'c.json'), '{"title":"T","blocks":[{"type":"paragraph","text":"y"}]}');
    const key = (f) => runCli(['key', join(dir, f)]).stdout.trim();
    assert.match(key('a.json'), /^[0-9a-f]{64}$/);
    assert.equal(key('a.json'), key('b.json'));
    assert.notEqual(key('a.json'), key('c.json'));
    const rendered = render(join(dir, 'a.json'), join(dir, 'a.pdf'), '--no-cache');
    assert.equal(rendered.key, key('a.json'));
  });
});

describe('bad input', () => {
  const cases = [
    ['malformed.json', '{"title": "T",\n  "blocks": [\n    {"type": "paragraph" "text": "x"}\n  ]\n}', /line 3 column 26/, 'INVALID_JSON'],
    ['deep.json', JSON.stringify({ title: 'T', blocks: [{ type: 'paragraph', text: 'ok' }, { type: 'table', columns: ['a', 'b'], rows: [['1', '2'], ['3', ['nested']]] }] }), /blocks\[1\]\.rows\[1\]\[1\]: invalid type: sequence/, 'INVALID_SNAPSHOT'],
    ['broken.csv', 'a,b\n1,2\n3,4,5\n', /line 3/, 'INVALID_CSV'],
    ['unclosed.csv', 'a,b\n1,"2\n', /line 2/, 'INVALID_CSV'],
    ['cyrillic.json', JSON.stringify({ title: 'Report', blocks: [{ type: 'keyValue', items: [{ key: 'City', value: 'Москва' }] }] }), /'М' \(U\+041C\) at blocks\[0\]\.items\[0\]\.value/, 'UNSUPPORTED_CHARACTER'],
    ['latin1.json', Buffer.from([0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), /not valid UTF-8/, 'INVALID_JSON'],
    // caf\xe9 on line 2: the place of the first byte that is not UTF-8, and how to convert
    ['latin1.csv', Buffer.from('name,n\ncaf\xe9,1\n', 'latin1'), /latin1\.csv: line 2, column 4: byte 0xE9 is not UTF-8; a CSV file must be UTF-8 text \(convert it first, e\.g\. from Latin-1 with `iconv -f latin1 -t utf-8`\) \[/, 'INVALID_CSV'],
    ['bom-latin1.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('caf\xe9,n\n1,2\n', 'latin1')]), /line 1, column 4: byte 0xE9/, 'INVALID_CSV'],
  ];
  for (const [file, content, message, code] of cases) {
    test(`${file}: exit code 1, the place named, no output file`, () => {
      const dir = tempDir();
      const input = join(dir, file);
      writeFileSync(input, content);
      const out = join(dir, 'out.pdf');
      const r = runCli(['render', input, '-o', out, '--no-cache']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, message);
      assert.match(r.stderr, new RegExp(`\\[${code}\\]`));
      assert.equal(r.stdout, '');
      assert.equal(existsSync(out), false);
      assert.deepEqual(readdirSync(dir), [file], 'no temporary files left behind');
    });
  }

  test('a Latin-1 file read with --csv, with --json: INVALID_CSV with the file and line, no --csv advice', () => {
    const dir = tempDir();
    const input = join(dir, 'latin1.txt');
    writeFileSync(input, Buffer.from('name,n\nna\xefve,1\n', 'latin1'));
    const r = runCli(['render', input, '--csv', '--json', '-o', join(dir, 'out.pdf'), '--no-cache']);
    assert.equal(r.status, 1);
    const { error } = JSON.parse(r.stderr);
    assert.deepEqual({ ...error, message: undefined }, { code: 'INVALID_CSV', message: undefined, file: input, line: 2 });
    assert.match(error.message, /^line 2, column 3: byte 0xEF is not UTF-8/);
  });

  test('a UTF-8 CSV with a byte order mark renders, the mark not in the header', () => {
    const dir = tempDir();
    const input = join(dir, 'bom.csv');
    writeFileSync(input, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café,n\nx,1\n')]));
    render(input, join(dir, 'out.pdf'), '--no-cache');
    assert.match(pdfPageTexts(join(dir, 'out.pdf'))[0], /\nCafé\s+n\n/);
  });

  test('a missing input file and a bad option are reported', () => {
    const missing = runCli(['render', 'no-such-file.json']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no-such-file\.json/);
    const level = runCli(['render', join(datasets, 'github.csv'), '--compression', '12']);
    assert.notEqual(level.status, 0);
    assert.match(level.stderr, /compression.*0 to 10/);
  });
});
