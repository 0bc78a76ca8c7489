//! Pie and donut charts: one slice per category, its angle the category's share of the
//! series' total, clockwise from 12 o'clock, each a filled polygon (its arc a point
//! every [`STEP_DEGREES`] at most) outlined in white; a legend of the categories above,
//! and the share in per cent on each slice wide enough to hold it.

use std::f32::consts::PI;

use super::chart::{GAP, VALUE, label, legend, rgb};
use super::flow::{Anchor, Flow};
use super::{PathItem, Rgb};
use crate::document::chart::{ChartData, XAxis};
use crate::document::{ChartBlock, ChartKind};

/// Largest angle between two points of an arc: at 2 degrees a polygon strays from the
/// circle by 0.015 % of its radius (r (1 - cos 1°)), under 0.02 pt at any size here.
pub const STEP_DEGREES: f32 = 2.0;
/// A donut's hole, as a share of its radius.
pub const HOLE: f32 = 0.55;
/// Slices narrower than this (degrees) carry no label.
const LABEL_DEGREES: f32 = 18.0;
/// The white line between slices, in points.
const SEPARATOR: f32 = 1.0;

/// Draws `c`'s first series as a pie or donut in the frame `(x, y, width, height)`.
pub(super) fn draw(flow: &mut Flow, c: &ChartBlock, data: &ChartData, (x, y, width, height): (f32, f32, f32, f32)) {
    let (Some(series), XAxis::Categories(names)) = (data.series.first(), &data.x) else { return };
    let colors: Vec<Rgb> = (0..names.len()).map(|i| flow.theme.series_color(i)).collect();
    let colors: Vec<Rgb> = match series.color {
        // One colour for a whole pie tells slices apart only by the white lines: tint it.
        Some(color) => colors.iter().enumerate().map(|(i, _)| shade(rgb(color), i, colors.len())).collect(),
        None => colors,
    };
    let mut top = y + height;
    if c.legend.unwrap_or(true) {
        let items: Vec<(&str, Rgb)> = names.iter().copied().zip(colors.iter().copied()).collect();
        top = legend(flow, &items, (x, top, width)) - GAP;
    }
    let radius = ((top - y).min(width) / 2.0 - 2.0).max(1.0);
    let center = [x + width / 2.0, y + (top - y) / 2.0];
    let inner = if c.kind == ChartKind::Donut { radius * HOLE } else { 0.0 };
    let total: f64 = series.values.iter().sum();
    let mut start = 0.0f32; // degrees clockwise from 12 o'clock
    for (&v, &color) in series.values.iter().zip(&colors) {
        let sweep = (v / total) as f32 * 360.0;
        if sweep <= 0.0 {
            continue;
        }
        let outline = slice(center, (inner, radius), (start, sweep));
        flow.page().paths.push(PathItem { points: outline.clone(), fill: true, color, width: 0.0 });
        flow.page().paths.push(PathItem { points: outline, fill: false, color: Rgb::gray(1.0), width: SEPARATOR });
        if c.labels && sweep >= LABEL_DEGREES {
            let [lx, ly] = point(
                center,
                (inner + radius) / 2.0 + if inner == 0.0 { radius * 0.15 } else { 0.0 },
                start + sweep / 2.0,
            );
            let text = format!("{}%", ((v / total) * 100.0).round());
            label(flow, &text, &VALUE, (lx, ly - VALUE.size / 3.0), Anchor::Middle);
        }
        start += sweep;
    }
}

/// A slice's outline: the outer arc from `start` through `sweep` degrees, then back
/// along the inner arc (or through the centre for a pie), closed.
fn slice(center: [f32; 2], (inner, outer): (f32, f32), (start, sweep): (f32, f32)) -> Vec<[f32; 2]> {
    let steps = (sweep / STEP_DEGREES).ceil().max(1.0) as usize;
    let arc = |r: f32| (0..=steps).map(move |i| point(center, r, start + sweep * i as f32 / steps as f32));
    let mut points: Vec<[f32; 2]> = arc(outer).collect();
    if inner > 0.0 {
        let back: Vec<[f32; 2]> = arc(inner).collect();
        points.extend(back.into_iter().rev());
    } else if sweep < 360.0 {
        points.push(center);
    }
    points.push(points[0]);
    points
}

/// The point `r` from `center` at `degrees` clockwise from 12 o'clock.
fn point([cx, cy]: [f32; 2], r: f32, degrees: f32) -> [f32; 2] {
    let a = degrees * PI / 180.0;
    [cx + r * a.sin(), cy + r * a.cos()]
}

/// Slice `i` of `n` in one colour: from the colour itself to 60 % of the way to white.
fn shade(color: Rgb, i: usize, n: usize) -> Rgb {
    let t = if n > 1 { 0.6 * i as f32 / (n - 1) as f32 } else { 0.0 };
    let mix = |v: f32| v + (1.0 - v) * t;
    Rgb(mix(color.0), mix(color.1), mix(color.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shoelace area of a closed polygon.
    fn area(points: &[[f32; 2]]) -> f32 {
        points.windows(2).map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1]).sum::<f32>().abs() / 2.0
    }

    #[test]
    fn slices_cover_their_share_of_the_circle() {
        let quarter = slice([0.0, 0.0], (0.0, 100.0), (0.0, 90.0));
        assert!((area(&quarter) - PI * 100.0 * 100.0 / 4.0).abs() < 5.0, "{}", area(&quarter));
        assert_eq!(quarter[0], [0.0, 100.0], "from 12 o'clock");
        let [x, y] = quarter[quarter.len() - 3];
        assert!((x - 100.0).abs() < 1e-3 && y.abs() < 1e-3, "clockwise to 3 o'clock");
        let ring = slice([0.0, 0.0], (55.0, 100.0), (0.0, 360.0));
        assert!((area(&ring) - PI * (100.0f32.powi(2) - 55.0f32.powi(2))).abs() < 20.0, "{}", area(&ring));
    }
}
