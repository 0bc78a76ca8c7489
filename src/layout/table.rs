//! Tables: data tables and key/value tables.
//!
//! Column widths (and the type size, when a table is too wide) are the `columns`
//! module's; where spanning cells sit is [`crate::document::grid`]'s. Rows are never
//! cut in half: a row (or the rows a `rowSpan` joins) that does not fit moves to the
//! next page, under the repeated header rows. Only a row taller than a whole page is
//! split between lines; rows joined by a span and taller than a page split between
//! rows, each spanning cell's lines continuing in the rows below.

use super::chart::rgb;
use super::columns::{self, Measures};
use super::flow::{Flow, Look};
use super::style::{self, TextStyle};
use super::wrap::{self, Line};
use super::{Fill, Font, PathItem, Rgb, Rule};
use std::borrow::Cow;
use std::ops::Range;

use crate::document::grid::{self, Placed};
use crate::document::{
    Align, BorderKind, Cell, ColumnWidth, DocumentItem, Documents, KeyValue, KeyValueItem, StyledCell, Table,
    TableCell, VerticalAlign,
};

/// The styles of a table's cells: the theme's `tableBody` and `tableHeader`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cells {
    /// Body cells.
    pub body: TextStyle,
    /// Header cells.
    pub head: TextStyle,
}

impl Cells {
    /// The totals row's (and key/value keys') style: the body's, bold.
    fn totals(self) -> TextStyle {
        TextStyle { font: super::Font::styled(true, self.body.font.is_italic(), false), ..self.body }
    }
}

/// What a table block asks of the layout.
pub(super) struct TableSpec<'a> {
    header: Option<Vec<&'a str>>,
    /// Header rows above the columns' headers (data tables).
    groups: &'a [Vec<TableCell<'a>>],
    rows: Rows<'a>,
    columns: usize,
    aligns: Vec<Align>,
    /// The style of each column's body cells.
    styles: Vec<TextStyle>,
    /// The style of header cells, and of the totals row (the body's, bold).
    head: TextStyle,
    totals: TextStyle,
    /// The body cells' style: its size is the one a too-wide table shrinks from, its
    /// leading the rows'.
    body: TextStyle,
    /// Given column widths (`None`: automatic).
    widths: Vec<Option<ColumnWidth>>,
    /// Shade every other row.
    zebra: bool,
    /// Width of the key column of a key/value table, as a share of the content width.
    key_share: bool,
    width: f32,
    /// The lines between and around cells.
    lines: Lines,
    /// Whether it is mirrored: its first column on the right, text flush right and
    /// numbers flush left unless a column says otherwise (a right-to-left table).
    rtl: bool,
}

/// A table's lines, resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Lines {
    kind: BorderKind,
    /// Width in points.
    width: f32,
    color: Rgb,
}

impl Lines {
    /// Thin light-grey rules under each row: the look of a table without `borders`.
    const DEFAULT: Lines =
        Lines { kind: BorderKind::Horizontal, width: style::RULE_THICKNESS, color: Rgb::gray(style::RULE_GRAY) };
}

enum Rows<'a> {
    /// Rows, then the totals row if there is one.
    Data(&'a [Vec<TableCell<'a>>], &'a [Vec<TableCell<'a>>]),
    KeyValue(&'a [KeyValueItem<'a>]),
    Documents(&'a [DocumentItem<'a>]),
}

impl<'a> TableSpec<'a> {
    /// A data table: header row, columns aligned as asked or by content.
    pub(super) fn data(t: &'a Table<'a>, (width, cells, rtl): (f32, Cells, bool)) -> Self {
        let aligns = (0..t.columns.len())
            .map(|c| {
                t.columns[c].align.unwrap_or_else(|| {
                    let mut cells =
                        t.rows.iter().filter_map(|r| r.get(c)).filter(|cell| !matches!(cell.text(), Cell::Empty));
                    let numeric = cells.clone().next().is_some() && cells.all(|cell| cell.text().is_number());
                    start_or_end(numeric, rtl)
                })
            })
            .collect();
        TableSpec {
            header: Some(t.columns.iter().map(|c| c.header.as_ref()).collect()),
            groups: &t.header,
            rows: Rows::Data(&t.rows, t.totals.as_slice()),
            columns: t.columns.len(),
            aligns,
            styles: vec![cells.body; t.columns.len()],
            head: cells.head,
            totals: cells.totals(),
            body: cells.body,
            widths: t.columns.iter().map(|c| c.width).collect(),
            zebra: t.zebra,
            key_share: false,
            width,
            lines: t.borders.as_ref().map_or(Lines::DEFAULT, |b| Lines {
                kind: b.kind,
                width: b.width as f32,
                color: b.color.map_or(Rgb::gray(style::RULE_GRAY), rgb),
            }),
            rtl,
        }
    }

    /// A key/value table: bold keys on the left, values on the right, no header.
    pub(super) fn key_value(kv: &'a KeyValue<'a>, (width, cells, rtl): (f32, Cells, bool)) -> Self {
        TableSpec {
            header: None,
            groups: &[],
            rows: Rows::KeyValue(&kv.items),
            columns: 2,
            aligns: vec![start_or_end(false, rtl); 2],
            styles: vec![cells.totals(), cells.body],
            head: cells.head,
            totals: cells.totals(),
            body: cells.body,
            widths: Vec::new(),
            zebra: false,
            key_share: true,
            width,
            lines: Lines::DEFAULT,
            rtl,
        }
    }

    /// The list of attached documents: name (and description), media type, size and
    /// SHA-256 in monospace.
    pub(super) fn documents(d: &'a Documents<'a>, (width, cells, rtl): (f32, Cells, bool)) -> Self {
        TableSpec {
            header: Some(vec!["Document", "Type", "Size", "SHA-256"]),
            groups: &[],
            rows: Rows::Documents(&d.items),
            columns: 4,
            aligns: [false, false, true, false].map(|end| start_or_end(end, rtl)).to_vec(),
            styles: vec![cells.body, cells.body, cells.body, style::CELL_MONO],
            head: cells.head,
            totals: cells.totals(),
            body: cells.body,
            widths: Vec::new(),
            zebra: false,
            key_share: false,
            width,
            lines: Lines::DEFAULT,
            rtl,
        }
    }

    fn row_count(&self) -> usize {
        match self.rows {
            Rows::Data(rows, totals) => rows.len() + totals.len(),
            Rows::KeyValue(items) => items.len(),
            Rows::Documents(items) => items.len(),
        }
    }

    /// Gives `each` the place of every cell, row by row (the totals row after the
    /// rows): one cell per column but in data tables, whose spans [`grid::place`]
    /// counts.
    fn place(&self, mut each: impl FnMut(Placed)) {
        match self.rows {
            Rows::Data(rows, totals) => {
                grid::place(rows, self.columns, "rows", &mut each);
                grid::place(totals, self.columns, "totals", &mut |p| each(Placed { row: rows.len(), ..p }));
            }
            _ => {
                for row in 0..self.row_count() {
                    (0..self.columns).for_each(|col| each(Placed { row, col, cols: 1, rows: 1 }));
                }
            }
        }
    }

    /// The `i`-th cell of row `r` of a data table (the totals row after the rows).
    fn data_cell(&self, r: usize, i: usize) -> Option<&'a TableCell<'a>> {
        match self.rows {
            Rows::Data(rows, totals) => rows.get(r).or(totals.first()).and_then(|row| row.get(i)),
            _ => None,
        }
    }

    /// The text of the `i`-th cell of row `r` (column `c`), and its own spans and style.
    fn cell(&self, r: usize, i: usize, c: usize) -> (Cow<'a, str>, Option<&'a StyledCell<'a>>) {
        match self.rows {
            Rows::Data(..) => match self.data_cell(r, i) {
                Some(cell) => (Cow::Borrowed(cell.text().text()), cell.styled()),
                None => (Cow::Borrowed(""), None),
            },
            Rows::KeyValue(items) if c == 0 => (Cow::Borrowed(&items[r].key), None),
            Rows::KeyValue(items) => (Cow::Borrowed(items[r].value.text()), None),
            Rows::Documents(items) => (document_cell(&items[r], c), None),
        }
    }

    /// Whether the `i`-th cell of row `r` (column `c`) holds a number, or a string
    /// written like one (which is never broken across lines).
    fn is_number(&self, r: usize, i: usize, c: usize) -> bool {
        match self.rows {
            Rows::Data(..) => self.data_cell(r, i).is_some_and(|cell| numeric(cell.text())),
            Rows::KeyValue(items) => c == 1 && numeric(&items[r].value),
            Rows::Documents(_) => false,
        }
    }

    /// How the `i`-th cell of row `r`, at column `c`, is set.
    fn look(&self, cell: &GridCell<'a>) -> CellLook {
        let base = self.cell_style(cell.at.row, cell.at.col);
        CellLook::of(base, self.aligns[cell.at.col], cell.styled)
    }

    fn cell_style(&self, r: usize, c: usize) -> TextStyle {
        if self.is_totals(r) { self.totals } else { self.styles[c] }
    }

    /// Whether row `r` is the totals row.
    fn is_totals(&self, r: usize) -> bool {
        matches!(self.rows, Rows::Data(rows, [_]) if r == rows.len())
    }

    /// How row `r` is drawn.
    fn row_kind(&self, r: usize) -> RowKind {
        if self.is_totals(r) { RowKind::Totals } else { RowKind::Body { shaded: self.zebra && r % 2 == 1 } }
    }
}

/// How a cell is set: its text style (unscaled), colour, alignments and background.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CellLook {
    style: TextStyle,
    color: Rgb,
    align: Align,
    valign: VerticalAlign,
    fill: Option<Rgb>,
}

impl CellLook {
    /// The look of a cell whose row and column give `base` and `align`, with what
    /// `cell` says of its own.
    fn of(base: TextStyle, align: Align, cell: Option<&StyledCell>) -> CellLook {
        let plain = CellLook { style: base, color: base.color, align, valign: VerticalAlign::Top, fill: None };
        let Some(cell) = cell else { return plain };
        let bold = cell.bold.unwrap_or(matches!(base.font, Font::Bold));
        CellLook {
            style: TextStyle { font: Font::styled(bold, cell.italic, false), ..base },
            color: cell.color.map_or(plain.color, rgb),
            align: cell.align.unwrap_or(align),
            valign: cell.vertical_align.unwrap_or(VerticalAlign::Top),
            fill: cell.fill.map(rgb),
        }
    }

    /// The share of a cell's free height above its text: 0 at the top, 1 at the bottom.
    fn drop(&self) -> f32 {
        match self.valign {
            VerticalAlign::Top => 0.0,
            VerticalAlign::Middle => 0.5,
            VerticalAlign::Bottom => 1.0,
        }
    }
}

/// The side a column's text is set flush to by default: where lines start (left, or
/// right in a right-to-left table), or for numbers where they end.
fn start_or_end(numbers: bool, rtl: bool) -> Align {
    if numbers != rtl { Align::Right } else { Align::Left }
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

/// A cell to set: its interned text, where it sits, its index in its row's array and
/// its own spans and style, if any.
#[derive(Debug, Clone, Copy)]
struct GridCell<'a> {
    string: u32,
    at: Placed,
    index: usize,
    styled: Option<&'a StyledCell<'a>>,
}

/// Lays out a table at the cursor.
pub(super) fn layout<'a>(flow: &mut Flow<'a, '_>, spec: &TableSpec<'a>) {
    let n = spec.columns;
    // Intern every cell once: the columns' headers, the rows' cells in order, then the
    // header rows above the columns' headers.
    let header = spec.header.as_ref().map(|h| h.iter().map(|&t| flow.intern(Cow::Borrowed(t))).collect::<Vec<_>>());
    let mut body: Vec<GridCell> = Vec::with_capacity(spec.row_count() * n);
    // Where each row's cells start in `body`, and where the last ends.
    let mut starts = Vec::with_capacity(spec.row_count() + 1);
    spec.place(|at| {
        while starts.len() <= at.row {
            starts.push(body.len());
        }
        let index = body.len() - starts[at.row];
        let (text, styled) = spec.cell(at.row, index, at.col);
        body.push(GridCell { string: flow.intern(text), at, index, styled });
    });
    starts.resize(spec.row_count() + 1, body.len());
    let groups = group_cells(flow, spec);
    let measures = measure(flow, spec, header.as_deref(), (&body, &groups));
    let (widths, scale) = column_widths(flow, spec, &measures);
    let (xs, left) = column_edges(flow, &widths, spec.rtl);
    let mut placer = Placer {
        widths,
        aligns: spec.aligns.clone(),
        xs,
        left,
        cells: Vec::with_capacity(n),
        rows_on_page: 0,
        scale,
        header: spec.head.scaled(scale),
        leading: spec.body.leading,
        lines: spec.lines,
        page_top: flow.y,
        group_header: None,
    };
    if !groups.is_empty() {
        let look = |c: &GridCell| CellLook::of(spec.head, Align::Center, c.styled);
        placer.wrap_cells(flow, &groups, (0, &look));
        let mut heights = Vec::new();
        placer.heights(spec.groups.len(), &mut heights);
        placer.group_header = Some(Group { lines: flow.lines.clone(), cells: placer.cells.clone(), heights });
    }

    let column_row = header.as_ref().map(|h| placer.wrap_header(flow, h));
    let header_height = column_row.map(|h| h + placer.group_header.as_ref().map_or(0.0, |g| g.heights.iter().sum()));
    let look = |c: &GridCell<'a>| spec.look(c);
    let (mut heights, mut kinds) = (Vec::new(), Vec::new());
    let mut r = 0;
    let mut first = true;
    while r < spec.row_count() || first {
        // The rows a span joins to row `r`: placed as one.
        let end = if r < spec.row_count() { group_end(&body[starts[r]..], r) } else { r };
        let cells = &body[starts[r]..starts[end]];
        placer.wrap_cells(flow, cells, (r, &look));
        placer.heights(end - r, &mut heights);
        if first {
            // The header and the first rows start on the same page (with rows a span
            // joins that are taller than a page, the first of them).
            let header_height = header_height.unwrap_or(0.0);
            let rows: f32 = heights.iter().sum();
            let tall = heights.len() > 1 && header_height + rows > flow.page_room();
            flow.ensure(header_height + if tall { heights[0] } else { rows });
            placer.page_top = flow.y;
            if let (Some(h), Some(height)) = (&header, column_row) {
                placer.draw_header(flow, h, height);
            }
            first = false;
            if r == spec.row_count() {
                break;
            }
            // The header's wrapping used the scratch lines: wrap the rows again.
            placer.wrap_cells(flow, cells, (r, &look));
        }
        kinds.clear();
        kinds.extend((r..end).map(|k| spec.row_kind(k)));
        placer.place_rows(flow, &heights, &kinds, (header.as_deref(), column_row));
        r = end;
    }
    placer.outline(flow);
}

/// The left edge of each column, then the table's right edge, and its left edge, in
/// points: from the content box's left edge, or in a mirrored table (`rtl`) from its
/// right edge leftwards.
fn column_edges(flow: &Flow, widths: &[f32], rtl: bool) -> (Vec<f32>, f32) {
    let total: f32 = widths.iter().sum();
    let (left, right) = match rtl {
        true => (flow.left + flow.width - total, flow.left + flow.width),
        false => (flow.left, flow.left + total),
    };
    let mut xs = Vec::with_capacity(widths.len() + 1);
    let mut x = if rtl { right } else { left };
    for w in widths {
        xs.push(if rtl { x - w } else { x });
        x += if rtl { -w } else { *w };
    }
    xs.push(right);
    (xs, left)
}

/// The header rows above the columns' headers, interned and placed.
fn group_cells<'a>(flow: &mut Flow<'a, '_>, spec: &TableSpec<'a>) -> Vec<GridCell<'a>> {
    let mut cells: Vec<GridCell<'a>> = Vec::new();
    let mut row = (0, 0); // the row, and its first cell in `cells`
    grid::place(spec.groups, spec.columns, "header", &mut |at| {
        if at.row != row.0 {
            row = (at.row, cells.len());
        }
        let index = cells.len() - row.1;
        let cell = &spec.groups[at.row][index];
        let string = flow.intern(Cow::Borrowed(cell.text().text()));
        cells.push(GridCell { string, at, index, styled: cell.styled() });
    });
    cells
}

/// The end (exclusive) of the rows that row `r`'s spans, and theirs, join to it;
/// `cells` are the cells from row `r`'s first on.
fn group_end(cells: &[GridCell], r: usize) -> usize {
    let mut end = r + 1;
    for c in cells {
        if c.at.row >= end {
            break;
        }
        end = end.max(c.at.row + c.at.rows);
    }
    end
}

/// Measures every cell at its style's size (see [`Measures`]); a spanning cell widens
/// the columns it spans equally where they hold less than it needs.
fn measure(
    flow: &Flow,
    spec: &TableSpec,
    header: Option<&[u32]>,
    (body, groups): (&[GridCell], &[GridCell]),
) -> Measures {
    let pad = 2.0 * style::CELL_PAD_X;
    let mut m = Measures::new(spec.columns);
    let measure = |string: u32, st: &TextStyle| {
        let text = &flow.layout.strings[string as usize];
        let (line, word) = if flow.faces.embedded() {
            let widths = flow.faces.units_of(st.font, text);
            wrap::natural_widths_by(text, |i| widths.at(i), &flow.faces.breaks(text))
        } else {
            wrap::natural_widths(text, flow.faces.standard_font(st.font))
        };
        (line as f32 * st.size / 1000.0 + pad, word as f32 * st.size / 1000.0 + pad)
    };
    let mut header_words = vec![0.0f32; spec.columns];
    if let Some(h) = header {
        for (c, &s) in h.iter().enumerate() {
            let (line, word) = measure(s, &spec.head);
            m.natural[c] = m.natural[c].max(line);
            m.minimum[c] = m.minimum[c].max(word);
            header_words[c] = word;
        }
    }
    let mut numbers = vec![0.0f32; spec.columns];
    let mut spanning = Vec::new();
    for cell in body {
        let (row, i) = (cell.at.row, cell.index);
        let st = if cell.styled.is_some() { spec.look(cell).style } else { spec.cell_style(row, cell.at.col) };
        let (line, word) = measure(cell.string, &st);
        let c = cell.at.col;
        if cell.at.cols == 1 {
            m.natural[c] = m.natural[c].max(line);
            m.minimum[c] = m.minimum[c].max(word);
            if spec.is_number(row, i, c) {
                numbers[c] = numbers[c].max(line);
            }
        } else {
            spanning.push((cell.at, line, word));
        }
    }
    for cell in groups {
        let (line, word) = measure(cell.string, &spec.head);
        spanning.push((cell.at, line, word));
    }
    for (at, line, word) in spanning {
        widen(&mut m.natural, at.col..at.col + at.cols, line);
        widen(&mut m.minimum, at.col..at.col + at.cols, word);
    }
    Measures { numbers, header_words, ..m }
}

/// Widens `columns` of `widths` equally until together they are `need` wide.
fn widen(widths: &mut [f32], columns: Range<usize>, need: f32) {
    let have: f32 = widths[columns.clone()].iter().sum();
    if need > have {
        let each = (need - have) / columns.len().max(1) as f32;
        widths[columns].iter_mut().for_each(|w| *w += each);
    }
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
    let min_scale = if automatic { (style::MIN_CELL_SIZE / spec.body.size).min(1.0) } else { 1.0 };
    let fit = columns::fit(m, width, min_scale);
    if fit.needed > width {
        flow.note_table(fit.needed, width, spec.body.size * fit.scale, fit.whole);
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
    /// A header row, on the header's background.
    Header,
}

/// The header row's strings and its height, for repeating it on a new page.
type Header<'h> = (Option<&'h [u32]>, Option<f32>);

/// A wrapped cell: its text, look (scaled), place and lines in the wrapped lines.
#[derive(Debug, Clone)]
struct Wrapped {
    string: u32,
    look: CellLook,
    /// Left edge and width in points.
    x: f32,
    w: f32,
    /// Its first row, counted from the first of the rows wrapped with it, and how many
    /// rows it covers.
    row: usize,
    rows: usize,
    lines: Range<usize>,
}

/// Header rows above the columns' headers, wrapped once and drawn on every page.
struct Group {
    lines: Vec<Line>,
    cells: Vec<Wrapped>,
    heights: Vec<f32>,
}

/// Places rows: wraps a row's cells, then draws them, breaking pages between rows.
struct Placer {
    widths: Vec<f32>,
    aligns: Vec<Align>,
    /// The left edge of each column, then the table's right edge, in points.
    xs: Vec<f32>,
    left: f32,
    /// The current rows' cells.
    cells: Vec<Wrapped>,
    /// Rows (or row pieces) placed on the current page.
    rows_on_page: usize,
    /// The factor the cells' type and padding are scaled by (see [`columns::fit`]).
    scale: f32,
    /// The header cells' style, scaled.
    header: TextStyle,
    /// The distance between body cells' baselines before scaling, in points.
    leading: f32,
    lines: Lines,
    /// The top of the table's part on the current page.
    page_top: f32,
    group_header: Option<Group>,
}

impl Placer {
    /// Wraps cells of rows from `first_row` on into `flow.lines` and `self.cells`, each
    /// set as `look` says.
    fn wrap_cells<'a>(
        &mut self,
        flow: &mut Flow,
        cells: &[GridCell<'a>],
        (first_row, look): (usize, &dyn Fn(&GridCell<'a>) -> CellLook),
    ) {
        flow.lines.clear();
        self.cells.clear();
        for cell in cells {
            let at = cell.at;
            let (x, w) = self.span_x(at.col, at.cols);
            let mut look = look(cell);
            look.style = look.style.scaled(self.scale);
            let lines = self.wrap_one(flow, cell.string, &look.style, w);
            let rows = at.rows;
            self.cells.push(Wrapped { string: cell.string, look, x, w, row: at.row - first_row, rows, lines });
        }
    }

    /// The left edge and width of `cols` columns from `col`, in points.
    fn span_x(&self, col: usize, cols: usize) -> (f32, f32) {
        let end = (col + cols).min(self.widths.len());
        let w = if cols == 1 { self.widths[col] } else { self.widths[col..end].iter().sum() };
        // The leftmost column's edge: the last one's in a mirrored table.
        (self.xs[col].min(self.xs[end.max(col + 1) - 1]), w)
    }

    /// Wraps `string` into `flow.lines` for a cell `w` points wide.
    fn wrap_one(&self, flow: &mut Flow, string: u32, st: &TextStyle, w: f32) -> Range<usize> {
        let inner = (w - 2.0 * self.pad_x()).max(0.0);
        let start = flow.lines.len();
        let text = &flow.layout.strings[string as usize];
        let faces = &flow.faces;
        // A column exactly as wide as its widest word holds it: the width was
        // computed from those units, so round off the float error before truncating.
        let max = (inner * 1000.0 / st.size + 0.01) as u32;
        if faces.embedded() {
            let widths = faces.units_of(st.font, text);
            wrap::wrap_by(text, max, &mut flow.lines, |i, _| widths.at(i), &faces.breaks(text));
        } else {
            wrap::wrap(text, faces.standard_font(st.font), max, &mut flow.lines);
        }
        start..flow.lines.len()
    }

    /// Sets `h` to the heights in points of `rows` rows of the wrapped cells: each row as tall as
    /// its tallest cell, and the last row a spanning cell covers taller if the cell
    /// needs more than its rows give.
    fn heights(&self, rows: usize, h: &mut Vec<f32>) {
        h.clear();
        h.resize(rows.max(1), 0.0);
        if rows <= 1 && self.cells.iter().all(|c| c.rows == 1) {
            h[0] = self.height(self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(1));
            return;
        }
        for cell in self.cells.iter().filter(|c| c.rows == 1) {
            h[cell.row] = h[cell.row].max(self.height(cell.lines.len()));
        }
        for cell in self.cells.iter().filter(|c| c.rows > 1) {
            let end = (cell.row + cell.rows).min(h.len());
            let have: f32 = h[cell.row..end].iter().sum();
            let need = self.height(cell.lines.len());
            if need > have {
                h[end - 1] += need - have;
            }
        }
    }

    /// Wraps the columns' header row (see [`Placer::wrap_cells`]) and returns its
    /// height.
    fn wrap_header(&mut self, flow: &mut Flow, header: &[u32]) -> f32 {
        flow.lines.clear();
        self.cells.clear();
        let st = self.header;
        for (c, &string) in header.iter().enumerate() {
            let w = self.widths[c];
            let lines = self.wrap_one(flow, string, &st, w);
            let look = CellLook::of(st, self.aligns[c], None);
            self.cells.push(Wrapped { string, look, x: self.xs[c], w, row: 0, rows: 1, lines });
        }
        self.height(self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(1))
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
        self.leading * self.scale
    }

    /// The height in points of a row (or piece of a row) of `lines` lines.
    fn height(&self, lines: usize) -> f32 {
        lines as f32 * self.leading() + 2.0 * self.pad_y()
    }

    /// The table's width in points.
    fn total_width(&self) -> f32 {
        self.widths.iter().sum()
    }

    /// Draws the header rows at the cursor: the rows above the columns' headers, then
    /// the wrapped columns' header row of `height` points.
    fn draw_header(&mut self, flow: &mut Flow, h: &[u32], height: f32) {
        if let Some(group) = self.group_header.take() {
            let kinds = vec![RowKind::Header; group.heights.len()];
            self.draw_group(flow, (&group.lines, &group.cells), &group.heights, &kinds);
            self.group_header = Some(group);
        }
        self.wrap_header(flow, h);
        let fill = Fill {
            x: self.left,
            y: flow.y - height,
            width: self.total_width(),
            height,
            color: Rgb::gray(style::HEADER_FILL),
        };
        flow.page().fills.push(fill);
        self.draw(flow, 0, usize::MAX);
        self.verticals(flow, flow.y, flow.y - height);
        flow.y -= height;
        if self.lines.kind == BorderKind::Grid {
            self.rule_segments(flow, &[(self.left, self.xs[self.widths.len()])], flow.y);
        }
    }

    /// Places the wrapped rows of `heights`: as one if they fit, else on a new page
    /// under a repeated header. A single row that does not fit even there (taller
    /// than a page) is split between lines, continuing on the next page; rows a span
    /// joins are split between rows, each spanning cell's lines continuing below.
    fn place_rows(&mut self, flow: &mut Flow, heights: &[f32], kinds: &[RowKind], header: Header) {
        if heights.len() == 1 {
            return self.place_row(flow, heights[0], kinds[0], header);
        }
        let total: f32 = heights.iter().sum();
        if flow.y - total < flow.bottom && self.rows_on_page > 0 {
            let lines = std::mem::take(&mut flow.lines);
            let cells = std::mem::take(&mut self.cells);
            self.break_page(flow, header);
            flow.lines = lines;
            self.cells = cells;
        }
        if flow.y - total >= flow.bottom {
            let (lines, cells) = (std::mem::take(&mut flow.lines), std::mem::take(&mut self.cells));
            self.draw_group(flow, (&lines, &cells), heights, kinds);
            (flow.lines, self.cells) = (lines, cells);
            self.rows_on_page += heights.len();
            return;
        }
        // Taller than a page: each row on its own, a spanning cell's lines shared out
        // among its rows (as many as fit in each, the rest in its last).
        let (lines, cells) = (std::mem::take(&mut flow.lines), std::mem::take(&mut self.cells));
        let mut taken = vec![0usize; cells.len()];
        // The cells over row `k`, in order: those of earlier rows that span down to it,
        // then its own (the cells come row by row), so each row sees its cells alone
        // and a long span costs time in proportion to its rows, not their square.
        let (mut active, mut next) = (Vec::new(), 0);
        for (k, &kind) in kinds.iter().enumerate() {
            self.cells.clear();
            flow.lines.clear();
            active.retain(|&j: &usize| k < cells[j].row + cells[j].rows);
            while next < cells.len() && cells[next].row <= k {
                if k < cells[next].row + cells[next].rows {
                    active.push(next);
                }
                next += 1;
            }
            let fit = ((heights[k] - 2.0 * self.pad_y()) / self.leading()).floor().max(0.0) as usize;
            for &j in &active {
                let cell = &cells[j];
                let last = k + 1 == cell.row + cell.rows;
                let left = cell.lines.len() - taken[j];
                let count = if last { left } else { fit.min(left) };
                let from = cell.lines.start + taken[j];
                taken[j] += count;
                let start = flow.lines.len();
                flow.lines.extend_from_slice(&lines[from..from + count]);
                let open = if last { 1 } else { 2 };
                self.cells.push(Wrapped { row: 0, rows: open, lines: start..flow.lines.len(), ..cell.clone() });
            }
            let lines_in_row = self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
            let height = self.height(lines_in_row);
            self.place_row(flow, height, kind, header);
        }
        flow.lines = lines;
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
        self.row_background(flow, kind, flow.y, height, from == 0);
        let bottom = flow.y - height;
        for cell in &self.cells {
            if let Some(color) = cell.look.fill {
                flow.page().fills.push(Fill { x: cell.x, y: bottom, width: cell.w, height, color });
            }
        }
        self.draw(flow, from, to);
        self.verticals(flow, flow.y, flow.y - height);
        flow.y -= height;
        if self.cells.iter().all(|c| c.rows == 1) {
            self.rule_segments(flow, &[(self.left, self.xs[self.widths.len()])], flow.y);
        } else {
            let segments = self.closed_segments(|c| c.rows == 1);
            self.rule_segments(flow, &segments, flow.y);
        }
    }

    /// The row's background (zebra, header) and the totals' rule above it, for a row
    /// whose top is `top` and that is `height` points tall.
    fn row_background(&self, flow: &mut Flow, kind: RowKind, top: f32, height: f32, first_piece: bool) {
        let width = self.total_width();
        match kind {
            RowKind::Body { shaded: true } => {
                let fill = Fill { x: self.left, y: top - height, width, height, color: Rgb::gray(style::ZEBRA_FILL) };
                flow.page().fills.push(fill);
            }
            RowKind::Header => {
                let fill = Fill { x: self.left, y: top - height, width, height, color: Rgb::gray(style::HEADER_FILL) };
                flow.page().fills.push(fill);
            }
            RowKind::Totals if first_piece && self.lines.kind != BorderKind::None => {
                let rule = Rule {
                    x1: self.left,
                    x2: self.left + width,
                    y: top,
                    thickness: style::TOTALS_RULE_THICKNESS,
                    color: Rgb::gray(style::TOTALS_RULE_GRAY),
                };
                flow.page().rules.push(rule);
            }
            _ => {}
        }
    }

    /// The stretches of the table's width under the cells that `closed` says end here,
    /// adjacent ones joined, as (left, right) in points.
    fn closed_segments(&self, closed: impl Fn(&Wrapped) -> bool) -> Vec<(f32, f32)> {
        let right = self.xs[self.widths.len()];
        let mut segments: Vec<(f32, f32)> = Vec::new();
        for cell in self.cells.iter().filter(|c| closed(c)) {
            let end = if (cell.x + cell.w - right).abs() < 0.01 { right } else { cell.x + cell.w };
            match segments.last_mut() {
                Some(last) if (last.1 - cell.x).abs() < 0.01 => last.1 = end,
                _ => segments.push((cell.x, end)),
            }
        }
        segments
    }

    /// Rules at `y` over `segments`, as the table's lines ask: under every row but
    /// with `"outer"` and `"none"`.
    fn rule_segments(&self, flow: &mut Flow, segments: &[(f32, f32)], y: f32) {
        if !matches!(self.lines.kind, BorderKind::Horizontal | BorderKind::Grid) {
            return;
        }
        for &(x1, x2) in segments {
            let rule = Rule { x1, x2, y, thickness: self.lines.width, color: self.lines.color };
            flow.page().rules.push(rule);
        }
    }

    /// With `"grid"` lines, the lines between the current cells from `top` to
    /// `bottom`.
    fn verticals(&self, flow: &mut Flow, top: f32, bottom: f32) {
        if self.lines.kind != BorderKind::Grid {
            return;
        }
        for cell in self.cells.iter().filter(|c| c.x > self.left + 0.01) {
            self.vertical(flow, cell.x, top, bottom);
        }
    }

    fn vertical(&self, flow: &mut Flow, x: f32, top: f32, bottom: f32) {
        let path = PathItem {
            points: vec![[x, top], [x, bottom]],
            fill: false,
            color: self.lines.color,
            width: self.lines.width,
        };
        flow.page().paths.push(path);
    }

    /// With `"grid"` or `"outer"` lines, the outline of the table's part on the current
    /// page, from where it began to the cursor.
    fn outline(&mut self, flow: &mut Flow) {
        if !matches!(self.lines.kind, BorderKind::Grid | BorderKind::Outer) || flow.y >= self.page_top {
            return;
        }
        let right = self.xs[self.widths.len()];
        let (top, bottom) = (self.page_top, flow.y);
        self.vertical(flow, self.left, top, bottom);
        self.vertical(flow, right, top, bottom);
        let rules = [top, bottom].map(|y| Rule {
            x1: self.left,
            x2: right,
            y,
            thickness: self.lines.width,
            color: self.lines.color,
        });
        flow.page().rules.extend(rules);
    }

    /// Draws rows of `heights` at the cursor, as one: backgrounds, cells with their
    /// fills and text (spanning cells over all their rows), rules, and moves the
    /// cursor below them.
    fn draw_group(
        &mut self,
        flow: &mut Flow,
        (lines, cells): (&[Line], &[Wrapped]),
        heights: &[f32],
        kinds: &[RowKind],
    ) {
        let top = flow.y;
        let mut tops = Vec::with_capacity(heights.len() + 1);
        let mut y = top;
        for (k, h) in heights.iter().enumerate() {
            tops.push(y);
            self.row_background(flow, kinds[k], y, *h, true);
            y -= h;
        }
        tops.push(y);
        for cell in cells {
            let end = (cell.row + cell.rows).min(heights.len());
            let (ctop, cbottom) = (tops[cell.row], tops[end]);
            if let Some(color) = cell.look.fill {
                flow.page().fills.push(Fill { x: cell.x, y: cbottom, width: cell.w, height: ctop - cbottom, color });
            }
            let used = self.height(cell.lines.len());
            let drop = ((ctop - cbottom) - used).max(0.0) * cell.look.drop();
            self.draw_cell(flow, cell, &lines[cell.lines.clone()], ctop - drop);
            if self.lines.kind == BorderKind::Grid && cell.x > self.left + 0.01 {
                self.vertical(flow, cell.x, ctop, cbottom);
            }
        }
        let saved = std::mem::replace(&mut self.cells, cells.to_vec());
        for k in 0..heights.len() {
            let segments = self.closed_segments(|c| c.row + c.rows == k + 1);
            self.rule_segments(flow, &segments, tops[k + 1]);
        }
        self.cells = saved;
        flow.y = y;
    }

    /// Marks a row split across pages: "(continued)" under its piece, at the right.
    fn continued(&self, flow: &mut Flow) {
        const LABEL: &[u8] = b"(continued)";
        let st = &style::CONTINUED;
        let right = self.left + self.total_width();
        let x = right - flow.faces.measure(st.font, LABEL, st.size);
        flow.layout.strings.push(Cow::Borrowed(LABEL));
        let string = (flow.layout.strings.len() - 1) as u32;
        let baseline = (st.size + 1.0).min((flow.y - 2.0).max(0.0));
        flow.text(st, x, baseline, string, Line { start: 0, end: LABEL.len() as u32, units: 0 });
    }

    /// Moves to a new page and repeats the header rows there, keeping the current
    /// row's wrapped lines.
    fn break_page(&mut self, flow: &mut Flow, header: Header) {
        self.outline(flow);
        flow.new_page();
        self.rows_on_page = 0;
        self.page_top = flow.y;
        if let (Some(h), Some(height)) = header {
            let saved_lines = std::mem::take(&mut flow.lines);
            let saved_cells = std::mem::take(&mut self.cells);
            self.draw_header(flow, h, height);
            flow.lines = saved_lines;
            self.cells = saved_cells;
        }
    }

    /// Draws lines `from..to` of every cell of the wrapped row at the cursor.
    fn draw(&mut self, flow: &mut Flow, from: usize, to: usize) {
        let lines = std::mem::take(&mut flow.lines);
        let row_lines = self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
        let shown_in_row = row_lines.min(to).saturating_sub(from);
        for cell in &self.cells {
            let range = &cell.lines;
            let shown = (range.start + from).min(range.end)..(range.start.saturating_add(to)).min(range.end);
            let mut top = flow.y;
            if cell.look.valign != VerticalAlign::Top {
                top -= (shown_in_row - shown.len()) as f32 * cell.look.style.leading * cell.look.drop();
            }
            self.draw_cell(flow, cell, &lines[shown], top);
        }
        flow.lines = lines;
    }

    /// Draws `lines` of `cell` from `top` down.
    fn draw_cell(&self, flow: &mut Flow, cell: &Wrapped, lines: &[Line], top: f32) {
        let pad_x = self.pad_x();
        let (x, w, st) = (cell.x, cell.w, &cell.look.style);
        let look = Look { font: st.font, size: st.size, color: cell.look.color, word_spacing: 0.0 };
        for (i, line) in lines.iter().enumerate() {
            let width = line.units as f32 * st.size / 1000.0;
            let lx = match cell.look.align {
                Align::Left => x + pad_x,
                Align::Right => x + w - pad_x - width,
                Align::Center => x + (w - width) / 2.0,
            };
            let baseline = self.pad_y() + i as f32 * st.leading + st.baseline_offset();
            flow.place(&look, lx, top - baseline, cell.string, (line.start, line.end), true);
        }
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
