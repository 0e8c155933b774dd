//! An announcement's life after it is published (the newsroom fields): change notes,
//! withdrawal, pinning, urgency, a closing date and an expiry date. Whatever depends on
//! the clock is decided here, from the one "now" of a build ([`Timing::phase`]), and so
//! is when the site would next change by itself (`content::next_change`).

use serde::Serialize;

use crate::date::Date;

/// One change note (`changes: [{ date, note }]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    /// When the change was made.
    pub date: Date,
    /// What changed, in the language of the file that writes it.
    pub note: String,
}

/// A withdrawal (`withdrawn: { date, reason }`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Withdrawal {
    /// When it was withdrawn.
    pub date: Date,
    /// Why, as the translation (or, falling back, the source) says it.
    pub reason: Option<String>,
    /// The language of `reason`.
    pub reason_lang: String,
}

/// Whether an announcement is pinned or urgent: not, for good, or until a date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Until {
    /// `pinned: false` (or `urgent: false`).
    No,
    /// `pinned: true`, with no end.
    Always,
    /// `pinned_until: <date>`: until the end of that date (or that time).
    Until(Date),
}

impl Until {
    /// When it ends (seconds): never (`i64::MAX`), or the end of its date; `None` when off.
    fn end(&self) -> Option<i64> {
        match self {
            Until::No => None,
            Until::Always => Some(i64::MAX),
            Until::Until(d) => Some(d.end()),
        }
    }
}

/// A translation's newsroom fields, after inheritance from the source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lifecycle {
    /// Change notes, newest first (the translation's own, else the source's).
    pub changes: Vec<Change>,
    /// The language of the notes' text.
    pub changes_lang: String,
    /// Its withdrawal, if it was withdrawn.
    pub withdrawn: Option<Withdrawal>,
    /// Pinned above the others on the home pages.
    pub pinned: Until,
    /// Shown in a banner on every page.
    pub urgent: Until,
    /// When it closes (a consultation, a call for comment).
    pub closes: Option<Date>,
    /// When it leaves the lists and feeds.
    pub expires: Option<Date>,
}

impl Lifecycle {
    /// The newest change note.
    pub fn latest_change(&self) -> Option<&Change> {
        self.changes.first()
    }

    /// The instants at which its state changes.
    pub fn timing(&self) -> Timing {
        Timing {
            withdrawn: self.withdrawn.is_some(),
            closes: self.closes.as_ref().map(Date::end),
            expires: self.expires.as_ref().map(Date::end),
            pinned: self.pinned.end(),
            urgent: self.urgent.end(),
        }
    }
}

/// The instants at which an announcement's state changes by itself (seconds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Timing {
    withdrawn: bool,
    closes: Option<i64>,
    expires: Option<i64>,
    pinned: Option<i64>,
    urgent: Option<i64>,
}

/// An announcement's state at one instant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Phase {
    /// Withdrawn: off the lists; its feed entry says so.
    pub withdrawn: bool,
    /// Past its `expires` date: off the lists and feeds.
    pub expired: bool,
    /// Past its `closes` date.
    pub closed: bool,
    /// Pinned now (never when it is off the lists).
    pub pinned: bool,
    /// Urgent now (never when it is off the lists).
    pub urgent: bool,
}

impl Phase {
    /// Whether it is on the lists (home, tags) and a current entry of the feeds: the
    /// one test every list applies.
    pub fn listed(&self) -> bool {
        !self.withdrawn && !self.expired
    }

    /// Whether it is an entry of a feed: listed, or withdrawn (one last entry that says
    /// so) unless it has expired.
    pub fn in_feed(&self) -> bool {
        self.listed() || (self.withdrawn && !self.expired)
    }
}

impl Timing {
    /// The state at `now`.
    pub fn phase(&self, now: i64) -> Phase {
        let passed = |at: Option<i64>| at.is_some_and(|at| at <= now);
        let running = |until: Option<i64>| until.is_some_and(|at| now < at);
        let expired = passed(self.expires);
        let listed = !self.withdrawn && !expired;
        Phase {
            withdrawn: self.withdrawn,
            expired,
            closed: passed(self.closes),
            pinned: listed && running(self.pinned),
            urgent: listed && running(self.urgent),
        }
    }

    /// The first instant after `now` at which the state changes, and what happens then.
    pub fn next_after(&self, now: i64) -> Option<(i64, Event)> {
        let candidates = [
            (self.closes, Event::Closes),
            (self.expires, Event::Expires),
            (self.pinned.filter(|&t| t != i64::MAX), Event::Unpinned),
            (
                self.urgent.filter(|&t| t != i64::MAX),
                Event::NoLongerUrgent,
            ),
        ];
        candidates
            .into_iter()
            .filter_map(|(at, event)| Some((at?, event)))
            .filter(|(at, _)| *at > now)
            .min_by_key(|(at, _)| *at)
    }
}

/// What happens at the next change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// A scheduled announcement's date comes: it is published.
    Published,
    /// It closes.
    Closes,
    /// It expires: it leaves the lists and feeds.
    Expires,
    /// Its `pinned_until` passes.
    Unpinned,
    /// Its `urgent_until` passes: the banner goes.
    NoLongerUrgent,
}

impl Event {
    /// What happens, after the announcement's title.
    fn says(self) -> &'static str {
        match self {
            Event::Published => "is published",
            Event::Closes => "closes",
            Event::Expires => "expires",
            Event::Unpinned => "is no longer pinned",
            Event::NoLongerUrgent => "is no longer urgent",
        }
    }
}

/// The next time the site would change with no file changed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextChange {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What happens then.
    pub event: Event,
    /// The announcement it happens to (its file name).
    pub announcement: String,
    /// Its source title.
    pub title: String,
    /// Its kind (an id of site.yaml's `kinds:`), if it has one.
    pub kind: Option<String>,
    /// When, in seconds since the epoch.
    #[serde(skip)]
    pub timestamp: i64,
}

impl std::fmt::Display for NextChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `consultation 'X' closes`: the kind's id as words, else just the title.
        let kind = self
            .kind
            .as_ref()
            .map_or_else(String::new, |k| format!("{} ", k.replace(['-', '_'], " ")));
        write!(
            f,
            "{}, {kind}'{}' {}",
            Date::minute_utc(self.timestamp),
            self.title,
            self.event.says()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        Date::parse(text).unwrap().timestamp
    }

    #[test]
    fn a_plain_closing_date_is_open_all_that_day() {
        let life = Lifecycle {
            changes: Vec::new(),
            changes_lang: "en".into(),
            withdrawn: None,
            pinned: Until::Until(Date::parse("2026-01-10").unwrap()),
            urgent: Until::No,
            closes: Some(Date::parse("2026-01-15").unwrap()),
            expires: None,
        };
        let timing = life.timing();
        assert!(!timing.phase(at("2026-01-15T23:59:00Z")).closed);
        assert!(timing.phase(at("2026-01-16")).closed);
        assert!(timing.phase(at("2026-01-10T12:00:00Z")).pinned);
        assert!(!timing.phase(at("2026-01-11")).pinned);
        assert_eq!(
            timing.next_after(at("2026-01-01")),
            Some((at("2026-01-11"), Event::Unpinned))
        );
        assert_eq!(
            timing.next_after(at("2026-01-11")),
            Some((at("2026-01-16"), Event::Closes))
        );
        assert_eq!(timing.next_after(at("2026-01-16")), None);
    }
}
