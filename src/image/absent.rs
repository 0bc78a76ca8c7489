//! Stand-ins for the PNG and JPEG readers in builds without the `media` feature (the
//! base module): every image is refused. Validation refuses image blocks first, with
//! `MEDIA_UNAVAILABLE` ([`crate::document::Error::Unavailable`]), so these are not
//! reached by a render.

use super::{ColorModel, Image, Info};

/// What every stand-in answers.
const UNAVAILABLE: &str = "cannot be read: this build of snapdf has no image support (the `media` feature)";

pub(super) fn probe_png(_: &[u8]) -> Result<Info, String> {
    Err(UNAVAILABLE.to_owned())
}

pub(super) fn probe_jpeg(_: &[u8]) -> Result<(Info, ColorModel), String> {
    Err(UNAVAILABLE.to_owned())
}

pub(super) fn decode_png(_: &[u8], _: usize) -> Result<Image<'_>, String> {
    Err(UNAVAILABLE.to_owned())
}

pub(super) fn check_jpeg_scans(_: &[u8], _: usize) -> Result<(), String> {
    Err(UNAVAILABLE.to_owned())
}
