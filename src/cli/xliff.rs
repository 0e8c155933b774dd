//! `herald export` and `herald import`: XLIFF 2.0 for translators' CAT tools.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use herald::xliff::ExportOptions;

use super::print_all;

/// Writes the XLIFF file of `options` to `output` (`-`: standard output; default
/// `<lang>.xlf` in the current folder, never over a file).
pub fn export(site: &Path, options: &ExportOptions, output: Option<PathBuf>) -> ExitCode {
    let export = match herald::xliff::export(site, options) {
        Ok(export) => export,
        Err(diagnostics) => {
            print_all(&diagnostics);
            return ExitCode::from(1);
        }
    };
    for (lang, count) in &export.other_sources {
        eprintln!(
            "note: {count} announcement(s) written in `{lang}` need translating too: export them with --source {lang}"
        );
    }
    if export.units == 0 {
        eprintln!(
            "nothing to export: `{}` has no missing or stale translation",
            options.lang
        );
        return ExitCode::SUCCESS;
    }
    let summary = format!(
        "{} missing and {} stale announcement(s), {} unit(s)",
        export.missing, export.stale, export.units
    );
    let written = match output {
        Some(path) if path.as_os_str() == "-" => {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            out.write_all(&export.xml)
                .and_then(|()| out.flush())
                .map(|()| None)
        }
        Some(path) => std::fs::write(&path, &export.xml).map(|()| Some(path)),
        None => {
            let path = PathBuf::from(format!("{}.xlf", options.lang));
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| {
                    use std::io::Write as _;
                    f.write_all(&export.xml)
                })
                .map(|()| Some(path.clone()))
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::AlreadyExists => std::io::Error::other(format!(
                        "{} exists (an earlier export, perhaps being translated): remove it, or name another file with --output",
                        path.display()
                    )),
                    _ => e,
                })
        }
    };
    match written {
        Ok(Some(path)) => {
            eprintln!("wrote {}: {summary}", path.display());
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the XLIFF file: {e}");
            ExitCode::from(1)
        }
    }
}

/// Imports the XLIFF file `file` into the site.
pub fn import(site: &Path, file: &Path) -> ExitCode {
    match herald::xliff::import(site, file) {
        Ok(imported) => {
            for path in &imported.created {
                println!("created {}", path.display());
            }
            for path in &imported.updated {
                println!("updated {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_all(&diagnostics);
            eprintln!("nothing was written");
            ExitCode::from(1)
        }
    }
}
