//! Helpers shared by the integration tests: sample snapshots and the external PDF
//! tools (qpdf, pdfinfo, pdftotext) the tests check output with.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

/// A snapshot with every block type and `rows` data rows.
pub fn report(rows: usize) -> String {
    let mut table_rows = Vec::new();
    for i in 1..=rows {
        table_rows.push(format!(r#"["row {i}", {i}, "{}", {}, true]"#, "word ".repeat(i % 7), i as f64 * 1.5));
    }
    format!(
        r#"{{"title": "Quarterly report", "subtitle": "Everything at once",
            "metadata": {{"author": "Zoë Müller", "subject": "Tests", "keywords": ["a", "b"], "creationDate": "2024-05-01T09:30:00Z"}},
            "blocks": [
              {{"type": "heading", "level": 1, "text": "Summary"}},
              {{"type": "paragraph", "text": "Café crème, Straße, © 2024, “quotes” and €5 – all in WinAnsi."}},
              {{"type": "bulletList", "items": ["first", "second"]}},
              {{"type": "keyValue", "items": [{{"key": "Owner", "value": "Ann"}}, {{"key": "Rows", "value": {rows}}}]}},
              {{"type": "table", "columns": ["Name", "Count", "Words", "Value", "Flag"], "rows": [{}]}}
            ]}}"#,
        table_rows.join(",")
    )
}

/// Runs `tool args… <pdf on stdin or as a temp file>` and returns stdout.
pub fn tool(tool: &str, args: &[&str], pdf: &[u8]) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!("snapdf-test-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("doc.pdf");
    std::fs::File::create(&path).and_then(|mut f| f.write_all(pdf)).expect("write pdf");
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (scripts/setup.sh): {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// The page count pdfinfo reports.
pub fn page_count(pdf: &[u8]) -> usize {
    let (ok, out) = tool("pdfinfo", &[], pdf);
    assert!(ok, "pdfinfo failed: {out}");
    out.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints Pages:")
}

/// The text pdftotext extracts, one string per page.
pub fn page_texts(pdf: &[u8]) -> Vec<String> {
    let (ok, out) = tool("pdftotext", &["-layout"], pdf);
    assert!(ok, "pdftotext failed: {out}");
    let mut pages: Vec<String> = out.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Asserts that qpdf finds nothing wrong with the file.
pub fn assert_qpdf_clean(pdf: &[u8]) {
    let (ok, out) = tool("qpdf", &["--check"], pdf);
    assert!(ok && out.contains("No syntax or stream encoding errors"), "qpdf --check: {out}");
}

/// Base64 of `bytes` (RFC 4648, with padding), written out here so the tests do not
/// share the engine's decoder.
#[allow(dead_code)] // not every test file sends bytes
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}
