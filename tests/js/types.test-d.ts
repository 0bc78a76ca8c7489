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
// Where a bundler that emits no assets (esbuild) put the modules and the worker.
export const located: Promise<void> = init({ baseModule: '/snapdf_base_bg.wasm', mediaModule: '/snapdf_bg.wasm' });
export const workerEngine = createEngine({ workerUrl: '/snapdf-worker.js' });
// @ts-expect-error: `workerUrl` is a URL, not a number
export const badWorker = createEngine({ workerUrl: 3 });
