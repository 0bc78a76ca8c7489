//! The snapshot: its model, parsing from JSON, and validation.
//!
//! The format is declared once, in `model.rs` (and `page.rs`): `#[derive(Model)]` writes
//! from it the reader [`parse`] uses, the cache key's encoding, the walk [`validate`]
//! makes and the description [`schema`] writes the JSON Schema and TypeScript types
//! from. [`parse`] turns JSON text into a [`Snapshot`] that borrows its strings from
//! the text; [`validate`] checks the declared rules and ranges and the rules across
//! fields (row widths, page geometry, links to headings, characters the fonts can
//! print). Both report the JSON path of what is wrong, e.g. `blocks[3].rows[17][2]`.

mod attachment;
pub mod chart;
mod date;
mod de;
mod declare;
pub mod grid;
mod json;
mod model;
pub mod nest;
mod page;
mod path;
mod read;
mod rules;
pub mod schema;
pub mod shape;
pub mod template;
mod validate;
mod values;
mod walk;

pub use attachment::Attachment;
pub use date::{DateTime, Time, civil, days_from_civil};
#[cfg(target_arch = "wasm32")]
pub(crate) use de::read_theme;
pub use de::{parse, parse_theme, utf8};
#[cfg(target_arch = "wasm32")]
pub(crate) use json::Json;
pub use model::{
    Align, Band, Block, BorderKind, Borders, BoxBlock, BoxBorder, BulletList, BulletMarker, Cell, ChartBlock,
    ChartKind, ChartX, Color, Column, ColumnWidth, Direction, DocumentItem, Documents, Heading, ImageBlock, KeyValue,
    KeyValueItem, ListItem, Logo, Marker, Metadata, NumberedList, Paragraph, QrBlock, QrLevel, Run, Series, Slot,
    Snapshot, Spacer, Style, StyledCell, SvgBlock, Table, TableCell, Text, TextAlign, Theme, VerticalAlign, Watermark,
    sides,
};
pub use page::{A3, A4, A5, DEFAULT_MARGIN, LEGAL, LETTER, Margins, Numbering, Orientation, Page, PageSetup, PageSize};
pub use path::Path;
pub(crate) use read::At;
pub use rules::is_link_url;
pub use validate::{Limits, check_input_size, check_pages, validate, validate_available};
pub use values::NamedStyles;

/// Why a snapshot was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The input is not well-formed JSON.
    #[error("malformed JSON at line {line} column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser expected.
        message: String,
    },
    /// A value has the wrong type or breaks a rule; `path` names it.
    #[error("{path}: {message}")]
    Invalid {
        /// JSON path of the offending value, e.g. `blocks[3].rows[17][2]`.
        path: String,
        /// What was expected.
        message: String,
    },
    /// Text holds characters that WinAnsiEncoding (the standard fonts) cannot print.
    #[error("{}", unencodable_message(.0))]
    Unencodable(Vec<Unencodable>),
    /// Text holds characters that no supplied font of the snapshot has a glyph for.
    #[error("{}", missing_message(fonts, chars))]
    Missing {
        /// The fonts searched, comma-separated.
        fonts: String,
        /// Each missing character and where it is.
        chars: Vec<Unencodable>,
    },
    /// The snapshot needs what this build of snapdf leaves out: images or supplied
    /// fonts, in a build without the `media` feature (the base module for browsers).
    #[error(
        "{path}: {what} need snapdf's media module, which this build leaves out; \
         in a browser, load it with `init({{ media: true }})`"
    )]
    Unavailable {
        /// JSON path of what needs it: an image's `data`, or `font` (text set in supplied fonts).
        path: String,
        /// What needs it: `images` or `supplied fonts`.
        what: &'static str,
    },
    /// The snapshot is larger than a limit allows.
    #[error("{path}: {message}")]
    Limit {
        /// JSON path of the value over the limit.
        path: String,
        /// The limit and the value found.
        message: String,
    },
}

/// A note about a snapshot that rendered, but not quite as it asked (italic text set
/// upright because no italic face was supplied). The PDF is valid; the warning says what
/// differs, and `path` names the field to change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// JSON path of the field the warning is about, e.g. `font`.
    pub path: String,
    /// What differs from what the snapshot asked, and what to do about it.
    pub message: String,
}

/// A character the standard fonts cannot print, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unencodable {
    /// The character.
    pub ch: char,
    /// JSON path of the string that holds it.
    pub path: String,
}

impl Error {
    pub(crate) fn invalid(path: Path, message: impl Into<String>) -> Self {
        Error::Invalid { path: path.to_string(), message: message.into() }
    }

    /// The JSON path the error names, if it names one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Invalid { path, .. } | Error::Limit { path, .. } | Error::Unavailable { path, .. } => Some(path),
            Error::Unencodable(list) | Error::Missing { chars: list, .. } => list.first().map(|u| u.path.as_str()),
            Error::Json { .. } => None,
        }
    }
}

fn unencodable_message(list: &[Unencodable]) -> String {
    let mut msg =
        String::from("characters outside WinAnsiEncoding (Latin-1), which the standard PDF fonts cannot print:");
    list_characters(&mut msg, list);
    msg.push_str(" replace them, or supply a font that has them and name it in `font`");
    msg
}

fn missing_message(fonts: &str, list: &[Unencodable]) -> String {
    let mut msg = format!("characters no glyph of the fonts {fonts} shows:");
    list_characters(&mut msg, list);
    msg.push_str(" add a font that has them to the `font` chain");
    msg
}

/// Appends up to ten characters with their code points and paths.
fn list_characters(msg: &mut String, list: &[Unencodable]) {
    const SHOWN: usize = 10;
    for u in list.iter().take(SHOWN) {
        msg.push_str(&format!(" '{}' (U+{:04X}) at {};", u.ch, u.ch as u32, u.path));
    }
    if list.len() > SHOWN {
        msg.push_str(&format!(" and {} more;", list.len() - SHOWN));
    }
}
