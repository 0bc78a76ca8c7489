#!/usr/bin/env node
// Vector graphics as WebAssembly in Node (the media module, synchronous `render` on
// this thread): the targets are a 1,000-point line chart under 2 ms and an SVG
// icon under 1 ms. Medians and 10th percentiles of 200 renders of distinct snapshots
// (titles differ), after 20 to warm up; the baseline is the same page without the figure.
import { readFileSync } from 'node:fs';
import { render } from '../js/node.js';

const icon = readFileSync('/usr/share/icons/Adwaita/scalable/places/user-home-symbolic.svg', 'utf8');
const paint = readFileSync(new URL('../tests/fixtures/svg/paint.svg', import.meta.url), 'utf8');
const points = Array.from({ length: 1000 }, (_, i) => Math.round(50 + 40 * Math.sin(i / 40) + (i % 7)));
const cases = {
  'a page with one paragraph (baseline)': [],
  'a line chart of 1,000 points': [{ type: 'chart', kind: 'line', categories: points.map((_, i) => String(i)), series: [{ name: 'value', values: points }] }],
  'a line chart of 1,000 points on a time axis, from rows (dates, numbers as text)': [{ type: 'chart', kind: 'line', columns: ['date', 'value'], rows: points.map((v, i) => [new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10), String(v)]), x: 'date' }],
  'a scatter of 1,000 points': [{ type: 'chart', kind: 'scatter', x: points.map((_, i) => i), series: [{ name: 'value', values: points }] }],
  'a bar chart of 12 bars with labels': [{ type: 'chart', categories: 'JFMAMJJASOND'.split(''), series: [{ name: 'mm', values: [5, 4, 4, 3, 2, 1, 0.5, 1, 2, 4, 6, 5] }], labels: true }],
  'an SVG icon (Adwaita user-home, 1 path)': [{ type: 'svg', svg: icon, width: 48 }],
  'an SVG drawing with gradients and a clip (paint.svg)': [{ type: 'svg', svg: paint }],
};

for (const [name, blocks] of Object.entries(cases)) {
  const snapshot = (i) => ({ title: `Graphics ${i}`, blocks: [{ type: 'paragraph', text: 'A figure:' }, ...blocks] });
  for (let i = 0; i < 20; i++) render(snapshot(-1 - i));
  const ms = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    render(snapshot(i));
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name}: median ${ms[100].toFixed(3)} ms, p10 ${ms[20].toFixed(3)} ms`);
}
