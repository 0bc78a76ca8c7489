//! The bytes of an attached document: given as base64 in the snapshot, decoded while
//! parsing, with their SHA-256 digest.

use std::fmt::{self, Write};

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use sha2::{Digest, Sha256};

use super::Error;
use super::json::Json;
use super::read::{At, invalid, invalid_type};

/// Standard base64 (RFC 4648, section 4), with or without `=` padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decoded attachment bytes and their SHA-256 digest.
///
/// In the canonical encoding of the cache key (see [`crate::key`]) an attachment is
/// its 32 digest bytes: the key changes with any change of the bytes without hashing
/// them a second time.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes` (FIPS 180-4).
    pub sha256: [u8; 32],
}

impl Attachment {
    /// Decodes base64 text.
    ///
    /// # Errors
    /// A message naming the first invalid character or the bad length.
    pub fn from_base64(text: &str) -> Result<Self, String> {
        let bytes = BASE64.decode(text).map_err(|e| format!("not valid base64 (RFC 4648): {e}"))?;
        let sha256 = Sha256::digest(&bytes).into();
        Ok(Attachment { bytes, sha256 })
    }

    /// The digest as 64 lowercase hexadecimal digits.
    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }
}

impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Attachment({} bytes, sha256 {})", self.bytes.len(), self.sha256_hex())
    }
}

/// Reads an attachment from its base64 text.
pub(super) fn read(v: Json, at: &At) -> Result<Attachment, Error> {
    match v {
        Json::String(text) => Attachment::from_base64(&text).map_err(|message| invalid(at, message)),
        other => Err(invalid_type(&other, "the document's bytes as a base64 string", at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64_with_or_without_padding_and_hashes_the_bytes() {
        let a = Attachment::from_base64("aGVsbG8=").expect("valid");
        assert_eq!(a.bytes, b"hello");
        // SHA-256("hello"), FIPS 180-4 test vectors as published by NIST tools.
        assert_eq!(a.sha256_hex(), "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assert_eq!(Attachment::from_base64("aGVsbG8").expect("unpadded").bytes, b"hello");
        assert!(Attachment::from_base64("aGVsbG8*").expect_err("refused").contains("base64"));
    }
}
