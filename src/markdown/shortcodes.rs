//! Hugo-style shortcodes: `{{< name key="value" >}}`, `{{< name >}}…{{< /name >}}`
//! (inner text, escaped) and `{{% name %}}…{{% /name %}}` (inner Markdown rendered),
//! outside code spans and code blocks. Each is a template of the theme
//! (`shortcodes/<name>.html`); reading them is here, rendering is the theme's.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::limits::Exceeded;

/// How deep shortcodes may nest inside one another.
pub const MAX_SHORTCODE_NESTING: usize = 16;

/// The two forms of a shortcode tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delim {
    /// `{{< … >}}`: the inner text is escaped.
    Angle,
    /// `{{% … %}}`: the inner text is Markdown.
    Percent,
}

impl Delim {
    fn open(self) -> &'static str {
        match self {
            Delim::Angle => "{{<",
            Delim::Percent => "{{%",
        }
    }
    fn close(self) -> &'static str {
        match self {
            Delim::Angle => ">}}",
            Delim::Percent => "%}}",
        }
    }
}

/// One use of a shortcode in a body, as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Use {
    /// Its name.
    pub name: String,
    /// Its form.
    pub delim: Delim,
    /// `key="value"` arguments, in order.
    pub named: Vec<(String, String)>,
    /// Positional arguments, in order.
    pub positional: Vec<String>,
    /// Byte offset of its opening `{{` in the body.
    pub offset: usize,
    /// Whether it has a closing tag (and so inner content).
    pub paired: bool,
}

impl Use {
    /// How it is opened, for messages: `{{< /note >}}`.
    pub fn closing_tag(&self) -> String {
        format!(
            "{} /{} {}",
            self.delim.open(),
            self.name,
            self.delim.close()
        )
    }
}

/// A shortcode with its place in the text.
#[derive(Debug, Clone)]
pub struct Node {
    /// The use.
    pub call: Use,
    /// From its opening `{{` to the end of its closing tag (or of the opening one).
    pub range: Range<usize>,
    /// The text between its tags, for a pair.
    pub inner: Option<Range<usize>>,
}

enum Tagged {
    Open(Use, Range<usize>),
    Close(String, Range<usize>),
}

fn err(offset: usize, message: impl Into<String>) -> Exceeded {
    Exceeded {
        offset,
        message: message.into(),
    }
}

/// Whether `text` may hold a shortcode at all.
pub fn may_have(text: &str) -> bool {
    text.contains("{{<") || text.contains("{{%")
}

/// The byte ranges of code spans and code blocks, where shortcodes are text.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => out.push(range),
            _ => {}
        }
    }
    out
}

/// The shortcodes at the top level of `text` (offsets are `base` + the offset in
/// `text`); an error for a malformed tag, a closing tag without its opening one, or
/// nesting deeper than [`MAX_SHORTCODE_NESTING`].
pub fn parse(text: &str, base: usize) -> Result<Vec<Node>, Exceeded> {
    if !may_have(text) {
        return Ok(Vec::new());
    }
    let code = code_ranges(text);
    let mut tags = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(found) = text[i..].find("{{") {
        let at = i + found;
        let delim = match bytes.get(at + 2) {
            Some(b'<') => Delim::Angle,
            Some(b'%') => Delim::Percent,
            _ => {
                i = at + 2;
                continue;
            }
        };
        if let Some(r) = code.iter().find(|r| r.contains(&at)) {
            i = r.end.max(at + 3);
            continue;
        }
        let (tag, end) = read_tag(text, at, delim).map_err(|mut e| {
            e.offset += base;
            e
        })?;
        tags.push(match tag {
            Tagged::Open(mut u, r) => {
                u.offset += base;
                Tagged::Open(u, r)
            }
            close => close,
        });
        i = end;
    }
    // Pairs: a closing tag closes the nearest open shortcode of its name; the ones
    // opened after that one have no closing tag of their own.
    let mut stack: Vec<(Node, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    for tag in tags {
        match tag {
            Tagged::Open(call, range) => {
                if stack.len() >= MAX_SHORTCODE_NESTING {
                    return Err(err(
                        call.offset,
                        format!("shortcodes nest more than {MAX_SHORTCODE_NESTING} deep"),
                    ));
                }
                stack.push((
                    Node {
                        call,
                        range,
                        inner: None,
                    },
                    Vec::new(),
                ));
            }
            Tagged::Close(name, range) => {
                let Some(pos) = stack.iter().rposition(|(n, _)| n.call.name == name) else {
                    let delim = if text[range.clone()].starts_with("{{%") {
                        Delim::Percent
                    } else {
                        Delim::Angle
                    };
                    return Err(err(
                        base + range.start,
                        format!(
                            "closing {} /{name} {} without an opening {} {name} {} before it",
                            delim.open(),
                            delim.close(),
                            delim.open(),
                            delim.close()
                        ),
                    ));
                };
                // Those opened after it are single shortcodes inside it.
                while stack.len() > pos + 1 {
                    let (node, children) = stack.pop().expect("deeper than pos");
                    let parent = &mut stack.last_mut().expect("pos is below").1;
                    parent.push(node);
                    parent.extend(children);
                }
                let close_delim = if text[range.clone()].starts_with("{{%") {
                    Delim::Percent
                } else {
                    Delim::Angle
                };
                let opened = stack[pos].0.call.delim;
                if opened != close_delim {
                    return Err(err(
                        base + range.start,
                        format!(
                            "shortcode `{name}` is opened with `{}` but closed with `{}`: close it with {}",
                            opened.open(),
                            close_delim.open(),
                            stack[pos].0.call.closing_tag()
                        ),
                    ));
                }
                let (mut node, _) = stack.pop().expect("found at pos");
                node.inner = Some(node.range.end..range.start);
                node.range.end = range.end;
                node.call.paired = true;
                match stack.last_mut() {
                    Some((_, children)) => children.push(node),
                    None => top.push(node),
                }
            }
        }
    }
    // Never closed: single shortcodes.
    let mut rest = Vec::new();
    for (node, children) in stack {
        rest.push(node);
        rest.extend(children);
    }
    top.extend(rest);
    top.sort_by_key(|n| n.range.start);
    Ok(top)
}

/// Every shortcode use in `text`, nested ones too, in order.
pub fn uses(text: &str) -> Result<Vec<Use>, Exceeded> {
    let mut out = Vec::new();
    collect(text, 0, &mut out)?;
    out.sort_by_key(|u| u.offset);
    Ok(out)
}

fn collect(text: &str, base: usize, out: &mut Vec<Use>) -> Result<(), Exceeded> {
    for node in parse(text, base)? {
        if let Some(inner) = &node.inner {
            collect(&text[inner.clone()], base + inner.start, out)?;
        }
        out.push(node.call);
    }
    Ok(())
}

/// The byte ranges of the shortcode tags (not their inner text) of `text`.
pub fn tag_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if let Ok(nodes) = parse(text, 0) {
        tag_ranges_of(text, &nodes, 0, &mut out);
    }
    out
}

fn tag_ranges_of(text: &str, nodes: &[Node], base: usize, out: &mut Vec<Range<usize>>) {
    for node in nodes {
        match &node.inner {
            Some(inner) => {
                out.push(base + node.range.start..base + inner.start);
                out.push(base + inner.end..base + node.range.end);
                let sub = &text[inner.clone()];
                if let Ok(children) = parse(sub, 0) {
                    tag_ranges_of(sub, &children, base + inner.start, out);
                }
            }
            None => out.push(base + node.range.start..base + node.range.end),
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Reads the tag opening at `at` (`{{<` or `{{%`): the tag and the offset after it.
fn read_tag(text: &str, at: usize, delim: Delim) -> Result<(Tagged, usize), Exceeded> {
    let close = delim.close();
    let mut i = at + 3;
    let skip_ws = |i: &mut usize| {
        while let Some(c) = text[*i..].chars().next().filter(|c| c.is_whitespace()) {
            *i += c.len_utf8();
        }
    };
    skip_ws(&mut i);
    let closing = text[i..].starts_with('/');
    if closing {
        i += 1;
        skip_ws(&mut i);
    }
    let name_start = i;
    while let Some(c) = text[i..].chars().next().filter(|&c| is_name_char(c)) {
        i += c.len_utf8();
    }
    let name = &text[name_start..i];
    if name.is_empty() {
        return Err(err(
            at,
            format!(
                "malformed shortcode: a name must follow `{}` (letters, digits, `-`, `_`)",
                delim.open()
            ),
        ));
    }
    let mut named = Vec::new();
    let mut positional = Vec::new();
    loop {
        let before = i;
        skip_ws(&mut i);
        let rest = &text[i..];
        if rest.is_empty() {
            return Err(err(
                at,
                format!("malformed shortcode `{name}`: it is not closed with `{close}`"),
            ));
        }
        if rest.starts_with(close) || (rest.starts_with('/') && rest[1..].starts_with(close)) {
            i += if rest.starts_with('/') { 1 } else { 0 } + close.len();
            break;
        }
        let other = match delim {
            Delim::Angle => Delim::Percent,
            Delim::Percent => Delim::Angle,
        };
        if rest.starts_with(other.close()) {
            return Err(err(
                at,
                format!(
                    "malformed shortcode `{name}`: opened with `{}` but closed with `{}`",
                    delim.open(),
                    other.close()
                ),
            ));
        }
        if closing {
            return Err(err(
                at,
                format!("malformed shortcode: a closing tag /{name} takes no arguments"),
            ));
        }
        if i == before {
            return Err(err(
                at + (i - at),
                format!("malformed shortcode `{name}`: arguments are separated by spaces"),
            ));
        }
        // An argument: `key=value`, or a value.
        let key_start = i;
        let mut j = i;
        while let Some(c) = text[j..].chars().next().filter(|&c| is_name_char(c)) {
            j += c.len_utf8();
        }
        let key = (j > key_start && text[j..].starts_with('=')).then(|| &text[key_start..j]);
        if key.is_some() {
            i = j + 1;
        }
        let (value, after) = read_value(text, i, close)
            .map_err(|m| err(at, format!("malformed shortcode `{name}`: {m}")))?;
        i = after;
        match key {
            Some(k) => {
                if named.iter().any(|(n, _): &(String, String)| n == k) {
                    return Err(err(
                        at,
                        format!("malformed shortcode `{name}`: the argument `{k}` is given twice"),
                    ));
                }
                named.push((k.to_string(), value));
            }
            None => positional.push(value),
        }
        if !named.is_empty() && !positional.is_empty() {
            return Err(err(
                at,
                format!("malformed shortcode `{name}`: arguments are either all named (key=\"value\") or all positional"),
            ));
        }
    }
    let range = at..i;
    let tag = if closing {
        Tagged::Close(name.to_string(), range)
    } else {
        Tagged::Open(
            Use {
                name: name.to_string(),
                delim,
                named,
                positional,
                offset: at,
                paired: false,
            },
            range,
        )
    };
    Ok((tag, i))
}

/// A value at `i`: `"quoted"` (with `\"` and `\\`), `` `raw` `` or a word.
fn read_value(text: &str, i: usize, close: &str) -> Result<(String, usize), String> {
    let rest = &text[i..];
    if let Some(body) = rest.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = body.char_indices();
        while let Some((k, c)) = chars.next() {
            match c {
                '"' => return Ok((value, i + 1 + k + 1)),
                '\\' => match chars.next() {
                    Some((_, e @ ('"' | '\\'))) => value.push(e),
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, e)) => {
                        value.push('\\');
                        value.push(e);
                    }
                    None => break,
                },
                c => value.push(c),
            }
        }
        return Err("a quoted value has no closing `\"`".to_string());
    }
    if let Some(body) = rest.strip_prefix('`') {
        return match body.find('`') {
            Some(end) => Ok((body[..end].to_string(), i + 1 + end + 1)),
            None => Err("a `raw` value has no closing backtick".to_string()),
        };
    }
    let mut end = 0;
    for (k, c) in rest.char_indices() {
        if c.is_whitespace() || rest[k..].starts_with(close) || c == '"' {
            break;
        }
        end = k + c.len_utf8();
    }
    if end == 0 {
        return Err("an argument has no value".to_string());
    }
    Ok((rest[..end].to_string(), i + end))
}

/// What a theme's shortcode takes, from its template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Spec {
    /// The arguments it declares (`{# params: src! alt caption #}`, `!` = required),
    /// in order (positional arguments fill them in this order); empty when undeclared.
    pub params: Vec<(String, bool)>,
    /// Whether it declares its arguments (then others are errors).
    pub declared: bool,
    /// Whether it shows inner content (it names `inner`): then it must be closed.
    pub inner: bool,
    /// The host of the iframe it embeds (`{# iframe: player.vimeo.com #}`).
    pub iframe: Option<String>,
}

impl Spec {
    /// Reads the declarations (`{# params: … #}`, `{# iframe: … #}`) of a template.
    pub fn from_template(text: &str, uses_inner: bool) -> Spec {
        let mut spec = Spec {
            inner: uses_inner,
            ..Spec::default()
        };
        let mut rest = text;
        while let Some(start) = rest.find("{#") {
            let Some(len) = rest[start..].find("#}") else {
                break;
            };
            let comment =
                rest[start + 2..start + len].trim_matches(|c: char| c == '-' || c.is_whitespace());
            rest = &rest[start + len + 2..];
            if let Some(list) = comment.strip_prefix("params:") {
                spec.declared = true;
                for word in list.split(|c: char| c.is_whitespace() || c == ',') {
                    if word.is_empty() {
                        continue;
                    }
                    let (name, required) = match word.strip_suffix('!') {
                        Some(n) => (n, true),
                        None => (word, false),
                    };
                    spec.params.push((name.to_string(), required));
                }
            } else if let Some(host) = comment.strip_prefix("iframe:") {
                spec.iframe = Some(host.trim().to_string());
            }
        }
        spec
    }
}

/// The arguments of a use, by name: positional ones take the declared names in order
/// (and stay in `args`); declared ones not given are `None`. An error for a missing
/// required argument, an undeclared one, or too many positional ones.
pub fn bind(spec: &Spec, call: &Use) -> Result<BTreeMap<String, Option<String>>, String> {
    let name = &call.name;
    let mut out: BTreeMap<String, Option<String>> =
        spec.params.iter().map(|(p, _)| (p.clone(), None)).collect();
    let declared = || {
        spec.params
            .iter()
            .map(|(p, _)| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if spec.declared && call.positional.len() > spec.params.len() {
        return Err(format!(
            "shortcode `{name}` takes at most {} positional arguments ({}), not {}",
            spec.params.len(),
            declared(),
            call.positional.len()
        ));
    }
    for (k, v) in &call.named {
        if spec.declared && !out.contains_key(k) {
            return Err(format!(
                "shortcode `{name}` has no argument `{k}` (it takes {})",
                if spec.params.is_empty() {
                    "none".to_string()
                } else {
                    declared()
                }
            ));
        }
        out.insert(k.clone(), Some(v.clone()));
    }
    for ((p, _), v) in spec.params.iter().zip(&call.positional) {
        out.insert(p.clone(), Some(v.clone()));
    }
    if let Some((missing, _)) = spec
        .params
        .iter()
        .find(|(p, required)| *required && out.get(p).is_none_or(|v| v.is_none()))
    {
        return Err(format!("shortcode `{name}` needs the argument `{missing}`"));
    }
    Ok(out)
}

/// Checks a use against the theme's shortcodes: its name, its arguments, its closing
/// tag, the host of its iframe (`iframe_allowed`).
pub fn check(
    call: &Use,
    specs: &BTreeMap<String, Spec>,
    iframe_allowed: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let Some(spec) = specs.get(&call.name) else {
        let names: Vec<&str> = specs.keys().map(String::as_str).collect();
        return Err(format!(
            "unknown shortcode `{}`: the theme has no shortcodes/{}.html (it has: {})",
            call.name,
            call.name,
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ));
    };
    if spec.inner && !call.paired {
        return Err(format!(
            "shortcode `{}` is not closed: end its content with {}",
            call.name,
            call.closing_tag()
        ));
    }
    if !spec.inner && call.paired {
        return Err(format!(
            "shortcode `{}` takes no content, but it is closed with {}",
            call.name,
            call.closing_tag()
        ));
    }
    bind(spec, call)?;
    if let Some(host) = &spec.iframe {
        if !iframe_allowed(host) {
            return Err(format!(
                "shortcode `{}` embeds an iframe from {host}, which markdown.iframe_hosts in site.yaml does not list",
                call.name
            ));
        }
    }
    Ok(())
}

/// What a shortcode's template is given.
pub struct Call<'a> {
    /// The use, as written.
    pub call: &'a Use,
    /// Its inner HTML, for a pair.
    pub inner: Option<String>,
    /// A URL argument (`src`, `link`, `href`, `url`) as Markdown links are rewritten
    /// (`@/` links resolved, script URLs made `#`).
    pub url: &'a dyn Fn(&str) -> String,
    /// The size of an image by its URL (rewritten), when known.
    pub size_of: &'a dyn Fn(&str) -> Option<crate::images::Size>,
    /// The page's language code.
    pub lang: &'a str,
    /// The page's direction (`ltr`, `rtl`).
    pub dir: &'a str,
}

/// Renders shortcodes (the theme).
pub trait Shortcodes: Sync {
    /// The HTML of one shortcode, or why it cannot be made.
    fn render_shortcode(&self, call: &Call) -> Result<String, String>;
    /// The ids the theme's templates write (`id="main"`): a heading of a body does not
    /// take them.
    fn theme_ids(&self) -> &[String];
}

/// What rendering shortcodes needs besides the body.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// The renderer.
    pub renderer: &'a dyn Shortcodes,
    /// The page's language code.
    pub lang: &'a str,
    /// The page's direction.
    pub dir: &'a str,
    /// The ids the theme's templates use: the body's headings do not take them.
    pub theme_ids: &'a [String],
}

/// The arguments that are URLs.
pub const URL_ARGUMENTS: &[&str] = &["src", "link", "href", "url"];
