//! The standard fonts the layout uses, and text measurement with their AFM widths.

use super::afm_widths::{HELVETICA, HELVETICA_BOLD, TIMES_BOLD, TIMES_BOLD_ITALIC, TIMES_ITALIC, TIMES_ROMAN};

/// One of the standard 14 fonts (PDF 32000-1:2008, 9.6.2.2), used with WinAnsiEncoding.
/// They need no embedded bytes: every conforming reader has them or a
/// metric-compatible substitute.
///
/// The first eight are also the *styles* text is set in (regular, bold, italic and
/// monospace); a document in the Times family sets its regular, bold and italic
/// styles in the four Times faces instead ([`Font::serif`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
    /// Helvetica-Oblique.
    Italic,
    /// Helvetica-BoldOblique.
    BoldItalic,
    /// Courier.
    Mono,
    /// Courier-Bold.
    MonoBold,
    /// Courier-Oblique.
    MonoItalic,
    /// Courier-BoldOblique.
    MonoBoldItalic,
    /// Times-Roman.
    Serif,
    /// Times-Bold.
    SerifBold,
    /// Times-Italic.
    SerifItalic,
    /// Times-BoldItalic.
    SerifBoldItalic,
}

/// Courier's advance widths: 600 for every character WinAnsiEncoding defines
/// (Courier.afm and its bold and oblique variants give `WX 600` for every glyph).
static COURIER: [u16; 256] = {
    let mut w = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        if HELVETICA[i] != 0 {
            w[i] = 600;
        }
        i += 1;
    }
    w
};

impl Font {
    /// Every font, in resource order (`/F1`, `/F2`, …).
    pub const ALL: [Font; 12] = [
        Font::Regular,
        Font::Bold,
        Font::Italic,
        Font::BoldItalic,
        Font::Mono,
        Font::MonoBold,
        Font::MonoItalic,
        Font::MonoBoldItalic,
        Font::Serif,
        Font::SerifBold,
        Font::SerifItalic,
        Font::SerifBoldItalic,
    ];

    /// The styles text is set in: the first eight fonts.
    pub const STYLES: [Font; 8] = {
        let mut styles = [Font::Regular; 8];
        let mut i = 0;
        while i < styles.len() {
            styles[i] = Font::ALL[i];
            i += 1;
        }
        styles
    };

    /// The style with the given traits.
    pub fn styled(bold: bool, italic: bool, mono: bool) -> Font {
        Font::STYLES[usize::from(bold) + 2 * usize::from(italic) + 4 * usize::from(mono)]
    }

    /// Whether the style or face is bold.
    pub fn is_bold(self) -> bool {
        matches!(
            self,
            Font::Bold
                | Font::BoldItalic
                | Font::MonoBold
                | Font::MonoBoldItalic
                | Font::SerifBold
                | Font::SerifBoldItalic
        )
    }

    /// Whether the style or face is italic (oblique).
    pub fn is_italic(self) -> bool {
        matches!(
            self,
            Font::Italic
                | Font::BoldItalic
                | Font::MonoItalic
                | Font::MonoBoldItalic
                | Font::SerifItalic
                | Font::SerifBoldItalic
        )
    }

    /// The Times face of a Helvetica style (Regular to BoldItalic); Courier and Times
    /// faces are returned as they are.
    pub fn serif(self) -> Font {
        match self {
            Font::Regular => Font::Serif,
            Font::Bold => Font::SerifBold,
            Font::Italic => Font::SerifItalic,
            Font::BoldItalic => Font::SerifBoldItalic,
            other => other,
        }
    }

    /// The PostScript name written as the font's `/BaseFont`.
    pub fn base_font(self) -> &'static str {
        match self {
            Font::Regular => "Helvetica",
            Font::Bold => "Helvetica-Bold",
            Font::Italic => "Helvetica-Oblique",
            Font::BoldItalic => "Helvetica-BoldOblique",
            Font::Mono => "Courier",
            Font::MonoBold => "Courier-Bold",
            Font::MonoItalic => "Courier-Oblique",
            Font::MonoBoldItalic => "Courier-BoldOblique",
            Font::Serif => "Times-Roman",
            Font::SerifBold => "Times-Bold",
            Font::SerifItalic => "Times-Italic",
            Font::SerifBoldItalic => "Times-BoldItalic",
        }
    }

    /// The resource name pages use for this font: `F1` to `F12`.
    pub fn resource_name(self) -> &'static str {
        ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"][self as usize]
    }

    /// Advance widths in 1/1000 em by WinAnsiEncoding code. The oblique Helvetica
    /// faces have the widths of their upright faces (Helvetica-Oblique.afm and
    /// Helvetica-BoldOblique.afm list the same `WX` values); each Times face has its own
    /// (Times-Roman.afm, Times-Bold.afm, Times-Italic.afm, Times-BoldItalic.afm).
    pub fn widths(self) -> &'static [u16; 256] {
        match self {
            Font::Regular | Font::Italic => &HELVETICA,
            Font::Bold | Font::BoldItalic => &HELVETICA_BOLD,
            Font::Mono | Font::MonoBold | Font::MonoItalic | Font::MonoBoldItalic => &COURIER,
            Font::Serif => &TIMES_ROMAN,
            Font::SerifBold => &TIMES_BOLD,
            Font::SerifItalic => &TIMES_ITALIC,
            Font::SerifBoldItalic => &TIMES_BOLD_ITALIC,
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
/// Helvetica-Bold. Lines are placed by it whatever their fonts, so mixed runs share
/// one baseline.
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
        assert_eq!(Font::Italic.units(b"Hello"), Font::Regular.units(b"Hello"));
        assert_eq!(Font::MonoBold.units(b"Hello \xE9\x80"), 8 * 600);
    }

    #[test]
    fn traits_pick_the_face() {
        assert_eq!(Font::styled(false, false, false), Font::Regular);
        assert_eq!(Font::styled(true, true, false), Font::BoldItalic);
        assert_eq!(Font::styled(false, true, true), Font::MonoItalic);
        assert_eq!(Font::styled(true, true, true).base_font(), "Courier-BoldOblique");
        assert_eq!(Font::MonoBoldItalic.resource_name(), "F8");
        assert_eq!(Font::Bold.serif().base_font(), "Times-Bold");
        assert_eq!(Font::MonoBold.serif(), Font::MonoBold);
        assert_eq!(Font::SerifBoldItalic.resource_name(), "F12");
    }

    #[test]
    fn times_widths_come_from_their_afm_files() {
        // Times-Roman.afm: H 722, e 444, l 278, o 500; Times-Bold.afm: H 778, e 444, l 278, o 500;
        // Times-Italic.afm: H 722, e 444, l 278, o 500, f 278; Times-BoldItalic.afm: f 333.
        assert_eq!(Font::Serif.units(b"Hello"), 722 + 444 + 278 + 278 + 500);
        assert_eq!(Font::SerifBold.units(b"Hello"), 778 + 444 + 278 + 278 + 500);
        assert_eq!(Font::SerifItalic.units(b"f"), 278);
        assert_eq!(Font::SerifBoldItalic.units(b"f"), 333);
        // The euro sign (not in the 1997 AFM files): Liberation Serif's width.
        assert_eq!(Font::Serif.units(&[0x80]), 500);
    }
}
