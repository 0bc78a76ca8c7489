//! Charts over an x axis by value (numbers or times): lines and areas through the
//! points in the order given, or a scatter of dots; the x axis's ticks from `axis.rs`, with
//! vertical gridlines, under the value axis of `chart.rs`.

use super::chart::{GRID, LABEL, LINE, Plot, extent, frame_plot, label, lines, titles, value_axis, zero_line};
use super::flow::{Anchor, Flow};
use super::{Dots, PathItem, Rgb, axis};
use crate::document::chart::{ChartData, XAxis};
use crate::document::{ChartBlock, ChartKind};

/// Wanted space between x ticks, in points.
const X_TICK_SPACING: f32 = 64.0;
/// A scatter dot's radius, in points.
pub const DOT_RADIUS: f32 = 2.25;

/// Draws `c`'s series over the x values `xs` in the frame `(x, y, width, top)` (left,
/// bottom, width, and the top under the legend).
pub(super) fn draw(
    flow: &mut Flow,
    c: &ChartBlock,
    data: &ChartData,
    xs: &[f64],
    colors: &[Rgb],
    frame: (f32, f32, f32, f32),
) {
    let scatter = c.kind == ChartKind::Scatter;
    // A scatter's value axis fits its data; lines and areas show zero, as bars do.
    let values =
        if scatter { spread(data.series.iter().flat_map(|s| s.values.iter().copied())) } else { extent(c, data) };
    let mut plot = frame_plot(flow, c, false, frame, values, &[]);
    let count = ((plot.right - plot.left) / X_TICK_SPACING) as usize;
    let (min, max) = spread(xs.iter().copied());
    let ticks = match data.x {
        XAxis::Times(_) => axis::times(min, max, count.clamp(2, 10)),
        _ => axis::numbers(min, max, count.clamp(2, 10)),
    };
    (plot.x, plot.categories) = ((ticks.lo, ticks.hi), xs.len().max(1));
    // Room on the right for half the last label, centred on its tick at the end.
    if let Some((v, text)) = ticks.ticks.last()
        && *v == ticks.hi
    {
        plot.right -= flow.label_width(text, &LABEL) / 2.0;
    }
    value_axis(flow, &plot);
    x_axis(flow, &plot, &ticks, frame.0 + frame.2);
    titles(flow, c, &plot, (frame.0, frame.1, frame.3));
    if scatter {
        for (s, &color) in data.series.iter().zip(colors) {
            let points = xs.iter().zip(s.values.iter()).filter(|(_, v)| !v.is_nan());
            let centers = points.map(|(&x, &v)| [plot.at_x(x), plot.value(v)]).collect();
            flow.page().dots.push(Dots { centers, radius: DOT_RADIUS, color });
        }
    } else {
        // In the order given, as Chart.js joins them (sorting would cost the module 6 KB).
        let order: Vec<usize> = (0..xs.len()).collect();
        lines(flow, c, data, colors, &plot, (&|i| plot.at_x(xs[i]), &order));
    }
    if plot.ticks.lo <= 0.0 && plot.ticks.hi >= 0.0 {
        zero_line(flow, &plot);
    }
}

/// The smallest and largest of `values` that are numbers; (0, 0) without any.
fn spread(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) =
        values.filter(|v| !v.is_nan()).fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    if lo > hi { (0.0, 0.0) } else { (lo, hi) }
}

/// The x axis: a gridline at each tick, and its label under the plot, every k-th where
/// they would touch; the last label kept inside `right`.
fn x_axis(flow: &mut Flow, plot: &Plot, ticks: &axis::XTicks, right: f32) {
    let widths: Vec<f32> = ticks.ticks.iter().map(|(_, text)| flow.label_width(text, &LABEL)).collect();
    let room = (plot.right - plot.left) / ticks.ticks.len().max(1) as f32;
    let widest = widths.iter().copied().fold(0.0, f32::max);
    let every = ((widest + LABEL.size) / room).ceil().max(1.0) as usize;
    for (i, (v, text)) in ticks.ticks.iter().enumerate() {
        let at = plot.at_x(*v);
        let points = vec![[at, plot.bottom], [at, plot.top]];
        flow.page().paths.push(PathItem { points, fill: false, color: GRID, width: 0.5 });
        if i % every == 0 {
            let baseline = plot.bottom - LINE + 1.0;
            let (at, anchor) = if at + widths[i] / 2.0 > right { (right, Anchor::End) } else { (at, Anchor::Middle) };
            label(flow, text, &LABEL, (at, baseline), anchor);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_skips_missing_values() {
        assert_eq!(spread([3.0, f64::NAN, -1.0].into_iter()), (-1.0, 3.0));
        assert_eq!(spread([f64::NAN].into_iter()), (0.0, 0.0));
    }
}
