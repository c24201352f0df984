//! wasm-bindgen exports used by the theme's JS glue.

use wasm_bindgen::prelude::wasm_bindgen;

/// Returns the engine version so the page can show that the engine has loaded.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::VERSION.to_owned()
}
