//! The parse stage: turns source text into structured values, reporting problems with positions.

pub mod front_matter;
pub mod markdown;
pub mod shortcodes;
