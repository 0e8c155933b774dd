//! URL path segments: the characters a slug, tag, kind, announcement name or alias
//! segment may hold, and the names Windows reserves.

/// The characters a slug, tag, announcement name or alias segment may hold, in the
/// words of every message about them; [`is_segment_char`] is the same rule in code.
pub const SEGMENT_CHARS: &str =
    "letters, digits and combining marks of any script, `-`, `_` and `.`";

/// Whether `c` may appear in a slug, tag, announcement name or alias segment
/// ([`SEGMENT_CHARS`]): what RFC 3986 leaves unreserved, widened to every script.
pub fn is_segment_char(c: char) -> bool {
    use icu_properties::{props::GeneralCategoryGroup, CodePointMapData};
    c.is_alphanumeric()
        || matches!(c, '-' | '_' | '.')
        || (!c.is_ascii()
            && GeneralCategoryGroup::Mark
                .contains(CodePointMapData::<icu_properties::props::GeneralCategory>::new().get(c)))
}

/// The first character of `segment` that [`is_segment_char`] refuses, as a message shows it.
pub(crate) fn refused_char(segment: &str) -> Option<String> {
    let c = segment.chars().find(|&c| !is_segment_char(c))?;
    Some(match c {
        ' ' => "a space".to_string(),
        '`' => "a backtick".to_string(),
        c if c.is_whitespace() || c.is_control() => format!("U+{:04X}", c as u32),
        c if c.is_ascii() => format!("`{c}`"),
        c => format!("`{c}` (U+{:04X})", c as u32),
    })
}

/// Why `segment` cannot be one plain URL path segment, if it cannot.
pub fn check_segment(segment: &str) -> Result<(), String> {
    if segment.is_empty() {
        return Err("is empty".into());
    }
    if segment.starts_with('.') {
        return Err("must not start with a dot".into());
    }
    if segment.contains(['/', '\\']) {
        return Err("must be one URL segment (no `/` or `\\`)".into());
    }
    if let Some(c) = refused_char(segment) {
        return Err(format!("may only contain {SEGMENT_CHARS}, not {c}"));
    }
    if is_windows_reserved(segment) {
        return Err(
            "is a name Windows reserves (CON, NUL, COM1, …): the site could not be copied there"
                .into(),
        );
    }
    Ok(())
}

/// Whether Windows refuses `name` as a file name (CON, PRN, AUX, NUL, COM1–9, LPT1–9,
/// with any extension, or a name ending in a dot or space).
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    reserved || name.ends_with('.') || name.ends_with(' ')
}
