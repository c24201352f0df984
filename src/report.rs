//! Prints diagnostics for a terminal: the `file:line:col` header, a snippet of the source with the
//! place marked, the message and the fix. The snippet comes from the file on disk; diagnostics about
//! embedded theme files or whole files are printed without one.

use std::io::IsTerminal;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use crate::diagnostics::{Diagnostic, Severity};

/// Renders every diagnostic, in the order given, into one string.
pub fn render(diagnostics: &[Diagnostic], root: &Path) -> String {
    let config = Config::default();
    let mut output = String::new();
    for diagnostic in diagnostics {
        output.push_str(&render_one(diagnostic, root, &config));
        output.push('\n');
    }
    output
}

fn render_one(diagnostic: &Diagnostic, root: &Path, config: &Config) -> String {
    let location = &diagnostic.location;
    let report = match diagnostic.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    }
    .with_message(&diagnostic.message)
    .with_notes(diagnostic.help.iter().map(|help| format!("help: {help}")).collect());

    let source = (location.line > 0).then(|| std::fs::read(root.join(&location.file)).ok()).flatten();
    let Some(source) = source else {
        return plain(diagnostic);
    };
    let text = String::from_utf8_lossy(&source);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Some(offset) = byte_offset(text, location.line, location.column) else {
        return plain(diagnostic);
    };

    let file = SimpleFile::new(&location.file, text);
    let end = text[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8());
    let report = report.with_labels(vec![Label::primary((), offset..end)]);
    term::emit_into_string(config, &file, &report).unwrap_or_else(|_| plain(diagnostic))
}

/// The one-line form, `file:line:col: error: message`, with the help on the next line.
fn plain(diagnostic: &Diagnostic) -> String {
    format!("{diagnostic}\n")
}

/// Converts a 1-based line and character column into a byte offset of `text`.
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let line_text = text.get(line_start..)?.split('\n').next()?;
    let in_line = line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
    (line_start <= text.len()).then_some(line_start + in_line)
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
    fn byte_offset_counts_characters() {
        let text = "ab\nçé x\n";
        assert_eq!(byte_offset(text, 1, 1), Some(0));
        assert_eq!(byte_offset(text, 2, 3), Some(3 + 4));
        assert_eq!(byte_offset(text, 2, 99), Some(3 + 6));
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
