//! Conversion of byte offsets in the Markdown body to `file:line:col` locations.

use crate::diagnostics::Location;

/// Line starts of the (LF-normalised) Markdown body, for turning parser offsets into locations.
pub(super) struct LineIndex<'a> {
    file: &'a str,
    text: &'a str,
    first_line: usize,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(file: &'a str, text: &'a str, first_line: usize) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(offset, _)| offset + 1)).collect();
        Self { file, text, first_line: first_line.max(1), line_starts }
    }

    /// Returns the location of the character at byte `offset`: a 1-based line in the file and a 1-based
    /// column counted in characters. Offsets past the end or inside a character are moved back onto one.
    pub(super) fn location(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }

        let line = self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self.text[line_start..offset].chars().count() + 1;
        Location::new(self.file, self.first_line + line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_cases() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new("content/a.md", text, 5);
        let cases = [(0, 5, 1), (1, 5, 2), (2, 5, 3), (3, 6, 1), (5, 6, 2), (7, 7, 1), (8, 8, 1), (99, 8, 2)];
        for (offset, line, column) in cases {
            assert_eq!(index.location(offset), Location::new("content/a.md", line, column), "offset {offset}");
        }
    }

    #[test]
    fn offset_inside_character_moves_back() {
        let index = LineIndex::new("a.md", "é", 1);
        assert_eq!(index.location(1), Location::new("a.md", 1, 1));
    }
}
