//! `init`: creates a small site that builds at once, with one example of each kind of content and
//! comments in the YAML explaining each field.

use std::path::Path;

use include_dir::{Dir, include_dir};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init");

/// Creates the starter site in `folder`, which must be missing or empty. Returns the files written,
/// relative to `folder`.
pub fn create(folder: &Path) -> Result<Vec<String>, String> {
    if folder.exists() {
        if !folder.is_dir() {
            return Err(format!("`{}` is a file, not a folder; choose a new folder name", folder.display()));
        }
        let mut entries =
            std::fs::read_dir(folder).map_err(|error| format!("cannot read `{}`: {error}", folder.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "`{}` is not empty; choose a new or empty folder so no file of yours is overwritten",
                folder.display()
            ));
        }
    }

    let mut written = Vec::new();
    write_dir(&STARTER, folder, &mut written)?;
    written.sort();
    Ok(written)
}

fn write_dir(dir: &Dir<'static>, folder: &Path, written: &mut Vec<String>) -> Result<(), String> {
    for file in dir.files() {
        let relative = file.path();
        let target = folder.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|error| format!("cannot create `{}`: {error}", parent.display()))?;
        }
        std::fs::write(&target, file.contents()).map_err(|error| format!("cannot write `{}`: {error}", target.display()))?;
        written.push(relative.to_string_lossy().replace('\\', "/"));
    }
    for sub in dir.dirs() {
        write_dir(sub, folder, written)?;
    }
    Ok(())
}
