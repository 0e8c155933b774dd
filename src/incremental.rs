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
use crate::plan::{self, Fact, Job, Page, Plan, Reads, Unit, Units, Work};
use crate::render::{self, Content, Outcome};
use crate::search::session::{SearchState, Update};
use crate::{output, BuildOptions};

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    /// Files whose inputs changed and were rendered again.
    pub rendered: usize,
    /// Files written because their bytes changed (the search index's are in `search`).
    pub written: usize,
    /// Files removed because nothing produces them any more.
    pub removed: usize,
    /// Warnings of this build.
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
    /// Whether the whole site was built again (site.yaml, templates, options, a lost output).
    pub full: bool,
    /// What following the edit cost the search index (`None` when it did not change).
    pub search: Option<SearchReport>,
}

/// What bringing the search index up to date after a rebuild did.
#[derive(Debug, Clone, Default)]
pub struct SearchReport {
    /// Languages whose index was built again.
    pub languages: usize,
    /// Of those, languages whose index was made again from all its pages (the order of
    /// its pages changed) rather than given the changed pages.
    pub remade: usize,
    /// Index files written.
    pub written: usize,
    /// Index files removed.
    pub removed: usize,
    /// Wall time, after the pages were written.
    pub elapsed: Duration,
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
    /// `reads` and `known` are sorted (see [`plan::Reader::finish`]).
    fn note_reads(&mut self, node: NodeId, reads: &Reads, known: Option<&[Fact]>) {
        let mut known = known.unwrap_or(&[]).iter().peekable();
        for &(fact, value) in reads {
            while known.next_if(|k| **k < fact).is_some() {}
            if known.peek().is_some_and(|k| **k == fact) {
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
    /// Shared with a search index update running in the background.
    model: Arc<Model>,
    /// Taken by the next plan (which reuses its unchanged announcements' jobs).
    plan: Option<Plan>,
    index: Index,
    /// Files written by a rebuild that then failed: rendered again by the next one.
    unsure: Vec<NodeId>,
}

/// A job to compare or render: its owner and its node, if it had one.
type Todo = (Job, Option<AnnId>, Option<NodeId>);

/// The hash of a file whose bytes on disk are not known (written by a rebuild that failed).
const UNSURE: u64 = 0;

/// A site kept built: the state watch and serve rebuild from.
pub struct Session {
    options: BuildOptions,
    output: PathBuf,
    cache: Cache,
    units: Units,
    last: Last,
    /// The search indexes (search on) and their updates.
    search: Searching,
}

/// What a search index update gives back: the indexes, what to write (or why it
/// failed), and how long it took.
type SearchDone = (SearchState, Result<Update, Vec<Diagnostic>>, Duration);

/// A session's search indexes and their updates. After each rebuild the indexes are
/// brought up to the new model on a thread of their own, from the pages the rebuild
/// rendered; in the background (watch, serve), an update runs while the next rebuilds
/// write their pages, and the pages these render wait for the next update.
#[derive(Default)]
struct Searching {
    /// The indexes, while no update runs (`None` also when search is off).
    state: Option<SearchState>,
    /// The update running.
    worker: Option<std::thread::JoinHandle<SearchDone>>,
    /// Pages rendered since the running update started (file → bytes).
    pending: HashMap<PathBuf, Vec<u8>>,
    /// Whether the model changed since the running update took it.
    dirty: bool,
    /// Whether rebuilds return before the update is done (watch, serve).
    background: bool,
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
        let built = full_build(&model, &at_now, true, &units, true, &cache)?;
        let plan = built.plan;
        let index = Index::of_build(&plan, built.outcomes, &units);
        let report = RebuildReport {
            rendered: plan.len(),
            written: built.report.files,
            removed: 0,
            warnings: built.report.warnings,
            elapsed: started.elapsed(),
            full: true,
            search: None,
        };
        Ok((
            Session {
                options: options.clone(),
                output: model.site.config.output_dir.clone(),
                cache,
                units,
                last: Last {
                    model: Arc::new(model),
                    plan: Some(plan),
                    index,
                    unsure: Vec::new(),
                },
                search: Searching {
                    state: built.search,
                    ..Searching::default()
                },
            },
            report,
        ))
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The next time the site changes with no file changed, as of the last rebuild.
    pub fn next_change(&self) -> Option<&crate::lifecycle::NextChange> {
        self.last.model.site.next_change.as_ref()
    }

    /// Sets the "now" of the next rebuilds (`None`: the clock), as `--now` does.
    pub fn set_now(&mut self, now: Option<i64>) {
        self.options.now = now;
    }

    /// With `true` (watch, serve), a rebuild returns once its pages are written and the
    /// search index follows in the background: see [`Session::poll_search`].
    pub fn set_background_search(&mut self, background: bool) {
        self.search.background = background;
    }

    /// Starts bringing the search indexes up to the model, if it changed and no update
    /// runs.
    fn start_search(&mut self) {
        let search = &mut self.search;
        if search.worker.is_some() || !search.dirty {
            return;
        }
        let Some(mut state) = search.state.take() else {
            return;
        };
        search.dirty = false;
        let pages = std::mem::take(&mut search.pending);
        let model = self.last.model.clone();
        search.worker = Some(std::thread::spawn(move || {
            let started = Instant::now();
            let units = Units::default();
            let renderer =
                render::Renderer::new(&model.site, &model.localizer, &model.theme, &units, false);
            let pages: HashMap<&Path, &[u8]> = pages
                .iter()
                .map(|(file, bytes)| (file.as_path(), bytes.as_slice()))
                .collect();
            let result = state.update(&model.site, &renderer, &pages);
            (state, result, started.elapsed())
        }));
    }

    /// The search index update that finished since the last call, if any, its files
    /// written (with `wait`, waits for the one running); starts the next one if the site
    /// changed meanwhile. On an error the indexes are dropped until the next full build.
    pub fn poll_search(&mut self, wait: bool) -> Option<Result<SearchReport, Vec<Diagnostic>>> {
        let worker = self.search.worker.take()?;
        if !wait && !worker.is_finished() {
            self.search.worker = Some(worker);
            return None;
        }
        let (state, result, elapsed) = match worker.join() {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let root = &self.last.model.site.config.root;
        let written = result.and_then(|update| {
            let files: Vec<(&PathBuf, Content)> = update
                .write
                .iter()
                .map(|(path, bytes)| (path, Content::Bytes(bytes.clone())))
                .collect();
            let refs: Vec<(&PathBuf, &Content)> = files.iter().map(|(p, c)| (*p, c)).collect();
            output::write_files(&self.output, &refs, &update.remove).map_err(|errors| {
                output::diagnostics(
                    errors,
                    root,
                    "the pages are up to date; the search index is written again by the next full build",
                )
            })?;
            Ok(update)
        });
        let outcome = match written {
            Ok(update) => {
                self.search.state = Some(state);
                Ok(SearchReport {
                    languages: update.languages,
                    remade: update.remade,
                    written: update.write.len(),
                    removed: update.remove.len(),
                    elapsed,
                })
            }
            Err(errors) => {
                // The indexes may be half updated: the next full build (a template or
                // site.yaml edit, a restart) makes them again.
                self.search.pending.clear();
                self.search.dirty = false;
                Err(errors)
            }
        };
        self.start_search();
        Some(outcome)
    }

    /// Waits for a running search index update and drops what it gives: a full build
    /// makes the indexes again.
    fn abandon_search(&mut self) {
        if let Some(worker) = self.search.worker.take() {
            let _ = worker.join();
        }
    }

    /// Waits until the search index has followed every rebuild so far.
    pub fn finish_search(&mut self) -> Option<Result<SearchReport, Vec<Diagnostic>>> {
        let mut last = None;
        while let Some(outcome) = self.poll_search(true) {
            let failed = outcome.is_err();
            last = Some(outcome);
            if failed {
                break;
            }
        }
        last
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

    /// Builds the whole site again with the staging swap, like `herald build` (the
    /// output folder was deleted by hand), listing the content again.
    pub fn rebuild_whole(&mut self) -> Result<RebuildReport, Vec<Diagnostic>> {
        self.abandon_search();
        self.cache.content.list_again();
        let cache = std::mem::take(&mut self.cache);
        match Session::start_with(&self.options, cache) {
            Ok((session, report)) => {
                *self = session;
                Ok(report)
            }
            Err(e) => {
                // The cache went into the failed start; the next load reads again.
                self.last.plan = None;
                Err(e)
            }
        }
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
            self.abandon_search();
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
            // The same files, and no date of it passed between the two clocks.
            let same = old_site
                .index_of(ann.id)
                .is_some_and(|i| Arc::ptr_eq(&old_site.announcements[i], ann))
                && !crate::content::crosses(ann, old_site.now, new_site.now);
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
        let scoped = changed.iter().filter_map(|a| index.scopes.get(a)).flatten();
        // The same structure (order, pages, tag lists) gives the same facts about it.
        let same_structure = Arc::ptr_eq(&old_site.structure, &new_site.structure);
        let aggregates = index
            .aggregates
            .iter()
            .filter(|f| !(same_structure && f.about_structure()));
        // Facts whose value changed, with their new values; on every core: after a
        // structural edit, every page's related announcements (and the other facts about
        // the structure) are asked for again.
        let facts: Vec<Fact> = scoped.chain(aggregates).copied().collect();
        let new_values: Vec<(Fact, u64)> = {
            use rayon::prelude::*;
            facts
                .into_par_iter()
                .filter_map(|fact| {
                    let value = plan::value(new_site, &model.localizer, fact)?;
                    index
                        .facts
                        .get(&fact)
                        .is_some_and(|e| e.value != value)
                        .then_some((fact, value))
                })
                .collect()
        };
        let mut dirty: FxHashSet<NodeId> = last.unsure.drain(..).collect();
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
        let mut todo: Vec<Todo> = Vec::new();
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
        // The pages first, the sitemap after them: it is the largest file (tens of MB on
        // a large site) and nobody previews it, so the edited page is on disk sooner.
        // Of the pages, those of the announcements that changed and that were there
        // before come first, written before the others are rendered: they are what the
        // person who saved looks at (a tag shared by thousands shifts hundreds of list
        // pages after them).
        let (pages, sitemaps): (Vec<&Todo>, Vec<_>) = todo
            .iter()
            .partition(|(job, _, _)| !matches!(job.work, Work::Render(Page::Sitemap(_))));
        let (first, rest): (Vec<_>, Vec<_>) = pages
            .into_iter()
            .partition(|(_, owner, n)| n.is_some() && owner.is_some_and(|a| changed.contains(&a)));
        fn jobs(list: Vec<&Todo>) -> Vec<&Job> {
            list.into_iter().map(|(job, _, _)| job).collect()
        }
        let (first, rest, sitemaps) = (jobs(first), jobs(rest), jobs(sitemaps));
        // Writes the files whose bytes changed; returns them.
        let write = |rendered: &[(&Job, Content, Outcome)], gone: &[PathBuf]| {
            let to_write: Vec<(&PathBuf, &Content)> = rendered
                .iter()
                .filter(|(job, _, outcome)| {
                    let before = index.live_file(&job.file);
                    before.map(|n| index.nodes[n as usize].hash) != Some(outcome.hash)
                })
                .map(|(job, content, _)| (&job.file, content))
                .collect();
            output::write_files(&self.output, &to_write, gone).map_err(|errors| {
                output::diagnostics(
                    errors,
                    &model.site.config.root,
                    "the other files were updated; the next rebuild tries again",
                )
            })?;
            Ok::<Vec<PathBuf>, Vec<Diagnostic>>(
                to_write.into_iter().map(|(f, _)| f.clone()).collect(),
            )
        };
        let (mut rendered, first_diags) = renderer.render_kept(&first);
        diags.extend(first_diags.sorted());
        // With --strict any warning fails the rebuild: then nothing is written early.
        let early = !self.options.strict && !diags.has_errors();
        let mut written_early = Vec::new();
        if early {
            written_early = write(&rendered, &[])?;
        }
        let t = stage("first", t);
        let (more, rest_diags) = renderer.render_kept(&rest);
        diags.extend(rest_diags.sorted());
        diags.extend(model.localizer.missing_warnings());
        if self.options.strict {
            diags.make_strict();
        }
        if diags.has_errors() {
            // Units built from this model are not kept.
            for (unit, _) in self.units.take_fresh() {
                self.units.forget(&unit);
            }
            // The pages written early are not what the session knows of them: the next
            // rebuild renders them again and writes them whatever their bytes.
            for file in &written_early {
                if let Some(n) = last.index.live_file(file) {
                    last.index.nodes[n as usize].hash = UNSURE;
                    last.unsure.push(n);
                }
            }
            return Err(diags.sorted());
        }
        let t = stage("render", t);
        let first_count = if early { rendered.len() } else { 0 };
        rendered.extend(more);
        let mut written = written_early.len() + write(&rendered[first_count..], &gone)?.len();
        let t = stage("write", t);
        // The sitemap cannot fail to render (herald writes it, no template).
        let (sitemap_rendered, _) = renderer.render_kept(&sitemaps);
        written += write(&sitemap_rendered, &[])?.len();
        rendered.extend(sitemap_rendered);
        let t = stage("sitemap", t);
        // The search index follows the pages, once they are written (see `Searching`).
        if self.search.state.is_some() || self.search.worker.is_some() {
            for (job, content, _) in &rendered {
                if let (Content::Bytes(bytes), Work::Render(Page::Announcement { .. })) =
                    (content, &job.work)
                {
                    self.search.pending.insert(job.file.clone(), bytes.clone());
                }
            }
            self.search.dirty = true;
        }
        let t = stage("search", t);

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
        last.model = Arc::new(model);
        last.plan = Some(plan);
        stage("keep", t);
        self.start_search();
        let mut warnings = diags.sorted();
        let search = match self.search.background {
            true => None,
            false => match self.finish_search() {
                Some(Ok(report)) => (report.languages > 0).then_some(report),
                Some(Err(errors)) => {
                    warnings.extend(errors);
                    None
                }
                None => None,
            },
        };
        Ok(RebuildReport {
            rendered: rendered_count,
            written,
            removed: gone.len(),
            warnings,
            elapsed: Duration::default(),
            full: false,
            search,
        })
    }
}

fn fail(mut diags: Diagnostics, strict: bool) -> Vec<Diagnostic> {
    if strict {
        diags.make_strict();
    }
    diags.sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn at(date: &str) -> i64 {
        crate::date::Date::parse(date).unwrap().timestamp
    }

    /// An English-only site with announcement `a` (text `a`), built at 2025-01-01.
    fn english_site(root: &Path, a: &str) -> BuildOptions {
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

    const A: &str = "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n";

    /// When the clock passes a scheduled announcement's date, any rebuild publishes it,
    /// although its file did not change.
    #[test]
    fn a_scheduled_announcement_is_published_when_its_date_comes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let options = english_site(root, A);
        write(
            root,
            "content/announcements/later.en.md",
            "---\ntitle: Later\ndate: 2030-01-01\n---\nSoon.\n",
        );
        let (mut session, _) = Session::start(&options).unwrap();
        let page = root.join("public/en/announcements/later/index.html");
        let edited = [PathBuf::from("content/announcements/a.en.md")];
        write(
            root,
            "content/announcements/a.en.md",
            &A.replace("A.", "A, edited."),
        );
        session.rebuild_changed(&edited).unwrap();
        assert!(!page.exists());
        session.options.now = Some(at("2030-06-01"));
        write(
            root,
            "content/announcements/a.en.md",
            &A.replace("A.", "A, again."),
        );
        session.rebuild_changed(&edited).unwrap();
        assert!(std::fs::read_to_string(&page).unwrap().contains("Soon."));
        // And back (a clock set back, as tests and previews do).
        session.options.now = Some(at("2025-01-01"));
        session.rebuild_changed(&edited).unwrap();
        assert!(!page.exists());
    }

    /// Deleting a stray file that the last build warned about drops the warning; a
    /// temporary file that came and went between two rebuilds changes nothing.
    #[test]
    fn a_deleted_stray_file_takes_its_warning_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let options = english_site(root, A);
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
        let temp = PathBuf::from("content/announcements/a.en.md.tmp42");
        let report = session.rebuild_changed(&[temp]).unwrap();
        assert_eq!((report.rendered, report.written), (0, 0));
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    }

    /// Reported changes update the last listing of the content instead of walking it:
    /// a file nobody reported is not read; reported new, renamed and deleted texts and
    /// bundle files are.
    #[test]
    fn reported_changes_update_the_listing_without_a_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let a = |tags: &str| format!("---\ntitle: A\ndate: 2020-01-01\ntags: [{tags}]\n---\nA.\n");
        let options = english_site(root, &a("one"));
        write(
            root,
            "content/announcements/w/index.en.md",
            "---\ntitle: W\ndate: 2020-03-03\n---\n![m](m.svg)\n",
        );
        write(root, "content/announcements/w/m.svg", "<svg/>");
        let (mut session, _) = Session::start(&options).unwrap();
        let public = root.join("public/en");
        // Not reported (a watcher always reports it): not read.
        write(
            root,
            "content/announcements/b.en.md",
            "---\ntitle: B\ndate: 2020-02-02\n---\nB.\n",
        );
        write(root, "content/announcements/a.en.md", &a("one, two"));
        let a_path = PathBuf::from("content/announcements/a.en.md");
        session
            .rebuild_changed(std::slice::from_ref(&a_path))
            .unwrap();
        assert!(public.join("tags/two/index.html").exists());
        assert!(!public.join("announcements/b/index.html").exists());
        // Reported, the new file is read.
        let b_path = PathBuf::from("content/announcements/b.en.md");
        session
            .rebuild_changed(std::slice::from_ref(&b_path))
            .unwrap();
        assert!(public.join("announcements/b/index.html").exists());
        // A rename: both paths reported.
        std::fs::rename(
            root.join(&b_path),
            root.join("content/announcements/c.en.md"),
        )
        .unwrap();
        let c_path = PathBuf::from("content/announcements/c.en.md");
        session.rebuild_changed(&[b_path, c_path.clone()]).unwrap();
        assert!(!public.join("announcements/b/index.html").exists());
        assert!(public.join("announcements/c/index.html").exists());
        // A new bundle file, then a deleted one.
        write(root, "content/announcements/w/n.txt", "notes");
        let n = PathBuf::from("content/announcements/w/n.txt");
        session.rebuild_changed(std::slice::from_ref(&n)).unwrap();
        assert!(public.join("announcements/w/n.txt").exists());
        std::fs::remove_file(root.join(&n)).unwrap();
        session.rebuild_changed(std::slice::from_ref(&n)).unwrap();
        assert!(!public.join("announcements/w/n.txt").exists());
        // A deleted text.
        std::fs::remove_file(root.join(&c_path)).unwrap();
        let report = session.rebuild_changed(&[c_path]).unwrap();
        assert!(!public.join("announcements/c/index.html").exists());
        assert!(report.removed >= 1, "{report:?}");
        assert!(public.join("announcements/a/index.html").exists());
    }

    /// `tag_counts` is given only to templates that name it; a count change re-renders
    /// only the pages whose templates can show it.
    #[test]
    fn tag_counts_follow_only_where_a_template_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let tagged = |title: &str, date: &str, tags: &str| {
            format!("---\ntitle: {title}\ndate: {date}\ntags: [{tags}]\n---\nText.\n")
        };
        let options = english_site(root, &tagged("A", "2020-01-01", "one"));
        write(
            root,
            "content/announcements/b.en.md",
            &tagged("B", "2019-02-02", "two"),
        );
        // Three newer announcements share A's tag: they stay A's related ones when B
        // (older) gains it too.
        for n in 1..=3 {
            write(
                root,
                &format!("content/announcements/c{n}.en.md"),
                &tagged(&format!("C{n}"), &format!("2020-0{}-01", n + 2), "one"),
            );
        }
        let (mut session, _) = Session::start(&options).unwrap();
        let page_a = root.join("public/en/announcements/a/index.html");
        let before = std::fs::metadata(&page_a).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        // B gains A's tag: A's count changes, but the default theme does not show it on
        // announcement pages, so A's page is not even rendered again.
        write(
            root,
            "content/announcements/b.en.md",
            &tagged("B", "2019-02-02", "one, two"),
        );
        let b = [PathBuf::from("content/announcements/b.en.md")];
        let report = session.rebuild_changed(&b).unwrap();
        assert!(report.rendered < 15, "{report:?}");
        assert_eq!(
            std::fs::metadata(&page_a).unwrap().modified().unwrap(),
            before
        );
        // A theme whose announcement page prints tag_counts follows the count.
        for (name, bytes) in crate::theme::BUILTIN_DEFAULT {
            write(
                root,
                &format!("themes/default/{name}"),
                &String::from_utf8_lossy(bytes),
            );
        }
        write(
            root,
            "themes/default/templates/announcement.html",
            "{% extends \"base.html\" %}{% block main %}{% for tag in page.tags %}{{ tag.id }}={{ tag_counts[tag.id] }};{% endfor %}{% endblock main %}",
        );
        session.rebuild().unwrap();
        assert!(std::fs::read_to_string(&page_a).unwrap().contains("one=5;"));
        write(
            root,
            "content/announcements/b.en.md",
            &tagged("B", "2019-02-02", "two"),
        );
        session.rebuild_changed(&b).unwrap();
        assert!(std::fs::read_to_string(&page_a).unwrap().contains("one=4;"));
    }
}
