//! Parsing snapshot JSON into the model, with errors that name the JSON path.
//!
//! serde_json reads the whole text into one [`Json`] tree; the readers that
//! `#[derive(Model)]` writes from the model's declaration ([`super::model`]) then read
//! the model from the tree, knowing the path of every value (`blocks[3].rows[17][2]`)
//! and rejecting unknown fields per block type. Messages are worded as serde's derived
//! `Deserialize` words them ("invalid type: integer `5`, expected a string", "missing
//! field `title`", "unknown field `colour`, expected one of …").
//!
//! Two rules the readers follow: an object may be given as an array of its fields in
//! order, as serde reads a struct (PHP's `json_encode` writes an empty map as `[]`),
//! except the snapshot, a block, and a type with a shorthand (a run may be a string),
//! where an array means something else or nothing; and a value nested deeper than
//! serde_json reads is an [`Error::Json`] at its place (see [`super::read`]).

use super::Error;
use super::json::{self, Json};
use super::model::Snapshot;
use super::read::{At, Object, expect_object, invalid_type};

/// `bytes` as JSON text, which is UTF-8 (RFC 8259, section 8.1). A leading byte order
/// mark is left for [`parse`], which skips it.
///
/// # Errors
/// [`Error::Json`] at the line and column (in bytes) of the first byte that does not
/// belong to a UTF-8 sequence.
pub fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
        Error::Json {
            line: 1 + valid.iter().filter(|&&b| b == b'\n').count(),
            column: 1 + valid.len() - line_start,
            message: "the input is not valid UTF-8 text".to_owned(),
        }
    })
}

/// Parses snapshot JSON into the model (structure and types only; see
/// [`super::validate`] for the rules that need the whole value).
///
/// # Errors
/// [`Error::Json`] for malformed JSON (with line and column), [`Error::Invalid`] for a
/// value of the wrong type, a missing or unknown field, naming its JSON path.
pub fn parse(json: &str) -> Result<Snapshot<'_>, Error> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let tree = json::parse(json).map_err(syntax_error)?;
    snapshot(tree).map_err(|e| match e {
        // Read into a value nested deeper than serde_json reads: its error, at its place.
        Error::Json { line: 0, .. } => json::depth_error(json).map_or(e, syntax_error),
        e => e,
    })
}

/// Parses a theme given outside a snapshot (the `theme` render option: an engine's
/// default look) from JSON text, as a snapshot's `theme` is read and checked; errors
/// name its path from `theme` (`theme.body.size`).
///
/// # Errors
/// As [`parse`].
pub fn parse_theme(json: &str) -> Result<super::Theme, Error> {
    read_theme(json::parse(json).map_err(syntax_error)?)
}

/// [`parse_theme`] from a parsed tree.
pub(crate) fn read_theme(tree: json::Json) -> Result<super::Theme, Error> {
    let theme = <super::Theme as super::read::Read>::read(tree, &super::read::At::Root.key("theme"))?;
    super::validate::check_theme(&theme)?;
    Ok(theme)
}

/// serde_json's error as snapdf's: a syntax error at its line and column, or, for JSON
/// nested deeper than serde_json reads (valid JSON, but past a limit), `LIMIT_EXCEEDED`.
fn syntax_error(e: serde_json::Error) -> Error {
    let message = without_position(&e);
    if message == "recursion limit exceeded" {
        return Error::Limit {
            path: super::Path::root().to_string(),
            message: format!(
                "JSON nested more than {} arrays and objects deep (at line {} column {})",
                json::MAX_DEPTH,
                e.line(),
                e.column()
            ),
        };
    }
    Error::Json { line: e.line(), column: e.column(), message }
}

/// serde_json's message without the " at line L column C" it appends (the error
/// states the position itself).
fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]).to_owned()
}

/// Reads the snapshot: an object (never an array of its fields). A top-level
/// `"$schema"` string, which names the JSON Schema for editors, is left out: it is
/// not part of the snapshot, nor of its key.
fn snapshot(v: Json) -> Result<Snapshot, Error> {
    let root = At::Root;
    let mut members = expect_object(v, &root, "a snapshot")?;
    let mut schemas = members.iter().filter(|(key, _)| key == "$schema");
    if let Some((_, value)) = schemas.next() {
        let at = root.key("$schema");
        if !matches!(value, Json::String(_)) {
            return Err(invalid_type(value, "a string (the URL or path of the snapshot's JSON Schema)", &at));
        }
        if schemas.next().is_some() {
            return Err(Error::invalid(at.path(), "duplicate field `$schema`"));
        }
        members.retain(|(key, _)| key != "$schema");
    }
    Snapshot::read_fields(Object::new(members, &root, Snapshot::FIELDS))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{parse, utf8};
    use crate::document::{Block, Cell, Error};

    /// The path and message of the error `json` gives.
    fn invalid(json: &str) -> (String, String) {
        match parse(json) {
            Err(Error::Invalid { path, message }) => (path, message),
            other => panic!("{json}: {other:?}"),
        }
    }

    #[test]
    fn messages_are_worded_as_serde_words_them() {
        let blocks = |b: &str| format!(r#"{{"title": "T", "blocks": [{b}]}}"#);
        let cases = [
            (
                r#"{"title": "T", "subtitle": 1.5}"#.to_owned(),
                "subtitle",
                "invalid type: floating point `1.5`, expected a string",
            ),
            (
                r#"{"title": "T", "subtitle": true}"#.to_owned(),
                "subtitle",
                "invalid type: boolean `true`, expected a string",
            ),
            (r#"{"title": "T", "blocks": null}"#.to_owned(), "blocks", "invalid type: null, expected a sequence"),
            (
                r#"{"title": "T", "metadata": "x"}"#.to_owned(),
                "metadata",
                r#"invalid type: string "x", expected an object {…}"#,
            ),
            (r#"{"title": "T", "title": "U"}"#.to_owned(), "title", "duplicate field `title`"),
            (
                blocks(r#"{"type": "pageBreak", "text": "x"}"#),
                "blocks[0].text",
                "unknown field `text`, expected `type`",
            ),
            (
                blocks(r#"{"type": "paragraph", "text": "x", "type": "paragraph"}"#),
                "blocks[0].type",
                "duplicate field `type`",
            ),
            (
                blocks(r#"{"type": "table", "columns": ["a"], "rows": [[{"no": 1}]]}"#),
                "blocks[0].rows[0][0].no",
                "unknown field `no`, expected one of `text`, `colSpan`, `rowSpan`, `fill`, `color`, `bold`, `italic`, \
                 `align`, `verticalAlign`",
            ),
            (
                blocks(r#"{"type": "heading", "text": "x", "level": 1.5}"#),
                "blocks[0].level",
                "1.5 is not a heading level (a whole number from 1 to 3)",
            ),
            (
                blocks(r#"{"type": "heading", "text": "x", "level": 2.0, "id": 2}"#),
                "blocks[0].id",
                "invalid type: integer `2`, expected a string",
            ),
            (
                blocks(r#"{"type": "heading", "text": "x", "level": -1}"#),
                "blocks[0].level",
                "-1 is not a heading level (a whole number from 1 to 3)",
            ),
            (
                blocks(r#"{"type": "heading", "text": "x", "level": 300}"#),
                "blocks[0].level",
                "300 is not a heading level (a whole number from 1 to 3)",
            ),
            (
                blocks(r#"{"type": "paragraph", "text": "x", "align": "middle"}"#),
                "blocks[0].align",
                "unknown variant `middle`, expected one of `left`, `center`, `right`, `justify`, `start`, `end`",
            ),
            (
                r#"{"title": "T", "page": {"orientation": "up"}}"#.to_owned(),
                "page.orientation",
                "unknown variant `up`, expected one of `portrait`, `landscape`, `auto`",
            ),
            (r#"{"title": "T", "page": {"size": {"width": 300}}}"#.to_owned(), "page.size", "missing field `height`"),
            (
                r#"{"title": "T", "page": {"margins": {"inner": 3}}}"#.to_owned(),
                "page.margins.inner",
                "unknown field `inner`, expected one of `top`, `right`, `bottom`, `left`",
            ),
            (
                blocks(r#"{"type": "paragraph", "text": [{"text": "x", "color": "red"}]}"#),
                "blocks[0].text[0].color",
                r##"invalid value: string "red", expected a colour "#rrggbb" or "#rgb""##,
            ),
            (
                blocks(r#"{"type": "spacer", "height": null}"#),
                "blocks[0].height",
                "invalid type: null, expected a number",
            ),
            (
                r#"{"title": "T", "font": 5}"#.to_owned(),
                "font",
                "invalid type: integer `5`, expected a font name or an array of font names",
            ),
            (blocks(r#""x""#), "blocks[0]", "a block is a JSON object {…}, not a string"),
            (
                r#"{"$schema": 5, "title": "T"}"#.to_owned(),
                "$schema",
                "invalid type: integer `5`, expected a string (the URL or path of the snapshot's JSON Schema)",
            ),
            (r#"{"$schema": "a", "$schema": "b", "title": "T"}"#.to_owned(), "$schema", "duplicate field `$schema`"),
            (blocks(r#"{"type": 7}"#), "blocks[0].type", "invalid type: integer `7`, expected a string"),
        ];
        for (json, path, message) in cases {
            assert_eq!(invalid(&json), (path.to_owned(), message.to_owned()), "{json}");
        }
    }

    #[test]
    fn strings_without_escapes_are_borrowed_from_the_text() {
        let json = r#"{"title": "T", "blocks": [{"type": "table", "columns": ["a"], "rows": [["plain"], ["\u00e9"], [1.5]]}]}"#;
        let snapshot = parse(json).expect("valid");
        assert!(matches!(snapshot.title, Cow::Borrowed("T")));
        let Block::Table(table) = &snapshot.blocks[0] else { panic!("a table") };
        assert!(matches!(table.rows[0][0].text(), Cell::Text(Cow::Borrowed("plain"))));
        assert!(matches!(table.rows[1][0].text(), Cell::Text(Cow::Owned(s)) if s == "é"));
        assert_eq!(*table.rows[2][0].text(), Cell::Number(Cow::Borrowed("1.5")));
    }

    #[test]
    fn nesting_deeper_than_serde_json_reads_is_refused_where_it_is_read() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        // Too deep to parse, but a block or cell cannot be an array anyway.
        let (path, message) = invalid(&format!(r#"{{"title": "T", "blocks": [{}]}}"#, deep(100_000)));
        assert_eq!((path.as_str(), message.as_str()), ("blocks[0]", "a block is a JSON object {…}, not an array"));
        let cell = format!(
            r#"{{"title": "T", "blocks": [{{"type": "table", "columns": ["a"], "rows": [[{}]]}}]}}"#,
            deep(200)
        );
        assert_eq!(invalid(&cell).0, "blocks[0].rows[0][0]");
        // Lists nested as deep are read into: serde_json's limit, at its place.
        let mut item = r#""x""#.to_owned();
        for _ in 0..70 {
            item = format!(r#"{{"text": "t", "items": [{item}]}}"#);
        }
        let lists = format!(r#"{{"title": "T", "blocks": [{{"type": "bulletList", "items": [{item}]}}]}}"#);
        let Err(Error::Limit { message, .. }) = parse(&lists) else { panic!("accepted") };
        let column: usize =
            message.rsplit("column ").next().and_then(|c| c.strip_suffix(')')?.parse().ok()).expect("column");
        assert!(
            message.starts_with("JSON nested more than 127 arrays and objects deep (at line 1 column"),
            "{message}"
        );
        // The 128th array or object: serde_json's limit.
        assert_eq!(&lists[column - 1..column], "[");
    }

    #[test]
    fn a_struct_may_be_an_array_of_its_fields_as_serde_reads_it() {
        // PHP's json_encode writes an empty map as [].
        assert!(parse(r#"{"title": "T", "metadata": [], "page": []}"#).is_ok());
        let snapshot = parse(r#"{"title": "T", "metadata": ["Ann"]}"#).expect("valid");
        assert_eq!(snapshot.metadata.author.as_deref(), Some("Ann"));
    }

    #[test]
    fn text_that_is_not_utf8_is_malformed_json_at_its_byte() {
        assert_eq!(utf8("{\"title\": \"é\"}".as_bytes()), Ok("{\"title\": \"é\"}"));
        let Err(Error::Json { line, column, message }) = utf8(b"{\n  \"title\": \"\xe9\"}") else {
            panic!("Latin-1 accepted as UTF-8")
        };
        assert_eq!((line, column), (2, 13));
        assert!(message.contains("not valid UTF-8"), "{message}");
    }

    #[test]
    fn a_block_type_is_read_wherever_it_is_but_only_once() {
        let doubled = r#"{"title": "t", "blocks": [{"type": "paragraph", "text": "x", "type": "heading"}]}"#;
        assert!(parse(doubled).is_err());
        let later = r#"{"title": "t", "blocks": [{"text": "x", "type": "paragraph"}]}"#;
        assert!(matches!(parse(later).map(|s| s.blocks), Ok(b) if matches!(b[..], [Block::Paragraph(_)])));
    }
}
