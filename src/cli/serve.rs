//! `herald serve`: watch, and serve the site locally with live reload.

use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;

use herald::serve::Serve;
use herald::BuildOptions;

/// Serves until Ctrl-C; with `open`, opens the site in the browser once it is served
/// (a browser that cannot be started is a warning).
pub fn run(options: &BuildOptions, how: Serve, open: bool) -> ExitCode {
    let serving = |url: &str| {
        if !open {
            return;
        }
        if let Err(e) = opener::open_browser(url) {
            eprintln!("warning: cannot open {url} in a browser ({e}); open it yourself");
        }
    };
    match herald::serve::serve(options, how, serving) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Reads `--bind`: an IPv4 or IPv6 address (brackets allowed, `[::1]`) or `localhost`
/// (127.0.0.1, which every system has; no name is looked up).
pub fn parse_bind(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    let bare = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    bare.parse().map_err(|_| {
        "expected an IP address such as 127.0.0.1, ::1 or 0.0.0.0, or localhost (the port goes in --port)"
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_takes_addresses_and_localhost() {
        assert_eq!(parse_bind("localhost"), Ok(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        assert_eq!(parse_bind("::1"), Ok("::1".parse().unwrap()));
        assert_eq!(parse_bind("[::1]"), Ok("::1".parse().unwrap()));
        assert_eq!(parse_bind("0.0.0.0"), Ok("0.0.0.0".parse().unwrap()));
        assert!(parse_bind("127.0.0.1:8080").is_err());
        assert!(parse_bind("example.org").is_err());
        assert!(parse_bind("").is_err());
    }
}
