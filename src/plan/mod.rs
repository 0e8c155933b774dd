//! The list of output files: for each, its route and either a template with its
//! context or bytes to copy.

mod alias;
mod feed;
mod sitemap;

pub use feed::FEED_ENTRIES;
pub use sitemap::{sitemap_files, sitemap_urls, SitemapUrl, SITEMAP_LIMIT};

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Language;
use crate::diagnostics::Diagnostics;
use crate::i18n::{strip_isolation, Localizer};
use crate::site::{PageKind, Site};
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

#[derive(Serialize)]
struct LinkCtx {
    code: String,
    name: String,
    url: String,
    dir: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct ChoiceCtx {
    code: String,
    name: String,
    url: String,
    dir: &'static str,
    prompt: String,
}

#[derive(Serialize)]
struct AlternateCtx {
    hreflang: String,
    href: String,
}

/// A tag as templates see it.
#[derive(Serialize, Clone, Debug)]
pub struct TagCtx {
    /// Tag id.
    pub id: String,
    /// Label in the page's language.
    pub label: String,
    /// URL of the tag's list.
    pub url: String,
    /// How many announcements have it.
    pub count: usize,
}

#[derive(Serialize)]
struct ItemCtx {
    title: String,
    url: String,
    date_iso: String,
    date_text: String,
    summary: String,
    fallback: bool,
    content_lang: String,
    content_dir: &'static str,
    content_lang_name: String,
    tags: Vec<TagCtx>,
}

#[derive(Serialize)]
struct PaginationCtx {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
}

#[derive(Serialize)]
struct PageCtx {
    title: String,
    date_iso: String,
    date_text: String,
    updated_iso: Option<String>,
    updated_text: Option<String>,
    html: String,
    summary: String,
    kind: &'static str,
    content_lang: String,
    content_dir: &'static str,
    content_lang_name: String,
    original_url: String,
    tags: Vec<TagCtx>,
    extra: serde_json::Value,
}

/// The jobs of one language: lists, tag pages, announcements, bundle files, 404, feed.
fn language_jobs(site: &Site, l: usize, g: u64, strings: u64) -> Vec<Job> {
    let config = &site.config;
    let lang = &config.languages[l];
    let render = |route: Route, fp: u64, page: Page| Job {
        file: route.file(),
        fingerprint: fp,
        work: Work::Render(page),
    };
    let mut jobs = Vec::with_capacity(site.announcements.len() + site.announcements.len() / 8 + 16);
    let code = &lang.code;
    let per_page = config.paginate;
    // Lists: the home list, then each tag's.
    let mut lists: Vec<(Option<&String>, &[usize])> = vec![(None, &site.order[..])];
    lists.extend(
        site.tags[l]
            .iter()
            .map(|(tag, items)| (Some(tag), &items[..])),
    );
    for (tag, items) in lists {
        let total = paginate(items.len(), per_page);
        for n in 1..=total {
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
            jobs.push(render(
                route,
                fp,
                Page::List {
                    l,
                    tag: tag.cloned(),
                    n,
                },
            ));
        }
    }
    let tag_counts: Vec<(&String, usize)> = site.tags[l]
        .iter()
        .map(|(t, items)| (t, items.len()))
        .collect();
    jobs.push(render(
        Route::Tags { lang: code.clone() },
        fingerprint((g, strings, &tag_counts)),
        Page::Tags(l),
    ));
    for a in 0..site.announcements.len() {
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
        jobs.push(render(
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
    jobs.push(render(
        Route::NotFound {
            lang: Some(code.clone()),
        },
        fingerprint((g, strings)),
        Page::NotFound(Some(l)),
    ));
    let entries: Vec<u64> = feed::entries(site, l)
        .map(|p| site.versions[p.announcement])
        .collect();
    jobs.push(render(
        Route::Feed { lang: code.clone() },
        fingerprint((g, strings, entries, feed::updated(site, l))),
        Page::Feed(l),
    ));
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
    let render = |route: Route, fp: u64, page: Page| Job {
        file: route.file(),
        fingerprint: fp,
        work: Work::Render(page),
    };
    jobs.push(render(
        Route::Root,
        fingerprint((g, &all_strings)),
        Page::Chooser,
    ));
    let default_l = config.language_index(&config.default_language).unwrap_or(0);
    jobs.push(render(
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
    let (alias_jobs, mut diags) = alias::alias_jobs(site, &jobs, g, &all_strings);
    jobs.extend(alias_jobs);
    let mut seen = std::collections::HashSet::with_capacity(jobs.len());
    for job in &jobs {
        if !seen.insert(&job.file) {
            diags.push(crate::diagnostics::Diagnostic::file_error(
                &job.file,
                "two things would be written to this output file (a static file and a page, or two pages)",
            ));
        }
    }
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

/// Tag labels per language, for building contexts.
pub fn all_tag_labels(site: &Site, localizer: &Localizer) -> Vec<BTreeMap<String, TagCtx>> {
    (0..site.config.languages.len())
        .map(|l| tag_labels(site, localizer, l))
        .collect()
}

/// The template and context of a page.
pub fn context(
    site: &Site,
    localizer: &Localizer,
    tag_labels: &[BTreeMap<String, TagCtx>],
    page: &Page,
) -> (&'static str, Context) {
    match page {
        Page::Chooser => ("chooser.html", chooser(site, localizer)),
        Page::NotFound(l) => ("404.html", not_found(site, *l)),
        Page::List { l, tag, n } => {
            let labels = &tag_labels[*l];
            let items: &[usize] = match tag {
                Some(t) => site.tags[*l].get(t).map(Vec::as_slice).unwrap_or(&[]),
                None => &site.order,
            };
            let tag = tag.as_ref().and_then(|t| labels.get(t));
            (
                "list.html",
                list_page(site, localizer, *l, items, labels, tag, *n),
            )
        }
        Page::Tags(l) => ("tags.html", tags_index(site, *l, &tag_labels[*l])),
        Page::Announcement { l, a } => (
            "announcement.html",
            announcement(site, localizer, *l, *a, &tag_labels[*l]),
        ),
        Page::Feed(l) => ("atom.xml", feed::feed(site, *l, &tag_labels[*l])),
        Page::Alias { a, t } => ("redirect.html", alias::redirect(site, *a, *t)),
    }
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

/// The name of language `code` as written in a sentence in `page_lang`
/// (the `language-<code>` message), else its own name.
fn language_label(site: &Site, localizer: &Localizer, page_lang: &str, code: &str) -> String {
    localizer
        .lookup(page_lang, &format!("language-{code}"), None)
        .map(|s| strip_isolation(&s))
        .or_else(|| site.config.language(code).map(|l| l.name.clone()))
        .unwrap_or_else(|| code.to_string())
}

fn tag_labels(site: &Site, localizer: &Localizer, l: usize) -> BTreeMap<String, TagCtx> {
    let lang = &site.config.languages[l].code;
    site.tags[l]
        .iter()
        .map(|(id, list)| {
            let label = localizer
                .lookup(lang, &format!("tag-{id}"), None)
                .map(|s| strip_isolation(&s))
                .unwrap_or_else(|| id.clone());
            let url = site.urls.url(&Route::Tag {
                lang: lang.clone(),
                tag: id.clone(),
                page: 1,
            });
            (
                id.clone(),
                TagCtx {
                    id: id.clone(),
                    label,
                    url,
                    count: list.len(),
                },
            )
        })
        .collect()
}

/// Variables every page has.
fn common(
    site: &Site,
    lang: &Language,
    route: &Route,
    menu: Vec<LinkCtx>,
    alternates: Vec<AlternateCtx>,
) -> Context {
    let urls = &site.urls;
    let mut ctx = Context::new();
    ctx.insert("lang", &lang.code);
    ctx.insert("dir", lang.dir.as_str());
    ctx.insert("lang_name", &lang.name);
    ctx.insert("title_key", &site.config.title_key);
    ctx.insert("root_url", &urls.url(&Route::Root));
    ctx.insert(
        "home_url",
        &urls.url(&Route::Home {
            lang: lang.code.clone(),
            page: 1,
        }),
    );
    ctx.insert(
        "tags_url",
        &urls.url(&Route::Tags {
            lang: lang.code.clone(),
        }),
    );
    ctx.insert(
        "css_url",
        &urls.url(&Route::Asset {
            path: "style.css".into(),
        }),
    );
    ctx.insert("page_url", &urls.url(route));
    ctx.insert(
        "feed_url",
        &urls.url(&Route::Feed {
            lang: lang.code.clone(),
        }),
    );
    ctx.insert("canonical", &urls.absolute(route));
    ctx.insert("language_menu", &menu);
    ctx.insert("alternates", &alternates);
    ctx
}

/// Links to the same route in every language.
fn menu_for(site: &Site, current: &str, route_in: impl Fn(&Language) -> Route) -> Vec<LinkCtx> {
    site.config
        .languages
        .iter()
        .map(|lang| LinkCtx {
            code: lang.code.clone(),
            name: lang.name.clone(),
            url: site.urls.url(&route_in(lang)),
            dir: lang.dir.as_str(),
            current: lang.code == current,
        })
        .collect()
}

fn alternates_for(site: &Site, route_in: impl Fn(&Language) -> Route) -> Vec<AlternateCtx> {
    let mut alts: Vec<AlternateCtx> = site
        .config
        .languages
        .iter()
        .map(|lang| AlternateCtx {
            hreflang: lang.code.clone(),
            href: site.urls.absolute(&route_in(lang)),
        })
        .collect();
    if let Some(lang) = site.config.language(&site.config.default_language) {
        alts.push(AlternateCtx {
            hreflang: "x-default".into(),
            href: site.urls.absolute(&route_in(lang)),
        });
    }
    alts
}

fn item(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    a: usize,
    tag_labels: &BTreeMap<String, TagCtx>,
) -> ItemCtx {
    let lang = &site.config.languages[l];
    let page = site.page(l, a);
    let t = site.content_of(page);
    let content_lang = site.config.language(&t.lang);
    ItemCtx {
        title: t.title.clone(),
        url: site.urls.url(&site.announcement_route(a, &lang.code)),
        date_iso: t.date.ymd(),
        date_text: localizer.format_date(&lang.code, &t.date),
        summary: t.summary.clone().unwrap_or_else(|| t.scan.summary.clone()),
        fallback: page.kind == PageKind::Fallback,
        content_lang: t.lang.clone(),
        content_dir: content_lang.map(|c| c.dir.as_str()).unwrap_or("ltr"),
        content_lang_name: language_label(site, localizer, &lang.code, &t.lang),
        tags: t
            .tags
            .iter()
            .filter_map(|id| tag_labels.get(id).cloned())
            .collect(),
    }
}

fn paginate(total_items: usize, per_page: usize) -> usize {
    total_items.div_ceil(per_page).max(1)
}

fn list_page(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    items: &[usize],
    tag_labels: &BTreeMap<String, TagCtx>,
    tag: Option<&TagCtx>,
    n: usize,
) -> Context {
    let lang = &site.config.languages[l];
    let per_page = site.config.paginate;
    let total = paginate(items.len(), per_page);
    let route_for = |code: &str, page: usize| match tag {
        Some(t) => Route::Tag {
            lang: code.to_string(),
            tag: t.id.clone(),
            page,
        },
        None => Route::Home {
            lang: code.to_string(),
            page,
        },
    };
    let route = route_for(&lang.code, n);
    let menu = menu_for(site, &lang.code, |other| route_for(&other.code, n));
    let alternates = alternates_for(site, |other| route_for(&other.code, n));
    let mut ctx = common(site, lang, &route, menu, alternates);
    let chunk: Vec<ItemCtx> = items
        .iter()
        .skip((n - 1) * per_page)
        .take(per_page)
        .map(|&a| item(site, localizer, l, a, tag_labels))
        .collect();
    ctx.insert("items", &chunk);
    ctx.insert("tag", &tag);
    ctx.insert(
        "pagination",
        &PaginationCtx {
            current: n,
            total,
            prev_url: (n > 1).then(|| site.urls.url(&route_for(&lang.code, n - 1))),
            next_url: (n < total).then(|| site.urls.url(&route_for(&lang.code, n + 1))),
        },
    );
    ctx
}

fn tags_index(site: &Site, l: usize, tag_labels: &BTreeMap<String, TagCtx>) -> Context {
    let lang = &site.config.languages[l];
    let route = Route::Tags {
        lang: lang.code.clone(),
    };
    let menu = menu_for(site, &lang.code, |other| Route::Tags {
        lang: other.code.clone(),
    });
    let alternates = alternates_for(site, |other| Route::Tags {
        lang: other.code.clone(),
    });
    let mut ctx = common(site, lang, &route, menu, alternates);
    let mut tags: Vec<&TagCtx> = tag_labels.values().collect();
    tags.sort_by(|a, b| {
        a.label
            .to_lowercase()
            .cmp(&b.label.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    ctx.insert("tags", &tags);
    ctx
}

fn announcement(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    a: usize,
    tag_labels: &BTreeMap<String, TagCtx>,
) -> Context {
    let config = &site.config;
    let lang = &config.languages[l];
    let ann = &site.announcements[a];
    let page = site.page(l, a);
    let t = site.content_of(page);
    let route = site.announcement_route(a, &lang.code);
    let menu = menu_for(site, &lang.code, |other| {
        site.announcement_route(a, &other.code)
    });
    // hreflang alternates: only real translations, plus the source as x-default.
    let mut alternates: Vec<AlternateCtx> = config
        .languages
        .iter()
        .filter(|other| ann.translation(&other.code).is_some())
        .map(|other| AlternateCtx {
            hreflang: other.code.clone(),
            href: site.urls.absolute(&site.announcement_route(a, &other.code)),
        })
        .collect();
    alternates.push(AlternateCtx {
        hreflang: "x-default".into(),
        href: site
            .urls
            .absolute(&site.announcement_route(a, &ann.source_lang)),
    });
    let mut ctx = common(site, lang, &route, menu, alternates);
    let content_route = site.announcement_route(a, &t.lang);
    let kind = match page.kind {
        PageKind::Translated => "translated",
        PageKind::Stale(_) => "stale",
        PageKind::Fallback => "fallback",
    };
    if page.kind == PageKind::Fallback {
        ctx.insert("canonical", &site.urls.absolute(&content_route));
    }
    let content_lang = config.language(&t.lang);
    let source_route = site.announcement_route(a, &ann.source_lang);
    let original_url = if page.kind == PageKind::Fallback {
        site.urls.url(&content_route)
    } else {
        site.urls.url(&source_route)
    };
    let ctx_page = PageCtx {
        title: t.title.clone(),
        date_iso: t.date.ymd(),
        date_text: localizer.format_date(&lang.code, &t.date),
        updated_iso: t.updated.as_ref().map(|d| d.ymd()),
        updated_text: t
            .updated
            .as_ref()
            .map(|d| localizer.format_date(&lang.code, d)),
        html: crate::site::render_page(site, page).html,
        summary: t.summary.clone().unwrap_or_else(|| t.scan.summary.clone()),
        kind,
        content_lang: t.lang.clone(),
        content_dir: content_lang.map(|c| c.dir.as_str()).unwrap_or("ltr"),
        content_lang_name: language_label(site, localizer, &lang.code, &t.lang),
        original_url,
        tags: t
            .tags
            .iter()
            .filter_map(|id| tag_labels.get(id).cloned())
            .collect(),
        extra: t.extra.clone(),
    };
    ctx.insert("page", &ctx_page);
    ctx.insert(
        "source_lang_name",
        &language_label(site, localizer, &lang.code, &ann.source_lang),
    );
    ctx.insert(
        "lang_label",
        &language_label(site, localizer, &lang.code, &lang.code),
    );
    ctx.insert("source_lang", &ann.source_lang);
    // The switcher: languages this announcement exists in, official first.
    let versions: Vec<(bool, LinkCtx)> = config
        .languages
        .iter()
        .filter(|other| ann.translation(&other.code).is_some())
        .map(|other| {
            (
                other.official,
                LinkCtx {
                    code: other.code.clone(),
                    name: other.name.clone(),
                    url: site.urls.url(&site.announcement_route(a, &other.code)),
                    dir: other.dir.as_str(),
                    current: other.code == lang.code,
                },
            )
        })
        .collect();
    let (official, others): (Vec<_>, Vec<_>) = versions.into_iter().partition(|(o, _)| *o);
    ctx.insert(
        "official_versions",
        &official.into_iter().map(|(_, l)| l).collect::<Vec<_>>(),
    );
    ctx.insert(
        "other_versions",
        &others.into_iter().map(|(_, l)| l).collect::<Vec<_>>(),
    );
    ctx
}

fn chooser(site: &Site, localizer: &Localizer) -> Context {
    let config = &site.config;
    let lang = config
        .language(&config.default_language)
        .unwrap_or(&config.languages[0]);
    let route = Route::Root;
    let menu = menu_for(site, "", |other| Route::Home {
        lang: other.code.clone(),
        page: 1,
    });
    let alternates = alternates_for(site, |other| Route::Home {
        lang: other.code.clone(),
        page: 1,
    });
    let mut ctx = common(site, lang, &route, menu, alternates);
    let choices: Vec<ChoiceCtx> = config
        .languages
        .iter()
        .map(|l| ChoiceCtx {
            code: l.code.clone(),
            name: l.name.clone(),
            url: site.urls.url(&Route::Home {
                lang: l.code.clone(),
                page: 1,
            }),
            dir: l.dir.as_str(),
            prompt: localizer.translate(&l.code, "chooser-prompt", None),
        })
        .collect();
    ctx.insert("choices", &choices);
    ctx
}

fn not_found(site: &Site, l: Option<usize>) -> Context {
    let config = &site.config;
    let lang = match l {
        Some(l) => &config.languages[l],
        None => config
            .language(&config.default_language)
            .unwrap_or(&config.languages[0]),
    };
    let route = Route::NotFound {
        lang: l.map(|_| lang.code.clone()),
    };
    let menu = menu_for(site, &lang.code, |other| Route::Home {
        lang: other.code.clone(),
        page: 1,
    });
    let mut ctx = common(site, lang, &route, menu, Vec::new());
    ctx.insert("root_404", &l.is_none());
    ctx
}
