//! Conversions between JS values and engine types.

#[cfg(feature = "render")]
use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::Error;
#[cfg(feature = "render")]
use crate::{RenderOptions, Rendered};

#[cfg(feature = "render")]
/// Snapshot JSON handed over as UTF-8 bytes (the JS side encodes strings with
/// `TextEncoder`, which is faster than wasm-bindgen's string copy), as text.
pub fn json_text(bytes: &[u8]) -> Result<&str, Error> {
    crate::document::utf8(bytes).map_err(Error::from)
}

#[cfg(feature = "render")]
/// Reads render options from a JS object (`undefined` and `null` mean defaults),
/// naming the offending option on error.
pub fn options(value: JsValue) -> Result<RenderOptions, Error> {
    let Some(value) = json_value(value)? else { return Ok(RenderOptions::default()) };
    // Field by field, so an error names its option.
    let serde_json::Value::Object(fields) = &value else {
        return Err(options_error(String::new(), &"expected an options object"));
    };
    let mut options = RenderOptions::default();
    for (name, field) in fields {
        match name.as_str() {
            // Read as a snapshot's theme, its errors at their place in it (`theme.body.size`).
            "theme" if field.is_null() => {}
            "theme" => {
                options.theme = crate::document::read_theme(crate::document::Json::of_value(field))
                    .map_err(|e| options_error(e.path().unwrap_or("theme").to_owned(), &message_of(&e)))?;
            }
            "compression" | "namespace" => {
                let one = serde_json::Value::Object([(name.clone(), field.clone())].into_iter().collect());
                let read = RenderOptions::deserialize(one).map_err(|e| options_error(name.clone(), &e))?;
                if name == "compression" {
                    options.compression = read.compression;
                } else {
                    options.namespace = read.namespace;
                }
            }
            // Worded as serde words it, listing every option (serde skips `theme`).
            _ => {
                let message = format!("unknown field `{name}`, expected one of `compression`, `namespace`, `theme`");
                return Err(options_error(name.clone(), &message));
            }
        }
    }
    Ok(options)
}

#[cfg(feature = "render")]
/// Reads supplied fonts: `undefined`, `null`, or an array of `{ name: string, data:
/// Uint8Array, digest?: string }` (the bytes of a TrueType or OpenType file, and their
/// SHA-256 in hex), copied into the module. The files are checked when the set lends a
/// book ([`crate::FontSet::book`]).
pub fn fonts(value: &JsValue) -> Result<crate::FontSet, Error> {
    let mut set = crate::FontSet::default();
    if value.is_undefined() || value.is_null() {
        return Ok(set);
    }
    let bad = |path: String, message: &str| Error::Options { path, message: message.to_owned() };
    let list =
        value.dyn_ref::<js_sys::Array>().ok_or_else(|| bad("fonts".into(), "expected an array of { name, data }"))?;
    for (i, item) in list.iter().enumerate() {
        let get = |field: &str| js_sys::Reflect::get(&item, &JsValue::from_str(field)).unwrap_or(JsValue::UNDEFINED);
        let name = exact_string(&get("name"))
            .ok_or_else(|| bad(format!("fonts[{i}].name"), "expected a string without lone surrogates"))?;
        let data = get("data")
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| bad(format!("fonts[{i}].data"), "expected a Uint8Array with the font file"))?;
        let digest = match get("digest") {
            d if d.is_undefined() => None,
            d => Some(d.as_string().and_then(|hex| crate::key::digest_from_hex(&hex)).ok_or_else(|| {
                bad(format!("fonts[{i}].digest"), "expected the file's SHA-256 as 64 hexadecimal digits")
            })?),
        };
        set.push(name, data.to_vec(), digest);
    }
    Ok(set)
}

/// A cache selector: `"all"`, `{ key }`, `{ prefix }` or `{ namespace }`. Nothing
/// (`undefined`, `null`) is not "all": a caller whose tenant id is undefined must not
/// empty every tenant's cache.
pub fn selector(value: JsValue) -> Result<crate::cache::Selector, Error> {
    from_js::<Option<crate::cache::Selector>>(value)?.ok_or_else(|| Error::Options {
        path: String::new(),
        message: "expected \"all\", { key }, { prefix } or { namespace }; nothing is not \"all\"".to_owned(),
    })
}

#[cfg(feature = "render")]
/// A cache key given back to the engine as 64 hex digits.
pub fn cache_key(hex: &str) -> Result<crate::CacheKey, Error> {
    crate::CacheKey::from_hex(hex)
        .ok_or_else(|| Error::Options { path: "key".to_owned(), message: "expected 64 hexadecimal digits".to_owned() })
}

/// Reads a serde type from a JS value (`undefined` and `null` mean its default). Errors
/// say what is wrong but not where: these values are flat or produced by snapdf itself
/// (path tracking per type would grow the module; see BENCHMARKS.md).
pub fn from_js<T: DeserializeOwned + Default>(value: JsValue) -> Result<T, Error> {
    let Some(value) = json_value(value)? else { return Ok(T::default()) };
    T::deserialize(value).map_err(|e| options_error(String::new(), &e))
}

/// The value as JSON data, or `None` for `undefined` and `null`. Going through a JSON
/// value matters: serde-wasm-bindgen reads only the fields a struct names, so an
/// unknown (misspelt) field would pass unnoticed.
pub fn json_value(value: JsValue) -> Result<Option<serde_json::Value>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    well_formed(&value, &mut String::new(), 0)?;
    serde_wasm_bindgen::from_value(value)
        .map(Some)
        .map_err(|e| Error::Options { path: String::new(), message: format!("expected an options object: {e}") })
}

/// How deep [`well_formed`] looks into an options value (options nest two levels).
const MAX_OPTION_DEPTH: usize = 16;

/// Refuses a JS string that is not well-formed UTF-16 (a lone surrogate) anywhere in an
/// options value, in its keys or its values, naming the path. Converting one to Rust
/// replaces each lone surrogate with U+FFFD, so `'t\ud800'` and `'t\udfff'` would be one
/// namespace: a string that reaches a key or a store is kept exactly or refused.
fn well_formed(value: &JsValue, path: &mut String, depth: usize) -> Result<(), Error> {
    let bad = |path: &str, message: &str| Error::Options { path: path.to_owned(), message: message.to_owned() };
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        return if text.is_valid_utf16() {
            Ok(())
        } else {
            Err(bad(path, "expected text without lone surrogates (UTF-16 halves of a character that are not paired)"))
        };
    }
    if value.as_f64().is_some_and(|n| !n.is_finite()) {
        return Err(bad(path, "expected a finite number (NaN and Infinity are not numbers an option takes)"));
    }
    if !value.is_object() || js_sys::ArrayBuffer::is_view(value) || value.is_function() {
        return Ok(());
    }
    if depth >= MAX_OPTION_DEPTH {
        return Err(bad(path, "expected options nested less deeply"));
    }
    let len = path.len();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let (name, field) = (pair.get(0), pair.get(1));
        let name: js_sys::JsString = name.unchecked_into();
        let segment = String::from(&name);
        if js_sys::Array::is_array(value) {
            path.push_str(&format!("[{segment}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&segment);
        }
        if !name.is_valid_utf16() {
            return Err(bad(path, "expected a field name without lone surrogates"));
        }
        well_formed(&field, path, depth + 1)?;
        path.truncate(len);
    }
    Ok(())
}

#[cfg(feature = "render")]
/// The text of a JS string that is well-formed UTF-16, or `None` for any other value or
/// a string with a lone surrogate (which would otherwise become U+FFFD).
fn exact_string(value: &JsValue) -> Option<String> {
    value.dyn_ref::<js_sys::JsString>().filter(|s| s.is_valid_utf16()).map(String::from)
}

#[cfg(feature = "render")]
/// A snapshot error's words without its path.
fn message_of(e: &crate::document::Error) -> String {
    match e {
        crate::document::Error::Invalid { message, .. } | crate::document::Error::Limit { message, .. } => {
            message.clone()
        }
        other => other.to_string(),
    }
}

fn options_error(path: String, e: &dyn std::fmt::Display) -> Error {
    let message = e.to_string();
    let message = message.strip_prefix("Error: ").unwrap_or(&message).to_owned();
    Error::Options { path, message }
}

#[cfg(feature = "render")]
/// A rendered PDF as `{ pdf: Uint8Array, key: string, pages: number, warnings: { path,
/// message }[] }`.
pub fn rendered(r: Rendered) -> JsValue {
    let obj = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), &v);
    };
    set("pdf", js_sys::Uint8Array::from(r.pdf.as_slice()).into());
    set("key", JsValue::from_str(&r.key.to_hex()));
    set("pages", JsValue::from_f64(r.pages as f64));
    set("warnings", to_js(&r.warnings));
    obj.into()
}

/// A serializable value as a plain JS object (maps as objects, `None` as undefined).
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    // The engine's types serialize to plain data, which cannot fail.
    value.serialize(&serializer).unwrap_or(JsValue::UNDEFINED)
}

/// The lookup counters (`hits`, `misses`) of a layer's stats as `stats()` gave them, or
/// `None` for `undefined` and `null`: all a hit rate needs, read without serde.
pub fn lookups(value: &JsValue) -> Result<Option<crate::cache::LayerStats>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let count = |field: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(field)).ok().and_then(|v| v.as_f64()).map(to_u64).ok_or_else(
            || Error::Options {
                path: field.to_owned(),
                message: "expected a layer's stats with numbers of hits and misses".to_owned(),
            },
        )
    };
    Ok(Some(crate::cache::LayerStats { hits: count("hits")?, misses: count("misses")?, ..Default::default() }))
}

/// A JS number of milliseconds or bytes as u64 (negative and NaN become 0).
pub fn to_u64(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 { value as u64 } else { 0 }
}
