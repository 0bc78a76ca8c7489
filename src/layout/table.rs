//! Tables: data tables and key/value tables.
//!
//! Column widths (and the type size, when a table is too wide) are the `columns`
//! module's. Rows are never cut in half: a row that does not fit moves to the next
//! page, under a repeated header row. Only a row taller than a whole page is split
//! between lines.

use super::columns::{self, Measures};
use super::flow::Flow;
use super::style::{self, TextStyle};
use super::wrap::{self, Line};
use super::{Fill, Rgb, Rule};
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
    let measures = measure(flow, spec, header.as_deref(), first);
    let (widths, scale) = column_widths(flow, spec, &measures);
    let mut placer = Placer {
        widths,
        aligns: &spec.aligns,
        left: flow.left,
        cells: Vec::with_capacity(n),
        rows_on_page: 0,
        scale,
        header: style::CELL_BOLD.scaled(scale),
    };

    let header_height = header.as_ref().map(|h| placer.wrap_header(flow, h));
    // The header and the first row start on the same page.
    let first_row = if spec.row_count() > 0 { placer.wrap(flow, row(spec, first, 0, scale)) } else { 0.0 };
    flow.ensure(header_height.unwrap_or(0.0) + first_row);
    if let (Some(h), Some(height)) = (&header, header_height) {
        placer.wrap_header(flow, h);
        placer.place_header(flow, height);
    }
    for r in 0..spec.row_count() {
        let height = placer.wrap(flow, row(spec, first, r, scale));
        placer.place_row(flow, height, spec.row_kind(r), (header.as_deref(), header_height));
    }
}

/// Row `r`'s strings and styles, the type scaled by `scale`.
fn row<'s>(spec: &'s TableSpec, first: u32, r: usize, scale: f32) -> impl Iterator<Item = (u32, TextStyle)> + 's {
    let n = spec.columns;
    (0..n).map(move |c| (first + (r * n + c) as u32, spec.cell_style(r, c).scaled(scale)))
}

/// Measures every cell at its style's size (see [`Measures`]).
fn measure(flow: &Flow, spec: &TableSpec, header: Option<&[u32]>, first: u32) -> Measures {
    let pad = 2.0 * style::CELL_PAD_X;
    let mut m = Measures::new(spec.columns);
    let mut measure = |c: usize, string: u32, st: &TextStyle| {
        let text = &flow.layout.strings[string as usize];
        let (line, word) = if flow.faces.embedded() {
            wrap::natural_widths_by(text, |i| flow.faces.unit(st.font, text, i), &flow.faces.breaks(text))
        } else {
            wrap::natural_widths(text, flow.faces.standard_font(st.font))
        };
        let (line, word) = (line as f32 * st.size / 1000.0 + pad, word as f32 * st.size / 1000.0 + pad);
        m.natural[c] = m.natural[c].max(line);
        m.minimum[c] = m.minimum[c].max(word);
        (line, word)
    };
    let mut header_words = vec![0.0f32; spec.columns];
    if let Some(h) = header {
        for (c, &s) in h.iter().enumerate() {
            header_words[c] = measure(c, s, &style::CELL_BOLD).1;
        }
    }
    let mut numbers = vec![0.0f32; spec.columns];
    for r in 0..spec.row_count() {
        for (c, (s, st)) in row(spec, first, r, 1.0).enumerate() {
            let (line, _) = measure(c, s, &st);
            if spec.is_number(r, c) {
                numbers[c] = numbers[c].max(line);
            }
        }
    }
    Measures { numbers, header_words, ..m }
}

/// The column widths in points, summing to the content width, and the scale the type
/// is set at (see [`columns::fit`]). Only a table whose columns are all automatic
/// shrinks; one that does not fit even at the smallest size, or that has given widths,
/// is noted in [`Layout::tables`](super::Layout::tables).
fn column_widths(flow: &mut Flow, spec: &TableSpec, m: &Measures) -> (Vec<f32>, f32) {
    let width = spec.width;
    if spec.key_share {
        let key = m.natural[0].min(width * style::KEY_COLUMN_MAX);
        return (vec![key, width - key], 1.0);
    }
    let automatic = spec.widths.iter().all(Option::is_none);
    let min_scale = if automatic { style::MIN_CELL_SIZE / style::CELL.size } else { 1.0 };
    let fit = columns::fit(m, width, min_scale);
    if fit.needed > width {
        flow.note_table(fit.needed, width, style::CELL.size * fit.scale, fit.whole);
    }
    (columns::widths_at(m, &spec.widths, width, fit.scale), fit.scale)
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
    cells: Vec<(u32, TextStyle, std::ops::Range<usize>)>,
    /// Rows (or row pieces) placed on the current page.
    rows_on_page: usize,
    /// The factor the cells' type and padding are scaled by (see [`columns::fit`]).
    scale: f32,
    /// The header cells' style, scaled.
    header: TextStyle,
}

impl Placer<'_> {
    /// Wraps one row into `flow.lines` and returns its height in points.
    fn wrap(&mut self, flow: &mut Flow, cells: impl Iterator<Item = (u32, TextStyle)>) -> f32 {
        flow.lines.clear();
        self.cells.clear();
        for (c, (string, st)) in cells.enumerate() {
            let inner = (self.widths[c] - 2.0 * self.pad_x()).max(0.0);
            let start = flow.lines.len();
            let text = &flow.layout.strings[string as usize];
            let faces = &flow.faces;
            // A column exactly as wide as its widest word holds it: the width was
            // computed from those units, so round off the float error before truncating.
            let max = (inner * 1000.0 / st.size + 0.01) as u32;
            if faces.embedded() {
                wrap::wrap_by(text, max, &mut flow.lines, |i, _| faces.unit(st.font, text, i), &faces.breaks(text));
            } else {
                wrap::wrap(text, faces.standard_font(st.font), max, &mut flow.lines);
            }
            self.cells.push((string, st, start..flow.lines.len()));
        }
        let lines = self.cells.iter().map(|(_, _, r)| r.len()).max().unwrap_or(1);
        self.height(lines)
    }

    /// Wraps the header row (see [`Placer::wrap`]).
    fn wrap_header(&mut self, flow: &mut Flow, header: &[u32]) -> f32 {
        let st = self.header;
        self.wrap(flow, header.iter().map(|&s| (s, st)))
    }

    /// Horizontal padding inside a cell, in points.
    fn pad_x(&self) -> f32 {
        style::CELL_PAD_X * self.scale
    }

    /// Vertical padding inside a cell, in points.
    fn pad_y(&self) -> f32 {
        style::CELL_PAD_Y * self.scale
    }

    /// Distance between a cell's baselines, in points.
    fn leading(&self) -> f32 {
        style::CELL.leading * self.scale
    }

    /// The height in points of a row (or piece of a row) of `lines` lines.
    fn height(&self, lines: usize) -> f32 {
        lines as f32 * self.leading() + 2.0 * self.pad_y()
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
        let lead = self.leading();
        let pad = 2.0 * self.pad_y();
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
        let height = self.height(to - from);
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
                    color: Rgb::gray(style::TOTALS_RULE_GRAY),
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
            self.wrap_header(flow, h);
            self.place_header(flow, height);
            flow.lines = saved_lines;
            self.cells = saved_cells;
        }
    }

    /// Draws lines `from..to` of every cell of the wrapped row at the cursor.
    fn draw(&mut self, flow: &mut Flow, from: usize, to: usize) {
        let mut x = self.left;
        let pad_x = self.pad_x();
        for (c, (string, st, range)) in self.cells.iter().enumerate() {
            let w = self.widths[c];
            let shown = (range.start + from).min(range.end)..(range.start.saturating_add(to)).min(range.end);
            for (i, k) in shown.enumerate() {
                let line = flow.lines[k];
                let width = line.units as f32 * st.size / 1000.0;
                let lx = match self.aligns[c] {
                    Align::Left => x + pad_x,
                    Align::Right => x + w - pad_x - width,
                    Align::Center => x + (w - width) / 2.0,
                };
                let baseline = self.pad_y() + i as f32 * st.leading + st.baseline_offset();
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
            color: Rgb::gray(style::RULE_GRAY),
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
