//! Structure-aware: arbitrary snapshots built from the block vocabulary (so most inputs
//! get past validation into layout and PDF assembly), written as JSON and rendered.
//! Every valid one must render; an invalid one must be a clean error.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[derive(Debug, Arbitrary)]
struct Snapshot {
    title: String,
    size: u8,
    landscape: bool,
    margin: u8,
    footer: Option<String>,
    blocks: Vec<Block>,
}

#[derive(Debug, Arbitrary)]
enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    Null,
}

#[derive(Debug, Arbitrary)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    mono: bool,
    link: bool,
}

#[derive(Debug, Arbitrary)]
enum Item {
    Text(String),
    Nested(String, Vec<Item>),
}

#[derive(Debug, Arbitrary)]
enum Block {
    Heading(u8, String),
    Paragraph(Vec<Run>, u8),
    Bullets(Vec<Item>),
    Numbered(Vec<Item>, u16),
    KeyValue(Vec<(String, Cell)>),
    Table(u8, Vec<Vec<Cell>>, bool, Option<Vec<Cell>>),
    Spacer(u16),
    Rule,
    PageBreak,
    /// A box: fill, border width, radius, padding, kept together, its blocks.
    Box(bool, u8, u8, u8, bool, Vec<Block>),
}

fn cell(c: &Cell) -> Value {
    match c {
        Cell::Text(s) => json!(s),
        Cell::Number(n) if n.is_finite() => json!(n),
        Cell::Number(_) => Value::Null,
        Cell::Bool(b) => json!(b),
        Cell::Null => Value::Null,
    }
}

fn items(list: &[Item]) -> Value {
    Value::Array(
        list.iter()
            .map(|i| match i {
                Item::Text(s) => json!(s),
                Item::Nested(s, inner) => json!({ "text": s, "items": items(inner) }),
            })
            .collect(),
    )
}

fn block(b: &Block) -> Value {
    match b {
        Block::Heading(level, text) => json!({ "type": "heading", "level": level % 4, "text": text }),
        Block::Paragraph(runs, align) => {
            let runs: Vec<Value> = runs
                .iter()
                .map(|r| {
                    let mut v = json!({ "text": r.text, "bold": r.bold, "italic": r.italic, "mono": r.mono });
                    if r.link {
                        v["link"] = json!("https://example.com/");
                    }
                    v
                })
                .collect();
            let align = ["left", "center", "right", "justify"][usize::from(*align) % 4];
            json!({ "type": "paragraph", "text": runs, "align": align })
        }
        Block::Bullets(list) => json!({ "type": "bulletList", "items": items(list) }),
        Block::Numbered(list, start) => json!({ "type": "numberedList", "items": items(list), "start": start }),
        Block::KeyValue(kv) => {
            let kv: Vec<Value> = kv.iter().map(|(k, v)| json!({ "key": k, "value": cell(v) })).collect();
            json!({ "type": "keyValue", "items": kv })
        }
        Block::Table(cols, rows, zebra, totals) => {
            let n = usize::from(*cols % 8).max(1);
            let columns: Vec<String> = (0..n).map(|c| format!("c{c}")).collect();
            let rows: Vec<Value> = rows
                .iter()
                .map(|r| Value::Array((0..n).map(|c| r.get(c).map_or(Value::Null, cell)).collect()))
                .collect();
            let mut v = json!({ "type": "table", "columns": columns, "rows": rows, "zebra": zebra });
            if let Some(t) = totals {
                v["totals"] = Value::Array((0..n).map(|c| t.get(c).map_or(Value::Null, cell)).collect());
            }
            v
        }
        Block::Spacer(h) => json!({ "type": "spacer", "height": h % 1001 }),
        Block::Rule => json!({ "type": "rule" }),
        Block::PageBreak => json!({ "type": "pageBreak" }),
        Block::Box(fill, border, radius, padding, keep, inner) => {
            let mut v = json!({ "type": "box", "radius": radius % 101, "padding": padding % 60, "keepTogether": keep,
                               "blocks": inner.iter().map(block).collect::<Vec<_>>() });
            if *fill {
                v["fill"] = json!("#eeeeff");
            }
            if *border > 0 {
                v["border"] = json!({ "width": border % 51 });
            }
            v
        }
    }
}

fuzz_target!(|s: Snapshot| {
    let size = ["A4", "A3", "A5", "Letter", "Legal"][usize::from(s.size) % 5];
    let mut page = json!({ "size": size, "orientation": if s.landscape { "landscape" } else { "portrait" }, "margins": s.margin % 120 });
    if let Some(f) = &s.footer {
        page["footer"] = json!(f);
    }
    let blocks: Vec<Value> = s.blocks.iter().map(block).collect();
    let json = json!({ "title": s.title, "page": page, "blocks": blocks }).to_string();
    match snapdf::render_json(&json, &Default::default()) {
        Ok(out) => assert!(out.pdf.starts_with(b"%PDF-") && out.pages >= 1),
        Err(e) => assert!(!e.code().is_empty()),
    }
});
