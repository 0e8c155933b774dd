//! `herald init --from-hugo`: a new herald site seeded from a Hugo site — its
//! languages (in BCP 47), one content section grouped by translation, bundles,
//! `static/`, and an alias for every old URL. [`import`] plans every file in memory
//! (nothing is written), [`write`] writes the plan into a new folder.

pub mod config;
pub mod content;
pub mod front;
pub mod report;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::content::front_matter::{check_alias, check_image_src};
use crate::diagnostics::Diagnostic;
use content::{Group, Page};
use front::{normalise_date, scalar_text, string_list, urlize};
use report::{LanguageLine, Report};

/// A file of the new site: text made here, or a file copied from the Hugo site.
#[derive(Debug, Clone)]
pub enum Source {
    /// Text to write.
    Text(String),
    /// A file to copy.
    Copy(PathBuf),
}

/// Every file of the new site (relative paths) and the report.
pub struct Import {
    /// The new site's files.
    pub files: BTreeMap<PathBuf, Source>,
    /// What was done.
    pub report: Report,
}

/// The shortcodes herald renders itself.
pub const BUILTIN_SHORTCODES: [&str; 8] = [
    "figure", "note", "warning", "caution", "youtube", "vimeo", "details", "mermaid",
];

/// Front matter keys that name the publication date, in Hugo's order.
const DATE_KEYS: [&str; 4] = ["date", "publishdate", "pubdate", "published"];

/// Refuses a target that is a file or a non-empty folder.
pub fn check_target(target: &Path) -> Result<(), Diagnostic> {
    if target.is_file() {
        return Err(Diagnostic::file_error(
            target,
            "is a file: give the new site's folder (new or empty)",
        ));
    }
    if let Ok(mut entries) = std::fs::read_dir(target) {
        if entries.next().is_some() {
            return Err(Diagnostic::file_error(
                target,
                "is not empty: herald init never writes into a non-empty folder; give a new folder",
            ));
        }
    }
    Ok(())
}

/// Plans the import of `hugo`'s `section` (default: posts, post, blog or news) into `target`.
pub fn import(
    hugo: &Path,
    target: &Path,
    section: Option<&str>,
) -> Result<Import, Vec<Diagnostic>> {
    if !hugo.is_dir() {
        return Err(vec![Diagnostic::file_error(
            hugo,
            "is not a folder: give the Hugo site's folder (it holds hugo.toml or content/)",
        )]);
    }
    if !hugo.join("content").is_dir() {
        return Err(vec![Diagnostic::file_error(
            hugo,
            "has no content/ folder: is it a Hugo site?",
        )]);
    }
    let config = config::read(hugo)?;
    let (codes, default, roots) = content::roots(hugo, &config);
    let (section, why) =
        content::section(&roots, section).map_err(|m| vec![Diagnostic::file_error(hugo, m)])?;
    let mut report = Report {
        hugo: hugo.to_path_buf(),
        target: target.to_path_buf(),
        config_files: config.files.clone(),
        layout: if roots.len() > 1 || roots.iter().any(|r| r.dir != hugo.join("content")) {
            "a folder per language".into()
        } else {
            "one folder, languages in file name suffixes (post.fr.md)".into()
        },
        section: (section.clone(), why),
        ..Report::default()
    };
    // Languages: Hugo's code → herald's.
    let mut herald_of: HashMap<String, String> = HashMap::new();
    let mut seen = HashMap::new();
    let mut errors = Vec::new();
    for code in &codes {
        let hl = config.languages.iter().find(|l| &l.code == code);
        let bcp = hl
            .map(|l| l.bcp47.clone())
            .unwrap_or_else(|| config::bcp47(code));
        if let Some(other) = seen.insert(bcp.clone(), code.clone()) {
            errors.push(Diagnostic::file_error(
                hugo,
                format!("the languages `{other}` and `{code}` are both `{bcp}` in BCP 47: herald cannot keep both"),
            ));
        }
        let name = hl
            .and_then(|l| l.name.clone())
            .or_else(|| config::native_name(&bcp).map(str::to_string))
            .unwrap_or_else(|| bcp.clone());
        report.languages.push(LanguageLine {
            hugo: code.clone(),
            herald: bcp.clone(),
            name,
            default: *code == default,
        });
        herald_of.insert(code.clone(), bcp);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let found = content::find(hugo, &roots, &codes, &section, &mut report);
    if !found.errors.is_empty() {
        return Err(found.errors);
    }
    let base_url = match &config.base_url {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
            (u.trim_end_matches('/').to_string(), false)
        }
        _ => ("https://example.org".to_string(), true),
    };
    report.base_url = base_url.clone();
    let base_path = base_url
        .0
        .split_once("://")
        .and_then(|(_, r)| r.find('/').map(|i| r[i..].to_string()))
        .unwrap_or_default();
    let mut files: BTreeMap<PathBuf, Source> = BTreeMap::new();
    // Output files taken so far (aliases may not land on them).
    let mut claimed: HashMap<String, String> = HashMap::new();
    copy_static(hugo, &mut files, &mut claimed, &mut report);
    let herald_codes: Vec<String> = codes.iter().map(|c| herald_of[c].clone()).collect();
    let ctx = Ctx {
        hugo,
        config: &config,
        codes: &codes,
        herald_of: &herald_of,
        herald_codes: &herald_codes,
        default: &default,
        section: &section,
    };
    list_redirects(
        &ctx,
        &base_url.0,
        &base_path,
        &mut files,
        &mut claimed,
        &mut report,
    );
    convert(&ctx, found.groups, &mut files, &mut claimed, &mut report);
    files.insert(
        PathBuf::from("site.yaml"),
        Source::Text(site_yaml(hugo, &report)),
    );
    for (path, text) in locales(&config, &ctx) {
        files.insert(path, Source::Text(text));
    }
    report.files_written = files.len();
    Ok(Import { files, report })
}

struct Ctx<'a> {
    hugo: &'a Path,
    config: &'a config::HugoConfig,
    codes: &'a [String],
    herald_of: &'a HashMap<String, String>,
    herald_codes: &'a [String],
    default: &'a str,
    section: &'a str,
}

impl Ctx<'_> {
    fn prefix(&self, lang: &str) -> String {
        if lang == self.default && !self.config.default_in_subdir {
            String::new()
        } else {
            format!("/{lang}")
        }
    }

    fn rank(&self, lang: &str) -> usize {
        self.codes
            .iter()
            .position(|c| c == lang)
            .unwrap_or(usize::MAX)
    }

    /// Why herald itself writes `file` (relative to the output), if it does.
    fn herald_page(&self, file: &str) -> bool {
        let segs: Vec<&str> = file.split('/').collect();
        if matches!(
            file,
            "index.html" | "404.html" | "robots.txt" | "sitemap.xml"
        ) || file.starts_with("pagefind/")
            || (file.starts_with("sitemap-") && file.ends_with(".xml"))
        {
            return true;
        }
        self.herald_codes.iter().any(|c| c == segs[0])
            && (segs.len() == 2 && matches!(segs[1], "index.html" | "atom.xml" | "404.html")
                || segs.len() > 2
                    && matches!(segs[1], "announcements" | "tags" | "page" | "search"))
    }
}

/// The output file of an alias path without its leading `/`.
fn alias_file(alias: &str) -> String {
    if alias.ends_with('/') {
        format!("{alias}index.html")
    } else {
        alias.to_string()
    }
}

/// Copies the Hugo site's static/ into the new site's static/.
fn copy_static(
    hugo: &Path,
    files: &mut BTreeMap<PathBuf, Source>,
    claimed: &mut HashMap<String, String>,
    report: &mut Report,
) {
    let dir = hugo.join("static");
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !crate::content::ignored_name(&e.file_name().to_string_lossy()) || e.depth() == 0
        })
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        claimed.insert(rel_s.clone(), format!("static/{rel_s}"));
        files.insert(
            Path::new("static").join(rel),
            Source::Copy(entry.path().to_path_buf()),
        );
        report.static_files += 1;
    }
    for (name, why) in [
        (
            "layouts",
            "Hugo templates are not converted: herald uses its own theme (themes/)",
        ),
        (
            "themes",
            "Hugo themes are not converted: herald uses its own theme (themes/)",
        ),
        (
            "assets",
            "Hugo Pipes assets are not converted: put finished files into static/",
        ),
        (
            "i18n",
            "Hugo's translation tables are not converted: herald's are Fluent files (locales/)",
        ),
        ("data", "Hugo data files are not read by herald"),
        (
            "archetypes",
            "archetypes are not used: `herald new` writes new announcements",
        ),
    ] {
        if hugo.join(name).is_dir() {
            report.skip(PathBuf::from(format!("{name}/")), why.into());
        }
    }
}

/// Redirect pages (in static/) from old language homes and section lists to the new homes.
fn list_redirects(
    ctx: &Ctx,
    base_url: &str,
    base_path: &str,
    files: &mut BTreeMap<PathBuf, Source>,
    claimed: &mut HashMap<String, String>,
    report: &mut Report,
) {
    for code in ctx.codes {
        let prefix = ctx.prefix(code);
        let herald = &ctx.herald_of[code];
        let to = format!("/{herald}/");
        let mut olds = Vec::new();
        if !prefix.is_empty() {
            olds.push(format!("{prefix}/"));
        }
        olds.push(format!("{prefix}/{}/", ctx.section));
        for old in olds {
            let old = if ctx.config.path_to_lower {
                old.to_lowercase()
            } else {
                old
            };
            let Ok(rest) = check_alias(&old) else {
                continue;
            };
            let file = alias_file(&rest);
            if ctx.herald_page(&file) || claimed.contains_key(&file) {
                continue;
            }
            claimed.insert(file.clone(), "a list redirect".into());
            files.insert(
                Path::new("static").join(&file),
                Source::Text(redirect_page(
                    herald,
                    &format!("{base_path}{to}"),
                    &format!("{base_url}{to}"),
                )),
            );
            report
                .list_redirects
                .push((format!("{base_path}{old}"), format!("{base_path}{to}")));
        }
    }
}

/// A redirect page like herald's alias pages: meta refresh, canonical link, plain link.
fn redirect_page(lang: &str, target: &str, canonical: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    let (t, c) = (esc(target), esc(canonical));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{c}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{c}\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p><a href=\"{t}\">{c}</a></p>\n</body>\n</html>\n"
    )
}

/// The announcement's slug before clashes: the source's `slug`, else its file or bundle name.
fn base_slug(page: &Page, lower: bool) -> String {
    let file_name = page.rel.rsplit('/').next().unwrap_or(&page.rel).to_string();
    let slug = page
        .parsed
        .front
        .iter()
        .find(|(k, _)| k.as_str().is_some_and(|s| s.eq_ignore_ascii_case("slug")))
        .and_then(|(_, v)| scalar_text(v))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(file_name);
    urlize(&slug, lower)
}

/// A page's own publication date, normalised, and whether it had a time but no zone.
fn page_date(page: &Page) -> Option<(String, String, bool)> {
    for key in DATE_KEYS {
        if let Some((k, v)) = page
            .parsed
            .front
            .iter()
            .find(|(k, _)| k.as_str().is_some_and(|s| s.eq_ignore_ascii_case(key)))
        {
            if let Some((d, no_zone)) = scalar_text(v).and_then(|s| normalise_date(&s)) {
                return Some((k.as_str().unwrap_or(key).to_string(), d, no_zone));
            }
        }
    }
    None
}

fn source_index(ctx: &Ctx, group: &Group) -> usize {
    group
        .pages
        .iter()
        .enumerate()
        .min_by_key(|(_, p)| (p.lang != ctx.default, ctx.rank(&p.lang)))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// `img/diagram.svg` → `img/diagram.zh-Hans.svg`.
fn with_lang(name: &str, lang: &str) -> String {
    let (dir, file) = match name.rsplit_once('/') {
        Some((d, f)) => (format!("{d}/"), f),
        None => (String::new(), name),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) => format!("{dir}{stem}.{lang}.{ext}"),
        None => format!("{dir}{file}.{lang}"),
    }
}

/// Converts every group into herald announcements.
fn convert(
    ctx: &Ctx,
    mut groups: Vec<Group>,
    files: &mut BTreeMap<PathBuf, Source>,
    claimed: &mut HashMap<String, String>,
    report: &mut Report,
) {
    let lower = ctx.config.path_to_lower;
    // Order pages by language; find each group's source and its date.
    let mut dates: BTreeMap<usize, String> = BTreeMap::new();
    let mut sources = Vec::new();
    for (g, group) in groups.iter_mut().enumerate() {
        group.pages.sort_by_key(|p| ctx.rank(&p.lang));
        let s = source_index(ctx, group);
        sources.push(s);
        let page = &group.pages[s];
        if let Some((_, d, _)) = page_date(page) {
            dates.insert(g, d);
        } else if let Some(d) = &page.mtime_date {
            dates.insert(g, d.clone());
        }
    }
    // Slugs: the oldest keeps it; a later one gets its date, then -2, -3….
    let mut slugs: Vec<String> = vec![String::new(); groups.len()];
    let mut taken: HashSet<String> = HashSet::new();
    for g in content::by_date(&dates, &groups) {
        let page = &groups[g].pages[sources[g]];
        let base = base_slug(page, lower);
        let mut slug = base.clone();
        if taken.contains(&slug) {
            if let Some(d) = dates.get(&g) {
                slug = format!("{base}-{}", &d[..10]);
            }
            let stem = slug.clone();
            let mut n = 2;
            while taken.contains(&slug) {
                slug = format!("{stem}-{n}");
                n += 1;
            }
            report.clashes.push(format!(
                "{}: slug `{base}` is taken → `{slug}`",
                page.file.display()
            ));
        }
        taken.insert(slug.clone());
        slugs[g] = slug;
    }
    for (g, group) in groups.into_iter().enumerate() {
        let slug = &slugs[g];
        let date = dates.get(&g).cloned();
        let name = match &date {
            Some(d) => format!("{}-{slug}", &d[..10]),
            None => slug.clone(),
        };
        let explicit_slug = crate::content::slug_from_name(&name) != *slug;
        let source_lang = group.pages[sources[g]].lang.clone();
        // Bundle files: one name each; a language's own version gets its code in its name.
        let mut outputs: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut renames: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut resources = group.resources;
        resources.sort_by_key(|r| {
            (
                r.suffixed,
                r.lang.as_deref().map(|l| (l != source_lang, ctx.rank(l))),
                r.name.clone(),
            )
        });
        for r in resources {
            let shared = !r.suffixed
                && match outputs.get(&r.name) {
                    None => true,
                    Some(p) => {
                        if std::fs::read(p).ok() == std::fs::read(&r.path).ok() {
                            continue;
                        }
                        false
                    }
                };
            if shared {
                outputs.insert(r.name.clone(), r.path);
                continue;
            }
            let lang = r.lang.clone().unwrap_or_else(|| source_lang.clone());
            let herald = &ctx.herald_of[&lang];
            let new = with_lang(&r.name, herald);
            report.renamed_files.push(format!(
                "{} → {} (the {herald} text links to it instead of {})",
                r.path.strip_prefix(ctx.hugo).unwrap_or(&r.path).display(),
                new,
                r.name
            ));
            renames
                .entry(lang)
                .or_default()
                .push((r.name.clone(), new.clone()));
            outputs.insert(new, r.path);
        }
        let bundle = !outputs.is_empty() || group.pages.iter().any(|p| p.bundle.is_some());
        let dir = PathBuf::from("content/announcements");
        for (name_in_bundle, path) in &outputs {
            files.insert(
                dir.join(&name).join(name_in_bundle),
                Source::Copy(path.clone()),
            );
        }
        report.posts += 1;
        report.bundles += usize::from(bundle);
        for (i, page) in group.pages.into_iter().enumerate() {
            let herald = ctx.herald_of[&page.lang].clone();
            let rel = if bundle {
                dir.join(&name).join(format!("index.{herald}.md"))
            } else {
                dir.join(format!("{name}.{herald}.md"))
            };
            let is_source = i == sources[g];
            let text = convert_page(
                ctx,
                page,
                PageOut {
                    rel: &rel,
                    slug: (is_source && explicit_slug).then_some(slug.as_str()),
                    source_slug: slug,
                    source_date: date.as_deref(),
                    is_source,
                    bundle_files: &outputs,
                    renames: &renames,
                },
                claimed,
                report,
            );
            *report.translations.entry(herald).or_default() += 1;
            files.insert(rel, Source::Text(text));
        }
    }
}

struct PageOut<'a> {
    rel: &'a Path,
    slug: Option<&'a str>,
    source_slug: &'a str,
    source_date: Option<&'a str>,
    is_source: bool,
    bundle_files: &'a BTreeMap<String, PathBuf>,
    renames: &'a HashMap<String, Vec<(String, String)>>,
}

fn convert_page(
    ctx: &Ctx,
    page: Page,
    out: PageOut,
    claimed: &mut HashMap<String, String>,
    report: &mut Report,
) -> String {
    let shown = out.rel.display().to_string();
    let own_date = page_date(&page);
    let url_date = own_date
        .as_ref()
        .map(|d| d.1.clone())
        .or(out.source_date.map(str::to_string));
    // Old URLs: the page's own (url: or permalink), then its aliases.
    let (old, kind) = content::old_url(
        ctx.config,
        &page,
        ctx.section,
        &ctx.prefix(&page.lang),
        url_date.as_deref(),
    );
    let mut olds: Vec<(String, &'static str)> = vec![(old.clone(), kind)];
    let mut fm = page.parsed.front;
    let hugo_aliases = content::take(&mut fm, "aliases")
        .as_ref()
        .and_then(string_list)
        .unwrap_or_default();
    for a in hugo_aliases {
        olds.push((content::resolve_alias(a.trim(), &old), "alias"));
    }
    let mut aliases: Vec<String> = Vec::new();
    for (url, kind) in olds {
        let url = content::normalise_url(&url);
        let rest = match check_alias(&url) {
            Ok(rest) => rest,
            Err(why) => {
                report
                    .aliases_skipped
                    .push(format!("{}: `{url}` {why}", page.file.display()));
                continue;
            }
        };
        let file = alias_file(&rest);
        if ctx.herald_page(&file) {
            if kind != "permalink" {
                report.aliases_skipped.push(format!(
                    "{}: `{url}` is the address of a page herald writes",
                    page.file.display()
                ));
            }
            continue;
        }
        if aliases.contains(&url) {
            continue;
        }
        if let Some(other) = claimed.get(&file) {
            report.aliases_skipped.push(format!(
                "{}: `{url}` already redirects to {other}",
                page.file.display()
            ));
            continue;
        }
        claimed.insert(file, shown.clone());
        *report.aliases.entry(kind).or_default() += 1;
        aliases.push(url);
    }
    // Front matter: herald's fields, `description` → `summary`, the rest under `extra`.
    let mut new = Mapping::new();
    let title = content::take(&mut fm, "title")
        .and_then(|v| scalar_text(&v))
        .filter(|t| !t.trim().is_empty());
    let title = title.unwrap_or_else(|| {
        let t = page
            .rel
            .rsplit('/')
            .next()
            .unwrap_or(&page.rel)
            .replace(['-', '_'], " ");
        report.notes.push(format!(
            "{}: no title; made one from the file name (`{t}`)",
            page.file.display()
        ));
        t
    });
    new.insert("title".into(), Value::String(title.trim().to_string()));
    match &own_date {
        Some((key, d, no_zone)) => {
            fm.remove(key.as_str());
            new.insert("date".into(), Value::String(d.clone()));
            if *no_zone {
                report.notes.push(format!(
                    "{}: `{key}` has no time zone; read as UTC",
                    page.file.display()
                ));
            }
        }
        None if out.is_source => {
            let d = out.source_date.unwrap_or("1970-01-01").to_string();
            let why = match fm.iter().find(|(k, _)| {
                k.as_str()
                    .is_some_and(|s| DATE_KEYS.iter().any(|d| s.eq_ignore_ascii_case(d)))
            }) {
                Some((k, v)) => format!(
                    "`{}: {}` is not a date herald can read",
                    k.as_str().unwrap_or_default(),
                    scalar_text(v).unwrap_or_default()
                ),
                None => "no date".into(),
            };
            report.notes.push(format!(
                "{}: {why}; dated {d} (the file's modification date)",
                page.file.display()
            ));
            new.insert("date".into(), Value::String(d));
        }
        None => {}
    }
    if let Some(u) = fm
        .iter()
        .find(|(k, _)| k.as_str() == Some("updated"))
        .and_then(|(_, v)| scalar_text(v))
        .and_then(|s| normalise_date(&s))
    {
        fm.remove("updated");
        new.insert("updated".into(), Value::String(u.0));
    }
    let summary = content::take(&mut fm, "summary").and_then(|v| scalar_text(&v));
    match summary {
        Some(s) => {
            new.insert("summary".into(), Value::String(s));
        }
        None => {
            if let Some(d) = content::take(&mut fm, "description").and_then(|v| scalar_text(&v)) {
                report.descriptions += 1;
                new.insert("summary".into(), Value::String(d));
            }
        }
    }
    let mut original_tags = None;
    if let Some(tags) = content::take(&mut fm, "tags") {
        let list = string_list(&tags).unwrap_or_default();
        let urlized: Vec<String> = list.iter().map(|t| urlize(t, true)).collect();
        if urlized != list {
            // The tags as written stay under extra (not counted as a moved key).
            report.tags_rewritten += 1;
            original_tags = Some(tags);
        }
        let mut seen = HashSet::new();
        let urlized: Vec<Value> = urlized
            .into_iter()
            .filter(|t| seen.insert(t.clone()))
            .map(Value::String)
            .collect();
        new.insert("tags".into(), Value::Sequence(urlized));
    }
    if let Some(draft) = content::take(&mut fm, "draft") {
        match scalar_text(&draft).as_deref() {
            Some("true") => {
                new.insert("draft".into(), Value::Bool(true));
            }
            Some("false") => {
                new.insert("draft".into(), Value::Bool(false));
            }
            _ => {
                fm.insert("draft".into(), draft);
            }
        }
    }
    if let Some(slug) = out.slug {
        new.insert("slug".into(), Value::String(slug.into()));
    }
    // A translation's own Hugo slug stays under extra: herald's URL is the source's.
    if let Some(s) = fm
        .iter()
        .find(|(k, _)| k.as_str().is_some_and(|s| s.eq_ignore_ascii_case("slug")))
        .map(|(k, v)| (k.clone(), v.clone()))
    {
        let same = scalar_text(&s.1)
            .is_some_and(|v| urlize(&v, ctx.config.path_to_lower) == out.source_slug);
        if out.is_source || same {
            fm.remove(&s.0);
        }
    }
    if !aliases.is_empty() {
        new.insert(
            "aliases".into(),
            Value::Sequence(aliases.into_iter().map(Value::String).collect()),
        );
    }
    if let Some(image) = fm.get("image").and_then(Value::as_str).map(str::to_string) {
        let ok = check_image_src(&image).is_ok()
            && (image.starts_with('/')
                || image.contains("://")
                || out.bundle_files.contains_key(&image));
        if ok {
            fm.remove("image");
            new.insert("image".into(), Value::String(image));
        }
    }
    let mut extra = Mapping::new();
    if let Some(Value::Mapping(e)) = fm.remove("extra") {
        extra.extend(e);
    }
    for (k, v) in fm {
        let key = scalar_text(&k).unwrap_or_default();
        *report.keys_moved.entry(key).or_default() += 1;
        extra.insert(k, v);
    }
    if let Some(tags) = original_tags {
        extra.insert("tags".into(), tags);
    }
    if !extra.is_empty() {
        new.insert("extra".into(), Value::Mapping(extra));
    }
    // The body, with this language's bundle files renamed.
    let mut body = page.parsed.body;
    for (old, new_name) in out.renames.get(&page.lang).into_iter().flatten() {
        body = content::rename_refs(&body, old, new_name).0;
    }
    let yaml = serde_yaml::to_string(&new).unwrap_or_default();
    let body_line = yaml.lines().count() + 3;
    for (name, line) in content::shortcodes(&body) {
        if BUILTIN_SHORTCODES.contains(&name.as_str()) {
            *report.shortcodes_converted.entry(name).or_default() += 1;
        } else {
            report.shortcodes_left.push(format!(
                "{shown}:{}: `{name}` (from {}:{}): herald has no such shortcode; add themes/<theme>/shortcodes/{name}.html or rewrite it",
                body_line + line - 1,
                page.file.display(),
                page.parsed.body_line + line - 1
            ));
        }
    }
    format!("---\n{yaml}---\n{body}")
}

/// site.yaml for the report's languages and base URL.
fn site_yaml(hugo: &Path, report: &Report) -> String {
    let q = |s: &str| {
        serde_yaml::to_string(s)
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    let default = report
        .languages
        .iter()
        .find(|l| l.default)
        .map(|l| l.herald.clone())
        .unwrap_or_default();
    let mut out = format!(
        "# Made by `herald init --from-hugo` from the Hugo site {}.\ntitle_key: site-title\nbase_url: {}\ndefault_language: {}\nlanguages:\n",
        hugo.display(),
        q(&report.base_url.0),
        q(&default)
    );
    for l in &report.languages {
        out.push_str(&format!(
            "  - code: {}\n    name: {}\n",
            q(&l.herald),
            q(&l.name)
        ));
    }
    out.push_str("theme: default\noutput_dir: public\n");
    out
}

/// `locales/<lang>/site.ftl` with the site's title (Hugo's `title`, per language where set).
fn locales(config: &config::HugoConfig, ctx: &Ctx) -> Vec<(PathBuf, String)> {
    let escape = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('{', "\u{0}")
            .replace('}', "{\"}\"}")
            .replace('\u{0}', "{\"{\"}")
    };
    let mut out = Vec::new();
    for code in ctx.codes {
        let own = config
            .languages
            .iter()
            .find(|l| &l.code == code)
            .and_then(|l| l.title.clone());
        let title = match (own, code == ctx.default) {
            (Some(t), _) => t,
            (None, true) => config.title.clone().unwrap_or_else(|| "News".into()),
            (None, false) => continue,
        };
        out.push((
            PathBuf::from("locales")
                .join(&ctx.herald_of[code])
                .join("site.ftl"),
            format!(
                "# The site's own strings, from the Hugo site's title.\nsite-title = {}\n",
                escape(&title)
            ),
        ));
    }
    out
}

/// Writes the plan into `target` (new or empty): into a folder beside it first, then
/// renamed into place, so a failed import leaves nothing half-written.
pub fn write(import: &Import, target: &Path) -> Result<(), Diagnostic> {
    check_target(target)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "site".into());
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| Diagnostic::file_error(parent, format!("cannot create: {e}")))?;
    let staging = parent.join(format!(".{name}.herald-init"));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| -> Result<(), Diagnostic> {
        for (rel, source) in &import.files {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Diagnostic::file_error(
                        target.join(rel),
                        format!("cannot create its folder: {e}"),
                    )
                })?;
            }
            match source {
                Source::Text(t) => std::fs::write(&path, t).map(|_| ()),
                Source::Copy(from) => std::fs::copy(from, &path).map(|_| ()),
            }
            .map_err(|e| Diagnostic::file_error(target.join(rel), format!("cannot write: {e}")))?;
        }
        if target.is_dir() {
            std::fs::remove_dir(target).map_err(|e| {
                Diagnostic::file_error(target, format!("cannot replace the empty folder: {e}"))
            })?;
        }
        std::fs::rename(&staging, target).map_err(|e| {
            Diagnostic::file_error(target, format!("cannot move the new site into place: {e}"))
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}
