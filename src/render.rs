//! Running the planned jobs in parallel: contexts are built and templates
//! rendered on all cores.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Localizer;
use crate::plan::{self, Job, Work};
use crate::site::Site;
use crate::theme::{Asset, Theme};

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Content {
    /// Rendered text.
    Bytes(Vec<u8>),
    /// Copied from a file or the binary.
    Asset(Asset),
}

/// Produces one job's content.
pub fn produce(
    site: &Site,
    localizer: &Localizer,
    theme: &Theme,
    labels: &[plan::Labels],
    job: &Job,
) -> Result<Content, Diagnostic> {
    match &job.work {
        Work::Render(page) => {
            let (template, context) = plan::context(site, localizer, labels, page);
            theme.render(template, &context).map(Content::Bytes)
        }
        Work::Copy(from) => Ok(Content::Asset(from.clone())),
        Work::Text(text) => Ok(Content::Bytes(text.clone().into_bytes())),
    }
}

/// A hash of a file's bytes, to know whether a rebuild changed it.
pub fn content_hash(content: &Content) -> std::io::Result<u64> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match content {
        Content::Bytes(b) => b.hash(&mut h),
        Content::Asset(Asset::Builtin(b)) => b.hash(&mut h),
        Content::Asset(Asset::Disk(p)) => std::fs::read(p)?.hash(&mut h),
    }
    Ok(h.finish())
}

/// Renders every job in parallel and, with `dir`, writes each file there as soon as it
/// is rendered (nothing is kept in memory). Returns each job's bytes hash, in job order.
pub fn render_into(
    site: &Site,
    localizer: &Localizer,
    theme: &Theme,
    jobs: &[Job],
    dir: Option<&std::path::Path>,
) -> (Vec<u64>, Diagnostics) {
    let labels = plan::all_labels(site, localizer);
    let results: Vec<Result<u64, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let content = produce(site, localizer, theme, &labels, job)?;
            let io_error =
                |e: std::io::Error| Diagnostic::file_error(&job.file, format!("cannot write: {e}"));
            if let Some(dir) = dir {
                crate::output::write_one(&dir.join(&job.file), &content).map_err(io_error)?;
            }
            content_hash(&content).map_err(io_error)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let hashes = results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|d| {
                diags.push(d);
                0
            })
        })
        .collect();
    (hashes, diags)
}

/// Produces the content of the given jobs (watch mode: the few that changed).
pub fn render<'j>(
    site: &Site,
    localizer: &Localizer,
    theme: &Theme,
    jobs: impl IntoParallelIterator<Item = &'j Job>,
) -> (BTreeMap<PathBuf, Content>, Diagnostics) {
    let labels = plan::all_labels(site, localizer);
    let results: Vec<(PathBuf, Result<Content, Diagnostic>)> = jobs
        .into_par_iter()
        .map(|job| {
            (
                job.file.clone(),
                produce(site, localizer, theme, &labels, job),
            )
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut files = BTreeMap::new();
    for (file, content) in results {
        match content {
            Ok(content) => {
                files.insert(file, content);
            }
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}
