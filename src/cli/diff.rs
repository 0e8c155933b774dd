//! `herald diff`: what changed in a source since a translation was made from it.

use std::path::Path;
use std::process::ExitCode;

use herald::diff::Outcome;

use super::print_all;

/// Prints the source's changes since the `lang` translation of `name` was made
/// (coloured on a terminal); exit status 1 when they cannot be found.
pub fn run(site: &Path, name: &str, lang: &str) -> ExitCode {
    match herald::diff::diff(site, name, lang) {
        Ok(Outcome::Changed(report)) => {
            print!("{}", report.to_text(herald::console::stdout_colored()));
            ExitCode::SUCCESS
        }
        Ok(Outcome::UpToDate { translation }) => {
            println!(
                "{} is up to date: its source has not changed since it was translated",
                translation.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_all(&diagnostics);
            ExitCode::from(1)
        }
    }
}
