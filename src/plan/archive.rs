//! The archive of each language: `/L/archive/` lists the years with how many
//! announcements each has, `/L/archive/YYYY/` a year's announcements by month, newest
//! first, under CLDR month-year headings. Every announcement is there, as on the home
//! list (fallback pages marked), by the year and month of its source's date.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::meta;
use super::read::Reader;
use crate::urls::Route;

/// The archive as `archive.html` sees it: the years on `/L/archive/`, one year by
/// month on `/L/archive/YYYY/`.
#[derive(Serialize)]
struct ArchiveCtx<T> {
    /// Root-relative URL of the archive's years (`/L/archive/`).
    url: String,
    /// On `/L/archive/`: every year, newest first (empty on a year's page).
    years: Vec<YearCtx>,
    /// On `/L/archive/YYYY/`: the year shown.
    year: Option<YearCtx>,
    /// On `/L/archive/YYYY/`: its months that have announcements, newest first.
    months: Vec<MonthCtx<T>>,
}

/// One year of the archive.
#[derive(Serialize)]
struct YearCtx {
    /// The year (`2015`).
    year: i32,
    /// The year as CLDR writes it in the page's language (`2015`, `2015年`).
    label: String,
    /// Root-relative URL of its page.
    url: String,
    /// How many announcements it has.
    count: usize,
}

/// One month of a year's page (`T`: a list entry as the caller writes it).
#[derive(Serialize)]
struct MonthCtx<T> {
    /// `YYYY-MM`, for `<time datetime>` and element ids.
    id: String,
    /// The month and year as CLDR writes them in the page's language (`October 2015`).
    heading: String,
    /// Its announcements, newest first.
    items: Vec<T>,
}

fn index_route(code: &str) -> Route {
    Route::Archive {
        lang: code.to_string(),
    }
}

fn year_route(code: &str, year: i32) -> Route {
    Route::ArchiveYear {
        lang: code.to_string(),
        year,
    }
}

/// A page's common context, from its route in each language, title and description
/// (the page skeleton the caller builds).
pub(super) type PageOf<'f> =
    &'f mut dyn FnMut(&mut Reader, &dyn Fn(&str) -> Route, String, String) -> Context;

/// An announcement's list entry and the tags it shows (the caller writes entries).
pub(super) type EntryOf<'f, T> = &'f mut dyn FnMut(&mut Reader, usize) -> (T, Vec<String>);

/// The context of `/L/archive/` in language index `l`.
pub(super) fn years(reader: &mut Reader, l: usize, page: PageOf) -> Context {
    let code = reader.language(l).code.clone();
    let title = meta::message(reader, l, "archive-heading", &[]);
    let description = meta::message(reader, l, "archive-description", &[]);
    let mut ctx = page(reader, &index_route, title, description);
    // A year whose announcements are all off the lists in this language is not offered.
    let years = reader
        .years(l)
        .into_iter()
        .filter(|&(_, count)| count > 0)
        .map(|(year, count)| YearCtx {
            year,
            label: reader.format_year(l, year),
            url: reader.urls().url(&year_route(&code, year)),
            count,
        })
        .collect();
    ctx.insert(
        "archive",
        &ArchiveCtx::<()> {
            url: reader.urls().url(&index_route(&code)),
            years,
            year: None,
            months: Vec::new(),
        },
    );
    ctx
}

/// The context of `/L/archive/YYYY/` in language index `l`, and the tags it shows
/// (`item`: an announcement's list entry and the tags it shows).
pub(super) fn year<T: Serialize>(
    reader: &mut Reader,
    l: usize,
    year: i32,
    page: PageOf,
    item: EntryOf<T>,
) -> (Context, Vec<String>) {
    let code = reader.language(l).code.clone();
    let label = reader.format_year(l, year);
    let title = meta::message(reader, l, "archive-year-heading", &[("year", &label)]);
    let description = meta::message(reader, l, "archive-year-description", &[("year", &label)]);
    let route = |code: &str| year_route(code, year);
    let mut ctx = page(reader, &route, title, description);
    let (items, months) = reader.archive_year(l, year);
    let mut by_month: BTreeMap<u8, Vec<usize>> = BTreeMap::new();
    for (&a, month) in items.iter().zip(months) {
        by_month.entry(month).or_default().push(a);
    }
    let mut shown = Vec::new();
    let months = by_month
        .into_iter()
        .rev()
        .map(|(month, items)| {
            let items: Vec<T> = items
                .into_iter()
                .map(|a| {
                    let (entry, tags) = item(reader, a);
                    shown.extend(tags);
                    entry
                })
                .collect();
            MonthCtx {
                id: format!("{year:04}-{month:02}"),
                heading: reader.format_month(l, year, month),
                items,
            }
        })
        .collect();
    let archive = ArchiveCtx {
        url: reader.urls().url(&index_route(&code)),
        years: Vec::new(),
        year: Some(YearCtx {
            year,
            label,
            url: reader.urls().url(&year_route(&code, year)),
            count: items.len(),
        }),
        months,
    };
    ctx.insert("archive", &archive);
    (ctx, shown)
}
