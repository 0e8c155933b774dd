//! CJK-friendly emphasis: `**` / `*` / `~~` next to Chinese, Japanese and Korean
//! punctuation open and close as their writers expect (`*2024年6月10日更新：*关于…`).
//!
//! CommonMark decides whether a run of `*`, `_` or `~` opens or closes emphasis from the
//! characters on either side of it, and expects a space after punctuation; CJK text has
//! none, so a closing `*` between `：` and `关` stays literal. herald applies the
//! amendment of <https://github.com/tats-u/markdown-cjk-friendly> (as
//! `markdown-it-cjk-friendly` and `remark-cjk-friendly` do) inside pulldown-cmark: the
//! parser's option [`EMPHASIS`], which pulldown-cmark has merged (PR #1059) but not yet
//! released, backported to 0.13.6 in `vendor/pulldown-cmark` (see its `PATCH.md`).
//! A pass before the parser would have to insert characters next to the runs (changing
//! reference-link labels and every position herald reports); a pass after it would have
//! to redo the parser's pairing of runs (README, "Announcements", says more). Text
//! without CJK characters parses exactly as before.

use pulldown_cmark::Options;

/// The parser option, set for every body herald reads (page, feed, summary, search).
pub(super) const EMPHASIS: Options = Options::ENABLE_CJK_FRIENDLY_EMPHASIS;

#[cfg(test)]
mod tests {
    use super::*;
    use icu_properties::props::{EastAsianWidth, EmojiPresentation, Script};
    use icu_properties::{CodePointMapData, CodePointSetData};
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Parser, Tag};

    /// A CJK character as the amendment defines it, from ICU4X's Unicode data: East
    /// Asian Width W, F or H and not an emoji by default, or of the Hangul script.
    fn is_cjk(c: char) -> bool {
        let width = CodePointMapData::<EastAsianWidth>::new().get(c);
        let wide = [
            EastAsianWidth::Wide,
            EastAsianWidth::Fullwidth,
            EastAsianWidth::Halfwidth,
        ]
        .contains(&width);
        (wide && !CodePointSetData::new::<EmojiPresentation>().contains(c))
            || CodePointMapData::<Script>::new().get(c) == Script::Hangul
    }

    /// The events of `text`, with their offsets, parsed as herald does, or without CJK.
    fn events(text: &str, cjk: bool) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
        let mut options = super::super::options();
        options.set(EMPHASIS, cjk);
        Parser::new_ext(text, options).into_offset_iter().collect()
    }

    /// For each paragraph of `text` (one per line pair), whether it has strong emphasis.
    fn strong_paragraphs(text: &str, cjk: bool) -> Vec<bool> {
        let mut out = Vec::new();
        for (event, _) in events(text, cjk) {
            match event {
                Event::Start(Tag::Paragraph) => out.push(false),
                Event::Start(Tag::Strong) => *out.last_mut().expect("in a paragraph") = true,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn herald_parses_with_the_option() {
        assert!(super::super::options().contains(EMPHASIS));
        let html =
            crate::markdown::render("*更新：*关于", crate::config::RawHtml::Sanitize, &|_| None)
                .html;
        assert_eq!(html, "<p><em>更新：</em>关于</p>\n");
    }

    /// The parser's CJK characters are Unicode's (ICU4X's data): probed for every code
    /// point from U+00A0 to the first ideographs of plane 2, and at the ends of planes 2
    /// and 3. `**(a)**X` closes after `)` only if X is whitespace, punctuation or CJK, so
    /// it tells CJK from other letters; `a**Xa**` opens before punctuation X only if X is
    /// CJK punctuation.
    #[test]
    fn cjk_characters_are_unicodes() {
        let probed: Vec<char> = (0xA0..=0x2_0100)
            .chain(0x2_FF00..=0x3_0100)
            .chain(0x3_FF00..=0x4_0100)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_whitespace())
            .collect();
        let doc = |probe: &dyn Fn(char) -> String| -> String {
            probed.iter().map(|&c| probe(c) + "\n\n").collect()
        };
        let after_paren = doc(&|c| format!("**(a)**{c}"));
        let letter_or_mark = strong_paragraphs(&after_paren, false)
            .into_iter()
            .map(|strong| !strong);
        let closes = strong_paragraphs(&after_paren, true);
        let opens = strong_paragraphs(&doc(&|c| format!("a**{c}a**")), true);
        assert_eq!(closes.len(), probed.len());
        assert_eq!(opens.len(), probed.len());
        let mut wrong = Vec::new();
        for (i, other) in letter_or_mark.enumerate() {
            let parsed_as_cjk = if other { closes[i] } else { opens[i] };
            if parsed_as_cjk != is_cjk(probed[i]) {
                wrong.push(format!("U+{:04X}", probed[i] as u32));
            }
        }
        assert!(
            wrong.is_empty(),
            "CJK for the parser, not Unicode, or the reverse: {wrong:?}"
        );
    }

    /// Every Markdown file of the example site and of the test fixtures but the Chinese
    /// ones (English, Arabic, and the other languages; one English file quotes Chinese
    /// domain names) parses to the same events, at the same offsets, with and without
    /// the option.
    #[test]
    fn fixtures_but_chinese_parse_as_without_the_option() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = Vec::new();
        for dir in ["content", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let entry = entry.expect("readable");
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let name = path.to_string_lossy().replace('\\', "/");
                if name.contains(".zh") || name.contains("/zh-cn/") {
                    continue;
                }
                let text = std::fs::read_to_string(path).expect("UTF-8");
                let body = crate::content::front_matter::split(&text).map_or(&*text, |s| s.body);
                assert_eq!(
                    events(body, true),
                    events(body, false),
                    "{}",
                    path.display()
                );
                checked.push(name);
            }
        }
        for (lang, files) in [(".en.md", 7), (".ar.md", 4)] {
            let n = checked.iter().filter(|p| p.ends_with(lang)).count();
            assert!(n >= files, "only {n} files in {lang}: {checked:?}");
        }
    }

    /// Text of other scripts, punctuation, symbols, variation selectors and delimiter
    /// runs, without CJK characters: the same events with and without the option.
    fn non_cjk_text() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = "ab Zé ع ب я 1 \n*_~`\\[]().,:;!?\"'«»“”‘’‼™©∇€$-—…\u{FE0E}\u{FE0F}\u{FE00}\u{0301}\u{200B}\u{00A0}#>|"
            .chars()
            .collect();
        prop::collection::vec(prop::sample::select(alphabet), 0..48)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn other_scripts_parse_as_commonmark_says(text in non_cjk_text()) {
            prop_assert_eq!(events(&text, true), events(&text, false));
        }
    }
}
