//! The model: every published announcement in every language (translated, stale or
//! fallback), newest first, with each language's tag lists. Where a page is a fallback
//! page, and which text it shows, is decided here ([`Page`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{AnnId, Announcement, TagId, Translation};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
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

/// The announcements of one tag in one language, newest first.
#[derive(Debug, Clone)]
pub struct TagList {
    /// The tag's stable id.
    pub id: TagId,
    /// Indexes into [`Site::announcements`].
    pub items: Vec<usize>,
}

/// The whole site, ready to plan.
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// URL builder.
    pub urls: Urls,
    /// Published announcements, newest first (the home list's order).
    pub announcements: Vec<Arc<Announcement>>,
    /// Per language (config order): one page per announcement, same order as `announcements`.
    pub pages: Vec<Vec<Page>>,
    /// Per language: tag → its announcements.
    pub tags: Vec<BTreeMap<String, TagList>>,
    /// What was left out.
    pub skipped: Skipped,
    /// The earliest date of an announcement left out as scheduled: from then on
    /// the model differs even if no file changed.
    pub next_due: Option<i64>,
    /// Per language: tag name by id.
    tag_names: Vec<HashMap<TagId, String>>,
    /// Announcement index by name.
    by_name: HashMap<String, usize>,
    /// Announcement index by id.
    by_id: HashMap<AnnId, usize>,
}

impl Site {
    /// The page of announcement `a` in language index `l`.
    pub fn page(&self, l: usize, a: usize) -> &Page {
        &self.pages[l][a]
    }

    /// The translation shown by a page.
    pub fn content_of(&self, page: &Page) -> &Translation {
        &self.announcements[page.announcement].translations[page.content]
    }

    /// The index of the published announcement named `name`.
    pub fn index_of_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The index of the published announcement with this id.
    pub fn index_of(&self, id: AnnId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// The pages language `l`'s feed shows: its newest that are not fallbacks.
    pub fn feed_entries(&self, l: usize) -> impl Iterator<Item = &Page> {
        self.pages[l]
            .iter()
            .filter(|page| page.kind != PageKind::Fallback)
            .take(FEED_ENTRIES)
    }

    /// When language `l`'s feed last changed: its newest entry; with no entries, the
    /// newest announcement at all.
    pub fn feed_updated(&self, l: usize) -> String {
        self.feed_entries(l)
            .map(|page| self.content_of(page).changed())
            .chain(self.announcements.iter().map(|a| &a.source().date))
            .max_by_key(|d| d.timestamp)
            .map(|d| d.rfc3339.clone())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
    }

    /// The tag with this id in language `l`: its name and list.
    pub fn tag(&self, l: usize, id: TagId) -> Option<(&String, &TagList)> {
        let name = self.tag_names[l].get(&id)?;
        self.tags[l].get_key_value(name)
    }

    /// The route of announcement `a` in language code `lang`.
    pub fn announcement_route(&self, a: usize, lang: &str) -> Route {
        Route::Announcement {
            lang: lang.to_string(),
            slug: self.announcements[a].slug_in(lang).to_string(),
        }
    }
}

/// Builds the model from the announcements.
pub fn build(
    config: Config,
    announcements: Vec<Arc<Announcement>>,
    publish: Publish,
) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut skipped = Skipped::default();
    let mut published: Vec<Arc<Announcement>> = Vec::with_capacity(announcements.len());
    let mut next_due: Option<i64> = None;
    for a in announcements {
        match published_form(a, &publish) {
            Ok(a) => published.push(a),
            Err(Left::Draft) => skipped.drafts += 1,
            Err(Left::Scheduled(at)) => {
                skipped.scheduled += 1;
                next_due = Some(next_due.map_or(at, |n| n.min(at)));
            }
        }
    }
    published.par_sort_by(|x, y| {
        y.source()
            .date
            .timestamp
            .cmp(&x.source().date.timestamp)
            .then_with(|| x.name.cmp(&y.name))
    });
    let urls = Urls::new(&config);
    let by_name: HashMap<String, usize> = published
        .iter()
        .enumerate()
        .map(|(i, a)| (a.name.clone(), i))
        .collect();
    let by_id = published
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let chains: Vec<Vec<String>> = config
        .languages
        .iter()
        .map(|l| config.chain(&l.code))
        .collect();
    let pages: Vec<Vec<Page>> = (0..config.languages.len())
        .into_par_iter()
        .map(|l| {
            (0..published.len())
                .map(|a| make_page(&config.languages[l].code, &chains[l], &published, a))
                .collect()
        })
        .collect();
    for a in &published {
        link_errors(a, |name| by_name.contains_key(name), &mut diags);
    }
    let tags: Vec<BTreeMap<String, TagList>> = pages
        .par_iter()
        .map(|lang_pages| {
            let mut map: BTreeMap<String, TagList> = BTreeMap::new();
            for page in lang_pages {
                let t = &published[page.announcement].translations[page.content];
                for (tag, &id) in t.tags.iter().zip(&t.tag_ids) {
                    match map.get_mut(tag) {
                        Some(list) => list.items.push(page.announcement),
                        None => {
                            map.insert(
                                tag.clone(),
                                TagList {
                                    id,
                                    items: vec![page.announcement],
                                },
                            );
                        }
                    }
                }
            }
            map
        })
        .collect();
    let tag_names = tags
        .iter()
        .map(|map| {
            map.iter()
                .map(|(name, list)| (list.id, name.clone()))
                .collect()
        })
        .collect();
    (
        Site {
            config,
            urls,
            announcements: published,
            pages,
            tags,
            skipped,
            next_due,
            tag_names,
            by_name,
            by_id,
        },
        diags,
    )
}

/// Why an announcement is left out of the build.
enum Left {
    /// It is a draft.
    Draft,
    /// It is dated after the build's clock (that date).
    Scheduled(i64),
}

/// The announcement as published (its draft translations dropped), or why it is left out.
fn published_form(a: Arc<Announcement>, publish: &Publish) -> Result<Arc<Announcement>, Left> {
    let source = a.source();
    if source.draft && !publish.drafts {
        return Err(Left::Draft);
    }
    if source.date.timestamp > publish.now && !publish.future {
        return Err(Left::Scheduled(source.date.timestamp));
    }
    let keep = |t: &Translation| t.lang == a.source_lang || publish.drafts || !t.draft;
    if a.translations.iter().all(keep) {
        return Ok(a);
    }
    let mut copy = Announcement::clone(&a);
    copy.translations.retain(keep);
    Ok(Arc::new(copy))
}

/// `@/` links name announcements; a name that is not published is the linking file's error.
fn link_errors(a: &Announcement, published: impl Fn(&str) -> bool, diags: &mut Diagnostics) {
    for t in &a.translations {
        let mut index = None;
        for (name, offset) in &t.scan.links {
            if !published(name) {
                let index = index.get_or_insert_with(|| LineIndex::new(&t.body));
                let (line, col) = index.position(*offset);
                diags.push(Diagnostic::error(
                    &t.path,
                    line + t.body_line - 1,
                    col,
                    format!("link to `@/announcements/{name}.md`: there is no announcement named `{name}`"),
                ));
            }
        }
    }
}

/// The page of announcement `a` in language `lang`: the first translation along the
/// language's fallback chain (else the source), and whether that is a fallback.
fn make_page(lang: &str, chain: &[String], announcements: &[Arc<Announcement>], a: usize) -> Page {
    let ann = &announcements[a];
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
        announcement: a,
        kind,
        content,
    }
}
