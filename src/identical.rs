//! Text a translation shares with its source: when `check` takes it for text nobody
//! has translated yet, when it is the same by nature (nothing in it to translate), and
//! the `# herald: same` comment with which a translator says it is the same on purpose.

/// What a comment says to mark a text or a string as the same as its source on purpose.
pub(crate) const MARKER: &str = "herald: same";

/// Whether a comment's text (after its `#`) is the marker: `herald: same`, alone or
/// followed by a reason (`herald: same (a brand name)`).
pub(crate) fn is_marker(comment: &str) -> bool {
    comment
        .trim()
        .strip_prefix(MARKER)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
}

/// Whether the YAML front matter `yaml` has a comment line that is the marker.
pub(crate) fn marked_in_yaml(yaml: &str) -> bool {
    yaml.lines()
        .filter_map(|line| line.trim_start().strip_prefix('#'))
        .any(is_marker)
}

/// Whether `text` is the same in every language by nature, so that a translation
/// identical to it is no sign of work left undone: it has no letters (numbers,
/// punctuation, only placeables), or it is a single URL, e-mail address or path.
pub(crate) fn same_by_nature(text: &str) -> bool {
    if !text.chars().any(char::is_alphabetic) {
        return true;
    }
    let mut words = text.split_whitespace();
    match (words.next(), words.next()) {
        (Some(word), None) => {
            let word = word.trim_matches(|c| matches!(c, '<' | '>'));
            word.contains("://")
                || word.starts_with("mailto:")
                || word.starts_with('/')
                || word.starts_with("www.")
                || word
                    .split_once('@')
                    .is_some_and(|(_, host)| host.contains('.'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_may_give_a_reason() {
        assert!(is_marker(" herald: same"));
        assert!(is_marker("herald: same (a brand name)"));
        assert!(is_marker("herald: same, a name"));
        assert!(!is_marker("herald: sameness"));
        assert!(!is_marker("translate this"));
        assert!(marked_in_yaml("title: ICANN\n  # herald: same\n"));
        assert!(!marked_in_yaml("title: ICANN # herald: same\n"));
    }

    #[test]
    fn numbers_and_addresses_are_the_same_by_nature() {
        for text in [
            "2024",
            "1.5 %",
            "",
            " https://example.org/a ",
            "<https://example.org>",
            "info@example.org",
            "/fr/tags/",
        ] {
            assert!(same_by_nature(text), "{text:?}");
        }
        for text in ["Tags", "Read more", "see https://example.org", "ICANN"] {
            assert!(!same_by_nature(text), "{text:?}");
        }
    }
}
