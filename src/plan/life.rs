//! What an announcement's page shows of its life after publication: its latest change
//! note near the top and the whole history at the bottom, a withdrawal or expiry
//! notice, whether it is open or closed; and the sentences that say so, with their
//! dates in `<time>` and texts in another language marked with their own `lang`.

use serde::Serialize;

use super::read::Reader;
use crate::date::Date;

/// One change note of the history.
#[derive(Serialize)]
struct ChangeCtx {
    date_iso: String,
    date_text: String,
    note: String,
}

/// The newsroom part of an announcement page's context (`page.life`). The `*_html`
/// values are whole sentences in the page's language, already escaped.
#[derive(Serialize)]
pub(super) struct LifeCtx {
    /// "Updated <date>: <note>", from the newest change note.
    latest_change_html: Option<String>,
    /// Every change note, newest first.
    changes: Vec<ChangeCtx>,
    /// The language and direction of the notes' text.
    changes_lang: String,
    changes_dir: &'static str,
    /// "This announcement was withdrawn on <date>."
    withdrawn_html: Option<String>,
    /// The withdrawal's date (YYYY-MM-DD) and as the page's language writes it, for
    /// the history.
    withdrawn_date_iso: Option<String>,
    withdrawn_date_text: Option<String>,
    /// The reason it was withdrawn, in its language.
    withdrawn_reason: Option<String>,
    withdrawn_reason_lang: String,
    withdrawn_reason_dir: &'static str,
    /// "Open until <date>" or "Closed on <date>".
    closing_html: Option<String>,
    /// Whether its closing date has passed.
    closed: bool,
    /// "This announcement expired on <date>…", once it has.
    expired_html: Option<String>,
    /// Pinned on the home pages now.
    pinned: bool,
    /// In the urgent banner now.
    urgent: bool,
}

/// Text escaped for HTML element content.
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// A date as page language `l` writes it, in `<time>`: with its time and UTC offset
/// when `timed` and it has one.
fn time_html(reader: &Reader, l: usize, date: &Date, timed: bool) -> String {
    let (iso, text) = if timed && date.timed {
        (date.rfc3339.clone(), reader.format_date_time(l, date))
    } else {
        (date.ymd(), reader.format_date(l, date))
    };
    format!("<time datetime=\"{iso}\">{}</time>", escape_html(&text))
}

/// A text of language `lang` inside a sentence of page language `l`: escaped, in a
/// `<span>` with its own `lang` and `dir` when they are not the page's.
fn text_in(reader: &Reader, l: usize, text: &str, lang: &str) -> String {
    if lang == reader.language(l).code {
        escape_html(text)
    } else {
        format!(
            "<span lang=\"{lang}\" dir=\"{}\">{}</span>",
            reader.config().dir_of(lang),
            escape_html(text)
        )
    }
}

/// Message `id` in page language `l` as HTML, each argument given as HTML (a `<time>`,
/// a text with its own `lang`) in its place, whatever the word order of the language.
pub(super) fn sentence(reader: &mut Reader, l: usize, id: &str, args: &[(&str, String)]) -> String {
    // Each argument goes through Fluent as a private-use character, then takes its place.
    let marks: Vec<String> = (0..args.len())
        .map(|i| char::from_u32(0xE000 + i as u32).map_or_else(String::new, String::from))
        .collect();
    let fluent_args: Vec<(&str, &str)> = args
        .iter()
        .zip(&marks)
        .map(|((name, _), mark)| (*name, mark.as_str()))
        .collect();
    let text = reader.translate_with(l, id, &fluent_args);
    let mut html = crate::i18n::isolates_as_bdi(&text, escape_html);
    for ((_, value), mark) in args.iter().zip(&marks) {
        html = html.replace(mark.as_str(), value);
    }
    html
}

/// "Open until <date>" or "Closed on <date>" in page language `l`, and whether it is
/// closed, for translation `t` of announcement `a` if it has a closing date (its page
/// and its list entries say it).
pub(super) fn closing(reader: &mut Reader, l: usize, a: usize, t: usize) -> Option<(String, bool)> {
    let (life, phase) = reader.life(a, t);
    let date = time_html(reader, l, life.closes.as_ref()?, true);
    let id = if phase.closed {
        "closed-on"
    } else {
        "open-until"
    };
    Some((sentence(reader, l, id, &[("date", date)]), phase.closed))
}

/// The newsroom context of translation `t` of announcement `a` on a page in language `l`.
pub(super) fn life(reader: &mut Reader, l: usize, a: usize, t: usize) -> LifeCtx {
    let (life, phase) = reader.life(a, t);
    let changes_lang = life.changes_lang.clone();
    let latest_change_html = life.latest_change().map(|c| {
        let date = time_html(reader, l, &c.date, false);
        let note = text_in(
            reader,
            l,
            &reader.typeset(&changes_lang, &c.note),
            &changes_lang,
        );
        sentence(
            reader,
            l,
            "change-latest",
            &[("date", date), ("note", note)],
        )
    });
    let changes = life
        .changes
        .iter()
        .map(|c| ChangeCtx {
            date_iso: c.date.ymd(),
            date_text: reader.format_date(l, &c.date),
            note: reader.typeset(&changes_lang, &c.note),
        })
        .collect();
    let withdrawn_html = life.withdrawn.as_ref().map(|w| {
        let date = time_html(reader, l, &w.date, false);
        sentence(reader, l, "withdrawn-notice", &[("date", date)])
    });
    let reason = life.withdrawn.as_ref().and_then(|w| {
        let text = reader.typeset(&w.reason_lang, w.reason.as_deref()?);
        Some((text, w.reason_lang.clone()))
    });
    let closing_html = closing(reader, l, a, t).map(|(html, _)| html);
    let expired_html = life.expires.as_ref().filter(|_| phase.expired).map(|d| {
        let date = time_html(reader, l, d, true);
        sentence(reader, l, "expired-notice", &[("date", date)])
    });
    let (reason_lang, reason_dir) = match &reason {
        Some((_, lang)) => (lang.clone(), reader.config().dir_of(lang)),
        None => (String::new(), "ltr"),
    };
    let withdrawn_date = life.withdrawn.as_ref().map(|w| &w.date);
    LifeCtx {
        withdrawn_date_iso: withdrawn_date.map(Date::ymd),
        withdrawn_date_text: withdrawn_date.map(|d| reader.format_date(l, d)),
        latest_change_html,
        changes,
        changes_dir: reader.config().dir_of(&changes_lang),
        changes_lang,
        withdrawn_html,
        withdrawn_reason: reason.map(|(text, _)| text),
        withdrawn_reason_lang: reason_lang,
        withdrawn_reason_dir: reason_dir,
        closing_html,
        closed: phase.closed,
        expired_html,
        pinned: phase.pinned,
        urgent: phase.urgent,
    }
}
