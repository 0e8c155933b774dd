//! Finding announcement files, parsing them, grouping translations and
//! inheriting fields from the source.

pub mod date;
pub mod front_matter;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
pub use date::Date;
use front_matter::FrontMatter;

/// The folder, relative to the site root, that holds announcements.
pub const ANNOUNCEMENTS_DIR: &str = "content/announcements";

/// Why a translation is out of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staleness {
    /// `source_hash` no longer matches the source text.
    Hash {
        /// The hash the translation recorded.
        recorded: String,
        /// The source's hash now.
        current: String,
    },
    /// The source was updated after the translation.
    Date,
}

/// One language version of an announcement, after inheritance.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Language code.
    pub lang: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Title in this language.
    pub title: String,
    /// Publication date (own or inherited).
    pub date: Date,
    /// Last change of this file's text (own or its date).
    pub updated: Option<Date>,
    /// Summary written by the author, if any.
    pub summary: Option<String>,
    /// Tag ids (own or inherited).
    pub tags: Vec<String>,
    /// URL segment (own, inherited, or from the name).
    pub slug: String,
    /// Where this file sets its slug (1:1 when inherited or derived).
    pub slug_pos: (usize, usize),
    /// Draft flag (own or inherited).
    pub draft: bool,
    /// Extra values (own or inherited).
    pub extra: serde_json::Value,
    /// Old URLs that redirect here (paths from the site root, no leading `/`).
    pub aliases: Vec<String>,
    /// Line of the `aliases:` key, for collision errors.
    pub aliases_line: usize,
    /// The recorded source hash, if any.
    pub source_hash: Option<String>,
    /// Markdown body (shared with the watch-mode parse cache).
    pub body: Arc<str>,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// Hash of this file's text (used as `source_hash` by translations of it).
    pub text_hash: String,
    /// The body's summary and `@/` links, read once.
    pub scan: crate::markdown::Scan,
    /// Set when this translation is out of date with its source.
    pub stale: Option<Staleness>,
}

/// One announcement: every language version of one `<name>`.
#[derive(Debug, Clone)]
pub struct Announcement {
    /// The shared file name (`2015-10-30-icann-oas`).
    pub name: String,
    /// Language of the source version.
    pub source_lang: String,
    /// Bundle folder (relative to the site root) and its asset files relative to it.
    pub bundle: Option<(PathBuf, Vec<PathBuf>)>,
    /// Versions, in the configured language order; the source among them.
    pub translations: Vec<Translation>,
}

impl Announcement {
    /// The source version.
    pub fn source(&self) -> &Translation {
        self.translation(&self.source_lang)
            .unwrap_or(&self.translations[0])
    }

    /// The version in `lang`, if it exists.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }
}

/// A file found under `content/announcements`.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    name: String,
    lang: String,
    bundle: Option<PathBuf>,
    /// Modification time and size, to know whether a cached parse is still good.
    stamp: Option<(SystemTime, u64)>,
}

#[derive(Debug, Clone)]
struct Parsed {
    scan: crate::markdown::Scan,
    found: Found,
    front: FrontMatter,
    body: Arc<str>,
    body_line: usize,
    text_hash: String,
}

/// A file's modification time and size when it was parsed.
type Stamp = Option<(SystemTime, u64)>;
/// A parse result with the stamp it was made at.
type CachedParse = (Stamp, Result<Parsed, Vec<Diagnostic>>);

/// Parsed files by path, kept between watch-mode rebuilds: a file whose modification
/// time and size did not change is not read again.
#[derive(Debug, Default)]
pub struct ParseCache {
    files: HashMap<PathBuf, CachedParse>,
    /// Each bundle's files, as the last full load found them.
    assets: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// What the last walk of `content/announcements` found.
    walk: Option<Walk>,
    /// Set by [`ParseCache::edited`]: the next load may reuse `walk`.
    walk_still_good: bool,
}

/// The files one walk of `content/announcements` found, in its order, and its diagnostics.
#[derive(Debug)]
struct Walk {
    order: Vec<PathBuf>,
    diags: Diagnostics,
    /// The site's language codes at the time: they decide which files are texts.
    languages: Vec<String>,
}

fn language_codes(config: &Config) -> Vec<String> {
    config.languages.iter().map(|l| l.code.clone()).collect()
}

/// What watch mode learns from reading one changed path again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reread {
    /// An announcement text that parsed: the name of its announcement.
    Text(String),
    /// A path herald does not read: an editor's temporary, lock or backup file
    /// (see [`ignored_name`]), or one that is gone and was never content.
    Ignored,
    /// Anything else (a deleted text, a bundle file, a folder, a parse error):
    /// only a full load can tell what it changed.
    Unknown,
}

impl ParseCache {
    /// Forgets a file (relative to the site), so it is read again even if its
    /// modification time looks unchanged (two saves within one clock tick).
    pub fn forget(&mut self, path: &std::path::Path) {
        self.files.remove(path);
    }

    /// Watch mode's cheaper full load: when every changed path (relative to the site)
    /// is an editor's leftover or a text of the last walk that is still a regular file,
    /// reads those texts again and returns true — the next load reuses the last walk
    /// instead of listing and stat-ing every file. Anything else (a new, deleted or
    /// bundle file, a folder, a link, another folder of the site) returns false and the
    /// next load walks again.
    pub fn edited(&mut self, config: &Config, changed: &[PathBuf]) -> bool {
        self.walk_still_good = false;
        let Some(walk) = &self.walk else {
            return false;
        };
        // Many changes at once (a checkout, a copy): listing again costs less than
        // looking each one up in the last walk's list.
        if walk.languages != language_codes(config) || changed.len() > 64 {
            return false;
        }
        let mut texts = Vec::new();
        for path in changed {
            let Ok(inner) = path.strip_prefix(ANNOUNCEMENTS_DIR) else {
                return false;
            };
            if ignored_path(inner) {
                continue;
            }
            // The last walk's list, not the cache: the shortcut may have read a new file.
            let known = walk.order.iter().any(|p| p == path);
            let is_file = std::fs::symlink_metadata(config.root.join(path))
                .map(|m| m.is_file())
                .unwrap_or(false);
            if !known || !is_file || !matches!(classify(config, inner), Class::Text { .. }) {
                return false;
            }
            texts.push(path);
        }
        for path in texts {
            // A parse error is kept in the cache; the load reports it.
            self.reread(config, path);
        }
        self.walk_still_good = true;
        true
    }

    /// The next load walks `content/announcements` again.
    pub fn walk_again(&mut self) {
        self.walk_still_good = false;
    }

    /// Reads one changed path (relative to the site) again and keeps its parse.
    pub fn reread(&mut self, config: &Config, path: &Path) -> Reread {
        let Ok(inner) = path.strip_prefix(ANNOUNCEMENTS_DIR) else {
            return Reread::Unknown;
        };
        if ignored_path(inner) {
            return Reread::Ignored;
        }
        let class = classify(config, inner);
        let meta = match std::fs::symlink_metadata(config.root.join(path)) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A deleted file the last walk warned about: only a new walk drops the warning.
                let known = self.files.contains_key(path)
                    || self.walk.as_ref().is_some_and(|w| w.diags.mentions(path));
                return match class {
                    Class::NotMarkdown if !known => Reread::Ignored,
                    _ => Reread::Unknown,
                };
            }
            Err(_) => return Reread::Unknown,
        };
        let Class::Text { name, lang, bundle } = class else {
            return Reread::Unknown;
        };
        if !meta.is_file() {
            return Reread::Unknown;
        }
        let stamp = meta.modified().ok().map(|t| (t, meta.len()));
        let found = Found {
            path: path.to_path_buf(),
            name: name.clone(),
            lang,
            bundle,
            stamp,
        };
        let parsed = parse_file(config, found);
        let ok = parsed.is_ok();
        self.files.insert(path.to_path_buf(), (stamp, parsed));
        if ok {
            Reread::Text(name)
        } else {
            Reread::Unknown
        }
    }

    /// The announcement `name` grouped again from its cached parses, if that gives
    /// exactly one announcement with no diagnostics.
    pub fn regroup(&self, config: &Config, name: &str) -> Option<Announcement> {
        let dir = Path::new(ANNOUNCEMENTS_DIR);
        let mut candidates = vec![
            dir.join(format!("{name}.md")),
            dir.join(name).join("index.md"),
        ];
        for lang in &config.languages {
            candidates.push(dir.join(format!("{name}.{}.md", lang.code)));
            candidates.push(dir.join(name).join(format!("index.{}.md", lang.code)));
        }
        let mut parsed = Vec::new();
        for path in candidates {
            match self.files.get(&path) {
                Some((_, Ok(p))) => parsed.push(p.clone()),
                Some((_, Err(_))) => return None,
                None => {}
            }
        }
        let mut diags = Diagnostics::new();
        let mut assets = BTreeMap::new();
        if let Some(files) = self.assets.get(&dir.join(name)) {
            assets.insert(dir.join(name), files.clone());
        }
        let mut grouped = group(config, parsed, assets, &mut diags);
        (grouped.len() == 1 && diags.is_empty()).then(|| grouped.remove(0))
    }
}

/// Whether a name under `content/announcements` is skipped, like Hugo and Zola skip
/// them: hidden files and folders (`.name`: editors' swap and temporary files,
/// `.DS_Store`), Emacs's `#autosave#` files and `name~` backups.
pub fn ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~')
}

/// Whether a path inside `content/announcements` has an ignored name in it.
fn ignored_path(inner: &Path) -> bool {
    inner
        .components()
        .any(|c| ignored_name(&c.as_os_str().to_string_lossy()))
}

/// Reads every announcement of the site.
pub fn load(config: &Config) -> (Vec<Announcement>, Diagnostics) {
    load_cached(config, &mut ParseCache::default())
}

/// Like [`load`], reading only files that changed since `cache` saw them.
pub fn load_cached(config: &Config, cache: &mut ParseCache) -> (Vec<Announcement>, Diagnostics) {
    if std::mem::take(&mut cache.walk_still_good) {
        if let Some(walk) = &cache.walk {
            return group_walk(config, walk, cache);
        }
    }
    let mut diags = Diagnostics::new();
    let (found, assets) = discover(config, &mut diags);
    let walk = Walk {
        order: found.iter().map(|f| f.path.clone()).collect(),
        diags,
        languages: language_codes(config),
    };
    // Move each file's last parse out of the cache (no copy); what is left over was
    // deleted and is freed on another thread.
    let mut old = std::mem::take(&mut cache.files);
    let paired: Vec<(Found, Option<CachedParse>)> = found
        .into_iter()
        .map(|f| {
            let last = old.remove(&f.path);
            (f, last)
        })
        .collect();
    crate::incremental::drop_later(old);
    let parsed: Vec<(PathBuf, CachedParse)> = paired
        .into_par_iter()
        .map(|(f, last)| {
            let key = f.path.clone();
            let stamp = f.stamp;
            match last {
                Some((cached, result)) if stamp.is_some() && cached == stamp => {
                    let result = result.map(|mut p| {
                        p.found = f;
                        p
                    });
                    (key, (stamp, result))
                }
                _ => (key, (stamp, parse_file(config, f))),
            }
        })
        .collect();
    cache.files = parsed.into_iter().collect();
    cache.assets = assets;
    let loaded = group_walk(config, &walk, cache);
    cache.walk = Some(walk);
    loaded
}

/// The announcements of a walk's files, from their parses in the cache (after a walk,
/// or after [`ParseCache::edited`] read the edited ones again), with the walk's
/// diagnostics and the parse errors.
fn group_walk(
    config: &Config,
    walk: &Walk,
    cache: &ParseCache,
) -> (Vec<Announcement>, Diagnostics) {
    let mut diags = walk.diags.clone();
    let mut ok = Vec::with_capacity(walk.order.len());
    for (_, parsed) in walk.order.iter().filter_map(|path| cache.files.get(path)) {
        match parsed {
            Ok(p) => ok.push(p.clone()),
            Err(errors) => diags.extend(errors.iter().cloned()),
        }
    }
    let announcements = group(config, ok, cache.assets.clone(), &mut diags);
    (announcements, diags)
}

fn discover(
    config: &Config,
    diags: &mut Diagnostics,
) -> (Vec<Found>, BTreeMap<PathBuf, Vec<PathBuf>>) {
    let root = &config.root;
    let dir = root.join(ANNOUNCEMENTS_DIR);
    let mut found = Vec::new();
    let mut assets: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    if !dir.is_dir() {
        return (found, assets);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    let mut walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !ignored_name(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            // A dangling link among editor leftovers (Emacs's `.#name` lock) is not an error.
            Err(e)
                if e.path()
                    .and_then(Path::file_name)
                    .is_some_and(|name| e.depth() > 0 && ignored_name(&name.to_string_lossy())) =>
            {
                continue
            }
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| PathBuf::from(ANNOUNCEMENTS_DIR));
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                diags.push(Diagnostic::file_error(path, msg));
                continue;
            }
        };
        let rel = display_path(root, entry.path());
        if entry.path_is_symlink() {
            let target_inside = entry
                .path()
                .canonicalize()
                .map(|t| t.starts_with(&canonical_root))
                .unwrap_or(false);
            if !target_inside {
                diags.push(Diagnostic::file_error(
                    &rel,
                    "symbolic link points outside the site folder; it is not followed",
                ));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(inner) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        match classify(config, inner) {
            Class::Text { name, lang, bundle } => found.push(Found {
                path: rel,
                name,
                lang,
                bundle,
                stamp: stamp(&entry),
            }),
            Class::BadName(msg) => diags.push(Diagnostic::error(&rel, 1, 1, msg)),
            Class::NotMarkdown => diags.push(Diagnostic::file_warning(
                &rel,
                "not a Markdown file (`<name>.<lang>.md`); ignored",
            )),
            Class::Asset { bundle, file } => match unsafe_asset_name(&file) {
                Some(why) => diags.push(Diagnostic::file_error(
                    &rel,
                    format!("bundle file name {why}; rename it"),
                )),
                None => assets.entry(bundle).or_default().push(file),
            },
        }
    }
    (found, assets)
}

/// What a file under `content/announcements` is, from its path relative to that folder.
enum Class {
    /// An announcement text: a flat `<name>.<lang>.md` or a bundle's `index.<lang>.md`.
    Text {
        name: String,
        lang: String,
        bundle: Option<PathBuf>,
    },
    /// A Markdown text whose language suffix is not a site language.
    BadName(String),
    /// A flat file that is not Markdown.
    NotMarkdown,
    /// A bundle's file (`bundle` relative to the site root, `file` relative to the bundle).
    Asset { bundle: PathBuf, file: PathBuf },
}

fn classify(config: &Config, inner: &Path) -> Class {
    let parts: Vec<String> = inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let file_name = parts.last().cloned().unwrap_or_default();
    if parts.len() <= 1 {
        return match file_name.strip_suffix(".md") {
            Some(stem) => match split_lang(config, stem) {
                Ok((name, lang)) => Class::Text {
                    name,
                    lang,
                    bundle: None,
                },
                Err(msg) => Class::BadName(msg),
            },
            None => Class::NotMarkdown,
        };
    }
    let bundle = PathBuf::from(ANNOUNCEMENTS_DIR).join(&parts[0]);
    if parts.len() == 2 && file_name.starts_with("index.") && file_name.ends_with(".md") {
        return match split_lang(config, &file_name[..file_name.len() - 3]) {
            Ok((_, lang)) => Class::Text {
                name: parts[0].clone(),
                lang,
                bundle: Some(bundle),
            },
            Err(msg) => Class::BadName(msg),
        };
    }
    Class::Asset {
        bundle,
        file: parts[1..].iter().collect(),
    }
}

/// Why a bundle file's name could not be published safely, if it could not.
fn unsafe_asset_name(path: &Path) -> Option<&'static str> {
    for part in path.components() {
        let name = part.as_os_str().to_string_lossy();
        if name.contains('\\') {
            return Some("contains a backslash");
        }
        if name.chars().any(char::is_control) {
            return Some("contains a control character");
        }
        if front_matter::has_encoded_traversal(&name) {
            return Some("contains percent-encoded dots, slashes or NUL");
        }
        if front_matter::is_windows_reserved(&name) {
            return Some("is a name Windows reserves (CON, NUL, …)");
        }
    }
    None
}

fn stamp(entry: &walkdir::DirEntry) -> Option<(SystemTime, u64)> {
    let meta = entry.metadata().ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// `name.lang` → (name, lang); a stem with no language suffix is in the default language.
fn split_lang(config: &Config, stem: &str) -> Result<(String, String), String> {
    match stem.rsplit_once('.') {
        Some((name, lang)) => {
            if config.language(lang).is_some() {
                Ok((name.to_string(), lang.to_string()))
            } else {
                let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
                Err(format!(
                    "unknown language suffix `.{lang}`: the site's languages are {}",
                    known.join(", ")
                ))
            }
        }
        None => Ok((stem.to_string(), config.default_language.clone())),
    }
}

/// The largest announcement file herald reads (a larger one is an error, not a slow build).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

fn parse_file(config: &Config, found: Found) -> Result<Parsed, Vec<Diagnostic>> {
    if let Some((_, len)) = found.stamp.filter(|(_, len)| *len > MAX_FILE_BYTES) {
        return Err(vec![Diagnostic::file_error(
            &found.path,
            format!("the file is {} MB; announcements are limited to {} MB (move large material into a bundle file)", len / 1_048_576, MAX_FILE_BYTES / 1_048_576),
        )]);
    }
    let path_str = found.path.to_string_lossy().to_string();
    let bytes = std::fs::read(config.root.join(&found.path)).map_err(|e| {
        vec![Diagnostic::file_error(
            &found.path,
            format!("cannot read: {e}"),
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..offset]).to_string();
        let (line, col) = crate::diagnostics::LineIndex::new(&prefix).position(offset);
        vec![Diagnostic::error(
            &found.path,
            line,
            col,
            format!("invalid UTF-8 at byte {offset}: save the file as UTF-8"),
        )]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let split = front_matter::split(text)
        .map_err(|(line, msg)| vec![Diagnostic::error(&found.path, line, 1, msg)])?;
    let front = front_matter::parse(&split, &path_str)?;
    if let Err(why) = front_matter::check_segment(&found.name) {
        return Err(vec![Diagnostic::error(
            &found.path,
            1,
            1,
            format!("announcement name `{}` {why}", found.name),
        )]);
    }
    Ok(Parsed {
        scan: crate::markdown::scan(split.body),
        body: Arc::from(split.body),
        body_line: split.body_line,
        text_hash: text_hash(text),
        found,
        front,
    })
}

/// A short, stable hash of a file's text (line endings normalised), for `source_hash`.
pub fn text_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes().filter(|&b| b != b'\r') {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")[..12].to_string()
}

/// `2015-10-30-icann-oas` → `icann-oas`.
pub fn slug_from_name(name: &str) -> String {
    let b = name.as_bytes();
    if b.len() > 11 && b[10] == b'-' && Date::parse(&name[..10]).is_ok() {
        name[11..].to_string()
    } else {
        name.to_string()
    }
}

fn group(
    config: &Config,
    parsed: Vec<Parsed>,
    mut assets: BTreeMap<PathBuf, Vec<PathBuf>>,
    diags: &mut Diagnostics,
) -> Vec<Announcement> {
    let mut by_name: BTreeMap<String, Vec<Parsed>> = BTreeMap::new();
    for p in parsed {
        by_name.entry(p.found.name.clone()).or_default().push(p);
    }
    let mut announcements = Vec::new();
    for (name, mut files) in by_name {
        files.sort_by_key(|f| config.language_index(&f.found.lang));
        let mut duplicate = false;
        for pair in files.windows(2) {
            if pair[0].found.lang == pair[1].found.lang {
                duplicate = true;
                diags.push(Diagnostic::error(
                    &pair[1].found.path,
                    1,
                    1,
                    format!(
                        "`{name}` has two `{}` versions: this file and {}",
                        pair[0].found.lang,
                        pair[0].found.path.display()
                    ),
                ));
            }
        }
        let bundles: Vec<&PathBuf> = files
            .iter()
            .filter_map(|f| f.found.bundle.as_ref())
            .collect();
        if !bundles.is_empty() && bundles.len() != files.len() {
            let flat = files
                .iter()
                .find(|f| f.found.bundle.is_none())
                .map(|f| f.found.path.clone())
                .unwrap_or_default();
            diags.push(Diagnostic::error(
                &flat,
                1,
                1,
                format!(
                    "`{name}` is both a file and a bundle folder ({}); keep one",
                    bundles[0].display()
                ),
            ));
            duplicate = true;
        }
        if duplicate {
            continue;
        }
        let source_index = files
            .iter()
            .position(|f| f.found.lang == config.default_language)
            .unwrap_or(0);
        let source = &files[source_index];
        let Some(source_date) = source.front.date.clone() else {
            diags.push(Diagnostic::error(
                &source.found.path,
                1,
                1,
                "missing `date`: the source of an announcement needs one (YYYY-MM-DD)",
            ));
            continue;
        };
        let source_lang = source.found.lang.clone();
        let source_hash = source.text_hash.clone();
        let source_changed = source
            .front
            .updated
            .clone()
            .unwrap_or_else(|| source_date.clone());
        let source_front = source.front.clone();
        let default_slug = slug_from_name(&name);
        let bundle = source.found.bundle.clone().map(|dir| {
            let files = assets.remove(&dir).unwrap_or_default();
            (dir, files)
        });
        let translations = files
            .into_iter()
            .map(|f| {
                let is_source = f.found.lang == source_lang;
                let own = f.front;
                let date = own.date.clone().unwrap_or_else(|| source_date.clone());
                let stale = if is_source {
                    None
                } else if let Some(recorded) = &own.source_hash {
                    (recorded != &source_hash).then(|| Staleness::Hash {
                        recorded: recorded.clone(),
                        current: source_hash.clone(),
                    })
                } else {
                    let translated = own.updated.clone().or_else(|| own.date.clone());
                    match translated {
                        Some(t) if t.timestamp >= source_changed.timestamp => None,
                        Some(_) => Some(Staleness::Date),
                        None if source_front.updated.is_some() => Some(Staleness::Date),
                        None => None,
                    }
                };
                Translation {
                    lang: f.found.lang,
                    path: f.found.path,
                    title: own.title,
                    updated: own.updated,
                    summary: own.summary,
                    tags: own
                        .tags
                        .or_else(|| source_front.tags.clone())
                        .unwrap_or_default(),
                    slug_pos: own.slug_pos.unwrap_or((1, 1)),
                    slug: own
                        .slug
                        .or_else(|| source_front.slug.clone())
                        .unwrap_or_else(|| default_slug.clone()),
                    draft: own.draft.or(source_front.draft).unwrap_or(false),
                    extra: own
                        .extra
                        .or_else(|| source_front.extra.clone())
                        .unwrap_or_else(|| serde_json::Value::Object(Default::default())),
                    aliases: own.aliases,
                    aliases_line: own.aliases_line,
                    source_hash: own.source_hash,
                    body: f.body,
                    body_line: f.body_line,
                    text_hash: f.text_hash,
                    scan: f.scan,
                    stale,
                    date,
                }
            })
            .collect();
        announcements.push(Announcement {
            name,
            source_lang,
            bundle,
            translations,
        });
    }
    check_unique_slugs(config, &announcements, diags);
    announcements
}

/// (file that takes a URL second, where it sets its slug, file that had it, slug).
type Collision<'a> = (&'a Path, (usize, usize), &'a Path, &'a str);

fn check_unique_slugs(config: &Config, announcements: &[Announcement], diags: &mut Diagnostics) {
    // (file that takes the URL second, file that had it, slug) → languages where they collide.
    let mut collisions: BTreeMap<Collision, Vec<&str>> = BTreeMap::new();
    for lang in &config.languages {
        let mut seen: BTreeMap<&str, &Translation> = BTreeMap::new();
        for a in announcements {
            // The page in `lang` uses the translation's slug, or the source's on a fallback page.
            let t = a.translation(&lang.code).unwrap_or_else(|| a.source());
            if let Some(first) = seen.insert(&t.slug, t) {
                seen.insert(&t.slug, first);
                // Blame the file that wrote the slug out, if only one did.
                let (culprit, other) = if first.slug_pos != (1, 1) && t.slug_pos == (1, 1) {
                    (first, t)
                } else {
                    (t, first)
                };
                collisions
                    .entry((&culprit.path, culprit.slug_pos, &other.path, &t.slug))
                    .or_default()
                    .push(&lang.code);
            }
        }
    }
    for ((path, (line, col), first, slug), langs) in collisions {
        diags.push(Diagnostic::error(
            path,
            line,
            col,
            format!(
                "slug `{slug}` is already used by {} (in {}); two announcements cannot share a URL",
                first.display(),
                langs.join(", ")
            ),
        ));
    }
}
