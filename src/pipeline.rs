//! Runs the stages in order and gathers their diagnostics: load → parse → model → assets → render →
//! check. Writing is left to the caller, so `build` writes to disk, `check` writes nothing and `serve`
//! keeps the files in memory.
//!
//! Assets are built before pages are rendered because templates need the assets' hashed URLs.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::{self, Sources};
use crate::model::{self, LoadedConfig, Page, PageKind, Site, config, data, questionnaires, resources};
use crate::parse::markdown::{self, IdSet, InternalLink, LinkResolver, MarkdownSource};
use crate::render::context::{self, GeneratedPage, PageInput, Shared};
use crate::model::data::SiteData;
use crate::parse::shortcodes::Call;
use crate::render::glossary::TermMarker;
use crate::render::{Renderer, print, shortcode_data};
use crate::render::body::{self, ShortcodeEnvironment};
use crate::theme::Theme;
use crate::{assets, check, offline, search};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder, which contains `content/` and, optionally, `themes/`.
    pub root: PathBuf,
    /// Replaces `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Includes pages marked `draft: true`.
    pub drafts: bool,
    /// A build for `serve`: no service worker, so an edited page is never answered from a cache.
    pub development: bool,
}

/// The built files (output path → bytes) and every diagnostic. `files` is empty when there are errors.
#[derive(Debug, Default)]
pub struct BuildResult {
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Diagnostics,
    pub pages: usize,
    /// Source file of each page built from Markdown, by output path (`step-1/index.html`), so later
    /// checks can name the file to edit.
    pub sources: BTreeMap<String, String>,
}

/// Builds the site under `options.root` in memory.
pub fn build(options: &BuildOptions) -> BuildResult {
    let mut result = BuildResult::default();
    let (sources, load_errors) = load::load(&options.root);
    result.diagnostics.extend(load_errors);

    let config = load_config(&sources, &mut result.diagnostics);
    let theme = match Theme::load(&options.root, &config.config.theme) {
        Ok(theme) => theme,
        Err(errors) => {
            result.diagnostics.extend(errors);
            return result;
        }
    };
    let renderer = match Renderer::new(&theme) {
        Ok(renderer) => Some(renderer),
        Err(errors) => {
            result.diagnostics.extend(errors);
            None
        }
    };

    let (site, model_errors) = model::build(config, options.base_url.as_deref(), &sources.pages, options.drafts);
    result.diagnostics.extend(model_errors);

    let offline = site.config.offline && !options.development;
    let built_assets = match assets::build(&site, &theme, &sources, offline) {
        Ok(built) => built,
        Err(errors) => {
            result.diagnostics.extend(errors);
            assets::BuiltAssets::default()
        }
    };

    let (mut site_data, data_errors) = data::load(&sources.data);
    result.diagnostics.extend(data_errors);
    result.diagnostics.extend(data::resolve(&site, &mut site_data));
    result.diagnostics.extend(resources::check_files(&sources, &site_data.resources));
    let data_context = tera::Context::from_serialize(&site_data).unwrap_or_default();

    if let Some(renderer) = renderer {
        let shared = Shared {
            assets: &built_assets.urls,
            engine_version: attendance_engine::VERSION,
            data: &data_context,
            search: None,
        };
        let generated = data::generated_pages(&site, &site_data);
        render_pages(&site, &sources, &site_data, &generated, &renderer, &shared, &mut result);
    }
    if result.diagnostics.has_errors() {
        result.files.clear();
        return result;
    }
    result.files.extend(built_assets.files);
    result.diagnostics.extend(questionnaires::check_media(&site_data.questionnaires, &result.files));
    if result.diagnostics.has_errors() {
        result.files.clear();
        return result;
    }
    if offline {
        offline::add_files(&site, &mut result.files);
    }
    result
}

/// Parses site.yaml; on errors, continues with a stand-in so the pages are still checked.
fn load_config(sources: &Sources, diagnostics: &mut Diagnostics) -> LoadedConfig {
    let parsed = match &sources.site_config {
        Some(file) => config::parse(file),
        None => Err(vec![config::missing()]),
    };
    parsed.unwrap_or_else(|errors| {
        diagnostics.extend(errors);
        let stand_in = load::TextFile {
            path: load::SITE_CONFIG.to_owned(),
            display: format!("{}/{}", load::CONTENT_DIR, load::SITE_CONFIG),
            text: "title: Untitled\n".to_owned(),
        };
        config::parse(&stand_in).unwrap_or_else(|_| unreachable!("the stand-in configuration is valid"))
    })
}

/// A page's Markdown after rendering, kept for the template and the anchor check.
struct PageOutput {
    index: usize,
    html: String,
    links: Vec<InternalLink>,
}

fn render_pages(
    site: &Site,
    sources: &Sources,
    site_data: &SiteData,
    generated: &[GeneratedPage],
    renderer: &Renderer,
    shared: &Shared,
    result: &mut BuildResult,
) {
    let mut generated_paths: HashSet<&str> = generated.iter().map(|page| page.path.as_str()).collect();
    generated_paths.extend([search::PAGE_PATH, print::PAGE_PATH]);

    let mut bodies = Vec::new();
    for index in 0..site.pages.len() {
        let page = &site.pages[index];
        let resolver = SiteLinks { site, sources, generated: &generated_paths, folder: folder_of(&page.source) };
        let source = MarkdownSource { file: &page.display, text: &page.body, first_line: page.body_line };
        let base = context::common_context(site, Some(index), shared);
        let data = |call: &Call| shortcode_data::data_for(call, site, site_data);
        let environment = ShortcodeEnvironment { renderer, base: &base, data: &data };
        let mut diagnostics = Vec::new();
        let rendered = body::render(&source, &resolver, &environment, &mut IdSet::new(), &mut diagnostics);
        result.diagnostics.extend(diagnostics);
        result.diagnostics.extend(markdown::author_warnings(&source));
        if rendered.html.trim().is_empty() && page.children.is_empty() {
            result.diagnostics.push(empty_page_warning(page));
        }
        bodies.push((index, rendered));
    }

    // Every page's text must be known before any template renders, because pages carry the index's URL.
    let search_index = search::build(site, &bodies, &site_data.resources);
    let search_page = search::search_page(site, &search_index);
    let shared = &Shared { search: Some(&search_index.values), ..*shared };
    result.files.insert(search_index.path.clone(), search_index.bytes.clone());

    // The print page takes the bodies before glossary terms are marked: paper has no pop-ups.
    let print_bodies: Vec<(usize, &str)> = bodies.iter().map(|(index, rendered)| (*index, rendered.html.as_str())).collect();
    let print_page = print::print_page(site, &print_bodies).map_err(|error| result.diagnostics.push(error)).ok();
    let terms = TermMarker::for_site(site, &site_data.glossary);

    let mut outputs = Vec::new();
    for (index, rendered) in bodies {
        let Some(template) = template_for(site, index, renderer, &mut result.diagnostics) else { continue };
        let html = terms.mark_page(index, &rendered.html);
        let input = PageInput { index, html: &html, headings: &rendered.headings };
        let context = context::page_context(site, &input, shared);
        match renderer.render(&template, &context) {
            Ok(html) => outputs.push(PageOutput { index, html, links: rendered.links }),
            Err(diagnostic) => result.diagnostics.push(diagnostic),
        }
    }

    let checked: Vec<check::RenderedPage> = outputs
        .iter()
        .map(|output| check::RenderedPage { url: site.page_url(output.index), html: &output.html, links: &output.links })
        .collect();
    result.diagnostics.extend(check::check_pages(site, &checked));

    result.pages = outputs.len();
    for output in outputs {
        let page = &site.pages[output.index];
        result.sources.insert(format!("{}index.html", page.path), page.display.clone());
        result.files.insert(format!("{}index.html", page.path), output.html.into_bytes());
    }
    for page in generated.iter().chain(&search_page).chain(&print_page) {
        match renderer.render(page.template, &context::generated_context(site, page, shared)) {
            Ok(html) => {
                result.files.insert(format!("{}index.html", page.path), html.into_bytes());
            }
            Err(diagnostic) => result.diagnostics.push(diagnostic),
        }
    }
    match renderer.render("404.html", &context::not_found_context(site, shared)) {
        Ok(html) => {
            result.files.insert("404.html".to_owned(), html.into_bytes());
        }
        Err(diagnostic) => result.diagnostics.push(diagnostic),
    }
}

/// Warns about a page with neither text nor pages under it, pointing at the closing front matter fence
/// (the body may have no line of its own).
fn empty_page_warning(page: &Page) -> Diagnostic {
    let location = Location::new(&page.display, page.body_line.saturating_sub(1).max(1), 1);
    let message = format!("the page `{}` is empty: it has no text after the front matter and no pages under it", page.title());
    let help = "write the page's text below the closing `---`, or mark it `draft: true` until it is ready";
    Diagnostic::warning(location, message).with_help(help)
}

/// Chooses the page's template: the one its front matter names, or the default for its kind.
fn template_for(site: &Site, index: usize, renderer: &Renderer, diagnostics: &mut Diagnostics) -> Option<String> {
    let page = &site.pages[index];
    let Some(name) = &page.front_matter.template else {
        let default = match page.kind {
            PageKind::Home => "index.html",
            PageKind::Section => "section.html",
            PageKind::Page => "page.html",
        };
        return Some(default.to_owned());
    };
    if renderer.has_template(name) {
        return Some(name.clone());
    }
    let message = format!("unknown template `{name}`");
    let location = page.positions.location(&["template"]);
    diagnostics.push(Diagnostic::error(location, message).with_help(renderer.suggest_template(name)));
    None
}

/// Resolves links written as source paths (`../step-2/_index.md`) to built URLs. Pages made from data,
/// which have no source file, are linked by their address: `/resources/graded-return/`, `/search/`.
struct SiteLinks<'a> {
    site: &'a Site,
    sources: &'a Sources,
    /// Output folders of the pages made from data, such as `resources/graded-return/`.
    generated: &'a HashSet<&'a str>,
    /// Folder of the linking page, relative to `content/`, without a trailing `/`.
    folder: &'a str,
}

fn folder_of(source: &str) -> &str {
    source.rsplit_once('/').map_or("", |(folder, _)| folder)
}

impl LinkResolver for SiteLinks<'_> {
    fn resolve(&self, path: &str) -> Option<String> {
        let joined = match path.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None if self.folder.is_empty() => path.to_owned(),
            None => format!("{}/{path}", self.folder),
        };
        let normalised = load::normalise(&joined)?;
        let trimmed = normalised.trim_end_matches('/');
        let site = self.site;

        let folder_source = if trimmed.is_empty() { "_index.md".to_owned() } else { format!("{trimmed}/_index.md") };
        let page_source = if trimmed.is_empty() || normalised.ends_with('/') { folder_source.clone() } else { trimmed.to_owned() };
        if let Some(index) = site.page_index(&page_source).or_else(|| site.page_index(&folder_source)) {
            return Some(site.page_url(index));
        }
        if site.failed_sources.contains(&page_source) {
            return Some(site.url(&page_source));
        }
        if site.draft_sources.contains(&page_source) {
            return Some(site.url(&model::output_path(&page_source)));
        }
        if self.sources.assets.iter().any(|file| file.path == trimmed) {
            return Some(site.url(trimmed));
        }
        let generated_path = format!("{trimmed}/");
        if self.generated.contains(generated_path.as_str()) {
            return Some(site.url(&generated_path));
        }
        let static_path = trimmed.strip_prefix(&format!("{}/", load::STATIC_DIR))?;
        self.sources.statics.iter().any(|file| file.path == static_path).then(|| site.url(static_path))
    }
}

