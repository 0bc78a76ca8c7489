//! Charts: a `chart` block's data as bars, lines or areas over categories, with a value
//! axis from zero whose ticks are nice numbers, gridlines, a legend, axis titles and
//! value labels. Shapes are vector paths; every label is text.
//!
//! The frame a chart gets (its width and height) holds everything: from the top, the
//! legend, the value axis title, the plot; under the plot the category labels and the
//! category axis title (for horizontal bars the two axes trade places).

use super::flow::{Anchor, Flow, Look};
use super::{Font, PathItem, Rgb, Rule, Shape};
use crate::document::{ChartBlock, ChartKind, Color};

/// The default series colours, in order: Okabe and Ito's palette for colour-blind
/// readers ("Color Universal Design", 2008) without its black: orange, sky blue, bluish
/// green, blue, vermillion, reddish purple, yellow. An eighth series starts again.
pub const PALETTE: [Rgb; 7] = [
    Rgb(0.902, 0.624, 0.0),
    Rgb(0.337, 0.706, 0.914),
    Rgb(0.0, 0.620, 0.451),
    Rgb(0.0, 0.447, 0.698),
    Rgb(0.835, 0.369, 0.0),
    Rgb(0.800, 0.475, 0.655),
    Rgb(0.941, 0.894, 0.259),
];

/// Tick and category labels: 7.5 pt, dark grey.
const LABEL: Look = Look { font: Font::Regular, size: 7.5, color: Rgb::gray(0.3), word_spacing: 0.0 };
/// Axis titles and the legend: 8 pt.
const TITLE: Look = Look { font: Font::Bold, size: 8.0, color: Rgb::gray(0.15), word_spacing: 0.0 };
const LEGEND: Look = Look { font: Font::Regular, size: 8.0, color: Rgb::gray(0.15), word_spacing: 0.0 };
/// Value labels by bars and points.
pub(super) const VALUE: Look = Look { font: Font::Regular, size: 7.0, color: Rgb::gray(0.2), word_spacing: 0.0 };
/// Height of a line of labels, and the gap between labels and the plot, in points.
const LINE: f32 = 10.0;
pub(super) const GAP: f32 = 4.0;
/// Side of a legend swatch and of a line chart's marks, in points.
const SWATCH: f32 = 7.0;
const MARK: f32 = 3.5;
/// Marks are drawn while a series has at most this many points.
const MAX_MARKS: usize = 60;
/// Gridlines: light grey hairlines; the zero line: darker.
const GRID: Rgb = Rgb::gray(0.86);
const ZERO_GRAY: f32 = 0.35;
/// Share of a category's slot its bars take, side by side and stacked.
const GROUP_SHARE: f32 = 0.8;
const STACK_SHARE: f32 = 0.6;
/// Wanted space between value ticks, in points.
const TICK_SPACING: f32 = 28.0;

/// Value ticks: `lo` to `hi` by `step`, printed with `decimals` digits after the point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ticks {
    /// The first tick, at or below the smallest value.
    pub lo: f64,
    /// The last tick, at or above the largest value.
    pub hi: f64,
    /// The distance between ticks: 1, 2 or 5 times a power of ten.
    pub step: f64,
    /// Digits after the decimal point that show the step.
    pub decimals: usize,
}

impl Ticks {
    /// The tick values, `lo` to `hi`.
    pub fn values(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as usize;
        (0..=n).map(|i| self.lo + i as f64 * self.step).collect()
    }
}

/// Ticks at nice numbers over `min..max`, about `count` of them: Paul Heckbert's "loose
/// labeling" ("Nice numbers for graph labels", Graphics Gems, 1990, pp. 61-63): the step
/// is 1, 2 or 5 times a power of ten, and the first and last ticks enclose the data.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Ticks {
    let (min, max) = if max > min { (min, max) } else { (min, min + 1.0) };
    let range = nice(max - min, false);
    let step = nice(range / (count.max(2) - 1) as f64, true);
    let lo = (min / step).floor() * step;
    let hi = (max / step).ceil() * step;
    let decimals = (-decade(step).1).max(0) as usize;
    Ticks { lo, hi, step, decimals }
}

/// `x` (above 0) as `f` times 10 to the `e`, with `1 <= f < 10`: by steps of ten, which
/// is exact enough for choosing ticks and spares the module a logarithm.
fn decade(x: f64) -> (f64, i32) {
    let (mut f, mut e) = (x, 0);
    while f >= 10.0 {
        f /= 10.0;
        e += 1;
    }
    while f < 1.0 && f > 0.0 {
        f *= 10.0;
        e -= 1;
    }
    (f, e)
}

/// A nice number near `x`: 1, 2, 5 or 10 times a power of ten, rounded to the nearest
/// (`round`) or the next at or above `x` (Heckbert's `nicenum`).
fn nice(x: f64, round: bool) -> f64 {
    let (f, exp) = decade(x);
    let nf = match (round, f) {
        (true, f) if f < 1.5 => 1.0,
        (true, f) if f < 3.0 => 2.0,
        (true, f) if f < 7.0 => 5.0,
        (false, f) if f <= 1.0 => 1.0,
        (false, f) if f <= 2.0 => 2.0,
        (false, f) if f <= 5.0 => 5.0,
        _ => 10.0,
    };
    nf * 10f64.powi(exp)
}

/// SI prefixes for ticks a million apart or more (the SI Brochure, 9th edition, 3):
/// mega, giga, tera.
const PREFIXES: [(f64, &str); 3] = [(1e12, "T"), (1e9, "G"), (1e6, "M")];

/// A tick's text: "0" for zero; steps of a million or more in M, G or T ("2.5M",
/// "1000T"); steps under 10^-4 in E notation with the step's digits ("3e-7");
/// otherwise as [`grouped`] with the step's decimals ("12,500", "0.25").
pub fn tick_label(v: f64, ticks: &Ticks) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    if ticks.step < 1e-4 {
        let largest = ticks.lo.abs().max(ticks.hi.abs());
        let digits = (decade(largest).1 - decade(ticks.step).1).clamp(0, 3) as usize;
        return format!("{v:.digits$e}");
    }
    match PREFIXES.iter().find(|(scale, _)| ticks.step >= *scale) {
        Some(&(scale, prefix)) => {
            let decimals = (-decade(ticks.step / scale).1).max(0) as usize;
            format!("{}{prefix}", grouped(v / scale, decimals))
        }
        None => grouped(v, ticks.decimals),
    }
}

/// A value as a data label: its shortest text, grouped as [`grouped`] does.
fn value_text(v: f64) -> String {
    let text = format!("{v}"); // the shortest text that reads back as `v`
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    grouped(v, decimals)
}

/// `v` with `decimals` digits, its whole part grouped by thousands with commas from
/// 10,000 up ("12,500", "0.25", "-1,200,000").
pub fn grouped(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, if v == 0.0 { 0.0 } else { v });
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
    if whole.len() <= 4 {
        return text;
    }
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    fraction.map_or_else(|| format!("{sign}{grouped}"), |f| format!("{sign}{grouped}.{f}"))
}

/// The smallest and largest value the value axis must show: zero, every value, and with
/// `stacked` each category's sums of positive and of negative values.
fn extent(c: &ChartBlock) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for i in 0..c.categories.len() {
        let values = c.series.iter().filter_map(|s| s.values.get(i).copied());
        if c.stacked {
            let (neg, pos) = values.fold((0.0, 0.0), |(n, p), v| if v < 0.0 { (n + v, p) } else { (n, p + v) });
            (lo, hi) = (lo.min(neg), hi.max(pos));
        } else {
            (lo, hi) = values.fold((lo, hi), |(l, h), v| (l.min(v), h.max(v)));
        }
    }
    (lo, hi)
}

/// The plot area and its scales.
struct Plot {
    left: f32,
    right: f32,
    bottom: f32,
    top: f32,
    ticks: Ticks,
    horizontal: bool,
    categories: usize,
}

impl Plot {
    /// Where value `v` falls along the value axis (y, or x for horizontal bars).
    fn value(&self, v: f64) -> f32 {
        let t = ((v - self.ticks.lo) / (self.ticks.hi - self.ticks.lo)) as f32;
        if self.horizontal {
            self.left + t * (self.right - self.left)
        } else {
            self.bottom + t * (self.top - self.bottom)
        }
    }

    /// Where a category position falls (`i + 0.5` is category `i`'s middle): left to
    /// right, or top to bottom for horizontal bars.
    fn category(&self, at: f32) -> f32 {
        let t = at / self.categories as f32;
        if self.horizontal { self.top - t * (self.top - self.bottom) } else { self.left + t * (self.right - self.left) }
    }

    /// A slot's length along the category axis.
    fn slot(&self) -> f32 {
        let span = if self.horizontal { self.top - self.bottom } else { self.right - self.left };
        span / self.categories as f32
    }

    /// The rectangle `[x, y, w, h]` from category position `c0` to `c1` and value `v0`
    /// to `v1`.
    fn rect(&self, (c0, c1): (f32, f32), (v0, v1): (f64, f64)) -> [f32; 4] {
        let (a, b) = (self.category(c0), self.category(c1));
        let (p, q) = (self.value(v0), self.value(v1));
        let ([x0, x1], [y0, y1]) = if self.horizontal { ([p, q], [a, b]) } else { ([a, b], [p, q]) };
        [x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs()]
    }

    /// The point at category position `c` and value `v`.
    fn point(&self, c: f32, v: f64) -> [f32; 2] {
        let (a, p) = (self.category(c), self.value(v));
        if self.horizontal { [p, a] } else { [a, p] }
    }
}

/// Draws `c` in the frame `(x, y, width, height)` (lower-left corner and size).
pub(super) fn draw(flow: &mut Flow, c: &ChartBlock, frame: (f32, f32, f32, f32)) {
    if matches!(c.kind, ChartKind::Pie | ChartKind::Donut) {
        return super::pie::draw(flow, c, frame);
    }
    let (x, y, width, height) = frame;
    let colors: Vec<Rgb> =
        c.series.iter().enumerate().map(|(i, s)| s.color.map_or(PALETTE[i % PALETTE.len()], rgb)).collect();
    let mut top = y + height;
    if c.legend.unwrap_or(c.series.len() > 1) {
        let items: Vec<(&str, Rgb)> = c.series.iter().map(|s| s.name.as_ref()).zip(colors.iter().copied()).collect();
        top = legend(flow, &items, (x, top, width)) - GAP;
    }
    let horizontal = c.horizontal && c.kind == ChartKind::Bar;
    let plot = frame_plot(flow, c, horizontal, (x, y, width, top));
    axes(flow, c, &plot, (x, y, width, top));
    match c.kind {
        ChartKind::Bar => bars(flow, c, &colors, &plot),
        ChartKind::Line | ChartKind::Area => lines(flow, c, &colors, &plot),
        ChartKind::Pie | ChartKind::Donut => {} // drawn above
    }
    // The zero line, over the bars: a rule (rules are painted after shapes), or for
    // horizontal bars a vertical line, which a rule cannot be.
    let zero = plot.value(0.0);
    if horizontal {
        let points = vec![[zero, plot.bottom], [zero, plot.top]];
        flow.page().paths.push(PathItem { points, fill: false, color: Rgb::gray(ZERO_GRAY), width: 0.75 });
    } else {
        let rule = Rule { x1: plot.left, x2: plot.right, y: zero, thickness: 0.75, color: Rgb::gray(ZERO_GRAY) };
        flow.page().rules.push(rule);
    }
}

/// The legend's rows from `top` down, within `width` from `x`; returns their bottom.
pub(super) fn legend(flow: &mut Flow, items: &[(&str, Rgb)], (x, top, width): (f32, f32, f32)) -> f32 {
    let (mut at, mut baseline) = (x, top - LINE + 2.0);
    for &(name, color) in items {
        let item = SWATCH + 3.0 + flow.label_width(name, &LEGEND);
        if at > x && at + item > x + width {
            (at, baseline) = (x, baseline - LINE);
        }
        flow.page().shapes.push(Shape { rects: vec![[at, baseline - 0.5, SWATCH, SWATCH]], color });
        label(flow, name, &LEGEND, (at + SWATCH + 3.0, baseline), Anchor::Start);
        at += item + 10.0;
    }
    baseline - 3.0
}

/// The plot area inside the frame, once the axis labels and titles have their room.
fn frame_plot(flow: &Flow, c: &ChartBlock, horizontal: bool, (x, y, width, top): (f32, f32, f32, f32)) -> Plot {
    let (category_title, value_title) = (c.category_title.is_some(), c.value_title.is_some());
    let titles = |on: bool| if on { LINE + 2.0 } else { 0.0 };
    // The value axis runs along the height, or along the width for horizontal bars.
    let top = top - titles(if horizontal { category_title } else { value_title }) - LABEL.size / 2.0;
    let bottom = y + LINE + GAP + titles(if horizontal { value_title } else { category_title });
    let length = if horizontal { width } else { top - bottom };
    let count = ((length / TICK_SPACING) as usize).clamp(2, 10);
    let (lo, hi) = extent(c);
    let ticks = nice_ticks(lo, hi, count);
    let labels = if horizontal {
        c.categories.iter().map(|s| flow.label_width(s, &LABEL)).fold(0.0, f32::max).min(width * 0.35)
    } else {
        ticks.values().iter().map(|&v| flow.label_width(&tick_label(v, &ticks), &LABEL)).fold(0.0, f32::max)
    }
    .min(width * 0.4); // the plot keeps most of the width, whatever the labels need
    // Room on the right for half the last value label of a horizontal axis.
    let right = x + width - if horizontal { LINE } else { 0.0 };
    Plot { left: x + labels + GAP, right, bottom, top, ticks, horizontal, categories: c.categories.len().max(1) }
}

/// Gridlines and labels of both axes, and the axis titles.
fn axes(flow: &mut Flow, c: &ChartBlock, plot: &Plot, (x, y, _, top): (f32, f32, f32, f32)) {
    for v in plot.ticks.values() {
        let at = plot.value(v);
        let text = tick_label(v, &plot.ticks);
        let (points, place, anchor) = if plot.horizontal {
            ([[at, plot.bottom], [at, plot.top]], (at, plot.bottom - LINE + 1.0), Anchor::Middle)
        } else {
            ([[plot.left, at], [plot.right, at]], (plot.left - GAP, at - LABEL.size / 3.0), Anchor::End)
        };
        flow.page().paths.push(PathItem { points: points.to_vec(), fill: false, color: GRID, width: 0.5 });
        label(flow, &text, &LABEL, place, anchor);
    }
    // Category labels, every k-th where they would touch.
    let widest = c.categories.iter().map(|s| flow.label_width(s, &LABEL)).fold(0.0, f32::max);
    let room = if plot.horizontal { LINE } else { plot.slot() * 0.95 };
    let every = if plot.horizontal { (LINE / plot.slot()).ceil() } else { (widest / room).ceil() }.max(1.0) as usize;
    for (i, name) in c.categories.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let at = plot.category(i as f32 + 0.5);
        let (place, anchor) = if plot.horizontal {
            ((plot.left - GAP, at - LABEL.size / 3.0), Anchor::End)
        } else {
            ((at, plot.bottom - LINE + 1.0), Anchor::Middle)
        };
        label(flow, name, &LABEL, place, anchor);
    }
    let middle = (plot.left + plot.right) / 2.0;
    let (above, below) =
        if plot.horizontal { (&c.category_title, &c.value_title) } else { (&c.value_title, &c.category_title) };
    if let Some(t) = above {
        label(flow, t, &TITLE, (x, top - TITLE.size), Anchor::Start);
    }
    if let Some(t) = below {
        label(flow, t, &TITLE, (middle, y + 2.0), Anchor::Middle);
    }
}

/// Bars: side by side in each category's slot, or stacked.
fn bars(flow: &mut Flow, c: &ChartBlock, colors: &[Rgb], plot: &Plot) {
    let labels = c.labels && labels_fit(flow, c, plot);
    let m = c.series.len() as f32;
    let (share, n) = (if c.stacked { STACK_SHARE } else { GROUP_SHARE }, c.categories.len());
    let mut sums = vec![(0.0f64, 0.0f64); n]; // (negative, positive) so far, when stacked
    for (j, (s, &color)) in c.series.iter().zip(colors).enumerate() {
        let mut rects = Vec::with_capacity(n);
        for (i, &v) in s.values.iter().enumerate().take(n) {
            let start = i as f32 + (1.0 - share) / 2.0;
            let (c0, c1, v0) = if c.stacked {
                let (neg, pos) = &mut sums[i];
                let base = if v < 0.0 { *neg } else { *pos };
                if v < 0.0 {
                    *neg += v
                } else {
                    *pos += v
                }
                (start, start + share, base)
            } else {
                let w = share / m;
                (start + w * j as f32, start + w * (j as f32 + 1.0), 0.0)
            };
            rects.push(plot.rect((c0, c1), (v0, v0 + v)));
            match (labels, c.stacked) {
                (true, true) => segment_label(flow, plot, v, ((c0 + c1) / 2.0, v0 + v)),
                (true, false) => value_label(flow, plot, v, ((c0 + c1) / 2.0, v0 + v)),
                _ => {}
            }
        }
        flow.page().shapes.push(Shape { rects, color });
    }
}

/// Lines through each series' values with a mark at each, and for areas the region
/// down to zero (or to the series under it, stacked) in a lighter tint.
fn lines(flow: &mut Flow, c: &ChartBlock, colors: &[Rgb], plot: &Plot) {
    let labels = c.labels && labels_fit(flow, c, plot);
    let n = c.categories.len();
    let mut below = vec![0.0f64; n];
    for (s, &color) in c.series.iter().zip(colors) {
        let tops: Vec<f64> =
            s.values.iter().take(n).enumerate().map(|(i, &v)| if c.stacked { below[i] + v } else { v }).collect();
        let points: Vec<[f32; 2]> = tops.iter().enumerate().map(|(i, &v)| plot.point(i as f32 + 0.5, v)).collect();
        if c.kind == ChartKind::Area {
            let base = tops
                .iter()
                .enumerate()
                .rev()
                .map(|(i, _)| plot.point(i as f32 + 0.5, if c.stacked { below[i] } else { 0.0 }));
            let outline = points.iter().copied().chain(base).collect();
            flow.page().paths.push(PathItem { points: outline, fill: true, color: tint(color), width: 0.0 });
        }
        flow.page().paths.push(PathItem { points: points.clone(), fill: false, color, width: 1.5 });
        // Marks on a line, and on an area of one category (which has no width to fill).
        if (c.kind == ChartKind::Line || n == 1) && n <= MAX_MARKS {
            let rects = points.iter().map(|&[px, py]| [px - MARK / 2.0, py - MARK / 2.0, MARK, MARK]).collect();
            flow.page().shapes.push(Shape { rects, color });
        }
        if labels {
            for (i, (&v, &t)) in s.values.iter().zip(&tops).enumerate() {
                value_label(flow, plot, v, (i as f32 + 0.5, t));
            }
        }
        if c.stacked {
            below = tops;
        }
    }
}

/// `v` printed by the bar end or point at category position `c` and value `end`:
/// beyond it (above, or to the right for horizontal bars; the other way for a negative
/// value).
fn value_label(flow: &mut Flow, plot: &Plot, v: f64, (c, end): (f32, f64)) {
    let [px, py] = plot.point(c, end);
    let text = value_text(v);
    let (place, anchor) = match (plot.horizontal, v < 0.0) {
        (false, false) => ((px, py + 2.0), Anchor::Middle),
        (false, true) => ((px, py - VALUE.size), Anchor::Middle),
        (true, false) => ((px + 2.0, py - VALUE.size / 3.0), Anchor::Start),
        (true, true) => ((px - 2.0, py - VALUE.size / 3.0), Anchor::End),
    };
    label(flow, &text, &VALUE, place, anchor);
}

/// `v` printed in the middle of its stacked segment, which ends at `end`.
fn segment_label(flow: &mut Flow, plot: &Plot, v: f64, (c, end): (f32, f64)) {
    let [px, py] = plot.point(c, end - v / 2.0);
    label(flow, &value_text(v), &VALUE, (px, py - VALUE.size / 3.0), Anchor::Middle);
}

/// Whether every value label fits the room one value has (its bar's or point's share of
/// a category slot, across the category axis): else none is printed, rather than
/// labels printed over one another.
fn labels_fit(flow: &Flow, c: &ChartBlock, plot: &Plot) -> bool {
    let each = if c.kind == ChartKind::Bar && !c.stacked { c.series.len() as f32 } else { 1.0 };
    let room = plot.slot() / each;
    if plot.horizontal {
        return room >= VALUE.size;
    }
    let values = c.series.iter().flat_map(|s| &s.values);
    values.map(|&v| flow.label_width(&value_text(v), &VALUE)).all(|w| w <= room)
}

/// A label on the current page.
pub(super) fn label(flow: &mut Flow, text: &str, look: &Look, at: (f32, f32), anchor: Anchor) {
    let page = flow.layout.pages.len() - 1;
    flow.label_on(page, text, look, at, anchor);
}

/// A snapshot colour as fractions.
pub(super) fn rgb(c: Color) -> Rgb {
    Rgb(f32::from(c.r) / 255.0, f32::from(c.g) / 255.0, f32::from(c.b) / 255.0)
}

/// `color` 35 % strong over white: an area's fill under its line.
fn tint(color: Rgb) -> Rgb {
    let mix = |v: f32| 1.0 - 0.35 * (1.0 - v);
    Rgb(mix(color.0), mix(color.1), mix(color.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_numbers_enclosing_the_data() {
        assert_eq!(nice_ticks(0.0, 97.0, 5), Ticks { lo: 0.0, hi: 100.0, step: 20.0, decimals: 0 });
        assert_eq!(nice_ticks(-3.2, 8.7, 6), Ticks { lo: -5.0, hi: 10.0, step: 5.0, decimals: 0 });
        assert_eq!(nice_ticks(0.0, 0.83, 5), Ticks { lo: 0.0, hi: 1.0, step: 0.2, decimals: 1 });
        assert_eq!(nice_ticks(0.0, 0.0, 5).values(), [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        let big = nice_ticks(0.0, 1_234_567.0, 5);
        assert_eq!((big.lo, big.hi, big.step), (0.0, 1_500_000.0, 500_000.0));
    }

    #[test]
    fn tick_labels_group_thousands_and_stay_short() {
        assert_eq!(grouped(1500.0, 0), "1500");
        assert_eq!(grouped(12_500.0, 0), "12,500");
        assert_eq!(grouped(-1_200_000.0, 0), "-1,200,000");
        assert_eq!(grouped(0.6000000000000001, 1), "0.6");
        assert_eq!(grouped(25_000.5, 1), "25,000.5");
        let t = nice_ticks(0.0, 0.83, 5);
        let labels: Vec<String> = t.values().iter().map(|&v| tick_label(v, &t)).collect();
        assert_eq!(labels, ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        let t = nice_ticks(-1e15, 1e15, 5);
        let labels: Vec<String> = t.values().iter().map(|&v| tick_label(v, &t)).collect();
        assert_eq!(labels, ["-1000T", "-500T", "0", "500T", "1000T"]);
        let t = nice_ticks(0.0, 2.5e6, 5);
        assert_eq!(tick_label(t.values()[1], &t), "1M");
        let t = nice_ticks(1e-300, 2e-300, 5);
        let labels: Vec<String> = t.values().iter().map(|&v| tick_label(v, &t)).collect();
        assert_eq!(labels, ["1.0e-300", "1.2e-300", "1.4e-300", "1.6e-300", "1.8e-300", "2.0e-300", "2.2e-300"]);
        assert_eq!(value_text(1_000_001.0), "1,000,001");
        assert_eq!(value_text(-0.00005), "-0.00005");
    }
}
