//! What a load keeps for the next one (watch mode): each file's parse, checked by its
//! modification time and size; each announcement's group, reused while its files'
//! parses are the same; and the last listing of `content/announcements`, reused when
//! the only changes are edits of texts it already had.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::discover::{discover, ignored_path, Class, Found, Listing, SiteLanguages};
use super::group::{check_unique_slugs, group};
use super::parse::{parse_file, Parsed};
use super::{Announcement, Names, ANNOUNCEMENTS_DIR};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::{stamp_of, Stamp};

/// A parse result with the stamp it was made at.
type CachedParse = (Stamp, Result<Arc<Parsed>, Vec<Diagnostic>>);

/// One announcement name's group, with the parses and bundle files it was made from.
struct Group {
    inputs: Vec<Arc<Parsed>>,
    assets: Option<Vec<(PathBuf, Stamp)>>,
    result: Option<Arc<Announcement>>,
    diags: Diagnostics,
    /// What the slug check reads of it.
    slugs: SlugKey,
    /// Its tags, in every translation (drafts too), each once.
    tags: Vec<super::TagId>,
}

/// What [`check_unique_slugs`] reads of an announcement: per language, the slug its
/// page has there, the file it comes from and where that file sets it.
type SlugKey = Vec<(String, PathBuf, (usize, usize))>;

fn slug_key(config: &Config, a: Option<&Arc<Announcement>>) -> SlugKey {
    let Some(a) = a else { return Vec::new() };
    config
        .languages
        .iter()
        .map(|lang| {
            let t = a.translation(&lang.code).unwrap_or_else(|| a.source());
            (t.slug.clone(), t.path.clone(), t.slug_pos)
        })
        .collect()
}

fn tags_of(a: Option<&Arc<Announcement>>) -> Vec<super::TagId> {
    let mut tags: Vec<super::TagId> = a
        .into_iter()
        .flat_map(|a| {
            a.translations
                .iter()
                .flat_map(|t| t.tag_ids.iter().copied())
        })
        .collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

impl Group {
    fn made_from(&self, inputs: &[Arc<Parsed>], assets: Option<&Vec<(PathBuf, Stamp)>>) -> bool {
        self.inputs.len() == inputs.len()
            && self
                .inputs
                .iter()
                .zip(inputs)
                .all(|(a, b)| Arc::ptr_eq(a, b))
            && self.assets.as_ref() == assets
    }
}

/// Parses, groups and the last listing, kept between loads; also the tables that give
/// announcements and tags their stable ids.
#[derive(Default)]
pub struct Cache {
    files: HashMap<PathBuf, CachedParse>,
    /// Listed texts whose parse failed, with the errors.
    errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    listing: Option<Listing>,
    /// Set by [`Cache::edited`]: the next load may reuse `listing`.
    listing_good: bool,
    /// Names whose texts were read again since the last load.
    reread_names: BTreeSet<String>,
    groups: BTreeMap<String, Group>,
    /// The languages the groups were made for.
    languages: SiteLanguages,
    /// The kinds and default kind the groups were made for.
    kinds: (Vec<String>, Option<crate::config::KindId>),
    /// Announcement ids by name.
    names: Names,
    /// Tag ids by tag.
    tags: Names,
    /// How many groups have each tag (by id).
    tag_uses: Vec<u32>,
    /// The slug check's errors, while no group's [`SlugKey`] changes.
    slug_diags: Option<Diagnostics>,
    /// The sizes of bundle images, read once per file.
    sizes: crate::images::SizeCache,
    /// Set by [`Cache::shed`]: each text read and the stamp it was read with, all that
    /// is kept of `files` then.
    read_stamps: Option<Vec<(PathBuf, Stamp)>>,
    /// Set by [`Cache::bodies_on_disk`]: bodies are read again from their files.
    bodies_on_disk: bool,
}

/// What one changed path is, for a load that does not walk again.
enum Reread {
    /// A text of the last listing, to read again.
    Text,
    /// A new text a walk would find now.
    NewText(Found),
    /// A text of the last listing that is gone.
    Deleted,
    /// A bundle file that is new, changed (with its stamp) or gone (`None`).
    Asset {
        bundle: PathBuf,
        file: PathBuf,
        stamp: Option<Stamp>,
    },
    /// A path herald does not read, or one that came and went.
    Ignored,
    /// Anything else: only a new listing can tell what it changed.
    Unknown,
}

impl Cache {
    /// The texts of the last load (relative to the site) that changed since they were
    /// read: saves that came while the site was built.
    pub fn changed_since_read(&self, root: &Path) -> Vec<PathBuf> {
        let changed = |(path, read): (&PathBuf, Stamp)| {
            let now = std::fs::symlink_metadata(root.join(path))
                .ok()
                .and_then(|m| stamp_of(&m));
            (now != read).then(|| path.clone())
        };
        let mut changed: Vec<PathBuf> = match &self.read_stamps {
            Some(stamps) => stamps
                .par_iter()
                .filter_map(|(path, read)| changed((path, *read)))
                .collect(),
            None => self
                .files
                .par_iter()
                .filter_map(|(path, (_, parsed))| {
                    changed((path, parsed.as_ref().ok()?.found.stamp))
                })
                .collect(),
        };
        changed.sort();
        changed
    }

    /// Lets go of the parsed texts and groups (the model keeps what it uses of them),
    /// keeping only what [`Cache::changed_since_read`] needs: for a build that loads
    /// once (`herald build`), whose peak memory is then lower. A load after it reads
    /// every file again.
    pub fn shed(&mut self) {
        let stamps = self
            .files
            .iter()
            .filter_map(|(path, (_, parsed))| {
                Some((path.clone(), parsed.as_ref().ok()?.found.stamp))
            })
            .collect();
        self.read_stamps = Some(stamps);
        let files = std::mem::take(&mut self.files);
        let groups = std::mem::take(&mut self.groups);
        let listing = self.listing.take();
        self.errors = BTreeMap::new();
        // Freed beside the build, not before it.
        std::thread::spawn(move || drop((files, groups, listing)));
    }

    /// Keeps no body in memory from now on: each is read again from its file when a
    /// page shows it (a build that loads once, whose peak memory is then its model
    /// without the texts).
    pub fn bodies_on_disk(&mut self) {
        self.bodies_on_disk = true;
    }

    /// The tags any announcement has (in any translation, drafts and scheduled ones too).
    pub fn tags_in_use(&self) -> BTreeSet<&str> {
        self.tag_uses
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(id, _)| self.tags.name(id as super::TagId))
            .collect()
    }

    fn count_tags(&mut self, tags: &[super::TagId], by: i64) {
        for &id in tags {
            let id = id as usize;
            if self.tag_uses.len() <= id {
                self.tag_uses.resize(id + 1, 0);
            }
            self.tag_uses[id] = (i64::from(self.tag_uses[id]) + by).max(0) as u32;
        }
    }

    fn drop_group(&mut self, name: &str) {
        if let Some(old) = self.groups.remove(name) {
            self.count_tags(&old.tags, -1);
            self.slug_diags = None;
        }
    }

    /// Forgets a file (relative to the site), so it is read again even if its
    /// modification time looks unchanged (two saves within one clock tick).
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }

    /// The next load lists `content/announcements` again.
    pub fn list_again(&mut self) {
        self.listing_good = false;
    }

    /// Watch mode's cheaper load: when every changed path (relative to the site) is an
    /// editor's leftover, a file that came and went, or a text of the last listing that
    /// is still a regular file, reads those texts again and returns true — the next load
    /// reuses the listing instead of walking `content/announcements`. Anything else (a
    /// new, deleted or bundle file, a folder, a link, another folder of the site)
    /// returns false and the next load walks again.
    pub fn edited(&mut self, config: &Config, changed: &[PathBuf]) -> bool {
        self.listing_good = false;
        let Some(listing) = &self.listing else {
            return false;
        };
        // Many changes at once (a checkout, a copy): listing again costs less than
        // looking each one up.
        if listing.languages != SiteLanguages::of(config) || changed.len() > 64 {
            return false;
        }
        let mut todo = Vec::new();
        for path in changed {
            match self.classify_change(config, path) {
                Reread::Ignored => {}
                Reread::Unknown => return false,
                change => todo.push((path, change)),
            }
        }
        for (path, change) in todo {
            self.apply_change(config, path, change);
        }
        self.listing_good = true;
        true
    }

    /// Updates the listing and the parses for one change found by `classify_change`.
    fn apply_change(&mut self, config: &Config, path: &Path, change: Reread) {
        let Some(listing) = self.listing.as_mut() else {
            return;
        };
        match change {
            Reread::NewText(found) => {
                listing.add_text(found);
                self.reread(config, path);
            }
            Reread::Deleted => {
                if let Some(name) = listing.remove_text(path) {
                    self.reread_names.insert(name);
                }
                self.files.remove(path);
                self.errors.remove(path);
            }
            Reread::Asset {
                bundle,
                file,
                stamp,
            } => {
                listing.set_asset(&bundle, &file, stamp);
                if let Some(name) = bundle.file_name() {
                    self.reread_names.insert(name.to_string_lossy().to_string());
                }
            }
            Reread::Text => self.reread(config, path),
            Reread::Ignored | Reread::Unknown => {}
        }
    }

    fn classify_change(&self, config: &Config, path: &Path) -> Reread {
        let (Some(listing), Ok(inner)) = (&self.listing, path.strip_prefix(ANNOUNCEMENTS_DIR))
        else {
            return Reread::Unknown;
        };
        if ignored_path(inner) {
            return Reread::Ignored;
        }
        let meta = std::fs::symlink_metadata(config.root.join(path));
        let known = listing.has_text(path);
        match (&meta, super::discover::classify(config, inner)) {
            (Ok(meta), _) if meta.is_file() && known => Reread::Text,
            (Ok(meta), Class::Text { name, lang, bundle }) if meta.is_file() => {
                // A new flat text, or a new text of a bundle this listing has.
                if bundle.as_ref().is_some_and(|dir| !listing.has_bundle(dir)) {
                    return Reread::Unknown;
                }
                Reread::NewText(Found {
                    path: path.to_path_buf(),
                    name,
                    lang,
                    bundle,
                    stamp: stamp_of(meta),
                })
            }
            (Ok(meta), Class::Asset { bundle, file })
                if meta.is_file()
                    && listing.has_bundle(&bundle)
                    && super::discover::unsafe_asset_name(&file).is_none() =>
            {
                Reread::Asset {
                    bundle,
                    file,
                    stamp: Some(stamp_of(meta)),
                }
            }
            (Err(e), class) if e.kind() == std::io::ErrorKind::NotFound => {
                if known {
                    return Reread::Deleted;
                }
                // A folder that went, or a file the listing warned about: walk again.
                let under = |p: &Path| p.starts_with(path) && p != path;
                if listing.diags.mentions(path)
                    || listing.texts.iter().any(|f| under(&f.path))
                    || listing.assets.keys().any(|dir| dir.starts_with(path))
                {
                    return Reread::Unknown;
                }
                match class {
                    Class::Asset { bundle, file }
                        if listing
                            .assets
                            .get(&bundle)
                            .is_some_and(|files| files.iter().any(|(f, _)| *f == file)) =>
                    {
                        Reread::Asset {
                            bundle,
                            file,
                            stamp: None,
                        }
                    }
                    // Gone, and the last listing neither had it nor warned about it: it
                    // came and went between two listings (an editor's temporary file).
                    _ => Reread::Ignored,
                }
            }
            _ => Reread::Unknown,
        }
    }

    /// Reads a text of the last listing again and keeps its parse.
    fn reread(&mut self, config: &Config, path: &Path) {
        let Some(found) = self
            .listing
            .as_ref()
            .and_then(|l| l.texts.iter().find(|f| f.path == path))
            .cloned()
        else {
            return;
        };
        let stamp = std::fs::symlink_metadata(config.root.join(path))
            .ok()
            .and_then(|m| stamp_of(&m));
        let found = Found { stamp, ..found };
        self.reread_names.insert(found.name.clone());
        let parsed = parse_file(&config.root, found, !self.bodies_on_disk).map(Arc::new);
        match &parsed {
            Ok(_) => self.errors.remove(path),
            Err(e) => self.errors.insert(path.to_path_buf(), e.clone()),
        };
        self.files.insert(path.to_path_buf(), (stamp, parsed));
    }

    /// Reads every announcement of the site, reading again only the files whose stamp
    /// changed and grouping again only the names whose files changed.
    pub fn load(&mut self, config: &Config) -> (Vec<Arc<Announcement>>, Diagnostics) {
        // The stamps of a shed cache are those of the texts it let go of.
        self.read_stamps = None;
        let languages = SiteLanguages::of(config);
        let kinds = (config.kinds.clone(), config.default_kind);
        if languages != self.languages || kinds != self.kinds {
            self.groups.clear();
            self.tag_uses.clear();
            self.slug_diags = None;
            self.languages = languages;
            self.kinds = kinds;
            self.listing_good = false;
        }
        let reuse = std::mem::take(&mut self.listing_good) && self.listing.is_some();
        let regroup: Vec<String> = if reuse {
            std::mem::take(&mut self.reread_names).into_iter().collect()
        } else {
            self.reread_names.clear();
            self.list(config);
            self.listing
                .as_ref()
                .map(|l| l.by_name.keys().cloned().collect())
                .unwrap_or_default()
        };
        // The listing is set aside while the groups change.
        let Some(listing) = self.listing.take() else {
            return (Vec::new(), Diagnostics::new());
        };
        for name in regroup {
            let inputs: Vec<Arc<Parsed>> = listing
                .by_name
                .get(&name)
                .into_iter()
                .flatten()
                .filter_map(|path| match self.files.get(path) {
                    Some((_, Ok(p))) => Some(p.clone()),
                    _ => None,
                })
                .collect();
            let assets = listing
                .assets
                .get(&Path::new(ANNOUNCEMENTS_DIR).join(&name));
            if inputs.is_empty() {
                self.drop_group(&name);
                continue;
            }
            if self
                .groups
                .get(&name)
                .is_some_and(|g| g.made_from(&inputs, assets))
            {
                continue;
            }
            let mut diags = Diagnostics::new();
            let result = group(
                config,
                &name,
                inputs.iter().map(Arc::as_ref).collect(),
                assets,
                (&mut self.names, &mut self.tags),
                &mut self.sizes,
                &mut diags,
            );
            let group = Group {
                slugs: slug_key(config, result.as_ref()),
                tags: tags_of(result.as_ref()),
                inputs,
                assets: assets.cloned(),
                result,
                diags,
            };
            self.count_tags(&group.tags, 1);
            let slugs = group.slugs.clone();
            match self.groups.insert(name, group) {
                Some(old) => {
                    self.count_tags(&old.tags, -1);
                    if old.slugs != slugs {
                        self.slug_diags = None;
                    }
                }
                None => self.slug_diags = None,
            }
        }
        if !reuse {
            // Names the listing no longer has.
            let gone: Vec<String> = self
                .groups
                .keys()
                .filter(|name| !listing.by_name.contains_key(*name))
                .cloned()
                .collect();
            for name in gone {
                self.drop_group(&name);
            }
        }
        self.listing = Some(listing);
        let Some(listing) = &self.listing else {
            return (Vec::new(), Diagnostics::new());
        };
        let mut diags = listing.diags.clone();
        for (path, errors) in &self.errors {
            // A file caught in the middle of a save (truncated, not yet written) is not
            // broken: it changed since it was read (the next load reads it again).
            let read = self.files.get(path).and_then(|(stamp, _)| *stamp);
            let now = std::fs::symlink_metadata(config.root.join(path))
                .ok()
                .and_then(|m| stamp_of(&m));
            if now != read {
                diags.push(Diagnostic::file_error(
                    path,
                    crate::files::CHANGED_WHILE_READ,
                ));
            } else {
                diags.extend(errors.iter().cloned());
            }
        }
        let mut announcements = Vec::with_capacity(self.groups.len());
        for group in self.groups.values() {
            diags.extend(group.diags.iter().cloned());
            if let Some(a) = &group.result {
                announcements.push(a.clone());
            }
        }
        // The slug check reads only the groups' slug keys: while none changed, its
        // errors are the same.
        let slug_diags = self.slug_diags.get_or_insert_with(|| {
            let mut slug_diags = Diagnostics::new();
            check_unique_slugs(config, &announcements, &mut slug_diags);
            slug_diags
        });
        diags.extend(slug_diags.iter().cloned());
        (announcements, diags)
    }

    /// Walks `content/announcements` and parses what changed since the last walk.
    fn list(&mut self, config: &Config) {
        let listing = discover(config);
        // Each file's last parse moves out of the table (no copy); what is left over
        // was deleted.
        let mut old = std::mem::take(&mut self.files);
        let paired: Vec<(Found, Option<CachedParse>)> = listing
            .texts
            .iter()
            .map(|f| (f.clone(), old.remove(&f.path)))
            .collect();
        drop(old);
        let root = &config.root;
        let hold = !self.bodies_on_disk;
        let parsed: Vec<(PathBuf, CachedParse)> = paired
            .into_par_iter()
            .map(|(f, last)| {
                let key = f.path.clone();
                let stamp = f.stamp;
                match last {
                    Some((cached, result)) if stamp.is_some() && cached == stamp => {
                        (key, (stamp, result))
                    }
                    _ => (key, (stamp, parse_file(root, f, hold).map(Arc::new))),
                }
            })
            .collect();
        self.errors = parsed
            .iter()
            .filter_map(|(path, (_, r))| r.as_ref().err().map(|e| (path.clone(), e.clone())))
            .collect();
        self.files = parsed.into_iter().collect();
        self.listing = Some(listing);
    }
}
