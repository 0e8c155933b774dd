//! Writing the site: into a temporary folder beside the output, swapped in
//! only when everything was written; never touching anything herald did not create.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use crate::config::Config;
use crate::diagnostics::{display_path, Diagnostic};
use crate::files::Asset;
use crate::render::Content;

/// The file herald leaves in every output folder it creates.
pub const MARKER: &str = ".herald-output";
const MARKER_TEXT: &str = "This folder is written by herald; it is replaced on every build.\n";

/// Refuses output folders whose replacement could destroy the site or anything else.
pub fn check_output_dir(config: &Config, output: &Path) -> Result<(), String> {
    let root = absolute(&config.root);
    let out = absolute(output);
    if out.parent().is_none() {
        return Err(format!(
            "refusing to use `{}` as the output folder: it is the file-system root",
            output.display()
        ));
    }
    if out == root {
        return Err(format!(
            "refusing to use the site folder `{}` as the output folder",
            output.display()
        ));
    }
    if root.starts_with(&out) {
        return Err(format!(
            "refusing to use `{}` as the output folder: it contains the site (its content would be replaced)",
            output.display()
        ));
    }
    for inside in ["content", "locales", "themes", "static"] {
        if out.starts_with(root.join(inside)) {
            return Err(format!(
                "refusing to write the output inside the site's `{inside}/` folder"
            ));
        }
    }
    if let Some(file) = file_in_the_way(&out) {
        return Err(if file == out {
            format!(
                "refusing to use `{}` as the output folder: it is a file, not a folder",
                output.display()
            )
        } else {
            format!(
                "cannot use `{}` as the output folder: `{}` is a file, not a folder",
                output.display(),
                file.display()
            )
        });
    }
    if out.exists() && !is_ours_or_empty(&out) {
        return Err(format!(
            "refusing to replace `{}`: it was not created by herald (no {MARKER} file in it) and is not empty; \
             remove it or choose another output folder",
            output.display()
        ));
    }
    Ok(())
}

/// `out` itself, or the nearest of its parents that exists, when that is not a folder.
fn file_in_the_way(out: &Path) -> Option<PathBuf> {
    let existing = out.ancestors().find(|p| fs::symlink_metadata(p).is_ok())?;
    match fs::metadata(existing) {
        Ok(meta) if !meta.is_dir() => Some(existing.to_path_buf()),
        _ => None,
    }
}

fn is_ours_or_empty(dir: &Path) -> bool {
    if dir.join(MARKER).is_file() {
        return true;
    }
    match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => false,
    }
}

/// `path` made absolute and normalised (without requiring it to exist).
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut out = PathBuf::new();
    for comp in base.join(path).components() {
        match comp {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    // Resolve symlinks in the part that exists.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// What writing the site was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Operation {
    /// Writing a file's bytes.
    Write,
    /// Creating a folder.
    CreateFolder,
    /// Reading a file to copy (a static file or a bundle file).
    Read,
    /// Removing a file nothing produces any more (watch mode).
    Remove,
    /// Removing what an interrupted build left beside the output.
    RemoveLeftover,
    /// Putting back the previous site an interrupted build had moved aside.
    Restore,
    /// Putting the new site in place of the output.
    Swap,
    /// Removing the previous site once the new one is in place.
    RemoveOld,
}

impl Operation {
    /// "cannot write", or with `others` failing the same way "cannot write this file and 3 others".
    fn describe(self, others: usize) -> String {
        let (verb, what) = match self {
            Operation::Write => ("write", "file"),
            Operation::CreateFolder => ("create", "folder"),
            Operation::Read => ("read", "file"),
            Operation::Remove => ("remove", "file"),
            Operation::RemoveLeftover => {
                return "cannot remove what an interrupted build left here".into()
            }
            Operation::Restore => {
                return "cannot put back the previous output, which an interrupted build moved here"
                    .into()
            }
            Operation::Swap => return "cannot put the new site in place of the output".into(),
            Operation::RemoveOld => {
                return "cannot remove the previous site, which the swap moved here".into()
            }
        };
        match others {
            0 if self == Operation::CreateFolder => "cannot create the folder".into(),
            0 => format!("cannot {verb}"),
            1 => format!("cannot {verb} this {what} and 1 other"),
            n => format!("cannot {verb} this {what} and {n} others"),
        }
    }
}

/// A failure while writing the site: the path, what was being done, and why it failed.
#[derive(Debug)]
pub struct WriteError {
    /// The file or folder, as the reader knows it (in the output folder, not the staging one).
    pub path: PathBuf,
    /// What was being done.
    pub operation: Operation,
    /// Why it failed.
    pub error: io::Error,
}

impl WriteError {
    fn new(path: impl Into<PathBuf>, operation: Operation, error: io::Error) -> Self {
        WriteError {
            path: path.into(),
            operation,
            error,
        }
    }
}

/// The system's reason for an I/O error, without the trailing `(os error N)`.
pub fn reason(error: &io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// One diagnostic per kind of failure (operation and reason), not one per file: a full
/// disk fails every file the same way. Each names the first path (in path order), how
/// many others failed alike, and ends with `outcome` ("the previous output was kept").
/// Paths are shown relative to `root`.
pub fn diagnostics(errors: Vec<WriteError>, root: &Path, outcome: &str) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(Operation, String), Vec<PathBuf>> = BTreeMap::new();
    for e in errors {
        groups
            .entry((e.operation, reason(&e.error)))
            .or_default()
            .push(e.path);
    }
    groups
        .into_iter()
        .filter_map(|((operation, why), mut paths)| {
            paths.sort();
            let first = paths.first()?;
            let message = format!("{}: {why}; {outcome}", operation.describe(paths.len() - 1));
            let shown = display_path(root, first);
            Some(if operation == Operation::RemoveOld {
                Diagnostic::file_warning(shown, message)
            } else {
                Diagnostic::file_error(shown, message)
            })
        })
        .collect()
}

/// A folder beside the output where a full build is written before it is swapped in.
/// Dropped without [`Staging::commit`] succeeding, it removes itself: a failed build
/// never leaves it behind.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    had_output: bool,
    done: bool,
    /// For each file copied from the site (a bundle file goes to every language's
    /// folder), where its first copy is: the others are hard links to it.
    copies: std::sync::Mutex<HashMap<PathBuf, Arc<OnceLock<Option<PathBuf>>>>>,
}

impl Staging {
    /// Cleans what an interrupted build left, then creates `.<output>.herald-new`
    /// with the marker and every folder `files` need.
    pub fn create<'a>(
        output: &Path,
        files: impl Iterator<Item = &'a PathBuf>,
    ) -> Result<Staging, WriteError> {
        let output = absolute(output);
        if let Some(parent) = output.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| WriteError::new(parent, Operation::CreateFolder, e))?;
        }
        let dir = sibling(&output, "herald-new");
        let old = sibling(&output, "herald-old");
        // Leftovers of an interrupted build are ours (their names say so): clean them.
        remove_ours(&dir).map_err(|e| WriteError::new(&dir, Operation::RemoveLeftover, e))?;
        if !output.exists() && old.exists() {
            // Killed between the two renames: the old site is the last complete one.
            fs::rename(&old, &output).map_err(|e| WriteError::new(&old, Operation::Restore, e))?;
        }
        remove_ours(&old).map_err(|e| WriteError::new(&old, Operation::RemoveLeftover, e))?;
        let staging = Staging {
            had_output: output.exists(),
            output,
            dir,
            done: false,
            copies: Default::default(),
        };
        fs::create_dir_all(&staging.dir)
            .map_err(|e| WriteError::new(&staging.dir, Operation::CreateFolder, e))?;
        let marker = staging.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT)
            .map_err(|e| WriteError::new(staging.shown(&marker), Operation::Write, e))?;
        // The folders under each top folder (a language's) are made apart from the
        // others', in parallel: they share no parent folder.
        let mut trees: std::collections::BTreeMap<
            &std::ffi::OsStr,
            std::collections::BTreeSet<&Path>,
        > = Default::default();
        for dir in files.filter_map(|f| f.parent()) {
            if let Some(top) = dir.iter().next() {
                trees.entry(top).or_default().insert(dir);
            }
        }
        let trees: Vec<_> = trees.into_values().collect();
        let made: Vec<Result<(), WriteError>> = trees
            .par_iter()
            .map(|dirs| {
                dirs.iter().try_for_each(|d| {
                    let d = staging.dir.join(d);
                    fs::create_dir_all(&d)
                        .map_err(|e| WriteError::new(staging.shown(&d), Operation::CreateFolder, e))
                })
            })
            .collect();
        // The first folder that could not be made, in order (the same on every run).
        made.into_iter().collect::<Result<(), _>>()?;
        Ok(staging)
    }

    /// Where a path of the staged site will be once it is swapped in.
    fn shown(&self, staged: &Path) -> PathBuf {
        match staged.strip_prefix(&self.dir) {
            Ok(rel) => self.output.join(rel),
            Err(_) => staged.to_path_buf(),
        }
    }

    /// What a failure before the swap leaves: the previous output, or none.
    pub fn outcome(&self) -> &'static str {
        if self.had_output {
            "the previous output was kept"
        } else {
            "no output was written"
        }
    }

    /// Writes one file of the staged site (`file` relative to the output folder).
    pub fn write(&self, file: &Path, content: &Content) -> Result<(), WriteError> {
        let path = self.dir.join(file);
        let shown = |(operation, path, e): (Operation, PathBuf, io::Error)| {
            WriteError::new(self.shown(&path), operation, e)
        };
        let Content::Asset(Asset::Disk(from)) = content else {
            return write_one(&path, content).map_err(shown);
        };
        // The first copy of a file is written; the others link to it (falling back to
        // a copy where the file system has no hard links).
        let first = self
            .copies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(from.clone())
            .or_default()
            .clone();
        let mut result = Ok(());
        let copied = first.get_or_init(|| {
            result = write_one(&path, content);
            result.is_ok().then(|| path.clone())
        });
        match copied {
            Some(original) if *original != path => {
                if fs::hard_link(original, &path).is_ok() {
                    return Ok(());
                }
                write_one(&path, content).map_err(shown)
            }
            Some(_) => Ok(()),
            None => match result {
                Err(e) => Err(shown(e)),
                Ok(()) => write_one(&path, content).map_err(shown),
            },
        }
    }

    /// Writes one file of the staged site, creating its folder first (the files of the
    /// search index, which are not planned).
    pub fn write_new(&self, file: &Path, content: &Content) -> Result<(), WriteError> {
        if let Some(parent) = self.dir.join(file).parent() {
            fs::create_dir_all(parent)
                .map_err(|e| WriteError::new(self.shown(parent), Operation::CreateFolder, e))?;
        }
        self.write(file, content)
    }

    /// Swaps the staged site in for the output.
    /// On Linux the two folders are exchanged in one atomic step, so a build killed at
    /// any moment leaves either the old or the new site complete at the output path.
    /// Once the new site is in place, a failure to remove the previous one is returned
    /// as `Ok(Some(..))` (the build succeeded; the next build removes it).
    pub fn commit(mut self) -> Result<Option<WriteError>, WriteError> {
        let swap = |e| WriteError::new(&self.output, Operation::Swap, e);
        if !self.output.exists() {
            fs::rename(&self.dir, &self.output).map_err(swap)?;
            self.done = true;
            return Ok(None);
        }
        if exchange(&self.dir, &self.output).map_err(swap)? {
            // The staging name now holds the previous site.
            self.done = true;
            return Ok(remove_tree(&self.dir)
                .err()
                .map(|e| WriteError::new(&self.dir, Operation::RemoveOld, e)));
        }
        let old = sibling(&self.output, "herald-old");
        fs::rename(&self.output, &old).map_err(swap)?;
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            // Put the previous site back; if even that fails, the next build does.
            let _ = fs::rename(&old, &self.output);
            return Err(swap(e));
        }
        self.done = true;
        Ok(remove_tree(&old)
            .err()
            .map(|e| WriteError::new(&old, Operation::RemoveOld, e)))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_ours(&self.dir);
        }
    }
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`); `Ok(false)` where
/// the system or file system cannot, and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call;
    // renameat2 does not keep them.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

fn remove_ours(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        remove_tree(dir)?;
    }
    Ok(())
}

/// Removes a folder of ours, its subfolders in parallel (a site has tens of thousands of files).
fn remove_tree(dir: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return fs::remove_file(dir);
    }
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            remove_tree(&path)
        } else {
            fs::remove_file(&path)
        }
    })?;
    fs::remove_dir(dir)
}

/// Writes one file's content; on failure, what was being done and to which path.
fn write_one(path: &Path, content: &Content) -> Result<(), (Operation, PathBuf, io::Error)> {
    let write = |e| (Operation::Write, path.to_path_buf(), e);
    match content {
        Content::Bytes(bytes) => fs::write(path, bytes).map_err(write),
        Content::Asset(Asset::Builtin(bytes)) => fs::write(path, bytes).map_err(write),
        Content::Asset(Asset::Disk(from)) => {
            let mut source =
                crate::files::open_regular(from).map_err(|e| (Operation::Read, from.clone(), e))?;
            let mut target = fs::File::create(path).map_err(write)?;
            io::copy(&mut source, &mut target)
                .map(|_| ())
                .map_err(write)
        }
    }
}

/// Writes changed files into an existing output folder, each atomically (a temporary
/// file beside it, then a rename), and removes files nothing produces any more. Every
/// failure is returned (none stops the others); no temporary file is left behind.
pub fn write_files(
    output: &Path,
    files: &[(&PathBuf, &Content)],
    removed: &[PathBuf],
) -> Result<(), Vec<WriteError>> {
    let mut errors: Vec<WriteError> = files
        .par_iter()
        .filter_map(|(file, content)| write_atomically(&output.join(file), content).err())
        .collect();
    for file in removed {
        let path = output.join(file);
        if path.starts_with(output) && path.is_file() {
            if let Err(e) = fs::remove_file(&path) {
                errors.push(WriteError::new(path.clone(), Operation::Remove, e));
            }
        }
        // Remove folders left empty, up to the output folder.
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == output || !d.starts_with(output) || fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Writes `path` through a temporary file beside it and a rename.
fn write_atomically(path: &Path, content: &Content) -> Result<(), WriteError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| WriteError::new(parent, Operation::CreateFolder, e))?;
    }
    let temp = crate::files::temp_beside(path);
    let written = match write_one(&temp, content) {
        Ok(()) => fs::rename(&temp, path).map_err(|e| WriteError::new(path, Operation::Write, e)),
        Err((Operation::Write, _, e)) => Err(WriteError::new(path, Operation::Write, e)),
        Err((operation, from, e)) => Err(WriteError::new(from, operation, e)),
    };
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged(root: &Path) -> Staging {
        let file = PathBuf::from("en/index.html");
        let staging = Staging::create(&root.join("public"), std::iter::once(&file)).unwrap();
        staging
            .write(&file, &Content::Bytes(b"<p>new</p>".to_vec()))
            .unwrap();
        staging
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_swap_removes_the_staging_folder() {
        let root = tempfile::tempdir().unwrap();
        let mut staging = staged(root.path());
        let dir = staging.dir.clone();
        assert!(dir.join("en/index.html").is_file());
        // Another file system: the rename fails (EXDEV) without any privilege.
        staging.output = PathBuf::from("/proc/herald-cannot-be-here");
        let error = staging.commit().expect_err("the swap must fail");
        assert_eq!(error.operation, Operation::Swap);
        assert!(!dir.exists(), "the staging folder is left behind");
    }

    #[test]
    fn a_dropped_staging_folder_is_removed() {
        let root = tempfile::tempdir().unwrap();
        let staging = staged(root.path());
        let dir = staging.dir.clone();
        drop(staging);
        assert!(!dir.exists());
        let staging = staged(root.path());
        assert!(staging.commit().unwrap().is_none());
        assert!(root.path().join("public/en/index.html").is_file());
        assert!(!dir.exists());
    }

    #[test]
    fn failures_alike_are_one_diagnostic() {
        let full = || io::Error::from_raw_os_error(libc::ENOSPC);
        let root = Path::new("/site");
        let errors = vec![
            WriteError::new("/site/public/b.html", Operation::Write, full()),
            WriteError::new("/site/public/a.html", Operation::Write, full()),
            WriteError::new("/site/public/c.html", Operation::Write, full()),
            WriteError::new(
                "/site/static/x.css",
                Operation::Read,
                io::ErrorKind::NotFound.into(),
            ),
        ];
        let shown: Vec<String> = diagnostics(errors, root, "the previous output was kept")
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "public/a.html: error: cannot write this file and 2 others: No space left on device; the previous output was kept",
                "static/x.css: error: cannot read: entity not found; the previous output was kept",
            ]
        );
    }
}
