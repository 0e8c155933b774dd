//! `herald status`: translation coverage, as a table or as JSON.

use std::path::Path;
use std::process::ExitCode;

use super::print_all;

/// The output format of `herald status`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Text,
    /// JSON for scripts (`format: 1`).
    Json,
}

/// Prints the coverage of the site in `site` (one language with `lang`).
pub fn run(
    site: &Path,
    lang: Option<&str>,
    now: Option<i64>,
    format: Format,
    layout: herald::status::TextLayout,
) -> ExitCode {
    match herald::status::status_at(site, lang, now) {
        Ok(status) => {
            match format {
                Format::Text => print!("{}", herald::status::to_text(&status, layout)),
                Format::Json => match serde_json::to_string_pretty(&status) {
                    Ok(json) => println!("{json}"),
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::from(1);
                    }
                },
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_all(&diagnostics);
            ExitCode::from(1)
        }
    }
}
