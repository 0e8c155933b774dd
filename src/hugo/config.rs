//! Reading a Hugo site's configuration (`hugo.toml|yaml|json`, `config.*`,
//! `config/_default/`): languages, default language, `baseURL`, permalinks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, LineIndex};

/// One language of the Hugo site.
#[derive(Debug, Clone)]
pub struct HugoLanguage {
    /// Hugo's code, lower case as Hugo keys it (`zh-cn`).
    pub code: String,
    /// The code in BCP 47 (`zh-Hans`).
    pub bcp47: String,
    /// `languageName` (or `label`), if given.
    pub name: Option<String>,
    /// The language's own site `title`, if given.
    pub title: Option<String>,
    /// `contentDir`, relative to the Hugo site.
    pub content_dir: Option<PathBuf>,
    /// `weight` (order in Hugo's menus).
    pub weight: i64,
}

/// What herald needs of a Hugo site's configuration.
#[derive(Debug, Clone, Default)]
pub struct HugoConfig {
    /// The files it was read from, relative to the Hugo site (none: no configuration).
    pub files: Vec<PathBuf>,
    /// `baseURL`.
    pub base_url: Option<String>,
    /// The site `title`.
    pub title: Option<String>,
    /// `defaultContentLanguage` (Hugo code), when set.
    pub default_language: Option<String>,
    /// `defaultContentLanguageInSubdir`.
    pub default_in_subdir: bool,
    /// `[languages]`, by weight then code.
    pub languages: Vec<HugoLanguage>,
    /// `[permalinks]` (or `[permalinks.page]`): section → pattern.
    pub permalinks: BTreeMap<String, String>,
    /// `uglyURLs`.
    pub ugly_urls: bool,
    /// Whether Hugo lower-cases paths (`disablePathToLower` not set).
    pub path_to_lower: bool,
}

/// The configuration files Hugo reads at the site root, in its order.
const ROOT_NAMES: [&str; 8] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// Reads the Hugo site's configuration; a site without one gives the defaults.
pub fn read(site: &Path) -> Result<HugoConfig, Vec<Diagnostic>> {
    let mut merged = Mapping::new();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if let Some(name) = ROOT_NAMES.iter().find(|n| site.join(n).is_file()) {
        match read_file(site, Path::new(name)) {
            Ok(map) => merge(&mut merged, map),
            Err(e) => errors.push(e),
        }
        files.push(PathBuf::from(name));
    }
    // config/_default/: hugo.* and config.* hold top-level keys; any other file `x.*`
    // holds the value of key `x` (languages.toml, params.yaml, permalinks.toml…).
    let dir = site.join("config").join("_default");
    if dir.is_dir() {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| vec![Diagnostic::file_error(&dir, format!("cannot read: {e}"))])?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| {
                [".toml", ".yaml", ".yml", ".json"]
                    .iter()
                    .any(|ext| n.ends_with(ext))
            })
            .collect();
        names.sort();
        for name in names {
            let rel = PathBuf::from("config/_default").join(&name);
            let stem = name.split('.').next().unwrap_or_default().to_lowercase();
            match read_file(site, &rel) {
                Ok(map) if stem == "hugo" || stem == "config" => merge(&mut merged, map),
                Ok(map) => {
                    let mut wrapped = Mapping::new();
                    wrapped.insert(Value::String(stem), Value::Mapping(map));
                    merge(&mut merged, wrapped);
                }
                Err(e) => errors.push(e),
            }
            files.push(rel);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(interpret(&merged, files))
}

/// Reads one configuration file into a map with lower-case keys (Hugo's keys are
/// case-insensitive).
fn read_file(site: &Path, rel: &Path) -> Result<Mapping, Diagnostic> {
    let path = site.join(rel);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Diagnostic::file_error(&path, format!("cannot read: {e}")))?;
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let value = parse_any(&text, ext).map_err(|(offset, msg)| {
        let (line, col) = LineIndex::new(&text).position(offset);
        Diagnostic::error(&path, line, col, msg)
    })?;
    match lower_keys(value) {
        Value::Mapping(m) => Ok(m),
        Value::Null => Ok(Mapping::new()),
        _ => Err(Diagnostic::error(
            &path,
            1,
            1,
            "a Hugo configuration file must hold a table of settings",
        )),
    }
}

/// Parses TOML, YAML or JSON (by extension) into a YAML value; errors carry a byte offset.
pub fn parse_any(text: &str, ext: &str) -> Result<Value, (usize, String)> {
    match ext {
        "toml" => match toml::from_str::<toml::Table>(text) {
            Ok(t) => Ok(toml_to_yaml(toml::Value::Table(t))),
            Err(e) => Err((
                e.span().map(|s| s.start).unwrap_or(0),
                e.message().to_string(),
            )),
        },
        "json" => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => Ok(json_to_yaml(v)),
            Err(e) => {
                let offset = LineOffsets(text).offset(e.line(), e.column());
                Err((offset, e.to_string()))
            }
        },
        _ => match serde_yaml::from_str::<Value>(text) {
            Ok(v) => Ok(v),
            Err(e) => {
                let plain = crate::yaml_errors::explain(text, &e, "the YAML");
                let offset = LineOffsets(text).offset(plain.line, plain.col);
                Err((offset, plain.message))
            }
        },
    }
}

/// Byte offsets of 1-based line/column pairs.
struct LineOffsets<'a>(&'a str);

impl LineOffsets<'_> {
    fn offset(&self, line: usize, col: usize) -> usize {
        let start: usize = self
            .0
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        (start + col.saturating_sub(1)).min(self.0.len())
    }
}

/// A TOML value as a YAML value (dates become their text).
pub fn toml_to_yaml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// A JSON value as a YAML value.
pub fn json_to_yaml(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => serde_yaml::to_value(n).unwrap_or(Value::Null),
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => {
            Value::Sequence(items.into_iter().map(json_to_yaml).collect())
        }
        serde_json::Value::Object(m) => Value::Mapping(
            m.into_iter()
                .map(|(k, v)| (Value::String(k), json_to_yaml(v)))
                .collect(),
        ),
    }
}

/// The value with every map key lower-cased (Hugo's configuration keys ignore case).
fn lower_keys(value: Value) -> Value {
    match value {
        Value::Mapping(m) => Value::Mapping(
            m.into_iter()
                .map(|(k, v)| {
                    let k = match k {
                        Value::String(s) => Value::String(s.to_lowercase()),
                        other => other,
                    };
                    (k, lower_keys(v))
                })
                .collect(),
        ),
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(lower_keys).collect()),
        other => other,
    }
}

/// Merges `from` into `into`, maps key by key (later files win).
fn merge(into: &mut Mapping, from: Mapping) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Mapping(a)), Value::Mapping(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

fn text(map: &Mapping, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

fn flag(map: &Mapping, key: &str) -> bool {
    matches!(map.get(key), Some(Value::Bool(true)))
}

/// Picks herald's values out of the merged configuration.
fn interpret(map: &Mapping, files: Vec<PathBuf>) -> HugoConfig {
    let mut languages: Vec<HugoLanguage> = Vec::new();
    if let Some(Value::Mapping(langs)) = map.get("languages") {
        for (code, settings) in langs {
            let Value::String(code) = code else { continue };
            let empty = Mapping::new();
            let settings = match settings {
                Value::Mapping(m) => m,
                _ => &empty,
            };
            let params = match settings.get("params") {
                Some(Value::Mapping(m)) => Some(m),
                _ => None,
            };
            languages.push(HugoLanguage {
                code: code.to_lowercase(),
                bcp47: bcp47(code),
                name: text(settings, "languagename").or_else(|| text(settings, "label")),
                title: text(settings, "title").or_else(|| params.and_then(|p| text(p, "title"))),
                content_dir: text(settings, "contentdir").map(PathBuf::from),
                weight: settings.get("weight").and_then(Value::as_i64).unwrap_or(0),
            });
        }
    }
    languages.sort_by(|a, b| (a.weight, &a.code).cmp(&(b.weight, &b.code)));
    let mut permalinks = BTreeMap::new();
    if let Some(Value::Mapping(p)) = map.get("permalinks") {
        // Hugo 0.112+: `[permalinks.page]` holds the pages' patterns.
        let pages = match p.get("page") {
            Some(Value::Mapping(page)) => page,
            _ => p,
        };
        for (k, v) in pages {
            if let (Value::String(k), Value::String(v)) = (k, v) {
                permalinks.insert(k.clone(), v.clone());
            }
        }
    }
    HugoConfig {
        files,
        base_url: text(map, "baseurl"),
        title: text(map, "title"),
        default_language: text(map, "defaultcontentlanguage").map(|c| c.to_lowercase()),
        default_in_subdir: flag(map, "defaultcontentlanguageinsubdir"),
        languages,
        permalinks,
        ugly_urls: flag(map, "uglyurls"),
        path_to_lower: !flag(map, "disablepathtolower"),
    }
}

/// Hugo codes whose BCP 47 form is not just their canonical casing.
pub const RENAMED: [(&str, &str); 11] = [
    ("zh-cn", "zh-Hans"),
    ("zh-sg", "zh-Hans-SG"),
    ("zh-my", "zh-Hans-MY"),
    ("zh-tw", "zh-Hant"),
    ("zh-hk", "zh-Hant-HK"),
    ("zh-mo", "zh-Hant-MO"),
    ("iw", "he"),
    ("in", "id"),
    ("ji", "yi"),
    ("jw", "jv"),
    ("mo", "ro"),
];

/// A Hugo language code in BCP 47: the table above, else its canonical casing
/// (`pt-br` → `pt-BR`, `sr-latn` → `sr-Latn`), else as written.
pub fn bcp47(code: &str) -> String {
    let lower = code.to_ascii_lowercase().replace('_', "-");
    if let Some((_, to)) = RENAMED.iter().find(|(from, _)| *from == lower) {
        return to.to_string();
    }
    match icu_locale::LanguageIdentifier::try_from_str(&lower) {
        Ok(id) => id.to_string(),
        Err(_) => code.to_string(),
    }
}

/// Whether `name` (a folder under `content/`, a file name suffix) is a language code:
/// a BCP 47 tag whose language CLDR knows (`posts`, `img` are not).
pub fn is_language_code(name: &str) -> bool {
    static EXPANDER: icu_locale::LocaleExpander = icu_locale::LocaleExpander::new_extended();
    let lower = name.to_ascii_lowercase();
    if RENAMED.iter().any(|(from, _)| *from == lower) {
        return true;
    }
    let Ok(mut id) = icu_locale::LanguageIdentifier::try_from_str(&lower) else {
        return false;
    };
    let len = id.language.as_str().len();
    if !(2..=3).contains(&len) || lower.contains('.') {
        return false;
    }
    let before = id.clone();
    EXPANDER.maximize(&mut id);
    id != before || (id.script.is_some() && id.region.is_some())
}

/// A language's own name for a few common codes (the report and `site.yaml` use it
/// when Hugo gives no `languageName`; so does `herald init`'s `site.yaml`).
pub fn native_name(bcp47: &str) -> Option<&'static str> {
    Some(match bcp47 {
        "en" => "English",
        "zh-Hans" => "简体中文",
        "zh-Hant" => "繁體中文",
        "zh" => "中文",
        "ar" => "العربية",
        "es" => "Español",
        "fr" => "Français",
        "ru" => "Русский",
        "pt" => "Português",
        "pt-BR" => "Português (Brasil)",
        "de" => "Deutsch",
        "it" => "Italiano",
        "ja" => "日本語",
        "ko" => "한국어",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "he" => "עברית",
        "fa" => "فارسی",
        "hi" => "हिन्दी",
        "id" => "Bahasa Indonesia",
        "vi" => "Tiếng Việt",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(bcp47("zh-cn"), "zh-Hans");
        assert_eq!(bcp47("pt-br"), "pt-BR");
        assert_eq!(bcp47("sr-latn"), "sr-Latn");
        assert_eq!(bcp47("fr"), "fr");
        assert!(is_language_code("zh-cn"));
        assert!(is_language_code("fr"));
        assert!(is_language_code("pt-br"));
        assert!(!is_language_code("posts"));
        assert!(!is_language_code("img"));
        assert!(!is_language_code("xq"));
    }
}
