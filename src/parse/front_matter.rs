//! Front matter: the YAML block between `---` fences at the top of every Markdown page.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::yaml::{self, ValuePositions, YamlSource};

/// The keys a page may set in its front matter.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Position among its siblings: lower comes first; equal weights are ordered by title.
    #[serde(default)]
    pub weight: i64,
    /// A draft is left out of the build unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// A template of the theme to use instead of the default for the page's kind.
    pub template: Option<String>,
    /// Free-form values passed to the templates as `page.extra`.
    #[serde(default)]
    pub extra: serde_yaml::Mapping,
}

/// A page split into its front matter and Markdown body.
#[derive(Debug)]
pub struct SplitPage<'a> {
    pub front_matter: &'a str,
    /// 1-based line of the first front matter line.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

const FENCE: &str = "---";

/// Splits `text` at its `---` fences. The opening fence must be the first line and the closing fence
/// a line of its own; trailing spaces after either fence are allowed.
pub fn split<'a>(file: &str, text: &'a str) -> Result<SplitPage<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if !is_fence(first) {
        return Err(missing_front_matter(file, text));
    }

    let start = first.len();
    let mut offset = start;
    // The first line that starts like a fence but has more on it, such as `--- x` or `----`.
    let mut near_fence: Option<(usize, &str)> = None;
    for (index, line) in lines.enumerate() {
        if near_fence.is_none() && line.starts_with(FENCE) && !is_fence(line) {
            near_fence = Some((index + 2, line.trim_end()));
        }
        if is_fence(line) {
            return Ok(SplitPage {
                front_matter: &text[start..offset],
                front_matter_line: 2,
                body: &text[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }

    if let Some((line_number, line)) = near_fence {
        let quoted: String = line.chars().take(40).collect();
        let message = format!("front matter is not closed: line {line_number} `{quoted}` has more than `---` on it");
        let help = "write the closing fence as a line containing only `---`, and put anything else on the lines after it";
        return Err(Diagnostic::error(Location::new(file, line_number, 1), message).with_help(help));
    }
    let message = "front matter is not closed: no line `---` after the opening fence on line 1";
    let help = "add a line containing only `---` after the last front matter line, before the page text";
    Err(Diagnostic::error(Location::new(file, 1, 1), message).with_help(help))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == FENCE
}

fn missing_front_matter(file: &str, text: &str) -> Diagnostic {
    let message = if text.trim().is_empty() {
        "the page is empty: every page starts with front matter".to_owned()
    } else {
        "missing front matter: the first line is not `---`".to_owned()
    };
    let help = "start the file with a front matter block, for example:\n\n  ---\n  title: Identify pupils\n  ---\n";
    Diagnostic::error(Location::new(file, 1, 1), message).with_help(help)
}

/// Splits and parses a page's front matter. The positions map lets later stages point at a value,
/// such as an unknown `template`.
pub fn parse<'a>(file: &str, text: &'a str) -> Result<(FrontMatter, ValuePositions, SplitPage<'a>), Diagnostic> {
    let page = split(file, text)?;
    let source = YamlSource { file, text: page.front_matter, first_line: page.front_matter_line };
    let front_matter: FrontMatter = yaml::parse(&source)?;
    let positions = ValuePositions::of(&source);

    if front_matter.title.trim().is_empty() {
        let message = "`title` is empty";
        let help = "give the page a title, for example `title: Gather views`";
        return Err(Diagnostic::error(positions.location(&["title"]), message).with_help(help));
    }
    Ok((front_matter, positions, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_body_line() {
        let page = split("a.md", "---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(page.front_matter, "title: A\n");
        assert_eq!(page.body, "# Body\n");
        assert_eq!(page.body_line, 4);
    }

    #[test]
    fn split_accepts_crlf_and_trailing_spaces() {
        let page = split("a.md", "--- \r\ntitle: A\r\n---\r\nText\r\n").unwrap();
        assert_eq!(page.front_matter, "title: A\r\n");
        assert_eq!(page.body, "Text\r\n");
    }

    #[test]
    fn split_keeps_later_rules_in_body() {
        let page = split("a.md", "---\ntitle: A\n---\nOne\n\n---\n\nTwo\n").unwrap();
        assert_eq!(page.body, "One\n\n---\n\nTwo\n");
    }

    #[test]
    fn split_rejects_missing_front_matter() {
        let error = split("content/a.md", "# Title\n").unwrap_err();
        assert_eq!(error.location, Location::new("content/a.md", 1, 1));
        assert!(error.message.contains("missing front matter"));
        assert!(error.help.unwrap_or_default().contains("---\n  title:"));
    }

    #[test]
    fn split_rejects_unclosed_front_matter() {
        let error = split("content/a.md", "---\ntitle: A\n# Body\n").unwrap_err();
        assert!(error.message.contains("not closed"), "{}", error.message);
    }

    #[test]
    fn split_rejects_fence_with_extra_characters() {
        let error = split("content/a.md", "---\ntitle: A\n--- x\nBody\n").unwrap_err();
        assert!(error.message.contains("not closed"), "{}", error.message);
        assert!(error.message.contains("line 3 `--- x` has more than `---`"), "{}", error.message);
        assert_eq!(error.location, Location::new("content/a.md", 3, 1));
    }

    #[test]
    fn split_points_at_first_near_fence() {
        let error = split("content/a.md", "---\r\ntitle: A\r\n\r\n----\r\n---x\r\n").unwrap_err();
        assert!(error.message.contains("line 4 `----`"), "{}", error.message);
        assert_eq!(error.location, Location::new("content/a.md", 4, 1));
    }

    #[test]
    fn split_rejects_empty_file() {
        let error = split("content/a.md", "").unwrap_err();
        assert!(error.message.contains("empty"));
    }

    #[test]
    fn parse_reports_error_line_in_file() {
        let error = parse("content/a.md", "---\ntitle: A\nweight: [1\n---\n").unwrap_err();
        assert_eq!(error.location.file, "content/a.md");
        assert!(error.location.line >= 3, "{:?}", error.location);
    }

    #[test]
    fn parse_rejects_empty_title() {
        let error = parse("content/a.md", "---\ntitle: \"\"\n---\n").unwrap_err();
        assert_eq!(error.location, Location::new("content/a.md", 2, 8));
    }

    #[test]
    fn parse_reads_every_key() {
        let text = "---\ntitle: A\ndescription: D\nweight: 3\ndraft: true\ntemplate: x.html\nextra:\n  k: v\n---\n";
        let (front_matter, ..) = parse("a.md", text).unwrap();
        assert_eq!(front_matter.weight, 3);
        assert!(front_matter.draft);
        assert_eq!(front_matter.template.as_deref(), Some("x.html"));
        assert_eq!(front_matter.extra.len(), 1);
    }
}
