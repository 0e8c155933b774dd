//! Watch mode's incremental rebuilds: after any sequence of edits the output equals
//! a fresh full build byte for byte, and only affected files are rewritten.

mod common;

use std::path::Path;
use std::time::SystemTime;

use common::{simple, snapshot, TestSite};
use herald::incremental::Session;

fn fresh_build(site: &TestSite) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let options = herald::BuildOptions {
        output: Some(out.path().join("public")),
        ..site.options()
    };
    herald::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    snapshot(&out.path().join("public"))
}

fn assert_same_as_fresh(site: &TestSite, step: &str) {
    let incremental = snapshot(&site.root().join("public"));
    let fresh = fresh_build(site);
    let names =
        |s: &[(std::path::PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&fresh), "{step}: the same files");
    for ((path, a), (_, b)) in incremental.iter().zip(&fresh) {
        assert!(
            a == b,
            "{step}: {} differs from a full build",
            path.display()
        );
    }
}

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
        assert_same_as_fresh(&site, step);
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
        assert_same_as_fresh(&site, &format!("round {round}"));
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
    let before = mtimes(&public);
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A body edit in a French translation: the French page, French lists showing it, the French feed.
    site.announcement("b.fr.md", "---\ntitle: Bravo FR\n---\nCorps modifié.\n");
    let report = session.rebuild().unwrap();
    let after = mtimes(&public);
    let changed: Vec<String> = before
        .iter()
        .zip(&after)
        .filter(|((_, t1), (_, t2))| t1 != t2)
        .map(|((p, _), _)| p.display().to_string())
        .collect();
    assert_eq!(
        changed,
        [
            "fr/announcements/b/index.html",
            "fr/atom.xml",
            "fr/index.html",
            "fr/tags/one/index.html",
            "fr/tags/two/index.html"
        ]
    );
    assert_eq!(report.written, 5);
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
        assert_same_as_fresh(&site, file);
    }
    // A template error too (the site's own copy of the theme).
    for (name, bytes) in herald::theme::BUILTIN_DEFAULT {
        site.write_bytes(&format!("themes/default/{name}"), bytes);
    }
    session.rebuild().unwrap();
    let before = snapshot(&site.root().join("public"));
    site.write(
        "themes/default/templates/tags.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope( {% endblock main %}",
    );
    assert!(session.rebuild().is_err());
    assert_eq!(snapshot(&site.root().join("public")), before);
}
