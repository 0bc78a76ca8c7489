//! SVG blocks, checked by real tools: qpdf accepts the file, and the drawing poppler
//! renders from the PDF (pdftoppm) matches what librsvg draws from the same SVG file
//! (rsvg-convert), pixel by pixel within a stated tolerance.
#![cfg(all(feature = "media", not(target_arch = "wasm32")))]

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use snapdf::{RenderOptions, render_json};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/svg/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn snapshot(svg: &str) -> String {
    let block = serde_json::json!({"type": "svg", "svg": svg});
    serde_json::json!({"title": "SVG", "blocks": [block]}).to_string()
}

/// A snapshot of one drawing, left-aligned, `width` points wide if given, on Letter paper with 54 pt margins (816 x 1056 and 72 pixels at 96
/// dpi), after a spacer `space` points high.
fn placed(svg: &str, width: Option<f32>, space: f32) -> String {
    let mut block = serde_json::json!({"type": "svg", "svg": svg, "align": "left"});
    if let Some(w) = width {
        block["width"] = w.into();
    }
    let spacer = serde_json::json!({"type": "spacer", "height": space});
    let page = serde_json::json!({"size": "Letter", "margins": 54});
    serde_json::json!({"title": "SVG", "page": page, "blocks": [spacer, block]}).to_string()
}

/// An image as rows of RGB pixels over white.
struct Pixels {
    width: usize,
    height: usize,
    rgb: Vec<[u8; 3]>,
}

fn decode(path: &Path) -> Pixels {
    let file = std::fs::File::open(path).expect("png");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = info.color_type.samples();
    let rgb = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| {
            let alpha = if channels == 4 { u16::from(p[3]) } else { 255 };
            // Over white: c * a + 255 * (1 - a).
            [0, 1, 2].map(|i| ((u16::from(p[i]) * alpha + 255 * (255 - alpha)) / 255) as u8)
        })
        .collect();
    Pixels { width: info.width as usize, height: info.height as usize, rgb }
}

/// Renders fixture `name` at its own size: see [`compare`].
fn mismatch(name: &str) -> (f64, usize, usize) {
    compare(name, &fixture(name), 1)
}

/// Renders `svg` in a PDF at `zoom` times its own size (1 SVG pixel = 0.75 pt), draws
/// the page with poppler at 96 dpi (so 1 SVG pixel is `zoom` page pixels) and the
/// markup with librsvg at the same zoom, and returns the share of pixels whose colours
/// differ by more than 48 in some channel (edges anti-aliased differently by the two
/// rasterisers do), and the drawing's size in pixels.
fn compare(name: &str, svg: &str, zoom: u32) -> (f64, usize, usize) {
    let natural = snapdf::svg::parse(svg).expect("parses").size().0;
    let width = (zoom > 1).then_some(natural * zoom as f32);
    // A spacer that puts the drawing's top on a whole pixel, as librsvg's is.
    let top = |json: &str| {
        let parsed = snapdf::parse(json).expect("valid");
        let layout = snapdf::layout::layout(&parsed);
        let d = layout.pages[0].drawings[0];
        ((layout.height - d.y - d.height) * 96.0 / 72.0, layout.height, d)
    };
    let (px, _, _) = top(&placed(svg, width, 0.0));
    let json = placed(svg, width, (px.ceil() - px) * 72.0 / 96.0);
    let (_, page_height, placed) = top(&json);
    let out = render_json(&json, &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    assert!(out.warnings.is_empty(), "{name}: {:?}", out.warnings);

    let dir = std::env::temp_dir().join(format!("snapdf-svg-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let pdf = dir.join("doc.pdf");
    let svg_path = dir.join(name);
    std::fs::write(&pdf, &out.pdf).expect("write");
    std::fs::write(&svg_path, svg).expect("write");
    let ok = Command::new("pdftoppm")
        .args(["-r", "96", "-png", "-singlefile", "-aa", "yes", "-aaVector", "yes"])
        .arg(&pdf)
        .arg(dir.join("page"))
        .status()
        .expect("pdftoppm must be installed (scripts/setup.sh)");
    assert!(ok.success());
    let ok = Command::new("rsvg-convert")
        .args(["-z", &zoom.to_string(), "-o"])
        .arg(dir.join("rsvg.png"))
        .arg(&svg_path)
        .status()
        .expect("rsvg-convert must be installed (scripts/setup.sh: librsvg2-bin)");
    assert!(ok.success());
    let page = decode(&dir.join("page.png"));
    let drawn = decode(&dir.join("rsvg.png"));
    let _ = std::fs::remove_dir_all(&dir);

    let px = |pt: f32| (pt * 96.0 / 72.0).round() as usize;
    assert_eq!((px(placed.width), px(placed.height)), (drawn.width, drawn.height), "{name}: placed at its own size");
    let (left, top) = (px(placed.x), px(page_height - placed.y - placed.height));
    assert!(left + drawn.width <= page.width && top + drawn.height <= page.height);
    let mut differ = 0;
    for y in 0..drawn.height {
        for x in 0..drawn.width {
            let a = page.rgb[(top + y) * page.width + left + x];
            let b = drawn.rgb[y * drawn.width + x];
            if (0..3).any(|i| a[i].abs_diff(b[i]) > 48) {
                differ += 1;
            }
        }
    }
    (differ as f64 / (drawn.width * drawn.height) as f64, drawn.width, drawn.height)
}

/// The tolerance: at most 1.5 % of the pixels may differ by more than 48 of 255 in a
/// channel (measured: 0.06 % for shapes.svg, 0.8 % for paint.svg, at most 0.7 % for
/// the icons). A drawing that lost a shape, a colour, a gradient or a clip misses by
/// far more: the smallest shape of each fixture covers over 3 % of it.
const TOLERANCE: f64 = 0.015;

/// Asserts that fixture `name` is drawn `size` pixels large within [`TOLERANCE`].
fn assert_matches(name: &str, size: (usize, usize)) {
    let (share, w, h) = mismatch(name);
    assert_eq!((w, h), size);
    assert!(share <= TOLERANCE, "{name}: {:.2} % of the pixels differ", share * 100.0);
}

#[test]
fn shapes_strokes_transforms_and_group_opacity_match_librsvg() {
    assert_matches("shapes.svg", (240, 160));
}

#[test]
fn gradients_clip_paths_opacity_and_use_match_librsvg() {
    assert_matches("paint.svg", (200, 120));
}

/// Real icons: the first 60 (by name) of the Adwaita theme's scalable icons (Debian's
/// adwaita-icon-theme), drawn 4 times their size.
#[test]
fn real_icons_match_librsvg() {
    let root = Path::new("/usr/share/icons/Adwaita/scalable");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root)
        .expect("the Adwaita icons must be installed (scripts/setup.sh: adwaita-icon-theme)")
        .flat_map(|d| std::fs::read_dir(d.expect("entry").path()).expect("folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "{} icons", files.len());
    let mut worst = (0.0, String::new());
    for file in &files[..60] {
        let name = file.file_name().expect("ok").to_string_lossy().into_owned();
        let svg = std::fs::read_to_string(file).expect("icon");
        let (share, _, _) = compare(&name, &svg, 4);
        if share > worst.0 {
            worst = (share, name);
        }
    }
    eprintln!("worst: {} with {:.2} % of the pixels differing", worst.1, worst.0 * 100.0);
    assert!(worst.0 <= TOLERANCE, "{} differs in {:.2} % of its pixels", worst.1, worst.0 * 100.0);
}

#[test]
fn a_drawing_is_vector_content_not_an_image() {
    let out = render_json(&snapshot(&fixture("shapes.svg")), &RenderOptions::default()).expect("renders");
    let (ok, list) = tool("pdfimages", &["-list"], &out.pdf);
    assert!(ok, "{list}");
    assert_eq!(list.lines().count(), 2, "no images, only the header lines: {list}");
}

#[test]
fn what_is_not_drawn_is_a_warning_at_the_block() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><text x="1" y="20">Hi</text><rect width="9" height="9"/></svg>"#;
    let out = render_json(&snapshot(svg), &RenderOptions::default()).expect("renders");
    let paths: Vec<&str> = out.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["blocks[0].svg"]);
    assert!(out.warnings[0].message.starts_with("1 <text> element is left out"), "{:?}", out.warnings);
}

#[test]
fn malformed_and_oversized_markup_are_errors_at_the_block() {
    let err =
        render_json(&snapshot("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect>\n</svg>"), &RenderOptions::default())
            .expect_err("refused");
    assert_eq!(err.code(), "INVALID_SNAPSHOT");
    assert!(err.to_string().contains("blocks[0].svg"), "{err}");
    assert!(err.to_string().contains("line 3, column"), "{err}");
    let deep = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">{}{}</svg>"#,
        "<g>".repeat(100),
        "</g>".repeat(100)
    );
    let err = render_json(&snapshot(&deep), &RenderOptions::default()).expect_err("refused");
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
    assert!(err.to_string().contains("blocks[0].svg"), "{err}");
}

#[test]
fn a_gradient_used_by_many_shapes_is_written_once() {
    let stops: String = (0..=1000)
        .map(|i| format!(r##"<stop offset="{}" stop-color="#{:02x}0000"/>"##, i as f32 / 1000.0, i % 256))
        .collect();
    let rects: String =
        (0..100).map(|i| format!(r#"<rect x="{}" y="0" width="2" height="10" fill="url(#g)"/>"#, i * 2)).collect();
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="10"><linearGradient id="g">{stops}</linearGradient>{rects}</svg>"#
    );
    let out = render_json(&snapshot(&svg), &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    // One stitching function of 1,000 pieces (about 70 kB) and 100 small shading
    // patterns; written once per shape it was 100 times that.
    assert!(out.pdf.len() < 200_000, "{} bytes", out.pdf.len());
}
