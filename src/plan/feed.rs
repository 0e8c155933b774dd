//! The Atom feed of each language: its newest translated announcements.

use serde::Serialize;
use tera::Context;

use super::labels::TagCtx;
use super::read::Reader;
use crate::urls::Route;

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

/// The context of `/L/atom.xml` for language index `l`.
pub fn feed(reader: &mut Reader, l: usize) -> (Context, Vec<String>) {
    let lang = reader.language(l);
    let mut items = Vec::new();
    for a in reader.feed_entries(l) {
        let page = reader.shown(l, a);
        let t = page.content;
        let route = reader.announcement_route(a, &lang.code);
        let (date, updated) = reader.dates(a, t);
        let tags = reader.tags(a, t);
        items.push(EntryCtx {
            title: reader.title(a, t).to_string(),
            url: reader.urls().absolute(&route),
            published: date.rfc3339.clone(),
            updated: updated.unwrap_or(date).rfc3339.clone(),
            summary: reader.summary(a, t).to_string(),
            html: reader.html(l, a, t).html,
            tags: tags
                .iter()
                .filter_map(|id| reader.tag_link(l, id))
                .collect(),
        });
    }
    let route = Route::Feed {
        lang: lang.code.clone(),
    };
    reader.strings(l);
    let urls = reader.urls();
    let mut ctx = Context::new();
    ctx.insert("lang", &lang.code);
    ctx.insert("title_key", &reader.config().title_key);
    ctx.insert("feed_url", &urls.absolute(&route));
    ctx.insert(
        "home_url",
        &urls.absolute(&Route::Home {
            lang: lang.code.clone(),
            page: 1,
        }),
    );
    ctx.insert("updated", reader.feed_updated(l));
    let shown = items
        .iter()
        .flat_map(|e| e.tags.iter().map(|t| t.id.clone()))
        .collect();
    ctx.insert("entries", &items);
    (ctx, shown)
}
