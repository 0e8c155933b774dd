//! A Markdown body split into the blocks a translator works on one by one — paragraphs,
//! headings, list items, table rows, code blocks, block quotes' paragraphs, HTML blocks,
//! thematic breaks — with what lies between them kept, so that the body can be put
//! back together with other texts in the blocks' places (`herald diff`, word counts,
//! XLIFF).
//!
//! A block's *text* is what a translator would translate: a paragraph's or list item's
//! inline Markdown without the list marker, a heading's without its `#`s or underline,
//! a code block's code without its fences, a whole table row (`| a | b |`). Lines after
//! the first lose the prefix their containers give them (`> ` in a block quote, the
//! indentation of a list item), which [`Block::place`] puts back. Everything else —
//! markers, fences, blank lines, a table's delimiter row, a footnote's label — is a
//! *separator* and is never translated.
//!
//! Nested containers give the innermost block that holds text: in `- a\n  - b`, `a` and
//! `b` are two list items; in `> - a`, `a` is a list item (in a block quote).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum BlockKind {
    /// A heading, ATX (`## Text`) or setext (`Text` over `===`).
    Heading,
    /// A paragraph outside lists, block quotes and footnotes.
    Paragraph,
    /// The text of a list item (a paragraph of a loose item, or a tight item's text).
    ListItem,
    /// A paragraph in a block quote (the innermost container is the quote).
    Quote,
    /// A paragraph of a footnote's definition (`[^1]: text`).
    Footnote,
    /// A table row, header row included, pipes included: `| a | b |`.
    TableRow,
    /// The code of a fenced or indented code block (fences and info string left out).
    Code,
    /// An HTML block.
    Html,
    /// A thematic break (`---`, `***`).
    Rule,
}

impl BlockKind {
    /// Its name in JSON and XLIFF: `heading`, `paragraph`, `list_item`, `quote`,
    /// `footnote`, `table_row`, `code`, `html`, `rule` (what it serialises as).
    pub(crate) fn name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Quote => "quote",
            BlockKind::Footnote => "footnote",
            BlockKind::TableRow => "table_row",
            BlockKind::Code => "code",
            BlockKind::Html => "html",
            BlockKind::Rule => "rule",
        }
    }

    /// Code and HTML: their text is taken as written, indentation included.
    fn literal(self) -> bool {
        matches!(self, BlockKind::Code | BlockKind::Html)
    }
}

/// One block of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// What it is.
    pub(crate) kind: BlockKind,
    /// Its bytes in the body (containers' prefixes on lines after the first included).
    pub(crate) range: Range<usize>,
    /// Its text: lines joined by `\n`, without carriage returns and without the prefix
    /// containers give lines after the first (see the module's documentation).
    pub(crate) text: String,
    /// [`crate::hash::stable_hash`] of `text`: equal texts, equal hashes, in every run.
    pub(crate) hash: u64,
    /// What goes between line `i` and `i + 1` of `text` in the body: the line ending
    /// and the next line's prefix.
    breaks: Vec<String>,
    /// What goes before lines beyond the source's (a translation with more lines).
    new_break: String,
    /// An ATX heading or a table row: its text must stay on one line.
    single_line: bool,
}

impl Block {
    /// `text` written in this block's place: each line after the first gets the prefix
    /// the source's line at that place had (so [`Block::text`] gives back exactly the
    /// bytes of [`Block::range`]), lines beyond the source's the prefix of the block's
    /// containers; `\r\n` counts as `\n`. An ATX heading's or table row's lines are
    /// joined by spaces, since those blocks end at the line's end.
    ///
    /// The caller keeps the structure: the text of a paragraph, list item, quote or
    /// footnote must not contain a blank line (it would end the block) nor a line that
    /// starts another block (`# `, `- `, `1. `, `> `, a fence).
    pub(crate) fn place(&self, text: &str) -> String {
        let text = text.replace("\r\n", "\n");
        if self.single_line {
            return text
                .split('\n')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
        }
        let mut out = String::with_capacity(text.len() + self.range.len());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str(self.breaks.get(i - 1).unwrap_or(&self.new_break));
            }
            out.push_str(line);
        }
        out
    }
}

/// A body as blocks and the separators around them: `separators[0]`, block 0,
/// `separators[1]`, block 1, …, `separators[n]` is the whole body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Blocks {
    /// The blocks, in the body's order.
    pub(crate) blocks: Vec<Block>,
    /// One more than the blocks: before the first, between each two, after the last.
    separators: Vec<String>,
}

impl Blocks {
    /// Splits a Markdown body (front matter removed: its title and summary are no
    /// blocks; a caller that needs them adds them) with the options herald renders with.
    pub(crate) fn split(body: &str) -> Blocks {
        let ranges = block_ranges(body);
        let mut blocks = Vec::with_capacity(ranges.len());
        let mut separators = Vec::with_capacity(ranges.len() + 1);
        let mut at = 0;
        for (kind, range, single_line) in ranges {
            separators.push(body[at..range.start].to_string());
            at = range.end;
            blocks.push(block(body, kind, range, single_line));
        }
        separators.push(body[at..].to_string());
        Blocks { blocks, separators }
    }

    /// The body with `texts[i]` in block `i`'s place (see [`Block::place`]). With each
    /// block's own [`Block::text`], the body split, byte for byte.
    ///
    /// # Panics
    /// When `texts` has not one text per block.
    pub(crate) fn join<S: AsRef<str>>(&self, texts: &[S]) -> String {
        assert_eq!(texts.len(), self.blocks.len(), "one text per block");
        let mut out = self.separators[0].clone();
        for ((block, text), separator) in self.blocks.iter().zip(texts).zip(&self.separators[1..]) {
            out.push_str(&block.place(text.as_ref()));
            out.push_str(separator);
        }
        out
    }
}

/// Builds the block at `range`: its text without the containers' prefixes, and those.
fn block(body: &str, kind: BlockKind, range: Range<usize>, single_line: bool) -> Block {
    let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
    // The containers' prefix for new lines: the first line's, markers made spaces
    // (`> - ` gives `>   `).
    let pattern: String = body[line_start..range.start]
        .chars()
        .map(|c| {
            if matches!(c, '>' | ' ' | '\t') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let mut text = String::with_capacity(range.len());
    let mut breaks = Vec::new();
    let mut lines = body[range.clone()].split('\n');
    let mut line = lines.next().unwrap_or_default();
    for next in lines {
        let (content, eol) = match line.strip_suffix('\r') {
            Some(content) => (content, "\r\n"),
            None => (line, "\n"),
        };
        text.push_str(content);
        text.push('\n');
        let prefix = if kind.literal() {
            // As much of the containers' prefix as the line has (a blank line has none).
            next.bytes()
                .zip(pattern.bytes())
                .take_while(|(a, b)| a == b)
                .count()
        } else {
            // Leading spaces are not a paragraph's text, and a `>` there is a quote's.
            next.len() - next.trim_start_matches([' ', '\t', '>']).len()
        };
        breaks.push(format!("{eol}{}", &next[..prefix]));
        line = &next[prefix..];
    }
    text.push_str(line);
    let eol = breaks
        .first()
        .filter(|b| b.starts_with('\r'))
        .map_or("\n", |_| "\r\n");
    Block {
        kind,
        hash: crate::hash::stable_hash(&text),
        text,
        range,
        breaks,
        new_break: format!("{eol}{pattern}"),
        single_line,
    }
}

/// A block being read: what it is, and the bytes of its text so far.
struct Open {
    kind: BlockKind,
    range: Option<Range<usize>>,
    single_line: bool,
    /// Inline tags opened inside it and not yet closed.
    depth: usize,
    /// A tight list item's text, which no tag of its own ends.
    run: bool,
}

/// The containers a block can be in, for its kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    Item,
    Footnote,
    Other,
}

/// The blocks' kinds and byte ranges, in order, and whether each must stay on one line.
fn block_ranges(body: &str) -> Vec<(BlockKind, Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut containers: Vec<Container> = Vec::new();
    let mut open: Option<Open> = None;
    let finish = |open: Option<Open>, out: &mut Vec<(BlockKind, Range<usize>, bool)>| {
        if let Some(Open {
            kind,
            range: Some(range),
            single_line,
            ..
        }) = open
        {
            let text = &body[range.clone()];
            let end = range.start + text.trim_end_matches(['\n', '\r']).len();
            if end > range.start {
                out.push((kind, range.start..end, single_line));
            }
        }
    };
    for (event, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        // A tight list item's text ends where a block starts in the item.
        if let Event::Start(tag) = &event {
            if is_block(tag) && open.as_ref().is_some_and(|o| o.run) {
                finish(open.take(), &mut out);
            }
        }
        if let Some(o) = open.as_mut() {
            match &event {
                Event::End(_) if o.depth == 0 => {
                    let was_run = o.run;
                    finish(open.take(), &mut out);
                    if was_run {
                        containers.pop(); // the item the text was in
                    }
                }
                Event::TaskListMarker(_) => {}
                _ => {
                    match &event {
                        Event::Start(_) => o.depth += 1,
                        Event::End(_) => o.depth -= 1,
                        _ => {}
                    }
                    if o.kind != BlockKind::TableRow {
                        o.range = Some(match o.range.take() {
                            Some(r) => r.start.min(range.start)..r.end.max(range.end),
                            None => range,
                        });
                    }
                }
            }
            continue;
        }
        let leaf = |kind, single_line| Open {
            kind,
            range: None,
            single_line,
            depth: 0,
            run: false,
        };
        match event {
            Event::Start(Tag::Paragraph) => {
                let kind = match containers.iter().rev().find(|c| **c != Container::Other) {
                    Some(Container::Item) => BlockKind::ListItem,
                    Some(Container::Quote) => BlockKind::Quote,
                    Some(Container::Footnote) => BlockKind::Footnote,
                    _ => BlockKind::Paragraph,
                };
                open = Some(leaf(kind, false));
            }
            Event::Start(Tag::Heading { .. }) => {
                let atx = body[range.start..].trim_start().starts_with('#');
                open = Some(leaf(BlockKind::Heading, atx));
            }
            Event::Start(Tag::CodeBlock(_)) => open = Some(leaf(BlockKind::Code, false)),
            Event::Start(Tag::HtmlBlock) => open = Some(leaf(BlockKind::Html, false)),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                open = Some(Open {
                    range: Some(range),
                    ..leaf(BlockKind::TableRow, true)
                });
            }
            Event::Start(Tag::BlockQuote(_)) => containers.push(Container::Quote),
            Event::Start(Tag::Item) => containers.push(Container::Item),
            Event::Start(Tag::FootnoteDefinition(_)) => containers.push(Container::Footnote),
            Event::Start(ref tag) if is_block(tag) => containers.push(Container::Other),
            Event::End(_) => {
                containers.pop();
            }
            Event::Rule => finish(
                Some(Open {
                    range: Some(range),
                    ..leaf(BlockKind::Rule, true)
                }),
                &mut out,
            ),
            Event::TaskListMarker(_) => {}
            // Text right in a list item: a tight item's text starts.
            event if containers.last() == Some(&Container::Item) => {
                open = Some(Open {
                    range: Some(range),
                    depth: usize::from(matches!(event, Event::Start(_))),
                    run: true,
                    ..leaf(BlockKind::ListItem, false)
                });
            }
            _ => {}
        }
    }
    finish(open, &mut out);
    out
}

/// Whether a tag is a block (or a part of a table), not inline text.
fn is_block(tag: &Tag) -> bool {
    !super::is_inline_tag(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(body: &str) -> Vec<(BlockKind, String)> {
        Blocks::split(body)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    fn same(body: &str) {
        let blocks = Blocks::split(body);
        let texts: Vec<&str> = blocks.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(blocks.join(&texts), body, "split and joined: {body:?}");
        for b in &blocks.blocks {
            assert_eq!(b.place(&b.text), body[b.range.clone()], "{b:?}");
        }
    }

    #[test]
    fn each_kind_of_block_and_its_text() {
        use BlockKind::*;
        let body = "# Title #\n\nA *first*\nparagraph.\n\n- one\n- two\n  - nested\n    text\n\n> quoted\n> lines\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n<div>\nhi\n</div>\n\n---\n\nSub\n===\n\n1. [ ] task\n\nNote.[^1]\n\n[^1]: The note.\n";
        assert_eq!(
            kinds_and_texts(body),
            [
                (Heading, "Title"),
                (Paragraph, "A *first*\nparagraph."),
                (ListItem, "one"),
                (ListItem, "two"),
                (ListItem, "nested\ntext"),
                (Quote, "quoted\nlines"),
                (TableRow, "| a | b |"),
                (TableRow, "| 1 | 2 |"),
                (Code, "fn main() {}"),
                (Html, "<div>\nhi\n</div>"),
                (Rule, "---"),
                (Heading, "Sub"),
                (ListItem, "task"),
                (Paragraph, "Note.[^1]"),
                (Footnote, "The note."),
            ]
            .map(|(k, t)| (k, t.to_string()))
        );
        same(body);
    }

    #[test]
    fn nested_containers_give_the_innermost_text() {
        use BlockKind::*;
        let body = "> - a\n>   b\n> - c\n>\n>   > deep\n>   > er\n\n- loose\n\n  second\n\n      indented code\n      more\n";
        assert_eq!(
            kinds_and_texts(body),
            [
                (ListItem, "a\nb"),
                (ListItem, "c"),
                (Quote, "deep\ner"),
                (ListItem, "loose"),
                (ListItem, "second"),
                (Code, "indented code\nmore"),
            ]
            .map(|(k, t)| (k, t.to_string()))
        );
        same(body);
    }

    #[test]
    fn other_texts_keep_the_structure() {
        let body = "# Title\n\n> - one\n>   line\n\n| a | b |\n|---|---|\n\n- ```\n  code\n  ```\n";
        let blocks = Blocks::split(body);
        let joined = blocks.join(&["Titre\nlong", "un\ndeux\ntrois", "| x | y |", "c\nd"]);
        assert_eq!(
            joined,
            "# Titre long\n\n> - un\n>   deux\n>   trois\n\n| x | y |\n|---|---|\n\n- ```\n  c\n  d\n  ```\n"
        );
        let again: Vec<BlockKind> = Blocks::split(&joined)
            .blocks
            .iter()
            .map(|b| b.kind)
            .collect();
        let before: Vec<BlockKind> = blocks.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(again, before);
    }

    #[test]
    fn hashes_follow_the_text_only() {
        let a = Blocks::split("One.\n\nTwo.\n");
        let b = Blocks::split("- One.\n\n  Three.\n");
        assert_eq!(a.blocks[0].hash, b.blocks[0].hash);
        assert_ne!(a.blocks[1].hash, b.blocks[1].hash);
    }

    #[test]
    fn awkward_bodies_come_back_byte_for_byte() {
        for body in [
            "",
            "\n\n",
            "text",
            "a\r\nb\r\n\r\n- c\r\n  d\r\n",
            "-\n- \n  x",
            "#\n\n```\n```\n\n~~~\nunclosed",
            "> lazy\ncontinuation\n\n- item\nlazy too\n",
            "\t- tab\n\t  text\n\n>\tquoted\n",
            "  1) a\n\n     b\n  2) [x] done\n",
            "<!-- comment -->\n\n<details>\n\n*inside*\n\n</details>\n",
            "| a |\n|---|\n| `x \\| y` |\n| **b** |\n",
            "> ```\n> code\n>\n>   more\n> ```\n",
            "Para\n***\n- - - x\n",
            "[^a]: one\n\n    two\n\n[^a]\n",
            "[link]\n\n[link]: https://example.org\n",
            "{{< note >}}\nSome *text*.\n{{< /note >}}\n",
        ] {
            same(body);
        }
    }

    /// Every Markdown file of the repository: the example site's announcements, the
    /// test fixtures, the README.
    #[test]
    fn the_repositorys_markdown_comes_back_byte_for_byte() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in ["content", "tests/fixtures", "README.md", "BENCHMARKS.md"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                if entry.path().extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(entry.path()).unwrap();
                    let body = crate::content::front_matter::split(&text)
                        .map_or(text.as_str(), |s| s.body);
                    same(body);
                    seen += 1;
                }
            }
        }
        assert!(seen > 50, "only {seen} Markdown files found");
    }
}
