//! Parsing snapshot JSON into the model, with errors that name the JSON path.
//!
//! Blocks are parsed in two steps: the snapshot's `blocks` array is first read as raw
//! JSON slices, then each block's `type` is read and the slice is parsed into that
//! block type. This keeps exact paths (`blocks[3].rows[17][2]`) and rejects unknown
//! fields per block type, which serde's internally tagged enums cannot do (they buffer
//! the content and lose both).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::model::{Band, Block, Cell, Color, Column, ColumnWidth, ListItem, Metadata, Run, Snapshot, Text};
use super::page::PageInput;
use super::{Error, Path, locate};

/// The top level of a snapshot, blocks still unparsed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSnapshot<'a> {
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow, default)]
    subtitle: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    metadata: Metadata<'a>,
    #[serde(borrow, default)]
    page: PageInput<'a>,
    #[serde(borrow, default, deserialize_with = "one_or_many")]
    font: Vec<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "one_or_many", rename = "monoFont")]
    mono_font: Vec<Cow<'a, str>>,
    #[serde(borrow, default)]
    blocks: Vec<&'a RawValue>,
}

/// Reads a string or an array of strings.
fn one_or_many<'de: 'a, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Cow<'a, str>>, D::Error> {
    struct NamesVisitor;
    impl<'de> Visitor<'de> for NamesVisitor {
        type Value = Vec<Cow<'de, str>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a font name or an array of font names")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(vec![Cow::Borrowed(v)])
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_owned())])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(de::value::SeqAccessDeserializer::new(seq))
        }
    }
    deserializer.deserialize_any(NamesVisitor)
}

/// Reads only the `type` of a block, ignoring its other fields.
#[derive(Deserialize)]
struct BlockTag<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
}

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
    expect_object(json, &Path::root(), "a snapshot")?;
    let raw: RawSnapshot = from_str(json, &Path::root())?;
    let mut blocks = Vec::with_capacity(raw.blocks.len());
    for (i, block) in raw.blocks.iter().enumerate() {
        blocks.push(parse_block(block.get(), &Path::root().key("blocks").index(i))?);
    }
    let page = raw.page.resolve();
    let header = raw.page.header.unwrap_or_default();
    let footer = raw.page.footer.unwrap_or_else(Band::default_footer);
    Ok(Snapshot {
        title: raw.title,
        subtitle: raw.subtitle,
        metadata: raw.metadata,
        page,
        header,
        footer,
        font: raw.font,
        mono_font: raw.mono_font,
        blocks,
    })
}

fn parse_block<'a>(json: &'a str, path: &Path) -> Result<Block<'a>, Error> {
    expect_object(json, path, "a block")?;
    let tag = match leading_tag(json) {
        Some(tag) => Cow::Borrowed(tag),
        None => from_str::<BlockTag>(json, path)?.kind,
    };
    Ok(match tag.as_ref() {
        "heading" => Block::Heading(from_str(json, path)?),
        "paragraph" => Block::Paragraph(from_str(json, path)?),
        "bulletList" => Block::BulletList(from_str(json, path)?),
        "keyValue" => Block::KeyValue(from_str(json, path)?),
        "table" => Block::Table(from_str(json, path)?),
        "numberedList" => Block::NumberedList(from_str(json, path)?),
        "pageBreak" => Block::PageBreak(from_str(json, path)?),
        "rule" => Block::Rule(from_str(json, path)?),
        "spacer" => Block::Spacer(from_str(json, path)?),
        "documents" => Block::Documents(from_str(json, path)?),
        "image" => Block::Image(from_str(json, path)?),
        other => {
            return Err(Error::invalid(
                path.key("type"),
                format!("unknown block type `{other}`, expected one of {}", Block::TYPES.join(", ")),
            ));
        }
    })
}

/// The `type` of a block that begins `{"type": "name"`, as `JSON.stringify` writes a
/// block built with its type first, read without scanning the rest of the block; `None`
/// for any other shape, which [`BlockTag`] then reads. The typed parse that follows
/// still reads the whole block, so a malformed block or a second `type` is an error
/// either way.
fn leading_tag<'a>(json: &'a str) -> Option<&'a str> {
    // JSON whitespace (RFC 8259, section 2).
    let skip = |s: &'a str| -> &'a str { s.trim_start_matches([' ', '\t', '\n', '\r']) };
    let rest = skip(json).strip_prefix('{')?;
    let rest = skip(rest).strip_prefix("\"type\"")?;
    let rest = skip(rest).strip_prefix(':')?;
    let rest = skip(rest).strip_prefix('"')?;
    let name = &rest[..rest.find('"')?];
    name.bytes().all(|b| b.is_ascii_alphabetic()).then_some(name)
}

/// Refuses JSON whose value is not an object. serde would read a struct from an array
/// (its fields in order), which no one writing a snapshot means.
fn expect_object(json: &str, path: &Path, what: &str) -> Result<(), Error> {
    match json.trim_start().bytes().next() {
        Some(b'{') => Ok(()),
        // Empty or malformed input: let the JSON parser say where.
        None | Some(b'}' | b',' | b':') => from_str::<serde::de::IgnoredAny>(json, path).map(|_| ()),
        Some(c) => {
            let found = match c {
                b'[' => "an array",
                b'"' => "a string",
                b't' | b'f' => "a boolean",
                b'n' => "null",
                b'-' | b'0'..=b'9' => "a number",
                _ => return from_str::<serde::de::IgnoredAny>(json, path).map(|_| ()),
            };
            // Malformed JSON still reports as such, with its position.
            from_str::<serde::de::IgnoredAny>(json, path)?;
            Err(Error::invalid(path.clone(), format!("{what} is a JSON object {{…}}, not {found}")))
        }
    }
}

/// Deserializes `json` as `T`; a data error names its JSON path, `base` followed by
/// the path of the error's position within `json` ([`locate::path_at`]).
fn from_str<'a, T: Deserialize<'a>>(json: &'a str, base: &Path) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(&mut de).map_err(|e| json_error(e, json, base))?;
    de.end().map_err(syntax_error)?;
    Ok(value)
}

fn json_error(e: serde_json::Error, json: &str, base: &Path) -> Error {
    match e.classify() {
        serde_json::error::Category::Data => {
            let message = without_position(&e);
            let array_value = message.starts_with("invalid type: sequence");
            let path = base.join(&locate::path_at(json, e.line(), e.column(), array_value));
            Error::invalid(path, message)
        }
        _ => syntax_error(e),
    }
}

fn syntax_error(e: serde_json::Error) -> Error {
    Error::Json { line: e.line(), column: e.column(), message: without_position(&e) }
}

/// serde_json's message without the " at line L column C" it appends (the error
/// states the position or path itself).
fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]).to_owned()
}

impl<'de: 'a, 'a> Deserialize<'de> for Cell<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number, boolean or null")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cell<'de>, E> {
                Ok(Cell::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell<'de>, E> {
                Ok(Cell::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Cell<'de>, E> {
                Ok(Cell::Text(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell<'de>, E> {
                Ok(Cell::Number(Cow::Owned(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell<'de>, E> {
                Ok(Cell::Number(Cow::Owned(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell<'de>, E> {
                Ok(Cell::Number(Cow::Owned(format_number(v))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell<'de>, E> {
                Ok(Cell::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell<'de>, E> {
                Ok(Cell::Empty)
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}

/// Formats a JSON number much as JavaScript's `String(n)` does (ECMA-262,
/// Number::toString): shortest round-trip digits, integers without a fraction, and
/// exponent notation from 1e21 up and below 1e-6.
fn format_number(v: f64) -> String {
    if v == 0.0 {
        "0".to_owned()
    } else if !(1e-6..1e21).contains(&v.abs()) {
        format!("{v:e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Column<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ColumnVisitor;
        impl<'de> Visitor<'de> for ColumnVisitor {
            type Value = Column<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    r#"a header string or {"header": string, "align": "left" | "center" | "right", "width": points | "25%" | "auto"}"#,
                )
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Column<'de>, E> {
                Ok(Column { header: Cow::Borrowed(v), align: None, width: None })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Column<'de>, E> {
                Ok(Column { header: Cow::Owned(v.to_owned()), align: None, width: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Column<'de>, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Full<'a> {
                    #[serde(borrow)]
                    header: Cow<'a, str>,
                    #[serde(default)]
                    align: Option<super::model::Align>,
                    #[serde(default)]
                    width: Option<WidthInput>,
                }
                let c = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Column { header: c.header, align: c.align, width: c.width.and_then(|w| w.0) })
            }
        }
        deserializer.deserialize_any(ColumnVisitor)
    }
}

/// Reads a width: points, `"25%"` or `"auto"` (`None`).
pub(super) fn width<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<ColumnWidth>, D::Error> {
    WidthInput::deserialize(deserializer).map(|w| w.0)
}

/// A column width as written: points, `"25%"` or `"auto"` (`None`).
struct WidthInput(Option<ColumnWidth>);

impl<'de> Deserialize<'de> for WidthInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WidthVisitor;
        impl Visitor<'_> for WidthVisitor {
            type Value = WidthInput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a width: points (a number), a percentage such as "25%", or "auto""#)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<WidthInput, E> {
                Ok(WidthInput(Some(ColumnWidth::Points(v))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WidthInput, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<WidthInput, E> {
                self.visit_f64(v as f64)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WidthInput, E> {
                if v == "auto" {
                    return Ok(WidthInput(None));
                }
                v.strip_suffix('%')
                    .and_then(|p| p.trim().parse::<f64>().ok())
                    .filter(|p| p.is_finite())
                    .map(|p| WidthInput(Some(ColumnWidth::Percent(p))))
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(WidthVisitor)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Band<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BandVisitor;
        impl<'de> Visitor<'de> for BandVisitor {
            type Value = Band<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a string (centred) or {"left": string, "center": string, "right": string}"#)
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Band<'de>, E> {
                Ok(Band { center: Some(Cow::Borrowed(v)), ..Band::default() })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Band<'de>, E> {
                Ok(Band { center: Some(Cow::Owned(v.to_owned())), ..Band::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Band<'de>, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Full<'a> {
                    #[serde(borrow, default)]
                    left: Option<Cow<'a, str>>,
                    #[serde(borrow, default)]
                    center: Option<Cow<'a, str>>,
                    #[serde(borrow, default)]
                    right: Option<Cow<'a, str>>,
                }
                let b = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Band { left: b.left, center: b.center, right: b.right })
            }
        }
        deserializer.deserialize_any(BandVisitor)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

/// Reads [`Text`]: a string, or an array of runs.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"text: a string, or an array of runs (strings or {"text": …, "bold": true, …})"#)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text::Plain(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text::Plain(Cow::Owned(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text<'de>, A::Error> {
        Ok(Text::Runs(Vec::deserialize(de::value::SeqAccessDeserializer::new(seq))?))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Run<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RunVisitor;
        impl<'de> Visitor<'de> for RunVisitor {
            type Value = Run<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    r##"a run: a string or {"text": string, "bold", "italic", "mono": booleans, "color": "#rrggbb", "link": URL}"##,
                )
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Run<'de>, E> {
                Ok(Run { text: Cow::Borrowed(v), ..Run::default() })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Run<'de>, E> {
                Ok(Run { text: Cow::Owned(v.to_owned()), ..Run::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Run<'de>, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Full<'a> {
                    #[serde(borrow)]
                    text: Cow<'a, str>,
                    #[serde(default)]
                    bold: bool,
                    #[serde(default)]
                    italic: bool,
                    #[serde(default)]
                    mono: bool,
                    #[serde(default)]
                    color: Option<Color>,
                    #[serde(borrow, default)]
                    link: Option<Cow<'a, str>>,
                }
                let r = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Run { text: r.text, bold: r.bold, italic: r.italic, mono: r.mono, color: r.color, link: r.link })
            }
        }
        deserializer.deserialize_any(RunVisitor)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ColorVisitor;
        impl Visitor<'_> for ColorVisitor {
            type Value = Color;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r##"a colour "#rrggbb" or "#rgb""##)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Color, E> {
                Color::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(ColorVisitor)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ListItem<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = ListItem<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a list item: a string, runs, or {"text": …, "items": [ … ]}"#)
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<ListItem<'de>, E> {
                Ok(ListItem { text: Text::Plain(Cow::Borrowed(v)), items: Vec::new() })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ListItem<'de>, E> {
                Ok(ListItem { text: Text::Plain(Cow::Owned(v.to_owned())), items: Vec::new() })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ListItem<'de>, A::Error> {
                Ok(ListItem { text: TextVisitor.visit_seq(seq)?, items: Vec::new() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListItem<'de>, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Full<'a> {
                    #[serde(borrow)]
                    text: Text<'a>,
                    #[serde(borrow, default)]
                    items: Vec<ListItem<'a>>,
                }
                let item = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ListItem { text: item.text, items: item.items })
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::{format_number, leading_tag, parse, utf8};
    use crate::document::{Block, Error};

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
    fn a_leading_type_is_read_without_the_rest_of_the_block() {
        assert_eq!(leading_tag(r#"{"type":"table","rows":[[1]]}"#), Some("table"));
        assert_eq!(leading_tag(" {\n\t\"type\" :\r \"heading\", \"text\": \"x\"}"), Some("heading"));
        for other in
            [r#"{"text":"x","type":"paragraph"}"#, r#"{"type":5}"#, r#"{"type":"tab\u006ce"}"#, r#"{"type":"a"#]
        {
            assert_eq!(leading_tag(other), None, "{other}");
        }
        // Either way the typed parse reads the whole block: a second `type` is an error.
        let doubled = r#"{"title": "t", "blocks": [{"type": "paragraph", "text": "x", "type": "heading"}]}"#;
        assert!(parse(doubled).is_err());
        let later = r#"{"title": "t", "blocks": [{"text": "x", "type": "paragraph"}]}"#;
        assert!(matches!(parse(later).map(|s| s.blocks), Ok(b) if matches!(b[..], [Block::Paragraph(_)])));
    }

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (42.0, "42"),
            (1e20, "100000000000000000000"),
            (1e21, "1e21"),
            (2.5e-7, "2.5e-7"),
            (0.1 + 0.2, "0.30000000000000004"),
        ];
        for (v, s) in cases {
            assert_eq!(format_number(v), s);
        }
    }
}
