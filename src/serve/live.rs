//! Live reload: the script HTML pages get, and the event stream it listens to.
//!
//! The stream sends `reload` after every good rebuild and `build-error` with the
//! diagnostics when a save breaks the build (shown as an overlay until the next good save).

use std::convert::Infallible;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::wrappers::WatchStream;
use tokio_stream::{Stream, StreamExt};

use super::App;

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
pub struct Status {
    /// Diagnostics of a failed build, or None after a good one.
    pub error: Option<String>,
}

/// The live-reload script.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_RELOAD_JS,
    )
}

/// The event stream: the current state first, then every change.
pub async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
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

/// An HTML page with the live-reload script before `</body>`, never cached.
pub fn page(status: StatusCode, bytes: Vec<u8>) -> Response {
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
