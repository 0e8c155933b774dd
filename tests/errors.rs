//! Bad input: every error names file:line:col, a run reports them all, and the
//! previous output is left byte for byte as it was.

mod common;

use common::{simple, snapshot, TestSite};

/// Builds a good site once, breaks it with `file`/`text`, and checks the error and the old output.
fn assert_error(file: &str, text: &[u8], expected: &str) {
    let site = TestSite::new();
    site.announcement("good.en.md", &simple("Good", "2020-01-01"));
    site.build_ok();
    let before = snapshot(&site.root().join("public"));
    site.write_bytes(file, text);
    let errors = site.build_err();
    assert!(
        errors.iter().any(|e| e == expected),
        "expected `{expected}` among:\n{}",
        errors.join("\n")
    );
    assert_eq!(
        snapshot(&site.root().join("public")),
        before,
        "the previous output must stay intact"
    );
}

const A: &str = "content/announcements";

#[test]
fn malformed_yaml() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: \"unclosed\ndate: 2020-01-01\n---\nBody\n",
        "content/announcements/bad.en.md:2:8: error: the quote `\"` that opens this value is never closed: end the value with `\"` on the same line",
    );
}

#[test]
fn missing_title() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ndate: 2020-01-01\n---\nBody\n",
        "content/announcements/bad.en.md:1:1: error: missing `title`: every announcement and translation needs its own title",
    );
}

#[test]
fn empty_title() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: \"  \"\ndate: 2020-01-01\n---\n",
        "content/announcements/bad.en.md:2:8: error: `title` is empty",
    );
}

#[test]
fn bad_date() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\ndate: 30/10/2015\n---\n",
        "content/announcements/bad.en.md:3:7: error: `date`: `30/10/2015` is not a date: use YYYY-MM-DD or RFC 3339 (2015-10-30T09:00:00Z)",
    );
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\ndate: 2015-02-29\n---\n",
        "content/announcements/bad.en.md:3:7: error: `date`: `2015-02-29` is not a real calendar date",
    );
}

#[test]
fn missing_date_in_the_source() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\n---\n",
        "content/announcements/bad.en.md:1:1: error: missing `date`: the source of an announcement needs one (YYYY-MM-DD)",
    );
}

#[test]
fn unknown_front_matter_key() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\ndate: 2020-01-01\ntagz: [a]\n---\n",
        "content/announcements/bad.en.md:4:1: error: unknown key `tagz`: did you mean `tags`?",
    );
}

#[test]
fn keys_under_extra_are_free() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: T\ndate: 2020-01-01\nextra:\n  anything: [1, 2]\n  nested: { x: y }\n---\n",
    );
    site.build_ok();
}

#[test]
fn duplicate_yaml_key() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\ntitle: U\ndate: 2020-01-01\n---\n",
        "content/announcements/bad.en.md:3:1: error: `title` is set twice: keep one",
    );
}

#[test]
fn unknown_language_suffix() {
    assert_error(
        &format!("{A}/bad.de.md"),
        b"---\ntitle: T\ndate: 2020-01-01\n---\n",
        "content/announcements/bad.de.md:1:1: error: unknown language suffix `.de`: the site's languages are en, zh, ar, es, fr, ru, pt",
    );
}

#[test]
fn duplicate_slug_in_one_language() {
    assert_error(
        &format!("{A}/other.en.md"),
        b"---\ntitle: T\ndate: 2020-01-01\nslug: good\n---\n",
        "content/announcements/other.en.md:4:7: error: slug `good` is already used by content/announcements/good.en.md (in en, zh, ar, es, fr, ru, pt); two announcements cannot share a URL",
    );
}

#[test]
fn slug_that_is_not_one_plain_segment() {
    for (slug, why) in [
        ("../x", "must not start with a dot"),
        ("a/b", "must be one URL segment (no `/` or `\\`)"),
        ("\"\"", "is empty"),
        ("a\\b", "must be one URL segment (no `/` or `\\`)"),
        ("a(b)", "may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not `(`"),
        ("\"a b\"", "may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not a space"),
        ("\"it's\"", "may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not `'`"),
        ("a`b", "may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not a backtick"),
        ("100%", "may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not `%`"),
        ("a~b", "may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not `~`"),
        ("\"a\\u200Bb\"", "may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not `\u{200B}` (U+200B)"),
    ] {
        let shown = match slug {
            "\"\"" => "",
            "\"a b\"" => "a b",
            "\"it's\"" => "it's",
            "\"a\\u200Bb\"" => "a\u{200B}b",
            _ => slug,
        };
        assert_error(
            &format!("{A}/bad.en.md"),
            format!("---\ntitle: T\ndate: 2020-01-01\nslug: {slug}\n---\n").as_bytes(),
            &format!("content/announcements/bad.en.md:4:7: error: `slug` `{shown}` {why}"),
        );
    }
}

#[test]
fn slugs_tags_and_names_share_one_rule_with_their_message() {
    // Any script, with combining marks (Devanagari's virama, decomposed accents).
    let site = TestSite::new();
    site.announcement(
        "2020-01-01-合作备忘录.en.md",
        "---\ntitle: A\ndate: 2020-01-01\ntags: [हिन्दी, v1.2_final]\n---\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: B\ndate: 2020-01-02\nslug: \"cafe\\u0301-2020\"\n---\n",
    );
    site.build_ok();
    assert!(site.has_output("en/announcements/合作备忘录/index.html"));
    assert!(site.has_output("en/tags/हिन्दी/index.html"));
    assert!(site.has_output("en/announcements/cafe\u{301}-2020/index.html"));
    // Tags and file names are held to the same rule, in the same words.
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2020-01-01\ntags: [ok, \"a&b\"]\n---\n",
    );
    site.announcement("b(c).en.md", &simple("B", "2020-01-01"));
    assert_eq!(
        site.build_err(),
        [
            "content/announcements/a.en.md:4:7: error: tag `a&b` may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not `&`",
            "content/announcements/b(c).en.md:1:1: error: announcement name `b(c)` may only contain letters, digits and combining marks of any script, `-`, `_` and `.`, not `(`",
        ]
    );
    // The words and the check agree on every ASCII character.
    use herald::content::front_matter::{is_segment_char, SEGMENT_CHARS};
    assert_eq!(
        SEGMENT_CHARS,
        "letters, digits and combining marks of any script, `-`, `_` and `.`"
    );
    for c in (0u8..128).map(char::from) {
        let said = c.is_ascii_alphanumeric() || "-_.".contains(c);
        assert_eq!(is_segment_char(c), said, "{c:?}");
    }
}

#[test]
fn invalid_utf8() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\ndate: 2020-01-01\n---\nline\n\xff\xfe\n",
        "content/announcements/bad.en.md:6:1: error: invalid UTF-8 at byte 39: save the file as UTF-8",
    );
}

#[test]
fn front_matter_never_closed_and_empty_file() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\ndate: 2020-01-01\n",
        "content/announcements/bad.en.md:1:1: error: the front matter that starts here is never closed: add a `---` line after it",
    );
    assert_error(
        &format!("{A}/bad.en.md"),
        b"",
        "content/announcements/bad.en.md:1:1: error: the file is empty: an announcement starts with `---`, its front matter (title, date), and `---`",
    );
}

#[test]
fn broken_internal_link() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"---\ntitle: T\ndate: 2020-01-01\n---\n\nSee [x](@/announcements/nope.md).\n",
        "content/announcements/bad.en.md:6:5: error: link to `@/announcements/nope.md`: there is no announcement named `nope`",
    );
}

#[test]
fn crlf_and_bom_keep_positions_right() {
    assert_error(
        &format!("{A}/bad.en.md"),
        b"\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2020-02-30\r\n---\r\n",
        "content/announcements/bad.en.md:3:7: error: `date`: `2020-02-30` is not a real calendar date",
    );
}

#[test]
fn fluent_syntax_error() {
    assert_error(
        "locales/fr/site.ftl",
        b"ok = fine\nbad = { $x\n",
        "locales/fr/site.ftl:3:1: error: Fluent syntax error: Expected a token starting with \"}\"",
    );
}

#[test]
fn template_error() {
    let site = TestSite::new();
    site.announcement("good.en.md", &simple("Good", "2020-01-01"));
    site.build_ok();
    let before = snapshot(&site.root().join("public"));
    site.eject_theme();
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ oops(\n{% endblock main %}\n",
    );
    let errors = site.build_err();
    // `{{ oops(` on line 3 is unterminated; Tera notices at the next `{` on line 4.
    assert_eq!(errors, ["themes/default/templates/404.html:4:1: error: template error: Found `{` but expected identifier."]);
    assert_eq!(snapshot(&site.root().join("public")), before);
}

#[test]
fn one_run_reports_every_error() {
    let site = TestSite::new();
    site.announcement("a.en.md", "---\ndate: 2020-01-01\n---\n");
    site.announcement("b.en.md", "---\ntitle: T\ndate: nope\n---\n");
    site.announcement("c.xx.md", &simple("C", "2020-01-01"));
    site.write("locales/en/site.ftl", "x = { \n");
    let errors = site.build_err();
    for prefix in [
        "content/announcements/a.en.md:1:1:",
        "content/announcements/b.en.md:3:7:",
        "content/announcements/c.xx.md:1:1:",
        "locales/en/site.ftl:",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(prefix)),
            "{prefix} missing in {errors:?}"
        );
    }
    let mut sorted = errors.clone();
    sorted.sort();
    assert_eq!(errors, sorted, "diagnostics are sorted by path and line");
}

fn config_error(config: &str, expected: &str) {
    let site = TestSite::with_config(config);
    let errors = site.build_err();
    assert!(
        errors.iter().any(|e| e == expected),
        "expected `{expected}` among:\n{}",
        errors.join("\n")
    );
}

#[test]
fn config_unknown_key() {
    config_error(
        "base_url: https://x.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\npaginat: 3\n",
        "site.yaml:5:1: error: unknown key `paginat`: did you mean `paginate`?",
    );
    config_error(
        "base_url: https://x.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English, offical: true }\n",
        "site.yaml:4:32: error: unknown key `offical` in `languages[0]`: did you mean `official`?",
    );
}

#[test]
fn config_languages() {
    let config = "base_url: https://x.org\ndefault_language: de\nlanguages:\n  - { code: en, name: English }\n  - { code: en, name: Anglais }\n  - { code: \"not a tag!\", name: X }\n";
    config_error(
        config,
        "site.yaml:2:1: error: default_language: `de` is not one of the languages listed",
    );
    config_error(
        config,
        "site.yaml:5:13: error: languages[1].code: `en` is listed more than once",
    );
    config_error(
        config,
        "site.yaml:6:14: error: languages[2].code: `not a tag!` is not a valid BCP 47 language tag",
    );
}

#[test]
fn output_folder_must_not_be_the_site_or_a_parent_or_foreign() {
    let site = TestSite::new();
    site.announcement("good.en.md", &simple("Good", "2020-01-01"));
    for output in [
        site.root().to_path_buf(),
        site.root().parent().unwrap().to_path_buf(),
        "/".into(),
        site.root().join("content/out"),
    ] {
        let options = herald::BuildOptions {
            output: Some(output.clone()),
            ..site.options()
        };
        let errors = herald::build(&options).expect_err("must refuse");
        assert!(
            errors[0].message.starts_with("refusing"),
            "{output:?}: {errors:?}"
        );
    }
    assert!(site
        .root()
        .join("content/announcements/good.en.md")
        .exists());
    // A folder herald did not create, with files in it, is never replaced.
    let foreign = site.root().join("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "precious").unwrap();
    let options = herald::BuildOptions {
        output: Some(foreign.clone()),
        ..site.options()
    };
    let errors = herald::build(&options).expect_err("must refuse");
    assert!(
        errors[0].message.contains("was not created by herald"),
        "{errors:?}"
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "precious"
    );
    // Its own output folder is replaced on the next build, stale files gone.
    site.build_ok();
    site.write("public/stale.html", "old");
    site.build_ok();
    assert!(!site.has_output("stale.html"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_and_links_out_of_the_site_not_followed() {
    let site = TestSite::new();
    site.announcement("b/index.en.md", &simple("B", "2020-01-01"));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink("..", site.root().join("content/announcements/b/loop")).unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        site.root().join("content/announcements/b/outside"),
    )
    .unwrap();
    let errors = site.build_err();
    assert_eq!(
        errors,
        [
            "content/announcements/b/loop: error: symbolic link loop: this folder links back to one of its parents",
            "content/announcements/b/outside: error: symbolic link points outside the site folder; it is not followed",
        ]
    );
}

#[test]
fn template_error_at_render_time() {
    let site = TestSite::new();
    site.announcement("good.en.md", &simple("Good", "2020-01-01"));
    site.build_ok();
    let before = snapshot(&site.root().join("public"));
    site.eject_theme();
    site.write(
        "themes/default/templates/tags.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ no_such_variable }}</p>\n{% endblock main %}\n",
    );
    let errors = site.build_err();
    assert!(!errors.is_empty());
    for e in &errors {
        assert!(
            e.starts_with("themes/default/templates/tags.html:3:"),
            "{errors:?}"
        );
    }
    assert_eq!(
        snapshot(&site.root().join("public")),
        before,
        "nothing written"
    );
}
