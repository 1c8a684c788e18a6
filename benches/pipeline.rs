//! The pipeline at scale, side by side with the typst CLI.
//!
//! `cargo bench --bench pipeline [-- SIZE...]` generates synthetic campaigns
//! (10, 1 000 and 10 000 letters by default, ten per commune), builds each
//! with `interpel build`, PDFs only and then everything, then, if a `typst` CLI is on the PATH (or named by
//! `TYPST`), compiles the very same generated sources with it in two ways:
//! one process per document, as `xargs -P <cores>` runs them, and one
//! bundle export over a file that wraps every document (peers run up to
//! 1 000 letters, or up to `PEERS_UP_TO` letters if set). It prints one
//! Markdown table row per run: wall time, documents and letters per second,
//! peak memory (maximum resident set of the process, or of the largest
//! single process for `xargs`), and interpel's time per stage.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs `command` to its end: wall time, peak resident memory in MiB
/// (of the process and the children it waited for), and standard error.
fn measure(command: &mut Command) -> (Duration, f64, String) {
    let start = Instant::now();
    // Waited for with wait4 below, which std's Child cannot do.
    #[allow(clippy::zombie_processes)]
    let child = command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let stderr = child.stderr.unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    let stderr = reader.join().unwrap();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{command:?} failed:\n{stderr}");
    (wall, usage.ru_maxrss as f64 / 1024.0, stderr)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The `.typ` files of the generated sources, relative to the project root.
fn sources(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for folder in ["briefings", "letters"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else { continue };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".typ") {
                files.push(format!("{folder}/{name}"));
            }
        }
    }
    files.sort();
    files
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn row(what: &str, n: usize, docs: usize, wall: Duration, rss: f64, stages: &str) {
    let secs = wall.as_secs_f64();
    println!(
        "| {what} | {n} | {docs} | {secs:.2} s | {:.0} | {:.0} | {rss:.0} MiB | {stages} |",
        docs as f64 / secs,
        n as f64 / secs
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10, 1_000, 10_000] } else { sizes };
    let interpel = PathBuf::from(env!("CARGO_BIN_EXE_interpel"));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let typst = std::env::var("TYPST").unwrap_or_else(|_| "typst".into());
    let has_typst = Command::new(&typst).arg("--version").output().is_ok_and(|o| o.status.success());
    let jobs = cores();
    let peers_up_to: usize = std::env::var("PEERS_UP_TO").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000);

    println!("| run | letters | documents | wall | documents/s | letters/s | peak memory | interpel's stages |");
    println!("|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let dir = root.join(format!("campaign-{n}"));
        if !dir.join("inputs").exists() {
            let _ = std::fs::remove_dir_all(&dir);
            measure(Command::new(&interpel).args(["synth", dir.to_str().unwrap(), "--letters", &n.to_string()]));
        }
        let out = dir.join("out");
        // The same work as the peers (PDFs of every document), then the
        // whole build (also the print files and the briefings' web pages).
        for (what, extra) in
            [("interpel build --no-print --no-html", &["--no-print", "--no-html"][..]), ("interpel build", &[][..])]
        {
            let mut command = Command::new(&interpel);
            command.args(["build", dir.to_str().unwrap(), "--date", "2026-11-22", "--verbose"]).args(extra);
            let (wall, rss, stderr) = measure(&mut command);
            let stages =
                stderr.lines().find(|l| l.starts_with("stages:")).unwrap_or_default().trim_start_matches("stages: ");
            let docs = sources(&out.join("typst")).len();
            row(what, n, docs, wall, rss, stages);
        }
        let docs = sources(&out.join("typst")).len();
        if !has_typst || n > peers_up_to {
            continue;
        }

        // One typst process per document.
        let peer = dir.join("peer");
        let _ = std::fs::remove_dir_all(&peer);
        copy_dir(&out.join("typst"), &peer);
        let list = sources(&peer).join("\n");
        std::fs::write(dir.join("sources.txt"), &list).unwrap();
        let script = format!(
            "cd {} && xargs -P {jobs} -n 1 {typst} compile --root . --creation-timestamp 1795305600 < {}",
            peer.display(),
            dir.join("sources.txt").display()
        );
        let (wall, rss, _) = measure(Command::new("sh").args(["-c", &script]));
        row(&format!("typst CLI, one process per document (xargs -P {jobs})"), n, docs, wall, rss, "");

        // One bundle export over every document.
        let bundle: String = sources(&peer)
            .iter()
            .filter(|s| !s.ends_with(".pdf"))
            .map(|s| format!("#document(\"{}.pdf\")[#include \"{s}\"]\n", s.trim_end_matches(".typ")))
            .collect();
        std::fs::write(peer.join("bundle.typ"), bundle).unwrap();
        let (wall, rss, _) = measure(
            Command::new(&typst)
                .current_dir(&peer)
                .env("RUST_MIN_STACK", (256usize << 20).to_string())
                .args(["compile", "--root", ".", "--features", "bundle", "--format", "bundle"])
                .args(["--creation-timestamp", "1795305600", "bundle.typ", "bundle-out"]),
        );
        row("typst CLI, bundle export", n, docs, wall, rss, "");
    }
}
