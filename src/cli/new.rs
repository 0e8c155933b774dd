//! `herald new`: write a new announcement, or scaffold a translation from its source.

use std::path::Path;
use std::process::ExitCode;

use herald::diagnostics::Diagnostic;

use super::print_all;

/// Scaffolds `translate` in `lang` when given, else a new announcement `name`.
pub fn run(
    site: &Path,
    name: Option<&str>,
    translate: Option<&str>,
    lang: Option<&str>,
    title: Option<&str>,
) -> ExitCode {
    let result = match (translate, name) {
        (Some(source), _) => {
            herald::scaffold::new_translation(site, source, lang.unwrap_or_default())
        }
        (None, Some(name)) => match herald::clock() {
            Ok(now) => herald::scaffold::new_announcement(site, name, lang, title, now),
            Err(e) => Err(vec![Diagnostic::file_error(herald::NOW_VAR, e)]),
        },
        (None, None) => Err(vec![Diagnostic::file_error(
            "herald new",
            "give the new announcement's name, or --translate NAME --lang L",
        )]),
    };
    match result {
        Ok(path) => {
            println!("created {}", path.display());
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_all(&diagnostics);
            ExitCode::from(1)
        }
    }
}
