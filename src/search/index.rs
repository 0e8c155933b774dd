//! One language's Pagefind index, kept with the list of pages it was given in order.
//!
//! Pagefind numbers the pages of an index in the order they were added, and that order
//! is in its files; a page added again with the same URL keeps its place. So that an
//! index follows edits (watch mode) and stays byte for byte what a full build makes,
//! pages are added in one order (by announcement name), a page that leaves the index
//! is replaced by an empty one (Pagefind leaves out pages without words), and a page
//! that joins it in the middle makes the language's index be built again.

use std::collections::HashMap;

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;

/// One page given to the index: its URL, and a hash of what it was given (`None`:
/// nothing, a placeholder that keeps its place).
#[derive(Debug, Clone)]
struct Slot {
    url: String,
    fed: Option<u64>,
}

/// Reads pages for an index (see [`LangIndex::reader`]).
pub struct Reader(pagefind::api::PageReader);

impl Reader {
    /// Reads a page's HTML for the index.
    pub fn prepare(&self, url: &str, html: String) -> Result<Prepared, String> {
        let (hash, html) = given(html);
        let page = self
            .0
            .prepare_html_file(url.to_string(), html)
            .map_err(|e| format!("{url}: cannot index this page: {e}"))?;
        Ok(Prepared {
            url: url.to_string(),
            hash,
            page,
        })
    }
}

/// A page read for an index, not yet given to it (see [`LangIndex::reader`]).
pub struct Prepared {
    url: String,
    hash: u64,
    page: pagefind::api::PreparedPage,
}

/// A language's Pagefind index and the pages given to it, in the order given.
pub struct LangIndex {
    /// The index's language: the configured code, lower-cased as Pagefind and its
    /// script compare them (`zh-hant`, `pt-br`).
    language: String,
    index: PagefindIndex,
    slots: Vec<Slot>,
    position: HashMap<String, usize>,
}

/// The tokio runtime Pagefind's asynchronous API runs on: one per call, so that no
/// thread outlives the work (the dev server keeps its threads bounded).
fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(1)
        .build()
        .map_err(|e| format!("cannot start the search indexer: {e}"))
}

/// Text direction controls that must not reach titles and excerpts: Fluent's isolation
/// marks (U+2066–U+2069) and embeddings and overrides (U+202A–U+202E), which would
/// reorder the text around them in a list of results.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What an index is given of a page's HTML: the hash of the HTML (to know a page given
/// again unchanged) and the HTML without direction controls and, where it can go, the
/// metadata of its head (see [`without_head_metadata`]).
fn given(html: String) -> (u64, String) {
    (
        crate::hash::bytes_hash(html.as_bytes()),
        without_head_metadata(without_direction_controls(html)),
    )
}

/// The page's HTML with its `<head>` cut down to its `<title>`, when the head holds
/// nothing else Pagefind reads. Of a head, Pagefind reads the first `<title>` (a page's
/// title when it has no `<h1>`), the `data-pagefind-*` attributes and the elements with
/// an `id` (each numbers the page's anchors); the rest (`<meta>`, `<link>`, JSON-LD) is
/// a quarter of an announcement page's bytes, tokenised for nothing. Only a head of
/// that plain shape is cut ([`head_metadata`]); any other is given whole, so the index
/// is the same either way.
fn without_head_metadata(mut html: String) -> String {
    if let Some(cut) = head_metadata(&html) {
        // What follows the title, then what precedes it (in place, no second page).
        let (title_start, title_end) = cut.title.unwrap_or((cut.end, cut.end));
        html.replace_range(title_end..cut.end, "");
        html.replace_range(cut.start..title_start, "");
    }
    html
}

/// Where a head's metadata is: from `start` (after `<head>`) to `end` (at `</head>`),
/// and its `<title>` element.
#[derive(Debug, PartialEq)]
struct HeadCut {
    start: usize,
    end: usize,
    title: Option<(usize, usize)>,
}

/// The metadata of a page's head, if the page begins with an optional doctype, an
/// `<html>` tag and `<head>` (without attributes), and the head holds only `<meta>`,
/// `<link>`, `<script>` (without `<!--` in it) and one `<title>` (without `<` in it),
/// none with an `id` attribute or the word `pagefind` in a name or value (a theme's own
/// fields or Pagefind's script), and whitespace between them.
fn head_metadata(html: &str) -> Option<HeadCut> {
    let b = html.as_bytes();
    let mut i = skip_space(b, 0);
    if starts_with_ignore_case(&b[i..], b"<!doctype") {
        i = skip_space(b, i + memchr::memchr(b'>', &b[i..])? + 1);
    }
    if !starts_with_ignore_case(&b[i..], b"<html") {
        return None;
    }
    i = skip_space(b, plain_tag_end(b, i + 5)?);
    if !starts_with_ignore_case(&b[i..], b"<head>") {
        return None;
    }
    let start = i + 6;
    let mut title = None;
    i = start;
    loop {
        i = skip_space(b, i);
        let rest = &b[i..];
        if starts_with_ignore_case(rest, b"</head") {
            return Some(HeadCut {
                start,
                end: i,
                title,
            });
        }
        let name = [&b"meta"[..], b"link", b"title", b"script"]
            .into_iter()
            .find(|name| {
                rest.first() == Some(&b'<')
                    && starts_with_ignore_case(&rest[1..], name)
                    && rest
                        .get(1 + name.len())
                        .is_some_and(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace())
            })?;
        let open_end = plain_tag_end(b, i + 1 + name.len())?;
        if name == b"meta" || name == b"link" {
            i = open_end;
            continue;
        }
        // Raw text up to its end tag, which ends the element.
        let close = [&b"</"[..], name].concat();
        let text_end = open_end + find_ignore_case(&b[open_end..], &close)?;
        let text = &b[open_end..text_end];
        let after = text_end + close.len();
        if b.get(after) != Some(&b'>') {
            return None;
        }
        if name == b"title" {
            if title.is_some() || text.contains(&b'<') {
                return None;
            }
            title = Some((i, after + 1));
        } else if memchr::memmem::find(text, b"<!--").is_some() {
            return None;
        }
        i = after + 1;
    }
}

/// Where the tag whose attributes begin at `i` ends (after its `>`), if its attributes
/// are plain (names without quotes or `<`, values quoted or not, none empty before
/// the `>`) and none is an `id` or says `pagefind`.
fn plain_tag_end(b: &[u8], mut i: usize) -> Option<usize> {
    let is_end = |c: u8| c.is_ascii_whitespace() || c == b'>' || c == b'/' || c == b'=';
    loop {
        i = skip_space(b, i);
        match b.get(i)? {
            b'>' => return Some(i + 1),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some(i + 2),
            _ => {}
        }
        let name_end = i + b[i..].iter().position(|&c| is_end(c))?;
        let name = &b[i..name_end];
        if name.is_empty()
            || name.iter().any(|&c| matches!(c, b'"' | b'\'' | b'<'))
            || name.eq_ignore_ascii_case(b"id")
            || find_ignore_case(name, b"pagefind").is_some()
        {
            return None;
        }
        i = skip_space(b, name_end);
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_space(b, i + 1);
        // lol_html ends a tag with an empty value (`async=>`) as if it were no raw-text
        // element (a `<script>`'s text is then read as HTML), unlike browsers.
        let value = match b.get(i)? {
            b'>' => return None,
            &quote @ (b'"' | b'\'') => {
                let len = memchr::memchr(quote, &b[i + 1..])?;
                let value = &b[i + 1..i + 1 + len];
                i += len + 2;
                value
            }
            _ => {
                let len = b[i..]
                    .iter()
                    .position(|&c| c.is_ascii_whitespace() || c == b'>')?;
                let value = &b[i..i + len];
                i += len;
                value
            }
        };
        if find_ignore_case(value, b"pagefind").is_some() {
            return None;
        }
    }
}

fn skip_space(b: &[u8], i: usize) -> usize {
    i + b[i..]
        .iter()
        .take_while(|c| c.is_ascii_whitespace())
        .count()
}

fn starts_with_ignore_case(b: &[u8], prefix: &[u8]) -> bool {
    b.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Where `needle` (ASCII) first is in `b`, ignoring ASCII case.
fn find_ignore_case(b: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), b)
        .find(|&at| starts_with_ignore_case(&b[at..], needle))
}

/// The page's HTML without direction controls (see [`is_direction_control`]).
fn without_direction_controls(html: String) -> String {
    // All of them are encoded as E2 80 AA–AE or E2 81 A6–A9 in UTF-8.
    let bytes = html.as_bytes();
    let has = memchr::memchr_iter(0xE2, bytes).any(|i| match bytes.get(i + 1..i + 3) {
        Some([0x80, b]) => (0xAA..=0xAE).contains(b),
        Some([0x81, b]) => (0xA6..=0xA9).contains(b),
        _ => false,
    });
    if has {
        html.chars().filter(|&c| !is_direction_control(c)).collect()
    } else {
        html
    }
}

impl LangIndex {
    /// An empty index for the language with this (configured) code.
    pub fn new(code: &str) -> Result<LangIndex, String> {
        let language = code.to_lowercase();
        let options = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .build();
        let index = PagefindIndex::new(Some(options))
            .map_err(|e| format!("cannot start the search indexer: {e}"))?;
        Ok(LangIndex {
            language,
            index,
            slots: Vec::new(),
            position: HashMap::new(),
        })
    }

    /// The URLs given so far, in order, with whether each has content.
    pub fn slots(&self) -> impl Iterator<Item = (&str, bool)> {
        self.slots.iter().map(|s| (s.url.as_str(), s.fed.is_some()))
    }

    /// Whether `url` was given (with content or as a placeholder).
    pub fn has(&self, url: &str) -> bool {
        self.position.contains_key(url)
    }

    /// Whether the page at `url` was given with content (not a placeholder).
    pub fn is_live(&self, url: &str) -> bool {
        self.fed(url).is_some_and(|fed| fed.is_some())
    }

    /// Gives the index a page's HTML (replacing what it had at that URL); nothing is done
    /// when it is the HTML it already has. Whether the index changed.
    pub fn add(&mut self, url: &str, html: String) -> Result<bool, String> {
        let (hash, html) = given(html);
        if self.fed(url) == Some(Some(hash)) {
            return Ok(false);
        }
        runtime()?
            .block_on(self.index.add_html_file(None, Some(url.to_string()), html))
            .map_err(|e| format!("{url}: cannot index this page: {e}"))?;
        self.note(url, Some(hash));
        Ok(true)
    }

    /// Gives the index many pages in order, with one runtime.
    pub fn add_all(
        &mut self,
        pages: impl Iterator<Item = Result<(String, Option<String>), String>>,
    ) -> Result<(), String> {
        let runtime = runtime()?;
        for page in pages {
            let (url, html) = page?;
            match html {
                Some(html) => {
                    let (hash, html) = given(html);
                    runtime
                        .block_on(self.index.add_html_file(None, Some(url.clone()), html))
                        .map_err(|e| format!("{url}: cannot index this page: {e}"))?;
                    self.note(&url, Some(hash));
                }
                None => {
                    runtime.block_on(self.placeholder(&url))?;
                    self.note(&url, None);
                }
            }
        }
        Ok(())
    }

    /// What reads pages for this index without giving them yet (see
    /// [`LangIndex::add_prepared`]): on many threads at once, while pages are given.
    pub fn reader(&self) -> Reader {
        Reader(self.index.reader())
    }

    /// Gives the index a page read by [`LangIndex::prepare`] (pages in the index's order).
    pub fn add_prepared(&mut self, page: Prepared) -> Result<(), String> {
        self.index
            .add_prepared(page.page)
            .map_err(|e| format!("{}: cannot index this page: {e}", page.url))?;
        self.note(&page.url, Some(page.hash));
        Ok(())
    }

    /// Empties the page at `url` (it leaves the index but keeps its place).
    pub fn remove(&mut self, url: &str) -> Result<(), String> {
        if self.is_live(url) {
            runtime()?.block_on(self.placeholder(url))?;
            self.note(url, None);
        }
        Ok(())
    }

    /// A page without words at `url`: Pagefind leaves it out of the index.
    async fn placeholder(&mut self, url: &str) -> Result<(), String> {
        self.index
            .add_custom_record(
                url.to_string(),
                String::new(),
                self.language.clone(),
                None,
                None,
                None,
            )
            .await
            .map(|_| ())
            .map_err(|e| format!("{url}: cannot update the search index: {e}"))
    }

    /// What was given at `url`: `None` if nothing, `Some(None)` for a placeholder.
    fn fed(&self, url: &str) -> Option<Option<u64>> {
        self.position.get(url).map(|&i| self.slots[i].fed)
    }

    fn note(&mut self, url: &str, fed: Option<u64>) {
        match self.position.get(url) {
            Some(&i) => self.slots[i].fed = fed,
            None => {
                self.position.insert(url.to_string(), self.slots.len());
                self.slots.push(Slot {
                    url: url.to_string(),
                    fed,
                });
            }
        }
    }

    /// Builds the index and returns its files (paths relative to the bundle folder).
    pub fn files(&mut self) -> Result<Vec<SyntheticFile>, String> {
        runtime()?
            .block_on(self.index.get_files())
            .map_err(|e| format!("cannot build the search index of `{}`: {e}", self.language))
    }

    /// Makes this an index that takes each page's words as the page is given, instead of
    /// keeping the pages until it is built (see `stream` in herald's patch of Pagefind,
    /// `vendor/pagefind/PATCH.md`): for an index built once with [`LangIndex::into_files`],
    /// each page given once. Only before the first page.
    pub fn stream(&mut self) -> Result<(), String> {
        runtime()?
            .block_on(self.index.stream())
            .map_err(|e| format!("cannot start the search indexer: {e}"))
    }

    /// Builds the index once and returns its files (paths relative to the bundle
    /// folder), moving the pages into it instead of copying them (see the `take_files`
    /// of herald's patch of Pagefind, `vendor/pagefind/PATCH.md`).
    pub fn into_files(mut self) -> Result<Vec<SyntheticFile>, String> {
        runtime()?
            .block_on(self.index.take_files())
            .map_err(|e| format!("cannot build the search index of `{}`: {e}", self.language))
    }

    /// The index's language as Pagefind names it.
    pub fn language(&self) -> &str {
        &self.language
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn direction_controls_are_taken_out() {
        let html = "<h1>a\u{2068}b\u{2069} \u{202E}c</h1>".to_string();
        assert_eq!(without_direction_controls(html), "<h1>ab c</h1>");
        let plain = "<p>العربية — 中文 é</p>".to_string();
        assert_eq!(without_direction_controls(plain.clone()), plain);
    }

    /// A head like the default theme's: metadata, a title, JSON-LD.
    const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">\n<head>\n\
        <meta charset=\"utf-8\">\n<title>Rapport annuel · Réseau</title>\n\
        <link rel=\"alternate\" hreflang=\"en\" href=\"/en/a/\">\n\
        <meta property=\"og:description\" content=\"Le rapport > les chiffres\" />\n\
        <script type=\"application/ld+json\">{\"headline\":\"a \\u003c b\"}</script>\n</head>\n";

    /// A body whose title Pagefind takes from the head (no `<h1>`), with an anchor, a
    /// filter and a meta field.
    const BODY: &str = "<body><main id=\"main\"><article data-pagefind-body>\n\
        <p data-pagefind-meta=\"date:2026\">Le réseau publie son rapport annuel.</p>\n\
        <h2 id=\"chiffres\">Les chiffres</h2><p>Trois cents membres \
        <span data-pagefind-filter=\"sujet\">réseau</span>.</p>\n\
        </article></main></body>\n</html>\n";

    #[test]
    fn a_plain_head_is_cut_to_its_title() {
        let page = format!("{HEAD}{BODY}");
        let cut = without_head_metadata(page.clone());
        assert_eq!(
            cut,
            format!(
                "<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">\n\
                 <head><title>Rapport annuel · Réseau</title></head>\n{BODY}"
            )
        );
        // What the head holds that Pagefind reads keeps it whole.
        for kept in [
            "<meta data-pagefind-meta=\"image[content]\" content=\"/a.png\">",
            "<meta name=\"x\" content=\"y\" ID=\"top\">",
            "<link rel=\"stylesheet\" href=\"/pagefind/pagefind-ui.css\">",
            "<!-- a comment -->",
            "<style>p { color: red }</style>",
            "<title>A second title</title>",
            "<script>if (a <!-- b) {}</script>",
            "<base href=\"/\">",
            // lol_html reads this script's text as tags: its title is the page's.
            "<script async=><title>Other</title></script>",
            "<script async = >x</script>",
        ] {
            let page = page.replace("</head>", &format!("{kept}\n</head>"));
            assert_eq!(without_head_metadata(page.clone()), page, "{kept}");
        }
        let attributed = page.replace("<head>", "<head id=\"h\">");
        assert_eq!(without_head_metadata(attributed.clone()), attributed);
        let untitled = "<html><head><meta charset=\"utf-8\"></head><body></body></html>";
        assert_eq!(
            without_head_metadata(untitled.to_string()),
            "<html><head></head><body></body></html>"
        );
        let no_head = BODY.to_string();
        assert_eq!(without_head_metadata(no_head.clone()), no_head);
    }

    /// The same head in capitals, with unquoted and self-closing forms, a `>` and
    /// `</head>` inside values and a title with an attribute.
    const SHOUTED_HEAD: &str = "<!doctype HTML>\n<HTML LANG=fr>\n<HEAD>\
        <META CHARSET=utf-8/><TITLE class=t>Rapport annuel · Réseau</TITLE>\
        <LINK REL=icon HREF=/favicon.svg>\
        <meta name='x' content='a > b </head> c'>\
        <SCRIPT TYPE=\"application/ld+json\">{\"a\":\"</head>\"}</SCRIPT>\n</HEAD>\n";

    #[test]
    fn a_page_whose_head_is_cut_is_indexed_as_the_whole_page() {
        for head in [HEAD, SHOUTED_HEAD] {
            let page = format!("{head}{BODY}");
            assert!(head_metadata(&page).is_some(), "{head}");
            indexed_alike(&page);
        }
        // Given whole: the same index, trivially (lol_html reads the script as tags).
        let page = format!("{HEAD}{BODY}")
            .replace("</head>", "<script a=><title>T</title></script></head>");
        assert!(head_metadata(&page).is_none());
        indexed_alike(&page);
    }

    /// An index's files by name: (name, bytes).
    fn sorted(files: Vec<SyntheticFile>) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = files
            .into_iter()
            .map(|f| (f.filename, f.contents))
            .collect();
        files.sort();
        files
    }

    /// Asserts that the index of `page` as [`LangIndex::add`] gives it equals the index of
    /// the whole page, and that it has the page.
    fn indexed_alike(page: &str) {
        let mut cut = LangIndex::new("fr").unwrap();
        cut.add("/fr/a/", page.to_string()).unwrap();
        let mut whole = LangIndex::new("fr").unwrap();
        runtime()
            .unwrap()
            .block_on(
                whole
                    .index
                    .add_html_file(None, Some("/fr/a/".into()), page.to_string()),
            )
            .unwrap();
        let (cut, whole) = (sorted(cut.files().unwrap()), sorted(whole.files().unwrap()));
        assert!(cut.iter().any(|(name, _)| name.starts_with("fragment")));
        assert_eq!(cut, whole);
    }

    /// Pagefind's reading keeps each word's indexable words and pairs per thread (herald's
    /// patch, `WordMemo`): a thread that has read other pages (words that begin alike, the
    /// same words after other text, another language; katakana runs, which a segmented
    /// language indexes with their pairs of characters) gives the files that pages read
    /// each on a new thread give (`add` reads each page on a thread of its own).
    #[test]
    fn a_thread_that_has_read_other_pages_indexes_alike() {
        fn files(index: LangIndex) -> Vec<(PathBuf, Vec<u8>)> {
            sorted(index.into_files().unwrap())
        }
        /// Read on this thread.
        fn read_here(code: &str, pages: &[(String, String)]) -> Vec<(PathBuf, Vec<u8>)> {
            let mut index = LangIndex::new(code).unwrap();
            let reader = index.reader();
            for (url, html) in pages {
                let page = reader.prepare(url, html.clone()).unwrap();
                index.add_prepared(page).unwrap();
            }
            files(index)
        }
        let page = |text: &str| {
            format!("<html><body><main data-pagefind-body><h1>{text}</h1><p>{text}</p></main></body></html>")
        };
        let pages_of = |texts: &[&str], lang: &str| -> Vec<(String, String)> {
            texts
                .iter()
                .enumerate()
                .map(|(i, text)| (format!("/{lang}/{i}/"), page(text)))
                .collect()
        };
        let pages = pages_of(
            &[
                "新闻发布会ヘラルド在北京举行",
                "北京的 réunion 新闻中心",
                "发布会举行了两个小时",
            ],
            "zh",
        );
        let other = pages_of(
            &[
                "新年ヘリコプター北方发现",
                "今天北京 rapport 新闻发布会",
                "两个小时ヘラルドです",
                "发现 réunions",
            ],
            "zh",
        );
        let fr = pages_of(&["北京 réunion 新闻发布会 nouvelles"], "fr");
        let mut each_alone = LangIndex::new("zh").unwrap();
        for (url, html) in &pages {
            each_alone.add(url, html.clone()).unwrap();
        }
        let each_alone = files(each_alone);
        let warm = std::thread::spawn(move || {
            read_here("zh", &other);
            read_here("fr", &fr);
            read_here("zh", &other);
            read_here("zh", &pages)
        })
        .join()
        .unwrap();
        assert!(each_alone
            .iter()
            .any(|(name, _)| name.starts_with("fragment")));
        assert!(each_alone == warm, "a warm thread indexes differently");
    }
}
