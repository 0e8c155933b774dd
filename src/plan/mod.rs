//! The list of output files: for each, its route and either a template with its
//! context or bytes to copy.

mod alias;
mod context;
mod feed;
mod sitemap;

pub use context::{all_labels, context, Labels, TagCtx};

pub use feed::FEED_ENTRIES;
pub use sitemap::{sitemap_files, sitemap_urls, SitemapUrl, SITEMAP_LIMIT};

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::i18n::Localizer;
use crate::site::Site;
use crate::theme::Asset;
use crate::urls::Route;

/// A page herald renders from a template; its context is built only when rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/`.
    Chooser,
    /// `/404.html` or `/L/404.html`.
    NotFound(Option<usize>),
    /// A list page: the home list or a tag's list, page `n` (1-based).
    List {
        /// Language index.
        l: usize,
        /// Tag id, for a tag's list.
        tag: Option<String>,
        /// Page number.
        n: usize,
    },
    /// `/L/tags/`.
    Tags(usize),
    /// Announcement `a` in language index `l`.
    Announcement {
        /// Language index.
        l: usize,
        /// Announcement index.
        a: usize,
    },
    /// `/L/atom.xml`.
    Feed(usize),
    /// A redirect from an alias to translation `t` of announcement `a`.
    Alias {
        /// Announcement index.
        a: usize,
        /// Translation index.
        t: usize,
    },
}

/// What producing a file takes.
#[derive(Debug, Clone)]
pub enum Work {
    /// Render a template.
    Render(Page),
    /// Text made by herald itself (sitemaps).
    Text(String),
    /// Copy bytes.
    Copy(Asset),
}

/// One file to produce, with a fingerprint of everything its bytes depend on:
/// watch mode redoes a job only when its fingerprint changed.
#[derive(Debug, Clone)]
pub struct Job {
    /// Destination, relative to the output folder.
    pub file: PathBuf,
    /// Hash of the inputs that decide this file's bytes.
    pub fingerprint: u64,
    /// How to produce it.
    pub work: Work,
}

/// Versions of the inputs that affect every page (config, templates) or one language's pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Versions {
    /// site.yaml, the build options and the templates.
    pub global: u64,
}

fn fingerprint(parts: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

fn render_job(route: Route, fingerprint: u64, page: Page) -> Job {
    Job {
        file: route.file(),
        fingerprint,
        work: Work::Render(page),
    }
}

/// Page `n` of a list in language `l`: the home list (`tag` None) or a tag's, showing `items`.
fn list_job(
    site: &Site,
    l: usize,
    tag: Option<&String>,
    items: &[usize],
    n: usize,
    (g, strings): (u64, u64),
) -> Job {
    let code = &site.config.languages[l].code;
    let per_page = site.config.paginate;
    let total = paginate(items.len(), per_page);
    let shown: Vec<u64> = items
        .iter()
        .skip((n - 1) * per_page)
        .take(per_page)
        .map(|&a| site.versions[a])
        .collect();
    let route = match tag {
        Some(t) => Route::Tag {
            lang: code.clone(),
            tag: t.clone(),
            page: n,
        },
        None => Route::Home {
            lang: code.clone(),
            page: n,
        },
    };
    let tag_version = tag.map(|t| (t, items.len()));
    let fp = fingerprint((g, strings, n, total, &shown, tag_version));
    render_job(
        route,
        fp,
        Page::List {
            l,
            tag: tag.cloned(),
            n,
        },
    )
}

/// The page of announcement `a` in language `l`, then its bundle's files.
fn announcement_jobs(
    site: &Site,
    l: usize,
    a: usize,
    (g, strings): (u64, u64),
    jobs: &mut Vec<Job>,
) {
    let config = &site.config;
    let code = &config.languages[l].code;
    let page = site.page(l, a);
    // The links in the text resolve to other announcements' slugs in this language.
    let links: Vec<&str> = site
        .content_of(page)
        .scan
        .links
        .iter()
        .map(|(name, _)| site.slug_of(name, code))
        .collect();
    let fp = fingerprint((
        g,
        strings,
        site.versions[a],
        &links,
        &tag_counts_of(site, l, a),
    ));
    jobs.push(render_job(
        site.announcement_route(a, code),
        fp,
        Page::Announcement { l, a },
    ));
    if let Some((dir, files)) = &site.announcements[a].bundle {
        for file in files {
            let file_str = file
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let route = Route::BundleFile {
                lang: code.clone(),
                slug: page.slug.clone(),
                file: file_str,
            };
            let from = config.root.join(dir).join(file);
            jobs.push(Job {
                file: route.file(),
                fingerprint: file_fingerprint(&from),
                work: Work::Copy(Asset::Disk(from)),
            });
        }
    }
}

/// `/L/atom.xml`.
fn feed_job(site: &Site, l: usize, (g, strings): (u64, u64)) -> Job {
    let entries: Vec<u64> = feed::entries(site, l)
        .map(|p| site.versions[p.announcement])
        .collect();
    render_job(
        Route::Feed {
            lang: site.config.languages[l].code.clone(),
        },
        fingerprint((g, strings, entries, feed::updated(site, l))),
        Page::Feed(l),
    )
}

/// The jobs of one language: lists, tag pages, announcements, bundle files, 404, feed.
fn language_jobs(site: &Site, l: usize, g: u64, strings: u64) -> Vec<Job> {
    let config = &site.config;
    let code = &config.languages[l].code;
    let mut jobs = Vec::with_capacity(site.announcements.len() + site.announcements.len() / 8 + 16);
    // Lists: the home list, then each tag's.
    let mut lists: Vec<(Option<&String>, &[usize])> = vec![(None, &site.order[..])];
    lists.extend(
        site.tags[l]
            .iter()
            .map(|(tag, items)| (Some(tag), &items[..])),
    );
    for (tag, items) in lists {
        for n in 1..=paginate(items.len(), config.paginate) {
            jobs.push(list_job(site, l, tag, items, n, (g, strings)));
        }
    }
    let tag_counts: Vec<(&String, usize)> = site.tags[l]
        .iter()
        .map(|(t, items)| (t, items.len()))
        .collect();
    jobs.push(render_job(
        Route::Tags { lang: code.clone() },
        fingerprint((g, strings, &tag_counts)),
        Page::Tags(l),
    ));
    for a in 0..site.announcements.len() {
        announcement_jobs(site, l, a, (g, strings), &mut jobs);
    }
    jobs.push(render_job(
        Route::NotFound {
            lang: Some(code.clone()),
        },
        fingerprint((g, strings)),
        Page::NotFound(Some(l)),
    ));
    jobs.push(feed_job(site, l, (g, strings)));
    jobs
}

/// The jobs that can change when only the texts of announcement `a` changed (its
/// [`crate::site::structure`] is the same): its pages and bundle files in every
/// language, the list pages that show it, the feeds, its alias pages. The same jobs,
/// with the same fingerprints, as [`plan`] makes for them.
pub fn text_change_jobs(
    site: &Site,
    localizer: &Localizer,
    a: usize,
    versions: Versions,
) -> Vec<Job> {
    let g = versions.global;
    let all_strings: Vec<u64> = site
        .config
        .languages
        .iter()
        .map(|l| localizer.version(&l.code))
        .collect();
    let per_page = site.config.paginate;
    let mut jobs = Vec::new();
    for (l, &strings) in all_strings.iter().enumerate() {
        let gs = (g, strings);
        announcement_jobs(site, l, a, gs, &mut jobs);
        if let Some(i) = site.order.iter().position(|&x| x == a) {
            jobs.push(list_job(site, l, None, &site.order, i / per_page + 1, gs));
        }
        for tag in &site.content_of(site.page(l, a)).tags {
            if let Some(items) = site.tags[l].get(tag) {
                if let Some(i) = items.iter().position(|&x| x == a) {
                    jobs.push(list_job(site, l, Some(tag), items, i / per_page + 1, gs));
                }
            }
        }
        jobs.push(feed_job(site, l, gs));
    }
    jobs.extend(alias::announcement_alias_jobs(site, a, g, &all_strings));
    jobs
}

/// Plans every file of the site, with fingerprints; an alias that collides with
/// another file is an error.
pub fn plan(
    site: &Site,
    localizer: &Localizer,
    statics: &[(String, Asset)],
    versions: Versions,
) -> (Vec<Job>, Diagnostics) {
    let mut jobs = Vec::new();
    let config = &site.config;
    let g = versions.global;
    let all_strings: Vec<u64> = config
        .languages
        .iter()
        .map(|l| localizer.version(&l.code))
        .collect();
    jobs.push(render_job(
        Route::Root,
        fingerprint((g, &all_strings)),
        Page::Chooser,
    ));
    let default_l = config.language_index(&config.default_language).unwrap_or(0);
    jobs.push(render_job(
        Route::NotFound { lang: None },
        fingerprint((g, all_strings[default_l])),
        Page::NotFound(None),
    ));
    // Languages in parallel, the sitemap beside them; the order stays deterministic.
    let (per_language, sitemaps) = rayon::join(
        || {
            (0..config.languages.len())
                .into_par_iter()
                .map(|l| language_jobs(site, l, g, all_strings[l]))
                .collect::<Vec<Vec<Job>>>()
        },
        || sitemap::sitemap_files(site, &sitemap::sitemap_urls(site), SITEMAP_LIMIT),
    );
    jobs.extend(per_language.into_iter().flatten());
    for (file, text) in sitemaps {
        jobs.push(Job {
            file,
            fingerprint: fingerprint(&text),
            work: Work::Text(text),
        });
    }
    // Site static files override the theme's of the same path.
    let mut assets: BTreeMap<String, Asset> = statics.iter().cloned().collect();
    for (path, asset) in site_statics(site) {
        assets.insert(path, asset);
    }
    for (path, from) in assets {
        let fp = match &from {
            Asset::Disk(p) => file_fingerprint(p),
            Asset::Builtin(bytes) => fingerprint(bytes),
        };
        jobs.push(Job {
            file: Route::Asset { path }.file(),
            fingerprint: fp,
            work: Work::Copy(from),
        });
    }
    let mut diags = Diagnostics::new();
    let mut taken = std::collections::HashSet::with_capacity(jobs.len());
    for job in &jobs {
        if !taken.insert(&job.file) {
            diags.push(crate::diagnostics::Diagnostic::file_error(
                &job.file,
                "two things would be written to this output file (a static file and a page, or two pages)",
            ));
        }
    }
    // Alias pages never collide: one that would is left out with an error.
    let (alias_jobs, alias_diags) = alias::alias_jobs(site, &taken, g, &all_strings);
    drop(taken);
    diags.extend(alias_diags.sorted());
    jobs.extend(alias_jobs);
    (jobs, diags)
}

/// The tags of announcement `a` in language `l` with their counts (their labels link to tag pages).
fn tag_counts_of(site: &Site, l: usize, a: usize) -> Vec<(&str, usize)> {
    let t = site.content_of(site.page(l, a));
    t.tags
        .iter()
        .map(|tag| {
            (
                tag.as_str(),
                site.tags[l].get(tag).map(Vec::len).unwrap_or(0),
            )
        })
        .collect()
}

/// A file's identity for change detection: path, size and modification time.
fn file_fingerprint(path: &std::path::Path) -> u64 {
    let meta = std::fs::metadata(path).ok();
    fingerprint((
        path,
        meta.as_ref().map(|m| m.len()),
        meta.and_then(|m| m.modified().ok()),
    ))
}

fn site_statics(site: &Site) -> Vec<(String, Asset)> {
    let dir = site.config.root.join("static");
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(rel) = entry.path().strip_prefix(&dir) {
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, Asset::Disk(entry.path().to_path_buf())));
        }
    }
    out
}

pub(crate) fn paginate(total_items: usize, per_page: usize) -> usize {
    total_items.div_ceil(per_page).max(1)
}
