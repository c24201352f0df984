//! The values each template receives: `site`, `page`, `assets`, `engine` and `csp`.
//! Their names are part of the theme contract, documented in the theme's `templates/base.html`.

use serde::Serialize;
use tera::Context;

pub use crate::assets::AssetUrls;
use crate::model::{PageKind, Site};
use crate::parse::markdown::Heading;
use crate::search::SearchValues;

#[derive(Serialize)]
struct SiteValues<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    organisation: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    /// A whole number when the threshold is one, so templates show `90`, not `90.0`.
    attendance_threshold: serde_json::Value,
    navigation: Vec<NavigationValue>,
}

#[derive(Serialize)]
struct NavigationValue {
    title: String,
    url: String,
    active: bool,
}

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
    description: String,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct PageValues<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    url: String,
    content: &'a str,
    toc: Vec<TocEntry<'a>>,
    extra: &'a serde_yaml::Mapping,
    ancestors: Vec<Link>,
    pages: Vec<Link>,
    sections: Vec<Link>,
    previous: Option<Link>,
    next: Option<Link>,
}

fn threshold_value(threshold: f64) -> serde_json::Value {
    if threshold.fract() == 0.0 { serde_json::Value::from(threshold as i64) } else { serde_json::Value::from(threshold) }
}

/// A page's own values for its template, besides the site's.
pub struct PageInput<'a> {
    pub index: usize,
    pub html: &'a str,
    pub headings: &'a [Heading],
}

fn link(site: &Site, index: usize) -> Link {
    let page = &site.pages[index];
    Link { title: page.title().to_owned(), url: site.page_url(index), description: page.front_matter.description.clone() }
}

/// Builds the context of a page's template.
pub fn page_context(site: &Site, input: &PageInput, shared: &Shared) -> Context {
    let page = &site.pages[input.index];
    let (previous, next) = site.neighbours(input.index);
    let (sections, pages): (Vec<usize>, Vec<usize>) =
        page.children.iter().partition(|&&child| site.pages[child].kind == PageKind::Section);

    let values = PageValues {
        kind: page.kind.name(),
        title: page.title(),
        description: &page.front_matter.description,
        url: site.page_url(input.index),
        content: input.html,
        toc: input.headings.iter().map(|h| TocEntry { level: h.level, id: &h.id, text: &h.text }).collect(),
        extra: &page.front_matter.extra,
        ancestors: site.ancestors(input.index).into_iter().map(|i| link(site, i)).collect(),
        pages: pages.into_iter().map(|i| link(site, i)).collect(),
        sections: sections.into_iter().map(|i| link(site, i)).collect(),
        previous: previous.map(|i| link(site, i)),
        next: next.map(|i| link(site, i)),
    };

    let mut context = common_context(site, Some(input.index), shared);
    context.insert("page", &values);
    context
}

/// A page made from data rather than Markdown, such as a resource's own page.
#[derive(Debug, Clone)]
pub struct GeneratedPage {
    /// Output folder relative to the output root, ending in `/`: `resources/f1-relaxation/`.
    pub path: String,
    pub template: &'static str,
    pub title: String,
    pub description: String,
    /// The page's data, given to the template as `item`.
    pub item: serde_json::Value,
    /// The section it belongs to, for breadcrumbs and the active navigation entry.
    pub parent: Option<usize>,
}

/// Builds the context of a generated page: `page` (kind `generated`) and `item`.
pub fn generated_context(site: &Site, page: &GeneratedPage, shared: &Shared) -> Context {
    let empty = serde_yaml::Mapping::new();
    let mut ancestors: Vec<Link> = Vec::new();
    if let Some(parent) = page.parent {
        ancestors = site.ancestors(parent).into_iter().map(|i| link(site, i)).collect();
        ancestors.push(link(site, parent));
    }
    let values = PageValues {
        kind: "generated",
        title: &page.title,
        description: &page.description,
        url: site.url(&page.path),
        content: "",
        toc: Vec::new(),
        extra: &empty,
        ancestors,
        pages: Vec::new(),
        sections: Vec::new(),
        previous: None,
        next: None,
    };
    let mut context = common_context(site, page.parent, shared);
    context.insert("page", &values);
    context.insert("item", &page.item);
    context
}

/// Builds the context of the "page not found" template.
pub fn not_found_context(site: &Site, shared: &Shared) -> Context {
    let empty = serde_yaml::Mapping::new();
    let values = PageValues {
        kind: "not_found",
        title: "Page not found",
        description: "",
        url: site.url("404.html"),
        content: "",
        toc: Vec::new(),
        extra: &empty,
        ancestors: Vec::new(),
        pages: Vec::new(),
        sections: Vec::new(),
        previous: None,
        next: None,
    };
    let mut context = common_context(site, None, shared);
    context.insert("page", &values);
    context
}

/// Values that are the same for every page of a build.
pub struct Shared<'a> {
    pub assets: &'a AssetUrls,
    pub engine_version: &'a str,
    /// Values from the data files, such as `resources`, merged into every context.
    pub data: &'a Context,
    /// The search index's and search page's URLs; None while the page bodies are still being rendered.
    pub search: Option<&'a SearchValues>,
}

/// Builds the values every template shares: `site`, `assets`, `engine`, `csp` and the data files' values.
/// `current` marks the active navigation entry.
pub fn common_context(site: &Site, current: Option<usize>, shared: &Shared) -> Context {
    let current_trail: Vec<usize> = match current {
        Some(index) => {
            let mut trail = site.ancestors(index);
            trail.push(index);
            trail
        }
        None => Vec::new(),
    };
    let navigation = site
        .config
        .navigation
        .iter()
        .filter_map(|entry| {
            let index = site.page_index(&entry.page)?;
            let active = match site.pages[index].kind {
                PageKind::Home => current == Some(index),
                _ => current_trail.contains(&index),
            };
            Some(NavigationValue { title: entry.title.clone(), url: site.page_url(index), active })
        })
        .collect();

    let config = &site.config;
    let values = SiteValues {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        organisation: &config.organisation,
        base_url: &config.base_url,
        base_path: &site.base_path,
        attendance_threshold: threshold_value(config.attendance_threshold),
        navigation,
    };

    let mut context = shared.data.clone();
    context.insert("site", &values);
    context.insert("assets", shared.assets);
    context.insert("engine", &serde_json::json!({ "version": shared.engine_version }));
    context.insert("csp", super::CONTENT_SECURITY_POLICY);
    context.insert("search", &shared.search);
    context
}
