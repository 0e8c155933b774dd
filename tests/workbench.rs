//! The translator's workbench: `herald diff` on a site kept in git, and the words to
//! translate and to update in `herald status`.

mod common;

use std::path::Path;
use std::process::Command;

use common::TestSite;

fn herald(site: &TestSite, args: &[&str]) -> (i32, String, String) {
    common::run_herald(site.root(), args)
}

/// Runs git in the site with a fixed identity and no user or system configuration;
/// `date` is the author's and committer's date. Returns its stdout.
fn git(site: &TestSite, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(site.root())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Translator")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "Translator")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn commit(site: &TestSite, message: &str, date: &str) -> String {
    git(site, &["add", "-A"], date);
    git(site, &["commit", "-q", "-m", message], date);
    git(site, &["rev-parse", "--short=12", "HEAD"], date)
}

const SOURCE: &str = "---
title: Board elections
date: 2026-11-24
---
The board is elected every two years.

## Candidates

- Ana Lima
- Bo Chen

Voting opens on Monday.

| day | place |
|-----|-------|
| Monday | Hall A |

Results follow a week later.
";

/// A site in git: the English source (commit 1), a French translation made from it
/// (commit 2), then an edit of one paragraph of the source (commit 3). Returns the
/// site and the id of commit 2, the newest with the source the translation was made from.
fn site_in_git() -> (TestSite, String) {
    let site = TestSite::new();
    git(&site, &["init", "-q"], "2026-11-24T09:00:00Z");
    site.announcement("2026-11-24-board.en.md", SOURCE);
    commit(&site, "the source", "2026-11-24T09:00:00Z");
    let hash = herald::content::text_hash(SOURCE);
    site.announcement(
        "2026-11-24-board.fr.md",
        &format!(
            "---\ntitle: Élections du conseil\nsource_hash: {hash}\n---\nLe conseil est élu tous les deux ans.\n\n## Candidats\n\n- Ana Lima\n- Bo Chen\n\nLe vote ouvre lundi.\n\n| jour | lieu |\n|-----|-------|\n| lundi | Salle A |\n\nLes résultats suivent une semaine plus tard.\n"
        ),
    );
    let made_from = commit(&site, "the French translation", "2026-11-25T09:00:00Z");
    site.announcement(
        "2026-11-24-board.en.md",
        &SOURCE.replace("Voting opens on Monday.", "Voting opens on Tuesday at 9."),
    );
    commit(&site, "the vote moves", "2026-11-26T09:00:00Z");
    (site, made_from)
}

#[test]
fn diff_shows_exactly_the_changed_block_and_folds_the_rest() {
    let (site, made_from) = site_in_git();
    let before = common::snapshot(site.root());
    let (code, stdout, stderr) = herald(&site, &["diff", "2026-11-24-board", "--lang", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    let now = herald::content::text_hash(
        &std::fs::read_to_string(
            site.root()
                .join("content/announcements/2026-11-24-board.en.md"),
        )
        .unwrap(),
    );
    assert_eq!(
        stdout,
        format!(
            "content/announcements/2026-11-24-board.fr.md was made from its source as of commit {made_from} (2026-11-25).
Since then, content/announcements/2026-11-24-board.en.md has changed in 1 part (6 words to update):

  … 5 unchanged blocks
~ changed paragraph, line 12
- Voting opens on Monday.
+ Voting opens on Tuesday at 9.
  … 3 unchanged blocks

Update the translation, then set `source_hash: {now}` in content/announcements/2026-11-24-board.fr.md.
"
        )
    );
    // Piped: no escape codes. Nothing is written, in the site or its repository.
    assert!(!stdout.contains('\x1b'));
    assert_eq!(common::snapshot(site.root()), before);
    // A file name works as the name, in colour the words that changed stand out.
    let (code, colored, _) = herald(
        &site,
        &[
            "diff",
            "content/announcements/2026-11-24-board.fr.md",
            "--lang",
            "fr",
            "--color",
            "always",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        colored.contains("\x1b[7m\x1b[31mMonday\x1b[0m"),
        "{colored:?}"
    );
    assert!(
        colored.contains("\x1b[7m\x1b[32mTuesday at 9\x1b[0m"),
        "{colored:?}"
    );
}

#[test]
fn diff_of_a_translation_stale_by_date_starts_from_the_source_of_its_day() {
    let site = TestSite::new();
    git(&site, &["init", "-q"], "2026-11-24T09:00:00Z");
    site.announcement("2026-11-24-board.en.md", SOURCE);
    commit(&site, "the source", "2026-11-24T09:00:00Z");
    site.announcement(
        "2026-11-24-board.en.md",
        &SOURCE.replace("Results follow", "The results follow"),
    );
    commit(&site, "a first edit", "2026-11-25T08:00:00Z");
    site.announcement(
        "2026-11-24-board.fr.md",
        "---\ntitle: Élections du conseil\ndate: 2026-11-25\n---\nLe conseil est élu tous les deux ans.\n",
    );
    let made_from = commit(&site, "the French translation", "2026-11-25T17:00:00Z");
    // The source is edited on the 27th and says so.
    site.announcement(
        "2026-11-24-board.en.md",
        &SOURCE
            .replace("Results follow", "The results follow")
            .replace(
                "date: 2026-11-24\n",
                "date: 2026-11-24\nupdated: 2026-11-27\n",
            )
            .replace("- Bo Chen\n", "- Bo Chen\n- Chidi Okafor\n"),
    );
    commit(&site, "a candidate more", "2026-11-27T09:00:00Z");
    let (code, stdout, stderr) = herald(&site, &["diff", "2026-11-24-board", "--lang", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    // The source as of the end of the translation's day (the newest commit by then): the
    // first edit is not a change.
    assert!(
        stdout.contains(&format!("as of commit {made_from} (2026-11-25)")),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  … 5 unchanged blocks\n+ added list item, line 12\n+ Chidi Okafor\n  … 4 unchanged blocks\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("results"), "{stdout}");
    assert!(
        stdout.contains("(or its `updated:` to the day you update it)"),
        "{stdout}"
    );
}

#[test]
fn a_site_in_a_folder_of_its_repository() {
    // The repository is the temporary folder; the site is its `site/` folder.
    let repo = TestSite::new();
    git(&repo, &["init", "-q"], "2026-11-24T09:00:00Z");
    repo.write("site/site.yaml", common::CONFIG);
    repo.write(
        "site/content/announcements/x.en.md",
        "---\ntitle: X\ndate: 2026-01-01\n---\nOne.\n\nTwo.\n",
    );
    let hash = herald::content::text_hash("---\ntitle: X\ndate: 2026-01-01\n---\nOne.\n\nTwo.\n");
    repo.write(
        "site/content/announcements/x.fr.md",
        &format!("---\ntitle: X\nsource_hash: {hash}\n---\nUn.\n\nDeux.\n"),
    );
    let made_from = commit(&repo, "the site", "2026-11-24T09:00:00Z");
    repo.write(
        "site/content/announcements/x.en.md",
        "---\ntitle: X\ndate: 2026-01-01\n---\nOne.\n\nTwo, three.\n",
    );
    commit(&repo, "an edit", "2026-11-25T09:00:00Z");
    let (code, stdout, stderr) = herald(&repo, &["diff", "x", "--lang", "fr", "-s", "site"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("as of commit {made_from} (2026-11-24)")),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  … 2 unchanged blocks\n~ changed paragraph, line 7\n- Two.\n+ Two, three.\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_site_outside_git_gets_a_clear_message_and_exit_1() {
    let site = TestSite::new();
    site.announcement("x.en.md", "---\ntitle: X\ndate: 2026-01-01\n---\nText.\n");
    site.announcement(
        "x.fr.md",
        "---\ntitle: X\nsource_hash: 0123456789ab\n---\nTexte.\n",
    );
    let before = common::snapshot(site.root());
    let (code, stdout, stderr) = herald(&site, &["diff", "x", "--lang", "fr"]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("content/announcements/x.fr.md: error: the site ("),
        "{stderr}"
    );
    assert!(
        stderr.contains(") is not in a git repository, so its sources' earlier versions are not kept anywhere herald can read them: keep the site in git (`git init`, then commit the sources and their translations) to see what changes from then on"),
        "{stderr}"
    );
    assert_eq!(common::snapshot(site.root()), before, "nothing written");
}

#[test]
fn diff_says_why_when_the_version_is_not_in_the_history() {
    let (site, _) = site_in_git();
    // A hash no commit of the source has.
    let fr = site
        .root()
        .join("content/announcements/2026-11-24-board.fr.md");
    let text = std::fs::read_to_string(&fr).unwrap();
    let hash = herald::content::text_hash(SOURCE);
    site.announcement(
        "2026-11-24-board.fr.md",
        &text.replace(&hash, "0123456789ab"),
    );
    let (code, stdout, stderr) = herald(&site, &["diff", "2026-11-24-board", "--lang", "fr"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr.trim_end(),
        "content/announcements/2026-11-24-board.fr.md: error: none of the 2 versions of content/announcements/2026-11-24-board.en.md in the site's git history has the text whose hash is `source_hash: 0123456789ab`: the translation was made from a version that was never committed, or its `source_hash` was changed by hand; compare the translation with the whole source"
    );
    // A repository without a commit.
    let empty = TestSite::new();
    git(&empty, &["init", "-q"], "2026-11-24T09:00:00Z");
    empty.announcement("x.en.md", "---\ntitle: X\ndate: 2026-01-01\n---\nText.\n");
    empty.announcement(
        "x.fr.md",
        "---\ntitle: X\nsource_hash: 0123456789ab\n---\nTexte.\n",
    );
    let (code, _, stderr) = herald(&empty, &["diff", "x", "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: the site's git repository has no commit yet: commit the sources"),
        "{stderr}"
    );
}

#[test]
fn diff_of_what_is_not_a_stale_translation() {
    let (site, _) = site_in_git();
    site.announcement(
        "2026-11-24-board.es.md",
        &format!(
            "---\ntitle: Elecciones\nsource_hash: {}\n---\nTexto.\n",
            herald::content::text_hash(
                &std::fs::read_to_string(
                    site.root()
                        .join("content/announcements/2026-11-24-board.en.md")
                )
                .unwrap()
            )
        ),
    );
    let (code, stdout, stderr) = herald(&site, &["diff", "2026-11-24-board", "--lang", "es"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        "content/announcements/2026-11-24-board.es.md is up to date: its source has not changed since it was translated\n"
    );
    let (code, _, stderr) = herald(&site, &["diff", "2026-11-24-board", "--lang", "ru"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error: `2026-11-24-board` has no `ru` translation yet: `herald new --translate 2026-11-24-board --lang ru` makes one from the source"), "{stderr}");
    let (code, _, stderr) = herald(&site, &["diff", "nope", "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("there is no announcement named `nope`"),
        "{stderr}"
    );
    let (code, _, stderr) = herald(&site, &["diff", "2026-11-24-board", "--lang", "xx"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("`xx` is not a language of this site"),
        "{stderr}"
    );
    let (code, _, _) = herald(&site, &["diff", "2026-11-24-board"]);
    assert_eq!(code, 2, "--lang is needed");
}

fn language<'a>(json: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    json["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
        .unwrap()
}

fn cell<'a>(json: &'a serde_json::Value, name: &str, lang: &str) -> &'a serde_json::Value {
    let a = json["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap();
    a["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lang"] == lang)
        .unwrap()
}

#[test]
fn status_json_gives_the_changed_blocks_and_the_words() {
    let (site, made_from) = site_in_git();
    let (code, stdout, stderr) = herald(&site, &["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["format"], 1);
    let fr = cell(&json, "2026-11-24-board", "fr");
    assert_eq!(fr["status"], "stale");
    assert_eq!(fr["reason"], "hash");
    assert_eq!(
        fr["since"],
        serde_json::json!({ "commit": made_from, "date": "2026-11-25" })
    );
    assert_eq!(
        fr["changes"],
        serde_json::json!([{
            "change": "changed",
            "kind": "paragraph",
            "old": "Voting opens on Monday.",
            "new": "Voting opens on Tuesday at 9.",
            "line": 12,
            "words": 6
        }])
    );
    assert_eq!(fr["words"], 6);
    assert!(fr.get("history").is_none());
    // Missing: the whole source. Title 2, paragraphs 7 + 6 + 5, heading 1, items 2 + 2,
    // table rows 2 + 3 ("Hall A" is two words).
    let pt = cell(&json, "2026-11-24-board", "pt");
    assert_eq!(
        (pt["status"].as_str(), pt["words"].as_u64()),
        (Some("missing"), Some(30))
    );
    assert_eq!(language(&json, "pt")["words_to_translate"], 30);
    assert_eq!(language(&json, "fr")["words_to_update"], 6);
    assert_eq!(language(&json, "fr")["words_to_translate"], 0);
    assert_eq!(language(&json, "fr")["stale_counted_whole"], 0);
    // Up-to-date and source cells carry no words.
    assert!(cell(&json, "2026-11-24-board", "en").get("words").is_none());
}

/// A stale translation whose source has change notes and a history: the notes and the
/// changed parts are two keys (`notes`, `changes`), never one key written twice.
#[test]
fn status_json_keeps_change_notes_apart_from_changed_parts() {
    let (site, _) = site_in_git();
    let edited = SOURCE
        .replace("Voting opens on Monday.", "Voting opens on Tuesday at 9.")
        .replace(
            "date: 2026-11-24\n",
            "date: 2026-11-24\nchanges:\n  - date: 2026-11-26\n    note: The vote moves to Tuesday.\n",
        );
    site.announcement("2026-11-24-board.en.md", &edited);
    commit(&site, "a change note", "2026-11-26T10:00:00Z");
    let (code, stdout, stderr) = herald(&site, &["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches("\"changes\":").count(), 1, "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let fr = cell(&json, "2026-11-24-board", "fr");
    assert_eq!(
        fr["notes"],
        serde_json::json!([{ "date": "2026-11-26", "note": "The vote moves to Tuesday." }])
    );
    assert_eq!(fr["changes"][0]["new"], "Voting opens on Tuesday at 9.");
}

#[test]
fn status_without_history_counts_whole_sources_and_says_why() {
    let site = TestSite::new();
    site.announcement("2026-11-24-board.en.md", SOURCE);
    site.announcement(
        "2026-11-24-board.fr.md",
        "---\ntitle: Élections\nsource_hash: 0123456789ab\n---\nTexte.\n",
    );
    let (_, stdout, _) = herald(&site, &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    // The whole source: 30 words as above, less "Tuesday at 9" for "Monday".
    let fr = cell(&json, "2026-11-24-board", "fr");
    assert_eq!(fr["words"], 28);
    assert!(
        fr["history"]
            .as_str()
            .unwrap()
            .contains("is not in a git repository"),
        "{fr}"
    );
    assert!(fr.get("changes").is_none());
    assert_eq!(language(&json, "fr")["stale_counted_whole"], 1);
    let (code, text, _) = herald(&site, &["status"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = text.lines().collect();
    let row = |label: &str| -> Vec<&str> {
        let line = lines.iter().find(|l| l.starts_with(label)).unwrap();
        line[label.len()..].split_whitespace().collect()
    };
    assert_eq!(
        row("words to translate"),
        ["0", "28", "28", "28", "0", "28", "28"]
    );
    assert_eq!(
        row("words to update"),
        ["0", "0", "0", "0", "28*", "0", "0"]
    );
    assert!(
        text.contains("\n* words to update in fr count whole sources: the site ("),
        "{text}"
    );
    assert!(lines.iter().all(|l| l.chars().count() <= 100), "{text}");
}

/// Words as Unicode word segmentation counts them (UAX #29, with a dictionary for
/// Chinese): each text below is counted by hand in its comment.
#[test]
fn words_are_counted_as_unicode_segments_them_in_every_script() {
    let site = TestSite::new();
    // English, 21: "Board elections" 2; "The board's term ends in June 2026, so members
    // will vote on 3 candidates." 14 (The, board's, term, ends, in, June, 2026, so,
    // members, will, vote, on, 3, candidates: `board's` is one word, numbers are words);
    // "Read the rules before voting." 5 (the link's target is not read, so not counted);
    // the code block 0.
    site.announcement(
        "en-text.en.md",
        "---\ntitle: Board elections\ndate: 2026-01-01\n---\nThe board's term ends in June 2026, so members will vote on 3 candidates.\n\n- [Read the rules](https://example.org/rules-and-more) before voting.\n\n```\nnot counted\n```\n",
    );
    // French, 14: "Élections du conseil" 3; "L'assemblée générale aura lieu aujourd'hui à
    // 18 h ; chacun peut voter." 11 (L'assemblée, générale, aura, lieu, aujourd'hui, à,
    // 18, h, chacun, peut, voter: an apostrophe between letters joins them, as in
    // UAX #29; `;` is no word).
    site.announcement(
        "fr-text.fr.md",
        "---\ntitle: Élections du conseil\ndate: 2026-01-01\n---\nL'assemblée générale aura lieu aujourd'hui à 18 h ; chacun peut voter.\n",
    );
    // Chinese, 10, written without spaces: "选举通知" 2 (选举 election, 通知 notice);
    // "我们明天在北京开会，欢迎大家参加。" 8 (我们 we, 明天 tomorrow, 在 in, 北京 Beijing,
    // 开会 meet, 欢迎 welcome, 大家 everyone, 参加 take part; `，` and `。` are none).
    site.announcement(
        "zh-text.zh.md",
        "---\ntitle: 选举通知\ndate: 2026-01-01\n---\n我们明天在北京开会，欢迎大家参加。\n",
    );
    // Arabic, 11: "انتخابات المجلس" 2 (elections, the council); "يجتمع المجلس يوم الاثنين في
    // القاهرة، والتصويت مفتوح للجميع." 9 (meets, the council, day, Monday, in, Cairo,
    // and-the-vote, open, for-all: prefixes written joined are one word; `،` and `.`
    // are none).
    site.announcement(
        "ar-text.ar.md",
        "---\ntitle: انتخابات المجلس\ndate: 2026-01-01\n---\nيجتمع المجلس يوم الاثنين في القاهرة، والتصويت مفتوح للجميع.\n",
    );
    let (code, stdout, stderr) = herald(&site, &["status", "--format", "json", "--lang", "pt"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    for (name, words) in [
        ("en-text", 21),
        ("fr-text", 14),
        ("zh-text", 10),
        ("ar-text", 11),
    ] {
        assert_eq!(cell(&json, name, "pt")["words"], words, "{name}");
    }
    assert_eq!(
        language(&json, "pt")["words_to_translate"],
        21 + 14 + 10 + 11
    );
}

/// The example site's French privacy policy is stale by date, from before the
/// repository's history: status still counts its words, and says why.
#[test]
fn the_example_site_reports_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, stderr) = common::run_herald(root, &["status"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\nwords to translate "), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 100), "{stdout}");
}
