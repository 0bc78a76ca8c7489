//! Setting text: a plain string or styled runs, wrapped to a width, aligned, and
//! placed line by line down the page.
//!
//! Runs are encoded one after the other into one WinAnsi string, so wrapping sees the
//! whole paragraph (a line may break inside a run, or between runs without a space
//! only where the text has one). Each line becomes one [`TextItem`] per run it
//! touches; justified lines widen their spaces with the PDF word spacing operator
//! (`Tw`, PDF 32000-1:2008, 9.3.3), which applies to the single-byte code 32.

use std::borrow::Cow;

use super::chart::rgb;
use super::faces::Faces;
use super::flow::{Flow, Look};
use super::font::{ASCENDER, Font};
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
        let (string, spans) = self.encode(content, st);
        let mut lines = std::mem::take(&mut self.lines);
        lines.clear();
        let max_units = (setting.width * 1000.0 / st.size) as u32;
        let text = &self.layout.strings[string as usize];
        match spans[..] {
            [one] if !self.faces.embedded() => {
                wrap::wrap(text, self.faces.standard_font(one.font), max_units, &mut lines);
            }
            [one] => {
                let breaks = self.faces.breaks(text);
                wrap::wrap_by(text, max_units, &mut lines, |i, _| self.faces.unit(one.font, text, i), &breaks);
            }
            _ => {
                let widths = unit_widths(&self.faces, text, &spans);
                wrap::wrap_by(text, max_units, &mut lines, |i, _| u32::from(widths[i]), &self.faces.breaks(text));
            }
        }
        let mut first_span = 0;
        for &line in &lines {
            self.ensure(setting.leading);
            while spans[first_span].end <= line.start && first_span + 1 < spans.len() {
                first_span += 1;
            }
            self.place_line(string, line, &spans[first_span..], st, &setting);
            self.y -= setting.leading;
        }
        self.lines = lines;
    }

    /// Encodes `content` into one string and its spans.
    fn encode(&mut self, content: Content<'a>, st: &TextStyle) -> (u32, Vec<Span<'a>>) {
        let base = st.color;
        match content {
            Content::Plain(text) => {
                let string = self.intern(Cow::Borrowed(text));
                let end = self.layout.strings[string as usize].len() as u32;
                (string, vec![Span { end, font: st.font, color: base, link: None }])
            }
            Content::Runs(runs) => {
                let mut bytes = Vec::new();
                let mut spans = Vec::with_capacity(runs.len());
                for run in runs {
                    bytes.extend_from_slice(&self.faces.encode(&run.text));
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

    /// Places one wrapped line: one text item per span it touches, aligned as asked.
    fn place_line(&mut self, string: u32, line: Line, spans: &[Span<'a>], st: &TextStyle, setting: &Setting) {
        let text = &self.layout.strings[string as usize];
        let natural = line.units as f32 * st.size / 1000.0;
        let spaces = text[line.start as usize..line.end as usize].iter().filter(|&&b| b == b' ').count();
        let last = text[line.end as usize..].iter().find(|&&b| b != b' ').is_none_or(|&b| b == b'\n');
        let (x, word_spacing) = match setting.align {
            TextAlign::Left => (setting.x, 0.0),
            TextAlign::Right => (setting.x + setting.width - natural, 0.0),
            TextAlign::Center => (setting.x + (setting.width - natural) / 2.0, 0.0),
            TextAlign::Justify if last || spaces == 0 => (setting.x, 0.0),
            TextAlign::Justify => (setting.x, ((setting.width - natural) / spaces as f32).max(0.0)),
        };
        let baseline = (setting.leading - st.size) / 2.0 + st.size * ASCENDER / 1000.0;
        let mut x = x;
        let mut start = line.start;
        for span in spans {
            if start >= line.end {
                break;
            }
            let end = span.end.min(line.end);
            if end <= start {
                continue;
            }
            let look = Look { font: span.font, size: st.size, color: span.color, word_spacing };
            let width = self.place(&look, x, self.y - baseline, string, (start, end), end == line.end);
            if let Some(target) = span.link {
                let top = self.y - (setting.leading - st.size) / 2.0;
                let rect = [x, top - st.size * 1.2, x + width, top];
                self.page().links.push(LinkArea { rect, target });
            }
            x += width;
            start = end;
        }
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
