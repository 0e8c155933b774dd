//! How errors read on the command line: YAML mistakes in plain words at the place of
//! the mistake, "did you mean" for near misses, the source line with a caret under the
//! first line editors read, and colour only where it is wanted.

mod common;

use std::io::BufRead;
use std::time::{Duration, Instant};

use common::process::{events, free_port, Running};
use common::{run_herald_with_env, simple, TestSite};

const A: &str = "content/announcements";

/// `herald build` on `site` with `args` and `env`: (exit code, stderr).
fn build(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let args: Vec<&str> = ["build"].iter().chain(args).copied().collect();
    let (code, _, stderr) = run_herald_with_env(site.root(), &args, env);
    (code, stderr)
}

/// The first line of every diagnostic `herald build` prints for `site`.
fn errors(site: &TestSite) -> Vec<String> {
    let (code, stderr) = build(site, &[], &[]);
    assert_eq!(code, 1, "{stderr}");
    stderr
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

/// A site with a good announcement and `file` (under content/announcements) as `text`.
fn site_with(file: &str, text: &str) -> TestSite {
    let site = TestSite::new();
    site.announcement("good.en.md", &simple("Good", "2020-01-01"));
    site.announcement(file, text);
    site
}

#[test]
fn yaml_mistakes_are_said_in_plain_words_where_they_are() {
    for (text, expected) in [
        (
            "---\ntitle: Budget: the vote\ndate: 2020-01-01\n---\n",
            "bad.en.md:2:14: error: the value of `title` contains `: `, which YAML reads as the start of another key: put the value in quotes: `title: \"Budget: the vote\"`",
        ),
        (
            "---\ntitle: 预算: 投票\ndate: 2020-01-01\n---\n",
            "bad.en.md:2:10: error: the value of `title` contains `: `, which YAML reads as the start of another key: put the value in quotes: `title: \"预算: 投票\"`",
        ),
        (
            "---\ntitle: T\n\tdate: 2020-01-01\n---\n",
            "bad.en.md:3:1: error: a tab indents this line: YAML indents with spaces only; use spaces (or none, for a key at the top)",
        ),
        (
            "---\ntitle: T\ndate: 2020-01-01\ntags: [budget, vote\nsummary: S\n---\n",
            "bad.en.md:4:7: error: the list that `[` opens here is never closed: end it with `]` (`tags: [a, b]`)",
        ),
        (
            "---\ntitle: T\ndate: 2020-01-01\nimage: { src: map.png\n---\n",
            "bad.en.md:4:8: error: the `{` opened here is never closed: end it with `}` (`image: { src: map.png, alt: Map }`)",
        ),
        (
            "---\ntitle: \"Budget\ndate: 2020-01-01\n---\n",
            "bad.en.md:2:8: error: the quote `\"` that opens this value is never closed: end the value with `\"` on the same line",
        ),
        (
            "---\ntitle: 'Budget\ndate: 2020-01-01\n---\n",
            "bad.en.md:2:8: error: the quote `'` that opens this value is never closed: end the value with `'` on the same line",
        ),
        (
            "---\ntitle:Next Round date\ndate: 2020-01-01\n---\n",
            "bad.en.md:2:7: error: `title:Next Round date` needs a space after the colon, or YAML reads it all as text: write `title: Next Round date`",
        ),
        (
            "---\ndate: 2020-01-01\ntitle:Next\n---\n",
            "bad.en.md:3:7: error: `title:Next` needs a space after the colon, or YAML reads it all as text: write `title: Next`",
        ),
        (
            "\u{feff}---\r\ntitle: T\r\ndate: 2020-01-01\r\n  summary: S\r\n---\r\n",
            "bad.en.md:4:3: error: `summary:` is indented further than the key above it, so YAML reads it as part of that key's value: line it up with the keys it belongs with",
        ),
        (
            "---\ntitle: @home\ndate: 2020-01-01\n---\n",
            "bad.en.md:2:8: error: a value cannot start with `@` in YAML: put it in quotes: `title: \"@home\"`",
        ),
    ] {
        let site = site_with("bad.en.md", text);
        assert_eq!(errors(&site), [format!("{A}/{expected}")], "{text:?}");
    }
}

#[test]
fn no_parser_words_or_internal_type_names_reach_the_user() {
    let front = [
        ("- a\n- b", "2:1: error: the front matter must be `key: value` lines, not a list"),
        ("title: T\ndate: 2020-01-01\ndraft: maybe", "4:8: error: `draft` must be `true` or `false`, not `maybe`"),
        ("title: [Draft]\ndate: 2020-01-01", "2:8: error: `title` must be text, not a list (put the value in quotes if it is meant as text)"),
        ("title: T\ndate: 2020-01-01\ntags: budget", "4:7: error: `tags` must be a list (`[a, b]`, or one `- item` per line), not `budget`"),
        ("title: T\ndate: 2020-01-01\nimage: [a]", "4:8: error: `image` must be a file name or URL (`image: map.png`), or `src:` and `alt:` lines under it"),
        ("title: T\ntitle: U\ndate: 2020-01-01", "3:1: error: `title` is set twice: keep one"),
    ];
    let config = |extra: &str| format!("{}{extra}", common::CONFIG);
    let site_yaml = [
        (config("search: maybe\n"), "site.yaml:13:9: error: `search` must be `true` or `false`, or `enabled:` under it, not `maybe`"),
        (common::CONFIG.replace("paginate: 20", "paginate: many"), "site.yaml:12:11: error: `paginate` must be a whole number, not `many`"),
        ("base_url: https://x.org\ndefault_language: en\nlanguages: en\n".into(), "site.yaml:3:12: error: `languages` must be a list (`[a, b]`, or one `- item` per line), not `en`"),
        ("base_url: https://x.org\ndefault_language: en\nlanguages:\n  - { code: en }\n".into(), "site.yaml:4:5: error: `languages[0]` has no `name:`, which it needs"),
        (config("markdown:\n  raw_html: alow\n"), "site.yaml:14:13: error: `markdown.raw_html` cannot be `alow`: did you mean `allow`?"),
        (config("markdown:\n  raw_html: none\n"), "site.yaml:14:13: error: `markdown.raw_html` must be one of `sanitize`, `allow`, `escape`, not `none`"),
        (config("markdown:\n  raw_html: [1]\n"), "site.yaml:14:13: error: `markdown.raw_html` must be one of `sanitize`, `allow`, `escape`, not a list"),
        (config("---\n"), "site.yaml:13:1: error: a `---` line here starts a second YAML document: remove it"),
    ];
    let mut all = String::new();
    for (yaml, expected) in front {
        let site = site_with("bad.en.md", &format!("---\n{yaml}\n---\n"));
        let (_, stderr) = build(&site, &[], &[]);
        assert!(
            stderr.starts_with(&format!("{A}/bad.en.md:{expected}\n")),
            "{yaml:?}: {stderr}"
        );
        all.push_str(&stderr);
    }
    for (config, expected) in site_yaml {
        let site = TestSite::with_config(&config);
        let (_, stderr) = build(&site, &[], &[]);
        assert!(
            stderr.starts_with(&format!("{expected}\n")),
            "{config:?}: {stderr}"
        );
        all.push_str(&stderr);
    }
    for jargon in [
        "Raw",
        "struct",
        "sequence",
        "mapping",
        "untagged",
        "invalid type",
        "field",
        "scalar",
        "variant",
        "usize",
        "while parsing",
    ] {
        assert!(!all.contains(jargon), "{jargon:?} in:\n{all}");
    }
}

#[test]
fn did_you_mean_a_front_matter_key() {
    let site = site_with(
        "bad.en.md",
        "---\ntilte: T\ndate: 2020-01-01\nTags: [a]\ncolour: red\n---\n",
    );
    assert_eq!(
        errors(&site),
        [
            format!("{A}/bad.en.md:2:1: error: unknown key `tilte`: did you mean `title`?"),
            format!("{A}/bad.en.md:4:1: error: unknown key `Tags`: did you mean `tags`?"),
            // Nothing close: the keys there are, and where free values go.
            format!("{A}/bad.en.md:5:1: error: unknown key `colour`: the keys are `title`, `date`, `updated`, `summary`, `tags`, `slug`, `draft`, `aliases`, `source_hash`, `extra`, `image`, `toc`, `changes`, `withdrawn`, `pinned`, `pinned_until`, `urgent`, `urgent_until`, `closes`, `expires`, `kind` (put free values under `extra:`)"),
        ]
    );
}

#[test]
fn did_you_mean_a_language_suffix() {
    let site = TestSite::new();
    let text = simple("T", "2020-01-01");
    for file in ["a.EN.md", "b.eng.md", "c.de.md", "d.it.md", "e/index.Fr.md"] {
        site.announcement(file, &text);
    }
    assert_eq!(
        errors(&site),
        [
            format!("{A}/a.EN.md:1:1: error: unknown language suffix `.EN`: did you mean `a.en.md`?"),
            format!("{A}/b.eng.md:1:1: error: unknown language suffix `.eng`: did you mean `b.en.md`?"),
            // Two letters away from every language, or one letter from another
            // language (`it`, `pt`): no guess.
            format!("{A}/c.de.md:1:1: error: unknown language suffix `.de`: the site's languages are en, zh, ar, es, fr, ru, pt"),
            format!("{A}/d.it.md:1:1: error: unknown language suffix `.it`: the site's languages are en, zh, ar, es, fr, ru, pt"),
            format!("{A}/e/index.Fr.md:1:1: error: unknown language suffix `.Fr`: did you mean `index.fr.md`?"),
        ]
    );
}

#[test]
fn did_you_mean_a_link_target() {
    let site = TestSite::new();
    site.announcement(
        "2025-11-15-board-elections.en.md",
        &simple("Elections", "2025-11-15"),
    );
    site.announcement("budget.en.md", &simple("Budget", "2025-11-10"));
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2025-11-20\n---\n\nSee [the vote](@/announcements/2025-11-15-board-election.md),\n[le budget](@/announcements/budget.fr.md) and [x](@/announcements/party.md).\n",
    );
    assert_eq!(
        errors(&site),
        [
            format!("{A}/a.en.md:6:5: error: link to `@/announcements/2025-11-15-board-election.md`: there is no announcement named `2025-11-15-board-election`; did you mean `@/announcements/2025-11-15-board-elections.md`?"),
            // Links name announcements, not their files.
            format!("{A}/a.en.md:7:1: error: link to `@/announcements/budget.fr.md`: there is no announcement named `budget.fr`; did you mean `@/announcements/budget.md`?"),
            format!("{A}/a.en.md:7:47: error: link to `@/announcements/party.md`: there is no announcement named `party`"),
        ]
    );
}

#[test]
fn a_diagnostic_shows_its_source_line_with_a_caret_in_a_pipe() {
    let site = site_with(
        "bad.en.md",
        "---\ntitle: T\ndate: 2020-01-01\ntags: [a]\n\tslug: x\n---\n",
    );
    site.write("locales/en/site.ftl", "site-title = Site\nbroken = { $x\n");
    let (code, stderr) = build(&site, &[], &[]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "{A}/bad.en.md:5:1: error: a tab indents this line: YAML indents with spaces only; use spaces (or none, for a key at the top)
  |
5 |     slug: x
  | ^^^^
locales/en/site.ftl:3:1: error: Fluent syntax error: Expected a token starting with \"}}\"
build failed with 2 error(s); nothing was written
"
        )
    );
}

#[test]
fn colour_only_when_forced_and_never_with_no_color() {
    let site = site_with(
        "bad.en.md",
        "---\ntitle: T\ndate: 2020-01-01\ntilte: x\n---\n",
    );
    let plain = format!("{A}/bad.en.md:4:1: error: unknown key `tilte`: did you mean `title`?");
    let colored = format!(
        "\u{1b}[1m{A}/bad.en.md:4:1:\u{1b}[0m \u{1b}[1m\u{1b}[91merror\u{1b}[0m\u{1b}[1m: unknown key `tilte`: did you mean `title`?\u{1b}[0m"
    );
    for (args, env, color) in [
        (&[][..], &[][..], false),
        (&[], &[("CLICOLOR_FORCE", "1")], true),
        (&[], &[("CLICOLOR_FORCE", "0")], false),
        (&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
        (&["--color", "always"], &[], true),
        (&["--color", "always"], &[("NO_COLOR", "1")], true),
        (&["--color", "never"], &[("CLICOLOR_FORCE", "1")], false),
        (&["--color", "auto"], &[("CLICOLOR_FORCE", "1")], true),
    ] {
        let (code, stderr) = build(&site, args, env);
        assert_eq!(code, 1);
        let first = stderr.lines().next().unwrap_or_default();
        if color {
            assert_eq!(first, colored, "{args:?} {env:?}");
            // The snippet is coloured too; its text is the same.
            assert!(stderr.contains("tilte: x"), "{stderr}");
        } else {
            assert_eq!(first, plain, "{args:?} {env:?}");
            assert!(!stderr.contains('\u{1b}'), "{args:?} {env:?}: {stderr:?}");
        }
    }
    let (code, _, stderr) = run_herald_with_env(site.root(), &["build", "--color", "red"], &[]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn the_browser_overlay_gets_plain_text_while_the_terminal_gets_colour() {
    let site = site_with("bad.en.md", "---\ntitle: T\ndate: nope\n---\n");
    let port = free_port();
    let herald = Running::start(
        &site,
        &["serve", "--color", "always", "--port", &port.to_string()],
    );
    herald.wait_for("serving");
    let output = herald.output();
    assert!(
        output.contains(&format!("\u{1b}[1m{A}/bad.en.md:3:7:\u{1b}[0m")),
        "{output:?}"
    );
    assert!(output.contains("date: nope"), "the snippet: {output:?}");
    let mut reader = events(port);
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(15);
    let whole_event = |seen: &str| {
        seen.split_once("event: build-error")
            .is_some_and(|(_, event)| event.contains("\n\n"))
    };
    while !whole_event(&seen) {
        assert!(Instant::now() < deadline, "no build-error event: {seen}");
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        seen.push_str(&line.replace("\r\n", "\n"));
    }
    let event = &seen[seen.find("event: build-error").expect("an error event")..];
    assert!(
        event.contains(&format!(
            "data: {A}/bad.en.md:3:7: error: `date`: `nope` is not a date"
        )),
        "{event}"
    );
    assert!(
        !event.contains('\u{1b}') && !event.contains(" | "),
        "{event:?}"
    );
}

#[test]
fn hugo_front_matter_mistakes_are_said_in_the_same_words() {
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    std::fs::create_dir_all(hugo.join("content/posts")).unwrap();
    std::fs::write(
        hugo.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\n",
    )
    .unwrap();
    std::fs::write(
        hugo.join("content/posts/bad.md"),
        "---\ntitle: Budget: the vote\ndate: 2020-01-01\n---\nText.\n",
    )
    .unwrap();
    let (code, _, stderr) = run_herald_with_env(
        tmp.path(),
        &["init", "new", "--from-hugo", hugo.to_str().unwrap()],
        &[],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "{}:2:14: error: the value of `title` contains `: `, which YAML reads as the start of another key: put the value in quotes: `title: \"Budget: the vote\"`\n  |\n2 | title: Budget: the vote\n  |              ^\n",
            hugo.join("content/posts/bad.md").display()
        )),
        "{stderr}"
    );
}
