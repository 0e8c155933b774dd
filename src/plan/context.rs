//! Template contexts: what each kind of page shows, built only when the page is rendered.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::{alias, feed, paginate, Page};
use crate::config::Language;
use crate::i18n::{strip_isolation, Localizer};
use crate::site::{PageKind, Site};
use crate::urls::Route;

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

/// Labels in one page language, looked up once per build rather than once per page.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Tags by id, with their labels and list URLs.
    pub tags: BTreeMap<String, TagCtx>,
    /// Each configured language's name as written inside a sentence.
    pub languages: BTreeMap<String, String>,
}

impl Labels {
    /// The name of language `code` inside a sentence of this page language.
    fn language(&self, code: &str) -> String {
        self.languages
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }
}

/// Labels for every configured language, for building contexts.
pub fn all_labels(site: &Site, localizer: &Localizer) -> Vec<Labels> {
    site.config
        .languages
        .iter()
        .enumerate()
        .map(|(l, lang)| Labels {
            tags: tag_labels(site, localizer, l),
            languages: site
                .config
                .languages
                .iter()
                .map(|other| {
                    (
                        other.code.clone(),
                        language_label(site, localizer, &lang.code, &other.code),
                    )
                })
                .collect(),
        })
        .collect()
}

/// The template and context of a page.
pub fn context(
    site: &Site,
    localizer: &Localizer,
    labels: &[Labels],
    page: &Page,
) -> (&'static str, Context) {
    match page {
        Page::Chooser => ("chooser.html", chooser(site, localizer)),
        Page::NotFound(l) => ("404.html", not_found(site, *l)),
        Page::List { l, tag, n } => {
            let labels = &labels[*l];
            let items: &[usize] = match tag {
                Some(t) => site.tags[*l].get(t).map(Vec::as_slice).unwrap_or(&[]),
                None => &site.order,
            };
            let tag = tag.as_ref().and_then(|t| labels.tags.get(t));
            (
                "list.html",
                list_page(site, localizer, *l, items, labels, tag, *n),
            )
        }
        Page::Tags(l) => ("tags.html", tags_index(site, *l, &labels[*l].tags)),
        Page::Announcement { l, a } => (
            "announcement.html",
            announcement(site, localizer, *l, *a, &labels[*l]),
        ),
        Page::Feed(l) => ("atom.xml", feed::feed(site, *l, &labels[*l].tags)),
        Page::Alias { a, t } => ("redirect.html", alias::redirect(site, *a, *t)),
    }
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

fn item(site: &Site, localizer: &Localizer, l: usize, a: usize, labels: &Labels) -> ItemCtx {
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
        content_lang_name: labels.language(&t.lang),
        tags: t
            .tags
            .iter()
            .filter_map(|id| labels.tags.get(id).cloned())
            .collect(),
    }
}

fn list_page(
    site: &Site,
    localizer: &Localizer,
    l: usize,
    items: &[usize],
    labels: &Labels,
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
        .map(|&a| item(site, localizer, l, a, labels))
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
    labels: &Labels,
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
        content_lang_name: labels.language(&t.lang),
        original_url,
        tags: t
            .tags
            .iter()
            .filter_map(|id| labels.tags.get(id).cloned())
            .collect(),
        extra: t.extra.clone(),
    };
    ctx.insert("page", &ctx_page);
    ctx.insert("source_lang_name", &labels.language(&ann.source_lang));
    ctx.insert("lang_label", &labels.language(&lang.code));
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
