//! JSON paths for error messages, in the form `blocks[3].rows[17][2]`.

use std::fmt;

/// A JSON path from the snapshot's root, built while walking it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    /// The root (the empty path).
    pub fn root() -> Self {
        Path(String::new())
    }

    /// The path of field `name` of this object.
    pub fn key(&self, name: &str) -> Self {
        if self.0.is_empty() { Path(name.to_owned()) } else { Path(format!("{}.{name}", self.0)) }
    }

    /// The path of element `i` of this array.
    pub fn index(&self, i: usize) -> Self {
        Path(format!("{}[{i}]", self.0))
    }

    /// This path followed by a relative path in the same notation (`a.b[3]`; "" or `.`
    /// is the empty path).
    pub fn join(&self, rest: &str) -> Self {
        match rest {
            "" | "." => self.clone(),
            _ if self.0.is_empty() => Path(rest.to_owned()),
            _ if rest.starts_with('[') => Path(format!("{}{rest}", self.0)),
            _ => Path(format!("{}.{rest}", self.0)),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.0.is_empty() { f.write_str("(root)") } else { f.write_str(&self.0) }
    }
}
