//! A selection of resources by facet values and tag, as the `resources` shortcode makes it. The
//! library page's script applies the same rules in the browser, so [`Filter::query`] opens the library
//! showing the same resources.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::Resource;
use super::facets::{ALL_LEVELS, FILTER_ORDER, FUNCTION, Facet, LEVEL};

/// Characters percent-encoded in query values: all but letters, digits and `-._~`, which URLs never
/// need to encode.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// One wanted value per facet at most, and an optional tag; a resource must match all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `(facet name, value)` pairs, in the library's filter order.
    pub values: Vec<(&'static str, String)>,
    pub tag: Option<String>,
}

impl Filter {
    /// Adds a wanted `value` of `facet`.
    pub fn require(&mut self, facet: &Facet, value: String) {
        self.values.push((facet.name, value));
        self.values.sort_by_key(|(name, _)| FILTER_ORDER.iter().position(|facet| facet.name == *name));
    }

    pub fn matches(&self, resource: &Resource) -> bool {
        let facets_match = self.values.iter().all(|(name, wanted)| {
            let values = resource.values(name);
            let every_function = *name == FUNCTION.name && values.is_empty();
            let every_level = *name == LEVEL.name && values.iter().any(|v| v == ALL_LEVELS);
            every_function || every_level || values.iter().any(|value| value == wanted)
        });
        let tag_matches = self.tag.as_ref().is_none_or(|tag| resource.tags.iter().any(|t| t == tag));
        facets_match && tag_matches
    }

    /// Returns the URL query that opens the library filtered the same way, such as `?function=F1&step=4`, or
    /// an empty string when nothing is filtered.
    pub fn query(&self) -> String {
        let mut pairs: Vec<String> =
            self.values.iter().map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, QUERY_VALUE))).collect();
        if let Some(tag) = &self.tag {
            pairs.push(format!("tag={}", utf8_percent_encode(tag, QUERY_VALUE)));
        }
        if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) }
    }

    /// Describes the filter in words, such as `F1 Avoiding distress, Step 4: Co-create the plan`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .values
            .iter()
            .map(|(name, value)| match FILTER_ORDER.iter().find(|facet| facet.name == *name) {
                Some(facet) => facet.label(value).to_owned(),
                None => value.clone(),
            })
            .collect();
        if let Some(tag) = &self.tag {
            parts.push(format!("tagged “{tag}”"));
        }
        parts.join(", ")
    }
}
