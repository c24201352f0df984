//! The search page at `/search/`: full results for `?q=` when JavaScript runs, and an A–Z list of
//! every indexed page and resource, which is what readers without JavaScript get.

use serde::Serialize;

use super::{PAGE_PATH, SearchIndex};
use crate::model::Site;
use crate::render::context::GeneratedPage;

#[derive(Serialize)]
struct ListEntry<'a> {
    title: &'a str,
    url: &'a str,
    section: &'a str,
    kind: &'static str,
}

/// Returns the search page, or None when a content page is already published at `/search/`; that page
/// wins, and can use the `search.html` template itself.
pub fn search_page(site: &Site, index: &SearchIndex) -> Option<GeneratedPage> {
    if site.pages.iter().any(|page| page.path == PAGE_PATH) {
        return None;
    }

    let mut entries: Vec<ListEntry> = index
        .documents
        .iter()
        .map(|document| ListEntry {
            title: &document.title,
            url: &document.url,
            section: &document.section,
            kind: document.kind,
        })
        .collect();
    entries.sort_by_cached_key(|entry| (entry.title.to_lowercase(), entry.url.to_owned()));

    Some(GeneratedPage {
        path: PAGE_PATH.to_owned(),
        template: "search.html",
        title: "Search".to_owned(),
        description: "Search every page and resource of this guide.".to_owned(),
        item: serde_json::json!({ "entries": entries }),
        parent: None,
    })
}
