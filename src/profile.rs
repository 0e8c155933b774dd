//! Stage timings: how long each stage of a build took, and the memory it held, printed
//! with `--verbose` (or `HERALD_PROFILE=1`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Set by [`show_timings`] (`--verbose`).
static SHOWN: AtomicBool = AtomicBool::new(false);

/// From now on, [`stage`] prints each stage's time (what `--verbose` asks for).
pub fn show_timings() {
    SHOWN.store(true, Ordering::Relaxed);
}

/// With timings shown (`--verbose`, or `HERALD_PROFILE` set), each stage's wall time is
/// printed to stderr, with the process's resident memory and its peak so far (Linux).
pub fn stage(name: &str, since: Instant) -> Instant {
    static ENV: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if SHOWN.load(Ordering::Relaxed)
        || *ENV.get_or_init(|| std::env::var_os("HERALD_PROFILE").is_some())
    {
        eprintln!(
            "  {name:<12} {:>8.1} ms {}",
            since.elapsed().as_secs_f64() * 1000.0,
            memory_now()
        );
    }
    Instant::now()
}

/// `rss … MiB, peak … MiB` from `/proc/self/status`, or nothing where it is not there.
fn memory_now() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mib = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb / 1024)
    };
    match (mib("VmRSS:"), mib("VmHWM:")) {
        (Some(rss), Some(peak)) => format!("  rss {rss:>5} MiB, peak {peak:>5} MiB"),
        _ => String::new(),
    }
}
