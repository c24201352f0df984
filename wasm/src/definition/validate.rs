//! Checks of a whole definition that the schema alone cannot express.

use std::collections::{BTreeMap, BTreeSet};

use super::{Definition, Item, ItemKind, Scale};
use crate::code::{MAX_FORM, MAX_VERSION};

/// Largest tie tolerance, in hundredths: the whole width of a 0–6 scale.
pub const MAX_TIE_TOLERANCE_HUNDREDTHS: u32 = 600;

/// Most items one dimension may have. The bound keeps exact combined scores small enough for `u128`
/// whatever mix of answered counts the forms have.
pub const MAX_ITEMS_PER_DIMENSION: usize = 32;

/// Largest scale maximum; answer arrays passed to the wasm engine use 255 for "not answered".
pub const MAX_SCALE_MAX: u8 = 254;

/// Kind of definition problem, for tests and tools that treat some problems differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    EmptyValue,
    VersionZero,
    VersionTooLarge,
    RoleNotForAudience,
    DuplicateId,
    ScaleWithoutOptions,
    ScaleMaxOutOfRange,
    OptionValueOutOfRange,
    DuplicateOptionValue,
    NoItems,
    MissingDimension,
    EmptyDimension,
    UnknownDimension,
    MissingScale,
    UnknownScale,
    DimensionWithoutItems,
    TooManyItemsInDimension,
    MinimumAnsweredZero,
    MinimumAnsweredTooHigh,
    TieToleranceOutOfRange,
    /// A text item in a form that is scored.
    TextItemInScoredForm,
    ScaleOnTextItem,
    /// A dimension named by a form that is not scored.
    DimensionInUnscoredForm,
    ResponseCodeOnUnscoredForm,
    FormNumberOutOfRange,
    /// A retired version that is 0, not older than the current one, or listed twice.
    RetiredVersionInvalid,
    /// A retired version's item list names an item the form does not have.
    UnknownItem,
    /// Scoring rules were requested for a form that is not scored.
    NotScored,
    /// The scoring rules could not be built although validation passed: a bug in the engine.
    InvalidScoringRules,
}

/// One problem in a definition, located by the path of keys and zero-based list indexes that leads to
/// the offending value, such as `["items", "7", "dimension"]`, so a YAML reader can turn it into a line
/// and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionError {
    pub kind: ErrorKind,
    pub path: Vec<String>,
    /// Description of the problem, quoting the value.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl std::fmt::Display for DefinitionError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}: {} ({})", self.path.join("."), self.message, self.help)
    }
}

impl std::error::Error for DefinitionError {}

/// Collects errors with their paths.
struct Report {
    errors: Vec<DefinitionError>,
}

impl Report {
    fn add(&mut self, kind: ErrorKind, path: &[&str], message: String, help: impl Into<String>) {
        let path = path.iter().map(|part| (*part).to_owned()).collect();
        self.errors.push(DefinitionError {
            kind,
            path,
            message,
            help: help.into(),
        });
    }
}

impl Definition {
    /// Returns every problem found, in the order of the definition's keys; an empty list means the
    /// definition can be scored and encoded in response codes.
    pub fn validate(&self) -> Vec<DefinitionError> {
        let mut report = Report { errors: Vec::new() };
        check_header(self, &mut report);
        check_scales(self, &mut report);
        check_dimension_ids(self, &mut report);
        check_items(self, &mut report);
        check_dimension_sizes(self, &mut report);
        check_scoring(self, &mut report);
        check_response_code(self, &mut report);
        report.errors
    }
}

fn check_header(definition: &Definition, report: &mut Report) {
    if definition.id.trim().is_empty() {
        report.add(
            ErrorKind::EmptyValue,
            &["id"],
            "the definition id is empty".into(),
            "give the form a short id such as `pupil`",
        );
    }
    if definition.title.trim().is_empty() {
        report.add(
            ErrorKind::EmptyValue,
            &["title"],
            "the title is empty".into(),
            "give the form the title pupils and parents will see",
        );
    }

    if definition.version == 0 {
        report.add(
            ErrorKind::VersionZero,
            &["version"],
            "version `0` is not allowed".into(),
            "versions start at 1",
        );
    } else if definition.version > MAX_VERSION {
        report.add(
            ErrorKind::VersionTooLarge,
            &["version"],
            format!(
                "version `{}` is above {MAX_VERSION}, the largest a response code can store",
                definition.version
            ),
            format!("use a version from 1 to {MAX_VERSION}"),
        );
    }

    let combination = &definition.combination;
    if combination.group.trim().is_empty() {
        report.add(
            ErrorKind::EmptyValue,
            &["combination", "group"],
            "the combination group is empty".into(),
            "name the group of forms this one combines with, such as `attendance-functions`",
        );
    }
    if combination.role.audience() != definition.audience {
        report.add(
            ErrorKind::RoleNotForAudience,
            &["combination", "role"],
            format!(
                "role `{}` does not fit audience `{}`",
                role_name(combination.role),
                audience_name(definition.audience)
            ),
            format!(
                "for audience `{}` use role `{}`",
                audience_name(definition.audience),
                role_for(definition.audience)
            ),
        );
    }
}

fn check_scales(definition: &Definition, report: &mut Report) {
    let mut seen = BTreeSet::new();
    for (index, scale) in definition.scales.iter().enumerate() {
        let index = index.to_string();
        check_id(&scale.id, &mut seen, &["scales", &index, "id"], "scale", report);
        check_scale(scale, &index, report);
    }
}

fn check_scale(scale: &Scale, index: &str, report: &mut Report) {
    if scale.max == 0 || scale.max > MAX_SCALE_MAX {
        report.add(
            ErrorKind::ScaleMaxOutOfRange,
            &["scales", index, "max"],
            format!("scale maximum `{}` is out of range", scale.max),
            format!("use a maximum from 1 to {MAX_SCALE_MAX}"),
        );
    }
    if scale.options.is_empty() {
        report.add(
            ErrorKind::ScaleWithoutOptions,
            &["scales", index, "options"],
            format!("scale `{}` has no options", scale.id),
            "list the answers the scale offers, each with a value and a label",
        );
    }

    let mut values = BTreeSet::new();
    for (option_index, option) in scale.options.iter().enumerate() {
        let option_index = option_index.to_string();
        let path = ["scales", index, "options", &option_index, "value"];
        if option.value > scale.max {
            report.add(
                ErrorKind::OptionValueOutOfRange,
                &path,
                format!(
                    "option value `{}` is outside the scale's range 0 to {}",
                    option.value, scale.max
                ),
                "use a value within the range, or raise the scale's `max`",
            );
        }
        if !values.insert(option.value) {
            report.add(
                ErrorKind::DuplicateOptionValue,
                &path,
                format!("option value `{}` appears twice in scale `{}`", option.value, scale.id),
                "give each option of a scale its own value",
            );
        }
    }
}

fn check_dimension_ids(definition: &Definition, report: &mut Report) {
    let mut seen = BTreeSet::new();
    for (index, dimension) in definition.dimensions.iter().enumerate() {
        let index = index.to_string();
        check_id(
            &dimension.id,
            &mut seen,
            &["dimensions", &index, "id"],
            "dimension",
            report,
        );
    }
}

fn check_items(definition: &Definition, report: &mut Report) {
    if definition.items.is_empty() {
        report.add(
            ErrorKind::NoItems,
            &["items"],
            "the definition has no items".into(),
            "list the questions under `items`",
        );
    }
    if !definition.is_scored() && !definition.dimensions.is_empty() {
        report.add(
            ErrorKind::DimensionInUnscoredForm,
            &["dimensions"],
            "a form with `method: none` is not scored, so it has no dimensions".into(),
            "remove `dimensions`, or choose a scoring method such as `mean`",
        );
    }

    let mut seen = BTreeSet::new();
    for (index, item) in definition.items.iter().enumerate() {
        let index = index.to_string();
        check_id(&item.id, &mut seen, &["items", &index, "id"], "item", report);
        match item.kind {
            ItemKind::Text => check_text_item(definition, item, &index, report),
            ItemKind::Choice if definition.is_scored() => {
                check_item_dimension(definition, item, &index, report);
                check_item_scale(definition, item, &index, report);
            }
            ItemKind::Choice => {
                check_unscored_dimension(item, &index, report);
                check_item_scale(definition, item, &index, report);
            }
        }
    }
}

fn check_text_item(definition: &Definition, item: &Item, index: &str, report: &mut Report) {
    if definition.is_scored() {
        report.add(
            ErrorKind::TextItemInScoredForm,
            &["items", index, "kind"],
            format!("text item `{}` is in a scored form", item.id),
            "text answers cannot be scored: make it a choice item, or put it in a form with `scoring: {method: none}`",
        );
        return;
    }
    if item.scale.is_some() {
        report.add(
            ErrorKind::ScaleOnTextItem,
            &["items", index, "scale"],
            format!("text item `{}` has a scale", item.id),
            "remove `scale`, or remove `kind: text` to offer the scale's options",
        );
    }
    check_unscored_dimension(item, index, report);
}

fn check_unscored_dimension(item: &Item, index: &str, report: &mut Report) {
    if item.dimension.is_some() {
        report.add(
            ErrorKind::DimensionInUnscoredForm,
            &["items", index, "dimension"],
            format!("item `{}` names a dimension, but the form is not scored", item.id),
            "remove `dimension`, or choose a scoring method such as `mean`",
        );
    }
}

fn check_item_dimension(definition: &Definition, item: &Item, index: &str, report: &mut Report) {
    let known = || {
        list_ids(
            "dimensions",
            definition.dimensions.iter().map(|dimension| dimension.id.as_str()),
        )
    };
    match item.dimension.as_deref() {
        None => report.add(
            ErrorKind::MissingDimension,
            &["items", index],
            format!("item `{}` has no dimension", item.id),
            format!("add `dimension:` with one of {}", known()),
        ),
        Some(dimension) if dimension.trim().is_empty() => report.add(
            ErrorKind::EmptyDimension,
            &["items", index, "dimension"],
            format!("item `{}` has an empty dimension", item.id),
            format!("use one of {}", known()),
        ),
        Some(dimension) if definition.dimension_index(dimension).is_none() => report.add(
            ErrorKind::UnknownDimension,
            &["items", index, "dimension"],
            format!("unknown dimension `{dimension}`"),
            format!("use one of {}, or define `{dimension}` under `dimensions`", known()),
        ),
        Some(_) => {}
    }
}

fn check_item_scale(definition: &Definition, item: &Item, index: &str, report: &mut Report) {
    let known = || list_ids("scales", definition.scales.iter().map(|scale| scale.id.as_str()));
    match item.scale.as_deref() {
        None => report.add(
            ErrorKind::MissingScale,
            &["items", index],
            format!("item `{}` has no scale", item.id),
            format!("add `scale:` with one of {}", known()),
        ),
        Some(scale) if scale.trim().is_empty() => report.add(
            ErrorKind::MissingScale,
            &["items", index, "scale"],
            format!("item `{}` has an empty scale", item.id),
            format!("use one of {}", known()),
        ),
        Some(scale) if definition.scale(scale).is_none() => report.add(
            ErrorKind::UnknownScale,
            &["items", index, "scale"],
            format!("unknown scale `{scale}`"),
            format!("use one of {}, or define `{scale}` under `scales`", known()),
        ),
        Some(_) => {}
    }
}

/// Checks each dimension's item count, which the minimum answered and the exact arithmetic depend on.
fn check_dimension_sizes(definition: &Definition, report: &mut Report) {
    if !definition.is_scored() {
        return;
    }
    let counts = item_counts(definition);
    for (index, dimension) in definition.dimensions.iter().enumerate() {
        let count = counts.get(dimension.id.as_str()).copied().unwrap_or(0);
        let index = index.to_string();
        let path = ["dimensions", index.as_str(), "id"];
        if count == 0 {
            report.add(
                ErrorKind::DimensionWithoutItems,
                &path,
                format!("dimension `{}` has no items", dimension.id),
                "give it at least one item, or remove it",
            );
        } else if count > MAX_ITEMS_PER_DIMENSION {
            report.add(
                ErrorKind::TooManyItemsInDimension,
                &path,
                format!("dimension `{}` has {count} items", dimension.id),
                format!("split it so that no dimension has more than {MAX_ITEMS_PER_DIMENSION} items"),
            );
        }
    }
}

fn check_scoring(definition: &Definition, report: &mut Report) {
    let scoring = &definition.scoring;
    if scoring.tie_tolerance_hundredths > MAX_TIE_TOLERANCE_HUNDREDTHS {
        report.add(
            ErrorKind::TieToleranceOutOfRange,
            &["scoring", "tie_tolerance_hundredths"],
            format!("tie tolerance `{}` is out of range", scoring.tie_tolerance_hundredths),
            format!("use hundredths of a scale point from 0 to {MAX_TIE_TOLERANCE_HUNDREDTHS}, such as 25 for 0.25"),
        );
    }

    let Some(minimum) = scoring.minimum_answered else {
        return;
    };
    let path = ["scoring", "minimum_answered"];
    if minimum == 0 {
        report.add(
            ErrorKind::MinimumAnsweredZero,
            &path,
            "minimum answered `0` would score a dimension with no answers".into(),
            "use at least 1, or leave it out to require every item",
        );
        return;
    }
    let counts = item_counts(definition);
    let smallest = definition
        .dimensions
        .iter()
        .filter_map(|dimension| counts.get(dimension.id.as_str()).map(|&count| (count, &dimension.id)))
        .min();
    if let Some((count, id)) = smallest
        && minimum as usize > count
    {
        report.add(
            ErrorKind::MinimumAnsweredTooHigh,
            &path,
            format!("minimum answered `{minimum}` is more than the {count} items of dimension `{id}`"),
            format!("use at most {count}, or leave it out to require every item"),
        );
    }
}

fn check_response_code(definition: &Definition, report: &mut Report) {
    let Some(settings) = &definition.response_code else {
        return;
    };
    if !definition.is_scored() {
        report.add(
            ErrorKind::ResponseCodeOnUnscoredForm,
            &["response_code"],
            "a form with `method: none` gives no response code".into(),
            "remove `response_code`; print the answers instead",
        );
        return;
    }
    if settings.form > MAX_FORM {
        report.add(
            ErrorKind::FormNumberOutOfRange,
            &["response_code", "form"],
            format!("form number `{}` is above {MAX_FORM}, the largest a response code can store", settings.form),
            format!("use a number from 0 to {MAX_FORM} that no other form of the site uses"),
        );
    }

    let item_ids: BTreeSet<&str> = definition.items.iter().map(|item| item.id.as_str()).collect();
    let mut versions = BTreeSet::new();
    for (index, retired) in settings.retired.iter().enumerate() {
        let index = index.to_string();
        let version_path = ["response_code", "retired", index.as_str(), "version"];
        if retired.version == 0 || retired.version >= definition.version {
            report.add(
                ErrorKind::RetiredVersionInvalid,
                &version_path,
                format!(
                    "retired version `{}` is not older than the current version {}",
                    retired.version, definition.version
                ),
                "list only earlier versions, from 1 up to the current version minus one",
            );
        } else if !versions.insert(retired.version) {
            report.add(
                ErrorKind::RetiredVersionInvalid,
                &version_path,
                format!("retired version `{}` is listed twice", retired.version),
                "list each earlier version once",
            );
        }
        check_retired_items(&retired.items, &item_ids, &index, report);
    }
}

fn check_retired_items(items: &[String], item_ids: &BTreeSet<&str>, index: &str, report: &mut Report) {
    if items.is_empty() {
        report.add(
            ErrorKind::NoItems,
            &["response_code", "retired", index, "items"],
            "the retired version lists no items".into(),
            "list the ids of the version's items in the order it asked them",
        );
    }
    let mut seen = BTreeSet::new();
    for (position, id) in items.iter().enumerate() {
        let position = position.to_string();
        let path = ["response_code", "retired", index, "items", position.as_str()];
        if !item_ids.contains(id.as_str()) {
            report.add(
                ErrorKind::UnknownItem,
                &path,
                format!("unknown item `{id}`"),
                "name items of the current version; codes of a version with items removed since cannot be decoded",
            );
        } else if !seen.insert(id.as_str()) {
            report.add(
                ErrorKind::DuplicateId,
                &path,
                format!("item `{id}` is listed twice"),
                "list each item once, in the order the version asked them",
            );
        }
    }
}

/// Counts the items of each dimension id that items name, known or not.
fn item_counts(definition: &Definition) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for item in &definition.items {
        if let Some(dimension) = item.dimension.as_deref() {
            *counts.entry(dimension).or_insert(0) += 1;
        }
    }
    counts
}

fn check_id<'a>(id: &'a str, seen: &mut BTreeSet<&'a str>, path: &[&str], entity: &str, report: &mut Report) {
    if id.trim().is_empty() {
        report.add(
            ErrorKind::EmptyValue,
            path,
            format!("the {entity} id is empty"),
            format!("give every {entity} a unique id"),
        );
    } else if !seen.insert(id) {
        report.add(
            ErrorKind::DuplicateId,
            path,
            format!("duplicate {entity} id `{id}`"),
            format!("give every {entity} a unique id"),
        );
    }
}

/// Lists the ids of a section for help texts, such as "`F1`, `F2`".
fn list_ids<'a>(section: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = ids.map(|id| format!("`{id}`")).collect();
    if quoted.is_empty() {
        format!("the ids under `{section}`, which lists none yet")
    } else {
        quoted.join(", ")
    }
}

fn role_name(role: super::Role) -> &'static str {
    match role {
        super::Role::Pupil => "pupil",
        super::Role::Parent => "parent",
        super::Role::Staff => "staff",
    }
}

fn audience_name(audience: super::Audience) -> &'static str {
    match audience {
        super::Audience::Pupil => "pupil",
        super::Audience::ParentCarer => "parent_carer",
        super::Audience::Staff => "staff",
    }
}

fn role_for(audience: super::Audience) -> &'static str {
    match audience {
        super::Audience::Pupil => "pupil",
        super::Audience::ParentCarer => "parent",
        super::Audience::Staff => "staff",
    }
}
