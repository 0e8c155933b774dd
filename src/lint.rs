//! The Fluent lint: what translators need to know about interface strings.
//!
//! Missing messages, unused ones, variables that differ from the source message,
//! plural selects without the categories CLDR requires for the language. Syntax
//! errors and duplicate ids are reported when the bundles are built (`i18n`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use fluent_syntax::ast;
use icu_plurals::PluralCategory;

use crate::config::Config;
use crate::diagnostics::{short_list, thousands, Diagnostic, LIST_SHOWN};
use crate::i18n::{message_ids, message_lines, LocaleFile};

/// One message as the lint sees it.
#[derive(Debug, Clone)]
pub struct MessageInfo {
    /// Where it is defined.
    pub path: PathBuf,
    /// 1-based line of its definition.
    pub line: usize,
    /// Variables it uses (`$count` → `count`).
    pub variables: BTreeSet<String>,
    /// For each select on a plural category: the categories it has and the line of its selector.
    pub plural_selects: Vec<BTreeSet<String>>,
    /// Whether it comes from the theme.
    pub from_theme: bool,
    /// A hash of its value and attributes: the same in two languages when the text is.
    pub text_hash: u64,
    /// Its text has nothing to translate (see [`crate::identical::same_by_nature`]).
    pub same_by_nature: bool,
    /// The comment above it says `# herald: same`.
    pub marked_same: bool,
}

/// Every message of every language: language → id → info.
pub type Messages = BTreeMap<String, BTreeMap<String, MessageInfo>>;

/// Parses every file once into [`Messages`] (the site's win over the theme's).
pub fn messages(files: &[LocaleFile]) -> Messages {
    let mut out: BTreeMap<String, BTreeMap<String, MessageInfo>> = BTreeMap::new();
    for layer in [true, false] {
        // A file nested too deep is an error of its own (`i18n`), not parsed.
        let parsed = files
            .iter()
            .filter(|f| f.from_theme == layer && crate::i18n::too_deep(&f.text).is_none());
        for file in parsed {
            let lines: rustc_hash::FxHashMap<&str, usize> = message_lines(&file.text).collect();
            let resource = match fluent_syntax::parser::parse(file.text.as_str()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            for entry in &resource.body {
                if let ast::Entry::Message(m) = entry {
                    let mut info = MessageInfo {
                        path: file.path.clone(),
                        line: lines.get(m.id.name).copied().unwrap_or(1),
                        variables: BTreeSet::new(),
                        plural_selects: Vec::new(),
                        from_theme: layer,
                        text_hash: crate::hash::stable_hash(&format!(
                            "{:?}{:?}",
                            m.value, m.attributes
                        )),
                        same_by_nature: false,
                        marked_same: m.comment.as_ref().is_some_and(|c| {
                            c.content
                                .iter()
                                .any(|line| crate::identical::is_marker(line))
                        }),
                    };
                    let mut text = String::new();
                    if let Some(pattern) = &m.value {
                        walk_pattern(pattern, &mut info, &mut text);
                    }
                    for attribute in &m.attributes {
                        walk_pattern(&attribute.value, &mut info, &mut text);
                    }
                    info.same_by_nature = crate::identical::same_by_nature(&text);
                    out.entry(file.lang.clone())
                        .or_default()
                        .insert(m.id.name.to_string(), info);
                }
            }
        }
    }
    out
}

/// Reads what the lint needs of a pattern into `info`, and its text (without the
/// placeables; every variant's) into `text`.
fn walk_pattern(pattern: &ast::Pattern<&str>, info: &mut MessageInfo, text: &mut String) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::Placeable { expression } => {
                walk_expression(expression, info, text)
            }
            ast::PatternElement::TextElement { value } => {
                text.push_str(value);
                text.push(' ');
            }
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, info: &mut MessageInfo, text: &mut String) {
    match expression {
        ast::Expression::Inline(inline) => walk_inline(inline, info, text),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, info, text);
            let keys: BTreeSet<String> = variants
                .iter()
                .filter_map(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => Some(name.to_string()),
                    ast::VariantKey::NumberLiteral { .. } => None,
                })
                .collect();
            if keys
                .iter()
                .any(|k| PluralCategory::get_for_cldr_string(k).is_some())
            {
                info.plural_selects.push(keys);
            }
            for variant in variants {
                walk_pattern(&variant.value, info, text);
            }
        }
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, info: &mut MessageInfo, text: &mut String) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            info.variables.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, info, text),
        ast::InlineExpression::StringLiteral { value } => text.push_str(value),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                walk_inline(arg, info, text);
            }
            for named in &arguments.named {
                walk_inline(&named.value, info, text);
            }
        }
        _ => {}
    }
}

/// The plural categories CLDR gives `lang` for cardinal numbers: those of the rules pages
/// choose variants with (the patched fluent-bundle's `cldr_plural_rules`).
pub fn plural_categories(lang: &str) -> BTreeSet<String> {
    let rules = lang
        .parse()
        .ok()
        .and_then(|lang| fluent::types::cldr_plural_rules(&lang, false));
    match rules {
        Some(rules) => rules
            .categories()
            .map(|c| category_name(c).to_string())
            .collect(),
        None => ["other".to_string()].into(),
    }
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The message ids the site needs: those the theme declares (its default-language
/// files), the site title and the kinds' labels (`kind-<id>`).
pub fn needed_ids(config: &Config, files: &[LocaleFile]) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = files
        .iter()
        .filter(|f| f.from_theme && f.lang == config.default_language)
        .flat_map(|f| message_ids(&f.text).into_iter().map(|(id, _)| id))
        .filter(|id| !id.starts_with("language-"))
        .collect();
    ids.insert(config.title_key.clone());
    // The label of each kind of site.yaml's `kinds:`.
    ids.extend(config.kinds.iter().map(|k| format!("kind-{k}")));
    ids
}

/// The ids every language should have: those the theme declares, the site title, the
/// default language's own site strings, and its labels of tags in use.
pub fn expected_ids(
    config: &Config,
    files: &[LocaleFile],
    all: &Messages,
    tags: &BTreeSet<&str>,
) -> BTreeSet<String> {
    let empty = BTreeMap::new();
    let source = all.get(&config.default_language).unwrap_or(&empty);
    needed_ids(config, files)
        .into_iter()
        .chain(
            source
                .keys()
                .filter(|id| {
                    !id.starts_with("tag-")
                        && !id.starts_with("language-")
                        && !id.starts_with("kind-")
                })
                .cloned(),
        )
        .chain(
            source
                .keys()
                .filter(|id| id.strip_prefix("tag-").is_some_and(|t| tags.contains(t)))
                .cloned(),
        )
        .collect()
}

/// The ids a language lacks, by the language whose text readers see instead (`None`:
/// no language of its chain has them, and the id is shown).
pub type Gaps = BTreeMap<Option<String>, Vec<String>>;

/// The strings `lang` reads, in the order it looks them up: each language of its chain
/// that has strings, and whether that language's text counts as `lang`'s own — the
/// same language in the same script ([`crate::config::same_language`]).
fn readable<'a>(
    config: &Config,
    all: &'a Messages,
    lang: &str,
) -> Vec<(&'a str, &'a BTreeMap<String, MessageInfo>, bool)> {
    crate::i18n::message_chain(config, lang)
        .iter()
        .filter_map(|code| all.get_key_value(code))
        .map(|(code, messages)| {
            let own = crate::config::same_language(lang, code);
            (code.as_str(), messages, own)
        })
        .collect()
}

/// The `expected` ids that `lang` lacks. A string counts as present when the first
/// language of `lang`'s chain that has it is the same language in the same script
/// (`en-GB` reads `en`'s, `es-419` reads `es`'s), or is the default language and marks
/// it `# herald: same` (the same in every language); one it only inherits from another
/// language (`de` ← `en`) or another script (`zh-Hant` ← `zh`, which is Simplified)
/// is missing.
pub fn missing_in(
    config: &Config,
    all: &Messages,
    lang: &str,
    expected: &BTreeSet<String>,
) -> Gaps {
    let chain = readable(config, all, lang);
    let mut gaps = Gaps::new();
    for id in expected {
        let found = chain
            .iter()
            .find_map(|(code, messages, own)| Some((*code, messages.get(id)?, *own)));
        match found {
            Some((_, _, true)) => {}
            Some((code, info, _)) if code == config.default_language && info.marked_same => {}
            Some((code, _, _)) => gaps
                .entry(Some(code.to_string()))
                .or_default()
                .push(id.clone()),
            None => gaps.entry(None).or_default().push(id.clone()),
        }
    }
    gaps
}

/// What readers of `lang` see instead of the strings of a [`Gaps`] entry: `the en text
/// is shown`, ``inherited from `zh`: shown in its script, Hans, not Hant``.
pub fn shown_instead(lang: &str, from: Option<&str>) -> String {
    match from {
        None => "no language it falls back to has them: their ids are shown".to_string(),
        Some(from) => {
            let (theirs, ours) = (crate::config::script(from), crate::config::script(lang));
            match (theirs, ours) {
                (Some(theirs), Some(ours)) if theirs != ours && same_base(lang, from) => {
                    format!("inherited from `{from}`: shown in its script, {theirs}, not {ours}")
                }
                _ => format!("the {from} text is shown"),
            }
        }
    }
}

/// Whether two tags name the same language (`zh-Hant` and `zh`), whatever the script.
fn same_base(a: &str, b: &str) -> bool {
    a.split('-').next() == b.split('-').next()
}

/// The tags in use that have no label (`tag-<id>`) anywhere in `lang`'s chain, so that
/// readers of `lang` see the raw id.
fn unlabelled_tags(
    config: &Config,
    all: &Messages,
    lang: &str,
    tags: &BTreeSet<&str>,
) -> Vec<String> {
    let chain = readable(config, all, lang);
    tags.iter()
        .filter(|tag| {
            let id = format!("tag-{tag}");
            !chain
                .iter()
                .any(|(_, messages, _)| messages.contains_key(&id))
        })
        .map(|tag| tag.to_string())
        .collect()
}

/// Lints the interface strings of every configured language; everything it finds is a warning.
pub fn lint(config: &Config, files: &[LocaleFile], tags: &BTreeSet<&str>) -> Vec<Diagnostic> {
    let all = messages(files);

    let mut diags = Vec::new();
    let default = &config.default_language;
    let empty = BTreeMap::new();
    let source = all.get(default).unwrap_or(&empty);
    let needed = needed_ids(config, files);
    let expected = expected_ids(config, files, &all, tags);
    let language_ids: BTreeSet<String> = config
        .languages
        .iter()
        .map(|l| format!("language-{}", l.code))
        .collect();
    let mut per_message = PerMessage::default();
    // Missing strings (what readers see instead, the ids) → the languages missing them:
    // at fifty languages, one warning names the ids once.
    let mut missing: BTreeMap<(String, Vec<String>), Vec<&str>> = BTreeMap::new();
    // Tags without a label → the languages whose readers see their raw ids.
    let mut without_labels: BTreeMap<Vec<String>, Vec<&str>> = BTreeMap::new();
    for lang in &config.languages {
        if lang.code != *default {
            for (from, ids) in missing_in(config, &all, &lang.code, &expected) {
                let why = shown_instead(&lang.code, from.as_deref());
                missing
                    .entry((why, ids))
                    .or_default()
                    .push(lang.code.as_str());
            }
        }
        let unlabelled = unlabelled_tags(config, &all, &lang.code, tags);
        if !unlabelled.is_empty() {
            without_labels
                .entry(unlabelled)
                .or_default()
                .push(lang.code.as_str());
        }
        let Some(defined) = all.get(&lang.code) else {
            continue;
        };
        // Strings the same as the default language's are suspect only in a language
        // that does not read the default language's text as it is.
        let compare = !crate::config::same_language(&lang.code, default);
        let required = plural_categories(&lang.code);
        for (id, info) in defined {
            if info.from_theme {
                // The theme's own strings are the theme author's business; the site's are linted.
                if !expected.contains(id) && !language_ids.contains(id) && !needed.contains(id) {
                    continue;
                }
            }
            let tag_in_use = id.strip_prefix("tag-").is_some_and(|t| tags.contains(t));
            let known = expected.contains(id) || language_ids.contains(id) || tag_in_use;
            if !known {
                let why = match (id.strip_prefix("tag-"), id.strip_prefix("kind-")) {
                    (Some(tag), _) => format!("no announcement has the tag `{tag}`"),
                    (_, Some(kind)) => format!("`{kind}` is not one of site.yaml's `kinds:`"),
                    _ => format!("neither the theme nor the {default} strings use it"),
                };
                per_message.push(
                    "are not used",
                    Diagnostic::warning(
                        &info.path,
                        info.line,
                        1,
                        format!("message `{id}` is not used: {why}"),
                    ),
                );
            }
            if lang.code != *default {
                if let Some(original) = source.get(id) {
                    if compare
                        && info.text_hash == original.text_hash
                        && !info.same_by_nature
                        && !info.marked_same
                        && !original.marked_same
                    {
                        per_message.push("are word for word the default language's text", Diagnostic::warning(
                            &info.path,
                            info.line,
                            1,
                            format!("message `{id}` is word for word the {default} text: translate it, or, if it reads the same in `{}` on purpose, put a comment `# {}` on the line above it", lang.code, crate::identical::MARKER),
                        ));
                    }
                    for var in info.variables.difference(&original.variables) {
                        per_message.push("use a variable the source message does not have", Diagnostic::warning(
                            &info.path,
                            info.line,
                            1,
                            format!("message `{id}` uses `{{ ${var} }}`, which the {default} message does not have"),
                        ));
                    }
                    for var in original.variables.difference(&info.variables) {
                        per_message.push("drop a variable the source message uses", Diagnostic::warning(
                            &info.path,
                            info.line,
                            1,
                            format!("message `{id}` drops `{{ ${var} }}`, which the {default} message uses"),
                        ));
                    }
                }
            }
            for keys in &info.plural_selects {
                let missing: Vec<&str> = required
                    .iter()
                    .filter(|c| !keys.contains(*c))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    per_message.push(
                        "lack plural categories",
                        Diagnostic::warning(
                            &info.path,
                            info.line,
                            1,
                            format!(
                            "message `{id}` selects on a plural but lacks {} for `{}` (CLDR: {})",
                            missing
                                .iter()
                                .map(|m| format!("[{m}]"))
                                .collect::<Vec<_>>()
                                .join(" "),
                            lang.code,
                            required.iter().cloned().collect::<Vec<_>>().join(", ")
                        ),
                        ),
                    );
                }
            }
        }
    }
    diags.extend(per_message.finish());
    diags.extend(missing.into_iter().map(|((why, ids), langs)| {
        let (path, named) = match &langs[..] {
            [lang] => (format!("locales/{lang}"), format!("`{lang}`")),
            // Every language, however many: the warning is there to say where.
            _ => (
                "locales".to_string(),
                langs
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        Diagnostic::file_warning(
            path,
            format!(
                "{} message(s) missing in {named} ({why}): {}",
                thousands(ids.len()),
                short_list(&ids)
            ),
        )
    }));
    diags.extend(
        without_labels
            .into_iter()
            .map(|(tags, langs)| unlabelled_warning(config, &tags, &langs)),
    );
    diags
}

/// One warning for the `tags` that have no label in any of `langs`: at the language's
/// folder for one language, at `locales` for several.
fn unlabelled_warning(config: &Config, tags: &[String], langs: &[&str]) -> Diagnostic {
    let (path, where_) = match langs {
        [lang] => (format!("locales/{lang}"), format!("in `{lang}`")),
        _ if langs.len() == config.languages.len() => {
            ("locales".to_string(), "in any language".to_string())
        }
        _ => (
            "locales".to_string(),
            format!(
                "in {}",
                short_list(&langs.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>())
            ),
        ),
    };
    Diagnostic::file_warning(
        path,
        format!(
            "{} tag(s) have no label {where_} (a `tag-<id>` message, in the language or one it falls back to), so readers see the raw id: {}",
            thousands(tags.len()),
            short_list(tags)
        ),
    )
}

/// Warnings about single messages: at most [`LIST_SHOWN`] of a kind per file, then
/// one that counts them all, so a file of 300,000 messages gives a screen, not a book.
#[derive(Default)]
struct PerMessage {
    /// Per file and kind: how many.
    counts: BTreeMap<(PathBuf, &'static str), usize>,
    shown: Vec<Diagnostic>,
}

impl PerMessage {
    /// A warning about one message; `kind` completes "N messages in this file …".
    fn push(&mut self, kind: &'static str, warning: Diagnostic) {
        let n = self.counts.entry((warning.path.clone(), kind)).or_default();
        *n += 1;
        if *n <= LIST_SHOWN {
            self.shown.push(warning);
        }
    }

    /// The warnings shown, and a count for each kind and file that had more.
    fn finish(self) -> Vec<Diagnostic> {
        let mut out = self.shown;
        for ((path, kind), n) in self.counts {
            if n > LIST_SHOWN {
                out.push(Diagnostic::file_warning(
                    path,
                    format!(
                        "{} messages in this file {kind}; the first {LIST_SHOWN} are listed",
                        thousands(n)
                    ),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_plural_categories() {
        let cats = |l: &str| {
            plural_categories(l)
                .into_iter()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(cats("ru"), "few many one other");
        assert_eq!(cats("ar"), "few many one other two zero");
        assert_eq!(cats("zh"), "other");
        assert_eq!(cats("en"), "one other");
    }
}
