//! The rules for raw HTML in Markdown: what the site's Content Security Policy would block, and what
//! this check cannot follow.
//!
//! The policy allows no inline scripts, event handlers, style attributes or script URLs, and no files
//! from other sites. Browsers read the content of some elements (`<textarea>`, `<title>` …) as plain
//! text in HTML but as markup inside SVG. A tokenizer without a tree cannot tell which applies, so
//! the check lets those elements hold only text.

use super::links::{is_other_site, url_scheme};

/// Elements whose content browsers read as text (RCDATA or RAWTEXT) in HTML, but as markup inside SVG.
pub(super) const TEXT_ONLY_ELEMENTS: [&str; 7] =
    ["iframe", "noembed", "noframes", "noscript", "textarea", "title", "xmp"];

/// Attributes whose value is a URL, or (for SVG animations) can set one.
const URL_ATTRIBUTES: [&str; 21] = [
    "action",
    "background",
    "by",
    "cite",
    "codebase",
    "data",
    "dynsrc",
    "formaction",
    "from",
    "href",
    "icon",
    "longdesc",
    "lowsrc",
    "manifest",
    "ping",
    "poster",
    "src",
    "srcset",
    "to",
    "values",
    "xlink:href",
];

/// Attributes whose value is a URL that the browser loads as part of the page.
const LOADING_ATTRIBUTES: [&str; 3] = ["poster", "src", "srcset"];

/// Attributes whose value is a URL that the browser navigates to.
const NAVIGATING_ATTRIBUTES: [&str; 4] = ["action", "formaction", "href", "xlink:href"];

/// Maximum length of a quotation of source text in a message, in characters.
const MAX_QUOTE_CHARS: usize = 80;

/// A problem with one tag or attribute, before it gets a location.
pub(super) struct Problem {
    pub message: String,
    pub help: &'static str,
}

/// Returns the problem with an element, found by its lower-case name. `quoted` is its tag as written.
pub(super) fn element_problem(name: &str, quoted: &str) -> Option<Problem> {
    let help = match name {
        "script" => {
            "move the script into the theme's JavaScript files, because the Content Security Policy blocks inline scripts"
        }
        "style" => {
            "put the rules in the theme's CSS and use a class, because the Content Security Policy blocks inline styles"
        }
        "plaintext" => "use a fenced code block instead, because `<plaintext>` turns the rest of the page into text",
        "base" | "meta" => "move it into the theme's page template, because it changes how the whole page behaves",
        _ => return None,
    };
    Some(Problem { message: format!("`<{name}>` element is not allowed in Markdown: `{quoted}`"), help })
}

/// Returns the problem with one attribute. Names are lower case, `value` has its character references
/// decoded, and `quoted` is the attribute as written, for the message.
pub(super) fn attribute_problem(tag: &str, name: &str, value: &str, quoted: &str) -> Option<Problem> {
    if name.starts_with("on") {
        return Some(Problem {
            message: format!("event handler attribute `{quoted}` on `<{tag}>` is not allowed"),
            help: "give the element a class and attach the behaviour in the theme's JavaScript, because the Content Security Policy blocks inline event handlers",
        });
    }
    if name == "style" {
        return Some(Problem {
            message: format!("`style` attribute `{quoted}` on `<{tag}>` is not allowed"),
            help: "give the element a class and style that class in the theme's CSS, because the Content Security Policy blocks style attributes",
        });
    }
    if name == "srcdoc" {
        return Some(Problem {
            message: format!("`srcdoc` attribute on `<{tag}>` is not allowed: `{quoted}`"),
            help: "make the embedded document a page of the site and link to it, because this check cannot read HTML inside an attribute",
        });
    }

    url_problem(tag, name, value, quoted)
}

fn url_problem(tag: &str, name: &str, value: &str, quoted: &str) -> Option<Problem> {
    if !URL_ATTRIBUTES.contains(&name) {
        return None;
    }

    let is_script_scheme = |scheme: &String| scheme == "javascript" || scheme == "vbscript";
    if let Some(scheme) = candidate_urls(name, value).find_map(|url| url_scheme(url).filter(is_script_scheme)) {
        return Some(Problem {
            message: format!("`{scheme}:` URL in `{quoted}` on `<{tag}>` is not allowed"),
            help: "link to a page or file and put behaviour in the theme's JavaScript, because the Content Security Policy blocks script URLs",
        });
    }

    let scheme = url_scheme(value);
    if scheme.as_deref() == Some("data") && NAVIGATING_ATTRIBUTES.contains(&name) {
        return Some(Problem {
            message: format!("`data:` URL in `{quoted}` on `<{tag}>` is not allowed"),
            help: "put the file in the content folder and link to it, because browsers do not open `data:` URLs as pages",
        });
    }
    if LOADING_ATTRIBUTES.contains(&name) && candidate_urls(name, value).any(is_other_site) {
        return Some(Problem {
            message: format!("`{quoted}` on `<{tag}>` loads a file from another site"),
            help: "save the file in the content folder and refer to it with a relative path, because the Content Security Policy blocks files from other sites",
        });
    }
    if name == "href" && scheme.is_none() && links_to_markdown_source(value) {
        return Some(Problem {
            message: format!("link `{quoted}` in raw HTML points to a Markdown source file, which is not rewritten"),
            help: "write the link in Markdown, such as `[text](../step-2/_index.md)`, so that it is checked and rewritten to the page's address",
        });
    }
    None
}

/// Splits a `srcset` or an SVG animation's `values` into its URLs; other attributes hold one URL.
fn candidate_urls<'v>(name: &str, value: &'v str) -> Box<dyn Iterator<Item = &'v str> + 'v> {
    match name {
        "srcset" => Box::new(value.split(',').filter_map(|candidate| candidate.split_whitespace().next())),
        "values" => Box::new(value.split(';')),
        _ => Box::new(std::iter::once(value)),
    }
}

fn links_to_markdown_source(href: &str) -> bool {
    let path = href.split(['#', '?']).next().unwrap_or_default();
    path.to_ascii_lowercase().ends_with(".md")
}

/// Cuts `text` to [`MAX_QUOTE_CHARS`] characters, marking a cut with `…`.
pub(super) fn quote(text: &str) -> String {
    if text.chars().count() <= MAX_QUOTE_CHARS {
        return text.to_owned();
    }
    let mut quoted: String = text.chars().take(MAX_QUOTE_CHARS - 1).collect();
    quoted.push('…');
    quoted
}
