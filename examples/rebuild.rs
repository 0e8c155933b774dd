//! Measures watch-mode rebuilds (a benchmark, not a test):
//! `cargo run --release --example rebuild -- SITE OUTPUT [HERALD_BINARY]`
//!
//! 1. In process: a full build, then five edits of one announcement's text, each
//!    followed by `Session::rebuild_changed`, then three edits
//!    of its tags (the full path); prints each rebuild's time and what it wrote.
//! 2. With a herald binary: starts `herald watch`, saves the same file five times and
//!    measures from the save to the rebuilt page on disk (debounce included).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use herald::incremental::Session;
use herald::BuildOptions;

/// The allocator of the `herald` binary, so in-process times match `herald watch`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn first_announcement(site: &Path) -> PathBuf {
    let dir = site.join("content/announcements");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("content/announcements")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && p.to_string_lossy().ends_with(".en.md")
        })
        .collect();
    names.sort();
    let middle = names.len() / 2;
    names
        .into_iter()
        .nth(middle)
        .expect("an English announcement")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: rebuild SITE OUTPUT [HERALD_BINARY]");
        std::process::exit(2);
    }
    let site = PathBuf::from(&args[0]);
    let output = PathBuf::from(&args[1]);
    let file = first_announcement(&site);
    let rel = file.strip_prefix(&site).unwrap().to_path_buf();
    let original = std::fs::read_to_string(&file).unwrap();
    let options = BuildOptions {
        site_dir: site.clone(),
        output: Some(output.clone()),
        ..Default::default()
    };
    let started = Instant::now();
    let (mut session, report) = Session::start(&options).unwrap_or_else(|d| panic!("{d:?}"));
    println!(
        "full build: {} files in {:.0} ms",
        report.written,
        started.elapsed().as_secs_f64() * 1000.0
    );
    let mut times = Vec::new();
    for i in 0..5 {
        std::fs::write(&file, format!("{original}\nEdit number {i}.\n")).unwrap();
        let t = Instant::now();
        let r = session
            .rebuild_changed(std::slice::from_ref(&rel))
            .unwrap_or_else(|d| panic!("{d:?}"));
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "rebuild {i}: {ms:.1} ms (rendered {}, wrote {})",
            r.rendered, r.written
        );
        times.push(ms);
    }
    println!(
        "in-process rebuild of one edited announcement: median {:.1} ms",
        median(times)
    );
    // A structural edit (a tag added: lists and tag pages change) takes the full path.
    let mut times = Vec::new();
    for i in 0..3 {
        let tagged = original.replacen("\ntags: [", &format!("\ntags: [bench{i}, "), 1);
        std::fs::write(&file, tagged).unwrap();
        let t = Instant::now();
        let r = session
            .rebuild_changed(std::slice::from_ref(&rel))
            .unwrap_or_else(|d| panic!("{d:?}"));
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "tag edit {i}: {ms:.1} ms (rendered {}, wrote {}, removed {})",
            r.rendered, r.written, r.removed
        );
        times.push(ms);
    }
    println!(
        "in-process rebuild after a tag edit (full path): median {:.1} ms",
        median(times)
    );
    std::fs::write(&file, &original).unwrap();
    session
        .rebuild_changed(std::slice::from_ref(&rel))
        .unwrap_or_else(|d| panic!("{d:?}"));
    drop(session);

    let Some(binary) = args.get(2) else { return };
    let mut child = Command::new(binary)
        .args(["watch", "--site", &args[0], "--output", &args[1]])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start herald watch");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    loop {
        match rx.recv_timeout(Duration::from_secs(600)) {
            Ok(line) if line.starts_with("watching") => break,
            Ok(_) => {}
            Err(_) => panic!("herald watch did not start"),
        }
    }
    let page = {
        let name = file
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".en.md")
            .to_string();
        output
            .join("en/announcements")
            .join(herald::content::slug_from_name(&name))
            .join("index.html")
    };
    let mut latencies = Vec::new();
    for i in 0..5 {
        let marker = format!("Watch edit {i} {}", std::process::id());
        let t = Instant::now();
        std::fs::write(&file, format!("{original}\n{marker}\n")).unwrap();
        loop {
            if std::fs::read_to_string(&page)
                .map(|p| p.contains(&marker))
                .unwrap_or(false)
            {
                break;
            }
            if t.elapsed() > Duration::from_secs(60) {
                panic!("the page was not rebuilt");
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!("save → page on disk {i}: {ms:.1} ms");
        latencies.push(ms);
        std::thread::sleep(Duration::from_millis(300));
    }
    println!(
        "herald watch, save to rebuilt page: median {:.1} ms",
        median(latencies)
    );
    std::fs::write(&file, &original).unwrap();
    let _ = child.kill();
    let _ = child.wait();
}
