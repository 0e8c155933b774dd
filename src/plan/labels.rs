//! Labels in each page language (tags, language names), looked up once per build.

use std::collections::BTreeMap;

use serde::Serialize;

use super::List;
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

/// A kind of announcement as templates see it.
#[derive(Serialize, Clone, Debug)]
pub struct KindCtx {
    /// Kind id (as in site.yaml's `kinds:`).
    pub id: String,
    /// Label in the page's language (the `kind-<id>` message).
    pub label: String,
    /// URL of the kind's list.
    pub url: String,
}

/// Labels in one page language, looked up once per build rather than once per page.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Tags by id, with their labels and list URLs.
    pub(super) tags: BTreeMap<String, TagCtx>,
    /// The kinds of site.yaml's `kinds:`, in order, with their labels and list URLs.
    pub(super) kinds: Vec<KindCtx>,
    /// Each configured language's name as written inside a sentence.
    pub(super) languages: BTreeMap<String, String>,
    /// The variables every page in this language has that are the same on all of them
    /// (its code, direction and name, the title key, and the URLs of the site's root,
    /// the language's home, tag index, feed, search and archive pages and the style
    /// sheet), as templates see them: made once, cloned into each page.
    pub(super) page_values: Vec<(&'static str, tera::Value)>,
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
            kinds: kind_labels(site, localizer, l),
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
            page_values: page_values(site, l),
        })
        .collect()
}

/// The variables of [`Labels::page_values`] in language `l`.
fn page_values(site: &Site, l: usize) -> Vec<(&'static str, tera::Value)> {
    let config = &site.config;
    let urls = &site.urls;
    let lang = &config.languages[l];
    let code = || lang.code.clone();
    let url = |route: Route| Some(urls.url(&route));
    let strings = [
        ("lang", Some(lang.code.clone())),
        ("dir", Some(lang.dir.as_str().to_string())),
        ("lang_name", Some(lang.name.clone())),
        ("title_key", Some(config.title_key.clone())),
        ("root_url", url(Route::Root)),
        (
            "home_url",
            url(Route::Home {
                lang: code(),
                page: 1,
            }),
        ),
        ("tags_url", url(Route::Tags { lang: code() })),
        (
            "css_url",
            url(Route::Asset {
                path: "style.css".into(),
            }),
        ),
        ("feed_url", url(Route::Feed { lang: code() })),
        // `none` where the site has no search or archive pages.
        (
            "search_url",
            config
                .search
                .then(|| urls.url(&Route::Search { lang: code() })),
        ),
        (
            "archive_url",
            config
                .archives
                .then(|| urls.url(&Route::Archive { lang: code() })),
        ),
    ];
    strings
        .into_iter()
        .map(|(key, value)| (key, tera::Value::from_serializable(&value)))
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

/// The kinds' labels in language `l`: the `kind-<id>` messages (a missing one is
/// reported, and its id shown, as any missing string).
fn kind_labels(site: &Site, localizer: &Localizer, l: usize) -> Vec<KindCtx> {
    let lang = &site.config.languages[l].code;
    site.config
        .kinds
        .iter()
        .map(|id| KindCtx {
            id: id.clone(),
            label: strip_isolation(&localizer.translate(lang, &format!("kind-{id}"), None)),
            url: site.urls.url(&Route::Kind {
                lang: lang.clone(),
                kind: id.clone(),
                page: 1,
            }),
        })
        .collect()
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

/// The route of page `page` of a list in language `code` (`name`: the tag's or kind's
/// id), and of its feed.
pub(super) fn list_routes(list: List, name: &str, code: &str, page: usize) -> (Route, Route) {
    let lang = code.to_string();
    match list {
        List::Home => (
            Route::Home {
                lang: lang.clone(),
                page,
            },
            Route::Feed { lang },
        ),
        List::Tag(_) => (
            Route::Tag {
                lang: lang.clone(),
                tag: name.to_string(),
                page,
            },
            Route::TagFeed {
                lang,
                tag: name.to_string(),
            },
        ),
        List::Kind(_) => (
            Route::Kind {
                lang: lang.clone(),
                kind: name.to_string(),
                page,
            },
            Route::KindFeed {
                lang,
                kind: name.to_string(),
            },
        ),
    }
}
