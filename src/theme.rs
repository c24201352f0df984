//! The theme: templates, CSS and JavaScript. The default theme is embedded in the binary, and a site
//! overrides any single file of it by placing a file at the same relative path under
//! `<root>/themes/<name>/`; everything else comes from the embedded copy, so a site without a `themes/`
//! folder builds completely.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Location};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The folder under the site root that holds theme overrides.
pub const THEMES_DIR: &str = "themes";

/// One file of the theme.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path for messages: `themes/default/templates/base.html`, with `(embedded)` for built-in files.
    pub display: String,
    pub bytes: Vec<u8>,
    pub overridden: bool,
}

impl ThemeFile {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// The theme's files by path relative to the theme folder, such as `templates/base.html`.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub name: String,
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Loads the embedded default theme and applies the site's overrides from `<root>/themes/<name>/`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme { name: name.to_owned(), files: BTreeMap::new() };
        add_embedded(&EMBEDDED, &mut theme.files);

        let folder = root.join(THEMES_DIR).join(name);
        if !folder.is_dir() {
            if name == "default" {
                return Ok(theme);
            }
            let message = format!("theme `{name}` not found: there is no folder `{THEMES_DIR}/{name}`");
            let help = "create the folder with the files you want to override, or set `theme: default` in site.yaml";
            return Err(vec![Diagnostic::error(Location::file("content/site.yaml"), message).with_help(help)]);
        }

        let mut diagnostics = Vec::new();
        for entry in WalkDir::new(&folder).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let relative = relative(&folder, entry.path());
                    if relative.split('/').any(|part| part.starts_with('.')) {
                        continue;
                    }
                    let display = format!("{THEMES_DIR}/{name}/{relative}");
                    match std::fs::read(entry.path()) {
                        Ok(bytes) => {
                            theme.files.insert(relative, ThemeFile { display, bytes, overridden: true });
                        }
                        Err(error) => diagnostics.push(
                            Diagnostic::error(Location::file(display), format!("cannot read theme file: {error}"))
                                .with_help("check the file's permissions"),
                        ),
                    }
                }
                Ok(_) => {}
                Err(error) => diagnostics.push(
                    Diagnostic::error(Location::file(format!("{THEMES_DIR}/{name}")), format!("cannot read theme folder: {error}"))
                        .with_help("check the folder for symbolic link loops and permissions"),
                ),
            }
        }
        if diagnostics.is_empty() { Ok(theme) } else { Err(diagnostics) }
    }

    pub fn get(&self, path: &str) -> Option<&ThemeFile> {
        self.files.get(path)
    }

    /// The templates, named by their path under `templates/`.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(path, file)| path.strip_prefix("templates/").map(|name| (name, file)))
    }
}

fn add_embedded(dir: &Dir<'static>, files: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let display = format!("{THEMES_DIR}/default/{path} (embedded)");
        files.insert(path, ThemeFile { display, bytes: file.contents().to_vec(), overridden: false });
    }
    for sub in dir.dirs() {
        add_embedded(sub, files);
    }
}

fn relative(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_has_layout_and_assets() {
        let theme = Theme::load(Path::new("/nonexistent"), "default").unwrap();
        for path in ["templates/base.html", "templates/page.html", "css/main.css", "js/app.js"] {
            assert!(theme.get(path).is_some(), "{path} missing from the embedded theme");
        }
    }

    #[test]
    fn override_replaces_one_file() {
        let root = tempfile::tempdir().unwrap();
        let folder = root.path().join("themes/default/templates");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("page.html"), "custom").unwrap();

        let theme = Theme::load(root.path(), "default").unwrap();
        let page = theme.get("templates/page.html").unwrap();
        assert_eq!(page.bytes, b"custom");
        assert!(page.overridden);
        assert!(!theme.get("templates/base.html").unwrap().overridden);
    }

    #[test]
    fn unknown_theme_name_is_an_error() {
        let errors = Theme::load(Path::new("/nonexistent"), "fancy").unwrap_err();
        assert!(errors[0].message.contains("theme `fancy` not found"));
    }
}
