//! `herald serve`: watch mode plus a local web server with live reload.
//!
//! The server is bounded: one event-loop thread, a fixed pool of `FILE_THREADS`
//! threads for file reads, a cap on open connections, a time limit for headers
//! (`listen`); it answers GET and HEAD only and never serves a path whose real
//! target is outside the output folder (`files`). HTML pages get the live-reload
//! script (`live`).

mod files;
mod listen;
mod live;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::watch;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::console::eprint_all;
use crate::incremental::Session;
use crate::watch::{summary, Outcome};
use crate::BuildOptions;
use files::Target;
pub use listen::{Limits, HEADER_TIMEOUT_VAR, MAX_CONNECTIONS_VAR};
use live::Status;
pub use live::{EVENTS_PATH, SCRIPT_PATH};

/// Threads that read files for the server (tokio's blocking pool, capped): with one
/// event-loop thread, the server never holds more than `1 + FILE_THREADS` threads.
pub const FILE_THREADS: usize = 2;

#[derive(Clone)]
struct App {
    output: PathBuf,
    base_path: String,
    status: watch::Receiver<Status>,
}

/// Where `serve` listens and how much it prints.
#[derive(Debug, Clone, Copy)]
pub struct Serve {
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port (0: one the system picks).
    pub port: u16,
    /// Print errors only (`--quiet`): no build, rebuild or address lines, no warnings.
    pub quiet: bool,
}

/// Builds, serves the output on `bind:port`, and rebuilds on every change until Ctrl-C.
/// Once the site is served and saves are watched, `serving` is called with its address
/// (on the loopback interface when listening on all of them).
pub fn serve(options: &BuildOptions, how: Serve, serving: impl FnOnce(&str)) -> Result<(), String> {
    let quiet = how.quiet;
    let listener = listen_on(SocketAddr::new(how.bind, how.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen: {e}"))?;
    // Without a valid site.yaml the first build fails and says why; serve the default folder meanwhile.
    let (base_path, output) = match crate::configure(options) {
        Ok(config) => (config.base_path().to_string(), config.output_dir),
        Err(_) => (String::new(), options.site_dir.join("public")),
    };
    let output = crate::output::absolute(&output);
    let mut warned = crate::watch::Warned::default();
    let (session, initial) = first_build(options, &mut warned, quiet);
    let (tx, rx) = watch::channel(initial);
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    let stop = Arc::new(AtomicBool::new(false));
    let stop_watch = stop.clone();
    let watch_options = options.clone();
    let watcher = std::thread::spawn(move || {
        let ready = move || {
            let _ = ready_tx.send(());
        };
        crate::watch::watch(session, &watch_options, &stop_watch, ready, |outcome| {
            let failed = matches!(outcome, Outcome::Failed { .. } | Outcome::Indexed(Err(_)));
            if failed || !quiet {
                println!("{}", summary(outcome));
            }
            let site = &watch_options.site_dir;
            match outcome {
                Outcome::Rebuilt { report, .. } => {
                    if !quiet {
                        eprint_all(site, warned.fresh(&report.warnings));
                    }
                    let _ = tx.send(Status { error: None });
                }
                Outcome::Failed { diagnostics, .. } => {
                    eprint_all(site, diagnostics);
                    let text = render_diagnostics(diagnostics);
                    let _ = tx.send(Status { error: Some(text) });
                }
                Outcome::Notice(_) | Outcome::Indexed(_) => {}
            }
        })
    });
    // Announce the address only once saves are being watched.
    if ready_rx.recv().is_err() {
        return match watcher.join() {
            Ok(Err(e)) => Err(e),
            _ => Err("the file watcher stopped".to_string()),
        };
    }
    // Ctrl-C and SIGTERM are caught from before the address is announced: a signal
    // sent as soon as it is must stop the server, not kill it.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(FILE_THREADS)
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let signals = runtime.block_on(async { Signals::register() });
    if !quiet {
        println!(
            "serving {} at http://{addr}{base_path}/ (Ctrl-C to stop)",
            output.display()
        );
    }
    let local = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::from((Ipv4Addr::LOCALHOST, addr.port()))
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::from((Ipv6Addr::LOCALHOST, addr.port()))
        }
        _ => addr,
    };
    serving(&format!("http://{local}{base_path}/"));
    let app = App {
        output,
        base_path,
        status: rx,
    };
    let result = run_server(runtime, listener, app, signals);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    // The watcher stops between rebuilds; one in progress is not waited for long.
    let deadline = std::time::Instant::now() + Duration::from_millis(500);
    while !watcher.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    if !quiet {
        println!("stopped");
    }
    result
}

fn listen_on(addr: SocketAddr) -> Result<std::net::TcpListener, String> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("cannot listen on {addr}: the port is already in use (another herald serve?); choose another with --port")
        } else {
            format!("cannot listen on {addr}: {e}")
        }
    })?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    Ok(listener)
}

/// The first build, printed: the session to go on with, or what the browser is told.
fn first_build(
    options: &BuildOptions,
    warned: &mut crate::watch::Warned,
    quiet: bool,
) -> (Option<Session>, Status) {
    match Session::start(options) {
        Ok((session, report)) => {
            if !quiet {
                eprint_all(&options.site_dir, warned.fresh(&report.warnings));
                println!(
                    "built {} files in {} ms",
                    report.written,
                    report.elapsed.as_millis()
                );
            }
            (Some(session), Status::default())
        }
        Err(diagnostics) => {
            eprint_all(&options.site_dir, &diagnostics);
            eprintln!("the site did not build; fix the errors and save, herald is watching");
            let text = render_diagnostics(&diagnostics);
            (None, Status { error: Some(text) })
        }
    }
}

/// Serves until Ctrl-C or SIGTERM on this thread (the event loop) and `FILE_THREADS`
/// file threads.
fn run_server(
    runtime: tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    app: App,
    mut signals: Signals,
) -> Result<(), String> {
    let limits = Limits::from_env();
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        // On Ctrl-C or SIGTERM stop at once: open event streams would hold a graceful
        // shutdown forever.
        tokio::select! {
            () = listen::accept(listener, router(app), limits) => Ok(()),
            () = signals.received() => Ok(()),
        }
    });
    // A file thread stuck in a read must not hold the exit.
    runtime.shutdown_timeout(Duration::from_millis(200));
    result
}

/// The signals that stop the server (SIGINT, SIGTERM), caught from when they are
/// registered.
struct Signals {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    /// Registers the handlers (inside the server's runtime).
    fn register() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Signals {
                interrupt: signal(SignalKind::interrupt()).ok(),
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// Resolves when one of the signals comes.
    async fn received(&mut self) {
        #[cfg(unix)]
        {
            async fn one(signal: &mut Option<tokio::signal::unix::Signal>) {
                match signal {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! {
                () = one(&mut self.interrupt) => {}
                () = one(&mut self.terminate) => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Diagnostics for the browser's error overlay: plain text, one line each.
pub fn render_diagnostics(diagnostics: &[crate::diagnostics::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn router(app: App) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(live::events))
        .route(SCRIPT_PATH, get(live::script))
        .fallback(serve_path)
        .layer(axum::middleware::from_fn(listen::only_get_and_head))
        .with_state(app)
}

/// Serves the output folder: `index.html` for folders, the live-reload script in HTML,
/// an `ETag` on other files, the language's (or the root) 404 page for misses.
async fn serve_path(State(app): State<App>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let rel = path
        .strip_prefix(&app.base_path)
        .filter(|r| r.is_empty() || r.starts_with('/'))
        .map(|r| {
            if r.is_empty() {
                "/".to_string()
            } else {
                files::percent_decode(r)
            }
        });
    let output = app.output.clone();
    let asked = path.clone();
    let target = tokio::task::spawn_blocking(move || match rel {
        Some(rel) => files::resolve(&output, &rel),
        // Outside the base path: only a not-found page can answer.
        None => files::missing(&output, &asked),
    })
    .await
    .unwrap_or(Target::Missing(None));
    match target {
        Target::Folder => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, format!("{path}/"))],
        )
            .into_response(),
        Target::Page(bytes) => live::page(StatusCode::OK, bytes),
        Target::Missing(Some(bytes)) => live::page(StatusCode::NOT_FOUND, bytes),
        Target::Missing(None) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Target::File { path, etag } => static_file(request, &path, &etag).await,
    }
}

/// A file other than a page, revalidated on every use (`no-cache`) so that a reload
/// after a rebuild never shows a stale stylesheet: `304` while its `ETag` still matches.
async fn static_file(request: Request, path: &std::path::Path, etag: &str) -> Response {
    let matches = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| files::none_match(v, etag));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match ServeFile::new(path).oneshot(request).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        }
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
