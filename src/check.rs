//! The check stage: every internal link's anchor must exist on the page it points to.
//!
//! Anchors are read from each page's final HTML, so ids written by templates and by raw HTML in the
//! Markdown count as well as heading ids. Links to pages that do not exist are reported earlier, when
//! the Markdown is rendered, because that is where the source path is resolved.

pub mod external;

use std::collections::{HashMap, HashSet};

use html5gum::{Token, Tokenizer};

use crate::diagnostics::{Diagnostic, Location, closest};
use crate::model::{self, Site};
use crate::parse::markdown::InternalLink;

/// A rendered page as the check stage sees it.
pub struct RenderedPage<'a> {
    /// The page's URL path, such as `/step-1/`.
    pub url: String,
    pub html: &'a str,
    /// Internal links from the page's Markdown.
    pub links: &'a [InternalLink],
}

/// Runs every check on the rendered pages: anchors, links to drafts, repeated ids and reachability.
pub fn check_pages(site: &Site, pages: &[RenderedPage]) -> Vec<Diagnostic> {
    let mut diagnostics = check_anchors(pages);
    diagnostics.extend(check_draft_links(site, pages));
    diagnostics.extend(check_duplicate_ids(site, pages));
    diagnostics.extend(check_reachable(site, pages));
    diagnostics
}

/// Returns the values of every `id` attribute (and `name` on `<a>`) in `html`.
pub fn html_ids(html: &str) -> HashSet<String> {
    id_counts(html).into_keys().collect()
}

/// Counts how often each anchor (an `id`, or `name` on `<a>`) occurs in `html`. Content of `<template>`
/// elements is inert until a script copies it, so its ids are not counted.
fn id_counts(html: &str) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    let mut template_depth = 0usize;
    for token in Tokenizer::new(html).flatten() {
        match &token {
            Token::StartTag(tag) if tag.name.as_slice() == b"template" => template_depth += 1,
            Token::EndTag(tag) if tag.name.as_slice() == b"template" => template_depth = template_depth.saturating_sub(1),
            _ => {}
        }
        if template_depth > 0 {
            continue;
        }
        if let Token::StartTag(tag) = token {
            for (name, value) in &tag.attributes {
                let is_anchor = name.as_slice() == b"id" || (tag.name.as_slice() == b"a" && name.as_slice() == b"name");
                if is_anchor {
                    *ids.entry(String::from_utf8_lossy(value).into_owned()).or_insert(0) += 1;
                }
            }
        }
    }
    ids
}

/// Warns about an id used twice on one page, such as a heading whose id repeats one of the template's:
/// links and labels then reach only the first element.
pub fn check_duplicate_ids(site: &Site, pages: &[RenderedPage]) -> Vec<Diagnostic> {
    let by_url: HashMap<String, usize> = (0..site.pages.len()).map(|index| (site.page_url(index), index)).collect();
    let mut diagnostics = Vec::new();
    for page in pages {
        let Some(&index) = by_url.get(&page.url) else { continue };
        let mut repeated: Vec<(String, usize)> = id_counts(page.html).into_iter().filter(|(_, count)| *count > 1).collect();
        repeated.sort();
        for (id, count) in repeated {
            let message = format!("id `{id}` is used {count} times on `{}`; links to `#{id}` reach only the first", page.url);
            let help = "if a heading's id repeats one of the theme's, give the heading another id with `{#other-id}` after its text";
            diagnostics.push(Diagnostic::warning(Location::file(&site.pages[index].display), message).with_help(help));
        }
    }
    diagnostics
}

/// Returns the target of every `<a href>` in `html`, without fragment or query.
fn html_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for token in Tokenizer::new(html).flatten() {
        let Token::StartTag(tag) = token else { continue };
        if tag.name.as_slice() != b"a" {
            continue;
        }
        if let Some(href) = tag.attributes.iter().find(|(name, _)| name.as_slice() == b"href").map(|(_, v)| v) {
            let href = String::from_utf8_lossy(href);
            let end = href.find(['#', '?']).unwrap_or(href.len());
            links.push(href[..end].to_owned());
        }
    }
    links
}

/// Reports links whose `#fragment` does not match an id on the target page.
pub fn check_anchors(pages: &[RenderedPage]) -> Vec<Diagnostic> {
    let ids: HashMap<&str, HashSet<String>> = pages.iter().map(|page| (page.url.as_str(), html_ids(page.html))).collect();
    let mut diagnostics = Vec::new();

    for page in pages {
        for link in page.links {
            let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else { continue };
            let target = if link.url.is_empty() { page.url.as_str() } else { link.url.as_str() };
            let Some(target_ids) = ids.get(target) else { continue };

            let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            if target_ids.contains(fragment) || target_ids.contains(decoded.as_ref()) {
                continue;
            }
            let message = format!("broken link: there is no anchor `#{fragment}` on `{target}`");
            let help = match closest(&decoded, target_ids.iter().map(String::as_str)) {
                Some(suggestion) => format!("did you mean `#{suggestion}`?"),
                None => "link to a heading's id: lower case, spaces as `-`, punctuation dropped".to_owned(),
            };
            diagnostics.push(Diagnostic::error(link.location.clone(), message).with_help(help));
        }
    }
    diagnostics
}

/// Reports links to draft pages, which the published site does not have.
pub fn check_draft_links(site: &Site, pages: &[RenderedPage]) -> Vec<Diagnostic> {
    let drafts: HashMap<String, &str> =
        site.draft_sources.iter().map(|source| (site.url(&model::output_path(source)), source.as_str())).collect();
    let mut diagnostics = Vec::new();
    for link in pages.iter().flat_map(|page| page.links) {
        if let Some(source) = drafts.get(&link.url) {
            let message = format!("link to the draft page `content/{source}`, which is not published");
            let help = "publish the page by removing `draft: true`, or remove the link; `--drafts` includes drafts for a preview";
            diagnostics.push(Diagnostic::error(link.location.clone(), message).with_help(help));
        }
    }
    diagnostics
}

/// Warns about pages that no chain of links leads to from the home page. The links are read from the
/// final HTML, so menus, section lists and previous/next links made by templates count.
pub fn check_reachable(site: &Site, pages: &[RenderedPage]) -> Vec<Diagnostic> {
    let by_url: HashMap<String, usize> = (0..site.pages.len()).map(|index| (site.page_url(index), index)).collect();
    let links: HashMap<&str, Vec<String>> = pages.iter().map(|page| (page.url.as_str(), html_links(page.html))).collect();

    let mut reached = vec![false; site.pages.len()];
    let mut queue: Vec<usize> = site.page_index("_index.md").into_iter().collect();
    queue.extend(site.config.navigation.iter().filter_map(|entry| site.page_index(&entry.page)));
    while let Some(index) = queue.pop() {
        if std::mem::replace(&mut reached[index], true) {
            continue;
        }
        let Some(targets) = links.get(site.page_url(index).as_str()) else { continue };
        queue.extend(targets.iter().filter_map(|url| by_url.get(url).copied()));
    }

    let mut diagnostics = Vec::new();
    for (index, page) in site.pages.iter().enumerate() {
        if !reached[index] {
            let message = format!("no link leads to `{}` from the home page", site.page_url(index));
            let help = "link to it from another page, add it to `navigation` in site.yaml, or give its folder an `_index.md`";
            diagnostics.push(Diagnostic::warning(Location::new(&page.display, 1, 1), message).with_help(help));
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(url: &str, fragment: &str) -> InternalLink {
        InternalLink { url: url.to_owned(), fragment: Some(fragment.to_owned()), location: Location::new("content/a.md", 4, 2) }
    }

    #[test]
    fn ids_come_from_every_element() {
        let ids = html_ids(r#"<h2 id="one">x</h2><div id="two"></div><a name="three"></a><p name="no"></p>"#);
        let mut ids: Vec<_> = ids.into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["one", "three", "two"]);
    }

    #[test]
    fn ids_in_templates_not_counted() {
        let counts = id_counts(r#"<p id="a"></p><template><p id="a"></p><i id="b"></i></template><template><i id="b"></i></template>"#);
        assert_eq!(counts.get("a"), Some(&1));
        assert_eq!(counts.get("b"), None);
    }

    #[test]
    fn missing_anchor_is_reported_with_suggestion() {
        let links = [link("/b/", "the-four-function"), link("/b/", "the-four-functions"), link("", "top")];
        let pages = [
            RenderedPage { url: "/a/".into(), html: r#"<main id="top"></main>"#, links: &links },
            RenderedPage { url: "/b/".into(), html: r#"<h2 id="the-four-functions"></h2>"#, links: &[] },
        ];
        let errors = check_anchors(&pages);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location, Location::new("content/a.md", 4, 2));
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `#the-four-functions`?"));
    }

    #[test]
    fn encoded_fragment_matches_unicode_id() {
        let links = [link("", "f%C3%A0ilte")];
        let pages = [RenderedPage { url: "/a/".into(), html: r#"<h2 id="fàilte"></h2>"#, links: &links }];
        assert!(check_anchors(&pages).is_empty());
    }
}
