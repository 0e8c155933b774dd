//! Interface strings (Fluent bundles per language, looked up along the fallback
//! chain), CLDR long dates and text direction (ICU4X).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};
use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale::Locale;

use crate::config::{truncations, Config};
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

/// Looks up interface strings and formats dates for every language of the site.
pub struct Localizer {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    chains: BTreeMap<String, Vec<String>>,
    dates: BTreeMap<String, FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    missing: Mutex<BTreeSet<(String, String)>>,
    versions: BTreeMap<String, u64>,
}

impl Localizer {
    /// Builds bundles for every configured language from theme and site files.
    pub fn new(config: &Config, files: &[LocaleFile]) -> (Localizer, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut bundles = BTreeMap::new();
        let mut dates = BTreeMap::new();
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
            bundle.set_use_isolating(true);
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
        for lang in &config.languages {
            chains.insert(lang.code.clone(), message_chain(config, &lang.code));
            let locale = Locale::try_from_str(&lang.code).unwrap_or(Locale::UNKNOWN);
            if let Ok(f) = FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(
                (&locale).into(),
                YMD::long(),
            ) {
                dates.insert(lang.code.clone(), f);
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
            missing: Mutex::new(BTreeSet::new()),
        };
        (localizer, diags)
    }

    /// The message `id` in `lang` (following the fallback chain), with placeables isolated.
    pub fn lookup(&self, lang: &str, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let chain = self.chains.get(lang)?;
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

    /// CLDR long date in `lang` (`October 30, 2015`, `2015年10月30日`).
    pub fn format_date(&self, lang: &str, date: &Date) -> String {
        let icu_date = IcuDate::try_new_gregorian(date.year, date.month, date.day);
        match (self.dates.get(lang), icu_date) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => date.ymd(),
        }
    }
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
