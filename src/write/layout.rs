//! The output folder and the sibling folders used while swapping a new build in.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};

/// Paths of the output folder and its siblings: for `site/public`, the backup is `site/.public.old` and
/// this process's temporary folder is `site/.public.new-<pid>`.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub output: PathBuf,
    pub backup: PathBuf,
    pub temp: PathBuf,
    /// Folder that contains the output, `.` for a bare relative name.
    pub parent: PathBuf,
    /// Start of every temporary folder's name, before the process id.
    temp_prefix: String,
}

impl Layout {
    pub fn new(output: &Path) -> Result<Self, Diagnostic> {
        let output = named_path(output)?;
        let Some(name) = output.file_name().map(OsStr::to_os_string) else {
            return Err(unnamed(&output));
        };

        let backup = output.with_file_name(sibling_name(&name, ".old"));
        let temp_suffix = format!(".new-{}", std::process::id());
        let temp = output.with_file_name(sibling_name(&name, &temp_suffix));
        let parent = match output.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp_prefix = format!(".{}.new-", name.to_string_lossy());

        Ok(Self { output, backup, temp, parent, temp_prefix })
    }

    /// Lists the temporary folders of any process (this one included) beside the output: real folders
    /// named `.<output>.new-<digits>`.
    pub fn temp_folders(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return Vec::new();
        };

        let mut folders = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let is_folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
            if is_folder && self.is_temp_name(&name.to_string_lossy()) {
                folders.push(entry.path());
            }
        }
        folders.sort();
        folders
    }

    fn is_temp_name(&self, name: &str) -> bool {
        name.strip_prefix(&self.temp_prefix)
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|byte| byte.is_ascii_digit()))
    }
}

/// Returns `output` itself when it ends in a name, or its canonical form for paths such as `.` or
/// `site/..`, which have no last name to derive sibling names from.
fn named_path(output: &Path) -> Result<PathBuf, Diagnostic> {
    if output.file_name().is_some() {
        return Ok(output.to_path_buf());
    }
    fs::canonicalize(output).map_err(|_| unnamed(output))
}

fn sibling_name(name: &OsStr, suffix: &str) -> OsString {
    let mut sibling = OsString::from(".");
    sibling.push(name);
    sibling.push(suffix);
    sibling
}

fn unnamed(output: &Path) -> Diagnostic {
    Diagnostic::error(
        Location::file(output.display().to_string()),
        format!("invalid output folder `{}`: it does not name a folder", output.display()),
    )
    .with_help("Give `--output` a folder path such as `public`; the folder is created if missing.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_names_siblings() {
        let layout = Layout::new(Path::new("site/public")).expect("a named path");
        assert_eq!(layout.output, PathBuf::from("site/public"));
        assert_eq!(layout.backup, PathBuf::from("site/.public.old"));
        assert_eq!(layout.temp, PathBuf::from(format!("site/.public.new-{}", std::process::id())));
        assert_eq!(layout.parent, PathBuf::from("site"));
    }

    #[test]
    fn layout_of_bare_name_uses_current_folder() {
        let layout = Layout::new(Path::new("public")).expect("a named path");
        assert_eq!(layout.parent, PathBuf::from("."));
        assert_eq!(layout.backup, PathBuf::from(".public.old"));
    }

    #[test]
    fn layout_rejects_empty_path() {
        assert!(Layout::new(Path::new("")).is_err());
    }

    #[test]
    fn temp_names_need_digits() {
        let layout = Layout::new(Path::new("public")).expect("a named path");
        assert!(layout.is_temp_name(".public.new-123"));
        assert!(!layout.is_temp_name(".public.new-"));
        assert!(!layout.is_temp_name(".public.new-12a"));
        assert!(!layout.is_temp_name(".public.old"));
        assert!(!layout.is_temp_name(".other.new-123"));
    }
}
