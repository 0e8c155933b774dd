//! Property tests over the paths untrusted text takes: front matter, Markdown, dates,
//! slugs and aliases, site.yaml, and a whole build. No input may panic; bad input
//! must come back as diagnostics with a position. `fuzz/run.sh` runs these for as
//! long as asked, with many more cases; proptest keeps any failing input in
//! `proptest-regressions/` so it is replayed by every later `cargo test`.

use proptest::prelude::*;

use herald::config::RawHtml;
use herald::content::front_matter;
use herald::date::Date;
use herald::markdown;

/// Text rich in what breaks parsers: YAML and Markdown syntax, HTML, quotes, Unicode,
/// right-to-left and control characters, line endings.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---",
        "\n",
        "\r\n",
        ":",
        " ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!!str",
        "#",
        "|",
        ">",
        "'",
        "\"",
        "\\",
        "title",
        "date",
        "2015-10-30",
        "2015-02-30T25:61:00+99:99",
        "tags",
        "slug",
        "../",
        "extra",
        "aliases",
        "/",
        "<script>",
        "</title>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "[x](@/announcements/a.md)",
        "[y](javascript:alert(1))",
        "![i](data:x)",
        "# H",
        "## 合作",
        "| a | b |\n|---|---|",
        "[^1]",
        "[^1]: n",
        "~~s~~",
        "- [x] t",
        "```",
        "`c`",
        "\u{0}",
        "\u{7}",
        "\u{feff}",
        "\u{202e}",
        "\u{2068}",
        "é",
        "中文",
        "العربية",
        "🙂",
        "\t",
        "1e999",
        "-0",
        "null",
        "~",
        "<<: *a",
        "{{ x }}",
        "{% if %}",
        "%2e%2e",
        "CON",
        "\u{d7ff}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![hostile_text(), any::<String>(), "\\PC{0,200}"]
}

fn no_links(_: &str) -> Option<String> {
    None
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics_and_errors_have_positions(text in arbitrary_text()) {
        let file = format!("---\n{text}\n---\nbody");
        for input in [&text, &file] {
            if let Ok(split) = front_matter::split(input) {
                if let Err(errors) = front_matter::parse(&split, "x.en.md") {
                    prop_assert!(!errors.is_empty());
                    for e in errors {
                        prop_assert!(e.line.is_some_and(|l| l >= 1 && l <= input.lines().count().max(1) + 1), "{e}");
                    }
                }
            }
        }
    }

    #[test]
    fn markdown_never_panics_and_sanitizes(body in arbitrary_text()) {
        for policy in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
            let rendered = markdown::render(&body, policy, &no_links);
            if policy != RawHtml::Allow {
                let html = rendered.html.to_lowercase();
                prop_assert!(!html.contains("<script"), "{html}");
                prop_assert!(!html.contains("href=\"javascript:"), "{html}");
            }
        }
        let _ = markdown::scan(&body);
    }

    #[test]
    fn typography_never_panics_and_changes_only_quotes_and_spaces(body in arbitrary_text()) {
        let strip = |text: &str| -> String {
            text.chars()
                .filter(|&c| !c.is_whitespace() && !"\"'“”‘’„‚«»‹›「」『』".contains(c))
                .collect()
        };
        for lang in ["fr", "de", "ja", "ar", "en"] {
            let typography = markdown::typography::Typography::of(lang);
            prop_assert_eq!(strip(&typography.plain(&body, &[])), strip(&body));
            let _ = markdown::render_page(&body, RawHtml::Sanitize, &[], &no_links, &|_| None, None, Some(typography));
        }
    }

    #[test]
    fn dates_slugs_aliases_never_panic(text in arbitrary_text()) {
        let _ = Date::parse(&text);
        if front_matter::check_segment(&text).is_ok() {
            prop_assert!(!text.contains('/') && !text.contains('\\') && text != ".." && !text.is_empty());
        }
        if let Ok(path) = front_matter::check_alias(&text) {
            prop_assert!(!path.split('/').any(|s| s == ".." || s == "."));
            prop_assert!(!path.starts_with('/'));
        }
    }

    #[test]
    fn site_yaml_never_panics(text in arbitrary_text()) {
        let _ = herald::config::parse(std::path::Path::new("/nonexistent-site"), &text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A whole build of a site with one fuzzed announcement: it succeeds or reports errors;
    /// it never panics and never leaves a half-written output.
    #[test]
    fn whole_builds_never_panic(front in hostile_text(), body in arbitrary_text()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "base_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n  - { code: ar, name: العربية }\n").unwrap();
        let content = dir.path().join("content/announcements");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(content.join("a.en.md"), format!("---\ntitle: A\ndate: 2020-01-01\n{front}\n---\n{body}")).unwrap();
        std::fs::write(content.join("b.ar.md"), format!("---\n{front}\n---\n{body}")).unwrap();
        let options = herald::BuildOptions { site_dir: dir.path().to_path_buf(), now: Some(1_767_225_600), ..Default::default() };
        match herald::build(&options) {
            Ok(_) => prop_assert!(dir.path().join("public/en/index.html").exists()),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                prop_assert!(!dir.path().join("public").exists(), "a failed first build writes nothing");
            }
        }
    }
}
