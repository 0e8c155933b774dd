//! XLIFF 2.0 for CAT tools: `herald export` writes the announcements a language lacks
//! or has stale as one XLIFF file, `herald import` writes the translations back.
//!
//! An announcement is a `<file>` (its id the announcement's name), made of units: its
//! title, its summary when it has one, and each block of its body
//! ([`crate::markdown::blocks`]) that has text to translate; inline Markdown is carried
//! as inline codes ([`crate::markdown::inline`]). The source's `text_hash` is recorded
//! on the `<file>`, each unit's hash on the `<unit>`, as attributes of herald's own
//! namespace ([`NS`]), which the XLIFF 2 core schema allows there.

mod export;
mod import;

pub use export::{export, Export, ExportOptions};
pub use import::{import, Imported};

use crate::content::Translation;
use crate::markdown::blocks::{BlockKind, Blocks};
use crate::markdown::inline::{self, Piece};

/// XLIFF 2.0's namespace.
pub(crate) const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// herald's namespace, for the hashes and what a `<file>` and `<unit>` are.
pub const NS: &str = "urn:herald:xliff:1";

/// One translatable unit of an announcement.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// `title`, `summary`, or `b<N>` for the body's block N (from 1).
    pub(crate) id: String,
    /// What it is: `title`, `summary`, or the block's kind.
    pub(crate) kind: String,
    /// The hash of its source text (16 hex digits).
    pub(crate) hash: String,
    /// Its source text as text and inline codes.
    pub(crate) pieces: Vec<Piece>,
    /// The index of its block in the body, for a block.
    pub(crate) block: Option<usize>,
}

/// A version of an announcement as units, and its body's blocks.
pub(crate) struct Units {
    pub(crate) units: Vec<Unit>,
    pub(crate) blocks: Blocks,
}

/// The hash recorded for a text.
fn hash_of(text: &str) -> String {
    format!("{:016x}", crate::hash::stable_hash(text))
}

/// The units of `version`: its title, its summary if written, and each block with
/// something to translate (code blocks, rules and blocks of markup alone stay as they
/// are).
pub(crate) fn units(version: &Translation) -> Units {
    let plain = |id: &str, text: &str| Unit {
        id: id.to_string(),
        kind: id.to_string(),
        hash: hash_of(text),
        pieces: vec![Piece::Text(text.to_string())],
        block: None,
    };
    let mut units = vec![plain("title", &version.title)];
    if let Some(summary) = &version.summary {
        units.push(plain("summary", summary));
    }
    // Loaded with its body in memory.
    let body = version.body.text().unwrap_or_default();
    let blocks = Blocks::split(&body);
    for (i, block) in blocks.blocks.iter().enumerate() {
        let pieces = inline::pieces(block.kind, &block.text);
        if !has_text(&pieces) || block.kind == BlockKind::Code {
            continue;
        }
        units.push(Unit {
            id: format!("b{}", i + 1),
            kind: block.kind.name().to_string(),
            hash: hash_of(&block.text),
            pieces,
            block: Some(i),
        });
    }
    Units { units, blocks }
}

/// Whether pieces have text with a letter or digit in it (not markup alone).
fn has_text(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| match p {
        Piece::Text(t) => t.chars().any(char::is_alphanumeric),
        Piece::Code { .. } => false,
        Piece::Pair { inner, .. } => has_text(inner),
    })
}
