//! Glossary terms from `content/glossary.yaml`:
//!
//! ```yaml
//! terms:
//!   - id: simd                      # lower-case letters, digits and hyphens; the anchor is `term-simd`
//!     term: SIMD                    # the headword on the glossary page
//!     expansion: Scottish Index of Multiple Deprivation   # optional, for abbreviations
//!     aliases: [SIMD quintile]      # optional other forms marked in pages
//!     definition: The Scottish Government's *area-based* measure of deprivation.
//! ```
//!
//! The term, its expansion and its aliases are the forms the build looks for in page text. A form with
//! two or more capital letters (an abbreviation or a name, such as `SIMD`) matches only with the same
//! capitals. Any other form matches in any case. A definition is one paragraph of Markdown with
//! emphasis, strong text and code only, because it is shown inside a pop-up next to the term.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location};
use crate::load::TextFile;
use crate::model::Site;
use crate::yaml::{self, ValuePositions, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    terms: Vec<TermRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermRecord {
    id: String,
    term: String,
    #[serde(default)]
    expansion: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    definition: String,
}

/// One checked glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub expansion: Option<String>,
    pub aliases: Vec<String>,
    /// The definition as inline HTML (text, `<em>`, `<strong>`, `<code>`), safe to put inside a `<span>`.
    pub definition_html: String,
    /// The id of the term's entry on the glossary page.
    pub anchor: String,
    /// The headword's first letter in upper case, or `0–9` for a digit, for the glossary's letter groups.
    pub letter: String,
    /// Whether this is the first term of its letter in glossary order.
    pub first_of_letter: bool,
}

impl Term {
    /// Returns the forms to look for in page text: the term, its expansion, then its aliases.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.expansion.as_deref()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Every glossary term, sorted by headword without regard to case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Output path of the glossary page that the build generates when no page uses the `glossary.html` template.
pub const GENERATED_PAGE_PATH: &str = "glossary/";

/// The template that lists the glossary.
pub const TEMPLATE: &str = "glossary.html";

/// Returns the index of the site's glossary page: the first page, in reading order, whose front matter
/// names the `glossary.html` template.
pub fn glossary_page(site: &Site) -> Option<usize> {
    site.reading_order.iter().copied().find(|&index| site.pages[index].front_matter.template.as_deref() == Some(TEMPLATE))
}

/// Returns the glossary page's URL: the page with the `glossary.html` template, or the generated one.
pub fn page_url(site: &Site) -> String {
    match glossary_page(site) {
        Some(index) => site.page_url(index),
        None => site.url(GENERATED_PAGE_PATH),
    }
}

/// Returns whether `form` is matched with its exact capitals: it has two or more capital letters.
pub fn matches_case(form: &str) -> bool {
    form.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Reads and checks `content/glossary.yaml`. Terms with errors are left out; the rest are kept so the
/// pages can still be checked.
pub fn load(file: &TextFile) -> (Glossary, Vec<Diagnostic>) {
    let source = YamlSource { file: &file.display, text: &file.text, first_line: 1 };
    let parsed: GlossaryFile = match yaml::parse(&source) {
        Ok(parsed) => parsed,
        Err(diagnostic) => return (Glossary::default(), vec![diagnostic]),
    };
    let positions = ValuePositions::of(&source);
    let mut checker = Checker { positions: &positions, diagnostics: Vec::new(), ids: HashMap::new(), forms: HashMap::new() };

    let mut terms: Vec<Term> = parsed
        .terms
        .into_iter()
        .enumerate()
        .filter_map(|(index, record)| checker.check(index, record))
        .collect();
    terms.sort_by_cached_key(|term| (term.term.to_lowercase(), term.id.clone()));
    for index in 0..terms.len() {
        terms[index].first_of_letter = index == 0 || terms[index - 1].letter != terms[index].letter;
    }
    (Glossary { terms }, checker.diagnostics)
}

/// The checks that span terms: ids and forms seen so far, each with its location.
struct Checker<'a> {
    positions: &'a ValuePositions,
    diagnostics: Vec<Diagnostic>,
    ids: HashMap<String, Location>,
    /// Folded form (lower case, single spaces) → id of the term that has it, and where.
    forms: HashMap<String, (String, Location)>,
}

impl Checker<'_> {
    fn check(&mut self, index: usize, record: TermRecord) -> Option<Term> {
        let at = |key: &str| vec![String::from("terms"), index.to_string(), key.to_owned()];
        let errors_before = self.diagnostics.len();

        self.check_id(&record.id, self.positions.location(&at("id")));
        self.check_form(&record.id, "term", &record.term, self.positions.location(&at("term")));
        if let Some(expansion) = &record.expansion {
            self.check_form(&record.id, "expansion", expansion, self.positions.location(&at("expansion")));
        }
        for (position, alias) in record.aliases.iter().enumerate() {
            let location = self.positions.location(&[&at("aliases")[..], &[position.to_string()]].concat());
            self.check_form(&record.id, "alias", alias, location);
        }
        let definition_location = self.positions.location(&at("definition"));
        let definition_html = match render_definition(&record.id, &record.definition, &definition_location) {
            Ok(html) => html,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                String::new()
            }
        };

        if self.diagnostics.len() > errors_before {
            return None;
        }
        Some(Term {
            anchor: format!("term-{}", record.id),
            letter: letter_of(&record.term),
            first_of_letter: false,
            id: record.id,
            term: record.term.trim().to_owned(),
            expansion: record.expansion.map(|expansion| expansion.trim().to_owned()),
            aliases: record.aliases.iter().map(|alias| alias.trim().to_owned()).collect(),
            definition_html,
        })
    }

    fn check_id(&mut self, id: &str, location: Location) {
        if !is_valid_id(id) {
            let message = format!("invalid glossary id `{id}`");
            let help = "use lower-case letters, digits and single hyphens, for example `care-experienced`";
            self.diagnostics.push(Diagnostic::error(location, message).with_help(help));
            return;
        }
        if let Some(first) = self.ids.get(id) {
            let message = format!("duplicate glossary id `{id}`: it is already used at {first}");
            let help = "give each term its own id";
            self.diagnostics.push(Diagnostic::error(location, message).with_help(help));
            return;
        }
        self.ids.insert(id.to_owned(), location);
    }

    /// Checks one form of a term: not empty, starting and ending with a letter or digit, and not
    /// already a form of this or another term.
    fn check_form(&mut self, id: &str, kind: &str, form: &str, location: Location) {
        let trimmed = form.trim();
        if trimmed.is_empty() {
            let message = format!("the {kind} of glossary term `{id}` is empty");
            let help = format!("write the {kind}, or remove the line");
            self.diagnostics.push(Diagnostic::error(location, message).with_help(help));
            return;
        }
        let starts_and_ends_with_word = trimmed.chars().next().is_some_and(char::is_alphanumeric)
            && trimmed.chars().last().is_some_and(char::is_alphanumeric);
        if !starts_and_ends_with_word {
            let message = format!("the {kind} `{trimmed}` of glossary term `{id}` must start and end with a letter or digit");
            let help = "leave punctuation out of the form; the build finds it as a whole word in the text";
            self.diagnostics.push(Diagnostic::error(location, message).with_help(help));
            return;
        }

        let folded = fold(trimmed);
        if let Some((owner, first)) = self.forms.get(&folded) {
            let message = if owner == id {
                format!("`{trimmed}` is repeated in glossary term `{id}` (first at {first})")
            } else {
                format!("`{trimmed}` is already a form of glossary term `{owner}` at {first}")
            };
            let help = "a word or abbreviation can belong to one term only; remove one of them";
            self.diagnostics.push(Diagnostic::error(location, message).with_help(help));
            return;
        }
        self.forms.insert(folded, (id.to_owned(), location));
    }
}

fn letter_of(term: &str) -> String {
    match term.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_numeric() => "0–9".to_owned(),
        Some(c) => c.to_uppercase().collect(),
        None => String::new(),
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// Lower case with each run of whitespace as one space, so forms that differ only there count as equal.
fn fold(form: &str) -> String {
    form.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Renders a definition's inline Markdown, rejecting anything that cannot sit inside a pop-up.
fn render_definition(id: &str, definition: &str, location: &Location) -> Result<String, Diagnostic> {
    if definition.trim().is_empty() {
        let message = format!("the definition of glossary term `{id}` is empty");
        let help = "write a sentence or two that explains the term";
        return Err(Diagnostic::error(location.clone(), message).with_help(help));
    }

    let mut paragraphs = 0;
    let mut events = Vec::new();
    for event in Parser::new(definition) {
        match event {
            Event::Start(Tag::Paragraph) => paragraphs += 1,
            Event::End(TagEnd::Paragraph) => {}
            Event::Text(_) | Event::Code(_) => events.push(event),
            Event::SoftBreak | Event::HardBreak => events.push(Event::Text(" ".into())),
            Event::Start(Tag::Emphasis | Tag::Strong) | Event::End(TagEnd::Emphasis | TagEnd::Strong) => events.push(event),
            other => return Err(unsupported_markdown(id, &other, location)),
        }
        if paragraphs > 1 {
            let message = format!("the definition of glossary term `{id}` has more than one paragraph");
            let help = "write the definition as one paragraph; it is shown in a pop-up next to the term";
            return Err(Diagnostic::error(location.clone(), message).with_help(help));
        }
    }

    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html)
}

fn unsupported_markdown(id: &str, event: &Event<'_>, location: &Location) -> Diagnostic {
    let what = match event {
        Event::Start(Tag::Link { .. }) => "a link",
        Event::Start(Tag::Image { .. }) => "an image",
        Event::Html(_) | Event::InlineHtml(_) => "HTML",
        Event::Start(Tag::List(_) | Tag::Item) => "a list",
        Event::Start(Tag::Heading { .. }) => "a heading",
        _ => "Markdown other than emphasis, strong text and code",
    };
    let message = format!("the definition of glossary term `{id}` contains {what}");
    let help = "definitions are shown in a pop-up next to the term, so they may use only *emphasis*, **strong** \
                text and `code`; put links in the page text instead";
    Diagnostic::error(location.clone(), message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> (Glossary, Vec<Diagnostic>) {
        let file = TextFile { path: "glossary.yaml".into(), display: "content/glossary.yaml".into(), text: text.into() };
        load(&file)
    }

    #[test]
    fn terms_sorted_and_rendered() {
        let (glossary, errors) = load_text(
            "terms:\n  - id: tier\n    term: tier\n    definition: A *level* of `support`.\n  - id: asn\n    term: ASN\n    \
             expansion: additional support needs\n    definition: Needs\n      over two lines.\n",
        );
        assert_eq!(errors, []);
        let ids: Vec<&str> = glossary.terms.iter().map(|term| term.id.as_str()).collect();
        assert_eq!(ids, ["asn", "tier"]);
        assert_eq!(glossary.terms[1].definition_html, "A <em>level</em> of <code>support</code>.");
        assert_eq!(glossary.terms[0].definition_html, "Needs over two lines.");
        assert_eq!(glossary.terms[0].anchor, "term-asn");
        assert_eq!(glossary.terms[0].letter, "A");
        assert!(glossary.terms[0].first_of_letter);
        assert!(glossary.terms[1].first_of_letter);
    }

    #[test]
    fn definition_escapes_html_characters() {
        let (glossary, errors) = load_text("terms:\n  - id: a\n    term: a\n    definition: \"5 < 6 & so on\"\n");
        assert_eq!(errors, []);
        assert_eq!(glossary.terms[0].definition_html, "5 &lt; 6 &amp; so on");
    }

    #[test]
    fn link_in_definition_rejected() {
        let (glossary, errors) = load_text("terms:\n  - id: a\n    term: a\n    definition: See [here](https://example.org).\n");
        assert!(glossary.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location, Location::new("content/glossary.yaml", 4, 17));
        assert!(errors[0].message.contains("contains a link"), "{}", errors[0].message);
    }

    #[test]
    fn two_paragraphs_rejected() {
        let (_, errors) = load_text("terms:\n  - id: a\n    term: a\n    definition: |\n      One.\n\n      Two.\n");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("more than one paragraph"), "{}", errors[0].message);
    }

    #[test]
    fn invalid_ids_rejected() {
        for id in ["Care", "care--experienced", "-a", "a_b", ""] {
            let (_, errors) = load_text(&format!("terms:\n  - id: \"{id}\"\n    term: a\n    definition: b\n"));
            assert_eq!(errors.len(), 1, "{id}");
            assert!(errors[0].message.starts_with("invalid glossary id"), "{id}: {}", errors[0].message);
        }
    }

    #[test]
    fn alias_repeated_within_term_rejected() {
        let (_, errors) = load_text("terms:\n  - id: a\n    term: Tier\n    aliases: [tier]\n    definition: b\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location, Location::new("content/glossary.yaml", 4, 15));
        assert!(errors[0].message.contains("repeated in glossary term `a`"), "{}", errors[0].message);
    }

    #[test]
    fn form_with_punctuation_at_edge_rejected() {
        let (_, errors) = load_text("terms:\n  - id: a\n    term: \"(a)\"\n    definition: b\n");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("must start and end with a letter or digit"), "{}", errors[0].message);
    }

    #[test]
    fn case_rule_follows_capitals() {
        assert!(matches_case("SIMD"));
        assert!(matches_case("SRAS-R"));
        assert!(matches_case("Included, Engaged and Involved"));
        assert!(!matches_case("care experienced"));
        assert!(!matches_case("Tier"));
    }
}
