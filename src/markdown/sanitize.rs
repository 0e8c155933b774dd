//! The `sanitize` raw-HTML policy: ammonia with herald's allow-list, no form controls,
//! and the writer's `id`s prefixed with `user-content-` (as GitHub does) so they cannot
//! clobber the theme's ids or script globals, while herald's own heading and footnote
//! ids stay as they are.
//!
//! Herald's own ids are told apart from the writer's by a marker chosen at random per
//! process ([`own`]): herald writes it in front of the ids it makes, the attribute filter
//! takes it off again, and a writer cannot type what they cannot know. Nothing of the
//! markers reaches the output, so builds stay byte-identical.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What the writer's `id` and `name` values get in front of them.
pub const USER_PREFIX: &str = "user-content-";

/// Form controls: removed from the writer's HTML (a page must not ask for passwords).
/// `form` and `button` keep their text; `select` and `textarea` lose their content too
/// (option lists and default values are not prose).
pub const FORM_TAGS: [&str; 5] = ["input", "button", "select", "textarea", "form"];

/// The markers of this process: herald's own ids, in-page links decided after the
/// whole body is seen, task-list boxes, and where a section heading starts and ends.
struct Markers {
    own: String,
    link: String,
    task: String,
    section: String,
}

fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    MARKERS.get_or_init(|| {
        use std::hash::BuildHasher;
        // RandomState is seeded from the operating system's randomness.
        let n = std::collections::hash_map::RandomState::new().hash_one(std::process::id());
        Markers {
            own: format!("h{n:016x}"),
            link: format!("l{n:016x}"),
            task: format!("t{n:016x}"),
            section: format!("s{n:016x}"),
        }
    })
}

/// `id` marked as herald's own (a heading or footnote id), to survive sanitising unprefixed.
pub fn own(id: &str) -> String {
    format!("{}{id}", markers().own)
}

/// The word that marks where a section heading starts and ends until its self-link is
/// added (after sanitising, which would not keep the link's attributes).
pub(crate) fn section_marker() -> &'static str {
    &markers().section
}

/// A searcher for [`section_marker`], made once.
pub(crate) fn section_marks() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(section_marker().as_bytes()))
}

/// The text that stands for a task-list box while the page is sanitised (form controls
/// are removed from the writer's HTML; herald's own boxes are put back afterwards).
pub fn task_placeholder(checked: bool) -> String {
    format!("{}{}", markers().task, if checked { 'x' } else { 'o' })
}

/// What the attribute filter learns about the body it is cleaning. Ammonia calls the
/// filter on the calling thread, one document at a time.
#[derive(Default)]
struct Scope {
    /// Herald's heading ids in this body: `#id` links to them are kept.
    headings: HashSet<String>,
    /// The writer's ids, before prefixing.
    writer_ids: HashSet<String>,
    /// In-page link fragments, decided once every id of the body is known.
    fragments: Vec<String>,
}

thread_local! {
    static SCOPE: RefCell<Scope> = RefCell::default();
}

/// Sanitises the HTML of one body. `headings` are herald's heading ids in it (unmarked);
/// iframes whose `src` is https on one of `iframe_hosts` are kept.
pub fn clean(html: &str, headings: &[&str], iframe_hosts: &[String]) -> String {
    SCOPE.with(|s| {
        *s.borrow_mut() = Scope {
            headings: headings.iter().map(|h| h.to_string()).collect(),
            ..Scope::default()
        }
    });
    let cleaned = if iframe_hosts.is_empty() {
        sanitizer().clean(html).to_string()
    } else {
        sanitizer_with_iframes(iframe_hosts).clean(html).to_string()
    };
    let scope = SCOPE.with(|s| std::mem::take(&mut *s.borrow_mut()));
    finish(cleaned, &scope)
}

/// Resolves the deferred in-page links, puts herald's task-list boxes back and drops any
/// marker left in text (herald's markup swallowed by a writer's `<title>` or the like).
fn finish(mut html: String, scope: &Scope) -> String {
    let m = markers();
    if !scope.fragments.is_empty() {
        html = resolve_links(&html, &m.link, scope);
    }
    if html.contains(&m.task) {
        html = html
            .replace(
                &format!("{}x", m.task),
                "<input disabled=\"\" type=\"checkbox\" checked=\"\">\n",
            )
            .replace(
                &format!("{}o", m.task),
                "<input disabled=\"\" type=\"checkbox\">\n",
            );
    }
    if html.contains(&m.own) {
        html = html.replace(&m.own, "");
    }
    html
}

/// Replaces every `<link marker><n>` with fragment `n`: prefixed when it names one of the
/// writer's ids, as it was otherwise.
fn resolve_links(html: &str, marker: &str, scope: &Scope) -> String {
    let mut out = String::with_capacity(html.len() + scope.fragments.len() * USER_PREFIX.len());
    let mut rest = html;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let fragment = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| scope.fragments.get(n));
        match fragment {
            Some(fragment) => {
                if scope.writer_ids.contains(&percent_decoded(fragment)) {
                    out.push_str(USER_PREFIX);
                }
                escape_attribute(fragment, &mut out);
            }
            None => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Escapes an attribute value as html5ever's serializer does.
fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

/// A URL fragment with its `%XX` escapes decoded (browsers match ids that way).
fn percent_decoded(fragment: &str) -> String {
    if !fragment.contains('%') {
        return fragment.to_string();
    }
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The attribute filter: herald's ids lose their marker, the writer's get [`USER_PREFIX`],
/// and `#fragment` links are deferred until every id of the body is known.
fn filter_attribute<'v>(_element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    let m = markers();
    match attribute {
        "id" | "name" => {
            if let Some(ours) = value.strip_prefix(m.own.as_str()) {
                return Some(Cow::Borrowed(ours));
            }
            if value.is_empty() {
                return None;
            }
            SCOPE.with(|s| s.borrow_mut().writer_ids.insert(value.to_string()));
            Some(Cow::Owned(format!("{USER_PREFIX}{value}")))
        }
        // Table cells name their header cells by id.
        "headers" => Some(Cow::Owned(
            value
                .split_ascii_whitespace()
                .map(|id| match id.strip_prefix(m.own.as_str()) {
                    Some(ours) => ours.to_string(),
                    None => format!("{USER_PREFIX}{id}"),
                })
                .collect::<Vec<_>>()
                .join(" "),
        )),
        "href" => {
            let Some(fragment) = value.strip_prefix('#') else {
                return Some(Cow::Borrowed(value));
            };
            if let Some(ours) = fragment.strip_prefix(m.own.as_str()) {
                return Some(Cow::Owned(format!("#{ours}")));
            }
            SCOPE.with(|s| {
                let mut s = s.borrow_mut();
                if fragment.is_empty() || s.headings.contains(&percent_decoded(fragment)) {
                    return Some(Cow::Borrowed(value));
                }
                s.fragments.push(fragment.to_string());
                Some(Cow::Owned(format!("#{}{}", m.link, s.fragments.len() - 1)))
            })
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = base_sanitizer();
        b.attribute_filter(filter_attribute);
        b
    })
}

/// The sanitizer, also keeping `<iframe>`s whose `src` is https on one of `hosts`.
fn sanitizer_with_iframes(hosts: &[String]) -> ammonia::Builder<'static> {
    let hosts: Vec<String> = hosts.iter().map(|h| h.to_ascii_lowercase()).collect();
    let mut b = base_sanitizer();
    b.add_tags(["iframe"])
        .add_tag_attributes(
            "iframe",
            [
                "src",
                "width",
                "height",
                "title",
                "allow",
                "allowfullscreen",
                "loading",
            ],
        )
        .attribute_filter(move |element, attribute, value| {
            if element != "iframe" || attribute != "src" {
                return filter_attribute(element, attribute, value);
            }
            let rest = value.strip_prefix("https://")?;
            let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
            hosts.contains(&host).then(|| value.into())
        });
    b
}

fn base_sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.link_rel(None)
        .add_generic_attributes(["id", "class", "lang", "dir"])
        .add_tags(["figure", "figcaption", "details", "summary", "mark"])
        .rm_tags(FORM_TAGS)
        .add_clean_content_tags(["select", "textarea"])
        .add_tag_attributes("ol", ["start"]);
    b
}

#[cfg(test)]
mod tests {
    use crate::config::RawHtml;
    use crate::markdown::render;

    fn html(body: &str) -> String {
        render(body, RawHtml::Sanitize, &|_| None).html
    }

    #[test]
    fn form_controls_are_removed() {
        let out = html(concat!(
            "<form action=\"https://evil.example/\">Log in: ",
            "<input type=\"password\" name=\"pw\"><input type=\"submit\" value=\"Go\">",
            "<button type=\"submit\">Send</button>",
            "<select name=\"s\"><option>One</option></select>",
            "<textarea name=\"t\">Type &lt;here&gt;</textarea></form>\n",
        ));
        for tag in [
            "<form",
            "<input",
            "<button",
            "<select",
            "<option",
            "<textarea",
        ] {
            assert!(!out.contains(tag), "{tag}: {out}");
        }
        assert!(
            !out.contains("evil.example") && !out.contains("name="),
            "{out}"
        );
        // Labels a reader was meant to read stay; option lists and default values go.
        assert!(out.contains("Log in: ") && out.contains("Send"), "{out}");
        assert!(!out.contains("One") && !out.contains("here"), "{out}");
    }

    #[test]
    fn writer_ids_are_prefixed_and_links_to_them_follow() {
        let out = html(concat!(
            "# Contact\n\n",
            "<p id=\"location\">Here</p> <a name=\"top\">t</a>\n\n",
            "[to the place](#location), [to contact](#contact), [theme](#main), ",
            "<a href=\"#location\">raw</a> <a href=\"#contact\">raw heading</a>\n",
        ));
        assert!(out.contains(r#"<h1 id="contact">"#), "{out}");
        assert!(out.contains(r#"<p id="user-content-location">"#), "{out}");
        assert!(!out.contains("name="), "{out}");
        assert!(out.contains(r##"<a href="#user-content-location">to the place</a>"##));
        assert!(
            out.contains(r##"<a href="#contact">to contact</a>"##),
            "{out}"
        );
        assert!(out.contains(r##"<a href="#main">theme</a>"##), "{out}");
        assert!(out.contains(r##"<a href="#user-content-location">raw</a>"##));
        assert!(
            out.contains(r##"<a href="#contact">raw heading</a>"##),
            "{out}"
        );
    }

    #[test]
    fn a_writer_heading_in_html_is_prefixed_not_herald_s() {
        let out = html(concat!(
            "## Intro\n\n<h2 id=\"intro\">Mine</h2>\n\n",
            "<table><tr><th id=\"a\">A</th><td headers=\"a  b\">x</td></tr></table>\n",
        ));
        assert!(out.contains(r#"<h2 id="intro">Intro</h2>"#), "{out}");
        assert!(
            out.contains(r#"<h2 id="user-content-intro">Mine</h2>"#),
            "{out}"
        );
        assert!(out.contains(r#"<th id="user-content-a">"#), "{out}");
        assert!(
            out.contains(r#"<td headers="user-content-a user-content-b">"#),
            "{out}"
        );
    }

    #[test]
    fn footnotes_and_task_lists_are_the_same_with_or_without_raw_html() {
        let md = "Text[^n].\n\n- [x] done\n- [ ] todo\n\n[^n]: The note.\n";
        let plain = html(md);
        let with_html = html(&format!("{md}\n<b>raw</b>\n"));
        for part in [
            r##"<a href="#n">1</a>"##,
            r#"<div class="footnote-definition" id="n">"#,
            "<input disabled=\"\" type=\"checkbox\" checked=\"\"",
            "<input disabled=\"\" type=\"checkbox\"",
            "\ndone</li>",
        ] {
            assert!(plain.contains(part), "{part}: {plain}");
            assert!(with_html.contains(part), "{part}: {with_html}");
        }
        assert!(!with_html.contains("user-content"), "{with_html}");
    }

    #[test]
    fn no_marker_reaches_the_output() {
        let m = super::markers();
        for md in [
            "<title>\n\n# Heading[^a]\n\n- [x] t\n\n[^a]: n\n",
            "<textarea>\n\n# Heading\n\n- [x] t\n",
            "<xmp>\n\n# Heading\n\n[a](#zz)\n",
            "<plaintext>\n\n# Heading\n",
        ] {
            let out = html(md);
            for marker in [&m.own, &m.link, &m.task] {
                assert!(!out.contains(marker.as_str()), "{md:?}: {out}");
            }
        }
    }

    #[test]
    fn fragments_are_escaped_and_decoded() {
        let out = html(
            "<span id=\"café\">x</span> <a href=\"#caf%C3%A9\">a</a> <a href='#a\"b&amp;'>b</a>\n",
        );
        assert!(out.contains(r#"id="user-content-café""#), "{out}");
        assert!(out.contains(r##"href="#user-content-caf%C3%A9""##), "{out}");
        assert!(out.contains(r##"href="#a&quot;b&amp;""##), "{out}");
    }
}
