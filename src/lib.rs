//! herald: a static site generator for multilingual announcements.
//!
//! The pipeline runs one way: [`config`] → [`content`] + [`i18n`] + [`theme`]
//! → [`site`] (the model) → [`plan`] → [`render`] → [`output`]; [`build`] drives it,
//! [`incremental`] reruns it for watch mode.

pub mod build;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod files;
pub mod hash;
pub mod i18n;
pub mod incremental;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod status;
pub mod theme;
pub mod urls;
pub mod watch;

use std::path::PathBuf;
use std::time::Duration;

pub use build::{clock, configure, load, Model, NOW_VAR};
use diagnostics::Diagnostic;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holds site.yaml).
    pub site_dir: PathBuf,
    /// Output folder instead of site.yaml's `output_dir`.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Include announcements dated in the future.
    pub future: bool,
    /// Base URL instead of site.yaml's.
    pub base_url: Option<String>,
    /// Warnings are errors.
    pub strict: bool,
    /// The build's clock; `None` reads `HERALD_NOW` or the system clock.
    pub now: Option<i64>,
}

/// What a successful build (or check) did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Output folder.
    pub output: PathBuf,
    /// HTML pages written (0 for a check).
    pub pages: usize,
    /// Files written (0 for a check).
    pub files: usize,
    /// Languages built.
    pub languages: usize,
    /// Announcements published.
    pub announcements: usize,
    /// Left out as drafts or scheduled.
    pub skipped: site::Skipped,
    /// Warnings (sorted).
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Builds the site and writes it; on any error nothing is written and every diagnostic is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build::run(options, true)
}

/// Everything `build` validates, with nothing written.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build::run(options, false)
}
