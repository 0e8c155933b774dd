//! herald: a static site generator for multilingual announcements.
//!
//! The pipeline runs one way: [`config`] → [`content`] + [`i18n`] + [`theme`]
//! → [`site`] (the model) → [`plan`] → [`render`] → [`output`].

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod i18n;
pub mod incremental;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod status;
pub mod theme;
pub mod urls;
pub mod watch;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};

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
    /// The build's clock; `None` reads `HERALD_NOW` or the system clock.
    pub now: Option<i64>,
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
}

/// With `HERALD_PROFILE` set, each stage's wall time is printed to stderr.
pub fn stage(name: &str, since: Instant) -> Instant {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("HERALD_PROFILE").is_some()) {
        eprintln!(
            "  {name:<12} {:>8.1} ms",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
    Instant::now()
}

/// The environment variable that fixes the build's clock (`2026-01-01` or RFC 3339).
pub const NOW_VAR: &str = "HERALD_NOW";

/// The build's clock: `HERALD_NOW` if set, else the system clock.
pub fn clock() -> Result<i64, String> {
    match std::env::var(NOW_VAR) {
        Ok(v) => content::Date::parse(&v)
            .map(|d| d.timestamp)
            .map_err(|e| format!("{NOW_VAR}: {e}")),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)),
    }
}

/// Builds the site and writes it; on any error nothing is written and every diagnostic is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    run(options, true)
}

/// Everything `build` validates, with nothing written.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    run(options, false)
}

/// Everything a build has before it plans files: the model, the strings, the theme.
pub struct Model {
    /// The site model.
    pub site: site::Site,
    /// Interface strings and dates.
    pub localizer: Arc<i18n::Localizer>,
    /// The compiled theme.
    pub theme: theme::Theme,
    /// The theme's files (for its static assets).
    pub theme_files: theme::ThemeFiles,
    /// Warnings found so far.
    pub diagnostics: Diagnostics,
    /// Versions of the inputs every page depends on.
    pub versions: plan::Versions,
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
    load_with(options, for_output, &mut content::ParseCache::default())
}

/// Like [`load`], reading only the files that changed since `cache` saw them (watch mode).
pub fn load_with(
    options: &BuildOptions,
    for_output: bool,
    cache: &mut content::ParseCache,
) -> Result<Model, Vec<Diagnostic>> {
    let fail = |mut d: Diagnostics, strict: bool| {
        if strict {
            d.make_strict();
        }
        d.sorted()
    };
    let config = configure(options)?;
    let now = match options.now {
        Some(n) => n,
        None => clock().map_err(|e| vec![Diagnostic::file_error(NOW_VAR, e)])?,
    };
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

    let t = Instant::now();
    let (announcements, content_diags) = content::load_cached(&config, cache);
    let t = stage("content", t);
    diags.extend(content_diags.sorted());
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
    let publish = site::Publish {
        drafts: options.drafts,
        future: options.future,
        now,
    };
    let t = stage("strings+theme", t);
    // Drafts and scheduled announcements count: their tag labels are not unused.
    let tags_in_use: std::collections::BTreeSet<String> = announcements
        .iter()
        .flat_map(|a| a.translations.iter().flat_map(|t| t.tags.iter().cloned()))
        .collect();
    diags.extend(lint::lint(&config, &locale_files, &tags_in_use));
    let (site, site_diags) = site::build(config, announcements, publish);
    stage("model", t);
    diags.extend(site_diags.sorted());
    let (Some(theme), Some(theme_files)) = (theme, theme_files) else {
        return Err(fail(diags, options.strict));
    };
    if diags.has_errors() {
        return Err(fail(diags, options.strict));
    }
    let versions = plan::Versions {
        global: global_version(&site.config, options, &theme_files),
    };
    Ok(Model {
        site,
        localizer,
        theme,
        theme_files,
        diagnostics: diags,
        versions,
    })
}

/// A hash of what every page depends on: site.yaml, the options and the templates.
fn global_version(
    config: &config::Config,
    options: &BuildOptions,
    theme: &theme::ThemeFiles,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::read(config.root.join(config::CONFIG_FILE))
        .unwrap_or_default()
        .hash(&mut h);
    (
        &config.base_url,
        &config.output_dir,
        options.drafts,
        options.future,
    )
        .hash(&mut h);
    theme.templates.hash(&mut h);
    h.finish()
}

fn run(options: &BuildOptions, write: bool) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let model = load(options, write)?;
    let (mut report, _, _) = full_build(&model, options, write)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Plans and renders every file of a loaded site; with `write`, streams them into a
/// staging folder that replaces the output only when every file was written.
/// Returns the report, the jobs and each job's bytes hash.
pub fn full_build(
    model: &Model,
    options: &BuildOptions,
    write: bool,
) -> Result<(BuildReport, Vec<plan::Job>, Vec<u64>), Vec<Diagnostic>> {
    let Model {
        site,
        localizer,
        theme,
        theme_files,
        versions,
        ..
    } = model;
    let mut diags = model.diagnostics.clone();
    let t = Instant::now();
    let (jobs, plan_diags) = plan::plan(site, localizer, &theme_files.statics, *versions);
    let t = stage("plan", t);
    diags.extend(plan_diags.sorted());
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let output_dir = &site.config.output_dir;
    let write_error = |e: std::io::Error| {
        let shown = diagnostics::display_path(&site.config.root, output_dir);
        vec![Diagnostic::file_error(
            shown,
            format!("cannot write the site: {e}; the previous output was kept"),
        )]
    };
    let staging = if write {
        Some(
            output::Staging::create(output_dir, jobs.iter().map(|j| &j.file))
                .map_err(write_error)?,
        )
    } else {
        None
    };
    let t = stage("staging", t);
    let (hashes, render_diags) = render::render_into(
        site,
        localizer,
        theme,
        &jobs,
        staging.as_ref().map(|s| s.path()),
    );
    diags.extend(render_diags.sorted());
    diags.extend(localizer.missing_warnings());
    if options.strict {
        diags.make_strict();
    }
    if diags.has_errors() {
        if let Some(staging) = staging {
            staging.abort();
        }
        return Err(diags.sorted());
    }
    if let Some(staging) = staging {
        let t = stage("render+write", t);
        staging.commit().map_err(write_error)?;
        stage("swap", t);
    }
    let files = if write { jobs.len() } else { 0 };
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
    };
    Ok((report, jobs, hashes))
}
