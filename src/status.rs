//! `herald status`: translation coverage for translators, as a table or stable JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::config::{self, Config};
use crate::content::{self, Announcement, Staleness};
use crate::diagnostics::Diagnostic;
use crate::i18n::LocaleFile;
use crate::lint;
use crate::workbench::{self, Change, Workbench};

/// The state of one announcement in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum State {
    /// The source version.
    Source,
    /// Translated and up to date.
    Translated,
    /// Translated, but the source changed since.
    Stale {
        /// `hash` (source_hash no longer matches) or `date` (source updated later).
        reason: &'static str,
        /// For `hash`: the source's current hash, to record once the translation is updated.
        #[serde(skip_serializing_if = "Option::is_none")]
        source_hash: Option<String>,
        /// The source's change notes made since the translation, newest first: what to
        /// bring into it (`notes`: `changes` is the changed parts, below).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        notes: Vec<ChangeNote>,
    },
    /// Not translated (readers get the fallback page).
    Missing,
    /// This language's file (or the whole announcement) is a draft.
    Draft,
}

/// A change note of the source, as `herald status` shows it to a translator.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChangeNote {
    /// Its date (YYYY-MM-DD).
    pub date: String,
    /// Its text, in the source's language.
    pub note: String,
}

/// The source's change notes made after `since` (all without it), newest first.
fn notes_since(
    source: &content::Translation,
    since: Option<&crate::date::Date>,
) -> Vec<ChangeNote> {
    source
        .life
        .changes
        .iter()
        .filter(|c| since.is_none_or(|s| c.date.timestamp > s.timestamp))
        .map(|c| ChangeNote {
            date: c.date.ymd(),
            note: c.note.clone(),
        })
        .collect()
}

/// One announcement's row.
#[derive(Debug, Clone, Serialize)]
pub struct AnnouncementStatus {
    /// File name shared by its translations.
    pub name: String,
    /// Language of the source.
    pub source: String,
    /// Title in the source language.
    pub title: String,
    /// Publication date (YYYY-MM-DD).
    pub date: String,
    /// One entry per configured language, in site.yaml order.
    pub languages: Vec<LanguageState>,
}

/// One cell of the table.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageState {
    /// Language code.
    pub lang: String,
    /// Its state.
    #[serde(flatten)]
    pub state: State,
    /// Missing: the source's words to translate (title, summary, body); stale: the
    /// words of the source's changed parts, or of the whole source when `history` says
    /// why the changes cannot be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<usize>,
    /// Stale: the commit that has the source as the translation was made from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<SourceVersion>,
    /// Stale: the source's parts that changed since then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
    /// Stale: why the changes cannot be found (not a git repository, no such version…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<String>,
}

/// The version of a source a stale translation was made from.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceVersion {
    /// The commit's id, 12 hex digits.
    pub commit: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
}

/// Per-language totals.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageSummary {
    /// Language code.
    pub code: String,
    /// Its own name.
    pub name: String,
    /// Official or courtesy language.
    pub official: bool,
    /// Announcements (drafts left out): sources and translations up to date.
    pub translated: usize,
    /// Translations whose source changed.
    pub stale: usize,
    /// Announcements not translated.
    pub missing: usize,
    /// Drafts.
    pub drafts: usize,
    /// Words of the sources of the missing announcements (title, summary, body).
    pub words_to_translate: usize,
    /// Words of the parts of the sources changed since the stale translations were made.
    pub words_to_update: usize,
    /// Stale translations whose source's changes cannot be found (see `history`): their
    /// whole source counts in `words_to_update`.
    pub stale_counted_whole: usize,
    /// (translated + stale) / announcements, in percent.
    pub announcements_percent: f64,
    /// Interface strings the site needs.
    pub strings_needed: usize,
    /// Needed strings this language lacks: the default language's text is shown, or
    /// another language's (`strings_inherited`), or none has them and the id is shown.
    pub strings_missing: Vec<String>,
    /// The missing strings readers see in a language other than the default one,
    /// by that language (`zh-Hant` ← `zh`): inherited, but not this language's.
    pub strings_inherited: BTreeMap<String, Vec<String>>,
    /// The missing strings by the language whose text is shown instead (`None`: the id).
    #[serde(skip)]
    pub gaps: BTreeMap<Option<String>, Vec<String>>,
    /// needed - missing, in percent.
    pub strings_percent: f64,
}

/// The whole report (`herald status --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Version of this JSON shape.
    pub format: u32,
    /// The default (source) language.
    pub default_language: String,
    /// Per language.
    pub languages: Vec<LanguageSummary>,
    /// Per announcement, newest first.
    pub announcements: Vec<AnnouncementStatus>,
    /// The next time the site changes with no file changed (a scheduled announcement
    /// published, a closing date, …), so that a scheduler knows when to build; `null`
    /// when nothing is due.
    pub next_change: Option<crate::lifecycle::NextChange>,
}

/// Builds the report for the site in `site_dir`, optionally for one language.
pub fn status(site_dir: &std::path::Path, only: Option<&str>) -> Result<Status, Vec<Diagnostic>> {
    status_at(site_dir, only, None)
}

/// [`status`] with its "now" (for the next change) given, else the build's clock.
pub fn status_at(
    site_dir: &std::path::Path,
    only: Option<&str>,
    now: Option<i64>,
) -> Result<Status, Vec<Diagnostic>> {
    let now = match now {
        Some(now) => now,
        None => crate::build::clock()
            .map_err(|e| vec![Diagnostic::file_error(crate::build::NOW_VAR, e)])?,
    };
    let config = config::load(site_dir).map_err(|d| d.sorted())?;
    if let Some(lang) = only {
        config.site_language(lang)?;
    }
    let mut announcements = content::load_or_errors(&config)?;
    announcements.sort_by(|a, b| {
        b.source()
            .date
            .timestamp
            .cmp(&a.source().date.timestamp)
            .then(a.name.cmp(&b.name))
    });
    let files = locale_files(&config)?;
    let tags: BTreeSet<&str> = announcements
        .iter()
        .flat_map(|a| a.translations.iter().flat_map(|t| t.tags.iter()))
        .map(String::as_str)
        .collect();
    let bench = Workbench::new(site_dir);
    let rows: Vec<AnnouncementStatus> = announcements
        .iter()
        .map(|a| row(&config, &bench, a, only))
        .collect();
    // The strings are parsed once for every language.
    let all = lint::messages(&files);
    let needed = lint::expected_ids(&config, &files, &all, &tags);
    let languages = config
        .languages
        .iter()
        .filter(|l| only.is_none_or(|o| o == l.code))
        .map(|l| summary(&config, l, &rows, &all, &needed))
        .collect();
    Ok(Status {
        format: 1,
        default_language: config.default_language.clone(),
        languages,
        announcements: rows,
        next_change: crate::content::next_change(
            announcements.iter().map(|a| &**a),
            &config.kinds,
            now,
            false,
            false,
        ),
    })
}

fn locale_files(config: &Config) -> Result<Vec<LocaleFile>, Vec<Diagnostic>> {
    let theme = crate::theme::load_files(config).map_err(|d| d.sorted())?;
    let (site, diags) = crate::i18n::read_site_locales(config);
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let mut files = theme.locales;
    files.extend(site);
    Ok(files)
}

fn row(
    config: &Config,
    bench: &Workbench,
    a: &Announcement,
    only: Option<&str>,
) -> AnnouncementStatus {
    let source = a.source();
    // The source's words, counted once for all the languages that miss it.
    let whole = std::cell::OnceCell::new();
    let whole = || *whole.get_or_init(|| workbench::words_of(source));
    let languages = config
        .languages
        .iter()
        .filter(|l| only.is_none_or(|o| o == l.code))
        .map(|l| {
            let state = match a.translation(&l.code) {
                _ if source.draft => State::Draft,
                Some(t) if t.draft => State::Draft,
                Some(t) if t.lang == a.source_lang => State::Source,
                Some(t) => match &t.stale {
                    Some(Staleness::Hash { current, .. }) => State::Stale {
                        reason: "hash",
                        source_hash: Some(current.clone()),
                        notes: notes_since(source, Some(&t.date)),
                    },
                    Some(Staleness::Date { translated, .. }) => State::Stale {
                        reason: "date",
                        source_hash: None,
                        notes: notes_since(source, translated.as_ref()),
                    },
                    None => State::Translated,
                },
                None => State::Missing,
            };
            let mut cell = LanguageState {
                lang: l.code.clone(),
                state,
                words: None,
                since: None,
                changes: None,
                history: None,
            };
            match (&cell.state, a.translation(&l.code)) {
                (State::Missing, _) => cell.words = Some(whole()),
                (State::Stale { .. }, Some(t)) => match bench.since(source, t) {
                    Ok(since) => {
                        let changes = since.changes();
                        cell.words = Some(changes.iter().map(|c| c.words).sum());
                        cell.changes = Some(changes);
                        cell.since = Some(SourceVersion {
                            commit: since.commit,
                            date: since.date,
                        });
                    }
                    Err(why) => {
                        cell.words = Some(whole());
                        cell.history = Some(why.0);
                    }
                },
                _ => {}
            }
            cell
        })
        .collect();
    AnnouncementStatus {
        name: a.name.clone(),
        source: a.source_lang.clone(),
        title: source.title.clone(),
        date: source.date.ymd(),
        languages,
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

fn summary(
    config: &Config,
    lang: &crate::config::Language,
    rows: &[AnnouncementStatus],
    all: &lint::Messages,
    needed: &BTreeSet<String>,
) -> LanguageSummary {
    let cells = rows
        .iter()
        .filter_map(|r| r.languages.iter().find(|s| s.lang == lang.code));
    let (mut translated, mut stale, mut missing, mut drafts) = (0, 0, 0, 0);
    let (mut words_to_translate, mut words_to_update, mut stale_counted_whole) = (0, 0, 0);
    for cell in cells {
        match cell.state {
            State::Source | State::Translated => translated += 1,
            State::Stale { .. } => {
                stale += 1;
                words_to_update += cell.words.unwrap_or(0);
                stale_counted_whole += usize::from(cell.history.is_some());
            }
            State::Missing => {
                missing += 1;
                words_to_translate += cell.words.unwrap_or(0);
            }
            State::Draft => drafts += 1,
        }
    }
    let gaps = if lang.code == config.default_language {
        lint::Gaps::new()
    } else {
        lint::missing_in(config, all, &lang.code, needed)
    };
    let mut strings_missing: Vec<String> = gaps.values().flatten().cloned().collect();
    strings_missing.sort();
    let strings_inherited = gaps
        .iter()
        .filter_map(|(from, ids)| {
            let from = from.as_ref().filter(|f| **f != config.default_language)?;
            Some((from.clone(), ids.clone()))
        })
        .collect();
    let published = translated + stale + missing;
    LanguageSummary {
        code: lang.code.clone(),
        name: lang.name.clone(),
        official: lang.official,
        translated,
        stale,
        missing,
        drafts,
        words_to_translate,
        words_to_update,
        stale_counted_whole,
        announcements_percent: percent(translated + stale, published),
        strings_needed: needed.len(),
        strings_percent: percent(needed.len() - strings_missing.len(), needed.len()),
        strings_missing,
        strings_inherited,
        gaps,
    }
}

/// A share as a whole percentage that is 0 % or 100 % only when exact: 2 of 713 is
/// `<1%`, 711 of 713 is `>99%`.
pub fn shown_percent(part: usize, whole: usize) -> String {
    if whole == 0 || part >= whole {
        return "100%".into();
    }
    if part == 0 {
        return "0%".into();
    }
    let rounded = (part as f64 * 100.0 / whole as f64).round() as usize;
    match rounded {
        0 => "<1%".into(),
        100.. => ">99%".into(),
        n => format!("{n}%"),
    }
}

/// `name` in lines of at most `width` characters, broken after a `-` where one is in
/// the second half of a line.
fn wrap(name: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut rest: Vec<char> = name.chars().collect();
    while rest.len() > width {
        let cut = rest[..width]
            .iter()
            .rposition(|&c| c == '-')
            .filter(|&i| i + 1 > width / 2)
            .map_or(width, |i| i + 1);
        lines.push(rest.drain(..cut).collect());
    }
    lines.push(rest.into_iter().collect());
    lines
}

/// The width of the longest label of the table's first column, `words to translate`.
const LABEL_WIDTH: usize = 18;

/// How the text report is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextLayout {
    /// The announcements × languages table even when it is wider than [`COLUMNS`].
    pub matrix: bool,
    /// Every missing id, not the first ten.
    pub verbose: bool,
}

/// The width the text report keeps to (unless asked for the whole matrix).
pub const COLUMNS: usize = 100;

/// The report for a terminal: the announcements × languages table when it fits in
/// [`COLUMNS`] (or `layout.matrix`), else one row per language with its counts; then
/// what is stale, and the missing strings, grouped where languages miss the same ones.
pub fn to_text(status: &Status, layout: TextLayout) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let codes: Vec<&str> = status.languages.iter().map(|l| l.code.as_str()).collect();
    let width = codes
        .iter()
        .map(|c| c.chars().count())
        .chain(status.languages.iter().flat_map(|l| {
            let (translate, update) = shown_words(l);
            [translate.len(), update.len()]
        }))
        .max()
        .unwrap_or(2)
        .max(5)
        + 1;
    let name_width = status
        .announcements
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(12)
        .clamp(LABEL_WIDTH, 44);
    let fits = name_width + codes.len() * (width + 1) <= COLUMNS;
    if fits || layout.matrix {
        matrix(&mut out, status, name_width, width);
    } else {
        by_language(&mut out, status);
    }
    for l in &status.languages {
        if l.stale > 0 {
            let _ = write!(out, "\n{} ({}): {} stale", l.code, l.name, l.stale);
        }
    }
    // Why the words to update count whole sources: languages with the same reason share it.
    let mut whole: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in &status.announcements {
        for cell in &a.languages {
            if let Some(why) = &cell.history {
                let langs = whole.entry(why).or_default();
                if !langs.contains(&cell.lang.as_str()) {
                    langs.push(&cell.lang);
                }
            }
        }
    }
    for (why, langs) in whole {
        let line = format!(
            "* words to update in {} count whole sources: {why}",
            langs.join(", ")
        );
        push_folded(&mut out, &line);
    }
    // What changed in the sources since their translations, as their notes say.
    for a in &status.announcements {
        for cell in &a.languages {
            if let State::Stale { notes, .. } = &cell.state {
                for c in notes {
                    let line = format!(
                        "{} ({}): the source changed on {}: {}",
                        a.name, cell.lang, c.date, c.note
                    );
                    push_folded(&mut out, &line);
                }
            }
        }
    }
    if let Some(next) = &status.next_change {
        out.push('\n');
        push_folded(&mut out, &format!("next change: {next}"));
    }
    // Languages that miss the same strings, and see the same text instead, share a line.
    let mut groups: BTreeMap<(String, &[String]), Vec<&str>> = BTreeMap::new();
    for l in &status.languages {
        for (from, ids) in &l.gaps {
            let why = lint::shown_instead(&l.code, from.as_deref());
            groups.entry((why, &ids[..])).or_default().push(&l.code);
        }
    }
    for ((why, ids), langs) in groups {
        let list = if layout.verbose {
            ids.join(", ")
        } else {
            crate::diagnostics::short_list(ids)
        };
        let line = format!(
            "{} string(s) missing in {} ({why}): {list}",
            crate::diagnostics::thousands(ids.len()),
            langs.join(", ")
        );
        push_folded(&mut out, &line);
    }
    if !(fits || layout.matrix) {
        out.push_str("\n\nannouncement by announcement: `herald status --matrix`, or `--lang CODE` for one language");
    }
    out.push_str("\n\nsrc source · ok translated · - missing · draft\nold stale: the source was updated later · old# stale: the source text changed\nwords: the source's words, to translate (missing) and to update (stale)\n");
    out
}

/// A new line of `out` with `line`, folded to [`COLUMNS`].
fn push_folded(out: &mut String, line: &str) {
    for (i, part) in fold(line, COLUMNS).iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { "\n  " });
        out.push_str(part);
    }
}

/// A language's words to translate and to update as shown, the latter marked `*` when
/// it counts whole sources.
fn shown_words(l: &LanguageSummary) -> (String, String) {
    let star = if l.stale_counted_whole > 0 { "*" } else { "" };
    (
        crate::diagnostics::thousands(l.words_to_translate),
        format!("{}{star}", crate::diagnostics::thousands(l.words_to_update)),
    )
}

/// The announcements × languages table, and a language's shares under it.
fn matrix(out: &mut String, status: &Status, name_width: usize, width: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "{:<name_width$}", "announcement");
    for l in &status.languages {
        let _ = write!(out, " {:<width$}", l.code);
    }
    out.push('\n');
    for a in &status.announcements {
        // A long name wraps onto lines of its own under the first, never cut: two rows
        // never read the same.
        let mut lines = wrap(&a.name, name_width).into_iter();
        let first = lines.next().unwrap_or_default();
        let _ = write!(out, "{first:<name_width$}");
        for cell in &a.languages {
            let mark = match cell.state {
                State::Source => "src",
                State::Translated => "ok",
                State::Stale { reason: "hash", .. } => "old#",
                State::Stale { .. } => "old",
                State::Missing => "-",
                State::Draft => "draft",
            };
            let _ = write!(out, " {mark:<width$}");
        }
        out.push('\n');
        for rest in lines {
            let _ = writeln!(out, "  {rest}");
        }
    }
    out.push('\n');
    let _ = write!(out, "{:<name_width$}", "announcements");
    for l in &status.languages {
        let done = l.translated + l.stale;
        let shown = shown_percent(done, done + l.missing);
        let _ = write!(out, " {shown:<width$}");
    }
    out.push('\n');
    let _ = write!(out, "{:<name_width$}", "interface strings");
    for l in &status.languages {
        let shown = shown_percent(l.strings_needed - l.strings_missing.len(), l.strings_needed);
        let _ = write!(out, " {shown:<width$}");
    }
    out.push('\n');
    let words: Vec<(String, String)> = status.languages.iter().map(shown_words).collect();
    let _ = write!(out, "{:<name_width$}", "words to translate");
    for (translate, _) in &words {
        let _ = write!(out, " {translate:<width$}");
    }
    out.push('\n');
    let _ = write!(out, "{:<name_width$}", "words to update");
    for (_, update) in &words {
        let _ = write!(out, " {update:<width$}");
    }
    out.push('\n');
}

/// One row per language: its counts and shares (a site with too many languages for
/// the table to fit).
fn by_language(out: &mut String, status: &Status) {
    use std::fmt::Write as _;
    let _ = writeln!(
        out,
        "{:<LANGUAGE$} {:>10} {:>6} {:>8} {:>6} {:>13} {:>17}",
        "language",
        "translated",
        "stale",
        "missing",
        "drafts",
        "announcements",
        "interface strings"
    );
    for l in &status.languages {
        let label = label(l);
        let done = l.translated + l.stale;
        let _ = writeln!(
            out,
            "{label:<LANGUAGE$} {:>10} {:>6} {:>8} {:>6} {:>13} {:>17}",
            l.translated,
            l.stale,
            l.missing,
            l.drafts,
            shown_percent(done, done + l.missing),
            shown_percent(l.strings_needed - l.strings_missing.len(), l.strings_needed),
        );
    }
    let _ = writeln!(
        out,
        "\n{:<LANGUAGE$} {:>18} {:>15}",
        "words", "words to translate", "words to update"
    );
    for l in &status.languages {
        let label = label(l);
        let (translate, update) = shown_words(l);
        let _ = writeln!(out, "{label:<LANGUAGE$} {translate:>18} {update:>15}");
    }
}

/// A language's code and name in the first column of [`by_language`]'s tables.
fn label(l: &LanguageSummary) -> String {
    format!("{} {}", l.code, l.name)
        .chars()
        .take(LANGUAGE)
        .collect()
}

/// The width of [`label`].
const LANGUAGE: usize = 30;

/// `line` in lines of at most `width` characters, broken after `, ` or a space (a word
/// longer than the width stays whole).
fn fold(line: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // The continuation lines are indented by two.
    let room = |lines: &Vec<String>| if lines.is_empty() { width } else { width - 2 };
    for word in line.split_inclusive(' ') {
        if !current.is_empty()
            && current.chars().count() + word.trim_end().chars().count() > room(&lines)
        {
            lines.push(current.trim_end().to_string());
            current.clear();
        }
        current.push_str(word);
    }
    lines.push(current.trim_end().to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_0_or_100_only_when_exact() {
        assert_eq!(shown_percent(0, 713), "0%");
        assert_eq!(shown_percent(2, 713), "<1%");
        assert_eq!(shown_percent(4, 713), "1%");
        assert_eq!(shown_percent(356, 713), "50%");
        assert_eq!(shown_percent(711, 713), ">99%");
        assert_eq!(shown_percent(713, 713), "100%");
        assert_eq!(shown_percent(0, 0), "100%");
    }

    #[test]
    fn long_names_wrap_whole() {
        assert_eq!(wrap("short", 12), ["short"]);
        assert_eq!(
            wrap("2015-weekly-community-hangout-2015-03", 20),
            ["2015-weekly-", "community-hangout-", "2015-03"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }
}
