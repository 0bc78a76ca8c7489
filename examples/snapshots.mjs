// Snapshots built from real data sets of the npm package vega-datasets. Used by the
// demo (examples/demo.mjs) and the benchmarks (benches/).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';

const require = createRequire(import.meta.url);
/** Folder of the vega-datasets data files. */
export const dataDir = join(dirname(require.resolve('vega-datasets')), '..', 'data');

/** @param {string} name */
const readJson = (name) => JSON.parse(readFileSync(join(dataDir, name), 'utf8'));

/** @param {number[]} xs */
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** @param {number} x */
const fmt = (x, digits = 1) => x.toFixed(digits);

const PROSE = [
  'Every flight in this sample left one of the large airports of the United States in the first months of 2001. ' +
    'Delays are in minutes against the published departure time; a negative delay is an early departure.',
  'Most delays are short and most flights leave within a quarter of an hour of their slot, but the distribution ' +
    'has a long tail: a few flights wait for hours, and they dominate the mean. The median tells the usual story better.',
  'Distance is the great-circle distance between the two airports in miles. Long routes are flown by larger ' +
    'aircraft whose turnarounds take longer, which shows in the delays of the first departures of the day.',
];

/**
 * Twenty attached documents as a deal room lists them: name, media type, size and the
 * SHA-256 of (stand-in) contents.
 */
export function documentList() {
  const kinds = [['pdf', 'application/pdf'], ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['csv', 'text/csv'], ['png', 'image/png']];
  return Array.from({ length: 20 }, (_, i) => {
    const [ext, mediaType] = kinds[i % kinds.length];
    return {
      name: `delay-report-${String(i + 1).padStart(2, '0')}.${ext}`,
      mediaType,
      size: 10_000 + i * 7_919,
      sha256: createHash('sha256').update(`document ${i + 1}`).digest('hex'),
    };
  });
}

/**
 * The benchmark report of DESIGN.md: title, an 8-row key/value table, three sections
 * of text and bullets, a `rows` x 5 table with repeated header, a list of 20 documents
 * with their SHA-256, and "Page X of Y".
 * Real data: the first `rows` flights of vega-datasets' flights-5k.json.
 * @param {number} rows
 */
export function flightsReport(rows) {
  /** @type {{ date: string, delay: number, distance: number, origin: string, destination: string }[]} */
  const flights = readJson('flights-5k.json').slice(0, rows);
  const delays = flights.map((f) => f.delay);
  const sorted = [...delays].sort((a, b) => a - b);
  const origins = new Map();
  for (const f of flights) origins.set(f.origin, (origins.get(f.origin) ?? 0) + 1);
  const busiest = [...origins].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const sections = ['Delays', 'Routes', 'Airports'].flatMap((name, i) => [
    { type: 'heading', level: 1, text: `${i + 1}. ${name}` },
    ...PROSE.map((text) => ({ type: 'paragraph', text })),
    { type: 'heading', level: 2, text: 'Highlights' },
    { type: 'bulletList', items: busiest.map(([code, n]) => `${code}: ${n} departures, ${fmt((n / flights.length) * 100)} % of the sample`) },
    ...PROSE.slice(0, 2).map((text) => ({ type: 'paragraph', text })),
  ]);
  return {
    title: `Flight delays: ${rows.toLocaleString('en-US')} departures`,
    subtitle: 'vega-datasets flights-5k.json, January to March 2001',
    metadata: { author: 'snapdf demo', subject: 'Flight delays', keywords: ['flights', 'delays'], creationDate: '2024-05-01' },
    blocks: [
      {
        type: 'keyValue',
        items: [
          { key: 'Flights', value: flights.length },
          { key: 'Mean delay', value: `${fmt(mean(delays))} min` },
          { key: 'Median delay', value: `${sorted[Math.floor(sorted.length / 2)]} min` },
          { key: 'Longest delay', value: `${sorted.at(-1)} min` },
          { key: 'Airports', value: origins.size },
          { key: 'Routes', value: new Set(flights.map((f) => `${f.origin}-${f.destination}`)).size },
          { key: 'Early departures', value: delays.filter((d) => d < 0).length },
          { key: 'Source', value: 'vega-datasets flights-5k.json' },
        ],
      },
      ...sections,
      { type: 'heading', level: 1, text: 'All departures' },
      {
        type: 'table',
        columns: ['Date', 'Delay (min)', 'Distance (mi)', 'Origin', 'Destination'],
        rows: flights.map((f) => [f.date, f.delay, f.distance, f.origin, f.destination]),
      },
      { type: 'heading', level: 1, text: 'Documents' },
      { type: 'documents', items: documentList() },
    ],
  };
}

/** A one-page snapshot: a title, a key/value table, two paragraphs and a list. */
export function onePage() {
  return {
    title: 'Flight delays: one page',
    metadata: { creationDate: '2024-05-01' },
    blocks: [
      { type: 'keyValue', items: [{ key: 'Flights', value: 5000 }, { key: 'Mean delay', value: '7.7 min' }] },
      ...PROSE.slice(0, 2).map((text) => ({ type: 'paragraph', text })),
      { type: 'bulletList', items: ['ATL: 251 departures', 'ORD: 226 departures', 'DFW: 203 departures'] },
    ],
  };
}

/** Seattle's daily weather 2012-2015 (seattle-weather.csv, 1,461 days) as a report. */
export function weatherReport() {
  /** @type {Record<string, string>[]} */
  const days = parse(readFileSync(join(dataDir, 'seattle-weather.csv')), { columns: true });
  const byWeather = new Map();
  for (const d of days) byWeather.set(d.weather, (byWeather.get(d.weather) ?? 0) + 1);
  const col = (/** @type {string} */ k) => days.map((d) => Number(d[k]));
  const rainy = days.filter((d) => Number(d.precipitation) > 0).length;
  return {
    title: 'Seattle weather, 2012–2015',
    subtitle: `${days.length.toLocaleString('en-US')} days of observations (vega-datasets seattle-weather.csv)`,
    metadata: { author: 'snapdf demo', subject: 'Daily weather in Seattle', keywords: ['weather', 'Seattle'] },
    blocks: [
      { type: 'heading', text: 'Summary' },
      {
        type: 'paragraph',
        text: `It rained on ${rainy} of ${days.length} days (${fmt((rainy / days.length) * 100)} %). ` +
          'Temperatures are daily maxima and minima in °C, precipitation in mm, wind in m/s.',
      },
      {
        type: 'keyValue',
        items: [
          { key: 'Mean maximum', value: `${fmt(mean(col('temp_max')))} °C` },
          { key: 'Mean minimum', value: `${fmt(mean(col('temp_min')))} °C` },
          { key: 'Wettest day', value: `${Math.max(...col('precipitation'))} mm` },
          { key: 'Windiest day', value: `${Math.max(...col('wind'))} m/s` },
        ],
      },
      { type: 'heading', level: 2, text: 'Days by weather' },
      { type: 'bulletList', items: [...byWeather].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w}: ${n} days`) },
      { type: 'heading', text: 'Every day' },
      {
        type: 'table',
        columns: ['Date', 'Precipitation (mm)', 'Max (°C)', 'Min (°C)', 'Wind (m/s)', 'Weather'].map((header, i) =>
          i > 0 && i < 5 ? { header, align: 'right' } : header),
        rows: days.map((d) => [d.date, d.precipitation, d.temp_max, d.temp_min, d.wind, d.weather]),
      },
    ],
  };
}
