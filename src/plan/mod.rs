//! The list of output files: for each, its path and what produces it (a page to
//! render, or a file to copy). What a page shows is built only when it is rendered,
//! through a [`Reader`] that records which facts of the model it read.

mod alias;
mod archive;
mod context;
mod fact;
mod feed;
mod labels;
mod life;
mod meta;
mod read;
pub(crate) mod related;
mod sitemap;

pub use context::context;
pub use fact::{structure_value, value, Fact, Lang, Unit};
pub use labels::{all_labels, KindCtx, Labels, TagCtx};
pub use read::{Bodies, Reader, Reads, UnitOut, Units};
use sitemap::sitemap_files;
pub use sitemap::{robots_text, sitemap_text};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::KindId;
use crate::content::{AnnId, Announcement, TagId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::{Asset, Stamp, StaticFile};
use crate::site::{Site, Structure};
use crate::urls::Route;

/// A list of announcements: the home list, a tag's or a kind's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// Every announcement.
    Home,
    /// The announcements with this tag.
    Tag(TagId),
    /// The announcements of this kind.
    Kind(KindId),
}

/// One file of the sitemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SitemapFile {
    /// `/sitemap.xml` holding every URL.
    Whole,
    /// `/sitemap.xml` as the index of a split sitemap's parts.
    Index,
    /// `/sitemap-L.xml` (chunk 1) or `/sitemap-L-lists-N.xml`: language `l`'s list pages.
    Lists {
        /// The language.
        l: Lang,
        /// 1-based chunk of at most `sitemap.max_urls` URLs.
        chunk: u32,
    },
    /// `/sitemap-L-YYYY.xml` (chunk 1) or `/sitemap-L-YYYY-N.xml`: language `l`'s
    /// announcement pages whose source is dated in `year`.
    Year {
        /// The language.
        l: Lang,
        /// The year of the source's date.
        year: i32,
        /// 1-based chunk of at most `sitemap.max_urls` URLs.
        chunk: u32,
    },
}

/// A page herald renders; its context is built only when it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/`.
    Chooser,
    /// `/404.html` or `/L/404.html`.
    NotFound(Option<usize>),
    /// A list page: page `n` (1-based) of a list in language index `l`.
    List {
        /// Language index.
        l: usize,
        /// Which list.
        list: List,
        /// Page number.
        n: usize,
    },
    /// `/L/tags/`.
    Tags(usize),
    /// An announcement in language index `l`.
    Announcement {
        /// Language index.
        l: usize,
        /// The announcement.
        a: AnnId,
    },
    /// The Atom feed of a list in language index `l`: `/L/atom.xml` (the home list's),
    /// `/L/tags/<tag>/atom.xml`, `/L/kinds/<kind>/atom.xml`.
    Feed {
        /// Language index.
        l: usize,
        /// Which list.
        list: List,
    },
    /// `/L/archive/`: the years of language index `l`'s archive.
    Archive(usize),
    /// `/L/archive/YYYY/`: a year's announcements in language index `l`, by month.
    ArchiveYear {
        /// Language index.
        l: usize,
        /// The year.
        year: i32,
    },
    /// A redirect from alias `i` of translation `t` of an announcement.
    Alias {
        /// The announcement.
        a: AnnId,
        /// Translation index.
        t: usize,
        /// Alias index.
        i: usize,
    },
    /// A sitemap file.
    Sitemap(SitemapFile),
    /// `/robots.txt`, naming the sitemap (unless the site's static files have one).
    Robots,
    /// `/L/search/`: the search page of language index `l`.
    Search(usize),
}

/// What producing a file takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Work {
    /// Render a page.
    Render(Page),
    /// Copy a file, as it was when listed.
    Copy {
        /// The bytes.
        from: Asset,
        /// The stamp of the file when listed.
        stamp: Stamp,
    },
}

/// One file to produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Destination, relative to the output folder.
    pub file: PathBuf,
    /// How to produce it.
    pub work: Work,
}

fn render_job(route: Route, page: Page) -> Job {
    Job {
        file: route.file(),
        work: Work::Render(page),
    }
}

/// The number of pages a list of `total_items` takes.
pub(crate) fn paginate(total_items: usize, per_page: usize) -> usize {
    total_items.div_ceil(per_page).max(1)
}

/// The lists of language `l`, each of which has pages and a feed: the home list, each
/// tag's and each kind's, with its number of items and its name in URLs.
pub(crate) fn language_lists(site: &Site, l: usize) -> impl Iterator<Item = (List, usize, &str)> {
    let home = std::iter::once((List::Home, site.structure.home[l].len(), ""));
    let tags = site
        .tags(l)
        .iter()
        .map(|(tag, list)| (List::Tag(list.id), list.items.len(), tag.as_str()));
    let kinds = site.config.kinds.iter().enumerate().map(move |(k, kind)| {
        let k = k as KindId;
        let len = site.structure.kind(l, k).map_or(0, |t| t.items.len());
        (List::Kind(k), len, kind.as_str())
    });
    home.chain(tags).chain(kinds)
}

/// The list pages, tag and kind pages, tag index, 404 page, feeds and archive of one
/// language.
fn language_jobs(site: &Site, l: usize) -> Vec<Job> {
    let config = &site.config;
    let code = &config.languages[l].code;
    let mut jobs = Vec::new();
    // Each list's pages, then its feed.
    for (list, len, name) in language_lists(site, l) {
        for n in 1..=paginate(len, config.paginate) {
            let (route, _) = labels::list_routes(list, name, code, n);
            jobs.push(render_job(route, Page::List { l, list, n }));
        }
        let (_, feed) = labels::list_routes(list, name, code, 1);
        jobs.push(render_job(feed, Page::Feed { l, list }));
    }
    jobs.push(render_job(
        Route::Tags { lang: code.clone() },
        Page::Tags(l),
    ));
    jobs.push(render_job(
        Route::NotFound {
            lang: Some(code.clone()),
        },
        Page::NotFound(Some(l)),
    ));
    if config.search {
        jobs.push(render_job(
            Route::Search { lang: code.clone() },
            Page::Search(l),
        ));
    }
    if config.archives {
        jobs.push(render_job(
            Route::Archive { lang: code.clone() },
            Page::Archive(l),
        ));
        for year in &site.structure.archive {
            jobs.push(render_job(
                Route::ArchiveYear {
                    lang: code.clone(),
                    year: year.year,
                },
                Page::ArchiveYear { l, year: year.year },
            ));
        }
    }
    jobs
}

/// The pages of one announcement in every language, each followed by its bundle's files.
/// They depend on nothing but the announcement (and site.yaml).
fn announcement_jobs(site: &Site, a: usize) -> Vec<Job> {
    let config = &site.config;
    let ann = &site.announcements[a];
    let mut jobs = Vec::new();
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    for (l, lang) in config.languages.iter().enumerate() {
        let code = &lang.code;
        jobs.push(render_job(
            site.announcement_route(a, code),
            Page::Announcement { l, a: ann.id },
        ));
        if let Some(bundle) = &ann.bundle {
            // Each language gets the shared files, or its own variant of one by name.
            for (name, file, stamp) in bundle.files_for(code, &codes) {
                let route = Route::BundleFile {
                    lang: code.clone(),
                    slug: ann.slug_in(code).to_string(),
                    file: name,
                };
                jobs.push(Job {
                    file: route.file(),
                    work: Work::Copy {
                        from: Asset::Disk(config.root.join(&bundle.dir).join(file)),
                        stamp,
                    },
                });
            }
        }
    }
    jobs
}

/// The jobs of one announcement.
type Jobs = Arc<[Job]>;

/// Every file of the site to produce.
pub struct Plan {
    /// The files of the whole site: the chooser, 404 pages, lists, tag pages, feeds, the
    /// sitemap, static files and alias redirects (the last plan's, when the model's
    /// structure and the static files are the same).
    pub site_jobs: Arc<Vec<Job>>,
    /// The files of `site_jobs`.
    site_files: Arc<HashSet<PathBuf>>,
    /// What `site_jobs` were planned from.
    site_key: (Arc<Structure>, Vec<StaticFile>),
    /// Per published announcement (in the model's order): the announcement its jobs
    /// were planned from, and its pages and bundle files in every language.
    pub announcements: Vec<(Arc<Announcement>, Arc<[Job]>)>,
    /// Every file of `announcements`.
    announcement_files: HashSet<PathBuf>,
}

impl Plan {
    /// Every job.
    pub fn jobs(&self) -> impl Iterator<Item = &Job> {
        self.site_jobs
            .iter()
            .chain(self.announcements.iter().flat_map(|(_, jobs)| jobs.iter()))
    }

    /// How many jobs there are.
    pub fn len(&self) -> usize {
        self.site_jobs.len()
            + self
                .announcements
                .iter()
                .map(|(_, j)| j.len())
                .sum::<usize>()
    }

    /// Whether there are no jobs.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The jobs planned from the announcement with this id in the last plan, if its
    /// `Arc` is the same one (then so are its jobs).
    fn reusable<'p>(
        previous: &'p HashMap<AnnId, (&Arc<Announcement>, &Arc<[Job]>)>,
        ann: &Arc<Announcement>,
    ) -> Option<&'p Arc<[Job]>> {
        previous
            .get(&ann.id)
            .filter(|(old, _)| Arc::ptr_eq(old, ann))
            .map(|(_, jobs)| *jobs)
    }
}

/// Plans every file of the site: the pages in every language, the sitemap, the static
/// files (`statics`: the theme's, then the site's, which win) and the alias redirects.
/// With the `previous` plan (watch mode), the jobs of announcements that did not change
/// are taken from it. Two things written to one file are an error; so is an alias that
/// would be one.
pub fn plan(site: &Site, statics: &[StaticFile], previous: Option<Plan>) -> (Plan, Diagnostics) {
    let mut diags = Diagnostics::new();
    // Each announcement's jobs: the last plan's where the announcement is the same.
    let (mut files, old, old_site) = match previous {
        Some(p) => (
            p.announcement_files,
            p.announcements,
            Some((p.site_jobs, p.site_files, p.site_key)),
        ),
        None => (HashSet::new(), Vec::new(), None),
    };
    let old_site_jobs = old_site
        .as_ref()
        .map(|(jobs, files, _)| (jobs.clone(), files.clone()));
    let reuse: HashMap<AnnId, (&Arc<Announcement>, &Jobs)> =
        old.iter().map(|(a, jobs)| (a.id, (a, jobs))).collect();
    let mut kept = HashSet::with_capacity(reuse.len());
    let mut announcements: Vec<(Arc<Announcement>, Option<Jobs>)> = site
        .announcements
        .iter()
        .map(|ann| {
            let jobs = Plan::reusable(&reuse, ann).cloned();
            if jobs.is_some() {
                kept.insert(ann.id);
            }
            (ann.clone(), jobs)
        })
        .collect();
    for (ann, jobs) in &old {
        if !kept.contains(&ann.id) {
            for job in jobs.iter() {
                files.remove(&job.file);
            }
        }
    }
    drop(reuse);
    drop(old);
    let fresh: Vec<(usize, Vec<Job>)> = announcements
        .par_iter()
        .enumerate()
        .filter(|(_, (_, jobs))| jobs.is_none())
        .map(|(a, _)| (a, announcement_jobs(site, a)))
        .collect();
    let site_key = (site.structure.clone(), statics.to_vec());
    let same_site = old_site
        .as_ref()
        .is_some_and(|(_, _, key)| Arc::ptr_eq(&key.0, &site_key.0) && key.1 == site_key.1);
    // The site's jobs depend on the structure and the static files; whether an alias
    // collides also on the announcements' files, so a new announcement file that is a
    // site file plans the site's jobs again (which reports the collision).
    let mut reused_site = match old_site {
        Some((jobs, site_files, _)) if same_site => Some((jobs, site_files)),
        _ => None,
    };
    if reused_site.as_ref().is_some_and(|(_, site_files)| {
        fresh
            .iter()
            .any(|(_, jobs)| jobs.iter().any(|j| site_files.contains(&j.file)))
    }) {
        reused_site = None;
    }
    let search = site.config.search;
    for (a, jobs) in fresh {
        for job in &jobs {
            if !files.insert(job.file.clone()) {
                diags.push(Diagnostic::file_error(&job.file, TWO_THINGS));
            }
            if search && in_search_bundle(&job.file) {
                diags.push(Diagnostic::file_error(&job.file, SEARCH_FOLDER));
            }
        }
        announcements[a].1 = Some(jobs.into());
    }
    let announcements: Vec<(Arc<Announcement>, Jobs)> = announcements
        .into_iter()
        .map(|(ann, jobs)| (ann, jobs.unwrap_or_else(|| Arc::from(Vec::new()))))
        .collect();
    let previous_jobs = old_site_jobs;
    let (site_jobs, site_files) = match reused_site {
        Some(reused) => reused,
        None => {
            let mut jobs = site_jobs(site, statics);
            let mut site_files: HashSet<PathBuf> = HashSet::with_capacity(jobs.len());
            for job in &jobs {
                if files.contains(&job.file) || !site_files.insert(job.file.clone()) {
                    diags.push(Diagnostic::file_error(&job.file, TWO_THINGS));
                }
                if search && in_search_bundle(&job.file) {
                    diags.push(Diagnostic::file_error(&job.file, SEARCH_FOLDER));
                }
            }
            // Alias pages never collide: one that would is left out with an error.
            let (alias_jobs, alias_diags) = alias::alias_jobs(site, |file| {
                files.contains(file)
                    || site_files.contains(file)
                    || (search && in_search_bundle(file))
            });
            diags.extend(alias_diags.sorted());
            site_files.extend(alias_jobs.iter().map(|j| j.file.clone()));
            jobs.extend(alias_jobs);
            match previous_jobs {
                // Planned again and the same (a slug or a date moved, say): the last
                // plan's, so that watch mode compares none of them.
                Some((old, old_files)) if *old == jobs => (old, old_files),
                _ => (Arc::new(jobs), Arc::new(site_files)),
            }
        }
    };
    (
        Plan {
            site_jobs,
            site_files,
            site_key,
            announcements,
            announcement_files: files,
        },
        diags,
    )
}

/// The chooser, the 404 pages, every language's lists, tag pages and feed, the sitemap
/// files and the static files (the site's win over the theme's).
fn site_jobs(site: &Site, statics: &[StaticFile]) -> Vec<Job> {
    let config = &site.config;
    let mut site_jobs = vec![
        render_job(Route::Root, Page::Chooser),
        render_job(Route::NotFound { lang: None }, Page::NotFound(None)),
    ];
    let per_language: Vec<Vec<Job>> = (0..config.languages.len())
        .into_par_iter()
        .map(|l| language_jobs(site, l))
        .collect();
    site_jobs.extend(per_language.into_iter().flatten());
    for (file, part) in sitemap_files(site) {
        site_jobs.push(Job {
            file,
            work: Work::Render(Page::Sitemap(part)),
        });
    }
    // Site static files override the theme's of the same path.
    let mut assets: BTreeMap<&str, &StaticFile> = BTreeMap::new();
    for file in statics {
        assets.insert(&file.path, file);
    }
    // robots.txt names the sitemap, unless the site writes its own.
    if !assets.contains_key(ROBOTS) {
        site_jobs.push(render_job(
            Route::Asset {
                path: ROBOTS.to_string(),
            },
            Page::Robots,
        ));
    }
    for (path, file) in assets {
        site_jobs.push(Job {
            file: Route::Asset {
                path: path.to_string(),
            }
            .file(),
            work: Work::Copy {
                from: file.from.clone(),
                stamp: file.stamp,
            },
        });
    }
    site_jobs
}

/// The sitemap files of a site and their text.
pub fn sitemap(site: &Site, localizer: &crate::i18n::Localizer) -> Vec<(PathBuf, String)> {
    let labels = all_labels(site, localizer);
    let units = Units::default();
    sitemap_files(site)
        .into_iter()
        .map(|(file, part)| {
            let mut reader = Reader::new(site, localizer, &labels, &units, false);
            (file, sitemap_text(&mut reader, part))
        })
        .collect()
}

/// The path of the robots file.
const ROBOTS: &str = "robots.txt";
/// Whether an output file is inside the search index's folder (`pagefind/`).
pub fn in_search_bundle(file: &std::path::Path) -> bool {
    file.starts_with(crate::urls::SEARCH_BUNDLE)
}

/// The error for a planned file inside the search index's folder.
const SEARCH_FOLDER: &str =
    "the search index is written to the folder pagefind/: no other file can be there (turn search off with `search: false` in site.yaml)";

/// The error for two planned files at one path.
const TWO_THINGS: &str =
    "two things would be written to this output file (a static file and a page, or two pages)";
