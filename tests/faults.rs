//! The faults users meet: files that are not files, folders that go and come back,
//! an output folder deleted by hand, saves in bursts.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

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
