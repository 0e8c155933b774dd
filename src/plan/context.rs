//! Template contexts: what each kind of page shows, built through a [`Reader`] only
//! when the page is rendered.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::labels::{list_routes, KindCtx, TagCtx};
use super::meta::{kind_of, list_heading};
use super::read::Reader;
use super::{alias, archive, feed, meta, List, Page};
use crate::config::Language;
use crate::markdown;
use crate::site::PageKind;
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

/// A link to an announcement's page, as a list shows it.
#[derive(Serialize)]
struct EntryCtx {
    title: String,
    url: String,
    date_iso: String,
    date_text: String,
    /// Shown in another language (no translation into the page's).
    fallback: bool,
    content_lang: String,
    content_dir: &'static str,
    content_lang_name: String,
}

/// An entry of a list page: the link, its summary and tags.
#[derive(Serialize)]
pub(super) struct ItemCtx {
    #[serde(flatten)]
    entry: EntryCtx,
    summary: String,
    pub(super) tags: Vec<TagCtx>,
    kind: Option<KindCtx>,
    /// One of the pinned announcements above the others (on the home list).
    pinned: bool,
    /// "Open until <date>" or "Closed on <date>" (HTML), for one with a closing date.
    closing_html: Option<String>,
    /// Whether its closing date has passed.
    closed: bool,
}

/// A section of the table of contents, with the sections under it.
#[derive(Serialize)]
struct TocCtx {
    id: String,
    text: String,
    children: Vec<TocCtx>,
}

#[derive(Serialize)]
struct PaginationCtx {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
}

/// What the search page shows besides the common variables.
#[derive(Serialize)]
struct SearchCtx {
    /// Root-relative URL of the search index's folder (`/pagefind/`), with its scripts.
    bundle_url: String,
    /// How many announcements this language's search finds (its real translations).
    count: usize,
    /// This language's name inside a sentence in this language.
    lang_label: String,
    /// The default language's code, its name in this language and its search page.
    default_lang: String,
    default_lang_name: String,
    default_url: String,
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
    /// The table of contents (`toc: true`): its sections, nested by level; empty without.
    toc: Vec<TocCtx>,
    /// The announcements related to this one, best first.
    related: Vec<EntryCtx>,

    life: super::life::LifeCtx,
}

/// The template and context of a page (`None` for a page herald writes itself: the
/// sitemap, or an announcement that is not published). `reads(template, variable)`
/// tells whether a template names a variable: `tag_counts` is built only then.
pub fn context(
    reader: &mut Reader,
    page: &Page,
    reads: &dyn Fn(&str, &str) -> bool,
) -> Option<(&'static str, Context)> {
    let (template, mut ctx, tags) = template_context(reader, page)?;
    if reads(template, "tag_counts") {
        // Counts change with every other announcement that gains or loses a tag, so
        // only the pages whose templates can show them follow those changes.
        let counts: BTreeMap<String, usize> = match tags {
            Some((l, tags)) => tags
                .into_iter()
                .filter_map(|id| Some((id.clone(), reader.tag(l, &id)?.count?)))
                .collect(),
            None => BTreeMap::new(),
        };
        ctx.insert("tag_counts", &counts);
    }
    Some((template, ctx))
}

/// The tags a page shows, in its language.
type Shown = Option<(usize, Vec<String>)>;

fn shown(l: usize, tags: impl IntoIterator<Item = String>) -> Shown {
    let mut tags: Vec<String> = tags.into_iter().collect();
    tags.sort();
    tags.dedup();
    Some((l, tags))
}

fn template_context(reader: &mut Reader, page: &Page) -> Option<(&'static str, Context, Shown)> {
    Some(match *page {
        Page::Chooser => ("chooser.html", chooser(reader), None),
        Page::NotFound(l) => ("404.html", not_found(reader, l), None),
        Page::List { l, list, n } => {
            let (ctx, tags) = list_page(reader, l, list, n);
            ("list.html", ctx, shown(l, tags))
        }
        Page::Tags(l) => ("tags.html", tags_index(reader, l), None),
        Page::Announcement { l, a } => {
            let a = reader.index(a)?;
            let (ctx, tags) = announcement(reader, l, a);
            ("announcement.html", ctx, shown(l, tags))
        }
        Page::Feed { l, list } => {
            let (ctx, tags) = feed::feed(reader, l, list);
            ("atom.xml", ctx, shown(l, tags))
        }
        Page::Archive(l) => {
            let mut page = |reader: &mut Reader, route: &dyn Fn(&str) -> Route, title, about| {
                titled_in_every_language(reader, l, route, title, about)
            };
            ("archive.html", archive::years(reader, l, &mut page), None)
        }
        Page::ArchiveYear { l, year } => {
            let mut page = |reader: &mut Reader, route: &dyn Fn(&str) -> Route, title, about| {
                titled_in_every_language(reader, l, route, title, about)
            };
            let mut entry = |reader: &mut Reader, a: usize| {
                let entry = item(reader, l, a);
                let tags = entry.tags.iter().map(|t| t.id.clone()).collect();
                (entry, tags)
            };
            let (ctx, tags) = archive::year(reader, l, year, &mut page, &mut entry);
            ("archive.html", ctx, shown(l, tags))
        }
        Page::Alias { a, t, i: _ } => {
            let a = reader.index(a)?;
            ("redirect.html", alias::redirect(reader, a, t), None)
        }
        Page::Search(l) => ("search.html", search(reader, l), None),
        Page::Sitemap(_) | Page::Robots => return None,
    })
}

/// Variables every page has.
fn common(
    reader: &mut Reader,
    l: usize,
    route: &Route,
    menu: Vec<LinkCtx>,
    alternates: Vec<AlternateCtx>,
) -> Context {
    // Every page's template can call `t()` in its language.
    reader.strings(l);
    let urls = reader.urls();
    let mut ctx = Context::new();
    for (key, value) in reader.page_values(l) {
        ctx.insert_value(*key, value.clone());
    }
    ctx.insert("page_url", &urls.url(route));
    ctx.insert("canonical", &urls.absolute(route));
    ctx.insert("language_menu", &menu);
    ctx.insert("alternates", &alternates);
    ctx.insert("urgent", &reader.urgent(l));
    ctx
}

/// Links to the same route in every language.
fn menu_for(
    reader: &mut Reader,
    current: &str,
    mut route_in: impl FnMut(&mut Reader, &Language) -> Route,
) -> Vec<LinkCtx> {
    let languages = &reader.config().languages;
    languages
        .iter()
        .map(|lang| LinkCtx {
            code: lang.code.clone(),
            name: lang.name.clone(),
            url: reader.urls().url(&route_in(reader, lang)),
            dir: lang.dir.as_str(),
            current: lang.code == current,
        })
        .collect()
}

/// The same route in every language, plus the default language's as `x-default`.
fn alternates_for(reader: &Reader, route_in: impl Fn(&Language) -> Route) -> Vec<AlternateCtx> {
    let config = reader.config();
    let urls = reader.urls();
    let mut alts: Vec<AlternateCtx> = config
        .languages
        .iter()
        .map(|lang| AlternateCtx {
            hreflang: lang.code.clone(),
            href: urls.absolute(&route_in(lang)),
        })
        .collect();
    if let Some(lang) = config.language(&config.default_language) {
        alts.push(AlternateCtx {
            hreflang: "x-default".into(),
            href: urls.absolute(&route_in(lang)),
        });
    }
    alts
}

/// The languages of some hreflang alternates (without `x-default`).
fn alternate_langs(alternates: &[AlternateCtx]) -> Vec<String> {
    alternates
        .iter()
        .filter(|a| a.hreflang != "x-default")
        .map(|a| a.hreflang.clone())
        .collect()
}

/// The hreflang alternates of page `n` of a list: the languages that have that page
/// (every language has every home page; a tag's pages only where it has the tag and
/// as many announcements), and `x-default`: the chooser for the first home page, else
/// the default language's page. The same set on every member, so reciprocal.
fn list_alternates(
    reader: &mut Reader,
    list: List,
    n: usize,
    route_for: &dyn Fn(&str, usize) -> Route,
) -> Vec<AlternateCtx> {
    let config = reader.config();
    let mut alts: Vec<AlternateCtx> = Vec::new();
    let mut default_there = false;
    for (other, lang) in config.languages.iter().enumerate() {
        let there = match list {
            List::Tag(id) => reader.has_tag(other, id) && reader.pages(other, list) >= n,
            List::Home | List::Kind(_) => reader.pages(other, list) >= n,
        };
        if there {
            default_there |= lang.code == config.default_language;
            alts.push(AlternateCtx {
                hreflang: lang.code.clone(),
                href: reader.urls().absolute(&route_for(&lang.code, n)),
            });
        }
    }
    let x_default = match list {
        List::Home if n == 1 => Some(Route::Root),
        _ if default_there => Some(route_for(&config.default_language, n)),
        _ => None,
    };
    if let Some(route) = x_default {
        alts.push(AlternateCtx {
            hreflang: "x-default".into(),
            href: reader.urls().absolute(&route),
        });
    }
    alts
}

/// The tags of translation `t` of announcement `a`, as page language `l` shows them.
fn tags_of(reader: &mut Reader, l: usize, a: usize, t: usize) -> Vec<TagCtx> {
    reader
        .tags(a, t)
        .iter()
        .filter_map(|id| reader.tag_link(l, id))
        .collect()
}

/// The link to announcement `a` as page language `l` lists it.
fn entry(reader: &mut Reader, l: usize, a: usize) -> (EntryCtx, usize) {
    let lang = reader.language(l);
    let page = reader.shown(l, a);
    let t = page.content;
    let content_lang = reader.lang_of(a, t);
    let (date, _) = reader.dates(a, t);
    let route = reader.announcement_route(a, &lang.code);
    let entry = EntryCtx {
        title: reader.title(a, t).to_string(),
        url: reader.urls().url(&route),
        date_iso: date.ymd(),
        date_text: reader.format_date(l, date),
        fallback: page.kind == PageKind::Fallback,
        content_lang: content_lang.to_string(),
        content_dir: reader.config().dir_of(content_lang),
        content_lang_name: reader.language_label(l, content_lang),
    };
    (entry, t)
}

/// One entry of a list page.
pub(super) fn item(reader: &mut Reader, l: usize, a: usize) -> ItemCtx {
    let (entry, t) = entry(reader, l, a);
    let (_, phase) = reader.life(a, t);
    let closing = super::life::closing(reader, l, a, t);
    ItemCtx {
        entry,
        summary: reader.summary(a, t),
        tags: tags_of(reader, l, a, t),
        pinned: phase.pinned,
        kind: kind_of(reader, l, a, t),
        closed: closing.as_ref().is_some_and(|c| c.1),
        closing_html: closing.map(|c| c.0),
    }
}

/// The sections of a body (`h2`–`h4`), each with the deeper ones that follow it.
fn toc_tree(headings: &[&markdown::Heading]) -> Vec<TocCtx> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(heading) = headings.get(i) {
        let end = headings[i + 1..]
            .iter()
            .position(|h| h.level <= heading.level)
            .map_or(headings.len(), |n| i + 1 + n);
        out.push(TocCtx {
            id: heading.id.clone(),
            text: heading.text.clone(),
            children: toc_tree(&headings[i + 1..end]),
        });
        i = end;
    }
    out
}

/// The feed of a tag's or kind's list, as its page links to it.
#[derive(Serialize)]
struct FeedLinkCtx {
    /// Root-relative URL of the feed.
    url: String,
    /// What the feed is (the list's heading), for `<link title>`.
    title: String,
}

fn list_page(reader: &mut Reader, l: usize, list: List, n: usize) -> (Context, Vec<String>) {
    let lang = reader.language(l);
    let total = reader.pages(l, list);
    let tag = match list {
        List::Tag(id) => reader.tag_link_by_id(l, id),
        _ => None,
    };
    let kind = match list {
        List::Kind(k) => reader.kind_link(l, k),
        _ => None,
    };
    let name = tag
        .as_ref()
        .map(|t| t.id.clone())
        .or_else(|| kind.as_ref().map(|k| k.id.clone()))
        .unwrap_or_default();
    let route_for = |code: &str, page: usize| list_routes(list, &name, code, page).0;
    let route = route_for(&lang.code, n);
    let menu = menu_for(reader, &lang.code, |_, other| route_for(&other.code, n));
    let alternates = list_alternates(reader, list, n, &route_for);
    let hreflangs = alternate_langs(&alternates);
    let mut ctx = common(reader, l, &route, menu, alternates);
    let heading = list_heading(reader, l, tag.as_ref(), kind.as_ref());
    let list_feed = heading.as_ref().map(|(title, _)| FeedLinkCtx {
        url: reader
            .urls()
            .url(&list_routes(list, &name, &lang.code, 1).1),
        title: title.clone(),
    });
    ctx.insert("list_feed", &list_feed);
    ctx.insert("kind", &kind);
    let (title, description) = match heading {
        Some(heading) => heading,
        None => (
            meta::site_name(reader, l),
            meta::site_description(reader, l),
        ),
    };
    let url = reader.urls().absolute(&route);
    let page_meta = meta::page_meta(reader, l, title, description, url, &hreflangs);
    ctx.insert("meta", &page_meta);
    // The home list's first announcements are its pinned ones (at most `pinned_max`):
    // an announcement pinned there, within that many, is one of them.
    let first = (n - 1) * reader.config().paginate;
    let pinned_max = reader.config().pinned_max;
    let chunk: Vec<ItemCtx> = reader
        .window(l, list, n)
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let mut item = item(reader, l, a);
            item.pinned &= list == List::Home && first + i < pinned_max;
            item
        })
        .collect();
    let mut shown: Vec<String> = chunk
        .iter()
        .flat_map(|item| item.tags.iter().map(|t| t.id.clone()))
        .collect();
    shown.extend(tag.iter().map(|t| t.id.clone()));
    ctx.insert("items", &chunk);
    ctx.insert("tag", &tag);
    let urls = reader.urls();
    ctx.insert(
        "pagination",
        &PaginationCtx {
            current: n,
            total,
            prev_url: (n > 1).then(|| urls.url(&route_for(&lang.code, n - 1))),
            next_url: (n < total).then(|| urls.url(&route_for(&lang.code, n + 1))),
        },
    );
    (ctx, shown)
}

/// The common context and metadata of a page every language has at its own `route`
/// (the tag index, the search page), titled by the message `title_id`.
fn page_in_every_language(
    reader: &mut Reader,
    l: usize,
    route: impl Fn(&str) -> Route,
    title_id: &str,
) -> Context {
    let title = meta::message(reader, l, title_id, &[]);
    let description = meta::site_description(reader, l);
    titled_in_every_language(reader, l, route, title, description)
}

/// The common context and metadata of a page every language has at its own `route`,
/// with this title and description.
pub(super) fn titled_in_every_language(
    reader: &mut Reader,
    l: usize,
    route: impl Fn(&str) -> Route,
    title: String,
    description: String,
) -> Context {
    let code = reader.language(l).code.clone();
    let menu = menu_for(reader, &code, |_, other| route(&other.code));
    let alternates = alternates_for(reader, |other| route(&other.code));
    let hreflangs = alternate_langs(&alternates);
    let own = route(&code);
    let mut ctx = common(reader, l, &own, menu, alternates);
    let url = reader.urls().absolute(&own);
    let page_meta = meta::page_meta(reader, l, title, description, url, &hreflangs);
    ctx.insert("meta", &page_meta);
    ctx
}

fn tags_index(reader: &mut Reader, l: usize) -> Context {
    let tags_route = |code: &str| Route::Tags {
        lang: code.to_string(),
    };
    let mut ctx = page_in_every_language(reader, l, tags_route, "tags-heading");
    let mut tags = reader.all_tags(l);
    tags.sort_by(|a, b| {
        a.label
            .to_lowercase()
            .cmp(&b.label.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    ctx.insert("tags", &tags);
    // The kinds of site.yaml's `kinds:`, in its order, with how many each has here.
    let kinds: Vec<KindCountCtx> = (0..reader.config().kinds.len())
        .filter_map(|k| {
            let list = List::Kind(k as crate::config::KindId);
            let count = reader.count(l, list);
            let kind = reader.kind_link(l, k as crate::config::KindId)?;
            Some(KindCountCtx { kind, count })
        })
        .collect();
    ctx.insert("kinds", &kinds);
    ctx
}

/// A kind on the tag index: its label and list, and how many announcements it has.
#[derive(Serialize)]
struct KindCountCtx {
    #[serde(flatten)]
    kind: KindCtx,
    count: usize,
}

fn announcement(reader: &mut Reader, l: usize, a: usize) -> (Context, Vec<String>) {
    let config = reader.config();
    let lang = reader.language(l);
    let page = reader.shown(l, a);
    let t = page.content;
    let route = reader.announcement_route(a, &lang.code);
    let menu = menu_for(reader, &lang.code, |reader, other| {
        reader.announcement_route(a, &other.code)
    });
    let (versions, source_lang) = reader.versions(a);
    // hreflang alternates: only real translations, plus the source as x-default; none
    // on a fallback page (it is not canonical: its canonical is the original).
    let mut alternates: Vec<AlternateCtx> = Vec::new();
    if page.kind != PageKind::Fallback {
        for other in &versions {
            let route = reader.announcement_route(a, &other.code);
            alternates.push(AlternateCtx {
                hreflang: other.code.clone(),
                href: reader.urls().absolute(&route),
            });
        }
    }
    let source_route = reader.announcement_route(a, source_lang);
    if page.kind != PageKind::Fallback {
        alternates.push(AlternateCtx {
            hreflang: "x-default".into(),
            href: reader.urls().absolute(&source_route),
        });
    }
    let mut ctx = common(reader, l, &route, menu, alternates);
    let content_lang = reader.lang_of(a, t);
    let content_route = reader.announcement_route(a, content_lang);
    let kind = match page.kind {
        PageKind::Translated => "translated",
        PageKind::Stale => "stale",
        PageKind::Fallback => "fallback",
    };
    let urls = reader.urls();
    if page.kind == PageKind::Fallback {
        ctx.insert("canonical", &urls.absolute(&content_route));
    }
    let original_url = if page.kind == PageKind::Fallback {
        urls.url(&content_route)
    } else {
        urls.url(&source_route)
    };
    let (date, updated) = reader.dates(a, t);
    let body = reader.html(l, a, t, true);
    let toc = if reader.toc(a, t) {
        let sections: Vec<&markdown::Heading> = body
            .toc
            .iter()
            .filter(|h| markdown::SECTION_LEVELS.contains(&h.level))
            .collect();
        toc_tree(&sections)
    } else {
        Vec::new()
    };
    let related = reader
        .related(l, a)
        .into_iter()
        .map(|b| entry(reader, l, b).0)
        .collect();
    let ctx_page = PageCtx {
        title: reader.title(a, t).to_string(),
        date_iso: date.ymd(),
        date_text: reader.format_date(l, date),
        updated_iso: updated.map(|d| d.ymd()),
        updated_text: updated.map(|d| reader.format_date(l, d)),
        html: body.html,
        summary: reader.summary(a, t),
        kind,
        content_lang: content_lang.to_string(),
        content_dir: reader.config().dir_of(content_lang),
        content_lang_name: reader.language_label(l, content_lang),
        original_url,
        tags: tags_of(reader, l, a, t),
        extra: reader.extra(a, t).clone(),
        toc,
        related,

        life: super::life::life(reader, l, a, t),
    };
    let canonical = if page.kind == PageKind::Fallback {
        urls.absolute(&content_route)
    } else {
        urls.absolute(&route)
    };
    let shown_meta = meta::Shown {
        l,
        a,
        t,
        content_lang,
        title: &ctx_page.title,
        summary: &ctx_page.summary,
        date,
        updated,
        tags: &ctx_page.tags,
        versions: versions.iter().map(|v| v.code.as_str()).collect(),
        canonical,
    };
    let page_meta = meta::announcement_meta(reader, &shown_meta);
    ctx.insert("meta", &page_meta);
    ctx.insert("page", &ctx_page);
    ctx.insert("source_lang_name", &reader.language_label(l, source_lang));
    ctx.insert("lang_label", &reader.language_label(l, &lang.code));
    ctx.insert("source_lang", source_lang);
    // The switcher: languages this announcement exists in, official first.
    let mut official = Vec::new();
    let mut others = Vec::new();
    for other in versions {
        let route = reader.announcement_route(a, &other.code);
        let link = LinkCtx {
            code: other.code.clone(),
            name: other.name.clone(),
            url: reader.urls().url(&route),
            dir: other.dir.as_str(),
            current: other.code == lang.code,
        };
        if other.official {
            official.push(link);
        } else {
            others.push(link);
        }
    }
    ctx.insert("official_versions", &official);
    ctx.insert("other_versions", &others);
    ctx.insert("kind", &kind_of(reader, l, a, t));
    let _ = config;
    let shown = ctx_page.tags.iter().map(|t| t.id.clone()).collect();
    (ctx, shown)
}

fn chooser(reader: &mut Reader) -> Context {
    let config = reader.config();
    let l = config.language_index(&config.default_language).unwrap_or(0);
    let route = Route::Root;
    let menu = menu_for(reader, "", |_, other| Route::Home {
        lang: other.code.clone(),
        page: 1,
    });
    let alternates = list_alternates(reader, List::Home, 1, &|code: &str, page| Route::Home {
        lang: code.to_string(),
        page,
    });
    let hreflangs = alternate_langs(&alternates);
    let mut ctx = common(reader, l, &route, menu, alternates);
    let title = meta::site_name(reader, l);
    let description = meta::site_description(reader, l);
    let url = reader.urls().absolute(&route);
    let page_meta = meta::page_meta(reader, l, title, description, url, &hreflangs);
    ctx.insert("meta", &page_meta);
    let choices: Vec<ChoiceCtx> = config
        .languages
        .iter()
        .enumerate()
        .map(|(i, other)| ChoiceCtx {
            code: other.code.clone(),
            name: other.name.clone(),
            url: reader.urls().url(&Route::Home {
                lang: other.code.clone(),
                page: 1,
            }),
            dir: other.dir.as_str(),
            prompt: reader.translate(i, "chooser-prompt"),
        })
        .collect();
    ctx.insert("choices", &choices);
    ctx
}

fn not_found(reader: &mut Reader, l: Option<usize>) -> Context {
    let config = reader.config();
    let page_l = match l {
        Some(l) => l,
        None => config.language_index(&config.default_language).unwrap_or(0),
    };
    let lang = reader.language(page_l);
    let route = Route::NotFound {
        lang: l.map(|_| lang.code.clone()),
    };
    let menu = menu_for(reader, &lang.code, |_, other| Route::Home {
        lang: other.code.clone(),
        page: 1,
    });
    let mut ctx = common(reader, page_l, &route, menu, Vec::new());
    ctx.insert("root_404", &l.is_none());
    let title = meta::message(reader, page_l, "not-found-title", &[]);
    let description = meta::message(reader, page_l, "not-found-text", &[]);
    let url = reader.urls().absolute(&route);
    let page_meta = meta::page_meta(reader, page_l, title, description, url, &[]);
    ctx.insert("meta", &page_meta);
    ctx
}

/// `/L/search/`: the search page of language `l`.
fn search(reader: &mut Reader, l: usize) -> Context {
    let config = reader.config();
    let lang = reader.language(l);
    let search_route = |code: &str| Route::Search {
        lang: code.to_string(),
    };
    let mut ctx = page_in_every_language(reader, l, search_route, "search-heading");
    let urls = reader.urls();
    let search = SearchCtx {
        bundle_url: urls.url(&Route::SearchBundle),
        count: reader.searchable(l),
        lang_label: reader.language_label(l, &lang.code),
        default_lang: config.default_language.clone(),
        default_lang_name: reader.language_label(l, &config.default_language),
        default_url: urls.url(&Route::Search {
            lang: config.default_language.clone(),
        }),
    };
    ctx.insert("search", &search);
    ctx
}
