//! Any bytes as the data of an image block (seeded with the PNG and JPEG fixtures of
//! tests/fixtures/images/: every bit depth, colour type and JPEG process the engine
//! reads). Reading the headers in validation, decoding a PNG, and passing a JPEG
//! through must end in a PDF or an error at `blocks[0].data`: never a panic, a hang or
//! unbounded memory.
#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let encoded = base64::engine::general_purpose::STANDARD.encode(data);
    let json = format!(
        r#"{{"title": "Image", "blocks": [{{"type": "image", "data": "{encoded}", "width": "50%", "caption": "fuzzed"}}]}}"#
    );
    match snapdf::render_json(&json, &Default::default()) {
        Ok(out) => assert!(out.pdf.starts_with(b"%PDF-") && out.pages >= 1),
        Err(e) => assert!(!e.code().is_empty()),
    }
});
