//! A Hugo site's content: the pages of one section in every language, grouped by
//! translation, with their bundles' files and their old URLs.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::config::{is_language_code, HugoConfig};
use super::front::{self, scalar_text, urlize, Parsed};
use super::report::Report;
use crate::diagnostics::Diagnostic;

/// A folder of content and the language of its files without a language suffix.
#[derive(Debug, Clone)]
pub struct Root {
    /// The folder (`content/` or `content/fr/`).
    pub dir: PathBuf,
    /// Hugo code of its unsuffixed files.
    pub lang: String,
}

/// One Hugo page of the section.
pub struct Page {
    /// Hugo language code.
    pub lang: String,
    /// The file, relative to the Hugo site (for messages).
    pub file: PathBuf,
    /// Its path inside the section without extension and language (`2015/x`; a
    /// bundle's folder path).
    pub rel: String,
    /// Its bundle folder (absolute), when it is a bundle's `index` file.
    pub bundle: Option<PathBuf>,
    /// Front matter and body.
    pub parsed: Parsed,
    /// The file's modification date, `YYYY-MM-DD`, for a page without any date.
    pub mtime_date: Option<String>,
}

/// A bundle file.
pub struct Resource {
    /// Absolute path.
    pub path: PathBuf,
    /// Name inside the bundle, language suffix removed (`diagram.svg`).
    pub name: String,
    /// The language it belongs to: its suffix (`diagram.zh-cn.svg`), else the
    /// language of its bundle in a per-language folder; `None` when shared.
    pub lang: Option<String>,
    /// Whether the language came from a suffix.
    pub suffixed: bool,
}

/// Pages that are translations of each other, and their bundles' files.
pub struct Group {
    /// `translationKey`, or the path in the section.
    pub key: String,
    /// One page per language.
    pub pages: Vec<Page>,
    /// The files of its bundles.
    pub resources: Vec<Resource>,
}

/// Everything found in the section.
pub struct Found {
    /// The groups, in the order found.
    pub groups: Vec<Group>,
    /// Parse errors.
    pub errors: Vec<Diagnostic>,
}

/// The languages of a site without `[languages]`, and the content roots: folders
/// under `content/` that are language codes, else filename suffixes.
pub fn roots(site: &Path, config: &HugoConfig) -> (Vec<String>, String, Vec<Root>) {
    let content = site.join("content");
    if !config.languages.is_empty() {
        let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        let default = config
            .default_language
            .clone()
            .filter(|d| codes.contains(d))
            .unwrap_or_else(|| codes[0].clone());
        let mut roots = Vec::new();
        for l in &config.languages {
            let dir = match &l.content_dir {
                Some(d) => site.join(d),
                None if content.join(&l.code).is_dir() => content.join(&l.code),
                None => continue,
            };
            roots.push(Root {
                dir,
                lang: l.code.clone(),
            });
        }
        if roots.is_empty() {
            roots.push(Root {
                dir: content,
                lang: default.clone(),
            });
        }
        return (codes, default, roots);
    }
    let mut folders: Vec<String> = std::fs::read_dir(&content)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_lowercase())
        .filter(|n| is_language_code(n))
        .collect();
    folders.sort();
    let configured = config.default_language.clone();
    if !folders.is_empty() {
        let default = configured
            .filter(|d| folders.contains(d))
            .or_else(|| folders.iter().find(|f| *f == "en").cloned())
            .unwrap_or_else(|| {
                // The folder with the most files.
                folders
                    .iter()
                    .max_by_key(|f| {
                        (
                            walkdir::WalkDir::new(content.join(f)).into_iter().count(),
                            std::cmp::Reverse((*f).clone()),
                        )
                    })
                    .cloned()
                    .unwrap_or_default()
            });
        let roots = folders
            .iter()
            .map(|f| Root {
                dir: content.join(f),
                lang: f.clone(),
            })
            .collect();
        let mut codes = folders.clone();
        codes.sort_by_key(|c| c != &default);
        return (codes, default, roots);
    }
    let default = configured.unwrap_or_else(|| "en".into());
    let mut codes = vec![default.clone()];
    for entry in walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some((_, lang)) = name
            .strip_suffix(".md")
            .and_then(|stem| stem.rsplit_once('.'))
        {
            let lang = lang.to_lowercase();
            if is_language_code(&lang) && !codes.contains(&lang) {
                codes.push(lang);
            }
        }
    }
    codes[1..].sort();
    (
        codes,
        default.clone(),
        vec![Root {
            dir: content,
            lang: default,
        }],
    )
}

/// The section to import: `requested`, else the first of posts, post, blog, news that
/// exists; with the reason shown in the report.
pub fn section(roots: &[Root], requested: Option<&str>) -> Result<(String, String), String> {
    let exists = |s: &str| roots.iter().any(|r| r.dir.join(s).is_dir());
    if let Some(s) = requested {
        let s = s.trim_matches('/');
        return if exists(s) {
            Ok((s.to_string(), "--section".into()))
        } else {
            Err(format!(
                "there is no section folder `{s}` in {}",
                roots
                    .iter()
                    .map(|r| r.dir.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        };
    }
    for s in ["posts", "post", "blog", "news"] {
        if exists(s) {
            return Ok((
                s.to_string(),
                "the first of posts, post, blog, news that exists".into(),
            ));
        }
    }
    let mut found: Vec<String> = roots
        .iter()
        .flat_map(|r| std::fs::read_dir(&r.dir).into_iter().flatten())
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    found.sort();
    found.dedup();
    Err(format!(
        "none of the sections posts, post, blog, news exists; choose one with --section (folders found: {})",
        if found.is_empty() { "none".to_string() } else { found.join(", ") }
    ))
}

fn ignored(name: &str) -> bool {
    crate::content::ignored_name(name)
}

/// `stem.lang` → (stem, lang) when `lang` is one of `codes`.
fn split_suffix<'a>(stem: &'a str, codes: &[String]) -> (&'a str, Option<String>) {
    if let Some((base, lang)) = stem.rsplit_once('.') {
        let lang = lang.to_lowercase();
        if codes.contains(&lang) {
            return (base, Some(lang));
        }
    }
    (stem, None)
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".markdown")
}

fn strip_markdown(name: &str) -> &str {
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))
        .unwrap_or(name)
}

/// Whether `name` is a leaf bundle's `index.md` / `index.<lang>.md`.
fn is_index(name: &str, codes: &[String]) -> bool {
    is_markdown(name) && split_suffix(strip_markdown(name), codes).0 == "index"
}

/// Finds the section's pages and bundle files in every root, grouped by translation.
pub fn find(
    site: &Path,
    roots: &[Root],
    codes: &[String],
    section: &str,
    report: &mut Report,
) -> Found {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    let shown = |p: &Path| p.strip_prefix(site).unwrap_or(p).to_path_buf();
    for root in roots {
        // What lies beside the section is not imported.
        for entry in std::fs::read_dir(&root.dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name == section.split('/').next().unwrap_or(section)
                || ignored(&name)
                || (entry.path().is_dir() && roots.iter().any(|r| r.dir == entry.path()))
            {
                continue;
            }
            report.skip(
                shown(&entry.path()),
                format!("not in the section `{section}` (import another with --section)"),
            );
        }
        let dir = root.dir.join(section);
        if !dir.is_dir() {
            continue;
        }
        let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !ignored(&e.file_name().to_string_lossy()))
            .flatten()
            .filter(|e| e.file_type().is_file())
            .collect();
        let bundles: Vec<PathBuf> = entries
            .iter()
            .filter(|e| is_index(&e.file_name().to_string_lossy(), codes))
            .filter_map(|e| e.path().parent().map(Path::to_path_buf))
            .collect();
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let bundle = bundles
                .iter()
                .filter(|b| path.starts_with(b))
                .max_by_key(|b| b.components().count());
            let in_section = |p: &Path| {
                p.strip_prefix(&dir)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .replace('\\', "/")
            };
            if name.starts_with("_index.") {
                report.skip(
                    shown(path),
                    "a list page (herald makes its own lists)".into(),
                );
                continue;
            }
            let page_bundle = match bundle {
                Some(b) if path.parent() == Some(b.as_path()) && is_index(&name, codes) => {
                    Some(b.clone())
                }
                Some(b) => {
                    let rel = path
                        .strip_prefix(b)
                        .unwrap_or(path)
                        .to_string_lossy()
                        .replace('\\', "/");
                    let (rel_dir, file) = match rel.rsplit_once('/') {
                        Some((d, f)) => (format!("{d}/"), f.to_string()),
                        None => (String::new(), rel.clone()),
                    };
                    let (stem, ext) = match file.rsplit_once('.') {
                        Some((s, e)) => (s.to_string(), format!(".{e}")),
                        None => (file.clone(), String::new()),
                    };
                    let (base, lang) = split_suffix(&stem, codes);
                    let suffixed = lang.is_some();
                    let lang = lang.or_else(|| (roots.len() > 1).then(|| root.lang.clone()));
                    let key = pending_key(&in_section(b));
                    let resource = Resource {
                        path: path.to_path_buf(),
                        name: format!("{rel_dir}{base}{ext}"),
                        lang,
                        suffixed,
                    };
                    pending_resources(&mut groups, &mut by_key, key, resource);
                    continue;
                }
                None if is_markdown(&name) => None,
                None => {
                    let why = if name.ends_with(".html")
                        || name.ends_with(".org")
                        || name.ends_with(".adoc")
                    {
                        "not Markdown: herald reads Markdown only"
                    } else {
                        "a file outside any page bundle: herald copies bundle files only (move it into static/ if pages link to it)"
                    };
                    report.skip(shown(path), why.into());
                    continue;
                }
            };
            let (rel, lang) = match &page_bundle {
                Some(b) => {
                    let (_, lang) = split_suffix(strip_markdown(&name), codes);
                    (in_section(b), lang)
                }
                None => {
                    let r = in_section(path);
                    let (stem, lang) = split_suffix(strip_markdown(&r), codes);
                    (stem.to_string(), lang)
                }
            };
            let lang = lang.unwrap_or_else(|| root.lang.clone());
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(Diagnostic::file_error(
                        shown(path),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let parsed = match front::parse(&text) {
                Ok(p) => p,
                Err((line, col, msg)) => {
                    errors.push(Diagnostic::error(path, line, col, msg));
                    continue;
                }
            };
            if parsed
                .front
                .get("headless")
                .is_some_and(|v| v == &Value::Bool(true))
            {
                report.skip(
                    shown(path),
                    "a headless bundle (no page of its own in Hugo)".into(),
                );
                continue;
            }
            let mtime_date = std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .map(date_of);
            let key = match parsed
                .front
                .get("translationkey")
                .or(parsed.front.get("translationKey"))
            {
                Some(v) => format!("key:{}", scalar_text(v).unwrap_or_default()),
                None => pending_key(&rel),
            };
            let page = Page {
                lang,
                file: shown(path),
                rel,
                bundle: page_bundle,
                parsed,
                mtime_date,
            };
            let g = group_index(&mut groups, &mut by_key, &key);
            // A bundle page keyed by translationKey takes the files found under its path.
            if key.starts_with("key:") && page.bundle.is_some() {
                if let Some(&pi) = by_key.get(&pending_key(&page.rel)) {
                    if pi != g && groups[pi].pages.is_empty() {
                        let moved = std::mem::take(&mut groups[pi].resources);
                        groups[g].resources.extend(moved);
                    }
                }
                by_key.insert(pending_key(&page.rel), g);
            }
            if let Some(other) = groups[g].pages.iter().find(|p| p.lang == page.lang) {
                report.skip(
                    page.file.clone(),
                    format!(
                        "{} already has the `{}` version of this page",
                        other.file.display(),
                        page.lang
                    ),
                );
                continue;
            }
            groups[g].pages.push(page);
        }
    }
    groups.retain(|g| !g.pages.is_empty());
    Found { groups, errors }
}

fn pending_key(rel: &str) -> String {
    format!("path:{rel}")
}

fn group_index(groups: &mut Vec<Group>, by_key: &mut HashMap<String, usize>, key: &str) -> usize {
    *by_key.entry(key.to_string()).or_insert_with(|| {
        groups.push(Group {
            key: key.to_string(),
            pages: Vec::new(),
            resources: Vec::new(),
        });
        groups.len() - 1
    })
}

fn pending_resources(
    groups: &mut Vec<Group>,
    by_key: &mut HashMap<String, usize>,
    key: String,
    resource: Resource,
) {
    let g = group_index(groups, by_key, &key);
    groups[g].resources.push(resource);
}

/// `YYYY-MM-DD` of a file time (UTC).
fn date_of(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::date::Date::from_timestamp(secs).ymd()
}

/// The old URL of a page in Hugo: `url:`, else the section's permalink pattern, else
/// Hugo's default (`/<section>/<folders>/<slug or file name>/`), under the language's prefix.
pub fn old_url(
    config: &HugoConfig,
    page: &Page,
    section: &str,
    prefix: &str,
    date: Option<&str>,
) -> (String, &'static str) {
    let fm = &page.parsed.front;
    if let Some(url) = fm.get("url").and_then(scalar_text) {
        let url = url.trim();
        let url = if url.starts_with('/') || url.contains("://") {
            url.to_string()
        } else {
            format!("/{url}")
        };
        return (url, "url");
    }
    let (dirs, file_name) = match page.rel.rsplit_once('/') {
        Some((d, f)) => (d.to_string(), f.to_string()),
        None => (String::new(), page.rel.clone()),
    };
    let slug = fm
        .get("slug")
        .and_then(scalar_text)
        .filter(|s| !s.trim().is_empty());
    let top = section.split('/').next().unwrap_or(section);
    let mut path = if let Some(pattern) = config.permalinks.get(top) {
        expand(pattern, page, section, &file_name, slug.as_deref(), date)
    } else {
        let mut p = format!("/{section}/");
        if !dirs.is_empty() {
            p.push_str(&dirs);
            p.push('/');
        }
        let leaf = slug.unwrap_or(file_name);
        let leaf = leaf.trim().replace(' ', "-");
        if config.ugly_urls {
            p.push_str(&format!("{leaf}.html"));
        } else {
            p.push_str(&format!("{leaf}/"));
        }
        p
    };
    if config.path_to_lower {
        path = path.to_lowercase();
    }
    (format!("{prefix}{path}"), "permalink")
}

/// Expands a Hugo permalink pattern (`/:year/:month/:slug/`).
fn expand(
    pattern: &str,
    page: &Page,
    section: &str,
    file_name: &str,
    slug: Option<&str>,
    date: Option<&str>,
) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let date = date.unwrap_or("0000-00-00");
    let title = page
        .parsed
        .front
        .get("title")
        .and_then(scalar_text)
        .unwrap_or_default();
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let n = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let token = &after[..n];
        let month: usize = date[5..7].parse().unwrap_or(1);
        let value = match token {
            "year" => date[0..4].to_string(),
            "month" => date[5..7].to_string(),
            "monthname" => MONTHS[month.clamp(1, 12) - 1].to_string(),
            "day" => date[8..10].to_string(),
            "section" => section.split('/').next().unwrap_or(section).to_string(),
            "sections" => section.to_string(),
            "title" => urlize(&title, false),
            "slug" => slug
                .map(str::to_string)
                .unwrap_or_else(|| urlize(&title, false)),
            "filename" | "contentbasename" => file_name.to_string(),
            "slugorfilename" | "slugorcontentbasename" | "contentbasenameorslug" => slug
                .map(str::to_string)
                .unwrap_or_else(|| file_name.to_string()),
            _ => format!(":{token}"),
        };
        out.push_str(&value);
        rest = &after[n..];
    }
    out.push_str(rest);
    out
}

/// An old URL as herald writes its redirect: query and fragment cut, a path without
/// an extension ends in `/` (Hugo writes `<path>/index.html` for it).
pub fn normalise_url(url: &str) -> String {
    let mut url = url.split(['?', '#']).next().unwrap_or_default().to_string();
    if let Some(rest) = url.split_once("://").map(|(_, r)| r.to_string()) {
        url = rest
            .find('/')
            .map(|i| rest[i..].to_string())
            .unwrap_or("/".into());
    }
    let last = url.rsplit('/').next().unwrap_or_default();
    if !url.ends_with('/') && !last.contains('.') {
        url.push('/');
    }
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    url
}

/// Resolves an alias: absolute as is, relative against the folder of `page_url`.
pub fn resolve_alias(alias: &str, page_url: &str) -> String {
    if alias.starts_with('/') {
        return alias.to_string();
    }
    let base = page_url.trim_end_matches('/');
    let base = base.rsplit_once('/').map(|(b, _)| b).unwrap_or("");
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in alias.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let trailing = if alias.ends_with('/') { "/" } else { "" };
    format!("/{}{trailing}", parts.join("/"))
}

/// Gives `youtube` and `vimeo` calls without a `title` the page's title (herald needs
/// one: it is the iframe's accessible name; Hugo's is optional): appended as a named
/// argument, or as the second positional one after the id. The name and 1-based body
/// line of each call changed.
pub fn title_videos(body: &str, title: &str) -> (String, Vec<(String, usize)>) {
    let quoted = format!("\"{}\"", title.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::with_capacity(body.len());
    let mut changed = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("{{<") {
        out.push_str(&rest[..i]);
        let tag = &rest[i..];
        let Some(end) = tag.find(">}}") else {
            out.push_str(tag);
            rest = "";
            break;
        };
        let inner = &tag[3..end];
        let mut words = inner.split_whitespace();
        let name = words.next().unwrap_or_default();
        let args: Vec<&str> = words.collect();
        let video = matches!(name, "youtube" | "vimeo");
        let named = args.iter().any(|a| a.contains('='));
        let has_title = args.iter().any(|a| a.starts_with("title="));
        let addition = match (video, named, has_title, args.len()) {
            (true, true, false, _) => Some(format!(" title={quoted} ")),
            (true, false, _, 1) => Some(format!(" {quoted} ")),
            _ => None,
        };
        match addition {
            Some(addition) => {
                out.push_str("{{<");
                out.push_str(inner.trim_end());
                out.push_str(&addition);
                out.push_str(">}}");
                let line = body[..body.len() - rest.len() + i].matches('\n').count() + 1;
                changed.push((name.to_string(), line));
            }
            None => out.push_str(&tag[..end + 3]),
        }
        rest = &tag[end + 3..];
    }
    out.push_str(rest);
    (out, changed)
}

/// A shortcode call found in a body: its name and 1-based line in the body.
pub fn shortcodes(body: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (n, line) in body.lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find("{{") {
            let after = &rest[i + 2..];
            rest = after;
            let Some(inner) = after.strip_prefix('<').or_else(|| after.strip_prefix('%')) else {
                continue;
            };
            let inner = inner.trim_start();
            if inner.starts_with('/') {
                continue; // a closing tag or a `/* comment */`
            }
            let name: String = inner
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
                .collect();
            if !name.is_empty() {
                found.push((name, n + 1));
            }
        }
    }
    found
}

/// Keys of a mapping looked up without regard to case (Hugo's front matter keys ignore it).
pub fn take(front: &mut Mapping, key: &str) -> Option<Value> {
    let found = front
        .keys()
        .find(|k| k.as_str().is_some_and(|s| s.eq_ignore_ascii_case(key)))
        .cloned()?;
    front.remove(&found)
}

/// The groups in date order (then key) for slug-clash resolution.
pub fn by_date(dates: &BTreeMap<usize, String>, groups: &[Group]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| (dates.get(&a), &groups[a].key).cmp(&(dates.get(&b), &groups[b].key)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(normalise_url("/old/path"), "/old/path/");
        assert_eq!(normalise_url("/old/path.html"), "/old/path.html");
        assert_eq!(normalise_url("/x/?a=1"), "/x/");
        assert_eq!(resolve_alias("old", "/posts/2015/x/"), "/posts/2015/old");
        assert_eq!(resolve_alias("../y/", "/posts/2015/x/"), "/posts/y/");
        assert_eq!(resolve_alias("/abs/", "/posts/x/"), "/abs/");
    }

    #[test]
    fn videos_get_the_page_title() {
        let (body, changed) = title_videos(
            "a\n{{< youtube dQw4w9WgXcQ >}}\n{{< vimeo id=\"1\" >}}\n{{< youtube id=\"2\" title=\"T\" >}}\n{{< figure src=\"x\" >}}",
            "Say \"hi\"",
        );
        assert_eq!(
            body,
            "a\n{{< youtube dQw4w9WgXcQ \"Say \\\"hi\\\"\" >}}\n{{< vimeo id=\"1\" title=\"Say \\\"hi\\\"\" >}}\n{{< youtube id=\"2\" title=\"T\" >}}\n{{< figure src=\"x\" >}}"
        );
        assert_eq!(changed, vec![("youtube".into(), 2), ("vimeo".into(), 3)]);
    }

    #[test]
    fn finds_shortcodes() {
        let s = shortcodes("a\n{{< youtube id >}}\n{{% note %}}x{{% /note %}}\n{{</* gist */>}}");
        assert_eq!(s, vec![("youtube".into(), 2), ("note".into(), 3)]);
    }

    #[test]
    fn dates_of_files() {
        assert_eq!(
            date_of(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_430_438_400)),
            "2015-05-01"
        );
    }
}
