//! `/sitemap.xml`: every canonical page once, with `hreflang` alternates for
//! translations; split into parts under a sitemap index past the protocol's limit.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Date;
use crate::site::{PageKind, Site};
use crate::urls::Route;

/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// One `<url>` of a sitemap.
#[derive(Debug, Clone)]
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// Last change (YYYY-MM-DD).
    pub lastmod: Option<String>,
    /// hreflang → absolute URL, the same set on every member of a group (shared).
    pub alternates: Arc<[(String, String)]>,
}

fn newest<'a>(dates: impl Iterator<Item = &'a Date>) -> Option<String> {
    dates.max_by_key(|d| d.timestamp).map(Date::ymd)
}

/// Every URL the sitemap lists: the chooser, lists, translated announcements and tags.
/// Fallback pages (their canonical is elsewhere), 404 pages and alias redirects are left out.
pub fn sitemap_urls(site: &Site) -> Vec<SitemapUrl> {
    let urls = &site.urls;
    let config = &site.config;
    let mut out = Vec::new();
    let newest_all = newest(site.announcements.iter().map(|a| &a.source().date));
    out.push(SitemapUrl {
        loc: urls.absolute(&Route::Root),
        lastmod: newest_all.clone(),
        alternates: Arc::new([]),
    });
    let home_alternates: Arc<[_]> = group(
        site,
        |code| Route::Home {
            lang: code.to_string(),
            page: 1,
        },
        &config.default_language,
    )
    .into();
    let tags_alternates: Arc<[_]> = group(
        site,
        |code| Route::Tags {
            lang: code.to_string(),
        },
        &config.default_language,
    )
    .into();
    // Each announcement's alternates once: its real translations and the source as x-default.
    let ann_alternates: Vec<Arc<[(String, String)]>> = site
        .announcements
        .par_iter()
        .enumerate()
        .map(|(a, ann)| {
            group(site, |c| site.announcement_route(a, c), &ann.source_lang)
                .into_iter()
                .filter(|(hreflang, _)| {
                    hreflang == "x-default" || ann.translation(hreflang).is_some()
                })
                .collect::<Vec<_>>()
                .into()
        })
        .collect();
    let per_language: Vec<Vec<SitemapUrl>> = (0..config.languages.len())
        .into_par_iter()
        .map(|l| language_urls(site, l, &home_alternates, &tags_alternates, &ann_alternates))
        .collect();
    out.extend(per_language.into_iter().flatten());
    out
}

/// The sitemap URLs of one language.
fn language_urls(
    site: &Site,
    l: usize,
    home_alternates: &Arc<[(String, String)]>,
    tags_alternates: &Arc<[(String, String)]>,
    ann_alternates: &[Arc<[(String, String)]>],
) -> Vec<SitemapUrl> {
    let urls = &site.urls;
    let config = &site.config;
    let lang = &config.languages[l];
    let mut out = Vec::with_capacity(site.announcements.len() + 64);
    let code = &lang.code;
    let pages = &site.pages[l];
    let per_page = config.paginate;
    let list_pages = pages.len().div_ceil(per_page).max(1);
    for n in 1..=list_pages {
        let chunk = pages.iter().skip((n - 1) * per_page).take(per_page);
        out.push(SitemapUrl {
            loc: urls.absolute(&Route::Home {
                lang: code.clone(),
                page: n,
            }),
            lastmod: newest(chunk.map(|p| changed(site, p))),
            alternates: if n == 1 {
                home_alternates.clone()
            } else {
                Arc::new([])
            },
        });
    }
    for page in pages.iter().filter(|p| p.kind != PageKind::Fallback) {
        let a = page.announcement;
        let alternates = ann_alternates[a].clone();
        out.push(SitemapUrl {
            loc: urls.absolute(&site.announcement_route(a, code)),
            lastmod: Some(changed(site, page).ymd()),
            alternates,
        });
    }
    out.push(SitemapUrl {
        loc: urls.absolute(&Route::Tags { lang: code.clone() }),
        lastmod: newest(pages.iter().map(|p| changed(site, p))),
        alternates: tags_alternates.clone(),
    });
    for (tag, items) in &site.tags[l] {
        let tag_pages = items.len().div_ceil(per_page).max(1);
        for n in 1..=tag_pages {
            let chunk = items.iter().skip((n - 1) * per_page).take(per_page);
            out.push(SitemapUrl {
                loc: urls.absolute(&Route::Tag {
                    lang: code.clone(),
                    tag: tag.clone(),
                    page: n,
                }),
                lastmod: newest(chunk.map(|&a| changed(site, &pages[a]))),
                alternates: Arc::new([]),
            });
        }
    }
    out
}

fn changed<'a>(site: &'a Site, page: &crate::site::Page) -> &'a Date {
    let t = site.content_of(page);
    t.updated.as_ref().unwrap_or(&t.date)
}

/// The same page in every language, plus `x-default`.
fn group(site: &Site, route: impl Fn(&str) -> Route, default: &str) -> Vec<(String, String)> {
    let mut set: Vec<(String, String)> = site
        .config
        .languages
        .iter()
        .map(|l| (l.code.clone(), site.urls.absolute(&route(&l.code))))
        .collect();
    set.push(("x-default".into(), site.urls.absolute(&route(default))));
    set
}

/// Appends `text` to `xml`, escaped for element content and quoted attributes.
fn push_escaped(xml: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        xml.push_str(&rest[..i]);
        xml.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[i + 1..];
    }
    xml.push_str(rest);
}

fn urlset(urls: &[SitemapUrl]) -> String {
    let body: String = urls
        .par_chunks(2048)
        .map(url_entries)
        .collect::<Vec<String>>()
        .concat();
    let mut xml = String::with_capacity(body.len() + 256);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    xml.push_str(&body);
    xml.push_str("</urlset>\n");
    xml
}

/// The `<url>` elements of some URLs.
fn url_entries(urls: &[SitemapUrl]) -> String {
    let mut xml = String::with_capacity(urls.len() * 200);
    for u in urls {
        xml.push_str("<url><loc>");
        push_escaped(&mut xml, &u.loc);
        xml.push_str("</loc>");
        if let Some(lastmod) = &u.lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(lastmod);
            xml.push_str("</lastmod>");
        }
        for (hreflang, href) in u.alternates.iter() {
            xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            push_escaped(&mut xml, hreflang);
            xml.push_str("\" href=\"");
            push_escaped(&mut xml, href);
            xml.push_str("\"/>");
        }
        xml.push_str("</url>\n");
    }
    xml
}

/// The sitemap files for these URLs: one `sitemap.xml`, or past `limit` URLs a
/// sitemap index `sitemap.xml` and parts `sitemap-1.xml`, `sitemap-2.xml`…
pub fn sitemap_files(site: &Site, urls: &[SitemapUrl], limit: usize) -> Vec<(PathBuf, String)> {
    if urls.len() <= limit {
        return vec![(Route::Sitemap { part: None }.file(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in urls.chunks(limit).enumerate() {
        let route = Route::Sitemap { part: Some(i + 1) };
        index.push_str("<sitemap><loc>");
        push_escaped(&mut index, &site.urls.absolute(&route));
        index.push_str("</loc></sitemap>\n");
        files.push((route.file(), urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (Route::Sitemap { part: None }.file(), index));
    files
}

#[cfg(test)]
mod tests {
    use super::push_escaped;

    #[test]
    fn escaping_replaces_the_five_xml_specials_and_keeps_the_rest() {
        let mut xml = String::from("<loc>");
        push_escaped(&mut xml, "https://x.org/a?b=1&c='d'<\"e\">/é");
        assert_eq!(
            xml,
            "<loc>https://x.org/a?b=1&amp;c=&apos;d&apos;&lt;&quot;e&quot;&gt;/é"
        );
        let mut plain = String::new();
        push_escaped(&mut plain, "https://x.org/zh/公告/");
        assert_eq!(plain, "https://x.org/zh/公告/");
    }
}
