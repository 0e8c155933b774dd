//! Section links (heading ids, `#` self-links, `toc: true`) and related announcements,
//! as the written pages and feeds show them in English, Chinese, Arabic and French.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use common::{snapshot, TestSite, CONFIG};
use herald::incremental::Session;

fn site() -> TestSite {
    TestSite::with_config(&format!("{CONFIG}search: false\n"))
}

/// The ids of the `h2`–`h4` headings of a page's content, in order.
fn heading_ids(html: &str) -> Vec<String> {
    let content = html
        .split("<div class=\"content\"")
        .nth(1)
        .and_then(|c| c.split("\n</div>\n").next())
        .unwrap_or_else(|| panic!("no content: {html}"));
    let mut ids = Vec::new();
    for level in ["<h2 id=\"", "<h3 id=\"", "<h4 id=\""] {
        for (at, _) in content.match_indices(level) {
            let rest = &content[at + level.len()..];
            ids.push((at, rest[..rest.find('"').unwrap()].to_string()));
        }
    }
    ids.sort();
    ids.into_iter().map(|(_, id)| id).collect()
}

const LONG_EN: &str = "---
title: Budget 2026
date: 2025-11-03
tags: [budget, planning]
---

Intro.

## What changes in 2026

Text.

## Budget

### Income & costs

## Budget

## Questions?
";

const LONG_ZH: &str = "---
title: 2026年预算
---

引言。

## 2026年的变化

正文。

## 预算（草案）

### 收入与支出

## 预算（草案）
";

const LONG_AR: &str = "---
title: ميزانية 2026
---

مقدمة.

## ما الذي يتغير في 2026؟

نص.

## الميزانية، باختصار

### الإيرادات والتكاليف

## الميزانية، باختصار
";

#[test]
fn headings_get_ids_from_their_text_in_every_script_and_duplicates_get_a_number() {
    let site = site();
    site.announcement("2025-11-03-budget.en.md", LONG_EN)
        .announcement("2025-11-03-budget.zh.md", LONG_ZH)
        .announcement("2025-11-03-budget.ar.md", LONG_AR);
    site.build_ok();
    let en = site.output("en/announcements/budget/index.html");
    assert_eq!(
        heading_ids(&en),
        [
            "what-changes-in-2026",
            "budget",
            "income-costs",
            "budget-1",
            "questions"
        ]
    );
    let zh = site.output("zh/announcements/budget/index.html");
    assert_eq!(
        heading_ids(&zh),
        ["2026年的变化", "预算草案", "收入与支出", "预算草案-1"]
    );
    let ar = site.output("ar/announcements/budget/index.html");
    assert_eq!(
        heading_ids(&ar),
        [
            "ما-الذي-يتغير-في-2026",
            "الميزانية-باختصار",
            "الإيرادات-والتكاليف",
            "الميزانية-باختصار-1"
        ]
    );
    // The French page shows the English text (a fallback): the English ids.
    let fr = site.output("fr/announcements/budget/index.html");
    assert_eq!(heading_ids(&fr), heading_ids(&en));
    // The same on every build.
    site.build_ok();
    assert_eq!(site.output("ar/announcements/budget/index.html"), ar);
}

#[test]
fn adding_a_heading_below_keeps_the_ids_above() {
    let site = site();
    site.announcement("2025-11-03-budget.en.md", LONG_EN);
    site.build_ok();
    let before = heading_ids(&site.output("en/announcements/budget/index.html"));
    site.announcement(
        "2025-11-03-budget.en.md",
        &format!("{LONG_EN}\n## Budget\n\n## What changes in 2026\n\n## A new part\n"),
    );
    site.build_ok();
    let after = heading_ids(&site.output("en/announcements/budget/index.html"));
    assert_eq!(after[..before.len()], before[..]);
    assert_eq!(
        after[before.len()..],
        ["budget-2", "what-changes-in-2026-1", "a-new-part"]
    );
}

#[test]
fn a_written_id_wins_and_the_themes_ids_are_not_taken() {
    let site = site();
    site.announcement(
        "2025-11-03-budget.en.md",
        "---\ntitle: Budget\ndate: 2025-11-03\ntoc: true\n---\n\n## Scope {#scope-2026}\n\n## Scope 2026\n\n## Main\n\n## Related heading\n",
    );
    site.build_ok();
    let en = site.output("en/announcements/budget/index.html");
    assert_eq!(
        heading_ids(&en),
        ["scope-2026", "scope-2026-1", "main-1", "related-heading-1"]
    );
    assert!(
        en.contains(r##"<li><a href="#scope-2026">Scope</a></li>"##),
        "{en}"
    );
    assert!(en.contains(r#"<main id="main" class="wrap">"#));

    // An id the theme uses, or one an earlier heading has, is an error at its `{`.
    site.announcement(
        "2025-11-03-budget.en.md",
        "---\ntitle: Budget\ndate: 2025-11-03\n---\n\n## Scope\n\n## Top {#main}\n\n## Again {#scope}\n",
    );
    let errors = site.build_err();
    let file = "content/announcements/2025-11-03-budget.en.md";
    assert!(
        errors.contains(&format!("{file}:8:8: error: the id `main` is taken: the theme's templates use it on every page; choose another after `#`")),
        "{errors:?}"
    );
    // (A page stops at its first error: the next build names the next one.)
    site.announcement(
        "2025-11-03-budget.en.md",
        "---\ntitle: Budget\ndate: 2025-11-03\n---\n\n## Scope\n\n## Top {#top}\n\n## Again {#scope}\n",
    );
    let errors = site.build_err();
    assert!(
        errors.contains(&format!("{file}:10:10: error: the id `scope` is taken: an earlier heading of this text has it (written, or made from its text); choose another after `#`")),
        "{errors:?}"
    );

    // Other attributes are refused where they are written: they would lose text.
    site.announcement(
        "2025-11-03-budget.en.md",
        "---\ntitle: Budget\ndate: 2025-11-03\n---\n\n## Budget {2026}\n",
    );
    let errors = site.build_err();
    assert!(
        errors.contains(&format!("{file}:6:11: error: a heading's `{{…}}` may only give its id, as `{{#an-id}}`, not `2026`; to show the braces as text, write `\\}}` for the closing one")),
        "{errors:?}"
    );
}

/// The `#` links of a page: (href, aria-label, the rest of the tag).
fn self_links(html: &str) -> Vec<String> {
    html.match_indices("<a class=\"heading-link\"")
        .map(|(at, _)| {
            let rest = &html[at..];
            rest[..rest.find("</a>").unwrap() + 4].to_string()
        })
        .collect()
}

#[test]
fn each_section_links_to_itself_with_a_name_in_the_readers_language() {
    let site = site();
    site.announcement("2025-11-03-budget.en.md", LONG_EN)
        .announcement("2025-11-03-budget.zh.md", LONG_ZH)
        .announcement("2025-11-03-budget.ar.md", LONG_AR);
    site.build_ok();
    let en = site.output("en/announcements/budget/index.html");
    assert!(en.contains("<div class=\"heading\">\n<h2 id=\"what-changes-in-2026\">What changes in 2026</h2>\n<a class=\"heading-link\" href=\"#what-changes-in-2026\" aria-label=\"Link to this section: What changes in 2026\" data-pagefind-ignore>#</a></div>"), "{en}");
    // h2 to h4: every heading of the body here.
    assert_eq!(self_links(&en).len(), 5);
    assert!(en.contains("aria-label=\"Link to this section: Income &amp; costs\""));
    let zh = site.output("zh/announcements/budget/index.html");
    assert_eq!(
        self_links(&zh)[1],
        "<a class=\"heading-link\" href=\"#预算草案\" aria-label=\"链接到本节：预算（草案）\" data-pagefind-ignore>#</a>"
    );
    let ar = site.output("ar/announcements/budget/index.html");
    assert_eq!(
        self_links(&ar)[0],
        "<a class=\"heading-link\" href=\"#ما-الذي-يتغير-في-2026\" aria-label=\"رابط إلى هذا القسم: ما الذي يتغير في 2026؟\" data-pagefind-ignore>#</a>"
    );
    // A French reader of the English text: the name in French, marked as French.
    let fr = site.output("fr/announcements/budget/index.html");
    assert_eq!(
        self_links(&fr)[0],
        "<a class=\"heading-link\" href=\"#what-changes-in-2026\" aria-label=\"Lien vers cette section : What changes in 2026\" lang=\"fr\" dir=\"ltr\" data-pagefind-ignore>#</a>"
    );
    // An Arabic reader of the English text: right to left.
    std::fs::remove_file(
        site.root()
            .join("content/announcements/2025-11-03-budget.ar.md"),
    )
    .unwrap();
    site.build_ok();
    let ar = site.output("ar/announcements/budget/index.html");
    assert!(
        self_links(&ar)[0].ends_with("lang=\"ar\" dir=\"rtl\" data-pagefind-ignore>#</a>"),
        "{ar}"
    );
    // Feeds carry the ids but not the links.
    let feed = site.output("en/atom.xml");
    assert!(
        feed.contains("&lt;h2 id=&quot;what-changes-in-2026&quot;&gt;"),
        "{feed}"
    );
    assert!(!feed.contains("heading-link"), "{feed}");
}

#[test]
fn toc_true_adds_a_nested_table_of_contents_that_translations_inherit() {
    let site = site();
    site.announcement(
        "2025-11-03-budget.en.md",
        &LONG_EN.replace("tags:", "toc: true\ntags:").replace(
            "### Income & costs",
            "### Income & costs\n\n#### Salaries\n\n##### Not listed",
        ),
    )
    .announcement("2025-11-03-budget.zh.md", LONG_ZH)
    .announcement(
        "2025-11-03-budget.ar.md",
        &LONG_AR.replace("---\n\n", "toc: false\n---\n\n"),
    )
    .announcement(
        "2025-11-04-early.en.md",
        "---\ntitle: Early\ndate: 2025-11-04\ntoc: true\n---\n\n### Before any part\n\n## Part\n",
    );
    site.build_ok();
    let en = site.output("en/announcements/budget/index.html");
    let toc = "<nav class=\"toc\" aria-labelledby=\"toc-heading\" data-pagefind-ignore>
<h2 id=\"toc-heading\">Contents</h2>
<ol lang=\"en\" dir=\"ltr\">
<li><a href=\"#what-changes-in-2026\">What changes in 2026</a></li>
<li><a href=\"#budget\">Budget</a>
<ol>
<li><a href=\"#income-costs\">Income &amp; costs</a>
<ol>
<li><a href=\"#salaries\">Salaries</a></li>
</ol>
</li>
</ol>
</li>
<li><a href=\"#budget-1\">Budget</a></li>
<li><a href=\"#questions\">Questions?</a></li>
</ol>
</nav>
<div class=\"content\"";
    assert!(en.contains(toc), "{en}");
    assert!(!en.contains("#not-listed\""), "h5 is not a section");
    // Chinese inherits `toc: true`: the label and the entries in Chinese.
    let zh = site.output("zh/announcements/budget/index.html");
    assert!(zh.contains("<h2 id=\"toc-heading\">目录</h2>\n<ol lang=\"zh\" dir=\"ltr\">\n<li><a href=\"#2026年的变化\">2026年的变化</a></li>"), "{zh}");
    // Arabic says `toc: false` itself.
    let ar = site.output("ar/announcements/budget/index.html");
    assert!(!ar.contains("class=\"toc\""), "{ar}");
    // A French reader of the English text: a French label, English entries.
    let fr = site.output("fr/announcements/budget/index.html");
    assert!(
        fr.contains("<h2 id=\"toc-heading\">Sommaire</h2>\n<ol lang=\"en\" dir=\"ltr\">"),
        "{fr}"
    );
    // A deeper heading before the first `h2` stands at the top level.
    let early = site.output("en/announcements/early/index.html");
    assert!(early.contains("<ol lang=\"en\" dir=\"ltr\">\n<li><a href=\"#before-any-part\">Before any part</a></li>\n<li><a href=\"#part\">Part</a></li>\n</ol>"), "{early}");
}

#[test]
fn a_toc_that_is_not_true_or_false_is_an_error_at_its_place() {
    let site = site();
    site.announcement(
        "x.en.md",
        "---\ntitle: X\ndate: 2025-11-03\ntoc: yes please\n---\n\nText.\n",
    );
    let errors = site.build_err();
    assert!(
        errors.contains(&"content/announcements/x.en.md:4:6: error: `toc` must be `true` or `false`, not `yes please`".to_string()),
        "{errors:?}"
    );
    site.announcement(
        "x.en.md",
        "---\ntitle: X\ndate: 2025-11-03\ntco: true\n---\n",
    );
    let errors = site.build_err();
    assert!(
        errors.iter().any(|e| e
            .starts_with("content/announcements/x.en.md:4:1: error: unknown key `tco`")
            && e.contains("did you mean `toc`?")),
        "{errors:?}"
    );
}

/// Announcements that share tags with `a` (tags x, y), in French or not.
fn related_site() -> TestSite {
    let site = site();
    let ann = |name: &str, date: &str, tags: &str| {
        format!("---\ntitle: {name} EN\ndate: {date}\ntags: [{tags}]\n---\n\nText.\n")
    };
    let fr = |name: &str| format!("---\ntitle: {name} FR\n---\n\nTexte.\n");
    site.announcement("a.en.md", &ann("A", "2025-01-01", "x, y"))
        .announcement("a.fr.md", &fr("A"))
        .announcement("b.en.md", &ann("B", "2025-02-01", "x, y"))
        .announcement("b.fr.md", &fr("B"))
        .announcement("c.en.md", &ann("C", "2025-03-01", "x"))
        .announcement("c.fr.md", &fr("C"))
        .announcement("d.en.md", &ann("D", "2025-04-01", "y, x"))
        .announcement("e.en.md", &ann("E", "2025-05-01", "x"))
        .announcement("f.en.md", &ann("F", "2025-06-01", "z"));
    site
}

/// The titles a page lists as related, in order, and the related list itself.
fn related(html: &str) -> (Vec<String>, String) {
    let Some(list) = html.split("<aside class=\"related\"").nth(1) else {
        return (Vec::new(), String::new());
    };
    let list = list.split("</aside>").next().unwrap().to_string();
    let titles = list
        .split("</a>")
        .filter_map(|s| s.rsplit('>').next())
        .filter(|t| !t.trim().is_empty() && !t.contains('\n'))
        .map(str::to_string)
        .collect();
    (titles, list)
}

#[test]
fn related_announcements_share_tags_in_the_readers_language_first() {
    let site = related_site();
    site.build_ok();
    // English: most shared tags, then newest.
    let (titles, list) = related(&site.output("en/announcements/a/index.html"));
    assert_eq!(titles, ["D EN", "B EN", "E EN"], "{list}");
    assert!(
        list.contains("<h2 id=\"related-heading\">Related announcements</h2>"),
        "{list}"
    );
    // French: the French translations first, then one shown in English, marked.
    let (titles, list) = related(&site.output("fr/announcements/a/index.html"));
    assert_eq!(titles, ["B FR", "C FR", "D EN"], "{list}");
    assert!(
        list.contains("<h2 id=\"related-heading\">Communiqués liés</h2>"),
        "{list}"
    );
    assert!(list.contains("<li><a href=\"/fr/announcements/b/\" lang=\"fr\" dir=\"ltr\">B FR</a> <time datetime=\"2025-02-01\">1 février 2025</time></li>"), "{list}");
    assert!(list.contains("<li><a href=\"/fr/announcements/d/\" lang=\"en\" dir=\"ltr\">D EN</a> <time datetime=\"2025-04-01\">1 avril 2025</time> <span class=\"badge\">Pas encore traduit · en <bdi>anglais</bdi></span></li>"), "{list}");
    // Chinese and Arabic readers have no translation: the closest, marked.
    let (titles, list) = related(&site.output("zh/announcements/a/index.html"));
    assert_eq!(titles, ["D EN", "B EN", "E EN"], "{list}");
    assert!(
        list.contains("<h2 id=\"related-heading\">相关公告</h2>"),
        "{list}"
    );
    let (_, list) = related(&site.output("ar/announcements/a/index.html"));
    assert!(
        list.contains("<h2 id=\"related-heading\">إعلانات ذات صلة</h2>"),
        "{list}"
    );
    assert!(list.contains("lang=\"en\" dir=\"ltr\">D EN</a>"), "{list}");
    // No tag in common: no list.
    let (titles, list) = related(&site.output("en/announcements/f/index.html"));
    assert!(titles.is_empty(), "{list}");
}

fn mtimes(dir: &Path) -> BTreeMap<std::path::PathBuf, SystemTime> {
    snapshot(dir)
        .into_iter()
        .map(|(p, _)| {
            let t = std::fs::metadata(dir.join(&p)).unwrap().modified().unwrap();
            (p, t)
        })
        .collect()
}

/// The announcement pages written since `before`.
fn pages_written(public: &Path, before: &BTreeMap<std::path::PathBuf, SystemTime>) -> Vec<String> {
    mtimes(public)
        .into_iter()
        .filter(|(p, t)| before.get(p) != Some(t))
        .map(|(p, _)| p.display().to_string())
        .filter(|p| p.contains("/announcements/"))
        .collect()
}

#[test]
fn editing_another_announcement_rewrites_exactly_the_pages_whose_related_list_changes() {
    let site = related_site();
    let (mut session, _) = Session::start(&site.options()).unwrap();
    let public = site.root().join("public");
    let settle = || std::thread::sleep(std::time::Duration::from_millis(20));

    // F gains tag x: it is the newest with one tag in common with A, B, C, D and E.
    let before = mtimes(&public);
    settle();
    site.announcement(
        "f.en.md",
        "---\ntitle: F EN\ndate: 2025-06-01\ntags: [z, x]\n---\n\nText.\n",
    );
    session.rebuild().unwrap();
    let written = pages_written(&public, &before);
    site.assert_same_as_a_full_build("F gains a tag");
    // A lists D, B, then F instead of E in every language without a translation.
    for page in [
        "en/announcements/a/index.html",
        "zh/announcements/a/index.html",
    ] {
        assert!(written.contains(&page.to_string()), "{page}: {written:?}");
    }
    // In French, A lists B, C and D: three translated or closer ones.
    assert!(
        !written.contains(&"fr/announcements/a/index.html".to_string()),
        "{written:?}"
    );

    // B's French title: the French pages that list B, and B's own, nothing else.
    let before = mtimes(&public);
    settle();
    site.announcement("b.fr.md", "---\ntitle: B FR (updated)\n---\n\nTexte.\n");
    session.rebuild().unwrap();
    let mut written = pages_written(&public, &before);
    written.sort();
    site.assert_same_as_a_full_build("B's French title");
    let lists_b: Vec<String> = ["a", "b", "c", "d", "e", "f"]
        .iter()
        .filter(|n| {
            let (titles, _) = related(&site.output(&format!("fr/announcements/{n}/index.html")));
            titles.iter().any(|t| t.starts_with("B FR")) || **n == "b"
        })
        .map(|n| format!("fr/announcements/{n}/index.html"))
        .collect();
    assert_eq!(written, lists_b);

    // A translation of D into French: D moves up on the French pages that list it.
    let before = mtimes(&public);
    settle();
    site.announcement("d.fr.md", "---\ntitle: D FR\n---\n\nTexte.\n");
    session.rebuild().unwrap();
    site.assert_same_as_a_full_build("D translated");
    let (titles, _) = related(&site.output("fr/announcements/a/index.html"));
    assert_eq!(titles, ["D FR", "B FR (updated)", "C FR"]);
    assert!(pages_written(&public, &before).contains(&"fr/announcements/a/index.html".to_string()));

    // `toc:` and a heading: the page follows, a full build agrees.
    site.announcement(
        "a.en.md",
        "---\ntitle: A EN\ndate: 2025-01-01\ntags: [x, y]\ntoc: true\n---\n\n## One\n\n## Two {#deux}\n",
    );
    session.rebuild().unwrap();
    site.assert_same_as_a_full_build("toc and headings");
    assert!(site
        .output("fr/announcements/b/index.html")
        .contains("class=\"related\""));
}

#[test]
fn a_hugo_site_keeps_its_toc_and_written_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    let write = |rel: &str, text: &str| {
        let path = hugo.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "hugo.toml",
        "baseURL = \"https://example.org/\"\ntitle = \"News\"\n",
    );
    write(
        "content/posts/guide.md",
        "---\ntitle: Guide\ndate: 2024-01-02\ntoc: true\n---\n\nIntro.\n\n## Install it {#setup}\n\n## Use it\n",
    );
    let new = tmp.path().join("new");
    let (code, out, err) = common::run_herald(
        tmp.path(),
        &[
            "init",
            new.to_str().unwrap(),
            "--from-hugo",
            hugo.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = common::run_herald(&new, &["build"]);
    assert_eq!(code, 0, "{out}{err}");
    let page =
        std::fs::read_to_string(new.join("public/en/announcements/guide/index.html")).unwrap();
    assert!(
        page.contains(
            "<li><a href=\"#setup\">Install it</a></li>\n<li><a href=\"#use-it\">Use it</a></li>"
        ),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"setup\">Install it</h2>"), "{page}");
}

#[test]
fn the_example_sites_long_announcement_has_a_toc_and_ids_in_every_language() {
    let (_tmp, public, _) = common::build_example();
    let expected = [
        (
            "en",
            ["what-the-agreement-covers", "why-it-matters"],
            "Contents",
        ),
        ("zh", ["协议涵盖的内容", "为何重要"], "目录"),
        ("ar", ["ما-تشمله-المذكرة", "أهمية-المذكرة"], "المحتويات"),
        (
            "es",
            ["qué-abarca-el-acuerdo", "por-qué-es-importante"],
            "Índice",
        ),
        (
            "fr",
            ["ce-que-prévoit-laccord", "pourquoi-cest-important"],
            "Sommaire",
        ),
        (
            "ru",
            ["что-предусматривает-соглашение", "почему-это-важно"],
            "Содержание",
        ),
        (
            "pt",
            ["o-que-o-acordo-abrange", "por-que-é-importante"],
            "Índice",
        ),
    ];
    for (lang, ids, label) in expected {
        let page = std::fs::read_to_string(public.join(format!(
            "{lang}/announcements/icann-oas-cyber-security/index.html"
        )))
        .unwrap();
        assert_eq!(heading_ids(&page), ids, "{lang}");
        assert!(
            page.contains(&format!(
                "<h2 id=\"toc-heading\">{label}</h2>\n<ol lang=\"{lang}\""
            )),
            "{lang}: {page}"
        );
        for id in ids {
            assert!(
                page.contains(&format!("<li><a href=\"#{id}\">")),
                "{lang}: {id}"
            );
            assert!(
                page.contains(&format!("<a class=\"heading-link\" href=\"#{id}\"")),
                "{lang}: {id}"
            );
        }
    }
}
