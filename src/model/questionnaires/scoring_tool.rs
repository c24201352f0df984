//! The values of the staff scoring tool page: the forms of the scored combination group, each with its
//! questions for the answer grid, the compiled definitions that `js/scoring-tool.js` passes to the
//! engine, and the resources that match each function.
//!
//! The tool is a content page with `template: scoring-tool.html`; templates see this value as
//! `scoring_tool`, or nothing when the site has no scored forms to combine. It sits in every page's
//! context, so it holds only what the tool needs.

use attendance_engine::definition::{Combine, Definition, ItemKind, Role};
use serde::Serialize;

use super::view::{compiled_json, resources_url};
use super::{GROUPS, Questionnaire, Questionnaires};
use crate::diagnostics::{Diagnostic, Location};
use crate::model::Site;
use crate::model::resources::Library;

/// The tool's values for one combination group.
#[derive(Debug, Serialize)]
pub struct ScoringTool {
    pub group: &'static str,
    /// Every form of the group that can be combined with the others, in file order.
    pub forms: Vec<FormEntry>,
    /// The id of the form a new pupil slot starts with: the first pupil form that a parent form matches.
    pub pupil_form: String,
    /// The id of the form a new parent or carer slot starts with.
    pub parent_form: String,
    pub dimensions: Vec<DimensionEntry>,
    /// The default combination rule, from the pupil form: `equal` or `parents_first`.
    pub combine: &'static str,
    /// Whether any of the forms gives indicative results.
    pub indicative: bool,
    /// The largest value an answer may take on any of the forms.
    pub max_value: u8,
    /// The forms compiled for the engine, as a JSON array escaped for a `<script type="application/json">`
    /// element.
    pub definitions_json: String,
}

#[derive(Debug, Serialize)]
pub struct FormEntry {
    pub id: String,
    pub title: String,
    pub version: u32,
    /// `pupil` or `parent`.
    pub role: &'static str,
    pub items: Vec<QuestionEntry>,
    /// The values an answer may take, in words for the grid's hint, such as `0 to 6`.
    pub values_hint: String,
    /// The largest value an answer may take.
    pub max_value: u8,
    /// The forms of the same role that a slot can switch to, this one included; empty when there is no
    /// other.
    pub choices: Vec<FormChoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormChoice {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct QuestionEntry {
    pub id: String,
    /// The question's number on the form, counting every item, as on the paper version.
    pub number: usize,
    pub text: String,
    pub dimension: String,
}

#[derive(Debug, Serialize)]
pub struct DimensionEntry {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// The resource library filtered for this function.
    pub resources_url: Option<String>,
    /// The library's resources tagged with this function, by title.
    pub resources: Vec<ResourceLink>,
}

#[derive(Debug, Serialize)]
pub struct ResourceLink {
    pub title: String,
    pub url: String,
    pub summary: String,
}

/// Builds the tool's values from the first scored group with a pupil form and a parent form scored alike,
/// taking the first such pair in file order. Every other form of the group that is scored differently
/// gets a warning, because the engine scores all combined forms with one set of item rules.
pub fn build(site: &Site, questionnaires: &Questionnaires, library: &Library) -> (Option<ScoringTool>, Vec<Diagnostic>) {
    for group in GROUPS.iter().filter(|group| group.dimensions.is_some()) {
        let forms: Vec<&Questionnaire> = questionnaires
            .list
            .iter()
            .filter(|questionnaire| questionnaire.definition.combination.group == group.name)
            .filter(|questionnaire| questionnaire.definition.is_scored())
            .collect();
        let Some((pupil, parent)) = first_pair(&forms) else {
            continue;
        };

        let (combinable, left_out): (Vec<&Questionnaire>, Vec<&Questionnaire>) =
            forms.iter().partition(|form| same_item_rules(&pupil.definition, &form.definition));
        let warnings = left_out.iter().map(|form| not_combinable(form, pupil)).collect();

        let definitions: Vec<String> = combinable.iter().map(|form| compiled_json(site, &form.definition)).collect();
        let mut entries: Vec<FormEntry> = combinable.iter().map(|form| form_entry(&form.definition)).collect();
        add_choices(&mut entries);
        let definition = &pupil.definition;
        let tool = ScoringTool {
            group: group.name,
            pupil_form: pupil.definition.id.clone(),
            parent_form: parent.definition.id.clone(),
            dimensions: dimension_entries(site, definition, library),
            combine: match definition.scoring.combine {
                Combine::Equal => "equal",
                Combine::ParentsFirst => "parents_first",
            },
            indicative: combinable.iter().any(|form| form.definition.scoring.indicative),
            max_value: entries.iter().map(|entry| entry.max_value).max().unwrap_or_default(),
            forms: entries,
            definitions_json: format!("[{}]", definitions.join(",")),
        };
        return (Some(tool), warnings);
    }
    (None, Vec::new())
}

/// Returns the first pupil form, in file order, that has a parent form scored alike, with that form.
fn first_pair<'a>(forms: &[&'a Questionnaire]) -> Option<(&'a Questionnaire, &'a Questionnaire)> {
    let with_role = |role: Role| forms.iter().copied().filter(move |form| form.definition.combination.role == role);
    with_role(Role::Pupil).find_map(|pupil| {
        let parent = with_role(Role::Parent).find(|parent| same_item_rules(&pupil.definition, &parent.definition))?;
        Some((pupil, parent))
    })
}

/// Tells whether two definitions score their items alike: the same dimension, reverse flag and scale
/// maximum item by item, and the same minimum answered.
fn same_item_rules(first: &Definition, second: &Definition) -> bool {
    let rules = |definition: &Definition| -> Vec<(Option<usize>, bool, u8)> {
        definition
            .items
            .iter()
            .filter(|item| item.kind == ItemKind::Choice)
            .map(|item| {
                let dimension = item.dimension.as_deref().and_then(|id| definition.dimension_index(id));
                let max = definition.scale(item.scale.as_deref().unwrap_or_default()).map_or(0, |scale| scale.max);
                (dimension, item.reverse, max)
            })
            .collect()
    };
    rules(first) == rules(second) && first.scoring.minimum_answered == second.scoring.minimum_answered
}

fn not_combinable(form: &Questionnaire, pupil: &Questionnaire) -> Diagnostic {
    let message = format!(
        "the staff scoring tool leaves out questionnaire `{}`, because its questions are not scored like those of `{}`",
        form.definition.id, pupil.definition.id
    );
    let help = "forms of one combination group need the same dimensions in the same item order, the same \
                reverse scoring, scale maximum and minimum answered; or move the form to a group of its own";
    Diagnostic::warning(Location::file(&form.display), message).with_help(help)
}

fn form_entry(definition: &Definition) -> FormEntry {
    let items: Vec<QuestionEntry> = definition
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind == ItemKind::Choice)
        .map(|(index, item)| QuestionEntry {
            id: item.id.clone(),
            number: index + 1,
            text: item.text.clone(),
            dimension: item.dimension.clone().unwrap_or_default(),
        })
        .collect();

    let mut values: Vec<u8> = definition
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Choice)
        .filter_map(|item| definition.scale(item.scale.as_deref().unwrap_or_default()))
        .flat_map(|scale| scale.options.iter().map(|option| option.value))
        .collect();
    values.sort_unstable();
    values.dedup();

    FormEntry {
        id: definition.id.clone(),
        title: definition.title.clone(),
        version: definition.version,
        role: if definition.combination.role == Role::Parent { "parent" } else { "pupil" },
        items,
        values_hint: values_hint(&values),
        max_value: values.last().copied().unwrap_or_default(),
        choices: Vec::new(),
    }
}

/// Lists, on each form, the forms of its role, when there are two or more of them.
fn add_choices(entries: &mut [FormEntry]) {
    let choices: Vec<(&'static str, FormChoice)> = entries
        .iter()
        .map(|entry| (entry.role, FormChoice { id: entry.id.clone(), title: entry.title.clone() }))
        .collect();
    for entry in entries.iter_mut() {
        let same_role: Vec<FormChoice> =
            choices.iter().filter(|(role, _)| *role == entry.role).map(|(_, choice)| choice.clone()).collect();
        if same_role.len() > 1 {
            entry.choices = same_role;
        }
    }
}

/// Describes a set of answer values: `0 to 6` for a run without gaps, otherwise a list such as
/// `0, 3 or 6`.
fn values_hint(values: &[u8]) -> String {
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return String::new();
    };
    let contiguous = usize::from(last - first) + 1 == values.len();
    if contiguous && values.len() > 2 {
        return format!("{first} to {last}");
    }
    let words: Vec<String> = values.iter().map(u8::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

fn dimension_entries(site: &Site, definition: &Definition, library: &Library) -> Vec<DimensionEntry> {
    definition
        .dimensions
        .iter()
        .map(|dimension| DimensionEntry {
            id: dimension.id.clone(),
            name: dimension.name.clone(),
            description: dimension.description.clone(),
            resources_url: resources_url(site, &dimension.resources),
            resources: library
                .items
                .iter()
                .filter(|resource| resource.function.contains(&dimension.id))
                .map(|resource| ResourceLink {
                    title: resource.title.clone(),
                    url: resource.url.clone(),
                    summary: resource.summary.clone(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::values_hint;

    #[test]
    fn values_hint_words() {
        assert_eq!(values_hint(&[0, 1, 2, 3, 4, 5, 6]), "0 to 6");
        assert_eq!(values_hint(&[0, 3, 6]), "0, 3 or 6");
        assert_eq!(values_hint(&[0, 1]), "0 or 1");
        assert_eq!(values_hint(&[2]), "2");
        assert_eq!(values_hint(&[]), "");
    }
}
