//! What a questionnaire's pages and scripts receive: the template view of the form, and the compiled
//! definition that `js/questionnaire.js` passes to the wasm engine.
//!
//! The compiled definition is plain arrays in the shapes the engine's `Scorer` and `Codebook` take, so
//! the browser needs no YAML and no knowledge of the schema. Other tools that score these forms, such as
//! a staff scoring page, can embed the same value with [`compiled_json`].

use attendance_engine::definition::{Combine, Definition, FilterValue, ItemKind, RetiredVersion, Role, ScaleOption};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::{Questionnaire, Questionnaires, audience_label, audience_name};
use crate::model::Site;
use crate::render::context::GeneratedPage;

/// Source of the section page the questionnaire pages belong to, when the site has one.
const SECTION_SOURCE: &str = "questionnaires/_index.md";

/// Characters kept as they are in a query string value, besides letters and digits.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The definition in the shapes the engine's wasm API takes. Field names are camelCase for the script.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompiledForm<'a> {
    pub id: &'a str,
    pub version: u32,
    pub title: &'a str,
    /// 0 pupil, 1 parent, 2 staff, as the engine's `Scorer.addForm` takes it.
    pub role: u8,
    pub scored: bool,
    /// The choice items in order: each id (the name of its radio buttons) and the value of each option
    /// by position, so a chosen value converts to the position a response code stores.
    pub items: Vec<CompiledItem<'a>>,
    pub text_items: Vec<&'a str>,
    /// Per choice item: its dimension's position, reverse flag (0 or 1) and scale maximum.
    pub item_dimensions: Vec<u8>,
    pub item_reverse: Vec<u8>,
    pub item_max: Vec<u8>,
    /// Per dimension: the answered items needed for a score, 0 for all of them.
    pub minimum_answered: Vec<u32>,
    pub tie_tolerance_hundredths: u32,
    /// 0 equal weight per form, 1 parents' forms averaged first.
    pub combine: u8,
    pub indicative: bool,
    pub dimensions: Vec<CompiledDimension<'a>>,
    pub code: Option<CompiledCode>,
}

#[derive(Debug, Serialize)]
pub struct CompiledItem<'a> {
    pub id: &'a str,
    pub options: Vec<u8>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompiledDimension<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The resource library filtered for this dimension, when the definition gives a filter.
    pub resources_url: Option<String>,
}

/// The form number and the layouts of the versions whose codes the site reads, current one first.
#[derive(Debug, Serialize)]
pub struct CompiledCode {
    pub form: u8,
    pub layouts: Vec<CompiledLayout>,
}

/// One version's code layout: its items in order, as positions in [`CompiledForm::items`]. The option
/// count of each is that item's option count.
#[derive(Debug, Serialize)]
pub struct CompiledLayout {
    pub version: u32,
    pub items: Vec<usize>,
}

/// Compiles a valid definition for the browser.
pub fn compile<'a>(site: &Site, definition: &'a Definition) -> CompiledForm<'a> {
    let choice_items: Vec<_> = definition.items.iter().filter(|item| item.kind == ItemKind::Choice).collect();
    let items = choice_items
        .iter()
        .map(|item| {
            let options = definition.scale(item.scale.as_deref().unwrap_or_default());
            CompiledItem {
                id: &item.id,
                options: options.map(|scale| scale.options.iter().map(|o| o.value).collect()).unwrap_or_default(),
            }
        })
        .collect();

    let scored = definition.is_scored();
    let mut compiled = CompiledForm {
        id: &definition.id,
        version: definition.version,
        title: &definition.title,
        role: role_number(definition.combination.role),
        scored,
        items,
        text_items: definition
            .items
            .iter()
            .filter(|item| item.kind == ItemKind::Text)
            .map(|item| item.id.as_str())
            .collect(),
        item_dimensions: Vec::new(),
        item_reverse: Vec::new(),
        item_max: Vec::new(),
        minimum_answered: Vec::new(),
        tie_tolerance_hundredths: definition.scoring.tie_tolerance_hundredths,
        combine: match definition.scoring.combine {
            Combine::Equal => 0,
            Combine::ParentsFirst => 1,
        },
        indicative: definition.scoring.indicative,
        dimensions: Vec::new(),
        code: None,
    };
    if !scored {
        return compiled;
    }

    for item in &choice_items {
        let dimension = item.dimension.as_deref().and_then(|id| definition.dimension_index(id)).unwrap_or_default();
        compiled.item_dimensions.push(u8::try_from(dimension).unwrap_or(u8::MAX));
        compiled.item_reverse.push(u8::from(item.reverse));
        compiled
            .item_max
            .push(definition.scale(item.scale.as_deref().unwrap_or_default()).map_or(0, |scale| scale.max));
    }
    let minimum = definition.scoring.minimum_answered.unwrap_or(0);
    compiled.minimum_answered = vec![minimum; definition.dimensions.len()];
    compiled.dimensions = definition
        .dimensions
        .iter()
        .map(|dimension| CompiledDimension {
            id: &dimension.id,
            name: &dimension.name,
            resources_url: resources_url(site, &dimension.resources),
        })
        .collect();
    compiled.code = definition.response_code.as_ref().map(|settings| CompiledCode {
        form: settings.form,
        layouts: code_layouts(
            definition,
            &choice_items.iter().map(|item| item.id.as_str()).collect::<Vec<_>>(),
            &settings.retired,
        ),
    });
    compiled
}

fn code_layouts(definition: &Definition, item_ids: &[&str], retired: &[RetiredVersion]) -> Vec<CompiledLayout> {
    let position = |id: &str| item_ids.iter().position(|item| *item == id);
    let mut layouts = vec![CompiledLayout { version: definition.version, items: (0..item_ids.len()).collect() }];
    for version in retired {
        // Validation has checked that every id names a current item.
        let items = version.items.iter().filter_map(|id| position(id)).collect();
        layouts.push(CompiledLayout { version: version.version, items });
    }
    layouts
}

/// Returns the compiled definition as JSON that can sit inside `<script type="application/json">`:
/// `<`, `>` and `&` are written as `\u` escapes, so no text can close the element.
pub fn compiled_json(site: &Site, definition: &Definition) -> String {
    let json = serde_json::to_string(&compile(site, definition)).unwrap_or_else(|_| "null".to_owned());
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn role_number(role: Role) -> u8 {
    match role {
        Role::Pupil => 0,
        Role::Parent => 1,
        Role::Staff => 2,
    }
}

/// Returns the resource library's URL with the filter as query parameters, such as
/// `/resources/?function=F1`, or `None` for an empty filter.
pub fn resources_url(site: &Site, filter: &std::collections::BTreeMap<String, FilterValue>) -> Option<String> {
    if filter.is_empty() {
        return None;
    }
    let parameters: Vec<String> = filter
        .iter()
        .map(|(key, value)| {
            let value = match value {
                FilterValue::Integer(number) => number.to_string(),
                FilterValue::Text(text) => text.clone(),
            };
            format!("{}={}", utf8_percent_encode(key, QUERY_VALUE), utf8_percent_encode(&value, QUERY_VALUE))
        })
        .collect();
    Some(format!("{}?{}", site.url("resources/"), parameters.join("&")))
}

/// The form as its templates see it, under `item`.
#[derive(Debug, Serialize)]
struct FormView<'a> {
    id: &'a str,
    title: &'a str,
    version: u32,
    audience: &'static str,
    audience_label: &'static str,
    instructions: &'a str,
    note: Option<&'a str>,
    levels: &'a [String],
    scored: bool,
    indicative: bool,
    /// The tie tolerance as a decimal, such as `0.25`.
    tie_tolerance: String,
    /// Answered items a function needs for a score; `None` means all of its items.
    minimum_answered: Option<u32>,
    has_code: bool,
    /// Shows one item per screen with pictures, read-aloud and a hand-over screen before the results.
    one_per_screen: bool,
    read_aloud: bool,
    /// Whether the form is for the early level, whose results carry the caution about extreme answers.
    early_level: bool,
    items: Vec<ItemView<'a>>,
    /// Options shared by every choice item, for the paper version's grid; `None` when scales differ.
    shared_options: Option<Vec<OptionView<'a>>>,
    dimensions: Vec<DimensionView<'a>>,
    url: String,
    paper_url: String,
    /// The compiled definition, escaped for a `<script type="application/json">` element.
    definition_json: String,
}

#[derive(Debug, Serialize)]
struct ItemView<'a> {
    id: &'a str,
    number: usize,
    text: &'a str,
    /// `choice` or `text`.
    kind: &'static str,
    /// The id of the item's dimension; `None` for items that are not scored.
    dimension: Option<&'a str>,
    options: Vec<OptionView<'a>>,
    /// URLs of the item's picture and recorded reading, when the definition gives them.
    picture: Option<String>,
    audio: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct OptionView<'a> {
    value: u8,
    label: &'a str,
    picture: Option<String>,
    audio: Option<String>,
}

#[derive(Debug, Serialize)]
struct DimensionView<'a> {
    id: &'a str,
    name: &'a str,
    description: Option<&'a str>,
    resources_url: Option<String>,
    /// The numbers of the dimension's items, for the paper version's scoring key.
    item_numbers: Vec<usize>,
}

fn form_view<'a>(site: &Site, questionnaire: &'a Questionnaire) -> FormView<'a> {
    let definition = &questionnaire.definition;
    let options_of = |scale: Option<&str>| -> Vec<OptionView<'a>> {
        definition
            .scale(scale.unwrap_or_default())
            .map(|scale| {
                let option_view = |option: &'a ScaleOption| OptionView {
                    value: option.value,
                    label: &option.label,
                    picture: media_url(site, option.picture.as_deref()),
                    audio: media_url(site, option.audio.as_deref()),
                };
                scale.options.iter().map(option_view).collect()
            })
            .unwrap_or_default()
    };
    let items: Vec<ItemView> = definition
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| ItemView {
            id: &item.id,
            number: index + 1,
            text: &item.text,
            kind: if item.kind == ItemKind::Text { "text" } else { "choice" },
            dimension: item.dimension.as_deref(),
            options: if item.kind == ItemKind::Text { Vec::new() } else { options_of(item.scale.as_deref()) },
            picture: media_url(site, item.picture.as_deref()),
            audio: media_url(site, item.audio.as_deref()),
        })
        .collect();

    let mut scales =
        definition.items.iter().filter(|item| item.kind == ItemKind::Choice).map(|item| item.scale.as_deref());
    let first = scales.next();
    let shared_options = match first {
        Some(scale) if scales.all(|other| other == scale) => Some(options_of(scale)),
        _ => None,
    };

    let tolerance = definition.scoring.tie_tolerance_hundredths;
    FormView {
        id: &definition.id,
        title: &definition.title,
        version: definition.version,
        audience: audience_name(definition.audience),
        audience_label: audience_label(definition.audience),
        instructions: &definition.instructions,
        note: definition.presentation.note.as_deref(),
        levels: &definition.levels,
        scored: definition.is_scored(),
        indicative: definition.scoring.indicative,
        tie_tolerance: format!("{}.{:02}", tolerance / 100, tolerance % 100),
        minimum_answered: definition.scoring.minimum_answered,
        has_code: definition.response_code.is_some(),
        one_per_screen: definition.presentation.one_per_screen,
        read_aloud: definition.presentation.read_aloud,
        early_level: definition.levels.iter().any(|level| level == "early"),
        items,
        shared_options,
        dimensions: definition
            .dimensions
            .iter()
            .map(|dimension| DimensionView {
                id: &dimension.id,
                name: &dimension.name,
                description: dimension.description.as_deref(),
                resources_url: resources_url(site, &dimension.resources),
                item_numbers: item_numbers(definition, &dimension.id),
            })
            .collect(),
        url: site.url(&questionnaire.path()),
        paper_url: site.url(&questionnaire.paper_path()),
        definition_json: compiled_json(site, definition),
    }
}

/// Returns the URL of a picture or recording given as a path from the root of the built site, such as
/// `assets/images/questionnaire/answer-no.svg` for a theme picture. Validation has rejected paths that
/// leave the site.
fn media_url(site: &Site, path: Option<&str>) -> Option<String> {
    path.map(|path| site.url(path))
}

fn item_numbers(definition: &Definition, dimension: &str) -> Vec<usize> {
    let numbers = definition.items.iter().enumerate();
    numbers.filter(|(_, item)| item.dimension.as_deref() == Some(dimension)).map(|(index, _)| index + 1).collect()
}

/// The page of each questionnaire and of its paper version.
pub fn generated_pages(site: &Site, questionnaires: &Questionnaires) -> Vec<GeneratedPage> {
    let parent = site.page_index(SECTION_SOURCE);
    let mut pages = Vec::new();
    for questionnaire in &questionnaires.list {
        let definition = &questionnaire.definition;
        let view = form_view(site, questionnaire);
        let item = serde_json::to_value(&view).unwrap_or_default();
        let description = format!(
            "A questionnaire for {} with {} questions. Answers stay on this device.",
            audience_label(definition.audience),
            definition.items.len()
        );
        let template =
            if definition.presentation.one_per_screen { "picture-questionnaire.html" } else { "questionnaire.html" };
        pages.push(GeneratedPage {
            path: questionnaire.path(),
            template,
            title: definition.title.clone(),
            description: description.clone(),
            item: item.clone(),
            parent,
        });
        pages.push(GeneratedPage {
            path: questionnaire.paper_path(),
            template: "questionnaire-paper.html",
            title: format!("{} (paper version)", definition.title),
            description,
            item,
            parent,
        });
    }
    pages
}

/// The values of the `questionnaire` shortcode's card.
#[derive(Debug, Serialize)]
pub struct Card<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub audience_label: &'static str,
    pub items: usize,
    pub scored: bool,
    pub url: String,
    pub paper_url: String,
}

pub fn card<'a>(site: &Site, questionnaire: &'a Questionnaire) -> Card<'a> {
    let definition = &questionnaire.definition;
    Card {
        id: &definition.id,
        title: &definition.title,
        audience_label: audience_label(definition.audience),
        items: definition.items.len(),
        scored: definition.is_scored(),
        url: site.url(&questionnaire.path()),
        paper_url: site.url(&questionnaire.paper_path()),
    }
}
