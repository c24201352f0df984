//! Shortcodes: `{{ name(key="value", n=3, flag=true) }}` in Markdown text, inline or on a line of its
//! own, and `{{ name(...) }}…{{ end }}` around Markdown for shortcodes that take a body.
//!
//! Shortcodes are found before the Markdown is rendered. Text in code spans, fenced and indented code and
//! raw HTML is left alone, and `\{{` writes a literal `{{`. Each shortcode is replaced by a placeholder of
//! private-use characters that Markdown passes through as text; after rendering, [`substitute`] puts the
//! shortcode's HTML in its place. A placeholder alone in a paragraph replaces the whole paragraph, so a
//! block shortcode does not end up inside `<p>`. Placeholders keep the line count of what they replace,
//! so positions on later lines stay right.
//!
//! NOTE: columns after a shortcode on the same line shift by the difference in length between the
//! shortcode and its placeholder.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Location};
use crate::parse::markdown::MarkdownSource;

/// An argument value: text in double quotes, a whole number or `true`/`false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Argument {
    Text(String),
    Integer(i64),
    Boolean(bool),
}

impl Argument {
    /// The value as text, as a template shows it.
    pub fn to_text(&self) -> String {
        match self {
            Argument::Text(text) => text.clone(),
            Argument::Integer(number) => number.to_string(),
            Argument::Boolean(flag) => flag.to_string(),
        }
    }
}

/// One shortcode found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub name: String,
    pub arguments: BTreeMap<String, Argument>,
    /// The Markdown between the opening shortcode and its `{{ end }}`, for shortcodes with a body.
    pub body: Option<Body>,
    pub location: Location,
    /// Whether the shortcode stands on a line of its own.
    pub block: bool,
}

/// The Markdown body of a shortcode and the file line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub text: String,
    pub first_line: usize,
}

/// The text with placeholders, the shortcodes in placeholder order, and syntax errors.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub calls: Vec<Call>,
    pub diagnostics: Vec<Diagnostic>,
}

const MARK: char = '\u{F8FF}';

/// Returns the placeholder of the shortcode at `index`.
pub fn placeholder(index: usize) -> String {
    format!("{MARK}sc{index}{MARK}")
}

/// Finds the shortcodes in `source`. `takes_body` says which names wrap Markdown up to `{{ end }}`.
pub fn extract(source: &MarkdownSource<'_>, takes_body: &dyn Fn(&str) -> bool) -> Extracted {
    let text = source.text.replace("\r\n", "\n");
    let literal = literal_ranges(&text);
    let mut extracted = Extracted::default();
    let mut output = String::with_capacity(text.len());
    let mut cursor = 0;
    // The shortcode whose body is being read: its index in `calls`, where the body starts, and how many
    // shortcodes with a body are open inside it. A body is kept as written and extracted on its own later.
    let mut open: Option<(usize, usize, usize)> = None;

    let mut search_from = 0;
    while let Some(found) = text[search_from..].find("{{") {
        let start = search_from + found;
        search_from = start + 2;
        if in_ranges(&literal, start) || text[..start].ends_with('\\') {
            continue;
        }
        let location = location_of(source, &text, start);
        let Some(length) = text[start..].find("}}") else {
            let help = "close the shortcode with `}}`, or write `\\{{` for literal braces";
            extracted.diagnostics.push(Diagnostic::error(location, "shortcode is not closed: no `}}` after `{{`").with_help(help));
            break;
        };
        let end = start + length + 2;
        let inner = text[start + 2..end - 2].trim();
        search_from = end;

        if let Some((index, body_start, depth)) = open.as_mut() {
            if inner == "end" && *depth == 0 {
                let first_line = location_of(source, &text, *body_start).line;
                let body = Body { text: text[*body_start..start].to_owned(), first_line };
                output.push_str(&"\n".repeat(text[*body_start..end].matches('\n').count()));
                extracted.calls[*index].body = Some(body);
                cursor = end;
                open = None;
            } else if inner == "end" {
                *depth -= 1;
            } else if parse_call(inner).is_ok_and(|(name, _)| takes_body(&name)) {
                *depth += 1;
            }
            continue;
        }

        if inner == "end" {
            let help = "remove it, or open a shortcode that takes a body, such as `{{ callout(kind=\"note\") }}`";
            extracted.diagnostics.push(Diagnostic::error(location, "`{{ end }}` without an open shortcode").with_help(help));
            continue;
        }

        let block = stands_alone(&text, start, end);
        match parse_call(inner) {
            Ok((name, arguments)) => {
                let index = extracted.calls.len();
                if takes_body(&name) {
                    open = Some((index, end, 0));
                }
                extracted.calls.push(Call { name, arguments, body: None, location, block });
                output.push_str(&text[cursor..start]);
                output.push_str(&placeholder(index));
                cursor = end;
            }
            Err(message) => {
                let help = "write a shortcode as `{{ name(key=\"value\", n=3) }}`, or `\\{{` for literal braces";
                extracted.diagnostics.push(Diagnostic::error(location, message).with_help(help));
            }
        }
    }

    if let Some((index, ..)) = open {
        let call = &extracted.calls[index];
        let message = format!("shortcode `{}` is not closed: no `{{{{ end }}}}` after it", call.name);
        let help = "add `{{ end }}` on a line of its own after the text the shortcode wraps";
        extracted.diagnostics.push(Diagnostic::error(call.location.clone(), message).with_help(help));
        cursor = text.len();
    }

    output.push_str(&text[cursor..]);
    extracted.text = output;
    extracted
}

/// Replaces each placeholder in `html` with its rendered HTML; a placeholder that fills a paragraph
/// replaces the paragraph.
pub fn substitute(html: &str, rendered: &[String]) -> String {
    let mut output = html.to_owned();
    for (index, replacement) in rendered.iter().enumerate() {
        let mark = placeholder(index);
        let paragraph = format!("<p>{mark}</p>");
        output = if output.contains(&paragraph) {
            output.replacen(&paragraph, replacement, 1)
        } else {
            output.replacen(&mark, replacement, 1)
        };
    }
    output
}

/// Removes placeholders from text, for plain-text uses such as the search index.
pub fn strip_placeholders(text: &str) -> String {
    let mut output = String::with_capacity(text.len());
    let mut inside = false;
    for character in text.chars() {
        if character == MARK {
            inside = !inside;
        } else if !inside {
            output.push(character);
        }
    }
    output
}

/// Byte ranges of code and raw HTML, where `{{` is literal.
fn literal_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut code_start = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = code_start.take() {
                    ranges.push(start..range.end);
                }
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    ranges.iter().any(|range| range.contains(&offset))
}

/// Whether only whitespace surrounds `start..end` on its line.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty()
}

fn location_of(source: &MarkdownSource<'_>, text: &str, offset: usize) -> Location {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    Location::new(source.file, source.first_line + line, column)
}

/// Parses `name(key="value", n=3, flag=true)`.
fn parse_call(inner: &str) -> Result<(String, BTreeMap<String, Argument>), String> {
    let Some(open) = inner.find('(') else {
        return Err(format!("invalid shortcode `{{{{ {inner} }}}}`: expected a name followed by `(…)`"));
    };
    let name = inner[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(format!("invalid shortcode name `{name}`: use letters, digits, `-` and `_`"));
    }
    let Some(arguments) = inner[open + 1..].strip_suffix(')') else {
        return Err(format!("invalid shortcode `{{{{ {inner} }}}}`: the argument list is not closed with `)`"));
    };
    Ok((name.to_owned(), parse_arguments(arguments)?))
}

fn parse_arguments(text: &str) -> Result<BTreeMap<String, Argument>, String> {
    let mut arguments = BTreeMap::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(equals) = rest.find('=') else {
            return Err(format!("invalid argument `{rest}`: expected `key=value`"));
        };
        let key = rest[..equals].trim().to_owned();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("invalid argument name `{key}`"));
        }
        let (value, remainder) = parse_value(rest[equals + 1..].trim_start())
            .map_err(|message| format!("invalid value for `{key}`: {message}"))?;
        if arguments.insert(key.clone(), value).is_some() {
            return Err(format!("argument `{key}` is given twice"));
        }
        rest = remainder.trim_start();
        if let Some(after_comma) = rest.strip_prefix(',') {
            rest = after_comma.trim_start();
        } else if !rest.is_empty() {
            return Err(format!("expected `,` between arguments, found `{rest}`"));
        }
    }
    Ok(arguments)
}

fn parse_value(text: &str) -> Result<(Argument, &str), String> {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut characters = quoted.char_indices();
        while let Some((index, character)) = characters.next() {
            match character {
                '"' => return Ok((Argument::Text(value), &quoted[index + 1..])),
                '\\' => match characters.next() {
                    Some((_, escaped)) => value.push(escaped),
                    None => break,
                },
                other => value.push(other),
            }
        }
        return Err("the text is not closed with `\"`".to_owned());
    }
    let end = text.find(',').unwrap_or(text.len());
    let word = text[..end].trim();
    let value = match word {
        "true" => Argument::Boolean(true),
        "false" => Argument::Boolean(false),
        _ => word.parse().map(Argument::Integer).map_err(|_| {
            format!("`{word}` is not a whole number, `true`, `false` or text in double quotes")
        })?,
    };
    Ok((value, &text[end..]))
}

#[cfg(test)]
mod tests;
