//! `herald init NEW --from-hugo HUGO`: the two Hugo fixtures (a folder per language
//! with hugo.toml; filename suffixes without configuration) become herald sites that
//! check and build, with a redirect at every old URL, and an exact report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hugo")
        .join(name)
}

fn herald(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .env("HERALD_NOW", "2026-01-01")
        .output()
        .expect("run herald")
}

/// `herald init NEW --from-hugo HUGO`.
fn init_from_hugo(hugo: &Path, new: &Path) -> Output {
    herald(&[
        "init",
        new.to_str().unwrap(),
        "--from-hugo",
        hugo.to_str().unwrap(),
    ])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Imports `fixture` into `<tmp>/new`; returns the new site's folder and the report.
fn import(tmp: &Path, name: &str) -> (PathBuf, String) {
    let new = tmp.join("new");
    let out = herald(&[
        "init",
        new.to_str().unwrap(),
        "--from-hugo",
        fixture(name).to_str().unwrap(),
    ]);
    let report = text(&out.stdout);
    assert!(
        out.status.success(),
        "init failed: {report}{}",
        text(&out.stderr)
    );
    (new, report)
}

fn has_line(report: &str, line: &str) {
    assert!(
        report.lines().any(|l| l == line),
        "no line {line:?} in the report:\n{report}"
    );
}

fn check_and_build(site: &Path) {
    let check = herald(&["check", "--site", site.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "check failed: {}",
        text(&check.stderr)
    );
    assert!(
        text(&check.stdout).starts_with("no errors"),
        "{}",
        text(&check.stdout)
    );
    let build = herald(&["build", "--site", site.to_str().unwrap()]);
    assert!(
        build.status.success(),
        "build failed: {}",
        text(&build.stderr)
    );
}

/// The path a redirect page at `old` (under public/) sends the reader to.
fn redirect_target(public: &Path, old: &str) -> String {
    let file = if old.ends_with('/') {
        public.join(old.trim_start_matches('/')).join("index.html")
    } else {
        public.join(old.trim_start_matches('/'))
    };
    let html = fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("no redirect page at {old} ({}): {e}", file.display()));
    let start = html
        .find("http-equiv=\"refresh\" content=\"0; url=")
        .unwrap_or_else(|| panic!("{old} is no redirect page: {html}"))
        + "http-equiv=\"refresh\" content=\"0; url=".len();
    let url = &html[start..start + html[start..].find('"').unwrap()];
    url.to_string()
}

fn assert_redirects(public: &Path, pairs: &[(&str, &str)]) {
    for (old, new) in pairs {
        assert_eq!(&redirect_target(public, old), new, "redirect at {old}");
        let page = public.join(new.trim_start_matches('/')).join("index.html");
        assert!(
            page.is_file(),
            "{old} redirects to {new}, which was not built"
        );
    }
}

#[test]
fn folder_per_language_site_with_hugo_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let (new, report) = import(tmp.path(), "folders");
    has_line(&report, "configuration: hugo.toml");
    has_line(&report, "content layout: a folder per language");
    has_line(
        &report,
        "section: posts (the first of posts, post, blog, news that exists)",
    );
    has_line(&report, "base_url: https://news.example.org");
    has_line(&report, "  en       → en         English, default");
    has_line(
        &report,
        "  zh-cn    → zh-Hans    简体中文 (renamed from zh-cn: its old URLs redirect)",
    );
    has_line(&report, "  fr       → fr         Français");
    has_line(&report, "posts: 5 (1 bundles)");
    has_line(&report, "translations per language: en 5, fr 1, zh-Hans 3");
    has_line(
        &report,
        "keys moved under extra: 7: author 1, canonicalUrl 1, layout 1, translationKey 2, translator 1, url 1",
    );
    has_line(&report, "description → summary: 1");
    has_line(&report, "tags rewritten as URL segments: 1");
    has_line(
        &report,
        "aliases: 12 (old permalinks 8, url: 1, aliases: 3)",
    );
    has_line(&report, "redirect pages for old list pages: 4");
    has_line(&report, "slug clashes: 1 (rule: the oldest keeps the slug; each later one gets its date, -YYYY-MM-DD, then -2, -3…)");
    has_line(
        &report,
        "  content/en/posts/2016/annual-report.md: slug `annual-report` is taken → `annual-report-2016-12-15`",
    );
    has_line(&report, "bundle files renamed per language: 1");
    has_line(
        &report,
        "  content/zh-cn/posts/2016/montevideo-office/diagram.svg → diagram.zh-Hans.svg (zh-Hans pages show it as diagram.svg)",
    );
    has_line(&report, "notes: 2");
    has_line(
        &report,
        "  content/announcements/2015-10-30-icann-oas.en.md:23: `youtube` had no `title` (herald needs one: screen readers announce the video by it): the page's title was given; check it",
    );
    has_line(
        &report,
        "  content/fr/posts/2016/montevideo-office/index.md: `date` has no time zone; read as UTC",
    );
    has_line(
        &report,
        "shortcodes: 2 found, 2 converted: figure 1, youtube 1, 0 left",
    );
    has_line(&report, "static files copied: 1");
    has_line(&report, "files skipped: 3");
    has_line(
        &report,
        "  content/en/about.md: not in the section `posts` (import another with --section)",
    );
    has_line(
        &report,
        "  content/en/posts/_index.md: a list page (herald makes its own lists)",
    );
    assert!(report.contains("layouts/: Hugo templates are not converted"));
    assert!(!report.contains("old URLs without a redirect"), "{report}");

    // The files: herald's fields kept, description → summary, the rest under extra,
    // dates normalised, the zh-cn code renamed, the bundle kept with both diagrams.
    let source =
        fs::read_to_string(new.join("content/announcements/2015-10-30-icann-oas.en.md")).unwrap();
    assert!(
        source.contains("date: 2015-10-30T09:00:00+08:00"),
        "{source}"
    );
    assert!(source.contains("summary: A cooperation agreement on regional cyber-security."));
    assert!(source.contains("- security\n") && source.contains("- latin-america\n"));
    assert!(source.contains("extra:\n") && source.contains("author: Jane Doe"));
    assert!(source.contains("layout: post"));
    let zh = fs::read_to_string(new.join("content/announcements/2015-10-30-icann-oas.zh-Hans.md"))
        .unwrap();
    assert!(zh.contains("translator: 李明"), "{zh}");
    let bundle = new.join("content/announcements/2016-06-14-montevideo-office");
    assert!(bundle.join("index.en.md").is_file());
    assert!(bundle.join("index.fr.md").is_file());
    assert!(bundle.join("diagram.svg").is_file());
    assert!(bundle.join("diagram.zh-Hans.svg").is_file());
    let zh_bundle = fs::read_to_string(bundle.join("index.zh-Hans.md")).unwrap();
    // The text keeps its link: herald gives zh-Hans pages their own diagram under it.
    assert!(zh_bundle.contains("src=\"diagram.svg\""), "{zh_bundle}");
    let fr = fs::read_to_string(bundle.join("index.fr.md")).unwrap();
    assert!(fr.contains("date: 2016-06-14T12:00:00Z"), "{fr}");
    let site = fs::read_to_string(new.join("site.yaml")).unwrap();
    assert!(
        site.contains("- code: zh-Hans\n    name: 简体中文\n"),
        "{site}"
    );
    assert_eq!(
        fs::read_to_string(new.join("locales/zh-Hans/site.ftl"))
            .unwrap()
            .lines()
            .last(),
        Some("site-title = 示例新闻室")
    );

    check_and_build(&new);
    let public = new.join("public");
    assert_redirects(
        &public,
        &[
            ("/posts/2015/icann-oas/", "/en/announcements/icann-oas/"),
            ("/news/2015/oas/", "/en/announcements/icann-oas/"),
            ("/old/oas/", "/en/announcements/icann-oas/"),
            (
                "/zh-cn/posts/2015/icann-oas/",
                "/zh-Hans/announcements/icann-oas/",
            ),
            ("/zh-cn/news/2015/oas/", "/zh-Hans/announcements/icann-oas/"),
            (
                "/posts/2016/montevideo-office/",
                "/en/announcements/montevideo-office/",
            ),
            (
                "/zh-cn/posts/2016/montevideo-office/",
                "/zh-Hans/announcements/montevideo-office/",
            ),
            (
                "/fr/posts/2016/montevideo-office/",
                "/fr/announcements/montevideo-office/",
            ),
            ("/reports/ipv6-2017/", "/en/announcements/ipv6-report/"),
            (
                "/zh-cn/posts/2017/ipv6-baogao/",
                "/zh-Hans/announcements/ipv6-report/",
            ),
            (
                "/posts/2015/annual-report/",
                "/en/announcements/annual-report/",
            ),
            (
                "/posts/2016/annual-report/",
                "/en/announcements/annual-report-2016-12-15/",
            ),
            ("/zh-cn/", "/zh-Hans/"),
            ("/zh-cn/posts/", "/zh-Hans/"),
            ("/posts/", "/en/"),
            ("/fr/posts/", "/fr/"),
        ],
    );
    // Each language's page links to diagram.svg, and gets its own diagram there.
    let zh_page =
        fs::read_to_string(public.join("zh-Hans/announcements/montevideo-office/index.html"))
            .unwrap();
    assert!(zh_page.contains("src=\"diagram.svg\""), "{zh_page}");
    let en_page =
        fs::read_to_string(public.join("en/announcements/montevideo-office/index.html")).unwrap();
    assert!(en_page.contains("src=\"diagram.svg\""), "{en_page}");
    let diagram = |lang: &str| {
        fs::read_to_string(public.join(format!(
            "{lang}/announcements/montevideo-office/diagram.svg"
        )))
        .unwrap()
    };
    assert!(diagram("zh-Hans").contains("办事处"));
    assert!(!diagram("en").contains("办事处"));
    assert!(!public
        .join("en/announcements/montevideo-office/diagram.zh-Hans.svg")
        .exists());
    // The Hugo `youtube` shortcode is herald's, with the page's title as the player's.
    let video = fs::read_to_string(public.join("en/announcements/icann-oas/index.html")).unwrap();
    assert!(
        video.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" title=\"ICANN and OAS to Work Together on Cyber-Security\""),
        "{video}"
    );
    assert!(public.join("images/logo.svg").is_file());
}

#[test]
fn suffix_site_without_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let (new, report) = import(tmp.path(), "suffixes");
    has_line(
        &report,
        "configuration: none found (languages from the content)",
    );
    has_line(
        &report,
        "content layout: one folder, languages in file name suffixes (post.fr.md)",
    );
    has_line(&report, "base_url: https://example.org (a placeholder: Hugo's baseURL was not absolute; set it in site.yaml)");
    has_line(&report, "  en       → en         English, default");
    has_line(&report, "  fr       → fr         Français");
    has_line(
        &report,
        "  zh-cn    → zh-Hans    简体中文 (renamed from zh-cn: its old URLs redirect)",
    );
    has_line(&report, "posts: 3 (1 bundles)");
    has_line(&report, "translations per language: en 3, fr 1, zh-Hans 2");
    has_line(&report, "keys moved under extra: 1: categories 1");
    has_line(&report, "description → summary: 1");
    has_line(&report, "tags rewritten as URL segments: 1");
    has_line(&report, "aliases: 7 (old permalinks 6, url: 0, aliases: 1)");
    has_line(&report, "redirect pages for old list pages: 4");
    has_line(&report, "slug clashes: 0 (rule: the oldest keeps the slug; each later one gets its date, -YYYY-MM-DD, then -2, -3…)");
    has_line(&report, "bundle files renamed per language: 1");
    has_line(
        &report,
        "  content/posts/launch/diagram.zh-cn.svg → diagram.zh-Hans.svg (zh-Hans pages show it as diagram.svg)",
    );
    has_line(&report, "notes: 2");
    has_line(
        &report,
        "  content/posts/hello-world.md: `date` has no time zone; read as UTC",
    );
    assert!(report.contains("  content/posts/upcoming.md: no date; dated "));
    has_line(&report, "shortcodes: 2 found, 1 converted: note 1, 1 left");
    has_line(&report, "static files copied: 1");
    has_line(&report, "files skipped: 0");

    // The one shortcode left is listed at its line in the new file.
    let left = report
        .lines()
        .find(|l| l.contains("`gist`"))
        .expect("gist listed");
    let (file, rest) = left.trim().split_once(".md:").unwrap();
    let line: usize = rest.split(':').next().unwrap().parse().unwrap();
    assert_eq!(file, "content/announcements/2015-05-01-hello-world.en");
    assert!(
        rest.contains("(from content/posts/hello-world.md:11)"),
        "{left}"
    );
    let source_path = new.join(format!("{file}.md"));
    let source = fs::read_to_string(&source_path).unwrap();
    let at = source.lines().nth(line - 1).unwrap();
    assert!(
        at.starts_with("{{< gist octocat 1234 >}}"),
        "line {line}: {at}"
    );
    assert!(source.contains("date: 2015-05-01T10:00:00Z"));
    assert!(source.contains("summary: Our first post."));
    let zh =
        fs::read_to_string(new.join("content/announcements/2016-01-10-launch/index.zh-Hans.md"))
            .unwrap();
    assert!(zh.contains("date: 2016-01-10T09:30:00-05:00"), "{zh}");
    assert!(zh.contains("](diagram.svg)"), "{zh}");
    // Hugo's `expiryDate` is herald's `expires`.
    let fr =
        fs::read_to_string(new.join("content/announcements/2015-05-01-hello-world.fr.md")).unwrap();
    assert!(fr.contains("\nexpires: 2016-02-01\n"), "{fr}");
    assert!(!fr.contains("expiryDate"), "{fr}");

    // What the report asks for: the `gist` shortcode is the writer's to replace.
    fs::write(
        &source_path,
        source.replace(
            "{{< gist octocat 1234 >}}",
            "[The gist](https://gist.github.com/octocat/1234)",
        ),
    )
    .unwrap();
    check_and_build(&new);
    let public = new.join("public");
    assert_redirects(
        &public,
        &[
            ("/posts/hello-world/", "/en/announcements/hello-world/"),
            ("/fr/posts/hello-world/", "/fr/announcements/hello-world/"),
            ("/fr/posts/bonjour/", "/fr/announcements/hello-world/"),
            (
                "/zh-cn/posts/hello-world/",
                "/zh-Hans/announcements/hello-world/",
            ),
            ("/posts/launch/", "/en/announcements/launch/"),
            ("/zh-cn/posts/launch/", "/zh-Hans/announcements/launch/"),
            ("/zh-cn/", "/zh-Hans/"),
            ("/zh-cn/posts/", "/zh-Hans/"),
            ("/posts/", "/en/"),
            ("/fr/posts/", "/fr/"),
        ],
    );
    // Expired in French: off the French home page, its page kept with the notice.
    let fr_home = fs::read_to_string(public.join("fr/index.html")).unwrap();
    assert!(
        !fr_home.contains("/fr/announcements/hello-world/"),
        "{fr_home}"
    );
    let fr_page =
        fs::read_to_string(public.join("fr/announcements/hello-world/index.html")).unwrap();
    assert!(fr_page.contains("datetime=\"2016-02-01\""), "{fr_page}");
    let zh_page =
        fs::read_to_string(public.join("zh-Hans/announcements/launch/index.html")).unwrap();
    assert!(zh_page.contains("src=\"diagram.svg\""), "{zh_page}");
    let zh_diagram =
        fs::read_to_string(public.join("zh-Hans/announcements/launch/diagram.svg")).unwrap();
    assert!(zh_diagram.contains("计划"), "{zh_diagram}");
}

#[test]
fn dry_run_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("new");
    let out = herald(&[
        "init",
        new.to_str().unwrap(),
        "--from-hugo",
        fixture("folders").to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    has_line(&report, "posts: 5 (1 bundles)");
    assert!(report
        .lines()
        .next()
        .unwrap()
        .ends_with("(dry run: nothing written)"));
    assert!(report.contains("files would be written; nothing was"));
    assert!(!new.exists());
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn a_non_empty_target_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("new");
    fs::create_dir(&new).unwrap();
    fs::write(new.join("notes.txt"), "mine").unwrap();
    let out = herald(&[
        "init",
        new.to_str().unwrap(),
        "--from-hugo",
        fixture("folders").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        format!(
            "{}: error: is not empty: herald init never writes into a non-empty folder; give a new folder",
            new.display()
        )
    );
    assert_eq!(fs::read_dir(&new).unwrap().count(), 1);
    assert_eq!(fs::read_to_string(new.join("notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    // An empty folder is fine.
    fs::remove_file(new.join("notes.txt")).unwrap();
    let again = herald(&[
        "init",
        new.to_str().unwrap(),
        "--from-hugo",
        fixture("folders").to_str().unwrap(),
    ]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(new.join("site.yaml").is_file());
}

#[test]
fn the_imports_options_need_from_hugo_and_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("new");
    let hugo = fixture("folders");
    for args in [
        vec!["init", new.to_str().unwrap(), "--section", "posts"],
        vec!["init", new.to_str().unwrap(), "--dry-run"],
    ] {
        let out = herald(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("--from-hugo <HUGO_SITE>"),
            "{}",
            text(&out.stderr)
        );
    }
    // A new site's own options are not the import's.
    let out = herald(&[
        "init",
        new.to_str().unwrap(),
        "--from-hugo",
        hugo.to_str().unwrap(),
        "--language",
        "fr",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("'--from-hugo <HUGO_SITE>' cannot be used with '--language <CODE>'"),
        "{}",
        text(&out.stderr)
    );
    let out = herald(&["init", "--from-hugo", hugo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`herald init --from-hugo` needs the new site's folder"),
        "{}",
        text(&out.stderr)
    );
    assert!(!new.exists());
}

#[test]
fn broken_front_matter_is_an_error_at_its_line_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    fs::create_dir_all(hugo.join("content/posts")).unwrap();
    fs::write(
        hugo.join("content/posts/good.md"),
        "---\ntitle: Good\ndate: 2020-01-01\n---\nText.\n",
    )
    .unwrap();
    fs::write(
        hugo.join("content/posts/bad.md"),
        "+++\ntitle = \"Bad\"\ndate = = 2020\n+++\nText.\n",
    )
    .unwrap();
    let new = tmp.path().join("new");
    let out = init_from_hugo(&hugo, &new);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "{}:3:8: error: ",
            hugo.join("content/posts/bad.md").display()
        )),
        "{err}"
    );
    assert!(err.contains("import failed with 1 error(s); nothing was written"));
    assert!(!new.exists());
}

#[test]
fn a_requested_section_that_does_not_exist_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("new");
    let out = herald(&[
        "init",
        new.to_str().unwrap(),
        "--from-hugo",
        fixture("suffixes").to_str().unwrap(),
        "--section",
        "articles",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("there is no section folder `articles`"),
        "{}",
        text(&out.stderr)
    );
    assert!(!new.exists());
}

#[test]
fn split_configuration_permalink_patterns_and_a_sub_path() {
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    let write = |rel: &str, text: &str| {
        let path = hugo.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "config/_default/hugo.yaml",
        "baseURL: https://example.org/news/\ndefaultContentLanguage: fr\ndefaultContentLanguageInSubdir: true\ntitle: Nouvelles\n",
    );
    write(
        "config/_default/languages.yaml",
        "fr: {languageName: Français, weight: 1}\npt-br: {languageName: Português do Brasil, weight: 2}\n",
    );
    write(
        "config/_default/permalinks.toml",
        "posts = \"/:year/:month/:slug/\"\n",
    );
    write(
        "content/posts/a.md",
        "---\ntitle: Élection du conseil\ndate: 2021-03-04\nslug: election\n---\nTexte.\n",
    );
    write(
        "content/posts/a.pt-br.md",
        "---\ntitle: Eleição do conselho\nslug: eleicao\n---\nTexto.\n",
    );
    write(
        "content/posts/b.md",
        "{\n  \"title\": \"Budget 2021\",\n  \"date\": \"2021-05-06T07:08:09+0200\"\n}\nLe budget.\n",
    );
    let new = tmp.path().join("new");
    let out = init_from_hugo(&hugo, &new);
    let report = text(&out.stdout);
    assert!(out.status.success(), "{report}{}", text(&out.stderr));
    has_line(
        &report,
        "configuration: config/_default/hugo.yaml, config/_default/languages.yaml, config/_default/permalinks.toml",
    );
    has_line(&report, "base_url: https://example.org/news");
    has_line(&report, "  fr       → fr         Français, default");
    has_line(
        &report,
        "  pt-br    → pt-BR      Português do Brasil (renamed from pt-br: its old URLs redirect)",
    );
    has_line(&report, "posts: 2 (0 bundles)");
    has_line(&report, "translations per language: fr 2, pt-BR 1");
    // The translation's own slug stays under extra: herald's URL is the source's.
    has_line(&report, "keys moved under extra: 1: slug 1");
    has_line(&report, "aliases: 3 (old permalinks 3, url: 0, aliases: 0)");
    has_line(&report, "redirect pages for old list pages: 3");
    has_line(&report, "  /news/pt-br/ → /news/pt-BR/");
    let pt =
        fs::read_to_string(new.join("content/announcements/2021-03-04-election.pt-BR.md")).unwrap();
    assert!(pt.contains("extra:\n  slug: eleicao\n"), "{pt}");
    assert!(pt.contains("- /pt-br/2021/03/eleicao/"), "{pt}");
    let b = fs::read_to_string(new.join("content/announcements/2021-05-06-b.fr.md")).unwrap();
    assert!(b.contains("date: 2021-05-06T07:08:09+02:00"), "{b}");
    assert!(b.contains("- /fr/2021/05/budget-2021/"), "{b}");

    check_and_build(&new);
    let public = new.join("public");
    for (old, new_path) in [
        ("/fr/2021/03/election/", "/fr/announcements/election/"),
        ("/pt-br/2021/03/eleicao/", "/pt-BR/announcements/election/"),
        ("/fr/2021/05/budget-2021/", "/fr/announcements/b/"),
        ("/fr/posts/", "/fr/"),
        ("/pt-br/", "/pt-BR/"),
        ("/pt-br/posts/", "/pt-BR/"),
    ] {
        assert_eq!(redirect_target(&public, old), format!("/news{new_path}"));
        assert!(public
            .join(new_path.trim_start_matches('/'))
            .join("index.html")
            .is_file());
    }
}

#[test]
fn a_broken_hugo_configuration_is_an_error_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    fs::create_dir_all(hugo.join("content/posts")).unwrap();
    fs::write(
        hugo.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\n[languages\nen = 1\n",
    )
    .unwrap();
    let new = tmp.path().join("new");
    let out = init_from_hugo(&hugo, &new);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let first = err.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{}:2:", hugo.join("hugo.toml").display())),
        "{err}"
    );
    assert!(first.contains(": error: "), "{err}");
    assert!(!new.exists());
}
