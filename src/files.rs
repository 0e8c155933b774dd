//! Reading the site's source files: text as UTF-8 (a byte-order mark removed, invalid
//! bytes named by position), and where the bytes of a copied file come from; writing
//! new files into a site (`herald init`, `herald theme eject`), never over one.

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

/// What a file system entry is when it is neither a regular file nor a folder (nor a
/// link): "a FIFO", "a socket", "a device".
pub fn special_kind(file_type: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some("a device");
        }
    }
    let _ = file_type;
    None
}

/// The error for an entry that is not a regular file where herald reads one.
pub fn not_a_file(shown: &Path, kind: &str) -> Diagnostic {
    Diagnostic::file_error(
        shown,
        format!("this is {kind}, not a file; herald reads only regular files"),
    )
}

/// Opens a regular file for reading without ever blocking: a FIFO, socket or device is
/// an error (checked on the open file, so it cannot change in between).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = special_kind(&meta.file_type()) {
        return Err(std::io::Error::other(format!(
            "this is {kind}, not a file; herald reads only regular files"
        )));
    }
    if meta.is_dir() {
        return Err(std::io::Error::other("this is a folder, not a file"));
    }
    Ok(file)
}

/// Reads a regular file's bytes (see [`open_regular`]).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    read_settled(path).map(|(bytes, _)| bytes)
}

/// How often a file that changes while it is read is read again, [`SETTLE_PAUSE`] apart.
const SETTLE_TRIES: usize = 10;
/// The pause between two reads of a file that is being written.
const SETTLE_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

/// The error for a file that kept changing while herald read it.
pub const CHANGED_WHILE_READ: &str =
    "the file changed while herald read it (is it still being written?); run the build again";

/// Reads a regular file's bytes with the stamp they had: a file whose size or
/// modification time changes while it is read (a save in progress) is read again once
/// the writes stop, so a half-written file is never taken for the whole.
pub fn read_settled(path: &Path) -> std::io::Result<(Vec<u8>, Stamp)> {
    use std::io::Read;
    for _ in 0..SETTLE_TRIES {
        let mut file = open_regular(path)?;
        let before = file.metadata()?;
        let mut bytes = Vec::with_capacity(before.len() as usize);
        file.read_to_end(&mut bytes)?;
        let after = file.metadata()?;
        let stamp = stamp_of(&after);
        if stamp_of(&before) == stamp && bytes.len() as u64 == after.len() {
            return Ok((bytes, stamp));
        }
        std::thread::sleep(SETTLE_PAUSE);
    }
    Err(std::io::Error::other(CHANGED_WHILE_READ))
}

/// Reads a UTF-8 text file (`shown` is its path in diagnostics); a leading byte-order
/// mark is removed; invalid UTF-8 is an error at its line and column.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = read_regular(path).map_err(|e| read_error(shown, &e))?;
    decode(bytes, shown)
}

/// The error for a file that could not be read.
pub fn read_error(shown: &Path, e: &std::io::Error) -> Diagnostic {
    match e.kind() {
        std::io::ErrorKind::Other => Diagnostic::file_error(shown, e.to_string()),
        _ => Diagnostic::file_error(shown, format!("cannot read: {e}")),
    }
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
/// output path is their path inside `dir` (`root` is the site, for diagnostics); a
/// FIFO, socket or device among them is an error.
pub fn list_statics(root: &Path, dir: &Path) -> (Vec<StaticFile>, crate::diagnostics::Diagnostics) {
    let mut out = Vec::new();
    let mut diags = crate::diagnostics::Diagnostics::new();
    if !dir.is_dir() {
        return (out, diags);
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if let Some(kind) = special_kind(&entry.file_type()) {
            diags.push(not_a_file(
                &crate::diagnostics::display_path(root, entry.path()),
                kind,
            ));
            continue;
        }
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
    (out, diags)
}

/// What [`write_new_files`] did.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The files written (as given, relative to the folder).
    pub created: Vec<PathBuf>,
    /// The files that existed and were kept as they were.
    pub kept: Vec<PathBuf>,
}

/// The hidden file beside `path` that a write goes into before it is renamed to `path`
/// (`.x.fr.md.herald-tmp`: the content walk and the output's readers skip it).
pub(crate) fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.herald-tmp"))
}

/// Writes each file (its path relative to `dir`, its bytes) into `dir`, making folders
/// as needed and never replacing a file: one that exists is kept (`keep_existing`) or
/// an error. When a write fails, the files and folders made so far are removed again.
pub fn write_new_files<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (&'a Path, &'a [u8])>,
    keep_existing: bool,
) -> Result<Written, Diagnostic> {
    use std::io::Write as _;
    let mut written = Written::default();
    let mut new_dirs: Vec<PathBuf> = Vec::new();
    let write_all = || -> Result<(), Diagnostic> {
        for (rel, bytes) in files {
            let path = dir.join(rel);
            let failed = |what: &str, e: std::io::Error| {
                Diagnostic::file_error(&path, format!("cannot {what}: {e}"))
            };
            let mut missing: Vec<&Path> = path
                .ancestors()
                .skip(1)
                .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
                .collect();
            missing.reverse();
            for folder in missing {
                std::fs::create_dir(folder).map_err(|e| failed("make its folder", e))?;
                new_dirs.push(folder.to_path_buf());
            }
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    written.created.push(rel.to_path_buf());
                    file.write_all(bytes).map_err(|e| failed("write", e))?;
                }
                Err(e) if keep_existing && e.kind() == std::io::ErrorKind::AlreadyExists => {
                    written.kept.push(rel.to_path_buf());
                }
                Err(e) => return Err(failed("write", e)),
            }
        }
        Ok(())
    };
    match write_all() {
        Ok(()) => Ok(written),
        Err(d) => {
            for rel in written.created.iter().rev() {
                let _ = std::fs::remove_file(dir.join(rel));
            }
            for folder in new_dirs.iter().rev() {
                let _ = std::fs::remove_dir(folder);
            }
            Err(d)
        }
    }
}
