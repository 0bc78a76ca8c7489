//! A chart block's data, resolved from whichever form the snapshot gives it in
//! (`categories` or `x` with `series`, or `columns` and `rows` with `x` and `y` naming
//! columns) into one x axis and the series' values, with errors at the JSON path of
//! the value at fault; and the chart's key encoding.

use std::borrow::Cow;

use super::date::DateTime;
use super::model::{Cell, ChartBlock, ChartKind, ChartX, Color};
use super::read::suggestion;
use super::rules::CHART_MAX_VALUE;
use super::{Error, Path};

/// The x axis of a chart, one entry per point of each series.
#[derive(Debug, Clone, PartialEq)]
pub enum XAxis<'c> {
    /// Category labels, evenly spaced in order.
    Categories(Vec<&'c str>),
    /// Numbers, placed by value.
    Numbers(Vec<f64>),
    /// Times in seconds since 1970-01-01T00:00:00Z, placed by value.
    Times(Vec<f64>),
}

impl XAxis<'_> {
    /// The number of points.
    pub fn len(&self) -> usize {
        match self {
            XAxis::Categories(c) => c.len(),
            XAxis::Numbers(v) | XAxis::Times(v) => v.len(),
        }
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One series: its name (in the legend), colour and values; a missing value (`null`
/// in a row) is NaN.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesData<'c> {
    /// The name, in the legend.
    pub name: &'c str,
    /// The colour given, if any.
    pub color: Option<Color>,
    /// One value per point of the x axis; NaN where missing.
    pub values: Cow<'c, [f64]>,
}

/// A chart's data: the x axis and the series over it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData<'c> {
    /// The x axis (or category axis).
    pub x: XAxis<'c>,
    /// The series, at least one.
    pub series: Vec<SeriesData<'c>>,
}

/// The number of values a chart holds (points times series), which bounds the work of
/// checking and drawing it; counted before anything is read.
pub fn points(c: &ChartBlock) -> usize {
    if c.rows.is_empty() {
        let per_series = c.categories.len().max(match &c.x {
            Some(ChartX::Values(v)) => v.len(),
            _ => 0,
        });
        per_series.saturating_mul(c.series.len().max(1))
    } else {
        c.rows.len().saturating_mul(c.columns.len().max(1))
    }
}

/// Resolves `c`'s data (`block` is its path), refusing what cannot be drawn: no data,
/// a series of the wrong length, a value that is not a number (or beyond ±10^15), x
/// values that are neither all numbers nor all dates, an unknown column, a row of the
/// wrong width, and for pies more than one series or a negative, missing or all-zero
/// value.
pub fn resolve<'c>(c: &'c ChartBlock, block: &Path) -> Result<ChartData<'c>, Error> {
    let data = if c.rows.is_empty() && c.columns.is_empty() { from_series(c, block)? } else { from_rows(c, block)? };
    if matches!(c.kind, ChartKind::Pie | ChartKind::Donut) {
        check_pie(c, &data, block)?;
    }
    Ok(data)
}

/// Data given as `categories` or `x`, with `series`.
fn from_series<'c>(c: &'c ChartBlock, block: &Path) -> Result<ChartData<'c>, Error> {
    if !c.y.is_empty() {
        return Err(Error::invalid(block.key("y"), "names columns, but the chart has no `columns` and `rows`"));
    }
    let x = match &c.x {
        Some(ChartX::Column(_)) => {
            return Err(Error::invalid(block.key("x"), "names a column, but the chart has no `columns` and `rows`"));
        }
        Some(ChartX::Values(values)) => {
            if !c.categories.is_empty() {
                return Err(Error::invalid(block.key("categories"), "give `categories` or `x`, not both"));
            }
            if !matches!(c.kind, ChartKind::Line | ChartKind::Area | ChartKind::Scatter) {
                let message = "x values are for line, area and scatter charts; bars and pies take `categories`";
                return Err(Error::invalid(block.key("x"), message));
            }
            if values.is_empty() {
                return Err(Error::invalid(block.key("x"), "a chart needs at least one x value"));
            }
            continuous(values.iter(), |i| block.key("x").index(i))?
        }
        None if c.kind == ChartKind::Scatter => {
            let message = "a scatter chart plots points by value: give `x` (numbers or dates) for the series' values";
            return Err(Error::invalid(block.key("x"), message));
        }
        None if c.categories.is_empty() => {
            return Err(Error::invalid(block.key("categories"), "a chart needs at least one category"));
        }
        None => XAxis::Categories(c.categories.iter().map(|s| s.as_ref()).collect()),
    };
    if c.series.is_empty() {
        return Err(Error::invalid(block.key("series"), "a chart needs at least one series"));
    }
    let (what, one) =
        if matches!(x, XAxis::Categories(_)) { ("categories", "category") } else { ("x values", "x value") };
    for (j, s) in c.series.iter().enumerate() {
        let path = block.key("series").index(j).key("values");
        let (n, m) = (s.values.len(), x.len());
        if n != m {
            return Err(Error::invalid(path, format!("has {n} values for {m} {what}: give one value per {one}")));
        }
        if let Some(i) = s.values.iter().position(|v| v.abs() > CHART_MAX_VALUE) {
            return Err(Error::invalid(path.index(i), out_of_range(s.values[i])));
        }
    }
    let series = c
        .series
        .iter()
        .map(|s| SeriesData { name: &s.name, color: s.color, values: Cow::Borrowed(&s.values) })
        .collect();
    Ok(ChartData { x, series })
}

/// Data given as `columns` and `rows`, with `x` and `y` naming columns.
fn from_rows<'c>(c: &'c ChartBlock, block: &Path) -> Result<ChartData<'c>, Error> {
    if !c.categories.is_empty() || !c.series.is_empty() {
        let field = if c.categories.is_empty() { "series" } else { "categories" };
        return Err(Error::invalid(
            block.key(field),
            "give `categories` and `series`, or `columns` and `rows`, not both",
        ));
    }
    if c.columns.is_empty() {
        return Err(Error::invalid(block.key("columns"), "name the columns of `rows`"));
    }
    if c.rows.is_empty() {
        return Err(Error::invalid(block.key("rows"), "a chart needs at least one row"));
    }
    if let Some(r) = c.rows.iter().position(|r| r.len() != c.columns.len()) {
        let message = format!("has {} cells, expected {} (one per column)", c.rows[r].len(), c.columns.len());
        return Err(Error::invalid(block.key("rows").index(r), message));
    }
    let names: Vec<&str> = c.columns.iter().map(|s| s.as_ref()).collect();
    let find = |name: &str, at: Path| {
        names.iter().position(|n| *n == name).ok_or_else(|| {
            let mut message = format!("no column is named `{name}`: the columns are ");
            for (i, n) in names.iter().enumerate() {
                message += if i == 0 { "`" } else { ", `" };
                message += n;
                message += "`";
            }
            Error::invalid(at, message + &suggestion(name, &names))
        })
    };
    let xcol = match &c.x {
        Some(ChartX::Column(name)) => find(name, block.key("x"))?,
        Some(ChartX::Values(_)) => {
            return Err(Error::invalid(block.key("x"), "with `rows`, x is the name of a column, not values"));
        }
        None => 0,
    };
    let mut ycols: Vec<usize> = Vec::with_capacity(names.len());
    if c.y.is_empty() {
        ycols.extend((0..names.len()).filter(|&i| i != xcol));
    }
    for (i, name) in c.y.iter().enumerate() {
        ycols.push(find(name, block.key("y").index(i))?);
    }
    if ycols.is_empty() {
        return Err(Error::invalid(block.key("y"), "a chart needs a column of values besides the x column"));
    }
    let cell = |r: usize, col: usize| block.key("rows").index(r).index(col);
    let x = match c.kind {
        ChartKind::Line | ChartKind::Area | ChartKind::Scatter => {
            match continuous(c.rows.iter().map(|row| &row[xcol]), |r| cell(r, xcol)) {
                Ok(x) => x,
                Err(e) if c.kind == ChartKind::Scatter => return Err(e),
                Err(_) => XAxis::Categories(c.rows.iter().map(|row| row[xcol].text()).collect()),
            }
        }
        _ => XAxis::Categories(c.rows.iter().map(|row| row[xcol].text()).collect()),
    };
    let mut series = Vec::with_capacity(ycols.len());
    for &col in &ycols {
        let mut values = Vec::with_capacity(c.rows.len());
        for (r, row) in c.rows.iter().enumerate() {
            values.push(value(&row[col], names[col], || cell(r, col))?);
        }
        series.push(SeriesData { name: names[col], color: None, values: Cow::Owned(values) });
    }
    Ok(ChartData { x, series })
}

/// A cell of a value column as a number: a JSON number, or text that is a decimal
/// number; `null` is missing (NaN).
fn value(cell: &Cell, column: &str, at: impl Fn() -> Path) -> Result<f64, Error> {
    let v = match cell {
        Cell::Empty => return Ok(f64::NAN),
        Cell::Number(s) => s.parse::<f64>().unwrap_or(f64::NAN),
        Cell::Text(s) if s.trim().is_empty() => {
            let message = format!("is empty: column `{column}` needs a number here, or null for a missing value");
            return Err(Error::invalid(at(), message));
        }
        Cell::Text(s) => number(s).ok_or_else(|| {
            Error::invalid(at(), format!("\"{s}\" is not a number (column `{column}` is plotted as values)"))
        })?,
        Cell::Bool(b) => {
            return Err(Error::invalid(at(), format!("{b} is not a number (column `{column}` is plotted as values)")));
        }
    };
    if v.abs() > CHART_MAX_VALUE { Err(Error::invalid(at(), out_of_range(v))) } else { Ok(v) }
}

/// Text that is a decimal number as JSON and CSV write them (`19.4`, `-3`, `1e5`,
/// `+2`, `.5`), white space around it allowed; not `inf` or `NaN`.
fn number(s: &str) -> Option<f64> {
    let t = s.trim();
    let digits = t.trim_start_matches(['+', '-']);
    let plain = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if plain { t.parse::<f64>().ok().filter(|v| v.is_finite()) } else { None }
}

/// x values by value: all numbers (or text that is a number), or all dates.
fn continuous<'c>(cells: impl Iterator<Item = &'c Cell<'c>>, at: impl Fn(usize) -> Path) -> Result<XAxis<'c>, Error> {
    let mut values = Vec::new();
    let mut times = None;
    for (i, cell) in cells.enumerate() {
        let at = || at(i);
        let (v, is_time) = match cell {
            Cell::Number(s) => (s.parse::<f64>().unwrap_or(f64::NAN), false),
            Cell::Text(s) => match number(s) {
                Some(v) => (v, false),
                None => match DateTime::chart_seconds(s.trim()) {
                    Some(t) => (t, true),
                    None => return Err(Error::invalid(at(), format!("\"{s}\" is not a number or an ISO 8601 date"))),
                },
            },
            Cell::Empty => return Err(Error::invalid(at(), "is missing: every point needs its x value")),
            Cell::Bool(b) => return Err(Error::invalid(at(), format!("{b} is not a number or an ISO 8601 date"))),
        };
        match times {
            None => times = Some(is_time),
            Some(t) if t != is_time => {
                let (this, that) = if is_time { ("a date", "a number") } else { ("a number", "a date") };
                let message = format!("is {this}, but the first is {that}: x values are all numbers or all dates");
                return Err(Error::invalid(at(), message));
            }
            _ => {}
        }
        if !is_time && v.abs() > CHART_MAX_VALUE {
            return Err(Error::invalid(at(), out_of_range(v)));
        }
        values.push(v);
    }
    Ok(if times == Some(true) { XAxis::Times(values) } else { XAxis::Numbers(values) })
}

fn out_of_range(v: f64) -> String {
    format!("{v} is out of range: a chart value is from -10^15 to 10^15")
}

/// Refuses a pie or donut of more than one series, with a negative or missing value,
/// or whose values are all zero (no share to draw).
fn check_pie(c: &ChartBlock, data: &ChartData, block: &Path) -> Result<(), Error> {
    let from_rows = !c.rows.is_empty();
    if data.series.len() > 1 {
        let message = format!("a pie or donut shows one series, and {} are given", data.series.len());
        return Err(Error::invalid(block.key(if from_rows { "y" } else { "series" }), message));
    }
    let values = &data.series[0].values;
    let at = |i: usize| {
        if from_rows {
            let col = c.columns.iter().position(|n| n == data.series[0].name).unwrap_or(0);
            block.key("rows").index(i).index(col)
        } else {
            block.key("series").index(0).key("values").index(i)
        }
    };
    if let Some(i) = values.iter().position(|v| *v < 0.0 || v.is_nan()) {
        let message = if values[i].is_nan() {
            "is missing: every slice of a pie or donut needs a value".to_owned()
        } else {
            format!("{} is negative: a slice of a pie or donut is a share, 0 or more", values[i])
        };
        return Err(Error::invalid(at(i), message));
    }
    if values.iter().all(|v| *v == 0.0) {
        let path = if from_rows { block.key("rows") } else { block.key("series").index(0).key("values") };
        return Err(Error::invalid(path, "are all zero: a pie or donut needs a total above 0"));
    }
    Ok(())
}
