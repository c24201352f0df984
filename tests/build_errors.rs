//! `attendance-guide build` on broken sites: every error is reported with `file:line:col`, the value
//! and the fix, the exit status is 1 (2 for usage errors), and the previous output is left untouched.

mod common;

use common::Fixture;

/// One broken edit of the fixture site and what the error output must contain.
struct Case {
    name: &'static str,
    file: &'static str,
    text: &'static str,
    expected: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "front matter YAML syntax",
        file: "content/beta/page-b.md",
        text: "---\ntitle: [B page\n---\nText\n",
        expected: &["content/beta/page-b.md:3:1", "invalid YAML"],
    },
    Case {
        name: "front matter type",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\nweight: heavy\n---\nText\n",
        expected: &["content/beta/page-b.md:3:9", "weight: invalid type", "help:"],
    },
    Case {
        name: "front matter unknown key",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\nwieght: 2\n---\nText\n",
        expected: &["content/beta/page-b.md:3:1", "unknown field `wieght`", "did you mean `weight`?"],
    },
    Case {
        name: "unclosed front matter",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\nText without a closing fence\n",
        expected: &["content/beta/page-b.md:1:1", "front matter is not closed", "add a line containing only `---`"],
    },
    Case {
        name: "missing front matter",
        file: "content/beta/page-b.md",
        text: "# Just a heading\n",
        expected: &["content/beta/page-b.md:1:1", "missing front matter", "title: Identify pupils"],
    },
    Case {
        name: "site.yaml syntax",
        file: "content/site.yaml",
        text: "title: Guide\nnavigation: [\n",
        expected: &["content/site.yaml:3:1", "invalid YAML"],
    },
    Case {
        name: "site.yaml type",
        file: "content/site.yaml",
        text: "title: Guide\nattendance_threshold: ninety\n",
        expected: &["content/site.yaml:2:23", "attendance_threshold: invalid type"],
    },
    Case {
        name: "site.yaml threshold out of range",
        file: "content/site.yaml",
        text: "title: Guide\nattendance_threshold: 190\n",
        expected: &["content/site.yaml:2:23", "`attendance_threshold` is 190"],
    },
    Case {
        name: "unknown template",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\ntemplate: pgae.html\n---\nText\n",
        expected: &["content/beta/page-b.md:3:11", "unknown template `pgae.html`", "did you mean `page.html`?"],
    },
    Case {
        name: "template syntax",
        file: "themes/default/templates/page.html",
        text: "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title | }}\n{% endblock main %}\n",
        expected: &["themes/default/templates/page.html:3:", "template error"],
    },
    Case {
        name: "template rendering",
        file: "themes/default/templates/page.html",
        text: "{% extends \"base.html\" %}\n{% block main %}\n{{ page.no_such_value.deeper }}\n{% endblock main %}\n",
        expected: &["themes/default/templates/page.html:3:", "template error"],
    },
    Case {
        name: "broken internal link",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\nSee [step nine](../step-9/_index.md).\n",
        expected: &["content/beta/page-b.md:4:5", "../step-9/_index.md"],
    },
    Case {
        name: "broken anchor",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\nSee [notes](page-a.md#note).\n",
        expected: &["content/beta/page-b.md:4:5", "no anchor `#note` on `/beta/page-a/`", "did you mean `#notes`?"],
    },
    Case {
        name: "script in raw HTML",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\nText\n\n<script>alert(1)</script>\n",
        expected: &["content/beta/page-b.md:6:1", "<script>"],
    },
    Case {
        name: "event handler in raw HTML",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\nText <span onclick=\"x()\">hi</span>\n",
        expected: &["content/beta/page-b.md:4:", "onclick"],
    },
    Case {
        name: "style attribute in raw HTML",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\n<div style=\"color: red\">hi</div>\n",
        expected: &["content/beta/page-b.md:4:", "style"],
    },
    Case {
        name: "javascript URL",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\n[click](javascript:alert(1))\n",
        expected: &["content/beta/page-b.md:4:", "javascript:"],
    },
    Case {
        name: "unknown shortcode",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\nText\n\n{{ calout(kind=\"note\") }}\n",
        expected: &["content/beta/page-b.md:6:1", "unknown shortcode `calout`", "did you mean `callout`?"],
    },
    Case {
        name: "unknown shortcode argument",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\nText {{ callout(knd=\"note\") }}x{{ end }}\n",
        expected: &["content/beta/page-b.md:4:6", "unknown argument `knd`", "did you mean `kind`?"],
    },
    Case {
        name: "shortcode without end",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\n{{ callout() }}\nText\n",
        expected: &["content/beta/page-b.md:4:1", "not closed"],
    },
    Case {
        name: "link to a draft",
        file: "content/beta/page-b.md",
        text: "---\ntitle: B page\n---\nSee [the draft](draft.md).\n",
        expected: &["content/beta/page-b.md:4:5", "link to the draft page `content/beta/draft.md`", "--drafts"],
    },
    Case {
        name: "text that is not UTF-8",
        file: "content/beta/page-b.md",
        text: "",
        expected: &["content/beta/page-b.md:4:3", "not valid UTF-8"],
    },
];

#[test]
fn each_broken_input_is_reported_precisely() {
    for case in CASES {
        let site = Fixture::new("basic");
        if case.name == "text that is not UTF-8" {
            std::fs::write(site.path(case.file), b"---\ntitle: B\n---\nab\xFFcd\n").expect("write");
        } else {
            site.write(case.file, case.text);
        }

        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{}: expected exit status 1\n{}", case.name, run.stderr);
        for expected in case.expected {
            assert!(run.stderr.contains(expected), "{}: `{expected}` missing from:\n{}", case.name, run.stderr);
        }
        assert!(!run.stderr.contains("panicked"), "{}: panic:\n{}", case.name, run.stderr);
        assert!(!site.path("public").exists(), "{}: output written despite errors", case.name);
    }
}

#[test]
fn all_errors_of_a_build_reported_together() {
    let site = Fixture::new("basic");
    site.write("content/beta/page-b.md", "---\ntitle: [B\n---\n");
    site.write("content/alpha/_index.md", "---\ntitle: Alpha\n---\n[x](missing.md)\n");
    site.write("content/headings.md", "no front matter\n");
    site.write("content/site.yaml", "title: Guide\nattendance_threshold: 0\n");

    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    let reported: Vec<&str> = ["content/alpha/_index.md", "content/beta/page-b.md", "content/headings.md", "content/site.yaml"]
        .into_iter()
        .filter(|file| run.stderr.contains(&format!("{file}:")))
        .collect();
    assert_eq!(reported.len(), 4, "not every file was reported:\n{}", run.stderr);
    assert!(run.stderr.contains("Build failed with 4 errors"), "{}", run.stderr);

    let order: Vec<usize> = reported.iter().map(|file| run.stderr.find(&format!("{file}:")).unwrap_or(0)).collect();
    assert!(order.is_sorted(), "errors not sorted by file:\n{}", run.stderr);
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let before = site.tree("public");

    site.write("content/beta/page-b.md", "---\ntitle: [broken\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("was not changed"), "{}", run.stderr);
    assert_eq!(site.tree("public"), before, "the previous output changed");
}

#[test]
fn usage_errors_exit_with_status_two() {
    let site = Fixture::new("basic");
    for args in [&["build", "--no-such-flag"][..], &["publish"][..], &[][..]] {
        let run = site.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn missing_content_folder_names_the_fix() {
    let site = Fixture::new("basic");
    std::fs::remove_dir_all(site.path("content")).expect("remove content");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content folder not found"), "{}", run.stderr);
    assert!(run.stderr.contains("--root"), "{}", run.stderr);
}

#[test]
fn foreign_output_folder_refused_and_left_intact() {
    let site = Fixture::new("basic");
    site.write("public/notes.txt", "my own notes");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("notes.txt"), "the foreign file was not named:\n{}", run.stderr);
    assert_eq!(site.tree("public"), vec![("notes.txt".to_owned(), b"my own notes".to_vec())]);
}

#[test]
fn extra_file_in_output_refused_and_named() {
    let site = Fixture::new("basic");
    site.build(&[]);
    site.write("public/CNAME", "guide.example.org");
    let before = site.tree("public");

    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("CNAME"), "{}", run.stderr);
    assert!(run.stderr.contains("content/static/"), "{}", run.stderr);
    assert_eq!(site.tree("public"), before);
}

#[test]
fn check_reports_problems_without_writing() {
    let site = Fixture::new("basic");
    site.write("content/beta/page-b.md", "---\ntitle: B page\n---\nSee [notes](page-a.md#nope).\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/beta/page-b.md:4:5"), "{}", run.stderr);
    assert!(!site.path("public").exists());

    site.write("content/beta/page-b.md", "---\ntitle: B page\n---\nSee [notes](page-a.md#notes).\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn check_reports_unreachable_pages() {
    let site = Fixture::new("basic");
    site.write("themes/default/templates/partials/pager.html", "");
    site.write("themes/default/templates/partials/children.html", "");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no link leads to `/headings/` from the home page"), "{}", run.stderr);
    assert!(!run.stderr.contains("no link leads to `/beta/`"), "a menu entry was not followed:\n{}", run.stderr);
    assert!(!run.stderr.contains("no link leads to `/beta/page-a/`"), "a Markdown link was not followed:\n{}", run.stderr);

    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "a warning failed the build:\n{}", run.stderr);
    assert!(run.stderr.contains("warning: no link leads to `/headings/`"), "{}", run.stderr);
}

#[test]
fn heading_repeating_template_id_warned() {
    let site = Fixture::new("basic");
    site.write("content/beta/page-b.md", "---\ntitle: B page\n---\n## Main\n\nText.\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("content/beta/page-b.md: warning: id `main` is used 2 times on `/beta/page-b/`"), "{}", run.stderr);
}
