//! Scores answers exactly: dimension means per form, their combination across forms, ranking and the
//! primary functions.
//!
//! A score is a [`Rational`] (an integer sum over an integer count), never a float, so two scores that
//! are equal on paper are equal here and the tie tolerance is applied exactly. Scores are shown with
//! [`format_score`]: two decimals rounded half up from the exact value.

mod profile;

pub use profile::{CombinedDimension, Profile, ProfileDimension, ProfileKind, combine_forms, format_score};

use crate::definition::{Combine, Definition, DefinitionError, Role};
use crate::definition::{MAX_ITEMS_PER_DIMENSION, MAX_SCALE_MAX, MAX_TIE_TOLERANCE_HUNDREDTHS};
use crate::rational::Rational;
use crate::text::push_decimal;

/// Most forms one combination accepts; with at most 32 items per dimension this bound keeps every
/// exact combined score within `u128`.
pub const MAX_FORMS: usize = 255;

/// Scoring rule of one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemRule {
    /// Position of the item's dimension in the definition.
    pub dimension: usize,
    /// The maximum of the item's scale.
    pub max: u8,
    pub reverse: bool,
}

/// The scoring rules of one definition, resolved to positions so that scoring needs no lookups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoringModel {
    items: Vec<ItemRule>,
    item_counts: Vec<u32>,
    minimum_answered: Vec<u32>,
    tie_tolerance_hundredths: u32,
    combine: Combine,
    indicative: bool,
}

/// One form's result for one dimension. `score` is `None` ("not scored") when fewer than `minimum`
/// of its `items` were answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormDimension {
    pub score: Option<Rational>,
    pub answered: u32,
    pub items: u32,
    pub minimum: u32,
}

/// One scored form, ready to be combined with others of the same combination group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoredForm {
    pub role: Role,
    pub indicative: bool,
    pub dimensions: Vec<FormDimension>,
}

/// Error from scoring. The variants describe wrong input from a caller, not a problem with the answers given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreError {
    /// The rules passed to [`ScoringModel::new`] are inconsistent; the text names the rule.
    InvalidModel(&'static str),
    WrongAnswerCount {
        expected: usize,
        found: usize,
    },
    /// Item positions are zero-based.
    AnswerOutOfRange {
        item: usize,
        value: u8,
        max: u8,
    },
    DimensionCountMismatch {
        expected: usize,
        found: usize,
    },
    TooManyForms {
        found: usize,
    },
    /// An exact value outgrew `u128`; validated definitions within [`MAX_FORMS`] never reach this.
    Overflow,
}

impl ScoreError {
    /// Returns the error as a sentence. It is built without `core::fmt` so the wasm build stays small.
    pub fn message(&self) -> String {
        let mut text = String::new();
        let number = |text: &mut String, value: usize| push_decimal(text, value as u128);
        match *self {
            ScoreError::InvalidModel(rule) => {
                text.push_str("invalid scoring rules: ");
                text.push_str(rule);
            }
            ScoreError::WrongAnswerCount { expected, found } => {
                text.push_str("expected ");
                number(&mut text, expected);
                text.push_str(" answers, found ");
                number(&mut text, found);
            }
            ScoreError::AnswerOutOfRange { item, value, max } => {
                text.push_str("answer ");
                number(&mut text, usize::from(value));
                text.push_str(" to item ");
                number(&mut text, item + 1);
                text.push_str(" is above the scale maximum ");
                number(&mut text, usize::from(max));
            }
            ScoreError::DimensionCountMismatch { expected, found } => {
                text.push_str("cannot combine a form of ");
                number(&mut text, found);
                text.push_str(" dimensions with forms of ");
                number(&mut text, expected);
            }
            ScoreError::TooManyForms { found } => {
                text.push_str("cannot combine ");
                number(&mut text, found);
                text.push_str(" forms; the most is ");
                number(&mut text, MAX_FORMS);
            }
            ScoreError::Overflow => text.push_str("the exact score is too large to compute"),
        }
        text
    }
}

impl std::fmt::Display for ScoreError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.message())
    }
}

impl std::error::Error for ScoreError {}

impl ScoringModel {
    /// Builds the rules from resolved positions. `minimum_answered` has one entry per dimension;
    /// 0 there means all of the dimension's items.
    pub fn new(
        items: Vec<ItemRule>,
        minimum_answered: &[u32],
        tie_tolerance_hundredths: u32,
        combine: Combine,
        indicative: bool,
    ) -> Result<Self, ScoreError> {
        let dimension_count = minimum_answered.len();
        if dimension_count == 0 {
            return Err(ScoreError::InvalidModel("there are no dimensions"));
        }
        if tie_tolerance_hundredths > MAX_TIE_TOLERANCE_HUNDREDTHS {
            return Err(ScoreError::InvalidModel("the tie tolerance is above 600 hundredths"));
        }

        let mut item_counts = vec![0u32; dimension_count];
        for item in &items {
            let Some(count) = item_counts.get_mut(item.dimension) else {
                return Err(ScoreError::InvalidModel(
                    "an item names a dimension that does not exist",
                ));
            };
            *count += 1;
            if item.max == 0 || item.max > MAX_SCALE_MAX {
                return Err(ScoreError::InvalidModel("a scale maximum is outside 1 to 254"));
            }
        }

        let mut minimums = Vec::with_capacity(dimension_count);
        for (&count, &minimum) in item_counts.iter().zip(minimum_answered) {
            if count == 0 {
                return Err(ScoreError::InvalidModel("a dimension has no items"));
            }
            if count as usize > MAX_ITEMS_PER_DIMENSION {
                return Err(ScoreError::InvalidModel("a dimension has more than 32 items"));
            }
            if minimum > count {
                return Err(ScoreError::InvalidModel(
                    "a minimum answered is more than its dimension's items",
                ));
            }
            minimums.push(if minimum == 0 { count } else { minimum });
        }

        Ok(Self {
            items,
            item_counts,
            minimum_answered: minimums,
            tie_tolerance_hundredths,
            combine,
            indicative,
        })
    }

    /// Builds the rules of a definition, or returns its validation errors.
    pub fn from_definition(definition: &Definition) -> Result<Self, Vec<DefinitionError>> {
        let errors = definition.validate();
        if !errors.is_empty() {
            return Err(errors);
        }
        if !definition.is_scored() {
            return Err(vec![DefinitionError {
                kind: crate::definition::ErrorKind::NotScored,
                path: vec!["scoring".into(), "method".into()],
                message: format!("form `{}` is not scored", definition.id),
                help: "only forms with a scoring method such as `mean` have scoring rules".into(),
            }]);
        }

        let items = definition
            .items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let dimension = definition.dimension_index(item.dimension.as_deref()?)?;
                let max = definition.item_scale(index)?.max;
                Some(ItemRule {
                    dimension,
                    max,
                    reverse: item.reverse,
                })
            })
            .collect();
        let minimum = definition.scoring.minimum_answered.unwrap_or(0);
        let minimums = vec![minimum; definition.dimensions.len()];
        let scoring = &definition.scoring;

        // Validation has checked every rule that `new` checks, so an error here is a bug in one of them.
        Self::new(
            items,
            &minimums,
            scoring.tie_tolerance_hundredths,
            scoring.combine,
            scoring.indicative,
        )
        .map_err(|error| vec![internal_error(error)])
    }

    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    pub fn dimension_count(&self) -> usize {
        self.item_counts.len()
    }

    /// Returns each dimension's number of items.
    pub fn dimension_items(&self) -> &[u32] {
        &self.item_counts
    }

    /// Returns each dimension's minimum answered, with "all items" resolved to the count.
    pub fn minimum_answered(&self) -> &[u32] {
        &self.minimum_answered
    }

    pub fn tie_tolerance_hundredths(&self) -> u32 {
        self.tie_tolerance_hundredths
    }

    pub fn combine(&self) -> Combine {
        self.combine
    }

    pub fn indicative(&self) -> bool {
        self.indicative
    }

    /// Scores one form. `answers` contains each item's value in definition order, `None` when unanswered.
    pub fn score_form(&self, role: Role, answers: &[Option<u8>]) -> Result<ScoredForm, ScoreError> {
        if answers.len() != self.items.len() {
            return Err(ScoreError::WrongAnswerCount {
                expected: self.items.len(),
                found: answers.len(),
            });
        }

        let mut sums = vec![0u64; self.dimension_count()];
        let mut answered = vec![0u32; self.dimension_count()];
        for (index, (rule, answer)) in self.items.iter().zip(answers).enumerate() {
            let Some(value) = *answer else { continue };
            if value > rule.max {
                return Err(ScoreError::AnswerOutOfRange {
                    item: index,
                    value,
                    max: rule.max,
                });
            }
            let scored = if rule.reverse { rule.max - value } else { value };
            sums[rule.dimension] += u64::from(scored);
            answered[rule.dimension] += 1;
        }

        let dimensions = (0..self.dimension_count())
            .map(|dimension| {
                let minimum = self.minimum_answered[dimension];
                let score = if answered[dimension] >= minimum {
                    Rational::new(u128::from(sums[dimension]), u128::from(answered[dimension]))
                } else {
                    None
                };
                FormDimension {
                    score,
                    answered: answered[dimension],
                    items: self.item_counts[dimension],
                    minimum,
                }
            })
            .collect();
        Ok(ScoredForm {
            role,
            indicative: self.indicative,
            dimensions,
        })
    }

    /// Combines forms scored with this model's rules, or with another model of the same group.
    pub fn profile(&self, forms: &[ScoredForm]) -> Result<Profile, ScoreError> {
        combine_forms(
            self.dimension_count(),
            forms,
            self.combine,
            self.tie_tolerance_hundredths,
        )
    }
}

fn internal_error(error: ScoreError) -> DefinitionError {
    DefinitionError {
        kind: crate::definition::ErrorKind::InvalidScoringRules,
        path: Vec::new(),
        message: error.message(),
        help: "this is a bug in the attendance engine's validation; please report it with the definition".into(),
    }
}

#[cfg(test)]
mod tests;
