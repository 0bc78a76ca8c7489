//! JSON text as a tree of values that borrow from the text, read by serde_json.
//!
//! The tree has one hand-written `Deserialize` visitor, so serde_json's parser is
//! instantiated once; the model is then read from the tree by plain functions
//! ([`super::de`]) instead of a derived `Deserialize` per model type (which made up the
//! largest part of the WebAssembly module).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde_json::value::RawValue;

/// A JSON value. Strings without escapes borrow from the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json reads it.
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object: its members in order, a repeated key repeated.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
    /// An array or object nested deeper than serde_json reads ([`MAX_DEPTH`]): its text,
    /// unread. The model has nothing that deep; reading into it is a
    /// "recursion limit exceeded" error ([`depth_error`]).
    Deep(&'a str),
}

/// A JSON number: an integer where the text is one that fits, else a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// A non-negative integer.
    Unsigned(u64),
    /// A negative integer.
    Signed(i64),
    /// A number with a fraction or exponent, or an integer beyond 64 bits.
    Float(f64),
}

impl Number {
    /// The number as a float.
    pub(crate) fn as_f64(self) -> f64 {
        match self {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(n) => n,
        }
    }
}

impl<'v> Json<'v> {
    /// The tree of a value serde_json has read (an option from JavaScript), borrowing
    /// its strings. Recursive: the caller bounds the depth (options nest a few levels).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn of_value(v: &'v serde_json::Value) -> Json<'v> {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Number::Unsigned(u),
                (None, Some(i)) => Number::Signed(i),
                (None, None) => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(items.iter().map(Json::of_value).collect()),
            Value::Object(members) => {
                Json::Object(members.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::of_value(v))).collect())
            }
        }
    }
}

impl Json<'_> {
    /// What the value is, as serde names it in "invalid type" messages.
    pub(crate) fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Json::Null => Unexpected::Unit,
            Json::Bool(b) => Unexpected::Bool(*b),
            Json::Number(Number::Unsigned(n)) => Unexpected::Unsigned(*n),
            Json::Number(Number::Signed(n)) => Unexpected::Signed(*n),
            Json::Number(Number::Float(n)) => Unexpected::Float(*n),
            Json::String(s) => Unexpected::Str(s),
            Json::Array(_) => Unexpected::Seq,
            Json::Object(_) => Unexpected::Map,
            Json::Deep(_) if self.is_array() => Unexpected::Seq,
            Json::Deep(_) => Unexpected::Map,
        }
    }

    /// Whether the value is an array.
    pub(crate) fn is_array(&self) -> bool {
        match self {
            Json::Array(_) => true,
            Json::Deep(text) => text.starts_with('['),
            _ => false,
        }
    }

    /// Whether the value is an object.
    pub(crate) fn is_object(&self) -> bool {
        match self {
            Json::Object(_) => true,
            Json::Deep(text) => text.starts_with('{'),
            _ => false,
        }
    }
}

/// serde_json's recursion limit: it refuses the 128th nested array or object.
pub(crate) const MAX_DEPTH: usize = 127;

/// Parses JSON text (one value, nothing after it but whitespace).
///
/// # Errors
/// serde_json's syntax error, with its line and column.
pub(crate) fn parse(text: &str) -> Result<Json<'_>, serde_json::Error> {
    parse_to(text, MAX_DEPTH)
}

/// The error serde_json gives for `text`, which nests arrays or objects deeper than it
/// reads ("recursion limit exceeded" at the first one too deep); `None` if it does not.
pub(crate) fn depth_error(text: &str) -> Option<serde_json::Error> {
    parse_to(text, usize::MAX).err()
}

/// Parses `text`, keeping arrays and objects nested deeper than `max_depth` unread.
fn parse_to(text: &str, max_depth: usize) -> Result<Json<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed { depth: 0, max_depth }.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Reads one value at `depth` arrays and objects deep.
#[derive(Clone, Copy)]
struct Seed {
    depth: usize,
    max_depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Json<'de>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Seed {
    /// The seed for the elements or member values of this seed's array or object.
    fn inner(self) -> Seed {
        Seed { depth: self.depth + 1, max_depth: self.max_depth }
    }

    /// Whether this seed's array or object is as deep as serde_json reads, so that its
    /// elements are read as text ([`shallow`]).
    fn at_limit(self) -> bool {
        self.depth + 1 >= self.max_depth
    }
}

/// A value read as text at the depth limit: a scalar parsed, an array or object kept
/// as [`Json::Deep`].
fn shallow<E: de::Error>(raw: &RawValue) -> Result<Json<'_>, E> {
    let text = raw.get();
    if text.starts_with(['[', '{']) {
        return Ok(Json::Deep(text));
    }
    parse_to(text, 0).map_err(E::custom)
}

impl<'de> Visitor<'de> for Seed {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(Number::Unsigned(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(Number::Signed(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::Number(Number::Float(v)))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::new();
        if self.at_limit() {
            while let Some(raw) = seq.next_element::<&RawValue>()? {
                items.push(shallow(raw)?);
            }
        } else {
            while let Some(item) = seq.next_element_seed(self.inner())? {
                items.push(item);
            }
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut members = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            let value = if self.at_limit() {
                shallow(map.next_value::<&RawValue>()?)?
            } else {
                map.next_value_seed(self.inner())?
            };
            members.push((key, value));
        }
        Ok(Json::Object(members))
    }
}

/// An object key, borrowed from the text where it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}
