//! `herald build`: build the site into the output folder.

use std::process::ExitCode;

use herald::BuildOptions;

use super::print_all;

/// Builds, prints what was written (or every error) and gives the exit status.
pub fn run(options: &BuildOptions) -> ExitCode {
    match herald::build(options) {
        Ok(report) => {
            print_all(&report.warnings);
            println!(
                "built {} pages ({} files) for {} announcements in {} languages into {} in {} ms",
                report.pages,
                report.files,
                report.announcements,
                report.languages,
                report.output.display(),
                report.elapsed.as_millis()
            );
            if report.skipped.drafts > 0 || report.skipped.scheduled > 0 {
                println!(
                    "skipped {} drafts (use --drafts) and {} scheduled announcements (use --future)",
                    report.skipped.drafts, report.skipped.scheduled
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_all(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("build failed with {errors} error(s); nothing was written");
            ExitCode::from(1)
        }
    }
}
