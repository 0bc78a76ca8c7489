//! Any bytes as snapshot JSON: parsing, validation and (when valid) rendering must end
//! in a PDF or an error, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(json) = std::str::from_utf8(data) {
        if let Ok(out) = snapdf::render_json(json, &Default::default()) {
            assert!(out.pdf.starts_with(b"%PDF-"));
        }
    }
});
