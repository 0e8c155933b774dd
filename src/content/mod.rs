//! Announcements as the files say them: finding the files ([`discover`]), parsing each
//! one ([`parse`]), grouping translations with inheritance from the source and stale
//! detection ([`group`]). [`Cache`] keeps parses and groups between watch-mode loads.

mod body;
mod cache;
mod discover;
pub mod front_matter;
mod group;
mod parse;
mod schedule;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostics::Diagnostics;
use crate::files::Stamp;

pub use body::{Body, CHANGED_WHILE_BUILT};
pub use cache::Cache;
pub use discover::ignored_name;
pub(crate) use group::stale_warnings;
pub use parse::{text_hash, MAX_FILE_BYTES};
pub(crate) use schedule::{crosses, next_change};

/// The folder, relative to the site root, that holds announcements.
pub const ANNOUNCEMENTS_DIR: &str = "content/announcements";

/// An announcement's identity for watch mode: the same name keeps its id for as long as
/// the [`Cache`] lives, whatever else changes.
pub type AnnId = u32;
/// A tag's identity, like [`AnnId`].
pub type TagId = u32;

/// Why a translation is out of date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Staleness {
    /// `source_hash` no longer matches the source text.
    Hash {
        /// The hash the translation recorded.
        recorded: String,
        /// The source's hash now.
        current: String,
    },
    /// The source was updated after the translation.
    Date {
        /// When the source last changed (its `updated`, else its `date`).
        source: Date,
        /// The translation's own `updated`, else its own `date`, if it has either.
        translated: Option<Date>,
    },
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
    /// The same tags as interned ids, for watch mode's records.
    pub tag_ids: Vec<TagId>,
    /// Its kind (own, inherited, or site.yaml's default); `None` when the site has no kinds.
    pub kind: Option<crate::config::KindId>,
    /// URL segment (own, inherited, or from the name).
    pub slug: String,
    /// Where this file sets its slug (1:1 when inherited or derived).
    pub slug_pos: (usize, usize),
    /// Draft flag (own or inherited).
    pub draft: bool,
    /// Whether its page shows a table of contents (own or inherited `toc:`).
    pub toc: bool,
    /// Extra values (own or inherited).
    pub extra: serde_json::Value,
    /// Old URLs that redirect here (paths from the site root, no leading `/`).
    pub aliases: Vec<String>,
    /// Line of the `aliases:` key, for collision errors.
    pub aliases_line: usize,
    /// The recorded source hash, if any.
    pub source_hash: Option<String>,
    /// Markdown body (shared with the watch-mode cache; in a build that loads once,
    /// read again from the file when a page shows it).
    pub body: Body,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// Hash of this file's text (used as `source_hash` by translations of it).
    pub text_hash: String,
    /// The body's summary and `@/` links, read once.
    pub scan: Arc<crate::markdown::Scan>,
    /// The ids of the announcements its `@/` links name, in the order of `scan.links`.
    pub link_ids: Vec<AnnId>,
    /// Set when this translation is out of date with its source.
    pub stale: Option<Staleness>,
    /// Its share image (own or inherited).
    pub image: Option<Image>,
    /// Its front matter says, with a `# herald: same` line, that its text is the
    /// source's on purpose.
    pub same_on_purpose: bool,
    /// Its newsroom fields: change notes, withdrawal, pinned, urgent, closing and
    /// expiry dates (own or inherited; notes and reasons fall back like the body).
    pub life: crate::lifecycle::Lifecycle,
}

/// A translation's share image (`image:`), and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Image {
    /// A bundle file, a path from the site root or an http(s) URL, as written.
    pub src: String,
    /// Its text alternative, if written (else the page's title).
    pub alt: Option<String>,
    /// The file that sets it (the source's, when inherited).
    pub path: PathBuf,
    /// The line of its `image:` key there.
    pub line: usize,
}

impl Image {
    /// Whether `src` names a file of the announcement's bundle.
    pub fn in_bundle(&self) -> bool {
        !self.src.starts_with('/') && !self.src.contains("://")
    }
}

impl Translation {
    /// The summary lists and feeds show: the author's, else the first paragraph.
    pub fn summary_text(&self) -> &str {
        self.summary.as_deref().unwrap_or(&self.scan.summary)
    }

    /// The date that says when this version last changed: `updated` (which counts its
    /// change notes), or its withdrawal if later; else `date`.
    pub fn changed(&self) -> &Date {
        let updated = self.updated.as_ref().unwrap_or(&self.date);
        match &self.life.withdrawn {
            Some(w) if w.date.timestamp > updated.timestamp => &w.date,
            _ => updated,
        }
    }
}

/// A bundle's folder and the files in it besides its texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// The folder, relative to the site root.
    pub dir: PathBuf,
    /// Its other files, relative to the folder, with their stamps when listed.
    pub files: Vec<(PathBuf, Stamp)>,
    /// The sizes of its images, by `/`-separated path in the folder.
    pub sizes: std::collections::BTreeMap<String, crate::images::Size>,
}

impl Bundle {
    /// The bundle's files as language `code`'s pages get them, by their `/`-separated
    /// output name: a file with that language's suffix (`map.fr.png`) takes the place of
    /// the shared one (`map.png`); other languages' files are not among them.
    pub fn files_for<'a>(
        &'a self,
        code: &str,
        codes: &[&str],
    ) -> Vec<(String, &'a PathBuf, Stamp)> {
        let mut out: std::collections::BTreeMap<String, (&PathBuf, Stamp)> =
            std::collections::BTreeMap::new();
        for (file, stamp) in &self.files {
            let name = crate::files::slash_path(file);
            match language_variant(&name, codes) {
                Some((shared, lang)) if lang == code => {
                    out.insert(shared, (file, *stamp));
                }
                Some(_) => {}
                None => {
                    out.entry(name).or_insert((file, *stamp));
                }
            }
        }
        out.into_iter()
            .map(|(name, (file, stamp))| (name, file, stamp))
            .collect()
    }

    /// The file (`/`-separated) that language `code`'s pages show as `name`: its
    /// language variant when there is one.
    pub fn file_in(&self, name: &str, code: &str) -> String {
        let variant = variant_name(name, code);
        if self.sizes.contains_key(&variant)
            || self
                .files
                .iter()
                .any(|(f, _)| crate::files::slash_path(f) == variant)
        {
            variant
        } else {
            name.to_string()
        }
    }
}

/// A `/`-separated path as its folder (with the `/`) and file name.
fn split_folder(name: &str) -> (&str, &str) {
    match name.rfind('/') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => ("", name),
    }
}

/// `map.png` in language `code`: `map.<code>.png` (`map.<code>` without an extension).
pub fn variant_name(name: &str, code: &str) -> String {
    let (dir, file) = split_folder(name);
    match file.rfind('.') {
        Some(i) if i > 0 => format!("{dir}{}.{code}{}", &file[..i], &file[i..]),
        _ => format!("{dir}{file}.{code}"),
    }
}

/// The shared name and the language of a language variant of a bundle file
/// (`map.fr.png` → `map.png`, `fr`), when its suffix is one of `codes`.
pub fn language_variant(name: &str, codes: &[&str]) -> Option<(String, String)> {
    let (dir, file) = split_folder(name);
    let parts: Vec<&str> = file.split('.').collect();
    // name.code.ext, or name.code
    let (stem_end, code) = match parts.len() {
        n if n >= 3 && codes.contains(&parts[n - 2]) => (n - 2, parts[n - 2]),
        n if n == 2 && codes.contains(&parts[1]) => (1, parts[1]),
        _ => return None,
    };
    let mut shared = parts[..stem_end].join(".");
    if stem_end == parts.len() - 2 {
        shared.push('.');
        shared.push_str(parts[parts.len() - 1]);
    }
    if shared.is_empty() || shared.starts_with('.') {
        return None;
    }
    Some((format!("{dir}{shared}"), code.to_string()))
}

/// One announcement: every language version of one `<name>`.
#[derive(Debug, Clone)]
pub struct Announcement {
    /// Stable identity (see [`AnnId`]).
    pub id: AnnId,
    /// The shared file name (`2015-10-30-icann-oas`).
    pub name: String,
    /// Language of the source version.
    pub source_lang: String,
    /// The bundle, for a bundle announcement.
    pub bundle: Option<Bundle>,
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

    /// The URL segment of this announcement in `lang`: its translation's slug, else its source's.
    pub fn slug_in(&self, lang: &str) -> &str {
        &self.translation(lang).unwrap_or_else(|| self.source()).slug
    }
}

/// Interned names: each distinct string gets a small number that stays the same for
/// as long as the table lives.
#[derive(Debug, Default, Clone)]
pub struct Names {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Names {
    /// The id of `name`, given a new one if it has none yet.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    /// The id of `name`, if it has one.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// The name with this id.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// How many ids were given.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no id was given yet.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Reads every announcement of the site.
pub fn load(config: &Config) -> (Vec<Arc<Announcement>>, Diagnostics) {
    Cache::default().load(config)
}

/// The site's announcements for a command that reads them without building (`status`,
/// `diff`, `export`, `import`): the errors loading gave, if any, else the announcements
/// (warnings are `check`'s to show).
pub fn load_or_errors(
    config: &Config,
) -> Result<Vec<Arc<Announcement>>, Vec<crate::diagnostics::Diagnostic>> {
    let (announcements, diags) = load(config);
    let errors: Vec<_> = diags
        .sorted()
        .into_iter()
        .filter(crate::diagnostics::Diagnostic::is_error)
        .collect();
    if errors.is_empty() {
        Ok(announcements)
    } else {
        Err(errors)
    }
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
