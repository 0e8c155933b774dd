//! The `herald` command: parses the command line, runs the library, prints diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: builds allocate many small strings on all cores, where it beats the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
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

/// Where the site is and what of it to build: shared by build, watch and serve.
#[derive(clap::Args)]
struct SiteArgs {
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
}

impl SiteArgs {
    fn options(self) -> BuildOptions {
        BuildOptions {
            site_dir: self.site,
            output: self.output,
            drafts: self.drafts,
            future: self.future,
            ..Default::default()
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Base URL instead of site.yaml's.
        #[arg(long)]
        base_url: Option<String>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Write a new announcement, or scaffold a translation from its source.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["name", "translate"])))]
    New {
        /// The announcement's file name (`2026-01-15-strategic-plan`).
        name: Option<String>,
        /// Scaffold a translation of this announcement (needs --lang).
        #[arg(long, value_name = "NAME", conflicts_with_all = ["name", "title"], requires = "lang")]
        translate: Option<String>,
        /// Language of the new file (default: the site's default language).
        #[arg(long)]
        lang: Option<String>,
        /// Title (default: from the name).
        #[arg(long)]
        title: Option<String>,
        /// The site folder (holds site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Build, then rebuild what changed on every save (Ctrl-C to stop).
    Watch {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Watch, and serve the site locally with live reload (Ctrl-C to stop).
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Translation coverage: each announcement in each language, and the interface strings.
    Status {
        /// The site folder (holds site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
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
            base_url,
            strict,
        } => {
            let options = BuildOptions {
                base_url,
                strict,
                ..site.options()
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
        Command::New {
            name,
            translate,
            lang,
            title,
            site,
        } => {
            let result = match (translate, name) {
                (Some(source), _) => herald::scaffold::new_translation(
                    &site,
                    &source,
                    lang.as_deref().unwrap_or_default(),
                ),
                (None, Some(name)) => match herald::clock() {
                    Ok(now) => herald::scaffold::new_announcement(
                        &site,
                        &name,
                        lang.as_deref(),
                        title.as_deref(),
                        now,
                    ),
                    Err(e) => Err(vec![Diagnostic::file_error(herald::NOW_VAR, e)]),
                },
                (None, None) => unreachable!("clap requires a name or --translate"),
            };
            match result {
                Ok(path) => {
                    println!("created {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    print_all(&diagnostics);
                    ExitCode::from(1)
                }
            }
        }
        Command::Watch { site } => {
            let options = site.options();
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let handler_stop = stop.clone();
            if let Err(e) = ctrlc::set_handler(move || {
                handler_stop.store(true, std::sync::atomic::Ordering::SeqCst)
            }) {
                eprintln!("cannot handle Ctrl-C: {e}");
            }
            let session = match herald::incremental::Session::start(&options) {
                Ok((session, report)) => {
                    print_all(&report.warnings);
                    println!(
                        "built {} files into {} in {} ms",
                        report.written,
                        session.output().display(),
                        report.elapsed.as_millis()
                    );
                    Some(session)
                }
                Err(diagnostics) => {
                    print_all(&diagnostics);
                    eprintln!(
                        "the site did not build; fix the errors and save, herald is watching"
                    );
                    None
                }
            };
            let ready = || println!("watching for changes (Ctrl-C to stop)");
            let result = herald::watch::watch(session, &options, &stop, ready, |outcome| {
                println!("{}", herald::watch::summary(outcome));
                match outcome {
                    herald::watch::Outcome::Rebuilt { report, .. } => print_all(&report.warnings),
                    herald::watch::Outcome::Failed { diagnostics, .. } => print_all(diagnostics),
                }
            });
            match result {
                Ok(()) => {
                    println!("stopped");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve { site, port, bind } => {
            let options = site.options();
            match herald::serve::serve(&options, bind, port) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Status { site, lang, format } => {
            match herald::status::status(&site, lang.as_deref()) {
                Ok(status) => {
                    match format {
                        Format::Text => print!("{}", herald::status::to_text(&status)),
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
