//! `herald check`: everything a build checks, with nothing written.

use std::process::ExitCode;

use herald::BuildOptions;

use super::print_all;

/// Checks, prints the warnings or errors and gives the exit status.
pub fn run(options: &BuildOptions) -> ExitCode {
    match herald::check(options) {
        Ok(report) => {
            print_all(&report.warnings);
            println!("no errors ({} warnings)", report.warnings.len());
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_all(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("check found {errors} error(s)");
            ExitCode::from(1)
        }
    }
}
