//! The description of the snapshot format: what `#[derive(Model)]` records of each
//! model type (its fields, their documentation, defaults and rules), from which
//! [`super::schema`] writes the JSON Schema and the TypeScript types, and by which
//! validation checks each field (`walk.rs`).

use serde_json::Value;

/// What a model type looks like in JSON.
#[derive(Clone, Copy)]
pub enum Shape {
    /// A string.
    String,
    /// `true` or `false`.
    Boolean,
    /// A non-negative integer no larger than `max`.
    Integer {
        /// The largest value the Rust type holds (`u8::MAX`, …).
        max: u64,
    },
    /// Any JSON number.
    Number,
    /// The value, or `null` for none.
    Optional(fn() -> Shape),
    /// An array of the value.
    Array(fn() -> Shape),
    /// An object with named fields.
    Object(ObjectShape),
    /// An object whose tag field (`type`) picks one of several objects.
    Tagged(TaggedShape),
    /// One of a few names.
    Names(NamesShape),
    /// A type whose JSON form is written by hand: text that is a string or runs, a
    /// cell, a width, a colour, base64 bytes, a page size, margins.
    Custom(CustomShape),
}

impl Shape {
    /// The type's name, for `$defs` and TypeScript, if it is a named type.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Shape::Object(o) => Some(o.name),
            Shape::Tagged(t) => Some(t.name),
            Shape::Names(n) => Some(n.name),
            Shape::Custom(c) => Some(c.name),
            _ => None,
        }
    }
}

/// An object's description.
#[derive(Clone, Copy)]
pub struct ObjectShape {
    /// The Rust type's name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// Its fields, in declaration order.
    pub fields: &'static [Field],
    /// The field a value that is not an object stands for (`"text"`: a run may be a
    /// string).
    pub shorthand: Option<&'static str>,
    /// serde's name for the type in "expected …" messages.
    pub expecting: &'static str,
}

/// A tagged object's description: `{"type": "heading", …}`.
#[derive(Clone, Copy)]
pub struct TaggedShape {
    /// The Rust type's name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// The tag field, `type`.
    pub tag: &'static str,
    /// Each variant: its tag value, doc comment and the object it holds.
    pub variants: &'static [Variant],
}

/// One variant of a tagged object: its tag value (`"heading"`), doc comment and the
/// object it holds.
pub type Variant = (&'static str, &'static str, fn() -> Shape);

/// An enum of names: `"left" | "center" | "right"`.
#[derive(Clone, Copy)]
pub struct NamesShape {
    /// The Rust type's name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// Each name and its doc comment.
    pub names: &'static [(&'static str, &'static str)],
}

/// A type described by hand.
#[derive(Clone, Copy)]
pub struct CustomShape {
    /// The Rust type's name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// Its JSON Schema (2020-12); named types it refers to are `{"$ref": "#/$defs/Name"}`.
    pub schema: fn() -> Value,
    /// Its TypeScript type.
    pub typescript: &'static str,
    /// The named types the schema and the TypeScript type refer to.
    pub refers_to: &'static [fn() -> Shape],
}

/// One field of an object: its name, documentation, default and the rules validation
/// applies to it.
pub struct Field {
    /// The JSON name.
    pub name: &'static str,
    /// The doc comment.
    pub doc: &'static str,
    /// The value's shape.
    pub shape: fn() -> Shape,
    /// Whether the field must be given.
    pub required: bool,
    /// Whether `null` is taken (as the default).
    pub nullable: bool,
    /// The default as JSON text, where it has one to state.
    pub default: Option<&'static str>,
    /// The rules validation applies to it.
    pub rules: Rules,
}

/// The rules a field's values must follow, which the validation walk is given with
/// each value (kept apart from the field's description, so that a build that never
/// writes the schema carries no documentation text).
#[derive(Clone, Copy)]
pub struct Rules {
    /// What the field's strings are.
    pub role: Role,
    /// A rule each of its strings must follow.
    pub rule: Option<&'static Rule>,
    /// The range its numbers must be in.
    pub range: Option<&'static Range>,
}

impl Rules {
    /// No rule: a value whose place declares nothing (the root).
    pub const NONE: Rules = Rules { role: Role::Plain, rule: None, range: None };
}

/// What a string is, for validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Not printed (a font name, a digest): only its rule applies.
    Plain,
    /// Printed: at most `max_text_bytes`, and every character must be in the fonts.
    Text,
    /// A link: an allowed URL scheme, or `#id` of a heading.
    Link,
    /// A heading's id: not empty, unique in the snapshot.
    Anchor,
    /// A block's named style: a key of the snapshot's `styles`.
    BlockStyle,
    /// A run's named style: a key of `styles` whose style gives only what a run takes
    /// (`bold`, `italic`, `color`).
    RunStyle,
}

/// A rule a string must follow, with the same rule as a JSON Schema pattern where one
/// can say it.
pub struct Rule {
    /// What the rule checks, for the schema's list of what it cannot say.
    pub name: &'static str,
    /// The check: `Err` holds the message, in the user's words.
    pub check: fn(&str) -> Result<(), String>,
    /// The rule as an ECMA-262 regular expression, if it can be one.
    pub pattern: Option<&'static str>,
}

/// The range a number must be in, inclusive.
pub struct Range {
    /// The smallest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
    /// What the number is, with its article: "a heading level".
    pub noun: &'static str,
    /// The unit after the range, with its space: " points", "%", "".
    pub unit: &'static str,
}

impl Range {
    /// `Err` with "{v} is not {noun} ({min} to {max}{unit})" if `v` is outside.
    pub fn check(&self, v: f64) -> Result<(), String> {
        if (self.min..=self.max).contains(&v) {
            return Ok(());
        }
        Err(format!("{v} is not {} ({} to {}{})", self.noun, self.min, self.max, self.unit))
    }
}

/// How a model type is described.
pub trait Describe {
    /// The type's shape.
    fn shape() -> Shape;
}

impl Describe for std::borrow::Cow<'_, str> {
    fn shape() -> Shape {
        Shape::String
    }
}

impl Describe for bool {
    fn shape() -> Shape {
        Shape::Boolean
    }
}

impl Describe for f64 {
    fn shape() -> Shape {
        Shape::Number
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Describe for $t {
            fn shape() -> Shape {
                Shape::Integer { max: <$t>::MAX as u64 }
            }
        }
    )*};
}
integers!(u8, u32, u64);

impl<T: Describe> Describe for Option<T> {
    fn shape() -> Shape {
        Shape::Optional(T::shape)
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn shape() -> Shape {
        Shape::Array(T::shape)
    }
}
