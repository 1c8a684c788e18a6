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
//!
//! Wall times on a shared machine move by 10 to 20 % from run to run, so up
//! to 1 000 letters every run is repeated three times (`ROUNDS` sets it, for
//! every size), the rounds interleaved, and each row gives the median round
//! and every round's time; the ratios to the peers come from the medians.

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

/// One kind of run: what it is, and what each round measured.
struct Runs {
    what: String,
    /// Wall time, peak memory and interpel's stages, one per round.
    measured: Vec<(Duration, f64, String)>,
}

impl Runs {
    fn new(what: &str) -> Runs {
        Runs { what: what.into(), measured: Vec::new() }
    }

    /// The round of median wall time (the lower middle one for an even count).
    fn median(&self) -> &(Duration, f64, String) {
        let mut order: Vec<&(Duration, f64, String)> = self.measured.iter().collect();
        order.sort_by_key(|m| m.0);
        order[(order.len() - 1) / 2]
    }

    /// The median round as a table row, with every round's wall time if
    /// there was more than one.
    fn row(&self, n: usize, docs: usize) {
        let (wall, rss, stages) = self.median();
        let what = if self.measured.len() > 1 {
            let walls: Vec<String> = self.measured.iter().map(|m| format!("{:.2}", m.0.as_secs_f64())).collect();
            format!("{} (median of {} s)", self.what, walls.join(", "))
        } else {
            self.what.clone()
        };
        row(&what, n, docs, *wall, *rss, stages);
    }
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
    let rounds_env: Option<usize> = std::env::var("ROUNDS").ok().and_then(|v| v.parse().ok()).filter(|&r| r > 0);

    println!("| run | letters | documents | wall | documents/s | letters/s | peak memory | interpel's stages |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut ratios = Vec::new();
    for n in sizes {
        let dir = root.join(format!("campaign-{n}"));
        if !dir.join("inputs").exists() {
            let _ = std::fs::remove_dir_all(&dir);
            measure(Command::new(&interpel).args(["synth", dir.to_str().unwrap(), "--letters", &n.to_string()]));
        }
        let out = dir.join("out");
        let peers = has_typst && n <= peers_up_to;
        // The machine's load moves wall times by 10 to 20 % from one run to
        // the next: up to 1 000 letters, each run is repeated and the rounds
        // interleaved, so that a slow minute weighs on every contender alike.
        let rounds = rounds_env.unwrap_or(if n <= 1_000 { 3 } else { 1 });
        let modes = [
            ("interpel build --no-print --no-html --no-proofs", &["--no-print", "--no-html", "--no-proofs"][..]),
            ("interpel build", &[][..]),
        ];
        let mut builds: Vec<Runs> = modes.iter().map(|(what, _)| Runs::new(what)).collect();
        let mut per_process = Runs::new(&format!("typst CLI, one process per document (xargs -P {jobs})"));
        let mut bundle = Runs::new("typst CLI, bundle export");
        let peer = dir.join("peer");
        for round in 0..rounds {
            // The same work as the peers (PDFs of every document), then the
            // whole build (also the print files and the briefings' web pages).
            for ((_, extra), runs) in modes.iter().zip(&mut builds) {
                let mut command = Command::new(&interpel);
                command.args(["build", dir.to_str().unwrap(), "--date", "2026-11-22", "--verbose"]).args(*extra);
                let (wall, rss, stderr) = measure(&mut command);
                let stages = stderr
                    .lines()
                    .find(|l| l.starts_with("stages:"))
                    .unwrap_or_default()
                    .trim_start_matches("stages: ");
                runs.measured.push((wall, rss, stages.to_string()));
            }
            if !peers {
                continue;
            }
            if round == 0 {
                // The peers compile the very sources the builds generated.
                let _ = std::fs::remove_dir_all(&peer);
                copy_dir(&out.join("typst"), &peer);
                let files = sources(&peer);
                std::fs::write(dir.join("sources.txt"), files.join("\n")).unwrap();
                let wrapped: String = files
                    .iter()
                    .map(|s| format!("#document(\"{}.pdf\")[#include \"{s}\"]\n", s.trim_end_matches(".typ")))
                    .collect();
                std::fs::write(peer.join("bundle.typ"), wrapped).unwrap();
            }

            // One typst process per document.
            // Paths go to the shell as arguments, never inside the script.
            let script = format!(
                "cd \"$1\" && xargs -P {jobs} -n 1 \"$2\" compile --root . --creation-timestamp 1795305600 < \"$3\""
            );
            let (wall, rss, _) = measure(
                Command::new("sh").args(["-c", &script, "sh"]).arg(&peer).arg(&typst).arg(dir.join("sources.txt")),
            );
            per_process.measured.push((wall, rss, String::new()));

            // One bundle export over every document.
            let (wall, rss, _) = measure(
                Command::new(&typst)
                    .current_dir(&peer)
                    .env("RUST_MIN_STACK", (256usize << 20).to_string())
                    .args(["compile", "--root", ".", "--features", "bundle", "--format", "bundle"])
                    .args(["--creation-timestamp", "1795305600", "bundle.typ", "bundle-out"]),
            );
            bundle.measured.push((wall, rss, String::new()));
        }
        let docs = sources(&out.join("typst")).len();
        for runs in &builds {
            runs.row(n, docs);
        }
        if peers {
            per_process.row(n, docs);
            bundle.row(n, docs);
            let ours = builds[0].median().0.as_secs_f64();
            ratios.push(format!(
                "{n} letters: {:.2}× the per-process CLI, {:.2}× the bundle export (median wall times, PDFs only)",
                per_process.median().0.as_secs_f64() / ours,
                bundle.median().0.as_secs_f64() / ours
            ));
        }
    }
    for line in ratios {
        println!("\n{line}");
    }
}
