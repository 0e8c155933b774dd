//! Publishing: Atom feeds, the sitemap, aliases, sub-path sites, links, `herald new`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{simple, TestSite};

fn feed_site() -> TestSite {
    let site = TestSite::new();
    site.announcement(
        "2015-10-30-oas.en.md",
        "---\ntitle: ICANN & OAS <together>\ndate: 2015-10-30\nupdated: 2015-11-02T10:30:00+01:00\ntags: [security]\nsummary: They signed.\n---\nA **memorandum** & more. See [next](@/announcements/2016-06-14-office.md).\n\n![map](map.png)\n",
    );
    site.announcement(
        "2015-10-30-oas.fr.md",
        "---\ntitle: L’ICANN et l’OEA\n---\nUn protocole.\n",
    );
    site.announcement(
        "2016-06-14-office.en.md",
        "---\ntitle: New office\ndate: 2016-06-14\n---\nOpened today.\n",
    );
    site.write("locales/fr/site.ftl", "tag-security = Sécurité\n");
    site
}

#[test]
fn atom_feed_parses_and_matches_the_announcements_entry_by_entry() {
    let site = feed_site();
    site.build_ok();
    let xml = site.output("en/atom.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("a real feed parser reads the feed");
    assert_eq!(feed.title.as_ref().unwrap().content, "Announcements");
    assert_eq!(feed.language.as_deref(), Some("en"));
    assert_eq!(
        feed.updated.unwrap().to_rfc3339(),
        "2016-06-14T00:00:00+00:00"
    );
    let entries: Vec<(String, String, String, String)> = feed
        .entries
        .iter()
        .map(|e| {
            (
                e.title.as_ref().unwrap().content.clone(),
                e.links[0].href.clone(),
                e.published.unwrap().to_rfc3339(),
                e.updated.unwrap().to_rfc3339(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "New office".to_string(),
                "https://example.org/en/announcements/office/".to_string(),
                "2016-06-14T00:00:00+00:00".to_string(),
                "2016-06-14T00:00:00+00:00".to_string()
            ),
            (
                "ICANN & OAS <together>".to_string(),
                "https://example.org/en/announcements/oas/".to_string(),
                "2015-10-30T00:00:00+00:00".to_string(),
                "2015-11-02T09:30:00+00:00".to_string()
            ),
        ]
    );
    let oas = &feed.entries[1];
    assert_eq!(oas.id, "https://example.org/en/announcements/oas/");
    assert_eq!(oas.summary.as_ref().unwrap().content, "They signed.");
    let content = oas.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(
        content.contains("<strong>memorandum</strong> &amp; more"),
        "{content}"
    );
    assert!(
        content.contains(r#"<a href="/en/announcements/office/">next</a>"#),
        "{content}"
    );
    assert_eq!(
        oas.categories
            .iter()
            .map(|c| c.term.as_str())
            .collect::<Vec<_>>(),
        ["security"]
    );
    // Relative and root-relative URLs in the content resolve against the entry's xml:base.
    assert!(xml
        .contains(r#"<content type="html" xml:base="https://example.org/en/announcements/oas/">"#));
}

#[test]
fn feeds_list_untranslated_announcements_marked_and_are_localised() {
    let site = feed_site();
    site.build_ok();
    let fr_xml = site.output("fr/atom.xml");
    let fr = feed_rs::parser::parse(fr_xml.as_bytes()).unwrap();
    assert_eq!(fr.title.unwrap().content, "Communiqués");
    // Both announcements: the office one is not translated into French.
    let entries: Vec<(String, String)> = fr
        .entries
        .iter()
        .map(|e| {
            (
                e.title.as_ref().unwrap().content.clone(),
                e.links[0].href.clone(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "New office".to_string(),
                "https://example.org/fr/announcements/office/".to_string()
            ),
            (
                "L’ICANN et l’OEA".to_string(),
                "https://example.org/fr/announcements/oas/".to_string()
            ),
        ]
    );
    // The untranslated entry: its text's language, the marker, the notice.
    assert!(
        fr_xml.contains("<entry xml:lang=\"en\">\n<title>New office</title>"),
        "{fr_xml}"
    );
    assert!(fr_xml.contains("<entry xml:lang=\"fr\">\n<title>L’ICANN et l’OEA</title>"));
    assert_eq!(
        fr.entries[0]
            .categories
            .iter()
            .map(|c| (c.term.as_str(), c.label.as_deref()))
            .collect::<Vec<_>>(),
        [("untranslated", Some("Pas encore traduit"))]
    );
    let content = fr.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .as_ref()
        .unwrap();
    assert!(
        content.starts_with(
            "<p lang=\"fr\" dir=\"ltr\"><em>Ce communiqué n’est pas encore disponible en français."
        ),
        "{content}"
    );
    assert!(content.contains("Opened today."));
    assert_eq!(
        fr.entries[1].categories[0].label.as_deref(),
        Some("Sécurité")
    );
    assert!(fr.entries[1]
        .categories
        .iter()
        .all(|c| c.term != "untranslated"));
    // Chinese: both entries untranslated, in English, marked in Chinese.
    let zh_xml = site.output("zh/atom.xml");
    let zh = feed_rs::parser::parse(zh_xml.as_bytes()).unwrap();
    assert_eq!(zh.entries.len(), 2);
    assert_eq!(zh_xml.matches("<entry xml:lang=\"en\">").count(), 2);
    assert_eq!(
        zh_xml.matches("label=\"尚未翻译\" xml:lang=\"zh\"").count(),
        2
    );
    // Labels are in the feed's language, inside an entry in another: they say so.
    assert!(
        zh_xml.contains("<category term=\"security\" label=\"security\" xml:lang=\"zh\"/>"),
        "{zh_xml}"
    );
    assert_eq!(
        zh.entries[1].links[0].href,
        "https://example.org/zh/announcements/oas/"
    );
    // The feed's date follows its newest entry, fallbacks included.
    assert_eq!(
        zh.updated.unwrap().to_rfc3339(),
        "2016-06-14T00:00:00+00:00"
    );
    for lang in ["en", "zh", "ar", "fr"] {
        let xml = site.output(&format!("{lang}/atom.xml"));
        assert!(
            !xml.contains(['\u{2068}', '\u{2069}']),
            "{lang}: no isolation marks in feeds"
        );
        assert!(xml.contains(&format!(r#"xml:lang="{lang}""#)));
        let page = site.output(&format!("{lang}/index.html"));
        assert!(
            page.contains(&format!(
                r#"<link rel="alternate" type="application/atom+xml" href="/{lang}/atom.xml""#
            )),
            "autodiscovery in {lang}"
        );
    }
}

#[test]
fn feeds_untranslated_false_lists_only_translations() {
    let site = feed_site();
    site.write(
        "site.yaml",
        &format!("{}feeds:\n  untranslated: false\n", common::CONFIG),
    );
    site.build_ok();
    let fr = feed_rs::parser::parse(site.output("fr/atom.xml").as_bytes()).unwrap();
    assert_eq!(fr.entries.len(), 1, "only the translated announcement");
    assert_eq!(
        fr.entries[0].title.as_ref().unwrap().content,
        "L’ICANN et l’OEA"
    );
    let zh = site.output("zh/atom.xml");
    assert!(feed_rs::parser::parse(zh.as_bytes())
        .unwrap()
        .entries
        .is_empty());
    assert!(!zh.contains("untranslated"));
    assert_eq!(
        site.output("en/atom.xml")
            .matches("<entry xml:lang=\"en\">")
            .count(),
        2
    );
}

#[test]
fn unknown_keys_under_feeds_are_errors_with_their_line() {
    let site = feed_site();
    site.write(
        "site.yaml",
        &format!(
            "{}feeds:\n  untranslated: false\n  drafts: true\n",
            common::CONFIG
        ),
    );
    let errors = site.build_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("site.yaml:15:")
            && errors[0]
                .ends_with("error: unknown key `drafts` in `feeds`: the keys are `untranslated`"),
        "{errors:?}"
    );
}

#[test]
fn feed_keeps_the_newest_twenty() {
    let site = TestSite::new();
    for i in 1..=25 {
        site.announcement(
            &format!("n{i:02}.en.md"),
            &simple(&format!("N{i:02}"), &format!("2020-01-{i:02}")),
        );
    }
    site.build_ok();
    let feed = feed_rs::parser::parse(site.output("en/atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 20);
    assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "N25");
    assert_eq!(feed.entries[19].title.as_ref().unwrap().content, "N06");
}

/// Parses a sitemap: loc → hreflang alternates.
fn sitemap(xml: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed sitemap");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let mut out = BTreeMap::new();
    for url in root.children().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        let lastmod = url
            .children()
            .find(|n| n.has_tag_name("lastmod"))
            .and_then(|n| n.text());
        assert!(
            lastmod.is_some_and(|d| d.len() == 10),
            "{loc} has a lastmod"
        );
        let alts: BTreeMap<String, String> = url
            .children()
            .filter(|n| {
                n.tag_name().name() == "link"
                    && n.tag_name().namespace() == Some("http://www.w3.org/1999/xhtml")
            })
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            out.insert(loc.clone(), alts).is_none(),
            "{loc} listed twice"
        );
    }
    out
}

fn output_file_for(site: &TestSite, url: &str, base: &str) -> std::path::PathBuf {
    let path = url
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} outside {base}"));
    let path = path.split('#').next().unwrap();
    let mut file = site
        .root()
        .join("public")
        .join(path.trim_start_matches('/'));
    if path.is_empty() || path.ends_with('/') {
        file.push("index.html");
    }
    file
}

#[test]
fn sitemap_lists_each_canonical_page_once_with_reciprocal_hreflang() {
    let site = feed_site();
    site.build_ok();
    let urls = sitemap(&site.output("sitemap.xml"));
    let oas = &urls["https://example.org/en/announcements/oas/"];
    assert_eq!(
        oas.keys().map(String::as_str).collect::<Vec<_>>(),
        ["en", "fr", "x-default"]
    );
    assert!(urls.contains_key("https://example.org/fr/announcements/oas/"));
    assert!(
        !urls.contains_key("https://example.org/zh/announcements/oas/"),
        "fallback pages are not canonical"
    );
    assert!(urls.contains_key("https://example.org/zh/"));
    assert!(urls.contains_key("https://example.org/zh/tags/security/"));
    for (loc, alts) in &urls {
        assert!(
            output_file_for(&site, loc, "https://example.org").exists(),
            "{loc} is written"
        );
        for (hreflang, href) in alts {
            assert!(
                output_file_for(&site, href, "https://example.org").exists(),
                "{href} is written"
            );
            if hreflang != "x-default" {
                assert_eq!(&urls[href], alts, "{loc} → {href} must be reciprocal");
            }
        }
    }
}

/// The `<loc>`s of a sitemap index.
fn index_locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect()
}

#[test]
fn a_large_sitemap_is_split_by_language_and_year_in_files_of_at_most_max_urls() {
    let site = feed_site();
    for (name, date) in [
        ("a", "2016-01-10"),
        ("b", "2016-02-10"),
        ("c", "2016-03-10"),
    ] {
        site.announcement(&format!("{date}-{name}.en.md"), &common::simple(name, date));
    }
    site.build_ok();
    let whole = sitemap(&site.output("sitemap.xml"));
    assert!(whole.len() > 10);
    // The same site, split past 10 URLs into files of at most 3.
    let config = format!(
        "{}sitemap:\n  split_over: 10\n  max_urls: 3\n",
        common::CONFIG
    );
    site.write("site.yaml", &config);
    site.build_ok();
    let locs = index_locs(&site.output("sitemap.xml"));
    let names: Vec<&str> = locs
        .iter()
        .map(|l| l.strip_prefix("https://example.org/").unwrap())
        .collect();
    // English: its lists (the chooser, 1 home page, the tag index, 1 tag page, the
    // archive's years and its 2 years) in three files, then 2016 (four sources) in two,
    // then 2015; French: lists, then 2015 (its one translation); the other languages:
    // their lists only.
    assert_eq!(
        names[..7],
        [
            "sitemap-en.xml",
            "sitemap-en-lists-2.xml",
            "sitemap-en-lists-3.xml",
            "sitemap-en-2016.xml",
            "sitemap-en-2016-2.xml",
            "sitemap-en-2015.xml",
            "sitemap-zh.xml",
        ]
    );
    assert!(names.contains(&"sitemap-fr-2015.xml"));
    assert!(!names.contains(&"sitemap-fr-2016.xml"));
    let mut union = BTreeMap::new();
    for name in &names {
        let part = sitemap(&site.output(name));
        assert!((1..=3).contains(&part.len()), "{name}: {}", part.len());
        for (loc, alternates) in part {
            assert!(
                union.insert(loc.clone(), alternates).is_none(),
                "{loc} twice"
            );
        }
    }
    assert_eq!(union, whole);
    let en_2015 = sitemap(&site.output("sitemap-en-2015.xml"));
    assert_eq!(
        en_2015.keys().collect::<Vec<_>>(),
        ["https://example.org/en/announcements/oas/"]
    );
    let first = sitemap(&site.output("sitemap-en.xml"));
    assert!(
        first.contains_key("https://example.org/"),
        "the chooser is in the first language's lists"
    );
    // A full build without the split setting goes back to one file.
    site.write("site.yaml", common::CONFIG);
    site.build_ok();
    assert_eq!(sitemap(&site.output("sitemap.xml")), whole);
    assert!(!site.has_output("sitemap-en.xml"));
}

#[test]
fn sitemap_max_urls_past_the_protocols_limit_is_an_error() {
    let config = format!("{}sitemap:\n  max_urls: 50001\n", common::CONFIG);
    let site = TestSite::with_config(&config);
    site.announcement("2016-01-10-a.en.md", &common::simple("a", "2016-01-10"));
    let errors = site.build_err();
    assert_eq!(
        errors,
        ["site.yaml:14:3: error: sitemap.max_urls: must be from 1 to 50000 (the sitemap protocol's limit)"]
    );
}

#[test]
fn aliases_write_redirect_pages() {
    let site = TestSite::new();
    site.announcement("oas.en.md", "---\ntitle: OAS\ndate: 2015-10-30\naliases: [/en/news/2015/oas/, /old/oas.html]\n---\nText.\n");
    site.announcement(
        "oas.fr.md",
        "---\ntitle: OEA\naliases: [/fr/nouvelles/oea/, /fr/actualités/oéa_2015/, \"/fr/de\u{301}ja\u{300}/\"]\n---\nTexte.\n",
    );
    site.build_ok();
    // Letters of any script, with their combining marks (as macOS spells file names), pass.
    assert!(site.has_output("fr/actualités/oéa_2015/index.html"));
    assert!(site.has_output("fr/de\u{301}ja\u{300}/index.html"));
    let page = site.output("en/news/2015/oas/index.html");
    assert!(
        page.contains(r#"<meta http-equiv="refresh" content="0; url=/en/announcements/oas/">"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<link rel="canonical" href="https://example.org/en/announcements/oas/">"#)
    );
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(page.contains(r#"<a href="/en/announcements/oas/">OAS</a>"#));
    assert!(site
        .output("old/oas.html")
        .contains("url=/en/announcements/oas/"));
    let fr = site.output("fr/nouvelles/oea/index.html");
    assert!(fr.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(fr.contains("Cette page a été déplacée"));
    assert!(fr.contains("url=/fr/announcements/oas/"));
}

#[test]
fn alias_colliding_with_a_page_or_another_alias_is_an_error_naming_both() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2020-01-01\naliases: [/en/announcements/b/]\n---\n",
    );
    site.announcement("b.en.md", &simple("B", "2020-01-02"));
    let errors = site.build_err();
    assert_eq!(
        errors,
        ["content/announcements/a.en.md:4:1: error: alias `/en/announcements/b/` is the address of a page herald writes (en/announcements/b/index.html); choose another"]
    );
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2020-01-01\naliases: [/old/]\n---\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: B\ndate: 2020-01-02\ntags: [x]\naliases:\n  - /old/\n---\n",
    );
    let errors = site.build_err();
    let errors: Vec<&String> = errors.iter().filter(|e| e.contains(": error: ")).collect();
    assert_eq!(errors, ["content/announcements/b.en.md:5:1: error: alias `/old/` is also an alias in content/announcements/a.en.md:4"]);
}

#[test]
fn aliases_that_leave_the_site_are_refused() {
    let not = |c: &str| format!("may only contain {RULE} between its slashes, not {c}");
    for (alias, why) in [
        (
            "en/x/",
            "must be a path from the site root, starting with `/`".to_string(),
        ),
        (
            "/../x/",
            "must not contain `.` or `..` segments".to_string(),
        ),
        (
            "/a/%2e%2e/x/",
            "must not contain percent-encoded dots, slashes or NUL".to_string(),
        ),
        (
            "//evil.example/x",
            "must be a path on this site, not `//host/...`".to_string(),
        ),
        ("/a\\\\b/", not("`\\`")),
        ("/a b/", not("a space")),
        ("/it's/", not("`'`")),
        ("/say-\\\"hi\\\"/", not("`\"`")),
        ("/a`b/", not("a backtick")),
        ("/a\\tb/", not("U+0009")),
        ("/caf%C3%A9/", not("`%`")),
        ("/x/a(b)/", not("`(`")),
        ("/news/a’b/", not("`’` (U+2019)")),
        (
            "/.git/",
            "has a segment that starts with a dot (`.git`)".to_string(),
        ),
        (
            "/con/",
            "must not use a name Windows reserves (CON, NUL, …)".to_string(),
        ),
    ] {
        let site = TestSite::new();
        site.announcement(
            "a.en.md",
            &format!("---\ntitle: A\ndate: 2020-01-01\naliases: [\"{alias}\"]\n---\n"),
        );
        let shown = alias
            .replace("\\\\", "\\")
            .replace("\\\"", "\"")
            .replace("\\t", "\t");
        assert_eq!(
            site.build_err(),
            [format!(
                "content/announcements/a.en.md:4:10: error: alias `{shown}` {why}"
            )]
        );
    }
}

/// The characters slugs, tags, names and alias segments may hold, as every message says them.
const RULE: &str = "letters, digits and combining marks of any script, `-`, `_` and `.`";

/// Every href and src of every HTML file, resolved against the page.
fn links(site: &TestSite, base_path: &str) -> Vec<(String, String)> {
    let root = site.root().join("public");
    let mut out = Vec::new();
    for (path, bytes) in common::snapshot(&root) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = format!("{base_path}/{}", path.parent().unwrap().to_string_lossy());
        for attr in ["href=\"", "src=\""] {
            for value in html
                .split(attr)
                .skip(1)
                .map(|s| s.split('"').next().unwrap())
            {
                let resolved = if value.starts_with("https://example.org") {
                    value.trim_start_matches("https://example.org").to_string()
                } else if value.starts_with('/') {
                    value.to_string()
                } else if value.starts_with('#') || value.contains("://") {
                    continue;
                } else {
                    format!("{}/{value}", page_dir.trim_end_matches('/'))
                };
                out.push((path.display().to_string(), resolved));
            }
        }
    }
    out
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let site = TestSite::with_config(&common::CONFIG.replace(
        "base_url: https://example.org",
        "base_url: https://example.org/news/",
    ));
    site.announcement("w/index.en.md", "---\ntitle: Workshop\ndate: 2022-02-21\ntags: [idn]\naliases: [/old/w/]\n---\n![map](map.svg) and [b](@/announcements/b.md)\n");
    site.announcement(
        "w/index.zh.md",
        "---\ntitle: 研讨会\n---\n![地图](map.svg)\n",
    );
    site.announcement("w/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.announcement("b.es.md", &simple("Solo", "2021-01-01"));
    site.build_ok();
    let all = links(&site, "/news");
    assert!(all.len() > 300, "{}", all.len());
    for (page, url) in all {
        assert!(
            url.starts_with("/news/"),
            "{page}: {url} is outside the sub-path"
        );
        let path = url
            .trim_start_matches("/news/")
            .split('#')
            .next()
            .unwrap()
            .to_string();
        let mut file = site.root().join("public").join(&path);
        if path.is_empty() || path.ends_with('/') {
            file.push("index.html");
        }
        assert!(
            file.exists(),
            "{page}: {url} does not resolve to a written file"
        );
    }
    let feed = site.output("en/atom.xml");
    assert!(feed.contains(r#"href="https://example.org/news/en/atom.xml""#));
    assert!(site
        .output("sitemap.xml")
        .contains("<loc>https://example.org/news/en/announcements/w/</loc>"));
    assert!(site
        .output("old/w/index.html")
        .contains("url=/news/en/announcements/w/"));
}

#[test]
fn example_site_links_feeds_and_sitemap_are_consistent() {
    let (_out, public, _) = common::build_example();
    let mut feeds = 0;
    for lang in ["en", "zh", "ar", "es", "fr", "ru", "pt"] {
        let xml = std::fs::read(public.join(lang).join("atom.xml")).unwrap();
        let feed = feed_rs::parser::parse(&xml[..]).unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert!(!feed.entries.is_empty(), "{lang}");
        for e in &feed.entries {
            let path = e.links[0]
                .href
                .trim_start_matches("https://announcements.example.org/");
            assert!(
                public.join(path).join("index.html").exists(),
                "{lang}: {path}"
            );
        }
        feeds += 1;
    }
    assert_eq!(feeds, 7);
    let urls = sitemap(&std::fs::read_to_string(public.join("sitemap.xml")).unwrap());
    assert!(urls.len() > 100, "{}", urls.len());
    let file_of = |url: &str| {
        let path = url
            .strip_prefix("https://announcements.example.org/")
            .unwrap_or_else(|| panic!("{url}"));
        let mut file = public.join(path);
        if path.is_empty() || path.ends_with('/') {
            file.push("index.html");
        }
        file
    };
    for (loc, alts) in &urls {
        assert!(file_of(loc).exists(), "{loc}");
        for (hreflang, href) in alts {
            assert!(file_of(href).exists(), "{href}");
            if hreflang != "x-default" {
                assert_eq!(&urls[href], alts, "{loc} → {href} must be reciprocal");
            }
        }
    }
    let with_alternates = urls.values().filter(|a| !a.is_empty()).count();
    assert!(with_alternates > 40, "{with_alternates}");
}

fn herald_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .current_dir(dir)
        .env("HERALD_NOW", "2026-11-24T09:00:00Z")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn new_writes_a_dated_draft_and_never_overwrites() {
    let site = TestSite::new();
    let (code, stdout, stderr) = herald_in(
        site.root(),
        &[
            "new",
            "2026-11-24-board-elections",
            "--title",
            "Board: elections",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "created content/announcements/2026-11-24-board-elections.en.md"
    );
    let text = std::fs::read_to_string(
        site.root()
            .join("content/announcements/2026-11-24-board-elections.en.md"),
    )
    .unwrap();
    assert_eq!(text, "---\ntitle: 'Board: elections'\ndate: 2026-11-24\ntags: []\ndraft: true   # remove this line to publish\n---\n\n");
    std::fs::write(
        site.root()
            .join("content/announcements/2026-11-24-board-elections.en.md"),
        "edited",
    )
    .unwrap();
    // A site with kinds gets the default kind, with the others named.
    let kinds = TestSite::with_config(&format!(
        "{}kinds: [press-release, statement, notice]\ndefault_kind: notice\n",
        common::CONFIG
    ));
    let (code, _, stderr) = herald_in(kinds.root(), &["new", "2026-11-24-office-hours"]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(
        kinds
            .root()
            .join("content/announcements/2026-11-24-office-hours.en.md"),
    )
    .unwrap();
    assert_eq!(text, "---\ntitle: Office hours\ndate: 2026-11-24\nkind: notice   # one of: press-release, statement, notice\ntags: []\ndraft: true   # remove this line to publish\n---\n\n");
    let (code, _, stderr) = herald_in(site.root(), &["new", "2026-11-24-board-elections"]);
    assert_eq!(code, 1);
    assert_eq!(stderr.trim(), "content/announcements/2026-11-24-board-elections.en.md: error: already exists; herald new never overwrites a file");
    assert_eq!(
        std::fs::read_to_string(
            site.root()
                .join("content/announcements/2026-11-24-board-elections.en.md")
        )
        .unwrap(),
        "edited"
    );
    let (code, stdout, _) = herald_in(site.root(), &["new", "jornada", "--lang", "es"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim(), "created content/announcements/jornada.es.md");
    let (code, _, stderr) = herald_in(site.root(), &["new", "x", "--lang", "de"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("`de` is not a language of this site"),
        "{stderr}"
    );
    assert_eq!(herald_in(site.root(), &["new", "../escape"]).0, 1);
}

#[test]
fn new_announcement_builds_with_drafts() {
    let site = TestSite::new();
    assert_eq!(herald_in(site.root(), &["new", "fresh"]).0, 0);
    let options = herald::BuildOptions {
        drafts: true,
        future: true,
        ..site.options()
    };
    herald::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    assert!(site.has_output("en/announcements/fresh/index.html"));
}
