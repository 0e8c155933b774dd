//! The faults users meet: files that are not files, folders that go and come back,
//! an output folder deleted by hand, saves in bursts.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::process::{wait_until, Running};
use common::{simple, TestSite};

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo does not keep it.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// A FIFO where a text, a locale file, a static file or a bundle file belongs is an
/// error naming it, at once (before, `herald build` blocked forever in `open()`).
#[test]
fn a_fifo_is_an_error_not_a_hang() {
    for place in [
        "content/announcements/x.fr.md",
        "content/announcements/w/map.svg",
        "locales/fr/extra.ftl",
        "static/feed.css",
    ] {
        let site = TestSite::new();
        site.announcement("x.en.md", &simple("X", "2020-01-01"));
        site.announcement("w/index.en.md", &simple("W", "2020-01-02"));
        mkfifo(&site.root().join(place));
        let started = Instant::now();
        let errors = site.build_err();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{place}: took too long"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(place) && e.contains("is a FIFO, not a file")),
            "{place}: {errors:?}"
        );
    }
}

/// A folder where a translation's file belongs is an error, not a translation that
/// silently vanishes.
#[test]
fn a_folder_named_like_a_text_is_an_error() {
    let site = TestSite::new();
    site.announcement("x.en.md", &simple("X", "2020-01-01"));
    std::fs::create_dir_all(site.root().join("content/announcements/x.fr.md")).unwrap();
    let errors = site.build_err();
    assert!(
        errors.iter().any(|e| e
            == "content/announcements/x.fr.md: error: this is a folder, not a file: an announcement's text is a file `<name>.<lang>.md`"),
        "{errors:?}"
    );
}

fn two_announcements() -> TestSite {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    site.announcement("b.en.md", &simple("Bravo", "2020-02-01"));
    site
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `rm -rf content` and restoring it (a branch switch, `git stash`, a sync tool) does
/// not leave watch blind: it says so, watches the folder again, and later edits are
/// rebuilt (before, they were never seen again).
#[test]
fn watch_sees_a_removed_and_restored_folder_again() {
    let site = two_announcements();
    let watch = Running::start(&site, &["watch"]);
    watch.wait_for("watching for changes");
    let content = site.root().join("content");
    let saved = tempfile::tempdir().unwrap();
    copy_tree(&content, saved.path());
    std::fs::remove_dir_all(&content).unwrap();
    watch.wait_for("content/ was removed; herald watches for it to come back");
    copy_tree(saved.path(), &content);
    watch.wait_quiet(Duration::from_millis(400));
    site.announcement("a.en.md", &simple("Alpha edited", "2020-01-01"));
    wait_until("the edit on the page", || {
        std::fs::read_to_string(site.root().join("public/en/announcements/a/index.html"))
            .is_ok_and(|page| page.contains("Alpha edited"))
    });
    watch.wait_quiet(Duration::from_millis(300));
    site.assert_converges_to_a_full_build("after the restore and an edit");
}

/// An output folder deleted by hand is built again whole (before, only the next edit's
/// pages came back, and `herald build` then refused the folder without its marker).
#[test]
fn watch_builds_a_deleted_output_again_whole() {
    let site = two_announcements();
    let watch = Running::start(&site, &["watch"]);
    watch.wait_for("watching for changes");
    std::fs::remove_dir_all(site.root().join("public")).unwrap();
    watch.wait_for("is gone or not herald's any more; building it again");
    wait_until("the output back", || {
        site.root()
            .join("public/en/announcements/b/index.html")
            .is_file()
    });
    watch.wait_quiet(Duration::from_millis(300));
    site.assert_converges_to_a_full_build("after the output was deleted");
    drop(watch);
    let (code, _, stderr) = common::run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
}

/// 100 saves of one file in one second (written in place, so a read can see it half
/// written) are a few rebuilds, none of them a false failure, and the last is right.
#[test]
fn a_burst_of_saves_is_a_few_rebuilds_and_no_false_failure() {
    let site = two_announcements();
    let watch = Running::start(&site, &["watch"]);
    watch.wait_for("watching for changes");
    let file = site.root().join("content/announcements/a.en.md");
    let started = Instant::now();
    for i in 0..100 {
        let text = simple(&format!("Alpha {i}"), "2020-01-01");
        // In place: truncate, then write in two parts.
        let mut f = std::fs::File::create(&file).unwrap();
        use std::io::Write;
        let (head, tail) = text.split_at(text.len() / 2);
        f.write_all(head.as_bytes()).unwrap();
        f.flush().unwrap();
        f.write_all(tail.as_bytes()).unwrap();
        drop(f);
        let next = started + Duration::from_millis(10 * (i + 1));
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
    wait_until("the last save on the page", || {
        std::fs::read_to_string(site.root().join("public/en/announcements/a/index.html"))
            .is_ok_and(|page| page.contains("Alpha 99"))
    });
    watch.wait_quiet(Duration::from_millis(400));
    let output = watch.output();
    let rebuilds = output.matches("rebuilt").count();
    assert!(rebuilds <= 10, "{rebuilds} rebuilds:\n{output}");
    assert!(!output.contains("failed"), "{output}");
    site.assert_converges_to_a_full_build("after the burst");
}

/// A save that truncates the file and writes it 50 ms later prints no failure.
#[test]
fn a_slow_save_prints_no_false_failure() {
    let site = two_announcements();
    let watch = Running::start(&site, &["watch"]);
    watch.wait_for("watching for changes");
    let file = site.root().join("content/announcements/b.en.md");
    std::fs::write(&file, "").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    std::fs::write(&file, simple("Bravo again", "2020-02-01")).unwrap();
    wait_until("the save on the page", || {
        std::fs::read_to_string(site.root().join("public/en/announcements/b/index.html"))
            .is_ok_and(|page| page.contains("Bravo again"))
    });
    watch.wait_quiet(Duration::from_millis(400));
    assert!(!watch.output().contains("failed"), "{}", watch.output());
}

/// A file rewritten in place while `herald build` runs is never published half written:
/// the build either has one whole version or fails saying the file changed.
#[test]
fn a_file_rewritten_during_a_build_is_never_published_half_written() {
    let site = TestSite::with_config(
        "title_key: site-title\nbase_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n",
    );
    for i in 0..40 {
        site.announcement(
            &format!("n{i:03}.en.md"),
            &simple(&format!("N{i}"), "2020-01-01"),
        );
    }
    let long = |word: &str| {
        format!(
            "---\ntitle: Moving\ndate: 2020-01-02\n---\n{}\nEND-{word}\n",
            format!("{word} ").repeat(20_000)
        )
    };
    site.announcement("moving.en.md", &long("first"));
    let file = site.root().join("content/announcements/moving.en.md");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let (first, second) = (long("first"), long("second"));
        std::thread::spawn(move || {
            use std::io::Write;
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let text = if n % 2 == 0 { &second } else { &first };
                let mut f = std::fs::File::create(&file).unwrap();
                // Slowly, as a large save over a network folder goes.
                for chunk in text.as_bytes().chunks(4096) {
                    f.write_all(chunk).unwrap();
                    f.flush().unwrap();
                    std::thread::sleep(Duration::from_millis(1));
                }
                drop(f);
                n += 1;
                std::thread::sleep(Duration::from_millis(n % 5 * 150));
            }
        })
    };
    let mut published = 0;
    for _ in 0..10 {
        let (code, _, stderr) = common::run_herald(site.root(), &["build"]);
        if code == 0 {
            published += 1;
            let page = site.output("en/announcements/moving/index.html");
            assert!(
                page.contains("END-first") || page.contains("END-second"),
                "a half-written text was published"
            );
            let words = page.matches("first ").count() + page.matches("second ").count();
            assert!(
                words >= 19_999,
                "a half-written text was published ({words} words)"
            );
        } else {
            assert!(
                stderr.contains("changed while")
                    || stderr.contains("the file changed while herald read it"),
                "{stderr}"
            );
        }
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.join().unwrap();
    eprintln!("{published} of 10 builds published");
}

/// Ctrl-C and SIGTERM (as a service manager or `kill` sends) stop watch and serve at once.
#[test]
fn watch_and_serve_stop_on_ctrl_c_and_sigterm() {
    let site = two_announcements();
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let port = common::process::free_port().to_string();
        for args in [vec!["watch"], vec!["serve", "--port", &port]] {
            let mut running = Running::start(&site, &args);
            running.wait_for(if args[0] == "watch" {
                "watching for changes"
            } else {
                "serving"
            });
            let started = Instant::now();
            // SAFETY: sending a signal to our own child process.
            unsafe { libc::kill(running.child.id() as i32, signal) };
            loop {
                if let Some(status) = running.child.try_wait().unwrap() {
                    assert!(status.success(), "{args:?} {signal}: {status:?}");
                    break;
                }
                assert!(
                    started.elapsed() < Duration::from_secs(5),
                    "{args:?} did not stop on signal {signal}"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
            running.wait_for("stopped");
        }
    }
}
