//! wasm-bindgen exports used by the theme's JS glue.
//!
//! Everything crosses the boundary as numbers, strings and typed arrays, so the wasm build needs no
//! serde or JSON. In answer arrays 255 means "not answered". Roles are 0 pupil, 1 parent, 2 staff;
//! combination rules are 0 equal, 1 parents first; profile kinds are 0 not scored, 1 single,
//! 2 mixed, 3 no single function stands out.

use wasm_bindgen::prelude::{JsError, wasm_bindgen};

use crate::code::{self, CodeLayout};
use crate::definition::{Combine, Role};
use crate::score::{self, ItemRule, ProfileKind, ScoredForm, ScoringModel};

const UNANSWERED: u8 = 255;

/// Returns the engine version so the page can show that the engine has loaded.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::VERSION.to_owned()
}

/// Scores forms of one definition and combines them.
#[wasm_bindgen]
pub struct Scorer {
    model: ScoringModel,
    forms: Vec<ScoredForm>,
}

#[wasm_bindgen]
impl Scorer {
    /// Builds a scorer from the definition's compiled arrays: per item its dimension position,
    /// reverse flag (0 or 1) and scale maximum; per dimension the minimum answered (0 for all items).
    #[wasm_bindgen(constructor)]
    pub fn new(
        item_dimensions: &[u8],
        item_reverse: &[u8],
        item_max: &[u8],
        minimum_answered: &[u8],
        tie_tolerance_hundredths: u32,
        combine: u8,
        indicative: bool,
    ) -> Result<Scorer, JsError> {
        if item_reverse.len() != item_dimensions.len() || item_max.len() != item_dimensions.len() {
            return Err(JsError::new(
                "item arrays differ in length; pass one dimension, reverse flag and maximum per item",
            ));
        }
        let combine = match combine {
            0 => Combine::Equal,
            1 => Combine::ParentsFirst,
            _ => {
                return Err(JsError::new(
                    "invalid combination rule; expected 0 (equal) or 1 (parents first)",
                ));
            }
        };

        let items = item_dimensions
            .iter()
            .zip(item_reverse)
            .zip(item_max)
            .map(|((&dimension, &reverse), &max)| ItemRule {
                dimension: usize::from(dimension),
                max,
                reverse: reverse != 0,
            })
            .collect();
        let minimums: Vec<u32> = minimum_answered.iter().map(|&minimum| u32::from(minimum)).collect();
        let model = ScoringModel::new(items, &minimums, tie_tolerance_hundredths, combine, indicative)
            .map_err(|error| JsError::new(&error.message()))?;
        Ok(Scorer {
            model,
            forms: Vec::new(),
        })
    }

    /// Scores one form's answers (scale values in item order, 255 for unanswered) and keeps it for
    /// combination. Returns the form's position.
    #[wasm_bindgen(js_name = addForm)]
    pub fn add_form(&mut self, role: u8, answers: &[u8]) -> Result<u32, JsError> {
        let role = match role {
            0 => Role::Pupil,
            1 => Role::Parent,
            2 => Role::Staff,
            _ => {
                return Err(JsError::new(
                    "invalid role; expected 0 (pupil), 1 (parent) or 2 (staff)",
                ));
            }
        };
        if self.forms.len() >= score::MAX_FORMS {
            let error = score::ScoreError::TooManyForms {
                found: self.forms.len() + 1,
            };
            return Err(JsError::new(&error.message()));
        }

        let answers: Vec<Option<u8>> = answers
            .iter()
            .map(|&answer| if answer == UNANSWERED { None } else { Some(answer) })
            .collect();
        let form = self
            .model
            .score_form(role, &answers)
            .map_err(|error| JsError::new(&error.message()))?;
        self.forms.push(form);
        Ok(self.forms.len() as u32 - 1)
    }

    /// Forgets every form, so the next pupil's answers start from nothing.
    pub fn clear(&mut self) {
        self.forms.clear();
    }

    #[wasm_bindgen(js_name = formCount)]
    pub fn form_count(&self) -> u32 {
        self.forms.len() as u32
    }

    /// Returns one form's dimension scores with two decimals, "" where not scored; empty for an
    /// unknown form.
    #[wasm_bindgen(js_name = formScores)]
    pub fn form_scores(&self, form: u32) -> Vec<String> {
        let Some(form) = self.forms.get(form as usize) else {
            return Vec::new();
        };
        form.dimensions
            .iter()
            .map(|dimension| dimension.score.map(score::format_score).unwrap_or_default())
            .collect()
    }

    /// Returns how many items of each dimension one form answered, for "not scored: 4 of 6 answered".
    #[wasm_bindgen(js_name = formAnswered)]
    pub fn form_answered(&self, form: u32) -> Vec<u32> {
        let Some(form) = self.forms.get(form as usize) else {
            return Vec::new();
        };
        form.dimensions.iter().map(|dimension| dimension.answered).collect()
    }

    /// Returns each dimension's number of items.
    #[wasm_bindgen(js_name = dimensionItems)]
    pub fn dimension_items(&self) -> Vec<u32> {
        self.model.dimension_items().to_vec()
    }

    /// Returns each dimension's minimum answered, resolved (all items where the definition gives none).
    #[wasm_bindgen(js_name = minimumAnswered)]
    pub fn minimum_answered(&self) -> Vec<u32> {
        self.model.minimum_answered().to_vec()
    }

    /// Combines every form added so far.
    pub fn profile(&self) -> Result<Profile, JsError> {
        let profile = self
            .model
            .profile(&self.forms)
            .map_err(|error| JsError::new(&error.message()))?;
        Ok(Profile { inner: profile })
    }
}

/// The combined result of a [`Scorer`]'s forms, as parallel arrays in dimension order.
#[wasm_bindgen]
pub struct Profile {
    inner: score::Profile,
}

#[wasm_bindgen]
impl Profile {
    /// Returns each combined score with two decimals, rounded half up; "" where not scored.
    pub fn scores(&self) -> Vec<String> {
        self.inner
            .dimensions
            .iter()
            .map(|dimension| dimension.score.map(score::format_score).unwrap_or_default())
            .collect()
    }

    /// Returns each rank, 1 for the highest and shared by equal scores; 0 where not scored.
    pub fn ranks(&self) -> Vec<u32> {
        self.inner
            .dimensions
            .iter()
            .map(|dimension| dimension.rank.unwrap_or(0))
            .collect()
    }

    /// Returns 1 for each primary dimension, 0 for the others.
    pub fn primary(&self) -> Vec<u8> {
        self.inner
            .dimensions
            .iter()
            .map(|dimension| u8::from(dimension.primary))
            .collect()
    }

    /// Returns on how many forms each dimension was scored (the n of "n of m forms").
    #[wasm_bindgen(js_name = formsScored)]
    pub fn forms_scored(&self) -> Vec<u32> {
        self.inner
            .dimensions
            .iter()
            .map(|dimension| dimension.forms_scored)
            .collect()
    }

    /// Returns how many forms were combined (the m of "n of m forms").
    #[wasm_bindgen(js_name = formsTotal)]
    pub fn forms_total(&self) -> u32 {
        self.inner
            .dimensions
            .first()
            .map_or(0, |dimension| dimension.forms_total)
    }

    pub fn kind(&self) -> u8 {
        match self.inner.kind {
            ProfileKind::NotScored => 0,
            ProfileKind::Single => 1,
            ProfileKind::Mixed => 2,
            ProfileKind::NoneStandsOut => 3,
        }
    }

    pub fn indicative(&self) -> bool {
        self.inner.indicative
    }
}

/// The layouts of the forms (and older versions) the site can encode and decode.
#[wasm_bindgen]
pub struct Codebook {
    layouts: Vec<CodeLayout>,
}

#[wasm_bindgen]
impl Codebook {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Codebook {
        Codebook { layouts: Vec::new() }
    }

    /// Adds one form version: its form number, version and each item's number of options.
    #[wasm_bindgen(js_name = addForm)]
    pub fn add_form(&mut self, form: u8, version: u32, option_counts: &[u8]) -> Result<(), JsError> {
        let layout =
            CodeLayout::new(form, version, option_counts.to_vec()).map_err(|error| JsError::new(&error.message()))?;
        self.layouts
            .retain(|known| known.form() != form || known.version() != version);
        self.layouts.push(layout);
        Ok(())
    }

    /// Encodes answers given as zero-based option positions (255 for unanswered).
    pub fn encode(&self, form: u8, version: u32, answers: &[u8]) -> Result<String, JsError> {
        let Some(layout) = self
            .layouts
            .iter()
            .find(|layout| layout.form() == form && layout.version() == version)
        else {
            return Err(JsError::new(&code::CodeError::UnknownForm { form }.message()));
        };
        let answers: Vec<Option<u8>> = answers
            .iter()
            .map(|&answer| if answer == UNANSWERED { None } else { Some(answer) })
            .collect();
        layout.encode(&answers).map_err(|error| JsError::new(&error.message()))
    }

    /// Decodes a typed code. The error's message names the problem and what to do.
    pub fn decode(&self, text: &str) -> Result<DecodedCode, JsError> {
        let decoded = code::decode(text, &self.layouts).map_err(|error| JsError::new(&error.message()))?;
        Ok(DecodedCode { inner: decoded })
    }
}

impl Default for Codebook {
    fn default() -> Self {
        Self::new()
    }
}

/// The content of a decoded response code.
#[wasm_bindgen]
pub struct DecodedCode {
    inner: code::DecodedCode,
}

#[wasm_bindgen]
impl DecodedCode {
    #[wasm_bindgen(getter)]
    pub fn form(&self) -> u8 {
        self.inner.form
    }

    #[wasm_bindgen(getter)]
    pub fn version(&self) -> u32 {
        self.inner.version
    }

    /// Returns each item's zero-based option position, 255 where not answered.
    pub fn answers(&self) -> Vec<u8> {
        self.inner
            .answers
            .iter()
            .map(|answer| answer.unwrap_or(UNANSWERED))
            .collect()
    }
}
