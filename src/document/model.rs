//! The snapshot model: what a snapshot JSON document says, as Rust types. This file is
//! the format's one declaration.
//!
//! Each type derives `Model` (the `snapdf-derive` crate), which writes from its fields,
//! their doc comments and their `#[model(…)]` attributes:
//!
//! - the reader, with errors that name the JSON path and are worded as serde words
//!   them (a JSON name is the field's name in camelCase);
//! - the canonical encoding the cache key hashes: a struct's fields in declaration
//!   order, an enum's variant by index, so **reorder nothing**: append, or raise
//!   [`crate::key::FORMAT_VERSION`];
//! - the walk validation makes over every string and ranged number, with its rules;
//! - the description the JSON Schema (`schema.json`) and the TypeScript types
//!   (`js/snapshot.d.ts`) are written from, doc comments included (`cargo test --test
//!   schema` checks them; `SNAPDF_BLESS=1` rewrites them).
//!
//! Field attributes: `default` (`Default::default()`), `default = 12` (a literal, also
//! the schema's default) or `default = "expr"`, `nullable` (`null` is the default),
//! `late` (read after the other fields), `text` (printed: at most `max_text_bytes`,
//! every character in the fonts), `link`, `anchor`, `rule = R` and `range = R` (see
//! [`super::rules`]), `read = f` and `shape = f` (a hand-written reader and
//! description, see [`super::values`]). Container attributes: `expecting` (serde's
//! "expected …"), `shorthand = "field"` (a value that is not an object is that field),
//! `tag = "type"`, `encode = f`.
//!
//! Strings borrow from the JSON text wherever it holds them unescaped ([`Cow`]), so
//! parsing a snapshot copies no text.

use std::borrow::Cow;

use snapdf_derive::Model;

use super::page::{Numbering, Page};
use super::rules::{
    ANGLE, BORDER_WIDTH, BOX_BORDER, CHART_HEIGHT, COL_SPAN, DATE, FONT_SIZE, HEADING_LEVEL, LANGUAGE, LINE_HEIGHT,
    LOGO_HEIGHT, MEDIA_TYPE, NONBLANK, OPACITY, QR_DATA, QR_SIDE, RADIUS, ROW_SPAN, SHA256, SPACE, SPACER_HEIGHT,
    TEMPLATE,
};
use super::values::NamedStyles;
use super::values::{edges, edges_shape, font_names, font_names_shape, width};

/// A snapshot: the whole input document.
///
/// JSON shape (camelCase keys; only `title` is required):
///
/// ```json
/// { "title": "Q3 review", "subtitle": "Sales", "metadata": { "author": "Ann" },
///   "page": { "size": "A4", "margins": 50 },
///   "blocks": [ { "type": "paragraph", "text": "Hello" } ] }
/// ```
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Snapshot<'a> {
    /// The report title, printed at the top of the first page and stored as the PDF
    /// document title. Not blank.
    #[model(text, rule = NONBLANK)]
    pub title: Cow<'a, str>,
    /// A line under the title.
    #[model(text)]
    pub subtitle: Option<Cow<'a, str>>,
    /// Document information (the PDF Info dictionary).
    #[model(default)]
    pub metadata: Metadata<'a>,
    /// Paper size, orientation, margins and the running header and footer. Default A4
    /// portrait with 50 pt margins, no header, and the footer `Page {page} of
    /// {pages}`.
    #[model(default)]
    pub page: Page<'a>,
    /// The supplied fonts the text is set in, as a fallback chain (`"font": "DejaVu
    /// Sans"` or `["DejaVu Sans", "Noto Sans CJK"]`): each character comes from the
    /// first font that has it. Or a standard family, alone: `"Helvetica"` (the
    /// default) or `"Times"` (any letter case), with Courier for `mono` runs (Latin-1
    /// only; nothing embedded). Not given, or `[]`: Helvetica.
    #[model(default, read = font_names, shape = font_names_shape)]
    pub font: Vec<Cow<'a, str>>,
    /// The font or chain for `mono` runs; default `font`'s. Needs `font`.
    #[model(default, read = font_names, shape = font_names_shape)]
    pub mono_font: Vec<Cow<'a, str>>,
    /// The content, in reading order.
    #[model(default, late)]
    pub blocks: Vec<Block<'a>>,
    /// The look of the report: how each role's text is set (the title, headings, body
    /// text, lists, captions, the header and footer), the page colour and the colours
    /// of charts. What it leaves out keeps snapdf's own look.
    #[model(default)]
    pub theme: Theme,
    /// Named styles, `{"note": {"italic": true, "color": "#555555"}}`, that a heading,
    /// paragraph, list or run takes with `"style": "note"`. Names are 1 to 64 letters,
    /// digits, `-` or `_`.
    #[model(default)]
    pub styles: NamedStyles<'a>,
    /// The direction the document's text runs: `"rtl"` sets every paragraph right to
    /// left, aligns it right and mirrors tables (first column on the right) and lists
    /// (markers on the right). Not given: each paragraph takes the direction of its
    /// first letter of a strong direction (UAX #9, rules P2 and P3).
    pub dir: Option<Direction>,
    /// The document's language, a BCP 47 tag such as `en`, `de-CH` or `ar`: the PDF's
    /// `/Lang` (for screen readers), and the language justified text is hyphenated in.
    #[model(rule = LANGUAGE)]
    pub lang: Option<Cow<'a, str>>,
}

/// The direction text runs in (UAX #9's paragraph embedding level; HTML's `dir`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Model)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

/// Document information, written to the PDF Info dictionary (PDF 32000-1:2008, 14.3.3).
#[derive(Debug, Clone, Default, PartialEq, Model)]
pub struct Metadata<'a> {
    /// `/Author`.
    pub author: Option<Cow<'a, str>>,
    /// `/Subject`.
    pub subject: Option<Cow<'a, str>>,
    /// `/Keywords`, written joined by ", ".
    #[model(default)]
    pub keywords: Vec<Cow<'a, str>>,
    /// `/CreationDate`, as ISO 8601 text: `2024-05-01`, `2024-05-01T09:30:00Z` or
    /// `2024-05-01T09:30:00+02:00`. snapdf never reads a clock, so without it the PDF
    /// has no creation date.
    #[model(rule = DATE)]
    pub creation_date: Option<Cow<'a, str>>,
}

/// The look of a report. Each role's [`Style`] is applied over snapdf's own look for
/// that role; a named style (`"style": "note"`) is applied over the role's, and a
/// block's or run's own fields (`align`, `lineHeight`, `bold`, `color`) over both, as
/// CSS applies declarations in order of specificity.
#[derive(Debug, Clone, Default, PartialEq, Model)]
pub struct Theme {
    /// The report title on the first page (default 20 pt bold).
    pub title: Option<Style>,
    /// The line under the title (default 12 pt, grey).
    pub subtitle: Option<Style>,
    /// Headings of level 1 (default 15 pt bold, 10 pt above).
    pub heading1: Option<Style>,
    /// Headings of level 2 (default 12.5 pt bold, 8 pt above).
    pub heading2: Option<Style>,
    /// Headings of level 3 (default 10.5 pt bold, 6 pt above).
    pub heading3: Option<Style>,
    /// Paragraphs (default 10 pt, line height 1.4, 8 pt after).
    pub body: Option<Style>,
    /// Items of bullet and numbered lists, markers included; what it leaves out comes
    /// from `body`.
    pub list: Option<Style>,
    /// Captions under images, QR codes, drawings and charts (default 8.5 pt italic,
    /// grey, centred).
    pub caption: Option<Style>,
    /// The running header (default 8 pt, grey). Its `size`, `bold`, `italic` and
    /// `color` apply: the header's slots place its text.
    pub header: Option<Style>,
    /// The running footer, as `header`.
    pub footer: Option<Style>,
    /// Table header cells, and a key/value block's keys' size and colour (default
    /// 8.5 pt bold). Its `size`, `bold`, `italic`, `color` and `lineHeight` apply.
    pub table_header: Option<Style>,
    /// Table body cells, key/value values and the documents list (default 8.5 pt, line
    /// height 1.29); the totals row and keys are its bold. A table too wide for the page
    /// shrinks from its size. Its `size`, `bold`, `italic`, `color` and `lineHeight`
    /// apply; a cell's own style goes over it.
    pub table_body: Option<Style>,
    /// The colour of every page, behind everything; default none (white paper).
    pub background: Option<Color>,
    /// The colour of the rule under the title and of `rule` blocks; default light grey.
    pub accent: Option<Color>,
    /// The colours of a chart's series, in order, repeating; default the Okabe-Ito
    /// palette (colour-blind safe). A series' own `color` comes first.
    #[model(default)]
    pub palette: Vec<Color>,
}

/// How text is set: each field left out is inherited (from the role, see [`Theme`]).
#[derive(Debug, Clone, Default, PartialEq, Model)]
pub struct Style {
    /// The font size in points, 0.5 to 400.
    #[model(range = FONT_SIZE)]
    pub size: Option<f64>,
    /// Set in the bold face.
    pub bold: Option<bool>,
    /// Set in the italic (oblique) face.
    pub italic: Option<bool>,
    /// The text colour, `#rrggbb` or `#rgb`.
    pub color: Option<Color>,
    /// The distance between baselines as a multiple of the font size, 0.8 to 4.
    #[model(range = LINE_HEIGHT)]
    pub line_height: Option<f64>,
    /// Space above the block in points, 0 to 1,000 (none at the top of a page).
    #[model(range = SPACE)]
    pub space_before: Option<f64>,
    /// Space below the block in points, 0 to 1,000.
    #[model(range = SPACE)]
    pub space_after: Option<f64>,
    /// Horizontal alignment.
    pub align: Option<TextAlign>,
}

impl Theme {
    /// This theme under `over`: each of `over`'s role styles over this one's, field by
    /// field; `over`'s colours and palette where it gives them.
    pub fn under(&self, over: &Theme) -> Theme {
        let mut merged = over.clone();
        for (m, base) in merged.roles_mut().into_iter().zip(self.roles()) {
            if let Some(base) = base {
                *m = Some(m.as_ref().map_or_else(|| base.clone(), |o| base.with(o)));
            }
        }
        merged.background = over.background.or(self.background);
        merged.accent = over.accent.or(self.accent);
        if over.palette.is_empty() {
            merged.palette.clone_from(&self.palette);
        }
        merged
    }

    /// The role styles, in declaration order (title, subtitle, heading1 to heading3,
    /// body, list, caption, header, footer, tableHeader, tableBody).
    pub fn roles(&self) -> [&Option<Style>; 12] {
        [
            &self.title,
            &self.subtitle,
            &self.heading1,
            &self.heading2,
            &self.heading3,
            &self.body,
            &self.list,
            &self.caption,
            &self.header,
            &self.footer,
            &self.table_header,
            &self.table_body,
        ]
    }

    fn roles_mut(&mut self) -> [&mut Option<Style>; 12] {
        [
            &mut self.title,
            &mut self.subtitle,
            &mut self.heading1,
            &mut self.heading2,
            &mut self.heading3,
            &mut self.body,
            &mut self.list,
            &mut self.caption,
            &mut self.header,
            &mut self.footer,
            &mut self.table_header,
            &mut self.table_body,
        ]
    }
}

impl Style {
    /// This style with `over`'s fields where `over` gives them.
    pub fn with(&self, over: &Style) -> Style {
        Style {
            size: over.size.or(self.size),
            bold: over.bold.or(self.bold),
            italic: over.italic.or(self.italic),
            color: over.color.or(self.color),
            line_height: over.line_height.or(self.line_height),
            space_before: over.space_before.or(self.space_before),
            space_after: over.space_after.or(self.space_after),
            align: over.align.or(self.align),
        }
    }

    /// The JSON names of the fields this style gives that only a block can take (a
    /// run takes `bold`, `italic` and `color`).
    pub fn block_fields(&self) -> impl Iterator<Item = &'static str> {
        let given = [
            ("size", self.size.is_some()),
            ("lineHeight", self.line_height.is_some()),
            ("spaceBefore", self.space_before.is_some()),
            ("spaceAfter", self.space_after.is_some()),
            ("align", self.align.is_some()),
        ];
        given.into_iter().filter(|&(_, g)| g).map(|(name, _)| name)
    }
}

/// One element of the content, in reading order; `type` picks the kind.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(tag = "type", expecting = "a block")]
pub enum Block<'a> {
    /// A section heading: `{"type": "heading", "level": 1, "text": "…"}`.
    Heading(Heading<'a>),
    /// A paragraph of body text: `{"type": "paragraph", "text": "…"}`.
    Paragraph(Paragraph<'a>),
    /// A list marked with bullets: `{"type": "bulletList", "items": ["…", "…"]}`.
    BulletList(BulletList<'a>),
    /// Labelled values: `{"type": "keyValue", "items": [{"key": "Owner", "value": "Ann"}]}`.
    KeyValue(KeyValue<'a>),
    /// A data table: `{"type": "table", "columns": ["A", "B"], "rows": [[1, "x"]]}`.
    Table(Table<'a>),
    /// A numbered list: `{"type": "numberedList", "items": ["…"], "start": 1}`.
    NumberedList(NumberedList<'a>),
    /// What follows starts on a new page: `{"type": "pageBreak"}`.
    PageBreak(Marker),
    /// A horizontal line across the content width: `{"type": "rule"}`.
    Rule(Marker),
    /// Empty vertical space: `{"type": "spacer", "height": 24}`.
    Spacer(Spacer),
    /// Attached documents, listed with name, media type, size and SHA-256; those with
    /// `data` are embedded as PDF file attachments.
    Documents(Documents<'a>),
    /// A PNG or JPEG image with an optional caption: `{"type": "image", "data":
    /// "<base64>", "width": 200}`.
    Image(ImageBlock<'a>),
    /// A QR code, drawn as vector shapes: `{"type": "qr", "data": "https://example.com/r/42"}`.
    Qr(QrBlock<'a>),
    /// An SVG drawing, drawn as vector shapes: `{"type": "svg", "svg": "<svg …>…</svg>"}`.
    Svg(SvgBlock<'a>),
    /// A chart drawn from data: `{"type": "chart", "categories": ["Q1", "Q2"], "series":
    /// [{"name": "Sales", "values": [3, 5]}]}`.
    Chart(ChartBlock<'a>),
    /// A box (a callout): blocks set inside a padding, on a fill, within a border:
    /// `{"type": "box", "blocks": [ … ], "fill": "#eeeeff", "border": {"width": 1}}`.
    Box(BoxBlock<'a>),
}

/// A box: blocks laid out inside its padding, on its fill, within its border (CSS's
/// box model, with `box-sizing: border-box` at the content width). A box taller than
/// the room left on a page goes on over the break: each page's piece has the fill and
/// the border, open where the page cuts it (CSS's `box-decoration-break: slice`).
/// Boxes nest at most 8 deep.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct BoxBlock<'a> {
    /// The blocks inside, in reading order.
    #[model(default, late)]
    pub blocks: Vec<Block<'a>>,
    /// The background colour, `#rrggbb` or `#rgb`; default none.
    pub fill: Option<Color>,
    /// The border; default none.
    pub border: Option<BoxBorder>,
    /// The radius of the corners in points, 0 to 100; default 0 (square).
    #[model(range = RADIUS)]
    pub radius: Option<f64>,
    /// The space between the border and the blocks inside, in points: one number for
    /// every side, or `[top, right, bottom, left]`, each 0 to 1,000. Default 8 on every
    /// side for a box with a fill or a border, else 0.
    #[model(default, read = edges, shape = edges_shape, range = SPACE)]
    pub padding: Vec<f64>,
    /// Keep the box on one page: one that does not fit below what comes before starts
    /// the next page (a box taller than a page still goes on over the break).
    #[model(default = false)]
    pub keep_together: bool,
    /// The direction the text inside runs, `"rtl"` or `"ltr"`, for every block in it
    /// that does not give its own; default the document's.
    pub dir: Option<Direction>,
}

impl BoxBlock<'_> {
    /// The padding on a side not given: 8 points for a box with a fill or a border, else
    /// none.
    pub fn default_padding(&self) -> f64 {
        if self.fill.is_some() || self.border.is_some() { 8.0 } else { 0.0 }
    }
}

/// A box's border: its width (one, or per side) and colour.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(expecting = r##"a border {"width": points or [top, right, bottom, left], "color": "#rrggbb"}"##)]
pub struct BoxBorder {
    /// The width in points: one number for every side, or `[top, right, bottom, left]`
    /// (0 for no line on a side), each 0 to 50. Default 1.
    #[model(default, read = edges, shape = edges_shape, range = BOX_BORDER)]
    pub width: Vec<f64>,
    /// The colour, `#rrggbb` or `#rgb`; default the theme's `accent`, else light grey.
    pub color: Option<Color>,
}

/// Four sides, top, right, bottom and left, from one number or four (empty: not
/// given, the default).
pub fn sides(given: &[f64], default: f64) -> [f64; 4] {
    match *given {
        [all] => [all; 4],
        [top, right, bottom, left] => [top, right, bottom, left],
        _ => [default; 4],
    }
}

/// A PNG (any bit depth, palette, grey, alpha) or JPEG (baseline or progressive; grey,
/// RGB or CMYK) image, with an optional caption under it.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct ImageBlock<'a> {
    /// The PNG or JPEG file, as base64 (RFC 4648).
    pub data: super::attachment::Attachment,
    /// The width on the page: points, or a percentage of the content width (`"50%"`).
    /// Default (or `"auto"`): the image's own size (its stated resolution, else 96
    /// pixels per inch), never wider than the content width or taller than the
    /// content height.
    #[model(read = width)]
    pub width: Option<ColumnWidth>,
    /// Text under the image, centred, in italic.
    #[model(text)]
    pub caption: Option<Cow<'a, str>>,
    /// Horizontal placement; default centred.
    pub align: Option<Align>,
}

/// A QR code (ISO/IEC 18004) holding `data`, drawn as one filled path, with its quiet
/// zone (four modules of white on each side) inside `size`, and an optional caption.
/// A `data` that is an `http:`, `https:` or `mailto:` URL is also a link on the code.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct QrBlock<'a> {
    /// The text to encode: ASCII as the densest mix of QR modes, other text as UTF-8
    /// bytes marked as UTF-8 (ECI 26): at most 2,953 bytes at level `L`, 2,331 at `M`, 1,663 at `Q` and 1,273
    /// at `H` (ISO/IEC 18004, table 7, version 40).
    #[model(rule = QR_DATA)]
    pub data: Cow<'a, str>,
    /// The side of the square in points, quiet zone included, 36 to 14,400; never more
    /// than the content width or height. Default 96 (1 1/3 inch).
    #[model(default = 96.0, range = QR_SIDE)]
    pub size: f64,
    /// Error correction: `"L"` (7 % of the code may be lost), `"M"` (15 %), `"Q"`
    /// (25 %) or `"H"` (30 %). Default `"M"`.
    #[model(default)]
    pub level: QrLevel,
    /// Text under the code, centred, in italic.
    #[model(text)]
    pub caption: Option<Cow<'a, str>>,
    /// Horizontal placement; default centred.
    pub align: Option<Align>,
}

/// An SVG drawing (SVG 1.1 and the static parts of SVG 2, as usvg reads them), drawn as
/// vector paths: shapes, paths, fills, strokes, dashes, linear and radial gradients,
/// clip paths, opacity, transforms, `<use>` and CSS. Nothing is fetched; text, images,
/// filters, masks and patterns are not drawn, and the render's warnings say so.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct SvgBlock<'a> {
    /// The SVG markup: an `<svg>` element, sized by its `width` and `height` or its
    /// `viewBox` (with neither, 100 x 100 pixels); at most 100,000 XML nodes, 50,000 elements with every `<use>` expanded, nested at
    /// most 64 deep.
    #[model(rule = NONBLANK)]
    pub svg: Cow<'a, str>,
    /// The width on the page: points, or a percentage of the content width (`"50%"`).
    /// Default (or `"auto"`): the drawing's own size (1 SVG pixel is 0.75 point, CSS's
    /// 96 pixels per inch), never wider than the content width or taller than the
    /// content height.
    #[model(read = width)]
    pub width: Option<ColumnWidth>,
    /// Text under the drawing, centred, in italic.
    #[model(text)]
    pub caption: Option<Cow<'a, str>>,
    /// Horizontal placement; default centred.
    pub align: Option<Align>,
}

/// A chart drawn from data as vector paths: bars (vertical or horizontal, side by side
/// or stacked), lines or areas over categories, numbers or dates, points scattered over
/// two numeric axes, with a value axis whose ticks are nice numbers, gridlines, a legend
/// and optional value labels, all text real and searchable. Series take the
/// colour-blind-safe Okabe-Ito palette in order unless given a colour.
///
/// The data is `categories` (or `x`) with `series`, or `columns` and `rows` as in a
/// table with `x` and `y` naming the columns to plot.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct ChartBlock<'a> {
    /// `"bar"` (the default), `"line"`, `"area"`, `"scatter"`, `"pie"` or `"donut"`.
    #[model(default)]
    pub kind: ChartKind,
    /// The labels along the category axis, in order; every series has one value for
    /// each. Not given with `x` or `rows`.
    #[model(default, text)]
    pub categories: Vec<Cow<'a, str>>,
    /// The data series, at least one, unless the data is `rows`.
    #[model(default)]
    pub series: Vec<Series<'a>>,
    /// Bars run from a vertical category axis to the right (bar charts only).
    #[model(default = false)]
    pub horizontal: bool,
    /// A category's bars stack (positive values upwards, negative ones downwards)
    /// instead of standing side by side; areas stack as running sums instead of
    /// overlapping.
    #[model(default = false)]
    pub stacked: bool,
    /// The title of the category axis (or x axis), under its labels.
    #[model(text)]
    pub category_title: Option<Cow<'a, str>>,
    /// The title of the value axis, over its labels.
    #[model(text)]
    pub value_title: Option<Cow<'a, str>>,
    /// The chart's width: points, or a percentage of the content width (`"50%"`);
    /// default the content width.
    #[model(read = width)]
    pub width: Option<ColumnWidth>,
    /// The chart's height in points, legend and axis labels included, 72 to 14,400;
    /// never more than the content height. Default 216 (3 inches).
    #[model(default = 216.0, range = CHART_HEIGHT)]
    pub height: f64,
    /// Show the legend (the series' names and colours). Default: when there is more
    /// than one series.
    pub legend: Option<bool>,
    /// Print each value by its bar or point (not by a scatter's dots).
    #[model(default = false)]
    pub labels: bool,
    /// Text under the chart, centred, in italic.
    #[model(text)]
    pub caption: Option<Cow<'a, str>>,
    /// Line, area and scatter charts: the x values, one for each value of every series,
    /// all numbers (a numeric axis) or all ISO 8601 dates and times (a time axis, UTC):
    /// `"2009"` is a number; `"2009-03"`, `"2009-03-05"`, `"2009-03-05T14:00"` and
    /// `"2009-03-05T14:00:30Z"` (or with `+01:00`) are times. With `rows`: the name of
    /// the column that holds them (for bars and pies, the categories).
    pub x: Option<ChartX<'a>>,
    /// With `rows`: the names of the columns plotted, each a series named after its
    /// column. Default: every column but `x`.
    #[model(default, text)]
    pub y: Vec<Cow<'a, str>>,
    /// The names of the columns of `rows`, as a table's headers are (a CSV's header
    /// line).
    #[model(default, text)]
    pub columns: Vec<Cow<'a, str>>,
    /// The data as rows of cells, one per column, as in a table: numbers, or text that
    /// is a number (`"19.4"`, as a CSV cell is); in the `x` column also dates, or any text
    /// for categories. `null` is a missing value: a gap in a line or area, no point in
    /// a scatter, no bar.
    #[model(default, text)]
    pub rows: Vec<Vec<Cell<'a>>>,
}

/// A chart's `x`: the values themselves, or the column of `rows` that holds them.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartX<'a> {
    /// One value per point: numbers, or date strings.
    Values(Vec<Cell<'a>>),
    /// A column's name.
    Column(Cow<'a, str>),
}

/// What a chart draws.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Model)]
pub enum ChartKind {
    /// Bars from zero.
    #[default]
    Bar,
    /// Lines through the values, with a mark at each.
    Line,
    /// Lines through the values, filled down to zero in a lighter tint.
    Area,
    /// A circle cut into one slice per category, its angle the category's share of the
    /// first (only) series' total; slices clockwise from 12 o'clock.
    Pie,
    /// A pie with a hole: a ring cut into slices.
    Donut,
    /// A mark (a small filled circle) at each point, over a numeric or time x axis.
    Scatter,
}

/// One data series of a chart.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Series<'a> {
    /// The series' name, in the legend.
    #[model(text)]
    pub name: Cow<'a, str>,
    /// One number for each category, from -10^15 to 10^15.
    pub values: Vec<f64>,
    /// Its colour, `#rrggbb` or `#rgb`; default the next of the Okabe-Ito palette.
    pub color: Option<Color>,
}

/// A QR code's error correction level (ISO/IEC 18004, 6.5.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Model)]
pub enum QrLevel {
    /// About 7 % of the code words can be restored.
    #[model(rename = "L")]
    L,
    /// About 15 %.
    #[default]
    #[model(rename = "M")]
    M,
    /// About 25 %.
    #[model(rename = "Q")]
    Q,
    /// About 30 %.
    #[model(rename = "H")]
    H,
}

/// A running header or footer: up to three pieces, at the left edge, the centre and
/// the right edge of the content width, each text or an image (a logo); a string is
/// the centre piece.
///
/// The text may hold the placeholders `{page}` (this page's number), `{pages}` (the
/// number of pages), `{title}` and `{date}` (the date part of `metadata.creationDate`,
/// empty without one); `{{` and `}}` print a brace.
#[derive(Debug, Clone, Default, PartialEq, Model)]
#[model(
    shorthand = "center",
    expecting = r#"a string (centred) or {"left": …, "center": …, "right": …}, each a string or {"image": base64, "height": points}"#
)]
pub struct Band<'a> {
    /// Text flush with the left margin, or an image there.
    #[model(default, nullable, text, rule = TEMPLATE)]
    pub left: Slot<'a>,
    /// Text centred on the content width, or an image there.
    #[model(default, nullable, text, rule = TEMPLATE)]
    pub center: Slot<'a>,
    /// Text flush with the right margin, or an image there.
    #[model(default, nullable, text, rule = TEMPLATE)]
    pub right: Slot<'a>,
    /// A thin rule across the content width under the header (over the footer), in the
    /// theme's `accent` colour.
    #[model(default = false)]
    pub rule: bool,
}

impl Band<'_> {
    /// The default footer: `Page {page} of {pages}`, centred.
    pub fn default_footer() -> Self {
        Band {
            left: Slot::Empty,
            center: Slot::Text(Cow::Borrowed("Page {page} of {pages}")),
            right: Slot::Empty,
            rule: false,
        }
    }

    /// The three pieces' text with their JSON field names, in the order left, center,
    /// right (`None` for a piece without text).
    pub fn parts(&self) -> [(&'static str, Option<&str>); 3] {
        self.slots().map(|(name, slot)| (name, slot.text()))
    }

    /// The three pieces with their JSON field names, in the order left, center, right.
    pub fn slots(&self) -> [(&'static str, &Slot<'_>); 3] {
        [("left", &self.left), ("center", &self.center), ("right", &self.right)]
    }
}

/// A piece of a header or footer: nothing, text, or an image. JSON: `null`, a string,
/// or `{"image": "<base64>", "height": 24}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Slot<'a> {
    /// Nothing there.
    #[default]
    Empty,
    /// Text, with placeholders.
    Text(Cow<'a, str>),
    /// An image, such as a logo.
    Image(Logo),
}

impl Slot<'_> {
    /// The text, if the piece is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Slot::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The image, if the piece is one.
    pub fn image(&self) -> Option<&Logo> {
        match self {
            Slot::Image(logo) => Some(logo),
            _ => None,
        }
    }
}

/// An image in a header or footer (a logo), as tall as asked, as wide as its aspect
/// ratio makes it, centred vertically in the margin.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(expecting = r#"an image {"image": base64, "height": points}"#)]
pub struct Logo {
    /// The PNG or JPEG file, as base64 (RFC 4648), as an image block's `data`.
    pub image: super::attachment::Attachment,
    /// The height in points, 1 to 400; never more than the margin it is in. Default 24.
    #[model(default = 24.0, range = LOGO_HEIGHT)]
    pub height: f64,
}

/// A watermark: one line of text across the page, centred, in the bold of the
/// document's font. A string is its text. In the PDF it is marked as an artifact
/// (PDF 32000-1:2008, 14.8.2.2), so readers that tell content from page furniture
/// leave it out of the reading order.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(
    shorthand = "text",
    expecting = r#"a watermark: a string or {"text": string, "color", "opacity", "size", "angle", "over", "firstPageOnly"}"#
)]
pub struct Watermark<'a> {
    /// The text, on one line. Not blank.
    #[model(text, rule = NONBLANK)]
    pub text: Cow<'a, str>,
    /// Its colour, `#rrggbb` or `#rgb`; default the theme's `accent`, else mid grey.
    pub color: Option<Color>,
    /// How opaque it is, 0 (invisible) to 1; default 0.15.
    #[model(default = 0.15, range = OPACITY)]
    pub opacity: f64,
    /// The font size in points, 0.5 to 400; default as large as spans 70 % of the
    /// page's diagonal.
    #[model(range = FONT_SIZE)]
    pub size: Option<f64>,
    /// The angle in degrees, counter-clockwise from the page's horizontal, -360 to 360;
    /// default the diagonal from the lower left to the upper right corner.
    #[model(range = ANGLE)]
    pub angle: Option<f64>,
    /// Painted over the content; default behind it.
    #[model(default = false)]
    pub over: bool,
    /// Only on the first page; default every page.
    #[model(default = false)]
    pub first_page_only: bool,
}

/// A list of attached documents (a "room"'s files), printed as a table of name, media
/// type, size and SHA-256. Items whose bytes are given are also embedded as PDF file
/// attachments (PDF 32000-1:2008, 7.11.4), which a reader can save.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Documents<'a> {
    /// The documents, in order.
    pub items: Vec<DocumentItem<'a>>,
    /// The direction its text runs, `"rtl"` or `"ltr"` (default the document's): a
    /// right-to-left list of documents is mirrored, its first column on the right.
    pub dir: Option<Direction>,
}

/// One attached document; only `name` is required. Where `data` is given, `size` and
/// `sha256` (if also given) must match it.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct DocumentItem<'a> {
    /// The file name, shown in the list and offered by the reader when saving (its last
    /// path component). Not blank.
    #[model(text, rule = NONBLANK)]
    pub name: Cow<'a, str>,
    /// The media (MIME) type, such as `application/pdf`.
    #[model(text, rule = MEDIA_TYPE)]
    pub media_type: Option<Cow<'a, str>>,
    /// The size in bytes.
    pub size: Option<u64>,
    /// The SHA-256 digest of the bytes, as 64 hexadecimal digits.
    #[model(rule = SHA256)]
    pub sha256: Option<Cow<'a, str>>,
    /// A line of text about the document.
    #[model(text)]
    pub description: Option<Cow<'a, str>>,
    /// The bytes, as base64 (RFC 4648, section 4), decoded when parsed.
    pub data: Option<super::attachment::Attachment>,
}

impl DocumentItem<'_> {
    /// The size in bytes: of the data if given, else as stated.
    pub fn byte_size(&self) -> Option<u64> {
        self.data.as_ref().map(|d| d.bytes.len() as u64).or(self.size)
    }

    /// The SHA-256 digest in lowercase hex: of the data if given, else as stated.
    pub fn sha256_hex(&self) -> Option<String> {
        match (&self.data, &self.sha256) {
            (Some(d), _) => Some(d.sha256_hex()),
            (None, Some(s)) => Some(s.to_ascii_lowercase()),
            (None, None) => None,
        }
    }
}

/// A list of items, numbered from `start`.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct NumberedList<'a> {
    /// The items, in order; an item may hold a nested list, numbered from 1.
    pub items: Vec<ListItem<'a>>,
    /// The number of the first item.
    #[model(default = 1)]
    pub start: u32,
    /// A named style (a key of `styles`), over the theme's `list`, for every item.
    #[model(block_style)]
    pub style: Option<Cow<'a, str>>,
    /// How the items are numbered, at every depth: `"decimal"` (1. 2. 3.; the default),
    /// `"lowerAlpha"` (a. b. … z. aa.), `"upperAlpha"`, `"lowerRoman"` (i. ii. iii.)
    /// or `"upperRoman"`.
    pub marker: Option<Numbering>,
    /// The colour of the numbers, `#rrggbb` or `#rgb`; default the items' text colour.
    pub marker_color: Option<Color>,
    /// The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
    pub dir: Option<Direction>,
}

/// A block with no content of its own (a page break, a rule).
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Marker {}

/// Empty vertical space.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Spacer {
    /// The height in points, 0 to 1,000.
    #[model(default = 12.0, range = SPACER_HEIGHT)]
    pub height: f64,
}

/// A section heading. Headings make the PDF outline (bookmarks); one with an `id` is
/// the target of links written `"#id"`.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Heading<'a> {
    /// 1 (largest) to 3.
    #[model(default = 1, range = HEADING_LEVEL)]
    pub level: u8,
    /// The heading text.
    #[model(text)]
    pub text: Cow<'a, str>,
    /// A name for links to this heading (`{"link": "#id"}`), unique in the snapshot.
    #[model(anchor)]
    pub id: Option<Cow<'a, str>>,
    /// Horizontal alignment; default `start`: left, or right in a paragraph that runs
    /// right to left.
    pub align: Option<TextAlign>,
    /// A named style (a key of `styles`), over the theme's heading style.
    #[model(block_style)]
    pub style: Option<Cow<'a, str>>,
    /// The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
    pub dir: Option<Direction>,
}

/// A paragraph of body text.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Paragraph<'a> {
    /// The text: a string or runs, wrapped to the content width; spaces at a line
    /// break are dropped, `\n` breaks the line.
    #[model(text)]
    pub text: Text<'a>,
    /// Horizontal alignment; default `start`: left, or right in a paragraph that runs
    /// right to left.
    pub align: Option<TextAlign>,
    /// The distance between baselines as a multiple of the font size, 0.8 to 4;
    /// default 1.4.
    #[model(range = LINE_HEIGHT)]
    pub line_height: Option<f64>,
    /// A named style (a key of `styles`), over the theme's `body`.
    #[model(block_style)]
    pub style: Option<Cow<'a, str>>,
    /// The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
    pub dir: Option<Direction>,
}

/// A list of items, each marked with a bullet.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct BulletList<'a> {
    /// The items, in order; an item may hold a nested list.
    pub items: Vec<ListItem<'a>>,
    /// A named style (a key of `styles`), over the theme's `list`, for every item.
    #[model(block_style)]
    pub style: Option<Cow<'a, str>>,
    /// The bullet, at every depth: `"disc"` (•), `"circle"` (◦), `"square"` (▪) or
    /// `"dash"` (–); default •, – and · by depth.
    pub marker: Option<BulletMarker>,
    /// The colour of the bullets, `#rrggbb` or `#rgb`; default the items' text colour.
    pub marker_color: Option<Color>,
    /// The direction its text runs: `"rtl"` or `"ltr"`; default the document's.
    pub dir: Option<Direction>,
}

/// A bullet list's marker (CSS Lists Level 3 `list-style-type`: `disc`, `circle`,
/// `square`; and a dash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Model)]
pub enum BulletMarker {
    /// A filled round bullet, •.
    Disc,
    /// A hollow round bullet, ◦ (drawn, as the standard fonts have no such glyph).
    Circle,
    /// A filled square, ▪ (drawn).
    Square,
    /// An en dash, –.
    Dash,
}

/// Text: a plain string, or a sequence of runs each with its own style.
///
/// JSON: `"plain text"`, or `["plain ", {"text": "bold", "bold": true}, {"text":
/// "a link", "link": "https://example.com"}]`.
#[derive(Debug, Clone, PartialEq)]
pub enum Text<'a> {
    /// One string in the block's own style.
    Plain(Cow<'a, str>),
    /// Styled runs, set one after the other.
    Runs(Vec<Run<'a>>),
}

impl Text<'_> {
    /// The runs' text, concatenated.
    pub fn plain(&self) -> Cow<'_, str> {
        match self {
            Text::Plain(s) => Cow::Borrowed(s),
            Text::Runs(runs) => Cow::Owned(runs.iter().map(|r| r.text.as_ref()).collect()),
        }
    }
}

/// A piece of text in one style; a string is a run in the block's own style.
#[derive(Debug, Clone, Default, PartialEq, Model)]
#[model(
    shorthand = "text",
    expecting = r##"a run: a string or {"text": string, "bold", "italic", "mono": booleans, "color": "#rrggbb", "link": URL}"##
)]
pub struct Run<'a> {
    /// The text.
    #[model(text)]
    pub text: Cow<'a, str>,
    /// Set in the bold face.
    #[model(default = false)]
    pub bold: bool,
    /// Set in the italic (oblique) face.
    #[model(default = false)]
    pub italic: bool,
    /// Set in the monospace font (Courier, or `monoFont`).
    #[model(default = false)]
    pub mono: bool,
    /// Text colour, `#rrggbb` or `#rgb`; default the block's (links default to blue).
    pub color: Option<Color>,
    /// A link: an `http:`, `https:` or `mailto:` URL, or `#id` for the heading with
    /// that `id`; nothing else is accepted.
    #[model(link)]
    pub link: Option<Cow<'a, str>>,
    /// A named style (a key of `styles`): its `bold`, `italic` and `color`, under the
    /// run's own.
    #[model(run_style)]
    pub style: Option<Cow<'a, str>>,
}

/// An sRGB colour, written `#rrggbb` or `#rgb` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    /// Red, 0 to 255.
    pub r: u8,
    /// Green, 0 to 255.
    pub g: u8,
    /// Blue, 0 to 255.
    pub b: u8,
}

impl Color {
    /// Parses `#rrggbb` or `#rgb` (CSS Color Module Level 4, 5.2).
    pub fn parse(s: &str) -> Option<Color> {
        let hex = s.strip_prefix('#')?;
        let digit = |i: usize| u8::from_str_radix(hex.get(i..=i)?, 16).ok();
        match hex.len() {
            6 => {
                let byte = |i: usize| Some(digit(i)? * 16 + digit(i + 1)?);
                Some(Color { r: byte(0)?, g: byte(2)?, b: byte(4)? })
            }
            3 => Some(Color { r: digit(0)? * 17, g: digit(1)? * 17, b: digit(2)? * 17 }),
            _ => None,
        }
    }
}

/// One list item: its text, and optionally a nested list of the same kind. A string
/// or runs is an item without a nested list.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(shorthand = "text", expecting = r#"a list item: a string, runs, or {"text": …, "items": [ … ]}"#)]
pub struct ListItem<'a> {
    /// The item's text.
    #[model(text)]
    pub text: Text<'a>,
    /// Nested items, indented one level further.
    #[model(default)]
    pub items: Vec<ListItem<'a>>,
}

/// Horizontal alignment of a paragraph or heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Model)]
pub enum TextAlign {
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right, ragged left.
    Right,
    /// Flush on both sides: the spaces of every line but a paragraph's last (and the
    /// last before a `\n`) are widened; those lines are set flush at the start.
    Justify,
    /// Flush where the paragraph's lines start: left, or right in a paragraph that runs
    /// right to left (CSS's `start`). The default.
    Start,
    /// Flush where they end: right, or left right to left (CSS's `end`).
    End,
}

/// Labelled values in two columns ("Owner: Ann").
#[derive(Debug, Clone, PartialEq, Model)]
pub struct KeyValue<'a> {
    /// The rows, in order.
    pub items: Vec<KeyValueItem<'a>>,
    /// The direction its text runs, `"rtl"` or `"ltr"` (default the document's): a
    /// right-to-left key/value block has its keys on the right.
    pub dir: Option<Direction>,
}

/// One row of a key/value block.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct KeyValueItem<'a> {
    /// The label, printed in bold.
    #[model(text)]
    pub key: Cow<'a, str>,
    /// The value: a string, number, boolean or null.
    #[model(text)]
    pub value: Cell<'a>,
}

/// A data table: header rows and rows of cells. Its header rows repeat on every page it
/// spans, and a row (or rows joined by a `rowSpan`) is never cut in half unless it is
/// taller than a page.
///
/// A cell with a `colSpan` or `rowSpan` covers that many columns or rows, and the cells
/// it covers are left out of the arrays (as in HTML and Typst): a row lists only the
/// cells that start in it, left to right, skipping the columns that spans from the rows
/// above cover.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct Table<'a> {
    /// The columns, at least one: each a header string, or the header with the
    /// column's alignment and width.
    pub columns: Vec<Column<'a>>,
    /// The rows; each covers every column once, with its cells' spans and the row
    /// spans from above.
    #[model(default, text)]
    pub rows: Vec<Vec<TableCell<'a>>>,
    /// A totals row after the last row, in bold under a heavier rule; it covers every
    /// column once (cells may span columns, not rows).
    #[model(text)]
    pub totals: Option<Vec<TableCell<'a>>>,
    /// Shade every other row.
    #[model(default = false)]
    pub zebra: bool,
    /// Header rows above the columns' headers, such as a group header spanning the
    /// columns under it: `[["", {"text": "2024", "colSpan": 2}]]`. Each covers every
    /// column once; row spans stay within these rows. Centred in bold on the header
    /// background, repeated on every page.
    #[model(default, text)]
    pub header: Vec<Vec<TableCell<'a>>>,
    /// The lines between and around cells; default thin grey rules under each row.
    pub borders: Option<Borders>,
    /// The direction its text runs, `"rtl"` or `"ltr"` (default the document's): a
    /// right-to-left table is mirrored, its first column on the right.
    pub dir: Option<Direction>,
}

/// A table cell: a plain value, or an object with spans and a style of its own.
///
/// JSON: `"text"`, `12.5`, `true`, `null`, or `{"text": "North", "rowSpan": 2, "fill":
/// "#eef"}`. An object with nothing but `text` is the plain value.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell<'a> {
    /// A string, number, boolean or null, in its row's and column's style.
    Plain(Cell<'a>),
    /// A cell with spans or a style of its own.
    Styled(Box<StyledCell<'a>>),
}

impl<'a> TableCell<'a> {
    /// What the cell shows.
    pub fn text(&self) -> &Cell<'a> {
        match self {
            TableCell::Plain(text) => text,
            TableCell::Styled(s) => &s.text,
        }
    }

    /// The columns it covers: 1 or more.
    pub fn col_span(&self) -> u32 {
        self.styled().map_or(1, |s| s.col_span)
    }

    /// The rows it covers: 1 or more.
    pub fn row_span(&self) -> u32 {
        self.styled().map_or(1, |s| s.row_span)
    }

    /// Its spans and style, if it has any.
    pub fn styled(&self) -> Option<&StyledCell<'a>> {
        match self {
            TableCell::Plain(_) => None,
            TableCell::Styled(s) => Some(s),
        }
    }
}

/// A table cell given as an object: its value, spans and style.
#[derive(Debug, Clone, PartialEq, Model)]
pub struct StyledCell<'a> {
    /// What the cell shows: a string, number, boolean or null (the default, empty).
    #[model(text, default = "Cell::Empty", json_default = "null")]
    pub text: Cell<'a>,
    /// The number of columns the cell covers, from its own rightwards, 1 to 1,000.
    #[model(default = 1, range = COL_SPAN)]
    pub col_span: u32,
    /// The number of rows the cell covers, from its own downwards, 1 to 1,000,000; the
    /// rows it covers leave its columns out.
    #[model(default = 1, range = ROW_SPAN)]
    pub row_span: u32,
    /// Background colour, `#rrggbb` or `#rgb`; default the row's (none, zebra or
    /// header grey).
    pub fill: Option<Color>,
    /// Text colour, `#rrggbb` or `#rgb`; default near-black.
    pub color: Option<Color>,
    /// Set in bold; default bold in header and totals rows only.
    pub bold: Option<bool>,
    /// Set in italic.
    #[model(default = false)]
    pub italic: bool,
    /// Horizontal alignment; default the column's.
    pub align: Option<Align>,
    /// Vertical alignment in a cell taller than its text (a row span, or a taller
    /// neighbour); default top.
    pub vertical_align: Option<VerticalAlign>,
}

impl StyledCell<'_> {
    /// Whether the cell says nothing but its value: no span and no style of its own.
    pub fn is_plain(&self) -> bool {
        self.col_span == 1
            && self.row_span == 1
            && self.fill.is_none()
            && self.color.is_none()
            && self.bold.is_none()
            && !self.italic
            && self.align.is_none()
            && self.vertical_align.is_none()
    }
}

/// Vertical alignment of a cell's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Model)]
pub enum VerticalAlign {
    /// At the top.
    Top,
    /// Centred.
    Middle,
    /// At the bottom.
    Bottom,
}

/// The lines of a table: which, how thick and in what colour. A string is `kind`.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(
    shorthand = "kind",
    expecting = r##"borders: "none", "horizontal", "grid" or "outer", or {"kind": …, "width": points, "color": "#rrggbb"}"##
)]
pub struct Borders {
    /// Which lines: `"horizontal"` (a rule under each row, the default), `"grid"`
    /// (every cell outlined), `"outer"` (the table's outline only) or `"none"`.
    #[model(default)]
    pub kind: BorderKind,
    /// Line width in points, 0.1 to 10; default 0.5.
    #[model(default = 0.5, range = BORDER_WIDTH)]
    pub width: f64,
    /// Line colour, `#rrggbb` or `#rgb`; default light grey.
    pub color: Option<Color>,
}

/// Which lines a table draws.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Model)]
pub enum BorderKind {
    /// A rule under each row (and the heavier one above the totals).
    #[default]
    Horizontal,
    /// Every cell outlined.
    Grid,
    /// The table's outline only.
    Outer,
    /// No lines.
    None,
}

/// A data table column: its header, alignment and width. A string is the header.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(
    shorthand = "header",
    expecting = r#"a header string or {"header": string, "align": "left" | "center" | "right", "width": points | "25%" | "auto"}"#
)]
pub struct Column<'a> {
    /// The header text.
    #[model(text)]
    pub header: Cow<'a, str>,
    /// Horizontal alignment of the column's cells; default: numbers right, anything
    /// else left (mirrored in a right-to-left table: text right, numbers left).
    pub align: Option<Align>,
    /// The column's width: points, a percentage of the content width (`"25%"`), or
    /// `"auto"` (from its content, the default).
    #[model(read = width)]
    pub width: Option<ColumnWidth>,
}

/// A column's or image's width. JSON: a number of points, a percentage of the content
/// width as a string (`"25%"`), or `"auto"` (none given).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// Points, 1 to 14,400.
    Points(f64),
    /// Percent of the content width, 0.1 to 100.
    Percent(f64),
}

/// Horizontal alignment of a table column or an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Model)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// A table cell or key/value value: JSON string, number, boolean or null.
///
/// Numbers are printed in their shortest round-trip form (`1.5`, `42`, `1e21`);
/// booleans as `true`/`false`; null as an empty cell.
///
/// The canonical encoding tags each variant, so the string `"1"` and the number `1`
/// (which align differently) have different cache keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// A string, printed as is.
    Text(Cow<'a, str>),
    /// A number, already formatted.
    Number(Cow<'a, str>),
    /// A boolean.
    Bool(bool),
    /// null: an empty cell.
    Empty,
}

impl Cell<'_> {
    /// The text a reader sees in the cell.
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(s) | Cell::Number(s) => s,
            Cell::Bool(true) => "true",
            Cell::Bool(false) => "false",
            Cell::Empty => "",
        }
    }

    /// Whether the cell holds a number (numeric columns align right by default).
    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Number(_))
    }
}

#[cfg(test)]
impl<'a> Heading<'a> {
    /// A heading for tests.
    pub fn new(level: u8, text: &'a str) -> Self {
        Heading { level, text: text.into(), id: None, align: None, style: None, dir: None }
    }
}
