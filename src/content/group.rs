//! Grouping the parsed files of one announcement name into an [`Announcement`]:
//! inheritance from the source, stale detection; and the check that no two
//! announcements share a URL.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::front_matter::FrontMatter;
use super::parse::Parsed;
use super::{slug_from_name, Announcement, Bundle, Names, Staleness, Translation};
use crate::config::Config;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::Stamp;
use crate::lifecycle::{Lifecycle, Until, Withdrawal};

/// The announcement named `name` made of `files` (its parsed texts) and, for a bundle,
/// the bundle's other files; `None` when the files contradict each other (the reasons
/// are in `diags`).
pub(super) fn group(
    config: &Config,
    name: &str,
    mut files: Vec<&Parsed>,
    assets: Option<&Vec<(PathBuf, Stamp)>>,
    (names, tags): (&mut Names, &mut Names),
    sizes: &mut crate::images::SizeCache,
    diags: &mut Diagnostics,
) -> Option<Arc<Announcement>> {
    files.sort_by_key(|f| config.language_index(&f.found.lang));
    let mut duplicate = false;
    for pair in files.windows(2) {
        if pair[0].found.lang == pair[1].found.lang {
            duplicate = true;
            diags.push(Diagnostic::error(
                &pair[1].found.path,
                1,
                1,
                format!(
                    "`{name}` has two `{}` versions: this file and {}",
                    pair[0].found.lang,
                    pair[0].found.path.display()
                ),
            ));
        }
    }
    let bundles: Vec<&PathBuf> = files
        .iter()
        .filter_map(|f| f.found.bundle.as_ref())
        .collect();
    if !bundles.is_empty() && bundles.len() != files.len() {
        let flat = files
            .iter()
            .find(|f| f.found.bundle.is_none())
            .map(|f| f.found.path.clone())
            .unwrap_or_default();
        diags.push(Diagnostic::error(
            &flat,
            1,
            1,
            format!(
                "`{name}` is both a file and a bundle folder ({}); keep one",
                bundles[0].display()
            ),
        ));
        duplicate = true;
    }
    if duplicate {
        return None;
    }
    let source_index = files
        .iter()
        .position(|f| f.found.lang == config.default_language)
        .unwrap_or(0);
    let source = files[source_index];
    let source_date = match source.front.date.clone() {
        Some(date) => date,
        // A draft needs no date until it is published (as in Hugo): while it is a draft
        // it is dated by its file's last change, and the build says so.
        None if source.front.draft == Some(true) => {
            let seconds = source
                .found
                .stamp
                .and_then(|(modified, _)| modified.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs() as i64);
            let date = crate::date::Date::from_timestamp(seconds);
            diags.push(Diagnostic::warning(
                &source.found.path,
                1,
                1,
                format!(
                    "a draft without `date`: dated {} (its file's last change) while it is a draft; add `date:` before removing `draft: true`",
                    &date.rfc3339[..10]
                ),
            ));
            date
        }
        None => {
            diags.push(Diagnostic::error(
                &source.found.path,
                1,
                1,
                "missing `date`: the source of an announcement needs one (YYYY-MM-DD)",
            ));
            return None;
        }
    };
    let source_lang = source.found.lang.clone();
    let source_hash = &source.text_hash;
    // A change note is a change as `updated:` is: the newest of them counts.
    let source_changed = own_change(&source.front).unwrap_or(&source_date);
    let source_front = &source.front;
    let default_slug = slug_from_name(name);
    let bundle = source.found.bundle.clone().map(|dir| {
        let files = assets.cloned().unwrap_or_default();
        // Each image's size, read once per file (and again only when it changes).
        let image_sizes = files
            .iter()
            .filter_map(|(file, stamp)| {
                let size = sizes.size(&config.root.join(&dir).join(file), *stamp)?;
                Some((crate::files::slash_path(file), size))
            })
            .collect();
        Bundle {
            dir,
            files,
            sizes: image_sizes,
        }
    });
    // An image named as a bundle file must be one of the bundle's files.
    for f in &files {
        if let Some((image, line)) = &f.front.image {
            let missing = match &bundle {
                _ if !image.in_bundle() => false,
                Some(b) => !b
                    .files
                    .iter()
                    .any(|(file, _)| crate::files::slash_path(file) == image.src),
                None => true,
            };
            if missing {
                let why = if bundle.is_some() {
                    "is not a file of this announcement's bundle folder"
                } else {
                    "names a bundle file, but this announcement is not a bundle (a folder with index.<lang>.md); use a path from the site root such as /images/x.png"
                };
                diags.push(Diagnostic::error(
                    &f.found.path,
                    *line,
                    1,
                    format!("`image` `{}` {why}", image.src),
                ));
            }
        }
    }
    let source_image = source
        .front
        .image
        .as_ref()
        .map(|(image, line)| super::Image {
            src: image.src.clone(),
            alt: image.alt.clone(),
            path: source.found.path.clone(),
            line: *line,
        });
    let source_kind = kind_of(config, source, diags).or(config.default_kind);
    let translations = files
        .into_iter()
        .map(|f| {
            let is_source = f.found.lang == source_lang;
            let own = &f.front;
            let date = own.date.clone().unwrap_or_else(|| source_date.clone());
            let stale = if is_source {
                None
            } else if let Some(recorded) = &own.source_hash {
                (recorded != source_hash).then(|| Staleness::Hash {
                    recorded: recorded.clone(),
                    current: source_hash.clone(),
                })
            } else {
                let translated = own_change(own).or(own.date.as_ref());
                let stale = match translated {
                    Some(t) => t.timestamp < source_changed.timestamp,
                    None => own_change(source_front).is_some(),
                };
                stale.then(|| Staleness::Date {
                    source: source_changed.clone(),
                    translated: translated.cloned(),
                })
            };
            let tag_names = own
                .tags
                .clone()
                .or_else(|| source_front.tags.clone())
                .unwrap_or_default();
            let kind = match f.found.lang == source_lang {
                true => source_kind,
                false => kind_of(config, f, diags).or(source_kind),
            };
            let life = lifecycle(own, f, source, diags);
            // `updated` is the newest of `updated:` and the change notes shown.
            let updated =
                newest(own.updated.as_ref(), life.latest_change().map(|c| &c.date)).cloned();
            Translation {
                kind,
                life,
                lang: f.found.lang.clone(),
                path: f.found.path.clone(),
                title: own.title.clone(),
                updated,
                summary: own.summary.clone(),
                tag_ids: tag_names.iter().map(|t| tags.intern(t)).collect(),
                tags: tag_names,
                slug_pos: own.slug_pos.unwrap_or((1, 1)),
                slug: own
                    .slug
                    .clone()
                    .or_else(|| source_front.slug.clone())
                    .unwrap_or_else(|| default_slug.clone()),
                draft: own.draft.or(source_front.draft).unwrap_or(false),
                toc: own.toc.or(source_front.toc).unwrap_or(false),
                extra: own
                    .extra
                    .clone()
                    .or_else(|| source_front.extra.clone())
                    .unwrap_or_else(|| serde_json::Value::Object(Default::default())),
                aliases: own.aliases.clone(),
                aliases_line: own.aliases_line,
                source_hash: own.source_hash.clone(),
                body: f.body.clone(),
                body_line: f.body_line,
                text_hash: f.text_hash.clone(),
                link_ids: f.scan.links.iter().map(|(n, _)| names.intern(n)).collect(),
                scan: f.scan.clone(),
                stale,
                date,
                image: match &own.image {
                    Some((image, line)) => Some(super::Image {
                        src: image.src.clone(),
                        alt: image.alt.clone(),
                        path: f.found.path.clone(),
                        line: *line,
                    }),
                    None => source_image.clone(),
                },
                same_on_purpose: f.same_on_purpose,
            }
        })
        .collect::<Vec<Translation>>();
    untranslated_texts(&translations, &source_lang, diags);
    Some(Arc::new(Announcement {
        id: names.intern(name),
        name: name.to_string(),
        source_lang,
        bundle,
        translations,
    }))
}

/// The later of two dates (the first when they tie).
fn newest<'a>(a: Option<&'a Date>, b: Option<&'a Date>) -> Option<&'a Date> {
    match (a, b) {
        (Some(a), Some(b)) if b.timestamp > a.timestamp => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// When a file says its text last changed: its `updated:` or its newest change note,
/// whichever is later.
fn own_change(front: &FrontMatter) -> Option<&Date> {
    let note = front
        .changes
        .as_ref()
        .and_then(|c| c.first())
        .map(|c| &c.date);
    newest(front.updated.as_ref(), note)
}

/// A translation's newsroom fields: its own, else the source's; change notes and the
/// withdrawal's reason in the language of the file that writes them.
fn lifecycle(
    own: &FrontMatter,
    file: &Parsed,
    source: &Parsed,
    diags: &mut Diagnostics,
) -> Lifecycle {
    let from_source = &source.front;
    let (changes, changes_lang) = match (&own.changes, &from_source.changes) {
        (Some(c), _) => (c.clone(), &file.found.lang),
        (None, Some(c)) => (c.clone(), &source.found.lang),
        (None, None) => (Vec::new(), &file.found.lang),
    };
    let withdrawn = match (&own.withdrawn, &from_source.withdrawn) {
        (None, None) => None,
        (mine, theirs) => {
            let date = mine
                .as_ref()
                .and_then(|w| w.date.clone())
                .or_else(|| theirs.as_ref().and_then(|w| w.date.clone()));
            let (reason, reason_lang) = match (mine.as_ref().and_then(|w| w.reason.clone()), theirs)
            {
                (Some(r), _) => (Some(r), &file.found.lang),
                (None, Some(w)) => (w.reason.clone(), &source.found.lang),
                (None, None) => (None, &file.found.lang),
            };
            match date {
                Some(date) => Some(Withdrawal {
                    date,
                    reason,
                    reason_lang: reason_lang.clone(),
                }),
                None => {
                    let (line, col) = mine.as_ref().map_or((1, 1), |w| w.pos);
                    diags.push(Diagnostic::error(
                        &file.found.path,
                        line,
                        col,
                        "`withdrawn` needs a `date:` (in the source, or here)",
                    ));
                    None
                }
            }
        }
    };
    Lifecycle {
        changes,
        changes_lang: changes_lang.clone(),
        withdrawn,
        pinned: own
            .pinned
            .clone()
            .or_else(|| from_source.pinned.clone())
            .unwrap_or(Until::No),
        urgent: own
            .urgent
            .clone()
            .or_else(|| from_source.urgent.clone())
            .unwrap_or(Until::No),
        closes: own.closes.clone().or_else(|| from_source.closes.clone()),
        expires: own.expires.clone().or_else(|| from_source.expires.clone()),
    }
}

/// The kind a file names (`kind:`), if it names one of site.yaml's `kinds:`; one that is
/// not is an error at its value.
fn kind_of(config: &Config, f: &Parsed, diags: &mut Diagnostics) -> Option<crate::config::KindId> {
    let (kind, (line, col)) = f.front.kind.as_ref()?;
    let index = config.kind_index(kind);
    if index.is_none() {
        diags.push(Diagnostic::error(
            &f.found.path,
            *line,
            *col,
            format!(
                "`kind`: {}",
                crate::config::unknown_kind(&config.kinds, kind)
            ),
        ));
    }
    index
}

/// A warning for each translation whose body is its source's, word for word, when
/// that is a sign that nobody translated it yet: not for a draft, a text the same by
/// nature (see [`crate::identical`]), a file marked `# herald: same`, nor a language
/// that reads the source's text as it is (`en-GB` of an `en` source).
fn untranslated_texts(translations: &[Translation], source_lang: &str, diags: &mut Diagnostics) {
    let Some(source) = translations.iter().find(|t| t.lang == source_lang) else {
        return;
    };
    // Bodies are compared by a hash first: read only when it is the same.
    let mut source_text = None;
    for t in translations {
        if t.lang == source_lang
            || t.draft
            || t.same_on_purpose
            || t.body.trimmed_hash() != source.body.trimmed_hash()
            || crate::config::same_language(&t.lang, source_lang)
        {
            continue;
        }
        let (Ok(text), Ok(body)) = (
            source_text
                .get_or_insert_with(|| source.body.text())
                .as_ref(),
            t.body.text(),
        ) else {
            continue;
        };
        let text = text.trim();
        if crate::identical::same_by_nature(text) || body.trim() != text {
            continue;
        }
        // At the text's first line, after the blank lines that open the body.
        let blank = &body[..body.len() - body.trim_start().len()];
        let line = t.body_line + blank.matches('\n').count();
        diags.push(Diagnostic::warning(
            &t.path,
            line,
            1,
            format!(
                "the text is word for word its source's ({}): translate it, or, if it reads the same in `{}` on purpose, add a line `# {}` to the front matter",
                source.path.display(),
                t.lang,
                crate::identical::MARKER,
            ),
        ));
    }
}

/// A warning for each stale translation that is published (not a draft), naming its
/// file and why: for `herald check --stale`.
pub(crate) fn stale_warnings(announcements: &[Arc<Announcement>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in announcements {
        let source = a.source();
        if source.draft {
            continue;
        }
        for t in a.translations.iter().filter(|t| !t.draft) {
            let from = source.path.display();
            let why = match &t.stale {
                None => continue,
                Some(Staleness::Hash { recorded, current }) => format!(
                    "the text of its source ({from}) changed since `source_hash: {recorded}`; update the translation, then set `source_hash: {current}`"
                ),
                Some(Staleness::Date { source, translated: Some(translated) }) => format!(
                    "its source ({from}) was updated on {}, after this translation ({}); update the translation and its `updated:`",
                    source.ymd(),
                    translated.ymd()
                ),
                Some(Staleness::Date { source, translated: None }) => format!(
                    "its source ({from}) was updated on {}, and this translation has no `updated:` or `date:` of its own; update the translation and set its `updated:`",
                    source.ymd()
                ),
            };
            out.push(Diagnostic::file_warning(
                &t.path,
                format!("stale translation: {why}"),
            ));
        }
    }
    out
}

/// (file that takes a URL second, where it sets its slug, file that had it, slug).
type Collision<'a> = (&'a Path, (usize, usize), &'a Path, &'a str);

/// Two announcements with the same slug in a language would share a URL: an error at
/// the file that wrote the slug out.
pub(super) fn check_unique_slugs(
    config: &Config,
    announcements: &[Arc<Announcement>],
    diags: &mut Diagnostics,
) {
    use rayon::prelude::*;
    // Per language in parallel: (culprit, other, slug) where a URL is taken twice.
    let found: Vec<Vec<Collision>> = config
        .languages
        .par_iter()
        .map(|lang| {
            let mut seen: FxHashMap<&str, &Translation> =
                FxHashMap::with_capacity_and_hasher(announcements.len(), Default::default());
            let mut out = Vec::new();
            for a in announcements {
                // The page in `lang` uses the translation's slug, or the source's on a fallback page.
                let t = a.translation(&lang.code).unwrap_or_else(|| a.source());
                if let Some(&first) = seen.get(t.slug.as_str()) {
                    // Blame the file that wrote the slug out, if only one did.
                    let (culprit, other) = if first.slug_pos != (1, 1) && t.slug_pos == (1, 1) {
                        (first, t)
                    } else {
                        (t, first)
                    };
                    out.push((
                        culprit.path.as_path(),
                        culprit.slug_pos,
                        other.path.as_path(),
                        t.slug.as_str(),
                    ));
                } else {
                    seen.insert(&t.slug, t);
                }
            }
            out
        })
        .collect();
    // (file that takes the URL second, file that had it, slug) → languages where they collide.
    let mut collisions: BTreeMap<Collision, Vec<&str>> = BTreeMap::new();
    for (lang, found) in config.languages.iter().zip(found) {
        for collision in found {
            collisions.entry(collision).or_default().push(&lang.code);
        }
    }
    for ((path, (line, col), first, slug), langs) in collisions {
        diags.push(Diagnostic::error(
            path,
            line,
            col,
            format!(
                "slug `{slug}` is already used by {} (in {}); two announcements cannot share a URL",
                first.display(),
                langs.join(", ")
            ),
        ));
    }
}
