//! Watch mode's incremental rebuilds: after any sequence of edits the output equals
//! a fresh full build byte for byte, and only affected files are rewritten.

mod common;

use std::path::Path;
use std::time::SystemTime;

use common::{simple, snapshot, TestSite};
use herald::incremental::Session;

/// A change to a site, named by the test step.
type Edit = Box<dyn Fn(&TestSite)>;

fn base_site() -> TestSite {
    let site = TestSite::new();
    site.announcement("a.en.md", "---\ntitle: Alpha\ndate: 2020-01-01\ntags: [one]\n---\nAlpha body, see [b](@/announcements/b.md).\n");
    site.announcement(
        "b.en.md",
        "---\ntitle: Bravo\ndate: 2020-02-01\ntags: [one, two]\n---\nBravo body.\n",
    );
    site.announcement("b.fr.md", "---\ntitle: Bravo FR\n---\nCorps.\n");
    site.announcement(
        "w/index.en.md",
        "---\ntitle: Workshop\ndate: 2021-01-01\n---\n![m](m.svg)\n",
    );
    site.announcement("w/m.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write("locales/fr/site.ftl", "tag-one = Un\n");
    site
}

#[test]
fn every_kind_of_edit_ends_equal_to_a_full_build() {
    let site = base_site();
    let (mut session, _) =
        Session::start(&site.options()).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let edits: Vec<(&str, Edit)> = vec![
        (
            "edit a body",
            Box::new(|s| {
                s.announcement(
                    "a.en.md",
                    "---\ntitle: Alpha\ndate: 2020-01-01\ntags: [one]\n---\nNew body.\n",
                );
            }),
        ),
        (
            "edit a title",
            Box::new(|s| {
                s.announcement(
                    "b.en.md",
                    "---\ntitle: Bravo II\ndate: 2020-02-01\ntags: [one, two]\n---\nBravo body.\n",
                );
            }),
        ),
        (
            "new translation",
            Box::new(|s| {
                s.announcement("a.zh.md", "---\ntitle: 阿尔法\n---\n正文。\n");
            }),
        ),
        (
            "change a slug",
            Box::new(|s| {
                s.announcement(
                    "b.fr.md",
                    "---\ntitle: Bravo FR\nslug: bravo-fr\n---\nCorps.\n",
                );
            }),
        ),
        (
            "move a date (reorders lists)",
            Box::new(|s| {
                s.announcement("a.en.md", "---\ntitle: Alpha\ndate: 2022-01-01\ntags: [one, three]\n---\nNew body, see [b](@/announcements/b.md).\n");
            }),
        ),
        (
            "add an announcement",
            Box::new(|s| {
                s.announcement("c.es.md", &simple("Charlie", "2019-05-05"));
            }),
        ),
        (
            "edit a locale file",
            Box::new(|s| {
                s.write(
                    "locales/fr/site.ftl",
                    "tag-one = Premier\nnav-home = Accueil\n",
                );
            }),
        ),
        (
            "add a bundle file",
            Box::new(|s| {
                s.announcement("w/n.txt", "notes");
            }),
        ),
        (
            "delete a translation",
            Box::new(|s| {
                std::fs::remove_file(s.root().join("content/announcements/a.zh.md")).unwrap();
            }),
        ),
        (
            "delete an announcement",
            Box::new(|s| {
                std::fs::remove_file(s.root().join("content/announcements/c.es.md")).unwrap();
            }),
        ),
        (
            "add a static file",
            Box::new(|s| {
                s.write("static/robots.txt", "User-agent: *\n");
            }),
        ),
        (
            "change site.yaml",
            Box::new(|s| {
                s.write(
                    "site.yaml",
                    &common::CONFIG.replace("paginate: 20", "paginate: 1"),
                );
            }),
        ),
        (
            "add an alias",
            Box::new(|s| {
                s.announcement("b.en.md", "---\ntitle: Bravo II\ndate: 2020-02-01\naliases: [/old/b/]\n---\nBravo body.\n");
            }),
        ),
    ];
    for (step, edit) in &edits {
        edit(&site);
        session
            .rebuild()
            .unwrap_or_else(|d| panic!("{step}: {}", common::render(&d)));
        site.assert_same_as_a_full_build(step);
    }
}

#[test]
fn random_edit_sequences_end_equal_to_a_full_build() {
    // A small deterministic generator: no crate, no clock.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let site = base_site();
    let (mut session, _) = Session::start(&site.options()).unwrap();
    for round in 0..30 {
        let who = ["a", "b", "c", "d"][next(4) as usize];
        let lang = ["en", "fr", "zh", "ar"][next(4) as usize];
        let path = format!("content/announcements/{who}.{lang}.md");
        match next(4) {
            0 if site.root().join(&path).exists() && lang != "en" => {
                std::fs::remove_file(site.root().join(&path)).unwrap()
            }
            _ => {
                let day = 1 + next(28);
                let tags = ["[one]", "[two]", "[one, two]", "[]"][next(4) as usize];
                let date = if lang == "en" {
                    format!("date: 2020-03-{day:02}\n")
                } else {
                    String::new()
                };
                let link = if next(3) == 0 {
                    " [x](@/announcements/a.md)"
                } else {
                    ""
                };
                site.write(&path, &format!("---\ntitle: {who} {lang} {round}\n{date}tags: {tags}\n---\nText {round}.{link}\n"));
                // Every announcement needs its dated source.
                if lang != "en"
                    && !site
                        .root()
                        .join(format!("content/announcements/{who}.en.md"))
                        .exists()
                {
                    site.write(
                        &format!("content/announcements/{who}.en.md"),
                        &simple(who, "2020-01-15"),
                    );
                }
            }
        }
        session
            .rebuild()
            .unwrap_or_else(|d| panic!("round {round}: {}", common::render(&d)));
        site.assert_same_as_a_full_build(&format!("round {round}"));
    }
}

fn mtimes(dir: &Path) -> Vec<(std::path::PathBuf, SystemTime)> {
    snapshot(dir)
        .into_iter()
        .map(|(p, _)| {
            let t = std::fs::metadata(dir.join(&p)).unwrap().modified().unwrap();
            (p, t)
        })
        .collect()
}

#[test]
fn only_affected_files_are_rewritten() {
    let site = base_site();
    let (mut session, _) = Session::start(&site.options()).unwrap();
    let public = site.root().join("public");
    let before: std::collections::BTreeMap<_, _> = mtimes(&public).into_iter().collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A body edit in a French translation: the French page, French lists showing it, the
    // French feeds.
    site.announcement("b.fr.md", "---\ntitle: Bravo FR\n---\nCorps modifié.\n");
    let report = session.rebuild().unwrap();
    let after = mtimes(&public);
    let (index, changed): (Vec<String>, Vec<String>) = after
        .iter()
        .filter(|(p, t)| before.get(p) != Some(t))
        .map(|(p, _)| p.display().to_string())
        .partition(|p| p.starts_with("pagefind/"));
    assert_eq!(
        changed,
        [
            "fr/announcements/b/index.html",
            "fr/atom.xml",
            "fr/index.html",
            "fr/tags/one/atom.xml",
            "fr/tags/one/index.html",
            "fr/tags/two/atom.xml",
            "fr/tags/two/index.html"
        ]
    );
    // And the French search index: its metadata and the changed page's entry (new names),
    // the entry file that lists the languages' metadata.
    let search = report.search.clone().expect("the French index changed");
    assert_eq!(search.languages, 1);
    assert!(
        index.iter().all(|p| p.contains("/fr_")
            || p.contains(".fr_")
            || p.ends_with("pagefind-entry.json")),
        "{index:?}"
    );
    assert!(search.written >= 2, "{search:?}");
    assert_eq!(report.written, 7);
    assert!(
        report.rendered < 40,
        "rendered {} of many more jobs",
        report.rendered
    );
    // Nothing changed at all: nothing is rendered or written.
    let report = session.rebuild().unwrap();
    assert_eq!((report.rendered, report.written, report.removed), (0, 0, 0));
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_the_next_good_save_recovers() {
    let site = base_site();
    let (mut session, _) = Session::start(&site.options()).unwrap();
    let before = snapshot(&site.root().join("public"));
    for (file, text) in [
        (
            "content/announcements/a.en.md",
            "---\ntitle: [unclosed\n---\n",
        ),
        ("locales/fr/site.ftl", "tag-one = { $\n"),
    ] {
        let good = std::fs::read_to_string(site.root().join(file)).unwrap();
        site.write(file, text);
        let errors = session.rebuild().expect_err("broken save");
        assert!(
            errors
                .iter()
                .any(|e| e.is_error() && e.to_string().starts_with(file)),
            "{errors:?}"
        );
        assert_eq!(
            snapshot(&site.root().join("public")),
            before,
            "{file}: output untouched"
        );
        site.write(file, &good);
        session.rebuild().unwrap();
        site.assert_same_as_a_full_build(file);
    }
    // A template error too (the site's own copy of the theme).
    site.eject_theme();
    session.rebuild().unwrap();
    let before = snapshot(&site.root().join("public"));
    site.write(
        "themes/default/templates/tags.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope( {% endblock main %}",
    );
    assert!(session.rebuild().is_err());
    assert_eq!(snapshot(&site.root().join("public")), before);
}

#[test]
fn a_list_page_that_fails_after_the_edited_page_was_written_is_followed_by_a_full_builds_bytes() {
    // The edited announcement's own pages are written before the list pages are
    // rendered; when a list page then fails, the next good save still ends equal to a
    // full build, also when it puts the text back as it was.
    let site = base_site();
    site.eject_theme();
    let list =
        std::fs::read_to_string(site.root().join("themes/default/templates/list.html")).unwrap();
    let failing = list.replacen(
        "{% for item in items %}<li>",
        "{% for item in items %}{% if item.title == \"Boom\" %}{{ throw(message=\"no Boom in lists\") }}{% endif %}<li>",
        1,
    );
    assert_ne!(
        list, failing,
        "the list template has the loop this test changes"
    );
    site.write("themes/default/templates/list.html", &failing);
    let (mut session, _) = Session::start(&site.options()).unwrap();
    let good = std::fs::read_to_string(site.root().join("content/announcements/b.en.md")).unwrap();
    site.announcement("b.en.md", &good.replace("title: Bravo", "title: Boom"));
    let errors = session.rebuild().expect_err("the list page fails");
    assert!(
        common::render(&errors).contains("no Boom in lists"),
        "{}",
        common::render(&errors)
    );
    assert!(
        site.output("en/announcements/b/index.html")
            .contains("Boom"),
        "the edited page was written before the list failed"
    );
    // Back to the text the session last built: the page written early is rewritten.
    site.announcement("b.en.md", &good);
    session.rebuild().unwrap();
    site.assert_same_as_a_full_build("the title put back");
    assert!(!site
        .output("en/announcements/b/index.html")
        .contains("Boom"));
}

/// One announcement file as the random edits see it.
#[derive(Clone)]
struct Doc {
    title: String,
    date: Option<String>,
    updated: Option<String>,
    summary: Option<String>,
    tags: Option<&'static str>,
    draft: bool,
    aliases: Option<String>,
    body: String,
}

impl Doc {
    fn text(&self) -> String {
        let mut s = format!("---\ntitle: {}\n", self.title);
        for (key, value) in [
            ("date", &self.date),
            ("updated", &self.updated),
            ("summary", &self.summary),
            ("aliases", &self.aliases),
        ] {
            if let Some(v) = value {
                s.push_str(&format!("{key}: {v}\n"));
            }
        }
        if let Some(tags) = self.tags {
            s.push_str(&format!("tags: {tags}\n"));
        }
        if self.draft {
            s.push_str("draft: true\n");
        }
        format!("{s}---\n{}\n", self.body)
    }
}

#[test]
fn random_edits_reported_by_path_end_equal_to_a_full_build() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    // Two items per list page, so an edit lands on different pages of the lists.
    let site = TestSite::with_config(&common::CONFIG.replace("paginate: 20", "paginate: 2"));
    let source = |name: &str, day: u32, tags| Doc {
        title: format!("{name} source"),
        date: Some(format!("2020-04-{day:02}")),
        updated: None,
        summary: None,
        tags: Some(tags),
        draft: false,
        aliases: None,
        body: format!("About {name}."),
    };
    let translation = |name: &str, lang: &str| Doc {
        title: format!("{name} {lang}"),
        date: None,
        updated: None,
        summary: None,
        tags: None,
        draft: false,
        aliases: None,
        body: format!("{name} in {lang}."),
    };
    let mut docs: Vec<(String, Doc)> = vec![
        ("a.en.md".into(), source("a", 1, "[one]")),
        ("b.en.md".into(), source("b", 2, "[one, two]")),
        ("c.en.md".into(), source("c", 3, "[two]")),
        ("d.en.md".into(), source("d", 4, "[one]")),
        ("e.en.md".into(), source("e", 5, "[]")),
        ("b.fr.md".into(), translation("b", "fr")),
        ("c.fr.md".into(), translation("c", "fr")),
        ("a.zh.md".into(), translation("a", "zh")),
        ("w/index.en.md".into(), source("w", 6, "[two]")),
        ("w/index.ar.md".into(), translation("w", "ar")),
    ];
    docs[1].1.aliases = Some("[/old/b/]".into());
    docs[5].1.aliases = Some("[/vieux/b/]".into());
    docs[3].1.draft = true;
    for (file, doc) in &docs {
        site.announcement(file, &doc.text());
    }
    site.announcement("w/m.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let (mut session, _) =
        Session::start(&site.options()).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let mut full = 0;
    // First a title edit of each file with an alias (its redirect page shows the title)
    // and edits of a bundle's texts, then random edits.
    let prelude = [(1, 0), (5, 0), (8, 9), (9, 1)];
    for round in 0..60 {
        let (i, kind) = match prelude.get(round) {
            Some(&(i, kind)) => (i, kind),
            None => (next(docs.len() as u64) as usize, next(10)),
        };
        let (file, doc) = &mut docs[i];
        let is_source = doc.date.is_some();
        let mut extra_paths = vec![];
        match kind {
            0 => doc.title = format!("Title {round}"),
            1 => doc.summary = Some(format!("Summary {round}")),
            2 => doc.tags = Some(["[one]", "[two]", "[one, two]", "[]"][next(4) as usize]),
            3 if is_source => doc.date = Some(format!("2020-04-{:02}", 1 + next(9))),
            4 => doc.draft = !doc.draft,
            5 => {
                let target = ["a", "b", "c", "e"][next(4) as usize];
                doc.body = format!("Round {round}, see [{target}](@/announcements/{target}.md).");
            }
            6 => doc.updated = Some(format!("2021-01-{:02}", 1 + next(9))),
            7 => {
                // An editor's temporary file, already gone when the rebuild runs.
                let temp = "content/announcements/.edit.swp";
                site.write(temp, "partial");
                std::fs::remove_file(site.root().join(temp)).unwrap();
                extra_paths.push(std::path::PathBuf::from(temp));
                doc.body = format!("Saved through a temporary file in round {round}.");
            }
            _ => doc.body = format!("Body of round {round}.\n\n## Part\n\nMore text."),
        }
        site.announcement(file, &doc.text());
        let mut changed = vec![std::path::Path::new("content/announcements").join(&*file)];
        changed.extend(extra_paths);
        match session.rebuild_changed(&changed) {
            Ok(report) => {
                full += usize::from(report.full);
                site.assert_same_as_a_full_build(&format!("round {round} ({file})"));
            }
            // A draft source hides its announcement and breaks links to it: a real error,
            // which a full build reports too; undo it.
            Err(errors) => {
                assert!(
                    site.build().is_err(),
                    "round {round}: only the rebuild failed: {}",
                    common::render(&errors)
                );
                let (_, doc) = &mut docs[i];
                doc.draft = false;
                doc.body = "Restored.".into();
                site.announcement(&docs[i].0, &docs[i].1.text());
                session
                    .rebuild_changed(&changed[..1])
                    .unwrap_or_else(|d| panic!("round {round}: {}", common::render(&d)));
                site.assert_same_as_a_full_build(&format!("round {round} ({}, undone)", docs[i].0));
            }
        }
    }
    assert_eq!(full, 0, "every round rebuilt only what changed");
}

#[test]
fn a_text_edit_rewrites_its_files_and_a_slug_edit_moves_a_page() {
    let site = base_site();
    let (mut session, _) = Session::start(&site.options()).unwrap();
    let file = std::path::PathBuf::from("content/announcements/b.fr.md");
    site.announcement("b.fr.md", "---\ntitle: Bravo FR\n---\nCorps modifié.\n");
    // The editor's swap file and backup are still there: they are not content.
    site.announcement(".b.fr.md.swp", "\0swap");
    site.announcement("b.fr.md~", "---\ntitle: Bravo FR\n---\nCorps.\n");
    let changed = [
        file.clone(),
        "content/announcements/.b.fr.md.swp".into(),
        "content/announcements/b.fr.md~".into(),
    ];
    let report = session.rebuild_changed(&changed).unwrap();
    assert!(!report.full);
    assert_eq!(
        report.written, 7,
        "page, home list, two tag lists and their feeds, feed"
    );
    assert!(site
        .output("fr/announcements/b/index.html")
        .contains("Corps modifié."));
    site.assert_same_as_a_full_build("body edit");

    site.announcement(
        "b.fr.md",
        "---\ntitle: Bravo FR\nslug: bravo\n---\nCorps.\n",
    );
    let report = session
        .rebuild_changed(std::slice::from_ref(&file))
        .unwrap();
    assert!(!report.full, "a new slug moves pages");
    assert_eq!(report.removed, 1);
    site.assert_same_as_a_full_build("slug edit");

    // A broken save: the full path reports it with its position; nothing is written.
    let before = snapshot(&site.root().join("public"));
    site.announcement(
        "b.fr.md",
        "---\ntitle: Bravo FR\nslug: bravo\n---\nSee [x](@/announcements/nope.md).\n",
    );
    let errors = session
        .rebuild_changed(std::slice::from_ref(&file))
        .unwrap_err();
    assert_eq!(
        common::render(&errors).lines().next().unwrap(),
        "content/announcements/b.fr.md:5:5: error: link to `@/announcements/nope.md`: there is no announcement named `nope`"
    );
    assert_eq!(snapshot(&site.root().join("public")), before);
    site.announcement(
        "b.fr.md",
        "---\ntitle: Bravo FR\nslug: bravo\n---\nFixed.\n",
    );
    session
        .rebuild_changed(std::slice::from_ref(&file))
        .unwrap();
    site.assert_same_as_a_full_build("fixed");
    // After the error, a text edit rewrites only its files again.
    site.announcement(
        "b.fr.md",
        "---\ntitle: Bravo FR\nslug: bravo\n---\nFixed again.\n",
    );
    let report = session
        .rebuild_changed(std::slice::from_ref(&file))
        .unwrap();
    assert_eq!(report.written, 7, "{report:?}");
    site.assert_same_as_a_full_build("after recovery");
}
