//! Rebuilding after a change: the same load and plan as a full build, then only
//! the jobs whose fingerprint changed are rendered, and only files whose bytes
//! changed are written.
//!
//! A shortcut for the most common change, an edit to the texts of announcements
//! (bodies, titles, summaries) that keeps their structure ([`crate::site::structure`]):
//! only the edited files are read again, the model of the last build is updated in
//! place and only the jobs that can show those texts are planned again
//! ([`plan::text_change_jobs`]). Anything else — a new, deleted or renamed file, a
//! changed date, slug, tag or alias, a locale, template or site.yaml, an error — takes
//! the full path, so both end in the same output.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::content::{ParseCache, Reread};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan::{self, Job};
use crate::render::{self, Content};
use crate::{load_with, output, BuildOptions};

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    /// Jobs whose inputs changed and were rendered again.
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files removed because nothing produces them any more.
    pub removed: usize,
    /// Warnings of this build.
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
    /// Whether the shortcut for text edits was taken (only the edited files were read).
    pub shortcut: bool,
}

/// What the last good build knew, kept for the shortcut.
struct Last {
    model: crate::Model,
    jobs: Vec<Job>,
    /// Job index by output file.
    index: HashMap<PathBuf, usize>,
    /// The clock the model was built with.
    now: i64,
}

impl Last {
    fn new(model: crate::Model, jobs: Vec<Job>, now: i64) -> Last {
        let index = jobs
            .iter()
            .enumerate()
            .map(|(i, j)| (j.file.clone(), i))
            .collect();
        Last {
            model,
            jobs,
            index,
            now,
        }
    }
}

/// What is on disk for one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    fingerprint: u64,
    bytes: u64,
    /// The last full rebuild that planned this file.
    planned_in: u64,
}

/// A site kept built: the state watch and serve rebuild from.
pub struct Session {
    options: BuildOptions,
    output: PathBuf,
    written: HashMap<PathBuf, Written>,
    cache: ParseCache,
    last: Option<Last>,
    /// Full rebuilds so far: marks which written files the last plan still has.
    rebuilds: u64,
}

impl Session {
    /// A full build (written with the staging swap, like `herald build`) that watch mode continues from.
    pub fn start(options: &BuildOptions) -> Result<(Session, RebuildReport), Vec<Diagnostic>> {
        let started = Instant::now();
        let mut cache = ParseCache::default();
        let now = now(options)?;
        let at_now = BuildOptions {
            now: Some(now),
            ..options.clone()
        };
        let model = load_with(&at_now, true, &mut cache)?;
        let output = model.site.config.output_dir.clone();
        let (built, jobs, hashes) = crate::full_build(&model, &at_now, true)?;
        let written = jobs
            .iter()
            .zip(hashes)
            .map(|(job, bytes)| {
                (
                    job.file.clone(),
                    Written {
                        fingerprint: job.fingerprint,
                        bytes,
                        planned_in: 0,
                    },
                )
            })
            .collect();
        let report = RebuildReport {
            rendered: jobs.len(),
            written: built.files,
            removed: 0,
            warnings: built.warnings,
            elapsed: started.elapsed(),
            shortcut: false,
        };
        Ok((
            Session {
                options: options.clone(),
                output,
                written,
                cache,
                last: Some(Last::new(model, jobs, now)),
                rebuilds: 0,
            },
            report,
        ))
    }

    /// The output folder.
    pub fn output(&self) -> &std::path::Path {
        &self.output
    }

    /// Rebuilds after changes to these files (relative to the site): they are read again
    /// whatever their modification time says.
    pub fn rebuild_changed(
        &mut self,
        changed: &[PathBuf],
    ) -> Result<RebuildReport, Vec<Diagnostic>> {
        let started = Instant::now();
        if let Some(result) = self.text_edit(changed) {
            return result.map(|mut report| {
                report.elapsed = started.elapsed();
                report
            });
        }
        // Edits of known texts only: the full path reuses the last walk of the content.
        let known_texts = match &self.last {
            Some(last) => self.cache.edited(&last.model.site.config, changed),
            None => false,
        };
        if !known_texts {
            for path in changed {
                self.cache.forget(path);
            }
        }
        self.full_rebuild()
    }

    /// The shortcut for edits to announcement texts; `None` when the changes are not
    /// only that (the caller takes the full path).
    fn text_edit(&mut self, changed: &[PathBuf]) -> Option<Result<RebuildReport, Vec<Diagnostic>>> {
        let last = self.last.as_ref()?;
        let config = &last.model.site.config;
        let now = now(&self.options).ok()?;
        if now != last.now
            && !self.options.future
            && last.model.site.next_due.is_some_and(|due| due <= now)
        {
            return None;
        }
        let mut names = std::collections::BTreeSet::new();
        for path in changed {
            match self.cache.reread(config, path) {
                Reread::Text(name) => {
                    names.insert(name);
                }
                Reread::Ignored => {}
                Reread::Unknown => return None,
            }
        }
        let site = &last.model.site;
        let publish = crate::site::Publish {
            drafts: self.options.drafts,
            future: self.options.future,
            now,
        };
        let mut updates = Vec::new();
        for name in &names {
            let ann = self.cache.regroup(config, name)?;
            if site.structure.get(name) != Some(&crate::site::structure(&ann)) {
                return None;
            }
            let Some(&a) = site.by_name.get(name) else {
                // Left out (draft or scheduled) before and after: nothing shows it.
                continue;
            };
            let ann = crate::site::published_form(ann, &publish).ok()?;
            let mut errors = Diagnostics::new();
            crate::site::link_errors(&ann, |n| site.by_name.contains_key(n), &mut errors);
            if !errors.is_empty() {
                return None;
            }
            updates.push((a, ann));
        }
        let last = self.last.as_mut()?;
        last.now = now;
        let mut todo: Vec<usize> = Vec::new();
        for (a, ann) in updates {
            last.model.site.replace(a, ann);
            let model = &last.model;
            for job in plan::text_change_jobs(&model.site, &model.localizer, a, model.versions) {
                let Some(&i) = last.index.get(&job.file) else {
                    // Cannot happen with an unchanged structure; the full path is always right.
                    self.last = None;
                    return None;
                };
                last.jobs[i] = job;
                todo.push(i);
            }
        }
        todo.sort_unstable();
        todo.dedup();
        let model = &last.model;
        let todo: Vec<&Job> = todo
            .into_iter()
            .map(|i| &last.jobs[i])
            .filter(|job| {
                self.written.get(&job.file).map(|w| w.fingerprint) != Some(job.fingerprint)
            })
            .collect();
        let (files, render_diags) =
            render::render(&model.site, &model.localizer, &model.theme, todo.clone());
        let mut diags: Diagnostics = model.diagnostics.clone();
        diags.extend(render_diags.sorted());
        diags.extend(model.localizer.missing_warnings());
        if self.options.strict {
            diags.make_strict();
        }
        if diags.has_errors() {
            // Let the full path report every error, as a build would.
            self.last = None;
            return None;
        }
        let mut to_write: Vec<(&PathBuf, &Content)> = Vec::new();
        let mut hashes = Vec::new();
        let mut failure = None;
        for job in &todo {
            let Some(content) = files.get(&job.file) else {
                continue;
            };
            match render::content_hash(content) {
                Ok(bytes) => {
                    if self.written.get(&job.file).map(|w| w.bytes) != Some(bytes) {
                        to_write.push((&job.file, content));
                    }
                    let written = Written {
                        fingerprint: job.fingerprint,
                        bytes,
                        planned_in: self.rebuilds,
                    };
                    hashes.push((job.file.clone(), written));
                }
                Err(e) => {
                    failure = Some(write_error(&job.file, e));
                    break;
                }
            }
        }
        if failure.is_none() {
            if let Err(e) = output::write_files(&self.output, &to_write, &[]) {
                failure = Some(write_error(&self.output, e));
            }
        }
        let (rendered, written) = (todo.len(), to_write.len());
        if let Some(failure) = failure {
            // The jobs were planned but not written: the next rebuild takes the full path.
            self.last = None;
            return Some(Err(failure));
        }
        let report = RebuildReport {
            rendered,
            written,
            removed: 0,
            warnings: diags.sorted(),
            elapsed: Duration::default(),
            shortcut: true,
        };
        self.written.extend(hashes);
        Some(Ok(report))
    }

    /// Rebuilds after a change. On errors nothing is written and the session is unchanged,
    /// so the last good site stays and the next good save recovers.
    pub fn rebuild(&mut self) -> Result<RebuildReport, Vec<Diagnostic>> {
        self.cache.walk_again();
        self.full_rebuild()
    }

    /// [`Session::rebuild`], reusing the last walk of the content if the cache allows it.
    fn full_rebuild(&mut self) -> Result<RebuildReport, Vec<Diagnostic>> {
        let started = Instant::now();
        // Whatever happens, the shortcut starts again from the next good full rebuild.
        drop_later(self.last.take());
        let now = now(&self.options)?;
        let options = BuildOptions {
            now: Some(now),
            ..self.options.clone()
        };
        let model = load_with(&options, false, &mut self.cache)?;
        if model.site.config.output_dir != self.output {
            // site.yaml moved the output folder: start over there.
            let (session, report) = Session::start(&self.options)?;
            *self = session;
            return Ok(report);
        }
        let t0 = Instant::now();
        self.rebuilds += 1;
        let rebuild = self.rebuilds;
        let (jobs, todo, files, warnings) =
            render_jobs(&model, (&mut self.written, rebuild), self.options.strict)?;
        let t0 = crate::stage("plan+render", t0);
        let mut report = RebuildReport {
            rendered: files.len(),
            warnings,
            ..Default::default()
        };
        // Every job whose fingerprint changed was rendered (or the rebuild failed); the
        // plan marked every written file it still has, the others are gone.
        let mut updated: Vec<(&PathBuf, Written)> = Vec::with_capacity(files.len());
        let mut to_write: Vec<(&PathBuf, &Content)> = Vec::new();
        for &i in &todo {
            let job = &jobs[i];
            let Some(content) = files.get(&job.file) else {
                continue;
            };
            let previous = self.written.get(&job.file).copied();
            let bytes = render::content_hash(content).map_err(|e| write_error(&job.file, e))?;
            if previous.map(|p| p.bytes) != Some(bytes) {
                to_write.push((&job.file, content));
            }
            let written = Written {
                fingerprint: job.fingerprint,
                bytes,
                planned_in: rebuild,
            };
            updated.push((&job.file, written));
        }
        let gone: Vec<PathBuf> = self
            .written
            .iter()
            .filter(|(_, w)| w.planned_in != rebuild)
            .map(|(f, _)| f.clone())
            .collect();
        let t0 = crate::stage("compare", t0);
        output::write_files(&self.output, &to_write, &gone)
            .map_err(|e| write_error(&self.output, e))?;
        crate::stage("write", t0);
        report.written = to_write.len();
        report.removed = gone.len();
        for file in &gone {
            self.written.remove(file);
        }
        for (file, w) in updated {
            self.written.insert(file.clone(), w);
        }
        self.last = Some(Last::new(model, jobs, now));
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

/// Drops a large value on another thread: freeing the last model of a big site takes
/// tens of milliseconds that a rebuild need not wait for.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// The clock of a build with these options.
fn now(options: &BuildOptions) -> Result<i64, Vec<Diagnostic>> {
    match options.now {
        Some(n) => Ok(n),
        None => crate::clock().map_err(|e| vec![Diagnostic::file_error(crate::NOW_VAR, e)]),
    }
}

fn write_error(path: &std::path::Path, e: std::io::Error) -> Vec<Diagnostic> {
    vec![Diagnostic::file_error(
        path,
        format!("cannot write the site: {e}"),
    )]
}

/// What rendering produced: every planned job, the indices of those rendered, the files
/// rendered, the warnings.
type Rendered = (
    Vec<Job>,
    Vec<usize>,
    BTreeMap<PathBuf, Content>,
    Vec<Diagnostic>,
);

/// Plans every job, marks each file in `written` that the plan still has with `rebuild`,
/// and renders the jobs whose fingerprint differs from what was written.
fn render_jobs(
    model: &crate::Model,
    (written, rebuild): (&mut HashMap<PathBuf, Written>, u64),
    strict: bool,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut diags: Diagnostics = model.diagnostics.clone();
    let (jobs, plan_diags) = plan::plan(
        &model.site,
        &model.localizer,
        &model.theme_files.statics,
        model.versions,
    );
    diags.extend(plan_diags.sorted());
    // Marks each written file the plan still has; the jobs whose fingerprint changed are to do.
    let todo: Vec<usize> = (0..jobs.len())
        .filter(|&i| {
            let job = &jobs[i];
            match written.get_mut(&job.file) {
                Some(w) => {
                    w.planned_in = rebuild;
                    w.fingerprint != job.fingerprint
                }
                None => true,
            }
        })
        .collect();
    let (files, render_diags) = render::render(
        &model.site,
        &model.localizer,
        &model.theme,
        todo.iter().map(|&i| &jobs[i]).collect::<Vec<_>>(),
    );
    diags.extend(render_diags.sorted());
    diags.extend(model.localizer.missing_warnings());
    if strict {
        diags.make_strict();
    }
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok((jobs, todo, files, diags.sorted()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &std::path::Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn at(date: &str) -> i64 {
        crate::content::Date::parse(date).unwrap().timestamp
    }

    /// An English-only site with announcement `a` (text `a`), built at 2025-01-01.
    fn english_site(root: &std::path::Path, a: &str) -> BuildOptions {
        write(
            root,
            "site.yaml",
            "title_key: site-title\nbase_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n",
        );
        write(root, "content/announcements/a.en.md", a);
        BuildOptions {
            site_dir: root.to_path_buf(),
            now: Some(at("2025-01-01")),
            ..Default::default()
        }
    }

    /// When the clock passes a scheduled announcement's date, a text edit elsewhere
    /// takes the full path, which publishes it.
    #[test]
    fn a_scheduled_announcement_that_becomes_due_ends_the_shortcut() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let options = english_site(root, "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n");
        write(
            root,
            "content/announcements/later.en.md",
            "---\ntitle: Later\ndate: 2030-01-01\n---\nSoon.\n",
        );
        let (mut session, _) = Session::start(&options).unwrap();
        let page = root.join("public/en/announcements/later/index.html");
        assert!(!page.exists());
        let edited = [PathBuf::from("content/announcements/a.en.md")];
        write(
            root,
            "content/announcements/a.en.md",
            "---\ntitle: A\ndate: 2020-01-01\n---\nA, edited.\n",
        );
        assert!(session.rebuild_changed(&edited).unwrap().shortcut);
        assert!(!page.exists());

        session.options.now = Some(at("2030-06-01"));
        write(
            root,
            "content/announcements/a.en.md",
            "---\ntitle: A\ndate: 2020-01-01\n---\nA, edited again.\n",
        );
        let report = session.rebuild_changed(&edited).unwrap();
        assert!(!report.shortcut);
        assert!(std::fs::read_to_string(&page).unwrap().contains("Soon."));
    }

    /// Deleting a stray file that the last build warned about drops the warning.
    #[test]
    fn a_deleted_stray_file_takes_its_warning_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let options = english_site(root, "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n");
        write(root, "content/announcements/notes.txt", "to do");
        let stray = PathBuf::from("content/announcements/notes.txt");
        let warned = |w: &[Diagnostic]| w.iter().any(|d| d.path == stray);
        let (mut session, report) = Session::start(&options).unwrap();
        assert!(warned(&report.warnings), "{:?}", report.warnings);
        std::fs::remove_file(root.join(&stray)).unwrap();
        let report = session
            .rebuild_changed(std::slice::from_ref(&stray))
            .unwrap();
        assert!(!warned(&report.warnings), "{:?}", report.warnings);
        // The next text edit (the shortcut) starts from the model without it.
        write(
            root,
            "content/announcements/a.en.md",
            "---\ntitle: A\ndate: 2020-01-01\n---\nA, edited.\n",
        );
        let edited = [PathBuf::from("content/announcements/a.en.md")];
        let report = session.rebuild_changed(&edited).unwrap();
        assert!(report.shortcut);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        // A temporary file that comes and goes between walks is still ignored.
        let temp = PathBuf::from("content/announcements/a.en.md.tmp42");
        assert!(session.rebuild_changed(&[temp]).unwrap().shortcut);
    }

    /// A structural edit of a known text reuses the last walk of the content (only the
    /// reported files are read); a new or deleted file walks again.
    #[test]
    fn a_structural_edit_of_a_known_text_reuses_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let a = |tags: &str| format!("---\ntitle: A\ndate: 2020-01-01\ntags: [{tags}]\n---\nA.\n");
        let options = english_site(root, &a("one"));
        let (mut session, _) = Session::start(&options).unwrap();
        let public = root.join("public/en");
        // A file that the watcher did not report (it always does): not read.
        write(
            root,
            "content/announcements/b.en.md",
            "---\ntitle: B\ndate: 2020-02-02\n---\nB.\n",
        );
        write(root, "content/announcements/a.en.md", &a("one, two"));
        let edited = [PathBuf::from("content/announcements/a.en.md")];
        let report = session.rebuild_changed(&edited).unwrap();
        assert!(!report.shortcut);
        assert!(public.join("tags/two/index.html").exists());
        assert!(!public.join("announcements/b/index.html").exists());
        // Reported with the edit, the new file is found by a new walk.
        write(root, "content/announcements/a.en.md", &a("two"));
        let both = [
            PathBuf::from("content/announcements/a.en.md"),
            PathBuf::from("content/announcements/b.en.md"),
        ];
        session.rebuild_changed(&both).unwrap();
        assert!(public.join("announcements/b/index.html").exists());
        assert!(!public.join("tags/one/index.html").exists());
        // A deleted file walks again too, and its pages go.
        std::fs::remove_file(root.join("content/announcements/b.en.md")).unwrap();
        session.rebuild_changed(&both[1..]).unwrap();
        assert!(!public.join("announcements/b/index.html").exists());
        assert!(public.join("announcements/a/index.html").exists());
    }
}
