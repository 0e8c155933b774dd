//! Reading and validating `site.yaml`: languages, their direction and fallback chains.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use icu_locale::{LanguageIdentifier as IcuLangId, LocaleDirectionality};

/// What to do with raw HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Keep ordinary markup, drop scripts and event handlers (ammonia).
    #[default]
    Sanitize,
    /// Pass raw HTML through untouched (trusted authors only).
    Allow,
    /// Show raw HTML as text.
    Escape,
}

impl<'de> Deserialize<'de> for RawHtml {
    /// A word (`sanitize`, `allow`, `escape`): serde's derive would take a list or a
    /// map for an enum, and say so in YAML's words (a "tag starting with '!'").
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Word;
        impl serde::de::Visitor<'_> for Word {
            type Value = RawHtml;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one of `sanitize`, `allow`, `escape`")
            }
            fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<RawHtml, E> {
                match word {
                    "sanitize" => Ok(RawHtml::Sanitize),
                    "allow" => Ok(RawHtml::Allow),
                    "escape" => Ok(RawHtml::Escape),
                    _ => Err(E::unknown_variant(word, &["sanitize", "allow", "escape"])),
                }
            }
        }
        deserializer.deserialize_str(Word)
    }
}

/// Left-to-right or right-to-left, as CLDR says for the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Direction of a language's script, from CLDR likely subtags (`ar`, `he`, `fa`, `ur` are right to left).
pub fn text_direction(code: &str) -> Direction {
    static DIRECTIONALITY: LocaleDirectionality = LocaleDirectionality::new_extended();
    match IcuLangId::try_from_str(code) {
        Ok(id) if DIRECTIONALITY.is_right_to_left(&id) => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// The shorter tags of a BCP 47 tag, longest first: `zh-Hant-TW` → `zh-Hant`, `zh`.
pub fn truncations(tag: &str) -> impl Iterator<Item = &str> {
    let mut rest = tag;
    std::iter::from_fn(move || {
        let (shorter, _) = rest.rsplit_once('-')?;
        rest = shorter;
        Some(shorter)
    })
}

/// One configured language.
#[derive(Debug, Clone)]
pub struct Language {
    /// BCP 47 tag as written in site.yaml (`en`, `zh-Hant`).
    pub code: String,
    /// The language's name in itself (`Español`).
    pub name: String,
    /// Official versions come first in the switcher; others are "also available".
    pub official: bool,
    /// Text direction from CLDR.
    pub dir: Direction,
    /// Languages to try, in order, after this one (ends with the default language).
    pub fallback: Vec<String>,
    /// Whether site.yaml gave the fallback list explicitly.
    pub has_explicit_fallback: bool,
    /// The locale Open Graph wants (`ll_CC`, from CLDR's likely region: `en_US`, `zh_CN`, `ar_EG`).
    pub og_locale: String,
    /// `date_locale:`: the CLDR locale this language's dates and numbers are written in
    /// (`en-GB`, `fa-u-nu-latn`), when it is not the language's own.
    pub date_locale: Option<String>,
    /// The line of the language's entry in site.yaml (for warnings about it).
    pub line: usize,
}

/// Markdown options.
#[derive(Debug, Clone)]
pub struct MarkdownConfig {
    /// Raw HTML policy.
    pub raw_html: RawHtml,
    /// Hosts whose `<iframe>`s survive sanitizing (https only), e.g. `www.youtube-nocookie.com`.
    pub iframe_hosts: Vec<String>,
    /// Whether bodies and summaries are set in their language's typography (quotation
    /// marks, apostrophes, French spacing); on unless `typography: false`.
    pub typography: bool,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site folder (holds site.yaml).
    pub root: PathBuf,
    /// Fluent id of the site title.
    pub title_key: String,
    /// Absolute base URL, without trailing slash.
    pub base_url: String,
    /// The source and fallback language.
    pub default_language: String,
    /// Languages in switcher order.
    pub languages: Vec<Language>,
    /// Theme name.
    pub theme: String,
    /// Output folder (absolute).
    pub output_dir: PathBuf,
    /// Announcements per list page.
    pub paginate: usize,
    /// The most announcements pinned above the others on the home pages (`pinned_max`).
    pub pinned_max: usize,
    /// Markdown options.
    pub markdown: MarkdownConfig,
    /// Feed options.
    pub feeds: FeedsConfig,
    /// The share image of pages without their own (`share_image:`, a path from the site
    /// root), else the theme's `share.png`.
    pub share_image: Option<String>,
    /// Whether the site has search (`search:`): an index per language and a search page.
    /// Off when site.yaml says `search: false` or the theme has no `search.html`.
    pub search: bool,
    /// How the sitemap is split.
    pub sitemap: SitemapConfig,
    /// The kinds of announcement (`kinds:`), by id; empty when the site has none.
    pub kinds: Vec<String>,
    /// The kind of an announcement that names none (`default_kind:`, else the first of
    /// `kinds`), as an index into `kinds`.
    pub default_kind: Option<KindId>,
    /// Whether the site has archive pages (`/L/archive/`): off when the theme has no
    /// `archive.html`.
    pub archives: bool,
}

/// A kind of announcement: its index in [`Config::kinds`].
pub type KindId = u16;

/// How the sitemap is split (`sitemap:` in site.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SitemapConfig {
    /// Past this many URLs, `/sitemap.xml` is an index of files per language's lists and
    /// per language and year, so that an edit rewrites a small file (default 10,000).
    pub split_over: usize,
    /// The most URLs one file holds (default and at most 50,000, the protocol's limit).
    pub max_urls: usize,
}

/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_LIMIT: usize = 50_000;

impl Default for SitemapConfig {
    fn default() -> Self {
        SitemapConfig {
            split_over: 10_000,
            max_urls: SITEMAP_LIMIT,
        }
    }
}

/// What the Atom feeds list.
#[derive(Debug, Clone)]
pub struct FeedsConfig {
    /// List untranslated announcements too, marked, with their content's language (default).
    pub untranslated: bool,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig { untranslated: true }
    }
}

/// A BCP 47 tag with CLDR's likely subtags added (`zh-Hant` → `zh-Hant-TW`, `sr` →
/// `sr-Cyrl-RS`); `None` for a tag ICU4X cannot read.
fn maximized(code: &str) -> Option<IcuLangId> {
    static EXPANDER: icu_locale::LocaleExpander = icu_locale::LocaleExpander::new_extended();
    let mut id = IcuLangId::try_from_str(code).ok()?;
    EXPANDER.maximize(&mut id);
    Some(id)
}

/// The Open Graph locale of a BCP 47 tag: language and CLDR's likely region, `ll_CC`
/// (`en` → `en_US`, `zh-Hant` → `zh_TW`, `pt` → `pt_BR`); the language alone without one.
pub fn og_locale(code: &str) -> String {
    match maximized(code) {
        Some(id) => match id.region {
            Some(region) => format!("{}_{}", id.language.as_str(), region.as_str()),
            None => id.language.as_str().to_string(),
        },
        None => code.replace('-', "_"),
    }
}

/// The script a language is written in, from CLDR's likely subtags (`zh` → `Hans`,
/// `zh-Hant` → `Hant`, `sr` → `Cyrl`, `sr-Latn` → `Latn`).
pub fn script(code: &str) -> Option<String> {
    maximized(code)?.script.map(|s| s.as_str().to_string())
}

/// Whether text in `a` reads right to readers of `b`: the same language in the same
/// script, by CLDR's likely subtags (`en-GB` and `en`, `es-419` and `es`, `zh-Hans` and
/// `zh`), whatever the region; not `de` and `en`, nor `zh-Hant` and `zh` (Simplified),
/// nor `sr-Latn` and `sr` (Cyrillic).
pub fn same_language(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (maximized(a), maximized(b)) {
        (Some(a), Some(b)) => a.language == b.language && a.script == b.script,
        _ => false,
    }
}

impl Config {
    /// The language with this code.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The text direction of language `code` (`ltr` for one the site does not have).
    pub fn dir_of(&self, code: &str) -> &'static str {
        self.language(code).map_or("ltr", |l| l.dir.as_str())
    }

    /// The language `code` of this site, or an error at site.yaml that names its
    /// languages (for a command's `--lang`).
    pub fn site_language(&self, code: &str) -> Result<&Language, Vec<Diagnostic>> {
        self.language(code).ok_or_else(|| {
            let known: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
            vec![Diagnostic::file_error(
                CONFIG_FILE,
                format!(
                    "`{code}` is not a language of this site; its languages are {}",
                    known.join(", ")
                ),
            )]
        })
    }

    /// Index of a language in switcher order.
    pub fn language_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }

    /// The kind with this id.
    pub fn kind_index(&self, id: &str) -> Option<KindId> {
        self.kinds.iter().position(|k| k == id).map(|i| i as KindId)
    }

    /// `code` followed by its fallback chain.
    pub fn chain(&self, code: &str) -> Vec<String> {
        let mut chain = vec![code.to_string()];
        if let Some(lang) = self.language(code) {
            chain.extend(lang.fallback.iter().cloned());
        }
        chain
    }

    /// The path part of `base_url` ("" or "/news"), used to build root-relative links.
    pub fn base_path(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&self.base_url);
        match rest.find('/') {
            Some(i) => rest[i..].trim_end_matches('/'),
            None => "",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default = "default_title_key")]
    title_key: String,
    base_url: String,
    default_language: String,
    languages: Vec<RawLanguage>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_output")]
    output_dir: String,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default = "default_pinned_max")]
    pinned_max: usize,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    feeds: RawFeeds,
    #[serde(default)]
    share_image: Option<String>,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    sitemap: RawSitemap,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    default_kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSitemap {
    #[serde(default = "default_split_over")]
    split_over: usize,
    #[serde(default = "default_max_urls")]
    max_urls: usize,
}

fn default_split_over() -> usize {
    SitemapConfig::default().split_over
}

fn default_max_urls() -> usize {
    SitemapConfig::default().max_urls
}

impl Default for RawSitemap {
    fn default() -> Self {
        let d = SitemapConfig::default();
        RawSitemap {
            split_over: d.split_over,
            max_urls: d.max_urls,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    #[serde(default = "yes")]
    untranslated: bool,
}

impl Default for RawFeeds {
    fn default() -> Self {
        RawFeeds { untranslated: true }
    }
}

/// `search:` in site.yaml: `true`, `false`, or a map of settings (`enabled:`).
struct RawSearch {
    enabled: bool,
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch { enabled: true }
    }
}

impl<'de> Deserialize<'de> for RawSearch {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Settings;
        impl<'de> serde::de::Visitor<'de> for Settings {
            type Value = RawSearch;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`true` or `false`, or `enabled:` under it")
            }
            fn visit_bool<E: serde::de::Error>(self, enabled: bool) -> Result<RawSearch, E> {
                Ok(RawSearch { enabled })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawSearch, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Map {
                    #[serde(default = "yes")]
                    enabled: bool,
                }
                Map::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|m| RawSearch { enabled: m.enabled })
            }
        }
        d.deserialize_any(Settings)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    raw_html: RawHtml,
    #[serde(default)]
    iframe_hosts: Vec<String>,
    #[serde(default = "yes")]
    typography: bool,
}

impl Default for RawMarkdown {
    fn default() -> Self {
        RawMarkdown {
            raw_html: RawHtml::default(),
            iframe_hosts: Vec::new(),
            typography: true,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    name: String,
    #[serde(default = "yes")]
    official: bool,
    #[serde(default)]
    fallback: Option<Vec<String>>,
    #[serde(default)]
    date_locale: Option<String>,
}

fn default_title_key() -> String {
    "site-title".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output() -> String {
    "public".into()
}
fn default_paginate() -> usize {
    20
}
fn default_pinned_max() -> usize {
    3
}
fn yes() -> bool {
    true
}

/// The name of the configuration file in a site folder.
pub const CONFIG_FILE: &str = "site.yaml";

/// Reads and validates `site.yaml` in `root`.
pub fn load(root: &Path) -> Result<Config, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    let mut diags = Diagnostics::new();
    let text = match crate::files::read_regular(&path) {
        Ok(bytes) => match crate::files::decode(bytes, Path::new(CONFIG_FILE)) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        },
        Err(e) => {
            diags.push(Diagnostic::file_error(
                CONFIG_FILE,
                format!("cannot read site configuration in {}: {e}", root.display()),
            ));
            return Err(diags);
        }
    };
    parse(root, &text)
}

/// Validates the text of a `site.yaml` belonging to the site in `root`.
pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostics> {
    let mut diags = Diagnostics::new();
    let text = crate::files::strip_bom(text);
    let raw: RawConfig = match serde_yaml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let plain = crate::yaml_errors::explain(text, &e, CONFIG_FILE);
            diags.push(Diagnostic::error(
                CONFIG_FILE,
                plain.line,
                plain.col,
                plain.message,
            ));
            return Err(diags);
        }
    };

    let mut seen = BTreeSet::new();
    for (i, lang) in raw.languages.iter().enumerate() {
        let (line, col) = locate_code(text, &lang.code, i);
        if lang
            .code
            .parse::<unic_langid::LanguageIdentifier>()
            .is_err()
            || lang.code.is_empty()
            || !lang
                .code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            diags.push(Diagnostic::error(
                CONFIG_FILE,
                line,
                col,
                format!(
                    "languages[{i}].code: `{}` is not a valid BCP 47 language tag",
                    lang.code
                ),
            ));
        } else if !seen.insert(lang.code.clone()) {
            diags.push(Diagnostic::error(
                CONFIG_FILE,
                line,
                col,
                format!(
                    "languages[{i}].code: `{}` is listed more than once",
                    lang.code
                ),
            ));
        }
        if let Some(locale) = &lang.date_locale {
            if !is_locale(locale) {
                let (line, col) = locate_field(text, i, "date_locale");
                diags.push(Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    col,
                    format!("languages[{i}].date_locale: `{locale}` is not a valid BCP 47 locale (such as `en-GB` or `fa-u-nu-latn`)"),
                ));
            }
        }
        if lang.name.trim().is_empty() {
            diags.push(Diagnostic::error(
                CONFIG_FILE,
                line,
                col,
                format!("languages[{i}].name: the name of `{}` is empty", lang.code),
            ));
        }
    }
    if raw.languages.is_empty() {
        let (line, col) = locate_key(text, "languages");
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            "languages: at least one language is required",
        ));
    }
    if !raw.languages.iter().any(|l| l.code == raw.default_language) {
        let (line, col) = locate_key(text, "default_language");
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            format!(
                "default_language: `{}` is not one of the languages listed",
                raw.default_language
            ),
        ));
    }
    for (i, lang) in raw.languages.iter().enumerate() {
        for fb in lang.fallback.iter().flatten() {
            if !raw.languages.iter().any(|l| &l.code == fb) {
                let (line, col) = locate_code(text, &lang.code, i);
                diags.push(Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    col,
                    format!("languages[{i}].fallback: `{fb}` is not one of the languages listed"),
                ));
            }
        }
    }
    for host in &raw.markdown.iframe_hosts {
        if host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        {
            let (line, col) = locate_key(text, "markdown");
            diags.push(Diagnostic::error(
                CONFIG_FILE,
                line,
                col,
                format!("markdown.iframe_hosts: `{host}` must be a host name such as www.youtube-nocookie.com"),
            ));
        }
    }
    if raw.sitemap.max_urls == 0 || raw.sitemap.max_urls > SITEMAP_LIMIT {
        let (line, col) = locate_key(text, "  max_urls");
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col + 2,
            format!("sitemap.max_urls: must be from 1 to {SITEMAP_LIMIT} (the sitemap protocol's limit)"),
        ));
    }
    if raw.paginate == 0 {
        let (line, col) = locate_key(text, "paginate");
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            "paginate: must be at least 1",
        ));
    }
    let base_url = raw.base_url.trim_end_matches('/').to_string();
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        let (line, col) = locate_key(text, "base_url");
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            format!(
                "base_url: `{}` must be an absolute http:// or https:// URL",
                raw.base_url
            ),
        ));
    }
    if raw.theme.is_empty() || raw.theme.contains(['/', '\\']) || raw.theme.starts_with('.') {
        let (line, col) = locate_key(text, "theme");
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            format!("theme: `{}` is not a theme folder name", raw.theme),
        ));
    }
    if let Some(image) = &raw.share_image {
        if !image.starts_with('/')
            || image.starts_with("//")
            || image.contains(['\\', '"', '<', '>'])
            || image.split('/').any(|s| s == "..")
        {
            let (line, col) = locate_key(text, "share_image");
            diags.push(Diagnostic::error(
                CONFIG_FILE,
                line,
                col,
                format!("share_image: `{image}` must be a path from the site root, such as /images/share.png"),
            ));
        }
    }
    let default_kind = check_kinds(text, &raw, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }

    let codes: Vec<String> = raw.languages.iter().map(|l| l.code.clone()).collect();
    let languages = raw
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| Language {
            line: locate_code(text, &l.code, i).0,
            date_locale: l.date_locale.clone(),
            code: l.code.clone(),
            name: l.name.clone(),
            official: l.official,
            dir: text_direction(&l.code),
            has_explicit_fallback: l.fallback.is_some(),
            og_locale: og_locale(&l.code),
            fallback: fallback_chain(
                &l.code,
                l.fallback.as_deref(),
                &codes,
                &raw.default_language,
            ),
        })
        .collect();
    let output_dir = root.join(&raw.output_dir);
    Ok(Config {
        root: root.to_path_buf(),
        title_key: raw.title_key,
        base_url,
        default_language: raw.default_language,
        languages,
        theme: raw.theme,
        output_dir,
        paginate: raw.paginate,
        pinned_max: raw.pinned_max,
        markdown: MarkdownConfig {
            raw_html: raw.markdown.raw_html,
            iframe_hosts: raw.markdown.iframe_hosts,
            typography: raw.markdown.typography,
        },
        feeds: FeedsConfig {
            untranslated: raw.feeds.untranslated,
        },
        share_image: raw.share_image,
        search: raw.search.enabled,
        sitemap: SitemapConfig {
            split_over: raw.sitemap.split_over,
            max_urls: raw.sitemap.max_urls,
        },
        kinds: raw.kinds,
        default_kind,
        archives: true,
    })
}

/// Why `kind` is not a kind of a site whose `kinds:` are these: the kinds, and the one
/// likely meant.
pub fn unknown_kind(kinds: &[String], kind: &str) -> String {
    if kinds.is_empty() {
        return format!("`{kind}` is not a kind: site.yaml lists no `kinds:`");
    }
    let listed: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
    let mut message = format!(
        "`{kind}` is not one of the kinds in site.yaml ({})",
        listed.join(", ")
    );
    if let Some(close) = crate::diagnostics::did_you_mean(kind, kinds.iter().map(String::as_str)) {
        message.push_str(&format!("; did you mean `{close}`?"));
    }
    message
}

/// Checks `kinds:` (unique URL segments) and `default_kind:` (one of them); the default
/// kind's index: `default_kind:`, else the first kind (`None` without kinds).
fn check_kinds(text: &str, raw: &RawConfig, diags: &mut Diagnostics) -> Option<KindId> {
    let (line, col) = locate_key(text, "kinds");
    for (i, kind) in raw.kinds.iter().enumerate() {
        let why = match crate::segment::check_segment(kind) {
            Err(why) => why,
            Ok(()) if raw.kinds[..i].contains(kind) => "is listed more than once".to_string(),
            Ok(()) => continue,
        };
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            format!("kinds[{i}]: `{kind}` {why}"),
        ));
    }
    let Some(default) = &raw.default_kind else {
        return (!raw.kinds.is_empty()).then_some(0);
    };
    let index = raw.kinds.iter().position(|k| k == default);
    if index.is_none() {
        let (line, col) = locate_key(text, "default_kind");
        diags.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            format!("default_kind: {}", unknown_kind(&raw.kinds, default)),
        ));
    }
    index.map(|i| i as KindId)
}

/// The languages tried after `code`: its explicit list, else its tag truncated
/// (`zh-Hant-TW` → `zh-Hant` → `zh`) where those are configured; always ending with the default.
pub fn fallback_chain(
    code: &str,
    explicit: Option<&[String]>,
    codes: &[String],
    default: &str,
) -> Vec<String> {
    let mut chain: Vec<String> = Vec::new();
    match explicit {
        Some(list) => chain.extend(list.iter().filter(|c| c.as_str() != code).cloned()),
        None => chain.extend(
            truncations(code)
                .filter(|shorter| codes.iter().any(|c| c == shorter))
                .map(str::to_string),
        ),
    }
    if code != default && !chain.iter().any(|c| c == default) {
        chain.push(default.to_string());
    }
    chain
}

/// Line and column of a top-level `key:` in YAML text (1:1 if absent).
pub fn locate_key(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(key) {
            if rest.trim_start().starts_with(':') {
                return (i + 1, 1);
            }
        }
    }
    (1, 1)
}

/// Whether `tag` is a BCP 47 locale ICU4X reads (`en-GB`, `fa-u-nu-latn`).
fn is_locale(tag: &str) -> bool {
    !tag.is_empty()
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && icu_locale::Locale::try_from_str(tag).is_ok()
}

/// Line and column of `field:` in the `index`-th language entry (its code's when absent).
fn locate_field(text: &str, index: usize, field: &str) -> (usize, usize) {
    let (start, _) = locate_code(text, "", index);
    let key = format!("{field}:");
    for (i, line) in text.lines().enumerate().skip(start - 1) {
        if i + 1 > start && line.contains("code:") {
            break;
        }
        if let Some(pos) = line.find(&key) {
            return (i + 1, line[..pos].chars().count() + 1);
        }
    }
    locate_code(text, "", index)
}

/// Line and column of the `index`-th language entry's code value.
fn locate_code(text: &str, code: &str, index: usize) -> (usize, usize) {
    let mut seen = 0;
    for (i, line) in text.lines().enumerate() {
        if let Some(pos) = line.find("code:") {
            if seen == index {
                let after = &line[pos + 5..];
                let offset = after.find(code).map(|o| pos + 5 + o).unwrap_or(pos);
                return (i + 1, line[..offset].chars().count() + 1);
            }
            seen += 1;
        }
    }
    locate_key(text, "languages")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_comes_from_cldr() {
        for rtl in ["ar", "he", "fa", "ur"] {
            assert_eq!(text_direction(rtl), Direction::Rtl, "{rtl}");
        }
        for ltr in ["en", "zh", "zh-Hant", "ru", "pt-BR"] {
            assert_eq!(text_direction(ltr), Direction::Ltr, "{ltr}");
        }
    }

    #[test]
    fn open_graph_locales_take_cldr_likely_regions() {
        for (code, og) in [
            ("en", "en_US"),
            ("zh", "zh_CN"),
            ("zh-Hant", "zh_TW"),
            ("ar", "ar_EG"),
            ("es", "es_ES"),
            ("fr", "fr_FR"),
            ("ru", "ru_RU"),
            ("pt", "pt_BR"),
            ("pt-PT", "pt_PT"),
            ("en-GB", "en_GB"),
        ] {
            assert_eq!(og_locale(code), og, "{code}");
        }
    }

    #[test]
    fn same_language_means_same_language_and_script() {
        for (a, b) in [
            ("en-GB", "en"),
            ("en-IN", "en"),
            ("es-419", "es"),
            ("pt-BR", "pt"),
            ("zh-Hans", "zh"),
            ("zh-TW", "zh-Hant"),
            ("sr", "sr-Cyrl"),
        ] {
            assert!(same_language(a, b), "{a} reads {b}");
        }
        for (a, b) in [
            ("de", "en"),
            ("zh-Hant", "zh"),
            ("sr-Latn", "sr"),
            ("pt", "es"),
        ] {
            assert!(!same_language(a, b), "{a} does not read {b}");
        }
        assert_eq!(script("zh").as_deref(), Some("Hans"));
        assert_eq!(script("zh-Hant").as_deref(), Some("Hant"));
        assert_eq!(script("sr").as_deref(), Some("Cyrl"));
    }

    #[test]
    fn truncations_drop_one_subtag_at_a_time() {
        assert_eq!(
            truncations("zh-Hant-TW").collect::<Vec<_>>(),
            ["zh-Hant", "zh"]
        );
        assert_eq!(truncations("en").count(), 0);
    }
}
