//! Boxes' panels: a fill and a border, each one filled path: rectangles (a border with
//! square corners is a rectangle per side), or with rounded corners, outlines. A corner is a quarter circle drawn as one cubic Bézier curve whose control
//! points are `κ = 4(√2 − 1)/3` of the radius from its ends (the usual approximation,
//! within 0.03 % of the radius). The border is the ring between the outer edge and the
//! inner one (inset by each side's width), filled with the even-odd rule (PDF
//! 32000-1:2008, 8.5.3.3.3), so it never covers the fill inside it.

use super::ops::{Ops, POINTS};
use crate::layout::{Page, Panel, Rgb};

/// The control point distance of a quarter circle of radius 1.
const KAPPA: f32 = 0.552_284_8;

/// Paints every panel of `page`, in order; `color` sets a fill colour.
pub(super) fn paint(ops: &mut Ops, page: &Page, color: fn(&mut Ops, Rgb)) {
    for panel in &page.panels {
        if let Some(fill) = panel.fill {
            color(ops, fill);
            outline(ops, panel.rect, panel.radii);
            ops.op("f");
        }
        if panel.border.iter().all(|&w| w == 0.0) {
            continue;
        }
        color(ops, panel.border_color);
        if panel.radii.iter().all(|&r| r == 0.0) {
            sides(ops, panel);
            ops.op("f");
        } else {
            outline(ops, panel.rect, panel.radii);
            let (inner, radii) = inside(panel);
            outline(ops, inner, radii);
            ops.op("f*");
        }
    }
}

/// A square-cornered border as a rectangle per side that has one: the top and bottom
/// across the whole width, the left and right between them (no edge drawn twice, no
/// sliver where a side has none).
fn sides(ops: &mut Ops, panel: &Panel) {
    let [x, y, w, h] = panel.rect;
    let [top, right, bottom, left] = panel.border;
    let middle = (h - top - bottom).max(0.0);
    let rects = [
        [x, y + h - top, w, top],
        [x + w - right, y + bottom, right, middle],
        [x, y, w, bottom],
        [x, y + bottom, left, middle],
    ];
    for [x, y, w, h] in rects.into_iter().filter(|r| r[2] > 0.0 && r[3] > 0.0) {
        ops.num(x, POINTS).num(y, POINTS).num(w, POINTS).num(h, POINTS).op("re");
    }
}

/// The inner edge of a panel's border and its corners' radii: each corner's radius less
/// the wider of its two sides' widths (CSS Backgrounds Level 3, 5.2, with one radius per
/// corner).
fn inside(panel: &Panel) -> ([f32; 4], [f32; 4]) {
    let [x, y, w, h] = panel.rect;
    let [top, right, bottom, left] = panel.border;
    let inner = [x + left, y + bottom, (w - left - right).max(0.0), (h - top - bottom).max(0.0)];
    let [tl, tr, br, bl] = panel.radii;
    let radii = [tl - top.max(left), tr - top.max(right), br - bottom.max(right), bl - bottom.max(left)];
    (inner, radii.map(|r| r.max(0.0)))
}

/// A closed subpath around `[x, y, w, h]` with corner radii top left, top right, bottom
/// right, bottom left; `re` when every corner is square.
fn outline(ops: &mut Ops, [x, y, w, h]: [f32; 4], [tl, tr, br, bl]: [f32; 4]) {
    if tl == 0.0 && tr == 0.0 && br == 0.0 && bl == 0.0 {
        ops.num(x, POINTS).num(y, POINTS).num(w, POINTS).num(h, POINTS).op("re");
        return;
    }
    let (right, top) = (x + w, y + h);
    ops.num(x + tl, POINTS).num(top, POINTS).op("m");
    ops.num(right - tr, POINTS).num(top, POINTS).op("l");
    corner(ops, (right - tr, top), (right, top - tr), (tr, 0.0), (0.0, -tr));
    ops.num(right, POINTS).num(y + br, POINTS).op("l");
    corner(ops, (right, y + br), (right - br, y), (0.0, -br), (-br, 0.0));
    ops.num(x + bl, POINTS).num(y, POINTS).op("l");
    corner(ops, (x + bl, y), (x, y + bl), (-bl, 0.0), (0.0, bl));
    ops.num(x, POINTS).num(top - tl, POINTS).op("l");
    corner(ops, (x, top - tl), (x + tl, top), (0.0, tl), (tl, 0.0));
    ops.op("h");
}

/// A quarter circle from `from` to `to` (nothing for a square corner): `leave` is the
/// direction it leaves `from` in and `arrive` the direction it moves in at `to`, each
/// as long as the radius.
fn corner(ops: &mut Ops, from: (f32, f32), to: (f32, f32), leave: (f32, f32), arrive: (f32, f32)) {
    if from == to {
        return;
    }
    ops.num(from.0 + leave.0 * KAPPA, POINTS).num(from.1 + leave.1 * KAPPA, POINTS);
    ops.num(to.0 - arrive.0 * KAPPA, POINTS).num(to.1 - arrive.1 * KAPPA, POINTS);
    ops.num(to.0, POINTS).num(to.1, POINTS).op("c");
}
