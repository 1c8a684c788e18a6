//! File-system wrappers whose errors name the path they failed on.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// An I/O error together with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct IoError {
    /// The file or folder.
    pub path: PathBuf,
    /// What the operating system said.
    pub source: io::Error,
}

impl IoError {
    /// Names the path of an I/O error: `.map_err(IoError::at(path))`.
    pub fn at(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> IoError {
        let path = path.into();
        move |source| IoError { path, source }
    }
}

fn named<T>(path: &Path, result: io::Result<T>) -> Result<T, IoError> {
    result.map_err(IoError::at(path))
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Path, data: &[u8]) -> Result<(), IoError> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    named(path, fs::write(path, data))
}

/// Makes `to` the same file as `from` (a hard link: no data is written),
/// or, where the file system cannot, a copy.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), IoError> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    match fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(_) => named(to, fs::copy(from, to).map(drop)),
    }
}

/// Copies a whole file, creating the parent folders of `to`.
pub fn copy(from: &Path, to: &Path) -> Result<(), IoError> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    named(to, fs::copy(from, to).map(drop))
}

/// Whether two files both exist and hold the same bytes, read a block at
/// a time.
pub fn same_bytes(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let open = |path: &Path| fs::File::open(path).and_then(|f| Ok((f.metadata()?.len(), f)));
    let (Ok((len_a, mut a)), Ok((len_b, mut b))) = (open(a), open(b)) else { return false };
    if len_a != len_b {
        return false;
    }
    let (mut block_a, mut block_b) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let n = match a.read(&mut block_a) {
            Ok(0) => return b.read(&mut block_b).is_ok_and(|n| n == 0),
            Ok(n) => n,
            Err(_) => return false,
        };
        if b.read_exact(&mut block_b[..n]).is_err() || block_a[..n] != block_b[..n] {
            return false;
        }
    }
}

/// Removes a file.
pub fn remove_file(path: &Path) -> Result<(), IoError> {
    named(path, fs::remove_file(path))
}

/// Every file under `dir`, by its path relative to it with `/` separators.
pub fn files_under(dir: &Path) -> Result<Vec<String>, IoError> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), IoError> {
        for entry in named(dir, fs::read_dir(dir))? {
            let entry = named(dir, entry)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            if named(&entry.path(), entry.file_type())?.is_dir() {
                walk(&entry.path(), &rel, out)?;
            } else {
                out.push(rel);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files)?;
    Ok(files)
}

/// Removes the empty folders under `dir` (not `dir` itself).
pub fn remove_empty_dirs(dir: &Path) -> Result<(), IoError> {
    for entry in named(dir, fs::read_dir(dir))? {
        let entry = named(dir, entry)?;
        let path = entry.path();
        // The entry's type, as the folder listing gives it: no call per file.
        if named(&path, entry.file_type())?.is_dir() {
            remove_empty_dirs(&path)?;
            if named(&path, fs::read_dir(&path))?.next().is_none() {
                named(&path, fs::remove_dir(&path))?;
            }
        }
    }
    Ok(())
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), IoError> {
    named(path, fs::create_dir_all(path))
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), IoError> {
    named(from, fs::rename(from, to))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub fn remove_dir_all(path: &Path) -> Result<(), IoError> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => named(path, other),
    }
}

/// Lists the entries of a folder, sorted by name.
pub fn read_dir_sorted(path: &Path) -> Result<Vec<PathBuf>, IoError> {
    let mut entries = Vec::new();
    for entry in named(path, fs::read_dir(path))? {
        entries.push(named(path, entry)?.path());
    }
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_compares_whole_files_block_by_block() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut changed = long.clone();
        changed[150_000] ^= 1;
        write(&path("a"), &long).unwrap();
        write(&path("b"), &long).unwrap();
        write(&path("c"), &changed).unwrap();
        write(&path("d"), &long[..100_000]).unwrap();
        assert!(same_bytes(&path("a"), &path("b")));
        assert!(!same_bytes(&path("a"), &path("c")), "a byte differs in the third block");
        assert!(!same_bytes(&path("a"), &path("d")), "a shorter file");
        assert!(!same_bytes(&path("a"), &path("missing")));
        write(&path("e"), b"").unwrap();
        write(&path("f"), b"").unwrap();
        assert!(same_bytes(&path("e"), &path("f")));
    }
}
