//! `herald import`: an XLIFF file's targets written as translation files.
//!
//! Everything is checked before anything is written: a unit whose source changed since
//! the export, a missing or empty target, broken inline codes and malformed XML are
//! errors at the XLIFF file's line and column, and any error means no file is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::{units, Unit, NS, XLIFF_NS};
use crate::config::{self, Config};
use crate::content::{self, front_matter, Announcement};
use crate::diagnostics::{display_path, Diagnostic, LineIndex};
use crate::markdown::blocks::{BlockKind, Blocks};
use crate::markdown::inline::Piece;

/// What an import wrote (paths relative to the site folder).
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// New translation files.
    pub created: Vec<PathBuf>,
    /// Stale translations brought up to date.
    pub updated: Vec<PathBuf>,
}

/// A place in the XLIFF file: 1-based line and column.
type Pos = (usize, usize);

/// Something in a target, in order.
#[derive(Debug, Clone)]
enum Item {
    Text(String),
    /// `<ph id>`.
    Ph(String, Pos),
    /// `<pc id>` (its end is [`Item::PcEnd`]).
    PcStart(String, Pos),
    PcEnd,
    /// `<sc id>`.
    Sc(String, Pos),
    /// `<ec startRef>`.
    Ec(String, Pos),
}

/// A `<segment>` or `<ignorable>`: its source's text and its target, if it has one.
#[derive(Debug, Default)]
struct Part {
    ignorable: bool,
    pos: Pos,
    source: String,
    target: Option<(Pos, Vec<Item>)>,
}

#[derive(Debug, Default)]
struct XUnit {
    id: String,
    pos: Pos,
    hash: Option<String>,
    parts: Vec<Part>,
}

#[derive(Debug, Default)]
struct XFile {
    id: String,
    pos: Pos,
    attrs: BTreeMap<String, String>,
    units: Vec<XUnit>,
}

/// The document: its languages and files.
#[derive(Debug, Default)]
struct Doc {
    src_lang: String,
    trg_lang: String,
    files: Vec<XFile>,
}

/// Imports the XLIFF file `file` into the site in `site_dir`.
pub fn import(site_dir: &Path, file: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let shown = file.to_path_buf();
    let text = crate::files::read_text(file, &shown).map_err(|d| vec![d])?;
    let lines = LineIndex::new(&text);
    let err = |pos: Pos, message: String| Diagnostic::error(&shown, pos.0, pos.1, message);
    let doc = parse(&text, &lines).map_err(|(pos, m)| vec![err(pos, m)])?;
    let config = config::load(site_dir).map_err(|d| d.sorted())?;
    if config.language(&doc.trg_lang).is_none() {
        return Err(vec![err(
            (1, 1),
            format!("trgLang `{}` is not a language of this site", doc.trg_lang),
        )]);
    }
    let announcements = content::load_or_errors(&config)?;
    let mut errors = Vec::new();
    let mut writes = Vec::new();
    for xfile in &doc.files {
        match plan_file(&config, &announcements, &doc, xfile) {
            Ok(write) => writes.push(write),
            Err(problems) => errors.extend(problems.into_iter().map(|(p, m)| err(p, m))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    write(&config, writes)
}

/// A file to write: new, or an update of a stale translation.
struct Write {
    path: PathBuf,
    text: String,
    new: bool,
}

type Problems = Vec<(Pos, String)>;

/// Checks one `<file>` against the site and makes the translation's text.
fn plan_file(
    config: &Config,
    announcements: &[std::sync::Arc<Announcement>],
    doc: &Doc,
    xfile: &XFile,
) -> Result<Write, Problems> {
    let at = |m: String| vec![(xfile.pos, m)];
    let Some(a) = announcements.iter().find(|a| a.name == xfile.id) else {
        return Err(at(format!(
            "this site has no announcement named `{}`",
            xfile.id
        )));
    };
    let source = a.source();
    if a.source_lang != doc.src_lang {
        return Err(at(format!(
            "`{}` is written in `{}`, not in srcLang `{}`",
            a.name, a.source_lang, doc.src_lang
        )));
    }
    let attr = |name: &str| xfile.attrs.get(name).map(String::as_str);
    let (Some(recorded), Some(state)) = (attr("sourceHash"), attr("state")) else {
        return Err(at(
            "this <file> has no herald:sourceHash and herald:state: it was not written by `herald export`".into(),
        ));
    };
    let path = crate::scaffold::translation_path(config, a, &doc.trg_lang);
    let rel = display_path(&config.root, &path);
    let existing = a.translation(&doc.trg_lang);
    match (state, existing) {
        ("missing", Some(t)) => {
            return Err(at(format!(
                "{} appeared since the export: import never overwrites a translation; export again (`--stale`) to update it",
                t.path.display()
            )))
        }
        ("stale", Some(t)) if attr("translationHash").is_some_and(|h| h != t.text_hash) => {
            return Err(at(format!(
                "{} changed since the export: export again so that nothing written there since is lost",
                t.path.display()
            )))
        }
        _ => {}
    }
    let from = units(source);
    let mut problems = Problems::new();
    let changed = recorded != source.text_hash;
    let ours: BTreeMap<&str, &Unit> = from.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut texts: BTreeMap<&str, (String, Pos)> = BTreeMap::new();
    for xunit in &xfile.units {
        let Some(unit) = ours.get(xunit.id.as_str()) else {
            problems.push((
                xunit.pos,
                format!(
                    "`{}` has no unit `{}`{}",
                    source.path.display(),
                    xunit.id,
                    if changed {
                        ": its source changed since the export; export again"
                    } else {
                        ""
                    }
                ),
            ));
            continue;
        };
        if xunit.hash.as_deref() != Some(unit.hash.as_str()) {
            problems.push((
                xunit.pos,
                format!(
                    "the source of unit `{}` changed since the export ({}): export again and translate its new text",
                    xunit.id,
                    source.path.display()
                ),
            ));
            continue;
        }
        match target_markdown(unit, xunit) {
            Ok(text) => {
                texts.insert(unit.id.as_str(), (text, xunit.pos));
            }
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        let absent: Vec<&str> = ours
            .keys()
            .filter(|id| !texts.contains_key(*id))
            .copied()
            .collect();
        if !absent.is_empty() {
            problems.push((
                xfile.pos,
                format!(
                    "units {} of `{}` are not in this file{}",
                    absent.join(", "),
                    a.name,
                    if changed {
                        ": its source changed since the export; export again"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let body = body(&from.units, &from.blocks, &texts)?;
    let text_of = |id: &str| texts.get(id).map(|(t, _)| t.trim().replace('\n', " "));
    let title = text_of("title").unwrap_or_default();
    let summary = text_of("summary");
    let text = match existing {
        Some(t) => {
            let file = config.root.join(&t.path);
            let old = crate::files::read_text(&file, &t.path)
                .map_err(|d| at(format!("{}: {}", t.path.display(), d.message)))?;
            // The translation as it was checked against the export, not a later save.
            if crate::content::text_hash(&old) != t.text_hash {
                return Err(at(format!(
                    "{} changed while it was imported; import again",
                    t.path.display()
                )));
            }
            updated(&old, &title, summary.as_deref(), &source.text_hash, &body).ok_or_else(
                || {
                    at(format!(
                        "cannot read the front matter of {}",
                        t.path.display()
                    ))
                },
            )?
        }
        None => {
            let mut front = format!("title: {}\n", crate::scaffold::yaml_string(&title));
            if let Some(summary) = &summary {
                front.push_str(&format!(
                    "summary: {}\n",
                    crate::scaffold::yaml_string(summary)
                ));
            }
            format!("---\n{front}source_hash: {}\n---\n{body}", source.text_hash)
        }
    };
    Ok(Write {
        path: rel,
        text,
        new: existing.is_none(),
    })
}

/// The translated body: each block's translation in its place; the blocks left out of
/// the file as the source has them. An error when a translation changes the body's
/// structure (a blank line that splits a paragraph, a line that starts a list).
fn body(
    units: &[Unit],
    blocks: &Blocks,
    texts: &BTreeMap<&str, (String, Pos)>,
) -> Result<String, Problems> {
    let mut out: Vec<String> = blocks.blocks.iter().map(|b| b.text.clone()).collect();
    let mut owner: Vec<Option<Pos>> = vec![None; out.len()];
    for unit in units {
        if let (Some(i), Some((text, pos))) = (unit.block, texts.get(unit.id.as_str())) {
            out[i] = text.clone();
            owner[i] = Some(*pos);
        }
    }
    let body = blocks.join(&out);
    let again: Vec<BlockKind> = Blocks::split(&body).blocks.iter().map(|b| b.kind).collect();
    let before: Vec<BlockKind> = blocks.blocks.iter().map(|b| b.kind).collect();
    if again != before {
        let differs = again
            .iter()
            .zip(&before)
            .position(|(a, b)| a != b)
            .unwrap_or(again.len().min(before.len()));
        let pos = owner[..=differs.min(owner.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|p| *p)
            .unwrap_or((1, 1));
        return Err(vec![(
            pos,
            "this translation changes the Markdown's blocks (a blank line, or a line that starts a heading, list, quote or code block): keep it one block as the source is".into(),
        )]);
    }
    Ok(body)
}

/// A unit's target as Markdown: its text, and its inline codes as the source has them.
fn target_markdown(unit: &Unit, xunit: &XUnit) -> Result<String, Problems> {
    let mut codes: BTreeMap<String, (Option<&str>, &str, &str)> = BTreeMap::new();
    collect_codes(&unit.pieces, &mut codes);
    let mut items = Vec::new();
    let mut has_target = false;
    for part in &xunit.parts {
        match &part.target {
            Some((_, t)) => {
                has_target = true;
                items.extend(t.iter().cloned());
            }
            None if part.ignorable => items.push(Item::Text(part.source.clone())),
            None => {
                return Err(vec![(
                    part.pos,
                    format!("unit `{}` has no <target>: translate it", xunit.id),
                )])
            }
        }
    }
    if !has_target {
        return Err(vec![(
            xunit.pos,
            format!("unit `{}` has no <target>: translate it", xunit.id),
        )]);
    }
    let target_pos = xunit
        .parts
        .iter()
        .find_map(|p| p.target.as_ref().map(|t| t.0))
        .unwrap_or(xunit.pos);
    let mut out = String::new();
    let mut problems = Problems::new();
    let mut seen = BTreeSet::new();
    // Open pairs: their id and their end's Markdown.
    let mut open: Vec<(String, &str)> = Vec::new();
    let mut use_code = |id: &str, pos: Pos, pair: bool, problems: &mut Problems| {
        match codes.get(id) {
            None => problems.push((pos, format!("inline code `{id}` is not in the source of unit `{}`: codes must keep their ids", xunit.id))),
            Some((end, _, _)) if end.is_some() != pair => problems.push((
                pos,
                format!(
                    "inline code `{id}` is {} in the source, not {}",
                    if end.is_some() { "a pair (<pc> or <sc>/<ec>)" } else { "a placeholder (<ph>)" },
                    if pair { "a pair" } else { "a placeholder" }
                ),
            )),
            Some(_) if !seen.insert(id.to_string()) => problems.push((
                pos,
                format!("inline code `{id}` appears twice: each code of the source must be there once"),
            )),
            Some(_) => return codes.get(id).copied(),
        }
        None
    };
    for item in &items {
        match item {
            Item::Text(t) => out.push_str(t),
            Item::Ph(id, pos) => {
                if let Some((_, markdown, _)) = use_code(id, *pos, false, &mut problems) {
                    out.push_str(markdown);
                }
            }
            Item::PcStart(id, pos) | Item::Sc(id, pos) => {
                let (start, end) = match use_code(id, *pos, true, &mut problems) {
                    Some((end, start, _)) => (start, end.unwrap_or_default()),
                    None => ("", ""),
                };
                out.push_str(start);
                open.push((id.clone(), end));
            }
            Item::PcEnd => {
                if let Some((_, end)) = open.pop() {
                    out.push_str(end);
                }
            }
            Item::Ec(id, pos) => match open.pop() {
                Some((open_id, end)) if open_id == *id => out.push_str(end),
                Some((open_id, _)) => problems.push((
                    *pos,
                    format!("<ec startRef=\"{id}\"> ends code `{id}` while code `{open_id}`, opened inside it, is still open: paired codes must nest as in the source"),
                )),
                None => problems.push((
                    *pos,
                    format!("<ec startRef=\"{id}\"> ends code `{id}`, which is not open here: paired codes must start before they end"),
                )),
            },
        }
    }
    if let Some((id, _)) = open.last() {
        problems.push((target_pos, format!("code `{id}` starts and never ends")));
    }
    let lacking: Vec<String> = codes
        .iter()
        .filter(|(id, _)| !seen.contains(*id))
        .map(|(id, (pair, start, end))| match pair {
            Some(_) => format!("`{id}` ({start}…{end})"),
            None => format!("`{id}` ({start})"),
        })
        .collect();
    if !lacking.is_empty() {
        problems.push((
            target_pos,
            format!(
                "the target of unit `{}` lacks inline code {}: keep every code of the source",
                xunit.id,
                lacking.join(", ")
            ),
        ));
    }
    if problems.is_empty() && out.trim().is_empty() {
        problems.push((
            target_pos,
            format!("the target of unit `{}` is empty: translate it", xunit.id),
        ));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Each code's id: for a pair `(Some(end), start, end)`, alone `(None, markdown, "")`.
fn collect_codes<'a>(
    pieces: &'a [Piece],
    out: &mut BTreeMap<String, (Option<&'a str>, &'a str, &'a str)>,
) {
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Code { id, markdown, .. } => {
                out.insert(id.to_string(), (None, markdown, ""));
            }
            Piece::Pair {
                id,
                start,
                end,
                inner,
                ..
            } => {
                out.insert(id.to_string(), (Some(end), start, end));
                collect_codes(inner, out);
            }
        }
    }
}

/// A stale translation's text with its title, summary, `source_hash` and body replaced
/// (other keys and comments of its front matter kept); `None` without front matter.
fn updated(
    old: &str,
    title: &str,
    summary: Option<&str>,
    hash: &str,
    body: &str,
) -> Option<String> {
    let split = front_matter::split(old).ok()?;
    let start = split.yaml.as_ptr() as usize - old.as_ptr() as usize;
    let end = split.body.as_ptr() as usize - old.as_ptr() as usize;
    let mut yaml = set_key(split.yaml, "title", title);
    if let Some(summary) = summary {
        yaml = set_key(&yaml, "summary", summary);
    }
    yaml = set_key(&yaml, "source_hash", hash);
    let closing = &old[start + split.yaml.len()..end];
    Some(format!("{}{yaml}{closing}{body}", &old[..start]))
}

/// `yaml` with top-level `key` set to `value` (its old value's lines replaced), or the
/// key added at the end.
fn set_key(yaml: &str, key: &str, value: &str) -> String {
    let line = format!("{key}: {}\n", crate::scaffold::yaml_string(value));
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let is_key = |l: &str| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    };
    match lines.iter().position(|l| is_key(l)) {
        Some(i) => {
            // The value goes on over indented (or blank) lines.
            let mut j = i + 1;
            while j < lines.len()
                && (lines[j].starts_with([' ', '\t']) || lines[j].trim().is_empty())
            {
                j += 1;
            }
            while j > i + 1 && lines[j - 1].trim().is_empty() {
                j -= 1;
            }
            let mut out: String = lines[..i].concat();
            out.push_str(&line);
            out.push_str(&lines[j..].concat());
            out
        }
        None => {
            let mut out = yaml.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&line);
            out
        }
    }
}

/// Writes the files, so that a failure leaves the site as it was: each update into a
/// hidden file beside its translation, then the new files (never over a file: one that
/// appeared meanwhile is an error), then the updates renamed into place.
fn write(config: &Config, writes: Vec<Write>) -> Result<Imported, Vec<Diagnostic>> {
    let nothing = |d: Diagnostic| Diagnostic {
        message: format!("{}; nothing was imported", d.message),
        ..d
    };
    let mut staged: Vec<(&Write, PathBuf)> = Vec::new();
    let unstage = |staged: &[(&Write, PathBuf)]| {
        for (_, temp) in staged {
            let _ = std::fs::remove_file(temp);
        }
    };
    for w in writes.iter().filter(|w| !w.new) {
        let temp = crate::files::temp_beside(&config.root.join(&w.path));
        if let Err(e) = std::fs::write(&temp, &w.text) {
            let _ = std::fs::remove_file(&temp);
            unstage(&staged);
            let d = Diagnostic::file_error(&w.path, format!("cannot write: {e}"));
            return Err(vec![nothing(d)]);
        }
        staged.push((w, temp));
    }
    let new: Vec<(&Path, &[u8])> = writes
        .iter()
        .filter(|w| w.new)
        .map(|w| (w.path.as_path(), w.text.as_bytes()))
        .collect();
    let written = crate::files::write_new_files(&config.root, new, false).map_err(|d| {
        unstage(&staged);
        vec![nothing(d)]
    })?;
    let mut imported = Imported {
        created: written.created,
        updated: Vec::new(),
    };
    for (i, (w, temp)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(temp, config.root.join(&w.path)) {
            // Renames in the same folder fail only with the file system: say what stands.
            unstage(&staged[i..]);
            return Err(vec![Diagnostic::file_error(
                &w.path,
                format!(
                    "cannot write: {e}; written before it: {}",
                    imported
                        .created
                        .iter()
                        .chain(&imported.updated)
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )]);
        }
        imported.updated.push(w.path.clone());
    }
    Ok(imported)
}

/// Reads the XLIFF document: the error's place and message when it is not well-formed
/// XML or not XLIFF 2.
fn parse(text: &str, lines: &LineIndex<'_>) -> Result<Doc, (Pos, String)> {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut doc = Doc::default();
    // The XLIFF elements open, by local name.
    let mut stack: Vec<String> = Vec::new();
    // Inside a <source> or <target>: its items.
    let mut inline: Option<Vec<Item>> = None;
    let mut saw_root = false;
    loop {
        let offset = reader.buffer_position() as usize;
        let pos = lines.position(offset);
        let (xliff, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (
                matches!(ns, ResolveResult::Bound(n) if n.as_ref() == XLIFF_NS),
                event,
            ),
            Err(e) => {
                let at = lines.position(reader.error_position() as usize);
                return Err((at, format!("malformed XML: {e}")));
            }
        };
        match event {
            Event::Start(_) | Event::Empty(_) if !xliff && !saw_root => {
                return Err((
                    pos,
                    format!("not an XLIFF 2 file: its root is not <xliff> in {XLIFF_NS}"),
                ));
            }
            // An element of another namespace (a module, an extension): skipped.
            Event::Empty(_) if !xliff => {}
            Event::Start(e) if !xliff => {
                let name = e.name().as_ref().to_string();
                reader
                    .read_to_end(quick_xml::name::QName(&name))
                    .map_err(|err| {
                        (
                            lines.position(reader.error_position() as usize),
                            format!("malformed XML: {err}"),
                        )
                    })?;
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_string();
                start(
                    &reader,
                    &mut doc,
                    &stack,
                    &mut inline,
                    &name,
                    e,
                    pos,
                    &mut saw_root,
                )?;
                if empty {
                    end(&mut doc, &stack, &mut inline, &name, pos);
                } else {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                if let Some(name) = stack.pop() {
                    end(&mut doc, &stack, &mut inline, &name, pos);
                }
            }
            Event::Text(t) => push_text(&mut inline, &t.xml10_content()),
            Event::CData(t) => push_text(&mut inline, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err((
                                pos,
                                format!("malformed XML: unknown entity `&{};`", other),
                            ))
                        }
                    },
                };
                push_text(&mut inline, &c.to_string());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err((
            (1, 1),
            "not an XLIFF 2 file: it has no <xliff> element".into(),
        ));
    }
    Ok(doc)
}

fn push_text(inline: &mut Option<Vec<Item>>, text: &str) {
    if let Some(items) = inline {
        match items.last_mut() {
            Some(Item::Text(t)) => t.push_str(text),
            _ => items.push(Item::Text(text.to_string())),
        }
    }
}

/// An attribute of `e`: of no namespace when `ns` is `None`, else of that one.
fn attribute(
    reader: &NsReader<&[u8]>,
    e: &BytesStart<'_>,
    name: &str,
    ns: Option<&str>,
) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let (resolved, local) = reader.resolver().resolve_attribute(a.key);
        let ns_ok = match (ns, resolved) {
            (None, ResolveResult::Unbound) => true,
            (Some(want), ResolveResult::Bound(n)) => n.as_ref() == want,
            _ => false,
        };
        (ns_ok && local.as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

#[allow(clippy::too_many_arguments)]
fn start(
    reader: &NsReader<&[u8]>,
    doc: &mut Doc,
    stack: &[String],
    inline: &mut Option<Vec<Item>>,
    name: &str,
    e: &BytesStart<'_>,
    pos: Pos,
    saw_root: &mut bool,
) -> Result<(), (Pos, String)> {
    let attr = |n: &str| attribute(reader, e, n, None);
    let parent = stack.last().map(String::as_str);
    let need =
        |n: &str| attr(n).ok_or_else(|| (pos, format!("<{name}> lacks its `{n}` attribute")));
    match (parent, name) {
        (None, "xliff") => {
            let version = attr("version").unwrap_or_default();
            if !version.starts_with("2.") {
                return Err((
                    pos,
                    format!("XLIFF version `{version}`: herald reads XLIFF 2"),
                ));
            }
            doc.src_lang = need("srcLang")?;
            doc.trg_lang = need("trgLang")?;
            *saw_root = true;
        }
        (None, _) => {
            return Err((pos, "not an XLIFF 2 file: its root is not <xliff>".into()));
        }
        (Some("xliff"), "file") => {
            let mut attrs = BTreeMap::new();
            for key in ["sourceHash", "state", "translationHash"] {
                if let Some(v) = attribute(reader, e, key, Some(NS)) {
                    attrs.insert(key.to_string(), v);
                }
            }
            doc.files.push(XFile {
                id: need("id")?,
                pos,
                attrs,
                units: Vec::new(),
            });
        }
        (Some("file" | "group"), "unit") => {
            if let Some(file) = doc.files.last_mut() {
                file.units.push(XUnit {
                    id: need("id")?,
                    pos,
                    hash: attribute(reader, e, "hash", Some(NS)),
                    parts: Vec::new(),
                });
            }
        }
        (Some("unit"), "segment" | "ignorable") => {
            if let Some(unit) = doc.files.last_mut().and_then(|f| f.units.last_mut()) {
                unit.parts.push(Part {
                    ignorable: name == "ignorable",
                    pos,
                    ..Part::default()
                });
            }
        }
        (Some("segment" | "ignorable"), "source" | "target") => {
            *inline = Some(Vec::new());
            if let (Some(part), "target") = (
                doc.files
                    .last_mut()
                    .and_then(|f| f.units.last_mut())
                    .and_then(|u| u.parts.last_mut()),
                name,
            ) {
                part.target = Some((pos, Vec::new()));
            }
        }
        _ if inline.is_some() => {
            let item = match name {
                "ph" => Item::Ph(need("id")?, pos),
                "pc" => Item::PcStart(need("id")?, pos),
                "sc" => Item::Sc(need("id")?, pos),
                "ec" => Item::Ec(
                    attr("startRef")
                        .ok_or_else(|| (pos, "<ec> without startRef (an isolated code): herald's codes are never isolated".to_string()))?,
                    pos,
                ),
                "cp" => {
                    let hex = need("hex")?;
                    let c = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| (pos, format!("<cp hex=\"{hex}\"> is no character")))?;
                    Item::Text(c.to_string())
                }
                // Annotations (<mrk>, <sm>, <em>) mark text; the text is kept.
                _ => return Ok(()),
            };
            match item {
                Item::Text(t) => push_text(inline, &t),
                item => inline.get_or_insert_with(Vec::new).push(item),
            }
        }
        _ => {}
    }
    Ok(())
}

fn end(doc: &mut Doc, stack: &[String], inline: &mut Option<Vec<Item>>, name: &str, pos: Pos) {
    let parent = stack.last().map(String::as_str);
    match name {
        "source" | "target" if matches!(parent, Some("segment" | "ignorable")) => {
            let items = inline.take().unwrap_or_default();
            if let Some(part) = doc
                .files
                .last_mut()
                .and_then(|f| f.units.last_mut())
                .and_then(|u| u.parts.last_mut())
            {
                if name == "source" {
                    part.source = items
                        .iter()
                        .filter_map(|i| match i {
                            Item::Text(t) => Some(t.as_str()),
                            _ => None,
                        })
                        .collect();
                } else {
                    let at = part.target.as_ref().map_or(pos, |t| t.0);
                    part.target = Some((at, items));
                }
            }
        }
        "pc" => {
            if let Some(items) = inline.as_mut() {
                items.push(Item::PcEnd);
            }
        }
        _ => {}
    }
}
