//! Running the planned jobs in parallel.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan::Job;
use crate::theme::{Asset, Theme};

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Content {
    /// Rendered text.
    Bytes(Vec<u8>),
    /// Copied from a file or the binary.
    Asset(Asset),
}

/// Renders every job; output files are keyed (and so sorted) by path.
pub fn render(jobs: Vec<Job>, theme: &Theme) -> (BTreeMap<PathBuf, Content>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let results: Vec<(PathBuf, Result<Content, Diagnostic>)> = jobs
        .into_par_iter()
        .map(|job| {
            let file = job.file();
            let content = match job {
                Job::Render {
                    template, context, ..
                } => theme
                    .render(template, &context)
                    .map(|html| Content::Bytes(html.into_bytes())),
                Job::Copy { from, .. } => Ok(Content::Asset(from)),
                Job::Text { text, .. } => Ok(Content::Bytes(text.into_bytes())),
            };
            (file, content)
        })
        .collect();
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
