//! Diagrams drawn from data: `content/diagrams/<id>.yaml`, shown in a page with
//! `{{ diagram(id="<id>") }}`. Two kinds exist:
//!
//! ```yaml
//! kind: scale                       # ordered points from one end to the other, with optional bands
//! title: The spectrum of attendance problems
//! description: …                    # optional
//! start_label: Mildest
//! end_label: Most severe
//! points:
//!   - { id: duress, label: Attends under duress and pleads to stay at home }
//! bands_title: Tiers of support     # optional
//! bands:                            # optional; each covers the points from `from` to `to`
//!   - { label: "Tier 1: universal", from: duress, to: duress, description: … }
//! note: …                           # optional
//! ```
//!
//! ```yaml
//! kind: process                     # numbered steps, each linked to a page by its source path
//! title: The five-step process
//! steps:
//!   - { title: Identify pupils, description: …, page: step-1/_index.md }
//! note: …                           # optional
//! ```
//!
//! Every text is plain text. The templates draw the points and steps as ordered lists, so the list is
//! the diagram's text alternative.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location, closest};
use crate::load::TextFile;
use crate::model::Site;
use crate::parse::shortcodes::Call;
use crate::yaml::{self, ValuePositions, YamlSource};

/// Maximum number of points or steps in a diagram, because diagrams.css has layout rules for this many.
pub const MAX_ITEMS: usize = 12;

const KINDS: [&str; 2] = ["scale", "process"];

#[derive(Debug, Deserialize)]
struct KindProbe {
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleRecord {
    #[allow(dead_code, reason = "read by KindProbe; listed so that it is not an unknown key")]
    kind: String,
    title: String,
    #[serde(default)]
    description: String,
    start_label: String,
    end_label: String,
    points: Vec<PointRecord>,
    #[serde(default)]
    bands_title: String,
    #[serde(default)]
    bands: Vec<BandRecord>,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PointRecord {
    id: String,
    label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandRecord {
    label: String,
    #[serde(default)]
    description: String,
    from: String,
    to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessRecord {
    #[allow(dead_code, reason = "read by KindProbe; listed so that it is not an unknown key")]
    kind: String,
    title: String,
    #[serde(default)]
    description: String,
    steps: Vec<StepRecord>,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepRecord {
    title: String,
    #[serde(default)]
    description: String,
    page: Option<String>,
}

/// A checked diagram, as its template receives it.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Diagram {
    Scale(Scale),
    Process(Process),
}

#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    pub title: String,
    pub description: String,
    pub start_label: String,
    pub end_label: String,
    pub points: Vec<Point>,
    pub bands_title: String,
    pub bands: Vec<Band>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub id: String,
    pub label: String,
    /// 1-based position from the start of the scale.
    pub number: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub label: String,
    pub description: String,
    /// Numbers of the first and last point the band covers.
    pub from: usize,
    pub to: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Process {
    pub title: String,
    pub description: String,
    pub steps: Vec<Step>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub title: String,
    pub description: String,
    pub number: usize,
    /// The linked page's URL, filled in by [`resolve_pages`]; empty when the step links nowhere.
    pub url: String,
    #[serde(skip)]
    pub page: Option<(String, Location)>,
}

/// Every diagram by id (the file name without `.yaml`).
pub type Diagrams = BTreeMap<String, Diagram>;

/// Reads and checks one diagram file; returns its id and the diagram, or the errors.
pub fn load(file: &TextFile) -> Result<(String, Diagram), Vec<Diagnostic>> {
    let id = diagram_id(&file.path);
    let source = YamlSource { file: &file.display, text: &file.text, first_line: 1 };
    let probe: KindProbe = yaml::parse(&source).map_err(|diagnostic| vec![diagnostic])?;
    let positions = ValuePositions::of(&source);

    let diagram = match probe.kind.as_deref() {
        Some("scale") => check_scale(yaml::parse(&source).map_err(|d| vec![d])?, &positions)?,
        Some("process") => check_process(yaml::parse(&source).map_err(|d| vec![d])?, &positions)?,
        Some(other) => {
            let message = format!("unknown diagram kind `{other}`");
            let help = match closest(other, KINDS) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("use one of: {}", KINDS.join(", ")),
            };
            return Err(vec![Diagnostic::error(positions.location(&["kind"]), message).with_help(help)]);
        }
        None => {
            let message = format!("diagram `{id}` has no `kind`");
            let help = "add `kind: scale` (points from one end to the other) or `kind: process` (numbered steps)";
            return Err(vec![Diagnostic::error(Location::new(&file.display, 1, 1), message).with_help(help)]);
        }
    };
    Ok((id, diagram))
}

/// `diagrams/spectrum.yaml` → `spectrum`.
fn diagram_id(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(name).to_owned()
}

fn check_scale(record: ScaleRecord, positions: &ValuePositions) -> Result<Diagram, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    require_text(&record.title, &["title"], positions, &mut diagnostics);
    require_text(&record.start_label, &["start_label"], positions, &mut diagnostics);
    require_text(&record.end_label, &["end_label"], positions, &mut diagnostics);
    check_count(record.points.len(), "points", positions, &mut diagnostics);

    let mut numbers: HashMap<&str, usize> = HashMap::new();
    for (index, point) in record.points.iter().enumerate() {
        let at = |key: &str| ["points".to_owned(), index.to_string(), key.to_owned()];
        require_text(&point.label, &at("label"), positions, &mut diagnostics);
        if point.id.trim().is_empty() {
            require_text(&point.id, &at("id"), positions, &mut diagnostics);
        } else if numbers.insert(point.id.as_str(), index + 1).is_some() {
            let message = format!("duplicate point id `{}`", point.id);
            diagnostics.push(Diagnostic::error(positions.location(&at("id")), message).with_help("give each point its own id"));
        }
    }

    let mut bands = Vec::new();
    for (index, band) in record.bands.iter().enumerate() {
        let at = |key: &str| ["bands".to_owned(), index.to_string(), key.to_owned()];
        require_text(&band.label, &at("label"), positions, &mut diagnostics);
        let from = point_number(&band.from, &numbers, positions.location(&at("from")), &mut diagnostics);
        let to = point_number(&band.to, &numbers, positions.location(&at("to")), &mut diagnostics);
        let (Some(from), Some(to)) = (from, to) else { continue };
        if from > to {
            let message = format!("band `{}` runs backwards: `{}` comes after `{}`", band.label, band.from, band.to);
            let help = "put the point nearer the start of the scale in `from`";
            diagnostics.push(Diagnostic::error(positions.location(&at("from")), message).with_help(help));
            continue;
        }
        if let Some(other) = bands.iter().find(|other: &&Band| from <= other.to && other.from <= to) {
            let message = format!("band `{}` overlaps band `{}`", band.label, other.label);
            let help = "each point belongs to one band at most; end one band before the next begins";
            diagnostics.push(Diagnostic::error(positions.location(&at("from")), message).with_help(help));
            continue;
        }
        bands.push(Band { label: band.label.clone(), description: band.description.clone(), from, to });
    }

    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let points = record
        .points
        .into_iter()
        .enumerate()
        .map(|(index, point)| Point { id: point.id, label: point.label, number: index + 1 })
        .collect();
    Ok(Diagram::Scale(Scale {
        title: record.title,
        description: record.description,
        start_label: record.start_label,
        end_label: record.end_label,
        points,
        bands_title: record.bands_title,
        bands,
        note: record.note,
    }))
}

fn point_number(
    id: &str,
    numbers: &HashMap<&str, usize>,
    location: Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    if let Some(&number) = numbers.get(id) {
        return Some(number);
    }
    let message = format!("band refers to `{id}`, which is not a point of this scale");
    let help = match closest(id, numbers.keys().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => "use the `id` of one of the points".to_owned(),
    };
    diagnostics.push(Diagnostic::error(location, message).with_help(help));
    None
}

fn check_process(record: ProcessRecord, positions: &ValuePositions) -> Result<Diagram, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    require_text(&record.title, &["title"], positions, &mut diagnostics);
    check_count(record.steps.len(), "steps", positions, &mut diagnostics);

    let mut steps = Vec::new();
    for (index, step) in record.steps.into_iter().enumerate() {
        let at = |key: &str| ["steps".to_owned(), index.to_string(), key.to_owned()];
        require_text(&step.title, &at("title"), positions, &mut diagnostics);
        let page = step.page.map(|page| (page, positions.location(&at("page"))));
        steps.push(Step { title: step.title, description: step.description, number: index + 1, url: String::new(), page });
    }

    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(Diagram::Process(Process { title: record.title, description: record.description, steps, note: record.note }))
}

fn require_text<S: AsRef<str>>(text: &str, path: &[S], positions: &ValuePositions, diagnostics: &mut Vec<Diagnostic>) {
    if text.trim().is_empty() {
        let key = path.last().map_or("value", |key| key.as_ref());
        let message = format!("`{key}` is empty");
        diagnostics.push(Diagnostic::error(positions.location(path), message).with_help(format!("write the {key}")));
    }
}

fn check_count(count: usize, key: &str, positions: &ValuePositions, diagnostics: &mut Vec<Diagnostic>) {
    if (2..=MAX_ITEMS).contains(&count) {
        return;
    }
    let message = format!("a diagram needs 2 to {MAX_ITEMS} {key}, but this one has {count}");
    let help = format!("list between 2 and {MAX_ITEMS} entries under `{key}`");
    diagnostics.push(Diagnostic::error(positions.location(&[key]), message).with_help(help));
}

/// Returns the diagram a `{{ diagram(id="…") }}` shortcode names; an unknown id or a diagram placed
/// inside a paragraph is an error at the shortcode.
pub fn find<'a>(diagrams: &'a Diagrams, id: &str, call: &Call) -> Result<&'a Diagram, Diagnostic> {
    if !call.block {
        let message = format!("diagram `{id}` is inside a paragraph");
        let help = "put the `{{ diagram(…) }}` shortcode on a line of its own, with blank lines around it";
        return Err(Diagnostic::error(call.location.clone(), message).with_help(help));
    }
    diagrams.get(id).ok_or_else(|| {
        let message = format!("unknown diagram `{id}`");
        let help = match closest(id, diagrams.keys().map(String::as_str)) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None if diagrams.is_empty() => "add the diagram's data as content/diagrams/<id>.yaml".to_owned(),
            None => format!("the diagrams are: {}", diagrams.keys().cloned().collect::<Vec<_>>().join(", ")),
        };
        Diagnostic::error(call.location.clone(), message).with_help(help)
    })
}

/// Sets the URL of every process step that names a page, and reports pages that do not exist.
pub fn resolve_pages(diagrams: &mut Diagrams, site: &Site) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for diagram in diagrams.values_mut() {
        let Diagram::Process(process) = diagram else { continue };
        for step in &mut process.steps {
            let Some((source, location)) = &step.page else { continue };
            match site.page_index(source) {
                Some(index) => step.url = site.page_url(index),
                None if site.failed_sources.contains(source) => {}
                None => {
                    let message = format!("step `{}` links to `{source}`, which is not a page", step.title);
                    let sources = site.pages.iter().map(|page| page.source.as_str());
                    let help = match closest(source, sources) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => "give the page's source path under content/, for example `step-1/_index.md`".to_owned(),
                    };
                    diagnostics.push(Diagnostic::error(location.clone(), message).with_help(help));
                }
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(path: &str, text: &str) -> Result<(String, Diagram), Vec<Diagnostic>> {
        let file = TextFile { path: path.into(), display: format!("content/{path}"), text: text.into() };
        load(&file)
    }

    const SCALE: &str = "kind: scale\ntitle: Spectrum\nstart_label: Mild\nend_label: Severe\npoints:\n  - id: a\n    label: A\n  \
                         - id: b\n    label: B\n  - id: c\n    label: C\nbands:\n  - label: Low\n    from: a\n    to: b\n";

    #[test]
    fn scale_numbers_points_and_bands() {
        let (id, diagram) = load_text("diagrams/spectrum.yaml", SCALE).unwrap();
        assert_eq!(id, "spectrum");
        let Diagram::Scale(scale) = diagram else { panic!("not a scale") };
        let numbers: Vec<usize> = scale.points.iter().map(|point| point.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!((scale.bands[0].from, scale.bands[0].to), (1, 2));
    }

    #[test]
    fn band_with_unknown_point_suggests() {
        let text = SCALE.replace("to: b", "to: bb");
        let errors = load_text("diagrams/s.yaml", &text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location, Location::new("content/diagrams/s.yaml", 15, 9));
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `b`?"));
    }

    #[test]
    fn backwards_band_rejected() {
        let text = SCALE.replace("from: a\n    to: b", "from: c\n    to: a");
        let errors = load_text("diagrams/s.yaml", &text).unwrap_err();
        assert!(errors[0].message.contains("runs backwards"), "{}", errors[0].message);
    }

    #[test]
    fn overlapping_bands_rejected() {
        let text = format!("{SCALE}  - label: High\n    from: b\n    to: c\n");
        let errors = load_text("diagrams/s.yaml", &text).unwrap_err();
        assert_eq!(errors[0].message, "band `High` overlaps band `Low`");
        assert_eq!(errors[0].location.line, 17);
    }

    #[test]
    fn duplicate_point_rejected() {
        let text = SCALE.replace("id: c", "id: a");
        let errors = load_text("diagrams/s.yaml", &text).unwrap_err();
        assert_eq!(errors[0].message, "duplicate point id `a`");
        assert_eq!(errors[0].location.line, 10);
    }

    #[test]
    fn unknown_kind_suggests() {
        let errors = load_text("diagrams/s.yaml", "kind: proces\ntitle: x\n").unwrap_err();
        assert_eq!(errors[0].location, Location::new("content/diagrams/s.yaml", 1, 7));
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `process`?"));
    }

    #[test]
    fn unknown_key_in_step_rejected() {
        let text = "kind: process\ntitle: P\nsteps:\n  - title: A\n    pgae: a.md\n  - title: B\n";
        let errors = load_text("diagrams/p.yaml", text).unwrap_err();
        assert_eq!(errors[0].location.line, 5);
        assert!(errors[0].help.as_deref().unwrap_or_default().starts_with("did you mean `page`?"), "{:?}", errors[0].help);
    }

    #[test]
    fn too_few_steps_rejected() {
        let errors = load_text("diagrams/p.yaml", "kind: process\ntitle: P\nsteps:\n  - title: A\n").unwrap_err();
        assert!(errors[0].message.contains("needs 2 to 12 steps, but this one has 1"), "{}", errors[0].message);
    }
}
