//! Read-only checks that a folder may be replaced: it is a real folder, and everything in it was
//! written by this tool.

use std::fs;
use std::io;
use std::path::Path;

use walkdir::WalkDir;

use super::MARKER_FILE;
use super::marker::{Marker, MarkerState, read_marker};
use crate::diagnostics::{Diagnostic, Location};

/// Maximum number of entries named in one diagnostic; the rest are counted.
const MAX_NAMED: usize = 20;

const OUTPUT_HELP: &str = "Nothing was changed. Files meant for the published site, such as `CNAME`, \
    belong in `content/static/`, which is copied into the output on each build. Move anything else out \
    of this folder, or choose another folder with `--output`.";

const BACKUP_HELP: &str = "attendance-guide keeps the previous output under this name while it swaps in a \
    new build, so the name must be free or contain only files the tool wrote. Nothing was changed. Move this \
    folder away, then build again.";

/// Kind of folder being checked, which sets the wording of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Output,
    Backup,
}

impl Role {
    fn noun(self) -> &'static str {
        match self {
            Role::Output => "output folder",
            Role::Backup => "backup folder",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Role::Output => OUTPUT_HELP,
            Role::Backup => BACKUP_HELP,
        }
    }
}

/// Returns whether `path` is an existing folder, and rejects a file, symbolic link or anything else
/// that is not a folder in its place.
pub(super) fn folder_exists(path: &Path, role: Role) -> Result<bool, Diagnostic> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(read_failed(path, role, &error)),
    };

    if metadata.is_dir() {
        return Ok(true);
    }
    let (kind, help) = if metadata.file_type().is_symlink() {
        (
            "a symbolic link",
            "attendance-guide replaces the output folder as a whole on each build, which would replace \
             the link. Give the real folder's path with `--output`.",
        )
    } else {
        ("a file, not a folder", "Choose another folder with `--output`, or move the file away.")
    };
    let message = format!("{} `{}` is {kind}", role.noun(), path.display());
    Err(Diagnostic::error(location(path), message).with_help(help))
}

/// Checks that the existing folder `folder` is empty, or has a valid marker that lists every file in it.
pub(super) fn check_contents(folder: &Path, role: Role) -> Result<(), Diagnostic> {
    let marker = match read_marker(folder).map_err(|error| read_failed(folder, role, &error))? {
        MarkerState::Valid(marker) => marker,
        MarkerState::Missing | MarkerState::Invalid => return check_empty(folder, role),
    };

    let foreign = foreign_entries(folder, &marker).map_err(|error| read_failed(folder, role, &error))?;
    if foreign.is_empty() {
        return Ok(());
    }
    let message = format!(
        "{} `{}` contains {} that attendance-guide did not write: {}",
        role.noun(),
        folder.display(),
        if foreign.len() == 1 { "an entry" } else { "entries" },
        describe_entries(&foreign)
    );
    Err(Diagnostic::error(location(folder), message).with_help(role.help()))
}

/// Accepts an empty folder, and rejects any other folder that has no valid marker.
fn check_empty(folder: &Path, role: Role) -> Result<(), Diagnostic> {
    let entries = top_level_entries(folder).map_err(|error| read_failed(folder, role, &error))?;
    if entries.is_empty() {
        return Ok(());
    }
    let message = format!(
        "{} `{}` is not empty and was not written by attendance-guide (it has no valid `{MARKER_FILE}` \
         file listing the files the tool wrote). It contains: {}",
        role.noun(),
        folder.display(),
        describe_entries(&entries)
    );
    Err(Diagnostic::error(location(folder), message).with_help(role.help()))
}

/// Lists the entries of `folder` that `marker` does not account for. A foreign folder is named once,
/// with a trailing `/`, instead of every file in it.
fn foreign_entries(folder: &Path, marker: &Marker) -> io::Result<Vec<String>> {
    let mut foreign = Vec::new();
    let mut walk = WalkDir::new(folder)
        .min_depth(1)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter();

    while let Some(entry) = walk.next() {
        let entry = entry?;
        let kind = entry.file_type();
        let relative = relative_path(folder, entry.path());

        let is_ours = match &relative {
            Some(path) if kind.is_file() => path == MARKER_FILE || marker.lists_file(path),
            Some(path) if kind.is_dir() => marker.lists_folder(path),
            _ => false,
        };
        if is_ours {
            continue;
        }

        foreign.push(describe_entry(folder, entry.path(), kind));
        if kind.is_dir() {
            walk.skip_current_dir();
        }
    }
    Ok(foreign)
}

fn top_level_entries(folder: &Path) -> io::Result<Vec<String>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        entries.push(describe_entry(folder, &entry.path(), entry.file_type()?));
    }
    entries.sort();
    Ok(entries)
}

/// Returns the path of `path` below `folder` with `/` separators, or `None` when a name is not UTF-8
/// (the tool never writes such names).
pub(super) fn relative_path(folder: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(folder).ok()?;
    let names: Option<Vec<&str>> = relative.iter().map(|name| name.to_str()).collect();
    Some(names?.join("/"))
}

fn describe_entry(folder: &Path, path: &Path, kind: fs::FileType) -> String {
    let relative = path.strip_prefix(folder).unwrap_or(path);
    let name: Vec<String> = relative.iter().map(|name| name.to_string_lossy().into_owned()).collect();
    let name = name.join("/").escape_debug().to_string();

    if kind.is_symlink() {
        format!("`{name}` (symbolic link)")
    } else if kind.is_dir() {
        format!("`{name}/`")
    } else {
        format!("`{name}`")
    }
}

/// Joins the first [`MAX_NAMED`] entries and counts the rest.
fn describe_entries(entries: &[String]) -> String {
    let named = entries[..entries.len().min(MAX_NAMED)].join(", ");
    match entries.len().saturating_sub(MAX_NAMED) {
        0 => named,
        rest => format!("{named} and {rest} more"),
    }
}

fn read_failed(path: &Path, role: Role, error: &io::Error) -> Diagnostic {
    Diagnostic::error(location(path), format!("failed to read {} `{}`: {error}", role.noun(), path.display()))
        .with_help("Check that the folder exists and is readable, then build again. Nothing was changed.")
}

fn location(path: &Path) -> Location {
    Location::file(path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(count: usize) -> Vec<String> {
        (0..count).map(|index| format!("`f{index:02}`")).collect()
    }

    #[test]
    fn describe_entries_names_up_to_twenty() {
        let described = describe_entries(&names(20));
        assert!(described.starts_with("`f00`, `f01`"), "{described}");
        assert!(described.ends_with("`f19`"), "{described}");
        assert!(!described.contains("more"), "{described}");
    }

    #[test]
    fn describe_entries_counts_the_rest() {
        let described = describe_entries(&names(23));
        assert!(described.contains("`f19`"), "{described}");
        assert!(!described.contains("`f20`"), "{described}");
        assert!(described.ends_with(" and 3 more"), "{described}");
    }

    #[test]
    fn relative_path_uses_forward_slashes() {
        let path = Path::new("public").join("a").join("b.html");
        assert_eq!(relative_path(Path::new("public"), &path).as_deref(), Some("a/b.html"));
        assert_eq!(relative_path(Path::new("public"), Path::new("other/b.html")), None);
    }
}
