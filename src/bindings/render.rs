//! Rendering and keying snapshots: `render`, `cacheKey`, `validate`.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::{convert, error};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Rendering options; every field is part of the cache key. */
export interface RenderOptions {
  /** Flate level of content streams, 0 (none) to 10; default 1. */
  compression?: number;
  /** Scopes the cache key (a user or tenant id); default "". */
  namespace?: string;
}
/** A TrueType or OpenType font file supplied for snapshots that name it in `font`. */
export interface FontSource {
  /** The name snapshots use, such as "DejaVu Sans" (bold: "DejaVu Sans Bold"). */
  name: string;
  /** The bytes of the .ttf or .otf file. */
  data: Uint8Array;
  /** The file's SHA-256 (64 hex digits, as `sha256` gives it), if kept from an earlier call: the key uses it instead of hashing the file. */
  digest?: string;
}
/** A rendered PDF. */
export interface RenderResult {
  /** The PDF file. */
  pdf: Uint8Array;
  /** The cache key: 64 lowercase hex digits of SHA-256. */
  key: string;
  /** Number of pages. */
  pages: number;
}
"#;

/// Renders snapshot JSON to a PDF.
///
/// @param json - the snapshot as UTF-8 JSON text (`TextEncoder().encode(text)`)
/// @param options - rendering options (optional)
/// @param fonts - font files the snapshot may name in `font` (optional)
/// @returns `{ pdf, key, pages }`
/// @throws SnapdfError with `code` (`INVALID_JSON`, `INVALID_SNAPSHOT`,
/// `UNSUPPORTED_CHARACTER`, `LIMIT_EXCEEDED`, `INVALID_OPTIONS`) and the JSON `path`
/// @example
/// ```ts
/// const json = new TextEncoder().encode(JSON.stringify({ title: "Hi", blocks: [] }));
/// const { pdf, pages } = render(json);
/// ```
#[wasm_bindgen(unchecked_return_type = "RenderResult")]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
    #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FontSource[] | undefined")] fonts: JsValue,
) -> Result<JsValue, JsValue> {
    let options = convert::options(options).map_err(|e| error::to_js(&e))?;
    let fonts = convert::fonts(&fonts).map_err(|e| error::to_js(&e))?;
    let json = convert::json_text(json).map_err(|e| error::to_js(&e))?;
    crate::render_json_with(json, &options, &convert::font_files(&fonts))
        .map(convert::rendered)
        .map_err(|e| error::to_js(&e))
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds, in browsers, workers and Node.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Renders snapshot JSON like `render`, timing each stage and calling `onStage` (if
/// given) with "started", "validated", "laidOut" and "assembled" as they are reached.
/// `key`, when given, is the snapshot's cache key as `cacheKey` computed it (64 hex
/// digits): the render uses it instead of computing it again.
///
/// @returns `{ pdf, key, pages, stages: { validateMs, keyMs, layoutMs, pdfMs } }`
/// @throws SnapdfError as `render` does
#[wasm_bindgen(js_name = renderTimed, unchecked_return_type = "RenderResult & { stages: { validateMs: number, keyMs: number, layoutMs: number, pdfMs: number } }")]
pub fn render_timed(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
    #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "((stage: string) => void) | undefined")] on_stage: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FontSource[] | undefined")] fonts: JsValue,
    key: Option<String>,
) -> Result<JsValue, JsValue> {
    let options = convert::options(options).map_err(|e| error::to_js(&e))?;
    let fonts = convert::fonts(&fonts).map_err(|e| error::to_js(&e))?;
    let json = convert::json_text(json).map_err(|e| error::to_js(&e))?;
    let key = key.as_deref().map(convert::cache_key).transpose().map_err(|e| error::to_js(&e))?;
    let callback = on_stage.dyn_ref::<js_sys::Function>().cloned();
    let mut observe = |stage: crate::tasks::Stage| {
        if let Some(f) = &callback {
            // A throwing callback must not abort the render: its error is dropped.
            let _ = f.call1(&JsValue::NULL, &convert::to_js(&stage));
        }
        performance_now()
    };
    let (rendered, stages) =
        crate::render_json_observed(json, &options, &convert::font_files(&fonts), key, &mut observe)
            .map_err(|e| error::to_js(&e))?;
    let out = convert::rendered(rendered);
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("stages"), &convert::to_js(&stages));
    Ok(out)
}

/// The cache key of snapshot JSON with these options, without rendering.
///
/// @returns 64 lowercase hex digits (SHA-256)
/// @throws SnapdfError as `render` does: only a valid snapshot has a key
#[wasm_bindgen(js_name = cacheKey)]
pub fn cache_key(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
    #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FontSource[] | undefined")] fonts: JsValue,
) -> Result<String, JsValue> {
    let options = convert::options(options).map_err(|e| error::to_js(&e))?;
    let fonts = convert::fonts(&fonts).map_err(|e| error::to_js(&e))?;
    let json = convert::json_text(json).map_err(|e| error::to_js(&e))?;
    crate::key_json_with(json, &options, &convert::font_files(&fonts)).map(|k| k.to_hex()).map_err(|e| error::to_js(&e))
}

/// Checks snapshot JSON without rendering it, against the supplied fonts (optional).
///
/// @throws SnapdfError naming the JSON path of the first problem
#[wasm_bindgen]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
    #[wasm_bindgen(unchecked_param_type = "FontSource[] | undefined")] fonts: JsValue,
) -> Result<(), JsValue> {
    let fonts = convert::fonts(&fonts).map_err(|e| error::to_js(&e))?;
    let book = crate::font_book(&convert::font_files(&fonts)).map_err(|e| error::to_js(&e))?;
    let json = convert::json_text(json).map_err(|e| error::to_js(&e))?;
    crate::parse_with(json, &book).map(|_| ()).map_err(|e| error::to_js(&e))
}

/// The engine's format version: part of every cache key, raised whenever the same
/// input would render different bytes.
#[wasm_bindgen(js_name = formatVersion)]
pub fn format_version() -> u32 {
    crate::key::FORMAT_VERSION
}
