//! The search index in watch mode: each language's index is kept between rebuilds and
//! brought up to the new model after the pages are written, so that the bundle is
//! always what a full build of the same input writes.
//!
//! After a rebuild, for each language: the pages the index should hold (the real
//! translations, by announcement name) are compared with what it holds. When they are
//! the same pages in the same order, or the new ones can go where they belong (a
//! fallback page that became a translation has kept its place; a page of a new last
//! announcement goes at the end), only the pages whose bytes changed are given again
//! and the ones that left are emptied; otherwise the language's index is made again from
//! its pages. A language whose index changed is built again by Pagefind; the files that
//! differ from the last written ones are written, and the ones no index has are removed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::files::{self, EntryLanguage, LangFiles};
use super::index::LangIndex;
use super::{each_language, entries, failure, name_order, Entry};
use crate::diagnostics::Diagnostic;
use crate::hash::bytes_hash;
use crate::plan::{Job, Page, Work};
use crate::render::{Content, Renderer};
use crate::site::Site;

/// A language's files, as last built: paths (relative to the output) with hashes.
#[derive(Debug, Clone, Default)]
struct Built {
    files: Vec<(PathBuf, u64)>,
    entry: Option<EntryLanguage>,
}

/// The indexes of a site being watched, and the bundle files last written.
pub struct SearchState {
    /// Per configured language, its index.
    langs: Vec<LangIndex>,
    /// Per configured language, its files as last built.
    built: Vec<Built>,
    /// Every file of the bundle last written, with a hash of its bytes.
    written: BTreeMap<PathBuf, u64>,
}

/// What bringing the indexes up to date gave.
#[derive(Debug, Default)]
pub struct Update {
    /// Bundle files to write (relative to the output folder).
    pub write: Vec<(PathBuf, Vec<u8>)>,
    /// Bundle files no index has any more.
    pub remove: Vec<PathBuf>,
    /// Languages whose index Pagefind built again.
    pub languages: usize,
    /// Of those, languages whose index was made again from all its pages.
    pub remade: usize,
}

fn hashed(lang: &LangFiles) -> Built {
    Built {
        files: lang
            .files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes_hash(bytes)))
            .collect(),
        entry: lang.entry.clone(),
    }
}

/// What one language's update gave.
struct LangUpdate {
    files: Option<LangFiles>,
    remade: bool,
}

impl SearchState {
    /// The state a full build leaves: its indexes (in configuration order) and files.
    pub(super) fn new(langs: Vec<LangIndex>, files: &[(String, LangFiles)]) -> SearchState {
        SearchState {
            langs,
            built: files.iter().map(|(_, f)| hashed(f)).collect(),
            written: BTreeMap::new(),
        }
    }

    /// The same state, having written these files.
    pub(super) fn written(mut self, files: &[(PathBuf, Vec<u8>)]) -> SearchState {
        self.written = files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes_hash(bytes)))
            .collect();
        self
    }

    /// Brings every language's index up to the model `site`, whose pages `renderer`
    /// renders; `rendered` holds the bytes of the pages this rebuild rendered again.
    /// Returns the bundle files to write and to remove (the state assumes they are).
    pub fn update(
        &mut self,
        site: &Site,
        renderer: &Renderer,
        rendered: &HashMap<&Path, &[u8]>,
    ) -> Result<Update, Vec<Diagnostic>> {
        let order = name_order(site);
        let slots: Vec<std::sync::Mutex<&mut LangIndex>> =
            self.langs.iter_mut().map(std::sync::Mutex::new).collect();
        let results: Vec<Result<LangUpdate, Diagnostic>> = each_language(slots.len(), |l| {
            let mut index = slots[l].lock().unwrap_or_else(|p| p.into_inner());
            let entries = entries(site, &order, l);
            update_language(&mut index, l, &entries, renderer, rendered).map_err(failure)
        });
        drop(slots);
        let mut update = Update::default();
        let mut errors = Vec::new();
        let mut fresh: Vec<(usize, LangFiles)> = Vec::new();
        for (l, result) in results.into_iter().enumerate() {
            match result {
                Ok(LangUpdate { files, remade }) => {
                    if let Some(files) = files {
                        update.languages += 1;
                        update.remade += usize::from(remade);
                        self.built[l] = hashed(&files);
                        fresh.push((l, files));
                    }
                }
                Err(d) => errors.push(d),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if fresh.is_empty() {
            return Ok(update);
        }
        // The bundle as a full build would write it now.
        let entry = files::entry_file(
            self.langs
                .iter()
                .zip(&self.built)
                .filter_map(|(index, built)| built.entry.as_ref().map(|e| (index.language(), e))),
        )
        .map_err(|e| vec![failure(e)])?;
        let shared = files::shared_files().map_err(|e| vec![failure(e)])?;
        let mut now: BTreeMap<PathBuf, u64> = BTreeMap::new();
        for (path, bytes) in shared {
            now.insert(path.clone(), bytes_hash(bytes));
        }
        now.insert(entry.0.clone(), bytes_hash(&entry.1));
        for built in &self.built {
            now.extend(built.files.iter().cloned());
        }
        let mut candidates: Vec<(PathBuf, Vec<u8>)> = vec![entry];
        for (_, files) in fresh {
            candidates.extend(files.files);
        }
        for (path, bytes) in candidates {
            if self.written.get(&path) != Some(&bytes_hash(&bytes)) {
                update.write.push((path, bytes));
            }
        }
        for (path, bytes) in shared {
            if !self.written.contains_key(path) {
                update.write.push((path.clone(), bytes.clone()));
            }
        }
        update.remove = self
            .written
            .keys()
            .filter(|path| !now.contains_key(*path))
            .cloned()
            .collect();
        self.written = now;
        Ok(update)
    }
}

/// The bytes of an entry's page: rendered by this rebuild, else rendered now.
fn page_html(
    l: usize,
    entry: &Entry,
    renderer: &Renderer,
    rendered: &HashMap<&Path, &[u8]>,
) -> Result<String, String> {
    if let Some(bytes) = rendered.get(entry.file.as_path()) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let job = Job {
        file: entry.file.clone(),
        work: Work::Render(Page::Announcement { l, a: entry.id }),
    };
    match renderer.produce(&job) {
        Ok((Content::Bytes(bytes), _)) => Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
        Ok(_) => Ok(String::new()),
        Err(d) => Err(d.to_string()),
    }
}

/// Brings language `l`'s index up to `entries`: its built files when it changed.
fn update_language(
    index: &mut LangIndex,
    l: usize,
    entries: &[Entry],
    renderer: &Renderer,
    rendered: &HashMap<&Path, &[u8]>,
) -> Result<LangUpdate, String> {
    let wanted: Vec<&str> = entries
        .iter()
        .filter(|e| e.live)
        .map(|e| e.url.as_str())
        .collect();
    let wanted_set: HashSet<&str> = wanted.iter().copied().collect();
    // The order the pages would have if the index were only updated.
    let mut would: Vec<&str> = index
        .slots()
        .map(|(url, _)| url)
        .filter(|url| wanted_set.contains(url))
        .collect();
    would.extend(wanted.iter().copied().filter(|url| !index.has(url)));
    let mut changed = false;
    let remade = would != wanted;
    if remade {
        let mut fresh = LangIndex::new(index.language())?;
        fresh.add_all(entries.iter().map(|e| {
            if e.live {
                page_html(l, e, renderer, rendered).map(|html| (e.url.clone(), Some(html)))
            } else {
                Ok((e.url.clone(), None))
            }
        }))?;
        *index = fresh;
        changed = true;
    } else {
        let leaving: Vec<String> = index
            .slots()
            .filter(|(url, live)| *live && !wanted_set.contains(url))
            .map(|(url, _)| url.to_string())
            .collect();
        for url in leaving {
            index.remove(&url)?;
            changed = true;
        }
        let mut appended: Vec<(String, Option<String>)> = Vec::new();
        for e in entries {
            let has = index.has(&e.url);
            if !e.live {
                if !has {
                    // A place for a fallback page that may be translated later.
                    appended.push((e.url.clone(), None));
                }
                continue;
            }
            let needed = rendered.contains_key(e.file.as_path()) || !index.is_live(&e.url);
            if needed {
                let html = page_html(l, e, renderer, rendered)?;
                if has {
                    changed |= index.add(&e.url, html)?;
                } else {
                    // (Flushed first: the placeholders before it keep their order.)
                    index.add_all(std::mem::take(&mut appended).into_iter().map(Ok))?;
                    index.add_all(std::iter::once(Ok((e.url.clone(), Some(html)))))?;
                    changed = true;
                }
            }
        }
        index.add_all(appended.into_iter().map(Ok))?;
    }
    if !changed {
        return Ok(LangUpdate {
            files: None,
            remade,
        });
    }
    let built = index.files()?;
    let files = files::split(index.language(), built)?;
    Ok(LangUpdate {
        files: Some(files),
        remade,
    })
}
