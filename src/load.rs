//! The load stage: walks `<root>/content` and reads every file, sorted by kind.
//!
//! Text files (Markdown and YAML) must be UTF-8; a leading byte order mark is dropped. Files and folders
//! whose names start with `.` are skipped (editor swap files, `.DS_Store`), except in `static/`. Symbolic links are followed,
//! and a link that loops back to one of its own ancestors is reported rather than walked for ever.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Location};

/// The folder under the root that contains the site's sources.
pub const CONTENT_DIR: &str = "content";
/// The site configuration file inside the content folder.
pub const SITE_CONFIG: &str = "site.yaml";
/// Files under this folder are copied to the output root unchanged.
pub const STATIC_DIR: &str = "static";

/// A Markdown or YAML file read as text.
#[derive(Debug, Clone)]
pub struct TextFile {
    /// Path relative to the content folder, with `/` separators: `step-1/_index.md`.
    pub path: String,
    /// Path for messages, relative to the root: `content/step-1/_index.md`.
    pub display: String,
    pub text: String,
}

/// Any other file, copied to the output.
#[derive(Debug, Clone)]
pub struct BinaryFile {
    /// Path relative to the content folder (or to `content/static` for static files).
    pub path: String,
    pub display: String,
    pub bytes: Vec<u8>,
}

/// Every file of the site, by kind.
#[derive(Debug, Default)]
pub struct Sources {
    pub site_config: Option<TextFile>,
    pub pages: Vec<TextFile>,
    /// YAML files other than the site configuration: resources, questionnaires, diagram data.
    pub data: Vec<TextFile>,
    /// Files beside the pages, such as pictures, published at the same relative path.
    pub assets: Vec<BinaryFile>,
    /// Files under `content/static/`, published at the output root.
    pub statics: Vec<BinaryFile>,
}

/// Reads the site under `root`, reporting unreadable files and returning everything else.
pub fn load(root: &Path) -> (Sources, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();

    if !content.is_dir() {
        let message = format!("content folder not found: `{}`", content.display());
        let help = "run the command in the site's folder, or pass `--root DIR` for a site elsewhere";
        diagnostics.push(Diagnostic::error(Location::file(CONTENT_DIR), message).with_help(help));
        return (sources, diagnostics);
    }

    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_skipped(&content, entry));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Err(diagnostic) = read_file(&content, entry.path(), &mut sources) {
                    diagnostics.push(diagnostic);
                }
            }
            Ok(_) => {}
            Err(error) => diagnostics.push(walk_error(&content, &error)),
        }
    }

    (sources, diagnostics)
}

/// Hidden files and folders are skipped, except under `static/`, where files such as `.nojekyll` and
/// `.well-known/` are meant for the published site. Editor and system files are skipped everywhere.
fn is_skipped(content: &Path, entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    if entry.depth() == 0 || !name.starts_with('.') {
        return false;
    }
    let in_static = entry.path().strip_prefix(content).is_ok_and(|relative| relative.starts_with(STATIC_DIR));
    let editor_file = matches!(name.as_ref(), ".DS_Store" | ".git" | ".svn") || name.ends_with(".swp") || name.ends_with('~');
    !in_static || editor_file
}

fn read_file(content: &Path, path: &Path, sources: &mut Sources) -> Result<(), Diagnostic> {
    let relative = relative_path(content, path);
    let display = format!("{CONTENT_DIR}/{relative}");
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::error(Location::file(&display), format!("cannot read file: {error}"))
            .with_help("check that the file exists and that you have permission to read it")
    })?;

    if let Some(static_path) = relative.strip_prefix(&format!("{STATIC_DIR}/")) {
        sources.statics.push(BinaryFile { path: static_path.to_owned(), display, bytes });
        return Ok(());
    }

    let extension = Path::new(&relative).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("md") => sources.pages.push(decode(relative, display, bytes)?),
        Some("yaml" | "yml") if relative == SITE_CONFIG => {
            sources.site_config = Some(decode(relative, display, bytes)?);
        }
        Some("yaml" | "yml") => sources.data.push(decode(relative, display, bytes)?),
        _ => sources.assets.push(BinaryFile { path: relative, display, bytes }),
    }
    Ok(())
}

/// Decodes UTF-8, dropping a byte order mark, and reports the line and column of the first invalid byte.
fn decode(path: String, display: String, mut bytes: Vec<u8>) -> Result<TextFile, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(TextFile { path, display, text }),
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
            let message = "the file is not valid UTF-8 text";
            let help = "save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding)";
            Err(Diagnostic::error(Location::new(display, line, column), message).with_help(help))
        }
    }
}

fn walk_error(content: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(content));
    let display = format!("{CONTENT_DIR}/{}", relative_path(content, &path));
    if let Some(ancestor) = error.loop_ancestor() {
        let ancestor = match relative_path(content, ancestor) {
            relative if relative.is_empty() => CONTENT_DIR.to_owned(),
            relative => format!("{CONTENT_DIR}/{relative}"),
        };
        let message = format!("symbolic link loop: this folder links back to `{ancestor}`, which contains it");
        return Diagnostic::error(Location::file(display), message)
            .with_help("remove the symbolic link or point it at a folder outside its own parents");
    }

    // The error's own text repeats the absolute path, which the location already shows.
    let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
    if std::fs::symlink_metadata(&path).is_ok_and(|metadata| metadata.file_type().is_symlink()) {
        return Diagnostic::error(Location::file(display), format!("symbolic link cannot be followed: {reason}"))
            .with_help("remove the symbolic link, or point it at a file or folder that exists");
    }
    Diagnostic::error(Location::file(display), format!("cannot read: {reason}"))
        .with_help("check that the file exists and that you have permission to read it")
}

/// Resolves `.` and `..` segments of a path relative to the content folder, keeping a trailing `/`
/// (`a/b/..` gives `a/`). Returns None for a path that climbs out of the content folder.
pub fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut normalised = parts.join("/");
    if path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") {
        normalised.push('/');
    }
    Some(normalised)
}

/// Returns `path` relative to `base` with `/` separators, whatever the platform.
fn relative_path(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_cases() {
        let cases = [
            ("step-1/../step-2/_index.md", Some("step-2/_index.md")),
            ("./a.md", Some("a.md")),
            ("a/b/../", Some("a/")),
            ("a/b/..", Some("a/")),
            ("", Some("")),
            ("../outside.md", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise(input).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn decode_drops_byte_order_mark() {
        let file = decode("a.md".into(), "content/a.md".into(), b"\xEF\xBB\xBF---\n".to_vec());
        assert_eq!(file.map(|file| file.text).ok().as_deref(), Some("---\n"));
    }

    #[test]
    fn symbolic_link_loops_reported() {
        let root = tempfile::tempdir().expect("a temporary folder");
        let content = root.path().join(CONTENT_DIR);
        std::fs::create_dir_all(content.join("guides")).expect("create folders");
        std::os::unix::fs::symlink("..", content.join("guides/loop")).expect("link to the parent");
        std::os::unix::fs::symlink("self", content.join("self")).expect("link to itself");
        std::os::unix::fs::symlink("nowhere", content.join("dangling.md")).expect("link to nothing");

        let (_, diagnostics) = load(root.path());
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages[0].starts_with("content/dangling.md: error: symbolic link cannot be followed"), "{}", messages[0]);
        assert!(messages[1].starts_with("content/guides/loop: error: symbolic link loop"), "{}", messages[1]);
        assert!(messages[1].contains("links back to `content`"), "{}", messages[1]);
        assert!(messages[2].starts_with("content/self: error: symbolic link cannot be followed"), "{}", messages[2]);
        assert!(!messages[2].contains(&root.path().display().to_string()), "{}", messages[2]);
    }

    #[test]
    fn decode_reports_first_invalid_byte() {
        let error = decode("a.md".into(), "content/a.md".into(), b"ok\nab\xFFcd".to_vec()).unwrap_err();
        assert_eq!(error.location, Location::new("content/a.md", 2, 3));
        assert!(error.help.unwrap_or_default().contains("UTF-8"));
    }
}
