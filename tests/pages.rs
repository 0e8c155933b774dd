//! What a built site contains: languages, fallbacks, dates, direction, switcher, lists.

mod common;

use common::{simple, TestSite};

const OAS_EN: &str = "---
title: ICANN and OAS to Work Together
date: 2015-10-30
tags: [security]
---

The two organisations signed a memorandum of understanding.

## Scope
";

fn oas_site() -> TestSite {
    let site = TestSite::new();
    site.announcement("2015-10-30-icann-oas.en.md", OAS_EN);
    site
}

#[test]
fn fallback_page_has_the_interface_of_its_language_around_the_source_text() {
    let site = oas_site();
    site.build_ok();
    let zh = site.output("zh/announcements/icann-oas/index.html");
    assert!(zh.contains(r#"<html lang="zh" dir="ltr">"#), "{zh}");
    assert!(
        zh.contains(r#"<time datetime="2015-10-30">2015年10月30日</time>"#),
        "{zh}"
    );
    assert!(zh.contains(r#"<div class="content" lang="en" dir="ltr">"#));
    let content = zh
        .split(r#"<div class="content" lang="en" dir="ltr">"#)
        .nth(1)
        .unwrap();
    assert!(content.contains("signed a memorandum of understanding"));
    assert!(
        zh.contains("本公告尚无<bdi>中文</bdi>版本"),
        "localised fallback notice missing"
    );
    assert!(zh.contains(
        r#"<link rel="canonical" href="https://example.org/en/announcements/icann-oas/">"#
    ));
    // Interface strings come from the built-in theme in Chinese.
    assert!(zh.contains("跳至主要内容"));
}

#[test]
fn arabic_pages_are_right_to_left() {
    let site = oas_site();
    site.build_ok();
    for page in [
        "ar/index.html",
        "ar/announcements/icann-oas/index.html",
        "ar/tags/index.html",
        "ar/404.html",
    ] {
        assert!(
            site.output(page).contains(r#"<html lang="ar" dir="rtl">"#),
            "{page}"
        );
    }
    // The English text inside the Arabic page keeps its own direction.
    assert!(site
        .output("ar/announcements/icann-oas/index.html")
        .contains(r#"<div class="content" lang="en" dir="ltr">"#));
}

#[test]
fn dates_follow_cldr_for_each_language() {
    let site = TestSite::with_config(
        "base_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n  - { code: en-GB, name: English (UK) }\n  - { code: fr, name: Français }\n  - { code: zh, name: 中文 }\n",
    );
    site.announcement("oas.en.md", OAS_EN);
    site.build_ok();
    let expect = [
        ("en", "October 30, 2015"),
        ("en-GB", "30 October 2015"),
        ("fr", "30 octobre 2015"),
        ("zh", "2015年10月30日"),
    ];
    for (lang, text) in expect {
        let html = site.output(&format!("{lang}/announcements/oas/index.html"));
        assert!(
            html.contains(&format!(r#"<time datetime="2015-10-30">{text}</time>"#)),
            "{lang}: {html}"
        );
    }
}

#[test]
fn hreflang_alternates_list_exactly_the_real_translations() {
    let site = oas_site();
    site.announcement(
        "2015-10-30-icann-oas.es.md",
        "---\ntitle: La ICANN y la OEA\n---\nTexto.\n",
    );
    site.announcement(
        "2015-10-30-icann-oas.pt.md",
        "---\ntitle: A ICANN e a OEA\n---\nTexto.\n",
    );
    site.build_ok();
    for lang in ["en", "zh", "es", "pt"] {
        let html = site.output(&format!("{lang}/announcements/icann-oas/index.html"));
        let alternates: Vec<&str> = html
            .lines()
            .filter(|l| l.starts_with(r#"<link rel="alternate" hreflang="#))
            .map(|l| l.split('"').nth(3).unwrap())
            .collect();
        if lang == "zh" {
            // A fallback page is not canonical: it carries no alternates.
            assert!(alternates.is_empty(), "{lang}: {alternates:?}");
            continue;
        }
        assert_eq!(alternates, ["en", "es", "pt", "x-default"], "{lang}");
        assert!(html.contains(r#"<link rel="alternate" hreflang="x-default" href="https://example.org/en/announcements/icann-oas/">"#));
    }
}

#[test]
fn language_switcher_splits_official_and_courtesy_languages() {
    let site = oas_site();
    site.announcement(
        "2015-10-30-icann-oas.fr.md",
        "---\ntitle: L’ICANN et l’OEA\n---\nTexte.\n",
    );
    site.announcement(
        "2015-10-30-icann-oas.pt.md",
        "---\ntitle: A ICANN e a OEA\n---\nTexto.\n",
    );
    site.build_ok();
    let html = site.output("fr/announcements/icann-oas/index.html");
    let versions = html.split(r#"<aside class="versions""#).nth(1).unwrap();
    let (official, others) = versions
        .split_once("Ce contenu est également disponible dans les langues suivantes")
        .unwrap();
    assert!(official.contains(
        r#"<a href="/en/announcements/icann-oas/" hreflang="en" lang="en" dir="ltr">English</a>"#
    ));
    assert!(
        official.contains(r#"hreflang="fr" lang="fr" dir="ltr" aria-current="page">Français</a>"#)
    );
    assert!(!official.contains("Português"));
    assert!(others.contains(
        r#"<a href="/pt/announcements/icann-oas/" hreflang="pt" lang="pt" dir="ltr">Português</a>"#
    ));
    assert!(
        !versions.contains("中文"),
        "languages without a translation are not listed"
    );
}

#[test]
fn announcement_only_in_a_non_default_language_is_its_own_source() {
    let site = TestSite::new();
    site.announcement(
        "jornada.es.md",
        "---\ntitle: Jornada de ciberseguridad\ndate: 2020-03-16\n---\nTexto en español.\n",
    );
    site.build_ok();
    let en = site.output("en/announcements/jornada/index.html");
    assert!(en.contains(r#"<div class="content" lang="es" dir="ltr">"#));
    assert!(en.contains("not yet available in <bdi>English</bdi>"));
    assert!(en.contains(
        r#"<link rel="canonical" href="https://example.org/es/announcements/jornada/">"#
    ));
    assert!(!en.contains(r#"<link rel="alternate" hreflang="#));
    let es = site.output("es/announcements/jornada/index.html");
    assert!(es.contains(r#"<link rel="alternate" hreflang="x-default" href="https://example.org/es/announcements/jornada/">"#));
    assert!(!es.contains(r#"class="notice""#));
    assert!(
        es.contains(r#"<time datetime="2020-03-16">16 de marzo de 2020</time>"#),
        "{es}"
    );
}

#[test]
fn translations_inherit_date_tags_slug_draft_and_extra_from_the_source() {
    let site = TestSite::new();
    site.announcement(
        "plan.en.md",
        "---\ntitle: Plan\ndate: 2021-05-04\ntags: [policy]\nslug: strategic-plan\nextra: { hero: map.png }\n---\nText.\n",
    );
    site.announcement("plan.fr.md", "---\ntitle: Le plan\n---\nTexte.\n");
    site.build_ok();
    let fr = site.output("fr/announcements/strategic-plan/index.html");
    assert!(
        fr.contains(r#"<time datetime="2021-05-04">4 mai 2021</time>"#),
        "{fr}"
    );
    assert!(fr.contains(
        r#"<a class="tag" href="/fr/tags/policy/" data-pagefind-filter="Thèmes:policy">policy</a>"#
    ));
    assert!(site.has_output("fr/tags/policy/index.html"));
    assert!(site.output("fr/tags/policy/index.html").contains("Le plan"));
}

#[test]
fn stale_translation_by_date_shows_a_notice_linking_to_the_original() {
    let site = TestSite::new();
    site.announcement(
        "p.en.md",
        "---\ntitle: Privacy\ndate: 2024-04-02\nupdated: 2024-06-10\n---\nText.\n",
    );
    site.announcement(
        "p.fr.md",
        "---\ntitle: Confidentialité\ndate: 2024-04-05\n---\nTexte.\n",
    );
    site.announcement(
        "p.es.md",
        "---\ntitle: Privacidad\nupdated: 2024-06-11\n---\nTexto.\n",
    );
    site.build_ok();
    let fr = site.output("fr/announcements/p/index.html");
    assert!(fr.contains("Le communiqué original a été modifié"), "{fr}");
    assert!(fr.contains(
        "<a href=\"/en/announcements/p/\" hreflang=\"en\">Lire l’original (<bdi>anglais</bdi>)</a>"
    ));
    assert!(!site
        .output("es/announcements/p/index.html")
        .contains(r#"class="notice""#));
}

#[test]
fn stale_translation_by_source_hash() {
    let site = TestSite::new();
    let source = "---\ntitle: Privacy\ndate: 2024-04-02\n---\nText.\n";
    site.announcement("p.en.md", source);
    let hash = herald::content::text_hash(source);
    site.announcement(
        "p.fr.md",
        &format!("---\ntitle: Confidentialité\nsource_hash: {hash}\n---\nTexte.\n"),
    );
    site.announcement(
        "p.es.md",
        "---\ntitle: Privacidad\nsource_hash: 000000000000\n---\nTexto.\n",
    );
    site.build_ok();
    assert!(!site
        .output("fr/announcements/p/index.html")
        .contains(r#"class="notice""#));
    assert!(site
        .output("es/announcements/p/index.html")
        .contains("El comunicado original ha cambiado"));
}

#[test]
fn home_lists_are_newest_first_paginated_and_mark_fallbacks() {
    let site = TestSite::with_config(&common::CONFIG.replace("paginate: 20", "paginate: 2"));
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    site.announcement("b.en.md", &simple("Bravo", "2021-01-01"));
    site.announcement("c.en.md", &simple("Charlie", "2022-01-01"));
    site.announcement("c.fr.md", "---\ntitle: Charlie en français\n---\nTexte.\n");
    site.build_ok();
    let first = site.output("fr/index.html");
    let c = first.find("Charlie en français").unwrap();
    let b = first.find("Bravo").unwrap();
    assert!(c < b);
    assert!(!first.contains("Alpha"));
    assert!(first.contains(r#"<a rel="next" href="/fr/page/2/">"#));
    assert!(
        first.contains("Pas encore traduit"),
        "fallback entries are marked"
    );
    let second = site.output("fr/page/2/index.html");
    assert!(second.contains("Alpha"));
    assert!(second.contains(r#"<a rel="prev" href="/fr/">"#));
    assert!(second.contains("Page 2 sur 2"));
}

#[test]
fn tags_have_localised_labels_an_index_and_plural_counts() {
    let site = TestSite::new();
    site.write("locales/ru/site.ftl", "tag-security = Безопасность\n");
    for (i, day) in ["01", "02", "03", "04", "05"].iter().enumerate() {
        site.announcement(
            &format!("n{i}.en.md"),
            &format!("---\ntitle: N{i}\ndate: 2020-01-{day}\ntags: [security]\n---\nText.\n"),
        );
    }
    site.announcement(
        "one.en.md",
        "---\ntitle: One\ndate: 2020-02-01\ntags: [ipv6]\n---\nText.\n",
    );
    site.build_ok();
    let ru = site.output("ru/tags/index.html");
    assert!(ru.contains("<a href=\"/ru/tags/security/\">Безопасность</a> <span class=\"count\">5 объявлений</span>"), "{ru}");
    assert!(
        ru.contains(
            "<a href=\"/ru/tags/ipv6/\">ipv6</a> <span class=\"count\">1 объявление</span>"
        ),
        "{ru}"
    );
    let tag = site.output("ru/tags/security/index.html");
    assert!(tag.contains("Объявления по теме «<bdi>Безопасность</bdi>»"));
    assert!(
        tag.contains("<title>Объявления по теме «Безопасность» · Объявления</title>"),
        "{tag}"
    );
}

#[test]
fn every_page_kind_is_written_for_every_language() {
    let site = oas_site();
    let report = site.build_ok();
    for lang in ["en", "zh", "ar", "es", "fr", "ru", "pt"] {
        for page in [
            "index.html",
            "announcements/icann-oas/index.html",
            "tags/index.html",
            "tags/security/index.html",
            "404.html",
        ] {
            assert!(site.has_output(&format!("{lang}/{page}")), "{lang}/{page}");
        }
    }
    assert!(site.has_output("index.html"));
    assert!(site.has_output("404.html"));
    assert!(
        site.has_output("style.css"),
        "the built-in theme's stylesheet"
    );
    assert_eq!(
        report.pages,
        1 + 1 + 7 * 5 + 7 + 7 * 2,
        "with the search page and the archive (the years, the one year) of each language"
    );
    let root = site.output("index.html");
    for (code, name) in [("zh", "中文"), ("ar", "العربية"), ("pt", "Português")] {
        assert!(
            root.contains(&format!(r#"<li lang="{code}" dir="#)),
            "{code}"
        );
        assert!(root.contains(&format!(
            r#"<a href="/{code}/" hreflang="{code}"><span class="chooser-name">{name}</span>"#
        )));
    }
    assert!(
        !root.contains("http-equiv=\"refresh\""),
        "no forced redirect"
    );
}

#[test]
fn site_strings_override_theme_strings_and_missing_ones_fall_back() {
    let site = TestSite::with_config(
        "base_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n  - { code: zh-Hans, name: 简体中文 }\n  - { code: zh-Hant, name: 繁體中文, fallback: [zh-Hans] }\n",
    );
    site.write(
        "locales/en/site.ftl",
        "site-title = Newsroom\nnav-home = Front page\n",
    );
    site.write("locales/zh-Hans/site.ftl", "site-title = 新闻中心\n");
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    site.announcement("a.zh-Hans.md", "---\ntitle: 阿尔法\n---\n简体正文。\n");
    let report = site.build_ok();
    let en = site.output("en/index.html");
    assert!(en.contains("<title>Newsroom</title>"));
    assert!(en.contains(r#"<li><a href="/en/">Front page</a></li>"#));
    // zh-Hant has no strings and no translation: both come through its chain, zh-Hans first.
    let hant = site.output("zh-Hant/announcements/a/index.html");
    assert!(hant.contains("<title>阿尔法 · 新闻中心</title>"), "{hant}");
    assert!(hant.contains(r#"<div class="content" lang="zh-Hans" dir="ltr">"#));
    // zh-Hant → zh-Hans → zh: the theme's `zh` strings serve both Chinese variants.
    assert!(
        hant.contains(r#"<li><a href="/zh-Hant/">最新</a></li>"#),
        "{hant}"
    );
    assert!(site
        .output("en/announcements/a/index.html")
        .contains("Front page"));
    // The only warnings: zh-Hant reads Simplified strings, which are not its own.
    let warned: Vec<(String, &str)> = report
        .warnings
        .iter()
        .map(|w| (w.path.display().to_string(), w.message.as_str()))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    for (path, message) in &warned {
        assert_eq!(path, "locales/zh-Hant");
        assert!(
            message.contains("shown in its script, Hans, not Hant"),
            "{message}"
        );
    }
}

#[test]
fn markdown_extensions_and_unique_heading_ids() {
    let site = TestSite::new();
    site.announcement(
        "m.en.md",
        "---\ntitle: M\ndate: 2020-01-01\n---\n\n## 合作\n\n## 合作\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ and a note[^1].\n\n- [x] done\n\n[^1]: The note.\n",
    );
    site.build_ok();
    let html = site.output("en/announcements/m/index.html");
    assert!(html.contains(r#"<h2 id="合作">合作</h2>"#));
    assert!(html.contains(r#"<h2 id="合作-1">合作</h2>"#));
    assert!(html.contains("<table>"));
    assert!(html.contains("<del>old</del>"));
    assert!(html.contains(r#"<input disabled="" type="checkbox" checked=""/>"#));
    assert!(html.contains(r#"class="footnote-definition""#));
}

#[test]
fn internal_links_resolve_to_the_page_language() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    site.announcement(
        "a.fr.md",
        "---\ntitle: Alpha FR\nslug: alpha-fr\n---\nTexte.\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: Bravo\ndate: 2020-02-01\n---\nSee [alpha](@/announcements/a.md#scope).\n",
    );
    site.build_ok();
    assert!(site
        .output("en/announcements/b/index.html")
        .contains(r#"<a href="/en/announcements/a/#scope">alpha</a>"#));
    assert!(site
        .output("fr/announcements/b/index.html")
        .contains(r#"<a href="/fr/announcements/alpha-fr/#scope">alpha</a>"#));
    assert!(site
        .output("zh/announcements/b/index.html")
        .contains(r#"<a href="/zh/announcements/a/#scope">alpha</a>"#));
}

/// A body is rendered once for all the pages and feeds that show it: each still links
/// to the pages of its own language, also where an image's URL is an `@/` link.
#[test]
fn a_body_shown_in_many_languages_links_each_to_its_language() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    site.announcement(
        "a.fr.md",
        "---\ntitle: Alpha FR\nslug: \"décision\"\n---\nTexte.\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: Bravo\ndate: 2020-02-01\n---\n## Scope\n\nSee [alpha](@/announcements/a.md) and [again](@/announcements/a.md#x).\n\n![Alpha](@/announcements/a.md)\n",
    );
    site.build_ok();
    for (lang, slug) in [
        ("en", "a"),
        ("fr", "d%C3%A9cision"),
        ("zh", "a"),
        ("ar", "a"),
    ] {
        let url = format!("/{lang}/announcements/{slug}/");
        let page = site.output(&format!("{lang}/announcements/b/index.html"));
        assert!(
            page.contains(&format!(r#"<a href="{url}">alpha</a>"#)),
            "{page}"
        );
        assert!(
            page.contains(&format!(r#"<a href="{url}#x">again</a>"#)),
            "{page}"
        );
        assert!(
            page.contains(&format!(r#"<img src="{url}" alt="Alpha""#)),
            "{page}"
        );
        assert!(!page.contains("hlk"), "{page}");
        let feed = site.output(&format!("{lang}/atom.xml"));
        assert!(feed.contains(&format!("href=&quot;{url}&quot;")), "{feed}");
    }
}

#[test]
fn summaries_default_to_the_first_paragraph() {
    let site = TestSite::new();
    site.announcement("a.en.md", "---\ntitle: Alpha\ndate: 2020-01-01\n---\n# Heading\n\nFirst *paragraph* here.\n\nSecond.\n");
    site.announcement(
        "b.en.md",
        "---\ntitle: Bravo\ndate: 2020-01-02\nsummary: Written summary.\n---\nBody.\n",
    );
    site.build_ok();
    let list = site.output("en/index.html");
    assert!(
        list.contains(r#"dir="ltr">First paragraph here.</p>"#),
        "{list}"
    );
    assert!(list.contains(r#"dir="ltr">Written summary.</p>"#));
}

#[test]
fn text_from_content_is_escaped() {
    let site = TestSite::new();
    site.announcement("x.en.md", "---\ntitle: \"</title><script>alert(1)</script>\"\ndate: 2020-01-01\nsummary: \"\\\"><img src=x onerror=alert(1)>\"\n---\nBody <script>alert(2)</script>\n");
    site.build_ok();
    for page in [
        "en/index.html",
        "en/announcements/x/index.html",
        "zh/announcements/x/index.html",
    ] {
        let html = site.output(page);
        assert!(!html.contains("<script>"), "{page}: {html}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(
            html.contains("&lt;&#x2F;title&gt;&lt;script&gt;")
                || html.contains("&lt;/title&gt;&lt;script&gt;"),
            "{page}: {html}"
        );
    }
}

#[test]
fn bundles_copy_their_files_beside_every_language_page() {
    let site = TestSite::new();
    site.announcement(
        "w/index.en.md",
        "---\ntitle: Workshop\ndate: 2022-02-21\n---\n![map](map.svg)\n",
    );
    site.announcement(
        "w/index.zh.md",
        "---\ntitle: 研讨会\n---\n![地图](map.svg)\n",
    );
    site.announcement("w/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.build_ok();
    for lang in ["en", "zh", "ar", "pt"] {
        assert!(
            site.has_output(&format!("{lang}/announcements/w/map.svg")),
            "{lang}"
        );
        assert!(site
            .output(&format!("{lang}/announcements/w/index.html"))
            .contains(r#"src="map.svg""#));
    }
}

#[test]
fn static_files_of_theme_and_site_are_copied_site_first() {
    let site = TestSite::new();
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("static/style.css", "body { color: red }\n");
    site.build_ok();
    assert_eq!(site.output("robots.txt"), "User-agent: *\n");
    assert_eq!(site.output("style.css"), "body { color: red }\n");
}

#[test]
fn builds_are_deterministic() {
    let site = oas_site();
    site.announcement(
        "b.fr.md",
        "---\ntitle: Seulement en français\ndate: 2016-01-01\ntags: [a, b, c]\n---\nTexte.\n",
    );
    site.build_ok();
    let first = common::snapshot(&site.root().join("public"));
    site.build_ok();
    let second = common::snapshot(&site.root().join("public"));
    assert_eq!(first, second);
}

#[test]
fn no_isolation_marks_in_attributes_or_titles_of_the_example_site() {
    let (_out, public, report) = common::build_example();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let mut checked = 0;
    for (path, bytes) in common::snapshot(&public) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            let title = html
                .split("<title>")
                .nth(1)
                .and_then(|t| t.split("</title>").next())
                .unwrap_or("");
            assert!(
                !title.contains(['\u{2068}', '\u{2069}']),
                "{}: {title}",
                path.display()
            );
            for attr in html.split('"').skip(1).step_by(2) {
                assert!(
                    !attr.contains(['\u{2068}', '\u{2069}']),
                    "{}: attribute {attr}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn built_in_theme_is_exactly_themes_default() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let on_disk: Vec<(String, Vec<u8>)> = common::snapshot(&dir)
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .collect();
    let mut built_in: Vec<(String, Vec<u8>)> = herald::theme::BUILTIN_DEFAULT
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    built_in.sort();
    assert_eq!(
        built_in, on_disk,
        "add new theme files to theme::BUILTIN_DEFAULT"
    );
}

#[test]
fn editor_leftovers_in_the_content_folder_are_ignored() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    // Vim swap, Emacs autosave and backup, a hidden folder, macOS metadata.
    site.announcement(".a.en.md.swp", "\0binary swap");
    site.announcement("#a.en.md#", "---\ntitle: [unclosed\n---\n");
    site.announcement("a.en.md~", &simple("Old Alpha", "2019-01-01"));
    site.announcement(".drafts/index.en.md", &simple("Hidden", "2020-01-01"));
    site.announcement(".DS_Store", "\0\0");
    // Emacs's lock file: a dangling symbolic link named like a text.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        "user@host.1234:1",
        site.root().join("content/announcements/.#a.en.md"),
    )
    .unwrap();
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.announcements, 1);
    assert!(site.output("en/index.html").contains("Alpha"));
    assert!(!site.output("en/index.html").contains("Old Alpha"));
    assert!(!site.root().join("public/en/announcements/drafts").exists());
}
