//! The `herald` binary: exit status, messages, options.

mod common;

use common::{simple, TestSite};

fn herald(site: &TestSite, args: &[&str]) -> (i32, String, String) {
    common::run_herald(site.root(), args)
}

#[test]
fn build_succeeds_with_exit_0_and_reports_what_it_wrote() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    let (code, stdout, stderr) = herald(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("built 51 pages (78 files) for 1 announcement in 7 languages"),
        "{stdout}"
    );
    assert!(site.has_output("en/announcements/a/index.html"));
}

#[test]
fn content_errors_exit_1_with_positions_on_stderr() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: T\ndate: 2020-01-01\nbogus: 1\n---\n",
    );
    site.announcement("b.en.md", "---\ntitle: T\ndate: soon\n---\n");
    let (code, _, stderr) = herald(&site, &["build"]);
    assert_eq!(code, 1);
    // Each error's first line as editors read it, then its line with a caret (not
    // coloured in a pipe).
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with("content/announcements/a.en.md:4:1: error: unknown key `bogus`"),
        "{stderr}"
    );
    assert_eq!(lines[1..4], ["  |", "4 | bogus: 1", "  | ^"], "{stderr}");
    assert!(
        lines[4]
            .starts_with("content/announcements/b.en.md:3:7: error: `date`: `soon` is not a date"),
        "{stderr}"
    );
    assert_eq!(
        lines[5..8],
        ["  |", "3 | date: soon", "  |       ^"],
        "{stderr}"
    );
    assert_eq!(
        lines[8..],
        ["build failed with 2 error(s); nothing was written"]
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(!site.has_output("index.html"));
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::new();
    assert_eq!(herald(&site, &["build", "--no-such-flag"]).0, 2);
    assert_eq!(herald(&site, &["frobnicate"]).0, 2);
    assert_eq!(herald(&site, &[]).0, 2);
}

#[test]
fn site_and_output_options() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    let other = tempfile::tempdir().unwrap();
    let out = other.path().join("www");
    let (code, _, stderr) = herald(
        &site,
        &[
            "build",
            "--site",
            site.root().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("en/announcements/a/index.html").exists());
    assert!(!site.has_output("index.html"));
}

#[test]
fn base_url_with_a_path_prefixes_every_internal_link() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    let (code, _, stderr) = herald(&site, &["build", "--base-url", "https://example.org/news/"]);
    assert_eq!(code, 0, "{stderr}");
    let html = site.output("fr/announcements/a/index.html");
    assert!(html.contains(r#"<link rel="stylesheet" href="/news/style.css">"#));
    assert!(html
        .contains(r#"<link rel="canonical" href="https://example.org/news/en/announcements/a/">"#));
    assert!(html.contains(r#"<a href="/news/fr/">"#));
    for href in html
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
    {
        assert!(
            href.starts_with("/news/")
                || href.starts_with("https://example.org/news/")
                || href.starts_with('#'),
            "{href}"
        );
    }
}

#[test]
fn check_writes_nothing_and_exits_by_errors() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    let (code, stdout, _) = herald(&site, &["check"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("no errors"));
    assert!(!site.root().join("public").exists());
    site.announcement("b.en.md", "---\ntitle: B\n---\n");
    let (code, _, stderr) = herald(&site, &["check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("content/announcements/b.en.md:1:1: error: missing `date`"));
}

#[test]
fn strict_turns_missing_messages_into_errors() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    for (name, bytes) in herald::theme::BUILTIN_DEFAULT {
        site.write_bytes(&format!("themes/default/{name}"), bytes);
    }
    let base = String::from_utf8_lossy(herald::theme::BUILTIN_DEFAULT[0].1).replace(
        "{{ t(key=\"footer-text\") }}",
        "{{ t(key=\"no-such-message\") }}",
    );
    site.write("themes/default/templates/base.html", &base);
    let (code, _, stderr) = herald(&site, &["build"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: message `no-such-message` is missing in `en`"),
        "{stderr}"
    );
    assert!(site
        .output("en/index.html")
        .contains("<p>no-such-message</p>"));
    let (code, _, stderr) = herald(&site, &["build", "--strict"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: message `no-such-message` is missing"),
        "{stderr}"
    );
}

#[test]
fn drafts_and_scheduled_announcements_need_their_flags() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    site.announcement(
        "d.en.md",
        "---\ntitle: Draft\ndate: 2020-01-02\ndraft: true\n---\n",
    );
    site.announcement("f.en.md", &simple("Future", "2026-06-01"));
    let (code, stdout, _) = herald(&site, &["build"]);
    assert_eq!(code, 0);
    assert!(
        stdout
            .contains("skipped 1 draft (use --drafts) and 1 scheduled announcement (use --future)"),
        "{stdout}"
    );
    assert!(!site.has_output("en/announcements/d/index.html"));
    assert!(!site.has_output("en/announcements/f/index.html"));
    assert_eq!(herald(&site, &["build", "--drafts", "--future"]).0, 0);
    assert!(site.has_output("en/announcements/d/index.html"));
    assert!(site.has_output("en/announcements/f/index.html"));
}

#[test]
fn a_closed_pipe_ends_herald_quietly_as_other_tools() {
    // `herald status | head -1`: the reader is gone before herald prints.
    use std::os::unix::process::ExitStatusExt;
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    for args in [&["status"][..], &["build"], &["completions", "bash"]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_herald"))
            .args(args)
            .current_dir(site.root())
            .env("HERALD_NOW", "2026-01-01")
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(
            out.status.signal(),
            Some(libc::SIGPIPE),
            "{args:?}: {:?} {stderr}",
            out.status
        );
    }
}

/// Every command's one-line help is its own (a doc comment above the wrong variant once
/// gave `diff` the help of `check` and `check` none).
#[test]
fn each_command_has_its_own_help_line() {
    let site = TestSite::new();
    let (code, stdout, _) = herald(&site, &["help"]);
    assert_eq!(code, 0);
    let line = |command: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{command} ")))
            .unwrap_or_else(|| panic!("no `{command}` in {stdout}"))
            .to_string()
    };
    assert!(
        line("check").contains("Check everything a build checks"),
        "{stdout}"
    );
    assert!(
        line("diff").contains("What changed in an announcement's source"),
        "{stdout}"
    );
    assert!(!line("diff").contains("Check everything"), "{stdout}");
}
