//! The canonical encoding of a parsed snapshot: a compact binary serialization that
//! [`super::cache_key_with`] streams into SHA-256.
//!
//! Every value is written in a prefix-free form, so two different models can never
//! encode to the same bytes:
//!
//! - an unsigned integer (a length, a count, a level): unsigned LEB128, 7 bits per
//!   byte, least significant group first, the high bit set on all but the last byte
//!   (the DWARF 5 standard, section 7.6);
//! - a boolean: one byte, 0 or 1;
//! - a number of points (or any `f64`): its 8 IEEE 754 bytes, big-endian;
//! - a string: its UTF-8 length as an unsigned integer, then its bytes;
//! - an optional value: 0 when absent; 1, then the value;
//! - a list: its length as an unsigned integer, then each element;
//! - a choice (a block type, a cell type, an alignment): its index as an unsigned
//!   integer, in the order the Rust enum declares its variants, then its fields;
//! - a struct: its fields in the order the Rust struct declares them;
//! - the bytes of an attachment or image: their 32-byte SHA-256 digest.
//!
//! The snapshot is encoded after defaults are filled in and page sizes resolved to
//! points, so an omitted field and its default spelled out encode alike.

use sha2::{Digest, Sha256};

use std::borrow::Cow;

use crate::document::Snapshot;

/// Bytes gathered before they are handed to the hasher: SHA-256 then works on whole
/// 64-byte blocks instead of a call per field.
const BUFFER: usize = 8192;

/// Writes the canonical encoding into a SHA-256 hasher.
pub struct Canonical {
    hasher: Sha256,
    buffer: Vec<u8>,
}

impl Canonical {
    /// An encoder that feeds `hasher`.
    pub fn new(hasher: Sha256) -> Self {
        Canonical { hasher, buffer: Vec::with_capacity(BUFFER) }
    }

    /// The hasher, with everything written so far.
    pub fn finish(mut self) -> Sha256 {
        self.hasher.update(&self.buffer);
        self.hasher
    }

    #[inline]
    fn bytes(&mut self, bytes: &[u8]) {
        if self.buffer.len() + bytes.len() > BUFFER {
            self.flush(bytes);
        } else {
            self.buffer.extend_from_slice(bytes);
        }
    }

    /// Hands the buffer to the hasher, then `bytes` too if they would not fit.
    #[cold]
    fn flush(&mut self, bytes: &[u8]) {
        self.hasher.update(&self.buffer);
        self.buffer.clear();
        if bytes.len() > BUFFER {
            self.hasher.update(bytes);
        } else {
            self.buffer.extend_from_slice(bytes);
        }
    }

    /// An unsigned integer in LEB128.
    pub fn uint(&mut self, mut v: u64) {
        let mut out = [0u8; 10];
        let mut n = 0;
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out[n] = low;
                n += 1;
                break;
            }
            out[n] = low | 0x80;
            n += 1;
        }
        self.bytes(&out[..n]);
    }

    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }

    /// A boolean: one byte, 0 or 1.
    pub fn bool(&mut self, v: bool) {
        self.bytes(&[u8::from(v)]);
    }

    /// A number: its 8 IEEE 754 bytes, big-endian.
    pub fn f64(&mut self, v: f64) {
        self.bytes(&v.to_be_bytes());
    }

    /// A string: its UTF-8 length, then its bytes.
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes(s.as_bytes());
    }

    /// Raw bytes of a fixed length (a colour's three, a digest's 32).
    pub fn fixed(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
    }

    /// A whole snapshot.
    pub fn snapshot(&mut self, s: &Snapshot) {
        s.encode(self);
    }
}

/// A model value in the canonical encoding. `#[derive(Model)]` writes it for the
/// declared types (a struct: its fields in declaration order; an enum: the variant's
/// index, then its fields); the impls here are the leaves.
pub trait Encode {
    /// Writes the value.
    fn encode(&self, c: &mut Canonical);
}

impl Encode for Cow<'_, str> {
    fn encode(&self, c: &mut Canonical) {
        c.str(self);
    }
}

impl Encode for bool {
    fn encode(&self, c: &mut Canonical) {
        c.bool(*self);
    }
}

impl Encode for f64 {
    fn encode(&self, c: &mut Canonical) {
        c.f64(*self);
    }
}

macro_rules! unsigned_integers {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            fn encode(&self, c: &mut Canonical) {
                c.uint(u64::from(*self));
            }
        }
    )*};
}
unsigned_integers!(u8, u32, u64);

impl<T: Encode> Encode for Option<T> {
    /// 0 for `None`; 1 and the value for `Some`.
    fn encode(&self, c: &mut Canonical) {
        match self {
            None => c.bool(false),
            Some(v) => {
                c.bool(true);
                v.encode(c);
            }
        }
    }
}

impl<T: Encode> Encode for Vec<T> {
    /// The length, then each element.
    fn encode(&self, c: &mut Canonical) {
        c.len(self.len());
        for v in self {
            v.encode(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::Canonical;

    fn encoded(write: impl FnOnce(&mut Canonical)) -> Vec<u8> {
        // Hash the encoding, and compare with the hash of the expected bytes.
        let mut c = Canonical::new(Sha256::new());
        write(&mut c);
        c.finish().finalize().to_vec()
    }

    #[test]
    fn unsigned_integers_are_leb128() {
        for (v, bytes) in [
            (0u64, vec![0x00]),
            (127, vec![0x7f]),
            (128, vec![0x80, 0x01]),
            (624_485, vec![0xe5, 0x8e, 0x26]),
            (u64::MAX, vec![0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
        ] {
            assert_eq!(encoded(|c| c.uint(v)), Sha256::digest(&bytes).to_vec(), "{v}");
        }
    }

    #[test]
    fn long_input_crosses_the_buffer_in_order() {
        let long = "x".repeat(super::BUFFER * 2 + 5);
        assert_eq!(long.len(), 16_389); // LEB128: 0x85 0x80 0x01
        let mut expected = vec![2, b'a', b'b', 0x85, 0x80, 0x01];
        expected.extend(long.as_bytes());
        expected.extend([2, b'c', b'd']);
        let got = encoded(|c| {
            c.str("ab");
            c.str(&long);
            c.str("cd");
        });
        assert_eq!(got, Sha256::digest(&expected).to_vec());
    }
}
