//! Tidying of the text that goes into the search index.

use unicode_normalization::UnicodeNormalization;

/// Returns `text` in Unicode NFC with control characters dropped and every run of whitespace turned
/// into one space, trimmed at both ends.
///
/// NFC makes a letter typed as a base and a combining accent (`a` + U+0300) the same as the
/// precomposed letter (`à`), so the browser's accent folding always starts from the same form.
pub fn normalise(text: &str) -> String {
    let mut normalised = String::with_capacity(text.len());
    let mut pending_space = false;

    for character in text.nfc() {
        if character.is_whitespace() {
            pending_space = true;
            continue;
        }
        if character.is_control() || is_invisible_format(character) {
            continue;
        }
        if pending_space && !normalised.is_empty() {
            normalised.push(' ');
        }
        pending_space = false;
        normalised.push(character);
    }
    normalised
}

/// Zero-width and direction marks that would split or hide words without showing anything.
fn is_invisible_format(character: char) -> bool {
    matches!(character, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn normalise_cases() {
        let cases = [
            ("  two   words\n", "two words"),
            ("tab\tand\r\nline", "tab and line"),
            ("fa\u{300}ilte", "f\u{e0}ilte"),
            ("soft\u{AD}hyphen", "softhyphen"),
            ("zero\u{200B}width", "zerowidth"),
            ("bell\u{7}", "bell"),
            ("non\u{A0}breaking", "non breaking"),
            ("", ""),
            (" \n ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise(input), expected, "{input:?}");
        }
    }
}
