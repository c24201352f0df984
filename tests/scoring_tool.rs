//! The staff scoring tool page, built from a content page with `template: scoring-tool.html`. It carries
//! the compiled pupil and parent forms with their questions and the resources of each function. A site
//! with nothing to combine gets a notice, forms scored differently get a warning, and step 3 of the
//! default guide links to the tool.

mod common;

use std::path::Path;

use common::Fixture;
use serde_json::Value;

const TOOL_PAGE: &str = "content/questionnaires/scoring-tool.md";
const TOOL_OUTPUT: &str = "questionnaires/scoring-tool/index.html";

const RESOURCES: &str = "\
resources:
  - id: calm-plan
    title: A calm plan
    summary: Steps to take when worry rises.
    link: https://example.org/calm
    type: activity
    audience: [staff]
    level: [all]
    step: [4]
    function: [F1]
    tier: [1]
    tags: [anxiety]
    reviewed: 2025-01-31
  - id: lunch-club
    title: Lunch club
    summary: A quiet place at lunch.
    link: https://example.org/lunch
    type: activity
    audience: [pupil]
    level: [all]
    step: [4]
    function: [F2]
    tier: [1]
    tags: [social]
    reviewed: 2025-01-31
";

fn shipped_form(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/questionnaires").join(name);
    std::fs::read_to_string(path).expect("read a shipped definition")
}

/// The basic fixture with the guide's pupil and parent forms, two resources and the tool's page.
fn tool_site() -> Fixture {
    let fixture = Fixture::new("basic");
    for name in ["pupil.yaml", "parent.yaml"] {
        fixture.write(&format!("content/questionnaires/{name}"), &shipped_form(name));
    }
    fixture.write("content/resources/ideas.yaml", RESOURCES);
    fixture.write("content/questionnaires/_index.md", "---\ntitle: Questionnaires\n---\n\n[The tool](scoring-tool.md)\n");
    fixture.write(TOOL_PAGE, "---\ntitle: Staff scoring tool\ntemplate: scoring-tool.html\n---\n\nFor staff.\n");
    fixture
}

/// Returns the compiled forms the tool page embeds.
fn embedded_definitions(html: &str) -> Vec<Value> {
    let start_tag = "<script type=\"application/json\" id=\"scoring-definitions\">";
    let start = html.find(start_tag).expect("the page embeds the compiled forms") + start_tag.len();
    let length = html[start..].find("</script>").expect("the JSON element is closed");
    let value: Value = serde_json::from_str(&html[start..start + length]).expect("the embedded forms are valid JSON");
    value.as_array().expect("a list of forms").clone()
}

/// Returns the markup of the `<template>` element with `id`.
fn template<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<template id=\"{id}\">")).unwrap_or_else(|| panic!("no <template id=\"{id}\">"));
    let length = html[start..].find("</template>").expect("the template is closed");
    &html[start..start + length]
}

#[test]
fn tool_page_carries_both_forms() {
    let fixture = tool_site();
    fixture.build(&[]);
    let html = fixture.output(TOOL_OUTPUT);

    let forms = embedded_definitions(&html);
    let role_of = |id: &str| forms.iter().find(|form| form["id"] == id).map(|form| form["role"].clone());
    assert_eq!(forms.len(), 2, "the pupil and the parent form");
    assert_eq!(role_of("pupil"), Some(Value::from(0)));
    assert_eq!(role_of("parent"), Some(Value::from(1)));
    for form in &forms {
        assert_eq!(form["items"].as_array().map(Vec::len), Some(24), "{}: 24 questions", form["id"]);
        assert_eq!(form["code"]["layouts"][0]["version"], 1, "{}: the code layout of version 1", form["id"]);
        assert_eq!(form["dimensions"][0]["resourcesUrl"], "/resources/?function=F1", "{}", form["id"]);
    }

    for (id, first_question) in [("scoring-template-pupil", "p01"), ("scoring-template-parent", "c01")] {
        let slot = template(&html, id);
        assert_eq!(slot.matches("class=\"scoring-item__input\"").count(), 24, "{id}: one answer box per question");
        assert!(slot.contains(&format!("id=\"answer-__SLOT__-{first_question}\"")), "{id}: boxes are named by question");
        assert!(slot.contains("Type each answer, 0 to 6"), "{id}: the hint gives the values");
    }
    assert!(template(&html, "scoring-template-parent").contains("data-action=\"remove\""), "parents can be removed");
    assert!(!template(&html, "scoring-template-pupil").contains("data-action=\"remove\""), "the pupil's form stays");

    assert!(html.contains("name=\"rule\" value=\"equal\" checked"), "the definition's rule is the default");
    assert!(html.contains("relative profile, not a diagnosis"));
    assert!(html.contains("<a href=\"/resources/calm-plan/\">A calm plan</a>"), "F1's resources are listed");
    let f1 = html.find("data-resources-for=\"F1\"").expect("F1's resources");
    let f2 = html.find("data-resources-for=\"F2\"").expect("F2's resources");
    assert!(html[f1..f2].contains("calm-plan"), "the F1 resource sits under F1");
    assert!(!html[f1..f2].contains("lunch-club"), "the F2 resource does not sit under F1");
    assert!(html.contains("/assets/scoring-tool."), "the page loads its script");
}

#[test]
fn picture_form_offered_as_choice() {
    let fixture = tool_site();
    fixture.write("content/questionnaires/pupil_early.yaml", &shipped_form("pupil_early.yaml"));
    fixture.build(&[]);
    let html = fixture.output(TOOL_OUTPUT);

    let ids: Vec<String> =
        embedded_definitions(&html).iter().filter_map(|form| form["id"].as_str().map(str::to_owned)).collect();
    assert_eq!(ids, ["parent", "pupil", "pupil-early"], "the picture form is combined too");
    assert!(html.contains("data-pupil-form=\"pupil\""), "new pupil slots start with the seven-option form");
    assert!(html.contains("data-parent-form=\"parent\""));

    let pupil = template(&html, "scoring-template-pupil");
    assert!(pupil.contains("data-action=\"switch-form\""), "a pupil slot can switch form");
    assert!(pupil.contains("<option value=\"pupil\" selected>"));
    assert!(pupil.contains("<option value=\"pupil-early\">"));
    let early = template(&html, "scoring-template-pupil-early");
    assert!(early.contains("<option value=\"pupil-early\" selected>"));
    assert!(early.contains("Type each answer, 0, 3 or 6"), "the hint gives the picture form's values");
    let parent = template(&html, "scoring-template-parent");
    assert!(!parent.contains("data-action=\"switch-form\""), "the parent form has no other form to switch to");
}

#[test]
fn tool_page_under_sub_path() {
    let fixture = tool_site();
    fixture.build(&["--base-url", "https://example.org/guide/"]);
    let html = fixture.output(TOOL_OUTPUT);

    let forms = embedded_definitions(&html);
    assert_eq!(forms[0]["dimensions"][0]["resourcesUrl"], "/guide/resources/?function=F1");
    assert!(html.contains("<a href=\"/guide/resources/calm-plan/\">"), "resource links keep the sub-path");
}

#[test]
fn tool_page_without_forms() {
    let fixture = Fixture::new("basic");
    fixture.write(TOOL_PAGE, "---\ntitle: Staff scoring tool\ntemplate: scoring-tool.html\n---\n");
    fixture.write("content/questionnaires/_index.md", "---\ntitle: Questionnaires\n---\n\n[The tool](scoring-tool.md)\n");
    fixture.build(&[]);
    let html = fixture.output(TOOL_OUTPUT);

    assert!(html.contains("nothing for the scoring tool to combine"), "{html}");
    assert!(!html.contains("scoring-definitions"));
    assert!(!html.contains("/assets/scoring-tool."), "no script without forms");
}

#[test]
fn form_scored_differently_left_out() {
    let fixture = tool_site();
    // The same questions in another order score items against other functions.
    let reordered = shipped_form("pupil.yaml")
        .replace("id: pupil\n", "id: pupil-reordered\n")
        .replace("  form: 0\n", "  form: 7\n")
        .replacen("    dimension: F1\n", "    dimension: F2\n", 1)
        .replacen("    dimension: F2\n    scale: how-often\n    text: How often do you find it hard", "    dimension: F1\n    scale: how-often\n    text: How often do you find it hard", 1);
    fixture.write("content/questionnaires/pupil-reordered.yaml", &reordered);
    let run = fixture.build(&[]);

    assert!(
        run.stderr.contains("the staff scoring tool leaves out questionnaire `pupil-reordered`"),
        "{}",
        run.stderr
    );
    let forms = embedded_definitions(&fixture.output(TOOL_OUTPUT));
    let ids: Vec<&str> = forms.iter().filter_map(|form| form["id"].as_str()).collect();
    assert_eq!(ids, ["parent", "pupil"], "only the forms scored alike are combined");
}

#[test]
fn default_guide_links_tool_from_step_3() {
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

    let step_3 = std::fs::read_to_string(target.join("step-3/index.html")).expect("the step 3 page");
    assert!(step_3.contains("<a href=\"/questionnaires/scoring-tool/\">staff scoring tool</a>"), "step 3 links to the tool");
    let tool = std::fs::read_to_string(target.join(TOOL_OUTPUT)).expect("the tool page");
    let ids: Vec<String> =
        embedded_definitions(&tool).iter().filter_map(|form| form["id"].as_str().map(str::to_owned)).collect();
    assert!(ids.contains(&"pupil".to_owned()), "{ids:?}");
    assert!(ids.contains(&"parent".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"staff".to_owned()), "the staff questionnaire is not scored, so it is not combined");
}
