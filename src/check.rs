//! The check stage: every internal link's anchor must exist on the page it points to.
//!
//! Anchors are read from each page's final HTML, so ids written by templates and by raw HTML in the
//! Markdown count as well as heading ids. Links to pages that do not exist are reported earlier, when
//! the Markdown is rendered, because that is where the source path is resolved.

use std::collections::{HashMap, HashSet};

use html5gum::{Token, Tokenizer};

use crate::diagnostics::{Diagnostic, closest};
use crate::parse::markdown::InternalLink;

/// A rendered page as the check stage sees it.
pub struct RenderedPage<'a> {
    /// The page's URL path, such as `/step-1/`.
    pub url: String,
    pub html: &'a str,
    /// Internal links from the page's Markdown.
    pub links: &'a [InternalLink],
}

/// Returns the values of every `id` attribute (and `name` on `<a>`) in `html`.
pub fn html_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    for token in Tokenizer::new(html).flatten() {
        if let Token::StartTag(tag) = token {
            for (name, value) in &tag.attributes {
                let is_anchor = name.as_slice() == b"id" || (tag.name.as_slice() == b"a" && name.as_slice() == b"name");
                if is_anchor {
                    ids.insert(String::from_utf8_lossy(value).into_owned());
                }
            }
        }
    }
    ids
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

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
