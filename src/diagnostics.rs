//! One diagnostic type shared by every stage, and how it is printed.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// Something a person should look at; `--strict` turns it into an error.
    Warning,
}

/// A problem found in the input, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column, when the problem has one.
    pub col: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, written for the person who has to fix it.
    pub message: String,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line: Some(line),
            col: Some(col),
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// An error about a whole file (no position).
    pub fn file_error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            col: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// A warning about a whole file (no position).
    pub fn file_warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::file_error(path, message)
        }
    }

    /// Whether this diagnostic stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// `path:line:col` (as much of it as is known).
    fn place(&self) -> String {
        let mut place = self.path.display().to_string();
        if let Some(line) = self.line {
            place.push_str(&format!(":{line}"));
            if let Some(col) = self.col {
                place.push_str(&format!(":{col}"));
            }
        }
        place
    }

    /// `error` or `warning`.
    fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.place(), self.label(), self.message)
    }
}

/// A diagnostic as the command line prints it: its first line, exactly as [`Diagnostic`]
/// displays it (editors and scripts read `path:line:col: error: message`), then, when it
/// has a line and `source` (its file's text) has that line, not blank nor a `---` fence,
/// the line under a gutter with a caret under the column, as rustc shows it
/// (annotate-snippets). ANSI colours when `color`.
pub fn render(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    use anstyle::{AnsiColor, Style};
    let (level, tint) = match d.severity {
        Severity::Error => (Level::ERROR, AnsiColor::BrightRed),
        Severity::Warning => (Level::WARNING, AnsiColor::Yellow),
    };
    let mut out = if color {
        let bold = Style::new().bold();
        let tint = tint.on_default().bold();
        format!(
            "{bold}{}:{bold:#} {tint}{}{tint:#}{bold}: {}{bold:#}",
            d.place(),
            d.label(),
            d.message
        )
    } else {
        d.to_string()
    };
    let snippet = d.line.zip(source).and_then(|(line, text)| {
        let shown = text.split('\n').nth(line.checked_sub(1)?)?;
        let shown = shown.strip_suffix('\r').unwrap_or(shown);
        // A blank line or a front matter fence shows nothing: such a diagnostic is
        // about the whole file (its name, a missing key).
        if matches!(shown.trim(), "" | "---") {
            return None;
        }
        let col = d.col.unwrap_or(1).saturating_sub(1);
        let start = shown
            .char_indices()
            .nth(col)
            .map_or(shown.len(), |(i, _)| i);
        let end = shown[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        let group = Group::with_level(level).element(
            Snippet::source(shown)
                .line_start(line)
                .annotation(AnnotationKind::Primary.span(start..end)),
        );
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Some(renderer.render(&[group]))
    });
    if let Some(snippet) = snippet {
        out.push('\n');
        out.push_str(&snippet);
    }
    out
}

/// The candidate closest to `word`, if one is close enough to be what was meant: a
/// few edits apart (a third of the word's length, at least one and at most three; a
/// swap of two neighbours is one edit); a word of one or two letters only in case.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    let limit = (len / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            let other = c.to_lowercase();
            let distance = strsim::osa_distance(&lower, &other);
            (distance, strsim::jaro_winkler(&lower, &other), c)
        })
        .filter(|&(d, _, _)| d <= limit && (d == 0 || len > 2))
        // The fewest edits; between equals, the most alike from the start.
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, c)| c)
}

/// Every diagnostic a stage found; stages keep going and add to it.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Record many.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Turn every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// All diagnostics, sorted by path, line and column, without repeats.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort();
        items.dedup();
        items
    }

    /// The diagnostics, in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether any diagnostic is about `path`.
    pub fn mentions(&self, path: &std::path::Path) -> bool {
        self.items.iter().any(|d| d.path == path)
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of diagnostics recorded.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}

/// Turns byte offsets in a text into 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Index the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.trim_end_matches('\r').chars().count())
            .unwrap_or(0);
        (line, col + 1)
    }
}

/// Shows `path` relative to `root` when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// How many items of a long list a message names before it gives the count of the rest.
pub const LIST_SHOWN: usize = 10;

/// `a, b, c`; past [`LIST_SHOWN`] items, the first ones and `… and 299,583 more`.
pub fn short_list<S: AsRef<str>>(items: &[S]) -> String {
    let shown: Vec<&str> = items.iter().take(LIST_SHOWN).map(AsRef::as_ref).collect();
    let mut list = shown.join(", ");
    if items.len() > LIST_SHOWN {
        list.push_str(&format!(
            " … and {} more",
            thousands(items.len() - LIST_SHOWN)
        ));
    }
    list
}

/// `1 page`, `2 pages`: a count with its English noun (the command line's language).
pub fn counted(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

/// `299583` as `299,583`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_name_the_first_ten_and_count_the_rest() {
        assert_eq!(short_list(&["a", "b"]), "a, b");
        let ids: Vec<String> = (0..299_593).map(|i| format!("m{i}")).collect();
        assert_eq!(
            short_list(&ids),
            "m0, m1, m2, m3, m4, m5, m6, m7, m8, m9 … and 299,583 more"
        );
        assert_eq!(short_list(&ids[..10]), ids[..10].join(", "));
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn suggestions_are_close_or_none() {
        let keys = ["title", "date", "tags", "summary", "extra"];
        assert_eq!(did_you_mean("tilte", keys), Some("title"));
        assert_eq!(did_you_mean("tagz", keys), Some("tags"));
        assert_eq!(did_you_mean("Title", keys), Some("title"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(did_you_mean("x", ["a", "ab"]), None);
        let langs = ["en", "zh", "ar", "es", "fr", "ru", "pt", "zh-Hant"];
        assert_eq!(did_you_mean("EN", langs), Some("en"));
        assert_eq!(did_you_mean("eng", langs), Some("en"));
        assert_eq!(did_you_mean("ZH-HANT", langs), Some("zh-Hant"));
        assert_eq!(did_you_mean("de", langs), None);
        assert_eq!(did_you_mean("it", langs), None);
        let names = ["2026-01-15-board-elections", "2026-01-15-party"];
        assert_eq!(
            did_you_mean("2026-01-15-board-election", names),
            Some("2026-01-15-board-elections")
        );
        assert_eq!(did_you_mean("2026-01-15-budget", names), None);
    }

    #[test]
    fn a_diagnostic_shows_its_line_and_a_caret_under_its_column() {
        let d = Diagnostic::error("a.md", 2, 9, "quote the value");
        let text = "---\ntitle: A: B\n---\n";
        assert_eq!(
            render(&d, Some(text), false),
            "a.md:2:9: error: quote the value\n  |\n2 | title: A: B\n  |         ^"
        );
        // No line, no file text or a line past its end: the first line alone.
        assert_eq!(render(&d, None, false), d.to_string());
        for line in [1, 3, 4, 7] {
            let d = Diagnostic::warning("a.md", line, 1, "x");
            assert_eq!(render(&d, Some(text), false), d.to_string());
        }
        let colored = render(&Diagnostic::error("a.md", 2, 1, "m"), Some(text), true);
        assert!(
            colored.starts_with("\u{1b}[1ma.md:2:1:\u{1b}[0m \u{1b}[1m\u{1b}[91merror"),
            "{colored:?}"
        );
    }
}
