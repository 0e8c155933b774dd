//! What a built site's Pagefind index holds.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// One page as Pagefind keeps it (a fragment file).
#[derive(Debug, serde::Deserialize)]
pub struct Fragment {
    pub url: String,
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
}

/// The bytes of a file of the index: gzip, then Pagefind's `pagefind_dcd` signature.
pub fn unpack(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    assert!(out.starts_with(b"pagefind_dcd"), "no Pagefind signature");
    out.split_off(12)
}

/// Every page of every language's index: language (from the fragment's file name) → pages.
pub fn fragments(public: &Path) -> BTreeMap<String, Vec<Fragment>> {
    let mut out: BTreeMap<String, Vec<Fragment>> = BTreeMap::new();
    for entry in std::fs::read_dir(public.join("pagefind/fragment")).expect("fragments") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let lang = name.split_once('_').unwrap().0.to_string();
        let fragment: Fragment =
            serde_json::from_slice(&unpack(&std::fs::read(&path).unwrap())).expect("json");
        out.entry(lang).or_default().push(fragment);
    }
    for pages in out.values_mut() {
        pages.sort_by(|a, b| a.url.cmp(&b.url));
    }
    out
}
