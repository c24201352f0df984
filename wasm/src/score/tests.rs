//! Hand-computed cases for scoring, combination and ranking.

use super::*;
use crate::score::ProfileKind;

/// Rules for `counts[d]` items in dimension d, in dimension order, on a 0–6 scale.
fn rules(counts: &[usize]) -> Vec<ItemRule> {
    counts
        .iter()
        .enumerate()
        .flat_map(|(dimension, &count)| {
            (0..count).map(move |_| ItemRule {
                dimension,
                max: 6,
                reverse: false,
            })
        })
        .collect()
}

fn model(counts: &[usize], minimum: u32, tolerance: u32, combine: Combine) -> ScoringModel {
    ScoringModel::new(rules(counts), &vec![minimum; counts.len()], tolerance, combine, false).expect("valid rules")
}

fn answers(values: &[u8]) -> Vec<Option<u8>> {
    values.iter().map(|&value| Some(value)).collect()
}

fn scores(profile: &Profile) -> Vec<Option<String>> {
    profile
        .dimensions
        .iter()
        .map(|dimension| dimension.score.map(format_score))
        .collect()
}

fn primary(profile: &Profile) -> Vec<bool> {
    profile.dimensions.iter().map(|dimension| dimension.primary).collect()
}

fn exact(numerator: u128, denominator: u128) -> Option<Rational> {
    Rational::new(numerator, denominator)
}

#[test]
fn all_equal_answers_tie_every_dimension() {
    let model = model(&[2, 2, 2, 2], 0, 25, Combine::Equal);
    let form = model.score_form(Role::Pupil, &answers(&[3; 8])).unwrap();
    let profile = model.profile(&[form]).unwrap();

    assert_eq!(scores(&profile), vec![Some("3.00".to_owned()); 4]);
    assert_eq!(primary(&profile), vec![true; 4]);
    assert!(profile.dimensions.iter().all(|dimension| dimension.rank == Some(1)));
    assert_eq!(profile.kind, ProfileKind::NoneStandsOut);
}

#[test]
fn all_zero_answers_tie_every_dimension() {
    let model = model(&[2, 2, 2, 2], 0, 25, Combine::Equal);
    let form = model.score_form(Role::Pupil, &answers(&[0; 8])).unwrap();
    let profile = model.profile(&[form]).unwrap();

    assert_eq!(scores(&profile), vec![Some("0.00".to_owned()); 4]);
    assert_eq!(profile.kind, ProfileKind::NoneStandsOut);
}

#[test]
fn tie_exactly_at_tolerance_is_primary() {
    // First dimension (4 + 5) / 2 = 4.50, second (4 + 4 + 4 + 5) / 4 = 4.25: exactly 0.25 below.
    let model = model(&[2, 4], 0, 25, Combine::Equal);
    let form = model.score_form(Role::Pupil, &answers(&[4, 5, 4, 4, 4, 5])).unwrap();
    let profile = model.profile(&[form]).unwrap();

    assert_eq!(profile.dimensions[1].score, exact(17, 4));
    assert_eq!(primary(&profile), vec![true, true]);
    assert_eq!(profile.kind, ProfileKind::NoneStandsOut);
}

#[test]
fn tie_just_past_tolerance_is_not_primary() {
    // 4.50 against (4 × 4 + 5) / 5 = 4.20: 0.30 below, primary only with a tolerance of 30 or more.
    let model_30 = model(&[2, 5], 0, 30, Combine::Equal);
    let model_29 = model(&[2, 5], 0, 29, Combine::Equal);
    let values = answers(&[4, 5, 4, 4, 4, 4, 5]);

    let within = model_30
        .profile(&[model_30.score_form(Role::Pupil, &values).unwrap()])
        .unwrap();
    let past = model_29
        .profile(&[model_29.score_form(Role::Pupil, &values).unwrap()])
        .unwrap();
    assert_eq!(primary(&within), vec![true, true]);
    assert_eq!(primary(&past), vec![true, false]);
    assert_eq!(past.kind, ProfileKind::Single);
}

#[test]
fn tolerance_is_exact_where_floats_are_not() {
    // 7/10 and 9/20 differ by exactly 0.25; 0.7 - 0.45 is 0.24999999999999994 in f64.
    let model = model(&[10, 20], 0, 25, Combine::Equal);
    let mut values = vec![1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    values.extend([1; 9]);
    values.extend([0; 11]);
    let profile = model
        .profile(&[model.score_form(Role::Pupil, &answers(&values)).unwrap()])
        .unwrap();

    assert_eq!(profile.dimensions[0].score, exact(7, 10));
    assert_eq!(profile.dimensions[1].score, exact(9, 20));
    assert_eq!(primary(&profile), vec![true, true]);
}

#[test]
fn one_missing_item_leaves_dimension_unscored() {
    let model = model(&[3, 3], 0, 25, Combine::Equal);
    assert_eq!(model.minimum_answered(), &[3, 3]);
    let values = [Some(2), None, Some(2), Some(1), Some(1), Some(1)];
    let form = model.score_form(Role::Pupil, &values).unwrap();

    assert_eq!(
        form.dimensions[0],
        FormDimension {
            score: None,
            answered: 2,
            items: 3,
            minimum: 3
        }
    );
    assert_eq!(form.dimensions[1].score, exact(1, 1));

    let profile = model.profile(&[form]).unwrap();
    assert_eq!(profile.dimensions[0].rank, None);
    assert!(!profile.dimensions[0].primary);
    assert_eq!(
        (profile.dimensions[0].forms_scored, profile.dimensions[0].forms_total),
        (0, 1)
    );
    assert_eq!(profile.kind, ProfileKind::Single);
}

#[test]
fn missing_item_on_one_form_uses_the_others() {
    let model = model(&[2], 0, 25, Combine::Equal);
    let pupil = model.score_form(Role::Pupil, &[Some(6), None]).unwrap();
    let parent = model.score_form(Role::Parent, &answers(&[2, 2])).unwrap();
    let profile = model.profile(&[pupil, parent]).unwrap();

    assert_eq!(profile.dimensions[0].score, exact(2, 1));
    assert_eq!(
        (profile.dimensions[0].forms_scored, profile.dimensions[0].forms_total),
        (1, 2)
    );
}

#[test]
fn nothing_answered_is_not_scored() {
    let model = model(&[2, 2], 0, 25, Combine::Equal);
    let form = model.score_form(Role::Pupil, &[None; 4]).unwrap();
    let profile = model.profile(&[form]).unwrap();

    assert_eq!(scores(&profile), vec![None, None]);
    assert_eq!(profile.kind, ProfileKind::NotScored);
}

#[test]
fn no_forms_give_unscored_profile() {
    let model = model(&[2, 2], 0, 25, Combine::Equal);
    let profile = model.profile(&[]).unwrap();

    assert_eq!(profile.dimensions.len(), 2);
    assert_eq!(scores(&profile), vec![None, None]);
    assert_eq!(profile.kind, ProfileKind::NotScored);
}

fn combined_first_dimension(combine: Combine, parents: &[u8]) -> Option<Rational> {
    let model = model(&[1, 1], 0, 25, combine);
    let mut forms = vec![model.score_form(Role::Pupil, &answers(&[6, 1])).unwrap()];
    for &parent in parents {
        forms.push(model.score_form(Role::Parent, &answers(&[parent, 1])).unwrap());
    }
    model.profile(&forms).unwrap().dimensions[0].score
}

#[test]
fn one_parent_gives_same_result_under_both_rules() {
    assert_eq!(combined_first_dimension(Combine::Equal, &[0]), exact(3, 1));
    assert_eq!(combined_first_dimension(Combine::ParentsFirst, &[0]), exact(3, 1));
}

#[test]
fn two_parents_differ_between_rules() {
    // Equal: (6 + 0 + 0) / 3 = 2. Parents first: (6 + (0 + 0) / 2) / 2 = 3.
    assert_eq!(combined_first_dimension(Combine::Equal, &[0, 0]), exact(2, 1));
    assert_eq!(combined_first_dimension(Combine::ParentsFirst, &[0, 0]), exact(3, 1));

    // Equal: (6 + 0 + 3) / 3 = 3. Parents first: (6 + 1.5) / 2 = 3.75.
    assert_eq!(combined_first_dimension(Combine::Equal, &[0, 3]), exact(3, 1));
    assert_eq!(combined_first_dimension(Combine::ParentsFirst, &[0, 3]), exact(15, 4));
}

#[test]
fn parents_first_without_pupil_averages_parents() {
    let model = model(&[1], 0, 25, Combine::ParentsFirst);
    let forms = [
        model.score_form(Role::Parent, &answers(&[1])).unwrap(),
        model.score_form(Role::Parent, &answers(&[4])).unwrap(),
    ];
    assert_eq!(model.profile(&forms).unwrap().dimensions[0].score, exact(5, 2));
}

#[test]
fn reverse_scoring_uses_scale_maximum() {
    let items = vec![
        ItemRule {
            dimension: 0,
            max: 6,
            reverse: false,
        },
        ItemRule {
            dimension: 0,
            max: 6,
            reverse: true,
        },
        ItemRule {
            dimension: 1,
            max: 2,
            reverse: true,
        },
    ];
    let model = ScoringModel::new(items, &[0, 0], 25, Combine::Equal, false).unwrap();
    let form = model.score_form(Role::Pupil, &answers(&[2, 1, 0])).unwrap();

    // (2 + (6 - 1)) / 2 = 3.5, and 2 - 0 = 2.
    assert_eq!(form.dimensions[0].score, exact(7, 2));
    assert_eq!(form.dimensions[1].score, exact(2, 1));
}

#[test]
fn minimum_answered_below_all_items() {
    let model = model(&[6], 4, 25, Combine::Equal);
    assert_eq!(model.minimum_answered(), &[4]);
    assert_eq!(model.dimension_items(), &[6]);

    let four = model
        .score_form(Role::Pupil, &[Some(1), Some(2), None, Some(3), None, Some(6)])
        .unwrap();
    assert_eq!(four.dimensions[0].score, exact(3, 1));
    assert_eq!(four.dimensions[0].minimum, 4);

    let three = model
        .score_form(Role::Pupil, &[Some(1), None, None, Some(3), None, Some(6)])
        .unwrap();
    assert_eq!(
        three.dimensions[0],
        FormDimension {
            score: None,
            answered: 3,
            items: 6,
            minimum: 4
        }
    );
}

#[test]
fn equal_scores_share_a_rank() {
    let model = model(&[1, 1, 1, 1], 0, 25, Combine::Equal);
    let form = model.score_form(Role::Pupil, &answers(&[3, 5, 5, 1])).unwrap();
    let profile = model.profile(&[form]).unwrap();

    let ranks: Vec<Option<u32>> = profile.dimensions.iter().map(|dimension| dimension.rank).collect();
    assert_eq!(ranks, vec![Some(3), Some(1), Some(1), Some(4)]);
    assert_eq!(primary(&profile), vec![false, true, true, false]);
    assert_eq!(profile.kind, ProfileKind::Mixed);
}

#[test]
fn indicative_flag_spreads_to_profile() {
    let plain = model(&[1], 0, 25, Combine::Equal);
    let indicative = ScoringModel::new(rules(&[1]), &[0], 25, Combine::Equal, true).unwrap();
    let forms = [
        plain.score_form(Role::Parent, &answers(&[2])).unwrap(),
        indicative.score_form(Role::Pupil, &answers(&[4])).unwrap(),
    ];

    assert!(!plain.profile(&forms[..1]).unwrap().indicative);
    assert!(plain.profile(&forms).unwrap().indicative);
}

#[test]
fn format_score_rounds_half_up() {
    assert_eq!(format_score(Rational::new(1, 8).unwrap()), "0.13");
    assert_eq!(format_score(Rational::new(1, 200).unwrap()), "0.01");
    assert_eq!(format_score(Rational::new(25, 6).unwrap()), "4.17");
    assert_eq!(format_score(Rational::new(13, 3).unwrap()), "4.33");
    assert_eq!(format_score(Rational::new(21, 20).unwrap()), "1.05");
    assert_eq!(format_score(Rational::from_integer(6)), "6.00");
    assert_eq!(format_score(Rational::from_integer(0)), "0.00");
}

#[test]
fn wrong_answers_are_rejected() {
    let model = model(&[2], 0, 25, Combine::Equal);
    assert_eq!(
        model.score_form(Role::Pupil, &answers(&[1])),
        Err(ScoreError::WrongAnswerCount { expected: 2, found: 1 })
    );
    assert_eq!(
        model.score_form(Role::Pupil, &answers(&[1, 7])),
        Err(ScoreError::AnswerOutOfRange {
            item: 1,
            value: 7,
            max: 6
        })
    );
}

#[test]
fn forms_of_other_shape_are_rejected() {
    let two = model(&[1, 1], 0, 25, Combine::Equal);
    let three = model(&[1, 1, 1], 0, 25, Combine::Equal);
    let form = three.score_form(Role::Pupil, &answers(&[1, 1, 1])).unwrap();

    assert_eq!(
        two.profile(&[form]),
        Err(ScoreError::DimensionCountMismatch { expected: 2, found: 3 })
    );
}

#[test]
fn too_many_forms_are_rejected() {
    let model = model(&[1], 0, 25, Combine::Equal);
    let form = model.score_form(Role::Parent, &answers(&[1])).unwrap();
    let forms = vec![form; MAX_FORMS + 1];

    assert_eq!(
        model.profile(&forms),
        Err(ScoreError::TooManyForms { found: MAX_FORMS + 1 })
    );
    assert!(model.profile(&forms[..MAX_FORMS]).is_ok());
}

#[test]
fn worst_case_combination_stays_exact() {
    // Every answered count from 1 to 32 across the most forms, split over all roles, under both rules:
    // the denominators reach lcm(1..=32) times the form counts, which must still fit.
    for combine in [Combine::Equal, Combine::ParentsFirst] {
        let model = ScoringModel::new(rules(&[32]), &[1], 600, combine, false).unwrap();
        let forms: Vec<ScoredForm> = (0..MAX_FORMS)
            .map(|index| {
                let answered = index % 32 + 1;
                let values: Vec<Option<u8>> = (0..32)
                    .map(|item| (item < answered).then_some(((index + item) % 7) as u8))
                    .collect();
                let role = [Role::Pupil, Role::Parent, Role::Staff][index % 3];
                model.score_form(role, &values).unwrap()
            })
            .collect();

        let profile = model.profile(&forms).unwrap();
        let score = profile.dimensions[0].score.unwrap();
        assert!(score <= Rational::from_integer(6));
    }
}

#[test]
fn inconsistent_rules_are_rejected() {
    let bad_dimension = vec![ItemRule {
        dimension: 2,
        max: 6,
        reverse: false,
    }];
    assert!(matches!(
        ScoringModel::new(bad_dimension, &[0, 0], 25, Combine::Equal, false),
        Err(ScoreError::InvalidModel(_))
    ));
    assert!(matches!(
        ScoringModel::new(rules(&[1, 0]), &[0, 0], 25, Combine::Equal, false),
        Err(ScoreError::InvalidModel(_))
    ));
    assert!(matches!(
        ScoringModel::new(rules(&[2]), &[3], 25, Combine::Equal, false),
        Err(ScoreError::InvalidModel(_))
    ));
    assert!(matches!(
        ScoringModel::new(rules(&[2]), &[0], 601, Combine::Equal, false),
        Err(ScoreError::InvalidModel(_))
    ));
    assert!(matches!(
        ScoringModel::new(rules(&[33]), &[0], 25, Combine::Equal, false),
        Err(ScoreError::InvalidModel(_))
    ));
    assert!(matches!(
        ScoringModel::new(Vec::new(), &[], 25, Combine::Equal, false),
        Err(ScoreError::InvalidModel(_))
    ));
    let zero_max = vec![ItemRule {
        dimension: 0,
        max: 0,
        reverse: false,
    }];
    assert!(matches!(
        ScoringModel::new(zero_max, &[0], 25, Combine::Equal, false),
        Err(ScoreError::InvalidModel(_))
    ));
}

#[test]
fn error_messages_name_the_values() {
    let message = ScoreError::AnswerOutOfRange {
        item: 2,
        value: 9,
        max: 6,
    }
    .message();
    assert_eq!(message, "answer 9 to item 3 is above the scale maximum 6");
    assert_eq!(
        ScoreError::WrongAnswerCount {
            expected: 24,
            found: 23
        }
        .to_string(),
        "expected 24 answers, found 23"
    );
}
