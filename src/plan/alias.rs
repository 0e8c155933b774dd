//! Redirect pages at the old URLs listed in `aliases:`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Context;

use super::read::Reader;
use super::{Job, Page, Work};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::urls::Route;

/// A redirect page for every alias; an alias that collides with a page or a file
/// (`taken`: every other planned file) or with another alias is an error naming both.
pub fn alias_jobs(site: &Site, taken: impl Fn(&PathBuf) -> bool) -> (Vec<Job>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut claimed: BTreeMap<PathBuf, (&Path, usize)> = BTreeMap::new();
    let mut jobs = Vec::new();
    // In file order, so the first file (by path) keeps a contested alias.
    let mut translations: Vec<(usize, usize, &crate::content::Translation)> = site
        .structure
        .aliased
        .iter()
        .map(|&(a, t)| (a, t, &site.announcements[a].translations[t]))
        .collect();
    translations.sort_by(|x, y| x.2.path.cmp(&y.2.path));
    for (a, t, tr) in translations {
        for (i, alias) in tr.aliases.iter().enumerate() {
            let file = Route::Alias {
                path: alias.clone(),
            }
            .file();
            let shown = format!("/{alias}");
            if taken(&file) {
                diags.push(Diagnostic::error(
                    &tr.path,
                    tr.aliases_line,
                    1,
                    format!("alias `{shown}` is the address of a page herald writes ({}); choose another", file.display()),
                ));
                continue;
            }
            if let Some((other, line)) = claimed.get(&file) {
                diags.push(Diagnostic::error(
                    &tr.path,
                    tr.aliases_line,
                    1,
                    format!(
                        "alias `{shown}` is also an alias in {}:{line}",
                        other.display()
                    ),
                ));
                continue;
            }
            claimed.insert(file.clone(), (&tr.path, tr.aliases_line));
            jobs.push(Job {
                file,
                work: Work::Render(Page::Alias {
                    a: site.announcements[a].id,
                    t,
                    i,
                }),
            });
        }
    }
    (jobs, diags)
}

/// The context of a redirect page to translation `t` of announcement `a`.
pub fn redirect(reader: &mut Reader, a: usize, t: usize) -> Context {
    let lang = reader.lang_of(a, t);
    let l = reader.config().language_index(lang).unwrap_or(0);
    reader.strings(l);
    let target = reader.announcement_route(a, lang);
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("dir", reader.language(l).dir.as_str());
    ctx.insert("title", reader.title(a, t));
    ctx.insert("title_key", &reader.config().title_key);
    ctx.insert("target_url", &reader.urls().url(&target));
    ctx.insert("canonical", &reader.urls().absolute(&target));
    ctx
}
