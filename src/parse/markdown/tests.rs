use std::collections::{HashMap, HashSet};

use html5gum::{Token, Tokenizer};
use proptest::prelude::*;

use super::*;
use crate::diagnostics::Severity;

/// Resolves the source paths it was given, and nothing else.
struct MapResolver(HashMap<&'static str, &'static str>);

impl LinkResolver for MapResolver {
    fn resolve(&self, path: &str) -> Option<String> {
        self.0.get(path).map(|url| (*url).to_owned())
    }
}

fn resolver() -> MapResolver {
    MapResolver(HashMap::from([
        ("../step-2/_index.md", "/step-2/"),
        ("/step-3/_index.md", "/step-3/"),
        ("pics/a b.png", "/step-1/pics/a-b.png"),
        ("other.md", "/step-1/other/"),
    ]))
}

fn render_at(text: &str, first_line: usize) -> RenderedMarkdown {
    let source = MarkdownSource { file: "content/step-1/data.md", text, first_line };
    render(&source, &resolver())
}

fn render_text(text: &str) -> RenderedMarkdown {
    render_at(text, 1)
}

fn errors(rendered: &RenderedMarkdown) -> Vec<String> {
    rendered.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect()
}

fn heading_ids(rendered: &RenderedMarkdown) -> Vec<&str> {
    rendered.headings.iter().map(|heading| heading.id.as_str()).collect()
}

#[test]
fn heading_id_cases() {
    let cases: [(&str, &[&str]); 10] = [
        ("# Hello World", &["hello-world"]),
        ("# Fàilte\n## Fàilte", &["fàilte", "fàilte-1"]),
        ("# Привет мир\n# 出席 指南", &["привет-мир", "出席-指南"]),
        ("# a\n# a\n# a-1", &["a", "a-1", "a-1-1"]),
        ("# ?!\n# 🎉", &["section", "section-1"]),
        ("# Party 🎉 time", &["party-time"]),
        ("# Step 1: *Gather* `data`", &["step-1-gather-data"]),
        ("# Intro {#start}\n# Start", &["start", "start-1"]),
        // Ids that authors chose are reserved first, so the earlier heading steps around a later `{#…}`.
        ("# Start\n# Intro {#start}", &["start-1", "start"]),
        ("Setext heading\nover two lines\n===", &["setext-heading-over-two-lines"]),
    ];
    for (markdown, expected) in cases {
        let rendered = render_text(markdown);
        assert_eq!(heading_ids(&rendered), expected, "markdown {markdown:?}");
        for id in expected {
            assert!(rendered.html.contains(&format!(" id=\"{id}\"")), "id {id} missing from {}", rendered.html);
        }
        assert!(errors(&rendered).is_empty(), "{:?}", rendered.diagnostics);
    }
}

#[test]
fn heading_text_and_level() {
    let rendered = render_text("## *Emphasised* `code` and [link](#x)\n\ntext");
    assert_eq!(
        rendered.headings,
        [Heading { level: 2, id: "emphasised-code-and-link".into(), text: "Emphasised code and link".into() }]
    );
    assert!(rendered.html.starts_with("<h2 id=\"emphasised-code-and-link\"><em>Emphasised</em>"), "{}", rendered.html);
}

#[test]
fn heading_attributes_keep_classes() {
    let rendered = render_text("# Title {#intro .lead}");
    assert_eq!(rendered.html, "<h1 id=\"intro\" class=\"lead\">Title</h1>\n");
}

#[test]
fn template_ids_are_avoided() {
    let mut ids = IdSet::new();
    ids.reserve("main");
    let source = MarkdownSource { file: "content/a.md", text: "# Main\n# Main", first_line: 1 };
    let rendered = render_with_ids(&source, &resolver(), &mut ids);
    assert_eq!(heading_ids(&rendered), ["main-1", "main-2"]);
    assert!(ids.contains("main-2"));
}

#[test]
fn duplicate_explicit_ids_are_errors() {
    let rendered = render_text("# One {#x}\n\n<div id=\"x\">text</div>\n");
    let errors = errors(&rendered);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("content/step-1/data.md:3:6: error: duplicate id `x`"), "{}", errors[0]);
    assert_eq!(rendered.ids, ["x"]);
}

#[test]
fn ids_lists_every_kind() {
    let rendered = render_text("# Title\n\n<span id=\"box\">x</span> text[^n]\n\n[^n]: Note.\n");
    let ids: HashSet<&str> = rendered.ids.iter().map(String::as_str).collect();
    assert_eq!(ids, HashSet::from(["title", "box", "fn-n"]));
}

#[test]
fn table_alignment_classes() {
    let markdown = "| L | C | R | N |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n";
    let rendered = render_text(markdown);
    let html = &rendered.html;
    let expected = [
        "<th class=\"align-left\">L</th>",
        "<th class=\"align-center\">C</th>",
        "<th class=\"align-right\">R</th>",
        "<th>N</th>",
        "<td class=\"align-left\">1</td>",
        "<td class=\"align-center\">2</td>",
        "<td class=\"align-right\">3</td>",
        "<td>4</td>",
    ];
    for fragment in expected {
        assert!(html.contains(fragment), "{fragment} missing from {html}");
    }
    assert!(!html.contains("style="), "{html}");
    assert!(
        html.starts_with("<div class=\"table-scroll\" tabindex=\"0\">\n<table><thead><tr>"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</table>\n</div>"), "{html}");
}

#[test]
fn footnotes_get_prefixed_ids() {
    let markdown = "# fn-note\n\nText[^1] and[^note], again[^1].\n\n[^1]: First.\n[^note]: Second.\n";
    let rendered = render_text(markdown);
    let html = &rendered.html;
    let expected = [
        "<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup>",
        "<sup class=\"footnote-reference\"><a href=\"#fn-note-1\">2</a></sup>",
        "<div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup>",
        "<div class=\"footnote-definition\" id=\"fn-note-1\"><sup class=\"footnote-definition-label\">2</sup>",
    ];
    for fragment in expected {
        assert!(html.contains(fragment), "{fragment} missing from {html}");
    }
    assert_eq!(heading_ids(&rendered), ["fn-note"]);
    assert!(errors(&rendered).is_empty(), "{:?}", rendered.diagnostics);
}

#[test]
fn footnote_labels_fold_case() {
    let rendered = render_text("Text[^Straße].\n\n[^STRASSE]: Note.\n");
    assert!(rendered.diagnostics.is_empty(), "{:?}", rendered.diagnostics);
    assert!(rendered.html.contains("<a href=\"#fn-straße\">1</a>"), "{}", rendered.html);
    assert!(rendered.html.contains("id=\"fn-straße\""), "{}", rendered.html);
}

#[test]
fn repeated_footnote_definition() {
    let rendered = render_text("Text[^1].\n\n[^1]: First.\n[^1]: Second.\n");
    let errors = errors(&rendered);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("content/step-1/data.md:4:1: error: footnote `[^1]` is defined more than once"),
        "{}",
        errors[0]
    );
    assert_eq!(rendered.html.matches("id=\"fn-1\"").count(), 1, "{}", rendered.html);
}

#[test]
fn task_list_and_strikethrough() {
    let rendered = render_text("- [x] done\n- [ ] ~~dropped~~\n");
    let html = &rendered.html;
    assert!(html.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\"> done"), "{html}");
    assert!(html.contains("<input type=\"checkbox\" disabled aria-label=\"Not done\"> <del>dropped</del>"), "{html}");
}

#[test]
fn text_is_escaped() {
    let rendered = render_text("Tom & Jerry `<b>` \\<i>\n");
    assert_eq!(rendered.html, "<p>Tom &amp; Jerry <code>&lt;b&gt;</code> &lt;i&gt;</p>\n");
}

#[test]
fn raw_html_rejection_cases() {
    // (markdown, line, column, part of the message)
    let cases = [
        ("<script>alert(1)</script>\n", 1, 1, "`<script>` element"),
        ("Text <SCRIPT src=x.js></SCRIPT>\n", 1, 6, "`<script>` element"),
        ("<style>p { color: red }</style>\n", 1, 1, "`<style>` element"),
        (
            "<div>\n  <span style=\"color:red\">x</span>\n</div>\n",
            2,
            9,
            "`style` attribute `style=\"color:red\"` on `<span>`",
        ),
        ("<p STYLE='x'>x</p>\n", 1, 4, "`style` attribute"),
        ("<p onclick=\"go()\">x</p>\n", 1, 4, "event handler attribute `onclick=\"go()\"` on `<p>`"),
        ("> quoted <img src=x OnError=alert(1)>\n", 1, 21, "event handler attribute `OnError=alert(1)` on `<img>`"),
        ("> <div>\n> <span style=x>\n> </div>\n", 2, 9, "`style` attribute `style=x` on `<span>`"),
        ("> a <span\n> style=\"x\">b</span>\n", 2, 3, "`style` attribute"),
        ("- <div\n  class=x onclick=go>\n", 2, 11, "event handler attribute `onclick=go`"),
        ("<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>\n", 1, 32, "`javascript:` URL"),
        (
            "<a href=\"javascript:alert(1)\">x</a>\n",
            1,
            4,
            "`javascript:` URL in `href=\"javascript:alert(1)\"` on `<a>`",
        ),
        ("<a href=\"java&#x09;script:alert(1)\">x</a>\n", 1, 4, "`javascript:` URL"),
        ("<a href=\"  JAVASCRIPT:alert(1)\">x</a>\n", 1, 4, "`javascript:` URL"),
        ("<a href=\"&#106;avascript:x\">x</a>\n", 1, 4, "`javascript:` URL"),
        ("a <a href=\"java\nscript:alert(1)\">x</a>\n", 1, 6, "`javascript:` URL"),
        ("<a href=\"vbscript:x\">x</a>\n", 1, 4, "`vbscript:` URL"),
        ("<a href=\"data:text/html,hi\">x</a>\n", 1, 4, "`data:` URL"),
        ("<img src=\"https://example.org/a.png\">\n", 1, 6, "loads a file from another site"),
        ("<img srcset=\"a.png 1x, //example.org/b.png 2x\">\n", 1, 6, "loads a file from another site"),
        ("<a href=\"../step-2/_index.md\">x</a>\n", 1, 4, "points to a Markdown source file"),
        ("<div\nclass=\"x\"\n\nText>\n", 1, 1, "HTML tag is not closed"),
        ("<!-- never closed\n\nmore\n", 1, 1, "HTML comment is not closed"),
        ("<svg><![CDATA[ x ]]></svg>\n", 1, 6, "CDATA section"),
        ("<textarea><!--</textarea><img src=x onerror=y>-->\n", 1, 11, "markup inside `<textarea>`"),
        ("<svg><title><img src=x></title></svg>\n", 1, 13, "HTML inside `<title>`"),
        ("<div><svg><title><img src=x></title></svg></div>\n", 1, 18, "markup inside `<title>`: `<img src=x>"),
        ("An <svg><title>*bold*</title></svg>\n", 1, 16, "Markdown formatting or HTML inside `<title>`"),
        ("<div>\n<title>Text\n\nafter\n", 2, 1, "`<title>` is not closed in this HTML block"),
        ("Inline <textarea>text\n", 1, 8, "`<textarea>` is not closed in this paragraph"),
        ("<plaintext>\n", 1, 1, "`<plaintext>` element"),
        ("<base href=\"/other/\">\n", 1, 1, "`<base>` element"),
        ("<iframe srcdoc=\"&lt;p&gt;x\"></iframe>\n", 1, 9, "`srcdoc` attribute on `<iframe>`"),
        (
            "<svg><animate attributeName=\"href\" values=\"#a;javascript:alert(1)\"/></svg>\n",
            1,
            36,
            "`javascript:` URL",
        ),
        ("# Title {style=color:red}\n", 1, 1, "`style` attribute `style=color:red` on `<h1>`"),
        ("## Title {onclick=go()}\n", 1, 1, "event handler attribute"),
    ];
    for (markdown, line, column, message) in cases {
        let rendered = render_text(markdown);
        let prefix = format!("content/step-1/data.md:{line}:{column}: error: ");
        let found =
            rendered.diagnostics.iter().map(ToString::to_string).any(|d| d.starts_with(&prefix) && d.contains(message));
        assert!(found, "expected {prefix}…{message}… for {markdown:?}, got {:#?}", rendered.diagnostics);
        assert!(rendered.diagnostics.iter().all(|d| d.help.is_some()), "help missing for {markdown:?}");
    }
}

#[test]
fn rejected_raw_html_is_written_as_text() {
    let rendered = render_text("<div>\n<p onclick=\"go()\">x</p>\n</div>\n\nText <b style=\"x\">bold</b>\n");
    assert!(!rendered.html.contains("<p onclick"), "{}", rendered.html);
    assert!(rendered.html.contains("&lt;p onclick=\"go()\"&gt;"), "{}", rendered.html);
    assert!(rendered.html.contains("&lt;b style=\"x\"&gt;bold</b>"), "{}", rendered.html);
}

#[test]
fn allowed_raw_html_passes() {
    let markdown = "<div class=\"note\" id=\"box\">\n<span title=\"JavaScript: a primer\">x</span>\n</div>\n\n\
                    <svg viewBox=\"0 0 8 8\"><title>Icon</title><path d=\"M0 0h8v8z\"/></svg>\n\n\
                    <img src=\"data:image/png;base64,AAAA\" alt=\"\"> <noscript>Turn on scripts</noscript>\n\n\
                    <!-- a comment -->\n\nText with <abbr title=\"Local authority\">LA</abbr>.\n";
    let rendered = render_text(markdown);
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
    assert!(rendered.html.contains("<div class=\"note\" id=\"box\">"), "{}", rendered.html);
    assert!(rendered.html.contains("<abbr title=\"Local authority\">LA</abbr>"), "{}", rendered.html);
    assert_eq!(rendered.ids, ["box"]);
}

#[test]
fn markdown_script_link_cases() {
    let cases = [
        ("[x](javascript:alert(1))", "link `javascript:alert(1)` uses the `javascript:` scheme"),
        ("[x](JAVA&#x09;SCRIPT:alert(1))", "uses the `javascript:` scheme"),
        ("[x](<java\tscript:alert(1)>)", "uses the `javascript:` scheme"),
        ("<javascript:alert(1)>", "uses the `javascript:` scheme"),
        ("[x](vbscript:msgbox)", "uses the `vbscript:` scheme"),
        ("[x](javascript&colon;alert(1))", "uses the `javascript:` scheme"),
        ("[x](data:text/html,hi)", "uses the `data:` scheme"),
        ("![x](data:text/html,hi)", "image `data:text/html,hi` uses the `data:` scheme"),
        ("[x]\n\n[x]: javascript:alert(1)", "uses the `javascript:` scheme"),
        ("![x](https://example.org/a.png)", "image `https://example.org/a.png` is on another site"),
        ("![x](//example.org/a.png)", "is on another site"),
    ];
    for (markdown, message) in cases {
        let rendered = render_text(markdown);
        let errors = errors(&rendered);
        assert_eq!(errors.len(), 1, "{markdown:?}: {errors:?}");
        assert!(errors[0].starts_with("content/step-1/data.md:1:1: error: "), "{markdown:?}: {}", errors[0]);
        assert!(errors[0].contains(message), "{markdown:?}: {}", errors[0]);
        assert_safe_html(&rendered.html, false);
    }
}

#[test]
fn data_images_are_allowed() {
    let rendered = render_text("![dot](data:image/png;base64,AAAA)");
    assert!(rendered.diagnostics.is_empty(), "{:?}", rendered.diagnostics);
    assert!(rendered.html.contains("src=\"data:image/png;base64,AAAA\""), "{}", rendered.html);
}

/// The URL and fragment of a recorded internal link.
type Recorded = Option<(&'static str, Option<&'static str>)>;

#[test]
fn link_rewriting_cases() {
    // (markdown, expected href or src, recorded link)
    let cases: [(&str, &str, Recorded); 12] = [
        ("[x](../step-2/_index.md#top)", "href=\"/step-2/#top\"", Some(("/step-2/", Some("top")))),
        ("[x](../step-2/_index.md?tab=1#top)", "href=\"/step-2/?tab=1#top\"", Some(("/step-2/", Some("top")))),
        ("[x](../step-2/_index.md)", "href=\"/step-2/\"", Some(("/step-2/", None))),
        ("[x](/step-3/_index.md#f%C3%A0ilte)", "href=\"/step-3/#f%C3%A0ilte\"", Some(("/step-3/", Some("fàilte")))),
        ("[x](#local)", "href=\"#local\"", Some(("", Some("local")))),
        ("[x](?view=all#local)", "href=\"?view=all#local\"", Some(("", Some("local")))),
        ("![p](pics/a%20b.png)", "src=\"/step-1/pics/a-b.png\"", None),
        ("![p](<pics/a b.png>)", "src=\"/step-1/pics/a-b.png\"", None),
        ("[x][ref]\n\n[ref]: other.md#a", "href=\"/step-1/other/#a\"", Some(("/step-1/other/", Some("a")))),
        ("[x](https://example.org/a?b#c)", "href=\"https://example.org/a?b#c\"", None),
        ("[x](mailto:a@example.org)", "href=\"mailto:a@example.org\"", None),
        ("<a@example.org>", "href=\"mailto:a@example.org\"", None),
    ];
    for (markdown, attribute, recorded) in cases {
        let rendered = render_text(markdown);
        assert!(rendered.diagnostics.is_empty(), "{markdown:?}: {:?}", rendered.diagnostics);
        assert!(rendered.html.contains(attribute), "{markdown:?}: {attribute} missing from {}", rendered.html);
        let links: Vec<(&str, Option<&str>)> =
            rendered.links.iter().map(|link| (link.url.as_str(), link.fragment.as_deref())).collect();
        assert_eq!(links, recorded.into_iter().collect::<Vec<_>>(), "{markdown:?}");
    }
}

#[test]
fn recorded_link_has_location() {
    let rendered = render_at("Intro\n\nSee [there](../step-2/_index.md#x).", 4);
    assert_eq!(rendered.links[0].location, Location::new("content/step-1/data.md", 6, 5));
}

#[test]
fn broken_link_diagnostic() {
    let rendered = render_at("Line\n\nSee [step 3](../step-3/_index.md#x) and ![p](pics/missing.png).", 3);
    let errors = errors(&rendered);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "content/step-1/data.md:5:5: error: link `../step-3/_index.md#x` not found: there is no page or file at `content/step-3/_index.md`"
        ),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("help: check the path"), "{}", errors[0]);
    assert!(errors[0].contains("`../step-2/_index.md`"), "{}", errors[0]);
    assert!(
        errors[1].starts_with("content/step-1/data.md:5:41: error: image `pics/missing.png` not found"),
        "{}",
        errors[1]
    );
    assert!(errors[1].contains("`content/step-1/pics/missing.png`"), "{}", errors[1]);
    assert!(rendered.html.contains("href=\"../step-3/_index.md#x\""), "{}", rendered.html);
    assert!(rendered.links.is_empty());
}

#[test]
fn undefined_footnote_is_not_a_link() {
    let rendered = render_text("Text[^missing].\n");
    assert!(!rendered.html.contains("href=\"#"), "{}", rendered.html);
    assert!(rendered.ids.is_empty());
}

#[test]
fn crlf_renders_like_lf() {
    let markdown = "# Title\n\nSome *text*\nacross lines.  \nHard break.\n\n\
                    | A | B |\n|:--|--:|\n| 1 | 2 |\n\n\
                    - [x] item\n- [ ] other\n\n```\ncode\nblock\n```\n\n\
                    <div>\n<span style=\"x\">raw</span>\n</div>\n\n\
                    Note[^1] and [bad](missing.md).\n\n[^1]: The note\n    continues.\n";
    let lf = render_text(markdown);
    let crlf = render_text(&markdown.replace('\n', "\r\n"));
    assert_eq!(crlf, lf);
    assert!(!lf.html.contains('\r'));
    assert_eq!(errors(&lf).len(), 2, "{:?}", lf.diagnostics);
}

#[test]
fn first_line_offsets_locations() {
    let markdown = "Intro\n\n<p style=\"x\">y</p>\n";
    for first_line in [1, 5, 40] {
        let rendered = render_at(markdown, first_line);
        assert_eq!(rendered.diagnostics[0].location, Location::new("content/step-1/data.md", first_line + 2, 4));
    }
}

#[test]
fn columns_count_characters() {
    let rendered = render_text("Fàilte <span style=x>hi</span>\n");
    assert_eq!(rendered.diagnostics[0].location, Location::new("content/step-1/data.md", 1, 14));
}

#[test]
fn plain_text_without_markup() {
    let rendered = render_text("# Title\n\nSome *text*\nhere.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n");
    assert_eq!(rendered.plain_text, "Title Some text here. one two a b c d");
}

/// Checks what a browser would see in `html`: no script or style elements, no `style=` or `on…=`
/// attributes, no script URLs, and no id twice.
fn assert_safe_html(html: &str, allow_duplicate_ids: bool) {
    let mut seen_ids = HashSet::new();
    for token in Tokenizer::new(html) {
        let Ok(token) = token;
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        assert_ne!(name, "script", "in {html}");
        assert_ne!(name, "style", "in {html}");
        for (attribute, value) in &tag.attributes {
            let attribute = String::from_utf8_lossy(attribute);
            let value = String::from_utf8_lossy(value);
            assert_ne!(attribute, "style", "on <{name}> in {html}");
            assert!(!attribute.starts_with("on"), "{attribute} on <{name}> in {html}");
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&attribute.as_ref()) {
                let scheme = super::links::url_scheme(&value);
                assert!(!matches!(scheme.as_deref(), Some("javascript" | "vbscript")), "{value} in {html}");
            }
            if attribute == "id" && !allow_duplicate_ids {
                assert!(seen_ids.insert(value.into_owned()), "duplicate id in {html}");
            }
        }
    }
}

fn check_render_invariants(text: &str) {
    let rendered = render_text(text);
    let has_duplicate_id_error = rendered.diagnostics.iter().any(|d| d.message.starts_with("duplicate id"));
    assert_safe_html(&rendered.html, has_duplicate_id_error);

    let unique: HashSet<&String> = rendered.ids.iter().collect();
    assert_eq!(unique.len(), rendered.ids.len(), "ids repeat: {:?}", rendered.ids);
    for heading in &rendered.headings {
        assert!(rendered.ids.contains(&heading.id), "heading id {} not listed", heading.id);
    }
}

/// Pieces that make the generated inputs hit Markdown and HTML syntax more often than random text.
const PIECES: [&str; 48] = [
    "<",
    ">",
    "</",
    "/>",
    "div",
    "span",
    "a",
    "p",
    "img",
    "svg",
    "textarea",
    "title",
    "script",
    " style=",
    " onclick=",
    " href=",
    " id=x",
    "\"",
    "'",
    "javascript:",
    "java&#x09;script:",
    "&",
    "#",
    "# ",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "|",
    "|:-:|",
    "-",
    "[",
    "]",
    "(",
    ")",
    "![",
    "[^1]",
    "[^1]: ",
    "*",
    "~~",
    "`",
    "```",
    "é",
    "🎉",
    "{#x}",
    "<!--",
    "-->",
    "<![CDATA[",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn arbitrary_text_renders_safely(text in any::<String>()) {
        check_render_invariants(&text);
    }

    #[test]
    fn markup_like_text_renders_safely(pieces in prop::collection::vec(prop::sample::select(&PIECES[..]), 0..60)) {
        check_render_invariants(&pieces.concat());
    }
}

fn warnings_for(text: &str) -> Vec<Diagnostic> {
    author_warnings(&MarkdownSource { file: "content/step-1/data.md", text, first_line: 4 })
}

#[test]
fn warning_for_skipped_heading_level() {
    let warnings = warnings_for("## Causes\n\ntext\n\n#### Detail\n\n### Fine\n");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.location, Location::new("content/step-1/data.md", 8, 1));
    assert!(warning.message.contains("level-4 heading after a level-2 heading"), "{}", warning.message);
    assert!(warning.help.as_deref().unwrap_or_default().contains("`###`"), "{:?}", warning.help);
}

#[test]
fn warning_for_first_heading_below_level_two() {
    let warnings = warnings_for("Intro\n\n### Too deep\n");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("before any level-2 heading"), "{}", warnings[0].message);
    assert_eq!(warnings[0].location.line, 6);
}

#[test]
fn warning_for_level_one_heading_in_body() {
    let warnings = warnings_for("text\n\nA title\n=======\n\n### Under it\n");
    assert_eq!(warnings.len(), 1, "the level-1 heading counts as level 2 afterwards: {warnings:?}");
    assert!(warnings[0].message.contains("level-1 heading"), "{}", warnings[0].message);
    assert_eq!(warnings[0].location, Location::new("content/step-1/data.md", 6, 1));
}

#[test]
fn no_warnings_for_well_formed_body() {
    let text = "## One\n\n### Two\n\n## Three\n\n![A chart of weekly attendance](chart.png)\n\n```\n# not a heading\n```\n";
    assert!(warnings_for(text).is_empty(), "{:?}", warnings_for(text));
}

#[test]
fn warning_for_image_without_alt_text() {
    let text = "## Pictures\n\nSee ![](photo.png) and ![ ](other.png \"A title is not alt text\") and ![`code`](c.png).\r\n";
    let warnings = warnings_for(text);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].message.contains("`photo.png` has no alt text"), "{}", warnings[0].message);
    assert_eq!(warnings[0].location, Location::new("content/step-1/data.md", 6, 5));
    assert!(warnings[1].message.contains("`other.png`"), "{}", warnings[1].message);
    assert!(warnings.iter().all(|warning| warning.severity == Severity::Warning));
}

#[test]
fn nul_becomes_replacement_character() {
    let rendered = render_text("a\0b [x](missing\0.md)\n");
    assert_eq!(rendered.html, "<p>a\u{FFFD}b <a href=\"missing%EF%BF%BD.md\">x</a></p>\n");
    assert!(!rendered.plain_text.contains('\0'), "{:?}", rendered.plain_text);
}

#[test]
fn heading_id_leaves_out_shortcodes() {
    use crate::parse::shortcodes::placeholder;
    let rendered = render_text(&format!("## Threshold {} here\n", placeholder(0)));
    assert_eq!(heading_ids(&rendered), ["threshold-here"]);
    assert_eq!(rendered.headings[0].text, "Threshold here");
    assert!(rendered.html.contains(&placeholder(0)), "the placeholder stays for substitution: {}", rendered.html);
}

#[test]
fn shortcode_inside_attribute_rejected() {
    use crate::parse::shortcodes::placeholder;
    let mark = placeholder(0);
    let cases = [
        (format!("![A {mark} chart](chart.png)\n"), "an image's alt text", 3),
        (format!("[x](other.md \"{mark}\")\n"), "a link's address or title", 1),
        (format!("![x]({mark}.png)\n"), "an image's address or title", 1),
    ];
    for (markdown, place, column) in cases {
        let rendered = render_text(&markdown);
        let errors: Vec<String> = errors(&rendered).into_iter().filter(|error| error.contains("shortcode")).collect();
        assert_eq!(errors.len(), 1, "{markdown:?}: {errors:?}");
        assert!(errors[0].contains(&format!("shortcode in {place}")), "{}", errors[0]);
        assert!(errors[0].starts_with(&format!("content/step-1/data.md:1:{column}:")), "{}", errors[0]);
    }
    assert!(errors(&render_text(&format!("[link {mark} text](other.md)\n"))).is_empty());
}
