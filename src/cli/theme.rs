//! `herald theme eject`: the built-in theme copied into the site, to change.

use std::path::Path;
use std::process::ExitCode;

use super::{print_all, Verbosity};

/// Ejects the built-in theme into `themes/<name>/` and says what it wrote.
pub fn eject(site: &Path, name: &str, v: Verbosity) -> ExitCode {
    match herald::theme::eject(site, name) {
        Ok(ejected) => {
            if v.talks() {
                println!(
                    "copied the built-in theme into {}/ ({} files: templates/, shortcodes/, static/ and locales/<lang>/theme.ftl)",
                    ejected.folder.display(),
                    ejected.files.len()
                );
                match &ejected.switched_from {
                    Some(before) => println!(
                        "site.yaml: theme: {name} (was {before}); the site uses the copy from now on"
                    ),
                    None => println!(
                        "the site uses the copy from now on: change it there (new versions of herald do not change it)"
                    ),
                }
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_all(&diagnostics);
            ExitCode::from(1)
        }
    }
}
