//! `herald init NEW_SITE --from-hugo HUGO_SITE`: a new site seeded from a Hugo site.

use std::path::Path;
use std::process::ExitCode;

use super::print_all;

/// Plans the import, prints its report and writes the new site (not with `dry_run`).
pub fn run(
    target: Option<&Path>,
    from_hugo: Option<&Path>,
    section: Option<&str>,
    dry_run: bool,
) -> ExitCode {
    let (Some(target), Some(hugo)) = (target, from_hugo) else {
        eprintln!(
            "error: `herald init` needs {}: herald init <NEW_SITE> --from-hugo <HUGO_SITE> [--section PATH] [--dry-run] (a site without Hugo is not supported yet)",
            if from_hugo.is_none() { "--from-hugo HUGO_SITE" } else { "the new site's folder" }
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
