//! Watches the site's sources and rebuilds after a change.
//!
//! The debouncer folds the bursts of events an editor makes when it saves (write, rename over the old
//! file, attribute change) into one rebuild, so saving by rename works. The whole root is watched,
//! because `content/` or `themes/` may be created, deleted or renamed while the server runs; changes
//! under `public/`, `target/` and hidden folders are ignored.

use std::path::{Component, Path};
use std::sync::Arc;
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::Server;

/// Time to wait after the last event of a burst before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// Folders under the root whose changes never affect the site.
const IGNORED: [&str; 3] = ["public", "target", "node_modules"];

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching; the watcher stops when the returned value is dropped.
pub fn start(server: Arc<Server>) -> notify::Result<Watcher> {
    let root = server.options.root.clone();
    let handler_root = root.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| match result {
        Ok(events) => {
            // Reading a file is reported as an access event; counting those would make every build
            // trigger the next one.
            let relevant = events
                .iter()
                .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                .flat_map(|event| event.paths.iter())
                .any(|path| affects_site(&handler_root, path));
            if relevant {
                super::report(&server.rebuild(), &handler_root);
            }
        }
        Err(errors) => {
            for error in errors {
                tracing::warn!(%error, "file watching reported an error");
            }
        }
    })?;
    debouncer.watch(&root, RecursiveMode::Recursive)?;
    Ok(debouncer)
}

/// Whether a change at `path` can change the built site.
fn affects_site(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else { return true };
    let mut components = relative.components();
    let Some(Component::Normal(first)) = components.next() else { return true };
    let first = first.to_string_lossy();
    if IGNORED.contains(&first.as_ref()) || first.starts_with('.') {
        return false;
    }
    let hidden = relative.components().any(|part| part.as_os_str().to_string_lossy().starts_with('.'));
    (first == "content" || first == "themes") && !hidden
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        let cases = [
            ("/site/content/a.md", true),
            ("/site/themes/default/templates/page.html", true),
            ("/site/content", true),
            ("/site/public/index.html", false),
            ("/site/target/debug/x", false),
            ("/site/content/.a.md.swp", false),
            ("/site/.git/index", false),
            ("/site/README.md", false),
        ];
        for (path, expected) in cases {
            assert_eq!(affects_site(root, Path::new(path)), expected, "{path}");
        }
    }
}
