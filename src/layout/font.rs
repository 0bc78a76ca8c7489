//! The standard fonts the layout uses, and text measurement with their AFM widths.

use super::afm_widths::{HELVETICA, HELVETICA_BOLD};

/// One of the standard 14 fonts (PDF 32000-1:2008, 9.6.2.2), used with WinAnsiEncoding.
/// They need no embedded bytes: every conforming reader has them or a
/// metric-compatible substitute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
}

impl Font {
    /// Every font, in resource order (`/F1`, `/F2`, …).
    pub const ALL: [Font; 2] = [Font::Regular, Font::Bold];

    /// The PostScript name written as the font's `/BaseFont`.
    pub fn base_font(self) -> &'static str {
        match self {
            Font::Regular => "Helvetica",
            Font::Bold => "Helvetica-Bold",
        }
    }

    /// The resource name pages use for this font.
    pub fn resource_name(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }

    /// Advance widths in 1/1000 em by WinAnsiEncoding code.
    pub fn widths(self) -> &'static [u16; 256] {
        match self {
            Font::Regular => &HELVETICA,
            Font::Bold => &HELVETICA_BOLD,
        }
    }

    /// The width of WinAnsi-encoded `text` in 1/1000 em (multiply by the size in
    /// points and divide by 1000 for points).
    pub fn units(self, text: &[u8]) -> u32 {
        let widths = self.widths();
        text.iter().map(|&b| u32::from(widths[usize::from(b)])).sum()
    }

    /// The width of WinAnsi-encoded `text` at `size` points, in points.
    pub fn measure(self, text: &[u8], size: f32) -> f32 {
        self.units(text) as f32 * size / 1000.0
    }
}

/// Helvetica's ascender in 1/1000 em (Helvetica.afm `Ascender 718`); the same for
/// Helvetica-Bold.
pub const ASCENDER: f32 = 718.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_afm_files() {
        // Helvetica.afm: space 278, H 722, e 556, l 222, o 556; Helvetica-Bold.afm: H 722, e 556, l 278, o 611.
        assert_eq!(Font::Regular.units(b"Hello"), 722 + 556 + 222 + 222 + 556);
        assert_eq!(Font::Bold.units(b"Hello"), 722 + 556 + 278 + 278 + 611);
        assert_eq!(Font::Regular.units(&[0xE9]), 556); // eacute
        assert_eq!(Font::Regular.units(&[0x80]), 556); // Euro
        assert_eq!(Font::Regular.measure(b" ", 10.0), 2.78);
    }
}
