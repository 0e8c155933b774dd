//! The search index: Pagefind, as a library, fed from memory the pages `render` makes of
//! every published real translation (never a list, a tag page, the chooser, a 404 page,
//! a redirect or a fallback page), one index per language, its files written with the
//! site (into the staging folder of a build). What part of a page is indexed is the
//! theme's to say (`data-pagefind-body`, `data-pagefind-ignore`); which pages, herald's.
//!
//! An index is made in one order, the announcements' names, whatever order the pages
//! are rendered in, so that two builds give the same bytes; see [`index`] for how watch
//! mode keeps it equal to a full build's ([`session`]).

pub mod files;
pub mod index;
pub mod session;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::content::AnnId;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan::{Job, Page, Work};
use crate::render::{Content, Outcome, Renderer};
use crate::site::{PageKind, Site};
use crate::urls::SEARCH_BUNDLE;
use files::LangFiles;
use index::LangIndex;

/// One announcement's page in a language, as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The announcement's stable id.
    pub id: AnnId,
    /// The page's root-relative URL (what a result links to).
    pub url: String,
    /// The page's output file.
    pub file: PathBuf,
    /// Whether it shows a real translation (indexed) rather than a fallback.
    pub live: bool,
}

/// The published announcements (indexes into the model) in the index's order: by name.
pub fn name_order(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.announcements.len()).collect();
    order.sort_by(|&x, &y| site.announcements[x].name.cmp(&site.announcements[y].name));
    order
}

/// Every announcement's page in language `l`, in `order` (see [`name_order`]).
pub fn entries(site: &Site, order: &[usize], l: usize) -> Vec<Entry> {
    let code = &site.config.languages[l].code;
    order
        .iter()
        .map(|&a| {
            let route = site.announcement_route(a, code);
            Entry {
                id: site.announcements[a].id,
                url: site.urls.url(&route),
                file: route.file(),
                live: site.page(l, a).kind != PageKind::Fallback,
            }
        })
        .collect()
}

/// The language and announcement of a job whose page the index takes: an announcement
/// page that shows a real translation.
pub fn indexed_page(site: &Site, job: &Job) -> Option<(usize, AnnId)> {
    match job.work {
        Work::Render(Page::Announcement { l, a }) => {
            let i = site.index_of(a)?;
            (site.page(l, i).kind != PageKind::Fallback).then_some((l, a))
        }
        _ => None,
    }
}

/// Runs `work` for languages `0..n`, a few at a time, on threads of their own; the
/// results in language order.
///
/// Not on rayon's threads: Pagefind blocks on an asynchronous runtime and, inside it,
/// uses rayon; a rayon thread waiting there would take another language's work and
/// block on a second runtime inside the first, which tokio refuses.
pub fn each_language<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(n);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let l = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if l >= n {
                            break done;
                        }
                        done.push((l, work(l)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(l, _)| *l);
    results.into_iter().map(|(_, r)| r).collect()
}

/// What indexing a build gave.
pub struct Indexed {
    /// The outcome of each page rendered for the index, by its index in the build's jobs.
    pub outcomes: Vec<(usize, Outcome)>,
    /// The bundle's files (paths relative to the output folder), sorted: all of them
    /// in watch mode; else the shared ones and the entry file, the languages' own files
    /// having gone to the bundle sink as each language's index was built.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// How many files went to the bundle sink.
    pub sunk: usize,
    /// The languages' indexes, kept for watch mode.
    pub state: Option<session::SearchState>,
}

/// What one language's stream gave.
struct LangDone {
    outcomes: Vec<(usize, Outcome)>,
    diags: Vec<Diagnostic>,
    files: LangFiles,
    sunk: usize,
    index: Option<LangIndex>,
}

/// The diagnostic of a failure of the indexer.
pub fn failure(message: String) -> Diagnostic {
    Diagnostic::file_error(format!("{SEARCH_BUNDLE}/"), message)
}

/// Renders an announcement's page for the index and hands it to `sink`: the page's HTML
/// (none for a page that failed or is not HTML), its outcome, and what went wrong.
fn render_for_index(
    renderer: &Renderer,
    job: &Job,
    sink: &(impl Fn(&Job, &Content) -> Result<(), Diagnostic> + Sync),
) -> (Option<String>, Option<Outcome>, Vec<Diagnostic>) {
    match renderer.produce(job) {
        Ok((content, outcome)) => {
            let diags = sink(job, &content).err().into_iter().collect();
            let html = match content {
                Content::Bytes(bytes) => String::from_utf8(bytes).ok(),
                Content::Asset(_) => None,
            };
            (html, Some(outcome), diags)
        }
        Err(d) => (None, None, vec![d]),
    }
}

/// A page rendered and read for the index: its job's index, its outcome, what went
/// wrong, and the page read (none for a page that failed).
type Read = (
    usize,
    Option<Outcome>,
    Vec<Diagnostic>,
    Option<Result<index::Prepared, String>>,
);

/// How many pages of a language are rendered and read for its index at once.
const BATCH: usize = 256;

/// A language's index with its pages given, not yet built.
struct Gathered {
    index: LangIndex,
    outcomes: Vec<(usize, Outcome)>,
    diags: Vec<Diagnostic>,
    code: String,
    started: std::time::Instant,
}

/// One language's index in a one-shot build: its `pages` (job index, job, URL, in the
/// index's order) are rendered and read by Pagefind a batch at a time on rayon's
/// threads, and given to the index in order, which takes their words as they come (see
/// [`LangIndex::stream`]). The index is then built by [`finish_language`].
fn gather_language(
    renderer: &Renderer,
    code: &str,
    pages: &[(usize, &Job, String)],
    sink: &(impl Fn(&Job, &Content) -> Result<(), Diagnostic> + Sync),
) -> Result<Gathered, Diagnostic> {
    use rayon::prelude::*;
    let t = std::time::Instant::now();
    let mut index = LangIndex::new(code).map_err(failure)?;
    index.stream().map_err(failure)?;
    let reader = index.reader();
    // Batches are read on rayon's threads while the batch before is given to the index
    // on a thread of its own.
    let (send, batches) = std::sync::mpsc::sync_channel::<Vec<Read>>(1);
    let (given, outcomes, diags) = std::thread::scope(|scope| {
        let giver = scope.spawn(|| {
            let mut outcomes = Vec::new();
            let mut diags = Vec::new();
            for batch in batches {
                for (i, outcome, diag, page) in batch {
                    outcomes.extend(outcome.map(|o| (i, o)));
                    diags.extend(diag);
                    if let Some(page) = page {
                        index
                            .add_prepared(page.map_err(failure)?)
                            .map_err(failure)?;
                    }
                }
            }
            Ok::<_, Diagnostic>((outcomes, diags))
        });
        for batch in pages.chunks(BATCH) {
            let read: Vec<Read> = batch
                .par_iter()
                .map(|(i, job, url)| {
                    let (html, outcome, diag) = render_for_index(renderer, job, sink);
                    let page = html.map(|html| reader.prepare(url, html));
                    (*i, outcome, diag, page)
                })
                .collect();
            if send.send(read).is_err() {
                break; // the giver stopped on an error
            }
        }
        drop(send);
        match giver.join() {
            Ok(Ok((outcomes, diags))) => (Ok(()), outcomes, diags),
            Ok(Err(d)) => (Err(d), Vec::new(), Vec::new()),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    given?;
    let started = crate::profile::stage(&format!("index {code}"), t);
    Ok(Gathered {
        index,
        outcomes,
        diags,
        code: code.to_string(),
        started,
    })
}

/// Builds a gathered language's index; its files go to `bundle_sink` as soon as they
/// are made.
fn finish_language(
    gathered: Gathered,
    bundle_sink: &(impl Fn(&std::path::Path, Vec<u8>) -> Result<(), Diagnostic> + Sync),
) -> Result<LangDone, Diagnostic> {
    let Gathered {
        index,
        outcomes,
        mut diags,
        code,
        started,
    } = gathered;
    let language = index.language().to_string();
    let files = index.into_files().map_err(failure)?;
    crate::profile::stage(&format!("pagefind {code}"), started);
    let mut files = files::split(&language, files).map_err(failure)?;
    let mut sunk = 0;
    for (path, bytes) in std::mem::take(&mut files.files) {
        sunk += 1;
        if let Err(d) = bundle_sink(&path, bytes) {
            diags.push(d);
        }
    }
    Ok(LangDone {
        outcomes,
        diags,
        files,
        sunk,
        index: None,
    })
}

/// Renders the pages the index takes (`jobs[i]` for each `(language, announcement)` in
/// `job_of`), each language's in the index's order; hands each page to `sink` (the
/// staging folder) and to its language's index; then builds the indexes. With `keep`
/// (watch mode), languages are done in parallel and their indexes kept, with a place
/// for every fallback page (see [`index`]); without, one language at a time on every
/// core ([`gather_language`], [`finish_language`]): each index takes its pages' words
/// as they are given (see [`LangIndex::stream`]) and its files go to `bundle_sink` as
/// soon as they are made, so that a build holds one language's words, not its pages.
/// The shared files and the entry file are returned in both cases.
pub fn index_build(
    renderer: &Renderer,
    site: &Site,
    jobs: &[&Job],
    job_of: &HashMap<(usize, AnnId), usize>,
    keep: bool,
    sink: impl Fn(&Job, &Content) -> Result<(), Diagnostic> + Sync,
    bundle_sink: impl Fn(&std::path::Path, Vec<u8>) -> Result<(), Diagnostic> + Sync,
) -> Result<Indexed, Diagnostics> {
    let order = name_order(site);
    let languages = &site.config.languages;
    let done: Vec<Result<LangDone, Diagnostic>> = if keep {
        each_language(languages.len(), |l| {
            let mut index = LangIndex::new(&languages[l].code).map_err(failure)?;
            let mut outcomes = Vec::new();
            let mut diags = Vec::new();
            let pages = entries(site, &order, l).into_iter().map(|e| {
                let job = match job_of.get(&(l, e.id)) {
                    Some(&i) if e.live => (i, jobs[i]),
                    _ => return Ok((e.url, None)),
                };
                let (html, outcome, diag) = render_for_index(renderer, job.1, &sink);
                outcomes.extend(outcome.map(|o| (job.0, o)));
                diags.extend(diag);
                Ok((e.url, html))
            });
            let t = std::time::Instant::now();
            index.add_all(pages).map_err(failure)?;
            let t = crate::profile::stage(&format!("index {}", languages[l].code), t);
            let files = index.files().map_err(failure)?;
            crate::profile::stage(&format!("pagefind {}", languages[l].code), t);
            let files = files::split(index.language(), files).map_err(failure)?;
            Ok(LangDone {
                outcomes,
                diags,
                files,
                sunk: 0,
                index: Some(index),
            })
        })
    } else {
        // One language's pages are gathered (on every core) while the language before
        // is built: one index grows while at most one other is made into files.
        std::thread::scope(|scope| {
            let mut done = Vec::new();
            let join = |f: std::thread::ScopedJoinHandle<'_, _>| match f.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            let mut finishing = None;
            for (l, language) in languages.iter().enumerate() {
                let live = entries(site, &order, l).into_iter().filter(|e| e.live);
                let pages: Vec<(usize, &Job, String)> = live
                    .filter_map(|e| job_of.get(&(l, e.id)).map(|&i| (i, jobs[i], e.url)))
                    .collect();
                let gathered = gather_language(renderer, &language.code, &pages, &sink);
                drop(pages);
                if let Some(f) = finishing.take() {
                    done.push(join(f));
                }
                match gathered {
                    Ok(g) => {
                        let bundle_sink = &bundle_sink;
                        finishing = Some(scope.spawn(move || finish_language(g, bundle_sink)));
                    }
                    Err(d) => done.push(Err(d)),
                }
            }
            if let Some(f) = finishing {
                done.push(join(f));
            }
            done
        })
    };
    let mut diags = Diagnostics::new();
    let mut outcomes = Vec::new();
    let mut langs = Vec::new();
    let mut indexes = Vec::new();
    let mut sunk = 0;
    for (l, result) in done.into_iter().enumerate() {
        match result {
            Ok(lang) => {
                sunk += lang.sunk;
                outcomes.extend(lang.outcomes);
                for d in lang.diags {
                    diags.push(d);
                }
                let code = languages[l].code.to_lowercase();
                if let Some(index) = lang.index {
                    indexes.push(index);
                }
                langs.push((code, lang.files));
            }
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let state = keep.then(|| session::SearchState::new(indexes, &langs));
    let files = files::bundle(langs).map_err(|e| {
        let mut d = Diagnostics::new();
        d.push(failure(e));
        d
    })?;
    let state = state.map(|s| s.written(&files));
    Ok(Indexed {
        outcomes,
        files,
        sunk,
        state,
    })
}
