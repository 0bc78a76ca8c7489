// Sample snapshots for the demo app: a generated report, a large table, a batch of
// large tables, real data sets from vega-datasets, the gallery's deal room (every block
// kind), a Unicode sample in DejaVu Sans, and one with an error.
import { csvToSnapshot } from 'snapdf';
import dealRoom from '../../examples/gallery/every-block.json';
import cyrillic from '../../examples/gallery/cyrillic.json';
import greek from '../../examples/gallery/greek.json';
import cars from 'vega-datasets-data/cars.json';
import seattleCsv from 'vega-datasets-data/seattle-weather.csv';

const rows = (n) => Array.from({ length: n }, (_, i) => [
  `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  ['North', 'South', 'East', 'West'][i % 4],
  Math.round(1000 + 800 * Math.sin(i)),
  (i * 7) % 100 / 10,
]);

/** @param {number | null} x */
const num = (x) => (x == null ? null : Math.round(x * 10) / 10);

/** @type {Record<string, object>} */
export const samples = {
  'Quarterly report': {
    title: 'Quarterly report',
    subtitle: 'Sales by region, Q1–Q4 2024',
    metadata: { author: 'snapdf demo', creationDate: '2024-12-31' },
    blocks: [
      { type: 'heading', text: 'Summary' },
      { type: 'paragraph', text: 'Sales grew in every region. The table below lists every order of the year; its header repeats on every page.' },
      { type: 'keyValue', items: [{ key: 'Orders', value: 300 }, { key: 'Regions', value: 4 }, { key: 'Currency', value: '€' }] },
      { type: 'bulletList', items: ['North led the year', 'West grew fastest', 'Returns fell by a third'] },
      { type: 'table', columns: ['Date', 'Region', 'Amount', 'Discount %'], rows: rows(300) },
    ],
  },
  'Large table (5,000 rows)': {
    title: 'Every order',
    blocks: [{ type: 'table', columns: ['Date', 'Region', 'Amount', 'Discount %'], rows: rows(5000) }],
  },
  'Deal room (every block kind)': dealRoom,
  'Unicode: Cyrillic and Greek (DejaVu Sans)': {
    ...cyrillic,
    title: 'Квартальный отчёт · Τριμηνιαία αναφορά',
    subtitle: 'Набрано шрифтом DejaVu Sans · Στοιχειοθετημένο με DejaVu Sans',
    blocks: [...cyrillic.blocks, { type: 'pageBreak' }, { type: 'heading', text: greek.title }, ...greek.blocks],
  },
  'Seattle weather (vega-datasets, CSV)': csvToSnapshot(seattleCsv, { title: 'Seattle weather, 2012–2015', subtitle: 'vega-datasets seattle-weather.csv, turned into a table by csvToSnapshot' }),
  'Cars (vega-datasets)': {
    title: 'Cars',
    subtitle: `${cars.length} models from vega-datasets cars.json`,
    blocks: [{
      type: 'table', zebra: true,
      columns: ['Name', 'Origin', 'Year', { header: 'MPG', width: 50 }, { header: 'Cylinders', width: 60 }, { header: 'HP', width: 45 }, { header: 'Weight (lb)', width: 70 }],
      rows: cars.map((c) => [c.Name, c.Origin, c.Year.slice(0, 4), num(c.Miles_per_Gallon), c.Cylinders, num(c.Horsepower), c.Weight_in_lbs]),
    }],
  },
  'Batch: 6 large tables (for a reload mid-way)': Array.from({ length: 6 }, (_, i) => ({
    title: `Batch table ${i + 1}`,
    blocks: [{ type: 'table', columns: ['Date', 'Region', 'Amount', 'Discount %'], rows: rows(4000 + i) }],
  })),
  'With an error': {
    title: 'Broken',
    blocks: [{ type: 'table', columns: ['a', 'b'], rows: [['ok', 1], ['bad', ['not', 'a', 'cell']]] }],
  },
};
