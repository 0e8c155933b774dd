//! A temporary site to build in tests.
#![allow(dead_code)]

pub mod process;
pub mod search_index;

use std::fs;
use std::path::{Path, PathBuf};

use herald::diagnostics::Diagnostic;
use herald::{BuildOptions, BuildReport};

/// The configuration most tests use: seven languages, Portuguese a courtesy language.
pub const CONFIG: &str = "\
title_key: site-title
base_url: https://example.org
default_language: en
languages:
  - { code: en, name: English, official: true }
  - { code: zh, name: 中文, official: true }
  - { code: ar, name: العربية, official: true }
  - { code: es, name: Español, official: true }
  - { code: fr, name: Français, official: true }
  - { code: ru, name: Русский, official: true }
  - { code: pt, name: Português, official: false }
paginate: 20
";

/// A fixed clock: 2026-01-01T00:00:00Z.
pub const NOW: i64 = 1_767_225_600;

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with [`CONFIG`] and nothing else.
    pub fn new() -> Self {
        Self::with_config(CONFIG)
    }

    /// A site with this site.yaml.
    pub fn with_config(config: &str) -> Self {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.yaml", config);
        site
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// Writes an announcement file under content/announcements.
    pub fn announcement(&self, file: &str, text: &str) -> &Self {
        self.write(&format!("content/announcements/{file}"), text)
    }

    /// Copies the built-in default theme into `themes/default/`, for a test to change.
    pub fn eject_theme(&self) -> &Self {
        for (name, bytes) in herald::theme::BUILTIN_DEFAULT {
            self.write_bytes(&format!("themes/default/{name}"), bytes);
        }
        self
    }

    /// Asserts that the site's `public/` is, file for file, what a fresh full build writes.
    pub fn assert_same_as_a_full_build(&self, step: &str) {
        let fresh = self.full_build_elsewhere(step);
        let built = snapshot(&self.root().join("public"));
        let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(names(&built), names(&fresh), "{step}: the same files");
        for ((path, a), (_, b)) in built.iter().zip(&fresh) {
            assert!(
                a == b,
                "{step}: {} differs from a full build",
                path.display()
            );
        }
    }

    /// For a running `herald watch`: waits (up to 15 s) until its output is what a full
    /// build writes; the search index follows the pages on a thread of its own, so it
    /// may still be on its way when the pages are.
    pub fn assert_converges_to_a_full_build(&self, step: &str) {
        let fresh = self.full_build_elsewhere(step);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let built = snapshot(&self.root().join("public"));
            let first_difference = built
                .iter()
                .map(Some)
                .chain(std::iter::repeat(None))
                .zip(fresh.iter().map(Some).chain(std::iter::repeat(None)))
                .take(built.len().max(fresh.len()))
                .find(|(a, b)| a != b)
                .map(|(a, b)| match (a, b) {
                    (Some((p, _)), Some((q, _))) if p == q => format!("{} differs", p.display()),
                    (a, b) => format!(
                        "files differ: {:?} here, {:?} in a full build",
                        a.map(|(p, _)| p),
                        b.map(|(p, _)| p)
                    ),
                });
            match first_difference {
                None => return,
                Some(what) if std::time::Instant::now() > deadline => {
                    panic!("{step}: {what} (a full build is the reference)")
                }
                Some(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }

    /// The files a full build of the site writes (into a folder of its own).
    fn full_build_elsewhere(&self, step: &str) -> Vec<(PathBuf, Vec<u8>)> {
        let fresh = tempfile::tempdir().expect("temp dir");
        let options = BuildOptions {
            output: Some(fresh.path().join("public")),
            ..self.options()
        };
        herald::build(&options).unwrap_or_else(|d| panic!("{step}: {}", render(&d)));
        snapshot(&fresh.path().join("public"))
    }

    /// Build options for this site with the fixed clock.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            site_dir: self.root().to_path_buf(),
            now: Some(NOW),
            ..Default::default()
        }
    }

    /// Builds with default options.
    pub fn build(&self) -> Result<BuildReport, Vec<Diagnostic>> {
        herald::build(&self.options())
    }

    /// Builds and panics with the diagnostics if it fails.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(r) => r,
            Err(d) => panic!("build failed:\n{}", render(&d)),
        }
    }

    /// Builds, expecting failure; the diagnostics as printed.
    pub fn build_err(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("build succeeded but should have failed"),
            Err(d) => d.iter().map(|d| d.to_string()).collect(),
        }
    }

    /// The text of an output file.
    pub fn output(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Whether an output file exists.
    pub fn has_output(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).exists()
    }
}

/// Diagnostics as the command prints them.
pub fn render(d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// A minimal valid English announcement.
pub fn simple(title: &str, date: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n---\n\nBody of {title}.\n")
}

/// Runs the herald binary in `dir` with the test clock: (exit code, stdout, stderr).
pub fn run_herald(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_herald_with_env(dir, args, &[])
}

/// [`run_herald`] with more environment variables (a `CLICOLOR_FORCE` the tests run
/// with is not passed on: output in a pipe is plain unless a test asks).
pub fn run_herald_with_env(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .current_dir(dir)
        .env("HERALD_NOW", "2026-01-01")
        .env_remove("CLICOLOR_FORCE")
        .envs(env.iter().copied())
        .output()
        .expect("run herald");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// Builds the repository's example site into a temporary folder with the test clock:
/// the folder (keep it alive), its `public/` and the report.
pub fn build_example() -> (tempfile::TempDir, PathBuf, BuildReport) {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let options = BuildOptions {
        site_dir: env!("CARGO_MANIFEST_DIR").into(),
        output: Some(public.clone()),
        now: Some(NOW),
        ..Default::default()
    };
    let report = herald::build(&options).unwrap_or_else(|d| panic!("{}", render(&d)));
    (out, public, report)
}
