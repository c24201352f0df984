//! A page's body: shortcodes expanded around the Markdown rendering.

use tera::Context;

use super::Renderer;
use super::shortcodes;
use crate::diagnostics::Diagnostic;
use crate::parse::markdown::{self, Heading, IdSet, InternalLink, LinkResolver, MarkdownSource};
use crate::parse::shortcodes::{self as parse_shortcodes, Call};

/// The rendered body of a page.
#[derive(Debug, Default)]
pub struct RenderedBody {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<InternalLink>,
    pub plain_text: String,
}

/// What shortcode templates see besides their arguments: the site values of the page context, and data
/// a shortcode needs (such as the resources it lists), added by `data` for each call.
pub struct ShortcodeEnvironment<'a> {
    pub renderer: &'a Renderer,
    pub base: &'a Context,
    pub data: &'a dyn Fn(&Call) -> Result<Context, Diagnostic>,
}

/// Renders `source`, expanding its shortcodes, and adds every problem to `diagnostics`.
pub fn render(
    source: &MarkdownSource<'_>,
    resolver: &dyn LinkResolver,
    environment: &ShortcodeEnvironment<'_>,
    ids: &mut IdSet,
    diagnostics: &mut Vec<Diagnostic>,
) -> RenderedBody {
    let extracted = parse_shortcodes::extract(source, &shortcodes::takes_body);
    diagnostics.extend(extracted.diagnostics);

    let markdown_source = MarkdownSource { text: &extracted.text, ..*source };
    let rendered = markdown::render_with_ids(&markdown_source, resolver, ids);
    diagnostics.extend(rendered.diagnostics);
    let mut body = RenderedBody {
        html: String::new(),
        headings: rendered.headings,
        links: rendered.links,
        plain_text: parse_shortcodes::strip_placeholders(&rendered.plain_text),
    };

    let mut expansions = Vec::with_capacity(extracted.calls.len());
    for call in &extracted.calls {
        let body_html = match &call.body {
            Some(inner) => {
                let inner_source = MarkdownSource { file: source.file, text: &inner.text, first_line: inner.first_line };
                let inner_body = render(&inner_source, resolver, environment, ids, diagnostics);
                body.headings.extend(inner_body.headings);
                body.links.extend(inner_body.links);
                body.plain_text.push(' ');
                body.plain_text.push_str(&inner_body.plain_text);
                inner_body.html
            }
            None => String::new(),
        };
        expansions.push(expand(call, &body_html, environment).unwrap_or_else(|diagnostic| {
            diagnostics.push(diagnostic);
            String::new()
        }));
    }

    body.html = parse_shortcodes::substitute(&rendered.html, &expansions);
    body
}

fn expand(call: &Call, body_html: &str, environment: &ShortcodeEnvironment<'_>) -> Result<String, Diagnostic> {
    let mut context = environment.base.clone();
    context.extend(shortcodes::context_for(call, body_html)?);
    context.extend((environment.data)(call)?);

    let template = format!("shortcodes/{}.html", call.name);
    let html = environment.renderer.render(&template, &context)?;
    Ok(html.trim_end().to_owned())
}
