//! Translation safety in `check` and `status`: text nobody translated yet, strings a
//! language only inherits from another language or script, tags without a label, and
//! stale translations for a site's CI (`check --strict --stale`).

mod common;

use common::TestSite;

fn herald(site: &TestSite, args: &[&str]) -> (i32, String, String) {
    common::run_herald(site.root(), args)
}

/// The lines `herald check` prints to stderr (its warnings); the check must pass.
/// The diagnostics `herald check` prints, their first lines only (not the source line
/// and caret under those that have a place).
fn warnings(site: &TestSite) -> Vec<String> {
    let (code, _, stderr) = herald(site, &["check"]);
    assert_eq!(code, 0, "warnings do not fail a check: {stderr}");
    stderr
        .lines()
        .filter(|l| {
            !l.starts_with(' ')
                && l.split_once(" |")
                    .is_none_or(|(n, _)| n.trim().parse::<usize>().is_err())
        })
        .map(str::to_string)
        .collect()
}

const SOURCE: &str =
    "---\ntitle: Board elections\ndate: 2024-05-01\n---\n\nThe board elects its chair in June.\n";

#[test]
fn a_translation_with_its_sources_text_warns_until_marked_the_same_on_purpose() {
    let site = TestSite::new();
    site.announcement("vote.en.md", SOURCE);
    site.announcement(
        "vote.fr.md",
        "---\ntitle: Élections du conseil\n---\n\nThe board elects its chair in June.\n",
    );
    // A draft (the scaffold of `new --translate`) is not published: no warning.
    site.announcement(
        "vote.es.md",
        "---\ntitle: Elecciones\ndraft: true\n---\n\nThe board elects its chair in June.\n",
    );
    // Translated: no warning.
    site.announcement(
        "vote.ru.md",
        "---\ntitle: Выборы\n---\n\nСовет избирает председателя в июне.\n",
    );
    let expected = "content/announcements/vote.fr.md:5:1: warning: the text is word for word its source's (content/announcements/vote.en.md): translate it, or, if it reads the same in `fr` on purpose, add a line `# herald: same` to the front matter";
    assert_eq!(
        warnings(&site),
        [expected],
        "one warning, for the published French file"
    );
    let (code, _, stderr) = herald(&site, &["check", "--strict"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&expected.replace("warning:", "error:")),
        "{stderr}"
    );
    // The build prints the same warning.
    let (code, _, stderr) = herald(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");

    // The translator says it is the same on purpose.
    site.announcement(
        "vote.fr.md",
        "---\ntitle: Élections du conseil\n# herald: same (the notice is published in English only)\n---\n\nThe board elects its chair in June.\n",
    );
    assert_eq!(warnings(&site), Vec::<String>::new());
    assert_eq!(herald(&site, &["check", "--strict"]).0, 0);
}

#[test]
fn a_text_with_nothing_to_translate_is_not_taken_for_untranslated() {
    let site = TestSite::new();
    for (name, body) in [
        ("numbers", "2024 · 2025 · 2026"),
        ("link", "<https://example.org/report.pdf>"),
    ] {
        site.announcement(
            &format!("{name}.en.md"),
            &format!("---\ntitle: Dates\ndate: 2024-05-01\n---\n{body}\n"),
        );
        site.announcement(
            &format!("{name}.fr.md"),
            &format!("---\ntitle: Les dates\n---\n{body}\n"),
        );
    }
    assert_eq!(warnings(&site), Vec::<String>::new());
}

#[test]
fn a_fluent_string_the_same_as_the_default_languages_warns_until_marked() {
    let site = site_with(&["en", "fr", "ar"]);
    site.write(
        "locales/ar/site.ftl",
        "site-title = غرفة الأخبار\nwelcome = أهلًا\n",
    );
    site.write(
        "locales/en/site.ftl",
        "site-title = Newsroom\nwelcome = Welcome\nyear = 2024\nhome-url = https://example.org/\nbrand = ICANN\n",
    );
    // `year` and `home-url` have nothing to translate; `brand` is marked in the
    // default language below, `site-title` here.
    site.write(
        "locales/fr/site.ftl",
        "site-title = Newsroom\nwelcome = Welcome\nyear = 2024\nhome-url = https://example.org/\nbrand = ICANN\n",
    );
    let identical: Vec<String> = warnings(&site)
        .into_iter()
        .filter(|w| w.contains("word for word"))
        .collect();
    assert_eq!(
        identical,
        [
            "locales/fr/site.ftl:1:1: warning: message `site-title` is word for word the en text: translate it, or, if it reads the same in `fr` on purpose, put a comment `# herald: same` on the line above it",
            "locales/fr/site.ftl:2:1: warning: message `welcome` is word for word the en text: translate it, or, if it reads the same in `fr` on purpose, put a comment `# herald: same` on the line above it",
            "locales/fr/site.ftl:5:1: warning: message `brand` is word for word the en text: translate it, or, if it reads the same in `fr` on purpose, put a comment `# herald: same` on the line above it",
        ]
    );
    assert_eq!(herald(&site, &["check", "--strict"]).0, 1);

    // Marked in French (this language) and in English (every language).
    site.write(
        "locales/en/site.ftl",
        "site-title = Newsroom\nwelcome = Welcome\nyear = 2024\nhome-url = https://example.org/\n# herald: same (a name)\nbrand = ICANN\n",
    );
    site.write(
        "locales/fr/site.ftl",
        "# herald: same\nsite-title = Newsroom\nwelcome = Bienvenue\nyear = 2024\nhome-url = https://example.org/\nbrand = ICANN\n",
    );
    // Marked in English, `brand` is the same in every language: Arabic need not copy it
    // (the other two strings it lacks are missing, as ever).
    assert_eq!(
        warnings(&site),
        ["locales/ar: warning: 2 message(s) missing in `ar` (the en text is shown): home-url, year"]
    );
}

/// The languages of a site on the built-in theme (which has `en`, `zh` and `es` strings).
fn site_with(languages: &[&str]) -> TestSite {
    let mut config = String::from(
        "title_key: site-title\nbase_url: https://example.org\ndefault_language: en\nlanguages:\n",
    );
    for code in languages {
        config.push_str(&format!("  - {{ code: {code}, name: {code} }}\n"));
    }
    let site = TestSite::with_config(&config);
    site.write("locales/en/site.ftl", "site-title = Newsroom\n");
    site.announcement("vote.en.md", SOURCE);
    site
}

fn status_json(site: &TestSite) -> serde_json::Value {
    let (code, stdout, stderr) = herald(site, &["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn language<'a>(status: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    status["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
        .unwrap()
}

#[test]
fn strings_inherited_from_another_script_are_missing_and_said_so() {
    let site = site_with(&["en", "zh", "zh-Hant"]);
    site.write("locales/zh/site.ftl", "site-title = 新闻中心\n");
    let status = status_json(&site);
    let zh = language(&status, "zh");
    assert_eq!(zh["strings_percent"], 100.0, "zh has its own strings");
    let hant = language(&status, "zh-Hant");
    let needed = hant["strings_needed"].as_u64().unwrap() as usize;
    let missing = hant["strings_missing"].as_array().unwrap();
    assert_eq!(
        missing.len(),
        needed,
        "every string zh-Hant shows is Simplified"
    );
    assert_eq!(hant["strings_percent"], 0.0);
    assert_eq!(
        hant["strings_inherited"]["zh"].as_array().unwrap(),
        missing,
        "all inherited from zh"
    );

    let (_, text, _) = herald(&site, &["status"]);
    assert!(
        text.contains(&format!("{needed} string(s) missing in zh-Hant (inherited from `zh`: shown in its script, Hans, not Hant):")),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.starts_with("interface strings"))
        .unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["interface", "strings", "100%", "100%", "0%"]
    );

    let lines = warnings(&site);
    let hant_warning = format!("locales/zh-Hant: warning: {needed} message(s) missing in `zh-Hant` (inherited from `zh`: shown in its script, Hans, not Hant): ");
    assert!(
        lines.iter().any(|l| l.starts_with(&hant_warning)),
        "{lines:#?}"
    );
    assert_eq!(herald(&site, &["check", "--strict"]).0, 1);

    // Traditional strings of its own: present.
    site.write("locales/zh-Hant/site.ftl", "site-title = 新聞中心\n");
    let hant = language(&status_json(&site), "zh-Hant").clone();
    assert!(
        !hant["strings_missing"]
            .as_array()
            .unwrap()
            .contains(&"site-title".into()),
        "{hant}"
    );
    assert!(!hant["strings_inherited"]["zh"]
        .as_array()
        .unwrap()
        .contains(&"site-title".into()));
}

#[test]
fn regional_variants_read_their_languages_strings_and_pass_a_strict_check() {
    let site = site_with(&["en", "en-GB", "en-IN", "es", "es-419"]);
    site.write("locales/es/site.ftl", "site-title = Noticias\n");
    // A British file the same as the American source is no untranslated text.
    site.announcement(
        "vote.en-GB.md",
        "---\ntitle: Board elections\n---\n\nThe board elects its chair in June.\n",
    );
    let (code, stdout, stderr) = herald(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "no errors (0 warnings)");
    assert_eq!(stderr, "");
    let status = status_json(&site);
    for code in ["en", "en-GB", "en-IN", "es", "es-419"] {
        let l = language(&status, code);
        assert_eq!(l["strings_percent"], 100.0, "{code}: {l}");
        assert_eq!(l["strings_missing"], serde_json::json!([]), "{code}");
        assert_eq!(l["strings_inherited"], serde_json::json!({}), "{code}");
    }
}

#[test]
fn a_language_without_strings_of_its_own_is_missing_them() {
    let site = site_with(&["en", "de"]);
    let status = status_json(&site);
    let de = language(&status, "de");
    assert_eq!(de["strings_percent"], 0.0);
    assert_eq!(
        de["strings_inherited"],
        serde_json::json!({}),
        "the default language's text is not inherited"
    );
    let (_, text, _) = herald(&site, &["status"]);
    assert!(
        text.contains("string(s) missing in de (the en text is shown): "),
        "{text}"
    );
    let (code, _, stderr) = herald(&site, &["check", "--strict"]);
    assert_eq!(code, 1);
    let needed = de["strings_needed"].as_u64().unwrap();
    assert!(
        stderr.contains(&format!(
            "locales/de: error: {needed} message(s) missing in `de` (the en text is shown): "
        )),
        "{stderr}"
    );
}

#[test]
fn a_tag_without_a_label_is_a_warning_naming_the_tag_and_the_language() {
    let site = site_with(&["en", "fr", "es"]);
    site.announcement(
        "vote.en.md",
        "---\ntitle: Board elections\ndate: 2024-05-01\ntags: [dns, elections]\n---\n\nThe board elects its chair in June.\n",
    );
    let strings = |en: &str, fr: &str, es: &str| {
        site.write(
            "locales/en/site.ftl",
            &format!("site-title = Newsroom\ntag-elections = Elections\n{en}"),
        );
        site.write(
            "locales/fr/site.ftl",
            &format!("site-title = Actualités\ntag-elections = Élections\n{fr}"),
        );
        site.write(
            "locales/es/site.ftl",
            &format!("site-title = Noticias\ntag-elections = Elecciones\n{es}"),
        );
    };
    let tail = "(a `tag-<id>` message, in the language or one it falls back to), so readers see the raw id: dns";
    // No language has a label for `dns`: one warning says so.
    strings("", "", "");
    assert_eq!(
        warnings(&site),
        [format!(
            "locales: warning: 1 tag(s) have no label in any language {tail}"
        )]
    );
    // Readers do see the raw id.
    site.build_ok();
    assert!(site.output("fr/tags/index.html").contains(">dns<"));
    // Spanish has one: English and French readers still see the raw id.
    let es_label = "tag-dns = Sistema de nombres de dominio\n";
    strings("", "", es_label);
    assert_eq!(
        warnings(&site),
        [format!(
            "locales: warning: 1 tag(s) have no label in `en`, `fr` {tail}"
        )]
    );
    strings("", "tag-dns = Système des noms de domaine\n", es_label);
    assert_eq!(
        warnings(&site),
        [format!(
            "locales/en: warning: 1 tag(s) have no label in `en` {tail}"
        )]
    );
    // A label in English only: French and Spanish readers see it, and theirs is missing.
    strings("tag-dns = DNS\n", "", "");
    assert_eq!(
        warnings(&site),
        ["locales: warning: 1 message(s) missing in `fr`, `es` (the en text is shown): tag-dns"],
        "languages missing the same strings share one warning"
    );
}

/// A site whose French translation is stale by date, and whose Spanish one is stale by hash.
fn stale_site() -> TestSite {
    let site = site_with(&["en", "fr", "es"]);
    site.write("locales/fr/site.ftl", "site-title = Actualités\n");
    site.write("locales/es/site.ftl", "site-title = Noticias\n");
    site.announcement(
        "vote.en.md",
        "---\ntitle: Board elections\ndate: 2024-05-01\nupdated: 2024-06-10\n---\n\nThe board elects its chair in July.\n",
    );
    site.announcement(
        "vote.fr.md",
        "---\ntitle: Élections du conseil\nupdated: 2024-05-03\n---\n\nLe conseil élit sa présidence en juin.\n",
    );
    site.announcement(
        "vote.es.md",
        "---\ntitle: Elecciones\nsource_hash: 0123456789ab\n---\n\nEl consejo elige a su presidencia en junio.\n",
    );
    site
}

#[test]
fn check_strict_stale_fails_on_stale_translations_and_only_with_stale() {
    let site = stale_site();
    let (code, stdout, stderr) = herald(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "without --stale nothing changes: {stderr}");
    assert_eq!(stdout.trim(), "no errors (0 warnings)");

    let hash = herald::content::text_hash(
        &std::fs::read_to_string(site.root().join("content/announcements/vote.en.md")).unwrap(),
    );
    let (code, stdout, stderr) = herald(&site, &["check", "--stale"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "no errors (2 warnings)");
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!("content/announcements/vote.es.md: warning: stale translation: the text of its source (content/announcements/vote.en.md) changed since `source_hash: 0123456789ab`; update the translation, then set `source_hash: {hash}`"),
            "content/announcements/vote.fr.md: warning: stale translation: its source (content/announcements/vote.en.md) was updated on 2024-06-10, after this translation (2024-05-03); update the translation and its `updated:`".to_string(),
        ]
    );

    let (code, _, stderr) = herald(&site, &["check", "--strict", "--stale"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("content/announcements/vote.fr.md: error: stale translation: its source (content/announcements/vote.en.md) was updated on 2024-06-10"),
        "{stderr}"
    );
    assert!(stderr.contains("check found 2 error(s)"), "{stderr}");

    // Brought up to date: the CI passes.
    site.announcement(
        "vote.fr.md",
        "---\ntitle: Élections du conseil\nupdated: 2024-06-11\n---\n\nLe conseil élit sa présidence en juillet.\n",
    );
    site.announcement(
        "vote.es.md",
        &format!("---\ntitle: Elecciones\nsource_hash: {hash}\n---\n\nEl consejo elige a su presidencia en julio.\n"),
    );
    let (code, _, stderr) = herald(&site, &["check", "--strict", "--stale"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_example_site_passes_a_strict_check_with_no_warnings() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let (code, stdout, stderr) =
        common::run_herald(std::path::Path::new(dir), &["check", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "no errors (0 warnings)");
    assert_eq!(stderr, "");
    // Its French translation of the privacy policy is stale, on purpose: the example
    // shows what `--stale` says.
    let (code, _, stderr) =
        common::run_herald(std::path::Path::new(dir), &["check", "--strict", "--stale"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("content/announcements/2024-04-02-privacy-policy-update.fr.md: error: stale translation: its source (content/announcements/2024-04-02-privacy-policy-update.en.md) was updated on 2024-06-10, after this translation (2024-04-05)"),
        "{stderr}"
    );
}
