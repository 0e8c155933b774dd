//! Finding the files under `content/announcements` and telling what each one is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{front_matter, ANNOUNCEMENTS_DIR};
use crate::config::Config;
use crate::diagnostics::{did_you_mean, display_path, Diagnostic, Diagnostics};
use crate::files::{stamp_of, Stamp};

/// An announcement text found under `content/announcements`.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The announcement's name.
    pub name: String,
    /// Language of the text.
    pub lang: String,
    /// The bundle folder (relative to the site root), for a bundle's `index.<lang>.md`.
    pub bundle: Option<PathBuf>,
    /// Modification time and size, to know whether a cached parse is still good.
    pub stamp: Stamp,
}

/// Everything one walk of `content/announcements` found.
#[derive(Debug, Default)]
pub(super) struct Listing {
    /// The texts, in walk order (sorted by file name).
    pub texts: Vec<Found>,
    /// Each announcement name's text paths.
    pub by_name: BTreeMap<String, Vec<PathBuf>>,
    /// Each bundle folder's other files, with their stamps.
    pub assets: BTreeMap<PathBuf, Vec<(PathBuf, Stamp)>>,
    /// Warnings and errors about the files themselves (names, links, stray files).
    pub diags: Diagnostics,
    /// The site's languages at the time: they decide which files are texts.
    pub languages: SiteLanguages,
}

/// The language codes of a site, in order, and its default language: what decides
/// whether a file name is a text and in which language.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct SiteLanguages {
    codes: Vec<String>,
    default: String,
}

impl SiteLanguages {
    /// The languages of `config`.
    pub fn of(config: &Config) -> SiteLanguages {
        SiteLanguages {
            codes: config.languages.iter().map(|l| l.code.clone()).collect(),
            default: config.default_language.clone(),
        }
    }
}

impl Listing {
    /// Adds a text that a walk would find now (watch mode, instead of walking again).
    pub fn add_text(&mut self, found: Found) {
        let paths = self.by_name.entry(found.name.clone()).or_default();
        if !paths.contains(&found.path) {
            paths.push(found.path.clone());
            self.texts.push(found);
        }
    }

    /// Removes a text that is gone; returns its announcement's name.
    pub fn remove_text(&mut self, path: &Path) -> Option<String> {
        let i = self.texts.iter().position(|f| f.path == path)?;
        let found = self.texts.remove(i);
        if let Some(paths) = self.by_name.get_mut(&found.name) {
            paths.retain(|p| p != path);
            if paths.is_empty() {
                self.by_name.remove(&found.name);
            }
        }
        Some(found.name)
    }

    /// Sets (or, with `None`, removes) a bundle file, kept in the order a walk gives.
    pub fn set_asset(&mut self, bundle: &Path, file: &Path, stamp: Option<Stamp>) {
        let files = self.assets.entry(bundle.to_path_buf()).or_default();
        let at = files.binary_search_by(|(f, _)| f.as_path().cmp(file));
        match (at, stamp) {
            (Ok(i), Some(stamp)) => files[i].1 = stamp,
            (Ok(i), None) => {
                files.remove(i);
            }
            (Err(i), Some(stamp)) => files.insert(i, (file.to_path_buf(), stamp)),
            (Err(_), None) => {}
        }
        if files.is_empty() {
            self.assets.remove(bundle);
        }
    }

    /// Whether the bundle folder `dir` (relative to the site) has a text in this listing.
    pub fn has_bundle(&self, dir: &Path) -> bool {
        self.texts.iter().any(|f| f.bundle.as_deref() == Some(dir))
    }

    /// Whether this listing's walk found `path` (relative to the site) as a text.
    pub fn has_text(&self, path: &Path) -> bool {
        let Ok(inner) = path.strip_prefix(ANNOUNCEMENTS_DIR) else {
            return false;
        };
        match classify_codes(&self.languages, inner) {
            Class::Text { name, .. } => self
                .by_name
                .get(&name)
                .is_some_and(|paths| paths.iter().any(|p| p == path)),
            _ => false,
        }
    }
}

/// Whether a name under `content/announcements` is skipped, like Hugo and Zola skip
/// them: hidden files and folders (`.name`: editors' swap and temporary files,
/// `.DS_Store`), Emacs's `#autosave#` files and `name~` backups.
pub fn ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~')
}

/// Whether a path inside `content/announcements` has an ignored name in it.
pub(super) fn ignored_path(inner: &Path) -> bool {
    inner
        .components()
        .any(|c| ignored_name(&c.as_os_str().to_string_lossy()))
}

/// Walks `content/announcements`.
pub(super) fn discover(config: &Config) -> Listing {
    let root = &config.root;
    let dir = root.join(ANNOUNCEMENTS_DIR);
    let mut listing = Listing {
        languages: SiteLanguages::of(config),
        ..Listing::default()
    };
    if !dir.is_dir() {
        return listing;
    }
    let diags = &mut listing.diags;
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
        let Ok(inner) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        if let Some(kind) = crate::files::special_kind(&entry.file_type()) {
            diags.push(crate::files::not_a_file(&rel, kind));
            continue;
        }
        if entry.file_type().is_dir() {
            // A folder where a text belongs (`name.fr.md/`, a bundle's `index.fr.md/`).
            let name = entry.file_name().to_string_lossy();
            let looks_like_text = name.ends_with(".md")
                && (entry.depth() == 1 || (entry.depth() == 2 && name.starts_with("index.")));
            if looks_like_text {
                diags.push(Diagnostic::file_error(
                    &rel,
                    "this is a folder, not a file: an announcement's text is a file `<name>.<lang>.md`",
                ));
                walker.skip_current_dir();
            }
            continue;
        }
        let stamp = entry.metadata().ok().and_then(|m| stamp_of(&m));
        match classify(config, inner) {
            Class::Text { name, lang, bundle } => {
                listing
                    .by_name
                    .entry(name.clone())
                    .or_default()
                    .push(rel.clone());
                listing.texts.push(Found {
                    path: rel,
                    name,
                    lang,
                    bundle,
                    stamp,
                });
            }
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
                None => listing
                    .assets
                    .entry(bundle)
                    .or_default()
                    .push((file, stamp)),
            },
        }
    }
    listing
}

/// What a file under `content/announcements` is, from its path relative to that folder.
pub(super) enum Class {
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

/// What the file at `inner` (relative to `content/announcements`) is on this site.
pub(super) fn classify(config: &Config, inner: &Path) -> Class {
    classify_codes(&SiteLanguages::of(config), inner)
}

fn classify_codes(langs: &SiteLanguages, inner: &Path) -> Class {
    let parts: Vec<String> = inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let file_name = parts.last().cloned().unwrap_or_default();
    if parts.len() <= 1 {
        return match file_name.strip_suffix(".md") {
            Some(stem) => match split_lang(langs, stem) {
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
        return match split_lang(langs, &file_name[..file_name.len() - 3]) {
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
pub(super) fn unsafe_asset_name(path: &Path) -> Option<&'static str> {
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

/// `name.lang` → (name, lang); a stem with no language suffix is in the default language.
fn split_lang(langs: &SiteLanguages, stem: &str) -> Result<(String, String), String> {
    match stem.rsplit_once('.') {
        Some((name, lang)) => {
            if langs.codes.iter().any(|c| c == lang) {
                Ok((name.to_string(), lang.to_string()))
            } else {
                let close = did_you_mean(lang, langs.codes.iter().map(String::as_str));
                Err(match close {
                    Some(code) => format!(
                        "unknown language suffix `.{lang}`: did you mean `{name}.{code}.md`?"
                    ),
                    None => format!(
                        "unknown language suffix `.{lang}`: the site's languages are {}",
                        langs.codes.join(", ")
                    ),
                })
            }
        }
        None => Ok((stem.to_string(), langs.default.clone())),
    }
}
