//! Tables: data tables and key/value tables.
//!
//! Column widths follow the automatic table layout of CSS 2.1 (section 17.5.2.2): each
//! column has a minimum width (its widest word) and a natural width (its widest
//! unwrapped cell); when the natural widths fit they are stretched to the content
//! width, otherwise each column gets its minimum plus a share of the remaining space
//! in proportion to how much more it would like. Rows are never cut in half: a row
//! that does not fit moves to the next page, under a repeated header row. Only a row
//! taller than a whole page is split between lines.

use super::flow::Flow;
use super::style::{self, TextStyle};
use super::wrap::{self, Line};
use super::{Fill, Rule};
use std::borrow::Cow;

use crate::document::{Align, Cell, ColumnWidth, DocumentItem, Documents, KeyValue, KeyValueItem, Table};

/// What a table block asks of the layout.
pub(super) struct TableSpec<'a> {
    header: Option<Vec<&'a str>>,
    rows: Rows<'a>,
    columns: usize,
    aligns: Vec<Align>,
    /// The style of each column's body cells.
    styles: Vec<&'static TextStyle>,
    /// Given column widths (`None`: automatic).
    widths: Vec<Option<ColumnWidth>>,
    /// Shade every other row.
    zebra: bool,
    /// Width of the key column of a key/value table, as a share of the content width.
    key_share: bool,
    width: f32,
}

enum Rows<'a> {
    /// Rows, then an optional totals row.
    Data(&'a [Vec<Cell<'a>>], Option<&'a [Cell<'a>]>),
    KeyValue(&'a [KeyValueItem<'a>]),
    Documents(&'a [DocumentItem<'a>]),
}

impl<'a> TableSpec<'a> {
    /// A data table: header row, columns aligned as asked or by content.
    pub(super) fn data(t: &'a Table<'a>, width: f32) -> Self {
        let aligns = (0..t.columns.len())
            .map(|c| {
                t.columns[c].align.unwrap_or_else(|| {
                    let mut cells = t.rows.iter().filter_map(|r| r.get(c)).filter(|cell| !matches!(cell, Cell::Empty));
                    let numeric = cells.clone().next().is_some() && cells.all(Cell::is_number);
                    if numeric { Align::Right } else { Align::Left }
                })
            })
            .collect();
        TableSpec {
            header: Some(t.columns.iter().map(|c| c.header.as_ref()).collect()),
            rows: Rows::Data(&t.rows, t.totals.as_deref()),
            columns: t.columns.len(),
            aligns,
            styles: vec![&style::CELL; t.columns.len()],
            widths: t.columns.iter().map(|c| c.width).collect(),
            zebra: t.zebra,
            key_share: false,
            width,
        }
    }

    /// A key/value table: bold keys on the left, values on the right, no header.
    pub(super) fn key_value(kv: &'a KeyValue<'a>, width: f32) -> Self {
        TableSpec {
            header: None,
            rows: Rows::KeyValue(&kv.items),
            columns: 2,
            aligns: vec![Align::Left, Align::Left],
            styles: vec![&style::CELL_BOLD, &style::CELL],
            widths: Vec::new(),
            zebra: false,
            key_share: true,
            width,
        }
    }

    /// The list of attached documents: name (and description), media type, size and
    /// SHA-256 in monospace.
    pub(super) fn documents(d: &'a Documents<'a>, width: f32) -> Self {
        TableSpec {
            header: Some(vec!["Document", "Type", "Size", "SHA-256"]),
            rows: Rows::Documents(&d.items),
            columns: 4,
            aligns: vec![Align::Left, Align::Left, Align::Right, Align::Left],
            styles: vec![&style::CELL, &style::CELL, &style::CELL, &style::CELL_MONO],
            widths: Vec::new(),
            zebra: false,
            key_share: false,
            width,
        }
    }

    fn row_count(&self) -> usize {
        match self.rows {
            Rows::Data(rows, totals) => rows.len() + usize::from(totals.is_some()),
            Rows::KeyValue(items) => items.len(),
            Rows::Documents(items) => items.len(),
        }
    }

    fn cell(&self, r: usize, c: usize) -> Cow<'a, str> {
        match self.rows {
            // Validation guarantees one cell per column; a ragged row still lays out.
            Rows::Data(rows, totals) => {
                let row = rows.get(r).map(Vec::as_slice).or(totals).unwrap_or_default();
                Cow::Borrowed(row.get(c).map_or("", Cell::text))
            }
            Rows::KeyValue(items) if c == 0 => Cow::Borrowed(&items[r].key),
            Rows::KeyValue(items) => Cow::Borrowed(items[r].value.text()),
            Rows::Documents(items) => document_cell(&items[r], c),
        }
    }

    /// Whether cell `r`, `c` holds a number, or a string written like one (which is
    /// never broken across lines).
    fn is_number(&self, r: usize, c: usize) -> bool {
        match self.rows {
            Rows::Data(rows, totals) => {
                rows.get(r).map(Vec::as_slice).or(totals).and_then(|row| row.get(c)).is_some_and(numeric)
            }
            Rows::KeyValue(items) => c == 1 && numeric(&items[r].value),
            Rows::Documents(_) => false,
        }
    }

    fn cell_style(&self, r: usize, c: usize) -> &'static TextStyle {
        if self.is_totals(r) { &style::CELL_BOLD } else { self.styles[c] }
    }

    /// Whether row `r` is the totals row.
    fn is_totals(&self, r: usize) -> bool {
        matches!(self.rows, Rows::Data(rows, Some(_)) if r == rows.len())
    }

    /// How row `r` is drawn.
    fn row_kind(&self, r: usize) -> RowKind {
        if self.is_totals(r) { RowKind::Totals } else { RowKind::Body { shaded: self.zebra && r % 2 == 1 } }
    }
}

/// Whether a cell is a number, or a short string written like one: digits with signs,
/// separators, a percent or currency sign, such as a date (`2024-01-10`), a time, a
/// price or a code (`+1 555`, which has a space, is not).
fn numeric(cell: &Cell) -> bool {
    match cell {
        Cell::Number(_) => true,
        Cell::Text(s) => {
            s.len() <= 32
                && s.bytes().any(|b| b.is_ascii_digit())
                && s.chars().all(|c| c.is_ascii_digit() || "+-.,:/%$€£¥()'#".contains(c))
        }
        Cell::Bool(_) | Cell::Empty => false,
    }
}

/// Column `c` of an attached document's row.
fn document_cell<'a>(item: &'a DocumentItem<'a>, c: usize) -> Cow<'a, str> {
    match c {
        0 => match &item.description {
            Some(desc) => Cow::Owned(format!("{}\n{desc}", item.name)),
            None => Cow::Borrowed(&item.name),
        },
        1 => Cow::Borrowed(item.media_type.as_deref().unwrap_or("")),
        2 => item.byte_size().map_or(Cow::Borrowed(""), |n| Cow::Owned(format_size(n))),
        _ => item.sha256_hex().map_or(Cow::Borrowed(""), Cow::Owned),
    }
}

/// A byte count for people: `512 B`, `48.2 kB`, `3.1 MB` (SI prefixes, IEC 80000-13).
fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1000.0;
    let mut unit = 0;
    while v >= 999.95 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

/// Lays out a table at the cursor.
pub(super) fn layout<'a>(flow: &mut Flow<'a, '_>, spec: &TableSpec<'a>) {
    let n = spec.columns;
    // Intern every cell once, row-major after the header: cell (r, c) is string
    // `first + r * n + c`.
    let header = spec.header.as_ref().map(|h| h.iter().map(|&t| flow.intern(Cow::Borrowed(t))).collect::<Vec<_>>());
    let first = flow.layout.strings.len() as u32;
    for r in 0..spec.row_count() {
        for c in 0..n {
            flow.intern(spec.cell(r, c));
        }
    }
    let widths = column_widths(flow, spec, header.as_deref(), first);
    let mut placer =
        Placer { widths, aligns: &spec.aligns, left: flow.left, cells: Vec::with_capacity(n), rows_on_page: 0 };

    let header_height = header.as_ref().map(|h| placer.wrap(flow, h.iter().map(|&s| (s, &style::CELL_BOLD))));
    // The header and the first row start on the same page.
    let first_row = if spec.row_count() > 0 { placer.wrap(flow, row(spec, first, 0)) } else { 0.0 };
    flow.ensure(header_height.unwrap_or(0.0) + first_row);
    if let (Some(h), Some(height)) = (&header, header_height) {
        placer.wrap(flow, h.iter().map(|&s| (s, &style::CELL_BOLD)));
        placer.place_header(flow, height);
    }
    for r in 0..spec.row_count() {
        let height = placer.wrap(flow, row(spec, first, r));
        placer.place_row(flow, height, spec.row_kind(r), (header.as_deref(), header_height));
    }
}

fn row<'s>(spec: &'s TableSpec, first: u32, r: usize) -> impl Iterator<Item = (u32, &'static TextStyle)> + 's {
    let n = spec.columns;
    (0..n).map(move |c| (first + (r * n + c) as u32, spec.cell_style(r, c)))
}

/// Column widths in points, summing to the content width.
///
/// A column's minimum is its widest word, at most an equal share of the width; but a
/// number is never broken, nor a header word, as long as the minimums then still fit
/// (numbers first: a table of more numbers than fit breaks its headers, then its numbers).
fn column_widths(flow: &Flow, spec: &TableSpec, header: Option<&[u32]>, first: u32) -> Vec<f32> {
    let n = spec.columns;
    let pad = 2.0 * style::CELL_PAD_X;
    let mut natural = vec![0.0f32; n];
    let mut minimum = vec![0.0f32; n];
    let mut numbers = vec![0.0f32; n];
    let mut header_words = vec![0.0f32; n];
    let mut measure = |c: usize, string: u32, st: &TextStyle| {
        let text = &flow.layout.strings[string as usize];
        let (line, word) = if flow.faces.embedded() {
            wrap::natural_widths_by(text, |i| flow.faces.unit(st.font, text, i), &flow.faces.breaks(text))
        } else {
            wrap::natural_widths(text, flow.faces.standard_font(st.font))
        };
        let (line, word) = (line as f32 * st.size / 1000.0 + pad, word as f32 * st.size / 1000.0 + pad);
        natural[c] = natural[c].max(line);
        minimum[c] = minimum[c].max(word);
        (line, word)
    };
    if let Some(h) = header {
        for (c, &s) in h.iter().enumerate() {
            header_words[c] = measure(c, s, &style::CELL_BOLD).1;
        }
    }
    for r in 0..spec.row_count() {
        for (c, (s, st)) in row(spec, first, r).enumerate() {
            let (line, _) = measure(c, s, st);
            if spec.is_number(r, c) {
                numbers[c] = numbers[c].max(line);
            }
        }
    }
    let width = spec.width;
    if spec.key_share {
        let key = natural[0].min(width * style::KEY_COLUMN_MAX);
        return vec![key, width - key];
    }
    // A single long word may not claim more than an equal share.
    let words: Vec<f32> = minimum.iter().map(|m| m.min(width / n as f32)).collect();
    let firm = |floor: &[f32], under: &[f32]| under.iter().zip(floor).map(|(u, f)| u.max(*f)).collect::<Vec<f32>>();
    let with_numbers = firm(&numbers, &words);
    let with_headers = firm(&header_words, &with_numbers);
    let minimum = [with_headers, with_numbers].into_iter().find(|m| m.iter().sum::<f32>() <= width).unwrap_or(words);
    let given: Vec<Option<f32>> = (0..n)
        .map(|c| {
            spec.widths.get(c).copied().flatten().map(|w| match w {
                ColumnWidth::Points(p) => p as f32,
                ColumnWidth::Percent(p) => width * p as f32 / 100.0,
            })
        })
        .collect();
    let autos: Vec<usize> = (0..n).filter(|&c| given[c].is_none()).collect();
    let sum_given: f32 = given.iter().flatten().sum();
    // Given widths shrink only when they leave automatic columns less than their
    // minimum (or, without automatic columns, overflow the content width).
    let room = width - autos.iter().map(|&c| minimum[c]).sum::<f32>();
    let scale = if sum_given > room.max(0.0) { room.max(0.0) / sum_given.max(f32::MIN_POSITIVE) } else { 1.0 };
    let auto_widths = distribute(
        &autos.iter().map(|&c| natural[c]).collect::<Vec<_>>(),
        &autos.iter().map(|&c| minimum[c]).collect::<Vec<_>>(),
        width - sum_given * scale,
    );
    let mut autos = auto_widths.into_iter();
    given.iter().map(|g| g.map_or_else(|| autos.next().unwrap_or(0.0), |w| w * scale)).collect()
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

/// How a row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    /// A row of the body, on a shaded background or not.
    Body { shaded: bool },
    /// The totals row: a heavier rule above it.
    Totals,
}

/// The header row's strings and its height, for repeating it on a new page.
type Header<'h> = (Option<&'h [u32]>, Option<f32>);

/// Places rows: wraps a row's cells, then draws them, breaking pages between rows.
struct Placer<'s> {
    widths: Vec<f32>,
    aligns: &'s [Align],
    left: f32,
    /// The current row's cells: string, style, and its lines in `flow.lines`.
    cells: Vec<(u32, &'static TextStyle, std::ops::Range<usize>)>,
    /// Rows (or row pieces) placed on the current page.
    rows_on_page: usize,
}

impl Placer<'_> {
    /// Wraps one row into `flow.lines` and returns its height in points.
    fn wrap<'i>(&mut self, flow: &mut Flow, cells: impl Iterator<Item = (u32, &'i TextStyle)>) -> f32
    where
        'i: 'static,
    {
        flow.lines.clear();
        self.cells.clear();
        for (c, (string, st)) in cells.enumerate() {
            let inner = (self.widths[c] - 2.0 * style::CELL_PAD_X).max(0.0);
            let start = flow.lines.len();
            let text = &flow.layout.strings[string as usize];
            let faces = &flow.faces;
            let max = (inner * 1000.0 / st.size) as u32;
            if faces.embedded() {
                wrap::wrap_by(text, max, &mut flow.lines, |i, _| faces.unit(st.font, text, i), &faces.breaks(text));
            } else {
                wrap::wrap(text, faces.standard_font(st.font), max, &mut flow.lines);
            }
            self.cells.push((string, st, start..flow.lines.len()));
        }
        let lines = self.cells.iter().map(|(_, _, r)| r.len()).max().unwrap_or(1);
        lines as f32 * style::CELL.leading + 2.0 * style::CELL_PAD_Y
    }

    fn place_header(&mut self, flow: &mut Flow, height: f32) {
        let fill = Fill {
            x: self.left,
            y: flow.y - height,
            width: self.widths.iter().sum(),
            height,
            gray: style::HEADER_FILL,
        };
        flow.page().fills.push(fill);
        self.draw(flow, 0, usize::MAX);
        flow.y -= height;
    }

    /// Places the wrapped row. A row that does not fit moves to a new page under a
    /// repeated header; a row that does not fit even there (taller than a page) is
    /// split between lines, continuing on the next page.
    fn place_row(&mut self, flow: &mut Flow, height: f32, kind: RowKind, header: Header) {
        let lead = style::CELL.leading;
        let pad = 2.0 * style::CELL_PAD_Y;
        let total = ((height - pad) / lead).round() as usize;
        let mut done = 0;
        loop {
            let need = (total - done) as f32 * lead + pad;
            if flow.y - need >= flow.bottom {
                self.piece(flow, done, total, kind);
                self.rows_on_page += 1;
                return;
            }
            if self.rows_on_page == 0 || done > 0 {
                let fit = ((flow.y - flow.bottom - pad) / lead).floor().max(1.0) as usize;
                let end = (done + fit).min(total);
                self.piece(flow, done, end, kind);
                done = end;
                if done == total {
                    self.rows_on_page += 1;
                    return;
                }
                self.continued(flow);
            }
            self.break_page(flow, header);
        }
    }

    /// Draws lines `from..to` of the wrapped row with its background and rules, and
    /// moves the cursor below them.
    fn piece(&mut self, flow: &mut Flow, from: usize, to: usize, kind: RowKind) {
        let height = (to - from) as f32 * style::CELL.leading + 2.0 * style::CELL_PAD_Y;
        let width = self.widths.iter().sum();
        match kind {
            RowKind::Body { shaded: true } => {
                let fill = Fill { x: self.left, y: flow.y - height, width, height, gray: style::ZEBRA_FILL };
                flow.page().fills.push(fill);
            }
            RowKind::Totals if from == 0 => {
                let rule = Rule {
                    x1: self.left,
                    x2: self.left + width,
                    y: flow.y,
                    thickness: style::TOTALS_RULE_THICKNESS,
                    gray: style::TOTALS_RULE_GRAY,
                };
                flow.page().rules.push(rule);
            }
            _ => {}
        }
        self.draw(flow, from, to);
        self.rule(flow, height);
    }

    /// Marks a row split across pages: "(continued)" under its piece, at the right.
    fn continued(&self, flow: &mut Flow) {
        const LABEL: &[u8] = b"(continued)";
        let st = &style::CONTINUED;
        let right = self.left + self.widths.iter().sum::<f32>();
        let x = right - flow.faces.measure(st.font, LABEL, st.size);
        flow.layout.strings.push(Cow::Borrowed(LABEL));
        let string = (flow.layout.strings.len() - 1) as u32;
        let baseline = (st.size + 1.0).min((flow.y - 2.0).max(0.0));
        flow.text(st, x, baseline, string, Line { start: 0, end: LABEL.len() as u32, units: 0 });
    }

    /// Moves to a new page and repeats the header row there, keeping the current row's
    /// wrapped lines.
    fn break_page(&mut self, flow: &mut Flow, header: Header) {
        flow.new_page();
        self.rows_on_page = 0;
        if let (Some(h), Some(height)) = header {
            let saved_lines = std::mem::take(&mut flow.lines);
            let saved_cells = std::mem::take(&mut self.cells);
            self.wrap(flow, h.iter().map(|&s| (s, &style::CELL_BOLD)));
            self.place_header(flow, height);
            flow.lines = saved_lines;
            self.cells = saved_cells;
        }
    }

    /// Draws lines `from..to` of every cell of the wrapped row at the cursor.
    fn draw(&mut self, flow: &mut Flow, from: usize, to: usize) {
        let mut x = self.left;
        for (c, (string, st, range)) in self.cells.iter().enumerate() {
            let w = self.widths[c];
            let shown = (range.start + from).min(range.end)..(range.start.saturating_add(to)).min(range.end);
            for (i, k) in shown.enumerate() {
                let line = flow.lines[k];
                let width = line.units as f32 * st.size / 1000.0;
                let lx = match self.aligns[c] {
                    Align::Left => x + style::CELL_PAD_X,
                    Align::Right => x + w - style::CELL_PAD_X - width,
                    Align::Center => x + (w - width) / 2.0,
                };
                let baseline = style::CELL_PAD_Y + i as f32 * st.leading + st.baseline_offset();
                flow.text(st, lx, baseline, *string, line);
            }
            x += w;
        }
    }

    /// Draws the rule under a row of `height` points and moves the cursor below it.
    fn rule(&self, flow: &mut Flow, height: f32) {
        flow.y -= height;
        let rule = Rule {
            x1: self.left,
            x2: self.left + self.widths.iter().sum::<f32>(),
            y: flow.y,
            thickness: style::RULE_THICKNESS,
            gray: style::RULE_GRAY,
        };
        flow.page().rules.push(rule);
    }
}

#[cfg(test)]
mod tests {
    use super::format_size;

    #[test]
    fn sizes_use_si_prefixes() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(999), "999 B");
        assert_eq!(format_size(1000), "1.0 kB");
        assert_eq!(format_size(48_213), "48.2 kB");
        assert_eq!(format_size(999_999), "1.0 MB");
        assert_eq!(format_size(3_100_000), "3.1 MB");
    }
}
