//! When the site changes by itself: the next date-driven change of its announcements,
//! and whether one's state differs between two clocks (watch mode).

use super::Announcement;
use crate::date::Date;
use crate::lifecycle::{Event, NextChange};

/// The next time after `now` the site would change by itself: a scheduled announcement
/// published (unless `future`), or an announcement's state changing (drafts left out
/// unless `drafts`). The earliest, ties broken by announcement name. `kinds` are
/// site.yaml's kind ids, which name what the announcement is.
pub(crate) fn next_change<'a>(
    announcements: impl Iterator<Item = &'a Announcement>,
    kinds: &[String],
    now: i64,
    drafts: bool,
    future: bool,
) -> Option<NextChange> {
    let mut best: Option<(i64, Event, &Announcement)> = None;
    for a in announcements {
        let source = a.source();
        if source.draft && !drafts {
            continue;
        }
        let found = if source.date.timestamp > now && !future {
            Some((source.date.timestamp, Event::Published))
        } else {
            a.translations
                .iter()
                .filter(|t| drafts || !t.draft)
                .filter_map(|t| t.life.timing().next_after(now))
                .min_by_key(|(at, _)| *at)
        };
        if let Some((at, event)) = found {
            let better = best
                .as_ref()
                .is_none_or(|(b, _, ba)| (at, &a.name) < (*b, &ba.name));
            if better {
                best = Some((at, event, a));
            }
        }
    }
    best.map(|(at, event, a)| NextChange {
        at: Date::from_timestamp(at).rfc3339,
        event,
        announcement: a.name.clone(),
        title: a.source().title.clone(),
        kind: a.source().kind.and_then(|k| kinds.get(k as usize)).cloned(),
        timestamp: at,
    })
}

/// Whether any translation of `a` is in another state at `after` than at `before`:
/// then its pages change though its files did not (watch mode re-reads its facts).
pub(crate) fn crosses(a: &Announcement, before: i64, after: i64) -> bool {
    before != after
        && a.translations.iter().any(|t| {
            let timing = t.life.timing();
            timing.phase(before) != timing.phase(after)
        })
}
