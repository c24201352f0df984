//! Property tests: score ranges, independence from form order, and response codes that round-trip
//! and catch every single-character change and adjacent swap.

use attendance_engine::code::{ALPHABET, CodeLayout, decode};
use attendance_engine::definition::{Combine, Role};
use attendance_engine::rational::Rational;
use attendance_engine::score::{ItemRule, ScoredForm, ScoringModel};
use proptest::prelude::*;

/// A layout with answers that fit it.
fn layout_and_answers() -> impl Strategy<Value = (CodeLayout, Vec<Option<u8>>)> {
    (0u8..=31, 1u32..=1023, prop::collection::vec(1u8..=12, 1..40)).prop_flat_map(|(form, version, counts)| {
        let answers: Vec<_> = counts.iter().map(|&count| prop::option::of(0..count)).collect();
        (
            Just(CodeLayout::new(form, version, counts).expect("layout in range")),
            answers,
        )
    })
}

/// Scoring rules on a 0..=max scale (max 1 to 6) with 1 to 5 dimensions of 1 to 8 items each, and the
/// scale maximum.
fn scoring_model() -> impl Strategy<Value = (ScoringModel, u8)> {
    (
        1u8..=6,
        prop::collection::vec((1usize..=8, any::<bool>()), 1..=5),
        any::<bool>(),
    )
        .prop_map(|(max, dimensions, parents_first)| {
            let mut items = Vec::new();
            for (dimension, &(count, reverse)) in dimensions.iter().enumerate() {
                for index in 0..count {
                    items.push(ItemRule {
                        dimension,
                        max,
                        reverse: reverse && index % 2 == 0,
                    });
                }
            }
            let combine = if parents_first {
                Combine::ParentsFirst
            } else {
                Combine::Equal
            };
            let model = ScoringModel::new(items, &vec![0; dimensions.len()], 25, combine, false).expect("valid rules");
            (model, max)
        })
}

/// A model with 1 to 7 scored forms of random roles; about one answer in ten is left out.
fn model_and_forms() -> impl Strategy<Value = (ScoringModel, Vec<ScoredForm>)> {
    scoring_model().prop_flat_map(|(model, max)| {
        let items = model.item_count();
        let form = (
            prop::sample::select(vec![Role::Pupil, Role::Parent, Role::Staff]),
            prop::collection::vec(prop::option::weighted(0.9, 0..=max), items),
        );
        let scorer = model.clone();
        let forms = prop::collection::vec(form, 1..8).prop_map(move |forms| {
            forms
                .iter()
                .map(|(role, answers)| scorer.score_form(*role, answers).expect("answers within the scale"))
                .collect::<Vec<_>>()
        });
        (Just(model), forms)
    })
}

/// Symbol value of a typed character as the decoder reads it, or `None` for a character it rejects.
fn symbol_value(character: char) -> Option<u8> {
    match character.to_ascii_uppercase() {
        'O' => Some(0),
        'I' | 'L' => Some(1),
        upper => ALPHABET
            .iter()
            .position(|&symbol| char::from(symbol) == upper)
            .map(|value| value as u8),
    }
}

/// Returns every character a person might type in place of another, including aliases and rejected ones.
fn replacements() -> Vec<char> {
    let mut characters: Vec<char> = ALPHABET.iter().map(|&symbol| char::from(symbol)).collect();
    characters.extend("abcdefghjkmnpqrstvwxyzILOUiloU*~$=#.".chars());
    characters
}

proptest! {
    #[test]
    fn scores_stay_within_scale((model, scored) in model_and_forms()) {
        let six = Rational::from_integer(6);
        for form in &scored {
            for dimension in &form.dimensions {
                if let Some(score) = dimension.score {
                    prop_assert!(score <= six);
                }
            }
        }
        let profile = model.profile(&scored).unwrap();
        for dimension in &profile.dimensions {
            if let Some(score) = dimension.score {
                prop_assert!(score <= six);
                prop_assert!(score.hundredths() <= 600);
            }
        }
    }

    #[test]
    fn form_order_does_not_change_profile(
        (model, forms, shuffled) in model_and_forms().prop_flat_map(|(model, forms)| {
            (Just(model), Just(forms.clone()), Just(forms).prop_shuffle())
        })
    ) {
        prop_assert_eq!(model.profile(&shuffled).unwrap(), model.profile(&forms).unwrap());
    }

    #[test]
    fn decode_inverts_encode((layout, answers) in layout_and_answers()) {
        let code = layout.encode(&answers).unwrap();
        let decoded = decode(&code, std::slice::from_ref(&layout)).unwrap();
        prop_assert_eq!(decoded.form, layout.form());
        prop_assert_eq!(decoded.version, layout.version());
        prop_assert_eq!(&decoded.answers, &answers);

        let compact = code.replace('-', "");
        prop_assert_eq!(compact.len(), layout.symbol_count());
        prop_assert_eq!(decode(&compact.to_lowercase(), &[layout]).unwrap().answers, answers);
    }

    #[test]
    fn every_single_character_change_is_caught(
        ((layout, answers), (other, _)) in (layout_and_answers(), layout_and_answers())
    ) {
        let layouts = [layout.clone(), other];
        let code: Vec<char> = layout.encode(&answers).unwrap().replace('-', "").chars().collect();

        for position in 0..code.len() {
            for replacement in replacements() {
                let mut changed = code.clone();
                changed[position] = replacement;
                let text: String = changed.iter().collect();
                let result = decode(&text, &layouts);

                if symbol_value(replacement) == symbol_value(code[position]) {
                    prop_assert_eq!(result.map(|decoded| decoded.answers), Ok(answers.clone()));
                } else {
                    prop_assert!(result.is_err(), "{} read as valid, from {}", text, code.iter().collect::<String>());
                }
            }
        }
    }

    #[test]
    fn every_adjacent_swap_is_caught(
        ((layout, answers), (other, _)) in (layout_and_answers(), layout_and_answers())
    ) {
        let layouts = [layout.clone(), other];
        let code: Vec<char> = layout.encode(&answers).unwrap().replace('-', "").chars().collect();

        for position in 0..code.len() - 1 {
            if code[position] == code[position + 1] {
                continue;
            }
            let mut swapped = code.clone();
            swapped.swap(position, position + 1);
            let text: String = swapped.iter().collect();
            prop_assert!(decode(&text, &layouts).is_err(), "{} read as valid", text);
        }
    }
}
