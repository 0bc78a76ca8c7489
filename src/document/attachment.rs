//! The bytes of an attached document: given as base64 in the snapshot, decoded while
//! parsing, with their SHA-256 digest.

use std::fmt::{self, Write};

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// Standard base64 (RFC 4648, section 4), with or without `=` padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decoded attachment bytes and their SHA-256 digest.
///
/// In the canonical encoding of the cache key (see [`crate::key`]) an attachment is
/// its digest as 64 hex digits: the key changes with any change of the bytes without
/// hashing their base64 text a second time.
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

impl Serialize for Attachment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.sha256_hex())
    }
}

impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Base64Visitor;
        impl Visitor<'_> for Base64Visitor {
            type Value = Attachment;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the document's bytes as a base64 string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Attachment, E> {
                Attachment::from_base64(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Base64Visitor)
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
