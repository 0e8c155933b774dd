//! A Hugo page's front matter (YAML `---`, TOML `+++` or JSON `{`), its dates, and
//! the herald front matter made from it.

use serde_yaml::{Mapping, Value};

use super::config::{json_to_yaml, parse_any};
use crate::diagnostics::LineIndex;

/// A Hugo content file split into its front matter and body.
pub struct Parsed {
    /// The front matter, keys in file order.
    pub front: Mapping,
    /// The Markdown after it.
    pub body: String,
    /// 1-based line of the body's first line in the Hugo file.
    pub body_line: usize,
}

/// Splits and parses a Hugo file; an error is (line, column, message) in the file.
pub fn parse(text: &str) -> Result<Parsed, (usize, usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Hugo allows blank lines before the front matter.
    let start = text.len() - text.trim_start().len();
    let start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let rest = &text[start..];
    let index = LineIndex::new(text);
    let at = |offset: usize, msg: String| {
        let (l, c) = index.position(offset);
        (l, c, msg)
    };
    let first_line = rest.lines().next().unwrap_or_default().trim_end();
    let (delim, ext) = match first_line {
        "---" => ("---", "yaml"),
        "+++" => ("+++", "toml"),
        _ if rest.starts_with('{') => return parse_json(text, start),
        _ => {
            return Ok(Parsed {
                front: Mapping::new(),
                body: text.to_string(),
                body_line: 1,
            })
        }
    };
    let fm_start = start + first_line.len() + 1;
    let mut offset = fm_start.min(text.len());
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map(|i| offset + i)
            .unwrap_or(text.len());
        if text[offset..end].trim_end() == delim {
            let body_start = (end + 1).min(text.len());
            let front = match parse_any(&text[fm_start..offset], ext) {
                Ok(Value::Mapping(m)) => m,
                Ok(Value::Null) => Mapping::new(),
                Ok(_) => {
                    return Err(at(
                        fm_start,
                        "the front matter must be `key: value` lines".into(),
                    ))
                }
                Err((o, msg)) => return Err(at(fm_start + o, msg)),
            };
            return Ok(Parsed {
                front,
                body: text[body_start..].to_string(),
                body_line: index.position(body_start).0,
            });
        }
        offset = end + 1;
    }
    Err(at(
        start,
        format!("the front matter that starts here is never closed with `{delim}`"),
    ))
}

fn parse_json(text: &str, start: usize) -> Result<Parsed, (usize, usize, String)> {
    let mut stream =
        serde_json::Deserializer::from_str(&text[start..]).into_iter::<serde_json::Value>();
    match stream.next() {
        Some(Ok(v)) => {
            let end = start + stream.byte_offset();
            let body_start = text[end..]
                .find('\n')
                .map(|i| end + i + 1)
                .unwrap_or(text.len());
            let front = match json_to_yaml(v) {
                Value::Mapping(m) => m,
                _ => Mapping::new(),
            };
            Ok(Parsed {
                front,
                body: text[body_start..].to_string(),
                body_line: LineIndex::new(text).position(body_start).0,
            })
        }
        Some(Err(e)) => Err((
            LineIndex::new(text).position(start).0 + e.line() - 1,
            e.column(),
            e.to_string(),
        )),
        None => Err((1, 1, "the JSON front matter is empty".into())),
    }
}

/// A Hugo date in the form herald reads: `YYYY-MM-DD`, or RFC 3339 with seconds and
/// a zone. Hugo's other forms are accepted: a space for `T`, no seconds, `+0800` or
/// `+08` for `+08:00`, `UTC` for `Z`, a trailing zone name (`+0800 CST`). The bool
/// says whether the date had a time but no zone (then read as UTC).
pub fn normalise_date(input: &str) -> Option<(String, bool)> {
    let s = input.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|_| &s[r])
    };
    let date = format!("{}-{}-{}", digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let checked = |text: String| crate::date::Date::parse(&text).ok().map(|_| text);
    let rest = s[10..].trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return checked(date).map(|d| (d, false));
    }
    let rb = rest.as_bytes();
    let hour = rest.get(0..2).filter(|_| rb.get(2) == Some(&b':'))?;
    let minute = rest.get(3..5)?;
    let mut i = 5;
    let mut second = "00";
    if rb.get(5) == Some(&b':') {
        second = rest.get(6..8)?;
        i = 8;
        if rb.get(8) == Some(&b'.') {
            let n = rb[9..].iter().take_while(|c| c.is_ascii_digit()).count();
            i = 9 + n;
        }
    }
    if ![hour, minute, second]
        .iter()
        .all(|p| p.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let zone = rest[i..].trim_start();
    let (offset, no_zone) = parse_zone(zone)?;
    checked(format!("{date}T{hour}:{minute}:{second}{offset}")).map(|d| (d, no_zone))
}

/// `Z`, `+08:00`, `+0800`, `+08`, `UTC`, `GMT`, optionally followed by a zone name; none is UTC.
fn parse_zone(zone: &str) -> Option<(String, bool)> {
    let word = zone.split_whitespace().next().unwrap_or_default();
    if word.is_empty() {
        return Some(("Z".into(), true));
    }
    if matches!(word, "Z" | "z" | "UTC" | "GMT") {
        return Some(("Z".into(), false));
    }
    let (sign, num) = (word.get(..1)?, word.get(1..)?);
    if sign != "+" && sign != "-" {
        // A zone name alone (`CST`): its offset is unknown here.
        return Some(("Z".into(), true));
    }
    let num = num.replace(':', "");
    if !num.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match num.len() {
        2 => (&num[..2], "00"),
        4 => (&num[..2], &num[2..]),
        _ => return None,
    };
    if (h, m) == ("00", "00") {
        return Some(("Z".into(), false));
    }
    Some((format!("{sign}{h}:{m}"), false))
}

/// The value as text, if it is a scalar (`2015` is a number in YAML).
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// A list of strings (a single string is a list of one).
pub fn string_list(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Sequence(items) => items.iter().map(scalar_text).collect(),
        other => scalar_text(other).map(|s| vec![s]),
    }
}

/// Hugo's `urlize`, held to herald's URL segment rule: lower case (when Hugo lowers
/// paths), spaces and refused characters become `-`, runs of `-` become one.
pub fn urlize(text: &str, lower: bool) -> String {
    use crate::content::front_matter::is_segment_char;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if lower {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        };
        if is_segment_char(c) && c != '.' {
            out.push(c);
        } else if c == '.' && !out.is_empty() {
            out.push('.');
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(['-', '.']).to_string();
    if out.is_empty() {
        "post".into()
    } else if crate::content::front_matter::is_windows_reserved(&out) {
        format!("{out}-post")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let n = |s: &str| normalise_date(s).map(|d| d.0);
        assert_eq!(n("2015-05-01").as_deref(), Some("2015-05-01"));
        assert_eq!(
            n("2015-05-01T10:00:00Z").as_deref(),
            Some("2015-05-01T10:00:00Z")
        );
        assert_eq!(
            n("2015-05-01T10:00:00+0800").as_deref(),
            Some("2015-05-01T10:00:00+08:00")
        );
        assert_eq!(
            n("2015-05-01 10:00").as_deref(),
            Some("2015-05-01T10:00:00Z")
        );
        assert!(normalise_date("2015-05-01 10:00").unwrap().1);
        assert_eq!(
            n("2015-05-01 10:00:00 +0800 CST").as_deref(),
            Some("2015-05-01T10:00:00+08:00")
        );
        assert_eq!(
            n("2015-05-01T10:00:00.123-05:00").as_deref(),
            Some("2015-05-01T10:00:00-05:00")
        );
        assert_eq!(n("May 1, 2015"), None);
        assert_eq!(n("2015-02-30"), None);
    }

    #[test]
    fn urlized() {
        assert_eq!(urlize("Hello, World!", true), "hello-world");
        assert_eq!(urlize("合作 备忘录", true), "合作-备忘录");
        assert_eq!(urlize("CON", true), "con-post");
        assert_eq!(urlize("???", true), "post");
    }

    #[test]
    fn splits() {
        let p = parse("\n\n---\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!(p.body, "body\n");
        assert_eq!(p.body_line, 6);
        let p = parse("+++\ntitle = \"A\"\ndate = 2015-05-01T10:00:00+08:00\n+++\nx").unwrap();
        assert_eq!(
            p.front.get("date").and_then(Value::as_str),
            Some("2015-05-01T10:00:00+08:00")
        );
        let e = parse("---\ntitle: [\n---\n").err().unwrap();
        assert!(e.0 >= 2, "{e:?}");
    }
}
