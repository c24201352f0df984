//! Response codes: encoding from definitions, tolerant reading and every decoding error.

mod common;

use attendance_engine::code::{CodeError, CodeLayout, DecodedCode, decode};
use attendance_engine::definition::{Combine, Role};
use common::{functions_definition, parse_answers};

fn pupil_layout() -> CodeLayout {
    CodeLayout::for_definition(0, &functions_definition(Role::Pupil, Combine::Equal)).expect("pupil form fits a code")
}

fn positions(text: &str) -> Vec<Option<u8>> {
    parse_answers(text)
}

#[test]
fn layout_from_definition_counts_options() {
    let layout = pupil_layout();
    assert_eq!(layout.option_counts(), &[7; 24][..]);
    assert_eq!((layout.form(), layout.version()), (0, 1));
    assert_eq!(layout.symbol_count(), 19);
}

#[test]
fn definition_answers_round_trip() {
    let definition = functions_definition(Role::Pupil, Combine::Equal);
    let layout = CodeLayout::for_definition(5, &definition).unwrap();
    let answers = positions("22-122512251225122512251");

    let code = layout.encode(&answers).unwrap();
    let decoded = decode(&code, &[layout]).unwrap();
    assert_eq!(
        decoded,
        DecodedCode {
            form: 5,
            version: 1,
            answers: answers.clone()
        }
    );
    assert_eq!(definition.option_values(&decoded.answers), Some(answers));
}

#[test]
fn option_values_use_scale_values() {
    let mut definition = functions_definition(Role::Pupil, Combine::Equal);
    for (option, value) in definition.scales[0]
        .options
        .iter_mut()
        .zip([0, 1, 2, 3, 4, 5, 6].iter().rev())
    {
        option.value = *value;
    }
    let values = definition
        .option_values(&positions("0-6000000000000000000000"))
        .unwrap();
    assert_eq!(values[0], Some(6));
    assert_eq!(values[1], None);
    assert_eq!(values[2], Some(0));
    assert_eq!(definition.option_values(&positions("7")), None);
    assert_eq!(definition.option_values(&positions("700000000000000000000000")), None);
}

#[test]
fn code_is_grouped_in_fours() {
    let code = pupil_layout().encode(&positions("333333333333333333333333")).unwrap();
    let groups: Vec<&str> = code.split('-').collect();
    assert_eq!(
        groups.iter().map(|group| group.len()).collect::<Vec<_>>(),
        vec![4, 4, 4, 4, 3]
    );
}

#[test]
fn decode_accepts_lower_case_spaces_and_aliases() {
    let layout = pupil_layout();
    let answers = positions("621062106210621062106210");
    let code = layout.encode(&answers).unwrap();
    assert!(code.contains('0'), "{code}");
    assert!(code.contains('1'), "{code}");

    let typed = format!(
        "  {} ",
        code.to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replacen('1', "l", 1)
            .replace('1', "I")
    );
    assert_eq!(decode(&typed, &[layout]).unwrap().answers, answers);
}

#[test]
fn decode_rejects_letter_u_with_position() {
    let code = pupil_layout().encode(&positions("333333333333333333333333")).unwrap();
    let typed = format!("{}u{}", &code[..5], &code[6..]);
    assert_eq!(
        decode(&typed, &[pupil_layout()]),
        Err(CodeError::LetterU { position: 6 })
    );
}

#[test]
fn decode_rejects_other_characters_with_position() {
    let code = pupil_layout().encode(&positions("333333333333333333333333")).unwrap();
    let typed = format!("{}*{}", &code[..2], &code[3..]);
    assert_eq!(
        decode(&typed, &[pupil_layout()]),
        Err(CodeError::InvalidCharacter {
            position: 3,
            character: '*'
        })
    );
    assert_eq!(
        decode("00é", &[pupil_layout()]),
        Err(CodeError::InvalidCharacter {
            position: 3,
            character: 'é'
        })
    );
}

#[test]
fn decode_rejects_empty_and_short_codes() {
    assert_eq!(decode("", &[pupil_layout()]), Err(CodeError::Empty));
    assert_eq!(decode(" - ", &[pupil_layout()]), Err(CodeError::Empty));
    assert_eq!(decode("001X", &[pupil_layout()]), Err(CodeError::TooShort { found: 4 }));
}

#[test]
fn decode_reports_missing_and_extra_characters() {
    let code = pupil_layout().encode(&positions("621062106210621062106210")).unwrap();
    let missing = code.replacen("MFD3", "MF3", 1);
    let doubled = code.replacen("MFD3", "MFDD3", 1);

    assert_eq!(
        decode(&missing, &[pupil_layout()]),
        Err(CodeError::WrongLength {
            expected: 19,
            found: 18
        })
    );
    assert_eq!(
        decode(&doubled, &[pupil_layout()]),
        Err(CodeError::WrongLength {
            expected: 19,
            found: 20
        })
    );
}

#[test]
fn decode_reports_failed_check() {
    let code = pupil_layout().encode(&positions("621062106210621062106210")).unwrap();
    let changed = code.replacen("V8YT", "V8YV", 1);
    assert_eq!(decode(&changed, &[pupil_layout()]), Err(CodeError::CheckFailed));
}

#[test]
fn decode_reports_unknown_form() {
    let other = CodeLayout::new(4, 1, vec![7; 24]).unwrap();
    let code = other.encode(&positions("333333333333333333333333")).unwrap();
    assert_eq!(
        decode(&code, &[pupil_layout()]),
        Err(CodeError::UnknownForm { form: 4 })
    );
}

#[test]
fn decode_reports_unknown_version_and_known_ones() {
    let old = CodeLayout::new(0, 1, vec![7; 24]).unwrap();
    let current = CodeLayout::new(0, 3, vec![7; 20]).unwrap();
    let code = old.encode(&positions("333333333333333333333333")).unwrap();

    let error = decode(&code, std::slice::from_ref(&current)).unwrap_err();
    assert_eq!(
        error,
        CodeError::UnknownVersion {
            form: 0,
            version: 1,
            known: vec![3]
        }
    );
    assert_eq!(
        error.to_string(),
        "the code is from version 1 of form number 0, which this site can no longer read; it reads version 3"
    );
}

#[test]
fn older_version_decodes_while_kept() {
    let old = CodeLayout::new(0, 1, vec![7; 24]).unwrap();
    let current = CodeLayout::new(0, 2, vec![3; 20]).unwrap();
    let old_code = old.encode(&positions("333333333333333333333333")).unwrap();
    let current_code = current.encode(&positions("01201201201201201201")).unwrap();
    let layouts = [current, old];

    assert_eq!(decode(&old_code, &layouts).unwrap().version, 1);
    assert_eq!(decode(&current_code, &layouts).unwrap().version, 2);
    assert_eq!(
        decode(&current_code, &layouts).unwrap().answers,
        positions("01201201201201201201")
    );
}

#[test]
fn decode_reports_layout_changed_without_new_version() {
    // Seven and five options both take 3 bits, so the code has the right length but option 7 is gone.
    let before = CodeLayout::new(2, 4, vec![7; 6]).unwrap();
    let after = CodeLayout::new(2, 4, vec![5; 6]).unwrap();
    let code = before.encode(&positions("006000")).unwrap();

    assert_eq!(
        decode(&code, &[after]),
        Err(CodeError::Mismatch {
            form: 2,
            version: 4,
            item: Some(3)
        })
    );
}

#[test]
fn encode_rejects_values_a_code_cannot_hold() {
    assert_eq!(
        CodeLayout::new(32, 1, vec![7]),
        Err(CodeError::FormOutOfRange { form: 32 })
    );
    assert_eq!(
        CodeLayout::new(0, 0, vec![7]),
        Err(CodeError::VersionOutOfRange { version: 0 })
    );
    assert_eq!(
        CodeLayout::new(0, 1024, vec![7]),
        Err(CodeError::VersionOutOfRange { version: 1024 })
    );
    assert_eq!(CodeLayout::new(0, 1, vec![7, 0]), Err(CodeError::NoOptions { item: 2 }));
    assert_eq!(CodeLayout::new(0, 1, Vec::new()), Err(CodeError::NoItems));

    let layout = CodeLayout::new(0, 1, vec![7, 3]).unwrap();
    assert_eq!(
        layout.encode(&[None]),
        Err(CodeError::WrongAnswerCount { expected: 2, found: 1 })
    );
    assert_eq!(
        layout.encode(&[None, Some(3)]),
        Err(CodeError::AnswerOutOfRange {
            item: 2,
            option: 3,
            options: 3
        })
    );
}

#[test]
fn layout_of_definition_with_missing_scale_is_rejected() {
    let mut definition = functions_definition(Role::Pupil, Combine::Equal);
    definition.items[4].scale = Some("missing".into());
    assert_eq!(
        CodeLayout::for_definition(0, &definition),
        Err(CodeError::NoOptions { item: 5 })
    );
}

#[test]
fn messages_say_what_to_do() {
    assert_eq!(
        CodeError::LetterU { position: 6 }.to_string(),
        "the letter U at position 6 is not used in codes; check that character against the code as written"
    );
    assert_eq!(
        CodeError::WrongLength {
            expected: 19,
            found: 18
        }
        .to_string(),
        "the code has 18 characters, but a code of this form has 19; look for a character left out or typed twice"
    );
    assert!(CodeError::CheckFailed.to_string().contains("character by character"));
    assert!(
        CodeError::InvalidCharacter {
            position: 3,
            character: '*'
        }
        .to_string()
        .starts_with("character '*' at position 3")
    );
}
