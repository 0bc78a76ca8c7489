//! The snapshot model: what a snapshot JSON document says, as Rust types.
//!
//! Strings borrow from the JSON text wherever it holds them unescaped ([`Cow`]), so
//! parsing a snapshot copies no text. The cache key hashes the model in the canonical
//! encoding of `src/key/canonical.rs` (see [`crate::key`]): a field added here must be
//! added there, so that it changes the key of every snapshot that sets it.

use std::borrow::Cow;

use super::page::PageSetup;

/// A snapshot: the whole input document.
///
/// JSON shape (camelCase keys; only `title` is required):
///
/// ```json
/// { "title": "Q3 review", "subtitle": "Sales", "metadata": { "author": "Ann" },
///   "page": { "size": "A4", "margins": 50 },
///   "blocks": [ { "type": "paragraph", "text": "Hello" } ] }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot<'a> {
    /// The report title, printed at the top of the first page and stored as the PDF
    /// document title.
    pub title: Cow<'a, str>,
    /// A line under the title.
    pub subtitle: Option<Cow<'a, str>>,
    /// Document information (the PDF Info dictionary).
    pub metadata: Metadata<'a>,
    /// Paper size and margins, resolved to points.
    pub page: PageSetup,
    /// The running header, in the top margin of every page (`page.header`). Default
    /// none.
    pub header: Band<'a>,
    /// The running footer, in the bottom margin of every page (`page.footer`).
    /// Default `Page {page} of {pages}`, centred.
    pub footer: Band<'a>,
    /// The supplied fonts the text is set in, as a fallback chain (`"font": "DejaVu
    /// Sans"` or `["DejaVu Sans", "Noto Sans CJK"]`); empty for the standard fonts.
    pub font: Vec<Cow<'a, str>>,
    /// The chain for monospace runs (`monoFont`); empty: `font`'s.
    pub mono_font: Vec<Cow<'a, str>>,
    /// The content, in reading order.
    pub blocks: Vec<Block<'a>>,
}

/// Document information, written to the PDF Info dictionary (PDF 32000-1:2008, 14.3.3).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata<'a> {
    /// `/Author`.
    pub author: Option<Cow<'a, str>>,
    /// `/Subject`.
    pub subject: Option<Cow<'a, str>>,
    /// `/Keywords`, written joined by ", ".
    pub keywords: Vec<Cow<'a, str>>,
    /// `/CreationDate`, given as ISO 8601 text: `2024-05-01`, `2024-05-01T09:30:00Z` or
    /// `2024-05-01T09:30:00+02:00`. snapdf never reads a clock, so without it the PDF
    /// has no creation date.
    pub creation_date: Option<Cow<'a, str>>,
}

/// One element of a snapshot's content. The JSON `type` field picks the variant.
#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// `{"type": "heading", "level": 1, "text": "…"}`; level 1 to 3, default 1.
    Heading(Heading<'a>),
    /// `{"type": "paragraph", "text": "…"}`; `\n` forces a line break.
    Paragraph(Paragraph<'a>),
    /// `{"type": "bulletList", "items": ["…", "…"]}`.
    BulletList(BulletList<'a>),
    /// `{"type": "keyValue", "items": [{"key": "Owner", "value": "Ann"}]}`.
    KeyValue(KeyValue<'a>),
    /// `{"type": "table", "columns": ["A", "B"], "rows": [[1, "x"]]}`.
    Table(Table<'a>),
    /// `{"type": "numberedList", "items": ["…"], "start": 1}`.
    NumberedList(NumberedList<'a>),
    /// `{"type": "pageBreak"}`: what follows starts on a new page.
    PageBreak(Marker),
    /// `{"type": "rule"}`: a horizontal line across the content width.
    Rule(Marker),
    /// `{"type": "spacer", "height": 24}`: empty space, in points (default 12).
    Spacer(Spacer),
    /// `{"type": "documents", "items": [{"name": "a.pdf", "data": "<base64>"}]}`: a list
    /// of attached documents, embedded as PDF file attachments where their bytes are
    /// given.
    Documents(Documents<'a>),
    /// `{"type": "image", "data": "<base64 PNG or JPEG>", "width": 200, "caption": "…"}`.
    Image(ImageBlock<'a>),
}

impl Block<'_> {
    /// The JSON `type` names, in the order [`Block`] lists its variants.
    pub const TYPES: [&'static str; 11] = [
        "heading",
        "paragraph",
        "bulletList",
        "keyValue",
        "table",
        "numberedList",
        "pageBreak",
        "rule",
        "spacer",
        "documents",
        "image",
    ];
}

/// An image, with an optional caption under it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBlock<'a> {
    /// The PNG or JPEG file, as base64 (RFC 4648).
    pub data: super::attachment::Attachment,
    /// The width on the page: points, or a percentage of the content width (`"50%"`).
    /// Default: the image's own size (its stated resolution, else 96 pixels per inch),
    /// never wider than the content width or taller than the content height.
    pub width: Option<ColumnWidth>,
    /// Text under the image, centred, in italic.
    pub caption: Option<Cow<'a, str>>,
    /// Horizontal placement; default centred.
    pub align: Option<Align>,
}

/// A running header or footer: up to three pieces of text, at the left edge, the
/// centre and the right edge of the content width.
///
/// JSON: a string (centred), or `{"left": "…", "center": "…", "right": "…"}`, each
/// optional. The text may hold the placeholders `{page}` (this page's number),
/// `{pages}` (the number of pages), `{title}` and `{date}` (the date part of
/// `metadata.creationDate`, empty without one); see [`super::template`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Band<'a> {
    /// Text flush with the left margin.
    pub left: Option<Cow<'a, str>>,
    /// Text centred on the content width.
    pub center: Option<Cow<'a, str>>,
    /// Text flush with the right margin.
    pub right: Option<Cow<'a, str>>,
}

impl Band<'_> {
    /// The default footer: `Page {page} of {pages}`, centred.
    pub fn default_footer() -> Self {
        Band { left: None, center: Some(Cow::Borrowed("Page {page} of {pages}")), right: None }
    }

    /// The three pieces with their JSON field names, in the order left, center, right.
    pub fn parts(&self) -> [(&'static str, Option<&str>); 3] {
        [("left", self.left.as_deref()), ("center", self.center.as_deref()), ("right", self.right.as_deref())]
    }
}

/// A list of attached documents (a "room"'s files), printed as a table of name, media
/// type, size and SHA-256. Items whose bytes are given are also embedded as PDF file
/// attachments (PDF 32000-1:2008, 7.11.4), which a reader can save.
#[derive(Debug, Clone, PartialEq)]
pub struct Documents<'a> {
    /// The documents, in order.
    pub items: Vec<DocumentItem<'a>>,
}

/// One attached document.
///
/// JSON: `{"name": "contract.pdf", "mediaType": "application/pdf", "size": 48213,
/// "sha256": "<64 hex digits>", "description": "…", "data": "<base64>"}`; only `name`
/// is required. Where `data` is given, `size` and `sha256` (if also given) must match
/// it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentItem<'a> {
    /// The file name, shown in the list and offered by the reader when saving.
    pub name: Cow<'a, str>,
    /// The media (MIME) type, such as `application/pdf`.
    pub media_type: Option<Cow<'a, str>>,
    /// The size in bytes.
    pub size: Option<u64>,
    /// The SHA-256 digest of the bytes, as 64 hexadecimal digits.
    pub sha256: Option<Cow<'a, str>>,
    /// A line of text about the document.
    pub description: Option<Cow<'a, str>>,
    /// The bytes, given as base64 (RFC 4648, section 4) and decoded when parsed.
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
#[derive(Debug, Clone, PartialEq)]
pub struct NumberedList<'a> {
    /// The items, in order; an item may hold a nested list, numbered from 1.
    pub items: Vec<ListItem<'a>>,
    /// The number of the first item. Default 1.
    pub start: u32,
}

impl NumberedList<'_> {
    /// The number of the first item when not given.
    pub const DEFAULT_START: u32 = 1;
}

/// A block with no content of its own (a page break, a rule).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {}

/// Empty vertical space.
#[derive(Debug, Clone, PartialEq)]
pub struct Spacer {
    /// Height in points, 0 to 1,000. Default 12.
    pub height: f64,
}

impl Spacer {
    /// The height when not given, in points.
    pub const DEFAULT_HEIGHT: f64 = 12.0;
}

/// A section heading. Headings make the PDF outline; one with an `id` is the target
/// of links written `"#id"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading<'a> {
    /// 1 (largest) to 3.
    pub level: u8,
    /// The heading text.
    pub text: Cow<'a, str>,
    /// A name for links to this heading (`{"link": "#id"}`), unique in the snapshot.
    pub id: Option<Cow<'a, str>>,
    /// Horizontal alignment; default left.
    pub align: Option<TextAlign>,
}

impl Heading<'_> {
    /// The level when not given.
    pub const DEFAULT_LEVEL: u8 = 1;
}

/// A paragraph of body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph<'a> {
    /// The text: a string or runs; spaces at a line break are dropped, `\n` breaks
    /// the line.
    pub text: Text<'a>,
    /// Horizontal alignment; default left.
    pub align: Option<TextAlign>,
    /// Distance between baselines as a multiple of the font size, 0.8 to 4; default 1.4.
    pub line_height: Option<f64>,
}

/// A list of items, each marked with a bullet.
#[derive(Debug, Clone, PartialEq)]
pub struct BulletList<'a> {
    /// The items, in order; an item may hold a nested list.
    pub items: Vec<ListItem<'a>>,
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

/// A piece of text with one style. JSON: a string (plain), or `{"text": "…", "bold":
/// true, "italic": true, "mono": true, "color": "#c0392b", "link": "https://…"}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// Set in the bold face.
    pub bold: bool,
    /// Set in the oblique face.
    pub italic: bool,
    /// Set in Courier (monospace).
    pub mono: bool,
    /// Text colour; default the block's (links default to blue).
    pub color: Option<Color>,
    /// A link: an `http:`, `https:` or `mailto:` URL, or `#id` for the heading with
    /// that `id`.
    pub link: Option<Cow<'a, str>>,
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

/// One list item: its text, and optionally a nested list of the same kind.
///
/// JSON: a string, runs (see [`Text`]), or `{"text": …, "items": [ … ]}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem<'a> {
    /// The item's text.
    pub text: Text<'a>,
    /// Nested items, indented one level further.
    pub items: Vec<ListItem<'a>>,
}

/// Horizontal alignment of a paragraph or heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAlign {
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right, ragged left.
    Right,
    /// Flush on both sides: the spaces of every line but a paragraph's last (and the
    /// last before a `\n`) are widened.
    Justify,
}

/// A two-column table of labelled values ("Owner: Ann").
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValue<'a> {
    /// The rows, in order.
    pub items: Vec<KeyValueItem<'a>>,
}

/// One row of a [`KeyValue`] block.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValueItem<'a> {
    /// The label, printed in bold.
    pub key: Cow<'a, str>,
    /// The value: a string, number, boolean or null.
    pub value: Cell<'a>,
}

/// A data table: a header row and rows of cells. Its header row repeats on every page
/// it spans, and a row is never cut in half unless it is taller than a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    /// The columns, each a header string or `{"header": "…", "align": "right"}`.
    pub columns: Vec<Column<'a>>,
    /// The rows; each has exactly one cell per column.
    pub rows: Vec<Vec<Cell<'a>>>,
    /// A totals row after the last row, in bold under a heavier rule; one cell per
    /// column.
    pub totals: Option<Vec<Cell<'a>>>,
    /// Shade every other row. Default false.
    pub zebra: bool,
}

/// A data table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column<'a> {
    /// The header text.
    pub header: Cow<'a, str>,
    /// Horizontal alignment of the column's cells; `None` aligns numbers right and
    /// anything else left.
    pub align: Option<Align>,
    /// The column's width; `None` sizes it from its content.
    pub width: Option<ColumnWidth>,
}

/// A column width. JSON: a number of points, a percentage of the content width as a
/// string (`"25%"`), or `"auto"` (from the content, the default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// Points.
    Points(f64),
    /// Percent of the content width, 0 to 100.
    Percent(f64),
}

/// Horizontal alignment of text in a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        Heading { level, text: text.into(), id: None, align: None }
    }
}
