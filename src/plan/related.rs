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
    let lists = shared_lists(structure, l, a);
    // Where each list is (a page has a few lists: a scan finds the smallest head).
    let mut next = vec![0usize; lists.len()];
    let pages = &structure.pages[l];
    // The best so far: (not translated, fewer points, index), smallest first.
    let mut best: Vec<(bool, Reverse<usize>, usize)> = Vec::with_capacity(RELATED + 1);
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
        if b != a {
            let fallback = pages[b].kind == PageKind::Fallback;
            best.push((fallback, Reverse(points), b));
            best.sort_unstable();
            best.truncate(RELATED);
        }
        // What is still to come is older and shares at most this many lists.
        if best.len() == RELATED && best.iter().all(|&(f, Reverse(p), _)| !f && p >= open) {
            break;
        }
    }
    best.into_iter().map(|(_, _, b)| b).collect()
}
