//! The client-side search index: one JSON file listing every page and every resource of the library
//! with its title, section, headings and plain text. `js/search.js` fetches it the first time a search
//! box is used and does the matching in the browser.
//!
//! The file name carries a content hash (`assets/search-index.<hash>.json`), so it can be cached for
//! ever. Templates get its URL, and the search page's URL, as `search.index_url` and `search.page_url`.
//!
//! The index keeps the text as written, only tidied (see [`text::normalise`]): the browser folds case
//! and accents itself, because it needs the original words to show snippets.

mod page;
pub mod text;

use serde::Serialize;

use crate::assets::content_hash;
use crate::model::resources::{Library, Resource};
use crate::model::{PageKind, Site};
use crate::render::body::RenderedBody;

pub use page::search_page;

/// Version of the index format, read by `js/search.js`; raise it when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// Output folder of the search page.
pub const PAGE_PATH: &str = "search/";

/// Output folder of the index file, shared with the other hashed assets.
const INDEX_DIR: &str = "assets";

/// One searchable document: a page or a resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// `page` or `resource`.
    pub kind: &'static str,
    /// Absolute URL path, including the base path.
    pub url: String,
    pub title: String,
    /// Title of the top-level section the page belongs to, or an empty string.
    pub section: String,
    pub headings: Vec<DocumentHeading>,
    pub text: String,
    /// Position in the site's reading order, so equal scores keep the guide's order.
    #[serde(skip)]
    order: usize,
}

/// A heading of a page, so a result can link straight to the part of the page that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentHeading {
    pub id: String,
    pub text: String,
}

/// The built index: the file to write and the values templates need.
#[derive(Debug)]
pub struct SearchIndex {
    /// Output path of the index file, such as `assets/search-index.0123456789.json`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub documents: Vec<Document>,
    pub values: SearchValues,
}

/// The template value `search`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchValues {
    pub index_url: String,
    pub page_url: String,
}

#[derive(Serialize)]
struct IndexFile<'a> {
    version: u32,
    documents: &'a [Document],
}

/// Builds the index from the rendered pages, given as (page index, rendered body) pairs, and the
/// resources. Pages come first in reading order, then resources in the library's order.
pub fn build(site: &Site, pages: &[(usize, RenderedBody)], library: &Library) -> SearchIndex {
    let mut documents: Vec<Document> = pages.iter().map(|(index, body)| page_document(site, *index, body)).collect();
    documents.sort_by_key(|document| document.order);

    let section = Library::page(site).map(|index| text::normalise(site.pages[index].title())).unwrap_or_default();
    documents.extend(library.items.iter().map(|resource| resource_document(site, resource, &section)));
    finish(site, documents)
}

/// Writes `documents` as the index file and names it by its content hash.
fn finish(site: &Site, documents: Vec<Document>) -> SearchIndex {
    let file = IndexFile { version: FORMAT_VERSION, documents: &documents };
    // serde_json fails only on maps with non-string keys or failing Serialize impls, and a document has
    // neither. The fallback, an empty file, makes the browser report the index as unavailable.
    let bytes = serde_json::to_vec(&file).unwrap_or_default();
    let path = format!("{INDEX_DIR}/search-index.{}.json", content_hash(&bytes));
    let values = SearchValues { index_url: site.url(&path), page_url: site.url(PAGE_PATH) };
    SearchIndex { path, bytes, documents, values }
}

fn page_document(site: &Site, index: usize, body: &RenderedBody) -> Document {
    let page = &site.pages[index];
    let title = if page.title().trim().is_empty() { &site.config.title } else { page.title() };

    let mut text = text::normalise(&page.front_matter.description);
    let body_text = text::normalise(&body.plain_text);
    if !text.is_empty() && !body_text.is_empty() {
        text.push(' ');
    }
    text.push_str(&body_text);

    // Level 1 headings repeat the title, which is indexed already.
    let headings = body
        .headings
        .iter()
        .filter(|heading| heading.level >= 2)
        .map(|heading| DocumentHeading { id: heading.id.clone(), text: text::normalise(&heading.text) })
        .collect();

    Document {
        kind: "page",
        url: site.page_url(index),
        title: text::normalise(title),
        section: section_title(site, index),
        headings,
        text,
        order: site.reading_order.iter().position(|&i| i == index).unwrap_or(usize::MAX),
    }
}

/// Describes a resource by its title, summary and tags, under the library page's title as section.
fn resource_document(site: &Site, resource: &Resource, section: &str) -> Document {
    let mut text = text::normalise(&resource.summary);
    if !resource.tags.is_empty() {
        text.push_str(" Tags: ");
        text.push_str(&text::normalise(&resource.tags.join(", ")));
    }
    Document {
        kind: "resource",
        url: site.url(&resource.path()),
        title: text::normalise(&resource.title),
        section: section.to_owned(),
        headings: Vec::new(),
        text,
        order: usize::MAX,
    }
}

/// Returns the title of the top-level section above the page: `Step 1` for `step-1/data.md`, and an
/// empty string for the home page and for top-level sections themselves.
fn section_title(site: &Site, index: usize) -> String {
    let ancestors = site.ancestors(index);
    let top = ancestors.iter().copied().find(|&i| site.pages[i].kind == PageKind::Section);
    top.map(|i| text::normalise(site.pages[i].title())).unwrap_or_default()
}

#[cfg(test)]
mod tests;
