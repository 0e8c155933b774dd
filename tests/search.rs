//! The search index: which pages it holds (only published real translations, never a
//! list, tag page, chooser, 404 page, redirect or fallback), what it holds of them
//! (title, body, date, localized tags; hostile text as text, no direction controls),
//! `search: false`, two builds giving the same bytes, and watch mode keeping the index
//! equal to a full build's through the edits that move pages in and out of it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::search_index::{fragments, unpack};
use common::{render, simple, snapshot, TestSite};
use herald::incremental::Session;

/// The URLs each language's index holds.
fn urls(public: &Path) -> BTreeMap<String, BTreeSet<String>> {
    fragments(public)
        .into_iter()
        .map(|(lang, pages)| (lang, pages.into_iter().map(|p| p.url).collect()))
        .collect()
}

/// A site in English, Chinese (Traditional, falling back to English) and Brazilian
/// Portuguese: a translated announcement with tags, one only in English (a fallback page
/// elsewhere), a draft translation, a scheduled announcement, an alias, a stale
/// translation.
fn sample_site() -> TestSite {
    let site = TestSite::with_config(
        "title_key: site-title\nbase_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n  - { code: zh-Hant, name: 繁體中文 }\n  - { code: pt-BR, name: Português }\npaginate: 1\n",
    );
    site.announcement(
        "2020-01-01-water.en.md",
        "---\ntitle: Clean water for the valley\ndate: 2020-01-01\ntags: [water, health]\naliases: [/old/water/]\n---\n\nThe aqueduct brings clean water to every village.\n",
    );
    site.announcement(
        "2020-01-01-water.zh-Hant.md",
        "---\ntitle: 山谷的清潔用水\n---\n\n水道把清潔的水送到每個村莊。\n",
    );
    site.announcement(
        "2020-01-01-water.pt-BR.md",
        "---\ntitle: Água limpa para o vale\nupdated: 2019-01-01\n---\n\nO aqueduto leva água limpa a todas as aldeias.\n",
    );
    site.announcement(
        "2020-02-01-bridge.en.md",
        "---\ntitle: A new bridge\ndate: 2020-02-01\ntags: [roads]\n---\n\nThe footbridge over the river opens in spring.\n",
    );
    site.announcement(
        "2020-02-01-bridge.pt-BR.md",
        "---\ntitle: Uma nova ponte\ndraft: true\n---\n\nA passarela abre na primavera.\n",
    );
    site.announcement(
        "2030-01-01-later.en.md",
        "---\ntitle: Scheduled\ndate: 2030-01-01\n---\n\nNot yet.\n",
    );
    site.write(
        "locales/pt-BR/site.ftl",
        "tag-water = Água\ntag-health = Saúde\n",
    );
    site
}

#[test]
fn only_published_real_translations_are_indexed() {
    let site = sample_site();
    site.build_ok();
    let public = site.root().join("public");
    let expected: BTreeMap<String, BTreeSet<String>> = [
        (
            "en",
            &["/en/announcements/bridge/", "/en/announcements/water/"][..],
        ),
        // The draft translation and the fallback pages are not indexed.
        ("pt-br", &["/pt-BR/announcements/water/"][..]),
        ("zh-hant", &["/zh-Hant/announcements/water/"][..]),
    ]
    .into_iter()
    .map(|(l, u)| (l.to_string(), u.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(urls(&public), expected);
    // The entry file lists the three languages as Pagefind's script looks them up.
    let entry = site.output("pagefind/pagefind-entry.json");
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    let langs: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
    assert_eq!(langs, ["en", "pt-br", "zh-hant"]);
    assert_eq!(entry["languages"]["en"]["page_count"], 2);
    // What is indexed of a page: its title and body, not the interface around them; the
    // date and the tags (labelled in the page's language) as metadata and filters.
    let all = fragments(&public);
    let water = &all["pt-br"][0];
    assert_eq!(water.meta["title"], "Água limpa para o vale");
    // The date, under a label in the page's language (`search-date`), as Pagefind shows it.
    assert_eq!(water.meta["Data"], "1 de janeiro de 2020");
    assert_eq!(
        water.content,
        "Água limpa para o vale. O aqueduto leva água limpa a todas as aldeias."
    );
    assert_eq!(
        water.filters.values().next().unwrap(),
        &["Água".to_string(), "Saúde".to_string()]
    );
    let zh = &all["zh-hant"][0];
    // (Chinese text is segmented into words, which Pagefind separates with U+200B.)
    assert!(
        zh.content.replace('\u{200B}', "").contains("清潔的水"),
        "{}",
        zh.content
    );
    // The search pages exist in every language and every page links to its own.
    for (lang, page) in [("en", "en/index.html"), ("pt-BR", "pt-BR/tags/index.html")] {
        assert!(site
            .output(page)
            .contains(&format!("href=\"/{lang}/search/\"")));
    }
    let search = site.output("zh-Hant/search/index.html");
    assert!(search.contains("<html lang=\"zh-Hant\""), "{search}");
    assert!(
        search.contains("src=\"/pagefind/pagefind-ui.js\""),
        "{search}"
    );
    assert!(search.contains("<noscript>"), "{search}");
    // Only the search page has scripts (JSON-LD is data, not a script that runs).
    for (path, bytes) in snapshot(&public) {
        let shown = path.display().to_string();
        if shown.ends_with(".html") && !shown.ends_with("search/index.html") {
            let text = String::from_utf8_lossy(&bytes);
            let scripts = text.matches("<script").count();
            let data = text
                .matches("<script type=\"application/ld+json\">")
                .count();
            assert_eq!(scripts, data, "{shown} has a script");
        }
    }
}

#[test]
fn search_false_has_no_index_and_no_link() {
    for setting in ["search: false", "search: { enabled: false }"] {
        let site = TestSite::with_config(&format!("{}{setting}\n", common::CONFIG));
        site.announcement("a.en.md", &simple("A", "2020-01-01"));
        site.build_ok();
        let public = site.root().join("public");
        assert!(!public.join("pagefind").exists(), "{setting}");
        for (path, bytes) in snapshot(&public) {
            if path.extension().is_some_and(|e| e == "html" || e == "xml") {
                let text = String::from_utf8_lossy(&bytes);
                assert!(!text.contains("/search/"), "{setting}: {}", path.display());
                assert!(
                    !text.contains("/pagefind/"),
                    "{setting}: {}",
                    path.display()
                );
            }
        }
    }
    // Unknown keys under `search:` are errors with their line, as everywhere in site.yaml.
    let site = TestSite::with_config(&format!("{}search:\n  enabeld: false\n", common::CONFIG));
    let errors = site.build_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            == "site.yaml:14:3: error: unknown key `enabeld` in `search`: did you mean `enabled`?",
        "{errors:?}"
    );
    let site = TestSite::with_config(&format!("{}search: maybe\n", common::CONFIG));
    let errors = site.build_err();
    assert!(
        errors[0]
            == "site.yaml:13:9: error: `search` must be `true` or `false`, or `enabled:` under it, not `maybe`",
        "{errors:?}"
    );
}

#[test]
fn a_theme_without_a_search_page_builds_without_search() {
    let site = TestSite::with_config(&common::CONFIG.replace("paginate: 20", "theme: plain"));
    for (name, bytes) in herald::theme::BUILTIN_DEFAULT {
        if *name != "templates/search.html" {
            site.write_bytes(&format!("themes/plain/{name}"), bytes);
        }
    }
    site.announcement("a.en.md", &simple("A", "2020-01-01"));
    let report = site.build_ok();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("the theme has no search.html")),
        "{:?}",
        report.warnings
    );
    assert!(!site.has_output("pagefind/pagefind-entry.json"));
    assert!(!site.output("en/index.html").contains("/en/search/"));
}

#[test]
fn a_file_in_the_search_folder_is_an_error() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("A", "2020-01-01"));
    site.write("static/pagefind/pagefind.js", "alert(1)");
    let errors = site.build_err();
    assert!(
        errors.iter().any(|e| e.starts_with(
            "pagefind/pagefind.js: error: the search index is written to the folder pagefind/"
        )),
        "{errors:?}"
    );
}

#[test]
fn hostile_titles_and_labels_are_text_in_the_index() {
    let site = TestSite::new();
    let titles = [
        "<script>alert(1)</script>",
        "\\\"><img src=x onerror=alert(2)>",
        "\\u202Eevil\\u202C and \\u2068isolated\\u2069",
    ];
    for (i, title) in titles.iter().enumerate() {
        site.announcement(
            &format!("h{i}.en.md"),
            &format!("---\ntitle: \"{title}\"\ndate: 2020-01-0{}\ntags: [x]\n---\n\nBody {i} <b>bold</b> &amp; \u{202E}more.\n", i + 1),
        );
    }
    site.write(
        "locales/en/site.ftl",
        "tag-x = <img src=x onerror=alert(3)> & \"quotes\"\n",
    );
    site.build_ok();
    let public = site.root().join("public");
    let en = &fragments(&public)["en"];
    let titles: BTreeSet<&str> = en.iter().map(|f| f.meta["title"].as_str()).collect();
    // Titles are the writers' text, as text: the search box shows them as text.
    assert_eq!(
        titles,
        BTreeSet::from([
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "evil and isolated",
        ])
    );
    for fragment in en {
        for c in ['\u{202E}', '\u{202C}', '\u{2068}', '\u{2069}'] {
            assert!(!fragment.content.contains(c), "{:?}", fragment.content);
            assert!(!fragment.meta["title"].contains(c));
        }
        assert!(!fragment.content.contains("<b>"), "{}", fragment.content);
    }
    // Pagefind's search box puts filter values into the page as HTML: the tag label is
    // kept escaped, so that it shows as text.
    let label = "&lt;img src=x onerror=alert(3)&gt; &amp; &quot;quotes&quot;";
    assert_eq!(en[0].filters["Topics"], [label]);
    for entry in std::fs::read_dir(public.join("pagefind/filter")).unwrap() {
        let bytes = unpack(&std::fs::read(entry.unwrap().path()).unwrap());
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("<img"), "{text}");
    }
}

#[test]
fn two_builds_give_identical_index_files() {
    let (_a, first, _) = common::build_example();
    let (_b, second, _) = common::build_example();
    let a = snapshot(&first);
    let b = snapshot(&second);
    let index = |files: &[(PathBuf, Vec<u8>)]| -> usize {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("pagefind"))
            .count()
    };
    assert!(index(&a) > 50, "{}", index(&a));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs between two builds", pa.display());
    }
}

/// The session's output is what a full build of the site writes.
fn same_as_a_full_build(site: &TestSite, session: &Session, what: &str) {
    let out = tempfile::tempdir().unwrap();
    let options = herald::BuildOptions {
        output: Some(out.path().join("public")),
        ..site.options()
    };
    herald::build(&options).unwrap_or_else(|d| panic!("{}", render(&d)));
    let fresh = snapshot(&out.path().join("public"));
    let kept = snapshot(session.output());
    let differ: Vec<String> = fresh
        .iter()
        .zip(&kept)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.display().to_string())
        .collect();
    assert!(
        fresh.len() == kept.len() && differ.is_empty(),
        "after {what}: {} / {} files, differ: {differ:?}",
        fresh.len(),
        kept.len()
    );
}

/// Watch mode: the edits that move pages in and out of an index, and in it, each
/// followed by a comparison with a full build; the ones that keep the index's order
/// update it in place.
#[test]
fn watch_mode_keeps_the_index_equal_to_a_full_build() {
    let site = sample_site();
    let (mut session, _) =
        Session::start(&site.options()).unwrap_or_else(|d| panic!("{}", render(&d)));
    let check = |session: &Session, what: &str| same_as_a_full_build(&site, session, what);
    let mut edit = |rel: &str, text: Option<&str>, what: &str, remade: usize| {
        let path = site.root().join("content/announcements").join(rel);
        match text {
            Some(text) => std::fs::write(&path, text).unwrap(),
            None => std::fs::remove_file(&path).unwrap(),
        }
        let rel = PathBuf::from("content/announcements").join(rel);
        let report = session
            .rebuild_changed(&[rel])
            .unwrap_or_else(|d| panic!("{what}: {}", render(&d)));
        let search = report.search.unwrap_or_default();
        assert_eq!(search.remade, remade, "{what}: {search:?}");
        check(&session, what);
        search
    };
    // A text edit: the page is given again in place; one language's index is built.
    let s = edit(
        "2020-01-01-water.zh-Hant.md",
        Some("---\ntitle: 山谷的清潔用水\n---\n\n新的水道把清潔的水送到每個村莊。\n"),
        "a text edit",
        0,
    );
    assert_eq!(s.languages, 1);
    // A new translation of an announcement that is not the last: its fallback page had
    // kept its place.
    edit(
        "2020-02-01-bridge.zh-Hant.md",
        Some("---\ntitle: 新橋\n---\n\n河上的人行橋春天開放。\n"),
        "a new translation",
        0,
    );
    // The translation deleted, and a draft published.
    edit(
        "2020-02-01-bridge.zh-Hant.md",
        None,
        "a deleted translation",
        0,
    );
    edit(
        "2020-02-01-bridge.pt-BR.md",
        Some("---\ntitle: Uma nova ponte\n---\n\nA passarela abre na primavera.\n"),
        "a draft published",
        0,
    );
    // A date edit does not move a page in the index (its order is the names').
    edit(
        "2020-01-01-water.en.md",
        Some("---\ntitle: Clean water for the valley\ndate: 2020-03-01\ntags: [water, health]\naliases: [/old/water/]\n---\n\nThe aqueduct brings clean water to every village.\n"),
        "a date edit",
        0,
    );
    // A new announcement named after the others goes at the end of each index.
    edit(
        "2021-05-05-school.en.md",
        Some(&simple("A new school", "2021-05-05")),
        "a new last announcement",
        0,
    );
    // One named before the others moves every page after it: that index is made again.
    edit(
        "2019-09-09-market.en.md",
        Some(&simple("A market", "2019-09-09")),
        "a new first announcement",
        1,
    );
    // A slug edit moves the page to another address in every language that shows it
    // (English and Portuguese; its Chinese page is a fallback). In Portuguese it is the
    // last page of the index, so it goes at the end; in English one comes after it.
    edit(
        "2020-02-01-bridge.en.md",
        Some("---\ntitle: A new bridge\ndate: 2020-02-01\nslug: footbridge\ntags: [roads]\n---\n\nThe footbridge over the river opens in spring.\n"),
        "a slug edit",
        1,
    );
}

/// As `herald watch` runs it: a rebuild returns once its pages are written, the index
/// follows on its own thread, edits made meanwhile wait for the next update.
#[test]
fn in_the_background_the_index_follows_the_pages() {
    let site = sample_site();
    let (mut session, _) =
        Session::start(&site.options()).unwrap_or_else(|d| panic!("{}", render(&d)));
    session.set_background_search(true);
    let dir = site.root().join("content/announcements");
    for (i, (file, text)) in [
        (
            "2020-01-01-water.en.md",
            "---\ntitle: Clean water\ndate: 2020-01-01\ntags: [water]\n---\n\nFirst edit.\n",
        ),
        (
            "2020-02-01-bridge.zh-Hant.md",
            "---\ntitle: 新橋\n---\n\n河上的人行橋。\n",
        ),
        (
            "2020-01-01-water.en.md",
            "---\ntitle: Clean water\ndate: 2020-01-01\ntags: [water]\n---\n\nSecond edit.\n",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        std::fs::write(dir.join(file), text).unwrap();
        let report = session
            .rebuild_changed(&[PathBuf::from("content/announcements").join(file)])
            .unwrap_or_else(|d| panic!("{}", render(&d)));
        assert!(report.search.is_none(), "edit {i}: {report:?}");
        assert!(site
            .output(&format!(
                "{}/announcements/{}/index.html",
                if i == 1 { "zh-Hant" } else { "en" },
                if i == 1 { "bridge" } else { "water" }
            ))
            .contains(if i == 1 {
                "人行橋"
            } else if i == 0 {
                "First edit."
            } else {
                "Second edit."
            }));
    }
    assert!(session.finish_search().is_some_and(|r| r.is_ok()));
    same_as_a_full_build(&site, &session, "three edits in the background");
}
