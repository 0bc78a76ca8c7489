//! The wider snapshot vocabulary, checked by real tools: attached documents
//! (pdfdetach), the outline (qpdf --json), running headers and footers (pdftotext),
//! XMP metadata (pdfinfo -meta).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use snapdf::{RenderOptions, key_json, render_json};

fn room(attachments: &[(&str, &[u8])]) -> String {
    let items: Vec<String> = attachments
        .iter()
        .map(|(name, bytes)| {
            format!(r#"{{"name": "{name}", "mediaType": "application/octet-stream", "data": "{}"}}"#, base64(bytes))
        })
        .collect();
    format!(
        r#"{{"title": "Room 42", "metadata": {{"author": "Ann", "creationDate": "2024-05-01T09:30:00+02:00"}},
            "page": {{"header": {{"left": "{{title}}", "right": "{{date}}"}}, "footer": {{"right": "{{page}}/{{pages}}"}}}},
            "blocks": [
              {{"type": "heading", "text": "Facts"}}, {{"type": "paragraph", "text": "One."}},
              {{"type": "heading", "level": 2, "text": "Détails"}}, {{"type": "paragraph", "text": "Two."}},
              {{"type": "pageBreak"}},
              {{"type": "heading", "text": "Documents"}},
              {{"type": "documents", "items": [{}]}}
            ]}}"#,
        items.join(",")
    )
}

#[test]
fn attached_documents_are_embedded_and_come_back_byte_identical() {
    let text = b"name,value\na,1\nb,2\n".repeat(50);
    let binary: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let out =
        render_json(&room(&[("data.csv", &text), ("blob.bin", &binary)]), &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (ok, list) = tool("pdfdetach", &["-list"], &out.pdf);
    assert!(ok, "{list}");
    assert!(
        list.contains("2 embedded files") && list.contains("1: data.csv") && list.contains("2: blob.bin"),
        "{list}"
    );
    for (n, expected) in [(1, &text[..]), (2, &binary[..])] {
        let saved = std::env::temp_dir().join(format!("snapdf-detach-{}-{n}", std::process::id()));
        let (ok, msg) = tool("pdfdetach", &["-save", &n.to_string(), "-o", saved.to_str().expect("utf-8")], &out.pdf);
        assert!(ok, "{msg}");
        assert_eq!(std::fs::read(&saved).expect("saved"), expected, "attachment {n}");
        let _ = std::fs::remove_file(saved);
    }
    // The list shows each document's SHA-256.
    let all = page_texts(&out.pdf).join("\n");
    use sha2::{Digest, Sha256};
    let digest: String = Sha256::digest(&binary).iter().map(|b| format!("{b:02x}")).collect();
    assert!(all.contains(&digest), "{all}");
    assert!(all.contains("blob.bin") && all.contains("3.0 kB"), "{all}");
}

/// Attachment names with folders (`../../x.txt`, `/abs/y.txt`) are embedded as plain
/// file names: `pdfdetach -saveall` writes every file into its own folder, none outside.
/// The list on the page still shows the names as written.
#[test]
fn attachment_names_cannot_lead_a_reader_outside_its_folder() {
    let out = render_json(
        &room(&[("../../x.txt", b"x"), ("/abs/y.txt", b"y"), ("..", b"z"), ("sub/dir/w.txt", b"w")]),
        &RenderOptions::default(),
    )
    .expect("renders");
    let root = std::env::temp_dir().join(format!("snapdf-detach-all-{}", std::process::id()));
    let work = root.join("a/b/work");
    std::fs::create_dir_all(&work).expect("temp dir");
    std::fs::write(work.join("doc.pdf"), &out.pdf).expect("write");
    let (ok, list) = tool("pdfdetach", &["-list"], &out.pdf);
    assert!(ok && ["1: x.txt", "2: y.txt", "3: attachment", "4: w.txt"].iter().all(|l| list.contains(l)), "{list}");
    let run = std::process::Command::new("pdfdetach")
        .args(["-saveall", "doc.pdf"])
        .current_dir(&work)
        .output()
        .expect("pdfdetach (poppler-utils) is installed");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut saved: Vec<String> = std::fs::read_dir(&work)
        .expect("work")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    saved.sort();
    assert_eq!(saved, ["attachment", "doc.pdf", "w.txt", "x.txt", "y.txt"]);
    assert_eq!(std::fs::read(work.join("x.txt")).expect("x"), b"x");
    let outside: Vec<_> =
        std::fs::read_dir(root.join("a")).expect("a").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(outside, ["b"], "nothing written beside the folder");
    let _ = std::fs::remove_dir_all(&root);
    let page = page_texts(&out.pdf).join("\n");
    assert!(page.contains("../../x.txt") && page.contains("/abs/y.txt"), "{page}");
}

#[test]
fn headings_become_a_nested_outline_that_jumps_to_their_pages() {
    let out = render_json(&room(&[]), &RenderOptions::default()).expect("renders");
    let (ok, json) = tool("qpdf", &["--json", "--json-key=outlines"], &out.pdf);
    assert!(ok, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    let top = v["outlines"].as_array().expect("outlines");
    let titles: Vec<&str> = top.iter().map(|o| o["title"].as_str().unwrap_or("")).collect();
    assert_eq!(titles, ["Facts", "Documents"]);
    assert_eq!(top[0]["kids"][0]["title"], "Détails");
    assert_eq!(top[0]["destpageposfrom1"], 1);
    assert_eq!(top[1]["destpageposfrom1"], 2);
}

#[test]
fn header_and_footer_templates_are_filled_in_on_every_page() {
    let out = render_json(&room(&[]), &RenderOptions::default()).expect("renders");
    let pages = page_texts(&out.pdf);
    assert_eq!(pages.len(), 2);
    for (i, page) in pages.iter().enumerate() {
        let first = page.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        assert!(first.starts_with("Room 42") && first.trim_end().ends_with("2024-05-01"), "header: {first:?}");
        let last = page.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
        assert_eq!(last.trim(), format!("{}/2", i + 1), "footer on page {}", i + 1);
    }
}

#[test]
fn metadata_is_also_written_as_xmp() {
    let out = render_json(&room(&[]), &RenderOptions::default()).expect("renders");
    let (ok, meta) = tool("pdfinfo", &["-meta"], &out.pdf);
    assert!(ok, "{meta}");
    for needle in ["<dc:title>", "Room 42", "<rdf:li>Ann</rdf:li>", "2024-05-01T09:30:00+02:00", "snapdf"] {
        assert!(meta.contains(needle), "{needle} missing from {meta}");
    }
}

#[test]
fn a_document_whose_data_does_not_match_its_digest_or_size_is_refused() {
    let bad_digest = r#"{"title": "T", "blocks": [{"type": "documents", "items": [
        {"name": "a", "data": "aGVsbG8=", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}]}]}"#;
    let err = render_json(bad_digest, &RenderOptions::default()).expect_err("refused");
    assert_eq!(err.path().as_deref(), Some("blocks[0].items[0].sha256"), "{err}");
    assert!(err.to_string().contains("2cf24dba"), "{err}");
    let bad_size =
        r#"{"title": "T", "blocks": [{"type": "documents", "items": [{"name": "a", "data": "aGVsbG8=", "size": 6}]}]}"#;
    let err = render_json(bad_size, &RenderOptions::default()).expect_err("refused");
    assert_eq!(err.path().as_deref(), Some("blocks[0].items[0].size"), "{err}");
    let bad_base64 = r#"{"title": "T", "blocks": [{"type": "documents", "items": [{"name": "a", "data": "a*b"}]}]}"#;
    let err = render_json(bad_base64, &RenderOptions::default()).expect_err("refused");
    assert_eq!(err.path().as_deref(), Some("blocks[0].items[0].data"), "{err}");
    let bad_template = r#"{"title": "T", "page": {"footer": {"left": "{pgae}"}}}"#;
    let err = render_json(bad_template, &RenderOptions::default()).expect_err("refused");
    assert_eq!(err.path().as_deref(), Some("page.footer.left"), "{err}");
}

const RICH: &str = r##"{"title": "Rich", "blocks": [
  {"type": "heading", "text": "Intro", "id": "intro"},
  {"type": "paragraph", "align": "justify", "text": ["Mixes ", {"text": "bold", "bold": true}, ", ",
    {"text": "italic", "italic": true}, ", ", {"text": "code()", "mono": true}, ", ",
    {"text": "red", "color": "#c0392b"}, " and ", {"text": "a link", "link": "https://example.com/a?b=1"},
    "; back to ", {"text": "the intro", "link": "#intro"}, "."]},
  {"type": "bulletList", "items": ["one", {"text": "two", "items": ["two.a", {"text": "two.b", "items": ["deep"]}]}]},
  {"type": "numberedList", "items": ["first", {"text": "second", "items": ["sub one", "sub two"]}]}
]}"##;

/// Every object of the PDF as qpdf's JSON shows it.
fn objects(pdf: &[u8]) -> Vec<serde_json::Value> {
    let (ok, json) = tool("qpdf", &["--json", "--json-key=qpdf"], pdf);
    assert!(ok, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    v["qpdf"][1].as_object().expect("objects").values().map(|o| o["value"].clone()).collect()
}

#[test]
fn runs_keep_their_text_and_faces() {
    let out = render_json(RICH, &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (_, fonts) = tool("pdffonts", &[], &out.pdf);
    for face in ["Helvetica ", "Helvetica-Bold", "Helvetica-Oblique", "Courier "] {
        assert!(fonts.contains(face), "{face} missing from\n{fonts}");
    }
    assert!(!fonts.contains("Courier-Bold"), "unused fonts are not written:\n{fonts}");
    let (_, raw) = tool("pdftotext", &[], &out.pdf);
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Mixes bold, italic, code(), red and a link; back to the intro."), "{text}");
    for item in ["• one", "• two", "– two.a", "· deep", "1. first", "2. second", "1. sub one", "2. sub two"] {
        assert!(text.contains(item), "{item} missing from {text}");
    }
}

#[test]
fn links_are_uri_and_go_to_annotations_only() {
    let out = render_json(RICH, &RenderOptions::default()).expect("renders");
    let objects = objects(&out.pdf);
    let links: Vec<&serde_json::Value> = objects.iter().filter(|o| o["/Subtype"] == "/Link").collect();
    assert_eq!(links.len(), 2, "{links:?}");
    let uri = links.iter().find(|l| l["/A"]["/S"] == "/URI").expect("a URI action");
    assert_eq!(uri["/A"]["/URI"], "u:https://example.com/a?b=1");
    let go_to = links.iter().find(|l| l["/A"]["/S"] == "/GoTo").expect("a go-to action");
    assert_eq!(go_to["/A"]["/D"][1], "/XYZ");
    // No JavaScript or launch action anywhere in the file.
    let all = serde_json::to_string(&objects).expect("json");
    assert!(!all.contains("/JavaScript") && !all.contains("/JS") && !all.contains("/Launch"));
}

#[test]
fn a_document_in_times_uses_the_times_faces_and_courier_for_code() {
    let json = r#"{"title": "Set in Times", "font": "Times", "blocks": [
        {"type": "heading", "text": "Bold heading"},
        {"type": "paragraph", "text": ["Plain, ", {"text": "italic", "italic": true}, ", ",
            {"text": "bold italic", "bold": true, "italic": true}, " and ", {"text": "code", "mono": true}, " — €5."]}]}"#;
    let out = render_json(json, &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (_, fonts) = tool("pdffonts", &[], &out.pdf);
    for face in ["Times-Roman", "Times-Bold ", "Times-Italic", "Times-BoldItalic", "Courier "] {
        assert!(fonts.contains(face), "{face} in:\n{fonts}");
    }
    assert!(!fonts.contains("Helvetica"), "no Helvetica in a Times document:\n{fonts}");
    let (_, text) = tool("pdftotext", &[], &out.pdf);
    assert!(text.contains("Plain, italic, bold italic and code — €5."), "{text}");
    // The family is part of the cache key.
    let helvetica = json.replace(r#""font": "Times", "#, "");
    assert_ne!(key_json(json, &RenderOptions::default()).ok(), key_json(&helvetica, &RenderOptions::default()).ok());
}

#[test]
fn a_standard_family_cannot_be_mixed_with_supplied_fonts() {
    for (json, path, needle) in [
        (r#"{"title": "T", "font": ["Times", "Helvetica"]}"#, "font[0]", "must be the only name"),
        (r#"{"title": "T", "font": "Palatino"}"#, "font", "not a standard family (Helvetica, Times)"),
        (r#"{"title": "T", "font": "Times", "monoFont": "Courier"}"#, "monoFont", "Courier"),
    ] {
        let err = render_json(json, &RenderOptions::default()).expect_err("refused");
        assert_eq!((err.code(), err.path().as_deref()), ("INVALID_SNAPSHOT", Some(path)), "{err}");
        assert!(err.to_string().contains(needle), "{err}");
    }
}

/// Soft hyphens (U+00AD) are break opportunities, shown as a hyphen only where a line
/// breaks at them: they printed as visible hyphens in the middle of lines.
#[test]
fn soft_hyphens_show_only_where_a_line_breaks() {
    let word = "Donau\u{AD}dampf\u{AD}schiff\u{AD}fahrts\u{AD}gesellschaft";
    let json = format!(
        r#"{{"title": "Soft", "blocks": [
            {{"type": "paragraph", "text": "co\u00ADoperate and {word}"}},
            {{"type": "table", "columns": [{{"header": "Narrow", "width": 60}}, "Wide"], "rows": [["{word}", "x"]]}}
        ]}}"#
    );
    let out = render_json(&json, &RenderOptions::default()).expect("renders");
    assert_qpdf_clean(&out.pdf);
    // As drawn (-raw: no joining of hyphenated lines): the wide line has no hyphen and
    // no soft hyphen inside its words; the 60 pt column breaks the word at two of its
    // soft hyphens, each line ending in a hyphen.
    let (_, raw) = tool("pdftotext", &["-raw"], &out.pdf);
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    assert!(lines.contains(&"cooperate and Donaudampfschifffahrtsgesellschaft"), "{lines:?}");
    let at = lines.iter().position(|l| *l == "Donaudampf-").unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(lines[at..at + 3], ["Donaudampf-", "schifffahrts-", "gesellschaft"], "{lines:?}");
    assert!(!raw.contains('\u{AD}'), "no soft hyphen is drawn: {raw:?}");
    // The hyphens stay inside the column (54 to 114 pt, less 4 pt of padding).
    let (_, boxes) = tool("pdftotext", &["-bbox"], &out.pdf);
    for piece in ["Donaudampf-", "schifffahrts-"] {
        let row = boxes.lines().find(|l| l.contains(&format!(">{piece}<"))).expect(piece);
        let x_max: f32 =
            row.split("xMax=\"").nth(1).and_then(|r| r.split('"').next()).and_then(|v| v.parse().ok()).expect("xMax");
        assert!(x_max <= 110.0, "{piece} ends at {x_max}");
    }
    // Extracted as text, the hyphenated word reads back whole.
    let (_, text) = tool("pdftotext", &[], &out.pdf);
    assert!(text.contains("Wide\n\nDonaudampfschifffahrtsgesellschaft\n"), "{text:?}");
}

/// A paragraph that breaks across pages leaves at least two lines at the foot of the
/// first and carries at least two to the next (CSS's orphans and widows, 2 each),
/// wherever on the page it starts: 25 to 69 one-line paragraphs before a five-line one
/// put it at every height (it splits two or three times: 2/3 or 3/2). Before, one line
/// was left alone on either page.
#[test]
fn a_paragraph_never_leaves_one_line_alone_at_a_page_break() {
    let mut splits = 0;
    for fillers in 25..70 {
        let before: Vec<String> =
            (0..fillers).map(|i| format!(r#"{{"type": "paragraph", "text": "Filler {i}."}}"#)).collect();
        let json = format!(
            r#"{{"title": "Widows", "blocks": [{}, {{"type": "paragraph", "text": "Line one\nLine two\nLine three\nLine four\nLine five"}}]}}"#,
            before.join(",")
        );
        let out = render_json(&json, &RenderOptions::default()).expect("renders");
        let (_, first) = tool("pdftotext", &["-f", "1", "-l", "1"], &out.pdf);
        let here =
            ["one", "two", "three", "four", "five"].iter().filter(|w| first.contains(&format!("Line {w}"))).count();
        assert!(here == 0 || here >= 2, "{fillers} fillers: {here} line(s) at the foot of page 1");
        assert!(here == 5 || here <= 3, "{fillers} fillers: {} line(s) at the head of page 2", 5 - here);
        if here > 0 && here < 5 {
            splits += 1;
        }
    }
    assert!(splits >= 2, "the paragraph broke across pages only {splits} times");
}
