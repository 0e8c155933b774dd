//! What building a page reads from the model, fact by fact.
//!
//! Template contexts never see the [`Site`]: they read it through a [`Reader`], and
//! every reader method names the [`Fact`] it reads. In watch mode the reader records
//! each fact with the hash of its value; a page is built again exactly when one of the
//! facts it read has a new value ([`value`] computes it from the model, with the same
//! functions the reader uses, in [`super::fact`]). So a field a template can see cannot be forgotten by
//! the rebuilds: it is read through a fact, or it is not read at all.

use std::sync::{Arc, Mutex};

use super::fact::{
    archive_lastmods, archive_year, archive_year_hash, bundle_images_hash, extra_hash,
    feed_entries, feed_updated, ids_hash, lastmods, life_hash, list_len, searchable, shown_hash,
    sitemap_parts, tag_set_hash, urgent_banner, versions_hash, window, year_items, years, Banner,
    Fact, Lang, Unit,
};
use super::labels::{KindCtx, Labels, TagCtx};
use super::List;
use crate::config::{Config, Language};
use crate::content::{AnnId, Announcement, TagId, Translation};
use crate::date::Date;
use crate::hash::stable_hash;
use crate::i18n::Localizer;
use crate::markdown::{self, Rendered};
use crate::site::{Page, Site};
use crate::urls::{Route, Urls};

/// What building one output file (or unit) read: each fact with its value's hash.
pub type Reads = Vec<(Fact, u64)>;

/// A unit's output: its entries and what building them read.
#[derive(Debug)]
pub struct UnitOut {
    /// The entries (one string each).
    pub entries: Vec<String>,
    /// A hash of the entries.
    pub hash: u64,
    /// What building them read.
    pub reads: Reads,
}

/// Units built so far, shared by the jobs of a build (and kept by watch mode).
#[derive(Debug, Default)]
pub struct Units {
    built: Mutex<rustc_hash::FxHashMap<Unit, Arc<UnitOut>>>,
    /// Units built since [`Units::take_fresh`] was last called.
    fresh: Mutex<Vec<Unit>>,
}

impl Units {
    /// The unit's output, if it was built.
    pub fn get(&self, unit: &Unit) -> Option<Arc<UnitOut>> {
        self.built.lock().ok()?.get(unit).cloned()
    }

    /// Forgets a unit (one of the facts it read changed).
    pub fn forget(&self, unit: &Unit) {
        if let Ok(mut built) = self.built.lock() {
            built.remove(unit);
        }
    }

    fn insert(&self, unit: Unit, out: Arc<UnitOut>) {
        if let (Ok(mut built), Ok(mut fresh)) = (self.built.lock(), self.fresh.lock()) {
            built.insert(unit, out);
            fresh.push(unit);
        }
    }

    /// Each unit's output, if it was built (one look-up for many units).
    pub fn get_many(&self, units: &[Unit]) -> Vec<Option<Arc<UnitOut>>> {
        match self.built.lock() {
            Ok(built) if !built.is_empty() => units.iter().map(|u| built.get(u).cloned()).collect(),
            _ => vec![None; units.len()],
        }
    }

    /// The units built since the last call, with their outputs.
    pub fn take_fresh(&self) -> Vec<(Unit, Arc<UnitOut>)> {
        let fresh = self
            .fresh
            .lock()
            .map(|mut f| std::mem::take(&mut *f))
            .unwrap_or_default();
        fresh
            .into_iter()
            .filter_map(|u| self.get(&u).map(|out| (u, out)))
            .collect()
    }
}

/// A body rendered for a page, its section headings still marked.
#[derive(Debug)]
pub struct Body {
    /// The Markdown it was rendered from.
    text: Arc<str>,
    rendered: Rendered,
    /// Whether it looked up the sizes of static images.
    statics: bool,
    /// The word its `@/` links' URLs are written as (see [`markdown::fill_links`]).
    links: Option<String>,
}

/// The bodies a build rendered that read nothing of the page's language, kept for the
/// next pages that show them: a few per worker thread, and those of feed entries.
/// The plan lists an announcement's pages together, and a worker takes neighbouring
/// jobs, so the pages that show the same text (a translation and the fallback pages
/// showing the source) render it once; a feed entry is in the feeds of every language
/// and of its tags and kind, and its pages render it once with them.
#[derive(Debug)]
pub struct Bodies {
    slots: Vec<Mutex<Vec<Kept>>>,
    /// Feed entries' bodies, and the bytes they hold.
    feeds: Mutex<(FeedBodies, usize)>,
    /// The texts some feed shows (announcement and translation index): their pages
    /// keep them with the feeds', and take them from there.
    in_feeds: rustc_hash::FxHashSet<(usize, usize)>,
}

/// Feed entries' bodies, by announcement and translation index.
type FeedBodies = rustc_hash::FxHashMap<(usize, usize), Arc<Body>>;

/// A body kept, by announcement and translation index.
type Kept = (usize, usize, Arc<Body>);

/// How many bodies each worker keeps: more than an announcement's pages show.
const KEPT: usize = 4;

/// How many bytes of feed entries' bodies are kept at most (a feed has
/// [`crate::site::FEED_ENTRIES`], most of them in several feeds).
const FEED_BYTES: usize = 32 << 20;

impl Bodies {
    /// The bodies of a build of `site`.
    pub fn new(site: &Site) -> Bodies {
        // One slot per worker, and one for a thread outside the pool.
        let slots = (0..=rayon::current_num_threads())
            .map(|_| Mutex::new(Vec::with_capacity(KEPT)))
            .collect();
        // The entries of every feed the plan has, as they choose them.
        let structure = &site.structure;
        let mut in_feeds = rustc_hash::FxHashSet::default();
        for l in 0..site.config.languages.len() {
            for (list, _, _) in super::language_lists(site, l) {
                for a in feed_entries(structure, l, list) {
                    in_feeds.insert((a, site.page(l, a).content));
                }
            }
        }
        Bodies {
            slots,
            feeds: Mutex::default(),
            in_feeds,
        }
    }

    fn slot(&self) -> Option<std::sync::MutexGuard<'_, Vec<Kept>>> {
        let worker = rayon::current_thread_index().unwrap_or(self.slots.len() - 1);
        self.slots.get(worker)?.lock().ok()
    }

    /// Translation `t` of announcement `a`'s body, if it was kept.
    fn get(&self, a: usize, t: usize, feed: bool) -> Option<Arc<Body>> {
        if feed || self.in_feeds.contains(&(a, t)) {
            if let Some(body) = self.feeds.lock().ok()?.0.get(&(a, t)) {
                return Some(body.clone());
            }
        }
        let slot = self.slot()?;
        let (_, _, body) = slot.iter().find(|(ka, kt, _)| (*ka, *kt) == (a, t))?;
        Some(body.clone())
    }

    /// Keeps a body: a feed entry's with the feeds' (while they hold less than
    /// [`FEED_BYTES`]), another page's in place of the one its worker kept longest.
    fn keep(&self, a: usize, t: usize, feed: bool, body: &Arc<Body>) {
        if feed || self.in_feeds.contains(&(a, t)) {
            if let Ok(mut feeds) = self.feeds.lock() {
                let (kept, bytes) = &mut *feeds;
                let size = body.text.len() + body.rendered.html.len();
                if kept.contains_key(&(a, t)) {
                    return;
                }
                if *bytes + size <= FEED_BYTES {
                    *bytes += size;
                    kept.insert((a, t), body.clone());
                    return;
                }
            }
            if feed {
                return;
            }
        }
        if let Some(mut slot) = self.slot() {
            if slot.len() == KEPT {
                slot.remove(0);
            }
            slot.push((a, t, body.clone()));
        }
    }
}

/// Read access to the model for building one output file. With recording on (watch
/// mode), every fact read is kept with its value's hash ([`Reader::finish`]).
pub struct Reader<'a> {
    site: &'a Site,
    localizer: &'a Localizer,
    labels: &'a [Labels],
    units: &'a Units,
    reads: Option<Reads>,
    shortcodes: Option<&'a dyn markdown::shortcodes::Shortcodes>,
    /// Bodies kept from the build's earlier pages.
    bodies: Option<&'a Bodies>,
    /// Errors met while reading (a shortcode whose template failed).
    errors: Vec<crate::diagnostics::Diagnostic>,
}

impl<'a> Reader<'a> {
    /// A reader of `site`; `record` keeps what it reads.
    pub fn new(
        site: &'a Site,
        localizer: &'a Localizer,
        labels: &'a [Labels],
        units: &'a Units,
        record: bool,
    ) -> Reader<'a> {
        Reader {
            site,
            localizer,
            labels,
            units,
            reads: record.then(Vec::new),
            shortcodes: None,
            bodies: None,
            errors: Vec::new(),
        }
    }

    /// The same reader, rendering the bodies' shortcodes with `shortcodes` (the theme).
    pub fn with_shortcodes(
        mut self,
        shortcodes: &'a dyn markdown::shortcodes::Shortcodes,
    ) -> Reader<'a> {
        self.shortcodes = Some(shortcodes);
        self
    }

    /// The same reader, taking bodies its build rendered before from `bodies` and
    /// keeping its own there.
    pub fn with_bodies(mut self, bodies: &'a Bodies) -> Reader<'a> {
        self.bodies = Some(bodies);
        self
    }

    /// The errors met so far (a body's shortcode that could not be rendered).
    pub fn take_errors(&mut self) -> Vec<crate::diagnostics::Diagnostic> {
        std::mem::take(&mut self.errors)
    }

    /// What was read (each fact once, sorted); empty when not recording.
    pub fn finish(self) -> Reads {
        let mut reads = self.reads.unwrap_or_default();
        reads.sort_unstable_by_key(|(f, _)| *f);
        reads.dedup_by_key(|(f, _)| *f);
        reads
    }

    fn note(&mut self, fact: Fact, value: impl FnOnce() -> u64) {
        if let Some(reads) = &mut self.reads {
            reads.push((fact, value()));
        }
    }

    fn note_hash<T: std::hash::Hash + ?Sized>(&mut self, fact: Fact, value: &T) {
        if let Some(reads) = &mut self.reads {
            reads.push((fact, stable_hash(value)));
        }
    }

    // The whole site's settings (site.yaml, templates, options): a change to them
    // rebuilds everything, so they are not facts.

    /// The site's configuration.
    pub fn config(&self) -> &'a Config {
        &self.site.config
    }

    /// The URL builder.
    pub fn urls(&self) -> &'a Urls {
        &self.site.urls
    }

    /// The language at index `l`.
    pub fn language(&self, l: usize) -> &'a Language {
        &self.site.config.languages[l]
    }

    // Interface strings.

    /// A message in the page language `l` (isolation marks kept), or its id.
    pub fn translate(&mut self, l: usize, id: &str) -> String {
        self.strings(l);
        self.localizer
            .translate(&self.site.config.languages[l].code, id, None)
    }

    /// A message with string arguments in the page language `l` (isolation marks kept).
    pub fn translate_with(&mut self, l: usize, id: &str, args: &[(&str, &str)]) -> String {
        self.strings(l);
        let mut fluent_args = fluent::FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(
                name.to_string(),
                fluent::FluentValue::from(value.to_string()),
            );
        }
        self.localizer
            .translate(&self.site.config.languages[l].code, id, Some(&fluent_args))
    }

    /// Notes that the page uses language `l`'s strings (every page that calls `t()`).
    pub fn strings(&mut self, l: usize) {
        let localizer = self.localizer;
        let code = &self.site.config.languages[l].code;
        self.note(Fact::Strings(l as Lang), || localizer.version(code));
    }

    /// The variables every page in language `l` has that are the same on all of them
    /// (see [`Labels::page_values`]); they depend on site.yaml alone.
    pub fn page_values(&self, l: usize) -> &'a [(&'static str, tera::Value)] {
        &self.labels[l].page_values
    }

    /// The name of language `code` inside a sentence in page language `l`.
    pub fn language_label(&mut self, l: usize, code: &str) -> String {
        self.strings(l);
        self.labels[l]
            .languages
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    // Lists and tags.

    /// How many announcements `list` has in language `l`.
    pub fn count(&mut self, l: usize, list: List) -> usize {
        let n = list_len(&self.site.structure, l, list);
        self.note_hash(Fact::Count(l as Lang, list), &n);
        n
    }

    /// How many pages `list` has in language `l`.
    pub fn pages(&mut self, l: usize, list: List) -> usize {
        let n = super::paginate(
            list_len(&self.site.structure, l, list),
            self.site.config.paginate,
        );
        self.note_hash(Fact::Pages(l as Lang, list), &n);
        n
    }

    /// The announcements on page `n` (1-based) of `list` in language `l`.
    pub fn window(&mut self, l: usize, list: List, n: usize) -> Vec<usize> {
        let structure = &self.site.structure;
        let items = window(structure, self.site.config.paginate, l, list, n);
        self.note(Fact::Window(l as Lang, list, n as u32), || {
            ids_hash(structure, items.iter().copied())
        });
        items
    }

    /// A tag of language `l` with its label, list URL and count.
    pub fn tag(&mut self, l: usize, tag: &str) -> Option<TagCtx> {
        let id = self.site.tags(l).get(tag)?.id;
        self.strings(l);
        self.count(l, List::Tag(id));
        self.labels[l].tags.get(tag).cloned()
    }

    /// A tag of language `l` with its label and list URL, without its count.
    pub fn tag_link(&mut self, l: usize, tag: &str) -> Option<TagCtx> {
        self.site.tags(l).get(tag)?;
        self.strings(l);
        let mut ctx = self.labels[l].tags.get(tag).cloned()?;
        ctx.count = None;
        Some(ctx)
    }

    /// The tag with this id in language `l`, as [`Reader::tag_link`] gives it (no count).
    pub fn tag_link_by_id(&mut self, l: usize, id: TagId) -> Option<TagCtx> {
        let (name, _) = self.site.tag(l, id)?;
        self.tag_link(l, name)
    }

    /// Every tag of language `l`, with labels and counts.
    pub fn all_tags(&mut self, l: usize) -> Vec<TagCtx> {
        let site = self.site;
        self.note(Fact::TagSet(l as Lang), || tag_set_hash(&site.structure, l));
        let names: Vec<&String> = site.tags(l).keys().collect();
        names.into_iter().filter_map(|t| self.tag(l, t)).collect()
    }

    /// The ids of language `l`'s tags, in name order.
    pub fn tag_ids(&mut self, l: usize) -> Vec<TagId> {
        let site = self.site;
        self.note(Fact::TagSet(l as Lang), || tag_set_hash(&site.structure, l));
        site.tags(l).values().map(|t| t.id).collect()
    }

    /// The announcements the feed of `list` shows in language `l`, newest first.
    pub fn feed_entries(&mut self, l: usize, list: List) -> Vec<usize> {
        let structure = &self.site.structure;
        let items = feed_entries(structure, l, list);
        self.note(Fact::FeedEntries(l as Lang, list), || {
            ids_hash(structure, items.iter().copied())
        });
        items
    }

    /// The `updated` date of `list`'s feed in language `l`.
    pub fn feed_updated(&mut self, l: usize, list: List) -> &'a str {
        let updated = feed_updated(&self.site.structure, l, list);
        self.note_hash(Fact::FeedUpdated(l as Lang, list), updated);
        updated
    }

    /// Kind `kind` in page language `l`: its label and list URL.
    pub fn kind_link(&mut self, l: usize, kind: crate::config::KindId) -> Option<KindCtx> {
        self.strings(l);
        self.labels[l].kinds.get(kind as usize).cloned()
    }

    /// The archive's years with how many announcements each lists in language `l`,
    /// newest first (a year whose announcements are all withdrawn or expired lists none).
    pub fn years(&mut self, l: usize) -> Vec<(i32, usize)> {
        let years = years(&self.site.structure, l);
        self.note_hash(Fact::Years(l as Lang), &years);
        years
    }

    /// The announcements whose source is dated in `year` that language `l`'s archive
    /// lists (indexes, newest first), with the month of each one's source date.
    pub fn archive_year(&mut self, l: usize, year: i32) -> (Vec<usize>, Vec<u8>) {
        let structure = &self.site.structure;
        self.note(Fact::ArchiveYear(l as Lang, year), || {
            archive_year_hash(structure, l, year)
        });
        archive_year(structure, l, year)
    }

    /// When each archive year's newest page in language `l` last changed (YYYY-MM-DD),
    /// newest year first.
    pub fn archive_lastmods(&mut self, l: usize) -> Vec<&'a Option<String>> {
        let lastmods = archive_lastmods(&self.site.structure, l);
        self.note_hash(Fact::ArchiveLastmods(l as Lang), &lastmods);
        lastmods
    }

    /// When each page of `list` in language `l` last changed (YYYY-MM-DD).
    pub fn lastmods(&mut self, l: usize, list: List) -> &'a [Option<String>] {
        let lastmods = lastmods(&self.site.structure, l, list);
        self.note_hash(Fact::Lastmods(l as Lang, list), lastmods);
        lastmods
    }

    /// When language `l`'s newest page last changed (YYYY-MM-DD).
    pub fn newest_change(&mut self, l: usize) -> Option<&'a str> {
        let newest = &self.site.structure.newest_change[l];
        self.note_hash(Fact::NewestChange(l as Lang), newest);
        newest.as_deref()
    }

    /// The newest source date of all (YYYY-MM-DD).
    pub fn newest_source(&mut self) -> Option<&'a str> {
        let newest = &self.site.structure.newest_source;
        self.note_hash(Fact::NewestSource, newest);
        newest.as_deref()
    }

    /// How many announcements language `l`'s search finds (its pages that are not fallbacks).
    pub fn searchable(&mut self, l: usize) -> usize {
        let n = searchable(&self.site.structure, l);
        self.note_hash(Fact::Searchable(l as Lang), &n);
        n
    }

    /// The files of a split sitemap, in the index's order (none: it is one file).
    pub fn sitemap_parts(&mut self) -> Vec<super::SitemapFile> {
        let site = self.site;
        let parts = sitemap_parts(&site.structure, &site.config);
        self.note_hash(Fact::SitemapParts, &parts);
        parts.unwrap_or_default()
    }

    /// Language `l`'s announcements with a page of their own whose source is dated in
    /// `year`, newest first (indexes).
    pub fn year(&mut self, l: usize, year: i32) -> &'a [usize] {
        let structure = &self.site.structure;
        let items = year_items(structure, l, year);
        self.note(Fact::Year(l as Lang, year), || {
            ids_hash(structure, items.iter().copied())
        });
        items
    }

    /// Every published announcement, newest first (indexes).
    pub fn order(&mut self) -> std::ops::Range<usize> {
        let site = self.site;
        self.note(Fact::Order, || {
            ids_hash(&site.structure, 0..site.structure.ids.len())
        });
        0..site.announcements.len()
    }

    /// A date in CLDR's long form for page language `l`.
    pub fn format_date(&self, l: usize, date: &Date) -> String {
        self.localizer
            .format_date(&self.site.config.languages[l].code, date)
    }

    /// A month of a year as CLDR writes it in page language `l` (`October 2015`).
    pub fn format_month(&self, l: usize, year: i32, month: u8) -> String {
        self.localizer
            .format_month(&self.site.config.languages[l].code, year, month)
    }

    /// A year as CLDR writes it in page language `l` (`2015`, `2015年`).
    pub fn format_year(&self, l: usize, year: i32) -> String {
        self.localizer
            .format_year(&self.site.config.languages[l].code, year)
    }

    // One announcement.

    /// The index of the published announcement with this id, if it is published.
    pub fn index(&self, id: AnnId) -> Option<usize> {
        self.site.index_of(id)
    }

    fn ann(&self, a: usize) -> &'a Announcement {
        &self.site.announcements[a]
    }

    /// The stable id of announcement `a`.
    pub fn id(&self, a: usize) -> AnnId {
        self.ann(a).id
    }

    /// What announcement `a`'s page in language `l` shows.
    pub fn shown(&mut self, l: usize, a: usize) -> Page {
        let page = *self.site.page(l, a);
        let site = self.site;
        self.note(Fact::Shown(self.id(a), l as Lang), || {
            shown_hash(site, &page)
        });
        page
    }

    /// The index of language `code` (a translation's language is always configured).
    fn lang_index(&self, code: &str) -> Lang {
        self.site.config.language_index(code).unwrap_or(0) as Lang
    }

    /// Translation `t` of announcement `a`: the facts below read its fields one by one.
    fn translation(&self, a: usize, t: usize) -> (&'a Translation, AnnId, Lang) {
        let tr = &self.ann(a).translations[t];
        (tr, self.id(a), self.lang_index(&tr.lang))
    }

    /// The title of translation `t` of announcement `a`.
    pub fn title(&mut self, a: usize, t: usize) -> &'a str {
        let (tr, id, lang) = self.translation(a, t);
        self.note_hash(Fact::Title(id, lang), &tr.title);
        &tr.title
    }

    /// Its summary: the author's, else the first paragraph; set in the typography of
    /// its language, as its body is.
    pub fn summary(&mut self, a: usize, t: usize) -> String {
        let (tr, id, lang) = self.translation(a, t);
        self.note_hash(Fact::Summary(id, lang), tr.summary_text());
        // Many pages show it (lists, feeds): it is set once per build.
        let set = || match self.typography(tr) {
            None => tr.summary_text().to_string(),
            Some(typography) => match &tr.summary {
                Some(written) => typography.plain(written, &[]),
                None => typography.plain(&tr.scan.summary, &tr.scan.summary_literal),
            },
        };
        match self.site.summaries.get(a).and_then(|s| s.get(t)) {
            Some(cell) => cell.get_or_init(set).clone(),
            None => set(),
        }
    }

    /// The typography translation `tr`'s text is set in: its language's (whatever the
    /// language of the page that shows it), unless site.yaml turns typography off.
    fn typography(&self, tr: &Translation) -> Option<markdown::typography::Typography> {
        self.typography_of(&tr.lang)
    }

    /// The typography of language `code`'s text, unless site.yaml turns typography off.
    fn typography_of(&self, code: &str) -> Option<markdown::typography::Typography> {
        self.site
            .config
            .markdown
            .typography
            .then(|| markdown::typography::Typography::of(code))
    }

    /// A plain text of language `code` from front matter (a change note, a reason), set
    /// in that language's typography as summaries are.
    pub fn typeset(&self, code: &str, text: &str) -> String {
        match self.typography_of(code) {
            Some(typography) => typography.plain(text, &[]),
            None => text.to_string(),
        }
    }

    /// Its `date` and `updated`.
    pub fn dates(&mut self, a: usize, t: usize) -> (&'a Date, Option<&'a Date>) {
        let (tr, id, lang) = self.translation(a, t);
        self.note_hash(Fact::Dates(id, lang), &(&tr.date, &tr.updated));
        (&tr.date, tr.updated.as_ref())
    }

    /// Its newsroom fields and its state at the build's clock.
    pub fn life(
        &mut self,
        a: usize,
        t: usize,
    ) -> (&'a crate::lifecycle::Lifecycle, crate::lifecycle::Phase) {
        let (tr, id, lang) = self.translation(a, t);
        let site = self.site;
        self.note(Fact::Life(id, lang), || life_hash(site, tr));
        (&tr.life, tr.life.timing().phase(site.now))
    }

    /// The urgent banner of language `l`'s pages.
    pub fn urgent(&mut self, l: usize) -> Vec<Banner> {
        let banner = urgent_banner(self.site, l);
        self.note_hash(Fact::Urgent(l as Lang), &banner);
        banner
    }

    /// A date (with its time and UTC offset when it has one) in CLDR's long form for
    /// page language `l`.
    pub fn format_date_time(&self, l: usize, date: &Date) -> String {
        self.localizer
            .format_date_time(&self.site.config.languages[l].code, date)
    }

    /// Its tags.
    pub fn tags(&mut self, a: usize, t: usize) -> &'a [String] {
        let (tr, id, lang) = self.translation(a, t);
        self.note_hash(Fact::Tags(id, lang), &tr.tags);
        &tr.tags
    }

    /// Its kind (an index into site.yaml's `kinds:`).
    pub fn kind(&mut self, a: usize, t: usize) -> Option<crate::config::KindId> {
        let (tr, id, lang) = self.translation(a, t);
        self.note_hash(Fact::Kind(id, lang), &tr.kind);
        tr.kind
    }

    /// Its `extra` map.
    pub fn extra(&mut self, a: usize, t: usize) -> &'a serde_json::Value {
        let (tr, id, lang) = self.translation(a, t);
        self.note(Fact::Extra(id, lang), || extra_hash(tr));
        &tr.extra
    }

    /// Whether its page shows a table of contents.
    pub fn toc(&mut self, a: usize, t: usize) -> bool {
        let (tr, id, lang) = self.translation(a, t);
        self.note_hash(Fact::Toc(id, lang), &tr.toc);
        tr.toc
    }

    /// The announcements related to announcement `a` on its page in language `l`
    /// (indexes, best first).
    pub fn related(&mut self, l: usize, a: usize) -> Vec<usize> {
        let structure = &self.site.structure;
        let items = super::related::related(structure, l, a);
        self.note(Fact::Related(l as Lang, self.id(a)), || {
            ids_hash(structure, items.iter().copied())
        });
        items
    }

    /// The language of translation `t` (fixed by its file name: a change is another file).
    pub fn lang_of(&self, a: usize, t: usize) -> &'a str {
        &self.ann(a).translations[t].lang
    }

    /// Its body rendered to HTML for a page in language `l`: its `@/` links point to
    /// the linked announcements in `l`; its images of the bundle or the static files
    /// have their sizes; with `self_links`, its section headings link to themselves
    /// (named in `l`).
    pub fn html(&mut self, l: usize, a: usize, t: usize, self_links: bool) -> Rendered {
        let (tr, id, lang) = self.translation(a, t);
        let site = self.site;
        let page_lang = &site.config.languages[l];
        let code = &page_lang.code;
        for target in tr.link_ids.iter().filter_map(|&id| site.index_of(id)) {
            self.slug(target, code);
        }
        let body = match self.bodies.and_then(|bodies| bodies.get(a, t, !self_links)) {
            Some(body) => {
                self.note_hash(Fact::Body(id, lang), &*body.text);
                if body.statics {
                    self.static_size("");
                }
                body
            }
            None => {
                // A text that cannot be read again fails the page (and is not kept).
                let (text, keep) = match tr.body.text() {
                    Ok(text) => (text, Some(!self_links)),
                    Err(message) => {
                        let error = crate::diagnostics::Diagnostic::file_error(&tr.path, message);
                        self.errors.push(error);
                        (Arc::from(""), None)
                    }
                };
                self.note_hash(Fact::Body(id, lang), &*text);
                self.render_body(l, a, t, text, keep)
            }
        };
        // The `@/` links of a body rendered for every language, to their pages in `l`.
        let filled = body.links.as_ref().map(|tag| {
            let urls: Vec<String> = tr
                .link_ids
                .iter()
                .map(|&id| {
                    site.index_of(id).map_or_else(String::new, |target| {
                        site.urls.url(&site.announcement_route(target, code))
                    })
                })
                .collect();
            markdown::fill_links(&body.rendered.html, tag, &urls)
        });
        let html = filled.as_deref().unwrap_or(&body.rendered.html);
        let toc = &body.rendered.toc;
        let html = if self_links {
            let labels: Vec<String> = toc
                .iter()
                .map(|heading| {
                    if !markdown::SECTION_LEVELS.contains(&heading.level) {
                        return String::new();
                    }
                    let label =
                        self.translate_with(l, "section-link-label", &[("heading", &heading.text)]);
                    crate::i18n::strip_isolation(&label)
                })
                .collect();
            let links = markdown::SelfLinks {
                labels: &labels,
                lang: (tr.lang != page_lang.code)
                    .then_some((page_lang.code.as_str(), page_lang.dir.as_str())),
            };
            markdown::link_sections(html, toc, Some(&links))
        } else {
            markdown::link_sections(html, toc, None)
        };
        Rendered {
            html,
            toc: toc.clone(),
            taken: Vec::new(),
        }
    }

    /// Renders translation `t`'s body for a page in language `l`, its section headings
    /// still marked; reports its errors and notes the facts it read besides the body
    /// and its links' targets. A body that reads nothing of the page's language is
    /// kept for the next page that shows it, with `keep` (a feed entry's, `Some(true)`,
    /// or a page's); its `@/` links are then words that each page replaces with its
    /// URLs (unless shortcodes or the sanitiser could see them).
    fn render_body(
        &mut self,
        l: usize,
        a: usize,
        t: usize,
        text: Arc<str>,
        keep: Option<bool>,
    ) -> Arc<Body> {
        let (tr, id, _) = self.translation(a, t);
        let site = self.site;
        let md = &site.config.markdown;
        let page_lang = &site.config.languages[l];
        let code = &page_lang.code;
        // Shortcodes see the page's language (the theme's ids are the same for all).
        let shortcodes = self.shortcodes.is_some() && markdown::shortcodes::may_have(&text);
        let mut tag = (!tr.link_ids.is_empty()
            && !shortcodes
            && (md.raw_html != crate::config::RawHtml::Sanitize || !text.contains('<')))
        .then(|| markdown::link_tag(&text));
        // Each link's index (the links and their ids are in the same order), looked up
        // by name in a map: a body may link to thousands of announcements.
        let mut index: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for (k, (name, _)) in tr.scan.links.iter().enumerate() {
            index.entry(name.as_str()).or_insert(k);
        }
        let ann = self.ann(a);
        let base_path = site.config.base_path();
        loop {
            let target = |name: &str| {
                let k = *index.get(name)?;
                Some((k, site.index_of(*tr.link_ids.get(k)?)?))
            };
            let resolve = |name: &str| {
                let (k, target) = target(name)?;
                Some(match &tag {
                    Some(tag) => format!("{tag}{k}e"),
                    None => site.urls.url(&site.announcement_route(target, code)),
                })
            };
            // Which sizes the body looked up: the page follows those facts.
            let looked_up = std::cell::Cell::new((false, false));
            // Whether an image's size was asked by a link's word (not its URL).
            let sized_word = std::cell::Cell::new(false);
            let size_of = |url: &str| {
                if tag.as_ref().is_some_and(|tag| url.contains(tag.as_str())) {
                    sized_word.set(true);
                }
                let (bundle, statics) = looked_up.get();
                if url.starts_with('/') && !url.starts_with("//") {
                    looked_up.set((bundle, true));
                    // Root-relative links carry the base URL's path (`/news/img/x.png`).
                    let path = url.strip_prefix(base_path)?.strip_prefix('/')?;
                    return site.static_images.size(path);
                }
                if url.contains(':') || url.starts_with('#') {
                    return None;
                }
                looked_up.set((true, statics));
                let bundle = ann.bundle.as_ref()?;
                bundle.sizes.get(&bundle.file_in(url, code)).copied()
            };
            // Shortcodes see the page's language and direction (from the configuration).
            let env = self.shortcodes.map(|renderer| markdown::shortcodes::Env {
                renderer,
                lang: &page_lang.code,
                dir: page_lang.dir.as_str(),
                theme_ids: renderer.theme_ids(),
            });
            // The text is set in its own language's typography (English on a fallback
            // page that shows the English source).
            let (rendered, mut errors) = markdown::render_page(
                &text,
                md.raw_html,
                &md.iframe_hosts,
                &resolve,
                &size_of,
                env,
                self.typography(tr),
            );
            if sized_word.get() {
                // An image whose URL is an `@/` link: sized by its URL in `l`.
                tag = None;
                continue;
            }
            errors.extend(taken_errors(&rendered.taken, &tr.scan.heading_ids));
            let no_errors = errors.is_empty();
            if !no_errors {
                let lines = crate::diagnostics::LineIndex::new(&text);
                for (offset, message) in errors {
                    let (line, col) = lines.position(offset);
                    self.errors.push(crate::diagnostics::Diagnostic::error(
                        &tr.path,
                        line + tr.body_line - 1,
                        col,
                        message,
                    ));
                }
            }
            let (bundle, statics) = looked_up.get();
            if bundle {
                self.note(Fact::BundleImages(id), || bundle_images_hash(ann));
            }
            if statics {
                self.static_size("");
            }
            // The page's language reaches the HTML through `@/` links (unless they are
            // words), the bundle's language variants and shortcodes; errors are
            // reported by each page.
            let same_in_every_language =
                (tr.link_ids.is_empty() || tag.is_some()) && !bundle && !shortcodes && no_errors;
            let body = Arc::new(Body {
                text,
                rendered,
                statics,
                links: tag,
            });
            if let (Some(bodies), Some(feed), true) = (self.bodies, keep, same_in_every_language) {
                bodies.keep(a, t, feed, &body);
            }
            return body;
        }
    }

    /// The share image of translation `t` of announcement `a` (`image:`), if it has one.
    pub fn image(&mut self, a: usize, t: usize) -> Option<&'a crate::content::Image> {
        let (tr, id, lang) = self.translation(a, t);
        self.note_hash(Fact::Image(id, lang), &tr.image);
        tr.image.as_ref()
    }

    /// The size of a file of announcement `a`'s bundle (`/`-separated path), if it is an image.
    /// Language `code`'s pages show its variant of the file (`map.fr.png`) when there is one.
    pub fn bundle_size(&mut self, a: usize, file: &str, code: &str) -> Option<crate::images::Size> {
        let ann = self.ann(a);
        self.note(Fact::BundleImages(ann.id), || bundle_images_hash(ann));
        let bundle = ann.bundle.as_ref()?;
        bundle.sizes.get(&bundle.file_in(file, code)).copied()
    }

    /// The size of a static image (output path, `share.png`), if it is one.
    pub fn static_size(&mut self, path: &str) -> Option<crate::images::Size> {
        let images = &self.site.static_images;
        self.note(Fact::StaticImages, || images.hash());
        images.size(path)
    }

    /// Whether language `l` has the tag with this id.
    pub fn has_tag(&mut self, l: usize, id: TagId) -> bool {
        let has = self.site.structure.tag(l, id).is_some();
        self.note_hash(Fact::HasTag(l as Lang, id), &has);
        has
    }

    /// Announcement `a`'s URL segment in language `code`.
    pub fn slug(&mut self, a: usize, code: &str) -> &'a str {
        let slug = self.ann(a).slug_in(code);
        let fact = Fact::Slug(self.id(a), self.lang_index(code));
        self.note_hash(fact, slug);
        slug
    }

    /// The route of announcement `a`'s page in language `code`.
    pub fn announcement_route(&mut self, a: usize, code: &str) -> Route {
        Route::Announcement {
            lang: code.to_string(),
            slug: self.slug(a, code).to_string(),
        }
    }

    /// The index of announcement `a`'s source translation.
    pub fn source_translation(&mut self, a: usize) -> usize {
        let ann = self.ann(a);
        self.note(Fact::Versions(ann.id), || versions_hash(ann));
        ann.translations
            .iter()
            .position(|t| t.lang == ann.source_lang)
            .unwrap_or(0)
    }

    /// The languages announcement `a` exists in (config order), and its source language.
    pub fn versions(&mut self, a: usize) -> (Vec<&'a Language>, &'a str) {
        let ann = self.ann(a);
        let site = self.site;
        self.note(Fact::Versions(ann.id), || versions_hash(ann));
        let langs = site
            .config
            .languages
            .iter()
            .filter(|lang| ann.translation(&lang.code).is_some())
            .collect();
        (langs, &ann.source_lang)
    }

    /// Units' outputs: each from the units built so far, else built now with `build`
    /// (which reads through its own reader, whose reads the unit keeps).
    pub fn units(
        &mut self,
        units: &[Unit],
        mut build: impl FnMut(&mut Reader<'a>, Unit) -> Vec<String>,
    ) -> Vec<Arc<UnitOut>> {
        let built = self.units.get_many(units);
        units
            .iter()
            .zip(built)
            .map(|(&unit, built)| self.unit_from(unit, built, |r| build(r, unit)))
            .collect()
    }

    fn unit_from(
        &mut self,
        unit: Unit,
        built: Option<Arc<UnitOut>>,
        build: impl FnOnce(&mut Reader<'a>) -> Vec<String>,
    ) -> Arc<UnitOut> {
        let out = match built {
            Some(out) => out,
            None => {
                let mut inner = Reader::new(
                    self.site,
                    self.localizer,
                    self.labels,
                    self.units,
                    self.reads.is_some(),
                );
                inner.shortcodes = self.shortcodes;
                let entries = build(&mut inner);
                self.errors.append(&mut inner.errors);
                let out = Arc::new(UnitOut {
                    hash: stable_hash(&entries),
                    entries,
                    reads: inner.finish(),
                });
                // A full build uses each unit once (unless the sitemap is split): only
                // watch mode keeps them.
                if self.reads.is_some() {
                    self.units.insert(unit, out.clone());
                }
                out
            }
        };
        self.note(Fact::Unit(unit), || out.hash);
        out
    }
}

/// Errors for the ids written with `{#id}` that a page already uses (`taken`, in body
/// order), at their `{` (`written`: every `{#id}` of the body, in order).
fn taken_errors(taken: &[markdown::TakenId], written: &[(String, usize)]) -> Vec<(usize, String)> {
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    taken
        .iter()
        .map(|t| {
            // A body that writes an id k times has m of them taken: all when an earlier
            // heading's text or the theme has it, else all but the first. The n-th
            // taken is then its (k - m + n)-th `{#id}`.
            let places: Vec<usize> = written
                .iter()
                .filter(|(id, _)| *id == t.id)
                .map(|(_, at)| *at)
                .collect();
            let m = taken.iter().filter(|o| o.id == t.id).count();
            let n = seen.entry(&t.id).or_insert(0);
            let at = places
                .get((places.len() + *n).saturating_sub(m))
                .copied()
                .unwrap_or(0);
            *n += 1;
            let why = if t.by_theme {
                "the theme's templates use it on every page"
            } else {
                "an earlier heading of this text has it (written, or made from its text)"
            };
            (
                at,
                format!(
                    "the id `{}` is taken: {why}; choose another after `#`",
                    t.id
                ),
            )
        })
        .collect()
}
