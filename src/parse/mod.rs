//! The parse stage: turns source text into structured values, reporting problems with positions.

pub mod markdown;
