//! A translation's Markdown body: held in memory, or, for a build that loads the site
//! once (`herald build`, `herald check`), read again from its file when a page shows
//! it, so that the model holds no text (a site's texts are most of its size).

use std::path::Path;
use std::sync::Arc;

/// What a build says of a text that changed while the site was built.
pub const CHANGED_WHILE_BUILT: &str = "changed while the site was built (a save in progress?); the previous output was kept: run the build again";

/// The Markdown body of one announcement file.
#[derive(Debug, Clone)]
pub struct Body {
    repr: Repr,
    /// A hash of the text without its surrounding blank space (see [`Body::trimmed_hash`]).
    trimmed_hash: u64,
}

#[derive(Debug, Clone)]
enum Repr {
    Held(Arc<str>),
    /// In its file (its absolute path), at bytes `start..end` of the decoded text,
    /// which is `len` bytes long and whose [`crate::hash::bytes_hash`] is `hash`.
    File {
        path: Arc<Path>,
        start: usize,
        end: usize,
        len: usize,
        hash: u64,
    },
}

impl Body {
    /// A body held in memory.
    pub fn held(text: Arc<str>) -> Body {
        Body {
            trimmed_hash: crate::hash::stable_hash(text.trim()),
            repr: Repr::Held(text),
        }
    }

    /// A body `text`, a part of the decoded text `whole` read from `path` (absolute),
    /// not held: read again when asked for, and checked to be the same.
    pub fn in_file(text: &str, whole: &str, path: &Path) -> Body {
        let start = text.as_ptr() as usize - whole.as_ptr() as usize;
        debug_assert!(start + text.len() <= whole.len());
        Body {
            trimmed_hash: crate::hash::stable_hash(text.trim()),
            repr: Repr::File {
                path: Arc::from(path),
                start,
                end: start + text.len(),
                len: whole.len(),
                hash: crate::hash::bytes_hash(whole.as_bytes()),
            },
        }
    }

    /// The text: from memory, or read again from its file. An error (the file is gone,
    /// unreadable or changed since the site was loaded) says what happened.
    pub fn text(&self) -> Result<Arc<str>, String> {
        match &self.repr {
            Repr::Held(text) => Ok(text.clone()),
            Repr::File {
                path,
                start,
                end,
                len,
                hash,
            } => {
                let changed = CHANGED_WHILE_BUILT;
                let bytes = std::fs::read(path).map_err(|_| changed.to_string())?;
                let text = crate::files::decode(bytes, path).map_err(|_| changed.to_string())?;
                if text.len() != *len || crate::hash::bytes_hash(text.as_bytes()) != *hash {
                    return Err(changed.to_string());
                }
                text.get(*start..*end)
                    .map(Arc::from)
                    .ok_or_else(|| changed.to_string())
            }
        }
    }

    /// A hash of the text without the blank space around it: two bodies with the same
    /// one read the same (word for word), without reading them.
    pub fn trimmed_hash(&self) -> u64 {
        self.trimmed_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_on_disk_is_read_again_and_a_changed_file_is_an_error() {
        let dir = std::env::temp_dir().join(format!("herald-body-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.en.md");
        let text = "---\ntitle: A\n---\nBody, with é.\n";
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        let start = text.find("Body").unwrap();
        let body = Body::in_file(&text[start..], text, &path);
        assert_eq!(&*body.text().unwrap(), "Body, with é.\n");
        assert_eq!(
            body.trimmed_hash(),
            Body::held(Arc::from("\n Body, with é.")).trimmed_hash()
        );
        // The same length, another text: not what was loaded.
        std::fs::write(&path, text.replace("Body", "Bode")).unwrap();
        assert_eq!(body.text().unwrap_err(), CHANGED_WHILE_BUILT);
        // The same text with other line endings.
        std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
        assert_eq!(body.text().unwrap_err(), CHANGED_WHILE_BUILT);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(body.text().unwrap_err(), CHANGED_WHILE_BUILT);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
