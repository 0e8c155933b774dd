//! The Atom feed of each language: its newest announcements, the untranslated ones
//! (fallback pages) marked and in their content's language unless `feeds.untranslated`
//! is off.

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
    /// The language of the entry's text (`xml:lang`).
    content_lang: String,
    /// Not translated into the feed's language: a fallback page.
    fallback: bool,
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
        let content_lang = reader.lang_of(a, t);
        let fallback = page.kind == crate::site::PageKind::Fallback;
        let mut html = reader.html(l, a, t).html;
        if fallback {
            // The notice the fallback page shows, in the feed's language, before the text.
            let language = reader.language_label(l, &lang.code);
            let original = reader.language_label(l, content_lang);
            let notice = super::meta::message(
                reader,
                l,
                "fallback-notice",
                &[("language", &language), ("original", &original)],
            );
            html = format!(
                "<p lang=\"{}\" dir=\"{}\"><em>{}</em></p>\n{html}",
                lang.code,
                lang.dir.as_str(),
                escape_html(&notice)
            );
        }
        items.push(EntryCtx {
            title: reader.title(a, t).to_string(),
            url: reader.urls().absolute(&route),
            published: date.rfc3339.clone(),
            updated: updated.unwrap_or(date).rfc3339.clone(),
            summary: reader.summary(a, t),
            html,
            content_lang: content_lang.to_string(),
            fallback,
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

/// Text escaped for HTML element content.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}
