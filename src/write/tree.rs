//! Writing a new folder tree and deleting one the tool wrote.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::marker::{Marker, MarkerState, read_marker};
use super::scan::relative_path;
use super::{MARKER_FILE, OutputFiles};

/// Writes the marker and then `files` into the existing empty folder `folder`, syncing each file.
///
/// The marker is written first, so a folder left by a crash part-way through still lists everything
/// in it and can be removed by [`remove_listed_tree`]. Files are created with `create_new`, so nothing
/// that already exists is overwritten.
pub(super) fn write_files(folder: &Path, files: &OutputFiles) -> io::Result<()> {
    write_new_file(&folder.join(MARKER_FILE), Marker::render(files).as_bytes())?;

    for (path, content) in files {
        let target = join_relative(folder, path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        write_new_file(&target, content)?;
    }

    sync_folder(folder);
    Ok(())
}

/// Deletes the regular files that `folder`'s marker lists, then the marker, then the folders this leaves
/// empty, and returns whether `folder` itself is gone.
///
/// Anything the marker does not list stays, and so do symbolic links: the walk never follows them, so
/// nothing outside `folder` is touched. A folder without a valid marker is deleted only when it is empty.
pub(super) fn remove_listed_tree(folder: &Path) -> io::Result<bool> {
    let marker = match read_marker(folder)? {
        MarkerState::Valid(marker) => Some(marker),
        MarkerState::Missing | MarkerState::Invalid => None,
    };

    if let Some(marker) = &marker {
        remove_listed_entries(folder, marker)?;
        match fs::remove_file(folder.join(MARKER_FILE)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    remove_folder_if_empty(folder)
}

fn remove_listed_entries(folder: &Path, marker: &Marker) -> io::Result<()> {
    // Collected before deleting, so the walk never reads a folder that is being changed.
    let entries: Vec<walkdir::DirEntry> = WalkDir::new(folder)
        .min_depth(1)
        .follow_links(false)
        .follow_root_links(false)
        .contents_first(true)
        .into_iter()
        .collect::<Result<_, _>>()?;

    for entry in entries {
        let Some(path) = relative_path(folder, entry.path()) else {
            continue;
        };
        let kind = entry.file_type();
        if kind.is_file() && path != MARKER_FILE && marker.lists_file(&path) {
            fs::remove_file(entry.path())?;
        } else if kind.is_dir() && marker.lists_folder(&path) {
            remove_folder_if_empty(entry.path())?;
        }
    }
    Ok(())
}

/// Removes `folder` if it is empty, and returns whether it is gone.
fn remove_folder_if_empty(folder: &Path) -> io::Result<bool> {
    match fs::remove_dir(folder) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::DirectoryNotEmpty => Ok(false),
        Err(error) => Err(error),
    }
}

fn write_new_file(path: &Path, content: &[u8]) -> io::Result<()> {
    let mut file = File::create_new(path)?;
    file.write_all(content)?;
    file.sync_all()
}

fn join_relative(folder: &Path, path: &str) -> PathBuf {
    let mut joined = folder.to_path_buf();
    joined.extend(path.split('/'));
    joined
}

/// Flushes a folder's entries to disk so a rename of or into it survives a power cut. Errors are
/// ignored because some file systems cannot sync folders, and the files themselves are already synced.
pub(super) fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> OutputFiles {
        entries.iter().map(|(path, content)| ((*path).to_owned(), content.as_bytes().to_vec())).collect()
    }

    fn new_folder(root: &Path, files_to_write: &OutputFiles) -> PathBuf {
        let folder = root.join("tree");
        fs::create_dir(&folder).expect("create folder");
        write_files(&folder, files_to_write).expect("write files");
        folder
    }

    #[test]
    fn tree_written_then_removed() {
        let root = tempfile::tempdir().expect("temporary folder");
        let folder = new_folder(root.path(), &files(&[("index.html", "home"), ("a/b/c.css", "body{}")]));

        assert_eq!(fs::read_to_string(folder.join("a/b/c.css")).expect("written"), "body{}");
        assert!(folder.join(MARKER_FILE).is_file());

        assert!(remove_listed_tree(&folder).expect("removal"));
        assert!(!folder.exists());
    }

    #[test]
    fn tree_removal_keeps_unlisted_entries() {
        let root = tempfile::tempdir().expect("temporary folder");
        let folder = new_folder(root.path(), &files(&[("index.html", "home"), ("a/b.html", "b")]));
        fs::write(folder.join("a/notes.txt"), "mine").expect("write unlisted file");
        fs::create_dir(folder.join("empty")).expect("create unlisted folder");

        assert!(!remove_listed_tree(&folder).expect("removal"));
        assert_eq!(fs::read_to_string(folder.join("a/notes.txt")).expect("kept"), "mine");
        assert!(folder.join("empty").is_dir());
        assert!(!folder.join("index.html").exists());
        assert!(!folder.join("a/b.html").exists());
        assert!(!folder.join(MARKER_FILE).exists());
    }

    #[test]
    fn tree_removal_without_marker_keeps_everything() {
        let root = tempfile::tempdir().expect("temporary folder");
        let folder = root.path().join("tree");
        fs::create_dir(&folder).expect("create folder");
        fs::write(folder.join("index.html"), "someone else's").expect("write file");

        assert!(!remove_listed_tree(&folder).expect("removal"));
        assert!(folder.join("index.html").is_file());
    }

    #[test]
    fn tree_removal_deletes_empty_unmarked_folder() {
        let root = tempfile::tempdir().expect("temporary folder");
        let folder = root.path().join("tree");
        fs::create_dir(&folder).expect("create folder");

        assert!(remove_listed_tree(&folder).expect("removal"));
        assert!(!folder.exists());
    }

    #[cfg(unix)]
    #[test]
    fn tree_removal_never_follows_symlinks() {
        let root = tempfile::tempdir().expect("temporary folder");
        let outside = root.path().join("outside");
        fs::create_dir(&outside).expect("create outside folder");
        fs::write(outside.join("b.html"), "outside").expect("write outside file");

        let folder = new_folder(root.path(), &files(&[("index.html", "home"), ("a/b.html", "b")]));
        fs::remove_file(folder.join("a/b.html")).expect("remove listed file");
        fs::remove_dir(folder.join("a")).expect("remove listed folder");
        std::os::unix::fs::symlink(&outside, folder.join("a")).expect("create symlink");

        assert!(!remove_listed_tree(&folder).expect("removal"));
        assert_eq!(fs::read_to_string(outside.join("b.html")).expect("kept"), "outside");
        assert!(fs::symlink_metadata(folder.join("a")).expect("link kept").file_type().is_symlink());
    }

    #[test]
    fn tree_write_never_overwrites() {
        let root = tempfile::tempdir().expect("temporary folder");
        let folder = root.path().join("tree");
        fs::create_dir(&folder).expect("create folder");
        fs::write(folder.join("index.html"), "existing").expect("write file");

        assert!(write_files(&folder, &files(&[("index.html", "new")])).is_err());
        assert_eq!(fs::read_to_string(folder.join("index.html")).expect("kept"), "existing");
    }
}
