//! The PNG (png crate) and JPEG (zune-jpeg) readers behind [`super::probe`] and
//! [`super::decode`]; only in builds with the `media` feature.

use std::io::Cursor;

use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_jpeg::JpegDecoder;
use zune_jpeg::zune_core::options::DecoderOptions;

use super::{ColorModel, Format, Image, Info, Samples, segments};

/// The headers of a PNG.
pub(super) fn probe_png(bytes: &[u8]) -> Result<Info, String> {
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
    check_palette(info)?;
    let dpi = info.pixel_dims.filter(|d| d.unit == png::Unit::Meter && d.xppu > 0).map(|d| d.xppu as f32 * 0.0254);
    Ok(Info { format: Format::Png, width: info.width, height: info.height, dpi })
}

/// Refuses the palettes that png 0.18 does not check and panics on when it expands
/// them: ISO/IEC 15948 (11.2.3, 11.3.2.1) makes a PLTE chunk's length a multiple of 3,
/// and gives an indexed image's tRNS chunk no more entries than the palette has.
fn check_palette(info: &png::Info) -> Result<(), String> {
    let (Some(palette), png::ColorType::Indexed) = (&info.palette, info.color_type) else { return Ok(()) };
    if palette.len() % 3 != 0 {
        return Err(format!("is a damaged PNG image: its palette is {} bytes, not 3 per colour", palette.len()));
    }
    match &info.trns {
        Some(trns) if trns.len() > palette.len() / 3 => Err(format!(
            "is a damaged PNG image: {} transparency entries for a palette of {} colours",
            trns.len(),
            palette.len() / 3
        )),
        _ => Ok(()),
    }
}

/// The headers of a JPEG and its colour model.
pub(super) fn probe_jpeg(bytes: &[u8]) -> Result<(Info, ColorModel), String> {
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

/// Decodes a JPEG's scans (and throws the pixels away), so that data a reader could not
/// decode, such as a scan that uses a Huffman table no DHT segment defines, is refused
/// instead of embedded: PDF passes JPEG through (`DCTDecode`), and the reader is the
/// first to decode it. The samples take at most `max_bytes`.
///
/// # Errors
/// What is wrong, for the image's error message.
pub(super) fn check_jpeg_scans(bytes: &[u8], max_bytes: usize) -> Result<(), String> {
    let options = DecoderOptions::default().set_max_width(1 << 16).set_max_height(1 << 16).set_strict_mode(true);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|e| format!("is not a readable JPEG image: {e:?}"))?;
    let size = decoder.output_buffer_size().ok_or("is a JPEG image too large to decode")?;
    if size > max_bytes {
        return Err(format!("is a JPEG image of {size} bytes decoded, more than the limit of {max_bytes}"));
    }
    decoder.decode().map(drop).map_err(|e| format!("is a damaged JPEG image: {e:?}"))
}

/// Decodes a PNG to 8-bit samples and an alpha channel, within `max_bytes` of samples.
pub(super) fn decode_png(bytes: &[u8], max_bytes: usize) -> Result<Image<'_>, String> {
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits { bytes: max_bytes });
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let damaged = |e: png::DecodingError| format!("is a damaged PNG image: {e}");
    let mut reader = decoder.read_info().map_err(damaged)?;
    check_palette(reader.info())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_is_split_off_and_dropped_when_opaque() {
        let (color, alpha) = split_alpha(&[1, 2, 3, 255, 4, 5, 6, 128], 4);
        assert_eq!(color, [1, 2, 3, 4, 5, 6]);
        assert_eq!(alpha, Some(vec![255, 128]));
        assert_eq!(split_alpha(&[7, 255, 8, 255], 2), (vec![7, 8], None));
    }
}
