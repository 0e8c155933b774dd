//! How deep a body may nest. The Markdown parser keeps a node per bracket and per
//! container, and the sanitiser's HTML parser looks through every open element at each
//! new one: deep nesting would cost far more than the text's size. The text is checked
//! before it is parsed ([`check_text`]), then the parser's events as they are read
//! ([`Depth`]).

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::html_depth::OpenElements;

/// The deepest Markdown nesting accepted: block quotes and list items inside each
/// other, and `[` open at once.
pub const MAX_NESTING: usize = 32;

/// The deepest nesting of HTML elements accepted in a body (its raw HTML's and the
/// Markdown's around it), as an HTML parser nests them.
pub const MAX_HTML_NESTING: usize = 256;

/// A limit that a body goes over: where (a byte offset in the body) and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    /// Byte offset in the body.
    pub offset: usize,
    /// What is over which limit.
    pub message: String,
}

fn containers_exceeded(offset: usize) -> Exceeded {
    Exceeded {
        offset,
        message: format!(
            "block quotes and lists nest more than {MAX_NESTING} levels deep here (herald's limit on Markdown nesting)"
        ),
    }
}

fn brackets_exceeded(offset: usize) -> Exceeded {
    Exceeded {
        offset,
        message: format!(
            "more than {MAX_NESTING} `[` are open here (herald's limit on Markdown nesting); write `\\[` for a bracket that opens no link"
        ),
    }
}

fn html_exceeded(offset: usize) -> Exceeded {
    Exceeded {
        offset,
        message: format!(
            "raw HTML elements nest more than {MAX_HTML_NESTING} deep here (herald's limit on HTML nesting)"
        ),
    }
}

/// Checks the text before it is parsed: no line opens more than [`MAX_NESTING`] block
/// quotes and lists, and no more than [`MAX_NESTING`] `[` are open at once in a
/// paragraph (escaped `\[` and fenced code blocks at the top level do not count).
pub fn check_text(body: &str) -> Result<(), Exceeded> {
    let mut fence: Option<(u8, usize)> = None;
    let mut open = 0usize;
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let bytes = line.as_bytes();
        if let Some(f) = fence {
            if closes_fence(bytes, f) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = opens_fence(bytes) {
            fence = Some(f);
            continue;
        }
        if line.trim().is_empty() {
            open = 0;
            continue;
        }
        if let Some(over) = too_many_markers(bytes) {
            return Err(containers_exceeded(at + over));
        }
        if open == 0 && !line.contains('[') {
            continue;
        }
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'[' => {
                    open += 1;
                    if open > MAX_NESTING {
                        return Err(brackets_exceeded(at + i));
                    }
                }
                b']' => open = open.saturating_sub(1),
                _ => {}
            }
            i += 1;
        }
    }
    Ok(())
}

/// The offset of the block-quote or list marker over [`MAX_NESTING`] that a line starts
/// with, if it has that many (a line indented four spaces or more is code).
fn too_many_markers(line: &[u8]) -> Option<usize> {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    if indent >= 4 || line.first() == Some(&b'\t') {
        return None;
    }
    let mut count = 0;
    let mut i = 0;
    loop {
        while matches!(line.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        let len = marker_len(&line[i..]);
        if len == 0 {
            return None;
        }
        count += 1;
        if count > MAX_NESTING {
            return Some(i);
        }
        i += len;
    }
}

/// The length of a block-quote marker (`>`) or list marker (`-`, `+`, `*`, `1.`, `1)`
/// and a space) at the start of `rest`, or 0; a thematic break (`- - -`) is none.
fn marker_len(rest: &[u8]) -> usize {
    let spaced = |i: usize| matches!(rest.get(i), Some(b' ' | b'\t'));
    match rest.first() {
        Some(b'>') => 1,
        Some(&c @ (b'-' | b'+' | b'*')) if spaced(1) && !is_thematic_break(rest, c) => 2,
        Some(b'0'..=b'9') => {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let delimited = matches!(rest.get(digits), Some(b'.' | b')'));
            if digits <= 9 && delimited && spaced(digits + 1) {
                digits + 2
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// Whether `rest` is three or more `c` and nothing else but spaces.
fn is_thematic_break(rest: &[u8], c: u8) -> bool {
    c != b'+'
        && rest.iter().filter(|&&b| b == c).count() >= 3
        && rest.iter().all(|&b| b == c || b.is_ascii_whitespace())
}

/// A top-level code fence (```` ``` ```` or `~~~`, up to three spaces in): its
/// character and length.
fn opens_fence(line: &[u8]) -> Option<(u8, usize)> {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = *rest.first().filter(|&&c| c == b'`' || c == b'~')?;
    let len = rest.iter().take_while(|&&b| b == c).count();
    // A backtick fence's info string has no backtick (else it is inline code).
    let info_ok = c == b'~' || !rest[len..].contains(&b'`');
    (len >= 3 && info_ok).then_some((c, len))
}

/// Whether `line` closes the fence `(c, len)`.
fn closes_fence(line: &[u8], (c, len): (u8, usize)) -> bool {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    let rest = &line[indent..];
    let run = rest.iter().take_while(|&&b| b == c).count();
    indent <= 3 && run >= len && rest[run..].iter().all(u8::is_ascii_whitespace)
}

/// Follows a body's nesting through its parser events: block quotes and list items,
/// and the HTML elements open (the Markdown's and the raw HTML's).
#[derive(Debug, Default)]
pub struct Depth {
    containers: usize,
    html: OpenElements,
}

impl Depth {
    /// Takes the next event of `body` (at `range`); an error once a limit is passed.
    pub fn see(&mut self, body: &str, event: &Event, range: &Range<usize>) -> Result<(), Exceeded> {
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::BlockQuote(_) | Tag::Item) {
                    self.containers += 1;
                    if self.containers > MAX_NESTING {
                        return Err(containers_exceeded(range.start));
                    }
                }
                if let Some(name) = element(tag) {
                    self.html.start(name, "", false);
                    if self.html.depth() > MAX_HTML_NESTING {
                        return Err(html_exceeded(range.start));
                    }
                }
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::BlockQuote(_) | TagEnd::Item) {
                    self.containers = self.containers.saturating_sub(1);
                }
                if let Some(name) = element_end(tag) {
                    self.html.end(name);
                    if !is_inline(name) {
                        // The HTML writer puts a line break after a block.
                        self.html.text();
                    }
                }
            }
            Event::Text(_) | Event::Code(_) => self.html.text(),
            Event::Html(raw) | Event::InlineHtml(raw) => {
                // Offsets inside `raw` are the body's when it is a plain slice of it.
                let base = match body.get(range.start..) {
                    Some(rest) if rest.starts_with(&**raw) => Some(range.start),
                    _ => None,
                };
                if let Some(at) = self.html.read(raw, MAX_HTML_NESTING) {
                    return Err(html_exceeded(base.map_or(range.start, |b| b + at)));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The HTML element a Markdown element becomes (as far as nesting goes).
fn element(tag: &Tag) -> Option<&'static str> {
    Some(match tag {
        Tag::Paragraph => "p",
        Tag::Heading { level, .. } => heading(*level),
        Tag::BlockQuote(_) => "blockquote",
        Tag::CodeBlock(_) => "pre",
        Tag::List(None) => "ul",
        Tag::List(Some(_)) => "ol",
        Tag::Item => "li",
        Tag::FootnoteDefinition(_) => "div",
        Tag::Table(_) => "table",
        Tag::Emphasis => "em",
        Tag::Strong => "strong",
        Tag::Strikethrough => "del",
        Tag::Link { .. } => "a",
        _ => return None,
    })
}

/// The HTML element a Markdown element's end closes.
fn element_end(tag: &TagEnd) -> Option<&'static str> {
    Some(match tag {
        TagEnd::Paragraph => "p",
        TagEnd::Heading(level) => heading(*level),
        TagEnd::BlockQuote(_) => "blockquote",
        TagEnd::CodeBlock => "pre",
        TagEnd::List(false) => "ul",
        TagEnd::List(true) => "ol",
        TagEnd::Item => "li",
        TagEnd::FootnoteDefinition => "div",
        TagEnd::Table => "table",
        TagEnd::Emphasis => "em",
        TagEnd::Strong => "strong",
        TagEnd::Strikethrough => "del",
        TagEnd::Link => "a",
        _ => return None,
    })
}

fn is_inline(name: &str) -> bool {
    matches!(name, "em" | "strong" | "del" | "a")
}

fn heading(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_counted_while_open() {
        assert!(check_text(&"[".repeat(MAX_NESTING)).is_ok());
        let err = check_text(&format!("x {}", "[".repeat(MAX_NESTING + 1))).unwrap_err();
        assert_eq!(err.offset, 2 + MAX_NESTING);
        assert!(check_text(&"[a] ".repeat(10_000)).is_ok());
        assert!(check_text(&"\\[".repeat(100)).is_ok());
        // A blank line ends the paragraph and its brackets.
        let halves = format!("{}\n\n{}", "[".repeat(20), "[".repeat(20));
        assert!(check_text(&halves).is_ok());
    }

    #[test]
    fn fenced_code_at_the_top_level_is_not_counted() {
        let code = format!("```\n{}\n```\n", "[".repeat(100));
        assert!(check_text(&code).is_ok());
        let after = format!("{code}{}", "[".repeat(100));
        assert!(check_text(&after).is_err());
    }

    #[test]
    fn markers_are_counted_per_line() {
        assert!(check_text(&format!("{}x", "> ".repeat(MAX_NESTING))).is_ok());
        let err = check_text(&format!("{}x", "> ".repeat(MAX_NESTING + 1))).unwrap_err();
        assert_eq!(err.offset, 2 * MAX_NESTING);
        assert!(check_text(&format!("{}x", "- ".repeat(MAX_NESTING + 1))).is_err());
        assert!(check_text(&format!("{}x", "1. ".repeat(MAX_NESTING + 1))).is_err());
        // A thematic break, and code.
        assert!(check_text(&"- ".repeat(100)).is_ok());
        assert!(check_text(&format!("    {}", ">".repeat(100))).is_ok());
    }

    #[test]
    fn raw_html_depth_follows_open_elements() {
        let mut depth = Depth::default();
        let deep = "<div>".repeat(MAX_HTML_NESTING + 1);
        let event = Event::Html(deep.as_str().into());
        let err = depth.see(&deep, &event, &(0..deep.len())).unwrap_err();
        assert_eq!(err.offset, 5 * MAX_HTML_NESTING);
        let mut depth = Depth::default();
        let flat = "<div><p>a<br><img src=x/></div><!-- <div><div> -->".repeat(1000);
        let event = Event::Html(flat.as_str().into());
        assert!(depth.see(&flat, &event, &(0..flat.len())).is_ok());
    }
}
