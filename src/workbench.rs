//! The translator's workbench: what changed in a source since a translation was made
//! from it, block by block (`herald diff`, `herald status`), and how many words a
//! translator has to translate or update.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::{front_matter, Staleness, Translation};
use crate::history::{History, Unavailable, Wanted};
use crate::markdown::blocks::{BlockKind, Blocks};

/// One part of an announcement a translator translates: its title, its summary (when
/// the front matter has one) or a block of its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// `title`, `summary`, or the block's kind (`paragraph`, `list_item`, …).
    pub(crate) kind: &'static str,
    /// Its text (a block's as [`crate::markdown::blocks`] gives it).
    pub(crate) text: String,
    /// Its 1-based line in the file, for a block.
    pub(crate) line: Option<usize>,
    /// A code block: not counted in words.
    code: bool,
}

impl Part {
    /// The words a reader reads in it: Markdown syntax, link targets and HTML tags are
    /// not words, nor is code in a code block ([`count_words`]).
    pub(crate) fn words(&self) -> usize {
        match self.kind {
            _ if self.code => 0,
            "title" | "summary" => count_words(&self.text),
            _ => markdown_words(&self.text),
        }
    }
}

/// The parts of a version of an announcement: title, summary, body blocks.
pub(crate) fn parts(title: &str, summary: Option<&str>, body: &str, body_line: usize) -> Vec<Part> {
    let mut out = vec![Part {
        kind: "title",
        text: title.to_string(),
        line: None,
        code: false,
    }];
    if let Some(summary) = summary {
        out.push(Part {
            kind: "summary",
            text: summary.to_string(),
            line: None,
            code: false,
        });
    }
    let index = crate::diagnostics::LineIndex::new(body);
    out.extend(Blocks::split(body).blocks.into_iter().map(|b| Part {
        kind: b.kind.name(),
        line: Some(index.position(b.range.start).0 + body_line - 1),
        code: b.kind == BlockKind::Code,
        text: b.text,
    }));
    out
}

/// The parts of a translation as it is now.
pub(crate) fn parts_of(t: &Translation) -> Vec<Part> {
    // Commands that read translations load them with their bodies in memory.
    let body = t.body.text().unwrap_or_default();
    parts(&t.title, t.summary.as_deref(), &body, t.body_line)
}

/// The words of a whole version (title, summary, body), as a translator gets it.
pub(crate) fn words_of(t: &Translation) -> usize {
    parts_of(t).iter().map(Part::words).sum()
}

/// A part that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `changed`, `added` or `removed`.
    pub change: &'static str,
    /// `title`, `summary`, `heading`, `paragraph`, `list_item`, `quote`, `footnote`,
    /// `table_row`, `code`, `html` or `rule`.
    pub kind: &'static str,
    /// The text it had when the translation was made (not for `added`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// Its text now (not for `removed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// The line of the new text in the source file (body blocks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The words of the new text: what the translator updates.
    pub words: usize,
}

/// A step from the old version to the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// This many parts in a row are the same.
    Same(usize),
    /// A part changed, appeared or went.
    Change(Change),
}

/// The old version's parts turned into the new's, in order: runs of parts that stayed
/// and the changes between them (a part that went and one of the same kind that took
/// its place are one `changed`).
pub(crate) fn compare(old: &[Part], new: &[Part]) -> Vec<Step> {
    let same = |a: &Part, b: &Part| a.kind == b.kind && a.text == b.text;
    let pairs = common(old, new, same);
    let mut steps = Vec::new();
    let (mut i, mut j) = (0, 0);
    let flush = |steps: &mut Vec<Step>, gone: &[Part], came: &[Part]| {
        let (mut g, mut c) = (0, 0);
        while g < gone.len() || c < came.len() {
            let change = match (gone.get(g), came.get(c)) {
                (Some(o), Some(n)) if o.kind == n.kind => {
                    g += 1;
                    c += 1;
                    ("changed", Some(o), Some(n))
                }
                (Some(o), _) if c >= came.len() || !came[c..].iter().any(|n| n.kind == o.kind) => {
                    g += 1;
                    ("removed", Some(o), None)
                }
                (_, Some(n)) => {
                    c += 1;
                    ("added", None, Some(n))
                }
                (Some(o), None) => {
                    g += 1;
                    ("removed", Some(o), None)
                }
                (None, None) => unreachable!(),
            };
            let (what, o, n) = change;
            steps.push(Step::Change(Change {
                change: what,
                kind: n.or(o).map_or("", |p| p.kind),
                old: o.map(|p| p.text.clone()),
                new: n.map(|p| p.text.clone()),
                line: n.and_then(|p| p.line),
                words: n.map_or(0, Part::words),
            }));
        }
    };
    for (a, b) in pairs.into_iter().chain([(old.len(), new.len())]) {
        flush(&mut steps, &old[i..a], &new[j..b]);
        if a < old.len() {
            match steps.last_mut() {
                Some(Step::Same(n)) => *n += 1,
                _ => steps.push(Step::Same(1)),
            }
        }
        (i, j) = (a + 1, b + 1);
    }
    steps
}

/// The pairs of indices of a longest common subsequence of `a` and `b`, in order. The
/// ends they share are matched first; a middle too large for the quadratic table
/// (over 4 million cells) counts as wholly changed.
fn common<T>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<(usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    let (n, m) = (ma.len(), mb.len());
    if n > 0 && m > 0 && n.saturating_mul(m) <= 4_000_000 {
        // lengths[i][j]: the longest common subsequence of ma[i..] and mb[j..].
        let mut lengths = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lengths[at(i, j)] = if same(&ma[i], &mb[j]) {
                    lengths[at(i + 1, j + 1)] + 1
                } else {
                    lengths[at(i + 1, j)].max(lengths[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if same(&ma[i], &mb[j]) {
                pairs.push((prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if lengths[at(i + 1, j)] >= lengths[at(i, j + 1)] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    pairs.extend((0..suffix).map(|k| (a.len() - suffix + k, b.len() - suffix + k)));
    pairs
}

/// What changed in a source since a translation was made from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Since {
    /// The commit that has the version the translation was made from (12 hex digits).
    pub(crate) commit: String,
    /// That commit's date, `YYYY-MM-DD`.
    pub(crate) date: String,
    /// From that version to the source now.
    pub(crate) steps: Vec<Step>,
}

impl Since {
    /// The changes alone.
    pub(crate) fn changes(&self) -> Vec<Change> {
        self.steps
            .iter()
            .filter_map(|s| match s {
                Step::Change(c) => Some(c.clone()),
                Step::Same(_) => None,
            })
            .collect()
    }
}

/// The site's git history, opened when first needed and once.
pub(crate) struct Workbench {
    root: PathBuf,
    history: OnceCell<Result<History, Unavailable>>,
}

impl Workbench {
    /// For the site in `root`.
    pub(crate) fn new(root: &Path) -> Workbench {
        Workbench {
            root: root.to_path_buf(),
            history: OnceCell::new(),
        }
    }

    /// What changed in `source` since the stale `translation` was made from it: the
    /// newest committed version whose hash is its `source_hash`, or, stale by date, the
    /// source as committed by the end of the translation's `updated` (or `date`) day.
    pub(crate) fn since(
        &self,
        source: &Translation,
        translation: &Translation,
    ) -> Result<Since, Unavailable> {
        let history = self
            .history
            .get_or_init(|| History::open(&self.root))
            .as_ref()
            .map_err(Clone::clone)?;
        let wanted = match &translation.stale {
            Some(Staleness::Hash { recorded, .. }) => Wanted::Hash(recorded),
            // A plain date is the whole day; a written time (midnight too) is that time.
            _ => {
                let d = translation.changed();
                Wanted::AsOf(if d.timed { d.timestamp } else { d.end() - 1 })
            }
        };
        let old = history.find(&source.path, wanted)?;
        let shown = crate::files::slash_path(&source.path);
        let unreadable = |why: String| {
            Unavailable(format!(
                "{shown} as of commit {} cannot be read ({why}): compare the translation with the whole source",
                old.commit
            ))
        };
        let split = front_matter::split(&old.text).map_err(|(_, why)| unreadable(why))?;
        let front = front_matter::parse(&split, &shown)
            .map_err(|d| unreadable(d.first().map_or_else(String::new, |d| d.message.clone())))?;
        let before = parts(
            &front.title,
            front.summary.as_deref(),
            split.body,
            split.body_line,
        );
        Ok(Since {
            steps: compare(&before, &parts_of(source)),
            commit: old.commit,
            date: old.date.ymd(),
        })
    }
}

/// The byte ranges of the words (and the spaces and signs between them) that differ
/// between two texts: in `old`, and in `new`.
pub(crate) fn word_changes(
    old: &str,
    new: &str,
) -> (Vec<std::ops::Range<usize>>, Vec<std::ops::Range<usize>>) {
    let tokens = |text: &str| -> Vec<std::ops::Range<usize>> {
        let bounds: Vec<usize> = SEGMENTER.segment_str(text).collect();
        bounds.windows(2).map(|w| w[0]..w[1]).collect()
    };
    let (a, b) = (tokens(old), tokens(new));
    let pairs = common(&a, &b, |x, y| old[x.clone()] == new[y.clone()]);
    let unmatched = |ranges: &[std::ops::Range<usize>], matched: Vec<usize>| {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        let mut matched = matched.into_iter().peekable();
        for (i, r) in ranges.iter().enumerate() {
            if matched.next_if_eq(&i).is_some() {
                continue;
            }
            match out.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => out.push(r.clone()),
            }
        }
        out
    };
    (
        unmatched(&a, pairs.iter().map(|p| p.0).collect()),
        unmatched(&b, pairs.iter().map(|p| p.1).collect()),
    )
}

/// The segmenter of [`count_words`]: UAX #29 with dictionaries for Chinese and Japanese
/// and models for Thai, Lao, Khmer and Burmese.
static SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_auto(WordBreakInvariantOptions::default()));

/// The words of a plain text: the word-like segments of Unicode word segmentation
/// (ICU4X), so that `l'équipe` is one word, `co-operate` two, `2024` one, and Chinese
/// and Japanese, written without spaces, count by their words.
pub(crate) fn count_words(text: &str) -> usize {
    SEGMENTER
        .segment_str(text)
        .iter_with_word_type()
        .filter(|(_, kind)| kind.is_word_like())
        .count()
}

/// The words of Markdown as readers read it: its text and inline code, not its syntax,
/// link targets, HTML tags or code blocks.
pub(crate) fn markdown_words(markdown: &str) -> usize {
    let mut words = 0;
    let mut in_code_block = false;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(t) | Event::Code(t) if !in_code_block => words += count_words(&t),
            _ => {}
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Vec<Part> {
        parts("T", None, text, 1)
    }

    fn shown(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                Step::Same(n) => format!("={n}"),
                Step::Change(c) => format!(
                    "{} {} {:?}>{:?}",
                    c.change,
                    c.kind,
                    c.old.as_deref().unwrap_or(""),
                    c.new.as_deref().unwrap_or("")
                ),
            })
            .collect()
    }

    #[test]
    fn a_changed_paragraph_between_unchanged_ones() {
        let old = body("A.\n\nB.\n\nC.\n\nD.\n");
        let new = body("A.\n\nB two.\n\nC.\n\nD.\n\n- E\n");
        assert_eq!(
            shown(&compare(&old, &new)),
            [
                "=2",
                "changed paragraph \"B.\">\"B two.\"",
                "=2",
                "added list_item \"\">\"E\""
            ]
        );
    }

    #[test]
    fn removed_and_added_blocks_of_other_kinds() {
        let old = body("# H\n\nA.\n\nB.\n");
        let new = body("# H\n\n- x\n\nB.\n");
        assert_eq!(
            shown(&compare(&old, &new)),
            [
                "=2",
                "removed paragraph \"A.\">\"\"",
                "added list_item \"\">\"x\"",
                "=1"
            ]
        );
        assert_eq!(shown(&compare(&old, &old)), ["=4"]);
    }

    #[test]
    fn lines_are_the_files() {
        let p = parts("T", Some("S"), "A.\n\n- b\n", 5);
        let lines: Vec<_> = p.iter().map(|p| (p.kind, p.line)).collect();
        assert_eq!(
            lines,
            [
                ("title", None),
                ("summary", None),
                ("paragraph", Some(5)),
                ("list_item", Some(7))
            ]
        );
    }

    #[test]
    fn the_words_that_differ() {
        let (o, n) = (
            "The board meets on Monday.",
            "The board meets on Tuesday at 9.",
        );
        let (old, new) = word_changes(o, n);
        let texts = |text: &str, ranges: Vec<std::ops::Range<usize>>| -> Vec<String> {
            ranges.into_iter().map(|r| text[r].to_string()).collect()
        };
        assert_eq!(texts(o, old), ["Monday"]);
        assert_eq!(texts(n, new), ["Tuesday at 9"]);
        let (old, new) = word_changes("我们明天开会。", "我们今天开会。");
        assert_eq!(texts("我们明天开会。", old), ["明天"]);
        assert_eq!(texts("我们今天开会。", new), ["今天"]);
    }

    #[test]
    fn words_as_the_readme_says() {
        assert_eq!(count_words("l'assemblée"), 1);
        assert_eq!(count_words("board's"), 1);
        assert_eq!(count_words("co-operate"), 2);
        assert_eq!(count_words("18 h"), 2);
        assert_eq!(count_words("我们明天在北京开会"), 5);
        assert_eq!(count_words(" — , . ; "), 0);
    }

    #[test]
    fn markdown_syntax_and_code_blocks_are_not_words() {
        assert_eq!(
            markdown_words("A [link](https://example.org/a/b) and `code`."),
            4
        );
        assert_eq!(markdown_words("<span class=\"x\">Two words</span>"), 2);
        assert_eq!(markdown_words("```\nlet x = 1;\n```"), 0);
        let p = body("```\nlet x = 1;\n```\n");
        assert_eq!(p[1].words(), 0);
    }
}
