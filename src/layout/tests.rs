//! Layout tests on the positioned items themselves.

use super::*;
use crate::document::parse;

fn laid_out(json: &str, f: impl FnOnce(&Layout)) {
    let snapshot = parse(json).expect("valid snapshot");
    crate::document::validate(&snapshot, &Default::default(), &Default::default()).expect("valid");
    f(&layout(&snapshot));
}

/// The standard font of a text item (these tests use no supplied fonts).
fn standard(face: FaceRef) -> Font {
    match face {
        FaceRef::Standard(f) => f,
        FaceRef::Embedded(id) => panic!("face {id} is not a standard font"),
    }
}

fn table_json(rows: usize, cell: &str) -> String {
    let rows: Vec<String> = (0..rows).map(|i| format!(r#"["r{i}", "{cell}"]"#)).collect();
    format!(
        r#"{{"title": "T", "blocks": [{{"type": "table", "columns": ["Name", "Text"], "rows": [{}]}}]}}"#,
        rows.join(",")
    )
}

/// Text a reader sees on `page`, item by item.
fn texts<'l>(l: &'l Layout, page: &Page) -> Vec<&'l str> {
    page.texts.iter().map(|t| std::str::from_utf8(l.text(t)).unwrap_or("?")).collect()
}

#[test]
fn text_stays_inside_the_margins() {
    let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(40);
    let json = format!(
        r#"{{"title": "T", "page": {{"margins": {{"left": 70, "right": 30, "top": 40, "bottom": 60}}}},
            "blocks": [{}, {{"type": "bulletList", "items": ["{para}"]}}]}}"#,
        vec![format!(r#"{{"type": "paragraph", "text": "{para}"}}"#); 6].join(",")
    );
    laid_out(&json, |l| {
        assert!(l.pages.len() > 2);
        for page in &l.pages {
            // The footer is the last item and sits in the bottom margin by design.
            for t in &page.texts[..page.texts.len() - 1] {
                let right = t.x + standard(t.font).measure(l.text(t), t.size);
                assert!(t.x >= 70.0 - 1e-3 && right <= l.width - 30.0 + 1e-3, "x {}..{right}", t.x);
                assert!(t.y >= 60.0 && t.y <= l.height - 40.0, "y {}", t.y);
            }
        }
    });
}

#[test]
fn long_tables_paginate_with_the_header_first_on_every_page() {
    laid_out(&table_json(300, "x"), |l| {
        assert!(l.pages.len() >= 4, "{} pages", l.pages.len());
        for page in &l.pages[1..] {
            assert_eq!(&texts(l, page)[..2], ["Name", "Text"]);
            assert_eq!(page.fills.len(), 1, "one header background per page");
        }
        let names: Vec<&str> = l.pages.iter().flat_map(|p| texts(l, p)).filter(|t| t.starts_with('r')).collect();
        let expected: Vec<String> = (0..300).map(|i| format!("r{i}")).collect();
        assert_eq!(names, expected, "every row once, in order");
    });
}

#[test]
fn rows_are_never_cut_in_half() {
    // Each row wraps to several lines; all of a row's lines must share a page.
    let cell = "word ".repeat(60);
    laid_out(&table_json(80, &cell), |l| {
        let mut counts = Vec::new();
        for page in &l.pages {
            let t = texts(l, page);
            let rows: Vec<usize> = t.iter().enumerate().filter(|(_, s)| s.starts_with('r')).map(|(i, _)| i).collect();
            for (k, &i) in rows.iter().enumerate() {
                let end = rows.get(k + 1).copied().unwrap_or(t.len() - 1);
                counts.push(t[i + 1..end].iter().filter(|s| s.starts_with("word")).count());
            }
        }
        // Identical rows: every row shows all of its lines wherever it lands.
        assert_eq!(counts.len(), 80);
        assert!(counts[0] >= 2 && counts.iter().all(|&c| c == counts[0]), "{counts:?}");
        assert!(l.pages.len() > 2);
    });
}

#[test]
fn a_row_taller_than_a_page_is_split_between_lines() {
    let cell = "word ".repeat(4000);
    laid_out(&table_json(1, &cell), |l| {
        assert!(l.pages.len() >= 3, "{} pages", l.pages.len());
        let lines: usize = l.pages.iter().map(|p| texts(l, p).iter().filter(|s| s.starts_with("word")).count()).sum();
        assert!(lines > 100 && lines < 4000, "{lines} lines");
        for page in &l.pages[1..] {
            assert_eq!(&texts(l, page)[..2], ["Name", "Text"], "header repeats on continuation pages");
        }
        // Every page holding a piece of the row but the last says the row goes on.
        let pieces: Vec<&Page> = l.pages.iter().filter(|p| texts(l, p).iter().any(|s| s.starts_with("word"))).collect();
        let marked: Vec<bool> = pieces.iter().map(|p| texts(l, p).contains(&"(continued)")).collect();
        let n = marked.len();
        assert!(n >= 2 && marked[..n - 1].iter().all(|&m| m) && !marked[n - 1], "continuation marks: {marked:?}");
    });
}

#[test]
fn footers_count_pages() {
    laid_out(&table_json(200, "x"), |l| {
        let n = l.pages.len();
        for (i, page) in l.pages.iter().enumerate() {
            assert_eq!(texts(l, page).last().copied(), Some(format!("Page {} of {n}", i + 1).as_str()));
        }
    });
}

#[test]
fn headings_are_kept_with_what_follows() {
    // Fill the first page almost to the bottom, then a heading: it must move to page 2.
    let filler: Vec<String> = (0..48).map(|i| format!(r#"{{"type": "paragraph", "text": "line {i}"}}"#)).collect();
    let json = format!(
        r#"{{"title": "T", "blocks": [{}, {{"type": "heading", "text": "Next"}}, {{"type": "paragraph", "text": "body"}}]}}"#,
        filler.join(",")
    );
    laid_out(&json, |l| {
        let page_of = |needle: &str| l.pages.iter().position(|p| texts(l, p).contains(&needle));
        assert_eq!(page_of("Next"), page_of("body"));
    });
}

#[test]
fn numeric_columns_align_right() {
    let json = r#"{"title": "T", "blocks": [{"type": "table", "columns": ["n", "s"], "rows": [[1, "a"], [1000, "b"], [null, "c"]]}]}"#;
    laid_out(json, |l| {
        let page = &l.pages[0];
        let right_edge = |s: &str| {
            let t = page.texts.iter().find(|t| l.text(t) == s.as_bytes()).expect("cell");
            t.x + standard(t.font).measure(l.text(t), t.size)
        };
        assert!((right_edge("1") - right_edge("1000")).abs() < 0.01);
    });
}

#[test]
fn page_breaks_rules_spacers_and_numbered_lists() {
    let json = r#"{"title": "T", "blocks": [
        {"type": "paragraph", "text": "before"},
        {"type": "pageBreak"},
        {"type": "pageBreak"},
        {"type": "paragraph", "text": "after"},
        {"type": "rule"},
        {"type": "spacer", "height": 100},
        {"type": "numberedList", "start": 9, "items": ["nine", "ten", "eleven"]}]}"#;
    laid_out(json, |l| {
        assert_eq!(l.pages.len(), 2, "two page breaks in a row make one");
        let p2 = &l.pages[1];
        let t = texts(l, p2);
        assert_eq!(&t[..7], ["after", "9.", "nine", "10.", "ten", "11.", "eleven"]);
        assert_eq!(p2.rules.len(), 1, "the rule");
        let y = |s: &str| p2.texts.iter().find(|i| l.text(i) == s.as_bytes()).map(|i| i.y).expect("item");
        assert!(y("after") - y("nine") > 100.0, "the spacer's 100 pt are there");
        // Numbers are right-aligned: "9." and "10." end at the same x.
        let right = |s: &str| {
            let i = p2.texts.iter().find(|i| l.text(i) == s.as_bytes()).expect("item");
            i.x + standard(i.font).measure(l.text(i), i.size)
        };
        assert!((right("9.") - right("10.")).abs() < 0.01);
        // "after" starts at the top of page 2, without the block gap.
        assert_eq!(y("after"), p2.texts[0].y);
    });
}

#[test]
fn a_spacer_that_does_not_fit_breaks_the_page_and_is_used_up() {
    let fill: Vec<String> = (0..50).map(|i| format!(r#"{{"type": "paragraph", "text": "line {i}"}}"#)).collect();
    let json = format!(
        r#"{{"title": "T", "blocks": [{}, {{"type": "spacer", "height": 500}}, {{"type": "paragraph", "text": "next"}}]}}"#,
        fill.join(",")
    );
    laid_out(&json, |l| {
        let last = l.pages.last().expect("a page");
        assert_eq!(texts(l, last)[0], "next");
        assert!(last.texts[0].y > l.height - 100.0, "at the top of its page");
    });
}

/// The right end of a text item, word spacing included.
fn right_end(l: &Layout, t: &TextItem) -> f32 {
    let text = l.text(t);
    t.x + standard(t.font).measure(text, t.size) + t.word_spacing * text.iter().filter(|&&b| b == b' ').count() as f32
}

#[test]
fn justified_lines_fill_the_width_but_the_last() {
    let words = "Justified text spreads its spaces so that both edges are straight. ".repeat(8);
    let json = format!(
        r#"{{"title": "T", "blocks": [{{"type": "paragraph", "align": "justify", "text": ["{words}", {{"text": "bold end", "bold": true}}]}}]}}"#
    );
    laid_out(&json, |l| {
        let right = l.width - 50.0;
        let body: Vec<&TextItem> = l.pages[0].texts.iter().filter(|t| t.size == 10.0).collect();
        // Group the pieces by line (baseline).
        let mut lines: Vec<Vec<&TextItem>> = Vec::new();
        for t in body {
            match lines.last_mut() {
                Some(line) if line[0].y == t.y => line.push(t),
                _ => lines.push(vec![t]),
            }
        }
        assert!(lines.len() >= 4, "{} lines", lines.len());
        for line in &lines[..lines.len() - 1] {
            let end = right_end(l, line[line.len() - 1]);
            assert!((end - right).abs() < 0.05, "a full line ends at the margin: {end} vs {right}");
            assert!(line[0].word_spacing > 0.0);
        }
        let last = &lines[lines.len() - 1];
        assert!(last.iter().all(|t| t.word_spacing == 0.0), "the last line is not stretched");
        assert_eq!(last[last.len() - 1].font, FaceRef::Standard(Font::Bold));
    });
}

#[test]
fn centred_and_right_aligned_lines_sit_where_asked() {
    let json = r#"{"title": "T", "blocks": [
        {"type": "paragraph", "align": "center", "text": "middle"},
        {"type": "paragraph", "align": "right", "text": "right"}]}"#;
    laid_out(json, |l| {
        let page = &l.pages[0];
        let find = |s: &str| page.texts.iter().find(|t| l.text(t) == s.as_bytes()).expect("placed");
        let mid = find("middle");
        let centre = (mid.x + right_end(l, mid)) / 2.0;
        assert!((centre - l.width / 2.0).abs() < 0.01, "centred at {centre}");
        let r = find("right");
        assert!((right_end(l, r) - (l.width - 50.0)).abs() < 0.01);
    });
}

#[test]
fn nested_list_items_indent_one_step_per_level() {
    let json = r#"{"title": "T", "blocks": [{"type": "bulletList", "items": [
        {"text": "a", "items": [{"text": "b", "items": ["c"]}]}]}]}"#;
    laid_out(json, |l| {
        let page = &l.pages[0];
        let x = |s: &str| page.texts.iter().find(|t| l.text(t) == s.as_bytes()).expect("placed").x;
        let (a, b, c) = (x("a"), x("b"), x("c"));
        assert!(b - a > 10.0 && (c - b - (b - a)).abs() < 0.01, "indents {a} {b} {c}");
    });
}

#[test]
fn given_column_widths_zebra_rows_and_a_totals_row() {
    let json = r#"{"title": "T", "blocks": [{"type": "table", "zebra": true,
        "columns": [{"header": "Item", "width": "40%"}, {"header": "Qty", "width": 50}, "Notes", "Amount"],
        "rows": [["a", 1, "n", 2], ["b", 2, "n", 3], ["c", 3, "n", 4], ["d", 4, "n", 5]],
        "totals": ["Total", 10, null, 14]}]}"#;
    laid_out(json, |l| {
        let page = &l.pages[0];
        let x = |s: &str| page.texts.iter().find(|t| l.text(t) == s.as_bytes()).expect("placed");
        let content = l.width - 100.0;
        // Column 1 is 40 % of the content width, column 2 is 50 pt: column 3 starts after both.
        let notes_left = x("Notes").x - style::CELL_PAD_X;
        assert!((notes_left - (50.0 + 0.4 * content + 50.0)).abs() < 0.01, "{notes_left}");
        // One header fill and two shaded rows (the 2nd and 4th).
        assert_eq!(page.fills.len(), 3);
        assert!(page.fills[1..].iter().all(|f| f.color == super::Rgb::gray(style::ZEBRA_FILL)));
        // The totals row comes last, in bold, under a heavier rule.
        let total = x("Total");
        assert_eq!(total.font, FaceRef::Standard(Font::Bold));
        assert!(total.y < x("d").y);
        assert!(page.rules.iter().any(|r| r.thickness == style::TOTALS_RULE_THICKNESS));
    });
}

#[test]
fn a_document_in_times_is_measured_with_the_times_widths() {
    let words = "Minimum wage hikes will raise living standards in every jurisdiction ".repeat(30);
    let json = |family: &str| {
        format!(
            r#"{{"title": "T", "font": "{family}", "page": {{"margins": 50}},
                "blocks": [{{"type": "paragraph", "text": "{words}"}}]}}"#
        )
    };
    let mut lines = Vec::new();
    for (family, face) in [("Helvetica", Font::Regular), ("Times", Font::Serif), ("times", Font::Serif)] {
        laid_out(&json(family), |l| {
            let body: Vec<&TextItem> =
                l.pages[0].texts.iter().filter(|t| t.size < 12.0 && l.text(t).len() > 20).collect();
            assert!(!body.is_empty());
            for t in &body {
                assert_eq!(standard(t.font), face, "{family}");
                // Measured in its own face, every line stays inside the margins.
                let right = t.x + face.measure(l.text(t), t.size);
                assert!(right <= l.width - 50.0 + 1e-3, "{family}: {right}");
            }
            lines.push(body.len());
        });
    }
    // Times is narrower than Helvetica: the same paragraph takes fewer lines.
    assert!(lines[1] < lines[0] && lines[2] == lines[1], "lines {lines:?}");
}

#[test]
fn numbers_are_never_broken_and_header_words_only_where_they_cannot_fit() {
    // Eleven columns (the CSV of issue 20): before, each column's minimum was capped at
    // an equal share of the width, so `-118.2739756` broke between two lines.
    let headers = [
        "first_name",
        "last_name",
        "latitude",
        "longitude",
        "elevation",
        "population",
        "timezone",
        "area_km2",
        "density",
        "founded",
        "rank",
    ];
    let row = r#"["Christopher", "Montgomery", 34.052235, -118.2739756, 1234.5, 3898747, "America/Los_Angeles", "1302.15", "2994.3", "2024-01-10", 2]"#;
    // Numbers, and strings written like numbers (a date, a CSV's numbers given as text).
    let numbers = ["-118.2739756", "34.052235", "3898747", "1302.15", "2994.3", "1234.5", "2024-01-10"];
    let table = |orientation: &str| {
        format!(
            r#"{{"title": "T", "page": {{"orientation": "{orientation}"}},
                "blocks": [{{"type": "table", "columns": {headers:?}, "rows": [{row}, {row}]}}]}}"#
        )
    };
    // Portrait: the type shrinks until the numbers and the header words fit whole.
    laid_out(&table("portrait"), |l| {
        let shown = texts(l, &l.pages[0]);
        for whole in numbers.iter().chain(&headers) {
            assert!(shown.contains(whole), "{whole} is broken: {shown:?}");
        }
        let [wide] = &l.wide_tables[..] else { panic!("{:?}", l.wide_tables) };
        assert!(wide.whole && wide.size < style::CELL.size && wide.size >= style::MIN_CELL_SIZE, "{wide:?}");
        let cells: Vec<f32> =
            l.pages[0].texts.iter().filter(|t| l.text(t) == b"-118.2739756").map(|t| t.size).collect();
        assert_eq!(cells, [wide.size, wide.size]);
        assert!(
            l.warnings()[0]
                .message
                .contains(&format!("set at {} pt instead of 8.5 pt", (wide.size * 10.0).round() / 10.0))
        );
    });
    // Landscape: everything fits at the styled size. "auto" picks landscape and says why.
    for orientation in ["landscape", "auto"] {
        laid_out(&table(orientation), |l| {
            let shown = texts(l, &l.pages[0]);
            for whole in numbers.iter().chain(&headers) {
                assert!(shown.contains(whole), "{whole} is broken: {shown:?}");
            }
            assert!(l.width > l.height && l.wide_tables.is_empty(), "{orientation}");
            assert!(l.pages[0].texts.iter().filter(|t| l.text(t) == b"rank").all(|t| t.size == style::CELL_BOLD.size));
            assert_eq!(l.turned.is_some(), orientation == "auto");
        });
    }
}

#[test]
fn a_table_too_wide_even_at_the_smallest_size_breaks_and_says_so() {
    let columns: Vec<String> = (0..40).map(|c| format!("column{c}")).collect();
    let row: Vec<f64> = (0..40).map(|c| 1_000_000.5 + f64::from(c)).collect();
    let json = format!(
        r#"{{"title": "T", "page": {{"orientation": "auto"}}, "blocks": [{{"type": "table", "columns": {columns:?}, "rows": [{row:?}]}}]}}"#
    );
    laid_out(&json, |l| {
        // Landscape is wider, so "auto" turns the page; it still does not fit.
        assert!(l.width > l.height && l.turned.is_some());
        let [wide] = &l.wide_tables[..] else { panic!("{:?}", l.wide_tables) };
        assert!(!wide.whole && wide.size == style::MIN_CELL_SIZE, "{wide:?}");
        let warnings = l.warnings();
        assert_eq!(warnings.iter().map(|w| w.path.as_str()).collect::<Vec<_>>(), ["page.orientation", "blocks[0]"]);
        assert!(warnings[1].message.contains("at 6 pt some numbers or header words break"), "{warnings:?}");
    });
}

#[test]
fn auto_orientation_stays_portrait_when_the_tables_fit() {
    let json = r#"{"title": "T", "page": {"orientation": "auto"}, "blocks": [{"type": "table", "columns": ["a", "b"], "rows": [[1, 2]]}]}"#;
    laid_out(json, |l| {
        assert!(l.width < l.height && l.turned.is_none() && l.warnings().is_empty());
    });
}

#[test]
#[cfg(feature = "media")] // the base build refuses QR codes
fn a_qr_code_is_one_black_path_inside_its_square_with_a_link_when_it_holds_a_url() {
    let json = r#"{"title": "T", "blocks": [
        {"type": "qr", "data": "https://example.com/r/42", "size": 100, "align": "left"},
        {"type": "qr", "data": "not a link", "size": 5000}]}"#;
    laid_out(json, |l| {
        let page = &l.pages[0];
        let [url, plain] = &page.shapes[..] else { panic!("{:?}", page.shapes.len()) };
        assert_eq!(url.color, Rgb::gray(0.0));
        let left = 50.0;
        let (x0, x1) = (
            url.rects.iter().map(|r| r[0]).fold(f32::MAX, f32::min),
            url.rects.iter().map(|r| r[0] + r[2]).fold(0.0, f32::max),
        );
        // A version 2 code (25 modules) with its 4-module quiet zone: 33 modules in 100 pt.
        let module = 100.0 / 33.0;
        assert!((x0 - (left + 4.0 * module)).abs() < 1e-3 && (x1 - (left + 29.0 * module)).abs() < 1e-3, "{x0} {x1}");
        let [link] = &page.links[..] else { panic!("{:?}", page.links) };
        assert_eq!(link.target, "https://example.com/r/42");
        assert!((link.rect[2] - link.rect[0] - 100.0).abs() < 1e-3 && link.rect[0] == left);
        // A size larger than the content box is the content width.
        let width = plain.rects.iter().map(|r| r[0] + r[2]).fold(0.0, f32::max)
            - plain.rects.iter().map(|r| r[0]).fold(f32::MAX, f32::min);
        // Version 1: 21 modules between the quiet zones, 29 in all.
        let side = l.width - 100.0;
        assert!((width - side * 21.0 / 29.0).abs() < 1e-2, "{width} of {side}");
    });
}

#[test]
fn spanning_cells_cover_their_columns_and_rows_and_the_rules_skip_them() {
    let json = r##"{"title": "T", "blocks": [{"type": "table", "columns": ["A", "B", "C"],
        "rows": [[{"text": "wide", "colSpan": 2, "fill": "#ff0000"}, "c"],
                 [{"text": "tall", "rowSpan": 2, "fill": "#00ff00"}, "b1", "c1"],
                 ["b2", "c2"]]}]}"##;
    laid_out(json, |l| {
        let page = &l.pages[0];
        let fill = |r: f32, g: f32| *page.fills.iter().find(|f| f.color == Rgb(r, g, 0.0)).expect("filled");
        let at = |s: &str| *page.texts.iter().find(|t| l.text(t) == s.as_bytes()).expect("placed");
        let (wide, tall) = (fill(1.0, 0.0), fill(0.0, 1.0));
        // "wide" covers columns A and B: it ends where column C's text starts, less the padding.
        assert!((wide.x + wide.width - (at("c").x - style::CELL_PAD_X)).abs() < 0.01);
        // "tall" covers two rows: from the top of b1's row to the bottom of b2's.
        let row = style::CELL.leading + 2.0 * style::CELL_PAD_Y;
        assert!((tall.height - 2.0 * row).abs() < 0.01, "{}", tall.height);
        assert!(at("b2").y < at("b1").y && at("b2").y > tall.y);
        // No rule crosses "tall" between its rows: the rule under b1's row starts at column B.
        let between = tall.y + row;
        let under_b1: Vec<&Rule> = page.rules.iter().filter(|r| (r.y - between).abs() < 0.01).collect();
        assert_eq!(under_b1.len(), 1);
        assert!((under_b1[0].x1 - (tall.x + tall.width)).abs() < 0.01);
    });
}

/// A box kept together that moved to the next page was laid out twice: what the first
/// try placed is taken back, so its heading is in the outline once (on the page it
/// moved to), its list's bullets are on that page, and what follows it comes after it.
#[test]
fn a_box_kept_together_is_taken_back_whole_before_it_moves() {
    let para = r#"{"type": "paragraph", "text": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."}"#;
    let kept = [
        r#"{"type": "heading", "level": 2, "text": "Kept", "id": "kept"}"#,
        r#"{"type": "bulletList", "items": ["one", "two"]}"#,
        para,
        para,
        para,
        para,
    ];
    let json = format!(
        r##"{{"title": "T", "blocks": [{}, {{"type": "box", "keepTogether": true, "fill": "#eeeeff", "blocks": [{}]}}, {{"type": "paragraph", "text": "After"}}]}}"##,
        vec![para; 15].join(","),
        kept.join(",")
    );
    laid_out(&json, |l| {
        assert_eq!(l.pages.len(), 2);
        assert_eq!(l.headings.len(), 1, "the heading once");
        assert_eq!(l.headings[0].page, 1, "on page 2");
        assert!(l.pages[0].panels.is_empty(), "nothing of the box on page 1");
        assert_eq!(l.pages[1].panels.len(), 1);
        let bullets = |page: &Page| page.texts.iter().filter(|t| l.text(t) == b"\x95").count();
        assert_eq!((bullets(&l.pages[0]), bullets(&l.pages[1])), (0, 2), "the two bullets on page 2");
        assert!(!texts(l, &l.pages[0]).iter().any(|t| t.contains("Kept")));
        let after = l.pages[1].texts.iter().find(|t| l.text(t) == b"After").expect("after the box");
        assert!(after.y < l.pages[1].panels[0].rect[1], "what follows is under the box");
    });
}
