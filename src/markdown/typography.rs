//! Typography per language (`markdown.typography`): straight quotes become the quotation
//! marks of CLDR's delimiters for the language of the text (nested ones its alternate
//! marks), apostrophes become `’`, and French text gets its spaces before `: ; ! ?` and
//! inside « ». Code, URLs, raw HTML and attributes (image text alternatives, link
//! titles) keep what was written, as does a backslash-escaped quote.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

mod delimiters;

/// No-break space: French puts it before `:`.
const NBSP: char = '\u{A0}';
/// Narrow no-break space: French puts it before `; ! ?` and inside « ».
const NNBSP: char = '\u{202F}';

/// How text in one language is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Typography {
    /// CLDR's quotationStart, quotationEnd, alternateQuotationStart, alternateQuotationEnd.
    marks: [&'static str; 4],
    /// French spacing (`fr` and its regional variants).
    french: bool,
}

impl Typography {
    /// The typography of text in language `code` (BCP 47): CLDR's marks for the tag,
    /// else for the nearest locale along its CLDR fallback chain, else the root's.
    pub fn of(code: &str) -> Typography {
        let Ok(locale) = icu_locale::Locale::try_from_str(code) else {
            return Typography {
                marks: root_marks(),
                french: false,
            };
        };
        Typography {
            marks: marks_along_chain(&locale),
            french: locale.id.language.as_str() == "fr",
        }
    }

    /// Its quotation marks: start, end, alternate start, alternate end.
    pub fn marks(&self) -> [&'static str; 4] {
        self.marks
    }

    /// Whether setting `text` may change it: it has a straight quote, or, in French, a
    /// mark that French spacing sets. (Most text has neither: a look at its bytes.)
    fn may_change(&self, text: &str) -> bool {
        if self.french {
            // `« »` begin with the byte 0xC2, `‹ ›` with 0xE2.
            text.bytes()
                .any(|b| matches!(b, b'"' | b'\'' | b':' | b';' | b'!' | b'?' | 0xC2 | 0xE2))
                && text.contains(FRENCH)
        } else {
            memchr::memchr2(b'"', b'\'', text.as_bytes()).is_some()
        }
    }

    /// `text` (plain text, such as a summary) set in this typography, but for the byte
    /// ranges in `literal` (code, an autolink's URL), which stay as written.
    pub fn plain(&self, text: &str, literal: &[Range<usize>]) -> String {
        if !self.may_change(text) {
            return text.to_string();
        }
        let chars: Vec<Ch> = text
            .char_indices()
            .map(|(at, c)| Ch {
                c,
                free: !literal.iter().any(|r| r.contains(&at)),
            })
            .collect();
        let mut chars = chars;
        let edits = self.set(&mut chars);
        rebuild(&chars, 0, &edits)
    }

    /// What the characters of a run of text become, by index (the others stay); the
    /// characters of URLs are marked as not free.
    fn set(&self, chars: &mut [Ch]) -> Edits {
        protect_urls(chars);
        let mut out = Edits::new();
        self.quotes(chars, &mut out);
        if self.french {
            french_spacing(chars, &mut out);
        }
        // In order; of two edits of one character (a space two marks want), the first.
        out.sort_by_key(|&(at, _)| at);
        out.dedup_by_key(|&mut (at, _)| at);
        out
    }

    /// Pairs the straight quotes of a run (as CommonMark pairs emphasis: a quote opens
    /// where no letter is before it and text follows, and closes the nearest open quote
    /// of its kind), and gives each pair its marks: a pair of `"` inside another pair the
    /// alternate marks, a pair of `'` always the alternate marks. A lone `'` touching a
    /// letter is an apostrophe; other lone quotes stay straight.
    fn quotes(&self, chars: &[Ch], out: &mut Edits) {
        // The open quotes of each kind, `'` and `"`, by position.
        let mut open: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
        for (i, ch) in chars.iter().enumerate() {
            let double = match ch.c {
                '"' => true,
                '\'' => false,
                _ => continue,
            };
            if !ch.free {
                continue;
            }
            let (before, after) = neighbours(chars, i);
            let can_open = after != Class::Space && before != Class::Word;
            let can_close = before != Class::Space && after != Class::Word;
            if can_close {
                if let Some(start) = open[usize::from(double)].pop() {
                    // Quotes of the other kind opened after it stay unpaired.
                    let other = &mut open[usize::from(!double)];
                    while other.last().is_some_and(|&at| at > start) {
                        if let Some(lone) = other.pop() {
                            apostrophe(chars, lone, out);
                        }
                    }
                    pairs.push((start, i, double));
                    continue;
                }
            }
            if can_open {
                open[usize::from(double)].push(i);
            } else {
                apostrophe(chars, i, out);
            }
        }
        for lone in open.into_iter().flatten() {
            apostrophe(chars, lone, out);
        }
        pairs.sort_unstable();
        // The ends of the pairs that enclose the one being set.
        let mut enclosing: Vec<usize> = Vec::new();
        for (start, end, double) in pairs {
            while enclosing.last().is_some_and(|&e| e < start) {
                enclosing.pop();
            }
            let alternate = !double || enclosing.len() % 2 == 1;
            enclosing.push(end);
            let [open_mark, close_mark] = if alternate {
                [self.marks[2], self.marks[3]]
            } else {
                [self.marks[0], self.marks[1]]
            };
            let spaced = |mark: &str| self.french && matches!(mark, "«" | "»" | "‹" | "›");
            out.push((
                start,
                if spaced(open_mark) {
                    Cow::Owned(format!("{open_mark}{NNBSP}"))
                } else {
                    Cow::Borrowed(open_mark)
                },
            ));
            out.push((
                end,
                if spaced(close_mark) {
                    Cow::Owned(format!("{NNBSP}{close_mark}"))
                } else {
                    Cow::Borrowed(close_mark)
                },
            ));
        }
    }
}

/// A lone `'` that touches a letter or digit is an apostrophe (`l’été`, `’90s`).
fn apostrophe(chars: &[Ch], i: usize, out: &mut Edits) {
    let (before, after) = neighbours(chars, i);
    if chars[i].c == '\'' && (before == Class::Word || after == Class::Word) {
        out.push((i, Cow::Borrowed("’")));
    }
}

/// French spacing: a no-break space before `:`, a narrow one before `; ! ?` (the space
/// written there becomes it; where none was written it is added, unless the mark is
/// inside a word or number, as in `10:30`), and narrow ones inside « » and ‹ ›.
fn french_spacing(chars: &[Ch], out: &mut Edits) {
    let is_space = |c: char| matches!(c, ' ' | NBSP | NNBSP);
    for (i, ch) in chars.iter().enumerate() {
        if !ch.free {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| (j, &chars[j]));
        let next = chars.get(i + 1).map(|n| n.c);
        match ch.c {
            ':' | ';' | '!' | '?' => {
                let space = if ch.c == ':' { NBSP } else { NNBSP };
                match prev {
                    Some((j, p)) if is_space(p.c) => respace(chars, j, space, out),
                    Some((_, p))
                        if !p.c.is_whitespace()
                            && !matches!(p.c, ':' | ';' | '!' | '?')
                            && ends_clause(next) =>
                    {
                        out.push((i, Cow::Owned(format!("{space}{}", ch.c))));
                    }
                    _ => {}
                }
            }
            '«' | '‹' => match next {
                Some(n) if is_space(n) => respace(chars, i + 1, NNBSP, out),
                Some(n) if !n.is_whitespace() => {
                    out.push((i, Cow::Owned(format!("{}{NNBSP}", ch.c))));
                }
                _ => {}
            },
            '»' | '›' => match prev {
                Some((j, p)) if is_space(p.c) => respace(chars, j, NNBSP, out),
                Some((_, p)) if !p.c.is_whitespace() => {
                    out.push((i, Cow::Owned(format!("{NNBSP}{}", ch.c))));
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// The space written at `chars[j]` becomes `space` (unless it is not the writer's to change).
fn respace(chars: &[Ch], j: usize, space: char, out: &mut Edits) {
    if chars[j].free && chars[j].c != space {
        out.push((
            j,
            Cow::Borrowed(if space == NBSP { "\u{A0}" } else { "\u{202F}" }),
        ));
    }
}

/// Whether what follows a `: ; ! ?` ends a clause there (not `10:30`, `C:\`).
fn ends_clause(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '!' | '?' | '.' | ',' | '…' | ')' | ']' | '»' | '›' | '”' | '’' | '"' | '\''
                )
        }
    }
}

/// URLs written as text (`https://…`, `www.…`, `mailto:…`) stay as written, but for
/// the punctuation that ends the sentence after them.
fn protect_urls(chars: &mut [Ch]) {
    let mut i = 0;
    while i < chars.len() {
        if chars[i].c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].c.is_whitespace() {
            i += 1;
        }
        // (Only a word with a `:` or `.` may hold a URL.)
        if !chars[start..i].iter().any(|ch| matches!(ch.c, ':' | '.')) {
            continue;
        }
        let word: Vec<char> = chars[start..i].iter().map(|ch| ch.c).collect();
        let Some(from) = url_start(&word) else {
            continue;
        };
        let mut end = i;
        while end > start + from
            && matches!(
                chars[end - 1].c,
                '.' | ',' | ':' | ';' | '!' | '?' | '"' | '\'' | ')' | ']' | '»' | '”' | '’'
            )
        {
            end -= 1;
        }
        for ch in &mut chars[start + from..end] {
            ch.free = false;
        }
    }
}

/// Where a URL starts in `word`, if it has one: its scheme before `://`, `www.` or `mailto:`.
fn url_start(word: &[char]) -> Option<usize> {
    let lower: String = word.iter().flat_map(|c| c.to_lowercase()).collect();
    if lower.chars().count() != word.len() {
        return None;
    }
    let at = |needle: &str| lower.find(needle).map(|byte| lower[..byte].chars().count());
    if let Some(colon) = at("://") {
        let scheme = word[..colon]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            .count();
        return (scheme > 0).then_some(colon - scheme);
    }
    [at("www."), at("mailto:")]
        .into_iter()
        .flatten()
        .find(|&k| k == 0 || !word[k - 1].is_alphanumeric())
}

/// One character of a run of text, as typography sees it.
#[derive(Debug, Clone, Copy)]
struct Ch {
    c: char,
    /// Whether typography may change it (not code, a URL, an escape, an attribute).
    free: bool,
}

/// What decides whether a quote can open or close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Whitespace, or the start or end of the text.
    Space,
    /// Punctuation, symbols, and the letters of scripts written without spaces between
    /// words (Han, kana, Hangul), next to which a quote may open or close.
    Punct,
    /// Letters, digits and combining marks.
    Word,
}

/// The classes of the characters before and after `chars[i]`.
fn neighbours(chars: &[Ch], i: usize) -> (Class, Class) {
    let class = |c: Option<&Ch>| match c.map(|ch| ch.c) {
        None => Class::Space,
        Some(c) if c.is_whitespace() => Class::Space,
        Some(c) if is_cjk(c) => Class::Punct,
        Some(c) if c.is_alphanumeric() || is_mark(c) => Class::Word,
        Some(_) => Class::Punct,
    };
    (
        class(i.checked_sub(1).map(|j| &chars[j])),
        class(chars.get(i + 1)),
    )
}

/// Whether `c` is a combining mark (part of a word).
fn is_mark(c: char) -> bool {
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    !c.is_ascii()
        && GeneralCategoryGroup::Mark
            .contains(icu_properties::CodePointMapData::<GeneralCategory>::new().get(c))
}

/// Whether `c` belongs to a script written without spaces between words (or, for
/// Hangul, whose quotes sit next to particles): Han, Hiragana, Katakana, Hangul, Bopomofo.
fn is_cjk(c: char) -> bool {
    use icu_properties::props::Script;
    !c.is_ascii()
        && matches!(
            icu_properties::CodePointMapData::<Script>::new().get(c),
            Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
        )
}

/// What typography changes in a run of text: the new text of a character, by its index
/// (in order once [`Typography::set`] gives them).
type Edits = Vec<(usize, Cow<'static, str>)>;

/// The text of `chars` (which start at index `first` of their run) with their edits.
fn rebuild(chars: &[Ch], first: usize, edits: &Edits) -> String {
    let mut text = String::with_capacity(chars.len() + 8);
    let mut next = 0;
    let from = edits.partition_point(|&(at, _)| at < first);
    let end = first + chars.len();
    for &(at, ref new) in edits[from..].iter().take_while(|&&(at, _)| at < end) {
        text.extend(chars[next..at - first].iter().map(|ch| ch.c));
        text.push_str(new);
        next = at - first + 1;
    }
    text.extend(chars[next..].iter().map(|ch| ch.c));
    text
}

/// The marks of `locale`, else of the first locale of its CLDR fallback chain that CLDR
/// has delimiters for (ICU4X's fallback, which knows CLDR's parent locales: `en-IN` →
/// `en-001` → `en`; `zh-TW` → `zh-Hant`), else the root's.
fn marks_along_chain(locale: &icu_locale::Locale) -> [&'static str; 4] {
    use icu_locale::fallback::LocaleFallbacker;
    if let Some(marks) = cldr_marks(&locale.id.to_string()) {
        return marks;
    }
    let fallbacker = LocaleFallbacker::new().for_config(Default::default());
    let mut chain = fallbacker.fallback_for(icu_provider::DataLocale::from(locale));
    while !chain.get().is_unknown() {
        if let Some(marks) = cldr_marks(&chain.get().to_string()) {
            return marks;
        }
        chain.step();
    }
    root_marks()
}

/// CLDR's marks for exactly this locale (`und` is the root).
fn cldr_marks(tag: &str) -> Option<[&'static str; 4]> {
    let i = delimiters::LOCALES
        .binary_search_by(|(locale, _)| (*locale).cmp(tag))
        .ok()?;
    delimiters::MARKS
        .get(usize::from(delimiters::LOCALES[i].1))
        .copied()
}

/// The root locale's marks.
fn root_marks() -> [&'static str; 4] {
    cldr_marks("und").unwrap_or(["“", "”", "‘", "’"])
}

/// Sets the text of Markdown events (with their byte ranges in `source`), one run of
/// inline events (a paragraph, a heading, a table cell) at a time; code blocks, raw HTML
/// blocks and every event but text pass through. `None`: every event passes through.
pub(crate) fn typeset<'a, I>(
    source: &'a str,
    events: I,
    typography: Option<Typography>,
) -> Typeset<'a, I>
where
    I: Iterator<Item = (Event<'a>, Range<usize>)>,
{
    Typeset {
        source,
        events,
        typography,
        ready: VecDeque::new(),
        in_code_block: false,
    }
}

/// The events of [`typeset`].
pub(crate) struct Typeset<'a, I> {
    source: &'a str,
    events: I,
    typography: Option<Typography>,
    /// Events set and waiting to be given.
    ready: VecDeque<Event<'a>>,
    in_code_block: bool,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Typeset<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.ready.pop_front() {
            return Some(event);
        }
        let Some(typography) = self.typography else {
            return self.events.next().map(|(event, _)| event);
        };
        let mut run = Vec::new();
        for (event, range) in self.events.by_ref() {
            if !self.in_code_block && is_inline(&event) {
                run.push((event, range));
                continue;
            }
            match &event {
                Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
                Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
                _ => {}
            }
            if run.is_empty() {
                return Some(event);
            }
            self.ready.extend(set_run(run, self.source, typography));
            self.ready.push_back(event);
            return self.ready.pop_front();
        }
        self.ready.extend(set_run(run, self.source, typography));
        self.ready.pop_front()
    }
}

/// Whether the text at byte `at` of Markdown `source` is a backslash-escaped character
/// (`\"`: an odd number of backslashes before it).
pub(crate) fn escaped(source: &str, at: usize) -> bool {
    let before = source.as_bytes().get(..at).unwrap_or_default();
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Whether an event belongs to a run of inline content.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => super::is_inline_tag(tag),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// The characters French typography may change or space (see [`Typography::may_change`]).
const FRENCH: &[char] = &['"', '\'', ':', ';', '!', '?', '«', '»', '‹', '›'];

/// Sets one run of inline events: its text events, read as one text (markup between
/// them is transparent, code and images count as a word), are changed where needed.
fn set_run<'a>(
    run: Vec<(Event<'a>, Range<usize>)>,
    source: &str,
    typography: Typography,
) -> Vec<Event<'a>> {
    let has_candidate = run
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if typography.may_change(t)));
    if !has_candidate {
        return run.into_iter().map(|(event, _)| event).collect();
    }
    let mut chars: Vec<Ch> = Vec::new();
    // The text events that may change: index in the run and their characters' range.
    let mut texts: Vec<(usize, Range<usize>)> = Vec::new();
    let mut in_image = 0usize;
    let mut in_autolink = 0usize;
    for (k, (event, range)) in run.iter().enumerate() {
        let push = |chars: &mut Vec<Ch>, c: char| chars.push(Ch { c, free: false });
        match event {
            Event::Start(Tag::Image { .. }) => {
                if in_image == 0 {
                    push(&mut chars, 'x');
                }
                in_image += 1;
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => in_autolink += 1,
            Event::End(TagEnd::Link) if in_autolink > 0 => in_autolink -= 1,
            Event::Text(text) => {
                // Text that is not the source as written (an entity) and an autolink's
                // URL are kept, as is a backslash-escaped character.
                let free = in_autolink == 0 && source.get(range.clone()) == Some(&**text);
                let start = chars.len();
                chars.extend(text.chars().map(|c| Ch { c, free }));
                if free {
                    if escaped(source, range.start) {
                        chars[start].free = false;
                    }
                    texts.push((k, start..chars.len()));
                }
            }
            Event::Code(_) | Event::InlineMath(_) => push(&mut chars, 'x'),
            // A note's number, after the word or quote it is about.
            Event::FootnoteReference(_) => push(&mut chars, '^'),
            Event::SoftBreak | Event::HardBreak | Event::TaskListMarker(_) => {
                push(&mut chars, '\n');
            }
            _ => {}
        }
    }
    let edits = typography.set(&mut chars);
    let mut events: Vec<Event<'a>> = run.into_iter().map(|(event, _)| event).collect();
    for (k, range) in texts {
        let from = edits.partition_point(|&(at, _)| at < range.start);
        if edits.get(from).is_some_and(|&(at, _)| at < range.end) {
            let text = rebuild(&chars[range.clone()], range.start, &edits);
            events[k] = Event::Text(CowStr::from(text));
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(lang: &str, text: &str) -> String {
        Typography::of(lang).plain(text, &[])
    }

    #[test]
    fn the_byte_look_misses_no_character_french_typography_sets() {
        let french = Typography::of("fr");
        for c in FRENCH {
            let first = c.to_string().as_bytes()[0];
            assert!(
                matches!(
                    first,
                    b'"' | b'\'' | b':' | b';' | b'!' | b'?' | 0xC2 | 0xE2
                ),
                "{c}"
            );
            assert!(french.may_change(&format!("a {c} b")), "{c}");
        }
        // Elsewhere only straight quotes can change.
        let english = Typography::of("en");
        assert!(english.may_change("l'été") && english.may_change("\"a\""));
        assert!(!english.may_change("« a » : b ; c ! d ?"));
        assert!(!french.may_change("l’été, écrit — sans marque"));
    }

    #[test]
    fn marks_follow_cldr_along_the_fallback_chain() {
        let marks = |code: &str| Typography::of(code).marks().concat();
        assert_eq!(marks("en"), "“”‘’");
        assert_eq!(marks("fr"), "«»«»");
        assert_eq!(marks("fr-CA"), "«»”“");
        assert_eq!(marks("de"), "„“‚‘");
        assert_eq!(marks("de-AT"), "„“‚‘");
        assert_eq!(marks("ja"), "「」『』");
        assert_eq!(marks("zh"), "“”‘’");
        assert_eq!(marks("zh-Hant"), "「」『』");
        assert_eq!(marks("zh-TW"), "「」『』");
        assert_eq!(marks("zh-Hans-SG"), "“”‘’");
        assert_eq!(marks("ru"), "«»„“");
        assert_eq!(marks("ar"), "”“’‘");
        assert_eq!(marks("pt-BR"), "“”‘’");
        assert_eq!(marks("pt-AO"), "«»“”");
        assert_eq!(marks("en-IN"), "“”‘’");
        // Not in CLDR: the region falls away, then the root.
        assert_eq!(marks("fr-XX"), "«»«»");
        assert_eq!(marks("tlh"), "“”‘’");
        assert_eq!(marks("not a tag"), "“”‘’");
    }

    #[test]
    fn quotes_pair_and_nest() {
        assert_eq!(
            set("en", r#"She said "it's 'fine'" and left."#),
            "She said “it’s ‘fine’” and left."
        );
        assert_eq!(set("de", r#""Er sagte "ja" dazu""#), "„Er sagte ‚ja‘ dazu“");
        assert_eq!(set("en", "the dogs' bowls, '90s"), "the dogs’ bowls, ’90s");
        // A quote that pairs with nothing stays straight.
        assert_eq!(set("en", r#"a 5" screen"#), r#"a 5" screen"#);
        assert_eq!(set("en", "x ' y"), "x ' y");
    }

    #[test]
    fn quotes_pair_between_cjk_letters() {
        assert_eq!(
            set("ja", r#"彼は"こんにちは"と言った"#),
            "彼は「こんにちは」と言った"
        );
        assert_eq!(set("zh", r#"他说"你好"然后"#), "他说“你好”然后");
        assert_eq!(set("zh-Hant", r#"使用"Herald"工具"#), "使用「Herald」工具");
    }

    #[test]
    fn french_spacing() {
        let nb = NBSP;
        let nn = NNBSP;
        assert_eq!(
            set("fr", r#"Il a dit "oui" : c'est fait ; bravo! Vraiment?!"#),
            format!("Il a dit «{nn}oui{nn}»{nb}: c’est fait{nn}; bravo{nn}! Vraiment{nn}?!")
        );
        assert_eq!(set("fr", "Note: à 10:30"), format!("Note{nb}: à 10:30"));
        assert_eq!(set("fr", "« Déjà »"), format!("«{nn}Déjà{nn}»"));
        assert_eq!(
            set("fr", "Voir https://exemple.fr/l'été?a=1; puis"),
            format!("Voir https://exemple.fr/l'été?a=1{nn}; puis")
        );
        assert_eq!(set("fr-CA", "Oui!"), format!("Oui{nn}!"));
        // Only French.
        assert_eq!(set("en", "Yes: no! « x »"), "Yes: no! « x »");
    }

    #[test]
    fn literal_ranges_stay_as_written() {
        let t = Typography::of("fr");
        assert_eq!(
            t.plain(r#"Lancez "x" puis a"b"c et d'e!"#, &[16..21, 25..28]),
            format!("Lancez «{NNBSP}x{NNBSP}» puis a\"b\"c et d'e{NNBSP}!")
        );
    }
}
