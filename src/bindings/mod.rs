//! The WebAssembly boundary: the only code that knows about wasm-bindgen.
//!
//! Every exported function converts its input ([`convert`]), calls one function of
//! the engine, and converts the result or the error ([`error`]). No decision is made
//! here; everything below is tested natively in the engine.

pub mod cache;
mod convert;
mod error;
pub mod metrics;
#[cfg(feature = "render")]
pub mod render;
pub mod tasks;

use wasm_bindgen::prelude::*;

/// Installs the panic hook. A panic is a bug (validation runs first), and it ends in a
/// WebAssembly trap after which the instance must not be used; the hook logs the message
/// (console_error_panic_hook) and leaves it in `globalThis.__snapdfLastPanic`, where the
/// host reads it to fail the task with the panic's message.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        let _ = js_sys::Reflect::set(&js_sys::global(), &"__snapdfLastPanic".into(), &message.into());
        console_error_panic_hook::hook(info);
    }));
}

/// Panics on purpose, so tests can prove that a trap is contained (the worker is
/// replaced and the task fails with the message). Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}
