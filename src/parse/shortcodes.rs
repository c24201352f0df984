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
use crate::parse::markdown::positions::LineIndex;

/// An argument value: text in double quotes, a whole number or `true`/`false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Argument {
    Text(String),
    Integer(i64),
    Boolean(bool),
}

impl Argument {
    /// Returns the value as text, as a template shows it.
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
    /// Whether the shortcode is alone on its line.
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

/// Finds the shortcodes in `source`. `takes_body` returns whether a name wraps Markdown up to `{{ end }}`.
pub fn extract(source: &MarkdownSource<'_>, takes_body: &dyn Fn(&str) -> bool) -> Extracted {
    let text = source.text.replace("\r\n", "\n");
    let literal = literal_ranges(&text);
    let lines = LineIndex::new(source.file, &text, source.first_line);
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
        let location = lines.location(start);
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
                let first_line = lines.location(*body_start).line;
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

        let block = stands_alone(&text, &lines, start, end);
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
/// replaces the paragraph. Only the first copy of each placeholder is replaced.
pub fn substitute(html: &str, rendered: &[String]) -> String {
    let mut output = String::with_capacity(html.len());
    let mut used = vec![false; rendered.len()];
    let mut rest = html;
    while let Some(found) = rest.find(MARK) {
        output.push_str(&rest[..found]);
        let from_mark = &rest[found..];
        let placeholder = parse_placeholder(from_mark).filter(|&(index, _)| used.get(index) == Some(&false));
        let Some((index, length)) = placeholder else {
            output.push(MARK);
            rest = &from_mark[MARK.len_utf8()..];
            continue;
        };

        used[index] = true;
        rest = &from_mark[length..];
        if output.ends_with("<p>") && rest.starts_with("</p>") {
            output.truncate(output.len() - "<p>".len());
            rest = &rest["</p>".len()..];
        }
        output.push_str(&rendered[index]);
    }
    output.push_str(rest);
    output
}

/// Removes placeholders from text, for plain-text uses such as the search index. Other private-use
/// characters, such as the Apple logo that Mac keyboards type, stay.
pub fn strip_placeholders(text: &str) -> String {
    let mut output = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(MARK) {
        output.push_str(&rest[..found]);
        let from_mark = &rest[found..];
        rest = match parse_placeholder(from_mark) {
            Some((_, length)) => &from_mark[length..],
            None => {
                output.push(MARK);
                &from_mark[MARK.len_utf8()..]
            }
        };
    }
    output.push_str(rest);
    output
}

/// Tells whether `text` contains a shortcode's placeholder.
pub fn contains_placeholder(text: &str) -> bool {
    text.match_indices(MARK).any(|(index, _)| parse_placeholder(&text[index..]).is_some())
}

/// Reads a placeholder at the start of `text`; returns its index and its length in bytes.
fn parse_placeholder(text: &str) -> Option<(usize, usize)> {
    let inner = text.strip_prefix(MARK)?.strip_prefix("sc")?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    inner[digits..].strip_prefix(MARK)?;
    let index = inner[..digits].parse().ok()?;
    Some((index, 2 * MARK.len_utf8() + "sc".len() + digits))
}

/// Byte ranges of code and raw HTML, where `{{` is literal, sorted and without overlaps.
fn literal_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
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

    ranges.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Whether `offset` is in one of `ranges`, which are sorted and do not overlap.
fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let after = ranges.partition_point(|range| range.start <= offset);
    after > 0 && ranges[after - 1].contains(&offset)
}

/// Whether only whitespace surrounds `start..end` on its line.
fn stands_alone(text: &str, lines: &LineIndex<'_>, start: usize, end: usize) -> bool {
    let line = lines.line_range(start);
    let line_end = lines.line_range(end).end.max(end);
    text[line.start..start].trim().is_empty() && text[end..line_end].trim().is_empty()
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
