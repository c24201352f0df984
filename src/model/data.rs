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

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::load::TextFile;
use crate::model::Site;
use crate::render::context::GeneratedPage;

/// Everything read from the data files.
#[derive(Debug, Default, Serialize)]
pub struct SiteData {}

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
    let data = SiteData::default();
    let mut diagnostics = Vec::new();
    for file in files {
        match kind_of(&file.path) {
            // NOTE: each kind's reader is added with its feature; until then its files are only located.
            Some(_) => {}
            None => diagnostics.push(unknown_location(file)),
        }
    }
    (data, diagnostics)
}

/// The pages made from data, such as one page per resource.
pub fn generated_pages(_site: &Site, _data: &SiteData) -> Vec<GeneratedPage> {
    Vec::new()
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
