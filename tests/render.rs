//! End-to-end rendering tests: real PDFs checked with qpdf, pdfinfo and pdftotext.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use snapdf::{RenderOptions, render_json};

#[test]
fn a_report_with_every_block_renders_to_a_valid_pdf() {
    let json = report(300);
    let out = render_json(&json, &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let pages = page_count(&out.pdf);
    assert_eq!(pages, out.pages);
    assert!(pages >= 3, "300 rows take several pages, got {pages}");
    let texts = page_texts(&out.pdf);
    assert_eq!(texts.len(), pages);
    let all = texts.join("\n");
    assert!(all.contains("Quarterly report"));
    assert!(all.contains("Café crème, Straße, © 2024, “quotes” and €5 – all in WinAnsi."), "{}", &texts[0]);
    assert!(all.contains("row 1 "));
    assert!(texts[pages - 1].contains("row 300"));
    for (i, text) in texts.iter().enumerate() {
        assert!(text.contains(&format!("Page {} of {pages}", i + 1)), "footer on page {}", i + 1);
    }
}

#[test]
fn the_table_header_repeats_on_every_page_and_rows_are_whole() {
    let json = report(400);
    let out = render_json(&json, &RenderOptions::default()).expect("renders");
    let texts = page_texts(&out.pdf);
    // Every page after the first starts the table again with its header.
    for (i, text) in texts.iter().enumerate().skip(1) {
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        for header in ["Name", "Count", "Words", "Value", "Flag"] {
            assert!(first_line.contains(header), "page {}: header missing in {first_line:?}", i + 1);
        }
    }
    // Each row appears exactly once, whole (its name and its value on one line).
    let all = texts.join("\n");
    for i in 1..=400 {
        let name = format!("row {i} ");
        let line = all.lines().find(|l| l.contains(&name)).unwrap_or_else(|| panic!("row {i} missing"));
        assert!(line.contains(&format!("{}", i as f64 * 1.5)), "row {i} cut: {line:?}");
    }
}

#[test]
fn identical_input_gives_identical_bytes() {
    let json = report(50);
    let a = render_json(&json, &RenderOptions::default()).expect("renders");
    let b = render_json(&json, &RenderOptions::default()).expect("renders");
    assert_eq!(a.pdf, b.pdf);
    // The file identifier is derived from the cache key.
    let id: String = a.key.as_bytes()[..16].iter().map(|b| format!("{b:02X}")).collect();
    let text = String::from_utf8_lossy(&a.pdf);
    assert!(text.to_uppercase().contains(&format!("<{id}>")), "ID from key");
}

#[test]
fn metadata_reaches_the_info_dictionary() {
    let out = render_json(&report(1), &RenderOptions::default()).expect("renders");
    let (ok, info) = tool("pdfinfo", &[], &out.pdf);
    assert!(ok);
    assert!(info.contains("Title:           Quarterly report"), "{info}");
    assert!(info.contains("Author:          Zoë Müller"), "{info}");
    assert!(info.contains("Keywords:        a, b"), "{info}");
    assert!(info.contains("CreationDate:") && info.contains("2024"), "{info}");
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");
}

#[test]
fn compression_levels_all_give_valid_pdfs() {
    let json = report(100);
    let mut sizes = Vec::new();
    for level in [0, 1, 6, 9] {
        let options =
            RenderOptions { compression: snapdf::Compression::new(level).expect("level"), ..Default::default() };
        let out = render_json(&json, &options).expect("renders");
        assert_qpdf_clean(&out.pdf);
        sizes.push(out.pdf.len());
    }
    assert!(sizes[0] > sizes[1] && sizes[1] >= sizes[3], "{sizes:?}");
}

#[test]
fn letter_landscape_and_custom_sizes_are_honoured() {
    for (page, expect) in [
        (r#"{"size": "Letter"}"#, "612 x 792 pts (letter)"),
        (r#"{"size": "Legal"}"#, "612 x 1008 pts"),
        (r#"{"size": "A3"}"#, "841.89 x 1190.55 pts (A3)"),
        (r#"{"size": "A5", "orientation": "landscape"}"#, "595.276 x 419.528 pts"),
        (r#"{"size": "A4", "orientation": "landscape"}"#, "841.89 x 595.276 pts (A4)"),
        (r#"{"size": {"width": 400, "height": 300}, "margins": {"top": 20, "left": 30}}"#, "400 x 300 pts"),
    ] {
        let json = format!(r#"{{"title": "T", "page": {page}, "blocks": [{{"type": "paragraph", "text": "x"}}]}}"#);
        let out = render_json(&json, &RenderOptions::default()).expect("renders");
        let (_, info) = tool("pdfinfo", &[], &out.pdf);
        assert!(info.contains(expect), "{page}: {info}");
    }
}

/// Writes sample PDFs to target/samples for a look (`cargo test -- --ignored samples`).
#[test]
#[ignore]
fn samples() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("samples");
    std::fs::create_dir_all(&dir).expect("dir");
    let out = render_json(&report(120), &RenderOptions::default()).expect("renders");
    std::fs::write(dir.join("report.pdf"), &out.pdf).expect("write");
    println!("{}", dir.display());
}

#[test]
fn stages_are_reported_and_timed_with_the_callers_clock() {
    use snapdf::tasks::Stage;
    let mut t = 0.0;
    let mut seen = Vec::new();
    let mut observe = |stage: Stage| {
        seen.push(stage);
        t += 1.5;
        t
    };
    let (out, stages) =
        snapdf::render_json_observed(&report(10), &RenderOptions::default(), &Default::default(), None, &mut observe)
            .expect("renders");
    assert_eq!(seen, [Stage::Started, Stage::Validated, Stage::Validated, Stage::LaidOut, Stage::Assembled]);
    assert_eq!(stages, snapdf::Stages { validate_ms: 1.5, key_ms: 1.5, layout_ms: 1.5, pdf_ms: 1.5 });
    assert_eq!(out.pdf, render_json(&report(10), &RenderOptions::default()).expect("renders").pdf);
}

#[test]
fn numbered_lists_rules_and_page_breaks_reach_the_reader() {
    let json = r#"{"title": "T", "blocks": [
        {"type": "numberedList", "items": ["first", "second"]},
        {"type": "rule"},
        {"type": "pageBreak"},
        {"type": "paragraph", "text": "on page two"}]}"#;
    let out = render_json(json, &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let texts = page_texts(&out.pdf);
    assert_eq!(texts.len(), 2);
    assert!(texts[0].contains("1. first") && texts[0].contains("2. second"), "{}", texts[0]);
    assert!(texts[1].contains("on page two"));
}
