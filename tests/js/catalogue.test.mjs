// The bad-input catalogue (tests/catalogue/cases.json) through the WebAssembly build in
// Node and through the CLI: the same codes and paths as the native engine gives.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { render } from 'snapdf';
import { runCli, tempDir } from './helpers.mjs';

const { cases } = JSON.parse(readFileSync(new URL('../catalogue/cases.json', import.meta.url), 'utf8'));

/** The large inputs, built as tests/catalogue.rs builds them. */
function generate({ kind, depth, length, count, spaces, tables, rows, bytes }) {
  switch (kind) {
    case 'manyCells': {
      const table = `{"type": "table", "columns": ["a"], "rows": [${Array(rows).fill('[1]').join(',')}]}`;
      return `{"title": "T", "blocks": [${Array(tables).fill(table).join(',')}]}`;
    }
    case 'hugeInput': {
      const head = '{"title": "T", "subtitle": "';
      return `${head}${' '.repeat(bytes - head.length - 2)}"}`;
    }
    case 'deepArray': return `{"title": "T", "blocks": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    case 'deepCell': return `{"title": "T", "blocks": [{"type": "table", "columns": ["a"], "rows": [[${'['.repeat(depth)}${']'.repeat(depth)}]]}]}`;
    case 'spacedWords': return `{"title": "T", "blocks": [{"type": "paragraph", "text": "a${' '.repeat(spaces)}b"}]}`;
    case 'longWord': return `{"title": "T", "blocks": [{"type": "paragraph", "text": "${'w'.repeat(length)}"}]}`;
    case 'manyBlocks': return `{"title": "T", "blocks": [${Array(count).fill('{"type": "paragraph", "text": "x"}').join(',')}]}`;
    case 'manyColumns': return `{"title": "T", "blocks": [{"type": "table", "columns": [${Array(count).fill('"c"').join(',')}]}]}`;
    default: throw new Error(`unknown generator ${kind}`);
  }
}

const input = (c) => c.json ?? generate(c.generate);

describe('catalogue: WebAssembly in Node', () => {
  test(`${cases.length} cases`, () => {
    assert.ok(cases.length >= 40);
    for (const c of cases) {
      if (c.expect === 'OK') {
        const out = render(input(c));
        assert.ok(out.pages >= 1, c.name);
        continue;
      }
      assert.throws(() => render(input(c)), (e) => {
        assert.equal(e.name, 'SnapdfError', c.name);
        assert.equal(e.code, c.expect, `${c.name}: ${e.message}`);
        if (c.path) assert.equal(e.path, c.path, `${c.name}: ${e.message}`);
        return true;
      }, c.name);
    }
  });

  test('a lone surrogate from a JS string is rejected, not replaced', () => {
    assert.throws(() => render({ title: 'a\uDC00b' }), { code: 'INVALID_JSON' });
  });
});

describe('catalogue: the CLI', () => {
  test('each error case exits with 1, names its code and place, writes no file', () => {
    const dir = tempDir();
    for (const [i, c] of cases.entries()) {
      if (c.expect === 'OK' || c.generate) continue; // the large ones are covered above
      const file = join(dir, `case-${i}.json`);
      writeFileSync(file, input(c));
      const out = join(dir, `case-${i}.pdf`);
      const r = runCli(['render', file, '-o', out, '--no-cache']);
      assert.equal(r.status, 1, `${c.name}: ${r.stderr}`);
      assert.ok(r.stderr.includes(`[${c.expect}]`), `${c.name}: ${r.stderr}`);
      if (c.path && c.path !== '(root)') assert.ok(r.stderr.includes(c.path), `${c.name}: ${r.stderr}`);
      assert.equal(existsSync(out), false, c.name);
    }
    assert.deepEqual(readdirSync(dir).filter((n) => !n.endsWith('.json')), []);
  });
});
