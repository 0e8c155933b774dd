//! Writing the site: into a temporary folder beside the output, swapped in
//! only when everything was written; never touching anything herald did not create.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
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
    if out.exists() && !is_ours_or_empty(&out) {
        return Err(format!(
            "refusing to replace `{}`: it was not created by herald (no {MARKER} file in it) and is not empty; \
             remove it or choose another output folder",
            output.display()
        ));
    }
    Ok(())
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

/// A folder beside the output where a full build is written before it is swapped in.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
}

impl Staging {
    /// Cleans what an interrupted build left, then creates `.<output>.herald-new`
    /// with the marker and every folder `files` need.
    pub fn create<'a>(
        output: &Path,
        files: impl Iterator<Item = &'a PathBuf>,
    ) -> io::Result<Staging> {
        let output = absolute(output);
        if let Some(parent) = output.parent() {
            fs::create_dir_all(parent)?;
        }
        let dir = sibling(&output, "herald-new");
        let old = sibling(&output, "herald-old");
        // Leftovers of an interrupted build are ours (their names say so): clean them.
        remove_ours(&dir)?;
        if !output.exists() && old.exists() {
            // Killed between the two renames: the old site is the last complete one.
            fs::rename(&old, &output)?;
        }
        remove_ours(&old)?;
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        let dirs: std::collections::BTreeSet<PathBuf> = files
            .filter_map(|f| f.parent().map(|p| dir.join(p)))
            .collect();
        for d in &dirs {
            fs::create_dir_all(d)?;
        }
        Ok(Staging { output, dir })
    }

    /// Writes one file of the staged site (`file` relative to the output folder).
    pub fn write(&self, file: &Path, content: &Content) -> io::Result<()> {
        write_one(&self.dir.join(file), content)
    }

    /// Swaps the staged site in for the output.
    /// On Linux the two folders are exchanged in one atomic step, so a build killed at
    /// any moment leaves either the old or the new site complete at the output path.
    pub fn commit(self) -> io::Result<()> {
        if !self.output.exists() {
            return fs::rename(&self.dir, &self.output);
        }
        if exchange(&self.dir, &self.output)? {
            // The staging name now holds the previous site.
            return remove_tree(&self.dir);
        }
        let old = sibling(&self.output, "herald-old");
        fs::rename(&self.output, &old)?;
        fs::rename(&self.dir, &self.output)?;
        remove_tree(&old)
    }

    /// Throws the staged site away; the output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.dir);
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

/// Writes one file's content.
fn write_one(path: &Path, content: &Content) -> io::Result<()> {
    match content {
        Content::Bytes(bytes) => fs::write(path, bytes),
        Content::Asset(Asset::Builtin(bytes)) => fs::write(path, bytes),
        Content::Asset(Asset::Disk(from)) => {
            let mut source = crate::files::open_regular(from)?;
            let mut target = fs::File::create(path)?;
            io::copy(&mut source, &mut target).map(|_| ())
        }
    }
}

/// Writes changed files into an existing output folder, each atomically (a temporary
/// file beside it, then a rename), and removes files nothing produces any more.
pub fn write_files(
    output: &Path,
    files: &[(&PathBuf, &Content)],
    removed: &[PathBuf],
) -> io::Result<()> {
    files.par_iter().try_for_each(|(file, content)| {
        let path = output.join(file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let temp = path.with_file_name(format!(".{name}.herald-tmp"));
        write_one(&temp, content)?;
        fs::rename(&temp, &path)
    })?;
    for file in removed {
        let path = output.join(file);
        if path.starts_with(output) && path.is_file() {
            fs::remove_file(&path)?;
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
    Ok(())
}
