//! The pass over parser events that adds heading ids, rewrites links, and replaces the table cells and
//! footnotes of pulldown-cmark's HTML writer with markup that the Content Security Policy allows and
//! whose ids cannot clash with headings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use unicase::UniCase;

use super::html_rules::attribute_problem;
use super::ids::{IdSet, slugify_heading};
use super::links::{self, LinkContext, LinkKind};
use super::positions::LineIndex;
use super::{Heading, InternalLink};
use crate::diagnostics::Diagnostic;
use crate::parse::shortcodes::{contains_placeholder, strip_placeholders};

/// Heading attributes as pulldown-cmark gives them: `key=value` pairs from `{…}` after the text.
type HeadingAttributes<'a> = Vec<(CowStr<'a>, Option<CowStr<'a>>)>;

/// The results of the pass besides the events for the HTML writer.
#[derive(Default)]
pub(super) struct Findings {
    pub headings: Vec<Heading>,
    /// Ids the pass generated (headings without `{#id}`, footnotes).
    pub generated_ids: Vec<String>,
    pub links: Vec<InternalLink>,
    pub diagnostics: Vec<Diagnostic>,
    pub plain_text: String,
}

/// A heading whose events are held back until its text, and so its id, is known.
struct PendingHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attributes: HeadingAttributes<'a>,
    events: Vec<Event<'a>>,
    text: String,
}

#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

struct Footnote {
    id: String,
    number: usize,
}

pub(super) struct Transformer<'a, 'r> {
    index: &'r LineIndex<'r>,
    links: LinkContext<'r>,
    ids: &'r mut IdSet,
    /// Indices of raw HTML events that failed the checks, which are written as text.
    rejected_html: HashSet<usize>,
    defined_footnotes: HashSet<UniCase<String>>,
    written_definitions: HashSet<UniCase<String>>,
    footnotes: HashMap<UniCase<String>, Footnote>,
    heading: Option<PendingHeading<'a>>,
    /// How many images are open: their text becomes the `alt` attribute.
    open_images: usize,
    table: TableState,
    output: Vec<Event<'a>>,
    findings: Findings,
}

impl<'a, 'r> Transformer<'a, 'r> {
    pub(super) fn new(
        index: &'r LineIndex<'r>,
        links: LinkContext<'r>,
        ids: &'r mut IdSet,
        rejected_html: HashSet<usize>,
    ) -> Self {
        Self {
            index,
            links,
            ids,
            rejected_html,
            defined_footnotes: HashSet::new(),
            written_definitions: HashSet::new(),
            footnotes: HashMap::new(),
            heading: None,
            open_images: 0,
            table: TableState::default(),
            output: Vec::new(),
            findings: Findings::default(),
        }
    }

    /// Transforms the events, returning those for the HTML writer and what was found on the way.
    pub(super) fn run(mut self, events: Vec<(Event<'a>, Range<usize>)>) -> (Vec<Event<'a>>, Findings) {
        self.defined_footnotes = events
            .iter()
            .filter_map(|(event, _)| match event {
                Event::Start(Tag::FootnoteDefinition(label)) => Some(footnote_key(label)),
                _ => None,
            })
            .collect();

        for (event_index, (event, range)) in events.into_iter().enumerate() {
            let event = match event {
                Event::Html(html) | Event::InlineHtml(html) if self.rejected_html.contains(&event_index) => {
                    Event::Text(html)
                }
                other => other,
            };
            self.handle(event, range);
        }
        if let Some(heading) = self.heading.take() {
            self.output.extend(heading.events);
        }

        self.findings.plain_text = self.findings.plain_text.split_whitespace().collect::<Vec<_>>().join(" ");
        (self.output, self.findings)
    }

    fn handle(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let attributes = self.checked_heading_attributes(level, attrs, range.start);
                let explicit_id = id.filter(|id| !id.is_empty());
                self.heading = Some(PendingHeading {
                    level,
                    explicit_id,
                    classes,
                    attributes,
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.check_no_shortcode(&format!("{dest_url} {title}"), "a link's address or title", range.start);
                let dest_url = self.rewrite_destination(dest_url, link_type, LinkKind::Link, range.start);
                self.emit(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.check_no_shortcode(&format!("{dest_url} {title}"), "an image's address or title", range.start);
                self.open_images += 1;
                let dest_url = self.rewrite_destination(dest_url, link_type, LinkKind::Image, range.start);
                self.emit(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
            | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableCell) => self.handle_table(event),
            Event::FootnoteReference(label) => self.footnote_reference(&label, range.start),
            Event::Start(Tag::FootnoteDefinition(label)) => self.footnote_definition(&label, range.start),
            Event::End(TagEnd::FootnoteDefinition) => {
                self.add_text(" ");
                self.emit(Event::Html("</div>\n".into()));
            }
            Event::End(TagEnd::Image) => {
                self.open_images = self.open_images.saturating_sub(1);
                self.emit(event);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if self.open_images > 0 {
                    self.check_no_shortcode(text, "an image's alt text", range.start);
                }
                self.add_text(text);
                self.emit(event);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                if !is_inline_end(&event) {
                    self.add_text(" ");
                }
                self.emit(event);
            }
            // pulldown-cmark's checkbox has no accessible name, which screen readers announce as an
            // unlabelled control; a label states whether the task is done.
            Event::TaskListMarker(done) => {
                let label = if done { "Done" } else { "Not done" };
                let checked = if done { " checked" } else { "" };
                let html = format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ");
                self.emit(Event::InlineHtml(html.into()));
            }
            _ => self.emit(event),
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(heading) => heading.events.push(event),
            None => self.output.push(event),
        }
    }

    fn add_text(&mut self, text: &str) {
        self.findings.plain_text.push_str(text);
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
        }
    }

    /// Reports a shortcode in text that ends up in an HTML attribute, where its HTML would break the
    /// markup.
    fn check_no_shortcode(&mut self, text: &str, place: &str, offset: usize) {
        if !contains_placeholder(text) {
            return;
        }
        let message = format!("shortcode in {place}: its HTML cannot go inside an attribute");
        let help = "write the text out in full, or move the shortcode outside the link or image";
        self.findings.diagnostics.push(Diagnostic::error(self.index.location(offset), message).with_help(help));
    }

    fn finish_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        self.findings.plain_text.push(' ');

        // An inline shortcode's HTML is not known yet, so the id and contents entry leave it out.
        let text = strip_placeholders(&heading.text).split_whitespace().collect::<Vec<_>>().join(" ");
        // Explicit ids were reserved, and checked for repeats, before this pass.
        let id = match heading.explicit_id {
            Some(id) => id.into_string(),
            None => {
                let id = self.ids.unique(&slugify_heading(&text));
                self.findings.generated_ids.push(id.clone());
                id
            }
        };

        self.findings.headings.push(Heading { level: heading.level as u8, id: id.clone(), text });
        self.output.push(Event::Start(Tag::Heading {
            level: heading.level,
            id: Some(id.into()),
            classes: heading.classes,
            attrs: heading.attributes,
        }));
        self.output.extend(heading.events);
        self.output.push(Event::End(TagEnd::Heading(heading.level)));
    }

    /// Drops heading attributes that the Content Security Policy forbids (reporting them) and `id`,
    /// which `{#id}` sets.
    fn checked_heading_attributes(
        &mut self,
        level: HeadingLevel,
        attributes: HeadingAttributes<'a>,
        offset: usize,
    ) -> HeadingAttributes<'a> {
        let tag = format!("h{}", level as u8);
        let mut allowed = Vec::with_capacity(attributes.len());
        for (name, value) in attributes {
            let lower_name = name.to_ascii_lowercase();
            let value_text = value.as_deref().unwrap_or_default();
            let quoted = match &value {
                Some(value) => format!("{name}={value}"),
                None => name.to_string(),
            };
            if let Some(problem) = attribute_problem(&tag, &lower_name, value_text, &quoted) {
                let location = self.index.location(offset);
                self.findings.diagnostics.push(Diagnostic::error(location, problem.message).with_help(problem.help));
            } else if lower_name != "id" {
                allowed.push((name, value));
            }
        }
        allowed
    }

    fn rewrite_destination(
        &mut self,
        destination: CowStr<'a>,
        link_type: LinkType,
        kind: LinkKind,
        offset: usize,
    ) -> CowStr<'a> {
        // Email autolinks contain the address alone, and the writer adds `mailto:`.
        if link_type == LinkType::Email {
            return destination;
        }

        let location = self.index.location(offset);
        let rewrite = links::rewrite(&destination, kind, location, &self.links);
        self.findings.diagnostics.extend(rewrite.diagnostic);
        self.findings.links.extend(rewrite.internal);
        match rewrite.destination {
            Some(rewritten) => rewritten.into(),
            None => destination,
        }
    }

    /// Writes table cells with alignment classes, because the writer's `style=` attributes break the
    /// Content Security Policy. Rows and sections stay with the writer.
    fn handle_table(&mut self, event: Event<'a>) {
        match event {
            // A wide table scrolls inside its own box instead of squeezing its columns on a phone; the box
            // is focusable so keyboard users can scroll it too.
            Event::Start(Tag::Table(ref alignments)) => {
                self.table = TableState { alignments: alignments.clone(), in_head: false, cell: 0 };
                self.emit(Event::Html("<div class=\"table-scroll\" tabindex=\"0\">\n".into()));
                self.emit(event);
            }
            Event::End(TagEnd::Table) => {
                self.emit(event);
                self.emit(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                self.table.cell = 0;
                self.emit(event);
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                self.emit(event);
            }
            Event::Start(Tag::TableRow) => {
                self.table.cell = 0;
                self.emit(event);
            }
            Event::Start(Tag::TableCell) => {
                let element = if self.table.in_head { "th" } else { "td" };
                let class = match self.table.alignments.get(self.table.cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    Some(Alignment::None) | None => "",
                };
                self.emit(Event::Html(format!("<{element}{class}>").into()));
            }
            Event::End(TagEnd::TableCell) => {
                let element = if self.table.in_head { "th" } else { "td" };
                self.table.cell += 1;
                self.add_text(" ");
                self.emit(Event::Html(format!("</{element}>").into()));
            }
            _ => self.emit(event),
        }
    }

    fn footnote_reference(&mut self, label: &str, offset: usize) {
        // NOTE: pulldown-cmark 0.13 writes a reference to an undefined label as text, so this error comes
        // only from parser versions that do not.
        if !self.defined_footnotes.contains(&footnote_key(label)) {
            let location = self.index.location(offset);
            let message = format!("footnote `[^{label}]` has no definition");
            let help = format!("add a line `[^{label}]: …` with the footnote text, or remove the reference");
            self.findings.diagnostics.push(Diagnostic::error(location, message).with_help(help));
        }

        // pulldown-cmark 0.13 does not parse footnote references inside image alt text, where this
        // markup would show up as text.
        let footnote = self.footnote(label);
        let html =
            format!("<sup class=\"footnote-reference\"><a href=\"#{}\">{}</a></sup>", footnote.id, footnote.number);
        self.emit(Event::Html(html.into()));
    }

    /// Opens a footnote definition. A repeated definition gets no id, so the page has no id twice, and
    /// is an error, because references go to the first one.
    fn footnote_definition(&mut self, label: &str, offset: usize) {
        let first_definition = self.written_definitions.insert(footnote_key(label));
        let footnote = self.footnote(label);
        let id_attribute = if first_definition { format!(" id=\"{}\"", footnote.id) } else { String::new() };
        let html = format!(
            "<div class=\"footnote-definition\"{id_attribute}><sup class=\"footnote-definition-label\">{}</sup>",
            footnote.number
        );
        self.emit(Event::Html(html.into()));

        if !first_definition {
            let location = self.index.location(offset);
            let message = format!("footnote `[^{label}]` is defined more than once");
            let help = "keep one definition per footnote label, because references link only to the first";
            self.findings.diagnostics.push(Diagnostic::error(location, message).with_help(help));
        }
    }

    /// Returns the id and number of a footnote, giving it both when it is first seen. Ids are slugs, so
    /// they need no HTML escaping.
    fn footnote(&mut self, label: &str) -> &Footnote {
        let next_number = self.footnotes.len() + 1;
        let ids = &mut *self.ids;
        let generated_ids = &mut self.findings.generated_ids;
        self.footnotes.entry(footnote_key(label)).or_insert_with(|| {
            let id = ids.unique(&format!("fn-{}", slugify_heading(label)));
            generated_ids.push(id.clone());
            Footnote { id, number: next_number }
        })
    }
}

/// Returns the key under which pulldown-cmark 0.13 matches footnote labels: Unicode case folded, so
/// `[^Straße]` refers to `[^STRASSE]`.
fn footnote_key(label: &str) -> UniCase<String> {
    UniCase::new(label.to_owned())
}

fn is_inline_end(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::End(
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        )
    )
}
