//! A build killed at any moment (SIGKILL while rendering or while swapping) leaves
//! either the old or the new site complete at the output path, and the next build
//! cleans up what it left.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{snapshot, TestSite};

fn write_version(site: &TestSite, version: usize) {
    let dir = site.root().join("content/announcements");
    let _ = std::fs::remove_dir_all(&dir);
    for i in 0..(150 + version * 20) {
        let body = format!(
            "Version {version} of announcement {i}.\n\n## Details\n\n- one\n- two\n\n{}\n",
            "Text. ".repeat(60)
        );
        site.announcement(
            &format!("n{i:04}.en.md"),
            &format!(
                "---\ntitle: N{i} v{version}\ndate: 2020-01-{:02}\ntags: [t{}]\n---\n{body}",
                1 + i % 28,
                i % 5
            ),
        );
        if i % 2 == 0 {
            site.announcement(
                &format!("n{i:04}.fr.md"),
                &format!("---\ntitle: N{i} v{version} fr\n---\n{body}"),
            );
        }
    }
}

fn build(site: &TestSite) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["build"])
        .current_dir(site.root())
        .env("HERALD_NOW", "2026-01-01")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn killed_builds_leave_the_old_or_the_new_site_complete() {
    let site = TestSite::new();
    let public = site.root().join("public");
    let mut versions = Vec::new();
    let mut slowest = Duration::ZERO;
    for v in 0..2 {
        write_version(&site, v);
        let started = Instant::now();
        assert!(build(&site).wait().unwrap().success());
        slowest = slowest.max(started.elapsed());
        versions.push(snapshot(&public));
    }
    assert_ne!(versions[0], versions[1]);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut current = 1;
    for round in 0..30 {
        let next = round % 2;
        write_version(&site, next);
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let delay = Duration::from_micros(state % (slowest.as_micros() as u64 + 1));
        let mut child = build(&site);
        std::thread::sleep(delay);
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let now = snapshot(&public);
        if now == versions[next] {
            current = next;
        } else {
            assert_eq!(now, versions[current], "round {round}: killed after {delay:?} (finished: {finished}): the output is neither site");
        }
    }
    // The next build cleans what killed builds left beside the output.
    write_version(&site, 0);
    assert!(build(&site).wait().unwrap().success());
    assert_eq!(snapshot(&public), versions[0]);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("herald-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
