//! The `herald` command: parses the command line, runs the library, prints diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use herald::diagnostics::Diagnostic;
use herald::BuildOptions;

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "A static site generator for multilingual announcements"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site folder (holds site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Output folder (default: site.yaml's output_dir).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Include announcements dated after now.
        #[arg(long)]
        future: bool,
        /// Base URL instead of site.yaml's.
        #[arg(long)]
        base_url: Option<String>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Check everything a build checks; write nothing.
    Check {
        /// The site folder (holds site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
}

fn print_all(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            output,
            drafts,
            future,
            base_url,
            strict,
        } => {
            let options = BuildOptions {
                site_dir: site,
                output,
                drafts,
                future,
                base_url,
                strict,
                now: None,
            };
            match herald::build(&options) {
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
        Command::Check { site, strict } => {
            let options = BuildOptions {
                site_dir: site,
                strict,
                ..Default::default()
            };
            match herald::check(&options) {
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
    }
}
