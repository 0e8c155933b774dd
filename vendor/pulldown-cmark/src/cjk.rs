//! CJK-friendly emphasis (`Options::ENABLE_CJK_FRIENDLY_EMPHASIS`): the amendment to
//! CommonMark's flanking rules of
//! <https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md>.
//!
//! CommonMark decides whether a delimiter run can open or close emphasis from the
//! characters on either side of it, expecting a space between a punctuation mark and
//! the next word. Chinese, Japanese and Korean put none, so `**真，**她` stays literal.
//! The amendment treats CJK punctuation as the letters around it and lets a CJK
//! character on the far side stand in for the missing space. Where no CJK character is
//! next to a run the rules are CommonMark's unchanged.
//!
//! (herald's patch of pulldown-cmark 0.13.6: this file, the option in `lib.rs` and its
//! two uses in `firstpass.rs`.)

use crate::puncttable::is_punctuation;

/// What is on one side of a delimiter run, as the amended rules see it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Unicode whitespace, or the start or end of the line.
    Whitespace,
    /// A Unicode punctuation character (punctuation or symbol) that is not CJK.
    NonCjkPunctuation,
    /// A CJK character, punctuation or not. Before a run also such a character followed
    /// by a variation selector, an ideographic variation selector, and a quotation mark
    /// followed by U+FE01 (its full-width form).
    Cjk { punctuation: bool },
    /// Anything else: letters, digits and marks of other scripts.
    Other,
}

impl Side {
    fn of(c: char) -> Side {
        if c.is_whitespace() {
            Side::Whitespace
        } else if is_cjk(c) {
            Side::Cjk {
                punctuation: is_punctuation(c),
            }
        } else if is_punctuation(c) {
            Side::NonCjkPunctuation
        } else {
            Side::Other
        }
    }

    /// The side before a run, `before` being the text of the line up to it. A variation
    /// selector is read with the CJK character or quotation mark it follows (a "sequence"
    /// in the specification); after anything else it stays a mark, as in CommonMark, so
    /// that text without CJK characters parses as before.
    fn before(before: &str) -> Side {
        let mut chars = before.chars().rev();
        let Some(last) = chars.next() else {
            return Side::Whitespace;
        };
        match last as u32 {
            0xFE00..=0xFE0E => match chars.next() {
                Some(base) if is_cjk(base) => Side::of(base),
                Some('\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}') if last == '\u{FE01}' => {
                    Side::Cjk { punctuation: true }
                }
                _ => Side::Other,
            },
            0xE0100..=0xE01EF => Side::Cjk { punctuation: false },
            _ => Side::of(last),
        }
    }

    fn is_punctuation(self) -> bool {
        matches!(
            self,
            Side::NonCjkPunctuation | Side::Cjk { punctuation: true }
        )
    }
}

/// A left-flanking run: not followed by whitespace, and either not followed by non-CJK
/// punctuation or preceded by whitespace, punctuation or CJK.
fn left_flanking(before: Side, after: Side) -> bool {
    after != Side::Whitespace && (after != Side::NonCjkPunctuation || before != Side::Other)
}

/// A right-flanking run: not preceded by whitespace, and either not preceded by non-CJK
/// punctuation or followed by whitespace, punctuation or CJK.
fn right_flanking(before: Side, after: Side) -> bool {
    before != Side::Whitespace && (before != Side::NonCjkPunctuation || after != Side::Other)
}

/// Whether a run of `delim` (`*`, `_` or `~`) after `before` and followed by `next` can
/// open emphasis: `*` when left-flanking; `_` and a single `~` when left-flanking and
/// either not right-flanking or preceded by punctuation.
pub(crate) fn can_open(delim: u8, before: &str, next: char) -> bool {
    let (before, after) = (Side::before(before), Side::of(next));
    left_flanking(before, after)
        && (delim == b'*' || !right_flanking(before, after) || before.is_punctuation())
}

/// Whether a run of `*` or `~~` after `before` and followed by `next` can close
/// emphasis: when it is right-flanking. (The amendment leaves the rule of `_` and of a
/// single `~` as it is: followed by whitespace or punctuation.)
pub(crate) fn can_close(before: &str, next: char) -> bool {
    right_flanking(Side::before(before), Side::of(next))
}

/// A CJK character: East Asian Width W, F or H and not shown as an emoji by default
/// (Emoji_Presentation), or of the Hangul script. Unicode 18 (the data of ICU4X 2.4,
/// unassigned code points with their default width).
fn is_cjk(c: char) -> bool {
    let cp = c as u32;
    cp >= 0x1100
        && CJK_RANGES
            .binary_search_by(|&(first, last)| {
                if last < cp {
                    core::cmp::Ordering::Less
                } else if first > cp {
                    core::cmp::Ordering::Greater
                } else {
                    core::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// The CJK characters, as sorted, disjoint ranges of code points (first, last).
const CJK_RANGES: [(u32, u32); 65] = [
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E5),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF6),
    (0x17000, 0x18CDA),
    (0x18CFF, 0x18D20),
    (0x18D80, 0x18DF2),
    (0x18E00, 0x19191),
    (0x191A0, 0x191D2),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B128),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B168),
    (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F1AE, 0x1F1AE),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x1F7DA, 0x1F7DA),
    (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD),
];
