//! The build driver: load everything, build the model, plan, render, write.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::AnnId;
use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::files::StaticFile;
use crate::{config, content, i18n, lint, output, plan, render, search, site, theme};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holds site.yaml).
    pub site_dir: PathBuf,
    /// Output folder instead of site.yaml's `output_dir`.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Include announcements dated in the future.
    pub future: bool,
    /// Base URL instead of site.yaml's.
    pub base_url: Option<String>,
    /// Warnings are errors.
    pub strict: bool,
    /// Stale translations are warnings (`check --stale`).
    pub stale: bool,
    /// The build's clock; `None` reads `HERALD_NOW` or the system clock.
    pub now: Option<i64>,
    /// Told as files are rendered (`herald build`'s progress bar).
    pub progress: Option<Progress>,
}

/// Called from the render threads each time a file is done, with the number of files
/// done and the number planned.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// What a successful build (or check) did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Output folder.
    pub output: PathBuf,
    /// HTML pages written (0 for a check).
    pub pages: usize,
    /// Files written (0 for a check).
    pub files: usize,
    /// Languages built.
    pub languages: usize,
    /// Announcements published.
    pub announcements: usize,
    /// Left out as drafts or scheduled.
    pub skipped: site::Skipped,
    /// Warnings (sorted).
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
    /// The next time the site would change with no file changed (a closing date…).
    pub next_change: Option<crate::lifecycle::NextChange>,
}

pub use crate::profile::stage;

/// The environment variable that fixes the build's clock (`2026-01-01` or RFC 3339).
pub const NOW_VAR: &str = "HERALD_NOW";

/// The build's clock: `HERALD_NOW` if set, else the system clock.
pub fn clock() -> Result<i64, String> {
    match std::env::var(NOW_VAR) {
        Ok(v) => crate::date::Date::parse(&v)
            .map(|d| d.timestamp)
            .map_err(|e| format!("{NOW_VAR}: {e}")),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)),
    }
}

/// The clock of a build with these options.
pub(crate) fn now(options: &BuildOptions) -> Result<i64, Vec<Diagnostic>> {
    match options.now {
        Some(n) => Ok(n),
        None => clock().map_err(|e| vec![Diagnostic::file_error(NOW_VAR, e)]),
    }
}

/// Everything a build has before it plans files: the model, the strings, the theme.
pub struct Model {
    /// The site model.
    pub site: site::Site,
    /// Interface strings and dates.
    pub localizer: Arc<i18n::Localizer>,
    /// The compiled theme.
    pub theme: theme::Theme,
    /// The static files: the theme's, then the site's.
    pub statics: Vec<StaticFile>,
    /// Warnings found so far.
    pub diagnostics: Diagnostics,
    /// A hash of what every page depends on: site.yaml, the options and the templates.
    pub global: u64,
}

/// What a load keeps for the next one (watch mode): the content's parses and groups,
/// and the interface-string lint's findings with what they were made from.
#[derive(Default)]
pub struct Cache {
    /// Parses and groups of the announcements.
    pub content: content::Cache,
    /// A hash of the lint's inputs, and its warnings.
    lint: Option<(u64, Vec<Diagnostic>)>,
    /// The sizes of static images, read once per file.
    images: crate::images::SizeCache,
}

/// site.yaml with the command line's overrides (`--base-url`, `--output`) applied:
/// the one place every command gets its configuration from.
pub fn configure(options: &BuildOptions) -> Result<config::Config, Vec<Diagnostic>> {
    let mut config = config::load(&options.site_dir).map_err(|mut d| {
        if options.strict {
            d.make_strict();
        }
        d.sorted()
    })?;
    if let Some(url) = &options.base_url {
        let url = url.trim_end_matches('/').to_string();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(vec![Diagnostic::file_error(
                "--base-url",
                format!("`{url}` must be an absolute http:// or https:// URL"),
            )]);
        }
        config.base_url = url;
    }
    if let Some(out) = &options.output {
        config.output_dir = if out.is_absolute() {
            out.clone()
        } else {
            std::env::current_dir().unwrap_or_default().join(out)
        };
    }
    Ok(config)
}

/// Loads and validates everything (config, content, strings, theme) and builds the model.
/// With `for_output`, the output folder is checked too.
pub fn load(options: &BuildOptions, for_output: bool) -> Result<Model, Vec<Diagnostic>> {
    load_with(options, for_output, &mut Cache::default(), None)
}

/// Like [`load`], reading only the files that changed since `cache` saw them, and
/// reusing what the `previous` model has of the announcements that did not change
/// (watch mode).
pub fn load_with(
    options: &BuildOptions,
    for_output: bool,
    cache: &mut Cache,
    previous: Option<&site::Site>,
) -> Result<Model, Vec<Diagnostic>> {
    let fail = |mut d: Diagnostics, strict: bool| {
        if strict {
            d.make_strict();
        }
        d.sorted()
    };
    let t = Instant::now();
    let mut config = configure(options)?;
    let now = now(options)?;
    let mut diags = Diagnostics::new();
    if for_output {
        if let Err(msg) = output::check_output_dir(&config, &config.output_dir) {
            diags.push(Diagnostic::file_error(
                diagnostics::display_path(&config.root, &config.output_dir),
                msg,
            ));
            return Err(diags.sorted());
        }
    }
    let t = stage("config", t);
    let (announcements, content_diags) = cache.content.load(&config);
    let t = stage("content", t);
    diags.extend(content_diags.sorted());
    if options.stale {
        diags.extend(content::stale_warnings(&announcements));
    }
    let theme_files = match theme::load_files(&config) {
        Ok(files) => Some(files),
        Err(d) => {
            diags.extend(d.sorted());
            None
        }
    };
    let (site_locales, locale_diags) = i18n::read_site_locales(&config);
    diags.extend(locale_diags.sorted());
    let mut locale_files = theme_files
        .as_ref()
        .map(|t| t.locales.clone())
        .unwrap_or_default();
    locale_files.extend(site_locales);
    // The lint parses the strings on its own, before the bundles do, so that the two
    // parses are never in memory at once. Drafts and scheduled announcements count:
    // their tag labels are not unused.
    let tags_in_use = cache.content.tags_in_use();
    let lint_key = crate::hash::stable_hash(&(
        std::fs::read(config.root.join(config::CONFIG_FILE)).unwrap_or_default(),
        locale_files
            .iter()
            .map(|f| (&f.path, &f.lang, &f.text, f.from_theme))
            .collect::<Vec<_>>(),
        &tags_in_use,
    ));
    let lint_diags = match &cache.lint {
        Some((key, found)) if *key == lint_key => found.clone(),
        _ => lint::lint(&config, &locale_files, &tags_in_use),
    };
    drop(tags_in_use);
    cache.lint = Some((lint_key, lint_diags.clone()));
    diags.extend(lint_diags);
    let t = stage("lint", t);
    let (localizer, i18n_diags) = i18n::Localizer::new(&config, &locale_files);
    diags.extend(i18n_diags.sorted());
    let localizer = Arc::new(localizer);
    let theme = match &theme_files {
        Some(files) => match theme::Theme::compile(files, localizer.clone()) {
            Ok(t) => Some(t),
            Err(d) => {
                diags.extend(d.sorted());
                None
            }
        },
        None => None,
    };
    if config.search
        && theme
            .as_ref()
            .is_some_and(|t| !t.has_template(SEARCH_TEMPLATE))
    {
        // A theme made before search (or without it): the site is built without search.
        diags.push(Diagnostic::file_warning(
            theme_files
                .as_ref()
                .map(|f| f.display_root.join("templates"))
                .unwrap_or_default(),
            format!("the theme has no {SEARCH_TEMPLATE}, so the site has no search; add the template, or say `search: false` in site.yaml"),
        ));
        config.search = false;
    }
    if theme
        .as_ref()
        .is_some_and(|t| !t.has_template(ARCHIVE_TEMPLATE))
    {
        // A theme made before archives: the site is built without archive pages.
        diags.push(Diagnostic::file_warning(
            theme_files
                .as_ref()
                .map(|f| f.display_root.join("templates"))
                .unwrap_or_default(),
            format!("the theme has no {ARCHIVE_TEMPLATE}, so the site has no archive pages (/<lang>/archive/); add the template to have them"),
        ));
        config.archives = false;
    }
    if let Some(theme) = &theme {
        check_shortcodes(&config, &announcements, theme.shortcodes(), &mut diags);
    }
    let publish = site::Publish {
        drafts: options.drafts,
        future: options.future,
        now,
    };
    let t = stage("strings+theme", t);
    let (site_statics, static_diags) =
        crate::files::list_statics(&config.root, &config.root.join("static"));
    diags.extend(static_diags.sorted());
    let unreadable = unreadable_names(&config, &diags);
    let (mut site, site_diags) = site::build(config, announcements, publish, previous, &unreadable);
    diags.extend(site_diags.sorted());
    let (Some(theme), Some(theme_files)) = (theme, theme_files) else {
        return Err(fail(diags, options.strict));
    };
    let global = global_version(&site.config, options, &theme_files);
    let mut statics = theme_files.statics;
    statics.extend(site_statics);
    let static_images = static_images(&statics, &mut cache.images, previous);
    check_site_images(&site, &statics, &mut diags);
    site.static_images = static_images;
    if diags.has_errors() {
        return Err(fail(diags, options.strict));
    }
    stage("model", t);
    Ok(Model {
        site,
        localizer,
        theme,
        statics,
        diagnostics: diags,
        global,
    })
}

/// The announcement names whose texts are in error in `diags` (`content/announcements/
/// <name>.<lang>.md`, `<name>.md`, `<name>/index.<lang>.md`).
fn unreadable_names(
    config: &config::Config,
    diags: &Diagnostics,
) -> std::collections::HashSet<String> {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    diags
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| {
            let rest = d
                .path
                .strip_prefix(crate::content::ANNOUNCEMENTS_DIR)
                .ok()?;
            let first = rest.components().next()?.as_os_str().to_str()?;
            if rest.components().count() > 1 {
                return Some(first.to_string());
            }
            let stem = first.strip_suffix(".md")?;
            Some(match stem.rsplit_once('.') {
                Some((name, code)) if codes.contains(&code) => name.to_string(),
                _ => stem.to_string(),
            })
        })
        .collect()
}

/// The sizes of the static images (the site's win over the theme's), read once per
/// file; the last model's when they are the same.
fn static_images(
    statics: &[StaticFile],
    sizes: &mut crate::images::SizeCache,
    previous: Option<&site::Site>,
) -> Arc<site::StaticImages> {
    let mut found = std::collections::BTreeMap::new();
    for file in statics {
        let size = match &file.from {
            crate::files::Asset::Disk(path) if crate::images::is_image(&file.path) => {
                sizes.size(path, file.stamp)
            }
            crate::files::Asset::Builtin(bytes) => crate::images::size_of_bytes(&file.path, bytes),
            crate::files::Asset::Disk(_) => None,
        };
        match size {
            Some(size) => found.insert(file.path.clone(), size),
            None => found.remove(&file.path),
        };
    }
    let images = site::StaticImages::new(found);
    match previous {
        Some(p) if *p.static_images == images => p.static_images.clone(),
        _ => Arc::new(images),
    }
}

/// Share images given as paths from the site root (`image: /images/x.png` in front
/// matter, `share_image:` in site.yaml) must be static files of the theme or the site.
fn check_site_images(site: &site::Site, statics: &[StaticFile], diags: &mut Diagnostics) {
    let exists = |src: &str| {
        let path = src.trim_start_matches('/');
        statics.iter().any(|f| f.path == path)
    };
    let config = &site.config;
    if let Some(image) = &config.share_image {
        if !exists(image) {
            let text =
                std::fs::read_to_string(config.root.join(config::CONFIG_FILE)).unwrap_or_default();
            let (line, col) = config::locate_key(&text, "share_image");
            diags.push(Diagnostic::error(
                config::CONFIG_FILE,
                line,
                col,
                format!(
                    "share_image: `{image}` is not a file of static/ or of the theme's static/"
                ),
            ));
        }
    }
    for a in &site.announcements {
        for t in &a.translations {
            let Some(image) = &t.image else { continue };
            if image.path == t.path && image.src.starts_with('/') && !exists(&image.src) {
                diags.push(Diagnostic::error(
                    &t.path,
                    image.line,
                    1,
                    format!("`image` `{}` is not a file of static/ or of the theme's static/ (a path from the site root names one of those)", image.src),
                ));
            }
        }
    }
}
/// Checks every shortcode of every body against the theme's: its name, arguments,
/// closing tag and iframe host (errors at the shortcode's file:line:col).
fn check_shortcodes(
    config: &config::Config,
    announcements: &[Arc<content::Announcement>],
    specs: &std::collections::BTreeMap<String, crate::markdown::shortcodes::Spec>,
    diags: &mut Diagnostics,
) {
    let md = &config.markdown;
    let allowed = |host: &str| {
        md.raw_html == config::RawHtml::Allow || md.iframe_hosts.iter().any(|h| h == host)
    };
    for ann in announcements {
        for tr in &ann.translations {
            if tr.scan.shortcodes.is_empty() {
                continue;
            }
            let errors: Vec<(usize, String)> = tr
                .scan
                .shortcodes
                .iter()
                .filter_map(|call| {
                    let message =
                        crate::markdown::shortcodes::check(call, specs, &allowed).err()?;
                    Some((call.offset, message))
                })
                .collect();
            if errors.is_empty() {
                continue;
            }
            // The body is read for the errors' positions.
            let body = tr.body.text().unwrap_or_default();
            let lines = diagnostics::LineIndex::new(&body);
            for (offset, message) in errors {
                let (line, col) = lines.position(offset);
                diags.push(Diagnostic::error(
                    &tr.path,
                    line + tr.body_line - 1,
                    col,
                    message,
                ));
            }
        }
    }
}

/// The template of the search page; a theme without it has no search.
pub const SEARCH_TEMPLATE: &str = "search.html";
/// The template of the archive pages (`/L/archive/`, `/L/archive/YYYY/`).
pub const ARCHIVE_TEMPLATE: &str = "archive.html";

/// A hash of what every page depends on: site.yaml, the options and the templates.
fn global_version(
    config: &config::Config,
    options: &BuildOptions,
    theme: &theme::ThemeFiles,
) -> u64 {
    let yaml = std::fs::read(config.root.join(config::CONFIG_FILE)).unwrap_or_default();
    crate::hash::stable_hash(&(
        yaml,
        &config.base_url,
        &config.output_dir,
        options.drafts,
        options.future,
        &theme.templates,
        &theme.shortcodes,
    ))
}

/// Builds (`write`) or checks a site.
pub(crate) fn run(options: &BuildOptions, write: bool) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let mut cache = Cache::default();
    // Loaded once: the texts stay in their files until a page shows them (a build
    // checks at its end that none changed meanwhile).
    if write {
        cache.content.bodies_on_disk();
    }
    let model = load_with(options, write, &mut cache, None)?;
    // Loaded once: the model has what rendering needs of the parsed texts.
    cache.content.shed();
    let units = plan::Units::default();
    let mut report = full_build(&model, options, write, &units, false, &cache)?.report;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// What a full build gave: its report, its plan, each job's outcome (in plan order) and,
/// when kept (watch mode), the search indexes.
pub(crate) struct Built {
    /// The report.
    pub report: BuildReport,
    /// The plan.
    pub plan: plan::Plan,
    /// Each job's outcome, in the plan's order.
    pub outcomes: Vec<render::Outcome>,
    /// The search indexes (watch mode, search on).
    pub search: Option<search::session::SearchState>,
}

/// Plans and renders every file of a loaded site; with `write`, streams them into a
/// staging folder that replaces the output only when every file was written. With
/// `record`, each job's outcome keeps what it read (watch mode). A text of `cache`'s
/// load that changed while the site was built fails the build (never published
/// half-written). With `write` and search on, the search index is built from the pages
/// as they are rendered and written with them.
pub(crate) fn full_build(
    model: &Model,
    options: &BuildOptions,
    write: bool,
    units: &plan::Units,
    record: bool,
    cache: &Cache,
) -> Result<Built, Vec<Diagnostic>> {
    let Model {
        site,
        localizer,
        theme,
        statics,
        ..
    } = model;
    let mut diags = model.diagnostics.clone();
    let t = Instant::now();
    let (plan, plan_diags) = plan::plan(site, statics, None);
    let t = stage("plan", t);
    diags.extend(plan_diags.sorted());
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let output_dir = &site.config.output_dir;
    let root = &site.config.root;
    let staging = if write {
        match output::Staging::create(output_dir, plan.jobs().map(|j| &j.file)) {
            Ok(staging) => Some(staging),
            Err(e) => {
                let outcome = if output_dir.exists() {
                    "the previous output was kept"
                } else {
                    "no output was written"
                };
                diags.extend(output::diagnostics(vec![e], root, outcome));
                return Err(diags.sorted());
            }
        }
    } else {
        None
    };
    let t = stage("staging", t);
    let renderer = render::Renderer::new(site, localizer, theme, units, record);
    let jobs: Vec<&plan::Job> = plan.jobs().collect();
    // Write failures are gathered apart from render errors: a full disk fails every
    // file alike, and that is one line, not one per file.
    let write_failures = std::sync::Mutex::new(Vec::new());
    let failed = |e| {
        let mut failures = write_failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.push(e);
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    let sink = |job: &plan::Job, content: &render::Content| {
        if let Some(staging) = &staging {
            if let Err(e) = staging.write(&job.file, content) {
                failed(e);
            }
        }
        if let Some(Progress(tell)) = &options.progress {
            tell(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
        }
        Ok(())
    };
    // The pages the search index takes are rendered apart: language by language, in
    // the index's order.
    let searching = write && site.config.search;
    let mut indexed: HashMap<(usize, AnnId), usize> = HashMap::new();
    let mut others: Vec<usize> = Vec::with_capacity(jobs.len());
    for (i, job) in jobs.iter().enumerate() {
        match searching.then(|| search::indexed_page(site, job)).flatten() {
            Some(page) => {
                indexed.insert(page, i);
            }
            None => others.push(i),
        }
    }
    let other_jobs: Vec<&plan::Job> = others.iter().map(|&i| jobs[i]).collect();
    let (other_outcomes, render_diags) = renderer.render_each(&other_jobs, sink);
    drop(other_jobs);
    let mut outcomes = vec![render::Outcome::default(); jobs.len()];
    for (i, outcome) in others.into_iter().zip(other_outcomes) {
        outcomes[i] = outcome;
    }
    diags.extend(render_diags.sorted());
    let mut search_state = None;
    let mut bundle_files = 0;
    if searching {
        let t = Instant::now();
        let bundle_sink = |file: &std::path::Path, bytes: Vec<u8>| {
            if let Some(staging) = &staging {
                if let Err(e) = staging.write_new(file, &render::Content::Bytes(bytes)) {
                    failed(e);
                }
            }
            Ok(())
        };
        match search::index_build(&renderer, site, &jobs, &indexed, record, sink, bundle_sink) {
            Ok(done) => {
                for (i, outcome) in done.outcomes {
                    outcomes[i] = outcome;
                }
                bundle_files = done.files.len() + done.sunk;
                for (file, bytes) in done.files {
                    let _ = bundle_sink(&file, bytes);
                }
                search_state = done.state;
            }
            Err(d) => diags.extend(d.sorted()),
        }
        stage("search", t);
    }
    diags.extend(localizer.missing_warnings());
    if options.strict {
        diags.make_strict();
    }
    if write {
        for path in cache.content.changed_since_read(&site.config.root) {
            diags.push(Diagnostic::file_error(path, content::CHANGED_WHILE_BUILT));
        }
    }
    let write_failures = write_failures
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    if let (Some(staging), false) = (&staging, write_failures.is_empty()) {
        diags.extend(output::diagnostics(write_failures, root, staging.outcome()));
    }
    if diags.has_errors() {
        // Dropping the staging folder removes it.
        drop(staging);
        return Err(diags.sorted());
    }
    let t = stage(if write { "render+write" } else { "render" }, t);
    if let Some(staging) = staging {
        let outcome = staging.outcome();
        match staging.commit() {
            Ok(None) => {}
            Ok(Some(leftover)) => diags.extend(output::diagnostics(
                vec![leftover],
                root,
                "the new site is in place and the next build removes this folder",
            )),
            Err(e) => {
                diags.extend(output::diagnostics(vec![e], root, outcome));
                return Err(diags.sorted());
            }
        }
        stage("swap", t);
    }
    let files = if write { jobs.len() + bundle_files } else { 0 };
    let pages = if write {
        jobs.iter()
            .filter(|j| j.file.extension().is_some_and(|e| e == "html"))
            .count()
    } else {
        0
    };
    let report = BuildReport {
        output: output_dir.clone(),
        pages,
        files,
        languages: site.config.languages.len(),
        announcements: site.announcements.len(),
        skipped: site.skipped.clone(),
        warnings: diags.sorted(),
        elapsed: Duration::default(),
        next_change: site.next_change.clone(),
    };
    drop(jobs);
    Ok(Built {
        report,
        plan,
        outcomes,
        search: search_state,
    })
}
