//! Redirect pages at the old URLs listed in `aliases:`.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use tera::Context;

use super::{Job, Page, Work};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::urls::Route;

/// A redirect page for every alias; an alias that collides with a page, a file
/// (`taken`: every other planned file) or another alias is an error naming both.
pub fn alias_jobs(
    site: &Site,
    taken: &HashSet<&PathBuf>,
    global: u64,
    strings: &[u64],
) -> (Vec<Job>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut claimed: BTreeMap<PathBuf, (&Path, usize)> = BTreeMap::new();
    let mut jobs = Vec::new();
    // In file order, so the first file (by path) keeps a contested alias.
    let mut translations: Vec<(usize, usize, &crate::content::Translation)> = site
        .announcements
        .iter()
        .enumerate()
        .flat_map(|(a, ann)| {
            ann.translations
                .iter()
                .enumerate()
                .map(move |(i, t)| (a, i, t))
        })
        .filter(|(_, _, t)| !t.aliases.is_empty())
        .collect();
    translations.sort_by(|x, y| x.2.path.cmp(&y.2.path));
    for (a, i, t) in translations {
        for alias in &t.aliases {
            let route = Route::Alias {
                path: alias.clone(),
            };
            let file = route.file();
            let shown = format!("/{alias}");
            if taken.contains(&file) {
                diags.push(Diagnostic::error(
                    &t.path,
                    t.aliases_line,
                    1,
                    format!("alias `{shown}` is the address of a page herald writes ({}); choose another", file.display()),
                ));
                continue;
            }
            if let Some((other, line)) = claimed.get(&file) {
                diags.push(Diagnostic::error(
                    &t.path,
                    t.aliases_line,
                    1,
                    format!(
                        "alias `{shown}` is also an alias in {}:{line}",
                        other.display()
                    ),
                ));
                continue;
            }
            claimed.insert(file.clone(), (&t.path, t.aliases_line));
            jobs.push(alias_job(site, a, i, file, global, strings));
        }
    }
    (jobs, diags)
}

fn alias_job(site: &Site, a: usize, i: usize, file: PathBuf, global: u64, strings: &[u64]) -> Job {
    let t = &site.announcements[a].translations[i];
    let l = site.config.language_index(&t.lang).unwrap_or(0);
    let target = site.announcement_route(a, &t.lang);
    let fp = super::fingerprint((global, strings.get(l), target.path(), &t.title));
    Job {
        file,
        fingerprint: fp,
        work: Work::Render(Page::Alias { a, t: i }),
    }
}

/// The redirect pages of announcement `a`'s aliases, as [`alias_jobs`] makes them
/// when none collides (watch mode, after an edit that kept the aliases).
pub fn announcement_alias_jobs(site: &Site, a: usize, global: u64, strings: &[u64]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (i, t) in site.announcements[a].translations.iter().enumerate() {
        for alias in &t.aliases {
            let file = Route::Alias {
                path: alias.clone(),
            }
            .file();
            jobs.push(alias_job(site, a, i, file, global, strings));
        }
    }
    jobs
}

/// The context of a redirect page to translation `t` of announcement `a`.
pub fn redirect(site: &Site, a: usize, t: usize) -> Context {
    let tr = &site.announcements[a].translations[t];
    let target = site.announcement_route(a, &tr.lang);
    let lang = site.config.language(&tr.lang);
    let mut ctx = Context::new();
    ctx.insert("lang", &tr.lang);
    ctx.insert("dir", lang.map(|l| l.dir.as_str()).unwrap_or("ltr"));
    ctx.insert("title", &tr.title);
    ctx.insert("title_key", &site.config.title_key);
    ctx.insert("target_url", &site.urls.url(&target));
    ctx.insert("canonical", &site.urls.absolute(&target));
    ctx
}
