//! The steps of a write that change the disk: recovery of a crashed run, the temporary build and the
//! swap.

use std::fs;
use std::io;
use std::path::Path;

use super::OutputFiles;
use super::layout::Layout;
use super::tree::{remove_listed_tree, sync_folder, write_files};
use crate::diagnostics::{Diagnostic, Location};

const UNCHANGED: &str = "The previous output is unchanged. Check that the folder is writable and the \
    disk has space, then build again.";

pub(super) fn create_parent(layout: &Layout) -> Result<(), Diagnostic> {
    fs::create_dir_all(&layout.parent)
        .map_err(|error| failed(layout, "create the folder", &layout.parent, &error, UNCHANGED))
}

/// Removes temporary folders left by crashed runs, and returns whether any was removed. A folder that
/// still contains entries its marker does not list is left in place with a warning.
///
/// NOTE: a temporary folder of another build writing to the same output at the same time looks the
/// same as a crashed one and is removed too, which fails that build but leaves its output intact.
pub(super) fn remove_stale_temps(layout: &Layout) -> bool {
    let mut removed = false;
    for folder in layout.temp_folders() {
        match remove_listed_tree(&folder) {
            Ok(true) => {
                tracing::info!(folder = %folder.display(), "removed a temporary folder left by a crashed build");
                removed = true;
            }
            Ok(false) => tracing::warn!(
                folder = %folder.display(),
                "left a temporary folder in place because it contains files attendance-guide did not write"
            ),
            Err(error) => tracing::warn!(
                folder = %folder.display(),
                %error,
                "failed to remove a temporary folder left by a crashed build"
            ),
        }
    }
    removed
}

/// Deals with a backup left by a crash: restores it when the output is missing (the crash came between
/// the two renames), or removes it when the new output is already in place. Returns whether there was
/// a backup. Expects [`super::check_layout`] to have accepted the backup.
pub(super) fn recover_backup(layout: &Layout) -> Result<bool, Diagnostic> {
    if !is_folder(&layout.backup) {
        return Ok(false);
    }

    if !is_folder(&layout.output) {
        fs::rename(&layout.backup, &layout.output).map_err(|error| {
            let help = "Rename the backup folder to the output folder's name by hand, then build again.";
            failed(layout, "restore the previous output from", &layout.backup, &error, help)
        })?;
        sync_folder(&layout.parent);
        tracing::info!(
            output = %layout.output.display(),
            "restored the previous output from the backup left by a crashed build"
        );
        return Ok(true);
    }

    let help = "The backup name must be free before a new build can be swapped in. Move the backup \
        folder away, then build again.";
    match remove_listed_tree(&layout.backup) {
        Ok(true) => {
            tracing::info!(backup = %layout.backup.display(), "removed the backup left by a crashed build");
            Ok(true)
        }
        Ok(false) => {
            let error = io::Error::new(io::ErrorKind::DirectoryNotEmpty, "files were added to it meanwhile");
            Err(failed(layout, "remove the old backup", &layout.backup, &error, help))
        }
        Err(error) => Err(failed(layout, "remove the old backup", &layout.backup, &error, help)),
    }
}

/// Writes `files` into this process's temporary folder, which takes the old output's permissions. On
/// failure the temporary folder is removed again.
pub(super) fn build_temp(layout: &Layout, files: &OutputFiles) -> Result<(), Diagnostic> {
    fs::create_dir(&layout.temp).map_err(|error| {
        let help = "Move that path away, then build again. The previous output is unchanged.";
        failed(layout, "create the temporary folder", &layout.temp, &error, help)
    })?;

    let written = write_files(&layout.temp, files).and_then(|()| copy_permissions(layout));
    if let Err(error) = written {
        remove_temp(layout);
        return Err(failed(layout, "write the new output into", &layout.temp, &error, UNCHANGED));
    }
    Ok(())
}

/// Swaps the temporary folder in: the output becomes the backup, the temporary folder becomes the
/// output, and the backup is deleted. If the second rename fails, the backup is renamed back.
pub(super) fn swap_in(layout: &Layout) -> Result<(), Diagnostic> {
    let had_output = is_folder(&layout.output);
    if had_output && let Err(error) = fs::rename(&layout.output, &layout.backup) {
        remove_temp(layout);
        return Err(failed(layout, "move the previous output to", &layout.backup, &error, UNCHANGED));
    }

    if let Err(error) = fs::rename(&layout.temp, &layout.output) {
        if had_output {
            restore_after_failed_swap(layout);
        }
        remove_temp(layout);
        return Err(failed(layout, "move the new output into", &layout.output, &error, UNCHANGED));
    }
    sync_folder(&layout.parent);

    if had_output {
        remove_backup_after_swap(layout);
    }
    Ok(())
}

fn restore_after_failed_swap(layout: &Layout) {
    if let Err(error) = fs::rename(&layout.backup, &layout.output) {
        tracing::error!(
            backup = %layout.backup.display(),
            output = %layout.output.display(),
            %error,
            "failed to move the previous output back; the next build restores it from the backup"
        );
    }
}

/// Deletes the backup once the new output is in place. A failure only leaves the backup behind, which
/// the next run removes, so it is logged instead of failing the build.
fn remove_backup_after_swap(layout: &Layout) {
    match remove_listed_tree(&layout.backup) {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            backup = %layout.backup.display(),
            "kept the previous output's backup because files were added to it during the build"
        ),
        Err(error) => tracing::warn!(
            backup = %layout.backup.display(),
            %error,
            "failed to remove the previous output's backup"
        ),
    }
}

fn remove_temp(layout: &Layout) {
    if let Err(error) = remove_listed_tree(&layout.temp) {
        tracing::warn!(
            folder = %layout.temp.display(),
            %error,
            "failed to remove the temporary folder; the next build removes it"
        );
    }
}

/// Gives the new folder the old output's permissions, so that replacing the output keeps them.
fn copy_permissions(layout: &Layout) -> io::Result<()> {
    match fs::metadata(&layout.output) {
        Ok(metadata) => fs::set_permissions(&layout.temp, metadata.permissions()),
        Err(_) => Ok(()),
    }
}

fn is_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_dir())
}

fn failed(layout: &Layout, action: &str, path: &Path, error: &io::Error, help: &str) -> Diagnostic {
    let message = format!("failed to {action} `{}`: {error}", path.display());
    Diagnostic::error(Location::file(layout.output.display().to_string()), message).with_help(help)
}
