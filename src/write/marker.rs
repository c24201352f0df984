//! The marker file that lists every file the tool wrote into a folder.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use super::{MARKER_FILE, OutputFiles};

/// First line of every marker file. A file with another first line was not written by this tool.
pub(super) const HEADER: &str =
    "# Files written by attendance-guide, which replaces this folder on each build (one path a line):";

/// Paths listed in a folder's marker file, with the folders that contain them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Marker {
    files: BTreeSet<String>,
    folders: BTreeSet<String>,
}

/// State of a folder's marker file.
#[derive(Debug)]
pub(super) enum MarkerState {
    Missing,
    /// A marker path that is not a regular UTF-8 file starting with [`HEADER`].
    Invalid,
    Valid(Marker),
}

impl Marker {
    /// Parses a marker file's text, or returns `None` when its first line is not [`HEADER`].
    pub fn parse(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }

        let mut marker = Self::default();
        for path in lines.filter(|line| !line.is_empty()) {
            for (index, _) in path.match_indices('/') {
                marker.folders.insert(path[..index].to_owned());
            }
            marker.files.insert(path.to_owned());
        }
        Some(marker)
    }

    /// Renders the marker file for `files`: the header, then one path a line in sorted order.
    pub fn render(files: &OutputFiles) -> String {
        let mut text = String::from(HEADER);
        text.push('\n');
        for path in files.keys() {
            text.push_str(path);
            text.push('\n');
        }
        text
    }

    pub fn lists_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// Returns whether `path` is a folder that contains a listed file.
    pub fn lists_folder(&self, path: &str) -> bool {
        self.folders.contains(path)
    }
}

/// Reads the marker file of `folder` without following a symbolic link in its place.
pub(super) fn read_marker(folder: &Path) -> io::Result<MarkerState> {
    let path = folder.join(MARKER_FILE);
    let metadata = match fs::symlink_metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(MarkerState::Missing),
        Err(error) => return Err(error),
    };
    if !metadata.is_file() {
        return Ok(MarkerState::Invalid);
    }

    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::InvalidData => return Ok(MarkerState::Invalid),
        Err(error) => return Err(error),
    };
    Ok(Marker::parse(&text).map_or(MarkerState::Invalid, MarkerState::Valid))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> OutputFiles {
        paths.iter().map(|path| ((*path).to_owned(), Vec::new())).collect()
    }

    #[test]
    fn marker_render_starts_with_header_then_sorted_paths() {
        let text = Marker::render(&files(&["b/c.css", "a.html", "b/a.html"]));
        assert_eq!(text, format!("{HEADER}\na.html\nb/a.html\nb/c.css\n"));
    }

    #[test]
    fn marker_parse_round_trips_render() {
        let text = Marker::render(&files(&["index.html", "step-1/data/index.html"]));
        let marker = Marker::parse(&text).expect("a rendered marker parses");
        assert!(marker.lists_file("index.html"));
        assert!(marker.lists_file("step-1/data/index.html"));
        assert!(marker.lists_folder("step-1"));
        assert!(marker.lists_folder("step-1/data"));
        assert!(!marker.lists_folder("index.html"));
        assert!(!marker.lists_file("step-1"));
    }

    #[test]
    fn marker_parse_rejects_other_header() {
        assert_eq!(Marker::parse("index.html\n"), None);
        assert_eq!(Marker::parse(""), None);
        assert_eq!(Marker::parse(&format!("# {HEADER}\nindex.html\n")), None);
    }

    #[test]
    fn marker_parse_accepts_crlf_and_blank_lines() {
        let marker = Marker::parse(&format!("{HEADER}\r\na.html\r\n\r\nb.html\r\n")).expect("valid");
        assert!(marker.lists_file("a.html"));
        assert!(marker.lists_file("b.html"));
        assert!(!marker.lists_file(""));
    }
}
