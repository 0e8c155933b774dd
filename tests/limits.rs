//! herald's limits on input that would otherwise cost more than its size: each is an
//! error naming the limit at file:line:col, and input within them builds as usual.
//! (Speed and memory on pathological input are measured by `bench/pathological.sh`,
//! not timed here.)

mod common;

use common::TestSite;

/// English and French: enough languages to see per-language pages, and fast.
const TWO_LANGUAGES: &str = "\
title_key: site-title
base_url: https://example.org
default_language: en
languages:
  - { code: en, name: English }
  - { code: fr, name: Français }
";

/// An announcement whose front matter lists `tags`.
fn with_tags(tags: &[String]) -> String {
    format!(
        "---\ntitle: Many tags\ndate: 2020-01-01\ntags: [{}]\n---\n\nBody.\n",
        tags.join(", ")
    )
}

fn tags(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("t{i}")).collect()
}

#[test]
fn an_announcement_with_150_tags_builds_every_tag_page() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    site.announcement("many.en.md", &with_tags(&tags(150)));
    site.build_ok();
    for lang in ["en", "fr"] {
        let index = site.output(&format!("{lang}/tags/index.html"));
        for tag in tags(150) {
            let url = format!("/{lang}/tags/{tag}/");
            assert!(
                index.contains(&format!("href=\"{url}\"")),
                "{url} on the index"
            );
            let page = site.output(&format!("{lang}/tags/{tag}/index.html"));
            assert_eq!(
                page.matches(&format!("href=\"/{lang}/announcements/many/\""))
                    .count(),
                1,
                "{url} lists the announcement once"
            );
        }
        let article = site.output(&format!("{lang}/announcements/many/index.html"));
        assert_eq!(
            article.matches(&format!("href=\"/{lang}/tags/t")).count(),
            150
        );
    }
    assert!(!site.has_output("en/tags/t150/index.html"));
}

#[test]
fn more_tags_than_the_limit_is_an_error_at_the_tags_key() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    site.announcement("many.en.md", &with_tags(&tags(201)));
    let errors = site.build_err();
    assert_eq!(
        errors,
        ["content/announcements/many.en.md:4:7: error: `tags` lists 201 tags; an announcement may have at most 200 (herald's limit on tags per announcement)"]
    );
}

#[test]
fn a_hundred_thousand_tags_are_refused_the_same_way() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    site.announcement("many.en.md", &with_tags(&tags(100_000)));
    let errors = site.build_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(
            "content/announcements/many.en.md:4:7: error: `tags` lists 100000 tags; an announcement may have at most 200"
        ),
        "{}",
        errors[0]
    );
}

#[test]
fn a_repeated_tag_counts_once() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2020-01-01\ntags: [x, y, x, x]\n---\n\nBody.\n",
    );
    site.build_ok();
    let article = site.output("en/announcements/a/index.html");
    assert_eq!(article.matches("href=\"/en/tags/x/\"").count(), 1);
    let index = site.output("en/tags/index.html");
    let x = index
        .lines()
        .find(|l| l.contains("href=\"/en/tags/x/\""))
        .expect("x on the index");
    assert!(x.contains("one announcement"), "{x}");
}

/// An announcement with this body (front matter on lines 1–4, the body from line 6).
fn with_body(body: &str) -> String {
    format!("---\ntitle: Deep\ndate: 2020-01-01\n---\n\n{body}\n")
}

fn build_errors_for(body: &str) -> Vec<String> {
    let site = TestSite::with_config(TWO_LANGUAGES);
    site.announcement("deep.en.md", &with_body(body));
    site.build_err()
}

#[test]
fn a_run_of_brackets_is_an_error_at_the_bracket_over_the_limit() {
    let errors = build_errors_for(&format!("Text\n\nAbc {}", "[".repeat(1_000_000)));
    assert_eq!(
        errors,
        ["content/announcements/deep.en.md:8:37: error: more than 32 `[` are open here (herald's limit on Markdown nesting); write `\\[` for a bracket that opens no link"]
    );
}

#[test]
fn deep_block_quotes_and_lists_are_an_error_where_they_pass_the_limit() {
    let errors = build_errors_for(&">".repeat(1_000_000));
    assert_eq!(
        errors,
        ["content/announcements/deep.en.md:6:33: error: block quotes and lists nest more than 32 levels deep here (herald's limit on Markdown nesting)"]
    );
    // Nesting built up by indentation is counted by the parser.
    let lists: String = (0..40)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let errors = build_errors_for(&lists);
    assert_eq!(
        errors,
        ["content/announcements/deep.en.md:38:65: error: block quotes and lists nest more than 32 levels deep here (herald's limit on Markdown nesting)"]
    );
}

#[test]
fn deep_raw_html_is_an_error_at_the_element_over_the_limit() {
    // The div, then a list and its item per `<ul><li>`: the 128th item is the 257th.
    let errors = build_errors_for(&format!("<div>\n{}", "<ul><li>".repeat(300)));
    assert_eq!(
        errors,
        ["content/announcements/deep.en.md:7:1021: error: raw HTML elements nest more than 256 deep here (herald's limit on HTML nesting)"]
    );
}

#[test]
fn nesting_up_to_the_limits_builds() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    let body = format!(
        "{}quoted\n\n{}not a link{}\n\n```\n{}\n```\n\n<div>{}x{}</div>\n\n\\[{}",
        "> ".repeat(32),
        "[".repeat(32),
        "]".repeat(32),
        "[".repeat(1000),
        "<span>".repeat(200),
        "</span>".repeat(200),
        "\\[".repeat(1000),
    );
    site.announcement("deep.en.md", &with_body(&body));
    site.build_ok();
    let page = site.output("en/announcements/deep/index.html");
    assert_eq!(page.matches("<blockquote>").count(), 32);
    assert!(page.contains(&format!("{}not a link", "[".repeat(32))));
}

#[test]
fn many_headings_with_one_text_get_unique_ids_in_order() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    let mut body = String::from("## Same 2\n\n");
    body.push_str(&"## Same\n\ntext\n\n".repeat(2000));
    site.announcement("headings.en.md", &with_body(&body));
    site.build_ok();
    let page = site.output("en/announcements/headings/index.html");
    let ids: Vec<&str> = page
        .split("<h2 id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|id| id.starts_with("same"))
        .collect();
    // `same-2` is taken by the first heading: the others skip it.
    let mut expected = vec!["same-2".to_string(), "same".into(), "same-1".into()];
    expected.extend((3..=2000).map(|n| format!("same-{n}")));
    assert!(
        ids == expected,
        "ids begin {:?}, end {:?}",
        &ids[..5],
        &ids[ids.len() - 3..]
    );
}

#[test]
fn sloppy_raw_html_that_does_not_nest_builds() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    let body = format!(
        "<div>\n{}\n<ul>{}</ul>\n{}\n</div>\n\n{}",
        "<p>an unclosed paragraph".repeat(300),
        "<li>an unclosed item".repeat(300),
        "<b><i>misnested</b></i> ".repeat(300),
        "Text with <span>inline</span> HTML.\n\n".repeat(300),
    );
    site.announcement("sloppy.en.md", &with_body(&body));
    site.build_ok();
}

#[test]
fn a_body_linking_to_many_announcements_resolves_each_link() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    for i in 0..300 {
        site.announcement(
            &format!("b{i}.en.md"),
            &format!("---\ntitle: B{i}\ndate: 2020-01-01\nslug: slug-{i}\n---\n\nText.\n"),
        );
    }
    let links: String = (0..300)
        .map(|i| format!("[{i}](@/announcements/b{i}.md) [again](@/announcements/b{i}.md#top)\n"))
        .collect();
    site.announcement("index.en.md", &with_body(&links));
    site.build_ok();
    let page = site.output("fr/announcements/index/index.html");
    for i in [0, 150, 299] {
        assert!(page.contains(&format!("href=\"/fr/announcements/slug-{i}/\"")));
        assert!(page.contains(&format!("href=\"/fr/announcements/slug-{i}/#top\"")));
    }
}

/// `count` Fluent messages `m00 = …`, `m01 = …`…
fn fluent_messages(count: usize) -> String {
    (0..count)
        .map(|i| format!("m{i:02} = Message {i}\n"))
        .collect()
}

#[test]
fn long_lists_of_message_ids_name_ten_and_count_the_rest() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    site.announcement("a.en.md", "---\ntitle: A\ndate: 2020-01-01\n---\n\nBody.\n");
    site.write(
        "locales/en/site.ftl",
        &format!("site-title = News\n{}", fluent_messages(25)),
    );
    site.write(
        "locales/fr/site.ftl",
        &format!(
            "site-title = Nouvelles\n{}",
            fluent_messages(25).replace('m', "x")
        ),
    );
    let warnings: Vec<String> = site
        .build_ok()
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    let missing = "locales/fr: warning: 25 message(s) missing in `fr` (the en text is shown): m00, m01, m02, m03, m04, m05, m06, m07, m08, m09 … and 15 more";
    assert!(warnings.contains(&missing.to_string()), "{warnings:#?}");
    let unused: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("is not used"))
        .collect();
    assert_eq!(unused.len(), 10, "{unused:#?}");
    assert_eq!(
        unused[0],
        "locales/fr/site.ftl:2:1: warning: message `x00` is not used: neither the theme nor the en strings use it"
    );
    assert!(warnings.contains(
        &"locales/fr/site.ftl: warning: 25 messages in this file are not used; the first 10 are listed".to_string()
    ), "{warnings:#?}");
    let (code, stdout, _) = common::run_herald(site.root(), &["status"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("\n25 string(s) missing in fr (the en text is shown): m00, m01, m02, m03, m04, m05, m06, m07, m08, m09\n  … and 15 more\n"),
        "{stdout}"
    );
}

#[test]
fn deeply_nested_fluent_placeables_are_an_error_not_a_crash() {
    let site = TestSite::with_config(TWO_LANGUAGES);
    site.announcement("a.en.md", "---\ntitle: A\ndate: 2020-01-01\n---\n\nBody.\n");
    let deep = format!("{}\"a\"{}", "{ ".repeat(100_000), " }".repeat(100_000));
    site.write(
        "locales/en/site.ftl",
        &format!("site-title = News\n# {{ {{ {{ a comment }} }} }}\nx = {deep}\n"),
    );
    assert_eq!(
        site.build_err(),
        ["locales/en/site.ftl:3:69: error: placeables `{ … }` nest more than 32 levels deep here (herald's limit on Fluent nesting)"]
    );
    // 32 levels, and braces in string literals and comments, are fine.
    let nested = format!("{}\"{{{{{{\"{}", "{ ".repeat(31), " }".repeat(31));
    site.write(
        "locales/en/site.ftl",
        &format!("site-title = News\n# {}\nx = {nested}\n", "{ ".repeat(40)),
    );
    site.build_ok();
}
