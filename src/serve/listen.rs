//! Accepting connections with bounds: a cap on open connections (a `503` past it),
//! a time limit for a request's headers, GET and HEAD only.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Hidden setting for tests: the header-read timeout in milliseconds (default 10 s).
pub const HEADER_TIMEOUT_VAR: &str = "HERALD_HEADER_TIMEOUT_MS";
/// Hidden setting for tests: how many connections may be open at once (default 256).
pub const MAX_CONNECTIONS_VAR: &str = "HERALD_MAX_CONNECTIONS";

/// The bounds the server holds to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How long a client has to send a request's headers (from the connection's start,
    /// or from the previous response on a kept-alive connection) before it is closed.
    pub header_timeout: Duration,
    /// Connections served at once (live-reload streams count); more get a `503`.
    pub max_connections: usize,
}

impl Limits {
    /// The defaults, or the hidden settings `HERALD_HEADER_TIMEOUT_MS` and
    /// `HERALD_MAX_CONNECTIONS` where set to a positive number (tests use them to
    /// see the bounds act without waiting 10 s or opening 256 connections).
    pub fn from_env() -> Limits {
        let number = |var: &str| {
            std::env::var(var)
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .filter(|&n| n > 0)
        };
        Limits {
            header_timeout: number(HEADER_TIMEOUT_VAR)
                .map_or(Duration::from_secs(10), Duration::from_millis),
            max_connections: number(MAX_CONNECTIONS_VAR)
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(256),
        }
    }
}

/// Accepts connections forever: each one under the cap is served by `router`; up
/// to as many again are told `503` and closed; beyond that they are closed at once.
pub async fn accept(listener: TcpListener, router: Router, limits: Limits) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let refusing = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors or an aborted handshake: wait a little and go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        if let Ok(permit) = open.clone().try_acquire_owned() {
            tokio::spawn(serve_connection(stream, router.clone(), limits, permit));
        } else if let Ok(permit) = refusing.clone().try_acquire_owned() {
            tokio::spawn(refuse(stream, limits, permit));
        }
    }
}

/// What a connection may buffer of a request's head: browsers send far less, and
/// 256 connections then hold at most 16 MB (larger heads get `431`).
const MAX_HEAD_BYTES: usize = 64 * 1024;

fn http1_builder(limits: Limits) -> http1::Builder {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(MAX_HEAD_BYTES)
        .max_buf_size(MAX_HEAD_BYTES);
    builder
}

async fn serve_connection(
    stream: TcpStream,
    router: Router,
    limits: Limits,
    _permit: OwnedSemaphorePermit,
) {
    let service = TowerToHyperService::new(router);
    // A client that is too slow or goes away ends its connection, nothing more to do.
    let _ = http1_builder(limits)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Reads the request (so the client sees the answer rather than a reset), answers 503, closes.
async fn refuse(stream: TcpStream, limits: Limits, _permit: OwnedSemaphorePermit) {
    let max = limits.max_connections;
    let service = hyper::service::service_fn(
        move |_: axum::http::Request<hyper::body::Incoming>| async move {
            Ok::<_, std::convert::Infallible>(too_busy(max))
        },
    );
    let _ = http1_builder(limits)
        .keep_alive(false)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

fn too_busy(max: usize) -> Response {
    let text = format!(
        "herald serve: {max} connections are open, the most it serves at once; try again\n"
    );
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    headers.insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    response
}

/// Middleware: GET and HEAD go on; any other method is `405` with `Allow: GET, HEAD`.
pub async fn only_get_and_head(request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::ALLOW, "GET, HEAD")],
        "herald serve answers GET and HEAD only\n",
    )
        .into_response()
}
