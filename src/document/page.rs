//! Page size and margins: what the JSON `page` field says, and the geometry in points
//! it resolves to.

use super::Error;
use super::de::band;
use super::json::Json;
use super::model::Band;
use super::read::{At, float, invalid_type, invalid_value, object, optional, variant};

/// Points per millimetre (1 pt = 1/72 in = 25.4/72 mm).
const PT_PER_MM: f64 = 72.0 / 25.4;

/// A4 in points: 210 x 297 mm (ISO 216).
pub const A4: (f64, f64) = (210.0 * PT_PER_MM, 297.0 * PT_PER_MM);
/// A3 in points: 297 x 420 mm (ISO 216).
pub const A3: (f64, f64) = (297.0 * PT_PER_MM, 420.0 * PT_PER_MM);
/// A5 in points: 148 x 210 mm (ISO 216).
pub const A5: (f64, f64) = (148.0 * PT_PER_MM, 210.0 * PT_PER_MM);
/// US Letter in points: 8.5 x 11 in (ANSI/ASME Y14.1).
pub const LETTER: (f64, f64) = (612.0, 792.0);
/// US Legal in points: 8.5 x 14 in (ANSI/ASME Y14.1).
pub const LEGAL: (f64, f64) = (612.0, 1008.0);
/// Default margin on every side: 50 pt (about 17.6 mm).
pub const DEFAULT_MARGIN: f64 = 50.0;

/// The resolved page geometry, in points. Every page of a snapshot has this geometry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Page width in points.
    pub width: f64,
    /// Page height in points.
    pub height: f64,
    /// Space kept free at each edge, in points.
    pub margins: Margins,
}

impl Default for PageSetup {
    /// A4 portrait with 50 pt margins.
    fn default() -> Self {
        PageSetup { width: A4.0, height: A4.1, margins: Margins::uniform(DEFAULT_MARGIN) }
    }
}

/// Margins in points. JSON: one number for all sides, or
/// `{"top": 50, "right": 40, "bottom": 50, "left": 40}` (a missing side is 50).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Top margin in points.
    pub top: f64,
    /// Right margin in points.
    pub right: f64,
    /// Bottom margin in points; the "Page X of Y" footer sits inside it.
    pub bottom: f64,
    /// Left margin in points.
    pub left: f64,
}

impl Margins {
    /// The same margin on all four sides.
    pub fn uniform(points: f64) -> Self {
        Margins { top: points, right: points, bottom: points, left: points }
    }
}

/// The JSON `page` object: `{"size": "A3" | "A4" | "A5" | "Letter" | "Legal" | {"width": pt, "height": pt},
/// "orientation": "portrait" | "landscape", "margins": pt | {…}, "header": band, "footer": band}`
/// (bands: see [`Band`]).
#[derive(Debug, Default)]
pub(crate) struct PageInput<'a> {
    size: PageSize,
    orientation: Orientation,
    margins: Option<Margins>,
    /// The running header; `None` if not given.
    pub(crate) header: Option<Band<'a>>,
    /// The running footer; `None` if not given (then the default footer).
    pub(crate) footer: Option<Band<'a>>,
}

impl PageInput<'_> {
    /// The geometry this input describes (range checks happen in validation).
    pub(crate) fn resolve(&self) -> PageSetup {
        let (w, h) = match self.size {
            PageSize::Named(size) => size,
            PageSize::Custom { width, height } => (width, height),
        };
        let (width, height) = match self.orientation {
            Orientation::Portrait => (w.min(h), w.max(h)),
            Orientation::Landscape => (w.max(h), w.min(h)),
            Orientation::AsGiven => (w, h),
        };
        let margins = self.margins.unwrap_or(Margins::uniform(DEFAULT_MARGIN));
        PageSetup { width, height, margins }
    }
}

/// A paper size.
#[derive(Debug, Clone, Copy)]
enum PageSize {
    /// A named size, portrait (width, height).
    Named((f64, f64)),
    Custom {
        width: f64,
        height: f64,
    },
}

#[derive(Debug, Default, Clone, Copy)]
enum Orientation {
    Portrait,
    Landscape,
    /// No orientation given: named sizes are portrait, custom sizes as given.
    #[default]
    AsGiven,
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize::Named(A4)
    }
}

const PAGE_FIELDS: &[&str] = &["size", "orientation", "margins", "header", "footer"];

/// Reads the JSON `page` object.
pub(super) fn read<'a>(v: Json<'a>, at: &At) -> Result<PageInput<'a>, Error> {
    let mut obj = object(v, at, "struct PageInput", PAGE_FIELDS)?;
    let mut page = PageInput::default();
    while let Some((name, v)) = obj.next()? {
        let at = at.key(name);
        match name {
            "size" => page.size = size(v, &at)?,
            "orientation" => page.orientation = orientation(v, &at)?,
            "margins" => page.margins = optional(v, &at, margins)?,
            "header" => page.header = optional(v, &at, band)?,
            _ => page.footer = optional(v, &at, band)?, // `footer`
        }
    }
    Ok(page)
}

fn orientation(v: Json, at: &At) -> Result<Orientation, Error> {
    const ORIENTATIONS: [Orientation; 2] = [Orientation::Portrait, Orientation::Landscape];
    Ok(ORIENTATIONS[variant(v, at, &["portrait", "landscape"], "enum Orientation")?])
}

const SIZE_EXPECTED: &str = r#""A3", "A4", "A5", "Letter", "Legal" or {"width": points, "height": points}"#;

/// Reads a paper size: a name, or `{"width": points, "height": points}`.
fn size(v: Json, at: &At) -> Result<PageSize, Error> {
    match v {
        Json::String(ref name) => match name.to_ascii_lowercase().as_str() {
            "a3" => Ok(PageSize::Named(A3)),
            "a4" => Ok(PageSize::Named(A4)),
            "a5" => Ok(PageSize::Named(A5)),
            "letter" => Ok(PageSize::Named(LETTER)),
            "legal" => Ok(PageSize::Named(LEGAL)),
            _ => Err(invalid_value(&v, SIZE_EXPECTED, at)),
        },
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

/// Reads margins: one number for all sides, or the sides (each 50 if not given).
fn margins(v: Json, at: &At) -> Result<Margins, Error> {
    match v {
        Json::Number(n) => Ok(Margins::uniform(n.as_f64())),
        v if v.is_object() => {
            let mut obj = object(v, at, "", &["top", "right", "bottom", "left"])?;
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
        other => {
            Err(invalid_type(&other, "points (a number) or {\"top\", \"right\", \"bottom\", \"left\"} in points", at))
        }
    }
}
