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

/// Produces every job's content; output files are keyed (and so sorted) by path.
pub fn render<'j>(
    site: &Site,
    localizer: &Localizer,
    theme: &Theme,
    jobs: impl IntoParallelIterator<Item = &'j Job>,
) -> (BTreeMap<PathBuf, Content>, Diagnostics) {
    let tag_labels = plan::all_tag_labels(site, localizer);
    let results: Vec<(PathBuf, Result<Content, Diagnostic>)> = jobs
        .into_par_iter()
        .map(|job| {
            let content = match &job.work {
                Work::Render(page) => {
                    let (template, context) = plan::context(site, localizer, &tag_labels, page);
                    theme
                        .render(template, &context)
                        .map(|html| Content::Bytes(html.into_bytes()))
                }
                Work::Copy(from) => Ok(Content::Asset(from.clone())),
                Work::Text(text) => Ok(Content::Bytes(text.clone().into_bytes())),
            };
            (job.file.clone(), content)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut files = BTreeMap::new();
    for (file, content) in results {
        match content {
            Ok(content) => {
                if files.insert(file.clone(), content).is_some() {
                    diags.push(Diagnostic::file_error(
                        &file,
                        "two things would be written to this output file (a static file and a page, or two pages)",
                    ));
                }
            }
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}
