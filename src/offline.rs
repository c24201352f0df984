//! Offline use: a service worker that keeps the questionnaires working without a network after a first
//! visit, and a web app manifest so the guide can be added to a tablet's home screen.
//!
//! The worker stores only the built files it lists: the home page, every questionnaire page and every
//! file under `assets/` except the search index. It never stores a response it was not built with, so
//! no answer can reach the cache. Browsers register workers only in a secure context (HTTPS or
//! localhost); on plain HTTP the site works online as before.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::model::Site;

/// The worker's file at the output root; its folder is its scope, so it covers the whole site.
pub const SERVICE_WORKER: &str = "sw.js";
pub const MANIFEST: &str = "manifest.webmanifest";
const WORKER_SOURCE: &str = include_str!("offline/sw.js");
const ICON: &str = "assets/images/icon.svg";

/// Adds the service worker and the manifest to the built files.
pub fn add_files(site: &Site, files: &mut BTreeMap<String, Vec<u8>>) {
    let precached: Vec<&String> = files.keys().filter(|path| is_precached(path)).collect();

    let mut hasher = Sha256::new();
    for path in &precached {
        hasher.update(path.as_bytes());
        hasher.update(&files[*path]);
    }
    let version: String = hasher.finalize().iter().take(6).map(|byte| format!("{byte:02x}")).collect();

    let urls: Vec<String> = precached.iter().map(|path| site.url(path.strip_suffix("index.html").unwrap_or(path))).collect();
    let worker = WORKER_SOURCE
        .replace("__CACHE__", &format!("attendance-guide-{version}"))
        .replace("__PRECACHE__", &serde_json::to_string(&urls).unwrap_or_else(|_| "[]".to_owned()));
    let manifest = manifest(site, files.contains_key(ICON));

    files.insert(SERVICE_WORKER.to_owned(), worker.into_bytes());
    files.insert(MANIFEST.to_owned(), manifest.into_bytes());
}

fn is_precached(path: &str) -> bool {
    let page = path == "index.html" || (path.starts_with("questionnaires/") && path.ends_with("/index.html"));
    let asset = path.starts_with("assets/") && !path.contains("search-index");
    page || asset
}

fn manifest(site: &Site, has_icon: bool) -> String {
    let icons = if has_icon {
        serde_json::json!([{ "src": site.url(ICON), "sizes": "any", "type": "image/svg+xml", "purpose": "any" }])
    } else {
        serde_json::json!([])
    };
    let manifest = serde_json::json!({
        "name": site.config.title,
        "short_name": short_name(&site.config.title),
        "description": site.config.description,
        "lang": site.config.language,
        "start_url": site.base_path,
        "scope": site.base_path,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b3954",
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

/// Home screens show about 12 characters; a longer title is cut at a word.
fn short_name(title: &str) -> String {
    if title.chars().count() <= 12 {
        return title.to_owned();
    }
    let mut name = String::new();
    for word in title.split_whitespace() {
        if name.chars().count() + word.chars().count() + 1 > 12 && !name.is_empty() {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precaches_questionnaires_and_assets_only() {
        let cases = [
            ("index.html", true),
            ("questionnaires/pupil/index.html", true),
            ("assets/engine.1234.wasm", true),
            ("assets/images/icon.svg", true),
            ("assets/search-index.abcd.json", false),
            ("step-1/index.html", false),
            ("404.html", false),
        ];
        for (path, expected) in cases {
            assert_eq!(is_precached(path), expected, "{path}");
        }
    }

    #[test]
    fn short_names_fit_home_screens() {
        assert_eq!(short_name("Guide"), "Guide");
        assert_eq!(short_name("Interactive Attendance Guide"), "Interactive");
    }
}
