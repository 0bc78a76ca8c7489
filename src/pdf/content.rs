//! Page content streams: the operators that paint one laid-out page.
//!
//! The page's background colour comes first, then boxes' panels, then fills, then images, shapes and
//! rules, then all text of the page in a single text object (`BT … ET`). Inside it, each line moves from the previous one with `Td` (relative
//! positioning, PDF 32000-1:2008, 9.4.2), and font and colour operators are written
//! only when they change.

use super::fonts::{Embedded, Shown};
use super::ops::{COLOR, Ops, POINTS, to_fixed};
use crate::fonts::FaceId;
use crate::layout::{FaceRef, GlyphRun, Layout, Page, PlacedImage, PlacedWatermark, Rgb, TextItem};

/// The uncompressed content stream of `page`; `embedded` encodes text set in
/// supplied faces.
pub fn page_content(layout: &Layout, (page, first): (&Page, bool), embedded: &Embedded) -> Vec<u8> {
    let mut ops = Ops::with_capacity(64 + page.texts.len() * 40 + page.rules.len() * 32);
    if let Some(color) = layout.background {
        set_fill_color(&mut ops, color);
        ops.num(0.0, POINTS).num(0.0, POINTS).num(layout.width, POINTS).num(layout.height, POINTS).op("re");
        ops.op("f");
    }
    let watermark = layout.watermark.as_ref().filter(|w| first || !w.first_page_only);
    if let Some(w) = watermark.filter(|w| !w.over) {
        paint_watermark(&mut ops, layout, w, embedded);
    }
    super::panels::paint(&mut ops, page, set_fill_color);
    paint_fills(&mut ops, page);
    paint_figures(&mut ops, &page.images, super::images::resource_name);
    paint_figures(&mut ops, &page.drawings, super::drawing_name);
    paint_paths(&mut ops, page);
    paint_shapes(&mut ops, page);
    paint_dots(&mut ops, page);
    paint_rules(&mut ops, page);
    paint_texts(&mut ops, layout, page, embedded);
    if let Some(w) = watermark.filter(|w| w.over) {
        paint_watermark(&mut ops, layout, w, embedded);
    }
    ops.finish()
}

/// The resource name of the graphics state that gives the watermark its opacity.
pub const WATERMARK_STATE: &str = "GSw";

/// The watermark, marked as an artifact of pagination (PDF 32000-1:2008, 14.8.2.2) in
/// its own graphics state: its opacity from [`WATERMARK_STATE`], its line turned by the
/// text matrix (9.4.2), each piece moved along the line from the one before.
fn paint_watermark(ops: &mut Ops, layout: &Layout, w: &PlacedWatermark, embedded: &Embedded) {
    ops.op("q");
    ops.name("Artifact").raw(b"<</Type/Pagination/Subtype/Watermark>>").op("BDC");
    ops.name(WATERMARK_STATE).op("gs");
    ops.op("BT");
    let (sin, cos) = w.angle.sin_cos();
    ops.num(cos, 4).num(sin, 4).num(-sin, 4).num(cos, 4).num(w.origin.0, POINTS).num(w.origin.1, POINTS).op("Tm");
    let mut x = 0.0;
    for item in &w.items {
        select_font(ops, item);
        set_fill_color(ops, item.color);
        if item.x != x {
            ops.num(item.x - x, POINTS).num(0.0, POINTS).op("Td");
            x = item.x;
        }
        show(ops, layout, item, embedded);
    }
    ops.op("ET");
    ops.op("EMC");
    ops.op("Q");
}

/// `Tf`: the item's face and size.
fn select_font(ops: &mut Ops, item: &TextItem) {
    match item.font {
        FaceRef::Standard(f) => ops.name(f.resource_name()),
        FaceRef::Embedded(id) => ops.name(&Embedded::resource_name(id)),
    };
    ops.num(item.size, POINTS).op("Tf");
}

/// Shows the item's text: WinAnsi bytes as they are, or supplied faces' glyphs.
fn show(ops: &mut Ops, layout: &Layout, item: &TextItem, embedded: &Embedded) {
    let text = layout.text(item);
    match (item.font, layout.glyphs(item)) {
        (FaceRef::Standard(_), _) => ops.string(text).op("Tj"),
        (FaceRef::Embedded(id), Some(run)) => show_shaped(ops, (id, text, run), item, embedded),
        (FaceRef::Embedded(id), None) => show_runs(ops, &embedded.encode(id, text, item.word_spacing, item.size)),
    }
}

/// Shows shaped glyphs ([`Embedded::encode_shaped`]): each segment at its rise (`Ts`,
/// reset to 0 after), within its `/ActualText` span if it has one.
fn show_shaped(ops: &mut Ops, (id, text, run): (FaceId, &[u8], &GlyphRun), item: &TextItem, embedded: &Embedded) {
    let mut risen = 0.0;
    for segment in embedded.encode_shaped(id, (text, run), item.word_spacing, item.size) {
        if let Some(actual) = &segment.begin {
            begin_actual_text(ops, actual.as_bytes());
        }
        if segment.rise != risen {
            ops.num(segment.rise, POINTS).op("Ts");
            risen = segment.rise;
        }
        show_runs(ops, &segment.runs);
        if segment.end {
            ops.op("EMC");
        }
    }
    if risen != 0.0 {
        ops.num(0.0, POINTS).op("Ts");
    }
}

/// Opens a marked-content span whose `/ActualText` is `text` (UTF-8; PDF 32000-1:2008,
/// 14.9.4): what extraction, search and screen readers take for the glyphs inside.
fn begin_actual_text(ops: &mut Ops, text: &[u8]) {
    let utf16: Vec<u8> = String::from_utf8_lossy(text).encode_utf16().flat_map(u16::to_be_bytes).collect();
    let dict = format!("<</ActualText<FEFF{}>>>", hex(&utf16));
    ops.name("Span").raw(dict.as_bytes()).op("BDC");
}

/// `bytes` as upper-case hexadecimal digits.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn paint_fills(ops: &mut Ops, page: &Page) {
    let mut color = None;
    for f in &page.fills {
        if color != Some(f.color) {
            set_fill_color(ops, f.color);
            color = Some(f.color);
        }
        ops.num(f.x, POINTS).num(f.y, POINTS).num(f.width, POINTS).num(f.height, POINTS).op("re");
        ops.op("f");
    }
}

/// Each image or drawing is a unit square scaled and moved into place (PDF
/// 32000-1:2008, 8.3.4), painted by its resource name.
fn paint_figures(ops: &mut Ops, figures: &[PlacedImage], name: fn(usize) -> String) {
    for placed in figures {
        ops.op("q");
        ops.num(placed.width, POINTS).num(0.0, POINTS).num(0.0, POINTS).num(placed.height, POINTS);
        ops.num(placed.x, POINTS).num(placed.y, POINTS).op("cm");
        ops.name(&name(placed.index)).op("Do");
        ops.op("Q");
    }
}

/// Polylines stroked (butt caps, miter joins: the defaults) and polygons filled with
/// the nonzero rule, each in its colour; the line width and colours are written only
/// when they change.
fn paint_paths(ops: &mut Ops, page: &Page) {
    let (mut fill, mut stroke, mut width) = (None, None, None);
    for path in &page.paths {
        let Some(([x, y], rest)) = path.points.split_first().map(|(f, r)| (*f, r)) else { continue };
        if path.fill && fill != Some(path.color) {
            set_fill_color(ops, path.color);
            fill = Some(path.color);
        }
        if !path.fill {
            if stroke != Some(path.color) {
                set_stroke_color(ops, path.color);
                stroke = Some(path.color);
            }
            if width != Some(path.width) {
                ops.num(path.width, POINTS).op("w");
                width = Some(path.width);
            }
        }
        ops.num(x, POINTS).num(y, POINTS).op("m");
        for &[x, y] in rest {
            ops.num(x, POINTS).num(y, POINTS).op("l");
        }
        ops.op(if path.fill { "f" } else { "S" });
    }
}

/// Each shape is one path of rectangles, filled with the nonzero winding rule
/// (PDF 32000-1:2008, 8.5.3.3.2): their union, with no seam where two touch.
fn paint_shapes(ops: &mut Ops, page: &Page) {
    for shape in &page.shapes {
        let Rgb(r, g, b) = shape.color;
        match shape.color.as_gray() {
            Some(gray) => ops.num(gray, COLOR).op("g"),
            None => ops.num(r, COLOR).num(g, COLOR).num(b, COLOR).op("rg"),
        };
        for &[x, y, w, h] in &shape.rects {
            ops.num(x, POINTS).num(y, POINTS).num(w, POINTS).num(h, POINTS).op("re");
        }
        ops.op("f");
    }
}

/// Each set of dots is one stroked path of segments 0.01 pt long (one unit of
/// [`POINTS`]), with round caps as wide as the dot (PDF 32000-1:2008, 8.4.3.3): a
/// filled circle each, in 4 numbers where a circle of four Bézier curves takes 26. The
/// caps are set inside `q` … `Q`, which restores the butt caps the rules are drawn with.
fn paint_dots(ops: &mut Ops, page: &Page) {
    for dots in &page.dots {
        ops.op("q");
        ops.num(1.0, 0).op("J");
        ops.num(dots.radius * 2.0, POINTS).op("w");
        set_stroke_color(ops, dots.color);
        for &[x, y] in &dots.centers {
            let (x, y) = (to_fixed(x, POINTS), to_fixed(y, POINTS));
            ops.fixed(x, POINTS).fixed(y, POINTS).op("m");
            ops.fixed(x + 1, POINTS).fixed(y, POINTS).op("l");
        }
        ops.op("S");
        ops.op("Q");
    }
}

fn paint_rules(ops: &mut Ops, page: &Page) {
    let (mut color, mut thickness) = (None, None);
    for rule in &page.rules {
        if color != Some(rule.color) {
            set_stroke_color(ops, rule.color);
            color = Some(rule.color);
        }
        if thickness != Some(rule.thickness) {
            ops.num(rule.thickness, POINTS).op("w");
            thickness = Some(rule.thickness);
        }
        ops.num(rule.x1, POINTS).num(rule.y, POINTS).op("m");
        ops.num(rule.x2, POINTS).num(rule.y, POINTS).op("l");
        ops.op("S");
    }
}

fn paint_texts(ops: &mut Ops, layout: &Layout, page: &Page, embedded: &Embedded) {
    if page.texts.is_empty() {
        return;
    }
    ops.op("BT");
    let mut font: Option<(FaceRef, f32)> = None;
    let mut color = None;
    let mut word_spacing = 0.0;
    let (mut x, mut y) = (0, 0);
    for item in &page.texts {
        if font != Some((item.font, item.size)) {
            select_font(ops, item);
            font = Some((item.font, item.size));
        }
        if color != Some(item.color) {
            set_fill_color(ops, item.color);
            color = Some(item.color);
        }
        // Positions in whole 1/100 pt, so that the relative moves add up exactly.
        let (nx, ny) = (to_fixed(item.x, POINTS), to_fixed(item.y, POINTS));
        ops.fixed(nx - x, POINTS).fixed(ny - y, POINTS).op("Td");
        (x, y) = (nx, ny);
        if layout.text(item).is_empty() {
            continue;
        }
        if matches!(item.font, FaceRef::Standard(_)) && word_spacing != item.word_spacing {
            ops.num(item.word_spacing, POINTS).op("Tw");
            word_spacing = item.word_spacing;
        }
        show(ops, layout, item, embedded);
    }
    ops.op("ET");
}

/// `G` for a grey, `RG` for any other stroke colour.
fn set_stroke_color(ops: &mut Ops, color: Rgb) {
    match color.as_gray() {
        Some(g) => ops.num(g, COLOR).op("G"),
        None => ops.num(color.0, COLOR).num(color.1, COLOR).num(color.2, COLOR).op("RG"),
    };
}

/// `g` for a grey, `rg` for any other colour.
fn set_fill_color(ops: &mut Ops, color: Rgb) {
    match color.as_gray() {
        Some(g) => ops.num(g, COLOR).op("g"),
        None => ops.num(color.0, COLOR).num(color.1, COLOR).num(color.2, COLOR).op("rg"),
    }
}

/// Shows runs of 2-byte CIDs: with `Tj` when there is one run and nothing to adjust,
/// else as a `TJ` array with each run's adjustment after it.
fn show_runs(ops: &mut Ops, runs: &[Shown]) {
    if let [(cids, adjust)] = runs
        && *adjust == 0.0
    {
        ops.string(cids).op("Tj");
        return;
    }
    ops.open_array();
    for (cids, adjust) in runs {
        if !cids.is_empty() {
            ops.string(cids);
        }
        if *adjust != 0.0 {
            ops.num(*adjust, POINTS);
        }
    }
    ops.close_array().op("TJ");
}
