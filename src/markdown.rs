//! Markdown to HTML: heading ids, summaries, `@/` links and the raw-HTML policy.

use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::config::RawHtml;

pub(crate) mod blocks;
mod cjk;
mod html_depth;
pub(crate) mod inline;
mod limits;
mod sanitize;
pub mod shortcodes;
pub mod typography;

/// Whether a tag is inline (emphasis, a link, an image…), not a block or a part of one:
/// what the block splitter and typography agree on.
pub(crate) fn is_inline_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}
pub use limits::{Exceeded, MAX_HTML_NESTING, MAX_NESTING};
pub use sanitize::{FORM_TAGS, USER_PREFIX};

/// A heading of the table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The `id` given to the heading.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// The result of rendering one Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML. From [`render_page`], its section headings (`h2`–`h4`) are marked
    /// until [`link_sections`] gives them their self-links or drops the marks.
    pub html: String,
    /// Headings, in order.
    pub toc: Vec<Heading>,
    /// Ids written with `{#id}` that the page already uses, in order.
    pub taken: Vec<TakenId>,
}

/// An id written with `{#id}` that the page already uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenId {
    /// The id as written.
    pub id: String,
    /// Whether the theme's templates use it (else an earlier heading of the body does).
    pub by_theme: bool,
}

/// The levels of the headings that are sections: they get a self-link and a place in
/// the table of contents.
pub const SECTION_LEVELS: std::ops::RangeInclusive<u8> = 2..=4;

/// What the model needs of a Markdown body without rendering it: its summary and
/// the announcements it links to (with byte offsets, for errors).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The first paragraph as plain text.
    pub summary: String,
    /// The byte ranges of `summary` that typography leaves as written: code, autolinks,
    /// image text alternatives, backslash escapes and entities.
    pub summary_literal: Vec<std::ops::Range<usize>>,
    /// `@/` link targets: announcement name and byte offset of the link.
    pub links: Vec<(String, usize)>,
    /// The shortcodes it uses, nested ones too (checked against the theme's).
    pub shortcodes: Vec<shortcodes::Use>,
    /// The ids its headings give with `{#id}`, with the byte offset of each `{`.
    pub heading_ids: Vec<(String, usize)>,
}

/// Reads a body once for its summary and `@/` links (no HTML is produced); an error
/// where it nests deeper than herald's limits ([`MAX_NESTING`], [`MAX_HTML_NESTING`]).
pub fn scan(body: &str) -> Result<Scan, Exceeded> {
    limits::check_text(body)?;
    let mut out = Scan {
        shortcodes: shortcodes::uses(body)?,
        ..Scan::default()
    };
    // The summary shows a shortcode's inner text, never its tags.
    let tags = if out.shortcodes.is_empty() {
        Vec::new()
    } else {
        shortcodes::tag_ranges(body)
    };
    let mut in_first = None::<bool>;
    let mut depth = limits::Depth::default();
    // Inside an image's text or an autolink: text typography leaves as written.
    let (mut in_image, mut in_autolink) = (0usize, 0usize);
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        depth.see(body, &event, &range)?;
        match event {
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => {
                if let Some(name) = internal_target(&dest_url) {
                    out.links.push((name.to_string(), range.start));
                }
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    in_autolink += 1;
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(name) = internal_target(&dest_url) {
                    out.links.push((name.to_string(), range.start));
                }
                in_image += 1;
            }
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => {
                let brace = body[range.clone()]
                    .rfind('{')
                    .map_or(range.start, |i| range.start + i);
                let refused = classes.first().map(|c| format!(".{c}")).or_else(|| {
                    attrs.first().map(|(k, v)| match v {
                        Some(v) => format!("{k}={v}"),
                        None => k.to_string(),
                    })
                });
                if let Some(refused) = refused {
                    return Err(Exceeded {
                        offset: brace,
                        message: format!("a heading's `{{…}}` may only give its id, as `{{#an-id}}`, not `{refused}`; to show the braces as text, write `\\}}` for the closing one"),
                    });
                }
                if let Some(id) = id {
                    out.heading_ids.push((id.to_string(), brace));
                }
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::End(TagEnd::Link) => in_autolink = in_autolink.saturating_sub(1),
            Event::Start(Tag::Paragraph) if in_first.is_none() => in_first = Some(true),
            Event::End(TagEnd::Paragraph) if in_first == Some(true) => in_first = Some(false),
            Event::Text(t) if in_first == Some(true) => {
                let start = out.summary.len();
                let literal = in_image + in_autolink > 0 || body.get(range.clone()) != Some(&*t);
                let escaped = typography::escaped(body, range.start);
                if tags.is_empty() {
                    out.summary.push_str(&t);
                } else {
                    push_untagged(&mut out.summary, body, &t, range, &tags);
                }
                if literal {
                    out.summary_literal.push(start..out.summary.len());
                } else if let Some(c) = out.summary[start..].chars().next().filter(|_| escaped) {
                    out.summary_literal.push(start..start + c.len_utf8());
                }
            }
            Event::Code(t) if in_first == Some(true) => {
                let start = out.summary.len();
                out.summary.push_str(&t);
                out.summary_literal.push(start..out.summary.len());
            }
            Event::SoftBreak | Event::HardBreak if in_first == Some(true) => out.summary.push(' '),
            _ => {}
        }
    }
    // Trimmed, with the literal ranges shifted to match.
    let lead = out.summary.len() - out.summary.trim_start().len();
    out.summary = out.summary.trim().to_string();
    let len = out.summary.len();
    for r in &mut out.summary_literal {
        *r = r.start.saturating_sub(lead).min(len)..r.end.saturating_sub(lead).min(len);
    }
    Ok(out)
}

/// Adds text `t` (at `range` of `body`) to `summary` without the parts that are shortcode tags.
fn push_untagged(
    summary: &mut String,
    body: &str,
    t: &str,
    range: std::ops::Range<usize>,
    tags: &[std::ops::Range<usize>],
) {
    let overlaps = |r: &std::ops::Range<usize>| r.start < range.end && range.start < r.end;
    if !tags.iter().any(overlaps) {
        summary.push_str(t);
        return;
    }
    if body.get(range.clone()) != Some(t) {
        // Text that is not the source verbatim (escapes) and touches a tag: left out.
        return;
    }
    let mut at = range.start;
    for tag in tags.iter().filter(|r| overlaps(r)) {
        if tag.start > at {
            summary.push_str(&body[at..tag.start]);
        }
        at = at.max(tag.end);
    }
    if at < range.end {
        summary.push_str(&body[at..range.end]);
    }
}

/// The announcement name an `@/announcements/<name>.md[#frag]` link points to.
pub fn internal_target(dest: &str) -> Option<&str> {
    let rest = dest.strip_prefix(INTERNAL_PREFIX)?;
    let target = rest.split('#').next().unwrap_or(rest);
    let name = target.strip_suffix(".md").unwrap_or(target);
    Some(name.strip_suffix("/index").unwrap_or(name))
}

/// The Markdown extensions herald renders with.
pub(crate) fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    // `## Heading {#its-id}`, as Hugo and Zola read it.
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options.insert(cjk::EMPHASIS);
    options
}

/// The prefix of internal links to announcements.
pub const INTERNAL_PREFIX: &str = "@/announcements/";

/// Renders `body`; `resolve` maps an announcement name to its URL in the page's language.
pub fn render(body: &str, policy: RawHtml, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
    render_with(body, policy, &[], resolve)
}

/// Like [`render`]; under `sanitize`, iframes from `iframe_hosts` are kept.
/// A `@/` link to a missing announcement becomes `#` (the model reports it once per
/// file from [`scan`], with its position).
pub fn render_with(
    body: &str,
    policy: RawHtml,
    iframe_hosts: &[String],
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    render_sized(body, policy, iframe_hosts, resolve, &|_| None)
}

/// Like [`render_with`]; images whose size `size_of` knows (by their URL as written,
/// `@/` links resolved) get `width` and `height`, so pages do not shift while loading.
pub fn render_sized(
    body: &str,
    policy: RawHtml,
    iframe_hosts: &[String],
    resolve: &dyn Fn(&str) -> Option<String>,
    size_of: &dyn Fn(&str) -> Option<crate::images::Size>,
) -> Rendered {
    let mut rendered = render_page(body, policy, iframe_hosts, resolve, size_of, None, None).0;
    rendered.html = link_sections(&rendered.html, &rendered.toc, None);
    rendered
}

/// Like [`render_sized`], with the shortcodes rendered by `env` (without it they stay
/// text). Shortcode output is the theme's HTML: it is not sanitised (its arguments are
/// escaped by the theme's templates). Also returns errors: byte offset in `body` and
/// message (a shortcode whose template failed is left out). The text is set in
/// `typography` (the text's language), if given.
pub fn render_page(
    body: &str,
    policy: RawHtml,
    iframe_hosts: &[String],
    resolve: &dyn Fn(&str) -> Option<String>,
    size_of: &dyn Fn(&str) -> Option<crate::images::Size>,
    env: Option<shortcodes::Env>,
    typography: Option<typography::Typography>,
) -> (Rendered, Vec<(usize, String)>) {
    let setup = Setup {
        policy,
        iframe_hosts,
        resolve,
        size_of,
        typography,
        theme_ids: env.map_or(&[], |e| e.theme_ids),
        hidden: None,
    };
    let Some(env) = env.filter(|_| shortcodes::may_have(body)) else {
        return (render_markdown(body, &setup), Vec::new());
    };
    let nodes = match shortcodes::parse(body, 0) {
        Ok(nodes) if !nodes.is_empty() => nodes,
        Ok(_) => return (render_markdown(body, &setup), Vec::new()),
        Err(e) => return (render_markdown(body, &setup), vec![(e.offset, e.message)]),
    };
    // Each shortcode becomes a word the Markdown leaves alone (a hash of the body, so
    // that the writer cannot type it), then its HTML replaces the word.
    let tag = word_tag("hsc", body);
    let mut text = String::with_capacity(body.len());
    let mut last = 0;
    for (k, node) in nodes.iter().enumerate() {
        text.push_str(&body[last..node.range.start]);
        text.push_str(&format!("{tag}{k}e"));
        last = node.range.end;
    }
    text.push_str(&body[last..]);
    // Headings read without the words: their ids and text do not hold the hash.
    let mut rendered = render_markdown(
        &text,
        &Setup {
            hidden: Some(&tag),
            ..setup
        },
    );
    let url = |dest: &str| rewrite_url(CowStr::from(dest.to_string()), policy, resolve).to_string();
    let ctx = NodeCtx {
        policy,
        iframe_hosts,
        resolve,
        size_of,
        url: &url,
        env,
        typography,
    };
    let mut errors = Vec::new();
    let outputs: Vec<String> = nodes
        .iter()
        .map(|node| {
            render_node(body, node, &ctx).unwrap_or_else(|e| {
                errors.push(e);
                String::new()
            })
        })
        .collect();
    rendered.html = put_back(&rendered.html, &tag, &outputs);
    (rendered, errors)
}

/// What rendering a Markdown text needs besides the text.
#[derive(Clone, Copy)]
struct Setup<'a> {
    policy: RawHtml,
    iframe_hosts: &'a [String],
    resolve: &'a dyn Fn(&str) -> Option<String>,
    size_of: &'a dyn Fn(&str) -> Option<crate::images::Size>,
    typography: Option<typography::Typography>,
    /// The ids the theme's templates use: headings do not take them.
    theme_ids: &'a [String],
    /// The word that stands for shortcodes (see [`render_page`]), left out of heading text.
    hidden: Option<&'a str>,
}

/// What rendering one shortcode needs.
struct NodeCtx<'a> {
    policy: RawHtml,
    iframe_hosts: &'a [String],
    resolve: &'a dyn Fn(&str) -> Option<String>,
    size_of: &'a dyn Fn(&str) -> Option<crate::images::Size>,
    url: &'a dyn Fn(&str) -> String,
    env: shortcodes::Env<'a>,
    typography: Option<typography::Typography>,
}

/// The HTML of one shortcode of `text`, its inner content first; an error's offset is in `text`.
fn render_node(
    text: &str,
    node: &shortcodes::Node,
    ctx: &NodeCtx,
) -> Result<String, (usize, String)> {
    let inner = match &node.inner {
        None => None,
        Some(r) => {
            let sub = &text[r.clone()];
            let shift = |(at, m): (usize, String)| (at + r.start, m);
            Some(match node.call.delim {
                shortcodes::Delim::Percent => {
                    let (inner, errors) = render_page(
                        sub,
                        ctx.policy,
                        ctx.iframe_hosts,
                        ctx.resolve,
                        ctx.size_of,
                        Some(ctx.env),
                        ctx.typography,
                    );
                    if let Some(e) = errors.into_iter().next() {
                        return Err(shift(e));
                    }
                    // Headings inside a shortcode are not sections of the page.
                    link_sections(&inner.html, &inner.toc, None)
                }
                shortcodes::Delim::Angle => {
                    use pulldown_cmark_escape::escape_html;
                    let children =
                        shortcodes::parse(sub, 0).map_err(|e| (e.offset + r.start, e.message))?;
                    let mut out = String::with_capacity(sub.len());
                    let mut last = 0;
                    for child in &children {
                        let _ = escape_html(&mut out, &sub[last..child.range.start]);
                        out.push_str(&render_node(sub, child, ctx).map_err(shift)?);
                        last = child.range.end;
                    }
                    let _ = escape_html(&mut out, &sub[last..]);
                    out
                }
            })
        }
    };
    let call = shortcodes::Call {
        call: &node.call,
        inner,
        url: ctx.url,
        size_of: ctx.size_of,
        lang: ctx.env.lang,
        dir: ctx.env.dir,
    };
    ctx.env
        .renderer
        .render_shortcode(&call)
        .map_err(|m| (node.call.offset, m))
}

/// `html` with each `{tag}{k}e` replaced by `outputs[k]`; a paragraph of just one
/// is replaced whole (a shortcode on its own is a block).
fn put_back(html: &str, tag: &str, outputs: &[String]) -> String {
    let mut out =
        String::with_capacity(html.len() + outputs.iter().map(String::len).sum::<usize>());
    let mut last = 0;
    for (word, k) in words(html, tag) {
        let Some(output) = outputs.get(k) else {
            continue;
        };
        let before = &html[last..word.start];
        match (
            before.strip_suffix("<p>"),
            html[word.end..].strip_prefix("</p>"),
        ) {
            (Some(b), Some(_)) => {
                out.push_str(b);
                last = word.end + "</p>".len();
            }
            _ => {
                out.push_str(before);
                last = word.end;
            }
        }
        out.push_str(output);
    }
    out.push_str(&html[last..]);
    out
}

/// The word that stands for the `k`-th thing of `kind` in `text`, before its `k` and
/// `e`: a hash of the text, so that its writer cannot type it.
fn word_tag(kind: &str, text: &str) -> String {
    format!("{kind}{:016x}n", crate::hash::stable_hash(text))
}

/// The words `{tag}{k}e` in `html`: each one's byte range and `k`, in order.
fn words<'a>(
    html: &'a str,
    tag: &'a str,
) -> impl Iterator<Item = (std::ops::Range<usize>, usize)> + 'a {
    let mut from = 0;
    let finder = memchr::memmem::Finder::new(tag);
    std::iter::from_fn(move || loop {
        let at = from + finder.find(&html.as_bytes()[from..])?;
        let after = at + tag.len();
        let digits = html[after..].bytes().take_while(u8::is_ascii_digit).count();
        from = after;
        let k = html[after..after + digits].parse::<usize>().ok();
        if let (Some(k), Some(_)) = (k, html[after + digits..].strip_prefix('e')) {
            from = after + digits + 1;
            return Some((at..from, k));
        }
    })
}

/// Renders Markdown (no shortcodes) under the raw-HTML policy, set in its typography.
fn render_markdown(body: &str, setup: &Setup) -> Rendered {
    let Setup {
        policy,
        iframe_hosts,
        resolve,
        size_of,
        typography,
        ..
    } = *setup;
    let mut saw_raw_html = false;
    // The events stream into the HTML: only a heading's are held, for its id (and a
    // paragraph's text, for its typography).
    let parsed = Parser::new_ext(body, options()).into_offset_iter();
    let events = typography::typeset(body, parsed, typography).map(|event| {
        let rewrite = |dest| rewrite_url(dest, policy, resolve);
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rewrite(dest_url),
                title,
                id,
            }),
            Event::Html(raw) | Event::InlineHtml(raw) if policy == RawHtml::Escape => {
                Event::Text(raw)
            }
            e @ (Event::Html(_) | Event::InlineHtml(_)) => {
                saw_raw_html = true;
                e
            }
            e => e,
        }
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    // Without `<` there is no raw HTML to sanitise, and without `![` no image to size:
    // the events stream into the HTML.
    if (policy != RawHtml::Sanitize || !body.contains('<')) && !body.contains("![") {
        let mut headings = HeadingIds::new(events, false, setup);
        html::push_html(&mut out, &mut headings);
        return Rendered {
            html: out,
            toc: headings.toc,
            taken: headings.taken,
        };
    }
    // Whether the body has raw HTML is known once it is read; herald's own ids and
    // task boxes are then marked for the sanitiser before the HTML is written.
    let events: Vec<Event> = events.collect();
    let mut events = size_images(events, size_of);
    let sanitizing = saw_raw_html && policy == RawHtml::Sanitize;
    if sanitizing {
        mark_own_markup(&mut events);
    }
    let mut headings = HeadingIds::new(events.into_iter(), sanitizing, setup);
    html::push_html(&mut out, &mut headings);
    let (toc, taken) = (headings.toc, headings.taken);
    if sanitizing {
        let ids: Vec<&str> = toc.iter().map(|h| h.id.as_str()).collect();
        out = sanitize::clean(&out, &ids, iframe_hosts);
    }
    Rendered {
        html: out,
        toc,
        taken,
    }
}

/// Writes each image whose size is known as one `<img>` with `width` and `height`
/// (otherwise as pulldown-cmark writes it: the same escaping, the same attributes).
fn size_images<'a>(
    mut events: Vec<Event<'a>>,
    size_of: &dyn Fn(&str) -> Option<crate::images::Size>,
) -> Vec<Event<'a>> {
    use pulldown_cmark_escape::{escape_href, escape_html};
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &events[i]
        {
            if let Some((width, height)) = size_of(dest_url) {
                // The alt text, as pulldown-cmark writes it: the text inside, escaped.
                let mut alt = String::new();
                let mut nest = 0;
                let mut end = None;
                for (j, event) in events.iter().enumerate().skip(i + 1) {
                    match event {
                        Event::Start(_) => nest += 1,
                        Event::End(_) if nest == 0 => {
                            end = Some(j);
                            break;
                        }
                        Event::End(_) => nest -= 1,
                        Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                            let _ = escape_html(&mut alt, t);
                        }
                        Event::SoftBreak | Event::HardBreak => alt.push(' '),
                        _ => break,
                    }
                }
                if let Some(end) = end {
                    let mut tag = String::from("<img src=\"");
                    let _ = escape_href(&mut tag, dest_url);
                    tag.push_str("\" alt=\"");
                    tag.push_str(&alt);
                    if !title.is_empty() {
                        tag.push_str("\" title=\"");
                        let _ = escape_html(&mut tag, title);
                    }
                    tag.push_str(&format!("\" width=\"{width}\" height=\"{height}\" />"));
                    out.push(Event::InlineHtml(CowStr::from(tag)));
                    i = end + 1;
                    continue;
                }
            }
        }
        out.push(std::mem::replace(&mut events[i], Event::SoftBreak));
        i += 1;
    }
    out
}

/// Marks herald's own footnote ids and task-list boxes so that sanitising, which
/// prefixes the writer's ids and removes the writer's form controls, leaves them be.
fn mark_own_markup(events: &mut [Event]) {
    for event in events.iter_mut() {
        match event {
            Event::FootnoteReference(label) => {
                *label = CowStr::from(sanitize::own(label));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                *label = CowStr::from(sanitize::own(label));
            }
            Event::TaskListMarker(checked) => {
                *event = Event::Text(CowStr::from(sanitize::task_placeholder(*checked)));
            }
            _ => {}
        }
    }
}

fn rewrite_url<'a>(
    dest: CowStr<'a>,
    policy: RawHtml,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> CowStr<'a> {
    if let Some(name) = internal_target(&dest) {
        let fragment = dest.split_once('#').map(|(_, f)| f);
        return match (resolve(name), fragment) {
            (Some(url), Some(f)) => CowStr::from(format!("{url}#{f}")),
            (Some(url), None) => CowStr::from(url),
            (None, _) => CowStr::from("#"),
        };
    }
    if policy != RawHtml::Allow && is_dangerous_url(&dest) {
        return CowStr::from("#");
    }
    dest
}

/// The word that stands for the URL of `body`'s `k`-th `@/` link in HTML rendered once
/// for every language ([`fill_links`] puts each page's URLs in).
pub fn link_tag(body: &str) -> String {
    word_tag("hlk", body)
}

/// `html` with each `{tag}{k}e` replaced by `urls[k]`, written as pulldown-cmark writes
/// a link's URL.
pub fn fill_links(html: &str, tag: &str, urls: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + urls.len() * 32);
    let mut last = 0;
    for (word, k) in words(html, tag) {
        let Some(url) = urls.get(k) else {
            continue;
        };
        out.push_str(&html[last..word.start]);
        let _ = pulldown_cmark_escape::escape_href(&mut out, url);
        last = word.end;
    }
    out.push_str(&html[last..]);
    out
}

/// Whether a URL would run script or embed data when followed.
pub fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("javascript:")
        || cleaned.starts_with("vbscript:")
        || cleaned.starts_with("data:")
}

/// Gives every heading a unique id as the events stream past (its `{#id}`, else one
/// made from its text), holding back only the events of the heading being read; keeps
/// the headings, and marks where each section heading ([`SECTION_LEVELS`]) starts and
/// ends for [`link_sections`].
struct HeadingIds<'a, 's, I> {
    events: I,
    held: VecDeque<Event<'a>>,
    used: HashSet<String>,
    /// For each id made unique with a suffix: the next suffix to try.
    next_suffix: HashMap<String, usize>,
    toc: Vec<Heading>,
    taken: Vec<TakenId>,
    /// Whether ids in the HTML are marked as herald's for the sanitiser.
    own: bool,
    setup: &'s Setup<'s>,
}

impl<'a, 's, I: Iterator<Item = Event<'a>>> HeadingIds<'a, 's, I> {
    fn new(events: I, own: bool, setup: &'s Setup<'s>) -> Self {
        HeadingIds {
            events,
            held: VecDeque::new(),
            // An id the theme's templates use is taken before the first heading.
            used: setup.theme_ids.iter().cloned().collect(),
            next_suffix: HashMap::new(),
            toc: Vec::new(),
            taken: Vec::new(),
            own,
            setup,
        }
    }

    /// `base`, or `base-1`, `base-2`… the first not used yet. A suffix tried once is
    /// not tried again, so many headings with one text cost one look-up each.
    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(held) = self.held.pop_front() {
            return Some(held);
        }
        let start = self.events.next()?;
        let Event::Start(Tag::Heading { level, id, .. }) = &start else {
            return Some(start);
        };
        let (level, explicit) = (heading_number(*level), id.as_ref().map(|s| s.to_string()));
        let mut text = String::new();
        for event in self.events.by_ref() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
            self.held.push_back(event);
            if end {
                break;
            }
        }
        if let Some(tag) = self.setup.hidden.filter(|tag| text.contains(tag)) {
            text = without_words(&text, tag);
        }
        let unique = match explicit {
            Some(id) => {
                if self.used.contains(&id) {
                    let by_theme = self.setup.theme_ids.contains(&id);
                    self.taken.push(TakenId {
                        id: id.clone(),
                        by_theme,
                    });
                }
                self.unique(id)
            }
            None => self.unique(heading_slug(&text)),
        };
        let mut start = start;
        if let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = &mut start
        {
            *id = Some(CowStr::from(if self.own {
                sanitize::own(&unique)
            } else {
                unique.clone()
            }));
            // Only `{#id}` is read (`scan` refuses the rest).
            classes.clear();
            attrs.clear();
        }
        let section = SECTION_LEVELS.contains(&level);
        if section {
            let mark = sanitize::section_marker();
            let k = self.toc.len();
            self.held
                .push_back(Event::Html(CowStr::from(format!("{mark}c{k}e"))));
            self.held.push_front(start);
            start = Event::Html(CowStr::from(format!("{mark}o{k}e\n")));
        }
        self.toc.push(Heading {
            level,
            id: unique,
            text,
        });
        Some(start)
    }
}

/// `text` without the words `{tag}{k}e` that stand for shortcodes.
fn without_words(text: &str, tag: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(tag) {
        out.push_str(&rest[..at]);
        let after = &rest[at + tag.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        rest = after[digits..]
            .strip_prefix('e')
            .unwrap_or(&after[digits..]);
    }
    out.push_str(rest);
    out
}

/// How a page's section headings link to themselves.
pub struct SelfLinks<'a> {
    /// The accessible name of each heading's link, by its place in the headings, in
    /// the page's language, without isolation marks ("Link to this section: …").
    pub labels: &'a [String],
    /// The page's language and direction, when the text is in another language (the
    /// link's name is in the page's).
    pub lang: Option<(&'a str, &'a str)>,
}

/// `html` (of a [`Rendered`] with these headings) with each section heading wrapped
/// with its self-link, `<div class="heading"><h2 id="x">…</h2>\n<a class="heading-link"
/// href="#x" aria-label="…">#</a></div>`; without `links`, the headings as they are
/// (a feed's entries). A mark whose heading is not where it should be (inside a
/// writer's element that turned it into text) is dropped.
pub fn link_sections(html: &str, toc: &[Heading], links: Option<&SelfLinks>) -> String {
    use pulldown_cmark_escape::escape_html;
    let mark = sanitize::section_marker();
    // The mark cannot overlap itself (`s` and hex digits): each one is found.
    let marks = sanitize::section_marks();
    if marks.find(html.as_bytes()).is_none() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + toc.len() * 160);
    let mut rest = html;
    // The section whose `<div>` is open (headings do not nest).
    let mut opened = None;
    while let Some(at) = marks.find(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at + mark.len()..];
        let (open, after) = match after.as_bytes().first() {
            Some(b'o') => (true, &after[1..]),
            Some(b'c') => (false, &after[1..]),
            _ => {
                rest = after;
                continue;
            }
        };
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let k = after[..digits].parse::<usize>().ok();
        rest = after[digits..]
            .strip_prefix('e')
            .unwrap_or(&after[digits..]);
        let (Some(links), Some(k), Some(heading)) = (links, k, k.and_then(|k| toc.get(k))) else {
            continue;
        };
        if open {
            // The heading must be right after the opening mark and right before the closing one.
            let level = heading.level;
            let closing = format!("c{k}e");
            let whole = rest.trim_start().starts_with(&format!("<h{level} "))
                && marks
                    .find_iter(rest.as_bytes())
                    .find(|&end| rest[end + mark.len()..].starts_with(&closing))
                    .is_some_and(|end| rest[..end].trim_end().ends_with(&format!("</h{level}>")));
            if whole && opened.is_none() {
                out.push_str("<div class=\"heading\">");
                opened = Some(k);
            }
        } else if opened == Some(k) {
            opened = None;
            let end = out.trim_end().len();
            out.truncate(end);
            out.push_str("\n<a class=\"heading-link\" href=\"#");
            let _ = escape_html(&mut out, &heading.id);
            out.push_str("\" aria-label=\"");
            let label = links.labels.get(k).map_or("", String::as_str);
            let _ = escape_html(&mut out, label);
            out.push('"');
            if let Some((lang, dir)) = links.lang {
                out.push_str(&format!(" lang=\"{lang}\" dir=\"{dir}\""));
            }
            out.push_str(" data-pagefind-ignore>#</a></div>");
        }
    }
    out.push_str(rest);
    out
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An id for a heading in any script, as Hugo and GitHub make them but without their
/// doubled dashes: letters, digits and combining marks of every script lower-cased and
/// kept, as is `_`; spaces and dashes between words become one `-`; other punctuation and
/// symbols are dropped (`Qu'est-ce que c'est ?` → `quest-ce-que-cest`, `合作（草案）` →
/// `合作草案`). A heading with none of those gets `section`.
pub fn heading_slug(text: &str) -> String {
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    use icu_properties::CodePointMapData;
    let categories = CodePointMapData::<GeneralCategory>::new();
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let category = categories.get(c);
        if c.is_alphanumeric() || c == '_' || GeneralCategoryGroup::Mark.contains(category) {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || category == GeneralCategory::DashPunctuation {
            dash = true;
        }
    }
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn heading_ids_are_unique_and_work_for_any_script() {
        let r = render(
            "# Hello World\n\n# Hello World\n\n## 合作备忘录\n\n## مذكرة تفاهم\n",
            RawHtml::Sanitize,
            &no_links,
        );
        assert!(r.html.contains(r#"<h1 id="hello-world">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h1 id="hello-world-1">"#));
        assert!(r.html.contains(r#"<h2 id="合作备忘录">"#));
        assert!(r.html.contains(r#"<h2 id="مذكرة-تفاهم">"#));
    }

    #[test]
    fn slugs_keep_letters_of_every_script_and_drop_punctuation() {
        for (text, slug) in [
            ("Hello, World!", "hello-world"),
            ("A & B -- C", "a-b-c"),
            (
                "Qu\u{2019}est-ce que c\u{2019}est\u{202F}?",
                "quest-ce-que-cest",
            ),
            ("Qu'est-ce que c'est ?", "quest-ce-que-cest"),
            ("2020\u{2013}2021 budget_lines", "2020-2021-budget_lines"),
            ("合作备忘录（草案）", "合作备忘录草案"),
            ("目标\u{3000}进展", "目标-进展"),
            ("مذكرة التفاهم، الجديدة", "مذكرة-التفاهم-الجديدة"),
            ("हिन्दी में", "हिन्दी-में"),
            ("Çağrı İzmir", "çağrı-i\u{307}zmir"),
            ("!!!", "section"),
        ] {
            assert_eq!(heading_slug(text), slug, "{text}");
        }
    }

    #[test]
    fn section_headings_link_to_themselves_with_or_without_raw_html() {
        let labels: Vec<String> = (0..4).map(|k| format!("L{k}")).collect();
        let links = SelfLinks {
            labels: &labels,
            lang: Some(("fr", "ltr")),
        };
        let page = |body: &str| {
            let (r, errors) = render_page(
                body,
                RawHtml::Sanitize,
                &[],
                &no_links,
                &|_| None,
                None,
                None,
            );
            assert!(errors.is_empty());
            r
        };
        for body in [
            "# Title\n\n## Part one!\n\ntext\n\n##### Small\n",
            "# Title\n\n## Part one!\n\n<b>text</b>\n\n##### Small\n",
        ] {
            let r = page(body);
            let html = link_sections(&r.html, &r.toc, Some(&links));
            assert!(
                html.contains("<div class=\"heading\">\n<h2 id=\"part-one\">Part one!</h2>\n<a class=\"heading-link\" href=\"#part-one\" aria-label=\"L1\" lang=\"fr\" dir=\"ltr\" data-pagefind-ignore>#</a></div>"),
                "{html}"
            );
            // h1 and h5 keep their ids without a link; nothing of the marks is left.
            assert!(html.contains("<h1 id=\"title\">Title</h1>"), "{html}");
            assert!(html.contains("<h5 id=\"small\">Small</h5>"), "{html}");
            assert_eq!(html.matches("heading-link").count(), 1, "{html}");
            assert!(!html.contains(sanitize::section_marker()), "{html}");
            let plain = link_sections(&r.html, &r.toc, None);
            assert!(!plain.contains("heading-link"), "{plain}");
            assert!(!plain.contains(sanitize::section_marker()), "{plain}");
        }
        // A heading a writer's element turns into text gets no link and leaves no mark.
        let r = page("<xmp>\n\n## Heading\n");
        let html = link_sections(&r.html, &r.toc, Some(&links));
        assert!(!html.contains(sanitize::section_marker()), "{html}");
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn written_ids_win_and_other_attributes_are_refused() {
        let body = "## Intro {#start}\n\n## Start\n\n## Intro\n";
        let r = render(body, RawHtml::Escape, &no_links);
        let ids: Vec<&str> = r.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["start", "start-1", "intro"]);
        assert_eq!(r.toc[0].text, "Intro");
        let scanned = scan(body).expect("valid");
        assert_eq!(scanned.heading_ids, [("start".to_string(), 9)]);
        for (body, refused) in [
            ("## Budget {2024}\n", "not `2024`"),
            ("## Hi {.red}\n", "not `.red`"),
            ("## Hi {onclick=alert(1)}\n", "not `onclick=alert(1)`"),
        ] {
            let e = scan(body).expect_err(body);
            assert!(e.message.contains(refused), "{}", e.message);
            assert_eq!(&body[e.offset..e.offset + 1], "{");
            // Never on the page, whatever the policy.
            let r = render(body, RawHtml::Allow, &no_links);
            assert!(!r.html.contains("onclick"), "{}", r.html);
            assert!(!r.html.contains("class="), "{}", r.html);
        }
        let kept = render("## Budget {2024\\}\n", RawHtml::Escape, &no_links);
        assert!(kept.html.contains("Budget {2024}</h2>"), "{}", kept.html);
        // An id written after a heading that has it is reported, not given twice.
        let r = render("## Start\n\n## Go {#start}\n", RawHtml::Escape, &no_links);
        let taken = TakenId {
            id: "start".into(),
            by_theme: false,
        };
        assert_eq!(r.taken, [taken]);
        assert_eq!(r.toc[1].id, "start-1");
    }

    #[test]
    fn script_is_removed_when_sanitizing() {
        let md =
            "Hi <script>alert(1)</script> <b onclick=\"x()\">b</b>\n\n[x](javascript:alert(1))";
        let r = render(md, RawHtml::Sanitize, &no_links);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("javascript:"));
        let e = render(md, RawHtml::Escape, &no_links);
        assert!(e.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn images_of_known_size_get_width_and_height() {
        let size = |url: &str| (url == "map.png").then_some((640, 240));
        let md = "![A *map* & more](map.png \"The map\") ![x](other.png)";
        for policy in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
            let r = render_sized(md, policy, &[], &no_links, &size);
            assert!(
                r.html.contains(r#"<img src="map.png" alt="A map &amp; more" title="The map" width="640" height="240" />"#),
                "{policy:?}: {}",
                r.html
            );
            assert!(
                r.html.contains(r#"<img src="other.png" alt="x" />"#),
                "{}",
                r.html
            );
        }
        // With raw HTML the sanitizer keeps the sizes.
        let r = render_sized(
            "<b>b</b> ![m](map.png)",
            RawHtml::Sanitize,
            &[],
            &no_links,
            &size,
        );
        assert!(r.html.contains(r#"width="640" height="240""#), "{}", r.html);
    }

    #[test]
    fn summary_is_set_as_the_first_paragraph_is() {
        let body = "Il dit \"oui\" : `\"x\" : y` et \\\"non\\\", <https://a.fr/l'été> ou \nhttps://b.fr/d'accord; ![l'\"image\"](i.png) *'bien'*!\n\nSuite.";
        let fr = typography::Typography::of("fr");
        let (page, _) = render_page(
            body,
            RawHtml::Escape,
            &[],
            &no_links,
            &|_| None,
            None,
            Some(fr),
        );
        let scan = scan(body).expect("within the limits");
        let summary = fr.plain(&scan.summary, &scan.summary_literal);
        // The paragraph's text as a reader sees it (its tags, and the image, left out).
        let mut text = String::new();
        let mut in_tag = false;
        for c in page
            .html
            .trim_start_matches("<p>")
            .split("</p>")
            .next()
            .unwrap()
            .chars()
        {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace('\n', " ");
        assert_eq!(summary.replace("l'\"image\"", ""), text);
        assert!(
            summary.contains("«\u{202F}oui\u{202F}»\u{A0}:"),
            "{summary}"
        );
    }

    #[test]
    fn summary_is_first_paragraph_text() {
        let r = scan("# T\n\nFirst *para*\ngraph.\n\nSecond.").expect("within the limits");
        assert_eq!(r.summary, "First para graph.");
    }
}
