//! Heading ids: the slug rule and the set of ids already taken on a page.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The id given to a heading whose text has no letters or digits.
const EMPTY_SLUG: &str = "section";

/// Turns heading text into an id: lower case, Unicode letters, digits and their accents kept, each run
/// of whitespace and hyphens becomes one `-`, other punctuation and symbols (emoji included) are dropped.
///
/// The text is NFC-normalised first, so "Fàilte" typed with a combining grave accent gets the same id as
/// with a precomposed `à`. An empty result becomes `section`.
pub fn slugify_heading(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_separator = false;

    for c in text.nfc() {
        if c.is_alphanumeric() || (is_combining_mark(c) && !slug.is_empty() && !pending_separator) {
            if pending_separator && !slug.is_empty() {
                slug.push('-');
            }
            pending_separator = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' {
            pending_separator = true;
        }
    }

    if slug.is_empty() { EMPTY_SLUG.to_owned() } else { slug }
}

/// The ids taken on one page, so every new id can be made unique.
///
/// Reserve the ids that the theme's templates put on the page before rendering, so that a heading
/// cannot take one of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdSet {
    taken: HashSet<String>,
    /// The next counter to try for each base of [`IdSet::unique`]. Ids are never released, so every
    /// lower counter is still taken, and a page with thousands of equal headings stays linear.
    next_counter: HashMap<String, u64>,
}

impl IdSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `id` as taken. Returns false when it was already taken.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_owned())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// Takes and returns `base`, or, when that is taken, the first free of `base-1`, `base-2`, ….
    pub fn unique(&mut self, base: &str) -> String {
        if self.reserve(base) {
            return base.to_owned();
        }

        let mut n = self.next_counter.get(base).copied().unwrap_or(1);
        loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.reserve(&candidate) {
                self.next_counter.insert(base.to_owned(), n);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_cases() {
        let cases = [
            ("Hello World", "hello-world"),
            ("  Leading and   trailing  ", "leading-and-trailing"),
            ("Step 1: Gather data", "step-1-gather-data"),
            ("Push & pull factors", "push-pull-factors"),
            ("Before - after", "before-after"),
            ("a-1", "a-1"),
            ("What's next?", "whats-next"),
            ("Fàilte", "fàilte"),
            ("Fa\u{300}ilte", "fàilte"),
            ("Gàidhlig is Beurla", "gàidhlig-is-beurla"),
            ("Привет Мир", "привет-мир"),
            ("出席 指南", "出席-指南"),
            ("नमस्ते", "नमस्ते"),
            ("🎉 Party time 🎉", "party-time"),
            ("🎉🎉", "section"),
            ("?!…", "section"),
            ("", "section"),
            ("snake_case", "snakecase"),
            ("Tab\tseparated", "tab-separated"),
        ];
        for (text, expected) in cases {
            assert_eq!(slugify_heading(text), expected, "heading text {text:?}");
        }
    }

    #[test]
    fn unique_appends_counter() {
        let mut ids = IdSet::new();
        let got: Vec<String> = ["a", "a", "a-1", "a"].iter().map(|base| ids.unique(base)).collect();
        assert_eq!(got, ["a", "a-1", "a-1-1", "a-2"]);
    }

    #[test]
    fn unique_many_repeats_in_order() {
        let mut ids = IdSet::new();
        assert!(ids.reserve("part-3"));
        let got: Vec<String> = (0..20_000).map(|_| ids.unique("part")).collect();
        assert_eq!(got[..5], ["part", "part-1", "part-2", "part-4", "part-5"]);
        assert_eq!(got[19_999], "part-20000");
        assert_eq!(ids.unique("part-1"), "part-1-1");
    }

    #[test]
    fn unique_avoids_reserved() {
        let mut ids = IdSet::new();
        assert!(ids.reserve("main"));
        assert!(!ids.reserve("main"));
        assert_eq!(ids.unique("main"), "main-1");
        assert!(ids.contains("main-1"));
    }
}
