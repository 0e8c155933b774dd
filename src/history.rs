//! The site's git history, read only: a source file's text as a translation was made
//! from it, for `herald diff` and the words to update in `herald status`.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gix::ObjectId;

use crate::date::Date;

/// A file's text in one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OldText {
    /// The file's text.
    pub(crate) text: String,
    /// The commit's id, 12 hex digits.
    pub(crate) commit: String,
    /// The commit's date (committer time, UTC).
    pub(crate) date: Date,
}

/// Which version of a source a translation was made from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Wanted<'a> {
    /// The newest whose text has this [`crate::content::text_hash`] (`source_hash:`).
    Hash(&'a str),
    /// The newest committed by this time (seconds since the epoch, UTC).
    AsOf(i64),
}

/// Why the earlier text cannot be had: a sentence that says why and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unavailable(pub(crate) String);

/// The git repository a site is in, opened once and read as asked.
pub(crate) struct History {
    repo: gix::Repository,
    /// The site's folder, relative to the repository's work tree.
    prefix: PathBuf,
    /// The commits reachable from HEAD, newest first, with their times.
    commits: OnceCell<Result<Vec<(ObjectId, i64)>, Unavailable>>,
    /// [`crate::content::text_hash`] of blobs already read.
    hashes: RefCell<HashMap<ObjectId, String>>,
}

impl History {
    /// Opens the repository that holds the site folder `root`.
    pub(crate) fn open(root: &Path) -> Result<History, Unavailable> {
        let root = std::fs::canonicalize(root)
            .map_err(|e| Unavailable(format!("cannot read {}: {e}", root.display())))?;
        let mut repo = gix::discover(&root).map_err(|e| {
            if e.downcast_any_ref::<gix::discover::upwards::Error>()
                .is_some_and(|e| !matches!(e, gix::discover::upwards::Error::NoTrustedGitRepository { .. }))
            {
                Unavailable(format!(
                    "the site ({}) is not in a git repository, so its sources' earlier versions are not kept anywhere herald can read them: keep the site in git (`git init`, then commit the sources and their translations) to see what changes from then on",
                    root.display()
                ))
            } else {
                Unavailable(format!("cannot open the site's git repository: {e}"))
            }
        })?;
        // Trees and commits are read again for each file asked about.
        repo.object_cache_size_if_unset(16 * 1024 * 1024);
        let workdir = repo
            .workdir()
            .and_then(|w| std::fs::canonicalize(w).ok())
            .ok_or_else(|| Unavailable("the site's git repository has no work tree".into()))?;
        let prefix = root
            .strip_prefix(&workdir)
            .unwrap_or(Path::new(""))
            .to_path_buf();
        Ok(History {
            repo,
            prefix,
            commits: OnceCell::new(),
            hashes: RefCell::default(),
        })
    }

    /// The text of `path` (relative to the site folder) in the newest commit reachable
    /// from HEAD that has the version `wanted`. Commits are read newest first and only
    /// until it is found.
    pub(crate) fn find(&self, path: &Path, wanted: Wanted<'_>) -> Result<OldText, Unavailable> {
        let commits = self.commits()?;
        let shown = crate::files::slash_path(path);
        let found = match wanted {
            Wanted::Hash(hash) => {
                let mut versions = std::collections::HashSet::new();
                let mut found = None;
                for &(commit, time) in commits {
                    let Some(blob) = self.blob(commit, path)? else {
                        continue;
                    };
                    if versions.insert(blob) && self.hash(blob)? == hash {
                        found = Some((commit, time, blob));
                        break;
                    }
                }
                found.ok_or_else(|| match versions.len() {
                    0 => never_committed(&shown),
                    n => Unavailable(format!(
                        "{} of {shown} in the site's git history has the text whose hash is `source_hash: {hash}`: the translation was made from a version that was never committed, or its `source_hash` was changed by hand; compare the translation with the whole source",
                        if n == 1 { "no version".to_string() } else { format!("none of the {n} versions") }
                    )),
                })?
            }
            Wanted::AsOf(time) => {
                let Some(&(commit, at)) = commits.iter().find(|(_, t)| *t <= time) else {
                    let oldest = commits.last().map_or(0, |(_, t)| *t);
                    return Err(Unavailable(format!(
                        "the site's git history starts on {}, after the translation was made ({}): compare the translation with the whole source, or record which version it was made from with `source_hash:`",
                        Date::from_timestamp(oldest).ymd(),
                        Date::from_timestamp(time).ymd()
                    )));
                };
                let Some(blob) = self.blob(commit, path)? else {
                    return Err(Unavailable(format!(
                        "{shown} was not committed yet on {}, when the translation was made: compare the translation with the whole source",
                        Date::from_timestamp(time).ymd()
                    )));
                };
                (commit, at, blob)
            }
        };
        let (commit, time, blob) = found;
        Ok(OldText {
            text: self.text(blob)?,
            commit: commit.to_hex_with_len(12).to_string(),
            date: Date::from_timestamp(time),
        })
    }

    /// The commits reachable from HEAD, newest first, read once.
    fn commits(&self) -> Result<&[(ObjectId, i64)], Unavailable> {
        let read = || -> Result<Vec<(ObjectId, i64)>, Unavailable> {
            let head = self.repo.head_id().map_err(|_| {
                Unavailable("the site's git repository has no commit yet: commit the sources and their translations (`git add`, `git commit`) to see what changes from then on".into())
            })?;
            let walk = self
                .repo
                .rev_walk([head.detach()])
                .sorting(gix::revision::walk::Sorting::ByCommitTime(
                    gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
                ))
                .all()
                .map_err(read_error)?;
            walk.map(|info| {
                let info = info.map_err(read_error)?;
                Ok((info.id, info.commit_time()))
            })
            .collect()
        };
        self.commits
            .get_or_init(read)
            .as_ref()
            .map(Vec::as_slice)
            .map_err(Clone::clone)
    }

    /// The blob of `path` (relative to the site folder) in a commit, if it has the file.
    fn blob(&self, commit: ObjectId, path: &Path) -> Result<Option<ObjectId>, Unavailable> {
        let commit = self.repo.find_commit(commit).map_err(read_error)?;
        let tree = commit.tree().map_err(read_error)?;
        let entry = tree
            .lookup_entry_by_path(self.prefix.join(path))
            .map_err(read_error)?;
        Ok(entry.filter(|e| e.mode().is_blob()).map(|e| e.object_id()))
    }

    /// A blob's text, as herald reads an announcement (UTF-8, without a BOM).
    fn text(&self, blob: ObjectId) -> Result<String, Unavailable> {
        let blob = self.repo.find_blob(blob).map_err(read_error)?;
        let text = String::from_utf8_lossy(&blob.data);
        Ok(crate::files::strip_bom(&text).to_string())
    }

    /// A blob's [`crate::content::text_hash`], read once.
    fn hash(&self, blob: ObjectId) -> Result<String, Unavailable> {
        if let Some(hash) = self.hashes.borrow().get(&blob) {
            return Ok(hash.clone());
        }
        let hash = crate::content::text_hash(&self.text(blob)?);
        self.hashes.borrow_mut().insert(blob, hash.clone());
        Ok(hash)
    }
}

fn never_committed(shown: &str) -> Unavailable {
    Unavailable(format!(
        "{shown} is in no commit of the site's git repository: commit it (and its translations) to see what changes from then on"
    ))
}

fn read_error(e: impl std::fmt::Display) -> Unavailable {
    Unavailable(format!("cannot read the site's git history: {e}"))
}
