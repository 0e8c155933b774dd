//! `herald serve`: watch, and serve the site locally with live reload.

use std::net::IpAddr;
use std::process::ExitCode;

use herald::BuildOptions;

/// Serves until Ctrl-C.
pub fn run(options: &BuildOptions, bind: IpAddr, port: u16) -> ExitCode {
    match herald::serve::serve(options, bind, port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
