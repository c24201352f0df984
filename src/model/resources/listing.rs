//! Data for the `resources` shortcode: `{{ resources(function="F1", step=4, tier=2, limit=5) }}` lists
//! the matching resources and links to the library filtered the same way.
//!
//! The shortcode registry has already checked the arguments' names and types, and the values of
//! `function`, `type`, `audience` and `level`. The ranges of the numbers and the tag are checked here.

use serde::Serialize;
use tera::Context;

use super::Library;
use super::facets::{AUDIENCE, FUNCTION, Facet, LEVEL, STEP, TIER, TYPE};
use super::filter::Filter;
use crate::diagnostics::{Diagnostic, closest};
use crate::model::Site;
use crate::parse::shortcodes::{Argument, Call};

/// The shortcode template's `resource_list`.
#[derive(Debug, Serialize)]
struct ResourceList {
    items: Vec<ListedResource>,
    /// How many resources match, before `limit`.
    total: usize,
    /// The library page filtered like the list, or null when the site has no library page.
    library_url: Option<String>,
    /// The filter in words, such as `F1 Avoiding distress, Tier 2: targeted`; empty for no filter.
    description: String,
}

#[derive(Debug, Serialize)]
struct ListedResource {
    title: String,
    url: String,
    summary: String,
    type_label: String,
}

/// Checks the call's values against the library and returns `resource_list` for the template.
pub fn shortcode_context(call: &Call, site: &Site, library: &Library) -> Result<Context, Diagnostic> {
    let filter = filter_of(call, library)?;
    let limit = match call.arguments.get("limit") {
        Some(Argument::Integer(limit)) if *limit >= 1 => usize::try_from(*limit).unwrap_or(usize::MAX),
        Some(other) => return Err(out_of_range(call, "limit", other, "it must be 1 or more")),
        None => usize::MAX,
    };

    let matching: Vec<_> = library.items.iter().filter(|resource| filter.matches(resource)).collect();
    let items = matching
        .iter()
        .take(limit)
        .map(|resource| ListedResource {
            title: resource.title.clone(),
            url: resource.url.clone(),
            summary: resource.summary.clone(),
            type_label: TYPE.label(&resource.kind).to_owned(),
        })
        .collect();
    let library_url = Library::page(site).map(|index| site.page_url(index) + &filter.query());

    let list = ResourceList { items, total: matching.len(), library_url, description: filter.describe() };
    let mut context = Context::new();
    context.insert("resource_list", &list);
    Ok(context)
}

fn filter_of(call: &Call, library: &Library) -> Result<Filter, Diagnostic> {
    let mut filter = Filter::default();
    for facet in [&FUNCTION, &TYPE, &AUDIENCE, &LEVEL] {
        if let Some(value) = call.arguments.get(facet.name) {
            filter.require(facet, value.to_text());
        }
    }
    for (facet, what) in [(&STEP, "steps are 1 to 5"), (&TIER, "tiers are 1 to 3")] {
        if let Some(value) = call.arguments.get(facet.name) {
            filter.require(facet, numbered_value(call, facet, value, what)?);
        }
    }

    if let Some(argument) = call.arguments.get("tag") {
        let tag = argument.to_text();
        let mut known: Vec<&str> = library.items.iter().flat_map(|resource| resource.tags.iter().map(String::as_str)).collect();
        known.sort_unstable();
        known.dedup();
        if !known.contains(&tag.as_str()) {
            let message = format!("no resource has the tag `{tag}` (argument `tag` of `{}`)", call.name);
            let help = match closest(&tag, known.iter().copied()) {
                Some(suggestion) => format!("did you mean `\"{suggestion}\"`?"),
                None => "use a tag from the `tags` of a record in content/resources/".to_owned(),
            };
            return Err(Diagnostic::error(call.location.clone(), message).with_help(help));
        }
        filter.tag = Some(tag);
    }
    Ok(filter)
}

fn numbered_value(call: &Call, facet: &Facet, value: &Argument, what: &str) -> Result<String, Diagnostic> {
    let text = value.to_text();
    if facet.allows(&text) {
        Ok(text)
    } else {
        Err(out_of_range(call, facet.name, value, what))
    }
}

fn out_of_range(call: &Call, name: &str, value: &Argument, expected: &str) -> Diagnostic {
    let message = format!("argument `{name}` of `{}` is `{}`, but {expected}", call.name, value.to_text());
    Diagnostic::error(call.location.clone(), message).with_help("write a whole number in that range, without quotes")
}
