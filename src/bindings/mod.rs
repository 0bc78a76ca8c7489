//! The WebAssembly boundary: the only code that knows about wasm-bindgen.
//!
//! Every exported function converts its input ([`convert`]), calls one function of
//! the engine, and converts the result or the error ([`error`]). No decision is made
//! here; everything below is tested natively in the engine.

pub mod cache;
mod convert;
mod error;
pub mod metrics;
pub mod render;
pub mod tasks;

use wasm_bindgen::prelude::*;

/// Installs the panic hook, so a panic (a bug: validation runs first) reaches the
/// console with its message instead of an opaque `unreachable` trap.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}
