//! A block's text as translatable text and the inline Markdown a translator must keep
//! as it is (for XLIFF's inline codes): links and their URLs, `@/` links, emphasis and
//! strong markers, inline code, raw inline HTML, images, footnote references, hard
//! breaks, shortcode tags, a table row's pipes.
//!
//! Everything that is not such a *code* is text, so the pieces always give back the
//! block's text byte for byte ([`to_markdown`]).

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::blocks::BlockKind;

/// What an inline code stands for (XLIFF's `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeKind {
    /// Emphasis, strong, strikethrough markers, a hard break.
    Format,
    /// A link (its text translatable), an autolink, a reference.
    Link,
    /// An image (its text alternative translatable).
    Image,
    /// Inline code, inline HTML, a shortcode tag, a table's pipe.
    Other,
}

/// A piece of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text to translate, as Markdown.
    Text(String),
    /// Markup that stands alone (XLIFF `<ph>`).
    Code {
        /// Unique in the block, from 1.
        id: usize,
        /// What it is.
        kind: CodeKind,
        /// Its Markdown.
        markdown: String,
    },
    /// Markup around translatable text (XLIFF `<pc>`).
    Pair {
        /// Unique in the block, from 1.
        id: usize,
        /// What it is.
        kind: CodeKind,
        /// The Markdown before the text (`[`, `**`).
        start: String,
        /// The Markdown after it (`](https://…)`, `**`).
        end: String,
        /// The text inside.
        inner: Vec<Piece>,
    },
}

/// The pieces of a block's text, by the block's kind: literal for code, tags for HTML,
/// inline Markdown for the others.
pub(crate) fn pieces(kind: BlockKind, text: &str) -> Vec<Piece> {
    let codes = match kind {
        BlockKind::Code | BlockKind::Rule => Vec::new(),
        BlockKind::Html => html_tags(text),
        BlockKind::TableRow => {
            let mut codes = markdown_codes(text);
            codes.extend(pipes(text, &codes));
            codes
        }
        _ => markdown_codes(text),
    };
    let mut codes = codes;
    codes.sort_by_key(|c| (c.outer.start, std::cmp::Reverse(c.outer.end)));
    let mut next_id = 1;
    let mut at = 0;
    let out = build(text, &codes, &mut at, 0..text.len(), &mut next_id);
    if to_markdown(&out) == text {
        out
    } else {
        // Codes that do not nest: the whole text, rather than a wrong one.
        vec![Piece::Text(text.to_string())]
    }
}

/// The Markdown of pieces: their text and codes in order.
pub(crate) fn to_markdown(pieces: &[Piece]) -> String {
    let mut out = String::new();
    write_markdown(pieces, &mut out);
    out
}

fn write_markdown(pieces: &[Piece], out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Code { markdown, .. } => out.push_str(markdown),
            Piece::Pair {
                start, end, inner, ..
            } => {
                out.push_str(start);
                write_markdown(inner, out);
                out.push_str(end);
            }
        }
    }
}

/// Markup found in a text: its bytes, and for a pair the bytes of the text inside.
#[derive(Debug, Clone)]
struct Found {
    kind: CodeKind,
    outer: Range<usize>,
    inner: Option<Range<usize>>,
}

/// Pieces for `range` of `text`, given the codes sorted by start (outer first);
/// `at` is the index of the next code to place.
fn build(
    text: &str,
    codes: &[Found],
    at: &mut usize,
    range: Range<usize>,
    next_id: &mut usize,
) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = range.start;
    while let Some(code) = codes.get(*at) {
        if code.outer.start >= range.end {
            break;
        }
        *at += 1;
        if code.outer.start < pos || code.outer.end > range.end {
            continue; // overlaps what is placed: its bytes stay where they are
        }
        if code.outer.start > pos {
            out.push(Piece::Text(text[pos..code.outer.start].to_string()));
        }
        let id = *next_id;
        *next_id += 1;
        out.push(match &code.inner {
            Some(inner) => Piece::Pair {
                id,
                kind: code.kind,
                start: text[code.outer.start..inner.start].to_string(),
                end: text[inner.end..code.outer.end].to_string(),
                inner: build(text, codes, at, inner.clone(), next_id),
            },
            None => Piece::Code {
                id,
                kind: code.kind,
                markdown: text[code.outer.clone()].to_string(),
            },
        });
        pos = code.outer.end;
    }
    if pos < range.end {
        out.push(Piece::Text(text[pos..range.end].to_string()));
    }
    out
}

/// An inline tag being read: what code it is (if one), its range, the range of what
/// is inside so far.
type OpenTag = (Option<CodeKind>, Range<usize>, Option<Range<usize>>);

/// The inline codes of Markdown text: parsed with shortcode tags masked (so nothing
/// in them is read as Markdown), each tag a code of its own.
fn markdown_codes(text: &str) -> Vec<Found> {
    let tags = super::shortcodes::tag_ranges(text);
    let mut masked = text.as_bytes().to_vec();
    for tag in &tags {
        masked[tag.clone()].fill(b'x');
    }
    let masked = String::from_utf8(masked).unwrap_or_else(|_| text.to_string());
    let mut out: Vec<Found> = tags
        .into_iter()
        .map(|outer| Found {
            kind: CodeKind::Other,
            outer,
            inner: None,
        })
        .collect();
    // A reference whose definition is elsewhere in the body is a link all the same.
    let mut callback = |_: pulldown_cmark::BrokenLink<'_>| Some(("".into(), "".into()));
    let parser =
        Parser::new_with_broken_link_callback(&masked, super::options(), Some(&mut callback));
    // Open inline tags: what they are, their range, and the range of what is inside.
    let mut open: Vec<OpenTag> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        // Whatever starts or is inside a tag is inside the tags around it.
        if !matches!(event, Event::End(_)) {
            for (_, _, inner) in open.iter_mut() {
                *inner = Some(inner.take().map_or(range.clone(), |i| {
                    i.start.min(range.start)..i.end.max(range.end)
                }));
            }
        }
        match event {
            Event::Start(tag) => {
                let kind = match &tag {
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => Some(CodeKind::Format),
                    Tag::Superscript | Tag::Subscript => Some(CodeKind::Format),
                    Tag::Link { link_type, .. } => match link_type {
                        LinkType::Inline | LinkType::Reference | LinkType::ReferenceUnknown => {
                            Some(CodeKind::Link)
                        }
                        // Autolinks, and references whose text is their label: whole.
                        _ => {
                            out.push(Found {
                                kind: CodeKind::Link,
                                outer: range.clone(),
                                inner: None,
                            });
                            None
                        }
                    },
                    Tag::Image { .. } => Some(CodeKind::Image),
                    _ => None,
                };
                open.push((kind, range, None));
            }
            Event::End(_) => {
                if let Some((Some(kind), outer, inner)) = open.pop() {
                    out.push(Found {
                        kind,
                        inner: inner.filter(|i| !i.is_empty()),
                        outer,
                    });
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => out.push(Found {
                kind: CodeKind::Other,
                outer: range,
                inner: None,
            }),
            Event::FootnoteReference(_) => out.push(Found {
                kind: CodeKind::Link,
                outer: range,
                inner: None,
            }),
            Event::HardBreak => out.push(Found {
                kind: CodeKind::Format,
                outer: range,
                inner: None,
            }),
            _ => {}
        }
    }
    // Footnote references, which a block read alone cannot tell from text (their
    // definitions are elsewhere in the body).
    let mut from = 0;
    while let Some(i) = masked[from..].find("[^").map(|i| from + i) {
        from = i + 2;
        let Some(len) = masked[from..].find(']') else {
            break;
        };
        let label = &masked[from..from + len];
        let inside_code = out
            .iter()
            .any(|c| c.inner.is_none() && c.outer.contains(&i));
        if !label.is_empty() && !label.contains(char::is_whitespace) && !inside_code {
            out.push(Found {
                kind: CodeKind::Link,
                outer: i..from + len + 1,
                inner: None,
            });
        }
    }
    // Codes inside a code of their own (emphasis in a `[reference]`) are part of it:
    // [`build`] leaves them out.
    out.retain(|c| !c.outer.is_empty());
    out
}

/// A table row's cell separators: `|` not escaped and not in a code span.
fn pipes(text: &str, codes: &[Found]) -> Vec<Found> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .filter(|&i| {
            !codes
                .iter()
                .any(|c| c.inner.is_none() && c.outer.contains(&i))
        })
        .map(|i| Found {
            kind: CodeKind::Other,
            outer: i..i + 1,
            inner: None,
        })
        .collect()
}

/// An HTML block's tags and comments: `<…>` starting with a letter, `/`, `!` or `?`.
fn html_tags(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = text[pos..].find('<').map(|i| pos + i) {
        let opens_tag = text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        let end = if text[i..].starts_with("<!--") {
            text[i + 4..].find("-->").map(|e| i + 4 + e + 3)
        } else if opens_tag {
            text[i..].find('>').map(|e| i + e + 1)
        } else {
            None
        };
        match end {
            Some(end) => {
                out.push(Found {
                    kind: CodeKind::Other,
                    outer: i..end,
                    inner: None,
                });
                pos = end;
            }
            None => pos = i + 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces written out: `{id:markdown}` for codes, `[id:start|…|end]` for pairs.
    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Code { id, markdown, .. } => format!("{{{id}:{markdown}}}"),
                Piece::Pair {
                    id,
                    start,
                    end,
                    inner,
                    ..
                } => format!("[{id}:{start}|{}|{end}]", shown(inner)),
            })
            .collect()
    }

    fn check(kind: BlockKind, text: &str, expected: &str) {
        let pieces = pieces(kind, text);
        assert_eq!(to_markdown(&pieces), text);
        assert_eq!(shown(&pieces), expected, "{text:?}");
    }

    #[test]
    fn inline_markdown_becomes_codes() {
        use BlockKind::*;
        check(
            Paragraph,
            "See *the [new](@/announcements/x.md) policy* and `code` <b>now</b>.",
            "See [1:*|the [2:[|new|](@/announcements/x.md)] policy|*] and {3:`code`} {4:<b>}now{5:</b>}.",
        );
        check(
            ListItem,
            "**Strong** ![a map](map.png) <https://example.org> [ref] end  \nnext",
            "[1:**|Strong|**] [2:![|a map|](map.png)] {3:<https://example.org>} {4:[ref]} end{5:  \n}next",
        );
        check(
            Paragraph,
            "{{< note >}}\nSome *text* with {{< icon name=\"*x*\" >}}.\n{{< /note >}}",
            "{1:{{< note >}}}\nSome [2:*|text|*] with {3:{{< icon name=\"*x*\" >}}}.\n{4:{{< /note >}}}",
        );
        check(
            TableRow,
            "| a `x \\| y` | **b** |",
            "{1:|} a {2:`x \\| y`} {3:|} [4:**|b|**] {5:|}",
        );
        check(
            Html,
            "<div class=\"x\">\nHello & <em>you</em> <!-- c -->\n</div>",
            "{1:<div class=\"x\">}\nHello & {2:<em>}you{3:</em>} {4:<!-- c -->}\n{5:</div>}",
        );
        check(Code, "fn main() { *x* }", "fn main() { *x* }");
        check(
            Paragraph,
            "a < b & c ]]> \u{202e}x",
            "a < b & c ]]> \u{202e}x",
        );
        check(
            Paragraph,
            "Note.[^1] and [](empty)",
            "Note.{1:[^1]} and {2:[](empty)}",
        );
    }
}
