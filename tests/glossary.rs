//! The glossary: `content/glossary.yaml` is checked with `file:line:col` errors, the first appearance
//! of each term on a page is marked (outside headings, links and code), and the glossary page lists
//! every term with an anchor.

mod common;

use common::Fixture;

const GLOSSARY: &str = "\
terms:
  - id: simd
    term: SIMD
    expansion: Scottish Index of Multiple Deprivation
    definition: A measure of *deprivation* by area.
  - id: care-experienced
    term: care experienced
    aliases: [care-experienced]
    definition: Looked after by a local authority at any time.
  - id: opening
    term: opening
    definition: Half a school day.
";

const TERMS_PAGE: &str = "\
---
title: Terms page
weight: 3
---
## SIMD in a heading

Read the [SIMD figures](first.md) and `SIMD` in code first.

Pupils in SIMD quintile 1, and SIMD again. Care
experienced pupils and care-experienced pupils.

```
opening in a code block
```

<abbr title=\"already explained\">opening</abbr> then one opening and two openings.
";

const GLOSSARY_PAGE: &str = "---\ntitle: Glossary\ntemplate: glossary.html\n---\nWhat the words mean: SIMD.\n";

fn glossary_site() -> Fixture {
    let site = Fixture::new("basic");
    site.write("content/glossary.yaml", GLOSSARY);
    site.write("content/beta/terms.md", TERMS_PAGE);
    site.write("content/glossary.md", GLOSSARY_PAGE);
    site
}

/// Returns the page body: the HTML inside `<div class="prose">`.
fn prose(html: &str) -> &str {
    let start = html.find("<div class=\"prose\">").unwrap_or_else(|| panic!("no prose in:\n{html}"));
    let end = html[start..].find("\n</div>").map_or(html.len(), |end| start + end);
    &html[start..end]
}

struct ErrorCase {
    name: &'static str,
    yaml: &'static str,
    expected: &'static [&'static str],
}

const ERROR_CASES: &[ErrorCase] = &[
    ErrorCase {
        name: "duplicate term",
        yaml: "terms:\n  - id: a\n    term: SIMD\n    definition: x\n  - id: b\n    term: SIMD\n    definition: y\n",
        expected: &["content/glossary.yaml:6:11", "`SIMD` is already a form of glossary term `a`"],
    },
    ErrorCase {
        name: "alias repeats another term",
        yaml: "terms:\n  - id: a\n    term: opening\n    definition: x\n  - id: b\n    term: half day\n    aliases: [x, Opening]\n    definition: y\n",
        expected: &["content/glossary.yaml:7:18", "`Opening` is already a form of glossary term `a`"],
    },
    ErrorCase {
        name: "empty definition",
        yaml: "terms:\n  - id: a\n    term: opening\n    definition: \"  \"\n",
        expected: &["content/glossary.yaml:4:17", "the definition of glossary term `a` is empty"],
    },
    ErrorCase {
        name: "unknown key",
        yaml: "terms:\n  - id: a\n    term: opening\n    defintion: x\n",
        expected: &["content/glossary.yaml:4:5", "unknown field `defintion`", "did you mean `definition`?"],
    },
    ErrorCase {
        name: "missing definition",
        yaml: "terms:\n  - id: a\n    term: opening\n",
        expected: &["content/glossary.yaml:2:5", "missing field `definition`"],
    },
    ErrorCase {
        name: "invalid id",
        yaml: "terms:\n  - id: Care Experienced\n    term: care experienced\n    definition: x\n",
        expected: &["content/glossary.yaml:2:9", "invalid glossary id `Care Experienced`"],
    },
    ErrorCase {
        name: "duplicate id",
        yaml: "terms:\n  - id: a\n    term: x\n    definition: x\n  - id: a\n    term: y\n    definition: y\n",
        expected: &["content/glossary.yaml:5:9", "duplicate glossary id `a`"],
    },
    ErrorCase {
        name: "link in definition",
        yaml: "terms:\n  - id: a\n    term: x\n    definition: See [this](https://example.org).\n",
        expected: &["content/glossary.yaml:4:17", "contains a link"],
    },
    ErrorCase {
        name: "YAML syntax",
        yaml: "terms:\n  - id: a\n    term: [x\n",
        expected: &["content/glossary.yaml:4:1", "invalid YAML"],
    },
];

#[test]
fn glossary_errors_have_positions() {
    for case in ERROR_CASES {
        let site = Fixture::new("basic");
        site.write("content/glossary.yaml", case.yaml);

        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{}: expected exit status 1\n{}", case.name, run.stderr);
        for expected in case.expected {
            assert!(run.stderr.contains(expected), "{}: `{expected}` missing from:\n{}", case.name, run.stderr);
        }
        assert!(!run.stderr.contains("panicked"), "{}: panic:\n{}", case.name, run.stderr);
    }
}

#[test]
fn first_appearance_marked_once() {
    let site = glossary_site();
    site.build(&[]);
    let html = site.output("beta/terms/index.html");
    let body = prose(&html);

    for id in ["simd", "care-experienced", "opening"] {
        let marks = body.matches(&format!("href=\"/glossary/#term-{id}\"")).count();
        assert_eq!(marks, 1, "`{id}` marked {marks} times in:\n{body}");
        let tooltips = body.matches(&format!("id=\"glossary-tip-{id}\"")).count();
        assert_eq!(tooltips, 1, "`{id}` has {tooltips} tooltips in:\n{body}");
    }
    assert!(
        body.contains("<p>Pupils in <span class=\"term\"><a class=\"term__link\" href=\"/glossary/#term-simd\" aria-describedby=\"glossary-tip-simd\">SIMD</a>"),
        "SIMD is not marked where it first appears in body text:\n{body}"
    );
    assert!(body.contains("aria-describedby=\"glossary-tip-care-experienced\">Care\nexperienced</a>"), "{body}");
    assert!(body.contains("then one <span class=\"term\">"), "opening in <abbr> was marked instead of the next one:\n{body}");
    assert!(body.contains("role=\"tooltip\" hidden>A measure of <em>deprivation</em> by area.</span>"), "{body}");
}

#[test]
fn terms_not_marked_in_headings_links_code() {
    let site = glossary_site();
    site.build(&[]);
    let html = site.output("beta/terms/index.html");
    let body = prose(&html);

    assert!(body.contains("<h2 id=\"simd-in-a-heading\">SIMD in a heading</h2>"), "{body}");
    assert!(body.contains(">SIMD figures</a>"), "{body}");
    assert!(body.contains("<code>SIMD</code>"), "{body}");
    assert!(body.contains("<code>opening in a code block\n</code>"), "{body}");
    assert!(body.contains("<abbr title=\"already explained\">opening</abbr>"), "{body}");
    assert!(html.contains("<title>Terms page"), "the page title changed: {html}");
}

#[test]
fn glossary_page_lists_terms_with_anchors() {
    let site = glossary_site();
    site.build(&[]);
    let html = site.output("glossary/index.html");

    let anchors = common::positions(
        &html,
        &["id=\"term-care-experienced\"", "id=\"term-opening\"", "id=\"term-simd\""],
    );
    assert!(anchors.is_sorted(), "terms are not in alphabetical order");
    assert!(html.contains("(Scottish Index of Multiple Deprivation)"), "the expansion is missing");
    assert!(html.contains("Also written: care-experienced."), "the alias is missing");
    assert!(!html.contains("term__link"), "terms are marked on the glossary page itself");
    assert!(html.contains("What the words mean: SIMD."), "the page's own text is missing");
}

#[test]
fn glossary_page_generated_when_missing() {
    let site = glossary_site();
    site.remove("content/glossary.md");
    site.build(&[]);

    let glossary = site.output("glossary/index.html");
    assert!(glossary.contains("id=\"term-simd\""), "no generated glossary page:\n{glossary}");
    let page = site.output("beta/terms/index.html");
    assert!(page.contains("href=\"/glossary/#term-simd\""), "terms do not link to the generated page");
}

#[test]
fn term_links_follow_base_url() {
    let site = glossary_site();
    site.build(&["--base-url", "https://example.org/guide/"]);
    let page = site.output("beta/terms/index.html");
    assert!(page.contains("href=\"/guide/glossary/#term-simd\""), "{}", prose(&page));
    assert!(page.contains("href=\"/guide/glossary/\">Glossary</a>"), "the footer has no glossary link");
}

#[test]
fn glossary_script_only_where_terms_marked() {
    let site = glossary_site();
    site.build(&[]);
    assert!(site.output("beta/terms/index.html").contains("/assets/glossary."), "no glossary script on a page with terms");
    assert!(!site.output("beta/page-b/index.html").contains("/assets/glossary."), "glossary script on a page without terms");
}
