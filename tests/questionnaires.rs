//! Questionnaire definitions: the shipped forms build into pages, every validation error points at the
//! offending value with `file:line:col`, and the `questionnaire` shortcode renders a card or rejects an
//! unknown id.

mod common;

use common::Fixture;
use common::questionnaires::{compiled_definition, numbers, with_shipped_forms};
use serde_json::Value;

const MINI: &str = "content/questionnaires/mini.yaml";

#[test]
fn shipped_definitions_build() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "parent.yaml", "staff.yaml"]);
    fixture.build(&[]);

    for id in ["pupil", "parent", "staff"] {
        let page = fixture.output(&format!("questionnaires/{id}/index.html"));
        assert!(page.contains("<form class=\"questionnaire__form\""), "{id}: the page has the form");
        let paper = fixture.output(&format!("questionnaires/{id}/paper/index.html"));
        assert!(paper.contains("tick-box"), "{id}: the paper version has boxes to tick");
    }

    let pupil = compiled_definition(&fixture.output("questionnaires/pupil/index.html"));
    let parent = compiled_definition(&fixture.output("questionnaires/parent/index.html"));
    let cycle: Vec<u64> = (0..24).map(|index| index % 4).collect();
    assert_eq!(numbers(&pupil["itemDimensions"]), cycle, "pupil items cycle F1, F2, F3, F4");
    assert_eq!(numbers(&parent["itemDimensions"]), cycle, "parent items cycle F1, F2, F3, F4");
    assert_eq!(pupil["role"], 0);
    assert_eq!(parent["role"], 1);
    assert_eq!(pupil["code"]["form"], 0);
    assert_eq!(parent["code"]["form"], 1);
    assert_eq!(pupil["tieToleranceHundredths"], 25);
    assert_eq!(pupil["indicative"], true);
    assert_eq!(numbers(&pupil["items"][0]["options"]), vec![0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(pupil["dimensions"][0]["resourcesUrl"], "/resources/?function=F1");

    let staff = compiled_definition(&fixture.output("questionnaires/staff/index.html"));
    assert_eq!(staff["scored"], false);
    assert_eq!(staff["code"], Value::Null);
    assert!(!staff["textItems"].as_array().expect("text items").is_empty(), "staff form has free-text items");
}

#[test]
fn pupil_page_is_a_plain_form() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "parent.yaml", "staff.yaml"]);
    fixture.build(&[]);
    let page = fixture.output("questionnaires/pupil/index.html");

    assert_eq!(page.matches("<fieldset class=\"question\"").count(), 24);
    assert_eq!(page.matches("<legend").count(), 24);
    assert_eq!(page.matches("type=\"radio\" name=\"p01\"").count(), 7);
    assert!(page.contains("<input type=\"radio\" name=\"p24\" value=\"6\">"), "radio values are the option values");
    assert!(!page.contains(" action="), "the form has no action");
    assert!(page.contains("id=\"questionnaire-finish\" disabled>"), "finish is disabled until the engine loads");
    assert!(page.contains("id=\"questionnaire-clear\""), "a clear answers control is on the page");
    assert!(page.contains("<noscript><p class=\"notice\">Answering on screen needs JavaScript"));
    assert!(page.contains("href=\"/questionnaires/pupil/paper/\""), "the page links its paper version");
    assert!(page.contains("About these questions"), "the note on the wording is shown");
    assert!(!page.contains(" style="), "no style attributes");

    let scripts: Vec<&str> = page.match_indices("<script").map(|(index, _)| &page[index..index + 40]).collect();
    for script in scripts {
        assert!(
            script.contains(" src=") || script.starts_with("<script type=\"application/json\""),
            "inline executable script: {script}"
        );
    }
}

#[test]
fn results_region_has_a_slot_per_function() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "parent.yaml", "staff.yaml"]);
    fixture.build(&[]);
    let page = fixture.output("questionnaires/pupil/index.html");

    for id in ["F1", "F2", "F3", "F4"] {
        assert!(page.contains(&format!("<li class=\"results__dimension\" data-dimension=\"{id}\">")), "{id}");
        assert!(page.contains(&format!("href=\"/resources/?function={id}\"")), "{id} links to its resources");
    }
    assert!(page.contains("role=\"img\" aria-labelledby=\"results-chart-title results-chart-desc\""));
    assert!(page.contains("relative profile, not a diagnosis"));

    let staff = fixture.output("questionnaires/staff/index.html");
    assert!(!staff.contains("data-dimension="), "the staff form is not scored");
    assert!(staff.contains("<textarea"), "the staff form has free text");
}

#[test]
fn paper_version_lists_scoring_key() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "parent.yaml", "staff.yaml"]);
    fixture.build(&[]);
    let paper = fixture.output("questionnaires/pupil/paper/index.html");

    assert_eq!(paper.matches("class=\"tick-box\"").count(), 24 * 7);
    assert!(paper.contains("<td>1, 5, 9, 13, 17, 21</td>"), "F1's questions are listed for staff");
    assert!(paper.contains("<td>4, 8, 12, 16, 20, 24</td>"), "F4's questions are listed for staff");
}

#[test]
fn shortcode_renders_card_and_link() {
    let fixture = Fixture::new("questionnaires");
    fixture.build(&[]);
    let home = fixture.output("index.html");

    assert!(home.contains("<div class=\"card questionnaire-card\">"), "a shortcode on its own line is a card");
    assert!(home.contains("<a href=\"/questionnaires/mini/\">Mini form</a>"));
    assert!(home.contains("For pupils · 4 questions"));
    assert!(home.contains("Inline, the <a href=\"/questionnaires/mini/\">Mini form</a> is a link."));
}

#[test]
fn shortcode_rejects_unknown_id() {
    let fixture = Fixture::new("questionnaires");
    fixture.write("content/_index.md", "---\ntitle: Home\n---\nFirst line.\n\n{{ questionnaire(id=\"minni\") }}\n");
    let run = fixture.run(&["build"]);

    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/_index.md:6:"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown questionnaire `minni`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `mini`?"), "{}", run.stderr);
}

#[test]
fn urls_respect_base_path() {
    let fixture = Fixture::new("questionnaires");
    fixture.build(&["--base-url", "/guide/"]);

    let home = fixture.output("index.html");
    assert!(home.contains("href=\"/guide/questionnaires/mini/\""), "card link under the base path");
    let page = fixture.output("questionnaires/mini/index.html");
    assert!(page.contains("href=\"/guide/questionnaires/mini/paper/\""));
    assert_eq!(compiled_definition(&page)["dimensions"][0]["resourcesUrl"], "/guide/resources/?function=F1");
}

#[test]
fn compiled_definition_cannot_close_its_element() {
    let fixture = Fixture::new("questionnaires");
    let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
    fixture.write(MINI, &mini.replace("title: Mini form", "title: \"Mini </script><b>form\""));
    fixture.build(&[]);

    let page = fixture.output("questionnaires/mini/index.html");
    assert_eq!(compiled_definition(&page)["title"], "Mini </script><b>form");
    assert!(page.contains("\\u003c/script\\u003e"), "< and > are escaped inside the JSON");
}

/// One broken edit of the mini form and the error it must give: its location as `file:line:col`
/// (the file relative to `content/questionnaires/`), the start of its message, and parts of its help.
struct Case {
    name: &'static str,
    find: &'static str,
    replace: &'static str,
    at: &'static str,
    message: &'static str,
    help: &'static [&'static str],
}

/// Asserts that the output reports `message` at `at`. Errors are printed as `error: <message>`
/// followed by a line with `┌─ <file>:<line>:<col>`.
fn assert_error(stderr: &str, at: &str, message: &str, name: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let found = lines.windows(2).any(|pair| {
        pair[0].starts_with(&format!("error: {message}"))
            && pair[1].trim_start().starts_with(&format!("┌─ content/questionnaires/{at}"))
    });
    assert!(found, "{name}: no `error: {message}` at {at} in:\n{stderr}");
}

const CASES: &[Case] = &[
    Case {
        name: "unknown dimension",
        find: "text: Two, dimension: F2",
        replace: "text: Two, dimension: F5",
        at: "mini.yaml:22:36",
        message: "unknown dimension `F5`",
        help: &["use one of `F1`, `F2`, `F3`, `F4`, or define `F5` under `dimensions`"],
    },
    Case {
        name: "empty dimension of an item",
        find: "text: Two, dimension: F2",
        replace: "text: Two, dimension: \"\"",
        at: "mini.yaml:22:36",
        message: "item `m2` has an empty dimension",
        help: &[],
    },
    Case {
        name: "dimension without items",
        find: "  - {id: F4, name: Four}\n",
        replace: "  - {id: F4, name: Four}\n  - {id: F5, name: Five}\n",
        at: "mini.yaml:20:10",
        message: "dimension `F5` has no items",
        help: &["give it at least one item, or remove it"],
    },
    Case {
        name: "duplicate item id",
        find: "{id: m3,",
        replace: "{id: m2,",
        at: "mini.yaml:23:10",
        message: "duplicate item id `m2`",
        help: &["give every item a unique id"],
    },
    Case {
        name: "duplicate option value",
        find: "{value: 6, label: always}",
        replace: "{value: 0, label: always}",
        at: "mini.yaml:14:17",
        message: "option value `0` appears twice in scale `freq`",
        help: &[],
    },
    Case {
        name: "option outside the scale",
        find: "{value: 6, label: always}",
        replace: "{value: 7, label: always}",
        at: "mini.yaml:14:17",
        message: "option value `7` is outside the scale's range 0 to 6",
        help: &["raise the scale's `max`"],
    },
    Case {
        name: "item without a scale",
        find: "dimension: F1, scale: freq}",
        replace: "dimension: F1}",
        at: "mini.yaml:21:6",
        message: "item `m1` has no scale",
        help: &["add `scale:` with one of `freq`"],
    },
    Case {
        name: "item without a dimension",
        find: "text: One, dimension: F1, ",
        replace: "text: One, ",
        at: "mini.yaml:21:6",
        message: "item `m1` has no dimension",
        help: &["add `dimension:` with one of"],
    },
    Case {
        name: "tie tolerance out of range",
        find: "tie_tolerance_hundredths: 25",
        replace: "tie_tolerance_hundredths: 601",
        at: "mini.yaml:26:29",
        message: "tie tolerance `601` is out of range",
        help: &["such as 25 for 0.25"],
    },
    Case {
        name: "missing version",
        find: "version: 1\n",
        replace: "",
        at: "mini.yaml:1:1",
        message: "invalid YAML: missing field `version`",
        help: &["add a line `version: …`"],
    },
    Case {
        name: "version zero",
        find: "version: 1\n",
        replace: "version: 0\n",
        at: "mini.yaml:2:10",
        message: "version `0` is not allowed",
        help: &[],
    },
    Case {
        name: "unknown combination group",
        find: "group: attendance-functions",
        replace: "group: attendance-function",
        at: "mini.yaml:6:10",
        message: "unknown combination group `attendance-function`",
        help: &["did you mean `attendance-functions`?"],
    },
    Case {
        name: "unknown role",
        find: "role: pupil",
        replace: "role: pupill",
        at: "mini.yaml:7:9",
        message: "invalid YAML: combination.role: unknown variant `pupill`",
        help: &["did you mean `pupil`?"],
    },
    Case {
        name: "role not for the audience",
        find: "role: pupil",
        replace: "role: parent",
        at: "mini.yaml:7:9",
        message: "role `parent` does not fit audience `pupil`",
        help: &[],
    },
    Case {
        name: "role not in the group",
        find: "audience: pupil\ncombination:\n  group: attendance-functions\n  role: pupil",
        replace: "audience: staff\ncombination:\n  group: attendance-functions\n  role: staff",
        at: "mini.yaml:7:9",
        message: "role `staff` is not part of group `attendance-functions`",
        help: &[],
    },
    Case {
        name: "unknown key",
        find: "title: Mini form",
        replace: "titel: Mini form",
        at: "mini.yaml:3:1",
        message: "invalid YAML: unknown field `titel`",
        help: &["did you mean `title`?"],
    },
    Case {
        name: "unknown key in an item",
        find: "text: Three,",
        replace: "text: Three, reversed: true,",
        at: "mini.yaml:23:27",
        message: "invalid YAML: items[2]: unknown field `reversed`",
        help: &["did you mean `reverse`?"],
    },
    Case {
        name: "text item in a scored form",
        find: "scale: freq}\nscoring",
        replace: "scale: freq, kind: text}\nscoring",
        at: "mini.yaml:24:60",
        message: "text item `m4` is in a scored form",
        help: &[],
    },
    Case {
        name: "scored form without a response code",
        find: "response_code:\n  form: 5\n",
        replace: "",
        at: "mini.yaml:1:5",
        message: "scored questionnaire `mini` has no `response_code` settings",
        help: &[],
    },
    Case {
        name: "form number out of range",
        find: "form: 5",
        replace: "form: 40",
        at: "mini.yaml:9:9",
        message: "form number `40` is above 31",
        help: &[],
    },
    Case {
        name: "retired version not older",
        find: "form: 5\n",
        replace: "form: 5\n  retired:\n    - {version: 1, items: [m1]}\n",
        at: "mini.yaml:11:17",
        message: "retired version `1` is not older than the current version 1",
        help: &[],
    },
    Case {
        name: "id not fit for an address",
        find: "id: mini",
        replace: "id: Mini Form",
        at: "mini.yaml:1:5",
        message: "id `Mini Form` cannot be part of a page address",
        help: &[],
    },
    Case {
        name: "dimensions not those of the group",
        find: "  - {id: F3, name: Three}\n  - {id: F4, name: Four}\n",
        replace: "  - {id: F4, name: Four}\n  - {id: F3, name: Three}\n",
        at: "mini.yaml:16:3",
        message: "forms of group `attendance-functions` list the dimensions F1, F2, F3, F4, but this form lists F1, F2, F4, F3",
        help: &[],
    },
];

#[test]
fn each_error_points_at_the_value() {
    for case in CASES {
        let fixture = Fixture::new("questionnaires");
        let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
        assert!(mini.contains(case.find), "{}: `{}` not in the mini form", case.name, case.find);
        fixture.write(MINI, &mini.replacen(case.find, case.replace, 1));
        fixture.write("content/_index.md", "---\ntitle: Home\n---\nNo shortcode.\n");

        let run = fixture.run(&["build"]);
        assert_eq!(run.code, 1, "{}: the build must fail\n{}", case.name, run.stderr);
        assert_error(&run.stderr, case.at, case.message, case.name);
        for help in case.help {
            assert!(run.stderr.contains(help), "{}: help `{help}` not in:\n{}", case.name, run.stderr);
        }
    }
}

#[test]
fn retired_version_with_unknown_item() {
    let fixture = Fixture::new("questionnaires");
    let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
    let edited = mini
        .replace("version: 1\n", "version: 2\n")
        .replace("form: 5\n", "form: 5\n  retired:\n    - {version: 1, items: [m2, m9]}\n");
    fixture.write(MINI, &edited);
    let run = fixture.run(&["build"]);

    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_error(&run.stderr, "mini.yaml:11:32", "unknown item `m9`", "retired item");
}

#[test]
fn retired_version_decodes_by_item_order() {
    let fixture = Fixture::new("questionnaires");
    let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
    let edited = mini
        .replace("version: 1\n", "version: 2\n")
        .replace("form: 5\n", "form: 5\n  retired:\n    - {version: 1, items: [m2, m1, m4]}\n");
    fixture.write(MINI, &edited);
    fixture.build(&[]);

    let compiled = compiled_definition(&fixture.output("questionnaires/mini/index.html"));
    let layouts = compiled["code"]["layouts"].as_array().expect("layouts");
    assert_eq!(layouts.len(), 2);
    assert_eq!(layouts[0]["version"], 2);
    assert_eq!(numbers(&layouts[0]["items"]), vec![0, 1, 2, 3]);
    assert_eq!(layouts[1]["version"], 1);
    assert_eq!(numbers(&layouts[1]["items"]), vec![1, 0, 3]);
}

#[test]
fn duplicate_id_across_files() {
    let fixture = Fixture::new("questionnaires");
    let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
    fixture.write("content/questionnaires/other.yaml", &mini.replace("form: 5", "form: 6"));
    let run = fixture.run(&["build"]);

    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = "questionnaire id `mini` is already used by content/questionnaires/mini.yaml";
    assert_error(&run.stderr, "other.yaml:1:5", message, "duplicate id");
}

#[test]
fn duplicate_form_number_across_files() {
    let fixture = Fixture::new("questionnaires");
    let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
    fixture.write("content/questionnaires/other.yaml", &mini.replace("id: mini", "id: other"));
    let run = fixture.run(&["build"]);

    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = "form number `5` is already used by questionnaire `mini`";
    assert_error(&run.stderr, "other.yaml:9:9", message, "duplicate form number");
    assert!(run.stderr.contains("such as 0, 1, 2, 3, 4"), "{}", run.stderr);
}

#[test]
fn staff_form_checks() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "parent.yaml", "staff.yaml"]);
    let staff = std::fs::read_to_string(fixture.path("content/questionnaires/staff.yaml")).expect("read staff form");
    let edited =
        staff.replace("  - id: s02\n    scale: how-often\n", "  - id: s02\n    scale: how-often\n    dimension: F1\n");
    fixture.write("content/questionnaires/staff.yaml", &edited);
    let run = fixture.run(&["build"]);

    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = "item `s02` names a dimension, but the form is not scored";
    assert_error(&run.stderr, "staff.yaml:35:16", message, "staff form");
}
