//! Diagrams from `content/diagrams/*.yaml`: `{{ diagram(id="…") }}` draws the data as an ordered
//! list, process steps link to their pages, and mistakes are reported with `file:line:col`.

mod common;

use common::Fixture;

const SCALE: &str = "\
kind: scale
title: How bad it is
description: From mild to severe.
start_label: Mildest
end_label: Most severe
points:
  - id: duress
    label: Attends under duress
  - id: lateness
    label: Is repeatedly late
  - id: absent
    label: Is absent for a long time
bands:
  - label: Tier 1
    from: duress
    to: lateness
  - label: Tier 3
    from: absent
    to: absent
note: The bands are a guide.
";

const PROCESS: &str = "\
kind: process
title: The steps
steps:
  - title: Look at Beta
    description: Start here.
    page: beta/_index.md
  - title: Then Alpha
    page: alpha/_index.md
  - title: No page
";

fn diagram_site(page_body: &str) -> Fixture {
    let site = Fixture::new("basic");
    site.write("content/diagrams/scale.yaml", SCALE);
    site.write("content/diagrams/process.yaml", PROCESS);
    site.write("content/beta/diagrams.md", &format!("---\ntitle: Diagrams\n---\n{page_body}"));
    site
}

/// Returns the text between the first `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("`{start}` not found in:\n{html}"));
    let to = html[from..].find(end).map_or(html.len(), |to| from + to);
    &html[from..to]
}

#[test]
fn scale_renders_ordered_points() {
    let site = diagram_site("Before.\n\n{{ diagram(id=\"scale\") }}\n\nAfter.\n");
    site.build(&[]);
    let html = site.output("beta/diagrams/index.html");

    let figure = between(&html, "<figure class=\"diagram diagram--scale\"", "</figure>");
    assert!(figure.contains("<figcaption class=\"diagram__title\">How bad it is</figcaption>"), "{figure}");
    let list = between(figure, "<ol class=\"scale__points\"", "</ol>");
    assert_eq!(list.matches("<li").count(), 3, "{list}");
    let order = common::positions(
        list,
        &[">1</span> <span class=\"scale__label\">Attends under duress<", ">2</span>", "Is repeatedly late", ">3</span>", "Is absent for a long time"],
    );
    assert!(order.is_sorted(), "points out of order:\n{list}");

    let start_and_end = common::positions(figure, &[">Mildest</p>", "<ol", ">Most severe</p>"]);
    assert!(start_and_end.is_sorted(), "end labels are not around the list:\n{figure}");
    assert!(figure.contains("scale__band--from-1 scale__band--to-2"), "{figure}");
    assert!(figure.contains("Tier 1</span> <span class=\"scale__band-range\">(points 1 to 2)</span>"), "{figure}");
    assert!(figure.contains("Tier 3</span> <span class=\"scale__band-range\">(point 3)</span>"), "{figure}");
    assert!(figure.contains("The bands are a guide."), "{figure}");
    assert!(!figure.contains("style="), "style attribute in:\n{figure}");
    assert!(!html.contains("<p><figure"), "the diagram is inside a paragraph");
}

#[test]
fn process_steps_link_to_pages() {
    let site = diagram_site("{{ diagram(id=\"process\") }}\n");
    site.build(&["--base-url", "/guide/"]);
    let html = site.output("beta/diagrams/index.html");

    let list = between(&html, "<ol class=\"process", "</ol>");
    assert_eq!(list.matches("<li").count(), 3, "{list}");
    assert!(list.contains("<a href=\"/guide/beta/\">Look at Beta</a>"), "{list}");
    assert!(list.contains("<a href=\"/guide/alpha/\">Then Alpha</a>"), "{list}");
    assert!(list.contains("<span class=\"process__title\">No page</span>"), "{list}");
    assert!(list.contains("<span class=\"process__text\">Start here.</span>"), "{list}");
}

#[test]
fn unknown_diagram_id_at_shortcode() {
    let site = diagram_site("Text.\n\n{{ diagram(id=\"scael\") }}\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/beta/diagrams.md:6:1"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown diagram `scael`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `scale`?"), "{}", run.stderr);
}

#[test]
fn diagram_inside_paragraph_rejected() {
    let site = diagram_site("See {{ diagram(id=\"scale\") }} here.\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/beta/diagrams.md:4:5"), "{}", run.stderr);
    assert!(run.stderr.contains("diagram `scale` is inside a paragraph"), "{}", run.stderr);
}

#[test]
fn missing_id_argument_rejected() {
    let site = diagram_site("{{ diagram() }}\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("shortcode `diagram` needs the argument `id`"), "{}", run.stderr);
}

struct ErrorCase {
    name: &'static str,
    file: &'static str,
    yaml: &'static str,
    expected: &'static [&'static str],
}

const ERROR_CASES: &[ErrorCase] = &[
    ErrorCase {
        name: "unknown kind",
        file: "content/diagrams/scale.yaml",
        yaml: "kind: ladder\ntitle: x\n",
        expected: &["content/diagrams/scale.yaml:1:7", "unknown diagram kind `ladder`"],
    },
    ErrorCase {
        name: "missing kind",
        file: "content/diagrams/scale.yaml",
        yaml: "title: x\n",
        expected: &["content/diagrams/scale.yaml:1:1", "diagram `scale` has no `kind`"],
    },
    ErrorCase {
        name: "band names an unknown point",
        file: "content/diagrams/scale.yaml",
        yaml: "kind: scale\ntitle: x\nstart_label: a\nend_label: b\npoints:\n  - {id: one, label: One}\n  - {id: two, label: Two}\nbands:\n  - {label: B, from: one, to: twoo}\n",
        expected: &["content/diagrams/scale.yaml:9:31", "band refers to `twoo`", "did you mean `two`?"],
    },
    ErrorCase {
        name: "unknown key in a point",
        file: "content/diagrams/scale.yaml",
        yaml: "kind: scale\ntitle: x\nstart_label: a\nend_label: b\npoints:\n  - id: one\n    lable: One\n  - {id: two, label: Two}\n",
        expected: &["content/diagrams/scale.yaml:7:5", "unknown field `lable`", "did you mean `label`?"],
    },
    ErrorCase {
        name: "empty point label",
        file: "content/diagrams/scale.yaml",
        yaml: "kind: scale\ntitle: x\nstart_label: a\nend_label: b\npoints:\n  - {id: one, label: \"\"}\n  - {id: two, label: Two}\n",
        expected: &["content/diagrams/scale.yaml:6:22", "`label` is empty"],
    },
    ErrorCase {
        name: "step links to a missing page",
        file: "content/diagrams/process.yaml",
        yaml: "kind: process\ntitle: x\nsteps:\n  - title: A\n    page: beta/_indx.md\n  - title: B\n",
        expected: &["content/diagrams/process.yaml:5:11", "links to `beta/_indx.md`, which is not a page", "did you mean `beta/_index.md`?"],
    },
    ErrorCase {
        name: "too many points",
        file: "content/diagrams/scale.yaml",
        yaml: "kind: scale\ntitle: x\nstart_label: a\nend_label: b\npoints: [{id: a, label: a}, {id: b, label: b}, {id: c, label: c}, \
               {id: d, label: d}, {id: e, label: e}, {id: f, label: f}, {id: g, label: g}, {id: h, label: h}, {id: i, label: i}, \
               {id: j, label: j}, {id: k, label: k}, {id: l, label: l}, {id: m, label: m}]\n",
        expected: &["content/diagrams/scale.yaml:5:9", "a diagram needs 2 to 12 points, but this one has 13"],
    },
];

#[test]
fn diagram_errors_have_positions() {
    for case in ERROR_CASES {
        let site = Fixture::new("basic");
        site.write(case.file, case.yaml);

        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{}: expected exit status 1\n{}", case.name, run.stderr);
        for expected in case.expected {
            assert!(run.stderr.contains(expected), "{}: `{expected}` missing from:\n{}", case.name, run.stderr);
        }
        assert!(!run.stderr.contains("panicked"), "{}: panic:\n{}", case.name, run.stderr);
    }
}
