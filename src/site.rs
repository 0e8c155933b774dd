//! The model: every published announcement in every language (translated, stale or
//! fallback), newest first, with each language's tag lists. Which page is a fallback
//! page, and which text it shows, is decided here ([`Page`]); which announcements a
//! feed has too ([`Structure::entries_of`]), and which a list shows ([`Structure::listed`]).
//!
//! The order, the pages and the tag lists are the model's [`Structure`]. It is made
//! from one [`Outline`] per announcement, which is all the structure reads of it; when
//! a rebuild's outlines are those of the last model, the structure is the last one.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::{Config, KindId};
use crate::content::{AnnId, Announcement, TagId, Translation};
use crate::date::Date;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, LineIndex};
use crate::lifecycle::{NextChange, Phase, Timing};
use crate::urls::{Route, Urls};

/// What a page in a language shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The announcement written in the page's language.
    Translated,
    /// A translation whose source changed since it was made.
    Stale,
    /// No translation: another language's text inside this language's interface.
    Fallback,
}

/// One announcement in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Index into [`Site::announcements`].
    pub announcement: usize,
    /// Translated, stale or fallback.
    pub kind: PageKind,
    /// Index of the translation whose text is shown.
    pub content: usize,
}

/// How many entries a feed carries.
pub const FEED_ENTRIES: usize = 20;

/// Why announcements were left out of the build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Drafts (build with `--drafts`).
    pub drafts: usize,
    /// Dated after the build's clock (build with `--future`).
    pub scheduled: usize,
}

/// Options that decide what is published.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    /// Include drafts.
    pub drafts: bool,
    /// Include announcements dated after `now`.
    pub future: bool,
    /// The build's clock (seconds since the epoch).
    pub now: i64,
}

/// The announcements of one tag (or kind) in one language, newest first.
#[derive(Debug, Clone)]
pub struct TagList {
    /// The tag's stable id (a kind's index).
    pub id: TagId,
    /// Indexes into [`Site::announcements`]: those on the list (not withdrawn, not expired).
    pub items: Vec<usize>,
    /// Those its feed may show: the items and the withdrawn ones that have not expired
    /// (a feed's last entry for each says it was withdrawn).
    pub feed_items: Vec<usize>,
    /// Per list page: when its newest entry last changed (YYYY-MM-DD).
    pub lastmods: Vec<Option<String>>,
    /// Its feed's `updated` (RFC 3339).
    pub feed_updated: String,
}

/// The published announcements whose source is dated in one year: a run of the order.
#[derive(Debug, Clone)]
pub struct ArchiveYear {
    /// The year of their source dates.
    pub year: i32,
    /// Their indexes into [`Site::announcements`], newest first.
    pub items: Vec<usize>,
    /// The month (1–12) of each one's source date, in the same order.
    pub months: Vec<u8>,
    /// Per language: when its newest entry last changed (YYYY-MM-DD).
    pub lastmods: Vec<Option<String>>,
}

/// What the model's structure reads of one announcement: whether and when it is
/// published, what its page in each language shows, when that text changed and its
/// tags; its aliases (the site's redirect pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Left out, or published with this source date (seconds; the order).
    published: Result<i64, Left>,
    /// Per configured language: the page's kind and the index of the translation shown.
    pages: Box<[(PageKind, u16)]>,
    /// Per configured language: the tags of the text shown.
    tags: Box<[Box<[TagId]>]>,
    /// Per configured language: the kind of the text shown.
    kinds: Box<[Option<KindId>]>,
    /// Each translation's aliases.
    aliases: Box<[Box<[String]>]>,
    /// Per configured language: when the text shown last changed (`updated`, else `date`).
    changed: Box<[Date]>,
    /// The source's date.
    source_date: Option<Date>,
    /// Per configured language: when the text shown changes state by itself.
    timings: Box<[Timing]>,
    /// Per configured language: its state (withdrawn, pinned, …) at the build's clock.
    phases: Box<[Phase]>,
}

impl Outline {
    /// Whether the decision to publish or leave out, and the state of each page, still
    /// hold with these options (the clock moves between watch-mode builds).
    fn holds_at(&self, publish: &Publish) -> bool {
        let published = match self.published {
            Ok(at) => at <= publish.now || publish.future,
            Err(Left::Scheduled(at)) => at > publish.now && !publish.future,
            Err(Left::Draft) => !publish.drafts,
        };
        published
            && self
                .timings
                .iter()
                .zip(&self.phases)
                .all(|(timing, phase)| timing.phase(publish.now) == *phase)
    }
}

/// The announcements related to each announcement in one language (see
/// `plan::related`): those with the same lists (tags as the page shows them, and kind)
/// share one best list, found once.
#[derive(Debug, Default)]
pub struct RelatedTable {
    /// Per announcement, its place in `best`.
    pub slot: Vec<u32>,
    /// Per set of lists, the best announcements of them (one more than a page shows,
    /// so that the page's own announcement can be left out).
    pub best: Vec<Vec<usize>>,
}

/// The order of the announcements, their pages and the tag lists.
#[derive(Debug)]
pub struct Structure {
    /// The published announcements' ids, newest first.
    pub ids: Vec<AnnId>,
    /// Per language (config order): one page per announcement, in the same order.
    pub pages: Vec<Vec<Page>>,
    /// Per language: tag → its announcements.
    pub tags: Vec<BTreeMap<String, TagList>>,
    /// Per language: tag name by id.
    tag_names: Vec<FxHashMap<TagId, String>>,
    /// Per language, per announcement: the tags of the text its page shows.
    pub page_tags: Vec<Vec<Box<[TagId]>>>,
    /// Per language, per announcement: the kind of the text its page shows.
    pub page_kinds: Vec<Vec<Option<KindId>>>,
    /// Announcement index by id (`u32::MAX`: not published).
    by_id: Vec<u32>,
    /// The translations that have aliases: (announcement index, translation index).
    pub aliased: Vec<(usize, usize)>,
    /// Per language, per home list page: when its newest entry last changed (YYYY-MM-DD).
    pub home_lastmods: Vec<Vec<Option<String>>>,
    /// Per language: when its newest page last changed (YYYY-MM-DD).
    pub newest_change: Vec<Option<String>>,
    /// The newest source date of all (YYYY-MM-DD).
    pub newest_source: Option<String>,
    /// Per language: its feed's `updated` (RFC 3339).
    pub feed_updated: Vec<String>,
    /// Whether feeds list untranslated announcements (fallback pages) too (`feeds.untranslated`).
    pub untranslated_in_feeds: bool,
    /// Per language: each announcement's state at the build's clock, in order.
    pub phases: Vec<Vec<Phase>>,
    /// Per language: the home list (pinned announcements first, then the others that
    /// are listed, newest first).
    pub home: Vec<Vec<usize>>,
    /// Per language: the urgent announcements, newest first (every page's banner).
    pub urgent: Vec<Vec<usize>>,
    /// How many announcements the home lists pin at most (`pinned_max`).
    pub pinned_max: usize,
    /// Per language: the announcements with a page of their own (not a fallback) by the
    /// year of their source date, newest year first (a split sitemap's files).
    pub years: Vec<Vec<(i32, Vec<usize>)>>,
    /// Per language, per kind of site.yaml's `kinds:` (in order): its announcements.
    pub kinds: Vec<Vec<TagList>>,
    /// Every published announcement by the year of its source date, newest year first
    /// (the archive pages).
    pub archive: Vec<ArchiveYear>,
    /// Per language, the announcements related to those with each set of lists (see
    /// [`crate::plan::related`]), made on first use.
    pub related: Vec<std::sync::OnceLock<RelatedTable>>,
}

/// The whole site, ready to plan.
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// URL builder.
    pub urls: Urls,
    /// Published announcements, newest first (the home list's order).
    pub announcements: Vec<Arc<Announcement>>,
    /// The order, pages and tag lists (shared with the last model when it is the same).
    pub structure: Arc<Structure>,
    /// What was left out.
    pub skipped: Skipped,
    /// The build's clock (seconds since the epoch): every date-driven state is as of it.
    pub now: i64,
    /// The next time after `now` the site changes with no file changed, and why.
    pub next_change: Option<NextChange>,
    /// Each announcement as loaded, with its outline and published form, by id.
    outlines: FxHashMap<AnnId, Outlined>,
    /// The sizes of the static files' images (the theme's and the site's).
    pub static_images: Arc<StaticImages>,
    /// Per announcement, per translation: its summary as lists and feeds show it, set
    /// once in its language's typography by the first page that shows it.
    pub summaries: Box<[Box<[std::sync::OnceLock<String>]>]>,
}

/// The images among the static files, with their sizes, by output path (`share.png`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StaticImages {
    sizes: BTreeMap<String, crate::images::Size>,
    hash: u64,
}

impl StaticImages {
    /// The images and their sizes, by output path.
    pub fn new(sizes: BTreeMap<String, crate::images::Size>) -> StaticImages {
        let hash = crate::hash::stable_hash(&sizes);
        StaticImages { sizes, hash }
    }

    /// The size of the static image at this output path (`images/map.png`).
    pub fn size(&self, path: &str) -> Option<crate::images::Size> {
        self.sizes.get(path).copied()
    }

    /// A hash of every image and size.
    pub fn hash(&self) -> u64 {
        self.hash
    }
}

/// An announcement as loaded, its outline, and its published form (drafts dropped).
#[derive(Debug, Clone)]
struct Outlined {
    loaded: Arc<Announcement>,
    outline: Arc<Outline>,
    published: Option<Arc<Announcement>>,
}

impl Site {
    /// The page of announcement `a` in language index `l`.
    pub fn page(&self, l: usize, a: usize) -> &Page {
        &self.structure.pages[l][a]
    }

    /// Per language: tag → its announcements.
    pub fn tags(&self, l: usize) -> &BTreeMap<String, TagList> {
        &self.structure.tags[l]
    }

    /// The translation shown by a page.
    pub fn content_of(&self, page: &Page) -> &Translation {
        &self.announcements[page.announcement].translations[page.content]
    }

    /// The index of the published announcement with this id.
    pub fn index_of(&self, id: AnnId) -> Option<usize> {
        match self.structure.by_id.get(id as usize) {
            Some(&i) if i != u32::MAX => Some(i as usize),
            _ => None,
        }
    }

    /// The tag with this id in language `l`: its name and list.
    pub fn tag(&self, l: usize, id: TagId) -> Option<(&String, &TagList)> {
        self.structure.tag(l, id)
    }

    /// The route of announcement `a` in language code `lang`.
    pub fn announcement_route(&self, a: usize, lang: &str) -> Route {
        Route::Announcement {
            lang: lang.to_string(),
            slug: self.announcements[a].slug_in(lang).to_string(),
        }
    }
}

impl Structure {
    /// The pages language `l`'s feed shows ([`Structure::entries_of`] over every announcement).
    pub fn feed_entries(&self, l: usize) -> impl Iterator<Item = &Page> {
        self.entries_of(l, 0..self.pages[l].len())
    }

    /// The pages the feed of a list with these `items` (indexes, newest first) shows in
    /// language `l`, by the language feed's rules.
    pub fn entries_of(
        &self,
        l: usize,
        items: impl Iterator<Item = usize>,
    ) -> impl Iterator<Item = &Page> {
        let untranslated = self.untranslated_in_feeds;
        let pages = &self.pages[l];
        let phases = &self.phases[l];
        items
            .map(move |a| &pages[a])
            .filter(move |page| untranslated || page.kind != PageKind::Fallback)
            .filter(move |page| phases[page.announcement].in_feed())
            .take(FEED_ENTRIES)
    }

    /// Whether announcement `a` is on language `l`'s lists (home, tags) and a current
    /// entry of its feed: not withdrawn, not expired. Every list asks this.
    pub fn listed(&self, l: usize, a: usize) -> bool {
        self.phases[l][a].listed()
    }

    /// The list of kind `kind` in language `l`.
    pub fn kind(&self, l: usize, kind: KindId) -> Option<&TagList> {
        self.kinds.get(l)?.get(kind as usize)
    }

    /// The tag with this id in language `l`: its name and list.
    pub fn tag(&self, l: usize, id: TagId) -> Option<(&String, &TagList)> {
        let name = self.tag_names[l].get(&id)?;
        self.tags[l].get_key_value(name)
    }
}

/// Why an announcement is left out of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Left {
    /// It is a draft.
    Draft,
    /// It is dated after the build's clock (that date).
    Scheduled(i64),
}

/// Builds the model from the announcements (in name order). With the `previous` model
/// (watch mode), an announcement that is the same `Arc` keeps its outline and published
/// form, and when no outline changed the structure is the previous one.
///
/// `unreadable` names announcements whose files could not be read or parsed (their
/// errors are reported already): a link to one is not also an error.
pub fn build(
    config: Config,
    announcements: Vec<Arc<Announcement>>,
    publish: Publish,
    previous: Option<&Site>,
    unreadable: &std::collections::HashSet<String>,
) -> (Site, Diagnostics) {
    let chains: Vec<Vec<String>> = config
        .languages
        .iter()
        .map(|l| config.chain(&l.code))
        .collect();
    let mut outlines: FxHashMap<AnnId, Outlined> =
        FxHashMap::with_capacity_and_hasher(announcements.len(), Default::default());
    // Outlines that differ from the previous model's (or have none there).
    let mut changed: Vec<AnnId> = Vec::new();
    for ann in announcements {
        let kept = previous
            .and_then(|p| p.outlines.get(&ann.id))
            .filter(|o| Arc::ptr_eq(&o.loaded, &ann) && o.outline.holds_at(&publish));
        let entry = match kept {
            Some(o) => o.clone(),
            None => {
                let (outline, published) = outline(&config, &chains, &ann, &publish);
                let same = previous
                    .and_then(|p| p.outlines.get(&ann.id))
                    .is_some_and(|o| *o.outline == outline);
                if !same {
                    changed.push(ann.id);
                }
                Outlined {
                    loaded: ann,
                    outline: Arc::new(outline),
                    published,
                }
            }
        };
        outlines.insert(entry.loaded.id, entry);
    }
    let mut skipped = Skipped::default();
    for o in outlines.values() {
        match o.outline.published {
            Err(Left::Draft) => skipped.drafts += 1,
            Err(Left::Scheduled(_)) => skipped.scheduled += 1,
            Ok(_) => {}
        }
    }
    let next_change = crate::content::next_change(
        outlines.values().map(|o| &*o.loaded),
        &config.kinds,
        publish.now,
        publish.drafts,
        publish.future,
    );
    let mut diags = Diagnostics::new();
    let reuse = previous.filter(|p| {
        changed.is_empty()
            && p.structure.untranslated_in_feeds == config.feeds.untranslated
            && p.structure.pinned_max == config.pinned_max
            && p.outlines.len() == outlines.len()
            && p.outlines.keys().all(|id| outlines.contains_key(id))
    });
    let (structure, announcements) = match reuse {
        Some(p) => {
            // The same order and pages: the new versions of the announcements in place.
            let announcements: Vec<Arc<Announcement>> = p
                .structure
                .ids
                .iter()
                .map(|id| {
                    outlines[id]
                        .published
                        .clone()
                        .expect("a published announcement keeps its outline")
                })
                .collect();
            // Only the announcements read again can have new link errors.
            for (id, o) in &outlines {
                if !previous.is_some_and(|p| Arc::ptr_eq(&p.outlines[id].loaded, &o.loaded)) {
                    if let Some(a) = &o.published {
                        link_errors(
                            a,
                            |t| p.structure.index(t).is_some(),
                            unreadable,
                            &announcements,
                            &mut diags,
                        );
                    }
                }
            }
            (p.structure.clone(), announcements)
        }
        None => {
            let (structure, announcements) = structure(&config, &outlines);
            for a in &announcements {
                link_errors(
                    a,
                    |t| structure.index(t).is_some(),
                    unreadable,
                    &announcements,
                    &mut diags,
                );
            }
            (Arc::new(structure), announcements)
        }
    };
    let urls = Urls::new(&config);
    let summaries = announcements
        .iter()
        .map(|a| a.translations.iter().map(|_| Default::default()).collect())
        .collect();
    (
        Site {
            config,
            urls,
            announcements,
            structure,
            skipped,
            now: publish.now,
            next_change,
            outlines,
            summaries,
            static_images: Arc::default(),
        },
        diags,
    )
}

impl Structure {
    /// The index of the published announcement with this id.
    pub fn index(&self, id: AnnId) -> Option<usize> {
        match self.by_id.get(id as usize) {
            Some(&i) if i != u32::MAX => Some(i as usize),
            _ => None,
        }
    }
}

/// The order, pages and tag lists of the published announcements.
fn structure(
    config: &Config,
    outlines: &FxHashMap<AnnId, Outlined>,
) -> (Structure, Vec<Arc<Announcement>>) {
    let mut published: Vec<(i64, &Arc<Announcement>, &Outline)> = outlines
        .values()
        .filter_map(|o| match (o.outline.published, &o.published) {
            (Ok(at), Some(a)) => Some((at, a, &*o.outline)),
            _ => None,
        })
        .collect();
    published.par_sort_unstable_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.name.cmp(&y.1.name)));
    let ids: Vec<AnnId> = published.iter().map(|(_, a, _)| a.id).collect();
    let mut by_id = vec![u32::MAX; ids.iter().map(|&id| id as usize + 1).max().unwrap_or(0)];
    for (i, &id) in ids.iter().enumerate() {
        by_id[id as usize] = i as u32;
    }
    let languages = config.languages.len();
    let phases: Vec<Vec<Phase>> = (0..languages)
        .map(|l| published.iter().map(|o| o.2.phases[l]).collect())
        .collect();
    let pages: Vec<Vec<Page>> = (0..languages)
        .into_par_iter()
        .map(|l| {
            published
                .iter()
                .enumerate()
                .map(|(a, (_, _, o))| Page {
                    announcement: a,
                    kind: o.pages[l].0,
                    content: o.pages[l].1 as usize,
                })
                .collect()
        })
        .collect();
    // Per language, each announcement's change date, in order (read once, then by position).
    let changed: Vec<Vec<&Date>> = (0..languages)
        .map(|l| published.iter().map(|o| &o.2.changed[l]).collect())
        .collect();
    let sources: Vec<Option<&Date>> = published.iter().map(|o| o.2.source_date.as_ref()).collect();
    let untranslated = config.feeds.untranslated;
    // The feed `updated` of a list with these items in language `l`.
    let feed_updated_of = |l: usize, items: &[usize]| {
        feed_updated(
            &pages[l],
            &phases[l],
            &changed[l],
            &sources,
            items,
            untranslated,
        )
    };
    // A tag's or kind's list in language `l` from the announcements its feed may show
    // (in order): those on the list are the listed ones of them.
    let list_of = |l: usize, id: TagId, feed_items: Vec<usize>| {
        let items: Vec<usize> = feed_items
            .iter()
            .copied()
            .filter(|&a| phases[l][a].listed())
            .collect();
        TagList {
            id,
            lastmods: lastmods(items.iter().map(|&a| changed[l][a]), config.paginate),
            feed_updated: feed_updated_of(l, &feed_items),
            items,
            feed_items,
        }
    };
    type TagMaps = (
        Vec<BTreeMap<String, TagList>>,
        Vec<FxHashMap<TagId, String>>,
    );
    let (tags, tag_names): TagMaps = (0..languages)
        .into_par_iter()
        .map(|l| {
            // Each tag's announcements in its feed (the withdrawn ones too).
            let mut lists: FxHashMap<TagId, Vec<usize>> = FxHashMap::default();
            for (a, (_, _, o)) in published.iter().enumerate() {
                if phases[l][a].in_feed() {
                    for &id in o.tags[l].iter() {
                        lists.entry(id).or_default().push(a);
                    }
                }
            }
            let mut names: FxHashMap<TagId, String> = FxHashMap::default();
            let tags = lists
                .into_iter()
                .map(|(id, feed_items)| list_of(l, id, feed_items))
                // A tag with no listed announcement has no list (nor feed).
                .filter_map(|list| {
                    // Its name as the first announcement listed with it writes it (the
                    // outline's ids are the shown translation's tags, in the same order).
                    let (_, ann, o) = &published[*list.items.first()?];
                    let i = o.tags[l].iter().position(|&t| t == list.id)?;
                    let name = ann.translations[o.pages[l].1 as usize].tags[i].clone();
                    names.insert(list.id, name.clone());
                    Some((name, list))
                })
                .collect();
            (tags, names)
        })
        .unzip();
    // The translations that have aliases, in model order.
    let aliased = published
        .iter()
        .enumerate()
        .flat_map(|(a, (_, _, o))| {
            o.aliases
                .iter()
                .enumerate()
                .filter(|(_, list)| !list.is_empty())
                .map(move |(t, _)| (a, t))
        })
        .collect();
    let home: Vec<Vec<usize>> = phases
        .iter()
        .map(|p| home_order(p, config.pinned_max))
        .collect();
    let urgent: Vec<Vec<usize>> = phases
        .iter()
        .map(|p| (0..p.len()).filter(|&a| p[a].urgent).collect())
        .collect();
    let (home_lastmods, newest_change): (Vec<_>, Vec<_>) = (0..languages)
        .into_par_iter()
        .map(|l| {
            let dates = &changed[l];
            (
                lastmods(home[l].iter().map(|&a| dates[a]), config.paginate),
                newest(dates.iter().copied()).map(Date::ymd),
            )
        })
        .unzip();
    let newest_source_date = newest(published.iter().filter_map(|o| o.2.source_date.as_ref()));
    let newest_source = newest_source_date.map(Date::ymd);
    let all: Vec<usize> = (0..published.len()).collect();
    let feed_updated: Vec<String> = (0..languages).map(|l| feed_updated_of(l, &all)).collect();
    let kinds = (0..languages)
        .into_par_iter()
        .map(|l| {
            (0..config.kinds.len())
                .map(|k| {
                    let feed_items = (0..published.len())
                        .filter(|&a| {
                            published[a].2.kinds[l] == Some(k as KindId) && phases[l][a].in_feed()
                        })
                        .collect();
                    list_of(l, k as TagId, feed_items)
                })
                .collect()
        })
        .collect();
    let archive = archive(&published, &changed, &phases);
    let years = pages
        .par_iter()
        .map(|lang_pages| {
            let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
            for p in lang_pages.iter().filter(|p| p.kind != PageKind::Fallback) {
                let year = published[p.announcement]
                    .2
                    .source_date
                    .as_ref()
                    .map_or(0, |d| d.year);
                by_year.entry(year).or_default().push(p.announcement);
            }
            by_year.into_iter().rev().collect()
        })
        .collect();
    let page_tags = (0..languages)
        .map(|l| published.iter().map(|o| o.2.tags[l].clone()).collect())
        .collect();
    let page_kinds = (0..languages)
        .map(|l| published.iter().map(|o| o.2.kinds[l]).collect())
        .collect();
    let announcements = published.iter().map(|(_, a, _)| (*a).clone()).collect();
    (
        Structure {
            ids,
            pages,
            tags,
            tag_names,
            page_tags,
            page_kinds,
            related: (0..languages).map(|_| std::sync::OnceLock::new()).collect(),
            by_id,
            aliased,
            home_lastmods,
            newest_change,
            newest_source,
            feed_updated,
            untranslated_in_feeds: config.feeds.untranslated,
            years,
            phases,
            home,
            urgent,
            pinned_max: config.pinned_max,
            kinds,
            archive,
        },
        announcements,
    )
}

/// A home list's order: the pinned announcements (at most `max`, newest first), then
/// the others that are listed, newest first.
fn home_order(phases: &[Phase], max: usize) -> Vec<usize> {
    let mut first = vec![false; phases.len()];
    let pinned: Vec<usize> = (0..phases.len())
        .filter(|&a| phases[a].pinned)
        .take(max)
        .collect();
    for &a in &pinned {
        first[a] = true;
    }
    let rest = (0..phases.len()).filter(|&a| phases[a].listed() && !first[a]);
    pinned.into_iter().chain(rest).collect()
}

/// A feed's `updated` in a language whose pages and change dates these are: the newest
/// of its entries' changes and of its `items`' source dates (the sources' when they tie:
/// they come after the entries).
fn feed_updated(
    pages: &[Page],
    phases: &[Phase],
    changed: &[&Date],
    sources: &[Option<&Date>],
    items: &[usize],
    untranslated: bool,
) -> String {
    let entries = items
        .iter()
        .filter(|&&a| untranslated || pages[a].kind != PageKind::Fallback)
        .filter(|&&a| phases[a].in_feed())
        .take(FEED_ENTRIES)
        .map(|&a| changed[a]);
    let newest_entry = newest(entries);
    let newest_source = newest(items.iter().filter_map(|&a| sources[a]));
    let newest = match (newest_entry, newest_source) {
        (Some(e), Some(s)) if e.timestamp > s.timestamp => Some(e),
        (e, None) => e,
        (_, s) => s,
    };
    newest
        .map(|d| d.rfc3339.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

/// The published announcements (in order) by the year of their source date, newest
/// year first, with when the newest of those each language lists last changed.
fn archive(
    published: &[(i64, &Arc<Announcement>, &Outline)],
    changed: &[Vec<&Date>],
    phases: &[Vec<Phase>],
) -> Vec<ArchiveYear> {
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (a, (_, _, o)) in published.iter().enumerate() {
        let year = o.source_date.as_ref().map_or(0, |d| d.year);
        by_year.entry(year).or_default().push(a);
    }
    by_year
        .into_iter()
        .rev()
        .map(|(year, items)| ArchiveYear {
            year,
            months: items
                .iter()
                .map(|&a| published[a].2.source_date.as_ref().map_or(1, |d| d.month))
                .collect(),
            lastmods: changed
                .iter()
                .zip(phases)
                .map(|(changed, phases)| {
                    let listed = items.iter().filter(|&&a| phases[a].listed());
                    newest(listed.map(|&a| changed[a])).map(Date::ymd)
                })
                .collect(),
            items,
        })
        .collect()
}

/// The newest of some dates (the last of those with the greatest timestamp).
fn newest<'a>(dates: impl Iterator<Item = &'a Date>) -> Option<&'a Date> {
    dates.max_by_key(|d| d.timestamp)
}

/// For each page of a list whose entries changed at these dates: its newest, as YYYY-MM-DD.
fn lastmods<'a>(dates: impl Iterator<Item = &'a Date>, per_page: usize) -> Vec<Option<String>> {
    let dates: Vec<&Date> = dates.collect();
    let mut out: Vec<Option<String>> = dates
        .chunks(per_page)
        .map(|chunk| newest(chunk.iter().copied()).map(Date::ymd))
        .collect();
    if out.is_empty() {
        out.push(None);
    }
    out
}

/// An announcement's outline, and its published form (its draft translations dropped)
/// unless it is left out.
fn outline(
    config: &Config,
    chains: &[Vec<String>],
    a: &Arc<Announcement>,
    publish: &Publish,
) -> (Outline, Option<Arc<Announcement>>) {
    let source = a.source();
    let left = if source.draft && !publish.drafts {
        Some(Left::Draft)
    } else if source.date.timestamp > publish.now && !publish.future {
        Some(Left::Scheduled(source.date.timestamp))
    } else {
        None
    };
    if let Some(left) = left {
        let outline = Outline {
            published: Err(left),
            pages: Box::new([]),
            tags: Box::new([]),
            kinds: Box::new([]),
            aliases: Box::new([]),
            changed: Box::new([]),
            source_date: None,
            timings: Box::new([]),
            phases: Box::new([]),
        };
        return (outline, None);
    }
    let keep = |t: &Translation| t.lang == a.source_lang || publish.drafts || !t.draft;
    let published = if a.translations.iter().all(keep) {
        a.clone()
    } else {
        let mut copy = Announcement::clone(a);
        copy.translations.retain(keep);
        Arc::new(copy)
    };
    let pages: Box<[(PageKind, u16)]> = config
        .languages
        .iter()
        .zip(chains)
        .map(|(lang, chain)| {
            let page = make_page(&lang.code, chain, &published);
            (page.kind, page.content as u16)
        })
        .collect();
    let tags = pages
        .iter()
        .map(|&(_, t)| published.translations[t as usize].tag_ids.clone().into())
        .collect();
    let changed: Box<[Date]> = pages
        .iter()
        .map(|&(_, t)| published.translations[t as usize].changed().clone())
        .collect();
    let timings: Box<[Timing]> = pages
        .iter()
        .map(|&(_, t)| published.translations[t as usize].life.timing())
        .collect();
    let kinds = pages
        .iter()
        .map(|&(_, t)| published.translations[t as usize].kind)
        .collect();
    let outline = Outline {
        phases: timings.iter().map(|t| t.phase(publish.now)).collect(),
        timings,
        published: Ok(source.date.timestamp),
        pages,
        tags,
        kinds,
        aliases: published
            .translations
            .iter()
            .map(|t| t.aliases.clone().into())
            .collect(),
        changed,
        source_date: Some(source.date.clone()),
    };
    (outline, Some(published))
}

/// `@/` links name announcements; a name that is not published is the linking file's
/// error, unless its own files are in error (`unreadable`): one mistake, one error.
/// The error suggests the published announcement (`names`) that was likely meant.
fn link_errors(
    a: &Announcement,
    published: impl Fn(AnnId) -> bool,
    unreadable: &std::collections::HashSet<String>,
    names: &[Arc<Announcement>],
    diags: &mut Diagnostics,
) {
    for t in &a.translations {
        let broken: Vec<&(String, usize)> = t
            .scan
            .links
            .iter()
            .zip(&t.link_ids)
            .filter(|((name, _), &id)| !published(id) && !unreadable.contains(name))
            .map(|(link, _)| link)
            .collect();
        if broken.is_empty() {
            continue;
        }
        // The body is read for the errors' positions.
        let body = t.body.text().unwrap_or_default();
        let index = LineIndex::new(&body);
        for (name, offset) in broken {
            let (line, col) = index.position(*offset);
            let mut message = format!(
                "link to `@/announcements/{name}.md`: there is no announcement named `{name}`"
            );
            if let Some(close) = meant_announcement(name, names) {
                message.push_str(&format!("; did you mean `@/announcements/{close}.md`?"));
            }
            diags.push(Diagnostic::error(
                &t.path,
                line + t.body_line - 1,
                col,
                message,
            ));
        }
    }
}

/// The published announcement a link to `name` likely meant: `name` without a language
/// suffix (`x.fr` → `x`: links name announcements, not files), else a close name.
fn meant_announcement<'a>(name: &str, published: &'a [Arc<Announcement>]) -> Option<&'a str> {
    let names = || published.iter().map(|a| a.name.as_str());
    let unsuffixed = name.rsplit_once('.').map(|(stem, _)| stem);
    unsuffixed
        .and_then(|stem| names().find(|n| *n == stem))
        .or_else(|| did_you_mean(name, names()))
}

/// The page of an announcement in language `lang`: the first translation along the
/// language's fallback chain (else the source), and whether that is a fallback.
fn make_page(lang: &str, chain: &[String], ann: &Announcement) -> Page {
    let content = chain
        .iter()
        .find_map(|code| ann.translations.iter().position(|t| &t.lang == code))
        .unwrap_or_else(|| {
            ann.translations
                .iter()
                .position(|t| t.lang == ann.source_lang)
                .unwrap_or(0)
        });
    let t = &ann.translations[content];
    let kind = if t.lang != lang {
        PageKind::Fallback
    } else if t.stale.is_some() {
        PageKind::Stale
    } else {
        PageKind::Translated
    };
    Page {
        announcement: 0,
        kind,
        content,
    }
}
