//! Definitions shared by the integration tests.

#![allow(dead_code)]

use attendance_engine::definition::{
    Combination, Combine, Definition, Dimension, Item, ItemKind, Presentation, Role, Scale, ScaleOption, Scoring,
};

pub const FUNCTION_IDS: [&str; 4] = ["F1", "F2", "F3", "F4"];

const LABELS: [&str; 7] = [
    "never",
    "seldom",
    "sometimes",
    "half the time",
    "usually",
    "almost always",
    "always",
];

/// Returns a 24-item form on the 0–6 scale whose items cycle through F1, F2, F3, F4, like the SRAS-R forms.
pub fn functions_definition(role: Role, combine: Combine) -> Definition {
    let options = LABELS
        .iter()
        .enumerate()
        .map(|(value, label)| ScaleOption {
            value: value as u8,
            label: (*label).into(),
            picture: None,
            audio: None,
        })
        .collect();
    let dimensions = FUNCTION_IDS
        .iter()
        .map(|id| Dimension {
            id: (*id).into(),
            name: format!("Function {id}"),
            description: None,
            resources: Default::default(),
        })
        .collect();
    let items = (0..24)
        .map(|index| Item {
            id: format!("q{}", index + 1),
            text: format!("Question {}", index + 1),
            dimension: Some(FUNCTION_IDS[index % 4].into()),
            scale: Some("frequency".into()),
            picture: None,
            audio: None,
            reverse: false,
            kind: ItemKind::Choice,
        })
        .collect();

    Definition {
        id: "functions".into(),
        version: 1,
        title: "Reasons for finding school hard".into(),
        audience: role.audience(),
        levels: vec!["second".into()],
        instructions: "Choose the answer that fits best.".into(),
        combination: Combination {
            group: "attendance-functions".into(),
            role,
        },
        scales: vec![Scale {
            id: "frequency".into(),
            max: 6,
            options,
        }],
        dimensions,
        items,
        scoring: Scoring {
            combine,
            ..Scoring::default()
        },
        presentation: Presentation::default(),
        response_code: None,
    }
}

/// Reads answers written one character per item: a digit is the value, `-` is not answered.
pub fn parse_answers(text: &str) -> Vec<Option<u8>> {
    text.chars()
        .map(|character| character.to_digit(10).map(|digit| digit as u8))
        .collect()
}
