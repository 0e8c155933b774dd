//! The announcements related to one, shown at the end of its page: those that share
//! its tags, in the reader's language first, then the closest, then the newest.

use crate::site::{PageKind, RelatedTable, Structure};

/// How many related announcements a page shows.
pub const RELATED: usize = 3;

/// The lists that make announcements related to announcement `a` in language `l` (its
/// tags and its kind): each list another announcement shares with it counts one point. Every list is in
/// the model's order (newest first). One line per criterion.
fn shared_lists(structure: &Structure, l: usize, a: usize) -> Vec<&[usize]> {
    let mut lists: Vec<&[usize]> = Vec::new();
    // Each of its tags (in the text its page shows).
    lists.extend(
        structure.page_tags[l][a]
            .iter()
            .filter_map(|&id| structure.tag(l, id))
            .map(|(_, t)| &t.items[..]),
    );
    // Its kind.
    lists.extend(
        structure.page_kinds[l][a]
            .and_then(|k| structure.kind(l, k))
            .map(|t| &t.items[..]),
    );
    lists
}

/// What makes announcements related to one in a language: its tags (as its page shows
/// them, in any order) and its kind. Announcements with the same key have the same
/// related ones (each less itself).
type Key = (Box<[crate::content::TagId]>, Option<crate::config::KindId>);

/// The [`Key`] of announcement `a` in language `l`.
fn key(structure: &Structure, l: usize, a: usize) -> Key {
    let mut tags = structure.page_tags[l][a].clone();
    tags.sort_unstable();
    (tags, structure.page_kinds[l][a])
}

/// Up to [`RELATED`] announcements related to announcement `a` on its page in
/// language `l` (indexes), best first: translated into `l` before those shown in
/// another language, then the most lists shared ([`shared_lists`]), then the newest.
///
/// They depend on `a` only through its lists and by leaving `a` out, so they are found
/// once per set of lists and language ([`RelatedTable`], made on the first call for the
/// language): a site has far fewer sets of tags than pages, and a rebuild in watch mode
/// asks again for every page's.
pub(crate) fn related(structure: &Structure, l: usize, a: usize) -> Vec<usize> {
    let table = structure.related[l].get_or_init(|| table(structure, l));
    table.best[table.slot[a] as usize]
        .iter()
        .copied()
        .filter(|&b| b != a)
        .take(RELATED)
        .collect()
}

/// The [`RelatedTable`] of language `l`: the best [`RELATED`]` + 1` announcements of each
/// set of lists, enough to leave one out.
fn table(structure: &Structure, l: usize) -> RelatedTable {
    let mut table = RelatedTable::default();
    let mut slots: rustc_hash::FxHashMap<Key, u32> = rustc_hash::FxHashMap::default();
    for a in 0..structure.page_tags[l].len() {
        let slot = *slots.entry(key(structure, l, a)).or_insert_with(|| {
            let lists = shared_lists(structure, l, a);
            table.best.push(best(structure, l, &lists, RELATED + 1));
            (table.best.len() - 1) as u32
        });
        table.slot.push(slot);
    }
    table
}

/// The best `n` announcements of `lists` in language `l`, best first (see [`related`]).
///
/// The lists are walked together in the model's order, so each announcement is met
/// once with all its points; the walk stops as soon as no announcement still to come
/// can beat the ones found (it would be older, with no more points).
fn best(structure: &Structure, l: usize, lists: &[&[usize]], n: usize) -> Vec<usize> {
    use std::cmp::Reverse;
    // Where each list is (a page has a few lists: a scan finds the smallest head).
    let mut next = vec![0usize; lists.len()];
    let pages = &structure.pages[l];
    // The best so far: (not translated, fewer points, index), smallest first.
    let mut best: Vec<(bool, Reverse<usize>, usize)> = Vec::with_capacity(n + 1);
    // The next announcement of any list.
    let head = |next: &[usize]| {
        lists
            .iter()
            .zip(next)
            .filter_map(|(list, &at)| list.get(at))
            .min()
            .copied()
    };
    while let Some(b) = head(&next) {
        // Its points: the lists it heads (each list holds it once, in order).
        let mut points = 0;
        for (list, at) in lists.iter().zip(next.iter_mut()) {
            if list.get(*at) == Some(&b) {
                points += 1;
                *at += 1;
            }
        }
        let open = lists
            .iter()
            .zip(&next)
            .filter(|(list, &at)| at < list.len())
            .count();
        let found = (pages[b].kind == PageKind::Fallback, Reverse(points), b);
        if best.len() < n || best.last().is_some_and(|last| found < *last) {
            let at = best.partition_point(|x| *x < found);
            best.insert(at, found);
            best.truncate(n);
        }
        // What is still to come is older and shares at most this many lists.
        if best.len() == n && best.iter().all(|&(f, Reverse(p), _)| !f && p >= open) {
            break;
        }
    }
    best.into_iter().map(|(_, _, b)| b).collect()
}
