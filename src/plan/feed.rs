//! The Atom feed of each language: its newest translated announcements.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::TagCtx;
use crate::site::{Page, PageKind, Site};
use crate::urls::Route;

/// How many entries a feed carries.
pub const FEED_ENTRIES: usize = 20;

#[derive(Serialize)]
struct EntryCtx {
    title: String,
    url: String,
    published: String,
    updated: String,
    summary: String,
    html: String,
    tags: Vec<TagCtx>,
}

/// The pages a language's feed shows: its newest that are not fallbacks.
pub fn entries(site: &Site, l: usize) -> impl Iterator<Item = &Page> {
    site.pages[l]
        .iter()
        .filter(|page| page.kind != PageKind::Fallback)
        .take(FEED_ENTRIES)
}

/// The context of `/L/atom.xml` for language index `l`.
pub fn feed(site: &Site, l: usize, tag_labels: &BTreeMap<String, TagCtx>) -> Context {
    let lang = &site.config.languages[l];
    let items: Vec<EntryCtx> = entries(site, l)
        .map(|page| {
            let t = site.content_of(page);
            let route = site.announcement_route(page.announcement, &lang.code);
            EntryCtx {
                title: t.title.clone(),
                url: site.urls.absolute(&route),
                published: t.date.rfc3339.clone(),
                updated: t.updated.as_ref().unwrap_or(&t.date).rfc3339.clone(),
                summary: t.summary.clone().unwrap_or_else(|| t.scan.summary.clone()),
                html: crate::site::render_page(site, page).html,
                tags: t
                    .tags
                    .iter()
                    .filter_map(|id| tag_labels.get(id).cloned())
                    .collect(),
            }
        })
        .collect();
    let route = Route::Feed {
        lang: lang.code.clone(),
    };
    let mut ctx = Context::new();
    ctx.insert("lang", &lang.code);
    ctx.insert("title_key", &site.config.title_key);
    ctx.insert("feed_url", &site.urls.absolute(&route));
    ctx.insert(
        "home_url",
        &site.urls.absolute(&Route::Home {
            lang: lang.code.clone(),
            page: 1,
        }),
    );
    ctx.insert("updated", &updated(site, l));
    ctx.insert("entries", &items);
    ctx
}

/// When a feed last changed: its newest entry; with no entries, the newest announcement at all.
pub fn updated(site: &Site, l: usize) -> String {
    entries(site, l)
        .map(|page| {
            let t = site.content_of(page);
            t.updated.as_ref().unwrap_or(&t.date).clone()
        })
        .chain(site.announcements.iter().map(|a| a.source().date.clone()))
        .max_by_key(|d| d.timestamp)
        .map(|d| d.rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}
