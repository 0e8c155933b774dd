//! The subcommands, one file each; what they share: the site arguments and printing.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;
pub mod status;
pub mod watch;

use std::path::PathBuf;

use herald::diagnostics::Diagnostic;
use herald::BuildOptions;

/// Where the site is and what of it to build: shared by build, watch and serve.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// The site folder (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Output folder (default: site.yaml's output_dir).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Include announcements dated after now.
    #[arg(long)]
    pub future: bool,
}

impl SiteArgs {
    /// The build options these arguments ask for.
    pub fn options(self) -> BuildOptions {
        BuildOptions {
            site_dir: self.site,
            output: self.output,
            drafts: self.drafts,
            future: self.future,
            ..Default::default()
        }
    }
}

/// Prints diagnostics to stderr, one per line, as `path:line:col: severity: message`.
pub fn print_all(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}
