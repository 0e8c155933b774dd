//! `herald export`: the announcements a language lacks or has stale, as one XLIFF 2.0 file.

use std::collections::BTreeMap;
use std::path::Path;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{units, Unit, NS, XLIFF_NS};
use crate::config;
use crate::content::{self, Announcement, Translation};
use crate::diagnostics::{display_path, Diagnostic};
use crate::files::slash_path;
use crate::markdown::blocks::Blocks;
use crate::markdown::inline::{self, CodeKind, Piece};

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The language to translate into.
    pub lang: String,
    /// The language of the sources to translate from (default: the site's default).
    pub source_lang: Option<String>,
    /// Announcements not translated into `lang` (with `stale`: both; neither: both).
    pub missing: bool,
    /// Translations whose source changed since.
    pub stale: bool,
}

/// An export: the XLIFF document and what is in it.
#[derive(Debug, Clone)]
pub struct Export {
    /// The XLIFF 2.0 document (UTF-8).
    pub xml: Vec<u8>,
    /// Announcements not yet translated that it holds.
    pub missing: usize,
    /// Stale translations that it holds.
    pub stale: usize,
    /// Its units.
    pub units: usize,
    /// Announcements with work in `lang` whose source is in another language than the
    /// one exported from, by that language (they need `--source`).
    pub other_sources: BTreeMap<String, usize>,
}

/// Exports the work `options` asks for from the site in `site_dir`.
pub fn export(site_dir: &Path, options: &ExportOptions) -> Result<Export, Vec<Diagnostic>> {
    let config = config::load(site_dir).map_err(|d| d.sorted())?;
    let source_lang = options
        .source_lang
        .clone()
        .unwrap_or_else(|| config.default_language.clone());
    for code in [&options.lang, &source_lang] {
        config.site_language(code)?;
    }
    if options.lang == source_lang {
        return Err(vec![Diagnostic::file_error(
            "herald export",
            format!("`{source_lang}` is the language translated from (--source, default: the site's default language): give another language to translate into with --lang"),
        )]);
    }
    let mut announcements = content::load_or_errors(&config)?;
    announcements.sort_by(|a, b| a.name.cmp(&b.name));
    let (missing, stale) = match (options.missing, options.stale) {
        (false, false) => (true, true),
        both => both,
    };
    let mut out = Out::new();
    out.declaration();
    out.start(
        "xliff",
        &[
            ("xmlns", XLIFF_NS),
            ("xmlns:herald", NS),
            ("version", "2.0"),
            ("srcLang", &source_lang),
            ("trgLang", &options.lang),
        ],
    );
    let mut export = Export {
        xml: Vec::new(),
        missing: 0,
        stale: 0,
        units: 0,
        other_sources: BTreeMap::new(),
    };
    for a in &announcements {
        let source = a.source();
        let work = match a.translation(&options.lang) {
            _ if source.draft => continue,
            None if missing => None,
            Some(t) if stale && !t.draft && t.stale.is_some() => Some(t),
            _ => continue,
        };
        if a.source_lang != source_lang {
            *export
                .other_sources
                .entry(a.source_lang.clone())
                .or_default() += 1;
            continue;
        }
        match work {
            None => export.missing += 1,
            Some(_) => export.stale += 1,
        }
        export.units += write_file(&mut out, &config, a, work, &options.lang);
    }
    out.nl(0);
    out.end("xliff");
    out.nl(0);
    export.xml = out.writer.into_inner();
    Ok(export)
}

/// Writes an announcement's `<file>`; returns how many units it has.
fn write_file(
    out: &mut Out,
    config: &config::Config,
    a: &Announcement,
    translation: Option<&Translation>,
    lang: &str,
) -> usize {
    let source = a.source();
    let from = units(source);
    let target = crate::scaffold::translation_path(config, a, lang);
    let blocks = from.blocks.blocks.len().to_string();
    let original = slash_path(&source.path);
    let target = slash_path(&display_path(&config.root, &target));
    let mut attrs = vec![
        ("id", a.name.as_str()),
        ("original", original.as_str()),
        ("canResegment", "no"),
        ("xml:space", "preserve"),
        ("herald:sourceHash", source.text_hash.as_str()),
        ("herald:blocks", blocks.as_str()),
        ("herald:translation", target.as_str()),
    ];
    match translation {
        None => attrs.push(("herald:state", "missing")),
        Some(t) => {
            attrs.push(("herald:state", "stale"));
            attrs.push(("herald:translationHash", t.text_hash.as_str()));
        }
    }
    out.nl(1);
    out.start("file", &attrs);
    let previous = translation.map(|t| previous_texts(source, t, &from.units));
    for (i, unit) in from.units.iter().enumerate() {
        let filled = previous.as_ref().and_then(|p| p[i].as_ref());
        write_unit(out, unit, filled);
    }
    out.nl(1);
    out.end("file");
    from.units.len()
}

fn write_unit(out: &mut Out, unit: &Unit, target: Option<&Vec<Piece>>) {
    out.nl(2);
    out.start(
        "unit",
        &[
            ("id", unit.id.as_str()),
            ("herald:hash", unit.hash.as_str()),
            ("herald:kind", unit.kind.as_str()),
        ],
    );
    let mut data = Vec::new();
    original_data(&unit.pieces, &mut data);
    if !data.is_empty() {
        out.nl(3);
        out.start("originalData", &[]);
        for (id, markdown) in &data {
            out.nl(4);
            out.start("data", &[("id", id.as_str())]);
            out.text(markdown);
            out.end("data");
        }
        out.nl(3);
        out.end("originalData");
    }
    out.nl(3);
    let state = if target.is_some() {
        "translated"
    } else {
        "initial"
    };
    out.start("segment", &[("state", state)]);
    out.nl(4);
    out.start("source", &[]);
    out.pieces(&unit.pieces);
    out.end("source");
    if let Some(target) = target {
        out.nl(4);
        out.start("target", &[]);
        out.pieces(target);
        out.end("target");
    }
    out.nl(3);
    out.end("segment");
    out.nl(2);
    out.end("unit");
}

/// The data ids of a code: `d<id>` (a pair's start), `d<id>e` (its end).
pub(crate) fn data_ids(id: usize) -> (String, String) {
    (format!("d{id}"), format!("d{id}e"))
}

fn original_data(pieces: &[Piece], out: &mut Vec<(String, String)>) {
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Code { id, markdown, .. } => out.push((data_ids(*id).0, markdown.clone())),
            Piece::Pair {
                id,
                start,
                end,
                inner,
                ..
            } => {
                let (s, e) = data_ids(*id);
                out.push((s, start.clone()));
                original_data(inner, out);
                out.push((e, end.clone()));
            }
        }
    }
}

/// For a stale translation, its present text of each unit as a target to start from,
/// where it can be told: the title, the summary if the translation has its own, and
/// each block when the translation has the source's blocks (same number, same kinds)
/// and that block has the same inline codes.
fn previous_texts(
    source: &Translation,
    translation: &Translation,
    units: &[Unit],
) -> Vec<Option<Vec<Piece>>> {
    // Loaded with their bodies in memory.
    let (theirs, ours) = (translation.body.text(), source.body.text());
    let theirs = Blocks::split(theirs.as_deref().unwrap_or_default());
    let ours = Blocks::split(ours.as_deref().unwrap_or_default());
    let aligned = theirs.blocks.len() == ours.blocks.len()
        && theirs
            .blocks
            .iter()
            .zip(&ours.blocks)
            .all(|(a, b)| a.kind == b.kind);
    units
        .iter()
        .map(|unit| match (unit.block, unit.id.as_str()) {
            (None, "title") => Some(vec![Piece::Text(translation.title.clone())]),
            (None, _) => translation
                .summary
                .as_ref()
                .filter(|s| source.summary.as_ref() != Some(*s))
                .map(|s| vec![Piece::Text(s.clone())]),
            (Some(i), _) if aligned => {
                let block = &theirs.blocks[i];
                same_codes(&unit.pieces, inline::pieces(block.kind, &block.text))
            }
            _ => None,
        })
        .collect()
}

/// `theirs` with the ids of `ours`' codes, when both have the same codes (in any order).
fn same_codes(ours: &[Piece], mut theirs: Vec<Piece>) -> Option<Vec<Piece>> {
    let mut available = Vec::new();
    signatures(ours, &mut available);
    let mut wanted = Vec::new();
    signatures(&theirs, &mut wanted);
    if available.len() != wanted.len() {
        return None;
    }
    let mut ids = BTreeMap::new();
    for (id, signature) in wanted {
        let at = available.iter().position(|(_, s)| *s == signature)?;
        ids.insert(id, available.remove(at).0);
    }
    renumber(&mut theirs, &ids);
    Some(theirs)
}

/// Each code's id and Markdown.
fn signatures(pieces: &[Piece], out: &mut Vec<(usize, (String, String))>) {
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Code { id, markdown, .. } => out.push((*id, (markdown.clone(), String::new()))),
            Piece::Pair {
                id,
                start,
                end,
                inner,
                ..
            } => {
                out.push((*id, (start.clone(), end.clone())));
                signatures(inner, out);
            }
        }
    }
}

fn renumber(pieces: &mut [Piece], ids: &BTreeMap<usize, usize>) {
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Code { id, .. } => *id = ids[id],
            Piece::Pair { id, inner, .. } => {
                *id = ids[id];
                renumber(inner, ids);
            }
        }
    }
}

/// XLIFF's `type` of an inline code.
fn code_type(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Format => "fmt",
        CodeKind::Link => "link",
        CodeKind::Image => "image",
        CodeKind::Other => "other",
    }
}

/// The document being written, indented outside the text.
struct Out {
    writer: Writer<Vec<u8>>,
}

impl Out {
    fn new() -> Self {
        Out {
            writer: Writer::new(Vec::new()),
        }
    }

    // Writing into a Vec cannot fail.
    fn event(&mut self, event: Event<'_>) {
        let _ = self.writer.write_event(event);
    }

    fn declaration(&mut self) {
        self.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        self.nl(0);
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Start(start));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Empty(start));
    }

    fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn nl(&mut self, depth: usize) {
        let indent = format!("\n{}", "  ".repeat(depth));
        self.event(Event::Text(BytesText::from_escaped(indent)));
    }

    /// Text, escaped; characters XML cannot hold as `<cp hex="…"/>`, and carriage
    /// returns (which XML readers turn into line feeds) as `&#13;`.
    fn text(&mut self, text: &str) {
        let mut run = String::new();
        for c in text.chars() {
            if c == '\r' || !xml_char(c) {
                if !run.is_empty() {
                    self.event(Event::Text(BytesText::new(&run)));
                    run.clear();
                }
                if c == '\r' {
                    self.event(Event::Text(BytesText::from_escaped("&#13;")));
                } else {
                    self.empty("cp", &[("hex", &format!("{:04X}", c as u32))]);
                }
            } else {
                run.push(c);
            }
        }
        if !run.is_empty() {
            self.event(Event::Text(BytesText::new(&run)));
        }
    }

    /// Text and inline codes: `<ph>` for a code alone, `<pc>` around a pair's text;
    /// neither may be copied or deleted.
    fn pieces(&mut self, pieces: &[Piece]) {
        for piece in pieces {
            match piece {
                Piece::Text(text) => self.text(text),
                Piece::Code { id, kind, .. } => {
                    let (data, _) = data_ids(*id);
                    self.empty(
                        "ph",
                        &[
                            ("id", &id.to_string()),
                            ("type", code_type(*kind)),
                            ("canCopy", "no"),
                            ("canDelete", "no"),
                            ("dataRef", &data),
                        ],
                    );
                }
                Piece::Pair {
                    id, kind, inner, ..
                } => {
                    let (start, end) = data_ids(*id);
                    self.start(
                        "pc",
                        &[
                            ("id", &id.to_string()),
                            ("type", code_type(*kind)),
                            ("canCopy", "no"),
                            ("canDelete", "no"),
                            ("dataRefStart", &start),
                            ("dataRefEnd", &end),
                        ],
                    );
                    self.pieces(inner);
                    self.end("pc");
                }
            }
        }
    }
}

/// Whether XML 1.0 can hold `c` as it is.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
