//! Runs every hand-checked case of `scoring-cases.yaml` through the engine.

mod common;

use attendance_engine::definition::{Combine, Role};
use attendance_engine::format_score;
use attendance_engine::score::{ProfileKind, ScoredForm, ScoringModel};
use common::{FUNCTION_IDS, functions_definition, parse_answers};
use serde::Deserialize;

#[derive(Deserialize)]
struct CaseFile {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    rule: String,
    forms: Vec<CaseForm>,
    per_form: Vec<Vec<Option<String>>>,
    combined: Vec<Option<String>>,
    primary: Vec<String>,
}

#[derive(Deserialize)]
struct CaseForm {
    role: String,
    answers: String,
}

fn load_cases() -> Vec<Case> {
    let text = include_str!("scoring-cases.yaml");
    let file: CaseFile = serde_yaml::from_str(text).expect("scoring-cases.yaml parses");
    file.cases
}

fn combine_rule(name: &str) -> Combine {
    match name {
        "equal" => Combine::Equal,
        "parents_first" => Combine::ParentsFirst,
        other => panic!("unknown rule `{other}` in scoring-cases.yaml"),
    }
}

fn role(name: &str) -> Role {
    match name {
        "pupil" => Role::Pupil,
        "parent" => Role::Parent,
        other => panic!("unknown role `{other}` in scoring-cases.yaml"),
    }
}

fn score_case_forms(case: &Case, model: &ScoringModel) -> Vec<ScoredForm> {
    case.forms
        .iter()
        .map(|form| {
            let answers = parse_answers(&form.answers);
            model
                .score_form(role(&form.role), &answers)
                .expect("answers fit the form")
        })
        .collect()
}

#[test]
fn case_file_has_cases() {
    assert!(load_cases().len() >= 9);
}

#[test]
fn per_form_scores_match() {
    for case in load_cases() {
        let model = ScoringModel::from_definition(&functions_definition(Role::Pupil, combine_rule(&case.rule)))
            .expect("definition is valid");
        let forms = score_case_forms(&case, &model);
        assert_eq!(forms.len(), case.per_form.len(), "case `{}`: per_form rows", case.name);

        for (index, (form, expected)) in forms.iter().zip(&case.per_form).enumerate() {
            let actual: Vec<Option<String>> = form
                .dimensions
                .iter()
                .map(|dimension| dimension.score.map(format_score))
                .collect();
            assert_eq!(&actual, expected, "case `{}`, form {}", case.name, index + 1);
        }
    }
}

#[test]
fn combined_scores_match() {
    for case in load_cases() {
        let model = ScoringModel::from_definition(&functions_definition(Role::Pupil, combine_rule(&case.rule)))
            .expect("definition is valid");
        let profile = model.profile(&score_case_forms(&case, &model)).expect("forms combine");

        let actual: Vec<Option<String>> = profile
            .dimensions
            .iter()
            .map(|dimension| dimension.score.map(format_score))
            .collect();
        assert_eq!(actual, case.combined, "case `{}`", case.name);
    }
}

#[test]
fn primary_functions_match() {
    for case in load_cases() {
        let model = ScoringModel::from_definition(&functions_definition(Role::Pupil, combine_rule(&case.rule)))
            .expect("definition is valid");
        let profile = model.profile(&score_case_forms(&case, &model)).expect("forms combine");

        let primary: Vec<&str> = profile
            .dimensions
            .iter()
            .zip(FUNCTION_IDS)
            .filter(|(dimension, _)| dimension.primary)
            .map(|(_, id)| id)
            .collect();
        assert_eq!(primary, case.primary, "case `{}`", case.name);

        let expected_kind = match case.primary.len() {
            1 => ProfileKind::Single,
            4 => ProfileKind::NoneStandsOut,
            _ => ProfileKind::Mixed,
        };
        assert_eq!(profile.kind, expected_kind, "case `{}`", case.name);
    }
}

#[test]
fn forms_scored_counts_match_case_data() {
    for case in load_cases() {
        let model = ScoringModel::from_definition(&functions_definition(Role::Pupil, combine_rule(&case.rule)))
            .expect("definition is valid");
        let profile = model.profile(&score_case_forms(&case, &model)).expect("forms combine");

        for (index, dimension) in profile.dimensions.iter().enumerate() {
            let scored = case.per_form.iter().filter(|row| row[index].is_some()).count() as u32;
            assert_eq!(
                dimension.forms_scored, scored,
                "case `{}`, {}",
                case.name, FUNCTION_IDS[index]
            );
            assert_eq!(dimension.forms_total, case.forms.len() as u32, "case `{}`", case.name);
        }
    }
}
