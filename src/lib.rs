//! Builds the Interactive Attendance Guide: a static website of Markdown guidance, resource lists and
//! questionnaires that are scored in the browser by a WebAssembly engine.
//!
//! The build is a pipeline of stages, one module each:
//! load (walk `content/`) → parse (front matter, Markdown, YAML) → model (the site tree with every
//! cross-reference resolved) → render (tera templates) → assets (CSS, the wasm engine, static files)
//! → write (a temporary folder swapped into place) → check (links and anchors). [`pipeline`] runs them.
//! Every stage collects [`diagnostics::Diagnostic`]s rather than stopping, so one run reports every error.

pub mod assets;
pub mod check;
pub mod diagnostics;
pub mod init;
pub mod load;
pub mod model;
pub mod offline;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod theme;
pub mod write;
pub mod yaml;
