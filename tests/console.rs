//! The command line's habits (issue "The first hour"): shell completions, `serve --open`,
//! `-q` and `-v`, and a progress bar on long builds that only a terminal sees.

mod common;

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};

use common::process::{free_port, get, wait_until, Running};
use common::{run_herald, simple, TestSite};

/// A site with three announcements, a warning (a stray file) and nothing wrong.
fn site_with_a_warning() -> TestSite {
    let site = TestSite::new();
    for (name, day) in [("a", "01"), ("b", "02"), ("c", "03")] {
        site.announcement(
            &format!("{name}.en.md"),
            &simple(name, &format!("2020-01-{day}")),
        );
    }
    site.announcement("notes.txt", "not an announcement");
    site
}

#[test]
fn completions_are_generated_for_bash_zsh_and_fish() {
    let here = std::env::temp_dir();
    for (shell, marker) in [
        ("bash", "_herald()"),
        ("zsh", "#compdef herald"),
        ("fish", "complete -c herald"),
    ] {
        let (code, script, stderr) = run_herald(&here, &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(script.contains(marker), "{shell}: {script}");
        for word in [
            "build",
            "check",
            "status",
            "watch",
            "serve",
            "new",
            "init",
            "theme",
            "eject",
            "completions",
            "open",
            "quiet",
            "language",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let (code, _, stderr) = run_herald(&here, &["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
}

#[test]
fn serve_open_starts_the_browser_on_the_sites_address() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    let tools = tempfile::tempdir().unwrap();
    let opened = tools.path().join("opened.txt");
    let browser = tools.path().join("browser");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let port = free_port().to_string();
    let serve = Running::start_with_env(
        &site,
        &["serve", "-p", &port, "--open"],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    serve.wait_for("serving");
    wait_until("the browser", || {
        std::fs::read_to_string(&opened).is_ok_and(|t| !t.is_empty())
    });
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        format!("http://127.0.0.1:{port}/")
    );

    // A browser that cannot be started is a warning; the site is served all the same.
    let port = free_port();
    let mut serve = Running::start_with_env(
        &site,
        &["serve", "-p", &port.to_string(), "--open"],
        &[("BROWSER", "/nonexistent/browser")],
    );
    serve.wait_for(&format!(
        "warning: cannot open http://127.0.0.1:{port}/ in a browser ("
    ));
    assert!(serve.output().contains("; open it yourself\n"));
    assert_eq!(get(port, "/en/announcements/a/").0, 200);
    assert!(serve.child.try_wait().unwrap().is_none(), "still serving");
}

#[test]
fn quiet_prints_errors_only_and_verbose_each_stage() {
    let site = site_with_a_warning();
    let (code, stdout, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built "), "{stdout}");
    assert!(stderr.contains("notes.txt: warning: "), "{stderr}");
    for command in ["build", "check"] {
        let (code, stdout, stderr) = run_herald(site.root(), &[command, "-q"]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert_eq!((stdout.as_str(), stderr.as_str()), ("", ""), "{command} -q");
        let (code, stdout, stderr) = run_herald(site.root(), &["--verbose", command]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(!stdout.is_empty(), "{command} -v");
        for stage in ["config", "content", "model", "plan", "render"] {
            assert!(
                stderr
                    .lines()
                    .any(|l| l.trim_start().starts_with(stage) && l.contains(" ms")),
                "{command} -v: {stage} in {stderr}"
            );
        }
        assert!(stderr.contains("notes.txt: warning: "), "{stderr}");
    }
    let (code, _, stderr) = run_herald(site.root(), &["build", "-q", "-v"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("'--quiet' cannot be used with '--verbose'"),
        "{stderr}"
    );

    // An error is printed under -q, and its warnings are not.
    site.announcement("d.en.md", "---\ntitle: D\n---\nNo date.\n");
    for command in ["build", "check"] {
        let (code, stdout, stderr) = run_herald(site.root(), &["-q", command]);
        assert_eq!(code, 1, "{command}");
        assert_eq!(stdout, "");
        assert!(
            stderr.starts_with("content/announcements/d.en.md:"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains(": error: "), "{stderr}");
        assert!(!stderr.contains("warning"), "{command}: {stderr}");
    }
}

#[test]
fn quiet_watch_and_serve_print_only_what_went_wrong() {
    let site = site_with_a_warning();
    let watch = Running::start(&site, &["watch", "-q"]);
    let page = site.root().join("public/en/announcements/a/index.html");
    wait_until("the first build", || page.is_file());
    // Quiet, it does not say when it watches: save again until the edit shows.
    let mut saves = 0;
    wait_until("the rebuild", || {
        if saves % 20 == 0 {
            site.announcement("a.en.md", &simple("Alpha edited", "2020-01-01"));
        }
        saves += 1;
        std::fs::read_to_string(&page).is_ok_and(|t| t.contains("Alpha edited"))
    });
    site.announcement("b.en.md", "---\ntitle: [broken\ndate: 2020-01-02\n---\n");
    watch.wait_for(": error: ");
    watch.wait_quiet(std::time::Duration::from_millis(300));
    let output = watch.output();
    // The last re-save of a.en.md may fall in the same batch as b.en.md's
    // edit ("a.en.md and 1 more"); either way the one failure is reported.
    let failed = "the build failed with 1 error(s); the site was left as it was\n";
    assert!(
        output.contains(&format!("content/announcements/b.en.md: {failed}"))
            || output.contains(&format!(
                "content/announcements/a.en.md and 1 more: {failed}"
            )),
        "{output}"
    );
    assert!(
        output.contains("content/announcements/b.en.md:2:"),
        "{output}"
    );
    for said in ["warning", "rebuilt", "built ", "watching"] {
        assert!(!output.contains(said), "{said} in {output}");
    }
    drop(watch);
    site.announcement("b.en.md", &simple("Bravo", "2020-01-02"));

    let verbose = Running::start(&site, &["watch", "-v"]);
    verbose.wait_for("watching for changes");
    assert!(
        verbose.output().contains("render+write"),
        "{}",
        verbose.output()
    );
    drop(verbose);

    let port = free_port();
    let serve = Running::start(&site, &["-q", "serve", "-p", &port.to_string()]);
    wait_until("the server", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert_eq!(get(port, "/en/announcements/b/").0, 200);
    site.announcement("c.en.md", &simple("Charlie edited", "2020-01-03"));
    wait_until("the rebuild", || {
        get(port, "/en/announcements/c/")
            .2
            .contains("Charlie edited")
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(serve.output(), "");
}

/// Runs herald in `dir` with stderr on a pseudo-terminal of 80 columns (stdout on a
/// pipe) and the environment `env`, CI unset: (exit status, what the terminal got).
fn on_a_terminal(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills the two descriptors, which are then owned here alone.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty");
    let (master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            OwnedFd::from_raw_fd(slave),
        )
    };
    let mut command = Command::new(env!("CARGO_BIN_EXE_herald"));
    command
        .args(args)
        .current_dir(dir)
        .env("HERALD_NOW", "2026-01-01")
        // Diagnostics without colour, so that an escape here is the bar's (colour on a
        // terminal is tests/diagnostics.rs's).
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(slave));
    let child = command.spawn().unwrap();
    // The terminal ends (EIO) when no process holds its other side any more.
    drop(command);
    let reader = std::thread::spawn(move || {
        let mut master = master;
        let mut seen = Vec::new();
        let mut chunk = [0; 4096];
        while let Ok(n @ 1..) = master.read(&mut chunk) {
            seen.extend_from_slice(&chunk[..n]);
        }
        String::from_utf8_lossy(&seen).to_string()
    });
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), reader.join().unwrap())
}

#[test]
fn the_progress_bar_shows_on_a_terminal_only() {
    let site = site_with_a_warning();
    let now = [("HERALD_PROGRESS_AFTER", "0")];
    let (code, terminal) = on_a_terminal(site.root(), &["build"], &now);
    assert_eq!(code, 0, "{terminal}");
    assert!(terminal.contains(" files"), "{terminal:?}");
    assert!(terminal.contains("\u{1b}["), "{terminal:?}");
    assert!(terminal.contains("notes.txt: warning"), "{terminal:?}");

    // Not in CI, not under -q, and not by default on a build this short.
    for (args, env) in [
        (
            &["build"][..],
            &[("HERALD_PROGRESS_AFTER", "0"), ("CI", "true")][..],
        ),
        (&["build", "-q"], &now),
        (&["build"], &[]),
    ] {
        let (code, terminal) = on_a_terminal(site.root(), args, env);
        assert_eq!(code, 0, "{terminal}");
        assert!(
            !terminal.contains('\u{1b}'),
            "{args:?} {env:?}: {terminal:?}"
        );
        assert!(
            !terminal.contains(" files"),
            "{args:?} {env:?}: {terminal:?}"
        );
    }

    // Never in a pipe.
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("build")
        .current_dir(site.root())
        .env("HERALD_NOW", "2026-01-01")
        .env("HERALD_PROGRESS_AFTER", "0")
        .env_remove("CI")
        .output()
        .unwrap();
    assert!(out.status.success());
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
        assert!(!text.contains('█') && !text.contains('░'), "{text:?}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt: warning"));
}
