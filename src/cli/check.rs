//! `herald check`: everything a build checks, with nothing written.

use std::process::ExitCode;

use herald::BuildOptions;

use super::Verbosity;

/// Checks, prints the warnings or errors and gives the exit status.
pub fn run(options: &BuildOptions, v: Verbosity) -> ExitCode {
    match herald::check(options) {
        Ok(report) => {
            v.print(&report.warnings);
            if v.talks() {
                println!("no errors ({} warnings)", report.warnings.len());
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            v.print(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("check found {errors} error(s)");
            ExitCode::from(1)
        }
    }
}
