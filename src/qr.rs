//! QR codes: the modules of a `qr` block's symbol, encoded by the qrcode crate
//! (ISO/IEC 18004: the smallest version that holds the data at the level, the best mask),
//! and turned into rectangles the layout fills as one path.
//!
//! In the base build (without the `media` feature) there is no encoder: validation
//! refuses a `qr` block with `MEDIA_UNAVAILABLE` before anything here is reached.

use crate::document::QrLevel;

/// Modules of white around the symbol on each side: the quiet zone ISO/IEC 18004
/// (section 7.3.8) asks for.
pub const QUIET_ZONE: usize = 4;

/// A QR symbol: `width` x `width` modules, row-major, `true` for dark, top row first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Modules per side, quiet zone not included (21 for version 1, 177 for 40).
    pub width: usize,
    /// The modules, `width * width` of them.
    pub dark: Vec<bool>,
}

impl Symbol {
    /// The dark modules as rectangles in module units from the top-left corner of the
    /// quiet zone, `[x, y, width, height]` (y growing down): each run of dark modules
    /// in a row is one rectangle.
    pub fn runs(&self) -> Vec<[usize; 4]> {
        let mut runs = Vec::new();
        for (y, row) in self.dark.chunks(self.width.max(1)).enumerate() {
            let mut x = 0;
            while x < row.len() {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < row.len() && row[x] {
                    x += 1;
                }
                runs.push([start + QUIET_ZONE, y + QUIET_ZONE, x - start, 1]);
            }
        }
        runs
    }
}

/// Encodes `data` at `level`: ASCII in the densest mix of numeric, alphanumeric and byte
/// modes (the qrcode crate's optimizer), other text as UTF-8 bytes marked as such.
///
/// # Errors
/// A message for a field error when the data does not fit any version at that level.
#[cfg(feature = "media")]
pub fn encode(data: &str, level: QrLevel) -> Result<Symbol, String> {
    use qrcode::{Color, EcLevel, QrCode};
    let ec = match level {
        QrLevel::L => EcLevel::L,
        QrLevel::M => EcLevel::M,
        QrLevel::Q => EcLevel::Q,
        QrLevel::H => EcLevel::H,
    };
    let code =
        if data.is_ascii() { QrCode::with_error_correction_level(data.as_bytes(), ec) } else { utf8_code(data, ec) };
    match code {
        Ok(code) => {
            Ok(Symbol { width: code.width(), dark: code.into_colors().into_iter().map(|c| c == Color::Dark).collect() })
        }
        Err(_) => Err(format!(
            "is {} bytes of UTF-8, more than a QR code holds at level {} ({} bytes of text; choose a lower level or shorten it)",
            data.len(),
            level.name(),
            capacity(level)
        )),
    }
}

/// The smallest symbol that holds `data` in byte mode after an ECI designator for UTF-8
/// (ECI 000026; ISO/IEC 18004, 6.4.2): without it a reader takes the bytes as
/// ISO-8859-1 or guesses (ZBar read UTF-8 German as Shift JIS).
#[cfg(feature = "media")]
fn utf8_code(data: &str, ec: qrcode::EcLevel) -> qrcode::types::QrResult<qrcode::QrCode> {
    use qrcode::bits::Bits;
    use qrcode::types::QrError;
    use qrcode::{QrCode, Version};
    const UTF8: u32 = 26;
    for version in 1..=40 {
        let mut bits = Bits::new(Version::Normal(version));
        let fits = bits.push_eci_designator(UTF8).and_then(|()| bits.push_byte_data(data.as_bytes()));
        if fits.and_then(|()| bits.push_terminator(ec)).is_ok() {
            return QrCode::with_bits(bits, ec);
        }
    }
    Err(QrError::DataTooLong)
}

/// Without the `media` feature there is no encoder (validation refuses `qr` blocks).
///
/// # Errors
/// Always.
#[cfg(not(feature = "media"))]
pub fn encode(_: &str, _: QrLevel) -> Result<Symbol, String> {
    Err("QR codes need the media module".to_owned())
}

/// The bytes of arbitrary text a version 40 symbol holds at `level` (ISO/IEC 18004,
/// table 7, byte mode).
pub fn capacity(level: QrLevel) -> usize {
    match level {
        QrLevel::L => 2953,
        QrLevel::M => 2331,
        QrLevel::Q => 1663,
        QrLevel::H => 1273,
    }
}

impl QrLevel {
    /// The level's letter.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[cfg(all(test, feature = "media"))]
mod tests {
    use super::*;

    #[test]
    fn a_short_url_is_version_1_or_2_and_its_runs_cover_exactly_the_dark_modules() {
        let s = encode("https://example.com/r/42", QrLevel::M).expect("fits");
        assert!(s.width == 25 || s.width == 29, "{}", s.width);
        let covered: usize = s.runs().iter().map(|r| r[2]).sum();
        assert_eq!(covered, s.dark.iter().filter(|&&d| d).count());
        // The finder pattern's top row: seven dark modules from the quiet zone's corner.
        assert_eq!(s.runs()[0], [QUIET_ZONE, QUIET_ZONE, 7, 1]);
    }

    #[test]
    fn text_beyond_ascii_is_marked_as_utf_8() {
        let plain = encode("Zurich", QrLevel::M).expect("fits");
        let marked = encode("Zürich", QrLevel::M).expect("fits");
        assert_eq!((plain.width, marked.width), (21, 21));
        assert_ne!(plain.dark, marked.dark);
        let long = "é".repeat(1200); // 2,400 bytes: more than level M holds, not L
        assert!(encode(&long, QrLevel::L).expect("fits").width > 150);
        assert!(encode(&long, QrLevel::M).expect_err("too long").contains("2400 bytes"));
    }

    #[test]
    fn each_level_holds_its_table_7_capacity_and_not_a_byte_more() {
        for level in [QrLevel::L, QrLevel::M, QrLevel::Q, QrLevel::H] {
            // Lower-case letters force byte mode.
            let fits = "a".repeat(capacity(level));
            assert_eq!(encode(&fits, level).expect("fits").width, 177, "{level:?}");
            let err = encode(&format!("{fits}a"), level).expect_err("too long");
            assert!(err.contains(&format!("at level {}", level.name())), "{err}");
        }
    }
}
