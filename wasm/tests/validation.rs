//! Each kind of definition error, with the path the CLI turns into a line and column.

mod common;

use attendance_engine::definition::{
    Audience, Combine, Definition, DefinitionError, Dimension, ErrorKind, ItemKind, Method, ResponseCode,
    RetiredVersion, Role, ScaleOption,
};
use attendance_engine::score::ScoringModel;
use common::functions_definition;

fn valid() -> Definition {
    functions_definition(Role::Pupil, Combine::Equal)
}

/// Returns the only error of `definition`, failing when there are none or several.
fn only_error(definition: &Definition) -> DefinitionError {
    let mut errors = definition.validate();
    assert_eq!(errors.len(), 1, "expected one error, found {errors:#?}");
    errors.remove(0)
}

fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|part| (*part).to_owned()).collect()
}

#[test]
fn valid_definition_has_no_errors() {
    assert_eq!(valid().validate(), Vec::new());
    assert_eq!(
        functions_definition(Role::Parent, Combine::ParentsFirst).validate(),
        Vec::new()
    );
    assert!(ScoringModel::from_definition(&valid()).is_ok());
}

#[test]
fn invalid_definition_gives_errors_not_model() {
    let mut definition = valid();
    definition.version = 0;
    let errors = ScoringModel::from_definition(&definition).unwrap_err();
    assert_eq!(errors[0].kind, ErrorKind::VersionZero);
}

#[test]
fn empty_ids_and_titles() {
    let mut definition = valid();
    definition.id = " ".into();
    definition.title = String::new();
    definition.combination.group = String::new();
    let errors = definition.validate();

    let found: Vec<(ErrorKind, Vec<String>)> = errors.into_iter().map(|error| (error.kind, error.path)).collect();
    assert_eq!(
        found,
        vec![
            (ErrorKind::EmptyValue, path(&["id"])),
            (ErrorKind::EmptyValue, path(&["title"])),
            (ErrorKind::EmptyValue, path(&["combination", "group"])),
        ]
    );
}

#[test]
fn version_zero() {
    let mut definition = valid();
    definition.version = 0;
    let error = only_error(&definition);
    assert_eq!((error.kind, error.path), (ErrorKind::VersionZero, path(&["version"])));
    assert!(error.message.contains("`0`"));
}

#[test]
fn version_beyond_response_code() {
    let mut definition = valid();
    definition.version = 1024;
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::VersionTooLarge, path(&["version"]))
    );
    assert!(error.message.contains("`1024`"));

    definition.version = 1023;
    assert_eq!(definition.validate(), Vec::new());
}

#[test]
fn role_not_for_audience() {
    let mut definition = valid();
    definition.combination.role = Role::Parent;
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::RoleNotForAudience, path(&["combination", "role"]))
    );
    assert_eq!(error.message, "role `parent` does not fit audience `pupil`");
    assert_eq!(error.help, "for audience `pupil` use role `pupil`");

    definition.audience = Audience::Staff;
    assert_eq!(only_error(&definition).help, "for audience `staff` use role `staff`");
}

#[test]
fn duplicate_item_id() {
    let mut definition = valid();
    definition.items[5].id = "q1".into();
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::DuplicateId, path(&["items", "5", "id"]))
    );
    assert_eq!(error.message, "duplicate item id `q1`");
}

#[test]
fn duplicate_dimension_and_scale_ids() {
    let mut definition = valid();
    definition.scales.push(definition.scales[0].clone());
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::DuplicateId, path(&["scales", "1", "id"]))
    );

    let mut definition = valid();
    definition.dimensions[3].id = "F1".into();
    let errors = definition.validate();
    assert_eq!(
        (errors[0].kind, &errors[0].path),
        (ErrorKind::DuplicateId, &path(&["dimensions", "3", "id"]))
    );
}

#[test]
fn empty_item_id() {
    let mut definition = valid();
    definition.items[3].id = String::new();
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::EmptyValue, path(&["items", "3", "id"]))
    );
}

#[test]
fn scale_without_options() {
    let mut definition = valid();
    definition.scales[0].options.clear();
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::ScaleWithoutOptions, path(&["scales", "0", "options"]))
    );
}

#[test]
fn scale_max_out_of_range() {
    let mut definition = valid();
    definition.scales[0].max = 255;
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::ScaleMaxOutOfRange, path(&["scales", "0", "max"]))
    );
}

#[test]
fn option_value_outside_scale() {
    let mut definition = valid();
    definition.scales[0].options[6].value = 7;
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (
            ErrorKind::OptionValueOutOfRange,
            path(&["scales", "0", "options", "6", "value"])
        )
    );
    assert_eq!(error.message, "option value `7` is outside the scale's range 0 to 6");
}

#[test]
fn duplicate_option_value() {
    let mut definition = valid();
    definition.scales[0].options.push(ScaleOption {
        value: 3,
        label: "again".into(),
        picture: None,
        audio: None,
    });
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (
            ErrorKind::DuplicateOptionValue,
            path(&["scales", "0", "options", "7", "value"])
        )
    );
}

#[test]
fn no_items() {
    let mut definition = valid();
    definition.items.clear();
    let errors = definition.validate();
    assert_eq!(
        (errors[0].kind, &errors[0].path),
        (ErrorKind::NoItems, &path(&["items"]))
    );
    assert!(
        errors[1..]
            .iter()
            .all(|error| error.kind == ErrorKind::DimensionWithoutItems)
    );
}

#[test]
fn item_without_dimension() {
    let mut definition = valid();
    definition.items[7].dimension = None;
    let errors = definition.validate();
    assert_eq!(
        (errors[0].kind, &errors[0].path),
        (ErrorKind::MissingDimension, &path(&["items", "7"]))
    );
    assert_eq!(errors[0].message, "item `q8` has no dimension");
    assert_eq!(errors[0].help, "add `dimension:` with one of `F1`, `F2`, `F3`, `F4`");
}

#[test]
fn empty_dimension() {
    let mut definition = valid();
    definition.items[7].dimension = Some(String::new());
    let errors = definition.validate();
    assert_eq!(
        (errors[0].kind, &errors[0].path),
        (ErrorKind::EmptyDimension, &path(&["items", "7", "dimension"]))
    );
}

#[test]
fn unknown_dimension() {
    let mut definition = valid();
    definition.items[7].dimension = Some("F5".into());
    let errors = definition.validate();
    assert_eq!(
        (errors[0].kind, &errors[0].path),
        (ErrorKind::UnknownDimension, &path(&["items", "7", "dimension"]))
    );
    assert_eq!(errors[0].message, "unknown dimension `F5`");
    assert!(errors[0].help.contains("`F4`"));
}

#[test]
fn item_without_scale() {
    let mut definition = valid();
    definition.items[2].scale = None;
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::MissingScale, path(&["items", "2"]))
    );

    definition.items[2].scale = Some(" ".into());
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::MissingScale, path(&["items", "2", "scale"]))
    );
}

#[test]
fn unknown_scale() {
    let mut definition = valid();
    definition.items[2].scale = Some("pictures".into());
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::UnknownScale, path(&["items", "2", "scale"]))
    );
    assert_eq!(error.message, "unknown scale `pictures`");
}

#[test]
fn dimension_without_items() {
    let mut definition = valid();
    definition.dimensions.push(Dimension {
        id: "F5".into(),
        name: "Fifth".into(),
        description: None,
        resources: Default::default(),
    });
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::DimensionWithoutItems, path(&["dimensions", "4", "id"]))
    );
    assert_eq!(error.message, "dimension `F5` has no items");
}

#[test]
fn too_many_items_in_dimension() {
    let mut definition = valid();
    for index in 0..27 {
        let mut item = definition.items[0].clone();
        item.id = format!("extra{index}");
        definition.items.push(item);
    }
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::TooManyItemsInDimension, path(&["dimensions", "0", "id"]))
    );
    assert_eq!(error.message, "dimension `F1` has 33 items");
}

#[test]
fn minimum_answered_zero() {
    let mut definition = valid();
    definition.scoring.minimum_answered = Some(0);
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::MinimumAnsweredZero, path(&["scoring", "minimum_answered"]))
    );
}

#[test]
fn minimum_answered_above_items() {
    let mut definition = valid();
    definition.scoring.minimum_answered = Some(7);
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (
            ErrorKind::MinimumAnsweredTooHigh,
            path(&["scoring", "minimum_answered"])
        )
    );
    assert_eq!(
        error.message,
        "minimum answered `7` is more than the 6 items of dimension `F1`"
    );

    definition.scoring.minimum_answered = Some(6);
    assert_eq!(definition.validate(), Vec::new());
}

#[test]
fn tie_tolerance_out_of_range() {
    let mut definition = valid();
    definition.scoring.tie_tolerance_hundredths = 601;
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (
            ErrorKind::TieToleranceOutOfRange,
            path(&["scoring", "tie_tolerance_hundredths"])
        )
    );
    assert!(error.message.contains("`601`"));

    definition.scoring.tie_tolerance_hundredths = 600;
    assert_eq!(definition.validate(), Vec::new());
}

#[test]
fn errors_are_all_reported_together() {
    let mut definition = valid();
    definition.version = 0;
    definition.items[1].dimension = Some("F9".into());
    definition.items[2].scale = Some("nope".into());
    definition.scoring.tie_tolerance_hundredths = 1000;

    let kinds: Vec<ErrorKind> = definition.validate().into_iter().map(|error| error.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ErrorKind::VersionZero,
            ErrorKind::UnknownDimension,
            ErrorKind::UnknownScale,
            ErrorKind::TieToleranceOutOfRange
        ]
    );
}

#[test]
fn error_display_joins_path() {
    let mut definition = valid();
    definition.items[7].dimension = Some("F5".into());
    let text = definition.validate()[0].to_string();
    assert!(text.starts_with("items.7.dimension: unknown dimension `F5`"), "{text}");
}

/// Returns a staff form: ratings and free text, not scored.
fn unscored() -> Definition {
    let mut definition = functions_definition(Role::Staff, Combine::Equal);
    definition.scoring.method = Method::NotScored;
    definition.dimensions.clear();
    for item in &mut definition.items {
        item.dimension = None;
    }
    definition.items[23].kind = ItemKind::Text;
    definition.items[23].scale = None;
    definition
}

#[test]
fn unscored_form_with_text_item_is_valid() {
    assert_eq!(unscored().validate(), Vec::new());
    let errors = ScoringModel::from_definition(&unscored()).unwrap_err();
    assert_eq!(errors[0].kind, ErrorKind::NotScored);
}

#[test]
fn text_item_in_scored_form() {
    let mut definition = valid();
    definition.items[4].kind = ItemKind::Text;
    let errors = definition.validate();
    assert_eq!(
        (errors[0].kind, &errors[0].path),
        (ErrorKind::TextItemInScoredForm, &path(&["items", "4", "kind"]))
    );
    assert_eq!(errors[0].message, "text item `q5` is in a scored form");
}

#[test]
fn text_item_with_scale() {
    let mut definition = unscored();
    definition.items[23].scale = Some("frequency".into());
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::ScaleOnTextItem, path(&["items", "23", "scale"]))
    );
}

#[test]
fn dimension_in_unscored_form() {
    let mut definition = unscored();
    definition.items[2].dimension = Some("F3".into());
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::DimensionInUnscoredForm, path(&["items", "2", "dimension"]))
    );

    let mut definition = unscored();
    definition.dimensions = valid().dimensions;
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::DimensionInUnscoredForm, path(&["dimensions"]))
    );
}

#[test]
fn unscored_choice_item_still_needs_scale() {
    let mut definition = unscored();
    definition.items[0].scale = None;
    let error = only_error(&definition);
    assert_eq!((error.kind, error.path), (ErrorKind::MissingScale, path(&["items", "0"])));
}

fn with_code(form: u8, retired: Vec<RetiredVersion>) -> Definition {
    let mut definition = valid();
    definition.version = 3;
    definition.response_code = Some(ResponseCode { form, retired });
    definition
}

fn retired(version: u32, items: &[&str]) -> RetiredVersion {
    RetiredVersion {
        version,
        items: items.iter().map(|id| (*id).to_owned()).collect(),
    }
}

#[test]
fn response_code_settings_are_valid() {
    let definition = with_code(31, vec![retired(1, &["q2", "q1"]), retired(2, &["q1"])]);
    assert_eq!(definition.validate(), Vec::new());
}

#[test]
fn form_number_out_of_range() {
    let error = only_error(&with_code(32, Vec::new()));
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::FormNumberOutOfRange, path(&["response_code", "form"]))
    );
    assert!(error.message.contains("`32`"), "{}", error.message);
}

#[test]
fn retired_version_not_older() {
    for version in [0, 3, 4] {
        let error = only_error(&with_code(0, vec![retired(version, &["q1"])]));
        assert_eq!(
            (error.kind, error.path),
            (
                ErrorKind::RetiredVersionInvalid,
                path(&["response_code", "retired", "0", "version"])
            ),
            "version {version}"
        );
    }

    let error = only_error(&with_code(0, vec![retired(1, &["q1"]), retired(1, &["q2"])]));
    assert_eq!(error.path, path(&["response_code", "retired", "1", "version"]));
    assert_eq!(error.message, "retired version `1` is listed twice");
}

#[test]
fn retired_items_unknown_or_repeated() {
    let error = only_error(&with_code(0, vec![retired(1, &["q1", "q99"])]));
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::UnknownItem, path(&["response_code", "retired", "0", "items", "1"]))
    );

    let error = only_error(&with_code(0, vec![retired(1, &["q1", "q1"])]));
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::DuplicateId, path(&["response_code", "retired", "0", "items", "1"]))
    );

    let error = only_error(&with_code(0, vec![retired(1, &[])]));
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::NoItems, path(&["response_code", "retired", "0", "items"]))
    );
}

#[test]
fn response_code_on_unscored_form() {
    let mut definition = unscored();
    definition.response_code = Some(ResponseCode {
        form: 2,
        retired: Vec::new(),
    });
    let error = only_error(&definition);
    assert_eq!(
        (error.kind, error.path),
        (ErrorKind::ResponseCodeOnUnscoredForm, path(&["response_code"]))
    );
}
