//! The shipped JSON Schema, TypeScript types and README table are what the model's
//! declaration writes. `SNAPDF_BLESS=1 cargo test --test schema` rewrites them.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use snapdf::document::schema;

/// Compares `path` (from the repository root) with `expected`, or writes it when
/// blessing.
fn check(path: &str, expected: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("SNAPDF_BLESS").is_some() {
        std::fs::write(&file, expected).expect("write");
        return;
    }
    let found = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        found == expected,
        "{path} is not what the model's declaration writes: run `SNAPDF_BLESS=1 cargo test --test schema`"
    );
}

#[test]
fn the_shipped_json_schema_is_the_declarations() {
    let mut text = serde_json::to_string_pretty(&schema::json_schema()).expect("JSON");
    text.push('\n');
    check("schema.json", &text);
}

#[test]
fn the_shipped_typescript_types_are_the_declarations() {
    check("js/snapshot.d.ts", &schema::typescript());
}

#[test]
fn the_readme_table_is_the_declarations() {
    const START: &str = "<!-- snapshot-table: written by SNAPDF_BLESS=1 cargo test --test schema -->\n";
    const END: &str = "<!-- end of snapshot-table -->";
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&file).expect("README.md");
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the snapshot table's markers")
    };
    let mut expected = readme[..a + START.len()].to_owned();
    expected.push_str(&schema::markdown_table());
    expected.push_str(&readme[b..]);
    check("README.md", &expected);
}
