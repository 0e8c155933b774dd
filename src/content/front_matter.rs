//! Splitting a Markdown file into its YAML front matter and body, and validating the front matter.

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::lifecycle::{Change, Until};
use crate::segment::refused_char;
pub use crate::segment::{check_segment, is_segment_char, is_windows_reserved, SEGMENT_CHARS};
use crate::yaml_errors;

/// Front matter as written (before inheritance from the source).
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Title, required in every file.
    pub title: String,
    /// Publication date (required in the source).
    pub date: Option<Date>,
    /// Last substantive change.
    pub updated: Option<Date>,
    /// Optional one-sentence summary.
    pub summary: Option<String>,
    /// Tag ids.
    pub tags: Option<Vec<String>>,
    /// URL segment.
    pub slug: Option<String>,
    /// Line and column of the `slug:` value, when set.
    pub slug_pos: Option<(usize, usize)>,
    /// Drafts build only with `--drafts`.
    pub draft: Option<bool>,
    /// Old URLs that redirect here, as paths from the site root without the leading `/`.
    pub aliases: Vec<String>,
    /// Line of the `aliases:` key.
    pub aliases_line: usize,
    /// Hash of the source text a translation was made from.
    pub source_hash: Option<String>,
    /// Free map handed to templates.
    pub extra: Option<serde_json::Value>,
    /// The page's share image (`image:`), with the line it is set on.
    pub image: Option<(ImageRef, usize)>,
    /// Whether the page shows a table of contents of its sections (`toc:`).
    pub toc: Option<bool>,
    /// Change notes (`changes:`), newest first.
    pub changes: Option<Vec<Change>>,
    /// `withdrawn:` as this file writes it.
    pub withdrawn: Option<OwnWithdrawal>,
    /// `pinned:` / `pinned_until:`.
    pub pinned: Option<Until>,
    /// `urgent:` / `urgent_until:`.
    pub urgent: Option<Until>,
    /// `closes:`.
    pub closes: Option<Date>,
    /// `expires:`.
    pub expires: Option<Date>,
    /// Its kind (`kind:`, an id of site.yaml's `kinds:`), with the line and column of
    /// the value.
    pub kind: Option<(String, (usize, usize))>,
}

/// `withdrawn:` as one file writes it: a translation may give only its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnWithdrawal {
    /// Its date, if this file writes one.
    pub date: Option<Date>,
    /// Its reason, in this file's language.
    pub reason: Option<String>,
    /// Line and column of the `withdrawn:` key.
    pub pos: (usize, usize),
}

/// An announcement's share image as written: a file of its bundle (`map.png`), a path
/// from the site root (`/images/x.png`) or an http(s) URL, and its alt text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageRef {
    /// Where the image is, as written.
    pub src: String,
    /// Its text alternative (default: the page's title).
    pub alt: Option<String>,
}

impl ImageRef {
    /// Whether `src` is a file of the announcement's bundle (not a site path or a URL).
    pub fn in_bundle(&self) -> bool {
        !self.src.starts_with('/') && !self.src.contains("://")
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawImage {
    Src(String),
    Full(RawImageFull),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImageFull {
    src: String,
    alt: Option<String>,
}

/// Why `src` cannot be an `image:`, if it cannot: it must be a bundle file, a path from
/// the site root or an http(s) URL, with no `..`, backslash, quote or angle bracket.
pub fn check_image_src(src: &str) -> Result<(), String> {
    const FORMS: &str = "a file of the announcement's bundle (map.png), a path from the site root (/images/map.png) or an http(s) URL";
    if src.trim().is_empty() {
        return Err(format!("is empty: give {FORMS}"));
    }
    if let Some(c) = src
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || matches!(c, '\\' | '"' | '<' | '>' | '`'))
    {
        return Err(format!(
            "may not contain {}",
            if c.is_whitespace() || c.is_control() {
                format!("U+{:04X}", c as u32)
            } else {
                format!("`{c}`")
            }
        ));
    }
    let lower = src.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(());
    }
    if let Some((scheme, _)) = src.split_once(':') {
        if !scheme.contains('/') {
            return Err(format!("must be {FORMS}, not a `{scheme}:` URL"));
        }
    }
    if src.starts_with("//") {
        return Err(format!("must be {FORMS}, not `//host/…`"));
    }
    if src.split('/').any(|s| s == ".." || s == ".") || has_encoded_traversal(src) {
        return Err(
            "must not contain `.` or `..` segments or percent-encoded dots and slashes".into(),
        );
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    summary: Option<String>,
    tags: Option<Capped>,
    slug: Option<String>,
    draft: Option<bool>,
    #[serde(default)]
    aliases: Vec<String>,
    source_hash: Option<String>,
    extra: Option<serde_yaml::Mapping>,
    image: Option<RawImage>,
    toc: Option<bool>,
    changes: Option<Vec<RawChange>>,
    withdrawn: Option<RawWithdrawn>,
    pinned: Option<bool>,
    pinned_until: Option<String>,
    urgent: Option<bool>,
    urgent_until: Option<String>,
    closes: Option<String>,
    expires: Option<String>,
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    date: String,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWithdrawn {
    date: Option<String>,
    reason: Option<String>,
}

/// The keys herald reads in front matter, in the order error messages list them.
const KNOWN_KEYS: [&str; 21] = [
    "title",
    "date",
    "updated",
    "summary",
    "tags",
    "slug",
    "draft",
    "aliases",
    "source_hash",
    "extra",
    "image",
    "toc",
    "changes",
    "withdrawn",
    "pinned",
    "pinned_until",
    "urgent",
    "urgent_until",
    "closes",
    "expires",
    "kind",
];

/// What an unknown-key error adds when no known key is close to the one written.
const EXTRA_HINT: &str = " (put free values under `extra:`)";

/// One error for each top-level key herald does not know, at its position.
fn unknown_keys(split: &Split<'_>, path: &str) -> Vec<Diagnostic> {
    let Ok(map) = serde_yaml::from_str::<serde_yaml::Mapping>(split.yaml) else {
        return Vec::new();
    };
    map.keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !KNOWN_KEYS.contains(k))
        .map(|key| {
            let line = split
                .yaml
                .lines()
                .position(|l| {
                    l.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
                .map_or(1, |i| split.yaml_line + i);
            Diagnostic::error(
                path,
                line,
                1,
                yaml_errors::unknown_key(key, "", &KNOWN_KEYS, EXTRA_HINT),
            )
        })
        .collect()
}

/// A file split at its front matter.
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Splits `text` (BOM already removed) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    if text.trim().is_empty() {
        return Err((1, "the file is empty: an announcement starts with `---`, its front matter (title, date), and `---`".to_string()));
    }
    // Blank lines before the opening `---` are allowed (Hugo reads such files too).
    let mut start = 0;
    let mut first_line = 1;
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if !text[start..end].trim().is_empty() || end == text.len() {
            break;
        }
        start = end + 1;
        first_line += 1;
    }
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let opener = text[start..first_end].trim_end();
    if opener != "---" {
        let msg = if opener.len() > 3 && opener.bytes().all(|b| b == b'-') {
            format!(
                "the front matter opens with {} dashes: the line must be exactly `---`",
                opener.len()
            )
        } else {
            "missing front matter: the file must start with a `---` line, then `title:` and `date:`, then `---`".to_string()
        };
        return Err((first_line, msg));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = first_line + 1;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map(|i| offset + i)
            .unwrap_or(text.len());
        let l = text[offset..end].trim_end();
        if l == "---" || l == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: first_line + 1,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err((
        first_line,
        "the front matter that starts here is never closed: add a `---` line after it".into(),
    ))
}

/// Parses and validates front matter; errors carry positions in the whole file.
pub fn parse(split: &Split<'_>, path: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
    if let Some(offset) = too_deep(split.yaml) {
        let (line, col) = crate::diagnostics::LineIndex::new(split.yaml).position(offset);
        return Err(vec![Diagnostic::error(
            path,
            line + split.yaml_line - 1,
            col,
            format!("the front matter nests deeper than {MAX_DEPTH} levels"),
        )]);
    }
    let raw: RawFrontMatter = if split.yaml.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            path,
            1,
            1,
            "the front matter is empty: `title:` and `date:` are required",
        )]);
    } else {
        match serde_yaml::from_str(split.yaml) {
            Ok(raw) => raw,
            Err(e) => return Err(yaml_error(split, path, &e)),
        }
    };
    let mut errors = Vec::new();
    let at = |key: &str| key_position(split, key);
    // Control characters cannot be shown, break XML feeds and hide text: refuse them.
    for (key, value) in [
        ("title", raw.title.as_deref()),
        ("summary", raw.summary.as_deref()),
    ] {
        if let Some(c) = value.and_then(|v| {
            v.chars()
                .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        }) {
            let (l, col) = at(key);
            errors.push(Diagnostic::error(
                path,
                l,
                col,
                format!("`{key}` contains the control character U+{:04X}", c as u32),
            ));
        }
    }
    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        Some(_) => {
            let (l, c) = at("title");
            errors.push(Diagnostic::error(path, l, c, "`title` is empty"));
            String::new()
        }
        None => {
            errors.push(Diagnostic::error(
                path,
                1,
                1,
                "missing `title`: every announcement and translation needs its own title",
            ));
            String::new()
        }
    };
    let mut date_field = |key: &str, value: Option<String>| match value.map(|v| Date::parse(&v)) {
        Some(Ok(d)) => Some(d),
        Some(Err(msg)) => {
            let (l, c) = at(key);
            errors.push(Diagnostic::error(path, l, c, format!("`{key}`: {msg}")));
            None
        }
        None => None,
    };
    let date = date_field("date", raw.date);
    let updated = date_field("updated", raw.updated);
    let pinned_until = date_field("pinned_until", raw.pinned_until);
    let urgent_until = date_field("urgent_until", raw.urgent_until);
    let closes = date_field("closes", raw.closes);
    let expires = date_field("expires", raw.expires);
    let pinned = until(raw.pinned, pinned_until);
    let urgent = until(raw.urgent, urgent_until);
    let changes = raw
        .changes
        .map(|list| changes(split, path, list, &mut errors));
    let withdrawn = raw
        .withdrawn
        .map(|w| withdrawal(split, path, w, &mut errors));
    if let Some(slug) = &raw.slug {
        if let Err(why) = check_segment(slug) {
            let (l, c) = at("slug");
            errors.push(Diagnostic::error(
                path,
                l,
                c,
                format!("`slug` `{slug}` {why}"),
            ));
        }
    }
    // Each key's position is found once, not once per bad item.
    let tags_at = raw.tags.as_ref().map(|_| at("tags")).unwrap_or((1, 1));
    if let Some(n) = raw.tags.as_ref().map(|t| t.len).filter(|&n| n > MAX_TAGS) {
        let (l, c) = tags_at;
        errors.push(Diagnostic::error(
            path,
            l,
            c,
            format!("`tags` lists {n} tags; an announcement may have at most {MAX_TAGS} (herald's limit on tags per announcement)"),
        ));
        return Err(errors);
    }
    let tags = raw.tags.map(|t| unique(t.items));
    for tag in tags.iter().flatten() {
        if let Err(why) = check_segment(tag) {
            let (l, c) = tags_at;
            errors.push(Diagnostic::error(path, l, c, format!("tag `{tag}` {why}")));
        }
    }
    let aliases_at = at("aliases");
    let mut aliases = Vec::new();
    for alias in &raw.aliases {
        match check_alias(alias) {
            Ok(path) => aliases.push(path),
            Err(why) => {
                let (l, c) = aliases_at;
                errors.push(Diagnostic::error(
                    path,
                    l,
                    c,
                    format!("alias `{alias}` {why}"),
                ));
            }
        }
    }
    let image = match raw.image {
        None => None,
        Some(image) => {
            let (src, alt) = match image {
                RawImage::Src(src) => (src, None),
                RawImage::Full(full) => (full.src, full.alt),
            };
            let (l, c) = at("image");
            if let Err(why) = check_image_src(&src) {
                errors.push(Diagnostic::error(
                    path,
                    l,
                    c,
                    format!("`image` `{src}` {why}"),
                ));
            }
            if let Some(ch) = alt.as_deref().and_then(|a| {
                a.chars()
                    .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            }) {
                errors.push(Diagnostic::error(
                    path,
                    l,
                    c,
                    format!(
                        "`image.alt` contains the control character U+{:04X}",
                        ch as u32
                    ),
                ));
            }
            let alt = alt.map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
            Some((ImageRef { src, alt }, l))
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let extra = raw
        .extra
        .map(|m| yaml_to_json(&serde_yaml::Value::Mapping(m)));
    Ok(FrontMatter {
        title,
        date,
        updated,
        summary: raw
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        tags,
        slug_pos: raw.slug.as_ref().map(|_| key_position(split, "slug")),
        slug: raw.slug,
        draft: raw.draft,
        aliases,
        aliases_line: aliases_at.0,
        source_hash: raw.source_hash,
        extra,
        image,
        toc: raw.toc,
        changes,
        withdrawn,
        pinned,
        urgent,
        closes,
        expires,
        kind: raw.kind.map(|k| (k.trim().to_string(), at("kind"))),
    })
}

/// `pinned:` (or `urgent:`) with its `_until:` date: the date alone pins until then;
/// `false` unpins whatever the date says.
fn until(flag: Option<bool>, date: Option<Date>) -> Option<Until> {
    match (flag, date) {
        (Some(false), _) => Some(Until::No),
        (_, Some(d)) => Some(Until::Until(d)),
        (Some(true), None) => Some(Until::Always),
        (None, None) => None,
    }
}

/// A text a reader sees (a change note, a reason): trimmed, not empty, no control
/// characters; the error says which `what` and where.
fn reader_text(
    text: &str,
    what: &str,
    (line, col): (usize, usize),
    path: &str,
    errors: &mut Vec<Diagnostic>,
) -> String {
    let text = text.trim();
    if text.is_empty() {
        errors.push(Diagnostic::error(
            path,
            line,
            col,
            format!("`{what}` is empty"),
        ));
    } else if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        errors.push(Diagnostic::error(
            path,
            line,
            col,
            format!("`{what}` contains the control character U+{:04X}", c as u32),
        ));
    }
    text.to_string()
}

/// The change notes, newest first; a bad date or an empty note is an error at its line.
fn changes(
    split: &Split<'_>,
    path: &str,
    list: Vec<RawChange>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    let key = key_position(split, "changes");
    let mut out = Vec::with_capacity(list.len());
    let mut from = key.0;
    for raw in list {
        let at = value_position(split, from, &raw.date).unwrap_or(key);
        from = at.0 + 1;
        let note = reader_text(&raw.note, "changes.note", at, path, errors);
        match Date::parse(&raw.date) {
            Ok(date) => out.push(Change { date, note }),
            Err(msg) => errors.push(Diagnostic::error(
                path,
                at.0,
                at.1,
                format!("`changes.date`: {msg}"),
            )),
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.date.timestamp));
    out
}

/// `withdrawn:` as written; a bad date or an empty reason is an error at its line.
fn withdrawal(
    split: &Split<'_>,
    path: &str,
    raw: RawWithdrawn,
    errors: &mut Vec<Diagnostic>,
) -> OwnWithdrawal {
    let pos = key_position(split, "withdrawn");
    let date = raw.date.and_then(|text| {
        let at = value_position(split, pos.0, &text).unwrap_or(pos);
        Date::parse(&text)
            .map_err(|msg| {
                errors.push(Diagnostic::error(
                    path,
                    at.0,
                    at.1,
                    format!("`withdrawn.date`: {msg}"),
                ))
            })
            .ok()
    });
    let reason = raw.reason.map(|text| {
        let at = value_position(split, pos.0, text.trim()).unwrap_or(pos);
        reader_text(&text, "withdrawn.reason", at, path, errors)
    });
    OwnWithdrawal { date, reason, pos }
}

/// Line and column of the first occurrence of `value` on or after line `from` of the
/// file (a value under a key: a change's date).
fn value_position(split: &Split<'_>, from: usize, value: &str) -> Option<(usize, usize)> {
    let first = from.saturating_sub(split.yaml_line);
    let needle = value.lines().next().unwrap_or(value);
    if needle.is_empty() {
        return None;
    }
    split
        .yaml
        .lines()
        .enumerate()
        .skip(first)
        .find_map(|(i, line)| {
            let at = line.find(needle)?;
            Some((split.yaml_line + i, line[..at].chars().count() + 1))
        })
}

/// The errors for front matter serde_yaml could not read, in plain words, at their
/// place in the file.
fn yaml_error(split: &Split<'_>, path: &str, e: &serde_yaml::Error) -> Vec<Diagnostic> {
    let text = e.to_string();
    if text.starts_with("unknown field") {
        // Every unknown key at once, not one per round of fixing.
        let unknown = unknown_keys(split, path);
        if !unknown.is_empty() {
            return unknown;
        }
    }
    if text.contains("untagged enum") {
        // Only `image:` takes one of two forms.
        let (line, col) = key_position(split, "image");
        return vec![Diagnostic::error(
            path,
            line,
            col,
            "`image` must be a file name or URL (`image: map.png`), or `src:` and `alt:` lines under it",
        )];
    }
    let plain = yaml_errors::explain(split.yaml, e, "the front matter");
    vec![Diagnostic::error(
        path,
        plain.line + split.yaml_line - 1,
        plain.col,
        plain.message,
    )]
}

/// The most tags one file may list (tag pages and tag links grow with the square of it).
pub const MAX_TAGS: usize = 200;

/// A list of strings of which only the first [`MAX_TAGS`] + 1 are kept, and its length:
/// a list far over the limit costs no memory for its items.
#[derive(Default)]
struct Capped {
    items: Vec<String>,
    len: usize,
}

impl<'de> Deserialize<'de> for Capped {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> serde::de::Visitor<'de> for Items {
            type Value = Capped;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Capped, A::Error> {
                let mut out = Capped::default();
                while let Some(item) = seq.next_element::<String>()? {
                    if out.len <= MAX_TAGS {
                        out.items.push(item);
                    }
                    out.len += 1;
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Items)
    }
}

/// The tags without repeats, in their first order (a repeated tag would count twice).
fn unique(tags: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(tags.len());
    tags.into_iter()
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

/// How deep front matter may nest (flow brackets or indentation); deeper is refused
/// before parsing, as the YAML parser slows down badly on deep nesting.
pub const MAX_DEPTH: usize = 64;

/// The byte offset where `yaml` first nests deeper than [`MAX_DEPTH`], if it does.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut line_start = true;
    for (i, c) in yaml.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) if c == '\n' => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(i);
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        if line_start && c != ' ' && c != '-' {
            // Block nesting: two spaces (or a `- `) per level.
            let indent = yaml[..i].rsplit('\n').next().map(|l| l.len()).unwrap_or(0);
            if indent / 2 > MAX_DEPTH {
                return Some(i);
            }
        }
        line_start = c == '\n' || (line_start && (c == ' ' || c == '-'));
    }
    None
}

/// Whether `text` hides a dot, slash, backslash or NUL behind percent-encoding.
pub fn has_encoded_traversal(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["%2e", "%2f", "%5c", "%00"]
        .iter()
        .any(|e| lower.contains(e))
}

/// Checks an alias (`/en/news/2015/oas/`) and returns it without its leading `/`.
/// Anything that could leave the output folder or confuse a web server is refused.
pub fn check_alias(alias: &str) -> Result<String, String> {
    let Some(rest) = alias.strip_prefix('/') else {
        return Err("must be a path from the site root, starting with `/`".into());
    };
    if rest.is_empty() {
        return Err("cannot be the site root".into());
    }
    if alias.starts_with("//") {
        return Err("must be a path on this site, not `//host/...`".into());
    }
    if has_encoded_traversal(rest) {
        return Err("must not contain percent-encoded dots, slashes or NUL".into());
    }
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    for segment in trimmed.split('/') {
        if segment.is_empty() {
            return Err("must not contain empty segments (`//`)".into());
        }
        if segment == "." || segment == ".." {
            return Err("must not contain `.` or `..` segments".into());
        }
        if segment.starts_with('.') {
            return Err(format!(
                "has a segment that starts with a dot (`{segment}`)"
            ));
        }
        if let Some(c) = refused_char(segment) {
            return Err(format!(
                "may only contain {SEGMENT_CHARS} between its slashes, not {c}"
            ));
        }
        if is_windows_reserved(segment) {
            return Err("must not use a name Windows reserves (CON, NUL, …)".into());
        }
    }
    Ok(rest.to_string())
}

/// Line and column of a top-level `key:` inside the front matter.
fn key_position(split: &Split<'_>, key: &str) -> (usize, usize) {
    for (i, line) in split.yaml.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(key) {
            if rest.trim_start().starts_with(':') {
                let value_col = line.len() - rest.trim_start()[1..].trim_start().len();
                return (
                    split.yaml_line + i,
                    line[..value_col.min(line.len())].chars().count() + 1,
                );
            }
        }
    }
    (1, 1)
}

/// YAML value → JSON value for templates (keys become strings).
pub fn yaml_to_json(value: &serde_yaml::Value) -> serde_json::Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => serde_json::Value::Bool(*b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::Null)
            }
        }
        Y::String(s) => serde_json::Value::String(s.clone()),
        Y::Sequence(items) => serde_json::Value::Array(items.iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        other => serde_yaml::to_string(other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(&t.value),
    }
}
