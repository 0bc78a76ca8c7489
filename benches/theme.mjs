#!/usr/bin/env node
// The cost of a theme (the target: the benchmark report with a full theme within
// 10 % of the unthemed one, same run). The 8-page report of DESIGN.md (flightsReport(200))
// rendered as WebAssembly on this thread, unthemed and with every role of the theme and
// named styles set, alternating so that both see the same machine; medians of 300 renders
// each after 100 to warm up. Titles differ so that nothing is reused between renders.
import { render } from '../js/node.js';
import { flightsReport } from '../examples/snapshots.mjs';

const style = (size, color) => ({ size, color, bold: false, italic: false, lineHeight: 1.35, spaceBefore: 4, spaceAfter: 6 });
const theme = {
  title: { ...style(24, '#0b3d91'), bold: true },
  subtitle: style(12, '#c0392b'),
  heading1: { ...style(16, '#0b3d91'), bold: true },
  heading2: { ...style(13, '#0b3d91'), bold: true },
  heading3: { ...style(11, '#0b3d91'), bold: true },
  body: { ...style(10.5, '#2b2b2b'), align: 'justify' },
  list: style(10, '#2b2b2b'),
  caption: style(8, '#0b3d91'),
  header: style(8, '#0b3d91'),
  footer: style(8, '#6b7b8c'),
  background: '#fbfaf6',
  accent: '#c0392b',
  palette: ['#0b3d91', '#c0392b', '#7f8c8d'],
};
const styles = { note: { italic: true, size: 8.5, color: '#6b7b8c' }, alert: { bold: true, color: '#c0392b' } };

const base = flightsReport(200);
const plain = (i) => ({ ...base, title: `${base.title} ${i}` });
const themed = (i) => ({ ...plain(i), theme, styles });

for (let i = 0; i < 100; i++) {
  render(plain(-1 - i));
  render(themed(-1 - i));
}
const times = { plain: [], themed: [] };
for (let i = 0; i < 300; i++) {
  for (const [name, make] of [['plain', plain], ['themed', themed]]) {
    const snapshot = make(i);
    const t = performance.now();
    render(snapshot);
    times[name].push(performance.now() - t);
  }
}
const median = (ms) => ms.sort((a, b) => a - b)[ms.length >> 1];
const [p, t] = [median(times.plain), median(times.themed)];
console.log(`the 8-page report, unthemed: median ${p.toFixed(3)} ms`);
console.log(`the 8-page report, full theme and named styles: median ${t.toFixed(3)} ms (${(((t - p) / p) * 100).toFixed(1)} %)`);
