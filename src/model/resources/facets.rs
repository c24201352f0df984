//! The facets that describe a resource (type, audience, curriculum level, step, function, tier): the
//! values a record may use, their labels on the site, and suggestions for values that are not allowed.

use crate::diagnostics::closest;
use crate::render::shortcodes::FUNCTIONS;

/// One way of describing resources, such as `step`, with its allowed values.
#[derive(Debug)]
pub struct Facet {
    /// The key in resource records, the `data-*` attribute on library cards and the URL query name.
    pub name: &'static str,
    /// Heading beside the values on cards and resource pages.
    pub heading: &'static str,
    /// Legend of the facet's filter group on the library page.
    pub legend: &'static str,
    pub values: &'static [&'static str],
    /// Labels of `values`, in the same order.
    pub labels: &'static [&'static str],
    /// Other ways authors may write a value, lower case without spaces or punctuation, for suggestions.
    pub aliases: &'static [(&'static str, &'static str)],
}

pub const TYPES: &[&str] = &["document", "video", "activity", "website", "tool"];
pub const AUDIENCES: &[&str] = &["staff", "pupil", "parent-carer"];
pub const LEVELS: &[&str] = &["early", "first", "second", "third-fourth", "senior", "all"];
pub const STEPS: &[&str] = &["1", "2", "3", "4", "5"];
pub const TIERS: &[&str] = &["1", "2", "3"];

/// The level value that means "every curriculum level": such a resource matches any level filter.
pub const ALL_LEVELS: &str = "all";

pub const TYPE: Facet = Facet {
    name: "type",
    heading: "Type",
    legend: "Type of resource",
    values: TYPES,
    labels: &["Document", "Video", "Activity", "Website", "Tool"],
    aliases: &[("doc", "document"), ("pdf", "document"), ("site", "website"), ("web", "website"), ("template", "tool")],
};

pub const AUDIENCE: Facet = Facet {
    name: "audience",
    heading: "For",
    legend: "Who it is for",
    values: AUDIENCES,
    labels: &["Staff", "Pupils", "Parents and carers"],
    aliases: &[
        ("pupils", "pupil"),
        ("child", "pupil"),
        ("children", "pupil"),
        ("learner", "pupil"),
        ("parent", "parent-carer"),
        ("parents", "parent-carer"),
        ("carer", "parent-carer"),
        ("carers", "parent-carer"),
        ("parentcarer", "parent-carer"),
        ("family", "parent-carer"),
        ("teacher", "staff"),
        ("teachers", "staff"),
    ],
};

pub const LEVEL: Facet = Facet {
    name: "level",
    heading: "Level",
    legend: "Curriculum level",
    values: LEVELS,
    labels: &["Early", "First", "Second", "Third and fourth", "Senior phase", "All levels"],
    aliases: &[
        ("third", "third-fourth"),
        ("fourth", "third-fourth"),
        ("thirdfourth", "third-fourth"),
        ("seniorphase", "senior"),
        ("nursery", "early"),
        ("primary", "all"),
        ("secondary", "all"),
        ("any", "all"),
    ],
};

pub const STEP: Facet = Facet {
    name: "step",
    heading: "Step",
    legend: "Step of the process",
    values: STEPS,
    labels: &[
        "Step 1: Identify",
        "Step 2: Gather views",
        "Step 3: Understand the causes",
        "Step 4: Co-create the plan",
        "Step 5: Implement and review",
    ],
    aliases: &[("step1", "1"), ("step2", "2"), ("step3", "3"), ("step4", "4"), ("step5", "5")],
};

pub const FUNCTION: Facet = Facet {
    name: "function",
    heading: "Function",
    legend: "Function of the absence",
    values: FUNCTIONS,
    labels: &[
        "F1 Avoiding distress",
        "F2 Escaping social or evaluative situations",
        "F3 Seeking attention from important adults",
        "F4 Seeking rewarding things outside school",
    ],
    aliases: &[("1", "F1"), ("2", "F2"), ("3", "F3"), ("4", "F4")],
};

pub const TIER: Facet = Facet {
    name: "tier",
    heading: "Tier",
    legend: "Tier of support",
    values: TIERS,
    labels: &["Tier 1: universal", "Tier 2: targeted", "Tier 3: intensive"],
    aliases: &[
        ("tier1", "1"),
        ("tier2", "2"),
        ("tier3", "3"),
        ("universal", "1"),
        ("targeted", "2"),
        ("intensive", "3"),
    ],
};

/// The facets in the order the library's filters show them.
pub const FILTER_ORDER: [&Facet; 6] = [&FUNCTION, &STEP, &AUDIENCE, &LEVEL, &TIER, &TYPE];

/// The facets in the order cards and resource pages list them.
pub const DISPLAY_ORDER: [&Facet; 6] = [&TYPE, &AUDIENCE, &LEVEL, &STEP, &FUNCTION, &TIER];

impl Facet {
    /// Returns the label of `value`, or the value itself when it is not one of the facet's values.
    pub fn label<'a>(&self, value: &'a str) -> &'a str {
        match self.values.iter().position(|&allowed| allowed == value) {
            Some(index) => self.labels[index],
            None => value,
        }
    }

    pub fn allows(&self, value: &str) -> bool {
        self.values.contains(&value)
    }

    /// Values offered as filters: every value except "all levels", which matches any level filter.
    pub fn filter_values(&self) -> impl Iterator<Item = &'static str> {
        self.values.iter().copied().filter(|&value| !(self.name == LEVEL.name && value == ALL_LEVELS))
    }

    /// Suggests the allowed value an author probably meant by `written`: an exact match ignoring case,
    /// spaces and punctuation, a known alias, a match on the label, or the closest spelling.
    pub fn suggest(&self, written: &str) -> Option<&'static str> {
        let wanted = simplify(written);
        if wanted.is_empty() {
            return None;
        }
        let by_value = self.values.iter().copied().find(|value| simplify(value) == wanted);
        let by_alias = || self.aliases.iter().find(|(alias, _)| *alias == wanted).map(|(_, value)| *value);
        let by_label = || {
            let index = self.labels.iter().position(|label| simplify(label).contains(&wanted) && wanted.len() >= 4)?;
            Some(self.values[index])
        };
        by_value.or_else(by_alias).or_else(by_label).or_else(|| closest(written, self.values.iter().copied()))
    }
}

/// Lower-cases `text` and keeps only letters and digits, so `Parent/Carer` and `parent carer` compare equal.
fn simplify(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_a_label() {
        for facet in DISPLAY_ORDER {
            assert_eq!(facet.values.len(), facet.labels.len(), "{}", facet.name);
            for (_, value) in facet.aliases {
                assert!(facet.allows(value), "alias of {} points at unknown value {value}", facet.name);
            }
        }
    }

    #[test]
    fn suggestions_for_common_mistakes() {
        let cases = [
            (&FUNCTION, "f1", Some("F1")),
            (&FUNCTION, "F5", None),
            (&AUDIENCE, "Parents", Some("parent-carer")),
            (&AUDIENCE, "parent/carer", Some("parent-carer")),
            (&LEVEL, "Third", Some("third-fourth")),
            (&LEVEL, "senior phase", Some("senior")),
            (&STEP, "step 4", Some("4")),
            (&STEP, "7", None),
            (&TIER, "Targeted", Some("2")),
            (&TYPE, "actvity", Some("activity")),
            (&TYPE, "", None),
        ];
        for (facet, written, expected) in cases {
            assert_eq!(facet.suggest(written), expected, "{} `{written}`", facet.name);
        }
    }

    #[test]
    fn all_levels_is_not_a_filter() {
        let values: Vec<_> = LEVEL.filter_values().collect();
        assert_eq!(values, ["early", "first", "second", "third-fourth", "senior"]);
        assert_eq!(STEP.filter_values().count(), 5);
    }

    #[test]
    fn labels_by_value() {
        assert_eq!(TIER.label("2"), "Tier 2: targeted");
        assert_eq!(TIER.label("9"), "9");
    }
}
