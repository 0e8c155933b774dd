//! The subcommands, one file each; what they share: the site arguments and printing.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
pub mod status;
pub mod watch;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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

/// Sets `stop` on Ctrl-C or SIGTERM; if the program has not stopped a second later
/// (a rebuild in progress), it exits then: a rebuild is never worth waiting for.
pub fn stop_on_signal(stop: Arc<AtomicBool>) {
    let handled = ctrlc::set_handler(move || {
        stop.store(true, Ordering::SeqCst);
        std::thread::spawn(|| {
            std::thread::sleep(std::time::Duration::from_secs(1));
            println!("stopped");
            std::process::exit(0);
        });
    });
    if let Err(e) = handled {
        eprintln!("cannot handle Ctrl-C: {e}");
    }
}

/// Prints diagnostics to stderr, one per line, as `path:line:col: severity: message`.
pub fn print_all(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}
