// Public API of the snapdf package (both the Node and the browser entry points).

/** A cache key: 64 lowercase hexadecimal digits of SHA-256. */
export type CacheKey = string;

/** The input document. Only `title` is required. */
export interface Snapshot {
  /** Printed at the top of page 1 and stored as the PDF title. */
  title: string;
  /** A line under the title. */
  subtitle?: string | null;
  /** Document information (the PDF Info dictionary). */
  metadata?: Metadata;
  /** Paper size and margins; default A4 portrait, 50 pt margins. */
  page?: PageSetup;
  /** The content, in reading order. */
  blocks?: Block[];
}

/** Document information. */
export interface Metadata {
  author?: string | null;
  subject?: string | null;
  keywords?: string[];
  /** ISO 8601: `2024-05-01`, `2024-05-01T09:30:00Z` or with a `+02:00` offset. */
  creationDate?: string | null;
}

/** Paper size and margins, in points (1/72 inch). */
export interface PageSetup {
  size?: 'A4' | 'Letter' | { width: number; height: number };
  orientation?: 'portrait' | 'landscape';
  /** One number for all sides, or per side (a missing side is 50). */
  margins?: number | { top?: number; right?: number; bottom?: number; left?: number };
}

/** One element of the content; `type` picks the kind. */
export type Block = HeadingBlock | ParagraphBlock | BulletListBlock | KeyValueBlock | TableBlock;

export interface HeadingBlock {
  type: 'heading';
  /** 1 (largest) to 3; default 1. */
  level?: 1 | 2 | 3;
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  /** Wrapped to the page width; `\n` breaks the line. */
  text: string;
}

export interface BulletListBlock {
  type: 'bulletList';
  items: string[];
}

export interface KeyValueBlock {
  type: 'keyValue';
  items: { key: string; value: Cell }[];
}

/** A data table: the header row repeats on every page; rows are never cut in half. */
export interface TableBlock {
  type: 'table';
  columns: (string | { header: string; align?: 'left' | 'center' | 'right' })[];
  /** Each row has exactly one cell per column. */
  rows?: Cell[][];
}

/** A table cell: numbers align right by default, null is empty. */
export type Cell = string | number | boolean | null;

/** Rendering options; every field is part of the cache key. */
export interface RenderOptions {
  /** Flate level of content streams, 0 (none) to 10; default 3. */
  compression?: number;
  /** Scopes the cache key (a user or tenant id), so one user's PDF is never served to another. */
  namespace?: string;
}

/** A rendered PDF. */
export interface RenderResult {
  /** The PDF file. */
  pdf: Uint8Array;
  key: CacheKey;
  pages: number;
}

/** Error codes of {@link SnapdfError}. */
export type ErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_SNAPSHOT'
  | 'UNSUPPORTED_CHARACTER'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_OPTIONS'
  | 'INVALID_CSV'
  | 'NOT_INITIALIZED';

/** What every snapdf function throws: an `Error` named "SnapdfError". */
export interface SnapdfError extends Error {
  name: 'SnapdfError';
  code: ErrorCode;
  /** JSON path of the offending value, e.g. `blocks[3].rows[17][2]`, where there is one. */
  path?: string;
  /** 1-based CSV line, for `INVALID_CSV`. */
  line?: number;
}

/** What a snapshot can be given as: an object, JSON text, or UTF-8 JSON bytes. */
export type SnapshotInput = Snapshot | string | Uint8Array;

/**
 * Loads the WebAssembly module. Required once in browsers before anything else;
 * resolves at once under Node, where the module loads on import.
 */
export function init(source?: { module_or_path?: RequestInfo | URL | BufferSource | WebAssembly.Module }): Promise<void>;

/**
 * Validates and renders a snapshot to PDF.
 * @throws {SnapdfError} naming the JSON path of the problem
 * @example
 * const { pdf, pages, key } = render({ title: 'Q3', blocks: [{ type: 'paragraph', text: 'Hi' }] });
 */
export function render(snapshot: SnapshotInput, options?: RenderOptions): RenderResult;

/** The cache key of a snapshot with these options, without rendering. @throws {SnapdfError} */
export function cacheKey(snapshot: SnapshotInput, options?: RenderOptions): CacheKey;

/** Checks a snapshot. @throws {SnapdfError} naming the first problem */
export function validate(snapshot: SnapshotInput): void;

/** The engine's format version, part of every cache key. */
export function formatVersion(): number;

/** Builds an error shaped like the engine's. */
export function snapdfError(code: string, message: string, path?: string): SnapdfError;

/**
 * Turns CSV text (first row = header) into a snapshot with one data table; numeric
 * columns align right. @throws {SnapdfError} `INVALID_CSV` with `line`
 */
export function csvToSnapshot(text: string, options: { title: string; subtitle?: string; delimiter?: string }): Snapshot;

/** Node only: a directory of rendered PDFs named by cache key (the CLI's cache). */
export class DiskCache {
  constructor(dir: string);
  readonly dir: string;
  /** The entry for `key`, or undefined on a miss (an incomplete entry is removed). */
  get(key: CacheKey): { pdf: Uint8Array; pages: number } | undefined;
  /** Stores an entry atomically. */
  put(key: CacheKey, entry: { pdf: Uint8Array; pages: number }): void;
}
