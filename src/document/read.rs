//! Reading model values from a [`Json`] tree: where a value is, objects field by field,
//! scalars, and errors worded as serde words them.

use std::borrow::Cow;

use serde::de::Error as _;

use super::json::{Json, Number};
use super::{Error, Path};

/// Where a value is in the snapshot, built on the stack while walking the tree and
/// turned into a [`Path`] only for an error.
#[derive(Debug, Clone, Copy)]
pub(crate) enum At<'p> {
    /// The root.
    Root,
    /// Field `name` of the object at the first.
    Key(&'p At<'p>, &'p str),
    /// Element `i` of the array at the first.
    Index(&'p At<'p>, usize),
}

impl<'p> At<'p> {
    /// Field `name` of this object.
    pub(crate) fn key(&'p self, name: &'p str) -> At<'p> {
        At::Key(self, name)
    }

    /// Element `i` of this array.
    pub(crate) fn index(&'p self, i: usize) -> At<'p> {
        At::Index(self, i)
    }

    /// The path, for an error.
    pub(crate) fn path(&self) -> Path {
        match self {
            At::Root => Path::root(),
            At::Key(parent, name) => parent.path().key(name),
            At::Index(parent, i) => parent.path().index(*i),
        }
    }
}

/// serde's wording of a message, as serde_json gives it.
fn serde_message(e: serde_json::Error) -> String {
    e.to_string()
}

/// An [`Error::Invalid`] at `at`.
pub(crate) fn invalid(at: &At, message: impl Into<String>) -> Error {
    Error::invalid(at.path(), message)
}

/// "invalid type: integer `5`, expected a string".
pub(crate) fn invalid_type(v: &Json, expected: &str, at: &At) -> Error {
    invalid(at, serde_message(serde_json::Error::invalid_type(v.unexpected(), &expected)))
}

/// "invalid value: string \"A9\", expected …".
pub(crate) fn invalid_value(v: &Json, expected: &str, at: &At) -> Error {
    invalid(at, serde_message(serde_json::Error::invalid_value(v.unexpected(), &expected)))
}

/// "unknown variant `middle`, expected one of `left`, `center`, `right`": `v` is a
/// string none of `variants` is.
pub(crate) fn unknown_variant(v: &str, variants: &'static [&'static str], at: &At) -> Error {
    invalid(at, serde_message(serde_json::Error::unknown_variant(v, variants)) + &suggestion(v, variants))
}

/// "; did you mean `color`?" when one of `known` is within two edits of `given`
/// (optimal string alignment: a letter added, dropped, changed or two swapped) and closer than
/// any other, else nothing.
pub(crate) fn suggestion(given: &str, known: &[&str]) -> String {
    let meant = |k: &str| format!("; did you mean `{k}`?");
    // A name written in another letter case is the name meant (`"m"` for `"M"`).
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(given)) {
        return meant(k);
    }
    let mut near = known.iter().map(|k| (strsim::osa_distance(given, k), *k)).filter(|&(d, _)| d <= 2);
    let best = near.next().map(|first| {
        near.fold((first, false), |(best, tied), c| match c.0.cmp(&best.0) {
            std::cmp::Ordering::Less => (c, false),
            std::cmp::Ordering::Equal => (best, true),
            std::cmp::Ordering::Greater => (best, tied),
        })
    });
    let close = best.filter(|&((d, _), tied)| !tied && d < given.chars().count());
    match (close, abbreviated(given, known)) {
        (Some(((1, k), _)), _) | (None, Some(k)) => meant(k),
        (Some(_), Some(k)) => meant(k),
        (Some(((_, k), _)), None) => meant(k),
        (None, None) => String::new(),
    }
}

/// The one name of `known` that `given` abbreviates: its letters in order, the first
/// letter the same, at least three of them (`cols` for `columns`, `mono` for
/// `monoFont`); `None` when none or several do.
fn abbreviated<'k>(given: &str, known: &[&'k str]) -> Option<&'k str> {
    let given = given.to_ascii_lowercase();
    if given.chars().count() < 3 {
        return None;
    }
    let abbreviates = |k: &str| {
        let k = k.to_ascii_lowercase();
        let mut rest = k.chars();
        k.chars().next() == given.chars().next() && given.chars().all(|c| rest.any(|r| r == c))
    };
    let mut found = known.iter().filter(|k| k.len() > given.len() && abbreviates(k));
    match (found.next(), found.next()) {
        (Some(k), None) => Some(k),
        _ => None,
    }
}

/// The error for reading into an array or object nested deeper than serde_json reads;
/// [`super::de::parse`] replaces it with serde_json's own, which has the position.
fn too_deep() -> Error {
    Error::Json { line: 0, column: 0, message: "recursion limit exceeded".to_owned() }
}

/// The members of an object, read in order as serde reads a struct with
/// `deny_unknown_fields`: an unknown or repeated field is an error where it occurs.
pub(crate) struct Object<'a, 'p> {
    members: std::vec::IntoIter<(Cow<'a, str>, Json<'a>)>,
    fields: &'static [&'static str],
    /// Bit `i` set: `fields[i]` was read.
    seen: u64,
    /// Where the object is.
    pub(crate) at: &'p At<'p>,
}

impl<'a, 'p> Object<'a, 'p> {
    /// The object `members`, whose fields are `fields` (at most 64).
    pub(crate) fn new(members: Vec<(Cow<'a, str>, Json<'a>)>, at: &'p At<'p>, fields: &'static [&'static str]) -> Self {
        Object { members: members.into_iter(), fields, seen: 0, at }
    }

    /// The next field (its name from `fields`) and value.
    ///
    /// # Errors
    /// "unknown field" or "duplicate field", at the key.
    pub(crate) fn next(&mut self) -> Result<Option<(&'static str, Json<'a>)>, Error> {
        let Some((key, value)) = self.members.next() else { return Ok(None) };
        let Some(i) = self.fields.iter().position(|f| *f == key) else {
            let e = serde_json::Error::unknown_field(&key, self.fields);
            return Err(invalid(&self.at.key(&key), serde_message(e) + &suggestion(&key, self.fields)));
        };
        let name = self.fields[i];
        if self.seen & (1 << i) != 0 {
            return Err(invalid(&self.at.key(name), serde_message(serde_json::Error::duplicate_field(name))));
        }
        self.seen |= 1 << i;
        Ok(Some((name, value)))
    }

    /// `value` if a required field was read, else "missing field `name`" at the object.
    pub(crate) fn required<T>(&self, value: Option<T>, name: &'static str) -> Result<T, Error> {
        value.ok_or_else(|| invalid(self.at, serde_message(serde_json::Error::missing_field(name))))
    }
}

/// Reads an object with fields `fields`; anything else is an "invalid type" error that
/// says `expected`.
///
/// An array reads as the fields in order, as serde's derived `Deserialize` reads a
/// struct (PHP's `json_encode` writes an empty map as `[]`); callers that give an array
/// another meaning test [`Json::is_object`] first.
pub(crate) fn object<'a, 'p>(
    v: Json<'a>,
    at: &'p At<'p>,
    expected: &str,
    fields: &'static [&'static str],
) -> Result<Object<'a, 'p>, Error> {
    match v {
        Json::Object(members) => Ok(Object::new(members, at, fields)),
        Json::Array(items) if items.len() <= fields.len() => {
            let members = fields.iter().map(|name| Cow::Borrowed(*name)).zip(items).collect();
            Ok(Object::new(members, at, fields))
        }
        Json::Array(items) => {
            let n = fields.len();
            Err(invalid(at, format!("invalid length {}, expected {expected} with {n} elements", items.len())))
        }
        Json::Deep(_) if v.is_object() => Err(too_deep()),
        other => Err(invalid_type(&other, expected, at)),
    }
}

/// Reads an array (serde's `Vec`: "expected a sequence").
pub(crate) fn array<'a>(v: Json<'a>, at: &At) -> Result<Vec<Json<'a>>, Error> {
    match v {
        Json::Array(items) => Ok(items),
        Json::Deep(_) if v.is_array() => Err(too_deep()),
        other => Err(invalid_type(&other, "a sequence", at)),
    }
}

/// Reads each element of `items` with `read`, which is given its place. (A table row of
/// cells is collected in place, into the memory of its [`Json`] elements.)
pub(crate) fn each<'a, T>(
    items: Vec<Json<'a>>,
    at: &At,
    mut read: impl FnMut(Json<'a>, &At) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    items.into_iter().enumerate().map(|(i, v)| read(v, &at.index(i))).collect()
}

/// Reads an array, each element with `read`.
pub(crate) fn seq<'a, T>(
    v: Json<'a>,
    at: &At,
    read: impl FnMut(Json<'a>, &At) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    each(array(v, at)?, at, read)
}

/// `None` for null, else the value `read` reads (serde's `Option`).
pub(crate) fn optional<'a, T>(
    v: Json<'a>,
    at: &At,
    read: impl FnOnce(Json<'a>, &At) -> Result<T, Error>,
) -> Result<Option<T>, Error> {
    match v {
        Json::Null => Ok(None),
        v => read(v, at).map(Some),
    }
}

/// Reads a string.
pub(crate) fn string<'a>(v: Json<'a>, at: &At) -> Result<Cow<'a, str>, Error> {
    match v {
        Json::String(s) => Ok(s),
        other => Err(invalid_type(&other, "a string", at)),
    }
}

/// Reads a boolean.
pub(crate) fn boolean(v: Json, at: &At) -> Result<bool, Error> {
    match v {
        Json::Bool(b) => Ok(b),
        other => Err(invalid_type(&other, "a boolean", at)),
    }
}

/// Reads a number as a float (any JSON number).
pub(crate) fn float(v: Json, at: &At) -> Result<f64, Error> {
    match v {
        Json::Number(n) => Ok(n.as_f64()),
        other => Err(invalid_type(&other, "a number", at)),
    }
}

/// Reads a non-negative integer no larger than `T::MAX`; `expected` says which in the
/// user's words ("a whole number from 0 to 255"). A number written with a fraction
/// that is zero (`2.0`, as some JSON writers print whole numbers) is that integer, as
/// it is after `JSON.parse`.
pub(crate) fn unsigned<T: TryFrom<u64>>(v: Json, at: &At, expected: &str) -> Result<T, Error> {
    match v {
        Json::Number(Number::Unsigned(n)) => T::try_from(n).map_err(|_| invalid_value(&v, expected, at)),
        // 2^64 as f64: the first float past u64::MAX.
        Json::Number(Number::Float(f)) if f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f) => {
            T::try_from(f as u64).map_err(|_| invalid_value(&v, expected, at))
        }
        Json::Number(Number::Signed(_) | Number::Float(_)) => Err(invalid_value(&v, expected, at)),
        other => Err(invalid_type(&other, expected, at)),
    }
}

/// Reads a field whose numbers have a `range` with `read`; a number `read` refuses (a
/// fraction, or a value its type cannot hold, for a whole number) is "{v} is not
/// {noun} (a whole number from {min} to {max}{unit})".
pub(crate) fn ranged<'a, T>(
    v: Json<'a>,
    at: &At,
    range: &super::shape::Range,
    read: impl FnOnce(Json<'a>, &At) -> Result<T, Error>,
) -> Result<T, Error> {
    let number = match &v {
        Json::Number(n) => Some(n.as_f64()),
        _ => None,
    };
    read(v, at).map_err(|e| match number {
        Some(n) => {
            let super::shape::Range { noun, min, max, unit } = range;
            invalid(at, format!("{n} is not {noun} (a whole number from {min} to {max}{unit})"))
        }
        None => e,
    })
}

/// Reads one of `variants` (a unit enum's names) as its index; `expected` is serde's
/// name for the enum (`enum Align`).
pub(crate) fn variant(v: Json, at: &At, variants: &'static [&'static str], expected: &str) -> Result<usize, Error> {
    match v {
        Json::String(s) => variants.iter().position(|name| *name == s).ok_or_else(|| unknown_variant(&s, variants, at)),
        other => Err(invalid_type(&other, expected, at)),
    }
}

/// A model value read from the JSON tree. `#[derive(Model)]` writes it for the declared
/// types; the impls here are the leaves.
pub(crate) trait Read<'a>: Sized {
    /// Reads the value at `at`.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming `at`, worded as serde words it.
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error>;

    /// Whether a value of `v`'s kind is read as this type: a shorthand (a run given as
    /// a string) is read only from the kinds its field takes.
    fn accepts(_v: &Json) -> bool {
        true
    }
}

impl<'a> Read<'a> for Cow<'a, str> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        string(v, at)
    }

    fn accepts(v: &Json) -> bool {
        matches!(v, Json::String(_))
    }
}

impl<'a> Read<'a> for bool {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        boolean(v, at)
    }
}

impl<'a> Read<'a> for f64 {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        float(v, at)
    }
}

macro_rules! unsigned_integers {
    ($($t:ty: $expected:literal),*) => {$(
        impl<'a> Read<'a> for $t {
            fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
                unsigned(v, at, $expected)
            }
        }
    )*};
}
unsigned_integers!(u8: "a whole number from 0 to 255", u32: "a whole number from 0 to 4294967295", u64: "a whole number, 0 or more");

impl<'a, T: Read<'a>> Read<'a> for Option<T> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        optional(v, at, T::read)
    }

    fn accepts(v: &Json) -> bool {
        matches!(v, Json::Null) || T::accepts(v)
    }
}

impl<'a, T: Read<'a>> Read<'a> for Vec<T> {
    fn read(v: Json<'a>, at: &At) -> Result<Self, Error> {
        seq(v, at, T::read)
    }

    fn accepts(v: &Json) -> bool {
        v.is_array()
    }
}

/// The members of a tagged object (a block) and the value of its tag field `tag`; a
/// value that is not an object is an error that says it is `what` ("a block").
pub(crate) fn tagged<'a>(v: Json<'a>, at: &At, what: &str, tag: &str) -> Result<(Cow<'a, str>, Members<'a>), Error> {
    let members = expect_object(v, at, what)?;
    let Some((_, kind)) = members.iter().find(|(key, _)| key == tag) else {
        return Err(invalid(at, format!("missing field `{tag}`")));
    };
    let Json::String(kind) = kind else { return Err(invalid_type(kind, "a string", &at.key(tag))) };
    Ok((kind.clone(), members))
}

/// "unknown block type `quote`, expected one of heading, paragraph, …", at the tag.
pub(crate) fn unknown_tag(kind: &str, tag: &str, known: &[&str], at: &At) -> Error {
    let message = format!("unknown block {tag} `{kind}`, expected one of {}", known.join(", "));
    invalid(&at.key(tag), message + &suggestion(kind, known))
}

/// An object's members, in order.
pub(crate) type Members<'a> = Vec<(Cow<'a, str>, Json<'a>)>;

/// The members of `v`, which must be an object: a snapshot or a block (`what`). serde
/// would read a struct from an array (its fields in order), which no one writing a
/// snapshot means.
pub(crate) fn expect_object<'a>(v: Json<'a>, at: &At, what: &str) -> Result<Members<'a>, Error> {
    let found = match v {
        Json::Object(members) => return Ok(members),
        // A snapshot or block is never deep enough to be `Deep`.
        Json::Array(_) | Json::Deep(_) => "an array",
        Json::String(_) => "a string",
        Json::Bool(_) => "a boolean",
        Json::Null => "null",
        Json::Number(_) => "a number",
    };
    Err(invalid(at, format!("{what} is a JSON object {{…}}, not {found}")))
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    #[test]
    fn a_near_name_is_suggested_and_a_far_or_tied_one_is_not() {
        let fields = ["text", "bold", "italic", "mono", "color", "link"];
        assert_eq!(suggestion("colour", &fields), "; did you mean `color`?");
        assert_eq!(suggestion("itlaic", &fields), "; did you mean `italic`?");
        assert_eq!(suggestion("weight", &fields), "");
        // `bold` is one edit from `bond`, `mono` two: the nearer wins.
        assert_eq!(suggestion("bond", &fields), "; did you mean `bold`?");
        // Two letters are two edits from anything of two letters: no guess.
        assert_eq!(suggestion("xy", &["ab", "cd"]), "");
    }
}
