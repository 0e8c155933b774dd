//! Hostile input in formats: YAML bombs, deep nesting, huge files, unsafe bundle
//! names, iframes; each is refused with a clear error, quickly and in bounded memory.

mod common;

use common::{simple, TestSite};

#[test]
fn a_yaml_bomb_is_refused() {
    let site = TestSite::new();
    let mut yaml = String::from("---\ntitle: T\ndate: 2020-01-01\nextra:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        yaml.push_str(&format!(
            "  a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    yaml.push_str("---\n");
    site.announcement("bomb.en.md", &yaml);
    let errors = site.build_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("content/announcements/bomb.en.md:"),
        "{errors:?}"
    );
    assert!(
        errors[0].contains("repetition limit exceeded"),
        "{errors:?}"
    );
}

#[test]
fn deeply_nested_yaml_is_refused_without_overflowing_the_stack() {
    let site = TestSite::new();
    let depth = 100_000;
    let yaml = format!(
        "---\ntitle: T\ndate: 2020-01-01\nextra:\n  deep: {}{}\n---\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    site.announcement("deep.en.md", &yaml);
    let errors = site.build_err();
    assert_eq!(errors, ["content/announcements/deep.en.md:5:73: error: the front matter nests deeper than 64 levels"]);
    // Block nesting too.
    let site = TestSite::new();
    let mut yaml = String::from("---\ntitle: T\ndate: 2020-01-01\nextra:\n");
    for level in 1..200 {
        yaml.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
    }
    site.announcement("deep.en.md", &(yaml + "---\n"));
    assert!(site.build_err()[0].contains("nests deeper than 64 levels"));
}

#[test]
fn a_huge_file_is_a_clear_error() {
    let site = TestSite::new();
    site.announcement("ok.en.md", &simple("Fine", "2020-01-01"));
    let mut big = simple("Big", "2020-01-02");
    big.push_str(&"Lorem ipsum dolor sit amet. ".repeat(50 * 1024 * 1024 / 28));
    site.announcement("big.en.md", &big);
    assert_eq!(
        site.build_err(),
        ["content/announcements/big.en.md: error: the file is 50 MB; announcements are limited to 8 MB (move large material into a bundle file)"]
    );
}

#[test]
fn bundle_files_with_unsafe_names_are_errors() {
    for (name, why) in [
        ("a\\b.png", "contains a backslash"),
        ("con.txt", "is a name Windows reserves (CON, NUL, …)"),
        (
            "x%2e%2e.txt",
            "contains percent-encoded dots, slashes or NUL",
        ),
    ] {
        let site = TestSite::new();
        site.announcement("w/index.en.md", &simple("W", "2020-01-01"));
        site.announcement(&format!("w/{name}"), "data");
        assert_eq!(
            site.build_err(),
            [format!(
                "content/announcements/w/{name}: error: bundle file name {why}; rename it"
            )]
        );
    }
}

#[test]
fn slugs_and_tags_with_windows_reserved_names_are_errors() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2020-01-01\nslug: NUL\n---\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: B\ndate: 2020-01-01\ntags: [com1]\n---\n",
    );
    assert_eq!(
        site.build_err(),
        [
            "content/announcements/a.en.md:4:7: error: `slug` `NUL` is a name Windows reserves (CON, NUL, COM1, …): the site could not be copied there",
            "content/announcements/b.en.md:4:7: error: tag `com1` is a name Windows reserves (CON, NUL, COM1, …): the site could not be copied there",
        ]
    );
}

#[test]
fn iframes_survive_only_from_allowed_hosts() {
    let body = "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"v\"></iframe>\n\n<iframe src=\"https://evil.example/x\"></iframe>\n\n<iframe src=\"http://www.youtube-nocookie.com/embed/y\"></iframe>\n\n<script>alert(1)</script>\n";
    let site = TestSite::with_config(&format!(
        "{}markdown:\n  raw_html: sanitize\n  iframe_hosts: [www.youtube-nocookie.com]\n",
        common::CONFIG
    ));
    site.announcement(
        "v.en.md",
        &format!("---\ntitle: V\ndate: 2020-01-01\n---\n{body}"),
    );
    site.build_ok();
    let html = site.output("en/announcements/v/index.html");
    assert!(
        html.contains(
            r#"<iframe src="https://www.youtube-nocookie.com/embed/x" title="v"></iframe>"#
        ),
        "{html}"
    );
    assert!(!html.contains("evil.example"));
    assert!(!html.contains("http://www.youtube"));
    assert!(!html.contains("<script>alert"));
    // Without the allow-list no iframe survives.
    let site = TestSite::new();
    site.announcement(
        "v.en.md",
        &format!("---\ntitle: V\ndate: 2020-01-01\n---\n{body}"),
    );
    site.build_ok();
    assert!(!site
        .output("en/announcements/v/index.html")
        .contains("<iframe"));
    // A host that is not a host name is a configuration error.
    let site = TestSite::with_config(&format!(
        "{}markdown:\n  iframe_hosts: [\"https://x.org/\"]\n",
        common::CONFIG
    ));
    assert_eq!(
        site.build_err(),
        ["site.yaml:13:1: error: markdown.iframe_hosts: `https://x.org/` must be a host name such as www.youtube-nocookie.com"]
    );
}

#[test]
fn raw_html_allow_and_escape() {
    for (policy, expect, refuse) in [
        ("allow", "<b onclick=\"x()\">b</b>", "&lt;b"),
        (
            "escape",
            "Text &lt;b onclick=\"x()\"&gt;b&lt;/b&gt;",
            "<b onclick",
        ),
    ] {
        let site = TestSite::with_config(&format!(
            "{}markdown:\n  raw_html: {policy}\n",
            common::CONFIG
        ));
        site.announcement(
            "r.en.md",
            "---\ntitle: R\ndate: 2020-01-01\n---\nText <b onclick=\"x()\">b</b>\n",
        );
        site.build_ok();
        let html = site.output("en/announcements/r/index.html");
        assert!(html.contains(expect), "{policy}: {html}");
        assert!(!html.contains(refuse), "{policy}");
    }
}
