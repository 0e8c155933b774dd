//! The facts a page can read from the model, and their values: the same function
//! gives the value a [`super::Reader`] records and the value watch mode compares.

use super::{List, SitemapFile};
use crate::config::{Config, KindId};
use crate::content::{AnnId, Announcement, TagId, Translation};
use crate::hash::stable_hash;
use crate::i18n::Localizer;
use crate::site::{Page, Site, Structure, TagList};

/// A language, by its index in the configuration.
pub type Lang = u16;

/// One thing a page can read from the model. Facts about one announcement name it by
/// its stable id and a language (of a translation, or of the page); the others are
/// about the whole site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// The interface strings a language can use (its fallback chain's `.ftl` files):
    /// everything `t()`, tag labels and language names show.
    Strings(Lang),
    /// How many announcements a list has in a language (a tag's count).
    Count(Lang, List),
    /// How many pages a list has in a language (pagination).
    Pages(Lang, List),
    /// Whether a language has a tag (some announcement in it has the tag).
    HasTag(Lang, TagId),
    /// Which announcements are on page `n` (1-based) of a list, in order.
    Window(Lang, List, u32),
    /// Which tags a language has.
    TagSet(Lang),
    /// Which announcements the feed of a list shows in a language.
    FeedEntries(Lang, List),
    /// The `updated` date of a list's feed in a language.
    FeedUpdated(Lang, List),
    /// When each page of a list last changed (the sitemap's `lastmod`).
    Lastmods(Lang, List),
    /// When a language's newest page last changed.
    NewestChange(Lang),
    /// The newest source date of all.
    NewestSource,
    /// Every published announcement, in order.
    Order,
    /// The output of a part built once and shared (a sitemap's entries).
    Unit(Unit),
    /// A translation's title (announcement, language of the translation).
    Title(AnnId, Lang),
    /// A translation's summary (the author's, or the first paragraph).
    Summary(AnnId, Lang),
    /// A translation's Markdown body.
    Body(AnnId, Lang),
    /// A translation's `date` and `updated`.
    Dates(AnnId, Lang),
    /// A translation's tags.
    Tags(AnnId, Lang),
    /// A translation's `extra` map.
    Extra(AnnId, Lang),
    /// An announcement's URL segment in a language (its translation's, else its source's).
    Slug(AnnId, Lang),
    /// What the announcement's page in a language shows: translated, stale or
    /// fallback, and the language of the text.
    Shown(AnnId, Lang),
    /// The languages an announcement exists in, and its source language.
    Versions(AnnId),
    /// A translation's share image (`image:`, as written).
    Image(AnnId, Lang),
    /// The sizes of the images in an announcement's bundle.
    BundleImages(AnnId),
    /// The sizes of the static files' images (the share image among them).
    StaticImages,
    /// How many announcements a language's search finds (its pages that are not fallbacks).
    Searchable(Lang),
    /// The files of a split sitemap (none: the sitemap is one file).
    SitemapParts,
    /// A language's announcements with a page of their own whose source is dated in a year.
    Year(Lang, i32),
    /// The announcements related to one on its page in a language, in order.
    Related(Lang, AnnId),
    /// Whether a translation's page shows a table of contents (`toc:`).
    Toc(AnnId, Lang),

    /// A translation's newsroom fields (change notes, withdrawal, closing and expiry
    /// dates, pinned, urgent) and its state at the build's clock.
    Life(AnnId, Lang),
    /// The urgent banner of a language's pages: each urgent announcement's title, URL
    /// and the language of its text.
    Urgent(Lang),
    /// A translation's kind.
    Kind(AnnId, Lang),
    /// The archive's years, with how many announcements each lists in a language.
    Years(Lang),
    /// The announcements a language's archive lists for a year, with their months.
    ArchiveYear(Lang, i32),
    /// When each archive year's newest page in a language last changed.
    ArchiveLastmods(Lang),
}

impl Fact {
    /// Whether the fact is about the model's [`Structure`] alone (see [`structure_value`]).
    pub fn about_structure(&self) -> bool {
        matches!(
            self,
            Fact::Count(..)
                | Fact::Pages(..)
                | Fact::HasTag(..)
                | Fact::Window(..)
                | Fact::TagSet(_)
                | Fact::FeedEntries(..)
                | Fact::FeedUpdated(..)
                | Fact::Lastmods(..)
                | Fact::NewestChange(_)
                | Fact::NewestSource
                | Fact::Order
                | Fact::Searchable(_)
                | Fact::SitemapParts
                | Fact::Year(..)
                | Fact::Related(..)
                | Fact::Years(_)
                | Fact::ArchiveYear(..)
                | Fact::ArchiveLastmods(_)
        )
    }

    /// The announcement a fact is about; `None` for facts about the whole site.
    pub fn scope(&self) -> Option<AnnId> {
        match *self {
            Fact::Title(a, _)
            | Fact::Summary(a, _)
            | Fact::Body(a, _)
            | Fact::Dates(a, _)
            | Fact::Tags(a, _)
            | Fact::Kind(a, _)
            | Fact::Extra(a, _)
            | Fact::Slug(a, _)
            | Fact::Shown(a, _)
            | Fact::Versions(a)
            | Fact::Image(a, _)
            | Fact::Toc(a, _)
            | Fact::Life(a, _)
            | Fact::BundleImages(a) => Some(a),
            _ => None,
        }
    }
}

/// A part of a file built once and shared: the sitemap's entries, by group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// The chooser's entry.
    Root,
    /// A language's home list pages.
    Homes(Lang),
    /// An announcement's page in a language (none for a fallback page).
    Announcement(Lang, AnnId),
    /// A language's tag index.
    TagIndex(Lang),
    /// A tag's list pages in a language.
    Tag(Lang, TagId),
    /// A kind's list pages in a language.
    Kind(Lang, KindId),
    /// A language's archive pages (the years, each year).
    Archive(Lang),
}

/// The announcements of a tag's or kind's list in language `l` (`None` for the home list,
/// which has them all).
fn list_of(structure: &Structure, l: usize, list: List) -> Option<Option<&TagList>> {
    match list {
        List::Home => None,
        List::Tag(id) => Some(structure.tag(l, id).map(|(_, t)| t)),
        List::Kind(k) => Some(structure.kind(l, k)),
    }
}

/// How many announcements a list has in language `l`.
pub(super) fn list_len(structure: &Structure, l: usize, list: List) -> usize {
    match list {
        List::Home => structure.home[l].len(),
        _ => list_of(structure, l, list)
            .flatten()
            .map_or(0, |t| t.items.len()),
    }
}

/// Page `n` (1-based) of a list: indexes of its announcements, newest first.
pub(super) fn window(
    structure: &Structure,
    per_page: usize,
    l: usize,
    list: List,
    n: usize,
) -> Vec<usize> {
    let range = window_range(structure, per_page, l, list, n);
    match list {
        List::Home => structure.home[l][range].to_vec(),
        _ => list_of(structure, l, list)
            .flatten()
            .map_or_else(Vec::new, |t| t.items[range].to_vec()),
    }
}

/// When each page of a list last changed.
pub(super) fn lastmods(structure: &Structure, l: usize, list: List) -> &[Option<String>] {
    match list_of(structure, l, list) {
        None => &structure.home_lastmods[l],
        Some(t) => t.map_or(&[], |t| &t.lastmods[..]),
    }
}

/// The `updated` date of a list's feed in language `l`.
pub(super) fn feed_updated(structure: &Structure, l: usize, list: List) -> &str {
    match list_of(structure, l, list) {
        None => &structure.feed_updated[l],
        Some(t) => t.map_or("1970-01-01T00:00:00Z", |t| &t.feed_updated),
    }
}

/// The announcements the feed of a list shows in language `l`, newest first.
pub(super) fn feed_entries(structure: &Structure, l: usize, list: List) -> Vec<usize> {
    let items: &[usize] = match list_of(structure, l, list) {
        None => return structure.feed_entries(l).map(|p| p.announcement).collect(),
        Some(t) => t.map_or(&[], |t| &t.feed_items[..]),
    };
    structure
        .entries_of(l, items.iter().copied())
        .map(|p| p.announcement)
        .collect()
}

/// The archive's years with how many announcements each lists in language `l` (those
/// not withdrawn or expired there), newest first; a year may list none.
pub(super) fn years(structure: &Structure, l: usize) -> Vec<(i32, usize)> {
    structure
        .archive
        .iter()
        .map(|y| {
            (
                y.year,
                y.items.iter().filter(|&&a| structure.listed(l, a)).count(),
            )
        })
        .collect()
}

/// The announcements the archive's year `year` lists in language `l` (indexes, newest
/// first), with the month of each one's source date.
pub(super) fn archive_year(structure: &Structure, l: usize, year: i32) -> (Vec<usize>, Vec<u8>) {
    structure
        .archive
        .iter()
        .find(|y| y.year == year)
        .map(|y| {
            y.items
                .iter()
                .zip(&y.months)
                .filter(|(&a, _)| structure.listed(l, a))
                .map(|(&a, &month)| (a, month))
                .unzip()
        })
        .unwrap_or_default()
}

/// A hash of what an archive year lists in language `l`: its announcements and months.
pub(super) fn archive_year_hash(structure: &Structure, l: usize, year: i32) -> u64 {
    let (items, months) = archive_year(structure, l, year);
    stable_hash(&(ids_hash(structure, items.into_iter()), months))
}

/// When each archive year's newest page in language `l` last changed, newest year first.
pub(super) fn archive_lastmods(structure: &Structure, l: usize) -> Vec<&Option<String>> {
    structure.archive.iter().map(|y| &y.lastmods[l]).collect()
}

/// A hash of the ids of some announcements (by index), in order.
pub(super) fn ids_hash(structure: &Structure, items: impl Iterator<Item = usize>) -> u64 {
    use std::hash::Hasher;
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    for a in items {
        hasher.write_u32(structure.ids[a]);
    }
    hasher.finish()
}

/// Page `n` (1-based) of a list, as a range of positions in it.
pub(super) fn window_range(
    structure: &Structure,
    per_page: usize,
    l: usize,
    list: List,
    n: usize,
) -> std::ops::Range<usize> {
    let start = (n.max(1) - 1) * per_page;
    let len = list_len(structure, l, list);
    start.min(len)..len.min(start + per_page)
}

/// Language `l`'s announcements with a page of their own whose source is dated in `year`.
pub(super) fn year_items(structure: &Structure, l: usize, year: i32) -> &[usize] {
    structure.years[l]
        .iter()
        .find(|(y, _)| *y == year)
        .map_or(&[], |(_, items)| &items[..])
}

/// How many announcements language `l`'s search finds: its pages that are not fallbacks.
pub(super) fn searchable(structure: &Structure, l: usize) -> usize {
    structure.pages[l]
        .iter()
        .filter(|p| p.kind != crate::site::PageKind::Fallback)
        .count()
}

pub(super) fn tag_set_hash(structure: &Structure, l: usize) -> u64 {
    let set: Vec<(&String, TagId)> = structure.tags[l].iter().map(|(k, v)| (k, v.id)).collect();
    stable_hash(&set)
}

pub(super) fn shown_hash(site: &Site, page: &Page) -> u64 {
    stable_hash(&(page.kind, &site.content_of(page).lang))
}

pub(super) fn versions_hash(ann: &Announcement) -> u64 {
    let langs: Vec<&String> = ann.translations.iter().map(|t| &t.lang).collect();
    stable_hash(&(&ann.source_lang, langs))
}

pub(super) fn extra_hash(t: &Translation) -> u64 {
    stable_hash(&t.extra.to_string())
}

pub(super) fn life_hash(site: &Site, t: &Translation) -> u64 {
    stable_hash(&(&t.life, t.life.timing().phase(site.now)))
}

/// One urgent announcement in a page's banner.
#[derive(Debug, serde::Serialize, Hash)]
pub struct Banner {
    /// Its title in the language of its text.
    pub title: String,
    /// Its page in the page's language.
    pub url: String,
    /// The language of its text: the page's, else along its fallback chain, else the
    /// source's.
    pub lang: String,
    /// That language's direction.
    pub dir: &'static str,
}

/// The urgent banner of language `l`'s pages.
pub(super) fn urgent_banner(site: &Site, l: usize) -> Vec<Banner> {
    let code = &site.config.languages[l].code;
    site.structure.urgent[l]
        .iter()
        .map(|&a| {
            let t = site.content_of(site.page(l, a));
            Banner {
                title: t.title.clone(),
                url: site.urls.url(&site.announcement_route(a, code)),
                lang: t.lang.clone(),
                dir: site.config.dir_of(&t.lang),
            }
        })
        .collect()
}

pub(super) fn bundle_images_hash(ann: &Announcement) -> u64 {
    stable_hash(&ann.bundle.as_ref().map(|b| &b.sizes))
}

/// The value of `fact` in this model, as a [`Reader`] would record it; `None` for a
/// [`Fact::Unit`] (its value is its output, built by whoever reads it).
pub fn value(site: &Site, localizer: &Localizer, fact: Fact) -> Option<u64> {
    if let Some(value) = structure_value(&site.structure, &site.config, fact) {
        return Some(value);
    }
    let langs = &site.config.languages;
    let code = |l: Lang| langs.get(l as usize).map(|x| x.code.as_str());
    let translation = |a: AnnId, l: Lang| -> Option<&Translation> {
        site.announcements[site.index_of(a)?].translation(code(l)?)
    };
    let absent = 0;
    Some(match fact {
        Fact::Strings(l) => code(l).map_or(absent, |c| localizer.version(c)),
        Fact::Title(a, l) => translation(a, l).map_or(absent, |t| stable_hash(&t.title)),
        Fact::Summary(a, l) => translation(a, l).map_or(absent, |t| stable_hash(t.summary_text())),
        Fact::Body(a, l) => translation(a, l)
            .and_then(|t| t.body.text().ok())
            .map_or(absent, |body| stable_hash(&*body)),
        Fact::Dates(a, l) => {
            translation(a, l).map_or(absent, |t| stable_hash(&(&t.date, &t.updated)))
        }
        Fact::Tags(a, l) => translation(a, l).map_or(absent, |t| stable_hash(&t.tags)),
        Fact::Kind(a, l) => translation(a, l).map_or(absent, |t| stable_hash(&t.kind)),
        Fact::Extra(a, l) => translation(a, l).map_or(absent, extra_hash),
        Fact::Slug(a, l) => match (site.index_of(a), code(l)) {
            (Some(i), Some(c)) => stable_hash(site.announcements[i].slug_in(c)),
            _ => absent,
        },
        Fact::Shown(a, l) => match site.index_of(a) {
            Some(i) if (l as usize) < langs.len() => shown_hash(site, site.page(l as usize, i)),
            _ => absent,
        },
        Fact::Versions(a) => site
            .index_of(a)
            .map_or(absent, |i| versions_hash(&site.announcements[i])),
        Fact::Image(a, l) => translation(a, l).map_or(absent, |t| stable_hash(&t.image)),
        Fact::Toc(a, l) => translation(a, l).map_or(absent, |t| stable_hash(&t.toc)),
        Fact::BundleImages(a) => site
            .index_of(a)
            .map_or(absent, |i| bundle_images_hash(&site.announcements[i])),
        Fact::StaticImages => site.static_images.hash(),
        Fact::Life(a, l) => translation(a, l).map_or(absent, |t| life_hash(site, t)),
        Fact::Urgent(l) if (l as usize) < langs.len() => {
            stable_hash(&urgent_banner(site, l as usize))
        }
        _ => return None,
    })
}

/// The value of a fact about the model's [`Structure`] alone (the order, the pages, the
/// tag lists): the same structure gives the same value. `None` for other facts.
pub fn structure_value(structure: &Structure, config: &Config, fact: Fact) -> Option<u64> {
    if !fact.about_structure() {
        return None;
    }
    let per_page = config.paginate;
    Some(match fact {
        Fact::Count(l, list) => stable_hash(&list_len(structure, l as usize, list)),
        Fact::HasTag(l, id) => stable_hash(&structure.tag(l as usize, id).is_some()),
        Fact::Pages(l, list) => stable_hash(&super::paginate(
            list_len(structure, l as usize, list),
            per_page,
        )),
        Fact::Window(l, list, n) => ids_hash(
            structure,
            window(structure, per_page, l as usize, list, n as usize).into_iter(),
        ),
        Fact::TagSet(l) => tag_set_hash(structure, l as usize),
        Fact::FeedEntries(l, list) => ids_hash(
            structure,
            feed_entries(structure, l as usize, list).into_iter(),
        ),
        Fact::Order => ids_hash(structure, 0..structure.ids.len()),
        Fact::FeedUpdated(l, list) => stable_hash(feed_updated(structure, l as usize, list)),
        Fact::Lastmods(l, list) => stable_hash(lastmods(structure, l as usize, list)),
        Fact::NewestChange(l) => stable_hash(&structure.newest_change[l as usize]),
        Fact::NewestSource => stable_hash(&structure.newest_source),
        Fact::Searchable(l) => stable_hash(&searchable(structure, l as usize)),
        Fact::SitemapParts => stable_hash(&sitemap_parts(structure, config)),
        Fact::Year(l, year) => ids_hash(
            structure,
            year_items(structure, l as usize, year).iter().copied(),
        ),
        Fact::Related(l, a) => match structure.index(a) {
            Some(a) if (l as usize) < structure.pages.len() => ids_hash(
                structure,
                super::related::related(structure, l as usize, a).into_iter(),
            ),
            _ => ids_hash(structure, std::iter::empty()),
        },
        Fact::Years(l) => stable_hash(&years(structure, l as usize)),
        Fact::ArchiveYear(l, year) => archive_year_hash(structure, l as usize, year),
        Fact::ArchiveLastmods(l) => stable_hash(&archive_lastmods(structure, l as usize)),
        _ => return None,
    })
}

/// How many URLs language `l`'s list pages have: its home pages, tag index, tag pages,
/// pages of kinds that have announcements, archive pages, and the chooser with the
/// first language's.
fn list_urls(structure: &Structure, config: &Config, l: usize) -> usize {
    let per_page = config.paginate;
    let archive = match config.archives {
        true => 1 + structure.archive.len(),
        false => 0,
    };
    usize::from(l == 0)
        + super::paginate(structure.home[l].len(), per_page)
        + 1
        + structure.tags[l]
            .values()
            .chain(structure.kinds[l].iter().filter(|k| !k.items.is_empty()))
            .map(|t| super::paginate(t.items.len(), per_page))
            .sum::<usize>()
        + archive
}

/// The parts of a split sitemap, in the index's order, or `None` when the site has at
/// most `sitemap.split_over` URLs. Per language: its list pages, then its announcement
/// pages (not fallbacks) by the year of their source date, newest first; each in files
/// of at most `sitemap.max_urls` URLs. An edit then rewrites the parts it touches, which
/// an insertion does not shift.
pub(super) fn sitemap_parts(structure: &Structure, config: &Config) -> Option<Vec<SitemapFile>> {
    let max = config.sitemap.max_urls.max(1);
    let lists: Vec<usize> = (0..structure.pages.len())
        .map(|l| list_urls(structure, config, l))
        .collect();
    let urls = lists.iter().sum::<usize>()
        + structure
            .years
            .iter()
            .flatten()
            .map(|(_, a)| a.len())
            .sum::<usize>();
    if urls <= config.sitemap.split_over {
        return None;
    }
    let chunks = |n: usize| 1..=n.div_ceil(max).max(1) as u32;
    let mut parts = Vec::new();
    for (l, years) in structure.years.iter().enumerate() {
        let l = l as Lang;
        parts.extend(chunks(lists[l as usize]).map(|chunk| SitemapFile::Lists { l, chunk }));
        for (year, items) in years {
            let year = *year;
            parts.extend(chunks(items.len()).map(|chunk| SitemapFile::Year { l, year, chunk }));
        }
    }
    Some(parts)
}
