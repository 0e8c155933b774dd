//! The newsroom's lifecycle fields (issue 22): change notes, withdrawal, pinned and
//! urgent announcements, closing and expiry dates, one "now" per build (`--now`) and the
//! next change `herald build` and `herald status` report. Each test builds a temporary
//! site (in the same languages as the example: en, zh, ar, es, fr, ru, pt) and reads the
//! HTML and XML written.

mod common;

use common::{run_herald, snapshot, TestSite};
use herald::date::Date;

/// Seconds since the epoch of a date or RFC 3339 time.
fn at(text: &str) -> i64 {
    Date::parse(text).unwrap().timestamp
}

/// Builds `site` with its clock at `now`, through the command line; its stdout.
fn build_at(site: &TestSite, now: &str) -> String {
    let (code, stdout, stderr) = run_herald(site.root(), &["build", "--now", now]);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// The announcements (by their English titles, `<h2>` links) of a list page, in order.
fn listed(html: &str) -> Vec<String> {
    // Lists title their entries with h2, the archive (under month headings) with h3.
    html.replace("<h3 lang=", "<h2 lang=")
        .split("<h2 lang=")
        .skip(1)
        .filter_map(|s| {
            let link = s.split("\"><a href=\"").nth(1)?;
            Some(link.split('"').next()?.to_string())
        })
        .collect()
}

/// A consultation translated into zh, ar and fr, each with its own change notes.
fn noted_site() -> TestSite {
    let site = TestSite::new();
    site.announcement(
        "consult.en.md",
        "---\ntitle: Consultation on fees\ndate: 2026-01-05\ntags: [policy]\nchanges:\n  - date: 2026-01-20\n    note: Corrected the closing date.\n  - date: 2026-01-10\n    note: Added the draft in PDF.\n---\n\nWe ask for comments.\n",
    );
    site.announcement(
        "consult.zh.md",
        "---\ntitle: 关于收费的意见征询\nchanges:\n  - date: 2026-01-20\n    note: 更正了截止日期。\n  - date: 2026-01-10\n    note: 增加了草案的PDF版本。\n---\n\n我们征求意见。\n",
    );
    site.announcement(
        "consult.ar.md",
        "---\ntitle: مشاورة بشأن الرسوم\nchanges:\n  - date: 2026-01-20\n    note: صُحّح تاريخ الإغلاق.\n  - date: 2026-01-10\n    note: أُضيفت المسودة بصيغة PDF.\n---\n\nنطلب تعليقاتكم.\n",
    );
    // The French translation was made before the latest change: it is stale.
    site.announcement(
        "consult.fr.md",
        "---\ntitle: Consultation sur les redevances\nchanges:\n  - date: 2026-01-10\n    note: Ajout du projet au format PDF.\n---\n\nNous sollicitons vos commentaires.\n",
    );
    site
}

#[test]
fn change_notes_show_the_latest_near_the_top_and_the_history_at_the_bottom() {
    let site = noted_site();
    build_at(&site, "2026-02-01");
    let en = site.output("en/announcements/consult/index.html");
    assert!(en.contains("<p class=\"change-note\" data-pagefind-ignore>Updated <time datetime=\"2026-01-20\">January 20, 2026</time>: Corrected the closing date.</p>"), "{en}");
    // The note comes before the text, the history after it, newest first, with the
    // first publication last.
    let (top, bottom) = en.split_once("<div class=\"content\"").unwrap();
    assert!(top.contains("class=\"change-note\""));
    assert!(bottom.contains("<h2 id=\"history-heading\">Page history</h2>\n<ul>\n<li><time datetime=\"2026-01-20\">January 20, 2026</time>: <span lang=\"en\" dir=\"ltr\">Corrected the closing date.</span></li>\n<li><time datetime=\"2026-01-10\">January 10, 2026</time>: <span lang=\"en\" dir=\"ltr\">Added the draft in PDF.</span></li>\n<li><time datetime=\"2026-01-05\">January 5, 2026</time>: First published</li>"), "{bottom}");
    let zh = site.output("zh/announcements/consult/index.html");
    assert!(
        zh.contains(
            "更新于<time datetime=\"2026-01-20\">2026年1月20日</time>：更正了截止日期。</p>"
        ),
        "{zh}"
    );
    assert!(zh.contains("<h2 id=\"history-heading\">修订记录</h2>"));
    let ar = site.output("ar/announcements/consult/index.html");
    assert!(
        ar.contains(
            "حُدِّث في <time datetime=\"2026-01-20\">20 يناير 2026</time>: صُحّح تاريخ الإغلاق.</p>"
        ),
        "{ar}"
    );
    assert!(ar.contains("<span lang=\"ar\" dir=\"rtl\">أُضيفت المسودة بصيغة PDF.</span>"));
    let fr = site.output("fr/announcements/consult/index.html");
    assert!(fr.contains("Mis à jour le <time datetime=\"2026-01-10\">10 janvier 2026</time> : Ajout du projet au format PDF.</p>"), "{fr}");
    // The source's newer note makes the French translation stale, as `updated:` does.
    assert!(fr.contains("class=\"notice\" role=\"note\" data-pagefind-ignore>Le communiqué original a été modifié"), "{fr}");
    assert!(!zh.contains("class=\"notice\""));
    // Spanish has no translation: the source's notes, marked as English, in a Spanish sentence.
    let es = site.output("es/announcements/consult/index.html");
    assert!(es.contains("Actualizado el <time datetime=\"2026-01-20\">20 de enero de 2026</time>: <span lang=\"en\" dir=\"ltr\">Corrected the closing date.</span></p>"), "{es}");
    // `updated` is the newest change: in the page's metadata, the feed and the sitemap.
    assert!(
        en.contains("<meta property=\"article:modified_time\" content=\"2026-01-20T00:00:00Z\">")
    );
    let feed = site.output("en/atom.xml");
    assert!(
        feed.contains(
            "<published>2026-01-05T00:00:00Z</published>\n<updated>2026-01-20T00:00:00Z</updated>"
        ),
        "{feed}"
    );
    let fr_feed = site.output("fr/atom.xml");
    assert!(
        fr_feed.contains("<updated>2026-01-10T00:00:00Z</updated>"),
        "{fr_feed}"
    );
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/en/announcements/consult/</loc>\n<lastmod>2026-01-20</lastmod>") || sitemap.contains("<loc>https://example.org/en/announcements/consult/</loc><lastmod>2026-01-20</lastmod>"), "{sitemap}");
}

#[test]
fn status_shows_the_translator_the_source_notes_since_the_translation() {
    let site = noted_site();
    let (code, stdout, stderr) = run_herald(site.root(), &["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["format"], 1);
    let fr = &json["announcements"][0]["languages"][4];
    assert_eq!(fr["lang"], "fr");
    assert_eq!(fr["status"], "stale");
    assert_eq!(
        fr["notes"],
        serde_json::json!([{ "date": "2026-01-20", "note": "Corrected the closing date." }])
    );
    let (_, text, _) = run_herald(site.root(), &["status"]);
    assert!(
        text.contains(
            "consult (fr): the source changed on 2026-01-20: Corrected the closing date."
        ),
        "{text}"
    );
}

/// Three announcements, the middle one withdrawn (English reason; French reason of its own).
fn withdrawn_site() -> TestSite {
    let site = TestSite::with_config(&format!(
        "{}kinds: [notice, statement]\ndefault_kind: notice\n",
        common::CONFIG
    ));
    site.announcement(
        "old.en.md",
        "---\ntitle: Older\ndate: 2026-01-01\ntags: [events]\n---\n\nOld.\n",
    );
    site.announcement(
        "new.en.md",
        "---\ntitle: Newer\ndate: 2026-01-20\ntags: [events]\n---\n\nNew.\n",
    );
    site.announcement(
        "workshop.en.md",
        "---\ntitle: Workshop in Lima\ndate: 2026-01-10\ntags: [events]\nwithdrawn:\n  date: 2026-01-15\n  reason: The venue is closed for works.\n---\n\nA workshop.\n",
    );
    site.announcement(
        "workshop.zh.md",
        "---\ntitle: 利马研讨会\nwithdrawn:\n  reason: 会场因施工关闭。\n---\n\n研讨会。\n",
    );
    site.announcement(
        "workshop.ar.md",
        "---\ntitle: ورشة عمل في ليما\n---\n\nورشة عمل.\n",
    );
    site.announcement(
        "workshop.fr.md",
        "---\ntitle: Atelier à Lima\nwithdrawn:\n  reason: Le lieu est fermé pour travaux.\n---\n\nUn atelier.\n",
    );
    site
}

#[test]
fn a_withdrawn_announcement_keeps_its_page_with_a_notice_and_leaves_the_lists() {
    let site = withdrawn_site();
    build_at(&site, "2026-02-01");
    let en = site.output("en/announcements/workshop/index.html");
    assert!(en.contains("<div class=\"notice withdrawn\" role=\"note\" data-pagefind-ignore>\n<p><strong>This announcement was withdrawn on <time datetime=\"2026-01-15\">January 15, 2026</time>.</strong></p>\n<p lang=\"en\" dir=\"ltr\">The venue is closed for works.</p>\n</div>"), "{en}");
    // The history ends with its withdrawal.
    assert!(en.contains("<h2 id=\"history-heading\">Page history</h2>\n<ul>\n<li><time datetime=\"2026-01-15\">January 15, 2026</time>: Withdrawn</li>\n<li><time datetime=\"2026-01-10\">January 10, 2026</time>: First published</li>"), "{en}");
    // The search index marks it with a filter.
    assert!(
        en.contains("data-pagefind-filter=\"Status:Withdrawn\""),
        "{en}"
    );
    let zh = site.output("zh/announcements/workshop/index.html");
    assert!(zh.contains("<p><strong>本公告已于<time datetime=\"2026-01-15\">2026年1月15日</time>撤回。</strong></p>\n<p lang=\"zh\" dir=\"ltr\">会场因施工关闭。</p>"), "{zh}");
    // No Arabic reason: the source's, in English, marked so, under an Arabic notice.
    let ar = site.output("ar/announcements/workshop/index.html");
    assert!(ar.contains("<p><strong>سُحب هذا الإعلان في <time datetime=\"2026-01-15\">15 يناير 2026</time>.</strong></p>\n<p lang=\"en\" dir=\"ltr\">The venue is closed for works.</p>"), "{ar}");
    let fr = site.output("fr/announcements/workshop/index.html");
    assert!(fr.contains("Ce communiqué a été retiré le <time datetime=\"2026-01-15\">15 janvier 2026</time>.</strong></p>\n<p lang=\"fr\" dir=\"ltr\">Le lieu est fermé pour travaux.</p>"), "{fr}");
    for lang in ["en", "zh", "ar", "fr"] {
        let home = site.output(&format!("{lang}/index.html"));
        assert_eq!(
            listed(&home),
            [
                format!("/{lang}/announcements/new/"),
                format!("/{lang}/announcements/old/")
            ],
            "{lang}"
        );
        let tag = site.output(&format!("{lang}/tags/events/index.html"));
        assert!(!tag.contains("announcements/workshop/"), "{lang}: {tag}");
        let kind = site.output(&format!("{lang}/kinds/notice/index.html"));
        assert!(!kind.contains("announcements/workshop/"), "{lang}: {kind}");
        // The archive lists the year's other two.
        let year = site.output(&format!("{lang}/archive/2026/index.html"));
        assert_eq!(
            listed(&year),
            [
                format!("/{lang}/announcements/new/"),
                format!("/{lang}/announcements/old/")
            ],
            "{lang}: {year}"
        );
        // Every feed carries its last entry, which says it was withdrawn.
        for feed in [
            format!("{lang}/atom.xml"),
            format!("{lang}/tags/events/atom.xml"),
            format!("{lang}/kinds/notice/atom.xml"),
        ] {
            let xml = site.output(&feed);
            assert_eq!(xml.matches("<entry").count(), 3, "{feed}: {xml}");
            let entry = xml
                .split("<entry")
                .find(|e| e.contains("announcements/workshop/"))
                .unwrap_or_else(|| panic!("{feed}: no withdrawn entry"));
            assert!(
                entry.contains("<updated>2026-01-15T00:00:00Z</updated>"),
                "{feed}: {entry}"
            );
            let says = match lang {
                "en" => "<title>Withdrawn: Workshop in Lima</title>",
                "zh" => "<title>已撤回：利马研讨会</title>",
                "ar" => "<title>مسحوب: ورشة عمل في ليما</title>",
                _ => "<title>Retiré : Atelier à Lima</title>",
            };
            assert!(entry.contains(says), "{feed}: {entry}");
        }
    }
    let archive = site.output("en/archive/index.html");
    assert!(archive.contains("2 announcements"), "{archive}");
    // The feed's entry says it was withdrawn, updated then; the sitemap keeps the page.
    let feed = site.output("en/atom.xml");
    assert!(
        feed.contains("<title>Withdrawn: Workshop in Lima</title>"),
        "{feed}"
    );
    assert!(feed.contains(
        "<published>2026-01-10T00:00:00Z</published>\n<updated>2026-01-15T00:00:00Z</updated>"
    ));
    assert!(
        feed.contains("<summary>This announcement was withdrawn on January 15, 2026.</summary>")
    );
    assert_eq!(feed.matches("<entry").count(), 3);
    let zh_feed = site.output("zh/atom.xml");
    assert!(
        zh_feed.contains("<title>已撤回：利马研讨会</title>"),
        "{zh_feed}"
    );
    let ar_feed = site.output("ar/atom.xml");
    assert!(
        ar_feed.contains("<title>مسحوب: ورشة عمل في ليما</title>"),
        "{ar_feed}"
    );
    let fr_feed = site.output("fr/atom.xml");
    assert!(
        fr_feed.contains("<title>Retiré : Atelier à Lima</title>"),
        "{fr_feed}"
    );
    assert!(site
        .output("sitemap.xml")
        .contains("/fr/announcements/workshop/"));
}

/// The home list has as many pages as it has listed announcements fill: a withdrawn one
/// leaves no empty page behind.
#[test]
fn withdrawn_announcements_leave_no_empty_home_page() {
    let site = withdrawn_site();
    site.write(
        "site.yaml",
        &site_yaml(&site).replace("paginate: 20", "paginate: 2"),
    );
    build_at(&site, "2026-02-01");
    assert!(site.has_output("en/index.html"));
    assert!(!site.has_output("en/page/2/index.html"));
    assert!(!site.output("en/index.html").contains("/en/page/2/"));
    // Two pages again once a third is listed.
    site.announcement("later.en.md", &common::simple("Later", "2026-01-25"));
    build_at(&site, "2026-02-01");
    assert!(site.has_output("en/page/2/index.html"));
}

fn site_yaml(site: &TestSite) -> String {
    std::fs::read_to_string(site.root().join("site.yaml")).unwrap()
}

#[test]
fn pinned_announcements_come_first_on_every_home_page_up_to_pinned_max() {
    let site = TestSite::with_config(&format!("{}pinned_max: 2\n", common::CONFIG));
    for (name, date, extra) in [
        ("a", "2026-01-01", "pinned: true\n"),
        ("b", "2026-01-02", "pinned_until: 2026-03-01\n"),
        ("c", "2026-01-03", "pinned_until: 2026-01-15\n"),
        ("d", "2026-01-04", ""),
        ("e", "2026-01-05", "pinned: true\n"),
    ] {
        site.announcement(
            &format!("{name}.en.md"),
            &format!("---\ntitle: {name}\ndate: {date}\n{extra}---\n\nText.\n"),
        );
    }
    site.announcement("a.fr.md", "---\ntitle: a en français\n---\n\nTexte.\n");
    site.announcement("a.zh.md", "---\ntitle: 甲\n---\n\n正文。\n");
    site.announcement("a.ar.md", "---\ntitle: أ\n---\n\nنص.\n");
    let order = |lang: &str| -> Vec<String> {
        listed(&site.output(&format!("{lang}/index.html")))
            .into_iter()
            .map(|u| {
                u.trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    // On 10 January, a, b, c and e are pinned; the newest two (pinned_max) come first.
    build_at(&site, "2026-01-10");
    for lang in ["en", "zh", "ar", "fr"] {
        assert_eq!(order(lang), ["e", "c", "d", "b", "a"], "{lang}");
    }
    let en = site.output("en/index.html");
    assert_eq!(
        en.matches("<span class=\"badge pinned\">Pinned</span>")
            .count(),
        2
    );
    assert!(site
        .output("fr/index.html")
        .contains("<span class=\"badge pinned\">Épinglé</span>"));
    assert!(site
        .output("zh/index.html")
        .contains("<span class=\"badge pinned\">置顶</span>"));
    assert!(site
        .output("ar/index.html")
        .contains("<span class=\"badge pinned\">مثبَّت</span>"));
    // From 16 January c is no longer pinned; from 2 March b neither.
    build_at(&site, "2026-01-16");
    assert_eq!(order("en"), ["e", "b", "d", "c", "a"]);
    build_at(&site, "2026-03-02");
    assert_eq!(order("ar"), ["e", "a", "d", "c", "b"]);
    // Tag lists and feeds keep the date order (no pin there).
    let feed = site.output("en/atom.xml");
    let first = feed.split("<entry").nth(1).unwrap();
    assert!(first.contains("<title>e</title>"));
}

/// An urgent notice translated into Chinese only, and another announcement.
fn urgent_site() -> TestSite {
    let site = TestSite::new();
    site.announcement(
        "outage.en.md",
        "---\ntitle: Portal closed on Sunday\ndate: 2026-01-05\nurgent: true\nurgent_until: 2026-01-11T18:00:00Z\n---\n\nThe portal is closed.\n",
    );
    site.announcement(
        "outage.zh.md",
        "---\ntitle: 门户网站周日关闭\n---\n\n门户网站关闭。\n",
    );
    site.announcement("other.en.md", &common::simple("Other news", "2026-01-02"));
    site
}

#[test]
fn an_urgent_notice_is_on_every_page_of_every_language_until_it_ends() {
    let site = urgent_site();
    build_at(&site, "2026-01-11T17:59:00Z");
    let banner = |lang: &str, link: &str| {
        format!("<aside class=\"urgent\" aria-labelledby=\"urgent-heading\">\n<div class=\"wrap\">\n<p id=\"urgent-heading\"><strong>{}</strong></p>\n<ul>\n<li>{link}</li>\n</ul>", match lang {
            "en" => "Urgent notice",
            "zh" => "紧急通知",
            "ar" => "تنبيه عاجل",
            _ => "Avis urgent",
        })
    };
    let en = banner(
        "en",
        "<a href=\"/en/announcements/outage/\" lang=\"en\" dir=\"ltr\">Portal closed on Sunday</a>",
    );
    let zh = banner(
        "zh",
        "<a href=\"/zh/announcements/outage/\" lang=\"zh\" dir=\"ltr\">门户网站周日关闭</a>",
    );
    // No Arabic or French translation: the source's title, marked as English.
    let ar = banner("ar", "<a href=\"/ar/announcements/outage/\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">Portal closed on Sunday</a>");
    let fr = banner("fr", "<a href=\"/fr/announcements/outage/\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">Portal closed on Sunday</a>");
    for (lang, expected) in [("en", &en), ("zh", &zh), ("ar", &ar), ("fr", &fr)] {
        for page in [
            "index.html",
            "announcements/other/index.html",
            "tags/index.html",
            "404.html",
            "announcements/outage/index.html",
        ] {
            let html = site.output(&format!("{lang}/{page}"));
            assert!(html.contains(expected.as_str()), "{lang}/{page}:\n{html}");
        }
    }
    assert!(
        site.output("index.html").contains("class=\"urgent\""),
        "the chooser too"
    );
    assert!(site
        .output("ar/index.html")
        .starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
    // Once `urgent_until` has passed, no page has the banner.
    build_at(&site, "2026-01-11T18:00:00Z");
    for lang in ["en", "zh", "ar", "fr"] {
        for page in ["index.html", "announcements/outage/index.html"] {
            assert!(!site
                .output(&format!("{lang}/{page}"))
                .contains("class=\"urgent\""));
        }
    }
}

/// A consultation that closes at a time with its zone, and one that closes on a date
/// and expires after it.
fn closing_site() -> TestSite {
    let site = TestSite::with_config(&format!(
        "{}kinds: [press-release, consultation]\ndefault_kind: press-release\n",
        common::CONFIG
    ));
    site.announcement(
        "timed.en.md",
        "---\ntitle: Timed consultation\ndate: 2026-01-01\nkind: consultation\ncloses: 2026-01-15T17:00:00+01:00\n---\n\nText.\n",
    );
    site.announcement("timed.zh.md", "---\ntitle: 定时征询\n---\n\n正文。\n");
    site.announcement("timed.ar.md", "---\ntitle: مشاورة موقوتة\n---\n\nنص.\n");
    site.announcement(
        "timed.fr.md",
        "---\ntitle: Consultation minutée\n---\n\nTexte.\n",
    );
    site.announcement(
        "dated.en.md",
        "---\ntitle: Dated call\ndate: 2026-01-02\ncloses: 2026-01-20\nexpires: 2026-02-01\n---\n\nText.\n",
    );
    site
}

#[test]
fn closing_dates_say_open_until_then_closed_on_with_the_time_and_zone_as_written() {
    let site = closing_site();
    let out = build_at(&site, "2026-01-15T15:59:00Z");
    assert!(
        out.contains("next change: 2026-01-15T16:00Z, consultation 'Timed consultation' closes"),
        "{out}"
    );
    let closing = |lang: &str, name: &str| {
        let html = site.output(&format!("{lang}/announcements/{name}/index.html"));
        html.lines()
            .find(|l| l.starts_with("<p class=\"closing"))
            .unwrap_or_else(|| panic!("{lang}/{name}: no closing line"))
            .to_string()
    };
    let time = "<time datetime=\"2026-01-15T17:00:00+01:00\">";
    assert_eq!(closing("en", "timed"), format!("<p class=\"closing\" data-pagefind-ignore>Open until {time}January 15, 2026 at 5:00\u{202f}PM GMT+1</time></p>"));
    assert_eq!(closing("zh", "timed"), format!("<p class=\"closing\" data-pagefind-ignore>开放至{time}2026年1月15日 GMT+1 17:00</time></p>"));
    assert_eq!(closing("ar", "timed"), format!("<p class=\"closing\" data-pagefind-ignore>مفتوح حتى {time}15 يناير 2026 في 5:00 م غرينتش\u{200e}+1</time></p>"));
    assert_eq!(closing("fr", "timed"), format!("<p class=\"closing\" data-pagefind-ignore>Ouvert jusqu’au {time}15 janvier 2026 à 17:00 UTC+1</time></p>"));
    assert_eq!(closing("en", "dated"), "<p class=\"closing\" data-pagefind-ignore>Open until <time datetime=\"2026-01-20\">January 20, 2026</time></p>");
    // List entries say it too: the kind's list, the home page, the archive.
    let entry = |file: &str| site.output(file);
    let open_en = format!("<span class=\"closing\">Open until {time}January 15, 2026 at 5:00\u{202f}PM GMT+1</time></span>");
    assert!(entry("en/kinds/consultation/index.html").contains(&open_en));
    assert!(entry("en/archive/2026/index.html").contains(&open_en));
    assert!(entry("zh/index.html").contains(&format!(
        "<span class=\"closing\">开放至{time}2026年1月15日 GMT+1 17:00</time></span>"
    )));
    assert!(
        entry("ar/kinds/consultation/index.html").contains("<span class=\"closing\">مفتوح حتى ")
    );
    assert!(!entry("en/kinds/press-release/index.html").contains("class=\"closing is-closed"));
    // At 17:00 in Paris it is closed.
    let out = build_at(&site, "2026-01-15T16:00:00Z");
    assert!(
        out.contains("next change: 2026-01-21T00:00Z, press release 'Dated call' closes"),
        "{out}"
    );
    assert_eq!(closing("en", "timed"), format!("<p class=\"closing is-closed\" data-pagefind-ignore>Closed on {time}January 15, 2026 at 5:00\u{202f}PM GMT+1</time></p>"));
    assert_eq!(closing("zh", "timed"), format!("<p class=\"closing is-closed\" data-pagefind-ignore>已于{time}2026年1月15日 GMT+1 17:00</time>截止</p>"));
    assert_eq!(closing("ar", "timed"), format!("<p class=\"closing is-closed\" data-pagefind-ignore>أُغلق في {time}15 يناير 2026 في 5:00 م غرينتش\u{200e}+1</time></p>"));
    assert_eq!(closing("fr", "timed"), format!("<p class=\"closing is-closed\" data-pagefind-ignore>Clos le {time}15 janvier 2026 à 17:00 UTC+1</time></p>"));
    assert!(site
        .output("fr/kinds/consultation/index.html")
        .contains(&format!("<span class=\"closing is-closed\">Clos le {time}15 janvier 2026 à 17:00 UTC+1</time></span>")));
    // A plain closing date is open all that day, closed the next.
    build_at(&site, "2026-01-20T23:59:00Z");
    assert!(closing("fr", "dated")
        .contains("Ouvert jusqu’au <time datetime=\"2026-01-20\">20 janvier 2026</time>"));
    let out = build_at(&site, "2026-01-21");
    assert!(
        out.contains("next change: 2026-02-02T00:00Z, press release 'Dated call' expires"),
        "{out}"
    );
    assert!(closing("fr", "dated")
        .contains("Clos le <time datetime=\"2026-01-20\">20 janvier 2026</time>"));
    assert!(site
        .output("en/index.html")
        .contains("/en/announcements/dated/"));
    assert!(site
        .output("en/atom.xml")
        .contains("/en/announcements/dated/"));
}

#[test]
fn an_expired_announcement_leaves_lists_and_feeds_and_keeps_its_page_with_a_notice() {
    let site = closing_site();
    let out = build_at(&site, "2026-02-02");
    assert!(!out.contains("next change"), "{out}");
    for lang in ["en", "zh", "ar", "fr"] {
        assert!(!site
            .output(&format!("{lang}/index.html"))
            .contains("announcements/dated/"));
        assert!(!site
            .output(&format!("{lang}/atom.xml"))
            .contains("announcements/dated/"));
        // Nor in its kind's list and feed, nor the archive (where it was the day before).
        for file in [
            "kinds/press-release/index.html",
            "kinds/press-release/atom.xml",
            "archive/2026/index.html",
        ] {
            let text = site.output(&format!("{lang}/{file}"));
            assert!(
                !text.contains("announcements/dated/"),
                "{lang}/{file}: {text}"
            );
        }
    }
    build_at(&site, "2026-02-01");
    assert!(site
        .output("fr/archive/2026/index.html")
        .contains("/fr/announcements/dated/"));
    assert!(site
        .output("fr/kinds/press-release/atom.xml")
        .contains("/fr/announcements/dated/"));
    build_at(&site, "2026-02-02");
    let notice = |lang: &str| {
        let html = site.output(&format!("{lang}/announcements/dated/index.html"));
        html.lines()
            .find(|l| l.contains("expired") || l.contains("<time datetime=\"2026-02-01\">"))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(notice("en"), "<p class=\"notice\" role=\"note\" data-pagefind-ignore>This announcement expired on <time datetime=\"2026-02-01\">February 1, 2026</time>. It is kept here for reference.</p>");
    assert_eq!(notice("zh"), "<p class=\"notice\" role=\"note\" data-pagefind-ignore>本公告已于<time datetime=\"2026-02-01\">2026年2月1日</time>失效，保留于此仅供参考。</p>");
    assert_eq!(notice("ar"), "<p class=\"notice\" role=\"note\" data-pagefind-ignore>انتهت صلاحية هذا الإعلان في <time datetime=\"2026-02-01\">1 فبراير 2026</time>، ويُحتفظ به هنا للرجوع إليه.</p>");
    assert_eq!(notice("fr"), "<p class=\"notice\" role=\"note\" data-pagefind-ignore>Ce communiqué a expiré le <time datetime=\"2026-02-01\">1 février 2026</time>. Il est conservé ici pour mémoire.</p>");
    assert!(site
        .output("sitemap.xml")
        .contains("/en/announcements/dated/"));
}

#[test]
fn next_change_counts_scheduled_announcements_and_is_in_status_json() {
    let site = closing_site();
    site.announcement("later.en.md", &common::simple("Later news", "2026-01-10"));
    let out = build_at(&site, "2026-01-05");
    assert!(
        out.contains("next change: 2026-01-10T00:00Z, press release 'Later news' is published"),
        "{out}"
    );
    let status = |now: &str| -> serde_json::Value {
        let (code, stdout, stderr) =
            run_herald(site.root(), &["status", "--format", "json", "--now", now]);
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str(&stdout).unwrap()
    };
    assert_eq!(
        status("2026-01-05")["next_change"],
        serde_json::json!({ "at": "2026-01-10T00:00:00Z", "event": "published", "announcement": "later", "title": "Later news", "kind": "press-release" })
    );
    assert_eq!(
        status("2026-01-10")["next_change"],
        serde_json::json!({ "at": "2026-01-15T16:00:00Z", "event": "closes", "announcement": "timed", "title": "Timed consultation", "kind": "consultation" })
    );
    assert_eq!(status("2026-03-01")["next_change"], serde_json::Value::Null);
    assert_eq!(status("2026-03-01")["format"], 1);
    let (_, text, _) = run_herald(site.root(), &["status", "--now", "2026-01-16"]);
    assert!(
        text.contains("next change: 2026-01-21T00:00Z, press release 'Dated call' closes"),
        "{text}"
    );
    // `check` takes --now too; a bad one is a usage error.
    let (code, _, _) = run_herald(site.root(), &["check", "--now", "2026-01-16"]);
    assert_eq!(code, 0);
    let (code, _, stderr) = run_herald(site.root(), &["build", "--now", "tomorrow"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`tomorrow` is not a date"), "{stderr}");
}

#[test]
fn bad_lifecycle_values_are_errors_at_their_place() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2026-01-01\ncloses: 2026-13-01\nchanges:\n  - date: 2026-01-02\n    note: Fine.\n  - date: 2026-02-30\n    note: Bad date.\n  - date: 2026-01-03\n    note: \"  \"\n---\n\nText.\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: B\ndate: 2026-01-01\npined: true\n---\n\nText.\n",
    );
    site.announcement(
        "c.en.md",
        "---\ntitle: C\ndate: 2026-01-01\nwithdrawn:\n  reason: No date.\n---\n\nText.\n",
    );
    site.announcement(
        "d.en.md",
        "---\ntitle: D\ndate: 2026-01-01\nurgent: soon\n---\n\nText.\n",
    );
    site.announcement("e.en.md", "---\ntitle: E\ndate: 2026-01-01\nchanges:\n  - date: 2026-01-02\n    notes: Typo.\n---\n\nText.\n");
    let errors = site.build_err().join("\n");
    for expected in [
        "content/announcements/a.en.md:4:9: error: `closes`: `2026-13-01` is not a real calendar date",
        "content/announcements/a.en.md:8:11: error: `changes.date`: `2026-02-30` is not a real calendar date",
        "content/announcements/a.en.md:10:11: error: `changes.note` is empty",
        "content/announcements/b.en.md:4:1: error: unknown key `pined`: did you mean `pinned`?",
        "content/announcements/c.en.md:4:11: error: `withdrawn` needs a `date:` (in the source, or here)",
        "content/announcements/d.en.md:4:9: error: `urgent` must be `true` or `false`, not `soon`",
        "content/announcements/e.en.md:6:5: error: unknown key `notes` in `changes[0]`: did you mean `note`?",
    ] {
        assert!(errors.contains(expected), "missing `{expected}` in:\n{errors}");
    }
    let bad_config = TestSite::with_config(&format!("{}pinned_max: many\n", common::CONFIG));
    bad_config.announcement("a.en.md", &common::simple("A", "2026-01-01"));
    let errors = bad_config.build_err().join("\n");
    assert!(
        errors.contains("site.yaml:13:13: error: `pinned_max` must be a whole number, not `many`"),
        "{errors}"
    );
}

#[test]
fn watch_follows_now_past_a_closing_date_as_a_full_build_does() {
    let site = closing_site();
    site.announcement("plain.en.md", &common::simple("Plain", "2026-01-03"));
    let options = herald::BuildOptions {
        now: Some(at("2026-01-10")),
        ..site.options()
    };
    let (mut session, _) = herald::incremental::Session::start(&options).unwrap();
    assert_eq!(
        session.next_change().map(|n| n.timestamp),
        Some(at("2026-01-15T16:00:00Z"))
    );
    for now in [
        "2026-01-15T16:00:00Z",
        "2026-01-21",
        "2026-02-02",
        "2026-01-12",
    ] {
        session.set_now(Some(at(now)));
        let report = session.rebuild_changed(&[]).unwrap();
        assert!(!report.full, "{now}: incremental");
        session.finish_search();
        let full = tempfile::tempdir().unwrap();
        herald::build(&herald::BuildOptions {
            output: Some(full.path().join("public")),
            now: Some(at(now)),
            ..site.options()
        })
        .unwrap();
        assert!(
            snapshot(&site.root().join("public")) == snapshot(&full.path().join("public")),
            "{now}: watch output differs from a full build"
        );
    }
}

#[test]
fn watch_rebuilds_by_itself_when_the_next_change_comes() {
    // On the system clock: a consultation that closes a few seconds from now.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let closes = Date::from_timestamp(now + 8).rfc3339;
    let site = TestSite::new();
    site.announcement(
        "soon.en.md",
        &format!("---\ntitle: Closing soon\ndate: 2026-01-01\ncloses: {closes}\n---\n\nText.\n"),
    );
    let watch = common::process::Running::start_on_the_clock(&site, &["watch"]);
    watch.wait_for("watching for changes");
    assert!(site
        .output("en/announcements/soon/index.html")
        .contains("Open until"));
    watch.wait_for("due now: ");
    watch.wait_for("rebuilt");
    let page = site.output("en/announcements/soon/index.html");
    assert!(page.contains("<p class=\"closing is-closed\""), "{page}");
    assert!(
        watch.output().contains("'Closing soon' closes; rebuilding"),
        "{}",
        watch.output()
    );
}

#[test]
fn the_example_site_shows_its_urgent_notice_only_while_it_is_on() {
    let out = tempfile::tempdir().unwrap();
    let build = |now: &str| {
        let options = herald::BuildOptions {
            site_dir: env!("CARGO_MANIFEST_DIR").into(),
            output: Some(out.path().join("public")),
            now: Some(at(now)),
            ..Default::default()
        };
        herald::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    };
    let read = |rel: &str| std::fs::read_to_string(out.path().join("public").join(rel)).unwrap();
    build("2026-11-21T12:00:00Z");
    assert!(read("ar/index.html").contains("<li><a href=\"/ar/announcements/member-portal-maintenance/\" lang=\"ar\" dir=\"rtl\">توقف بوابة الأعضاء في 22 نوفمبر للصيانة</a></li>"));
    // Not translated into Spanish: the English title, marked as English.
    assert!(read("es/tags/index.html").contains("<li><a href=\"/es/announcements/member-portal-maintenance/\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">Member Portal Unavailable on 22 November for Maintenance</a></li>"));
    // The example's withdrawn workshop and its notes, pinned privacy policy, closed consultation.
    let fr = read("fr/announcements/dns-workshop-bogota/index.html");
    assert!(fr.contains(
        "Ce communiqué a été retiré le <time datetime=\"2026-11-02\">2 novembre 2026</time>."
    ));
    assert!(fr.contains(
        "Mis à jour le <time datetime=\"2026-10-20\">20 octobre 2026</time> : L’atelier se tiendra"
    ));
    assert!(read("zh/index.html").contains("<span class=\"badge pinned\">置顶</span>"));
    assert!(
        read("en/announcements/strategic-plan-consultation/index.html")
            .contains("Closed on <time datetime=\"2026-03-31\">March 31, 2026</time>")
    );
    build("2026-12-07");
    for page in ["en/index.html", "ar/index.html", "es/tags/index.html"] {
        assert!(!read(page).contains("class=\"urgent\""), "{page}");
    }
}
