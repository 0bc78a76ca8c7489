//! The values whose JSON form is written by hand rather than derived: text (a string or
//! runs), a cell, a width, a colour, base64 bytes, a page size, margins and font names.
//! Each is read, encoded, walked and described here, once.

use std::borrow::Cow;

use serde_json::{Value, json};

use super::Error;
use super::attachment::{self, Attachment};
use super::json::{Json, Number};
use super::model::{Cell, ChartX, Color, ColumnWidth, Logo, Run, Slot, Style, StyledCell, TableCell, Text};
use super::page::{DEFAULT_MARGIN, Margins, NAMED_SIZES, PageSize};
use super::read::{At, Read, float, invalid, invalid_type, invalid_value, object, optional, seq, string};
use super::rules::{MARGIN, PAGE_SIDE, STYLE_NAME, WIDTH_PERCENT, WIDTH_POINTS};
use super::shape::{CustomShape, Describe, Role, Rules, Shape};
use super::walk::{Visitor, Walk};
use crate::key::canonical::{Canonical, Encode};

/// A schema reference to a named type.
fn reference(shape: fn() -> Shape) -> Value {
    json!({ "$ref": format!("#/$defs/{}", shape().name().unwrap_or_default()) })
}

impl<'a> Read<'a> for Text<'a> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        match v {
            Json::String(s) => Ok(Text::Plain(s)),
            v if v.is_array() => Ok(Text::Runs(seq(v, at, Run::read)?)),
            other => Err(invalid_type(
                &other,
                r#"text: a string, or an array of runs (strings or {"text": …, "bold": true, …})"#,
                at,
            )),
        }
    }

    fn accepts(v: &Json) -> bool {
        matches!(v, Json::String(_)) || v.is_array()
    }
}

impl Encode for Text<'_> {
    /// 0 and the string, or 1 and the runs.
    fn encode(&self, c: &mut Canonical) {
        match self {
            Text::Plain(s) => {
                c.uint(0);
                c.str(s);
            }
            Text::Runs(runs) => {
                c.uint(1);
                runs.encode(c);
            }
        }
    }
}

impl Walk for Text<'_> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        match self {
            Text::Plain(s) => visitor.string(s, at, rules),
            Text::Runs(runs) => runs.walk(visitor, at, rules),
        }
    }
}

impl Describe for Text<'_> {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "Text",
            doc: "A string, or runs (each a string or a styled piece of text) set one after the other.",
            schema: || json!({ "anyOf": [{ "type": "string" }, { "type": "array", "items": reference(Run::shape) }] }),
            typescript: "string | Run[]",
            refers_to: &[Run::shape],
        })
    }
}

impl<'a> Read<'a> for Cell<'a> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
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

    fn accepts(v: &Json) -> bool {
        !v.is_array() && !v.is_object()
    }
}

impl<'a> Read<'a> for TableCell<'a> {
    /// A value, or an object (which, saying nothing but its `text`, is that value).
    #[inline]
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        if v.is_object() {
            let styled = StyledCell::read(v, at)?;
            return Ok(if styled.is_plain() {
                TableCell::Plain(styled.text)
            } else {
                TableCell::Styled(Box::new(styled))
            });
        }
        if !Cell::accepts(&v) {
            return Err(invalid_type(
                &v,
                r##"a cell: a string, number, boolean, null or {"text": …, "colSpan": n, "rowSpan": n, "fill": "#rrggbb", …}"##,
                at,
            ));
        }
        Cell::read(v, at).map(TableCell::Plain)
    }
}

impl Encode for TableCell<'_> {
    /// A plain cell as its value (tags 0 to 3, as before cells had spans and styles),
    /// any other as 4 and then its fields.
    #[inline]
    fn encode(&self, c: &mut Canonical) {
        match self {
            TableCell::Plain(cell) => cell.encode(c),
            TableCell::Styled(s) => {
                c.uint(4);
                s.encode(c);
            }
        }
    }
}

impl Walk for TableCell<'_> {
    #[inline]
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        match self {
            TableCell::Plain(cell) => cell.walk(visitor, at, rules),
            TableCell::Styled(s) => s.walk(visitor, at, rules),
        }
    }
}

impl Describe for TableCell<'_> {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "TableCell",
            doc: "A table cell: a string, number, boolean or null, or an object with its spans and style.",
            schema: || json!({ "anyOf": [reference(Cell::shape), reference(StyledCell::shape)] }),
            typescript: "Cell | StyledCell",
            refers_to: &[Cell::shape, StyledCell::shape],
        })
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

impl Encode for Cell<'_> {
    /// The variant's index (text 0, number 1, boolean 2, null 3), then its value.
    fn encode(&self, c: &mut Canonical) {
        match self {
            Cell::Text(s) | Cell::Number(s) => {
                c.uint(if self.is_number() { 1 } else { 0 });
                c.str(s);
            }
            Cell::Bool(b) => {
                c.uint(2);
                c.bool(*b);
            }
            Cell::Empty => c.uint(3),
        }
    }
}

impl Walk for Cell<'_> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        if let Cell::Text(s) = self {
            visitor.string(s, at, rules);
        }
    }
}

impl Describe for Cell<'_> {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "Cell",
            doc: "A cell: a string, a number (aligned right by default, printed as JavaScript prints it), a \
                  boolean, or null (empty).",
            schema: || json!({ "anyOf": [{ "type": "string" }, { "type": "number" }, { "type": "boolean" }, { "type": "null" }] }),
            typescript: "string | number | boolean | null",
            refers_to: &[],
        })
    }
}

impl<'a> Read<'a> for ChartX<'a> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        match v {
            Json::String(s) => Ok(ChartX::Column(s)),
            v if v.is_array() => Ok(ChartX::Values(Vec::read(v, at)?)),
            other => Err(invalid_type(&other, "x values (an array of numbers or dates) or a column name", at)),
        }
    }

    fn accepts(v: &Json) -> bool {
        matches!(v, Json::String(_)) || v.is_array()
    }
}

impl Encode for ChartX<'_> {
    /// 0 and the values, or 1 and the column's name.
    fn encode(&self, c: &mut Canonical) {
        match self {
            ChartX::Values(values) => {
                c.uint(0);
                values.encode(c);
            }
            ChartX::Column(name) => {
                c.uint(1);
                c.str(name);
            }
        }
    }
}

impl Walk for ChartX<'_> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        match self {
            ChartX::Values(values) => values.walk(visitor, at, rules),
            ChartX::Column(name) => visitor.string(name, at, rules),
        }
    }
}

impl Describe for ChartX<'_> {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "ChartX",
            doc: "A chart's x values (numbers, or ISO 8601 dates and times), or with rows the name of the column \
                  that holds them.",
            schema: || {
                json!({ "anyOf": [
                    { "type": "string" },
                    { "type": "array", "items": { "anyOf": [{ "type": "number" }, { "type": "string" }] } },
                ] })
            },
            typescript: "string | (number | string)[]",
            refers_to: &[],
        })
    }
}

/// Reads a width: points, `"25%"`, or `"auto"` or null (`None`).
pub(super) fn width(v: Json, at: &At) -> Result<Option<ColumnWidth>, Error> {
    const EXPECTED: &str = r#"a width: points (a number), a percentage such as "25%", or "auto""#;
    match &v {
        Json::Null => Ok(None),
        Json::Number(n) => Ok(Some(ColumnWidth::Points(n.as_f64()))),
        Json::String(s) if s == "auto" => Ok(None),
        Json::String(s) => s
            .strip_suffix('%')
            // ASCII white space only, as the schema's pattern says (`\s` differs
            // between ECMA-262 and Rust: U+FEFF, U+0085).
            .and_then(|p| p.trim_matches(|c: char| c.is_ascii_whitespace()).parse::<f64>().ok())
            .filter(|p| p.is_finite())
            .map(|p| Some(ColumnWidth::Percent(p)))
            .ok_or_else(|| invalid_value(&v, EXPECTED, at)),
        other => Err(invalid_type(other, EXPECTED, at)),
    }
}

impl Encode for ColumnWidth {
    /// 0 and points, or 1 and percent.
    fn encode(&self, c: &mut Canonical) {
        let (index, v) = match *self {
            ColumnWidth::Points(v) => (0, v),
            ColumnWidth::Percent(v) => (1, v),
        };
        c.uint(index);
        c.f64(v);
    }
}

impl Walk for ColumnWidth {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, _: &'static Rules) {
        match *self {
            ColumnWidth::Points(v) => visitor.number(v, at, &WIDTH_POINTS),
            ColumnWidth::Percent(v) => visitor.number(v, at, &WIDTH_PERCENT),
        }
    }
}

impl Describe for ColumnWidth {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "Width",
            doc: "A width: points (1 to 14,400), a percentage of the content width as a string (\"25%\", 0.1 to \
                  100), or \"auto\".",
            schema: || {
                json!({ "anyOf": [
                    { "type": "number", "minimum": WIDTH_POINTS.min, "maximum": WIDTH_POINTS.max },
                    { "type": "string", "pattern": r"^[ \t\n\f\r]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\f\r]*%$" },
                    { "const": "auto" },
                ] })
            },
            typescript: "number | `${number}%` | 'auto'",
            refers_to: &[],
        })
    }
}

impl<'a> Read<'a> for Color {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        const EXPECTED: &str = r##"a colour "#rrggbb" or "#rgb""##;
        match &v {
            Json::String(s) => Color::parse(s).ok_or_else(|| invalid_value(&v, EXPECTED, at)),
            other => Err(invalid_type(other, EXPECTED, at)),
        }
    }
}

impl Encode for Color {
    /// Its three bytes, red, green, blue.
    fn encode(&self, c: &mut Canonical) {
        c.fixed(&[self.r, self.g, self.b]);
    }
}

impl Walk for Color {
    fn walk(&self, _: &mut dyn Visitor, _: &At, _: &'static Rules) {}
}

impl Describe for Color {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "Color",
            doc: "An sRGB colour, \"#rrggbb\" or \"#rgb\" (CSS Color Module Level 4, 5.2).",
            schema: || json!({ "type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$" }),
            typescript: "`#${string}`",
            refers_to: &[],
        })
    }
}

impl<'a> Read<'a> for Attachment {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        attachment::read(v, at)
    }
}

impl Encode for Attachment {
    /// Its 32 SHA-256 bytes: the key changes with any byte without hashing them again.
    fn encode(&self, c: &mut Canonical) {
        c.fixed(&self.sha256);
    }
}

impl Walk for Attachment {
    fn walk(&self, _: &mut dyn Visitor, _: &At, _: &'static Rules) {}
}

impl Describe for Attachment {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "Base64",
            doc: "Bytes as base64 (RFC 4648, section 4), with or without `=` padding.",
            schema: || {
                json!({
                    "type": "string",
                    "contentEncoding": "base64",
                    "pattern": "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}(==)?|[A-Za-z0-9+/]{3}=?)?$",
                })
            },
            typescript: "string",
            refers_to: &[],
        })
    }
}

const SIZE_EXPECTED: &str = r#""A3", "A4", "A5", "Letter", "Legal" or {"width": points, "height": points}"#;

impl<'a> Read<'a> for PageSize {
    /// A name (in any letter case), or `{"width": points, "height": points}`.
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        match v {
            Json::String(ref name) => NAMED_SIZES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|&(_, size)| PageSize::Named(size))
                .ok_or_else(|| invalid_value(&v, SIZE_EXPECTED, at)),
            v if v.is_object() => {
                let mut obj = object(v, at, "", &["width", "height"])?;
                let (mut width, mut height) = (None, None);
                while let Some((name, v)) = obj.next()? {
                    match name {
                        "width" => width = Some(float(v, &at.key(name))?),
                        _ => height = Some(float(v, &at.key(name))?), // `height`
                    }
                }
                Ok(PageSize::Custom { width: obj.required(width, "width")?, height: obj.required(height, "height")? })
            }
            other => Err(invalid_type(&other, SIZE_EXPECTED, at)),
        }
    }
}

impl Walk for PageSize {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, _: &'static Rules) {
        if let PageSize::Custom { width, height } = *self {
            visitor.number(width, &at.key("width"), &PAGE_SIDE);
            visitor.number(height, &at.key("height"), &PAGE_SIDE);
        }
    }
}

impl Describe for PageSize {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "PageSize",
            doc: "A named paper size (ISO 216 A3 to A5, US Letter and Legal) or a size in points.",
            schema: || {
                let side = json!({ "type": "number", "minimum": PAGE_SIDE.min, "maximum": PAGE_SIDE.max });
                let names: Vec<&str> = NAMED_SIZES.iter().map(|(n, _)| *n).collect();
                // Any letter case, as the reader takes them (ECMA-262 patterns have no
                // case-insensitive flag, so each letter is a class).
                let any_case: Vec<String> = names
                    .iter()
                    .map(|n| {
                        n.chars()
                            .map(|c| match (c.to_ascii_uppercase(), c.to_ascii_lowercase()) {
                                (upper, lower) if upper == lower => c.to_string(),
                                (upper, lower) => format!("[{upper}{lower}]"),
                            })
                            .collect()
                    })
                    .collect();
                json!({ "anyOf": [
                    { "enum": names },
                    { "type": "string", "pattern": format!("^({})$", any_case.join("|")) },
                    { "type": "object", "properties": { "width": side, "height": side },
                      "required": ["width", "height"], "additionalProperties": false },
                ] })
            },
            typescript: "'A3' | 'A4' | 'A5' | 'Letter' | 'Legal' | 'a3' | 'a4' | 'a5' | 'letter' | 'legal' | 'LETTER' \
                         | 'LEGAL' | { width: number; height: number }",
            refers_to: &[],
        })
    }
}

const SIDES: [&str; 4] = ["top", "right", "bottom", "left"];

impl<'a> Read<'a> for Margins {
    /// One number for all sides, or the sides (each 50 if not given or null).
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        match v {
            Json::Number(n) => Ok(Margins::uniform(n.as_f64())),
            v if v.is_object() => {
                let mut obj = object(v, at, "", &SIDES)?;
                let mut m = Margins::uniform(DEFAULT_MARGIN);
                while let Some((name, v)) = obj.next()? {
                    let side = optional(v, &at.key(name), float)?.unwrap_or(DEFAULT_MARGIN);
                    match name {
                        "top" => m.top = side,
                        "right" => m.right = side,
                        "bottom" => m.bottom = side,
                        _ => m.left = side, // `left`
                    }
                }
                Ok(m)
            }
            other => Err(invalid_type(
                &other,
                "points (a number) or {\"top\", \"right\", \"bottom\", \"left\"} in points",
                at,
            )),
        }
    }
}

impl Walk for Margins {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, _: &'static Rules) {
        let sides = [self.top, self.right, self.bottom, self.left];
        if sides.iter().all(|&s| s == self.top) {
            visitor.number(self.top, at, &MARGIN); // one number, or four alike
            return;
        }
        for (name, side) in SIDES.into_iter().zip(sides) {
            visitor.number(side, &at.key(name), &MARGIN);
        }
    }
}

impl Describe for Margins {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "Margins",
            doc: "Margins in points: one number for all sides, or per side (a side not given or null is 50).",
            schema: || {
                let side = json!({ "type": "number", "minimum": MARGIN.min, "maximum": MARGIN.max });
                let nullable = json!({ "anyOf": [side, { "type": "null" }] });
                json!({ "anyOf": [
                    side,
                    { "type": "object", "additionalProperties": false, "properties":
                      { "top": nullable, "right": nullable, "bottom": nullable, "left": nullable } },
                ] })
            },
            typescript: "number | { top?: number | null; right?: number | null; bottom?: number | null; left?: number | null }",
            refers_to: &[],
        })
    }
}

/// The named styles of a snapshot (`styles`), in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NamedStyles<'a>(pub Vec<(Cow<'a, str>, Style)>);

impl NamedStyles<'_> {
    /// The most named styles a snapshot may declare.
    pub const MAX: usize = 256;

    /// The style named `name`.
    pub fn get(&self, name: &str) -> Option<&Style> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }

    /// The names, in the order written.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_ref())
    }
}

/// The rule every style name follows.
static STYLE_NAMES: Rules = Rules { role: Role::Plain, rule: Some(&STYLE_NAME), range: None };

impl<'a> Read<'a> for NamedStyles<'a> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        const EXPECTED: &str = r#"named styles: {"name": {"bold": true, …}, …}"#;
        let members = match v {
            Json::Object(members) => members,
            other => return Err(invalid_type(&other, EXPECTED, at)),
        };
        if members.len() > Self::MAX {
            let message = format!("{} named styles, more than the limit of {}", members.len(), Self::MAX);
            return Err(Error::Limit { path: at.path().to_string(), message });
        }
        let mut styles: Vec<(Cow<'a, str>, Style)> = Vec::with_capacity(members.len());
        for (name, value) in members {
            let here = at.key(&name);
            if styles.iter().any(|(n, _)| *n == name) {
                return Err(invalid(&here, format!("the style `{name}` is declared twice")));
            }
            let style = Style::read(value, &here)?;
            styles.push((name, style));
        }
        Ok(NamedStyles(styles))
    }
}

impl Encode for NamedStyles<'_> {
    /// The count, then each name and style in the order written.
    fn encode(&self, c: &mut Canonical) {
        c.uint(self.0.len() as u64);
        for (name, style) in &self.0 {
            c.str(name);
            style.encode(c);
        }
    }
}

impl Walk for NamedStyles<'_> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        for (name, style) in &self.0 {
            let here = at.key(name);
            visitor.string(name, &here, &STYLE_NAMES);
            style.walk(visitor, &here, rules);
        }
    }
}

impl Describe for NamedStyles<'_> {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "NamedStyles",
            doc: "Named styles: each name (1 to 64 letters, digits, `-` or `_`) and its style, at most 256.",
            schema: || {
                json!({ "type": "object", "maxProperties": NamedStyles::MAX,
                        "propertyNames": { "pattern": STYLE_NAME.pattern },
                        "additionalProperties": reference(Style::shape) })
            },
            typescript: "{ [name: string]: Style }",
            refers_to: &[Style::shape],
        })
    }
}

/// Reads a font name or an array of font names.
pub(super) fn font_names<'a>(v: Json<'a>, at: &At) -> Result<Vec<Cow<'a, str>>, Error> {
    match v {
        Json::String(name) => Ok(vec![name]),
        v if v.is_array() => seq(v, at, string),
        other => Err(invalid_type(&other, "a font name or an array of font names", at)),
    }
}

/// A font name or a fallback chain of names.
pub(super) fn font_names_shape() -> Shape {
    Shape::Custom(CustomShape {
        name: "FontChain",
        doc: "A font name, or a fallback chain of names (each character from the first font that has it).",
        schema: || json!({ "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }] }),
        typescript: "string | string[]",
        refers_to: &[],
    })
}

impl<'a> Read<'a> for Slot<'a> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        match v {
            Json::Null => Ok(Slot::Empty),
            Json::String(s) => Ok(Slot::Text(s)),
            v if v.is_object() => Ok(Slot::Image(Logo::read(v, at)?)),
            other => {
                Err(invalid_type(&other, r#"text (a string) or an image {"image": base64, "height": points}"#, at))
            }
        }
    }
}

impl Encode for Slot<'_> {
    /// 0 for nothing; 1 and the text (as an optional string encodes, so a band's key is
    /// what it was when a piece could only be text); 2 and the image.
    fn encode(&self, c: &mut Canonical) {
        match self {
            Slot::Empty => c.uint(0),
            Slot::Text(text) => {
                c.uint(1);
                text.encode(c);
            }
            Slot::Image(logo) => {
                c.uint(2);
                logo.encode(c);
            }
        }
    }
}

impl Walk for Slot<'_> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        match self {
            Slot::Empty => {}
            Slot::Text(text) => visitor.string(text, at, rules),
            Slot::Image(logo) => logo.walk(visitor, at, &Rules::NONE),
        }
    }
}

impl Describe for Slot<'_> {
    fn shape() -> Shape {
        Shape::Custom(CustomShape {
            name: "Slot",
            doc: "A piece of a header or footer: text (with `{page}`, `{pages}`, `{title}`, `{date}`), or an image \
                  `{\"image\": base64, \"height\": points}`.",
            schema: || json!({ "anyOf": [{ "type": "string" }, reference(Logo::shape)] }),
            typescript: "string | Logo",
            refers_to: &[Logo::shape],
        })
    }
}

/// Reads points for every side of a box: one number, or `[top, right, bottom, left]`.
pub(super) fn edges(v: Json, at: &At) -> Result<Vec<f64>, Error> {
    const EXPECTED: &str = "points (a number) or [top, right, bottom, left] in points";
    match v {
        Json::Number(n) => Ok(vec![n.as_f64()]),
        v if v.is_array() => {
            let sides = seq(v, at, float)?;
            if sides.len() == 4 {
                Ok(sides)
            } else {
                Err(invalid(at, format!("has {} numbers; expected {EXPECTED}", sides.len())))
            }
        }
        other => Err(invalid_type(&other, EXPECTED, at)),
    }
}

/// One number of points, or four: top, right, bottom, left.
pub(super) fn edges_shape() -> Shape {
    Shape::Custom(CustomShape {
        name: "Edges",
        doc: "Points on every side: one number, or [top, right, bottom, left].",
        schema: || {
            json!({ "anyOf": [
                { "type": "number" },
                { "type": "array", "items": { "type": "number" }, "minItems": 4, "maxItems": 4 },
            ] })
        },
        typescript: "number | [number, number, number, number]",
        refers_to: &[],
    })
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
