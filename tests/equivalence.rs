//! Watch mode's incremental rebuilds ([`Session::rebuild_changed`]) leave exactly the
//! bytes a fresh full build ([`herald::build`]) writes, after random edits of every
//! kind, on a site whose theme (`tests/themes/everything`) prints every field of every
//! template context: a field that a rebuild forgets to refresh shows up as a byte
//! difference.
//!
//! The random tests take their number of rounds from `HERALD_EQUIV_ROUNDS` (default
//! [`DEFAULT_ROUNDS`] each) and their seed from `HERALD_EQUIV_SEED` (fixed otherwise);
//! `fuzz/run.sh` runs them with many rounds and a new seed.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{render, snapshot, TestSite};
use herald::incremental::Session;

/// Rounds of each random test in a plain `cargo test` (two tests: 2 × 100 rounds).
const DEFAULT_ROUNDS: usize = 100;

/// The seed of the random tests when `HERALD_EQUIV_SEED` is not set.
const DEFAULT_SEED: u64 = 0x5eed_2026;

/// The test theme, copied into each test site as `themes/everything/`.
const THEME_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/themes/everything");

/// The site's languages, in site.yaml order: `pt-BR` falls back to French, then English;
/// Arabic is right-to-left and has no theme strings.
const LANGS: [&str; 5] = ["en", "fr", "zh", "ar", "pt-BR"];

/// Tag ids; `news` is shared by most announcements.
const TAGS: [&str; 5] = ["news", "security", "events", "policy", "tech"];

/// The kinds of site.yaml's `kinds:`; `notice` is the default kind.
const KIND_IDS: [&str; 3] = ["release", "notice", "statement"];

/// The everything theme's templates.
const TEMPLATES: [&str; 10] = [
    "base.html",
    "list.html",
    "announcement.html",
    "tags.html",
    "chooser.html",
    "404.html",
    "atom.xml",
    "redirect.html",
    "search.html",
    "archive.html",
];

// ---------------------------------------------------------------------------------
// A deterministic generator: xorshift64, no crate, no clock.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so that nearby seeds give unrelated sequences.
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)).max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------
// The site as data: every file of it is made from this model, so an edit is a change
// of the model, and the files it touches are the difference of two renderings.

/// One announcement file's front matter and body.
#[derive(Clone, Debug, Default)]
struct Doc {
    title: String,
    date: Option<String>,
    updated: Option<String>,
    summary: Option<String>,
    tags: Option<Vec<String>>,
    slug: Option<String>,
    draft: bool,
    aliases: Vec<String>,
    extra: Option<BTreeMap<String, String>>,
    /// The `image:` value as written in YAML (a path, a URL or a `{ src, alt }` map).
    image: Option<String>,
    /// `toc:` (a table of contents of the sections).
    toc: Option<bool>,
    /// The newsroom fields as written in YAML (`closes` → `2026-01-02`, `withdrawn` →
    /// `{ date: …, reason: … }`), by key.
    newsroom: BTreeMap<&'static str, String>,
    /// `kind:` (one of [`KIND_IDS`], or another word: an error).
    kind: Option<String>,
    body: String,
}

impl Doc {
    fn text(&self) -> String {
        let mut s = format!("---\ntitle: {}\n", self.title);
        for (key, value) in [
            ("date", &self.date),
            ("updated", &self.updated),
            ("summary", &self.summary),
            ("slug", &self.slug),
        ] {
            if let Some(v) = value {
                let _ = writeln!(s, "{key}: {v}");
            }
        }
        if let Some(tags) = &self.tags {
            let _ = writeln!(s, "tags: [{}]", tags.join(", "));
        }
        if self.draft {
            s.push_str("draft: true\n");
        }
        if !self.aliases.is_empty() {
            let _ = writeln!(s, "aliases: [{}]", self.aliases.join(", "));
        }
        if let Some(extra) = &self.extra {
            let pairs: Vec<String> = extra.iter().map(|(k, v)| format!("{k}: \"{v}\"")).collect();
            let _ = writeln!(s, "extra: {{ {} }}", pairs.join(", "));
        }
        if let Some(image) = &self.image {
            let _ = writeln!(s, "image: {image}");
        }
        if let Some(toc) = self.toc {
            let _ = writeln!(s, "toc: {toc}");
        }
        for (key, value) in &self.newsroom {
            let _ = writeln!(s, "{key}: {value}");
        }
        if let Some(kind) = &self.kind {
            let _ = writeln!(s, "kind: {kind}");
        }
        format!("{s}---\n\n{}\n", self.body)
    }
}

/// One announcement: its files by language, and its bundle's other files.
#[derive(Clone, Debug)]
struct Ann {
    name: String,
    bundle: bool,
    /// The default-language file has no language suffix (`name.md`, `index.md`).
    plain_default: bool,
    docs: BTreeMap<String, Doc>,
    assets: BTreeMap<String, String>,
}

impl Ann {
    /// The source language: the default language if there, else the first configured one.
    fn source_lang(&self) -> &'static str {
        LANGS
            .iter()
            .find(|l| self.docs.contains_key(**l))
            .copied()
            .unwrap_or("en")
    }

    fn source(&self) -> &Doc {
        &self.docs[self.source_lang()]
    }

    fn source_mut(&mut self) -> &mut Doc {
        let lang = self.source_lang();
        self.docs.get_mut(lang).unwrap()
    }

    /// The file of language `lang`, relative to the site.
    fn path(&self, lang: &str) -> String {
        let suffix = if lang == "en" && self.plain_default {
            String::new()
        } else {
            format!(".{lang}")
        };
        if self.bundle {
            format!("content/announcements/{}/index{suffix}.md", self.name)
        } else {
            format!("content/announcements/{}{suffix}.md", self.name)
        }
    }

    /// The slug its page has in `lang`: own, else the source's, else from the name.
    fn slug_in(&self, lang: &str) -> String {
        let own = self.docs.get(lang).and_then(|d| d.slug.clone());
        own.or_else(|| self.source().slug.clone())
            .unwrap_or_else(|| slug_from_name(&self.name))
    }

    /// Published: not a draft source, not scheduled.
    fn published(&self) -> bool {
        let s = self.source();
        !s.draft && s.date.as_deref().is_some_and(|d| d < "2026-01-01")
    }
}

fn slug_from_name(name: &str) -> String {
    herald::content::slug_from_name(name)
}

/// Every input of the test site.
#[derive(Clone, Debug)]
struct Model {
    paginate: usize,
    /// Language names in site.yaml, as [`LANGS`].
    names: Vec<String>,
    pt_official: bool,
    anns: Vec<Ann>,
    /// The site's interface strings: language → id → text (`locales/<lang>/site.ftl`).
    locales: BTreeMap<String, BTreeMap<String, String>>,
    /// Literals added to the theme's templates (a template edit).
    marks: BTreeMap<String, String>,
    /// Files under `static/`.
    statics: BTreeMap<String, String>,
    /// `feeds.untranslated` in site.yaml.
    untranslated: bool,
    /// A sitemap split past 8 URLs into files of at most 5 (`sitemap:` in site.yaml).
    split_sitemap: bool,
    /// The build's "now" (`--now`): it moves forward past closing dates and the like.
    now: i64,
}

type Files = BTreeMap<String, Vec<u8>>;

impl Model {
    fn config(&self) -> String {
        let mut s = String::from(
            "title_key: site-title\nbase_url: https://example.org/news\ndefault_language: en\nlanguages:\n",
        );
        for (i, code) in LANGS.iter().enumerate() {
            let name = &self.names[i];
            match *code {
                "pt-BR" => {
                    let _ = writeln!(
                        s,
                        "  - {{ code: pt-BR, name: {name}, official: {}, fallback: [fr] }}",
                        self.pt_official
                    );
                }
                _ => {
                    let _ = writeln!(s, "  - {{ code: {code}, name: {name} }}");
                }
            }
        }
        let _ = writeln!(s, "theme: everything\npaginate: {}", self.paginate);
        let _ = writeln!(s, "kinds: [{}]\ndefault_kind: notice", KIND_IDS.join(", "));
        if !self.untranslated {
            s.push_str("feeds: { untranslated: false }\n");
        }
        if self.split_sitemap {
            s.push_str("sitemap:\n  split_over: 8\n  max_urls: 5\n");
        }
        s
    }

    /// Every file of the site (the theme from `theme`), by path relative to the site.
    fn files(&self, theme: &Files) -> Files {
        let mut files = Files::new();
        files.insert("site.yaml".into(), self.config().into_bytes());
        for (rel, bytes) in theme {
            let mut bytes = bytes.clone();
            if let Some(mark) = rel
                .strip_prefix("templates/")
                .and_then(|t| self.marks.get(t))
            {
                bytes = insert_mark(&String::from_utf8(bytes).unwrap(), mark).into_bytes();
            }
            files.insert(format!("themes/everything/{rel}"), bytes);
        }
        for ann in &self.anns {
            for (lang, doc) in &ann.docs {
                files.insert(ann.path(lang), doc.text().into_bytes());
            }
            for (file, text) in &ann.assets {
                files.insert(
                    format!("content/announcements/{}/{file}", ann.name),
                    text.clone().into_bytes(),
                );
            }
        }
        for (lang, strings) in &self.locales {
            let mut text = format!("# The test site's own strings ({lang}).\n");
            for (id, value) in strings {
                let _ = writeln!(text, "{id} = {value}");
            }
            files.insert(format!("locales/{lang}/site.ftl"), text.into_bytes());
        }
        for (path, text) in &self.statics {
            files.insert(format!("static/{path}"), text.clone().into_bytes());
        }
        files
    }

    fn ann(&self, name: &str) -> Option<&Ann> {
        self.anns.iter().find(|a| a.name == name)
    }

    /// Names that some body links to with `@/announcements/<name>.md`.
    fn link_targets(&self) -> BTreeSet<String> {
        self.anns
            .iter()
            .flat_map(|a| a.docs.values())
            .flat_map(|d| links_of(&d.body))
            .collect()
    }

    /// Published announcements with an English page of their own, newest first (the
    /// order of the English feed).
    fn english_newest_first(&self) -> Vec<&Ann> {
        let mut anns: Vec<&Ann> = self
            .anns
            .iter()
            .filter(|a| a.published() && a.docs.get("en").is_some_and(|d| !d.draft))
            .collect();
        anns.sort_by(|a, b| {
            b.source()
                .date
                .cmp(&a.source().date)
                .then(a.name.cmp(&b.name))
        });
        anns
    }
}

/// A template edit: a visible literal, inside the `main` block of templates that extend
/// `base.html` (anything outside a block of a child template is never rendered), before
/// `</body>` of the others, or at the end (the feed).
fn insert_mark(template: &str, mark: &str) -> String {
    let at = if template.starts_with("{% extends") {
        template.rfind("{% endblock main %}")
    } else {
        template.rfind("</body>")
    };
    match at {
        Some(at) => format!("{}{mark}\n{}", &template[..at], &template[at..]),
        None => format!("{template}{mark}\n"),
    }
}

fn links_of(body: &str) -> Vec<String> {
    body.split("(@/announcements/")
        .skip(1)
        .filter_map(|rest| rest.split(".md").next())
        .map(str::to_string)
        .collect()
}

/// The test theme's files, relative to its folder (`HERALD_EQUIV_THEME` names another
/// theme folder to run the tests with, e.g. `themes/default`).
fn theme_files() -> Files {
    let chosen = std::env::var_os("HERALD_EQUIV_THEME").map(PathBuf::from);
    let root = chosen.as_deref().unwrap_or(Path::new(THEME_DIR));
    snapshot(root)
        .into_iter()
        .map(|(path, bytes)| {
            let rel = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (rel, bytes)
        })
        .collect()
}

fn date_of(i: usize) -> String {
    format!("{}-{:02}-{:02}", 2020 + i / 5, 1 + (i % 5) * 2, 3 + i % 7)
}

fn item_name(i: usize) -> String {
    format!("{}-item-{i:02}", date_of(i))
}

/// The starting site: 26 dated items (the newest, items 22–25, link to the oldest,
/// items 0–3, which are outside every feed), a bundle with an image in three languages,
/// an announcement that exists only in French, translations into a few languages each
/// (so most pages in most languages are fallbacks), stale translations, aliases, extra
/// values, a custom slug, a draft source and a draft translation.
fn initial_model(paginate: usize) -> Model {
    let mut anns = Vec::new();
    for i in 0..26 {
        let name = item_name(i);
        let mut tags: Vec<String> = Vec::new();
        for (tag, on) in [
            ("news", i % 3 != 2),
            ("security", i % 4 == 0),
            ("events", i % 5 == 1),
            ("policy", i % 7 == 3),
            ("tech", i % 6 == 5),
        ] {
            if on {
                tags.push(tag.into());
            }
        }
        let mut body = format!("Body of item {i}.\n\n## Details\n\nMore about item {i}.");
        if i >= 22 {
            let _ = write!(
                body,
                "\n\nSee [an old one](@/announcements/{}.md).",
                item_name(i - 22)
            );
        } else if i % 5 == 0 && i > 0 {
            let _ = write!(
                body,
                "\n\nAfter [the one before](@/announcements/{}.md#details).",
                item_name(i - 1)
            );
        }
        let source = Doc {
            title: format!("Item {i}"),
            date: Some(date_of(i)),
            updated: (i % 6 == 0).then(|| format!("{}-12-01", 2020 + i / 5)),
            summary: (i % 3 == 1).then(|| format!("Summary of item {i}.")),
            tags: Some(tags),
            slug: (i == 7).then(|| "custom-seven".to_string()),
            image: match i {
                3 => Some("{ src: /share.png, alt: Item three }".to_string()),
                24 => Some("/share.png".to_string()),
                _ => None,
            },
            draft: i == 11,
            toc: (i % 4 == 2).then_some(true),
            kind: match i % 4 {
                0 => Some("release".to_string()),
                1 => Some("statement".to_string()),
                2 => Some("notice".to_string()),
                _ => None,
            },
            aliases: if i % 8 == 0 {
                vec![format!("/old/item-{i}/")]
            } else {
                vec![]
            },
            extra: (i % 5 == 0).then(|| {
                BTreeMap::from([
                    ("hero".to_string(), format!("hero-{i}.png")),
                    ("rank".to_string(), i.to_string()),
                ])
            }),
            // A few newsroom fields from the start: the clock then moves past them.
            newsroom: match i {
                2 => BTreeMap::from([("closes", "2026-01-09T12:00:00+02:00".to_string())]),
                6 => BTreeMap::from([(
                    "changes",
                    "[{ date: 2021-01-05, note: \"Corrected a figure.\" }]".to_string(),
                )]),
                // Pinned until the day before the test clock: pinned when it goes back.
                9 => BTreeMap::from([("pinned_until", "2025-12-31".to_string())]),
                13 => BTreeMap::from([
                    ("urgent", "true".to_string()),
                    ("urgent_until", "2026-01-20".to_string()),
                ]),
                17 => BTreeMap::from([(
                    "withdrawn",
                    "{ date: 2025-12-20, reason: \"No longer valid.\" }".to_string(),
                )]),
                20 => BTreeMap::from([("expires", "2026-01-02".to_string())]),
                _ => BTreeMap::new(),
            },
            body: body.clone(),
        };
        let mut docs = BTreeMap::from([("en".to_string(), source)]);
        for (lang, on, title) in [
            ("fr", i % 2 == 0, format!("Communiqué {i}")),
            ("zh", i % 3 == 0, format!("公告 {i}")),
            ("ar", i % 4 == 1, format!("إعلان {i}")),
            ("pt-BR", i % 5 == 2, format!("Comunicado {i}")),
        ] {
            if !on {
                continue;
            }
            let mut doc = Doc {
                title,
                body: format!("{lang}: {body}"),
                ..Doc::default()
            };
            if lang == "fr" && i % 6 == 0 && i % 4 == 0 {
                // Translated before the source's update: stale.
                doc.updated = Some(format!("{}-06-01", 2020 + i / 5));
            }
            if lang == "fr" && i == 4 {
                doc.tags = Some(vec!["news".into(), "events".into()]);
                // A translation of its own kind.
                doc.kind = Some("statement".into());
            }
            if lang == "fr" && i == 2 {
                doc.aliases = vec!["/ancien/item-2/".into()];
            }
            if lang == "fr" && i == 12 {
                doc.draft = true;
            }
            docs.insert(lang.to_string(), doc);
        }
        anns.push(Ann {
            name,
            bundle: false,
            plain_default: i == 9,
            docs,
            assets: BTreeMap::new(),
        });
    }
    let workshop = |lang: &str, title: &str| Doc {
        title: title.into(),
        body: format!(
            "![map](map.svg)\n\nThe workshop ({lang}), see [item 24](@/announcements/{}.md).",
            item_name(24)
        ),
        ..Doc::default()
    };
    let mut docs = BTreeMap::from([
        ("en".to_string(), workshop("en", "Workshop")),
        ("fr".to_string(), workshop("fr", "Atelier")),
        ("ar".to_string(), workshop("ar", "ورشة عمل")),
    ]);
    let en = docs.get_mut("en").unwrap();
    en.date = Some("2023-06-15".into());
    en.tags = Some(vec!["events".into(), "news".into()]);
    en.extra = Some(BTreeMap::from([("hero".into(), "map.svg".into())]));
    en.image = Some("map.svg".into());
    anns.push(Ann {
        name: "2023-06-15-workshop".into(),
        bundle: true,
        plain_default: false,
        docs,
        assets: BTreeMap::from([(
            "map.svg".to_string(),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"240\"><title>map</title></svg>\n".to_string(),
        )]),
    });
    anns.push(Ann {
        name: "2022-02-02-communique".into(),
        bundle: false,
        plain_default: false,
        docs: BTreeMap::from([(
            "fr".to_string(),
            Doc {
                title: "Seulement en français".into(),
                date: Some("2022-02-02".into()),
                tags: Some(vec!["news".into(), "policy".into()]),
                body: format!(
                    "Un communiqué français, voir [l’atelier](@/announcements/2023-06-15-workshop.md) et [item 1](@/announcements/{}.md).",
                    item_name(1)
                ),
                ..Doc::default()
            },
        )]),
        assets: BTreeMap::new(),
    });
    let strings = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let locales = BTreeMap::from([
        (
            "en".to_string(),
            strings(&[
                ("tag-news", "News"),
                ("tag-security", "Security"),
                ("tag-events", "Events"),
                ("tag-policy", "Policy"),
                ("kind-release", "Release"),
                ("kind-notice", "Notice"),
                ("kind-statement", "Statement"),
            ]),
        ),
        (
            "fr".to_string(),
            strings(&[
                ("tag-news", "Actualités"),
                ("tag-security", "Sécurité"),
                ("nav-home", "Accueil"),
                ("kind-release", "Communiqué"),
                ("kind-notice", "Avis"),
            ]),
        ),
        ("zh".to_string(), strings(&[("tag-news", "新闻")])),
        (
            "ar".to_string(),
            strings(&[
                ("site-title", "كل شيء"),
                ("tag-news", "أخبار"),
                ("nav-home", "الأحدث"),
            ]),
        ),
        (
            "pt-BR".to_string(),
            strings(&[("tag-news", "Notícias"), ("nav-home", "Recentes")]),
        ),
    ]);
    Model {
        paginate,
        names: [
            "English",
            "Français",
            "中文",
            "العربية",
            "Português do Brasil",
        ]
        .map(String::from)
        .to_vec(),
        pt_official: false,
        anns,
        locales,
        marks: BTreeMap::new(),
        statics: BTreeMap::new(),
        untranslated: true,
        split_sitemap: false,
        now: common::NOW,
    }
}

// ---------------------------------------------------------------------------------
// Files on disk.

/// Makes the site's files go from `old` to `new`; the paths that changed (created,
/// modified, deleted: both names of a rename), as a watcher reports them.
fn sync(root: &Path, old: &Files, new: &Files) -> Vec<PathBuf> {
    let mut changed = Vec::new();
    let paths: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for path in paths {
        match (old.get(path), new.get(path)) {
            (a, Some(b)) if a != Some(b) => {
                let full = root.join(path);
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(full, b).unwrap();
                changed.push(PathBuf::from(path));
            }
            (Some(_), None) => {
                std::fs::remove_file(root.join(path)).unwrap();
                changed.push(PathBuf::from(path));
            }
            _ => {}
        }
    }
    changed
}

/// A temporary folder, in memory where the machine has `/dev/shm` (`HERALD_EQUIV_TMP`
/// chooses another): thousands of files are created and deleted per test, which on
/// ext4 costs far more time than the builds themselves.
fn scratch() -> tempfile::TempDir {
    let base = std::env::var_os("HERALD_EQUIV_TMP")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("/dev/shm")).filter(|p| p.is_dir()));
    base.and_then(|b| tempfile::tempdir_in(b).ok())
        .unwrap_or_else(|| tempfile::tempdir().expect("temp dir"))
}

/// A full build of the site into a temporary folder: its files, or the errors.
fn fresh_build(site: &TestSite, now: i64) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let out = scratch();
    let options = herald::BuildOptions {
        output: Some(out.path().join("public")),
        now: Some(now),
        ..site.options()
    };
    herald::build(&options).map_err(|d| render(&d))?;
    Ok(snapshot(&out.path().join("public")))
}

/// How the session's output differs from a full build's, if it does: the first
/// differing path with a line of each side, then how many files differ and which.
fn difference(session: &[(PathBuf, Vec<u8>)], fresh: &[(PathBuf, Vec<u8>)]) -> Option<String> {
    let a: BTreeMap<&PathBuf, &Vec<u8>> = session.iter().map(|(p, b)| (p, b)).collect();
    let b: BTreeMap<&PathBuf, &Vec<u8>> = fresh.iter().map(|(p, b)| (p, b)).collect();
    let paths: BTreeSet<&PathBuf> = a.keys().chain(b.keys()).copied().collect();
    let mut first = None;
    let mut differ = Vec::new();
    for path in paths {
        let what = match (a.get(path), b.get(path)) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => format!(
                "{} differs from a full build's: {}",
                path.display(),
                first_different_line(x, y)
            ),
            (Some(_), None) => format!(
                "{} is in the session's output but not in a full build's",
                path.display()
            ),
            (None, _) => format!(
                "{} is in a full build's output but not in the session's",
                path.display()
            ),
        };
        first.get_or_insert(what);
        differ.push(path.display().to_string());
    }
    let first = first?;
    let shown = differ.len().min(8);
    let more = if differ.len() > shown { ", …" } else { "" };
    Some(format!(
        "{first}\n    ({} files differ: {}{more})",
        differ.len(),
        differ[..shown].join(", ")
    ))
}

fn first_different_line(a: &[u8], b: &[u8]) -> String {
    let a = String::from_utf8_lossy(a);
    let b = String::from_utf8_lossy(b);
    let cut = |s: &str| s.chars().take(300).collect::<String>();
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!(
                "line {}:\n      session: {}\n      full:    {}",
                n + 1,
                cut(x),
                cut(y)
            );
        }
    }
    format!(
        "one is longer ({} and {} lines)",
        a.lines().count(),
        b.lines().count()
    )
}

/// The session's output compared with a fresh full build's at the same "now".
fn compare(site: &TestSite, session: &Session, now: i64) -> Result<Option<String>, String> {
    let fresh = fresh_build(site, now)?;
    Ok(difference(&snapshot(session.output()), &fresh))
}

/// A test site made from a model, and its session started.
fn start(model: &Model, theme: &Files) -> (TestSite, Files, Session) {
    let site = TestSite { dir: scratch() };
    let files = model.files(theme);
    sync(site.root(), &Files::new(), &files);
    let (session, _) =
        Session::start(&site.options()).unwrap_or_else(|d| panic!("start: {}", render(&d)));
    (site, files, session)
}

// ---------------------------------------------------------------------------------
// Random edits.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Body,
    Title,
    Summary,
    Tags,
    Slug,
    Date,
    Updated,
    DraftSource,
    DraftTranslation,
    NewTranslation,
    DeleteTranslation,
    NewAnnouncement,
    DeleteAnnouncement,
    Rename,
    Extra,
    Alias,
    Locale,
    Template,
    SiteYaml,
    BundleFile,
    StaticFile,
    /// An edit that always makes the site invalid (both builds must refuse it).
    Invalid,
    /// A share image (`image:`) set, changed or removed.
    Image,
    /// `toc:` set, changed or removed (the table of contents).
    Toc,
    /// A heading put somewhere in a body (with its own id, or one like another's).
    Heading,
    /// A newsroom field (change notes, withdrawal, pinned, urgent, closing or expiry
    /// date) set, changed or removed.
    Newsroom,
    /// The build's "now" moves (mostly forward, past closing dates and the like).
    Now,
    /// An announcement's kind (`kind:`) set, changed or removed.
    Category,
}

const KINDS: [Kind; 28] = [
    Kind::Body,
    Kind::Title,
    Kind::Summary,
    Kind::Tags,
    Kind::Slug,
    Kind::Date,
    Kind::Updated,
    Kind::DraftSource,
    Kind::DraftTranslation,
    Kind::NewTranslation,
    Kind::DeleteTranslation,
    Kind::NewAnnouncement,
    Kind::DeleteAnnouncement,
    Kind::Rename,
    Kind::Extra,
    Kind::Alias,
    Kind::Locale,
    Kind::Template,
    Kind::SiteYaml,
    Kind::BundleFile,
    Kind::StaticFile,
    Kind::Invalid,
    Kind::Image,
    Kind::Toc,
    Kind::Heading,
    Kind::Newsroom,
    Kind::Now,
    Kind::Category,
];

fn random_date(rng: &mut Rng) -> String {
    if rng.one_in(25) {
        // Scheduled: after the test clock, so left out of the build.
        return "2026-06-01".into();
    }
    format!(
        "{}-{:02}-{:02}",
        2019 + rng.below(7),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

/// A link target: mostly a published announcement (often an old one), sometimes any.
fn link_target(rng: &mut Rng, model: &Model, not: &str) -> String {
    let candidates: Vec<&Ann> = model
        .anns
        .iter()
        .filter(|a| a.name != not && (a.published() || rng.one_in(4)))
        .collect();
    if candidates.is_empty() {
        return model.anns[0].name.clone();
    }
    if rng.one_in(2) {
        // The oldest, outside the feeds' window.
        let mut old = candidates.clone();
        old.sort_by(|a, b| a.source().date.cmp(&b.source().date));
        old.truncate(5);
        return rng.pick(&old).name.clone();
    }
    rng.pick(&candidates).name.clone()
}

fn random_body(rng: &mut Rng, model: &Model, ann: &Ann, lang: &str, round: usize) -> String {
    let mut body = format!("Text of round {round} in {lang}.");
    if ann.bundle {
        body.push_str("\n\n![map](map.svg)");
    }
    for _ in 0..rng.below(3) {
        let target = link_target(rng, model, &ann.name);
        let fragment = if rng.one_in(3) { "#details" } else { "" };
        let _ = write!(
            body,
            "\n\nSee [{target}](@/announcements/{target}.md{fragment})."
        );
    }
    if rng.one_in(2) {
        let _ = write!(body, "\n\n## Part {round}\n\nMore text.");
    }
    if ann.bundle && rng.one_in(2) {
        // A shortcode that reads the bundle image's size.
        let _ = write!(
            body,
            "\n\n{{{{< figure src=\"map.svg\" caption=\"Round {round}\" >}}}}"
        );
    }
    if rng.one_in(3) {
        // A shortcode with Markdown and an `@/` link inside; it sees the page's language.
        let target = link_target(rng, model, &ann.name);
        let _ = write!(
            body,
            "\n\n{{{{% note %}}}}\nSee [{target}](@/announcements/{target}.md) *now*.\n{{{{% /note %}}}}"
        );
    }
    if rng.one_in(3) {
        // A static image (its size, when the file gives one, goes on the <img>).
        body.push_str("\n\n![chart](/news/img/chart.svg)");
    }
    body
}

/// An announcement index and one of its languages (`translation`: not the source).
fn pick_doc(rng: &mut Rng, model: &Model, translation: bool) -> Option<(usize, String)> {
    let choices: Vec<(usize, String)> = model
        .anns
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            let source = a.source_lang();
            a.docs
                .keys()
                .filter(move |l| !translation || l.as_str() != source)
                .map(move |l| (i, l.clone()))
        })
        .collect();
    (!choices.is_empty()).then(|| rng.pick(&choices).clone())
}

/// Applies one random edit of `kind` to the model; what it did, or `None` when the
/// model has nothing to apply it to.
fn random_edit(rng: &mut Rng, model: &mut Model, kind: Kind, round: usize) -> Option<String> {
    let n = model.anns.len();
    match kind {
        Kind::Body => {
            let (i, lang) = pick_doc(rng, model, false)?;
            if rng.one_in(2) {
                // Only after the first paragraph: the summary stays, the page changes.
                let doc = model.anns[i].docs.get_mut(&lang).unwrap();
                doc.body
                    .push_str(&format!("\n\nA later paragraph of round {round}.\n"));
                return Some(format!("end of the body of {}", model.anns[i].path(&lang)));
            }
            let body = random_body(rng, model, &model.anns[i], &lang, round);
            model.anns[i].docs.get_mut(&lang).unwrap().body = body;
            Some(format!("body of {}", model.anns[i].path(&lang)))
        }
        Kind::Title => {
            let (i, lang) = pick_doc(rng, model, false)?;
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            doc.title = format!("Title {round} ({lang})");
            Some(format!("title of {}", model.anns[i].path(&lang)))
        }
        Kind::Summary => {
            let (i, lang) = pick_doc(rng, model, false)?;
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            doc.summary = match doc.summary {
                Some(_) if rng.one_in(2) => None,
                _ => Some(format!("Summary of round {round}.")),
            };
            Some(format!(
                "summary of {} → {:?}",
                model.anns[i].path(&lang),
                model.anns[i].docs[&lang].summary
            ))
        }
        Kind::Tags => {
            // Mostly a source (its translations inherit), sometimes a translation's own tags.
            let (i, lang) = if rng.one_in(4) {
                pick_doc(rng, model, true)?
            } else {
                let i = rng.below(n);
                (i, model.anns[i].source_lang().to_string())
            };
            let ann = &mut model.anns[i];
            let inherited = ann.source().tags.clone().unwrap_or_default();
            let doc = ann.docs.get_mut(&lang).unwrap();
            let mut tags = doc.tags.clone().unwrap_or(inherited);
            // Now and then a tag no announcement had (a new tag page; later its last
            // use may go, and the page with it).
            let tag = if rng.one_in(4) {
                format!("fresh{}", rng.below(3))
            } else {
                rng.pick(&TAGS).to_string()
            };
            let what = if let Some(at) = tags.iter().position(|t| *t == tag) {
                tags.remove(at);
                format!("- {tag}")
            } else {
                tags.insert(rng.below(tags.len() + 1), tag.clone());
                format!("+ {tag}")
            };
            doc.tags = Some(tags);
            Some(format!("tags of {}: {what}", ann.path(&lang)))
        }
        Kind::Slug => {
            // Often a link target outside the feed window.
            let targets = model.link_targets();
            let linked: Vec<usize> = (0..n)
                .filter(|&i| targets.contains(&model.anns[i].name))
                .collect();
            let i = if !linked.is_empty() && rng.one_in(2) {
                *rng.pick(&linked)
            } else {
                rng.below(n)
            };
            let lang = if rng.one_in(4) {
                rng.pick(&model.anns[i].docs.keys().cloned().collect::<Vec<_>>())
                    .clone()
            } else {
                model.anns[i].source_lang().to_string()
            };
            let slug = if rng.one_in(4) {
                // Another announcement's slug: a collision, which both builds refuse.
                let other = &model.anns[(i + 1 + rng.below(n - 1)) % n];
                Some(other.slug_in(&lang))
            } else if rng.one_in(4) {
                None
            } else {
                Some(format!("slug-{round}"))
            };
            let ann = &mut model.anns[i];
            ann.docs.get_mut(&lang).unwrap().slug = slug.clone();
            Some(format!("slug of {} → {slug:?}", ann.path(&lang)))
        }
        Kind::Date => {
            if n > 1 && rng.one_in(3) {
                // Two announcements swap their dates: the same lists and dates, in
                // another order.
                let i = rng.below(n);
                let j = (i + 1 + rng.below(n - 1)) % n;
                let a = model.anns[i].source().date.clone();
                let b = model.anns[j].source().date.clone();
                model.anns[i].source_mut().date = b;
                model.anns[j].source_mut().date = a;
                return Some(format!(
                    "dates of {} and {} swapped",
                    model.anns[i].name, model.anns[j].name
                ));
            }
            let i = rng.below(n);
            let date = random_date(rng);
            let ann = &mut model.anns[i];
            ann.source_mut().date = Some(date.clone());
            let lang = ann.source_lang();
            Some(format!("date of {} → {date}", ann.path(lang)))
        }
        Kind::Updated => {
            let (i, lang) = pick_doc(rng, model, false)?;
            let date = random_date(rng);
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            doc.updated = match doc.updated {
                Some(_) if rng.one_in(2) => None,
                _ => Some(date),
            };
            Some(format!(
                "updated of {} → {:?}",
                model.anns[i].path(&lang),
                model.anns[i].docs[&lang].updated
            ))
        }
        Kind::DraftSource => {
            // Mostly one nothing links to (else both builds report the dead links).
            let targets = model.link_targets();
            let unlinked: Vec<usize> = (0..n)
                .filter(|&i| !targets.contains(&model.anns[i].name))
                .collect();
            let i = if !unlinked.is_empty() && !rng.one_in(3) {
                *rng.pick(&unlinked)
            } else {
                rng.below(n)
            };
            let ann = &mut model.anns[i];
            let doc = ann.source_mut();
            doc.draft = !doc.draft;
            let draft = doc.draft;
            Some(format!(
                "draft of {} → {draft}",
                ann.path(ann.source_lang())
            ))
        }
        Kind::DraftTranslation => {
            let (i, lang) = pick_doc(rng, model, true)?;
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            doc.draft = !doc.draft;
            let draft = doc.draft;
            Some(format!("draft of {} → {draft}", model.anns[i].path(&lang)))
        }
        Kind::NewTranslation => {
            let anns = &model.anns;
            let missing: Vec<(usize, &str)> = (0..n)
                .flat_map(|i| {
                    LANGS
                        .iter()
                        .filter(move |l| !anns[i].docs.contains_key(**l))
                        .map(move |l| (i, *l))
                })
                .collect();
            if missing.is_empty() {
                return None;
            }
            let &(i, lang) = rng.pick(&missing);
            let mut doc = Doc {
                title: format!("Translation {round} ({lang})"),
                body: random_body(rng, model, &model.anns[i], lang, round),
                ..Doc::default()
            };
            if lang == "en" {
                // A new source for an announcement that had none in the default language.
                doc.date = model.anns[i].source().date.clone();
            }
            if rng.one_in(5) {
                doc.slug = Some(format!("translated-{round}"));
            }
            if rng.one_in(5) {
                doc.updated = Some(random_date(rng));
            }
            let ann = &mut model.anns[i];
            ann.docs.insert(lang.to_string(), doc);
            Some(format!("new translation {}", ann.path(lang)))
        }
        Kind::DeleteTranslation => {
            let (i, lang) = pick_doc(rng, model, true)?;
            let path = model.anns[i].path(&lang);
            model.anns[i].docs.remove(&lang);
            Some(format!("deleted translation {path}"))
        }
        Kind::NewAnnouncement => {
            let date = if rng.one_in(2) {
                format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
            } else {
                random_date(rng)
            };
            let name = format!("{date}-new-{round}");
            let lang = if rng.one_in(5) { "fr" } else { "en" };
            let mut ann = Ann {
                name: name.clone(),
                bundle: false,
                plain_default: false,
                docs: BTreeMap::new(),
                assets: BTreeMap::new(),
            };
            let mut tags = vec!["news".to_string()];
            if rng.one_in(2) {
                tags.push(rng.pick(&TAGS[1..]).to_string());
            }
            // New announcements link to old ones, outside the feed window.
            let mut body = random_body(rng, model, &ann, lang, round);
            let old = link_target(rng, model, &name);
            let _ = write!(body, "\n\nFollows [an old one](@/announcements/{old}.md).");
            ann.docs.insert(
                lang.to_string(),
                Doc {
                    title: format!("New {round}"),
                    date: Some(date),
                    tags: Some(tags),
                    summary: rng.one_in(2).then(|| format!("New in round {round}.")),
                    body,
                    ..Doc::default()
                },
            );
            if lang == "en" && rng.one_in(2) {
                ann.docs.insert(
                    "zh".into(),
                    Doc {
                        title: format!("新 {round}"),
                        body: format!("中文 {round}。"),
                        ..Doc::default()
                    },
                );
            }
            let paths: Vec<String> = ann.docs.keys().map(|l| ann.path(l)).collect();
            model.anns.push(ann);
            Some(format!("new announcement {}", paths.join(" and ")))
        }
        Kind::DeleteAnnouncement => {
            // Mostly one nothing links to (else both builds report the dead links).
            let targets = model.link_targets();
            let flat: Vec<usize> = (0..n).filter(|&i| !model.anns[i].bundle).collect();
            let unlinked: Vec<usize> = flat
                .iter()
                .copied()
                .filter(|&i| !targets.contains(&model.anns[i].name))
                .collect();
            let i = if !unlinked.is_empty() && !rng.one_in(3) {
                *rng.pick(&unlinked)
            } else {
                *rng.pick(&flat)
            };
            let ann = model.anns.remove(i);
            let paths: Vec<String> = ann.docs.keys().map(|l| ann.path(l)).collect();
            Some(format!("deleted announcement {}", paths.join(" and ")))
        }
        Kind::Rename => {
            let i = rng.below(n);
            match rng.below(3) {
                0 if !model.anns[i].bundle => {
                    // A new name for every file of the announcement (its default slug changes).
                    let ann = &mut model.anns[i];
                    let old = ann.path(ann.source_lang());
                    ann.name = format!("{}-renamed-{round}", ann.name);
                    Some(format!("renamed {old} → {}", ann.path(ann.source_lang())))
                }
                1 => {
                    // A translation moved to another language.
                    let ann = &model.anns[i];
                    let source = ann.source_lang();
                    let from: Vec<&String> =
                        ann.docs.keys().filter(|l| l.as_str() != source).collect();
                    let to: Vec<&str> = LANGS
                        .iter()
                        .copied()
                        .filter(|l| *l != "en" && !ann.docs.contains_key(*l))
                        .collect();
                    if from.is_empty() || to.is_empty() {
                        return None;
                    }
                    let from = rng.pick(&from).to_string();
                    let to = rng.pick(&to).to_string();
                    let ann = &mut model.anns[i];
                    let doc = ann.docs.remove(&from).unwrap();
                    ann.docs.insert(to.clone(), doc);
                    Some(format!("renamed {} → {}", ann.path(&from), ann.path(&to)))
                }
                _ => {
                    // `name.en.md` ↔ `name.md` (or `index.en.md` ↔ `index.md`).
                    let ann = &mut model.anns[i];
                    if !ann.docs.contains_key("en") {
                        return None;
                    }
                    let old = ann.path("en");
                    ann.plain_default = !ann.plain_default;
                    Some(format!("renamed {old} → {}", ann.path("en")))
                }
            }
        }
        Kind::Extra => {
            let (i, lang) = pick_doc(rng, model, false)?;
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            match rng.below(4) {
                0 => doc.extra = None,
                1 => doc.extra = Some(BTreeMap::new()),
                _ => {
                    let key = rng.pick(&["hero", "rank", "colour"]).to_string();
                    doc.extra
                        .get_or_insert_with(BTreeMap::new)
                        .insert(key, format!("value-{round}"));
                }
            }
            Some(format!(
                "extra of {} → {:?}",
                model.anns[i].path(&lang),
                model.anns[i].docs[&lang].extra
            ))
        }
        Kind::Alias => {
            let (i, lang) = pick_doc(rng, model, false)?;
            let alias = if rng.one_in(4) {
                // Often another file's alias already: both builds refuse it.
                "/old/item-0/".to_string()
            } else {
                format!("/moved/{round}/")
            };
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            if !doc.aliases.is_empty() && rng.one_in(2) {
                doc.aliases.clear();
            } else {
                doc.aliases.push(alias);
            }
            Some(format!(
                "aliases of {} → {:?}",
                model.anns[i].path(&lang),
                model.anns[i].docs[&lang].aliases
            ))
        }
        Kind::Locale => {
            let lang = rng.pick(&LANGS).to_string();
            let ids = [
                "tag-news",
                "tag-security",
                "tag-events",
                "tag-policy",
                "tag-tech",
                "nav-home",
                "site-title",
                "latest-heading",
                "language-fr",
                "language-pt-BR",
                "fallback-badge",
                "kind-release",
                "kind-notice",
            ];
            let id = rng.pick(&ids).to_string();
            let strings = model.locales.entry(lang.clone()).or_default();
            let what = if strings.contains_key(&id) && rng.one_in(3) {
                strings.remove(&id);
                "removed".to_string()
            } else {
                let value = match id.as_str() {
                    "fallback-badge" => format!("Untranslated r{round} · {{ $language }}"),
                    _ => format!("{id} {lang} r{round}"),
                };
                strings.insert(id.clone(), value.clone());
                format!("= {value}")
            };
            Some(format!("locales/{lang}/site.ftl: {id} {what}"))
        }
        Kind::Template => {
            let template = rng.pick(&TEMPLATES).to_string();
            let mark = if rng.one_in(6) {
                // A template error, which both builds report.
                "{{ nope( ".to_string()
            } else if template == "atom.xml" {
                format!("<!-- template edit {round} -->")
            } else {
                format!("<p class=\"edit\">template edit {round}</p>")
            };
            let all = model.marks.entry(template.clone()).or_default();
            all.push_str(&mark);
            Some(format!(
                "themes/everything/templates/{template} gets {mark:?}"
            ))
        }
        Kind::SiteYaml => match rng.below(4) {
            3 => {
                model.untranslated = !model.untranslated;
                Some(format!(
                    "site.yaml: feeds.untranslated → {}",
                    model.untranslated
                ))
            }
            0 => {
                model.paginate = if model.paginate == 1 { 2 } else { 1 };
                Some(format!("site.yaml: paginate: {}", model.paginate))
            }
            1 => {
                let l = rng.below(LANGS.len());
                model.names[l] = format!("Language{round}");
                Some(format!("site.yaml: name of {} → Language{round}", LANGS[l]))
            }
            _ => {
                model.pt_official = !model.pt_official;
                Some(format!("site.yaml: pt-BR official → {}", model.pt_official))
            }
        },
        Kind::BundleFile => {
            let ann = model.anns.iter_mut().find(|a| a.bundle)?;
            let file = if rng.one_in(2) {
                "map.svg".to_string()
            } else {
                format!("notes-{}.txt", rng.below(3))
            };
            if file != "map.svg" && ann.assets.contains_key(&file) && rng.one_in(2) {
                ann.assets.remove(&file);
                return Some(format!("content/announcements/{}/{file} deleted", ann.name));
            }
            let text = if file == "map.svg" && !rng.one_in(3) {
                // Another size (or none: a text that is no SVG).
                format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\"><title>map</title></svg>\n",
                    100 + rng.below(900),
                    100 + rng.below(500)
                )
            } else {
                format!("bundle file, round {round}\n")
            };
            ann.assets.insert(file.clone(), text);
            Some(format!("content/announcements/{}/{file} written", ann.name))
        }
        Kind::Invalid => {
            // On a published announcement: a draft's links, slug and aliases are not
            // checked, as it has no pages.
            let published: Vec<usize> = (0..n).filter(|&i| model.anns[i].published()).collect();
            if published.len() < 2 {
                return None;
            }
            let i = *rng.pick(&published);
            let source = model.anns[i].source_lang().to_string();
            let path = model.anns[i].path(&source);
            let doc = model.anns[i].source_mut();
            match rng.below(7) {
                0 => {
                    doc.body = format!("A [dead link](@/announcements/no-such-{round}.md).");
                    Some(format!("invalid: {path} links to a missing announcement"))
                }
                1 => {
                    let others: Vec<&Ann> = published
                        .iter()
                        .filter(|&&j| j != i)
                        .map(|&j| &model.anns[j])
                        .collect();
                    let other = rng.pick(&others);
                    let (slug, other) = (other.slug_in(&source), other.name.clone());
                    model.anns[i].source_mut().slug = Some(slug.clone());
                    Some(format!("invalid: {path} takes the slug {slug} of {other}"))
                }
                2 => {
                    doc.aliases.push("/en/tags/".into());
                    Some(format!(
                        "invalid: {path} has the alias of a page, /en/tags/"
                    ))
                }
                3 => {
                    doc.title = String::new();
                    Some(format!("invalid: {path} has no title"))
                }
                4 => {
                    let lang = rng.pick(&LANGS).to_string();
                    model
                        .locales
                        .entry(lang.clone())
                        .or_default()
                        .insert(format!("broken-{round}"), "{ $".into());
                    Some(format!(
                        "invalid: a Fluent syntax error in locales/{lang}/site.ftl"
                    ))
                }
                5 => {
                    let template = rng.pick(&TEMPLATES).to_string();
                    model
                        .marks
                        .entry(template.clone())
                        .or_default()
                        .push_str("{% if %}");
                    Some(format!("invalid: a syntax error in templates/{template}"))
                }
                _ => {
                    let doc = Doc {
                        title: format!("Unknown language {round}"),
                        body: "Text.".into(),
                        ..Doc::default()
                    };
                    let ann = &mut model.anns[i];
                    ann.docs.insert("xx".into(), doc);
                    Some(format!("invalid: {} (no such language)", ann.path("xx")))
                }
            }
        }
        Kind::Category => {
            // Mostly a source (its translations inherit), sometimes a translation's own.
            let (i, lang) = if rng.one_in(4) {
                pick_doc(rng, model, true)?
            } else {
                let i = rng.below(n);
                (i, model.anns[i].source_lang().to_string())
            };
            let kind = match rng.below(8) {
                0 | 1 => None,
                // Not one of site.yaml's kinds: both builds refuse it.
                2 if rng.one_in(2) => Some("relase".to_string()),
                _ => Some(rng.pick(&KIND_IDS).to_string()),
            };
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            doc.kind = kind.clone();
            Some(format!("kind of {} → {kind:?}", model.anns[i].path(&lang)))
        }
        Kind::Image => {
            let (i, lang) = pick_doc(rng, model, false)?;
            let bundle = model.anns[i].bundle;
            let image = match rng.below(8) {
                0 | 1 => None,
                2 if bundle => Some("map.svg".to_string()),
                2 | 3 => Some("/share.png".to_string()),
                4 => Some(format!("{{ src: /share.png, alt: \"Alt {round}\" }}")),
                5 => Some(format!("https://cdn.example.org/image-{round}.png")),
                6 if bundle => Some(format!("{{ src: map.svg, alt: \"Map {round}\" }}")),
                6 => Some("/img/chart.svg".to_string()),
                // No such file: both builds refuse it.
                _ => Some("/no-such-image.png".to_string()),
            };
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            doc.image = image.clone();
            Some(format!(
                "image of {} → {image:?}",
                model.anns[i].path(&lang)
            ))
        }
        Kind::Toc => {
            // Mostly a source (its translations inherit), sometimes a translation's own.
            let translation = rng.one_in(3);
            let (i, lang) = pick_doc(rng, model, translation)?;
            let toc = match rng.below(3) {
                0 => None,
                1 => Some(true),
                _ => Some(false),
            };
            model.anns[i].docs.get_mut(&lang).unwrap().toc = toc;
            Some(format!("toc of {} → {toc:?}", model.anns[i].path(&lang)))
        }
        Kind::Heading => {
            let (i, lang) = pick_doc(rng, model, false)?;
            let heading = rng
                .pick(&[
                    format!("## Part {round}"),
                    "## Details".to_string(),
                    "### Details".to_string(),
                    format!("#### Note {round} {{#note-{round}}}"),
                    "## 合作（草案）".to_string(),
                    "### مذكرة التفاهم".to_string(),
                    "##### Small print".to_string(),
                ])
                .clone();
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            // Between two paragraphs: the ids of the headings after it may change.
            let breaks: Vec<usize> = doc.body.match_indices("\n\n").map(|(at, _)| at).collect();
            let at = if breaks.is_empty() || rng.one_in(4) {
                doc.body.len()
            } else {
                *rng.pick(&breaks)
            };
            doc.body
                .insert_str(at, &format!("\n\n{heading}\n\nText under it."));
            Some(format!(
                "heading {heading:?} in {}",
                model.anns[i].path(&lang)
            ))
        }
        Kind::Newsroom => {
            // Mostly a source (its translations inherit), sometimes a translation.
            let (i, lang) = if rng.one_in(3) {
                pick_doc(rng, model, true)?
            } else {
                let i = rng.below(n);
                (i, model.anns[i].source_lang().to_string())
            };
            // Dates on both sides of the test clock, and of where it moves.
            let date = |rng: &mut Rng| {
                rng.pick(&[
                    "2025-12-20",
                    "2026-01-01",
                    "2026-01-03",
                    "2026-01-09T12:00:00+02:00",
                    "2026-01-20",
                    "2026-03-01T08:30:00Z",
                ])
                .to_string()
            };
            let key = *rng.pick(&[
                "changes",
                "withdrawn",
                "pinned",
                "pinned_until",
                "urgent",
                "urgent_until",
                "closes",
                "expires",
            ]);
            let value = match key {
                "changes" => {
                    let second = if rng.one_in(2) {
                        format!(", {{ date: {}, note: \"Second note {round}\" }}", date(rng))
                    } else {
                        String::new()
                    };
                    format!(
                        "[{{ date: {}, note: \"Note {round} ({lang})\" }}{second}]",
                        date(rng)
                    )
                }
                "withdrawn" => format!(
                    "{{ date: {}, reason: \"Reason {round} ({lang})\" }}",
                    date(rng)
                ),
                "pinned" | "urgent" => rng.pick(&["true", "false"]).to_string(),
                _ => date(rng),
            };
            let doc = model.anns[i].docs.get_mut(&lang).unwrap();
            let value = if doc.newsroom.contains_key(key) && rng.one_in(3) {
                doc.newsroom.remove(key);
                None
            } else {
                doc.newsroom.insert(key, value.clone());
                Some(value)
            };
            Some(format!(
                "{key} of {} → {value:?}",
                model.anns[i].path(&lang)
            ))
        }
        Kind::Now => {
            // Mostly forward by a few days (past the dates above), now and then back.
            let days = if rng.one_in(4) {
                -(1 + rng.below(10) as i64)
            } else {
                1 + rng.below(20) as i64
            };
            let hours = rng.below(24) as i64;
            model.now += days * 86_400 + hours * 3600;
            Some(format!(
                "now → {}",
                herald::date::Date::from_timestamp(model.now)
            ))
        }
        Kind::StaticFile => {
            // `style.css` overrides the theme's own.
            let file = rng
                .pick(&["robots.txt", "style.css", "img/logo.svg", "img/chart.svg"])
                .to_string();
            if model.statics.contains_key(&file) && rng.one_in(3) {
                model.statics.remove(&file);
                return Some(format!("static/{file} deleted"));
            }
            let text = if file == "img/chart.svg" {
                format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\"></svg>\n",
                    10 + rng.below(990),
                    10 + rng.below(990)
                )
            } else {
                format!("static file, round {round}\n")
            };
            model.statics.insert(file.clone(), text);
            Some(format!("static/{file} written"))
        }
    }
}

/// A drift or a disagreement found in one round.
struct Failure {
    round: usize,
    kind: Kind,
    edit: String,
    what: String,
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let value = value.trim();
    let parsed = match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => value.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={value} is not a number")))
}

/// Random edits on a site that starts as [`initial_model`]: after each good rebuild the
/// session's output must equal a full build's; after a failed one a full build must fail
/// too (then the edit is undone). A drift is recorded and the session started again, so
/// one run reports every kind of edit that drifts; the test fails at the end if any did.
fn random_rounds(paginate: usize) {
    let rounds = env_number("HERALD_EQUIV_ROUNDS").map_or(DEFAULT_ROUNDS, |n| n as usize);
    let seed = env_number("HERALD_EQUIV_SEED").unwrap_or(DEFAULT_SEED);
    let mut rng = Rng::new(seed ^ ((paginate as u64) << 32));
    let theme = theme_files();
    let mut model = initial_model(paginate);
    model.split_sitemap = paginate == 2;
    let (site, mut files, mut session) = start(&model, &theme);
    if let Some(d) = compare(&site, &session, model.now).unwrap() {
        panic!("after Session::start: {d}");
    }
    let mut failures: Vec<Failure> = Vec::new();
    let mut applied: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    let mut round = 0;
    // The kinds of edit are dealt from a shuffled deck of all of them, dealt again when
    // it is empty: every kind is tried about as often (rounds / kinds times), however
    // many kinds there are.
    let mut deck: Vec<Kind> = Vec::new();
    while round < rounds {
        if deck.is_empty() {
            deck = KINDS.to_vec();
            for i in (1..deck.len()).rev() {
                deck.swap(i, rng.below(i + 1));
            }
        }
        let kind = deck.pop().expect("a full deck");
        let before = model.clone();
        let Some(edit) = random_edit(&mut rng, &mut model, kind, round) else {
            continue;
        };
        let new_files = model.files(&theme);
        let changed = sync(site.root(), &files, &new_files);
        files = new_files;
        session.set_now(Some(model.now));
        let counts = applied.entry(kind).or_default();
        let mut fail = |what: String| {
            failures.push(Failure {
                round,
                kind,
                edit: edit.clone(),
                what,
            })
        };
        match session.rebuild_changed(&changed) {
            Ok(_) => {
                counts.0 += 1;
                match compare(&site, &session, model.now) {
                    Ok(None) if kind == Kind::Invalid => {
                        fail("the test's own error: both builds accept this edit".into())
                    }
                    Ok(None) => {}
                    Ok(Some(d)) => fail(d),
                    Err(errors) => fail(format!(
                        "the rebuild succeeded but a full build fails:\n{errors}"
                    )),
                }
            }
            Err(errors) => {
                counts.1 += 1;
                if fresh_build(&site, model.now).is_ok() {
                    fail(format!(
                        "the rebuild failed but a full build succeeds:\n{}",
                        render(&errors)
                    ));
                }
                // Undo the edit; the session recovers.
                model = before;
                session.set_now(Some(model.now));
                let new_files = model.files(&theme);
                let changed = sync(site.root(), &files, &new_files);
                files = new_files;
                match session.rebuild_changed(&changed) {
                    Ok(_) => match compare(&site, &session, model.now) {
                        Ok(None) => {}
                        Ok(Some(d)) => fail(format!("after undoing the edit: {d}")),
                        Err(e) => fail(format!("after undoing the edit a full build fails:\n{e}")),
                    },
                    Err(e) => fail(format!(
                        "after undoing the edit the rebuild fails:\n{}",
                        render(&e)
                    )),
                }
            }
        }
        if failures.last().is_some_and(|f| f.round == round) {
            // Start again from a full build, to find the next drift.
            let at_now = herald::BuildOptions {
                now: Some(model.now),
                ..site.options()
            };
            session = Session::start(&at_now)
                .unwrap_or_else(|d| panic!("round {round}: restart: {}", render(&d)))
                .0;
        }
        round += 1;
    }
    let mut summary = format!(
        "paginate {paginate}, seed {seed:#x}, {rounds} rounds; edits per kind (good rebuilds, refused):\n"
    );
    for (kind, (good, refused)) in &applied {
        let _ = writeln!(summary, "  {kind:?}: {good}, {refused}");
    }
    if !failures.is_empty() {
        let kinds: BTreeSet<Kind> = failures.iter().map(|f| f.kind).collect();
        let mut message = format!(
            "{} of {rounds} rounds differ from a full build (edit kinds: {kinds:?}); \
             replay with HERALD_EQUIV_SEED={seed:#x}\n",
            failures.len()
        );
        for f in &failures {
            let _ = writeln!(
                message,
                "round {} ({:?}: {}):\n    {}",
                f.round, f.kind, f.edit, f.what
            );
        }
        panic!("{message}\n{summary}");
    }
    eprintln!("{summary}");
    // Every kind of edit was tried with a good rebuild at least once, and the invalid
    // edits were all refused.
    let (good, refused) = applied.get(&Kind::Invalid).copied().unwrap_or_default();
    assert_eq!(
        good, 0,
        "an edit meant to be invalid was accepted:\n{summary}"
    );
    if rounds >= DEFAULT_ROUNDS {
        assert!(refused > 0, "no invalid edit was tried:\n{summary}");
        for kind in KINDS.into_iter().filter(|k| *k != Kind::Invalid) {
            assert!(
                applied.get(&kind).is_some_and(|c| c.0 > 0),
                "{kind:?} never rebuilt well:\n{summary}"
            );
        }
    }
}

#[test]
fn random_edits_with_one_announcement_a_page_equal_a_full_build() {
    random_rounds(1);
}

#[test]
fn random_edits_with_two_announcements_a_page_and_a_split_sitemap_equal_a_full_build() {
    random_rounds(2);
}

// ---------------------------------------------------------------------------------
// Known drifts, reproduced on purpose.

/// One edit of the model, rebuilt with `rebuild_changed`; the session and the site.
fn edit_and_rebuild(
    model: &mut Model,
    theme: &Files,
    edit: impl FnOnce(&mut Model),
) -> (TestSite, Session) {
    let (site, files, mut session) = start(model, theme);
    edit(model);
    let new_files = model.files(theme);
    let changed = sync(site.root(), &files, &new_files);
    assert!(!changed.is_empty());
    session
        .rebuild_changed(&changed)
        .unwrap_or_else(|d| panic!("rebuild: {}", render(&d)));
    (site, session)
}

/// The file `rel` of the session's output and of a full build's.
fn both(site: &TestSite, session: &Session, rel: &str) -> (String, String) {
    let ours = std::fs::read_to_string(session.output().join(rel)).unwrap();
    let fresh = fresh_build(site, common::NOW).unwrap_or_else(|e| panic!("{e}"));
    let theirs = fresh
        .iter()
        .find(|(p, _)| p.as_path() == Path::new(rel))
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .unwrap_or_else(|| panic!("a full build has no {rel}"));
    (ours, theirs)
}

/// The newest announcement A links to an old one B that is outside the feed's 20
/// entries; B's slug changes. The feed shows A's HTML, so it must link B's new URL.
#[test]
fn feed_follows_a_link_target_slug_change() {
    let theme = theme_files();
    let mut model = initial_model(2);
    let newest = model.english_newest_first();
    let a = newest[0].name.clone();
    let b = item_name(3);
    assert!(
        links_of(&model.ann(&a).unwrap().docs["en"].body).contains(&b),
        "{a} links to {b}"
    );
    let in_feed: Vec<&str> = newest
        .iter()
        .take(herald::site::FEED_ENTRIES)
        .map(|a| a.name.as_str())
        .collect();
    assert!(
        !in_feed.contains(&b.as_str()),
        "{b} is outside the feed's window"
    );
    let old_url = format!("/news/en/announcements/{}/", slug_from_name(&b));
    let (site, session) = edit_and_rebuild(&mut model, &theme, |m| {
        let ann = m.anns.iter_mut().find(|x| x.name == b).unwrap();
        ann.docs.get_mut("en").unwrap().slug = Some("moved-away".into());
    });
    let (ours, theirs) = both(&site, &session, "en/atom.xml");
    assert!(
        theirs.contains("/news/en/announcements/moved-away/") && !theirs.contains(&old_url),
        "a full build's feed links B's new URL"
    );
    assert!(
        ours == theirs,
        "en/atom.xml differs from a full build's: {}",
        first_different_line(ours.as_bytes(), theirs.as_bytes())
    );
    if let Some(d) = compare(&site, &session, model.now).unwrap() {
        panic!("{d}");
    }
}

/// With one announcement a page, page 2 shows one item with its tags and their counts;
/// another announcement gains one of those tags, so the count on page 2 changes.
#[test]
fn list_item_tag_counts_follow_other_announcements() {
    let theme = theme_files();
    let mut model = initial_model(1);
    let newest = model.english_newest_first();
    let second = newest[1].name.clone();
    assert!(
        newest[1]
            .source()
            .tags
            .as_ref()
            .unwrap()
            .contains(&"news".to_string()),
        "{second} has the tag news"
    );
    let gains = item_name(5);
    assert!(
        !model
            .ann(&gains)
            .unwrap()
            .source()
            .tags
            .as_ref()
            .unwrap()
            .contains(&"news".to_string()),
        "{gains} has not"
    );
    let (site, session) = edit_and_rebuild(&mut model, &theme, |m| {
        let ann = m.anns.iter_mut().find(|x| x.name == gains).unwrap();
        ann.docs
            .get_mut("en")
            .unwrap()
            .tags
            .as_mut()
            .unwrap()
            .push("news".into());
    });
    let (ours, theirs) = both(&site, &session, "en/page/2/index.html");
    assert!(
        theirs.contains(&format!("item.title={}", newest_title(&model, &second))),
        "page 2 shows {second}"
    );
    // The theme prints the count of each item tag (from `tag_counts`).
    let news = theirs
        .lines()
        .find(|l| l.starts_with("<li>item.tags=") && l.contains("[id=news "))
        .expect("page 2 lists the item's tags");
    let count = news.split("[id=news ").nth(1).unwrap();
    let count = count.split("count=").nth(1).unwrap();
    assert!(
        count.starts_with(|c: char| c.is_ascii_digit()),
        "a count is printed: {news}"
    );
    assert!(
        ours == theirs,
        "en/page/2/index.html differs from a full build's: {}",
        first_different_line(ours.as_bytes(), theirs.as_bytes())
    );
    if let Some(d) = compare(&site, &session, model.now).unwrap() {
        panic!("{d}");
    }
}

fn newest_title(model: &Model, name: &str) -> String {
    model.ann(name).unwrap().docs["en"].title.clone()
}

/// The test theme prints every context variable: one page of each kind, checked for
/// the fields (and the build is valid with it).
#[test]
fn the_test_theme_prints_every_field() {
    let theme = theme_files();
    let model = initial_model(2);
    let (site, _files, session) = start(&model, &theme);
    let out = session.output();
    let read =
        |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let common = [
        "lang=",
        "dir=",
        "lang_name=",
        "title_key=",
        "root_url=",
        "home_url=",
        "tags_url=",
        "css_url=",
        "page_url=",
        "feed_url=",
        "canonical=",
        "search_url=/news/",
        "menu code=",
        " current=",
        "pre class=\"context\"",
        "meta.title=",
        "meta.description=",
        "meta.url=https://example.org/news/",
        "meta.site_name=",
        "meta.locale=",
        "meta.image=url=https://example.org/news/",
        "meta.twitter_card=summary_large_image",
    ];
    let pages: [(&str, &[&str]); 12] = [
        (
            "fr/announcements/item-04/index.html",
            &[
                "page.title=Communiqué 4",
                "page.date_iso=2020-09-07",
                "page.date_text=",
                "page.updated_iso=",
                "page.updated_text=",
                "page.summary=",
                "page.kind=translated",
                "page.content_lang=fr",
                "page.content_dir=ltr",
                "page.content_lang_name=français",
                "page.original_url=/news/en/announcements/item-04/",
                "count=",
                "page.extra={}",
                "source_lang=en",
                "source_lang_name=anglais",
                "lang_label=français",
                "official code=en",
                "<h2 id=\"details\">",
                "alternate hreflang=x-default",
                "meta.og_type=article",
                "meta.locale=fr_FR",
                "meta.image=url=https://example.org/news/share.png width=1200 height=630 alt=L’image de partage du thème de test",
                "NewsArticle",
                "meta.published_time=2020-09-07T00:00:00Z",
            ],
        ),
        (
            "ar/announcements/item-00/index.html",
            &[
                "page.kind=fallback",
                "page.extra={&quot;hero&quot;: &quot;hero-0.png&quot;, &quot;rank&quot;: &quot;0&quot;}",
                "[hero=hero-0.png]",
                "page.updated_iso=2020-12-01",
                "dir=rtl",
                "meta.locale=ar_EG",
                "meta.locale_alternates= en_US fr_FR zh_CN",
                "&quot;inLanguage&quot;:&quot;en&quot;",
            ],
        ),
        (
            "pt-BR/announcements/item-02/index.html",
            &["page.kind=translated", "other code=pt-BR"],
        ),
        (
            "en/tags/news/page/2/index.html",
            &[
                "tag.id=news",
                "tag.label=News",
                "tag.url=/news/en/tags/news/",
                "tag.count=",
                "item.title=",
                "item.url=",
                "item.date_iso=",
                "item.date_text=",
                "item.summary=",
                "item.fallback=false",
                "item.content_lang=en",
                "item.content_dir=ltr",
                "item.content_lang_name=English",
                "item.tags= [id=",
                "pagination.current=2",
                "pagination.total=",
                "pagination.prev_url=/news/en/tags/news/",
                "pagination.next_url=/news/en/tags/news/page/3/",
                "items on this page",
                "meta.og_type=website",
                "meta.description=Everything on News.",
            ],
        ),
        (
            "zh/tags/index.html",
            &["tag id=news label=新闻 url=/news/zh/tags/news/ count="],
        ),
        ("index.html", &["choice code=pt-BR", "prompt="]),
        (
            "en/kinds/release/index.html",
            &[
                "tag=none",
                "item.title=",
                "/news/en/kinds/release/atom.xml",
                "meta.description=Everything of the kind Release.",
            ],
        ),
        (
            "fr/archive/index.html",
            &[
                "archive.url=/news/fr/archive/",
                "year year=2020 label=2020 url=/news/fr/archive/2020/ count=5",
                "meta.description=Tout, année par année.",
            ],
        ),
        (
            "zh/archive/2020/index.html",
            &[
                "archive.year=2020 label=2020 url=/news/zh/archive/2020/ count=5",
                "<h2 id=\"2020-09\">month.heading=2020年9月</h2>",
                "item.kind=release Release /news/zh/kinds/release/",
                "archive_url",
            ],
        ),
        ("404.html", &["root_404=true"]),
        ("fr/404.html", &["root_404=false"]),
        (
            "fr/search/index.html",
            &[
                "search.bundle_url=/news/pagefind/",
                "search.count=",
                "search.lang_label=français",
                "search.default_lang=en",
                "search.default_lang_name=anglais",
                "search.default_url=/news/en/search/",
            ],
        ),
    ];
    for (rel, fields) in pages {
        let text = read(rel);
        for field in common.iter().chain(fields) {
            assert!(text.contains(field), "{rel} lacks {field:?}:\n{text}");
        }
    }
    let feed = read("en/atom.xml");
    for field in [
        "<x:vars lang=\"en\"",
        "<entry xml:lang=\"en\" x:fallback=\"false\">",
        "x:fallback=\"true\"",
        "<category term=\"untranslated\" label=\"Untranslated\"/>",
        "<published>",
        "<updated>",
        "<category term=\"news\" label=\"News\" x:url=\"/news/en/tags/news/\" x:count=",
        "<summary>",
        "<content type=\"html\"",
        "<x:context>",
    ] {
        assert!(feed.contains(field), "en/atom.xml lacks {field:?}");
    }
    assert_eq!(feed.matches("<entry ").count(), herald::site::FEED_ENTRIES);
    // A fallback page has no hreflang alternates.
    assert!(!read("ar/announcements/item-00/index.html").contains("alternate hreflang="));
    // The workshop's own image, a bundle file, with its size.
    assert!(read("fr/announcements/workshop/index.html").contains(
        "meta.image=url=https://example.org/news/fr/announcements/workshop/map.svg width=640 height=240 alt=Atelier"
    ));
    let redirect = read("old/item-0/index.html");
    for field in [
        "lang=en",
        "dir=ltr",
        "title=Item 0",
        "title_key=site-title",
        "target_url=/news/en/announcements/item-00/",
        "canonical=https://example.org/news/en/announcements/item-00/",
    ] {
        assert!(redirect.contains(field), "the redirect lacks {field:?}");
    }
    assert!(read("fr/announcements/workshop/map.svg").contains("<svg"));
    // The search index: one per language, listed in the entry file.
    let entry = read("pagefind/pagefind-entry.json");
    for lang in ["\"en\"", "\"fr\"", "\"zh\"", "\"ar\"", "\"pt-br\""] {
        assert!(
            entry.contains(lang),
            "pagefind-entry.json lacks {lang}: {entry}"
        );
    }
    if std::env::var_os("HERALD_EQUIV_KEEP").is_some() {
        // To look at the pages: the site and its output stay.
        eprintln!("kept the site in {}", site.dir.keep().display());
    }
}
