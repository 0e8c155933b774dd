//! Every URL and output path of the site is built here, from a [`Route`].

use std::path::PathBuf;

use crate::config::Config;

/// A page or file of the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    /// `/` — the language chooser.
    Root,
    /// `/L/` or `/L/page/N/` (N ≥ 2).
    Home {
        /// Language.
        lang: String,
        /// 1-based page number.
        page: usize,
    },
    /// `/L/announcements/<slug>/`.
    Announcement {
        /// Language.
        lang: String,
        /// Slug in that language.
        slug: String,
    },
    /// A file of a bundle beside the announcement page.
    BundleFile {
        /// Language.
        lang: String,
        /// Slug in that language.
        slug: String,
        /// Path inside the bundle (`/`-separated).
        file: String,
    },
    /// `/L/tags/`.
    Tags {
        /// Language.
        lang: String,
    },
    /// `/L/tags/<tag>/` or `/L/tags/<tag>/page/N/`.
    Tag {
        /// Language.
        lang: String,
        /// Tag id.
        tag: String,
        /// 1-based page number.
        page: usize,
    },
    /// `/404.html` (None) or `/L/404.html`.
    NotFound {
        /// Language, or the root 404.
        lang: Option<String>,
    },
    /// `/L/atom.xml`.
    Feed {
        /// Language.
        lang: String,
    },
    /// `/L/kinds/<kind>/` or `/L/kinds/<kind>/page/N/`.
    Kind {
        /// Language.
        lang: String,
        /// Kind id.
        kind: String,
        /// 1-based page number.
        page: usize,
    },
    /// `/L/tags/<tag>/atom.xml`.
    TagFeed {
        /// Language.
        lang: String,
        /// Tag id.
        tag: String,
    },
    /// `/L/kinds/<kind>/atom.xml`.
    KindFeed {
        /// Language.
        lang: String,
        /// Kind id.
        kind: String,
    },
    /// `/L/archive/`: the years.
    Archive {
        /// Language.
        lang: String,
    },
    /// `/L/archive/YYYY/`: a year's announcements by month.
    ArchiveYear {
        /// Language.
        lang: String,
        /// The year.
        year: i32,
    },
    /// `/sitemap.xml` (None) or `/sitemap-<part>.xml` when split (`en`, `en-2024`…).
    Sitemap {
        /// The name of a split sitemap's part.
        part: Option<String>,
    },
    /// An old URL (`aliases:`) that redirects; the path as written, without its leading `/`.
    Alias {
        /// Path from the site root.
        path: String,
    },
    /// A static asset at this `/`-separated path.
    Asset {
        /// Path from the output root.
        path: String,
    },
    /// `/L/search/`: the search page of a language.
    Search {
        /// Language.
        lang: String,
    },
    /// `/pagefind/`: the folder of the search index and its scripts.
    SearchBundle,
}

/// The output folder of the search index (Pagefind's bundle).
pub const SEARCH_BUNDLE: &str = "pagefind";

impl Route {
    /// The route's path from the site root, without a leading `/` (`en/page/2/`).
    pub fn path(&self) -> String {
        fn paged(prefix: String, page: usize) -> String {
            if page <= 1 {
                prefix
            } else {
                format!("{prefix}page/{page}/")
            }
        }
        match self {
            Route::Root => String::new(),
            Route::Home { lang, page } => paged(format!("{lang}/"), *page),
            Route::Announcement { lang, slug } => format!("{lang}/announcements/{slug}/"),
            Route::BundleFile { lang, slug, file } => format!("{lang}/announcements/{slug}/{file}"),
            Route::Tags { lang } => format!("{lang}/tags/"),
            Route::Tag { lang, tag, page } => paged(format!("{lang}/tags/{tag}/"), *page),
            Route::NotFound { lang: None } => "404.html".into(),
            Route::NotFound { lang: Some(lang) } => format!("{lang}/404.html"),
            Route::Feed { lang } => format!("{lang}/atom.xml"),
            Route::Kind { lang, kind, page } => paged(format!("{lang}/kinds/{kind}/"), *page),
            Route::TagFeed { lang, tag } => format!("{lang}/tags/{tag}/atom.xml"),
            Route::KindFeed { lang, kind } => format!("{lang}/kinds/{kind}/atom.xml"),
            Route::Archive { lang } => format!("{lang}/archive/"),
            Route::ArchiveYear { lang, year } => format!("{lang}/archive/{year:04}/"),
            Route::Sitemap { part: None } => "sitemap.xml".into(),
            Route::Sitemap { part: Some(part) } => format!("sitemap-{part}.xml"),
            Route::Alias { path } => path.clone(),
            Route::Asset { path } => path.clone(),
            Route::Search { lang } => format!("{lang}/search/"),
            Route::SearchBundle => format!("{SEARCH_BUNDLE}/"),
        }
    }

    /// The file written for this route, relative to the output folder.
    pub fn file(&self) -> PathBuf {
        let path = self.path();
        if path.is_empty() || path.ends_with('/') {
            PathBuf::from(format!("{path}index.html"))
        } else if matches!(self, Route::Alias { .. }) && !has_extension(&path) {
            // An old URL without a trailing slash or an extension (`/old-name`) is a
            // folder with an index, as Hugo writes it: servers send it as HTML.
            PathBuf::from(format!("{path}/index.html"))
        } else {
            PathBuf::from(path)
        }
    }
}

/// Whether the last segment of a path has an extension (`x.html`, `feed.xml`).
fn has_extension(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    last.rfind('.').is_some_and(|i| i > 0 && i + 1 < last.len())
}

/// Builds root-relative and absolute URLs for a site.
#[derive(Debug, Clone)]
pub struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    /// URLs for `config`'s `base_url`.
    pub fn new(config: &Config) -> Self {
        Urls {
            base_path: config.base_path().to_string(),
            base_url: config.base_url.clone(),
        }
    }

    /// Root-relative URL (`/news/en/`), used for every internal link.
    pub fn url(&self, route: &Route) -> String {
        format!("{}/{}", self.base_path, route.path())
    }

    /// Absolute URL (`https://example.org/news/en/`), for canonical links, feeds and sitemaps.
    pub fn absolute(&self, route: &Route) -> String {
        format!("{}/{}", self.base_url, route.path())
    }
}
