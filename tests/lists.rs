//! Kinds of announcement, their list pages and feeds, feeds per tag, and the archive by
//! year and month (issue 22): the HTML and XML written, per language, and the errors.

mod common;

use common::{run_herald, TestSite, CONFIG};

/// [`CONFIG`] with four kinds (`notice` the default) and two announcements a page.
fn config() -> String {
    format!(
        "{}kinds: [press-release, statement, notice, consultation]\ndefault_kind: notice\n",
        CONFIG.replace("paginate: 20", "paginate: 2")
    )
}

/// An announcement's text.
fn text(title: &str, date: &str, more: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{more}---\n\nBody of {title}.\n")
}

/// The kinds' labels, and the tag's, in en, zh, ar and fr (the others fall back to
/// English).
fn labels(site: &TestSite) {
    for (lang, security, labels) in [
        (
            "en",
            "Security",
            [
                "Press release",
                "Statement",
                "Notice",
                "Public consultation",
            ],
        ),
        ("zh", "安全", ["新闻稿", "声明", "通知", "征求意见"]),
        ("ar", "الأمن", ["بيان صحفي", "بيان", "إشعار", "مشاورة عامة"]),
        (
            "fr",
            "Sécurité",
            [
                "Communiqué de presse",
                "Déclaration",
                "Avis",
                "Consultation publique",
            ],
        ),
    ] {
        let ids = ["press-release", "statement", "notice", "consultation"];
        let mut ftl = format!("tag-security = {security}\n");
        for (id, label) in ids.iter().zip(labels) {
            ftl.push_str(&format!("kind-{id} = {label}\n"));
        }
        site.write(&format!("locales/{lang}/site.ftl"), &ftl);
    }
}

/// A site of five announcements over three years:
/// - `oas` (2015-10-30, press release, tags security; in en, zh, ar, fr),
/// - `office` (2015-06-14, no kind: the default, notice; en and fr),
/// - `report` (2015-10-02, press release; en only),
/// - `plan` (2016-01-15, consultation, tags security; en and fr, which says it is a
///   statement of its own),
/// - `privacy` (2017-04-02, press release, tags security; en).
fn site() -> TestSite {
    let site = TestSite::with_config(&config());
    labels(&site);
    site.announcement(
        "2015-10-30-oas.en.md",
        &text(
            "OAS",
            "2015-10-30",
            "tags: [security]\nkind: press-release\n",
        ),
    )
    .announcement(
        "2015-10-30-oas.zh.md",
        &text("美洲国家组织", "2015-10-30", ""),
    )
    .announcement(
        "2015-10-30-oas.ar.md",
        &text("منظمة الدول الأمريكية", "2015-10-30", ""),
    )
    .announcement("2015-10-30-oas.fr.md", &text("OEA", "2015-10-30", ""))
    .announcement("2015-06-14-office.en.md", &text("Office", "2015-06-14", ""))
    .announcement("2015-06-14-office.fr.md", &text("Bureau", "2015-06-14", ""))
    .announcement(
        "2015-10-02-report.en.md",
        &text("Report", "2015-10-02", "kind: press-release\n"),
    )
    .announcement(
        "2016-01-15-plan.en.md",
        &text(
            "Plan",
            "2016-01-15",
            "tags: [security]\nkind: consultation\n",
        ),
    )
    .announcement(
        "2016-01-15-plan.fr.md",
        &text("Projet", "2016-01-15", "kind: statement\n"),
    )
    .announcement(
        "2017-04-02-privacy.en.md",
        &text(
            "Privacy",
            "2017-04-02",
            "tags: [security]\nkind: press-release\n",
        ),
    );
    site
}

/// The `<a class="kind">` links of a page, as (URL, label).
fn kind_links(html: &str) -> Vec<(String, String)> {
    html.split("<a class=\"kind\" href=\"")
        .skip(1)
        .map(|rest| {
            let (url, rest) = rest.split_once("\">").unwrap();
            let (label, _) = rest.split_once("</a>").unwrap();
            (url.to_string(), label.to_string())
        })
        .collect()
}

/// The titles of a list page's or feed's entries, in order.
fn titles(text: &str, open: &str, close: &str) -> Vec<String> {
    text.split(open)
        .skip(1)
        .map(|rest| rest.split(close).next().unwrap().to_string())
        .collect()
}

/// The titles of a list page's announcements (the links of its headings), in order.
fn list_titles(html: &str) -> Vec<String> {
    html.split("<article class=\"summary")
        .skip(1)
        .map(|rest| {
            let link = rest.split("<a href=\"").nth(1).unwrap();
            let (_, rest) = link.split_once("\">").unwrap();
            rest.split("</a>").next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn the_kind_shows_on_the_page_in_each_language_and_links_to_its_list() {
    let site = site();
    site.build_ok();
    for (lang, label) in [
        ("en", "Press release"),
        ("zh", "新闻稿"),
        ("ar", "بيان صحفي"),
        ("fr", "Communiqué de presse"),
        // No Spanish labels: the English one, through the fallback chain.
        ("es", "Press release"),
    ] {
        let page = site.output(&format!("{lang}/announcements/oas/index.html"));
        assert_eq!(
            kind_links(&page),
            [(format!("/{lang}/kinds/press-release/"), label.to_string())],
            "{lang}"
        );
    }
    // No `kind:`: the default kind; a translation may say its own.
    assert_eq!(
        kind_links(&site.output("fr/announcements/office/index.html")),
        [("/fr/kinds/notice/".to_string(), "Avis".to_string())]
    );
    assert_eq!(
        kind_links(&site.output("fr/announcements/plan/index.html")),
        [(
            "/fr/kinds/statement/".to_string(),
            "Déclaration".to_string()
        )]
    );
    assert_eq!(
        kind_links(&site.output("en/announcements/plan/index.html")),
        [(
            "/en/kinds/consultation/".to_string(),
            "Public consultation".to_string()
        )]
    );
    // A fallback page shows the kind of the text it shows, in the page's language.
    assert_eq!(
        kind_links(&site.output("ar/announcements/plan/index.html")),
        [(
            "/ar/kinds/consultation/".to_string(),
            "مشاورة عامة".to_string()
        )]
    );
    // List entries show it too.
    let home = site.output("zh/index.html");
    assert_eq!(
        kind_links(&home),
        [
            ("/zh/kinds/press-release/".to_string(), "新闻稿".to_string()),
            (
                "/zh/kinds/consultation/".to_string(),
                "征求意见".to_string()
            ),
        ]
    );
}

#[test]
fn each_kind_has_a_paginated_list_in_every_language() {
    let site = site();
    site.build_ok();
    // Three press releases, two a page: newest first.
    let first = site.output("en/kinds/press-release/index.html");
    assert!(
        first.contains("<h1>Announcements by type: <bdi>Press release</bdi></h1>"),
        "{first}"
    );
    assert!(first.contains("<title>Announcements by type: Press release · "));
    assert_eq!(list_titles(&first), ["Privacy", "OAS"]);
    assert!(first.contains("<a rel=\"next\" href=\"/en/kinds/press-release/page/2/\">"));
    let second = site.output("en/kinds/press-release/page/2/index.html");
    assert_eq!(list_titles(&second), ["Report"]);
    assert!(second.contains("<a rel=\"prev\" href=\"/en/kinds/press-release/\">"));
    assert!(!site.has_output("en/kinds/press-release/page/3/index.html"));
    // In French: the plan is a statement there, and the untranslated report is marked.
    let fr = site.output("fr/kinds/press-release/index.html");
    assert!(fr.contains("<h1>Communiqués par type : <bdi>Communiqué de presse</bdi></h1>"));
    assert_eq!(list_titles(&fr), ["Privacy", "OEA"]);
    assert!(fr.contains("<article class=\"summary is-fallback\">"));
    assert_eq!(
        list_titles(&site.output("fr/kinds/statement/index.html")),
        ["Projet"]
    );
    let zh = site.output("zh/kinds/notice/index.html");
    assert!(
        zh.contains("<h1>按类型浏览公告：<bdi>通知</bdi></h1>"),
        "{zh}"
    );
    assert_eq!(list_titles(&zh), ["Office"]);
    let ar = site.output("ar/kinds/consultation/index.html");
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(ar.contains("<h1>الإعلانات حسب النوع: <bdi>مشاورة عامة</bdi></h1>"));
    assert_eq!(list_titles(&ar), ["Plan"]);
    // Every kind has its page, one with no announcement too.
    for lang in ["en", "zh", "ar", "es", "fr", "ru", "pt"] {
        assert!(site.has_output(&format!("{lang}/kinds/statement/index.html")));
    }
    assert!(site
        .output("en/kinds/statement/index.html")
        .contains("<p>There are no announcements yet.</p>"));
    // The topics page lists the kinds too, with their counts in the page's language.
    let topics = site.output("en/tags/index.html");
    assert!(topics.contains("<h2>Types of announcement</h2>"));
    for kind in [
        "<li><a href=\"/en/kinds/press-release/\">Press release</a> <span class=\"count\">3 announcements</span></li>",
        "<li><a href=\"/en/kinds/statement/\">Statement</a> <span class=\"count\">0 announcements</span></li>",
    ] {
        assert!(topics.contains(kind), "{kind}");
    }
    assert!(site.output("fr/tags/index.html").contains(
        "<li><a href=\"/fr/kinds/statement/\">Déclaration</a> <span class=\"count\">1 communiqué</span></li>"
    ));
    // hreflang: every language has the first page of every kind.
    assert!(first.contains(
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/kinds/press-release/\">"
    ));
    // The sitemap lists the kinds' pages as it lists the tags'.
    let sitemap = site.output("sitemap.xml");
    for url in [
        "https://example.org/en/kinds/press-release/",
        "https://example.org/en/kinds/press-release/page/2/",
        "https://example.org/ar/kinds/consultation/",
        "https://example.org/fr/kinds/statement/",
        "https://example.org/fr/archive/",
        "https://example.org/zh/archive/2015/",
    ] {
        assert!(sitemap.contains(&format!("<url><loc>{url}</loc>")), "{url}");
    }
    // A kind with no announcement in a language has its page, but nothing to index.
    assert!(!sitemap.contains("https://example.org/ar/kinds/statement/"));
}

#[test]
fn tags_and_kinds_have_feeds_linked_from_their_lists() {
    let site = site();
    site.build_ok();
    for (list, feed, title) in [
        (
            "en/tags/security/index.html",
            "/en/tags/security/atom.xml",
            "Announcements on Security",
        ),
        (
            "en/kinds/press-release/page/2/index.html",
            "/en/kinds/press-release/atom.xml",
            "Announcements by type: Press release",
        ),
        (
            "fr/kinds/notice/index.html",
            "/fr/kinds/notice/atom.xml",
            "Communiqués par type : Avis",
        ),
    ] {
        let html = site.output(list);
        let link = format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{feed}\" title=\"{title}\">"
        );
        assert!(html.contains(&link), "{list} lacks {link}");
        assert!(
            html.contains(&format!(
                "<p class=\"feed-link\"><a href=\"{feed}\" type=\"application/atom+xml\">"
            )),
            "{list}: a visible link"
        );
    }
    // The home list links only the language's feed.
    assert!(!site.output("en/index.html").contains("class=\"feed-link\""));

    let tag = site.output("en/tags/security/atom.xml");
    assert_eq!(
        titles(&tag, "<title>", "</title>"),
        [
            "Announcements on Security · Announcements",
            "Privacy",
            "Plan",
            "OAS"
        ]
    );
    assert!(tag.contains(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/en/tags/security/atom.xml\"/>"
    ));
    assert!(tag.contains("<id>https://example.org/en/tags/security/</id>"));
    assert!(tag.contains("<updated>2017-04-02T00:00:00Z</updated>"));
    assert!(tag.contains("<category term=\"consultation\" scheme=\"urn:herald:kind\" label=\"Public consultation\"/>"));
    // In French, the untranslated ones are marked, in their own language.
    let fr = site.output("fr/kinds/press-release/atom.xml");
    assert_eq!(
        titles(&fr, "<title>", "</title>"),
        [
            "Communiqués par type : Communiqué de presse · Communiqués",
            "Privacy",
            "OEA",
            "Report"
        ]
    );
    assert!(fr.contains("<entry xml:lang=\"en\">"));
    assert!(fr.contains("<entry xml:lang=\"fr\">"));
    assert_eq!(fr.matches("term=\"untranslated\"").count(), 2);
    let zh = site.output("zh/kinds/notice/atom.xml");
    assert!(zh.contains("<subtitle>所有“通知”类型的公告，最新的在前。</subtitle>"));
    // A kind with no announcement has a feed to subscribe to, empty.
    let empty = site.output("en/kinds/statement/atom.xml");
    assert_eq!(empty.matches("<entry").count(), 0);

    // `feeds.untranslated: false`: the untranslated ones are left out.
    site.write(
        "site.yaml",
        &format!("{}feeds: {{ untranslated: false }}\n", config()),
    );
    site.build_ok();
    let fr = site.output("fr/kinds/press-release/atom.xml");
    assert_eq!(
        titles(&fr, "<title>", "</title>"),
        [
            "Communiqués par type : Communiqué de presse · Communiqués",
            "OEA"
        ]
    );
    assert!(fr.contains("<updated>2017-04-02T00:00:00Z</updated>"));
}

#[test]
fn the_archive_lists_years_then_a_year_by_month_with_cldr_headings() {
    let site = site();
    site.build_ok();
    let index = site.output("en/archive/index.html");
    assert!(index.contains("<h1>Archive</h1>"));
    let years: Vec<String> = index
        .split("<li><a href=\"")
        .skip(1)
        .filter(|l| l.starts_with("/en/archive/2"))
        .map(|l| l.split("</li>").next().unwrap().to_string())
        .collect();
    assert_eq!(
        years,
        [
            "/en/archive/2017/\">2017</a> <span class=\"count\">one announcement</span>",
            "/en/archive/2016/\">2016</a> <span class=\"count\">one announcement</span>",
            "/en/archive/2015/\">2015</a> <span class=\"count\">3 announcements</span>",
        ]
    );
    // The navigation links it on every page.
    assert!(site
        .output("en/announcements/oas/index.html")
        .contains("<li><a href=\"/en/archive/\">Archive</a></li>"));

    // 2015: October (OAS, then the report), then June (the office).
    for (lang, heading, months) in [
        (
            "en",
            "<h1>Announcements from 2015</h1>",
            ["October 2015", "June 2015"],
        ),
        ("zh", "<h1>2015年的公告</h1>", ["2015年10月", "2015年6月"]),
        (
            "fr",
            "<h1>Communiqués de 2015</h1>",
            ["octobre 2015", "juin 2015"],
        ),
        (
            "ar",
            "<h1>إعلانات عام 2015</h1>",
            ["أكتوبر 2015", "يونيو 2015"],
        ),
    ] {
        let html = site.output(&format!("{lang}/archive/2015/index.html"));
        assert!(html.contains(heading), "{lang}: {heading}\n{html}");
        let shown = titles(&html, "<h2 id=\"month-", "</h2>");
        assert_eq!(
            shown,
            [
                format!("2015-10\"><time datetime=\"2015-10\">{}</time>", months[0]),
                format!("2015-06\"><time datetime=\"2015-06\">{}</time>", months[1]),
            ],
            "{lang}"
        );
        let october = html.split("month-2015-06").next().unwrap();
        assert_eq!(list_titles(october).len(), 2, "{lang}");
        assert_eq!(list_titles(&html).len(), 3, "{lang}");
    }
    let en = site.output("en/archive/2015/index.html");
    assert_eq!(list_titles(&en), ["OAS", "Report", "Office"]);
    // Fallback entries are marked, as on every list.
    let zh = site.output("zh/archive/2015/index.html");
    assert_eq!(list_titles(&zh), ["美洲国家组织", "Report", "Office"]);
    assert_eq!(zh.matches("summary is-fallback").count(), 2);
    assert!(zh.contains("<a href=\"/zh/archive/\">所有年份</a> · 3 条公告"));
}

#[test]
fn arabic_headings_take_their_digits_from_cldr() {
    // `ar` alone writes Latin digits in CLDR; Egyptian Arabic writes Arabic-Indic ones.
    let site = site();
    site.write(
        "site.yaml",
        &config().replace(
            "{ code: ar, name: العربية, official: true }",
            "{ code: ar, name: العربية, official: true, date_locale: ar-EG }",
        ),
    );
    site.build_ok();
    let html = site.output("ar/archive/2015/index.html");
    assert!(html.contains("<h1>إعلانات عام ٢٠١٥</h1>"), "{html}");
    assert!(html.contains("<time datetime=\"2015-10\">أكتوبر ٢٠١٥</time>"));
    assert!(site
        .output("ar/archive/index.html")
        .contains("<a href=\"/ar/archive/2015/\">٢٠١٥</a>"));
}

#[test]
fn a_kind_that_site_yaml_does_not_list_is_an_error_at_its_position() {
    let site = site();
    site.announcement(
        "2015-10-02-report.en.md",
        &text("Report", "2015-10-02", "kind: pres-release\n"),
    );
    site.announcement(
        "2015-06-14-office.fr.md",
        &text("Bureau", "2015-06-14", "kind:   bulletin\n"),
    );
    let errors: Vec<String> = site
        .build_err()
        .into_iter()
        .filter(|e| e.contains(": error: "))
        .collect();
    assert_eq!(
        errors,
        [
            "content/announcements/2015-06-14-office.fr.md:4:9: error: `kind`: `bulletin` is not one of the kinds in site.yaml (`press-release`, `statement`, `notice`, `consultation`)",
            "content/announcements/2015-10-02-report.en.md:4:7: error: `kind`: `pres-release` is not one of the kinds in site.yaml (`press-release`, `statement`, `notice`, `consultation`); did you mean `press-release`?",
        ]
    );
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("2015-10-02-report.en.md:4:7: error: `kind`"),
        "{stderr}"
    );

    // A key close to `kind` is a typo of it.
    site.announcement(
        "2015-10-02-report.en.md",
        &text("Report", "2015-10-02", "knid: notice\n"),
    );
    site.announcement("2015-06-14-office.fr.md", &text("Bureau", "2015-06-14", ""));
    let errors = site.build_err();
    assert_eq!(
        errors.iter().filter(|e| e.contains(": error: ")).collect::<Vec<_>>(),
        ["content/announcements/2015-10-02-report.en.md:4:1: error: unknown key `knid`: did you mean `kind`?"]
    );

    // Without `kinds:` in site.yaml, no announcement has a kind.
    let plain = TestSite::new();
    plain.announcement(
        "2020-01-01-a.en.md",
        &text("A", "2020-01-01", "kind: notice\n"),
    );
    assert_eq!(
        plain.build_err(),
        ["content/announcements/2020-01-01-a.en.md:4:7: error: `kind`: `notice` is not a kind: site.yaml lists no `kinds:`"]
    );
    plain.announcement("2020-01-01-a.en.md", &text("A", "2020-01-01", ""));
    plain.build_ok();
    assert!(!plain.has_output("en/kinds"));
    assert!(kind_links(&plain.output("en/announcements/a/index.html")).is_empty());
}

#[test]
fn kinds_and_default_kind_in_site_yaml_are_checked() {
    let site = site();
    site.write(
        "site.yaml",
        &config().replace("default_kind: notice", "default_kind: notise"),
    );
    let errors = site.build_err();
    assert_eq!(
        errors,
        ["site.yaml:14:1: error: default_kind: `notise` is not one of the kinds in site.yaml (`press-release`, `statement`, `notice`, `consultation`); did you mean `notice`?"]
    );
    site.write(
        "site.yaml",
        &config().replace("statement, notice", "notice, a/b, notice"),
    );
    assert_eq!(
        site.build_err(),
        [
            "site.yaml:13:1: error: kinds[2]: `a/b` must be one URL segment (no `/` or `\\`)",
            "site.yaml:13:1: error: kinds[3]: `notice` is listed more than once",
        ]
    );
    // Without `default_kind:`, the first kind is the default.
    site.write("site.yaml", &config().replace("default_kind: notice\n", ""));
    site.build_ok();
    assert_eq!(
        kind_links(&site.output("en/announcements/office/index.html")),
        [(
            "/en/kinds/press-release/".to_string(),
            "Press release".to_string()
        )]
    );
}

#[test]
fn check_and_status_report_a_missing_kind_label() {
    let site = site();
    // Chinese has no label for `statement` (it shows the English one).
    site.write(
        "locales/zh/site.ftl",
        "tag-security = 安全\nkind-press-release = 新闻稿\nkind-notice = 通知\nkind-consultation = 征求意见\n",
    );
    let (code, _, stderr) = run_herald(site.root(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("locales/zh: warning: 1 message(s) missing in `zh` (the en text is shown): kind-statement"),
        "{stderr}"
    );
    let (code, stdout, _) = run_herald(site.root(), &["status", "--format", "json"]);
    assert_eq!(code, 0);
    let status: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let zh = status["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "zh")
        .unwrap();
    assert_eq!(zh["strings_missing"], serde_json::json!(["kind-statement"]));
    // A label of a kind site.yaml does not list is not used.
    site.write("locales/en/site.ftl", "kind-bulletin = Bulletin\nkind-press-release = Press release\nkind-statement = Statement\nkind-notice = Notice\nkind-consultation = Public consultation\n");
    let (_, _, stderr) = run_herald(site.root(), &["check"]);
    assert!(
        stderr.contains("locales/en/site.ftl:1:1: warning: message `kind-bulletin` is not used: `bulletin` is not one of site.yaml's `kinds:`"),
        "{stderr}"
    );
}

#[test]
fn watch_follows_kind_date_and_tag_edits_as_a_full_build_would() {
    let site = site();
    let (mut session, _) = herald::incremental::Session::start(&site.options()).unwrap();
    let edits: [(&str, String); 5] = [
        // Another kind: both kinds' lists and feeds, the archive entries, the page.
        (
            "2015-10-02-report.en.md",
            text("Report", "2015-10-02", "kind: statement\n"),
        ),
        // Another month and year: the archive's years and months.
        (
            "2015-06-14-office.en.md",
            text("Office", "2016-03-14", "tags: [security]\n"),
        ),
        // A translation's own kind.
        (
            "2015-10-30-oas.zh.md",
            text("美洲国家组织", "2015-10-30", "kind: notice\n"),
        ),
        // A new announcement in a new year.
        (
            "2018-05-05-new.en.md",
            text(
                "New",
                "2018-05-05",
                "kind: consultation\ntags: [security]\n",
            ),
        ),
        // The kind given back to the default.
        ("2015-10-02-report.en.md", text("Report", "2015-10-02", "")),
    ];
    for (i, (file, body)) in edits.iter().enumerate() {
        site.announcement(file, body);
        let rel = std::path::PathBuf::from(format!("content/announcements/{file}"));
        session.rebuild_changed(&[rel]).unwrap();
        site.assert_same_as_a_full_build(&format!("edit {i} of {file}"));
    }
    // An announcement deleted: its year goes.
    std::fs::remove_file(
        site.root()
            .join("content/announcements/2017-04-02-privacy.en.md"),
    )
    .unwrap();
    session
        .rebuild_changed(&["content/announcements/2017-04-02-privacy.en.md".into()])
        .unwrap();
    site.assert_same_as_a_full_build("deleted");
    assert!(!site.has_output("en/archive/2017/index.html"));
}
