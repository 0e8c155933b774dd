//! `herald watch`: file-system events (notify, debounced) → incremental rebuilds.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::diagnostics::{display_path, Diagnostic};
use crate::incremental::{RebuildReport, Session};
use crate::BuildOptions;

/// How long the watcher waits for a burst of saves to end before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// The folders of a site that are watched (recursively), besides `site.yaml`.
pub const WATCHED: &[&str] = &["content", "locales", "themes", "static"];

/// The result of one rebuild.
pub enum Outcome {
    /// The site was rebuilt.
    Rebuilt {
        /// Changed paths, relative to the site.
        changed: Vec<PathBuf>,
        /// What the rebuild did.
        report: RebuildReport,
    },
    /// The change broke the build; the output was left as it was.
    Failed {
        /// Changed paths, relative to the site.
        changed: Vec<PathBuf>,
        /// Why.
        diagnostics: Vec<Diagnostic>,
    },
}

/// One line for the terminal: what changed, how many files were rewritten, how long it took.
pub fn summary(outcome: &Outcome) -> String {
    let what = |changed: &[PathBuf]| match changed {
        [] => "a change".to_string(),
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.display(), rest.len()),
    };
    match outcome {
        Outcome::Rebuilt { changed, report } => format!(
            "{}: rebuilt {} pages, wrote {} files, removed {} in {} ms",
            what(changed),
            report.rendered,
            report.written,
            report.removed,
            report.elapsed.as_millis()
        ),
        Outcome::Failed {
            changed,
            diagnostics,
        } => format!(
            "{}: the build failed with {} error(s); the site was left as it was",
            what(changed),
            diagnostics.iter().filter(|d| d.is_error()).count()
        ),
    }
}

/// Watches the site and rebuilds after every burst of changes until `stop` is set.
/// Without a `session` (the first build failed), each change tries a full build again.
/// `on_ready` is called once the watches are in place.
pub fn watch(
    mut session: Option<Session>,
    options: &BuildOptions,
    stop: &AtomicBool,
    on_ready: impl FnOnce(),
    mut on_outcome: impl FnMut(&Outcome),
) -> Result<(), String> {
    let site = options.site_dir.as_path();
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(Duration::from_millis(5)), tx)
        .map_err(|e| format!("cannot watch files: {e}"))?;
    let site = crate::output::absolute(site);
    for dir in WATCHED {
        let path = site.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    debouncer
        .watch(&site, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", site.display()))?;
    // From here on no save is missed.
    on_ready();
    let output = match &session {
        Some(s) => crate::output::absolute(s.output()),
        None => crate::output::absolute(&output_dir(options)),
    };
    while !stop.load(Ordering::SeqCst) {
        let events = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(Ok(events)) => events,
            Ok(Err(errors)) => {
                for e in errors {
                    eprintln!("watch error: {e}");
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut changed: Vec<PathBuf> = events
            .iter()
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.paths.iter())
            .filter(|p| relevant(&site, &output, p))
            .map(|p| display_path(&site, p))
            .collect();
        changed.sort();
        changed.dedup();
        // The watcher lost events (a full kernel queue): which files changed is unknown.
        let rescan = events.iter().any(|e| e.need_rescan());
        if changed.is_empty() && !rescan {
            continue;
        }
        let result = match session.as_mut() {
            Some(s) if rescan => s.rebuild(),
            Some(s) => s.rebuild_changed(&changed),
            None => Session::start(options).map(|(s, report)| {
                session = Some(s);
                report
            }),
        };
        let outcome = match result {
            Ok(report) => Outcome::Rebuilt { changed, report },
            Err(diagnostics) => Outcome::Failed {
                changed,
                diagnostics,
            },
        };
        on_outcome(&outcome);
    }
    Ok(())
}

/// The output folder the options point to (site.yaml's, or `--output`).
pub fn output_dir(options: &BuildOptions) -> PathBuf {
    crate::configure(options)
        .map(|c| c.output_dir)
        .unwrap_or_else(|_| options.site_dir.join("public"))
}

/// Whether a changed path can affect the site: inside a watched folder, or site.yaml; never the output.
fn relevant(site: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    if path == site.join(crate::config::CONFIG_FILE) {
        return true;
    }
    WATCHED.iter().any(|dir| path.starts_with(site.join(dir)))
}
