//! Prints diagnostics for a terminal: the `file:line:col` header, a snippet of the source with the
//! place marked, the message and the fix. The snippet comes from the file on disk; diagnostics about
//! embedded theme files or whole files are printed without one.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};

use crate::diagnostics::{Diagnostic, Severity};

/// Characters of a source line shown on each side of the marked place. Longer lines are cut so that a
/// minified or machine-written file does not flood the terminal.
const EXCERPT_RADIUS: usize = 60;

/// At most this many diagnostics are printed in full; the rest are counted.
const MAX_SHOWN: usize = 500;

/// Renders the diagnostics, in the order given, into one string.
pub fn render(diagnostics: &[Diagnostic], root: &Path) -> String {
    let config = Config::default();
    let mut sources = Sources::default();
    let mut output = String::new();
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        output.push_str(&render_one(diagnostic, root, &config, &mut sources));
        output.push('\n');
    }
    if diagnostics.len() > MAX_SHOWN {
        let hidden = diagnostics.len() - MAX_SHOWN;
        output.push_str(&format!("… and {hidden} more; fixing the first ones often fixes many of the rest.\n"));
    }
    output
}

/// Files read for snippets, each read once, with the byte offset of every line start.
#[derive(Default)]
struct Sources {
    files: HashMap<String, Option<(String, Vec<usize>)>>,
}

impl Sources {
    /// Returns the text of `line` (1-based) of `file`, without its line ending.
    fn line(&mut self, root: &Path, file: &str, line: usize) -> Option<&str> {
        let entry = self.files.entry(file.to_owned()).or_insert_with(|| {
            let bytes = std::fs::read(root.join(file)).ok()?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
            let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
            Some((text, starts))
        });
        let (text, starts) = entry.as_ref()?;
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(text.len(), |next| next - 1);
        text.get(start..end).map(|line| line.trim_end_matches('\r'))
    }
}

fn render_one(diagnostic: &Diagnostic, root: &Path, config: &Config, sources: &mut Sources) -> String {
    let location = &diagnostic.location;
    let report = match diagnostic.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    }
    .with_message(&diagnostic.message)
    .with_notes(diagnostic.help.iter().map(|help| format!("help: {help}")).collect());

    let Some(line_text) = (location.line > 0).then(|| sources.line(root, &location.file, location.line)).flatten() else {
        return plain(diagnostic);
    };
    let excerpt = Excerpt::new(&location.file, location.line, location.column, line_text);
    let report = report.with_labels(vec![Label::primary((), excerpt.marked.clone())]);
    term::emit_into_string(config, &excerpt, &report).unwrap_or_else(|_| plain(diagnostic))
}

/// The one-line form, `file:line:col: error: message`, with the help on the next line.
fn plain(diagnostic: &Diagnostic) -> String {
    format!("{diagnostic}\n")
}

/// One source line, cut around the marked column when it is long, that codespan-reporting shows with
/// the real file name, line and column.
struct Excerpt<'a> {
    name: &'a str,
    line: usize,
    column: usize,
    text: String,
    /// Byte range of the marked character within `text`.
    marked: Range<usize>,
}

impl<'a> Excerpt<'a> {
    fn new(name: &'a str, line: usize, column: usize, line_text: &str) -> Self {
        let characters: Vec<char> = line_text.chars().collect();
        let at = column.saturating_sub(1).min(characters.len());
        let first = at.saturating_sub(EXCERPT_RADIUS);
        let last = (at + EXCERPT_RADIUS).min(characters.len());

        let mut text = String::new();
        if first > 0 {
            text.push('…');
        }
        text.extend(&characters[first..at]);
        let marked_start = text.len();
        text.extend(&characters[at..last]);
        if last < characters.len() {
            text.push('…');
        }
        let marked_end = text[marked_start..].chars().next().map_or(marked_start, |c| marked_start + c.len_utf8());
        Self { name, line, column, text, marked: marked_start..marked_end }
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn column_number(&'a self, (): (), _line_index: usize, _byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.column.max(1))
    }

    fn line_range(&'a self, (): (), _line_index: usize) -> Result<Range<usize>, FilesError> {
        Ok(0..self.text.len())
    }
}

/// Whether standard error is a terminal, so colour and progress output make sense.
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    #[test]
    fn long_line_cut_around_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let excerpt = Excerpt::new("content/a.md", 3, 501, &line);
        assert_eq!(&excerpt.text[excerpt.marked.clone()], "X");
        assert!(excerpt.text.starts_with('…'), "{}", excerpt.text);
        assert!(excerpt.text.ends_with('…'), "{}", excerpt.text);
        assert_eq!(excerpt.text.chars().count(), 2 * EXCERPT_RADIUS + 2);
    }

    #[test]
    fn many_errors_on_long_line_render_quickly() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("content")).unwrap();
        std::fs::write(root.path().join("content/a.md"), "x".repeat(100_000)).unwrap();
        let diagnostics: Vec<Diagnostic> =
            (1..=10_000).map(|column| Diagnostic::error(Location::new("content/a.md", 1, column), "bad")).collect();

        let output = render(&diagnostics, root.path());
        assert!(output.len() < 1_000_000, "output of {} bytes", output.len());
        assert!(output.contains("… and 9500 more"), "the hidden diagnostics are not counted");
    }

    #[test]
    fn snippet_names_file_line_and_column() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("content")).unwrap();
        std::fs::write(root.path().join("content/a.md"), "---\ntitle: [x\n---\n").unwrap();
        let diagnostic = Diagnostic::error(Location::new("content/a.md", 2, 8), "invalid YAML").with_help("close it");

        let output = render(&[diagnostic], root.path());
        assert!(output.contains("error: invalid YAML"), "{output}");
        assert!(output.contains("content/a.md:2:8"), "{output}");
        assert!(output.contains("title: [x"), "{output}");
        assert!(output.contains("help: close it"), "{output}");
    }

    #[test]
    fn unreadable_file_falls_back_to_plain_line() {
        let diagnostic = Diagnostic::error(Location::new("content/none.md", 2, 8), "broken");
        assert_eq!(render(&[diagnostic], Path::new("/nonexistent")), "content/none.md:2:8: error: broken\n\n");
    }
}
