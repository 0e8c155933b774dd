//! herald as a running process (watch, serve): its output collected as it comes, every
//! wait bounded, the process stopped on drop; plain HTTP requests to a server it runs.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::TestSite;

/// A running herald, killed when dropped.
pub struct Running {
    pub child: Child,
    output: Arc<Mutex<String>>,
}

impl Running {
    /// Starts herald with `args` in the site's folder (clock fixed at 2026-01-01).
    pub fn start(site: &TestSite, args: &[&str]) -> Running {
        Running::start_with_env(site, args, &[])
    }

    /// [`Running::start`] with more environment variables.
    pub fn start_with_env(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Running {
        let mut command = Command::new(env!("CARGO_BIN_EXE_herald"));
        command
            .env("HERALD_NOW", "2026-01-01")
            .envs(env.iter().copied());
        Running::spawn(site, args, command)
    }

    /// Starts herald with `args` on the system clock (no `HERALD_NOW`): time passes.
    pub fn start_on_the_clock(site: &TestSite, args: &[&str]) -> Running {
        let mut command = Command::new(env!("CARGO_BIN_EXE_herald"));
        command.env_remove("HERALD_NOW");
        Running::spawn(site, args, command)
    }

    fn spawn(site: &TestSite, args: &[&str], mut command: Command) -> Running {
        let mut child = command
            .args(args)
            .current_dir(site.root())
            .env_remove("CLICOLOR_FORCE")
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

    /// Everything it printed so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Waits until the output contains `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_for_count(text, 1);
    }

    /// Waits until the output contains `text` at least `n` times.
    pub fn wait_for_count(&self, text: &str, n: usize) {
        let output = self.output.clone();
        wait_until(&format!("{n}× {text:?} in {:?}", self.output()), || {
            output.lock().unwrap().matches(text).count() >= n
        });
    }

    /// Waits until no new output has come for `quiet` (at most 15 s).
    pub fn wait_quiet(&self, quiet: Duration) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = self.output();
        let mut since = Instant::now();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(25));
            let now = self.output();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
        panic!("herald kept printing: {last}");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` every 25 ms for up to 15 s.
pub fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("timed out waiting for {what}");
}

/// A port nothing listens on now (for `herald serve --port`).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.0 GET: (status, headers, body).
pub fn get(port: u16, path: &str) -> (u16, String, String) {
    request(
        port,
        &format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n"),
    )
}

/// Sends `raw` on a new connection to 127.0.0.1 and reads until the server closes:
/// (status, lower-cased head, body).
pub fn request(port: u16, raw: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    exchange(&mut stream, raw)
}

pub fn exchange(stream: &mut TcpStream, raw: &str) -> (u16, String, String) {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // A server that answers before reading everything (431) may reset the connection
    // after its answer: keep what came.
    let _ = stream.write_all(raw.as_bytes());
    let mut raw = Vec::new();
    let mut chunk = [0; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                panic!("no answer within 10 s")
            }
            Err(_) => break,
        }
    }
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

/// Subscribes to `herald serve`'s live-reload events (`/__herald/events`); the reader
/// gives the stream's lines (a read times out after 15 s).
pub fn events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    write!(
        stream,
        "GET /__herald/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    BufReader::new(stream)
}
