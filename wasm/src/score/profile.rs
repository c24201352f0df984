//! Combination of scored forms into one profile: combined scores, ranks and primary functions.

use super::{MAX_FORMS, ScoreError, ScoredForm};
use crate::definition::{Combine, Role};
use crate::rational::Rational;
use crate::text::push_decimal;

/// One dimension's combined score over the forms it was scored on ("n of m forms").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CombinedDimension {
    pub score: Option<Rational>,
    pub forms_scored: u32,
    pub forms_total: u32,
}

/// One dimension of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProfileDimension {
    /// `None` when no form scored the dimension.
    pub score: Option<Rational>,
    pub forms_scored: u32,
    pub forms_total: u32,
    /// 1 for the highest score. Equal scores share a rank and the next rank skips, as in 1, 1, 3.
    /// `None` when not scored.
    pub rank: Option<u32>,
    /// Whether the score is at most the tie tolerance below the top score.
    pub primary: bool,
}

/// Shape of a profile, from its primary dimensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileKind {
    /// No dimension was scored on any form.
    NotScored,
    /// Exactly one dimension is primary.
    Single,
    /// Two or more dimensions, but not all of them, are primary.
    Mixed,
    /// Every dimension is scored and primary, so no single function stands out.
    NoneStandsOut,
}

/// The combined result of one or more forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub dimensions: Vec<ProfileDimension>,
    pub kind: ProfileKind,
    /// Set when any combined form came from an indicative definition.
    pub indicative: bool,
}

/// Combines forms of one combination group with `rule` and marks the dimensions within
/// `tie_tolerance_hundredths` of the top score as primary. No forms at all give a profile with nothing
/// scored.
///
/// NOTE: only the number of dimensions is checked. The caller must pass forms whose definitions list
/// the same dimension ids in the same order.
pub fn combine_forms(
    dimension_count: usize,
    forms: &[ScoredForm],
    rule: Combine,
    tie_tolerance_hundredths: u32,
) -> Result<Profile, ScoreError> {
    if forms.len() > MAX_FORMS {
        return Err(ScoreError::TooManyForms { found: forms.len() });
    }
    if let Some(form) = forms.iter().find(|form| form.dimensions.len() != dimension_count) {
        return Err(ScoreError::DimensionCountMismatch {
            expected: dimension_count,
            found: form.dimensions.len(),
        });
    }

    let mut dimensions = Vec::with_capacity(dimension_count);
    for dimension in 0..dimension_count {
        let combined = combine_dimension(forms, dimension, rule)?;
        dimensions.push(ProfileDimension {
            score: combined.score,
            forms_scored: combined.forms_scored,
            forms_total: combined.forms_total,
            rank: None,
            primary: false,
        });
    }

    let kind = rank_dimensions(&mut dimensions, tie_tolerance_hundredths)?;
    let indicative = forms.iter().any(|form| form.indicative);
    Ok(Profile {
        dimensions,
        kind,
        indicative,
    })
}

fn combine_dimension(forms: &[ScoredForm], dimension: usize, rule: Combine) -> Result<CombinedDimension, ScoreError> {
    let scored: Vec<(Role, Rational)> = forms
        .iter()
        .filter_map(|form| Some((form.role, form.dimensions.get(dimension)?.score?)))
        .collect();
    let forms_scored = scored.len() as u32;
    let forms_total = forms.len() as u32;
    if scored.is_empty() {
        return Ok(CombinedDimension {
            score: None,
            forms_scored,
            forms_total,
        });
    }

    let score = match rule {
        Combine::Equal => {
            let values: Vec<Rational> = scored.iter().map(|&(_, score)| score).collect();
            Rational::mean(&values)
        }
        Combine::ParentsFirst => mean_of_role_means(&scored),
    };
    let score = score.ok_or(ScoreError::Overflow)?;
    Ok(CombinedDimension {
        score: Some(score),
        forms_scored,
        forms_total,
    })
}

/// Averages the scores within each role (so several parents count as one view), then averages the
/// role means with equal weight. With one pupil and any number of parents this is the parents-first
/// rule: (pupil + mean of parents) / 2.
fn mean_of_role_means(scored: &[(Role, Rational)]) -> Option<Rational> {
    let mut role_means = Vec::new();
    for role in [Role::Pupil, Role::Parent, Role::Staff] {
        let values: Vec<Rational> = scored
            .iter()
            .filter(|&&(form_role, _)| form_role == role)
            .map(|&(_, score)| score)
            .collect();
        if !values.is_empty() {
            role_means.push(Rational::mean(&values)?);
        }
    }
    Rational::mean(&role_means)
}

/// Fills in ranks and primary flags and returns the kind of profile.
fn rank_dimensions(
    dimensions: &mut [ProfileDimension],
    tie_tolerance_hundredths: u32,
) -> Result<ProfileKind, ScoreError> {
    let scores: Vec<Option<Rational>> = dimensions.iter().map(|dimension| dimension.score).collect();
    let Some(top) = scores.iter().flatten().max().copied() else {
        return Ok(ProfileKind::NotScored);
    };
    let tolerance = Rational::new(u128::from(tie_tolerance_hundredths), 100).ok_or(ScoreError::Overflow)?;

    let mut primary_count = 0;
    for dimension in dimensions.iter_mut() {
        let Some(score) = dimension.score else { continue };
        let higher = scores.iter().flatten().filter(|&&other| other > score).count();
        dimension.rank = Some(higher as u32 + 1);

        // score >= top - tolerance, rearranged to avoid subtraction below zero.
        dimension.primary = score.checked_add(tolerance).ok_or(ScoreError::Overflow)? >= top;
        primary_count += usize::from(dimension.primary);
    }

    Ok(match primary_count {
        1 => ProfileKind::Single,
        count if count == dimensions.len() => ProfileKind::NoneStandsOut,
        _ => ProfileKind::Mixed,
    })
}

/// Formats a score with two decimals, rounded half up from the exact value: 1/8 gives "0.13".
pub fn format_score(score: Rational) -> String {
    let hundredths = score.hundredths();
    let mut text = String::new();
    push_decimal(&mut text, hundredths / 100);
    text.push('.');
    let fraction = hundredths % 100;
    if fraction < 10 {
        text.push('0');
    }
    push_decimal(&mut text, fraction);
    text
}
