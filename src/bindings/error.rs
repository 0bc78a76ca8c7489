//! Engine errors as JavaScript `Error` objects.

use wasm_bindgen::JsValue;

/// Builds a JS `Error` with `name = "SnapdfError"`, the stable `code` of
/// [`crate::Error::code`] and, where the error names one, the JSON `path`.
pub fn to_js(e: &crate::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("SnapdfError");
    let obj: &JsValue = err.as_ref();
    set(obj, "code", &JsValue::from_str(e.code()));
    if let Some(path) = e.path() {
        set(obj, "path", &JsValue::from_str(&path));
    }
    err.into()
}

fn set(obj: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}
