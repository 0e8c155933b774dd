//! `herald diff`: what changed in an announcement's source since a translation was made
//! from it, block by block, with the unchanged blocks folded.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};

use crate::config;
use crate::content::{self, Staleness, ANNOUNCEMENTS_DIR};
use crate::diagnostics::Diagnostic;
use crate::workbench::{self, Since, Step, Workbench};

/// What `herald diff` found.
#[derive(Debug)]
pub enum Outcome {
    /// The translation is not stale: nothing changed in its source since it was made.
    UpToDate {
        /// The translation's file, relative to the site folder.
        translation: PathBuf,
    },
    /// The source changed since the translation was made from it.
    Changed(Report),
}

/// The changes in a source since a stale translation was made from it.
#[derive(Debug)]
pub struct Report {
    translation: PathBuf,
    source: PathBuf,
    since: Since,
    /// The source's hash now, to record once the translation is updated.
    current_hash: String,
    /// Stale by `source_hash` (else by date).
    by_hash: bool,
}

/// Compares the source of announcement `name` (or its file name) as the `lang`
/// translation was made from it, read from the site's git history, with the source now.
/// Errors: no such announcement or translation, or the earlier source cannot be found
/// (not a git repository, no commit with that version), saying why and what to do.
pub fn diff(site_dir: &Path, name: &str, lang: &str) -> Result<Outcome, Vec<Diagnostic>> {
    let config = config::load(site_dir).map_err(|d| d.sorted())?;
    config.site_language(lang)?;
    let name = announcement_name(name, &config);
    let announcements = content::load_or_errors(&config)?;
    let error = |path: &Path, why: String| vec![Diagnostic::file_error(path, why)];
    let fail = |path: &Path, why: String| Err(error(path, why));
    let Some(announcement) = announcements.iter().find(|a| a.name == name) else {
        return fail(
            Path::new(ANNOUNCEMENTS_DIR),
            format!("there is no announcement named `{name}` (`herald status` lists them)"),
        );
    };
    let source = announcement.source();
    if lang == announcement.source_lang {
        return fail(
            &source.path,
            format!("`{lang}` is the language of `{name}`'s source: `herald diff` compares a translation with its source; name the translation's language"),
        );
    }
    let Some(translation) = announcement.translation(lang) else {
        return fail(
            &source.path,
            format!("`{name}` has no `{lang}` translation yet: `herald new --translate {name} --lang {lang}` makes one from the source"),
        );
    };
    let Some(stale) = &translation.stale else {
        return Ok(Outcome::UpToDate {
            translation: translation.path.clone(),
        });
    };
    let since = Workbench::new(&config.root)
        .since(source, translation)
        .map_err(|why| error(&translation.path, why.0))?;
    Ok(Outcome::Changed(Report {
        translation: translation.path.clone(),
        source: source.path.clone(),
        since,
        current_hash: source.text_hash.clone(),
        by_hash: matches!(stale, Staleness::Hash { .. }),
    }))
}

/// The announcement a name on the command line means: a name, or a file's name or path
/// (`x.fr.md`, `content/announcements/x/index.fr.md`).
fn announcement_name(given: &str, config: &config::Config) -> String {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut parts = given.trim_end_matches('/').rsplit('/');
    let last = parts.next().unwrap_or(given);
    let (name, _) = crate::scaffold::strip_file_suffix(last, &codes);
    match (name, parts.next()) {
        ("index", Some(folder)) => folder.to_string(),
        _ => name.to_string(),
    }
}

impl Report {
    /// The words of the source's changed parts.
    pub fn words(&self) -> usize {
        self.since.changes().iter().map(|c| c.words).sum()
    }

    /// The report for a terminal (`color`: with ANSI colours): what the translation was
    /// made from, then the source's parts in order, changed ones in full (`-` the text
    /// then, `+` now), runs of unchanged ones folded to one line.
    pub fn to_text(&self, color: bool) -> String {
        let paint = |style: Style, text: &str| {
            if color && !text.is_empty() {
                format!("{}{text}{}", style.render(), style.render_reset())
            } else {
                text.to_string()
            }
        };
        let bold = Style::new().bold();
        let dim = Style::new().dimmed();
        let kind = Style::new().fg_color(Some(AnsiColor::Cyan.into())).bold();
        let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
        let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
        let changes = self.since.changes().len();
        let mut out = paint(
            bold,
            &format!(
                "{} was made from its source as of commit {} ({}).\nSince then, {} has changed in {} {} ({} words to update):",
                crate::files::slash_path(&self.translation),
                self.since.commit,
                self.since.date,
                crate::files::slash_path(&self.source),
                changes,
                if changes == 1 { "part" } else { "parts" },
                crate::diagnostics::thousands(self.words()),
            ),
        );
        out.push_str("\n\n");
        for step in &self.since.steps {
            let c = match step {
                Step::Same(n) => {
                    let blocks = if *n == 1 { "block" } else { "blocks" };
                    let _ = writeln!(
                        out,
                        "  {}",
                        paint(dim, &format!("… {n} unchanged {blocks}"))
                    );
                    continue;
                }
                Step::Change(c) => c,
            };
            let (mark, style) = match c.change {
                "changed" => ("~", bold),
                "added" => ("+", green),
                _ => ("-", red),
            };
            let mut head = format!("{mark} {} {}", c.change, c.kind.replace('_', " "));
            if let Some(line) = c.line {
                let _ = write!(head, ", line {line}");
            }
            let head_style = kind.fg_color(style.get_fg_color().or(kind.get_fg_color()));
            let _ = writeln!(out, "{}", paint(head_style, &head));
            let (old, new) = (c.old.as_deref(), c.new.as_deref());
            // In colour, the words that differ in a changed part stand out.
            let marked = match (old, new) {
                (Some(o), Some(n)) if color => Some(workbench::word_changes(o, n)),
                _ => None,
            };
            for (sign, text, style, changed) in [
                ("-", old, red, marked.as_ref().map(|m| &m.0)),
                ("+", new, green, marked.as_ref().map(|m| &m.1)),
            ] {
                let Some(text) = text else { continue };
                let changed = changed.map_or(&[][..], Vec::as_slice);
                let mut at = 0;
                for line in text.split('\n') {
                    let end = at + line.len();
                    let mut shown = paint(style, &format!("{sign} "));
                    let mut pos = at;
                    for r in changed.iter().filter(|r| r.start < end && r.end > at) {
                        let (s, e) = (r.start.max(at), r.end.min(end));
                        shown.push_str(&paint(style, &text[pos..s]));
                        shown.push_str(&paint(style.invert(), &text[s..e]));
                        pos = e;
                    }
                    shown.push_str(&paint(style, &text[pos..end]));
                    let _ = writeln!(out, "{shown}");
                    at = end + 1;
                }
            }
        }
        out.push('\n');
        let (hash, file) = (
            &self.current_hash,
            crate::files::slash_path(&self.translation),
        );
        out.push_str(&if self.by_hash {
            format!("Update the translation, then set `source_hash: {hash}` in {file}.\n")
        } else {
            format!("Update the translation, then set `source_hash: {hash}` in {file} (or its `updated:` to the day you update it).\n")
        });
        out
    }
}
