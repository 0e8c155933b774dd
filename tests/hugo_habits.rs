//! Front matter and aliases the way Hugo users write them (issue "Coming from Hugo"):
//! every unknown key at once, blank lines before `---`, ISO 8601 basic offsets, drafts
//! without a date, aliases without a trailing slash.

mod common;

use common::{simple, TestSite};

const A: &str = "content/announcements";

#[test]
fn every_unknown_key_is_reported_in_one_pass() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\nlayout: post\ntitle: T\nauthor: Ana\ndate: 2020-01-01\ncanonicalUrl: https://example.org/x\nextra:\n  layout: kept\n---\nBody.\n",
    );
    let errors = site.build_err();
    let keys = "the keys are `title`, `date`, `updated`, `summary`, `tags`, `slug`, `draft`, `aliases`, `source_hash`, `extra`, `image`, `toc`, `changes`, `withdrawn`, `pinned`, `pinned_until`, `urgent`, `urgent_until`, `closes`, `expires`, `kind` (put free values under `extra:`)";
    assert_eq!(
        errors,
        [
            format!("{A}/a.en.md:2:1: error: unknown key `layout`: {keys}"),
            format!("{A}/a.en.md:4:1: error: unknown key `author`: {keys}"),
            format!("{A}/a.en.md:6:1: error: unknown key `canonicalUrl`: {keys}"),
        ]
    );
}

#[test]
fn blank_lines_before_the_front_matter_are_allowed_and_positions_follow() {
    let site = TestSite::new();
    site.announcement("a.en.md", &format!("\n\n{}", simple("Alpha", "2020-01-01")));
    site.build_ok();
    assert!(site
        .output("en/announcements/a/index.html")
        .contains("Alpha"));
    // Errors after the blank lines point at the right line.
    site.announcement(
        "a.en.md",
        "\n  \n---\ntitle: T\ndate: 2020-01-01\nbogus: 1\n---\n",
    );
    let errors = site.build_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("{A}/a.en.md:6:1: error: unknown key `bogus`")),
        "{errors:?}"
    );
}

#[test]
fn a_front_matter_opened_with_more_dashes_says_so() {
    let site = TestSite::new();
    site.announcement("a.en.md", "\n------\ntitle: T\ndate: 2020-01-01\n------\n");
    assert_eq!(
        site.build_err(),
        [format!(
            "{A}/a.en.md:2:1: error: the front matter opens with 6 dashes: the line must be exactly `---`"
        )]
    );
}

#[test]
fn basic_iso_8601_offsets_are_dates_and_feeds_get_rfc_3339() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: Offsets\ndate: 2015-05-01T10:00:00+0800\nupdated: 2015-05-02 09:30:00-05\n---\nBody.\n",
    );
    site.build_ok();
    let feed = site.output("en/atom.xml");
    assert!(
        feed.contains("<published>2015-05-01T10:00:00+08:00</published>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2015-05-02T09:30:00-05:00</updated>"),
        "{feed}"
    );
    let page = site.output("en/announcements/a/index.html");
    assert!(page.contains("datetime=\"2015-05-01"), "{page}");
}

#[test]
fn a_draft_needs_no_date_until_it_is_published() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Published", "2020-01-01"));
    site.announcement(
        "b.en.md",
        "---\ntitle: Work in progress\ndraft: true\n---\nSoon.\n",
    );
    let report = site.build_ok();
    assert!(!site.has_output("en/announcements/b/index.html"));
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(&format!(
            "{A}/b.en.md:1:1: warning: a draft without `date`: dated "
        )),
        "{warnings:?}"
    );
    assert!(
        warnings[0].ends_with(
            "(its file's last change) while it is a draft; add `date:` before removing `draft: true`"
        ),
        "{warnings:?}"
    );
    // With --drafts it is previewed, dated by its file's last change (set here before the
    // tests' fixed clock).
    let file = std::fs::File::options()
        .write(true)
        .open(site.root().join(A).join("b.en.md"))
        .unwrap();
    let june = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_591_000_000);
    file.set_modified(june).unwrap();
    drop(file);
    let options = herald::BuildOptions {
        drafts: true,
        ..site.options()
    };
    herald::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let page = site.output("en/announcements/b/index.html");
    assert!(page.contains("Work in progress"), "{page}");
    assert!(page.contains("datetime=\"2020-06-01"), "{page}");
    // Published without a date: the error it always was.
    site.announcement("b.en.md", "---\ntitle: Work in progress\n---\nSoon.\n");
    assert_eq!(
        site.build_err(),
        [format!(
            "{A}/b.en.md:1:1: error: missing `date`: the source of an announcement needs one (YYYY-MM-DD)"
        )]
    );
}

#[test]
fn an_alias_without_a_slash_or_extension_is_a_folder_like_hugo_writes_it() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: Moved\ndate: 2020-01-01\naliases: [/old-name, /older/, /oldest.html, /v1.2]\n---\nBody.\n",
    );
    site.build_ok();
    for file in [
        "old-name/index.html",
        "older/index.html",
        "oldest.html",
        "v1.2",
    ] {
        let page = site.output(file);
        assert!(
            page.contains("/en/announcements/a/"),
            "{file} does not redirect: {page}"
        );
    }
    assert!(!site.root().join("public/old-name").is_file());
    // `/x` and `/x/` are one file: claiming both is a clash.
    site.announcement(
        "b.en.md",
        "---\ntitle: Other\ndate: 2020-01-02\naliases: [/old-name/]\n---\nBody.\n",
    );
    let errors = site.build_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("old-name"), "{errors:?}");
}

#[test]
fn status_rows_never_read_the_same_and_percentages_are_honest() {
    let site = TestSite::with_config(
        "title_key: site-title\nbase_url: https://example.org\ndefault_language: en\nlanguages:\n  - { code: en, name: English }\n  - { code: fr, name: Français }\n",
    );
    let long = "2015-weekly-community-hangout-and-office-hours";
    for i in 0..3 {
        site.announcement(
            &format!("{long}-{i}.en.md"),
            &simple(&format!("Hangout {i}"), "2015-01-01"),
        );
    }
    site.announcement(
        &format!("{long}-0.fr.md"),
        "---\ntitle: Rencontre\n---\nTexte.\n",
    );
    let (code, stdout, stderr) = common::run_herald(site.root(), &["status"]);
    assert_eq!(code, 0, "{stderr}");
    // Every name is there whole (wrapped under its row when long), so no two rows match.
    let mut names: Vec<String> = Vec::new();
    for line in stdout.lines().skip(1).take_while(|l| !l.is_empty()) {
        match line.strip_prefix("  ") {
            Some(rest) => names.last_mut().unwrap().push_str(rest.trim()),
            None => names.push(line.split(' ').next().unwrap().to_string()),
        }
    }
    assert_eq!(
        names,
        (0..3).map(|i| format!("{long}-{i}")).collect::<Vec<_>>(),
        "{stdout}"
    );
    let rows: Vec<&str> = stdout.lines().filter(|l| l.contains(" src ")).collect();
    assert_eq!(rows.len(), 3, "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 80), "{stdout}");
    // 1 of 3 in French is 33 %, never rounded to 0 or 100.
    let line = stdout
        .lines()
        .find(|l| l.starts_with("announcements "))
        .unwrap();
    assert!(line.contains("33%"), "{line}");
}

/// `herald watch` prints a warning again only when it changes, not on every rebuild.
#[test]
fn watch_prints_a_warning_again_only_when_it_changes() {
    let site = TestSite::new();
    site.announcement("a.en.md", &simple("Alpha", "2020-01-01"));
    site.announcement(
        "d.en.md",
        "---\ntitle: Draft one\ndraft: true\n---\nSoon.\n",
    );
    let watch = common::process::Running::start(&site, &["watch"]);
    watch.wait_for("watching for changes");
    for i in 0..3 {
        site.announcement("a.en.md", &simple(&format!("Alpha {i}"), "2020-01-01"));
        watch.wait_for_count("a.en.md: rebuilt", i + 1);
    }
    watch.wait_quiet(std::time::Duration::from_millis(300));
    let warning = "d.en.md:1:1: warning: a draft without `date`";
    assert_eq!(
        watch.output().matches(warning).count(),
        1,
        "{}",
        watch.output()
    );
    // A new warning is printed, the old one still not again.
    site.announcement(
        "e.en.md",
        "---\ntitle: Draft two\ndraft: true\n---\nLater.\n",
    );
    watch.wait_for("e.en.md:1:1: warning: a draft without `date`");
    watch.wait_quiet(std::time::Duration::from_millis(300));
    assert_eq!(
        watch.output().matches(warning).count(),
        1,
        "{}",
        watch.output()
    );
}

/// A bundle's files are written once (hard links in every other language's folder), and
/// a file with a language's suffix (`map.zh.svg`) is what that language's pages show.
#[test]
fn bundle_files_are_written_once_and_a_language_variant_wins_on_its_pages() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::new();
    let dir = "content/announcements/2020-01-01-map";
    site.write(
        &format!("{dir}/index.en.md"),
        "---\ntitle: The map\ndate: 2020-01-01\n---\n\n![The map](map.svg)\n\n[Data](data.csv)\n",
    );
    site.write(
        &format!("{dir}/index.zh.md"),
        "---\ntitle: 地图\n---\n\n![地图](map.svg)\n",
    );
    let svg = |w: u32, h: u32, text: &str| {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\"><text>{text}</text></svg>")
    };
    site.write(&format!("{dir}/map.svg"), &svg(40, 20, "English"));
    site.write(&format!("{dir}/map.zh.svg"), &svg(60, 30, "中文"));
    site.write(&format!("{dir}/data.csv"), "a,b\n1,2\n");
    site.build_ok();
    let public = site.root().join("public");
    let languages = ["en", "zh", "ar", "es", "fr", "ru", "pt"];
    // The shared file: one inode for the six languages without a variant.
    let inodes: std::collections::BTreeSet<u64> = languages
        .iter()
        .filter(|l| **l != "zh")
        .map(|l| {
            std::fs::metadata(public.join(format!("{l}/announcements/map/map.svg")))
                .unwrap()
                .ino()
        })
        .collect();
    assert_eq!(inodes.len(), 1, "{inodes:?}");
    let csv = std::fs::metadata(public.join("fr/announcements/map/data.csv")).unwrap();
    assert_eq!(csv.nlink(), 7);
    // Chinese pages show the Chinese map, under the shared name, with its own size.
    assert!(site.output("zh/announcements/map/map.svg").contains("中文"));
    assert!(site
        .output("en/announcements/map/map.svg")
        .contains("English"));
    assert!(site
        .output("ar/announcements/map/map.svg")
        .contains("English"));
    for l in languages {
        assert!(
            !site.has_output(&format!("{l}/announcements/map/map.zh.svg")),
            "{l} has the variant under its own name"
        );
    }
    let zh = site.output("zh/announcements/map/index.html");
    assert!(zh.contains("width=\"60\" height=\"30\""), "{zh}");
    let en = site.output("en/announcements/map/index.html");
    assert!(en.contains("width=\"40\" height=\"20\""), "{en}");
    // Watch mode follows a changed variant and its removal like a full build.
    let (mut session, _) = herald::incremental::Session::start(&site.options())
        .unwrap_or_else(|d| panic!("{}", common::render(&d)));
    site.write(&format!("{dir}/map.zh.svg"), &svg(80, 40, "新地图"));
    session
        .rebuild_changed(&[std::path::PathBuf::from(format!("{dir}/map.zh.svg"))])
        .unwrap_or_else(|d| panic!("{}", common::render(&d)));
    site.assert_same_as_a_full_build("variant changed");
    assert!(site
        .output("zh/announcements/map/index.html")
        .contains("width=\"80\""));
    std::fs::remove_file(site.root().join(format!("{dir}/map.zh.svg"))).unwrap();
    session
        .rebuild_changed(&[std::path::PathBuf::from(format!("{dir}/map.zh.svg"))])
        .unwrap_or_else(|d| panic!("{}", common::render(&d)));
    site.assert_same_as_a_full_build("variant removed");
    assert!(site
        .output("zh/announcements/map/map.svg")
        .contains("English"));
}
