//! Rewriting of Markdown link and image destinations.
//!
//! Links between pages use source paths (`../step-2/_index.md#anchor`), which are resolved to built URLs
//! and recorded for the anchor check. Web, mail and phone links stay as written. Script and `data:` URLs
//! are errors, and so are images from other sites, which the Content Security Policy would block.

use percent_encoding::percent_decode_str;

use super::html_rules::quote;
use super::{InternalLink, LinkResolver};
use crate::diagnostics::{Diagnostic, Location};

/// Schemes of links that leave the site and stay as written.
const EXTERNAL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LinkKind {
    Link,
    Image,
}

/// The result of rewriting one destination.
#[derive(Debug, Default)]
pub(super) struct Rewrite {
    /// The new destination, or `None` to keep the one written.
    pub destination: Option<String>,
    pub internal: Option<InternalLink>,
    pub diagnostic: Option<Diagnostic>,
}

/// The linking file and the resolver for its links.
pub(super) struct LinkContext<'r> {
    pub file: &'r str,
    pub resolver: &'r dyn LinkResolver,
}

/// Returns the URL scheme in lower case, read as browsers do: tabs and line breaks anywhere and leading
/// control characters and spaces are ignored. Returns `None` for relative URLs.
pub(super) fn url_scheme(url: &str) -> Option<String> {
    let cleaned = strip_ignored_characters(url);
    let (scheme, _) = cleaned.split_once(':')?;

    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = starts_with_letter && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Tells whether a URL points to another site: a web address or one starting with `//`, which browsers
/// also accept written with backslashes.
pub(super) fn is_other_site(url: &str) -> bool {
    if matches!(url_scheme(url).as_deref(), Some("http" | "https")) {
        return true;
    }
    let cleaned = strip_ignored_characters(url);
    let mut start = cleaned.chars().take(2);
    start.all(|c| c == '/' || c == '\\') && cleaned.len() >= 2
}

fn strip_ignored_characters(url: &str) -> String {
    let without_breaks: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    without_breaks.trim_start_matches(|c: char| c <= ' ').to_owned()
}

/// Rewrites one link or image destination, reporting problems at `location`.
pub(super) fn rewrite(destination: &str, kind: LinkKind, location: Location, context: &LinkContext<'_>) -> Rewrite {
    let trimmed = destination.trim();
    if trimmed.is_empty() {
        return Rewrite::default();
    }

    if let Some(fragment) = trimmed.strip_prefix('#') {
        let internal = decode_fragment(fragment).map(|fragment| InternalLink {
            url: String::new(),
            fragment: Some(fragment),
            location,
        });
        return Rewrite { internal, ..Rewrite::default() };
    }

    if let Some(scheme) = url_scheme(trimmed) {
        return check_scheme(trimmed, &scheme, kind, location);
    }
    if is_other_site(trimmed) {
        return check_other_site(trimmed, kind, location);
    }

    resolve_internal(trimmed, kind, location, context)
}

fn check_scheme(destination: &str, scheme: &str, kind: LinkKind, location: Location) -> Rewrite {
    let allowed_data_image = kind == LinkKind::Image && destination.to_ascii_lowercase().starts_with("data:image/");
    match scheme {
        "javascript" | "vbscript" => rejected(
            location,
            format!("{} `{}` uses the `{scheme}:` scheme, which is not allowed", kind.noun(), quote(destination)),
            "link to a page, a file or a web address instead, because the Content Security Policy blocks script URLs",
        ),
        "data" if !allowed_data_image => rejected(
            location,
            format!("{} `{}` uses the `data:` scheme, which is not allowed", kind.noun(), quote(destination)),
            "put the file in the content folder and link to it with a relative path",
        ),
        "http" | "https" => check_other_site(destination, kind, location),
        _ => {
            if !EXTERNAL_SCHEMES.contains(&scheme) && scheme != "data" {
                tracing::debug!(scheme, destination, "leaving a link with an unusual scheme unchanged");
            }
            Rewrite::default()
        }
    }
}

fn check_other_site(destination: &str, kind: LinkKind, location: Location) -> Rewrite {
    if kind == LinkKind::Link {
        return Rewrite::default();
    }
    let message =
        format!("image `{}` is on another site, which the Content Security Policy blocks", quote(destination));
    let diagnostic = Diagnostic::error(location, message)
        .with_help("save the image in the content folder and link to it with a relative path");
    Rewrite { diagnostic: Some(diagnostic), ..Rewrite::default() }
}

fn rejected(location: Location, message: String, help: &str) -> Rewrite {
    Rewrite {
        destination: Some("#".to_owned()),
        internal: None,
        diagnostic: Some(Diagnostic::error(location, message).with_help(help)),
    }
}

/// Resolves a source path (with optional `?query` and `#fragment`) to the built URL.
fn resolve_internal(destination: &str, kind: LinkKind, location: Location, context: &LinkContext<'_>) -> Rewrite {
    let (before_fragment, fragment) = match destination.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (destination, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (before_fragment, None),
    };
    let decoded_fragment = fragment.and_then(decode_fragment);

    if path.is_empty() {
        let internal =
            decoded_fragment.map(|fragment| InternalLink { url: String::new(), fragment: Some(fragment), location });
        return Rewrite { internal, ..Rewrite::default() };
    }

    let Ok(decoded_path) = percent_decode_str(path).decode_utf8() else {
        let message = format!("{} `{}` has a percent-encoded path that is not UTF-8", kind.noun(), quote(destination));
        let diagnostic = Diagnostic::error(location, message)
            .with_help("write the path as plain text, such as `../step-2/_index.md`");
        return Rewrite { diagnostic: Some(diagnostic), ..Rewrite::default() };
    };

    let Some(url) = context.resolver.resolve(&decoded_path) else {
        return broken(destination, &decoded_path, kind, location, context.file);
    };

    let mut rewritten = url.clone();
    if let Some(query) = query {
        rewritten.push('?');
        rewritten.push_str(query);
    }
    if let Some(fragment) = fragment {
        rewritten.push('#');
        rewritten.push_str(fragment);
    }

    let points_to_page = url.ends_with('/');
    let internal = (decoded_fragment.is_some() || points_to_page).then_some(InternalLink {
        url,
        fragment: decoded_fragment,
        location,
    });
    Rewrite { destination: Some(rewritten), internal, diagnostic: None }
}

fn broken(destination: &str, path: &str, kind: LinkKind, location: Location, file: &str) -> Rewrite {
    let expected = expected_source_path(file, path);
    let message =
        format!("{} `{}` not found: there is no page or file at `{expected}`", kind.noun(), quote(destination));
    let help = "check the path, which is relative to this file's folder or, when it starts with `/`, to the content \
                folder. Links to pages name their source files, such as `../step-2/_index.md`";
    Rewrite { diagnostic: Some(Diagnostic::error(location, message).with_help(help)), ..Rewrite::default() }
}

/// Returns the file a link path points to, relative to the site root. The linking file's first path
/// component is taken as the content folder, the root of paths that start with `/`.
pub(super) fn expected_source_path(file: &str, path: &str) -> String {
    let base: Vec<&str> = match path.strip_prefix('/') {
        Some(_) => file.split('/').take(1).filter(|_| file.contains('/')).collect(),
        None => {
            let mut folders: Vec<&str> = file.split('/').collect();
            folders.pop();
            folders
        }
    };

    let mut parts: Vec<&str> = base;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

fn decode_fragment(fragment: &str) -> Option<String> {
    (!fragment.is_empty()).then(|| percent_decode_str(fragment).decode_utf8_lossy().into_owned())
}

impl LinkKind {
    fn noun(self) -> &'static str {
        match self {
            LinkKind::Link => "link",
            LinkKind::Image => "image",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_cases() {
        let cases = [
            ("https://example.org", Some("https")),
            ("JavaScript:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            (" \u{1}javascript:x", Some("javascript")),
            ("mailto:a@example.org", Some("mailto")),
            ("../step-2/_index.md", None),
            ("a/b:c", None),
            ("1ab:c", None),
            ("#top", None),
        ];
        for (url, expected) in cases {
            assert_eq!(url_scheme(url).as_deref(), expected, "url {url:?}");
        }
    }

    #[test]
    fn other_site_cases() {
        let cases = [
            ("https://example.org/a.png", true),
            ("//example.org/a.png", true),
            ("\\\\example.org/a.png", true),
            ("/\\example.org/a.png", true),
            ("/images/a.png", false),
            ("a.png", false),
            ("/", false),
        ];
        for (url, expected) in cases {
            assert_eq!(is_other_site(url), expected, "url {url:?}");
        }
    }

    #[test]
    fn expected_path_cases() {
        let cases = [
            ("content/step-1/data.md", "../step-2/_index.md", "content/step-2/_index.md"),
            ("content/step-1/data.md", "other.md", "content/step-1/other.md"),
            ("content/step-1/data.md", "./pics/a.png", "content/step-1/pics/a.png"),
            ("content/step-1/data.md", "/step-3/_index.md", "content/step-3/_index.md"),
            ("content/_index.md", "../../x.md", "../x.md"),
            ("page.md", "/a.md", "a.md"),
        ];
        for (file, path, expected) in cases {
            assert_eq!(expected_source_path(file, path), expected, "{path} from {file}");
        }
    }
}
