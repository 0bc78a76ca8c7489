#!/usr/bin/env node
// Writes the example snapshots (real data from vega-datasets) to examples/snapshots/:
// the inputs of the demo and of the benchmarks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { flightsReport, onePage, weatherReport } from './snapshots.mjs';

const dir = new URL('./snapshots/', import.meta.url);
mkdirSync(dir, { recursive: true });
/** @type {[string, object][]} */
const files = [
  ['seattle-weather.json', weatherReport()],
  ['one-page.json', onePage()],
  ['report.json', flightsReport(200)],
  ['flights-5000.json', flightsReport(5000)],
];
for (const [name, snapshot] of files) writeFileSync(new URL(name, dir), `${JSON.stringify(snapshot, null, 1)}\n`);
export const written = files.map(([name]) => new URL(name, dir));
