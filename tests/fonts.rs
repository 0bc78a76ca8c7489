//! Supplied fonts, checked by real tools: text in Cyrillic and Greek set in DejaVu
//! Sans comes back exactly from pdftotext, pdffonts shows embedded subsets with
//! ToUnicode maps, fallback chains take each character from the first font that has
//! it, and missing glyphs are errors naming the characters and their places.
#![cfg(all(feature = "media", not(target_arch = "wasm32")))]

mod common;

use common::*;
use snapdf::{FontFile, RenderOptions, render_json_with};

const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu";

fn font(file: &str) -> Vec<u8> {
    std::fs::read(format!("{DEJAVU}/{file}")).expect("fonts-dejavu-core is installed (scripts/setup.sh)")
}

const CYRILLIC: &str = "Съешь же ещё этих мягких французских булок, да выпей чаю.";
const GREEK: &str = "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.";

#[test]
fn cyrillic_and_greek_set_in_dejavu_come_back_exactly() {
    let (regular, bold) = (font("DejaVuSans.ttf"), font("DejaVuSans-Bold.ttf"));
    let fonts = [FontFile::new("DejaVu Sans", &regular), FontFile::new("DejaVu Sans Bold", &bold)];
    let json = format!(
        r#"{{"title": "Отчёт — Αναφορά", "font": "DejaVu Sans", "blocks": [
            {{"type": "heading", "text": "Раздел 1"}},
            {{"type": "paragraph", "text": "{CYRILLIC}"}},
            {{"type": "paragraph", "align": "justify", "text": ["{GREEK} ", {{"text": "Έντονα γράμματα.", "bold": true}}]}},
            {{"type": "table", "columns": ["Город", "Население"], "rows": [["Москва", 13010112], ["Αθήνα", 664046]]}}
        ]}}"#
    );
    let out = render_json_with(&json, &RenderOptions::default(), &fonts).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (_, raw) = tool("pdftotext", &[], &out.pdf);
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in
        ["Отчёт — Αναφορά", "Раздел 1", CYRILLIC, GREEK, "Έντονα γράμματα.", "Москва 13010112", "Αθήνα 664046"]
    {
        assert!(text.contains(needle), "{needle:?} missing from {text:?}");
    }
    let (_, list) = tool("pdffonts", &[], &out.pdf);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "regular and bold, nothing else:\n{list}");
    for row in rows {
        // name, type "CID TrueType", encoding "Identity-H", emb sub uni: yes yes yes
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "subset tag: {row}");
        assert!(row.contains("CID TrueType") && row.contains("Identity-H"), "{row}");
        assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"], "emb sub uni: {row}");
    }
    // Subsets are small: the PDF is far smaller than the 757 kB font.
    assert!(out.pdf.len() < 60_000, "{} bytes", out.pdf.len());
}

/// Cantarell (fonts-cantarell): OpenType with CFF outlines.
const CANTARELL: &str = "/usr/share/fonts/opentype/cantarell";

#[test]
fn a_font_with_cff_outlines_is_embedded_as_a_cff_cid_font() {
    let read =
        |f: &str| std::fs::read(format!("{CANTARELL}/{f}")).expect("fonts-cantarell is installed (scripts/setup.sh)");
    let (regular, bold) = (read("Cantarell-Regular.otf"), read("Cantarell-Bold.otf"));
    let fonts = [FontFile::new("Cantarell", &regular), FontFile::new("Cantarell Bold", &bold)];
    let json = r#"{"title": "Quarterly review", "font": "Cantarell", "blocks": [
        {"type": "paragraph", "text": ["The quick brown fox jumps over the lazy dog. ", {"text": "Žluťoučký kůň.", "bold": true}]},
        {"type": "table", "columns": ["Region", "Sales"], "rows": [["Łódź", 1200], ["Ærøskøbing", 950]]}
    ]}"#;
    let out = render_json_with(json, &RenderOptions::default(), &fonts).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (_, list) = tool("pdffonts", &[], &out.pdf);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "regular and bold:\n{list}");
    for row in rows {
        // A bare CFF program (not the OpenType wrapper, "(OT)"), embedded, subset, with ToUnicode.
        assert!(row.contains("CID Type 0C ") && !row.contains("(OT)") && row.contains("Identity-H"), "{row}");
        assert!(row.contains("yes yes yes"), "emb sub uni: {row}");
    }
    let (_, raw) = tool("pdftotext", &[], &out.pdf);
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Quarterly review",
        "The quick brown fox jumps over the lazy dog. Žluťoučký kůň.",
        "Łódź 1200",
        "Ærøskøbing 950",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from {text:?}");
    }
    // Poppler draws it without a word: a CFF program under a TrueType CIDFont made it
    // warn "Mismatch between font type and embedded font file".
    let (drawn, said) = tool("pdftoppm", &["-r", "20", "-png", "-singlefile"], &out.pdf);
    assert!(
        drawn && !said.contains("Syntax") && !said.contains("Mismatch"),
        "pdftoppm: {}",
        &said[..said.len().min(300)]
    );
    assert!(!raw.contains("Syntax"), "pdftotext: {raw}");
}

#[test]
fn a_cff_font_that_cannot_be_subset_is_an_error_naming_it() {
    let mut data = std::fs::read(format!("{CANTARELL}/Cantarell-Regular.otf")).expect("fonts-cantarell");
    // The CFF table's header size byte (Adobe TN 5176, "Header") made impossible: the
    // face still measures (hmtx, cmap), but the subsetter cannot read its outlines.
    let be32 = |d: &[u8], at: usize| u32::from_be_bytes([d[at], d[at + 1], d[at + 2], d[at + 3]]) as usize;
    let tables = usize::from(u16::from_be_bytes([data[4], data[5]]));
    let cff = (0..tables).map(|i| 12 + 16 * i).find(|&r| &data[r..r + 4] == b"CFF ").expect("a CFF table");
    let at = be32(&data, cff + 8) + 2;
    data[at] = 0xFF;
    let fonts = [FontFile::new("Cantarell", &data)];
    let json =
        r#"{"title": "Hello", "font": "Cantarell", "blocks": [{"type": "paragraph", "text": "Zażółć gęślą jaźń"}]}"#;
    let err = render_json_with(json, &RenderOptions::default(), &fonts).expect_err("refused");
    assert_eq!((err.code(), err.path().as_deref()), ("INVALID_OPTIONS", Some("options.fonts[0]")), "{err}");
    assert!(err.to_string().contains("`Cantarell` has CFF outlines that cannot be subset"), "{err}");
}

/// A naming table whose records overflow 16 bits once offset and length are added
/// (found by the `font` fuzz target: subsetter 0.2.6 adds them as `u16`, a panic with
/// overflow checks) is refused at `options.fonts[0]` before the subsetter sees it,
/// in TrueType and CFF faces alike.
#[test]
fn a_naming_table_that_overflows_is_refused_before_subsetting() {
    let be16 = |d: &[u8], at: usize| usize::from(u16::from_be_bytes([d[at], d[at + 1]]));
    let be32 = |d: &[u8], at: usize| u32::from_be_bytes([d[at], d[at + 1], d[at + 2], d[at + 3]]) as usize;
    let cantarell = std::fs::read(format!("{CANTARELL}/Cantarell-Regular.otf")).expect("fonts-cantarell");
    for (family, mut data) in [("DejaVu Sans", font("DejaVuSans.ttf")), ("Cantarell", cantarell)] {
        let tables = be16(&data, 4);
        let dir = (0..tables).map(|i| 12 + 16 * i).find(|&r| &data[r..r + 4] == b"name").expect("a name table");
        let name = be32(&data, dir + 8);
        // The first Unicode record (platform 0, or 3 with encoding 1): offset 0xFFF0.
        let record = (0..be16(&data, name + 2))
            .map(|i| name + 6 + 12 * i)
            .find(|&r| be16(&data, r) == 0 || (be16(&data, r) == 3 && be16(&data, r + 2) == 1))
            .expect("a Unicode name record");
        data[record + 10..record + 12].copy_from_slice(&0xFFF0_u16.to_be_bytes());
        let fonts = [FontFile::new("F", &data)];
        let json = r#"{"title": "Hello", "font": "F", "blocks": [{"type": "paragraph", "text": "AV To"}]}"#;
        let err = render_json_with(json, &RenderOptions::default(), &fonts).expect_err(family);
        assert_eq!((err.code(), err.path().as_deref()), ("INVALID_OPTIONS", Some("options.fonts[0]")), "{err}");
        assert!(err.to_string().contains("damaged naming table"), "{family}: {err}");
    }
}

#[test]
fn a_fallback_chain_takes_each_character_from_the_first_font_that_has_it() {
    let (serif, sans) = (font("DejaVuSerif.ttf"), font("DejaVuSans.ttf"));
    let fonts = [FontFile::new("Serif", &serif), FontFile::new("Sans", &sans)];
    // U+03E2 (Coptic Shei) is in DejaVu Sans but not in DejaVu Serif.
    let json =
        r#"{"title": "Chain", "font": ["Serif", "Sans"], "blocks": [{"type": "paragraph", "text": "Latin Ϣ latin"}]}"#;
    let out = render_json_with(json, &RenderOptions::default(), &fonts).expect("renders");
    let (_, list) = tool("pdffonts", &[], &out.pdf);
    assert!(list.contains("DejaVuSerif") && list.contains("DejaVuSans"), "{list}");
    let (_, text) = tool("pdftotext", &[], &out.pdf);
    assert!(text.contains("Latin Ϣ latin"), "{text}");
}

#[test]
fn missing_glyphs_and_unknown_fonts_are_errors_with_places() {
    let sans = font("DejaVuSans.ttf");
    let fonts = [FontFile::new("DejaVu Sans", &sans)];
    let json = r#"{"title": "T", "font": "DejaVu Sans", "blocks": [{"type": "paragraph", "text": "日本語"}]}"#;
    let err = render_json_with(json, &RenderOptions::default(), &fonts).expect_err("refused");
    assert_eq!(err.code(), "UNSUPPORTED_CHARACTER");
    assert_eq!(err.path().as_deref(), Some("blocks[0].text"));
    assert!(err.to_string().contains("'日' (U+65E5)") && err.to_string().contains("DejaVu Sans"), "{err}");
    let json = r#"{"title": "T", "font": ["DejaVu Sans", "Noto"]}"#;
    let err = render_json_with(json, &RenderOptions::default(), &fonts).expect_err("refused");
    assert_eq!(err.path().as_deref(), Some("font[1]"), "{err}");
    assert!(err.to_string().contains("supplied: DejaVu Sans"), "{err}");
    let err = render_json_with(r#"{"title": "T"}"#, &RenderOptions::default(), &[FontFile::new("X", b"no")])
        .expect_err("refused");
    assert_eq!((err.code(), err.path().as_deref()), ("INVALID_OPTIONS", Some("options.fonts[0]")), "{err}");
}

#[test]
fn the_key_covers_the_font_files_the_snapshot_uses() {
    let (sans, serif) = (font("DejaVuSans.ttf"), font("DejaVuSerif.ttf"));
    let json = r#"{"title": "T", "font": "F"}"#;
    let key = |data: &[u8]| {
        snapdf::key_json_with(json, &RenderOptions::default(), &[FontFile::new("F", data)]).expect("key").to_hex()
    };
    assert_ne!(key(&sans), key(&serif), "another file under the same name is another key");
    assert_eq!(key(&sans), key(&sans));
    // A font supplied but not used leaves the key alone.
    let plain = r#"{"title": "T"}"#;
    let with_unused =
        snapdf::key_json_with(plain, &RenderOptions::default(), &[FontFile::new("F", &sans)]).expect("key");
    assert_eq!(with_unused, snapdf::key_json(plain, &RenderOptions::default()).expect("key"));
}

#[test]
fn pairs_the_font_kerns_are_drawn_closer() {
    let sans = font("DejaVuSans.ttf");
    let adjustments = title_adjustments(&sans);
    assert!(!adjustments.is_empty() && adjustments.iter().all(|&a| a > 0.0), "{adjustments:?}");
    // The same face without its legacy `kern` table (renamed in the table directory):
    // GPOS pair adjustments alone give the same kerning.
    let mut gpos_only = sans.clone();
    let tables = usize::from(u16::from_be_bytes([sans[4], sans[5]]));
    let at = (0..tables).map(|t| 12 + 16 * t).find(|&at| &sans[at..at + 4] == b"kern").expect("a kern table");
    gpos_only[at..at + 4].copy_from_slice(b"xern");
    assert_eq!(title_adjustments(&gpos_only), adjustments);
}

/// The `TJ` adjustments of the title "AVATAR WAVE" set in `font`, read from the PDF
/// uncompressed by qpdf (positive: closer); the title comes back from pdftotext.
fn title_adjustments(font: &[u8]) -> Vec<f32> {
    let fonts = [FontFile::new("DejaVu Sans", font)];
    let json = r#"{"title": "AVATAR WAVE", "font": "DejaVu Sans"}"#;
    let out = render_json_with(json, &RenderOptions::default(), &fonts).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let path = std::env::temp_dir().join(format!("snapdf-kern-{}-{}.pdf", std::process::id(), font.len()));
    std::fs::write(&path, &out.pdf).expect("write");
    let qdf =
        std::process::Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(&path).arg("-").output();
    let _ = std::fs::remove_file(&path);
    let qdf = String::from_utf8_lossy(&qdf.expect("qpdf runs").stdout).into_owned();
    let tj = qdf.lines().find(|l| l.ends_with("TJ")).expect("a TJ array");
    let (_, text) = tool("pdftotext", &[], &out.pdf);
    assert!(text.contains("AVATAR WAVE"), "{text}");
    tj.split(['<', '>']).skip(2).step_by(2).filter_map(|n| n.trim().parse().ok()).collect()
}

/// Damaged and hostile font files: truncated at many points, with bytes overwritten
/// across the tables, with a table directory that points past the end. Each one
/// renders (a damaged part the text does not use) or gives `INVALID_OPTIONS` at
/// `options.fonts[0]` or a font error at its place; none panics.
#[test]
fn truncated_and_corrupted_fonts_are_errors_not_panics() {
    let sans = font("DejaVuSans.ttf");
    let json = format!(r#"{{"title": "T", "font": "F", "blocks": [{{"type": "paragraph", "text": "{CYRILLIC}"}}]}}"#);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for cut in [0, 4, 12, 100, 300, 1_000, 10_000, 100_000, 300_000, 600_000, sans.len() - 1] {
        files.push((format!("truncated at {cut}"), sans[..cut].to_vec()));
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..80 {
        let mut bad = sans.clone();
        // Odd rounds aim at the table directory and the small tables after it.
        let span = if round % 2 == 0 { bad.len() } else { 4096 };
        for _ in 0..64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = (x % span as u64) as usize;
            bad[at] = (x >> 32) as u8;
        }
        files.push((format!("64 bytes of the first {span} overwritten, round {round}"), bad));
    }
    // The table directory (12 + 16 n bytes): every table's offset far past the end.
    let mut far = sans.clone();
    let tables = usize::from(u16::from_be_bytes([far[4], far[5]]));
    for t in 0..tables {
        far[12 + 16 * t + 8..12 + 16 * t + 12].copy_from_slice(&0xFFFF_FF00_u32.to_be_bytes());
    }
    files.push(("offsets past the end".to_owned(), far));
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for (what, data) in &files {
        let fonts = [FontFile::new("F", data)];
        match render_json_with(&json, &RenderOptions::default(), &fonts) {
            Ok(out) => {
                assert_qpdf_clean(&out.pdf);
                *outcomes.entry("rendered".to_owned()).or_default() += 1;
            }
            Err(err) => {
                let place = err.path().unwrap_or_default();
                assert!(
                    matches!(
                        (err.code(), place.as_str()),
                        ("INVALID_OPTIONS", "options.fonts[0]") | ("UNSUPPORTED_CHARACTER", "blocks[0].text")
                    ),
                    "{what}: {} at {place}: {err}",
                    err.code()
                );
                *outcomes.entry(err.code().to_owned()).or_default() += 1;
            }
        }
    }
    assert!(outcomes.get("INVALID_OPTIONS").copied().unwrap_or(0) >= 10, "{outcomes:?}");
}

/// Soft hyphens in text set in a supplied font (UTF-8, C2 AD): invisible in the middle
/// of a line, a hyphen where the line breaks; 'í' (C3 AD) is not one.
#[test]
fn soft_hyphens_in_a_supplied_font_show_only_at_breaks() {
    let regular = font("DejaVuSans.ttf");
    let fonts = [FontFile::new("DejaVu Sans", &regular)];
    let word = "Ско\u{AD}ро\u{AD}мной\u{AD}ва\u{AD}ренный";
    let json = format!(
        r#"{{"title": "Soft", "font": "DejaVu Sans", "blocks": [
            {{"type": "paragraph", "text": "co\u00ADoperate país {word}"}},
            {{"type": "table", "columns": [{{"header": "N", "width": 60}}, "W"], "rows": [["{word}", "x"]]}}
        ]}}"#
    );
    let out = render_json_with(&json, &RenderOptions::default(), &fonts).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (_, raw) = tool("pdftotext", &["-raw"], &out.pdf);
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    assert!(lines.contains(&"cooperate país Скоромнойваренный"), "{lines:?}");
    let broken: Vec<&str> = lines.iter().copied().filter(|l| l.ends_with(['-', '\u{AD}'])).collect();
    assert!(
        broken.len() >= 2 && broken.iter().all(|l| !l.trim_end_matches(['-', '\u{AD}']).contains('\u{AD}')),
        "{lines:?}"
    );
}

/// Soft hyphens in complex text (here Hebrew, and an English paragraph with a Hebrew
/// word in it, which takes the shaping path) show a hyphen where the line breaks and
/// nothing elsewhere, like the fast path's; justified complex text in a language with
/// patterns is hyphenated. (Shapers hide soft hyphens: before, such breaks showed no
/// hyphen, and complex text was not hyphenated.)
#[test]
fn soft_hyphens_in_complex_text_show_a_hyphen_where_the_line_breaks() {
    let regular = font("DejaVuSans.ttf");
    let fonts = [FontFile::new("DejaVu Sans", &regular)];
    let word = "שלו\u{AD}מי\u{AD}עו\u{AD}לם\u{AD}שלו\u{AD}מי";
    let english = "Hyphenation lets justified text keep its spaces even: long words such as \
        internationalization (בינלאומי), responsibilities and characteristically are broken between \
        their syllables where a line would otherwise stretch.";
    let json = format!(
        r#"{{"title": "Soft", "font": "DejaVu Sans", "lang": "en", "page": {{"margins": 200}}, "blocks": [
            {{"type": "table", "columns": [{{"header": "N", "width": 60}}, "W"], "rows": [["{word}", "x"]]}},
            {{"type": "paragraph", "align": "justify", "text": "{english}"}}
        ]}}"#
    );
    let out = render_json_with(&json, &RenderOptions::default(), &fonts).expect("renders");
    assert_qpdf_clean(&out.pdf);
    let (_, raw) = tool("pdftotext", &["-raw"], &out.pdf);
    // Without the bidi controls poppler brackets right-to-left lines with.
    let lines: Vec<String> =
        raw.lines().map(|l| l.chars().filter(|c| !('\u{202A}'..='\u{202E}').contains(c)).collect()).collect();
    let hyphens = |l: &str| l.chars().filter(|&c| matches!(c, '\u{AD}' | '-' | '\u{2010}')).count();
    // The Hebrew cell: its first line shows one hyphen, at its logical end (poppler puts
    // it first, as it stands left of the line), the next none; the letters are all there.
    let at = lines.iter().position(|l| l.contains("שלומיעולם")).unwrap_or_else(|| panic!("{lines:?}"));
    let (first, second) = (&lines[at], &lines[at + 1]);
    assert!(hyphens(first) == 1 && first.starts_with(['\u{AD}', '-', '\u{2010}']), "{lines:?}");
    assert!(hyphens(second) == 0 && second.trim() == "שלומי", "{lines:?}");
    // The English paragraph: hyphenated, each hyphen at the end of its line.
    let english_lines: Vec<&String> = lines.iter().skip_while(|l| !l.starts_with("Hyphenation")).collect();
    let broken: Vec<&&String> = english_lines.iter().filter(|l| l.trim_end().ends_with('\u{AD}')).collect();
    assert!(broken.len() >= 2, "{english_lines:?}");
    assert!(english_lines.iter().all(|l| hyphens(l.trim_end().trim_end_matches('\u{AD}')) == 0), "{english_lines:?}");
    let joined: String = english_lines.iter().map(|l| l.trim_end().trim_end_matches('\u{AD}')).collect();
    assert!(joined.contains("internationalization") && joined.contains("responsibilities"), "{joined}");
}

/// Italic text without an italic face is set upright, and the render says so: a
/// warning at `font` naming the face to supply; bold italic without its face is set in
/// the bold one. With the faces supplied, no warning, and pdffonts lists them.
#[test]
fn a_style_set_in_another_face_is_a_warning_naming_the_face_to_supply() {
    let (regular, bold, oblique) =
        (font("DejaVuSans.ttf"), font("DejaVuSans-Bold.ttf"), font("DejaVuSans-Oblique.ttf"));
    let json = r#"{"title": "T", "font": "DejaVu Sans", "blocks": [{"type": "paragraph", "text": [
        "upright ", {"text": "slanted", "italic": true}, " and ", {"text": "both", "bold": true, "italic": true}]}]}"#;
    let some = [FontFile::new("DejaVu Sans", &regular), FontFile::new("DejaVu Sans Bold", &bold)];
    let out = render_json_with(json, &RenderOptions::default(), &some).expect("renders");
    let said: Vec<(&str, &str)> = out.warnings.iter().map(|w| (w.path.as_str(), w.message.as_str())).collect();
    assert_eq!(
        said,
        [
            (
                "font",
                "italic text is set in `DejaVu Sans`: no font named `DejaVu Sans Italic` was supplied; \
                 supply it to set italic text as asked"
            ),
            (
                "font",
                "bold italic text is set in `DejaVu Sans Bold`: no font named `DejaVu Sans Bold Italic` was \
                 supplied; supply it to set bold italic text as asked"
            ),
        ]
    );
    let (_, list) = tool("pdffonts", &[], &out.pdf);
    assert!(!list.contains("Oblique"), "{list}");
    let bold_oblique = font("DejaVuSans-BoldOblique.ttf");
    let all = [
        FontFile::new("DejaVu Sans", &regular),
        FontFile::new("DejaVu Sans Bold", &bold),
        FontFile::new("DejaVu Sans Italic", &oblique),
        FontFile::new("DejaVu Sans Bold Italic", &bold_oblique),
    ];
    let out = render_json_with(json, &RenderOptions::default(), &all).expect("renders");
    assert_eq!(out.warnings, []);
    let (_, list) = tool("pdffonts", &[], &out.pdf);
    assert!(list.contains("DejaVuSans-Oblique") && list.contains("DejaVuSans-BoldOblique"), "{list}");
}
