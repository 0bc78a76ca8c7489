//! Cache keys: SHA-256 over a canonical encoding of what determines a PDF's bytes.
//!
//! # The canonical encoding
//!
//! The key is `SHA-256(DOMAIN || FORMAT_VERSION || namespace || options || snapshot
//! || fonts)`, where:
//!
//! - `DOMAIN` is the 11 bytes `snapdf-key\0`, so these hashes never collide with
//!   SHA-256 of anything else snapdf hashes;
//! - `FORMAT_VERSION` is [`FORMAT_VERSION`] as 4 bytes, big-endian. It is raised
//!   whenever the same input would render different bytes (a layout or PDF change),
//!   so an upgrade never serves a stale PDF from a cache;
//! - `namespace` is its UTF-8 length as 8 bytes big-endian, then its bytes;
//! - `options` is the Flate level of [`RenderOptions`] and `snapshot` the *parsed and
//!   resolved* [`Snapshot`], both in the binary encoding of `src/key/canonical.rs`: every
//!   field in declaration order, defaults filled in (an omitted `page` and
//!   `{"size": "A4"}` encode alike), page sizes resolved to points, strings
//!   length-prefixed, attachments and images by their SHA-256;
//! - `fonts`: for each supplied font the snapshot's `font` and `monoFont` chains resolve
//!   to (in the order the fonts were supplied), its name's UTF-8 length as 8 bytes
//!   big-endian, the name, and the SHA-256 of the font file. A snapshot in the standard
//!   fonts adds nothing here.
//!
//! Because the encoding is of the model and not of the input text, key order,
//! whitespace and escape spelling in the JSON do not change the key; any change of
//! content or options does. The encoding is streamed into the hasher, never built
//! whole.

pub(crate) mod canonical;

use std::fmt;

use sha2::{Digest, Sha256};

use crate::RenderOptions;
use crate::document::Snapshot;
use crate::fonts::FontBook;
use crate::layout::Chains;

/// Raised whenever the same snapshot and options would render different bytes or
/// encode differently for the key.
pub const FORMAT_VERSION: u32 = 11;

const DOMAIN: &[u8] = b"snapdf-key\0";

/// A cache key: the SHA-256 digest that names a rendered PDF. Shown as 64 lowercase
/// hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheKey([u8; 32]);

impl CacheKey {
    /// The 32 digest bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as 64 lowercase hexadecimal digits.
    pub fn to_hex(&self) -> String {
        self.to_string()
    }

    /// The key written as 64 hexadecimal digits (either case), as [`CacheKey::to_hex`]
    /// gives it; `None` for anything else.
    pub fn from_hex(hex: &str) -> Option<CacheKey> {
        digest_from_hex(hex).map(CacheKey)
    }
}

/// A SHA-256 digest written as 64 hexadecimal digits (either case), such as a cache key
/// or a font file's digest; `None` for anything else.
pub fn digest_from_hex(hex: &str) -> Option<[u8; 32]> {
    let digits = hex.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        let nibble = |d: u8| char::from(d).to_digit(16);
        *byte = u8::try_from(nibble(pair[0])? * 16 + nibble(pair[1])?).ok()?;
    }
    Some(bytes)
}

impl fmt::Display for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "CacheKey({self})")
    }
}

/// The cache key of `snapshot` rendered with `options` in the standard fonts.
pub fn cache_key(snapshot: &Snapshot, options: &RenderOptions) -> CacheKey {
    cache_key_with(snapshot, options, &FontBook::default())
}

/// The cache key of `snapshot` rendered with `options` and the supplied `fonts`.
pub fn cache_key_with(snapshot: &Snapshot, options: &RenderOptions, fonts: &FontBook) -> CacheKey {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(FORMAT_VERSION.to_be_bytes());
    h.update((options.namespace.len() as u64).to_be_bytes());
    h.update(options.namespace.as_bytes());
    let mut encoder = canonical::Canonical::new(h);
    encoder.uint(u64::from(options.compression.level()));
    encoder.snapshot(snapshot);
    let mut h = encoder.finish();
    for id in Chains::new(snapshot, fonts).used() {
        let name = fonts.name(id);
        h.update((name.len() as u64).to_be_bytes());
        h.update(name.as_bytes());
        h.update(fonts.digest(id));
    }
    CacheKey(h.finalize().into())
}
