//! Writes the built site into the output folder without losing or overwriting files the tool did not
//! write.
//!
//! The output folder contains a marker file, [`MARKER_FILE`], that lists every file the tool wrote. A
//! folder that is not empty and has no marker, or that contains anything the marker does not list, is
//! rejected and left exactly as it was.
//!
//! A build is written into a temporary sibling folder (`.public.new-<pid>` beside `public`) and then
//! swapped in with two renames: the old output becomes the backup `.public.old`, the new folder becomes
//! `public`, and the backup is deleted. If the process stops between the two renames, the next run
//! restores the backup before doing anything else, and it removes temporary folders left by crashed runs.
//!
//! Deleting a folder only ever removes the regular files its marker lists and the folders that this
//! leaves empty, so even when the tool clears its own leftovers, no file it did not write is deleted.

mod layout;
mod marker;
mod paths;
mod scan;
mod swap;
mod tree;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Location};
use layout::Layout;
use scan::Role;

/// Name of the marker file inside the output folder. Its first line is a header naming the tool, and
/// each further line is the relative path (`/` separators, sorted) of one file the tool wrote.
pub const MARKER_FILE: &str = ".attendance-guide-files";

/// Files to write: relative path (`/` separators, no `..`, not absolute) → content.
pub type OutputFiles = BTreeMap<String, Vec<u8>>;

/// Result of a successful [`write_output`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    /// Number of files written, not counting the marker file.
    pub files_written: usize,
    /// Whether leftovers of an interrupted earlier run were dealt with first: the previous output restored
    /// from its backup, or a stale backup or temporary folder removed.
    pub recovered: bool,
}

/// Replaces the contents of `output` with `files`, after checking that every file in the folder was
/// written by this tool.
///
/// Creates `output` and its parents when missing. On any error the previous output is left unchanged,
/// although leftovers of a crashed earlier run may already have been recovered.
pub fn write_output(output: &Path, files: &OutputFiles) -> Result<WriteSummary, Vec<Diagnostic>> {
    let location = output_location(output);
    let invalid_paths = paths::validate_paths(files, &location);
    if !invalid_paths.is_empty() {
        return Err(invalid_paths);
    }

    let layout = Layout::new(output).map_err(|error| vec![error])?;
    check_layout(&layout).map_err(|error| vec![error])?;

    swap::create_parent(&layout).map_err(|error| vec![error])?;
    let removed_temps = swap::remove_stale_temps(&layout);
    let recovered_backup = swap::recover_backup(&layout).map_err(|error| vec![error])?;

    swap::build_temp(&layout, files).map_err(|error| vec![error])?;
    swap::swap_in(&layout).map_err(|error| vec![error])?;

    Ok(WriteSummary { files_written: files.len(), recovered: removed_temps || recovered_backup })
}

/// Checks that `output` may be written, applying the same rules as [`write_output`] without changing
/// anything on disk. A missing output folder passes.
pub fn check_output_folder(output: &Path) -> Result<(), Vec<Diagnostic>> {
    let layout = Layout::new(output).map_err(|error| vec![error])?;
    check_layout(&layout).map_err(|error| vec![error])
}

/// Rejects an output or backup path that is not a folder, or a folder that contains anything the tool
/// did not write.
fn check_layout(layout: &Layout) -> Result<(), Diagnostic> {
    let output_exists = scan::folder_exists(&layout.output, Role::Output)?;
    let backup_exists = scan::folder_exists(&layout.backup, Role::Backup)?;

    if output_exists {
        scan::check_contents(&layout.output, Role::Output)?;
    }
    if backup_exists {
        scan::check_contents(&layout.backup, Role::Backup)?;
    }
    Ok(())
}

fn output_location(output: &Path) -> Location {
    Location::file(output.display().to_string())
}
