//! The picture questionnaire for young pupils. The shipped early-level form builds into a page of one
//! screen per item with picture answers, a hand-over screen and its own scoring settings. Its picture
//! URLs respect the base path, and a `picture` or `audio` path that leaves the site or names no built
//! file is an error at the value.

mod common;

use common::Fixture;
use common::questionnaires::{compiled_definition, numbers, with_shipped_forms};

const MINI: &str = "content/questionnaires/mini.yaml";
const EARLY_PAGE: &str = "questionnaires/pupil-early/index.html";

#[test]
fn early_form_builds_picture_page() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "pupil_early.yaml", "parent.yaml"]);
    fixture.build(&[]);

    let page = fixture.output(EARLY_PAGE);
    assert!(page.contains("id=\"picture-questionnaire\""), "the picture template is used");
    assert_eq!(page.matches("<fieldset class=\"picture__item\"").count(), 24, "one fieldset per item");
    assert_eq!(page.matches("type=\"radio\" name=\"e01\"").count(), 3, "three answers per item");
    for value in ["0", "3", "6"] {
        assert!(page.contains(&format!("name=\"e24\" value=\"{value}\"")), "an answer valued {value}");
    }
    assert!(page.contains("tabindex=\"-1\" data-read>Does going to school make you feel worried?</h2>"));
    assert!(page.contains("src=\"/assets/images/questionnaire/answer-sometimes.svg\""), "option pictures");
    assert!(page.contains("src=\"/assets/images/questionnaire/item-school.svg\""), "item pictures");
    assert!(page.contains("Please give the tablet back to your teacher."), "the hand-over screen");
    assert!(page.contains("id=\"hand-over-hold\""), "the press-and-hold button");
    assert!(page.contains(">Next pupil</button>"), "the reset button");
    assert!(!page.contains("id=\"results-change\""), "no way back to the answers from the results");
    assert!(page.contains("Young children often choose the answers at either end."), "the caution");
    assert!(page.contains("it is not a lock"), "the hold is documented as no security");
    assert!(!page.contains("<textarea"), "nothing to type");

    for picture in ["answer-no", "answer-sometimes", "answer-a-lot", "item-school", "hand-over"] {
        let svg = fixture.output(&format!("assets/images/questionnaire/{picture}.svg"));
        assert!(svg.starts_with("<svg"), "{picture}.svg is published from the embedded theme");
    }

    let pupil_page = fixture.output("questionnaires/pupil/index.html");
    assert!(pupil_page.contains("id=\"questionnaire-form\""), "the pupil form keeps the plain template");
    assert!(!pupil_page.contains("picture-questionnaire"), "the pupil form has no picture screens");
}

#[test]
fn early_form_scores_on_own_terms() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "pupil_early.yaml", "parent.yaml"]);
    fixture.build(&[]);

    let early = compiled_definition(&fixture.output(EARLY_PAGE));
    let cycle: Vec<u64> = (0..24).map(|index| index % 4).collect();
    assert_eq!(numbers(&early["itemDimensions"]), cycle, "items cycle F1, F2, F3, F4");
    assert_eq!(numbers(&early["items"][0]["options"]), vec![0, 3, 6]);
    assert_eq!(numbers(&early["itemMax"]), vec![6; 24], "answers count on the 0 to 6 scale");
    assert_eq!(early["tieToleranceHundredths"], 50);
    assert_eq!(early["indicative"], true);
    assert_eq!(early["role"], 0, "a pupil form");
    assert_eq!(early["code"]["form"], 2, "its own form number");
}

#[test]
fn picture_urls_respect_base_path() {
    let fixture = Fixture::new("questionnaires");
    with_shipped_forms(&fixture, &["pupil.yaml", "pupil_early.yaml", "parent.yaml"]);
    fixture.build(&["--base-url", "/guide/"]);

    let page = fixture.output(EARLY_PAGE);
    assert!(page.contains("src=\"/guide/assets/images/questionnaire/answer-no.svg\""));
    assert!(page.contains("src=\"/guide/assets/images/questionnaire/hand-over.svg\""));
    assert!(!page.contains("src=\"/assets/"), "no picture outside the base path");
}

#[test]
fn media_paths_stay_in_site() {
    let cases = [
        ("picture", "https://example.org/no.svg"),
        ("picture", "/assets/no.svg"),
        ("audio", "../secret.mp3"),
        ("audio", "sounds//no.mp3"),
    ];
    for (field, path) in cases {
        let fixture = Fixture::new("questionnaires");
        let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
        let edited = mini.replace("{value: 0, label: never}", &format!("{{value: 0, label: never, {field}: \"{path}\"}}"));
        assert_ne!(edited, mini, "the mini form has the option");
        fixture.write(MINI, &edited);

        let run = fixture.run(&["build"]);
        assert_eq!(run.code, 1, "{path}: the build fails");
        let expected = format!("error: `{path}` is not a path of a file in the site");
        assert!(run.stderr.contains(&expected), "{path}: no `{expected}` in:\n{}", run.stderr);
        assert!(run.stderr.contains("┌─ content/questionnaires/mini.yaml:13:"), "{path}: the error points at line 13:\n{}", run.stderr);
    }
}

#[test]
fn media_path_inside_site_builds() {
    let fixture = Fixture::new("questionnaires");
    let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
    let edited = mini.replace(
        "{id: m1, text: One, dimension: F1, scale: freq}",
        "{id: m1, text: One, dimension: F1, scale: freq, picture: pictures/one.svg, audio: sounds/one.mp3}",
    );
    fixture.write(MINI, &edited.replace("scoring:", "presentation: {one_per_screen: true, read_aloud: true}\nscoring:"));
    fixture.write("content/static/pictures/one.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    fixture.write("content/static/sounds/one.mp3", "not really audio");
    fixture.build(&[]);

    let page = fixture.output("questionnaires/mini/index.html");
    assert!(page.contains("src=\"/pictures/one.svg\""), "the item picture's URL");
    assert!(page.contains("data-audio=\"/sounds/one.mp3\""), "the item recording's URL");
    assert!(page.contains("id=\"picture-speaker\""), "read-aloud offers a speaker button");
}

#[test]
fn missing_media_file_reported_at_path() {
    let fixture = Fixture::new("questionnaires");
    let mini = std::fs::read_to_string(fixture.path(MINI)).expect("read the mini form");
    let edited = mini.replace("{value: 0, label: never}", "{value: 0, label: never, picture: pictures/nevr.svg}");
    assert_ne!(edited, mini, "the mini form has the option");
    fixture.write(MINI, &edited);
    fixture.write("content/static/pictures/never.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");

    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1, "a missing picture built:\n{}", run.stderr);
    assert!(run.stderr.contains("`pictures/nevr.svg` is not a file of the built site"), "{}", run.stderr);
    assert!(run.stderr.contains("┌─ content/questionnaires/mini.yaml:13:"), "{}", run.stderr);
    assert!(!fixture.path("public").exists(), "output written despite the error");
}
