//! The site configuration, `content/site.yaml`.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::load::TextFile;
use crate::yaml::{self, ValuePositions, YamlSource};

/// Settings for the whole site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Where the site is published: a path such as `/` or a full URL such as
    /// `https://example.org/attendance/`. Only its path is used in links, so the site works on any host.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// BCP 47 language tag of the content, such as `en-GB` or `gd`.
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub organisation: String,
    /// Attendance, in per cent, at or below which a pupil's attendance is a concern.
    #[serde(default = "default_attendance_threshold")]
    pub attendance_threshold: f64,
    /// Theme whose files in `<root>/themes/<theme>/` override the embedded default theme.
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub navigation: Vec<NavigationEntry>,
    /// Whether a service worker keeps the questionnaires working without a network after a first visit.
    #[serde(default)]
    pub offline: bool,
}

/// One entry of the main navigation: a title and the source path of the page it opens.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavigationEntry {
    pub title: String,
    /// Source path under `content/`, such as `step-1/_index.md`.
    pub page: String,
}

fn default_base_url() -> String {
    "/".to_owned()
}

fn default_language() -> String {
    "en-GB".to_owned()
}

fn default_attendance_threshold() -> f64 {
    90.0
}

fn default_theme() -> String {
    "default".to_owned()
}

/// The parsed configuration with the positions of its values, for later diagnostics.
#[derive(Debug)]
pub struct LoadedConfig {
    pub config: SiteConfig,
    pub positions: ValuePositions,
    pub display: String,
}

/// Parses and checks `site.yaml`.
pub fn parse(file: &TextFile) -> Result<LoadedConfig, Vec<Diagnostic>> {
    let source = YamlSource { file: &file.display, text: &file.text, first_line: 1 };
    let config: SiteConfig = yaml::parse(&source).map_err(|diagnostic| vec![diagnostic])?;
    let positions = ValuePositions::of(&source);

    let mut diagnostics = Vec::new();
    if config.title.trim().is_empty() {
        let help = "give the site a title, for example `title: Interactive Attendance Guide`";
        diagnostics.push(Diagnostic::error(positions.location(&["title"]), "`title` is empty").with_help(help));
    }
    if !(config.attendance_threshold > 0.0 && config.attendance_threshold <= 100.0) {
        let message = format!(
            "`attendance_threshold` is {}, but it must be a percentage above 0 and at most 100",
            config.attendance_threshold
        );
        let help = "write the threshold from your local policy as a number, for example `attendance_threshold: 90`";
        diagnostics.push(Diagnostic::error(positions.location(&["attendance_threshold"]), message).with_help(help));
    }
    if let Err(message) = base_path(&config.base_url) {
        let help = "write a path such as `/` or `/guide/`, or a full address such as `https://example.org/guide/`";
        diagnostics.push(Diagnostic::error(positions.location(&["base_url"]), message).with_help(help));
    }

    if diagnostics.is_empty() {
        Ok(LoadedConfig { config, positions, display: file.display.clone() })
    } else {
        Err(diagnostics)
    }
}

/// The diagnostic for a site without `content/site.yaml`.
pub fn missing() -> Diagnostic {
    let help = "create content/site.yaml with at least a line `title: Your site's title`";
    Diagnostic::error(Location::file("content/site.yaml"), "site configuration not found").with_help(help)
}

/// Returns the path part of a base URL, always starting and ending with `/`: `https://x.org/guide` gives
/// `/guide/`. Query strings, fragments and schemes other than http(s) are rejected.
pub fn base_path(base_url: &str) -> Result<String, String> {
    let trimmed = base_url.trim();
    let path = if let Some(rest) = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://")) {
        match rest.find('/') {
            Some(index) => &rest[index..],
            None => "/",
        }
    } else if trimmed.starts_with('/') || trimmed.is_empty() {
        trimmed
    } else {
        return Err(format!("`base_url` is `{base_url}`, which is neither a path starting with `/` nor an http(s) address"));
    };

    if path.contains(['?', '#', '\\', ' ']) || path.split('/').any(|segment| segment == "..") {
        return Err(format!("`base_url` is `{base_url}`, whose path contains a character not allowed here"));
    }
    let mut path = path.to_owned();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_cases() {
        let cases = [
            ("/", "/"),
            ("", "/"),
            ("/guide", "/guide/"),
            ("/guide/", "/guide/"),
            ("https://example.org", "/"),
            ("https://example.org/attendance/guide", "/attendance/guide/"),
            ("http://127.0.0.1:8080/guide/", "/guide/"),
        ];
        for (input, expected) in cases {
            assert_eq!(base_path(input).as_deref(), Ok(expected), "{input}");
        }
    }

    #[test]
    fn base_path_rejects_other_forms() {
        for input in ["guide/", "ftp://x.org/", "/a?b", "/a/../b"] {
            assert!(base_path(input).is_err(), "{input}");
        }
    }

    fn text_file(text: &str) -> TextFile {
        TextFile { path: "site.yaml".into(), display: "content/site.yaml".into(), text: text.into() }
    }

    #[test]
    fn parse_applies_defaults() {
        let loaded = parse(&text_file("title: Guide\n")).unwrap();
        assert_eq!(loaded.config.attendance_threshold, 90.0);
        assert_eq!(loaded.config.language, "en-GB");
        assert_eq!(loaded.config.base_url, "/");
    }

    #[test]
    fn parse_reports_every_invalid_value() {
        let errors = parse(&text_file("title: \" \"\nattendance_threshold: 190\nbase_url: guide\n")).unwrap_err();
        let lines: Vec<_> = errors.iter().map(|d| d.location.line).collect();
        assert_eq!(lines, [1, 2, 3]);
    }
}
