//! Questionnaire scoring engine of the Interactive Attendance Guide.
//!
//! The core is plain Rust with no dependencies, so the same types and scorer serve the native build
//! (validation and tests) and the WebAssembly build that scores answers in the browser. The `serde`
//! feature derives `Deserialize` for the CLI; the wasm build carries no serde and no JSON.

#[cfg(target_arch = "wasm32")]
mod web;

/// Version of the engine, reported by the page as `data-engine-version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
