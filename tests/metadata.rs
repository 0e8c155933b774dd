//! What each kind of page says in its head to search engines, link previews and news
//! readers: the description, Open Graph and Twitter values, JSON-LD, hreflang;
//! `robots.txt`; share images and their errors. The heads are parsed and compared with
//! the exact values expected.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::TestSite;

/// A PNG of this size (only its header is read, but it is a whole, valid file).
fn png(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        out.extend(crc32(&out[start..]).to_be_bytes());
    }
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    // One black row repeated: stored (uncompressed) deflate blocks are enough here.
    let row = width as usize + 1;
    let raw = vec![0u8; row * height as usize];
    let mut z = vec![0x78, 0x01];
    let mut blocks = raw.chunks(65_535).peekable();
    while let Some(block) = blocks.next() {
        z.push(u8::from(blocks.peek().is_none()));
        z.extend((block.len() as u16).to_le_bytes());
        z.extend((!(block.len() as u16)).to_le_bytes());
        z.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// What a page's head says: `<meta>` values by name or property (in order, repeated
/// ones kept), `<link>`s, and the JSON-LD.
#[derive(Debug, Default)]
struct Head {
    meta: Vec<(String, String)>,
    links: Vec<BTreeMap<String, String>>,
    json_ld: Vec<String>,
}

impl Head {
    fn all(&self, key: &str) -> Vec<&str> {
        self.meta
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn one(&self, key: &str) -> &str {
        match self.all(key)[..] {
            [one] => one,
            ref other => panic!("{key}: {other:?}"),
        }
    }

    fn set(&self, key: &str) -> BTreeSet<&str> {
        self.all(key).into_iter().collect()
    }

    /// hreflang → href.
    fn alternates(&self) -> BTreeMap<String, String> {
        self.links
            .iter()
            .filter(|l| l.get("rel").map(String::as_str) == Some("alternate"))
            .filter_map(|l| Some((l.get("hreflang")?.clone(), l.get("href")?.clone())))
            .collect()
    }

    fn canonical(&self) -> &str {
        self.links
            .iter()
            .find(|l| l.get("rel").map(String::as_str) == Some("canonical"))
            .and_then(|l| l.get("href"))
            .expect("a canonical link")
    }

    fn article(&self) -> serde_json::Value {
        assert_eq!(self.json_ld.len(), 1, "{:?}", self.json_ld);
        serde_json::from_str(&self.json_ld[0])
            .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}: {}", self.json_ld[0]))
    }
}

/// Character references of attribute values, as Tera writes them.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The attributes of one tag (`<meta property="og:title" content="…">`).
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = tag.trim_start_matches('<');
    rest = rest.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_string();
        let value_end = rest[eq + 2..].find('"').expect("a closing quote") + eq + 2;
        out.insert(name, unescape(&rest[eq + 2..value_end]));
        rest = &rest[value_end + 1..];
    }
    out
}

fn head(html: &str) -> Head {
    let head = &html[..html.find("</head>").expect("a head")];
    let mut out = Head::default();
    let mut rest = head;
    while let Some(start) = rest.find('<') {
        let after = &rest[start..];
        if let Some(script) = after.strip_prefix("<script type=\"application/ld+json\">") {
            let end = script.find("</script>").expect("the script ends");
            out.json_ld.push(script[..end].to_string());
            rest = &script[end..];
            continue;
        }
        let end = after.find('>').expect("the tag ends");
        let tag = &after[..end];
        let attrs = attributes(tag);
        if tag.starts_with("<meta ") {
            if let (Some(key), Some(content)) = (
                attrs.get("property").or_else(|| attrs.get("name")),
                attrs.get("content"),
            ) {
                out.meta.push((key.clone(), content.clone()));
            }
        } else if tag.starts_with("<link ") {
            out.links.push(attrs);
        }
        rest = &after[end..];
    }
    out
}

/// A site with a bundle announcement in en (the source, with an image), fr and pt; an
/// announcement only in Spanish; and a tag only the French translation has.
fn site() -> TestSite {
    let site = TestSite::new();
    site.announcement(
        "2015-10-30-oas/index.en.md",
        "---\ntitle: ICANN & OAS <sign>\ndate: 2015-10-30\nupdated: 2015-11-02T10:30:00+01:00\nsummary: They signed a memorandum.\ntags: [security]\nimage: { src: map.png, alt: A map of the region }\n---\nText.\n\n![The region](map.png)\n",
    );
    site.announcement(
        "2015-10-30-oas/index.fr.md",
        "---\ntitle: L’ICANN et l’OEA\nsummary: Ils ont signé.\ntags: [security, europe]\n---\nTexte.\n\n![La région](map.png)\n",
    );
    site.announcement(
        "2015-10-30-oas/index.pt.md",
        "---\ntitle: A ICANN e a OEA\n---\nTexto.\n",
    );
    site.write_bytes(
        "content/announcements/2015-10-30-oas/map.png",
        &png(800, 400),
    );
    site.announcement(
        "2020-03-16-solo.es.md",
        "---\ntitle: Solo en español\ndate: 2020-03-16\ntags: [security]\n---\nUna jornada.\n",
    );
    site.write(
        "locales/fr/site.ftl",
        "tag-security = Sécurité\ntag-europe = Europe\n",
    );
    site
}

const EN_OAS: &str = "https://example.org/en/announcements/oas/";

#[test]
fn a_translated_announcement_says_what_it_is_in_every_format() {
    let site = site();
    site.build_ok();
    let html = site.output("en/announcements/oas/index.html");
    let h = head(&html);
    assert_eq!(h.one("description"), "They signed a memorandum.");
    assert_eq!(h.one("og:description"), "They signed a memorandum.");
    assert_eq!(h.one("og:title"), "ICANN & OAS <sign>");
    assert_eq!(h.one("og:type"), "article");
    assert_eq!(h.one("og:url"), EN_OAS);
    assert_eq!(h.canonical(), EN_OAS);
    assert_eq!(h.one("og:site_name"), "Announcements");
    assert_eq!(h.one("og:locale"), "en_US");
    assert_eq!(
        h.set("og:locale:alternate"),
        BTreeSet::from(["fr_FR", "pt_BR"])
    );
    assert_eq!(h.one("og:image"), format!("{EN_OAS}map.png"));
    assert_eq!(h.one("og:image:width"), "800");
    assert_eq!(h.one("og:image:height"), "400");
    assert_eq!(h.one("og:image:alt"), "A map of the region");
    assert_eq!(h.one("article:published_time"), "2015-10-30T00:00:00Z");
    assert_eq!(h.one("article:modified_time"), "2015-11-02T10:30:00+01:00");
    assert_eq!(h.all("article:tag"), ["security"]);
    assert_eq!(h.one("twitter:card"), "summary_large_image");
    assert_eq!(h.one("color-scheme"), "light dark");
    assert_eq!(h.all("theme-color").len(), 2);
    // hreflang: the real translations and the source as x-default.
    let alternates = h.alternates();
    assert_eq!(
        alternates,
        BTreeMap::from([
            ("en".to_string(), EN_OAS.to_string()),
            (
                "fr".to_string(),
                "https://example.org/fr/announcements/oas/".to_string()
            ),
            (
                "pt".to_string(),
                "https://example.org/pt/announcements/oas/".to_string()
            ),
            ("x-default".to_string(), EN_OAS.to_string()),
        ])
    );
    let article = h.article();
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "ICANN & OAS <sign>");
    assert_eq!(article["description"], "They signed a memorandum.");
    assert_eq!(article["datePublished"], "2015-10-30T00:00:00Z");
    assert_eq!(article["dateModified"], "2015-11-02T10:30:00+01:00");
    assert_eq!(article["inLanguage"], "en");
    assert_eq!(article["mainEntityOfPage"]["@id"], EN_OAS);
    assert_eq!(article["publisher"]["@type"], "Organization");
    assert_eq!(article["publisher"]["name"], "Announcements");
    assert_eq!(article["image"]["url"], format!("{EN_OAS}map.png"));
    assert_eq!(article["image"]["width"], 800);
    assert_eq!(article["image"]["height"], 400);
    assert_eq!(article["keywords"], serde_json::json!(["security"]));
    // The script's text cannot close it: `<`, `>` and `&` are escaped.
    assert!(!h.json_ld[0].contains(['<', '>', '&']), "{}", h.json_ld[0]);
    // The Markdown image has its size.
    assert!(
        html.contains(r#"<img src="map.png" alt="The region" width="800" height="400" />"#),
        "{html}"
    );
}

#[test]
fn a_translation_has_its_language_and_labels_and_inherits_the_image() {
    let site = site();
    site.build_ok();
    let h = head(&site.output("fr/announcements/oas/index.html"));
    assert_eq!(h.one("og:locale"), "fr_FR");
    assert_eq!(
        h.set("og:locale:alternate"),
        BTreeSet::from(["en_US", "pt_BR"])
    );
    assert_eq!(h.one("description"), "Ils ont signé.");
    assert_eq!(h.set("article:tag"), BTreeSet::from(["Europe", "Sécurité"]));
    assert_eq!(
        h.one("og:image"),
        "https://example.org/fr/announcements/oas/map.png"
    );
    // The inherited image keeps its alt text.
    assert_eq!(h.one("og:image:alt"), "A map of the region");
    let article = h.article();
    assert_eq!(article["inLanguage"], "fr");
    assert_eq!(article["headline"], "L’ICANN et l’OEA");
    assert_eq!(article["publisher"]["name"], "Communiqués");
    assert_eq!(h.alternates().len(), 4);
}

#[test]
fn a_fallback_page_has_no_alternates_and_says_the_language_of_its_content() {
    let site = site();
    site.build_ok();
    let h = head(&site.output("zh/announcements/oas/index.html"));
    assert_eq!(h.canonical(), EN_OAS);
    assert!(h.alternates().is_empty(), "{:?}", h.alternates());
    assert_eq!(h.one("og:url"), EN_OAS);
    assert_eq!(h.one("og:locale"), "zh_CN");
    // The real translations, all of them (none is this page's language).
    assert_eq!(
        h.set("og:locale:alternate"),
        BTreeSet::from(["en_US", "fr_FR", "pt_BR"])
    );
    assert_eq!(h.one("og:site_name"), "公告");
    let article = h.article();
    assert_eq!(article["inLanguage"], "en");
    assert_eq!(article["headline"], "ICANN & OAS <sign>");
    assert_eq!(article["mainEntityOfPage"]["@id"], EN_OAS);
    // The bundle is copied beside every language's page: the image is this page's.
    assert_eq!(
        h.one("og:image"),
        "https://example.org/zh/announcements/oas/map.png"
    );
    assert!(site.has_output("zh/announcements/oas/map.png"));

    // An announcement only in Spanish, on an English page: the theme's share image.
    let h = head(&site.output("en/announcements/solo/index.html"));
    assert_eq!(h.canonical(), "https://example.org/es/announcements/solo/");
    assert!(h.alternates().is_empty());
    assert_eq!(h.set("og:locale:alternate"), BTreeSet::from(["es_ES"]));
    assert_eq!(h.one("og:image"), "https://example.org/share.png");
    assert_eq!(h.one("og:image:width"), "1200");
    assert_eq!(h.one("og:image:height"), "630");
    assert!(h.one("og:image:alt").starts_with("A speech bubble"));
    // No summary written: the first paragraph.
    assert_eq!(h.one("description"), "Una jornada.");
    let article = h.article();
    assert_eq!(article["inLanguage"], "es");
    assert_eq!(article["image"]["url"], "https://example.org/share.png");
    for field in [
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "inLanguage",
        "publisher",
        "mainEntityOfPage",
        "image",
    ] {
        assert!(!article[field].is_null(), "{field}: {article}");
    }
}

#[test]
fn lists_the_tag_index_the_chooser_and_404_pages_are_websites() {
    let site = site();
    site.build_ok();
    let homes: BTreeMap<String, String> = ["en", "zh", "ar", "es", "fr", "ru", "pt"]
        .iter()
        .map(|l| (l.to_string(), format!("https://example.org/{l}/")))
        .chain([("x-default".to_string(), "https://example.org/".to_string())])
        .collect();
    // The chooser is the x-default of the home pages: the same set everywhere.
    for page in ["index.html", "en/index.html", "ar/index.html"] {
        let h = head(&site.output(page));
        assert_eq!(h.alternates(), homes, "{page}");
        assert_eq!(h.one("og:type"), "website", "{page}");
        assert!(h.json_ld.is_empty(), "{page}");
        assert!(h.all("article:published_time").is_empty(), "{page}");
        assert_eq!(h.one("og:image"), "https://example.org/share.png");
    }
    let h = head(&site.output("en/index.html"));
    assert_eq!(
        h.one("description"),
        "The latest announcements, news and public consultations, in every language of the site."
    );
    assert_eq!(h.one("og:title"), "Announcements");
    assert_eq!(h.one("og:locale"), "en_US");
    assert_eq!(
        h.set("og:locale:alternate"),
        BTreeSet::from(["ar_EG", "es_ES", "fr_FR", "pt_BR", "ru_RU", "zh_CN"])
    );
    let h = head(&site.output("ar/index.html"));
    assert_eq!(h.one("og:locale"), "ar_EG");
    assert_eq!(h.one("og:site_name"), "الإعلانات");

    let h = head(&site.output("fr/tags/security/index.html"));
    assert_eq!(h.one("og:title"), "Communiqués sur le thème Sécurité");
    assert_eq!(
        h.one("description"),
        "Tous les communiqués sur le thème Sécurité, du plus récent au plus ancien."
    );
    assert_eq!(h.alternates().len(), 8, "{:?}", h.alternates());
    // A tag that only the French translation has: only French has its page.
    let h = head(&site.output("fr/tags/europe/index.html"));
    assert_eq!(
        h.alternates(),
        BTreeMap::from([(
            "fr".to_string(),
            "https://example.org/fr/tags/europe/".to_string()
        )])
    );
    assert!(h.all("og:locale:alternate").is_empty());
    assert!(!site.has_output("en/tags/europe/index.html"));

    let h = head(&site.output("zh/tags/index.html"));
    assert_eq!(h.one("og:title"), "主题");
    assert!(!h.one("description").is_empty());
    let h = head(&site.output("es/404.html"));
    assert!(h.alternates().is_empty());
    assert_eq!(h.one("og:locale"), "es_ES");
    assert!(!h.one("description").is_empty());
}

#[test]
fn the_sitemap_has_the_same_hreflang_sets_as_the_pages() {
    let site = site();
    site.build_ok();
    let sitemap = site.output("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let entry = |loc: &str| -> BTreeMap<String, String> {
        let url = doc
            .descendants()
            .find(|n| {
                n.has_tag_name("url")
                    && n.children()
                        .any(|c| c.has_tag_name("loc") && c.text() == Some(loc))
            })
            .unwrap_or_else(|| panic!("{loc} is in the sitemap"));
        url.children()
            .filter(|c| c.has_tag_name("link"))
            .map(|c| {
                (
                    c.attribute("hreflang").unwrap().to_string(),
                    c.attribute("href").unwrap().to_string(),
                )
            })
            .collect()
    };
    for (loc, page) in [
        ("https://example.org/", "index.html"),
        ("https://example.org/zh/", "zh/index.html"),
        (EN_OAS, "en/announcements/oas/index.html"),
    ] {
        assert_eq!(entry(loc), head(&site.output(page)).alternates(), "{loc}");
    }
    // Fallback pages are not in the sitemap.
    assert!(!sitemap.contains("https://example.org/zh/announcements/oas/"));
}

#[test]
fn robots_txt_names_the_sitemap_under_the_base_url() {
    let site = TestSite::with_config(
        &common::CONFIG.replace("https://example.org", "https://example.org/news/"),
    );
    site.announcement("a.en.md", &common::simple("A", "2020-01-01"));
    site.build_ok();
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\n"
    );
    // A site that writes its own keeps it.
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    site.build_ok();
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
}

#[test]
fn the_share_image_can_be_the_sites_own_or_a_site_path() {
    let site = TestSite::with_config(&format!("{}share_image: /img/card.png\n", common::CONFIG));
    site.write_bytes("static/img/card.png", &png(600, 315));
    site.write_bytes("static/img/photo.png", &png(320, 200));
    site.announcement("a.en.md", &common::simple("A", "2020-01-01"));
    site.announcement(
        "b.en.md",
        "---\ntitle: B\ndate: 2020-01-02\nimage: /img/photo.png\n---\n![A photo](/img/photo.png)\n",
    );
    site.write("locales/en/site.ftl", "share-image-alt = Our card\n");
    site.build_ok();
    let h = head(&site.output("en/announcements/a/index.html"));
    assert_eq!(h.one("og:image"), "https://example.org/img/card.png");
    assert_eq!(h.one("og:image:width"), "600");
    assert_eq!(h.one("og:image:height"), "315");
    assert_eq!(h.one("og:image:alt"), "Our card");
    let html = site.output("en/announcements/b/index.html");
    let h = head(&html);
    assert_eq!(h.one("og:image"), "https://example.org/img/photo.png");
    assert_eq!(h.one("og:image:width"), "320");
    assert_eq!(h.one("og:image:alt"), "B");
    assert!(
        html.contains(r#"<img src="/img/photo.png" alt="A photo" width="320" height="200" />"#),
        "{html}"
    );
}

#[test]
fn share_images_that_do_not_exist_or_are_not_images_are_errors() {
    let site = TestSite::with_config(&format!("{}share_image: /img/none.png\n", common::CONFIG));
    site.announcement(
        "a.en.md",
        "---\ntitle: A\ndate: 2020-01-01\nimage: map.png\n---\n",
    );
    site.announcement(
        "b.en.md",
        "---\ntitle: B\ndate: 2020-01-01\nimage: /img/missing.png\n---\n",
    );
    site.announcement(
        "c.en.md",
        "---\ntitle: C\ndate: 2020-01-01\nimage: \"javascript:alert(1)\"\n---\n",
    );
    site.announcement(
        "w/index.en.md",
        "---\ntitle: W\ndate: 2020-01-01\nimage: gone.png\n---\n",
    );
    site.announcement("w/here.png", "not really");
    let errors = site.build_err();
    assert_eq!(
        errors,
        [
            "content/announcements/a.en.md:4:1: error: `image` `map.png` names a bundle file, but this announcement is not a bundle (a folder with index.<lang>.md); use a path from the site root such as /images/x.png",
            "content/announcements/b.en.md:4:1: error: `image` `/img/missing.png` is not a file of static/ or of the theme's static/ (a path from the site root names one of those)",
            "content/announcements/c.en.md:4:8: error: `image` `javascript:alert(1)` must be a file of the announcement's bundle (map.png), a path from the site root (/images/map.png) or an http(s) URL, not a `javascript:` URL",
            "content/announcements/w/index.en.md:4:1: error: `image` `gone.png` is not a file of this announcement's bundle folder",
            "site.yaml:13:1: error: share_image: `/img/none.png` is not a file of static/ or of the theme's static/",
        ]
    );
}
