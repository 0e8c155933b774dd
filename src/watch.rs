//! `herald watch`: file-system events (notify, debounced) → incremental rebuilds.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::diagnostics::{display_path, Diagnostic};
use crate::incremental::{RebuildReport, SearchReport, Session};
use crate::BuildOptions;

/// The warnings printed last: `watch` and `serve` print a warning again only when it
/// changes (a new one, or one that went away and came back), not on every rebuild.
#[derive(Debug, Default)]
pub struct Warned(std::collections::HashSet<String>);

impl Warned {
    /// The warnings of `all` that were not printed last time; `all` is what was printed
    /// from now on.
    pub fn fresh<'a>(&mut self, all: &'a [Diagnostic]) -> Vec<&'a Diagnostic> {
        let shown: Vec<String> = all.iter().map(|d| d.to_string()).collect();
        let fresh = all
            .iter()
            .zip(&shown)
            .filter(|(_, text)| !self.0.contains(*text))
            .map(|(d, _)| d)
            .collect();
        self.0 = shown.into_iter().collect();
        fresh
    }
}

/// How long notify's debouncer holds events (it pairs renames, drops duplicates).
pub const DEBOUNCE: Duration = Duration::from_millis(5);

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
    /// Something the person watching should know (a watched folder went away, the
    /// output folder is built again).
    Notice(String),
    /// The search index followed the last rebuilds (in the background, after their pages).
    Indexed(Result<SearchReport, Vec<Diagnostic>>),
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
        Outcome::Rebuilt { changed, report } => {
            let search = match &report.search {
                Some(s) => format!(
                    " (the search index of {} language(s), after the pages: {} ms)",
                    s.languages,
                    s.elapsed.as_millis()
                ),
                None => String::new(),
            };
            use crate::diagnostics::counted;
            format!(
                "{}: rebuilt {}, wrote {}, removed {} in {} ms{search}",
                what(changed),
                counted(report.rendered, "page", "pages"),
                counted(report.written, "file", "files"),
                report.removed,
                report.elapsed.as_millis()
            )
        }
        Outcome::Notice(text) => text.clone(),
        Outcome::Indexed(Ok(s)) => format!(
            "search index: {} language(s) brought up to date in {} ms ({} made again), wrote {} files, removed {}",
            s.languages,
            s.elapsed.as_millis(),
            s.remade,
            s.written,
            s.removed
        ),
        Outcome::Indexed(Err(diagnostics)) => format!(
            "search index: could not be brought up to date ({} error(s)); the next full build makes it again",
            diagnostics.iter().filter(|d| d.is_error()).count()
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

/// What the watcher found: the changed paths (relative to the site), and whether it
/// lost events (then which files changed is unknown).
#[derive(Default)]
struct Batch {
    changed: Vec<PathBuf>,
    rescan: bool,
    /// The output folder must be built again whole.
    whole: bool,
    /// The site's next change (a closing date…) has come: the model changed by itself.
    due: bool,
}

impl Batch {
    fn add(
        &mut self,
        events: &[notify_debouncer_full::DebouncedEvent],
        site: &Path,
        output: &Path,
    ) {
        self.changed.extend(
            events
                .iter()
                .filter(|e| !e.kind.is_access())
                .flat_map(|e| e.paths.iter())
                .filter(|p| relevant(site, output, p))
                .map(|p| display_path(site, p)),
        );
        self.rescan |= events.iter().any(|e| e.need_rescan());
    }

    fn is_empty(&self) -> bool {
        self.changed.is_empty() && !self.rescan && !self.whole && !self.due
    }
}

/// How long a burst of changes must be quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(15);
/// The longest a rebuild waits for a burst to end (saves every few milliseconds still
/// get a rebuild this often).
pub const QUIET_CAP: Duration = Duration::from_millis(120);
/// After a failed rebuild, how long herald waits for more changes before it reports
/// the failure: a save still being written (truncated, then written) fails to load.
pub const SETTLE: Duration = Duration::from_millis(150);

/// Watches the site and rebuilds after every burst of changes until `stop` is set.
/// Without a `session` (the first build failed), each change tries a full build again.
/// `on_ready` is called once the watches are in place. A watched folder that is removed
/// and comes back is watched again; an output folder deleted by hand is built again whole.
pub fn watch(
    mut session: Option<Session>,
    options: &BuildOptions,
    stop: &AtomicBool,
    on_ready: impl FnOnce(),
    mut on_outcome: impl FnMut(&Outcome),
) -> Result<(), String> {
    let site = crate::output::absolute(&options.site_dir);
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(Duration::from_millis(5)), tx)
        .map_err(|e| format!("cannot watch files: {e}"))?;
    let mut armed: Vec<bool> = vec![false; WATCHED.len()];
    for (i, dir) in WATCHED.iter().enumerate() {
        let path = site.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
            armed[i] = true;
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
    let receive = |timeout: Duration| rx.recv_timeout(timeout);
    // The next change a rebuild was made for (not tried again if that rebuild failed).
    let mut tried_due: Option<i64> = None;
    while !stop.load(Ordering::SeqCst) {
        // The search index follows rebuilds in the background; what it did is said when done.
        if let Some(s) = session.as_mut() {
            s.set_background_search(true);
            match s.poll_search(false) {
                Some(Ok(report)) if report.languages == 0 => {}
                Some(result) => on_outcome(&Outcome::Indexed(result)),
                None => {}
            }
        }
        let mut batch = Batch::default();
        match receive(Duration::from_millis(200)) {
            Ok(Ok(events)) => batch.add(&events, &site, &output),
            Ok(Err(errors)) => {
                for e in errors {
                    eprintln!("watch error: {e}");
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        // A burst of saves is one rebuild: gather until it is quiet (or long enough).
        let first = Instant::now();
        while !batch.is_empty() && first.elapsed() < QUIET_CAP {
            match receive(QUIET) {
                Ok(Ok(events)) => batch.add(&events, &site, &output),
                Ok(Err(_)) => {}
                Err(_) => break,
            }
        }
        // Folders that went and came back are watched again (a checkout, a sync tool).
        for (i, dir) in WATCHED.iter().enumerate() {
            let path = site.join(dir);
            let there = path.is_dir();
            if there && !armed[i] {
                let _ = debouncer.unwatch(&path);
                if debouncer.watch(&path, RecursiveMode::Recursive).is_ok() {
                    armed[i] = true;
                    batch.rescan = true;
                }
            } else if !there && armed[i] {
                armed[i] = false;
                let _ = debouncer.unwatch(&path);
                on_outcome(&Outcome::Notice(format!(
                    "{dir}/ was removed; herald watches for it to come back"
                )));
            }
        }
        // The output folder (or its marker) deleted by hand: build it again whole.
        if let Some(s) = &session {
            if !s.output().join(crate::output::MARKER).is_file() {
                on_outcome(&Outcome::Notice(format!(
                    "{} is gone or not herald's any more; building it again",
                    s.output().display()
                )));
                batch.whole = true;
            }
        }
        // The clock passed the site's next change (a closing date, a scheduled
        // announcement): rebuild, as a full build with this "now" would differ.
        if let Some(next) = session.as_ref().and_then(|s| s.next_change()) {
            let passed = crate::build::now(options).is_ok_and(|now| now >= next.timestamp);
            if passed && tried_due != Some(next.timestamp) {
                tried_due = Some(next.timestamp);
                on_outcome(&Outcome::Notice(format!("due now: {next}; rebuilding")));
                batch.due = true;
            }
        }
        if batch.is_empty() {
            continue;
        }
        let mut changed = std::mem::take(&mut batch.changed);
        let mut rescan = batch.rescan;
        let whole = batch.whole;
        loop {
            changed.sort();
            changed.dedup();
            let result = match session.as_mut() {
                Some(s) if whole => s.rebuild_whole(),
                Some(s) if rescan => s.rebuild(),
                Some(s) => s.rebuild_changed(&changed),
                None => Session::start(options).map(|(s, report)| {
                    session = Some(s);
                    report
                }),
            };
            match result {
                Ok(report) => {
                    on_outcome(&Outcome::Rebuilt { changed, report });
                    break;
                }
                Err(diagnostics) => {
                    // A save still being written fails to load: report the failure only
                    // once the files have settled.
                    let mut more = Batch::default();
                    let until = Instant::now() + SETTLE;
                    while let Some(left) = until.checked_duration_since(Instant::now()) {
                        match receive(left) {
                            Ok(Ok(events)) => more.add(&events, &site, &output),
                            Ok(Err(_)) => {}
                            Err(_) => break,
                        }
                        if !more.is_empty() {
                            break;
                        }
                    }
                    if more.is_empty() || stop.load(Ordering::SeqCst) {
                        on_outcome(&Outcome::Failed {
                            changed,
                            diagnostics,
                        });
                        break;
                    }
                    changed.extend(more.changed);
                    rescan |= more.rescan;
                }
            }
        }
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
