//! `attendance-guide init DIR`: a new site that builds at once, and refusal of a folder in use.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_attendance-guide")).args(args).output().expect("run attendance-guide");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn new_site_builds_at_once() {
    let parent = tempfile::tempdir().expect("temporary folder");
    let site = parent.path().join("new site");
    let site_text = site.to_str().expect("UTF-8 path");

    let (code, stderr) = run(&["init", site_text]);
    assert_eq!(code, 0, "{stderr}");
    let created = [
        "content/site.yaml",
        "content/_index.md",
        "content/guide/_index.md",
        "content/guide/first-page.md",
        "content/resources/_index.md",
        "content/resources/examples.yaml",
        "content/questionnaires/check-in.yaml",
    ];
    for file in created {
        assert!(site.join(file).is_file(), "{file} was not created");
    }
    let config = std::fs::read_to_string(site.join("content/site.yaml")).expect("read site.yaml");
    assert!(config.lines().filter(|line| line.starts_with('#')).count() >= 8, "site.yaml lacks explanations");

    let (code, stderr) = run(&["--root", site_text, "build"]);
    assert_eq!(code, 0, "the new site does not build:\n{stderr}");
    for page in ["guide/first-page/index.html", "resources/spotting-concerns-checklist/index.html", "questionnaires/check-in/index.html"] {
        assert!(site.join("public").join(page).is_file(), "{page} was not built");
    }
    let section = std::fs::read_to_string(site.join("public/guide/index.html")).expect("read the section");
    assert!(section.contains("/questionnaires/check-in/"), "the questionnaire shortcode example is missing");

    let (code, stderr) = run(&["--root", site_text, "check"]);
    assert_eq!(code, 0, "check finds problems in the new site:\n{stderr}");
}

#[test]
fn non_empty_folder_refused_and_untouched() {
    let folder = tempfile::tempdir().expect("temporary folder");
    std::fs::write(folder.path().join("notes.txt"), "mine").expect("write");

    let (code, stderr) = run(&["init", folder.path().to_str().expect("UTF-8 path")]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is not empty"), "{stderr}");
    let entries: Vec<_> = std::fs::read_dir(folder.path()).expect("read").collect();
    assert_eq!(entries.len(), 1, "init wrote into a folder in use");
}

#[test]
fn file_in_place_of_folder_refused() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let file = folder.path().join("site");
    std::fs::write(&file, "x").expect("write");
    let (code, stderr) = run(&["init", file.to_str().expect("UTF-8 path")]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is a file"), "{stderr}");
}
