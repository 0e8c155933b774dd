//! Measures watch-mode rebuilds (a benchmark, not a test):
//! `cargo run --release --example rebuild -- SITE OUTPUT [HERALD_BINARY]`
//!
//! 1. In process: a full build, then each kind of one-file edit of an announcement in
//!    the middle of the site (its text; a new tag; a tag it did not have; its slug; its
//!    date by a day; `draft:` on one of its translations; a new translation; a deleted
//!    translation), each followed by `Session::rebuild_changed`; prints each rebuild's
//!    time and what it did, and the median per kind. Every edit is undone afterwards.
//! 2. With a herald binary: starts `herald watch`, makes the same edits and measures
//!    from the save to the edited page on disk showing the change, and to the line
//!    `herald watch` prints once every file is written (debounce included).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use herald::incremental::Session;
use herald::BuildOptions;

/// The allocator of the `herald` binary, so in-process times match `herald watch`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One kind of edit: files to write (path, text) and to delete, made from the originals,
/// and what shows on a page once it is rebuilt (a file relative to the output, and a
/// text it then contains; empty: the file then exists).
struct Edit {
    kind: &'static str,
    write: Vec<(PathBuf, String)>,
    delete: Vec<PathBuf>,
    shows: (String, String),
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// English sources, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("content/announcements")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".en.md"))
        .collect();
    names.sort();
    names
}

fn tags_line(text: &str) -> Option<&str> {
    text.lines().find(|l| l.starts_with("tags: ["))
}

/// The edits of round `i`, on the source `file` (which has a translation `translated`
/// and lacks one in `missing`).
fn edits(file: &Path, i: usize, all_tags: &BTreeSet<String>) -> Vec<Edit> {
    let original = std::fs::read_to_string(file).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let stem = name.trim_end_matches(".en.md").to_string();
    let dir = file.parent().unwrap();
    let translated = ["es", "fr", "zh", "ar", "ru", "pt"]
        .into_iter()
        .map(|l| dir.join(format!("{stem}.{l}.md")))
        .find(|p| p.exists());
    let missing = ["zh", "ar", "ru", "pt", "es", "fr"]
        .into_iter()
        .map(|l| dir.join(format!("{stem}.{l}.md")))
        .find(|p| !p.exists());
    let own: BTreeSet<String> = tags_line(&original)
        .map(|l| {
            l.trim_start_matches("tags: [")
                .trim_end_matches(']')
                .split(',')
                .map(|t| t.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    let other_tag = all_tags.iter().find(|t| !own.contains(*t)).cloned();
    let slug = original
        .lines()
        .find_map(|l| l.strip_prefix("slug: "))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| herald::content::slug_from_name(&stem));
    let page = |lang: &str| format!("{lang}/announcements/{slug}/index.html");
    let lang_of = |p: &Path| -> String {
        let name = p.file_name().unwrap().to_string_lossy();
        name.trim_end_matches(".md")
            .rsplit('.')
            .next()
            .unwrap()
            .to_string()
    };
    let date_line = original
        .lines()
        .find(|l| l.starts_with("date: "))
        .unwrap()
        .to_string();
    let day: u32 = date_line[14..16].parse().unwrap();
    let next_day = format!(
        "{}{:02}",
        &date_line[..14],
        if day < 28 { day + 1 } else { day - 1 }
    );
    let mut out = vec![
        Edit {
            kind: "text",
            write: vec![(file.into(), format!("{original}\nEdit number {i}.\n"))],
            delete: vec![],
            shows: (page("en"), format!("Edit number {i}.")),
        },
        Edit {
            kind: "new tag",
            write: vec![(
                file.into(),
                original.replacen("\ntags: [", &format!("\ntags: [bench{i}, "), 1),
            )],
            delete: vec![],
            shows: (page("en"), format!("/en/tags/bench{i}/")),
        },
    ];
    if let Some(tag) = other_tag {
        out.push(Edit {
            kind: "existing tag",
            write: vec![(
                file.into(),
                original.replacen("\ntags: [", &format!("\ntags: [{tag}, "), 1),
            )],
            delete: vec![],
            shows: (page("en"), format!("/en/tags/{tag}/")),
        });
    }
    out.push(Edit {
        kind: "slug",
        write: vec![(
            file.into(),
            original.replacen("---\n", &format!("---\nslug: bench-slug-{i}\n"), 1),
        )],
        delete: vec![],
        shows: (
            format!("en/announcements/bench-slug-{i}/index.html"),
            String::new(),
        ),
    });
    out.push(Edit {
        kind: "date (a day)",
        write: vec![(file.into(), original.replacen(&date_line, &next_day, 1))],
        delete: vec![],
        shows: (page("en"), format!("datetime=\"{}\"", &next_day[6..])),
    });
    if let Some(t) = &translated {
        let text = std::fs::read_to_string(t).unwrap();
        let lang = lang_of(t);
        out.push(Edit {
            kind: "draft translation",
            write: vec![(t.clone(), text.replacen("---\n", "---\ndraft: true\n", 1))],
            delete: vec![],
            shows: (page(&lang), "class=\"content\" lang=\"en\"".into()),
        });
        out.push(Edit {
            kind: "deleted translation",
            write: vec![],
            delete: vec![t.clone()],
            shows: (page(&lang), "class=\"content\" lang=\"en\"".into()),
        });
    }
    if let Some(m) = &missing {
        out.push(Edit {
            kind: "new translation",
            write: vec![(
                m.clone(),
                format!("---\ntitle: Bench translation {i}\n---\n\nTranslated text {i}.\n"),
            )],
            delete: vec![],
            shows: (page(&lang_of(m)), format!("Translated text {i}.")),
        });
    }
    out
}

/// Applies an edit (or undoes it with the saved originals); returns the changed paths.
fn apply(edit: &Edit, site: &Path) -> Vec<PathBuf> {
    let mut changed = Vec::new();
    for (path, text) in &edit.write {
        std::fs::write(path, text).unwrap();
        changed.push(path.strip_prefix(site).unwrap().to_path_buf());
    }
    for path in &edit.delete {
        std::fs::remove_file(path).unwrap();
        changed.push(path.strip_prefix(site).unwrap().to_path_buf());
    }
    changed
}

/// The files an edit touches, as they are now (None: absent), to put back.
fn saved(edit: &Edit) -> Vec<(PathBuf, Option<String>)> {
    edit.write
        .iter()
        .map(|(p, _)| p)
        .chain(&edit.delete)
        .map(|p| (p.clone(), std::fs::read_to_string(p).ok()))
        .collect()
}

fn restore(saved: &[(PathBuf, Option<String>)], site: &Path) -> Vec<PathBuf> {
    for (path, text) in saved {
        match text {
            Some(t) => std::fs::write(path, t).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    saved
        .iter()
        .map(|(p, _)| p.strip_prefix(site).unwrap().to_path_buf())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: rebuild SITE OUTPUT [HERALD_BINARY]");
        std::process::exit(2);
    }
    let site = PathBuf::from(&args[0]);
    let output = PathBuf::from(&args[1]);
    let all = sources(&site.join("content/announcements"));
    let all_tags: BTreeSet<String> = all
        .iter()
        .take(200)
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            tags_line(&text).map(|l| {
                l.trim_start_matches("tags: [")
                    .trim_end_matches(']')
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .collect::<Vec<_>>()
            })
        })
        .flatten()
        .filter(|t| !t.is_empty())
        .collect();
    // The announcement in the middle of the site, with a translation.
    let file = all[all.len() / 2..]
        .iter()
        .find(|p| {
            let stem = p.to_string_lossy().trim_end_matches(".en.md").to_string();
            ["es", "fr", "zh", "ar", "ru", "pt"]
                .iter()
                .any(|l| Path::new(&format!("{stem}.{l}.md")).exists())
        })
        .expect("an announcement with a translation")
        .clone();
    let options = BuildOptions {
        site_dir: site.clone(),
        output: Some(output.clone()),
        ..Default::default()
    };
    let started = Instant::now();
    let (mut session, report) = Session::start(&options).unwrap_or_else(|d| panic!("{d:?}"));
    println!(
        "full build: {} files in {:.0} ms ({})",
        report.written,
        started.elapsed().as_secs_f64() * 1000.0,
        file.display()
    );
    // For profiling: HERALD_REBUILD_ROUNDS rounds (default 5) of the kinds named in
    // HERALD_REBUILD_KINDS (comma-separated, default all).
    let rounds: usize = std::env::var("HERALD_REBUILD_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let kinds = std::env::var("HERALD_REBUILD_KINDS").ok();
    let chosen = |kind: &str| {
        kinds
            .as_deref()
            .is_none_or(|k| k.split(',').any(|k| k == kind))
    };
    // As `herald watch` runs: a rebuild returns once its pages are written; the search
    // index follows on a thread of its own, timed apart (and waited for before the next
    // edit, so that it does not share the machine with the rebuild timed).
    session.set_background_search(true);
    let mut times: Vec<(&'static str, Vec<f64>)> = Vec::new();
    let mut index_times: Vec<(&'static str, Vec<f64>)> = Vec::new();
    for i in 0..rounds {
        for edit in edits(&file, i, &all_tags) {
            if !chosen(edit.kind) {
                continue;
            }
            let before = saved(&edit);
            let changed = apply(&edit, &site);
            let t = Instant::now();
            let r = session
                .rebuild_changed(&changed)
                .unwrap_or_else(|d| panic!("{}: {d:?}", edit.kind));
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let search = match session.finish_search() {
                Some(Ok(s)) => {
                    let index_ms = s.elapsed.as_secs_f64() * 1000.0;
                    push(&mut index_times, edit.kind, index_ms);
                    format!(
                        "; then the search index of {} language(s) ({} made again): {index_ms:.1} ms",
                        s.languages, s.remade
                    )
                }
                Some(Err(d)) => panic!("{}: search index: {d:?}", edit.kind),
                None => String::new(),
            };
            println!(
                "{} {i}: {ms:.1} ms (rendered {}, wrote {}, removed {}{search})",
                edit.kind, r.rendered, r.written, r.removed
            );
            push(&mut times, edit.kind, ms);
            let undo = restore(&before, &site);
            session
                .rebuild_changed(&undo)
                .unwrap_or_else(|d| panic!("undo {}: {d:?}", edit.kind));
            if let Some(Err(d)) = session.finish_search() {
                panic!("undo {}: search index: {d:?}", edit.kind);
            }
        }
    }
    for (kind, v) in &times {
        println!("in process, {kind}: median {:.1} ms", median(v.clone()));
    }
    for (kind, v) in &index_times {
        println!(
            "search index after, {kind}: median {:.1} ms",
            median(v.clone())
        );
    }
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
    let wait_for = |what: &dyn Fn(&str) -> bool, limit: Duration| -> bool {
        let until = Instant::now() + limit;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if what(&line) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        false
    };
    if !wait_for(&|l| l.starts_with("watching"), Duration::from_secs(600)) {
        panic!("herald watch did not start");
    }
    let rebuilt = |l: &str| l.contains(": rebuilt ") || l.contains("the build failed");
    let mut latencies: Vec<(&'static str, Vec<f64>)> = Vec::new();
    let mut done: Vec<(&'static str, Vec<f64>)> = Vec::new();
    let note = |table: &mut Vec<(&'static str, Vec<f64>)>, kind: &'static str, ms: f64| match table
        .iter_mut()
        .find(|(k, _)| *k == kind)
    {
        Some((_, v)) => v.push(ms),
        None => table.push((kind, vec![ms])),
    };
    for i in 0..rounds {
        for edit in edits(&file, 100 + i, &all_tags) {
            let before = saved(&edit);
            let (shown, text) = &edit.shows;
            let shown = output.join(shown);
            let t = Instant::now();
            apply(&edit, &site);
            loop {
                let there = match std::fs::read_to_string(&shown) {
                    Ok(page) => text.is_empty() || page.contains(text.as_str()),
                    Err(_) => false,
                };
                if there {
                    break;
                }
                if t.elapsed() > Duration::from_secs(60) {
                    panic!("{}: the page did not change", edit.kind);
                }
                std::thread::sleep(Duration::from_micros(500));
            }
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if !wait_for(&rebuilt, Duration::from_secs(600)) {
                panic!("{}: no rebuild", edit.kind);
            }
            let all_ms = t.elapsed().as_secs_f64() * 1000.0;
            println!(
                "save → page, {} {i}: {ms:.1} ms (every file written: {all_ms:.1} ms)",
                edit.kind
            );
            note(&mut latencies, edit.kind, ms);
            note(&mut done, edit.kind, all_ms);
            std::thread::sleep(Duration::from_millis(200));
            restore(&before, &site);
            wait_for(&rebuilt, Duration::from_secs(600));
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    for ((kind, v), (_, all)) in latencies.iter().zip(&done) {
        println!(
            "herald watch, {kind}: save → page median {:.1} ms, every file written median {:.1} ms",
            median(v.clone()),
            median(all.clone())
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Adds a time to its kind's list.
fn push(times: &mut Vec<(&'static str, Vec<f64>)>, kind: &'static str, ms: f64) {
    match times.iter_mut().find(|(k, _)| *k == kind) {
        Some((_, v)) => v.push(ms),
        None => times.push((kind, vec![ms])),
    }
}
