//! `herald init [DIR] [--language CODE…]`: a new site from nothing;
//! `herald init NEW_SITE --from-hugo HUGO_SITE`: a new site seeded from a Hugo site.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use herald::diagnostics::Diagnostic;

use super::{print_all, Verbosity};

/// Writes a new site into `dir` (default: the current folder) and says what it wrote,
/// what it kept (`force`) and what is left to the person.
pub fn run(dir: Option<PathBuf>, languages: &[String], force: bool, v: Verbosity) -> ExitCode {
    let given = dir.is_some();
    let dir = dir.unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| ".".into()));
    let now = match herald::clock() {
        Ok(now) => now,
        Err(e) => {
            print_all(&[Diagnostic::file_error(herald::NOW_VAR, e)]);
            return ExitCode::from(2);
        }
    };
    let site = match herald::init::plan(languages, now) {
        Ok(site) => site,
        Err(d) => {
            print_all(&[d]);
            return ExitCode::from(2);
        }
    };
    let written = match herald::init::write(&site, &dir, force) {
        Ok(written) => written,
        Err(d) => {
            print_all(&[d]);
            eprintln!("nothing was written");
            return ExitCode::from(1);
        }
    };
    if !v.talks() {
        return ExitCode::SUCCESS;
    }
    for path in &written.created {
        println!("created {}", path.display());
    }
    for path in &written.kept {
        println!(
            "kept {} (it was there; herald init never overwrites a file)",
            path.display()
        );
    }
    for note in &site.notes {
        println!("note: {note}");
    }
    let cd = match given.then(|| dir.display().to_string()) {
        Some(shown)
            if shown
                .chars()
                .all(|c| c.is_alphanumeric() || "/._-".contains(c)) =>
        {
            format!("cd {shown} && ")
        }
        Some(shown) => format!("cd '{}' && ", shown.replace('\'', "'\\''")),
        None => String::new(),
    };
    println!(
        "next: `{cd}herald serve --open` previews the site with live reload; `herald build` writes it into public/"
    );
    ExitCode::SUCCESS
}

/// Plans the import, prints its report and writes the new site (not with `dry_run`).
pub fn from_hugo(
    target: Option<&Path>,
    hugo: &Path,
    section: Option<&str>,
    dry_run: bool,
) -> ExitCode {
    let Some(target) = target else {
        eprintln!(
            "error: `herald init --from-hugo` needs the new site's folder: herald init <NEW_SITE> --from-hugo <HUGO_SITE> [--section PATH] [--dry-run]"
        );
        return ExitCode::from(2);
    };
    if let Err(d) = herald::hugo::check_target(target) {
        print_all(&[d]);
        return ExitCode::from(1);
    }
    let mut import = match herald::hugo::import(hugo, target, section) {
        Ok(import) => import,
        Err(diagnostics) => {
            print_all(&diagnostics);
            eprintln!(
                "import failed with {} error(s); nothing was written",
                diagnostics.len()
            );
            return ExitCode::from(1);
        }
    };
    import.report.dry_run = dry_run;
    if !dry_run {
        if let Err(d) = herald::hugo::write(&import, target) {
            print_all(&[d]);
            eprintln!("nothing was written");
            return ExitCode::from(1);
        }
    }
    print!("{}", import.report);
    ExitCode::SUCCESS
}
