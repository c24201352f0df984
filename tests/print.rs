//! The whole-guide print page, `/print/`: every page in reading order with unique ids, and links
//! between pages pointed at the sections of the same page.

mod common;

use std::collections::HashSet;

use common::Fixture;

/// The fixture's pages in reading order: depth first, children by weight, then title.
const READING_ORDER: &[(&str, &str)] = &[
    ("print-home", "Fixture home"),
    ("print-beta", "Beta section"),
    ("print-beta-first", "Zulu first"),
    ("print-beta-page-a", "A page"),
    ("print-beta-page-b", "B page"),
    ("print-alpha", "Alpha section"),
    ("print-headings", "Headings and tables"),
    ("print-shortcodes", "Shortcodes"),
];

/// Returns the value of every `id` attribute in `html`, in order.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

/// Returns every `href="#…"` target in `html`.
fn fragment_links(html: &str) -> Vec<&str> {
    html.split("href=\"#").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

#[test]
fn every_page_in_reading_order() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let html = site.output("print/index.html");

    let headings: Vec<String> = READING_ORDER
        .iter()
        .map(|(id, title)| format!("<h2 class=\"print-guide__title\" id=\"{id}\">{title}</h2>"))
        .collect();
    let positions = common::positions(&html, &headings.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(positions.is_sorted(), "sections out of reading order: {positions:?}");
    assert!(!html.contains("Unfinished draft"), "a draft page is on the print page");
    assert!(html.contains("Welcome. Read"), "the home page's body is missing");
    assert!(html.contains("Text of page B."), "page B's body is missing");
}

#[test]
fn ids_unique_on_print_page() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let html = site.output("print/index.html");

    let all = ids(&html);
    let mut seen = HashSet::new();
    let repeated: Vec<&str> = all.iter().copied().filter(|id| !seen.insert(*id)).collect();
    assert_eq!(repeated, Vec::<&str>::new(), "repeated ids on the print page");
    assert!(all.contains(&"print-alpha--intro"), "the body ids are not prefixed: {all:?}");
    assert!(all.contains(&"print-headings--repeat-1"), "the body ids are not prefixed: {all:?}");
}

#[test]
fn internal_links_point_to_sections() {
    let site = Fixture::new("basic");
    site.build(&["--base-url", "/guide/"]);
    let html = site.output("print/index.html");

    let alpha = &html[html.find("id=\"print-alpha\"").expect("alpha section")..];
    assert!(alpha.contains("<a href=\"#print-home\">link back home</a>"), "{alpha}");
    assert!(alpha.contains("<a href=\"#print-beta-page-a--notes\">page A's notes</a>"), "{alpha}");
    assert!(alpha.contains("<h3 id=\"print-alpha--intro\">Intro</h3>"), "headings are not moved down a level");

    let ids: HashSet<&str> = ids(&html).into_iter().collect();
    let broken: Vec<&str> = fragment_links(&html).into_iter().filter(|target| !ids.contains(target)).collect();
    assert_eq!(broken, Vec::<&str>::new(), "links to ids that are not on the print page");
}

#[test]
fn print_button_needs_javascript() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let html = site.output("print/index.html");

    assert!(html.contains("data-print-button hidden>"), "the print button is not hidden until the script runs");
    assert!(html.contains("<script type=\"module\" src=\"/assets/print."), "the print script is missing");
    assert!(site.output("index.html").contains("href=\"/print/\">Print the whole guide</a>"), "no link to the print page");
}

#[test]
fn page_at_print_path_rejected() {
    let site = Fixture::new("basic");
    site.write("content/print.md", "---\ntitle: Print\n---\nMine.\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/print.md:1:1"), "{}", run.stderr);
    assert!(run.stderr.contains("where the whole-guide print page goes"), "{}", run.stderr);
}
