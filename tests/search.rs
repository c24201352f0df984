//! The search index and search page of a built site.

mod common;

use attendance_guide::assets::content_hash;
use common::Fixture;
use serde_json::Value;

/// The URLs of the fixture's published pages, in reading order.
const FIXTURE_PAGES: [&str; 8] =
    ["/", "/beta/", "/beta/first/", "/beta/page-a/", "/beta/page-b/", "/alpha/", "/headings/", "/shortcodes/"];

/// Returns the index file's name and its parsed contents; fails unless there is exactly one.
fn index_file(fixture: &Fixture) -> (String, Value) {
    let names: Vec<String> = fixture
        .tree("public/assets")
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("search-index."))
        .collect();
    assert_eq!(names.len(), 1, "index files: {names:?}");
    let text = fixture.output(&format!("assets/{}", names[0]));
    let parsed = serde_json::from_str(&text).unwrap_or_else(|error| panic!("invalid JSON in the index: {error}"));
    (names[0].clone(), parsed)
}

fn documents(index: &Value) -> &Vec<Value> {
    index["documents"].as_array().expect("`documents` is an array")
}

fn document<'a>(index: &'a Value, url: &str) -> &'a Value {
    documents(index).iter().find(|d| d["url"] == url).unwrap_or_else(|| panic!("no document for {url}"))
}

fn urls(index: &Value) -> Vec<&str> {
    documents(index).iter().filter_map(|d| d["url"].as_str()).collect()
}

#[test]
fn index_lists_every_page() {
    let fixture = Fixture::new("basic");
    fixture.build(&[]);
    let (_, index) = index_file(&fixture);

    assert_eq!(index["version"], 1);
    assert_eq!(urls(&index), FIXTURE_PAGES);
    assert!(documents(&index).iter().all(|d| d["kind"] == "page"));
    assert_eq!(document(&index, "/beta/first/")["title"], "Zulu first");
    assert_eq!(document(&index, "/beta/first/")["section"], "Beta section");
    assert_eq!(document(&index, "/alpha/")["section"], "");
}

#[test]
fn file_name_is_content_hash() {
    let fixture = Fixture::new("basic");
    fixture.build(&[]);
    let (name, _) = index_file(&fixture);
    let bytes = std::fs::read(fixture.path("public/assets").join(&name)).expect("read the index");

    assert_eq!(name, format!("search-index.{}.json", content_hash(&bytes)));

    fixture.write("content/beta/page-b.md", "---\ntitle: B page\n---\nChanged words.\n");
    fixture.build(&[]);
    let (changed, _) = index_file(&fixture);
    assert_ne!(changed, name, "a content change must change the name");
}

#[test]
fn pages_carry_index_url() {
    let fixture = Fixture::new("basic");
    fixture.build(&[]);
    let (name, _) = index_file(&fixture);
    let attribute = format!("data-index=\"/assets/{name}\"");

    for page in ["index.html", "beta/first/index.html", "404.html", "search/index.html"] {
        assert!(fixture.output(page).contains(&attribute), "{page} lacks {attribute}");
    }
    assert!(fixture.output("beta/first/index.html").contains("href=\"/search/\""), "link to the search page");
}

#[test]
fn drafts_not_indexed() {
    let fixture = Fixture::new("basic");
    fixture.build(&[]);
    let (_, index) = index_file(&fixture);
    assert!(!urls(&index).contains(&"/beta/draft/"));
    assert!(!String::from_utf8_lossy(&serde_json::to_vec(&index).unwrap()).contains("Not published by default"));

    fixture.build(&["--drafts"]);
    let (_, with_drafts) = index_file(&fixture);
    assert!(urls(&with_drafts).contains(&"/beta/draft/"), "--drafts previews drafts in search too");
}

#[test]
fn text_is_plain_and_normalised() {
    let fixture = Fixture::new("basic");
    fixture.write(
        "content/accents.md",
        "---\ntitle: Fa\u{300}ilte\n---\nCeud  mi\u{301}le\n  fa\u{300}ilte\t**bold** <em>raw</em>\n",
    );
    fixture.build(&[]);
    let (_, index) = index_file(&fixture);

    let accents = document(&index, "/accents/");
    assert_eq!(accents["title"], "F\u{e0}ilte");
    assert_eq!(accents["text"], "Ceud m\u{ed}le f\u{e0}ilte bold raw");

    for document in documents(&index) {
        let text = document["text"].as_str().expect("text is a string");
        assert!(!text.contains(['<', '>']), "markup in {text:?}");
        assert!(!text.contains('\u{F8FF}'), "shortcode placeholder in {text:?}");
        assert!(!text.contains("  "), "double space in {text:?}");
        assert!(!text.contains(['\n', '\t']), "line break or tab in {text:?}");
        assert_eq!(text.trim(), text);
    }
}

#[test]
fn text_keeps_description_headings_and_callouts() {
    let fixture = Fixture::new("basic");
    fixture.build(&[]);
    let (_, index) = index_file(&fixture);

    assert_eq!(document(&index, "/")["text"], "Home of the fixture. Welcome. Read Alpha and the first page.");
    let shortcodes = document(&index, "/shortcodes/");
    assert!(shortcodes["text"].as_str().unwrap().contains("Some bold advice"), "{shortcodes}");
    let headings: Vec<(&str, &str)> = document(&index, "/headings/")["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["text"].as_str().unwrap()))
        .collect();
    assert_eq!(headings[0], ("fàilte-gu-alba", "Fàilte gu Alba"));
    assert_eq!(headings[2], ("repeat", "Repeat"));
    assert_eq!(headings[3], ("repeat-1", "Repeat"));
}

#[test]
fn index_stays_small() {
    let fixture = Fixture::new("basic");
    fixture.build(&[]);
    let (name, index) = index_file(&fixture);
    let size = std::fs::metadata(fixture.path("public/assets").join(name)).expect("index metadata").len() as usize;

    let fields = ["headings", "kind", "section", "text", "title", "url"];
    let mut content = 0;
    for document in documents(&index) {
        let object = document.as_object().expect("a document is an object");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, fields, "fields of {}", document["url"]);
        content += ["title", "section", "text"].iter().map(|f| document[*f].as_str().unwrap().len()).sum::<usize>();
        content += document["headings"].to_string().len();
    }
    // The text itself plus about 100 bytes of keys and URL per document: no HTML, no repeated copies.
    let overhead = size - content;
    assert!(overhead <= 100 * documents(&index).len(), "{overhead} bytes beyond the text in {size}");
}

#[test]
fn search_page_lists_everything() {
    let fixture = Fixture::new("basic");
    fixture.build(&[]);
    let html = fixture.output("search/index.html");

    assert!(html.contains("data-search-page"));
    assert!(html.contains("<h1>Search</h1>"));
    for url in FIXTURE_PAGES {
        assert!(html.contains(&format!("<a href=\"{url}\">")), "A–Z list lacks {url}");
    }
    assert!(!html.contains("class=\"site-search\""), "the header box is left off the search page");
}

#[test]
fn content_page_replaces_search_page() {
    let fixture = Fixture::new("basic");
    fixture.write("content/search.md", "---\ntitle: Find things\ntemplate: search.html\n---\nLook here.\n");
    fixture.build(&[]);
    let html = fixture.output("search/index.html");

    assert!(html.contains("<h1>Find things</h1>"), "{html}");
    assert!(html.contains("data-search-page"));
}

#[test]
fn urls_follow_base_path() {
    let fixture = Fixture::new("basic");
    fixture.build(&["--base-url", "https://example.org/guide/"]);
    let (name, index) = index_file(&fixture);

    assert!(urls(&index).iter().all(|url| url.starts_with("/guide/")), "{:?}", urls(&index));
    let home = fixture.output("index.html");
    assert!(home.contains(&format!("data-index=\"/guide/assets/{name}\"")));
    assert!(home.contains("data-search-page=\"/guide/search/\""));
}

#[test]
fn resources_indexed_after_pages() {
    let fixture = Fixture::new("basic");
    fixture.write("content/resources/_index.md", "---\ntitle: Resource library\ntemplate: library.html\n---\n");
    fixture.write(
        "content/resources/ideas.yaml",
        "resources:\n  - id: calm-space\n    title: A calm space\n    summary: Somewhere quiet to go when anxious.\n    \
         link: https://example.org/calm\n    type: activity\n    audience: [staff]\n    level: [all]\n    step: [4]\n    \
         function: [F1]\n    tier: [1]\n    tags: [anxiety, calm]\n    reviewed: 2026-01-31\n",
    );
    fixture.build(&[]);
    let (_, index) = index_file(&fixture);

    let resource = documents(&index).last().expect("a document");
    assert_eq!(resource["kind"], "resource");
    assert_eq!(resource["url"], "/resources/calm-space/");
    assert_eq!(resource["title"], "A calm space");
    assert_eq!(resource["section"], "Resource library");
    assert_eq!(resource["text"], "Somewhere quiet to go when anxious. Tags: anxiety, calm");
    assert!(urls(&index).contains(&"/resources/"), "the library page is indexed as a page");
}
