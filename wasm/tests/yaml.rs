//! Reading definitions from YAML with the `serde` feature, as the CLI does.

#![cfg(feature = "serde")]

use attendance_engine::code::{CodeLayout, decode};
use attendance_engine::definition::{Audience, Combine, Definition, FilterValue, ItemKind, Role};
use attendance_engine::format_score;
use attendance_engine::score::{ProfileKind, ScoringModel};

const PICTURE_FORM: &str = include_str!("fixtures/picture-pupil.yaml");

fn parse(text: &str) -> Result<Definition, serde_yaml::Error> {
    serde_yaml::from_str(text)
}

/// A definition with only the required keys.
const MINIMAL: &str = "
id: minimal
version: 1
title: Minimal
audience: parent_carer
combination: {group: g, role: parent}
scales: [{id: s, options: [{value: 0, label: never}, {value: 6, label: always}]}]
dimensions: [{id: D, name: Dimension}]
items: [{id: i1, text: Question, dimension: D, scale: s}]
";

#[test]
fn fixture_reads_and_validates() {
    let definition = parse(PICTURE_FORM).unwrap();
    assert_eq!(definition.validate(), Vec::new());

    assert_eq!(definition.audience, Audience::Pupil);
    assert_eq!(definition.combination.role, Role::Pupil);
    assert_eq!(definition.levels, vec!["early", "first"]);
    assert_eq!(
        definition.scales[0].options[1].audio.as_deref(),
        Some("audio/sometimes.mp3")
    );
    assert_eq!(
        definition.dimensions[0].resources.get("tier"),
        Some(&FilterValue::Integer(2))
    );
    assert_eq!(
        definition.dimensions[0].resources.get("function"),
        Some(&FilterValue::Text("F1".into()))
    );
    assert!(definition.items[4].reverse);
    assert_eq!(definition.scoring.combine, Combine::ParentsFirst);
    assert_eq!(definition.scoring.minimum_answered, Some(1));
    assert!(definition.scoring.indicative);
    assert!(definition.presentation.one_per_screen);
    assert!(definition.presentation.read_aloud);
}

#[test]
fn fixture_scores_picture_answers() {
    let definition = parse(PICTURE_FORM).unwrap();
    let model = ScoringModel::from_definition(&definition).unwrap();
    let layout = CodeLayout::for_definition(3, &definition).unwrap();

    // Options by position: p1 yes, p2 sometimes, p3 no, p4 unanswered, p5 no (reversed: 6), p6 yes,
    // p7 no, p8 sometimes.
    let positions = [Some(2), Some(1), Some(0), None, Some(0), Some(2), Some(0), Some(1)];
    let code = layout.encode(&positions).unwrap();
    let decoded = decode(&code, &[layout]).unwrap();
    let values = definition.option_values(&decoded.answers).unwrap();
    let form = model.score_form(definition.combination.role, &values).unwrap();
    let profile = model.profile(&[form]).unwrap();

    let scores: Vec<Option<String>> = profile
        .dimensions
        .iter()
        .map(|dimension| dimension.score.map(format_score))
        .collect();
    let expected = [Some("6.00"), Some("4.50"), Some("0.00"), Some("3.00")].map(|score| score.map(str::to_owned));
    assert_eq!(scores, expected);
    assert_eq!(profile.kind, ProfileKind::Single);
    assert!(profile.indicative);
}

#[test]
fn defaults_fill_optional_keys() {
    let definition = parse(MINIMAL).unwrap();
    assert_eq!(definition.validate(), Vec::new());

    assert_eq!(definition.audience, Audience::ParentCarer);
    assert_eq!(definition.scales[0].max, 6);
    assert_eq!(definition.scoring.tie_tolerance_hundredths, 25);
    assert_eq!(definition.scoring.combine, Combine::Equal);
    assert_eq!(definition.scoring.minimum_answered, None);
    assert!(!definition.scoring.indicative);
    assert!(!definition.presentation.read_aloud);
    assert!(definition.instructions.is_empty());
    assert!(definition.levels.is_empty());
}

#[test]
fn unknown_key_is_rejected_with_position() {
    let text = MINIMAL.replace("title: Minimal", "title: Minimal\ntitel: Typo");
    let error = parse(&text).unwrap_err();
    assert!(error.to_string().contains("unknown field `titel`"), "{error}");
    assert_eq!(error.location().map(|location| location.line()), Some(5));
}

#[test]
fn unknown_key_in_item_is_rejected() {
    let text = MINIMAL.replace("scale: s}]", "scale: s, reversed: true}]");
    let error = parse(&text).unwrap_err();
    assert!(error.to_string().contains("unknown field `reversed`"), "{error}");
}

#[test]
fn values_use_snake_case() {
    let kebab = MINIMAL.replace("parent_carer", "parent-carer");
    assert!(
        parse(&kebab)
            .unwrap_err()
            .to_string()
            .contains("unknown variant `parent-carer`")
    );

    let rule = format!("{MINIMAL}scoring: {{combine: parents-first}}\n");
    assert!(
        parse(&rule)
            .unwrap_err()
            .to_string()
            .contains("unknown variant `parents-first`")
    );
}

#[test]
fn missing_dimension_key_reaches_validation() {
    let text = MINIMAL.replace(", dimension: D", "");
    let definition = parse(&text).unwrap();
    let errors = definition.validate();
    assert_eq!(errors[0].path, vec!["items", "0"]);
}

#[test]
fn staff_form_reads_without_dimensions() {
    let text = "
id: staff
version: 1
title: Staff views
audience: staff
combination: {group: staff-views, role: staff}
scales: [{id: s, options: [{value: 0, label: never}, {value: 6, label: always}]}]
items:
  - {id: s1, text: Rating, scale: s}
  - {id: s2, text: Comments, kind: text}
scoring: {method: none}
presentation: {note: Written by the guide's authors.}
";
    let definition = parse(text).unwrap();
    assert_eq!(definition.validate(), Vec::new());
    assert!(!definition.is_scored());
    assert_eq!(definition.items[1].kind, ItemKind::Text);
    assert_eq!(definition.presentation.note.as_deref(), Some("Written by the guide's authors."));
}

#[test]
fn response_code_settings_read() {
    let text = MINIMAL.replace("version: 1", "version: 2")
        + "response_code:\n  form: 4\n  retired:\n    - {version: 1, items: [i1]}\n";
    let definition = parse(&text).unwrap();
    assert_eq!(definition.validate(), Vec::new());
    let settings = definition.response_code.unwrap();
    assert_eq!(settings.form, 4);
    assert_eq!(settings.retired[0].version, 1);
    assert_eq!(settings.retired[0].items, vec!["i1"]);
}
