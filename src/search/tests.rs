use super::*;
use crate::load::TextFile;
use crate::model::resources::{self, Library};
use crate::model::{self, config};
use crate::parse::markdown::Heading;

fn page(path: &str, front_matter: &str) -> TextFile {
    TextFile {
        path: path.to_owned(),
        display: format!("content/{path}"),
        text: format!("---\n{front_matter}\n---\nBody\n"),
    }
}

fn site(base_url: &str) -> Site {
    let file = TextFile {
        path: "site.yaml".into(),
        display: "content/site.yaml".into(),
        text: format!("title: Guide\nbase_url: {base_url}\n"),
    };
    let files = [
        page("_index.md", "title: Home"),
        page("step-2/_index.md", "title: Step two\nweight: 2"),
        page("step-1/_index.md", "title: Step one\nweight: 1"),
        page("step-1/data.md", "title: Data\ndescription: Where the numbers come from."),
    ];
    let (site, diagnostics) = model::build(config::parse(&file).unwrap(), None, &files, false);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    site
}

fn body(text: &str, headings: &[(u8, &str, &str)]) -> RenderedBody {
    RenderedBody {
        plain_text: text.to_owned(),
        headings: headings
            .iter()
            .map(|&(level, id, text)| Heading { level, id: id.to_owned(), text: text.to_owned() })
            .collect(),
        ..RenderedBody::default()
    }
}

fn all_bodies(site: &Site) -> Vec<(usize, RenderedBody)> {
    (0..site.pages.len()).map(|index| (index, body(&format!("Text of {}", site.pages[index].title()), &[]))).collect()
}

#[test]
fn documents_follow_reading_order() {
    let site = site("/");
    let index = build(&site, &all_bodies(&site), &Library::default());
    let titles: Vec<&str> = index.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Home", "Step one", "Data", "Step two"]);
}

#[test]
fn section_is_top_level_section() {
    let site = site("/");
    let index = build(&site, &all_bodies(&site), &Library::default());
    let sections: Vec<(&str, &str)> = index.documents.iter().map(|d| (d.title.as_str(), d.section.as_str())).collect();
    assert_eq!(sections, [("Home", ""), ("Step one", ""), ("Data", "Step one"), ("Step two", "")]);
}

#[test]
fn description_leads_text() {
    let site = site("/");
    let data = site.page_index("step-1/data.md").unwrap();
    let index = build(&site, &[(data, body("  Termly   figures.\n", &[]))], &Library::default());
    assert_eq!(index.documents[0].text, "Where the numbers come from. Termly figures.");
}

#[test]
fn level_one_headings_left_out() {
    let site = site("/");
    let headings = [(1, "data", "Data"), (2, "sources", "Sources"), (3, "mis", "The MIS")];
    let index = build(&site, &[(0, body("Data Sources The MIS", &headings))], &Library::default());
    let kept: Vec<(&str, &str)> =
        index.documents[0].headings.iter().map(|h| (h.id.as_str(), h.text.as_str())).collect();
    assert_eq!(kept, [("sources", "Sources"), ("mis", "The MIS")]);
}

#[test]
fn urls_include_base_path() {
    let site = site("https://example.org/guide/");
    let index = build(&site, &all_bodies(&site), &Library::default());
    assert_eq!(index.documents[2].url, "/guide/step-1/data/");
    assert_eq!(index.values.page_url, "/guide/search/");
    assert!(index.values.index_url.starts_with("/guide/assets/search-index."), "{}", index.values.index_url);
}

#[test]
fn file_name_carries_content_hash() {
    let site = site("/");
    let first = build(&site, &all_bodies(&site), &Library::default());
    let changed = build(&site, &[(0, body("Other words", &[]))], &Library::default());
    assert_eq!(first.path, format!("assets/search-index.{}.json", content_hash(&first.bytes)));
    assert_ne!(first.path, changed.path);
}

#[test]
fn file_is_versioned_json() {
    let site = site("/");
    let index = build(&site, &all_bodies(&site), &Library::default());
    let parsed: serde_json::Value = serde_json::from_slice(&index.bytes).unwrap();
    assert_eq!(parsed["version"], FORMAT_VERSION);
    assert_eq!(parsed["documents"].as_array().map(Vec::len), Some(4));
    assert_eq!(parsed["documents"][0]["kind"], "page");
    assert!(parsed["documents"][0].get("order").is_none(), "the sort key stays out of the file");
}

#[test]
fn search_page_lists_documents_by_title() {
    let site = site("/");
    let index = build(&site, &all_bodies(&site), &Library::default());
    let page = search_page(&site, &index).unwrap();
    assert_eq!(page.path, "search/");
    let titles: Vec<&str> =
        page.item["entries"].as_array().unwrap().iter().filter_map(|entry| entry["title"].as_str()).collect();
    assert_eq!(titles, ["Data", "Home", "Step one", "Step two"]);
}

fn library(yaml: &str) -> Library {
    let file =
        TextFile { path: "resources/r.yaml".into(), display: "content/resources/r.yaml".into(), text: yaml.into() };
    let (library, diagnostics) = resources::load(&[&file]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    library
}

const RESOURCE: &str = "resources:
  - id: calm-space
    title: \"A  calm space\"
    summary: Somewhere quiet to go.
    link: https://example.org/calm
    type: activity
    audience: [staff]
    level: [all]
    step: [4]
    function: [F1]
    tier: [1]
    tags: [anxiety, calm]
    reviewed: 2026-01-31
";

#[test]
fn resources_follow_pages() {
    let site = site("https://example.org/guide/");
    let index = build(&site, &all_bodies(&site), &library(RESOURCE));
    let resource = index.documents.last().unwrap();

    assert_eq!(index.documents.len(), 5);
    assert_eq!(resource.kind, "resource");
    assert_eq!(resource.url, "/guide/resources/calm-space/");
    assert_eq!(resource.title, "A calm space");
    assert_eq!(resource.text, "Somewhere quiet to go. Tags: anxiety, calm");
    assert!(resource.headings.is_empty());
}
