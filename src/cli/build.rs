//! `herald build`: build the site into the output folder.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use herald::diagnostics::counted;
use herald::{BuildOptions, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Verbosity;

/// How long a build runs before its progress bar shows, in milliseconds (default 2000).
pub const PROGRESS_AFTER_VAR: &str = "HERALD_PROGRESS_AFTER";

/// Builds, prints what was written (or every error) and gives the exit status.
pub fn run(options: &BuildOptions, v: Verbosity) -> ExitCode {
    let bar = v.talks().then(progress_bar).flatten();
    let options = match &bar {
        Some((_, progress)) => &BuildOptions {
            progress: Some(progress.clone()),
            ..options.clone()
        },
        None => options,
    };
    let result = herald::build(options);
    if let Some((bar, _)) = bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(report) => {
            v.print(&report.warnings);
            if !v.talks() {
                return ExitCode::SUCCESS;
            }
            println!(
                "built {} ({}) for {} in {} into {} in {} ms",
                counted(report.pages, "page", "pages"),
                counted(report.files, "file", "files"),
                counted(report.announcements, "announcement", "announcements"),
                counted(report.languages, "language", "languages"),
                report.output.display(),
                report.elapsed.as_millis()
            );
            if report.skipped.drafts > 0 || report.skipped.scheduled > 0 {
                println!(
                    "skipped {} (use --drafts) and {} (use --future)",
                    counted(report.skipped.drafts, "draft", "drafts"),
                    counted(
                        report.skipped.scheduled,
                        "scheduled announcement",
                        "scheduled announcements"
                    )
                );
            }
            if let Some(next) = &report.next_change {
                println!("next change: {next}");
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            v.print(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("build failed with {errors} error(s); nothing was written");
            ExitCode::from(1)
        }
    }
}

/// A progress bar on stderr that shows once the build has run for two seconds
/// ([`PROGRESS_AFTER_VAR`]), with what tells it; none when stderr is not a terminal
/// (a pipe, a file) or in CI (`CI` set).
fn progress_bar() -> Option<(ProgressBar, Progress)> {
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let after = std::env::var(PROGRESS_AFTER_VAR)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(2), Duration::from_millis);
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
        ProgressStyle::with_template("{wide_bar} {pos}/{len} files {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let shown = AtomicBool::new(false);
    let tell = bar.clone();
    let progress = Progress(Arc::new(move |done: usize, total: usize| {
        if !shown.load(Ordering::Relaxed) {
            if started.elapsed() < after || shown.swap(true, Ordering::Relaxed) {
                return;
            }
            tell.set_length(total as u64);
            tell.set_draw_target(ProgressDrawTarget::stderr());
        }
        tell.set_position(done as u64);
        if done == total {
            tell.set_message("(finishing: search index, output)");
        }
    }));
    Some((bar, progress))
}
