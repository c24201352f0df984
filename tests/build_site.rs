//! `attendance-guide build` on the fixture site in `tests/fixtures/basic`: what a good site produces.

mod common;

use common::{Fixture, positions};

#[test]
fn pages_and_sections_get_contract_urls() {
    let site = Fixture::new("basic");
    site.build(&[]);

    for path in ["index.html", "alpha/index.html", "beta/index.html", "beta/first/index.html", "beta/page-a/index.html", "headings/index.html", "404.html"] {
        assert!(site.path("public").join(path).is_file(), "{path} was not built");
    }
    assert!(!site.path("public/beta/draft/index.html").exists(), "a draft was published");
}

#[test]
fn section_children_ordered_by_weight_then_title() {
    let site = Fixture::new("basic");
    site.build(&[]);

    let beta = site.output("beta/index.html");
    let order = positions(&beta, &[">Zulu first<", ">A page<", ">B page<"]);
    assert!(order.is_sorted(), "children out of order: {order:?}");

    let home = site.output("index.html");
    let sections = positions(&home, &[">Beta section<", ">Alpha section<"]);
    assert!(sections.is_sorted(), "sections out of order: {sections:?}");
}

#[test]
fn drafts_published_only_with_flag() {
    let site = Fixture::new("basic");
    site.build(&["--drafts"]);
    assert!(site.output("beta/draft/index.html").contains("Unfinished draft"));

    site.build(&[]);
    assert!(!site.path("public/beta/draft").exists(), "the draft stayed after a build without --drafts");
}

#[test]
fn heading_ids_follow_the_rule() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let html = site.output("headings/index.html");

    for id in ["fàilte-gu-alba", "привет-мир", "repeat", "repeat-1", "section"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "missing id {id}");
    }
}

#[test]
fn markdown_extensions_render_without_style_attributes() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let html = site.output("headings/index.html");

    assert!(html.contains("class=\"align-center\""), "table alignment class missing");
    assert!(html.contains("<del>Struck</del>"), "strikethrough missing");
    assert!(html.contains("type=\"checkbox\""), "task list missing");
    assert!(html.contains("The footnote text."), "footnote missing");
    for (path, _) in site.tree("public") {
        if path.ends_with(".html") {
            assert!(!site.output(&path).contains("style="), "{path} has a style attribute");
        }
    }
}

#[test]
fn links_by_source_path_are_rewritten() {
    let site = Fixture::new("basic");
    site.build(&[]);

    let alpha = site.output("alpha/index.html");
    assert!(alpha.contains("href=\"/\""), "link home not rewritten");
    assert!(alpha.contains("href=\"/beta/page-a/#notes\""), "link with anchor not rewritten");

    let page_a = site.output("beta/page-a/index.html");
    assert!(page_a.contains("src=\"/beta/picture.svg\""), "image beside the page not rewritten");
    assert!(page_a.contains("href=\"/robots.txt\""), "static file link not rewritten");
    assert_eq!(site.output("robots.txt"), "User-agent: *\n");
    assert!(site.path("public/beta/picture.svg").is_file());
}

#[test]
fn base_url_sub_path_used_everywhere() {
    let site = Fixture::new("basic");
    site.build(&["--base-url", "https://example.org/guide"]);

    let alpha = site.output("alpha/index.html");
    assert!(alpha.contains("href=\"/guide/\""), "home link lacks the sub-path");
    assert!(alpha.contains("href=\"/guide/beta/page-a/#notes\""));
    for (path, _) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = site.output(&path);
        for attribute in ["href=\"/", "src=\"/", "data-engine-js=\"/", "data-engine-wasm=\"/"] {
            for (index, _) in html.match_indices(attribute) {
                let rest = &html[index + attribute.len() - 1..];
                assert!(rest.starts_with("/guide/"), "{path}: URL without the sub-path: {}", &rest[..rest.len().min(60)]);
            }
        }
    }
}

#[test]
fn every_page_has_the_csp_and_no_inline_script() {
    let site = Fixture::new("basic");
    site.build(&[]);

    for (path, _) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = site.output(&path);
        assert!(
            html.contains("script-src 'self' 'wasm-unsafe-eval'") && html.contains("http-equiv=\"Content-Security-Policy\""),
            "{path} lacks the CSP meta"
        );
        for (index, _) in html.match_indices("<script") {
            let tag = &html[index..index + html[index..].find('>').expect("tag end")];
            assert!(tag.contains(" src="), "{path} has an inline script: {tag}");
        }
    }
}

#[test]
fn engine_is_written_with_hashed_names() {
    let site = Fixture::new("basic");
    site.build(&[]);

    let files: Vec<String> = site.tree("public/assets").into_iter().map(|(path, _)| path).collect();
    let wasm = files.iter().find(|f| f.starts_with("engine.") && f.ends_with(".wasm")).expect("engine .wasm");
    let glue = files.iter().find(|f| f.starts_with("engine.") && f.ends_with(".js")).expect("engine glue");
    let bytes = std::fs::read(site.path("public/assets").join(wasm)).expect("read wasm");
    assert_eq!(&bytes[..4], b"\0asm", "not a wasm module");

    let home = site.output("index.html");
    assert!(home.contains(&format!("data-engine-wasm=\"/assets/{wasm}\"")), "wasm URL not passed to the page");
    assert!(home.contains(&format!("data-engine-js=\"/assets/{glue}\"")), "glue URL not passed to the page");
    assert!(files.iter().any(|f| f.starts_with("main.") && f.ends_with(".css")), "no hashed CSS");
}

#[test]
fn site_without_themes_folder_builds_completely() {
    let site = Fixture::new("basic");
    assert!(!site.path("themes").exists());
    site.build(&[]);
    let home = site.output("index.html");
    assert!(home.contains("<main"), "the embedded layout was not used");
    assert!(home.contains("Fixture Guide"));
}

#[test]
fn one_template_overridden_from_site() {
    let site = Fixture::new("basic");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"overridden\">{{ page.title }}</p>{{ page.content | safe }}{% endblock main %}",
    );
    site.build(&[]);

    assert!(site.output("beta/page-a/index.html").contains("<p class=\"overridden\">A page</p>"));
    assert!(!site.output("beta/index.html").contains("overridden"), "the section template was replaced too");
}

#[test]
fn site_settings_reach_templates() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let home = site.output("index.html");
    assert!(home.contains("lang=\"en-GB\""));
    assert!(home.contains("Test Council"));
}

#[test]
fn crlf_and_byte_order_mark_accepted() {
    let site = Fixture::new("basic");
    site.write("content/windows.md", "\u{feff}---\r\ntitle: Windows file\r\n---\r\n## Saved on Windows\r\n\r\nText.\r\n");
    site.build(&[]);
    let html = site.output("windows/index.html");
    assert!(html.contains("Windows file"));
    assert!(html.contains("id=\"saved-on-windows\""));
}

#[test]
fn shortcodes_expand_outside_code() {
    let site = Fixture::new("basic");
    site.build(&[]);
    let html = site.output("shortcodes/index.html");

    assert!(html.contains("Concern starts at 92% attendance."), "threshold not expanded");
    assert!(html.contains("class=\"callout callout--tip\""), "callout not expanded");
    assert!(html.contains("<strong>bold</strong>"), "callout body not rendered as Markdown");
    assert!(html.contains("id=\"inside-the-callout\""), "heading in a callout body has no id");
    assert!(!html.contains("<p><aside"), "block shortcode wrapped in a paragraph");
    assert!(html.contains("<code>{{ literal() }}</code>"), "code span not literal");
    assert!(html.contains("{{ fenced() }}"), "fenced code not literal");
    assert!(html.contains("{{ escaped() }}"), "escaped braces not literal");
}

#[test]
fn hidden_static_files_published() {
    let site = Fixture::new("basic");
    site.write("content/static/.nojekyll", "");
    site.write("content/static/.well-known/security.txt", "Contact: mailto:x@example.org\n");
    site.write("content/static/.DS_Store", "junk");
    site.write("content/.notes.md", "not a page");
    site.build(&[]);

    assert!(site.path("public/.nojekyll").is_file(), ".nojekyll was skipped");
    assert!(site.path("public/.well-known/security.txt").is_file(), ".well-known was skipped");
    assert!(!site.path("public/.DS_Store").exists(), "a system file was published");
    assert!(!site.path("public/.notes").exists(), "a hidden page was built");
}

#[test]
fn pages_made_from_data_linked_by_address() {
    let site = Fixture::new("basic");
    site.write("content/beta/page-b.md", "---\ntitle: B page\n---\n[Search](/search/), [print](/print) and [nothing](/nothing/).\n");
    let run = site.run(&["build", "--base-url", "/guide/"]);
    assert_eq!(run.code, 1, "a link to a missing address passed:\n{}", run.stderr);
    assert!(run.stderr.contains("content/beta/page-b.md:4:41"), "{}", run.stderr);
    assert!(!run.stderr.contains("/search/` not found"), "{}", run.stderr);

    site.write("content/beta/page-b.md", "---\ntitle: B page\n---\n[Search](/search/) and [print](/print).\n");
    site.build(&["--base-url", "/guide/"]);
    let html = site.output("beta/page-b/index.html");
    assert!(html.contains("href=\"/guide/search/\""), "search link not rewritten");
    assert!(html.contains("href=\"/guide/print/\""), "print link not rewritten");
}
