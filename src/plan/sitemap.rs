//! `/sitemap.xml`: every canonical page once, with `hreflang` alternates for
//! translations; on a large site, split into parts under a sitemap index.
//!
//! The entries are built in [`Unit`]s (one announcement in one language, a language's
//! home pages, tag index, a tag's pages), so that watch mode builds again only the
//! units whose facts changed and puts the file together from the rest.

use std::path::PathBuf;

use super::fact::{sitemap_parts, Lang, Unit};
use super::read::Reader;
use super::{List, SitemapFile};
use crate::config::{Config, KindId};
use crate::date::Date;
use crate::site::{PageKind, Site};
use crate::urls::Route;

/// The sitemap files: one `sitemap.xml`, or past `sitemap.split_over` URLs a sitemap
/// index `sitemap.xml` and its parts (see [`sitemap_parts`]).
pub(super) fn sitemap_files(site: &Site) -> Vec<(PathBuf, SitemapFile)> {
    match sitemap_parts(&site.structure, &site.config) {
        None => vec![(Route::Sitemap { part: None }.file(), SitemapFile::Whole)],
        Some(parts) => std::iter::once(SitemapFile::Index)
            .chain(parts)
            .map(|part| (route(&site.config, part).file(), part))
            .collect(),
    }
}

/// The route of a sitemap file.
fn route(config: &Config, file: SitemapFile) -> Route {
    let code = |l: Lang| &config.languages[l as usize].code;
    let part = match file {
        SitemapFile::Whole | SitemapFile::Index => None,
        SitemapFile::Lists { l, chunk: 1 } => Some(code(l).to_string()),
        SitemapFile::Lists { l, chunk } => Some(format!("{}-lists-{chunk}", code(l))),
        SitemapFile::Year { l, year, chunk: 1 } => Some(format!("{}-{year:04}", code(l))),
        SitemapFile::Year { l, year, chunk } => Some(format!("{}-{year:04}-{chunk}", code(l))),
    };
    Route::Sitemap { part }
}

/// `/robots.txt`: every crawler may read everything, and the sitemap is at
/// `base_url`'s `sitemap.xml` (under a sub-path too; crawlers read robots.txt only at a
/// host's root, where a sub-path site's owner copies this line).
pub fn robots_text(reader: &Reader) -> String {
    let sitemap = reader.urls().absolute(&Route::Sitemap { part: None });
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n")
}

/// The text of a sitemap file.
pub fn sitemap_text(reader: &mut Reader, file: SitemapFile) -> String {
    let max = reader.config().sitemap.max_urls.max(1);
    let chunk_of = |chunk: u32| (chunk as usize - 1) * max;
    match file {
        SitemapFile::Index => {
            let mut index = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for part in reader.sitemap_parts() {
                let route = route(reader.config(), part);
                index.push_str("<sitemap><loc>");
                push_escaped(&mut index, &reader.urls().absolute(&route));
                index.push_str("</loc></sitemap>\n");
            }
            index.push_str("</sitemapindex>\n");
            index
        }
        SitemapFile::Whole => {
            let mut units = vec![Unit::Root];
            for l in 0..reader.config().languages.len() {
                let lang = l as Lang;
                units.push(Unit::Homes(lang));
                for a in reader.order() {
                    units.push(Unit::Announcement(lang, reader.id(a)));
                }
                units.push(Unit::TagIndex(lang));
                units.extend(reader.tag_ids(l).into_iter().map(|id| Unit::Tag(lang, id)));
                units.extend(other_lists(reader.config(), lang));
            }
            urlset(reader, &units, 0, usize::MAX)
        }
        SitemapFile::Lists { l, chunk } => {
            let mut units = Vec::new();
            if l == 0 {
                units.push(Unit::Root);
            }
            units.push(Unit::Homes(l));
            units.push(Unit::TagIndex(l));
            units.extend(
                reader
                    .tag_ids(l as usize)
                    .into_iter()
                    .map(|id| Unit::Tag(l, id)),
            );
            units.extend(other_lists(reader.config(), l));
            urlset(reader, &units, chunk_of(chunk), max)
        }
        SitemapFile::Year { l, year, chunk } => {
            let start = chunk_of(chunk);
            let items = reader.year(l as usize, year);
            let units: Vec<Unit> = items
                .iter()
                .skip(start)
                .take(max)
                .map(|&a| Unit::Announcement(l, reader.id(a)))
                .collect();
            urlset(reader, &units, 0, max)
        }
    }
}

/// The units of language `l`'s kind pages and archive pages.
fn other_lists(config: &Config, l: Lang) -> impl Iterator<Item = Unit> {
    let kinds = (0..config.kinds.len()).map(move |k| Unit::Kind(l, k as KindId));
    kinds.chain(config.archives.then_some(Unit::Archive(l)))
}

/// A `<urlset>` of the units' entries from the `skip`-th, at most `take` of them.
fn urlset(reader: &mut Reader, units: &[Unit], mut skip: usize, mut take: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // The units' entries first (built now where they are not yet), then the text at once.
    let outs = reader.units(units, entries);
    let mut chosen: Vec<&str> = Vec::new();
    for out in &outs {
        for entry in &out.entries {
            if take == 0 {
                break;
            }
            if skip > 0 {
                skip -= 1;
            } else {
                chosen.push(entry);
                take -= 1;
            }
        }
    }
    xml.reserve(chosen.iter().map(|e| e.len()).sum::<usize>() + 16);
    for entry in chosen {
        xml.push_str(entry);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// One `<url>` element.
fn entry(loc: &str, lastmod: Option<String>, alternates: &[(String, String)]) -> String {
    let mut xml = String::with_capacity(64 + loc.len() + alternates.len() * 96);
    xml.push_str("<url><loc>");
    push_escaped(&mut xml, loc);
    xml.push_str("</loc>");
    if let Some(lastmod) = lastmod {
        xml.push_str("<lastmod>");
        xml.push_str(&lastmod);
        xml.push_str("</lastmod>");
    }
    for (hreflang, href) in alternates {
        xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
        push_escaped(&mut xml, hreflang);
        xml.push_str("\" href=\"");
        push_escaped(&mut xml, href);
        xml.push_str("\"/>");
    }
    xml.push_str("</url>\n");
    xml
}

/// When announcement `a`'s page in language `l` last changed (its text's `updated` or `date`).
fn changed<'a>(reader: &mut Reader<'a>, l: usize, a: usize) -> &'a Date {
    let page = reader.shown(l, a);
    let (date, updated) = reader.dates(a, page.content);
    updated.unwrap_or(date)
}

/// The same route in every language, plus `x-default` (the default language's).
fn group(reader: &Reader, route: impl Fn(&str) -> Route) -> Vec<(String, String)> {
    let config = reader.config();
    let mut set: Vec<(String, String)> = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), reader.urls().absolute(&route(&l.code))))
        .collect();
    set.push((
        "x-default".into(),
        reader.urls().absolute(&route(&config.default_language)),
    ));
    set
}

/// The first home page in every language, with the chooser as `x-default`: the set
/// the chooser and every home page list, so the chooser's links are reciprocal too.
fn homes_group(reader: &Reader) -> Vec<(String, String)> {
    let mut set = group(reader, |code| Route::Home {
        lang: code.to_string(),
        page: 1,
    });
    if let Some(last) = set.last_mut() {
        last.1 = reader.urls().absolute(&Route::Root);
    }
    set
}

/// The entries of one unit.
fn entries(reader: &mut Reader, unit: Unit) -> Vec<String> {
    let code = |reader: &Reader, l: super::Lang| reader.language(l as usize).code.clone();
    match unit {
        Unit::Root => vec![entry(
            &reader.urls().absolute(&Route::Root),
            reader.newest_source().map(str::to_string),
            &homes_group(reader),
        )],
        Unit::Homes(lang) => {
            let l = lang as usize;
            let c = code(reader, lang);
            let lastmods = reader.lastmods(l, List::Home);
            let mut out = Vec::with_capacity(lastmods.len());
            for (i, lastmod) in lastmods.iter().enumerate() {
                let n = i + 1;
                let alternates = if n == 1 {
                    homes_group(reader)
                } else {
                    Vec::new()
                };
                let loc = reader.urls().absolute(&Route::Home {
                    lang: c.clone(),
                    page: n,
                });
                out.push(entry(&loc, lastmod.clone(), &alternates));
            }
            out
        }
        Unit::Announcement(lang, id) => {
            let l = lang as usize;
            let Some(a) = reader.index(id) else {
                return Vec::new();
            };
            if reader.shown(l, a).kind == PageKind::Fallback {
                return Vec::new();
            }
            let c = code(reader, lang);
            // Its real translations, and the source as x-default.
            let (versions, source_lang) = reader.versions(a);
            let mut alternates = Vec::with_capacity(versions.len() + 1);
            for other in versions {
                let route = reader.announcement_route(a, &other.code);
                alternates.push((other.code.clone(), reader.urls().absolute(&route)));
            }
            let route = reader.announcement_route(a, source_lang);
            alternates.push(("x-default".to_string(), reader.urls().absolute(&route)));
            let lastmod = changed(reader, l, a).ymd();
            let route = reader.announcement_route(a, &c);
            vec![entry(
                &reader.urls().absolute(&route),
                Some(lastmod),
                &alternates,
            )]
        }
        Unit::TagIndex(lang) => {
            let l = lang as usize;
            let alternates = group(reader, |code| Route::Tags {
                lang: code.to_string(),
            });
            let loc = reader.urls().absolute(&Route::Tags {
                lang: code(reader, lang),
            });
            let lastmod = reader.newest_change(l).map(str::to_string);
            vec![entry(&loc, lastmod, &alternates)]
        }
        Unit::Tag(lang, id) => {
            let Some(tag) = reader.tag_link_by_id(lang as usize, id) else {
                return Vec::new();
            };
            list_entries(reader, lang, List::Tag(id), &tag.id)
        }
        Unit::Kind(lang, k) => {
            // A kind with no announcement yet has a page, but nothing to index.
            if reader.count(lang as usize, List::Kind(k)) == 0 {
                return Vec::new();
            }
            let kind = reader.config().kinds[k as usize].clone();
            list_entries(reader, lang, List::Kind(k), &kind)
        }
        Unit::Archive(lang) => {
            let l = lang as usize;
            let c = code(reader, lang);
            let index = entry(
                &reader.urls().absolute(&Route::Archive { lang: c.clone() }),
                reader.newest_change(l).map(str::to_string),
                &group(reader, |code| Route::Archive {
                    lang: code.to_string(),
                }),
            );
            let years = reader.years(l);
            let lastmods = reader.archive_lastmods(l);
            let mut out = vec![index];
            for ((year, _), lastmod) in years.into_iter().zip(lastmods) {
                let alternates = group(reader, |code| Route::ArchiveYear {
                    lang: code.to_string(),
                    year,
                });
                let loc = reader.urls().absolute(&Route::ArchiveYear {
                    lang: c.clone(),
                    year,
                });
                out.push(entry(&loc, lastmod.clone(), &alternates));
            }
            out
        }
    }
}

/// The entries of the pages of a tag's or kind's list (`name`: its id) in a language.
fn list_entries(reader: &mut Reader, lang: Lang, list: List, name: &str) -> Vec<String> {
    let code = reader.language(lang as usize).code.clone();
    let lastmods = reader.lastmods(lang as usize, list);
    lastmods
        .iter()
        .enumerate()
        .map(|(i, lastmod)| {
            let (route, _) = super::labels::list_routes(list, name, &code, i + 1);
            entry(&reader.urls().absolute(&route), lastmod.clone(), &[])
        })
        .collect()
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
