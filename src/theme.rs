//! Loading a theme (from `themes/<name>/` or the built-in default), compiling
//! its Tera templates once, and registering `t()`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use fluent::{FluentArgs, FluentValue};
use tera::{Context, Kwargs, State, Tera, TeraResult};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::files::{read_text, slash_path, stamp_of, Asset, StaticFile};
use crate::i18n::{isolates_as_bdi, strip_isolation, LocaleFile, Localizer};
use crate::markdown::shortcodes::{self, Call, Shortcodes, Spec};

/// The default theme, compiled into the binary (paths relative to `themes/default/`).
pub const BUILTIN_DEFAULT: &[(&str, &[u8])] = &[
    (
        "templates/base.html",
        include_bytes!("../themes/default/templates/base.html"),
    ),
    (
        "templates/list.html",
        include_bytes!("../themes/default/templates/list.html"),
    ),
    (
        "templates/announcement.html",
        include_bytes!("../themes/default/templates/announcement.html"),
    ),
    (
        "templates/tags.html",
        include_bytes!("../themes/default/templates/tags.html"),
    ),
    (
        "templates/chooser.html",
        include_bytes!("../themes/default/templates/chooser.html"),
    ),
    (
        "templates/404.html",
        include_bytes!("../themes/default/templates/404.html"),
    ),
    (
        "templates/atom.xml",
        include_bytes!("../themes/default/templates/atom.xml"),
    ),
    (
        "templates/redirect.html",
        include_bytes!("../themes/default/templates/redirect.html"),
    ),
    (
        "templates/search.html",
        include_bytes!("../themes/default/templates/search.html"),
    ),
    (
        "templates/archive.html",
        include_bytes!("../themes/default/templates/archive.html"),
    ),
    (
        "shortcodes/caution.html",
        include_bytes!("../themes/default/shortcodes/caution.html"),
    ),
    (
        "shortcodes/details.html",
        include_bytes!("../themes/default/shortcodes/details.html"),
    ),
    (
        "shortcodes/figure.html",
        include_bytes!("../themes/default/shortcodes/figure.html"),
    ),
    (
        "shortcodes/mermaid.html",
        include_bytes!("../themes/default/shortcodes/mermaid.html"),
    ),
    (
        "shortcodes/note.html",
        include_bytes!("../themes/default/shortcodes/note.html"),
    ),
    (
        "shortcodes/vimeo.html",
        include_bytes!("../themes/default/shortcodes/vimeo.html"),
    ),
    (
        "shortcodes/warning.html",
        include_bytes!("../themes/default/shortcodes/warning.html"),
    ),
    (
        "shortcodes/youtube.html",
        include_bytes!("../themes/default/shortcodes/youtube.html"),
    ),
    (
        "locales/en/theme.ftl",
        include_bytes!("../themes/default/locales/en/theme.ftl"),
    ),
    (
        "locales/zh/theme.ftl",
        include_bytes!("../themes/default/locales/zh/theme.ftl"),
    ),
    (
        "locales/ar/theme.ftl",
        include_bytes!("../themes/default/locales/ar/theme.ftl"),
    ),
    (
        "locales/es/theme.ftl",
        include_bytes!("../themes/default/locales/es/theme.ftl"),
    ),
    (
        "locales/fr/theme.ftl",
        include_bytes!("../themes/default/locales/fr/theme.ftl"),
    ),
    (
        "locales/ru/theme.ftl",
        include_bytes!("../themes/default/locales/ru/theme.ftl"),
    ),
    (
        "locales/pt/theme.ftl",
        include_bytes!("../themes/default/locales/pt/theme.ftl"),
    ),
    (
        "static/favicon.svg",
        include_bytes!("../themes/default/static/favicon.svg"),
    ),
    (
        "static/style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "static/share.png",
        include_bytes!("../themes/default/static/share.png"),
    ),
];

/// What [`eject`] did.
#[derive(Debug, Clone)]
pub struct Ejected {
    /// The theme's folder in the site (`themes/default`).
    pub folder: PathBuf,
    /// The files written, in the site.
    pub files: Vec<PathBuf>,
    /// The theme site.yaml named before, when `eject` made it name the new one.
    pub switched_from: Option<String>,
}

/// `herald theme eject`: copies the built-in default theme (templates, shortcodes,
/// static files, its strings per language) into `themes/<name>/` of the site in `root`,
/// and makes site.yaml's `theme:` name it if it named another. Writes nothing when any
/// of those files exists already.
pub fn eject(root: &Path, name: &str) -> Result<Ejected, Vec<Diagnostic>> {
    let config = crate::config::load(root).map_err(|d| d.sorted())?;
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(vec![Diagnostic::file_error(
            "--name",
            format!("`{name}` is not a theme folder name (one folder under themes/, not hidden)"),
        )]);
    }
    let folder = PathBuf::from("themes").join(name);
    let files: Vec<(PathBuf, &[u8])> = BUILTIN_DEFAULT
        .iter()
        .map(|(path, bytes)| (folder.join(path), *bytes))
        .collect();
    let existing: Vec<&str> = BUILTIN_DEFAULT
        .iter()
        .filter(|(path, _)| root.join(&folder).join(path).exists())
        .map(|(path, _)| *path)
        .collect();
    if !existing.is_empty() {
        return Err(vec![Diagnostic::file_error(
            &folder,
            format!(
                "already has {} of the built-in theme's {} files ({}); herald theme eject never overwrites a file: move them away, or eject under another name (--name)",
                existing.len(),
                files.len(),
                crate::diagnostics::short_list(&existing)
            ),
        )]);
    }
    let written = crate::files::write_new_files(
        root,
        files.iter().map(|(path, bytes)| (path.as_path(), *bytes)),
        false,
    )
    .map_err(|d| vec![d])?;
    let switched_from = (config.theme != name).then(|| config.theme.clone());
    if switched_from.is_some() {
        let path = root.join(crate::config::CONFIG_FILE);
        let text = read_text(&path, Path::new(crate::config::CONFIG_FILE)).map_err(|d| vec![d])?;
        std::fs::write(&path, with_theme(&text, name)).map_err(|e| {
            vec![Diagnostic::file_error(
                crate::config::CONFIG_FILE,
                format!(
                    "cannot write (the theme was copied into {}): {e}",
                    folder.display()
                ),
            )]
        })?;
    }
    Ok(Ejected {
        folder,
        files: written.created,
        switched_from,
    })
}

/// site.yaml's text with `theme: <name>`: the value of its `theme:` line replaced (a
/// comment after it kept), or the line added.
fn with_theme(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len() + name.len());
    let mut found = false;
    for line in text.split_inclusive('\n') {
        let value_at = line
            .strip_prefix("theme")
            .filter(|rest| rest.trim_start().starts_with(':'))
            .map(|rest| line.len() - rest.trim_start().len() + 1);
        match value_at {
            Some(at) if !found => {
                found = true;
                let rest = &line[at..];
                let comment = rest.find(" #").map(|i| &rest[i..]).unwrap_or("");
                let end = if line.ends_with('\n') && !comment.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                out.push_str(&format!("{} {name}{comment}{end}", &line[..at]));
            }
            _ => out.push_str(line),
        }
    }
    if !found {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("theme: {name}\n"));
    }
    out
}

/// A theme's files, read but not compiled.
#[derive(Debug, Clone)]
pub struct ThemeFiles {
    /// How the theme's folder is shown in diagnostics.
    pub display_root: PathBuf,
    /// Template name (`base.html`) and text.
    pub templates: Vec<(String, String)>,
    /// Shortcode name (`figure`) and template text (`shortcodes/figure.html`).
    pub shortcodes: Vec<(String, String)>,
    /// The theme's interface strings.
    pub locales: Vec<LocaleFile>,
    /// Static files, as listed.
    pub statics: Vec<StaticFile>,
}

/// Reads the theme named in the configuration, or the built-in default.
pub fn load_files(config: &Config) -> Result<ThemeFiles, Diagnostics> {
    let dir = config.root.join("themes").join(&config.theme);
    let display_root = PathBuf::from("themes").join(&config.theme);
    if dir.is_dir() {
        return read_dir_theme(config, &dir, display_root);
    }
    if config.theme == "default" {
        return Ok(builtin_theme());
    }
    let mut diags = Diagnostics::new();
    diags.push(Diagnostic::error(
        crate::config::CONFIG_FILE,
        crate::config::locate_key(
            &std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE))
                .unwrap_or_default(),
            "theme",
        )
        .0,
        1,
        format!("theme: there is no folder {}", display_root.display()),
    ));
    Err(diags)
}

fn builtin_theme() -> ThemeFiles {
    let display_root = PathBuf::from("<built-in default theme>");
    let mut files = ThemeFiles {
        display_root: display_root.clone(),
        templates: vec![],
        shortcodes: vec![],
        locales: vec![],
        statics: vec![],
    };
    for (path, bytes) in BUILTIN_DEFAULT {
        let text = || String::from_utf8_lossy(bytes).to_string();
        if let Some(name) = path.strip_prefix("templates/") {
            files.templates.push((name.to_string(), text()));
        } else if let Some(file) = path.strip_prefix("shortcodes/") {
            let name = file.strip_suffix(".html").unwrap_or(file);
            files.shortcodes.push((name.to_string(), text()));
        } else if let Some(rest) = path.strip_prefix("locales/") {
            let lang = rest.split('/').next().unwrap_or_default().to_string();
            files.locales.push(LocaleFile {
                path: display_root.join(path),
                lang,
                text: text(),
                from_theme: true,
            });
        } else if let Some(rest) = path.strip_prefix("static/") {
            files.statics.push(StaticFile {
                path: rest.to_string(),
                from: Asset::Builtin(bytes),
                stamp: None,
            });
        }
    }
    files
}

fn read_dir_theme(
    config: &Config,
    dir: &Path,
    display_root: PathBuf,
) -> Result<ThemeFiles, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files = ThemeFiles {
        display_root,
        templates: vec![],
        shortcodes: vec![],
        locales: vec![],
        statics: vec![],
    };
    for (sub, kind) in [
        ("templates", 0),
        ("locales", 1),
        ("static", 2),
        ("shortcodes", 3),
    ] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&base).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(e) if e.file_type().is_file() => e,
                Ok(e) => {
                    if let Some(kind) = crate::files::special_kind(&e.file_type()) {
                        diags.push(crate::files::not_a_file(
                            &display_path(&config.root, e.path()),
                            kind,
                        ));
                    }
                    continue;
                }
                Err(e) => {
                    diags.push(Diagnostic::file_error(
                        display_path(&config.root, e.path().unwrap_or(&base)),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
            let rel_str = slash_path(rel);
            let shown = display_path(&config.root, entry.path());
            match kind {
                2 => files.statics.push(StaticFile {
                    path: rel_str,
                    stamp: entry.metadata().ok().and_then(|m| stamp_of(&m)),
                    from: Asset::Disk(entry.path().to_path_buf()),
                }),
                _ => match read_text(entry.path(), &shown) {
                    Ok(text) if kind == 0 => files.templates.push((rel_str, text)),
                    Ok(text) if kind == 3 => {
                        // `shortcodes/<name>.html`; other files there are not shortcodes.
                        match rel_str.strip_suffix(".html") {
                            Some(name) if !name.contains('/') => {
                                files.shortcodes.push((name.to_string(), text));
                            }
                            _ => {}
                        }
                    }
                    Ok(text) => {
                        if rel.extension().and_then(|e| e.to_str()) != Some("ftl") {
                            continue;
                        }
                        let lang = rel_str.split('/').next().unwrap_or_default().to_string();
                        files.locales.push(LocaleFile {
                            path: shown,
                            lang,
                            text,
                            from_theme: true,
                        });
                    }
                    Err(d) => diags.push(d),
                },
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

/// Compiled templates, ready to render from many threads.
pub struct Theme {
    tera: Tera,
    display_root: PathBuf,
    /// Per template: the top-level variables it (with the templates it extends and
    /// includes) names; `None` when that cannot be told (components).
    variables: std::collections::HashMap<String, Option<std::collections::HashSet<String>>>,
    /// The shortcodes, by name.
    shortcodes: std::collections::BTreeMap<String, Spec>,
    /// The ids its templates write as they are (`id="main"`), sorted.
    ids: Vec<String>,
}

impl Theme {
    /// Compiles the templates once, with `t()` bound to `localizer`.
    pub fn compile(files: &ThemeFiles, localizer: Arc<Localizer>) -> Result<Theme, Diagnostics> {
        let mut tera = Tera::new();
        // A message without arguments gives the same value for the same language, key
        // and escaping: it is made once (Fluent, isolation marks, escaping), then shared.
        // By language, then escaping (plain, marked), then key.
        type Made = HashMap<String, [HashMap<String, tera::Value>; 2]>;
        let memo: RwLock<Made> = Default::default();
        tera.register_function(
            "t",
            move |kwargs: Kwargs, state: &State| -> TeraResult<tera::Value> {
                let key: String = kwargs.must_get("key")?;
                let lang: String = state
                    .get::<String>("lang")?
                    .ok_or_else(|| tera::Error::message("t(): the page has no `lang` variable"))?;
                let plain: bool = kwargs.get("attr")?.unwrap_or(false);
                // Page text gets `<bdi>` where Fluent isolated a placeable; attributes,
                // `<title>`, feeds and other text no marks at all.
                let marked = !plain && state.autoescaping_enabled();
                let message = |args: Option<&FluentArgs>| {
                    let text = localizer.translate(&lang, &key, args);
                    if marked {
                        tera::Value::safe_string(&isolates_as_bdi(&text, |s| {
                            state.escape(s).unwrap_or_default()
                        }))
                    } else {
                        tera::Value::from(strip_isolation(&text))
                    }
                };
                let mut args = FluentArgs::new();
                for (k, v) in kwargs.iter() {
                    let Some(name) = k.as_str() else { continue };
                    if name == "key" || name == "attr" {
                        continue;
                    }
                    let value = if let Some(i) = v.as_i64() {
                        FluentValue::from(i)
                    } else if let Some(f) = v.as_f64() {
                        FluentValue::from(f)
                    } else if let Some(s) = v.as_str() {
                        FluentValue::from(s.to_string())
                    } else {
                        FluentValue::from(v.to_string())
                    };
                    args.set(name.to_string(), value);
                }
                if args.iter().next().is_some() {
                    return Ok(message(Some(&args)));
                }
                let known = memo.read().unwrap_or_else(|p| p.into_inner());
                if let Some(value) = known
                    .get(lang.as_str())
                    .and_then(|made| made[usize::from(marked)].get(key.as_str()))
                {
                    return Ok(value.clone());
                }
                drop(known);
                let value = message(None);
                let mut known = memo.write().unwrap_or_else(|p| p.into_inner());
                known.entry(lang).or_default()[usize::from(marked)].insert(key, value.clone());
                Ok(value)
            },
        );
        tera.register_filter("urlencode", urlencode);
        let mut diags = Diagnostics::new();
        let shortcode_names: Vec<(String, &str)> = files
            .shortcodes
            .iter()
            .map(|(n, t)| (shortcode_template(n), t.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(
            files
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .chain(shortcode_names.iter().map(|(n, t)| (n.as_str(), *t))),
        ) {
            diags.push(template_diagnostic(&files.display_root, &e));
            return Err(diags);
        }
        // Tera names the top-level variables a template uses (with its parents and
        // includes); inside components it does not look, so a theme with components
        // is taken to use every variable.
        let components = tera.get_component_names().next().is_some();
        let variables = files
            .templates
            .iter()
            .map(|(name, _)| {
                let vars = if components {
                    None
                } else {
                    tera.get_template_variables(name)
                        .ok()
                        .map(|v| v.into_iter().map(str::to_string).collect())
                };
                (name.clone(), vars)
            })
            .collect();
        let shortcodes = files
            .shortcodes
            .iter()
            .map(|(name, text)| {
                let uses_inner = tera
                    .get_template_variables(&shortcode_template(name))
                    .map(|v| v.contains("inner"))
                    .unwrap_or_else(|_| text.contains("inner"));
                (name.clone(), Spec::from_template(text, uses_inner))
            })
            .collect();
        let ids = written_ids(
            files
                .templates
                .iter()
                .chain(&files.shortcodes)
                .map(|(_, text)| text.as_str()),
        );
        Ok(Theme {
            tera,
            display_root: files.display_root.clone(),
            variables,
            shortcodes,
            ids,
        })
    }

    /// Whether `template` may read the top-level variable `name` (context variables that
    /// cost a rebuild to follow are given only to the templates that name them).
    pub fn reads(&self, template: &str, name: &str) -> bool {
        match self.variables.get(template) {
            Some(Some(vars)) => vars.contains(name),
            _ => true,
        }
    }

    /// Whether the theme has a template of this name.
    pub fn has_template(&self, name: &str) -> bool {
        self.variables.contains_key(name)
    }

    /// Renders one template.
    pub fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| template_diagnostic(&self.display_root, &e))?;
        Ok(out)
    }
}

/// The ids that templates write as they are (`id="main"`, not `id="{{ x }}"`), sorted.
fn written_ids<'t>(templates: impl Iterator<Item = &'t str>) -> Vec<String> {
    let mut ids = std::collections::BTreeSet::new();
    for text in templates {
        let mut rest = text;
        while let Some(at) = rest.find("id=") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + 3..];
            // ` id=`, not `data-id=` or `aria-labelledby=`.
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let Some(quote) = rest.chars().next().filter(|q| matches!(q, '"' | '\'')) else {
                continue;
            };
            let Some(end) = rest[1..].find(quote) else {
                break;
            };
            let value = &rest[1..1 + end];
            if !value.is_empty() && !value.contains(['{', '}', ' ']) {
                ids.insert(value.to_string());
            }
        }
    }
    ids.into_iter().collect()
}

/// The Tera name of a shortcode's template.
fn shortcode_template(name: &str) -> String {
    format!("{SHORTCODES_DIR}/{name}.html")
}

/// The folder of a theme's shortcodes.
pub const SHORTCODES_DIR: &str = "shortcodes";

impl Theme {
    /// The theme's shortcodes, by name.
    pub fn shortcodes(&self) -> &std::collections::BTreeMap<String, Spec> {
        &self.shortcodes
    }
}

impl Shortcodes for Theme {
    fn theme_ids(&self) -> &[String] {
        &self.ids
    }

    fn render_shortcode(&self, call: &Call) -> Result<String, String> {
        let name = &call.call.name;
        let spec = self
            .shortcodes
            .get(name)
            .ok_or_else(|| format!("unknown shortcode `{name}`"))?;
        let mut params = shortcodes::bind(spec, call.call)?;
        for key in shortcodes::URL_ARGUMENTS {
            if let Some(Some(value)) = params.get_mut(*key) {
                *value = (call.url)(value);
            }
        }
        let size = params
            .get("src")
            .and_then(|s| s.as_deref())
            .and_then(|src| (call.size_of)(src))
            .map(|(width, height)| {
                std::collections::BTreeMap::from([("width", width), ("height", height)])
            });
        let mut context = Context::new();
        context.insert("name", name);
        context.insert("lang", call.lang);
        context.insert("dir", call.dir);
        context.insert("params", &params);
        context.insert("args", &call.call.positional);
        context.insert("size", &size);
        context.insert_value(
            "inner",
            match &call.inner {
                Some(html) => tera::Value::safe_string(html),
                None => tera::Value::none(),
            },
        );
        self.tera
            .render(&shortcode_template(name), &context)
            .map_err(|e| match e.kind() {
                tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => format!(
                    "shortcode `{name}`: {} (themes: {}:{})",
                    r.message(),
                    r.filename(),
                    r.span().start_line
                ),
                other => format!("shortcode `{name}`: {other}"),
            })
    }
}

/// The `urlencode` filter: a string percent-encoded for one URL path segment or
/// query value (letters, digits and `-_.~` are kept).
fn urlencode(value: &str, _: Kwargs, _: &State) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A Tera error as a diagnostic pointing into the template file.
fn template_diagnostic(root: &Path, e: &tera::Error) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let path = if r.filename().starts_with(SHORTCODES_DIR) {
                root.join(r.filename())
            } else {
                root.join("templates").join(r.filename())
            };
            let span = r.span();
            Diagnostic::error(
                path,
                span.start_line.max(1),
                span.start_col + 1,
                format!("template error: {}", r.message()),
            )
        }
        other => Diagnostic::file_error(root.join("templates"), format!("template error: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::with_theme;

    #[test]
    fn eject_names_its_theme_in_site_yaml() {
        assert_eq!(
            with_theme(
                "base_url: x\ntheme: default   # built in\npaginate: 5\n",
                "mine"
            ),
            "base_url: x\ntheme: mine # built in\npaginate: 5\n"
        );
        assert_eq!(with_theme("theme:   old\n", "mine"), "theme: mine\n");
        assert_eq!(
            with_theme("themes: 1\n", "mine"),
            "themes: 1\ntheme: mine\n"
        );
        assert_eq!(
            with_theme("base_url: x", "mine"),
            "base_url: x\ntheme: mine\n"
        );
        assert_eq!(
            with_theme("# theme: no\n", "mine"),
            "# theme: no\ntheme: mine\n"
        );
    }
}
