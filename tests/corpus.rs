//! The bad-input corpus: each folder of `tests/corpus/` is a small site that is copied to a temporary
//! folder and built with the real binary, `attendance-guide --root <copy> build`. Its `expected.txt`
//! states the exit status and what standard error and the output must contain (format in
//! `tests/corpus/README.md`). Every case must finish within its time limit, never panic, and a failed
//! build must leave no output folder behind.
//!
//! A property test then feeds random front matter and Markdown through `pipeline::build`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use attendance_guide::pipeline::{self, BuildOptions};
use proptest::prelude::*;
use walkdir::WalkDir;

/// Time limit of one build, so that a hang fails the test instead of stalling it.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Builds run side by side; the test machines have two cores.
const WORKERS: usize = 2;
/// The corpus shrinking by accident should fail the test rather than pass it with fewer cases.
const MINIMUM_CASES: usize = 35;

/// The checks that a case's `expected.txt` requests.
#[derive(Debug, Default)]
struct Expectation {
    exit: Option<i32>,
    stderr: Vec<String>,
    not_stderr: Vec<String>,
    /// Output files (relative to the output folder) with the text each must and must not contain.
    outputs: Vec<OutputCheck>,
    setup: Vec<Setup>,
    time_limit: Option<Duration>,
}

#[derive(Debug, Default)]
struct OutputCheck {
    path: String,
    contains: Vec<String>,
    lacks: Vec<String>,
}

/// Files made when the case is copied, because git cannot hold them or they are too big to commit.
#[derive(Debug)]
enum Setup {
    Symlink { link: String, target: String },
    Repeat { count: usize, path: String, text: String },
    Nest { levels: usize, folder: String },
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Case folders in name order; `CORPUS_CASE=name` runs only the cases whose name contains `name`.
fn case_dirs() -> Vec<PathBuf> {
    let filter = std::env::var("CORPUS_CASE").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("read tests/corpus")
        .map(|entry| entry.expect("read a corpus entry").path())
        .filter(|path| path.join("expected.txt").is_file())
        .filter(|path| path.file_name().is_some_and(|name| name.to_string_lossy().contains(&filter)))
        .collect();
    dirs.sort();
    dirs
}

fn parse_expectation(text: &str) -> Result<Expectation, String> {
    let mut expectation = Expectation::default();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(": ") else {
            return Err(format!("line {}: expected `key: value`, found `{line}`", number + 1));
        };
        parse_line(&mut expectation, key, value).map_err(|message| format!("line {}: {message}", number + 1))?;
    }
    if expectation.exit.is_none() {
        return Err("no `exit:` line".to_owned());
    }
    Ok(expectation)
}

fn parse_line(expectation: &mut Expectation, key: &str, value: &str) -> Result<(), String> {
    let number = |text: &str| text.parse::<usize>().map_err(|_| format!("`{text}` is not a whole number"));
    match key {
        "exit" => expectation.exit = Some(value.parse().map_err(|_| format!("invalid exit status `{value}`"))?),
        "stderr" => expectation.stderr.push(unescape(value)),
        "no-stderr" => expectation.not_stderr.push(unescape(value)),
        "output" => expectation.outputs.push(OutputCheck { path: value.to_owned(), ..OutputCheck::default() }),
        "output-contains" | "output-lacks" => {
            let Some(output) = expectation.outputs.last_mut() else {
                return Err(format!("`{key}` before any `output:` line"));
            };
            let list = if key == "output-contains" { &mut output.contains } else { &mut output.lacks };
            list.push(unescape(value));
        }
        "seconds" => expectation.time_limit = Some(Duration::from_secs(number(value)? as u64)),
        "symlink" => {
            let (link, target) = value.split_once(" -> ").ok_or("expected `symlink: LINK -> TARGET`")?;
            expectation.setup.push(Setup::Symlink { link: link.to_owned(), target: target.to_owned() });
        }
        "repeat" => {
            let mut parts = value.splitn(3, ' ');
            let (Some(count), Some(path), Some(text)) = (parts.next(), parts.next(), parts.next()) else {
                return Err("expected `repeat: COUNT PATH TEXT`".to_owned());
            };
            expectation.setup.push(Setup::Repeat { count: number(count)?, path: path.to_owned(), text: unescape(text) });
        }
        "nest" => {
            let (levels, folder) = value.split_once(' ').ok_or("expected `nest: LEVELS FOLDER`")?;
            expectation.setup.push(Setup::Nest { levels: number(levels)?, folder: folder.to_owned() });
        }
        _ => return Err(format!("unknown key `{key}`")),
    }
    Ok(())
}

/// Turns `\n`, `\r`, `\t` and `\\` into the characters they stand for.
fn unescape(text: &str) -> String {
    let mut output = String::with_capacity(text.len());
    let mut characters = text.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            output.push(character);
            continue;
        }
        match characters.next() {
            Some('n') => output.push('\n'),
            Some('r') => output.push('\r'),
            Some('t') => output.push('\t'),
            Some(other) => output.push(other),
            None => output.push('\\'),
        }
    }
    output
}

/// Copies the case's site (everything but `expected.txt`) to `root` and makes its generated files.
fn prepare(case: &Path, root: &Path, setup: &[Setup]) -> std::io::Result<()> {
    for entry in WalkDir::new(case).min_depth(1) {
        let entry = entry?;
        let relative = entry.path().strip_prefix(case).expect("inside the case folder");
        if relative == Path::new("expected.txt") {
            continue;
        }
        let target = root.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }

    for step in setup {
        match step {
            Setup::Symlink { link, target } => {
                let link = root.join(link);
                std::fs::create_dir_all(link.parent().expect("a link inside the site"))?;
                std::os::unix::fs::symlink(target, link)?;
            }
            Setup::Repeat { count, path, text } => {
                let path = root.join(path);
                std::fs::create_dir_all(path.parent().expect("a file inside the site"))?;
                let mut bytes = std::fs::read(&path).unwrap_or_default();
                bytes.extend(text.repeat(*count).into_bytes());
                std::fs::write(path, bytes)?;
            }
            Setup::Nest { levels, folder } => {
                let mut path = root.join(folder);
                for level in 1..=*levels {
                    path.push(format!("level-{level}"));
                    std::fs::create_dir_all(&path)?;
                    let page = format!("---\ntitle: Level {level}\n---\nA page {level} folders down.\n");
                    std::fs::write(path.join("_index.md"), page)?;
                }
            }
        }
    }
    Ok(())
}

/// The outcome of one run of the binary.
struct Run {
    /// None when the process was killed by a signal or the time limit.
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
    timed_out: bool,
}

fn run_build(root: &Path) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_attendance-guide"))
        .arg("--root")
        .arg(root)
        .arg("build")
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start attendance-guide");

    // Read standard error on a thread, so that a full pipe cannot stop the build.
    let mut pipe = child.stderr.take().expect("a stderr pipe");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let (code, timed_out) = wait_with_timeout(&mut child, started);
    let stderr = reader.join().unwrap_or_default();
    Run { code, stderr, elapsed: started.elapsed(), timed_out }
}

fn wait_with_timeout(child: &mut Child, started: Instant) -> (Option<i32>, bool) {
    loop {
        if let Some(status) = child.try_wait().expect("wait for attendance-guide") {
            return (status.code(), false);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return (None, true);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Builds one case and returns what went wrong, if anything.
fn check_case(case: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(case.join("expected.txt")).expect("read expected.txt");
    let expectation = match parse_expectation(&text) {
        Ok(expectation) => expectation,
        Err(message) => return vec![format!("invalid expected.txt: {message}")],
    };
    let dir = tempfile::tempdir().expect("create a temporary folder");
    if let Err(error) = prepare(case, dir.path(), &expectation.setup) {
        return vec![format!("copying the case failed: {error}")];
    }
    let entries_before = top_level_entries(dir.path());

    let run = run_build(dir.path());
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("timed out after {} s", TIMEOUT.as_secs()));
    }
    if run.code != expectation.exit {
        problems.push(format!("exit status {:?}, expected {:?}", run.code, expectation.exit));
    }
    if let Some(limit) = expectation.time_limit.filter(|limit| run.elapsed > *limit) {
        problems.push(format!("took {:.1} s, more than the case's limit of {} s", run.elapsed.as_secs_f64(), limit.as_secs()));
    }
    if run.stderr.contains("panicked") {
        problems.push("the build panicked".to_owned());
    }
    for expected in &expectation.stderr {
        if !run.stderr.contains(expected.as_str()) {
            problems.push(format!("standard error lacks `{expected}`"));
        }
    }
    for unexpected in &expectation.not_stderr {
        if run.stderr.contains(unexpected.as_str()) {
            problems.push(format!("standard error contains `{unexpected}`"));
        }
    }
    if run.code != Some(0) && top_level_entries(dir.path()) != entries_before {
        problems.push("the failed build left files beside the content folder (an output folder)".to_owned());
    }
    for output in &expectation.outputs {
        problems.extend(check_output(&dir.path().join("public"), output));
    }

    if !problems.is_empty() {
        problems.push(format!("standard error was:\n{}", excerpt(&run.stderr)));
    }
    problems
}

fn check_output(output_dir: &Path, check: &OutputCheck) -> Vec<String> {
    let text = match std::fs::read(output_dir.join(&check.path)) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => return vec![format!("output file `{}` not readable: {error}", check.path)],
    };
    let missing = check.contains.iter().filter(|expected| !text.contains(expected.as_str()));
    let present = check.lacks.iter().filter(|unexpected| text.contains(unexpected.as_str()));
    missing
        .map(|expected| format!("`{}` lacks `{expected}`", check.path))
        .chain(present.map(|unexpected| format!("`{}` contains `{unexpected}`", check.path)))
        .collect()
}

fn top_level_entries(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// Returns the start and end of a long standard error, enough to see what happened.
fn excerpt(text: &str) -> String {
    const KEEP: usize = 3000;
    if text.len() <= 2 * KEEP {
        return text.to_owned();
    }
    let start = (0..=KEEP).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let end = (text.len() - KEEP..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    format!("{}\n[… {} bytes left out …]\n{}", &text[..start], end - start, &text[end..])
}

#[test]
fn corpus_cases_build_as_expected() {
    let cases = case_dirs();
    if std::env::var("CORPUS_CASE").is_err() {
        assert!(cases.len() >= MINIMUM_CASES, "only {} corpus cases found in tests/corpus", cases.len());
    }
    assert!(!cases.is_empty(), "no corpus case matches CORPUS_CASE");

    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                while let Some(case) = cases.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let problems = check_case(case);
                    if !problems.is_empty() {
                        let name = case.file_name().unwrap_or_default().to_string_lossy().into_owned();
                        failures.lock().expect("no worker panicked").push(format!("{name}:\n  {}", problems.join("\n  ")));
                    }
                }
            });
        }
    });

    let mut failures = failures.into_inner().expect("no worker panicked");
    failures.sort();
    assert!(failures.is_empty(), "{} of {} corpus cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

#[test]
fn expectation_format_parses() {
    let text = "# a comment\nexit: 1\nstderr: a\\tb\nno-stderr: panicked\noutput: x/index.html\noutput-contains: <p>\noutput-lacks: {{\nseconds: 5\nsymlink: content/a/loop -> ..\nrepeat: 3 content/a.md ab\\n\nnest: 2 content/deep\n";
    let expectation = parse_expectation(text).expect("a valid expected.txt");
    assert_eq!(expectation.exit, Some(1));
    assert_eq!(expectation.stderr, ["a\tb"]);
    assert_eq!(expectation.outputs[0].contains, ["<p>"]);
    assert_eq!(expectation.outputs[0].lacks, ["{{"]);
    assert_eq!(expectation.time_limit, Some(Duration::from_secs(5)));
    assert_eq!(expectation.setup.len(), 3);
    assert!(matches!(&expectation.setup[1], Setup::Repeat { count: 3, text, .. } if text == "ab\n"));

    assert!(parse_expectation("stderr: x\n").is_err(), "a case without an exit status");
    assert!(parse_expectation("exit: 0\ncolour: red\n").is_err(), "an unknown key");
    assert!(parse_expectation("exit: 0\noutput-contains: x\n").is_err(), "a check before its file");
}

/// Writes a site with a valid home page and one page made of `front_matter` and `body`.
fn write_random_site(root: &Path, front_matter: &str, body: &str) {
    let content = root.join("content");
    std::fs::create_dir_all(&content).expect("create content/");
    std::fs::write(content.join("site.yaml"), "title: Random\n").expect("write site.yaml");
    std::fs::write(content.join("_index.md"), "---\ntitle: Home\n---\nSee [the page](random.md).\n").expect("write the home page");
    std::fs::write(content.join("random.md"), format!("---\n{front_matter}\n---\n{body}")).expect("write the page");
}

fn front_matter_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title: A page".to_owned()),
        Just("title:".to_owned()),
        Just("weight: 3".to_owned()),
        Just("draft: maybe".to_owned()),
        Just("template: nothing.html".to_owned()),
        Just("extra:\n  reviewed: 2025-01-31 09:00:00 +01:00\n  list: [1, 2,".to_owned()),
        Just("extra: &a [*a, *a]".to_owned()),
        Just("\ttitle: tab".to_owned()),
        Just("---".to_owned()),
        Just("titel: misspelt".to_owned()),
        "[a-z]{1,8}: [^\n]{0,20}",
        "\\PC{0,30}",
    ]
}

fn body_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Heading".to_owned()),
        Just("#### Deep heading".to_owned()),
        Just("{{ threshold() }}".to_owned()),
        Just("{{ callout(kind=\"note\") }}".to_owned()),
        Just("{{ end }}".to_owned()),
        Just("{{ calout() }}".to_owned()),
        Just("{{".to_owned()),
        Just("`{{ code() }}`".to_owned()),
        Just("```".to_owned()),
        Just("<div title=\"{{ x() }}\">".to_owned()),
        Just("<script>".to_owned()),
        Just("[link](_index.md#nowhere)".to_owned()),
        Just("![](missing.png)".to_owned()),
        Just("---".to_owned()),
        Just("> quote".to_owned()),
        Just("| a | b |\n|---|:-:|".to_owned()),
        Just("[^note]".to_owned()),
        Just("\u{F8FF}sc0\u{F8FF}".to_owned()),
        Just("\0".to_owned()),
        "\\PC{0,20}",
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just(" "), Just("\n"), Just("\n\n"), Just("\r\n"), Just("")]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_pages_never_panic(
        front_matter in prop::collection::vec(front_matter_line(), 0..5),
        body in prop::collection::vec((body_piece(), separator()), 0..24),
    ) {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let body: String = body.iter().flat_map(|(piece, separator)| [piece.as_str(), separator]).collect();
        write_random_site(dir.path(), &front_matter.join("\n"), &body);

        let options = BuildOptions { root: dir.path().to_path_buf(), base_url: None, drafts: false, development: false };
        let result = pipeline::build(&options);

        prop_assert!(!result.diagnostics.has_errors() || result.files.is_empty(), "files built despite errors");
        for diagnostic in result.diagnostics.iter().filter(|d| d.location.file.ends_with("random.md")) {
            prop_assert!(diagnostic.location.line > 0, "a page diagnostic without a line: {diagnostic}");
        }
    }
}
