//! serde_yaml's errors said in plain words, at the place of the mistake: the common
//! slips (a `:` in an unquoted value, a tab, an unclosed quote or bracket, `key:value`)
//! named with their fix, and type errors without the parser's vocabulary or herald's
//! internal type names.

use crate::diagnostics::did_you_mean;

/// What went wrong in a YAML text, in plain words, at a 1-based line and column of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Explained {
    /// 1-based line in the YAML text.
    pub line: usize,
    /// 1-based column (in characters).
    pub col: usize,
    /// The message.
    pub message: String,
}

/// Explains `e`, an error serde_yaml gave for `text`; `doc` names the text in messages
/// (`the front matter`, `site.yaml`).
pub(crate) fn explain(text: &str, e: &serde_yaml::Error, doc: &str) -> Explained {
    let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let raw = Raw::parse(&e.to_string());
    let at = |line: usize, col: usize, message: String| Explained { line, col, message };
    if let Some(found) = missing_space(text, &raw, line) {
        return found;
    }
    if raw.context.is_some() || raw.syntax() {
        if let Some(found) = syntax(text, &raw, line, col) {
            return found;
        }
        return at(
            line,
            col,
            format!("this is not valid YAML: {}", raw.problem),
        );
    }
    let (line, col) = match raw.duplicate_key() {
        Some(key) if raw.path.is_none() => second_key(text, key).unwrap_or((line, col)),
        _ => (line, col),
    };
    at(line, col, shape(&raw, doc))
}

/// An error message taken apart: `path: problem at line L column C, context at line …`.
struct Raw {
    /// Where in the document a type error is (`languages[0].name`), if it says.
    path: Option<String>,
    /// What is wrong.
    problem: String,
    /// What the parser was doing (`while scanning a quoted scalar`).
    context: Option<String>,
    /// Where that started (1-based line and column).
    context_mark: Option<(usize, usize)>,
}

impl Raw {
    fn parse(msg: &str) -> Raw {
        let mut marks = Vec::new();
        let mut plain = String::new();
        let mut rest = msg;
        while let Some(i) = rest.find(" at line ") {
            plain.push_str(&rest[..i]);
            let after = &rest[i + " at line ".len()..];
            let line: String = after.chars().take_while(char::is_ascii_digit).collect();
            let after = &after[line.len()..];
            let Some(cols) = after.strip_prefix(" column ") else {
                plain.push_str(" at line ");
                rest = after;
                continue;
            };
            let col: String = cols.chars().take_while(char::is_ascii_digit).collect();
            marks.push((line.parse().unwrap_or(1), col.parse().unwrap_or(1)));
            rest = &cols[col.len()..];
        }
        plain.push_str(rest);
        let (problem, context) = match plain.split_once(", while ") {
            Some((p, c)) => (p.to_string(), Some(format!("while {c}"))),
            None => (plain, None),
        };
        // A type error names where it is first: `languages[0].name: invalid type …`.
        let (path, problem) = match problem.split_once(": ") {
            Some((p, rest))
                if !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_alphanumeric() || "_-.[]".contains(c)) =>
            {
                (Some(p.to_string()), rest.to_string())
            }
            _ => (None, problem),
        };
        Raw {
            path,
            problem,
            context_mark: marks.get(1).copied().filter(|_| context.is_some()),
            context,
        }
    }

    /// Whether the problem is the YAML parser's (not a value of the wrong type).
    fn syntax(&self) -> bool {
        const SHAPE: [&str; 9] = [
            "invalid type",
            "invalid value",
            "invalid length",
            "unknown field",
            "unknown variant",
            "missing field",
            "duplicate field",
            "data did not match",
            "recursion limit",
        ];
        !SHAPE.iter().any(|s| self.problem.starts_with(s))
    }

    /// The key of a `duplicate field `key`` error.
    fn duplicate_key(&self) -> Option<&str> {
        ticked(self.problem.strip_prefix("duplicate field ")?)
    }
}

/// The text between the first pair of backticks.
fn ticked(text: &str) -> Option<&str> {
    let start = text.find('`')? + 1;
    let end = start + text[start..].find('`')?;
    Some(&text[start..end])
}

/// Line `n` (1-based) of `text`, without its line break.
fn line_of(text: &str, n: usize) -> &str {
    let line = text
        .split('\n')
        .nth(n.saturating_sub(1))
        .unwrap_or_default();
    line.strip_suffix('\r').unwrap_or(line)
}

/// The character at 1-based column `col` of `line`.
fn char_at(line: &str, col: usize) -> Option<char> {
    line.chars().nth(col.saturating_sub(1))
}

/// `key:value` with no space after the colon, which YAML reads as one piece of text: on
/// the line where the parser's trouble began, or as the text a mapping was expected to be.
fn missing_space(text: &str, raw: &Raw, line: usize) -> Option<Explained> {
    let found_text = raw
        .problem
        .strip_prefix("invalid type: string \"")
        .and_then(|s| s.split_once('"'))
        .map(|(s, _)| s);
    let candidates: Vec<usize> = match (found_text, raw.context_mark) {
        (Some(s), _) => {
            let (key, _) = glued(s)?;
            (line..=line_count(text))
                .find(|&n| glued(line_of(text, n).trim_start()).is_some_and(|(k, _)| k == key))
                .into_iter()
                .collect()
        }
        (None, Some((start, _))) if raw.syntax() => (start..=line).collect(),
        (None, None) if raw.syntax() => vec![line],
        _ => return None,
    };
    candidates.into_iter().find_map(|n| {
        let full = line_of(text, n);
        let indent = full.len() - full.trim_start().len();
        let (key, value) = glued(&full[indent..])?;
        let col = full[..indent + key.len() + 1].chars().count() + 1;
        Some(Explained {
            line: n,
            col,
            message: format!(
                "`{key}:{value}` needs a space after the colon, or YAML reads it all as text: write `{key}: {value}`"
            ),
        })
    })
}

/// `key:value` at the start of `line`: a plain key, a colon and no space.
fn glued(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let plain_key = !key.is_empty()
        && key.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let value = value.trim_end();
    (plain_key && !value.is_empty() && !value.starts_with([' ', '\t', ':', '/']))
        .then_some((key, value))
}

fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// The parser's common complaints, in plain words.
fn syntax(text: &str, raw: &Raw, line: usize, col: usize) -> Option<Explained> {
    let problem = raw.problem.as_str();
    let context = raw.context.as_deref().unwrap_or_default();
    let here = line_of(text, line);
    let at = |line: usize, col: usize, message: String| Some(Explained { line, col, message });
    if problem.contains("tab") || char_at(here, col) == Some('\t') {
        let start = raw.context_mark.map_or(line, |(l, _)| l.min(line));
        let (tab_line, tab_col) = (start..=line)
            .rev()
            .find_map(|n| {
                let l = line_of(text, n);
                let indent = &l[..l.len() - l.trim_start().len()];
                indent.chars().position(|c| c == '\t').map(|i| (n, i + 1))
            })
            .unwrap_or((line, col));
        return at(
            tab_line,
            tab_col,
            "a tab indents this line: YAML indents with spaces only; use spaces (or none, for a key at the top)".into(),
        );
    }
    if problem == "mapping values are not allowed in this context" {
        return colon_in_value(here, line, col);
    }
    if let Some((mark_line, mark_col)) = raw.context_mark {
        let opened = char_at(line_of(text, mark_line), mark_col);
        match (context, opened) {
            (c, Some(q @ ('"' | '\''))) if c.ends_with("a quoted scalar") => {
                if problem.starts_with("found unknown escape character") {
                    return at(
                        line,
                        col,
                        format!(
                            "`\\{}` is not an escape YAML knows between double quotes: use single quotes (`'C:\\files'`) or write the backslash twice (`\\\\`)",
                            char_at(here, col + 1).unwrap_or(' ')
                        ),
                    );
                }
                return at(
                    mark_line,
                    mark_col,
                    format!("the quote `{q}` that opens this value is never closed: end the value with `{q}` on the same line"),
                );
            }
            ("while parsing a flow sequence", Some('[')) => {
                return at(
                    mark_line,
                    mark_col,
                    "the list that `[` opens here is never closed: end it with `]` (`tags: [a, b]`)".into(),
                );
            }
            ("while parsing a flow mapping", Some('{')) => {
                return at(
                    mark_line,
                    mark_col,
                    "the `{` opened here is never closed: end it with `}` (`image: { src: map.png, alt: Map }`)".into(),
                );
            }
            _ => {}
        }
        if problem.starts_with("could not find expected ':'") {
            return at(
                mark_line,
                mark_col,
                "YAML expected `key: value` on this line: a key, a colon, a space and the value"
                    .into(),
            );
        }
    }
    let c = char_at(here, col);
    match problem {
        "did not find expected key" => match c {
            Some(close @ (']' | '}')) => at(
                line,
                col,
                format!("this `{close}` closes nothing: remove it, or put the whole value in quotes"),
            ),
            _ if here[..here.char_indices().nth(col - 1).map_or(here.len(), |(i, _)| i)]
                .trim_end()
                .ends_with(['"', '\'']) =>
            {
                at(
                    line,
                    col,
                    "text after the closing quote: put the whole value between the quotes".into(),
                )
            }
            _ => misaligned(here, line),
        },
        "found character that cannot start any token" | "unknown anchor" => {
            let c = if problem == "unknown anchor" { '*' } else { c? };
            at(
                line,
                col,
                format!(
                    "a value cannot start with `{c}` in YAML: put it in quotes: `{}`",
                    quoted_here(here, col)
                ),
            )
        }
        "did not find expected '-' indicator" => misaligned(here, line),
        "deserializing from YAML containing more than one document is not supported" => {
            let second = text
                .split('\n')
                .enumerate()
                .skip(1)
                .find(|(_, l)| l.trim_end() == "---")
                .map_or(1, |(i, _)| i + 1);
            at(
                second,
                1,
                "a `---` line here starts a second YAML document: remove it".into(),
            )
        }
        "block sequence entries are not allowed in this context" => at(
            line,
            col,
            "a `- ` list item cannot follow a key on its line: put each item on a line of its own, indented, or write `[a, b]`".into(),
        ),
        _ => None,
    }
}

/// `title: A: B`: the value holds `: `, so YAML reads another key; or the line is
/// indented, so it continues the value above.
fn colon_in_value(here: &str, line: usize, col: usize) -> Option<Explained> {
    let indent = here.len() - here.trim_start().len();
    let first_colon = here[indent..].find(':').map(|i| indent + i)?;
    let first_col = here[..first_colon].chars().count() + 1;
    let key = here[indent..first_colon].trim();
    if col > first_col {
        let value = here[first_colon + 1..].trim();
        return Some(Explained {
            line,
            col,
            message: format!(
                "the value of `{key}` contains `: `, which YAML reads as the start of another key: put the value in quotes: `{key}: \"{}\"`",
                quote_escape(value)
            ),
        });
    }
    (indent > 0).then(|| Explained {
        line,
        col: here[..indent].chars().count() + 1,
        message: format!(
            "`{key}:` is indented further than the key above it, so YAML reads it as part of that key's value: line it up with the keys it belongs with"
        ),
    })
}

/// A line indented unlike the keys it belongs with.
fn misaligned(here: &str, line: usize) -> Option<Explained> {
    let indent = here.len() - here.trim_start().len();
    let key = here
        .trim_start()
        .split(':')
        .next()
        .unwrap_or_default()
        .trim_end();
    (!key.is_empty()).then(|| Explained {
        line,
        col: here[..indent].chars().count() + 1,
        message: format!("`{key}` is indented unlike the lines around it: line it up with the keys it belongs with"),
    })
}

/// The value that starts at column `col` of `line`, quoted: with its key when it is the
/// whole value (`title: "@home"`), else alone (`"*b"` in a list).
fn quoted_here(line: &str, col: usize) -> String {
    let start = line
        .char_indices()
        .nth(col - 1)
        .map_or(line.len(), |(i, _)| i);
    if let Some((key, value)) = line.split_once(": ") {
        if key.len() + 2 + (value.len() - value.trim_start().len()) == start {
            return format!("{key}: \"{}\"", quote_escape(value.trim()));
        }
    }
    let token = line[start..]
        .split([',', ']', '}'])
        .next()
        .unwrap_or_default()
        .trim();
    format!("\"{}\"", quote_escape(token))
}

/// `value` between double quotes in YAML.
fn quote_escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The line and column of the second top-level `key:` in `text`.
fn second_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.split('\n')
        .enumerate()
        .filter(|(_, l)| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .nth(1)
        .map(|(i, _)| (i + 1, 1))
}

/// A value of the wrong shape, a key herald does not read, a key missing or twice.
fn shape(raw: &Raw, doc: &str) -> String {
    let problem = raw.problem.as_str();
    let subject = raw.path.as_deref().map(|p| format!("`{p}`"));
    let within = raw
        .path
        .as_deref()
        .map(|p| format!(" in `{p}`"))
        .unwrap_or_default();
    if let Some(rest) = problem.strip_prefix("unknown field ") {
        let key = ticked(rest).unwrap_or_default();
        let keys = listed(rest);
        return unknown_key(key, &within, &keys, "");
    }
    if let Some(rest) = problem.strip_prefix("unknown variant ") {
        let value = ticked(rest).unwrap_or_default();
        let allowed = listed(rest);
        let list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>();
        let what = subject.unwrap_or_else(|| "the value".into());
        return match did_you_mean(value, allowed.iter().map(String::as_str)) {
            Some(close) => format!("{what} cannot be `{value}`: did you mean `{close}`?"),
            None => format!("{what} must be one of {}, not `{value}`", list.join(", ")),
        };
    }
    if let Some(rest) = problem.strip_prefix("missing field ") {
        let key = ticked(rest).unwrap_or_default();
        return match subject {
            Some(s) => format!("{s} has no `{key}:`, which it needs"),
            None => format!("{doc} has no `{key}:`, which it needs"),
        };
    }
    if let Some(key) = raw.duplicate_key() {
        return format!("`{key}` is set twice{within}: keep one");
    }
    if problem.starts_with("recursion limit") {
        return format!("{doc} nests too deeply");
    }
    for kind in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = problem.strip_prefix(kind) {
            if let Some((found, expected)) = rest.rsplit_once(", expected ") {
                return wrong_type(subject.as_deref(), doc, found, expected);
            }
        }
    }
    match subject {
        Some(s) => format!("{s}: {problem}"),
        None => problem.to_string(),
    }
}

/// ``unknown key `tilte`: did you mean `title`?``, or the keys there are and `hint`;
/// `within` says where (`` in `languages[0]` ``, or nothing at the top).
pub(crate) fn unknown_key<S: AsRef<str>>(
    key: &str,
    within: &str,
    keys: &[S],
    hint: &str,
) -> String {
    match did_you_mean(key, keys.iter().map(AsRef::as_ref)) {
        Some(close) => format!("unknown key `{key}`{within}: did you mean `{close}`?"),
        None => format!(
            "unknown key `{key}`{within}: the keys are {}{hint}",
            keys.iter()
                .map(|k| format!("`{}`", k.as_ref()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The names in ``expected one of `a`, `b` `` (or ``expected `a` ``).
fn listed(rest: &str) -> Vec<String> {
    let Some((_, list)) = rest.split_once("expected ") else {
        return Vec::new();
    };
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// `` `draft` must be `true` or `false`, not `maybe` ``.
fn wrong_type(subject: Option<&str>, doc: &str, found: &str, expected: &str) -> String {
    let wanted = match expected {
        "a string" | "a borrowed string" | "string" => "text",
        "a boolean" => "`true` or `false`",
        "a sequence" | "a list" => "a list (`[a, b]`, or one `- item` per line)",
        e if e == "a YAML mapping" || e.starts_with("struct ") || e.contains("map") => {
            "`key: value` lines"
        }
        "usize" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "an integer" => "a whole number",
        e => e,
    };
    let shown = if let Some(s) = found.strip_prefix("string ") {
        format!("`{}`", s.trim_matches('"'))
    } else {
        match found.split_once(' ') {
            Some(("boolean" | "integer" | "floating", value)) => {
                format!("`{}`", value.trim_start_matches("point ").trim_matches('`'))
            }
            _ => match found {
                "sequence" => "a list",
                "map" => "`key: value` lines",
                "unit value" => "empty",
                other => other,
            }
            .to_string(),
        }
    };
    // A list or a map where text was expected: `[Draft]` and `{x}` are not text in YAML.
    let hint = if wanted == "text" && (found == "sequence" || found == "map") {
        " (put the value in quotes if it is meant as text)"
    } else {
        ""
    };
    match subject {
        Some(s) => format!("{s} must be {wanted}, not {shown}{hint}"),
        None if found == "unit value" => format!("{doc} is empty"),
        None => format!("{doc} must be {wanted}, not {shown}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain message of the error serde_yaml gives for `yaml` as `T`, with its place.
    fn explained<T: serde::de::DeserializeOwned>(yaml: &str) -> (usize, usize, String) {
        let e = serde_yaml::from_str::<T>(yaml)
            .err()
            .unwrap_or_else(|| panic!("an error in {yaml:?}"));
        let x = explain(yaml, &e, "the front matter");
        (x.line, x.col, x.message)
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: Option<String>,
        date: Option<String>,
        draft: Option<bool>,
        tags: Option<Vec<String>>,
        count: Option<usize>,
        raw_html: Option<Policy>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "lowercase")]
    enum Policy {
        Sanitize,
        Escape,
    }

    #[test]
    fn the_common_slips_are_named_with_their_fix() {
        assert_eq!(
            explained::<Doc>("title: A: B\ndate: x\n"),
            (1, 9, "the value of `title` contains `: `, which YAML reads as the start of another key: put the value in quotes: `title: \"A: B\"`".into())
        );
        assert_eq!(
            explained::<Doc>("title: A\n\tdate: x\n"),
            (2, 1, "a tab indents this line: YAML indents with spaces only; use spaces (or none, for a key at the top)".into())
        );
        assert_eq!(
            explained::<Doc>("title: \"A\ndate: x\n").2,
            "the quote `\"` that opens this value is never closed: end the value with `\"` on the same line"
        );
        assert_eq!(explained::<Doc>("title: \"A\ndate: x\n").0, 1);
        assert_eq!(
            explained::<Doc>("title: A\ntags: [a, b\ndate: x\n"),
            (
                2,
                7,
                "the list that `[` opens here is never closed: end it with `]` (`tags: [a, b]`)"
                    .into()
            )
        );
        assert_eq!(
            explained::<Doc>("title:Next Round\ndate: x\n"),
            (1, 7, "`title:Next Round` needs a space after the colon, or YAML reads it all as text: write `title: Next Round`".into())
        );
        assert_eq!(
            explained::<Doc>("date: x\ntitle:Next\n"),
            (2, 7, "`title:Next` needs a space after the colon, or YAML reads it all as text: write `title: Next`".into())
        );
        assert_eq!(
            explained::<Doc>("title: A\ndate: x\n  draft: true\n"),
            (3, 3, "`draft:` is indented further than the key above it, so YAML reads it as part of that key's value: line it up with the keys it belongs with".into())
        );
        assert_eq!(
            explained::<Doc>("title: @home\n"),
            (
                1,
                8,
                "a value cannot start with `@` in YAML: put it in quotes: `title: \"@home\"`"
                    .into()
            )
        );
        assert_eq!(
            explained::<Doc>("title: \"a\" b\n"),
            (
                1,
                12,
                "text after the closing quote: put the whole value between the quotes".into()
            )
        );
    }

    #[test]
    fn type_errors_speak_of_text_lists_and_keys() {
        assert_eq!(
            explained::<Doc>("draft: maybe\n"),
            (
                1,
                8,
                "`draft` must be `true` or `false`, not `maybe`".into()
            )
        );
        assert_eq!(
            explained::<Doc>("title: [A]\n").2,
            "`title` must be text, not a list (put the value in quotes if it is meant as text)"
        );
        assert_eq!(
            explained::<Doc>("draft: 1\n").2,
            "`draft` must be `true` or `false`, not `1`"
        );
        assert_eq!(
            explained::<Doc>("tags: a\n").2,
            "`tags` must be a list (`[a, b]`, or one `- item` per line), not `a`"
        );
        assert_eq!(
            explained::<Doc>("count: -1\n").2,
            "`count` must be a whole number, not `-1`"
        );
        assert_eq!(
            explained::<Doc>("- a\n").2,
            "the front matter must be `key: value` lines, not a list"
        );
        assert_eq!(
            explained::<Doc>("tilte: A\n").2,
            "unknown key `tilte`: did you mean `title`?"
        );
        assert_eq!(
            explained::<Doc>("colour: A\n").2,
            "unknown key `colour`: the keys are `title`, `date`, `draft`, `tags`, `count`, `raw_html`"
        );
        assert_eq!(
            explained::<Doc>("raw_html: escpae\n").2,
            "`raw_html` cannot be `escpae`: did you mean `escape`?"
        );
        assert_eq!(
            explained::<Doc>("title: A\ndate: x\ntitle: B\n"),
            (3, 1, "`title` is set twice: keep one".into())
        );
    }
}
