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
            assert!(index.contains(&format!("href=\"{url}\"")), "{url} on the index");
            let page = site.output(&format!("{lang}/tags/{tag}/index.html"));
            assert_eq!(
                page.matches(&format!("href=\"/{lang}/announcements/many/\"")).count(),
                1,
                "{url} lists the announcement once"
            );
        }
        let article = site.output(&format!("{lang}/announcements/many/index.html"));
        assert_eq!(article.matches(&format!("href=\"/{lang}/tags/t")).count(), 150);
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
