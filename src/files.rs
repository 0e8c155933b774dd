//! Reading the site's source files: text as UTF-8 (a byte-order mark removed, invalid
//! bytes named by position), and where the bytes of a copied file come from.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, LineIndex};

/// Where the bytes of a copied file (a static asset, a bundle file) come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Asset {
    /// A file on disk (absolute path).
    Disk(PathBuf),
    /// Bytes compiled into the binary.
    Builtin(&'static [u8]),
}

/// A static file of the theme or the site, as listed when the site was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Its path in the output (`/`-separated).
    pub path: String,
    /// Where its bytes are.
    pub from: Asset,
    /// Its stamp when listed (none for built-in files).
    pub stamp: Stamp,
}

/// A file's modification time and size when it was listed: its identity for change
/// detection without reading it.
pub type Stamp = Option<(std::time::SystemTime, u64)>;

/// The stamp of a file from its metadata.
pub fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    Some((meta.modified().ok()?, meta.len()))
}

/// Reads a UTF-8 text file (`shown` is its path in diagnostics); a leading byte-order
/// mark is removed; invalid UTF-8 is an error at its line and column.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file_error(shown, format!("cannot read: {e}")))?;
    decode(bytes, shown)
}

/// Text without its leading byte-order mark, if it has one.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Bytes as UTF-8 text without a byte-order mark, or an error naming the first bad byte.
pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..offset]).to_string();
            let (line, col) = LineIndex::new(&prefix).position(offset);
            Err(Diagnostic::error(
                shown,
                line,
                col,
                format!("invalid UTF-8 at byte {offset}: save the file as UTF-8"),
            ))
        }
    }
}

/// A path relative to a folder, `/`-separated (how output paths and URLs name it).
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files under `dir` (none if it does not exist), sorted, as static files whose
/// output path is their path inside `dir`; unreadable entries are skipped.
pub fn list_statics(dir: &Path) -> Vec<StaticFile> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(rel) = entry.path().strip_prefix(dir) {
            out.push(StaticFile {
                path: slash_path(rel),
                stamp: entry.metadata().ok().and_then(|m| stamp_of(&m)),
                from: Asset::Disk(entry.path().to_path_buf()),
            });
        }
    }
    out
}
