//! herald: a static site generator for multilingual announcements.
//!
//! The pipeline runs one way: [`config`] → [`content`] + [`i18n`] + [`theme`]
//! → [`site`] (the model) → [`plan`] → [`render`] → [`output`]; [`build`] drives it,
//! [`incremental`] reruns it for watch mode.

pub(crate) mod build;
pub mod config;
pub mod console;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod diff;
pub(crate) mod files;
pub(crate) mod hash;
pub(crate) mod history;
pub mod hugo;
pub(crate) mod i18n;
pub(crate) mod identical;
pub mod images;
pub mod incremental;
pub mod init;
pub mod lifecycle;
pub(crate) mod lint;
pub mod markdown;
pub(crate) mod output;
pub mod plan;
pub(crate) mod profile;
pub(crate) mod render;
pub mod scaffold;
pub(crate) mod search;
pub mod segment;
pub mod serve;
pub mod site;
pub mod status;
pub mod theme;
pub(crate) mod urls;
pub mod watch;
pub(crate) mod workbench;

pub mod xliff;
pub(crate) mod yaml_errors;

pub use build::{clock, configure, load, BuildOptions, BuildReport, Model, Progress, NOW_VAR};
use diagnostics::Diagnostic;
pub use profile::show_timings;

/// Builds the site and writes it; on any error nothing is written and every diagnostic is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build::run(options, true)
}

/// Everything `build` validates, with nothing written.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build::run(options, false)
}
