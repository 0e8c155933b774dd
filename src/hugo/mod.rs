//! `herald init --from-hugo`: a new herald site seeded from a Hugo site — its
//! languages (in BCP 47), one content section grouped by translation, bundles,
//! `static/`, and an alias for every old URL. [`import`] plans every file in memory
//! (nothing is written), [`write`] writes the plan into a new folder.

pub mod config;
pub mod content;
mod convert;
pub mod front;
pub mod report;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::content::front_matter::check_alias;
use crate::diagnostics::Diagnostic;
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
pub(crate) const DATE_KEYS: [&str; 4] = ["date", "publishdate", "pubdate", "published"];

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
    convert::convert(&ctx, found.groups, &mut files, &mut claimed, &mut report);
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

/// What every step of the conversion needs to know of the Hugo site.
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
pub(crate) fn alias_file(alias: &str) -> String {
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
    // The video shortcodes' players are iframes, which herald embeds only from hosts
    // site.yaml names.
    let hosts: Vec<&str> = [
        ("youtube", "www.youtube-nocookie.com"),
        ("vimeo", "player.vimeo.com"),
    ]
    .into_iter()
    .filter(|(name, _)| report.shortcodes_converted.contains_key(*name))
    .map(|(_, host)| host)
    .collect();
    if !hosts.is_empty() {
        out.push_str(&format!(
            "markdown:\n  iframe_hosts: [{}]   # the video shortcodes' players\n",
            hosts.join(", ")
        ));
    }
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
    let staging = parent.join(format!(".{name}.herald-init-{}", std::process::id()));
    std::fs::create_dir(&staging).map_err(|e| {
        Diagnostic::file_error(&staging, format!("cannot create the staging folder: {e}"))
    })?;
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
