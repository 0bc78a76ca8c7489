//! Bad input gives an error that names the place and the expectation, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use snapdf::{Error, RenderOptions, render_json};

fn err(json: &str) -> Error {
    render_json(json, &RenderOptions::default()).expect_err("must be rejected")
}

#[test]
fn malformed_json_names_line_and_column() {
    let e = err("{\"title\": \"x\",\n  \"blocks\": [,]}");
    assert_eq!(e.code(), "INVALID_JSON");
    assert!(e.to_string().starts_with("malformed JSON at line 2 column 14"), "{e}");
    assert_eq!(err("").code(), "INVALID_JSON");
    assert_eq!(err(r#"{"title": "x"} trailing"#).code(), "INVALID_JSON");
}

#[test]
fn wrong_types_deep_inside_name_the_json_path() {
    let json = r#"{"title": "T", "blocks": [
        {"type": "paragraph", "text": "ok"},
        {"type": "table", "columns": ["a", "b"], "rows": [["1", "2"], ["3", [1]]]}]}"#;
    let e = err(json);
    assert_eq!(e.code(), "INVALID_SNAPSHOT");
    assert_eq!(e.path().as_deref(), Some("blocks[1].rows[1][1]"));
    assert!(e.to_string().contains("expected a cell: a string, number, boolean, null or {"), "{e}");
}

#[test]
fn each_rule_names_its_field() {
    let cases = [
        (r#"{"blocks": []}"#, "(root)", "missing field `title`"),
        (r#"{"title": "  "}"#, "title", "must not be empty"),
        (r#"{"title": 5}"#, "title", "invalid type: integer `5`"),
        (r#"{"title": "T", "colour": 1}"#, "colour", "unknown field `colour`"),
        (r#"{"title": "T", "blocks": [{"text": "x"}]}"#, "blocks[0]", "missing field `type`"),
        (r#"{"title": "T", "blocks": [{"type": "video"}]}"#, "blocks[0].type", "unknown block type `video`"),
        (r#"{"title": "T", "blocks": [{"type": "chart"}]}"#, "blocks[0].categories", "at least one category"),
        (
            r#"{"title": "T", "blocks": [{"type": "heading", "text": "x", "level": 4}]}"#,
            "blocks[0].level",
            "not a heading level",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "heading", "text": "x", "size": 4}]}"#,
            "blocks[0].size",
            "unknown field `size`",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "bulletList", "items": ["a", 2]}]}"#,
            "blocks[0].items[1]",
            "invalid type",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "keyValue", "items": [{"key": "k"}]}]}"#,
            "blocks[0].items[0]",
            "missing field `value`",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "table", "columns": [], "rows": []}]}"#,
            "blocks[0].columns",
            "at least one column",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "table", "columns": ["a"], "rows": [["1"], ["1", "2"]]}]}"#,
            "blocks[0].rows[1]",
            "has 2 cells, expected 1",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "table", "columns": [{"header": "a", "align": "middle"}]}]}"#,
            "blocks[0].columns[0].align",
            "unknown variant `middle`",
        ),
        (r#"{"title": "T", "page": {"size": "A9"}}"#, "page.size", r#"expected "A3", "A4", "A5", "Letter", "Legal""#),
        (
            r##"{"title": "T", "blocks": [{"type": "paragraph", "text": [{"text": "x", "colour": "#f00"}]}]}"##,
            "blocks[0].text[0].colour",
            "unknown field `colour`, expected one of `text`, `bold`, `italic`, `mono`, `color`, `link`, `style`; did you mean `color`?",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "paragrph", "text": "x"}]}"#,
            "blocks[0].type",
            "did you mean `paragraph`?",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "heading", "text": "x", "align": "centre"}]}"#,
            "blocks[0].align",
            "did you mean `center`?",
        ),
        (
            r#"{"title": "T", "page": {"size": {"width": 10, "height": 500}}}"#,
            "page.size.width",
            "10 is not a page side (72 to 14400 points)",
        ),
        (r#"{"title": "T", "page": {"margins": -1}}"#, "page.margins", "-1 is not a margin (0 to 14400 points)"),
        (r#"{"title": "T", "page": {"margins": {"left": -1}}}"#, "page.margins.left", "not a margin"),
        (r#"{"title": "T", "page": {"margins": 290}}"#, "page.margins", "leave less than 72 pt"),
        (
            r#"{"title": "T", "metadata": {"creationDate": "yesterday"}}"#,
            "metadata.creationDate",
            "not an ISO 8601 date",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "qr", "data": "x", "level": "X"}]}"#,
            "blocks[0].level",
            "unknown variant `X`, expected one of `L`, `M`, `Q`, `H`",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "qr", "data": "x", "level": "m"}]}"#,
            "blocks[0].level",
            "did you mean `M`?",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "qr", "data": "x", "size": 10}]}"#,
            "blocks[0].size",
            "10 is not a QR code size (36 to 14400 points)",
        ),
        (r#"{"title": "T", "blocks": [{"type": "qr", "data": ""}]}"#, "blocks[0].data", "must not be empty"),
        (r#"{"title": "T", "blocks": [{"type": "qr"}]}"#, "blocks[0]", "missing field `data`"),
        (
            r#"{"title": "T", "blocks": [{"type": "table", "cols": ["a"]}]}"#,
            "blocks[0].cols",
            "did you mean `columns`?",
        ),
        (r#"{"title": "T", "mono": "X"}"#, "mono", "did you mean `monoFont`?"),
        (r#"{"TITLE": "T"}"#, "TITLE", "did you mean `title`?"),
        (
            r#"{"title": "T", "theme": {"heading2": {"size": -3}}}"#,
            "theme.heading2.size",
            "-3 is not a size in points (0.5 to 400)",
        ),
        (r#"{"title": "T", "theme": {"heading4": {}}}"#, "theme.heading4", "unknown field `heading4`"),
        (
            r#"{"title": "T", "blocks": [{"type": "heading", "text": "x", "level": 1.5}]}"#,
            "blocks[0].level",
            "1.5 is not a heading level (a whole number from 1 to 3)",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "table", "columns": ["a"], "rows": [[{"text": "x", "colSpan": -1}]]}]}"#,
            "blocks[0].rows[0][0].colSpan",
            "-1 is not a column span (a whole number from 1 to 100 columns)",
        ),
        (r#"{"title": "T", "theme": "dark"}"#, "theme", r#"invalid type: string "dark", expected an object {…}"#),
        (
            r#"{"title": "T", "blocks": [{"type": "table", "columns": ["a"], "borders": 1}]}"#,
            "blocks[0].borders",
            "expected",
        ),
        (r##"{"title": "T", "theme": {"accent": "#12"}}"##, "theme.accent", "expected a colour"),
        (r#"{"title": "T", "theme": {"body": {"spaceAfter": 2000}}}"#, "theme.body.spaceAfter", "not a space"),
        (r#"{"title": "T", "theme": {"body": {"lineHeight": 9}}}"#, "theme.body.lineHeight", "not a line height"),
        (r#"{"title": "T", "styles": {"a b": {}}}"#, "styles.a b", "is not a style name"),
        (r#"{"title": "T", "styles": []}"#, "styles", "expected named styles"),
        (r#"{"title": "T", "styles": {"n": {"bold": true}, "n": {}}}"#, "styles.n", "declared twice"),
        (
            r#"{"title": "T", "styles": {"note": {}, "big": {}}, "blocks": [{"type": "paragraph", "text": "x", "style": "nte"}]}"#,
            "blocks[0].style",
            "no style is named `nte` (styles: note, big); did you mean `note`?",
        ),
        (
            r#"{"title": "T", "blocks": [{"type": "heading", "text": "x", "style": "note"}]}"#,
            "blocks[0].style",
            "no style is named `note` (styles: none are declared in `styles`)",
        ),
        (
            r#"{"title": "T", "styles": {"big": {"size": 20}}, "blocks": [{"type": "paragraph", "text": [{"text": "x", "style": "big"}]}]}"#,
            "blocks[0].text[0].style",
            "the style `big` gives `size`, which a run cannot take (a run takes `bold`, `italic` and `color`)",
        ),
    ];
    for (json, path, message) in cases {
        let e = err(json);
        let shown = e.to_string();
        assert_eq!(e.path().as_deref().unwrap_or("(root)"), path, "{json}: {shown}");
        assert!(shown.contains(message), "{json}: {shown}");
    }
}

#[test]
fn a_qr_code_too_long_for_its_level_is_refused_at_its_data() {
    let qr = |data: &str, level: &str| {
        format!(r#"{{"title": "T", "blocks": [{{"type": "qr", "data": "{data}", "level": "{level}"}}]}}"#)
    };
    // 1,273 bytes of text fit level H (ISO/IEC 18004, table 7); 1,274 do not, but fit L.
    assert!(render_json(&qr(&"a".repeat(1273), "H"), &RenderOptions::default()).is_ok());
    let e = err(&qr(&"a".repeat(1274), "H"));
    assert_eq!((e.code(), e.path().as_deref()), ("INVALID_SNAPSHOT", Some("blocks[0].data")));
    assert!(e.to_string().contains("1274 bytes of UTF-8, more than a QR code holds at level H (1273 bytes"), "{e}");
    assert!(render_json(&qr(&"a".repeat(1274), "L"), &RenderOptions::default()).is_ok());
    // More than any level holds is refused by the field's rule, before encoding.
    let e = err(&qr(&"a".repeat(2954), "L"));
    assert!(e.to_string().contains("more than a QR code holds (2953 bytes at level L)"), "{e}");
}

#[test]
fn characters_outside_winansi_are_listed_with_their_places() {
    let json = r#"{"title": "Отчёт", "blocks": [
        {"type": "paragraph", "text": "fine: é ü ß © € “ ” ‘ ’ – —"},
        {"type": "table", "columns": ["a"], "rows": [["ok"], ["日本"]]}]}"#;
    let e = err(json);
    assert_eq!(e.code(), "UNSUPPORTED_CHARACTER");
    let shown = e.to_string();
    assert!(shown.contains("'О' (U+041E) at title"), "{shown}");
    assert!(shown.contains("'日' (U+65E5) at blocks[1].rows[1][0]"), "{shown}");
    assert!(!shown.contains("blocks[0]"), "Latin-1 text is fine: {shown}");
    assert_eq!(e.path().as_deref(), Some("title"));
}

#[test]
fn limits_are_enforced_before_layout() {
    let long = "x".repeat((1 << 20) + 1);
    let e = err(&format!(r#"{{"title": "T", "blocks": [{{"type": "paragraph", "text": "{long}"}}]}}"#));
    assert_eq!(e.code(), "LIMIT_EXCEEDED");
    assert_eq!(e.path().as_deref(), Some("blocks[0].text"));
}

#[test]
fn hostile_but_valid_input_renders() {
    // One enormous word, empty strings, blank lines, a 1-row table with empty cells.
    let word = "w".repeat(20_000);
    let json = format!(
        r#"{{"title": "{word}", "blocks": [{{"type": "paragraph", "text": ""}}, {{"type": "paragraph", "text": "\n\n\n"}},
            {{"type": "table", "columns": [""], "rows": [[null], [""], ["{word}"]]}}, {{"type": "bulletList", "items": []}}]}}"#
    );
    let out = render_json(&json, &RenderOptions::default()).expect("renders");
    assert!(out.pages >= 2);
}

#[test]
fn a_layout_over_the_page_limit_is_refused_before_the_pdf_is_assembled() {
    // A 100 pt tall page holds about four rows: 100,000 rows make some 25,000 pages.
    let rows = vec![r#"["x"]"#; 100_000].join(",");
    let json = format!(
        r#"{{"title": "T", "page": {{"size": {{"width": 300, "height": 100}}, "margins": 10}},
            "blocks": [{{"type": "table", "columns": ["a"], "rows": [{rows}]}}]}}"#
    );
    let e = snapdf::render_json(&json, &snapdf::RenderOptions::default()).expect_err("over the limit");
    assert_eq!(e.code(), "LIMIT_EXCEEDED");
    assert!(e.to_string().contains("more than the limit of 20000"), "{e}");
}

/// A header repeating `{title}` 149,000 times with a 10,000-character title (1 MB of
/// JSON, inside every other limit) is refused before layout at `page.header`: it
/// trapped the module after 24 s and 3.6 GB, expanding on every page.
#[test]
fn headers_and_footers_that_multiply_the_input_are_refused_before_layout() {
    let title = "T".repeat(10_000);
    for band in ["header", "footer"] {
        let slot = "{title}".repeat(149_000);
        let json = format!(r#"{{"title": "{title}", "page": {{"{band}": {{"center": "{slot}"}}}}, "blocks": []}}"#);
        let err = render_json(&json, &RenderOptions::default()).expect_err("refused");
        assert_eq!((err.code(), err.path().as_deref()), ("LIMIT_EXCEEDED", Some(format!("page.{band}").as_str())));
        assert!(err.to_string().contains("more than the limit of 2000"), "{err}");
    }
    // A long title once in the footer, with the page numbers, is fine.
    let json = format!(
        r#"{{"title": "{}", "page": {{"footer": {{"left": "{{title}}", "right": "{{page}}/{{pages}}"}}}}, "blocks": []}}"#,
        "T".repeat(1_900)
    );
    render_json(&json, &RenderOptions::default()).expect("renders");
}

/// A chart's data is refused at the value at fault, in the user's words: series and x
/// values, and rows with named columns.
#[test]
fn chart_data_errors_name_the_value() {
    let chart = |fields: &str| format!(r#"{{"title": "T", "blocks": [{{"type": "chart", {fields}}}]}}"#);
    let rows =
        r#""columns": ["date", "MSFT", "AAPL"], "rows": [["2009-01-01", 19.4, 85.3], ["2009-02-01", "18.1", null]]"#;
    let cases = [
        (
            chart(&format!(r#"{rows}, "x": "date", "y": ["MSF"]"#)),
            "blocks[0].y[0]",
            "no column is named `MSF`: the columns are `date`, `MSFT`, `AAPL`; did you mean `MSFT`?",
        ),
        (chart(&format!(r#"{rows}, "x": "Date""#)), "blocks[0].x", "no column is named `Date`"),
        (
            chart(
                r#""kind": "line", "columns": ["d", "v"], "rows": [["2009-01-01", 1], ["2009-02-01", "n/a"]], "x": "d""#,
            ),
            "blocks[0].rows[1][1]",
            "\"n/a\" is not a number (column `v` is plotted as values)",
        ),
        (
            chart(r#""kind": "line", "columns": ["d", "v"], "rows": [["2009-01-01", 1], ["2009-02-01", ""]]"#),
            "blocks[0].rows[1][1]",
            "is empty: column `v` needs a number here, or null for a missing value",
        ),
        (chart(r#""columns": ["d", "v"], "rows": [["a", 1], ["b"]]"#), "blocks[0].rows[1]", "has 1 cells, expected 2"),
        (
            chart(r#""kind": "scatter", "columns": ["d", "v"], "rows": [[1, 1], ["x", 2]]"#),
            "blocks[0].rows[1][0]",
            "\"x\" is not a number or an ISO 8601 date",
        ),
        (
            chart(r#""kind": "line", "x": [1, "2009-01-01"], "series": [{"name": "s", "values": [1, 2]}]"#),
            "blocks[0].x[1]",
            "is a date, but the first is a number: x values are all numbers or all dates",
        ),
        (
            chart(r#""kind": "line", "x": [1, 2, 3], "series": [{"name": "s", "values": [1, 2]}]"#),
            "blocks[0].series[0].values",
            "has 2 values for 3 x values: give one value per x value",
        ),
        (
            chart(r#""x": [1, 2], "series": [{"name": "s", "values": [1, 2]}]"#),
            "blocks[0].x",
            "x values are for line, area and scatter charts",
        ),
        (
            chart(r#""kind": "scatter", "categories": ["a"], "series": [{"name": "s", "values": [1]}]"#),
            "blocks[0].x",
            "give `x`",
        ),
        (
            chart(r#""kind": "line", "x": [1], "categories": ["a"], "series": [{"name": "s", "values": [1]}]"#),
            "blocks[0].categories",
            "give `categories` or `x`, not both",
        ),
        (
            chart(r#""x": "d", "series": [{"name": "s", "values": [1]}]"#),
            "blocks[0].x",
            "names a column, but the chart has no `columns` and `rows`",
        ),
        (
            chart(r#""kind": "pie", "columns": ["k", "v"], "rows": [["a", 1], ["b", null]]"#),
            "blocks[0].rows[1][1]",
            "is missing: every slice of a pie or donut needs a value",
        ),
        (
            chart(r#""kind": "line", "x": true, "series": []"#),
            "blocks[0].x",
            "x values (an array of numbers or dates) or a column name",
        ),
    ];
    for (json, path, message) in cases {
        let e = err(&json);
        assert_eq!(e.code(), "INVALID_SNAPSHOT", "{json}: {e}");
        assert_eq!(e.path().as_deref(), Some(path), "{json}: {e}");
        assert!(e.to_string().contains(message), "{json}: {e}");
    }
}

/// The values of a chart are counted before any is read: over the limit is
/// LIMIT_EXCEEDED at the field that holds them.
#[test]
fn chart_points_are_bounded_before_the_work() {
    let row = r#"["2009-01-01", 1, 2, 3]"#;
    let rows = vec![row; 25_001].join(",");
    let json = format!(
        r#"{{"title": "T", "blocks": [{{"type": "chart", "kind": "line", "columns": ["d", "a", "b", "c"], "rows": [{rows}]}}]}}"#
    );
    let e = err(&json);
    assert_eq!(e.code(), "LIMIT_EXCEEDED", "{e}");
    assert_eq!(e.path().as_deref(), Some("blocks[0].rows"));
    assert!(e.to_string().contains("100004 values in one chart, more than the limit of 100000"), "{e}");
    let values = vec!["1"; 50_001].join(",");
    let series = format!(r#"{{"name": "a", "values": [{values}]}}, {{"name": "b", "values": [{values}]}}"#);
    let x = vec!["0"; 50_001].join(",");
    let json = format!(
        r#"{{"title": "T", "blocks": [{{"type": "chart", "kind": "line", "x": [{x}], "series": [{series}]}}]}}"#
    );
    assert_eq!(err(&json).path().as_deref(), Some("blocks[0].series"));
}
