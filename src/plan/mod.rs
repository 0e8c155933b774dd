//! The list of output files: for each, its route and either a template with its
//! context or bytes to copy.

mod alias;
mod feed;
mod sitemap;

pub use sitemap::{sitemap_files, sitemap_urls, SitemapUrl, SITEMAP_LIMIT};

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use tera::Context;

use crate::config::Language;
use crate::diagnostics::Diagnostics;
use crate::i18n::{strip_isolation, Localizer};
use crate::site::{PageKind, Site};
use crate::theme::Asset;
use crate::urls::Route;

/// One file to produce.
pub enum Job {
    /// Render `template` with `context` to the route's file.
    Render {
        /// Where it goes.
        route: Route,
        /// Template name.
        template: &'static str,
        /// Everything the template needs.
        context: Box<Context>,
    },
    /// Text made by herald itself (sitemaps).
    Text {
        /// Destination, relative to the output folder.
        to: PathBuf,
        /// The file's text.
        text: String,
    },
    /// Copy bytes to a file (relative to the output folder).
    Copy {
        /// Destination, relative to the output folder.
        to: PathBuf,
        /// Source bytes.
        from: Asset,
    },
}

impl Job {
    /// The output file, relative to the output folder.
    pub fn file(&self) -> PathBuf {
        match self {
            Job::Render { route, .. } => route.file(),
            Job::Copy { to, .. } | Job::Text { to, .. } => to.clone(),
        }
    }
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

#[derive(Serialize, Clone)]
pub(crate) struct TagCtx {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) url: String,
    pub(crate) count: usize,
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

/// Plans every file of the site; an alias that collides with another file is an error.
pub fn plan(
    site: &Site,
    localizer: &Localizer,
    statics: &[(String, Asset)],
) -> (Vec<Job>, Diagnostics) {
    let mut jobs = Vec::new();
    let config = &site.config;
    jobs.push(chooser(site, localizer));
    jobs.push(not_found(site, None));
    for (l, lang) in config.languages.iter().enumerate() {
        let tag_labels = tag_labels(site, localizer, l);
        jobs.extend(home_pages(site, localizer, l, &tag_labels));
        for a in 0..site.announcements.len() {
            jobs.push(announcement(site, localizer, l, a, &tag_labels));
            if let Some((dir, files)) = &site.announcements[a].bundle {
                let slug = site.page(l, a).slug.clone();
                for file in files {
                    let file_str = file
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    let route = Route::BundleFile {
                        lang: lang.code.clone(),
                        slug: slug.clone(),
                        file: file_str,
                    };
                    jobs.push(Job::Copy {
                        to: route.file(),
                        from: Asset::Disk(config.root.join(dir).join(file)),
                    });
                }
            }
        }
        jobs.extend(tag_pages(site, localizer, l, &tag_labels));
        jobs.push(not_found(site, Some(l)));
        jobs.push(feed::feed(site, localizer, l, &tag_labels));
    }
    jobs.extend(sitemap::sitemap_jobs(site));
    // Site static files override the theme's of the same path.
    let mut assets: BTreeMap<String, Asset> = statics.iter().cloned().collect();
    for (path, asset) in site_statics(site) {
        assets.insert(path, asset);
    }
    for (path, from) in assets {
        jobs.push(Job::Copy {
            to: Route::Asset { path }.file(),
            from,
        });
    }
    let (alias_jobs, diags) = alias::alias_jobs(site, &jobs);
    jobs.extend(alias_jobs);
    (jobs, diags)
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
        summary: t
            .summary
            .clone()
            .unwrap_or_else(|| page.rendered.summary.clone()),
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

fn list_jobs(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    items: &[usize],
    tag_labels: &BTreeMap<String, TagCtx>,
    tag: Option<&TagCtx>,
) -> Vec<Job> {
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
    (1..=total)
        .map(|n| {
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
            Job::Render {
                route,
                template: "list.html",
                context: Box::new(ctx),
            }
        })
        .collect()
}

fn home_pages(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    tag_labels: &BTreeMap<String, TagCtx>,
) -> Vec<Job> {
    let all: Vec<usize> = (0..site.announcements.len()).collect();
    list_jobs(site, localizer, l, &all, tag_labels, None)
}

fn tag_pages(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    tag_labels: &BTreeMap<String, TagCtx>,
) -> Vec<Job> {
    let lang = &site.config.languages[l];
    let mut jobs = Vec::new();
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
    jobs.push(Job::Render {
        route,
        template: "tags.html",
        context: Box::new(ctx),
    });
    for (id, items) in &site.tags[l] {
        if let Some(tag) = tag_labels.get(id) {
            jobs.extend(list_jobs(site, localizer, l, items, tag_labels, Some(tag)));
        }
    }
    jobs
}

fn announcement(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    a: usize,
    tag_labels: &BTreeMap<String, TagCtx>,
) -> Job {
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
        html: page.rendered.html.clone(),
        summary: t
            .summary
            .clone()
            .unwrap_or_else(|| page.rendered.summary.clone()),
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
    Job::Render {
        route,
        template: "announcement.html",
        context: Box::new(ctx),
    }
}

fn chooser(site: &Site, localizer: &Localizer) -> Job {
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
    Job::Render {
        route,
        template: "chooser.html",
        context: Box::new(ctx),
    }
}

fn not_found(site: &Site, l: Option<usize>) -> Job {
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
    Job::Render {
        route,
        template: "404.html",
        context: Box::new(ctx),
    }
}
