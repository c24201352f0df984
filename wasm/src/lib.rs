//! Questionnaire scoring engine of the Interactive Attendance Guide.
//!
//! The core is plain Rust with no dependencies, so the same types and scorer serve the native build
//! (validation and tests) and the WebAssembly build that scores answers in the browser. The `serde`
//! feature derives `Deserialize` for the CLI; the wasm build carries no serde and no JSON.
//!
//! - [`definition`]: the questionnaire schema and its validation.
//! - [`score`]: exact dimension scores per form, combination across forms, ranking and primary functions.
//! - [`code`]: response codes that carry one form's answers in a short, checked string.

pub mod code;
pub mod definition;
pub mod rational;
pub mod score;
mod text;

#[cfg(target_arch = "wasm32")]
mod web;

pub use rational::Rational;
pub use score::format_score;

/// Version of the engine, reported by the page as `data-engine-version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
