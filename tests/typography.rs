//! Typography per language: straight quotes become the quotation marks CLDR gives the
//! language of the text (French « », German „ “, Chinese “ ”, Japanese 「」, Russian « »,
//! English “ ”), nested quotes the alternate marks, apostrophes `’`, French text gets
//! its no-break spaces; code, URLs and raw HTML stay as written; a fallback page keeps
//! the source language's marks; `markdown.typography: false` keeps the text as written.

mod common;

use std::path::PathBuf;

use common::search::fragments;
use common::{run_herald, TestSite, CONFIG};
use herald::incremental::Session;

/// No-break space (before `:` in French).
const NB: char = '\u{A0}';
/// Narrow no-break space (before `; ! ?` and inside « » in French).
const NN: char = '\u{202F}';

/// The example languages, German and Japanese.
fn config() -> String {
    CONFIG.replace(
        "paginate: 20\n",
        "  - { code: de, name: Deutsch }\n  - { code: ja, name: 日本語 }\npaginate: 20\n",
    )
}

/// An announcement file: front matter and body.
fn text(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2020-01-01\n---\n\n{body}\n")
}

/// A site with `config` and the announcement `quotes` in these languages, built with the
/// binary (it must succeed).
fn built(config: &str, versions: &[(&str, &str)]) -> TestSite {
    let site = TestSite::with_config(config);
    for (lang, body) in versions {
        site.announcement(&format!("quotes.{lang}.md"), &text("Quotes", body));
    }
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    site
}

/// The announcement's page in `lang` (a no-break space as the character, which the
/// sanitiser of a body with raw HTML writes `&nbsp;`).
fn page(site: &TestSite, lang: &str) -> String {
    site.output(&format!("{lang}/announcements/quotes/index.html"))
        .replace("&nbsp;", &NB.to_string())
}

const FRENCH: &str = r#"Il a dit "bonjour" : c'est fait ; vraiment! Pourquoi? "Il a dit "oui"".

Gardez `"x" : y; z!`, https://exemple.fr/l'été?a=1;b=2 et <https://exemple.fr/d'accord?x> tels quels.

<abbr title="Il dit : 'non'; bien!">ONU</abbr> a dit "non".

Écrit \"tel quel\", cité "ici"[^n].

[^n]: Note.

```
"bloc" : 'code';
```"#;

#[test]
fn french_quotes_and_spacing_leave_code_urls_and_html_alone() {
    let site = built(&config(), &[("en", "English."), ("fr", FRENCH)]);
    let html = page(&site, "fr");
    for expected in [
        format!(
            "<p>Il a dit «{NN}bonjour{NN}»{NB}: c’est fait{NN}; vraiment{NN}! Pourquoi{NN}? «{NN}Il a dit «{NN}oui{NN}»{NN}».</p>"
        ),
        // Code and URLs as written (the sentence's own `!`/`;` after them are French).
        "<p>Gardez <code>\"x\" : y; z!</code>, https://exemple.fr/l'été?a=1;b=2 et".to_string(),
        ">https://exemple.fr/d'accord?x</a> tels quels.".to_string(),
        // Raw HTML's attributes as written; its text is text.
        format!("<p><abbr title=\"Il dit : 'non'; bien!\">ONU</abbr> a dit «{NN}non{NN}».</p>"),
        // A backslash-escaped quote stays straight; a note's number closes a quote.
        format!("<p>Écrit \"tel quel\", cité «{NN}ici{NN}»<sup"),
        "<pre><code>\"bloc\" : 'code';\n</code></pre>".to_string(),
    ] {
        assert!(html.contains(&expected), "{expected}\nnot in\n{html}");
    }
}

#[test]
fn each_language_gets_its_own_marks() {
    let site = built(
        &config(),
        &[
            ("en", r#"She said "it's 'fine'" and left."#),
            ("de", r#""Er sagte "ja" dazu", und 's' auch."#),
            ("zh", r#"他说："你好"，然后'走了'。"#),
            ("ja", r#"彼は"こんにちは"と言った。"#),
            ("ru", r#""Он сказал "да"" и ушёл."#),
            ("es", r#"Dijo "sí"."#),
            ("pt", r#"Disse "sim"."#),
            ("ar", r#"قال "نعم"."#),
        ],
    );
    for (lang, expected) in [
        ("en", "She said “it’s ‘fine’” and left."),
        ("de", "„Er sagte ‚ja‘ dazu“, und ‚s‘ auch."),
        ("zh", "他说：“你好”，然后‘走了’。"),
        ("ja", "彼は「こんにちは」と言った。"),
        ("ru", "«Он сказал „да“» и ушёл."),
        // As CLDR 48 says for these languages.
        ("es", "Dijo “sí”."),
        ("pt", "Disse “sim”."),
        ("ar", "قال ”نعم“."),
    ] {
        let html = page(&site, lang);
        assert!(
            html.contains(&format!("<p>{expected}</p>")),
            "{lang}: {expected}\nnot in\n{html}"
        );
    }
}

#[test]
fn a_fallback_page_keeps_the_marks_of_its_text() {
    let site = built(
        &config(),
        &[("en", r#"The chair said "welcome": it's open!"#)],
    );
    let expected = "<p>The chair said “welcome”: it’s open!</p>";
    for lang in ["en", "fr", "de", "ja"] {
        let html = page(&site, lang);
        assert!(html.contains(expected), "{lang}: {html}");
    }
}

#[test]
fn summaries_feeds_and_search_get_the_text_of_the_page() {
    let site = built(
        &config(),
        &[
            ("en", "English."),
            ("fr", r#"Le comité a dit "oui" : c'est adopté!"#),
        ],
    );
    let expected = format!("Le comité a dit «{NN}oui{NN}»{NB}: c’est adopté{NN}!");
    assert!(page(&site, "fr").contains(&format!("<p>{expected}</p>")));
    // The list shows the summary (the first paragraph) and the page's description.
    assert!(site.output("fr/index.html").contains(&expected));
    assert!(page(&site, "fr").contains(&format!(
        "<meta name=\"description\" content=\"{expected}\">"
    )));
    // The feed: the summary, and the content (escaped once more, as Atom wants).
    let feed = site.output("fr/atom.xml");
    assert!(
        feed.contains(&format!("<summary>{expected}</summary>")),
        "{feed}"
    );
    assert!(
        feed.contains(&format!("&lt;p&gt;{expected}&lt;/p&gt;")),
        "{feed}"
    );
    // The search index.
    // The search index (Pagefind makes every space a plain one).
    let plain = |text: &str| text.replace([NB, NN], " ");
    let index = fragments(&site.root().join("public"));
    let fr = &index["fr"];
    assert!(
        fr.iter().any(|f| f.content.contains(&plain(&expected))),
        "{:?}",
        fr.iter().map(|f| &f.content).collect::<Vec<_>>()
    );
}

#[test]
fn a_summary_written_in_front_matter_is_set_too() {
    let site = TestSite::with_config(&config());
    site.announcement("quotes.en.md", &text("Quotes", "English."));
    site.announcement(
        "quotes.fr.md",
        "---\ntitle: Le \"titre\" tel quel\nsummary: 'Un \"résumé\" : voilà!'\n---\n\nCorps.\n",
    );
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let list = site.output("fr/index.html");
    assert!(
        list.contains(&format!("Un «{NN}résumé{NN}»{NB}: voilà{NN}!")),
        "{list}"
    );
    // Titles are front matter, shown as written.
    assert!(list.contains("Le &quot;titre&quot; tel quel"), "{list}");
}

#[test]
fn typography_false_keeps_the_text_as_written() {
    let config = format!("{}markdown:\n  typography: false\n", config());
    let site = built(
        &config,
        &[("en", r#"She said "it's fine"."#), ("fr", FRENCH)],
    );
    assert!(page(&site, "en").contains(r#"<p>She said "it's fine".</p>"#));
    let fr = page(&site, "fr");
    assert!(
        fr.contains(r#"Il a dit "bonjour" : c'est fait ; vraiment! Pourquoi?"#),
        "{fr}"
    );
    assert!(!fr.contains(NN) && !fr.contains(NB), "{fr}");
}

#[test]
fn an_invalid_setting_is_an_error_at_its_line() {
    let site = TestSite::with_config(&format!("{CONFIG}markdown:\n  typography: maybe\n"));
    let (code, _, stderr) = run_herald(site.root(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "site.yaml:14:15: error: `markdown.typography` must be `true` or `false`, not `maybe`\n"
        ),
        "{stderr}"
    );
}

#[test]
fn turning_typography_off_in_watch_mode_rebuilds_the_site() {
    let site = TestSite::with_config(&config());
    site.announcement("quotes.en.md", &text("Quotes", r#"Say "hi"."#));
    site.announcement("quotes.fr.md", &text("Citations", r#"Dites "salut"!"#));
    let (mut session, _) =
        Session::start(&site.options()).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    assert!(page(&site, "fr").contains(&format!("Dites «{NN}salut{NN}»{NN}!")));
    site.write(
        "site.yaml",
        &format!("{}markdown:\n  typography: false\n", config()),
    );
    session
        .rebuild_changed(&[PathBuf::from("site.yaml")])
        .unwrap_or_else(|d| panic!("{}", common::render(&d)));
    assert!(page(&site, "fr").contains(r#"Dites "salut"!"#));
    site.assert_same_as_a_full_build("typography: false");
}
