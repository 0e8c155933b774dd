//! What an import did, as the report `herald init --from-hugo` prints.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// One language: Hugo's code, herald's, its name, whether it is the default.
#[derive(Debug, Clone)]
pub struct LanguageLine {
    /// Hugo's code.
    pub hugo: String,
    /// BCP 47 code in site.yaml.
    pub herald: String,
    /// Name in site.yaml.
    pub name: String,
    /// The default language.
    pub default: bool,
}

/// Everything the import did and left, counted.
#[derive(Debug, Default)]
pub struct Report {
    /// The Hugo site.
    pub hugo: PathBuf,
    /// The new site.
    pub target: PathBuf,
    /// Configuration files read.
    pub config_files: Vec<PathBuf>,
    /// Per-language folders or filename suffixes.
    pub layout: String,
    /// The section imported, and why that one.
    pub section: (String, String),
    /// The languages.
    pub languages: Vec<LanguageLine>,
    /// The base URL written, and whether it is a placeholder.
    pub base_url: (String, bool),
    /// Announcements written.
    pub posts: usize,
    /// Of which bundles.
    pub bundles: usize,
    /// Files per herald language.
    pub translations: BTreeMap<String, usize>,
    /// Front matter keys moved under `extra`, with how many files had each.
    pub keys_moved: BTreeMap<String, usize>,
    /// Files whose `description` became `summary`.
    pub descriptions: usize,
    /// Tags rewritten as URL segments (`Hello World` → `hello-world`).
    pub tags_rewritten: usize,
    /// Aliases written, by origin (`permalink`, `url`, `alias`).
    pub aliases: BTreeMap<&'static str, usize>,
    /// Redirect pages written into static/ for old list pages (`/zh-cn/`, `/posts/`).
    pub list_redirects: Vec<(String, String)>,
    /// Old URLs that could not become aliases, and why.
    pub aliases_skipped: Vec<String>,
    /// Slug changes, one line each.
    pub clashes: Vec<String>,
    /// Dates and titles herald had to make up or read differently.
    pub notes: Vec<String>,
    /// Bundle files renamed per language (`diagram.zh-cn.svg` → `diagram.zh-Hans.svg`).
    pub renamed_files: Vec<String>,
    /// Shortcodes herald renders, by name.
    pub shortcodes_converted: BTreeMap<String, usize>,
    /// Other shortcodes, left as written: `file:line: name`.
    pub shortcodes_left: Vec<String>,
    /// Files not imported, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Files of static/ copied.
    pub static_files: usize,
    /// Files the new site has.
    pub files_written: usize,
    /// Nothing was written.
    pub dry_run: bool,
}

impl Report {
    /// Records a file left out.
    pub fn skip(&mut self, path: PathBuf, why: String) {
        self.skipped.push((path, why));
    }
}

fn counts<K: fmt::Display>(map: &BTreeMap<K, usize>) -> String {
    map.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(
            f,
            "Hugo site {} → herald site {}{}",
            self.hugo.display(),
            self.target.display(),
            if self.dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        )?;
        if self.config_files.is_empty() {
            writeln!(f, "configuration: none found (languages from the content)")?;
        } else {
            let files: Vec<String> = self
                .config_files
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            writeln!(f, "configuration: {}", files.join(", "))?;
        }
        writeln!(f, "content layout: {}", self.layout)?;
        writeln!(f, "section: {} ({})", self.section.0, self.section.1)?;
        writeln!(
            f,
            "base_url: {}{}",
            self.base_url.0,
            if self.base_url.1 {
                " (a placeholder: Hugo's baseURL was not absolute; set it in site.yaml)"
            } else {
                ""
            }
        )?;
        writeln!(f, "languages:")?;
        for l in &self.languages {
            let renamed = if l.hugo != l.herald {
                format!(" (renamed from {}: its old URLs redirect)", l.hugo)
            } else {
                String::new()
            };
            writeln!(
                f,
                "  {:<8} → {:<10} {}{}{}",
                l.hugo,
                l.herald,
                l.name,
                if l.default { ", default" } else { "" },
                renamed
            )?;
        }
        writeln!(f, "posts: {} ({} bundles)", self.posts, self.bundles)?;
        writeln!(
            f,
            "translations per language: {}",
            counts(&self.translations)
        )?;
        let moved: usize = self.keys_moved.values().sum();
        writeln!(
            f,
            "keys moved under extra: {moved}{}{}",
            if moved > 0 { ": " } else { "" },
            counts(&self.keys_moved)
        )?;
        writeln!(f, "description → summary: {}", self.descriptions)?;
        writeln!(f, "tags rewritten as URL segments: {}", self.tags_rewritten)?;
        let aliases: usize = self.aliases.values().sum();
        writeln!(
            f,
            "aliases: {aliases} (old permalinks {}, url: {}, aliases: {})",
            self.aliases.get("permalink").unwrap_or(&0),
            self.aliases.get("url").unwrap_or(&0),
            self.aliases.get("alias").unwrap_or(&0)
        )?;
        writeln!(
            f,
            "redirect pages for old list pages: {}",
            self.list_redirects.len()
        )?;
        for (from, to) in &self.list_redirects {
            writeln!(f, "  {from} → {to}")?;
        }
        if !self.aliases_skipped.is_empty() {
            writeln!(
                f,
                "old URLs without a redirect: {}",
                self.aliases_skipped.len()
            )?;
            for line in &self.aliases_skipped {
                writeln!(f, "  {line}")?;
            }
        }
        writeln!(
            f,
            "slug clashes: {} (rule: the oldest keeps the slug; each later one gets its date, -YYYY-MM-DD, then -2, -3…)",
            self.clashes.len()
        )?;
        for line in &self.clashes {
            writeln!(f, "  {line}")?;
        }
        if !self.renamed_files.is_empty() {
            writeln!(
                f,
                "bundle files renamed per language: {}",
                self.renamed_files.len()
            )?;
            for line in &self.renamed_files {
                writeln!(f, "  {line}")?;
            }
        }
        if !self.notes.is_empty() {
            writeln!(f, "notes: {}", self.notes.len())?;
            for line in &self.notes {
                writeln!(f, "  {line}")?;
            }
        }
        let converted: usize = self.shortcodes_converted.values().sum();
        writeln!(
            f,
            "shortcodes: {} found, {converted} converted{}{}, {} left",
            converted + self.shortcodes_left.len(),
            if converted > 0 { ": " } else { "" },
            counts(&self.shortcodes_converted),
            self.shortcodes_left.len()
        )?;
        for line in &self.shortcodes_left {
            writeln!(f, "  {line}")?;
        }
        writeln!(f, "static files copied: {}", self.static_files)?;
        writeln!(f, "files skipped: {}", self.skipped.len())?;
        for (path, why) in &self.skipped {
            writeln!(f, "  {}: {why}", path.display())?;
        }
        if self.dry_run {
            writeln!(
                f,
                "dry run: {} files would be written; nothing was",
                self.files_written
            )
        } else {
            writeln!(
                f,
                "wrote {} files into {}; next: herald check --site {}",
                self.files_written,
                self.target.display(),
                self.target.display()
            )
        }
    }
}
