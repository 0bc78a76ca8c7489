//! The page flow: a cursor moving down the content box, breaking to a new page when
//! the next piece does not fit, and the per-block layout of text.

use std::borrow::Cow;
use std::ops::Range;

use super::complex;
use super::faces::{FaceRef, Faces};
use super::list::{ListSpec, Marks};
use super::style::{self, TextStyle};
use super::table::{self, TableSpec};
use super::text::{Content, Setting};
use super::theme::{Resolved, Role, Themed};
use super::wrap;
use super::wrap::Line;
use super::{
    Font, GlyphRun, HeadingMark, Layout, LinkArea, Page, PlacedImage, Rgb, Rule, Shape, TextItem, UNSHAPED, WideTable,
};

/// Where a one-line label's `x` is: at its left end, centre or right end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}
use crate::document::template::{self, Fields};
use crate::document::{Align, Band, Block, DateTime, Direction, ImageBlock, PageSetup, QrBlock, Snapshot, TextAlign};

/// How a piece of text looks: its style font (resolved to a face per character), size,
/// colour and word spacing.
#[derive(Debug, Clone, Copy)]
pub(super) struct Look {
    /// The style: regular, bold, italic, monospace.
    pub font: Font,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Rgb,
    /// Extra width of each space in points.
    pub word_spacing: f32,
}

/// Layout state: finished pages, the current page and the cursor.
pub(super) struct Flow<'a, 'f> {
    pub(super) layout: Layout<'a>,
    /// The faces text is set in.
    pub(super) faces: Faces<'f>,
    /// Left edge of the content box.
    pub(super) left: f32,
    /// Width of the content box.
    pub(super) width: f32,
    /// Top of the content box.
    pub(super) top: f32,
    /// Bottom of the content box.
    pub(super) bottom: f32,
    /// Top of the next piece to place.
    pub(super) y: f32,
    /// Scratch buffer for wrapped lines.
    pub(super) lines: Vec<Line>,
    /// The strings holding the bullet characters of each depth, once interned.
    pub(super) bullets: [Option<u32>; 3],
    /// Image blocks placed so far.
    pub(super) images: usize,
    /// The sizes of the snapshot's SVG drawings in points, in block order.
    #[cfg_attr(not(feature = "media"), allow(dead_code))]
    drawings: &'f [(f32, f32)],
    /// SVG blocks placed so far.
    #[cfg_attr(not(feature = "media"), allow(dead_code))]
    pub(super) drawn: usize,
    /// The top of the inside of the box being filled, on the page where it starts
    /// (infinite elsewhere): a block there takes no space above it, as at the top of a
    /// page.
    pub(super) fresh: f32,
    /// Whether a box kept together is being laid out as a trial (the boxes inside it are
    /// then not kept together themselves: see `boxed`).
    pub(super) trial: bool,
    /// Index of the block being laid out.
    block: usize,
    /// The snapshot's theme and named styles.
    pub(super) theme: Themed<'a>,
    /// The bidirectional analysis of the last complex string placed, by its index.
    pub(super) bidi: Option<(u32, complex::Analysis)>,
    /// The base direction of the text being set: right to left if `Some(true)`; by
    /// each paragraph's first strong character if `None`.
    pub(super) direction: Option<bool>,
    /// The language justified text is hyphenated in, if snapdf hyphenates the
    /// document's (see [`super::hyphenate`]).
    pub(super) hyphenation: Option<[u8; 2]>,
}

impl<'a, 'f> Flow<'a, 'f> {
    /// Lays out the whole snapshot. With `"auto"` orientation it is laid out in portrait,
    /// and again in landscape if a table was too wide for portrait and landscape is
    /// wider ([`Layout::turned`]).
    pub(super) fn run(snapshot: &'a Snapshot<'a>, faces: Faces<'f>, drawings: &'f [(f32, f32)]) -> Layout<'a> {
        let portrait = Flow::run_on(snapshot, (faces, drawings), &snapshot.page.setup());
        let Some(turned) = snapshot.page.turned() else { return portrait };
        let wider = (turned.width - turned.margins.left - turned.margins.right) as f32;
        match portrait.wide_tables.first() {
            Some(&table) if wider > table.width => {
                let mut layout = Flow::run_on(snapshot, (faces, drawings), &turned);
                layout.turned = Some(table);
                layout
            }
            _ => portrait,
        }
    }

    /// Lays out the whole snapshot on pages of geometry `p`.
    fn run_on(
        snapshot: &'a Snapshot<'a>,
        (faces, drawings): (Faces<'f>, &'f [(f32, f32)]),
        p: &PageSetup,
    ) -> Layout<'a> {
        let m = &p.margins;
        let top = (p.height - m.top) as f32;
        let mut flow = Flow {
            layout: Layout {
                width: p.width as f32,
                height: p.height as f32,
                strings: Vec::new(),
                pages: vec![Page::default()],
                headings: Vec::new(),
                styles: 0,
                wide_tables: Vec::new(),
                turned: None,
                background: None,
                watermark: None,
                glyph_runs: Vec::new(),
            },
            faces,
            left: m.left as f32,
            width: (p.width - m.left - m.right) as f32,
            top,
            bottom: m.bottom as f32,
            y: top,
            lines: Vec::new(),
            bullets: [None; 3],
            images: 0,
            drawings,
            drawn: 0,
            fresh: f32::INFINITY,
            trial: false,
            block: 0,
            theme: Themed::new(&snapshot.theme, &snapshot.styles),
            bidi: None,
            direction: None,
            // The base build hyphenates nothing (validation refuses what it would).
            hyphenation: snapshot.lang.as_deref().and_then(super::hyphenate::language).filter(|_| crate::MEDIA),
        };
        flow.layout.background = flow.theme.background();
        let document = snapshot.dir.map(|d| d == Direction::Rtl);
        flow.direction = document;
        flow.title(snapshot);
        for (i, block) in snapshot.blocks.iter().enumerate() {
            flow.block = i;
            flow.block(block);
            flow.y -= flow.space_after(block);
        }
        flow.direction = document;
        flow.bands(snapshot);
        if let Some(w) = &snapshot.page.watermark {
            flow.layout.watermark = Some(flow.watermark(w));
        }
        flow.layout
    }

    /// Notes that the table being laid out needs `needed` points of `width` with its
    /// numbers and header words whole, and is set at `size` points (where they stay
    /// whole, or not).
    pub(super) fn note_table(&mut self, needed: f32, width: f32, size: f32, whole: bool) {
        self.layout.wide_tables.push(WideTable { block: self.block, needed, width, size, whole });
    }

    /// The page being filled.
    pub(super) fn page(&mut self) -> &mut Page<'a> {
        // `pages` starts with one page and only grows.
        let last = self.layout.pages.len() - 1;
        &mut self.layout.pages[last]
    }

    /// The height of the content box in points: the most one page holds.
    pub(super) fn page_room(&self) -> f32 {
        self.top - self.bottom
    }

    /// Whether nothing has been placed on the current page yet.
    pub(super) fn at_page_top(&self) -> bool {
        self.y >= self.top
    }

    /// Starts a new page and moves the cursor to its top.
    pub(super) fn new_page(&mut self) {
        self.layout.pages.push(Page::default());
        self.y = self.top;
        self.fresh = f32::INFINITY;
    }

    /// Whether nothing has been placed yet on the current page or in the box being
    /// filled: a block here takes no space above it.
    pub(super) fn at_top(&self) -> bool {
        self.at_page_top() || self.y >= self.fresh
    }

    /// Breaks the page unless `height` points fit below the cursor (or the page is
    /// still empty, where breaking would not help).
    pub(super) fn ensure(&mut self, height: f32) {
        if self.y - height < self.bottom && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Stores encoded text and returns its index in [`Layout::strings`].
    pub(super) fn intern(&mut self, text: Cow<'a, str>) -> u32 {
        let encoded = match text {
            Cow::Borrowed(text) => self.faces.encode(text),
            Cow::Owned(text) => Cow::Owned(self.faces.encode_owned(&text)),
        };
        self.layout.strings.push(encoded);
        (self.layout.strings.len() - 1) as u32
    }

    /// Places one line of `string` with its baseline `baseline` below the cursor.
    pub(super) fn text(&mut self, style: &TextStyle, x: f32, baseline: f32, string: u32, line: Line) {
        let look = Look { font: style.font, size: style.size, color: style.color, word_spacing: 0.0 };
        self.place(&look, x, self.y - baseline, string, (line.start, line.end), true);
    }

    /// Places bytes `start..end` of `string` on the current page with the left end of
    /// its baseline at (`x`, `y`), one text item per face, and returns its width in
    /// points.
    pub(super) fn place(&mut self, look: &Look, x: f32, y: f32, string: u32, range: (u32, u32), at_break: bool) -> f32 {
        let page = self.layout.pages.len() - 1;
        self.place_on(page, look, (x, y), string, range.0..range.1, at_break)
    }

    /// [`Flow::place`] on page `page` (an index). Soft hyphens in the range are dropped
    /// but for one that ends it when `at_break` (the line breaks there): the bytes as
    /// drawn are then a string of their own ([`Faces::shown`]).
    fn place_on(
        &mut self,
        page: usize,
        look: &Look,
        (x, y): (f32, f32),
        string: u32,
        range: Range<u32>,
        at_break: bool,
    ) -> f32 {
        let (mut string, mut start, mut end) = (string, range.start, range.end);
        if let Some(shown) = self.faces.shown(&self.layout.strings[string as usize], (start, end), at_break) {
            (start, end) = (0, shown.len() as u32);
            self.layout.strings.push(Cow::Owned(shown));
            string = (self.layout.strings.len() - 1) as u32;
        }
        let text = &self.layout.strings[string as usize];
        let item = |font, at, start, end| TextItem {
            font,
            size: look.size,
            color: look.color,
            word_spacing: look.word_spacing,
            x: at,
            y,
            string,
            start,
            end,
            glyphs: UNSHAPED,
        };
        let gaps =
            |start: u32, end: u32| text[start as usize..end as usize].iter().filter(|&&b| b == b' ').count() as f32;
        if !self.faces.embedded() {
            // The standard fonts: one item, measured with the AFM table.
            let piece = &text[start as usize..end as usize];
            let font = self.faces.standard_font(look.font);
            let width = font.measure(piece, look.size) + look.word_spacing * gaps(start, end);
            let placed = item(FaceRef::Standard(font), x, start, end);
            self.layout.pages[page].texts.push(placed);
            return width;
        }
        self.layout.styles |= 1 << look.font as u8;
        if self.is_complex(&text[start as usize..end as usize]) {
            let hyphen = if at_break { soft_hyphen_before(text, end as usize) } else { None };
            return self.place_complex(page, look, (x, y), string, start as usize..end as usize, hyphen);
        }
        let mut at = x;
        let mut items = Vec::new();
        for (font, start, end, units) in self.faces.pieces(look.font, text, start, end) {
            items.push(item(font, at, start, end));
            at += units as f32 * look.size / 1000.0 + look.word_spacing * gaps(start, end);
        }
        self.layout.pages[page].texts.extend(items);
        at - x
    }

    /// Whether text in supplied fonts takes the complex path ([`complex`]): it has
    /// characters that need it, or it is set right to left (where even Latin text is
    /// reordered: a full stop at its end goes to its left).
    pub(super) fn is_complex(&self, text: &[u8]) -> bool {
        self.faces.embedded() && (complex::is_complex(text) || (crate::MEDIA && self.direction == Some(true)))
    }

    /// Places complex text (one style, see [`complex`]): the line's runs in visual
    /// order, each split by face and shaped in its direction; the soft hyphen at byte
    /// `hyphen`, if any, drawn as a hyphen.
    fn place_complex(
        &mut self,
        page: usize,
        look: &Look,
        (x, y): (f32, f32),
        string: u32,
        range: Range<usize>,
        hyphen: Option<usize>,
    ) -> f32 {
        let mut at = x;
        for run in self.visual_runs(string, range) {
            at += self.place_run(page, look, (at, y), string, &run, hyphen);
        }
        at - x
    }

    /// The runs of `strings[string][line]` in visual order, with the string's
    /// bidirectional analysis kept for its next lines.
    pub(super) fn visual_runs(&mut self, string: u32, line: Range<usize>) -> Vec<complex::Run> {
        if !matches!(&self.bidi, Some((at, _)) if *at == string) {
            let Ok(text) = std::str::from_utf8(&self.layout.strings[string as usize]) else { return Vec::new() };
            self.bidi = Some((string, complex::Analysis::new(text, self.direction)));
        }
        self.bidi.as_mut().map_or_else(Vec::new, |(_, analysis)| analysis.visual_runs(line))
    }

    /// Places one run of complex text in `look`, split by face and shaped, the soft
    /// hyphen at byte `hyphen` drawn as a hyphen if the run has it; returns its width
    /// in points.
    pub(super) fn place_run(
        &mut self,
        page: usize,
        look: &Look,
        (x, y): (f32, f32),
        string: u32,
        run: &complex::Run,
        hyphen: Option<usize>,
    ) -> f32 {
        let text = &self.layout.strings[string as usize];
        let mut at = x;
        for piece in self.faces.shape_run(look.font, text, run, hyphen) {
            let spaces = text[piece.range.clone()].iter().filter(|&&b| b == b' ').count() as f32;
            let item = TextItem {
                font: FaceRef::Embedded(piece.face),
                size: look.size,
                color: look.color,
                word_spacing: look.word_spacing,
                x: at,
                y,
                string,
                start: piece.range.start as u32,
                end: piece.range.end as u32,
                glyphs: self.layout.glyph_runs.len() as u32,
            };
            self.layout.glyph_runs.push(GlyphRun { glyphs: piece.glyphs, rtl: run.rtl });
            self.layout.pages[page].texts.push(item);
            at += piece.units * look.size / 1000.0 + look.word_spacing * spaces;
        }
        at - x
    }

    /// Sets `text` across the content width in `role`'s resolved style, with the space
    /// it asks for above it (none at the top of a page); the space below is the
    /// caller's.
    fn styled_text(&mut self, text: Content<'a>, role: &Resolved, align: TextAlign, leading: f32) {
        if !self.at_top() {
            self.y -= role.space_before;
        }
        let setting = Setting { x: self.left, width: self.width, align, leading };
        self.set_text(text, &role.text, setting);
    }

    /// The title and subtitle, then the rule under them.
    fn title(&mut self, snapshot: &'a Snapshot<'a>) {
        let title = self.theme.resolve(Role::Title, None);
        self.styled_text(Content::Plain(&snapshot.title), &title, title.align, title.text.leading);
        self.y -= title.space_after;
        if let Some(subtitle) = &snapshot.subtitle {
            let sub = self.theme.resolve(Role::Subtitle, None);
            self.styled_text(Content::Plain(subtitle), &sub, sub.align, sub.text.leading);
            self.y -= sub.space_after;
        }
        self.y -= style::TITLE_SPACE / 2.0;
        let color = self.theme.accent();
        let rule = Rule { x1: self.left, x2: self.left + self.width, y: self.y, thickness: 1.0, color };
        self.page().rules.push(rule);
        self.y -= style::TITLE_SPACE / 2.0;
    }

    /// The space below `block`: its role's, or [`style::BLOCK_SPACE`]; none after a
    /// page break.
    pub(super) fn space_after(&self, block: &Block) -> f32 {
        match block {
            Block::PageBreak(_) => 0.0,
            Block::Heading(h) => {
                self.theme.resolve(Role::Heading(heading_index(h.level)), h.style.as_deref()).space_after
            }
            Block::Paragraph(p) => self.theme.resolve(Role::Body, p.style.as_deref()).space_after,
            Block::BulletList(l) => self.theme.resolve(Role::List, l.style.as_deref()).space_after,
            Block::NumberedList(l) => self.theme.resolve(Role::List, l.style.as_deref()).space_after,
            _ => style::BLOCK_SPACE,
        }
    }

    /// Lays out `block` in the direction it asks for, else the one around it.
    pub(super) fn block(&mut self, block: &'a Block<'a>) {
        let outer = self.direction;
        self.direction = block_direction(block).or(outer);
        self.lay_out(block);
        self.direction = outer;
    }

    /// Lays out one block at the cursor.
    fn lay_out(&mut self, block: &'a Block<'a>) {
        match block {
            Block::Box(b) => self.boxed(b),
            Block::Heading(h) => self.heading(h),
            Block::Paragraph(p) => {
                let body = self.theme.resolve(Role::Body, p.style.as_deref());
                let leading = p.line_height.map_or(body.text.leading, |h| h as f32 * body.text.size);
                self.styled_text(Content::from(&p.text), &body, p.align.unwrap_or(body.align), leading);
            }
            Block::BulletList(list) => {
                let role = self.theme.resolve(Role::List, list.style.as_deref());
                let spec = ListSpec { marks: Marks::Bullets(list.marker), color: list.marker_color, role: &role };
                self.list(&list.items, &spec, (self.left, 0));
            }
            Block::KeyValue(kv) => table::layout(self, &TableSpec::key_value(kv, self.table_setting())),
            Block::Table(t) => table::layout(self, &TableSpec::data(t, self.table_setting())),
            Block::Documents(d) => table::layout(self, &TableSpec::documents(d, self.table_setting())),
            Block::Image(img) => self.image(img),
            Block::Qr(q) => self.qr(q),
            Block::Chart(c) => self.chart(c),
            #[cfg(feature = "media")]
            Block::Svg(s) => self.drawing(s),
            // Validation refuses drawings in the base build, which has no SVG parser.
            #[cfg(not(feature = "media"))]
            Block::Svg(_) => {}
            Block::NumberedList(list) => {
                let role = self.theme.resolve(Role::List, list.style.as_deref());
                let marks = Marks::Numbers(list.start, list.marker.unwrap_or_default());
                let spec = ListSpec { marks, color: list.marker_color, role: &role };
                self.list(&list.items, &spec, (self.left, 0));
            }
            Block::PageBreak(_) => {
                if !self.at_page_top() {
                    self.new_page();
                }
            }
            Block::Rule(_) => {
                self.ensure(style::RULE_SPACE);
                self.y -= style::RULE_SPACE / 2.0;
                let color = self.theme.accent();
                let rule = Rule { x1: self.left, x2: self.left + self.width, y: self.y, thickness: 0.75, color };
                self.page().rules.push(rule);
                self.y -= style::RULE_SPACE / 2.0;
            }
            Block::Spacer(sp) => {
                let height = sp.height as f32;
                if self.y - height < self.bottom {
                    self.new_page(); // the space is used up by the page break
                } else {
                    self.y -= height;
                }
            }
        }
    }

    /// The styles of table cells, from the theme.
    /// What a table takes from the flow: the content width, its cells' styles and
    /// whether it is mirrored (right to left).
    fn table_setting(&self) -> (f32, table::Cells, bool) {
        let body = self.theme.resolve(Role::TableBody, None).text;
        let cells = table::Cells { body, head: self.theme.resolve(Role::TableHeader, None).text };
        (self.width, cells, self.direction == Some(true))
    }

    /// A heading, kept with the first lines of what follows it, and its outline entry.
    fn heading(&mut self, h: &'a crate::document::Heading<'a>) {
        let role = self.theme.resolve(Role::Heading(heading_index(h.level)), h.style.as_deref());
        if !self.at_top() {
            self.y -= role.space_before;
        }
        let body = self.theme.resolve(Role::Body, None);
        self.ensure(role.text.leading + style::HEADING_KEEP_LINES * body.text.leading);
        let page = self.layout.pages.len() - 1;
        let mark = HeadingMark { page, y: self.y, level: h.level, text: &h.text, id: h.id.as_deref() };
        self.layout.headings.push(mark);
        // The space above is taken: no second time at the top of a new page.
        let role = Resolved { space_before: 0.0, ..role };
        self.styled_text(Content::Plain(&h.text), &role, h.align.unwrap_or(role.align), role.text.leading);
    }

    /// An image, scaled as asked and to fit the content box, and its caption.
    fn image(&mut self, img: &'a ImageBlock<'a>) {
        let index = self.images;
        self.images += 1;
        // Validation has read the headers; an image it let through always has them.
        let Ok(info) = crate::image::probe(&img.data.bytes) else { return };
        let size = |width, room| crate::image::fit(&info, img.width, style::DEFAULT_DPI, (width, room));
        self.figure(size, img.caption.as_deref(), img.align, |flow, (x, y, width, height)| {
            flow.page().images.push(PlacedImage { index, x, y, width, height });
        });
    }

    /// An SVG drawing, scaled as asked and to fit the content box, and its caption.
    #[cfg(feature = "media")]
    fn drawing(&mut self, s: &'a crate::document::SvgBlock<'a>) {
        let index = self.drawn;
        self.drawn += 1;
        let Some(&(w, h)) = self.drawings.get(index) else { return };
        let size = |width, room| crate::image::fit_natural(w, h / w, s.width, (width, room));
        self.figure(size, s.caption.as_deref(), s.align, |flow, (x, y, width, height)| {
            flow.page().drawings.push(PlacedImage { index, x, y, width, height });
        });
    }

    /// A QR code: its dark modules as one filled path, its quiet zone inside `size`
    /// (at most the content width and height), a link on it when the data is a URL,
    /// and its caption.
    fn qr(&mut self, q: &'a QrBlock<'a>) {
        // Validation has encoded it; a code it let through always encodes.
        let Ok(symbol) = crate::qr::encode(&q.data, q.level) else { return };
        let side = |width: f32, room: f32| {
            let side = (q.size as f32).min(width).min(room);
            (side, side)
        };
        self.figure(side, q.caption.as_deref(), q.align, |flow, (x, y, side, _)| {
            let module = side / (symbol.width + 2 * crate::qr::QUIET_ZONE) as f32;
            let top = y + side;
            let rects = symbol.runs().into_iter().map(|run| {
                let [mx, my, w, h] = run.map(|v| v as f32 * module);
                [x + mx, top - my - h, w, h]
            });
            let shape = Shape { rects: rects.collect(), color: Rgb::gray(0.0) };
            flow.page().shapes.push(shape);
            if crate::document::is_link_url(&q.data) {
                flow.page().links.push(LinkArea { rect: [x, y, x + side, top], target: &q.data });
            }
        });
    }

    /// A chart, as wide as asked (default the content width) and as tall as asked (at
    /// most the room a figure gets), and its caption.
    fn chart(&mut self, c: &'a crate::document::ChartBlock<'a>) {
        let size = |width: f32, room: f32| {
            let w = match c.width {
                Some(crate::document::ColumnWidth::Points(p)) => (p as f32).min(width),
                Some(crate::document::ColumnWidth::Percent(p)) => width * p as f32 / 100.0,
                None => width,
            };
            (w, (c.height as f32).min(room))
        };
        self.figure(size, c.caption.as_deref(), Some(Align::Center), |flow, frame| super::chart::draw(flow, c, frame));
    }

    /// Places a figure (an image, a QR code, a chart) and its caption under it; both start a new
    /// page together if they do not fit. `size` gives the figure's width and height in
    /// points from the content width and the height it may take (the content height
    /// less the caption's, but at least half the content height: a longer caption flows
    /// on); `draw` gets its lower-left corner and size.
    fn figure(
        &mut self,
        size: impl FnOnce(f32, f32) -> (f32, f32),
        caption: Option<&'a str>,
        align: Option<Align>,
        draw: impl FnOnce(&mut Self, (f32, f32, f32, f32)),
    ) {
        let role = self.theme.resolve(Role::Caption, None);
        let st = &role.text;
        let caption_lines = match caption {
            Some(c) => {
                self.lines.clear();
                let units = (self.width * 1000.0 / st.size) as u32;
                let text = self.faces.encode(c);
                let breaks = self.faces.breaks(&text);
                let widths = self.faces.units_of(st.font, &text);
                wrap::wrap_by(&text, units, &mut self.lines, |i, _| widths.at(i), &breaks) as f32
            }
            None => 0.0,
        };
        let caption_height = caption_lines * st.leading + if caption_lines > 0.0 { role.space_before } else { 0.0 };
        let content = self.top - self.bottom;
        let (width, height) = size(self.width, (content - caption_height).max(content / 2.0));
        self.ensure(height + caption_height);
        let x = match align.unwrap_or(Align::Center) {
            Align::Left => self.left,
            Align::Center => self.left + (self.width - width) / 2.0,
            Align::Right => self.left + self.width - width,
        };
        draw(self, (x, self.y - height, width, height));
        self.y -= height;
        if let Some(c) = caption {
            self.y -= role.space_before;
            let setting = Setting { x: self.left, width: self.width, align: role.align, leading: st.leading };
            self.set_text(Content::Plain(c), st, setting);
        }
    }

    /// Adds the running header and footer to every page, centred vertically in the
    /// top and bottom margins.
    fn bands(&mut self, snapshot: &Snapshot) {
        let header = self.theme.resolve(Role::Header, None).text;
        let footer = self.theme.resolve(Role::Footer, None).text;
        let date = snapshot.metadata.creation_date.as_deref().and_then(DateTime::parse).map(|d| d.date_string());
        let pages = self.layout.pages.len();
        let top_margin = self.layout.height - self.top;
        let header_y = self.layout.height - top_margin / 2.0 - header.size / 3.0;
        let footer_y = (self.bottom / 2.0 - footer.size / 3.0).max(2.0);
        let numbering = snapshot.page.numbering;
        // A rule a third of the type size under the header's baseline, and a line's
        // height over the footer's.
        let rules = [header_y - header.size / 3.0, footer_y + footer.size];
        // Each margin's middle and height, where a band's images are centred.
        let margins = [(self.layout.height - top_margin / 2.0, top_margin), (self.bottom / 2.0, self.bottom)];
        for page in 1..=pages {
            let fields = Fields { page, pages, title: &snapshot.title, date: date.as_deref().unwrap_or(""), numbering };
            let (top, bottom) = snapshot.page.bands(page);
            let places = rules.into_iter().zip(margins).zip([true, false]);
            for ((band, st, y), ((rule, margin), is_header)) in
                [(top, &header, header_y), (bottom, &footer, footer_y)].into_iter().zip(places)
            {
                self.band(band, st, &fields, y);
                let images = self.logos(&snapshot.page, band, page - 1, margin);
                if band.rule {
                    let color = self.theme.accent();
                    let y = self.rule_past(rule, images, is_header);
                    let line = Rule { x1: self.left, x2: self.left + self.width, y, thickness: 0.5, color };
                    self.layout.pages[page - 1].rules.push(line);
                }
            }
        }
    }

    /// Places one band's pieces on page `fields.page`, with baseline `y`.
    fn band(&mut self, band: &Band, st: &TextStyle, fields: &Fields, y: f32) {
        for (part, text) in band.parts() {
            let Some(text) = text else { continue };
            let (x, anchor) = match part {
                "left" => (self.left, Anchor::Start),
                "right" => (self.left + self.width, Anchor::End),
                _ => (self.left + self.width / 2.0, Anchor::Middle),
            };
            let look = Look { font: st.font, size: st.size, color: st.color, word_spacing: 0.0 };
            self.label_on(fields.page - 1, &template::expand(text, fields), &look, (x, y), anchor);
        }
    }

    /// The width in points of `text` as a one-line label in `look`.
    pub(super) fn label_width(&self, text: &str, look: &Look) -> f32 {
        self.faces.measure(look.font, &self.faces.encode_owned(&one_line(text)), look.size)
    }

    /// Places `text` as one line (soft hyphens never show) on page `page` (an index),
    /// its baseline at `y` and its `anchor` at `x`; returns its width in points.
    pub(super) fn label_on(&mut self, page: usize, text: &str, look: &Look, (x, y): (f32, f32), anchor: Anchor) -> f32 {
        let text = self.faces.encode_owned(&one_line(text));
        let text = self.faces.shown(&text, (0, text.len() as u32), false).unwrap_or(text);
        if text.is_empty() {
            return 0.0;
        }
        let width = self.faces.measure(look.font, &text, look.size);
        let x = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        let end = text.len() as u32;
        let string = self.layout.strings.len() as u32;
        self.layout.strings.push(Cow::Owned(text));
        self.place_on(page, look, (x, y), string, 0..end, false);
        width
    }
}

/// The direction a block asks its text to run in: right to left if `Some(true)`.
fn block_direction(block: &Block) -> Option<bool> {
    let dir = match block {
        Block::Heading(h) => h.dir,
        Block::Paragraph(p) => p.dir,
        Block::BulletList(l) => l.dir,
        Block::NumberedList(l) => l.dir,
        Block::Table(t) => t.dir,
        Block::KeyValue(kv) => kv.dir,
        Block::Documents(d) => d.dir,
        Block::Box(b) => b.dir,
        _ => None,
    };
    dir.map(|d| d == Direction::Rtl)
}

/// The index of a heading's style: 0 to 2 for levels 1 to 3.
fn heading_index(level: u8) -> usize {
    usize::from(level.clamp(1, 3)) - 1
}

/// `text` on one line: line breaks and tabs become spaces (a label has no second line).
fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains(['\n', '\r', '\t']) {
        Cow::Owned(text.replace(['\n', '\r', '\t'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// The offset of the soft hyphen (UTF-8 C2 AD) that ends `text[..end]`, if one does:
/// the line breaks there and shows it as a hyphen.
pub(super) fn soft_hyphen_before(text: &[u8], end: usize) -> Option<usize> {
    (end >= 2 && text.get(end - 2..end) == Some(&[0xC2, 0xAD][..])).then(|| end - 2)
}
