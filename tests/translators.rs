//! Translator tooling: `herald status`, the Fluent lint in `check`, `new --translate`.

mod common;

use std::process::Command;

use common::{simple, TestSite};

fn herald(site: &TestSite, args: &[&str]) -> (i32, String, String) {
    common::run_herald(site.root(), args)
}

fn coverage_site() -> TestSite {
    let site = TestSite::new();
    let source = "---\ntitle: Alpha\ndate: 2020-01-01\nupdated: 2020-03-01\n---\nText.\n";
    site.announcement("a.en.md", source);
    site.announcement(
        "a.fr.md",
        "---\ntitle: Alpha FR\ndate: 2020-02-01\n---\nTexte.\n",
    );
    site.announcement(
        "a.es.md",
        "---\ntitle: Alfa\nupdated: 2020-03-02\n---\nTexto.\n",
    );
    site.announcement(
        "a.ru.md",
        "---\ntitle: Альфа\nsource_hash: 0123456789ab\n---\nТекст.\n",
    );
    let hash = herald::content::text_hash(source);
    site.announcement(
        "a.zh.md",
        &format!("---\ntitle: 阿尔法\nsource_hash: {hash}\n---\n正文。\n"),
    );
    site.announcement("a.ar.md", "---\ntitle: ألفا\ndraft: true\n---\nنص.\n");
    site.announcement(
        "b.en.md",
        "---\ntitle: Bravo\ndate: 2021-01-01\ndraft: true\n---\nText.\n",
    );
    site
}

#[test]
fn status_json_has_the_documented_shape() {
    let site = coverage_site();
    let (code, stdout, stderr) = herald(&site, &["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["format"], 1);
    assert_eq!(json["default_language"], "en");
    let a = &json["announcements"][1];
    assert_eq!(a["name"], "a");
    assert_eq!(a["source"], "en");
    assert_eq!(a["title"], "Alpha");
    assert_eq!(a["date"], "2020-01-01");
    let states: Vec<String> = a["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            format!(
                "{}:{}{}",
                l["lang"].as_str().unwrap(),
                l["status"].as_str().unwrap(),
                l.get("reason")
                    .and_then(|r| r.as_str())
                    .map(|r| format!("({r})"))
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            "en:source",
            "zh:translated",
            "ar:draft",
            "es:translated",
            "fr:stale(date)",
            "ru:stale(hash)",
            "pt:missing"
        ]
    );
    assert_eq!(
        json["announcements"][0]["languages"][0]["status"], "draft",
        "a draft announcement"
    );
    let fr = json["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "fr")
        .unwrap();
    assert_eq!(fr["translated"], 0);
    assert_eq!(fr["stale"], 1);
    assert_eq!(fr["missing"], 0);
    assert_eq!(fr["drafts"], 1);
    assert_eq!(fr["announcements_percent"], 100.0);
    assert_eq!(fr["strings_percent"], 100.0);
    assert_eq!(fr["strings_missing"], serde_json::json!([]));
    let pt = json["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "pt")
        .unwrap();
    assert_eq!(pt["official"], false);
    assert_eq!(pt["announcements_percent"], 0.0);
    for key in [
        "code",
        "name",
        "official",
        "translated",
        "stale",
        "missing",
        "drafts",
        "announcements_percent",
        "strings_needed",
        "strings_missing",
        "strings_percent",
    ] {
        assert!(pt.get(key).is_some(), "languages[].{key}");
    }
}

#[test]
fn status_text_is_a_compact_table() {
    let site = coverage_site();
    site.write(
        "locales/en/site.ftl",
        "site-title = News\nwelcome = Welcome\n",
    );
    site.write("locales/fr/site.ftl", "site-title = Actualités\n");
    let (code, stdout, _) = herald(&site, &["status"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["announcement", "en", "zh", "ar", "es", "fr", "ru", "pt"]
    );
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        ["a", "src", "ok", "draft", "ok", "old", "old#", "-"]
    );
    assert!(stdout.contains("\nfr (Français): 1 stale\n"), "{stdout}");
    // Languages that miss the same strings share a line.
    assert!(
        stdout.contains(
            "\n1 string(s) missing in zh, ar, es, fr, ru, pt (the en text is shown): welcome\n"
        ),
        "{stdout}"
    );
    assert!(
        lines.iter().all(|l| l.chars().count() <= 100),
        "fits a terminal"
    );
    let (_, only_fr, _) = herald(&site, &["status", "--lang", "fr"]);
    assert_eq!(
        only_fr
            .lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["announcement", "fr"]
    );
}

fn check_warnings(site: &TestSite) -> Vec<String> {
    let (code, _, stderr) = herald(site, &["check"]);
    assert_eq!(code, 0, "warnings do not fail a check: {stderr}");
    stderr.lines().map(str::to_string).collect()
}

#[test]
fn lint_reports_missing_and_unused_messages() {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2020-01-01\ntags: [dns]\n---\n",
    );
    site.write(
        "locales/en/site.ftl",
        "site-title = News\nwelcome = Welcome\ntag-dns = DNS\n",
    );
    site.write(
        "locales/fr/site.ftl",
        "site-title = Actualités\nobsolete = Plus utilisé\ntag-ipv6 = IPv6\n",
    );
    let warnings = check_warnings(&site);
    // Every language but English lacks the same two: one warning names them once.
    assert!(warnings.contains(&"locales: warning: 2 message(s) missing in `zh`, `ar`, `es`, `fr`, `ru`, `pt` (the en text is shown): tag-dns, welcome".to_string()), "{warnings:#?}");
    assert!(warnings.contains(&"locales/fr/site.ftl:2:1: warning: message `obsolete` is not used: neither the theme nor the en strings use it".to_string()), "{warnings:#?}");
    assert!(warnings.contains(&"locales/fr/site.ftl:3:1: warning: message `tag-ipv6` is not used: no announcement has the tag `ipv6`".to_string()), "{warnings:#?}");
}

#[test]
fn lint_reports_variables_that_differ_from_the_source() {
    let site = TestSite::new();
    site.write(
        "locales/en/site.ftl",
        "site-title = News\nwelcome = Hello { $name }, { $count } new\n",
    );
    site.write(
        "locales/fr/site.ftl",
        "site-title = Actualités\nwelcome = Bonjour { $nom }, { $count } nouveaux\n",
    );
    let warnings = check_warnings(&site);
    assert!(warnings.contains(&"locales/fr/site.ftl:2:1: warning: message `welcome` uses `{ $nom }`, which the en message does not have".to_string()), "{warnings:#?}");
    assert!(warnings.contains(&"locales/fr/site.ftl:2:1: warning: message `welcome` drops `{ $name }`, which the en message uses".to_string()), "{warnings:#?}");
}

#[test]
fn lint_reports_plural_selects_without_the_cldr_categories() {
    let site = TestSite::new();
    site.write("locales/en/site.ftl", "site-title = News\nitems = { $count ->\n    [one] one item\n   *[other] { $count } items\n}\n");
    site.write("locales/ru/site.ftl", "site-title = Новости\nitems = { $count ->\n    [one] { $count } запись\n   *[other] { $count } записи\n}\n");
    site.write("locales/ar/site.ftl", "site-title = أخبار\nitems = { $count ->\n    [zero] لا شيء\n    [one] واحد\n    [two] اثنان\n    [few] { $count } عناصر\n    [many] { $count } عنصرًا\n   *[other] { $count } عنصر\n}\n");
    let warnings = check_warnings(&site);
    assert!(warnings.contains(&"locales/ru/site.ftl:2:1: warning: message `items` selects on a plural but lacks [few] [many] for `ru` (CLDR: few, many, one, other)".to_string()), "{warnings:#?}");
    assert!(
        !warnings.iter().any(|w| w.starts_with("locales/ar/")),
        "Arabic has all six: {warnings:#?}"
    );
}

#[test]
fn duplicate_message_ids_in_one_language_are_errors() {
    let site = TestSite::new();
    site.write("locales/fr/a.ftl", "site-title = Actualités\n");
    site.write(
        "locales/fr/b.ftl",
        "# Another file\nsite-title = Nouvelles\n",
    );
    let (code, _, stderr) = herald(&site, &["check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("locales/fr/b.ftl:2:1: error: message `site-title` is already defined in locales/fr/a.ftl:1"), "{stderr}");
}

#[test]
fn strict_check_fails_on_lint_warnings() {
    let site = TestSite::new();
    site.write(
        "locales/en/site.ftl",
        "site-title = News\nwelcome = Welcome\n",
    );
    site.write("locales/fr/site.ftl", "site-title = Actualités\n");
    assert_eq!(herald(&site, &["check"]).0, 0);
    let (code, _, stderr) = herald(&site, &["check", "--strict"]);
    assert_eq!(code, 1);
    assert!(
        stderr
            .contains("locales: error: 1 message(s) missing in `zh`, `ar`, `es`, `fr`, `ru`, `pt`"),
        "{stderr}"
    );
}

#[test]
fn the_example_site_is_clean_and_has_real_gaps() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["check", "--strict", "--site", dir])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = herald::status::status(std::path::Path::new(dir), None).unwrap();
    let missing: usize = status.languages.iter().map(|l| l.missing).sum();
    let stale: usize = status.languages.iter().map(|l| l.stale).sum();
    assert!(
        missing > 10 && stale >= 1,
        "the example leaves gaps: {missing} missing, {stale} stale"
    );
}

#[test]
fn new_translate_scaffolds_from_the_source_and_tracks_its_hash() {
    let site = TestSite::new();
    site.announcement(
        "oas.en.md",
        "---\ntitle: \"ICANN and OAS: together\"\ndate: 2015-10-30\n---\n\nThe body.\n",
    );
    site.announcement("w/index.en.md", &simple("Workshop", "2022-02-21"));
    let (code, stdout, stderr) = herald(&site, &["new", "--translate", "oas", "--lang", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "created content/announcements/oas.fr.md");
    let text =
        std::fs::read_to_string(site.root().join("content/announcements/oas.fr.md")).unwrap();
    let source =
        std::fs::read_to_string(site.root().join("content/announcements/oas.en.md")).unwrap();
    let hash = herald::content::text_hash(&source);
    assert_eq!(
        text,
        format!("---\n# Translate the title and the text below from English (content/announcements/oas.en.md).\ntitle: 'ICANN and OAS: together'\nsource_hash: {hash}\ndraft: true   # remove this line once translated: until then readers get the original\n---\n\nThe body.\n")
    );
    // The scaffold is not published before someone translates it: the French page is
    // the fallback, and status says draft.
    let (code, _, stderr) = herald(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let fr = site.output("fr/announcements/oas/index.html");
    assert!(
        fr.contains("lang=\"en\""),
        "the untranslated scaffold was published: {fr}"
    );
    let (_, status, _) = herald(&site, &["status", "--lang", "fr"]);
    let row = status.lines().find(|l| l.starts_with("oas")).unwrap();
    assert!(row.contains("draft"), "{status}");
    assert_eq!(
        herald(&site, &["new", "--translate", "w", "--lang", "zh"])
            .1
            .trim(),
        "created content/announcements/w/index.zh.md"
    );
    let (code, _, stderr) = herald(&site, &["new", "--translate", "oas", "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("content/announcements/oas.fr.md: error: already exists"));
    let (code, _, stderr) = herald(&site, &["new", "--translate", "nope", "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("there is no announcement named `nope` to translate"),
        "{stderr}"
    );
    // Fresh: translated. After the source changes: stale by hash, with a notice on the page.
    let state = |site: &TestSite| {
        herald::status::status(site.root(), Some("fr"))
            .unwrap()
            .announcements
            .iter()
            .find(|a| a.name == "oas")
            .unwrap()
            .languages[0]
            .state
            .clone()
    };
    assert_eq!(state(&site), herald::status::State::Draft);
    // The translator translates and removes `draft: true`.
    let done = std::fs::read_to_string(site.root().join("content/announcements/oas.fr.md"))
        .unwrap()
        .replace(
            "draft: true   # remove this line once translated: until then readers get the original\n",
            "",
        )
        .replace("The body.", "Le texte.");
    site.announcement("oas.fr.md", &done);
    assert_eq!(state(&site), herald::status::State::Translated);
    site.announcement(
        "oas.en.md",
        "---\ntitle: \"ICANN and OAS: together\"\ndate: 2015-10-30\n---\n\nThe body, corrected.\n",
    );
    let hash = herald::content::text_hash(
        &std::fs::read_to_string(site.root().join("content/announcements/oas.en.md")).unwrap(),
    );
    assert_eq!(
        state(&site),
        herald::status::State::Stale {
            reason: "hash",
            source_hash: Some(hash),
            notes: Vec::new(),
        }
    );
    site.build_ok();
    assert!(site
        .output("fr/announcements/oas/index.html")
        .contains("Le communiqué original a été modifié"));
}

/// A site in fifty languages, English the source, with strings in a few of them.
fn fifty_languages() -> TestSite {
    let codes = [
        "en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "uk", "cs", "sk", "sl", "hr", "sr",
        "bg", "ro", "hu", "fi", "sv", "da", "nb", "is", "et", "lv", "lt", "el", "tr", "ar", "he",
        "fa", "ur", "hi", "bn", "ta", "te", "mr", "gu", "kn", "ml", "th", "vi", "id", "ms", "zh",
        "ja", "ko", "sw", "am", "yo",
    ];
    assert_eq!(codes.len(), 50);
    let mut config = String::from(
        "title_key: site-title\nbase_url: https://example.org\ndefault_language: en\nlanguages:\n",
    );
    for code in codes {
        config.push_str(&format!("  - {{ code: {code}, name: {code} }}\n"));
    }
    let site = TestSite::with_config(&config);
    site.announcement(
        "2024-05-01-board-elections-and-the-annual-general-meeting.en.md",
        &simple("Board elections", "2024-05-01"),
    );
    site.announcement(
        "2024-05-01-board-elections-and-the-annual-general-meeting.fr.md",
        "---\ntitle: Élections du conseil\n---\n\nLe conseil élit sa présidence en juin.\n",
    );
    site
}

#[test]
fn status_at_fifty_languages_fits_a_terminal_and_names_shared_gaps_once() {
    let site = fifty_languages();
    let (code, stdout, stderr) = herald(&site, &["status"]);
    assert_eq!(code, 0, "{stderr}");
    let long: Vec<&str> = stdout.lines().filter(|l| l.chars().count() > 100).collect();
    assert!(
        long.is_empty(),
        "lines over 100 columns: {long:#?}\n{stdout}"
    );
    // One row per language, with its counts and shares.
    let header = stdout.lines().next().unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        [
            "language",
            "translated",
            "stale",
            "missing",
            "drafts",
            "announcements",
            "interface",
            "strings"
        ]
    );
    let fr = stdout.lines().find(|l| l.starts_with("fr ")).unwrap();
    assert_eq!(
        fr.split_whitespace().collect::<Vec<_>>(),
        ["fr", "fr", "1", "0", "0", "0", "100%", "100%"]
    );
    // Then each language's words: `de` misses the announcement, 6 words ("Board
    // elections", "Body of Board elections.").
    let words: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("words "))
        .collect();
    assert_eq!(
        words[0].split_whitespace().collect::<Vec<_>>(),
        ["words", "words", "to", "translate", "words", "to", "update"]
    );
    let de = words.iter().find(|l| l.starts_with("de ")).unwrap();
    assert_eq!(
        de.split_whitespace().collect::<Vec<_>>(),
        ["de", "de", "6", "0"]
    );
    // The languages the theme has no strings for miss the same ones: one paragraph
    // names them (the first ten ids and a count), not one line per language.
    let gaps: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("string(s) missing in"))
        .collect();
    assert!(gaps.len() < 5, "{gaps:#?}");
    assert!(
        gaps.iter().any(|l| l.contains("missing in de, it, nl,")),
        "{gaps:#?}"
    );
    assert!(
        stdout.contains("… and"),
        "the first ten ids, then a count: {stdout}"
    );
    assert!(stdout.contains("`herald status --matrix`"));
    // -v lists every id; --matrix gives the whole table, as wide as it is.
    let (_, verbose, _) = herald(&site, &["status", "-v"]);
    assert!(!verbose.contains("… and"), "{verbose}");
    assert!(verbose.lines().all(|l| l.chars().count() <= 100));
    let (_, matrix, _) = herald(&site, &["status", "--matrix"]);
    let first = matrix.lines().next().unwrap();
    assert_eq!(first.split_whitespace().count(), 51, "{first}");
    // --lang: one language's column.
    let (_, one, _) = herald(&site, &["status", "--lang", "fr"]);
    assert!(
        one.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .eq(["announcement", "fr"]),
        "{one}"
    );
    // JSON: the same shape as ever.
    let (_, json, _) = herald(&site, &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["format"], 1);
    assert_eq!(json["languages"].as_array().unwrap().len(), 50);
    assert_eq!(json["languages"][2]["code"], "fr");
    assert_eq!(json["languages"][2]["translated"], 1);

    // `check` names each shared gap once, with every language that has it.
    let (_, _, stderr) = herald(&site, &["check"]);
    let missing: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("message(s) missing in"))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert!(
        missing[0].starts_with(
            "locales: warning: 83 message(s) missing in `de`, `it`, `nl`, `pl`, `uk`,"
        ),
        "{missing:#?}"
    );
    assert!(
        missing[0].contains("`ko`, `sw`, `am`, `yo` (the en text is shown): announcement-count,")
    );
}
