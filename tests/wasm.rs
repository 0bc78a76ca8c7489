//! The WebAssembly boundary, run by wasm-bindgen-test in Node, in a Chromium page and
//! in a dedicated worker (the environment is chosen at run time by scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, Uint8Array};
use snapdf::bindings::render::{cache_key, format_version, render, validate};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SNAPSHOT: &str = r#"{"title": "Straße & Café", "blocks": [
    {"type": "heading", "text": "Numbers"},
    {"type": "table", "columns": ["a", "b"], "rows": [["x", 1], ["y", 2.5]]}]}"#;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("readable property")
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &JsValue::from_str(k), v).expect("settable");
    }
    obj.into()
}

#[wasm_bindgen_test]
fn render_returns_pdf_bytes_key_and_pages() {
    let out = render(SNAPSHOT.as_bytes(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect("renders");
    let pdf: Uint8Array = get(&out, "pdf").dyn_into().expect("a Uint8Array");
    let bytes = pdf.to_vec();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"));
    assert_eq!(get(&out, "pages").as_f64(), Some(1.0));
    let key = get(&out, "key").as_string().expect("a string");
    assert_eq!(key, cache_key(SNAPSHOT.as_bytes(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect("keys"));
    assert_eq!(key.len(), 64);
}

#[wasm_bindgen_test]
fn output_is_byte_identical_to_the_native_engine() {
    let out = render(SNAPSHOT.as_bytes(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect("renders");
    let wasm_bytes = get(&out, "pdf").dyn_into::<Uint8Array>().expect("bytes").to_vec();
    let native = snapdf::render_json(SNAPSHOT, &Default::default()).expect("renders");
    assert_eq!(wasm_bytes, native.pdf);
}

#[wasm_bindgen_test]
fn options_change_the_key_and_undefined_means_default() {
    let base = cache_key(SNAPSHOT.as_bytes(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect("keys");
    let same = cache_key(
        SNAPSHOT.as_bytes(),
        options(&[("compression", JsValue::UNDEFINED), ("namespace", JsValue::NULL)]),
        JsValue::UNDEFINED,
    )
    .expect("keys");
    assert_eq!(base, same);
    let tenant =
        cache_key(SNAPSHOT.as_bytes(), options(&[("namespace", "tenant-a".into())]), JsValue::UNDEFINED).expect("keys");
    let level =
        cache_key(SNAPSHOT.as_bytes(), options(&[("compression", 6.into())]), JsValue::UNDEFINED).expect("keys");
    assert!(tenant != base && level != base && tenant != level);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_code_and_path() {
    let bad = r#"{"title": "T", "blocks": [{"type": "table", "columns": ["a"], "rows": [[[1]]]}]}"#;
    let err = render(bad.as_bytes(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect_err("rejected");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name").as_string().as_deref(), Some("SnapdfError"));
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_SNAPSHOT"));
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("blocks[0].rows[0][0]"));

    let err = validate(r#"{"title": "Ωmega"}"#.as_bytes(), JsValue::UNDEFINED).expect_err("rejected");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("UNSUPPORTED_CHARACTER"));
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("title"));

    let err =
        render(SNAPSHOT.as_bytes(), options(&[("compression", 11.into())]), JsValue::UNDEFINED).expect_err("rejected");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTIONS"));
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("options.compression"));

    let err = render(SNAPSHOT.as_bytes(), options(&[("colour", 1.into())]), JsValue::UNDEFINED).expect_err("rejected");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTIONS"));
    assert!(get(&err, "message").as_string().unwrap_or_default().contains("unknown field `colour`"));

    let err = render(b"{\"title\": \"\xe9\"}", JsValue::UNDEFINED, JsValue::UNDEFINED).expect_err("Latin-1");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_JSON"));
    assert!(get(&err, "message").as_string().unwrap_or_default().contains("not valid UTF-8"));
}

#[wasm_bindgen_test]
fn a_large_table_renders_in_the_runtime() {
    let rows: Vec<String> = (0..2000).map(|i| format!(r#"["row {i}", {i}]"#)).collect();
    let json = format!(
        r#"{{"title": "Big", "blocks": [{{"type": "table", "columns": ["a", "b"], "rows": [{}]}}]}}"#,
        rows.join(",")
    );
    let out = render(json.as_bytes(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect("renders");
    assert!(get(&out, "pages").as_f64().unwrap_or(0.0) > 10.0);
    assert_eq!(format_version(), snapdf::key::FORMAT_VERSION);
}

mod cache_policy {
    use super::*;
    use snapdf::bindings::cache::{CachePolicy, overall_hit_rate, sha256};

    fn settings(budget: f64) -> JsValue {
        options(&[("budgetBytes", budget.into()), ("ttlMs", 1000.into())])
    }

    #[wasm_bindgen_test]
    fn admits_looks_up_evicts_and_counts() {
        let mut p = CachePolicy::new(settings(10.0)).expect("valid settings");
        assert_eq!(p.admit("a", "", 6.0, 0.0).expect("fits"), Vec::<String>::new());
        assert_eq!(p.lookup("a", 1.0), "hit");
        assert_eq!(p.admit("b", "ns", 6.0, 2.0).expect("fits"), vec!["a".to_owned()]);
        assert_eq!(p.lookup("a", 3.0), "miss");
        assert_eq!(p.lookup("b", 1002.0), "expired");
        let stats = p.stats();
        assert_eq!(get(&stats, "hits").as_f64(), Some(1.0));
        assert_eq!(get(&stats, "misses").as_f64(), Some(2.0));
        assert_eq!(get(&stats, "evictions").as_f64(), Some(1.0));
        assert_eq!(get(&stats, "hitRate").as_f64(), Some(1.0 / 3.0));
        assert_eq!(overall_hit_rate(stats, JsValue::UNDEFINED).expect("stats"), 1.0 / 3.0);
    }

    #[wasm_bindgen_test]
    fn refusals_and_bad_settings_are_js_errors_with_codes() {
        let mut p = CachePolicy::new(settings(10.0)).expect("valid settings");
        let err = p.admit("big", "", 11.0, 0.0).expect_err("too large");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("CACHE_ENTRY_TOO_LARGE"));
        let err = CachePolicy::new(options(&[("budget", 1.into())])).err().expect("unknown setting");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTIONS"));
        assert!(get(&err, "message").as_string().unwrap_or_default().contains("unknown field `budget`"));
    }

    #[wasm_bindgen_test]
    fn invalidation_selectors_and_restore() {
        let mut p = CachePolicy::new(JsValue::UNDEFINED).expect("defaults");
        p.admit("k1", "alice", 1.0, 0.0).expect("fits");
        p.admit("k2", "bob", 1.0, 0.0).expect("fits");
        assert_eq!(p.invalidate(options(&[("namespace", "alice".into())])).expect("selector"), vec!["k1".to_owned()]);
        assert_eq!(p.invalidate(options(&[("prefix", "k".into())])).expect("selector"), vec!["k2".to_owned()]);
        p.admit("k3", "", 1.0, 0.0).expect("fits");
        assert_eq!(p.invalidate("all".into()).expect("selector"), vec!["k3".to_owned()]);
        let entries = js_sys::JSON::parse(
            r#"[{"key":"r1","namespace":"","size":5,"createdMs":1,"lastAccessMs":9,"expiresMs":null}]"#,
        )
        .expect("json");
        assert_eq!(p.restore(entries).expect("entries"), Vec::<String>::new());
        assert!(p.contains("r1", 10.0));
        assert_eq!(get(&p.get("r1"), "lastAccessMs").as_f64(), Some(9.0));
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

mod metrics {
    use super::*;
    use snapdf::bindings::metrics::Metrics;

    const T0: f64 = 1_767_225_600_000.0; // 2026-01-01T00:00:00Z

    #[wasm_bindgen_test]
    fn records_summarizes_exports_and_merges() {
        let mut m = Metrics::new(JsValue::UNDEFINED).expect("defaults");
        for v in 1..=100 {
            m.record("render.ms", v as f64, T0).expect("valid");
        }
        m.increment("cache.l1.hits", 3.0, T0).expect("valid");
        m.increment("cache.l1.misses", 1.0, T0).expect("valid");
        let s = m.summary(1.0, T0).expect("summary");
        let h = get(&get(&s, "histograms"), "render.ms");
        assert_eq!(get(&h, "count").as_f64(), Some(100.0));
        assert_eq!(get(&h, "max").as_f64(), Some(100.0));
        let p99 = get(&h, "p99").as_f64().unwrap_or(0.0);
        assert!((p99 - 99.0).abs() / 99.0 <= 0.01, "p99 {p99}");
        assert_eq!(get(&get(&s, "cache"), "l1").as_f64(), Some(0.75));
        let state = m.export_state(T0).expect("export");
        let mut other = Metrics::new(JsValue::UNDEFINED).expect("defaults");
        other.merge_state(state.clone()).expect("merge");
        other.merge_state(state).expect("merge");
        let merged = get(&get(&other.summary(1.0, T0).expect("summary"), "histograms"), "render.ms");
        assert_eq!(get(&merged, "count").as_f64(), Some(200.0));
        assert!(m.to_prometheus(1.0, T0).expect("text").contains("snapdf_render_ms_count 100"));
    }

    #[wasm_bindgen_test]
    fn bad_input_is_a_js_error_with_a_code() {
        let mut m = Metrics::new(JsValue::UNDEFINED).expect("defaults");
        let err = m.record("Not A Name", 1.0, T0).expect_err("bad name");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_METRIC"));
        let err = m.merge_state(js_sys::JSON::parse("{\"no\": 1}").expect("JSON")).expect_err("not an export");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_METRIC"));
        let err = Metrics::new(options(&[("relativeErr", 0.1.into())])).err().expect("unknown setting");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTIONS"));
    }
}

mod tasks {
    use super::*;
    use snapdf::bindings::tasks::{TaskTable, batch_progress};

    #[wasm_bindgen_test]
    fn queue_single_flight_transitions_and_errors() {
        let mut t = TaskTable::new(JsValue::UNDEFINED).expect("defaults");
        let created = t.create("a", "k", 0, 0.0);
        assert_eq!(get(&created, "kind").as_string().as_deref(), Some("queued"));
        let joined = t.create("b", "k", 0, 0.0);
        assert_eq!(get(&joined, "kind").as_string().as_deref(), Some("joined"));
        assert_eq!(get(&joined, "id").as_string().as_deref(), Some("a"));
        assert_eq!(t.start_next(1.0).as_deref(), Some("a"));
        assert_eq!(t.advance("a", "laidOut").expect("running"), 50);
        assert_eq!(t.next_deadline(), Some(300_001.0));
        t.complete("a", 2.0).expect("running");
        let err = t.cancel("a", 3.0).expect_err("completed");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("ILLEGAL_TASK_TRANSITION"));
        let err = t.advance("a", "flying").expect_err("no such stage");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTIONS"));
        let record = t.get("a");
        assert_eq!(get(&record, "status").as_string().as_deref(), Some("completed"));
        assert_eq!(get(&record, "progress").as_f64(), Some(100.0));
        let done = t.list("completed".into()).expect("status");
        assert_eq!(js_sys::Array::from(&done).length(), 1);
        assert_eq!(batch_progress(&[0, 100]), 50.0);
    }
}
