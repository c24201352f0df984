//! The model stage: the site tree built from the parsed sources, with every page's URL, parent,
//! children and reading order resolved.
//!
//! Folders are sections: `step-1/_index.md` is the section page of `step-1/`, and the other Markdown
//! files of the folder are its pages. A page's parent is the section of its folder, or of the nearest
//! folder above it that has one. Children are ordered by weight, then title; the reading order that
//! previous/next links follow is the tree walked depth first.

pub mod config;
pub mod data;
pub mod diagrams;
pub mod glossary;
pub mod resources;
pub mod questionnaires;

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Location, closest};
use crate::load::TextFile;
use crate::parse::front_matter::{self, FrontMatter};
use crate::yaml::ValuePositions;

pub use config::{LoadedConfig, SiteConfig};

/// What a page is in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `content/_index.md`.
    Home,
    /// A folder's `_index.md`.
    Section,
    Page,
}

impl PageKind {
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Page => "page",
        }
    }
}

/// One Markdown page of the site.
#[derive(Debug)]
pub struct Page {
    /// Source path relative to `content/`, such as `step-1/_index.md`.
    pub source: String,
    /// Source path for messages, such as `content/step-1/_index.md`.
    pub display: String,
    pub kind: PageKind,
    pub front_matter: FrontMatter,
    pub positions: ValuePositions,
    pub body: String,
    pub body_line: usize,
    /// Output folder relative to the output root: `""` for home, `step-1/` or `step-1/data/`.
    pub path: String,
    pub parent: Option<usize>,
    /// Child pages and sections in order.
    pub children: Vec<usize>,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.front_matter.title
    }
}

/// The whole site: configuration and pages, with the home page first.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub config_positions: ValuePositions,
    pub config_display: String,
    /// Path part of the base URL, starting and ending with `/`.
    pub base_path: String,
    pub pages: Vec<Page>,
    /// Indexes into `pages`, depth first from the home page.
    pub reading_order: Vec<usize>,
    by_source: HashMap<String, usize>,
    /// Pages left out because their front matter has errors. Links to them are not reported as broken,
    /// because the front matter error is the one to fix.
    pub failed_sources: HashSet<String>,
    /// Draft pages left out of this build, by source path.
    pub draft_sources: HashSet<String>,
}

impl Site {
    /// Returns the index of the page built from `source` (a path relative to `content/`).
    pub fn page_index(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// Returns the absolute URL path of a path relative to the output root, percent-encoded.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, encode_path(path))
    }

    pub fn page_url(&self, index: usize) -> String {
        self.url(&self.pages[index].path)
    }

    /// Pages from the root down to the page's parent, for breadcrumbs.
    pub fn ancestors(&self, index: usize) -> Vec<usize> {
        let mut ancestors = Vec::new();
        let mut current = self.pages[index].parent;
        while let Some(parent) = current {
            ancestors.push(parent);
            current = self.pages[parent].parent;
        }
        ancestors.reverse();
        ancestors
    }

    /// The pages before and after `index` in reading order.
    pub fn neighbours(&self, index: usize) -> (Option<usize>, Option<usize>) {
        let Some(position) = self.reading_order.iter().position(|&i| i == index) else {
            return (None, None);
        };
        let previous = position.checked_sub(1).map(|p| self.reading_order[p]);
        let next = self.reading_order.get(position + 1).copied();
        (previous, next)
    }
}

/// Percent-encodes a URL path, keeping `/` and the characters that need no encoding.
pub fn encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => encoded.push(byte as char),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// Builds the site tree. `drafts` keeps draft pages; otherwise they are left out. Pages whose front
/// matter has errors are left out and reported, so the rest of the site can still be checked.
pub fn build(
    config: LoadedConfig,
    base_url_override: Option<&str>,
    page_files: &[TextFile],
    drafts: bool,
) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut failed_sources = HashSet::new();
    let mut draft_sources = HashSet::new();

    let base_url = base_url_override.unwrap_or(&config.config.base_url);
    let base_path = config::base_path(base_url).unwrap_or_else(|message| {
        let help = "pass a path such as `/guide/` or a full address such as `https://example.org/guide/`";
        diagnostics.push(Diagnostic::error(Location::file("--base-url"), message).with_help(help));
        "/".to_owned()
    });

    let mut pages = Vec::new();
    for file in page_files {
        match front_matter::parse(&file.display, &file.text) {
            Ok((front_matter, _, _)) if front_matter.draft && !drafts => {
                draft_sources.insert(file.path.clone());
            }
            Ok((front_matter, positions, split)) => pages.push(Page {
                source: file.path.clone(),
                display: file.display.clone(),
                kind: kind_of(&file.path),
                front_matter,
                positions,
                body: split.body.to_owned(),
                body_line: split.body_line,
                path: output_path(&file.path),
                parent: None,
                children: Vec::new(),
            }),
            Err(diagnostic) => {
                failed_sources.insert(file.path.clone());
                diagnostics.push(diagnostic);
            }
        }
    }

    let mut site = Site {
        config: config.config,
        config_positions: config.positions,
        config_display: config.display,
        base_path,
        pages,
        reading_order: Vec::new(),
        by_source: HashMap::new(),
        failed_sources,
        draft_sources,
    };
    diagnostics.extend(index_pages(&mut site));
    link_tree(&mut site);
    diagnostics.extend(check_navigation(&site));

    (site, diagnostics)
}

fn kind_of(source: &str) -> PageKind {
    match source {
        "_index.md" => PageKind::Home,
        _ if source.ends_with("/_index.md") => PageKind::Section,
        _ => PageKind::Page,
    }
}

/// `_index.md` → `""`, `step-1/_index.md` → `step-1/`, `step-1/data.md` → `step-1/data/`.
pub fn output_path(source: &str) -> String {
    if source == "_index.md" {
        return String::new();
    }
    if let Some(folder) = source.strip_suffix("/_index.md") {
        return format!("{folder}/");
    }
    let stem = source.strip_suffix(".md").or_else(|| source.strip_suffix(".MD")).unwrap_or(source);
    format!("{stem}/")
}

/// Fills the lookup tables and reports a missing home page and pages that would share a URL.
fn index_pages(site: &mut Site) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    for (index, page) in site.pages.iter().enumerate() {
        site.by_source.insert(page.source.clone(), index);
        if let Some(&other) = by_path.get(page.path.as_str()) {
            let message = format!(
                "`{}` and `{}` would both be published at `{}`",
                site.pages[other].display,
                page.display,
                site.base_path.clone() + &page.path
            );
            let help = "rename one of them: a folder's own page belongs in its `_index.md`";
            diagnostics.push(Diagnostic::error(Location::new(&page.display, 1, 1), message).with_help(help));
        } else {
            by_path.insert(&page.path, index);
        }
    }

    if !site.by_source.contains_key("_index.md") {
        let help = "create content/_index.md with front matter, for example:\n\n  ---\n  title: Home\n  ---\n";
        diagnostics.push(Diagnostic::error(Location::file("content/_index.md"), "home page not found").with_help(help));
    }
    diagnostics
}

/// Sets each page's parent and ordered children, and the reading order.
fn link_tree(site: &mut Site) {
    for index in 0..site.pages.len() {
        let parent = parent_of(site, &site.pages[index].source);
        site.pages[index].parent = parent;
        if let Some(parent) = parent {
            site.pages[parent].children.push(index);
        }
    }

    for index in 0..site.pages.len() {
        let mut children = std::mem::take(&mut site.pages[index].children);
        children.sort_by(|&a, &b| order_key(&site.pages[a]).cmp(&order_key(&site.pages[b])));
        site.pages[index].children = children;
    }

    if let Some(home) = site.page_index("_index.md") {
        let mut stack = vec![home];
        while let Some(index) = stack.pop() {
            site.reading_order.push(index);
            stack.extend(site.pages[index].children.iter().rev());
        }
    }
}

fn order_key(page: &Page) -> (i64, String, String) {
    (page.front_matter.weight, page.title().to_lowercase(), page.source.clone())
}

/// Finds the section that contains `source`: its own folder's `_index.md` for a page, the folder above
/// for a section, and so on up to the home page.
fn parent_of(site: &Site, source: &str) -> Option<usize> {
    if source == "_index.md" {
        return None;
    }
    let mut folder = source.rsplit_once('/').map_or("", |(folder, _)| folder);
    if source.ends_with("/_index.md") {
        folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    loop {
        let candidate = if folder.is_empty() { "_index.md".to_owned() } else { format!("{folder}/_index.md") };
        if let Some(index) = site.page_index(&candidate) {
            return Some(index);
        }
        if folder.is_empty() {
            return None;
        }
        folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
}

fn check_navigation(site: &Site) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (position, entry) in site.config.navigation.iter().enumerate() {
        if site.page_index(&entry.page).is_some() {
            continue;
        }
        let location = site.config_positions.location(&["navigation", &position.to_string(), "page"]);
        let message = format!("navigation entry `{}` links to `{}`, which is not a page", entry.title, entry.page);
        let sources = site.pages.iter().map(|page| page.source.as_str());
        let help = match closest(&entry.page, sources) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => "give the page's path under content/, for example `step-1/_index.md`".to_owned(),
        };
        diagnostics.push(Diagnostic::error(location, message).with_help(help));
    }
    diagnostics
}

#[cfg(test)]
mod tests;
