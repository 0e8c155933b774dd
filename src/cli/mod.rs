//! The subcommands, one file each; what they share: the site arguments and printing.

pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod new;
pub mod serve;
pub mod status;
pub mod theme;
pub mod watch;
pub mod xliff;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use herald::diagnostics::Diagnostic;
use herald::BuildOptions;

/// How much a command prints: `-q` errors only, `-v` also each stage's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verbosity {
    /// `--quiet`.
    Quiet,
    /// The default.
    Normal,
    /// `--verbose`.
    Verbose,
}

impl Verbosity {
    /// Whether lines other than errors are printed.
    pub fn talks(self) -> bool {
        self != Verbosity::Quiet
    }

    /// Prints diagnostics with [`print_all`]; when quiet, only the errors.
    pub fn print(self, diagnostics: &[Diagnostic]) {
        if self.talks() {
            print_all(diagnostics);
        } else {
            let errors: Vec<Diagnostic> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            print_all(&errors);
        }
    }
}

/// Where the site is and what of it to build: shared by build, watch and serve.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
    #[arg(short, long)]
    pub site: Option<PathBuf>,
    /// Output folder (default: site.yaml's output_dir).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Include announcements dated after now.
    #[arg(long)]
    pub future: bool,
    /// The build's "now" instead of the clock: a date (2026-01-16) or an RFC 3339 time.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<i64>,
}

/// `--now`'s value: a date or an RFC 3339 time, as seconds since the epoch.
pub fn parse_now(text: &str) -> Result<i64, String> {
    herald::date::Date::parse(text).map(|d| d.timestamp)
}

impl SiteArgs {
    /// The build options these arguments ask for; an error (printed) without a site.
    pub fn options(self) -> Result<BuildOptions, ExitCode> {
        Ok(BuildOptions {
            site_dir: site_dir(self.site)?,
            output: self.output,
            drafts: self.drafts,
            future: self.future,
            now: self.now,
            ..Default::default()
        })
    }
}

/// The site folder of this run, once [`site_dir`] found it: diagnostics name files
/// relative to it, and their source lines are read from there.
static SITE: OnceLock<PathBuf> = OnceLock::new();

/// The site folder: the one given (it must hold site.yaml), else the nearest folder
/// from the current one upward that holds site.yaml, as git finds its repository.
/// Without one, the error is printed and the command exits with status 1 (`watch`
/// and `serve` too: there is nothing to watch).
pub fn site_dir(given: Option<PathBuf>) -> Result<PathBuf, ExitCode> {
    const CONFIG: &str = "site.yaml";
    let fail = |text: String| {
        eprintln!("error: {text}");
        Err(ExitCode::from(1))
    };
    if let Some(dir) = given {
        if dir.join(CONFIG).is_file() {
            return Ok(found(dir));
        }
        return fail(format!(
            "{} has no site.yaml: --site names a site's folder (`herald init DIR` makes a new site there)",
            dir.display()
        ));
    }
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if here.join(CONFIG).is_file() {
        return Ok(found(PathBuf::from(".")));
    }
    match here.ancestors().skip(1).find(|d| d.join(CONFIG).is_file()) {
        Some(dir) => Ok(found(dir.to_path_buf())),
        None => fail(format!(
            "no site.yaml in {} or any folder above it: run herald in a site's folder or give one with --site DIR (`herald init` makes a new site here)",
            here.display()
        )),
    }
}

/// Records `dir` as the site folder of this run ([`SITE`]).
fn found(dir: PathBuf) -> PathBuf {
    let _ = SITE.set(dir.clone());
    dir
}

/// When diagnostics are coloured (`--color`).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE=1 colours a pipe too).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl From<ColorWhen> for herald::console::Color {
    fn from(when: ColorWhen) -> Self {
        match when {
            ColorWhen::Auto => Self::Auto,
            ColorWhen::Always => Self::Always,
            ColorWhen::Never => Self::Never,
        }
    }
}

/// Sets `stop` on Ctrl-C or SIGTERM; if the program has not stopped a second later
/// (a rebuild in progress), it exits then: a rebuild is never worth waiting for.
pub fn stop_on_signal(stop: Arc<AtomicBool>, v: Verbosity) {
    let handled = ctrlc::set_handler(move || {
        stop.store(true, Ordering::SeqCst);
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(1));
            if v.talks() {
                println!("stopped");
            }
            std::process::exit(0);
        });
    });
    if let Err(e) = handled {
        eprintln!("cannot handle Ctrl-C: {e}");
    }
}

/// Prints diagnostics to stderr, each as `path:line:col: severity: message` and, below,
/// the line of the site's file it names with a caret under the column.
pub fn print_all<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    let site = SITE.get().map_or(Path::new("."), PathBuf::as_path);
    herald::console::eprint_all(site, diagnostics);
}
