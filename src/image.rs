//! Images: PNG and JPEG data turned into what a PDF image XObject needs.
//!
//! - JPEG is passed through as is (`DCTDecode`, PDF 32000-1:2008, 7.4.8): only its
//!   headers are read (zune-jpeg), for the size, the components (grey, RGB, CMYK) and
//!   the coding process; baseline, extended and progressive Huffman coding are
//!   accepted, arithmetic and lossless coding (which PDF readers do not decode) are not.
//!   CMYK data written by Adobe software is stored inverted; an Adobe APP14 marker
//!   asks for the inverting `/Decode` array.
//! - PNG is decoded (the png crate): palette, grey, grey with alpha, RGB and RGBA at any
//!   bit depth become 8-bit grey or RGB samples, 16-bit samples are reduced to 8 bits,
//!   and the alpha channel (or a tRNS transparency) becomes a separate grey soft mask
//!   (11.6.5.3). The samples are then Flate-compressed with the PDF.
//!
//! [`probe`] reads only the headers, for validation before anything is rendered;
//! [`decode`] does the work, within a memory limit.

// The decoders, or (in the base build, without the `media` feature) stand-ins that
// refuse every image; validation refuses images before they are reached there.
#[cfg_attr(feature = "media", path = "image/codecs.rs")]
#[cfg_attr(not(feature = "media"), path = "image/absent.rs")]
mod codecs;

use crate::Limits;
use crate::document::{self, At, Block, Snapshot};
use codecs::{check_jpeg_scans, decode_png, probe_jpeg, probe_png};

/// An image file format snapdf reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PNG (ISO/IEC 15948).
    Png,
    /// JPEG (ISO/IEC 10918-1), JFIF or Adobe.
    Jpeg,
}

/// What the headers of an image say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Info {
    /// The format.
    pub format: Format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels per inch stated by the file (PNG pHYs, JFIF density), if any.
    pub dpi: Option<f32>,
}

/// The colour space of image samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorModel {
    /// One component (`/DeviceGray`).
    Gray,
    /// Three components (`/DeviceRGB`).
    Rgb,
    /// Four components (`/DeviceCMYK`).
    Cmyk,
}

/// The samples of an image, ready for an image XObject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Samples<'a> {
    /// JPEG data, written with `DCTDecode`.
    Jpeg(&'a [u8]),
    /// Uncompressed 8-bit samples, row by row.
    Raw(Vec<u8>),
}

/// A decoded image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image<'a> {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The colour space of `samples`.
    pub color: ColorModel,
    /// The colour samples.
    pub samples: Samples<'a>,
    /// 8-bit opacity per pixel (255 opaque), if any pixel is not opaque.
    pub alpha: Option<Vec<u8>>,
    /// Whether the samples are stored inverted (Adobe CMYK JPEG).
    pub inverted: bool,
}

/// The smallest side, in points, of an image fitted to the page (a hairline): content
/// streams write points to 2 decimals (`pdf::ops::POINTS`), so a side under 0.005 pt
/// would be a zero matrix, an image drawn nowhere.
pub const MIN_SIDE: f32 = 0.1;

/// The size, in points, at which an image of `info` is drawn in a box `box_width` wide
/// with `room` points of height: `asked` (points, or percent of `box_width`) or else its
/// natural size at its resolution (`default_dpi` without one), never wider than the box,
/// then scaled down, aspect kept, until it is no taller than `room`.
pub fn fit(
    info: &Info,
    asked: Option<document::ColumnWidth>,
    default_dpi: f32,
    (box_width, room): (f32, f32),
) -> (f32, f32) {
    let natural = info.width as f32 * 72.0 / info.dpi.filter(|d| *d > 0.0).unwrap_or(default_dpi);
    let ratio = info.height as f32 / info.width.max(1) as f32;
    fit_natural(natural, ratio, asked, (box_width, room))
}

/// The size, in points, at which a figure `natural` points wide whose height is `ratio`
/// times its width is drawn in a box `box_width` wide with `room` points of height: as
/// [`fit`], for images and SVG drawings alike.
pub fn fit_natural(
    natural: f32,
    ratio: f32,
    asked: Option<document::ColumnWidth>,
    (box_width, room): (f32, f32),
) -> (f32, f32) {
    let width = match asked {
        Some(document::ColumnWidth::Points(p)) => p as f32,
        Some(document::ColumnWidth::Percent(p)) => box_width * p as f32 / 100.0,
        None => natural,
    }
    .min(box_width);
    let width = if width * ratio > room { room / ratio } else { width };
    (width, width * ratio)
}

/// The format of `bytes`, from its signature.
pub fn format(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else {
        None
    }
}

/// Reads the headers of an image.
///
/// # Errors
/// A message saying what is wrong: an unknown format, a damaged header, a JPEG coding
/// process PDF cannot show.
pub fn probe(bytes: &[u8]) -> Result<Info, String> {
    match format(bytes) {
        Some(Format::Png) => probe_png(bytes),
        Some(Format::Jpeg) => probe_jpeg(bytes).map(|(info, _)| info),
        None => Err(NOT_AN_IMAGE.to_owned()),
    }
}

/// Decodes an image for embedding, using at most `max_bytes` of memory for samples.
///
/// # Errors
/// As [`probe`], and for damaged image data or an image over the memory limit.
pub fn decode(bytes: &[u8], max_bytes: usize) -> Result<Image<'_>, String> {
    match format(bytes) {
        Some(Format::Png) => decode_png(bytes, max_bytes),
        Some(Format::Jpeg) => {
            let (info, color) = probe_jpeg(bytes)?;
            check_jpeg_scans(bytes, max_bytes)?;
            let inverted = color == ColorModel::Cmyk && has_adobe_marker(bytes);
            let samples = Samples::Jpeg(bytes);
            Ok(Image { width: info.width, height: info.height, color, samples, alpha: None, inverted })
        }
        None => Err(NOT_AN_IMAGE.to_owned()),
    }
}

/// The error for data in neither format.
const NOT_AN_IMAGE: &str = "is neither a PNG nor a JPEG image (by its first bytes)";

/// Decodes every image block of `snapshot`, in order (boxes' too), then every image of
/// its header and footer bands (see [`document::Page::logos`]).
///
/// # Errors
/// [`document::Error::Invalid`] at `blocks[i].data` for image data that cannot be
/// decoded within the limits.
pub fn decode_all<'a>(snapshot: &'a Snapshot, limits: &Limits) -> Result<Vec<Image<'a>>, document::Error> {
    let max_bytes = usize::try_from(limits.max_image_pixels.saturating_mul(4)).unwrap_or(usize::MAX);
    let mut images = Vec::new();
    document::nest::try_each(&snapshot.blocks, &At::Root, 1, &mut |block, at, _| {
        if let Block::Image(img) = block {
            let image = decode(&img.data.bytes, max_bytes)
                .map_err(|message| document::Error::Invalid { path: at.path().key("data").to_string(), message })?;
            images.push(image);
        }
        Ok(())
    })?;
    for (band, part, logo) in snapshot.page.logos() {
        let image = decode(&logo.image.bytes, max_bytes).map_err(|message| {
            let path = document::Path::root().key("page").key(band).key(part).key("image");
            document::Error::Invalid { path: path.to_string(), message }
        })?;
        images.push(image);
    }
    Ok(images)
}

/// The marker segments of a JPEG before its first scan (ITU-T T.81, B.1.1.4): marker
/// code and payload.
fn segments(bytes: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut i = 2;
    std::iter::from_fn(move || {
        if i + 4 > bytes.len() || bytes[i] != 0xFF || bytes[i + 1] == 0xDA {
            return None;
        }
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let payload = bytes.get(i + 4..(i + 2 + len).min(bytes.len())).unwrap_or_default();
        i += 2 + len.max(2);
        Some((marker, payload))
    })
}

/// Whether the JPEG has an Adobe APP14 segment (`FF EE`, "Adobe") before its image
/// data.
fn has_adobe_marker(bytes: &[u8]) -> bool {
    segments(bytes).any(|(m, payload)| m == 0xEE && payload.starts_with(b"Adobe"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_known_by_their_signature() {
        assert_eq!(format(b"\x89PNG\r\n\x1a\nrest"), Some(Format::Png));
        assert_eq!(format(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Format::Jpeg));
        assert_eq!(format(b"GIF89a"), None);
        assert!(probe(b"GIF89a").expect_err("refused").contains("neither"));
    }

    #[test]
    #[cfg(feature = "media")]
    fn truncated_images_are_errors_not_panics() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(probe(png).is_err());
        assert!(decode(png, 1 << 20).is_err());
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F'];
        assert!(probe(&jpeg).is_err());
        assert!(!has_adobe_marker(&[0xFF, 0xD8, 0xFF]));
    }
}
