//! The rules and ranges fields declare in the model (`#[model(rule = …, range = …)]`):
//! each check once, with the same rule as a JSON Schema pattern where one can say it.

use super::date::DateTime;
use super::shape::{Range, Rule};
use super::template;

/// Smallest page side and content box side, in points (1 inch).
pub(crate) const MIN_SIDE: f64 = 72.0;
/// Largest page side in points: 200 inches, the PDF 1.7 implementation limit
/// (PDF 32000-1:2008, Annex C.2).
pub(crate) const MAX_SIDE: f64 = 14_400.0;

/// A heading level: 1 (largest) to 3.
pub(crate) static HEADING_LEVEL: Range = Range { min: 1.0, max: 3.0, noun: "a heading level", unit: "" };

/// A paragraph's line height, as a multiple of the font size.
pub(crate) static LINE_HEIGHT: Range =
    Range { min: 0.8, max: 4.0, noun: "a line height", unit: " times the font size" };

/// A font size in points: from half a point (a footnote mark on a poster) to 400 (a
/// headline across A3).
pub(crate) static FONT_SIZE: Range = Range { min: 0.5, max: 400.0, noun: "a size in points", unit: "" };

/// An opacity: 0 (invisible) to 1 (opaque).
pub(crate) static OPACITY: Range = Range { min: 0.0, max: 1.0, noun: "an opacity", unit: "" };

/// An angle in degrees, counter-clockwise.
pub(crate) static ANGLE: Range = Range { min: -360.0, max: 360.0, noun: "an angle", unit: " degrees" };

/// Space above or below a block, in points.
pub(crate) static SPACE: Range = Range { min: 0.0, max: 1000.0, noun: "a space", unit: " points" };

/// The longest name of a named style, in bytes.
pub(crate) const MAX_STYLE_NAME: usize = 64;

/// A named style's name: 1 to 64 ASCII letters, digits, `-` or `_`, as a CSS class
/// name is usually written.
pub(crate) static STYLE_NAME: Rule = Rule {
    name: "a style name",
    check: |s| {
        if !s.is_empty()
            && s.len() <= MAX_STYLE_NAME
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            Ok(())
        } else {
            Err(format!("`{s}` is not a style name (1 to {MAX_STYLE_NAME} letters, digits, `-` or `_`)"))
        }
    },
    pattern: Some("^[A-Za-z0-9_-]{1,64}$"),
};

/// A language tag (BCP 47, RFC 5646, as PDF's `/Lang` and HTML's `lang` take it): a
/// primary language subtag of 2 or 3 letters (ISO 639), then subtags of 1 to 8
/// letters or digits after hyphens, such as `en`, `de-CH`, `zh-Hant-TW`, `ar`.
pub(crate) static LANGUAGE: Rule = Rule {
    name: "a language tag",
    check: |s| {
        let mut parts = s.split('-');
        let primary = parts.next().unwrap_or("");
        let ok = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_alphabetic())
            && s.len() <= 35
            && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if ok { Ok(()) } else { Err(format!("`{s}` is not a language tag such as `en`, `de-CH` or `ar` (BCP 47)")) }
    },
    pattern: Some("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"),
};

/// A spacer's height in points.
pub(crate) static SPACER_HEIGHT: Range = Range { min: 0.0, max: 1000.0, noun: "a spacer height", unit: " points" };

/// A table cell's `colSpan`: the columns it covers (whether they are in the table is
/// checked with the table, which has at most `Limits::max_columns`, 100 by default).
pub(crate) static COL_SPAN: Range = Range { min: 1.0, max: 100.0, noun: "a column span", unit: " columns" };

/// A table cell's `rowSpan`: the rows it covers (whether they are in the table is
/// checked with the table). At most 1,000: laying out a span takes time that grows with
/// the square of its rows (an outside probe: 40,000 rows under one span took 18 s).
pub(crate) static ROW_SPAN: Range = Range { min: 1.0, max: 1000.0, noun: "a row span", unit: " rows" };

/// The width of a table's lines in points.
pub(crate) static BORDER_WIDTH: Range = Range { min: 0.1, max: 10.0, noun: "a line width", unit: " points" };

/// The width of a side of a box's border in points (0: no line on that side).
pub(crate) static BOX_BORDER: Range = Range { min: 0.0, max: 50.0, noun: "a border width", unit: " points" };

/// The height of an image in a header or footer, in points.
pub(crate) static LOGO_HEIGHT: Range = Range { min: 1.0, max: 400.0, noun: "a logo height", unit: " points" };

/// The radius of a box's corners in points.
pub(crate) static RADIUS: Range = Range { min: 0.0, max: 100.0, noun: "a corner radius", unit: " points" };

/// A width in points (a column, an image): at least 1 point.
pub(crate) static WIDTH_POINTS: Range = Range { min: 1.0, max: MAX_SIDE, noun: "a width", unit: " points" };

/// A width in percent of the content width: at least 0.1 %.
pub(crate) static WIDTH_PERCENT: Range = Range { min: 0.1, max: 100.0, noun: "a width", unit: "%" };

/// A chart's height in points: at least an inch.
pub(crate) static CHART_HEIGHT: Range = Range { min: MIN_SIDE, max: MAX_SIDE, noun: "a chart height", unit: " points" };

/// The largest magnitude of a chart value: as for metrics, within the 2^53 where f64
/// counts exactly, so that stacked sums stay exact for whole numbers.
pub(crate) const CHART_MAX_VALUE: f64 = 1e15;

/// A QR code's side in points: at least half an inch.
pub(crate) static QR_SIDE: Range = Range { min: 36.0, max: MAX_SIDE, noun: "a QR code size", unit: " points" };

/// The most bytes a QR code holds: 2,953 at level L in version 40 (ISO/IEC 18004,
/// table 7); what a level holds is checked with the code.
pub(crate) const QR_MAX_BYTES: usize = 2953;

/// A QR code's text: not empty, and no more bytes than the largest code holds.
pub(crate) static QR_DATA: Rule = Rule {
    name: "QR code data",
    check: |s| match s.len() {
        0 => Err("must not be empty".to_owned()),
        n if n > QR_MAX_BYTES => {
            Err(format!("is {n} bytes of UTF-8, more than a QR code holds ({QR_MAX_BYTES} bytes at level L)"))
        }
        _ => Ok(()),
    },
    pattern: Some("."),
};

/// A side of the page in points.
pub(crate) static PAGE_SIDE: Range = Range { min: MIN_SIDE, max: MAX_SIDE, noun: "a page side", unit: " points" };

/// A margin in points (whether the content box keeps [`MIN_SIDE`] is checked on the
/// page as a whole).
pub(crate) static MARGIN: Range = Range { min: 0.0, max: MAX_SIDE, noun: "a margin", unit: " points" };

/// URL schemes a link may use: no `javascript:`, `file:` or `data:`, which a PDF reader
/// might run or open. A link may also be `#id` of a heading.
pub(crate) const SCHEMES: [&str; 3] = ["http:", "https:", "mailto:"];

/// Whether `s` starts with `http:`, `https:` or `mailto:`, in any letter case (the
/// schemes a link may use besides `#id`).
pub fn is_link_url(s: &str) -> bool {
    SCHEMES.iter().any(|p| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// [`SCHEMES`] and `#`, as the JSON Schema pattern of a link (ECMA-262 has no
/// case-insensitive flag in a pattern, so each letter is a class).
pub(crate) const LINK_PATTERN: &str = "^(#|[hH][tT][tT][pP][sS]?:|[mM][aA][iI][lL][tT][oO]:)";

/// Not empty, nor only white space.
pub(crate) static NONBLANK: Rule = Rule {
    name: "not blank",
    check: |s| if s.trim().is_empty() { Err("must not be empty".to_owned()) } else { Ok(()) },
    // `\S`: a character that is not white space (ECMA-262's WhiteSpace and
    // LineTerminator, close to Rust's `char::is_whitespace`).
    pattern: Some(r"\S"),
};

/// An ISO 8601 date, or date and time with `Z` or an offset.
pub(crate) static DATE: Rule = Rule {
    name: "an ISO 8601 date",
    check: |s| match DateTime::parse(s) {
        Some(_) => Ok(()),
        None => Err(format!("`{s}` is not an ISO 8601 date such as 2024-05-01 or 2024-05-01T09:30:00Z")),
    },
    pattern: Some(DateTime::PATTERN),
};

/// `type/subtype` with RFC 6838 restricted-name characters, parameters allowed.
pub(crate) static MEDIA_TYPE: Rule = Rule {
    name: "a media type",
    check: |s| {
        if is_media_type(s) {
            Ok(())
        } else {
            Err(format!("`{s}` is not a media type such as application/pdf (RFC 6838: type/subtype)"))
        }
    },
    pattern: Some(r"^\s*[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}\s*(;.*)?$"),
};

/// A SHA-256 digest: 64 hexadecimal digits.
pub(crate) static SHA256: Rule = Rule {
    name: "a SHA-256 digest",
    check: |s| {
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(())
        } else {
            Err("is not a SHA-256 digest (64 hexadecimal digits)".to_owned())
        }
    },
    pattern: Some("^[0-9a-fA-F]{64}$"),
};

/// A header or footer template: known placeholders, braces paired.
pub(crate) static TEMPLATE: Rule =
    Rule { name: "placeholders of a header or footer", check: template::check, pattern: None };

/// `type/subtype` with RFC 6838 restricted-name characters, parameters allowed.
fn is_media_type(s: &str) -> bool {
    let essence = s.split(';').next().unwrap_or("").trim();
    let name = |p: &str| {
        !p.is_empty() && p.len() <= 127 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    matches!(essence.split_once('/'), Some((t, sub)) if name(t) && name(sub))
}
