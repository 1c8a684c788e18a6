//! Lists the project's `templates/` folder for the binary to embed: every
//! file in it becomes a built-in template (`render::DEFAULTS`), so that a
//! new kind of document needs its template file and no line of code to be
//! built in. (The `include_dir` crate does the embedding, but cargo cannot
//! see a file added to the folder through it on stable Rust; a build script
//! can ask to run again whenever the folder changes.)

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo")).join("templates");
    // A folder given here is watched with everything in it.
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    walk(&root, &mut files);
    // Sorted by their path in the folder: the same list on every machine.
    let mut names: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&root).expect("under templates/");
            let name = rel.components().map(|c| c.as_os_str().to_str().expect("UTF-8 names")).collect::<Vec<_>>();
            (name.join("/"), path)
        })
        .collect();
    names.sort();
    let mut out = String::from("&[\n");
    for (name, path) in names {
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).expect("a string");
    }
    out.push_str("]\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("templates.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Every file under `dir`, skipping hidden ones (an editor's swap files).
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("templates/ is readable") {
        let path = entry.expect("templates/ is readable").path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}
