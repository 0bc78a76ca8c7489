// Type-level test: compiled by `tsc --noEmit` (scripts/test.sh); never run.
import { cacheKey, render, type Snapshot, type SnapdfError } from 'snapdf';

const snapshot: Snapshot = {
  title: 'Q3',
  page: { size: 'Letter', margins: { top: 40 } },
  blocks: [
    { type: 'heading', level: 2, text: 'Sales' },
    { type: 'table', columns: ['Region', { header: 'Total', align: 'right' }], rows: [['North', 1200]] },
    { type: 'keyValue', items: [{ key: 'Owner', value: null }] },
  ],
};
const { pdf, pages, key } = render(snapshot, { compression: 1, namespace: 'user-1' });
const sameKey: string = cacheKey(JSON.stringify(snapshot));
export const checks: [Uint8Array, number, boolean] = [pdf, pages, key === sameKey];

export function code(e: unknown): string | undefined {
  return (e as SnapdfError).path ?? (e as SnapdfError).code;
}

// @ts-expect-error: heading levels are 1 to 3
export const bad: Snapshot = { title: 'x', blocks: [{ type: 'heading', level: 4, text: 'x' }] };

// The fleet (Node): a shared Redis store in one option, and a render job.
import { RedisStore, createEngine, enqueueSnapshot, type RedisStoreStats } from 'snapdf';
const shared = new RedisStore({ url: 'redis://127.0.0.1:6379', lockTtlMs: 10_000 });
const fleetEngine = createEngine({ store: shared, workers: 2 });
export const storeState: RedisStoreStats | undefined = fleetEngine.cache.stats().store;
export const jobId: Promise<string> = enqueueSnapshot(snapshot, { url: 'redis://127.0.0.1:6379', namespace: 'acme' });

// Browsers choose the module once: the base one, or the media one for images and fonts.
import { init, type ErrorCode } from 'snapdf';
export const loaded: Promise<void> = init({ media: true });
export const unavailable: ErrorCode = 'MEDIA_UNAVAILABLE';
// @ts-expect-error: `media` is a boolean
export const badInit = init({ media: 'yes' });
// Where a bundler that emits no assets (esbuild) put the modules and the worker (browser types).
import * as browser from '../../js/types/browser.js';
export const located: Promise<void> = browser.init({ baseModule: '/snapdf_base_bg.wasm', mediaModule: '/snapdf_bg.wasm' });
export const workerEngine = browser.createEngine({ workerUrl: '/snapdf-worker.js' });
// @ts-expect-error: `workerUrl` is a URL, not a number
export const badWorker = browser.createEngine({ workerUrl: 3 });
// @ts-expect-error: Node's engine has no worker script
export const nodeWorker = createEngine({ workerUrl: '/snapdf-worker.js' });

// Typed events: a listener gets the event's own type; a misspelt name does not compile.
import { type Task, type TaskManager, type Batch, type SnapshotCache } from 'snapdf';
export function listen(engine: { tasks: TaskManager; cache: SnapshotCache }, task: Task, batch: Batch): void {
  engine.tasks.addEventListener('failed', (e) => console.error(e.detail.error.code, e.detail.task.id));
  engine.tasks.addEventListener('completed', (e) => console.log(e.detail.result.pdf.length));
  engine.tasks.addEventListener('remotefailed', (e) => console.log(e.detail.code, e.detail.message));
  task.addEventListener('progress', (e) => console.log(e.detail.progress, e.detail.stage));
  task.addEventListener('failed', (e) => console.log(e.detail.code));
  task.addEventListener('completed', (e) => console.log(e.detail.source));
  batch.addEventListener('progress', (e) => console.log(e.detail.progress));
  // @ts-expect-error: no such event (misspelt)
  engine.tasks.addEventListener('complete', () => {});
  // @ts-expect-error: no such event on a task
  task.addEventListener('remotecompleted', () => {});
  // @ts-expect-error: a batch's progress carries no stage
  batch.addEventListener('progress', (e) => console.log(e.detail.stage));
  void engine.cache.invalidate({ prefix: 'ab12' });
  void engine.cache.invalidate('all');
  // @ts-expect-error: one selector at a time
  void engine.cache.invalidate({ prefix: 'ab12', namespace: 'user-42' });
}

// The shared types copied from the module's generated declarations are the same types.
import type * as Generated from '../../pkg/snapdf.js';
import type * as Public from 'snapdf';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameTypes: [
  Same<Generated.CacheSettings, Public.CacheSettings>, Same<Generated.EntryInfo, Public.EntryInfo>,
  Same<Generated.LayerStats, Public.LayerStats>, Same<Generated.MetricsSettings, Public.MetricsSettings>,
  Same<Generated.HistogramSummary, Public.HistogramSummary>, Same<Generated.MetricsSummary, Public.MetricsSummary>,
  Same<Generated.MetricsExport, Public.MetricsExport>, Same<Generated.TaskStatus, Public.TaskStatus>,
  Same<Generated.TaskStage, Public.TaskStage>, Same<Generated.TaskRecord, Public.TaskRecord>,
  Same<Generated.TaskSettings, Public.TaskSettings>,
  // The public selector is stricter: every one it takes, the engine takes.
  Public.CacheSelector extends Generated.CacheSelector ? true : false,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

// csvToSnapshot needs no options.
import { csvToSnapshot } from 'snapdf';
export const table: Public.Snapshot = csvToSnapshot('a,b\n1,2\n');
// A subtitle of null is the row count, as a snapshot's null subtitle is absent.
export const untitled: Public.Snapshot = csvToSnapshot('a,b\n1,2\n', { subtitle: null });
// @ts-expect-error: `delimeter` is not an option (it is `delimiter`)
csvToSnapshot('a;b\n1;2\n', { delimeter: ';' });
