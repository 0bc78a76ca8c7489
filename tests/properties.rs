//! Property tests (proptest) over generated valid snapshots: every one renders to a PDF
//! that qpdf accepts, its text stays inside the page margins, and its cache key ignores
//! JSON key order but changes with any change of content.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{Value, json};
use snapdf::layout::{FaceRef, Layout};
use snapdf::{RenderOptions, key_json, render_json};

/// Printable text the standard fonts can show: words of Latin-1 letters, digits and
/// punctuation, and now and then a very long word.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9éüß€,.;:!?()'-]{1,12}( [A-Za-z0-9éüß€,.;:!?()'-]{1,12}){0,30}",
        1 => "[a-z]{80,200}",
    ]
}

fn cell() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::from),
        (-1e9..1e9f64).prop_map(|n| json!((n * 100.0).round() / 100.0)),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
    ]
}

fn run() -> impl Strategy<Value = Value> {
    (text(), any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(t, bold, italic, mono)| json!({ "text": t, "bold": bold, "italic": italic, "mono": mono }))
}

fn paragraph_text() -> impl Strategy<Value = Value> {
    prop_oneof![text().prop_map(Value::from), prop::collection::vec(run(), 1..5).prop_map(Value::from)]
}

fn list_items(depth: u32) -> BoxedStrategy<Value> {
    let leaf = paragraph_text();
    if depth == 0 {
        return prop::collection::vec(leaf, 1..5).prop_map(Value::from).boxed();
    }
    let nested = (paragraph_text(), list_items(depth - 1)).prop_map(|(t, items)| json!({ "text": t, "items": items }));
    prop::collection::vec(prop_oneof![3 => leaf, 1 => nested], 1..5).prop_map(Value::from).boxed()
}

fn table() -> impl Strategy<Value = Value> {
    (1usize..6).prop_flat_map(|cols| {
        let columns = prop::collection::vec("[A-Za-z ]{1,14}", cols);
        let rows = prop::collection::vec(prop::collection::vec(cell(), cols), 0..40);
        (columns, rows, any::<bool>()).prop_map(
            |(columns, rows, zebra)| json!({ "type": "table", "columns": columns, "rows": rows, "zebra": zebra }),
        )
    })
}

fn block() -> impl Strategy<Value = Value> {
    let align = prop_oneof![Just("left"), Just("center"), Just("right"), Just("justify")];
    prop_oneof![
        (1u8..=3, text()).prop_map(|(level, t)| json!({ "type": "heading", "level": level, "text": t })),
        (paragraph_text(), align).prop_map(|(t, a)| json!({ "type": "paragraph", "text": t, "align": a })),
        list_items(2).prop_map(|items| json!({ "type": "bulletList", "items": items })),
        list_items(1).prop_map(|items| json!({ "type": "numberedList", "items": items })),
        prop::collection::vec((text(), cell()), 1..8).prop_map(|kv| {
            let items: Vec<Value> = kv.into_iter().map(|(k, v)| json!({ "key": k, "value": v })).collect();
            json!({ "type": "keyValue", "items": items })
        }),
        table(),
        Just(json!({ "type": "rule" })),
        (0.0..200.0f64).prop_map(|h| json!({ "type": "spacer", "height": h.round() })),
        Just(json!({ "type": "pageBreak" })),
    ]
}

fn snapshot() -> impl Strategy<Value = Value> {
    let size = prop_oneof![Just("A4"), Just("A5"), Just("Letter"), Just("Legal")];
    let orientation = prop_oneof![Just("portrait"), Just("landscape")];
    (text(), prop::collection::vec(block(), 0..12), size, orientation, 20u32..80).prop_map(
        |(title, blocks, size, orientation, margin)| {
            json!({ "title": title, "page": { "size": size, "orientation": orientation, "margins": margin }, "blocks": blocks })
        },
    )
}

/// JSON text with every object's keys in reverse order.
fn reversed(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let fields: Vec<String> =
                map.iter().rev().map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), reversed(v))).collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(reversed).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// Appends "x" to the first string of content found (depth first, skipping block types
/// and alignments); whether there was one.
fn touch_first_string(v: &mut Value) -> bool {
    match v {
        Value::String(s) => {
            s.push('x');
            true
        }
        Value::Array(items) => items.iter_mut().any(touch_first_string),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(k, _)| k.as_str() != "type" && k.as_str() != "align")
            .any(|(_, v)| touch_first_string(v)),
        _ => false,
    }
}

/// The right end of a text item (standard fonts), word spacing included.
fn right_end(layout: &Layout, item: &snapdf::layout::TextItem) -> f32 {
    let FaceRef::Standard(font) = item.font else { return item.x };
    let text = layout.text(item);
    item.x + font.measure(text, item.size) + item.word_spacing * text.iter().filter(|&&b| b == b' ').count() as f32
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, rng_seed: RngSeed::Fixed(48), ..ProptestConfig::default() })]

    #[test]
    fn every_valid_snapshot_renders_to_a_pdf_qpdf_accepts(s in snapshot()) {
        let json = s.to_string();
        let out = render_json(&json, &RenderOptions::default()).expect("a valid snapshot renders");
        assert_qpdf_clean(&out.pdf);
        prop_assert_eq!(page_count(&out.pdf), out.pages);
    }

    #[test]
    fn text_never_leaves_the_margins(s in snapshot()) {
        let json = s.to_string();
        let snapshot = snapdf::parse(&json).expect("valid");
        let layout = snapdf::layout::layout(&snapshot);
        let page = snapshot.page.setup();
        let m = page.margins;
        let (left, right) = (m.left as f32 - 0.01, (page.width - m.right) as f32 + 0.01);
        let (bottom, top) = (m.bottom as f32, (page.height - m.top) as f32);
        for page in &layout.pages {
            for item in &page.texts {
                prop_assert!(item.x >= left && right_end(&layout, item) <= right, "x {}..{} outside {left}..{right}", item.x, right_end(&layout, item));
                // Only the running footer and "(continued)" marks sit in the bottom margin.
                let in_margin = item.y < bottom;
                prop_assert!(item.y <= top && (!in_margin || item.size <= 8.0), "y {} outside {bottom}..{top}", item.y);
            }
        }
    }

    #[test]
    fn the_key_ignores_key_order_and_changes_with_content(s in snapshot()) {
        let json = s.to_string();
        let key = key_json(&json, &RenderOptions::default()).expect("valid");
        prop_assert_eq!(key, key_json(&reversed(&s), &RenderOptions::default()).expect("valid"));
        let mut title = s.clone();
        prop_assert!(touch_first_string(&mut title["title"]));
        prop_assert_ne!(key, key_json(&title.to_string(), &RenderOptions::default()).expect("valid"));
        let mut block = s.clone();
        if touch_first_string(&mut block["blocks"]) {
            prop_assert_ne!(key, key_json(&block.to_string(), &RenderOptions::default()).expect("valid"));
        }
    }
}

/// Text of East Asian and other characters, spaces and line feeds, as supplied fonts set it.
fn unicode_text() -> impl Strategy<Value = String> {
    "[a-zé 日本語のテキスト。、「」（）ーっゃ한국어中文，！？\n-]{0,120}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, rng_seed: RngSeed::Fixed(256), ..ProptestConfig::default() })]

    /// Wrapping UTF-8 text with its East Asian breaks loses nothing but the spaces at
    /// breaks, keeps every line within the width unless one character alone is wider,
    /// never splits a character, and never breaks before closing punctuation.
    #[test]
    fn wrapping_unicode_text_keeps_every_character_and_the_width(text in unicode_text(), max in 0u32..8000) {
        use snapdf::layout::wrap::{Breaks, east_asian_breaks, wrap_by};
        let breaks = east_asian_breaks(&text);
        prop_assert!(breaks.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(breaks.iter().all(|&b| text.is_char_boundary(b as usize)));
        let width = |_: usize, b: u8| if b & 0xC0 == 0x80 { 0 } else { 1000 };
        let mut lines = Vec::new();
        wrap_by(text.as_bytes(), max, &mut lines, width, &Breaks { at: breaks.clone(), soft: Vec::new() });
        let mut kept = String::new();
        for line in &lines {
            let (start, end) = (line.start as usize, line.end as usize);
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{line:?}");
            let s = &text[start..end];
            prop_assert!(line.units <= max || s.chars().count() == 1, "{s:?} is {} wide, max {max}", line.units);
            if breaks.binary_search(&line.start).is_ok() {
                prop_assert!(!s.starts_with(['。', '、', '」', '）', '，', '！', '？', 'ー']), "{s:?}");
            }
            kept.push_str(s);
        }
        let expected: String = text.chars().filter(|c| !matches!(c, ' ' | '\n')).collect();
        prop_assert_eq!(kept.replace([' ', '\n'], ""), expected);
    }
}
