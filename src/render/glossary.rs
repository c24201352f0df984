//! Marks the first appearance of each glossary term in a page's body HTML.
//!
//! A marked term is a link to its entry on the glossary page, followed by its definition in a hidden
//! tooltip that the link's `aria-describedby` points to, so screen readers announce the definition
//! and the page works without JavaScript. `js/glossary.js` turns the link into a button that shows the
//! tooltip on hover, focus and tap, and hides it on Escape.
//!
//! Only text is changed, never tags or attributes. Text inside headings, links, buttons, code,
//! existing `<abbr>` and `<dfn>`, navigation, forms, SVG and any element with `data-glossary="off"`
//! is left alone. The HTML is read with html5gum; each text token is matched in its source form, so
//! character references such as `&amp;` are never split.

use std::collections::HashSet;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::model::Site;
use crate::model::glossary::{self, Glossary, Term};

/// Elements whose text is never marked.
const SKIPPED_ELEMENTS: &[&str] = &[
    "a", "abbr", "audio", "button", "canvas", "code", "dfn", "form", "h1", "h2", "h3", "h4", "h5", "h6", "kbd",
    "label", "legend", "math", "nav", "noscript", "option", "pre", "samp", "script", "select", "style", "summary",
    "svg", "template", "textarea", "title", "var", "video",
];

/// Elements without an end tag.
const VOID_ELEMENTS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Prefix of the ids of the tooltips, followed by the term's id.
pub const TOOLTIP_ID_PREFIX: &str = "glossary-tip-";

/// One form of a term as it appears in HTML text: escaped, with its term's index.
struct Form {
    text: String,
    term: usize,
    match_case: bool,
}

/// Marks glossary terms in pages; build one per site and call [`TermMarker::mark`] per page.
pub struct TermMarker<'a> {
    terms: &'a [Term],
    /// The glossary page, whose own text is never marked.
    glossary_page: Option<usize>,
    /// Longest first, so at one position the longest form wins ("care experienced" over "care").
    forms: Vec<Form>,
    glossary_url: String,
}

impl<'a> TermMarker<'a> {
    /// Prepares the forms of every term; `glossary_url` is the glossary page's URL.
    pub fn new(glossary: &'a Glossary, glossary_url: String) -> Self {
        let mut forms: Vec<Form> = glossary
            .terms
            .iter()
            .enumerate()
            .flat_map(|(index, term)| {
                term.forms().map(move |form| Form { text: escape_text(form), term: index, match_case: glossary::matches_case(form) })
            })
            .collect();
        forms.sort_by_key(|form| std::cmp::Reverse(form.text.chars().count()));
        Self { terms: &glossary.terms, glossary_page: None, forms, glossary_url }
    }

    /// Builds the marker for `site`, linking terms to the page with the `glossary.html` template, or to
    /// the generated glossary page when there is none.
    pub fn for_site(site: &Site, glossary: &'a Glossary) -> Self {
        Self { glossary_page: glossary::glossary_page(site), ..Self::new(glossary, glossary::page_url(site)) }
    }

    /// Returns the body of page `index` with terms marked, unless it is the glossary page.
    pub fn mark_page(&self, index: usize, html: &str) -> String {
        if self.glossary_page == Some(index) { html.to_owned() } else { self.mark(html) }
    }

    /// Returns `html` with the first appearance of each term marked.
    pub fn mark(&self, html: &str) -> String {
        if self.forms.is_empty() {
            return html.to_owned();
        }
        let mut output = String::with_capacity(html.len() + 512);
        let mut copied = 0;
        let mut marked: HashSet<usize> = HashSet::new();
        let mut skipping: Vec<(String, usize)> = Vec::new();

        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).into_owned();
                    let opted_out = tag.attributes.get(b"data-glossary".as_slice()).is_some_and(|v| v.value.as_slice() == b"off");
                    enter_element(&mut skipping, name, tag.self_closing, opted_out);
                }
                Token::EndTag(tag) => leave_element(&mut skipping, &tag.name),
                Token::String(text) if skipping.is_empty() => {
                    let Some(source) = html.get(text.span.start..text.span.end) else { continue };
                    output.push_str(&html[copied..text.span.start]);
                    output.push_str(&self.mark_text(source, &mut marked));
                    copied = text.span.end;
                }
                _ => {}
            }
        }
        output.push_str(&html[copied..]);
        output
    }

    /// Marks the terms in one piece of text that are not yet in `marked`.
    fn mark_text(&self, text: &str, marked: &mut HashSet<usize>) -> String {
        let mut output = String::new();
        let mut copied = 0;
        while let Some((start, end, term)) = self.find(text, copied, marked) {
            output.push_str(&text[copied..start]);
            output.push_str(&self.markup(&self.terms[term], &text[start..end]));
            marked.insert(term);
            copied = end;
        }
        output.push_str(&text[copied..]);
        output
    }

    /// Finds the earliest form, from byte `from` on, of a term not yet marked.
    fn find(&self, text: &str, from: usize, marked: &HashSet<usize>) -> Option<(usize, usize, usize)> {
        let mut previous = text[..from].chars().next_back();
        for (offset, c) in text[from..].char_indices() {
            let start = from + offset;
            let at_word_start = c.is_alphanumeric() && previous.is_none_or(|p| !is_word_char(p) && !matches!(p, '&' | '#' | '-'));
            previous = Some(c);
            if !at_word_start {
                continue;
            }
            for form in self.forms.iter().filter(|form| !marked.contains(&form.term)) {
                if let Some(end) = match_form(text, start, form) {
                    return Some((start, end, form.term));
                }
            }
        }
        None
    }

    fn markup(&self, term: &Term, source_text: &str) -> String {
        let tooltip_id = format!("{TOOLTIP_ID_PREFIX}{}", term.id);
        format!(
            "<span class=\"term\"><a class=\"term__link\" href=\"{url}#{anchor}\" aria-describedby=\"{tooltip_id}\">{source_text}</a>\
             <span class=\"term__tip\" id=\"{tooltip_id}\" role=\"tooltip\" hidden>{definition}</span></span>",
            url = self.glossary_url,
            anchor = term.anchor,
            definition = term.definition_html,
        )
    }
}

/// Pushes an element on the stack of skipped elements when its text must not be marked. Inside a
/// skipped element, only elements of the same name are counted, so that its own end tag is found.
fn enter_element(skipping: &mut Vec<(String, usize)>, name: String, self_closing: bool, opted_out: bool) {
    if self_closing || VOID_ELEMENTS.contains(&name.as_str()) {
        return;
    }
    if let Some((open, depth)) = skipping.last_mut() {
        if *open == name {
            *depth += 1;
        }
        return;
    }
    if opted_out || SKIPPED_ELEMENTS.contains(&name.as_str()) {
        skipping.push((name, 1));
    }
}

fn leave_element(skipping: &mut Vec<(String, usize)>, name: &[u8]) {
    let Some((open, depth)) = skipping.last_mut() else { return };
    if open.as_bytes() == name {
        *depth -= 1;
        if *depth == 0 {
            skipping.pop();
        }
    }
}

/// Returns the end of `form` when it appears at byte `start` of `text` as a whole word. A space in the
/// form matches any run of whitespace, so a term broken across lines is still found, and a trailing
/// `s` is accepted for plurals ("openings").
fn match_form(text: &str, start: usize, form: &Form) -> Option<usize> {
    let mut rest = text[start..].char_indices().peekable();
    let mut end = start;
    for expected in form.text.chars() {
        if expected == ' ' {
            let mut spaces = 0;
            while let Some((offset, c)) = rest.next_if(|(_, c)| c.is_whitespace()) {
                spaces += 1;
                end = start + offset + c.len_utf8();
            }
            if spaces == 0 {
                return None;
            }
            continue;
        }
        let (offset, actual) = rest.next()?;
        if !same_letter(actual, expected, form.match_case) {
            return None;
        }
        end = start + offset + actual.len_utf8();
    }

    let after = |position: usize| text[position..].chars().next();
    if after(end) == Some('s') && after(end + 1).is_none_or(|c| !is_word_char(c)) {
        return Some(end + 1);
    }
    after(end).is_none_or(|c| !is_word_char(c)).then_some(end)
}

fn same_letter(actual: char, expected: char, match_case: bool) -> bool {
    actual == expected || (!match_case && actual.to_lowercase().eq(expected.to_lowercase()))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Escapes a form the way the Markdown renderer escapes text, and turns each run of whitespace into
/// one space.
fn escape_text(form: &str) -> String {
    let spaced = form.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, term: &str, aliases: &[&str]) -> Term {
        Term {
            id: id.into(),
            term: term.into(),
            expansion: None,
            aliases: aliases.iter().map(|alias| (*alias).into()).collect(),
            definition_html: format!("Definition of {id}."),
            anchor: format!("term-{id}"),
            letter: String::new(),
            first_of_letter: false,
        }
    }

    fn glossary() -> Glossary {
        Glossary {
            terms: vec![
                term("simd", "SIMD", &[]),
                term("care-experienced", "care experienced", &["care-experienced"]),
                term("opening", "opening", &[]),
                term("tier", "tier", &[]),
            ],
        }
    }

    fn mark(html: &str) -> String {
        let glossary = glossary();
        TermMarker::new(&glossary, "/glossary/".into()).mark(html)
    }

    fn link(id: &str, text: &str) -> String {
        format!("<a class=\"term__link\" href=\"/glossary/#term-{id}\" aria-describedby=\"glossary-tip-{id}\">{text}</a>")
    }

    #[test]
    fn first_appearance_only() {
        let output = mark("<p>SIMD and SIMD again.</p><p>More SIMD.</p>");
        assert_eq!(output.matches("term__link").count(), 1, "{output}");
        assert!(output.starts_with(&format!("<p><span class=\"term\">{}", link("simd", "SIMD"))), "{output}");
        assert!(output.contains("<span class=\"term__tip\" id=\"glossary-tip-simd\" role=\"tooltip\" hidden>Definition of simd.</span>"));
    }

    #[test]
    fn abbreviation_case_sensitive() {
        assert_eq!(mark("<p>simd is not it</p>"), "<p>simd is not it</p>");
    }

    #[test]
    fn word_case_insensitive_across_lines() {
        let output = mark("<p>Care\nexperienced pupils</p>");
        assert!(output.contains(&link("care-experienced", "Care\nexperienced")), "{output}");
    }

    #[test]
    fn whole_words_and_plurals() {
        assert_eq!(mark("<p>SIMDs</p>").matches("term__link").count(), 1);
        assert_eq!(mark("<p>openings</p>").matches(">openings</a>").count(), 1);
        assert_eq!(mark("<p>XSIMD SIMDX frontier tiered</p>").matches("term__link").count(), 0);
    }

    #[test]
    fn skipped_elements_left_alone() {
        let cases = [
            "<h2 id=\"simd\">SIMD</h2>",
            "<p><a href=\"/x/\">SIMD data</a></p>",
            "<p><code>SIMD</code></p>",
            "<pre><code>SIMD\n</code></pre>",
            "<p><abbr title=\"x\">SIMD</abbr></p>",
            "<p><dfn>SIMD</dfn></p>",
            "<div data-glossary=\"off\"><div><p>SIMD</p></div></div>",
        ];
        for html in cases {
            assert_eq!(mark(html), html);
        }
    }

    #[test]
    fn text_after_skipped_element_marked() {
        let output = mark("<p><a href=\"/x/\">SIMD <code>a</code> data</a> and SIMD</p>");
        assert!(output.starts_with("<p><a href=\"/x/\">SIMD <code>a</code> data</a> and <span class=\"term\">"), "{output}");
    }

    #[test]
    fn attributes_never_changed() {
        let html = "<p title=\"SIMD opening\"><img alt=\"SIMD\" src=\"a.png\">text</p>";
        assert_eq!(mark(html), html);
    }

    #[test]
    fn character_references_kept() {
        let output = mark("<p>Fish &amp; chips, tier &lt;1&gt;</p>");
        assert!(output.starts_with("<p>Fish &amp; chips, <span class=\"term\">"), "{output}");
        assert!(output.ends_with("</span></span> &lt;1&gt;</p>"), "{output}");
    }

    #[test]
    fn longest_form_wins() {
        let output = mark("<p>care-experienced pupils</p>");
        assert!(output.contains(&link("care-experienced", "care-experienced")), "{output}");
    }

    #[test]
    fn empty_glossary_leaves_html() {
        let glossary = Glossary::default();
        let html = "<p>SIMD</p>";
        assert_eq!(TermMarker::new(&glossary, "/g/".into()).mark(html), html);
    }
}
