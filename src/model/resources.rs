//! The resource library: records read from `content/resources/*.yaml`, each a list under `resources:`.
//!
//! A record describes one resource: id, title, summary, `link` (an http or https address) or `file`
//! (a page or file of this site), type, audience, curriculum level, step, function, tier, tags and the
//! date it was last reviewed. Every record gets a page at `/resources/<id>/`, the library page
//! (`content/resources/_index.md` with `template: library.html`) lists them all, and the `resources`
//! shortcode lists a selection inside any page.
//!
//! Records are checked in three passes. [`load`] checks each record on its own, and ids across files.
//! [`resolve`] then sets URLs and checks what needs the site tree, such as whether a `file` page is
//! published. [`check_files`] checks `file` targets that are not pages against the site's files.

mod date;
pub mod facets;
pub mod filter;
mod listing;
mod pages;
mod records;
mod target;
mod validate;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::load::{Sources, TextFile};
use crate::model::Site;
use crate::yaml::{self, ValuePositions, YamlSource};

pub use date::Date;
pub use facets::Facet;
pub use listing::shortcode_context;
pub use pages::pages;
pub use target::Target;

/// The source of the library page, under `content/`.
pub const LIBRARY_PAGE: &str = "resources/_index.md";

/// One checked resource record.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Lower-case letters, digits and hyphens; the last part of the resource page's address.
    pub id: String,
    pub title: String,
    pub summary: String,
    /// One of [`facets::TYPES`].
    pub kind: String,
    pub audience: Vec<String>,
    pub level: Vec<String>,
    /// Steps as text, `"1"` to `"5"`.
    pub step: Vec<String>,
    /// `"F1"` to `"F4"`; empty for a resource that serves every function.
    pub function: Vec<String>,
    /// Tiers as text, `"1"` to `"3"`.
    pub tier: Vec<String>,
    pub tags: Vec<String>,
    pub reviewed: Date,
    pub target: Target,
    /// The URL of the resource's own page; empty until [`resolve`] sets it.
    pub url: String,
    /// The URL the resource opens (its link, or its file's URL); empty until [`resolve`] sets it.
    pub href: String,
    pub id_location: Location,
    /// Location of the `link` or `file` value.
    pub target_location: Location,
}

impl Resource {
    /// Returns the values of the facet named `name`, such as the steps for `step`.
    pub fn values(&self, name: &str) -> &[String] {
        match name {
            "type" => std::slice::from_ref(&self.kind),
            "audience" => &self.audience,
            "level" => &self.level,
            "step" => &self.step,
            "function" => &self.function,
            "tier" => &self.tier,
            _ => &[],
        }
    }

    /// Returns the output path of the resource's page, relative to the site root.
    pub fn path(&self) -> String {
        format!("resources/{}/", self.id)
    }
}

/// Every resource of the site, ordered by title. Templates receive it as `resources`: `items` (the
/// resources, see [`ResourceView`]), `count`, and `facets` (the library's filter groups with their
/// options and counts).
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub items: Vec<Resource>,
}

impl Serialize for Library {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct LibraryValues<'a> {
            items: Vec<ResourceView<'a>>,
            count: usize,
            facets: Vec<FilterGroup>,
        }
        LibraryValues { items: self.items.iter().map(ResourceView::of).collect(), count: self.items.len(), facets: self.filter_groups() }
            .serialize(serializer)
    }
}

/// A resource as templates see it.
#[derive(Debug, Serialize)]
pub struct ResourceView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// The URL of the resource's own page.
    pub url: &'a str,
    /// The URL the resource opens.
    pub href: &'a str,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub tags: Vec<LabelledValue>,
    pub reviewed: String,
    /// The review date in words, such as `31 January 2025`.
    pub reviewed_label: String,
    /// The facets that have values, in display order.
    pub facets: Vec<FacetValues>,
}

#[derive(Debug, Serialize)]
pub struct FacetValues {
    pub name: &'static str,
    pub heading: &'static str,
    pub values: Vec<LabelledValue>,
}

#[derive(Debug, Serialize)]
pub struct LabelledValue {
    pub value: String,
    pub label: String,
    /// The library query that shows resources with this value, such as `?step=4`.
    pub query: String,
}

impl<'a> ResourceView<'a> {
    pub fn of(resource: &'a Resource) -> Self {
        let facets = facets::DISPLAY_ORDER
            .iter()
            .map(|facet| FacetValues {
                name: facet.name,
                heading: facet.heading,
                values: resource
                    .values(facet.name)
                    .iter()
                    .map(|value| LabelledValue {
                        value: value.clone(),
                        label: facet.label(value).to_owned(),
                        query: library_query(facet, value),
                    })
                    .collect(),
            })
            .filter(|facet| !facet.values.is_empty())
            .collect();
        Self {
            id: &resource.id,
            title: &resource.title,
            summary: &resource.summary,
            url: &resource.url,
            href: &resource.href,
            kind: &resource.kind,
            tags: resource.tags.iter().map(|tag| LabelledValue { value: tag.clone(), label: tag.clone(), query: tag_query(tag) }).collect(),
            reviewed: resource.reviewed.to_string(),
            reviewed_label: resource.reviewed.long(),
            facets,
        }
    }
}

/// Returns the library query for one facet value. "All levels" has no filter of its own, so its query
/// is empty and opens the whole library.
fn library_query(facet: &Facet, value: &str) -> String {
    if facet.filter_values().any(|allowed| allowed == value) {
        format!("?{}={value}", facet.name)
    } else {
        String::new()
    }
}

fn tag_query(tag: &str) -> String {
    filter::Filter { tag: Some(tag.to_owned()), ..filter::Filter::default() }.query()
}

/// A filter group of the library page.
#[derive(Debug, Serialize)]
pub struct FilterGroup {
    pub name: &'static str,
    pub legend: &'static str,
    pub options: Vec<FilterOption>,
}

#[derive(Debug, Serialize)]
pub struct FilterOption {
    pub value: &'static str,
    pub label: &'static str,
    /// How many resources have the value, with no other filter set.
    pub count: usize,
}

impl Library {
    fn filter_groups(&self) -> Vec<FilterGroup> {
        facets::FILTER_ORDER
            .iter()
            .map(|facet| FilterGroup {
                name: facet.name,
                legend: facet.legend,
                options: facet
                    .filter_values()
                    .map(|value| {
                        let mut filter = filter::Filter::default();
                        filter.require(facet, value.to_owned());
                        let count = self.items.iter().filter(|resource| filter.matches(resource)).count();
                        FilterOption { value, label: facet.label(value), count }
                    })
                    .collect(),
            })
            .collect()
    }

    /// Returns the library page's index, if the site has one.
    pub fn page(site: &Site) -> Option<usize> {
        site.page_index(LIBRARY_PAGE)
    }
}

/// Reads and checks every resource file. `files` are the YAML files under `content/resources/`.
pub fn load(files: &[&TextFile]) -> (Library, Vec<Diagnostic>) {
    let mut library = Library::default();
    let mut diagnostics = Vec::new();
    let mut seen = validate::SeenIds::new();

    for file in files {
        let source = YamlSource { file: &file.display, text: &file.text, first_line: 1 };
        let parsed: records::ResourceFile = match yaml::parse(&source) {
            Ok(parsed) => parsed,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let positions = ValuePositions::of(&source);
        let folder = file.path.rsplit_once('/').map_or("", |(folder, _)| folder);
        for (index, raw) in parsed.resources.into_iter().enumerate() {
            if let Some(resource) = validate::record(raw, index, folder, &positions, &mut seen, &mut diagnostics) {
                library.items.push(resource);
            }
        }
    }

    library.items.sort_by(|a, b| (a.title.to_lowercase(), &a.id).cmp(&(b.title.to_lowercase(), &b.id)));
    (library, diagnostics)
}

/// Sets each resource's URLs, and checks that each `file` page is published and that no Markdown
/// page is published where a resource's page goes.
pub fn resolve(site: &Site, library: &mut Library) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for resource in &mut library.items {
        resource.url = site.url(&resource.path());
        resource.href = resource.target.href(site);

        if let Some(rejection) = target::missing_page(&resource.target, site) {
            diagnostics.push(target_error(resource, rejection));
        }
        let path = resource.path();
        if let Some(page) = site.pages.iter().find(|page| page.path == path) {
            let message =
                format!("the page of resource `{}` would be published at `{}`, where `{}` is published", resource.id, resource.url, page.display);
            let help = "change the resource's id, or move the Markdown page";
            diagnostics.push(Diagnostic::error(resource.id_location.clone(), message).with_help(help));
        }
    }
    diagnostics
}

/// Checks that each `file` target that is not a Markdown page is one of the site's files.
///
/// NOTE: the build does not call this yet, because `data::resolve` does not receive the loaded sources.
/// Until it does, a `file` that names a missing PDF or other non-page file is not reported.
pub fn check_files(sources: &Sources, library: &Library) -> Vec<Diagnostic> {
    library
        .items
        .iter()
        .filter_map(|resource| target::missing_file(&resource.target, sources).map(|rejection| target_error(resource, rejection)))
        .collect()
}

fn target_error(resource: &Resource, rejection: target::Rejection) -> Diagnostic {
    let message = format!("{} in resource `{}`", rejection.message, resource.id);
    Diagnostic::error(resource.target_location.clone(), message).with_help(rejection.help)
}

#[cfg(test)]
mod tests;
