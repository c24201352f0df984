use super::*;

fn page(path: &str, front_matter: &str) -> TextFile {
    TextFile {
        path: path.to_owned(),
        display: format!("content/{path}"),
        text: format!("---\n{front_matter}\n---\nBody of {path}\n"),
    }
}

fn config(text: &str) -> LoadedConfig {
    let file = TextFile { path: "site.yaml".into(), display: "content/site.yaml".into(), text: text.into() };
    config::parse(&file).unwrap()
}

fn titles(site: &Site, indexes: &[usize]) -> Vec<String> {
    indexes.iter().map(|&i| site.pages[i].title().to_owned()).collect()
}

#[test]
fn output_paths_follow_url_contract() {
    assert_eq!(output_path("_index.md"), "");
    assert_eq!(output_path("step-1/_index.md"), "step-1/");
    assert_eq!(output_path("step-1/data.md"), "step-1/data/");
    assert_eq!(output_path("a/b/_index.md"), "a/b/");
}

#[test]
fn children_ordered_by_weight_then_title() {
    let files = [
        page("_index.md", "title: Home"),
        page("b.md", "title: Beta\nweight: 2"),
        page("a.md", "title: alpha\nweight: 2"),
        page("z.md", "title: Zed\nweight: 1"),
        page("s/_index.md", "title: Section\nweight: 3"),
        page("s/inner.md", "title: Inner"),
    ];
    let site = build(config("title: T"), None, &files, false).0;
    let home = site.page_index("_index.md").unwrap();
    assert_eq!(titles(&site, &site.pages[home].children), ["Zed", "alpha", "Beta", "Section"]);
    assert_eq!(titles(&site, &site.reading_order), ["Home", "Zed", "alpha", "Beta", "Section", "Inner"]);
}

#[test]
fn page_in_folder_without_index_joins_nearest_section() {
    let files = [page("_index.md", "title: Home"), page("loose/deep/page.md", "title: Deep")];
    let site = build(config("title: T"), None, &files, false).0;
    let deep = site.page_index("loose/deep/page.md").unwrap();
    assert_eq!(site.pages[deep].parent, site.page_index("_index.md"));
    assert_eq!(site.page_url(deep), "/loose/deep/page/");
}

#[test]
fn drafts_left_out_unless_requested() {
    let files = [page("_index.md", "title: Home"), page("d.md", "title: Draft\ndraft: true")];
    let without = build(config("title: T"), None, &files, false).0;
    assert!(without.page_index("d.md").is_none());
    let with = build(config("title: T"), None, &files, true).0;
    assert!(with.page_index("d.md").is_some());
}

#[test]
fn base_url_override_sets_urls() {
    let files = [page("_index.md", "title: Home"), page("my page.md", "title: Mine")];
    let site = build(config("title: T"), Some("https://example.org/guide"), &files, false).0;
    let mine = site.page_index("my page.md").unwrap();
    assert_eq!(site.page_url(mine), "/guide/my%20page/");
}

#[test]
fn clashing_urls_are_reported() {
    let files = [page("_index.md", "title: Home"), page("a.md", "title: A"), page("a/_index.md", "title: A too")];
    let errors = build(config("title: T"), None, &files, false).1;
    assert!(errors.iter().any(|d| d.message.contains("would both be published at `/a/`")), "{errors:?}");
}

#[test]
fn missing_home_is_reported() {
    let errors = build(config("title: T"), None, &[page("a.md", "title: A")], false).1;
    assert!(errors.iter().any(|d| d.message == "home page not found"));
}

#[test]
fn every_front_matter_error_is_reported() {
    let broken = TextFile { path: "x.md".into(), display: "content/x.md".into(), text: "no fence".into() };
    let files = [page("_index.md", "title: Home"), page("y.md", "title: [unclosed"), broken];
    let errors = build(config("title: T"), None, &files, false).1;
    let files: Vec<_> = errors.iter().map(|d| d.location.file.as_str()).collect();
    assert_eq!(files, ["content/y.md", "content/x.md"]);
}

#[test]
fn unknown_navigation_page_points_at_value() {
    let text = "title: T\nnavigation:\n  - title: One\n    page: step-l/_index.md\n";
    let files = [page("_index.md", "title: Home"), page("step-1/_index.md", "title: One")];
    let errors = build(config(text), None, &files, false).1;
    assert_eq!(errors[0].location, Location::new("content/site.yaml", 4, 11));
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `step-1/_index.md`?"));
}
