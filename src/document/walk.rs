//! The walk validation makes over a parsed snapshot: every string and every number
//! with a range, each given with its place and the [`Rules`] its field declares.
//!
//! `#[derive(Model)]` writes the walk of every declared type, so a field added to the
//! model reaches the checks (characters against the fonts, links, ranges) without a
//! line of validation code.

use std::borrow::Cow;

use super::read::At;
use super::shape::{Range, Rules};

/// What validation does with each value the walk meets.
pub(crate) trait Visitor {
    /// A string at `at`, which must follow `rules`.
    fn string(&mut self, s: &str, at: &At, rules: &'static Rules);
    /// A number that must be within `range`, at `at`.
    fn number(&mut self, v: f64, at: &At, range: &'static Range);
}

/// A model value validation walks.
pub(crate) trait Walk {
    /// Shows `visitor` every string and ranged number of the value at `at`, whose
    /// field declares `rules`.
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules);
}

impl Walk for Cow<'_, str> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        visitor.string(self, at, rules);
    }
}

impl Walk for bool {
    fn walk(&self, _: &mut dyn Visitor, _: &At, _: &'static Rules) {}
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl Walk for $t {
            fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
                if let Some(range) = rules.range {
                    visitor.number(*self as f64, at, range);
                }
            }
        }
    )*};
}
numbers!(u8, u32, u64, f64);

impl<T: Walk> Walk for Option<T> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        if let Some(v) = self {
            v.walk(visitor, at, rules);
        }
    }
}

impl<T: Walk> Walk for Vec<T> {
    fn walk(&self, visitor: &mut dyn Visitor, at: &At, rules: &'static Rules) {
        for (i, v) in self.iter().enumerate() {
            v.walk(visitor, &at.index(i), rules);
        }
    }
}
