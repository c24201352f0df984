//! The render stage: tera 2 templates from the theme turn each page's HTML into a complete document.
//!
//! Template syntax errors are collected for every template before any page is rendered, each with
//! the template's file, line and column as tera reports them.

pub mod body;
pub mod context;
pub mod glossary;
pub mod print;
pub mod shortcode_data;
pub mod shortcodes;

use std::collections::HashMap;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Location, closest};
use crate::theme::Theme;

/// The Content Security Policy of every page: no inline scripts or styles, no other origins, and
/// `'wasm-unsafe-eval'` so the questionnaire engine can be compiled.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'";

/// The theme's templates, ready to render.
pub struct Renderer {
    tera: Tera,
    /// Template name → file path for messages.
    displays: HashMap<String, String>,
}

impl Renderer {
    pub fn new(theme: &Theme) -> Result<Self, Vec<Diagnostic>> {
        let mut displays = HashMap::new();
        let mut templates = Vec::new();
        let mut diagnostics = Vec::new();

        for (name, file) in theme.templates() {
            displays.insert(name.to_owned(), file.display.clone());
            let text = file.text();
            if let Some(diagnostic) = syntax_error(name, &text, &displays) {
                diagnostics.push(diagnostic);
            }
            templates.push((name.to_owned(), text));
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".svg", ".xml"]);
        if let Err(error) = tera.add_raw_templates(templates) {
            return Err(vec![tera_diagnostic(&error, &displays)]);
        }
        Ok(Self { tera, displays })
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Returns the template names closest to `name`, as a "did you mean" help text.
    pub fn suggest_template(&self, name: &str) -> String {
        let names: Vec<&str> = self.tera.get_template_names().filter(|n| !n.starts_with("partials/")).collect();
        match closest(name, names.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => {
                let mut names = names;
                names.sort_unstable();
                format!("use one of the theme's templates: {}", names.join(", "))
            }
        }
    }

    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|error| tera_diagnostic(&error, &self.displays))
    }
}

/// Parses one template on its own so that every template's syntax errors are reported together.
/// Errors about a missing parent are left to the full load, where all templates are present.
fn syntax_error(name: &str, text: &str, displays: &HashMap<String, String>) -> Option<Diagnostic> {
    let mut scratch = Tera::new();
    match scratch.add_raw_template(name, text) {
        Err(error) if matches!(error.kind(), ErrorKind::SyntaxError(_)) => Some(tera_diagnostic(&error, displays)),
        _ => None,
    }
}

/// Converts a tera error into a diagnostic at the template position tera reports.
fn tera_diagnostic(error: &tera::Error, displays: &HashMap<String, String>) -> Diagnostic {
    let file_of = |name: &str| displays.get(name).cloned().unwrap_or_else(|| format!("template `{name}`"));
    let help = "fix the template; the tera 2 documentation lists the syntax, filters and functions";

    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let location = Location::new(file_of(report.filename()), span.start_line, span.start_col + 1);
            let mut message = format!("template error: {}", report.message());
            if let Some(cause) = std::error::Error::source(error) {
                message.push_str(&format!(": {cause}"));
            }
            Diagnostic::error(location, message).with_help(help)
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            Location::file(file_of(current)),
            format!("template `{current}` extends `{parent}`, which is not in the theme"),
        )
        .with_help("add the parent template to the theme or correct the name in `{% extends %}`"),
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error(Location::file(format!("template `{name}`")), format!("template `{name}` not found"))
                .with_help("add the template to the theme's templates folder")
        }
        _ => Diagnostic::error(Location::file("themes"), format!("template error: {error}")).with_help(help),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeFile;

    fn theme(templates: &[(&str, &str)]) -> Theme {
        let mut theme = Theme::default();
        for (name, text) in templates {
            let file = ThemeFile {
                display: format!("themes/default/templates/{name}"),
                bytes: text.as_bytes().to_vec(),
                overridden: true,
            };
            theme.files.insert(format!("templates/{name}"), file);
        }
        theme
    }

    #[test]
    fn syntax_errors_of_every_template_are_collected() {
        let errors = Renderer::new(&theme(&[("a.html", "{% if %}"), ("b.html", "ok\n{{ x | }}")])).err().unwrap();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].location.file, "themes/default/templates/a.html");
        assert_eq!(errors[1].location.file, "themes/default/templates/b.html");
        assert_eq!(errors[1].location.line, 2);
    }

    #[test]
    fn rendering_error_names_template_and_line() {
        let renderer = Renderer::new(&theme(&[("a.html", "line one\n{{ missing.value }}")])).ok().unwrap();
        let error = renderer.render("a.html", &Context::new()).unwrap_err();
        assert_eq!(error.location.file, "themes/default/templates/a.html");
        assert_eq!(error.location.line, 2);
        assert!(error.message.starts_with("template error"), "{}", error.message);
    }

    #[test]
    fn missing_parent_is_reported() {
        let errors = Renderer::new(&theme(&[("a.html", "{% extends \"nope.html\" %}")])).err().unwrap();
        assert!(errors[0].message.contains("extends `nope.html`"), "{}", errors[0].message);
    }

    #[test]
    fn content_is_escaped_unless_marked_safe() {
        let renderer = Renderer::new(&theme(&[("a.html", "{{ text }}|{{ html | safe }}")])).ok().unwrap();
        let mut context = Context::new();
        context.insert("text", "<b>");
        context.insert("html", "<b>");
        assert_eq!(renderer.render("a.html", &context).unwrap(), "&lt;b&gt;|<b>");
    }

    #[test]
    fn suggests_close_template_name() {
        let renderer = Renderer::new(&theme(&[("page.html", ""), ("section.html", "")])).ok().unwrap();
        assert_eq!(renderer.suggest_template("pgae.html"), "did you mean `page.html`?");
    }
}
