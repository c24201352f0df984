//! The target of a resource: a web address (`link: https://…`) or a file of this site (`file: …`).
//!
//! Only `http` and `https` addresses are allowed, so a record cannot smuggle a `javascript:`, `data:`
//! or `file:` URL into the site. A `link` without a scheme is read as a file of the site, like `file`.
//! File paths are relative to the YAML file's folder, or to `content/` when they start with `/`. Whether
//! the file exists is checked once the site's pages ([`missing_page`]) and files ([`missing_file`]) are
//! known.

use serde::Serialize;

use crate::diagnostics::closest;
use crate::load::{STATIC_DIR, Sources};
use crate::model::{Site, encode_path};

/// The resolved target of a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    /// A web address, checked to be `http://` or `https://` with a host.
    Link { url: String },
    File {
        /// The path as written in the record, for messages.
        written: String,
        /// The path under `content/` with `.` and `..` resolved: `tools/plan.md`, or `tools/` for a
        /// folder's own page.
        source: String,
        /// The published path relative to the site root, percent-encoded: `tools/plan/`.
        path: String,
    },
}

/// A rejected target: what is wrong and how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub struct Rejection {
    pub message: String,
    pub help: String,
}

fn reject(message: String, help: &str) -> Rejection {
    Rejection { message, help: help.to_owned() }
}

const LINK_HELP: &str =
    "write a full web address starting with `https://`, or use `file:` for a file of this site, such as `../tools/plan.md`";

/// Reads a `link` value. `folder` is the YAML file's folder under `content/`.
pub fn parse_link(written: &str, folder: &str) -> Result<Target, Rejection> {
    if written.chars().any(char::is_control) {
        return Err(reject(format!("link `{}` contains a control character", written.escape_debug()), LINK_HELP));
    }
    let Some(scheme) = scheme_of(written) else {
        if written.starts_with("//") || written.starts_with("\\\\") {
            let message = format!("link `{written}` has no scheme");
            return Err(reject(message, "write the full address, starting with `https://`"));
        }
        return parse_file(written, folder, "link");
    };

    let lower = scheme.to_ascii_lowercase();
    if lower != "http" && lower != "https" {
        let message = format!("link `{written}` uses the `{scheme}:` scheme, but only http and https addresses are allowed");
        return Err(reject(message, LINK_HELP));
    }
    let rest = written.split_once(':').map_or("", |(_, rest)| rest);
    let host = rest.strip_prefix("//").map(|after| after.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(host) if !host.is_empty() && !written.contains(char::is_whitespace) && !written.contains('\\') => {
            Ok(Target::Link { url: written.to_owned() })
        }
        _ => Err(reject(format!("invalid web address `{written}`"), "write it as `https://` followed by the site's name and path, without spaces")),
    }
}

/// Reads a `file` value, or a `link` without a scheme (`key` names the field for messages).
pub fn parse_file(written: &str, folder: &str, key: &str) -> Result<Target, Rejection> {
    let help = "give a path relative to this YAML file, such as `../tools/plan.md`, or from the content folder, such as `/tools/plan.md`";
    if written.chars().any(char::is_control) || written.contains('\\') {
        return Err(reject(format!("{key} `{}` is not a valid path", written.escape_debug()), help));
    }
    if let Some(scheme) = scheme_of(written) {
        let message = format!("{key} `{written}` is an address with the `{scheme}:` scheme, not a file of this site");
        let help = "use `link:` for an http or https address; other schemes are not allowed";
        return Err(reject(message, help));
    }
    if written.contains(['#', '?']) {
        let message = format!("{key} `{written}` contains `#` or `?`, but a file path cannot have a fragment or query");
        return Err(reject(message, "link to the whole page or file"));
    }

    let joined = match written.strip_prefix('/') {
        Some(from_root) => from_root.to_owned(),
        None if folder.is_empty() => written.to_owned(),
        None => format!("{folder}/{written}"),
    };
    let Some(source) = crate::load::normalise(&joined) else {
        return Err(reject(format!("{key} `{written}` points outside the content folder"), help));
    };
    if source.is_empty() || source == "/" {
        let path = String::new();
        return Ok(Target::File { written: written.to_owned(), source: "_index.md".to_owned(), path });
    }
    let path = encode_path(&published_path(&source));
    let source = if source.ends_with('/') { format!("{source}_index.md") } else { source };
    Ok(Target::File { written: written.to_owned(), source, path })
}

/// Returns the scheme of an absolute URL, such as `https` or `javascript`. Browsers ignore tabs and line
/// breaks inside a URL, so those are dropped before looking, as they are when a link is followed.
fn scheme_of(written: &str) -> Option<&str> {
    let colon = written.find(':')?;
    let candidate = &written[..colon];
    let stripped: String = candidate.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let mut chars = stripped.trim_start().chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = starts_with_letter && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate.trim_start())
}

/// Returns the published path of a source under `content/`: pages get a folder of their own, files in
/// `static/` go to the site root, other files keep their path.
fn published_path(source: &str) -> String {
    if source.ends_with('/') {
        return source.to_owned();
    }
    if let Some(folder) = source.strip_suffix("_index.md") {
        return folder.to_owned();
    }
    if let Some(stem) = source.strip_suffix(".md").or_else(|| source.strip_suffix(".MD")) {
        return format!("{stem}/");
    }
    match source.strip_prefix(&format!("{STATIC_DIR}/")) {
        Some(published) => published.to_owned(),
        None => source.to_owned(),
    }
}

impl Target {
    /// Returns the title of the page a file target leads to, if it is a page.
    pub fn page_title<'a>(&self, site: &'a Site) -> Option<&'a str> {
        match self {
            Target::File { source, .. } => site.page_index(source).map(|index| site.pages[index].title()),
            Target::Link { .. } => None,
        }
    }

    /// Returns the URL the target opens: the address itself, or the file's URL under the site's base path.
    pub fn href(&self, site: &Site) -> String {
        match self {
            Target::Link { url } => url.clone(),
            Target::File { path, .. } => format!("{}{path}", site.base_path),
        }
    }
}

fn is_page(source: &str) -> bool {
    source.ends_with(".md") || source.ends_with(".MD")
}

/// Returns why a file target that names a Markdown page does not lead to a published page, or None
/// when it does, or when the target is a link or another kind of file ([`missing_file`] checks those).
/// A page left out for front matter errors counts as published, because that error is reported already.
pub fn missing_page(target: &Target, site: &Site) -> Option<Rejection> {
    let Target::File { written, source, .. } = target else { return None };
    if !is_page(source) || site.page_index(source).is_some() || site.failed_sources.contains(source) {
        return None;
    }
    if site.draft_sources.contains(source) {
        let message = format!("`{written}` is the draft page `content/{source}`, which is not published");
        let help = "remove `draft: true` from the page, or point at a published page";
        return Some(reject(message, help));
    }
    let message = format!("`{written}` not found: there is no page `content/{source}`");
    Some(reject(message, &suggestion(source, site.pages.iter().map(|page| page.source.as_str()))))
}

/// Returns why a file target that is not a Markdown page is not among the site's files, or None when
/// it is, or when the target is a link or a page.
pub fn missing_file(target: &Target, sources: &Sources) -> Option<Rejection> {
    let Target::File { written, source, .. } = target else { return None };
    if is_page(source) {
        return None;
    }
    let exists = match source.strip_prefix(&format!("{STATIC_DIR}/")) {
        Some(published) => sources.statics.iter().any(|file| file.path == published),
        None => sources.assets.iter().any(|file| &file.path == source),
    };
    if exists {
        return None;
    }
    let message = format!("`{written}` not found: there is no file `content/{source}`");
    Some(reject(message, &suggestion(source, sources.assets.iter().map(|file| file.path.as_str()))))
}

fn suggestion<'a>(source: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match closest(source, candidates) {
        Some(found) => format!("did you mean `/{found}`? Paths are relative to the YAML file, or start with `/` for the content folder"),
        None => "check the path: it is relative to the YAML file, or starts with `/` for the content folder".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(written: &str, source: &str, path: &str) -> Target {
        Target::File { written: written.to_owned(), source: source.to_owned(), path: path.to_owned() }
    }

    #[test]
    fn web_addresses() {
        let accepted = ["https://www.example.org/a?b=c#d", "http://example.org", "HTTPS://example.org/"];
        for url in accepted {
            assert_eq!(parse_link(url, "resources"), Ok(Target::Link { url: url.to_owned() }), "{url}");
        }
    }

    #[test]
    fn other_schemes_rejected() {
        let cases = [
            ("javascript:alert(1)", "`javascript:` scheme"),
            ("JavaScript:alert(1)", "`JavaScript:` scheme"),
            ("java\tscript:alert(1)", "control character"),
            (" javascript:alert(1)", "`javascript:` scheme"),
            ("data:text/html,hi", "`data:` scheme"),
            ("file:///etc/passwd", "`file:` scheme"),
            ("mailto:a@example.org", "`mailto:` scheme"),
            ("vbscript:x", "`vbscript:` scheme"),
        ];
        for (written, expected) in cases {
            let rejection = parse_link(written, "resources").expect_err(written);
            assert!(rejection.message.contains(expected), "{written}: {}", rejection.message);
        }
    }

    #[test]
    fn malformed_addresses_rejected() {
        for written in ["https://", "https:example.org", "http:///path", "https://exa mple.org", "https:\\\\evil.org", "//evil.org/x"] {
            assert!(parse_link(written, "resources").is_err(), "{written}");
        }
    }

    #[test]
    fn local_paths_resolve_from_the_yaml_folder() {
        let cases = [
            ("../tools/plan.md", "tools/plan.md", "tools/plan/"),
            ("/tools/plan.md", "tools/plan.md", "tools/plan/"),
            ("../tools/", "tools/_index.md", "tools/"),
            ("../tools/_index.md", "tools/_index.md", "tools/"),
            ("../tools/sheet.pdf", "tools/sheet.pdf", "tools/sheet.pdf"),
            ("/static/forms/plan form.pdf", "static/forms/plan form.pdf", "forms/plan%20form.pdf"),
            ("local.md", "resources/local.md", "resources/local/"),
        ];
        for (written, source, path) in cases {
            assert_eq!(parse_file(written, "resources", "file"), Ok(file(written, source, path)), "{written}");
        }
    }

    #[test]
    fn link_without_scheme_is_a_file() {
        assert_eq!(parse_link("../tools/plan.md", "resources"), Ok(file("../tools/plan.md", "tools/plan.md", "tools/plan/")));
    }

    #[test]
    fn bad_paths_rejected() {
        let cases = [
            ("../../secret.md", "outside the content folder"),
            ("https://example.org", "`https:` scheme"),
            ("../tools/plan.md#top", "fragment"),
            ("..\\tools\\plan.md", "not a valid path"),
        ];
        for (written, expected) in cases {
            let rejection = parse_file(written, "resources", "file").expect_err(written);
            assert!(rejection.message.contains(expected), "{written}: {}", rejection.message);
        }
    }
}
