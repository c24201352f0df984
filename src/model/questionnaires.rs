//! Questionnaire definitions from `content/questionnaires/*.yaml`, read into the engine's own types so
//! the build validates with the same rules that score in the browser.
//!
//! Each file contains one definition. Its errors point at the offending value: serde reports syntax, type
//! and unknown-key errors with positions, and the engine's validation errors carry a path of keys that
//! [`ValuePositions`] turns into a line and column. Checks across files (duplicate ids and form numbers,
//! combination groups) live in [`checks`]; what pages and scripts receive is built in [`view`].

mod checks;
mod media;
pub mod scoring_tool;

pub use media::check_media;
pub mod view;

use attendance_engine::definition::{Audience, Definition};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use tera::Context;

use crate::diagnostics::{Diagnostic, closest};
use crate::load::TextFile;
use crate::model::Site;
use crate::parse::shortcodes::Call;
use crate::yaml::{self, ValuePositions, YamlSource};

pub use checks::{GROUPS, Group};

/// Folder of the questionnaire pages, relative to the output root.
pub const PAGES_FOLDER: &str = "questionnaires/";

/// One valid definition with where it came from.
#[derive(Debug)]
pub struct Questionnaire {
    pub definition: Definition,
    /// Source path for messages, such as `content/questionnaires/pupil.yaml`.
    pub display: String,
    pub positions: ValuePositions,
}

impl Questionnaire {
    /// Output folder of the form's page, such as `questionnaires/pupil/`.
    pub fn path(&self) -> String {
        format!("{PAGES_FOLDER}{}/", self.definition.id)
    }

    /// Output folder of the printable paper version.
    pub fn paper_path(&self) -> String {
        format!("{}paper/", self.path())
    }
}

/// Every valid definition of the site, in file order. Templates receive it as `questionnaires`, a list
/// of [`Summary`] values; the full definitions stay on the Rust side because every page's context
/// contains this value.
#[derive(Debug, Default)]
pub struct Questionnaires {
    pub list: Vec<Questionnaire>,
}

/// What every template sees of a definition.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// `pupil`, `parent_carer` or `staff`.
    pub audience: &'static str,
    /// The audience in words: "pupils", "parents and carers" or "staff".
    pub audience_label: &'static str,
    pub items: usize,
    pub scored: bool,
    /// Output folder of the form's page, without the base path.
    pub path: String,
}

impl Questionnaires {
    pub fn find(&self, id: &str) -> Option<&Questionnaire> {
        self.list.iter().find(|questionnaire| questionnaire.definition.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.list.iter().map(|questionnaire| questionnaire.definition.id.as_str())
    }
}

impl Serialize for Questionnaires {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut sequence = serializer.serialize_seq(Some(self.list.len()))?;
        for questionnaire in &self.list {
            sequence.serialize_element(&summary(questionnaire))?;
        }
        sequence.end()
    }
}

pub fn summary(questionnaire: &Questionnaire) -> Summary<'_> {
    let definition = &questionnaire.definition;
    Summary {
        id: &definition.id,
        title: &definition.title,
        audience: audience_name(definition.audience),
        audience_label: audience_label(definition.audience),
        items: definition.items.len(),
        scored: definition.is_scored(),
        path: questionnaire.path(),
    }
}

pub fn audience_name(audience: Audience) -> &'static str {
    match audience {
        Audience::Pupil => "pupil",
        Audience::ParentCarer => "parent_carer",
        Audience::Staff => "staff",
    }
}

pub fn audience_label(audience: Audience) -> &'static str {
    match audience {
        Audience::Pupil => "pupils",
        Audience::ParentCarer => "parents and carers",
        Audience::Staff => "staff",
    }
}

/// Reads and validates every definition file. Definitions with errors are left out of the result, so
/// each problem is reported once and pages are built only from valid definitions.
pub fn load(files: &[&TextFile]) -> (Questionnaires, Vec<Diagnostic>) {
    let mut questionnaires = Questionnaires::default();
    let mut diagnostics = Vec::new();
    for file in files {
        match read(file) {
            Ok(questionnaire) => questionnaires.list.push(questionnaire),
            Err(errors) => diagnostics.extend(errors),
        }
    }

    let (kept, errors) = checks::check_site(questionnaires.list);
    questionnaires.list = kept;
    diagnostics.extend(errors);
    (questionnaires, diagnostics)
}

/// Parses one file and runs the engine's validation and the checks of ids used in page addresses.
fn read(file: &TextFile) -> Result<Questionnaire, Vec<Diagnostic>> {
    let source = YamlSource { file: &file.display, text: &file.text, first_line: 1 };
    let definition: Definition = yaml::parse(&source).map_err(|diagnostic| vec![with_variant_help(diagnostic)])?;
    let positions = ValuePositions::of(&source);

    let mut errors: Vec<Diagnostic> = definition
        .validate()
        .into_iter()
        .map(|error| Diagnostic::error(positions.location(&error.path), error.message).with_help(error.help))
        .collect();
    errors.extend(check_id_formats(&definition, &positions));
    errors.extend(check_media_paths(&definition, &positions));
    if errors.is_empty() {
        Ok(Questionnaire { definition, display: file.display.clone(), positions })
    } else {
        Err(errors)
    }
}

/// Adds "did you mean" to serde's "unknown variant" messages, such as a misspelt role or audience.
fn with_variant_help(diagnostic: Diagnostic) -> Diagnostic {
    if diagnostic.help.is_some() {
        return diagnostic;
    }
    let Some(rest) = diagnostic.message.split("unknown variant `").nth(1) else {
        return diagnostic;
    };
    let value = rest.split('`').next().unwrap_or_default().to_owned();
    let expected: Vec<&str> =
        rest.split("expected ").nth(1).map(|list| list.split('`').skip(1).step_by(2).collect()).unwrap_or_default();
    let help = match closest(&value, expected.iter().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`? Allowed values: {}", expected.join(", ")),
        None => format!("use one of: {}", expected.join(", ")),
    };
    diagnostic.with_help(help)
}

/// Checks that ids need no escaping where the page uses them. The form id becomes part of the page's
/// address, and each item id names its radio buttons and `id` attributes.
fn check_id_formats(definition: &Definition, positions: &ValuePositions) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let id = &definition.id;
    let url_safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if !id.is_empty() && !id.chars().all(url_safe) {
        let message = format!("id `{id}` cannot be part of a page address");
        let help = "use lower-case letters, digits and `-`, such as `pupil` or `parent-carer`";
        errors.push(Diagnostic::error(positions.location(&["id"]), message).with_help(help));
    }

    let name_safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    for (index, item) in definition.items.iter().enumerate() {
        if !item.id.is_empty() && !item.id.chars().all(name_safe) {
            let message = format!("item id `{}` cannot name the item's answers on the page", item.id);
            let help = "use letters, digits, `-` and `_`, such as `p01`";
            errors.push(
                Diagnostic::error(positions.location(&["items", &index.to_string(), "id"]), message).with_help(help),
            );
        }
    }
    errors
}

/// Returns the `questionnaire` shortcode's context: `questionnaire`, the card of the form its `id`
/// names. An unknown id is an error at the shortcode with the closest id as a suggestion.
pub fn shortcode_context(call: &Call, site: &Site, questionnaires: &Questionnaires) -> Result<Context, Diagnostic> {
    let id = call.arguments.get("id").map(|id| id.to_text()).unwrap_or_default();
    let Some(questionnaire) = questionnaires.find(&id) else {
        let ids: Vec<&str> = questionnaires.ids().collect();
        let help = match closest(&id, ids.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None if ids.is_empty() => {
                "the site has no questionnaires; add definitions in content/questionnaires/".to_owned()
            }
            None => format!("the questionnaires are: {}", ids.join(", ")),
        };
        let message = format!("unknown questionnaire `{id}`");
        return Err(Diagnostic::error(call.location.clone(), message).with_help(help));
    };

    let mut context = Context::new();
    context.insert("questionnaire", &view::card(site, questionnaire));
    Ok(context)
}

/// Checks that every `picture` and `audio` is a path inside the built site, such as
/// `assets/images/questionnaire/answer-no.svg`, because the page loads nothing from another site and
/// builds the URL under the site's base path.
fn check_media_paths(definition: &Definition, positions: &ValuePositions) -> Vec<Diagnostic> {
    let mut paths: Vec<(Vec<String>, &str)> = Vec::new();
    for (scale_index, scale) in definition.scales.iter().enumerate() {
        for (option_index, option) in scale.options.iter().enumerate() {
            let key = |field: &str| vec!["scales".into(), scale_index.to_string(), "options".into(), option_index.to_string(), field.into()];
            paths.extend(option.picture.as_deref().map(|path| (key("picture"), path)));
            paths.extend(option.audio.as_deref().map(|path| (key("audio"), path)));
        }
    }
    for (index, item) in definition.items.iter().enumerate() {
        let key = |field: &str| vec!["items".into(), index.to_string(), field.into()];
        paths.extend(item.picture.as_deref().map(|path| (key("picture"), path)));
        paths.extend(item.audio.as_deref().map(|path| (key("audio"), path)));
    }

    paths
        .into_iter()
        .filter(|(_, path)| !is_site_path(path))
        .map(|(key, path)| {
            let keys: Vec<&str> = key.iter().map(String::as_str).collect();
            let message = format!("`{path}` is not a path of a file in the site");
            let help = "give the path from the site's root without a leading `/`, such as \
                        `assets/images/questionnaire/answer-no.svg` for a picture in the theme's images folder";
            Diagnostic::error(positions.location(&keys), message).with_help(help)
        })
        .collect()
}

fn is_site_path(path: &str) -> bool {
    let forbidden = |c: char| c == ':' || c == '\\' || c == '?' || c == '#' || c.is_whitespace();
    !path.is_empty()
        && !path.starts_with('/')
        && !path.chars().any(forbidden)
        && path.split('/').all(|segment| !segment.is_empty() && segment != "." && segment != "..")
}
