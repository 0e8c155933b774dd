//! The `herald` command: parses the command line and runs the subcommand (one file
//! each under `src/cli/`).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: builds allocate many small strings on all cores, where it beats the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use cli::status::Format;
use cli::SiteArgs;
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
    },
    /// Make a new site; for now from a Hugo site (`--from-hugo`).
    Init {
        /// The new site's folder (new or empty).
        dir: Option<PathBuf>,
        /// The Hugo site to import: its languages, one content section, static/.
        #[arg(long, value_name = "HUGO_SITE")]
        from_hugo: Option<PathBuf>,
        /// The content section to import (default: posts, post, blog or news).
        #[arg(long, value_name = "PATH", requires = "from_hugo")]
        section: Option<String>,
        /// Print the report; write nothing.
        #[arg(long)]
        dry_run: bool,
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    herald::diagnostics::set_color(cli.color.into());
    match run(cli.command) {
        Ok(code) | Err(code) => code,
    }
}

/// Runs a subcommand; `Err` when there is no site to run it on (already printed).
fn run(command: Command) -> Result<ExitCode, ExitCode> {
    Ok(match command {
        Command::Build {
            site,
            base_url,
            strict,
        } => cli::build::run(&BuildOptions {
            base_url,
            strict,
            ..site.options()?
        }),
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
        Command::Watch { site } => cli::watch::run(&site.options()?),
        Command::Serve { site, port, bind } => cli::serve::run(&site.options()?, bind, port),
        Command::Status { site, lang, format } => {
            cli::status::run(&cli::site_dir(site)?, lang.as_deref(), format)
        }
        Command::Init {
            dir,
            from_hugo,
            section,
            dry_run,
        } => cli::init::run(
            dir.as_deref(),
            from_hugo.as_deref(),
            section.as_deref(),
            dry_run,
        ),
        Command::Check {
            site,
            strict,
            stale,
        } => cli::check::run(&BuildOptions {
            site_dir: cli::site_dir(site)?,
            strict,
            stale,
            ..Default::default()
        }),
    })
}
