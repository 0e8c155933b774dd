//! Rebuilding after a change: the same load and plan as a full build, then only
//! the jobs whose fingerprint changed are rendered, and only files whose bytes
//! changed are written.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::content::ParseCache;
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
}

/// What is on disk for one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    fingerprint: u64,
    bytes: u64,
}

/// A site kept built: the state watch and serve rebuild from.
pub struct Session {
    options: BuildOptions,
    output: PathBuf,
    written: HashMap<PathBuf, Written>,
    cache: ParseCache,
}

impl Session {
    /// A full build (written with the staging swap, like `herald build`) that watch mode continues from.
    pub fn start(options: &BuildOptions) -> Result<(Session, RebuildReport), Vec<Diagnostic>> {
        let started = Instant::now();
        let mut cache = ParseCache::default();
        let model = load_with(options, true, &mut cache)?;
        let output = model.site.config.output_dir.clone();
        let (built, jobs, hashes) = crate::full_build(&model, options, true)?;
        let written = jobs
            .iter()
            .zip(hashes)
            .map(|(job, bytes)| {
                (
                    job.file.clone(),
                    Written {
                        fingerprint: job.fingerprint,
                        bytes,
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
        };
        Ok((
            Session {
                options: options.clone(),
                output,
                written,
                cache,
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
        for path in changed {
            self.cache.forget(path);
        }
        self.rebuild()
    }

    /// Rebuilds after a change. On errors nothing is written and the session is unchanged,
    /// so the last good site stays and the next good save recovers.
    pub fn rebuild(&mut self) -> Result<RebuildReport, Vec<Diagnostic>> {
        let started = Instant::now();
        let model = load_with(&self.options, false, &mut self.cache)?;
        if model.site.config.output_dir != self.output {
            // site.yaml moved the output folder: start over there.
            let (session, report) = Session::start(&self.options)?;
            *self = session;
            return Ok(report);
        }
        let (jobs, files, warnings) =
            render_jobs(&model, Some(&self.written), self.options.strict)?;
        let mut report = RebuildReport {
            rendered: files.len(),
            warnings,
            ..Default::default()
        };
        let mut next: HashMap<PathBuf, Written> = HashMap::with_capacity(jobs.len());
        let mut to_write: Vec<(&PathBuf, &Content)> = Vec::new();
        for job in &jobs {
            let previous = self.written.get(&job.file).copied();
            match files.get(&job.file) {
                Some(content) => {
                    let bytes =
                        render::content_hash(content).map_err(|e| write_error(&job.file, e))?;
                    if previous.map(|p| p.bytes) != Some(bytes) {
                        to_write.push((&job.file, content));
                    }
                    next.insert(
                        job.file.clone(),
                        Written {
                            fingerprint: job.fingerprint,
                            bytes,
                        },
                    );
                }
                None => {
                    if let Some(p) = previous {
                        next.insert(job.file.clone(), p);
                    }
                }
            }
        }
        let gone: Vec<PathBuf> = self
            .written
            .keys()
            .filter(|f| !next.contains_key(*f))
            .cloned()
            .collect();
        output::write_files(&self.output, &to_write, &gone)
            .map_err(|e| write_error(&self.output, e))?;
        report.written = to_write.len();
        report.removed = gone.len();
        self.written = next;
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

fn write_error(path: &std::path::Path, e: std::io::Error) -> Vec<Diagnostic> {
    vec![Diagnostic::file_error(
        path,
        format!("cannot write the site: {e}"),
    )]
}

/// What rendering produced: every planned job, the files rendered, the warnings.
type Rendered = (Vec<Job>, BTreeMap<PathBuf, Content>, Vec<Diagnostic>);

/// Plans every job and renders those whose fingerprint differs from `written` (all without it).
fn render_jobs(
    model: &crate::Model,
    written: Option<&HashMap<PathBuf, Written>>,
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
    let todo: Vec<&Job> = jobs
        .iter()
        .filter(|job| {
            written
                .and_then(|w| w.get(&job.file))
                .map(|w| w.fingerprint)
                != Some(job.fingerprint)
        })
        .collect();
    let (files, render_diags) = render::render(&model.site, &model.localizer, &model.theme, todo);
    diags.extend(render_diags.sorted());
    diags.extend(model.localizer.missing_warnings());
    if strict {
        diags.make_strict();
    }
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok((jobs, files, diags.sorted()))
}
