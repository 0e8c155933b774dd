//! Hugo-style shortcodes: the default theme's, a theme's own, errors with positions,
//! escaping, summaries, and shortcodes that stay text inside code.

mod common;

use common::{TestSite, CONFIG};

fn site_with_hosts() -> TestSite {
    TestSite::with_config(&format!(
        "{CONFIG}markdown:\n  iframe_hosts: [www.youtube-nocookie.com, player.vimeo.com]\n"
    ))
}

fn page(site: &TestSite, lang: &str, name: &str) -> String {
    site.output(&format!("{lang}/announcements/{name}/index.html"))
}

/// The main content of a page (the article), where the body is.
fn article(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("the end of main");
    &html[start..end]
}

const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x02, 0x80, 0x00, 0x00, 0x00, 0xf0, 0x08, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00,
];

#[test]
fn callouts_are_localized_and_carry_the_direction() {
    let site = TestSite::new();
    for lang in ["en", "zh", "ar"] {
        site.announcement(
            &format!("c.{lang}.md"),
            &format!(
                "---\ntitle: C {lang}\ndate: 2020-01-01\n---\n\nIntro.\n\n{{{{% note %}}}}\nThe office is **closed**.\n{{{{% /note %}}}}\n\n{{{{< warning >}}}}Bring <ID>{{{{< /warning >}}}}\n\n{{{{< caution title=\"Wet floor\" >}}}}Slow{{{{< /caution >}}}}\n"
            ),
        );
    }
    site.build_ok();
    let labels = [
        ("en", "Note", "Warning", "ltr"),
        ("zh", "注意", "警告", "ltr"),
        ("ar", "ملاحظة", "تحذير", "rtl"),
    ];
    for (lang, note, warning, dir) in labels {
        let html = page(&site, lang, "c");
        let body = article(&html);
        assert!(
            body.contains(&format!(
                "<aside class=\"callout callout-note\" dir=\"{dir}\" role=\"note\" aria-label=\"{note}\">\n<p class=\"callout-label\">{note}</p>\n<p>The office is <strong>closed</strong>.</p>\n\n</aside>"
            )),
            "{lang}: {body}"
        );
        // `{{< >}}` content is text: its markup is escaped.
        assert!(
            body.contains(&format!(
                "<p class=\"callout-label\">{warning}</p>\nBring &lt;ID&gt;\n</aside>"
            )),
            "{lang}: {body}"
        );
        // A title replaces the label, escaped.
        assert!(body.contains("aria-label=\"Wet floor\""), "{body}");
        // No shortcode text is left, and the callouts are not inside paragraphs.
        assert!(!body.contains("{{"), "{body}");
        assert!(!body.contains("<p><aside"), "{body}");
    }
}

#[test]
fn figure_has_caption_alt_link_and_the_size_of_the_file() {
    let site = TestSite::new();
    site.announcement(
        "pic/index.en.md",
        "---\ntitle: Pic\ndate: 2020-01-01\n---\n\n{{< figure src=\"map.png\" alt=\"A map\" caption=\"The <new> map\" link=\"https://example.com/map\" >}}\n\n{{< figure src=\"map.png\" width=\"320\" height=\"120\" >}}\n",
    );
    site.write_bytes("content/announcements/pic/map.png", PNG_1X1);
    site.build_ok();
    let html = page(&site, "en", "pic");
    assert!(
        html.contains("<figure class=\"figure\"><a href=\"https://example.com/map\"><img src=\"map.png\" alt=\"A map\" width=\"640\" height=\"240\" loading=\"lazy\"></a><figcaption>The &lt;new&gt; map</figcaption></figure>"),
        "{html}"
    );
    // Sizes given win over the file's; no alt is an empty one.
    assert!(
        html.contains(
            "<img src=\"map.png\" alt=\"\" width=\"320\" height=\"120\" loading=\"lazy\">"
        ),
        "{html}"
    );
}

#[test]
fn videos_use_privacy_enhanced_hosts_with_titles() {
    let site = site_with_hosts();
    site.announcement(
        "v.en.md",
        "---\ntitle: V\ndate: 2020-01-01\n---\n\n{{< youtube dQw4w9WgXcQ \"Launch video\" >}}\n\n{{< youtube id=\"abc\" title=\"Second\" start=\"30\" >}}\n\n{{< vimeo id=\"123456\" title=\"On Vimeo\" >}}\n",
    );
    site.build_ok();
    let html = page(&site, "en", "v");
    assert!(html.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" title=\"Launch video\""), "{html}");
    assert!(
        html.contains(
            "<iframe src=\"https://www.youtube-nocookie.com/embed/abc?start=30\" title=\"Second\""
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<iframe src=\"https://player.vimeo.com/video/123456?dnt=1\" title=\"On Vimeo\""
        ),
        "{html}"
    );
    assert!(!html.contains("www.youtube.com"), "{html}");
}

#[test]
fn an_iframe_host_not_allowed_is_an_error() {
    let site = TestSite::new();
    site.announcement(
        "v.en.md",
        "---\ntitle: V\ndate: 2020-01-01\n---\n\nSee:\n{{< vimeo id=\"1\" title=\"T\" >}}\n",
    );
    assert_eq!(
        site.build_err(),
        ["content/announcements/v.en.md:7:1: error: shortcode `vimeo` embeds an iframe from player.vimeo.com, which markdown.iframe_hosts in site.yaml does not list"]
    );
}

#[test]
fn details_and_mermaid() {
    let site = TestSite::new();
    site.announcement(
        "d.en.md",
        "---\ntitle: D\ndate: 2020-01-01\n---\n\n{{% details summary=\"More\" %}}\n- one\n- *two*\n{{% /details %}}\n\n{{< mermaid >}}\ngraph TD; A-->B\n{{< /mermaid >}}\n",
    );
    site.build_ok();
    let html = page(&site, "en", "d");
    assert!(
        html.contains("<details class=\"details\">\n<summary>More</summary>\n<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>\n\n</details>"),
        "{html}"
    );
    assert!(
        html.contains("<pre class=\"mermaid\">\ngraph TD; A--&gt;B\n</pre>"),
        "{html}"
    );
    assert!(!article(&html).contains("<script"), "{html}");
}

#[test]
fn nested_markdown_shortcodes() {
    let site = TestSite::new();
    site.announcement(
        "n.en.md",
        "---\ntitle: N\ndate: 2020-01-01\n---\n\n{{% note %}}\nOuter *text*.\n\n{{% details summary=\"Inner\" %}}\nDeep **bold** and `{{< code >}}`.\n{{% /details %}}\n{{% /note %}}\n",
    );
    site.build_ok();
    let html = page(&site, "en", "n");
    assert!(
        html.contains("<p>Outer <em>text</em>.</p>\n<details class=\"details\">\n<summary>Inner</summary>\n<p>Deep <strong>bold</strong> and <code>{{&lt; code &gt;}}</code>.</p>\n\n</details>"),
        "{html}"
    );
}

#[test]
fn shortcodes_in_code_stay_text() {
    let site = TestSite::new();
    site.announcement(
        "k.en.md",
        "---\ntitle: K\ndate: 2020-01-01\n---\n\nWrite `{{< note >}}` to add a note.\n\n```\n{{% unknown %}}\n{{< figure >}}\n```\n\n    {{< indented >}}\n",
    );
    site.build_ok();
    let html = page(&site, "en", "k");
    assert!(html.contains("<code>{{&lt; note &gt;}}</code>"), "{html}");
    assert!(
        html.contains("<pre><code>{{% unknown %}}\n{{&lt; figure &gt;}}\n</code></pre>"),
        "{html}"
    );
    assert!(html.contains("{{&lt; indented &gt;}}"), "{html}");
}

fn error_of(body: &str) -> Vec<String> {
    let site = site_with_hosts();
    site.announcement(
        "e.en.md",
        &format!("---\ntitle: E\ndate: 2020-01-01\n---\n{body}"),
    );
    match site.build() {
        Ok(_) => panic!("{body:?} built"),
        Err(d) => d.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn errors_name_the_file_line_and_column() {
    const FILE: &str = "content/announcements/e.en.md";
    let cases: &[(&str, String)] = &[
        (
            "\nText {{< nope a=\"b\" >}}\n",
            format!("{FILE}:6:6: error: unknown shortcode `nope`: the theme has no shortcodes/nope.html (it has: caution, details, figure, mermaid, note, vimeo, warning, youtube)"),
        ),
        (
            "\n\n{{% note %}}\nNever closed.\n",
            format!("{FILE}:7:1: error: shortcode `note` is not closed: end its content with {{{{% /note %}}}}"),
        ),
        (
            "\nA {{< figure src=\"x.png\"\n",
            format!("{FILE}:6:3: error: malformed shortcode `figure`: it is not closed with `>}}}}`"),
        ),
        (
            "\n  {{< youtube id=\"x >}}\n",
            format!("{FILE}:6:3: error: malformed shortcode `youtube`: a quoted value has no closing `\"`"),
        ),
        (
            "\n{{< >}}\n",
            format!("{FILE}:6:1: error: malformed shortcode: a name must follow `{{{{<` (letters, digits, `-`, `_`)"),
        ),
        (
            "\nx {{< /note >}}\n",
            format!("{FILE}:6:3: error: closing {{{{< /note >}}}} without an opening {{{{< note >}}}} before it"),
        ),
        (
            "\n{{< youtube id=\"x\" >}}\n",
            format!("{FILE}:6:1: error: shortcode `youtube` needs the argument `title`"),
        ),
        (
            "\n{{< figure src=\"a.png\" colour=\"red\" >}}\n",
            format!("{FILE}:6:1: error: shortcode `figure` has no argument `colour` (it takes `src`, `alt`, `caption`, `link`, `title`, `width`, `height`)"),
        ),
        (
            "\n{{< youtube a b c d >}}\n",
            format!("{FILE}:6:1: error: shortcode `youtube` takes at most 3 positional arguments (`id`, `title`, `start`), not 4"),
        ),
        (
            "\n{{< note a=\"1\" b >}}x{{< /note >}}\n",
            format!("{FILE}:6:1: error: malformed shortcode `note`: arguments are either all named (key=\"value\") or all positional"),
        ),
        (
            "\n{{< note >}}x{{% /note %}}\n",
            format!("{FILE}:6:14: error: shortcode `note` is opened with `{{{{<` but closed with `{{{{%`: close it with {{{{< /note >}}}}"),
        ),
        (
            "\n{{< note >}}x%}}\n",
            format!("{FILE}:6:1: error: shortcode `note` is not closed: end its content with {{{{< /note >}}}}"),
        ),
        (
            "\n{{< note >}x\n",
            format!("{FILE}:6:1: error: malformed shortcode `note`: it is not closed with `>}}}}`"),
        ),
        (
            "\n{{< note a=\"1\"b=\"2\" >}}x{{< /note >}}\n",
            format!("{FILE}:6:15: error: malformed shortcode `note`: arguments are separated by spaces"),
        ),
        (
            "\n{{< figure src=\"a.png\" >}}x{{< /figure >}}\n",
            format!("{FILE}:6:1: error: shortcode `figure` takes no content, but it is closed with {{{{< /figure >}}}}"),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(error_of(body), std::slice::from_ref(expected), "{body:?}");
    }
}

#[test]
fn hostile_arguments_are_escaped() {
    let site = site_with_hosts();
    site.announcement(
        "h.en.md",
        "---\ntitle: H\ndate: 2020-01-01\n---\n\n{{< figure src=\"javascript:alert(1)\" alt=\"\\\"><script>alert(2)</script>\" caption=\"<img src=x onerror=alert(3)>\" link=\" JaVaScRiPt:alert(4)\" >}}\n\n{{< youtube id=\"x\\\" onload=\\\"alert(5)\" title=\"<b>t</b>\" >}}\n\n{{< youtube `../../evil?x=1` \"t\" >}}\n\n{{< note title=\"</aside><script>alert(6)</script>\" >}}x{{< /note >}}\n",
    );
    site.build_ok();
    let html = page(&site, "en", "h");
    let body = article(&html);
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(!body.contains("javascript:"), "{body}");
    assert!(!body.to_lowercase().contains("javascript:"), "{body}");
    assert!(!body.contains("<img src=x"), "{body}");
    assert!(!body.contains("onload=\""), "{body}");
    assert!(
        body.contains(
            "<img src=\"#\" alt=\"&quot;&gt;&lt;script&gt;alert(2)&lt;&#x2F;script&gt;\""
        ) || body
            .contains("<img src=\"#\" alt=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\""),
        "{body}"
    );
    assert!(body.contains("/embed/..%2F..%2Fevil%3Fx%3D1\""), "{body}");
    assert!(
        body.contains("/embed/x%22%20onload%3D%22alert%285%29\""),
        "{body}"
    );
}

#[test]
fn summaries_show_the_inner_text_never_the_tags() {
    let site = TestSite::new();
    site.announcement(
        "s.en.md",
        "---\ntitle: S\ndate: 2020-01-01\n---\n\nOpening {{< note >}}closed today{{< /note >}} and {{< youtube id=\"x\" title=\"T\" >}} more.\n\nSecond.\n",
    );
    let site = {
        // The video needs its host allowed.
        site.write(
            "site.yaml",
            &format!("{CONFIG}markdown:\n  iframe_hosts: [www.youtube-nocookie.com]\n"),
        );
        site
    };
    site.build_ok();
    let list = site.output("en/index.html");
    assert!(list.contains("Opening closed today and  more."), "{list}");
    let feed = site.output("en/atom.xml");
    assert!(!feed.contains("{{"), "{feed}");
    assert!(!list.contains("{{"), "{list}");
}

#[test]
fn a_theme_writes_its_own_shortcode() {
    let site = TestSite::new();
    site.eject_theme();
    site.write(
        "themes/default/shortcodes/badge.html",
        "{#- params: label! -#}<span class=\"badge\" lang=\"{{ lang }}\" dir=\"{{ dir }}\">{{ params.label }}{% for a in args %}{{ a }}{% endfor %}</span>",
    );
    site.write(
        "themes/default/shortcodes/quote.html",
        "<blockquote data-n=\"{{ args | length }}\">{% for a in args %}[{{ a }}]{% endfor %}{{ inner }}</blockquote>",
    );
    site.announcement(
        "b.ar.md",
        "---\ntitle: B\ndate: 2020-01-01\n---\n\nA {{< badge label=\"جديد\" >}} here.\n\n{{% quote one \"two words\" %}}\n*q*\n{{% /quote %}}\n",
    );
    site.build_ok();
    let html = page(&site, "ar", "b");
    assert!(
        html.contains("<p>A <span class=\"badge\" lang=\"ar\" dir=\"rtl\">جديد</span> here.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<blockquote data-n=\"2\">[one][two words]<p><em>q</em></p>\n</blockquote>"),
        "{html}"
    );
}
