//! Page content streams: the operators that paint one laid-out page.
//!
//! Fills come first, then rules, then all text of the page in a single text object
//! (`BT … ET`). Inside it, each line moves from the previous one with `Td` (relative
//! positioning, PDF 32000-1:2008, 9.4.2), and font and colour operators are written
//! only when they change.

use pdf_writer::{Content, Name, Str};

use super::fonts::{Embedded, Shown};
use crate::layout::{FaceRef, Layout, Page};

/// Rounds a coordinate to 1/100 pt: well below what a reader can show, and it keeps
/// the numbers in the stream short.
fn r(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The uncompressed content stream of `page`; `embedded` encodes text set in
/// supplied faces.
pub fn page_content(layout: &Layout, page: &Page, embedded: &Embedded) -> Vec<u8> {
    let mut content = Content::with_capacity(64 + page.texts.len() * 24);
    paint_fills(&mut content, page);
    paint_images(&mut content, page);
    paint_rules(&mut content, page);
    paint_texts(&mut content, layout, page, embedded);
    content.finish().into_vec()
}

fn paint_fills(content: &mut Content, page: &Page) {
    let mut gray = None;
    for f in &page.fills {
        if gray != Some(f.gray) {
            content.set_fill_gray(f.gray);
            gray = Some(f.gray);
        }
        content.rect(r(f.x), r(f.y), r(f.width), r(f.height)).fill_nonzero();
    }
}

/// Each image is a unit square scaled and moved into place (PDF 32000-1:2008, 8.3.4).
fn paint_images(content: &mut Content, page: &Page) {
    for placed in &page.images {
        let name = super::images::resource_name(placed.index);
        content.save_state();
        content.transform([r(placed.width), 0.0, 0.0, r(placed.height), r(placed.x), r(placed.y)]);
        content.x_object(Name(name.as_bytes()));
        content.restore_state();
    }
}

fn paint_rules(content: &mut Content, page: &Page) {
    let (mut gray, mut thickness) = (None, None);
    for rule in &page.rules {
        if gray != Some(rule.gray) {
            content.set_stroke_gray(rule.gray);
            gray = Some(rule.gray);
        }
        if thickness != Some(rule.thickness) {
            content.set_line_width(rule.thickness);
            thickness = Some(rule.thickness);
        }
        content.move_to(r(rule.x1), r(rule.y)).line_to(r(rule.x2), r(rule.y)).stroke();
    }
}

fn paint_texts(content: &mut Content, layout: &Layout, page: &Page, embedded: &Embedded) {
    if page.texts.is_empty() {
        return;
    }
    content.begin_text();
    let mut font: Option<(FaceRef, f32)> = None;
    let mut color = None;
    let mut word_spacing = 0.0;
    let (mut x, mut y) = (0.0, 0.0);
    for item in &page.texts {
        if font != Some((item.font, item.size)) {
            let name = match item.font {
                FaceRef::Standard(f) => f.resource_name().to_owned(),
                FaceRef::Embedded(id) => Embedded::resource_name(id),
            };
            content.set_font(Name(name.as_bytes()), item.size);
            font = Some((item.font, item.size));
        }
        if color != Some(item.color) {
            match item.color.as_gray() {
                Some(g) => content.set_fill_gray(g),
                None => content.set_fill_rgb(item.color.0, item.color.1, item.color.2),
            };
            color = Some(item.color);
        }
        let (nx, ny) = (r(item.x), r(item.y));
        content.next_line(r(nx - x), r(ny - y));
        (x, y) = (nx, ny);
        let text = layout.text(item);
        if text.is_empty() {
            continue;
        }
        match item.font {
            FaceRef::Standard(_) => {
                if word_spacing != item.word_spacing {
                    content.set_word_spacing(r(item.word_spacing));
                    word_spacing = item.word_spacing;
                }
                content.show(Str(text));
            }
            FaceRef::Embedded(id) => show_runs(content, &embedded.encode(id, text, item.word_spacing, item.size)),
        }
    }
    content.end_text();
}

/// Shows runs of 2-byte CIDs: with `Tj` when there is one run and nothing to adjust,
/// else as a `TJ` array with each run's adjustment after it.
fn show_runs(content: &mut Content, runs: &[Shown]) {
    if let [(cids, adjust)] = runs
        && *adjust == 0.0
    {
        content.show(Str(cids));
        return;
    }
    let mut tj = content.show_positioned();
    let mut items = tj.items();
    for (cids, adjust) in runs {
        if !cids.is_empty() {
            items.show(Str(cids));
        }
        if *adjust != 0.0 {
            items.adjust(r(*adjust));
        }
    }
}
