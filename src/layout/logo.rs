//! Images in the header and footer (logos): as tall as asked (at most the margin's
//! height), as wide as their aspect ratio makes them, centred vertically in the margin,
//! at the left edge, the centre or the right edge of the content width.

use super::PlacedImage;
use super::flow::Flow;
use crate::document::{Band, Page};

impl Flow<'_, '_> {
    /// Places the images of `band` on page `page` (an index), centred on `middle`, the
    /// y of the margin's middle, and at most the margin's `height` tall; returns the
    /// bottom and top of the tallest, if any. An image's index follows the image
    /// blocks' ([`Page::logos`]' order).
    pub(super) fn logos(
        &mut self,
        setup: &Page,
        band: &Band,
        page: usize,
        (middle, height): (f32, f32),
    ) -> Option<(f32, f32)> {
        let all = setup.logos();
        let mut tallest: Option<f32> = None;
        for (part, slot) in band.slots() {
            let Some(logo) = slot.image() else { continue };
            let Some(k) = all.iter().position(|&(_, _, l)| std::ptr::eq(l, logo)) else { continue };
            // Validation has read the headers; an image it let through always has them.
            let Ok(info) = crate::image::probe(&logo.image.bytes) else { continue };
            let h = (logo.height as f32).min(height);
            let w = (h * info.width as f32 / info.height.max(1) as f32).min(self.width);
            let x = match part {
                "left" => self.left,
                "right" => self.left + self.width - w,
                _ => self.left + (self.width - w) / 2.0,
            };
            let placed = PlacedImage { index: self.images + k, x, y: middle - h / 2.0, width: w, height: h };
            self.layout.pages[page].images.push(placed);
            tallest = Some(tallest.map_or(h, |t| t.max(h)));
        }
        tallest.map(|h| (middle - h / 2.0, middle + h / 2.0))
    }

    /// Where a band's rule goes: at `y`, or past its images (`extent`, bottom and top):
    /// 3 pt under them in the header, over them in the footer, but never into the
    /// content box.
    pub(super) fn rule_past(&self, y: f32, extent: Option<(f32, f32)>, header: bool) -> f32 {
        match (extent, header) {
            (None, _) => y,
            (Some((bottom, _)), true) => y.min(bottom - 3.0).max(self.top + 1.0),
            (Some((_, top)), false) => y.max(top + 3.0).min(self.bottom - 1.0),
        }
    }
}
