//! A watermark: one line of text across the page (CONFIDENTIAL, DRAFT), turned to an
//! angle, in a colour at an opacity, behind or over the content, on every page or the
//! first.

use super::flow::{Flow, Look};
use super::{Font, Rgb, TextItem};
use crate::document::Watermark;

/// The share of the page's diagonal a watermark spans when no size is given.
const DIAGONAL_SHARE: f32 = 0.7;
/// The grey of a watermark without a colour (and without a theme accent).
const GRAY: f32 = 0.5;
/// The height of capitals above the baseline as a share of the size, for centring:
/// Helvetica-Bold.afm's `CapHeight 718` over 1000.
const CAP_HEIGHT: f32 = 0.718;

/// A watermark as laid out: its pieces of text along one baseline, turned about the
/// baseline's start.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedWatermark {
    /// The pieces, one per face: `x` is each one's distance along the baseline from
    /// its start, in points; `y` is 0.
    pub items: Vec<TextItem>,
    /// The start of the baseline on the page, in points.
    pub origin: (f32, f32),
    /// The baseline's angle, in radians counter-clockwise from the x axis.
    pub angle: f32,
    /// The opacity of its fill, 0 (invisible) to 1 (opaque).
    pub opacity: f32,
    /// Painted over the content; else behind it (over the page colour).
    pub over: bool,
    /// Only on the first page; else on every page.
    pub first_page_only: bool,
}

impl<'a> Flow<'a, '_> {
    /// Lays out `w` centred on the page: as large as [`DIAGONAL_SHARE`] of the
    /// diagonal unless a size is given, along the diagonal unless an angle is.
    pub(super) fn watermark(&mut self, w: &'a Watermark<'a>) -> PlacedWatermark {
        let (width, height) = (self.layout.width, self.layout.height);
        let angle = w.angle.map_or_else(|| height.atan2(width), |a| (a as f32).to_radians());
        let unit = Look { font: Font::Bold, size: 1.0, color: Rgb::gray(0.0), word_spacing: 0.0 };
        let per_point = self.label_width(&w.text, &unit);
        // A long text fits at a small size, but never below half a point (the smallest
        // size a style may ask for) nor above 400.
        let fitted = || (DIAGONAL_SHARE * width.hypot(height) / per_point.max(f32::EPSILON)).clamp(0.5, 400.0);
        let size = w.size.map_or_else(fitted, |s| s as f32);
        let accent = self.theme.accent_given();
        let color = w.color.map(super::chart::rgb).or(accent).unwrap_or(Rgb::gray(GRAY));
        let look = Look { font: Font::Bold, size, color, word_spacing: 0.0 };
        let items = self.detached_label(&w.text, &look);
        // The middle of the line of capitals at the page's centre.
        let (half, rise) = (per_point * size / 2.0, CAP_HEIGHT * size / 2.0);
        let (sin, cos) = angle.sin_cos();
        let origin = (width / 2.0 - cos * half + sin * rise, height / 2.0 - sin * half - cos * rise);
        PlacedWatermark {
            items,
            origin,
            angle,
            opacity: w.opacity as f32,
            over: w.over,
            first_page_only: w.first_page_only,
        }
    }

    /// The text items of `text` as a one-line label in `look` with its baseline's
    /// start at (0, 0), on no page.
    fn detached_label(&mut self, text: &str, look: &Look) -> Vec<TextItem> {
        let texts = &self.layout.pages[0].texts;
        let before = texts.len();
        self.label_on(0, text, look, (0.0, 0.0), super::flow::Anchor::Start);
        self.layout.pages[0].texts.drain(before..).collect()
    }
}
