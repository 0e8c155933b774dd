//! Rebuilding after a change (watch mode): the same load, plan and render as a full
//! build, redoing only the files whose inputs changed and writing only the files whose
//! bytes changed.
//!
//! What a file's inputs are is never written down by hand: rendering a page records
//! the [`Fact`]s its context read ([`plan::Reader`]), and the session keeps, for each
//! fact, its value and the files that read it. After a change, the facts of the
//! announcements that changed and the facts about the whole site (lists, tag counts,
//! feeds, strings) are evaluated again on the new model ([`plan::value`]); the files
//! that read a fact whose value changed are rendered again, with the files that are
//! new or whose job changed (a new path, another source file). A change to site.yaml,
//! the templates or the options rebuilds the whole site.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::{full_build, load_with, now, stage, Cache, Model};
use crate::content::AnnId;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan::{self, Fact, Job, Plan, Reads, Unit, Units};
use crate::render::{self, Content, Outcome};
use crate::{output, BuildOptions};

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    /// Files whose inputs changed and were rendered again.
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files removed because nothing produces them any more.
    pub removed: usize,
    /// Warnings of this build.
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
    /// Whether the whole site was built again (site.yaml, templates, options, a lost output).
    pub full: bool,
}

type NodeId = u32;

/// An output file or a unit: what it read, and a hash of what it gave.
#[derive(Debug)]
struct Node {
    /// The job, for an output file.
    job: Option<Job>,
    /// The announcement whose jobs it belongs to, if any.
    owner: Option<AnnId>,
    /// The facts it read.
    reads: Box<[Fact]>,
    /// A hash of its bytes (a file) or entries (a unit).
    hash: u64,
    /// Still produced (dead nodes stay in the table until the next full build).
    live: bool,
}

/// What one fact was when last evaluated, and who read it.
#[derive(Debug)]
struct FactEntry {
    value: u64,
    /// Nodes that read it (some may have stopped reading it: they are checked when used).
    readers: Vec<NodeId>,
}

/// For every output file and unit, what it read; for every fact, who read it.
#[derive(Debug, Default)]
struct Index {
    nodes: Vec<Node>,
    files: FxHashMap<PathBuf, NodeId>,
    units: HashMap<Unit, NodeId>,
    /// Each announcement's files.
    owned: FxHashMap<AnnId, Vec<NodeId>>,
    /// Files that belong to no announcement.
    site_files: Vec<NodeId>,
    facts: FxHashMap<Fact, FactEntry>,
    /// The facts about each announcement that something read.
    scopes: FxHashMap<AnnId, Vec<Fact>>,
    /// The facts about the whole site that something read.
    aggregates: Vec<Fact>,
}

impl Index {
    /// A node for a file (replacing what had that file) or a unit.
    fn add(&mut self, node: Node, unit: Option<Unit>) -> NodeId {
        let id = self.nodes.len() as NodeId;
        if let Some(job) = &node.job {
            if let Some(old) = self.files.insert(job.file.clone(), id) {
                self.nodes[old as usize].live = false;
            }
            match node.owner {
                Some(a) => self.owned.entry(a).or_default().push(id),
                None => self.site_files.push(id),
            }
        }
        if let Some(unit) = unit {
            if let Some(old) = self.units.insert(unit, id) {
                self.nodes[old as usize].live = false;
            }
        }
        self.nodes.push(node);
        id
    }

    /// Records that `node` read these facts with these values.
    fn note_reads(&mut self, node: NodeId, reads: &Reads, known: Option<&[Fact]>) {
        for &(fact, value) in reads {
            if known.is_some_and(|k| k.binary_search(&fact).is_ok()) {
                continue;
            }
            match self.facts.get_mut(&fact) {
                Some(entry) => entry.readers.push(node),
                None => {
                    self.facts.insert(
                        fact,
                        FactEntry {
                            value,
                            readers: vec![node],
                        },
                    );
                    match fact.scope() {
                        Some(a) => self.scopes.entry(a).or_default().push(fact),
                        None => self.aggregates.push(fact),
                    }
                }
            }
        }
    }

    fn live_file(&self, file: &Path) -> Option<NodeId> {
        self.files
            .get(file)
            .copied()
            .filter(|&n| self.nodes[n as usize].live)
    }

    /// The index of a whole build: every job with its outcome, every unit built.
    fn of_build(plan: &Plan, outcomes: Vec<Outcome>, units: &Units) -> Index {
        let mut index = Index::default();
        let owners =
            plan.site_jobs
                .iter()
                .map(|job| (job, None))
                .chain(plan.announcements.iter().flat_map(|(ann, jobs)| {
                    let owner = Some(ann.id);
                    jobs.iter().map(move |job| (job, owner))
                }));
        for ((job, owner), outcome) in owners.zip(outcomes) {
            index.add_outcome(job.clone(), owner, outcome);
        }
        for (unit, out) in units.take_fresh() {
            index.add_unit(unit, &out.reads, out.hash);
        }
        index
    }

    fn add_outcome(&mut self, job: Job, owner: Option<AnnId>, outcome: Outcome) -> NodeId {
        let node = self.add(
            Node {
                job: Some(job),
                owner,
                reads: outcome.reads.iter().map(|(f, _)| *f).collect(),
                hash: outcome.hash,
                live: true,
            },
            None,
        );
        self.note_reads(node, &outcome.reads, None);
        node
    }

    fn add_unit(&mut self, unit: Unit, reads: &Reads, hash: u64) {
        let node = self.add(
            Node {
                job: None,
                owner: None,
                reads: reads.iter().map(|(f, _)| *f).collect(),
                hash,
                live: true,
            },
            Some(unit),
        );
        self.note_reads(node, reads, None);
    }
}

/// What the last good build left: the model, its plan and the index.
struct Last {
    model: Model,
    /// Taken by the next plan (which reuses its unchanged announcements' jobs).
    plan: Option<Plan>,
    index: Index,
}

/// A site kept built: the state watch and serve rebuild from.
pub struct Session {
    options: BuildOptions,
    output: PathBuf,
    cache: Cache,
    units: Units,
    last: Last,
}

impl Session {
    /// A full build (written with the staging swap, like `herald build`) that watch mode continues from.
    pub fn start(options: &BuildOptions) -> Result<(Session, RebuildReport), Vec<Diagnostic>> {
        Session::start_with(options, Cache::default())
    }

    fn start_with(
        options: &BuildOptions,
        mut cache: Cache,
    ) -> Result<(Session, RebuildReport), Vec<Diagnostic>> {
        let started = Instant::now();
        let at_now = BuildOptions {
            now: Some(now(options)?),
            ..options.clone()
        };
        let model = load_with(&at_now, true, &mut cache, None)?;
        let units = Units::default();
        let (built, plan, outcomes) = full_build(&model, &at_now, true, &units, true)?;
        let index = Index::of_build(&plan, outcomes, &units);
        let report = RebuildReport {
            rendered: plan.len(),
            written: built.files,
            removed: 0,
            warnings: built.warnings,
            elapsed: started.elapsed(),
            full: true,
        };
        Ok((
            Session {
                options: options.clone(),
                output: model.site.config.output_dir.clone(),
                cache,
                units,
                last: Last {
                    model,
                    plan: Some(plan),
                    index,
                },
            },
            report,
        ))
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Rebuilds after changes to these files (relative to the site): they are read again
    /// whatever their modification time says.
    pub fn rebuild_changed(
        &mut self,
        changed: &[PathBuf],
    ) -> Result<RebuildReport, Vec<Diagnostic>> {
        // Edits of known texts only: the load reuses the last listing of the content.
        let config = &self.last.model.site.config;
        if !self.cache.content.edited(config, changed) {
            for path in changed {
                self.cache.content.forget(path);
            }
        }
        self.rebuild_now()
    }

    /// Rebuilds after a change that is not known (the watcher lost events): the content
    /// is listed again. On errors nothing is written and the session is unchanged, so
    /// the last good site stays and the next good save recovers.
    pub fn rebuild(&mut self) -> Result<RebuildReport, Vec<Diagnostic>> {
        self.cache.content.list_again();
        self.rebuild_now()
    }

    fn rebuild_now(&mut self) -> Result<RebuildReport, Vec<Diagnostic>> {
        let started = Instant::now();
        let options = BuildOptions {
            now: Some(now(&self.options)?),
            ..self.options.clone()
        };
        let t = Instant::now();
        let model = load_with(
            &options,
            false,
            &mut self.cache,
            Some(&self.last.model.site),
        )?;
        let t = stage("load", t);
        if model.site.config.output_dir != self.output || model.global != self.last.model.global {
            // site.yaml, the templates or the options changed: build everything again.
            let cache = std::mem::take(&mut self.cache);
            let (session, mut report) = match Session::start_with(&self.options, cache) {
                Ok(started) => started,
                Err(e) => {
                    // The cache went into the failed start; the next load reads again.
                    self.last.plan = None;
                    return Err(e);
                }
            };
            *self = session;
            report.elapsed = started.elapsed();
            return Ok(report);
        }
        let mut report = self.update(model, t)?;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Plans the new model, renders what changed, writes it and keeps the new state.
    fn update(&mut self, model: Model, t: Instant) -> Result<RebuildReport, Vec<Diagnostic>> {
        let last = &mut self.last;
        let had_plan = last.plan.is_some();
        let last_site_jobs = last.plan.as_ref().map(|p| p.site_jobs.clone());
        let (plan, plan_diags) = plan::plan(&model.site, &model.statics, last.plan.take());
        let mut diags = model.diagnostics.clone();
        diags.extend(plan_diags.sorted());
        if diags.has_errors() {
            return Err(fail(diags, self.options.strict));
        }
        let t = stage("plan", t);

        // The announcements that changed (or came or went): their facts are evaluated
        // again, and their jobs compared with what they were.
        let old_site = &last.model.site;
        let new_site = &model.site;
        let mut changed: FxHashSet<AnnId> = FxHashSet::default();
        for ann in &new_site.announcements {
            let same = old_site
                .index_of(ann.id)
                .is_some_and(|i| Arc::ptr_eq(&old_site.announcements[i], ann));
            if !same || !had_plan {
                changed.insert(ann.id);
            }
        }
        for ann in &old_site.announcements {
            if new_site.index_of(ann.id).is_none() {
                changed.insert(ann.id);
            }
        }
        let index = &last.index;
        // Facts whose value changed, with their new values.
        let mut new_values: Vec<(Fact, u64)> = Vec::new();
        let scoped = changed.iter().filter_map(|a| index.scopes.get(a)).flatten();
        // The same structure (order, pages, tag lists) gives the same facts about it.
        let same_structure = Arc::ptr_eq(&old_site.structure, &new_site.structure);
        let aggregates = index
            .aggregates
            .iter()
            .filter(|f| !(same_structure && f.about_structure()));
        for &fact in scoped.chain(aggregates) {
            let Some(value) = plan::value(new_site, &model.localizer, fact) else {
                continue;
            };
            if index.facts.get(&fact).is_some_and(|e| e.value != value) {
                new_values.push((fact, value));
            }
        }
        let mut dirty: FxHashSet<NodeId> = FxHashSet::default();
        for (fact, _) in &new_values {
            if let Some(entry) = index.facts.get(fact) {
                dirty.extend(entry.readers.iter().copied());
            }
        }
        // A unit that read a changed fact is built again by the files that read it.
        let units: Vec<Unit> = index
            .units
            .iter()
            .filter(|(_, n)| dirty.contains(n))
            .map(|(u, _)| *u)
            .collect();
        for unit in &units {
            self.units.forget(unit);
            if let Some(entry) = index.facts.get(&Fact::Unit(*unit)) {
                dirty.extend(entry.readers.iter().copied());
            }
        }

        // The jobs to compare: the site's, and those of the announcements that changed.
        let mut todo: Vec<(Job, Option<AnnId>, Option<NodeId>)> = Vec::new();
        let mut seen: FxHashSet<&Path> = FxHashSet::default();
        // The site's jobs are the last plan's when its structure and static files are.
        let same_site_jobs = last_site_jobs.is_some_and(|j| Arc::ptr_eq(&j, &plan.site_jobs));
        let site_jobs: &[Job] = if same_site_jobs { &[] } else { &plan.site_jobs };
        let candidates = site_jobs.iter().map(|job| (job, None)).chain(
            plan.announcements
                .iter()
                .filter(|(ann, _)| changed.contains(&ann.id))
                .flat_map(|(ann, jobs)| jobs.iter().map(move |j| (j, Some(ann.id)))),
        );
        for (job, owner) in candidates {
            seen.insert(&job.file);
            match index.live_file(&job.file) {
                Some(n) => {
                    let node = &index.nodes[n as usize];
                    let moved = node.job.as_ref().map(|j| &j.work) != Some(&job.work)
                        || node.owner != owner;
                    // (`remove`: the loop below does the others that read a changed fact.)
                    if dirty.remove(&n) || moved {
                        todo.push((job.clone(), owner, Some(n)));
                    }
                }
                None => todo.push((job.clone(), owner, None)),
            }
        }
        // Files that read a changed fact and were not compared above: those of
        // unchanged announcements, and the site's when its jobs are the same.
        for &n in &dirty {
            let node = &index.nodes[n as usize];
            let unchanged = match node.owner {
                Some(a) => !changed.contains(&a),
                None => same_site_jobs,
            };
            if let (true, true, Some(job)) = (node.live, unchanged, &node.job) {
                todo.push((job.clone(), node.owner, Some(n)));
            }
        }
        // Files the compared groups had that nothing produces now.
        let mut gone: Vec<PathBuf> = Vec::new();
        let site_files: &[NodeId] = if same_site_jobs {
            &[]
        } else {
            &index.site_files
        };
        let old_groups = site_files
            .iter()
            .chain(changed.iter().filter_map(|a| index.owned.get(a)).flatten());
        for &n in old_groups {
            let node = &index.nodes[n as usize];
            if let (true, Some(job)) = (node.live, &node.job) {
                if !seen.contains(job.file.as_path()) && index.files.get(&job.file) == Some(&n) {
                    gone.push(job.file.clone());
                }
            }
        }
        gone.sort();
        gone.dedup();
        if std::env::var_os("HERALD_DEBUG").is_some() && !gone.is_empty() {
            eprintln!(
                "gone {} (same site jobs {same_site_jobs}, had plan {had_plan}, changed {}): {:?}",
                gone.len(),
                changed.len(),
                &gone[..gone.len().min(5)]
            );
        }
        drop(seen);
        let t = stage("compare", t);

        // Render what changed.
        let renderer = render::Renderer::new(
            &model.site,
            &model.localizer,
            &model.theme,
            &self.units,
            true,
        );
        let jobs: Vec<&Job> = todo.iter().map(|(job, _, _)| job).collect();
        let (rendered, render_diags) = renderer.render_kept(&jobs);
        diags.extend(render_diags.sorted());
        diags.extend(model.localizer.missing_warnings());
        if self.options.strict {
            diags.make_strict();
        }
        if diags.has_errors() {
            // Units built from this model are not kept.
            for (unit, _) in self.units.take_fresh() {
                self.units.forget(&unit);
            }
            return Err(diags.sorted());
        }
        let t = stage("render", t);
        let mut to_write: Vec<(&PathBuf, &Content)> = Vec::new();
        for (job, content, outcome) in &rendered {
            let before = index.live_file(&job.file);
            if before.map(|n| index.nodes[n as usize].hash) != Some(outcome.hash) {
                to_write.push((&job.file, content));
            }
        }
        output::write_files(&self.output, &to_write, &gone)
            .map_err(|e| write_error(&self.output, e))?;
        let written = to_write.len();
        drop(to_write);
        let t = stage("write", t);

        // Keep the new state.
        let index = &mut last.index;
        for (fact, value) in new_values {
            if let Some(entry) = index.facts.get_mut(&fact) {
                entry.value = value;
            }
        }
        let rendered_count = rendered.len();
        let mut by_job: HashMap<&Path, (Option<AnnId>, Option<NodeId>)> = todo
            .iter()
            .map(|(job, owner, n)| (job.file.as_path(), (*owner, *n)))
            .collect();
        for (job, _, outcome) in rendered {
            let (owner, previous) = by_job.remove(job.file.as_path()).unwrap_or((None, None));
            let known: Option<Box<[Fact]>> = previous.map(|n| {
                let mut reads = std::mem::take(&mut index.nodes[n as usize].reads).into_vec();
                reads.sort_unstable();
                reads.into_boxed_slice()
            });
            let reads: Box<[Fact]> = outcome.reads.iter().map(|(f, _)| *f).collect();
            match previous {
                Some(n) if index.nodes[n as usize].owner == owner => {
                    let node = &mut index.nodes[n as usize];
                    node.job = Some(job.clone());
                    node.reads = reads;
                    node.hash = outcome.hash;
                    index.note_reads(n, &outcome.reads, known.as_deref());
                }
                _ => {
                    index.add_outcome(job.clone(), owner, outcome);
                }
            }
        }
        for file in &gone {
            if let Some(n) = index.files.remove(file) {
                index.nodes[n as usize].live = false;
            }
        }
        for (unit, out) in self.units.take_fresh() {
            index.add_unit(unit, &out.reads, out.hash);
        }
        last.model = model;
        last.plan = Some(plan);
        stage("keep", t);
        Ok(RebuildReport {
            rendered: rendered_count,
            written,
            removed: gone.len(),
            warnings: diags.sorted(),
            elapsed: Duration::default(),
            full: false,
        })
    }
}

fn fail(mut diags: Diagnostics, strict: bool) -> Vec<Diagnostic> {
    if strict {
        diags.make_strict();
    }
    diags.sorted()
}

fn write_error(path: &Path, e: std::io::Error) -> Vec<Diagnostic> {
    vec![Diagnostic::file_error(
        path,
        format!("cannot write the site: {e}"),
    )]
}
