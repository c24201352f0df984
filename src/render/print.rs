//! The whole-guide print page, `/print/`: every page's body in reading order, on one page.
//!
//! Each page becomes a section with the id `print-<page path>`. Every id in a page's body gets the
//! section's id and `--` in front, and so do the attributes that refer to ids (`for`, `headers`,
//! `aria-describedby` and the like), so ids stay unique on the combined page. Links to a page of the
//! guide, or to a place in it, are pointed at its section on the same page. Headings move down one level
//! because each page's title becomes a level-2 heading.
//!
//! NOTE: references inside SVG (`href="#…"`, `url(#…)`) in raw HTML are not rewritten.

use std::collections::{BTreeMap, HashMap, HashSet};

use html5gum::{DefaultEmitter, HtmlString, Spanned, Token, Tokenizer};
use serde::Serialize;

use super::context::GeneratedPage;
use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Site, glossary};

/// Output path of the print page, relative to the output root.
pub const PAGE_PATH: &str = "print/";

const TEMPLATE: &str = "print.html";

/// Attributes whose value is a list of ids separated by spaces.
const ID_REFERENCE_ATTRIBUTES: &[&str] = &[
    "for",
    "headers",
    "list",
    "form",
    "aria-activedescendant",
    "aria-controls",
    "aria-describedby",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-labelledby",
    "aria-owns",
];

#[derive(Debug, Serialize)]
struct Section {
    id: String,
    title: String,
    url: String,
    html: String,
    /// Whether this is the glossary page, after whose body the template lists the terms.
    glossary: bool,
}

/// Builds the print page from the body HTML of pages, given as (page index, HTML). Pages are placed in
/// the site's reading order; pages not in `bodies` are left out.
pub fn print_page(site: &Site, bodies: &[(usize, &str)]) -> Result<GeneratedPage, Diagnostic> {
    if let Some(page) = site.pages.iter().find(|page| page.path == PAGE_PATH) {
        let message = format!("`{}` would be published at `{}`, where the whole-guide print page goes", page.display, site.url(PAGE_PATH));
        let help = "rename the page or move it into another folder";
        return Err(Diagnostic::error(Location::new(&page.display, 1, 1), message).with_help(help));
    }

    let bodies: HashMap<usize, &str> = bodies.iter().copied().collect();
    let included: Vec<usize> = site.reading_order.iter().copied().filter(|index| bodies.contains_key(index)).collect();
    let section_ids = section_ids(site, &included);
    let targets: HashMap<String, &str> =
        included.iter().map(|&index| (site.page_url(index), section_ids[&index].as_str())).collect();
    let glossary_page = glossary::glossary_page(site);

    let sections: Vec<Section> = included
        .iter()
        .map(|&index| {
            let rewriter = Rewriter { prefix: &section_ids[&index], page_url: site.page_url(index), targets: &targets };
            Section {
                id: section_ids[&index].clone(),
                title: site.pages[index].title().to_owned(),
                url: site.page_url(index),
                html: rewriter.rewrite(bodies[&index]),
                glossary: Some(index) == glossary_page,
            }
        })
        .collect();

    Ok(GeneratedPage {
        path: PAGE_PATH.to_owned(),
        template: TEMPLATE,
        title: "Print the whole guide".to_owned(),
        description: "Every page of the guide on one page, in reading order, ready to print.".to_owned(),
        item: serde_json::json!({ "sections": sections, "glossary_appendix": glossary_page.is_none() }),
        parent: None,
    })
}

/// Returns each page's section id: `print-home` for the home page, `print-step-1-data` for `step-1/data/`,
/// and `-2`, `-3`… after a repeat.
fn section_ids(site: &Site, included: &[usize]) -> HashMap<usize, String> {
    let mut taken = HashSet::new();
    let mut ids = HashMap::new();
    for &index in included {
        let path = site.pages[index].path.trim_end_matches('/');
        let base = if path.is_empty() { "print-home".to_owned() } else { format!("print-{}", path.replace('/', "-")) };
        let mut id = base.clone();
        let mut counter = 1;
        while !taken.insert(id.clone()) {
            counter += 1;
            id = format!("{base}-{counter}");
        }
        ids.insert(index, id);
    }
    ids
}

/// Rewrites one page's body for the print page.
struct Rewriter<'a> {
    /// The section's id; body ids become `<prefix>--<id>`.
    prefix: &'a str,
    page_url: String,
    /// Page URL → section id, for every page on the print page.
    targets: &'a HashMap<String, &'a str>,
}

impl Rewriter<'_> {
    fn rewrite(&self, html: &str) -> String {
        let mut output = String::with_capacity(html.len() + html.len() / 8);
        let mut copied = 0;
        for token in Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span()).flatten() {
            let (span, replacement) = match &token {
                Token::StartTag(tag) => (tag.span, self.start_tag(&tag.name, &tag.attributes, tag.self_closing)),
                Token::EndTag(tag) => (tag.span, demoted(&tag.name).map(|name| format!("</{name}>"))),
                _ => continue,
            };
            let Some(replacement) = replacement else { continue };
            output.push_str(&html[copied..span.start]);
            output.push_str(&replacement);
            copied = span.end;
        }
        output.push_str(&html[copied..]);
        output
    }

    /// Returns the tag written out again when its name or an attribute changes.
    fn start_tag(
        &self,
        name: &HtmlString,
        attributes: &BTreeMap<HtmlString, Spanned<HtmlString, usize>>,
        self_closing: bool,
    ) -> Option<String> {
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let new_name = demoted(name);
        let mut changed = new_name.is_some();
        let mut written = Vec::new();
        for (attribute, value) in attributes {
            let attribute = text(attribute);
            let value = text(&value.value);
            let new_value = self.attribute(&attribute, &value);
            changed |= new_value.is_some();
            written.push((attribute, new_value.unwrap_or(value)));
        }
        if !changed {
            return None;
        }

        let mut tag = format!("<{}", new_name.map_or_else(|| text(name), str::to_owned));
        for (attribute, value) in written {
            tag.push_str(&format!(" {attribute}=\"{}\"", escape_attribute(&value)));
        }
        tag.push_str(if self_closing { " />" } else { ">" });
        Some(tag)
    }

    fn attribute(&self, name: &str, value: &str) -> Option<String> {
        match name {
            "id" => Some(self.prefixed(value)),
            "href" => self.link(value),
            _ if ID_REFERENCE_ATTRIBUTES.contains(&name) => {
                Some(value.split_whitespace().map(|id| self.prefixed(id)).collect::<Vec<_>>().join(" "))
            }
            _ => None,
        }
    }

    fn prefixed(&self, id: &str) -> String {
        format!("{}--{id}", self.prefix)
    }

    /// Points a link to a page on the print page, or to a place in one, at its section.
    fn link(&self, href: &str) -> Option<String> {
        let (path, fragment) = match href.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (href, None),
        };
        let section = if path.is_empty() { self.targets.get(&self.page_url)? } else { self.targets.get(path)? };
        Some(match fragment.filter(|fragment| !fragment.is_empty()) {
            Some(fragment) => {
                let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
                format!("#{section}--{decoded}")
            }
            None => format!("#{section}"),
        })
    }
}

/// `h1` → `h2` … `h5` → `h6`; `h6` stays.
fn demoted(name: &[u8]) -> Option<&'static str> {
    match name {
        b"h1" => Some("h2"),
        b"h2" => Some("h3"),
        b"h3" => Some("h4"),
        b"h4" => Some("h5"),
        b"h5" => Some("h6"),
        _ => None,
    }
}

fn escape_attribute(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(html: &str) -> String {
        let targets: HashMap<String, &str> =
            [("/step-1/".to_owned(), "print-step-1"), ("/step-2/".to_owned(), "print-step-2")].into_iter().collect();
        Rewriter { prefix: "print-step-1", page_url: "/step-1/".into(), targets: &targets }.rewrite(html)
    }

    #[test]
    fn ids_and_references_prefixed() {
        let output = rewrite("<h2 id=\"data\">Data</h2><label for=\"x\">X</label><p aria-describedby=\"a b\">t</p>");
        assert_eq!(
            output,
            "<h3 id=\"print-step-1--data\">Data</h3><label for=\"print-step-1--x\">X</label>\
             <p aria-describedby=\"print-step-1--a print-step-1--b\">t</p>"
        );
    }

    #[test]
    fn links_point_to_sections() {
        let cases = [
            ("<a href=\"#data\">", "<a href=\"#print-step-1--data\">"),
            ("<a href=\"/step-2/\">", "<a href=\"#print-step-2\">"),
            ("<a href=\"/step-2/#f%C3%A0ilte\">", "<a href=\"#print-step-2--fàilte\">"),
            ("<a href=\"/resources/a/\">", "<a href=\"/resources/a/\">"),
            ("<a href=\"https://example.org/\">", "<a href=\"https://example.org/\">"),
        ];
        for (input, expected) in cases {
            assert_eq!(rewrite(input), expected, "{input}");
        }
    }

    #[test]
    fn untouched_tags_kept_as_written() {
        let html = "<p class='a'>x &amp; y<br/></p><!-- c -->";
        assert_eq!(rewrite(html), html);
    }

    #[test]
    fn attribute_values_escaped() {
        assert_eq!(rewrite("<p id=\"a\" title='say \"hi\" &amp; go'>"), "<p id=\"print-step-1--a\" title=\"say &quot;hi&quot; &amp; go\">");
    }
}
