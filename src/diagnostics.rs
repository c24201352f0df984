//! Errors and warnings about the site's sources.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of stopping at the first one, so an author
//! sees all the errors of a build at once. A diagnostic names the file (relative to the site root, with
//! `/` separators), the 1-based line and column, what is wrong (quoting the value) and how to fix it.
//! Rendering them for a terminal, with a snippet of the source, lives in [`crate::report`].

use std::fmt;

/// Severity of a diagnostic: errors fail the build (exit status 1), warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file. Line and column are 1-based; 0 means the position is not known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: impl Into<String>, line: usize, column: usize) -> Self {
        Self { file: file.into(), line, column }
    }

    /// Returns a location for problems with a whole file, such as one that cannot be read.
    pub fn file(file: impl Into<String>) -> Self {
        Self::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (line, 0) => write!(f, "{}:{line}", self.file),
            (line, column) => write!(f, "{}:{line}:{column}", self.file),
        }
    }
}

/// One problem found in the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    /// Description of the problem, quoting the offending value.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, location, message: message.into(), help: None }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, location, message: message.into(), help: None }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Prints `file:line:col: error: message`, then the help on its own line.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.location, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics of one build, collected from every stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Returns the diagnostics sorted by file, line and column, errors before warnings at one place,
    /// without repeats.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self { items: iter.into_iter().collect() }
    }
}

/// Finds the candidate closest to `value`, for "did you mean" suggestions.
pub fn closest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(value, candidate), candidate))
        .filter(|(similarity, _)| *similarity >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_display_omits_unknown_parts() {
        assert_eq!(Location::new("content/a.md", 3, 7).to_string(), "content/a.md:3:7");
        assert_eq!(Location::new("content/a.md", 3, 0).to_string(), "content/a.md:3");
        assert_eq!(Location::file("content/a.md").to_string(), "content/a.md");
    }

    #[test]
    fn diagnostic_display_puts_help_on_next_line() {
        let diagnostic = Diagnostic::error(Location::new("content/site.yaml", 2, 8), "invalid `title`")
            .with_help("write the title as text");
        assert_eq!(
            diagnostic.to_string(),
            "content/site.yaml:2:8: error: invalid `title`\n  help: write the title as text"
        );
    }

    #[test]
    fn sorted_by_file_then_position() {
        let diagnostics: Diagnostics = [
            Diagnostic::error(Location::new("b.md", 1, 1), "b"),
            Diagnostic::warning(Location::new("a.md", 9, 1), "a9"),
            Diagnostic::error(Location::new("a.md", 2, 5), "a2"),
            Diagnostic::error(Location::new("a.md", 2, 5), "a2"),
        ]
        .into_iter()
        .collect();
        let messages: Vec<_> = diagnostics.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(messages, ["a2", "a9", "b"]);
    }

    #[test]
    fn closest_suggests_only_near_names() {
        assert_eq!(closest("titel", ["title", "weight", "draft"]), Some("title"));
        assert_eq!(closest("colour", ["title", "weight", "draft"]), None);
    }
}
