//! Write failures: each names the file and the operation, a disk that fills up gives one
//! line (the first file and how many others), the previous output is kept, and no
//! staging folder is ever left beside it, whatever failed.

mod common;

use std::path::Path;
use std::process::Command;

use common::{simple, snapshot, TestSite};

/// Whatever herald left beside `public/` (its staging and previous-site folders).
fn leftovers(site_root: &Path) -> Vec<String> {
    std::fs::read_dir(site_root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".herald-"))
        .collect()
}

/// An announcement whose page (in every language, through the fallback) and feeds
/// are far larger than `bytes`.
fn big(title: &str, bytes: usize) -> String {
    let mut text = simple(title, "2020-02-02");
    text.push_str(&"A long paragraph of the annual report. ".repeat(bytes / 39 + 1));
    text
}

#[test]
fn an_output_that_is_a_file_has_its_own_message() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("A", "2020-01-01"));
    let file = site.root().join("notes.txt");
    std::fs::write(&file, "precious").unwrap();
    for (output, expected) in [
        (
            file.clone(),
            format!(
                "notes.txt: error: refusing to use `{}` as the output folder: it is a file, not a folder",
                file.display()
            ),
        ),
        (
            file.join("public"),
            format!(
                "notes.txt/public: error: cannot use `{}` as the output folder: `{}` is a file, not a folder",
                file.join("public").display(),
                file.display()
            ),
        ),
    ] {
        let options = herald::BuildOptions {
            output: Some(output),
            ..site.options()
        };
        let errors = herald::build(&options).expect_err("must refuse");
        assert_eq!(common::render(&errors), expected);
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    assert!(leftovers(site.root()).is_empty());
}

/// Runs `herald build` with the size of any file it writes limited to `limit` bytes
/// (RLIMIT_FSIZE: no privileges needed, root is held to it too); writes past it fail
/// with EFBIG, as every write fails on a full disk.
#[cfg(target_os = "linux")]
fn build_with_file_size_limit(site: &TestSite, limit: u64) -> (i32, String) {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_herald"));
    command
        .args(["build", "--site"])
        .arg(site.root())
        .env("HERALD_NOW", "2026-01-01");
    // SAFETY: between fork and exec the child only calls setrlimit and signal, which
    // are async-signal-safe, on values it owns.
    unsafe {
        command.pre_exec(move || {
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // Past the limit the kernel sends SIGXFSZ; ignored, the write fails with EFBIG.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let out = command.output().expect("run herald");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(target_os = "linux")]
#[test]
fn files_that_cannot_be_written_are_one_line_naming_the_first_and_the_count() {
    const LIMIT: u64 = 64 * 1024;
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("A", "2020-01-01"));
    site.build_ok();
    let before = snapshot(&site.root().join("public"));
    site.announcement("report.en.md", &big("Report", 4 * LIMIT as usize));
    // Which files outgrow the limit: those of a build without it.
    let free = tempfile::tempdir().unwrap();
    let options = herald::BuildOptions {
        output: Some(free.path().join("public")),
        ..site.options()
    };
    herald::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let too_big: Vec<_> = snapshot(&free.path().join("public"))
        .into_iter()
        .filter(|(_, bytes)| bytes.len() as u64 > LIMIT)
        .map(|(path, _)| path)
        .collect();
    assert!(too_big.len() > 10, "{too_big:?}");

    let (code, stderr) = build_with_file_size_limit(&site, LIMIT);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "public/{}: error: cannot write this file and {} others: File too large; the previous output was kept\n\
             build failed with 1 error(s); nothing was written\n",
            too_big[0].display(),
            too_big.len() - 1
        )
    );
    assert_eq!(snapshot(&site.root().join("public")), before);
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );

    // One file alone: no count. One language, and a limit only the largest file passes.
    let site = TestSite::with_config(
        "title_key: site-title\nbase_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n",
    );
    site.announcement("a.en.md", &big("A", LIMIT as usize));
    let free = tempfile::tempdir().unwrap();
    let options = herald::BuildOptions {
        output: Some(free.path().join("public")),
        ..site.options()
    };
    herald::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let mut sizes: Vec<_> = snapshot(&free.path().join("public"))
        .into_iter()
        .map(|(path, bytes)| (bytes.len() as u64, path))
        .collect();
    sizes.sort();
    let (largest, path) = sizes.pop().unwrap();
    let (second, _) = sizes.pop().unwrap();
    assert!(largest > second, "{sizes:?}");
    let (code, stderr) = build_with_file_size_limit(&site, second);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "public/{}: error: cannot write: File too large; no output was written\n\
             build failed with 1 error(s); nothing was written\n",
            path.display()
        )
    );
    assert!(!site.root().join("public").exists());
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
}

#[test]
fn a_render_error_leaves_no_staging_folder() {
    let site = TestSite::new();
    site.announcement("good.en.md", &simple("Good", "2020-01-01"));
    site.build_ok();
    let before = snapshot(&site.root().join("public"));
    site.eject_theme();
    site.write(
        "themes/default/templates/tags.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ no_such_variable }}{% endblock main %}\n",
    );
    assert!(!site.build_err().is_empty());
    assert_eq!(snapshot(&site.root().join("public")), before);
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
}

#[test]
fn a_rebuild_that_cannot_write_names_the_file_and_leaves_no_temporary_file() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("A", "2020-01-01"));
    let (mut session, _) = herald::incremental::Session::start(&site.options())
        .unwrap_or_else(|d| panic!("{}", common::render(&d)));
    // A folder where the page must go: the rename onto it fails.
    let page = site.root().join("public/en/announcements/a/index.html");
    std::fs::remove_file(&page).unwrap();
    std::fs::create_dir_all(page.join("in-the-way")).unwrap();
    site.announcement("a.en.md", &simple("A, edited", "2020-01-01"));
    let errors = session
        .rebuild_changed(&["content/announcements/a.en.md".into()])
        .expect_err("must fail");
    assert_eq!(
        common::render(&errors),
        "public/en/announcements/a/index.html: error: cannot write: Is a directory; the other files were updated; the next rebuild tries again"
    );
    let temporary: Vec<_> = walkdir::WalkDir::new(site.root().join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".herald-tmp"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(temporary.is_empty(), "{temporary:?}");
    // Out of the way, the next rebuild writes it.
    std::fs::remove_dir_all(&page).unwrap();
    site.announcement("a.en.md", &simple("A, edited again", "2020-01-01"));
    session
        .rebuild_changed(&["content/announcements/a.en.md".into()])
        .unwrap_or_else(|d| panic!("{}", common::render(&d)));
    assert!(site
        .output("en/announcements/a/index.html")
        .contains("A, edited again"));
}

/// A tmpfs mounted at `dir` (root only), unmounted when dropped.
#[cfg(target_os = "linux")]
struct Mount(std::path::PathBuf);

#[cfg(target_os = "linux")]
impl Mount {
    /// Mounts a tmpfs of `size` at `dir`, or says why it cannot.
    fn tmpfs(dir: &Path, size: &str) -> Result<Mount, String> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return Err("not root: cannot mount a small tmpfs".into());
        }
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !status.success() {
            return Err(format!("mount failed ({status})"));
        }
        Ok(Mount(dir.to_path_buf()))
    }
}

#[cfg(target_os = "linux")]
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_line_and_the_previous_output_is_kept() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("A", "2020-01-01"));
    let disk = site.root().join("disk");
    let _mount = match Mount::tmpfs(&disk, "2m") {
        Ok(m) => m,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let options = herald::BuildOptions {
        output: Some(disk.join("public")),
        ..site.options()
    };
    herald::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let before = snapshot(&disk.join("public"));
    site.announcement("report.en.md", &big("Report", 600 * 1024));
    let errors = herald::build(&options).expect_err("the disk is full");
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    let line = errors[0].to_string();
    let rest = line
        .strip_prefix("disk/public/")
        .unwrap_or_else(|| panic!("{line}"));
    let (_, message) = rest
        .split_once(": error: ")
        .unwrap_or_else(|| panic!("{line}"));
    assert!(
        message.starts_with("cannot write this file and ")
            && message.ends_with(" others: No space left on device; the previous output was kept"),
        "{line}"
    );
    assert_eq!(snapshot(&disk.join("public")), before);
    assert!(leftovers(&disk).is_empty(), "{:?}", leftovers(&disk));
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_swap_keeps_the_output_and_leaves_no_staging_folder() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("A", "2020-01-01"));
    // A mount point cannot be renamed: the swap fails with EBUSY.
    let output = site.root().join("public");
    let _mount = match Mount::tmpfs(&output, "4m") {
        Ok(m) => m,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    assert_eq!(
        site.build_err(),
        ["public: error: cannot put the new site in place of the output: Device or resource busy; the previous output was kept"]
    );
    assert!(snapshot(&output).is_empty());
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
}
