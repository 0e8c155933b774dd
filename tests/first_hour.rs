//! The first hour (part of the issue "The first hour"): herald finds its site upward as
//! git does, says what to do without one (also `watch` and `serve`, which used to wait),
//! takes short flags, and `herald new` reads a dated or suffixed name.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{run_herald, simple, TestSite};

/// Runs herald in `dir` and kills it if it has not exited within 10 s (a test of a
/// command that must not wait must not wait either).
fn run_bounded(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr);
            return (status.code(), text);
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            return (None, String::from_utf8_lossy(&out.stdout).to_string());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn without_a_site_every_command_says_what_to_do_and_exits() {
    let empty = tempfile::tempdir().unwrap();
    let shown = std::fs::canonicalize(empty.path()).unwrap();
    for args in [
        vec!["build"],
        vec!["check"],
        vec!["status"],
        vec!["watch"],
        vec!["serve", "-p", "0"],
        vec!["new", "x"],
    ] {
        let (code, text) = run_bounded(empty.path(), &args);
        assert_eq!(code, Some(1), "{args:?} did not exit 1: {text}");
        assert_eq!(
            text.trim(),
            format!(
                "error: no site.yaml in {} or any folder above it: run herald in a site's folder or give one with --site DIR (`herald init` makes a new site here)",
                shown.display()
            ),
            "{args:?}"
        );
    }
    let (code, text) = run_bounded(empty.path(), &["build", "--site", "elsewhere"]);
    assert_eq!(code, Some(1));
    assert!(
        text.starts_with("error: elsewhere has no site.yaml: --site names a site's folder"),
        "{text}"
    );
}

#[test]
fn herald_finds_its_site_upward_and_takes_short_flags() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    let inside = site.root().join("content/announcements");
    let (code, stdout, stderr) = run_herald(&inside, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built "), "{stdout}");
    assert!(site.has_output("en/announcements/a/index.html"));
    // -s and -o
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site-out");
    let (code, _, stderr) = run_herald(
        out.path(),
        &[
            "build",
            "-s",
            site.root().to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(target.join("en/announcements/a/index.html").is_file());
    // serve -p
    let port = common::process::free_port().to_string();
    let serve = common::process::Running::start(&site, &["serve", "-p", &port]);
    serve.wait_for(&format!("127.0.0.1:{port}/"));
}

#[test]
fn new_reads_a_dated_name_and_a_file_name() {
    let site = TestSite::new();
    let (code, stdout, stderr) = run_herald(site.root(), &["new", "2026-12-01-board-elections"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "created content/announcements/2026-12-01-board-elections.en.md"
    );
    let text = std::fs::read_to_string(
        site.root()
            .join("content/announcements/2026-12-01-board-elections.en.md"),
    )
    .unwrap();
    assert!(text.contains("\ndate: 2026-12-01\n"), "{text}");
    assert!(text.contains("title: Board elections"), "{text}");
    // A file name: `.md` and `.<lang>.md` are not part of the name.
    let (code, stdout, stderr) = run_herald(site.root(), &["new", "2026-12-03-x.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "created content/announcements/2026-12-03-x.en.md"
    );
    let (code, stdout, stderr) = run_herald(site.root(), &["new", "2026-12-04-y.fr.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "created content/announcements/2026-12-04-y.fr.md"
    );
    // An undated name is dated today (the tests' clock).
    let (code, _, stderr) = run_herald(site.root(), &["new", "plain"]);
    assert_eq!(code, 0, "{stderr}");
    let text =
        std::fs::read_to_string(site.root().join("content/announcements/plain.en.md")).unwrap();
    assert!(text.contains("\ndate: 2026-01-01\n"), "{text}");
}

/// One broken file is one error: links to it from other files are not also errors.
#[test]
fn a_broken_file_causes_no_second_error_elsewhere() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: Alpha\ndate: 2020-01-01\n---\nSee [the other](@/announcements/b.md).\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: [broken\ndate: 2020-01-02\n---\nBody.\n",
    );
    let errors = site.build_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/announcements/b.en.md:2:"),
        "{errors:#?}"
    );
    // A link to a name that does not exist at all is still an error.
    site.announcement("b.en.md", &simple("Bravo", "2020-01-02"));
    site.announcement(
        "a.en.md",
        "---\ntitle: Alpha\ndate: 2020-01-01\n---\nSee [nothing](@/announcements/c.md).\n",
    );
    assert_eq!(
        site.build_err(),
        ["content/announcements/a.en.md:5:5: error: link to `@/announcements/c.md`: there is no announcement named `c`"]
    );
}
