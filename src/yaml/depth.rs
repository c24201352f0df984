//! A guard against deeply nested flow collections, checked before any YAML parser reads the text.

/// Deepest nesting of flow collections (`[…]`, `{…}`) that is parsed. serde_yaml 0.9 rejects documents
/// nested deeper than 128 levels anyway, but only after its scanner (unsafe-libyaml) has read them, and
/// that scanner checks every open level at each token, so 100 000 `[` took over 30 seconds.
pub(super) const MAX_FLOW_DEPTH: usize = 128;

/// Returns the offset of the first `[` or `{` that opens a flow collection deeper than
/// [`MAX_FLOW_DEPTH`], in one pass that skips comments and quoted text.
///
/// The scan may count brackets that YAML reads as text (in a block scalar, or in a quoted scalar that
/// continues on the next line), so it may reject a document whose text holds over a hundred unclosed
/// brackets. It does not miss real nesting, because a quote opens quoted text here only where YAML
/// starts a scalar, and quoted text and comments end at the end of the line.
pub(super) fn too_deep_bracket(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, line) in LineStarts::new(text) {
        let mut previous = None;
        let mut characters = line.char_indices().peekable();
        while let Some((index, character)) = characters.next() {
            match character {
                '#' if previous.is_none_or(char::is_whitespace) => break,
                '"' | '\'' if starts_scalar(&line[..index]) => {
                    skip_quoted(&mut characters, character);
                }
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(offset + index);
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            previous = Some(character);
        }
    }
    None
}

/// Lines of `text` with the byte offset where each starts.
struct LineStarts<'a> {
    rest: &'a str,
    offset: usize,
}

impl<'a> LineStarts<'a> {
    fn new(text: &'a str) -> Self {
        Self { rest: text, offset: 0 }
    }
}

impl<'a> Iterator for LineStarts<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let length = self.rest.find('\n').map_or(self.rest.len(), |end| end + 1);
        let (line, rest) = self.rest.split_at(length);
        let item = (self.offset, line);
        self.rest = rest;
        self.offset += length;
        Some(item)
    }
}

/// Tells whether a quote after `before` (the line up to it) starts a quoted scalar: at the start of the
/// line, after `[`, `{` or `,`, or after `:`, `-` or `?` and white space.
fn starts_scalar(before: &str) -> bool {
    let trimmed = before.trim_end();
    let spaced = trimmed.len() < before.len();
    match trimmed.chars().last() {
        None => true,
        Some('[' | '{' | ',') => true,
        Some(':' | '-' | '?') => spaced,
        Some(_) => false,
    }
}

/// Skips to the end of quoted text, honouring `\"` in double and `''` in single quotes.
fn skip_quoted(characters: &mut std::iter::Peekable<std::str::CharIndices<'_>>, quote: char) {
    while let Some((_, character)) = characters.next() {
        if character == '\\' && quote == '"' {
            characters.next();
        } else if character == quote {
            if quote == '\'' && characters.peek().is_some_and(|&(_, next)| next == '\'') {
                characters.next();
            } else {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_and_commented_brackets_not_counted() {
        let brackets = "[".repeat(200);
        let cases = [
            format!("a: \"{brackets}\"\n"),
            format!("a: '{brackets} it''s'\n"),
            format!("a: 1 # {brackets}\n"),
            format!("a: [\"{brackets}\", '{brackets}']\n"),
        ];
        for text in cases {
            assert_eq!(too_deep_bracket(&text), None, "{text}");
            assert!(serde_yaml::from_str::<serde_yaml::Value>(&text).is_ok(), "{text}");
        }
    }

    #[test]
    fn quote_inside_plain_text_does_not_hide_brackets() {
        let brackets = "[".repeat(200);
        for text in [format!("a: it's {brackets}\n"), format!("a: x,'\nb: {brackets}\n"), format!("a:'{brackets}\n")] {
            assert!(too_deep_bracket(&text).is_some(), "{text}");
        }
    }
}
