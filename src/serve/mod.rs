//! `herald serve`: watch mode plus a local web server with live reload.
//!
//! HTML pages get a tiny script that listens to `/__herald/events` (server-sent
//! events): `reload` after every good rebuild, `build-error` with the diagnostics
//! when a save breaks the build (shown as an overlay until the next good save).

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;
use tokio_stream::{Stream, StreamExt};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::incremental::Session;
use crate::watch::{summary, Outcome};
use crate::BuildOptions;

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__herald/events";
/// The path of the live-reload script.
pub const SCRIPT_PATH: &str = "/__herald/live.js";

const LIVE_RELOAD_JS: &str = r#"(function () {
  var events = new EventSource("/__herald/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("build-error", function (e) {
    var box = document.getElementById("herald-build-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "herald-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;margin:0;padding:1.5rem;background:rgba(25,25,25,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;overflow:auto;z-index:2147483647;direction:ltr;text-align:left";
      document.body.appendChild(box);
    }
    box.textContent = "herald: the last save did not build. The page shows the last good version.\n\n" + e.data;
  });
})();
"#;

/// What the browser is told about the latest build.
#[derive(Debug, Clone, Default)]
struct Status {
    /// Diagnostics of a failed build, or None after a good one.
    error: Option<String>,
}

#[derive(Clone)]
struct App {
    output: PathBuf,
    base_path: String,
    status: watch::Receiver<Status>,
}

/// Builds, serves the output on `bind:port`, and rebuilds on every change until Ctrl-C.
pub fn serve(options: &BuildOptions, bind: IpAddr, port: u16) -> Result<(), String> {
    let addr = SocketAddr::new(bind, port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("cannot listen on {addr}: the port is already in use (another herald serve?); choose another with --port")
        } else {
            format!("cannot listen on {addr}: {e}")
        }
    })?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    // Without a valid site.yaml the first build fails and says why; serve the default folder meanwhile.
    let (base_path, output) = match crate::configure(options) {
        Ok(config) => (config.base_path().to_string(), config.output_dir),
        Err(_) => (String::new(), options.site_dir.join("public")),
    };
    let output = crate::output::absolute(&output);
    let (session, initial) = match Session::start(options) {
        Ok((session, report)) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            println!(
                "built {} files in {} ms",
                report.written,
                report.elapsed.as_millis()
            );
            (Some(session), Status::default())
        }
        Err(diagnostics) => {
            let text = render_diagnostics(&diagnostics);
            eprintln!(
                "{text}\nthe site did not build; fix the errors and save, herald is watching"
            );
            (None, Status { error: Some(text) })
        }
    };
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
            println!("{}", summary(outcome));
            match outcome {
                Outcome::Rebuilt { report, .. } => {
                    for w in &report.warnings {
                        eprintln!("{w}");
                    }
                    let _ = tx.send(Status { error: None });
                }
                Outcome::Failed { diagnostics, .. } => {
                    let text = render_diagnostics(diagnostics);
                    eprintln!("{text}");
                    let _ = tx.send(Status { error: Some(text) });
                }
                Outcome::Notice(_) => {}
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
    println!(
        "serving {} at http://{addr}{base_path}/ (Ctrl-C to stop)",
        output.display()
    );
    let app = App {
        output,
        base_path,
        status: rx,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        let router = Router::new()
            .route(EVENTS_PATH, get(events))
            .route(SCRIPT_PATH, get(script))
            .fallback(files)
            .with_state(app);
        // On Ctrl-C stop at once: open event streams would hold a graceful shutdown forever.
        tokio::select! {
            served = axum::serve(listener, router) => served.map_err(|e| format!("server error: {e}")),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    });
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let _ = watcher.join();
    println!("stopped");
    result
}

/// Diagnostics as the command line prints them.
pub fn render_diagnostics(diagnostics: &[crate::diagnostics::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_RELOAD_JS,
    )
}

async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // A fresh receiver: only changes after this connection are news to this page.
    let mut status = app.status.clone();
    let current = status.borrow_and_update().clone();
    let first = match current.error {
        Some(text) => Event::default().event("build-error").data(text),
        None => Event::default().comment("connected"),
    };
    let changes = WatchStream::from_changes(status).map(|status| {
        Ok(match status.error {
            Some(text) => Event::default().event("build-error").data(text),
            None => Event::default().event("reload").data("reload"),
        })
    });
    let stream = tokio_stream::once(Ok(first)).chain(changes);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Serves the output folder: `index.html` for folders, the live-reload script in HTML,
/// the language's (or the root) 404 page for misses.
async fn files(State(app): State<App>, uri: Uri, request: Request) -> Response {
    let path = uri.path();
    let Some(rel) = path
        .strip_prefix(&app.base_path)
        .filter(|r| r.is_empty() || r.starts_with('/'))
    else {
        return not_found(&app, path).await;
    };
    let rel = if rel.is_empty() { "/" } else { rel };
    let decoded = percent_decode(rel);
    if decoded.split('/').any(|s| s == "..") {
        return not_found(&app, rel).await;
    }
    let mut file = app.output.join(decoded.trim_start_matches('/'));
    if file.is_dir() {
        if !rel.ends_with('/') {
            let location = format!("{}{}/", app.base_path, rel);
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
        file.push("index.html");
    }
    if file.extension().is_some_and(|e| e == "html") {
        return match tokio::fs::read(&file).await {
            Ok(bytes) => html_response(StatusCode::OK, bytes),
            Err(_) => not_found(&app, rel).await,
        };
    }
    if !file.is_file() {
        return not_found(&app, rel).await;
    }
    let mut request = request;
    *request.uri_mut() = match format!("/{}", decoded.trim_start_matches('/')).parse() {
        Ok(uri) => uri,
        Err(_) => return not_found(&app, rel).await,
    };
    match ServeDir::new(&app.output).oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(_) => not_found(&app, rel).await,
    }
}

async fn not_found(app: &App, rel: &str) -> Response {
    // `/L/...` gets L's not-found page when there is one.
    let lang = rel
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let candidates = [
        app.output.join(lang).join("404.html"),
        app.output.join("404.html"),
    ];
    for candidate in candidates
        .iter()
        .filter(|c| !lang.is_empty() || c.parent() == Some(app.output.as_path()))
    {
        if let Ok(bytes) = tokio::fs::read(candidate).await {
            return html_response(StatusCode::NOT_FOUND, bytes);
        }
    }
    (StatusCode::NOT_FOUND, "not found").into_response()
}

fn html_response(status: StatusCode, bytes: Vec<u8>) -> Response {
    let html = String::from_utf8_lossy(&bytes);
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let body = match html.rfind("</body>") {
        Some(i) => format!("{}{tag}\n{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}
