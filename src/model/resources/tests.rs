use super::filter::Filter;
use super::facets::{FUNCTION, LEVEL, STEP};
use super::*;

fn file(path: &str, text: &str) -> TextFile {
    TextFile { path: path.to_owned(), display: format!("content/{path}"), text: text.to_owned() }
}

fn load_texts(files: &[TextFile]) -> (Library, Vec<Diagnostic>) {
    let references: Vec<&TextFile> = files.iter().collect();
    load(&references)
}

const RECORD: &str = "\
resources:
  - id: calm-breathing
    title: Calm breathing
    summary: Slow breathing to use when anxiety rises.
    file: ../tools/calm.md
    type: activity
    audience: [staff, pupil]
    level: [all]
    step: [4, 5]
    function: [F1]
    tier: [1, 2]
    tags: [anxiety]
    reviewed: 2025-01-31
";

#[test]
fn valid_record_loads() {
    let (library, diagnostics) = load_texts(&[file("resources/a.yaml", RECORD)]);
    assert_eq!(diagnostics, []);
    let resource = &library.items[0];
    assert_eq!(resource.id, "calm-breathing");
    assert_eq!(resource.step, ["4", "5"]);
    assert_eq!(resource.reviewed.to_string(), "2025-01-31");
    assert_eq!(resource.id_location, Location::new("content/resources/a.yaml", 2, 9));
    assert_eq!(resource.target_location, Location::new("content/resources/a.yaml", 5, 11));
    let expected = Target::File { written: "../tools/calm.md".into(), source: "tools/calm.md".into(), path: "tools/calm/".into() };
    assert_eq!(resource.target, expected);
}

#[test]
fn resources_sorted_by_title() {
    let second = RECORD.replace("calm-breathing", "a-first").replace("Calm breathing", "Anxiety explained");
    let (library, diagnostics) = load_texts(&[file("resources/a.yaml", RECORD), file("resources/b.yaml", &second)]);
    assert_eq!(diagnostics, []);
    let ids: Vec<&str> = library.items.iter().map(|resource| resource.id.as_str()).collect();
    assert_eq!(ids, ["a-first", "calm-breathing"]);
}

#[test]
fn every_problem_of_a_file_reported() {
    let text = RECORD.replace("step: [4, 5]", "step: [4, 9]").replace("reviewed: 2025-01-31", "reviewed: 2025-02-30");
    let text = text.replace("    title: Calm breathing\n", "");
    let (library, diagnostics) = load_texts(&[file("resources/a.yaml", &text)]);
    assert!(library.items.is_empty());
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("has no title"), "{}", messages[0]);
    assert!(messages[1].contains("unknown step `9`"), "{}", messages[1]);
    assert!(messages[2].contains("February 2025 has 28 days"), "{}", messages[2]);
}

#[test]
fn single_value_accepted_for_list() {
    let text = RECORD.replace("step: [4, 5]", "step: 4").replace("tier: [1, 2]", "tier: seven");
    let (_, diagnostics) = load_texts(&[file("resources/a.yaml", &text)]);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].location, Location::new("content/resources/a.yaml", 11, 11));
}

#[test]
fn serialised_for_templates() {
    let (library, _) = load_texts(&[file("resources/a.yaml", RECORD)]);
    let value = serde_json::to_value(&library).unwrap_or_default();
    assert_eq!(value["count"], 1);
    assert_eq!(value["items"][0]["type"], "activity");
    assert_eq!(value["items"][0]["reviewed_label"], "31 January 2025");
    assert_eq!(value["items"][0]["facets"][0]["name"], "type");
    assert_eq!(value["items"][0]["tags"][0]["query"], "?tag=anxiety");

    let groups: Vec<&str> = value["facets"].as_array().into_iter().flatten().filter_map(|g| g["name"].as_str()).collect();
    assert_eq!(groups, ["function", "step", "audience", "level", "tier", "type"]);
    let early = &value["facets"][3]["options"][0];
    assert_eq!(early["value"], "early");
    assert_eq!(early["count"], 1, "a resource for all levels counts under every level");
    assert_eq!(value["facets"][0]["options"][1]["count"], 0, "no resource for F2");
}

#[test]
fn filter_rules() {
    let (library, _) = load_texts(&[file("resources/a.yaml", RECORD)]);
    let resource = &library.items[0];

    let mut filter = Filter::default();
    filter.require(&STEP, "5".into());
    filter.require(&FUNCTION, "F1".into());
    filter.require(&LEVEL, "senior".into());
    assert!(filter.matches(resource));
    assert_eq!(filter.query(), "?function=F1&step=5&level=senior");

    filter.tag = Some("sleep".into());
    assert!(!filter.matches(resource));

    let mut other_function = Filter::default();
    other_function.require(&FUNCTION, "F2".into());
    assert!(!other_function.matches(resource));
}

#[test]
fn resource_without_function_serves_every_function() {
    let record = RECORD.replace("function: [F1]", "function: []");
    assert_ne!(record, RECORD, "the record lists no function to remove");
    let (library, _) = load_texts(&[file("resources/a.yaml", &record)]);
    let mut filter = Filter::default();
    filter.require(&FUNCTION, "F3".into());
    assert!(filter.matches(&library.items[0]));
}

#[test]
fn query_encodes_tags() {
    let filter = Filter { values: Vec::new(), tag: Some("push & pull-factors".into()) };
    assert_eq!(filter.query(), "?tag=push%20%26%20pull-factors");
    assert_eq!(Filter::default().query(), "");
}

#[test]
fn files_checked_against_site_files() {
    use crate::load::{BinaryFile, Sources};

    let asset = |path: &str| BinaryFile { path: path.to_owned(), display: format!("content/{path}"), bytes: Vec::new() };
    let sources = Sources { assets: vec![asset("tools/sheet.pdf")], statics: vec![asset("forms/form.pdf")], ..Sources::default() };
    let with_file = |written: &str| RECORD.replace("file: ../tools/calm.md", &format!("file: {written}"));

    for written in ["../tools/sheet.pdf", "/static/forms/form.pdf", "../tools/calm.md"] {
        let (library, _) = load_texts(&[file("resources/a.yaml", &with_file(written))]);
        assert_eq!(check_files(&sources, &library), [], "{written}");
    }

    let (library, _) = load_texts(&[file("resources/a.yaml", &with_file("../tools/sheet.pfd"))]);
    let errors = check_files(&sources, &library);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location, Location::new("content/resources/a.yaml", 5, 11));
    assert!(errors[0].message.starts_with("`../tools/sheet.pfd` not found"), "{}", errors[0].message);
    assert_eq!(
        errors[0].help.as_deref(),
        Some("did you mean `/tools/sheet.pdf`? Paths are relative to the YAML file, or start with `/` for the content folder")
    );
}
