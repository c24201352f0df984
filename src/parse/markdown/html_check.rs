//! Checks of the raw HTML that authors write in Markdown, against the rules in `html_rules`.
//!
//! The HTML is read with a WHATWG tokenizer (html5gum), which decodes character references such as
//! `java&#x09;script:` the way browsers do. The tokenizer always reads in its data state, so each piece
//! of raw HTML must end outside any tag or comment, text-only elements must hold only text, and CDATA
//! sections are rejected. Then the markup that pulldown-cmark generates between pieces cannot change
//! how browsers read the next piece, and the tokenizer reads the same tokens as browsers.

use std::collections::HashSet;
use std::ops::Range;

use html5gum::{DefaultEmitter, Error, Spanned, StartTag, Token, Tokenizer};
use pulldown_cmark::Event;

use super::html_rules::{Problem, TEXT_ONLY_ELEMENTS, attribute_problem, element_problem, quote};
use super::positions::LineIndex;
use crate::diagnostics::Diagnostic;

/// Length of the quotation of markup found inside a text-only element, in bytes.
const MARKUP_QUOTE_BYTES: usize = 80;

/// The findings of checking all raw HTML of one Markdown body.
#[derive(Default)]
pub(super) struct RawHtmlReport {
    pub diagnostics: Vec<Diagnostic>,
    /// `id` attribute values of the accepted HTML, with the byte offset of the attribute in the body.
    pub ids: Vec<(String, usize)>,
    /// Indices of the events whose HTML has errors, so it can be written as text instead.
    pub rejected_events: HashSet<usize>,
}

/// Raw HTML put back together from parser events: one inline HTML event, or the lines of an HTML block.
#[derive(Default)]
struct Fragment {
    html: String,
    /// (offset in `html`, offset in the Markdown body) at the start of each line.
    pieces: Vec<(usize, usize)>,
    /// Index of each event in the parser's event list.
    events: Vec<usize>,
}

/// A text-only element that inline HTML left open; Markdown text may follow up to its end tag.
struct OpenElement {
    name: String,
    body_offset: usize,
    event: usize,
}

/// Checks every raw HTML event of a Markdown body. Lines of one HTML block are checked together.
pub(super) fn check_events(events: &[(Event<'_>, Range<usize>)], body: &str, index: &LineIndex<'_>) -> RawHtmlReport {
    let mut checker = Checker { index, report: RawHtmlReport::default() };
    let mut block = Fragment::default();
    let mut open_inline: Option<OpenElement> = None;

    for (event_index, (event, range)) in events.iter().enumerate() {
        if let Some(open) = open_inline.take() {
            match event {
                // pulldown-cmark escapes text, so it stays text in HTML and in SVG.
                Event::Text(_) | Event::SoftBreak => {
                    open_inline = Some(open);
                    continue;
                }
                Event::InlineHtml(html) if is_end_tag_of(html, &open.name) => continue,
                Event::End(_) => checker.report_unclosed_inline(&open),
                _ => checker.report_markup_in_inline(&open, range.start),
            }
        }

        match event {
            Event::Html(html) => block.push_event(html, body, range, event_index),
            Event::InlineHtml(html) => {
                checker.check_block(&std::mem::take(&mut block));
                let mut inline = Fragment::default();
                inline.push_event(html, body, range, event_index);
                open_inline = checker.check_inline(&inline, event_index);
            }
            _ => checker.check_block(&std::mem::take(&mut block)),
        }
    }
    checker.check_block(&block);
    if let Some(open) = open_inline {
        checker.report_unclosed_inline(&open);
    }

    checker.report
}

/// Tells whether inline HTML is just the end tag of element `name`.
fn is_end_tag_of(html: &str, name: &str) -> bool {
    let mut tokens = Tokenizer::new(html).filter(|token| !matches!(token, Ok(Token::Error(_))));
    let is_end_tag = matches!(tokens.next(), Some(Ok(Token::EndTag(end))) if end.name.as_slice() == name.as_bytes());
    is_end_tag && tokens.next().is_none()
}

impl Fragment {
    /// Appends the HTML of one event. Its text can lack the container markers (such as `> `) that the
    /// source has at the start of each line, so each line is looked up in the event's source range.
    fn push_event(&mut self, piece: &str, body: &str, range: &Range<usize>, event: usize) {
        self.events.push(event);
        let source = body.get(range.clone()).unwrap_or_default();
        let mut searched = 0;
        for line in piece.split_inclusive('\n') {
            let content = line.trim_end_matches('\n');
            let found = source.get(searched..).and_then(|rest| rest.find(content)).map(|at| searched + at);
            let line_start = found.unwrap_or(searched);
            self.pieces.push((self.html.len(), range.start + line_start));
            self.html.push_str(line);
            searched = (line_start + line.len()).min(source.len());
        }
    }

    fn body_offset(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|&(start, _)| start <= offset).saturating_sub(1);
        match self.pieces.get(index) {
            Some(&(start, body_start)) => body_start + offset.saturating_sub(start),
            None => 0,
        }
    }

    /// Returns the source text of `span`, cut to a readable length.
    fn quote(&self, span: Range<usize>) -> String {
        let text = self.html.get(span.clone()).or_else(|| self.html.get(span.start..)).unwrap_or_default();
        quote(text.trim_end())
    }

    /// Returns an attribute as written. The tokenizer's span of an unquoted value takes in the character
    /// after it, which can only be whitespace, `>` or the end.
    fn quote_attribute(&self, span: Range<usize>) -> String {
        let text = self.html.get(span.clone()).or_else(|| self.html.get(span.start..)).unwrap_or_default();
        let quoted = text.ends_with(['"', '\'']);
        quote(if quoted { text } else { text.trim_end_matches(|c: char| c == '>' || c.is_whitespace()) })
    }
}

struct Checker<'i, 'a> {
    index: &'i LineIndex<'a>,
    report: RawHtmlReport,
}

impl Checker<'_, '_> {
    fn check_block(&mut self, fragment: &Fragment) {
        if let Some((name, start)) = self.check_fragment(fragment) {
            let message = format!("`<{name}>` is not closed in this HTML block");
            let help = "close it with `</…>` before a blank line or the end of the HTML block";
            self.push_error(fragment, start, message, help);
            self.reject(fragment);
        }
    }

    /// Checks one inline HTML event; returns the text-only element it leaves open, if any.
    fn check_inline(&mut self, fragment: &Fragment, event: usize) -> Option<OpenElement> {
        let (name, start) = self.check_fragment(fragment)?;
        Some(OpenElement { name, body_offset: fragment.body_offset(start), event })
    }

    /// Checks a fragment, rejecting it on any error. Returns the text-only element that is still open at
    /// its end, with the offset of its start tag, when the fragment is otherwise accepted.
    fn check_fragment(&mut self, fragment: &Fragment) -> Option<(String, usize)> {
        if fragment.html.is_empty() {
            return None;
        }
        let errors_before = self.report.diagnostics.len();
        let ids_before = self.report.ids.len();

        let open = self.read_tokens(fragment);

        if self.report.diagnostics.len() > errors_before {
            self.report.ids.truncate(ids_before);
            self.reject(fragment);
            return None;
        }
        open
    }

    fn reject(&mut self, fragment: &Fragment) {
        self.report.rejected_events.extend(&fragment.events);
    }

    fn read_tokens(&mut self, fragment: &Fragment) -> Option<(String, usize)> {
        let mut text_only: Option<(String, usize)> = None;
        let emitter = DefaultEmitter::<usize>::new_with_span();
        for token in Tokenizer::new_with_emitter(fragment.html.as_str(), emitter) {
            let Ok(token) = token;
            match token {
                Token::String(_) => {}
                Token::Error(error) => self.check_error(&error, fragment),
                Token::EndTag(end) => match &text_only {
                    Some((open, _)) if open.as_bytes() == end.name.as_slice() => text_only = None,
                    Some(_) => self.report_markup_in_text(&mut text_only, end.span.start, fragment),
                    None => {}
                },
                Token::Comment(Spanned { span, .. }) => {
                    self.report_markup_in_text(&mut text_only, span.start, fragment)
                }
                Token::Doctype(doctype) => self.report_markup_in_text(&mut text_only, doctype.span.start, fragment),
                Token::StartTag(tag) => {
                    self.report_markup_in_text(&mut text_only, tag.span.start, fragment);
                    self.check_start_tag(&tag, fragment);
                    let name = String::from_utf8_lossy(&tag.name).into_owned();
                    if TEXT_ONLY_ELEMENTS.contains(&name.as_str()) {
                        text_only = Some((name, tag.span.start));
                    }
                }
            }
        }
        text_only
    }

    fn check_start_tag(&mut self, tag: &StartTag<usize>, fragment: &Fragment) {
        let name = String::from_utf8_lossy(&tag.name);
        if let Some(problem) = element_problem(&name, &fragment.quote(tag.span.start..tag.span.end)) {
            self.push_problem(fragment, tag.span.start, problem);
        }

        for (attribute, value) in &tag.attributes {
            let attribute = String::from_utf8_lossy(attribute);
            let value_text = String::from_utf8_lossy(value);
            let quoted = fragment.quote_attribute(value.span.start..value.span.end);
            if let Some(problem) = attribute_problem(&name, &attribute, &value_text, &quoted) {
                self.push_problem(fragment, value.span.start, problem);
            }
            if attribute == "id" {
                self.report.ids.push((value_text.into_owned(), fragment.body_offset(value.span.start)));
            }
        }
    }

    fn check_error(&mut self, error: &Spanned<Error, usize>, fragment: &Fragment) {
        let html = fragment.html.as_str();
        let (start, message, help) = match error.value {
            Error::CdataInHtmlContent => (
                html.get(..error.span.start).and_then(|before| before.rfind("<![")).unwrap_or(error.span.start),
                "CDATA section in raw HTML".to_owned(),
                "write the text directly, with `<` written as `&lt;`",
            ),
            Error::EofInComment => (
                html.rfind("<!--").unwrap_or(0),
                "HTML comment is not closed with `-->`".to_owned(),
                "close the comment with `-->` before a blank line or the end of the HTML block",
            ),
            Error::EofInTag | Error::EofBeforeTagName | Error::EofInDoctype | Error::EofInCdata => {
                let start = html.rfind('<').unwrap_or(0);
                let message = format!("HTML tag is not closed: `{}`", fragment.quote(start..html.len()));
                (start, message, "end the tag with `>` before a blank line or the end of the HTML block")
            }
            _ => return,
        };
        self.push_error(fragment, start, message, help);
    }

    /// Reports markup inside an open text-only element and closes it.
    fn report_markup_in_text(&mut self, text_only: &mut Option<(String, usize)>, offset: usize, fragment: &Fragment) {
        let Some((name, _)) = text_only.take() else {
            return;
        };
        let message = format!("markup inside `<{name}>`: `{}`", fragment.quote(offset..offset + MARKUP_QUOTE_BYTES));
        self.push_error(fragment, offset, message, TEXT_ONLY_HELP);
    }

    fn report_markup_in_inline(&mut self, open: &OpenElement, body_offset: usize) {
        let message = format!("Markdown formatting or HTML inside `<{}>`", open.name);
        self.push_inline_error(open, body_offset, message, TEXT_ONLY_HELP);
    }

    fn report_unclosed_inline(&mut self, open: &OpenElement) {
        let message = format!("`<{}>` is not closed in this paragraph", open.name);
        self.push_inline_error(open, open.body_offset, message, "close it with `</…>` in the same paragraph");
    }

    /// Reports an error about an open inline element and writes its start tag as text.
    fn push_inline_error(&mut self, open: &OpenElement, body_offset: usize, message: String, help: &str) {
        let location = self.index.location(body_offset);
        self.report.diagnostics.push(Diagnostic::error(location, message).with_help(help));
        self.report.rejected_events.insert(open.event);
    }

    fn push_problem(&mut self, fragment: &Fragment, offset: usize, problem: Problem) {
        self.push_error(fragment, offset, problem.message, problem.help);
    }

    fn push_error(&mut self, fragment: &Fragment, offset: usize, message: String, help: &str) {
        let location = self.index.location(fragment.body_offset(offset));
        self.report.diagnostics.push(Diagnostic::error(location, message).with_help(help));
    }
}

const TEXT_ONLY_HELP: &str = "keep only plain text inside this element, because browsers read its content as text in HTML but as markup in SVG, and this check cannot tell which";
