// Sample snapshots for the demo app.

const rows = (n) => Array.from({ length: n }, (_, i) => [
  `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  ['North', 'South', 'East', 'West'][i % 4],
  Math.round(1000 + 800 * Math.sin(i)),
  (i * 7) % 100 / 10,
]);

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
  'With an error': {
    title: 'Broken',
    blocks: [{ type: 'table', columns: ['a', 'b'], rows: [['ok', 1], ['bad', { nested: true }]] }],
  },
};
