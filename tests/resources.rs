//! The resource library: validation of resource records with `file:line:col` errors, a page per
//! resource, the library page without JavaScript, the `resources` shortcode, and the starter library
//! of the default guide.

mod common;

use std::path::Path;

use attendance_guide::load::TextFile;
use attendance_guide::model::resources::{self, Resource, Target};
use common::Fixture;

/// A valid record; each error case below changes one or two of its lines. Value columns: id 9,
/// title 12, file 11, type 11, audience 16, level 13, step 12, function 16, tier 12, reviewed 15.
const RECORD: &str = "\
resources:
  - id: bad-one
    title: Bad one
    summary: A record to break.
    file: ../tools/plan.md
    type: activity
    audience: [staff]
    level: [all]
    step: [4]
    function: [F1]
    tier: [2]
    tags: [x]
    reviewed: 2025-01-31
";

const BAD_FILE: &str = "content/resources/more.yaml";

struct Case {
    name: &'static str,
    /// `(line to replace, replacement)`; an empty replacement removes the line.
    edits: &'static [(&'static str, &'static str)],
    /// `file:line:col` of the error.
    at: &'static str,
    expected: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "unknown step",
        edits: &[("    step: [4]", "    step: [4, 7]")],
        at: "content/resources/more.yaml:9:15",
        expected: &["unknown step `7` in resource `bad-one`", "use one of: 1, 2, 3, 4, 5"],
    },
    Case {
        name: "step written as words",
        edits: &[("    step: [4]", "    step: step 4")],
        at: "content/resources/more.yaml:9:11",
        expected: &["unknown step `step 4`", "did you mean `4`?"],
    },
    Case {
        name: "unknown function",
        edits: &[("    function: [F1]", "    function: [F1, f2]")],
        at: "content/resources/more.yaml:10:20",
        expected: &["unknown function `f2`", "did you mean `F2`?"],
    },
    Case {
        name: "function out of range",
        edits: &[("    function: [F1]", "    function: [F5]")],
        at: "content/resources/more.yaml:10:16",
        expected: &["unknown function `F5`", "use one of: F1, F2, F3, F4"],
    },
    Case {
        name: "unknown level",
        edits: &[("    level: [all]", "    level: [Third]")],
        at: "content/resources/more.yaml:8:13",
        expected: &["unknown level `Third`", "did you mean `third-fourth`?"],
    },
    Case {
        name: "unknown type",
        edits: &[("    type: activity", "    type: actvity")],
        at: "content/resources/more.yaml:6:11",
        expected: &["unknown type `actvity`", "did you mean `activity`?"],
    },
    Case {
        name: "unknown audience",
        edits: &[("    audience: [staff]", "    audience: [staff, parents]")],
        at: "content/resources/more.yaml:7:23",
        expected: &["unknown audience `parents`", "did you mean `parent-carer`?"],
    },
    Case {
        name: "unknown tier",
        edits: &[("    tier: [2]", "    tier: [4]")],
        at: "content/resources/more.yaml:11:12",
        expected: &["unknown tier `4`", "use one of: 1, 2, 3"],
    },
    Case {
        name: "missing title",
        edits: &[("    title: Bad one", "")],
        at: "content/resources/more.yaml:2:5",
        expected: &["resource `bad-one` has no title", "add a line `title: …`"],
    },
    Case {
        name: "empty title",
        edits: &[("    title: Bad one", "    title: \"  \"")],
        at: "content/resources/more.yaml:3:12",
        expected: &["the title of resource `bad-one` is empty"],
    },
    Case {
        name: "missing step",
        edits: &[("    step: [4]", "    step: []")],
        at: "content/resources/more.yaml:9:11",
        expected: &["resource `bad-one` has no step", "1, 2, 3, 4, 5"],
    },
    Case {
        name: "invalid id",
        edits: &[("  - id: bad-one", "  - id: Bad One")],
        at: "content/resources/more.yaml:2:9",
        expected: &["invalid id `Bad One`", "for example `bad-one`"],
    },
    Case {
        name: "missing id",
        edits: &[("  - id: bad-one", "  -")],
        at: "content/resources/more.yaml:3:5",
        expected: &["resource 1 has no `id`"],
    },
    Case {
        name: "duplicate id across files",
        edits: &[("  - id: bad-one", "  - id: calm-breathing")],
        at: "content/resources/more.yaml:2:9",
        expected: &["duplicate resource id `calm-breathing`: it is already used at content/resources/library.yaml:2"],
    },
    Case {
        name: "javascript link",
        edits: &[("    file: ../tools/plan.md", "    link: javascript:alert(1)")],
        at: "content/resources/more.yaml:5:11",
        expected: &["link `javascript:alert(1)` uses the `javascript:` scheme", "only http and https"],
    },
    Case {
        name: "data link",
        edits: &[("    file: ../tools/plan.md", "    link: \"data:text/html,<b>hi</b>\"")],
        at: "content/resources/more.yaml:5:11",
        expected: &["uses the `data:` scheme"],
    },
    Case {
        name: "file scheme link",
        edits: &[("    file: ../tools/plan.md", "    link: file:///etc/passwd")],
        at: "content/resources/more.yaml:5:11",
        expected: &["uses the `file:` scheme"],
    },
    Case {
        name: "web address without host",
        edits: &[("    file: ../tools/plan.md", "    link: https://")],
        at: "content/resources/more.yaml:5:11",
        expected: &["invalid web address `https://`"],
    },
    Case {
        name: "link to a missing local page",
        edits: &[("    file: ../tools/plan.md", "    link: ../tools/plan-templat.md")],
        at: "content/resources/more.yaml:5:11",
        expected: &["not found: there is no page `content/tools/plan-templat.md`"],
    },
    Case {
        name: "missing file page",
        edits: &[("    file: ../tools/plan.md", "    file: ../tools/plam.md")],
        at: "content/resources/more.yaml:5:11",
        expected: &["`../tools/plam.md` not found", "did you mean `/tools/plan.md`?"],
    },
    Case {
        name: "file outside content",
        edits: &[("    file: ../tools/plan.md", "    file: ../../secret.md")],
        at: "content/resources/more.yaml:5:11",
        expected: &["points outside the content folder"],
    },
    Case {
        name: "both link and file",
        edits: &[("    type: activity", "    link: https://www.example.org/\n    type: activity")],
        at: "content/resources/more.yaml:5:11",
        expected: &["has both `link` and `file`", "keep one"],
    },
    Case {
        name: "neither link nor file",
        edits: &[("    file: ../tools/plan.md", "")],
        at: "content/resources/more.yaml:2:5",
        expected: &["has neither `link` nor `file`"],
    },
    Case {
        name: "impossible date",
        edits: &[("    reviewed: 2025-01-31", "    reviewed: 2025-02-29")],
        at: "content/resources/more.yaml:13:15",
        expected: &["invalid date `2025-02-29`", "February 2025 has 28 days"],
    },
    Case {
        name: "date in another format",
        edits: &[("    reviewed: 2025-01-31", "    reviewed: 31/01/2025")],
        at: "content/resources/more.yaml:13:15",
        expected: &["invalid date `31/01/2025`", "YYYY-MM-DD"],
    },
    Case {
        name: "missing date",
        edits: &[("    reviewed: 2025-01-31", "")],
        at: "content/resources/more.yaml:2:5",
        expected: &["has no `reviewed` date"],
    },
    Case {
        name: "unknown key",
        edits: &[("    title: Bad one", "    titel: Bad one")],
        at: "content/resources/more.yaml:3:5",
        expected: &["unknown field `titel`", "did you mean `title`?"],
    },
];

fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = RECORD.to_owned();
    for (line, replacement) in edits {
        let old = format!("{line}\n");
        assert!(text.contains(&old), "the record has no line `{line}`");
        let new = if replacement.is_empty() { String::new() } else { format!("{replacement}\n") };
        text = text.replacen(&old, &new, 1);
    }
    text
}

#[test]
fn base_record_is_valid() {
    let fixture = Fixture::new("resources");
    fixture.write(BAD_FILE, RECORD);
    fixture.build(&[]);
    assert!(fixture.output("resources/bad-one/index.html").contains("Bad one"));
}

#[test]
fn each_invalid_record_is_reported_precisely() {
    for case in CASES {
        let fixture = Fixture::new("resources");
        fixture.write(BAD_FILE, &edited(case.edits));
        let run = fixture.run(&["build"]);

        assert_eq!(run.code, 1, "{}: expected exit status 1\n{}", case.name, run.stderr);
        assert!(run.stderr.contains(&format!("{}\n", case.at)), "{}: `{}` missing from:\n{}", case.name, case.at, run.stderr);
        for expected in case.expected {
            assert!(run.stderr.contains(expected), "{}: `{expected}` missing from:\n{}", case.name, run.stderr);
        }
        assert!(run.stderr.contains("Build failed with 1 error"), "{}: more than one error:\n{}", case.name, run.stderr);
    }
}

#[test]
fn draft_page_target_rejected() {
    let fixture = Fixture::new("resources");
    fixture.write("content/tools/draft.md", "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n");
    fixture.write(BAD_FILE, &edited(&[("    file: ../tools/plan.md", "    file: ../tools/draft.md")]));
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/resources/more.yaml:5:11\n"), "{}", run.stderr);
    assert!(run.stderr.contains("is the draft page `content/tools/draft.md`"), "{}", run.stderr);

    let run = fixture.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "a draft is a valid target when drafts are built:\n{}", run.stderr);
}

#[test]
fn resource_page_clashing_with_markdown_page() {
    let fixture = Fixture::new("resources");
    fixture.write("content/resources/calm-breathing.md", "---\ntitle: Calm\n---\nText.\n");
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/resources/library.yaml:2:9\n"), "{}", run.stderr);
    assert!(run.stderr.contains("would be published at `/resources/calm-breathing/`"), "{}", run.stderr);
}

#[test]
fn all_errors_of_a_file_reported_together() {
    let fixture = Fixture::new("resources");
    let text = edited(&[("    step: [4]", "    step: [9]"), ("    tier: [2]", "    tier: [0]"), ("    type: activity", "    type: book")]);
    fixture.write(BAD_FILE, &text);
    let run = fixture.run(&["build"]);
    assert!(run.stderr.contains("Build failed with 3 errors"), "{}", run.stderr);
    for at in ["more.yaml:6:11", "more.yaml:9:12", "more.yaml:11:12"] {
        assert!(run.stderr.contains(at), "`{at}` missing from:\n{}", run.stderr);
    }
}

#[test]
fn page_per_resource() {
    let fixture = Fixture::new("resources");
    fixture.build(&[]);

    for id in ["calm-breathing", "plan-template", "printable-sheet", "static-form", "national-guidance"] {
        let html = fixture.output(&format!("resources/{id}/index.html"));
        assert!(html.contains(r#"<link rel="stylesheet""#), "{id}: not a full page");
        assert!(html.contains(r#"<a href="/resources/">Library</a>"#), "{id}: no breadcrumb to the library");
    }

    let page = fixture.output("resources/calm-breathing/index.html");
    let expected = [
        "<h1>Calm breathing</h1>",
        "Slow breathing for anxious moments.",
        r#"<a class="button" href="/tools/plan/">Open “Plan template”</a>"#,
        r#"<a href="/resources/?function=F1">F1 Avoiding distress</a>"#,
        r#"<a href="/resources/?step=5">Step 5: Implement and review</a>"#,
        r#"<a href="/resources/?tier=2">Tier 2: targeted</a>"#,
        r#"<a href="/resources/?audience=pupil">Pupils</a>"#,
        r#"<a href="/resources/?tag=anxiety">anxiety</a>"#,
        r#"<time datetime="2025-01-31">31 January 2025</time>"#,
    ];
    common::positions(&page, &expected);

    let sheet = fixture.output("resources/printable-sheet/index.html");
    assert!(sheet.contains(r#"href="/tools/sheet.txt">Download sheet.txt</a>"#), "{sheet}");
    assert!(sheet.contains(r#"<time datetime="2025-06-01">1 June 2025</time>"#), "a timestamp keeps its date");
    assert!(fixture.output("resources/plan-template/index.html").contains(r#"datetime="2024-02-29""#));
    assert!(fixture.output("resources/static-form/index.html").contains(r#"href="/forms/form.txt""#));

    let external = fixture.output("resources/national-guidance/index.html");
    assert!(external.contains(r#"href="https://www.example.org/guidance?part=2">Visit the website</a>"#), "{external}");
    assert!(external.contains("This opens www.example.org, a website outside this guide."));
}

#[test]
fn library_lists_every_resource_without_javascript() {
    let fixture = Fixture::new("resources");
    fixture.build(&[]);
    let html = fixture.output("resources/index.html");

    assert!(html.contains("Introduction to the <strong>library</strong>."), "the page's Markdown is missing");
    assert!(html.contains(r#"<form id="library-filters" class="library-filters" aria-labelledby="library-filters-heading" hidden>"#));
    assert!(html.contains(r#"<script type="module" src="/assets/library."#), "the filter script is not loaded");
    assert_eq!(html.matches("data-resource=").count(), 5);

    let titles = [
        r#"<a href="/resources/printable-sheet/">A printable sheet</a>"#,
        r#"<a href="/resources/calm-breathing/">Calm breathing</a>"#,
        r#"<a href="/resources/national-guidance/">National guidance</a>"#,
        r#"<a href="/resources/plan-template/">Plan template</a>"#,
        r#"<a href="/resources/static-form/">Zebra form</a>"#,
    ];
    let order = common::positions(&html, &titles);
    assert!(order.is_sorted(), "cards are not in title order");

    let card = r#"data-resource="calm-breathing" data-type="activity" data-audience="staff pupil" data-level="all" data-step="4 5" data-function="F1" data-tier="1 2""#;
    assert!(html.contains(card), "card data attributes missing");
    assert!(html.contains(r#"<dd class="tag tag--plain" data-tag="breathing">breathing</dd>"#));
    assert!(html.contains("<dt>Level</dt>\n<dd class=\"tag\">All levels</dd>"));
    assert!(html.contains(r#"<p id="library-status" class="library__status" role="status">5 resources</p>"#));

    let f3 = r#"<input type="checkbox" name="function" value="F3">
<span class="library-option__label">F3 Seeking attention from important adults</span>
<span class="library-option__count"><span data-count>2</span>"#;
    assert!(html.contains(f3), "the F3 option with its count (its resource and the one for every function) is missing");
    assert!(!html.contains(r#"value="all""#), "all levels is not a filter of its own");
}

#[test]
fn urls_follow_base_path() {
    let fixture = Fixture::new("resources");
    fixture.build(&["--base-url", "https://example.org/guide/"]);

    let library = fixture.output("resources/index.html");
    assert!(library.contains(r#"<a href="/guide/resources/calm-breathing/">Calm breathing</a>"#));
    let page = fixture.output("resources/calm-breathing/index.html");
    assert!(page.contains(r#"href="/guide/tools/plan/""#));
    assert!(page.contains(r#"href="/guide/resources/?function=F1""#));
    let guide = fixture.output("guide/index.html");
    assert!(guide.contains(r#"<a href="/guide/resources/?function=F1">"#));
}

#[test]
fn shortcode_lists_matching_resources() {
    let fixture = Fixture::new("resources");
    fixture.build(&[]);
    let html = fixture.output("guide/index.html");
    let (first, rest) = html.split_once("<h2 id=\"tools-for-step-4\">").expect("the second heading");

    assert!(first.contains(r#"aria-label="Resources: F1 Avoiding distress""#));
    assert!(first.contains(r#"href="/resources/calm-breathing/">Calm breathing</a> <span class="resource-list__type">Activity</span>"#));
    assert!(first.contains(r#"href="/resources/national-guidance/">National guidance</a>"#));
    assert!(first.contains(r#"href="/resources/plan-template/">Plan template</a>"#), "a resource for every function is left out");
    assert_eq!(first.matches(r#"<li class="resource-list__item">"#).count(), 3, "only the F1 resources and the one for every function");
    assert!(first.contains(r#"<a href="/resources/?function=F1">Open this selection in the resource library</a>"#));

    assert_eq!(rest.matches(r#"<li class="resource-list__item">"#).count(), 1);
    assert!(rest.contains(r#"href="/resources/plan-template/">Plan template</a>"#));
    assert!(rest.contains(r#"<a href="/resources/?step=4&amp;type=tool">"#));

    assert!(html.contains(r#"There are <a href="/resources/?tier=3">2 resources for Tier 3: intensive</a> in the library."#), "inline form");
}

#[test]
fn shortcode_filters_by_level_tag_and_audience() {
    let fixture = Fixture::new("resources");
    let page = "---\ntitle: More\n---\n{{ resources(level=\"senior\", audience=\"staff\") }}\n\n{{ resources(tag=\"printable\") }}\n";
    fixture.write("content/more.md", page);
    fixture.build(&[]);
    let html = fixture.output("more/index.html");
    let lists: Vec<&str> = html.split(r#"<div class="resource-list">"#).skip(1).collect();
    assert_eq!(lists.len(), 2, "two lists");
    let (levels, tags) = (lists[0], lists[1]);

    for id in ["calm-breathing", "static-form", "national-guidance"] {
        assert!(levels.contains(&format!("/resources/{id}/")), "{id}: all levels and senior match");
    }
    assert!(!levels.contains("/resources/plan-template/"), "second and third-fourth only");
    assert!(levels.contains(r#"href="/resources/?audience=staff&amp;level=senior""#));
    assert!(tags.contains("/resources/printable-sheet/"));
    assert!(tags.contains(r#"href="/resources/?tag=printable""#));
}

#[test]
fn shortcode_with_no_match() {
    let fixture = Fixture::new("resources");
    fixture.write("content/more.md", "---\ntitle: More\n---\n{{ resources(function=\"F2\", tier=3, type=\"video\") }}\n");
    fixture.build(&[]);
    let html = fixture.output("more/index.html");
    assert!(html.contains("No resources in the library match this selection yet."));
}

#[test]
fn shortcode_rejects_bad_arguments() {
    let cases = [
        ("function=\"F5\"", "must be one of: F1, F2, F3, F4"),
        ("step=7", "argument `step` of `resources` is `7`, but steps are 1 to 5"),
        ("step=\"4\"", "it must be a whole number"),
        ("tier=0", "tiers are 1 to 3"),
        ("limit=0", "it must be 1 or more"),
        ("type=\"book\"", "must be one of: document, video, activity, website, tool"),
        ("tag=\"anxeity\"", "no resource has the tag `anxeity`"),
        ("fuction=\"F1\"", "did you mean `function`?"),
    ];
    for (arguments, expected) in cases {
        let fixture = Fixture::new("resources");
        fixture.write("content/more.md", &format!("---\ntitle: More\n---\nIntro.\n\n{{{{ resources({arguments}) }}}}\n"));
        let run = fixture.run(&["build"]);
        assert_eq!(run.code, 1, "{arguments}: expected an error\n{}", run.stderr);
        assert!(run.stderr.contains("content/more.md:6:1"), "{arguments}: position missing from:\n{}", run.stderr);
        assert!(run.stderr.contains(expected), "{arguments}: `{expected}` missing from:\n{}", run.stderr);
    }
}

fn starter_library() -> Vec<Resource> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/resources");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("read content/resources") {
        let path = entry.expect("a folder entry").path();
        if path.extension().is_some_and(|extension| extension == "yaml") {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("read a resource file");
            files.push(TextFile { path: format!("resources/{name}"), display: format!("content/resources/{name}"), text });
        }
    }
    let references: Vec<&TextFile> = files.iter().collect();
    let (library, diagnostics) = resources::load(&references);
    assert_eq!(diagnostics, [], "the starter library has errors");
    library.items
}

#[test]
fn starter_library_covers_functions_tiers_and_steps() {
    let items = starter_library();

    let ideas: Vec<&Resource> = items.iter().filter(|resource| resource.kind != "tool").collect();
    assert!(ideas.len() >= 12, "only {} intervention ideas", ideas.len());
    for function in ["F1", "F2", "F3", "F4"] {
        for tier in ["1", "2", "3"] {
            let found = ideas.iter().any(|idea| idea.function.iter().any(|f| f == function) && idea.tier.iter().any(|t| t == tier));
            assert!(found, "no idea for {function} at tier {tier}");
        }
    }
    for step in ["1", "2", "3", "4", "5"] {
        let found = items.iter().any(|resource| resource.kind == "tool" && resource.step.iter().any(|s| s == step));
        assert!(found, "no tool for step {step}");
    }
    for resource in &items {
        assert!(matches!(resource.target, Target::File { .. }), "{}: the starter library links only to its own pages", resource.id);
    }
}

#[test]
fn default_guide_builds_with_the_library() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = tempfile::tempdir().expect("a temporary folder");
    let target = output.path().join("site");
    let run = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_attendance-guide"))
            .arg("--root")
            .arg(root)
            .args(["build", "--output"])
            .arg(&target)
            .env("NO_COLOR", "1")
            .output()
            .expect("run attendance-guide"),
    );
    assert_eq!(run.code, 0, "the default guide does not build:\n{}", run.stderr);

    let library = std::fs::read_to_string(target.join("resources/index.html")).expect("the library page");
    let items = starter_library();
    assert_eq!(library.matches("data-resource=").count(), items.len());
    for resource in &items {
        assert!(target.join(format!("resources/{}/index.html", resource.id)).is_file(), "{}: no page", resource.id);
    }
}

#[test]
fn missing_non_page_file_rejected() {
    let fixture = Fixture::new("resources");
    fixture.write(BAD_FILE, &edited(&[("    file: ../tools/plan.md", "    file: ../tools/sheet.pdf")]));
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/resources/more.yaml:5:11\n"), "{}", run.stderr);
    assert!(run.stderr.contains("`../tools/sheet.pdf` not found: there is no file `content/tools/sheet.pdf`"), "{}", run.stderr);
}
