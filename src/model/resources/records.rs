//! Resource records as written in `content/resources/*.yaml`, before validation.
//!
//! Every field is optional here and every value is read as text, so that one file's missing titles,
//! unknown steps and bad dates are all reported together, each at its value, instead of serde stopping
//! at the first. Unknown keys are still rejected by serde, with a suggestion.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// A resource file: a list of records under `resources:`. A file holding only comments is empty.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceFile {
    #[serde(default)]
    pub resources: Vec<RawResource>,
}

/// One record as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    pub id: Option<Scalar>,
    pub title: Option<Scalar>,
    pub summary: Option<Scalar>,
    pub link: Option<Scalar>,
    pub file: Option<Scalar>,
    #[serde(rename = "type")]
    pub kind: Option<Scalar>,
    pub audience: Option<Values>,
    pub level: Option<Values>,
    pub step: Option<Values>,
    pub function: Option<Values>,
    pub tier: Option<Values>,
    pub tags: Option<Values>,
    pub reviewed: Option<Scalar>,
}

/// A scalar value read as text: `step: 4` and `step: "4"` both give `4`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl Scalar {
    /// Returns the text without surrounding white space.
    pub fn text(&self) -> &str {
        self.0.trim()
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a single value such as text, a number or a date")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Scalar, E> {
        Ok(Scalar(value.to_owned()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Scalar, E> {
        Ok(Scalar(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Scalar, E> {
        Ok(Scalar(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Scalar, E> {
        Ok(Scalar(value.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Scalar, E> {
        Ok(Scalar(value.to_string()))
    }
}

/// A list of scalars, such as `step: [3, 4]`. A single value (`step: 4`) is read as a list of one,
/// and `single` records that, because its position in the file has no list index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    pub items: Vec<Scalar>,
    pub single: bool,
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValuesVisitor)
    }
}

struct ValuesVisitor;

impl ValuesVisitor {
    fn single(scalar: Scalar) -> Values {
        Values { items: vec![scalar], single: true }
    }
}

impl<'de> Visitor<'de> for ValuesVisitor {
    type Value = Values;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of values, such as `[3, 4]`, or a single value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut sequence: A) -> Result<Values, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = sequence.next_element::<Scalar>()? {
            items.push(item);
        }
        Ok(Values { items, single: false })
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Values, E> {
        ScalarVisitor.visit_str(value).map(Self::single)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Values, E> {
        ScalarVisitor.visit_i64(value).map(Self::single)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Values, E> {
        ScalarVisitor.visit_u64(value).map(Self::single)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Values, E> {
        ScalarVisitor.visit_f64(value).map(Self::single)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Values, E> {
        ScalarVisitor.visit_bool(value).map(Self::single)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, YamlSource};

    fn parse(text: &str) -> Result<ResourceFile, crate::diagnostics::Diagnostic> {
        yaml::parse(&YamlSource { file: "content/resources/a.yaml", text, first_line: 1 })
    }

    #[test]
    fn scalars_of_any_kind_read_as_text() {
        let file = parse("resources:\n  - id: a\n    step: [4, \"5\"]\n    tier: 2\n    reviewed: 2025-01-31\n").unwrap();
        let record = &file.resources[0];
        let step = record.step.clone().unwrap_or_default();
        assert_eq!(step.items, [Scalar("4".into()), Scalar("5".into())]);
        assert!(!step.single);
        let tier = record.tier.clone().unwrap_or_default();
        assert_eq!(tier.items, [Scalar("2".into())]);
        assert!(tier.single);
        assert_eq!(record.reviewed, Some(Scalar("2025-01-31".into())));
    }

    #[test]
    fn empty_file_has_no_records() {
        assert!(parse("# only a comment\n").unwrap().resources.is_empty());
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let error = parse("resources:\n  - id: a\n    titel: A\n").unwrap_err();
        assert_eq!((error.location.line, error.location.column), (3, 5));
        assert!(error.help.unwrap_or_default().starts_with("did you mean `title`?"));
    }

    #[test]
    fn nested_list_rejected() {
        let error = parse("resources:\n  - id: a\n    step: [[1]]\n").unwrap_err();
        assert!(error.message.contains("invalid type"), "{}", error.message);
    }
}
