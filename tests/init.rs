//! A site from nothing (issue "The first hour"): `herald init` writes a site that builds,
//! checks clean and serves; it never writes over anything; `herald theme eject` copies
//! the built-in theme out; and the README's "Add a language" steps, followed to the
//! letter, give a German site that `herald check --strict` passes.

mod common;

use std::fs;
use std::path::Path;

use common::process::{free_port, get, wait_until, Running};
use common::{run_herald, snapshot, TestSite};

/// The folder's files (relative, `/`-separated), sorted.
fn files_in(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

/// The `id =` of each message of a Fluent file, in order.
fn ids(ftl: &str) -> Vec<&str> {
    ftl.lines()
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
        .filter(|id| !id.starts_with('#') && !id.starts_with(' ') && !id.is_empty())
        .collect()
}

/// `herald check --strict` in `dir` passes with no warning at all.
fn assert_checks_clean(dir: &Path) {
    let (code, stdout, stderr) = run_herald(dir, &["check", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "no errors (0 warnings)");
    assert_eq!(stderr, "");
}

#[test]
fn init_makes_a_site_that_builds_checks_clean_and_serves() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_herald(tmp.path(), &["init", "news"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "created site.yaml\n\
         created content/announcements/2026-01-01-welcome.en.md\n\
         created locales/en/site.ftl\n\
         next: `cd news && herald serve --open` previews the site with live reload; `herald build` writes it into public/\n"
    );
    let site = tmp.path().join("news");
    assert_eq!(
        files_in(&site),
        [
            "content/announcements/2026-01-01-welcome.en.md",
            "locales/en/site.ftl",
            "site.yaml"
        ]
    );
    let yaml = fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(yaml.contains("\nbase_url: https://example.org\n"), "{yaml}");
    assert!(
        yaml.contains("\n  - { code: en, name: English }\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("\n# The address the site will be published at"),
        "{yaml}"
    );
    let welcome =
        fs::read_to_string(site.join("content/announcements/2026-01-01-welcome.en.md")).unwrap();
    assert!(welcome.contains("\ntitle: Welcome to our new announcements site\ndate: 2026-01-01\n---\n\nToday we open this site"), "{welcome}");
    assert_checks_clean(&site);

    let (code, stdout, stderr) = run_herald(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built "), "{stdout}");
    let page = fs::read_to_string(site.join("public/en/announcements/welcome/index.html")).unwrap();
    assert!(page.contains("Welcome to our new announcements site"));
    assert!(page.contains("Today we open this site for our announcements."));
    let home = fs::read_to_string(site.join("public/en/index.html")).unwrap();
    assert!(home.contains("News and announcements from our organisation"));

    // serve, in the new site's folder.
    let served = TestSite { dir: tmp };
    let port = free_port();
    let _serve = Running::start(&served, &["serve", "-s", "news", "-p", &port.to_string()]);
    wait_until("the page served", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
            && get(port, "/en/announcements/welcome/").0 == 200
    });
    let (_, _, body) = get(port, "/en/announcements/welcome/");
    assert!(body.contains("Today we open this site"), "{body}");
}

#[test]
fn init_writes_genuine_strings_in_the_themes_seven_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_herald(
        tmp.path(),
        &[
            "init",
            "--language",
            "fr",
            "--language",
            "en,zh,ar,es,ru,pt",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("note:"), "{stdout}");
    let site = tmp.path();
    let yaml = fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(yaml.contains("\ndefault_language: fr\n"), "{yaml}");
    for line in [
        "{ code: fr, name: Français }",
        "{ code: en, name: English }",
        "{ code: zh, name: 中文 }",
        "{ code: ar, name: العربية }",
        "{ code: es, name: Español }",
        "{ code: ru, name: Русский }",
        "{ code: pt, name: Português }",
    ] {
        assert!(yaml.contains(line), "{line} in {yaml}");
    }
    // The sample is in the default language.
    let welcome =
        fs::read_to_string(site.join("content/announcements/2026-01-01-welcome.fr.md")).unwrap();
    assert!(welcome.contains("title: Bienvenue sur notre nouveau site de communiqués"));
    assert!(welcome.contains("Nous ouvrons aujourd’hui ce site pour nos communiqués."));
    // Each language's own site strings: seven different titles and descriptions.
    let mut titles = Vec::new();
    for (lang, title) in [
        ("en", "Announcements"),
        ("zh", "公告"),
        ("ar", "الإعلانات"),
        ("es", "Comunicados"),
        ("fr", "Communiqués"),
        ("ru", "Объявления"),
        ("pt", "Comunicados"),
    ] {
        let ftl = fs::read_to_string(site.join(format!("locales/{lang}/site.ftl"))).unwrap();
        assert!(
            ftl.contains(&format!("\nsite-title = {title}\n")),
            "{lang}: {ftl}"
        );
        assert!(!ftl.contains("TRANSLATE"), "{lang}: {ftl}");
        assert_eq!(ids(&ftl), ["site-title", "site-description"]);
        let description = ftl
            .lines()
            .find(|l| l.starts_with("site-description"))
            .unwrap();
        titles.push(description.to_string());
    }
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), 7, "{titles:?}");
    assert_checks_clean(site);
    let (code, _, stderr) = run_herald(site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let zh = fs::read_to_string(site.join("public/zh/index.html")).unwrap();
    assert!(zh.contains("本组织的新闻与公告"), "{zh}");
    // The Chinese page of the French sample is a fallback page.
    assert!(site
        .join("public/zh/announcements/welcome/index.html")
        .is_file());
}

#[test]
fn init_marks_strings_it_has_not_in_the_language_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_herald(tmp.path(), &["init", "--language", "sw,de-at"]);
    assert_eq!(code, 0, "{stderr}");
    let site = tmp.path();
    // Neither has texts; Swahili has no known name either. Codes are written as BCP 47 does.
    assert!(stdout.contains(
        "note: site.yaml: herald does not know the name of `sw` and `de-AT` in itself: write it for `name:` (herald wrote the code there)\n"
    ), "{stdout}");
    assert!(stdout.contains(
        "note: content/announcements/2026-01-01-welcome.sw.md: the sample announcement is in `en`, as herald has no text in `sw`: write it in `sw`, or delete it\n"
    ), "{stdout}");
    assert!(stdout.contains(
        "note: herald has its own strings in en, zh, ar, es, fr, ru, pt only: locales/<lang>/site.ftl of `sw` and `de-AT` holds the `en` ones, marked to translate\n\
         note: the built-in theme has no strings in `sw` and `de-AT` either: translate them as \"Add a language\" in herald's README says; until then the pages show the ids of the theme's messages where their text belongs\n"
    ), "{stdout}");
    let yaml = fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(
        yaml.contains("\n  - { code: sw, name: sw }   # write the language's name in itself"),
        "{yaml}"
    );
    assert!(
        yaml.contains("\n  - { code: de-AT, name: de-AT }"),
        "{yaml}"
    );
    let de = fs::read_to_string(site.join("locales/de-AT/site.ftl")).unwrap();
    assert!(
        de.contains("# TRANSLATE: these are the `en` strings. Write each text in `de-AT`"),
        "{de}"
    );
    assert!(de.contains("\nsite-title = Announcements\n"), "{de}");
    let welcome =
        fs::read_to_string(site.join("content/announcements/2026-01-01-welcome.sw.md")).unwrap();
    assert!(welcome.contains("# It is written in `en`: write it in this file's language.\n"));
    // It builds as it is.
    let (code, _, stderr) = run_herald(site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site
        .join("public/de-AT/announcements/welcome/index.html")
        .is_file());
}

#[test]
fn init_refuses_bad_codes_and_a_folder_with_files_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    for (args, error) in [
        (
            &["init", "--language", "en us"][..],
            "error: `en us` is not a BCP 47 language tag (such as en, fr, zh-Hant or pt-BR)",
        ),
        (
            &["init", "--language", "en,fr,EN"][..],
            "error: `en` is asked for twice",
        ),
    ] {
        let (code, stdout, stderr) = run_herald(tmp.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(stdout, "");
        assert_eq!(stderr.trim(), format!("--language: {error}"), "{args:?}");
    }
    // An option of the import alone is a usage error.
    let (code, _, stderr) = run_herald(tmp.path(), &["init", "--dry-run"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--from-hugo <HUGO_SITE>"), "{stderr}");
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);

    // Hidden files (a git repository) do not count: here, in the current folder.
    fs::create_dir(tmp.path().join(".git")).unwrap();
    let (code, _, stderr) = run_herald(tmp.path(), &["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(tmp.path().join("site.yaml").is_file());

    let mine = tmp.path().join("mine");
    fs::create_dir_all(mine.join("locales/en")).unwrap();
    fs::write(mine.join("locales/en/site.ftl"), "site-title = Mine\n").unwrap();
    let (code, stdout, stderr) = run_herald(tmp.path(), &["init", "mine"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "mine: error: is not empty: herald init writes a new site into a new or empty folder only (hidden files such as .git do not count); give another folder, or add --force to write the files it lacks beside yours (it never overwrites one)\nnothing was written\n"
    );
    assert_eq!(files_in(&mine), ["locales/en/site.ftl"]);

    let (code, stdout, stderr) = run_herald(tmp.path(), &["init", "mine", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with(
        "created site.yaml\ncreated content/announcements/2026-01-01-welcome.en.md\nkept locales/en/site.ftl (it was there; herald init never overwrites a file)\n"
    ), "{stdout}");
    assert_eq!(
        fs::read_to_string(mine.join("locales/en/site.ftl")).unwrap(),
        "site-title = Mine\n"
    );
    let (code, _, stderr) = run_herald(&mine, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::read_to_string(mine.join("public/en/index.html"))
        .unwrap()
        .contains("Mine"));

    // A file is no folder.
    fs::write(tmp.path().join("file"), "x").unwrap();
    let (code, _, stderr) = run_herald(tmp.path(), &["init", "file"]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("file: error: is a file"), "{stderr}");
}

#[test]
fn theme_eject_copies_the_built_in_theme_which_the_site_then_uses() {
    let site = TestSite::new();
    site.announcement("a.en.md", &common::simple("Alpha", "2020-01-01"));
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let before = snapshot(&site.root().join("public"));

    let (code, stdout, stderr) = run_herald(site.root(), &["theme", "eject"]);
    assert_eq!(code, 0, "{stderr}");
    let count = herald::theme::BUILTIN_DEFAULT.len();
    assert_eq!(
        stdout,
        format!("copied the built-in theme into themes/default/ ({count} files: templates/, shortcodes/, static/ and locales/<lang>/theme.ftl)\nthe site uses the copy from now on: change it there (new versions of herald do not change it)\n")
    );
    for (path, bytes) in herald::theme::BUILTIN_DEFAULT {
        assert_eq!(
            fs::read(site.root().join("themes/default").join(path)).unwrap(),
            *bytes
        );
    }
    // The same site, now from the copy; a change to the copy shows.
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        before == snapshot(&site.root().join("public")),
        "the copy builds the same site"
    );
    let en = site.root().join("themes/default/locales/en/theme.ftl");
    let text = fs::read_to_string(&en).unwrap();
    fs::write(&en, text.replace("nav-home = Latest", "nav-home = Newest")).unwrap();
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.output("en/index.html").contains("Newest"));

    // Never over a file: a second eject writes nothing.
    let (code, stdout, stderr) = run_herald(site.root(), &["theme", "eject"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with(&format!("themes/default: error: already has {count} of the built-in theme's {count} files (templates/base.html, templates/list.html, ")), "{stderr}");
    assert!(fs::read_to_string(&en).unwrap().contains("Newest"));

    // Under another name, site.yaml is made to use it.
    fs::create_dir_all(site.root().join("themes/mine/static")).unwrap();
    fs::write(site.root().join("themes/mine/static/style.css"), "mine").unwrap();
    let (code, _, stderr) = run_herald(site.root(), &["theme", "eject", "--name", "mine"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("themes/mine: error: already has 1 of the built-in theme's"),
        "{stderr}"
    );
    assert_eq!(
        files_in(&site.root().join("themes/mine")),
        ["static/style.css"]
    );
    fs::remove_dir_all(site.root().join("themes/mine")).unwrap();
    let (code, stdout, stderr) = run_herald(site.root(), &["theme", "eject", "--name", "mine"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.ends_with(
            "site.yaml: theme: mine (was default); the site uses the copy from now on\n"
        ),
        "{stdout}"
    );
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    assert!(yaml.ends_with("\ntheme: mine\n"), "{yaml}");
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.output("en/index.html").contains("Latest"));
}

/// The README's "For translators / Add a language", step by step, as written: the steps
/// are read from the README, so that the test and the text cannot part.
#[test]
fn the_readmes_add_a_language_steps_work_to_the_letter() {
    let readme = include_str!("../README.md");
    let section = readme
        .split("### Add a language\n")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_herald(tmp.path(), &["init"]);
    assert_eq!(code, 0, "{stderr}");
    let site = tmp.path();

    // 1. Add it to `languages:` in `site.yaml`.
    let entry = "- { code: de, name: Deutsch, official: false }";
    assert!(section.contains(&format!(
        "1. Add it to `languages:` in `site.yaml`: `{entry}`"
    )));
    let yaml = fs::read_to_string(site.join("site.yaml")).unwrap();
    let (head, tail) = yaml.split_once("\nlanguages:\n").unwrap();
    let (listed, rest) = tail.split_once("\n\n").unwrap();
    fs::write(
        site.join("site.yaml"),
        format!("{head}\nlanguages:\n{listed}\n  {entry}\n\n{rest}"),
    )
    .unwrap();

    // 2. Copy `locales/en/site.ftl` to `locales/de/site.ftl` and translate every value.
    assert!(section.contains("2. Create `locales/de/site.ftl` with the site's strings: copy `locales/en/site.ftl`\n   and translate every value"));
    fs::create_dir_all(site.join("locales/de")).unwrap();
    fs::copy(
        site.join("locales/en/site.ftl"),
        site.join("locales/de/site.ftl"),
    )
    .unwrap();
    let german_site = include_str!("fixtures/add-a-language/site.ftl");
    let english_site = fs::read_to_string(site.join("locales/en/site.ftl")).unwrap();
    assert_eq!(ids(german_site), ids(&english_site), "every id kept");
    fs::write(site.join("locales/de/site.ftl"), german_site).unwrap();

    // 3. `herald theme eject`, then the theme's English strings copied to
    //    `themes/default/locales/de/theme.ftl` and translated.
    assert!(section.contains("`herald theme eject` once"));
    assert!(section.contains("copy\n   `themes/default/locales/en/theme.ftl` to `themes/default/locales/de/theme.ftl`\n   and translate it"));
    let (code, _, stderr) = run_herald(site, &["theme", "eject"]);
    assert_eq!(code, 0, "{stderr}");
    let theme = site.join("themes/default/locales");
    fs::create_dir_all(theme.join("de")).unwrap();
    fs::copy(theme.join("en/theme.ftl"), theme.join("de/theme.ftl")).unwrap();
    let german_theme = include_str!("fixtures/add-a-language/theme.ftl");
    let english_theme = fs::read_to_string(theme.join("en/theme.ftl")).unwrap();
    assert_eq!(ids(german_theme), ids(&english_theme), "every id kept");
    fs::write(theme.join("de/theme.ftl"), german_theme).unwrap();

    // 4. `herald check`: nothing missing, nothing to warn about.
    assert!(section.contains("4. Run `herald check`"));
    assert!(section.contains("`herald check --strict` exits\n   with status 0 once nothing is."));
    assert_checks_clean(site);

    // The German pages are in German, with the site's strings over the theme's.
    let (code, _, stderr) = run_herald(site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let home = fs::read_to_string(site.join("public/de/index.html")).unwrap();
    assert!(home.contains("Neueste Mitteilungen"), "{home}");
    assert!(
        home.contains("Nachrichten und Mitteilungen unserer Organisation"),
        "{home}"
    );
    let page = fs::read_to_string(site.join("public/de/announcements/welcome/index.html")).unwrap();
    assert!(
        page.contains("Diese Mitteilung ist noch nicht auf"),
        "{page}"
    );

    // What the steps used to say, a copy of the theme's file beside site.ftl, defines
    // `site-title` twice in one layer: an error naming both places.
    fs::copy(
        theme.join("de/theme.ftl"),
        site.join("locales/de/theme.ftl"),
    )
    .unwrap();
    let (code, _, stderr) = run_herald(site, &["check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("locales/de/theme.ftl:4:1: error: message `site-title` is already defined in locales/de/site.ftl:5"), "{stderr}");
}
