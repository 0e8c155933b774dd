//! `herald watch` and `herald serve` as processes: they rebuild on saves, survive
//! broken saves, serve pages with the right status and type, and push reload events.
//! Every wait polls with a bounded timeout; every process is stopped on drop.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{simple, TestSite};

/// A running herald, killed when dropped; its output collected as it comes.
struct Running {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl Running {
    fn start(site: &TestSite, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
            .args(args)
            .current_dir(site.root())
            .env("HERALD_NOW", "2026-01-01")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start herald");
        let output = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    output.lock().unwrap().push_str(&(line + "\n"));
                }
            });
        }
        Running { child, output }
    }

    fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Waits until the output contains `text`.
    fn wait_for(&self, text: &str) {
        let output = self.output.clone();
        wait_until(&format!("output containing {text:?}"), || {
            output.lock().unwrap().contains(text)
        });
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` every 25 ms for up to 15 s.
fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("timed out waiting for {what}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.0 GET: (status, headers, body).
fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

fn site_with_two() -> TestSite {
    let site = TestSite::new();
    site.announcement(
        "a.en.md",
        "---\ntitle: Alpha\ndate: 2020-01-01\n---\nFirst version.\n",
    );
    site.announcement("b.en.md", &simple("Bravo", "2020-02-01"));
    site
}

#[test]
fn watch_rebuilds_on_save_and_survives_a_broken_save() {
    let site = site_with_two();
    let herald = Running::start(&site, &["watch"]);
    herald.wait_for("watching for changes");
    let page = site.root().join("public/en/announcements/a/index.html");
    let other = site.root().join("public/en/announcements/b/index.html");
    let other_mtime = std::fs::metadata(&other).unwrap().modified().unwrap();
    site.announcement(
        "a.en.md",
        "---\ntitle: Alpha\ndate: 2020-01-01\n---\nSecond version.\n",
    );
    wait_until("the page to update", || {
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("Second version.")
    });
    herald.wait_for("content/announcements/a.en.md: rebuilt");
    assert_eq!(
        std::fs::metadata(&other).unwrap().modified().unwrap(),
        other_mtime,
        "an unrelated page is not rewritten"
    );

    let before = common::snapshot(&site.root().join("public"));
    site.announcement("a.en.md", "---\ntitle: [broken\n---\n");
    herald.wait_for("content/announcements/a.en.md:2:8: error:");
    herald.wait_for("the site was left as it was");
    assert_eq!(
        common::snapshot(&site.root().join("public")),
        before,
        "a broken save leaves the output as it was"
    );

    site.announcement(
        "a.en.md",
        "---\ntitle: Alpha\ndate: 2020-01-01\n---\nThird version.\n",
    );
    wait_until("recovery", || {
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("Third version.")
    });

    std::fs::remove_file(site.root().join("content/announcements/b.en.md")).unwrap();
    wait_until("the deleted announcement's pages to go", || !other.exists());
    assert!(
        herald.output().lines().all(|l| !l.contains("panicked")),
        "{}",
        herald.output()
    );
}

#[test]
fn serve_serves_pages_and_pushes_reload_and_error_events() {
    let site = site_with_two();
    let port = free_port();
    let herald = Running::start(&site, &["serve", "--port", &port.to_string()]);
    herald.wait_for("serving");

    let (status, headers, body) = get(port, "/");
    assert_eq!(status, 200);
    assert!(
        headers.contains("content-type: text/html; charset=utf-8"),
        "{headers}"
    );
    assert!(body.contains("<span class=\"chooser-name\">中文</span>"));
    let (status, _, body) = get(port, "/zh/");
    assert_eq!(status, 200);
    assert!(body.contains(r#"<html lang="zh" dir="ltr">"#));
    assert!(
        body.contains(r#"<script src="/__herald/live.js"></script>"#),
        "live reload script injected"
    );
    assert!(
        !std::fs::read_to_string(site.root().join("public/zh/index.html"))
            .unwrap()
            .contains("live.js"),
        "files on disk stay clean"
    );
    let (status, headers, _) = get(port, "/ar");
    assert_eq!(status, 301);
    assert!(headers.contains("location: /ar/"));
    let (status, headers, _) = get(port, "/style.css");
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: text/css"), "{headers}");
    let (status, headers, _) = get(port, "/en/atom.xml");
    assert_eq!(status, 200);
    assert!(
        headers.contains("content-type: application/xml")
            || headers.contains("content-type: text/xml"),
        "{headers}"
    );
    let (status, _, body) = get(port, "/zh/announcements/nothing-here/");
    assert_eq!(status, 404);
    assert!(body.contains("找不到页面"), "the language's own 404 page");
    let (status, _, body) = get(port, "/nothing/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    let (status, headers, body) = get(port, "/__herald/live.js");
    assert_eq!(status, 200);
    assert!(headers.contains("javascript"));
    assert!(body.contains("EventSource"));

    // The event stream: a reload after a good save, the diagnostics after a bad one.
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    write!(
        events,
        "GET /__herald/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut read_until = |needle: &str| {
        let mut seen = String::new();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            seen.push_str(&line);
            if seen.contains(needle) {
                return seen;
            }
        }
        panic!("no {needle:?} in the event stream: {seen}");
    };
    read_until(": connected");
    site.announcement(
        "a.en.md",
        "---\ntitle: Alpha\ndate: 2020-01-01\n---\nEdited while serving.\n",
    );
    read_until("event: reload");
    assert!(get(port, "/en/announcements/a/")
        .2
        .contains("Edited while serving."));
    site.announcement("a.en.md", "---\ntitle: Alpha\ndate: nope\n---\n");
    let seen = read_until("data: content/announcements/a.en.md:3:7: error: `date`");
    assert!(seen.contains("event: build-error"), "{seen}");
    assert!(
        get(port, "/en/announcements/a/")
            .2
            .contains("Edited while serving."),
        "the last good site is still served"
    );
    site.announcement(
        "a.en.md",
        "---\ntitle: Alpha\ndate: 2020-01-01\n---\nFixed.\n",
    );
    read_until("event: reload");
}

#[test]
fn serve_reports_a_port_in_use() {
    let site = site_with_two();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["serve", "--port", &port])
        .current_dir(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "cannot listen on 127.0.0.1:{port}: the port is already in use"
        )),
        "{stderr}"
    );
}
