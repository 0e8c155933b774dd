//! Dates and numbers in every language as CLDR writes them (ICU4X): languages without
//! date data, `date_locale:`, native digits, grouping; and no Fluent isolation marks in
//! what readers copy (headings, titles, attributes, feeds, the search index).

mod common;

use std::io::Read;

use common::{run_herald, TestSite};

/// Languages whose digits or grouping differ, two without ICU4X date data (`dv`, `yi`).
const CONFIG: &str = "\
title_key: site-title
base_url: https://example.org
default_language: en
languages:
  - { code: en, name: English }
  - { code: ar, name: العربية }
  - { code: ar-EG, name: العربية (مصر) }
  - { code: fa, name: فارسی }
  - { code: fa-AF, name: دری, date_locale: fa-AF-u-nu-latn }
  - { code: bn, name: বাংলা }
  - { code: hi, name: हिन्दी }
  - { code: my, name: မြန်မာ }
  - { code: fr, name: Français }
  - { code: dv, name: ދިވެހި }
  - { code: yi, name: ייִדיש, date_locale: he }
paginate: 1
search: false
";

/// Three announcements in English (so three list pages per language), all tagged `a`.
fn site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    for day in [13, 14, 15] {
        site.announcement(
            &format!("2025-01-{day}-a{day}.en.md"),
            &format!("---\ntitle: Notice {day}\ndate: 2025-01-{day}\ntags: [a]\n---\n\nText.\n"),
        );
    }
    site
}

/// The text of the first `<time>` of a page.
fn first_time(html: &str) -> &str {
    html.split("<time datetime=\"")
        .nth(1)
        .and_then(|t| t.split_once('>'))
        .and_then(|(_, t)| t.split_once("</time>"))
        .map(|(t, _)| t)
        .unwrap_or_else(|| panic!("no <time> in {html}"))
}

#[test]
fn languages_without_date_data_are_warned_and_written_as_their_chain_or_date_locale_says() {
    let site = site(CONFIG);
    let (code, _, stderr) = run_herald(site.root(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    // `dv` has no date data in ICU4X (CLDR has no Dhivehi month names): warned, at its
    // entry; `yi` has none either, but its `date_locale: he` says what to use.
    assert!(
        stderr.contains("site.yaml:14:1: warning: ICU4X has no date data for `dv`: its dates are written as in `en`, the nearest language of its fallback chain that has them (`date_locale:` chooses another)"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("no date data").count(), 1, "{stderr}");
    let report = site.build_ok();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("no date data for `dv`")),
        "build warns too: {:?}",
        report.warnings
    );
    assert_eq!(
        first_time(&site.output("dv/index.html")),
        "January 15, 2025"
    );
    assert_eq!(first_time(&site.output("yi/index.html")), "15 בינואר 2025");
    // No page writes CLDR's root placeholders (`2025 M01 15`).
    for (path, bytes) in common::snapshot(&site.root().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for time in text.split("<time ").skip(1) {
            let shown = time
                .split_once('>')
                .unwrap()
                .1
                .split("</time>")
                .next()
                .unwrap();
            assert!(
                !(1..=12).any(|m| shown.contains(&format!("M{m:02}"))),
                "{}: {shown}",
                path.display()
            );
        }
    }
}

#[test]
fn a_date_locale_without_data_is_warned_and_so_is_a_chain_without_any() {
    let site = site(
        "base_url: https://example.org\ndefault_language: dv\nlanguages:\n  - { code: dv, name: ދިވެހި }\n  - { code: en, name: English, date_locale: yi }\nsearch: false\n",
    );
    site.announcement(
        "2025-01-15-dv.dv.md",
        "---\ntitle: ދިވެހި\ndate: 2025-01-16\n---\n\nText.\n",
    );
    let (code, _, stderr) = run_herald(site.root(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("site.yaml:4:1: warning: ICU4X has no date data for `dv` nor for any language of its fallback chain: its dates are written as 2015-10-30 (`date_locale:` chooses a locale that has them)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("site.yaml:5:1: warning: ICU4X has no date data for `yi` (the `date_locale:` of `en`): its dates are written as in `en`, the nearest language of its fallback chain that has them (`date_locale:` chooses another)"),
        "{stderr}"
    );
    site.build_ok();
    assert_eq!(first_time(&site.output("dv/index.html")), "2025-01-16");
    assert_eq!(
        first_time(&site.output("en/index.html")),
        "January 16, 2025"
    );
    // `check --strict` makes the warnings errors.
    let (code, _, _) = run_herald(site.root(), &["check", "--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn a_date_locale_that_is_not_a_locale_is_an_error_at_its_line() {
    let site = site(
        "base_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n  - code: dv\n    name: ދިވެހި\n    date_locale: en_GB\n  - { code: fr, name: Français, date_locale: \"français\" }\n",
    );
    let (code, _, stderr) = run_herald(site.root(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("site.yaml:7:5: error: languages[1].date_locale: `en_GB` is not a valid BCP 47 locale (such as `en-GB` or `fa-u-nu-latn`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("site.yaml:8:33: error: languages[2].date_locale: `français` is not a valid BCP 47 locale"),
        "{stderr}"
    );
    let (code, _, _) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 1);
    assert!(!site.has_output("en/index.html"));
}

#[test]
fn digits_are_the_languages_own_where_cldr_says_and_latin_when_asked() {
    let site = site(CONFIG);
    site.build_ok();
    for (lang, date, status) in [
        // CLDR 46+: Latin digits for `ar`, Arabic-Indic for `ar-EG`.
        ("ar", "15 يناير 2025", "الصفحة 2 من 3"),
        ("ar-EG", "١٥ يناير ٢٠٢٥", "الصفحة ٢ من ٣"),
        // Persian digits for `fa`; `fa-AF-u-nu-latn` keeps Dari months, in Latin digits.
        ("fa", "۱۵ ژانویه ۲۰۲۵", "Page ۲ of ۳"),
        ("fa-AF", "15 جنوری 2025", "Page 2 of 3"),
        ("bn", "১৫ জানুয়ারি, ২০২৫", "Page ২ of ৩"),
        ("my", "၂၀၂၅ ဇန်နဝါရီ ၁၅", "Page ၂ of ၃"),
        ("hi", "15 जनवरी, 2025", "Page 2 of 3"),
        ("en", "January 15, 2025", "Page 2 of 3"),
    ] {
        let first = site.output(&format!("{lang}/index.html"));
        assert_eq!(first_time(&first), date, "{lang}");
        let second = site.output(&format!("{lang}/page/2/index.html"));
        assert!(
            second.contains(&format!("<span>{status}</span>")),
            "{lang}: {second}"
        );
        // In the tab title too (`<title>` is plain text: no marks, no markup).
        assert!(
            second.contains(&format!("<title>{status} · ")),
            "{lang}: {second}"
        );
        // The URL keeps its ASCII digits.
        assert!(
            first.contains(&format!("href=\"/{lang}/page/2/\"")),
            "{lang}"
        );
    }
}

/// Builds `site` with its theme's 404 page ending in `<p id="made">` holding `code`
/// (template code).
fn build_with_paragraph(site: &TestSite, code: &str) {
    site.eject_theme();
    let path = site.root().join("themes/default/templates/404.html");
    let template = std::fs::read_to_string(&path).unwrap().replace(
        "{% endblock main %}",
        &format!("<p id=\"made\">{code}</p>\n{{% endblock main %}}"),
    );
    std::fs::write(&path, template).unwrap();
    site.build_ok();
}

/// What the paragraph of [`build_with_paragraph`] reads in language `lang`.
fn paragraph(site: &TestSite, lang: &str) -> String {
    let html = site.output(&format!("{lang}/404.html"));
    html.split("<p id=\"made\">")
        .nth(1)
        .and_then(|p| p.split("</p>").next())
        .unwrap_or_else(|| panic!("{html}"))
        .to_string()
}

#[test]
fn counts_in_messages_are_grouped_in_the_pages_digits_and_keep_their_plural() {
    let site = site(CONFIG);
    let counts: String = [1234567, 1000, 11, 3, 1]
        .map(|n| format!("{{{{ t(key=\"announcement-count\", count={n}) }}}}"))
        .join(" | ");
    build_with_paragraph(&site, &counts);
    let counts = |lang: &str| paragraph(&site, lang);
    assert_eq!(
        counts("en"),
        "1,234,567 announcements | 1,000 announcements | 11 announcements | 3 announcements | one announcement"
    );
    // French: narrow no-break spaces.
    assert_eq!(
        counts("fr"),
        "1\u{202f}234\u{202f}567 communiqués | 1\u{202f}000 communiqués | 11 communiqués | 3 communiqués | 1 communiqué"
    );
    // Arabic plural forms (CLDR: `many` for 1,234,567 and 11 — the last two digits are
    // 11 to 99 —, `other` for 1,000, `few` for 3, `one`): the same in `ar` and `ar-EG`,
    // whose strings they are; the digits are the page's.
    assert_eq!(
        counts("ar"),
        "1,234,567 إعلانًا | 1,000 إعلان | 11 إعلانًا | 3 إعلانات | إعلان واحد"
    );
    assert_eq!(
        counts("ar-EG"),
        "١٬٢٣٤٬٥٦٧ إعلانًا | ١٬٠٠٠ إعلان | ١١ إعلانًا | ٣ إعلانات | إعلان واحد"
    );
    // Languages without strings of their own read English's, in their own digits.
    assert_eq!(
        counts("fa"),
        "۱٬۲۳۴٬۵۶۷ announcements | ۱٬۰۰۰ announcements | ۱۱ announcements | ۳ announcements | one announcement"
    );
    assert_eq!(
        counts("bn"),
        "১২,৩৪,৫৬৭ announcements | ১,০০০ announcements | ১১ announcements | ৩ announcements | one announcement"
    );
    assert_eq!(
        counts("hi"),
        "12,34,567 announcements | 1,000 announcements | 11 announcements | 3 announcements | one announcement"
    );
    assert_eq!(
        counts("fa-AF"),
        "1,234,567 announcements | 1,000 announcements | 11 announcements | 3 announcements | one announcement"
    );
    // The tag index counts too.
    assert!(site
        .output("ar-EG/tags/index.html")
        .contains("<span class=\"count\">٣ إعلانات</span>"));
}

/// A file's bytes, unpacked when gzip-compressed (Pagefind's index).
fn readable(bytes: Vec<u8>) -> Vec<u8> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes;
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

#[test]
fn no_isolation_marks_in_any_output_and_bdi_where_direction_can_flip() {
    let (_out, public, _) = common::build_example();
    let mut files = 0;
    let mut index_files = 0;
    for (path, bytes) in common::snapshot(&public) {
        let packed = bytes.starts_with(&[0x1f, 0x8b]);
        let text = String::from_utf8_lossy(&readable(bytes)).to_string();
        // Headings, titles, attributes, feeds, the sitemap, the search index: none
        // anywhere (the example's content has none of its own).
        assert!(
            !text.contains(['\u{2068}', '\u{2069}']),
            "{}: {}",
            path.display(),
            text.split(['\u{2068}', '\u{2069}']).next().unwrap_or("")
        );
        files += 1;
        index_files += usize::from(packed);
    }
    assert!(files > 250 && index_files > 50, "{files} {index_files}");
    // Language names and tag labels inside sentences are isolated by `<bdi>`: an English
    // name in an Arabic sentence, an Arabic one in a French sentence.
    let ar_tag = std::fs::read_to_string(public.join("ar/tags/security/index.html")).unwrap();
    let heading = ar_tag
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(
        heading.contains("<bdi>") && heading.ends_with("</bdi>"),
        "{heading}"
    );
    let title = ar_tag
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(!title.contains('<'), "{title}");
    let ar = std::fs::read_to_string(public.join("ar/index.html")).unwrap();
    assert!(
        ar.contains("<span class=\"badge\">لم يُترجم بعد · باللغة <bdi>الإنجليزية</bdi></span>"),
        "{ar}"
    );
    let en = std::fs::read_to_string(public.join("en/search/index.html")).unwrap();
    assert!(en.contains("published in <bdi>English</bdi>."), "{en}");
}

/// One probe message per language whose variants name CLDR's categories, shown for
/// `numbers` on the 404 page of each language: "n=category" pairs.
fn plural_categories(langs: &[&str], numbers: &[&str]) -> Vec<(String, String)> {
    let languages: String = langs
        .iter()
        .map(|l| format!("  - {{ code: {l}, name: {l} }}\n"))
        .collect();
    let site = TestSite::with_config(&format!(
        "base_url: https://example.org\ndefault_language: en\nlanguages:\n{languages}search: false\n"
    ));
    for lang in langs {
        site.write(
            &format!("locales/{lang}/probe.ftl"),
            "probe = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n",
        );
    }
    site.eject_theme();
    let path = site.root().join("themes/default/templates/404.html");
    let probes: String = numbers
        .iter()
        .map(|n| format!("{n}={{{{ t(key=\"probe\", n={n}) }}}};"))
        .collect();
    let template = std::fs::read_to_string(&path).unwrap().replace(
        "{% endblock main %}",
        &format!("<p id=\"n\">{probes}</p>\n{{% endblock main %}}"),
    );
    std::fs::write(&path, template).unwrap();
    site.build_ok();
    langs
        .iter()
        .map(|lang| {
            let html = site.output(&format!("{lang}/404.html"));
            let probes = html.split("<p id=\"n\">").nth(1).unwrap();
            (
                lang.to_string(),
                probes.split("</p>").next().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn plural_variants_follow_cldr_in_arabic_lithuanian_hebrew_the_slavic_languages_and_where_icu4x_has_no_rules(
) {
    const NUMBERS: [&str; 19] = [
        "0", "1", "2", "3", "11", "20", "22", "25", "100", "101", "102", "103", "110", "111",
        "1000000", "1.5", "0.5", "2.5", "21.1",
    ];
    // CLDR 49's rules (plurals.xml), category by category for the numbers above; the
    // last four are decimals (operands v = 1, f = 5 or 1).
    let expected = [
        ("ar", "zero one two few many many many many other other other few few many other other other other other"),
        ("lt", "other one few few other other few few other one few few other other other many many many many"),
        ("he", "other one two other other other other other other other other other other other other other one other other"),
        ("ru", "many one few few many many few many many one few few many many many other other other other"),
        ("pl", "many one few few many many few many many many few few many many many other other other other"),
        ("cy", "zero one two few other other other other other other other other other other other other other other other"),
        ("fr", "one one other other other other other other other other other other other other many one one other other"),
        ("en", "other one other other other other other other other other other other other other other other other other other"),
        // Serbian's rules in either script (ICU4X alone would give the Latin script the
        // root's: `other` for all), and languages whose rules ICU4X's data lacks.
        ("sr-Latn", "other one few few other other few other other one few few other other other other other other one"),
        ("dv", "other one other other other other other other other other other other other other other other other other other"),
        ("yi", "other one other other other other other other other other other other other other other other other other other"),
        ("kab", "one one other other other other other other other other other other other other other one one other other"),
    ];
    let langs: Vec<&str> = expected.iter().map(|(l, _)| *l).collect();
    for (lang, got) in plural_categories(&langs, &NUMBERS) {
        let want: String = expected
            .iter()
            .find(|(l, _)| *l == lang)
            .unwrap()
            .1
            .split(' ')
            .zip(NUMBERS)
            .map(|(category, n)| format!("{n}={category};"))
            .collect();
        assert_eq!(got, want, "{lang}");
    }
}

#[test]
fn long_dates_write_days_one_to_nine_in_one_digit_as_cldrs_patterns_do() {
    let site = TestSite::with_config(
        "base_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n  - { code: sr, name: српски }\n  - { code: sr-Latn, name: srpski }\n  - { code: sl, name: slovenščina }\n  - { code: hy, name: հայերեն }\n  - { code: af, name: Afrikaans }\n  - { code: en-ZA, name: English (South Africa) }\n  - { code: de, name: Deutsch }\nsearch: false\npaginate: 20\n",
    );
    for day in 1..=9 {
        site.announcement(
            &format!("2025-01-0{day}-a{day}.en.md"),
            &format!("---\ntitle: Notice {day}\ndate: 2025-01-0{day}\n---\n\nText.\n"),
        );
    }
    site.build_ok();
    // Each language's dates, oldest first, from its home page's list.
    let dates = |lang: &str| -> Vec<String> {
        let html = site.output(&format!("{lang}/index.html"));
        let mut dates: Vec<String> = html
            .split("<time datetime=\"")
            .skip(1)
            .map(|t| {
                t.split('>')
                    .nth(1)
                    .unwrap()
                    .split("</time")
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        dates.reverse();
        dates
    };
    let expect = |pattern: &str| -> Vec<String> {
        (1..=9)
            .map(|d| pattern.replace("{d}", &d.to_string()))
            .collect()
    };
    assert_eq!(dates("sr"), expect("{d}. јануар 2025."));
    assert_eq!(dates("sr-Latn"), expect("{d}. januar 2025."));
    assert_eq!(dates("sl"), expect("{d}. januar 2025"));
    assert_eq!(dates("hy"), expect("2025 թ․ հունվարի {d}"));
    assert_eq!(dates("af"), expect("{d} Januarie 2025"));
    assert_eq!(dates("en-ZA"), expect("{d} January 2025"));
    assert_eq!(dates("de"), expect("{d}. Januar 2025"));
    assert_eq!(dates("en"), expect("January {d}, 2025"));
}

/// `t()` without arguments is made once per language, key and escaping and then reused
/// (a cold build's cost): each language keeps its own words and digits, page text its
/// `<bdi>` (Fluent isolates the nested placeable), an attribute none, and a call with
/// arguments is made for its arguments. The attribute's call comes between two page-text
/// calls, so a memo blind to the escaping would give one of them the other's value.
#[test]
fn a_message_made_once_keeps_its_language_its_escaping_and_its_arguments() {
    let site = site(CONFIG);
    site.write(
        "locales/en/memo.ftl",
        "-brand = Herald <News>\nabout-brand = About { { -brand } }, in { 7 } languages\n",
    );
    site.write(
        "locales/fr/memo.ftl",
        "-brand = Herald <Nouvelles>\nabout-brand = À propos de { { -brand } }, en { 7 } langues\n",
    );
    let calls = [
        "{{ t(key=\"about-brand\") }}",
        "<span title=\"{{ t(key=\"about-brand\", attr=true) }}\"></span>",
        "{{ t(key=\"about-brand\") }}",
        "{{ t(key=\"announcement-count\", count=3) }}",
        "{{ t(key=\"announcement-count\", count=1) }}",
        "{{ t(key=\"announcement-count\", count=3) }}",
    ]
    .join("|");
    build_with_paragraph(&site, &calls);
    let made = |lang: &str| paragraph(&site, lang);
    assert_eq!(
        made("en"),
        "About <bdi>Herald &lt;News&gt;</bdi>, in 7 languages|<span title=\"About Herald &lt;News&gt;, in 7 languages\"></span>|About <bdi>Herald &lt;News&gt;</bdi>, in 7 languages|3 announcements|one announcement|3 announcements"
    );
    assert_eq!(
        made("fr"),
        "À propos de <bdi>Herald &lt;Nouvelles&gt;</bdi>, en 7 langues|<span title=\"À propos de Herald &lt;Nouvelles&gt;, en 7 langues\"></span>|À propos de <bdi>Herald &lt;Nouvelles&gt;</bdi>, en 7 langues|3 communiqués|1 communiqué|3 communiqués"
    );
    // A language without the message reads its fallback's, in its own digits.
    assert_eq!(
        made("ar-EG"),
        "About <bdi>Herald &lt;News&gt;</bdi>, in ٧ languages|<span title=\"About Herald &lt;News&gt;, in ٧ languages\"></span>|About <bdi>Herald &lt;News&gt;</bdi>, in ٧ languages|٣ إعلانات|إعلان واحد|٣ إعلانات"
    );
}
