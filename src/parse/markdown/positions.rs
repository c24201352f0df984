//! Conversion of byte offsets in the Markdown body to `file:line:col` locations.

use std::ops::Range;

use crate::diagnostics::Location;

/// Bytes between two stored character counts. A column costs at most this many byte reads, so a page
/// written as one very long line still gets each location in constant time.
const CHECKPOINT_BYTES: usize = 256;

/// Line starts of the (LF-normalised) Markdown body, for turning parser offsets into locations.
pub(crate) struct LineIndex<'a> {
    file: &'a str,
    text: &'a str,
    first_line: usize,
    line_starts: Vec<usize>,
    /// Number of characters before each multiple of `CHECKPOINT_BYTES`.
    checkpoints: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str, first_line: usize) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(offset, _)| offset + 1)).collect();
        let mut checkpoints = vec![0];
        for block in text.as_bytes().chunks(CHECKPOINT_BYTES) {
            let before = checkpoints.last().copied().unwrap_or(0);
            checkpoints.push(before + count_characters(block));
        }
        Self { file, text, first_line: first_line.max(1), line_starts, checkpoints }
    }

    /// Returns the location of the character at byte `offset`: a 1-based line in the file and a 1-based
    /// column counted in characters. Offsets past the end or inside a character are moved back onto one.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let offset = self.char_boundary(offset);
        let line = self.line_number(offset);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self.characters_before(offset) - self.characters_before(line_start) + 1;
        Location::new(self.file, self.first_line + line, column)
    }

    /// Returns the byte range of the line holding `offset`, without its line break.
    pub(crate) fn line_range(&self, offset: usize) -> Range<usize> {
        let line = self.line_number(self.char_boundary(offset));
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let end = self.line_starts.get(line + 1).map_or(self.text.len(), |next| next - 1);
        start..end
    }

    fn char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Returns the 0-based line of `offset` in the body.
    fn line_number(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    fn characters_before(&self, offset: usize) -> usize {
        let block = offset / CHECKPOINT_BYTES;
        let block_start = block * CHECKPOINT_BYTES;
        let counted = self.checkpoints.get(block).copied().unwrap_or(0);
        counted + count_characters(&self.text.as_bytes()[block_start..offset])
    }
}

/// Counts the characters that start in `bytes`: every byte that is not a UTF-8 continuation byte.
fn count_characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0b1100_0000 != 0b1000_0000).count()
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

    #[test]
    fn columns_across_checkpoints_count_characters() {
        let text = format!("{}\n{}x", "é".repeat(CHECKPOINT_BYTES), "ç".repeat(CHECKPOINT_BYTES + 7));
        let index = LineIndex::new("a.md", &text, 1);
        let second_line = 2 * CHECKPOINT_BYTES + 1;
        let x = text.len() - 1;
        assert_eq!(index.location(second_line - 1), Location::new("a.md", 1, CHECKPOINT_BYTES + 1));
        assert_eq!(index.location(x), Location::new("a.md", 2, CHECKPOINT_BYTES + 8));
    }

    #[test]
    fn line_range_excludes_line_break() {
        let text = "ab\ncd\n";
        let index = LineIndex::new("a.md", text, 1);
        assert_eq!(index.line_range(0), 0..2);
        assert_eq!(index.line_range(4), 3..5);
        assert_eq!(index.line_range(6), 6..6);
    }
}
