//! The Markdown stage: renders a page body to HTML with pulldown-cmark.
//!
//! On top of CommonMark it enables tables, footnotes, strikethrough, task lists and heading attributes
//! (`{#id .class}`). It gives every heading a unique id, rewrites links between source files to built
//! URLs, checks raw HTML against the site's Content Security Policy, and reports problems with the
//! line and column in the source file.
//!
//! [`author_warnings`] reports likely mistakes that do not stop the build: a skipped heading level, a
//! level-1 heading in the body and an image without alt text.

mod events;
mod html_check;
mod html_rules;
mod ids;
mod links;
pub(crate) mod positions;
mod warnings;
#[cfg(test)]
mod tests;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::diagnostics::{Diagnostic, Location};
use events::Transformer;
use links::LinkContext;
use positions::LineIndex;

pub use ids::{IdSet, slugify_heading};
pub use warnings::author_warnings;

/// The Markdown body of one source file.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownSource<'a> {
    /// Path for diagnostics, such as `content/step-1/data.md`.
    pub file: &'a str,
    /// The body after the front matter; it may have CRLF line endings.
    pub text: &'a str,
    /// 1-based line number in the file of the body's first line.
    pub first_line: usize,
}

/// Maps a link's path (percent-decoded, without fragment or query) to a built URL.
pub trait LinkResolver {
    /// Returns the URL for `path`, which is relative to the folder of the linking file or starts with `/`
    /// for the content folder, or `None` when no page or file exists there.
    fn resolve(&self, path: &str) -> Option<String>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text of the heading, whitespace collapsed.
    pub text: String,
}

/// A link or image to check once every page's ids are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Built URL without fragment; empty for the same page.
    pub url: String,
    /// Percent-decoded fragment.
    pub fragment: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    /// All headings in document order, for a table of contents.
    pub headings: Vec<Heading>,
    /// Every id in the HTML, once each: heading ids, footnote ids and raw HTML `id=` values.
    pub ids: Vec<String>,
    /// Internal links and images that have a fragment or point to a page.
    pub links: Vec<InternalLink>,
    /// Text content without markup, whitespace collapsed.
    pub plain_text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders a Markdown body with a fresh set of ids.
pub fn render(source: &MarkdownSource<'_>, resolver: &dyn LinkResolver) -> RenderedMarkdown {
    render_with_ids(source, resolver, &mut IdSet::new())
}

/// Renders a Markdown body, avoiding the ids already in `ids` (such as those of the page template) and
/// adding the ids it uses.
pub fn render_with_ids(source: &MarkdownSource<'_>, resolver: &dyn LinkResolver, ids: &mut IdSet) -> RenderedMarkdown {
    // CRLF becomes LF so that both render alike; the line numbers stay the same.
    // pulldown-cmark 0.13 writes NUL bytes into the HTML, so NUL becomes U+FFFD here as CommonMark
    // requires. Both are one character, so columns stay the same too.
    let text = source.text.replace("\r\n", "\n").replace('\0', "\u{FFFD}");
    let index = LineIndex::new(source.file, &text, source.first_line);
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(&text, options()).into_offset_iter().collect();

    let raw_html = html_check::check_events(&events, &text, &index);
    let mut diagnostics = raw_html.diagnostics;
    let mut page_ids = reserve_explicit_ids(&events, raw_html.ids, ids, &index, &mut diagnostics);

    let context = LinkContext { file: source.file, resolver };
    let (output, findings) = Transformer::new(&index, context, ids, raw_html.rejected_events).run(events);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, output.into_iter());

    diagnostics.extend(findings.diagnostics);
    diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
    page_ids.extend(findings.generated_ids);

    RenderedMarkdown {
        html,
        headings: findings.headings,
        ids: page_ids,
        links: findings.links,
        plain_text: findings.plain_text,
        diagnostics,
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Reserves the ids that authors chose (`{#id}` on headings, `id=` in raw HTML) before any id is
/// generated, so generated ids step around them. Returns them once each, in document order, and reports a
/// repeat as an error.
fn reserve_explicit_ids(
    events: &[(Event<'_>, Range<usize>)],
    raw_html_ids: Vec<(String, usize)>,
    ids: &mut IdSet,
    index: &LineIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let heading_ids = events.iter().filter_map(|(event, range)| match event {
        Event::Start(Tag::Heading { id: Some(id), .. }) if !id.is_empty() => Some((id.to_string(), range.start)),
        _ => None,
    });
    let mut explicit: Vec<(String, usize)> = heading_ids.chain(raw_html_ids).collect();
    explicit.sort_by_key(|(_, offset)| *offset);

    let mut reserved = Vec::new();
    for (id, offset) in explicit {
        if ids.reserve(&id) {
            reserved.push(id);
            continue;
        }
        let message = format!("duplicate id `{id}`: another element on this page already has it");
        let help = "give each element its own id. A heading takes its id from its text unless `{#other-id}` follows it";
        diagnostics.push(Diagnostic::error(index.location(offset), message).with_help(help));
    }
    reserved
}
