//! Greedy line breaking over encoded text (WinAnsi, or UTF-8 for supplied fonts).
//!
//! The greedy ("first fit") algorithm puts as many words on a line as fit, then starts
//! the next; it is what browsers and word processors do for ragged-right text. Lines
//! break at spaces (0x20) and at `\n`, and in UTF-8 text also where the Unicode Line
//! Breaking Algorithm (UAX #14, through the unicode-linebreak crate) allows a break next
//! to an East Asian character ([`east_asian_breaks`]): Chinese and Japanese flow without
//! spaces, and closing punctuation, small kana and the like never start a line (the
//! rules Japanese calls kinsoku). A word wider than the line is broken between
//! characters. Spaces at a break are dropped; spaces inside a line are kept as given.

#[cfg(feature = "media")]
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::font::Font;

/// Where encoded text may break other than at spaces and line feeds.
///
/// Soft hyphens (U+00AD, The Unicode Standard 23.2, and UAX #14 class BA) are break
/// opportunities that show a hyphen only where a line breaks at them: elsewhere they
/// are invisible and take no room. A line that ends at one is as wide as its text plus
/// the hyphen ([`wrap_by`]), and [`super::faces::Faces::shown`] drops the others when
/// the line is drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Breaks {
    /// Offsets (bytes, ascending) before which a line may break: East Asian break
    /// opportunities and the end of every soft hyphen.
    pub at: Vec<u32>,
    /// The byte ranges (ascending) of the soft hyphens: 0xAD in WinAnsi, C2 AD in UTF-8.
    pub soft: Vec<(u32, u32)>,
}

impl Breaks {
    /// The soft hyphens of WinAnsi `text` (the byte 0xAD), and no other breaks.
    #[inline]
    pub fn winansi(text: &[u8]) -> Breaks {
        if !has_soft_hyphen(text) {
            return Breaks::default(); // almost always
        }
        Breaks::winansi_soft(text)
    }

    /// [`Breaks::winansi`] of text that has soft hyphens.
    #[inline(never)]
    fn winansi_soft(text: &[u8]) -> Breaks {
        let soft: Vec<(u32, u32)> = text
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == SOFT_HYPHEN)
            .map(|(i, _)| (i as u32, i as u32 + 1))
            .collect();
        Breaks { at: soft.iter().map(|&(_, end)| end).collect(), soft }
    }

    /// The soft hyphens of UTF-8 `text` (C2 AD) merged into `east_asian` break offsets.
    pub fn utf8(text: &[u8], east_asian: Vec<u32>) -> Breaks {
        if !has_soft_hyphen(text) {
            return Breaks { at: east_asian, soft: Vec::new() };
        }
        let soft: Vec<(u32, u32)> = text
            .windows(2)
            .enumerate()
            .filter(|&(_, w)| w == [0xC2, SOFT_HYPHEN])
            .map(|(i, _)| (i as u32, i as u32 + 2))
            .collect();
        if soft.is_empty() {
            return Breaks { at: east_asian, soft };
        }
        let mut at: Vec<u32> = east_asian.into_iter().chain(soft.iter().map(|&(_, end)| end)).collect();
        at.sort_unstable();
        at.dedup();
        Breaks { at, soft }
    }

    /// The soft hyphen that ends at `end`, if any.
    #[inline(never)]
    fn soft_ending_at(&self, end: usize) -> Option<(usize, usize)> {
        let i = self.soft.binary_search_by_key(&(end as u32), |&(_, e)| e).ok()?;
        let (s, e) = self.soft[i];
        Some((s as usize, e as usize))
    }

    /// Whether byte `i` belongs to a soft hyphen.
    fn in_soft(&self, i: usize) -> bool {
        !self.soft.is_empty() && self.soft_at(i)
    }

    /// [`Breaks::in_soft`] when there are soft hyphens: out of line, so that the width
    /// loops of every [`wrap_by`] instance stay small.
    #[inline(never)]
    fn soft_at(&self, i: usize) -> bool {
        let k = self.soft.partition_point(|&(_, e)| e as usize <= i);
        self.soft.get(k).is_some_and(|&(s, _)| s as usize <= i)
    }
}

/// The soft hyphen's byte in WinAnsi, and the last byte of its UTF-8 form.
pub const SOFT_HYPHEN: u8 = 0xAD;

/// Whether encoded `text` may hold a soft hyphen (has the byte 0xAD). A plain loop: the
/// texts are mostly a few bytes (table cells), for which `memchr`'s set-up costs more.
#[inline]
#[allow(clippy::manual_contains)] // `contains` is memchr: slower on a table cell's few bytes
pub fn has_soft_hyphen(text: &[u8]) -> bool {
    text.iter().any(|&b| b == SOFT_HYPHEN)
}

/// One wrapped line: a byte range of the text and its width in 1/1000 em.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Start offset in the text, in bytes.
    pub start: u32,
    /// End offset (exclusive), in bytes.
    pub end: u32,
    /// Width of `text[start..end]` in 1/1000 em.
    pub units: u32,
}

/// The first code point of the scripts written without spaces between words: CJK
/// radicals (U+2E80) onwards, through the ideographs, kana, Hangul and the fullwidth
/// forms (The Unicode Standard, chapter 18).
#[cfg(feature = "media")]
const EAST_ASIAN: char = '\u{2E80}';

/// The offsets (bytes, ascending) in UTF-8 `text` where a line may break other than
/// at a space or a line feed: the break opportunities of UAX #14 that have an East
/// Asian character on either side. Latin, Greek and Cyrillic text keeps breaking only
/// at spaces. Empty for text without East Asian characters (checked first, cheaply).
#[cfg(feature = "media")]
pub fn east_asian_breaks(text: &str) -> Vec<u32> {
    // U+2E80 and above take three or four UTF-8 bytes, led by 0xE2 or more.
    if !text.bytes().any(|b| b >= 0xE2) || !text.chars().any(|c| c >= EAST_ASIAN) {
        return Vec::new();
    }
    let wide = |c: Option<char>| c.is_some_and(|c| c >= EAST_ASIAN);
    linebreaks(text)
        .filter(|&(at, kind)| {
            kind == BreakOpportunity::Allowed
                && at < text.len()
                && !text[..at].ends_with([' ', '\n'])
                && (wide(text[..at].chars().next_back()) || wide(text[at..].chars().next()))
        })
        .map(|(at, _)| at as u32)
        .collect()
}

/// None in builds without the `media` feature: only supplied fonts print East Asian
/// text, and those builds read none.
#[cfg(not(feature = "media"))]
pub fn east_asian_breaks(_: &str) -> Vec<u32> {
    Vec::new()
}

/// Breaks `text` into lines no wider than `max_units` (1/1000 em of `font`) and
/// appends them to `out`. An empty text or an empty `\n`-separated line yields an
/// empty line, so blank lines keep their height. Returns the number of lines added.
pub fn wrap(text: &[u8], font: Font, max_units: u32, out: &mut Vec<Line>) -> usize {
    let widths = font.widths();
    wrap_by(text, max_units, out, |_, b| u32::from(widths[usize::from(b)]), &Breaks::winansi(text))
}

/// [`wrap`] with the width of each byte given by `width(offset, byte)` in 1/1000 em
/// (for text in several fonts of one size), and lines also breaking before the
/// offsets in `breaks.at` (from [`east_asian_breaks`] and the soft hyphens). A soft
/// hyphen takes no room but where a line ends at it: there `width` of its bytes (the
/// hyphen) counts, and a word that ends at one fits only with it.
pub fn wrap_by(
    text: &[u8],
    max_units: u32,
    out: &mut Vec<Line>,
    width: impl Fn(usize, u8) -> u32,
    breaks: &Breaks,
) -> usize {
    // Text without soft hyphens (almost all) takes a copy of the loop without their checks.
    match breaks.soft.is_empty() {
        true => wrap_lines::<false>(text, max_units, out, &width, breaks),
        false => wrap_lines::<true>(text, max_units, out, &width, breaks),
    }
}

/// [`wrap_by`], with the soft hyphens' checks when `SOFT`.
fn wrap_lines<const SOFT: bool>(
    text: &[u8],
    max_units: u32,
    out: &mut Vec<Line>,
    width: &impl Fn(usize, u8) -> u32,
    breaks: &Breaks,
) -> usize {
    let is_break = |i: usize| !breaks.at.is_empty() && breaks.at.binary_search(&(i as u32)).is_ok();
    // The hyphen a line ending at `end` shows.
    let hyphen = |end: usize| match SOFT {
        false => 0,
        true => breaks.soft_ending_at(end).map_or(0, |(s, e)| (s..e).map(|i| width(i, text[i])).sum::<u32>()),
    };
    let before = out.len();
    let mut offset = 0;
    for hard in text.split(|&b| b == b'\n') {
        let base = offset;
        // Widths by offset within this hard line; a soft hyphen's are counted at a break.
        let w = |i: usize| if SOFT && breaks.soft_at(base + i) { 0 } else { width(base + i, hard[i]) };
        let lines_before = out.len();
        offset += hard.len() + 1;
        let mut line: Option<Line> = None;
        let mut pos = 0;
        while pos < hard.len() {
            // Skip spaces before the next word.
            if hard[pos] == b' ' {
                pos += 1;
                continue;
            }
            let word_end = (pos + 1..hard.len()).find(|&i| hard[i] == b' ' || is_break(base + i)).unwrap_or(hard.len());
            match line {
                Some(ref mut l) => {
                    let gap_and_word: u32 = (l.end as usize - base..word_end).map(w).sum();
                    if l.units + gap_and_word + hyphen(base + word_end) <= max_units {
                        l.end = (base + word_end) as u32;
                        l.units += gap_and_word;
                        pos = word_end;
                        continue;
                    }
                    out.push(Line { units: l.units + hyphen(l.end as usize), ..*l });
                    line = None;
                }
                None => {
                    let word_units: u32 = (pos..word_end).map(w).sum();
                    if word_units + hyphen(base + word_end) <= max_units {
                        line =
                            Some(Line { start: (base + pos) as u32, end: (base + word_end) as u32, units: word_units });
                        pos = word_end;
                    } else {
                        pos = break_word(word_end, pos, base, max_units, &w, out);
                    }
                }
            }
        }
        match line {
            Some(l) => out.push(Line { units: l.units + hyphen(l.end as usize), ..l }),
            None if out.len() == lines_before => {
                let end = (base + hard.len()) as u32;
                out.push(Line { start: end, end, units: 0 });
            }
            None => {}
        }
    }
    out.len() - before
}

/// Emits full lines of a word too wide for a line, character by character, and returns
/// where its last (partial) piece starts; that piece is then placed as a normal word.
fn break_word(
    word_end: usize,
    mut pos: usize,
    base: usize,
    max_units: u32,
    w: &impl Fn(usize) -> u32,
    out: &mut Vec<Line>,
) -> usize {
    // The width of what is left, kept up to date: recomputing it per line would make a
    // long word quadratic.
    let mut rest: u64 = (pos..word_end).map(|i| u64::from(w(i))).sum();
    loop {
        if rest <= u64::from(max_units) {
            return pos;
        }
        let (mut end, mut units) = (pos, 0);
        while end < word_end && units + w(end) <= max_units {
            units += w(end);
            end += 1;
        }
        // At least one character per line, even if it alone is too wide.
        if end == pos {
            units = w(pos);
            end = pos + 1;
        }
        // Never end inside a character: its continuation bytes measure 0.
        while end < word_end && w(end) == 0 {
            end += 1;
        }
        out.push(Line { start: (base + pos) as u32, end: (base + end) as u32, units });
        rest -= u64::from(units);
        pos = end;
    }
}

/// The widest single line of `text` if never wrapped, and its widest word, in 1/1000 em.
pub fn natural_widths(text: &[u8], font: Font) -> (u32, u32) {
    let widths = font.widths();
    natural_widths_by(text, |i| u32::from(widths[usize::from(text[i])]), &Breaks::winansi(text))
}

/// [`natural_widths`] with the width of each byte given by `width(offset)`, and words
/// also ending before the offsets in `breaks.at`; soft hyphens take no room (a word
/// that breaks at one is measured without its hyphen).
pub fn natural_widths_by(text: &[u8], width: impl Fn(usize) -> u32, breaks: &Breaks) -> (u32, u32) {
    let (mut line, mut word, mut max_line, mut max_word) = (0, 0, 0, 0);
    let mut next_break = breaks.at.iter().copied().peekable();
    for (i, &b) in text.iter().enumerate() {
        if next_break.next_if_eq(&(i as u32)).is_some() {
            word = 0;
        }
        if breaks.in_soft(i) {
            continue;
        }
        match b {
            b'\n' => {
                (line, word) = (0, 0);
            }
            b' ' => {
                line += width(i);
                word = 0;
            }
            _ => {
                let u = width(i);
                line += u;
                word += u;
                max_word = max_word.max(word);
            }
        }
        max_line = max_line.max(line);
    }
    (max_line, max_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, max: u32) -> Vec<&str> {
        let mut out = Vec::new();
        wrap(text.as_bytes(), Font::Regular, max, &mut out);
        out.iter().map(|l| &text[l.start as usize..l.end as usize]).collect()
    }

    #[test]
    fn greedy_fills_each_line_then_breaks_at_spaces() {
        // "aaa" = 3 * 556 = 1668; "aaa aaa" = 1668 * 2 + 278 = 3614.
        assert_eq!(lines("aaa aaa aaa", 3614), ["aaa aaa", "aaa"]);
        assert_eq!(lines("aaa aaa aaa", 3613), ["aaa", "aaa", "aaa"]);
        assert_eq!(lines("aaa aaa aaa", 100_000), ["aaa aaa aaa"]);
    }

    #[test]
    fn widths_of_lines_match_their_text() {
        let mut out = Vec::new();
        let text = b"The quick brown fox jumps over the lazy dog";
        wrap(text, Font::Regular, 8000, &mut out);
        for l in &out {
            let slice = &text[l.start as usize..l.end as usize];
            assert_eq!(l.units, Font::Regular.units(slice));
            assert!(l.units <= 8000);
            assert!(!slice.starts_with(b" ") && !slice.ends_with(b" "));
        }
        assert!(out.len() > 1);
    }

    #[test]
    fn hard_breaks_and_blank_lines_are_kept() {
        assert_eq!(lines("one\n\ntwo", 100_000), ["one", "", "two"]);
        assert_eq!(lines("", 1000), [""]);
        assert_eq!(lines("   ", 1000), [""]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_characters() {
        // 10 * 556 = 5560 units; 2000 units fit 3 characters.
        assert_eq!(lines("aaaaaaaaaa b", 2000), ["aaa", "aaa", "aaa", "a b"]);
        // Even a line narrower than one character makes progress.
        assert_eq!(lines("ab", 10), ["a", "b"]);
    }

    #[cfg(feature = "media")]
    /// Lines of UTF-8 `text` where every character is 1000 units wide.
    fn cjk_lines(text: &str, max: u32) -> Vec<&str> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let width = |_: usize, b: u8| if b & 0xC0 == 0x80 { 0 } else { 1000 };
        wrap_by(bytes, max, &mut out, width, &Breaks::utf8(bytes, east_asian_breaks(text)));
        out.iter().map(|l| &text[l.start as usize..l.end as usize]).collect()
    }

    #[cfg(feature = "media")]
    #[test]
    fn east_asian_text_breaks_between_characters_but_not_before_closing_marks() {
        let text = "吾輩は猫である。名前はまだ無い。「どこで生れたか」とんと見当がつかぬ。";
        for max in 2000..12_000 {
            let lines = cjk_lines(text, max);
            assert_eq!(lines.concat(), text, "nothing lost at {max}");
            for (i, line) in lines.iter().enumerate() {
                assert!(line.chars().count() as u32 * 1000 <= max, "{line} fits in {max}");
                assert!(!line.starts_with(['。', '、', '」', 'ー']), "line {i} at {max}: {line:?}");
                assert!(!line.ends_with('「'), "line {i} at {max}: {line:?}");
            }
        }
        // A full line holds as many characters as fit: the text flows.
        assert_eq!(cjk_lines("日本語の文章", 3000), ["日本語", "の文章"]);
        // After Latin text, the East Asian text starts on the same line.
        assert_eq!(cjk_lines("ab 日本語の文章", 5000), ["ab 日本", "語の文章"]);
        // Each character is a word of its own when a table sizes its columns.
        let text = "日本語。";
        let width = |i: usize| if text.as_bytes()[i] & 0xC0 == 0x80 { 0 } else { 1000 };
        assert_eq!(
            natural_widths_by(text.as_bytes(), width, &Breaks::utf8(text.as_bytes(), east_asian_breaks(text))),
            (4000, 2000)
        );
    }

    #[cfg(feature = "media")]
    #[test]
    fn latin_greek_and_cyrillic_still_break_only_at_spaces() {
        for text in ["state-of-the-art", "Съешь же ещё", "α-β γ/δ", "a\u{2014}b"] {
            assert_eq!(east_asian_breaks(text), Vec::<u32>::new(), "{text}");
        }
        assert_eq!(east_asian_breaks("ab 日本"), [6]); // between 日 and 本, not after the space
    }

    #[test]
    fn natural_widths_measure_lines_and_words() {
        let (line, word) = natural_widths(b"aa a\naaaa", Font::Regular);
        assert_eq!(line, 4 * 556);
        assert_eq!(word, 4 * 556);
    }
}
