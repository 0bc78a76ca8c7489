// The snapshot's types, written from snapdf's model declaration (src/document/model.rs)
// by `SNAPDF_BLESS=1 cargo test --test schema`; do not edit by hand.

/**
 * A snapshot: the whole input document.
 *
 * JSON shape (camelCase keys; only `title` is required):
 *
 * ```json
 * { "title": "Q3 review", "subtitle": "Sales", "metadata": { "author": "Ann" },
 * "page": { "size": "A4", "margins": 50 },
 * "blocks": [ { "type": "paragraph", "text": "Hello" } ] }
 * ```
 */
export interface Snapshot {
  /**
   * The report title, printed at the top of the first page and stored as the PDF document title. Not blank.
   */
  title: string;
  /**
   * A line under the title.
   */
  subtitle?: string | null;
  /**
   * Document information (the PDF Info dictionary).
   */
  metadata?: Metadata;
  /**
   * Paper size, orientation, margins and the running header and footer. Default A4 portrait with 50 pt margins, no header, and the footer `Page {page} of {pages}`.
   */
  page?: Page;
  /**
   * The supplied fonts the text is set in, as a fallback chain (`"font": "DejaVu Sans"` or `["DejaVu Sans", "Noto Sans CJK"]`): each character comes from the first font that has it. Or a standard family, alone: `"Helvetica"` (the default) or `"Times"` (any letter case), with Courier for `mono` runs (Latin-1 only; nothing embedded). Not given, or `[]`: Helvetica.
   */
  font?: FontChain;
  /**
   * The font or chain for `mono` runs; default `font`'s. Needs `font`.
   */
  monoFont?: FontChain;
  /**
   * The content, in reading order.
   */
  blocks?: Block[];
  /**
   * The look of the report: how each role's text is set (the title, headings, body text, lists, captions, the header and footer), the page colour and the colours of charts. What it leaves out keeps snapdf's own look.
   */
  theme?: Theme;
  /**
   * Named styles, `{"note": {"italic": true, "color": "#555555"}}`, that a heading, paragraph, list or run takes with `"style": "note"`. Names are 1 to 64 letters, digits, `-` or `_`.
   */
  styles?: NamedStyles;
  /**
   * The direction the document's text runs: `"rtl"` sets every paragraph right to left, aligns it right and mirrors tables (first column on the right) and lists (markers on the right). Not given: each paragraph takes the direction of its first letter of a strong direction (UAX #9, rules P2 and P3).
   */
  dir?: Direction | null;
  /**
   * The document's language, a BCP 47 tag such as `en`, `de-CH` or `ar`: the PDF's `/Lang` (for screen readers), and the language justified text is hyphenated in.
   */
  lang?: string | null;
}

/**
 * Document information, written to the PDF Info dictionary (PDF 32000-1:2008, 14.3.3).
 */
export interface Metadata {
  /**
   * `/Author`.
   */
  author?: string | null;
  /**
   * `/Subject`.
   */
  subject?: string | null;
  /**
   * `/Keywords`, written joined by ", ".
   */
  keywords?: string[];
  /**
   * `/CreationDate`, as ISO 8601 text: `2024-05-01`, `2024-05-01T09:30:00Z` or `2024-05-01T09:30:00+02:00`. snapdf never reads a clock, so without it the PDF has no creation date.
   */
  creationDate?: string | null;
}

/**
 * The JSON `page` object: paper size, orientation, margins, and the running header and footer.
 */
export interface Page {
  /**
   * `"A3"`, `"A4"`, `"A5"`, `"Letter"`, `"Legal"` (in any letter case), or `{"width": points, "height": points}`, each side 72 to 14,400 points. Default A4.
   *
   * @default "A4"
   */
  size?: PageSize;
  /**
   * Named sizes are portrait unless `"landscape"`; a size given in points is as given unless an orientation is. `"auto"`: portrait, unless a table's columns need more width than portrait gives (numbers and header words unbroken); then landscape.
   */
  orientation?: Orientation | null;
  /**
   * Space kept free at each edge: one number of points for all sides, or `{"top", "right", "bottom", "left"}` (a side not given is 50). Default 50.
   */
  margins?: Margins | null;
  /**
   * The running header, in the top margin of every page. Default none.
   */
  header?: Band | null;
  /**
   * The running footer, in the bottom margin of every page. Default `Page {page} of {pages}`, centred.
   *
   * @default "Page {page} of {pages}"
   */
  footer?: Band | null;
  /**
   * A line of text across every page (or the first), such as `"CONFIDENTIAL"`, turned along the diagonal, faint, behind the content. Default none.
   */
  watermark?: Watermark | null;
  /**
   * How `{page}` and `{pages}` are written: `"decimal"` (1, 2, 3; the default), `"lowerRoman"` (i, ii, iii), `"upperRoman"` (I, II, III), `"lowerAlpha"` (a, b, c) or `"upperAlpha"`. Roman numerals go to 3,999; a larger number is written in decimal.
   */
  numbering?: Numbering;
  /**
   * The header of the first page instead of `header` (`{}` for none there, as on a cover). Default: `header`.
   */
  firstHeader?: Band | null;
  /**
   * The footer of the first page instead of `footer`. Default: `footer`.
   */
  firstFooter?: Band | null;
}

/**
 * A named paper size (ISO 216 A3 to A5, US Letter and Legal) or a size in points.
 */
export type PageSize = 'A3' | 'A4' | 'A5' | 'Letter' | 'Legal' | 'a3' | 'a4' | 'a5' | 'letter' | 'legal' | 'LETTER' | 'LEGAL' | { width: number; height: number };

/**
 * Which way up the page is.
 */
export type Orientation = 'portrait' | 'landscape' | 'auto';

/**
 * Margins in points: one number for all sides, or per side (a side not given or null is 50).
 */
export type Margins = number | { top?: number | null; right?: number | null; bottom?: number | null; left?: number | null };

/**
 * A running header or footer: up to three pieces, at the left edge, the centre and the right edge of the content width, each text or an image (a logo); a string is the centre piece.
 *
 * The text may hold the placeholders `{page}` (this page's number), `{pages}` (the number of pages), `{title}` and `{date}` (the date part of `metadata.creationDate`, empty without one); `{{` and `}}` print a brace.
 */
export type Band = Slot | {
  /**
   * Text flush with the left margin, or an image there.
   */
  left?: Slot | null;
  /**
   * Text centred on the content width, or an image there.
   */
  center?: Slot | null;
  /**
   * Text flush with the right margin, or an image there.
   */
  right?: Slot | null;
  /**
   * A thin rule across the content width under the header (over the footer), in the theme's `accent` colour.
   *
   * @default false
   */
  rule?: boolean;
};

/**
 * A piece of a header or footer: text (with `{page}`, `{pages}`, `{title}`, `{date}`), or an image `{"image": base64, "height": points}`.
 */
export type Slot = string | Logo;

/**
 * An image in a header or footer (a logo), as tall as asked, as wide as its aspect ratio makes it, centred vertically in the margin.
 */
export interface Logo {
  /**
   * The PNG or JPEG file, as base64 (RFC 4648), as an image block's `data`.
   */
  image: Base64;
  /**
   * The height in points, 1 to 400; never more than the margin it is in. Default 24.
   *
   * @default 24
   */
  height?: number;
}

/**
 * Bytes as base64 (RFC 4648, section 4), with or without `=` padding.
 */
export type Base64 = string;

/**
 * A watermark: one line of text across the page, centred, in the bold of the document's font. A string is its text. In the PDF it is marked as an artifact (PDF 32000-1:2008, 14.8.2.2), so readers that tell content from page furniture leave it out of the reading order.
 */
export type Watermark = string | {
  /**
   * The text, on one line. Not blank.
   */
  text: string;
  /**
   * Its colour, `#rrggbb` or `#rgb`; default the theme's `accent`, else mid grey.
   */
  color?: Color | null;
  /**
   * How opaque it is, 0 (invisible) to 1; default 0.15.
   *
   * @default 0.15
   */
  opacity?: number;
  /**
   * The font size in points, 0.5 to 400; default as large as spans 70 % of the page's diagonal.
   */
  size?: number | null;
  /**
   * The angle in degrees, counter-clockwise from the page's horizontal, -360 to 360; default the diagonal from the lower left to the upper right corner.
   */
  angle?: number | null;
  /**
   * Painted over the content; default behind it.
   *
   * @default false
   */
  over?: boolean;
  /**
   * Only on the first page; default every page.
   *
   * @default false
   */
  firstPageOnly?: boolean;
};

/**
 * An sRGB colour, "#rrggbb" or "#rgb" (CSS Color Module Level 4, 5.2).
 */
export type Color = `#${string}`;

/**
 * How page and list numbers are written (CSS Counter Styles Level 3, 6.1 and 6.2: `decimal`, `lower-alpha`, `upper-alpha`, `lower-roman`, `upper-roman`).
 */
export type Numbering = 'decimal' | 'lowerAlpha' | 'upperAlpha' | 'lowerRoman' | 'upperRoman';

/**
 * A font name, or a fallback chain of names (each character from the first font that has it).
 */
export type FontChain = string | string[];

/**
 * One element of the content, in reading order; `type` picks the kind.
 */
export type Block =
  | HeadingBlock
  | ParagraphBlock
  | BulletListBlock
  | KeyValueBlock
  | TableBlock
  | NumberedListBlock
  | PageBreakBlock
  | RuleBlock
  | SpacerBlock
  | DocumentsBlock
  | ImageBlock
  | QrBlock
  | SvgBlock
  | ChartBlock
  | BoxBlock;

/**
 * A section heading: `{"type": "heading", "level": 1, "text": "…"}`.
 */
export interface HeadingBlock {
  type: 'heading';
  /**
   * 1 (largest) to 3.
   *
   * @default 1
   */
  level?: 1 | 2 | 3;
  /**
   * The heading text.
   */
  text: string;
  /**
   * A name for links to this heading (`{"link": "#id"}`), unique in the snapshot.
   */
  id?: string | null;
  /**
   * Horizontal alignment; default `start`: left, or right in a paragraph that runs right to left.
   */
  align?: TextAlign | null;
  /**
   * A named style (a key of `styles`), over the theme's heading style.
   */
  style?: string | null;
  /**
   * The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
   */
  dir?: Direction | null;
}

/**
 * A paragraph of body text: `{"type": "paragraph", "text": "…"}`.
 */
export interface ParagraphBlock {
  type: 'paragraph';
  /**
   * The text: a string or runs, wrapped to the content width; spaces at a line break are dropped, `\n` breaks the line.
   */
  text: Text;
  /**
   * Horizontal alignment; default `start`: left, or right in a paragraph that runs right to left.
   */
  align?: TextAlign | null;
  /**
   * The distance between baselines as a multiple of the font size, 0.8 to 4; default 1.4.
   */
  lineHeight?: number | null;
  /**
   * A named style (a key of `styles`), over the theme's `body`.
   */
  style?: string | null;
  /**
   * The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
   */
  dir?: Direction | null;
}

/**
 * A list marked with bullets: `{"type": "bulletList", "items": ["…", "…"]}`.
 */
export interface BulletListBlock {
  type: 'bulletList';
  /**
   * The items, in order; an item may hold a nested list.
   */
  items: ListItem[];
  /**
   * A named style (a key of `styles`), over the theme's `list`, for every item.
   */
  style?: string | null;
  /**
   * The bullet, at every depth: `"disc"` (•), `"circle"` (◦), `"square"` (▪) or `"dash"` (–); default •, – and · by depth.
   */
  marker?: BulletMarker | null;
  /**
   * The colour of the bullets, `#rrggbb` or `#rgb`; default the items' text colour.
   */
  markerColor?: Color | null;
  /**
   * The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
   */
  dir?: Direction | null;
}

/**
 * Labelled values: `{"type": "keyValue", "items": [{"key": "Owner", "value": "Ann"}]}`.
 */
export interface KeyValueBlock {
  type: 'keyValue';
  /**
   * The rows, in order.
   */
  items: KeyValueItem[];
  /**
   * The direction its text runs, `"rtl"` or `"ltr"` (default the document's): a right-to-left key/value block has its keys on the right.
   */
  dir?: Direction | null;
}

/**
 * A data table: `{"type": "table", "columns": ["A", "B"], "rows": [[1, "x"]]}`.
 */
export interface TableBlock {
  type: 'table';
  /**
   * The columns, at least one: each a header string, or the header with the column's alignment and width.
   */
  columns: Column[];
  /**
   * The rows; each covers every column once, with its cells' spans and the row spans from above.
   */
  rows?: TableCell[][];
  /**
   * A totals row after the last row, in bold under a heavier rule; it covers every column once (cells may span columns, not rows).
   */
  totals?: TableCell[] | null;
  /**
   * Shade every other row.
   *
   * @default false
   */
  zebra?: boolean;
  /**
   * Header rows above the columns' headers, such as a group header spanning the columns under it: `[["", {"text": "2024", "colSpan": 2}]]`. Each covers every column once; row spans stay within these rows. Centred in bold on the header background, repeated on every page.
   */
  header?: TableCell[][];
  /**
   * The lines between and around cells; default thin grey rules under each row.
   */
  borders?: Borders | null;
  /**
   * The direction its text runs, `"rtl"` or `"ltr"` (default the document's): a right-to-left table is mirrored, its first column on the right.
   */
  dir?: Direction | null;
}

/**
 * A numbered list: `{"type": "numberedList", "items": ["…"], "start": 1}`.
 */
export interface NumberedListBlock {
  type: 'numberedList';
  /**
   * The items, in order; an item may hold a nested list, numbered from 1.
   */
  items: ListItem[];
  /**
   * The number of the first item.
   *
   * @default 1
   */
  start?: number;
  /**
   * A named style (a key of `styles`), over the theme's `list`, for every item.
   */
  style?: string | null;
  /**
   * How the items are numbered, at every depth: `"decimal"` (1. 2. 3.; the default), `"lowerAlpha"` (a. b. … z. aa.), `"upperAlpha"`, `"lowerRoman"` (i. ii. iii.) or `"upperRoman"`.
   */
  marker?: Numbering | null;
  /**
   * The colour of the numbers, `#rrggbb` or `#rgb`; default the items' text colour.
   */
  markerColor?: Color | null;
  /**
   * The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
   */
  dir?: Direction | null;
}

/**
 * What follows starts on a new page: `{"type": "pageBreak"}`.
 */
export interface PageBreakBlock {
  type: 'pageBreak';
}

/**
 * A horizontal line across the content width: `{"type": "rule"}`.
 */
export interface RuleBlock {
  type: 'rule';
}

/**
 * Empty vertical space: `{"type": "spacer", "height": 24}`.
 */
export interface SpacerBlock {
  type: 'spacer';
  /**
   * The height in points, 0 to 1,000.
   *
   * @default 12
   */
  height?: number;
}

/**
 * Attached documents, listed with name, media type, size and SHA-256; those with `data` are embedded as PDF file attachments.
 */
export interface DocumentsBlock {
  type: 'documents';
  /**
   * The documents, in order.
   */
  items: DocumentItem[];
  /**
   * The direction its text runs, `"rtl"` or `"ltr"` (default the document's): a right-to-left list of documents is mirrored, its first column on the right.
   */
  dir?: Direction | null;
}

/**
 * A PNG or JPEG image with an optional caption: `{"type": "image", "data": "<base64>", "width": 200}`.
 */
export interface ImageBlock {
  type: 'image';
  /**
   * The PNG or JPEG file, as base64 (RFC 4648).
   */
  data: Base64;
  /**
   * The width on the page: points, or a percentage of the content width (`"50%"`). Default (or `"auto"`): the image's own size (its stated resolution, else 96 pixels per inch), never wider than the content width or taller than the content height.
   */
  width?: Width | null;
  /**
   * Text under the image, centred, in italic.
   */
  caption?: string | null;
  /**
   * Horizontal placement; default centred.
   */
  align?: Align | null;
}

/**
 * A QR code, drawn as vector shapes: `{"type": "qr", "data": "https://example.com/r/42"}`.
 */
export interface QrBlock {
  type: 'qr';
  /**
   * The text to encode: ASCII as the densest mix of QR modes, other text as UTF-8 bytes marked as UTF-8 (ECI 26): at most 2,953 bytes at level `L`, 2,331 at `M`, 1,663 at `Q` and 1,273 at `H` (ISO/IEC 18004, table 7, version 40).
   */
  data: string;
  /**
   * The side of the square in points, quiet zone included, 36 to 14,400; never more than the content width or height. Default 96 (1 1/3 inch).
   *
   * @default 96
   */
  size?: number;
  /**
   * Error correction: `"L"` (7 % of the code may be lost), `"M"` (15 %), `"Q"` (25 %) or `"H"` (30 %). Default `"M"`.
   */
  level?: QrLevel;
  /**
   * Text under the code, centred, in italic.
   */
  caption?: string | null;
  /**
   * Horizontal placement; default centred.
   */
  align?: Align | null;
}

/**
 * An SVG drawing, drawn as vector shapes: `{"type": "svg", "svg": "<svg …>…</svg>"}`.
 */
export interface SvgBlock {
  type: 'svg';
  /**
   * The SVG markup: an `<svg>` element, sized by its `width` and `height` or its `viewBox` (with neither, 100 x 100 pixels); at most 100,000 XML nodes, 50,000 elements with every `<use>` expanded, nested at most 64 deep.
   */
  svg: string;
  /**
   * The width on the page: points, or a percentage of the content width (`"50%"`). Default (or `"auto"`): the drawing's own size (1 SVG pixel is 0.75 point, CSS's 96 pixels per inch), never wider than the content width or taller than the content height.
   */
  width?: Width | null;
  /**
   * Text under the drawing, centred, in italic.
   */
  caption?: string | null;
  /**
   * Horizontal placement; default centred.
   */
  align?: Align | null;
}

/**
 * A chart drawn from data: `{"type": "chart", "categories": ["Q1", "Q2"], "series": [{"name": "Sales", "values": [3, 5]}]}`.
 */
export interface ChartBlock {
  type: 'chart';
  /**
   * `"bar"` (the default), `"line"`, `"area"`, `"scatter"`, `"pie"` or `"donut"`.
   */
  kind?: ChartKind;
  /**
   * The labels along the category axis, in order; every series has one value for each. Not given with `x` or `rows`.
   */
  categories?: string[];
  /**
   * The data series, at least one, unless the data is `rows`.
   */
  series?: Series[];
  /**
   * Bars run from a vertical category axis to the right (bar charts only).
   *
   * @default false
   */
  horizontal?: boolean;
  /**
   * A category's bars stack (positive values upwards, negative ones downwards) instead of standing side by side; areas stack as running sums instead of overlapping.
   *
   * @default false
   */
  stacked?: boolean;
  /**
   * The title of the category axis (or x axis), under its labels.
   */
  categoryTitle?: string | null;
  /**
   * The title of the value axis, over its labels.
   */
  valueTitle?: string | null;
  /**
   * The chart's width: points, or a percentage of the content width (`"50%"`); default the content width.
   */
  width?: Width | null;
  /**
   * The chart's height in points, legend and axis labels included, 72 to 14,400; never more than the content height. Default 216 (3 inches).
   *
   * @default 216
   */
  height?: number;
  /**
   * Show the legend (the series' names and colours). Default: when there is more than one series.
   */
  legend?: boolean | null;
  /**
   * Print each value by its bar or point (not by a scatter's dots).
   *
   * @default false
   */
  labels?: boolean;
  /**
   * Text under the chart, centred, in italic.
   */
  caption?: string | null;
  /**
   * Line, area and scatter charts: the x values, one for each value of every series, all numbers (a numeric axis) or all ISO 8601 dates and times (a time axis, UTC): `"2009"` is a number; `"2009-03"`, `"2009-03-05"`, `"2009-03-05T14:00"` and `"2009-03-05T14:00:30Z"` (or with `+01:00`) are times. With `rows`: the name of the column that holds them (for bars and pies, the categories).
   */
  x?: ChartX | null;
  /**
   * With `rows`: the names of the columns plotted, each a series named after its column. Default: every column but `x`.
   */
  y?: string[];
  /**
   * The names of the columns of `rows`, as a table's headers are (a CSV's header line).
   */
  columns?: string[];
  /**
   * The data as rows of cells, one per column, as in a table: numbers, or text that is a number (`"19.4"`, as a CSV cell is); in the `x` column also dates, or any text for categories. `null` is a missing value: a gap in a line or area, no point in a scatter, no bar.
   */
  rows?: Cell[][];
}

/**
 * A box (a callout): blocks set inside a padding, on a fill, within a border: `{"type": "box", "blocks": [ … ], "fill": "#eeeeff", "border": {"width": 1}}`.
 */
export interface BoxBlock {
  type: 'box';
  /**
   * The blocks inside, in reading order.
   */
  blocks?: Block[];
  /**
   * The background colour, `#rrggbb` or `#rgb`; default none.
   */
  fill?: Color | null;
  /**
   * The border; default none.
   */
  border?: BoxBorder | null;
  /**
   * The radius of the corners in points, 0 to 100; default 0 (square).
   */
  radius?: number | null;
  /**
   * The space between the border and the blocks inside, in points: one number for every side, or `[top, right, bottom, left]`, each 0 to 1,000. Default 8 on every side for a box with a fill or a border, else 0.
   */
  padding?: Edges;
  /**
   * Keep the box on one page: one that does not fit below what comes before starts the next page (a box taller than a page still goes on over the break).
   *
   * @default false
   */
  keepTogether?: boolean;
  /**
   * The direction the text inside runs, `"rtl"` or `"ltr"`, for every block in it that does not give its own; default the document's.
   */
  dir?: Direction | null;
}

/**
 * Horizontal alignment of a paragraph or heading.
 */
export type TextAlign = 'left' | 'center' | 'right' | 'justify' | 'start' | 'end';

/**
 * The direction text runs in (UAX #9's paragraph embedding level; HTML's `dir`).
 */
export type Direction = 'ltr' | 'rtl';

/**
 * A string, or runs (each a string or a styled piece of text) set one after the other.
 */
export type Text = string | Run[];

/**
 * A piece of text in one style; a string is a run in the block's own style.
 */
export type Run = string | {
  /**
   * The text.
   */
  text: string;
  /**
   * Set in the bold face.
   *
   * @default false
   */
  bold?: boolean;
  /**
   * Set in the italic (oblique) face.
   *
   * @default false
   */
  italic?: boolean;
  /**
   * Set in the monospace font (Courier, or `monoFont`).
   *
   * @default false
   */
  mono?: boolean;
  /**
   * Text colour, `#rrggbb` or `#rgb`; default the block's (links default to blue).
   */
  color?: Color | null;
  /**
   * A link: an `http:`, `https:` or `mailto:` URL, or `#id` for the heading with that `id`; nothing else is accepted.
   */
  link?: string | null;
  /**
   * A named style (a key of `styles`): its `bold`, `italic` and `color`, under the run's own.
   */
  style?: string | null;
};

/**
 * One list item: its text, and optionally a nested list of the same kind. A string or runs is an item without a nested list.
 */
export type ListItem = Text | {
  /**
   * The item's text.
   */
  text: Text;
  /**
   * Nested items, indented one level further.
   */
  items?: ListItem[];
};

/**
 * A bullet list's marker (CSS Lists Level 3 `list-style-type`: `disc`, `circle`, `square`; and a dash).
 */
export type BulletMarker = 'disc' | 'circle' | 'square' | 'dash';

/**
 * One row of a key/value block.
 */
export interface KeyValueItem {
  /**
   * The label, printed in bold.
   */
  key: string;
  /**
   * The value: a string, number, boolean or null.
   */
  value: Cell;
}

/**
 * A cell: a string, a number (aligned right by default, printed as JavaScript prints it), a boolean, or null (empty).
 */
export type Cell = string | number | boolean | null;

/**
 * A data table column: its header, alignment and width. A string is the header.
 */
export type Column = string | {
  /**
   * The header text.
   */
  header: string;
  /**
   * Horizontal alignment of the column's cells; default: numbers right, anything else left (mirrored in a right-to-left table: text right, numbers left).
   */
  align?: Align | null;
  /**
   * The column's width: points, a percentage of the content width (`"25%"`), or `"auto"` (from its content, the default).
   */
  width?: Width | null;
};

/**
 * Horizontal alignment of a table column or an image.
 */
export type Align = 'left' | 'center' | 'right';

/**
 * A width: points (1 to 14,400), a percentage of the content width as a string ("25%", 0.1 to 100), or "auto".
 */
export type Width = number | `${number}%` | 'auto';

/**
 * A table cell: a string, number, boolean or null, or an object with its spans and style.
 */
export type TableCell = Cell | StyledCell;

/**
 * A table cell given as an object: its value, spans and style.
 */
export interface StyledCell {
  /**
   * What the cell shows: a string, number, boolean or null (the default, empty).
   *
   * @default null
   */
  text?: Cell;
  /**
   * The number of columns the cell covers, from its own rightwards, 1 to 1,000.
   *
   * @default 1
   */
  colSpan?: number;
  /**
   * The number of rows the cell covers, from its own downwards, 1 to 1,000,000; the rows it covers leave its columns out.
   *
   * @default 1
   */
  rowSpan?: number;
  /**
   * Background colour, `#rrggbb` or `#rgb`; default the row's (none, zebra or header grey).
   */
  fill?: Color | null;
  /**
   * Text colour, `#rrggbb` or `#rgb`; default near-black.
   */
  color?: Color | null;
  /**
   * Set in bold; default bold in header and totals rows only.
   */
  bold?: boolean | null;
  /**
   * Set in italic.
   *
   * @default false
   */
  italic?: boolean;
  /**
   * Horizontal alignment; default the column's.
   */
  align?: Align | null;
  /**
   * Vertical alignment in a cell taller than its text (a row span, or a taller neighbour); default top.
   */
  verticalAlign?: VerticalAlign | null;
}

/**
 * Vertical alignment of a cell's text.
 */
export type VerticalAlign = 'top' | 'middle' | 'bottom';

/**
 * The lines of a table: which, how thick and in what colour. A string is `kind`.
 */
export type Borders = BorderKind | {
  /**
   * Which lines: `"horizontal"` (a rule under each row, the default), `"grid"` (every cell outlined), `"outer"` (the table's outline only) or `"none"`.
   */
  kind?: BorderKind;
  /**
   * Line width in points, 0.1 to 10; default 0.5.
   *
   * @default 0.5
   */
  width?: number;
  /**
   * Line colour, `#rrggbb` or `#rgb`; default light grey.
   */
  color?: Color | null;
};

/**
 * Which lines a table draws.
 */
export type BorderKind = 'horizontal' | 'grid' | 'outer' | 'none';

/**
 * One attached document; only `name` is required. Where `data` is given, `size` and `sha256` (if also given) must match it.
 */
export interface DocumentItem {
  /**
   * The file name, shown in the list and offered by the reader when saving (its last path component). Not blank.
   */
  name: string;
  /**
   * The media (MIME) type, such as `application/pdf`.
   */
  mediaType?: string | null;
  /**
   * The size in bytes.
   */
  size?: number | null;
  /**
   * The SHA-256 digest of the bytes, as 64 hexadecimal digits.
   */
  sha256?: string | null;
  /**
   * A line of text about the document.
   */
  description?: string | null;
  /**
   * The bytes, as base64 (RFC 4648, section 4), decoded when parsed.
   */
  data?: Base64 | null;
}

/**
 * A QR code's error correction level (ISO/IEC 18004, 6.5.1).
 */
export type QrLevel = 'L' | 'M' | 'Q' | 'H';

/**
 * What a chart draws.
 */
export type ChartKind = 'bar' | 'line' | 'area' | 'pie' | 'donut' | 'scatter';

/**
 * One data series of a chart.
 */
export interface Series {
  /**
   * The series' name, in the legend.
   */
  name: string;
  /**
   * One number for each category, from -10^15 to 10^15.
   */
  values: number[];
  /**
   * Its colour, `#rrggbb` or `#rgb`; default the next of the Okabe-Ito palette.
   */
  color?: Color | null;
}

/**
 * A chart's x values (numbers, or ISO 8601 dates and times), or with rows the name of the column that holds them.
 */
export type ChartX = string | (number | string)[];

/**
 * A box's border: its width (one, or per side) and colour.
 */
export interface BoxBorder {
  /**
   * The width in points: one number for every side, or `[top, right, bottom, left]` (0 for no line on a side), each 0 to 50. Default 1.
   */
  width?: Edges;
  /**
   * The colour, `#rrggbb` or `#rgb`; default the theme's `accent`, else light grey.
   */
  color?: Color | null;
}

/**
 * Points on every side: one number, or [top, right, bottom, left].
 */
export type Edges = number | [number, number, number, number];

/**
 * The look of a report. Each role's [`Style`] is applied over snapdf's own look for that role; a named style (`"style": "note"`) is applied over the role's, and a block's or run's own fields (`align`, `lineHeight`, `bold`, `color`) over both, as CSS applies declarations in order of specificity.
 */
export interface Theme {
  /**
   * The report title on the first page (default 20 pt bold).
   */
  title?: Style | null;
  /**
   * The line under the title (default 12 pt, grey).
   */
  subtitle?: Style | null;
  /**
   * Headings of level 1 (default 15 pt bold, 10 pt above).
   */
  heading1?: Style | null;
  /**
   * Headings of level 2 (default 12.5 pt bold, 8 pt above).
   */
  heading2?: Style | null;
  /**
   * Headings of level 3 (default 10.5 pt bold, 6 pt above).
   */
  heading3?: Style | null;
  /**
   * Paragraphs (default 10 pt, line height 1.4, 8 pt after).
   */
  body?: Style | null;
  /**
   * Items of bullet and numbered lists, markers included; what it leaves out comes from `body`.
   */
  list?: Style | null;
  /**
   * Captions under images, QR codes, drawings and charts (default 8.5 pt italic, grey, centred).
   */
  caption?: Style | null;
  /**
   * The running header (default 8 pt, grey). Its `size`, `bold`, `italic` and `color` apply: the header's slots place its text.
   */
  header?: Style | null;
  /**
   * The running footer, as `header`.
   */
  footer?: Style | null;
  /**
   * Table header cells, and a key/value block's keys' size and colour (default 8.5 pt bold). Its `size`, `bold`, `italic`, `color` and `lineHeight` apply.
   */
  tableHeader?: Style | null;
  /**
   * Table body cells, key/value values and the documents list (default 8.5 pt, line height 1.29); the totals row and keys are its bold. A table too wide for the page shrinks from its size. Its `size`, `bold`, `italic`, `color` and `lineHeight` apply; a cell's own style goes over it.
   */
  tableBody?: Style | null;
  /**
   * The colour of every page, behind everything; default none (white paper).
   */
  background?: Color | null;
  /**
   * The colour of the rule under the title and of `rule` blocks; default light grey.
   */
  accent?: Color | null;
  /**
   * The colours of a chart's series, in order, repeating; default the Okabe-Ito palette (colour-blind safe). A series' own `color` comes first.
   */
  palette?: Color[];
}

/**
 * How text is set: each field left out is inherited (from the role, see [`Theme`]).
 */
export interface Style {
  /**
   * The font size in points, 0.5 to 400.
   */
  size?: number | null;
  /**
   * Set in the bold face.
   */
  bold?: boolean | null;
  /**
   * Set in the italic (oblique) face.
   */
  italic?: boolean | null;
  /**
   * The text colour, `#rrggbb` or `#rgb`.
   */
  color?: Color | null;
  /**
   * The distance between baselines as a multiple of the font size, 0.8 to 4.
   */
  lineHeight?: number | null;
  /**
   * Space above the block in points, 0 to 1,000 (none at the top of a page).
   */
  spaceBefore?: number | null;
  /**
   * Space below the block in points, 0 to 1,000.
   */
  spaceAfter?: number | null;
  /**
   * Horizontal alignment.
   */
  align?: TextAlign | null;
}

/**
 * Named styles: each name (1 to 64 letters, digits, `-` or `_`) and its style, at most 256.
 */
export type NamedStyles = { [name: string]: Style };
