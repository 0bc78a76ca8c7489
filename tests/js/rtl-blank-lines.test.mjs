// Found by an outside probe of issue 24: a right-to-left paragraph, cell or list item in
// a supplied font whose line is left empty once its spaces are dropped (text " ", or
// "a\n  ") made unicode-bidi index out of bounds, which trapped the WebAssembly module
// (WASM_TRAP, dead for the process). Run through the CLI, so that a trap could not take
// other tests' engine with it.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from './helpers.mjs';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

const cases = {
  'a blank paragraph in a right-to-left document': { dir: 'rtl', blocks: [{ type: 'paragraph', text: ' ' }] },
  'a right-to-left paragraph whose last line is spaces': { blocks: [{ type: 'paragraph', dir: 'rtl', text: 'a\n  ' }] },
  'a blank cell of a right-to-left table': { blocks: [{ type: 'table', dir: 'rtl', columns: ['a'], rows: [[' ']] }] },
  'a blank item of a list in a right-to-left document': { dir: 'rtl', blocks: [{ type: 'bulletList', items: [' '] }] },
};

for (const [name, snapshot] of Object.entries(cases)) {
  test(`${name} renders (no WASM_TRAP)`, () => {
    const dir = tempDir();
    const input = join(dir, 'in.json');
    const output = join(dir, 'out.pdf');
    writeFileSync(input, JSON.stringify({ title: 'T', font: 'DejaVu Sans', ...snapshot }));
    const r = runCli(['render', input, '-o', output, '--no-cache', '--font', `DejaVu Sans=${DEJAVU}`]);
    assert.doesNotMatch(r.stderr, /WASM_TRAP|panicked/);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(output));
  });
}
