//! Layout: from a validated snapshot to positioned text and shapes on pages.
//!
//! The layout measures text with the real AFM widths of Helvetica and Helvetica-Bold,
//! wraps it greedily ([`wrap`]), flows blocks down the page and breaks pages
//! automatically (the `flow` module), lays out tables whose header row repeats on every page
//! (the `table` module), and finally adds the running header and footer (by default
//! "Page X of Y") to every page.
//!
//! Coordinates are PDF user space: points, origin at the bottom-left corner of the
//! page, y growing upwards. Text is kept as WinAnsi bytes: either borrowed from the
//! snapshot (ASCII text) or encoded once into [`Layout::strings`]; items refer to
//! byte ranges of those strings, so no line is copied.

mod afm_widths;
mod axis;
mod boxes;
mod chart;
mod columns;
pub mod complex;
pub mod faces;
mod flow;
pub mod font;
pub mod hyphenate;
mod list;
mod logo;
mod pie;
pub mod style;
mod table;
mod text;
mod theme;
mod watermark;
pub mod winansi;
pub mod wrap;
mod xy;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::document::Snapshot;
pub use faces::{Chains, FaceRef, Faces};
pub use font::Font;
pub use watermark::PlacedWatermark;

/// A laid-out document: every page's items, ready for PDF assembly.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout<'a> {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// WinAnsi-encoded strings that [`TextItem`]s point into.
    pub strings: Vec<Cow<'a, [u8]>>,
    /// The pages, in order; never empty.
    pub pages: Vec<Page<'a>>,
    /// Where each heading landed, in reading order (for the outline).
    pub headings: Vec<HeadingMark<'a>>,
    /// The styles text was set in with supplied fonts, one bit per [`Font`] (`1 << style`);
    /// 0 for the standard fonts. [`faces::substitutions`] reads it.
    pub styles: u8,
    /// The tables whose columns need more than the content width with their numbers
    /// and header words whole, in order.
    pub wide_tables: Vec<WideTable>,
    /// With `"auto"` orientation, the table that turned the pages to landscape (as it
    /// measured in portrait); `None` when they stayed portrait.
    pub turned: Option<WideTable>,
    /// The colour of every page, painted behind everything; `None` for white paper
    /// (nothing painted).
    pub background: Option<Rgb>,
    /// The watermark, if the snapshot has one.
    pub watermark: Option<PlacedWatermark>,
    /// The glyphs of shaped text items ([`TextItem::glyphs`] indexes them): complex
    /// text (right to left, joined or reordered: [`complex`]) as the shaper set it.
    pub glyph_runs: Vec<GlyphRun>,
}

/// A table too wide for the content width with its numbers and header words whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WideTable {
    /// Index of its block in the snapshot's `blocks`.
    pub block: usize,
    /// Width in points its columns need, at the styled size ([`style::CELL`]).
    pub needed: f32,
    /// The content width in points.
    pub width: f32,
    /// The size in points its cells were set at: below [`style::CELL`]'s when the type
    /// shrank to fit, down to [`style::MIN_CELL_SIZE`].
    pub size: f32,
    /// Whether its numbers and header words stay whole at that size.
    pub whole: bool,
}

/// Where a heading was placed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadingMark<'a> {
    /// Index of its page, from 0.
    pub page: usize,
    /// y of the top of its first line, in points.
    pub y: f32,
    /// Its level, 1 to 3.
    pub level: u8,
    /// Its text.
    pub text: &'a str,
    /// Its `id`, the target of `#id` links.
    pub id: Option<&'a str>,
}

impl Layout<'_> {
    /// What the layout did that the snapshot did not spell out: tables shrunk or
    /// broken to fit, pages turned by `"auto"` orientation (see [`Layout::wide_tables`]).
    pub fn warnings(&self) -> Vec<crate::document::Warning> {
        columns::warnings(&self.wide_tables, self.turned.as_ref(), self.width > self.height)
    }

    /// The bytes a text item shows: WinAnsi, or UTF-8 in a supplied face (for a
    /// shaped item, the text its glyphs came from, in logical order).
    pub fn text(&self, item: &TextItem) -> &[u8] {
        &self.strings[item.string as usize][item.start as usize..item.end as usize]
    }

    /// The glyphs of a shaped item, left to right, their clusters byte offsets into
    /// [`Layout::text`]; `None` for an item drawn character by character.
    /// Always `None` in builds without the `media` feature, which shape nothing.
    pub fn glyphs(&self, item: &TextItem) -> Option<&GlyphRun> {
        if !crate::MEDIA {
            return None;
        }
        self.glyph_runs.get(item.glyphs as usize)
    }
}

impl Layout<'_> {
    /// Every text item: the pages' and the watermark's.
    pub fn text_items(&self) -> impl Iterator<Item = &TextItem> {
        self.pages.iter().flat_map(|p| &p.texts).chain(self.watermark.iter().flat_map(|w| &w.items))
    }
}

/// What one page shows. Boxes' panels are painted first, then fills, then rules, then text; links are
/// areas a reader makes clickable.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page<'a> {
    /// Boxes' fills and borders, painted first (under everything of the blocks inside
    /// them), an outer box before the boxes inside it.
    pub panels: Vec<Panel>,
    /// Filled rectangles (table header backgrounds).
    pub fills: Vec<Fill>,
    /// Straight lines (rules under the title and between table rows).
    pub rules: Vec<Rule>,
    /// Images, painted after the fills.
    pub images: Vec<PlacedImage>,
    /// SVG drawings (`index` counts the drawings), painted after the images.
    pub drawings: Vec<PlacedImage>,
    /// Polylines and polygons (a chart's gridlines, lines and areas), painted after the
    /// drawings.
    pub paths: Vec<PathItem>,
    /// Filled vector shapes (QR codes, a chart's bars), painted after the paths.
    pub shapes: Vec<Shape>,
    /// Filled circles (a scatter chart's points), painted after the shapes.
    pub dots: Vec<Dots>,
    /// Lines of text, or pieces of a line in one style.
    pub texts: Vec<TextItem>,
    /// Clickable areas.
    pub links: Vec<LinkArea<'a>>,
}

/// An RGB colour, each component 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// A grey level, 0 (black) to 1 (white).
    pub const fn gray(g: f32) -> Rgb {
        Rgb(g, g, g)
    }

    /// The grey level, if the colour is a grey.
    pub fn as_gray(self) -> Option<f32> {
        (self.0 == self.1 && self.1 == self.2).then_some(self.0)
    }
}

/// Rectangles filled in one colour as one path (one `f` operator: no seams where they
/// touch).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Each rectangle's left, bottom, width and height, in points.
    pub rects: Vec<[f32; 4]>,
    /// The fill colour.
    pub color: Rgb,
}

/// Filled circles of one size and colour (a scatter chart's dots): one path, stroked
/// with round caps.
#[derive(Debug, Clone, PartialEq)]
pub struct Dots {
    /// Each circle's centre, in points.
    pub centers: Vec<[f32; 2]>,
    /// The radius, in points.
    pub radius: f32,
    /// The fill colour.
    pub color: Rgb,
}

/// A polyline or polygon, stroked or filled in one colour.
#[derive(Debug, Clone, PartialEq)]
pub struct PathItem {
    /// Its points, in points.
    pub points: Vec<[f32; 2]>,
    /// Filled (a closed polygon, nonzero rule) in its colour, else stroked.
    pub fill: bool,
    /// The colour.
    pub color: Rgb,
    /// The line width in points (stroked paths).
    pub width: f32,
}

/// An image placed on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedImage {
    /// Which image: the n-th image block of the snapshot, from 0.
    pub index: usize,
    /// Left edge in points.
    pub x: f32,
    /// Bottom edge in points.
    pub y: f32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
}

/// An area of a page that links somewhere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkArea<'a> {
    /// Left, bottom, right, top in points.
    pub rect: [f32; 4],
    /// An `http:`, `https:` or `mailto:` URL, or `#id` of a heading.
    pub target: &'a str,
}

/// One line of text at a position, or a piece of a line in one style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextItem {
    /// The face.
    pub font: FaceRef,
    /// Font size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Rgb,
    /// Extra width of each space, in points (justified lines; PDF `Tw`).
    pub word_spacing: f32,
    /// x of the start of the baseline, in points.
    pub x: f32,
    /// y of the baseline, in points.
    pub y: f32,
    /// Index into [`Layout::strings`].
    pub string: u32,
    /// Start of the line in that string, in bytes.
    pub start: u32,
    /// End (exclusive) of the line in that string, in bytes.
    pub end: u32,
    /// Index into [`Layout::glyph_runs`] of a shaped item's glyphs, or [`UNSHAPED`].
    pub glyphs: u32,
}

/// The glyphs of a shaped text item, as the shaper placed them.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// The glyphs, left to right; their clusters are byte offsets into the item's text.
    pub glyphs: Vec<crate::fonts::Glyph>,
    /// Whether the text runs right to left (the glyphs are then in the reverse of the
    /// text's order).
    pub rtl: bool,
}

/// [`TextItem::glyphs`] of an item drawn character by character.
pub const UNSHAPED: u32 = u32::MAX;

/// A filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    /// Left edge in points.
    pub x: f32,
    /// Bottom edge in points.
    pub y: f32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The fill colour.
    pub color: Rgb,
}

/// A box's piece on one page: its fill and border, a rectangle with rounded corners.
/// Where the page cuts the box, the piece's edge has no border and square corners.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    /// Left, bottom, width and height of the border's outer edge, in points.
    pub rect: [f32; 4],
    /// The radius of each corner in points: top left, top right, bottom right, bottom
    /// left.
    pub radii: [f32; 4],
    /// The fill colour, if any.
    pub fill: Option<Rgb>,
    /// The border's width on each side in points: top, right, bottom, left (0: none).
    pub border: [f32; 4],
    /// The border's colour.
    pub border_color: Rgb,
}

/// A horizontal line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start x in points.
    pub x1: f32,
    /// End x in points.
    pub x2: f32,
    /// y in points.
    pub y: f32,
    /// Line width in points.
    pub thickness: f32,
    /// The colour.
    pub color: Rgb,
}

/// Lays out a validated snapshot in the standard fonts, Helvetica or the Times family
/// it names (see
/// [`crate::document::validate`]; layout of an unvalidated one is safe but may print
/// `?` for characters it cannot encode).
pub fn layout<'a>(snapshot: &'a Snapshot<'a>) -> Layout<'a> {
    let book = crate::fonts::FontBook::default();
    let chains = Chains::new(snapshot, &book); // the standard family the snapshot names
    // Validation has parsed every drawing; one it let through always parses.
    let drawings = crate::svg::parse_all(snapshot).unwrap_or_default();
    let sizes: Vec<(f32, f32)> = drawings.iter().map(crate::svg::Drawing::size).collect();
    flow::Flow::run(snapshot, Faces::new(&book, &chains), &sizes)
}

/// Lays out a validated snapshot in `faces` (the standard fonts, or the fonts the
/// snapshot names from those supplied); `drawings` are the sizes in points of its SVG
/// drawings in block order ([`crate::svg::Drawing::size`]).
pub fn layout_with<'a>(snapshot: &'a Snapshot<'a>, faces: Faces<'_>, drawings: &[(f32, f32)]) -> Layout<'a> {
    flow::Flow::run(snapshot, faces, drawings)
}
