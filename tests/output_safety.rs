//! Output-folder safety: the marker file, rejections that leave folders untouched, the temporary-folder
//! swap and recovery after a crash between its two renames.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use attendance_guide::diagnostics::Diagnostic;
use attendance_guide::write::{MARKER_FILE, OutputFiles, WriteSummary, check_output_folder, write_output};
use pretty_assertions::assert_eq;
use tempfile::TempDir;

/// One entry of a folder tree, compared byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Folder,
    Symlink(PathBuf),
}

/// Snapshots every entry below `root` (not following symbolic links), keyed by relative path.
fn snapshot(root: &Path) -> BTreeMap<String, Entry> {
    let mut entries = BTreeMap::new();
    snapshot_into(root, root, &mut entries);
    entries
}

fn snapshot_into(root: &Path, folder: &Path, entries: &mut BTreeMap<String, Entry>) {
    for entry in fs::read_dir(folder).expect("read folder") {
        let path = entry.expect("read entry").path();
        let relative = path.strip_prefix(root).expect("below root").to_string_lossy().replace('\\', "/");
        let kind = fs::symlink_metadata(&path).expect("metadata").file_type();
        if kind.is_symlink() {
            entries.insert(relative, Entry::Symlink(fs::read_link(&path).expect("read link")));
        } else if kind.is_dir() {
            entries.insert(relative, Entry::Folder);
            snapshot_into(root, &path, entries);
        } else {
            entries.insert(relative, Entry::File(fs::read(&path).expect("read file")));
        }
    }
}

fn files(entries: &[(&str, &str)]) -> OutputFiles {
    entries.iter().map(|(path, content)| ((*path).to_owned(), content.as_bytes().to_vec())).collect()
}

fn first_site() -> OutputFiles {
    files(&[
        ("index.html", "<h1>Home</h1>"),
        ("step-1/index.html", "<h1>Step 1</h1>"),
        ("step-1/data/index.html", "<h1>Data</h1>"),
        ("assets/site.1234.css", "body{}"),
    ])
}

fn second_site() -> OutputFiles {
    files(&[
        ("index.html", "<h1>Home, revised</h1>"),
        ("step-2/index.html", "<h1>Step 2</h1>"),
        ("assets/site.5678.css", "main{}"),
    ])
}

/// The tree `write_output` should leave for `files`: the files, their folders and the marker.
fn expected_tree(files: &OutputFiles) -> BTreeMap<String, Entry> {
    let mut tree = BTreeMap::new();
    for (path, content) in files {
        for (index, _) in path.match_indices('/') {
            tree.insert(path[..index].to_owned(), Entry::Folder);
        }
        tree.insert(path.clone(), Entry::File(content.clone()));
    }
    tree.insert(MARKER_FILE.to_owned(), Entry::File(marker_text(files).into_bytes()));
    tree
}

fn marker_text(files: &OutputFiles) -> String {
    let mut lines = vec![marker_header()];
    lines.extend(files.keys().cloned());
    lines.join("\n") + "\n"
}

/// Returns the marker's header, taken from a real build so the tests do not copy its wording.
fn marker_header() -> String {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");
    write_output(&output, &OutputFiles::new()).expect("empty build");
    let text = fs::read_to_string(output.join(MARKER_FILE)).expect("marker");
    text.lines().next().expect("header line").to_owned()
}

fn write_ok(output: &Path, files: &OutputFiles) -> WriteSummary {
    match write_output(output, files) {
        Ok(summary) => summary,
        Err(diagnostics) => panic!("write failed: {diagnostics:#?}"),
    }
}

fn write_err(output: &Path, files: &OutputFiles) -> Vec<Diagnostic> {
    match write_output(output, files) {
        Ok(summary) => panic!("write should fail but succeeded: {summary:?}"),
        Err(diagnostics) => diagnostics,
    }
}

fn single(diagnostics: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    &diagnostics[0]
}

fn help(diagnostic: &Diagnostic) -> &str {
    diagnostic.help.as_deref().expect("diagnostic has help")
}

/// Names in `folder` other than `keep`, to find sibling folders left behind.
fn siblings(folder: &Path, keep: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("read folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != keep)
        .collect();
    names.sort();
    names
}

/// Sets up a site root with `public` written once from [`first_site`].
fn built_once() -> (TempDir, PathBuf) {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");
    write_ok(&output, &first_site());
    (root, output)
}

/// Puts the output folder into the state a crash between the two renames leaves: the previous output
/// moved to the backup, and a complete new build still in a temporary folder.
fn crash_between_renames(root: &Path, output: &Path) {
    fs::rename(output, root.join(".public.old")).expect("move output to backup");
    let temp = root.join(".public.new-999999");
    fs::create_dir(&temp).expect("create temporary folder");
    let half_built = files(&[("index.html", "half-built")]);
    fs::write(temp.join(MARKER_FILE), marker_text(&half_built)).expect("write marker");
    fs::write(temp.join("index.html"), "half-built").expect("write file");
}

#[test]
fn fresh_folder_gets_files_and_marker() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("site").join("public");

    let summary = write_ok(&output, &first_site());

    assert_eq!(summary, WriteSummary { files_written: 4, recovered: false });
    assert_eq!(snapshot(&output), expected_tree(&first_site()));
    assert_eq!(siblings(&root.path().join("site"), "public"), Vec::<String>::new());
}

#[test]
fn marker_lists_sorted_paths_after_header() {
    let (_root, output) = built_once();
    let text = fs::read_to_string(output.join(MARKER_FILE)).expect("marker");
    let lines: Vec<&str> = text.lines().collect();

    assert!(lines[0].starts_with('#'), "{text}");
    assert!(lines[0].contains("attendance-guide"), "{text}");
    assert_eq!(
        lines[1..],
        ["assets/site.1234.css", "index.html", "step-1/data/index.html", "step-1/index.html"]
    );
}

#[test]
fn rebuild_replaces_and_removes_stale_files() {
    let (root, output) = built_once();

    let summary = write_ok(&output, &second_site());

    assert_eq!(summary, WriteSummary { files_written: 3, recovered: false });
    assert_eq!(snapshot(&output), expected_tree(&second_site()));
    assert_eq!(siblings(root.path(), "public"), Vec::<String>::new());
}

#[test]
fn empty_existing_folder_accepted() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");
    fs::create_dir(&output).expect("create empty folder");

    write_ok(&output, &first_site());

    assert_eq!(snapshot(&output), expected_tree(&first_site()));
    assert_eq!(siblings(root.path(), "public"), Vec::<String>::new());
}

#[test]
fn relative_output_path_accepted() {
    let root = TempDir::new().expect("temporary folder");
    let absolute = root.path().join("public");
    let relative = relative_to_current_folder(&absolute);
    assert!(relative.is_relative());

    write_ok(&relative, &first_site());
    write_ok(&relative, &second_site());

    assert_eq!(snapshot(&absolute), expected_tree(&second_site()));
    assert_eq!(siblings(root.path(), "public"), Vec::<String>::new());
}

/// Builds a relative path to `absolute` from the current folder: one `..` for each of the current
/// folder's names, then `absolute` without its root.
fn relative_to_current_folder(absolute: &Path) -> PathBuf {
    let current = std::env::current_dir().expect("current folder");
    let mut relative = PathBuf::new();
    for _ in current.components().skip(1) {
        relative.push("..");
    }
    relative.extend(absolute.components().skip(1));
    relative
}

#[test]
fn foreign_folder_rejected_and_intact() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");
    fs::create_dir_all(output.join("photos")).expect("create folders");
    fs::write(output.join("thesis.docx"), "years of work").expect("write file");
    fs::write(output.join("photos/holiday.jpg"), [0xff, 0xd8, 0x00]).expect("write file");
    let before = snapshot(root.path());

    let diagnostics = write_err(&output, &first_site());

    let diagnostic = single(&diagnostics);
    assert!(diagnostic.is_error());
    assert_eq!(diagnostic.location.file, output.display().to_string());
    assert!(diagnostic.message.contains(MARKER_FILE), "{diagnostic}");
    assert!(diagnostic.message.contains("`thesis.docx`"), "{diagnostic}");
    assert!(diagnostic.message.contains("`photos/`"), "{diagnostic}");
    assert!(help(diagnostic).contains("--output"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn unknown_extra_file_rejected_and_named() {
    let (root, output) = built_once();
    fs::write(output.join("CNAME"), "attendance.example.org").expect("write CNAME");
    let before = snapshot(root.path());

    let diagnostics = write_err(&output, &second_site());

    let diagnostic = single(&diagnostics);
    assert!(diagnostic.message.contains("`CNAME`"), "{diagnostic}");
    assert!(!diagnostic.message.contains("index.html"), "only foreign entries are named: {diagnostic}");
    assert!(help(diagnostic).contains("content/static/"), "{diagnostic}");
    assert!(help(diagnostic).contains("--output"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn foreign_folder_named_once() {
    let (root, output) = built_once();
    fs::create_dir_all(output.join("step-1/drafts/old")).expect("create folders");
    fs::write(output.join("step-1/drafts/old/a.html"), "a").expect("write file");
    fs::write(output.join("step-1/drafts/b.html"), "b").expect("write file");
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &first_site()).remove(0);

    assert!(diagnostic.message.contains("`step-1/drafts/`"), "{diagnostic}");
    assert!(!diagnostic.message.contains("b.html"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn many_foreign_files_named_up_to_twenty() {
    let (root, output) = built_once();
    for index in 0..25 {
        fs::write(output.join(format!("extra-{index:02}.txt")), "x").expect("write file");
    }
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &first_site()).remove(0);

    assert!(diagnostic.message.contains("`extra-00.txt`"), "{diagnostic}");
    assert!(diagnostic.message.contains("`extra-19.txt`"), "{diagnostic}");
    assert!(!diagnostic.message.contains("`extra-20.txt`"), "{diagnostic}");
    assert!(diagnostic.message.contains("and 5 more"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn damaged_marker_rejected() {
    let (root, output) = built_once();
    fs::write(output.join(MARKER_FILE), "index.html\n").expect("overwrite marker");
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &second_site()).remove(0);

    assert!(diagnostic.message.contains(MARKER_FILE), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn crash_between_renames_restores_previous_output() {
    let (root, output) = built_once();
    crash_between_renames(root.path(), &output);

    // A file in the way of this run's temporary folder makes the build fail right after recovery,
    // which shows what recovery alone restored.
    let blocker = root.path().join(format!(".public.new-{}", std::process::id()));
    fs::write(&blocker, "in the way").expect("write blocker");
    let diagnostics = write_err(&output, &second_site());
    fs::remove_file(&blocker).expect("remove blocker");

    assert!(single(&diagnostics).message.contains("temporary folder"), "{diagnostics:#?}");
    assert_eq!(snapshot(&output), expected_tree(&first_site()));
    assert_eq!(siblings(root.path(), "public"), Vec::<String>::new());
}

#[test]
fn crash_between_renames_recovered_then_rebuilt() {
    let (root, output) = built_once();
    crash_between_renames(root.path(), &output);

    let summary = write_ok(&output, &second_site());

    assert_eq!(summary, WriteSummary { files_written: 3, recovered: true });
    assert_eq!(snapshot(&output), expected_tree(&second_site()));
    assert_eq!(siblings(root.path(), "public"), Vec::<String>::new());
}

#[test]
fn leftover_backup_beside_output_removed() {
    let (root, output) = built_once();
    let backup = root.path().join(".public.old");
    fs::create_dir(&backup).expect("create backup");
    let old = files(&[("old.html", "old")]);
    fs::write(backup.join(MARKER_FILE), marker_text(&old)).expect("write marker");
    fs::write(backup.join("old.html"), "old").expect("write file");

    let summary = write_ok(&output, &second_site());

    assert!(summary.recovered);
    assert_eq!(snapshot(&output), expected_tree(&second_site()));
    assert_eq!(siblings(root.path(), "public"), Vec::<String>::new());
}

#[test]
fn foreign_backup_folder_rejected_and_intact() {
    let (root, output) = built_once();
    let backup = root.path().join(".public.old");
    fs::create_dir(&backup).expect("create backup");
    fs::write(backup.join("keep.txt"), "someone's file").expect("write file");
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &second_site()).remove(0);

    assert!(diagnostic.message.contains(".public.old"), "{diagnostic}");
    assert!(diagnostic.message.contains("`keep.txt`"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn stale_temp_folders_cleaned() {
    let (root, output) = built_once();
    let stale = files(&[("index.html", "stale"), ("a/b.html", "stale")]);
    for pid in ["12345", "67890"] {
        let temp = root.path().join(format!(".public.new-{pid}"));
        fs::create_dir_all(temp.join("a")).expect("create temporary folder");
        fs::write(temp.join(MARKER_FILE), marker_text(&stale)).expect("write marker");
        fs::write(temp.join("index.html"), "stale").expect("write file");
    }
    fs::create_dir(root.path().join(".public.new-555")).expect("create empty temporary folder");

    let summary = write_ok(&output, &second_site());

    assert!(summary.recovered);
    assert_eq!(snapshot(&output), expected_tree(&second_site()));
    assert_eq!(siblings(root.path(), "public"), Vec::<String>::new());
}

#[test]
fn unmarked_temp_lookalike_kept() {
    let (root, output) = built_once();
    let lookalike = root.path().join(".public.new-4242");
    fs::create_dir(&lookalike).expect("create folder");
    fs::write(lookalike.join("notes.txt"), "not the tool's").expect("write file");
    let before = snapshot(&lookalike);

    write_ok(&output, &second_site());

    assert_eq!(snapshot(&lookalike), before);
    assert_eq!(siblings(root.path(), "public"), [".public.new-4242"]);
}

#[test]
fn path_traversal_rejected_and_nothing_written() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("site").join("public");
    let bad_paths = [
        "../escape.html",
        "a/../../escape.html",
        "/tmp/escape.html",
        "a\\..\\escape.html",
        "a//b.html",
        "",
        "./index.html",
        "folder/",
        MARKER_FILE,
    ];

    for bad in bad_paths {
        let mut site = first_site();
        site.insert(bad.to_owned(), b"escaped".to_vec());

        let diagnostics = write_err(&output, &site);

        let diagnostic = single(&diagnostics);
        let quoted = format!("`{}`", bad.escape_debug());
        assert!(diagnostic.message.contains(&quoted), "{bad:?}: {diagnostic}");
        assert_eq!(diagnostic.location.file, output.display().to_string());
        assert_eq!(snapshot(root.path()), BTreeMap::new(), "{bad:?} wrote something");
    }
    assert!(!Path::new("/tmp/escape.html").exists());
}

#[test]
fn file_and_folder_clash_rejected() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");
    let site = files(&[("guide", "a file"), ("guide/index.html", "a page")]);

    let diagnostic = write_err(&output, &site).remove(0);

    assert!(diagnostic.message.contains("`guide`"), "{diagnostic}");
    assert!(diagnostic.message.contains("`guide/index.html`"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), BTreeMap::new());
}

#[test]
fn output_path_that_is_file_rejected() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");
    fs::write(&output, "a file").expect("write file");
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &first_site()).remove(0);

    assert!(diagnostic.message.contains("is a file"), "{diagnostic}");
    assert_eq!(diagnostic.location.file, output.display().to_string());
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn failed_write_leaves_previous_output() {
    let (root, output) = built_once();
    let before = snapshot(root.path());
    let mut site = second_site();
    // No common file system accepts a name this long, so writing the temporary folder fails part-way.
    site.insert(format!("{}.html", "x".repeat(300)), b"too long".to_vec());

    let diagnostic = write_err(&output, &site).remove(0);

    assert!(diagnostic.message.starts_with("failed to write"), "{diagnostic}");
    assert!(help(&diagnostic).contains("unchanged"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[cfg(unix)]
#[test]
fn foreign_symlink_rejected() {
    let (root, output) = built_once();
    let outside = root.path().join("outside");
    fs::create_dir(&outside).expect("create outside folder");
    fs::write(outside.join("secret.txt"), "outside").expect("write outside file");
    std::os::unix::fs::symlink(&outside, output.join("linked")).expect("create symlink");
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &second_site()).remove(0);

    assert!(diagnostic.message.contains("`linked` (symbolic link)"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[cfg(unix)]
#[test]
fn symlink_in_place_of_listed_file_rejected() {
    let (root, output) = built_once();
    let outside = root.path().join("outside.html");
    fs::write(&outside, "outside").expect("write outside file");
    fs::remove_file(output.join("index.html")).expect("remove listed file");
    std::os::unix::fs::symlink(&outside, output.join("index.html")).expect("create symlink");
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &second_site()).remove(0);

    assert!(diagnostic.message.contains("`index.html` (symbolic link)"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[cfg(unix)]
#[test]
fn output_path_that_is_symlink_rejected() {
    let root = TempDir::new().expect("temporary folder");
    let real = root.path().join("real");
    fs::create_dir(&real).expect("create folder");
    let output = root.path().join("public");
    std::os::unix::fs::symlink(&real, &output).expect("create symlink");
    let before = snapshot(root.path());

    let diagnostic = write_err(&output, &first_site()).remove(0);

    assert!(diagnostic.message.contains("symbolic link"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn check_accepts_missing_and_own_output() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");

    assert_eq!(check_output_folder(&output), Ok(()));
    assert!(!output.exists(), "check must not create the folder");

    write_ok(&output, &first_site());
    assert_eq!(check_output_folder(&output), Ok(()));
}

#[test]
fn check_rejects_foreign_file_without_writing() {
    let (root, output) = built_once();
    fs::write(output.join("CNAME"), "attendance.example.org").expect("write CNAME");
    let before = snapshot(root.path());

    let diagnostics = check_output_folder(&output).expect_err("foreign file");

    let diagnostic = single(&diagnostics);
    assert!(diagnostic.message.contains("`CNAME`"), "{diagnostic}");
    assert!(help(diagnostic).contains("content/static/"), "{diagnostic}");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn check_leaves_crash_state_alone() {
    let (root, output) = built_once();
    crash_between_renames(root.path(), &output);
    let before = snapshot(root.path());

    assert_eq!(check_output_folder(&output), Ok(()));
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn check_rejects_output_that_is_file() {
    let root = TempDir::new().expect("temporary folder");
    let output = root.path().join("public");
    fs::write(&output, "a file").expect("write file");

    let diagnostics = check_output_folder(&output).expect_err("a file");

    assert!(single(&diagnostics).message.contains("is a file"), "{diagnostics:#?}");
}
