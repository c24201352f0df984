//! A page per resource at `/resources/<id>/`, rendered with the theme's `resource.html`.

use serde::Serialize;

use super::{Library, Resource, ResourceView, Target};
use crate::model::Site;
use crate::render::context::GeneratedPage;

/// The template context's `item` on a resource page: the resource as the library shows it, plus the
/// link that opens it and the library's URL.
#[derive(Serialize)]
struct PageItem<'a> {
    #[serde(flatten)]
    resource: ResourceView<'a>,
    open: OpenLink,
    /// The library page's URL, or null when the site has no library page.
    library_url: Option<String>,
}

/// The link that opens the resource itself.
#[derive(Serialize)]
struct OpenLink {
    href: String,
    /// The link text, such as `Open “Intervention plan template”`.
    label: String,
    /// Whether the link leaves this site.
    external: bool,
    /// The other site's host name, for links that leave this site.
    host: Option<String>,
}

/// Returns the resource pages. Their parent is the library page, when the site has one.
pub fn pages(site: &Site, library: &Library) -> Vec<GeneratedPage> {
    let parent = Library::page(site);
    let library_url = parent.map(|index| site.page_url(index));
    library
        .items
        .iter()
        .map(|resource| {
            let item = PageItem {
                resource: ResourceView::of(resource),
                open: open_link(site, resource),
                library_url: library_url.clone(),
            };
            GeneratedPage {
                path: resource.path(),
                template: "resource.html",
                title: resource.title.clone(),
                description: resource.summary.clone(),
                item: serde_json::to_value(item).unwrap_or_default(),
                parent,
            }
        })
        .collect()
}

fn open_link(site: &Site, resource: &Resource) -> OpenLink {
    match &resource.target {
        Target::Link { url } => {
            let host = url.split_once("//").and_then(|(_, rest)| rest.split(['/', '?', '#']).next()).unwrap_or_default();
            let label = if resource.kind == "website" { "Visit the website" } else { "Open the resource" };
            OpenLink { href: resource.href.clone(), label: label.to_owned(), external: true, host: Some(host.to_owned()) }
        }
        Target::File { source, .. } => {
            let label = match resource.target.page_title(site) {
                Some(title) => format!("Open “{title}”"),
                None => format!("Download {}", source.rsplit('/').next().unwrap_or(source)),
            };
            OpenLink { href: resource.href.clone(), label, external: false, host: None }
        }
    }
}
