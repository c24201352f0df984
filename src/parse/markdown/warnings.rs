//! Warnings about likely authoring mistakes in a page body: a skipped heading level, a level-1 heading
//! (the page title is the only one), and an image without alt text. They do not fail the build.
//!
//! The check reads the whole page body as written, before shortcodes are taken out, so headings inside a
//! shortcode's body are judged in their place in the page.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::html_rules::quote;
use super::positions::LineIndex;
use super::{MarkdownSource, options};
use crate::diagnostics::Diagnostic;

/// An image whose alt text is being read.
struct OpenImage {
    offset: usize,
    destination: String,
    alt: String,
}

/// Returns a warning for each skipped heading level, level-1 heading and image without alt text.
pub fn author_warnings(source: &MarkdownSource<'_>) -> Vec<Diagnostic> {
    let text = source.text.replace("\r\n", "\n");
    let index = LineIndex::new(source.file, &text, source.first_line);
    let mut warnings = Vec::new();
    // The page title is the level-1 heading, so the body's headings start at level 2.
    let mut previous_level = 1;
    let mut images: Vec<OpenImage> = Vec::new();

    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = level as usize;
                warnings.extend(heading_warning(&index, &range, previous_level, level));
                previous_level = level.max(2);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                images.push(OpenImage { offset: range.start, destination: dest_url.to_string(), alt: String::new() });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(image) = images.last_mut() {
                    image.alt.push_str(&text);
                }
            }
            Event::End(TagEnd::Image) => {
                let Some(image) = images.pop() else { continue };
                if let Some(outer) = images.last_mut() {
                    outer.alt.push_str(&image.alt);
                }
                if image.alt.trim().is_empty() {
                    warnings.push(missing_alt_text(&index, &image));
                }
            }
            _ => {}
        }
    }
    warnings
}

fn heading_warning(index: &LineIndex<'_>, range: &Range<usize>, previous: usize, level: usize) -> Option<Diagnostic> {
    let location = index.location(range.start);
    if level == 1 {
        let message = "level-1 heading in the page body: the page title is already the level-1 heading";
        let help = "start the body's headings at level 2 (`## Heading`), because `title:` in the front matter gives the page its level-1 heading";
        return Some(Diagnostic::warning(location, message).with_help(help));
    }
    if level <= previous + 1 {
        return None;
    }

    let expected = previous + 1;
    let message = if previous == 1 {
        format!("heading level skipped: a level-{level} heading before any level-2 heading")
    } else {
        format!("heading level skipped: a level-{level} heading after a level-{previous} heading")
    };
    let help = format!(
        "use `{}` (level {expected}) here or add the missing level above it, because screen reader users move through a page by heading level",
        "#".repeat(expected)
    );
    Some(Diagnostic::warning(location, message).with_help(help))
}

fn missing_alt_text(index: &LineIndex<'_>, image: &OpenImage) -> Diagnostic {
    let message = format!("image `{}` has no alt text", quote(&image.destination));
    let help = "describe the picture between the square brackets, for example `![A pupil reading with a teacher](reading.png)`, so readers who cannot see it know what it shows";
    Diagnostic::warning(index.location(image.offset), message).with_help(help)
}
