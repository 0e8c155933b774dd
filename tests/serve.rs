//! `herald watch` and `herald serve` as processes: they rebuild on saves, survive
//! broken saves, serve pages with the right status and type, and push reload events.
//! Every wait polls with a bounded timeout; every process is stopped on drop.

mod common;

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::process::{events, exchange, free_port, get, request, wait_until, Running};
use common::{simple, TestSite};

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
    // The search index follows the pages on a thread of its own.
    herald.wait_for("search index:");
    herald.wait_quiet(std::time::Duration::from_millis(300));
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
    let mut reader = events(port);
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

/// `herald serve` on a free loopback port with these hidden settings, once it serves.
fn serving(site: &TestSite, env: &[(&str, &str)]) -> (Running, u16) {
    let port = free_port();
    let herald = Running::start_with_env(site, &["serve", "--port", &port.to_string()], env);
    herald.wait_for("serving");
    (herald, port)
}

#[test]
fn serve_answers_get_and_head_only() {
    let site = site_with_two();
    let (_herald, port) = serving(&site, &[]);
    for (method, path) in [
        ("DELETE", "/"),
        ("POST", "/en/"),
        ("PUT", "/style.css"),
        ("OPTIONS", "/"),
        ("BREW", "/"),
        ("POST", "/__herald/events"),
        ("DELETE", "/__herald/live.js"),
    ] {
        let (status, headers, body) = request(
            port,
            &format!("{method} {path} HTTP/1.0\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"),
        );
        assert_eq!(status, 405, "{method} {path}");
        assert!(
            headers.contains("\r\nallow: get, head"),
            "{method} {path}: {headers}"
        );
        assert!(!body.contains("<html"), "{method} {path} gets no page");
    }
    let (status, headers, body) = request(port, "HEAD /en/ HTTP/1.0\r\nHost: localhost\r\n\r\n");
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: text/html"), "{headers}");
    assert_eq!(body, "", "HEAD has no body");
}

#[test]
fn serve_never_serves_a_path_that_resolves_outside_the_output() {
    let site = site_with_two();
    let (_herald, port) = serving(&site, &[]);
    let public = site.root().join("public");
    let secret = site.root().join("secret.txt");
    std::fs::write(&secret, "the secret").unwrap();
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, public.join(name)).unwrap();
    };
    link(&secret, "passwd.css");
    link(std::path::Path::new("../secret.txt"), "relative.txt");
    link(site.root(), "up");
    link(std::path::Path::new("/etc/passwd"), "etc.css");
    link(&public.join("style.css"), "inside.css");
    link(&public.join("en"), "english");
    for path in [
        "/passwd.css",
        "/relative.txt",
        "/up/secret.txt",
        "/up/",
        "/etc.css",
        "/%2e%2e/secret.txt",
        "/en/%2E%2E/%2e%2e/secret.txt",
    ] {
        let (status, _, body) = get(port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("the secret") && !body.contains("root:"),
            "{path}"
        );
        assert!(body.contains("Page not found"), "{path} gets the 404 page");
    }
    // A link whose target stays inside the output folder is served.
    assert_eq!(get(port, "/inside.css").0, 200);
    assert_eq!(get(port, "/english/").0, 200);
    // Not a regular file: a FIFO would block a read forever; it is not found at once.
    let fifo = public.join("pipe.css");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    assert_eq!(get(port, "/pipe.css").0, 404);
    assert_eq!(get(port, "/").0, 200, "the server still answers");
}

#[test]
fn serve_sends_etags_and_answers_304_while_a_file_is_unchanged() {
    let site = site_with_two();
    let (_herald, port) = serving(&site, &[]);
    let (status, headers, body) = get(port, "/style.css");
    assert_eq!(status, 200);
    assert!(!body.is_empty());
    let etag = headers
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .expect("an etag")
        .to_string();
    assert!(headers.contains("cache-control: no-cache"), "{headers}");
    let conditional = |tag: &str| {
        request(
            port,
            &format!("GET /style.css HTTP/1.0\r\nHost: localhost\r\nIf-None-Match: {tag}\r\n\r\n"),
        )
    };
    let (status, headers, body) = conditional(&etag);
    assert_eq!(status, 304);
    assert!(headers.contains(&format!("etag: {etag}")), "{headers}");
    assert_eq!(body, "");
    assert_eq!(conditional(&format!("\"other\", W/{etag}")).0, 304);
    assert_eq!(conditional("\"other\"").0, 200);
    // A changed file has a new tag.
    std::fs::write(
        site.root().join("public/style.css"),
        "body { color: red }\n",
    )
    .unwrap();
    let (status, _, body) = conditional(&etag);
    assert_eq!(status, 200);
    assert_eq!(body, "body { color: red }\n");
}

#[test]
fn serve_binds_localhost_and_the_ipv6_loopback_and_refuses_garbage() {
    let site = site_with_two();
    let port = free_port();
    let herald = Running::start(
        &site,
        &["serve", "--port", &port.to_string(), "--bind", "localhost"],
    );
    herald.wait_for(&format!("at http://127.0.0.1:{port}/"));
    assert_eq!(get(port, "/en/").0, 200);
    drop(herald);

    // Only where this machine has an IPv6 loopback.
    if let Ok(probe) = std::net::TcpListener::bind("[::1]:0") {
        let port = probe.local_addr().unwrap().port();
        drop(probe);
        let herald = Running::start(
            &site,
            &["serve", "--port", &port.to_string(), "--bind", "::1"],
        );
        herald.wait_for(&format!("at http://[::1]:{port}/"));
        let mut stream = TcpStream::connect(("::1", port)).unwrap();
        let (status, _, _) = exchange(&mut stream, "GET /en/ HTTP/1.0\r\nHost: localhost\r\n\r\n");
        assert_eq!(status, 200);
    }

    let (code, _, stderr) = common::run_herald(site.root(), &["serve", "--bind", "my-laptop"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("invalid value 'my-laptop' for '--bind <BIND>': expected an IP address"),
        "{stderr}"
    );
}

/// Threads of a process, as Linux lists them.
fn threads_of(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |d| d.count())
}

#[test]
fn serve_threads_stay_bounded_under_64_connections() {
    let site = site_with_two();
    let (herald, port) = serving(&site, &[]);
    let pid = herald.child.id();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The event loop, the watcher's threads, rayon's one per core, two file threads.
    let bound = 2 * cores + 6;
    let idle = threads_of(pid);
    let paths = [
        "/",
        "/en/",
        "/style.css",
        "/zh/atom.xml",
        "/nothing/",
        "/ar",
    ];
    let clients: Vec<_> = (0..64)
        .map(|client| {
            std::thread::spawn(move || {
                (0..30)
                    .map(|i| get(port, paths[(client + i) % paths.len()]).0)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut most = idle;
    while clients.iter().any(|c| !c.is_finished()) {
        most = most.max(threads_of(pid));
        std::thread::sleep(Duration::from_millis(2));
    }
    for client in clients {
        let statuses = client.join().unwrap();
        assert!(
            statuses.iter().all(|s| [200, 301, 404].contains(s)),
            "{statuses:?}"
        );
    }
    assert!(
        most <= bound,
        "{most} threads under load (idle: {idle}, bound 2 × {cores} cores + 6 = {bound})"
    );
}

#[test]
fn serve_closes_a_client_too_slow_to_send_its_headers() {
    let site = site_with_two();
    // 300 ms instead of 10 s, so the test does not wait.
    let (_herald, port) = serving(&site, &[("HERALD_HEADER_TIMEOUT_MS", "300")]);
    let closed = |stream: &mut TcpStream| {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut rest = Vec::new();
        match stream.read_to_end(&mut rest) {
            Ok(_) => true,
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
        }
    };
    // Half a request, then nothing.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .unwrap();
    // Nothing at all.
    let mut silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    assert!(closed(&mut slow), "the slow client is closed, not held");
    assert!(closed(&mut silent), "the silent client is closed, not held");
    // A kept-alive connection that sends no second request is closed too.
    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    idle.write_all(b"GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    assert!(closed(&mut idle));
    assert_eq!(get(port, "/en/").0, 200, "a prompt client is served");
}

#[test]
fn serve_answers_503_past_its_connection_cap() {
    let site = site_with_two();
    let (_herald, port) = serving(
        &site,
        &[
            ("HERALD_MAX_CONNECTIONS", "3"),
            ("HERALD_HEADER_TIMEOUT_MS", "60000"),
        ],
    );
    // Three connections that say nothing hold the three places (accepted in order).
    let mut held: Vec<_> = (0..3)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let (status, headers, body) = get(port, "/en/");
    assert_eq!(status, 503);
    assert!(headers.contains("retry-after: 1"), "{headers}");
    assert!(
        body.contains("3 connections are open, the most it serves at once"),
        "{body}"
    );
    // A place freed is a place taken.
    held.pop();
    wait_until("a freed place", || get(port, "/en/").0 == 200);
}

#[test]
fn serve_refuses_a_request_head_over_64_kb() {
    let site = site_with_two();
    let (_herald, port) = serving(&site, &[]);
    let cookie = |size: usize| {
        let raw = format!(
            "GET /en/ HTTP/1.0\r\nHost: localhost\r\nCookie: {}\r\n\r\n",
            "a".repeat(size)
        );
        request(port, &raw).0
    };
    assert_eq!(cookie(100_000), 431);
    assert_eq!(cookie(20_000), 200);
}
