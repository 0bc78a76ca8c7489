//! Which face sets each piece of text: the standard fonts with WinAnsi bytes, or the
//! caller's fonts (a fallback chain, see [`crate::fonts`]) with UTF-8 bytes.
//!
//! In the standard fonts, text is set in Helvetica, or in Times with `"font": "Times"`
//! ([`STANDARD_FAMILIES`]), and monospace text in Courier.
//!
//! A document is set either entirely in the standard fonts or entirely in the
//! caller's: with `font` given, every style (regular, bold, italic, monospace) resolves
//! to a chain of supplied faces, and each character is set in the first face of the
//! chain that has it. Strings then hold UTF-8, whose continuation bytes measure 0 so
//! that lines only break between characters.

use std::borrow::Cow;

use super::font::Font;
use super::winansi;
use super::wrap::{Breaks, has_soft_hyphen};
use crate::document::{Snapshot, Warning};
use crate::fonts::{FaceId, FontBook};

/// The standard font families a snapshot may name in `font` (when no supplied font has
/// that name): the family its regular, bold and italic text is set in.
pub const STANDARD_FAMILIES: [&str; 2] = ["Helvetica", "Times"];

/// The standard family a snapshot is set in: its `font` names only `Helvetica` or
/// `Times` (in any letter case), and no supplied font has that name.
pub fn standard_family<'s>(snapshot: &'s Snapshot, book: &FontBook) -> Option<&'s str> {
    match &snapshot.font[..] {
        // In any letter case, as page sizes are read ("times").
        [family] if book.find(family).is_none() && STANDARD_FAMILIES.iter().any(|f| f.eq_ignore_ascii_case(family)) => {
            Some(family)
        }
        _ => None,
    }
}

/// Warnings for the styles text was set in with supplied fonts (`styles`, see
/// [`super::Layout::styles`]) whose face the first font of the chain lacks, so that
/// another face of its family set them: bold in the regular weight, italic upright
/// (`NAME Bold`, `NAME Italic`, `NAME Bold Italic`: see [`FontBook::styled`]). Each names
/// the chain's field (`font`, `monoFont`) and the face to supply.
pub fn substitutions(snapshot: &Snapshot, book: &FontBook, styles: u8) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = Vec::new();
    for style in Font::STYLES.into_iter().filter(|&s| styles & (1 << s as u8) != 0) {
        let i = style as usize;
        let (bold, italic, mono) = (i & 1 != 0, i & 2 != 0, i & 4 != 0);
        let field = if mono && !snapshot.mono_font.is_empty() { "monoFont" } else { "font" };
        let names = if field == "monoFont" { &snapshot.mono_font } else { &snapshot.font };
        let Some(name) = names.first() else { continue };
        let wanted = match (bold, italic) {
            (false, false) => continue,
            (true, false) => format!("{name} Bold"),
            (false, true) => format!("{name} Italic"),
            (true, true) => format!("{name} Bold Italic"),
        };
        let (Some(used), None) = (book.styled(name, bold, italic), book.find(&wanted)) else { continue };
        let what = match (bold, italic) {
            (true, false) => "bold",
            (false, true) => "italic",
            _ => "bold italic",
        };
        let path = if names.len() == 1 { field.to_owned() } else { format!("{field}[0]") };
        let message = format!(
            "{what} text is set in `{}`: no font named `{wanted}` was supplied; supply it to set {what} text as asked",
            book.name(used)
        );
        let warning = Warning { path, message };
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
    warnings
}

/// The face a text item is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceRef {
    /// A standard font; the item's bytes are WinAnsi.
    Standard(Font),
    /// A supplied face; the item's bytes are UTF-8.
    Embedded(FaceId),
}

/// The faces of a document.
#[derive(Debug, Clone, Copy)]
pub struct Faces<'f> {
    book: Option<&'f FontBook<'f>>,
    /// The chain of each style, by [`Font`] index; empty for standard fonts.
    chains: [&'f [FaceId]; 8],
    /// Whether the standard fonts' regular, bold and italic styles are set in Times.
    serif: bool,
}

/// Chains resolved for one document, owned; [`Faces`] borrows them.
#[derive(Debug, Default)]
pub struct Chains {
    chains: [Vec<FaceId>; 8],
    serif: bool,
}

impl Chains {
    /// Resolves the snapshot's `font` and `monoFont` names in `book` (names not in the
    /// book are skipped; validation refuses them first).
    pub fn new(snapshot: &Snapshot, book: &FontBook) -> Self {
        let mut chains: [Vec<FaceId>; 8] = Default::default();
        if let Some(family) = standard_family(snapshot, book) {
            return Chains { chains, serif: family.eq_ignore_ascii_case("Times") };
        }
        if snapshot.font.is_empty() {
            return Chains { chains, serif: false };
        }
        for style in Font::STYLES {
            let (bold, italic) = (style.is_bold(), style.is_italic());
            let mono = style as usize >= 4 && !snapshot.mono_font.is_empty();
            let names = if mono { &snapshot.mono_font } else { &snapshot.font };
            chains[style as usize] = names.iter().filter_map(|n| book.styled(n, bold, italic)).collect();
        }
        Chains { chains, serif: false }
    }

    /// Every face some chain uses, in id order.
    pub fn used(&self) -> Vec<FaceId> {
        let mut ids: Vec<FaceId> = self.chains.iter().flatten().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

impl<'f> Faces<'f> {
    /// The standard fonts only.
    pub fn standard() -> Self {
        Faces { book: None, chains: [&[]; 8], serif: false }
    }

    /// The faces of `chains` in `book`.
    pub fn new(book: &'f FontBook<'f>, chains: &'f Chains) -> Self {
        if chains.chains.iter().all(Vec::is_empty) {
            return Faces { serif: chains.serif, ..Faces::standard() };
        }
        let c = &chains.chains;
        Faces { book: Some(book), chains: [&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7]], serif: false }
    }

    /// The standard font that sets `style` in this document: Helvetica's or Courier's
    /// face, or for a document in Times, the Times face of a Helvetica style.
    pub fn standard_font(&self, style: Font) -> Font {
        if self.serif { style.serif() } else { style }
    }

    /// The chain of supplied faces that sets `style`; empty in the standard fonts.
    pub fn chain(&self, style: Font) -> &'f [FaceId] {
        self.chains[style as usize]
    }

    /// The font book, if the document uses supplied fonts.
    pub fn book(&self) -> Option<&'f FontBook<'f>> {
        self.book
    }

    /// Whether strings hold UTF-8 for supplied faces (else WinAnsi).
    pub fn embedded(&self) -> bool {
        self.book.is_some()
    }

    /// `text` in the document's byte encoding: WinAnsi, or UTF-8 with tabs turned into
    /// spaces and `\r\n` and `\r` into `\n`.
    pub fn encode<'t>(&self, text: &'t str) -> Cow<'t, [u8]> {
        if !self.embedded() {
            return winansi::encode(text);
        }
        if !text.contains(['\t', '\r']) {
            return Cow::Borrowed(text.as_bytes());
        }
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ").into_bytes())
    }

    /// Where encoded `text` may break other than at spaces: East Asian break
    /// opportunities in UTF-8 text ([`super::wrap::east_asian_breaks`]); none in
    /// WinAnsi text, whose fonts have no East Asian characters; and the soft hyphens of
    /// either.
    pub fn breaks(&self, text: &[u8]) -> Breaks {
        if !self.embedded() {
            return Breaks::winansi(text);
        }
        Breaks::utf8(text, std::str::from_utf8(text).map(super::wrap::east_asian_breaks).unwrap_or_default())
    }

    /// The bytes of `text[start..end]` as drawn, if they differ: without their soft
    /// hyphens (invisible where the line does not break), but for one that ends the
    /// range when `at_break` (the line breaks there, and it shows as a hyphen). `None`
    /// when there is nothing to drop, which is almost always.
    #[inline]
    pub fn shown(&self, text: &[u8], (start, end): (u32, u32), at_break: bool) -> Option<Vec<u8>> {
        let piece = &text[start as usize..end as usize];
        if !has_soft_hyphen(piece) {
            return None;
        }
        self.without_soft_hyphens(piece, at_break)
    }

    /// [`Faces::shown`] of a piece that may have soft hyphens.
    #[inline(never)]
    fn without_soft_hyphens(&self, piece: &[u8], at_break: bool) -> Option<Vec<u8>> {
        let breaks = self.breaks(piece);
        let keep =
            if at_break { breaks.soft.last().filter(|&&(_, e)| e as usize == piece.len()).copied() } else { None };
        let dropped: Vec<(u32, u32)> = breaks.soft.iter().copied().filter(|&r| Some(r) != keep).collect();
        if dropped.is_empty() {
            return None;
        }
        let mut out = Vec::with_capacity(piece.len());
        let mut from = 0;
        for (s, e) in dropped {
            out.extend_from_slice(&piece[from..s as usize]);
            from = e as usize;
        }
        out.extend_from_slice(&piece[from..]);
        Some(out)
    }

    /// [`Faces::encode`] of an owned string.
    pub fn encode_owned(&self, text: &str) -> Vec<u8> {
        self.encode(text).into_owned()
    }

    /// The width in 1/1000 em of the byte at `i` of `text` set in `style`: the
    /// character's advance at its first byte (with the kerning after the character
    /// before it, when both are in the same face), 0 at UTF-8 continuation bytes.
    pub fn unit(&self, style: Font, text: &[u8], i: usize) -> u32 {
        match (self.book, self.chains[style as usize]) {
            (Some(book), chain) if !chain.is_empty() => {
                let Some(c) = char_at(text, i) else { return 0 };
                let Some((id, glyph, advance)) =
                    chain.iter().find_map(|&id| book.face(id).glyph(c).map(|(g, a)| (id, g, a)))
                else {
                    return 0;
                };
                let kern = previous_char(text, i)
                    .and_then(|p| book.face(id).glyph(p))
                    .map_or(0, |(left, _)| book.face(id).kern(left, glyph));
                (i32::from(advance) + kern).max(0) as u32
            }
            _ => u32::from(self.standard_font(style).widths()[usize::from(text[i])]),
        }
    }

    /// The widths of the bytes of `text` set in `style`: shaped for complex text
    /// ([`super::complex::is_complex`]), else [`Faces::unit`]'s.
    pub fn units_of<'t>(&self, style: Font, text: &'t [u8]) -> Units<'t, 'f> {
        let shaped =
            super::complex::is_complex(text).then(|| self.shaped_widths(text, &[(text.len() as u32, style)], None));
        match shaped.flatten() {
            Some(widths) => Units::Shaped(widths),
            None => Units::Each(*self, style, text),
        }
    }

    /// The width of `text` set in `style` at `size` points, in points.
    pub fn measure(&self, style: Font, text: &[u8], size: f32) -> f32 {
        let units = self.units_of(style, text);
        let units: u32 = (0..text.len()).map(|i| units.at(i)).sum();
        units as f32 * size / 1000.0
    }

    /// Splits `text[start..end]` set in `style` into pieces of one face each: face,
    /// byte range and width in 1/1000 em.
    pub fn pieces(&self, style: Font, text: &[u8], start: u32, end: u32) -> Vec<(FaceRef, u32, u32, u32)> {
        let chain = self.chains[style as usize];
        let Some(book) = self.book.filter(|_| !chain.is_empty()) else {
            let units = (start..end).map(|i| self.unit(style, text, i as usize)).sum();
            return vec![(FaceRef::Standard(self.standard_font(style)), start, end, units)];
        };
        let mut out: Vec<(FaceRef, u32, u32, u32)> = Vec::new();
        let mut previous: Option<(FaceId, u16)> = None;
        for i in start..end {
            let Some(c) = char_at(text, i as usize) else { continue };
            let found = chain.iter().find_map(|&id| book.face(id).glyph(c).map(|(g, a)| (id, g, a)));
            // A character no face has (validation refuses those in the snapshot's
            // text) is set in the first face, which shows its .notdef glyph.
            let (id, glyph, advance) = found.unwrap_or((chain[0], 0, 0));
            let kern = match previous {
                Some((p_id, p_glyph)) if p_id == id => book.face(id).kern(p_glyph, glyph),
                _ => 0,
            };
            previous = Some((id, glyph));
            let advance = (i32::from(advance) + kern).max(0) as u16;
            let len = utf8_len(text[i as usize]) as u32;
            match out.last_mut() {
                Some(last) if last.0 == FaceRef::Embedded(id) && last.2 == i => {
                    last.2 = i + len;
                    last.3 += u32::from(advance);
                }
                _ => out.push((FaceRef::Embedded(id), i, i + len, u32::from(advance))),
            }
        }
        if out.is_empty() {
            out.push((FaceRef::Embedded(chain[0]), start, start, 0));
        }
        out
    }
}

/// The width of each byte of a text in 1/1000 em (see [`Faces::units_of`]).
#[derive(Debug)]
pub enum Units<'t, 'f> {
    /// Shaped: each cluster's advance at its first byte.
    Shaped(Vec<u16>),
    /// Each character's advance (and kerning) in a style, looked up byte by byte.
    Each(Faces<'f>, Font, &'t [u8]),
}

impl Units<'_, '_> {
    /// The width of byte `i`.
    #[inline]
    pub fn at(&self, i: usize) -> u32 {
        match self {
            Units::Shaped(widths) => u32::from(widths[i]),
            Units::Each(faces, style, text) => faces.unit(*style, text, i),
        }
    }
}

/// The length of the UTF-8 sequence that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The character before the one starting at `i`.
fn previous_char(text: &[u8], i: usize) -> Option<char> {
    let start = (0..i).rev().find(|&j| text[j] & 0xC0 != 0x80)?;
    char_at(text, start)
}

/// The character whose UTF-8 sequence starts at `i`, or `None` at a continuation byte.
pub fn char_at(text: &[u8], i: usize) -> Option<char> {
    let lead = text[i];
    if lead < 0x80 {
        return Some(char::from(lead));
    }
    if lead & 0xC0 == 0x80 {
        return None;
    }
    let end = (i + utf8_len(lead)).min(text.len());
    std::str::from_utf8(&text[i..end]).ok().and_then(|s| s.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_read_at_their_first_byte_only() {
        let text = "aЖ中😀".as_bytes();
        let chars: Vec<Option<char>> = (0..text.len()).map(|i| char_at(text, i)).collect();
        assert_eq!(chars, [Some('a'), Some('Ж'), None, Some('中'), None, None, Some('😀'), None, None, None]);
    }
}
