//! Where a table's cells sit once their spans are counted, and the cache-key encoding
//! of the table fields that came after the first format.
//!
//! The placement is HTML's table model (HTML Living Standard, 4.9.12 "Processing model",
//! the "forming a table" algorithm) with the cells covered by a span left out of the
//! arrays: each cell of a row takes the leftmost column no span from above covers. The
//! layout places with it, and validation reports what it had to correct, with the
//! cell's path; work is bounded by the number of cells plus rows times columns, never
//! by the size of a span.

use super::model::TableCell;

/// Where one cell sits: its first row and column and how many of each it covers (at
/// least one, within its section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// Its first row, from 0 within its section.
    pub row: usize,
    /// Its first column, from 0.
    pub col: usize,
    /// The columns it covers.
    pub cols: usize,
    /// The rows it covers.
    pub rows: usize,
}

/// Something a section's cells and spans got wrong: the cell (`None`: the row) and the
/// field (`colSpan`, `rowSpan`) it names, and what is wrong in the snapshot's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanError {
    /// The row, from 0 within its section.
    pub row: usize,
    /// The cell's index in its row's array; `None` for the row as a whole.
    pub cell: Option<usize>,
    /// `"colSpan"` or `"rowSpan"`, or `None` for the cell or row itself.
    pub field: Option<&'static str>,
    /// What is wrong.
    pub message: String,
}

/// Places the cells of one section (the header rows, the body or the totals) of a
/// table with `columns` columns: `each` is given every cell's place, in order (a cell
/// left out is not given). A cell that does not fit is clamped (a span cut at the
/// table's edge or at a span from above) or left out (a cell past the last column);
/// the first such correction is returned, for validation to report.
// Not inlined: validation and the layout call it for each section, and its messages
// would be copied into every call site.
#[inline(never)]
pub fn place(
    rows: &[Vec<TableCell>],
    columns: usize,
    section: &str,
    each: &mut dyn FnMut(Placed),
) -> Option<SpanError> {
    let mut error = None;
    let mut fail = |e: SpanError| {
        error.get_or_insert(e);
    };
    // For each column, the row where it is free again, and the cell holding it.
    let mut free_from = vec![0usize; columns];
    let mut holder = vec![(0usize, 0usize); columns];
    // The row where the last row span ends: no span reaches the rows from it on.
    let mut spans_end = 0;
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        // A row that no span reaches is worded as before spans: one cell per column.
        let plain = spans_end <= r && row.iter().all(|cell| cell.col_span() <= 1 && cell.row_span() <= 1);
        if plain && row.len() == columns {
            (0..columns).for_each(|col| each(Placed { row: r, col, cols: 1, rows: 1 }));
            continue; // almost always
        }
        if plain {
            let message = format!("has {} cells, expected {columns} (one per column)", row.len());
            fail(SpanError { row: r, cell: None, field: None, message });
        }
        for (i, cell) in row.iter().enumerate() {
            while c < columns && free_from[c] > r {
                c += 1;
            }
            if c == columns {
                fail(SpanError {
                    row: r,
                    cell: Some(i),
                    field: None,
                    message: format!(
                        "is past the last column: the cells before it and the spans from above cover all {columns}"
                    ),
                });
                break;
            }
            let mut cols = cell.col_span().max(1) as usize;
            let free = (c..(c + cols).min(columns)).take_while(|&k| free_from[k] <= r).count();
            if cols > columns - c {
                let message = format!("{cols} columns from column {} leave the table of {columns} columns", c + 1);
                fail(SpanError { row: r, cell: Some(i), field: Some("colSpan"), message });
                cols = columns - c;
            }
            if cols > free && c + free < columns {
                let (hr, hi) = holder[c + free];
                let message = format!(
                    "{cols} columns from column {} overlap {section}[{hr}][{hi}], which spans rows down to this one",
                    c + 1
                );
                fail(SpanError { row: r, cell: Some(i), field: Some("colSpan"), message });
                cols = free;
            }
            let mut span = cell.row_span().max(1) as usize;
            if span > rows.len() - r {
                let message = format!("{span} rows from row {} leave the {} rows here", r + 1, rows.len());
                fail(SpanError { row: r, cell: Some(i), field: Some("rowSpan"), message });
                span = rows.len() - r;
            }
            for k in c..c + cols {
                free_from[k] = r + span;
                holder[k] = (r, i);
            }
            spans_end = spans_end.max(r + span);
            each(Placed { row: r, col: c, cols, rows: span });
            c += cols;
        }
        let covered = free_from.iter().filter(|&&f| f > r).count();
        if covered < columns {
            let message = format!(
                "has {} cells covering {covered} of {columns} columns with the spans from above; every column \
                 needs one cell",
                row.len()
            );
            fail(SpanError { row: r, cell: None, field: None, message });
        }
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Cell;
    use crate::document::model::StyledCell;

    fn cell(cols: u32, rows: u32) -> TableCell<'static> {
        TableCell::Styled(Box::new(StyledCell {
            text: Cell::Empty,
            col_span: cols,
            row_span: rows,
            fill: None,
            color: None,
            bold: None,
            italic: false,
            align: None,
            vertical_align: None,
        }))
    }

    fn places(rows: &[Vec<TableCell>], columns: usize) -> (Vec<Placed>, Option<SpanError>) {
        let mut placed = Vec::new();
        let error = place(rows, columns, "rows", &mut |p| placed.push(p));
        (placed, error)
    }

    #[test]
    fn a_table_cell_is_as_small_as_a_plain_value() {
        // Tables of plain cells are read and walked as before spans and styles.
        assert_eq!(std::mem::size_of::<TableCell>(), std::mem::size_of::<Cell>());
    }

    #[test]
    fn a_row_span_leaves_its_column_out_of_the_rows_below() {
        let rows = vec![vec![cell(1, 2), cell(1, 1)], vec![cell(1, 1)], vec![cell(2, 1)]];
        let (placed, error) = places(&rows, 2);
        assert_eq!(error, None);
        assert_eq!(placed[2], Placed { row: 1, col: 1, cols: 1, rows: 1 });
        assert_eq!(placed[3], Placed { row: 2, col: 0, cols: 2, rows: 1 });
    }

    #[test]
    fn spans_that_leave_the_table_or_overlap_are_named() {
        let (_, e) = places(&[vec![cell(3, 1)]], 2);
        let e = e.expect("colSpan error");
        assert_eq!((e.row, e.cell, e.field), (0, Some(0), Some("colSpan")));
        assert_eq!(e.message, "3 columns from column 1 leave the table of 2 columns");
        let (_, e) = places(&[vec![cell(1, 1), cell(1, 1_000_000)], vec![cell(1, 1), cell(1, 1)]], 2);
        let e = e.expect("rowSpan error");
        assert_eq!((e.row, e.cell, e.field), (0, Some(1), Some("rowSpan")));
        let rows = vec![vec![cell(1, 1), cell(1, 2)], vec![cell(2, 1)]];
        let e = places(&rows, 2).1.expect("overlap");
        assert_eq!((e.row, e.cell, e.field), (1, Some(0), Some("colSpan")));
        assert!(e.message.contains("overlap rows[0][1]"), "{}", e.message);
    }

    #[test]
    fn a_row_short_of_cells_is_named() {
        let rows = vec![vec![cell(1, 2), cell(1, 1), cell(1, 1)], vec![cell(1, 1)]];
        let e = places(&rows, 3).1.expect("short row");
        assert_eq!((e.row, e.cell, e.field), (1, None, None));
        assert_eq!(
            e.message,
            "has 1 cells covering 2 of 3 columns with the spans from above; every column needs one cell"
        );
    }
}
