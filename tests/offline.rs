//! Offline use: the service worker and manifest written by `build` when site.yaml sets `offline: true`.

mod common;

use attendance_guide::pipeline::{self, BuildOptions};
use common::Fixture;

fn offline_site() -> Fixture {
    let site = Fixture::new("basic");
    let config = std::fs::read_to_string(site.path("content/site.yaml")).expect("read site.yaml");
    site.write("content/site.yaml", &format!("{config}offline: true\n"));
    site
}

#[test]
fn worker_lists_only_built_files() {
    let site = offline_site();
    site.build(&[]);
    let worker = site.output("sw.js");

    assert!(worker.contains("const CACHE = \"attendance-guide-"), "no versioned cache name");
    assert!(worker.contains("\"/\""), "home page not cached");
    let wasm = site.tree("public/assets").into_iter().find(|(path, _)| path.ends_with(".wasm")).expect("engine").0;
    assert!(worker.contains(&format!("\"/assets/{wasm}\"")), "engine not cached");
    assert!(!worker.contains("search-index"), "the search index is cached");
    assert!(!worker.contains("/beta/page-a/"), "a reading page is cached");

    let home = site.output("index.html");
    assert!(home.contains("data-service-worker=\"/sw.js\""));
    assert!(home.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"));
}

#[test]
fn cache_name_changes_with_content() {
    let site = offline_site();
    site.build(&[]);
    let first = site.output("sw.js");
    site.write("themes/default/css/extra.css", ".changed { color: red; }\n");
    site.build(&[]);
    assert_ne!(site.output("sw.js"), first, "a changed stylesheet kept the old cache name");
}

#[test]
fn manifest_respects_sub_path() {
    let site = offline_site();
    site.build(&["--base-url", "/guide/"]);
    let manifest: serde_json::Value = serde_json::from_str(&site.output("manifest.webmanifest")).expect("valid JSON");
    assert_eq!(manifest["start_url"], "/guide/");
    assert_eq!(manifest["scope"], "/guide/");
    assert_eq!(manifest["name"], "Fixture Guide");
    assert_eq!(manifest["icons"][0]["src"], "/guide/assets/images/icon.svg");
    assert!(site.output("sw.js").contains("\"/guide/assets/"));
}

#[test]
fn no_worker_unless_asked_or_when_serving() {
    let site = Fixture::new("basic");
    site.build(&[]);
    assert!(!site.path("public/sw.js").exists());
    assert!(!site.output("index.html").contains("data-service-worker"));

    let site = offline_site();
    let options = BuildOptions { root: site.root().to_owned(), base_url: None, drafts: false, development: true };
    let result = pipeline::build(&options);
    assert!(!result.diagnostics.has_errors());
    assert!(!result.files.contains_key("sw.js"), "serve builds would register a worker");
}
