//! Checks resource records and turns them into [`Resource`]s, reporting every problem at the value
//! that causes it (or at the record, for a missing key).

use std::collections::HashMap;

use super::Resource;
use super::date::Date;
use super::facets::{AUDIENCE, FUNCTION, Facet, LEVEL, STEP, TIER, TYPE};
use super::records::{RawResource, Scalar, Values};
use super::target::{self, Rejection, Target};
use crate::diagnostics::{Diagnostic, Location};
use crate::yaml::ValuePositions;

/// The first record of each id, across all resource files.
pub type SeenIds = HashMap<String, Location>;

/// Checks one record, the `index`-th of its file. `folder` is the file's folder under `content/`.
/// Returns the resource when the record has no errors.
pub fn record(
    raw: RawResource,
    index: usize,
    folder: &str,
    positions: &ValuePositions,
    seen: &mut SeenIds,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Resource> {
    let mut check = Checker { positions, index: index.to_string(), name: format!("resource {}", index + 1), errors: 0, diagnostics };

    let id = check.id(raw.id.as_ref(), seen);
    if let Some(id) = &id {
        check.name = format!("resource `{id}`");
    }
    let title = check.text(raw.title.as_ref(), "title");
    let summary = check.text(raw.summary.as_ref(), "summary");
    let kind = check.kind(raw.kind.as_ref());
    let audience = check.facet(raw.audience.as_ref(), &AUDIENCE, true);
    let level = check.facet(raw.level.as_ref(), &LEVEL, true);
    let step = check.facet(raw.step.as_ref(), &STEP, true);
    let function = check.facet(raw.function.as_ref(), &FUNCTION, false);
    let tier = check.facet(raw.tier.as_ref(), &TIER, true);
    let tags = check.tags(raw.tags.as_ref());
    let reviewed = check.reviewed(raw.reviewed.as_ref());
    let (target, target_location) = check.target(raw.link.as_ref(), raw.file.as_ref(), folder)?;

    if check.errors > 0 {
        return None;
    }
    let id_location = check.at(&["id"]);
    Some(Resource {
        id: id?,
        title: title?,
        summary: summary?,
        kind: kind?,
        audience,
        level,
        step,
        function,
        tier,
        tags,
        reviewed: reviewed?,
        target,
        url: String::new(),
        href: String::new(),
        id_location,
        target_location,
    })
}

struct Checker<'a> {
    positions: &'a ValuePositions,
    /// The record's index in its file's `resources` list, as a path segment.
    index: String,
    /// Name of the record in messages: its id, or its position when it has no valid id.
    name: String,
    errors: usize,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Returns the location of the value at `path` inside the record, or of the record itself.
    fn at(&self, path: &[&str]) -> Location {
        let mut full = vec!["resources", self.index.as_str()];
        full.extend_from_slice(path);
        self.positions.location(&full)
    }

    fn error(&mut self, location: Location, message: String, help: impl Into<String>) {
        self.errors += 1;
        self.diagnostics.push(Diagnostic::error(location, message).with_help(help));
    }

    /// Returns the id when it is well formed, also when it repeats an earlier id (reported as an
    /// error), so that later messages can name the record by its id.
    fn id(&mut self, raw: Option<&Scalar>, seen: &mut SeenIds) -> Option<String> {
        let Some(id) = raw.map(Scalar::text).filter(|id| !id.is_empty()) else {
            let message = format!("{} has no `id`", self.name);
            let help = "add `id: …`, a short name of lower-case letters, digits and hyphens such as `calm-breathing`; \
                        the resource's page is published at /resources/<id>/";
            self.error(self.at(&["id"]), message, help);
            return None;
        };
        if !is_slug(id) {
            let message = format!("invalid id `{id}`: use lower-case letters, digits and single hyphens");
            let help = format!("for example `{}`", slugify(id));
            self.error(self.at(&["id"]), message, help);
            return None;
        }
        let location = self.at(&["id"]);
        match seen.get(id) {
            Some(first) => {
                let message = format!("duplicate resource id `{id}`: it is already used at {}:{}", first.file, first.line);
                let help = "give each resource its own id, because the id is the address of its page, /resources/<id>/";
                self.error(location, message, help);
            }
            None => {
                seen.insert(id.to_owned(), location);
            }
        }
        Some(id.to_owned())
    }

    fn text(&mut self, raw: Option<&Scalar>, key: &str) -> Option<String> {
        match raw.map(Scalar::text) {
            Some(text) if !text.is_empty() => Some(text.to_owned()),
            Some(_) => {
                let message = format!("the {key} of {} is empty", self.name);
                self.error(self.at(&[key]), message, format!("write the {key} after `{key}:`"));
                None
            }
            None => {
                let message = format!("{} has no {key}", self.name);
                self.error(self.at(&[key]), message, format!("add a line `{key}: …` to the record"));
                None
            }
        }
    }

    fn kind(&mut self, raw: Option<&Scalar>) -> Option<String> {
        let allowed = TYPE.values.join(", ");
        let Some(kind) = raw.map(Scalar::text).filter(|kind| !kind.is_empty()) else {
            let message = format!("{} has no type", self.name);
            self.error(self.at(&["type"]), message, format!("add `type: …` with one of: {allowed}"));
            return None;
        };
        if TYPE.allows(kind) {
            return Some(kind.to_owned());
        }
        let location = self.at(&["type"]);
        self.unknown_value(location, &TYPE, kind);
        None
    }

    fn unknown_value(&mut self, location: Location, facet: &Facet, written: &str) {
        let allowed = facet.values.join(", ");
        let message = format!("unknown {} `{written}` in {}", facet.name, self.name);
        let help = match facet.suggest(written) {
            Some(suggestion) => format!("did you mean `{suggestion}`? Allowed values: {allowed}"),
            None => format!("use one of: {allowed}"),
        };
        self.error(location, message, help);
    }

    /// Checks a list of facet values, dropping repeats. `required` lists must have a value.
    fn facet(&mut self, raw: Option<&Values>, facet: &Facet, required: bool) -> Vec<String> {
        let items = raw.map_or(&[][..], |values| &values.items[..]);
        if items.is_empty() && required {
            let message = format!("{} has no {}", self.name, facet.name);
            let help = format!("add `{}: [...]` listing one or more of: {}", facet.name, facet.values.join(", "));
            self.error(self.at(&[facet.name]), message, help);
        }

        let mut values = Vec::new();
        for (position, item) in items.iter().enumerate() {
            let written = item.text();
            if facet.allows(written) {
                if !values.iter().any(|value| value == written) {
                    values.push(written.to_owned());
                }
                continue;
            }
            let location = self.item_location(raw, facet.name, position);
            self.unknown_value(location, facet, written);
        }
        values
    }

    fn item_location(&self, raw: Option<&Values>, key: &str, position: usize) -> Location {
        match raw {
            Some(values) if !values.single => self.at(&[key, &position.to_string()]),
            _ => self.at(&[key]),
        }
    }

    fn tags(&mut self, raw: Option<&Values>) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for (position, item) in raw.map_or(&[][..], |values| &values.items[..]).iter().enumerate() {
            let tag = item.text();
            if tag.is_empty() {
                let location = self.item_location(raw, "tags", position);
                let message = format!("{} has an empty tag", self.name);
                self.error(location, message, "remove the empty entry from `tags`");
            } else if !tags.iter().any(|seen| seen == tag) {
                tags.push(tag.to_owned());
            }
        }
        tags
    }

    fn reviewed(&mut self, raw: Option<&Scalar>) -> Option<Date> {
        let Some(written) = raw.map(Scalar::text) else {
            let message = format!("{} has no `reviewed` date", self.name);
            let help = "add `reviewed: YYYY-MM-DD`, the date someone last checked that the resource is accurate and suitable";
            self.error(self.at(&["reviewed"]), message, help);
            return None;
        };
        match Date::parse(written) {
            Ok(date) => Some(date),
            Err(reason) => {
                let message = format!("invalid date `{written}` for `reviewed` in {}: {reason}", self.name);
                self.error(self.at(&["reviewed"]), message, "write the date as YYYY-MM-DD, for example `2025-01-31`");
                None
            }
        }
    }

    /// Checks that exactly one of `link` and `file` is given and that it is allowed. Returns None,
    /// having reported the error, otherwise.
    fn target(&mut self, link: Option<&Scalar>, file: Option<&Scalar>, folder: &str) -> Option<(Target, Location)> {
        let help = "give `link:` for a web address (http or https) or `file:` for a page or file of this site";
        let (parsed, key) = match (link, file) {
            (Some(_), Some(_)) => {
                let message = format!("{} has both `link` and `file`", self.name);
                self.error(self.at(&["file"]), message, format!("keep one: {help}"));
                return None;
            }
            (None, None) => {
                let message = format!("{} has neither `link` nor `file`", self.name);
                self.error(self.at(&["link"]), message, help);
                return None;
            }
            (Some(link), None) => (target::parse_link(link.text(), folder), "link"),
            (None, Some(file)) => (target::parse_file(file.text(), folder, "file"), "file"),
        };
        let location = self.at(&[key]);
        match parsed {
            Ok(target) => Some((target, location)),
            Err(Rejection { message, help }) => {
                self.error(location, format!("{message} in {}", self.name), help);
                None
            }
        }
    }
}

/// Returns whether `id` is lower-case letters and digits in groups joined by single hyphens.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Turns `text` into an id of the allowed form, for the suggestion in a message.
fn slugify(text: &str) -> String {
    let lowered: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    let slug = lowered.split_whitespace().collect::<Vec<_>>().join("-");
    if slug.is_empty() { "my-resource".to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for id in ["a", "calm-breathing", "f1-step-4"] {
            assert!(is_slug(id), "{id}");
        }
        for id in ["", "Calm", "calm--breathing", "-calm", "calm-", "calm breathing", "café"] {
            assert!(!is_slug(id), "{id}");
        }
    }

    #[test]
    fn slug_suggestions() {
        assert_eq!(slugify("Calm Breathing!"), "calm-breathing");
        assert_eq!(slugify("F1 / step 4"), "f1-step-4");
        assert_eq!(slugify("ééé"), "my-resource");
    }
}
