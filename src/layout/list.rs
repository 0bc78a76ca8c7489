//! Lists: items set in an indent after their marks (bullets, or numbers written as
//! decimals, letters or Roman numerals), nested lists one level deeper.

use std::borrow::Cow;

use super::flow::Flow;
use super::style::{self, TextStyle};
use super::text::{Content, Setting};
use super::theme::Resolved;
use super::wrap::Line;
use super::{PathItem, Shape};
use crate::document::template::numeral;
use crate::document::{BulletMarker, Color, ListItem, Numbering};

/// How a list marks its items.
#[derive(Debug, Clone, Copy)]
pub(super) enum Marks {
    /// Bullets: the marker asked for at every depth, or •, – and · by depth.
    Bullets(Option<BulletMarker>),
    /// Numbers from the first item's, written as asked; nested lists count from 1.
    Numbers(u32, Numbering),
}

/// A list block as the layout takes it.
pub(super) struct ListSpec<'r> {
    /// Its marks.
    pub marks: Marks,
    /// The marks' colour, if not the text's.
    pub color: Option<Color>,
    /// The style its items are set in.
    pub role: &'r Resolved,
}

/// The glyphs of bullets by depth (•, –, ·), repeating.
const BULLETS: [&str; 3] = ["\u{2022}", "\u{2013}", "\u{b7}"];

/// Where a drawn bullet sits, as the bullet glyph of Helvetica does (Helvetica.afm, C
/// 149 bullet: width 350, box 18 198 333 524): its centre's distance from the start of
/// the baseline, across and up, and its radius, in 1/1000 em.
const DRAWN_CENTRE: (f32, f32) = (175.5, 361.0);
const DRAWN_RADIUS: f32 = 130.0;
/// The line width of a hollow bullet, in 1/1000 em.
const CIRCLE_STROKE: f32 = 70.0;
/// Sides of the polygon a hollow bullet is drawn as.
const CIRCLE_SIDES: usize = 24;

impl<'a> Flow<'a, '_> {
    /// A list whose items start `left` points from the page edge, its marks in the
    /// indent (numbers right-aligned in it); nested items form a list of the same kind
    /// one level (`depth`) deeper.
    pub(super) fn list(&mut self, items: &'a [ListItem<'a>], spec: &ListSpec, (left, depth): (f32, usize)) {
        let st = &spec.role.text;
        let mark = TextStyle { color: spec.color.map_or(st.color, super::chart::rgb), ..*st };
        // The indent and gaps are the body size's; they grow and shrink with the items'.
        let em = st.size / style::BODY.size;
        let (offset, gap) = (style::BULLET_OFFSET * em, style::NUMBER_GAP * em);
        let labels: Vec<Vec<u8>> = match spec.marks {
            Marks::Bullets(_) => Vec::new(),
            Marks::Numbers(start, numbering) => (0..items.len())
                .map(|i| format!("{}.", numeral((start as usize).saturating_add(i), numbering)).into_bytes())
                .collect(),
        };
        let widest = labels.iter().map(|l| self.faces.measure(st.font, l, st.size)).fold(0.0, f32::max);
        let indent = match spec.marks {
            Marks::Bullets(_) => style::BULLET_INDENT * em,
            Marks::Numbers(..) => (style::BULLET_INDENT * em).max(widest + gap + offset),
        };
        let right = self.left + self.width;
        // A right-to-left list is this one mirrored: x becomes `mirror - x`.
        let rtl = self.direction == Some(true);
        let mirror = self.left + right;
        let at = |x: f32, width: f32| if rtl { mirror - x - width } else { x };
        for (i, item) in items.iter().enumerate() {
            self.ensure(st.leading);
            match (spec.marks, labels.get(i)) {
                (Marks::Bullets(Some(drawn @ (BulletMarker::Circle | BulletMarker::Square))), _) => {
                    let x = at(left + offset, 2.0 * DRAWN_CENTRE.0 * st.size / 1000.0);
                    self.drawn_bullet(drawn, (x, self.y - st.baseline_offset()), &mark);
                }
                (Marks::Bullets(marker), _) => {
                    let k = match marker {
                        Some(BulletMarker::Dash) => 1,
                        Some(_) => 0,
                        None => depth % BULLETS.len(),
                    };
                    let (string, end) = self.bullet_string(k);
                    let width = self.faces.measure(st.font, &self.layout.strings[string as usize], st.size);
                    let x = at(left + offset, width);
                    self.text(&mark, x, st.baseline_offset(), string, Line { start: 0, end, units: 0 });
                }
                (Marks::Numbers(..), Some(label)) => {
                    let width = self.faces.measure(st.font, label, st.size);
                    let x = at(left + indent - gap - width, width);
                    let end = label.len() as u32;
                    self.layout.strings.push(Cow::Owned(label.clone()));
                    let string = (self.layout.strings.len() - 1) as u32;
                    self.text(&mark, x, st.baseline_offset(), string, Line { start: 0, end, units: 0 });
                }
                (Marks::Numbers(..), None) => {}
            }
            let x = left + indent;
            let setting =
                Setting { x: at(x, right - x), width: right - x, align: spec.role.align, leading: st.leading };
            self.set_text(Content::from(&item.text), st, setting);
            if !item.items.is_empty() {
                let marks = match spec.marks {
                    Marks::Numbers(_, numbering) => Marks::Numbers(1, numbering),
                    bullets => bullets,
                };
                self.list(&item.items, &ListSpec { marks, ..*spec }, (x, depth + 1));
            }
        }
    }

    /// A hollow round or filled square bullet drawn where the bullet glyph would be on
    /// the baseline starting at (`x`, `baseline`).
    fn drawn_bullet(&mut self, marker: BulletMarker, (x, baseline): (f32, f32), st: &TextStyle) {
        let em = st.size / 1000.0;
        let (cx, cy) = (x + DRAWN_CENTRE.0 * em, baseline + DRAWN_CENTRE.1 * em);
        let r = DRAWN_RADIUS * em;
        if marker == BulletMarker::Square {
            let shape = Shape { rects: vec![[cx - r, cy - r, 2.0 * r, 2.0 * r]], color: st.color };
            return self.page().shapes.push(shape);
        }
        let points = (0..=CIRCLE_SIDES)
            .map(|k| {
                let (sin, cos) = (k as f32 * std::f32::consts::TAU / CIRCLE_SIDES as f32).sin_cos();
                [cx + r * cos, cy + r * sin]
            })
            .collect();
        self.page().paths.push(PathItem { points, fill: false, color: st.color, width: CIRCLE_STROKE * em });
    }

    /// The string holding bullet glyph `k` of [`BULLETS`], interned once. Returns the
    /// string and its length in bytes.
    fn bullet_string(&mut self, k: usize) -> (u32, u32) {
        let encoded = self.faces.encode(BULLETS[k]);
        let len = encoded.len() as u32;
        if let Some(i) = self.bullets[k] {
            return (i, len);
        }
        self.layout.strings.push(encoded);
        let i = (self.layout.strings.len() - 1) as u32;
        self.bullets[k] = Some(i);
        (i, len)
    }
}
