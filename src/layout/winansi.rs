//! WinAnsiEncoding: the 8-bit encoding the standard 14 fonts are used with here.
//!
//! Source: PDF 32000-1:2008, Annex D.2 (the WinAnsiEncoding column), which matches
//! Windows code page 1252 for every code it defines.

use std::borrow::Cow;

/// Unicode characters at codes 0x80..=0x9F of WinAnsiEncoding (0 where undefined).
const HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0,
    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The WinAnsiEncoding code of `c`, or `None` if the encoding cannot print it.
///
/// Printable ASCII and U+00A0..=U+00FF map to themselves; 27 further characters (€,
/// curly quotes, dashes, …) map into 0x80..=0x9F. Control characters have no code;
/// the layout turns tab into a space and line breaks into new lines before encoding.
pub fn encode_char(c: char) -> Option<u8> {
    let u = c as u32;
    match u {
        0x20..=0x7E | 0xA0..=0xFF => Some(u as u8),
        _ => HIGH.iter().position(|&h| h != 0 && u32::from(h) == u).map(|i| 0x80 + i as u8),
    }
}

/// Whether `c` can be printed: encodable, or a tab or line break the layout handles.
pub fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t') || encode_char(c).is_some()
}

/// Encodes text to WinAnsiEncoding; tabs become spaces, `\r\n` and `\r` become `\n`,
/// and a character without a code becomes `?` (validation rejects such text first).
/// ASCII text without tabs or carriage returns is returned borrowed.
pub fn encode(text: &str) -> Cow<'_, [u8]> {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b) || b == b'\n') {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.push(b' '),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push(b'\n');
                }
            }
            '\n' => out.push(b'\n'),
            _ => out.push(encode_char(c).unwrap_or(b'?')),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_and_windows_extras_encode() {
        assert_eq!(encode("é ü ß ©").as_ref(), &[0xE9, b' ', 0xFC, b' ', 0xDF, b' ', 0xA9]);
        assert_eq!(
            encode("€ “x” ‘y’ – —").as_ref(),
            &[0x80, b' ', 0x93, b'x', 0x94, b' ', 0x91, b'y', 0x92, b' ', 0x96, b' ', 0x97]
        );
        assert_eq!(encode("a\tb\r\nc\rd").as_ref(), b"a b\nc\nd");
    }

    #[test]
    fn outside_characters_have_no_code() {
        for c in ['Ж', 'α', '中', '\u{0080}', '\u{0007}', '😀'] {
            assert_eq!(encode_char(c), None, "{c:?}");
            assert!(!is_printable(c));
        }
        assert!(matches!(encode("plain ascii"), Cow::Borrowed(_)));
    }
}
