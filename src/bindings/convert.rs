//! Conversions between JS values and engine types.

use serde::Deserialize;
use wasm_bindgen::JsValue;

use crate::{Error, RenderOptions, Rendered};

/// Reads render options from a JS object (`undefined` and `null` mean defaults),
/// naming the offending option on error.
pub fn options(value: JsValue) -> Result<RenderOptions, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(RenderOptions::default());
    }
    let de = serde_wasm_bindgen::Deserializer::from(value);
    RenderOptions::deserialize(de).map_err(|e| {
        let message = e.to_string();
        Error::Options { path: option_name(&message).unwrap_or_default(), message }
    })
}

/// The option a serde message is about (`unknown field `x``, `invalid value … for compression`).
fn option_name(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_owned())
}

/// A rendered PDF as `{ pdf: Uint8Array, key: string, pages: number }`.
pub fn rendered(r: Rendered) -> JsValue {
    let obj = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), &v);
    };
    set("pdf", js_sys::Uint8Array::from(r.pdf.as_slice()).into());
    set("key", JsValue::from_str(&r.key.to_hex()));
    set("pages", JsValue::from_f64(r.pages as f64));
    obj.into()
}
