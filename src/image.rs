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

use std::io::Cursor;

use zune_core::bytestream::ZCursor;

use crate::Limits;
use crate::document::{self, Block, Path, Snapshot};
use zune_core::colorspace::ColorSpace;
use zune_jpeg::JpegDecoder;
use zune_jpeg::zune_core::options::DecoderOptions;

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

fn probe_png(bytes: &[u8]) -> Result<Info, String> {
    // Reading the headers allocates little; the pixel limit is checked on the result,
    // and `decode` applies the memory limit.
    let decoder = png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits { bytes: usize::MAX });
    let reader = match decoder.read_info() {
        Ok(reader) => reader,
        // An image too large for the address space (on wasm32): report its size from
        // the IHDR chunk, which ISO/IEC 15948 (5.6) puts first, so the pixel limit
        // names it.
        Err(png::DecodingError::LimitsExceeded) if bytes.len() >= 24 && bytes.get(12..16) == Some(b"IHDR") => {
            let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
            return Ok(Info { format: Format::Png, width: be(16), height: be(20), dpi: None });
        }
        Err(e) => return Err(format!("is not a readable PNG image: {e}")),
    };
    let info = reader.info();
    let dpi = info.pixel_dims.filter(|d| d.unit == png::Unit::Meter && d.xppu > 0).map(|d| d.xppu as f32 * 0.0254);
    Ok(Info { format: Format::Png, width: info.width, height: info.height, dpi })
}

/// The headers of a JPEG and its colour model.
fn probe_jpeg(bytes: &[u8]) -> Result<(Info, ColorModel), String> {
    let options = DecoderOptions::default().set_max_width(1 << 16).set_max_height(1 << 16);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|e| format!("is not a readable JPEG image: {e:?}"))?;
    let info = decoder.info().ok_or("is not a readable JPEG image: no frame header")?;
    // The frame header's marker names the coding process (ITU-T T.81, Table B.1): SOF0
    // baseline, SOF1 extended and SOF2 progressive Huffman coding, 8-bit precision.
    match segments(bytes).find(|(m, _)| (0xC0..=0xCF).contains(m) && ![0xC4, 0xC8, 0xCC].contains(m)) {
        Some((0xC0..=0xC2, frame)) if frame.first() == Some(&8) => {}
        Some((0xC0..=0xC2, _)) => return Err("is a JPEG with 12-bit samples; PDF shows 8-bit JPEG only".to_owned()),
        _ => {
            return Err("is a lossless, arithmetic-coded or hierarchical JPEG, which PDF readers cannot show; \
                 save it as baseline or progressive JPEG"
                .to_owned());
        }
    }
    let color = match (info.components, decoder.input_colorspace()) {
        (1, _) => ColorModel::Gray,
        (3, _) => ColorModel::Rgb,
        (4, Some(ColorSpace::CMYK | ColorSpace::YCCK)) => ColorModel::Cmyk,
        (n, _) => {
            return Err(format!("is a JPEG with {n} colour components; 1 (grey), 3 (RGB) or 4 (CMYK) can be shown"));
        }
    };
    let dpi = (info.pixel_density == 1 && info.x_density > 0).then_some(f32::from(info.x_density));
    let info = Info { format: Format::Jpeg, width: u32::from(info.width), height: u32::from(info.height), dpi };
    Ok((info, color))
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
            let inverted = color == ColorModel::Cmyk && has_adobe_marker(bytes);
            let samples = Samples::Jpeg(bytes);
            Ok(Image { width: info.width, height: info.height, color, samples, alpha: None, inverted })
        }
        None => Err(NOT_AN_IMAGE.to_owned()),
    }
}

/// The error for data in neither format.
const NOT_AN_IMAGE: &str = "is neither a PNG nor a JPEG image (by its first bytes)";

fn decode_png(bytes: &[u8], max_bytes: usize) -> Result<Image<'_>, String> {
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits { bytes: max_bytes });
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let damaged = |e: png::DecodingError| format!("is a damaged PNG image: {e}");
    let mut reader = decoder.read_info().map_err(damaged)?;
    let size = reader.output_buffer_size().ok_or("is a PNG image too large to decode")?;
    if size > max_bytes {
        return Err(format!("is a PNG image of {size} bytes decoded, more than the limit of {max_bytes}"));
    }
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(damaged)?;
    buf.truncate(frame.buffer_size());
    let (width, height) = (frame.width, frame.height);
    let (color, channels) = match frame.color_type {
        png::ColorType::Grayscale => (ColorModel::Gray, 1),
        png::ColorType::GrayscaleAlpha => (ColorModel::Gray, 2),
        png::ColorType::Rgb => (ColorModel::Rgb, 3),
        png::ColorType::Rgba => (ColorModel::Rgb, 4),
        // EXPAND turns palette images into RGB or RGBA.
        png::ColorType::Indexed => return Err("is a PNG palette image that could not be expanded".to_owned()),
    };
    let (samples, alpha) = match channels {
        2 | 4 => split_alpha(&buf, channels),
        _ => (buf, None),
    };
    Ok(Image { width, height, color, samples: Samples::Raw(samples), alpha, inverted: false })
}

/// Splits interleaved samples with a trailing alpha channel into colour and alpha; the
/// alpha is dropped when every pixel is opaque.
fn split_alpha(buf: &[u8], channels: usize) -> (Vec<u8>, Option<Vec<u8>>) {
    let pixels = buf.len() / channels;
    let mut color = Vec::with_capacity(pixels * (channels - 1));
    let mut alpha = Vec::with_capacity(pixels);
    for px in buf.chunks_exact(channels) {
        color.extend_from_slice(&px[..channels - 1]);
        alpha.push(px[channels - 1]);
    }
    let opaque = alpha.iter().all(|&a| a == 255);
    (color, if opaque { None } else { Some(alpha) })
}

/// Decodes every image block of `snapshot`, in order.
///
/// # Errors
/// [`document::Error::Invalid`] at `blocks[i].data` for image data that cannot be
/// decoded within the limits.
pub fn decode_all<'a>(snapshot: &'a Snapshot, limits: &Limits) -> Result<Vec<Image<'a>>, document::Error> {
    let max_bytes = usize::try_from(limits.max_image_pixels.saturating_mul(4)).unwrap_or(usize::MAX);
    let mut images = Vec::new();
    for (i, block) in snapshot.blocks.iter().enumerate() {
        if let Block::Image(img) = block {
            let image = decode(&img.data.bytes, max_bytes).map_err(|message| document::Error::Invalid {
                path: Path::root().key("blocks").index(i).key("data").to_string(),
                message,
            })?;
            images.push(image);
        }
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
    fn alpha_is_split_off_and_dropped_when_opaque() {
        let (color, alpha) = split_alpha(&[1, 2, 3, 255, 4, 5, 6, 128], 4);
        assert_eq!(color, [1, 2, 3, 4, 5, 6]);
        assert_eq!(alpha, Some(vec![255, 128]));
        assert_eq!(split_alpha(&[7, 255, 8, 255], 2), (vec![7, 8], None));
    }

    #[test]
    fn truncated_images_are_errors_not_panics() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(probe(png).is_err());
        assert!(decode(png, 1 << 20).is_err());
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F'];
        assert!(probe(&jpeg).is_err());
        assert!(!has_adobe_marker(&[0xFF, 0xD8, 0xFF]));
    }
}
