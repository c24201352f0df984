use super::*;

fn source(text: &str) -> MarkdownSource<'_> {
    MarkdownSource { file: "content/a.md", text, first_line: 5 }
}

fn extract_text(text: &str) -> Extracted {
    extract(&source(text), &|name| name == "callout")
}

#[test]
fn inline_and_block_calls_found() {
    let extracted = extract_text("Threshold {{ threshold() }} per cent.\n\n{{ resources(function=\"F1\", tier=2) }}\n");
    assert!(extracted.diagnostics.is_empty(), "{:?}", extracted.diagnostics);
    assert_eq!(extracted.calls.len(), 2);

    let inline = &extracted.calls[0];
    assert_eq!(inline.name, "threshold");
    assert!(!inline.block);
    assert_eq!(inline.location, Location::new("content/a.md", 5, 11));

    let block = &extracted.calls[1];
    assert!(block.block);
    assert_eq!(block.arguments["function"], Argument::Text("F1".into()));
    assert_eq!(block.arguments["tier"], Argument::Integer(2));
    assert_eq!(block.location.line, 7);
    assert_eq!(extracted.text, format!("Threshold {} per cent.\n\n{}\n", placeholder(0), placeholder(1)));
}

#[test]
fn code_and_raw_html_stay_literal() {
    let text = "`{{ a() }}`\n\n```\n{{ b() }}\n```\n\n    {{ c() }}\n\n<div title=\"{{ d() }}\"></div>\n\n\\{{ e() }}\n";
    let extracted = extract_text(text);
    assert!(extracted.calls.is_empty(), "{:?}", extracted.calls);
    assert!(extracted.diagnostics.is_empty());
    assert_eq!(extracted.text, text);
}

#[test]
fn shortcode_in_blockquote_and_list_found() {
    let extracted = extract_text("> quoted {{ threshold() }}\n\n- item {{ threshold() }}\n");
    assert_eq!(extracted.calls.len(), 2);
    assert_eq!(extracted.calls[1].location, Location::new("content/a.md", 7, 8));
}

#[test]
fn body_kept_and_lines_preserved() {
    let text = "{{ callout(kind=\"note\") }}\nInside **bold** {{ threshold() }}\n{{ end }}\nAfter\n";
    let extracted = extract_text(text);
    assert!(extracted.diagnostics.is_empty(), "{:?}", extracted.diagnostics);
    assert_eq!(extracted.calls.len(), 1, "the inner shortcode belongs to the body");
    let body = extracted.calls[0].body.as_ref().unwrap();
    assert_eq!(body.text, "\nInside **bold** {{ threshold() }}\n");
    assert_eq!(body.first_line, 5);
    assert_eq!(extracted.text.lines().count(), text.lines().count());
    assert!(extracted.text.ends_with("After\n"));
}

#[test]
fn nested_bodies_pair_with_their_ends() {
    let text = "{{ callout(kind=\"note\") }}\n{{ callout(kind=\"tip\") }}\ninner\n{{ end }}\nouter\n{{ end }}\n";
    let extracted = extract_text(text);
    assert!(extracted.diagnostics.is_empty(), "{:?}", extracted.diagnostics);
    let body = extracted.calls[0].body.as_ref().unwrap();
    assert!(body.text.contains("{{ end }}\nouter"), "{}", body.text);
}

#[test]
fn syntax_errors_reported_with_position() {
    let cases = [
        ("{{ threshold }}", "expected a name followed by `(…)`"),
        ("{{ a(x=) }}", "invalid value for `x`"),
        ("{{ a(x=\"open) }}", "not closed with `\"`"),
        ("{{ a(x=1 y=2) }}", "invalid value for `x`"),
        ("{{ a(x=1, x=2) }}", "given twice"),
        ("{{ a(x=1", "no `}}` after `{{`"),
        ("{{ end }}", "without an open shortcode"),
        ("{{ callout(kind=\"note\") }}\ntext\n", "no `{{ end }}` after it"),
    ];
    for (text, expected) in cases {
        let extracted = extract_text(text);
        assert_eq!(extracted.diagnostics.len(), 1, "{text}: {:?}", extracted.diagnostics);
        let diagnostic = &extracted.diagnostics[0];
        assert!(diagnostic.message.contains(expected), "{text}: {}", diagnostic.message);
        assert_eq!(diagnostic.location, Location::new("content/a.md", 5, 1), "{text}");
    }
}

#[test]
fn argument_values_parsed() {
    let extracted = extract_text(r#"{{ a(text="say \"hi\"", n=-3, yes=true, no=false) }}"#);
    let arguments = &extracted.calls[0].arguments;
    assert_eq!(arguments["text"], Argument::Text("say \"hi\"".into()));
    assert_eq!(arguments["n"], Argument::Integer(-3));
    assert_eq!(arguments["yes"], Argument::Boolean(true));
    assert_eq!(arguments["no"], Argument::Boolean(false));
}

#[test]
fn substitute_replaces_paragraph_of_block_call() {
    let html = format!("<p>{}</p>\n<p>Text {} here</p>", placeholder(0), placeholder(1));
    let output = substitute(&html, &["<ul></ul>".to_owned(), "<b>90</b>".to_owned()]);
    assert_eq!(output, "<ul></ul>\n<p>Text <b>90</b> here</p>");
}

#[test]
fn strip_placeholders_leaves_text() {
    assert_eq!(strip_placeholders(&format!("a {} b", placeholder(12))), "a  b");
}

#[test]
fn crlf_text_handled() {
    let extracted = extract_text("a\r\n{{ threshold() }}\r\n");
    assert_eq!(extracted.calls[0].location, Location::new("content/a.md", 6, 1));
    assert!(extracted.calls[0].block);
}

#[test]
fn substitute_keeps_other_private_use_characters() {
    let html = format!("<p>\u{F8FF} logo {} and \u{F8FF}sc9\u{F8FF}</p>", placeholder(0));
    let output = substitute(&html, &["<b>90</b>".to_owned()]);
    assert_eq!(output, "<p>\u{F8FF} logo <b>90</b> and \u{F8FF}sc9\u{F8FF}</p>");
}

#[test]
fn substitute_does_not_expand_inside_replacements() {
    let html = format!("<p>{} {}</p>", placeholder(0), placeholder(1));
    let output = substitute(&html, &[placeholder(1), "two".to_owned()]);
    assert_eq!(output, format!("<p>{} two</p>", placeholder(1)));
}

#[test]
fn strip_placeholders_keeps_apple_logo_text() {
    assert_eq!(strip_placeholders("Press \u{F8FF} and Q to quit"), "Press \u{F8FF} and Q to quit");
}

#[test]
fn literal_ranges_merge_and_search() {
    let text = "`{{ a() }}` text\n\n```\n{{ b() }}\n```\n\n<span title=\"{{ c() }}\">x</span> {{ threshold() }}\n";
    let ranges = literal_ranges(text);
    assert!(ranges.windows(2).all(|pair| pair[0].end < pair[1].start), "{ranges:?}");
    for literal in ["{{ a", "{{ b", "{{ c"] {
        let offset = text.find(literal).unwrap();
        assert!(in_ranges(&ranges, offset), "{literal} should be literal");
    }
    assert!(!in_ranges(&ranges, text.find("{{ threshold").unwrap()));
}

#[test]
fn many_calls_on_one_long_line() {
    let count = 20_000;
    let text = "a {{ threshold() }} `{{ b() }}` ".repeat(count);
    let extracted = extract_text(&text);
    assert!(extracted.diagnostics.is_empty(), "{:?}", extracted.diagnostics.first());
    assert_eq!(extracted.calls.len(), count);
    let last = &extracted.calls[count - 1];
    let line_length = "a {{ threshold() }} `{{ b() }}` ".len();
    assert_eq!(last.location, Location::new("content/a.md", 5, (count - 1) * line_length + 3));
    assert!(!last.block);

    let rendered = vec!["90".to_owned(); count];
    let html = substitute(&extracted.text, &rendered);
    assert_eq!(html.matches("a 90 ").count(), count);
}
