//! herald's patch of Pagefind (`vendor/pagefind/PATCH.md`): a streaming index, which
//! takes each page's words as the page is added instead of keeping the pages, gives the
//! files the same pages give when added and built the usual way — byte for byte, through
//! the cases where the two could part: meta fields that differ from page to page (their
//! ids are renumbered at the end), words with diacritics in titles and bodies (variants),
//! filters, sort keys, anchors, the same text under two URLs, pages without a
//! `data-pagefind-body` element before and after the first page with one, and pages
//! without words.

mod common;

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

fn index() -> PagefindIndex {
    let options = PagefindServiceConfig::builder()
        .force_language("fr".to_string())
        .build();
    PagefindIndex::new(Some(options)).unwrap()
}

/// The pages, in the order they are added: (URL, HTML).
fn pages() -> Vec<(String, String)> {
    let page = |body: &str| {
        format!("<!doctype html><html lang=\"fr\"><head><title>t</title></head><body>{body}</body></html>")
    };
    vec![
        // Before any page has a data-pagefind-body element: left out once one has.
        ("/fr/avant/".into(), page("<h1>Café d'avant</h1><p>Une réunion au café, résumé.</p>")),
        ("/fr/a/".into(), page("<main data-pagefind-body><h1>Élection à Genève</h1><p>Le résumé de l'élection : une île, un côté, des élèves.</p><h2 id=\"suite\">La suite</h2><p>Ensuite, la réunion.</p></main>")),
        ("/fr/b/".into(), page("<main data-pagefind-body data-pagefind-filter=\"genre:avis\" data-pagefind-sort=\"date:2024-03-02\"><h1 data-pagefind-meta=\"auteur\">Anne Lévêque</h1><p data-pagefind-meta=\"lieu\">Genève</p><p>Élection, élèves et réunion: la cafe et le café.</p></main>")),
        // Outside the body: not indexed.
        ("/fr/sans-corps/".into(), page("<h1>Sans corps</h1><p>Ce texte n'est pas pris.</p>")),
        ("/fr/c/".into(), page("<main data-pagefind-body data-pagefind-filter=\"genre:communiqué\" data-pagefind-sort=\"date:2023-12-31\"><h1>Genève, côte et île</h1><img data-pagefind-meta=\"image[src]\" src=\"/c.png\" alt=\"\"><p>Un côté du lac; cote et ile sans accents.</p></main>")),
        // The same text under another URL (a fragment of its own: the URL is in it).
        ("/fr/a-bis/".into(), page("<main data-pagefind-body><h1>Élection à Genève</h1><p>Le résumé de l'élection : une île, un côté, des élèves.</p><h2 id=\"suite\">La suite</h2><p>Ensuite, la réunion.</p></main>")),
        // No words: left out.
        ("/fr/vide/".into(), page("<main data-pagefind-body></main>")),
        ("/fr/d/".into(), page("<main data-pagefind-body data-pagefind-filter=\"genre:avis\"><h1 data-pagefind-meta=\"auteur\">Zoé</h1><p>Dernière réunion, à l'école.</p></main>")),
    ]
}

fn sorted(mut files: Vec<SyntheticFile>) -> Vec<(String, Vec<u8>)> {
    files.sort_by(|a, b| a.filename.cmp(&b.filename));
    files
        .into_iter()
        .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
        .collect()
}

/// The first fragment (a page's record) among an index's files, unpacked.
fn first_fragment(files: &[(String, Vec<u8>)]) -> serde_json::Value {
    let fragment = files
        .iter()
        .find(|f| f.0.starts_with("fragment/"))
        .expect("a fragment");
    serde_json::from_slice(&common::search::unpack(&fragment.1)).unwrap()
}

/// The files of an index given `pages`: a streaming one built with `take_files`, or the
/// usual one built with `get_files`.
fn build(pages: &[(String, String)], stream: bool) -> Vec<(String, Vec<u8>)> {
    runtime().block_on(async {
        let mut index = index();
        if stream {
            index.stream().await.unwrap();
        }
        for (url, html) in pages {
            index
                .add_html_file(None, Some(url.clone()), html.clone())
                .await
                .unwrap();
        }
        let files = if stream {
            index.take_files().await
        } else {
            index.get_files().await
        };
        sorted(files.unwrap())
    })
}

fn usual(pages: &[(String, String)]) -> Vec<(String, Vec<u8>)> {
    build(pages, false)
}

fn streamed(pages: &[(String, String)]) -> Vec<(String, Vec<u8>)> {
    build(pages, true)
}

fn assert_same(pages: &[(String, String)]) {
    let usual = usual(pages);
    let streamed = streamed(pages);
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&streamed), names(&usual));
    for (s, u) in streamed.iter().zip(&usual) {
        assert!(s.1 == u.1, "{} differs", s.0);
    }
    // The index has pages (not only the scripts).
    assert!(
        usual.iter().any(|f| f.0.starts_with("fragment/")),
        "{:?}",
        names(&usual)
    );
}

#[test]
fn a_streaming_index_gives_the_bytes_of_the_usual_one() {
    assert_same(&pages());
}

#[test]
fn without_any_body_element_every_page_is_indexed_alike() {
    let pages: Vec<(String, String)> = pages()
        .into_iter()
        .map(|(url, html)| (url, html.replace(" data-pagefind-body", "")))
        .collect();
    assert_same(&pages);
    // And in another order (meta fields first seen in another order).
    let mut reversed = pages;
    reversed.reverse();
    assert_same(&reversed);
}

#[test]
fn the_usual_index_and_take_files_agree() {
    let pages = pages();
    let taken = runtime().block_on(async {
        let mut index = index();
        for (url, html) in &pages {
            index
                .add_html_file(None, Some(url.clone()), html.clone())
                .await
                .unwrap();
        }
        sorted(index.take_files().await.unwrap())
    });
    assert!(taken == usual(&pages));
}

#[test]
fn a_streaming_index_refuses_a_page_given_twice() {
    runtime().block_on(async {
        let mut index = index();
        index.stream().await.unwrap();
        let page = "<html lang=\"fr\"><body><p>Bonjour</p></body></html>".to_string();
        index
            .add_html_file(None, Some("/fr/x/".into()), page.clone())
            .await
            .unwrap();
        let err = index
            .add_html_file(None, Some("/fr/x/".into()), page)
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("/fr/x/: a page was given twice"),
            "{err}"
        );
        // And it streams only from the start.
        let mut late = self::index();
        late.add_html_file(
            None,
            Some("/fr/y/".into()),
            "<html lang=\"fr\"><body><p>Salut</p></body></html>".into(),
        )
        .await
        .unwrap();
        assert!(late.stream().await.is_err());
    });
}

/// herald's patch reads an element's attributes in one pass: as `get_attribute` did,
/// names match whatever their case, and of two attributes of one name the first counts.
#[test]
fn attributes_are_read_in_any_case_and_the_first_of_a_name_counts() {
    let html = "<!doctype html><html lang=\"fr\"><head><title>t</title></head><body>\
        <main DATA-PAGEFIND-BODY Data-Pagefind-Filter=\"genre:avis\" data-pagefind-filter=\"genre:autre\">\
        <h1 data-pagefind-meta=\"auteur\" DATA-PAGEFIND-META=\"lieu\">Zoé</h1>\
        <p data-pagefind-ignore>Caché ici.</p>\
        <h2 ID=\"premier\" id=\"second\">Réunion</h2><p>Dernière réunion, à l'école.</p>\
        </main><p>Dehors, pas pris.</p></body></html>";
    let fragment = first_fragment(&build(&[("/fr/z/".to_string(), html.to_string())], true));
    assert_eq!(
        fragment["filters"],
        serde_json::json!({ "genre": ["avis"] })
    );
    assert_eq!(fragment["meta"]["auteur"], "Zoé");
    assert!(fragment["meta"].get("lieu").is_none(), "{fragment}");
    let content = fragment["content"].as_str().unwrap();
    assert!(content.contains("Dernière réunion"), "{content}");
    assert!(
        !content.contains("Caché") && !content.contains("Dehors"),
        "{content}"
    );
    let anchors = fragment["anchors"].as_array().unwrap();
    assert_eq!(anchors.len(), 1, "{fragment}");
    assert_eq!(anchors[0]["id"], "premier");
    assert_eq!(anchors[0]["element"], "h2");
}

/// herald's patch gzips Pagefind's files with one compressor per thread, reset between
/// files: each file is byte for byte what a new `GzEncoder` at Pagefind's level (6) makes
/// of its contents, small and large (past the encoder's 32 KiB buffer), many on a thread.
#[test]
fn each_file_is_gzipped_as_a_new_encoder_would() {
    use std::io::Write;
    let long: String = (0..4000)
        .map(|i| {
            format!(
                "Réunion {i} au café de Genève, élèves et écoles {}. ",
                i * 7919 % 1000
            )
        })
        .collect();
    let mut all = pages();
    all.push((
        "/fr/long/".into(),
        format!("<html lang=\"fr\"><body><main data-pagefind-body><h1>Long</h1><p>{long}</p></main></body></html>"),
    ));
    for stream in [true, false] {
        let files = build(&all, stream);
        let mut gzipped = 0;
        for (name, bytes) in &files {
            // Pagefind's own files (the wasm) come gzipped as published.
            let made = [".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"];
            if !made.iter().any(|end| name.ends_with(end)) {
                continue;
            }
            gzipped += 1;
            let contents = common::search::unpack(bytes);
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
            gz.write_all(b"pagefind_dcd").unwrap();
            gz.write_all(&contents).unwrap();
            assert!(
                gz.finish().unwrap() == *bytes,
                "{name} is not gzipped as GzEncoder would"
            );
        }
        assert!(gzipped > 8, "{gzipped} gzipped files");
        assert!(
            files
                .iter()
                .any(|(name, bytes)| name.starts_with("fragment/")
                    && common::search::unpack(bytes).len() > 64 << 10),
            "no fragment larger than the encoder's buffer"
        );
    }
}

/// Pagefind's `normalize_content` as published (three regular expressions), which
/// herald's patch does in one pass.
fn normalized_upstream(text: &str) -> String {
    let text = html_escape_decode(text);
    let text = regex::Regex::new("^[\n\r\\s]+|[\n\r\\s]+$")
        .unwrap()
        .replace_all(&text, "")
        .to_string();
    let text = regex::Regex::new("(\n|\r\n)+")
        .unwrap()
        .replace_all(&text, " ")
        .to_string();
    regex::Regex::new("\\s{2,}")
        .unwrap()
        .replace_all(&text, " ")
        .to_string()
}

/// The entities the titles below use.
fn html_escape_decode(text: &str) -> String {
    text.replace("&nbsp;", "\u{a0}").replace("&#10;", "\n")
}

/// herald's patch of Pagefind's whitespace rules (`normalize_content`): a title (the
/// first `<h1>`'s text) comes out as upstream's regular expressions make it, through
/// every kind of whitespace: newlines (`\n`, `\r\n`, a lone `\r`), tabs, no-break and
/// ideographic spaces, alone and in runs, at the ends and inside.
#[test]
fn titles_are_normalised_as_upstream() {
    let spaces = [
        " ", "\n", "\r", "\r\n", "\t", "\u{a0}", "\u{2003}", "\u{3000}", "&nbsp;", "&#10;",
    ];
    let mut titles = Vec::new();
    for x in spaces {
        for y in spaces {
            titles.push(format!("{x}Réunion{y}à{x}{y}Genève{y}"));
            titles.push(format!("Zoé{x}{x}{y}É{y}"));
            titles.push(format!("中{x}—ж{y}{y}𝄞…{x}ᚠ{y}"));
        }
    }
    let pages: Vec<(String, String)> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let html = format!("<html lang=\"fr\"><body><main data-pagefind-body><h1>{title}</h1><p>Texte {i}.</p></main></body></html>");
            (format!("/fr/{i}/"), html)
        })
        .collect();
    let files = build(&pages, true);
    let mut seen = 0;
    for (name, bytes) in &files {
        if !name.starts_with("fragment/") {
            continue;
        }
        let fragment: serde_json::Value =
            serde_json::from_slice(&common::search::unpack(bytes)).unwrap();
        let url = fragment["url"].as_str().unwrap();
        let i: usize = url
            .trim_matches('/')
            .trim_start_matches("fr/")
            .parse()
            .unwrap();
        let title = &titles[i];
        assert_eq!(
            fragment["meta"]["title"].as_str().unwrap(),
            normalized_upstream(title),
            "{title:?}"
        );
        seen += 1;
    }
    assert_eq!(seen, titles.len());
}

/// The content of the one fragment of an index made with `options` of `html`, on
/// `runtime`'s blocking thread.
fn content_with(
    runtime: &tokio::runtime::Runtime,
    options: PagefindServiceConfig,
    html: &str,
) -> String {
    runtime.block_on(async {
        let mut index = PagefindIndex::new(Some(options)).unwrap();
        index
            .add_html_file(None, Some("/fr/s/".to_string()), html.to_string())
            .await
            .unwrap();
        let fragment = first_fragment(&sorted(index.get_files().await.unwrap()));
        fragment["content"].as_str().unwrap().to_string()
    })
}

/// herald's patch parses a page's selectors once per thread: a thread that has read
/// pages with some options reads the next with its own (root and exclusions).
#[test]
fn selectors_follow_the_options_on_one_thread() {
    let html = "<!doctype html><html lang=\"fr\"><head><title>t</title></head><body>\
        <p>Avant le texte.</p><main><p class=\"aparte\">Un aparté.</p>\
        <p>Le texte principal.</p></main></body></html>";
    let plain = || {
        PagefindServiceConfig::builder()
            .force_language("fr".to_string())
            .build()
    };
    let excluding = || {
        PagefindServiceConfig::builder()
            .force_language("fr".to_string())
            .exclude_selectors(vec![".aparte".to_string()])
            .build()
    };
    let rooted = || {
        PagefindServiceConfig::builder()
            .force_language("fr".to_string())
            .root_selector("main".to_string())
            .build()
    };
    // Pages are read on the runtime's blocking threads: one thread, kept.
    let one_thread = || {
        tokio::runtime::Builder::new_current_thread()
            .max_blocking_threads(1)
            .build()
            .unwrap()
    };
    // Each on a new thread, then all on one, twice over.
    let fresh: Vec<String> = [plain, excluding, rooted]
        .into_iter()
        .map(|options| content_with(&one_thread(), options(), html))
        .collect();
    assert!(
        fresh[0].contains("Avant") && fresh[0].contains("aparté"),
        "{}",
        fresh[0]
    );
    assert!(
        fresh[1].contains("Avant") && !fresh[1].contains("aparté"),
        "{}",
        fresh[1]
    );
    assert!(
        !fresh[2].contains("Avant") && fresh[2].contains("aparté"),
        "{}",
        fresh[2]
    );
    let kept = one_thread();
    for _ in 0..2 {
        for (options, fresh) in [plain, excluding, rooted].into_iter().zip(&fresh) {
            assert_eq!(&content_with(&kept, options(), html), fresh);
        }
    }
}
