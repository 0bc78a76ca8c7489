//! Images, checked by real tools: every PNG and JPEG kind embeds (pdfimages -list),
//! qpdf accepts the file, and the page rendered by poppler (pdftoppm) shows the
//! image's colours where the layout placed it.
#![cfg(all(feature = "media", not(target_arch = "wasm32")))]

mod common;

use common::*;
use snapdf::{RenderOptions, render_json};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/images/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn image_snapshot(names: &[&str], width: &str) -> String {
    let blocks: Vec<String> = names
        .iter()
        .map(|n| {
            format!(
                r#"{{"type": "image", "data": "{}", "width": {width}, "align": "left", "caption": "{n}"}}"#,
                base64(&fixture(n))
            )
        })
        .collect();
    format!(r#"{{"title": "Images", "blocks": [{}]}}"#, blocks.join(","))
}

const ALL: [&str; 12] = [
    "rgb8.png",
    "rgb16.png",
    "gray8.png",
    "gray16.png",
    "palette.png",
    "palette-trns.png",
    "gray-alpha.png",
    "rgba8.png",
    "baseline.jpg",
    "progressive.jpg",
    "gray.jpg",
    "cmyk.jpg",
];

#[test]
fn every_png_and_jpeg_kind_embeds_as_an_image() {
    let out = render_json(&image_snapshot(&ALL, "120"), &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (ok, list) = tool("pdfimages", &["-list"], &out.pdf);
    assert!(ok, "{list}");
    let rows: Vec<Vec<&str>> = list.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    // columns: page num type width height color comp bpc enc interp object ID ...
    let images: Vec<&Vec<&str>> = rows.iter().filter(|r| r[2] == "image").collect();
    let masks: Vec<&Vec<&str>> = rows.iter().filter(|r| r[2] == "smask").collect();
    assert_eq!(images.len(), ALL.len(), "{list}");
    let colors: Vec<&str> = images.iter().map(|r| r[5]).collect();
    assert_eq!(colors, ["rgb", "rgb", "gray", "gray", "rgb", "rgb", "gray", "rgb", "rgb", "rgb", "gray", "cmyk"]);
    let encodings: Vec<&str> = images.iter().map(|r| r[8]).collect();
    assert_eq!(&encodings[..8], ["image"; 8], "PNG samples are Flate-compressed");
    assert_eq!(&encodings[8..], ["jpeg"; 4], "JPEG data is passed through");
    assert!(images.iter().all(|r| r[7] == "8"), "8 bits per component");
    // Soft masks for the palette with a transparent index, grey+alpha and RGBA.
    assert_eq!(masks.len(), 3, "{list}");
    let (_, text) = tool("pdftotext", &[], &out.pdf);
    for name in ALL {
        assert!(text.contains(name), "caption {name}");
    }
}

/// The colour of pixel (x, y) of an RGB PNG.
fn pixel(png: &[u8], x: u32, y: u32) -> [u8; 3] {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    let channels = info.color_type.samples();
    let i = (y as usize * info.width as usize + x as usize) * channels;
    [buf[i], buf[i + 1], buf[i + channels.min(3) - 1]]
}

#[test]
fn images_appear_where_the_layout_placed_them_with_their_colours() {
    for name in ["rgb8.png", "baseline.jpg", "progressive.jpg", "cmyk.jpg", "palette.png", "rgba8.png"] {
        let json = image_snapshot(&[name], "\"100%\"");
        let out = render_json(&json, &RenderOptions::default()).expect("renders");
        let snapshot = snapdf::parse(&json).expect("valid");
        let layout = snapdf::layout::layout(&snapshot);
        let placed = layout.pages[0].images[0];
        assert!((placed.width - (layout.width - 100.0)).abs() < 0.01, "100% of the content width");
        // Render at 72 dpi: one pixel per point, y from the top.
        let dir = std::env::temp_dir().join(format!("snapdf-img-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let prefix = dir.join("page");
        let pdf_path = dir.join("doc.pdf");
        std::fs::write(&pdf_path, &out.pdf).expect("write");
        let status = std::process::Command::new("pdftoppm")
            .args(["-r", "72", "-png", "-singlefile", "-f", "1", "-l", "1"])
            .arg(&pdf_path)
            .arg(&prefix)
            .status()
            .expect("pdftoppm");
        assert!(status.success());
        let png = std::fs::read(dir.join("page.png")).expect("page image");
        let _ = std::fs::remove_dir_all(&dir);
        let at = |fx: f32, fy: f32| {
            let x = placed.x + placed.width * fx;
            let y = layout.height - (placed.y + placed.height * (1.0 - fy));
            pixel(&png, x as u32, y as u32)
        };
        let [r, g, b] = at(0.5, 0.5);
        if name == "rgba8.png" {
            // Half transparent there (alpha = x): the red (200, 30, 30) blended with white.
            assert!(r > 200 && (120..170).contains(&g) && (120..170).contains(&b), "{name}: got {r},{g},{b}");
            // Fully transparent at the left edge: white.
            assert_eq!(at(0.005, 0.5), [255, 255, 255], "{name}: transparent edge");
        } else {
            assert!(r > 150 && g < 90 && b < 90, "{name}: the red ellipse at the centre, got {r},{g},{b}");
            // The first stripe is black-green: (0, 255, 0).
        }
        if name != "rgba8.png" {
            let [r, g, b] = at(0.04, 0.05);
            assert!(r < 80 && g > 140 && b < 90, "{name}: the green first stripe, got {r},{g},{b}");
        }
    }
}

/// A 2x2 indexed PNG whose PLTE chunk is 8 bytes long (base64).
const PALETTE_NOT_3_PER_COLOUR: &str = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAMAAABFaP0WAAAACFBMVEX/AAAAAP8JCY/LRtcAAAAOSURBVHicY2BgZGBgBAAACwADUil4jwAAAABJRU5ErkJggg==";
/// A 2x2 indexed PNG with 2 palette colours and 4 tRNS entries (base64).
const TRNS_LONGER_THAN_PALETTE: &str = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAMAAABFaP0WAAAABlBMVEX/AAAAAP9sof2OAAAABHRSTlMAgP8HX+YVywAAAA5JREFUeJxjYGBkYGAEAAALAANSKXiPAAAAAElFTkSuQmCC";

#[test]
fn broken_images_are_errors_naming_the_block() {
    let cases = [
        (base64(b"GIF89a not a png"), "blocks[0].data", "neither a PNG nor a JPEG"),
        (base64(&fixture("rgb8.png")[..60]), "blocks[0].data", "PNG"),
        (base64(&fixture("baseline.jpg")[..100]), "blocks[0].data", "JPEG"),
        // Palettes png 0.18 panics on when it expands them (found by the `image` fuzz
        // target): a PLTE of 8 bytes, and 4 tRNS entries for 2 colours.
        (PALETTE_NOT_3_PER_COLOUR.to_owned(), "blocks[0].data", "not 3 per colour"),
        (TRNS_LONGER_THAN_PALETTE.to_owned(), "blocks[0].data", "4 transparency entries for a palette of 2 colours"),
    ];
    for (data, path, needle) in cases {
        let json = format!(r#"{{"title": "T", "blocks": [{{"type": "image", "data": "{data}"}}]}}"#);
        let err = render_json(&json, &RenderOptions::default()).expect_err("refused");
        assert_eq!(err.path().as_deref(), Some(path), "{err}");
        assert!(err.to_string().contains(needle), "{err}");
    }
}

/// A grey PNG of `width` x `height` pixels, all of value `grey`.
fn grey_png(width: u32, height: u32, grey: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(&vec![grey; (width * height) as usize]).expect("data");
    writer.finish().expect("finish");
    out
}

/// An image taller than the page (1 x 1000 px, at its natural size or at 100 % of the
/// width, or at 400 pt) is scaled down, aspect kept, to fit between the margins of a
/// page, with its caption; it was drawn 1000 pt tall, off the bottom of the page.
#[test]
fn a_tall_image_is_scaled_down_to_fit_its_page() {
    let data = base64(&grey_png(1, 1000, 0));
    for width in ["", r#", "width": "100%""#, r#", "width": 400"#] {
        let json = format!(
            r#"{{"title": "Tall", "blocks": [{{"type": "image", "data": "{data}"{width}, "caption": "A tall one"}}]}}"#
        );
        let out = render_json(&json, &RenderOptions::default()).expect("renders");
        assert_qpdf_clean(&out.pdf);
        let snapshot = snapdf::parse(&json).expect("valid");
        let layout = snapdf::layout::layout(&snapshot);
        // After the title there is not room for it: it starts the second page.
        assert_eq!((page_count(&out.pdf), layout.pages.len()), (2, 2), "{width}");
        let placed = layout.pages[1].images[0];
        assert!(placed.y >= 50.0 && placed.y + placed.height <= layout.height - 50.0, "{width}: {placed:?}");
        assert!((placed.height / placed.width - 1000.0).abs() < 1.0, "{width}: aspect kept: {placed:?}");
        let (_, text) = tool("pdftotext", &[], &out.pdf);
        assert!(text.contains("A tall one"), "{width}: the caption is on the page");
    }
}

/// Sizes below one point are refused with the reason, not drawn as a zero matrix: a
/// width of 1e-300, and an image so tall and narrow that it would be a sliver.
#[test]
fn images_too_small_to_see_are_refused() {
    let data = base64(&grey_png(1, 40_000, 0));
    let small = base64(&grey_png(2, 2, 0));
    let cases = [
        (format!(r#""data": "{small}", "width": 1e-300"#), "blocks[0].width", "is not a width"),
        (format!(r#""data": "{small}", "width": "0.001%""#), "blocks[0].width", "is not a width"),
        (format!(r#""data": "{data}""#), "blocks[0].data", "at least 0.1 point wide and tall"),
        (format!(r#""data": "{small}", "width": 1.5, "caption": "x""#), "", ""),
    ];
    for (fields, path, needle) in cases {
        let json = format!(r#"{{"title": "T", "blocks": [{{"type": "image", {fields}}}]}}"#);
        match render_json(&json, &RenderOptions::default()) {
            Ok(out) => {
                assert!(path.is_empty(), "{path} should be refused");
                assert_qpdf_clean(&out.pdf);
            }
            Err(err) => {
                assert_eq!((err.code(), err.path().as_deref()), ("INVALID_SNAPSHOT", Some(path)), "{err}");
                assert!(err.to_string().contains(needle), "{err}");
            }
        }
    }
}

/// The marker segments of a JPEG before its first scan, as (start, end) byte ranges.
fn jpeg_segments(jpeg: &[u8]) -> Vec<(u8, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA {
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        out.push((jpeg[at + 1], at..at + 2 + len));
        at += 2 + len;
    }
    out
}

/// A JPEG whose headers read but whose scan cannot be decoded (its Huffman tables
/// removed, or its entropy-coded data overwritten) is refused at its block; it was
/// embedded as it was, and poppler reported corrupt data.
#[test]
fn a_jpeg_whose_scan_cannot_be_decoded_is_refused() {
    let jpeg = fixture("baseline.jpg");
    let mut no_tables = jpeg.clone();
    for (_, range) in jpeg_segments(&jpeg).into_iter().rev().filter(|(m, _)| *m == 0xC4) {
        no_tables.drain(range);
    }
    let sos = jpeg_segments(&jpeg).last().expect("segments").1.end;
    let scan = sos + 2 + usize::from(u16::from_be_bytes([jpeg[sos + 2], jpeg[sos + 3]]));
    let mut garbage = jpeg.clone();
    let end = garbage.len() - 2;
    for (i, b) in garbage[scan..end].iter_mut().enumerate() {
        *b = if i % 2 == 0 { 0xFF } else { 0xD5 }; // restart markers out of order, again and again
    }
    for (what, data) in [("no Huffman tables", no_tables), ("scan data overwritten", garbage)] {
        assert!(snapdf::image::probe(&data).is_ok(), "{what}: the headers still read");
        let json = format!(r#"{{"title": "T", "blocks": [{{"type": "image", "data": "{}"}}]}}"#, base64(&data));
        let err = render_json(&json, &RenderOptions::default()).expect_err(what);
        assert_eq!(err.path().as_deref(), Some("blocks[0].data"), "{what}: {err}");
        assert!(err.to_string().contains("JPEG"), "{what}: {err}");
    }
}
