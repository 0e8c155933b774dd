//! The announcements related to one, shown at the end of its page: those that share
//! its tags, in the reader's language first, then the closest, then the newest.

use crate::site::{PageKind, Structure};

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

/// Up to [`RELATED`] announcements related to announcement `a` on its page in
/// language `l` (indexes), best first: translated into `l` before those shown in
/// another language, then the most lists shared ([`shared_lists`]), then the newest.
///
/// The lists are walked together in the model's order, so each announcement is met
/// once with all its points; the walk stops as soon as no announcement still to come
/// can beat the ones found (it would be older, with no more points).
pub(crate) fn related(structure: &Structure, l: usize, a: usize) -> Vec<usize> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let lists = shared_lists(structure, l, a);
    // The next item of each list, smallest index first.
    let mut heads: BinaryHeap<Reverse<(usize, usize)>> = lists
        .iter()
        .enumerate()
        .filter_map(|(k, list)| list.first().map(|&b| Reverse((b, k))))
        .collect();
    let mut next = vec![0usize; lists.len()];
    // The best so far: (not translated, fewer points, index), smallest first.
    let mut best: Vec<(bool, Reverse<usize>, usize)> = Vec::with_capacity(RELATED + 1);
    while let Some(&Reverse((b, _))) = heads.peek() {
        let mut points = 0;
        while let Some(Reverse((_, k))) = heads.peek().copied().filter(|r| r.0 .0 == b) {
            heads.pop();
            points += 1;
            next[k] += 1;
            if let Some(&item) = lists[k].get(next[k]) {
                heads.push(Reverse((item, k)));
            }
        }
        if b != a {
            let fallback = structure.pages[l][b].kind == PageKind::Fallback;
            best.push((fallback, Reverse(points), b));
            best.sort_unstable();
            best.truncate(RELATED);
        }
        // What is still to come is older and shares at most this many lists.
        let open = heads.len();
        if best.len() == RELATED && best.iter().all(|&(f, Reverse(p), _)| !f && p >= open) {
            break;
        }
    }
    best.into_iter().map(|(_, _, b)| b).collect()
}
