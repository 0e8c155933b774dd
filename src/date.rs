//! Dates as written in front matter: `YYYY-MM-DD` or RFC 3339.

use std::fmt;

/// A calendar date with an optional time, as written in front matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    /// Gregorian year.
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
    /// Seconds since 1970-01-01T00:00:00Z (midnight UTC for plain dates).
    pub timestamp: i64,
    /// The RFC 3339 form (`2015-10-30T00:00:00Z` for a plain date).
    pub rfc3339: String,
    /// Whether a time of day was written (`2015-10-30T09:00:00+02:00`), not only a date.
    pub timed: bool,
}

impl Date {
    /// The `YYYY-MM-DD` form used in `<time datetime>`.
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.frac]](Z|±HH:MM)` or the same with a space.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let bad =
            || format!("`{text}` is not a date: use YYYY-MM-DD or RFC 3339 (2015-10-30T09:00:00Z)");
        let b = text.as_bytes();
        if !text.is_ascii() || b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let year: i32 = digits(&text[0..4]).ok_or_else(bad)? as i32;
        let month = digits(&text[5..7]).ok_or_else(bad)? as u8;
        let day = digits(&text[8..10]).ok_or_else(bad)? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("`{text}` is not a real calendar date"));
        }
        let days = days_from_civil(year, month, day);
        if b.len() == 10 {
            return Ok(Date {
                year,
                month,
                day,
                timestamp: days * 86_400,
                rfc3339: format!("{}T00:00:00Z", &text[..10]),
                timed: false,
            });
        }
        if b[10] != b'T' && b[10] != b't' && b[10] != b' ' {
            return Err(bad());
        }
        let rest = &text[11..];
        if rest.len() < 5 || rest.as_bytes()[2] != b':' {
            return Err(bad());
        }
        let hour = digits(&rest[0..2]).ok_or_else(bad)?;
        let minute = digits(&rest[3..5]).ok_or_else(bad)?;
        let mut rest = &rest[5..];
        let mut second = 0;
        let mut fraction = "";
        if let Some(r) = rest.strip_prefix(':') {
            if r.len() < 2 {
                return Err(bad());
            }
            second = digits(&r[0..2]).ok_or_else(bad)?;
            rest = &r[2..];
            if let Some(r) = rest.strip_prefix('.') {
                let n = r.bytes().take_while(u8::is_ascii_digit).count();
                if n == 0 {
                    return Err(bad());
                }
                fraction = &rest[..n + 1];
                rest = &r[n..];
            }
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(format!("`{text}` has an impossible time of day"));
        }
        let offset = match rest {
            "Z" | "z" => 0,
            "" => {
                return Err(format!(
                    "`{text}` has a time but no time zone: add `Z` or an offset like `+02:00`"
                ))
            }
            _ => {
                let sign = match rest.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return Err(bad()),
                };
                // `+02:00` (RFC 3339), or ISO 8601's basic `+0200` and `+02`, which Hugo
                // accepts too; written out as RFC 3339 either way.
                let r = &rest[1..];
                let (oh, om) = match r.len() {
                    5 if r.as_bytes()[2] == b':' => (&r[0..2], &r[3..5]),
                    4 => (&r[0..2], &r[2..4]),
                    2 => (r, "00"),
                    _ => return Err(bad()),
                };
                let oh = digits(oh).ok_or_else(bad)?;
                let om = digits(om).ok_or_else(bad)?;
                if oh > 23 || om > 59 {
                    return Err(bad());
                }
                sign * (oh * 3600 + om * 60)
            }
        };
        // RFC 3339 as feeds need it: with seconds, `T`, and an extended offset.
        let mut rfc3339 = format!(
            "{}T{hour:02}:{minute:02}:{second:02}{fraction}",
            &text[..10]
        );
        if rest.eq_ignore_ascii_case("z") {
            rfc3339.push_str(rest);
        } else {
            let sign = if rest.starts_with('-') { '-' } else { '+' };
            let abs = offset.abs();
            rfc3339.push_str(&format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60));
        }
        Ok(Date {
            year,
            month,
            day,
            timestamp: days * 86_400 + hour * 3600 + minute * 60 + second - offset,
            rfc3339,
            timed: true,
        })
    }

    /// The date of a UNIX timestamp (UTC), for "today".
    pub fn from_timestamp(ts: i64) -> Date {
        let days = ts.div_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let secs = ts.rem_euclid(86_400);
        Date {
            year,
            month,
            day,
            timestamp: ts,
            rfc3339: format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            ),
            timed: true,
        }
    }

    /// When a date that says "until" ends: at its time, or for a plain date at the end
    /// of that day (UTC), so that `closes: 2026-01-15` is open all of the 15th.
    pub(crate) fn end(&self) -> i64 {
        if self.timed {
            self.timestamp
        } else {
            self.timestamp + 86_400
        }
    }

    /// The offset from UTC its time was written in, in seconds (0 for a plain date).
    pub(crate) fn offset_seconds(&self) -> i32 {
        let local = days_from_civil(self.year, self.month, self.day) * 86_400
            + self
                .rfc3339
                .get(11..19)
                .map(|t| {
                    let n = |r: std::ops::Range<usize>| t.get(r).and_then(digits).unwrap_or(0);
                    n(0..2) * 3600 + n(3..5) * 60 + n(6..8)
                })
                .unwrap_or(0);
        (local - self.timestamp) as i32
    }

    /// An instant as `herald build` prints it: UTC to the minute (`2026-01-16T00:00Z`).
    pub(crate) fn minute_utc(ts: i64) -> String {
        let full = Date::from_timestamp(ts).rfc3339;
        format!("{}Z", &full[..16])
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339)
    }
}

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_8601_basic_offsets_as_hugo_accepts_them() {
        let basic = Date::parse("2015-10-30T10:00:00+0800").unwrap();
        let extended = Date::parse("2015-10-30T10:00:00+08:00").unwrap();
        assert_eq!(basic.timestamp, extended.timestamp);
        assert_eq!(basic.rfc3339, "2015-10-30T10:00:00+08:00");
        let hours = Date::parse("2015-10-30 10:00-05").unwrap();
        assert_eq!(hours.rfc3339, "2015-10-30T10:00:00-05:00");
        assert_eq!(
            hours.timestamp,
            Date::parse("2015-10-30T15:00:00Z").unwrap().timestamp
        );
        assert!(Date::parse("2015-10-30T10:00:00+080").is_err());
        assert!(Date::parse("2015-10-30T10:00:00+2400").is_err());
        assert_eq!(
            Date::parse("2015-10-30T10:00:00Z").unwrap().rfc3339,
            "2015-10-30T10:00:00Z"
        );
    }

    #[test]
    fn plain_and_rfc3339_dates() {
        let d = Date::parse("2015-10-30").unwrap();
        assert_eq!(
            (d.year, d.month, d.day, d.timestamp),
            (2015, 10, 30, 1_446_163_200)
        );
        let t = Date::parse("2015-10-30T02:00:00+02:00").unwrap();
        assert_eq!(t.timestamp, 1_446_163_200);
        assert!(Date::parse("2015-02-29").is_err());
        assert!(Date::parse("2016-02-29").is_ok());
        assert!(Date::parse("30/10/2015").is_err());
        assert!(Date::parse("2015-10-30T10:00").is_err());
        assert_eq!(Date::from_timestamp(1_446_163_200).ymd(), "2015-10-30");
        // Multi-byte characters where digits belong are errors, not panics.
        assert!(Date::parse("2015-10-3é").is_err());
        assert!(Date::parse("2015-10-30T10:1é").is_err());
    }
}
