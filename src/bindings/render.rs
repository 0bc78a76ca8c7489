//! Rendering and keying snapshots: `render`, `cacheKey`, `validate`, and the same on a
//! `FontSet`, font files copied into the module once for many calls.

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
  /** A theme under the snapshot's own (as a snapshot's `theme`); part of the key through the snapshot. */
  theme?: object;
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
  /** What the PDF does not show as the snapshot asked (a style set in another face): `{ path, message }`. */
  warnings: { path: string; message: string }[];
}
/** A rendered PDF with the time each stage took, in milliseconds (given an `onStage` callback). */
export interface TimedRenderResult extends RenderResult {
  stages: { validateMs: number, keyMs: number, layoutMs: number, pdfMs: number };
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
    FontSet::read(&fonts)?.render(json, options)
}

/// Renders snapshot JSON like `render`, timing each stage and calling `onStage` (if
/// given) with "started", "validated", "laidOut" and "assembled" as they are reached.
/// `key`, when given, is the snapshot's cache key as `cacheKey` computed it (64 hex
/// digits): the render uses it instead of computing it again.
///
/// @returns `{ pdf, key, pages, stages: { validateMs, keyMs, layoutMs, pdfMs } }`
/// @throws SnapdfError as `render` does
#[wasm_bindgen(js_name = renderTimed, unchecked_return_type = "TimedRenderResult")]
pub fn render_timed(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
    #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "((stage: string) => void) | undefined")] on_stage: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FontSource[] | undefined")] fonts: JsValue,
    key: Option<String>,
) -> Result<JsValue, JsValue> {
    FontSet::read(&fonts)?.render_timed(json, options, on_stage, key)
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
    FontSet::read(&fonts)?.cache_key(json, options)
}

/// Checks snapshot JSON without rendering it, against the supplied fonts (optional).
///
/// @throws SnapdfError naming the JSON path of the first problem
#[wasm_bindgen]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
    #[wasm_bindgen(unchecked_param_type = "FontSource[] | undefined")] fonts: JsValue,
) -> Result<(), JsValue> {
    FontSet::read(&fonts)?.validate(json)
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds, in browsers, workers and Node.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Font files copied into the module once, for many renders and keys: each call
/// neither copies the files again nor hashes a file it has hashed before (a 6 MB CJK
/// face takes milliseconds to copy and about 15 ms to hash at 400 MB/s). Its methods
/// are the module functions of the same names without their `fonts` parameter.
/// `free()` releases the copies (or the garbage collector does, once the object is
/// unreachable).
#[wasm_bindgen]
pub struct FontSet(crate::FontSet);

#[wasm_bindgen]
impl FontSet {
    /// Copies and checks font files.
    ///
    /// @param fonts - `FontSource[]`: names, bytes and (optionally) SHA-256s
    /// @throws SnapdfError `INVALID_OPTIONS` at `options.fonts[i]` for a file that is not
    /// a usable font (in the base module: only for a bad or duplicate name)
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "FontSource[]")] fonts: JsValue) -> Result<FontSet, JsValue> {
        let set = FontSet::read(&fonts)?;
        set.with_book(|_| Ok(()))?;
        Ok(set)
    }

    /// `render(json, options, fonts)` with these fonts.
    #[wasm_bindgen(unchecked_return_type = "RenderResult")]
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
        #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.observed(json, options, None, &mut |_| 0.0).map(|(rendered, _)| convert::rendered(rendered))
    }

    /// `renderTimed(json, options, onStage, fonts, key)` with these fonts.
    #[wasm_bindgen(js_name = renderTimed, unchecked_return_type = "TimedRenderResult")]
    pub fn render_timed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
        #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "((stage: string) => void) | undefined")] on_stage: JsValue,
        key: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let callback = on_stage.dyn_ref::<js_sys::Function>().cloned();
        let mut observe = |stage: crate::tasks::Stage| {
            if let Some(f) = &callback {
                // A throwing callback must not abort the render: its error is dropped.
                let _ = f.call1(&JsValue::NULL, &convert::to_js(&stage));
            }
            performance_now()
        };
        let (rendered, stages) = self.observed(json, options, key, &mut observe)?;
        let out = convert::rendered(rendered);
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str("stages"), &convert::to_js(&stages));
        Ok(out)
    }

    /// `cacheKey(json, options, fonts)` with these fonts.
    #[wasm_bindgen(js_name = cacheKey)]
    pub fn cache_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8],
        #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options = convert::options(options).map_err(|e| error::to_js(&e))?;
        let json = convert::json_text(json).map_err(|e| error::to_js(&e))?;
        self.with_book(|book| crate::key_json_in(json, &options, book)).map(|k| k.to_hex())
    }

    /// `validate(json, fonts)` with these fonts.
    pub fn validate(&self, #[wasm_bindgen(unchecked_param_type = "Uint8Array")] json: &[u8]) -> Result<(), JsValue> {
        let json = convert::json_text(json).map_err(|e| error::to_js(&e))?;
        self.with_book(|book| crate::parse_with(json, book).map(|_| ()))
    }
}

impl FontSet {
    /// The fonts of a call: a `FontSource[]` (or nothing), copied in unchecked.
    fn read(fonts: &JsValue) -> Result<FontSet, JsValue> {
        convert::fonts(fonts).map(FontSet).map_err(|e| error::to_js(&e))
    }

    /// Reads the arguments and renders with [`crate::render_json_observed`].
    fn observed(
        &self,
        json: &[u8],
        options: JsValue,
        key: Option<String>,
        observe: &mut dyn FnMut(crate::tasks::Stage) -> f64,
    ) -> Result<(crate::Rendered, crate::Stages), JsValue> {
        let options = convert::options(options).map_err(|e| error::to_js(&e))?;
        let json = convert::json_text(json).map_err(|e| error::to_js(&e))?;
        let key = key.as_deref().map(convert::cache_key).transpose().map_err(|e| error::to_js(&e))?;
        self.with_book(|book| crate::render_json_observed(json, &options, book, key, observe))
    }

    /// Runs `f` with the set's book, keeping the digests it computed.
    fn with_book<T>(&self, f: impl FnOnce(&crate::FontBook) -> Result<T, crate::Error>) -> Result<T, JsValue> {
        let book = self.0.book().map_err(|e| error::to_js(&e.into()))?;
        let out = f(&book);
        self.0.keep_digests(&book);
        out.map_err(|e| error::to_js(&e))
    }
}

/// The engine's format version: part of every cache key, raised whenever the same
/// input would render different bytes.
#[wasm_bindgen(js_name = formatVersion)]
pub fn format_version() -> u32 {
    crate::key::FORMAT_VERSION
}
