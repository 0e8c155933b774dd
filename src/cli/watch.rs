//! `herald watch`: build, then rebuild what changed on every save.

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use herald::diagnostics::Diagnostic;
use herald::watch::{Outcome, Warned};
use herald::BuildOptions;

use super::{print_all, Verbosity};

/// Builds, then watches until Ctrl-C, printing a line per rebuild (quiet: only failures).
pub fn run(options: &BuildOptions, v: Verbosity) -> ExitCode {
    let stop = Arc::new(AtomicBool::new(false));
    super::stop_on_signal(stop.clone(), v);
    let mut warned = Warned::default();
    let session = match herald::incremental::Session::start(options) {
        Ok((session, report)) => {
            if v.talks() {
                print_fresh(&mut warned, &report.warnings);
                println!(
                    "built {} files into {} in {} ms",
                    report.written,
                    session.output().display(),
                    report.elapsed.as_millis()
                );
            }
            Some(session)
        }
        Err(diagnostics) => {
            v.print(&diagnostics);
            eprintln!("the site did not build; fix the errors and save, herald is watching");
            None
        }
    };
    let ready = || {
        if v.talks() {
            println!("watching for changes (Ctrl-C to stop)");
        }
    };
    let result = herald::watch::watch(session, options, &stop, ready, |outcome| {
        let failed = matches!(outcome, Outcome::Failed { .. } | Outcome::Indexed(Err(_)));
        if failed || v.talks() {
            println!("{}", herald::watch::summary(outcome));
        }
        match outcome {
            Outcome::Rebuilt { report, .. } if v.talks() => {
                print_fresh(&mut warned, &report.warnings)
            }
            Outcome::Failed { diagnostics, .. } => v.print(diagnostics),
            Outcome::Indexed(Err(diagnostics)) => v.print(diagnostics),
            _ => {}
        }
    });
    match result {
        Ok(()) => {
            if v.talks() {
                println!("stopped");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Prints the warnings that were not printed after the last build.
fn print_fresh(warned: &mut Warned, warnings: &[Diagnostic]) {
    print_all(warned.fresh(warnings));
}
