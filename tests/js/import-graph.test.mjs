// The package's modules import one another without a cycle: bundlers (Rollup) warn about
// every cycle, and a cycle makes what a module sees at import time depend on which one
// was loaded first. The graph is the static imports and re-exports (`import … from`,
// `export … from`, `import './x.js'`) between the files under js/, read with Rollup's
// parser; dynamic `import()` loads on demand and is not an edge.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { root } from './helpers.mjs';

/**
 * The static import graph from every .js file under js/: file (relative to the package
 * root) -> the files it imports by a relative specifier.
 * @returns {Map<string, string[]>}
 */
function importGraph() {
  const graph = new Map();
  const queue = readdirSync(join(root, 'js'), { recursive: true }).map(String).filter((f) => f.endsWith('.js')).map((f) => join('js', f));
  while (queue.length) {
    const file = /** @type {string} */ (queue.shift());
    if (graph.has(file)) continue;
    const ast = parseAst(readFileSync(join(root, file), 'utf8'));
    const deps = [];
    for (const node of ast.body) {
      const source = 'source' in node ? node.source?.value : undefined;
      if (typeof source !== 'string' || !source.startsWith('.')) continue;
      const dep = relative(root, resolve(root, dirname(file), source));
      assert.ok(existsSync(join(root, dep)), `${file} imports ${source}, which does not exist`);
      deps.push(dep);
      queue.push(dep);
    }
    graph.set(file, deps);
  }
  return graph;
}

/**
 * The first import cycle found (depth first, files in sorted order), as the files along
 * it with the first repeated at the end, or undefined.
 * @param {Map<string, string[]>} graph
 * @returns {string[] | undefined}
 */
function findCycle(graph) {
  /** @type {Map<string, 'open' | 'done'>} */
  const state = new Map();
  /** @type {string[]} */
  const path = [];
  /** @param {string} file @returns {string[] | undefined} */
  const visit = (file) => {
    state.set(file, 'open');
    path.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') return [...path.slice(path.indexOf(dep)), dep];
      const cycle = state.has(dep) ? undefined : visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = state.has(file) ? undefined : visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

test('the cycle finder names a cycle, and none in a graph without one', () => {
  const withCycle = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
  assert.deepEqual(findCycle(withCycle), ['a', 'b', 'c', 'a']);
  assert.equal(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), undefined);
});

test('the modules under js/ import one another without a cycle', () => {
  const graph = importGraph();
  // The reader sees the imports it must: a named import, a re-export and an import two
  // directories apart (the graph below would be vacuous otherwise).
  assert.ok(graph.get(join('js', 'engine.js'))?.includes(join('js', 'errors.js')));
  assert.ok(graph.get(join('js', 'node.js'))?.includes(join('js', 'errors.js')));
  assert.ok(graph.get(join('js', 'workers', 'protocol.js'))?.includes(join('js', 'engine.js')));
  assert.ok(graph.size >= 30, `only ${graph.size} modules`);
  // errors.js is the module everything may import: it imports nothing of snapdf's.
  assert.deepEqual(graph.get(join('js', 'errors.js')), []);
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' -> ')}`);
});
