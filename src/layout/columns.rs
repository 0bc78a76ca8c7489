//! Column widths of a table, and the type size that lets its columns fit.
//!
//! Widths follow the automatic table layout of CSS 2.1 (section 17.5.2.2): each column
//! has a minimum width (its widest word) and a natural width (its widest unwrapped
//! cell); when the natural widths fit they are stretched to the content width,
//! otherwise each column gets its minimum plus a share of the remaining space in
//! proportion to how much more it would like.
//!
//! Unlike CSS, a number is never broken, nor a header word, while the table can keep
//! them whole: when they do not fit at the cells' type size, the type (and the cell
//! padding) shrinks until they do, down to [`style::MIN_CELL_SIZE`]. Every width is a
//! glyph advance times the size plus padding, so widths scale linearly with the type.

use super::{WideTable, style};
use crate::document::{ColumnWidth, Warning};

/// What a table's cells measure at their own type size, in points, padding included;
/// one entry per column.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Measures {
    /// The widest cell, unwrapped.
    pub natural: Vec<f32>,
    /// The widest word of any cell.
    pub minimum: Vec<f32>,
    /// The widest number (or number-like string), unwrapped.
    pub numbers: Vec<f32>,
    /// The widest word of the header cell.
    pub header_words: Vec<f32>,
}

impl Measures {
    /// Empty measures for `n` columns.
    pub fn new(n: usize) -> Self {
        Measures { natural: vec![0.0; n], minimum: vec![0.0; n], numbers: vec![0.0; n], header_words: vec![0.0; n] }
    }

    /// The measures with the type scaled by `scale` (a factor, 1 = as styled).
    fn scaled(&self, scale: f32) -> Measures {
        let by = |v: &[f32]| v.iter().map(|w| w * scale).collect();
        Measures {
            natural: by(&self.natural),
            minimum: by(&self.minimum),
            numbers: by(&self.numbers),
            header_words: by(&self.header_words),
        }
    }

    /// Each column's least width in `width` points with its numbers and header words
    /// whole: its widest number and header word, and its widest other word up to an
    /// equal share of the width (a longer word breaks, as in any paragraph).
    fn whole(&self, width: f32) -> Vec<f32> {
        let share = width / self.minimum.len().max(1) as f32;
        (0..self.minimum.len())
            .map(|c| self.minimum[c].min(share).max(self.numbers[c]).max(self.header_words[c]))
            .collect()
    }
}

/// How a table's type was fitted to `width`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Fit {
    /// The factor the type and padding are scaled by: 1, or less to fit.
    pub scale: f32,
    /// Width in points the columns need with numbers and header words whole, at the
    /// styled size.
    pub needed: f32,
    /// Whether numbers and header words stay whole at `scale`.
    pub whole: bool,
}

/// The scale at which the columns keep their numbers and header words whole in `width`
/// points: 1 when they fit as styled, else the largest scale that fits (found by
/// bisection, since a word wider than its share of the width does not scale), but no
/// smaller than `min_scale`.
pub(super) fn fit(m: &Measures, width: f32, min_scale: f32) -> Fit {
    let needed_at = |s: f32| m.scaled(s).whole(width).iter().sum::<f32>();
    let needed = m.whole(width).iter().sum::<f32>();
    if needed <= width {
        return Fit { scale: 1.0, needed, whole: true };
    }
    let (mut lo, mut hi) = (min_scale, 1.0f32);
    if needed_at(lo) > width {
        return Fit { scale: lo, needed, whole: false };
    }
    // 16 halvings: the scale to within 2^-16 of the best, always on the side that fits.
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if needed_at(mid) <= width { lo = mid } else { hi = mid }
    }
    Fit { scale: lo, needed, whole: true }
}

/// Column widths in points, summing to `width`, from measures taken at the type size
/// the table is set in, and the widths the columns were given (`None`: automatic).
///
/// A column's minimum is its widest word, at most an equal share of the width; but a
/// number is never broken, nor a header word, as long as the minimums then still fit
/// (numbers first: a table of more numbers than fit breaks its headers, then its
/// numbers). Given widths shrink only when they leave automatic columns less than their
/// minimum (or, without automatic columns, overflow the content width).
pub(super) fn widths(m: &Measures, given: &[Option<ColumnWidth>], width: f32) -> Vec<f32> {
    let n = m.minimum.len();
    let share = width / n.max(1) as f32;
    let words: Vec<f32> = m.minimum.iter().map(|w| w.min(share)).collect();
    let firm = |floor: &[f32], under: &[f32]| under.iter().zip(floor).map(|(u, f)| u.max(*f)).collect::<Vec<f32>>();
    let with_numbers = firm(&m.numbers, &words);
    let with_headers = firm(&m.header_words, &with_numbers);
    let minimum = [with_headers, with_numbers].into_iter().find(|w| w.iter().sum::<f32>() <= width).unwrap_or(words);
    let given: Vec<Option<f32>> = (0..n)
        .map(|c| {
            given.get(c).copied().flatten().map(|w| match w {
                ColumnWidth::Points(p) => p as f32,
                ColumnWidth::Percent(p) => width * p as f32 / 100.0,
            })
        })
        .collect();
    let autos: Vec<usize> = (0..n).filter(|&c| given[c].is_none()).collect();
    let sum_given: f32 = given.iter().flatten().sum();
    let room = width - autos.iter().map(|&c| minimum[c]).sum::<f32>();
    let scale = if sum_given > room.max(0.0) { room.max(0.0) / sum_given.max(f32::MIN_POSITIVE) } else { 1.0 };
    let auto_widths = distribute(
        &autos.iter().map(|&c| m.natural[c]).collect::<Vec<_>>(),
        &autos.iter().map(|&c| minimum[c]).collect::<Vec<_>>(),
        width - sum_given * scale,
    );
    let mut autos = auto_widths.into_iter();
    given.iter().map(|g| g.map_or_else(|| autos.next().unwrap_or(0.0), |w| w * scale)).collect()
}

/// Column widths for a table set at `scale` times its styled size.
pub(super) fn widths_at(m: &Measures, given: &[Option<ColumnWidth>], width: f32, scale: f32) -> Vec<f32> {
    if scale == 1.0 { widths(m, given, width) } else { widths(&m.scaled(scale), given, width) }
}

/// The CSS 2.1 automatic layout of columns with `natural` and `minimum` widths over
/// `width` points.
fn distribute(natural: &[f32], minimum: &[f32], width: f32) -> Vec<f32> {
    let (sum_nat, sum_min): (f32, f32) = (natural.iter().sum(), minimum.iter().sum());
    if sum_nat <= width {
        natural.iter().map(|w| w + (width - sum_nat) * w / sum_nat.max(f32::MIN_POSITIVE)).collect()
    } else if sum_min >= width || sum_nat - sum_min <= f32::EPSILON {
        minimum.iter().map(|w| w * width / sum_min.max(f32::MIN_POSITIVE)).collect()
    } else {
        let share = (width - sum_min) / (sum_nat - sum_min);
        minimum.iter().zip(natural).map(|(m, nat)| m + (nat - m) * share).collect()
    }
}

/// Warnings for the tables too wide for the page (see [`super::Layout::wide_tables`]) and
/// for pages `"auto"` orientation turned: what the layout did and what to change (in the
/// snapshot's fields; landscape is not suggested for pages that are `landscape` already).
pub(super) fn warnings(wide: &[WideTable], turned: Option<&WideTable>, landscape: bool) -> Vec<Warning> {
    let pt = |v: f32| format!("{} pt", (v * 10.0).round() / 10.0);
    let mut warnings: Vec<Warning> = turned
        .map(|t| Warning {
            path: "page.orientation".to_owned(),
            message: format!(
                "set in landscape: the columns of blocks[{}] need {} and portrait gives {}",
                t.block,
                pt(t.needed),
                pt(t.width)
            ),
        })
        .into_iter()
        .collect();
    for t in wide {
        let need = format!(
            "its columns need {} with numbers and header words whole, the page gives {}",
            pt(t.needed),
            pt(t.width)
        );
        let message = if t.whole {
            format!("{need}: set at {} instead of {} to fit", pt(t.size), pt(style::CELL.size))
        } else {
            let turn = if landscape { "" } else { r#""page": { "orientation": "landscape" }, "# };
            format!(
                r#"{need}: at {} some numbers or header words break across lines; try {turn}a larger "page": {{ "size" }} or fewer columns"#,
                pt(t.size)
            )
        };
        warnings.push(Warning { path: format!("blocks[{}]", t.block), message });
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_advice_is_in_the_snapshots_words_and_landscape_only_for_portrait() {
        let t = WideTable { block: 2, needed: 900.0, width: 495.3, size: 6.0, whole: false };
        let portrait = &warnings(&[t], None, false)[0];
        assert_eq!(portrait.path, "blocks[2]");
        assert!(
            portrait.message.ends_with(
                r#"try "page": { "orientation": "landscape" }, a larger "page": { "size" } or fewer columns"#
            ),
            "{}",
            portrait.message
        );
        let landscape = &warnings(&[t], None, true)[0];
        assert!(
            landscape.message.ends_with(r#"try a larger "page": { "size" } or fewer columns"#),
            "{}",
            landscape.message
        );
    }

    fn measures(header_words: &[f32], numbers: &[f32]) -> Measures {
        Measures {
            natural: numbers.to_vec(),
            minimum: numbers.to_vec(),
            numbers: numbers.to_vec(),
            header_words: header_words.to_vec(),
        }
    }

    #[test]
    fn a_table_that_fits_keeps_its_size() {
        let m = measures(&[40.0, 40.0], &[100.0, 100.0]);
        assert_eq!(fit(&m, 300.0, 0.7), Fit { scale: 1.0, needed: 200.0, whole: true });
    }

    #[test]
    fn a_wide_table_shrinks_until_its_numbers_fit() {
        let m = measures(&[40.0; 4], &[100.0; 4]);
        let f = fit(&m, 360.0, 0.7);
        assert_eq!(f.needed, 400.0);
        assert!(f.scale <= 0.9 && f.scale > 0.8999, "{f:?}");
        let w = widths_at(&m, &[], 360.0, f.scale);
        assert!(w.iter().all(|&w| w >= 100.0 * f.scale), "{w:?}");
    }

    #[test]
    fn shrinking_stops_at_the_floor() {
        let m = measures(&[40.0; 4], &[100.0; 4]);
        assert_eq!(fit(&m, 200.0, 0.7), Fit { scale: 0.7, needed: 400.0, whole: false });
    }
}
