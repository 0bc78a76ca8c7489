//! Complex text in supplied fonts: right-to-left and mixed-direction lines ordered by
//! the Unicode Bidirectional Algorithm (UAX #9, through the unicode-bidi crate), and
//! scripts whose letters join, combine or reorder shaped by rustybuzz (HarfBuzz's
//! port to Rust, see [`crate::fonts::Face::shape`]).
//!
//! Text takes this path only where it needs to ([`is_complex`]): Latin, Greek,
//! Cyrillic and East Asian text without combining marks keeps the fast path of
//! per-character advances and pair kerning, which shaping would not change for
//! them (DejaVu Sans and Noto Sans set them with one glyph per character, the same
//! advances and the same `kern` pairs).
//!
//! Measuring shapes each run of one style, one face and one embedding level of a
//! paragraph and gives each cluster's advance to its first byte (the other bytes
//! measure 0), so that lines break between clusters, never inside one. Drawing
//! reorders each line's runs visually (rules L1 and L2) and shapes each piece again in
//! its direction; the pieces then carry their glyphs ([`super::Layout::glyph_runs`]).

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, ParagraphInfo};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::faces::{Faces, char_at};
use super::font::Font;
use super::wrap::has_soft_hyphen;
use crate::fonts::{FaceId, Glyph};

/// Whether UTF-8 `text` needs shaping or reordering: it has a character of a script
/// written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and the historic ones),
/// of a script whose letters combine or reorder (the Indic scripts, Thai, Lao, Tibetan,
/// Myanmar, Khmer, Mongolian and their kin), a combining diacritical mark, a joiner or
/// a bidirectional control. Cheap for other text: bytes below 0xCC lead only
/// characters before U+0300.
#[cfg(feature = "media")]
pub fn is_complex(text: &[u8]) -> bool {
    if !text.iter().any(|&b| b >= 0xCC) {
        return false;
    }
    std::str::from_utf8(text).is_ok_and(|s| s.chars().any(complex_char))
}

/// Always false in builds without the `media` feature, which read no fonts: the
/// compiler then leaves out every complex path.
#[cfg(not(feature = "media"))]
#[inline(always)]
pub fn is_complex(_: &[u8]) -> bool {
    false
}

/// Whether `c` is one [`is_complex`] looks for (The Unicode Standard's blocks).
#[cfg_attr(not(feature = "media"), allow(dead_code))]
fn complex_char(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F // combining diacritical marks
        | 0x0590..=0x08FF // Hebrew to Arabic Extended-A
        | 0x0900..=0x0DFF // Devanagari to Sinhala
        | 0x0E00..=0x0FFF // Thai, Lao, Tibetan
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x18AF // Khmer, Mongolian
        | 0x1A00..=0x1CFF // Buginese to Vedic Extensions
        | 0x200C..=0x200F // ZWNJ, ZWJ, LRM, RLM
        | 0x202A..=0x202E // embeddings and overrides
        | 0x2066..=0x2069 // isolates
        | 0xA800..=0xABFF // Syloti Nagri to Meetei Mayek
        | 0xFB1D..=0xFDFF // Hebrew and Arabic presentation forms
        | 0xFE20..=0xFE2F // combining half marks
        | 0xFE70..=0xFEFF // Arabic presentation forms-B
        | 0x10800..=0x10FFF // right-to-left historic scripts
        | 0x11000..=0x11FFF // Brahmi and its descendants
        | 0x1E800..=0x1EFFF // Mende Kikakui, Adlam, Arabic mathematical symbols
    )
}

/// A piece of a line in one direction: a byte range of the text and whether it runs
/// right to left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The bytes, in logical order.
    pub range: Range<usize>,
    /// Whether it is set right to left (an odd embedding level).
    pub rtl: bool,
}

/// The embedding levels of a string's paragraphs (rules P2 to I2), resolved once and
/// kept while its lines are placed.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The text analysed (a copy: its lines are read many times, and checking the
    /// bytes as UTF-8 each time would cost the whole string per line).
    text: String,
    classes: Vec<BidiClass>,
    levels: Vec<Level>,
    paragraphs: Vec<ParagraphInfo>,
}

impl Analysis {
    /// Resolves UTF-8 `text` (each `\n` ends a paragraph): each paragraph's base
    /// direction is `rtl` if given, else its first strong character's.
    pub fn new(text: &str, rtl: Option<bool>) -> Self {
        let base = rtl.map(|rtl| if rtl { Level::rtl() } else { Level::ltr() });
        let info = BidiInfo::new(text, base);
        Analysis {
            text: text.to_owned(),
            classes: info.original_classes,
            levels: info.levels,
            paragraphs: info.paragraphs,
        }
    }

    /// The resolved level of each byte.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Whether the paragraph holding byte `at` runs right to left.
    pub fn rtl_at(&self, at: usize) -> bool {
        self.paragraph(at).is_some_and(|p| p.level.is_rtl())
    }

    fn paragraph(&self, at: usize) -> Option<&ParagraphInfo> {
        self.paragraphs.iter().find(|p| p.range.contains(&at)).or(self.paragraphs.last())
    }

    /// The runs of bytes `line` of the text analysed in visual order, left to right on
    /// the page: rule L1 (whitespace at the line's end at the paragraph's level) and L2
    /// (runs reversed from the highest level down).
    pub fn visual_runs(&mut self, line: Range<usize>) -> Vec<Run> {
        let text = self.text.as_str();
        let Some(para) = self.paragraph(line.start).cloned() else {
            return vec![Run { range: line, rtl: false }];
        };
        let line = line.start.max(para.range.start)..line.end.min(para.range.end);
        // An empty line (a blank one, or one past its paragraph's end) has no runs:
        // unicode-bidi reads the level at its start before looking at its length.
        if line.start >= line.end || !text.is_char_boundary(line.start) || !text.is_char_boundary(line.end) {
            return Vec::new();
        }
        let info = BidiInfo {
            text: &self.text,
            original_classes: std::mem::take(&mut self.classes),
            levels: std::mem::take(&mut self.levels),
            paragraphs: std::mem::take(&mut self.paragraphs),
        };
        let (levels, runs) = info.visual_runs(&para, line);
        let runs = runs.into_iter().map(|r| Run { rtl: levels[r.start].is_rtl(), range: r }).collect();
        (self.classes, self.levels, self.paragraphs) = (info.original_classes, info.levels, info.paragraphs);
        runs
    }
}

/// A piece of text set in one face in one direction, with its glyphs in visual order
/// (clusters are byte offsets into the piece).
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedPiece {
    /// The face.
    pub face: FaceId,
    /// The bytes of the text, in logical order.
    pub range: Range<usize>,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
    /// Its advance in 1/1000 em (the sum of the glyphs').
    pub units: f32,
}

impl Faces<'_> {
    /// The width of every byte of UTF-8 `text` in 1/1000 em, shaped, each cluster's at
    /// its first byte: `spans` gives the style of the bytes up to each end offset.
    /// `None` in the standard fonts. `analysis` is of `text`, if the caller has one.
    pub fn shaped_widths(&self, text: &[u8], spans: &[(u32, Font)], analysis: Option<&Analysis>) -> Option<Vec<u16>> {
        let book = self.book()?;
        let s = std::str::from_utf8(text).ok()?;
        let own;
        let analysis = match analysis {
            Some(a) => a,
            None => {
                own = Analysis::new(s, None);
                &own
            }
        };
        let mut widths = vec![0f32; text.len()];
        let mut from = 0;
        for &(end, style) in spans {
            let end = (end as usize).min(text.len());
            for (face, range) in self.face_pieces(style, text, from..end) {
                for (level, piece) in level_runs(analysis.levels(), range.clone()) {
                    for g in book.face(face).shape(&s[piece.clone()], level.is_rtl()) {
                        widths[piece.start + g.cluster as usize] += g.advance;
                    }
                }
                if has_soft_hyphen(&text[range.clone()]) {
                    soft_hyphen_widths(&text[range.clone()], book.face(face), &mut widths[range]);
                }
            }
            from = end;
        }
        Some(widths.into_iter().map(|w| w.round().clamp(0.0, f32::from(u16::MAX)) as u16).collect())
    }

    /// `text[run.range]` (UTF-8, in `style`) split by face and shaped in the run's
    /// direction, the pieces in visual order; the soft hyphen at byte `hyphen`, if
    /// the run has it, is drawn as a hyphen (the line breaks there).
    pub fn shape_run(&self, style: Font, text: &[u8], run: &Run, hyphen: Option<usize>) -> Vec<ShapedPiece> {
        let Some(book) = self.book() else { return Vec::new() };
        let mut pieces: Vec<ShapedPiece> = self
            .face_pieces(style, text, run.range.clone())
            .into_iter()
            .map(|(face, range)| {
                let piece = std::str::from_utf8(&text[range.clone()]).unwrap_or_default();
                let at = hyphen.filter(|h| range.contains(h)).map(|h| h - range.start);
                let mut glyphs = book.face(face).shape_hyphenated(piece, run.rtl, at);
                if has_soft_hyphen(piece.as_bytes()) {
                    // The soft hyphens the line does not break at show nothing.
                    let hidden =
                        |g: &Glyph| Some(g.cluster as usize) != at && piece[g.cluster as usize..].starts_with('\u{AD}');
                    glyphs.retain(|g| !hidden(g));
                }
                let units = glyphs.iter().map(|g| g.advance).sum();
                ShapedPiece { face, range, glyphs, units }
            })
            .collect();
        if run.rtl {
            pieces.reverse();
        }
        pieces
    }

    /// `text[range]` split where the face changes: each character in the first face
    /// of `style`'s chain that has it, but a combining mark or joiner in its base
    /// character's face when that face has it, so that clusters stay whole.
    fn face_pieces(&self, style: Font, text: &[u8], range: Range<usize>) -> Vec<(FaceId, Range<usize>)> {
        let chain = self.chain(style);
        let (Some(&first), Some(book)) = (chain.first(), self.book()) else { return Vec::new() };
        let mut out: Vec<(FaceId, Range<usize>)> = Vec::new();
        for i in range.clone() {
            let Some(c) = char_at(text, i) else { continue };
            let has = |id: FaceId| book.face(id).glyph(c).is_some();
            let previous = out.last().map(|(id, _)| *id).filter(|&id| sticks(c) && has(id));
            let id = previous.or_else(|| chain.iter().copied().find(|&id| has(id))).unwrap_or(first);
            match out.last_mut() {
                Some((last, r)) if *last == id => r.end = i + c.len_utf8(),
                _ => out.push((id, i..i + c.len_utf8())),
            }
        }
        if let Some((_, r)) = out.last_mut() {
            r.end = r.end.max(range.end).min(text.len());
        }
        out
    }
}

/// Gives each soft hyphen of UTF-8 `text` (bytes C2 AD), set in `face`, the width of
/// the hyphen it shows where a line breaks at it, on its first byte (`widths` is
/// `text`'s): line breaking counts it only there ([`super::wrap::wrap_by`]).
fn soft_hyphen_widths(text: &[u8], face: &crate::fonts::Face, widths: &mut [f32]) {
    let units = face.hyphen_units();
    for (i, pair) in text.windows(2).enumerate() {
        if pair == [0xC2, 0xAD] {
            widths[i] = units;
            widths[i + 1] = 0.0;
        }
    }
}

/// Whether `c` belongs with the character before it: a combining mark, or a joiner,
/// non-joiner or variation selector.
fn sticks(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// The maximal runs of one embedding level within `range`.
fn level_runs(levels: &[Level], range: Range<usize>) -> Vec<(Level, Range<usize>)> {
    let mut out: Vec<(Level, Range<usize>)> = Vec::new();
    for i in range {
        match out.last_mut() {
            Some((level, r)) if *level == levels[i] => r.end = i + 1,
            _ => out.push((levels[i], i..i + 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "media")]
    fn complex_text_is_found_cheaply() {
        assert!(!is_complex("Hello, Ж, 日本".as_bytes()));
        assert!(is_complex("שלום".as_bytes()));
        assert!(is_complex("مرحبا".as_bytes()));
        assert!(is_complex("नमस्ते".as_bytes()));
        assert!(is_complex("e\u{301}".as_bytes()));
    }

    /// The fast path's widths (advances and pair kerning, [`Faces::unit`]) and the
    /// shaper's agree for Latin, Greek and Cyrillic in DejaVu Sans and Noto Sans: one
    /// glyph per character (the character's own), and whole lines within one unit
    /// (1/1000 em, the fast path's rounding) per character. The one difference is the
    /// f-ligatures, which the fast path does not draw: so line breaks are the same.
    #[test]
    #[cfg(feature = "media")]
    fn latin_greek_and_cyrillic_shape_as_the_fast_path_measures() {
        use crate::fonts::{FontBook, FontFile};
        let files = [
            ("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            ("Noto Sans", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
        ];
        let data: Vec<Vec<u8>> = files.iter().map(|(_, f)| std::fs::read(f).expect("fonts installed")).collect();
        let book =
            FontBook::new(&[FontFile::new(files[0].0, &data[0]), FontFile::new(files[1].0, &data[1])]).expect("fonts");
        let lines = [
            "The quick brown fox jumps over the lazy dog: AV, To, Wa, 1,234.50 €",
            "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία",
            "Съешь же ещё этих мягких французских булок, да выпей чаю",
        ];
        for id in 0..2 {
            let face = book.face(id);
            for line in lines {
                let glyphs = face.shape(line, false);
                assert_eq!(glyphs.len(), line.chars().count(), "one glyph per character: {line}");
                let mut fast = 0i32;
                let mut previous: Option<u16> = None;
                for (c, g) in line.chars().zip(&glyphs) {
                    let (glyph, advance) = face.glyph(c).expect("covered");
                    assert_eq!(glyph, g.id, "the character's own glyph: {c}");
                    let kern = previous.map_or(0, |p| face.kern(p, glyph));
                    fast += i32::from(advance) + kern;
                    previous = Some(glyph);
                }
                let shaped: f32 = glyphs.iter().map(|g| g.advance).sum();
                let chars = line.chars().count() as f32;
                assert!((shaped - fast as f32).abs() <= chars, "{line}: shaped {shaped}, fast {fast}");
            }
        }
        // What the fast path leaves out: DejaVu Sans's f-ligatures (`liga`), which draw
        // "fi" and "ffl" as one glyph each, 12.4 units (1/1000 em) narrower than their
        // 1,927 units of letters: 0.1 pt at 10 pt.
        let face = book.face(0);
        let shaped = face.shape("fi ffl", false);
        assert_eq!(shaped.len(), 3);
        let fast: i32 = "fi ffl".chars().map(|c| i32::from(face.glyph(c).expect("covered").1)).sum();
        let width: f32 = shaped.iter().map(|g| g.advance).sum();
        assert!((width - fast as f32).abs() <= 15.0, "ligatures {width}, letters {fast}");
    }

    #[test]
    fn blank_and_empty_lines_have_no_runs() {
        // A blank right-to-left paragraph, and a last line of spaces (the line after a
        // `\n` starts at the end of the text), killed the module (probe of issue 24).
        for (text, line) in [(" ", 0..1), (" ", 1..1), ("a\n  ", 4..4), ("\n", 1..1), ("ש\n", 2..2)] {
            let mut analysis = Analysis::new(text, Some(true));
            let runs = analysis.visual_runs(line.clone());
            assert!(runs.iter().all(|r| !r.range.is_empty()), "{text:?} {line:?}: {runs:?}");
        }
    }

    #[test]
    fn mixed_lines_run_in_visual_order() {
        // "abc " then Hebrew then "123": in an LTR paragraph a number after Hebrew joins
        // its run (rule W7 leaves it EN, N1 takes the space between as R, I2 raises it
        // to level 2), so it shows to the Hebrew's left.
        let text = "abc שלום 123";
        let runs = Analysis::new(text, Some(false)).visual_runs(0..text.len());
        let pieces: Vec<(&str, bool)> = runs.iter().map(|r| (&text[r.range.clone()], r.rtl)).collect();
        assert_eq!(pieces, [("abc ", false), ("123", false), ("שלום ", true)]);
        // In an RTL paragraph, numbers stay left to right inside it, and the runs go right to left.
        let text = "שלום 123 עולם";
        // Its first strong character is Hebrew: the paragraph runs right to left.
        let mut analysis = Analysis::new(text, None);
        assert!(analysis.rtl_at(0));
        let runs = analysis.visual_runs(0..text.len());
        let pieces: Vec<(&str, bool)> = runs.iter().map(|r| (&text[r.range.clone()], r.rtl)).collect();
        assert_eq!(pieces, [(" עולם", true), ("123", false), ("שלום ", true)]);
    }
}
