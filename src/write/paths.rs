//! Validation of the relative paths in [`OutputFiles`], done before anything touches the disk.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use super::{MARKER_FILE, OutputFiles};
use crate::diagnostics::{Diagnostic, Location};

const HELP: &str = "Each output path must be relative, use `/` between non-empty names without `.` or \
    `..`, and name each file once. Rename the source file or page that produces it.";

/// Returns one error for each path in `files` that could be written outside the output folder or that
/// clashes with another path.
pub(super) fn validate_paths(files: &OutputFiles, location: &Location) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for path in files.keys() {
        if let Err(reason) = check_path(path) {
            diagnostics.push(invalid(location, path, reason));
        }
    }

    diagnostics.extend(file_folder_clashes(files, location));
    diagnostics.extend(case_clashes(files, location));
    diagnostics
}

/// Returns why `path` cannot be written inside the output folder, if it cannot.
fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".to_owned());
    }
    if path.starts_with('/') {
        return Err("absolute paths are not allowed".to_owned());
    }
    if path.contains('\\') {
        return Err("backslashes are not allowed, use `/` between folder names".to_owned());
    }
    if path.contains('\0') {
        return Err("the path contains a NUL character".to_owned());
    }
    if path == MARKER_FILE {
        return Err(format!("`{MARKER_FILE}` is reserved for the list of files the tool wrote"));
    }

    for segment in path.split('/') {
        match segment {
            "" => return Err("the path has an empty name (`//`, or `/` at the start or end)".to_owned()),
            "." | ".." => return Err("`.` and `..` are not allowed in output paths".to_owned()),
            _ => {}
        }
    }

    // Catches what the checks above cannot see on every platform, such as a `C:` drive prefix on Windows.
    if !Path::new(path).components().all(|component| matches!(component, Component::Normal(_))) {
        return Err("the path is not a plain relative path".to_owned());
    }
    Ok(())
}

/// Reports each path that is both a file and the folder of another file, naming the first such file.
fn file_folder_clashes(files: &OutputFiles, location: &Location) -> Vec<Diagnostic> {
    let mut clashes: BTreeMap<&str, &str> = BTreeMap::new();
    for path in files.keys() {
        for (index, _) in path.match_indices('/') {
            let folder = &path[..index];
            if files.contains_key(folder) {
                clashes.entry(folder).or_insert(path);
            }
        }
    }

    clashes
        .into_iter()
        .map(|(folder, file)| {
            let reason = format!("it is both a file and the folder of `{}`", file.escape_debug());
            invalid(location, folder, reason)
        })
        .collect()
}

/// Reports paths that differ only in letter case, because one would overwrite the other on
/// case-insensitive file systems (the default on macOS and Windows).
fn case_clashes(files: &OutputFiles, location: &Location) -> Vec<Diagnostic> {
    let mut first_by_lowercase: BTreeMap<String, &str> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for path in files.keys() {
        if let Some(first) = first_by_lowercase.insert(path.to_lowercase(), path) {
            let reason = format!(
                "it differs from `{}` only in letter case, so one would overwrite the other on \
                 case-insensitive file systems such as the defaults of macOS and Windows",
                first.escape_debug()
            );
            diagnostics.push(invalid(location, path, reason));
        }
    }
    diagnostics
}

fn invalid(location: &Location, path: &str, reason: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(location.clone(), format!("invalid output path `{}`: {reason}", path.escape_debug()))
        .with_help(HELP)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> OutputFiles {
        paths.iter().map(|path| ((*path).to_owned(), b"x".to_vec())).collect()
    }

    fn messages(paths: &[&str]) -> Vec<String> {
        validate_paths(&files(paths), &Location::file("public"))
            .into_iter()
            .map(|diagnostic| diagnostic.message)
            .collect()
    }

    #[test]
    fn paths_accept_plain_relative_paths() {
        let accepted = ["index.html", "step-1/data/index.html", ".well-known/security.txt", "a b/é.html"];
        assert_eq!(messages(&accepted), Vec::<String>::new());
    }

    #[test]
    fn paths_reject_escapes_and_malformed_names() {
        let rejected = [
            "",
            "/etc/passwd",
            "../escape.html",
            "a/../../escape.html",
            "./index.html",
            "a/./b.html",
            "a//b.html",
            "folder/",
            "a\\b.html",
            "..\\escape.html",
            "nul\0.html",
            MARKER_FILE,
        ];
        for path in rejected {
            let found = messages(&[path]);
            assert_eq!(found.len(), 1, "expected one error for {path:?}, got {found:?}");
            assert!(found[0].contains(&path.escape_debug().to_string()), "{found:?} should quote {path:?}");
        }
    }

    #[test]
    fn paths_accept_marker_name_in_subfolder() {
        assert!(messages(&[&format!("docs/{MARKER_FILE}")]).is_empty());
    }

    #[test]
    fn paths_reject_file_that_is_also_folder() {
        let found = messages(&["a", "a/b.html", "a/c.html", "x/y", "x/y/z.html"]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("`a`"), "{found:?}");
        assert!(found[0].contains("`a/b.html`"), "{found:?}");
        assert!(found[1].contains("`x/y`"), "{found:?}");
        assert!(found[1].contains("`x/y/z.html`"), "{found:?}");
    }

    #[test]
    fn paths_reject_case_only_differences() {
        let found = messages(&["Index.html", "index.html"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("letter case"), "{found:?}");
    }

    #[test]
    fn paths_errors_point_at_output_folder() {
        let diagnostics = validate_paths(&files(&["../x"]), &Location::file("site/public"));
        assert_eq!(diagnostics[0].location, Location::file("site/public"));
        assert!(diagnostics[0].help.is_some());
    }
}
