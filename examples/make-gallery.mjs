// Writes the example gallery, examples/gallery/*.json: snapshots that together use every
// block and feature, a Cyrillic and a Greek document set in DejaVu Sans, a Japanese one
// in IPAGothic, the PNG of vega-datasets, SVG drawings (tests/fixtures/svg) and charts of
// vega-datasets tables, and a report in a brand's theme (a logo in its header, a callout box). The files are checked in; run this again
// after changing it: `node examples/make-gallery.mjs`. tests/js/gallery.test.mjs renders
// each one and checks it with qpdf, poppler and pdf.js.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const data = (name) => readFileSync(here(`../node_modules/vega-datasets/data/${name}`));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const csv = Buffer.from('quarter,revenue\nQ1,120\nQ2,135\nQ3,150\n');
const svg = (name) => readFileSync(here(`../tests/fixtures/svg/${name}`), 'utf8');
/** A vega-datasets CSV file as objects (none of the files used has quoted fields). */
const table = (name) => {
  const [head, ...lines] = data(name).toString('utf8').trim().split('\n');
  const keys = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
};

const png = data('7zip.png');

/** A PNG (8-bit RGB) of `width` x `height` pixels whose colour at (x, y) is `color(x, y)`. */
function makePng(width, height, color) {
  const chunk = (type, body) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), body])));
    return Buffer.concat([head, Buffer.from(type), body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push(...color(x, y));
  }
  const idat = deflateSync(Buffer.from(rows), { level: 9 });
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

// The branded report's logo: Northwind's mark, a navy square with a red stripe across its
// lower third and a white diagonal, beside a navy bar (made here, 144 x 48 pixels).
const logo = makePng(144, 48, (x, y) => {
  const [navy, red, white, paper] = [[11, 61, 145], [192, 57, 43], [255, 255, 255], [251, 250, 246]];
  if (x < 48) {
    if (Math.abs(x - (47 - y)) < 3) return white;
    return y >= 32 ? red : navy;
  }
  if (x >= 56 && y >= 18 && y < 30) return navy;
  return paper;
});

// The chart page's data: Seattle's weather 2012-2015 (mean precipitation and
// temperatures by month), the US population in 2000 by age group and sex, stock prices.
const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const weather = table('seattle-weather.csv');
const byMonth = (field) => MONTHS.map((_, m) => {
  const days = weather.filter((d) => Number(d.date.slice(5, 7)) === m + 1);
  return round(days.reduce((s, d) => s + Number(d[field]), 0) / days.length);
});
const kinds = [...new Set(weather.map((d) => d.weather))];
const days = (kind) => weather.filter((d) => d.weather === kind).length;
const population = JSON.parse(data('population.json').toString('utf8')).filter((r) => r.year === 2000);
const ages = [...new Set(population.map((r) => r.age))];
const people = (sex) => ages.map((a) => round(population.find((r) => r.age === a && r.sex === sex).people / 1e6, 2));
const stocks = table('stocks.csv').filter((r) => r.date.endsWith('2009'));
const symbols = ['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT'];
const dates = [...new Set(stocks.map((r) => r.date))];
// All of stocks.csv as a table of dates and one column per symbol (the CSV is long:
// symbol,date,price), ISO dates, null before a symbol's first price.
const allStocks = table('stocks.csv');
const iso = (d) => { const [m, , y] = d.split(' '); return `${y}-${String(MONTHS.indexOf(m) + 1).padStart(2, '0')}-01`; };
const stockDates = [...new Set(allStocks.map((r) => iso(r.date)))].sort();
const price = new Map(allStocks.map((r) => [`${r.symbol} ${iso(r.date)}`, Number(r.price)]));
const stockRows = stockDates.map((d) => [d, ...symbols.map((s) => price.get(`${s} ${d}`) ?? null)]);
// cars.json: horsepower against miles per gallon, a column of miles per gallon per origin.
const cars = JSON.parse(data('cars.json').toString('utf8')).filter((c) => c.Horsepower !== null && c.Miles_per_Gallon !== null);
const origins = ['USA', 'Europe', 'Japan'];
const carRows = cars.map((c) => [c.Horsepower, ...origins.map((o) => (c.Origin === o ? c.Miles_per_Gallon : null))]);

// The row-span page's data: Seattle's weather by year and month (days of rain, mean
// daily precipitation and highest temperature), each year's rows joined by its cell.
const years = [...new Set(weather.map((d) => d.date.slice(0, 4)))];
const monthOf = (year, m) => weather.filter((d) => d.date.startsWith(`${year}-${String(m + 1).padStart(2, '0')}`));
const yearRows = years.flatMap((year) => MONTHS.map((month, m) => {
  const ds = monthOf(year, m);
  const cells = [
    month,
    ds.filter((d) => d.weather === 'rain').length,
    round(ds.reduce((s, d) => s + Number(d.precipitation), 0) / ds.length),
    round(Math.max(...ds.map((d) => Number(d.temp_max)))),
  ];
  return m === 0 ? [{ text: year, rowSpan: 12, verticalAlign: 'middle', bold: true, fill: '#eef3fa' }, ...cells] : cells;
}));

// The invoice's lines: quantity and unit price in cents, so the sums are exact.
const invoiceLines = [
  ['Site survey', 'Survey', 1, 48000],
  ['Structural report', 'Survey', 1, 125000],
  ['Roof repairs, labour', 'Works', 36, 6500],
  ['Roof membrane', 'Works', 120, 1850],
  ['Scaffolding, per week', 'Works', 3, 42000],
];
const euros = (cents) => `€${(cents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
const net = invoiceLines.reduce((s, [, , q, p]) => s + q * p, 0);
const vat = Math.round(net * 0.2);

/** The gallery: file name -> snapshot. */
export const gallery = {
  'invoice.json': {
    title: 'Invoice 2026-0142',
    subtitle: 'Harbour Street Holdings Ltd, 4 Harbour Street',
    metadata: { author: 'Ann Example', subject: 'Invoice', creationDate: '2026-11-30' },
    blocks: [
      { type: 'keyValue', items: [{ key: 'Invoice date', value: '2026-11-30' }, { key: 'Due', value: '2026-12-30' }, { key: 'Reference', value: 'HS-42-A' }] },
      {
        type: 'table',
        columns: ['Item', 'Kind', { header: 'Quantity', align: 'right' }, { header: 'Unit price', align: 'right' }, { header: 'Amount', align: 'right' }],
        header: [[{ text: 'Work done', colSpan: 2 }, { text: 'Charged', colSpan: 3 }]],
        rows: [
          ...invoiceLines.map(([item, kind, q, p]) => [item, kind, q, euros(p), euros(q * p)]),
          [{ text: 'Net', colSpan: 4, align: 'right' }, euros(net)],
          [{ text: 'VAT at 20 %', colSpan: 4, align: 'right' }, euros(vat)],
        ],
        totals: [{ text: 'Total due', colSpan: 4, align: 'right' }, { text: euros(net + vat), fill: '#fff4d6', color: '#7a4b00' }],
        borders: { kind: 'horizontal', color: '#9aa7b4' },
      },
      { type: 'paragraph', text: 'Payment within 30 days to the account on the contract. Thank you.' },
    ],
  },
  'row-spans.json': {
    title: 'Seattle weather by month',
    subtitle: 'Each year\'s twelve months are kept together: a year that does not fit moves to the next page whole',
    blocks: [
      {
        type: 'table',
        columns: ['Year', 'Month', { header: 'Days of rain', align: 'right' }, { header: 'Mean precipitation (mm a day)', align: 'right' }, { header: 'Highest temperature (°C)', align: 'right' }],
        header: [[{ text: '', colSpan: 2 }, { text: 'seattle-weather.csv from vega-datasets', colSpan: 3 }]],
        rows: yearRows,
        borders: 'grid',
      },
    ],
  },
  'every-block.json': {
    title: 'Deal room: Harbour Street',
    subtitle: 'Every block snapdf knows',
    metadata: { author: 'Ann Example', subject: 'Gallery', keywords: ['gallery', 'snapdf'], creationDate: '2026-11-23T09:30:00Z' },
    page: { size: 'A4', header: { left: '{title}', right: '{date}' }, footer: { center: 'Page {page} of {pages}' } },
    blocks: [
      { type: 'heading', level: 1, text: 'Facts', id: 'facts' },
      { type: 'keyValue', items: [{ key: 'Owner', value: 'Ann Example' }, { key: 'Stage', value: 'Due diligence' }, { key: 'Value', value: 2450000 }, { key: 'Signed', value: false }] },
      {
        type: 'paragraph',
        align: 'justify',
        text: [
          'The building is a ', { text: 'four-storey', bold: true }, ' warehouse converted in ', { text: '1998', italic: true },
          '; its reference is ', { text: 'HS-42-A', mono: true }, '. Overdue items are in ', { text: 'red', color: '#c0392b' },
          '. The land registry is at ', { text: 'www.example.com', link: 'https://www.example.com/registry' },
          ' and questions go to ', { text: 'deals@example.com', link: 'mailto:deals@example.com' },
          '. This sentence is long enough that the paragraph wraps over several justified lines. See also ', { text: 'the documents', link: '#documents' }, '.',
        ],
      },
      { type: 'paragraph', align: 'center', text: 'A centred line' },
      { type: 'paragraph', align: 'right', lineHeight: 2, text: 'A right-aligned line, double spaced' },
      { type: 'heading', level: 2, text: 'Open points' },
      { type: 'bulletList', items: ['Survey booked', { text: 'Leases', items: ['Unit 1: renewed', { text: 'Unit 2', items: ['break clause 2027'] }] }, 'Insurance'] },
      { type: 'numberedList', start: 3, items: ['Sign the NDA', { text: 'Review', items: ['title', 'planning'] }, 'Offer'] },
      { type: 'rule' },
      { type: 'heading', level: 2, text: 'Figures' },
      {
        type: 'table',
        zebra: true,
        columns: [{ header: 'Quarter', width: '25%' }, { header: 'Revenue', align: 'right' }, { header: 'Costs', align: 'right' }, { header: 'Note', width: 160 }],
        rows: [['Q1', 120, 80, 'first quarter after the move'], ['Q2', 135, 82, ''], ['Q3', 150, 90, 'new tenant in unit 3'], ['Q4', 160, 95, null]],
        totals: ['Total', 565, 347, null],
      },
      { type: 'spacer', height: 12 },
      { type: 'image', data: png.toString('base64'), width: 48, caption: '7zip.png from vega-datasets' },
      { type: 'pageBreak' },
      { type: 'heading', level: 1, text: 'Documents', id: 'documents' },
      {
        type: 'documents',
        items: [
          { name: 'revenue.csv', mediaType: 'text/csv', description: 'Quarterly revenue', data: csv.toString('base64') },
          { name: 'survey.pdf', mediaType: 'application/pdf', size: 482113, sha256: sha256(Buffer.from('survey')) },
        ],
      },
      { type: 'heading', level: 3, text: 'Notes' },
      { type: 'paragraph', text: 'Back to the [facts] — “quotes”, € and © print in the standard fonts.' },
    ],
  },
  'cyrillic.json': {
    title: 'Квартальный отчёт',
    subtitle: 'Набрано шрифтом DejaVu Sans',
    font: 'DejaVu Sans',
    blocks: [
      { type: 'heading', text: 'Итоги' },
      { type: 'paragraph', align: 'justify', text: ['Съешь же ещё этих мягких французских булок, да выпей чаю. ', { text: 'Выручка выросла', bold: true }, ' во всех регионах, кроме Сибири.'] },
      { type: 'bulletList', items: ['Москва', 'Санкт-Петербург', { text: 'Регионы', items: ['Казань', 'Новосибирск'] }] },
      { type: 'table', columns: ['Город', 'Выручка, млн ₽'], rows: [['Москва', 1250], ['Санкт-Петербург', 830], ['Казань', 210]] },
    ],
  },
  'greek.json': {
    title: 'Τριμηνιαία αναφορά',
    font: 'DejaVu Sans',
    blocks: [
      { type: 'heading', text: 'Σύνοψη' },
      { type: 'paragraph', text: ['Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. ', { text: 'Τα έσοδα αυξήθηκαν', italic: true }, ' σε όλες τις περιοχές.'] },
      { type: 'numberedList', items: ['Αθήνα', 'Θεσσαλονίκη', 'Πάτρα'] },
      { type: 'keyValue', items: [{ key: 'Υπεύθυνος', value: 'Άννα' }, { key: 'Κατάσταση', value: 'Σε εξέλιξη' }] },
    ],
  },
  'cantarell.json': {
    title: 'Raport roczny — Výroční zpráva',
    subtitle: 'Set in Cantarell, a font with CFF (PostScript) outlines',
    font: 'Cantarell',
    blocks: [
      { type: 'heading', text: 'Podsumowanie' },
      { type: 'paragraph', align: 'justify', text: ['Zażółć gęślą jaźń. ', { text: 'Příliš žluťoučký kůň', bold: true }, ' úpěl ďábelské ódy. Árvíztűrő tükörfúrógép.'] },
      { type: 'table', columns: ['Miasto', 'Przychód'], rows: [['Łódź', 1250], ['Brno', 830], ['Győr', 410]] },
    ],
  },
  'japanese.json': {
    title: '四半期報告書',
    font: ['IPAGothic', 'DejaVu Sans'],
    blocks: [
      { type: 'heading', text: '概要' },
      { type: 'paragraph', text: '売上はすべての地域で増加しました。東京の新しい事務所は予定どおり開設されました。' },
      { type: 'heading', level: 2, text: '引用（夏目漱石『吾輩は猫である』、1905年）' },
      { type: 'paragraph', text: '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。この書生というのは時々我々を捕えて煮て食うという話である。しかしその当時は何という考もなかったから別段恐しいとも思わなかった。ただ彼の掌に載せられてスーと持ち上げられた時何だかフワフワした感じがあったばかりである。「掌の上で少し落ちついて書生の顔を見たのがいわゆる人間というものの見始であろう」。' },
      { type: 'table', columns: ['都市', '売上（百万円）'], rows: [['東京', 1250], ['大阪', 830], ['名古屋', 410]] },
    ],
  },
  'world-scripts.json': {
    title: 'World scripts',
    subtitle: 'Arabic, Hebrew, Devanagari and Thai in Noto Sans, shaped and ordered as HarfBuzz would',
    font: ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Sans Devanagari', 'Noto Sans Thai'],
    lang: 'en',
    blocks: [
      { type: 'heading', text: 'العربية' },
      { type: 'paragraph', text: 'ارتفعت المبيعات في جميع المناطق بنسبة 12 في المئة، وافتُتح المكتب الجديد في موعده.' },
      { type: 'heading', text: 'עברית' },
      { type: 'paragraph', text: 'המכירות עלו ב-12% ברבעון השלישי, ובמשרד החדש בחיפה עובדים 45 אנשים.' },
      { type: 'table', dir: 'rtl', columns: ['עיר', 'מכירות'], rows: [['תל אביב', 1250], ['חיפה', 830], ['ירושלים', 410]] },
      { type: 'heading', text: 'हिन्दी' },
      { type: 'paragraph', text: 'सभी क्षेत्रों में बिक्री बढ़ी। नया कार्यालय समय पर खुला।' },
      { type: 'heading', text: 'ไทย' },
      { type: 'paragraph', text: 'ยอดขายเพิ่มขึ้นในทุกภูมิภาค สำนักงานใหม่เปิดตามกำหนด' },
      { type: 'heading', text: 'English, justified and hyphenated' },
      { type: 'paragraph', align: 'justify', text: 'Justified paragraphs in the document\'s language are hyphenated with the Knuth-Liang patterns of TeX, so that a narrow column keeps its spacing even: internationalization, responsibilities and characteristically are broken between syllables where a line would otherwise stretch its spaces.' },
    ],
  },
  'svg.json': {
    title: 'Drawings',
    subtitle: 'SVG blocks, drawn as vector paths',
    blocks: [
      { type: 'paragraph', text: 'Both drawings below are SVG markup in the snapshot, drawn as PDF paths: zoom in and the edges stay sharp.' },
      { type: 'svg', svg: svg('shapes.svg'), width: 360, caption: 'Shapes, curves, dashes, an even-odd fill, a rotated square and a half-transparent group' },
      { type: 'svg', svg: svg('paint.svg'), width: '60%', caption: 'Linear and radial gradients, a circular clip path and reused tiles' },
    ],
  },
  'charts.json': {
    title: 'Charts from data',
    subtitle: 'vega-datasets tables, drawn by snapdf as vector paths with real text',
    blocks: [
      { type: 'heading', level: 2, text: 'Seattle, 2012 to 2015' },
      { type: 'chart', categories: MONTHS, series: [{ name: 'Precipitation (mm a day)', values: byMonth('precipitation') }], valueTitle: 'mm', labels: true, height: 180, caption: 'Mean daily precipitation by month' },
      { type: 'chart', kind: 'donut', categories: kinds, series: [{ name: 'Days', values: kinds.map(days) }], labels: true, height: 170, caption: 'Days by weather, 2012 to 2015' },
      { type: 'chart', kind: 'line', categories: MONTHS, series: [{ name: 'Highest', values: byMonth('temp_max') }, { name: 'Lowest', values: byMonth('temp_min') }], valueTitle: '°C', height: 180, caption: 'Mean daily temperatures by month' },
      { type: 'heading', level: 2, text: 'United States, 2000 census' },
      { type: 'chart', categories: ages.map((a) => (a === 90 ? '90+' : `${a}-${a + 4}`)), series: [{ name: 'Men', values: people(1) }, { name: 'Women', values: people(2) }], stacked: true, valueTitle: 'millions', categoryTitle: 'Age group', height: 200, caption: 'People by age group and sex, stacked' },
      { type: 'chart', kind: 'bar', horizontal: true, categories: ages.slice(0, 10).map((a) => `${a}-${a + 4}`), series: [{ name: 'Men', values: people(1).slice(0, 10) }, { name: 'Women', values: people(2).slice(0, 10) }], valueTitle: 'millions', height: 220, caption: 'The young, side by side' },
      { type: 'heading', level: 2, text: 'Stock prices in 2009' },
      { type: 'chart', kind: 'area', stacked: true, categories: dates.map((d) => d.slice(0, 3)), series: symbols.map((s) => ({ name: s, values: dates.map((d) => Number(stocks.find((r) => r.symbol === s && r.date === d).price)) })), valueTitle: 'US dollars, stacked', height: 200, caption: 'Monthly prices, stacked' },
      { type: 'heading', level: 2, text: 'Stock prices, 2000 to 2010' },
      { type: 'chart', kind: 'line', columns: ['date', ...symbols], rows: stockRows, x: 'date', valueTitle: 'US dollars', height: 220, caption: 'Monthly prices on a time axis, from rows with a column per symbol (GOOG from 2004)' },
      { type: 'heading', level: 2, text: 'Cars of 1970 to 1982' },
      { type: 'chart', kind: 'scatter', columns: ['Horsepower', ...origins], rows: carRows, x: 'Horsepower', categoryTitle: 'Horsepower', valueTitle: 'Miles per gallon', height: 240, caption: `${cars.length} cars by origin (vega-datasets cars.json)` },
    ],
  },
  'qr.json': {
    title: 'Deal room: Harbour Street',
    subtitle: 'Printed snapshot',
    blocks: [
      { type: 'paragraph', text: 'This page is a snapshot. The live room has the latest documents and the discussion; scan the code or click it.' },
      { type: 'qr', data: 'https://example.com/rooms/harbour-street?from=pdf', caption: 'The live room', size: 144 },
      { type: 'keyValue', items: [{ key: 'Room', value: 'HS-42-A' }, { key: 'Printed by', value: 'Dana Ortiz' }] },
      { type: 'qr', data: 'HS-42-A', level: 'H', size: 72, align: 'left', caption: 'Room code (level H)' },
    ],
  },
  'branded.json': {
    title: 'Harbour Street: quarterly review',
    subtitle: 'Northwind Property Partners',
    metadata: { author: 'Dana Ortiz', creationDate: '2026-11-30' },
    page: { header: { left: { image: logo.toString('base64'), height: 24 }, center: 'Northwind Property Partners', right: '{date}', rule: true }, footer: { left: '{title}', right: 'Page {page} of {pages}', rule: true }, watermark: { text: 'CONFIDENTIAL', opacity: 0.08 } },
    theme: {
      title: { size: 24, color: '#0b3d91' },
      subtitle: { color: '#c0392b', bold: true },
      heading1: { size: 16, color: '#0b3d91', spaceBefore: 16 },
      heading2: { color: '#0b3d91' },
      body: { size: 10.5, color: '#2b2b2b', lineHeight: 1.5, align: 'justify' },
      list: { align: 'left' },
      caption: { color: '#0b3d91', italic: false, size: 8 },
      header: { color: '#0b3d91', bold: true },
      footer: { color: '#6b7b8c' },
      background: '#fbfaf6',
      accent: '#c0392b',
      palette: ['#0b3d91', '#c0392b', '#7f8c8d'],
    },
    styles: {
      lead: { size: 12.5, lineHeight: 1.45, color: '#0b3d91', align: 'left', spaceAfter: 12 },
      note: { italic: true, size: 8.5, color: '#6b7b8c' },
      alert: { bold: true, color: '#c0392b' },
    },
    blocks: [
      { type: 'paragraph', style: 'lead', text: 'Occupancy rose for the third quarter running, and the roof works finished on budget. One lease needs a decision before the end of the year.' },
      { type: 'heading', level: 1, text: 'Highlights' },
      { type: 'bulletList', items: ['Occupancy 94 %, up from 89 % in the second quarter', 'Roof and solar works signed off on 14 November', ['Lease of unit 4: ', { text: 'decision due 15 December', style: 'alert' }]] },
      { type: 'heading', level: 1, text: 'Income' },
      { type: 'paragraph', text: 'Rental income grew with occupancy; service charges were flat. The chart shows income by quarter for the three largest tenants, in thousands of euros.' },
      { type: 'chart', categories: ['Q1', 'Q2', 'Q3', 'Q4'], series: [{ name: 'Atlas Logistics', values: [182, 185, 191, 196] }, { name: 'Beacon Studios', values: [96, 104, 118, 121] }, { name: 'Cobalt Foods', values: [71, 71, 74, 80] }], valueTitle: 'EUR thousands', height: 190, caption: 'Rental income by tenant and quarter' },
      { type: 'paragraph', style: 'note', text: 'Figures are unaudited and exclude VAT. Q4 is a forecast.' },
      {
        type: 'box',
        fill: '#eef3fa',
        border: { width: [0, 0, 0, 4], color: '#c0392b' },
        padding: [10, 12, 10, 14],
        keepTogether: true,
        blocks: [
          { type: 'heading', level: 3, text: 'Decision needed: unit 4' },
          { type: 'paragraph', text: ['Cobalt Foods asks to extend its lease by five years at the current rent. Renewing keeps occupancy at 94 %; ', { text: 'the board decides by 15 December', style: 'alert' }, '.'] },
        ],
      },
      { type: 'rule' },
      { type: 'heading', level: 2, text: 'Next steps' },
      { type: 'numberedList', items: ['Board decision on the lease of unit 4', 'Tender for the lift replacement', 'Annual valuation in January'] },
      { type: 'pageBreak' },
      { type: 'heading', level: 1, text: 'Appendix: leases' },
      { type: 'paragraph', text: 'The leases of the three largest tenants, with the rent of the last full year.' },
      {
        type: 'table',
        columns: ['Tenant', 'Unit', 'Lease ends', { header: 'Rent (EUR)', align: 'right' }],
        rows: [['Atlas Logistics', '1 and 2', '2031-06-30', '754,000'], ['Beacon Studios', '3', '2028-03-31', '439,000'], ['Cobalt Foods', '4', '2026-12-31', '296,000']],
        totals: ['Total', '', '', '1,489,000'],
      },
    ],
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, snapshot] of Object.entries(gallery)) {
    writeFileSync(here(`gallery/${name}`), `${JSON.stringify(snapshot, null, 1)}\n`);
    console.log(`examples/gallery/${name}`);
  }
}
