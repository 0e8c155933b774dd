//! What a page's head says about it to search engines, link previews and news readers:
//! its description, Open Graph and Twitter values, and an announcement's JSON-LD
//! `NewsArticle`. Every value is computed here, through the [`Reader`], once per page.

use serde::Serialize;

use super::labels::{KindCtx, TagCtx};
use super::read::Reader;
use crate::content::Image;
use crate::date::Date;
use crate::i18n::strip_isolation;
use crate::urls::Route;

/// The share image of a page, as `og:image` gives it.
#[derive(Serialize, Debug, Clone)]
pub struct ImageCtx {
    /// Absolute URL.
    pub url: String,
    /// Width in pixels, when the file says.
    pub width: Option<u32>,
    /// Height in pixels, when the file says.
    pub height: Option<u32>,
    /// Text alternative.
    pub alt: String,
}

/// The head metadata of one page.
#[derive(Serialize, Debug, Clone)]
pub struct MetaCtx {
    /// `og:title`: the page's own title, without the site's name.
    pub title: String,
    /// `meta name="description"` and `og:description`.
    pub description: String,
    /// `og:type`: `article` on announcement pages, `website` elsewhere.
    pub og_type: &'static str,
    /// `og:url`: the canonical URL.
    pub url: String,
    /// `og:site_name`: the site's title in the page's language.
    pub site_name: String,
    /// `og:locale` (`en_US`): the page's language.
    pub locale: String,
    /// `og:locale:alternate`: the other languages the page exists in (real translations).
    pub locale_alternates: Vec<String>,
    /// `og:image`, with its size and alt text.
    pub image: Option<ImageCtx>,
    /// `article:published_time` (RFC 3339), on announcement pages.
    pub published_time: Option<String>,
    /// `article:modified_time` (RFC 3339), on announcement pages.
    pub modified_time: Option<String>,
    /// `article:tag`: the tags' labels in the page's language.
    pub tags: Vec<String>,
    /// `twitter:card`: `summary_large_image` with an image, else `summary`.
    pub twitter_card: &'static str,
    /// The JSON-LD of an announcement page, escaped for a `<script>` element.
    pub json_ld: Option<String>,
}

/// A message of page language `l` without isolation marks (for attributes and JSON).
fn plain(reader: &mut Reader, l: usize, id: &str) -> String {
    strip_isolation(&reader.translate(l, id))
}

/// The site's title in page language `l`.
pub fn site_name(reader: &mut Reader, l: usize) -> String {
    let key = reader.config().title_key.clone();
    plain(reader, l, &key)
}

/// The `og:locale` values of these language codes, without `own` and repeats.
fn locales<'s>(reader: &Reader, own: &str, codes: impl Iterator<Item = &'s str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in codes {
        let locale = match reader.config().language(code) {
            Some(lang) => lang.og_locale.clone(),
            None => crate::config::og_locale(code),
        };
        if locale != own && !out.contains(&locale) {
            out.push(locale);
        }
    }
    out
}

/// The default share image (`share_image:` in site.yaml, else the theme's `share.png`)
/// with the `share-image-alt` message of page language `l`; none if there is no such file.
fn default_image(reader: &mut Reader, l: usize) -> Option<ImageCtx> {
    let path = reader
        .config()
        .share_image
        .as_deref()
        .unwrap_or("/share.png")
        .trim_start_matches('/')
        .to_string();
    let (width, height) = reader.static_size(&path)?;
    Some(ImageCtx {
        url: reader.urls().absolute(&Route::Asset { path }),
        width: Some(width),
        height: Some(height),
        alt: plain(reader, l, "share-image-alt"),
    })
}

/// An announcement's own image, shown on its page in language `code`.
fn own_image(reader: &mut Reader, a: usize, code: &str, image: &Image, alt: &str) -> ImageCtx {
    let (url, size) = if image.src.contains("://") {
        (image.src.clone(), None)
    } else if let Some(path) = image.src.strip_prefix('/') {
        let size = reader.static_size(path);
        let url = reader.urls().absolute(&Route::Asset {
            path: path.to_string(),
        });
        (url, size)
    } else {
        let size = reader.bundle_size(a, &image.src, code);
        let route = Route::BundleFile {
            lang: code.to_string(),
            slug: reader.slug(a, code).to_string(),
            file: image.src.clone(),
        };
        (reader.urls().absolute(&route), size)
    };
    ImageCtx {
        url,
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
        alt: image.alt.clone().unwrap_or_else(|| alt.to_string()),
    }
}

/// The metadata of a page that is not an announcement: the chooser, lists, the tag
/// index, 404 pages. `alternates` are the page's hreflang languages.
pub fn page_meta(
    reader: &mut Reader,
    l: usize,
    title: String,
    description: String,
    url: String,
    alternates: &[String],
) -> MetaCtx {
    let own = reader.language(l).og_locale.clone();
    let image = default_image(reader, l);
    MetaCtx {
        title,
        description,
        og_type: "website",
        url,
        site_name: site_name(reader, l),
        locale_alternates: locales(reader, &own, alternates.iter().map(String::as_str)),
        locale: own,
        twitter_card: if image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
        image,
        published_time: None,
        modified_time: None,
        tags: Vec::new(),
        json_ld: None,
    }
}

/// The site's description in page language `l` (`site-description`).
pub fn site_description(reader: &mut Reader, l: usize) -> String {
    plain(reader, l, "site-description")
}

/// A message with string arguments, in page language `l`, without isolation marks.
pub fn message(reader: &mut Reader, l: usize, id: &str, args: &[(&str, &str)]) -> String {
    strip_isolation(&reader.translate_with(l, id, args))
}

/// What an announcement page shows, for its metadata.
pub struct Shown<'a> {
    /// Page language index.
    pub l: usize,
    /// Announcement index.
    pub a: usize,
    /// The translation shown.
    pub t: usize,
    /// The language of its text.
    pub content_lang: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its summary.
    pub summary: &'a str,
    /// Its `date`.
    pub date: &'a Date,
    /// Its `updated`.
    pub updated: Option<&'a Date>,
    /// Its tags, with labels in the page's language.
    pub tags: &'a [TagCtx],
    /// The languages the announcement exists in.
    pub versions: Vec<&'a str>,
    /// The canonical URL (the original's, on a fallback page).
    pub canonical: String,
}

/// The metadata of an announcement page, with its JSON-LD `NewsArticle`.
pub fn announcement_meta(reader: &mut Reader, page: &Shown) -> MetaCtx {
    let l = page.l;
    let code = reader.language(l).code.clone();
    let own = reader.language(l).og_locale.clone();
    let image = match reader.image(page.a, page.t) {
        Some(image) => Some(own_image(reader, page.a, &code, image, page.title)),
        None => default_image(reader, l),
    };
    let description = if page.summary.is_empty() {
        site_description(reader, l)
    } else {
        page.summary.to_string()
    };
    let site_name = site_name(reader, l);
    let modified = page.updated.unwrap_or(page.date).rfc3339.clone();
    let tags: Vec<String> = page.tags.iter().map(|t| t.label.clone()).collect();
    let home = reader.urls().absolute(&Route::Home {
        lang: code.clone(),
        page: 1,
    });
    let organization = serde_json::json!({
        "@type": "Organization",
        "name": site_name,
        "url": home,
    });
    let mut article = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": description,
        "datePublished": page.date.rfc3339,
        "dateModified": modified,
        "inLanguage": page.content_lang,
        "mainEntityOfPage": { "@type": "WebPage", "@id": page.canonical },
        "url": page.canonical,
        "publisher": organization,
        "author": organization,
    });
    if let Some(image) = &image {
        let mut object = serde_json::json!({ "@type": "ImageObject", "url": image.url });
        if let (Some(w), Some(h)) = (image.width, image.height) {
            object["width"] = w.into();
            object["height"] = h.into();
        }
        article["image"] = object;
    }
    if !tags.is_empty() {
        article["keywords"] = tags.clone().into();
    }
    MetaCtx {
        title: page.title.to_string(),
        description,
        og_type: "article",
        url: page.canonical.clone(),
        locale_alternates: locales(reader, &own, page.versions.iter().copied()),
        locale: own,
        site_name,
        twitter_card: if image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
        image,
        published_time: Some(page.date.rfc3339.clone()),
        modified_time: Some(modified),
        tags,
        json_ld: Some(script_safe_json(&article)),
    }
}

/// JSON that can sit inside `<script type="application/ld+json">`: `<`, `>` and `&` are
/// written as `\u003c`, `\u003e`, `\u0026` (and U+2028/U+2029 escaped), so no text can
/// close the element (`</script>`) or open a comment (`<!--`); it parses to the same value.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    // Most texts have none of these (U+2028 and U+2029 begin with the byte 0xE2).
    if !text.bytes().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The kind of translation `t` of announcement `a`, as page language `l` shows it.
pub(super) fn kind_of(reader: &mut Reader, l: usize, a: usize, t: usize) -> Option<KindCtx> {
    let kind = reader.kind(a, t)?;
    reader.kind_link(l, kind)
}

/// The heading and description of a tag's or kind's list in language `l` (`None` for
/// the home list).
pub(super) fn list_heading(
    reader: &mut Reader,
    l: usize,
    tag: Option<&TagCtx>,
    kind: Option<&KindCtx>,
) -> Option<(String, String)> {
    let (heading, description, name, label) = match (tag, kind) {
        (Some(tag), _) => ("tag-list-heading", "tag-description", "tag", &tag.label),
        (_, Some(kind)) => ("kind-list-heading", "kind-description", "kind", &kind.label),
        _ => return None,
    };
    Some((
        message(reader, l, heading, &[(name, label)]),
        message(reader, l, description, &[(name, label)]),
    ))
}

#[cfg(test)]
mod tests {
    use super::script_safe_json;

    #[test]
    fn json_for_a_script_element_cannot_close_it_and_parses_the_same() {
        let value = serde_json::json!({ "headline": "</script><script>alert(1)</script> <!-- & -->\u{2028}" });
        let text = script_safe_json(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
        // A line separator alone is escaped too; a text with nothing to escape is
        // serde_json's, unchanged.
        let separator = serde_json::json!({ "headline": "a\u{2028}b" });
        assert_eq!(script_safe_json(&separator), "{\"headline\":\"a\\u2028b\"}");
        let plain = serde_json::json!({ "headline": "Übersicht — 2026" });
        assert_eq!(
            script_safe_json(&plain),
            serde_json::to_string(&plain).unwrap()
        );
    }
}
