//! Reading one announcement file: its text, front matter and body.

use std::path::Path;
use std::sync::Arc;

use super::discover::Found;
use super::front_matter::{self, FrontMatter};
use crate::diagnostics::Diagnostic;
use crate::markdown::Scan;

/// The largest announcement file herald reads (a larger one is an error, not a slow build).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One file, parsed: what grouping needs of it.
#[derive(Debug)]
pub(super) struct Parsed {
    pub found: Found,
    pub front: FrontMatter,
    pub body: super::Body,
    pub body_line: usize,
    pub text_hash: String,
    pub scan: Arc<Scan>,
    /// The front matter has a `# herald: same` line.
    pub same_on_purpose: bool,
}

/// Reads and parses one announcement text found under the site folder `root`; with
/// `hold`, its body is kept in memory, else read again from the file when asked for.
pub(super) fn parse_file(root: &Path, found: Found, hold: bool) -> Result<Parsed, Vec<Diagnostic>> {
    if let Some((_, len)) = found.stamp.filter(|(_, len)| *len > MAX_FILE_BYTES) {
        return Err(vec![Diagnostic::file_error(
            &found.path,
            format!("the file is {} MB; announcements are limited to {} MB (move large material into a bundle file)", len / 1_048_576, MAX_FILE_BYTES / 1_048_576),
        )]);
    }
    let path_str = found.path.to_string_lossy().to_string();
    let (bytes, stamp) = crate::files::read_settled(&root.join(&found.path))
        .map_err(|e| vec![crate::files::read_error(&found.path, &e)])?;
    // What was read is what the stamp says (the listing's may be older).
    let found = Found { stamp, ..found };
    let text = crate::files::decode(bytes, &found.path).map_err(|d| vec![d])?;
    let split = front_matter::split(&text)
        .map_err(|(line, msg)| vec![Diagnostic::error(&found.path, line, 1, msg)])?;
    let front = front_matter::parse(&split, &path_str)?;
    if let Err(why) = front_matter::check_segment(&found.name) {
        return Err(vec![Diagnostic::error(
            &found.path,
            1,
            1,
            format!("announcement name `{}` {why}", found.name),
        )]);
    }
    let scan = crate::markdown::scan(split.body).map_err(|over| {
        let (line, col) = crate::diagnostics::LineIndex::new(split.body).position(over.offset);
        vec![Diagnostic::error(
            &found.path,
            line + split.body_line - 1,
            col,
            over.message,
        )]
    })?;
    let text_hash = text_hash(&text);
    let body = if hold {
        super::Body::held(Arc::from(split.body))
    } else {
        super::Body::in_file(split.body, &text, &root.join(&found.path))
    };
    Ok(Parsed {
        scan: Arc::new(scan),
        body,
        body_line: split.body_line,
        text_hash,
        same_on_purpose: crate::identical::marked_in_yaml(split.yaml),
        found,
        front,
    })
}

/// A short, stable hash of a file's text (line endings normalised), for `source_hash`.
pub fn text_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes().filter(|&b| b != b'\r') {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")[..12].to_string()
}
