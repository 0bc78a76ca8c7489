//! Page size and margins: what the JSON `page` field says, and the geometry in points
//! it resolves to.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::model::Band;

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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageInput<'a> {
    #[serde(default)]
    size: PageSize,
    #[serde(default)]
    orientation: Orientation,
    #[serde(default)]
    margins: Option<Margins>,
    /// The running header; `None` if not given.
    #[serde(borrow, default)]
    pub(crate) header: Option<Band<'a>>,
    /// The running footer; `None` if not given (then the default footer).
    #[serde(borrow, default)]
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

#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Orientation {
    Portrait,
    Landscape,
    /// No orientation given: named sizes are portrait, custom sizes as given.
    #[default]
    #[serde(skip)]
    AsGiven,
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize::Named(A4)
    }
}

impl<'de> Deserialize<'de> for PageSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SizeVisitor;
        impl<'de> Visitor<'de> for SizeVisitor {
            type Value = PageSize;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#""A3", "A4", "A5", "Letter", "Legal" or {"width": points, "height": points}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PageSize, E> {
                match v.to_ascii_lowercase().as_str() {
                    "a3" => Ok(PageSize::Named(A3)),
                    "a4" => Ok(PageSize::Named(A4)),
                    "a5" => Ok(PageSize::Named(A5)),
                    "letter" => Ok(PageSize::Named(LETTER)),
                    "legal" => Ok(PageSize::Named(LEGAL)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PageSize, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Dims {
                    width: f64,
                    height: f64,
                }
                let d = Dims::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(PageSize::Custom { width: d.width, height: d.height })
            }
        }
        deserializer.deserialize_any(SizeVisitor)
    }
}

impl<'de> Deserialize<'de> for Margins {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MarginsVisitor;
        impl<'de> Visitor<'de> for MarginsVisitor {
            type Value = Margins;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("points (a number) or {\"top\", \"right\", \"bottom\", \"left\"} in points")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Margins, E> {
                Ok(Margins::uniform(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Margins, E> {
                Ok(Margins::uniform(v as f64))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Margins, E> {
                Ok(Margins::uniform(v as f64))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Margins, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Sides {
                    top: Option<f64>,
                    right: Option<f64>,
                    bottom: Option<f64>,
                    left: Option<f64>,
                }
                let s = Sides::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let d = DEFAULT_MARGIN;
                Ok(Margins {
                    top: s.top.unwrap_or(d),
                    right: s.right.unwrap_or(d),
                    bottom: s.bottom.unwrap_or(d),
                    left: s.left.unwrap_or(d),
                })
            }
        }
        deserializer.deserialize_any(MarginsVisitor)
    }
}
