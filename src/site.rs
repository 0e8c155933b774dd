//! The model: every published announcement in every language (translated,
//! stale or fallback), sorted, with per-language tag lists.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Announcement, Staleness, Translation};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::markdown::{self, Rendered};
use crate::urls::{Route, Urls};

/// What a page in a language shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// The announcement written in the page's language.
    Translated,
    /// A translation whose source changed since it was made.
    Stale(Staleness),
    /// No translation: another language's text inside this language's interface.
    Fallback,
}

/// One announcement in one language.
#[derive(Debug, Clone)]
pub struct Page {
    /// Index into [`Site::announcements`].
    pub announcement: usize,
    /// The page's (interface) language.
    pub lang: String,
    /// Translated, stale or fallback.
    pub kind: PageKind,
    /// Index of the translation whose text is shown.
    pub content: usize,
    /// The URL segment in this language.
    pub slug: String,
}

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

/// The whole site, ready to plan.
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// URL builder.
    pub urls: Urls,
    /// Published announcements, newest first.
    pub announcements: Vec<Announcement>,
    /// Per language (config order): one page per announcement, same order as `announcements`.
    pub pages: Vec<Vec<Page>>,
    /// Per language: tag id → indexes of its announcements, newest first.
    pub tags: Vec<BTreeMap<String, Vec<usize>>>,
    /// What was left out.
    pub skipped: Skipped,
    /// Per announcement: a hash of everything it is made of (files, texts, languages).
    pub versions: Vec<u64>,
    /// Announcement index by name.
    pub by_name: HashMap<String, usize>,
    /// `0..announcements.len()`: the home list, newest first.
    pub order: Vec<usize>,
    /// Per announcement name, published or not: a hash of what decides where its pages are
    /// and which other pages list it (see [`structure`]). Watch mode takes a shortcut
    /// for edits that leave it unchanged.
    pub structure: HashMap<String, u64>,
    /// The earliest date of an announcement left out as scheduled: from then on
    /// the model differs even if no file changed.
    pub next_due: Option<i64>,
    /// Each language's fallback chain.
    chains: Vec<Vec<String>>,
}

impl Site {
    /// The page of announcement `a` in language index `l`.
    pub fn page(&self, l: usize, a: usize) -> &Page {
        &self.pages[l][a]
    }

    /// Puts a new version of published announcement `a` in place (watch mode), with its
    /// pages and version. The caller has checked that its [`structure`] is unchanged:
    /// the order, slugs, tags and lists of the site stay as they are.
    pub fn replace(&mut self, a: usize, ann: Announcement) {
        self.announcements[a] = ann;
        for l in 0..self.config.languages.len() {
            self.pages[l][a] = make_page(&self.config, &self.chains[l], &self.announcements, l, a);
        }
        self.versions[a] = version(&self.announcements[a]);
    }

    /// The translation shown by a page.
    pub fn content_of(&self, page: &Page) -> &Translation {
        &self.announcements[page.announcement].translations[page.content]
    }

    /// The slug of the announcement named `name` in `lang` ("" if there is none).
    pub fn slug_of(&self, name: &str, lang: &str) -> &str {
        self.by_name
            .get(name)
            .map(|&a| slug_in(&self.announcements[a], lang))
            .unwrap_or("")
    }

    /// The route of announcement `a` in language code `lang`.
    pub fn announcement_route(&self, a: usize, lang: &str) -> Route {
        let slug = slug_in(&self.announcements[a], lang).to_string();
        Route::Announcement {
            lang: lang.to_string(),
            slug,
        }
    }
}

/// The URL segment of an announcement in `lang`: its translation's slug, else its source's.
pub fn slug_in<'a>(a: &'a Announcement, lang: &str) -> &'a str {
    &a.translation(lang).unwrap_or_else(|| a.source()).slug
}

/// Builds the model from the announcements.
pub fn build(
    config: Config,
    announcements: Vec<Announcement>,
    publish: Publish,
) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut skipped = Skipped::default();
    let mut published: Vec<Announcement> = Vec::new();
    let structure_of: HashMap<String, u64> = announcements
        .iter()
        .map(|a| (a.name.clone(), structure(a)))
        .collect();
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
    published.sort_by(|x, y| {
        y.source()
            .date
            .timestamp
            .cmp(&x.source().date.timestamp)
            .then_with(|| x.name.cmp(&y.name))
    });
    let urls = Urls::new(&config);
    let by_name: HashMap<&str, usize> = published
        .iter()
        .enumerate()
        .map(|(i, a)| (a.name.as_str(), i))
        .collect();

    // Each language's fallback chain once, not once per page.
    let chains: Vec<Vec<String>> = config
        .languages
        .iter()
        .map(|l| config.chain(&l.code))
        .collect();
    let jobs: Vec<(usize, usize)> = (0..config.languages.len())
        .flat_map(|l| (0..published.len()).map(move |a| (l, a)))
        .collect();
    let results: Vec<Page> = jobs
        .par_iter()
        .map(|&(l, a)| make_page(&config, &chains[l], &published, l, a))
        .collect();
    let mut pages: Vec<Vec<Page>> = (0..config.languages.len())
        .map(|_| Vec::with_capacity(published.len()))
        .collect();
    for page in results {
        let l = config.language_index(&page.lang).unwrap_or(0);
        pages[l].push(page);
    }
    for a in &published {
        link_errors(a, |name| by_name.contains_key(name), &mut diags);
    }
    let versions = published.iter().map(version).collect();
    let order = (0..published.len()).collect();
    let by_name: HashMap<String, usize> = by_name
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let tags = pages
        .iter()
        .map(|lang_pages| {
            let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for page in lang_pages {
                let t = &published[page.announcement].translations[page.content];
                for tag in &t.tags {
                    map.entry(tag.clone()).or_default().push(page.announcement);
                }
            }
            map
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
            versions,
            by_name,
            order,
            structure: structure_of,
            next_due,
            chains,
        },
        diags,
    )
}

/// Why an announcement is left out of the build.
pub enum Left {
    /// It is a draft.
    Draft,
    /// It is dated after the build's clock (that date).
    Scheduled(i64),
}

/// The announcement as published (its draft translations dropped), or why it is left out.
pub fn published_form(mut a: Announcement, publish: &Publish) -> Result<Announcement, Left> {
    let source = a.source();
    if source.draft && !publish.drafts {
        return Err(Left::Draft);
    }
    if source.date.timestamp > publish.now && !publish.future {
        return Err(Left::Scheduled(source.date.timestamp));
    }
    let source_lang = a.source_lang.clone();
    a.translations
        .retain(|t| t.lang == source_lang || publish.drafts || !t.draft);
    Ok(a)
}

/// `@/` links name announcements; a name that is not published is the linking file's error.
pub fn link_errors(a: &Announcement, published: impl Fn(&str) -> bool, diags: &mut Diagnostics) {
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

/// A hash of what decides an announcement's place in the site beyond its own pages:
/// whether and where it is published (draft flags, dates), its translations' languages,
/// files, slugs, tags and aliases, its bundle. Two versions with the same structure
/// differ only in texts (titles, summaries, bodies, extra), which show on its own pages,
/// on the list pages and feeds that show it, and on its alias pages.
pub fn structure(a: &Announcement) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&a.name, &a.source_lang, &a.bundle).hash(&mut h);
    for t in &a.translations {
        (
            &t.lang,
            &t.path,
            &t.slug,
            &t.tags,
            t.draft,
            &t.aliases,
            (t.date.timestamp, &t.date.rfc3339),
            t.updated.as_ref().map(|d| (d.timestamp, &d.rfc3339)),
        )
            .hash(&mut h);
    }
    h.finish()
}

/// A hash of everything an announcement is made of, for change detection.
fn version(a: &Announcement) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    a.name.hash(&mut h);
    a.source_lang.hash(&mut h);
    a.bundle.hash(&mut h);
    for t in &a.translations {
        (&t.lang, &t.path, &t.text_hash, t.stale.is_some()).hash(&mut h);
    }
    h.finish()
}

fn make_page(
    config: &Config,
    chain: &[String],
    announcements: &[Announcement],
    l: usize,
    a: usize,
) -> Page {
    let lang = &config.languages[l].code;
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
    let kind = if &t.lang != lang {
        PageKind::Fallback
    } else if let Some(s) = &t.stale {
        PageKind::Stale(s.clone())
    } else {
        PageKind::Translated
    };
    let slug = slug_in(ann, lang).to_string();
    Page {
        announcement: a,
        lang: lang.clone(),
        kind,
        content,
        slug,
    }
}

/// Renders the Markdown a page shows, its `@/` links pointing into the page's language.
pub fn render_page(site: &Site, page: &Page) -> Rendered {
    let t = site.content_of(page);
    let resolve = |name: &str| {
        site.by_name.get(name).map(|&i| {
            site.urls.url(&Route::Announcement {
                lang: page.lang.clone(),
                slug: slug_in(&site.announcements[i], &page.lang).to_string(),
            })
        })
    };
    let md = &site.config.markdown;
    markdown::render_with(&t.body, md.raw_html, &md.iframe_hosts, &resolve)
}
