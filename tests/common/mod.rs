//! Helpers shared by the CLI tests: copy a fixture site into a temporary folder, edit it, run the
//! real binary on it and read what it wrote.

#![allow(dead_code)]

pub mod questionnaires;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;
use walkdir::WalkDir;

/// A copy of `tests/fixtures/<name>` in a temporary folder, removed when dropped.
pub struct Fixture {
    pub dir: TempDir,
}

impl Fixture {
    pub fn new(name: &str) -> Self {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let dir = tempfile::tempdir().expect("create a temporary folder");
        for entry in WalkDir::new(&source) {
            let entry = entry.expect("walk the fixture");
            let target = dir.path().join(entry.path().strip_prefix(&source).expect("inside the fixture"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("create a fixture folder");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy a fixture file");
            }
        }
        Self { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Writes `text` to `relative`, creating folders as needed.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folders");
        std::fs::write(path, text).expect("write a fixture file");
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative)).expect("remove a fixture file");
    }

    /// Runs `attendance-guide --root <fixture> <args>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_attendance-guide"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("RUST_LOG")
            .output()
            .expect("run attendance-guide");
        Run::from(output)
    }

    /// Builds into `<fixture>/public` and fails the test with the output when the build fails.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// Reads a file of the built site.
    pub fn output(&self, relative: &str) -> String {
        let path = self.path("public").join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()))
    }

    /// Every file under `relative`, as (path, bytes), sorted.
    pub fn tree(&self, relative: &str) -> Vec<(String, Vec<u8>)> {
        let base = self.path(relative);
        let mut files: Vec<(String, Vec<u8>)> = WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| {
                let name = entry.path().strip_prefix(&base).expect("inside").to_string_lossy().replace('\\', "/");
                (name, std::fs::read(entry.path()).expect("read"))
            })
            .collect();
        files.sort();
        files
    }
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Returns the positions of `needles` in `haystack`, failing when one is missing.
pub fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|needle| haystack.find(needle).unwrap_or_else(|| panic!("`{needle}` not found in:\n{haystack}")))
        .collect()
}
