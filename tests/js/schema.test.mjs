// The shipped JSON Schema (schema.json, written from the model's declaration) and the
// engine's validate() agree: every gallery and example snapshot passes both, and on
// mutations of a snapshot that uses every block and field (a value's type changed, an
// unknown field, a misspelt name, a number out of range, a field removed, null, an empty
// string) both accept or both refuse, except where the engine refuses for a rule the
// schema cannot say (src/document/schema.rs, NOT_IN_SCHEMA), named here by its error.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { validate } from 'snapdf';
import { flightsReport, onePage, weatherReport } from '../../examples/snapshots.mjs';
import { runCli } from './helpers.mjs';

const schemaText = readFileSync(new URL('../../schema.json', import.meta.url), 'utf8');
const schema = JSON.parse(schemaText);
const ajv = new Ajv2020({ strict: true, allErrors: false });
const check = ajv.compile(schema);

/** A PNG of 1 x 1 pixel, as base64. */
const PIXEL =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
/** "hello" as base64, and its SHA-256. */
const HELLO = 'aGVsbG8=';
const HELLO_SHA256 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';

/** A snapshot that sets every field of every block at least once. */
const everyField = {
  $schema: './node_modules/snapdf/schema.json',
  title: 'Every field',
  subtitle: 'A subtitle',
  metadata: { author: 'Ann', subject: 'Tests', keywords: ['a', 'b'], creationDate: '2024-05-01T09:30:00+02:00' },
  page: {
    size: 'A4',
    orientation: 'portrait',
    margins: { top: 40, right: 40, bottom: 50, left: 40 },
    header: { left: '{title}', center: 'Header', right: '{date}' },
    footer: 'Page {page} of {pages}',
  },
  font: 'Helvetica',
  blocks: [
    { type: 'heading', level: 2, text: 'Heading', id: 'top', align: 'center' },
    {
      type: 'paragraph',
      text: ['plain ', { text: 'styled', bold: true, italic: true, mono: false, color: '#c0392b', link: '#top' }],
      align: 'justify',
      lineHeight: 1.5,
    },
    { type: 'bulletList', items: ['one', { text: 'two', items: ['two.one'] }] },
    { type: 'numberedList', items: ['first'], start: 3 },
    { type: 'keyValue', items: [{ key: 'Owner', value: 'Ann' }, { key: 'Count', value: 2 }] },
    {
      type: 'table',
      columns: ['A', { header: 'B', align: 'right', width: 120 }, { header: 'C', width: '25%' }],
      rows: [['x', 1.5, true], [null, 2, 'y']],
      totals: ['Sum', 3.5, ''],
      zebra: true,
    },
    { type: 'pageBreak' },
    { type: 'rule' },
    { type: 'spacer', height: 24 },
    {
      type: 'documents',
      items: [
        { name: 'hello.txt', mediaType: 'text/plain', size: 5, sha256: HELLO_SHA256, description: 'A greeting', data: HELLO },
      ],
    },
    { type: 'image', data: PIXEL, width: '50%', caption: 'A pixel', align: 'left' },
    {
      type: 'chart',
      kind: 'bar',
      categories: ['Q1', 'Q2'],
      series: [{ name: 'Sales', values: [3, 5], color: '#0072b2' }],
      horizontal: true,
      stacked: false,
      categoryTitle: 'Quarter',
      valueTitle: 'Units',
      width: '80%',
      height: 180,
      legend: true,
      labels: true,
      caption: 'Sales',
    },
    { type: 'chart', kind: 'line', x: ['2009-01-01', '2009-02-01'], series: [{ name: 'MSFT', values: [19.4, 16.2] }] },
    { type: 'chart', kind: 'scatter', columns: ['hp', 'mpg'], rows: [[130, '18'], [165, null]], x: 'hp', y: ['mpg'] },
  ],
};

/** Whether the engine takes `snapshot`, and its error if not. */
function engine(snapshot) {
  try {
    validate(snapshot);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: /** @type {Error & {code?: string, path?: string}} */ (e) };
  }
}

test('every gallery and example snapshot passes the schema', () => {
  const dir = new URL('../../examples/gallery/', import.meta.url);
  const gallery = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(gallery.length >= 5);
  const examples = {
    onePage: onePage(),
    weatherReport: weatherReport(),
    flightsReport: flightsReport(50),
    everyField,
  };
  for (const f of gallery) examples[f] = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  for (const [name, snapshot] of Object.entries(examples)) {
    assert.ok(check(snapshot), `${name}: ${ajv.errorsText(check.errors)}`);
  }
  assert.ok(engine(everyField).ok, String(engine(everyField).error));
});

/** Every place in `value`: [path, parent, key] for each member and element. */
function* places(value, path = []) {
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    yield [[...path, key], value, key];
    yield* places(value[key], [...path, key]);
  }
}

/** A value of another JSON type than `v`. */
function otherType(v) {
  if (typeof v === 'string') return 7;
  if (typeof v === 'number') return 'seven';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return { x: 1 };
  if (v === null) return 7;
  return 5;
}

/** The mutations of `base`, each [description, snapshot]. */
function* mutations(base) {
  const copy = () => structuredClone(base);
  const at = (snapshot, path) => path.slice(0, -1).reduce((v, k) => v[k], snapshot);
  for (const [path] of places(base)) {
    const key = path[path.length - 1];
    const original = at(base, path)[key];
    const name = path.join('.');
    const set = (label, value) => {
      const s = copy();
      at(s, path)[key] = value;
      return [`${name}: ${label}`, s];
    };
    yield set('another type', otherType(original));
    yield set('null', null);
    if (typeof original === 'string') {
      yield set('misspelt', `${original}x`);
      yield set('empty', '');
    }
    if (typeof original === 'number') {
      yield set('far below', -1e6);
      yield set('far above', 1e6);
      yield set('a fraction', original + 0.5);
    }
    if (!Array.isArray(at(base, path))) {
      const s = copy();
      delete at(s, path)[key];
      yield [`${name}: removed`, s];
    }
    if (original && typeof original === 'object' && !Array.isArray(original)) {
      const s = copy();
      at(s, path)[key].colour = 'red';
      yield [`${name}: an unknown field`, s];
    }
  }
  const s = copy();
  s.colour = 'red';
  yield ['(root): an unknown field', s];
}

/**
 * Refusals for rules the schema cannot say (NOT_IN_SCHEMA in src/document/schema.rs),
 * recognised by the engine's message.
 */
const NOT_IN_SCHEMA = [
  /names no heading|is the id of an earlier heading/, // links to #id, heading ids used twice
  /one per column\)|every column needs one cell|past the last column|leave the table|rows here|which spans rows down|a table needs at least one column/, // every column covered once
  /says \d+ bytes, but `data` holds|does not match `data`/, // size and sha256 against data
  /is neither a PNG nor a JPEG|image without pixels|pixels, more than|fitted to the page would be/, // image data
  /the margins leave less than 72 pt/, // the content box
  /unknown placeholder|for a literal brace/, // header and footer templates
  /is not an ISO 8601 date/, // days past the end of the month
  /no font named|needs `font`|has its monospace parts in Courier/, // fonts that were not supplied
  /a chart needs|values for \d+|is not a number|no column is named|x values|give `|names a column|is (missing|empty)|a pie or donut|name the columns|is a (date|number), but/, // a chart's data
];

test('the schema and validate() agree on every mutation, except the rules the schema cannot say', () => {
  let agreed = 0;
  let explained = 0;
  const unexplained = [];
  for (const [what, snapshot] of mutations(everyField)) {
    const bySchema = check(snapshot);
    const byEngine = engine(snapshot);
    if (bySchema === byEngine.ok) {
      agreed += 1;
    } else if (bySchema && !byEngine.ok && NOT_IN_SCHEMA.some((re) => re.test(byEngine.error.message))) {
      explained += 1;
      if (process.env.SNAPDF_SHOW) console.log(what, byEngine.error.message);
    } else {
      const schemaSays = bySchema ? 'accepts' : `refuses (${ajv.errorsText(check.errors)})`;
      const engineSays = byEngine.ok ? 'accepts' : `refuses (${byEngine.error.message})`;
      unexplained.push(`${what}: the schema ${schemaSays}, the engine ${engineSays}`);
    }
  }
  console.log(`${agreed} mutations agreed, ${explained} refused by the engine for rules the schema cannot say`);
  assert.deepEqual(unexplained, []);
  assert.ok(agreed > 300, `only ${agreed} mutations agreed`);
  assert.ok(explained > 0, 'no mutation met a rule the schema cannot say');
});

test('a misspelt block type is told as one, and a page size in any letter case passes, as the engine reads them', () => {
  const tabel = { title: 'T', blocks: [{ type: 'tabel', columns: ['a'] }] };
  assert.equal(check(tabel), false);
  assert.deepEqual(check.errors?.map((e) => [e.instancePath, e.message]), [['/blocks/0/type', 'must be equal to one of the allowed values']]);
  const heading = { title: 'T', blocks: [{ type: 'heading', text: 'x', size: 3 }] };
  assert.equal(check(heading), false);
  const first = check.errors?.[0];
  assert.deepEqual([first?.instancePath, first?.message, first?.params], ['/blocks/0', 'must NOT have additional properties', { additionalProperty: 'size' }]);
  for (const size of ['letter', 'LETTER', 'a4', 'Legal']) {
    const s = { title: 'T', page: { size } };
    assert.ok(check(s), `${size}: ${ajv.errorsText(check.errors)}`);
    assert.ok(engine(s).ok, size);
  }
  assert.equal(check({ title: 'T', page: { size: 'B5' } }), false);
});

test('a snapshot file may name the schema in "$schema": the engine ignores it, and the key does not change', async () => {
  const { $schema, ...plain } = everyField;
  assert.equal(typeof $schema, 'string');
  assert.ok(engine(everyField).ok);
  const { cacheKey } = await import('snapdf');
  assert.equal(cacheKey(everyField), cacheKey(plain));
});

test('snapdf schema prints the shipped schema', () => {
  const { status, stdout } = runCli(['schema']);
  assert.equal(status, 0);
  assert.equal(stdout, schemaText);
});
