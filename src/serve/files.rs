//! Finding what a request path names in the output folder, without leaving it.
//!
//! Everything here is blocking file-system work: the server runs it on its small,
//! fixed pool of file threads (one task per request), never on the event loop.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// What a request path leads to.
#[derive(Debug)]
pub enum Target {
    /// A folder asked for without its trailing slash: redirect to `path/`.
    Folder,
    /// An HTML page, read whole (the live-reload script goes into it).
    Page(Vec<u8>),
    /// Any other file: its real path (symlinks resolved) and its entity tag.
    File {
        /// The file's canonical path, inside the output folder.
        path: PathBuf,
        /// Its `ETag`, quoted, from its size and modification time.
        etag: String,
    },
    /// Nothing to serve: the not-found page for the path's language, if there is one.
    Missing(Option<Vec<u8>>),
}

/// Resolves `rel` (percent-decoded, `/`-separated) inside `output`.
///
/// A path whose target, after following every symlink, is outside the output
/// folder, or that is not a regular file (a FIFO would block a read forever), is missing.
pub fn resolve(output: &Path, rel: &str) -> Target {
    let Ok(root) = output.canonicalize() else {
        return Target::Missing(None);
    };
    match find(&root, rel) {
        Some(target) => target,
        None => Target::Missing(not_found_page(&root, rel)),
    }
}

/// Nothing at `rel`: the not-found page for its first segment's language, or the root one.
pub fn missing(output: &Path, rel: &str) -> Target {
    let page = output
        .canonicalize()
        .ok()
        .and_then(|root| not_found_page(&root, rel));
    Target::Missing(page)
}

fn find(root: &Path, rel: &str) -> Option<Target> {
    let relative = rel.trim_start_matches('/');
    if relative.split('/').any(|s| s == "..") || relative.contains('\0') {
        return None;
    }
    let mut path = inside(root, &root.join(relative))?;
    let mut meta = path.metadata().ok()?;
    if meta.is_dir() {
        if !rel.ends_with('/') {
            return Some(Target::Folder);
        }
        path = inside(root, &path.join("index.html"))?;
        meta = path.metadata().ok()?;
    }
    if !meta.is_file() {
        return None;
    }
    if path.extension().is_some_and(|e| e == "html") {
        return std::fs::read(&path).ok().map(Target::Page);
    }
    Some(Target::File {
        etag: etag(&meta),
        path,
    })
}

/// The canonical form of `path` if it exists and lies inside `root` (itself canonical).
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    path.canonicalize()
        .ok()
        .filter(|real| real.starts_with(root))
}

/// `/L/...` gets L's `404.html` when there is one, anything else the root one.
fn not_found_page(root: &Path, rel: &str) -> Option<Vec<u8>> {
    let first = rel.trim_start_matches('/').split('/').next()?;
    let own = (!first.is_empty() && first != "..").then(|| root.join(first).join("404.html"));
    own.into_iter()
        .chain([root.join("404.html")])
        .filter_map(|candidate| inside(root, &candidate))
        .find_map(|page| {
            let is_file = page.metadata().is_ok_and(|m| m.is_file());
            is_file.then(|| std::fs::read(&page).ok()).flatten()
        })
}

/// An entity tag from the file's size and modification time, as nginx makes them:
/// output files are replaced whole (or left alone when their bytes are the same),
/// so a change of content is a change of one or the other.
fn etag(meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("\"{:x}-{:x}\"", meta.len(), modified)
}

/// Whether an `If-None-Match` header value names `etag` (weak comparison, as RFC 9110 asks).
pub fn none_match(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

/// Decodes `%XX` escapes; bytes that do not form UTF-8 become U+FFFD.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_and_weak_tags_match() {
        assert!(none_match("\"a-1\"", "\"a-1\""));
        assert!(none_match("\"x\", W/\"a-1\"", "\"a-1\""));
        assert!(none_match("*", "\"a-1\""));
        assert!(!none_match("\"a-2\"", "\"a-1\""));
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("/a%20b/%2e%2E/"), "/a b/../");
        assert_eq!(percent_decode("/50%"), "/50%");
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("/%41"), "/A");
    }
}
