//! The site's YAML data files besides site.yaml, sorted by where they live in `content/`:
//!
//! | location | contents |
//! |---|---|
//! | `resources/*.yaml` | resource records for the library |
//! | `questionnaires/*.yaml` | questionnaire definitions |
//! | `glossary.yaml` | glossary terms |
//! | `diagrams/*.yaml` | data drawn as diagrams |
//!
//! A YAML file anywhere else is an error, so a misplaced file is not silently ignored.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::load::TextFile;
use crate::model::diagrams::{self, Diagrams};
use crate::model::glossary::{self, Glossary};
use crate::model::questionnaires::{self, Questionnaires};
use crate::model::resources::{self, Library};
use crate::model::{PageKind, Site};
use crate::render::context::GeneratedPage;

/// Everything read from the data files.
#[derive(Debug, Default, Serialize)]
pub struct SiteData {
    /// The resource library, for the library page and the `resources` shortcode.
    pub resources: Library,
    /// Glossary terms, for the glossary page and the whole-guide print page.
    pub glossary: Glossary,
    /// Diagrams by id. Only the `diagram` shortcode receives them, so they stay out of other contexts.
    #[serde(skip)]
    pub diagrams: Diagrams,
    /// The pages of each section that has pages of its own, by the section's URL, for the section menu.
    pub section_menus: BTreeMap<String, SectionMenu>,
    /// URL of the glossary page; empty when the site has no glossary terms.
    pub glossary_url: String,
    /// URL of the whole-guide print page.
    pub print_url: String,
    /// Questionnaire definitions; templates see a short summary of each.
    pub questionnaires: Questionnaires,
    /// The forms the staff scoring tool combines, for its page; `None` without a scored group.
    pub scoring_tool: Option<questionnaires::scoring_tool::ScoringTool>,
}

/// A section and its pages, in order.
#[derive(Debug, Clone, Serialize)]
pub struct SectionMenu {
    pub title: String,
    pub url: String,
    pub pages: Vec<MenuLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MenuLink {
    pub title: String,
    pub url: String,
}

/// The kinds of data file, by location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    Resources,
    Questionnaire,
    Glossary,
    Diagram,
}

/// Returns the kind of data a file at `path` (relative to `content/`) holds, if its location is known.
pub fn kind_of(path: &str) -> Option<DataKind> {
    let in_folder = |folder: &str| path.strip_prefix(folder).is_some_and(|rest| !rest.contains('/'));
    if in_folder("resources/") {
        Some(DataKind::Resources)
    } else if in_folder("questionnaires/") {
        Some(DataKind::Questionnaire)
    } else if in_folder("diagrams/") {
        Some(DataKind::Diagram)
    } else if path == "glossary.yaml" {
        Some(DataKind::Glossary)
    } else {
        None
    }
}

/// Reads every data file, reporting each problem.
pub fn load(files: &[TextFile]) -> (SiteData, Vec<Diagnostic>) {
    let mut data = SiteData::default();
    let mut diagnostics = Vec::new();
    let mut resource_files = Vec::new();
    for file in files {
        match kind_of(&file.path) {
            Some(DataKind::Resources) => resource_files.push(file),
            Some(DataKind::Glossary) => {
                let (terms, errors) = glossary::load(file);
                data.glossary = terms;
                diagnostics.extend(errors);
            }
            Some(DataKind::Diagram) => match diagrams::load(file) {
                Ok((id, diagram)) => {
                    data.diagrams.insert(id, diagram);
                }
                Err(errors) => diagnostics.extend(errors),
            },
            // NOTE: each kind's reader is added with its feature; until then its files are only located.
            Some(_) => {}
            None => diagnostics.push(unknown_location(file)),
        }
    }

    // Questionnaires are read together because ids and form numbers must be unique across files.
    let questionnaire_files: Vec<&TextFile> =
        files.iter().filter(|file| kind_of(&file.path) == Some(DataKind::Questionnaire)).collect();
    let (questionnaires, errors) = questionnaires::load(&questionnaire_files);
    data.questionnaires = questionnaires;
    diagnostics.extend(errors);

    let (library, errors) = resources::load(&resource_files);
    data.resources = library;
    diagnostics.extend(errors);
    (data, diagnostics)
}

/// Resolves the pages that data files name by source path, and adds the values taken from the site
/// tree. Call it once the site and the data are loaded, before any page renders.
pub fn resolve(site: &Site, data: &mut SiteData) -> Vec<Diagnostic> {
    data.section_menus = section_menus(site);
    if !data.glossary.is_empty() {
        data.glossary_url = glossary::page_url(site);
    }
    data.print_url = site.url(crate::render::print::PAGE_PATH);
    let mut diagnostics = resources::resolve(site, &mut data.resources);
    diagnostics.extend(diagrams::resolve_pages(&mut data.diagrams, site));

    // After the resources are resolved, because the tool lists their URLs.
    let (tool, warnings) = questionnaires::scoring_tool::build(site, &data.questionnaires, &data.resources);
    data.scoring_tool = tool;
    diagnostics.extend(warnings);
    diagnostics
}

/// Every section below the home page that has pages (not only sections) among its children.
fn section_menus(site: &Site) -> BTreeMap<String, SectionMenu> {
    let link = |index: usize| MenuLink { title: site.pages[index].title().to_owned(), url: site.page_url(index) };
    let mut menus = BTreeMap::new();
    for (index, page) in site.pages.iter().enumerate() {
        let has_pages = page.children.iter().any(|&child| site.pages[child].kind == PageKind::Page);
        if page.kind != PageKind::Section || !has_pages {
            continue;
        }
        let pages = page.children.iter().map(|&child| link(child)).collect();
        menus.insert(site.page_url(index), SectionMenu { title: page.title().to_owned(), url: site.page_url(index), pages });
    }
    menus
}

/// The pages made from data, such as one page per resource.
pub fn generated_pages(site: &Site, data: &SiteData) -> Vec<GeneratedPage> {
    let mut pages = Vec::new();
    let glossary_path_free = site.pages.iter().all(|page| page.path != glossary::GENERATED_PAGE_PATH);
    if !data.glossary.is_empty() && glossary::glossary_page(site).is_none() && glossary_path_free {
        pages.push(GeneratedPage {
            path: glossary::GENERATED_PAGE_PATH.to_owned(),
            template: glossary::TEMPLATE,
            title: "Glossary".to_owned(),
            description: "The words and abbreviations this guide uses, with what they mean.".to_owned(),
            item: serde_json::Value::Null,
            parent: site.page_index("_index.md"),
        });
    }
    pages.extend(resources::pages(site, &data.resources));
    pages.extend(questionnaires::view::generated_pages(site, &data.questionnaires));
    pages
}

fn unknown_location(file: &TextFile) -> Diagnostic {
    let message = format!("`{}` is a YAML file in a place the build does not read", file.display);
    let help = "put resources in content/resources/, questionnaire definitions in content/questionnaires/, \
                diagram data in content/diagrams/ and glossary terms in content/glossary.yaml";
    Diagnostic::error(Location::file(&file.display), message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_location() {
        let cases = [
            ("resources/f1.yaml", Some(DataKind::Resources)),
            ("questionnaires/pupil.yaml", Some(DataKind::Questionnaire)),
            ("diagrams/spectrum.yaml", Some(DataKind::Diagram)),
            ("glossary.yaml", Some(DataKind::Glossary)),
            ("resources/deep/f1.yaml", None),
            ("step-1/notes.yaml", None),
        ];
        for (path, expected) in cases {
            assert_eq!(kind_of(path), expected, "{path}");
        }
    }
}
