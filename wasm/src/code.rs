//! Response codes: one form's answers as a short code that staff can read aloud, type or file.
//!
//! # Format
//!
//! A code is a string of symbols from Crockford's base32 alphabet `0123456789ABCDEFGHJKMNPQRSTVWXYZ`
//! (symbol values 0 to 31), printed in groups of four joined by `-`. In order, the symbols are:
//!
//! 1. **Form number**, 1 symbol: which definition, a number from 0 to 31 that the site assigns.
//! 2. **Version**, 2 symbols: the definition's version, 1 to 1023, high 5 bits first.
//! 3. **Answers**, as a bit string read most significant bit first, 5 bits per symbol. Each item in
//!    definition order takes as many bits as its option count needs in binary (1 option: 1 bit,
//!    2–3 options: 2 bits, 4–7 options: 3 bits, up to 8 bits for 255 options). The field is 0 for
//!    "not answered" and k + 1 for the option at zero-based position k in the scale's list. Zero bits
//!    pad the string to a whole symbol.
//! 4. **Check**, 1 symbol: `c = Σ s_i · α^(n−i)` over the n symbols s_0 … s_(n−1) before it, computed
//!    in the field GF(32) built on the polynomial x⁵ + x² + 1 with α = x (symbol value 2). Addition in
//!    that field is XOR.
//!
//! The check detects every change of one symbol and every swap of two adjacent different symbols,
//! the check symbol included. Append the check to the sum with weight α⁰ = 1 and a valid code sums
//! to 0. Changing symbol i by e ≠ 0 adds `e · α^(n−i)`, which is not 0 because the field has no zero
//! divisors. Swapping different neighbours a and b at positions i and i+1 adds
//! `(a + b) · α^(n−i−1) · (α + 1)`, which is not 0 because a ≠ b and α ≠ 1. Crockford's own mod-37
//! check would need the symbols `*~$=U`, which are awkward to read aloud; this check stays within the
//! 32 symbols.
//!
//! Decoding accepts lower case, ignores `-` and white space, and reads `I` and `L` as 1 and `O` as 0,
//! as Crockford's base32 does. `U` is rejected.
//!
//! The pupil form of 24 items on a 7-option scale takes 3 + 15 + 1 = 19 symbols: form 0, version 1
//! with the answers 6, 2, 1, 0 repeated six times is
//! `001X-MFD3-V8YT-7PHX-M8S`.

use crate::text::push_decimal;

/// Crockford's base32 symbols, in value order.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Largest form number a code can store (one symbol).
pub const MAX_FORM: u8 = 31;

/// Largest definition version a code can store (two symbols).
pub const MAX_VERSION: u32 = 1023;

const HEADER_SYMBOLS: usize = 3;
const GROUP_SIZE: usize = 4;

/// x⁵ + x² + 1, the polynomial that builds GF(32); it is irreducible, so every non-zero element has
/// an inverse.
const FIELD_POLYNOMIAL: u8 = 0b10_0101;

/// Layout of the codes of one definition: the site's form number, the version and each item's number
/// of options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLayout {
    form: u8,
    version: u32,
    option_counts: Vec<u8>,
}

/// The content of a decoded code. `answers` contains each item's zero-based option position, `None` when
/// the item was not answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedCode {
    pub form: u8,
    pub version: u32,
    pub answers: Vec<Option<u8>>,
}

/// Error from encoding or decoding a code. Positions of characters are 1-based and count every
/// character typed, separators included; item numbers are 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    FormOutOfRange {
        form: u8,
    },
    VersionOutOfRange {
        version: u32,
    },
    NoOptions {
        item: usize,
    },
    NoItems,
    WrongAnswerCount {
        expected: usize,
        found: usize,
    },
    AnswerOutOfRange {
        item: usize,
        option: u8,
        options: u8,
    },
    Empty,
    InvalidCharacter {
        position: usize,
        character: char,
    },
    LetterU {
        position: usize,
    },
    TooShort {
        found: usize,
    },
    WrongLength {
        expected: usize,
        found: usize,
    },
    CheckFailed,
    UnknownForm {
        form: u8,
    },
    UnknownVersion {
        form: u8,
        version: u32,
        known: Vec<u32>,
    },
    /// The code passed its check but does not fit the layout the site has for its form and version.
    Mismatch {
        form: u8,
        version: u32,
        item: Option<usize>,
    },
}

impl CodeLayout {
    /// Checks the ranges a code can hold: form 0 to 31, version 1 to 1023, 1 to 255 options per item.
    pub fn new(form: u8, version: u32, option_counts: Vec<u8>) -> Result<Self, CodeError> {
        if form > MAX_FORM {
            return Err(CodeError::FormOutOfRange { form });
        }
        if version == 0 || version > MAX_VERSION {
            return Err(CodeError::VersionOutOfRange { version });
        }
        if option_counts.is_empty() {
            return Err(CodeError::NoItems);
        }
        if let Some(index) = option_counts.iter().position(|&count| count == 0) {
            return Err(CodeError::NoOptions { item: index + 1 });
        }
        Ok(Self {
            form,
            version,
            option_counts,
        })
    }

    /// Builds the layout of a definition, giving it the site's form number.
    pub fn for_definition(form: u8, definition: &crate::definition::Definition) -> Result<Self, CodeError> {
        let counts = (0..definition.items.len())
            .map(|index| {
                definition
                    .item_scale(index)
                    .map_or(0, |scale| scale.options.len().min(255) as u8)
            })
            .collect();
        Self::new(form, definition.version, counts)
    }

    pub fn form(&self) -> u8 {
        self.form
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    pub fn option_counts(&self) -> &[u8] {
        &self.option_counts
    }

    /// Returns the number of symbols in a code of this layout, check included.
    pub fn symbol_count(&self) -> usize {
        let bits: usize = self.option_counts.iter().map(|&count| field_width(count)).sum();
        HEADER_SYMBOLS + bits.div_ceil(5) + 1
    }

    /// Encodes one form's answers (zero-based option positions, `None` for unanswered) as a grouped code.
    pub fn encode(&self, answers: &[Option<u8>]) -> Result<String, CodeError> {
        if answers.len() != self.option_counts.len() {
            return Err(CodeError::WrongAnswerCount {
                expected: self.option_counts.len(),
                found: answers.len(),
            });
        }

        let mut writer = BitWriter::default();
        writer.push(u32::from(self.form), 5);
        writer.push(self.version, 10);
        for (index, (&options, &answer)) in self.option_counts.iter().zip(answers).enumerate() {
            let field = match answer {
                None => 0,
                Some(option) if option < options => u32::from(option) + 1,
                Some(option) => {
                    return Err(CodeError::AnswerOutOfRange {
                        item: index + 1,
                        option,
                        options,
                    });
                }
            };
            writer.push(field, field_width(options));
        }

        let mut symbols = writer.finish();
        symbols.push(check_symbol(&symbols));
        Ok(group_symbols(&symbols))
    }

    fn read_answers(&self, symbols: &[u8]) -> Result<Vec<Option<u8>>, CodeError> {
        let mismatch = |item| CodeError::Mismatch {
            form: self.form,
            version: self.version,
            item,
        };
        let mut reader = BitReader::new(symbols);
        let mut answers = Vec::with_capacity(self.option_counts.len());
        for (index, &options) in self.option_counts.iter().enumerate() {
            let field = reader.read(field_width(options)).ok_or(mismatch(None))?;
            let answer = match field {
                0 => None,
                field if field <= u32::from(options) => Some((field - 1) as u8),
                _ => return Err(mismatch(Some(index + 1))),
            };
            answers.push(answer);
        }
        if !reader.rest_is_zero() {
            return Err(mismatch(None));
        }
        Ok(answers)
    }
}

/// Decodes a code typed by a person, using the layouts of the forms and versions the site reads.
pub fn decode(code: &str, layouts: &[CodeLayout]) -> Result<DecodedCode, CodeError> {
    let symbols = parse_symbols(code)?;
    if symbols.is_empty() {
        return Err(CodeError::Empty);
    }
    if symbols.len() < HEADER_SYMBOLS + 2 {
        return Err(CodeError::TooShort { found: symbols.len() });
    }

    let form = symbols[0];
    let version = (u32::from(symbols[1]) << 5) | u32::from(symbols[2]);
    let layout = layouts
        .iter()
        .find(|layout| layout.form == form && layout.version == version);

    // A known header with the wrong length most likely means a character was left out or typed twice,
    // which is more useful to report than a failed check.
    if let Some(layout) = layout
        && symbols.len() != layout.symbol_count()
    {
        return Err(CodeError::WrongLength {
            expected: layout.symbol_count(),
            found: symbols.len(),
        });
    }
    let (data, check) = symbols.split_at(symbols.len() - 1);
    if check_symbol(data) != check[0] {
        return Err(CodeError::CheckFailed);
    }

    let Some(layout) = layout else {
        let known: Vec<u32> = layouts
            .iter()
            .filter(|layout| layout.form == form)
            .map(|layout| layout.version)
            .collect();
        if known.is_empty() {
            return Err(CodeError::UnknownForm { form });
        }
        return Err(CodeError::UnknownVersion { form, version, known });
    };
    let answers = layout.read_answers(&data[HEADER_SYMBOLS..])?;
    Ok(DecodedCode { form, version, answers })
}

/// Converts typed characters to symbol values, skipping separators.
fn parse_symbols(code: &str) -> Result<Vec<u8>, CodeError> {
    let mut symbols = Vec::with_capacity(code.len());
    for (index, character) in code.chars().enumerate() {
        let position = index + 1;
        let value = match character.to_ascii_uppercase() {
            '-' => continue,
            character if character.is_whitespace() => continue,
            'O' => 0,
            'I' | 'L' => 1,
            'U' => return Err(CodeError::LetterU { position }),
            upper => match ALPHABET.iter().position(|&symbol| char::from(symbol) == upper) {
                Some(value) => value as u8,
                None => return Err(CodeError::InvalidCharacter { position, character }),
            },
        };
        symbols.push(value);
    }
    Ok(symbols)
}

fn group_symbols(symbols: &[u8]) -> String {
    let mut text = String::with_capacity(symbols.len() + symbols.len() / GROUP_SIZE);
    for (index, &symbol) in symbols.iter().enumerate() {
        if index > 0 && index % GROUP_SIZE == 0 {
            text.push('-');
        }
        text.push(char::from(ALPHABET[usize::from(symbol & 31)]));
    }
    text
}

/// Returns the width in bits of an answer field: enough for the values 0 (unanswered) to `options`.
fn field_width(options: u8) -> usize {
    (u8::BITS - options.leading_zeros()) as usize
}

/// Returns Σ s_i · α^(n−i) in GF(32), by Horner's rule.
fn check_symbol(symbols: &[u8]) -> u8 {
    symbols.iter().fold(0, |sum, &symbol| times_alpha(sum ^ symbol))
}

fn times_alpha(value: u8) -> u8 {
    let shifted = value << 1;
    if shifted & 0b10_0000 != 0 {
        shifted ^ FIELD_POLYNOMIAL
    } else {
        shifted
    }
}

/// Packs fields most significant bit first into 5-bit symbols.
#[derive(Default)]
struct BitWriter {
    symbols: Vec<u8>,
    buffer: u32,
    pending: usize,
}

impl BitWriter {
    fn push(&mut self, value: u32, width: usize) {
        self.buffer = (self.buffer << width) | value;
        self.pending += width;
        while self.pending >= 5 {
            self.pending -= 5;
            self.symbols.push(((self.buffer >> self.pending) & 31) as u8);
        }
        self.buffer &= (1 << self.pending) - 1;
    }

    fn finish(mut self) -> Vec<u8> {
        if self.pending > 0 {
            self.symbols.push(((self.buffer << (5 - self.pending)) & 31) as u8);
        }
        self.symbols
    }
}

/// Reads fields back from 5-bit symbols.
struct BitReader<'a> {
    symbols: &'a [u8],
    next: usize,
    buffer: u32,
    pending: usize,
}

impl<'a> BitReader<'a> {
    fn new(symbols: &'a [u8]) -> Self {
        Self {
            symbols,
            next: 0,
            buffer: 0,
            pending: 0,
        }
    }

    fn read(&mut self, width: usize) -> Option<u32> {
        while self.pending < width {
            let symbol = *self.symbols.get(self.next)?;
            self.next += 1;
            self.buffer = (self.buffer << 5) | u32::from(symbol);
            self.pending += 5;
        }
        self.pending -= width;
        let value = self.buffer >> self.pending;
        self.buffer &= (1 << self.pending) - 1;
        Some(value)
    }

    /// Returns whether the padding after the last field and any symbols left over are all zero.
    fn rest_is_zero(&self) -> bool {
        self.buffer == 0 && self.symbols[self.next..].iter().all(|&symbol| symbol == 0)
    }
}

impl CodeError {
    /// Returns the error as a sentence that names the fix. It is built without `core::fmt` so the wasm
    /// build stays small.
    pub fn message(&self) -> String {
        let mut text = String::new();
        let number = |text: &mut String, value: usize| push_decimal(text, value as u128);
        match self {
            CodeError::FormOutOfRange { form } => {
                text.push_str("form number ");
                number(&mut text, usize::from(*form));
                text.push_str(" is above 31, the largest a response code can store");
            }
            CodeError::VersionOutOfRange { version } => {
                text.push_str("version ");
                number(&mut text, *version as usize);
                text.push_str(" cannot be stored in a response code, which takes versions 1 to 1023");
            }
            CodeError::NoOptions { item } => {
                text.push_str("item ");
                number(&mut text, *item);
                text.push_str(" has no options, so its answer cannot be encoded");
            }
            CodeError::NoItems => text.push_str("a form without items cannot be encoded"),
            CodeError::WrongAnswerCount { expected, found } => {
                text.push_str("expected ");
                number(&mut text, *expected);
                text.push_str(" answers, found ");
                number(&mut text, *found);
            }
            CodeError::AnswerOutOfRange { item, option, options } => {
                text.push_str("the answer to item ");
                number(&mut text, *item);
                text.push_str(" is option ");
                number(&mut text, usize::from(*option) + 1);
                text.push_str(" but the item has ");
                number(&mut text, usize::from(*options));
                text.push_str(" options");
            }
            CodeError::Empty => text.push_str("the code is empty; type the code shown at the end of the questionnaire"),
            CodeError::InvalidCharacter { position, character } => {
                text.push_str("character '");
                text.push(*character);
                text.push_str("' at position ");
                number(&mut text, *position);
                text.push_str(" is not used in codes, which contain only digits and the letters A to Z except U");
            }
            CodeError::LetterU { position } => {
                text.push_str("the letter U at position ");
                number(&mut text, *position);
                text.push_str(" is not used in codes; check that character against the code as written");
            }
            CodeError::TooShort { found } => {
                text.push_str("the code has only ");
                number(&mut text, *found);
                text.push_str(" characters, but every code has at least 5; check that it was copied in full");
            }
            CodeError::WrongLength { expected, found } => {
                text.push_str("the code has ");
                number(&mut text, *found);
                text.push_str(" characters, but a code of this form has ");
                number(&mut text, *expected);
                text.push_str("; look for a character left out or typed twice");
            }
            CodeError::CheckFailed => text.push_str(
                "the code contains a mistake: its last character does not match the rest; \
                 compare it with the original character by character",
            ),
            CodeError::UnknownForm { form } => {
                text.push_str("the code is for form number ");
                number(&mut text, usize::from(*form));
                text.push_str(", which this site does not have; check that the code comes from this guide");
            }
            CodeError::UnknownVersion { form, version, known } => {
                text.push_str("the code is from version ");
                number(&mut text, *version as usize);
                text.push_str(" of form number ");
                number(&mut text, usize::from(*form));
                text.push_str(", which this site can no longer read; it reads version");
                if known.len() > 1 {
                    text.push('s');
                }
                for (index, known_version) in known.iter().enumerate() {
                    text.push_str(if index == 0 { " " } else { ", " });
                    number(&mut text, *known_version as usize);
                }
            }
            CodeError::Mismatch { form, version, item } => {
                text.push_str("the code does not fit version ");
                number(&mut text, *version as usize);
                text.push_str(" of form number ");
                number(&mut text, usize::from(*form));
                if let Some(item) = item {
                    text.push_str(": item ");
                    number(&mut text, *item);
                    text.push_str(" has no such option");
                }
                text.push_str("; the form may have changed without a new version number");
            }
        }
        text
    }
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.message())
    }
}

impl std::error::Error for CodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns 0 exactly when the last symbol is the check of the others.
    fn syndrome(word: &[u8]) -> u8 {
        let (data, check) = word.split_at(word.len() - 1);
        check_symbol(data) ^ check[0]
    }

    #[test]
    fn alpha_generates_every_nonzero_element() {
        let mut seen = [false; 32];
        let mut power = 1u8;
        for _ in 0..31 {
            assert!(!seen[usize::from(power)], "α repeats before its 31st power");
            seen[usize::from(power)] = true;
            power = times_alpha(power);
        }
        assert_eq!(power, 1);
        assert!(!seen[0]);
    }

    // The check is linear, so the syndrome of an error does not depend on the rest of the word: testing
    // each error on a word of zeros covers every word of that length. The weights α^k repeat every 31
    // positions, so lengths up to 40 meet every weight and every pair of neighbouring weights, which
    // covers codes of any length.
    #[test]
    fn every_substitution_changes_syndrome() {
        for length in 2..=40 {
            for position in 0..length {
                for error in 1..32u8 {
                    let mut word = vec![0u8; length];
                    word[position] = error;
                    assert_ne!(
                        syndrome(&word),
                        0,
                        "length {length}, position {position}, error {error}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_adjacent_swap_changes_syndrome() {
        for length in 2..=40 {
            for position in 0..length - 1 {
                for first in 0..32u8 {
                    for second in (0..32u8).filter(|&second| second != first) {
                        let mut word = vec![0u8; length];
                        word[position] = first;
                        word[position + 1] = second;
                        let before = syndrome(&word);
                        word.swap(position, position + 1);
                        assert_ne!(syndrome(&word), before, "length {length}, position {position}");
                    }
                }
            }
        }
    }

    #[test]
    fn field_width_covers_unanswered_and_options() {
        let widths: Vec<usize> = [1, 2, 3, 4, 7, 8, 15, 16, 255]
            .iter()
            .map(|&count| field_width(count))
            .collect();
        assert_eq!(widths, vec![1, 2, 2, 3, 3, 4, 4, 5, 8]);
    }

    #[test]
    fn documented_example_encodes() {
        let layout = CodeLayout::new(0, 1, vec![7; 24]).unwrap();
        let answers: Vec<Option<u8>> = "621062106210621062106210"
            .bytes()
            .map(|digit| Some(digit - b'0'))
            .collect();
        let code = layout.encode(&answers).unwrap();

        assert_eq!(code, "001X-MFD3-V8YT-7PHX-M8S");
        assert_eq!(layout.symbol_count(), 19);
        assert_eq!(decode(&code, &[layout]).unwrap().answers, answers);
    }

    #[test]
    fn header_contains_form_and_version() {
        let layout = CodeLayout::new(31, 1023, vec![3]).unwrap();
        let code = layout.encode(&[None]).unwrap();
        assert!(code.starts_with("ZZZ0"), "{code}");
    }

    #[test]
    fn bits_pack_across_symbols() {
        let mut writer = BitWriter::default();
        writer.push(0b101, 3);
        writer.push(0b1111_0000, 8);
        let symbols = writer.finish();
        assert_eq!(symbols, vec![0b10111, 0b11000, 0b00000]);

        let mut reader = BitReader::new(&symbols);
        assert_eq!(reader.read(3), Some(0b101));
        assert_eq!(reader.read(8), Some(0b1111_0000));
        assert!(reader.rest_is_zero());
        assert_eq!(reader.read(8), None);
    }
}
