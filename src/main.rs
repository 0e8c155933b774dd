//! The `herald` command: parses the command line and runs the subcommand (one file
//! each under `src/cli/`).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// mimalloc: builds allocate many small strings on all cores, where it beats the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use cli::status::Format;
use cli::{SiteArgs, Verbosity};
use herald::BuildOptions;

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "A static site generator for multilingual announcements"
)]
struct Cli {
    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: how long each stage of a build took (build, check, watch, serve).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
    /// When to colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = cli::ColorWhen::Auto)]
    color: cli::ColorWhen,
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
        /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
        #[arg(short, long)]
        site: Option<PathBuf>,
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
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on: an IP address or `localhost` (loopback by default).
        #[arg(long, default_value = "127.0.0.1", value_parser = cli::serve::parse_bind)]
        bind: std::net::IpAddr,
        /// Open the site in the browser once it is served ($BROWSER, else the system's).
        #[arg(long)]
        open: bool,
    },
    /// Translation coverage: each announcement in each language, and the interface strings.
    Status {
        /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
        #[arg(short, long)]
        site: Option<PathBuf>,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The announcements × languages table even when it is wider than 100 columns.
        #[arg(long)]
        matrix: bool,
        /// The "now" the next change is counted from, instead of the clock.
        #[arg(long, value_name = "TIME", value_parser = cli::parse_now)]
        now: Option<i64>,
    },
    /// Make a new site: a commented site.yaml, a sample announcement and the strings
    /// of each language; or a site from a Hugo site (`--from-hugo`).
    Init {
        /// The new site's folder, new or empty (default: this one).
        dir: Option<PathBuf>,
        /// A language of the new site; repeat it or separate codes with commas. The
        /// first is the default language (default: en).
        #[arg(
            long = "language",
            visible_alias = "lang",
            value_name = "CODE",
            value_delimiter = ',',
            conflicts_with = "from_hugo"
        )]
        languages: Vec<String>,
        /// Write into a folder that has files: add the site's files it lacks, keep every
        /// file that is there.
        #[arg(long, conflicts_with = "from_hugo")]
        force: bool,
        /// The Hugo site to import: its languages, one content section, static/.
        #[arg(long, value_name = "HUGO_SITE")]
        from_hugo: Option<PathBuf>,
        /// The content section to import (default: posts, post, blog or news).
        #[arg(long, value_name = "PATH", requires = "from_hugo")]
        section: Option<String>,
        /// Print the import's report; write nothing.
        #[arg(long, requires = "from_hugo")]
        dry_run: bool,
    },
    /// What changed in an announcement's source since its translation in a language was
    /// made from it (read from the site's git history), block by block.
    Diff {
        /// The announcement's name, or one of its files (`x.fr.md`).
        name: String,
        /// The translation's language.
        #[arg(long, value_name = "L")]
        lang: String,
        /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
        #[arg(short, long)]
        site: Option<PathBuf>,
    },
    /// Check everything a build checks; write nothing.
    Check {
        /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
        #[arg(short, long)]
        site: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Warn about stale translations too (with --strict: fail on them, for a site's CI).
        #[arg(long)]
        stale: bool,
        /// The build's "now" instead of the clock: a date (2026-01-16) or an RFC 3339 time.
        #[arg(long, value_name = "TIME", value_parser = cli::parse_now)]
        now: Option<i64>,
    },
    /// Write the announcements a language lacks or has stale as an XLIFF 2.0 file for
    /// a CAT tool (default: both, into `<LANG>.xlf`).
    Export {
        /// The language to translate into.
        #[arg(long)]
        lang: String,
        /// Announcements not translated into it yet.
        #[arg(long)]
        missing: bool,
        /// Translations whose source changed since.
        #[arg(long)]
        stale: bool,
        /// The language to translate from (default: the site's default language).
        #[arg(long, value_name = "LANG")]
        source: Option<String>,
        /// Where to write it (`-`: standard output; default: `<LANG>.xlf` here, never over a file).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
        #[arg(short, long)]
        site: Option<PathBuf>,
    },
    /// Write the translations of an XLIFF file made by `herald export`: new translation
    /// files, and stale ones brought up to date (all or nothing).
    Import {
        /// The XLIFF file.
        file: PathBuf,
        /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
        #[arg(short, long)]
        site: Option<PathBuf>,
    },
    /// The site's theme.
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
    /// Print the completion script of a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand)]
enum ThemeAction {
    /// Copy the built-in theme (templates, shortcodes, static files, strings) into
    /// themes/<NAME>/ for you to change, and make the site use it.
    Eject {
        /// The site folder (holds site.yaml; default: the nearest folder up from here that has one).
        #[arg(short, long)]
        site: Option<PathBuf>,
        /// The theme's folder name under themes/.
        #[arg(long, default_value = "default")]
        name: String,
    },
}

/// No transparent huge pages for herald's memory: mimalloc asks for them on its arenas,
/// and a 2 MiB page of which a build touches part still counts whole, about 40 MiB of a
/// 10,000 × 7 build's peak. Without them the peak is that much lower and the build as
/// fast (BENCHMARKS.md). The flag is read at each page fault, so memory allocated
/// before `main` follows it too.
fn allocator_options() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    allocator_options();
    let cli = Cli::parse();
    // A closed pipe (`herald status | head -1`) ends herald quietly, as it ends other
    // command-line tools, not with a panic of `println!`. Not for `serve`, which writes
    // to sockets that readers close.
    #[cfg(unix)]
    if !matches!(cli.command, Command::Serve { .. }) {
        // SAFETY: called once, before any thread is started.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    herald::console::set_color(cli.color.into());
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    if verbosity == Verbosity::Verbose {
        herald::show_timings();
    }
    match run(cli.command, verbosity) {
        Ok(code) | Err(code) => code,
    }
}

/// Runs a subcommand; `Err` when there is no site to run it on (already printed).
fn run(command: Command, v: Verbosity) -> Result<ExitCode, ExitCode> {
    Ok(match command {
        Command::Build {
            site,
            base_url,
            strict,
        } => cli::build::run(
            &BuildOptions {
                base_url,
                strict,
                ..site.options()?
            },
            v,
        ),
        Command::New {
            name,
            translate,
            lang,
            title,
            site,
        } => cli::new::run(
            &cli::site_dir(site)?,
            name.as_deref(),
            translate.as_deref(),
            lang.as_deref(),
            title.as_deref(),
        ),
        Command::Watch { site } => cli::watch::run(&site.options()?, v),
        Command::Serve {
            site,
            port,
            bind,
            open,
        } => cli::serve::run(
            &site.options()?,
            herald::serve::Serve {
                bind,
                port,
                quiet: v == Verbosity::Quiet,
            },
            open,
        ),
        Command::Status {
            site,
            lang,
            format,
            matrix,
            now,
        } => {
            let layout = herald::status::TextLayout {
                matrix,
                verbose: v == Verbosity::Verbose,
            };
            cli::status::run(&cli::site_dir(site)?, lang.as_deref(), now, format, layout)
        }
        Command::Init {
            dir,
            from_hugo: Some(hugo),
            section,
            dry_run,
            ..
        } => cli::init::from_hugo(dir.as_deref(), &hugo, section.as_deref(), dry_run),
        Command::Init {
            dir,
            languages,
            force,
            ..
        } => cli::init::run(dir, &languages, force, v),
        Command::Diff { name, lang, site } => cli::diff::run(&cli::site_dir(site)?, &name, &lang),
        Command::Check {
            site,
            strict,
            stale,
            now,
        } => cli::check::run(
            &BuildOptions {
                site_dir: cli::site_dir(site)?,
                strict,
                stale,
                now,
                ..Default::default()
            },
            v,
        ),
        Command::Export {
            lang,
            missing,
            stale,
            source,
            output,
            site,
        } => cli::xliff::export(
            &cli::site_dir(site)?,
            &herald::xliff::ExportOptions {
                lang,
                source_lang: source,
                missing,
                stale,
            },
            output,
        ),
        Command::Import { file, site } => cli::xliff::import(&cli::site_dir(site)?, &file),
        Command::Theme {
            action: ThemeAction::Eject { site, name },
        } => cli::theme::eject(&cli::site_dir(site)?, &name, v),
        Command::Completions { shell } => {
            // Made in memory first: clap_complete panics on a write error, and a pipe
            // closed early (`| head`) is none.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "herald", &mut script);
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(&script);
            ExitCode::SUCCESS
        }
    })
}
