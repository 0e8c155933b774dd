//! `herald new`: a new announcement, or a translation scaffolded from its source.

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::content::{self, front_matter::check_segment, Announcement, ANNOUNCEMENTS_DIR};
use crate::date::Date;
use crate::diagnostics::{display_path, Diagnostic};

/// Writes `content/announcements/<name>.<lang>.md` dated `now`, as a draft.
/// Refuses an invalid name, an unknown language and an existing file.
pub fn new_announcement(
    site_dir: &Path,
    name: &str,
    lang: Option<&str>,
    title: Option<&str>,
    now: i64,
) -> Result<PathBuf, Vec<Diagnostic>> {
    let config = config::load(site_dir).map_err(|d| d.sorted())?;
    // A file name given whole: `x.md` is `x`, `x.fr.md` is `x` in French.
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let (name, suffix_lang) = strip_file_suffix(name, &codes);
    let lang = lang.or(suffix_lang).unwrap_or(&config.default_language);
    check_name_and_lang(&config, name, lang)?;
    let bundle = config.root.join(ANNOUNCEMENTS_DIR).join(name);
    let target = if bundle.is_dir() {
        bundle.join(format!("index.{lang}.md"))
    } else {
        config
            .root
            .join(ANNOUNCEMENTS_DIR)
            .join(format!("{name}.{lang}.md"))
    };
    refuse_existing(&config, name, lang)?;
    let title = title
        .map(str::to_string)
        .unwrap_or_else(|| title_from_name(name));
    // A dated name (`2026-12-01-board-elections`) is the announcement's date.
    let date = match name.get(..10).map(Date::parse) {
        Some(Ok(d)) if name.len() == 10 || name[10..].starts_with('-') => d.ymd(),
        _ => Date::from_timestamp(now).ymd(),
    };
    // A site with kinds: the default one, and which there are.
    let kind = config
        .default_kind
        .and_then(|k| config.kinds.get(k as usize))
        .map_or_else(String::new, |k| {
            format!("kind: {k}   # one of: {}\n", config.kinds.join(", "))
        });
    let text = format!(
        "---\ntitle: {}\ndate: {date}\n{kind}tags: []\ndraft: true   # remove this line to publish\n---\n\n",
        yaml_string(&title)
    );
    write_new(&config, &target, &text)?;
    Ok(display_path(&config.root, &target))
}

/// Writes the `lang` translation of announcement `name` from its source: the source's
/// title to translate, `source_hash` of the source's current text, and the source body.
pub fn new_translation(
    site_dir: &Path,
    name: &str,
    lang: &str,
) -> Result<PathBuf, Vec<Diagnostic>> {
    let config = config::load(site_dir).map_err(|d| d.sorted())?;
    check_name_and_lang(&config, name, lang)?;
    let (announcements, diags) = content::load(&config);
    let Some(announcement) = announcements.iter().find(|a| a.name == name) else {
        let mut errors: Vec<Diagnostic> = diags
            .sorted()
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        errors.push(Diagnostic::file_error(
            ANNOUNCEMENTS_DIR,
            format!("there is no announcement named `{name}` to translate"),
        ));
        return Err(errors);
    };
    refuse_existing(&config, name, lang)?;
    let source = announcement.source();
    let target = translation_path(&config, announcement, lang);
    let body = source
        .body
        .text()
        .map_err(|message| vec![Diagnostic::file_error(&source.path, message)])?;
    let scaffold = format!(
        "---\n# Translate the title and the text below from {} ({}).\ntitle: {}\nsource_hash: {}\ndraft: true   # remove this line once translated: until then readers get the original\n---\n{}",
        config.language(&source.lang).map(|l| l.name.as_str()).unwrap_or(&source.lang),
        source.path.display(),
        yaml_string(&source.title),
        source.text_hash,
        body
    );
    write_new(&config, &target, &scaffold)?;
    Ok(display_path(&config.root, &target))
}

/// Where the `lang` translation of an announcement is written: `index.<lang>.md` in its
/// bundle, else `<name>.<lang>.md` beside its source.
pub(crate) fn translation_path(
    config: &Config,
    announcement: &Announcement,
    lang: &str,
) -> PathBuf {
    match &announcement.bundle {
        Some(bundle) => config
            .root
            .join(&bundle.dir)
            .join(format!("index.{lang}.md")),
        None => config
            .root
            .join(ANNOUNCEMENTS_DIR)
            .join(format!("{}.{lang}.md", announcement.name)),
    }
}

fn check_name_and_lang(config: &Config, name: &str, lang: &str) -> Result<(), Vec<Diagnostic>> {
    if let Err(why) = check_segment(name) {
        return Err(vec![Diagnostic::file_error(
            ANNOUNCEMENTS_DIR,
            format!("announcement name `{name}` {why}"),
        )]);
    }
    config.site_language(lang)?;
    Ok(())
}

fn refuse_existing(config: &Config, name: &str, lang: &str) -> Result<(), Vec<Diagnostic>> {
    let dir = config.root.join(ANNOUNCEMENTS_DIR);
    let mut candidates = vec![
        dir.join(format!("{name}.{lang}.md")),
        dir.join(name).join(format!("index.{lang}.md")),
    ];
    if lang == config.default_language {
        candidates.push(dir.join(format!("{name}.md")));
        candidates.push(dir.join(name).join("index.md"));
    }
    match candidates.into_iter().find(|c| c.exists()) {
        Some(existing) => Err(vec![Diagnostic::file_error(
            display_path(&config.root, &existing),
            "already exists; herald new never overwrites a file",
        )]),
        None => Ok(()),
    }
}

fn write_new(config: &Config, target: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    let shown = display_path(&config.root, target);
    let err =
        |e: std::io::Error| vec![Diagnostic::file_error(&shown, format!("cannot write: {e}"))];
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    // create_new: never overwrite, even if the file appeared since we looked.
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(err)?;
    file.write_all(text.as_bytes()).map_err(err)
}

/// A name given as a file name: without `.md`, and without `.<lang>.md` (with that
/// language, when it is one of `codes`).
pub(crate) fn strip_file_suffix<'a>(
    name: &'a str,
    codes: &[&'a str],
) -> (&'a str, Option<&'a str>) {
    let Some(stem) = name.strip_suffix(".md") else {
        return (name, None);
    };
    match stem.rsplit_once('.') {
        Some((base, code)) => match codes.iter().find(|c| **c == code) {
            Some(c) => (base, Some(c)),
            None => (stem, None),
        },
        None => (stem, None),
    }
}

/// `2026-01-15-strategic-plan` → `Strategic plan`.
fn title_from_name(name: &str) -> String {
    let words = content::slug_from_name(name).replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// A YAML scalar for `text` (quoted when needed).
pub(crate) fn yaml_string(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}
