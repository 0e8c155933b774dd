//! Interface strings (Fluent bundles per language, looked up along the fallback
//! chain), CLDR long dates and numbers in each language's digits (ICU4X).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use fixed_decimal::Decimal;
use fluent::concurrent::FluentBundle;
use fluent::types::FluentNumber;
use fluent::{FluentArgs, FluentResource, FluentValue};
use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::options::GroupingStrategy;
use icu_decimal::DecimalFormatter;
use icu_locale::Locale;

use crate::config::{truncations, Config, Language, CONFIG_FILE};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};

/// First strong isolate (U+2068) that Fluent puts around placeables.
pub const FSI: char = '\u{2068}';
/// Pop directional isolate (U+2069).
pub const PDI: char = '\u{2069}';

/// One `.ftl` file to load, already read.
#[derive(Debug, Clone)]
pub struct LocaleFile {
    /// Path shown in diagnostics.
    pub path: PathBuf,
    /// Language folder it came from.
    pub lang: String,
    /// File text.
    pub text: String,
    /// True for the theme's own strings (the site's override them).
    pub from_theme: bool,
}

/// Where a message id is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Definition<'a> {
    /// File.
    path: &'a Path,
    /// 1-based line.
    line: usize,
    /// Whether it came from the theme.
    from_theme: bool,
}

/// ICU4X's long year-month-day formatter in one locale.
type DateFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;

/// CLDR's long year-month-day (`October 30, 2015`) in one locale, the day in as few
/// digits as CLDR's `yMMMMd` skeleton writes it.
///
/// ICU4X takes the width of each field of its long date from CLDR's `dateSkeletons`,
/// which say `yMMMMdd` for Serbian (both scripts), Slovenian, Armenian, Afrikaans, South
/// African English and a few more, and so writes `05. септембар 2017.`; CLDR's own
/// `yMMMd` patterns for them, its long date patterns for most (`d. MMMM y.`) and browsers'
/// `{ day: "numeric", month: "long", year: "numeric" }` write `5. септембар 2017.`.
enum LongDate {
    /// ICU4X's own pattern (its day is already `d`).
    Icu(DateFormatter),
    /// ICU4X's pattern with its `dd` made `d`, and the names it needs.
    Unpadded(FixedCalendarDateTimeNames<Gregorian, YMD>, DateTimePattern),
}

impl LongDate {
    fn new(formatter: DateFormatter, locale: &Locale) -> LongDate {
        let sample = IcuDate::try_new_gregorian(2001, 1, 5).expect("a valid date");
        let pattern = formatter.format(&sample).pattern().to_string();
        match unpadded_day(&pattern).and_then(|p| DateTimePattern::try_from_pattern_str(&p).ok()) {
            Some(unpadded) => LongDate::Unpadded(
                FixedCalendarDateTimeNames::from_formatter(locale.into(), formatter),
                unpadded,
            ),
            None => LongDate::Icu(formatter),
        }
    }

    fn format(&self, date: &IcuDate<Gregorian>) -> String {
        match self {
            LongDate::Icu(formatter) => formatter.format(date).to_string(),
            LongDate::Unpadded(names, pattern) => {
                let formatted = names.with_pattern_unchecked(pattern).format(date);
                // The names are those ICU4X loaded for the same fields: nothing is missing.
                match writeable::TryWriteable::try_write_to_string(&formatted) {
                    Ok(text) | Err((_, text)) => text.into_owned(),
                }
            }
        }
    }
}

/// `pattern` with its two-digit day (`dd`, outside quoted text) made one-digit, or `None`
/// when it has none.
fn unpadded_day(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut quoted = false;
    let mut changed = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        } else if !quoted && c == 'd' {
            let mut run = 1;
            while chars.peek() == Some(&'d') {
                chars.next();
                run += 1;
            }
            changed |= run == 2;
            let width = if run == 2 { 1 } else { run };
            out.extend(std::iter::repeat_n('d', width));
            continue;
        }
        out.push(c);
    }
    changed.then_some(out)
}

/// CLDR's long date with the time to the minute and its offset from UTC
/// (`January 15, 2026 at 5:00 PM GMT+1`) in one locale.
type ZonedFormatter = FixedCalendarDateTimeFormatter<
    Gregorian,
    icu_datetime::fieldsets::Combo<
        icu_datetime::fieldsets::YMDT,
        icu_datetime::fieldsets::zone::LocalizedOffsetShort,
    >,
>;

/// CLDR's long year-month formatter (`October 2015`, the archive's month headings).
type MonthFormatter = FixedCalendarDateTimeFormatter<Gregorian, YM>;

/// The long dates a language's formatter made, by year, month and day.
type MadeDates = RwLock<HashMap<(i32, u8, u8), String>>;

/// Looks up interface strings and formats dates and numbers for every language of the site.
pub struct Localizer {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    chains: BTreeMap<String, Vec<String>>,
    /// Each language's long dates, and those it made (a date is in many lists).
    dates: BTreeMap<String, (LongDate, MadeDates)>,
    zoned: BTreeMap<String, ZonedFormatter>,
    months: BTreeMap<String, MonthFormatter>,
    numbers: BTreeMap<String, Arc<Numbers>>,
    missing: Mutex<BTreeSet<(String, String)>>,
    versions: BTreeMap<String, u64>,
}

impl Localizer {
    /// Builds bundles for every configured language from theme and site files.
    pub fn new(config: &Config, files: &[LocaleFile]) -> (Localizer, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut bundles = BTreeMap::new();
        let mut dates = BTreeMap::new();
        let mut zoned = BTreeMap::new();
        let mut months = BTreeMap::new();
        let mut chains = BTreeMap::new();
        let mut codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        for file in files {
            if !codes.contains(&file.lang) {
                codes.push(file.lang.clone());
            }
        }
        for code in &codes {
            let langid = code
                .parse::<unic_langid::LanguageIdentifier>()
                .unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // The marks show where placeables are: `t()` turns them into `<bdi>` in
            // page text and leaves them out elsewhere (see `isolates_as_bdi`).
            bundle.set_use_isolating(true);
            bundle.set_formatter(Some(format_number));
            // The language's message ids, with where (for duplicates; dropped after).
            let mut defs: rustc_hash::FxHashMap<&str, Definition> = Default::default();
            // Theme files first, then the site's, which override by id.
            for layer in [true, false] {
                for file in files
                    .iter()
                    .filter(|f| &f.lang == code && f.from_theme == layer)
                {
                    let Some(resource) = parse_resource(file, &mut diags) else {
                        continue;
                    };
                    for (id, line) in message_lines(&file.text) {
                        let def = Definition {
                            path: &file.path,
                            line,
                            from_theme: layer,
                        };
                        if let Some(prev) = defs.get(id) {
                            if prev.from_theme == layer {
                                diags.push(Diagnostic::error(
                                    &file.path,
                                    line,
                                    1,
                                    format!(
                                        "message `{id}` is already defined in {}:{}",
                                        prev.path.display(),
                                        prev.line
                                    ),
                                ));
                                continue;
                            }
                        }
                        defs.insert(id, def);
                    }
                    bundle.add_resource_overriding(resource);
                }
            }
            bundles.insert(code.clone(), bundle);
        }
        let mut numbers = BTreeMap::new();
        for lang in &config.languages {
            chains.insert(lang.code.clone(), message_chain(config, &lang.code));
            if let Some((f, locale)) = date_formatter(config, lang, &mut diags) {
                dates.insert(lang.code.clone(), (f, RwLock::default()));
                if let Some(m) = month_formatter(&locale) {
                    months.insert(lang.code.clone(), m);
                }
                if let Some(z) = zoned_formatter(&locale) {
                    zoned.insert(lang.code.clone(), z);
                }
            }
            let locale = Locale::try_from_str(formats_locale(lang)).unwrap_or(Locale::UNKNOWN);
            if let Some(n) = Numbers::new(&locale) {
                numbers.insert(lang.code.clone(), Arc::new(n));
            }
        }
        for file in files.iter().filter(|f| !f.from_theme) {
            if !chains
                .values()
                .any(|chain: &Vec<String>| chain.contains(&file.lang))
            {
                diags.push(Diagnostic::file_warning(
                    &file.path,
                    format!("`{}` is not a language of this site (site.yaml) nor in any fallback chain; this file is not used", file.lang),
                ));
            }
        }
        // A language's strings changed when any file of a language in its chain did.
        let versions = chains
            .iter()
            .map(|(code, chain)| {
                let chain_files: Vec<(&PathBuf, &String)> = files
                    .iter()
                    .filter(|f| chain.contains(&f.lang))
                    .map(|f| (&f.path, &f.text))
                    .collect();
                (code.clone(), crate::hash::stable_hash(&chain_files))
            })
            .collect();
        let localizer = Localizer {
            versions,
            bundles,
            chains,
            dates,
            zoned,
            months,
            numbers,
            missing: Mutex::new(BTreeSet::new()),
        };
        (localizer, diags)
    }

    /// The message `id` in `lang` (following the fallback chain), with placeables isolated
    /// (U+2068…U+2069) and numbers in `lang`'s digits.
    pub fn lookup(&self, lang: &str, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let chain = self.chains.get(lang)?;
        // The page's language writes the numbers, whichever bundle has the message (its
        // plural rules choose the variant).
        PAGE_NUMBERS.with(|numbers| numbers.replace(self.numbers.get(lang).cloned()));
        for code in chain {
            let Some(bundle) = self.bundles.get(code) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            return Some(text.into_owned());
        }
        None
    }

    /// Like [`lookup`](Self::lookup), but a missing message gives its id and is remembered as a warning.
    pub fn translate(&self, lang: &str, id: &str, args: Option<&FluentArgs>) -> String {
        match self.lookup(lang, id, args) {
            Some(text) => text,
            None => {
                if let Ok(mut missing) = self.missing.lock() {
                    missing.insert((lang.to_string(), id.to_string()));
                }
                id.to_string()
            }
        }
    }

    /// Warnings for every message that was missing in all languages of a chain.
    pub fn missing_warnings(&self) -> Vec<Diagnostic> {
        let missing = self.missing.lock().map(|m| m.clone()).unwrap_or_default();
        missing
            .into_iter()
            .map(|(lang, id)| {
                Diagnostic::file_warning(
                    format!("locales/{lang}"),
                    format!("message `{id}` is missing in `{lang}` and every language it falls back to; its id was shown instead"),
                )
            })
            .collect()
    }

    /// A hash of the strings `lang` can use (its chain's files): pages change when it does.
    pub fn version(&self, lang: &str) -> u64 {
        self.versions.get(lang).copied().unwrap_or(0)
    }

    /// CLDR long date in `lang` (`October 30, 2015`, `2015年10月30日`, `۱۵ ژانویه ۲۰۲۶`), or
    /// `2015-10-30` when no language of its chain has date data.
    pub fn format_date(&self, lang: &str, date: &Date) -> String {
        let Some((formatter, made)) = self.dates.get(lang) else {
            return date.ymd();
        };
        let day = (date.year, date.month, date.day);
        if let Some(text) = made.read().unwrap_or_else(|p| p.into_inner()).get(&day) {
            return text.clone();
        }
        let Ok(icu_date) = IcuDate::try_new_gregorian(date.year, date.month, date.day) else {
            return date.ymd();
        };
        let text = formatter.format(&icu_date);
        let mut made = made.write().unwrap_or_else(|p| p.into_inner());
        made.insert(day, text.clone());
        text
    }

    /// [`Localizer::format_date`], with the time to the minute and its offset from UTC
    /// as written when `date` has a time (`January 15, 2026 at 5:00 PM GMT+1`).
    pub fn format_date_time(&self, lang: &str, date: &Date) -> String {
        use icu_datetime::input::{Time, UtcOffset, ZonedDateTime};
        let (Some(f), true) = (self.zoned.get(lang), date.timed) else {
            return self.format_date(lang, date);
        };
        let field = |r: std::ops::Range<usize>| {
            date.rfc3339
                .get(r)
                .and_then(|d| d.parse::<u8>().ok())
                .unwrap_or(0)
        };
        let zoned = IcuDate::try_new_gregorian(date.year, date.month, date.day)
            .ok()
            .zip(Time::try_new(field(11..13), field(14..16), 0, 0).ok())
            .zip(UtcOffset::try_from_seconds(date.offset_seconds()).ok());
        match zoned {
            Some(((date, time), zone)) => f.format(&ZonedDateTime { date, time, zone }).to_string(),
            None => self.format_date(lang, date),
        }
    }

    /// CLDR's long year and month in `lang` (`October 2015`, `2015年10月`, `octobre
    /// 2015`), or `2015-10` when no language of its chain has date data.
    pub fn format_month(&self, lang: &str, year: i32, month: u8) -> String {
        match (
            self.months.get(lang),
            IcuDate::try_new_gregorian(year, month, 1),
        ) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => format!("{year:04}-{month:02}"),
        }
    }

    /// A year number in `lang`'s digits, without grouping (`2015`, `٢٠١٥` in `ar-EG`).
    pub fn format_year(&self, lang: &str, year: i32) -> String {
        match self.numbers.get(lang) {
            Some(n) => n.ungrouped.format(&Decimal::from(year)).to_string(),
            None => year.to_string(),
        }
    }
}

/// The long date, time and UTC offset formatter of `locale` (the one its dates use).
fn zoned_formatter(locale: &Locale) -> Option<ZonedFormatter> {
    use icu_datetime::fieldsets::{zone::LocalizedOffsetShort, YMDT};
    use icu_datetime::options::TimePrecision;
    let fields = YMDT::long()
        .with_time_precision(TimePrecision::Minute)
        .with_zone(LocalizedOffsetShort);
    ZonedFormatter::try_new(locale.into(), fields).ok()
}

/// The locale whose CLDR data writes `lang`'s dates and numbers: its `date_locale:`, else
/// its code.
fn formats_locale(lang: &Language) -> &str {
    lang.date_locale.as_deref().unwrap_or(&lang.code)
}

/// The long-date formatters of `lang`: those of its [`formats_locale`] if ICU4X has date data
/// for it, else of the nearest language of its chain that has (with a warning); `None`
/// (ISO dates, with a warning) when none has.
fn date_formatter(
    config: &Config,
    lang: &Language,
    diags: &mut Diagnostics,
) -> Option<(LongDate, Locale)> {
    let own = formats_locale(lang);
    let whose = match &lang.date_locale {
        Some(locale) => format!("`{locale}` (the `date_locale:` of `{}`)", lang.code),
        None => format!("`{}`", lang.code),
    };
    let mut warn = |message: String| {
        diags.push(Diagnostic::warning(CONFIG_FILE, lang.line, 1, message));
    };
    let chain = message_chain(config, &lang.code);
    let candidates =
        std::iter::once(own).chain(chain.iter().map(String::as_str).filter(|c| *c != own));
    for (i, candidate) in candidates.enumerate() {
        let Ok(locale) = Locale::try_from_str(candidate) else {
            continue;
        };
        let Some(formatter) = usable_date_formatter(&locale) else {
            continue;
        };
        if i > 0 {
            warn(format!("ICU4X has no date data for {whose}: its dates are written as in `{candidate}`, the nearest language of its fallback chain that has them (`date_locale:` chooses another)"));
        }
        return Some((LongDate::new(formatter, &locale), locale));
    }
    warn(format!("ICU4X has no date data for {whose} nor for any language of its fallback chain: its dates are written as 2015-10-30 (`date_locale:` chooses a locale that has them)"));
    None
}

/// The long-date formatter of `locale` if ICU4X has usable date data for it: its
/// resolved locale is not the root (which writes `2001 M01 15`, month placeholders
/// for names) and the year shows (CLDR's `ki` pattern writes `YYYY` literally).
fn usable_date_formatter(locale: &Locale) -> Option<DateFormatter> {
    let long = |locale: &Locale| DateFormatter::try_new(locale.into(), YMD::long()).ok();
    let sample = IcuDate::try_new_gregorian(2001, 1, 15).ok()?;
    // Compared in Latin digits, with the root's text in Latin digits.
    let latin = |id: &str| Locale::try_from_str(&format!("{id}-u-nu-latn")).ok();
    let text = long(&latin(&locale.id.to_string())?)?
        .format(&sample)
        .to_string();
    let root = long(&latin("und")?)?.format(&sample).to_string();
    (text != root && text.contains("2001")).then(|| long(locale))?
}

/// CLDR's long year-month formatter of `locale`. Its digits are loaded whatever its
/// pattern: ICU4X 2.4 loads them only for the patterns it looks at, not `pt`'s.
fn month_formatter(locale: &Locale) -> Option<MonthFormatter> {
    let formatter = MonthFormatter::try_new(locale.into(), YM::long()).ok()?;
    let mut names = FixedCalendarDateTimeNames::from_formatter(locale.into(), formatter);
    names.include_decimal_formatter().ok()?;
    names.try_into_formatter(YM::long()).ok()
}

/// A language's decimal formats: digits, grouping and separators from CLDR.
struct Numbers {
    grouped: DecimalFormatter,
    ungrouped: DecimalFormatter,
}

impl Numbers {
    fn new(locale: &Locale) -> Option<Numbers> {
        let with = |strategy: GroupingStrategy| {
            DecimalFormatter::try_new(locale.into(), strategy.into()).ok()
        };
        Some(Numbers {
            grouped: with(GroupingStrategy::Auto)?,
            ungrouped: with(GroupingStrategy::Never)?,
        })
    }

    /// `1234.5` as `1,234.5` (en), `1 234,5` (fr), `۱٬۲۳۴٫۵` (fa); Fluent's fraction digits
    /// and `useGrouping` kept. `None` for what CLDR cannot write (NaN, infinities).
    fn format(&self, number: &FluentNumber) -> Option<String> {
        let decimal: Decimal = number.as_string().parse().ok()?;
        let formatter = if number.options.use_grouping {
            &self.grouped
        } else {
            &self.ungrouped
        };
        Some(formatter.format(&decimal).to_string())
    }
}

thread_local! {
    /// The number formats of the language whose message is being formatted on this
    /// thread ([`Localizer::lookup`] sets them): Fluent's formatter is a plain function.
    static PAGE_NUMBERS: RefCell<Option<Arc<Numbers>>> = const { RefCell::new(None) };
}

/// Fluent's formatter: numbers in the page language's CLDR format, the rest as Fluent writes it.
fn format_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    PAGE_NUMBERS.with_borrow(|numbers| numbers.as_ref()?.format(number))
}

/// The languages whose strings a page in `code` may use, in order: the language,
/// its shorter tags (`zh-Hant` → `zh`) unless it has an explicit `fallback:` list,
/// then each fallback followed by its shorter tags, then the default language.
pub fn message_chain(config: &Config, code: &str) -> Vec<String> {
    let mut chain: Vec<String> = Vec::new();
    let push_with_truncations = |tag: &str, truncate: bool, chain: &mut Vec<String>| {
        if !chain.iter().any(|c| c == tag) {
            chain.push(tag.to_string());
        }
        if !truncate {
            return;
        }
        for shorter in truncations(tag) {
            if !chain.iter().any(|c| c == shorter) {
                chain.push(shorter.to_string());
            }
        }
    };
    let explicit = config
        .language(code)
        .is_some_and(|l| l.has_explicit_fallback);
    push_with_truncations(code, !explicit, &mut chain);
    for fb in config.chain(code).iter().skip(1) {
        push_with_truncations(fb, true, &mut chain);
    }
    chain
}

/// Removes Fluent's U+2068/U+2069 marks.
pub fn strip_isolation(text: &str) -> String {
    text.chars().filter(|&c| c != FSI && c != PDI).collect()
}

/// A message's text as HTML for page text: escaped with `escape`, each isolated placeable
/// that has a letter (a language name, a title) in a `<bdi>` element instead of the
/// U+2068…U+2069 marks, so that text copied from the page (a heading into search results,
/// a tab title) carries no invisible marks. Numbers and other placeables without letters
/// need no isolation and are left bare; a mark without its pair is dropped.
pub(crate) fn isolates_as_bdi(text: &str, escape: impl Fn(&str) -> String) -> String {
    // The HTML of each isolate still open (the message itself first), and whether it has a letter.
    let mut open: Vec<(String, bool)> = vec![(String::new(), false)];
    // Ends the innermost isolate: in a `<bdi>` if `paired` and it has a letter.
    let close = |open: &mut Vec<(String, bool)>, paired: bool| {
        if let Some((html, letters)) = open.pop() {
            let parent = open.last_mut().expect("the message's own level stays");
            if paired && letters {
                parent.0.push_str("<bdi>");
                parent.0.push_str(&html);
                parent.0.push_str("</bdi>");
            } else {
                parent.0.push_str(&html);
            }
            parent.1 |= letters;
        }
    };
    for run in text.split_inclusive([FSI, PDI]) {
        let mark = run.chars().next_back().filter(|c| *c == FSI || *c == PDI);
        let body = &run[..run.len() - mark.map_or(0, char::len_utf8)];
        let top = open.last_mut().expect("the message's own level stays");
        top.0.push_str(&escape(body));
        top.1 |= body.chars().any(char::is_alphabetic);
        match mark {
            Some(FSI) => open.push((String::new(), false)),
            Some(_) if open.len() > 1 => close(&mut open, true),
            _ => {}
        }
    }
    while open.len() > 1 {
        close(&mut open, false);
    }
    open.pop().map(|(html, _)| html).unwrap_or_default()
}

fn parse_resource(file: &LocaleFile, diags: &mut Diagnostics) -> Option<FluentResource> {
    if let Some(offset) = too_deep(&file.text) {
        let (line, col) = LineIndex::new(&file.text).position(offset);
        diags.push(Diagnostic::error(
            &file.path,
            line,
            col,
            format!("placeables `{{ … }}` nest more than {MAX_PLACEABLE_DEPTH} levels deep here (herald's limit on Fluent nesting)"),
        ));
        return None;
    }
    match FluentResource::try_new(file.text.clone()) {
        Ok(r) => Some(r),
        Err((r, errors)) => {
            let index = LineIndex::new(&file.text);
            for e in errors {
                let (line, col) = index.position(e.pos.start);
                diags.push(Diagnostic::error(
                    &file.path,
                    line,
                    col,
                    format!("Fluent syntax error: {}", e.kind),
                ));
            }
            Some(r)
        }
    }
}

/// How deep Fluent placeables may nest (`{ { … } }`): the parser recurses once per
/// level, so deeper is refused before parsing.
pub const MAX_PLACEABLE_DEPTH: usize = 32;

/// The byte offset of the first `{` that nests deeper than [`MAX_PLACEABLE_DEPTH`], if
/// one does (comment lines and string literals do not count).
pub fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let (mut in_string, mut escaped, mut comment) = (false, false, false);
    let mut line_start = true;
    for (i, b) in text.bytes().enumerate() {
        if line_start {
            comment = depth == 0 && b == b'#';
        }
        line_start = b == b'\n';
        if comment {
            continue;
        }
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'{' => {
                depth += 1;
                if depth > MAX_PLACEABLE_DEPTH {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

/// Message ids defined at the start of a line (`id =`), with their lines.
pub fn message_ids(text: &str) -> Vec<(String, usize)> {
    message_lines(text)
        .map(|(id, line)| (id.to_string(), line))
        .collect()
}

/// Like [`message_ids`], borrowing the ids from `text`.
pub fn message_lines(text: &str) -> impl Iterator<Item = (&str, usize)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        if !line.chars().next()?.is_ascii_alphabetic() {
            return None;
        }
        let id = line.split_once('=')?.0.trim();
        id.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            .then_some((id, i + 1))
    })
}

/// Reads the site's own `locales/<lang>/*.ftl` files.
pub fn read_site_locales(config: &Config) -> (Vec<LocaleFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    let dir = config.root.join("locales");
    if !dir.is_dir() {
        return (files, diags);
    }
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::file_error(
                    "locales",
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if let Some(kind) = crate::files::special_kind(&entry.file_type()) {
            diags.push(crate::files::not_a_file(
                &crate::diagnostics::display_path(&config.root, entry.path()),
                kind,
            ));
            continue;
        }
        if !entry.file_type().is_file()
            || entry.path().extension().and_then(|e| e.to_str()) != Some("ftl")
        {
            continue;
        }
        let lang = entry
            .path()
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let shown = crate::diagnostics::display_path(&config.root, entry.path());
        match crate::files::read_text(entry.path(), &shown) {
            Ok(text) => files.push(LocaleFile {
                path: shown,
                lang,
                text,
                from_theme: false,
            }),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        isolates_as_bdi(text, |s| s.replace('&', "&amp;").replace('<', "&lt;"))
    }

    #[test]
    fn isolated_names_become_bdi_and_numbers_stay_bare() {
        assert_eq!(
            html("Page \u{2068}٢\u{2069} of \u{2068}1,234\u{2069}"),
            "Page ٢ of 1,234"
        );
        assert_eq!(
            html("in \u{2068}العربية\u{2069} & <b>"),
            "in <bdi>العربية</bdi> &amp; &lt;b>"
        );
        // A select inside a message: the outer isolate has letters, the inner number not.
        assert_eq!(
            html("a \u{2068}\u{2068}3\u{2069} items\u{2069}."),
            "a <bdi>3 items</bdi>."
        );
        assert_eq!(
            html("x \u{2068}<T>\u{2068}5\u{2069}\u{2069} \u{2068}<>\u{2068}5\u{2069}\u{2069}"),
            "x <bdi>&lt;T>5</bdi> &lt;>5"
        );
    }

    #[test]
    fn marks_without_their_pair_are_dropped() {
        assert_eq!(html("a\u{2069}b"), "ab");
        assert_eq!(html("a \u{2068}Name"), "a Name");
        assert_eq!(html("\u{2068}\u{2068}x\u{2069}"), "<bdi>x</bdi>");
        assert_eq!(html(""), "");
    }

    #[test]
    fn numbers_in_cldr_digits_and_grouping() {
        let format = |locale: &str, value: f64, use_grouping: bool| {
            let numbers = Numbers::new(&Locale::try_from_str(locale).unwrap()).unwrap();
            let mut number = FluentNumber::from(value);
            number.options.use_grouping = use_grouping;
            numbers.format(&number).unwrap()
        };
        assert_eq!(format("en", 1234567.0, true), "1,234,567");
        assert_eq!(format("en", 1234567.0, false), "1234567");
        assert_eq!(format("fr", 1234.0, true), "1\u{202f}234");
        assert_eq!(format("ar", 1234.0, true), "1,234");
        assert_eq!(format("ar-EG", 1234.0, true), "١٬٢٣٤");
        assert_eq!(format("fa", 1234.5, true), "۱٬۲۳۴٫۵");
        assert_eq!(format("fa-u-nu-latn", 1234.0, true), "1,234");
        assert_eq!(format("hi", 1234567.0, true), "12,34,567");
        assert_eq!(format("bn", 1234567.0, true), "১২,৩৪,৫৬৭");
        assert_eq!(format("en", -3.0, true), "-3");
    }

    #[test]
    fn a_two_digit_day_becomes_one_digit_outside_quoted_text() {
        assert_eq!(unpadded_day("dd. MMMM y.").as_deref(), Some("d. MMMM y."));
        assert_eq!(
            unpadded_day("y 'dd' MMMM dd").as_deref(),
            Some("y 'dd' MMMM d")
        );
        assert_eq!(unpadded_day("MMMM d, y"), None);
        assert_eq!(unpadded_day("'o''dd' d"), None);
    }

    #[test]
    fn date_data_is_usable_unless_the_locale_resolves_to_the_root() {
        for has in ["en", "fa", "pt-BR", "zh-Hant", "sr-Latn", "ar-EG-u-nu-latn"] {
            assert!(
                usable_date_formatter(&Locale::try_from_str(has).unwrap()).is_some(),
                "{has}"
            );
        }
        // The root writes `2001 M01 15`; `ki`'s pattern writes `YYYY` for the year.
        for has_not in ["dv", "yi", "und", "ki", "dv-u-nu-arab"] {
            assert!(
                usable_date_formatter(&Locale::try_from_str(has_not).unwrap()).is_none(),
                "{has_not}"
            );
        }
    }
}
