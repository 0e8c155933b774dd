//! Diagnostics on a terminal: whether they are coloured, and each with its source line
//! (read here, above the stages that make diagnostics, so that [`crate::diagnostics`]
//! needs nothing of theirs).

use std::io::IsTerminal as _;
use std::path::Path;

use crate::diagnostics::{render, Diagnostic};

/// Whether diagnostics on stderr are coloured (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    /// Coloured when stderr is a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`;
    /// `CLICOLOR_FORCE` (not `0`) colours a pipe too.
    #[default]
    Auto,
    /// Always coloured.
    Always,
    /// Never coloured.
    Never,
}

/// The colour choice of this process.
static CHOICE: std::sync::OnceLock<Color> = std::sync::OnceLock::new();

/// Sets whether what is printed from now on is coloured; only the first call counts
/// (the command line makes it before anything is printed).
pub fn set_color(choice: Color) {
    let _ = CHOICE.set(choice);
}

/// Whether diagnostics on stderr are coloured ([`Color::Auto`] unless set).
fn colored() -> bool {
    resolve(std::io::stderr().is_terminal())
}

/// Whether a command's own output on stdout (`herald diff`) is coloured: as diagnostics
/// are on stderr, deciding by stdout.
pub fn stdout_colored() -> bool {
    resolve(std::io::stdout().is_terminal())
}

/// What the colour choice decides for a stream that is a terminal or not: [`Color::Auto`]
/// decides from the environment.
fn resolve(terminal: bool) -> bool {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    match CHOICE.get().copied().unwrap_or_default() {
        Color::Always => true,
        Color::Never => false,
        Color::Auto if var("NO_COLOR").is_some() => false,
        Color::Auto if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
        Color::Auto => std::env::var_os("TERM").is_none_or(|t| t != "dumb") && terminal,
    }
}

/// Prints diagnostics to stderr as [`render`](crate::diagnostics::render) shows them (coloured as [`set_color`]
/// says), each file read once for its lines; a path relative to `root` is found there.
pub fn eprint_all<'a>(root: &Path, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    use std::io::Write;
    let color = colored();
    let mut sources: std::collections::HashMap<&Path, Option<String>> = Default::default();
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let source = match d.line {
            Some(_) => sources
                .entry(&d.path)
                .or_insert_with(|| read_source(&root.join(&d.path)))
                .as_deref(),
            None => None,
        };
        let _ = writeln!(err, "{}", render(d, source, color));
    }
}

/// The text of a file a diagnostic names, for its snippet; `None` when it cannot be read
/// or is larger than an announcement may be.
fn read_source(path: &Path) -> Option<String> {
    use std::io::Read;
    const MAX: u64 = crate::content::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    crate::files::open_regular(path)
        .ok()?
        .take(MAX + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    if bytes.len() as u64 > MAX {
        return None;
    }
    let text = String::from_utf8_lossy(&bytes);
    Some(crate::files::strip_bom(&text).to_string())
}
