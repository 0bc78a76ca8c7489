//! Finding the JSON path of a position in JSON text.
//!
//! serde_json reports where an error happened as a line and column. Rather than track
//! the path during deserialization (which instantiates a wrapper for every type, and
//! made up a tenth of the WebAssembly module), the path is worked out afterwards, only
//! for the error, by scanning the text up to that position.

/// The path of the value being read at `line`:`column` (1-based, as serde_json counts:
/// the column in bytes) of `json`, in the notation of [`super::Path::join`]: `a.b[3].c`,
/// or "" for the root.
///
/// Where serde_json stops differs by error, and the scan follows: before a value (an
/// invalid type: the path of that value), after an object key (an unknown field: the
/// key), after a value (an invalid value: its key or index), after a closing brace (a
/// missing field: the object itself).
///
/// `array_value`: the error is about an array as a whole ("invalid type: sequence"),
/// which serde_json reports just inside its opening bracket; the path is then the
/// array's, not that of its first element.
pub fn path_at(json: &str, line: usize, column: usize, array_value: bool) -> String {
    let offset = byte_offset(json, line, column).min(json.len());
    let mut frames: Vec<Frame> = Vec::new();
    let bytes = json.as_bytes();
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'{' => frames.push(Frame::Object { key: None, expecting_key: true }),
            b'[' => frames.push(Frame::Array { index: 0, started: false }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            b'"' => {
                mark_started(&mut frames);
                let end = string_end(bytes, i);
                if let Some(Frame::Object { key, expecting_key }) = frames.last_mut()
                    && *expecting_key
                {
                    *key = Some(unescape(&json[i + 1..end.saturating_sub(1).max(i + 1)]));
                    *expecting_key = false;
                }
                i = end;
                continue;
            }
            _ => mark_started(&mut frames),
        }
        i += 1;
    }
    if array_value && matches!(frames.last(), Some(Frame::Array { index: 0, started: false })) {
        frames.pop();
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index, .. } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

enum Frame {
    /// An object, with the key whose value is being read.
    Object { key: Option<String>, expecting_key: bool },
    /// An array, with the index of the element being read and whether it has begun.
    Array { index: usize, started: bool },
}

/// Notes that the innermost array's current element has begun (a byte of a value).
fn mark_started(frames: &mut [Frame]) {
    if let Some(Frame::Array { started, .. }) = frames.last_mut() {
        *started = true;
    }
}

/// The byte offset of a serde_json position. serde_json's column counts the bytes of
/// the line up to and including the one at which it stopped.
fn byte_offset(json: &str, line: usize, column: usize) -> usize {
    let line_start =
        if line <= 1 { 0 } else { json.match_indices('\n').nth(line - 2).map_or(json.len(), |(i, _)| i + 1) };
    line_start + column
}

/// The index just past the closing quote of the string that opens at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The text of a JSON string's content (escapes resolved well enough for a key).
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The position just before `marker` (which is removed), as line and column.
    fn at(json_with_marker: &str) -> (String, usize, usize) {
        let i = json_with_marker.find('|').expect("marker");
        let json = json_with_marker.replacen('|', "", 1);
        let line = json[..i].matches('\n').count() + 1;
        let column = i - json[..i].rfind('\n').map_or(0, |n| n + 1);
        (json, line, column)
    }

    #[test]
    fn an_array_as_a_whole_is_its_own_path() {
        let (json, line, column) = at(r#"{"rows": [["a", [|1]]]}"#);
        assert_eq!(path_at(&json, line, column, true), "rows[0][1]");
        assert_eq!(path_at(&json, line, column, false), "rows[0][1][0]");
    }

    #[test]
    fn paths_of_positions() {
        for (marked, expected) in [
            (r#"{"a": |1}"#, "a"),
            (r#"{"a": {"b": [1, 2, |{}]}}"#, "a.b[2]"),
            (r#"{"a": {"b": [1, 2, {}|]}}"#, "a.b[2]"),
            (r#"{"x": 1, "colour"|: 2}"#, "colour"),
            (r#"{"blocks": [{"type": "t"}, {"rows": [[1], [2, |[3]]]}]}"#, "blocks[1].rows[1][1]"),
            (r#"{"a": {"b": 1}|}"#, "a"),
            (r#"{"a": 1}|"#, ""),
            ("{\n  \"a\": [\n    |true\n  ]\n}", "a[0]"),
            (r#"{"we\"ird": |1}"#, "we\"ird"),
            (r#"{"s": "[{,]}", "t": |1}"#, "t"),
        ] {
            let (json, line, column) = at(marked);
            assert_eq!(path_at(&json, line, column, false), expected, "{marked}");
        }
    }
}
