//! Serialization of content-stream operations (PDF 32000-1:2008, 7.8.2): operands,
//! then the operator, one operation per line.
//!
//! pdf-writer's `Content` builder formats every number with ryu (shortest round trip of
//! an `f32`) and writes any string with a byte above 127 in hex. Page content is most
//! of a report's bytes and of its rendering time, so this writer does less: numbers are
//! fixed-point at the precision the caller asks for (1/100 pt for coordinates, 1/1000
//! for colour components), formatted with integer arithmetic, and strings are always
//! literal, escaping only what 7.3.4.2 requires. The output is shorter and compresses
//! better; a reader sees the same page.

/// An uncompressed content stream being written.
#[derive(Debug, Default)]
pub struct Ops {
    buf: Vec<u8>,
}

/// Decimal places of a coordinate, length or font size: 1/100 pt is far below what a
/// reader can show, and it keeps the numbers short.
pub const POINTS: u32 = 2;
/// Decimal places of a colour component or grey level (0 to 1): enough to keep all 256
/// levels of an 8-bit channel apart.
pub const COLOR: u32 = 3;

/// `value` as a whole number of `10^-places` units (`places` 0 to 4), rounded to
/// nearest, ties to even (one WebAssembly instruction, `f64.nearest`, where rounding
/// ties away from zero is a call into libm); not-a-number and infinities give 0.
pub fn to_fixed(value: f32, places: u32) -> i64 {
    let scale = 10_i64.pow(places.min(4));
    if value.is_finite() { (f64::from(value) * scale as f64).round_ties_even() as i64 } else { 0 }
}

/// Writes `rest` as a decimal with `places` (at most 4) fraction digits, without
/// trailing zeros, ending at the end of `text`; returns where it starts.
fn decimal<T>(mut rest: T, mut places: u32, text: &mut [u8; 24]) -> usize
where
    T: Copy + PartialEq + From<u8> + std::ops::Div<Output = T> + std::ops::Rem<Output = T> + TryInto<u8>,
{
    let (zero, ten) = (T::from(0), T::from(10));
    let digit = |v: T| b'0' + (v % ten).try_into().unwrap_or(0);
    let mut at = text.len() - 1;
    while places > 0 && rest % ten == zero {
        rest = rest / ten;
        places -= 1;
    }
    for _ in 0..places {
        at -= 1;
        text[at] = digit(rest);
        rest = rest / ten;
    }
    if places > 0 {
        at -= 1;
        text[at] = b'.';
    }
    loop {
        at -= 1;
        text[at] = digit(rest);
        rest = rest / ten;
        if rest == zero {
            return at;
        }
    }
}

impl Ops {
    /// An empty stream with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Ops { buf: Vec::with_capacity(capacity) }
    }

    /// An operand: `value` rounded to `places` decimals (0 to 4), without trailing
    /// zeros or a decimal point when it is whole. Not-a-number and infinities, which
    /// layout never produces, are written as 0.
    pub fn num(&mut self, value: f32, places: u32) -> &mut Self {
        self.fixed(to_fixed(value, places), places)
    }

    /// An operand given as a whole number of `10^-places` units: `fixed(-1250, 2)` writes
    /// `-12.5`.
    pub fn fixed(&mut self, scaled: i64, places: u32) -> &mut Self {
        // Digits are written from the right into a stack buffer, then copied once: the
        // fraction without trailing zeros, the point, the whole part, the sign. Positions
        // on a page fit 32 bits, whose division by 10 WebAssembly does with a multiply;
        // 64-bit division is a real divide there (it has no 64x64 -> 128-bit multiply).
        let mut text = [b' '; 24];
        let rest = scaled.unsigned_abs();
        let mut at = match u32::try_from(rest) {
            Ok(small) => decimal(small, places.min(4), &mut text),
            Err(_) => decimal(rest, places.min(4), &mut text),
        };
        if scaled < 0 {
            at -= 1;
            text[at] = b'-';
        }
        self.buf.extend_from_slice(&text[at..]);
        self
    }

    /// A name operand (`/F1`). `name` must consist of regular characters (7.3.5): the
    /// resource names snapdf makes do.
    pub fn name(&mut self, name: &str) -> &mut Self {
        debug_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric()));
        self.buf.push(b'/');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b' ');
        self
    }

    /// A literal string operand (7.3.4.2): every byte as itself except `(`, `)` and `\`,
    /// which take a backslash, and carriage return, which is written `\r` because a
    /// reader would read a bare one as a line feed.
    pub fn string(&mut self, bytes: &[u8]) -> &mut Self {
        self.buf.reserve(bytes.len() + 3);
        self.buf.push(b'(');
        let mut rest = bytes;
        while let Some(at) = rest.iter().position(|b| matches!(b, b'(' | b')' | b'\\' | b'\r')) {
            self.buf.extend_from_slice(&rest[..at]);
            let escaped = if rest[at] == b'\r' { b'r' } else { rest[at] };
            self.buf.extend_from_slice(&[b'\\', escaped]);
            rest = &rest[at + 1..];
        }
        self.buf.extend_from_slice(rest);
        self.buf.extend_from_slice(b") ");
        self
    }

    /// An operand written as given (an inline dictionary, `<</Type/Pagination>>`),
    /// followed by a space.
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(bytes);
        self.buf.push(b' ');
        self
    }

    /// Opens an array operand (`[`); [`Ops::close_array`] ends it.
    pub fn open_array(&mut self) -> &mut Self {
        self.buf.push(b'[');
        self
    }

    /// Ends an array operand.
    pub fn close_array(&mut self) -> &mut Self {
        self.trim_space();
        self.buf.extend_from_slice(b"] ");
        self
    }

    /// Ends an operation with its operator (`Td`, `Tj`, …; operators have one to three
    /// letters, PDF 32000-1:2008, Annex A).
    pub fn op(&mut self, operator: &str) {
        debug_assert!((1..=3).contains(&operator.len()));
        let mut line = [b'\n'; 4];
        let len = operator.len().min(3);
        line[..len].copy_from_slice(&operator.as_bytes()[..len]);
        self.buf.extend_from_slice(&line[..=len]);
    }

    /// The bytes written, without the last line break.
    pub fn finish(mut self) -> Vec<u8> {
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
        }
        self.buf
    }

    fn trim_space(&mut self) {
        if self.buf.last() == Some(&b' ') {
            self.buf.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{COLOR, Ops, POINTS};

    fn written(f: impl FnOnce(&mut Ops)) -> String {
        let mut ops = Ops::default();
        f(&mut ops);
        String::from_utf8_lossy(&ops.finish()).into_owned()
    }

    #[test]
    fn numbers_are_fixed_point_without_trailing_zeros() {
        let cases: [(f32, u32, &str); 10] = [
            (0.0, POINTS, "0"),
            (-0.0001, POINTS, "0"),
            (12.0, POINTS, "12"),
            (743.889, POINTS, "743.89"),
            (-75.08, POINTS, "-75.08"),
            (0.5, POINTS, "0.5"),
            (0.05, POINTS, "0.05"),
            (-0.004, COLOR, "-0.004"),
            (0.13333334, COLOR, "0.133"),
            (f32::NAN, POINTS, "0"),
        ];
        for (value, places, expected) in cases {
            assert_eq!(written(|o| o.num(value, places).op("w")), format!("{expected} w"), "{value}");
        }
    }

    #[test]
    fn strings_escape_only_delimiters_backslash_and_carriage_return() {
        let mut ops = Ops::default();
        ops.string(b"a(b)c\\d\re\n\xe9").op("Tj");
        assert_eq!(ops.finish(), b"(a\\(b\\)c\\\\d\\re\n\xe9) Tj".as_slice());
    }

    #[test]
    fn arrays_and_operations() {
        let text = written(|o| {
            o.name("F1").num(8.5, POINTS).op("Tf");
            o.open_array().string(b"A").fixed(-1250, 2).string(b"V").close_array().op("TJ");
        });
        assert_eq!(text, "/F1 8.5 Tf\n[(A) -12.5 (V)] TJ");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::{Ops, to_fixed};

    proptest! {
        /// Any number reads back as the value rounded to its places, in the shortest form
        /// PDF allows for it (7.3.3): no exponent, no trailing zeros, no `-0`.
        #[test]
        fn numbers_read_back_rounded_and_shortest(value in -1.0e7_f32..1.0e7, places in 0_u32..=4) {
            let mut ops = Ops::default();
            ops.num(value, places);
            let text = String::from_utf8(ops.finish()).expect("ASCII");
            let text = text.trim_end();
            let scaled = to_fixed(value, places);
            let read: f64 = text.parse().expect("a decimal number");
            prop_assert_eq!((read * 10_f64.powi(places as i32)).round() as i64, scaled, "{}", text);
            let (whole, fraction) = text.trim_start_matches('-').split_once('.').unwrap_or((text.trim_start_matches('-'), ""));
            prop_assert!(!whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()), "{}", text);
            prop_assert!(fraction.len() <= places as usize && !fraction.ends_with('0'), "{}", text);
            prop_assert!(text != "-0" && (scaled != 0 || text == "0"), "{}", text);
        }
    }
}
