//! Turning planned jobs into bytes, in parallel: each page's context is built through
//! a [`Reader`] and its template rendered. Rendering never writes: each file's bytes
//! go to the caller (a sink that [`crate::output`] provides, or memory).

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::Asset;
use crate::hash::{bytes_hash, stable_hash};
use crate::i18n::Localizer;
use crate::plan::{self, Job, Labels, Page, Reader, Reads, Units, Work};
use crate::site::Site;
use crate::theme::Theme;

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Content {
    /// Rendered text.
    Bytes(Vec<u8>),
    /// Copied from a file or the binary.
    Asset(Asset),
}

/// What rendering one job gave, besides its bytes: what it read and a hash that tells
/// whether its bytes changed (for a copied file, its source and stamp).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// A hash of the file's bytes.
    pub hash: u64,
    /// The facts its page read.
    pub reads: Reads,
}

/// Everything rendering needs, for one build.
pub struct Renderer<'a> {
    site: &'a Site,
    localizer: &'a Localizer,
    theme: &'a Theme,
    labels: Vec<Labels>,
    units: &'a Units,
    record: bool,
    bodies: plan::Bodies,
}

impl<'a> Renderer<'a> {
    /// A renderer of this site; with `record`, each job's reads are kept (watch mode).
    pub fn new(
        site: &'a Site,
        localizer: &'a Localizer,
        theme: &'a Theme,
        units: &'a Units,
        record: bool,
    ) -> Renderer<'a> {
        Renderer {
            site,
            localizer,
            theme,
            labels: plan::all_labels(site, localizer),
            units,
            record,
            bodies: plan::Bodies::new(site),
        }
    }

    /// A reader of this build's model.
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(
            self.site,
            self.localizer,
            &self.labels,
            self.units,
            self.record,
        )
        .with_shortcodes(self.theme)
        .with_bodies(&self.bodies)
    }

    /// Produces one job's content, with what it read.
    pub fn produce(&self, job: &Job) -> Result<(Content, Outcome), Diagnostic> {
        let content = match &job.work {
            Work::Copy { from, .. } => {
                let hash = if self.record {
                    stable_hash(&job.work)
                } else {
                    0
                };
                return Ok((
                    Content::Asset(from.clone()),
                    Outcome {
                        hash,
                        reads: Reads::new(),
                    },
                ));
            }
            Work::Render(page) => page,
        };
        let mut reader = self.reader();
        let bytes = match content {
            Page::Sitemap(file) => plan::sitemap_text(&mut reader, *file).into_bytes(),
            Page::Robots => plan::robots_text(&reader).into_bytes(),
            page => match plan::context(&mut reader, page, &|t, v| self.theme.reads(t, v)) {
                Some((template, context)) => self.theme.render(template, &context)?,
                None => Vec::new(),
            },
        };
        // A shortcode that could not be rendered fails the page.
        if let Some(error) = reader.take_errors().into_iter().next() {
            return Err(error);
        }
        let hash = if self.record { bytes_hash(&bytes) } else { 0 };
        Ok((
            Content::Bytes(bytes),
            Outcome {
                hash,
                reads: reader.finish(),
            },
        ))
    }

    /// Renders every job in parallel, handing each file's content to `sink` as soon as
    /// it is rendered (nothing is kept in memory). Returns each job's outcome, in job order.
    pub fn render_each(
        &self,
        jobs: &[&Job],
        sink: impl Fn(&Job, &Content) -> Result<(), Diagnostic> + Sync,
    ) -> (Vec<Outcome>, Diagnostics) {
        let results: Vec<Result<Outcome, Diagnostic>> = jobs
            .par_iter()
            .map(|&job| {
                let (content, outcome) = self.produce(job)?;
                sink(job, &content)?;
                Ok(outcome)
            })
            .collect();
        let mut diags = Diagnostics::new();
        let outcomes = results
            .into_iter()
            .map(|r| {
                r.unwrap_or_else(|d| {
                    diags.push(d);
                    Outcome::default()
                })
            })
            .collect();
        (outcomes, diags)
    }

    /// Renders some jobs in parallel and keeps their content (watch mode: the few that
    /// changed), in the order given.
    pub fn render_kept<'j>(
        &self,
        jobs: &[&'j Job],
    ) -> (Vec<(&'j Job, Content, Outcome)>, Diagnostics) {
        let results: Vec<Result<(&Job, Content, Outcome), Diagnostic>> = jobs
            .par_iter()
            .map(|&job| self.produce(job).map(|(c, o)| (job, c, o)))
            .collect();
        let mut diags = Diagnostics::new();
        let mut kept = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(done) => kept.push(done),
                Err(d) => diags.push(d),
            }
        }
        (kept, diags)
    }
}
