//! Checks that every picture and recorded reading a definition names is a file of the built site.

use std::collections::BTreeMap;

use super::Questionnaires;
use crate::diagnostics::Diagnostic;

/// Reports each `picture:` or `audio:` path with no built file behind it, at the path's value.
pub fn check_media(questionnaires: &Questionnaires, files: &BTreeMap<String, Vec<u8>>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for questionnaire in &questionnaires.list {
        let definition = &questionnaire.definition;
        let mut references: Vec<(Vec<String>, &str)> = Vec::new();
        for (s, scale) in definition.scales.iter().enumerate() {
            for (o, option) in scale.options.iter().enumerate() {
                let at = |key: &str| vec!["scales".to_owned(), s.to_string(), "options".to_owned(), o.to_string(), key.to_owned()];
                references.extend(option.picture.as_deref().map(|path| (at("picture"), path)));
                references.extend(option.audio.as_deref().map(|path| (at("audio"), path)));
            }
        }
        for (i, item) in definition.items.iter().enumerate() {
            let at = |key: &str| vec!["items".to_owned(), i.to_string(), key.to_owned()];
            references.extend(item.picture.as_deref().map(|path| (at("picture"), path)));
            references.extend(item.audio.as_deref().map(|path| (at("audio"), path)));
        }

        for (at, path) in references {
            if files.contains_key(path.trim_start_matches('/')) {
                continue;
            }
            let message = format!("`{path}` is not a file of the built site, so the picture or recording would be missing");
            let help = "give the path from the site's root, such as `assets/images/questionnaire/answer-no.svg` for a \
                        file in the theme's images/ folder, or put the file in content/static/";
            diagnostics.push(Diagnostic::error(questionnaire.positions.location(&at), message).with_help(help));
        }
    }
    diagnostics
}
