#!/usr/bin/env node
// Supplied fonts in an engine: what a job costs when the engine was given large font
// files (IPAGothic, 6.2 MB, and DejaVu Sans regular and bold, 1.4 MB), on one worker
// thread, against an engine without fonts. Medians and 10th percentiles of 200 renders
// of distinct snapshots (cache off), after 20 to warm up.
import { readFileSync } from 'node:fs';
import { createEngine } from '../js/node.js';

const font = (name, path) => ({ name, data: new Uint8Array(readFileSync(path)) });
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const fonts = [
  font('IPAGothic', '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf'),
  font('DejaVu Sans', `${DEJAVU}/DejaVuSans.ttf`),
  font('DejaVu Sans Bold', `${DEJAVU}/DejaVuSans-Bold.ttf`),
];
const japanese = JSON.parse(readFileSync(new URL('../examples/gallery/japanese.json', import.meta.url), 'utf8'));
const latin = {
  title: 'Quarterly report',
  blocks: Array.from({ length: 6 }, () => ({ type: 'paragraph', text: 'Sales grew in every region. The new Tokyo office opened on schedule.' })),
};

/** Renders `make(i)` for distinct i; returns the median and 10th percentile in ms. */
async function time(engine, make) {
  for (let i = 0; i < 20; i++) await engine.render(make(-1 - i), { cache: false, store: false });
  const ms = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await engine.render(make(i), { cache: false, store: false });
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return `median ${ms[100].toFixed(2)} ms, p10 ${ms[20].toFixed(2)} ms`;
}

const withFonts = createEngine({ fonts, workers: 1, persistent: false });
const without = createEngine({ workers: 1, persistent: false });
console.log(`Japanese sample (IPAGothic), engine with the fonts: ${await time(withFonts, (i) => ({ ...japanese, title: `${japanese.title} ${i}` }))}`);
console.log(`Latin paragraphs (Helvetica), engine with the fonts: ${await time(withFonts, (i) => ({ ...latin, title: `${latin.title} ${i}` }))}`);
console.log(`Latin paragraphs (Helvetica), engine without fonts: ${await time(without, (i) => ({ ...latin, title: `${latin.title} ${i}` }))}`);
withFonts.close();
without.close();
