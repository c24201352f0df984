//! All YAML handling of the build, kept in one module so the YAML crate can be swapped
//! (serde_yaml is no longer maintained upstream).
//!
//! Values are read with serde_yaml, which reports syntax and type errors with a position. Problems found
//! after deserialising (a duplicate id, an unknown dimension) need the position of a value too, so
//! [`ValuePositions`] records where every value starts, keyed by its path from the document root, using
//! yaml-rust2's event parser.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::{Diagnostic, Location, closest};
use depth::{MAX_FLOW_DEPTH, too_deep_bracket};

mod depth;

/// A YAML document inside a file: front matter starts a few lines into its Markdown file.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    pub file: &'a str,
    pub text: &'a str,
    /// 1-based line in the file of the first line of `text`.
    pub first_line: usize,
}

impl YamlSource<'_> {
    /// Converts a 1-based line of `text` to a location in the file.
    pub fn location(&self, line: usize, column: usize) -> Location {
        Location::new(self.file, line + self.first_line - 1, column)
    }
}

/// Deserialises `source` into `T`, turning an error into a diagnostic at the error's position, with a
/// suggestion for misspelt keys.
///
/// serde_yaml reads lazily, so it reports an unclosed `[` as a type error of the value before it. When
/// serde_yaml reports a data error, yaml-rust2's scanner is asked whether the syntax is broken, and its
/// message, which says what is missing, wins.
pub fn parse<T: DeserializeOwned>(source: &YamlSource) -> Result<T, Diagnostic> {
    let text = if source.text.trim().is_empty() { "{}" } else { source.text };
    if let Some(offset) = too_deep_bracket(text) {
        return Err(too_deep_diagnostic(source, offset));
    }
    let error = match serde_yaml::from_str(text) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };

    let message = error.to_string();
    let data_error = DATA_ERRORS.iter().any(|kind| message.contains(kind));
    if data_error && let Err(scan) = Parser::new_from_str(text).load(&mut Recorder::default(), false) {
        let marker = scan.marker();
        let location = source.location(marker.line(), marker.col() + 1);
        let help = "check for an unclosed bracket or quote just before this place";
        return Err(Diagnostic::error(location, format!("invalid YAML: {}", scan.info())).with_help(help));
    }
    Err(error_diagnostic(source, &error))
}

fn too_deep_diagnostic(source: &YamlSource, offset: usize) -> Diagnostic {
    let message = format!("invalid YAML: brackets nested more than {MAX_FLOW_DEPTH} levels deep");
    let help = "close each `[` with `]` and each `{` with `}`, or write deep lists as indented lines";
    Diagnostic::error(offset_location(source, offset), message).with_help(help)
}

/// Parts of serde's messages for well-formed YAML that does not fit the expected type.
const DATA_ERRORS: [&str; 6] =
    ["invalid type", "invalid value", "unknown field", "missing field", "unknown variant", "invalid length"];

fn error_diagnostic(source: &YamlSource, error: &serde_yaml::Error) -> Diagnostic {
    let (message, offset) = split_position(&error.to_string());
    // For reader errors serde_yaml 0.9 gives line 1, column 1 as the location, and the real place only
    // as the offset in the message.
    let location = match (offset, error.location()) {
        (Some(offset), _) => offset_location(source, offset),
        (None, Some(at)) => source.location(at.line(), at.column()),
        (None, None) => source.location(1, 1),
    };
    let message = name_expected_mapping(&message);

    let diagnostic = Diagnostic::error(location, format!("invalid YAML: {message}"));
    match help_for(&message) {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// serde_yaml appends " at line L column C" or, for errors of its reader, " at position N" (a byte
/// offset) to its messages. Returns the message without it, and the offset if there is one, because the
/// diagnostic shows the position already.
fn split_position(message: &str) -> (String, Option<usize>) {
    if let Some(index) = message.rfind(" at line ") {
        return (message[..index].to_owned(), None);
    }
    if let Some(index) = message.rfind(" at position ") {
        let offset = message[index + " at position ".len()..].parse().ok();
        if offset.is_some() {
            return (message[..index].to_owned(), offset);
        }
    }
    (message.to_owned(), None)
}

/// Converts a byte offset in the YAML text to a location in the file.
fn offset_location(source: &YamlSource, offset: usize) -> Location {
    let mut offset = offset.min(source.text.len());
    while !source.text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source.text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    source.location(line, column)
}

/// Replaces serde's "expected struct SiteConfig", which names a Rust type, with words for authors.
fn name_expected_mapping(message: &str) -> String {
    let Some(index) = message.find("expected struct ") else {
        return message.to_owned();
    };
    let rest = &message[index + "expected struct ".len()..];
    let name_length = rest.find(|c: char| !c.is_alphanumeric() && c != '_').unwrap_or(rest.len());
    format!("{}expected `key: value` lines{}", &message[..index], &rest[name_length..])
}

fn help_for(message: &str) -> Option<String> {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let field = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split("expected ").nth(1).map(backticked).unwrap_or_default();
        return Some(match closest(field, expected.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`? Allowed keys: {}", expected.join(", ")),
            None => format!("remove `{field}` or use one of the allowed keys: {}", expected.join(", ")),
        });
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let field = rest.split('`').next().unwrap_or_default();
        return Some(format!("add a line `{field}: …` with a value"));
    }
    if message.contains("found character that cannot start any token") || message.contains("tab") {
        return Some("YAML does not allow tab characters for indentation: indent with spaces".to_owned());
    }
    if message.contains("invalid type: sequence, expected `key: value` lines") {
        return Some("write `key: value` lines here, without `- ` in front of them".to_owned());
    }
    if message.contains("invalid type") {
        return Some("check the value's type; put text in quotes if it contains `:` or `#`".to_owned());
    }
    if message.contains("repetition limit exceeded") {
        return Some("aliases (`*name`) here repeat values too many times: write the values out, or nest fewer aliases".to_owned());
    }
    if message.contains("recursion limit exceeded") {
        return Some("the values are nested too deeply: use fewer levels of lists and indentation".to_owned());
    }
    if message.contains("control characters are not allowed") {
        return Some("remove the invisible control character here (such as a NUL byte); retyping the line removes it".to_owned());
    }
    if message.contains("mapping values are not allowed") {
        return Some("put the value in quotes if it contains `: `, for example `title: \"Step 1: Identify\"`".to_owned());
    }
    None
}

/// Returns the names between backticks in `text`, e.g. the allowed keys of an "unknown field" message.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Where each value of a YAML document starts, by path: `["items", "3", "dimension"]` for the
/// dimension of the fourth item. The root's path is empty.
#[derive(Debug, Clone, Default)]
pub struct ValuePositions {
    positions: HashMap<Vec<String>, (usize, usize)>,
    first_line: usize,
    file: String,
}

impl ValuePositions {
    /// Records the positions of `source`'s values. A document that does not parse gives an empty map:
    /// [`parse`] reports the syntax error itself.
    pub fn of(source: &YamlSource) -> Self {
        let mut recorder = Recorder::default();
        let too_deep = too_deep_bracket(source.text).is_some();
        if too_deep || Parser::new_from_str(source.text).load(&mut recorder, false).is_err() {
            recorder.positions.clear();
        }
        Self { positions: recorder.positions, first_line: source.first_line, file: source.file.to_owned() }
    }

    /// Returns the location of the value at `path`, or of its closest recorded ancestor, so a diagnostic
    /// points as near as possible to the problem.
    pub fn location<S: AsRef<str>>(&self, path: &[S]) -> Location {
        let mut path: Vec<String> = path.iter().map(|part| part.as_ref().to_owned()).collect();
        loop {
            if let Some(&(line, column)) = self.positions.get(&path) {
                return Location::new(&self.file, line + self.first_line - 1, column);
            }
            if path.pop().is_none() {
                return Location::new(&self.file, self.first_line, 1);
            }
        }
    }
}

/// One open collection while walking the events.
#[derive(Debug)]
enum Frame {
    /// A mapping, with the key just read (the next scalar or collection is its value). yaml-rust2 marks
    /// a block mapping inside a sequence after its first key, so the mapping takes its first key's
    /// position instead.
    Mapping { pending_key: Option<String>, seen_key: bool },
    Sequence { next_index: usize },
}

#[derive(Debug, Default)]
struct Recorder {
    stack: Vec<Frame>,
    path: Vec<String>,
    positions: HashMap<Vec<String>, (usize, usize)>,
}

impl Recorder {
    /// Handles the start of a value (scalar or collection) and returns whether it is a mapping key.
    fn begin_value(&mut self, mark: Marker, scalar: Option<&str>) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Mapping { pending_key, seen_key }) if pending_key.is_none() => {
                *pending_key = Some(scalar.unwrap_or("?").to_owned());
                if !*seen_key {
                    *seen_key = true;
                    self.positions.insert(self.path.clone(), (mark.line(), mark.col() + 1));
                }
                return true;
            }
            Some(Frame::Mapping { pending_key, .. }) => {
                let key = pending_key.take().unwrap_or_default();
                self.path.push(key);
            }
            Some(Frame::Sequence { next_index }) => {
                self.path.push(next_index.to_string());
                *next_index += 1;
            }
            None => {}
        }
        self.positions.insert(self.path.clone(), (mark.line(), mark.col() + 1));
        false
    }

    fn end_value(&mut self) {
        if !self.stack.is_empty() {
            self.path.pop();
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                if !self.begin_value(mark, Some(&value)) {
                    self.end_value();
                }
            }
            Event::Alias(_) => {
                if !self.begin_value(mark, None) {
                    self.end_value();
                }
            }
            Event::MappingStart(..) => {
                self.begin_value(mark, None);
                self.stack.push(Frame::Mapping { pending_key: None, seen_key: false });
            }
            Event::SequenceStart(..) => {
                self.begin_value(mark, None);
                self.stack.push(Frame::Sequence { next_index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.end_value();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        title: String,
        #[serde(default)]
        weight: i64,
    }

    fn source(text: &str) -> YamlSource<'_> {
        YamlSource { file: "content/a.md", text, first_line: 2 }
    }

    #[test]
    fn type_error_points_at_value_in_file() {
        let error = parse::<Page>(&source("title: Hello\nweight: heavy\n")).unwrap_err();
        assert_eq!(error.location, Location::new("content/a.md", 3, 9));
        assert!(error.message.contains("weight: invalid type"), "{}", error.message);
        assert!(!error.message.contains("at line"), "{}", error.message);
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let error = parse::<Page>(&source("titel: Hello\n")).unwrap_err();
        assert_eq!(error.location.line, 2);
        let help = error.help.unwrap_or_default();
        assert!(help.starts_with("did you mean `title`?"), "{help}");
    }

    #[test]
    fn missing_key_says_what_to_add() {
        let error = parse::<Page>(&source("weight: 3\n")).unwrap_err();
        assert_eq!(error.help.as_deref(), Some("add a line `title: …` with a value"));
    }

    #[test]
    fn tab_indentation_is_explained() {
        let error = parse::<Page>(&source("title: a\n\tweight: 1\n")).unwrap_err();
        assert_eq!(error.location.line, 3);
        assert!(error.help.unwrap_or_default().contains("tab"));
    }

    #[test]
    fn positions_follow_paths() {
        let text = "title: Guide\nitems:\n  - id: a\n    dimension: F1\n  - id: b\n    dimension: F9\n";
        let positions = ValuePositions::of(&source(text));
        assert_eq!(positions.location(&["title"]), Location::new("content/a.md", 2, 8));
        assert_eq!(positions.location(&["items", "1", "dimension"]), Location::new("content/a.md", 7, 16));
        assert_eq!(positions.location(&["items", "1", "missing"]), Location::new("content/a.md", 6, 5));
    }

    #[test]
    fn positions_of_flow_collections() {
        let positions = ValuePositions::of(&source("tags: [a, b]\nmap: {x: 1}\n"));
        assert_eq!(positions.location(&["tags", "1"]), Location::new("content/a.md", 2, 11));
        assert_eq!(positions.location(&["map", "x"]), Location::new("content/a.md", 3, 10));
    }

    #[test]
    fn deep_brackets_rejected_before_parsing() {
        let text = format!("title: A\nextra:\n  x: {}\n", "[".repeat(100_000));
        let error = parse::<serde_yaml::Value>(&source(&text)).unwrap_err();
        assert_eq!(error.location, Location::new("content/a.md", 4, 6 + MAX_FLOW_DEPTH));
        assert!(error.message.contains("nested more than 128 levels"), "{}", error.message);
        assert_eq!(ValuePositions::of(&source(&text)).location(&["title"]), Location::new("content/a.md", 2, 1));
    }

    #[test]
    fn control_character_located_and_explained() {
        let error = parse::<Page>(&source("title: A\nweight: 1\u{1}\n")).unwrap_err();
        assert_eq!(error.location, Location::new("content/a.md", 3, 10));
        assert!(error.message.ends_with("control characters are not allowed"), "{}", error.message);
        assert!(error.help.unwrap_or_default().contains("control character"));
    }

    #[test]
    fn list_instead_of_mapping_explained() {
        let error = parse::<Page>(&source("- title: A\n- weight: 2\n")).unwrap_err();
        assert_eq!(error.location, Location::new("content/a.md", 2, 1));
        assert_eq!(error.message, "invalid YAML: invalid type: sequence, expected `key: value` lines");
        assert!(error.help.unwrap_or_default().contains("without `- `"));
    }

    #[test]
    fn alias_bomb_stopped_with_help() {
        let mut text = "a: &a [x, x, x, x, x, x, x, x, x]\n".to_owned();
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
            text.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(", ")));
        }
        let error = parse::<serde_yaml::Value>(&source(&text)).unwrap_err();
        assert!(error.message.contains("repetition limit exceeded"), "{}", error.message);
        assert!(error.help.unwrap_or_default().contains("aliases"));
    }

    #[test]
    fn positions_of_broken_yaml_fall_back_to_start() {
        let positions = ValuePositions::of(&source("a: [\n"));
        assert_eq!(positions.location(&["a"]), Location::new("content/a.md", 2, 1));
    }
}
