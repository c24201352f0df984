//! Questionnaire definitions: the documented YAML schema as plain Rust types.
//!
//! With the `serde` feature every type derives `Deserialize`, with snake_case keys and values and unknown
//! keys rejected, so a misspelt key is an error rather than a silently ignored setting. Checks that need
//! the whole definition (unknown references, duplicates, ranges) live in [`Definition::validate`].

mod validate;

use std::collections::BTreeMap;

pub use validate::{DefinitionError, ErrorKind, MAX_ITEMS_PER_DIMENSION, MAX_SCALE_MAX, MAX_TIE_TOLERANCE_HUNDREDTHS};

#[cfg(feature = "serde")]
use serde::Deserialize;

/// One questionnaire form, as an author writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Definition {
    pub id: String,
    /// Raised whenever items, scales or dimensions change meaning; response codes record it.
    pub version: u32,
    pub title: String,
    pub audience: Audience,
    /// Curriculum levels the form suits, such as `early` or `second`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub levels: Vec<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub instructions: String,
    pub combination: Combination,
    pub scales: Vec<Scale>,
    /// Empty for a form that is not scored (`scoring: {method: none}`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub scoring: Scoring,
    #[cfg_attr(feature = "serde", serde(default))]
    pub presentation: Presentation,
    /// The form's number in response codes and the older versions whose codes still decode; `None`
    /// for a form that gives no response code.
    #[cfg_attr(feature = "serde", serde(default))]
    pub response_code: Option<ResponseCode>,
}

/// Response code settings of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct ResponseCode {
    /// Number from 0 to 31 that names the form in its codes. Each form of a site needs its own, and a
    /// number is never given to another form, or old codes would decode as answers to the wrong form.
    pub form: u8,
    /// Older versions whose codes the site still decodes.
    #[cfg_attr(feature = "serde", serde(default))]
    pub retired: Vec<RetiredVersion>,
}

/// An older version of a form, kept so that its response codes still decode.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct RetiredVersion {
    pub version: u32,
    /// The version's items in its order, by the ids of the current items they became. Each must still
    /// use the scale it used then, because a code stores option positions.
    pub items: Vec<String>,
}

/// Audience of a form: who fills it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(rename_all = "snake_case"))]
pub enum Audience {
    Pupil,
    ParentCarer,
    Staff,
}

/// Combination settings: forms of the same `group` may be combined, and `role` is whose view this
/// form adds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Combination {
    pub group: String,
    pub role: Role,
}

/// Whose view a form records; the `parents_first` rule averages forms within each role first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(rename_all = "snake_case"))]
pub enum Role {
    Pupil,
    Parent,
    Staff,
}

impl Role {
    /// Returns the audience that fills in forms with this role.
    pub fn audience(self) -> Audience {
        match self {
            Role::Pupil => Audience::Pupil,
            Role::Parent => Audience::ParentCarer,
            Role::Staff => Audience::Staff,
        }
    }
}

/// A response scale: the options an item offers, each carrying the value it scores.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Scale {
    pub id: String,
    /// Highest value an option may carry; reverse scoring turns a value v into `max - v`.
    #[cfg_attr(feature = "serde", serde(default = "default_scale_max"))]
    pub max: u8,
    pub options: Vec<ScaleOption>,
}

#[cfg(feature = "serde")]
fn default_scale_max() -> u8 {
    DEFAULT_SCALE_MAX
}

/// Scale maximum when a definition gives none: the 0–6 scale of the SRAS-R.
pub const DEFAULT_SCALE_MAX: u8 = 6;

/// One answer an item offers. Response codes store an option's position in the list, not its value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct ScaleOption {
    pub value: u8,
    pub label: String,
    /// Path of a picture shown for the option, from the root of the built site, such as
    /// `assets/images/questionnaire/answer-no.svg` for a picture in the theme's `images/` folder.
    #[cfg_attr(feature = "serde", serde(default))]
    pub picture: Option<String>,
    /// Path of a recorded reading of the label, from the root of the built site.
    #[cfg_attr(feature = "serde", serde(default))]
    pub audio: Option<String>,
}

/// A scored dimension, such as one of the four functions of school non-attendance.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Dimension {
    pub id: String,
    pub name: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub description: Option<String>,
    /// Filter that selects the resources linked from this dimension's result, such as `function: F1`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub resources: BTreeMap<String, FilterValue>,
}

/// A value in a resource filter.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(untagged))]
pub enum FilterValue {
    Integer(i64),
    Text(String),
}

/// One question. A choice item of a scored form needs both `dimension` and `scale`; they are optional
/// so that validation can report every missing reference at once, and because text items and items of
/// forms that are not scored go without them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Item {
    pub id: String,
    pub text: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub dimension: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub scale: Option<String>,
    /// Paths of the item's picture and of a recorded reading of its text, like an option's.
    #[cfg_attr(feature = "serde", serde(default))]
    pub picture: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub audio: Option<String>,
    /// Scores the item as `max - value`, for items worded in the opposite direction.
    #[cfg_attr(feature = "serde", serde(default))]
    pub reverse: bool,
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: ItemKind,
}

/// What an item asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(rename_all = "snake_case"))]
pub enum ItemKind {
    /// One option of the item's scale.
    #[default]
    Choice,
    /// Free text, never scored and never part of a response code; only forms that are not scored
    /// may have such items.
    Text,
}

/// Scoring settings: how answers become dimension scores and how forms combine.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields, default))]
pub struct Scoring {
    pub method: Method,
    /// Answered items a dimension needs on a form to be scored there; `None` means all of its items.
    pub minimum_answered: Option<u32>,
    pub combine: Combine,
    /// Functions this far below the top score, or closer, are primary, in hundredths of a scale point.
    pub tie_tolerance_hundredths: u32,
    /// Marks results as indicative, for reworded or picture versions whose scores are not comparable
    /// with the published questionnaire.
    pub indicative: bool,
}

/// Tie tolerance when a definition gives none: 0.25 of a scale point.
pub const DEFAULT_TIE_TOLERANCE_HUNDREDTHS: u32 = 25;

impl Default for Scoring {
    fn default() -> Self {
        Self {
            method: Method::Mean,
            minimum_answered: None,
            combine: Combine::Equal,
            tie_tolerance_hundredths: DEFAULT_TIE_TOLERANCE_HUNDREDTHS,
            indicative: false,
        }
    }
}

/// Scoring method of a dimension on one form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(rename_all = "snake_case"))]
pub enum Method {
    /// Mean of the answered items.
    #[default]
    Mean,
    /// No scores: the answers are shown as given, as on a staff questionnaire. Such a form has no
    /// dimensions and no response code.
    #[cfg_attr(feature = "serde", serde(rename = "none"))]
    NotScored,
}

/// Rule for combining the scores of several forms into one per dimension.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(rename_all = "snake_case"))]
pub enum Combine {
    /// Every form on which the dimension was scored weighs the same.
    #[default]
    Equal,
    /// Forms are averaged within each role first (all parents' forms into one), then the role means
    /// are averaged with equal weight.
    ParentsFirst,
}

/// Presentation settings of the form on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Deserialize), serde(deny_unknown_fields, default))]
pub struct Presentation {
    /// Shows one item per screen instead of the whole form on one page.
    pub one_per_screen: bool,
    /// Offers a button that reads each item and option aloud.
    pub read_aloud: bool,
    /// Text shown with the instructions, such as a note on where the items' wording comes from.
    pub note: Option<String>,
}

impl Definition {
    /// Returns whether answers to this form are scored into dimensions.
    pub fn is_scored(&self) -> bool {
        self.scoring.method != Method::NotScored
    }

    /// Returns the position of the dimension with this id.
    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|dimension| dimension.id == id)
    }

    /// Returns the scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|scale| scale.id == id)
    }

    /// Returns the scale of the item at `index`, if the item names a known scale.
    pub fn item_scale(&self, index: usize) -> Option<&Scale> {
        let item = self.items.get(index)?;
        self.scale(item.scale.as_deref()?)
    }

    /// Converts each item's zero-based option position, as a response code stores it, to the value
    /// the option scores. Returns `None` when the number of answers differs from the number of items
    /// or a position has no option.
    pub fn option_values(&self, positions: &[Option<u8>]) -> Option<Vec<Option<u8>>> {
        if positions.len() != self.items.len() {
            return None;
        }
        let mut values = Vec::with_capacity(positions.len());
        for (index, position) in positions.iter().enumerate() {
            let value = match position {
                None => None,
                Some(position) => Some(self.item_scale(index)?.options.get(usize::from(*position))?.value),
            };
            values.push(value);
        }
        Some(values)
    }
}
