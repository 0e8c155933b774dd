//! Hugo pages into herald announcements: source and date of each group, slugs (with
//! clashes resolved), bundle files per language, front matter, aliases, shortcodes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::content::{self, Group, Page};
use super::front::{normalise_date, scalar_text, string_list, urlize};
use super::report::Report;
use super::{alias_file, Ctx, Source, BUILTIN_SHORTCODES, DATE_KEYS};
use crate::content::front_matter::{check_alias, check_image_src};

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
    first_date(page, &DATE_KEYS)
}

/// The first of `keys` (any case) the page's front matter has with a date herald can
/// read: the key as written, the date, and whether it had no time zone.
fn first_date(page: &Page, keys: &[&str]) -> Option<(String, String, bool)> {
    for &key in keys {
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
pub(super) fn convert(
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
            // herald gives a language's pages its own version under the shared name, so
            // the text's links stay as they are.
            report.renamed_files.push(format!(
                "{} → {} ({herald} pages show it as {})",
                r.path.strip_prefix(ctx.hugo).unwrap_or(&r.path).display(),
                new,
                r.name
            ));
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
    // Hugo's `expiryDate` (alias `unpublishDate`): herald's `expires`, which likewise
    // takes the page off the lists (herald keeps the page itself, with a notice).
    let expiry = first_date(&page, &["expirydate", "unpublishdate"]);
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
    if let Some((key, date, _)) = expiry {
        fm.remove(key.as_str());
        new.insert("expires".into(), Value::String(date));
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
    // `draft`, and `toc` as many Hugo themes read it: kept when true or false.
    for key in ["draft", "toc"] {
        if let Some(value) = content::take(&mut fm, key) {
            match scalar_text(&value).as_deref() {
                Some("true") => {
                    new.insert(key.into(), Value::Bool(true));
                }
                Some("false") => {
                    new.insert(key.into(), Value::Bool(false));
                }
                _ => {
                    fm.insert(key.into(), value);
                }
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
    let title = new
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let (body, titled) = content::title_videos(&page.parsed.body, &title);
    let yaml = serde_yaml::to_string(&new).unwrap_or_default();
    let body_line = yaml.lines().count() + 3;
    for (name, line) in titled {
        report.notes.push(format!(
            "{shown}:{}: `{name}` had no `title` (herald needs one: screen readers announce the video by it): the page's title was given; check it",
            body_line + line - 1
        ));
    }
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
