//! Links to other sites, checked only on request (`check --external`): it sends a request to every
//! linked host, so it is off by default and no test runs it.

use std::collections::BTreeMap;
use std::time::Duration;

use html5gum::{Token, Tokenizer};

use crate::diagnostics::{Diagnostic, Location};

/// Requests checked at the same time; enough to hide network latency without flooding one host.
const PARALLEL_REQUESTS: usize = 8;
const TIMEOUT: Duration = Duration::from_secs(15);

/// Returns every `http://` and `https://` link of the built HTML files, with the output paths of the
/// pages that contain it.
pub fn external_links(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<String>> {
    let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, bytes) in files.iter().filter(|(path, _)| path.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for token in Tokenizer::new(html.as_ref()).flatten() {
            let Token::StartTag(tag) = token else { continue };
            let Some(href) = tag.attributes.iter().find(|(name, _)| name.as_slice() == b"href").map(|(_, v)| v) else {
                continue;
            };
            let href = String::from_utf8_lossy(href).trim().to_owned();
            let lower = href.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                let url = href.split('#').next().unwrap_or_default().to_owned();
                let pages = links.entry(url).or_default();
                if !pages.contains(path) {
                    pages.push(path.clone());
                }
            }
        }
    }
    links
}

/// Requests every link and returns a warning for each that fails, at the source of each page that
/// contains it (`sources` maps output paths to source files; pages made from data keep their output path).
pub fn check_external(links: &BTreeMap<String, Vec<String>>, sources: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("attendance-guide/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .build()
        .into();
    let urls: Vec<&String> = links.keys().collect();
    let mut failures: Vec<(String, String)> = Vec::new();
    for chunk in urls.chunks(PARALLEL_REQUESTS) {
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunk.iter().map(|url| scope.spawn(|| (url.to_string(), request(&agent, url)))).collect();
            for handle in handles {
                if let Ok((url, Err(problem))) = handle.join() {
                    failures.push((url, problem));
                }
            }
        });
    }

    let mut diagnostics = Vec::new();
    for (url, problem) in failures {
        // The print page repeats every page's links, so a link is reported at its source files when it
        // has any, and at the built pages only for links that exist only on pages made from data.
        let pages = &links[&url];
        let with_source: Vec<&String> = pages.iter().filter(|page| sources.contains_key(*page)).collect();
        let reported: Vec<&String> = if with_source.is_empty() { pages.iter().collect() } else { with_source };
        for page in reported {
            let file = sources.get(page).cloned().unwrap_or_else(|| format!("built page {page}"));
            let message = format!("link to `{url}` failed: {problem}");
            let help = "check the address in a browser; update or remove the link if the page has moved or gone";
            diagnostics.push(Diagnostic::warning(Location::file(file), message).with_help(help));
        }
    }
    diagnostics
}

/// Sends a HEAD request, and a GET when the server does not allow HEAD. Returns the problem as text.
fn request(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let status = match agent.head(url).call() {
        Ok(response) if matches!(response.status().as_u16(), 403 | 405 | 501) => {
            agent.get(url).call().map_err(|error| error.to_string())?.status()
        }
        Ok(response) => response.status(),
        Err(_) => agent.get(url).call().map_err(|error| error.to_string())?.status(),
    };
    if status.is_success() || status.is_redirection() {
        Ok(())
    } else {
        Err(format!("the server answered {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_collected_once_per_page() {
        let mut files = BTreeMap::new();
        let page = r#"<a href="https://example.org/a#part">a</a> <a href="HTTP://example.org/b">b</a>
            <a href="/step-1/">internal</a> <a href="mailto:x@example.org">mail</a> <a href="https://example.org/a">again</a>"#;
        files.insert("step-1/index.html".to_owned(), page.as_bytes().to_vec());
        files.insert("step-2/index.html".to_owned(), br#"<a href="https://example.org/a">a</a>"#.to_vec());
        files.insert("assets/app.js".to_owned(), br#"<a href="https://example.org/js">"#.to_vec());

        let links = external_links(&files);
        let urls: Vec<&str> = links.keys().map(String::as_str).collect();
        assert_eq!(urls, ["HTTP://example.org/b", "https://example.org/a"]);
        assert_eq!(links["https://example.org/a"], ["step-1/index.html", "step-2/index.html"]);
    }
}
