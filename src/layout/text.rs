//! Setting text: a plain string or styled runs, wrapped to a width, aligned, and
//! placed line by line down the page.
//!
//! Runs are encoded one after the other into one WinAnsi string, so wrapping sees the
//! whole paragraph (a line may break inside a run, or between runs without a space
//! only where the text has one). Each line becomes one [`TextItem`] per run it
//! touches; justified lines widen their spaces with the PDF word spacing operator
//! (`Tw`, PDF 32000-1:2008, 9.3.3), which applies to the single-byte code 32.

use std::borrow::Cow;
use std::ops::Range;

use super::chart::rgb;
use super::complex;
use super::faces::Faces;
use super::flow::{Flow, Look};
use super::font::{ASCENDER, Font};
use super::hyphenate;
use super::style::{self, TextStyle};
use super::wrap::{self, Line};
use super::{LinkArea, Rgb};
use crate::document::{Run, Text, TextAlign};

/// Text to set: a plain string in the block's style, or runs.
#[derive(Debug, Clone, Copy)]
pub(super) enum Content<'a> {
    /// One string.
    Plain(&'a str),
    /// Styled runs.
    Runs(&'a [Run<'a>]),
}

impl<'a> From<&'a Text<'a>> for Content<'a> {
    fn from(text: &'a Text<'a>) -> Self {
        match text {
            Text::Plain(s) => Content::Plain(s),
            Text::Runs(runs) => Content::Runs(runs),
        }
    }
}

/// How a block's lines are set.
#[derive(Debug, Clone, Copy)]
pub(super) struct Setting {
    /// Left edge of the lines, in points.
    pub x: f32,
    /// Width of the lines, in points.
    pub width: f32,
    /// Alignment.
    pub align: TextAlign,
    /// Distance between baselines, in points.
    pub leading: f32,
}

/// Where a line's pieces go: its string and bytes, its type size, leading, word
/// spacing (points) and the distance from the line's top to its baseline.
struct LineAt {
    string: u32,
    line: Line,
    size: f32,
    leading: f32,
    word_spacing: f32,
    baseline: f32,
}

/// Fewest lines of a paragraph left at the foot of a page when it breaks (CSS's
/// `orphans`, default 2).
pub const ORPHANS: usize = 2;

/// Fewest lines of a paragraph carried to the head of the next page when it breaks
/// (CSS's `widows`, default 2).
pub const WIDOWS: usize = 2;

/// A run of the encoded string in one style: bytes up to `end`.
#[derive(Debug, Clone, Copy)]
struct Span<'a> {
    end: u32,
    font: Font,
    color: Rgb,
    link: Option<&'a str>,
}

impl<'a> Flow<'a, '_> {
    /// Wraps `content` to `setting.width` and places its lines from the cursor down,
    /// breaking pages between lines.
    pub(super) fn set_text(&mut self, content: Content<'a>, st: &TextStyle, setting: Setting) {
        // Justified text in a language snapdf hyphenates gets soft hyphens in its words.
        let hyphens = self.hyphenation.filter(|_| setting.align == TextAlign::Justify);
        let (string, spans) = self.encode(content, st, hyphens);
        let mut lines = std::mem::take(&mut self.lines);
        lines.clear();
        let max_units = (setting.width * 1000.0 / st.size) as u32;
        let shaped = self.shaped_widths(string, &spans);
        let text = &self.layout.strings[string as usize];
        match (&spans[..], shaped) {
            (_, Some(widths)) => {
                wrap::wrap_by(text, max_units, &mut lines, |i, _| u32::from(widths[i]), &self.faces.breaks(text));
            }
            ([one], None) if !self.faces.embedded() => {
                wrap::wrap(text, self.faces.standard_font(one.font), max_units, &mut lines);
            }
            ([one], None) => {
                let breaks = self.faces.breaks(text);
                wrap::wrap_by(text, max_units, &mut lines, |i, _| self.faces.unit(one.font, text, i), &breaks);
            }
            (_, None) => {
                let widths = unit_widths(&self.faces, text, &spans);
                wrap::wrap_by(text, max_units, &mut lines, |i, _| u32::from(widths[i]), &self.faces.breaks(text));
            }
        }
        let mut first_span = 0;
        let mut next = 0;
        while next < lines.len() {
            let here = self.lines_here(lines.len() - next, setting.leading, next == 0);
            if here == 0 {
                self.new_page();
                continue;
            }
            for &line in &lines[next..next + here] {
                while spans[first_span].end <= line.start && first_span + 1 < spans.len() {
                    first_span += 1;
                }
                self.place_line(string, line, &spans[first_span..], st, &setting);
                self.y -= setting.leading;
            }
            next += here;
            if next < lines.len() {
                self.new_page();
            }
        }
        self.lines = lines;
    }

    /// How many of a paragraph's next `remaining` lines, `leading` points apart, to set
    /// on this page: as many as fit, but a paragraph that breaks leaves at least
    /// [`ORPHANS`] lines at the foot of its first page (when `first`: else it starts on
    /// the next page) and carries at least [`WIDOWS`] to the next page (CSS Fragmentation
    /// Level 3, 3.3, with CSS's defaults). At the top of a page, where moving gains
    /// nothing, at least one.
    fn lines_here(&self, remaining: usize, leading: f32, first: bool) -> usize {
        let (mut fit, mut y) = (0, self.y);
        // The test `Flow::ensure` makes, line by line.
        while fit < remaining && y - leading >= self.bottom {
            y -= leading;
            fit += 1;
        }
        if fit >= remaining {
            return remaining;
        }
        let carried = remaining - fit;
        let here = fit.saturating_sub(WIDOWS.saturating_sub(carried));
        match self.at_page_top() {
            true => here.max(1),
            false if first && here < ORPHANS => 0,
            false => here,
        }
    }

    /// The shaped width of each byte of a complex string in supplied fonts (see
    /// [`complex`]), its bidirectional analysis kept for placing its lines; `None` for
    /// any other string.
    fn shaped_widths(&mut self, string: u32, spans: &[Span]) -> Option<Vec<u16>> {
        let text = &self.layout.strings[string as usize];
        if !self.is_complex(text) {
            return None;
        }
        let s = std::str::from_utf8(text).ok()?;
        let analysis = complex::Analysis::new(s, self.direction);
        let styles: Vec<(u32, Font)> = spans.iter().map(|s| (s.end, s.font)).collect();
        let widths = self.faces.shaped_widths(text, &styles, Some(&analysis));
        self.bidi = Some((string, analysis));
        widths
    }

    /// Encodes `content` into one string and its spans, hyphenated in language
    /// `hyphens` if given ([`hyphenate`]).
    fn encode(&mut self, content: Content<'a>, st: &TextStyle, hyphens: Option<[u8; 2]>) -> (u32, Vec<Span<'a>>) {
        let base = st.color;
        let hyphenated = |text: &'a str| match hyphens.and_then(|lang| hyphenate::hyphenate(text, lang)) {
            Some(h) => Cow::Owned(h),
            None => Cow::Borrowed(text),
        };
        match content {
            Content::Plain(text) => {
                let string = self.intern(hyphenated(text));
                let end = self.layout.strings[string as usize].len() as u32;
                (string, vec![Span { end, font: st.font, color: base, link: None }])
            }
            Content::Runs(runs) => {
                let mut bytes = Vec::new();
                let mut spans = Vec::with_capacity(runs.len());
                for run in runs {
                    bytes.extend_from_slice(&self.faces.encode(&hyphenated(&run.text)));
                    // The run's own fields over its named style's over the block's.
                    let named = self.theme.run_style(run.style.as_deref());
                    let color = match (run.color.or(named.and_then(|n| n.color)), &run.link) {
                        (Some(c), _) => rgb(c),
                        (None, Some(_)) => style::LINK,
                        (None, None) => base,
                    };
                    let bold = named.and_then(|n| n.bold).unwrap_or(st.font.is_bold()) || run.bold;
                    let italic = named.and_then(|n| n.italic).unwrap_or(st.font.is_italic()) || run.italic;
                    let font = Font::styled(bold, italic, run.mono);
                    spans.push(Span { end: bytes.len() as u32, font, color, link: run.link.as_deref() });
                }
                if spans.is_empty() {
                    spans.push(Span { end: 0, font: st.font, color: base, link: None });
                }
                self.layout.strings.push(Cow::Owned(bytes));
                ((self.layout.strings.len() - 1) as u32, spans)
            }
        }
    }

    /// Places one wrapped line: one text item per span it touches (per run and face in
    /// complex text, in visual order), aligned as asked.
    fn place_line(&mut self, string: u32, line: Line, spans: &[Span<'a>], st: &TextStyle, setting: &Setting) {
        let text = &self.layout.strings[string as usize];
        let natural = line.units as f32 * st.size / 1000.0;
        let spaces = text[line.start as usize..line.end as usize].iter().filter(|&&b| b == b' ').count();
        let last = text[line.end as usize..].iter().find(|&&b| b != b' ').is_none_or(|&b| b == b'\n');
        let complex = self.is_complex(&text[line.start as usize..line.end as usize]);
        let rtl = match (&self.bidi, complex) {
            (Some((at, analysis)), true) if *at == string => analysis.rtl_at(line.start as usize),
            _ => self.direction == Some(true),
        };
        let free = setting.width - natural;
        let (x, word_spacing) = match (physical(setting.align, rtl), rtl) {
            (TextAlign::Justify, _) if !last && spaces > 0 => (setting.x, (free / spaces as f32).max(0.0)),
            (TextAlign::Left, _) | (TextAlign::Justify, false) => (setting.x, 0.0),
            (TextAlign::Center, _) => (setting.x + free / 2.0, 0.0),
            _ => (setting.x + free, 0.0),
        };
        let baseline = (setting.leading - st.size) / 2.0 + st.size * ASCENDER / 1000.0;
        let at = LineAt { string, line, size: st.size, leading: setting.leading, word_spacing, baseline };
        let mut x = x;
        if complex {
            for (k, range, rtl) in self.visual_pieces(string, line, spans) {
                x += self.place_piece(&at, spans[k], range, Some(rtl), x);
            }
        } else {
            for (k, range) in logical_pieces(line, spans) {
                x += self.place_piece(&at, spans[k], range, None, x);
            }
        }
    }

    /// Places bytes `range` of a line, all in `span`'s style, from `x`: as a run of
    /// complex text in direction `rtl`, or as plain text; returns its width in points.
    fn place_piece(&mut self, at: &LineAt, span: Span<'a>, range: Range<usize>, rtl: Option<bool>, x: f32) -> f32 {
        let look = Look { font: span.font, size: at.size, color: span.color, word_spacing: at.word_spacing };
        let y = self.y - at.baseline;
        let width = match rtl {
            Some(rtl) => {
                let page = self.layout.pages.len() - 1;
                let text = &self.layout.strings[at.string as usize];
                let hyphen = super::flow::soft_hyphen_before(text, at.line.end as usize);
                self.place_run(page, &look, (x, y), at.string, &complex::Run { range, rtl }, hyphen)
            }
            None => {
                let bytes = (range.start as u32, range.end as u32);
                self.place(&look, x, y, at.string, bytes, bytes.1 == at.line.end)
            }
        };
        if let Some(target) = span.link {
            let top = self.y - (at.leading - at.size) / 2.0;
            let rect = [x, top - at.size * 1.2, x + width, top];
            self.page().links.push(LinkArea { rect, target });
        }
        width
    }

    /// The pieces of a complex line in visual order: each bidirectional run cut at
    /// its spans' ends (reversed in a right-to-left run), with the span's index and
    /// the run's direction.
    fn visual_pieces(&mut self, string: u32, line: Line, spans: &[Span]) -> Vec<(usize, Range<usize>, bool)> {
        let mut out = Vec::new();
        for run in self.visual_runs(string, line.start as usize..line.end as usize) {
            let start = out.len();
            let piece = Line { start: run.range.start as u32, end: run.range.end as u32, units: 0 };
            out.extend(logical_pieces(piece, spans).map(|(k, range)| (k, range, run.rtl)));
            if run.rtl {
                out[start..].reverse();
            }
        }
        out
    }
}

/// The pieces of `line` in logical order: its bytes cut at the spans' ends, with the
/// index of each one's span (`spans` starts at or before the line).
fn logical_pieces(line: Line, spans: &[Span]) -> impl Iterator<Item = (usize, Range<usize>)> {
    let mut start = line.start;
    spans
        .iter()
        .enumerate()
        .map_while(move |(k, span)| {
            if start >= line.end {
                return None;
            }
            let end = span.end.min(line.end);
            let piece = (end > start).then_some((k, start as usize..end as usize));
            start = start.max(end);
            Some(piece)
        })
        .flatten()
}

/// The side `align` sets a line flush to in a paragraph that runs right to left if
/// `rtl`: `start` and `end` become left or right (CSS Text 3, `text-align`).
pub(super) fn physical(align: TextAlign, rtl: bool) -> TextAlign {
    match (align, rtl) {
        (TextAlign::Start, false) | (TextAlign::End, true) => TextAlign::Left,
        (TextAlign::Start, true) | (TextAlign::End, false) => TextAlign::Right,
        (other, _) => other,
    }
}

/// The width of every byte of `text` in 1/1000 em, each in its span's font.
fn unit_widths(faces: &Faces, text: &[u8], spans: &[Span]) -> Vec<u16> {
    let mut out = Vec::with_capacity(text.len());
    let mut from = 0;
    for span in spans {
        out.extend((from..span.end as usize).map(|i| faces.unit(span.font, text, i) as u16));
        from = span.end as usize;
    }
    out
}
