//! Image XObjects (PDF 32000-1:2008, 8.9.5): JPEG data with `DCTDecode`, decoded PNG
//! samples with `FlateDecode`, and a grey soft mask (11.6.5.3) for transparency.

use std::borrow::Cow;

use pdf_writer::{Filter, Name, Pdf, Ref};

use super::{Compression, Refs, deflated};
use crate::image::{ColorModel, Image, Samples};

/// Writes every image once and returns its XObject reference, in image order.
pub(super) fn write(pdf: &mut Pdf, refs: &mut Refs, images: &[Image], compression: Compression) -> Vec<Ref> {
    images.iter().map(|image| write_one(pdf, refs, image, compression)).collect()
}

fn write_one(pdf: &mut Pdf, refs: &mut Refs, image: &Image, compression: Compression) -> Ref {
    let id = refs.next();
    let mask = image.alpha.as_ref().map(|alpha| {
        let mask_id = refs.next();
        write_xobject(pdf, mask_id, image, &Samples::Raw(alpha.clone()), ColorModel::Gray, None, compression);
        mask_id
    });
    write_xobject(pdf, id, image, &image.samples, image.color, mask, compression);
    id
}

/// Writes `samples` as an image XObject of `image`'s size in `color`, with soft mask
/// `mask`.
fn write_xobject(
    pdf: &mut Pdf,
    id: Ref,
    image: &Image,
    samples: &Samples,
    color: ColorModel,
    mask: Option<Ref>,
    compression: Compression,
) {
    let (data, filter) = match samples {
        Samples::Jpeg(data) => (Cow::Borrowed(*data), Some(Filter::DctDecode)),
        Samples::Raw(raw) => match deflated(raw, compression) {
            Some(packed) => (Cow::Owned(packed), Some(Filter::FlateDecode)),
            None => (Cow::Borrowed(raw.as_slice()), None),
        },
    };
    let mut x = pdf.image_xobject(id, &data);
    x.width(image.width as i32).height(image.height as i32).bits_per_component(8);
    color_space(&mut x, color);
    if image.inverted && color == ColorModel::Cmyk {
        x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
    }
    if let Some(m) = mask {
        x.s_mask(m);
    }
    if let Some(f) = filter {
        x.filter(f);
    }
}

fn color_space(x: &mut pdf_writer::writers::ImageXObject, color: ColorModel) {
    x.color_space_name(Name(match color {
        ColorModel::Gray => b"DeviceGray",
        ColorModel::Rgb => b"DeviceRGB",
        ColorModel::Cmyk => b"DeviceCMYK",
    }));
}

/// The resource name of image `index`: `Im0`, `Im1`, ….
pub(super) fn resource_name(index: usize) -> String {
    format!("Im{index}")
}
