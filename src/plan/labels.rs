//! Labels in each page language (tags, language names), looked up once per build.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use crate::i18n::{strip_isolation, Localizer};
use crate::site::Site;
use crate::urls::Route;

/// A tag as templates see it.
#[derive(Serialize, Clone, Debug)]
pub struct TagCtx {
    /// Tag id.
    pub id: String,
    /// Label in the page's language.
    pub label: String,
    /// URL of the tag's list.
    pub url: String,
    /// How many announcements have it: on the tag index (elsewhere, templates read
    /// counts from `tag_counts`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
}

/// Labels in one page language, looked up once per build rather than once per page.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Tags by id, with their labels and list URLs.
    pub(super) tags: BTreeMap<String, TagCtx>,
    /// Each configured language's name as written inside a sentence.
    pub(super) languages: BTreeMap<String, String>,
}

/// Labels for every configured language.
pub fn all_labels(site: &Site, localizer: &Localizer) -> Vec<Labels> {
    let config = &site.config;
    config
        .languages
        .iter()
        .enumerate()
        .map(|(l, lang)| Labels {
            tags: tag_labels(site, localizer, l),
            languages: config
                .languages
                .iter()
                .map(|other| {
                    (
                        other.code.clone(),
                        language_label(config, localizer, &lang.code, &other.code),
                    )
                })
                .collect(),
        })
        .collect()
}

/// The name of language `code` as written in a sentence in `page_lang`
/// (the `language-<code>` message), else its own name.
fn language_label(config: &Config, localizer: &Localizer, page_lang: &str, code: &str) -> String {
    localizer
        .lookup(page_lang, &format!("language-{code}"), None)
        .map(|s| strip_isolation(&s))
        .or_else(|| config.language(code).map(|l| l.name.clone()))
        .unwrap_or_else(|| code.to_string())
}

fn tag_labels(site: &Site, localizer: &Localizer, l: usize) -> BTreeMap<String, TagCtx> {
    let lang = &site.config.languages[l].code;
    site.tags(l)
        .iter()
        .map(|(id, list)| {
            let label = localizer
                .lookup(lang, &format!("tag-{id}"), None)
                .map(|s| strip_isolation(&s))
                .unwrap_or_else(|| id.clone());
            let url = site.urls.url(&Route::Tag {
                lang: lang.clone(),
                tag: id.clone(),
                page: 1,
            });
            (
                id.clone(),
                TagCtx {
                    id: id.clone(),
                    label,
                    url,
                    count: Some(list.items.len()),
                },
            )
        })
        .collect()
}
