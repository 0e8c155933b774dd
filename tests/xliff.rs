//! `herald export` and `herald import`: XLIFF 2.0 out, translations back in.

mod common;

use std::fs;

use common::TestSite;

const CONFIG: &str = "\
title_key: site-title
base_url: https://example.org
default_language: en
languages:
  - { code: en, name: English, official: true }
  - { code: fr, name: Français, official: true }
";

/// Text that XML, Markdown and bidirectional text make hard, in a paragraph.
const HOSTILE: &str = "a < b & c > d; ]]> and \u{202e}reversed\u{202c}, <note>not XML</note>, \
    &amp; an entity, 中文的文字 and العربية, `<![CDATA[x]]>` and [a <link>](https://example.org/?a=1&b=2).";

const SOURCE_A: &str = "---\ntitle: Budget & <plans>\ndate: 2025-01-02\nsummary: The year's budget.\n---\n\n# The *new* budget\n\nSee [the report](@/announcements/b.md) and `code`, **now**.\n\n- one item\n- two <b>items</b>\n\n```\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| **x** | y |\n\n";

const SOURCE_B: &str =
    "---\ntitle: Second\ndate: 2025-01-01\n---\n\nFirst paragraph.\n\nSecond paragraph.\n";
const STALE_B: &str = "---\ntitle: Deuxième\nsource_hash: 0123456789ab\n# a comment kept\n---\n\nPremier paragraphe.\n\nDeuxième paragraphe.\n";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.write("locales/en/site.ftl", "site-title = Test\n");
    site.write("locales/fr/site.ftl", "site-title = Essai\n");
    site.announcement("a.en.md", &format!("{SOURCE_A}{HOSTILE}\n"));
    site.announcement("b.en.md", SOURCE_B);
    site.announcement("b.fr.md", STALE_B);
    site
}

fn herald(site: &TestSite, args: &[&str]) -> (i32, String, String) {
    common::run_herald(site.root(), args)
}

fn export(site: &TestSite) -> String {
    let (code, out, err) = herald(site, &["export", "--lang", "fr", "--output", "-"]);
    assert_eq!(code, 0, "{err}");
    out
}

/// Every `<source>` given a `<target>`: its content through `f` (targets already there
/// replaced).
fn fill(xliff: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    while let Some(i) = rest.find("<source>") {
        let j = rest[i..].find("</source>").unwrap() + i;
        let inner = &rest[i + 8..j];
        out.push_str(&rest[..j + 9]);
        out.push_str(&format!("<target>{}</target>", f(inner)));
        rest = &rest[j + 9..];
        if let Some(t) = rest.strip_prefix("\n        <target>") {
            rest = &t[t.find("</target>").unwrap() + 9..];
        }
    }
    out.push_str(rest);
    out
}

/// A source with `FR ` before its first text (after the codes it starts with).
fn french(inner: &str) -> String {
    let mut at = 0;
    while inner[at..].starts_with("<ph") {
        at += inner[at..].find("/>").unwrap() + 2;
        at += inner[at..].len() - inner[at..].trim_start().len();
    }
    format!("{}FR {}", &inner[..at], &inner[at..])
}

/// 1-based line and column in `text` of the last of `needles`, each found after the
/// one before it.
fn position(text: &str, needles: &[&str]) -> (usize, usize) {
    let mut at = 0;
    let mut from = 0;
    for needle in needles {
        at = from
            + text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} not in {text}"));
        from = at + needle.len();
    }
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn export_has_a_file_per_announcement_and_units_with_protected_codes() {
    let site = site();
    let xml = export(&site);
    assert!(xml.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:herald=\"urn:herald:xliff:1\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">"), "{xml}");
    let source_hash = herald::content::text_hash(
        &fs::read_to_string(site.root().join("content/announcements/a.en.md")).unwrap(),
    );
    assert!(xml.contains(&format!("<file id=\"a\" original=\"content/announcements/a.en.md\" canResegment=\"no\" xml:space=\"preserve\" herald:sourceHash=\"{source_hash}\" herald:blocks=\"8\" herald:translation=\"content/announcements/a.fr.md\" herald:state=\"missing\">")), "{xml}");
    assert!(xml.contains("herald:state=\"stale\""));
    // The title and summary, plain; the heading with its emphasis as a pair.
    assert!(
        xml.contains("<source>Budget &amp; &lt;plans&gt;</source>"),
        "{xml}"
    );
    assert!(xml.contains("<unit id=\"summary\""));
    assert!(xml.contains("<source>The <pc id=\"1\" type=\"fmt\" canCopy=\"no\" canDelete=\"no\" dataRefStart=\"d1\" dataRefEnd=\"d1e\">new</pc> budget</source>"), "{xml}");
    // A link's text is translated, its URL is not; inline code alone.
    assert!(xml.contains("<source>See <pc id=\"1\" type=\"link\" canCopy=\"no\" canDelete=\"no\" dataRefStart=\"d1\" dataRefEnd=\"d1e\">the report</pc> and <ph id=\"2\" type=\"other\" canCopy=\"no\" canDelete=\"no\" dataRef=\"d2\"/>, <pc id=\"3\""), "{xml}");
    assert!(xml.contains("<data id=\"d1e\">](@/announcements/b.md)</data>"));
    assert!(xml.contains("<data id=\"d2\">`code`</data>"));
    // Inline HTML as codes; a table row's pipes too; the code block is no unit.
    assert!(xml.contains("<data id=\"d1\">&lt;b&gt;</data>"));
    assert!(xml.contains("<unit id=\"b6\" herald:hash="), "{xml}");
    assert!(!xml.contains("fn main"));
    assert!(!xml.contains("<unit id=\"b5\""));
    // The stale translation's text is there to start from, its codes matched.
    assert!(
        xml.contains(
            "<source>First paragraph.</source>\n        <target>Premier paragraphe.</target>"
        ),
        "{xml}"
    );
    // --missing alone leaves the stale one out, --stale alone the missing one.
    let (_, only_missing, _) = herald(&site, &["export", "--lang", "fr", "--missing", "-o", "-"]);
    assert!(only_missing.contains("<file id=\"a\"") && !only_missing.contains("<file id=\"b\""));
    let (_, only_stale, _) = herald(&site, &["export", "--lang", "fr", "--stale", "-o", "-"]);
    assert!(!only_stale.contains("<file id=\"a\"") && only_stale.contains("<file id=\"b\""));
}

#[test]
fn export_writes_lang_xlf_and_never_over_a_file() {
    let site = site();
    let (code, _, err) = herald(&site, &["export", "--lang", "fr"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "wrote fr.xlf: 1 missing and 1 stale announcement(s), 12 unit(s)\n"
    );
    assert!(fs::read_to_string(site.root().join("fr.xlf"))
        .unwrap()
        .starts_with("<?xml"));
    let (code, _, err) = herald(&site, &["export", "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(err.contains("fr.xlf exists (an earlier export, perhaps being translated): remove it, or name another file with --output"), "{err}");
    let (code, _, err) = herald(&site, &["export", "--lang", "de"]);
    assert_eq!(code, 1);
    assert!(err.contains("`de` is not a language of this site"), "{err}");
    let (code, _, _) = herald(&site, &["export"]);
    assert_eq!(code, 2);
}

#[test]
fn import_round_trip_builds_and_checks_clean() {
    let site = site();
    let xml = fill(&export(&site), french);
    site.write("fr.xlf", &xml);
    let (code, out, err) = herald(&site, &["import", "fr.xlf"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "created content/announcements/a.fr.md\nupdated content/announcements/b.fr.md\n"
    );
    let a = fs::read_to_string(site.root().join("content/announcements/a.fr.md")).unwrap();
    assert!(
        a.starts_with(
            "---\ntitle: FR Budget & <plans>\nsummary: FR The year's budget.\nsource_hash: "
        ),
        "{a}"
    );
    assert!(a.contains("\n# FR The *new* budget\n\nFR See [the report](@/announcements/b.md) and `code`, **now**.\n\n- FR one item\n- FR two <b>items</b>\n\n```\nfn main() {}\n```\n\n| FR a | b |\n|---|---|\n| FR **x** | y |\n"), "{a}");
    let b = fs::read_to_string(site.root().join("content/announcements/b.fr.md")).unwrap();
    let hash = herald::content::text_hash(SOURCE_B);
    assert_eq!(b, format!("---\ntitle: FR Second\nsource_hash: {hash}\n# a comment kept\n---\n\nFR First paragraph.\n\nFR Second paragraph.\n"));
    let (code, out, err) = herald(&site, &["check", "--strict", "--stale"]);
    assert_eq!(code, 0, "{out}{err}");
    site.build_ok();
    let page = site.output("fr/announcements/a/index.html");
    assert!(
        page.contains("FR See <a href=\"/fr/announcements/b/\">the report</a>"),
        "{page}"
    );
    // Nothing left to export.
    let (code, _, err) = herald(&site, &["export", "--lang", "fr", "-o", "-"]);
    assert_eq!(
        (code, err.as_str()),
        (
            0,
            "nothing to export: `fr` has no missing or stale translation\n"
        )
    );
}

#[test]
fn announcements_written_in_another_language_are_exported_with_source() {
    let site = TestSite::with_config(&format!(
        "{CONFIG}  - {{ code: es, name: Español, official: true }}\n"
    ));
    site.write("locales/en/site.ftl", "site-title = Test\n");
    site.write("locales/fr/site.ftl", "site-title = Essai\n");
    site.write("locales/es/site.ftl", "site-title = Prueba\n");
    site.announcement(
        "c.fr.md",
        "---\ntitle: Troisième\ndate: 2025-01-03\n---\n\nTexte.\n",
    );
    let (code, _, err) = herald(&site, &["export", "--lang", "es", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "note: 1 announcement(s) written in `fr` need translating too: export them with --source fr\nnothing to export: `es` has no missing or stale translation\n");
    let (code, _, err) = herald(&site, &["export", "--lang", "en", "-o", "-"]);
    assert_eq!(code, 1);
    assert!(err.contains("herald export: error: `en` is the language translated from (--source, default: the site's default language): give another language to translate into with --lang"), "{err}");
    let (code, out, err) = herald(
        &site,
        &["export", "--lang", "en", "--source", "fr", "-o", "-"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("srcLang=\"fr\" trgLang=\"en\""), "{out}");
    assert!(
        out.contains("<file id=\"c\" original=\"content/announcements/c.fr.md\""),
        "{out}"
    );
    site.write("en.xlf", &fill(&out, |s| format!("EN {s}")));
    let (code, out, err) = herald(&site, &["import", "en.xlf"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "created content/announcements/c.en.md\n"),
        "{err}"
    );
}

#[test]
fn hostile_text_comes_back_unchanged() {
    let site = site();
    // Characters XML cannot hold, and a carriage return XML readers would drop.
    let controls = "---\ntitle: Controls\ndate: 2025-01-05\n---\n\nA bell \u{7} and an escape \u{1b}[0m,\r\nand a line in CRLF.\r\n";
    site.announcement("d.en.md", controls);
    let xml = export(&site);
    assert!(
        xml.contains("<source>A bell <cp hex=\"0007\"/> and an escape <cp hex=\"001B\"/>[0m,\nand a line in CRLF.</source>"),
        "{xml}"
    );
    assert!(
        xml.contains("a &lt; b &amp; c &gt; d; ]]&gt; and \u{202e}reversed\u{202c}, <ph id=\"1\""),
        "{xml}"
    );
    site.write("fr.xlf", &fill(&xml, |s| s.to_string()));
    let (code, _, err) = herald(&site, &["import", "fr.xlf"]);
    assert_eq!(code, 0, "{err}");
    let a = fs::read_to_string(site.root().join("content/announcements/a.fr.md")).unwrap();
    let body = &SOURCE_A[SOURCE_A.find("\n---\n").unwrap() + 5..];
    assert!(a.ends_with(&format!("---\n{body}{HOSTILE}\n")), "{a}");
    assert!(a.contains("title: Budget & <plans>\n"));
    let d = fs::read_to_string(site.root().join("content/announcements/d.fr.md")).unwrap();
    assert!(
        d.ends_with("---\n\nA bell \u{7} and an escape \u{1b}[0m,\r\nand a line in CRLF.\r\n"),
        "{d:?}"
    );
}

/// An import of `xml` fails with `message` at the place of `needle` in it, and
/// writes nothing.
fn fails_at(site: &TestSite, xml: &str, needle: &[&str], message: &str) {
    site.write("fr.xlf", xml);
    let before = common::snapshot(&site.root().join("content"));
    let (code, _, err) = herald(site, &["import", "fr.xlf"]);
    let (line, col) = position(xml, needle);
    assert_eq!(code, 1, "{err}");
    let expected = format!("fr.xlf:{line}:{col}: error: {message}");
    assert!(err.contains(&expected), "expected {expected}\ngot {err}");
    assert!(err.ends_with("nothing was written\n"), "{err}");
    assert_eq!(common::snapshot(&site.root().join("content")), before);
}

#[test]
fn every_error_is_at_its_place_and_nothing_is_written() {
    let site = site();
    let good = fill(&export(&site), french);
    // A target left out, and one left empty.
    let no_target = good.replacen("<target>FR Budget &amp; &lt;plans&gt;</target>", "", 1);
    fails_at(
        &site,
        &no_target,
        &["<segment state=\"initial\">"],
        "unit `title` has no <target>: translate it",
    );
    let empty = good.replacen(
        "<target>FR The year&apos;s budget.</target>",
        "<target> </target>",
        1,
    );
    fails_at(
        &site,
        &empty,
        &["<target> </target>"],
        "the target of unit `summary` is empty: translate it",
    );
    // A code dropped, duplicated, renumbered, a pair split the wrong way.
    let code = "<ph id=\"2\" type=\"other\" canCopy=\"no\" canDelete=\"no\" dataRef=\"d2\"/>";
    let target_of_b2 = good.find("<target>FR See").unwrap();
    let dropped = format!(
        "{}{}",
        &good[..target_of_b2],
        good[target_of_b2..].replacen(code, "", 1)
    );
    fails_at(
        &site,
        &dropped,
        &["<target>FR See"],
        "the target of unit `b2` lacks inline code `2` (`code`): keep every code of the source",
    );
    let twice = format!(
        "{}{}",
        &good[..target_of_b2],
        good[target_of_b2..].replacen(code, &format!("{code}{code}"), 1)
    );
    fails_at(
        &site,
        &twice,
        &["<target>FR See", code, code],
        "inline code `2` appears twice: each code of the source must be there once",
    );
    let renamed = format!(
        "{}{}",
        &good[..target_of_b2],
        good[target_of_b2..].replacen("<ph id=\"2\"", "<ph id=\"9\"", 1)
    );
    fails_at(
        &site,
        &renamed,
        &["<ph id=\"9\""],
        "inline code `9` is not in the source of unit `b2`: codes must keep their ids",
    );
    let crossed = good.replacen(
        "<target>FR The <pc id=\"1\" type=\"fmt\" canCopy=\"no\" canDelete=\"no\" dataRefStart=\"d1\" dataRefEnd=\"d1e\">new</pc> budget</target>",
        "<target>FR The <sc id=\"1\"/>new budget<ec startRef=\"1\"/><ec startRef=\"1\"/></target>",
        1,
    );
    fails_at(&site, &crossed, &["<ec startRef=\"1\"/></target>"], "<ec startRef=\"1\"> ends code `1`, which is not open here: paired codes must start before they end");
    // Malformed XML.
    let broken = good.replacen("<target>FR Second</target>", "<target>FR Second</tar>", 1);
    fails_at(&site, &broken, &["</tar>"], "malformed XML: ");
    // The source changed since the export.
    let source = site.root().join("content/announcements/b.en.md");
    fs::write(
        &source,
        SOURCE_B.replace("First paragraph.", "First paragraph, changed."),
    )
    .unwrap();
    fails_at(
        &site,
        &good,
        &["<file id=\"b\"", "<unit id=\"b1\""],
        "the source of unit `b1` changed since the export (content/announcements/b.en.md): export again and translate its new text",
    );
    fs::write(&source, SOURCE_B).unwrap();
    // A stale translation edited since the export is not overwritten either.
    let stale = site.root().join("content/announcements/b.fr.md");
    fs::write(&stale, STALE_B.replace("Premier", "Le premier")).unwrap();
    fails_at(
        &site,
        &good,
        &["<file id=\"b\""],
        "content/announcements/b.fr.md changed since the export: export again so that nothing written there since is lost",
    );
    fs::write(&stale, STALE_B).unwrap();
    // A translation that appeared since the export is never overwritten.
    site.announcement("a.fr.md", "---\ntitle: Déjà\n---\n\nDéjà.\n");
    fails_at(&site, &good, &["<file id=\"a\""], "content/announcements/a.fr.md appeared since the export: import never overwrites a translation; export again (`--stale`) to update it");
}
