//! Page size and margins: what the JSON `page` field says, and the geometry in points
//! it resolves to.

use snapdf_derive::Model;

use super::model::{Band, Logo, Watermark};
use crate::key::canonical::{Canonical, Encode};

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

/// The JSON `page` object: paper size, orientation, margins, and the running header and
/// footer.
#[derive(Debug, Clone, PartialEq, Model)]
#[model(encode = encode_page)]
pub struct Page<'a> {
    /// `"A3"`, `"A4"`, `"A5"`, `"Letter"`, `"Legal"` (in any letter case), or
    /// `{"width": points, "height": points}`, each side 72 to 14,400 points. Default A4.
    #[model(default, json_default = r#""A4""#)]
    pub size: PageSize,
    /// Named sizes are portrait unless `"landscape"`; a size given in points is as given
    /// unless an orientation is. `"auto"`: portrait, unless a table's columns need more
    /// width than portrait gives (numbers and header words unbroken); then landscape.
    pub orientation: Option<Orientation>,
    /// Space kept free at each edge: one number of points for all sides, or
    /// `{"top", "right", "bottom", "left"}` (a side not given is 50). Default 50.
    pub margins: Option<Margins>,
    /// The running header, in the top margin of every page. Default none.
    #[model(default, nullable)]
    pub header: Band<'a>,
    /// The running footer, in the bottom margin of every page. Default `Page {page} of
    /// {pages}`, centred.
    #[model(default = "Band::default_footer()", nullable, json_default = r#""Page {page} of {pages}""#)]
    pub footer: Band<'a>,
    /// A line of text across every page (or the first), such as `"CONFIDENTIAL"`,
    /// turned along the diagonal, faint, behind the content. Default none.
    pub watermark: Option<Watermark<'a>>,
    /// How `{page}` and `{pages}` are written: `"decimal"` (1, 2, 3; the default),
    /// `"lowerRoman"` (i, ii, iii), `"upperRoman"` (I, II, III), `"lowerAlpha"` (a, b,
    /// c) or `"upperAlpha"`. Roman numerals go to 3,999; a larger number is written in
    /// decimal.
    #[model(default)]
    pub numbering: Numbering,
    /// The header of the first page instead of `header` (`{}` for none there, as on a
    /// cover). Default: `header`.
    pub first_header: Option<Band<'a>>,
    /// The footer of the first page instead of `footer`. Default: `footer`.
    pub first_footer: Option<Band<'a>>,
}

impl Default for Page<'_> {
    fn default() -> Self {
        Page {
            size: PageSize::default(),
            orientation: None,
            margins: None,
            header: Band::default(),
            footer: Band::default_footer(),
            watermark: None,
            numbering: Numbering::Decimal,
            first_header: None,
            first_footer: None,
        }
    }
}

impl Page<'_> {
    /// The geometry in points (range checks happen in validation); with `"auto"`
    /// orientation, the portrait one (see [`Page::turned`] for the other).
    pub fn setup(&self) -> PageSetup {
        self.setup_as(self.orientation)
    }

    /// With `"auto"` orientation, the landscape geometry the layout may turn the page to;
    /// `None` for any other orientation.
    pub fn turned(&self) -> Option<PageSetup> {
        (self.orientation == Some(Orientation::Auto)).then(|| self.setup_as(Some(Orientation::Landscape)))
    }

    /// Every geometry the pages may take: one, or two with `"auto"` orientation.
    pub fn setups(&self) -> impl Iterator<Item = PageSetup> {
        std::iter::once(self.setup()).chain(self.turned())
    }

    fn setup_as(&self, orientation: Option<Orientation>) -> PageSetup {
        let (w, h) = match self.size {
            PageSize::Named(size) => size,
            PageSize::Custom { width, height } => (width, height),
        };
        let (width, height) = match orientation {
            Some(Orientation::Portrait | Orientation::Auto) => (w.min(h), w.max(h)),
            Some(Orientation::Landscape) => (w.max(h), w.min(h)),
            None => (w, h),
        };
        let margins = self.margins.unwrap_or(Margins::uniform(DEFAULT_MARGIN));
        PageSetup { width, height, margins }
    }
}

/// The page in the canonical encoding: its resolved geometry (six numbers of points),
/// then the header and footer, defaults filled in, so that sizes and margins spelled
/// differently but alike encode alike. `"auto"` orientation writes its portrait width
/// negated: a width is at least 72 points, so the encoding stays one-to-one and every
/// other page keeps its key.
fn encode_page(page: &Page, c: &mut Canonical) {
    let PageSetup { width, height, margins: Margins { top, right, bottom, left } } = page.setup();
    let width = if page.turned().is_some() { -width } else { width };
    for v in [width, height, top, right, bottom, left] {
        c.f64(v);
    }
    page.header.encode(c);
    page.footer.encode(c);
    page.watermark.encode(c);
    page.numbering.encode(c);
    page.first_header.encode(c);
    page.first_footer.encode(c);
}

impl Page<'_> {
    /// The header and footer of page `page` (from 1).
    pub fn bands(&self, page: usize) -> (&Band<'_>, &Band<'_>) {
        match page {
            1 => {
                (self.first_header.as_ref().unwrap_or(&self.header), self.first_footer.as_ref().unwrap_or(&self.footer))
            }
            _ => (&self.header, &self.footer),
        }
    }

    /// Every image in the header and footer bands, with its band's and piece's field
    /// names, in the order the PDF numbers them (after the image blocks'): `header`,
    /// `footer`, `firstHeader`, `firstFooter`; each left, center, right.
    pub fn logos(&self) -> Vec<(&'static str, &'static str, &Logo)> {
        let bands = [
            ("header", Some(&self.header)),
            ("footer", Some(&self.footer)),
            ("firstHeader", self.first_header.as_ref()),
            ("firstFooter", self.first_footer.as_ref()),
        ];
        let slots = bands.into_iter().filter_map(|(name, band)| Some((name, band?)));
        let logos = slots.flat_map(|(name, band)| band.slots().map(|(part, slot)| (name, part, slot.image())));
        logos.filter_map(|(band, part, logo)| Some((band, part, logo?))).collect()
    }
}

/// How page and list numbers are written (CSS Counter Styles Level 3, 6.1 and 6.2:
/// `decimal`, `lower-alpha`, `upper-alpha`, `lower-roman`, `upper-roman`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Model)]
pub enum Numbering {
    /// 1, 2, 3.
    #[default]
    Decimal,
    /// a, b, c, … z, aa, ab.
    LowerAlpha,
    /// A, B, C, … Z, AA, AB.
    UpperAlpha,
    /// i, ii, iii.
    LowerRoman,
    /// I, II, III.
    UpperRoman,
}

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageSize {
    /// A named size, portrait (width, height) in points.
    Named((f64, f64)),
    /// A size in points.
    Custom {
        /// The width in points.
        width: f64,
        /// The height in points.
        height: f64,
    },
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize::Named(A4)
    }
}

/// Which way up the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Model)]
pub enum Orientation {
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
    /// Portrait, unless a table is too wide for it (see [`Page::turned`]).
    Auto,
}

/// The named paper sizes, in points, portrait.
pub(crate) const NAMED_SIZES: [(&str, (f64, f64)); 5] =
    [("A3", A3), ("A4", A4), ("A5", A5), ("Letter", LETTER), ("Legal", LEGAL)];
