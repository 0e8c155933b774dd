//! The files of the search bundle (`pagefind/`): Pagefind's scripts, shared by every
//! language, each language's index, and one entry file that lists the languages.
//!
//! Each language has an index of its own (see [`super::index`]); what Pagefind gives
//! for it is split here into the language's own files and the shared ones, and the
//! entry file is written for all of them at once.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use pagefind::api::SyntheticFile;
use serde::{Deserialize, Serialize};

use crate::urls::SEARCH_BUNDLE;

/// The file through which Pagefind's script finds the languages and their indexes.
const ENTRY: &str = "pagefind-entry.json";

/// A language's line in the entry file, as Pagefind writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

/// The entry file, in Pagefind's field order.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

/// What one language's index gives: its own files (relative to the output folder) and
/// its line in the entry file (`None` when no page of the language has words).
#[derive(Debug, Clone, Default)]
pub struct LangFiles {
    /// The index's files, with their bytes.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Its line in the entry file.
    pub entry: Option<EntryLanguage>,
}

/// Whether a file Pagefind gives (relative to the bundle) belongs to one language: its
/// metadata, word and filter indexes, fragments and stemmer. The others (the scripts,
/// the style sheets, the generic stemmer, the entry file) are the same for every index.
fn is_language_file(file: &std::path::Path) -> bool {
    let name = file.to_string_lossy();
    name.starts_with("fragment/")
        || name.starts_with("index/")
        || name.starts_with("filter/")
        || name.ends_with(".pf_meta")
        || (name.starts_with("wasm.") && name != "wasm.unknown.pagefind")
}

/// The output path of a file of the bundle.
fn in_bundle(file: &std::path::Path) -> PathBuf {
    PathBuf::from(SEARCH_BUNDLE).join(file)
}

/// Splits what Pagefind gave for the index of `language` into that language's files and
/// its entry line (the shared files are left out: see [`shared`]).
pub fn split(language: &str, files: Vec<SyntheticFile>) -> Result<LangFiles, String> {
    let mut out = LangFiles::default();
    for file in files {
        if file.filename == std::path::Path::new(ENTRY) {
            let entry: Entry = serde_json::from_slice(&file.contents)
                .map_err(|e| format!("cannot read Pagefind's {ENTRY}: {e}"))?;
            out.entry = entry.languages.get(language).cloned();
        } else if is_language_file(&file.filename) {
            out.files.push((in_bundle(&file.filename), file.contents));
        }
    }
    out.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The shared files (scripts, style sheets, the generic stemmer) and the entry file's
/// version and word characters, made once per process from an empty index.
struct Shared {
    files: Vec<(PathBuf, Vec<u8>)>,
    version: String,
    include_characters: Vec<char>,
}

fn make_shared() -> Result<Shared, String> {
    let mut empty = super::index::LangIndex::new("und")?;
    let mut shared = Shared {
        files: Vec::new(),
        version: String::new(),
        include_characters: Vec::new(),
    };
    for file in empty.files()? {
        if file.filename == std::path::Path::new(ENTRY) {
            let entry: Entry = serde_json::from_slice(&file.contents)
                .map_err(|e| format!("cannot read Pagefind's {ENTRY}: {e}"))?;
            shared.version = entry.version;
            shared.include_characters = entry.include_characters;
        } else if !is_language_file(&file.filename) {
            shared
                .files
                .push((in_bundle(&file.filename), file.contents));
        }
    }
    shared.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(shared)
}

fn shared() -> Result<&'static Shared, String> {
    static SHARED: OnceLock<Result<Shared, String>> = OnceLock::new();
    SHARED
        .get_or_init(make_shared)
        .as_ref()
        .map_err(Clone::clone)
}

/// The files every bundle has: Pagefind's scripts, style sheets and generic stemmer.
pub fn shared_files() -> Result<&'static [(PathBuf, Vec<u8>)], String> {
    Ok(&shared()?.files)
}

/// The entry file listing these languages' indexes, and its path.
pub fn entry_file<'a>(
    languages: impl Iterator<Item = (&'a str, &'a EntryLanguage)>,
) -> Result<(PathBuf, Vec<u8>), String> {
    let shared = shared()?;
    let entry = Entry {
        version: shared.version.clone(),
        languages: languages
            .map(|(code, line)| (code.to_string(), line.clone()))
            .collect(),
        include_characters: shared.include_characters.clone(),
    };
    let bytes = serde_json::to_vec(&entry).map_err(|e| format!("cannot write {ENTRY}: {e}"))?;
    Ok((in_bundle(std::path::Path::new(ENTRY)), bytes))
}

/// Every file of the bundle made of these languages' indexes (language as Pagefind names
/// it, and its files), sorted by path.
pub fn bundle(langs: Vec<(String, LangFiles)>) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = shared_files()?.to_vec();
    files.push(entry_file(langs.iter().filter_map(|(code, l)| {
        l.entry.as_ref().map(|e| (code.as_str(), e))
    }))?);
    for (_, lang) in langs {
        files.extend(lang.files);
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}
