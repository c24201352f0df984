//! Checks that need every definition of the site: unique ids and form numbers, and combination groups
//! that the guide can combine and present.

use std::collections::BTreeMap;

use attendance_engine::code::MAX_FORM;
use attendance_engine::definition::Role;

use super::Questionnaire;
use crate::diagnostics::{Diagnostic, closest};

/// A combination group: which forms may be combined, and what their results mean.
#[derive(Debug)]
pub struct Group {
    pub name: &'static str,
    pub roles: &'static [Role],
    /// The dimension ids every form of the group lists, in order; `None` for a group of forms that
    /// are not scored.
    pub dimensions: Option<&'static [&'static str]>,
}

/// The groups the guide can present. The staff scoring tool combines the forms of
/// `attendance-functions`, and the results link to resources by function id, so its forms must list
/// the four functions in order.
pub const GROUPS: &[Group] = &[
    Group {
        name: "attendance-functions",
        roles: &[Role::Pupil, Role::Parent],
        dimensions: Some(&["F1", "F2", "F3", "F4"]),
    },
    Group { name: "staff-views", roles: &[Role::Staff], dimensions: None },
];

/// Checks the definitions against each other and returns the ones to build pages from with the errors.
/// A definition whose id repeats an earlier one's is left out, so its page does not overwrite the other.
pub fn check_site(list: Vec<Questionnaire>) -> (Vec<Questionnaire>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut kept: Vec<Questionnaire> = Vec::new();
    for questionnaire in list {
        if let Some(first) = kept.iter().find(|other| other.definition.id == questionnaire.definition.id) {
            diagnostics.push(duplicate_id(&questionnaire, first));
            continue;
        }
        diagnostics.extend(check_group(&questionnaire));
        diagnostics.extend(check_response_code(&questionnaire));
        kept.push(questionnaire);
    }
    diagnostics.extend(check_form_numbers(&kept));
    (kept, diagnostics)
}

fn duplicate_id(questionnaire: &Questionnaire, first: &Questionnaire) -> Diagnostic {
    let id = &questionnaire.definition.id;
    let message = format!("questionnaire id `{id}` is already used by {}", first.display);
    let help = "give each questionnaire its own id; the id is part of the page address";
    Diagnostic::error(questionnaire.positions.location(&["id"]), message).with_help(help)
}

fn check_group(questionnaire: &Questionnaire) -> Vec<Diagnostic> {
    let definition = &questionnaire.definition;
    let positions = &questionnaire.positions;
    let name = definition.combination.group.as_str();
    let Some(group) = GROUPS.iter().find(|group| group.name == name) else {
        let names = GROUPS.iter().map(|group| group.name);
        let allowed = names.clone().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
        let help = match closest(name, names) {
            Some(suggestion) => format!("did you mean `{suggestion}`? The groups are {allowed}"),
            None => format!("use one of the groups the guide can combine: {allowed}"),
        };
        let message = format!("unknown combination group `{name}`");
        return vec![Diagnostic::error(positions.location(&["combination", "group"]), message).with_help(help)];
    };

    let mut errors = Vec::new();
    let role = definition.combination.role;
    if !group.roles.contains(&role) {
        let roles: Vec<String> = group.roles.iter().map(|role| format!("`{}`", role_name(*role))).collect();
        let message = format!("role `{}` is not part of group `{name}`", role_name(role));
        let help = format!("forms of `{name}` have the role {}", roles.join(" or "));
        errors.push(Diagnostic::error(positions.location(&["combination", "role"]), message).with_help(help));
    }

    match (group.dimensions, definition.is_scored()) {
        (Some(expected), true) => {
            let found: Vec<&str> = definition.dimensions.iter().map(|dimension| dimension.id.as_str()).collect();
            if found != expected {
                let message = format!(
                    "forms of group `{name}` list the dimensions {}, but this form lists {}",
                    expected.join(", "),
                    if found.is_empty() { "none".to_owned() } else { found.join(", ") }
                );
                let help = "list the same dimension ids in the same order, so the forms can be combined";
                errors.push(Diagnostic::error(positions.location(&["dimensions"]), message).with_help(help));
            }
        }
        (Some(_), false) => {
            let message = format!("forms of group `{name}` are scored, but this form has `method: none`");
            let help = "use `method: mean`, or a group of forms that are not scored such as `staff-views`";
            errors.push(Diagnostic::error(positions.location(&["scoring", "method"]), message).with_help(help));
        }
        (None, true) => {
            let message = format!("forms of group `{name}` are not scored, but this form is");
            let help = "add `scoring: {method: none}` and remove the dimensions, or use a scored group";
            errors.push(Diagnostic::error(positions.location(&["combination", "group"]), message).with_help(help));
        }
        (None, false) => {}
    }
    errors
}

/// Requires a form number for the response codes of a scored form. The number comes from the
/// definition rather than from the order of the files, so adding a form never changes another form's codes.
fn check_response_code(questionnaire: &Questionnaire) -> Option<Diagnostic> {
    let definition = &questionnaire.definition;
    if !definition.is_scored() || definition.response_code.is_some() {
        return None;
    }
    let message = format!("scored questionnaire `{}` has no `response_code` settings", definition.id);
    let help = format!(
        "add `response_code: {{form: N}}` with a form number from 0 to {MAX_FORM} that no other questionnaire of the site uses"
    );
    Some(Diagnostic::error(questionnaire.positions.location(&["id"]), message).with_help(help))
}

fn check_form_numbers(list: &[Questionnaire]) -> Vec<Diagnostic> {
    let mut owners: BTreeMap<u8, &Questionnaire> = BTreeMap::new();
    let mut repeated = Vec::new();
    for questionnaire in list {
        let Some(settings) = &questionnaire.definition.response_code else { continue };
        match owners.get(&settings.form) {
            Some(owner) => repeated.push((questionnaire, settings.form, *owner)),
            None => {
                owners.insert(settings.form, questionnaire);
            }
        }
    }

    let free: Vec<String> =
        (0..=MAX_FORM).filter(|number| !owners.contains_key(number)).take(5).map(|n| n.to_string()).collect();
    repeated
        .into_iter()
        .map(|(questionnaire, form, owner)| {
            let message = format!(
                "form number `{form}` is already used by questionnaire `{}` in {}",
                owner.definition.id, owner.display
            );
            let help = if free.is_empty() {
                format!("all {} form numbers are in use; a site can have at most that many scored forms", MAX_FORM + 1)
            } else {
                format!("give each questionnaire its own form number, such as {}", free.join(", "))
            };
            Diagnostic::error(questionnaire.positions.location(&["response_code", "form"]), message).with_help(help)
        })
        .collect()
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Pupil => "pupil",
        Role::Parent => "parent",
        Role::Staff => "staff",
    }
}
