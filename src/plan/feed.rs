//! The Atom feeds of each language (its home list's, each tag's and each kind's): the
//! list's newest announcements, the untranslated ones (fallback pages) marked and in
//! their content's language unless `feeds.untranslated` is off.

use serde::Serialize;
use tera::Context;

use super::labels::{list_routes, KindCtx, TagCtx};
use super::life::escape_html;
use super::meta::{kind_of, list_heading, message};
use super::read::Reader;
use super::List;

#[derive(Serialize)]
struct EntryCtx {
    title: String,
    url: String,
    published: String,
    updated: String,
    summary: String,
    html: String,
    tags: Vec<TagCtx>,
    kind: Option<KindCtx>,
    /// The language of the entry's text (`xml:lang`).
    content_lang: String,
    /// Not translated into the feed's language: a fallback page.
    fallback: bool,
}

/// What a tag's or kind's feed is about: its list's heading and description.
#[derive(Serialize)]
struct ListCtx {
    title: String,
    description: String,
}

/// The context of the feed of `list` in language index `l` (`/L/atom.xml` for the
/// home list).
pub fn feed(reader: &mut Reader, l: usize, list: List) -> (Context, Vec<String>) {
    let lang = reader.language(l);
    let mut items = Vec::new();
    for a in reader.feed_entries(l, list) {
        let page = reader.shown(l, a);
        let t = page.content;
        let route = reader.announcement_route(a, &lang.code);
        let (date, updated) = reader.dates(a, t);
        let tags = reader.tags(a, t);
        let content_lang = reader.lang_of(a, t);
        let fallback = page.kind == crate::site::PageKind::Fallback;
        // Ids without self-links: a feed reader shows the text, not the page's navigation.
        let mut html = reader.html(l, a, t, false).html;
        if fallback {
            // The notice the fallback page shows, in the feed's language, before the text.
            let language = reader.language_label(l, &lang.code);
            let original = reader.language_label(l, content_lang);
            let notice = message(
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
        let mut title = reader.title(a, t).to_string();
        let mut summary = reader.summary(a, t);
        let mut updated = updated.unwrap_or(date);
        // A withdrawn announcement's last entry: updated when it was withdrawn, saying so.
        let (life, phase) = reader.life(a, t);
        if let (true, Some(w)) = (phase.withdrawn, &life.withdrawn) {
            if w.date.timestamp > updated.timestamp {
                updated = &w.date;
            }
            title = message(reader, l, "feed-withdrawn-title", &[("title", &title)]);
            let date = reader.format_date(l, &w.date);
            summary = message(reader, l, "withdrawn-notice", &[("date", &date)]);
            let reason = w.reason.as_deref().map_or_else(String::new, |r| {
                let dir = reader.config().dir_of(&w.reason_lang);
                format!(
                    "<p lang=\"{}\" dir=\"{dir}\">{}</p>\n",
                    w.reason_lang,
                    escape_html(&reader.typeset(&w.reason_lang, r))
                )
            });
            html = format!(
                "<p lang=\"{}\" dir=\"{}\"><strong>{}</strong></p>\n{reason}",
                lang.code,
                lang.dir.as_str(),
                escape_html(&summary)
            );
        }
        items.push(EntryCtx {
            title,
            url: reader.urls().absolute(&route),
            published: date.rfc3339.clone(),
            updated: updated.rfc3339.clone(),
            summary,
            html,
            content_lang: content_lang.to_string(),
            fallback,
            tags: tags
                .iter()
                .filter_map(|id| reader.tag_link(l, id))
                .collect(),
            kind: kind_of(reader, l, a, t),
        });
    }
    let code = lang.code.clone();
    let (tag, kind) = match list {
        List::Home => (None, None),
        List::Tag(id) => (reader.tag_link_by_id(l, id), None),
        List::Kind(k) => (None, reader.kind_link(l, k)),
    };
    let name = tag.as_ref().map(|t| &t.id).or(kind.as_ref().map(|k| &k.id));
    let (page, route) = list_routes(list, name.map_or("", |n| n), &code, 1);
    let about = list_heading(reader, l, tag.as_ref(), kind.as_ref())
        .map(|(title, description)| ListCtx { title, description });
    reader.strings(l);
    let urls = reader.urls();
    let mut ctx = Context::new();
    ctx.insert("lang", &lang.code);
    ctx.insert("title_key", &reader.config().title_key);
    ctx.insert("feed_url", &urls.absolute(&route));
    ctx.insert("home_url", &urls.absolute(&page));
    ctx.insert("list", &about);
    ctx.insert("updated", reader.feed_updated(l, list));
    let shown = items
        .iter()
        .flat_map(|e| e.tags.iter().map(|t| t.id.clone()))
        .chain(tag.map(|t| t.id))
        .collect();
    ctx.insert("entries", &items);
    (ctx, shown)
}
