//! The typographic style of a report: sizes, leading and spacing, in points.
//!
//! One place for every number that shapes the page, so the look can be tuned without
//! touching the layout logic.

use super::Rgb;
use super::font::Font;

/// How one kind of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// The font.
    pub font: Font,
    /// Font size in points.
    pub size: f32,
    /// Distance between baselines in points.
    pub leading: f32,
    /// The text colour.
    pub color: Rgb,
}

impl TextStyle {
    const fn new(font: Font, size: f32, leading: f32, gray: f32) -> Self {
        TextStyle { font, size, leading, color: Rgb::gray(gray) }
    }

    /// The style at `scale` times its size and leading.
    pub fn scaled(self, scale: f32) -> Self {
        TextStyle { size: self.size * scale, leading: self.leading * scale, ..self }
    }

    /// Distance from the top of a line box to its baseline: half the extra leading
    /// plus the font's ascender.
    pub fn baseline_offset(&self) -> f32 {
        (self.leading - self.size) / 2.0 + self.size * super::font::ASCENDER / 1000.0
    }
}

/// Near-black for body text: softer on screen than pure black.
const INK: f32 = 0.13;

/// The report title on page 1.
pub const TITLE: TextStyle = TextStyle::new(Font::Bold, 20.0, 25.0, INK);
/// The line under the title.
pub const SUBTITLE: TextStyle = TextStyle::new(Font::Regular, 12.0, 16.0, 0.4);
/// Headings of level 1, 2 and 3.
pub const HEADINGS: [TextStyle; 3] = [
    TextStyle::new(Font::Bold, 15.0, 19.0, INK),
    TextStyle::new(Font::Bold, 12.5, 16.0, INK),
    TextStyle::new(Font::Bold, 10.5, 14.0, INK),
];
/// Space above a heading of level 1, 2 and 3.
pub const HEADING_SPACE_BEFORE: [f32; 3] = [10.0, 8.0, 6.0];
/// Paragraphs and list items.
pub const BODY: TextStyle = TextStyle::new(Font::Regular, 10.0, 14.0, INK);
/// Table and key/value cells.
pub const CELL: TextStyle = TextStyle::new(Font::Regular, 8.5, 11.0, INK);
/// The smallest size table cells shrink to when a table's numbers and header words do
/// not fit the page at [`CELL`]'s size: 6 points, about 70 % of it (a choice: below
/// it, wrapping the words reads better than smaller type).
pub const MIN_CELL_SIZE: f32 = 6.0;
/// Monospace table cells (digests), smaller so a SHA-256 fits a column.
pub const CELL_MONO: TextStyle = TextStyle::new(Font::Mono, 6.5, 11.0, INK);
/// Table header cells and key/value keys.
pub const CELL_BOLD: TextStyle = TextStyle::new(Font::Bold, 8.5, 11.0, INK);
/// Image captions.
pub const CAPTION: TextStyle = TextStyle::new(Font::Italic, 8.5, 11.0, 0.35);
/// Space between an image and its caption.
pub const CAPTION_GAP: f32 = 4.0;
/// Pixels per inch of an image that does not state its resolution: the CSS reference
/// pixel (CSS Values and Units Level 3, 5.2: 1px = 1/96 in).
pub const DEFAULT_DPI: f32 = 96.0;
/// The "(continued)" mark under a table row split across pages.
pub const CONTINUED: TextStyle = TextStyle::new(Font::Italic, 7.0, 9.0, 0.45);
/// The running header and footer ("Page X of Y").
pub const FOOTER: TextStyle = TextStyle::new(Font::Regular, 8.0, 10.0, 0.45);

/// Links without a colour of their own: a blue that reads as a link on white.
pub const LINK: super::Rgb = super::Rgb(0.05, 0.33, 0.73);

/// Space after every block.
pub const BLOCK_SPACE: f32 = 8.0;
/// Space between the title area and the first block.
pub const TITLE_SPACE: f32 = 14.0;
/// Indent of a bullet list item's text from the margin.
pub const BULLET_INDENT: f32 = 14.0;
/// Indent of the bullet itself.
pub const BULLET_OFFSET: f32 = 3.0;
/// Space between a list number ("12.") and the item's text.
pub const NUMBER_GAP: f32 = 4.0;
/// Height taken by a horizontal rule block, the line in its middle.
pub const RULE_SPACE: f32 = 8.0;
/// Horizontal padding inside a table cell.
pub const CELL_PAD_X: f32 = 4.0;
/// Vertical padding inside a table cell.
pub const CELL_PAD_Y: f32 = 3.0;
/// Background of table header rows.
pub const HEADER_FILL: f32 = 0.9;
/// Background of every other row of a table with `zebra`.
pub const ZEBRA_FILL: f32 = 0.955;
/// The rule above a totals row: heavier and darker than the rules between rows.
pub const TOTALS_RULE_THICKNESS: f32 = 1.0;
/// Grey of the rule above a totals row.
pub const TOTALS_RULE_GRAY: f32 = 0.35;
/// Rules between table rows and under the title.
pub const RULE_GRAY: f32 = 0.8;
/// Thickness of rules between table rows.
pub const RULE_THICKNESS: f32 = 0.5;
/// Widest share of the content width the key column of a key/value table may take.
pub const KEY_COLUMN_MAX: f32 = 0.35;
/// Lines of body text a heading needs below it on its page (keep-with-next).
pub const HEADING_KEEP_LINES: f32 = 2.0;
