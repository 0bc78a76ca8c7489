//! Reading the blocks of a snapshot: the `type` picks the block, whose fields are then
//! read in order, an unknown or repeated one refused, as serde's derived `Deserialize`
//! with `deny_unknown_fields` reads them.

use std::borrow::Cow;

use super::de::{expect_object, text};
use super::json::{Json, Number};
use super::model::{
    Align, Block, BulletList, Cell, Column, ColumnWidth, DocumentItem, Documents, Heading, ImageBlock, KeyValue,
    KeyValueItem, ListItem, Marker, NumberedList, Paragraph, Spacer, Table, Text, TextAlign,
};
use super::read::{
    At, Object, boolean, float, invalid, invalid_type, invalid_value, object, optional, seq, string, unsigned, variant,
};
use super::{Error, attachment};

/// An object's members, in order.
type Members<'a> = Vec<(Cow<'a, str>, Json<'a>)>;

/// Reads a block from the members of its object.
type ReadBlock<'a> = fn(Members<'a>, &At) -> Result<Block<'a>, Error>;

/// Reads a block: an object whose `type` names its kind.
pub(super) fn block<'a>(v: Json<'a>, at: &At) -> Result<Block<'a>, Error> {
    let members = expect_object(v, at, "a block")?;
    let Some((_, kind)) = members.iter().find(|(key, _)| key == "type") else {
        return Err(invalid(at, "missing field `type`"));
    };
    let Json::String(kind) = kind else { return Err(invalid_type(kind, "a string", &at.key("type"))) };
    let read: ReadBlock<'a> = match kind.as_ref() {
        "heading" => |m, at| heading(m, at).map(Block::Heading),
        "paragraph" => |m, at| paragraph(m, at).map(Block::Paragraph),
        "bulletList" => |m, at| bullet_list(m, at).map(Block::BulletList),
        "keyValue" => |m, at| key_value(m, at).map(Block::KeyValue),
        "table" => |m, at| table(m, at).map(Block::Table),
        "numberedList" => |m, at| numbered_list(m, at).map(Block::NumberedList),
        "pageBreak" => |m, at| marker(m, at).map(Block::PageBreak),
        "rule" => |m, at| marker(m, at).map(Block::Rule),
        "spacer" => |m, at| spacer(m, at).map(Block::Spacer),
        "documents" => |m, at| documents(m, at).map(Block::Documents),
        "image" => |m, at| image(m, at).map(Block::Image),
        other => {
            let message = format!("unknown block type `{other}`, expected one of {}", Block::TYPES.join(", "));
            return Err(invalid(&at.key("type"), message));
        }
    };
    read(members, at)
}

const HEADING_FIELDS: &[&str] = &["level", "text", "id", "align", "type"];

fn heading<'a>(members: Members<'a>, at: &At) -> Result<Heading<'a>, Error> {
    let mut obj = Object::new(members, at, HEADING_FIELDS);
    let (mut level, mut text, mut id, mut align) = (Heading::DEFAULT_LEVEL, None, None, None);
    while let Some((name, v)) = obj.next()? {
        let at = at.key(name);
        match name {
            "level" => level = unsigned(v, &at, "u8")?,
            "text" => text = Some(string(v, &at)?),
            "id" => id = optional(v, &at, string)?,
            "align" => align = optional(v, &at, text_align)?,
            _ => {} // `type`
        }
    }
    Ok(Heading { level, text: obj.required(text, "text")?, id, align })
}

const PARAGRAPH_FIELDS: &[&str] = &["text", "align", "lineHeight", "type"];

fn paragraph<'a>(members: Members<'a>, at: &At) -> Result<Paragraph<'a>, Error> {
    let mut obj = Object::new(members, at, PARAGRAPH_FIELDS);
    let (mut content, mut align, mut line_height) = (None, None, None);
    while let Some((name, v)) = obj.next()? {
        let at = at.key(name);
        match name {
            "text" => content = Some(text(v, &at)?),
            "align" => align = optional(v, &at, text_align)?,
            "lineHeight" => line_height = optional(v, &at, float)?,
            _ => {} // `type`
        }
    }
    Ok(Paragraph { text: obj.required(content, "text")?, align, line_height })
}

/// The fields of a block with only `items`.
const ITEMS_FIELDS: &[&str] = &["items", "type"];

/// Reads the required `items` of a block with no other field, each with `read`.
fn items_only<'a, T>(
    members: Members<'a>,
    at: &At,
    read: impl Fn(Json<'a>, &At) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let mut obj = Object::new(members, at, ITEMS_FIELDS);
    let mut items = None;
    while let Some((name, v)) = obj.next()? {
        if name == "items" {
            items = Some(seq(v, &at.key(name), &read)?);
        }
    }
    obj.required(items, "items")
}

fn bullet_list<'a>(members: Members<'a>, at: &At) -> Result<BulletList<'a>, Error> {
    Ok(BulletList { items: items_only(members, at, list_item)? })
}

fn key_value<'a>(members: Members<'a>, at: &At) -> Result<KeyValue<'a>, Error> {
    Ok(KeyValue { items: items_only(members, at, key_value_item)? })
}

fn documents<'a>(members: Members<'a>, at: &At) -> Result<Documents<'a>, Error> {
    Ok(Documents { items: items_only(members, at, document_item)? })
}

const NUMBERED_LIST_FIELDS: &[&str] = &["items", "start", "type"];

fn numbered_list<'a>(members: Members<'a>, at: &At) -> Result<NumberedList<'a>, Error> {
    let mut obj = Object::new(members, at, NUMBERED_LIST_FIELDS);
    let (mut items, mut start) = (None, NumberedList::DEFAULT_START);
    while let Some((name, v)) = obj.next()? {
        let at = at.key(name);
        match name {
            "items" => items = Some(seq(v, &at, list_item)?),
            "start" => start = unsigned(v, &at, "u32")?,
            _ => {} // `type`
        }
    }
    Ok(NumberedList { items: obj.required(items, "items")?, start })
}

const MARKER_FIELDS: &[&str] = &["type"];

fn marker(members: Members, at: &At) -> Result<Marker, Error> {
    let mut obj = Object::new(members, at, MARKER_FIELDS);
    while obj.next()?.is_some() {}
    Ok(Marker {})
}

const SPACER_FIELDS: &[&str] = &["height", "type"];

fn spacer(members: Members, at: &At) -> Result<Spacer, Error> {
    let mut obj = Object::new(members, at, SPACER_FIELDS);
    let mut height = Spacer::DEFAULT_HEIGHT;
    while let Some((name, v)) = obj.next()? {
        if name == "height" {
            height = float(v, &at.key(name))?;
        }
    }
    Ok(Spacer { height })
}

const TABLE_FIELDS: &[&str] = &["columns", "rows", "totals", "zebra", "type"];

fn table<'a>(members: Members<'a>, at: &At) -> Result<Table<'a>, Error> {
    let mut obj = Object::new(members, at, TABLE_FIELDS);
    let (mut columns, mut rows, mut totals, mut zebra) = (None, Vec::new(), None, false);
    while let Some((name, v)) = obj.next()? {
        let at = at.key(name);
        match name {
            "columns" => columns = Some(seq(v, &at, column)?),
            "rows" => rows = seq(v, &at, row)?,
            "totals" => totals = optional(v, &at, row)?,
            "zebra" => zebra = boolean(v, &at)?,
            _ => {} // `type`
        }
    }
    Ok(Table { columns: obj.required(columns, "columns")?, rows, totals, zebra })
}

fn row<'a>(v: Json<'a>, at: &At) -> Result<Vec<Cell<'a>>, Error> {
    seq(v, at, cell)
}

const IMAGE_FIELDS: &[&str] = &["data", "width", "caption", "align", "type"];

fn image<'a>(members: Members<'a>, at: &At) -> Result<ImageBlock<'a>, Error> {
    let mut obj = Object::new(members, at, IMAGE_FIELDS);
    let (mut data, mut width, mut caption, mut align) = (None, None, None, None);
    while let Some((name, v)) = obj.next()? {
        let at = at.key(name);
        match name {
            "data" => data = Some(attachment::read(v, &at)?),
            // Not optional: `null` is not a width.
            "width" => width = column_width(v, &at)?,
            "caption" => caption = optional(v, &at, string)?,
            "align" => align = optional(v, &at, column_align)?,
            _ => {} // `type`
        }
    }
    Ok(ImageBlock { data: obj.required(data, "data")?, width, caption, align })
}

const LIST_ITEM_FIELDS: &[&str] = &["text", "items"];

/// Reads a list item: a string, runs, or its text and nested items.
fn list_item<'a>(v: Json<'a>, at: &At) -> Result<ListItem<'a>, Error> {
    match v {
        Json::String(s) => Ok(ListItem { text: Text::Plain(s), items: Vec::new() }),
        v if v.is_array() => Ok(ListItem { text: text(v, at)?, items: Vec::new() }),
        v if v.is_object() => {
            let mut obj = object(v, at, "", LIST_ITEM_FIELDS)?;
            let (mut content, mut items) = (None, Vec::new());
            while let Some((name, v)) = obj.next()? {
                let at = at.key(name);
                match name {
                    "text" => content = Some(text(v, &at)?),
                    _ => items = seq(v, &at, list_item)?, // `items`
                }
            }
            Ok(ListItem { text: obj.required(content, "text")?, items })
        }
        other => Err(invalid_type(&other, r#"a list item: a string, runs, or {"text": …, "items": [ … ]}"#, at)),
    }
}

const KEY_VALUE_ITEM_FIELDS: &[&str] = &["key", "value"];

fn key_value_item<'a>(v: Json<'a>, at: &At) -> Result<KeyValueItem<'a>, Error> {
    let mut obj = object(v, at, "struct KeyValueItem", KEY_VALUE_ITEM_FIELDS)?;
    let (mut key, mut value) = (None, None);
    while let Some((name, v)) = obj.next()? {
        let at = at.key(name);
        match name {
            "key" => key = Some(string(v, &at)?),
            _ => value = Some(cell(v, &at)?), // `value`
        }
    }
    Ok(KeyValueItem { key: obj.required(key, "key")?, value: obj.required(value, "value")? })
}

const DOCUMENT_ITEM_FIELDS: &[&str] = &["name", "mediaType", "size", "sha256", "description", "data"];

fn document_item<'a>(v: Json<'a>, at: &At) -> Result<DocumentItem<'a>, Error> {
    let mut obj = object(v, at, "struct DocumentItem", DOCUMENT_ITEM_FIELDS)?;
    let mut name = None;
    let mut item = DocumentItem {
        name: Cow::Borrowed(""),
        media_type: None,
        size: None,
        sha256: None,
        description: None,
        data: None,
    };
    while let Some((field, v)) = obj.next()? {
        let at = at.key(field);
        match field {
            "name" => name = Some(string(v, &at)?),
            "mediaType" => item.media_type = optional(v, &at, string)?,
            "size" => item.size = optional(v, &at, |v, at| unsigned(v, at, "u64"))?,
            "sha256" => item.sha256 = optional(v, &at, string)?,
            "description" => item.description = optional(v, &at, string)?,
            _ => item.data = optional(v, &at, attachment::read)?, // `data`
        }
    }
    Ok(DocumentItem { name: obj.required(name, "name")?, ..item })
}

/// Reads a table cell or key/value value: a string, number, boolean or null.
fn cell<'a>(v: Json<'a>, at: &At) -> Result<Cell<'a>, Error> {
    Ok(match v {
        Json::String(s) => Cell::Text(s),
        Json::Number(Number::Unsigned(n)) => Cell::Number(Cow::Owned(n.to_string())),
        Json::Number(Number::Signed(n)) => Cell::Number(Cow::Owned(n.to_string())),
        Json::Number(Number::Float(n)) => Cell::Number(Cow::Owned(format_number(n))),
        Json::Bool(b) => Cell::Bool(b),
        Json::Null => Cell::Empty,
        other => return Err(invalid_type(&other, "a string, number, boolean or null", at)),
    })
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

const COLUMN_FIELDS: &[&str] = &["header", "align", "width"];

const COLUMN_EXPECTED: &str =
    r#"a header string or {"header": string, "align": "left" | "center" | "right", "width": points | "25%" | "auto"}"#;

/// Reads a table column: its header, or an object with the header, alignment and width.
fn column<'a>(v: Json<'a>, at: &At) -> Result<Column<'a>, Error> {
    match v {
        Json::String(header) => Ok(Column { header, align: None, width: None }),
        v if v.is_object() => {
            let mut obj = object(v, at, "", COLUMN_FIELDS)?;
            let (mut header, mut align, mut width) = (None, None, None);
            while let Some((name, v)) = obj.next()? {
                let at = at.key(name);
                match name {
                    "header" => header = Some(string(v, &at)?),
                    "align" => align = optional(v, &at, column_align)?,
                    _ => width = optional(v, &at, column_width)?.flatten(), // `width`
                }
            }
            Ok(Column { header: obj.required(header, "header")?, align, width })
        }
        other => Err(invalid_type(&other, COLUMN_EXPECTED, at)),
    }
}

/// Reads a width: points, `"25%"` or `"auto"` (`None`).
fn column_width(v: Json, at: &At) -> Result<Option<ColumnWidth>, Error> {
    const EXPECTED: &str = r#"a width: points (a number), a percentage such as "25%", or "auto""#;
    match &v {
        Json::Number(n) => Ok(Some(ColumnWidth::Points(n.as_f64()))),
        Json::String(s) if s == "auto" => Ok(None),
        Json::String(s) => s
            .strip_suffix('%')
            .and_then(|p| p.trim().parse::<f64>().ok())
            .filter(|p| p.is_finite())
            .map(|p| Some(ColumnWidth::Percent(p)))
            .ok_or_else(|| invalid_value(&v, EXPECTED, at)),
        other => Err(invalid_type(other, EXPECTED, at)),
    }
}

/// Reads a column's or image's alignment.
fn column_align(v: Json, at: &At) -> Result<Align, Error> {
    const ALIGNS: [Align; 3] = [Align::Left, Align::Center, Align::Right];
    Ok(ALIGNS[variant(v, at, &["left", "center", "right"], "enum Align")?])
}

/// Reads a paragraph's or heading's alignment.
fn text_align(v: Json, at: &At) -> Result<TextAlign, Error> {
    const ALIGNS: [TextAlign; 4] = [TextAlign::Left, TextAlign::Center, TextAlign::Right, TextAlign::Justify];
    Ok(ALIGNS[variant(v, at, &["left", "center", "right", "justify"], "enum TextAlign")?])
}

#[cfg(test)]
mod tests {
    use super::format_number;

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
