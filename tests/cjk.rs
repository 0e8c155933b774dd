//! CJK-friendly emphasis (issue 17): `**`, `*`, `__`, `_` and `~~` next to Chinese,
//! Japanese and Korean punctuation open and close as the amendment to CommonMark says
//! (tats-u/markdown-cjk-friendly), the same in the page, the feed, the summary and the
//! search index; text of other scripts stays as CommonMark has it.

mod common;

use std::path::Path;
use std::process::Command;

use common::search::fragments;
use common::TestSite;

/// Cases of the amendment's test suite (its `testcases/` files, with the HTML that its
/// reference implementations' snapshots hold): the Markdown, then the paragraph's HTML.
/// CommonMark leaves the delimiters of most of them literal.
const CHINESE: &[(&str, &str)] = &[
    ("**真，**她", "<strong>真，</strong>她"),
    ("**真。**她", "<strong>真。</strong>她"),
    ("**真、**她", "<strong>真、</strong>她"),
    ("**真：**她", "<strong>真：</strong>她"),
    ("**真？**她", "<strong>真？</strong>她"),
    ("**真”**她", "<strong>真”</strong>她"),
    ("真**（她**", "真<strong>（她</strong>"),
    ("**真》**她", "<strong>真》</strong>她"),
    ("**真…**她", "<strong>真…</strong>她"),
    ("**真，** 她", "<strong>真，</strong> 她"),
    ("**真**，她", "<strong>真</strong>，她"),
    (
        "**真，**&ZeroWidthSpace;她",
        "<strong>真，</strong>\u{200B}她",
    ),
    (
        "**推荐几个框架：**React、Vue等前端框架。",
        "<strong>推荐几个框架：</strong>React、Vue等前端框架。",
    ),
    (
        "Git**（注：不是GitHub）**",
        "Git<strong>（注：不是GitHub）</strong>",
    ),
    (
        "**该星号不会被识别，而是直接显示。**这是因为它没有被识别为强调符号。",
        "<strong>该星号不会被识别，而是直接显示。</strong>这是因为它没有被识别为强调符号。",
    ),
    (
        "𰻞𰻞**（ビャンビャン）**麺",
        "𰻞𰻞<strong>（ビャンビャン）</strong>麺",
    ),
    (
        "𰻞𰻞**(ビャンビャン)**麺",
        "𰻞𰻞<strong>(ビャンビャン)</strong>麺",
    ),
];

const JAPANESE: &[(&str, &str)] = &[
    (
        "これは**私のやりたかったこと。**だからするの。",
        "これは<strong>私のやりたかったこと。</strong>だからするの。",
    ),
    (
        "**このアスタリスクは強調記号として認識されず、そのまま表示されます。**この文のせいで。",
        "<strong>このアスタリスクは強調記号として認識されず、そのまま表示されます。</strong>この文のせいで。",
    ),
    (
        "カッコに注意**（太字にならない）**文が続く場合に要警戒。",
        "カッコに注意<strong>（太字にならない）</strong>文が続く場合に要警戒。",
    ),
    (
        "**[製品ほげ](./product-foo)**と**[製品ふが](./product-bar)**をお試しください",
        "<strong><a href=\"./product-foo\">製品ほげ</a></strong>と<strong><a href=\"./product-bar\">製品ふが</a></strong>をお試しください",
    ),
    (
        "国際規格**[ECMA-262](https://tc39.es/ecma262/)**",
        "国際規格<strong><a href=\"https://tc39.es/ecma262/\">ECMA-262</a></strong>",
    ),
    (
        "太郎は**「こんにちわ」**といった",
        "太郎は<strong>「こんにちわ」</strong>といった",
    ),
    // (pulldown-cmark writes `"` in text as it is, markdown-it as `&quot;`.)
    (
        "太郎は**\"Hello\"**といった",
        "太郎は<strong>\"Hello\"</strong>といった",
    ),
    (
        "税込**¥10,000**で入手できます。",
        "税込<strong>¥10,000</strong>で入手できます。",
    ),
    ("正解は**④**です。", "正解は<strong>④</strong>です。"),
    (
        "**C#**や**F#**は**「.NET」**というプラットフォーム上で動作します。",
        "<strong>C#</strong>や<strong>F#</strong>は<strong>「.NET」</strong>というプラットフォーム上で動作します。",
    ),
    (
        "**さようなら︙**と太郎はいった。",
        "<strong>さようなら︙</strong>と太郎はいった。",
    ),
    (
        "ハイパーテキストコーヒーポット制御プロトコル**(HTCPCP)**",
        "ハイパーテキストコーヒーポット制御プロトコル<strong>(HTCPCP)</strong>",
    ),
    // An ideographic variation selector, a standardized one, a text-presentation one.
    (
        "葛\u{E0100}**(こちらが正式表記)**城市",
        "葛\u{E0100}<strong>(こちらが正式表記)</strong>城市",
    ),
    (
        "大塚\u{FE00}**(U+585A U+FE00)** 大塚**(U+FA10)**",
        "大塚\u{FE00}<strong>(U+585A U+FE00)</strong> 大塚<strong>(U+FA10)</strong>",
    ),
    ("〽\u{FE0E}**(庵点)**は、", "〽\u{FE0E}<strong>(庵点)</strong>は、"),
    // Quotation marks in their full-width form (U+FE01).
    (
        "**“\u{FE01}Git”\u{FE01}**Hub",
        "<strong>“\u{FE01}Git”\u{FE01}</strong>Hub",
    ),
    ("あ**()**あ", "あ<strong>()</strong>あ"),
    // CJK symbols that are also emoji, but not by default.
    ("a**〰**a", "a<strong>〰</strong>a"),
    ("a**🈂**a", "a<strong>🈂</strong>a"),
];

const KOREAN: &[(&str, &str)] = &[
    (
        "**이 [링크](https://example.kr/)**만을 강조하고 싶다.",
        "<strong>이 <a href=\"https://example.kr/\">링크</a></strong>만을 강조하고 싶다.",
    ),
    ("**스크립트(script)**라고", "<strong>스크립트(script)</strong>라고"),
    (
        "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
        "패키지를 발행하려면 <strong><code>npm publish</code></strong>를 실행하십시오.",
    ),
    ("**안녕(hello)**하세요.", "<strong>안녕(hello)</strong>하세요."),
    (
        "**이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)**이 문장 때문에.",
        "<strong>이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)</strong>이 문장 때문에.",
    ),
    // Hangul jamo (East Asian Width N, but Hangul).
    ("ᅡ**(a)**", "ᅡ<strong>(a)</strong>"),
    ("**(k)**ᄏ", "<strong>(k)</strong>ᄏ"),
];

/// `_` keeps its rule against intraword emphasis; `~~` follows `*`.
const UNDERSCORE_AND_STRIKETHROUGH: &[(&str, &str)] = &[
    ("__注意__：注意事項", "<strong>注意</strong>：注意事項"),
    ("注意：__注意事項__", "注意：<strong>注意事項</strong>"),
    (
        "正體字。\u{FE01}_Traditional._",
        "正體字。\u{FE01}<em>Traditional.</em>",
    ),
    (
        "简体字 / 新字体。\u{FE00}__Mainland China or Japan.__",
        "简体字 / 新字体。\u{FE00}<strong>Mainland China or Japan.</strong>",
    ),
    ("a~~a()~~あ", "a<del>a()</del>あ"),
    ("「~~a」~~a", "「<del>a」</del>a"),
    ("𩸽~~()a~~a", "𩸽<del>()a</del>a"),
    (
        "~~日本語。\u{FE00}~~English.",
        "<del>日本語。\u{FE00}</del>English.",
    ),
    ("~~a~~：~~a~~", "<del>a</del>：<del>a</del>"),
];

/// Not CJK: punctuation and symbols of other scripts (also outside the BMP) and emoji
/// keep CommonMark's rules, and their delimiters stay literal.
const NOT_CJK: &[(&str, &str)] = &[
    ("a**a«**a", "a**a«**a"),
    ("a**»a**a", "a**»a**a"),
    ("a**a∇**a", "a**a∇**a"),
    ("a**𝜵a**a", "a**𝜵a**a"),
    ("a**a𐬻**a", "a**a𐬻**a"),
    ("a**a❌**a", "a**a❌**a"),
    ("a**❌a**a", "a**❌a**a"),
];

/// The sentence of the example site's Chinese privacy update, as a first paragraph
/// (the summary), and its text.
const FIRST: &str = "*2024年6月10日更新：*关于研修项目申请的部分现已写明。";
const FIRST_HTML: &str = "<em>2024年6月10日更新：</em>关于研修项目申请的部分现已写明。";
const FIRST_TEXT: &str = "2024年6月10日更新：关于研修项目申请的部分现已写明。";

fn all_cases() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    CHINESE
        .iter()
        .chain(JAPANESE)
        .chain(KOREAN)
        .chain(UNDERSCORE_AND_STRIKETHROUGH)
        .chain(NOT_CJK)
}

/// Runs `herald build` on `site` into `out`, clock fixed; panics with its output if it fails.
fn build(site: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["build", "--quiet", "--site"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .env("HERALD_NOW", "2026-02-01")
        .output()
        .expect("run herald");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The HTML content of the feed entry whose link ends with `page`.
fn feed_content(feed: &Path, page: &str) -> String {
    let feed = feed_rs::parser::parse(read(feed).as_bytes()).expect("a valid feed");
    let entry = feed
        .entries
        .iter()
        .find(|e| e.links.iter().any(|l| l.href.ends_with(page)))
        .unwrap_or_else(|| panic!("no entry for {page}"));
    entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .expect("content")
}

/// The text the search index keeps of the page at `url` (in `lang`'s index), without
/// the zero-width spaces Pagefind puts between the words it finds in CJK text.
fn search_text(public: &Path, lang: &str, url: &str) -> String {
    fragments(public)[lang]
        .iter()
        .find(|f| f.url.ends_with(url))
        .unwrap_or_else(|| panic!("{url} is not in the {lang} index"))
        .content
        .replace('\u{200B}', "")
}

#[test]
fn the_amendments_cases_render_as_its_test_suite_expects_in_page_feed_summary_and_search() {
    // The suite's expected HTML has the quotes as written: typography (tests/typography.rs)
    // is off here, so that only emphasis is compared.
    let site = TestSite::with_config(&format!(
        "{}markdown:\n  typography: false\n",
        common::CONFIG
    ));
    let body: String = std::iter::once(FIRST)
        .chain(all_cases().map(|(markdown, _)| *markdown))
        .map(|p| format!("{p}\n\n"))
        .collect();
    site.announcement(
        "2025-06-01-cjk.zh.md",
        &format!("---\ntitle: 强调\ndate: 2025-06-01\n---\n\n{body}"),
    );
    let public = site.root().join("public");
    build(site.root(), &public);

    let page = read(&public.join("zh/announcements/cjk/index.html"));
    let feed = feed_content(&public.join("zh/atom.xml"), "/zh/announcements/cjk/");
    for (markdown, html) in std::iter::once(&(FIRST, FIRST_HTML)).chain(all_cases()) {
        let paragraph = format!("<p>{html}</p>");
        assert!(page.contains(&paragraph), "page: {markdown} → {paragraph}");
        assert!(feed.contains(&paragraph), "feed: {markdown} → {paragraph}");
    }

    // The summary (the first paragraph as text): in the list and the page's description.
    let list = read(&public.join("zh/index.html"));
    assert!(list.contains(&format!(">{FIRST_TEXT}</p>")), "{list}");
    assert!(page.contains(&format!(
        "<meta name=\"description\" content=\"{FIRST_TEXT}\">"
    )));
    // The search index has the text, without the delimiters.
    let text = search_text(&public, "zh", "/zh/announcements/cjk/");
    assert!(text.contains(FIRST_TEXT), "{text}");
    assert!(text.contains("真，她"), "{text}");
    assert!(!text.contains("**真"), "{text}");
}

/// The example site's Chinese privacy update: `*2024年6月10日更新：*关于…` is emphasis on
/// the page, in the feed and in the search index.
#[test]
fn the_example_sites_chinese_update_is_emphasised() {
    let out = tempfile::tempdir().expect("temp dir");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), out.path());
    let sentence = "<p><em>2024年6月10日更新：</em>关于研修项目申请的部分现已写明，未入选的申请将在评选结束六个月后删除。</p>";
    let url = "/zh/announcements/privacy-policy-update/";
    let page = read(
        &out.path()
            .join("zh/announcements/privacy-policy-update/index.html"),
    );
    assert!(page.contains(sentence), "{page}");
    let feed = feed_content(&out.path().join("zh/atom.xml"), url);
    assert!(feed.contains(sentence), "{feed}");
    let text = search_text(out.path(), "zh", url);
    assert!(text.contains("2024年6月10日更新：关于研修项目"), "{text}");
    assert!(!text.contains('*'), "{text}");
}
