//! The bad-input catalogue (tests/catalogue/cases.json) through the native engine:
//! every case gives its documented error code and JSON path, or renders if it must.
#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use snapdf::{RenderOptions, render_json};

#[derive(Deserialize)]
struct Catalogue {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    json: Option<String>,
    generate: Option<Generate>,
    expect: String,
    path: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum Generate {
    DeepArray { depth: usize },
    DeepCell { depth: usize },
    SpacedWords { spaces: usize },
    ManyCells { tables: usize, rows: usize },
    HugeInput { bytes: usize },
    LongWord { length: usize },
    ManyBlocks { count: usize },
    ManyColumns { count: usize },
}

/// The large inputs, built the same way as tests/js/catalogue.test.mjs builds them.
fn generate(g: &Generate) -> String {
    match g {
        Generate::DeepArray { depth } => {
            format!(r#"{{"title": "T", "blocks": {}{}}}"#, "[".repeat(*depth), "]".repeat(*depth))
        }
        Generate::DeepCell { depth } => format!(
            r#"{{"title": "T", "blocks": [{{"type": "table", "columns": ["a"], "rows": [[{}{}]]}}]}}"#,
            "[".repeat(*depth),
            "]".repeat(*depth)
        ),
        Generate::ManyCells { tables, rows } => {
            let rows = vec!["[1]"; *rows].join(",");
            let table = format!(r#"{{"type": "table", "columns": ["a"], "rows": [{rows}]}}"#);
            format!(r#"{{"title": "T", "blocks": [{}]}}"#, vec![table; *tables].join(","))
        }
        Generate::HugeInput { bytes } => {
            let head = r#"{"title": "T", "subtitle": ""#;
            format!("{head}{}\"}}", " ".repeat(bytes.saturating_sub(head.len() + 2)))
        }
        Generate::SpacedWords { spaces } => {
            format!(r#"{{"title": "T", "blocks": [{{"type": "paragraph", "text": "a{}b"}}]}}"#, " ".repeat(*spaces))
        }
        Generate::LongWord { length } => {
            format!(r#"{{"title": "T", "blocks": [{{"type": "paragraph", "text": "{}"}}]}}"#, "w".repeat(*length))
        }
        Generate::ManyBlocks { count } => {
            let blocks = vec![r#"{"type": "paragraph", "text": "x"}"#; *count].join(",");
            format!(r#"{{"title": "T", "blocks": [{blocks}]}}"#)
        }
        Generate::ManyColumns { count } => {
            let columns = vec![r#""c""#; *count].join(",");
            format!(r#"{{"title": "T", "blocks": [{{"type": "table", "columns": [{columns}]}}]}}"#)
        }
    }
}

#[test]
fn every_catalogue_case_gives_its_documented_outcome() {
    let catalogue: Catalogue =
        serde_json::from_str(include_str!("catalogue/cases.json")).expect("the catalogue parses");
    assert!(catalogue.cases.len() >= 40);
    for case in &catalogue.cases {
        let json = match (&case.json, &case.generate) {
            (Some(j), _) => j.clone(),
            (None, Some(g)) => generate(g),
            (None, None) => panic!("{}: no input", case.name),
        };
        match render_json(&json, &RenderOptions::default()) {
            Ok(out) => {
                assert_eq!(case.expect, "OK", "{}: rendered, expected {}", case.name, case.expect);
                assert!(out.pages >= 1 && out.pdf.starts_with(b"%PDF-"), "{}", case.name);
            }
            Err(e) => {
                assert_eq!(e.code(), case.expect, "{}: {e}", case.name);
                if let Some(path) = &case.path {
                    assert_eq!(e.path().as_deref(), Some(path.as_str()), "{}: {e}", case.name);
                }
                assert!(!e.to_string().is_empty());
            }
        }
    }
}
