//! Boxes: blocks laid out inside a padding, on a fill, within a border (CSS's box
//! model). A box that goes on over a page break is sliced: each page's piece is drawn
//! with the fill and border, open where the page cuts it (CSS Fragmentation Level 3,
//! `box-decoration-break: slice`). A box kept together is laid out, and if it went over
//! a break and fits on a page, taken back out and laid out again on the next page
//! ([`Flow::boxed`]: at most twice, nested boxes included).

use super::chart::rgb;
use super::flow::Flow;
use super::{Page, Panel, Rgb};
use crate::document::{BoxBlock, sides};

/// A box's look, resolved: every length in points, sides top, right, bottom, left.
struct Look {
    fill: Option<Rgb>,
    border: [f32; 4],
    color: Rgb,
    radius: f32,
    padding: [f32; 4],
}

impl Look {
    /// The look `b` asks for; the border's colour defaults to `accent`.
    fn of(b: &BoxBlock, accent: Rgb) -> Look {
        let border = b.border.as_ref();
        Look {
            fill: b.fill.map(rgb),
            border: border.map_or([0.0; 4], |border| sides(&border.width, 1.0)).map(|w| w as f32),
            color: border.and_then(|border| border.color).map_or(accent, rgb),
            radius: b.radius.unwrap_or(0.0) as f32,
            padding: sides(&b.padding, b.default_padding()).map(|p| p as f32),
        }
    }

    /// The piece from `top` down to `bottom` of a box at `x`, `width` wide; an edge the
    /// page cuts (`open`: top, bottom) has no border and square corners.
    fn panel(&self, (x, width): (f32, f32), (top, bottom): (f32, f32), open: (bool, bool)) -> Panel {
        let (mut border, mut radii) = (self.border, [self.radius; 4]);
        if open.0 {
            (border[0], radii[0], radii[1]) = (0.0, 0.0, 0.0);
        }
        if open.1 {
            (border[2], radii[2], radii[3]) = (0.0, 0.0, 0.0);
        }
        // As CSS does when radii overlap, at most half the shorter side.
        let most = (width.min(top - bottom) / 2.0).max(0.0);
        Panel {
            rect: [x, bottom, width, top - bottom],
            radii: radii.map(|r| r.min(most)),
            fill: self.fill,
            border,
            border_color: self.color,
        }
    }
}

/// What the flow had placed when a box started: enough to take the box back out.
struct Mark {
    pages: usize,
    /// The lengths of the current page's lists.
    items: [usize; 10],
    strings: usize,
    headings: usize,
    wide_tables: usize,
    styles: u8,
    images: usize,
    drawn: usize,
    y: f32,
    fresh: f32,
}

/// The lengths of a page's lists, in the order of [`Page`]'s fields.
fn items(p: &Page) -> [usize; 10] {
    [
        p.panels.len(),
        p.fills.len(),
        p.rules.len(),
        p.images.len(),
        p.drawings.len(),
        p.paths.len(),
        p.shapes.len(),
        p.dots.len(),
        p.texts.len(),
        p.links.len(),
    ]
}

impl<'a> Flow<'a, '_> {
    /// A box: its blocks inside its padding and border, its pieces' panels under them.
    ///
    /// A box kept together is first laid out where it is as a trial, in which the boxes
    /// inside it are not kept together themselves (if it fits, they fit). If the trial
    /// went over a page break, it is taken back; a box that fits on a page (by its
    /// pieces' heights) is laid out again on the next page, a taller one where it was.
    /// So each box is laid out at most twice, and nested boxes kept together cost work
    /// in proportion to their depth, not exponential in it.
    pub(super) fn boxed(&mut self, b: &'a BoxBlock<'a>) {
        let look = Look::of(b, self.theme.accent());
        if !b.keep_together || self.at_page_top() || self.trial {
            self.fill_box(b, &look);
            return;
        }
        let here = self.mark();
        self.trial = true;
        let height = self.fill_box(b, &look);
        self.trial = false;
        if self.layout.pages.len() == here.pages {
            return;
        }
        self.take_back(&here);
        if height <= self.page_room() {
            self.new_page();
        }
        self.fill_box(b, &look);
    }

    /// Lays out the blocks of `b` from the cursor, and adds its panels; returns the sum
    /// of their heights in points.
    fn fill_box(&mut self, b: &'a BoxBlock<'a>, look: &Look) -> f32 {
        let ([bt, br, bb, bl], [pt, pr, pb, pl]) = (look.border, look.padding);
        let line = self.theme.resolve(super::theme::Role::Body, None).text.leading;
        self.ensure(bt + pt + line + pb + bb);
        let first = self.layout.pages.len() - 1;
        let slot = self.page().panels.len();
        let (top, outer) = (self.y, (self.left, self.width, self.bottom, self.fresh));
        self.left += bl + pl;
        self.width = (self.width - bl - pl - pr - br).max(1.0);
        // Every piece keeps room for the bottom padding and border.
        self.bottom += pb + bb;
        self.y -= bt + pt;
        self.fresh = self.y;
        for (i, block) in b.blocks.iter().enumerate() {
            self.block(block);
            if i + 1 < b.blocks.len() {
                self.y -= self.space_after(block);
            }
        }
        let last = self.layout.pages.len() - 1;
        (self.left, self.width, self.bottom) = (outer.0, outer.1, outer.2);
        self.fresh = if last == first { outer.3 } else { f32::INFINITY };
        self.y -= pb + bb;
        let mut height = 0.0;
        for page in first..=last {
            let piece_top = if page == first { top } else { self.top };
            let piece_bottom = if page == last { self.y } else { self.bottom };
            let panel = look.panel((self.left, self.width), (piece_top, piece_bottom), (page != first, page != last));
            // Under the panels of the boxes inside it.
            self.layout.pages[page].panels.insert(if page == first { slot } else { 0 }, panel);
            height += piece_top - piece_bottom;
        }
        height
    }

    /// Where the flow is, to take back what follows.
    fn mark(&self) -> Mark {
        let l = &self.layout;
        Mark {
            pages: l.pages.len(),
            items: items(&l.pages[l.pages.len() - 1]),
            strings: l.strings.len(),
            headings: l.headings.len(),
            wide_tables: l.wide_tables.len(),
            styles: l.styles,
            images: self.images,
            drawn: self.drawn,
            y: self.y,
            fresh: self.fresh,
        }
    }

    /// Takes back everything placed since `m`.
    fn take_back(&mut self, m: &Mark) {
        let l = &mut self.layout;
        l.pages.truncate(m.pages);
        let p = &mut l.pages[m.pages - 1];
        let [panels, fills, rules, images, drawings, paths, shapes, dots, texts, links] = m.items;
        p.panels.truncate(panels);
        p.fills.truncate(fills);
        p.rules.truncate(rules);
        p.images.truncate(images);
        p.drawings.truncate(drawings);
        p.paths.truncate(paths);
        p.shapes.truncate(shapes);
        p.dots.truncate(dots);
        p.texts.truncate(texts);
        p.links.truncate(links);
        l.strings.truncate(m.strings);
        l.headings.truncate(m.headings);
        l.wide_tables.truncate(m.wide_tables);
        l.styles = m.styles;
        // A bullet interned since is gone with its string.
        for bullet in &mut self.bullets {
            *bullet = bullet.filter(|&s| (s as usize) < m.strings);
        }
        (self.images, self.drawn, self.y, self.fresh) = (m.images, m.drawn, m.y, m.fresh);
    }
}
